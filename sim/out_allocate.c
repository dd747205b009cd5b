/* out_allocate.c: allocate.json, allocate.csv, the frontier chart and the
 * answer of `ladder allocate` on stdout in the scenario's language.
 * SPDX-License-Identifier: MIT */
#include "out_allocate.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "i18n.h"
#include "out_csv.h"
#include "out_json.h"
#include "out_table.h"
#include "plot.h"
#include "results.h"
#include "text.h"

#define ALLOCATE_COST_DECIMALS 4  /* 万元: cost.c's figures are exact expectations times prices */
#define ALLOCATE_SKIPPED_SHOWN 5  /* skipped combinations named on stdout; the rest counted */

/* The search's rule, in English, for allocate.json. */
#define ALLOCATE_SEARCH_RULE \
    "screened at screen_replications with paired (common random numbers) comparisons: first no policy, " \
    "each policy alone at each level, every policy at its highest level and the file as written; then, " \
    "up to 4 rounds, a surrogate additive in the logit of the probability (one effect per policy and " \
    "level, weighted least squares on every screened combination) ranks every combination, priced, and " \
    "its 24 predicted best within the budget and its predicted frontier are screened; then a local " \
    "search from the best screened within the budget (every single change and swap within the budget) " \
    "until no move improves it; re-run at full replications, on which the answer is read: every " \
    "combination within the budget within 2 paired standard errors of the best screened within it, the " \
    "screened frontier thinned to steps above 2 paired standard errors, and the file as written"

static const char *lang(const Allocation *a)
{
    return a->model->language;
}

static double se_of(const Allocation *a, double p)
{
    return sqrt(p * (1 - p) / (double)a->reps);
}

/* "72.4%" */
static char *percent(double p)
{
    return g_strdup_printf("%.1f%%", 100 * p);
}

/* "1906.1", "3000": 万元 as the table shows them (allocate.json has 4 decimals). */
static char *money(double x)
{
    return g_strdup_printf("%.10g", round(x * 10) / 10);
}

/* The combination as words: its policies, or "(no policy)". */
static char *combo_words(const Allocation *a, const AllocateCombo *c)
{
    if (c->n_on == 0)
        return g_strdup(i18n_text(lang(a), I18N_ALLOC_NONE));
    return allocate_combo_label(a->model, c->choice);
}

static char *target_words(const Allocation *a)
{
    if (a->config.target < 0)
        return g_strdup(i18n_text(lang(a), I18N_SOLVE_ALL_TARGETS));
    return g_strdup_printf(i18n_text(lang(a), I18N_SOLVE_TARGET_FMT), a->model->targets[a->config.target].name);
}

/* ---- allocate.json ----------------------------------------------------------- */

/* Members label and levels of combination `c`. */
static void add_label_levels(JsonBuilder *b, const Allocation *a, const AllocateCombo *c)
{
    g_autofree char *label = allocate_combo_label(a->model, c->choice);
    out_json_member_string(b, "label", label);
    json_builder_set_member_name(b, "levels");
    json_builder_begin_array(b);
    for (int p = 0; p < a->model->n_policies; p++)
        out_json_add_number(b, allocate_level(a->model, p, c->choice[p]), 9);
    json_builder_end_array(b);
}

/* Members step, step_ci95 and step_within_noise: null off the frontier
 * and on its first row. */
static void add_step(JsonBuilder *b, const AllocateCombo *c)
{
    gboolean has = !isnan(c->step.mean);
    out_json_member_double(b, "step", c->step.mean, OUT_JSON_PROB_DECIMALS);
    json_builder_set_member_name(b, "step_ci95");
    if (has) {
        json_builder_begin_array(b);
        out_json_add_number(b, c->step.lo, OUT_JSON_PROB_DECIMALS);
        out_json_add_number(b, c->step.hi, OUT_JSON_PROB_DECIMALS);
        json_builder_end_array(b);
    } else {
        json_builder_add_null_value(b);
    }
    json_builder_set_member_name(b, "step_within_noise");
    if (has)
        json_builder_add_boolean_value(b, allocate_step_within_noise(c->step));
    else
        json_builder_add_null_value(b);
}

static void add_combo(JsonBuilder *b, const Allocation *a, const AllocateCombo *c)
{
    json_builder_begin_object(b);
    add_label_levels(b, a, c);
    out_json_member_int(b, "n_policies", c->n_on);
    out_json_member_double(b, "cost", c->cost, ALLOCATE_COST_DECIMALS);
    out_json_member_double(b, "probability", c->probability, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "se", se_of(a, c->probability), OUT_JSON_PROB_DECIMALS);
    out_json_member_verdict(b, "", lang(a), c->probability);
    out_json_member_bool(b, "frontier", c->frontier);
    out_json_member_bool(b, "within_budget", c->cost <= a->config.budget);
    add_step(b, c);
    json_builder_end_object(b);
}

/* Members as_written (the file as written, or null) and as_written_missing. */
static void add_as_written(JsonBuilder *b, const Allocation *a)
{
    static const char *const missing[] = {
        [ALLOCATE_WRITTEN_RUN] = NULL, [ALLOCATE_WRITTEN_NO_LEVEL_1] = "no_level_1",
        [ALLOCATE_WRITTEN_NOT_RUN] = "not_run", [ALLOCATE_WRITTEN_SKIPPED] = "skipped"};
    json_builder_set_member_name(b, "as_written");
    if (a->as_written >= 0)
        add_combo(b, a, &a->combos[a->as_written]);
    else
        json_builder_add_null_value(b);
    out_json_member_string(b, "as_written_missing", missing[a->written]);
}

static void add_skipped(JsonBuilder *b, const Allocation *a)
{
    json_builder_set_member_name(b, "skipped");
    json_builder_begin_array(b);
    for (int i = 0; i < a->n_skipped; i++) {
        json_builder_begin_object(b);
        add_label_levels(b, a, &a->skipped[i]);
        out_json_member_string(b, "reason", a->skipped[i].skip);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

/* Member `name`: combination `i`, or null when -1. */
static void add_pick(JsonBuilder *b, const Allocation *a, const char *name, int i)
{
    json_builder_set_member_name(b, name);
    if (i < 0)
        json_builder_add_null_value(b);
    else
        add_combo(b, a, &a->combos[i]);
}

static void add_question(JsonBuilder *b, const Allocation *a)
{
    out_json_member_string(b, "target", a->config.target < 0 ? "all" : a->model->targets[a->config.target].name);
    out_json_member_double(b, "budget", a->config.budget, ALLOCATE_COST_DECIMALS);
    out_json_member_double(b, "probability_wanted", a->config.goal, OUT_JSON_PROB_DECIMALS);
    out_json_member_string(b, "method", a->search ? "search" : "exhaustive");
    out_json_member_bool(b, "exact", !a->search);
    out_json_member_string(b, "search_rule", a->search ? ALLOCATE_SEARCH_RULE : NULL);
    json_builder_set_member_name(b, "screen_replications");
    if (a->search)
        json_builder_add_int_value(b, (gint64)a->screen_reps);
    else
        json_builder_add_null_value(b);
    json_builder_set_member_name(b, "combinations_screened");
    if (a->search)
        json_builder_add_int_value(b, a->n_screened);
    else
        json_builder_add_null_value(b);
    out_json_member_uint64(b, "combinations_total", a->n_combinations);
    out_json_member_int(b, "combinations_run", a->n_combos);
}

static void add_policies(JsonBuilder *b, const Model *m)
{
    json_builder_set_member_name(b, "policies");
    json_builder_begin_array(b);
    for (int p = 0; p < m->n_policies; p++) {
        const Policy *pol = &m->policies[p];
        json_builder_begin_object(b);
        out_json_member_string(b, "name", pol->name);
        json_builder_set_member_name(b, "levels");
        json_builder_begin_array(b);
        for (int l = 0; l < pol->n_levels; l++)
            out_json_add_number(b, pol->levels[l], 9);
        json_builder_end_array(b);
        out_json_member_double(b, "cost_per_year", pol->cost_per_year, ALLOCATE_COST_DECIMALS);
        out_json_member_double(b, "cost_per_firm", pol->cost_per_firm, ALLOCATE_COST_DECIMALS);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

/* allocate.csv in `dir`: the document's combinations, each marked best or cheapest. */
static gboolean write_csv(const Allocation *a, JsonNode *doc, const char *dir, GError **error)
{
    JsonArray *combos = json_object_get_array_member(json_node_get_object(doc), "combinations");
    g_autoptr(JsonArray) rows = json_array_new();
    for (guint i = 0; i < json_array_get_length(combos); i++) {
        JsonObject *row = json_object_new();
        out_csv_row_merge(row, json_array_get_object_element(combos, i));
        json_object_set_boolean_member(row, "best", (int)i == a->best);
        json_object_set_boolean_member(row, "cheapest", (int)i == a->cheapest);
        json_array_add_object_element(rows, row);
    }
    return out_csv_write_rows(RESULTS_CSV_ALLOCATE, lang(a), rows, dir, error);
}

gboolean out_allocate_json(const Allocation *a, const RunConfig *run, const char *path, GError **error)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    add_question(b, a);
    out_json_member_run(b, run);
    add_policies(b, a->model);
    add_pick(b, a, "best", a->best);
    add_pick(b, a, "cheapest", a->cheapest);
    add_as_written(b, a);
    add_skipped(b, a);
    json_builder_set_member_name(b, "combinations");
    json_builder_begin_array(b);
    for (int i = 0; i < a->n_combos; i++)
        add_combo(b, a, &a->combos[i]);
    json_builder_end_array(b);
    json_builder_end_object(b);
    g_autoptr(JsonNode) root = json_builder_get_root(b);
    g_autofree char *dir = g_path_get_dirname(path);
    return results_save(RESULTS_ALLOCATE, root, path, error) && write_csv(a, root, dir, error);
}

/* ---- the chart ----------------------------------------------------------------- */

/* allocate.dat: every combination (cost, probability in percent), then,
 * after two blank lines (gnuplot's index 1), the frontier's. */
static char *chart_data(const Allocation *a)
{
    GString *out = g_string_new("# cost probability_pct: every combination run, by cost\n");
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            g_string_append(out, "\n\n# cost probability_pct: the efficient frontier\n");
        for (int i = 0; i < a->n_combos; i++) {
            const AllocateCombo *c = &a->combos[i];
            if (pass == 1 && !c->frontier)
                continue;
            plot_append_number(out, c->cost);
            plot_append_number(out, 100 * c->probability);
            g_string_append(out, "\n");
        }
    }
    return g_string_free(out, FALSE);
}

gboolean out_allocate_chart(const Allocation *a, const char *dir, GError **error)
{
    g_autoptr(GHashTable) v = plot_vars_new();
    g_autofree char *target = target_words(a);
    g_autofree char *title = g_strdup_printf(i18n_text(lang(a), I18N_ALLOC_CHART_TITLE_FMT), target);
    g_autofree char *budget = money(a->config.budget);
    g_autofree char *budget_label = g_strdup_printf(i18n_text(lang(a), I18N_ALLOC_BUDGET_FMT), budget);
    double xmax = a->config.budget;
    for (int i = 0; i < a->n_combos; i++)
        xmax = MAX(xmax, a->combos[i].cost);
    plot_set_text(v, "TITLE", title);
    plot_set_text(v, "XLABEL", i18n_text(lang(a), I18N_ALLOC_XLABEL));
    plot_set_text(v, "YLABEL", i18n_text(lang(a), I18N_PROBABILITY_PCT));
    plot_set_text(v, "ALL", i18n_text(lang(a), I18N_ALLOC_ALL_POINTS));
    plot_set_text(v, "FRONTIER", i18n_text(lang(a), I18N_ALLOC_FRONTIER_LEGEND));
    plot_set_text(v, "BUDGET_LABEL", budget_label);
    plot_set_double(v, "BUDGET", a->config.budget);
    plot_set_double(v, "XMAX", xmax > 0 ? xmax * 1.05 : 1);
    if (a->best >= 0) {
        const AllocateCombo *c = &a->combos[a->best];
        g_autofree char *words = combo_words(a, c);
        g_autofree char *p = percent(c->probability);
        g_autofree char *mark_title = g_strdup_printf(i18n_text(lang(a), I18N_ALLOC_CHOSEN_FMT), words, p);
        g_autofree char *mark = g_strdup_printf("%.6f %.6f", c->cost, 100 * c->probability);
        plot_set_raw(v, "MARK", mark);
        plot_set_text(v, "MARK_TITLE", mark_title);
    } else {
        plot_set_raw(v, "MARK", "-1 -1");  /* off the chart: nothing fits the budget */
        plot_set_text(v, "MARK_TITLE", "");
    }
    if (a->as_written >= 0) {
        const AllocateCombo *c = &a->combos[a->as_written];
        g_autofree char *p = percent(c->probability);
        g_autofree char *written_title = g_strdup_printf(i18n_text(lang(a), I18N_ALLOC_WRITTEN_MARK_FMT), p);
        g_autofree char *written = g_strdup_printf("%.6f %.6f", c->cost, 100 * c->probability);
        plot_set_raw(v, "WRITTEN", written);
        plot_set_text(v, "WRITTEN_TITLE", written_title);
    } else {
        plot_set_raw(v, "WRITTEN", "-1 -1");  /* off the chart: not run */
        plot_set_text(v, "WRITTEN_TITLE", "");
    }
    g_autofree char *data = chart_data(a);
    return plot_write_chart(dir, "allocate", data, "allocate.gp", v, error);
}

/* ---- stdout ---------------------------------------------------------------------- */

static void append_method(GString *out, const Allocation *a, const RunConfig *run)
{
    if (a->search) {
        g_autofree char *total = g_strdup_printf("%" G_GUINT64_FORMAT, a->n_combinations);
        g_autofree char *screen = g_strdup_printf("%" G_GUINT64_FORMAT, a->screen_reps);
        g_string_append_printf(out, i18n_text(lang(a), I18N_ALLOC_SEARCH_FMT), total, a->n_screened, screen,
                               a->n_combos);
    } else {
        g_string_append_printf(out, i18n_text(lang(a), I18N_ALLOC_EXHAUSTIVE_FMT), (int)a->n_combinations);
    }
    g_string_append(out, "\n");
    g_autofree char *reps = g_strdup_printf("%" G_GUINT64_FORMAT, run->reps);
    g_autofree char *seed = g_strdup_printf("%" G_GUINT64_FORMAT, run->seed);
    g_string_append_printf(out, i18n_text(lang(a), I18N_ALLOC_RUN_FMT), reps, seed);
    g_string_append(out, "\n\n");
}

/* The combination of the file as written (every policy on at level 1),
 * whose probability is `ladder run`'s for the same seed and replications
 * (allocate_model leaves a level-1 policy as written), or why it was not
 * run. */
static void append_as_written(GString *out, const Allocation *a)
{
    static const I18nMessage why[] = {
        [ALLOCATE_WRITTEN_NO_LEVEL_1] = I18N_ALLOC_NO_LEVEL_1, [ALLOCATE_WRITTEN_NOT_RUN] = I18N_ALLOC_NOT_WRITTEN,
        [ALLOCATE_WRITTEN_SKIPPED] = I18N_ALLOC_WRITTEN_SKIPPED};
    if (a->as_written < 0) {
        g_string_append_printf(out, "%s\n", i18n_text(lang(a), why[a->written]));
        return;
    }
    const AllocateCombo *c = &a->combos[a->as_written];
    g_autofree char *p = percent(c->probability);
    g_autofree char *cost = money(c->cost);
    g_string_append_printf(out, i18n_text(lang(a), I18N_ALLOC_AS_WRITTEN_FMT), p, cost);
    g_string_append(out, "\n");
}

/* The combinations skipped, their parameters out of range: a heading, then
 * the first ALLOCATE_SKIPPED_SHOWN each with its reason, then how many more. */
static void append_skipped(GString *out, const Allocation *a)
{
    if (a->n_skipped == 0)
        return;
    g_string_append(out, "\n");
    g_string_append_printf(out, i18n_text(lang(a), I18N_ALLOC_SKIPPED_FMT), a->n_skipped);
    g_string_append(out, "\n");
    for (int i = 0; i < MIN(a->n_skipped, ALLOCATE_SKIPPED_SHOWN); i++) {
        g_autofree char *label = allocate_combo_label(a->model, a->skipped[i].choice);
        g_string_append_printf(out, "  %s: %s\n", label, a->skipped[i].skip);
    }
    if (a->n_skipped > ALLOCATE_SKIPPED_SHOWN) {
        g_string_append(out, "  ");
        g_string_append_printf(out, i18n_text(lang(a), I18N_ALLOC_SKIPPED_MORE_FMT), a->n_skipped - ALLOCATE_SKIPPED_SHOWN);
        g_string_append(out, "\n");
    }
}

static void append_best(GString *out, const Allocation *a)
{
    if (a->best < 0) {
        g_autofree char *cheapest = money(a->combos[0].cost);
        g_string_append_printf(out, i18n_text(lang(a), I18N_ALLOC_NONE_FITS_FMT), cheapest);
    } else {
        const AllocateCombo *c = &a->combos[a->best];
        g_autofree char *words = combo_words(a, c);
        g_autofree char *p = percent(c->probability);
        g_autofree char *cost = money(c->cost);
        g_string_append_printf(out, i18n_text(lang(a), I18N_ALLOC_BEST_FMT), words, p, cost);
    }
    g_string_append(out, "\n");
}

static void append_cheapest(GString *out, const Allocation *a)
{
    if (isnan(a->config.goal))
        return;
    g_autofree char *goal = g_strdup_printf("%.10g%%", 100 * a->config.goal);
    if (a->cheapest < 0) {
        double hi = 0;
        for (int i = 0; i < a->n_combos; i++)
            hi = MAX(hi, a->combos[i].probability);
        g_autofree char *p = percent(hi);
        g_string_append_printf(out, i18n_text(lang(a), I18N_ALLOC_UNREACHED_FMT), goal, p);
    } else {
        const AllocateCombo *c = &a->combos[a->cheapest];
        g_autofree char *words = combo_words(a, c);
        g_autofree char *p = percent(c->probability);
        g_autofree char *cost = money(c->cost);
        g_string_append_printf(out, i18n_text(lang(a), I18N_ALLOC_CHEAPEST_FMT), goal, words, p, cost);
    }
    g_string_append(out, "\n");
}

/* The step cell of a frontier row: the paired step and its interval,
 * marked when within noise; empty on the first row. */
static char *step_cell(const Allocation *a, const AllocateCombo *c)
{
    if (isnan(c->step.mean))
        return g_strdup("");
    g_autofree char *step = out_table_step(c->step.mean, c->step.lo, c->step.hi);
    if (!allocate_step_within_noise(c->step))
        return g_steal_pointer(&step);
    return g_strdup_printf("%s %s", step, i18n_text(lang(a), I18N_ALLOC_NOISE));
}

/* The frontier as a table (text.h aligns CJK widths): cost, probability ±
 * SE, the paired step from the row above, the combination (◀ the best);
 * the note on the steps under it. */
static void append_frontier(GString *out, const Allocation *a)
{
    static const gboolean right[] = {TRUE, TRUE, TRUE, FALSE};
    TextTable t;
    text_table_init(&t, 4, right);
    const char *head[] = {i18n_text(lang(a), I18N_ALLOC_COST), i18n_text(lang(a), I18N_ALLOC_PROB_SE),
                          i18n_text(lang(a), I18N_ALLOC_STEP), i18n_text(lang(a), I18N_ALLOC_COMBINATION), NULL};
    text_table_add(&t, head);
    for (int i = 0; i < a->n_combos; i++) {
        const AllocateCombo *c = &a->combos[i];
        if (!c->frontier)
            continue;
        g_autofree char *words = combo_words(a, c);
        g_autofree char *shown = g_strdup_printf("%s%s", words, i == a->best ? "  ◀" : "");
        g_autofree char *p = out_table_probability(c->probability, se_of(a, c->probability));
        g_autofree char *cost = money(c->cost);
        g_autofree char *step = step_cell(a, c);
        const char *cells[] = {cost, p, step, shown, NULL};
        text_table_add(&t, cells);
    }
    g_string_append_printf(out, "\n%s\n", i18n_text(lang(a), I18N_ALLOC_FRONTIER));
    text_table_flush(&t, out);
    g_string_append_printf(out, "%s%s\n", TEXT_TABLE_INDENT, i18n_text(lang(a), I18N_ALLOC_STEP_NOTE));
}

void out_allocate_format(const Allocation *a, const RunConfig *run, GString *out)
{
    g_autofree char *target = target_words(a);
    g_autofree char *budget = money(a->config.budget);
    g_string_append_printf(out, i18n_text(lang(a), I18N_SCENARIO_FMT), a->model->name);
    g_string_append(out, " · ");
    g_string_append(out, i18n_text(lang(a), run->uncertain ? I18N_UNCERTAIN_DRAWN : I18N_UNCERTAIN_CENTRAL));
    g_string_append(out, "\n");
    g_string_append_printf(out, i18n_text(lang(a), I18N_ALLOC_TARGET_FMT), target, budget);
    g_string_append(out, "\n");
    append_method(out, a, run);
    append_as_written(out, a);
    append_best(out, a);
    append_cheapest(out, a);
    append_skipped(out, a);
    append_frontier(out, a);
}
