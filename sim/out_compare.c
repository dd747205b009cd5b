/* out_compare.c: the writers of `ladder compare`: compare.json, the charts
 * that put the scenarios side by side, and the table on stdout.
 * SPDX-License-Identifier: MIT */
#include "out_compare.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "i18n.h"
#include "out_csv.h"
#include "out_plot.h"
#include "out_json.h"
#include "results.h"
#include "plot.h"
#include "text.h"

#define COST_DECIMALS 4   /* 万元 to the yuan */
#define NO_VALUE "—"      /* no figure: in the table, on a chart's bar */

/* Why a target has no cost per extra firm, in compare.json. */
#define REASON_NOT_PAIRED "the base scenario has no target of this name"
#define REASON_NO_EXTRA "no extra firms: the mean count is not above the base scenario's"

/* ---- compare.json ------------------------------------------------------- */

/* "ci95": [lo, hi] */
static void add_ci(JsonBuilder *b, const PairedDiff *d, int decimals)
{
    json_builder_set_member_name(b, "ci95");
    json_builder_begin_array(b);
    out_json_add_number(b, d->lo, decimals);
    out_json_add_number(b, d->hi, decimals);
    json_builder_end_array(b);
}

static void add_policy(JsonBuilder *b, const Policy *p, const PolicyCost *pc)
{
    json_builder_begin_object(b);
    out_json_member_string(b, "name", p->name);
    out_json_member_int(b, "from", p->from);
    out_json_member_int(b, "to", p->to);
    out_json_member_int(b, "years", pc->years);
    out_json_member_double(b, "cost_per_year", p->cost_per_year, COST_DECIMALS);
    out_json_member_double(b, "cost_per_firm", p->cost_per_firm, COST_DECIMALS);
    out_json_member_double(b, "extra_firms", pc->extra_firms, OUT_JSON_EXACT_DECIMALS);
    out_json_member_double(b, "cost", pc->cost, COST_DECIMALS);
    json_builder_end_object(b);
}

static void add_scenario(JsonBuilder *b, const CompareScenario *sc)
{
    json_builder_begin_object(b);
    out_json_member_string(b, "id", sc->id);
    out_json_member_string(b, "file", sc->file);
    out_json_member_string(b, "name", sc->model->name);
    out_json_member_double(b, "total_cost", sc->costs->total, COST_DECIMALS);
    json_builder_set_member_name(b, "policies");
    json_builder_begin_array(b);
    for (int i = 0; i < sc->model->n_policies; i++)
        add_policy(b, &sc->model->policies[i], &sc->costs->policies[i]);
    json_builder_end_array(b);
    json_builder_end_object(b);
}

static void add_difference(JsonBuilder *b, const CompareScenario *sc, int t)
{
    const CompareTarget *ct = &sc->targets[t];
    json_builder_begin_object(b);
    out_json_member_string(b, "scenario", sc->id);
    out_json_member_string(b, "target", sc->model->targets[t].name);
    out_json_member_double(b, "probability_base", ct->probability_base, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "probability", ct->probability, OUT_JSON_PROB_DECIMALS);
    out_json_member_verdict(b, "", sc->model->language, ct->probability);
    out_json_member_double(b, "difference", ct->difference.mean, OUT_JSON_PROB_DECIMALS);
    add_ci(b, &ct->difference, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "median_difference", ct->median_difference, 0);
    json_builder_end_object(b);
}

static void add_stock_difference(JsonBuilder *b, const CompareScenario *sc, int y, int s)
{
    const PairedDiff *d = &sc->stock[y * sc->model->n_stages + s];
    json_builder_begin_object(b);
    out_json_member_string(b, "scenario", sc->id);
    out_json_member_string(b, "stage", sc->model->stages[s].id);
    out_json_member_int(b, "year", sc->model->base_year + y);
    out_json_member_double(b, "mean_difference", d->mean, OUT_JSON_COUNT_DECIMALS);
    add_ci(b, d, OUT_JSON_COUNT_DECIMALS);
    json_builder_end_object(b);
}

static void add_cost_effectiveness(JsonBuilder *b, const CompareScenario *sc, int t)
{
    const CompareTarget *ct = &sc->targets[t];
    const char *reason = ct->base_target < 0 ? REASON_NOT_PAIRED
                       : isnan(ct->cost_per_extra_firm) ? REASON_NO_EXTRA : NULL;
    json_builder_begin_object(b);
    out_json_member_string(b, "scenario", sc->id);
    out_json_member_string(b, "target", sc->model->targets[t].name);
    out_json_member_double(b, "extra_cost", ct->extra_cost, COST_DECIMALS);
    out_json_member_double(b, "extra_count", ct->extra_count.mean, OUT_JSON_COUNT_DECIMALS);
    json_builder_set_member_name(b, "extra_count_ci95");
    json_builder_begin_array(b);
    out_json_add_number(b, ct->extra_count.lo, OUT_JSON_COUNT_DECIMALS);
    out_json_add_number(b, ct->extra_count.hi, OUT_JSON_COUNT_DECIMALS);
    json_builder_end_array(b);
    out_json_member_double(b, "cost_per_extra_firm", ct->cost_per_extra_firm, COST_DECIMALS);
    out_json_member_string(b, "reason", reason);
    json_builder_end_object(b);
}

/* The members `name`: [ add(b, scenario k, t) for every k >= 1 and every
 * target t of k ]. */
static void add_per_target(JsonBuilder *b, const Comparison *c, const char *name,
                           void (*add)(JsonBuilder *, const CompareScenario *, int))
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (int k = 1; k < c->n_scenarios; k++)
        for (int t = 0; t < c->scenarios[k].model->n_targets; t++)
            add(b, &c->scenarios[k], t);
    json_builder_end_array(b);
}

static void add_stock_differences(JsonBuilder *b, const Comparison *c)
{
    json_builder_set_member_name(b, "stock_differences");
    json_builder_begin_array(b);
    for (int k = 1; k < c->n_scenarios; k++) {
        const Model *m = c->scenarios[k].model;
        for (int s = 0; s < m->n_stages; s++)
            for (int y = 0; y < model_n_years(m); y++)
                add_stock_difference(b, &c->scenarios[k], y, s);
    }
    json_builder_end_array(b);
}

static JsonNode *build_document(const Comparison *c)
{
    const RunConfig *config = &c->paired->runs[0]->config;
    const Model *base = c->scenarios[0].model;
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    out_json_member_run(b, config);
    out_json_member_int(b, "base_year", base->base_year);
    out_json_member_int(b, "horizon", base->horizon);
    out_json_member_string(b, "cost_unit", "万元");
    json_builder_set_member_name(b, "scenarios");
    json_builder_begin_array(b);
    for (int k = 0; k < c->n_scenarios; k++)
        add_scenario(b, &c->scenarios[k]);
    json_builder_end_array(b);
    add_per_target(b, c, "differences", add_difference);
    add_stock_differences(b, c);
    add_per_target(b, c, "cost_effectiveness", add_cost_effectiveness);
    json_builder_end_object(b);
    return json_builder_get_root(b);
}

/* compare.csv in `dir`: each of compare.json's differences joined with its
 * cost_effectiveness (listed in the same order) and its scenario's total cost. */
static gboolean write_csv(const Comparison *c, JsonNode *doc, const char *dir, GError **error)
{
    JsonObject *root = json_node_get_object(doc);
    JsonArray *diffs = json_object_get_array_member(root, "differences");
    JsonArray *costs = json_object_get_array_member(root, "cost_effectiveness");
    JsonArray *scenarios = json_object_get_array_member(root, "scenarios");
    g_autoptr(JsonArray) rows = json_array_new();
    for (guint i = 0; i < json_array_get_length(diffs); i++) {
        JsonObject *row = json_object_new();
        out_csv_row_merge(row, json_array_get_object_element(diffs, i));
        out_csv_row_merge(row, json_array_get_object_element(costs, i));
        for (guint k = 0; k < json_array_get_length(scenarios); k++) {
            JsonObject *sc = json_array_get_object_element(scenarios, k);
            if (strcmp(json_object_get_string_member(sc, "id"), json_object_get_string_member(row, "scenario")) == 0)
                json_object_set_member(row, "total_cost", json_node_copy(json_object_get_member(sc, "total_cost")));
        }
        json_array_add_object_element(rows, row);
    }
    return out_csv_write_rows(RESULTS_CSV_COMPARE, c->scenarios[0].model->language, rows, dir, error);
}

gboolean out_compare_json_write(const Comparison *c, const char *path, GError **error)
{
    g_return_val_if_fail(c != NULL && path != NULL, FALSE);
    g_autoptr(JsonNode) root = build_document(c);
    g_autofree char *dir = g_path_get_dirname(path);
    return results_save(RESULTS_COMPARE, root, path, error) && write_csv(c, root, dir, error);
}

/* ---- charts ------------------------------------------------------------- */

/* The chart key of scenario k: its label, marked when it is the base. */
static char *key_of(const Comparison *c, int k)
{
    const char *lang = c->scenarios[0].model->language;
    if (k == 0)
        return g_strdup_printf(i18n_text(lang, I18N_BASE_KEY_FMT), c->scenarios[0].label);
    return g_strdup(c->scenarios[k].label);
}

/* compare_<id>.dat: year, then p5, p50 and p95 of stage s in each scenario. */
static char *stage_data(const Comparison *c, int s)
{
    const int cols[] = {summary_pct_index(5), summary_pct_index(50), summary_pct_index(95)};
    const Model *base = c->scenarios[0].model;
    GString *out = g_string_new("# year");
    for (int k = 0; k < c->n_scenarios; k++)
        g_string_append_printf(out, " %s:p5 %s:p50 %s:p95", c->scenarios[k].id, c->scenarios[k].id,
                               c->scenarios[k].id);
    g_string_append_c(out, '\n');
    for (int y = 0; y < model_n_years(base); y++) {
        g_string_append_printf(out, "%d", base->base_year + y);
        for (int k = 0; k < c->n_scenarios; k++)
            for (gsize i = 0; i < G_N_ELEMENTS(cols); i++)
                g_string_append_printf(out, " %" G_GINT64_FORMAT, c->scenarios[k].summary->stages[s].pct[cols[i]][y]);
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

/* @PLOT@ of a stage chart: the base's band filled light, every other
 * scenario's band as its two edges dashed in its colour (fills laid over
 * each other blend into a colour no key explains), then every median on
 * top, the base's last so that it shows where the others coincide with it
 * (the template inverts the key back into order). */
static void stage_series(const Comparison *c, const char *data, PlotVars *v)
{
    g_autoptr(GString) plot = g_string_new(NULL);
    g_autofree char *band = plot_escape(c->n_scenarios > 1 ? i18n_text(c->scenarios[0].model->language,
                                                                       I18N_COMPARE_BASE_BAND)
                                                           : i18n_text(c->scenarios[0].model->language,
                                                                       I18N_P5_P95));
    g_string_append_printf(plot, "\"%s\" using 1:2:4 with filledcurves fc rgb \"%s\" "
                           "fillstyle transparent solid 0.22 noborder title \"%s\"", data, plot_colour(0), band);
    for (int k = 1; k < c->n_scenarios; k++) {
        int p5 = 2 + 3 * k, p95 = 4 + 3 * k;
        for (int col = p5; col <= p95; col += p95 - p5)
            g_string_append_printf(plot, ", \\\n     \"\" using 1:%d with lines dt 2 lw 1.5 lc rgb \"%s\" notitle",
                                   col, plot_colour(k));
    }
    for (int k = c->n_scenarios - 1; k >= 0; k--) {
        g_autofree char *key = key_of(c, k);
        g_autofree char *title = plot_escape(key);
        g_string_append_printf(plot, ", \\\n     \"\" using 1:%d with linespoints lw 2.5 pt 7 ps 0.7 "
                               "lc rgb \"%s\" title \"%s\"", 3 + 3 * k, plot_colour(k), title);
    }
    plot_set_raw(v, "PLOT", plot->str);
}

/* @YRANGE@ and @YLABEL@ of stage s's chart: every scenario's band and the
 * base's targets on that stage. */
static void stage_range(const Comparison *c, int s, PlotVars *v)
{
    int p5 = summary_pct_index(5), p95 = summary_pct_index(95);
    double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
    for (int k = 0; k < c->n_scenarios; k++)
        for (int y = 0; y < model_n_years(c->scenarios[0].model); y++) {
            lo = MIN(lo, (double)c->scenarios[k].summary->stages[s].pct[p5][y]);
            hi = MAX(hi, (double)c->scenarios[k].summary->stages[s].pct[p95][y]);
        }
    out_plot_fan_range(c->scenarios[0].summary, s, -1, lo, hi, v);
}

static gboolean write_stage_chart(const Comparison *c, const char *dir, int s, GError **error)
{
    const CompareScenario *base = &c->scenarios[0];
    const Model *m = base->model;
    const char *lang = m->language;
    g_autofree char *name = g_strdup_printf("compare_%s", m->stages[s].id);
    g_autofree char *data_name = g_strconcat(name, ".dat", NULL);
    g_autofree char *title = g_strdup_printf(i18n_text(lang, I18N_COMPARE_STAGE_FMT), model_stage_name(m, s));
    g_autofree char *data = stage_data(c, s);
    g_autoptr(GHashTable) v = plot_vars_new();

    plot_set_year_chart(v, m, name, title);
    stage_series(c, data_name, v);
    stage_range(c, s, v);
    out_plot_target_marks(base->summary, s, -1, (double)base->summary->stages[s].pct[summary_pct_index(50)][0], v);
    return plot_write_chart(dir, name, data, "compare_fan.gp", v, error);
}

#define BARS_GROUP_WIDTH 0.8  /* of the unit between two targets' groups */
#define BARS_FLAT 5           /* more groups than this: slant their names */

/* Where bar j of n stands in group g (1-based). */
static double bar_x(int g, int j, int n)
{
    double w = BARS_GROUP_WIDTH / n;
    return g + (j - (n - 1) / 2.0) * w;
}

/* Whether the target chart has a group for every target met together:
 * only when the base has more than one target (with one it is that
 * target's group), as on the run's target chart. */
static gboolean all_group(const Comparison *c)
{
    return c->scenarios[0].model->n_targets > 1;
}

/* @XTICS@, @N@, @BOXWIDTH@ and @XTICS_ROTATE@ of a chart with a group per
 * target of the base, then with `all` one for all targets together, and
 * `n_bars` bars in each. */
static void bars_layout(const Comparison *c, int n_bars, gboolean all, PlotVars *v)
{
    const Model *base = c->scenarios[0].model;
    g_autoptr(GString) xtics = g_string_new(NULL);
    for (int t = 0; t < base->n_targets; t++) {
        g_autofree char *name = plot_escape(base->targets[t].name);
        g_string_append_printf(xtics, "%s\"%s\" %d", t ? ", " : "", name, t + 1);
    }
    if (all) {
        g_autofree char *name = plot_escape(i18n_text(base->language, I18N_ALL_TARGETS_BAR));
        g_string_append_printf(xtics, ", \"%s\" %d", name, base->n_targets + 1);
    }
    int n_groups = base->n_targets + (all ? 1 : 0);
    plot_set_raw(v, "XTICS", xtics->str);
    plot_set_int(v, "N", n_groups);
    plot_set_double(v, "BOXWIDTH", 0.92 * BARS_GROUP_WIDTH / n_bars);
    plot_set_raw(v, "XTICS_ROTATE", n_groups > BARS_FLAT ? "rotate by -30" : "");
}

/* Scenario k's cost per extra firm for the base's target t (NaN when k
 * has no such target, or no extra firm). */
static double cost_value(const Comparison *c, int k, int t)
{
    int i = comparison_target_of(c, k, t);
    return i < 0 ? NAN : c->scenarios[k].targets[i].cost_per_extra_firm;
}

/* Whether scenario k has the base's targets and no other (by name), so
 * that its "every target met" asks what the base's does. */
static gboolean same_targets(const Comparison *c, int k)
{
    int n = c->scenarios[0].model->n_targets;
    if (c->scenarios[k].model->n_targets != n)
        return FALSE;
    for (int t = 0; t < n; t++)
        if (comparison_target_of(c, k, t) < 0)
            return FALSE;
    return TRUE;
}

/* A bar of the target chart: a probability and its standard error (NaN:
 * no bar), and where its label stands, in percent. */
typedef struct {
    double p, se, label_y;
} TargetBar;

#define LABEL_STEP 5.0   /* percentage points: a label's height in the font of the bars' labels, about */
#define TARGETS_YMAX 110 /* room above 100% for the labels */
#define NO_BAR_LABEL_Y 1.0 /* percent: where "—" says a scenario has no bar (not 0%) */

/* Scenario k's bar in group g: the base's target g (NaN when k has no such
 * target) or, g past the targets, every target met together (NaN unless k
 * has the base's targets); the summary's probability and standard error.
 * Its label at the top of its error bar. */
static TargetBar target_bar(const Comparison *c, int k, int g)
{
    const Summary *s = c->scenarios[k].summary;
    int i = g < c->scenarios[0].model->n_targets ? comparison_target_of(c, k, g) : -1;
    gboolean all = g >= c->scenarios[0].model->n_targets && same_targets(c, k);
    double p = i >= 0 ? s->targets[i].probability : all ? s->all_probability : NAN;
    double se = i >= 0 ? s->targets[i].se : all ? s->all_se : NAN;
    return (TargetBar){p, se, isnan(p) ? NO_BAR_LABEL_Y : 100 * MIN(1.0, p + PLOT_Z95 * se)};
}

#define CHART_PLOT_PX 780   /* the plot's width in the 1000-pixel chart, about */
#define LABEL_PX 30         /* a bar's label ("95.2") in its font, wide, about */

/* The bars of the target chart, [group][scenario] in one array.  When
 * neighbouring bars stand closer than their labels are wide, a label that
 * would overlap its left neighbour's (bars of about the same height) goes
 * a line above it: equal bars' labels alternate between two heights, and
 * each stands over its own bar (only neighbours' labels can touch). */
static TargetBar *target_bars(const Comparison *c, int n_groups)
{
    int n = c->n_scenarios;
    double bar_px = CHART_PLOT_PX * BARS_GROUP_WIDTH / n / (n_groups + 0.2);
    TargetBar *bars = g_new(TargetBar, (gsize)n_groups * n);
    for (int g = 0; g < n_groups; g++)
        for (int k = 0; k < n; k++) {
            TargetBar *b = &bars[g * n + k];
            *b = target_bar(c, k, g);
            const TargetBar *left = k ? b - 1 : NULL;
            if (bar_px < LABEL_PX && left && !isnan(left->p) && fabs(b->label_y - left->label_y) < LABEL_STEP)
                b->label_y = left->label_y + LABEL_STEP;  /* above its own bar still: that is within a step */
        }
    return bars;
}

/* compare_targets.dat: a block per scenario, a row per group (each target
 * of the base, then with all_group every target met together): x, the
 * probability, the ends of its ±1.96 se bar and the height of its label,
 * in percent, and the label; NaN and "—" where the scenario has no bar. */
static char *targets_data(const Comparison *c, const TargetBar *bars, int n_groups)
{
    GString *out = g_string_new("# x probability_pct low_pct high_pct label_pct label; a block per scenario\n");
    for (int k = 0; k < c->n_scenarios; k++) {
        g_string_append_printf(out, "%s# %s\n", k ? "\n\n" : "", c->scenarios[k].id);
        for (int g = 0; g < n_groups; g++) {
            const TargetBar *b = &bars[g * c->n_scenarios + k];
            double half = PLOT_Z95 * b->se;
            g_string_append_printf(out, "%.4f", bar_x(g + 1, k, c->n_scenarios));
            plot_append_number(out, 100 * b->p);
            plot_append_number(out, 100 * MAX(0.0, b->p - half));
            plot_append_number(out, 100 * MIN(1.0, b->p + half));
            plot_append_number(out, b->label_y);
            if (isnan(b->p))
                g_string_append(out, " \"" NO_VALUE "\"\n");
            else
                g_string_append_printf(out, " \"%.1f\"\n", 100 * b->p);
        }
    }
    return g_string_free(out, FALSE);
}

/* @PLOT@ of the target chart: per scenario its bars, error bars and labels. */
static void targets_series(const Comparison *c, PlotVars *v)
{
    g_autoptr(GString) plot = g_string_new(NULL);
    for (int k = 0; k < c->n_scenarios; k++) {
        g_autofree char *key = key_of(c, k);
        g_autofree char *title = plot_escape(key);
        g_string_append_printf(plot, "%s\"%s\" index %d using 1:2 with boxes lc rgb \"%s\" title \"%s\", \\\n"
                               "     \"\" index %d using 1:3:(0):($4 - $3) with vectors heads size screen 0.006,90 "
                               "lw 1.5 lc rgb \"#333333\" notitle, \\\n"
                               "     \"\" index %d using 1:5:6 with labels offset 0, 0.7 "
                               "font \",9\" notitle",
                               k ? ", \\\n     " : "", k ? "" : "compare_targets.dat", k, plot_colour(k), title, k, k);
    }
    plot_set_raw(v, "PLOT", plot->str);
}

static gboolean write_targets_chart(const Comparison *c, const char *dir, GError **error)
{
    const char *lang = c->scenarios[0].model->language;
    int n_groups = c->scenarios[0].model->n_targets + all_group(c);
    g_autofree TargetBar *bars = target_bars(c, n_groups);
    g_autofree char *data = targets_data(c, bars, n_groups);
    double top = TARGETS_YMAX;  /* every label inside: a label out of range is not drawn */
    for (int i = 0; i < n_groups * c->n_scenarios; i++)
        top = isnan(bars[i].p) ? top : MAX(top, bars[i].label_y + 2 * LABEL_STEP);
    g_autofree char *heading = plot_escape(i18n_text(lang, I18N_COMPARE_TARGETS_TITLE));
    g_autofree char *note = plot_escape(i18n_text(lang, I18N_ERRORBAR_NOTE));
    g_autofree char *title = g_strdup_printf("%s\\n%s", heading, note);  /* gnuplot's \n: two lines */
    g_autoptr(GHashTable) v = plot_vars_new();

    plot_set_raw(v, "WHAT", "the probability of meeting each target");
    plot_set_raw(v, "TITLE", title);
    plot_set_text(v, "YLABEL", i18n_text(lang, I18N_PROBABILITY_PCT));
    plot_set_raw(v, "YMIN", "0");
    plot_set_double(v, "YMAX", ceil(top));
    plot_set_raw(v, "YFORMAT", "%.0f");
    g_autofree char *verdicts = out_plot_verdict_guides(lang);
    int n = c->scenarios[0].model->n_targets;  /* all targets together apart, after a line */
    g_autofree char *guides = all_group(c) ? g_strdup_printf("%sset arrow from first %d.5, graph 0 to first %d.5, "
                                                             "graph 1 nohead dt 3 lc rgb \"#aaaaaa\" back\n",
                                                             verdicts, n, n)
                                           : g_strdup(verdicts);
    plot_set_raw(v, "GUIDES", guides);
    bars_layout(c, c->n_scenarios, all_group(c), v);
    targets_series(c, v);
    return plot_write_chart(dir, "compare_targets", data, "compare_bars.gp", v, error);
}

/* The label of a bar of the cost chart: the value, or why there is none. */
static char *cost_label(const Comparison *c, int k, int t, double v)
{
    const char *lang = c->scenarios[0].model->language;
    if (comparison_target_of(c, k, t) < 0)
        return g_strdup("—");
    return isnan(v) ? g_strdup(i18n_text(lang, I18N_NO_EXTRA_FIRMS)) : g_strdup_printf("%.1f", v);
}

/* The y axis of the cost chart.  Costs per extra firm span orders of
 * magnitude (a target a policy barely touches costs thousands per firm),
 * so the axis is logarithmic when every bar is positive and the tallest is
 * over COST_LOG_RATIO times the shortest. */
typedef struct {
    double min, max;   /* y range */
    gboolean log;
    double none_y;     /* height of the label of a missing bar */
} CostAxis;

#define COST_LOG_RATIO 20
#define COST_HEADROOM 0.15  /* linear: room beyond the longest bars for their labels, of the span */
#define COST_LOG_ROOM 4.0   /* log: factor of room beyond the shortest and the tallest bar */

static CostAxis cost_axis(const Comparison *c)
{
    double lo = INFINITY, hi = -INFINITY;
    for (int k = 1; k < c->n_scenarios; k++)
        for (int t = 0; t < c->scenarios[0].model->n_targets; t++) {
            double v = cost_value(c, k, t);
            lo = isnan(v) ? lo : MIN(lo, v);
            hi = isnan(v) ? hi : MAX(hi, v);
        }
    if (lo > 0 && isfinite(hi) && hi / lo > COST_LOG_RATIO)
        return (CostAxis){lo / COST_LOG_ROOM, hi * COST_LOG_ROOM, TRUE, lo / COST_LOG_ROOM * 1.5};
    lo = isfinite(lo) ? MIN(lo, 0.0) : 0;
    hi = isfinite(hi) ? MAX(hi, 0.0) : 0;
    double span = hi > lo ? hi - lo : 1;
    return (CostAxis){lo < 0 ? lo - COST_HEADROOM * span : 0, hi + COST_HEADROOM * span, FALSE, 0};
}

/* compare_cost.dat: a block per scenario after the base, a row per target:
 * x, the cost per extra firm (NaN: no bar), the height of its label, and
 * the label. */
static char *cost_data(const Comparison *c, const CostAxis *axis)
{
    int n_targets = c->scenarios[0].model->n_targets, n_bars = c->n_scenarios - 1;
    GString *out = g_string_new("# x cost_per_extra_firm label_y label; a block per scenario after the base\n");
    for (int k = 1; k < c->n_scenarios; k++) {
        g_string_append_printf(out, "%s# %s\n", k > 1 ? "\n\n" : "", c->scenarios[k].id);
        for (int t = 0; t < n_targets; t++) {
            double v = cost_value(c, k, t);
            g_autofree char *label = cost_label(c, k, t, v);
            g_autofree char *quoted = plot_escape(label);
            g_string_append_printf(out, "%.4f", bar_x(t + 1, k - 1, n_bars));
            if (isnan(v))
                g_string_append(out, " NaN");
            else
                plot_append_number(out, v);
            plot_append_number(out, isnan(v) ? axis->none_y : v);
            g_string_append_printf(out, " \"%s\"\n", quoted);
        }
    }
    return g_string_free(out, FALSE);
}

/* @PLOT@ of the cost chart: per scenario after the base, its bars and labels. */
static void cost_series(const Comparison *c, PlotVars *v)
{
    const char *lang = c->scenarios[0].model->language;
    g_autoptr(GString) plot = g_string_new(NULL);
    for (int k = 1; k < c->n_scenarios; k++) {
        const CompareScenario *sc = &c->scenarios[k];
        g_autofree char *extra = g_strdup_printf("%.1f", sc->costs->total - c->scenarios[0].costs->total);
        g_autofree char *key = g_strdup_printf(i18n_text(lang, I18N_EXTRA_COST_KEY_FMT), sc->label, extra);
        g_autofree char *title = plot_escape(key);
        g_string_append_printf(plot, "%s\"%s\" index %d using 1:2 with boxes lc rgb \"%s\" title \"%s\", \\\n"
                               "     \"\" index %d using 1:3:4 with labels offset 0, 0.7 font \",9\" notitle",
                               k > 1 ? ", \\\n     " : "", k > 1 ? "" : "compare_cost.dat", k - 1,
                               plot_colour(k), title, k - 1);
    }
    plot_set_raw(v, "PLOT", plot->str);
}

static gboolean write_cost_chart(const Comparison *c, const char *dir, GError **error)
{
    const char *lang = c->scenarios[0].model->language;
    CostAxis axis = cost_axis(c);
    g_autofree char *data = cost_data(c, &axis);
    g_autofree char *title = g_strdup_printf(i18n_text(lang, I18N_COMPARE_COST_FMT), c->scenarios[0].label);
    g_autofree char *ylabel = g_strdup_printf("%s%s", i18n_text(lang, I18N_COST_PER_EXTRA_AXIS),
                                              axis.log ? i18n_text(lang, I18N_LOG_SCALE) : "");
    g_autoptr(GHashTable) v = plot_vars_new();

    plot_set_raw(v, "WHAT", "the cost of each extra firm against the base");
    plot_set_text(v, "TITLE", title);
    plot_set_text(v, "YLABEL", ylabel);
    plot_set_double(v, "YMIN", axis.min);
    plot_set_double(v, "YMAX", axis.max);
    plot_set_raw(v, "YFORMAT", "%g");
    plot_set_raw(v, "GUIDES", axis.log ? "set logscale y" : "set xzeroaxis lt -1 lw 1");
    bars_layout(c, c->n_scenarios - 1, FALSE, v);
    cost_series(c, v);
    return plot_write_chart(dir, "compare_cost", data, "compare_bars.gp", v, error);
}

gboolean out_compare_plot_write(const Comparison *c, const char *dir, GError **error)
{
    g_return_val_if_fail(c != NULL && dir != NULL, FALSE);
    const Model *base = c->scenarios[0].model;
    for (int s = 0; s < base->n_stages; s++)
        if (!write_stage_chart(c, dir, s, error))
            return FALSE;
    if (base->n_targets == 0)
        return TRUE;
    return write_targets_chart(c, dir, error) && write_cost_chart(c, dir, error);
}

/* ---- the table on stdout ------------------------------------------------ */

/* `x` with `decimals` places and a sign ("+31.6", "-3.9", "+0.0"), or NO_VALUE. */
static char *signed_text(double x, int decimals)
{
    if (isnan(x))
        return g_strdup(NO_VALUE);
    double scale = pow(10.0, decimals), r = round(x * scale) / scale;
    return g_strdup_printf("%+.*f", decimals, r == 0 ? 0.0 : r);  /* never "-0.0" */
}

/* `x` with `decimals` places, or NO_VALUE. */
static char *number_text(double x, int decimals)
{
    return isnan(x) ? g_strdup(NO_VALUE) : g_strdup_printf("%.*f", decimals, x);
}

/* "+31.0 … +32.2" */
static char *interval_text(double lo, double hi, int decimals)
{
    g_autofree char *a = signed_text(lo, decimals), *b = signed_text(hi, decimals);
    return isnan(lo) ? g_strdup(NO_VALUE) : g_strdup_printf("%s … %s", a, b);
}

/* "比较 3 个情景 … · 20000 次模拟，随机种子 7 · 参数不确定性：已抽样" */
static void append_heading(GString *out, const Comparison *c)
{
    const char *lang = c->scenarios[0].model->language;
    const RunConfig *config = &c->paired->runs[0]->config;
    char reps[32], seed[32];
    g_snprintf(reps, sizeof reps, "%" G_GUINT64_FORMAT, config->reps);
    g_snprintf(seed, sizeof seed, "%" G_GUINT64_FORMAT, config->seed);
    g_string_append_printf(out, i18n_text(lang, I18N_COMPARE_FMT), c->n_scenarios, c->scenarios[0].label);
    g_string_append(out, "\n");
    g_string_append_printf(out, i18n_text(lang, I18N_RUN_FMT), reps, seed);
    g_string_append_printf(out, " · %s\n\n",
                           i18n_text(lang, config->uncertain ? I18N_UNCERTAIN_DRAWN : I18N_UNCERTAIN_CENTRAL));
}

/* TRUE when `c` is `ladder compare FILE --each-policy`'s. */
static gboolean each_policy(const Comparison *c)
{
    g_autofree const char **files = g_new(const char *, c->n_scenarios);
    g_autofree const char **ids = g_new(const char *, c->n_scenarios);
    for (int k = 0; k < c->n_scenarios; k++) {
        files[k] = c->scenarios[k].file;
        ids[k] = c->scenarios[k].id;
    }
    return comparison_is_each_policy(files, ids, c->n_scenarios);
}

/* Under --each-policy's table of scenarios, what its rows are: the base
 * the file with no policy, all/ the file as written, with the `ladder run`
 * command whose figures it has. */
static void append_each_policy_note(GString *out, const Comparison *c)
{
    const char *lang = c->scenarios[0].model->language;
    const RunConfig *config = &c->paired->runs[0]->config;
    g_autofree char *file = text_shell_word(c->scenarios[0].file);
    g_autofree char *run = g_strdup_printf("ladder run %s --reps %" G_GUINT64_FORMAT " --seed %" G_GUINT64_FORMAT "%s",
                                           file, config->reps, config->seed,
                                           config->uncertain ? "" : " --no-uncertainty");
    g_autofree char *base = g_strconcat(c->scenarios[0].id, "/", NULL);
    g_autofree char *all = g_strconcat(c->scenarios[c->n_scenarios - 1].id, "/", NULL);
    g_string_append(out, TEXT_TABLE_INDENT);
    g_string_append_printf(out, i18n_text(lang, I18N_EACH_NOTE_FMT), base, all, run);
    g_string_append(out, "\n\n");
}

/* Which scenario is which: id, name, file; with --each-policy, what the
 * base and all/ are. */
static void append_scenarios(GString *out, const Comparison *c)
{
    const char *lang = c->scenarios[0].model->language;
    const gboolean right[] = {FALSE, FALSE, FALSE, FALSE};
    const char *head[] = {"", i18n_text(lang, I18N_SCENARIO), i18n_text(lang, I18N_NAME),
                          i18n_text(lang, I18N_FILE)};
    TextTable t;
    text_table_init(&t, G_N_ELEMENTS(right), right);
    text_table_add(&t, head);
    for (int k = 0; k < c->n_scenarios; k++) {
        const CompareScenario *sc = &c->scenarios[k];
        const char *row[] = {k ? "" : i18n_text(lang, I18N_BASE), sc->id, sc->model->name, sc->file};
        text_table_add(&t, row);
    }
    text_table_flush(&t, out);
    if (each_policy(c))
        append_each_policy_note(out, c);
    else
        g_string_append_c(out, '\n');
}

static void add_difference_row(TextTable *t, const Comparison *c, int k, int i)
{
    const CompareTarget *ct = &c->scenarios[k].targets[i];
    const char *lang = c->scenarios[0].model->language;
    g_autofree char *base = ct->base_target < 0 ? g_strdup(NO_VALUE) : g_strdup_printf("%.1f%%", 100 * ct->probability_base);
    g_autofree char *change = g_strdup_printf("%s → %.1f%%", base, 100 * ct->probability);
    g_autofree char *diff = signed_text(100 * ct->difference.mean, 1);
    g_autofree char *ci = ct->base_target < 0 ? g_strdup(i18n_text(lang, I18N_NOT_IN_BASE))
                                              : interval_text(100 * ct->difference.lo, 100 * ct->difference.hi, 1);
    g_autofree char *median = signed_text(ct->median_difference, 0);
    const char *row[] = {c->scenarios[k].model->targets[i].name, change, diff, ci, median};
    text_table_add(t, row);
}

/* Scenario k's targets against the base's. */
static void append_differences(GString *out, const Comparison *c, int k)
{
    const char *lang = c->scenarios[0].model->language;
    const gboolean right[] = {FALSE, TRUE, TRUE, TRUE, TRUE};
    const char *head[] = {i18n_text(lang, I18N_TARGET), i18n_text(lang, I18N_PROBABILITY_CHANGE),
                          i18n_text(lang, I18N_DIFFERENCE_PP), i18n_text(lang, I18N_CI95),
                          i18n_text(lang, I18N_MEDIAN_DIFFERENCE)};
    const Model *m = c->scenarios[k].model;
    TextTable t;
    g_string_append_printf(out, i18n_text(lang, I18N_AGAINST_BASE_FMT), c->scenarios[k].id, c->scenarios[0].id);
    g_string_append_c(out, '\n');
    if (m->n_targets == 0) {
        g_string_append(out, "\n");
        return;
    }
    text_table_init(&t, G_N_ELEMENTS(right), right);
    text_table_add(&t, head);
    for (int i = 0; i < m->n_targets; i++)
        add_difference_row(&t, c, k, i);
    text_table_flush(&t, out);
    g_string_append_c(out, '\n');
}

/* A row per policy of scenario k, then its total. */
static void add_cost_rows(TextTable *t, const Comparison *c, int k)
{
    const CompareScenario *sc = &c->scenarios[k];
    const char *lang = c->scenarios[0].model->language;
    for (int i = 0; i < sc->model->n_policies; i++) {
        const Policy *p = &sc->model->policies[i];
        const PolicyCost *pc = &sc->costs->policies[i];
        g_autofree char *years = g_strdup_printf("%d", pc->years);
        g_autofree char *per_year = number_text(p->cost_per_year, 1), *per_firm = number_text(p->cost_per_firm, 1);
        g_autofree char *added = number_text(pc->extra_firms, 1), *cost = number_text(pc->cost, 1);
        const char *row[] = {i ? "" : sc->id, p->name, years, per_year, per_firm, added, cost};
        text_table_add(t, row);
    }
    g_autofree char *total = number_text(sc->costs->total, 1);
    const char *name = i18n_text(lang, sc->model->n_policies ? I18N_TOTAL : I18N_NO_POLICIES);
    const char *row[] = {sc->model->n_policies ? "" : sc->id, name, "", "", "", "", total};
    text_table_add(t, row);
}

static void append_costs(GString *out, const Comparison *c)
{
    const char *lang = c->scenarios[0].model->language;
    const gboolean right[] = {FALSE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE};
    const char *head[] = {i18n_text(lang, I18N_SCENARIO), i18n_text(lang, I18N_POLICY),
                          i18n_text(lang, I18N_YEARS_ACTING), i18n_text(lang, I18N_COST_PER_YEAR),
                          i18n_text(lang, I18N_COST_PER_FIRM), i18n_text(lang, I18N_FIRMS_ADDED),
                          i18n_text(lang, I18N_COST)};
    TextTable t;
    g_string_append_printf(out, "%s\n", i18n_text(lang, I18N_COSTS_TITLE));
    text_table_init(&t, G_N_ELEMENTS(right), right);
    text_table_add(&t, head);
    for (int k = 0; k < c->n_scenarios; k++)
        add_cost_rows(&t, c, k);
    text_table_flush(&t, out);
    g_string_append_printf(out, "%s%s\n\n", TEXT_TABLE_INDENT, i18n_text(lang, I18N_COST_NOTE));
}

static void add_per_extra_row(TextTable *t, const Comparison *c, int k, int i)
{
    const CompareTarget *ct = &c->scenarios[k].targets[i];
    const char *lang = c->scenarios[0].model->language;
    g_autofree char *cost = signed_text(ct->extra_cost, 1);
    g_autofree char *count = signed_text(ct->extra_count.mean, 1);
    g_autofree char *ci = interval_text(ct->extra_count.lo, ct->extra_count.hi, 1);
    g_autofree char *per = ct->base_target < 0 ? g_strdup(i18n_text(lang, I18N_NOT_IN_BASE))
                         : isnan(ct->cost_per_extra_firm) ? g_strdup(i18n_text(lang, I18N_NO_EXTRA_FIRMS))
                                                          : number_text(ct->cost_per_extra_firm, 1);
    const char *row[] = {i ? "" : c->scenarios[k].id, c->scenarios[k].model->targets[i].name, cost, count, ci, per};
    text_table_add(t, row);
}

static void append_per_extra(GString *out, const Comparison *c)
{
    const char *lang = c->scenarios[0].model->language;
    const gboolean right[] = {FALSE, FALSE, TRUE, TRUE, TRUE, TRUE};
    const char *head[] = {i18n_text(lang, I18N_SCENARIO), i18n_text(lang, I18N_TARGET),
                          i18n_text(lang, I18N_EXTRA_COST), i18n_text(lang, I18N_EXTRA_FIRMS),
                          i18n_text(lang, I18N_CI95), i18n_text(lang, I18N_COST_PER_EXTRA)};
    TextTable t;
    g_string_append_printf(out, "%s\n", i18n_text(lang, I18N_PER_EXTRA_TITLE));
    text_table_init(&t, G_N_ELEMENTS(right), right);
    text_table_add(&t, head);
    for (int k = 1; k < c->n_scenarios; k++)
        for (int i = 0; i < c->scenarios[k].model->n_targets; i++)
            add_per_extra_row(&t, c, k, i);
    text_table_flush(&t, out);
}

void out_compare_table_format(const Comparison *c, GString *out)
{
    g_return_if_fail(c != NULL && out != NULL);
    gboolean any_targets = FALSE;
    append_heading(out, c);
    append_scenarios(out, c);
    for (int k = 1; k < c->n_scenarios; k++) {
        append_differences(out, c, k);
        any_targets |= c->scenarios[k].model->n_targets > 0;
    }
    append_costs(out, c);
    if (any_targets)
        append_per_extra(out, c);
}
