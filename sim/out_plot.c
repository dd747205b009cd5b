/* out_plot.c: the charts: gnuplot data files and scripts filled in from the
 * templates in plots/ (compiled in as a GResource), and their rendering.
 * SPDX-License-Identifier: MIT */
#include "out.h"

#include <gio/gio.h>
#include <string.h>

#include "errors.h"
#include "i18n.h"

#define PLOT_FONT "Noto Sans CJK SC,11"   /* fonts-noto-cjk: Chinese glyphs in PNG and SVG */
#define PLOT_RESOURCE_DIR "/ladder/plots/"
#define PLOT_MAX_BARS 60                  /* histogram bars, so each stays visible at 1000 px */
#define PLOT_Z95 1.96                     /* two-sided 95% normal quantile, for error bars */

/* Defined in build/resources.c, which glib-compile-resources generates from
 * plots/plots.gresource.xml (the C name comes from that file's name).
 * Calling it also makes the linker take resources.o out of libladder.a. */
GResource *plots_get_resource(void);

/* Stage colours, cycled: Tableau 10, told apart by most colour-blind readers. */
static const char *const stage_colours[] = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
};

/* ---- templates ---------------------------------------------------------- */

/* Placeholder values of one script: "TITLE" -> text (values owned). */
typedef GHashTable Vars;

static Vars *vars_new(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
}

/* Sets @KEY@ to `value` as written (gnuplot commands, numbers). */
static void vars_raw(Vars *v, const char *key, const char *value)
{
    g_hash_table_replace(v, (gpointer)key, g_strdup(value));
}

/* `s` made safe inside a double-quoted gnuplot string: backslashes and
 * quotes escaped, line breaks turned into spaces.  Caller frees. */
static char *gp_escape(const char *s)
{
    GString *out = g_string_new(NULL);
    for (const char *p = s; *p; p++) {
        if (*p == '\\' || *p == '"')
            g_string_append_c(out, '\\');
        g_string_append_c(out, *p == '\n' || *p == '\r' ? ' ' : *p);
    }
    return g_string_free(out, FALSE);
}

/* Sets @KEY@ to text shown in the chart; the template quotes it. */
static void vars_text(Vars *v, const char *key, const char *text)
{
    g_hash_table_replace(v, (gpointer)key, gp_escape(text));
}

static void vars_int(Vars *v, const char *key, gint64 x)
{
    g_hash_table_replace(v, (gpointer)key, g_strdup_printf("%" G_GINT64_FORMAT, x));
}

static void vars_double(Vars *v, const char *key, double x)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    vars_raw(v, key, g_ascii_formatd(buf, sizeof buf, "%.6g", x));
}

/* The template `name` with every @KEY@ replaced by its value from `v`.
 * Values are not scanned again.  A placeholder without a value is a bug in
 * this file or the template (critical warning, left in place).  Caller frees. */
static char *template_fill(const char *name, Vars *v)
{
    g_autofree char *path = g_strconcat(PLOT_RESOURCE_DIR, name, NULL);
    g_autoptr(GBytes) bytes = g_resource_lookup_data(plots_get_resource(), path,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    g_return_val_if_fail(bytes != NULL, g_strdup(""));
    g_autofree char *text = g_strndup(g_bytes_get_data(bytes, NULL), g_bytes_get_size(bytes));
    GString *out = g_string_new(NULL);

    for (const char *p = text; *p;) {
        const char *end = *p == '@' ? strchr(p + 1, '@') : NULL;
        g_autofree char *key = end ? g_strndup(p + 1, end - p - 1) : NULL;
        const char *value = key ? g_hash_table_lookup(v, key) : NULL;
        if (!value) {
            if (key && *key && strspn(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == strlen(key))
                g_critical("%s: no value for @%s@", name, key);
            g_string_append_c(out, *p++);
            continue;
        }
        g_string_append(out, value);
        p = end + 1;
    }
    return g_string_free(out, FALSE);
}

/* ---- files -------------------------------------------------------------- */

static gboolean write_file(const char *dir, const char *name, const char *text, GError **error)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autoptr(GError) local = NULL;
    if (g_file_set_contents(path, text, -1, &local))
        return TRUE;
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "cannot write %s: %s", path,
                local->message);
    return FALSE;
}

/* Fills template `tmpl` from `v` and writes it to dir/script. */
static gboolean write_script(const char *dir, const char *script, const char *tmpl,
                             Vars *v, GError **error)
{
    vars_raw(v, "FONT", PLOT_FONT);
    g_autofree char *text = template_fill(tmpl, v);
    return write_file(dir, script, text, error);
}

char *out_plot_escape(const char *s)
{
    return gp_escape(s);
}

gboolean out_plot_chart(const char *dir, const char *name, const char *data, const char *tmpl,
                        const char *const *pairs, GError **error)
{
    g_autofree char *data_name = g_strconcat(name, ".dat", NULL);
    g_autofree char *script = g_strconcat(name, ".gp", NULL);
    g_autoptr(GHashTable) v = vars_new();
    vars_raw(v, "NAME", name);
    vars_raw(v, "DATA", data_name);
    for (int i = 0; pairs[i] && pairs[i + 1]; i += 2)
        vars_raw(v, pairs[i], pairs[i + 1]);
    return write_file(dir, data_name, data, error) && write_script(dir, script, tmpl, v, error);
}

static void append_number(GString *out, double x)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_c(out, ' ');
    g_string_append(out, g_ascii_formatd(buf, sizeof buf, "%.4f", x));
}

/* Year tick step: every year on short runs, fewer on long ones (ticks then
 * fall on round years, as gnuplot places them on the fan charts). */
static int year_step(const Model *m)
{
    int span = m->horizon - m->base_year;
    return span <= 15 ? 1 : span <= 30 ? 2 : span <= 60 ? 5 : 10;
}

/* ---- fan chart of one stage --------------------------------------------- */

/* fan_<id>.dat: year p5 p25 p50 p75 p95 expected mean. */
static char *fan_data(const Summary *s, int i)
{
    const StageSummary *st = &s->stages[i];
    const guint cols[] = {5, 25, 50, 75, 95};
    GString *out = g_string_new("# year p5 p25 p50 p75 p95 expected mean\n");

    for (int y = 0; y < s->n_years; y++) {
        g_string_append_printf(out, "%d", s->model->base_year + y);
        for (gsize c = 0; c < G_N_ELEMENTS(cols); c++)
            g_string_append_printf(out, " %" G_GINT64_FORMAT,
                                   st->pct[summary_pct_index(cols[c])][y]);
        append_number(out, st->expected[y]);
        append_number(out, st->mean[y]);
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

/* Commands marking target `k` on its stage's fan: a dotted line at the
 * threshold, a labelled marker at (year, threshold) on the datablock. */
static void fan_target_marks(const Summary *s, int k, GString *cmds, GString *block)
{
    const Model *m = s->model;
    const Target *t = &m->targets[k];
    char threshold[32];
    g_snprintf(threshold, sizeof threshold, "%" G_GINT64_FORMAT, t->at_least);
    g_autofree char *label = g_strdup_printf(i18n_text(m->language, I18N_TARGET_LINE_FMT),
                                             t->name, threshold, t->year);
    g_autofree char *quoted = gp_escape(label);
    gboolean early = 2 * (t->year - m->base_year) <= m->horizon - m->base_year;

    g_string_append_printf(block, "%d %" G_GINT64_FORMAT "\n", t->year, t->at_least);
    g_string_append_printf(cmds, "set arrow from graph 0, first %s to graph 1, first %s "
                           "nohead dt 3 lw 1.5 lc rgb \"#d62728\" front\n", threshold, threshold);
    g_string_append_printf(cmds, "set label \"%s\" at first %d, first %s %s offset %s, 1 "
                           "tc rgb \"#d62728\" front\n", quoted, t->year, threshold,
                           early ? "left" : "right", early ? "1" : "-1");
}

/* @TARGETS@ and @TARGET_PLOT@ of stage i's fan: every count=stage target on it. */
static void fan_targets(const Summary *s, int i, Vars *v)
{
    const Model *m = s->model;
    g_autoptr(GString) cmds = g_string_new(NULL);
    g_autoptr(GString) block = g_string_new(NULL);

    for (int k = 0; k < m->n_targets; k++)
        if (m->targets[k].count == COUNT_STAGE && m->targets[k].stage == i)
            fan_target_marks(s, k, cmds, block);
    if (block->len == 0) {
        vars_raw(v, "TARGETS", "");
        vars_raw(v, "TARGET_PLOT", "");
        return;
    }
    g_autofree char *title = gp_escape(i18n_text(m->language, I18N_TARGET));
    g_string_prepend(cmds, "EOD\n");
    g_string_prepend(cmds, block->str);
    g_string_prepend(cmds, "$targets << EOD\n");
    vars_raw(v, "TARGETS", cmds->str);
    g_autofree char *plot = g_strdup_printf(", \\\n     $targets using 1:2 with points pt 9 "
                                            "ps 2.2 lc rgb \"#d62728\" title \"%s\"", title);
    vars_raw(v, "TARGET_PLOT", plot);
}

static gboolean write_fan(const Summary *s, const char *dir, int i, GError **error)
{
    const Model *m = s->model;
    const char *lang = m->language;
    g_autofree char *name = g_strdup_printf("fan_%s", m->stages[i].id);
    g_autofree char *data_name = g_strconcat(name, ".dat", NULL);
    g_autofree char *script = g_strconcat(name, ".gp", NULL);
    g_autofree char *title = g_strdup_printf("%s — %s", model_stage_name(m, i), m->name);
    g_autofree char *data = fan_data(s, i);
    g_autoptr(GHashTable) v = vars_new();

    vars_raw(v, "NAME", name);
    vars_raw(v, "DATA", data_name);
    vars_text(v, "TITLE", title);
    vars_text(v, "XLABEL", i18n_text(lang, I18N_YEAR));
    vars_text(v, "YLABEL", i18n_text(lang, I18N_FIRMS));
    vars_text(v, "P5P95", i18n_text(lang, I18N_P5_P95));
    vars_text(v, "P25P75", i18n_text(lang, I18N_P25_P75));
    vars_text(v, "MEDIAN", i18n_text(lang, I18N_MEDIAN));
    vars_text(v, "EXPECTED", i18n_text(lang, I18N_EXPECTED));
    vars_int(v, "XMIN", m->base_year);
    vars_int(v, "XMAX", m->horizon);
    vars_int(v, "XSTEP", year_step(m));
    fan_targets(s, i, v);
    return write_file(dir, data_name, data, error) &&
           write_script(dir, script, "fan.gp", v, error);
}

/* ---- probability of each target ----------------------------------------- */

/* targets.dat: k, probability, and the ends of its ±1.96 se bar, in percent. */
static char *targets_data(const Summary *s)
{
    GString *out = g_string_new("# target probability_pct low_pct high_pct\n");
    for (int k = 0; k < s->model->n_targets; k++) {
        const TargetSummary *ts = &s->targets[k];
        double half = PLOT_Z95 * ts->se;
        g_string_append_printf(out, "%d", k + 1);
        append_number(out, 100 * ts->probability);
        append_number(out, 100 * MAX(0.0, ts->probability - half));
        append_number(out, 100 * MIN(1.0, ts->probability + half));
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

/* ("高企" 1, "瞪羚" 2): the target names under their bars. */
static char *targets_xtics(const Model *m)
{
    GString *out = g_string_new(NULL);
    for (int k = 0; k < m->n_targets; k++) {
        g_autofree char *name = gp_escape(m->targets[k].name);
        g_string_append_printf(out, "%s\"%s\" %d", k ? ", " : "", name, k + 1);
    }
    return g_string_free(out, FALSE);
}

#define PLOT_TARGETS_FLAT 5  /* more targets than this: slant their names */

static gboolean write_targets_chart(const Summary *s, const char *dir, GError **error)
{
    const Model *m = s->model;
    const char *lang = m->language;
    g_autofree char *data = targets_data(s);
    g_autofree char *xtics = targets_xtics(m);
    g_autoptr(GHashTable) v = vars_new();

    vars_raw(v, "DATA", "targets.dat");
    vars_text(v, "TITLE", i18n_text(lang, I18N_TARGETS_TITLE));
    vars_text(v, "SUBTITLE", i18n_text(lang, I18N_ERRORBAR_NOTE));
    vars_text(v, "YLABEL", i18n_text(lang, I18N_PROBABILITY_PCT));
    vars_int(v, "N", m->n_targets);
    vars_raw(v, "XTICS", xtics);
    vars_raw(v, "XTICS_ROTATE", m->n_targets > PLOT_TARGETS_FLAT ? "rotate by -30" : "");
    return write_file(dir, "targets.dat", data, error) &&
           write_script(dir, "targets.gp", "targets.gp", v, error);
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
            append_number(out, s->stages[i].mean[y]);
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

/* @LINETYPES@ and @PLOT@: one stacked series per stage, in ladder order. */
static void composition_series(const Model *m, Vars *v)
{
    g_autoptr(GString) types = g_string_new(NULL);
    g_autoptr(GString) plot = g_string_new(NULL);
    int step = year_step(m);

    for (int i = 0; i < m->n_stages; i++) {
        g_autofree char *title = gp_escape(model_stage_name(m, i));
        g_string_append_printf(types, "set linetype %d lc rgb \"%s\"\n", i + 1,
                               stage_colours[i % G_N_ELEMENTS(stage_colours)]);
        if (i == 0)
            g_string_append_printf(plot, "\"composition.dat\" using 2:xtic(int($1) %% %d == 0 "
                                   "? stringcolumn(1) : \"\") title \"%s\" lt 1", step, title);
        else
            g_string_append_printf(plot, ", \\\n     \"\" using %d title \"%s\" lt %d",
                                   i + 2, title, i + 1);
    }
    vars_raw(v, "LINETYPES", types->str);
    vars_raw(v, "PLOT", plot->str);
}

static gboolean write_composition(const Summary *s, const char *dir, GError **error)
{
    const char *lang = s->model->language;
    g_autofree char *data = composition_data(s);
    g_autoptr(GHashTable) v = vars_new();

    vars_text(v, "TITLE", i18n_text(lang, I18N_COMPOSITION_TITLE));
    vars_text(v, "XLABEL", i18n_text(lang, I18N_YEAR));
    vars_text(v, "YLABEL", i18n_text(lang, I18N_FIRMS));
    composition_series(s->model, v);
    return write_file(dir, "composition.dat", data, error) &&
           write_script(dir, "composition.gp", "composition.gp", v, error);
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
        guint64 n = 0;
        for (gint64 x = MAX(a, h->lo); x < a + w && x < h->lo + (gint64)h->n_bins; x++)
            n += h->bins[x - h->lo];
        g_string_append_printf(out, "%.1f", a + (w - 1) / 2.0);
        append_number(out, h->total ? 100.0 * (double)n / (double)h->total : 0.0);
        g_string_append_printf(out, " %d\n", a >= at_least);
    }
    return g_string_free(out, FALSE);
}

/* Title, threshold line and ranges of target k's chart. */
static void target_vars(const Summary *s, int k, gint64 w, Vars *v)
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

    vars_text(v, "TITLE", title);
    vars_text(v, "XLABEL", i18n_text(m->language, I18N_FIRMS));
    vars_text(v, "YLABEL", i18n_text(m->language, I18N_PROBABILITY_PCT));
    vars_text(v, "MET", i18n_text(m->language, I18N_MET));
    vars_text(v, "NOT_MET", i18n_text(m->language, I18N_NOT_MET));
    vars_text(v, "LINE_LABEL", line);
    vars_double(v, "LINE_X", (double)t->at_least - 0.5);
    /* the label goes where there is room: after the line in the left half */
    vars_raw(v, "LABEL_SIDE", 2 * (t->at_least - x_lo) < x_hi - x_lo ? "left offset 1, 0"
                                                                       : "right offset -1, 0");
    vars_double(v, "XMIN", x_lo);
    vars_double(v, "XMAX", x_hi);
    vars_double(v, "BOXWIDTH", 0.9 * (double)w);
}

static gboolean write_target_chart(const Summary *s, const char *dir, int k, GError **error)
{
    const Histogram *h = s->targets[k].hist;
    gint64 w = bar_width(h);
    g_autofree char *name = g_strdup_printf("target_%d", k + 1);
    g_autofree char *data_name = g_strconcat(name, ".dat", NULL);
    g_autofree char *script = g_strconcat(name, ".gp", NULL);
    g_autofree char *data = target_data(h, s->model->targets[k].at_least, w);
    g_autoptr(GHashTable) v = vars_new();

    vars_raw(v, "NAME", name);
    vars_raw(v, "DATA", data_name);
    target_vars(s, k, w, v);
    return write_file(dir, data_name, data, error) &&
           write_script(dir, script, "target.gp", v, error);
}

gboolean out_plot_write(const Summary *s, const char *dir, GError **error)
{
    g_return_val_if_fail(s != NULL && dir != NULL, FALSE);
    const Model *m = s->model;

    for (int i = 0; i < m->n_stages; i++)
        if (!write_fan(s, dir, i, error))
            return FALSE;
    if (!write_composition(s, dir, error))
        return FALSE;
    if (m->n_targets > 0 && !write_targets_chart(s, dir, error))
        return FALSE;
    for (int k = 0; k < m->n_targets; k++)
        if (s->targets[k].hist && !write_target_chart(s, dir, k, error))
            return FALSE;
    return TRUE;
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
    if (!job->ok)
        job->message = gnuplot_error_line(job->script, err);
}

static int compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The .gp files in `dir`, sorted so runs and errors come in a fixed order
 * (caller frees with g_ptr_array_unref).  NULL with an IO error when the
 * folder cannot be read. */
static GPtrArray *list_scripts(const char *dir, GError **error)
{
    g_autoptr(GError) local = NULL;
    g_autoptr(GDir) d = g_dir_open(dir, 0, &local);
    if (!d) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "cannot read %s: %s", dir,
                    local->message);
        return NULL;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (const char *n; (n = g_dir_read_name(d));)
        if (g_str_has_suffix(n, ".gp"))
            g_ptr_array_add(names, g_strdup(n));
    g_ptr_array_sort(names, compare_names);
    return names;
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

/* ---- for the charts of other commands ----------------------------------- */

OutPlotVars *out_plot_vars_new(void)
{
    return vars_new();
}

void out_plot_vars_raw(OutPlotVars *v, const char *key, const char *value)
{
    vars_raw(v, key, value);
}

void out_plot_vars_text(OutPlotVars *v, const char *key, const char *text)
{
    vars_text(v, key, text);
}

gboolean out_plot_write_file(const char *dir, const char *name, const char *text, GError **error)
{
    return write_file(dir, name, text, error);
}

gboolean out_plot_write_script(const char *dir, const char *script, const char *tmpl, OutPlotVars *v,
                               GError **error)
{
    return write_script(dir, script, tmpl, v, error);
}
