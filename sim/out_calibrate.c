/* out_calibrate.c: the calibrated scenario file, calibrate.json and
 * backtest.json, the observed-against-forecast charts, and the report on
 * stdout in the scenario's language.
 * SPDX-License-Identifier: MIT */
#include "out_calibrate.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "i18n.h"
#include "out_csv.h"
#include "out_json.h"
#include "results.h"
#include "plot.h"
#include "text.h"

#define VALUE_DIGITS "%.6g"       /* a fitted value in the scenario file and the report */
#define DIST_DIGITS "%.6g"        /* a distribution's arguments */
#define JSON_VALUE_DECIMALS 9

/* ---- words -------------------------------------------------------------- */

static const char *lang(const Calibration *c)
{
    return c->model->language;
}

/* A number as the scenario format writes it ('.' whatever the locale). */
static char *number_text(const char *format, double x)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    return g_strdup(g_ascii_formatd(buf, sizeof buf, format, x));
}

/* Why parameter i is not identified, in the scenario's language ("" when
 * it is).  Caller frees. */
static char *status_reason(const Calibration *c, int i)
{
    const FitParam *f = &c->fit[i];
    const char *other = f->tied_to >= 0 ? c->fit[f->tied_to].key : NULL;
    switch (f->status) {
    case FIT_IDENTIFIED:
        return g_strdup("");
    case FIT_FLAT:
        if (f->what.param < 0 && c->start[f->what.stage].source == START_HISTORY)
            return g_strdup_printf(i18n_text(lang(c), I18N_CAL_START_KNOWN_FMT), c->first_year);
        return other ? g_strdup_printf(i18n_text(lang(c), I18N_CAL_FLAT_WITH_FMT), other)
                     : g_strdup(i18n_text(lang(c), I18N_CAL_FLAT));
    case FIT_OPEN:
        return g_strdup(i18n_text(lang(c), f->open_below ? I18N_CAL_OPEN_BELOW : I18N_CAL_OPEN_ABOVE));
    case FIT_AT_BOUND:
        return g_strdup(i18n_text(lang(c), I18N_CAL_AT_BOUND));
    }
    g_assert_not_reached();
}

/* The "Identified" column: yes, or no with the reason.  Caller frees. */
static char *status_text(const Calibration *c, int i)
{
    if (c->fit[i].status == FIT_IDENTIFIED)
        return g_strdup(i18n_text(lang(c), I18N_CAL_YES));
    g_autofree char *why = status_reason(c, i);
    return g_strdup_printf(i18n_text(lang(c), I18N_CAL_NOT_FMT), why);
}

static const char *status_name(FitStatus s)
{
    static const char *const names[] = {[FIT_IDENTIFIED] = "identified", [FIT_FLAT] = "flat",
                                        [FIT_OPEN] = "open", [FIT_AT_BOUND] = "at_bound"};
    return names[s];
}

/* ---- the calibrated scenario --------------------------------------------- */

/* Whether f is a baseline fitted at the end of a year before the base
 * year (the fit's start), which the calibrated scenario does not take:
 * its forecast starts from its own base year and baseline. */
static gboolean early_baseline(const Calibration *c, const FitParam *f)
{
    return f->what.param < 0 && c->first_year < c->model->base_year;
}

/* Groups of the scenario file a fitted value is written in. */
enum { GROUP_BASELINE, GROUP_TRANSITIONS, GROUP_EXITS, GROUP_RENEWAL, GROUP_INFLOWS, GROUP_RECRUITMENT, N_GROUPS };
static const char *const group_names[N_GROUPS] = {"baseline", "transitions", "exits", "renewal", "inflows",
                                                  "recruitment"};

/* Appends the line giving f's value to its group's text in groups[] (a
 * list's share to its list's text in lists[], [n_lists]), with the comment
 * `note` above it. */
static void param_line(const Model *m, const FitParam *f, const char *note, GString **groups, GString **lists)
{
    static const int group_of[] = {[PARAM_EDGE] = GROUP_TRANSITIONS, [PARAM_EXIT] = GROUP_EXITS,
                                   [PARAM_RENEWAL] = GROUP_RENEWAL, [PARAM_INFLOW] = GROUP_INFLOWS,
                                   [PARAM_RECRUITMENT] = GROUP_RECRUITMENT};
    g_autofree char *v = number_text(VALUE_DIGITS, f->value);
    if (f->what.param < 0) {
        g_string_append_printf(groups[GROUP_BASELINE], "%s%s=%.0f\n", note, m->stages[f->what.stage].id,
                               round(f->value));
        return;
    }
    const Param *q = &m->params[f->what.param];
    const Stage *st = &m->stages[q->stage];
    if (q->kind == PARAM_SHARE) {
        g_string_append_printf(lists[q->list], "%sshare.%s=%s\n", note, st->id, v);
        return;
    }
    G_STATIC_ASSERT(PARAM_RECRUITMENT + 1 == PARAM_SHARE);  /* group_of covers every other kind */
    GString *out = groups[group_of[q->kind]];
    g_string_append(out, note);
    if (q->kind == PARAM_EDGE)
        g_string_append_printf(out, "%s -> %s = %s\n", st->id, m->stages[q->to].id, v);
    else if (q->kind == PARAM_RENEWAL)
        g_string_append_printf(out, "%s=%d;%s;%s\n", st->id, st->renewal_years, v, m->stages[st->lapse_to].id);
    else
        g_string_append_printf(out, "%s=%s\n", st->id, v);
}

/* The distribution estimate f is drawn from (calibrate_estimate_dist), as
 * the scenario format writes it; FALSE when there is none. */
static gboolean estimate_dist(const FitParam *f, GString *out)
{
    Dist d;
    if (!calibrate_estimate_dist(f, &d))
        return FALSE;
    g_autofree char *a = number_text(DIST_DIGITS, d.a), *b = number_text(DIST_DIGITS, d.b);
    g_string_append_printf(out, "%s(%s,%s)", d.kind == DIST_BETA ? "beta" : "gamma", a, b);
    return TRUE;
}

char *out_calibrate_ini(const Calibration *c, const char *parent)
{
    const Model *m = c->model;
    GString *out = g_string_new(NULL);
    g_autoptr(GString) uncertainty = g_string_new(NULL);
    g_autofree char *name = g_strdup_printf(i18n_text(lang(c), I18N_CAL_CALIBRATED_NAME_FMT), m->name);
    g_autofree char *ll = number_text("%.4f", c->log_likelihood);
    g_string_append_printf(out, "# Written by `ladder calibrate` from %s and the counts in\n"
                           "# %s (%s, %d counts; %s likelihood, log-likelihood %s).\n"
                           "# Each fitted value is the estimate; calibrate.json beside this file has the intervals.\n"
                           "# The estimates are drawn independently: their correlations are not carried.\n",
                           m->file, c->history->file, c->history->region, c->history->n,
                           c->cv > 0 ? "negative binomial" : "Poisson", ll);
    g_string_append_printf(out, "\n[scenario]\nextends=%s\nname=%s\n", parent, name);
    GString *groups[N_GROUPS];
    for (int g = 0; g < N_GROUPS; g++)
        groups[g] = g_string_new(NULL);
    GString **lists = g_new(GString *, MAX(m->n_lists, 1));
    for (int l = 0; l < m->n_lists; l++)
        lists[l] = g_string_new(NULL);
    for (int i = 0; i < c->n_fit; i++) {
        const FitParam *f = &c->fit[i];
        if (f->status != FIT_IDENTIFIED) {
            g_string_append_printf(out, "# %s: not identified by the counts (%s); kept as %s has it.\n", f->key,
                                   status_name(f->status), m->file);
            continue;
        }
        if (early_baseline(c, f)) {
            g_autofree char *v = number_text(VALUE_DIGITS, f->value);
            g_string_append_printf(out, "# %s: fitted as %s firms at the end of %d, where the fit starts, not at "
                                   "base_year %d; the baseline kept as %s has it.\n", f->key, v, c->first_year,
                                   m->base_year, m->file);
            continue;
        }
        g_autofree char *lo = number_text(VALUE_DIGITS, f->lo), *hi = number_text(VALUE_DIGITS, f->hi);
        g_autofree char *was = number_text(VALUE_DIGITS, f->start);
        g_autofree char *note = g_strdup_printf("# fitted: 95%% interval %s to %s (was %s)\n", lo, hi, was);
        param_line(m, f, note, groups, lists);
        g_autoptr(GString) dist = g_string_new(NULL);
        if (f->what.param >= 0 && estimate_dist(f, dist))
            g_string_append_printf(uncertainty, "%s = %s\n", f->key, dist->str);
    }
    for (int g = 0; g < N_GROUPS; g++) {
        if (groups[g]->len > 0)
            g_string_append_printf(out, "\n[%s]\n%s", group_names[g], groups[g]->str);
        g_string_free(groups[g], TRUE);
    }
    /* a fitted share replaces its line of the list group (extends merges key by key) */
    for (int l = 0; l < m->n_lists; l++) {
        if (lists[l]->len > 0)
            g_string_append_printf(out, "\n[list %s]\n%s", m->lists[l].id, lists[l]->str);
        g_string_free(lists[l], TRUE);
    }
    g_free(lists);
    if (uncertainty->len > 0)
        g_string_append_printf(out, "\n# The estimation uncertainty: each fitted value drawn once per replication.\n"
                               "[uncertainty]\n%s", uncertainty->str);
    return g_string_free(out, FALSE);
}

/* ---- JSON ----------------------------------------------------------------- */

/* Member `name`: [lo, hi], or null when lo is NaN. */
static void add_interval(JsonBuilder *b, const char *name, double lo, double hi)
{
    json_builder_set_member_name(b, name);
    if (isnan(lo)) {
        json_builder_add_null_value(b);
        return;
    }
    json_builder_begin_array(b);
    out_json_add_number(b, lo, JSON_VALUE_DECIMALS);
    out_json_add_number(b, hi, JSON_VALUE_DECIMALS);
    json_builder_end_array(b);
}

static const char *source_name(StartSource s)
{
    static const char *const names[] = {[START_HISTORY] = "history", [START_FITTED] = "fitted",
                                        [START_SCENARIO] = "scenario"};
    return names[s];
}

/* start_year and start_values [ {stage, value, source} ]. */
static void add_starts(JsonBuilder *b, const Calibration *c)
{
    out_json_member_int(b, "start_year", c->first_year);
    json_builder_set_member_name(b, "start_values");
    json_builder_begin_array(b);
    for (int s = 0; s < c->model->n_stages; s++) {
        json_builder_begin_object(b);
        out_json_member_string(b, "stage", c->model->stages[s].id);
        out_json_member_double(b, "value", c->start[s].value, 4);
        out_json_member_string(b, "source", source_name(c->start[s].source));
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

static void add_param(JsonBuilder *b, const Calibration *c, int i)
{
    const FitParam *f = &c->fit[i];
    json_builder_begin_object(b);
    out_json_member_string(b, "key", f->key);
    out_json_member_double(b, "value", f->value, JSON_VALUE_DECIMALS);
    out_json_member_double(b, "start", f->start, JSON_VALUE_DECIMALS);
    add_interval(b, "ci95", f->lo, f->hi);
    add_interval(b, "profile_ci95", f->profile_lo, f->profile_hi);
    out_json_member_bool(b, "intervals_differ", f->differ);
    out_json_member_double(b, "sd", f->sd, JSON_VALUE_DECIMALS);
    out_json_member_bool(b, "identified", f->status == FIT_IDENTIFIED);
    out_json_member_string(b, "status", status_name(f->status));
    out_json_member_bool(b, "open_below", f->status == FIT_OPEN && f->open_below);
    out_json_member_bool(b, "open_above", f->status == FIT_OPEN && f->open_above);
    out_json_member_string(b, "tied_to", f->tied_to >= 0 ? c->fit[f->tied_to].key : NULL);
    out_json_member_string(b, "correlated_with", f->correlated_with >= 0 ? c->fit[f->correlated_with].key : NULL);
    out_json_member_double(b, "correlation", f->correlation, 4);
    json_builder_end_object(b);
}

/* The members of one observation: region, year, stage, kind, observed. */
static void add_observation(JsonBuilder *b, const Model *m, const History *h, const Observation *o)
{
    out_json_member_string(b, "region", h->region);
    out_json_member_int(b, "year", o->year);
    out_json_member_string(b, "stage", history_series_id(m, o->series));
    out_json_member_string(b, "kind", history_kind_name(o->kind));
    out_json_member_int(b, "observed", o->count);
    out_json_member_int(b, "line", o->line);
}

gboolean out_calibrate_json(const Calibration *c, const char *calibrated_file, const char *path,
                            GError **error)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    out_json_member_string(b, "scenario", c->model->file);
    out_json_member_string(b, "history", c->history->file);
    out_json_member_string(b, "history_sha256", c->history->sha256);
    out_json_member_string(b, "region", c->history->region);
    out_json_member_string(b, "calibrated_scenario", calibrated_file);
    out_json_member_string(b, "likelihood", c->cv > 0 ? "negative_binomial" : "poisson");
    out_json_member_double(b, "cv", c->cv, 6);
    out_json_member_double(b, "log_likelihood", c->log_likelihood, 6);
    out_json_member_int(b, "starts", c->n_starts);
    out_json_member_int(b, "starts_agreeing", c->n_agree);
    add_starts(b, c);
    json_builder_set_member_name(b, "parameters");
    json_builder_begin_array(b);
    for (int i = 0; i < c->n_fit; i++)
        add_param(b, c, i);
    json_builder_end_array(b);
    json_builder_set_member_name(b, "correlations");
    json_builder_begin_array(b);
    for (int i = 0; i < c->n_fit; i++) {
        json_builder_begin_array(b);
        for (int j = 0; j < c->n_fit; j++)
            out_json_add_number(b, c->corr[i * c->n_fit + j], 4);
        json_builder_end_array(b);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "fit");
    json_builder_begin_array(b);
    for (int i = 0; i < c->history->n; i++) {
        json_builder_begin_object(b);
        add_observation(b, c->model, c->history, &c->history->obs[i]);
        out_json_member_double(b, "fitted", c->fitted[i], 4);
        out_json_member_bool(b, "start", c->is_start[i]);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
    g_autoptr(JsonNode) root = json_builder_get_root(b);
    g_autofree char *dir = g_path_get_dirname(path);
    JsonArray *params = json_object_get_array_member(json_node_get_object(root), "parameters");
    return results_save(RESULTS_CALIBRATE, root, path, error) &&
           out_csv_write_rows(RESULTS_CSV_CALIBRATE, c->model->language, params, dir, error);
}

/* ---- charts --------------------------------------------------------------- */

/* Whether `h` has a count of stage s and kind k. */
static gboolean has_counts(const History *h, int s, HistoryKind k)
{
    for (int i = 0; i < h->n; i++)
        if (h->obs[i].series == s && h->obs[i].kind == k)
            return TRUE;
    return FALSE;
}

/* The fitted expectation of series `s` (a stage, or a list's count), kind
 * `k`, in year c->first_year + row. */
static double fitted_at(const Calibration *c, int s, HistoryKind k, int row)
{
    const Model *m = c->model;
    gboolean list = history_series_is_list(m, s);
    const double *fitted = list ? c->lists : k == HISTORY_STOCK ? c->stock : c->entries;
    int width = list ? m->n_lists : m->n_stages, column = list ? s - m->n_stages : s;
    return fitted[row * width + column];
}

/* The band data of series `s` (a stage, or a list's count): year p5 p25
 * p50 p75 p95 fitted. */
static char *band_data(const Calibration *c, const Summary *f, int s, HistoryKind k)
{
    const Model *m = c->model;
    gint64 *const *pct = backtest_forecast_pct(f, s, k);
    GString *out = g_string_new("# year p5 p25 p50 p75 p95 fitted (no forecast before the base year)\n");
    for (int row = k == HISTORY_STOCK ? 0 : 1; row < c->n_rows; row++) {
        int year = c->first_year + row, y = year - m->base_year;
        g_string_append_printf(out, "%d", year);
        for (int q = 0; q < SUMMARY_N_PCT; q++)
            if (y >= 0)
                g_string_append_printf(out, " %" G_GINT64_FORMAT, pct[q][y]);
            else
                g_string_append(out, " NaN");
        plot_append_number(out, fitted_at(c, s, k, row));
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

/* @YRANGE@ and @YLABEL@ of the chart of series `s`, kind `k`: fitted to
 * what it draws, the forecast's P5-P95 band, the fitted expectation and
 * the published counts (plot_set_count_range: from 0 only when 0 is near). */
static void chart_range(const Calibration *c, const History *h, const Summary *f, int s, HistoryKind k,
                        PlotVars *v)
{
    const Model *m = c->model;
    gint64 *const *pct = backtest_forecast_pct(f, s, k);
    double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
    for (int row = k == HISTORY_STOCK ? 0 : 1; row < c->n_rows; row++) {
        int y = c->first_year + row - m->base_year;
        double x = fitted_at(c, s, k, row);
        if (y >= 0) {
            lo = MIN(lo, (double)pct[summary_pct_index(5)][y]);
            hi = MAX(hi, (double)pct[summary_pct_index(95)][y]);
        }
        lo = isnan(x) ? lo : MIN(lo, x);
        hi = isnan(x) ? hi : MAX(hi, x);
    }
    for (int i = 0; i < h->n; i++)
        if (h->obs[i].series == s && h->obs[i].kind == k) {
            lo = MIN(lo, (double)h->obs[i].count);
            hi = MAX(hi, (double)h->obs[i].count);
        }
    if (lo > hi)  /* nothing drawn */
        lo = hi = 0;
    plot_set_count_range(v, m, lo, hi);
}

/* Whether observation o was checked by the backtest and fell outside. */
static gboolean outside(const Backtest *b, const Observation *o)
{
    for (int i = 0; b != NULL && i < b->n; i++)
        if (b->points[i].obs.line == o->line)
            return !b->points[i].inside;
    return FALSE;
}

/* The backtest's cutoff, a dashed line after year b->until and its label
 * on the side with more room of a chart from year `first` to `last`, so
 * that it does not run over the y axis or off the chart. */
static void cutoff_line(const Backtest *b, int first, int last, const char *lang_, GString *out)
{
    g_autofree char *cut = g_strdup_printf(i18n_text(lang_, I18N_BT_CUTOFF_FMT), b->until);
    g_autofree char *quoted = plot_escape(cut);
    gboolean early = b->until - first < last - b->until;
    g_string_append_printf(out, "set arrow from first %d.5, graph 0 to first %d.5, graph 1 nohead dt 2 lw 1.5 "
                           "lc rgb \"#555555\" back\nset label \"%s\" at first %d.5, graph 0.96 %s "
                           "tc rgb \"#555555\" front\n",
                           b->until, b->until, quoted, b->until, early ? "left offset 0.5, 0" : "right offset -0.5, 0");
}

/* The counts as data blocks, those outside their band apart, and the
 * commands plotting them; a backtest's cutoff on a chart from year `first`
 * to `last`. */
static void count_blocks(const History *h, int s, HistoryKind k, const Backtest *b, const char *lang_, int first,
                         int last, PlotVars *v)
{
    g_autoptr(GString) in = g_string_new("$counts << EOD\n"), out = g_string_new("$outside << EOD\n");
    int n_out = 0;
    for (int i = 0; i < h->n; i++) {
        const Observation *o = &h->obs[i];
        if (o->series != s || o->kind != k)
            continue;
        gboolean off = outside(b, o);
        g_string_append_printf(off ? out : in, "%d %" G_GINT64_FORMAT "\n", o->year, o->count);
        n_out += off;
    }
    g_string_append(in, "EOD\n");
    g_string_append(out, "EOD\n");
    g_autoptr(GString) blocks = g_string_new(in->str);
    g_autoptr(GString) plot = g_string_new(NULL);
    g_autofree char *observed = plot_escape(i18n_text(lang_, I18N_CAL_OBSERVED));
    g_string_append_printf(plot, ", \\\n     $counts using 1:2 with points pt 7 ps 1.6 lc rgb \"#d62728\" title \"%s\"",
                           observed);
    if (n_out > 0) {
        g_autofree char *off = plot_escape(i18n_text(lang_, I18N_BT_OUTSIDE));
        g_string_append(blocks, out->str);
        g_string_append_printf(plot, ", \\\n     $outside using 1:2 with points pt 6 ps 2.2 lw 2 lc rgb \"#d62728\" title \"%s\"",
                               off);
    }
    if (b != NULL)
        cutoff_line(b, first, last, lang_, blocks);
    plot_set_raw(v, "COUNTS", blocks->str);
    plot_set_raw(v, "COUNTS_PLOT", plot->str);
}

static gboolean write_chart(const Calibration *c, const History *h, const Summary *f, const Backtest *b, int s,
                            HistoryKind k, const char *dir, GError **error)
{
    const Model *m = c->model;
    const char *l = lang(c);
    g_autofree char *name = g_strdup_printf("calibrate_%s%s", history_series_id(m, s), k == HISTORY_NEW ? "_new" : "");
    g_autofree char *title = g_strdup_printf(i18n_text(l, I18N_CAL_CHART_TITLE_FMT), history_series_name(m, s),
                                             i18n_history_kind(m, k));
    g_autofree char *data = band_data(c, f, s, k);
    g_autoptr(GHashTable) v = plot_vars_new();
    plot_set_year_chart(v, m, name, title);
    int first = c->first_year + (k == HISTORY_NEW);  /* a year's entries: none in the first */
    plot_set_int(v, "XMIN", first);
    plot_set_band_keys(v, m);
    plot_set_text(v, "FITTED", i18n_text(l, I18N_CAL_FITTED_EXPECTED));
    count_blocks(h, s, k, b, l, first, m->horizon, v);
    chart_range(c, h, f, s, k, v);
    return plot_write_chart(dir, name, data, "calibrate.gp", v, error);
}

gboolean out_calibrate_charts(const Calibration *c, const History *shown, const Summary *forecast,
                              const Backtest *b, const char *dir, GError **error)
{
    for (int s = 0; s < history_n_series(c->model); s++)
        for (HistoryKind k = HISTORY_STOCK; k <= HISTORY_NEW; k++) {
            if (!has_counts(shown, s, k))
                continue;
            if (backtest_forecast_pct(forecast, s, k)[0] == NULL) {
                g_critical("out_calibrate_charts: the forecast kept no entry histograms");
                continue;
            }
            if (!write_chart(c, shown, forecast, b, s, k, dir, error))
                return FALSE;
        }
    return TRUE;
}

/* ---- stdout ----------------------------------------------------------------- */

/* "lo – hi" with VALUE_DIGITS, or "–" when lo is NaN.  Caller frees. */
static char *interval_text(double lo, double hi)
{
    if (isnan(lo))
        return g_strdup("–");
    g_autofree char *a = number_text(VALUE_DIGITS, lo), *b = number_text(VALUE_DIGITS, hi);
    return g_strdup_printf("%s – %s", a, b);
}

/* Whether any identified parameter's two intervals differ. */
static gboolean any_differ(const Calibration *c)
{
    for (int i = 0; i < c->n_fit; i++)
        if (c->fit[i].status == FIT_IDENTIFIED && c->fit[i].differ)
            return TRUE;
    return FALSE;
}

/* The table of fitted parameters: was, fitted, the delta-method and the
 * profile 95% intervals (the latter marked '*' where they differ), and
 * whether the counts identify it. */
static void append_params(const Calibration *c, GString *out)
{
    const Model *m = c->model;
    const gboolean right[] = {FALSE, FALSE, TRUE, TRUE, TRUE, TRUE, FALSE};
    const char *head[] = {i18n_text(lang(c), I18N_SENS_PARAMETER), i18n_text(lang(c), I18N_SENS_MEANING),
                          i18n_text(lang(c), I18N_CAL_WAS),       i18n_text(lang(c), I18N_CAL_FITTED),
                          i18n_text(lang(c), I18N_CI95),          i18n_text(lang(c), I18N_CAL_PROFILE_CI),
                          i18n_text(lang(c), I18N_CAL_IDENTIFIED)};
    TextTable t;
    text_table_init(&t, G_N_ELEMENTS(right), right);
    text_table_add(&t, head);
    for (int i = 0; i < c->n_fit; i++) {
        const FitParam *f = &c->fit[i];
        g_autofree char *label = i18n_param_label(m, f->what.param, f->what.stage);
        g_autofree char *was = number_text(VALUE_DIGITS, f->start), *value = number_text(VALUE_DIGITS, f->value);
        g_autofree char *ci = interval_text(f->lo, f->hi), *profile = interval_text(f->profile_lo, f->profile_hi);
        g_autofree char *marked = g_strconcat(profile, f->differ ? " *" : "", NULL);
        g_autofree char *status = status_text(c, i);
        const char *row[] = {f->key, label, was, value, ci, marked, status};
        text_table_add(&t, row);
    }
    text_table_flush(&t, out);
}

/* The line saying where each stage starts: "The fit starts at the end of
 * 2017 from: tech_sme 400 (scenario), hightech 344 (published), ...". */
static void append_starts(const Calibration *c, GString *out)
{
    static const I18nMessage source_word[] = {[START_HISTORY] = I18N_CAL_SOURCE_HISTORY,
                                         [START_FITTED] = I18N_CAL_SOURCE_FITTED,
                                         [START_SCENARIO] = I18N_CAL_SOURCE_SCENARIO};
    const Model *m = c->model;
    g_string_append_printf(out, i18n_text(lang(c), I18N_CAL_START_TITLE_FMT), c->first_year);
    for (int s = 0; s < m->n_stages; s++) {
        g_autofree char *v = number_text("%.6g", c->start[s].value);
        if (s > 0)
            g_string_append(out, i18n_text(lang(c), I18N_CAL_START_SEP));
        g_string_append_printf(out, i18n_text(lang(c), I18N_CAL_START_ITEM_FMT), m->stages[s].id, v,
                               i18n_text(lang(c), source_word[c->start[s].source]));
    }
    g_string_append(out, "\n\n");
}

static void append_fit(const Calibration *c, GString *out)
{
    const Model *m = c->model;
    const gboolean right[] = {TRUE, FALSE, FALSE, TRUE, TRUE, TRUE};
    const char *head[] = {i18n_text(lang(c), I18N_YEAR),     i18n_text(lang(c), I18N_STAGE),
                          i18n_text(lang(c), I18N_CAL_KIND), i18n_text(lang(c), I18N_CAL_OBSERVED),
                          i18n_text(lang(c), I18N_CAL_FITTED_EXPECTED), i18n_text(lang(c), I18N_CAL_OFF)};
    TextTable t;
    g_string_append_printf(out, "\n%s\n", i18n_text(lang(c), I18N_CAL_FIT_TITLE));
    text_table_init(&t, G_N_ELEMENTS(right), right);
    text_table_add(&t, head);
    for (int i = 0; i < c->history->n; i++) {
        const Observation *o = &c->history->obs[i];
        g_autofree char *year = g_strdup_printf("%d", o->year);
        g_autofree char *observed = g_strdup_printf("%" G_GINT64_FORMAT, o->count);
        g_autofree char *fitted = number_text("%.1f", c->fitted[i]);
        g_autofree char *off = c->is_start[i]    ? g_strdup(i18n_text(lang(c), I18N_CAL_START_ROW))
                               : c->fitted[i] > 0 ? g_strdup_printf("%+.1f%%", 100 * (o->count - c->fitted[i]) / c->fitted[i])
                                                  : g_strdup("–");
        const char *row[] = {year, history_series_name(m, o->series), i18n_history_kind(m, o->kind), observed, fitted, off};
        text_table_add(&t, row);
    }
    text_table_flush(&t, out);
}

/* The strongly correlated pairs of identified estimates (|r| above
 * CALIBRATE_STRONG), each once: information, not a reason to keep one. */
static void append_strong(const Calibration *c, GString *out)
{
    int n = c->n_fit;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            double r = c->corr[i * n + j];
            if (!(fabs(r) > CALIBRATE_STRONG))
                continue;
            g_autofree char *rs = number_text("%.3f", r);
            g_string_append_printf(out, i18n_text(lang(c), I18N_CAL_STRONG_FMT), c->fit[i].key, c->fit[j].key, rs);
            g_string_append_c(out, '\n');
        }
}

/* The notes under the tables: intervals that differ, parameters kept,
 * baselines without uncertainty or of an earlier year, strong and not
 * carried correlations. */
static void append_notes(const Calibration *c, GString *out)
{
    gboolean any_drawn = FALSE;
    g_string_append_c(out, '\n');
    if (any_differ(c))
        g_string_append_printf(out, "%s\n", i18n_text(lang(c), I18N_CAL_DIFFER_NOTE));
    for (int i = 0; i < c->n_fit; i++) {
        const FitParam *f = &c->fit[i];
        if (f->status != FIT_IDENTIFIED) {
            g_autofree char *why = status_reason(c, i);
            g_string_append_printf(out, i18n_text(lang(c), I18N_CAL_KEPT_FMT), f->key, why);
            g_string_append_c(out, '\n');
        } else if (early_baseline(c, f)) {
            g_string_append_printf(out, i18n_text(lang(c), I18N_CAL_BASELINE_EARLY_FMT), f->key, c->first_year);
            g_string_append_c(out, '\n');
        } else if (f->what.param < 0) {
            g_string_append_printf(out, i18n_text(lang(c), I18N_CAL_BASELINE_NOTE_FMT), f->key);
            g_string_append_c(out, '\n');
        } else {
            any_drawn = TRUE;
        }
    }
    append_strong(c, out);
    if (any_drawn)
        g_string_append_printf(out, "%s\n", i18n_text(lang(c), I18N_CAL_CORRELATION_NOTE));
}

void out_calibrate_format(const Calibration *c, const char *calibrated_file, GString *out)
{
    const Model *m = c->model;
    g_string_append_printf(out, i18n_text(lang(c), I18N_CAL_HEADING_FMT), m->name, c->history->file,
                           c->history->region, c->history->n);
    g_string_append_c(out, '\n');
    if (c->cv > 0) {
        g_autofree char *cv = number_text("%g", c->cv);
        g_string_append_printf(out, i18n_text(lang(c), I18N_CAL_NEGBIN_FMT), cv);
    } else {
        g_string_append(out, i18n_text(lang(c), I18N_CAL_POISSON));
    }
    g_autofree char *ll = number_text("%.2f", c->log_likelihood);
    if (c->n_starts > 0) { /* none when every parameter was kept */
        g_string_append(out, " · ");
        g_string_append_printf(out, i18n_text(lang(c), I18N_CAL_STARTS_FMT), c->n_agree, c->n_starts, ll);
    }
    g_string_append(out, "\n");
    append_starts(c, out);
    append_params(c, out);
    append_fit(c, out);
    append_notes(c, out);
    if (calibrated_file != NULL) {
        g_string_append_printf(out, i18n_text(lang(c), I18N_CAL_WRITTEN_FMT), calibrated_file);
        g_string_append_c(out, '\n');
    }
}
