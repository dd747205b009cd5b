/* fit_command.c: the flags, inputs, fit, calibrated scenario, forecast and
 * files that `ladder calibrate` and `ladder backtest` share
 * (fit_command.h).
 * SPDX-License-Identifier: MIT */
#include "fit_command.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "errors.h"
#include "out_backtest.h"
#include "out_calibrate.h"
#include "outdir.h"
#include "results.h"
#include "run_outputs.h"
#include "scenario.h"
#include "text.h"

#define FIT_FORMS "keys are written as in a policy (" PARAM_KEY_FORMS ") or baseline.ID"
#define MAX_CV 10.0

void fit_command_add_options(GOptionContext *ctx, FitFlags *f, gboolean backtest)
{
    const GOptionEntry entries[] = {
        {"history", 0, 0, G_OPTION_ARG_FILENAME, &f->history, "Published counts (CSV: region,year,stage,count,kind)", "H.csv"},
        {"fit", 0, 0, G_OPTION_ARG_STRING, &f->fit,
         backtest ? "Parameters to fit on the early counts, comma-separated (default: none, the scenario as written)"
                  : "Parameters to fit, comma-separated: " PARAM_KEY_FORMS ", baseline.ID",
         "KEYS"},
        {"region", 0, 0, G_OPTION_ARG_STRING, &f->region, "Keep only this region's rows of the history (default: the scenario's region)", "R"},
        {"cv", 0, 0, G_OPTION_ARG_STRING, &f->cv,
         "Error of the published counts beyond chance, as a coefficient of variation (default 0: Poisson; 0.1: negative binomial, counts off by about 10%)", "X"},
        {NULL},
    };
    const GOptionEntry until[] = {
        {"until", 0, 0, G_OPTION_ARG_STRING, &f->until, "Fit on the counts up to this year, check the later ones", "YEAR"},
        {NULL},
    };
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (backtest)
        g_option_context_add_main_entries(ctx, until, NULL);
}

/* One --fit key: a parameter, or baseline.ID.  FALSE with a USAGE error. */
static gboolean read_key(const Model *m, const char *file, const char *key, CalibrateKey *out, GError **error)
{
    g_autofree char *id = param_baseline_stage(key);
    if (id != NULL) {
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

/* The keys of --fit `fit` (none when NULL and not `required`) into keys[]. */
static gboolean read_keys(const Model *m, const char *file, const char *fit, gboolean required, CalibrateKey *keys,
                          int *n, GError **error)
{
    *n = 0;
    if (fit == NULL) {
        if (!required)
            return TRUE;
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--fit is required: %s", FIT_FORMS);
        return FALSE;
    }
    g_auto(GStrv) parts = g_strsplit(fit, ",", -1);
    for (int i = 0; parts[i]; i++) {
        g_strstrip(parts[i]);
        if (*n == CALIBRATE_MAX_FIT) {
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--fit: at most %d parameters at once",
                        CALIBRATE_MAX_FIT);
            return FALSE;
        }
        if (parts[i][0] == '\0') {
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--fit %s: an empty key; %s", fit, FIT_FORMS);
            return FALSE;
        }
        if (!read_key(m, file, parts[i], &keys[(*n)++], error))
            return FALSE;
    }
    return TRUE;
}

/* --until: a year from base_year to the year before the horizon. */
static gboolean read_until(FitCommand *st, const Model *m, GError **error)
{
    guint64 until = 0;
    if (st->flags.until == NULL) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--until is required: the last year to fit on");
        return FALSE;
    }
    if (!cli_flag_number(st->flags.until, "--until", (guint64)m->base_year, (guint64)m->horizon - 1, &until, error))
        return FALSE;
    st->until = (int)until;
    return TRUE;
}

gboolean fit_command_read(FitCommand *st, CommandCall *call, gboolean backtest, GError **error)
{
    const FitFlags *f = &st->flags;
    st->model = call->model;
    call->config.entry_histograms = TRUE;
    if (f->history == NULL) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--history is required: the published counts (CSV)");
        return FALSE;
    }
    st->cv = 0;
    if (!cli_flag_double(f->cv, "--cv", 0, MAX_CV, &st->cv, error) || (backtest && !read_until(st, call->model, error)))
        return FALSE;
    if (!read_keys(call->model, call->files[0], f->fit, !backtest, st->keys, &st->n_keys, error))
        return FALSE;
    st->history = history_load(f->history, call->model, f->region, error);
    st->fit_on = st->history;
    return st->history != NULL;
}

/* Writes the calibrated scenario of `c` into `tmp` (the output folder
 * being written, to end up at `dest`), loads it back and returns it as the
 * model to forecast with (its file named as it will be at `dest`), in
 * --lang when `opts` give it. */
static Model *write_calibrated(const Calibration *c, const char *file, const char *tmp, const char *dest,
                               const CliRunOptions *opts, GError **error)
{
    g_autofree char *stem = text_file_stem(file);
    g_autofree char *name = g_strconcat(stem, "-calibrated.ini", NULL);
    g_autofree char *parent = text_relative_path(dest, file);
    g_autofree char *text = out_calibrate_ini(c, parent);
    g_autofree char *path = g_build_filename(tmp, name, NULL);
    if (!outdir_write_file(path, text, -1, error))
        return NULL;
    Model *m = scenario_load(path, error);
    if (m == NULL)
        return NULL;
    cli_apply_language(m, opts);
    g_autofree char *final = g_build_filename(dest, name, NULL);
    model_rename_file(m, path, final);
    return m;
}

/* The forecast of `m` (its run into *run, which the summary borrows),
 * written into tmp/forecast/ as `ladder run` writes. */
static Summary *forecast(const Model *m, const RunConfig *config, const char *tmp, gboolean render, RunResult **run,
                         GError **error)
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
    if (!run_outputs_write(s, dir, render, error))
        return NULL;
    return g_steal_pointer(&s);
}

gboolean fit_command_compute(void *state, const CommandCall *call, GError **error)
{
    FitCommand *st = state;
    const char *file = call->files[0];
    st->fit = calibrate_run(call->model, st->fit_on, st->keys, st->n_keys, st->cv, error);
    if (st->fit == NULL)
        return FALSE;
    if (st->fit->n_fit > 0) {
        g_autofree char *stem = text_file_stem(file);
        st->calibrated = g_strdup_printf("%s/%s-calibrated.ini", call->dest, stem);
        st->fitted = write_calibrated(st->fit, file, call->dir, call->dest, &st->opts, error);
    } else {
        st->fitted = model_copy(call->model);
    }
    st->forecast = st->fitted ? forecast(st->fitted, &call->config, call->dir, call->render, &st->run, error) : NULL;
    if (st->forecast && st->later)
        st->backtest = backtest_check(st->later, st->forecast, st->until);
    return st->forecast != NULL;
}

gboolean fit_command_write(void *state, const CommandCall *call, GError **error)
{
    FitCommand *st = state;
    g_autofree char *json = g_build_filename(call->dir, results_file(RESULTS_CALIBRATE), NULL);
    g_autofree char *bt_json = g_build_filename(call->dir, results_file(RESULTS_BACKTEST), NULL);
    return (st->fit->n_fit == 0 || out_calibrate_json(st->fit, st->calibrated, json, error)) &&
           (st->backtest == NULL || out_backtest_json(st->backtest, call->model, st->history, st->cv, bt_json, error)) &&
           out_calibrate_charts(st->fit, st->history, st->forecast, st->backtest, call->dir, error) &&
           (!call->render || run_outputs_render(call->dir, error));
}

void fit_command_print(void *state, GString *out)
{
    FitCommand *st = state;
    const Calibration *c = st->fit;
    if (c->n_fit > 0)
        out_calibrate_format(c, st->calibrated, out);
    if (st->backtest != NULL) {
        if (out->len > 0)
            g_string_append_c(out, '\n');
        out_backtest_format(st->backtest, st->model, c->n_fit > 0 ? c->history->n : 0, out);
    }
}

void fit_command_clear(void *state)
{
    FitCommand *st = state;
    backtest_free(st->backtest);
    summary_free(st->forecast);
    runner_result_free(st->run);
    model_free(st->fitted);
    g_free(st->calibrated);
    calibrate_free(st->fit);
    history_free(st->early);
    history_free(st->later);
    history_free(st->history);
    FitFlags *f = &st->flags;
    g_free(f->history);
    g_free(f->fit);
    g_free(f->region);
    g_free(f->cv);
    g_free(f->until);
    CliRunOptions opts = st->opts;  /* the lifecycle clears the run flags */
    memset(st, 0, sizeof *st);
    st->opts = opts;
}
