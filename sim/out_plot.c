/* out_plot.c: the charts of one run: gnuplot data files and scripts filled
 * in from the templates in plots/ (by plot.c), and rendering every chart.
 * SPDX-License-Identifier: MIT */
#include "out_plot.h"

#include <gio/gio.h>
#include <string.h>

#include "errors.h"
#include "i18n.h"
#include "out_table.h"
#include "outdir.h"
#include "out_parts.h"
#include "plot.h"

#define PLOT_MAX_BARS 60                  /* histogram bars, so each stays visible at 1000 px */

/* ---- fan chart of one stage --------------------------------------------- */

/* The figures a fan chart draws, of a stage or of a list: arrays over years. */
typedef struct {
    const char *id;         /* the stage's or list's id: fan_<id> */
    const char *name;       /* shown in the title */
    const double *expected, *mean;
    gint64 *const *pct;     /* summary_pcts order */
    int stage, list;        /* which one (the other is -1): its targets are marked */
} FanSeries;

static FanSeries stage_series(const Summary *s, int i)
{
    const StageSummary *st = &s->stages[i];
    return (FanSeries){s->model->stages[i].id, model_stage_name(s->model, i), st->expected, st->mean, st->pct, i, -1};
}

static FanSeries list_series(const Summary *s, int l)
{
    const ListSummary *ls = &s->lists[l];
    return (FanSeries){s->model->lists[l].id, s->model->lists[l].name, ls->expected, ls->mean, ls->pct, -1, l};
}

/* fan_<id>.dat: year p5 p25 p50 p75 p95 expected mean. */
static char *fan_data(const Summary *s, const FanSeries *f)
{
    const guint cols[] = {5, 25, 50, 75, 95};
    GString *out = g_string_new("# year p5 p25 p50 p75 p95 expected mean\n");

    for (int y = 0; y < s->n_years; y++) {
        g_string_append_printf(out, "%d", s->model->base_year + y);
        for (gsize c = 0; c < G_N_ELEMENTS(cols); c++)
            g_string_append_printf(out, " %" G_GINT64_FORMAT, f->pct[summary_pct_index(cols[c])][y]);
        plot_append_number(out, f->expected[y]);
        plot_append_number(out, f->mean[y]);
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

/* Commands marking target `k` on its stage's fan: a dotted guide at the
 * threshold from the first year up to the target's year only, labelled
 * with the target at its left end, and a marker at (year, threshold) on
 * the datablock.  The label sits above the guide when the fan starts below
 * the threshold (the usual climb), below it otherwise, on a white box so
 * the bands under it do not garble it. */
static void fan_target_marks(const Summary *s, int k, gboolean fan_starts_below, GString *cmds, GString *block)
{
    const Model *m = s->model;
    const Target *t = &m->targets[k];
    char threshold[32];
    g_snprintf(threshold, sizeof threshold, "%" G_GINT64_FORMAT, t->at_least);
    g_autofree char *label = g_strdup_printf(i18n_text(m->language, I18N_TARGET_LINE_FMT),
                                             t->name, threshold, t->year);
    g_autofree char *quoted = plot_escape(label);

    g_string_append_printf(block, "%d %" G_GINT64_FORMAT "\n", t->year, t->at_least);
    g_string_append_printf(cmds, "set arrow from first %d, first %s to first %d, first %s "
                           "nohead dt 3 lw 1.5 lc rgb \"#d62728\" front\n",
                           m->base_year, threshold, t->year, threshold);
    g_string_append_printf(cmds, "set label \"%s\" at first %d, first %s left offset 1, %s "
                           "boxed tc rgb \"#d62728\" front\n", quoted, m->base_year, threshold,
                           fan_starts_below ? "0.9" : "-0.9");
}

/* TRUE when target `t` counts exactly what the fan of stage `stage` or
 * list `list` (the other -1) draws, so its threshold belongs on that fan. */
static gboolean target_on_fan(const Target *t, int stage, int list)
{
    return list >= 0 ? t->count == COUNT_LIST && t->list == list : t->count == COUNT_STAGE && t->stage == stage;
}

void out_plot_target_marks(const Summary *s, int stage, int list, double first_year_median, PlotVars *v)
{
    const Model *m = s->model;
    g_autoptr(GString) cmds = g_string_new("set style textbox opaque fc rgb \"#ffffff\" noborder margins 2, 1\n");
    g_autoptr(GString) block = g_string_new(NULL);

    for (int k = 0; k < m->n_targets; k++)
        if (target_on_fan(&m->targets[k], stage, list))
            fan_target_marks(s, k, first_year_median < (double)m->targets[k].at_least, cmds, block);
    if (block->len == 0) {
        plot_set_raw(v, "TARGETS", "");
        plot_set_raw(v, "TARGET_PLOT", "");
        return;
    }
    g_autofree char *title = plot_escape(i18n_text(m->language, I18N_TARGET));
    g_string_prepend(cmds, "EOD\n");
    g_string_prepend(cmds, block->str);
    g_string_prepend(cmds, "$targets << EOD\n");
    plot_set_raw(v, "TARGETS", cmds->str);
    g_autofree char *plot = g_strdup_printf(", \\\n     $targets using 1:2 with points pt 9 "
                                            "ps 2.2 lc rgb \"#d62728\" title \"%s\"", title);
    plot_set_raw(v, "TARGET_PLOT", plot);
}

void out_plot_fan_range(const Summary *s, int stage, int list, double lo, double hi, PlotVars *v)
{
    const Model *m = s->model;
    for (int k = 0; k < m->n_targets; k++)
        if (target_on_fan(&m->targets[k], stage, list)) {
            lo = MIN(lo, (double)m->targets[k].at_least);
            hi = MAX(hi, (double)m->targets[k].at_least);
        }
    plot_set_count_range(v, m, lo, hi);
}

/* The lowest and highest figure the fan `f` draws: P5 and P95, the
 * expectation and the mean, over every year. */
static void fan_span(const Summary *s, const FanSeries *f, double *lo, double *hi)
{
    int p5 = summary_pct_index(5), p95 = summary_pct_index(95);
    *lo = G_MAXDOUBLE;
    *hi = -G_MAXDOUBLE;
    for (int y = 0; y < s->n_years; y++) {
        *lo = MIN(*lo, MIN((double)f->pct[p5][y], MIN(f->expected[y], f->mean[y])));
        *hi = MAX(*hi, MAX((double)f->pct[p95][y], MAX(f->expected[y], f->mean[y])));
    }
}

static gboolean write_fan(const Summary *s, const char *dir, const FanSeries *f, GError **error)
{
    const Model *m = s->model;
    const char *lang = m->language;
    g_autofree char *name = g_strdup_printf("fan_%s", f->id);
    g_autofree char *title = g_strdup_printf(i18n_text(lang, f->list >= 0 ? I18N_FAN_LIST_TITLE_FMT
                                                                           : I18N_FAN_STAGE_TITLE_FMT),
                                             f->name, m->name);
    g_autofree char *data = fan_data(s, f);
    g_autoptr(GHashTable) v = plot_vars_new();

    plot_set_year_chart(v, m, name, title);
    plot_set_band_keys(v, m);
    double lo, hi;
    fan_span(s, f, &lo, &hi);
    plot_set_text(v, "EXPECTED", i18n_text(lang, I18N_EXPECTED));
    out_plot_fan_range(s, f->stage, f->list, lo, hi, v);
    out_plot_target_marks(s, f->stage, f->list, (double)f->pct[summary_pct_index(50)][0], v);
    return plot_write_chart(dir, name, data, "fan.gp", v, error);
}

/* ---- probability of each target ----------------------------------------- */

char *out_plot_verdict_guides(const char *lang)
{
    GString *out = g_string_new("set rmargin 17\n");
    double from, above = 1.0;
    const char *words;

    for (guint i = 0; out_table_verdict_band(lang, i, &from, &words); i++) {
        g_autofree char *quoted = plot_escape(words);
        if (from > 0)
            g_string_append_printf(out, "set arrow from graph 0, first %g to graph 1, first %g "
                                   "nohead dt 3 lc rgb \"#aaaaaa\" back\n", 100 * from, 100 * from);
        g_string_append_printf(out, "set label \"%s\" at graph 1, first %g left offset 1, 0 "
                               "tc rgb \"#777777\"\n", quoted, 50 * (from + above));
        above = from;
    }
    return g_string_free(out, FALSE);
}

/* Whether the targets chart has a bar for every target met together: only
 * when there is more than one target (with one it is that target's bar). */
static gboolean targets_all_bar(const Summary *s)
{
    return s->model->n_targets > 1;
}

static void targets_data_row(GString *out, int x, double p, double se)
{
    double half = PLOT_Z95 * se;
    g_string_append_printf(out, "%d", x);
    plot_append_number(out, 100 * p);
    plot_append_number(out, 100 * MAX(0.0, p - half));
    plot_append_number(out, 100 * MIN(1.0, p + half));
    g_string_append_c(out, '\n');
}

/* targets.dat: k, probability, and the ends of its ±1.96 se bar, in
 * percent; then, at k = n + 1, all targets met together. */
static char *targets_data(const Summary *s)
{
    GString *out = g_string_new("# target probability_pct low_pct high_pct\n");
    int n = s->model->n_targets;
    for (int k = 0; k < n; k++)
        targets_data_row(out, k + 1, s->targets[k].probability, s->targets[k].se);
    if (targets_all_bar(s))
        targets_data_row(out, n + 1, s->all_probability, s->all_se);
    return g_string_free(out, FALSE);
}

/* ("高企" 1, "瞪羚" 2, "全部目标同时达成" 3): the names under the bars. */
static char *targets_xtics(const Summary *s)
{
    const Model *m = s->model;
    GString *out = g_string_new(NULL);
    for (int k = 0; k < m->n_targets; k++) {
        g_autofree char *name = plot_escape(m->targets[k].name);
        g_string_append_printf(out, "%s\"%s\" %d", k ? ", " : "", name, k + 1);
    }
    if (targets_all_bar(s)) {
        g_autofree char *all = plot_escape(i18n_text(m->language, I18N_ALL_TARGETS_BAR));
        g_string_append_printf(out, ", \"%s\" %d", all, m->n_targets + 1);
    }
    return g_string_free(out, FALSE);
}

#define PLOT_TARGETS_FLAT 5  /* more targets than this: slant their names */

static gboolean write_targets_chart(const Summary *s, const char *dir, GError **error)
{
    const Model *m = s->model;
    const char *lang = m->language;
    g_autofree char *data = targets_data(s);
    g_autofree char *xtics = targets_xtics(s);
    g_autofree char *guides = out_plot_verdict_guides(lang);
    int n_bars = m->n_targets + targets_all_bar(s);
    g_autoptr(GHashTable) v = plot_vars_new();

    plot_set_text(v, "TITLE", i18n_text(lang, I18N_TARGETS_TITLE));
    plot_set_text(v, "SUBTITLE", i18n_text(lang, I18N_ERRORBAR_NOTE));
    plot_set_text(v, "YLABEL", i18n_text(lang, I18N_PROBABILITY_PCT));
    plot_set_int(v, "N", n_bars);
    plot_set_int(v, "N_TARGETS", m->n_targets);
    plot_set_raw(v, "XTICS", xtics);
    plot_set_raw(v, "GUIDES", guides);
    plot_set_raw(v, "XTICS_ROTATE", n_bars > PLOT_TARGETS_FLAT ? "rotate by -30" : "");
    return plot_write_chart(dir, "targets", data, "targets.gp", v, error);
}

/* ---- composition -------------------------------------------------------- */

/* composition.dat: year, then each stage's mean stock. */
static char *composition_data(const Summary *s)
{
    const Model *m = s->model;
    GString *out = g_string_new("# year");
    for (int i = 0; i < m->n_stages; i++)
        g_string_append_printf(out, " %s", m->stages[i].id);
    g_string_append_c(out, '\n');
    for (int y = 0; y < s->n_years; y++) {
        g_string_append_printf(out, "%d", m->base_year + y);
        for (int i = 0; i < m->n_stages; i++)
            plot_append_number(out, s->stages[i].mean[y]);
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

#define PLOT_UPPER_SHARE 0.10  /* top stages holding less than this share of all firms get their own panel */
#define PLOT_UPPER_WIDTH 0.36  /* of the chart's width, for that panel */

/* The first of the upper rungs: the top stages that together hold less
 * than PLOT_UPPER_SHARE of all firms in every year, so they are a sliver
 * of the stack.  n_stages when there are none; 0 never (all stages can't
 * be a sliver of themselves). */
static int composition_upper(const Summary *s)
{
    const Model *m = s->model;
    int first = m->n_stages;
    for (int i = m->n_stages - 1; i > 0; i--) {
        gboolean small = TRUE;
        for (int y = 0; y < s->n_years && small; y++) {
            double upper = 0, total = 0;
            for (int j = 0; j < m->n_stages; j++) {
                total += s->stages[j].mean[y];
                upper += j >= i ? s->stages[j].mean[y] : 0;
            }
            small = upper < PLOT_UPPER_SHARE * total;
        }
        if (!small)
            break;
        first = i;
    }
    return first;
}

/* One stacked plot of stages from..n_stages-1, titled in the key when `keyed`. */
static void composition_plot(const Model *m, int from, gboolean keyed, GString *out)
{
    int step = plot_year_step(m);
    g_string_append(out, "plot ");
    for (int i = from; i < m->n_stages; i++) {
        g_autofree char *name = plot_escape(model_stage_name(m, i));
        g_autofree char *title = keyed ? g_strdup_printf("title \"%s\"", name) : g_strdup("notitle");
        if (i == from)
            g_string_append_printf(out, "\"composition.dat\" using %d:xtic(int($1) %% %d == 0 "
                                   "? stringcolumn(1) : \"\") %s lt %d", i + 2, step, title, i + 1);
        else
            g_string_append_printf(out, ", \\\n     \"\" using %d %s lt %d", i + 2, title, i + 1);
    }
    g_string_append_c(out, '\n');
}

/* @LINETYPES@ and @PANELS@: one stacked series per stage, in ladder order;
 * the upper rungs, when they are a sliver, stacked again in a second panel
 * with their own axis, in the same colours. */
static void composition_series(const Summary *s, PlotVars *v)
{
    const Model *m = s->model;
    g_autoptr(GString) types = g_string_new(NULL);
    g_autoptr(GString) panels = g_string_new(NULL);
    g_autofree char *title = plot_escape(i18n_text(m->language, I18N_COMPOSITION_TITLE));
    int upper = composition_upper(s);

    for (int i = 0; i < m->n_stages; i++)
        g_string_append_printf(types, "set linetype %d lc rgb \"%s\"\n", i + 1, plot_colour(i));
    g_string_append_printf(panels, "set multiplot title \"%s\" font \",14\"\n", title);
    g_string_append_printf(panels, "set origin 0, 0\nset size %g, 1\n",
                           upper < m->n_stages ? 1 - PLOT_UPPER_WIDTH : 1.0);
    g_string_append(panels, "set title \"\"\nset key outside right top vertical invert samplen 2 spacing 1.2\n");
    composition_plot(m, 0, TRUE, panels);
    if (upper < m->n_stages) {
        g_autofree char *sub = g_strdup_printf(i18n_text(m->language, I18N_COMPOSITION_UPPER_FMT),
                                               model_stage_name(m, upper));
        g_autofree char *quoted = plot_escape(sub);
        g_string_append_printf(panels, "set origin %g, 0\nset size %g, 1\n", 1 - PLOT_UPPER_WIDTH,
                               PLOT_UPPER_WIDTH);
        g_string_append_printf(panels, "set title \"%s\"\nset key off\nset ylabel \"\"\n", quoted);
        composition_plot(m, upper, FALSE, panels);
    }
    g_string_append(panels, "unset multiplot");
    plot_set_raw(v, "LINETYPES", types->str);
    plot_set_raw(v, "PANELS", panels->str);
}

static gboolean write_composition(const Summary *s, const char *dir, GError **error)
{
    const char *lang = s->model->language;
    g_autofree char *data = composition_data(s);
    g_autoptr(GHashTable) v = plot_vars_new();

    plot_set_text(v, "XLABEL", i18n_text(lang, I18N_YEAR));
    plot_set_text(v, "YLABEL", i18n_text(lang, I18N_FIRMS));
    composition_series(s, v);
    return plot_write_chart(dir, "composition", data, "composition.gp", v, error);
}

/* ---- distribution of one target's count --------------------------------- */

/* a // b rounded towards minus infinity, b > 0. */
static gint64 floor_div(gint64 a, gint64 b)
{
    return a / b - (a % b != 0 && a < 0);
}

/* Bar width: the histogram's range split into at most PLOT_MAX_BARS bars. */
static gint64 bar_width(const Histogram *h)
{
    gint64 range = histogram_max(h) - histogram_min(h) + 1;
    return MAX(1, (range + PLOT_MAX_BARS - 1) / PLOT_MAX_BARS);
}

/* target_<k>.dat: bar centre, probability in percent, met (1) or not (0).
 * Bars are `w` values wide and one starts at `at_least`, so no bar holds
 * both counts that meet the target and counts that do not. */
static char *target_data(const Histogram *h, gint64 at_least, gint64 w)
{
    GString *out = g_string_new("# value probability_pct met\n");
    gint64 lo = histogram_min(h), hi = histogram_max(h);
    gint64 start = at_least + floor_div(lo - at_least, w) * w;

    for (gint64 a = start; a <= hi; a += w) {
        guint64 n = histogram_count_between(h, a, a + w);
        g_string_append_printf(out, "%.1f", a + (w - 1) / 2.0);
        plot_append_number(out, h->total ? 100.0 * (double)n / (double)h->total : 0.0);
        g_string_append_printf(out, " %d\n", a >= at_least);
    }
    return g_string_free(out, FALSE);
}

/* Title, threshold line and ranges of target k's chart. */
static void target_vars(const Summary *s, int k, gint64 w, PlotVars *v)
{
    const Model *m = s->model;
    const Target *t = &m->targets[k];
    const Histogram *h = s->targets[k].hist;
    g_autofree char *condition = i18n_target_condition(m, k);
    g_autofree char *pct = g_strdup_printf("%.1f%%", 100 * s->targets[k].probability);
    g_autofree char *title = g_strdup_printf(i18n_text(m->language, I18N_TARGET_HIST_FMT),
                                             t->name, condition, pct);
    g_autofree char *line = g_strdup_printf("%s ≥ %" G_GINT64_FORMAT,
                                            i18n_text(m->language, I18N_TARGET), t->at_least);
    double x_lo = MIN(histogram_min(h), t->at_least) - w;
    double x_hi = MAX(histogram_max(h), t->at_least) + w;

    plot_set_text(v, "TITLE", title);
    plot_set_text(v, "XLABEL", i18n_text(m->language, I18N_FIRMS));
    plot_set_text(v, "YLABEL", i18n_text(m->language, I18N_PROBABILITY_PCT));
    plot_set_text(v, "MET", i18n_text(m->language, I18N_MET));
    plot_set_text(v, "NOT_MET", i18n_text(m->language, I18N_NOT_MET));
    plot_set_text(v, "LINE_LABEL", line);
    plot_set_double(v, "LINE_X", (double)t->at_least - 0.5);
    /* the label goes where there is room: after the line in the left half */
    plot_set_raw(v, "LABEL_SIDE", 2 * (t->at_least - x_lo) < x_hi - x_lo ? "left offset 1, 0"
                                                                       : "right offset -1, 0");
    plot_set_double(v, "XMIN", x_lo);
    plot_set_double(v, "XMAX", x_hi);
    plot_set_double(v, "BOXWIDTH", 0.9 * (double)w);
}

static gboolean write_target_chart(const Summary *s, const char *dir, int k, GError **error)
{
    const Histogram *h = s->targets[k].hist;
    gint64 w = bar_width(h);
    g_autofree char *name = g_strdup_printf("target_%d", k + 1);
    g_autofree char *data = target_data(h, s->model->targets[k].at_least, w);
    g_autoptr(GHashTable) v = plot_vars_new();

    target_vars(s, k, w, v);
    return plot_write_chart(dir, name, data, "target.gp", v, error);
}

gboolean out_plot_write(const Summary *s, const char *dir, GError **error)
{
    g_return_val_if_fail(s != NULL && dir != NULL, FALSE);
    const Model *m = s->model;

    for (int i = 0; i < m->n_stages; i++) {
        FanSeries f = stage_series(s, i);
        if (!write_fan(s, dir, &f, error))
            return FALSE;
    }
    for (int l = 0; l < m->n_lists; l++) {
        FanSeries f = list_series(s, l);
        gboolean targeted = FALSE;
        for (int k = 0; k < m->n_targets; k++)
            targeted = targeted || target_on_fan(&m->targets[k], -1, l);
        if (targeted && !write_fan(s, dir, &f, error))
            return FALSE;
    }
    if (!write_composition(s, dir, error))
        return FALSE;
    if (m->n_targets > 0 && !write_targets_chart(s, dir, error))
        return FALSE;
    for (int k = 0; k < m->n_targets; k++)
        if (s->targets[k].hist && !write_target_chart(s, dir, k, error))
            return FALSE;
    return out_parts_write(s, dir, error);
}

/* ---- rendering ---------------------------------------------------------- */

/* One gnuplot run; filled in by a pool thread. */
typedef struct {
    const char *dir, *gnuplot;  /* borrowed */
    char *script;               /* file name in dir */
    gboolean ok;
    char *message;              /* why it failed */
} RenderJob;

/* The line of gnuplot's stderr that says what went wrong: the first
 * '"script" line N: ...' that is not a warning, else the first non-empty
 * line (gnuplot echoes the offending command before its message). */
static char *gnuplot_error_line(const char *script, const char *err)
{
    g_auto(GStrv) lines = g_strsplit(err ? err : "", "\n", -1);
    g_autofree char *prefix = g_strdup_printf("\"%s\" line ", script);
    const char *first = NULL;

    for (char **l = lines; *l; l++) {
        g_strstrip(*l);
        if (g_str_has_prefix(*l, prefix) && !strstr(*l, "warning:"))
            return g_strdup(*l);
        if (!first && **l)
            first = *l;
    }
    return g_strdup(first ? first : "no message");
}

static void render_one(gpointer data, gpointer user_data)
{
    RenderJob *job = data;
    char *argv[] = {(char *)job->gnuplot, job->script, NULL};
    g_autofree char *err = NULL;
    g_autoptr(GError) spawn_error = NULL;
    int status = 0;
    (void)user_data;

    if (!g_spawn_sync(job->dir, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                      &err, &status, &spawn_error)) {
        job->message = g_strdup(spawn_error->message);
        return;
    }
    job->ok = g_spawn_check_wait_status(status, NULL);
    if (!job->ok) {
        job->message = gnuplot_error_line(job->script, err);
        return;
    }
    /* gnuplot exits 0, silent, when a full disk cuts a chart short */
    g_autoptr(GError) unwritten = NULL;
    job->ok = plot_check_outputs(job->dir, job->script, &unwritten);
    if (!job->ok)
        job->message = g_strdup(unwritten->message);
}

/* The .gp files in `dir`, sorted so runs and errors come in a fixed order
 * (caller frees with g_ptr_array_unref).  NULL with an IO error when the
 * folder cannot be read. */
static GPtrArray *list_scripts(const char *dir, GError **error)
{
    return outdir_list(dir, "", ".gp", error);
}

/* Runs every job, up to one per processor at a time; returns when all ended. */
static void render_all(RenderJob *jobs, guint n)
{
    GThreadPool *pool = g_thread_pool_new(render_one, NULL, (gint)g_get_num_processors(),
                                          FALSE, NULL);
    for (guint i = 0; i < n; i++)
        g_thread_pool_push(pool, &jobs[i], NULL);
    g_thread_pool_free(pool, FALSE, TRUE);
}

gboolean out_plot_render(const char *dir, gboolean *no_gnuplot, GError **error)
{
    g_return_val_if_fail(dir != NULL && no_gnuplot != NULL, FALSE);
    g_autofree char *gnuplot = g_find_program_in_path("gnuplot");
    *no_gnuplot = gnuplot == NULL;
    if (!gnuplot)
        return TRUE;
    g_autoptr(GPtrArray) scripts = list_scripts(dir, error);
    if (!scripts)
        return FALSE;

    g_autofree RenderJob *jobs = g_new0(RenderJob, scripts->len);
    for (guint i = 0; i < scripts->len; i++)
        jobs[i] = (RenderJob){dir, gnuplot, g_ptr_array_index(scripts, i), FALSE, NULL};
    render_all(jobs, scripts->len);

    gboolean ok = TRUE;
    for (guint i = 0; i < scripts->len; i++) {
        if (ok && !jobs[i].ok) {
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "gnuplot failed on %s/%s: %s",
                        dir, jobs[i].script, jobs[i].message);
            ok = FALSE;
        }
        g_free(jobs[i].message);
    }
    return ok;
}
