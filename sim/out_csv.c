/* out_csv.c: the CSV files, for spreadsheets, and the writer they share:
 * UTF-8 with a byte-order mark and CRLF line ends, so Excel shows Chinese;
 * headers in the scenario's language from results.c's columns.
 * summary.csv is written here from the Summary; the others mirror their
 * JSON document row by row (out_csv_write_rows).
 * SPDX-License-Identifier: MIT */
#include "out_csv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "i18n.h"
#include "out_json.h"
#include "outdir.h"

#define CSV_BOM "\xEF\xBB\xBF"
#define CSV_EOL "\r\n"         /* RFC 4180, and what Excel expects */
#define CSV_COUNT_DECIMALS 4   /* summary.csv's means, sds and expectations of firm counts */

struct OutCsv {
    GString *text;
    const char *lang;
    gsize width;     /* cells a row has: the header's */
    gsize cells;     /* in the row being written */
    int bad_row;     /* the first row (1 = the header) of another width; 0: none */
    int rows;        /* rows ended, the header included */
};

/* Appends `field` quoted per RFC 4180 when it holds a comma, a quote or a
 * line break (inner quotes doubled), else as is. */
static void append_field(GString *out, const char *field)
{
    if (strpbrk(field, ",\"\r\n") == NULL) {
        g_string_append(out, field);
        return;
    }
    g_string_append_c(out, '"');
    for (const char *p = field; *p; p++) {
        if (*p == '"')
            g_string_append_c(out, '"');
        g_string_append_c(out, *p);
    }
    g_string_append_c(out, '"');
}

/* Starts the next cell: a comma unless it is the row's first. */
static void next_cell(OutCsv *c)
{
    if (c->cells++ > 0)
        g_string_append_c(c->text, ',');
}

void out_csv_text(OutCsv *c, const char *text)
{
    next_cell(c);
    if (text)
        append_field(c->text, text);
}

void out_csv_fixed(OutCsv *c, double x, int decimals)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE], fmt[8];
    next_cell(c);
    if (isnan(x))
        return;
    g_snprintf(fmt, sizeof fmt, "%%.%df", decimals);
    g_string_append(c->text, g_ascii_formatd(buf, sizeof buf, fmt, x));
}

void out_csv_int(OutCsv *c, gint64 x)
{
    next_cell(c);
    g_string_append_printf(c->text, "%" G_GINT64_FORMAT, x);
}

void out_csv_json(OutCsv *c, JsonNode *value)
{
    if (value && JSON_NODE_HOLDS_OBJECT(value)) {  /* {"zh": ..., "en": ...} */
        JsonObject *o = json_node_get_object(value);
        const char *lang = i18n_is_english(c->lang) ? "en" : "zh";
        out_csv_json(c, json_object_get_member(o, lang));
        return;
    }
    if (value == NULL || !JSON_NODE_HOLDS_VALUE(value)) {
        out_csv_text(c, NULL);
        return;
    }
    GType t = json_node_get_value_type(value);
    if (t == G_TYPE_INT64) {
        out_csv_int(c, json_node_get_int(value));
    } else if (t == G_TYPE_DOUBLE) {
        next_cell(c);
        out_json_append_number(c->text, json_node_get_double(value));
    } else if (t == G_TYPE_BOOLEAN) {
        out_csv_text(c, i18n_text(c->lang, json_node_get_boolean(value) ? I18N_CSV_YES : I18N_CSV_NO));
    } else {
        out_csv_text(c, json_node_get_string(value));
    }
}

void out_csv_end_row(OutCsv *c)
{
    c->rows++;
    if (c->cells != c->width && c->bad_row == 0)
        c->bad_row = c->rows;
    c->cells = 0;
    g_string_append(c->text, CSV_EOL);
}

/* A CSV holding its BOM and the header row `headers` (n cells). */
static OutCsv *csv_with_header(const char *lang, const char *const *headers, gsize n)
{
    OutCsv *c = g_new0(OutCsv, 1);
    c->text = g_string_new(CSV_BOM);
    c->lang = lang;
    c->width = n;
    for (gsize i = 0; i < n; i++)
        out_csv_text(c, headers[i]);
    out_csv_end_row(c);
    return c;
}

OutCsv *out_csv_new(ResultsCsv kind, const char *lang)
{
    gsize n = 0;
    const ResultsCsvColumn *cols = results_csv_columns(kind, &n);
    g_autofree const char **headers = g_new(const char *, MAX(n, 1));
    for (gsize i = 0; i < n; i++)
        headers[i] = i18n_text(lang, cols[i].header);
    return csv_with_header(lang, headers, n);
}

void out_csv_free(OutCsv *c)
{
    if (c == NULL)
        return;
    g_string_free(c->text, TRUE);
    g_free(c);
}

gboolean out_csv_save(OutCsv *c, const char *path, GError **error)
{
    g_return_val_if_fail(c != NULL && path != NULL, FALSE);
    if (c->bad_row) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INTERNAL,
                    "internal error: %s: row %d has another number of cells than the header (a bug in ladder)",
                    path, c->bad_row);
        return FALSE;
    }
    return outdir_write_file(path, c->text->str, (gssize)c->text->len, error);
}

/* The member of `row` that column key `key` names: "name", "ci95[1]"
 * (an element of an array member) or "attributes.rd" (a member of an
 * object member); NULL when absent. */
static JsonNode *member_at(JsonObject *row, const char *key)
{
    const char *dot = strchr(key, '.');
    if (dot != NULL) {
        g_autofree char *name = g_strndup(key, (gsize)(dot - key));
        JsonNode *o = json_object_get_member(row, name);
        return o && JSON_NODE_HOLDS_OBJECT(o) ? json_object_get_member(json_node_get_object(o), dot + 1) : NULL;
    }
    const char *bracket = strchr(key, '[');
    if (bracket == NULL)
        return json_object_get_member(row, key);
    g_autofree char *name = g_strndup(key, (gsize)(bracket - key));
    JsonNode *a = json_object_get_member(row, name);
    guint i = (guint)strtoul(bracket + 1, NULL, 10);
    if (a == NULL || !JSON_NODE_HOLDS_ARRAY(a) || i >= json_array_get_length(json_node_get_array(a)))
        return NULL;
    return json_array_get_element(json_node_get_array(a), i);
}

/* The columns of `kind` for `rows`: keys[i] the member of a row each
 * shows, headers[i] its header cell in `lang`; a column "a.*" becomes one
 * per member of the object a of the first row ("a.NAME", headed NAME). */
static void expand_columns(ResultsCsv kind, const char *lang, JsonArray *rows, GPtrArray *keys, GPtrArray *headers)
{
    gsize n = 0;
    const ResultsCsvColumn *cols = results_csv_columns(kind, &n);
    JsonObject *first = json_array_get_length(rows) > 0 ? json_array_get_object_element(rows, 0) : NULL;
    for (gsize i = 0; i < n; i++) {
        if (!g_str_has_suffix(cols[i].key, ".*")) {
            g_ptr_array_add(keys, g_strdup(cols[i].key));
            g_ptr_array_add(headers, g_strdup(i18n_text(lang, cols[i].header)));
            continue;
        }
        g_autofree char *name = g_strndup(cols[i].key, strlen(cols[i].key) - 2);
        JsonNode *o = first ? json_object_get_member(first, name) : NULL;
        g_autoptr(GList) members = o && JSON_NODE_HOLDS_OBJECT(o) ? json_object_get_members(json_node_get_object(o))
                                                                   : NULL;
        for (GList *l = members; l; l = l->next) {
            g_ptr_array_add(keys, g_strconcat(name, ".", l->data, NULL));
            g_ptr_array_add(headers, g_strdup(l->data));
        }
    }
}

gboolean out_csv_write_rows(ResultsCsv kind, const char *lang, JsonArray *rows, const char *dir, GError **error)
{
    g_return_val_if_fail(rows != NULL && dir != NULL, FALSE);
    g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func(g_free);
    expand_columns(kind, lang, rows, keys, headers);
    g_autoptr(OutCsv) c = csv_with_header(lang, (const char *const *)headers->pdata, headers->len);
    for (guint r = 0; r < json_array_get_length(rows); r++) {
        JsonObject *row = json_array_get_object_element(rows, r);
        for (guint i = 0; i < keys->len; i++)
            out_csv_json(c, member_at(row, keys->pdata[i]));
        out_csv_end_row(c);
    }
    g_autofree char *path = g_build_filename(dir, results_csv_file(kind), NULL);
    return out_csv_save(c, path, error);
}

void out_csv_row_merge(JsonObject *to, JsonObject *from)
{
    g_autoptr(GList) names = json_object_get_members(from);
    for (GList *l = names; l; l = l->next)
        if (!json_object_has_member(to, l->data))
            json_object_set_member(to, l->data, json_node_copy(json_object_get_member(from, l->data)));
}

/* ---- summary.csv ------------------------------------------------------------ */

/* One row: `id`, `name`, the year, the count's expectation, mean, sd and
 * percentiles in year index `y`, and `new_mean` (NULL: an empty cell, as a
 * list has no entries of its own). */
static void append_count_row(OutCsv *c, const Summary *s, const char *id, const char *name, const double *expected,
                             const double *mean, const double *sd, gint64 *const *pct, const double *new_mean, int y)
{
    out_csv_text(c, id);
    out_csv_text(c, name);
    out_csv_int(c, s->model->base_year + y);
    out_csv_fixed(c, expected[y], CSV_COUNT_DECIMALS);
    out_csv_fixed(c, mean[y], CSV_COUNT_DECIMALS);
    out_csv_fixed(c, sd[y], CSV_COUNT_DECIMALS);
    for (int k = 0; k < SUMMARY_N_PCT; k++)
        out_csv_int(c, pct[k][y]);
    out_csv_fixed(c, new_mean ? new_mean[y] : NAN, CSV_COUNT_DECIMALS);
    out_csv_end_row(c);
}

gboolean out_csv_write(const Summary *s, const char *path, GError **error)
{
    g_return_val_if_fail(s != NULL && path != NULL, FALSE);
    const Model *m = s->model;
    g_autoptr(OutCsv) c = out_csv_new(RESULTS_CSV_SUMMARY, m->language);
    for (int i = 0; i < m->n_stages; i++) {
        const StageSummary *st = &s->stages[i];
        for (int y = 0; y < s->n_years; y++)
            append_count_row(c, s, m->stages[i].id, model_stage_name(m, i), st->expected, st->mean, st->sd, st->pct,
                             st->new_mean, y);
    }
    for (int l = 0; l < m->n_lists; l++) {
        const ListSummary *ls = &s->lists[l];
        for (int y = 0; y < s->n_years; y++)
            append_count_row(c, s, m->lists[l].id, m->lists[l].name, ls->expected, ls->mean, ls->sd, ls->pct, NULL, y);
    }
    return out_csv_save(c, path, error);
}

/* ---- targets.csv ------------------------------------------------------------- */

/* `to`'s member `name` set to a copy of `from`'s member `key`. */
static void copy_member(JsonObject *to, const char *name, JsonObject *from, const char *key)
{
    JsonNode *n = json_object_get_member(from, key);
    if (n)
        json_object_set_member(to, name, json_node_copy(n));
}

gboolean out_csv_targets(const Summary *s, JsonNode *doc, const char *dir, GError **error)
{
    g_return_val_if_fail(s != NULL && doc != NULL && dir != NULL, FALSE);
    JsonObject *root = json_node_get_object(doc);
    g_autoptr(JsonArray) rows = json_array_new();
    JsonArray *targets = json_object_get_array_member(root, "targets");
    for (guint i = 0; i < json_array_get_length(targets); i++)
        json_array_add_element(rows, json_node_copy(json_array_get_element(targets, i)));
    if (json_array_get_length(targets) > 0) {
        JsonObject *all = json_object_new();
        json_object_set_string_member(all, "name", i18n_text(s->model->language, I18N_CSV_ALL_TARGETS));
        copy_member(all, "probability", root, "all_targets_probability");
        copy_member(all, "se", root, "all_targets_se");
        copy_member(all, "verdict", root, "all_targets_verdict");
        copy_member(all, "verdict_words", root, "all_targets_verdict_words");
        json_array_add_object_element(rows, all);
    }
    return out_csv_write_rows(RESULTS_CSV_TARGETS, s->model->language, rows, dir, error);
}
