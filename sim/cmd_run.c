/* cmd_run.c: `ladder run FILE`: simulate a scenario, print how likely its
 * targets are, and write the summary files and charts.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "errors.h"
#include "i18n.h"
#include "out_table.h"
#include "outdir.h"
#include "runner.h"
#include "scenario.h"
#include "summary.h"

static CliRunOptions opts;

GOptionContext *cmd_run_context(void)
{
    GOptionContext *ctx = g_option_context_new("FILE - simulate a scenario and weigh its targets");
    cli_add_run_options(ctx, &opts, "", TRUE);
    g_option_context_set_summary(ctx,
        "Runs the scenario's ladder many times and says, for each target, how likely it is met.");
    g_option_context_set_description(ctx,
        "Example:\n"
        "  ladder run scenarios/tianning-2025.ini --reps 20000 --seed 7\n\n"
        "Writes summary.json, summary.csv, gnuplot data (.dat), scripts (.gp) and\n"
        "charts (.png, .svg) into out/tianning-2025/. The same seed gives the same\n"
        "bytes in every file, whatever the number of threads.\n\n"
        "A target counts a stage (stage =, with count = stage, at_or_above, new or\n"
        "cumulative) or a list (list =): a [list ID] counts a designation that\n"
        "overlaps the exclusive stages, such as valid 高企 certificates (高企 + 瞪羚 +\n"
        "独角兽) or the 科小 register (科小 + a share of 高企); see docs/scenario-format.md.\n"
        "A target without year = is measured at the horizon, with a warning.\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage,\n"
        "130 interrupted (Ctrl-C leaves no folder behind).");
    return ctx;
}

static int run_file(const char *file)
{
    GError *error = NULL;
    g_autoptr(Model) m = scenario_load(file, &error);
    cli_apply_language(m, &opts);
    RunConfig config;
    if (m == NULL || !cli_run_config(m, &opts, &config, &error))
        return cmd_fail("run", error);
    g_autofree char *dest = opts.out ? g_strdup(opts.out) : cli_default_out(file, "");
    g_autoptr(OutDir) out = outdir_begin(dest, "run", opts.force, &error);
    if (out == NULL)
        return cmd_fail("run", error);
    g_autoptr(RunResult) run = runner_run(m, &config, &error);
    g_autoptr(Summary) summary = run ? summary_new(m, run, &error) : NULL;
    gboolean written = summary != NULL &&
                       cli_write_run_outputs(summary, outdir_path(out), !opts.no_charts, &error);
    if (cli_check_interrupted(&error) || !written)
        return cmd_fail("run", outdir_name_error(out, error));
    if (!cli_commit(g_steal_pointer(&out), &opts, &error))
        return cmd_fail("run", error);
    if (!opts.quiet) {
        g_autoptr(GString) table = g_string_new(NULL);
        out_table_format(summary, table);
        fputs(table->str, stdout);
        printf("\n%s %s/\n", i18n_text(m->language, I18N_RESULTS_IN), dest);
    }
    return LADDER_EXIT_OK;
}

int cmd_run_main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = cmd_run_context();
    GError *error = NULL;
    int status;
    if (!cli_parse(ctx, &argc, &argv, &error)) {
        status = cmd_fail("run", error);
    } else if (argc != 2) {
        g_set_error(&error, LADDER_ERROR, LADDER_ERROR_USAGE, "run: %s",
                    argc < 2 ? "name one scenario file" : "name only one scenario file");
        status = cmd_fail("run", error);
    } else {
        cli_catch_interrupts();
        status = run_file(argv[1]);
    }
    cli_run_options_clear(&opts);
    return status;
}
