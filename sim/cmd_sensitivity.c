/* cmd_sensitivity.c: `ladder sensitivity FILE`: which assumption moves the
 * targets most: every parameter at its low and high value in turn, all else
 * drawn as `ladder run` draws it (or central with --central), the targets'
 * probabilities ranked by swing, sensitivity.json and tornado charts.
 * SPDX-License-Identifier: MIT */
#include "commands.h"
#include "errors.h"
#include "out_scenario.h"
#include "out_sensitivity.h"
#include "results.h"
#include "run_outputs.h"
#include "sensitivity.h"

/* The flags as typed (NULL / FALSE when absent), as read, and the result. */
typedef struct {
    CliRunOptions opts;
    char *spread_text, *target_name;
    gboolean central, baselines;
    SensitivityOptions options;
    int target;        /* SENSITIVITY_EVERY_TARGET without --target */
    Sensitivity *result;
} SensitivityState;

static SensitivityState sensitivity_state;

static void sensitivity_add_options(GOptionContext *ctx, void *state)
{
    SensitivityState *st = state;
    const GOptionEntry entries[] = {
        {"spread", 0, 0, G_OPTION_ARG_STRING, &st->spread_text,
         "Vary a value without [uncertainty] by ±X, 0 < X < 1 (default: 0.2)", "X"},
        {"target", 0, 0, G_OPTION_ARG_STRING, &st->target_name,
         "Only this target (\"all\": every target met together)", "NAME"},
        {"central", 0, 0, G_OPTION_ARG_NONE, &st->central,
         "All parameters at central values; the base then differs from ladder run's", NULL},
        {"baselines", 0, 0, G_OPTION_ARG_NONE, &st->baselines,
         "Also vary each baseline without [uncertainty], by ±the spread", NULL},
        {NULL},
    };
    g_option_context_add_main_entries(ctx, entries, NULL);
}

/* The flags as sensitivity_run takes them: --spread a number strictly
 * between 0 and 1 (default 0.2), --central, --baselines. */
static gboolean sensitivity_check(void *state, GError **error)
{
    SensitivityState *st = state;
    SensitivityOptions *o = &st->options;
    *o = (SensitivityOptions){.spread = SENSITIVITY_DEFAULT_SPREAD, .central = st->central,
                              .baselines = st->baselines};
    if (cli_flag_double(st->spread_text, "--spread", 0, 1, &o->spread, NULL) && o->spread > 0 && o->spread < 1)
        return TRUE;
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE,
                "--spread %s: expected a number greater than 0 and less than 1 (0.2 varies a value by ±20%%)",
                st->spread_text);
    return FALSE;
}

/* --target as sensitivity_run takes it (every target when absent). */
static gboolean sensitivity_read(void *state, CommandCall *call, GError **error)
{
    SensitivityState *st = state;
    st->target = st->target_name ? sensitivity_target_find(call->model, st->target_name, error)
                                 : SENSITIVITY_EVERY_TARGET;
    return st->target_name == NULL || st->target >= 0;
}

static gboolean sensitivity_compute(void *state, const CommandCall *call, GError **error)
{
    SensitivityState *st = state;
    st->result = sensitivity_run(call->model, &st->options, st->target, &call->config, error);
    return st->result != NULL;
}

/* sensitivity.json, the tornado charts' data and scripts, and the charts. */
static gboolean sensitivity_write(void *state, const CommandCall *call, GError **error)
{
    const Sensitivity *s = ((SensitivityState *)state)->result;
    g_autofree char *json = g_build_filename(call->dir, results_file(RESULTS_SENSITIVITY), NULL);
    g_autofree char *scenario = g_build_filename(call->dir, results_file(RESULTS_SCENARIO), NULL);
    if (!out_sensitivity_json(s, json, error) || !out_sensitivity_plot(s, call->dir, error) ||
        !out_scenario_json(s->plan->model, scenario, error))
        return FALSE;
    return !call->render || run_outputs_render(call->dir, error);
}

static void sensitivity_print(void *state, GString *out)
{
    out_sensitivity_table(((SensitivityState *)state)->result, out);
}

static void sensitivity_clear(void *state)
{
    SensitivityState *st = state;
    g_clear_pointer(&st->result, sensitivity_free);
    g_clear_pointer(&st->spread_text, g_free);
    g_clear_pointer(&st->target_name, g_free);
    st->central = st->baselines = FALSE;
}

const CommandSpec cmd_sensitivity_spec = {
    .name = "sensitivity",
    .parameter = "FILE",
    .summary = "which assumption moves the targets most (tornado charts)",
    .usage = "FILE - which assumption moves the targets most",
    .help_summary =
        "Sets every parameter in turn (each edge, exit, renewal, inflow and recruitment, and\n"
        "each baseline with [uncertainty]) to a low and a high value while every other\n"
        "parameter is drawn from [uncertainty] as `ladder run` draws it, and ranks them by\n"
        "how far they move the probability of each target.  The base is `ladder run`'s\n"
        "probability, to the digit for the same seed and --reps.  Low and high are the P5\n"
        "and P95 of the parameter's [uncertainty] distribution, else its value ∓ the spread.",
    .help_description =
        "Examples:\n"
        "  ladder sensitivity scenarios/tianning-2025.ini --target 高新技术企业500家\n"
        "  ladder sensitivity scenarios/tianning-2025.ini --central --baselines\n\n"
        "Writes sensitivity.json, sensitivity.csv and a tornado chart per target (tornado_1.png, ...,\n"
        "tornado_all.png for every target together; .dat, .gp, .png, .svg) into\n"
        "out/tianning-2025-sensitivity/. Every table, chart and the JSON name the base:\n"
        "\"基准：与 ladder run 相同的 52.3%\"; with --central (every parameter at its\n"
        "central value, the analysis of earlier versions) the base differs from ladder\n"
        "run's, and says so beside it.  A baseline without [uncertainty] is varied only\n"
        "with --baselines.  Every variant shares the base run's random numbers, the\n"
        "other parameters' draws included, so a parameter that cannot reach a target has\n"
        "a swing of exactly 0.  A value that would push a stage's exit plus edges past 1\n"
        "in some year (all else central) is capped at the largest valid one and marked.\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage,\n"
        "130 interrupted (Ctrl-C leaves no folder behind).",
    .operand = "scenario file",
    .state = &sensitivity_state, .opts = &sensitivity_state.opts, .out_suffix = "-sensitivity",
    .policy_flags = TRUE, .takes_regions = TRUE,
    .add_options = sensitivity_add_options, .check = sensitivity_check, .read = sensitivity_read,
    .compute = sensitivity_compute, .write = sensitivity_write,
    .print = sensitivity_print, .clear = sensitivity_clear,
};
