/* csv.c: the one reader of CSV input files (csv.h): the text, the header
 * checked against a reader's columns, and rows with their line numbers.
 * SPDX-License-Identifier: MIT */
#include "csv.h"

#include <stdarg.h>
#include <math.h>
#include <string.h>

#include "errors.h"
#include "text.h"

#define UTF8_BOM "\xEF\xBB\xBF"
#define NEAR_MIN_LEN 3  /* a required name this short gets no typo suggestion ("rd" for "id") */

gboolean csv_error(GError **error, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s:%d: %s", file, line, what);
    return FALSE;
}

int csv_last_line(const Csv *c)
{
    int n = 0;
    for (const char *p = c->text; *p; p++)
        n += *p == '\n';
    gsize len = strlen(c->text);
    return len > 0 && c->text[len - 1] != '\n' ? n + 1 : MAX(n, 1);
}

gboolean csv_open(Csv *c, const char *file, const char *text, gsize len, GError **error)
{
    g_return_val_if_fail(c != NULL && file != NULL && text != NULL, FALSE);
    const char *end = NULL;
    if (!g_utf8_validate_len(text, len, &end))
        return csv_error(error, file, text_line_at(text, end), "not UTF-8 text; save the file as UTF-8 "
                                                               "(in Excel: Save As, type \"CSV UTF-8\")");
    c->file = file;
    c->text = g_str_has_prefix(text, UTF8_BOM) ? text + strlen(UTF8_BOM) : text;
    c->p = c->text;
    c->line = 1;
    return TRUE;
}

/* ---- records ------------------------------------------------------------ */

/* Moves past blank lines and '#' comments; FALSE at the end of the text. */
static gboolean skip_ignored(Csv *c)
{
    for (;;) {
        const char *q = c->p + strspn(c->p, " \t\r");
        if (*q == '\0')
            return FALSE;
        if (*q != '\n' && *q != '#')
            return TRUE;
        const char *nl = strchr(q, '\n');
        if (nl == NULL) {
            c->p = q + strlen(q);
            return FALSE;
        }
        c->p = nl + 1;
        c->line++;
    }
}

/* Reads the quoted field `n` (1-based) that opens at `p` into `out`: ""
 * stands for a quote, and line ends inside are part of the field.  Leaves
 * c->p after the closing quote and the blanks after it. */
static gboolean read_quoted(Csv *c, const char *p, guint n, GString *out, GError **error)
{
    int opened = c->line;
    for (p++;; p++) {
        if (*p == '\0')
            return csv_error(error, c->file, opened, "field %u opens a quote (\") that is never closed", n);
        if (*p == '"' && p[1] != '"')
            break;
        if (*p == '"')
            p++;
        c->line += *p == '\n';
        g_string_append_c(out, *p);
    }
    p++;
    c->p = p + strspn(p, " \t\r");
    if (*c->p != ',' && *c->p != '\n' && *c->p != '\0')
        return csv_error(error, c->file, c->line, "field %u: text after its closing quote; "
                                                  "expected ',' or the end of the line", n);
    return TRUE;
}

/* Reads field `n` (1-based) at c->p into `out`: quoted, or else up to the
 * next ',' or line end with surrounding blanks trimmed.  Leaves c->p on the
 * ',' or line end that follows. */
static gboolean read_field(Csv *c, guint n, GString *out, GError **error)
{
    const char *p = c->p + strspn(c->p, " \t");
    if (*p == '"')
        return read_quoted(c, p, n, out, error);
    gsize len = strcspn(p, ",\n");
    g_autofree char *raw = g_strndup(p, len);
    g_strstrip(raw);
    if (strchr(raw, '"') != NULL)
        return csv_error(error, c->file, c->line, "field %u (%s) holds a quote but does not start with one; "
                                                  "quote the whole field and double the quote inside", n, raw);
    g_string_append(out, raw);
    c->p = p + len;
    return TRUE;
}

/* Reads the record at c->p (neither blank nor a comment) into `fields`
 * (char *), and moves past its line end. */
static gboolean read_record(Csv *c, GPtrArray *fields, GError **error)
{
    for (;;) {
        g_autoptr(GString) f = g_string_new(NULL);
        if (!read_field(c, fields->len + 1, f, error))
            return FALSE;
        g_ptr_array_add(fields, g_string_free(g_steal_pointer(&f), FALSE));
        if (*c->p != ',')
            break;
        c->p++;
    }
    if (*c->p == '\n') {
        c->p++;
        c->line++;
    }
    return TRUE;
}

/* The fields of `fields` up to its last non-empty one: Excel saves the
 * empty columns right of a table as trailing commas ("a,b,c,,,"). */
static guint named_fields(GPtrArray *fields)
{
    guint n = fields->len;
    while (n > 0 && *(const char *)fields->pdata[n - 1] == '\0')
        n--;
    return n;
}

/* ---- the header --------------------------------------------------------- */

void csv_header_clear(CsvHeader *h)
{
    g_clear_pointer(&h->names, g_strfreev);
    g_clear_pointer(&h->col, g_free);
    h->n = 0;
}

static int known_index(const CsvColumns *cols, const char *name)
{
    for (int k = 0; cols->known[k]; k++)
        if (strcmp(cols->known[k], name) == 0)
            return k;
    return -1;
}

static gboolean unknown_column(const Csv *c, const CsvColumns *cols, const char *name, int line, GError **error)
{
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "unknown column '%s'", name);
    text_append_suggestion(msg, name, cols->known);
    return csv_error(error, c->file, line, "%s (columns: %s)", msg->str, cols->list);
}

/* TRUE when `part` is one of the words of `name` split at '_', '-' and
 * blanks, in any case: stage_id and "Stage ID" hold stage and id. */
static gboolean has_part(const char *name, const char *part)
{
    g_auto(GStrv) words = g_strsplit_set(name, "_- ", -1);
    for (int i = 0; words[i]; i++)
        if (g_ascii_strcasecmp(words[i], part) == 0)
            return TRUE;
    return FALSE;
}

/* The header name that a missing column `want` most likely is, among the
 * names `h` has not matched to a known column, or NULL: the same name in
 * other case, else a typo (text_nearest; not for names so short that any
 * name is near), else a name of which `want` is a part, else one that is
 * a part of `want`. */
static const char *near_miss(const CsvHeader *h, const char *want)
{
    g_autoptr(GPtrArray) unmatched = g_ptr_array_new();
    for (guint i = 0; i < h->n; i++)
        if (known_index(h->cols, h->names[i]) < 0)
            g_ptr_array_add(unmatched, h->names[i]);
    g_ptr_array_add(unmatched, NULL);
    const char *const *names = (const char *const *)unmatched->pdata;
    for (int i = 0; names[i]; i++)
        if (g_ascii_strcasecmp(names[i], want) == 0)
            return names[i];
    const char *near = strlen(want) >= NEAR_MIN_LEN ? text_nearest(want, names) : NULL;
    for (int i = 0; near == NULL && names[i]; i++)
        if (has_part(names[i], want))
            near = names[i];
    for (int i = 0; near == NULL && names[i]; i++)
        if (has_part(want, names[i]))
            near = names[i];
    return near;
}

/* Fails on the first required column of `h->cols` that `h` lacks. */
static gboolean check_required(const Csv *c, const CsvHeader *h, GError **error)
{
    const CsvColumns *cols = h->cols;
    for (int k = 0; k < cols->n_required; k++) {
        if (h->col[k] >= 0)
            continue;
        const char *near = near_miss(h, cols->known[k]);
        g_autofree char *hint = near ? g_strdup_printf("; did you mean '%s'?", near) : g_strdup("");
        return csv_error(error, c->file, h->line, "no column '%s' in the header%s (columns: %s)", cols->known[k],
                         hint, cols->list);
    }
    return TRUE;
}

/* Checks the header's names in column order: each named, known (unless
 * others are allowed), and given once; fills h->col. */
static gboolean check_names(const Csv *c, CsvHeader *h, GError **error)
{
    const CsvColumns *cols = h->cols;
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < h->n; i++) {
        const char *name = h->names[i];
        int k = known_index(cols, name);
        if (*name == '\0')
            return csv_error(error, c->file, h->line, "column %u of the header has no name (columns: %s)", i + 1,
                             cols->list);
        if (k < 0 && !cols->others)
            return unknown_column(c, cols, name, h->line, error);
        gpointer first = NULL;
        if (g_hash_table_lookup_extended(seen, name, NULL, &first))
            return csv_error(error, c->file, h->line, "column '%s' is given twice (columns %d and %u)", name,
                             GPOINTER_TO_INT(first) + 1, i + 1);
        g_hash_table_insert(seen, (gpointer)name, GINT_TO_POINTER((int)i));
        if (k >= 0)
            h->col[k] = (int)i;
    }
    return TRUE;
}

gboolean csv_read_header(Csv *c, const CsvColumns *cols, CsvHeader *h, GError **error)
{
    g_return_val_if_fail(c != NULL && cols != NULL && h != NULL, FALSE);
    csv_header_clear(h);
    h->cols = cols;
    if (!skip_ignored(c))
        return csv_error(error, c->file, csv_last_line(c),
                         "no header line: the first line that is not blank or a # comment "
                         "must name the columns %s", cols->list);
    h->line = c->line;
    g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func(g_free);
    if (!read_record(c, fields, error))
        return FALSE;
    g_ptr_array_set_size(fields, named_fields(fields));
    h->n = fields->len;
    g_ptr_array_add(fields, NULL);
    h->names = (char **)g_ptr_array_steal(fields, NULL);
    int n_known = (int)g_strv_length((char **)cols->known);
    h->col = g_new(int, MAX(n_known, 1));
    for (int k = 0; k < n_known; k++)
        h->col[k] = -1;
    return check_names(c, h, error) && check_required(c, h, error);
}

/* ---- rows --------------------------------------------------------------- */

const char *csv_field(const CsvHeader *h, GPtrArray *fields, int k)
{
    g_return_val_if_fail(fields->len == h->n, NULL);
    return h->col[k] >= 0 ? fields->pdata[h->col[k]] : NULL;
}

/* Fails on a row with fewer fields than the header names, a value in a
 * column the header names none for, and a required field left empty.
 * Empty fields after the header's columns (Excel's trailing commas) are
 * dropped. */
static gboolean check_shape(const Csv *c, const CsvHeader *h, GPtrArray *fields, int line, GError **error)
{
    guint named = named_fields(fields);
    /* Excel writes a blank row of its sheet as a line of commas. */
    if (named == 0)
        return csv_error(error, c->file, line, "a row of empty fields; delete it, or make it a # comment");
    for (guint i = h->n; i < named; i++)
        if (*(const char *)fields->pdata[i] != '\0')
            return csv_error(error, c->file, line, "field %u (%s): the header names no column %u (it names %u)",
                             i + 1, (const char *)fields->pdata[i], i + 1, h->n);
    if (fields->len < h->n)
        return csv_error(error, c->file, line, "%u field%s, but the header has %u", fields->len,
                         fields->len == 1 ? "" : "s", h->n);
    g_ptr_array_set_size(fields, h->n);
    for (int k = 0; k < h->cols->n_required; k++)
        if (*csv_field(h, fields, k) == '\0')
            return csv_error(error, c->file, line, "the %s field is empty", h->cols->known[k]);
    return TRUE;
}

CsvNext csv_read_row(Csv *c, const CsvHeader *h, GPtrArray *fields, int *line, GError **error)
{
    g_return_val_if_fail(c != NULL && h != NULL && fields != NULL && line != NULL, CSV_FAILED);
    g_ptr_array_set_size(fields, 0);
    if (!skip_ignored(c))
        return CSV_END;
    *line = c->line;
    if (!read_record(c, fields, error) || !check_shape(c, h, fields, *line, error))
        return CSV_FAILED;
    return CSV_ROW;
}

/* ---- writing a cell -------------------------------------------------- */

void csv_append_field(GString *out, const char *field)
{
    gsize n = strlen(field);
    gboolean quote = n == 0 || field[0] == '#' || g_ascii_isspace(field[0]) || g_ascii_isspace(field[n - 1]) ||
                     strpbrk(field, ",\"\r\n") != NULL;
    if (!quote) {
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

void csv_append_comment(GString *out, const char *comment)
{
    if (comment == NULL)
        return;
    g_auto(GStrv) lines = g_strsplit(comment, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        if (lines[i + 1] == NULL && *lines[i] == '\0')
            break;
        g_string_append_printf(out, "#%s%s\n", *lines[i] ? " " : "", lines[i]);
    }
}

void csv_append_number(GString *out, double x)
{
    g_return_if_fail(isfinite(x));
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    if (x == rint(x) && fabs(x) < 1e15) {
        g_string_append_printf(out, "%.0f", x == 0 ? 0.0 : x); /* 12, not 1.2e+01; no -0 */
        return;
    }
    for (int digits = 1; digits <= 17; digits++) {
        char fmt[8];
        g_snprintf(fmt, sizeof fmt, "%%.%dg", digits);
        g_ascii_formatd(buf, sizeof buf, fmt, x);
        if (g_ascii_strtod(buf, NULL) == x)
            break;
    }
    g_string_append(out, buf);
}
