/* out_sensitivity.c: what `ladder sensitivity` writes: sensitivity.json, a
 * tornado chart per target, and the table printed on stdout.
 * SPDX-License-Identifier: MIT */
#include "out_sensitivity.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "i18n.h"
#include "region.h"
#include "out_csv.h"
#include "out_json.h"
#include "results.h"
#include "plot.h"
#include "text.h"

#define JSON_PROB_DECIMALS 6                       /* probabilities and swings, as summary.json */
#define JSON_VALUE_DECIMALS SENSITIVITY_CAP_DECIMALS  /* low and high values */
#define PLOT_ROW_PX 34        /* height of one bar's row in the chart */
#define PLOT_FRAME_PX 210     /* title (three lines), axis and legend */
#define PLOT_MIN_PX 420
#define PLOT_PAD_SHARE 0.12   /* room beside the bars for their value labels, share of the span */
#define PLOT_MIN_SPAN 10.0    /* percentage points shown at least */
#define PLOT_MAX_TICKS 10
#define VALUE_FIXED_FROM 100  /* values from here on are shown as whole numbers */

/* ---- the base ----------------------------------------------------------- */

static char *percent(double p)
{
    return g_strdup_printf("%.1f%%", 100 * p);
}

/* TRUE when target entry `t`'s base is `ladder run`'s number: always by
 * default, and with --central when the two counts happen to coincide (no
 * [uncertainty], or a target met in every replication). */
static gboolean base_is_runs(const SensitivityTarget *t)
{
    return t->base_probability == t->run_probability;
}

/* The base, named, in `lang`: "基准：与 ladder run 相同的 52.3%", or with
 * --central "基准：中心值 64.7%（所有参数取中心值，不同于 ladder run 的
 * 52.3%）": a base that differs from run's is never shown without the
 * reason beside it.  Caller frees. */
static char *base_text(const Sensitivity *s, const SensitivityTarget *t, const char *lang)
{
    g_autofree char *base = percent(t->base_probability);
    g_autofree char *run = percent(t->run_probability);
    if (!s->plan->options.central)
        return g_strdup_printf(i18n_text(lang, I18N_SENS_BASE_RUN_FMT), base);
    if (isnan(t->run_probability))
        return g_strdup_printf(i18n_text(lang, I18N_SENS_BASE_CENTRAL_NO_RUN_FMT), base);
    I18nMessage fmt = base_is_runs(t) ? I18N_SENS_BASE_CENTRAL_SAME_FMT : I18N_SENS_BASE_CENTRAL_FMT;
    return g_strdup_printf(i18n_text(lang, fmt), base, run);
}

/* Why the base is what it is, in English, for sensitivity.json.  Caller frees. */
static char *base_reason(const Sensitivity *s, const SensitivityTarget *t)
{
    if (!s->plan->options.central)
        return g_strdup("the replications of ladder run: the same seed and replications, [uncertainty] drawn");
    if (s->run_error)
        return g_strconcat("--central: every parameter at its central value; ladder run fails on this file: ",
                           s->run_error, NULL);
    return g_strdup(base_is_runs(t) ? "--central: every parameter at its central value; ladder run gives the same probability"
                           : "--central: every parameter at its central value, none drawn from [uncertainty] "
                             "as ladder run draws them");
}

/* ---- sensitivity.json --------------------------------------------------- */

static const char *const source_names[] = {
    [SENSITIVITY_FROM_UNCERTAINTY] = "uncertainty P5/P95",
    [SENSITIVITY_FROM_SPREAD] = "±spread",
};

/* Parameter p of model m in words, in m's language: "科小 → 高企", "高企基数".
 * Caller frees. */
static char *param_words(const Model *m, const SensitivityParam *p)
{
    g_autofree char *label = i18n_param_label(p->owner, p->param, p->stage);
    if (p->owner != m) /* a scenario under a region */
        return g_strdup_printf("%s: %s", p->owner->name, label);
    if (p->scenario < 0 && region_is(m))
        return g_strdup_printf(i18n_text(m->language, I18N_COMMON_FACTOR_FMT), label);
    return g_steal_pointer(&label);
}

/* One row: the parameter, its values, and the probabilities at each. */
static void add_row(JsonBuilder *b, const Model *m, const SensitivityRow *r)
{
    const SensitivityParam *p = r->param;
    g_autofree char *words = param_words(m, p);
    json_builder_begin_object(b);
    out_json_member_string(b, "parameter", p->key);
    out_json_member_string(b, "label", words);
    out_json_member_double(b, "central", p->central, JSON_VALUE_DECIMALS);
    out_json_member_double(b, "low", p->low, JSON_VALUE_DECIMALS);
    out_json_member_double(b, "high", p->high, JSON_VALUE_DECIMALS);
    out_json_member_string(b, "source", source_names[p->source]);
    out_json_member_bool(b, "capped", p->capped);
    out_json_member_double(b, "probability_low", r->probability_low, JSON_PROB_DECIMALS);
    out_json_member_double(b, "probability_high", r->probability_high, JSON_PROB_DECIMALS);
    out_json_member_double(b, "swing", r->swing, JSON_PROB_DECIMALS);
    json_builder_end_object(b);
}

/* "base": which base, its probability and `ladder run`'s, and why, also
 * as the table says it. */
static void add_base(JsonBuilder *b, const Sensitivity *s, const SensitivityTarget *t)
{
    g_autofree char *text = base_text(s, t, s->plan->model->language);
    g_autofree char *reason = base_reason(s, t);
    json_builder_set_member_name(b, "base");
    json_builder_begin_object(b);
    out_json_member_string(b, "mode", s->plan->options.central ? "central" : "run");
    out_json_member_double(b, "probability", t->base_probability, JSON_PROB_DECIMALS);
    out_json_member_verdict(b, "", s->plan->model->language, t->base_probability);
    out_json_member_double(b, "run_probability", t->run_probability, JSON_PROB_DECIMALS);
    out_json_member_bool(b, "same_as_run", base_is_runs(t));
    out_json_member_string(b, "reason", reason);
    out_json_member_string(b, "text", text);
    json_builder_end_object(b);
}

/* One target: its name, base and ranked rows. */
static void add_target(JsonBuilder *b, const Sensitivity *s, const SensitivityTarget *t)
{
    json_builder_begin_object(b);
    out_json_member_string(b, "name", t->name);
    out_json_member_double(b, "base_probability", t->base_probability, JSON_PROB_DECIMALS);
    add_base(b, s, t);
    json_builder_set_member_name(b, "rows");
    json_builder_begin_array(b);
    for (int i = 0; i < t->n_rows; i++)
        add_row(b, s->plan->model, &t->rows[i]);
    json_builder_end_array(b);
    json_builder_end_object(b);
}

/* "skipped": each parameter not varied, with the reason. */
static void add_skipped(JsonBuilder *b, const SensitivityPlan *plan)
{
    json_builder_set_member_name(b, "skipped");
    json_builder_begin_array(b);
    for (guint i = 0; i < plan->skipped->len; i++) {
        const SensitivitySkip *k = &g_array_index(plan->skipped, SensitivitySkip, i);
        json_builder_begin_object(b);
        out_json_member_string(b, "parameter", k->key);
        out_json_member_string(b, "reason", sensitivity_skip_text(k->reason));
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

/* sensitivity.csv in `dir`: every row of every target of sensitivity.json
 * (`doc`), with the target's name and base probability. */
static gboolean write_csv(const Sensitivity *s, JsonNode *doc, const char *dir, GError **error)
{
    JsonArray *targets = json_object_get_array_member(json_node_get_object(doc), "targets");
    g_autoptr(JsonArray) rows = json_array_new();
    for (guint k = 0; k < json_array_get_length(targets); k++) {
        JsonObject *t = json_array_get_object_element(targets, k);
        JsonArray *trows = json_object_get_array_member(t, "rows");
        for (guint i = 0; i < json_array_get_length(trows); i++) {
            JsonObject *row = json_object_new();
            json_object_set_member(row, "target", json_node_copy(json_object_get_member(t, "name")));
            out_csv_row_merge(row, t);  /* base_probability */
            out_csv_row_merge(row, json_array_get_object_element(trows, i));
            json_array_add_object_element(rows, row);
        }
    }
    return out_csv_write_rows(RESULTS_CSV_SENSITIVITY, s->plan->model->language, rows, dir, error);
}

gboolean out_sensitivity_json(const Sensitivity *s, const char *path, GError **error)
{
    g_return_val_if_fail(s != NULL && path != NULL, FALSE);
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    out_json_member_double(b, "spread", s->plan->options.spread, JSON_VALUE_DECIMALS);
    out_json_member_string(b, "mode", s->plan->options.central ? "central" : "run");
    out_json_member_bool(b, "baselines", s->plan->options.baselines);
    out_json_member_run(b, &s->config); /* "uncertainty": false with --central */
    json_builder_set_member_name(b, "targets");
    json_builder_begin_array(b);
    for (int k = 0; k < s->n_targets; k++)
        add_target(b, s, &s->targets[k]);
    json_builder_end_array(b);
    add_skipped(b, s->plan);
    json_builder_end_object(b);
    g_autoptr(JsonNode) root = json_builder_get_root(b);
    g_autofree char *dir = g_path_get_dirname(path);
    return results_save(RESULTS_SENSITIVITY, root, path, error) && write_csv(s, root, dir, error);
}

/* ---- words shared by the table and the charts --------------------------- */

/* "20%": the spread in percent.  Caller frees. */
static char *spread_percent(double spread)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    return g_strconcat(g_ascii_formatd(buf, sizeof buf, "%g", 100 * spread), "%", NULL);
}

/* The target's name for people: its own, or "全部目标同时达成". */
static const char *display_name(const Sensitivity *s, const SensitivityTarget *t)
{
    return t->target < 0 ? i18n_text(s->plan->model->language, I18N_SENS_ALL) : t->name;
}

/* ---- tornado charts ----------------------------------------------------- */

/* A bar's label: the stage names, then the key as the analyst wrote it,
 * "科小 → 高企 (tech_sme -> hightech)".  Caller frees. */
static char *bar_label(const Model *m, const SensitivityParam *p)
{
    g_autofree char *words = param_words(m, p);
    return g_strdup_printf("%s (%s)", words, p->key);
}

/* tornado_<k>.dat: row, label, probability in percent at low and at high;
 * the largest swing on the top row. */
static char *tornado_data(const Model *m, const SensitivityTarget *t, int n)
{
    GString *out = g_string_new("# row label probability_low_pct probability_high_pct\n");
    for (int i = 0; i < n; i++) {
        g_autofree char *text = bar_label(m, t->rows[i].param);
        g_autofree char *label = plot_data_label(text);
        g_string_append_printf(out, "%d \"%s\" %.4f %.4f\n", n - i, label, 100 * t->rows[i].probability_low,
                               100 * t->rows[i].probability_high);
    }
    return g_string_free(out, FALSE);
}

/* Left margin in characters: the widest label (a Chinese character is two). */
static guint label_margin(const Model *m, const SensitivityTarget *t, int n)
{
    guint w = 0;
    for (int i = 0; i < n; i++) {
        g_autofree char *label = bar_label(m, t->rows[i].param);
        w = MAX(w, text_display_width(label));
    }
    return w + 3;
}

/* Tick step in percentage points for an axis `span` points wide: about
 * five to ten ticks. */
static double tick_step(double span)
{
    static const double steps[] = {1, 2, 5, 10, 20};
    for (gsize i = 0; i < G_N_ELEMENTS(steps); i++)
        if (span / steps[i] <= PLOT_MAX_TICKS)
            return steps[i];
    return 25;
}

/* @XMIN@, @XMAX@ and @XTICS@: every bar and the base, with room beside
 * them for the value labels (past 0 or 100 if need be, where no tick is). */
static void tornado_range(const SensitivityTarget *t, int n, PlotVars *v)
{
    double lo = t->base_probability, hi = lo;
    for (int i = 0; i < n; i++) {
        lo = MIN(lo, MIN(t->rows[i].probability_low, t->rows[i].probability_high));
        hi = MAX(hi, MAX(t->rows[i].probability_low, t->rows[i].probability_high));
    }
    double span = MAX(100 * (hi - lo), PLOT_MIN_SPAN), pad = PLOT_PAD_SHARE * span;
    double mid = CLAMP(50 * (lo + hi), span / 2, 100 - span / 2);
    double x_lo = floor(MIN(100 * lo, mid - span / 2) - pad), x_hi = ceil(MAX(100 * hi, mid + span / 2) + pad);
    double step = tick_step(x_hi - x_lo);
    double first = MAX(0.0, ceil(x_lo / step) * step), last = MIN(100.0, floor(x_hi / step) * step);
    g_autofree char *a = g_strdup_printf("%.0f", x_lo);
    g_autofree char *b = g_strdup_printf("%.0f", x_hi);
    g_autofree char *tics = g_strdup_printf("%.0f, %.0f, %.0f", first, step, last);
    plot_set_raw(v, "XMIN", a);
    plot_set_raw(v, "XMAX", b);
    plot_set_raw(v, "XTICS", tics);
}

/* Title, legend and layout of one target's tornado of `n` rows. */
static void tornado_vars(const Sensitivity *s, const SensitivityTarget *t, int n, PlotVars *v)
{
    const char *lang = s->plan->model->language;
    g_autofree char *title = g_strdup_printf(i18n_text(lang, I18N_SENS_TITLE_FMT), display_name(s, t));
    g_autofree char *condition = t->target >= 0 ? i18n_target_condition(s->plan->model, t->target) : NULL;
    g_autofree char *spread = spread_percent(s->plan->options.spread);
    I18nMessage note = s->plan->options.central ? I18N_SENS_NOTE_FMT : I18N_SENS_NOTE_RUN_FMT;
    g_autofree char *how = g_strdup_printf(i18n_text(lang, note), spread);
    g_autofree char *base_line = base_text(s, t, lang);
    /* the condition and the method on lines of their own: one line of both ran off a 1100 px chart */
    g_autofree char *how_raw = plot_escape(how);
    g_autofree char *condition_raw = condition ? plot_escape(condition) : NULL;
    g_autofree char *subtitle = condition ? g_strdup_printf("%s\\n%s", condition_raw, how_raw) : g_strdup(how_raw);
    g_autofree char *base_pct = percent(t->base_probability);
    g_autofree char *base_key = g_strdup_printf(i18n_text(lang, I18N_SENS_BASE_FMT), base_pct);
    g_autofree char *base = g_strdup_printf("%.4f", 100 * t->base_probability);
    g_autofree char *rows = g_strdup_printf("%d", n);
    g_autofree char *height = g_strdup_printf("%d", MAX(PLOT_MIN_PX, PLOT_FRAME_PX + PLOT_ROW_PX * n));
    g_autofree char *margin = g_strdup_printf("%u", label_margin(s->plan->model, t, n));

    plot_set_text(v, "TITLE", title);
    plot_set_raw(v, "SUBTITLE", subtitle);
    plot_set_text(v, "BASE_TEXT", base_line);
    plot_set_text(v, "XLABEL", i18n_text(lang, I18N_PROBABILITY_PCT));
    plot_set_text(v, "LOW_KEY", i18n_text(lang, I18N_SENS_AT_LOW_KEY));
    plot_set_text(v, "HIGH_KEY", i18n_text(lang, I18N_SENS_AT_HIGH_KEY));
    plot_set_text(v, "BASE_KEY", base_key);
    plot_set_raw(v, "BASE", base);
    plot_set_raw(v, "N", rows);
    plot_set_raw(v, "HEIGHT", height);
    plot_set_raw(v, "LMARGIN", margin);
    tornado_range(t, n, v);
}

/* tornado_<k>.dat and .gp of one target, its largest swings only; nothing
 * when it has no row. */
static gboolean write_tornado(const Sensitivity *s, const SensitivityTarget *t, const char *dir, GError **error)
{
    int n = MIN(t->n_rows, OUT_SENSITIVITY_CHART_ROWS);
    if (n == 0)
        return TRUE;
    g_autofree char *name = t->target < 0 ? g_strdup("tornado_all") : g_strdup_printf("tornado_%d", t->target + 1);
    g_autofree char *data = tornado_data(s->plan->model, t, n);
    g_autoptr(GHashTable) v = plot_vars_new();

    tornado_vars(s, t, n, v);
    return plot_write_chart(dir, name, data, "tornado.gp", v, error);
}

gboolean out_sensitivity_plot(const Sensitivity *s, const char *dir, GError **error)
{
    g_return_val_if_fail(s != NULL && dir != NULL, FALSE);
    for (int k = 0; k < s->n_targets; k++)
        if (!write_tornado(s, &s->targets[k], dir, error))
            return FALSE;
    return TRUE;
}

/* ---- the table on stdout ------------------------------------------------ */

/* A parameter's value as people read it: 0.104, 0.0955, 400, 1250. */
static char *format_value(double x)
{
    return fabs(x) >= VALUE_FIXED_FROM ? g_strdup_printf("%.0f", x) : g_strdup_printf("%.3g", x);
}

/* "情景：NAME · 10000 次模拟，随机种子 42", then how the values were chosen. */
static void append_heading(const Sensitivity *s, GString *out)
{
    const Model *m = s->plan->model;
    char reps[32], seed[32];
    g_snprintf(reps, sizeof reps, "%" G_GUINT64_FORMAT, s->config.reps);
    g_snprintf(seed, sizeof seed, "%" G_GUINT64_FORMAT, s->config.seed);
    g_autofree char *spread = spread_percent(s->plan->options.spread);
    g_string_append_printf(out, i18n_text(m->language, I18N_SCENARIO_FMT), m->name);
    g_string_append(out, " · ");
    g_string_append_printf(out, i18n_text(m->language, I18N_RUN_FMT), reps, seed);
    g_string_append_c(out, '\n');
    I18nMessage how = s->plan->options.central ? I18N_SENS_HEADING_FMT : I18N_SENS_HEADING_RUN_FMT;
    g_string_append_printf(out, i18n_text(m->language, how), spread);
    g_string_append(out, "\n\n");
}

/* One row: key, label, "low → high" (with * when capped), both probabilities, swing. */
static void add_table_row(TextTable *table, const Model *m, const SensitivityRow *r)
{
    g_autofree char *words = param_words(m, r->param);
    const SensitivityParam *p = r->param;
    g_autofree char *low = format_value(p->low);
    g_autofree char *high = format_value(p->high);
    g_autofree char *range = g_strdup_printf("%s → %s%s", low, high, p->capped ? " *" : "");
    g_autofree char *at_low = percent(r->probability_low);
    g_autofree char *at_high = percent(r->probability_high);
    g_autofree char *swing = g_strdup_printf("%.1f", 100 * r->swing);
    const char *cells[] = {p->key, words, range, at_low, at_high, swing};
    text_table_add(table, cells);
}

/* The line naming the target and its base. */
static void append_target_line(const Sensitivity *s, const SensitivityTarget *t, GString *out)
{
    const Model *m = s->plan->model;
    g_autofree char *base = base_text(s, t, m->language);
    if (t->target < 0) {
        g_string_append_printf(out, i18n_text(m->language, I18N_SENS_ALL_FMT), base);
    } else {
        g_autofree char *condition = i18n_target_condition(m, t->target);
        g_string_append_printf(out, i18n_text(m->language, I18N_SENS_TARGET_FMT), t->name, condition, base);
    }
    g_string_append_c(out, '\n');
}

/* One target: its base probability, then its largest swings.  Returns
 * TRUE when a row shown is capped. */
static gboolean append_target(const Sensitivity *s, const SensitivityTarget *t, GString *out)
{
    const char *lang = s->plan->model->language;
    const gboolean right[] = {FALSE, FALSE, FALSE, TRUE, TRUE, TRUE};
    const char *head[] = {i18n_text(lang, I18N_SENS_PARAMETER), i18n_text(lang, I18N_SENS_MEANING),
                          i18n_text(lang, I18N_SENS_LOW_HIGH), i18n_text(lang, I18N_SENS_AT_LOW),
                          i18n_text(lang, I18N_SENS_AT_HIGH), i18n_text(lang, I18N_SENS_SWING)};
    int shown = MIN(t->n_rows, OUT_SENSITIVITY_TABLE_ROWS);
    gboolean capped = FALSE;

    append_target_line(s, t, out);
    TextTable table_rows;
    TextTable *table = &table_rows;
    text_table_init(table, G_N_ELEMENTS(right), right);
    text_table_add(table, head);
    for (int i = 0; i < shown; i++) {
        add_table_row(table, s->plan->model, &t->rows[i]);
        capped = capped || t->rows[i].param->capped;
    }
    text_table_flush(table, out);
    if (t->n_rows > shown) {
        g_string_append(out, "  ");
        g_string_append_printf(out, i18n_text(lang, I18N_SENS_MORE_FMT), t->n_rows - shown);
        g_string_append_c(out, '\n');
    }
    return capped;
}

/* Each parameter not varied, and why. */
static void append_skipped(const Sensitivity *s, GString *out)
{
    static const I18nMessage reasons[] = {
        [SENSITIVITY_SKIP_ZERO] = I18N_SENS_SKIP_ZERO,
        [SENSITIVITY_SKIP_NO_FIRMS] = I18N_SENS_SKIP_NO_FIRMS,
        [SENSITIVITY_SKIP_ROUNDS] = I18N_SENS_SKIP_ROUNDS,
        [SENSITIVITY_SKIP_NO_ROOM] = I18N_SENS_SKIP_NO_ROOM,
        [SENSITIVITY_SKIP_NO_UNCERTAINTY] = I18N_SENS_SKIP_NO_UNCERTAINTY,
    };
    const char *lang = s->plan->model->language;
    for (guint i = 0; i < s->plan->skipped->len; i++) {
        const SensitivitySkip *k = &g_array_index(s->plan->skipped, SensitivitySkip, i);
        g_string_append_printf(out, i18n_text(lang, I18N_SENS_SKIPPED_FMT), k->key,
                               i18n_text(lang, reasons[k->reason]));
        g_string_append_c(out, '\n');
    }
}

void out_sensitivity_table(const Sensitivity *s, GString *out)
{
    g_return_if_fail(s != NULL && out != NULL);
    gboolean capped = FALSE;
    append_heading(s, out);
    for (int k = 0; k < s->n_targets; k++) {
        g_string_append(out, k ? "\n" : "");
        capped = append_target(s, &s->targets[k], out) || capped;
    }
    if (capped || s->plan->skipped->len > 0)
        g_string_append_c(out, '\n');
    if (capped) {
        g_string_append(out, i18n_text(s->plan->model->language, I18N_SENS_CAPPED_NOTE));
        g_string_append_c(out, '\n');
    }
    append_skipped(s, out);
}
