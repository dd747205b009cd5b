/* cmd_calibrate.c: `ladder calibrate FILE --history H --fit KEYS` (fit
 * parameters to published counts, write the calibrated scenario and its
 * forecast) and `ladder backtest FILE --history H --until YEAR` (fit on the
 * counts up to a year and check the forecast against the later ones).
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "backtest.h"
#include "calibrate.h"
#include "cli.h"
#include "commands.h"
#include "errors.h"
#include "history.h"
#include "i18n.h"
#include "out_backtest.h"
#include "out_calibrate.h"
#include "outdir.h"
#include "results.h"
#include "scenario.h"
#include "summary.h"
#include "text.h"

#define FIT_FORMS "keys are written as in a policy ('a -> b', exit.ID, renewal.ID, inflow.ID, recruitment.ID) " \
                  "or baseline.ID"
#define MAX_CV 10.0

/* The flags of both commands as typed; NULL when absent. */
typedef struct {
    char *history, *fit, *region, *cv, *until;
} CalibrateFlags;

static CliRunOptions opts;
static CalibrateFlags flags;

/* The flags both commands take, added to `ctx`. */
static void add_fit_options(GOptionContext *ctx, gboolean backtest)
{
    const GOptionEntry entries[] = {
        {"history", 0, 0, G_OPTION_ARG_FILENAME, &flags.history, "Published counts (CSV: region,year,stage,count,kind)", "H.csv"},
        {"fit", 0, 0, G_OPTION_ARG_STRING, &flags.fit,
         backtest ? "Parameters to fit on the early counts, comma-separated (default: none, the scenario as written)"
                  : "Parameters to fit, comma-separated: 'a -> b', exit.ID, renewal.ID, inflow.ID, recruitment.ID, baseline.ID",
         "KEYS"},
        {"region", 0, 0, G_OPTION_ARG_STRING, &flags.region, "Keep only this region's rows of the history (default: the scenario's region)", "R"},
        {"cv", 0, 0, G_OPTION_ARG_STRING, &flags.cv,
         "Error of the published counts beyond chance, as a coefficient of variation (default 0: Poisson; 0.1: negative binomial, counts off by about 10%)", "X"},
        {NULL},
    };
    const GOptionEntry until[] = {
        {"until", 0, 0, G_OPTION_ARG_STRING, &flags.until, "Fit on the counts up to this year, check the later ones", "YEAR"},
        {NULL},
    };
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (backtest)
        g_option_context_add_main_entries(ctx, until, NULL);
}

GOptionContext *cmd_calibrate_context(void)
{
    GOptionContext *ctx = g_option_context_new("FILE - fit rates to published counts");
    add_fit_options(ctx, FALSE);
    cli_add_run_options(ctx, &opts, "-calibrate", TRUE);
    g_option_context_set_summary(ctx,
        "Fits the named parameters to a region's published counts by maximum likelihood, through\n"
        "the exact expectation of the model (each count Poisson, or negative binomial with --cv,\n"
        "around it), and says how sure the fit is and what the counts cannot pin down.");
    g_option_context_set_description(ctx,
        "Example:\n"
        "  ladder calibrate scenarios/wujin-2025.ini --history scenarios/history/wujin.csv \\\n"
        "      --fit 'tech_sme -> hightech,exit.hightech'\n\n"
        "Writes into out/<file stem>-calibrate/: <file stem>-calibrated.ini, which extends FILE and\n"
        "sets each identified parameter to its estimate, drawn in [uncertainty] from a beta\n"
        "(probabilities) or gamma (rates) of the same mean and standard error, so `ladder run` on\n"
        "it carries the estimation uncertainty into the forecast; calibrate.json (estimates, 95%\n"
        "intervals, correlations, the fit); a chart per stage and kind of count (observed counts,\n"
        "fitted expectation, forecast bands); and forecast/, the run of the calibrated scenario.\n"
        "Beside each 95% interval (delta method) stands the profile-likelihood one.  A parameter\n"
        "the counts do not determine (its profile log-likelihood within 1.92 of the best up to an\n"
        "end of its range, a flat direction of the likelihood, or an estimate at 0 or 1) is\n"
        "reported and left as FILE has it; a strong correlation alone is only reported.  The\n"
        "history may start before the base year: the fit then starts from its first year.\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage, 130 interrupted.");
    return ctx;
}

GOptionContext *cmd_backtest_context(void)
{
    GOptionContext *ctx = g_option_context_new("FILE - check forecasts against later published counts");
    add_fit_options(ctx, TRUE);
    cli_add_run_options(ctx, &opts, "-backtest", TRUE);
    g_option_context_set_summary(ctx,
        "Fits the named parameters to the counts up to --until (as calibrate does), forecasts the\n"
        "later years, and says for each later count whether it fell inside its forecast P5-P95,\n"
        "with the share that did.");
    g_option_context_set_description(ctx,
        "Example:\n"
        "  ladder backtest scenarios/wujin-2025.ini --history scenarios/history/wujin.csv --until 2017\n\n"
        "Writes backtest.json, the charts (the cutoff drawn, counts outside their band ringed),\n"
        "forecast/ and, with --fit, calibrate.json and the calibrated scenario into\n"
        "out/<file stem>-backtest/.  P5-P95 intervals of a right model hold about 90% of counts.\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage, 130 interrupted.");
    return ctx;
}

static void calibrate_flags_clear(CalibrateFlags *f)
{
    g_free(f->history);
    g_free(f->fit);
    g_free(f->region);
    g_free(f->cv);
    g_free(f->until);
    memset(f, 0, sizeof *f);
}

/* One --fit key: a parameter, or baseline.ID.  FALSE with a USAGE error. */
static gboolean read_key(const Model *m, const char *file, const char *key, CalibrateKey *out, GError **error)
{
    if (g_str_has_prefix(key, "baseline.")) {
        const char *id = key + strlen("baseline.");
        out->param = -1;
        out->stage = model_stage_index(m, id);
        if (out->stage >= 0)
            return TRUE;
        g_autofree const char **ids = g_new0(const char *, m->n_stages + 1);
        for (int s = 0; s < m->n_stages; s++)
            ids[s] = m->stages[s].id;
        g_autoptr(GString) msg = g_string_new(NULL);
        g_string_printf(msg, "--fit %s: '%s' is not a stage of %s", key, id, file);
        text_append_suggestion(msg, id, ids);
        g_set_error_literal(error, LADDER_ERROR, LADDER_ERROR_USAGE, msg->str);
        return FALSE;
    }
    out->param = cli_param_find(m, file, "--fit", key, "to fit it", FIT_FORMS, error);
    out->stage = out->param >= 0 ? m->params[out->param].stage : -1;
    return out->param >= 0;
}

/* The --fit keys (none when absent and not `required`) into keys[]. */
static gboolean read_keys(const Model *m, const char *file, gboolean required, CalibrateKey *keys, int *n,
                          GError **error)
{
    *n = 0;
    if (flags.fit == NULL) {
        if (!required)
            return TRUE;
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--fit is required: %s", FIT_FORMS);
        return FALSE;
    }
    g_auto(GStrv) parts = g_strsplit(flags.fit, ",", -1);
    for (int i = 0; parts[i]; i++) {
        g_strstrip(parts[i]);
        if (*n == CALIBRATE_MAX_FIT) {
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--fit: at most %d parameters at once",
                        CALIBRATE_MAX_FIT);
            return FALSE;
        }
        if (parts[i][0] == '\0') {
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--fit %s: an empty key; %s", flags.fit, FIT_FORMS);
            return FALSE;
        }
        if (!read_key(m, file, parts[i], &keys[(*n)++], error))
            return FALSE;
    }
    return TRUE;
}

/* Everything read from the command line and files, before any fitting. */
typedef struct {
    const char *file;
    Model *m;
    History *h;
    RunConfig config;
    CalibrateKey keys[CALIBRATE_MAX_FIT];
    int n_keys;
    double cv;
    int until;            /* backtest only */
} Inputs;

static void inputs_clear(Inputs *in)
{
    model_free(in->m);
    history_free(in->h);
}

static gboolean read_inputs(const char *file, gboolean backtest, Inputs *in, GError **error)
{
    in->file = file;
    in->m = scenario_load(file, error);
    cli_apply_language(in->m, &opts);
    if (in->m == NULL || !cli_run_config(in->m, &opts, &in->config, error))
        return FALSE;
    in->config.entry_histograms = TRUE;
    if (flags.history == NULL) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--history is required: the published counts (CSV)");
        return FALSE;
    }
    in->cv = 0;
    if (!cli_flag_double(flags.cv, "--cv", 0, MAX_CV, &in->cv, error))
        return FALSE;
    if (backtest) {
        guint64 until = 0;
        if (flags.until == NULL) {
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--until is required: the last year to fit on");
            return FALSE;
        }
        if (!cli_flag_number(flags.until, "--until", (guint64)in->m->base_year, (guint64)in->m->horizon - 1, &until,
                             error))
            return FALSE;
        in->until = (int)until;
    }
    return read_keys(in->m, file, !backtest, in->keys, &in->n_keys, error) &&
           (in->h = history_load(flags.history, in->m, flags.region, error)) != NULL;
}

/* Writes the calibrated scenario of `c` into `tmp` (the output folder
 * being written, to end up at `dest`), loads it back and returns it as the
 * model to forecast with (its file named as it will be at `dest`). */
static Model *write_calibrated(const Calibration *c, const char *file, const char *tmp, const char *dest,
                               GError **error)
{
    g_autofree char *stem = cli_file_stem(file);
    g_autofree char *name = g_strconcat(stem, "-calibrated.ini", NULL);
    g_autofree char *parent = cli_relative_path(dest, file);
    g_autofree char *text = out_calibrate_ini(c, parent);
    g_autofree char *path = g_build_filename(tmp, name, NULL);
    if (!outdir_write_file(path, text, -1, error))
        return NULL;
    Model *m = scenario_load(path, error);
    if (m == NULL)
        return NULL;
    cli_apply_language(m, &opts);
    g_autofree char *final = g_build_filename(dest, name, NULL);
    model_rename_file(m, path, final);
    return m;
}

/* The forecast of `m` (its run into *run, which the summary borrows),
 * written into tmp/forecast/ as `ladder run` writes. */
static Summary *forecast(const Model *m, const RunConfig *config, const char *tmp, RunResult **run, GError **error)
{
    *run = runner_run(m, config, error);
    if (*run == NULL)
        return NULL;
    g_autoptr(Summary) s = summary_new(m, *run, error);
    if (s == NULL)
        return NULL;
    g_autofree char *dir = g_build_filename(tmp, "forecast", NULL);
    if (g_mkdir_with_parents(dir, 0755) != 0) {
        int e = errno;
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "cannot create folder %s: %s", dir, g_strerror(e));
        return NULL;
    }
    if (!cli_write_run_outputs(s, dir, !opts.no_charts, error))
        return NULL;
    return g_steal_pointer(&s);
}

static void print_report(const Calibration *c, const Backtest *b, const Inputs *in, const char *calibrated,
                         const char *dest)
{
    g_autoptr(GString) text = g_string_new(NULL);
    if (c != NULL && c->n_fit > 0)
        out_calibrate_format(c, calibrated, text);
    if (b != NULL) {
        if (text->len > 0)
            g_string_append_c(text, '\n');
        out_backtest_format(b, in->m, c && c->n_fit > 0 ? c->history->n : 0, text);
    }
    fputs(text->str, stdout);
    printf("\n%s %s/\n", i18n_text(in->m->language, I18N_RESULTS_IN), dest);
}

/* Fits `fit_on`, forecasts, checks `later` when backtesting, and writes
 * everything into the folder `dest`.  Returns the exit code. */
static int fit_and_forecast(const char *command, Inputs *in, const History *fit_on, const History *later,
                            const char *dest)
{
    GError *error = NULL;
    g_autoptr(OutDir) out = outdir_begin(dest, command, opts.force, &error);
    if (out == NULL)
        return cmd_fail(command, error);
    const char *tmp = outdir_path(out);
    g_autoptr(Calibration) c = calibrate_run(in->m, fit_on, in->keys, in->n_keys, in->cv, &error);
    if (c == NULL)
        return cmd_fail(command, error);
    g_autofree char *stem = cli_file_stem(in->file);
    g_autofree char *calibrated = c->n_fit > 0 ? g_strdup_printf("%s/%s-calibrated.ini", dest, stem) : NULL;
    g_autoptr(Model) fitted = c->n_fit > 0 ? write_calibrated(c, in->file, tmp, dest, &error) : model_copy(in->m);
    g_autoptr(RunResult) run = NULL;
    g_autoptr(Summary) s = fitted ? forecast(fitted, &in->config, tmp, &run, &error) : NULL;
    g_autoptr(Backtest) b = s && later ? backtest_check(later, s, in->until) : NULL;
    g_autofree char *json = g_build_filename(tmp, results_file(RESULTS_CALIBRATE), NULL);
    g_autofree char *bt_json = g_build_filename(tmp, results_file(RESULTS_BACKTEST), NULL);
    gboolean ok = s != NULL && (c->n_fit == 0 || out_calibrate_json(c, calibrated, json, &error)) &&
                  (b == NULL || out_backtest_json(b, in->m, bt_json, &error)) &&
                  out_calibrate_charts(c, in->h, s, b, tmp, &error) &&
                  (opts.no_charts || cli_render_charts(tmp, &error));
    if (cli_check_interrupted(&error) || !ok || !cli_commit(g_steal_pointer(&out), &opts, &error))
        return cmd_fail(command, outdir_name_error(out, error));  /* out: NULL once committed */
    if (!opts.quiet)
        print_report(c, b, in, calibrated, dest);
    return LADDER_EXIT_OK;
}

static int calibrate_file(const char *file)
{
    GError *error = NULL;
    Inputs in = {0};
    int status;
    if (!read_inputs(file, FALSE, &in, &error)) {
        status = cmd_fail("calibrate", error);
    } else {
        g_autofree char *dest = opts.out ? g_strdup(opts.out) : cli_default_out(file, "-calibrate");
        status = fit_and_forecast("calibrate", &in, in.h, NULL, dest);
    }
    inputs_clear(&in);
    return status;
}

static int backtest_file(const char *file)
{
    GError *error = NULL;
    Inputs in = {0};
    int status;
    if (!read_inputs(file, TRUE, &in, &error)) {
        status = cmd_fail("backtest", error);
    } else {
        g_autoptr(History) early = NULL, later = NULL;
        backtest_split(in.h, in.until, &early, &later);
        if (in.n_keys > 0 && early->n == 0) {
            g_set_error(&error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s: no count up to %d to fit on (--until)",
                        in.h->file, in.until);
            status = cmd_fail("backtest", error);
        } else {
            g_autofree char *dest = opts.out ? g_strdup(opts.out) : cli_default_out(file, "-backtest");
            status = fit_and_forecast("backtest", &in, early, later, dest);
        }
    }
    inputs_clear(&in);
    return status;
}

/* The main of both commands: one scenario file, then `run_file`. */
static int command_main(const char *name, GOptionContext *ctx, int (*run_file)(const char *), int argc, char **argv)
{
    GError *error = NULL;
    int status;
    if (!cli_parse(ctx, &argc, &argv, &error)) {
        status = cmd_fail(name, error);
    } else if (argc != 2) {
        g_set_error(&error, LADDER_ERROR, LADDER_ERROR_USAGE, "%s: %s", name,
                    argc < 2 ? "name one scenario file" : "name only one scenario file");
        status = cmd_fail(name, error);
    } else {
        cli_catch_interrupts();
        status = run_file(argv[1]);
    }
    cli_run_options_clear(&opts);
    calibrate_flags_clear(&flags);
    return status;
}

int cmd_calibrate_main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = cmd_calibrate_context();
    return command_main("calibrate", ctx, calibrate_file, argc, argv);
}

int cmd_backtest_main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = cmd_backtest_context();
    return command_main("backtest", ctx, backtest_file, argc, argv);
}
