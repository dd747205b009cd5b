/* cmd_run.c: `ladder run FILE`: simulate a scenario, print how likely its
 * targets are, and write the summary files and charts.
 * SPDX-License-Identifier: MIT */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "errors.h"
#include "i18n.h"
#include "out.h"
#include "outdir.h"
#include "runner.h"
#include "scenario.h"
#include "summary.h"

#define RUN_DEFAULT_REPS 10000
#define RUN_DEFAULT_SEED 1
#define RUN_MAX_REPS 100000000ULL  /* 10^8 */
#define RUN_MAX_THREADS 1024

typedef struct {
    char *reps, *seed, *threads, *out;
    gboolean no_uncertainty, no_charts, quiet;
} RunOptions;

static RunOptions opts;

/* Set by SIGINT and SIGTERM; the runner polls it, so an interrupted run
 * stops within a chunk and removes its temporary folder. */
static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void catch_interrupts(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static const GOptionEntry run_entries[] = {
    {"reps", 'n', 0, G_OPTION_ARG_STRING, &opts.reps, "Replications (default: [scenario] replications, else 10000)", "N"},
    {"seed", 's', 0, G_OPTION_ARG_STRING, &opts.seed, "Random seed (default: [scenario] seed, else 1)", "S"},
    {"threads", 't', 0, G_OPTION_ARG_STRING, &opts.threads, "Threads (default: online cores); results do not depend on it", "T"},
    {"out", 'o', 0, G_OPTION_ARG_FILENAME, &opts.out, "Output folder (default: out/<file stem>)", "DIR"},
    {"no-uncertainty", 0, 0, G_OPTION_ARG_NONE, &opts.no_uncertainty, "Use central values instead of drawing [uncertainty]", NULL},
    {"no-charts", 0, 0, G_OPTION_ARG_NONE, &opts.no_charts, "Write chart data and scripts but do not run gnuplot", NULL},
    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &opts.quiet, "Print nothing but errors and warnings", NULL},
    {NULL},
};

GOptionContext *cmd_run_context(void)
{
    GOptionContext *ctx = g_option_context_new("FILE - simulate a scenario and weigh its targets");
    g_option_context_add_main_entries(ctx, run_entries, NULL);
    g_option_context_set_summary(ctx,
        "Runs the scenario's ladder many times and says, for each target, how likely it is met.");
    g_option_context_set_description(ctx,
        "Example:\n"
        "  ladder run scenarios/tianning-2025.ini --reps 20000 --seed 7\n\n"
        "Writes summary.json, summary.csv, gnuplot data (.dat), scripts (.gp) and\n"
        "charts (.png, .svg) into out/tianning-2025/. The same seed gives the same\n"
        "bytes in every file, whatever the number of threads.\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage,\n"
        "130 interrupted (Ctrl-C leaves no folder behind).");
    return ctx;
}

static gboolean usage_error(GError **error, const char *fmt, const char *what, const char *value)
{
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, fmt, what, value);
    return FALSE;
}

/* Reads an optional whole-number flag into *out, within lo..hi. */
static gboolean flag_number(const char *text, const char *flag, guint64 lo, guint64 hi, guint64 *out,
                            GError **error)
{
    if (text == NULL)
        return TRUE;
    if (!g_ascii_string_to_unsigned(text, 10, lo, hi, out, NULL)) {
        g_autofree char *fmt = g_strdup_printf("%%s %%s: expected a whole number from %" G_GUINT64_FORMAT
                                               " to %" G_GUINT64_FORMAT, lo, hi);
        return usage_error(error, fmt, flag, text);
    }
    return TRUE;
}

/* The run's settings: flags first, then [scenario], then defaults. */
static gboolean run_config(const Model *m, RunConfig *c, GError **error)
{
    guint64 threads = g_get_num_processors();
    c->reps = m->replications ? m->replications : RUN_DEFAULT_REPS;
    c->seed = m->has_seed ? m->seed : RUN_DEFAULT_SEED;
    if (!flag_number(opts.reps, "--reps", 1, RUN_MAX_REPS, &c->reps, error) ||
        !flag_number(opts.seed, "--seed", 0, G_MAXUINT64, &c->seed, error) ||
        !flag_number(opts.threads, "--threads", 1, RUN_MAX_THREADS, &threads, error))
        return FALSE;
    c->threads = (guint)threads;
    c->uncertain = !opts.no_uncertainty;
    c->progress = !opts.quiet;
    c->cancel = &interrupted;
    return TRUE;
}

/* out/<file stem> */
static char *default_out(const char *file)
{
    g_autofree char *base = g_path_get_basename(file);
    char *dot = strrchr(base, '.');
    if (dot && dot != base)
        *dot = '\0';
    return g_build_filename("out", base, NULL);
}

/* Writes every output file of `s` into `dir`, and the charts unless asked not to. */
static gboolean write_outputs(const Summary *s, const char *dir, GError **error)
{
    g_autofree char *json = g_build_filename(dir, "summary.json", NULL);
    g_autofree char *csv = g_build_filename(dir, "summary.csv", NULL);
    if (!out_json_write(s, json, error) || !out_csv_write(s, csv, error) || !out_plot_write(s, dir, error))
        return FALSE;
    if (opts.no_charts)
        return TRUE;
    gboolean no_gnuplot = FALSE;
    if (!out_plot_render(dir, &no_gnuplot, error))
        return FALSE;
    if (no_gnuplot)
        fprintf(stderr, "ladder: warning: gnuplot is not installed, so the charts were not drawn; "
                        "the data and scripts are written (install it: apt-get install gnuplot-nox)\n");
    return TRUE;
}

static int run_file(const char *file)
{
    GError *error = NULL;
    g_autoptr(Model) m = scenario_load(file, &error);
    RunConfig config;
    if (m == NULL || !run_config(m, &config, &error))
        return cmd_fail("run", error);
    g_autofree char *dest = opts.out ? g_strdup(opts.out) : default_out(file);
    g_autoptr(OutDir) out = outdir_begin(dest, &error);
    if (out == NULL)
        return cmd_fail("run", error);
    g_autoptr(RunResult) run = runner_run(m, &config, &error);
    g_autoptr(Summary) summary = run ? summary_new(m, run, &error) : NULL;
    gboolean written = summary != NULL && write_outputs(summary, outdir_path(out), &error);
    if (interrupted) { /* Ctrl-C also stops gnuplot: say what happened, not what failed */
        g_clear_error(&error);
        g_set_error(&error, LADDER_ERROR, LADDER_ERROR_CANCELLED, "interrupted; nothing was written");
    }
    if (!written || interrupted)
        return cmd_fail("run", error);
    if (!outdir_commit(g_steal_pointer(&out), &error))
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
    memset(&opts, 0, sizeof opts);
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        error->domain = LADDER_ERROR;
        error->code = LADDER_ERROR_USAGE;
        return cmd_fail("run", error);
    }
    if (argc != 2) {
        g_set_error(&error, LADDER_ERROR, LADDER_ERROR_USAGE, "run: %s",
                    argc < 2 ? "name one scenario file" : "name only one scenario file");
        return cmd_fail("run", error);
    }
    catch_interrupts();
    int status = run_file(argv[1]);
    g_free(opts.reps);
    g_free(opts.seed);
    g_free(opts.threads);
    g_free(opts.out);
    return status;
}
