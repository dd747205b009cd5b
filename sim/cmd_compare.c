/* cmd_compare.c: `ladder compare BASE.ini OTHER.ini...`: run scenarios side
 * by side under common random numbers and say what each other scenario
 * changes against the first, and at what cost.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "cli.h"
#include "commands.h"
#include "comparison.h"
#include "cost.h"
#include "errors.h"
#include "i18n.h"
#include "out_plot.h"
#include "out_compare.h"
#include "outdir.h"
#include "paired.h"
#include "results.h"
#include "runner.h"
#include "scenario.h"

static CliRunOptions opts;

GOptionContext *cmd_compare_context(void)
{
    GOptionContext *ctx = g_option_context_new("BASE.ini OTHER.ini... - compare scenarios against the first");
    cli_add_run_options(ctx, &opts, "-compare", TRUE);
    g_option_context_set_summary(ctx,
        "Runs every scenario with the same random numbers (replication r of each draws the same\n"
        "wherever the scenarios coincide) and says, for each target, how much each other scenario\n"
        "changes the probability of meeting it against the first, BASE, and at what cost.");
    g_option_context_set_description(ctx,
        "Example:\n"
        "  ladder compare scenarios/tianning-2025.ini scenarios/tianning-2025-zhuanban.ini \\\n"
        "                 scenarios/tianning-2025-zhaoyin.ini\n\n"
        "Writes compare.json and the comparison charts into out/tianning-2025-compare/, and\n"
        "each scenario's own results, as `ladder run` writes them, into a subfolder named\n"
        "after its file (a file given twice gets -2). Replications and seed default to\n"
        "BASE's. The scenarios must have the same stages in the same order, base_year and\n"
        "horizon. Costs come from cost_per_year and cost_per_firm in [policy] groups, in 万元\n"
        "(see docs/scenario-format.md).\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage,\n"
        "130 interrupted (Ctrl-C leaves no folder behind).");
    return ctx;
}

/* The scenarios and their costs, in the order given. */
typedef struct {
    int n;
    const char *const *files;  /* borrowed from argv */
    GPtrArray *models;         /* Model */
    GPtrArray *costs;          /* CostSheet */
} Inputs;

static void inputs_clear(Inputs *in)
{
    g_clear_pointer(&in->models, g_ptr_array_unref);
    g_clear_pointer(&in->costs, g_ptr_array_unref);
}

/* Loads every file, checks each can be compared with the first, and
 * prices its policies.  Stops at the first error. */
static gboolean inputs_load(Inputs *in, GError **error)
{
    in->models = g_ptr_array_new_with_free_func((GDestroyNotify)model_free);
    in->costs = g_ptr_array_new_with_free_func((GDestroyNotify)cost_sheet_free);
    for (int k = 0; k < in->n; k++) {
        Model *m = scenario_load(in->files[k], error);
        if (m == NULL)
            return FALSE;
        g_ptr_array_add(in->models, m);
        if (k > 0 && !model_comparable(m, in->models->pdata[0], error))
            return FALSE;
        CostSheet *c = cost_sheet_new(m, error);
        if (c == NULL)
            return FALSE;
        g_ptr_array_add(in->costs, c);
    }
    return TRUE;
}

/* Each scenario's run files in dir/<id>, then compare.json and the
 * comparison charts in dir. */
static gboolean write_outputs(const Comparison *c, const char *dir, gboolean render, GError **error)
{
    for (int k = 0; k < c->n_scenarios; k++) {
        g_autofree char *sub = g_build_filename(dir, c->scenarios[k].id, NULL);
        if (g_mkdir(sub, 0777) != 0) {
            int e = errno;
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "cannot create folder %s: %s", sub, g_strerror(e));
            return FALSE;
        }
        if (!cli_write_run_outputs(c->scenarios[k].summary, sub, render, error))
            return FALSE;
    }
    g_autofree char *json = g_build_filename(dir, results_file(RESULTS_COMPARE), NULL);
    if (!out_compare_json_write(c, json, error) || !out_compare_plot_write(c, dir, error))
        return FALSE;
    gboolean no_gnuplot = FALSE;  /* cli_write_run_outputs has said so */
    return !render || out_plot_render(dir, &no_gnuplot, error);
}

static void print_results(const Comparison *c, const char *dest)
{
    g_autoptr(GString) table = g_string_new(NULL);
    out_compare_table_format(c, table);
    fputs(table->str, stdout);
    printf("\n%s %s/\n", i18n_text(c->scenarios[0].model->language, I18N_RESULTS_IN), dest);
}

/* Runs the comparison of `in` (loaded) into `dest`. */
static int compare_into(const Inputs *in, const RunConfig *config, const char *dest)
{
    GError *error = NULL;
    g_autoptr(OutDir) out = outdir_begin(dest, "compare", opts.force, &error);
    if (out == NULL)
        return cmd_fail("compare", error);
    const Model *const *models = (const Model *const *)in->models->pdata;
    g_autoptr(PairedResult) paired = runner_run_paired(models, in->n, config, &error);
    g_autoptr(Comparison) c = paired ? comparison_new(models, in->files, (const CostSheet *const *)in->costs->pdata,
                                                      paired, &error)
                                     : NULL;
    gboolean written = c != NULL && write_outputs(c, outdir_path(out), !opts.no_charts, &error);
    if (cli_check_interrupted(&error) || !written)
        return cmd_fail("compare", outdir_name_error(out, error));
    if (!cli_commit(g_steal_pointer(&out), &opts, &error))
        return cmd_fail("compare", error);
    if (!opts.quiet)
        print_results(c, dest);
    return LADDER_EXIT_OK;
}

static int compare_files(const char *const *files, int n)
{
    GError *error = NULL;
    Inputs in = {.n = n, .files = files};
    RunConfig config;
    int status;
    gboolean loaded = inputs_load(&in, &error);
    for (int i = 0; loaded && i < in.n; i++)
        cli_apply_language(in.models->pdata[i], &opts);
    if (!loaded || !cli_run_config(in.models->pdata[0], &opts, &config, &error)) {
        status = cmd_fail("compare", error);
    } else {
        g_autofree char *dest = opts.out ? g_strdup(opts.out) : cli_default_out(files[0], "-compare");
        status = compare_into(&in, &config, dest);
    }
    inputs_clear(&in);
    return status;
}

int cmd_compare_main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = cmd_compare_context();
    GError *error = NULL;
    int status;
    if (!cli_parse(ctx, &argc, &argv, &error)) {
        status = cmd_fail("compare", error);
    } else if (argc < 3) {
        g_set_error(&error, LADDER_ERROR, LADDER_ERROR_USAGE,
                    "compare: name at least two scenario files, the base first (got %d)", argc - 1);
        status = cmd_fail("compare", error);
    } else {
        cli_catch_interrupts();
        status = compare_files((const char *const *)argv + 1, argc - 1);
    }
    cli_run_options_clear(&opts);
    return status;
}
