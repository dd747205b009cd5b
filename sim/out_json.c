/* out_json.c: summary.json, the machine-readable result: the scenario, the
 * run settings, every stage's yearly distribution and every target; and
 * the rounding and spelling of numbers every JSON file shares (out_json.h).
 * SPDX-License-Identifier: MIT */

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "out_csv.h"
#include "out_json.h"
#include "results.h"

#include "i18n.h"
#include "out_table.h"
#include "outdir.h"

#define JSON_INDENT 2

void out_json_add_number(JsonBuilder *b, double x, int decimals)
{
    if (!isfinite(x)) {
        json_builder_add_null_value(b);
        return;
    }
    double scale = pow(10.0, decimals);
    double r = round(x * scale) / scale;
    json_builder_add_double_value(b, r == 0.0 ? 0.0 : r);  /* no "-0.0" */
}

static void add_double_array(JsonBuilder *b, const char *name, const double *x,
                             int n, int decimals)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (int i = 0; i < n; i++)
        out_json_add_number(b, x[i], decimals);
    json_builder_end_array(b);
}

static void add_int_array(JsonBuilder *b, const char *name, const gint64 *x, int n)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (int i = 0; i < n; i++)
        json_builder_add_int_value(b, x[i]);
    json_builder_end_array(b);
}

void out_json_member_string(JsonBuilder *b, const char *name, const char *value)
{
    json_builder_set_member_name(b, name);
    if (value)
        json_builder_add_string_value(b, value);
    else
        json_builder_add_null_value(b);
}

void out_json_member_int(JsonBuilder *b, const char *name, gint64 value)
{
    json_builder_set_member_name(b, name);
    json_builder_add_int_value(b, value);
}

void out_json_member_double(JsonBuilder *b, const char *name, double value, int decimals)
{
    json_builder_set_member_name(b, name);
    out_json_add_number(b, value, decimals);
}

/* JSON integers are read as signed 64-bit by json-glib (and exactly only up
 * to 2^53 by JavaScript), hence the string beyond G_MAXINT64. */
void out_json_member_uint64(JsonBuilder *b, const char *name, guint64 value)
{
    json_builder_set_member_name(b, name);
    if (value <= (guint64)G_MAXINT64) {
        json_builder_add_int_value(b, (gint64)value);
    } else {
        char buf[32];
        g_snprintf(buf, sizeof buf, "%" G_GUINT64_FORMAT, value);
        json_builder_add_string_value(b, buf);
    }
}

void out_json_member_bool(JsonBuilder *b, const char *name, gboolean value)
{
    json_builder_set_member_name(b, name);
    json_builder_add_boolean_value(b, value);
}

void out_json_member_verdict(JsonBuilder *b, const char *prefix, const char *lang, double probability)
{
    gboolean known = !isnan(probability);
    g_autofree char *code = g_strconcat(prefix, "verdict", NULL);
    g_autofree char *words = g_strconcat(prefix, "verdict_words", NULL);
    out_json_member_string(b, code, known ? out_table_verdict_code(probability) : NULL);
    out_json_member_string(b, words, known ? out_table_verdict(lang, probability) : NULL);
}

void out_json_member_run(JsonBuilder *b, const RunConfig *c)
{
    out_json_member_uint64(b, "replications", c->reps);
    out_json_member_uint64(b, "seed", c->seed);
    out_json_member_bool(b, "uncertainty", c->uncertain);
}

static void add_scenario(JsonBuilder *b, const Model *m)
{
    json_builder_set_member_name(b, "scenario");
    json_builder_begin_object(b);
    out_json_member_string(b, "name", m->name);
    out_json_member_string(b, "region", m->region);
    out_json_member_int(b, "base_year", m->base_year);
    out_json_member_int(b, "horizon", m->horizon);
    out_json_member_string(b, "language", m->language);
    json_builder_end_object(b);
}

static void add_years(JsonBuilder *b, const Summary *s)
{
    json_builder_set_member_name(b, "years");
    json_builder_begin_array(b);
    for (int y = 0; y < s->n_years; y++)
        json_builder_add_int_value(b, s->model->base_year + y);
    json_builder_end_array(b);
}

/* Member `name`: a count's distribution over `n` years, {expected, mean,
 * sd, p5, p25, p50, p75, p95}, as stages' stocks and lists' counts have it. */
static void add_count_distribution(JsonBuilder *b, const char *name, const double *expected, const double *mean,
                                   const double *sd, gint64 *const *pct, int n)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_object(b);
    add_double_array(b, "expected", expected, n, OUT_JSON_EXACT_DECIMALS);
    add_double_array(b, "mean", mean, n, OUT_JSON_COUNT_DECIMALS);
    add_double_array(b, "sd", sd, n, OUT_JSON_COUNT_DECIMALS);
    for (int k = 0; k < SUMMARY_N_PCT; k++) {
        char key[8];
        g_snprintf(key, sizeof key, "p%u", summary_pcts[k]);
        add_int_array(b, key, pct[k], n);
    }
    json_builder_end_object(b);
}

static void add_stage(JsonBuilder *b, const Summary *s, int i)
{
    const StageSummary *st = &s->stages[i];
    int n = s->n_years;

    json_builder_begin_object(b);
    out_json_member_string(b, "id", s->model->stages[i].id);
    out_json_member_string(b, "name", model_stage_name(s->model, i));
    add_count_distribution(b, "stock", st->expected, st->mean, st->sd, st->pct, n);
    json_builder_set_member_name(b, "new");
    json_builder_begin_object(b);
    add_double_array(b, "mean", st->new_mean, n, OUT_JSON_COUNT_DECIMALS);
    add_double_array(b, "expected", st->new_expected, n, OUT_JSON_EXACT_DECIMALS);
    json_builder_end_object(b);
    json_builder_end_object(b);
}

void out_json_target_definition(JsonBuilder *b, const Model *m, int target)
{
    const Target *t = &m->targets[target];
    out_json_member_string(b, "name", t->name);
    out_json_member_string(b, "stage", t->stage >= 0 ? m->stages[t->stage].id : NULL);
    out_json_member_string(b, "list", t->list >= 0 ? m->lists[t->list].id : NULL);
    out_json_member_int(b, "year", t->year);
    out_json_member_bool(b, "year_given", t->year_given);
    out_json_member_int(b, "at_least", t->at_least);
    out_json_member_string(b, "count", model_count_name(t->count));
    json_builder_set_member_name(b, "condition");
    json_builder_begin_object(b);
    static const char *const languages[] = {"zh", "en"};
    for (gsize i = 0; i < G_N_ELEMENTS(languages); i++) {
        g_autofree char *text = i18n_target_condition_in(m, target, languages[i]);
        out_json_member_string(b, languages[i], text);
    }
    json_builder_end_object(b);
}

/* One list: its counts over the years, as a stage's stock. */
static void add_list(JsonBuilder *b, const Summary *s, int l)
{
    const ListSummary *ls = &s->lists[l];
    json_builder_begin_object(b);
    out_json_member_string(b, "id", s->model->lists[l].id);
    out_json_member_string(b, "name", s->model->lists[l].name);
    add_count_distribution(b, "count", ls->expected, ls->mean, ls->sd, ls->pct, s->n_years);
    json_builder_end_object(b);
}

static void add_target(JsonBuilder *b, const Summary *s, int i)
{
    const TargetSummary *ts = &s->targets[i];

    json_builder_begin_object(b);
    out_json_target_definition(b, s->model, i);
    out_json_member_double(b, "probability", ts->probability, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "se", ts->se, OUT_JSON_PROB_DECIMALS);
    out_json_member_verdict(b, "", s->model->language, ts->probability);
    out_json_member_double(b, "mean", ts->mean, OUT_JSON_COUNT_DECIMALS);
    out_json_member_double(b, "expected", ts->expected, OUT_JSON_EXACT_DECIMALS);
    for (int k = 0; k < SUMMARY_N_PCT; k++) {
        char key[8];
        g_snprintf(key, sizeof key, "p%u", summary_pcts[k]);
        out_json_member_int(b, key, ts->pct[k]);
    }
    json_builder_end_object(b);
}

/* A by-year array of `cells` ([n_years * n_stages]) for stage `st`. */
static void add_by_year(JsonBuilder *b, const char *name, const double *cells, int n_years, int n_stages, int st,
                        int decimals)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (int y = 0; y < n_years; y++)
        out_json_add_number(b, cells[y * n_stages + st], decimals);
    json_builder_end_array(b);
}

/* A region's part: its own targets, its share of the region's, its stocks. */
static void add_part(JsonBuilder *b, const Summary *s, int p)
{
    const PartSummary *ps = &s->parts[p];
    const Model *m = s->model, *pm = ps->model;
    json_builder_begin_object(b);
    out_json_member_string(b, "name", pm->name);
    out_json_member_string(b, "file", pm->file);
    out_json_member_int(b, "base_year", pm->base_year);
    json_builder_set_member_name(b, "targets");
    json_builder_begin_array(b);
    for (int t = 0; t < pm->n_targets; t++) {
        json_builder_begin_object(b);
        out_json_member_string(b, "name", pm->targets[t].name);
        out_json_member_double(b, "probability", ps->probability[t], OUT_JSON_PROB_DECIMALS);
        out_json_member_double(b, "se", ps->se[t], OUT_JSON_PROB_DECIMALS);
        out_json_member_verdict(b, "", m->language, ps->probability[t]);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    out_json_member_double(b, "all_targets_probability", ps->all_probability, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "all_targets_se", ps->all_se, OUT_JSON_PROB_DECIMALS);
    json_builder_set_member_name(b, "shares");
    json_builder_begin_array(b);
    for (int t = 0; t < m->n_targets; t++) {
        json_builder_begin_object(b);
        out_json_member_string(b, "target", m->targets[t].name);
        out_json_member_double(b, "mean", ps->share_mean[t], OUT_JSON_COUNT_DECIMALS);
        out_json_member_double(b, "se", ps->share_se[t], OUT_JSON_COUNT_DECIMALS);
        out_json_member_double(b, "expected", ps->share_expected[t], OUT_JSON_EXACT_DECIMALS);
        double whole = s->targets[t].mean;
        out_json_member_double(b, "fraction", whole > 0 ? ps->share_mean[t] / whole : NAN, OUT_JSON_PROB_DECIMALS);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "stages");
    json_builder_begin_array(b);
    for (int st = 0; st < m->n_stages; st++) {
        json_builder_begin_object(b);
        out_json_member_string(b, "id", m->stages[st].id);
        add_by_year(b, "mean", ps->stock_mean, s->n_years, m->n_stages, st, OUT_JSON_COUNT_DECIMALS);
        add_by_year(b, "expected", ps->stock_expected, s->n_years, m->n_stages, st, OUT_JSON_EXACT_DECIMALS);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
}

/* The whole document as a tree (caller owns). */
static JsonNode *build_document(const Summary *s)
{
    const Model *m = s->model;
    g_autoptr(JsonBuilder) b = json_builder_new();
    gboolean any = m->n_targets > 0;

    json_builder_begin_object(b);
    add_scenario(b, m);
    out_json_member_run(b, &s->run->config);
    add_years(b, s);
    json_builder_set_member_name(b, "stages");
    json_builder_begin_array(b);
    for (int i = 0; i < m->n_stages; i++)
        add_stage(b, s, i);
    json_builder_end_array(b);
    json_builder_set_member_name(b, "lists");
    json_builder_begin_array(b);
    for (int l = 0; l < m->n_lists; l++)
        add_list(b, s, l);
    json_builder_end_array(b);
    json_builder_set_member_name(b, "targets");
    json_builder_begin_array(b);
    for (int i = 0; i < m->n_targets; i++)
        add_target(b, s, i);
    json_builder_end_array(b);
    out_json_member_double(b, "all_targets_probability", any ? s->all_probability : NAN,
                      OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "all_targets_se", any ? s->all_se : NAN, OUT_JSON_PROB_DECIMALS);
    out_json_member_verdict(b, "all_targets_", m->language, any ? s->all_probability : NAN);
    if (s->n_parts > 0) {
        json_builder_set_member_name(b, "parts");
        json_builder_begin_array(b);
        for (int p = 0; p < s->n_parts; p++)
            add_part(b, s, p);
        json_builder_end_array(b);
    }
    json_builder_end_object(b);
    return json_builder_get_root(b);
}

#define JSON_FIXED_MAX 1e15  /* beyond this, fixed notation spells noise digits */
#define JSON_MAX_DECIMALS 17

/* The shortest text that reads back as the double `x`: fixed notation with
 * as few decimals as needed ("0.873457", "2000"), or the shortest %g form
 * for magnitudes fixed notation spells badly. */
void out_json_append_number(GString *out, double x)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE], fmt[8];
    gboolean fixed = fabs(x) < JSON_FIXED_MAX && (x == 0 || fabs(x) >= 1e-6);

    for (int digits = fixed ? 0 : 1; digits <= JSON_MAX_DECIMALS; digits++) {
        g_snprintf(fmt, sizeof fmt, fixed ? "%%.%df" : "%%.%dg", digits);
        g_ascii_formatd(buf, sizeof buf, fmt, x);
        if (g_ascii_strtod(buf, NULL) == x)
            break;
    }
    g_string_append(out, buf);
}

/* Integers are spelled by json-glib and kept; only tokens holding a '.' or
 * an exponent are doubles, so large integers never pass through a double. */
static gboolean is_double_token(const char *p)
{
    for (; *p == '-' || *p == '+' || *p == '.' || *p == 'e' || *p == 'E' ||
           g_ascii_isdigit(*p); p++)
        if (*p == '.' || *p == 'e' || *p == 'E')
            return TRUE;
    return FALSE;
}

/* json-glib 1.6 prints every double with g_ascii_dtostr, i.e. 17 significant
 * digits, so the rounded 0.873457 comes out as 0.87345700000000004, and no
 * JsonNode can carry a preferred spelling.  The generator's text is
 * therefore kept as is except for its number tokens (outside strings),
 * each respelled as the shortest text that parses back to the same double:
 * the values are untouched, only their spelling shortens.  Integers come
 * out unchanged; "512.0" becomes "512". */
static char *shorten_numbers(const char *json)
{
    GString *out = g_string_sized_new(strlen(json));
    gboolean in_string = FALSE;

    for (const char *p = json; *p;) {
        if (in_string) {
            if (*p == '\\' && p[1]) {
                g_string_append_len(out, p, 2);
                p += 2;
                continue;
            }
            in_string = *p != '"';
            g_string_append_c(out, *p++);
        } else if ((*p == '-' || g_ascii_isdigit(*p)) && is_double_token(p)) {
            char *end;
            double x = g_ascii_strtod(p, &end);
            out_json_append_number(out, x);
            p = end;
        } else {
            in_string = *p == '"';
            g_string_append_c(out, *p++);
        }
    }
    return g_string_free(out, FALSE);
}

gboolean out_json_write(const Summary *s, const char *path, GError **error)
{
    g_return_val_if_fail(s != NULL && path != NULL, FALSE);
    g_autoptr(JsonNode) root = build_document(s);
    g_autofree char *dir = g_path_get_dirname(path);
    return results_save(RESULTS_SUMMARY, root, path, error) && out_csv_targets(s, root, dir, error);
}

gboolean out_json_save(JsonNode *root, const char *path, GError **error)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    json_generator_set_pretty(gen, TRUE);
    json_generator_set_indent(gen, JSON_INDENT);
    json_generator_set_root(gen, root);
    g_autofree char *raw = json_generator_to_data(gen, NULL);
    g_autofree char *text = shorten_numbers(raw);
    g_autofree char *with_newline = g_strconcat(text, "\n", NULL);
    return outdir_write_file(path, with_newline, -1, error);
}
