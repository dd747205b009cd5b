/* out_solve.c: solve.json, the chart of a solve, and its answer on stdout in
 * the scenario's language.
 * SPDX-License-Identifier: MIT */
#include "out_solve.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "i18n.h"
#include "out_table.h"
#include "out_csv.h"
#include "out_json.h"
#include "results.h"
#include "plot.h"
#include "text.h"

#define SOLVE_VALUE_DECIMALS 9  /* lever values and changes: the grid's 3 and the current value's own */
#define SOLVE_VALUE_DIGITS "%.10g" /* a value as text: 0.137, 137, 0.0725 */

/* ---- words -------------------------------------------------------------- */

static const char *lang(const SolveResult *r)
{
    return r->model->language;
}

static gboolean is_count(const SolveResult *r)
{
    return r->step == SOLVE_COUNT_STEP;
}

/* A lever value as text, in as few digits as it needs.  Caller frees. */
static char *value_text(double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    double rounded = round(v * 1e9) / 1e9;  /* 0.157 - 0.13 is 0.027000000000000003 */
    return g_strdup(g_ascii_formatd(buf, sizeof buf, SOLVE_VALUE_DIGITS, rounded == 0 ? 0.0 : rounded));
}

/* "+37", "-0.005", "0". */
static char *change_text(double change)
{
    g_autofree char *size = value_text(fabs(change));
    const char *sign = strcmp(size, "0") == 0 ? "" : change > 0 ? "+" : "-";
    return g_strconcat(sign, size, NULL);
}

/* "80.4%", "80%" for a wanted probability. */
static char *percent_text(double p, gboolean wanted)
{
    if (!wanted)
        return g_strdup_printf("%.1f%%", 100 * p);
    g_autofree char *digits = value_text(100 * p);
    return g_strconcat(digits, "%", NULL);
}

/* "“高新技术企业500家”", or all targets together.  Caller frees. */
static char *target_text(const SolveResult *r)
{
    if (r->question.target == SOLVE_ALL_TARGETS)
        return g_strdup(i18n_text(lang(r), I18N_SOLVE_ALL_TARGETS));
    return g_strdup_printf(i18n_text(lang(r), I18N_SOLVE_TARGET_FMT), r->model->targets[r->question.target].name);
}

/* "每年 137" for a count, "取 0.157" for a probability. */
static char *value_phrase(const SolveResult *r, double v)
{
    g_autofree char *x = value_text(v);
    return g_strdup_printf(i18n_text(lang(r), is_count(r) ? I18N_SOLVE_PER_YEAR_FMT : I18N_SOLVE_SET_TO_FMT), x);
}

static const char *lever_key(const SolveResult *r)
{
    return r->model->params[r->question.param].key;
}

/* The lever at `v` as it acts: "×1.115", "+37", "-5", or a value "0.145"
 * when it sets the parameter.  Caller frees. */
static char *lever_text(const SolveResult *r, double v)
{
    g_autofree char *x = value_text(fabs(v));
    switch (r->op) {
    case LEVER_MULTIPLY: return g_strconcat("×", x, NULL);
    case LEVER_ADD: return g_strconcat(v < 0 ? "-" : "+", x, NULL);
    case LEVER_SET: return value_text(v);
    }
    g_assert_not_reached();
}

/* The lever at `v` as a policy writes it: "*1.115", "+37", "-5", "=0.145". */
static char *policy_operand(const SolveResult *r, double v)
{
    g_autofree char *x = value_text(fabs(v));
    const char *op = r->op == LEVER_MULTIPLY ? "*" : r->op == LEVER_SET ? "=" : v < 0 ? "-" : "+";
    return g_strconcat(op, x, NULL);
}

/* The policy group to append to the scenario for the answer, lines ending
 * in "\n"; NULL when there is no change to make (unreachable, or already
 * met) or when appending it would not reproduce the answer
 * (solve_policy_reproduces).  Caller frees. */
static char *policy_group(const SolveResult *r)
{
    if (!r->reachable || r->value == r->current || !solve_policy_reproduces(r))
        return NULL;
    g_autofree char *x = policy_operand(r, r->value);
    return g_strdup_printf("[policy %s]\nfrom = %d\n%s = %s\n", i18n_text(lang(r), I18N_SOLVE_POLICY_NAME),
                           r->question.from, lever_key(r), x);
}

/* The central value with the lever at `v` acting on it. */
static double lever_on_central(const SolveResult *r, double v)
{
    return r->op == LEVER_MULTIPLY ? r->central * v : r->op == LEVER_ADD ? r->central + v : v;
}

/* ---- stdout ------------------------------------------------------------- */

static void append_question(GString *out, const SolveResult *r)
{
    g_autofree char *target = target_text(r);
    g_autofree char *wanted = percent_text(r->question.wanted, TRUE);
    if (r->op == LEVER_SET)
        g_string_append_printf(out, i18n_text(lang(r), I18N_SOLVE_QUESTION_FMT), lever_key(r), r->question.from,
                               target, wanted);
    else
        g_string_append_printf(out, i18n_text(lang(r), I18N_SOLVE_QUESTION_POLICY_FMT), lever_key(r),
                               r->question.from,
                               i18n_text(lang(r), r->op == LEVER_MULTIPLY ? I18N_SOLVE_BY_FACTOR : I18N_SOLVE_BY_ADDEND),
                               target, wanted);
    g_string_append(out, "\n");
}

/* The base: the same as ladder run's, or why not, with run's beside it. */
static void append_base(GString *out, const SolveResult *r)
{
    g_autofree char *base = percent_text(r->base_probability, FALSE);
    g_autofree char *run = percent_text(r->run_probability, FALSE);
    g_autofree char *central = value_text(r->central);
    if (solve_base_is_run(r))
        g_string_append_printf(out, i18n_text(lang(r), I18N_SOLVE_BASE_SAME_FMT), base);
    else
        g_string_append_printf(out, i18n_text(lang(r), I18N_SOLVE_BASE_SET_FMT), base, run, r->question.from,
                               lever_key(r), central);
    g_string_append(out, "\n");
}

/* The answer as a policy: "×1.115 (central value 0.13 → 0.14495)". */
static void append_answer_policy(GString *out, const SolveResult *r)
{
    g_autofree char *target = target_text(r);
    g_autofree char *change = lever_text(r, r->value);
    g_autofree char *central = value_text(r->central);
    g_autofree char *changed = value_text(lever_on_central(r, r->value));
    g_autofree char *probability = out_table_probability(r->probability, r->se);
    g_autofree char *short_change = lever_text(r, r->short_value);
    g_autofree char *short_probability = percent_text(r->short_probability, FALSE);
    g_string_append_printf(out, i18n_text(lang(r), I18N_SOLVE_ANSWER_POLICY_FMT), lever_key(r), r->question.from,
                           change, central, changed, target, probability, short_change, short_probability);
}

/* The policy group to paste, indented, after a line saying what it does. */
static void append_policy(GString *out, const SolveResult *r)
{
    g_autofree char *group = policy_group(r);
    if (group == NULL)
        return;
    g_string_append_printf(out, "\n%s\n", i18n_text(lang(r), I18N_SOLVE_PASTE));
    g_auto(GStrv) lines = g_strsplit(group, "\n", -1);
    for (int i = 0; lines[i] && *lines[i]; i++)
        g_string_append_printf(out, "  %s\n", lines[i]);
}

static void append_answer(GString *out, const SolveResult *r)
{
    g_autofree char *target = target_text(r);
    g_autofree char *value = value_phrase(r, r->value);
    g_autofree char *current = value_text(r->current);
    g_autofree char *change = change_text(r->value - r->current);
    g_autofree char *probability = out_table_probability(r->probability, r->se);
    g_autofree char *short_value = value_text(r->short_value);
    g_autofree char *short_probability = percent_text(r->short_probability, FALSE);
    g_string_append_printf(out, i18n_text(lang(r), I18N_SOLVE_ANSWER_FMT), lever_key(r), r->question.from, value,
                           current, change, target, probability, short_value, short_probability);
}

static void append_already(GString *out, const SolveResult *r)
{
    g_autofree char *target = target_text(r);
    g_autofree char *current = value_text(r->central);
    g_autofree char *probability = out_table_probability(r->probability, r->se);
    g_autofree char *wanted = percent_text(r->question.wanted, TRUE);
    g_string_append_printf(out, i18n_text(lang(r), I18N_SOLVE_ALREADY_FMT), lever_key(r), current, target,
                           probability, wanted);
}

static void append_unreachable(GString *out, const SolveResult *r)
{
    g_autofree char *target = target_text(r);
    g_autofree char *lo = lever_text(r, r->question.min);
    g_autofree char *hi = lever_text(r, r->question.max);
    g_autofree char *wanted = percent_text(r->question.wanted, TRUE);
    g_autofree char *best = percent_text(r->best_probability, FALSE);
    g_autofree char *best_value = lever_text(r, r->best_value);
    g_string_append_printf(out, i18n_text(lang(r), I18N_SOLVE_UNREACHABLE_FMT), lever_key(r), r->question.from,
                           lo, hi, target, wanted, best, best_value);
}

/* "情景：NAME · 参数不确定性：已抽样" */
static void append_heading(GString *out, const SolveResult *r)
{
    g_string_append_printf(out, i18n_text(lang(r), I18N_SCENARIO_FMT), r->model->name);
    g_string_append(out, " · ");
    g_string_append(out, i18n_text(lang(r), r->config.uncertain ? I18N_UNCERTAIN_DRAWN : I18N_UNCERTAIN_CENTRAL));
    g_string_append(out, "\n\n");
}

void out_solve_format(const SolveResult *r, GString *out)
{
    g_return_if_fail(r != NULL && out != NULL);
    char reps[32], seed[32];
    g_snprintf(reps, sizeof reps, "%" G_GUINT64_FORMAT, r->config.reps);
    g_snprintf(seed, sizeof seed, "%" G_GUINT64_FORMAT, r->config.seed);

    append_heading(out, r);
    append_question(out, r);
    append_base(out, r);
    if (!r->reachable)
        append_unreachable(out, r);
    else if (isnan(r->short_value))
        append_already(out, r);
    else if (r->op == LEVER_SET)
        append_answer(out, r);
    else
        append_answer_policy(out, r);
    g_string_append(out, "\n");
    append_policy(out, r);
    g_string_append(out, "\n");
    g_string_append_printf(out, i18n_text(lang(r), I18N_SOLVE_TRIED_FMT), r->n_points, reps, seed);
    g_string_append(out, "\n");
}

/* ---- solve.json --------------------------------------------------------- */

static void add_question(JsonBuilder *b, const SolveResult *r)
{
    static const char *const operation[] = {[LEVER_SET] = "=", [LEVER_MULTIPLY] = "*", [LEVER_ADD] = "+"};
    const SolveQuestion *q = &r->question;
    out_json_member_string(b, "lever", lever_key(r));
    out_json_member_string(b, "mode", q->mode == SOLVE_MODE_SET ? "set" : "policy");
    out_json_member_string(b, "operation", operation[r->op]);
    out_json_member_bool(b, "lever_drawn",
                         r->op != LEVER_SET && r->config.uncertain && r->model->params[q->param].uncertain);
    out_json_member_string(b, "target", q->target == SOLVE_ALL_TARGETS ? "all" : r->model->targets[q->target].name);
    out_json_member_double(b, "probability_wanted", q->wanted, OUT_JSON_PROB_DECIMALS);
    out_json_member_int(b, "from", q->from);
    out_json_member_double(b, "min", q->min, SOLVE_VALUE_DECIMALS);
    out_json_member_double(b, "max", q->max, SOLVE_VALUE_DECIMALS);
    out_json_member_bool(b, "min_given", q->min_given);
    out_json_member_bool(b, "max_given", q->max_given);
    out_json_member_double(b, "parameter_central", r->central, SOLVE_VALUE_DECIMALS);
    out_json_member_double(b, "current_value", r->current, SOLVE_VALUE_DECIMALS);
    out_json_member_double(b, "step", r->step, SOLVE_VALUE_DECIMALS);
}

/* The base and ladder run's probability, whether they are the same run. */
static void add_base(JsonBuilder *b, const SolveResult *r)
{
    out_json_member_double(b, "base_probability", r->base_probability, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "run_probability", r->run_probability, OUT_JSON_PROB_DECIMALS);
    out_json_member_bool(b, "base_is_run", solve_base_is_run(r));
}

/* The answer; NaN (unreachable, or nothing one step short) becomes null. */
static void add_answer(JsonBuilder *b, const SolveResult *r)
{
    out_json_member_bool(b, "reachable", r->reachable);
    out_json_member_double(b, "value", r->value, SOLVE_VALUE_DECIMALS);
    out_json_member_double(b, "change", r->value - r->current, SOLVE_VALUE_DECIMALS);
    out_json_member_double(b, "probability", r->probability, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "se", r->se, OUT_JSON_PROB_DECIMALS);
    out_json_member_verdict(b, "", r->model->language, r->reachable ? r->probability : NAN);
    out_json_member_double(b, "value_one_step_short", r->short_value, SOLVE_VALUE_DECIMALS);
    out_json_member_double(b, "probability_one_step_short", r->short_probability, OUT_JSON_PROB_DECIMALS);
    if (!r->reachable) {
        out_json_member_double(b, "best_value", r->best_value, SOLVE_VALUE_DECIMALS);
        out_json_member_double(b, "best_probability", r->best_probability, OUT_JSON_PROB_DECIMALS);
    }
    g_autofree char *group = policy_group(r);
    out_json_member_string(b, "policy_line", group);
}

static void add_evaluations(JsonBuilder *b, const SolveResult *r)
{
    json_builder_set_member_name(b, "evaluations");
    json_builder_begin_array(b);
    for (int i = 0; i < r->n_points; i++) {
        json_builder_begin_object(b);
        out_json_member_double(b, "value", r->points[i].value, SOLVE_VALUE_DECIMALS);
        out_json_member_double(b, "probability", r->points[i].probability, OUT_JSON_PROB_DECIMALS);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

/* solve.csv in `dir`: solve.json's (`doc`) evaluations, each marked
 * whether it is the answer. */
static gboolean write_csv(const SolveResult *r, JsonNode *doc, const char *dir, GError **error)
{
    JsonObject *root = json_node_get_object(doc);
    JsonNode *answer = json_object_get_member(root, "value");
    JsonArray *points = json_object_get_array_member(root, "evaluations");
    g_autoptr(JsonArray) rows = json_array_new();
    for (guint i = 0; i < json_array_get_length(points); i++) {
        JsonObject *row = json_object_new();
        out_csv_row_merge(row, json_array_get_object_element(points, i));
        json_object_set_boolean_member(row, "answer", json_node_equal(answer, json_object_get_member(row, "value")));
        json_array_add_object_element(rows, row);
    }
    return out_csv_write_rows(RESULTS_CSV_SOLVE, r->model->language, rows, dir, error);
}

gboolean out_solve_json(const SolveResult *r, const char *path, GError **error)
{
    g_return_val_if_fail(r != NULL && path != NULL, FALSE);
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    add_question(b, r);
    add_base(b, r);
    add_answer(b, r);
    out_json_member_run(b, &r->config);
    add_evaluations(b, r);
    json_builder_end_object(b);
    g_autoptr(JsonNode) root = json_builder_get_root(b);
    g_autofree char *dir = g_path_get_dirname(path);
    return results_save(RESULTS_SOLVE, root, path, error) && write_csv(r, root, dir, error);
}

/* ---- the chart ---------------------------------------------------------- */

/* solve.dat: value, probability in percent, by value. */
static char *chart_data(const SolveResult *r)
{
    GString *out = g_string_new("# value probability_pct\n");
    for (int i = 0; i < r->n_points; i++) {
        g_autofree char *v = value_text(r->points[i].value);
        char p[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append_printf(out, "%s %s\n", v, g_ascii_formatd(p, sizeof p, "%.4f", 100 * r->points[i].probability));
    }
    return g_string_free(out, FALSE);
}

/* Adds @KEY@ = `value` (owned by `pairs` from now on) to the chart's pairs. */
static void add_raw(GPtrArray *pairs, const char *key, char *value)
{
    g_ptr_array_add(pairs, g_strdup(key));
    g_ptr_array_add(pairs, value);
}

/* Adds @KEY@ = `text`, shown in the chart (the template quotes it). */
static void add_text(GPtrArray *pairs, const char *key, const char *text)
{
    add_raw(pairs, key, plot_escape(text));
}

/* The lever's name as charts show it: "科小 → 高企", not its key. */
static char *lever_name(const SolveResult *r)
{
    return i18n_param_label(r->model, r->question.param, -1);
}

#define SOLVE_FLAT_PP 1.0     /* within this many points of the lowest or highest probability tried: flat */
#define SOLVE_X_PAD 0.06      /* of the x-range, each side */

/* @XMIN@ and @XMAX@: the tried values where the probability climbs (not
 * within SOLVE_FLAT_PP of the lowest or highest tried), the current value
 * and the marked point, padded; the search's far bounds, where nothing
 * happens, would squeeze the climb into a corner.  The line runs on out
 * of the chart to the values left out. */
static void chart_xrange(const SolveResult *r, GPtrArray *pairs)
{
    double p_lo = G_MAXDOUBLE, p_hi = -G_MAXDOUBLE;
    double mark = r->reachable ? r->value : r->best_value;
    double lo = MIN(r->current, mark), hi = MAX(r->current, mark);

    for (int i = 0; i < r->n_points; i++) {
        p_lo = MIN(p_lo, 100 * r->points[i].probability);
        p_hi = MAX(p_hi, 100 * r->points[i].probability);
    }
    for (int i = 0; i < r->n_points; i++) {
        double p = 100 * r->points[i].probability, x = r->points[i].value;
        if (p > p_lo + SOLVE_FLAT_PP && p < p_hi - SOLVE_FLAT_PP) {
            lo = MIN(lo, x);
            hi = MAX(hi, x);
        }
    }
    double pad = hi > lo ? SOLVE_X_PAD * (hi - lo) : MAX(fabs(lo) * 0.1, 1e-3);
    add_raw(pairs, "XMIN", value_text(lo - pad));
    add_raw(pairs, "XMAX", value_text(hi + pad));
}

/* Title, axes, the wanted probability's line and the current value's. */
static void chart_labels(const SolveResult *r, GPtrArray *pairs)
{
    g_autofree char *lever = lever_name(r);
    g_autofree char *target = target_text(r);
    g_autofree char *wanted = percent_text(r->question.wanted, TRUE);
    g_autofree char *current = value_text(r->current);
    g_autofree char *current_text = lever_text(r, r->current);
    g_autofree char *title = g_strdup_printf(i18n_text(lang(r), I18N_SOLVE_CHART_TITLE_FMT), target, lever,
                                             r->question.from);
    g_autofree char *wanted_label = g_strdup_printf(i18n_text(lang(r), I18N_SOLVE_WANTED_FMT), wanted);
    g_autofree char *current_label = g_strdup_printf(i18n_text(lang(r), I18N_SOLVE_CURRENT_FMT), current_text);
    static const I18nMessage xlabel[] = {[LEVER_SET] = I18N_SOLVE_XLABEL_SET_FMT,
                                         [LEVER_MULTIPLY] = I18N_SOLVE_XLABEL_FACTOR_FMT,
                                         [LEVER_ADD] = I18N_SOLVE_XLABEL_ADDEND_FMT};
    g_autofree char *axis = g_strdup_printf(i18n_text(lang(r), xlabel[r->op]), lever);

    add_text(pairs, "TITLE", title);
    add_text(pairs, "XLABEL", axis);
    add_text(pairs, "YLABEL", i18n_text(lang(r), I18N_PROBABILITY_PCT));
    add_text(pairs, "TRIED", i18n_text(lang(r), I18N_SOLVE_TRIED));
    add_raw(pairs, "WANTED", value_text(100 * r->question.wanted));
    add_text(pairs, "WANTED_LABEL", wanted_label);
    add_raw(pairs, "CURRENT", g_steal_pointer(&current));
    add_text(pairs, "CURRENT_LABEL", current_label);
}

/* The note on the base: the same as ladder run's, or why not. */
static void chart_note(const SolveResult *r, GPtrArray *pairs)
{
    g_autofree char *base = percent_text(r->base_probability, FALSE);
    g_autofree char *run = percent_text(r->run_probability, FALSE);
    g_autofree char *lever = lever_name(r);
    g_autofree char *note = solve_base_is_run(r)
                                ? g_strdup_printf(i18n_text(lang(r), I18N_SOLVE_NOTE_SAME_FMT), run)
                                : g_strdup_printf(i18n_text(lang(r), I18N_SOLVE_NOTE_SET_FMT), lever, base, run);
    add_text(pairs, "NOTE", note);
}

/* The point marked, the answer or else the best found, with its legend. */
static void chart_mark(const SolveResult *r, GPtrArray *pairs)
{
    double x = r->reachable ? r->value : r->best_value;
    double y = r->reachable ? r->probability : r->best_probability;
    g_autofree char *v = value_text(x);
    g_autofree char *shown = lever_text(r, x);
    g_autofree char *p = percent_text(y, FALSE);
    g_autofree char *title = g_strdup_printf(
        i18n_text(lang(r), r->reachable ? I18N_SOLVE_ANSWER_MARK_FMT : I18N_SOLVE_BEST_MARK_FMT), shown, p);
    add_raw(pairs, "MARK_X", g_steal_pointer(&v));
    add_raw(pairs, "MARK_Y", value_text(100 * y));
    add_text(pairs, "MARK_TITLE", title);
}

/* Writes the chart `name` from template plots/`tmpl` (plot_write_chart)
 * with the NULL-ended KEY, VALUE pairs `pairs` (values as written; quote
 * text with plot_escape). */
static gboolean write_chart(const char *dir, const char *name, const char *data, const char *tmpl,
                            const char *const *pairs, GError **error)
{
    g_autoptr(GHashTable) v = plot_vars_new();
    for (int i = 0; pairs[i] && pairs[i + 1]; i += 2)
        plot_set_raw(v, pairs[i], pairs[i + 1]);
    return plot_write_chart(dir, name, data, tmpl, v, error);
}

gboolean out_solve_chart(const SolveResult *r, const char *dir, GError **error)
{
    g_return_val_if_fail(r != NULL && dir != NULL, FALSE);
    g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func(g_free);
    chart_labels(r, pairs);
    chart_xrange(r, pairs);
    chart_note(r, pairs);
    chart_mark(r, pairs);
    g_ptr_array_add(pairs, NULL);
    g_autofree char *data = chart_data(r);
    return write_chart(dir, "solve", data, "solve.gp", (const char *const *)pairs->pdata, error);
}
