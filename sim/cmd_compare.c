/* cmd_compare.c: `ladder compare BASE.ini OTHER.ini...`: run scenarios side
 * by side under common random numbers and say what each other scenario
 * changes against the first, and at what cost.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <glib/gstdio.h>

#include "commands.h"
#include "comparison.h"
#include "cost.h"
#include "errors.h"
#include "out_compare.h"
#include "out_plot.h"
#include "paired.h"
#include "results.h"
#include "run_outputs.h"
#include "scenario.h"

/* The scenarios and their costs, in the order given, and the result. */
typedef struct {
    CliRunOptions opts;
    GPtrArray *models;         /* Model */
    GPtrArray *costs;          /* CostSheet */
    PairedResult *paired;
    Comparison *result;        /* borrows paired, models and costs */
} CompareState;

static CompareState compare_state;

/* Loads every file, checks each can be compared with the first, and
 * prices its policies.  Stops at the first error. */
static gboolean compare_load(void *state, CommandCall *call, GError **error)
{
    CompareState *st = state;
    st->models = g_ptr_array_new_with_free_func((GDestroyNotify)model_free);
    st->costs = g_ptr_array_new_with_free_func((GDestroyNotify)cost_sheet_free);
    for (int k = 0; k < call->n_files; k++) {
        Model *m = scenario_load(call->files[k], error);
        if (m == NULL)
            return FALSE;
        g_ptr_array_add(st->models, m);
        if (k > 0 && !model_comparable(m, st->models->pdata[0], error))
            return FALSE;
        CostSheet *c = cost_sheet_new(m, error);
        if (c == NULL)
            return FALSE;
        g_ptr_array_add(st->costs, c);
    }
    call->models = (Model *const *)st->models->pdata;
    call->n_models = (int)st->models->len;
    return TRUE;
}

static gboolean compare_compute(void *state, const CommandCall *call, GError **error)
{
    CompareState *st = state;
    const Model *const *models = (const Model *const *)call->models;
    st->paired = runner_run_paired(models, call->n_models, &call->config, error);
    st->result = st->paired ? comparison_new(models, call->files, (const CostSheet *const *)st->costs->pdata,
                                             st->paired, error)
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
        "(see docs/scenario-format.md).\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage,\n"
        "130 interrupted (Ctrl-C leaves no folder behind).",
    .operand = "scenario file", .several = TRUE,
    .state = &compare_state, .opts = &compare_state.opts, .out_suffix = "-compare", .uncertainty_flag = TRUE,
    .load = compare_load,
    .compute = compare_compute, .write = compare_write, .print = compare_print, .clear = compare_clear,
};
