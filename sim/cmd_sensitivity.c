/* cmd_sensitivity.c: `ladder sensitivity FILE`: which assumption moves the
 * targets most: every parameter at its low and high value in turn, all else
 * drawn as `ladder run` draws it (or central with --central), the targets'
 * probabilities ranked by swing, sensitivity.json and tornado charts.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "errors.h"
#include "i18n.h"
#include "out_scenario.h"
#include "out_sensitivity.h"
#include "outdir.h"
#include "results.h"
#include "scenario.h"
#include "sensitivity.h"

static CliRunOptions opts;
static char *spread_text, *target_name;
static gboolean central, baselines;

GOptionContext *cmd_sensitivity_context(void)
{
    GOptionContext *ctx = g_option_context_new("FILE - which assumption moves the targets most");
    const GOptionEntry entries[] = {
        {"spread", 0, 0, G_OPTION_ARG_STRING, &spread_text,
         "Vary a value without [uncertainty] by ±X, 0 < X < 1 (default: 0.2)", "X"},
        {"target", 0, 0, G_OPTION_ARG_STRING, &target_name,
         "Only this target (\"all\": every target met together)", "NAME"},
        {"central", 0, 0, G_OPTION_ARG_NONE, &central,
         "All parameters at central values; the base then differs from ladder run's", NULL},
        {"baselines", 0, 0, G_OPTION_ARG_NONE, &baselines,
         "Also vary each baseline without [uncertainty], by ±the spread", NULL},
        {NULL},
    };
    g_option_context_add_main_entries(ctx, entries, NULL);
    cli_add_run_options(ctx, &opts, "-sensitivity", FALSE);
    g_option_context_set_summary(ctx,
        "Sets every parameter in turn (each edge, exit, renewal, inflow and recruitment, and\n"
        "each baseline with [uncertainty]) to a low and a high value while every other\n"
        "parameter is drawn from [uncertainty] as `ladder run` draws it, and ranks them by\n"
        "how far they move the probability of each target.  The base is `ladder run`'s\n"
        "probability, to the digit for the same seed and --reps.  Low and high are the P5\n"
        "and P95 of the parameter's [uncertainty] distribution, else its value ∓ the spread.");
    g_option_context_set_description(ctx,
        "Examples:\n"
        "  ladder sensitivity scenarios/tianning-2025.ini --target 高新技术企业500家\n"
        "  ladder sensitivity scenarios/tianning-2025.ini --central --baselines\n\n"
        "Writes sensitivity.json and a tornado chart per target (tornado_1.png, ...,\n"
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
        "130 interrupted (Ctrl-C leaves no folder behind).");
    return ctx;
}

/* The flags as sensitivity_run takes them: --spread a number strictly
 * between 0 and 1 (default 0.2), --central, --baselines. */
static gboolean read_options(SensitivityOptions *o, GError **error)
{
    *o = (SensitivityOptions){.spread = SENSITIVITY_DEFAULT_SPREAD, .central = central, .baselines = baselines};
    if (cli_flag_double(spread_text, "--spread", 0, 1, &o->spread, NULL) && o->spread > 0 && o->spread < 1)
        return TRUE;
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE,
                "--spread %s: expected a number greater than 0 and less than 1 (0.2 varies a value by ±20%%)",
                spread_text);
    return FALSE;
}

/* --target as sensitivity_run takes it (every target when absent). */
static gboolean read_target(const Model *m, int *target, GError **error)
{
    *target = target_name ? sensitivity_target_find(m, target_name, error) : SENSITIVITY_EVERY_TARGET;
    return target_name == NULL || *target >= 0;
}

/* sensitivity.json, the tornado charts' data and scripts, and (with
 * `render`) the charts, into `dir`. */
static gboolean write_outputs(const Sensitivity *s, const char *dir, gboolean render, GError **error)
{
    g_autofree char *json = g_build_filename(dir, results_file(RESULTS_SENSITIVITY), NULL);
    g_autofree char *scenario = g_build_filename(dir, results_file(RESULTS_SCENARIO), NULL);
    if (!out_sensitivity_json(s, json, error) || !out_sensitivity_plot(s, dir, error) ||
        !out_scenario_json(s->plan->model, scenario, error))
        return FALSE;
    return !render || cli_render_charts(dir, error);
}

static int sensitivity_file(const char *file)
{
    GError *error = NULL;
    SensitivityOptions options;
    int target;
    RunConfig config;
    if (!read_options(&options, &error))
        return cmd_fail("sensitivity", error);
    g_autoptr(Model) m = scenario_load(file, &error);
    cli_apply_language(m, &opts);
    if (m == NULL || !cli_run_config(m, &opts, &config, &error) || !read_target(m, &target, &error))
        return cmd_fail("sensitivity", error);
    g_autofree char *dest = opts.out ? g_strdup(opts.out) : cli_default_out(file, "-sensitivity");
    g_autoptr(OutDir) out = outdir_begin(dest, "sensitivity", opts.force, &error);
    if (out == NULL)
        return cmd_fail("sensitivity", error);
    g_autoptr(Sensitivity) s = sensitivity_run(m, &options, target, &config, &error);
    gboolean written = s != NULL && write_outputs(s, outdir_path(out), !opts.no_charts, &error);
    if (cli_check_interrupted(&error) || !written)
        return cmd_fail("sensitivity", outdir_name_error(out, error));
    if (!cli_commit(g_steal_pointer(&out), &opts, &error))
        return cmd_fail("sensitivity", error);
    if (!opts.quiet) {
        g_autoptr(GString) table = g_string_new(NULL);
        out_sensitivity_table(s, table);
        fputs(table->str, stdout);
        printf("\n%s %s/\n", i18n_text(m->language, I18N_RESULTS_IN), dest);
    }
    return LADDER_EXIT_OK;
}

int cmd_sensitivity_main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = cmd_sensitivity_context();
    GError *error = NULL;
    int status;
    if (!cli_parse(ctx, &argc, &argv, &error)) {
        status = cmd_fail("sensitivity", error);
    } else if (argc != 2) {
        g_set_error(&error, LADDER_ERROR, LADDER_ERROR_USAGE, "sensitivity: %s",
                    argc < 2 ? "name one scenario file" : "name only one scenario file");
        status = cmd_fail("sensitivity", error);
    } else {
        cli_catch_interrupts();
        status = sensitivity_file(argv[1]);
    }
    cli_run_options_clear(&opts);
    g_clear_pointer(&spread_text, g_free);
    g_clear_pointer(&target_name, g_free);
    central = baselines = FALSE;
    return status;
}
