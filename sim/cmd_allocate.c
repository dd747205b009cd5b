/* cmd_allocate.c: `ladder allocate FILE --budget B [--target NAME|all]
 * [--probability P]`: which combination of the file's policies, each off
 * or at one of its levels, buys the most within a budget.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include "allocate.h"
#include "commands.h"
#include "errors.h"
#include "out_allocate.h"
#include "out_plot.h"
#include "out_scenario.h"
#include "results.h"
#include "text.h"

#define ALLOCATE_MAX_BUDGET 1e12  /* 万元: beyond any district's, and beyond SCENARIO_MAX_COST's sums */

typedef struct {
    CliRunOptions opts;
    char *budget, *target, *probability, *method;  /* the flags as typed; NULL when absent */
    AllocateConfig config;
    RunConfig run;                         /* the run settings, for the table */
    Allocation *result;
} AllocateState;

static AllocateState allocate_state;

static void allocate_add_options(GOptionContext *ctx, void *state)
{
    AllocateState *st = state;
    const GOptionEntry entries[] = {
        {"budget", 0, 0, G_OPTION_ARG_STRING, &st->budget, "The budget in 万元, over all years (required)", "B"},
        {"target", 0, 0, G_OPTION_ARG_STRING, &st->target,
         "The target whose probability to raise, by name, or 'all' for every target together (default)", "NAME"},
        {"probability", 0, 0, G_OPTION_ARG_STRING, &st->probability,
         "Also say the cheapest combination reaching this probability (0.8 for 80%)", "P"},
        {"method", 0, 0, G_OPTION_ARG_STRING, &st->method,
         "auto (default: every combination up to 256, else the search), exhaustive (every one, up to 20000) "
         "or search (the search however few)", "auto|exhaustive|search"},
        {NULL},
    };
    g_option_context_add_main_entries(ctx, entries, NULL);
}

static gboolean usage(GError **error, const char *msg, const char *value)
{
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, msg, value);
    return FALSE;
}

/* --method auto|exhaustive|search into st->config.method. */
static gboolean method_read(AllocateState *st, GError **error)
{
    static const char *const names[] = {[ALLOCATE_AUTO] = "auto", [ALLOCATE_EXHAUSTIVE] = "exhaustive",
                                        [ALLOCATE_SEARCH] = "search", NULL};
    st->config.method = ALLOCATE_AUTO;
    if (st->method == NULL)
        return TRUE;
    for (int i = 0; names[i]; i++)
        if (strcmp(st->method, names[i]) == 0) {
            st->config.method = (AllocateMethod)i;
            return TRUE;
        }
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "--method %s: ", st->method);
    text_append_one_of(msg, st->method, names);
    g_set_error_literal(error, LADDER_ERROR, LADDER_ERROR_USAGE, msg->str);
    return FALSE;
}

/* --budget, --probability and --method, which need no scenario. */
static gboolean allocate_check(void *state, GError **error)
{
    AllocateState *st = state;
    st->config.goal = NAN;
    st->config.target = -1;
    if (st->budget == NULL)
        return usage(error, "--budget is required: the budget in 万元 over all years, such as 3000%s", "");
    if (!cli_flag_double(st->budget, "--budget", 0, ALLOCATE_MAX_BUDGET, &st->config.budget, NULL))
        return usage(error, "--budget %s: expected an amount in 万元, 0 or more, such as 3000", st->budget);
    if (st->probability &&
        !cli_flag_double(st->probability, "--probability", 0, 1, &st->config.goal, NULL))
        return usage(error, "--probability %s: expected a number from 0 to 1 (0.8 for 80%%)", st->probability);
    return method_read(st, error);
}

/* --target NAME|all, against the scenario's targets. */
static gboolean allocate_read(void *state, CommandCall *call, GError **error)
{
    AllocateState *st = state;
    const Model *m = call->models[0];
    if (m->n_targets == 0) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                    "%s has no targets: allocate raises the probability of meeting them; add a [target NAME] group",
                    call->files[0]);
        return FALSE;
    }
    if (st->target == NULL || strcmp(st->target, "all") == 0)
        return TRUE;
    for (int t = 0; t < m->n_targets; t++)
        if (strcmp(m->targets[t].name, st->target) == 0) {
            st->config.target = t;
            return TRUE;
        }
    g_autofree const char **names = g_new0(const char *, m->n_targets + 2);
    for (int t = 0; t < m->n_targets; t++)
        names[t] = m->targets[t].name;
    names[m->n_targets] = "all";
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "--target %s: %s has no target '%s'", st->target, call->files[0], st->target);
    text_append_suggestion(msg, st->target, names);
    g_set_error_literal(error, LADDER_ERROR, LADDER_ERROR_USAGE, msg->str);
    return FALSE;
}

static gboolean allocate_compute(void *state, const CommandCall *call, GError **error)
{
    AllocateState *st = state;
    st->run = call->config;
    st->result = allocate_new(call->models[0], &st->config, &call->config, error);
    return st->result != NULL;
}

static gboolean allocate_write(void *state, const CommandCall *call, GError **error)
{
    AllocateState *st = state;
    g_autofree char *json = g_build_filename(call->dir, results_file(RESULTS_ALLOCATE), NULL);
    g_autofree char *scenario = g_build_filename(call->dir, results_file(RESULTS_SCENARIO), NULL);
    if (!out_scenario_json(call->models[0], scenario, error) ||
        !out_allocate_json(st->result, &call->config, json, error) ||
        !out_allocate_chart(st->result, call->dir, error))
        return FALSE;
    gboolean no_gnuplot = FALSE;
    return !call->render || out_plot_render(call->dir, &no_gnuplot, error);
}

static void allocate_print(void *state, GString *out)
{
    AllocateState *st = state;
    out_allocate_format(st->result, &st->run, out);
}

static void allocate_clear(void *state)
{
    AllocateState *st = state;
    g_clear_pointer(&st->result, allocate_free);
    g_clear_pointer(&st->budget, g_free);
    g_clear_pointer(&st->target, g_free);
    g_clear_pointer(&st->probability, g_free);
    g_clear_pointer(&st->method, g_free);
}

const CommandSpec cmd_allocate_spec = {
    .name = "allocate",
    .parameter = "FILE",
    .summary = "the best combination of a scenario's policies within a budget",
    .usage = "FILE --budget B - the best combination of the policies within a budget",
    .help_summary =
        "Runs combinations of the scenario's policies under common random numbers, each policy off or\n"
        "on at one of its levels (levels = 0.5, 1, 1.5 in its [policy] group; default 1), and says\n"
        "which gives the highest probability of meeting the target within the budget, the efficient\n"
        "frontier (the best probability for each cost) and, with --probability, the cheapest\n"
        "combination that reaches it.",
    .help_description =
        "Example:\n"
        "  ladder allocate scenarios/tianning-2025-budget.ini --budget 3000 --probability 0.6\n\n"
        "Writes allocate.json, allocate.csv and allocate.png/.svg into out/tianning-2025-budget-allocate/.\n"
        "At level λ a policy's *x becomes *(1+λ(x−1)), +x and -x become ±λx, and cost_per_year is\n"
        "multiplied by λ; the firms a combination adds, and so cost_per_firm, are counted within it.\n"
        "Costs are in 万元 over all years. Ties go to the cheaper combination, then to the one with\n"
        "fewer policies, then to file order. Up to 256 combinations every one is run (exact on the\n"
        "common random numbers); beyond, a search (screened at a tenth of the replications,\n"
        "steered by a surrogate and the budget; finalists re-run in full), said as such in the output and allocate.json;\n"
        "--method exhaustive or search forces either. Each frontier row shows its probability ± its\n"
        "Monte Carlo SE and the paired step from the row above with its 95% interval (within noise\n"
        "when it includes 0). A combination whose levels push a rate out of range is skipped and\n"
        "named, not fatal.\n"
        "--without and --only leave policies out of the choice.\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage,\n"
        "130 interrupted (Ctrl-C leaves no folder behind).",
    .operand = "scenario file",
    .state = &allocate_state, .opts = &allocate_state.opts, .out_suffix = "-allocate",
    .uncertainty_flag = TRUE, .policy_flags = TRUE, .takes_regions = TRUE,
    .add_options = allocate_add_options, .check = allocate_check, .read = allocate_read,
    .compute = allocate_compute, .write = allocate_write, .print = allocate_print, .clear = allocate_clear,
};
