/* cmd_compare.c: `ladder compare BASE.ini OTHER.ini...`: run scenarios side
 * by side under common random numbers and say what each other scenario
 * changes against the first, and at what cost; `ladder compare FILE
 * --each-policy`: the file with no policy, each policy alone and all of
 * them, against the first.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "commands.h"
#include "comparison.h"
#include "cost.h"
#include "errors.h"
#include "i18n.h"
#include "out_compare.h"
#include "out_plot.h"
#include "paired.h"
#include "results.h"
#include "run_outputs.h"
#include "scenario.h"

/* The scenarios and their costs, in the order given, and the result. */
typedef struct {
    CliRunOptions opts;
    gboolean each_policy;      /* --each-policy */
    GPtrArray *files;          /* char *, borrowed: each scenario's file */
    GPtrArray *ids;            /* char *: each scenario's subfolder; NULL: by file stem */
    GPtrArray *models;         /* Model */
    GPtrArray *costs;          /* CostSheet */
    PairedResult *paired;
    Comparison *result;        /* borrows paired, models and costs */
} CompareState;

static CompareState compare_state;

static void compare_add_options(GOptionContext *ctx, void *state)
{
    CompareState *st = state;
    const GOptionEntry entries[] = {
        {"each-policy", 0, 0, G_OPTION_ARG_NONE, &st->each_policy,
         "Compare one FILE with no policy (the base), each of its policies alone, and all of them together",
         NULL},
        {NULL},
    };
    g_option_context_add_main_entries(ctx, entries, NULL);
}

/* Two scenario files or more; with --each-policy, one. */
static gboolean compare_operands(void *state, int n, GError **error)
{
    CompareState *st = state;
    if (st->each_policy && n != 1) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "compare --each-policy: name one scenario file (got %d)",
                    n);
        return FALSE;
    }
    if (!st->each_policy && n < 2) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE,
                    "compare: name at least two scenario files, the base first (got %d), or one with --each-policy",
                    n);
        return FALSE;
    }
    return TRUE;
}

/* Adds scenario `m` (taken) read from `file`, in subfolder `id` (NULL: by
 * file stem), after checking it can be compared with the first and
 * pricing its policies. */
static gboolean add_scenario(CompareState *st, Model *m, const char *file, const char *id, GError **error)
{
    g_ptr_array_add(st->models, m);
    g_ptr_array_add(st->files, (char *)file);
    if (id)
        g_ptr_array_add(st->ids, g_strdup(id));
    if (st->models->len > 1 && !model_comparable(m, st->models->pdata[0], error))
        return FALSE;
    CostSheet *c = cost_sheet_new(m, error);
    if (c == NULL)
        return FALSE;
    g_ptr_array_add(st->costs, c);
    return TRUE;
}

/* A copy of `m` with every policy but `keep` switched off (-1: all). */
static Model *with_policy(const Model *m, int keep)
{
    Model *c = model_copy(m);
    const char *kept = keep >= 0 ? m->policies[keep].name : NULL;
    for (int p = 0; p < c->n_policies;)
        if (kept && strcmp(c->policies[p].name, kept) == 0)
            p++;
        else
            model_switch_off_policy(c, p);
    return c;
}

/* --each-policy's scenarios of `file`: no policy (the base, "none"), each
 * policy alone ("only-1", ...; left out when there is one policy: it is
 * the file), and every policy, the file as written ("all"). */
static gboolean each_policy(CompareState *st, const char *file, GError **error)
{
    g_autoptr(Model) m = scenario_load(file, error);
    if (m == NULL)
        return FALSE;
    if (m->n_policies == 0) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                    "%s has no [policy] group: --each-policy compares a file's policies", file);
        return FALSE;
    }
    if (!add_scenario(st, with_policy(m, -1), file, COMPARISON_EACH_NONE, error))
        return FALSE;
    for (int p = 0; m->n_policies > 1 && p < m->n_policies; p++) {
        g_autofree char *id = g_strdup_printf("only-%d", p + 1);
        if (!add_scenario(st, with_policy(m, p), file, id, error))
            return FALSE;
    }
    return add_scenario(st, g_steal_pointer(&m), file, COMPARISON_EACH_ALL, error);
}

/* Loads every file (or one file's policy variants), checks each can be
 * compared with the first, and prices its policies.  Stops at the first
 * error. */
static gboolean compare_load(void *state, CommandCall *call, GError **error)
{
    CompareState *st = state;
    st->models = g_ptr_array_new_with_free_func((GDestroyNotify)model_free);
    st->costs = g_ptr_array_new_with_free_func((GDestroyNotify)cost_sheet_free);
    st->files = g_ptr_array_new();
    st->ids = st->each_policy ? g_ptr_array_new_with_free_func(g_free) : NULL;
    if (st->each_policy && (st->opts.without || st->opts.only)) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE,
                    "--each-policy switches the policies itself: leave out --without and --only");
        return FALSE;
    }
    if (st->each_policy && !each_policy(st, call->files[0], error))
        return FALSE;
    for (int k = 0; !st->each_policy && k < call->n_files; k++) {
        Model *m = scenario_load(call->files[k], error);
        if (m == NULL || !add_scenario(st, m, call->files[k], NULL, error))
            return FALSE;
    }
    call->models = (Model *const *)st->models->pdata;
    call->n_models = (int)st->models->len;
    return TRUE;
}

/* --each-policy: each variant named after the file's scenario in the
 * language it speaks (after --lang), "天宁区 2025：仅专班". */
static gboolean compare_read(void *state, CommandCall *call, GError **error)
{
    (void)error;
    CompareState *st = state;
    for (int k = 0; st->each_policy && k < call->n_models; k++) {
        Model *m = call->models[k];
        const char *id = st->ids->pdata[k];
        g_autofree char *name = m->name;
        if (strcmp(id, COMPARISON_EACH_NONE) == 0)
            m->name = g_strdup_printf(i18n_text(m->language, I18N_EACH_NONE_FMT), name);
        else if (strcmp(id, COMPARISON_EACH_ALL) == 0)
            m->name = g_strdup_printf(i18n_text(m->language, I18N_EACH_ALL_FMT), name);
        else
            m->name = g_strdup_printf(i18n_text(m->language, I18N_EACH_ONLY_FMT), name, m->policies[0].name);
    }
    return TRUE;
}

static gboolean compare_compute(void *state, const CommandCall *call, GError **error)
{
    CompareState *st = state;
    const Model *const *models = (const Model *const *)call->models;
    st->paired = runner_run_paired(models, call->n_models, &call->config, error);
    const char *const *ids = st->ids ? (const char *const *)st->ids->pdata : NULL;
    st->result = st->paired ? comparison_new(models, (const char *const *)st->files->pdata, ids,
                                             (const CostSheet *const *)st->costs->pdata, st->paired, error)
                            : NULL;
    return st->result != NULL;
}

/* Each scenario's run files in dir/<id>, then compare.json and the
 * comparison charts in dir. */
static gboolean compare_write(void *state, const CommandCall *call, GError **error)
{
    const Comparison *c = ((CompareState *)state)->result;
    for (int k = 0; k < c->n_scenarios; k++) {
        g_autofree char *sub = g_build_filename(call->dir, c->scenarios[k].id, NULL);
        if (g_mkdir(sub, 0777) != 0) {
            int e = errno;
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "cannot create folder %s: %s", sub, g_strerror(e));
            return FALSE;
        }
        if (!run_outputs_write(c->scenarios[k].summary, sub, call->render, error))
            return FALSE;
    }
    g_autofree char *json = g_build_filename(call->dir, results_file(RESULTS_COMPARE), NULL);
    if (!out_compare_json_write(c, json, error) || !out_compare_plot_write(c, call->dir, error))
        return FALSE;
    gboolean no_gnuplot = FALSE;  /* run_outputs_write has said so */
    return !call->render || out_plot_render(call->dir, &no_gnuplot, error);
}

static void compare_print(void *state, GString *out)
{
    out_compare_table_format(((CompareState *)state)->result, out);
}

static void compare_clear(void *state)
{
    CompareState *st = state;
    g_clear_pointer(&st->result, comparison_free);
    g_clear_pointer(&st->paired, paired_result_free);
    g_clear_pointer(&st->models, g_ptr_array_unref);
    g_clear_pointer(&st->costs, g_ptr_array_unref);
    g_clear_pointer(&st->files, g_ptr_array_unref);
    g_clear_pointer(&st->ids, g_ptr_array_unref);
    st->each_policy = FALSE;
}

const CommandSpec cmd_compare_spec = {
    .name = "compare",
    .parameter = "BASE OTHER...",
    .summary = "compare scenarios under common random numbers, with costs",
    .usage = "BASE.ini OTHER.ini... - compare scenarios against the first",
    .help_summary =
        "Runs every scenario with the same random numbers (replication r of each draws the same\n"
        "wherever the scenarios coincide) and says, for each target, how much each other scenario\n"
        "changes the probability of meeting it against the first, BASE, and at what cost.",
    .help_description =
        "Example:\n"
        "  ladder compare scenarios/tianning-2025.ini scenarios/tianning-2025-zhuanban.ini \\\n"
        "                 scenarios/tianning-2025-zhaoyin.ini\n\n"
        "Writes compare.json, compare.csv and the comparison charts into out/tianning-2025-compare/, and\n"
        "each scenario's own results, as `ladder run` writes them, into a subfolder named\n"
        "after its file (a file given twice gets -2). Replications and seed default to\n"
        "BASE's. The scenarios must have the same stages in the same order, base_year and\n"
        "horizon. Costs come from cost_per_year and cost_per_firm in [policy] groups, in 万元\n"
        "(see docs/scenario-format.md).\n\n"
        "  ladder compare scenarios/tianning-2025-zhuanban.ini --each-policy\n\n"
        "compares the file with no policy (the base), each policy alone, and all of them,\n"
        "in subfolders none/, only-1/, only-2/ ... and all/.\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage,\n"
        "130 interrupted (Ctrl-C leaves no folder behind).",
    .operand = "scenario file", .several = TRUE, .operands = compare_operands,
    .state = &compare_state, .opts = &compare_state.opts, .out_suffix = "-compare",
    .uncertainty_flag = TRUE, .policy_flags = TRUE, .takes_regions = TRUE,
    .add_options = compare_add_options, .load = compare_load, .read = compare_read,
    .compute = compare_compute, .write = compare_write, .print = compare_print, .clear = compare_clear,
};
