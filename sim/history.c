/* history.c: reads a CSV file of published counts (history.h), with a CSV
 * scanner of its own for file:line, and checks every row kept against the
 * scenario it will be fitted to.
 * SPDX-License-Identifier: MIT */
#include "history.h"

#include <stdarg.h>
#include <string.h>

#include "errors.h"
#include "text.h"

#define HISTORY_YEAR_MAX 9999           /* four digits; the scenario's years bound it further */
#define UTF8_BOM "\xEF\xBB\xBF"

/* The columns a header may name: the required ones first. */
typedef enum { COL_REGION, COL_YEAR, COL_STAGE, COL_COUNT, COL_KIND, COL_SOURCE, COL_NOTE, N_COLUMNS } Column;
#define N_REQUIRED (COL_KIND + 1)

static const char *const column_names[] = {"region", "year", "stage", "count", "kind", "source", "note", NULL};
#define COLUMN_LIST "region, year, stage, count, kind, and optionally source, note"
#define COLUMNS_HELP "(columns: " COLUMN_LIST ")"

static const char *const kind_names[] = {[HISTORY_STOCK] = "stock", [HISTORY_NEW] = "new", NULL};

/* Where the region to keep comes from. */
typedef enum {
    REGION_FROM_FLAG,      /* --region: other regions' rows are skipped */
    REGION_FROM_SCENARIO,  /* [scenario] region: other regions are an error */
    REGION_FROM_FILE,      /* the first row: other regions are an error */
} RegionFrom;

/* The state of one load: the header's columns and the rows kept so far. */
typedef struct {
    const char *file;
    const Model *m;
    RegionFrom from;
    char *region;        /* the region kept; NULL until the first row when REGION_FROM_FILE */
    int region_line;     /* the first row's line, when REGION_FROM_FILE */
    int col[N_COLUMNS];  /* field index of each column, -1 when absent */
    guint n_fields;      /* fields of the header, and so of every row */
    GArray *obs;         /* Observation, in file order */
    GHashTable *seen;    /* "year stage kind" -> line of the row kept */
    GPtrArray *others;   /* regions skipped, each once, in file order */
    int n_skipped;
} Reader;

static void reader_clear(Reader *r)
{
    g_free(r->region);
    if (r->obs)
        g_array_free(r->obs, TRUE);
    if (r->seen)
        g_hash_table_destroy(r->seen);
    if (r->others)
        g_ptr_array_free(r->others, TRUE);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Reader, reader_clear)

/* A position in the text, and the 1-based line it is on. */
typedef struct {
    const char *p;
    int line;
    const char *file;
} Scanner;

/* ---- messages ---------------------------------------------------------- */

/* An INPUT error "file:line: what"; returns FALSE. */
static gboolean line_error(GError **error, const char *file, int line, const char *fmt, ...) G_GNUC_PRINTF(4, 5);

static gboolean line_error(GError **error, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s:%d: %s", file, line, what);
    return FALSE;
}

/* The number of the text's last line (1 for an empty text), where a
 * message about what the file lacks points. */
static int last_line(const char *text)
{
    int n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    gsize len = strlen(text);
    return len > 0 && text[len - 1] != '\n' ? n + 1 : MAX(n, 1);
}

/* ---- CSV --------------------------------------------------------------- */

/* TRUE when all `len` bytes of `text` are UTF-8 (no NUL); otherwise an
 * INPUT error naming the line of the first bad byte. */
static gboolean check_utf8(const char *file, const char *text, gsize len, GError **error)
{
    const char *end = NULL;
    if (g_utf8_validate_len(text, len, &end))
        return TRUE;
    return line_error(error, file, text_line_at(text, end), "not UTF-8 text; save the file as UTF-8 "
                                         "(in Excel: Save As, type \"CSV UTF-8\")");
}

/* Moves past blank lines and '#' comments; FALSE at the end of the text. */
static gboolean skip_ignored(Scanner *s)
{
    for (;;) {
        const char *q = s->p + strspn(s->p, " \t\r");
        if (*q == '\0')
            return FALSE;
        if (*q != '\n' && *q != '#')
            return TRUE;
        const char *nl = strchr(q, '\n');
        if (nl == NULL) {
            s->p = q + strlen(q);
            return FALSE;
        }
        s->p = nl + 1;
        s->line++;
    }
}

/* Reads the quoted field `n` (1-based) that opens at `p` into `out`: ""
 * stands for a quote, and line ends inside are part of the field.  Leaves
 * s->p after the closing quote and the blanks after it. */
static gboolean read_quoted(Scanner *s, const char *p, guint n, GString *out, GError **error)
{
    int opened = s->line;
    for (p++;; p++) {
        if (*p == '\0')
            return line_error(error, s->file, opened, "field %u opens a quote (\") that is never closed", n);
        if (*p == '"' && p[1] != '"')
            break;
        if (*p == '"')
            p++;
        s->line += *p == '\n';
        g_string_append_c(out, *p);
    }
    p++;
    s->p = p + strspn(p, " \t\r");
    if (*s->p != ',' && *s->p != '\n' && *s->p != '\0')
        return line_error(error, s->file, s->line, "field %u: text after its closing quote; "
                                                   "expected ',' or the end of the line", n);
    return TRUE;
}

/* Reads field `n` (1-based) at s->p into `out`: quoted, or else up to the
 * next ',' or line end with surrounding blanks trimmed.  Leaves s->p on the
 * ',' or line end that follows. */
static gboolean read_field(Scanner *s, guint n, GString *out, GError **error)
{
    const char *p = s->p + strspn(s->p, " \t");
    if (*p == '"')
        return read_quoted(s, p, n, out, error);
    gsize len = strcspn(p, ",\n");
    g_autofree char *raw = g_strndup(p, len);
    g_strstrip(raw);
    if (strchr(raw, '"') != NULL)
        return line_error(error, s->file, s->line, "field %u (%s) holds a quote but does not start with one; "
                                                   "quote the whole field and double the quote inside", n, raw);
    g_string_append(out, raw);
    s->p = p + len;
    return TRUE;
}

/* Reads the record at s->p (neither blank nor a comment) into `fields`
 * (char *), and moves past its line end. */
static gboolean read_record(Scanner *s, GPtrArray *fields, GError **error)
{
    for (;;) {
        g_autoptr(GString) f = g_string_new(NULL);
        if (!read_field(s, fields->len + 1, f, error))
            return FALSE;
        g_ptr_array_add(fields, g_string_free(g_steal_pointer(&f), FALSE));
        if (*s->p != ',')
            break;
        s->p++;
    }
    if (*s->p == '\n') {
        s->p++;
        s->line++;
    }
    return TRUE;
}

/* ---- the header -------------------------------------------------------- */

static int column_index(const char *name)
{
    for (int c = 0; column_names[c]; c++)
        if (strcmp(column_names[c], name) == 0)
            return c;
    return -1;
}

static gboolean unknown_column(Reader *r, const char *name, int line, GError **error)
{
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "unknown column '%s'", name);
    text_append_suggestion(msg, name, column_names);
    return line_error(error, r->file, line, "%s " COLUMNS_HELP, msg->str);
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

/* Finds each column in the header `fields` at `line`: every name known and
 * given once, every required one present; empty columns after the last
 * name are no columns. */
static gboolean read_header(Reader *r, GPtrArray *fields, int line, GError **error)
{
    for (int c = 0; c < N_COLUMNS; c++)
        r->col[c] = -1;
    g_ptr_array_set_size(fields, named_fields(fields));
    for (guint i = 0; i < fields->len; i++) {
        const char *name = fields->pdata[i];
        int c = column_index(name);
        if (*name == '\0')
            return line_error(error, r->file, line, "column %u of the header has no name " COLUMNS_HELP, i + 1);
        if (c < 0)
            return unknown_column(r, name, line, error);
        if (r->col[c] >= 0)
            return line_error(error, r->file, line, "column '%s' is given twice (columns %d and %u)", name,
                              r->col[c] + 1, i + 1);
        r->col[c] = (int)i;
    }
    for (int c = 0; c < N_REQUIRED; c++)
        if (r->col[c] < 0)
            return line_error(error, r->file, line, "no column '%s' in the header " COLUMNS_HELP, column_names[c]);
    r->n_fields = fields->len;
    return TRUE;
}

/* ---- one row ----------------------------------------------------------- */

static const char *cell(const Reader *r, GPtrArray *fields, Column c)
{
    return fields->pdata[r->col[c]];
}

/* Fails on a row with fewer fields than the header names, a value in a
 * column the header names none for, and a required field left empty.
 * Empty fields after the header's columns (Excel's trailing commas) are
 * dropped. */
static gboolean check_shape(const Reader *r, GPtrArray *fields, int line, GError **error)
{
    guint named = named_fields(fields);
    /* Excel writes a blank row of its sheet as a line of commas. */
    if (named == 0)
        return line_error(error, r->file, line, "a row of empty fields; delete it, or make it a # comment");
    for (guint i = r->n_fields; i < named; i++)
        if (*(const char *)fields->pdata[i] != '\0')
            return line_error(error, r->file, line, "field %u (%s): the header names no column %u (it names %u)",
                              i + 1, (const char *)fields->pdata[i], i + 1, r->n_fields);
    if (fields->len < r->n_fields)
        return line_error(error, r->file, line, "%u field%s, but the header has %u", fields->len,
                          fields->len == 1 ? "" : "s", r->n_fields);
    g_ptr_array_set_size(fields, r->n_fields);
    for (int c = 0; c < N_REQUIRED; c++)
        if (*cell(r, fields, c) == '\0')
            return line_error(error, r->file, line, "the %s field is empty", column_names[c]);
    return TRUE;
}

/* Decides whether a row of `region` is kept (*keep): a region other than
 * the one kept is skipped under --region, an error otherwise. */
static gboolean check_region(Reader *r, const char *region, int line, gboolean *keep, GError **error)
{
    if (r->region == NULL) {
        r->region = g_strdup(region);
        r->region_line = line;
    }
    *keep = strcmp(region, r->region) == 0;
    if (*keep)
        return TRUE;
    switch (r->from) {
    case REGION_FROM_FLAG:
        if (!g_ptr_array_find_with_equal_func(r->others, region, g_str_equal, NULL))
            g_ptr_array_add(r->others, g_strdup(region));
        r->n_skipped++;
        return TRUE;
    case REGION_FROM_SCENARIO:
        return line_error(error, r->file, line, "region %s, but %s is for %s (give --region to keep one region's rows)",
                          region, r->m->file, r->region);
    case REGION_FROM_FILE:
        break;
    }
    return line_error(error, r->file, line, "region %s, but line %d is of %s: the file holds several regions "
                                            "(give --region to keep one region's rows)",
                      region, r->region_line, r->region);
}

static gboolean parse_year(const Reader *r, const char *text, int line, int *out, GError **error)
{
    const Model *m = r->m;
    gint64 y;
    g_autofree char *why = NULL;
    if (!text_parse_integer(text, 0, HISTORY_YEAR_MAX, &y, &why))
        return line_error(error, r->file, line, "year '%s' is not a year such as %d%s%s", text, m->horizon,
                          why ? "; " : "", why ? why : "");
    if (y < m->horizon - MODEL_MAX_YEARS)
        return line_error(error, r->file, line, "year %d is more than %d years before horizon %d of %s", (int)y,
                          MODEL_MAX_YEARS, m->horizon, m->file);
    if (y > m->horizon)
        return line_error(error, r->file, line, "year %d is after horizon %d of %s", (int)y, m->horizon, m->file);
    *out = (int)y;
    return TRUE;
}

/* Appends to `msg` the series `text` may mean: a list whose display name
 * it is, else the nearest id or display name ("; did you mean '高企'
 * (hightech)?"), else every id with its display name. */
static void append_series_hint(GString *msg, const Model *m, const char *text)
{
    int n = history_n_series(m);
    g_autofree const char **ids = g_new0(const char *, n + 1);
    g_autofree const char **words = g_new0(const char *, 2 * (gsize)n + 1);
    int k = 0;
    for (int i = 0; i < n; i++) {
        ids[i] = words[k++] = history_series_id(m, i);
        if (strcmp(history_series_name(m, i), ids[i]) != 0)
            words[k++] = history_series_name(m, i);
    }
    for (int i = 0; i < n; i++)
        if (strcmp(history_series_name(m, i), text) == 0) {
            g_string_append_printf(msg, "; did you mean '%s'?", ids[i]);
            return;
        }
    const char *near = text_nearest(text, words);
    for (int i = 0; near != NULL && i < n; i++)
        if (near == ids[i] || strcmp(near, history_series_name(m, i)) == 0) {
            g_string_append_printf(msg, near == ids[i] ? "; did you mean '%s'?" : "; did you mean '%s' (%s)?",
                                   near, ids[i]);
            return;
        }
    g_string_append(msg, m->n_lists ? " (its stages and lists: " : " (its stages: ");
    for (int i = 0; i < n; i++) {
        const char *name = history_series_name(m, i);
        g_string_append_printf(msg, "%s%s%s%s", i ? ", " : "", ids[i], strcmp(name, ids[i]) ? " " : "",
                               strcmp(name, ids[i]) ? name : "");
    }
    g_string_append_c(msg, ')');
}

/* The series `text` names: a stage (by its id or display name, through
 * model_stage_lookup, the scenario's own rule), or a list id. */
static gboolean parse_series(const Reader *r, const char *text, int line, int *out, GError **error)
{
    const Model *m = r->m;
    int n = history_n_series(m);
    for (*out = 0; *out < n; (*out)++)
        if (strcmp(history_series_id(m, *out), text) == 0)
            return TRUE;
    g_autofree char *why = NULL;
    *out = model_stage_lookup(m, text, &why);
    if (*out >= 0)
        return TRUE;
    if (*out == MODEL_STAGE_AMBIGUOUS)
        return line_error(error, r->file, line, "stage %s", why);
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "stage '%s' is not a stage%s of %s", text, m->n_lists ? " or list" : "", m->file);
    append_series_hint(msg, m, text);
    return line_error(error, r->file, line, "%s", msg->str);
}

static gboolean parse_count(const Reader *r, const char *text, int line, gint64 *out, GError **error)
{
    g_autofree char *why = NULL;
    if (!text_parse_integer(text, 0, G_MAXINT64, out, &why))
        return line_error(error, r->file, line, "count '%s' is not a whole number >= 0%s%s", text, why ? "; " : "",
                          why ? why : "");
    if (*out > MODEL_MAX_FIRMS)
        return line_error(error, r->file, line, "count %s is over %lld firms; a typo?", text, MODEL_MAX_FIRMS);
    return TRUE;
}

static gboolean parse_kind(const Reader *r, const char *text, int line, HistoryKind *out, GError **error)
{
    for (int k = 0; kind_names[k]; k++)
        if (strcmp(kind_names[k], text) == 0) {
            *out = (HistoryKind)k;
            return TRUE;
        }
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "kind '%s': kind ", text);
    text_append_one_of(msg, text, kind_names);
    return line_error(error, r->file, line, "%s", msg->str);
}

/* Fails on a second row for the same year, stage and kind (naming the
 * first one's line). */
static gboolean check_observation(Reader *r, const Observation *o, GError **error)
{
    const Model *m = r->m;
    if (history_series_is_list(m, o->series) && o->kind != HISTORY_STOCK)
        return line_error(error, r->file, o->line, "%s is a list: its count is a stock (kind stock), not %s",
                          history_series_id(m, o->series), kind_names[o->kind]);
    char *key = g_strdup_printf("%d %d %d", o->year, o->series, (int)o->kind);
    int first = GPOINTER_TO_INT(g_hash_table_lookup(r->seen, key));
    if (first > 0) {
        g_free(key);
        return line_error(error, r->file, o->line, "%s %d %s %s is given twice (first at line %d)", r->region,
                          o->year, history_series_id(m, o->series), kind_names[o->kind], first);
    }
    g_hash_table_insert(r->seen, key, GINT_TO_POINTER(o->line));
    return TRUE;
}

/* Checks the row `fields` at `line` and keeps it as an observation, or
 * counts it skipped when it is of another region under --region.  Rows
 * skipped are checked for their shape only: another region's years and
 * ladder may differ from this scenario's. */
static gboolean read_row(Reader *r, GPtrArray *fields, int line, GError **error)
{
    gboolean keep = FALSE;
    if (!check_shape(r, fields, line, error) || !check_region(r, cell(r, fields, COL_REGION), line, &keep, error))
        return FALSE;
    if (!keep)
        return TRUE;
    Observation o = {.line = line};
    if (!parse_year(r, cell(r, fields, COL_YEAR), line, &o.year, error) ||
        !parse_series(r, cell(r, fields, COL_STAGE), line, &o.series, error) ||
        !parse_count(r, cell(r, fields, COL_COUNT), line, &o.count, error) ||
        !parse_kind(r, cell(r, fields, COL_KIND), line, &o.kind, error) ||
        !check_observation(r, &o, error))
        return FALSE;
    g_array_append_val(r->obs, o);
    return TRUE;
}

/* ---- the file ---------------------------------------------------------- */

/* The error when no row was kept, at the file's last line `end`. */
static gboolean no_rows_error(const Reader *r, int end, GError **error)
{
    if (r->from != REGION_FROM_FLAG || r->others->len == 0)
        return line_error(error, r->file, end, "the file ends without a row after the header");
    g_autofree const char **names = g_new0(const char *, r->others->len + 1);
    memcpy(names, r->others->pdata, r->others->len * sizeof *names);
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "the file ends without a row of region %s", r->region);
    text_append_suggestion(msg, r->region, names);
    g_string_append(msg, " (its regions: ");
    text_append_list(msg, names);
    return line_error(error, r->file, end, "%s)", msg->str);
}

/* Fails on the first 'new' count (in file order) in the year the fit
 * starts from (history_first_year): the firms that entered during that
 * year are before the fit's first state, so nothing can be compared
 * with them. */
static gboolean check_new_counts(const Reader *r, GError **error)
{
    const Observation *obs = (const Observation *)(void *)r->obs->data;
    int first = r->m->base_year;
    for (guint i = 0; i < r->obs->len; i++)
        first = MIN(first, obs[i].year);
    for (guint i = 0; i < r->obs->len; i++) {
        if (obs[i].kind != HISTORY_NEW || obs[i].year != first)
            continue;
        if (first == r->m->base_year)
            return line_error(error, r->file, obs[i].line,
                              "a 'new' count in %d, the base year: new counts start in %d", first, first + 1);
        return line_error(error, r->file, obs[i].line,
                          "a 'new' count in %d, the history's first year: the fit starts from the stocks at "
                          "the end of %d, so new counts start in %d", first, first, first + 1);
    }
    return TRUE;
}

/* Reads the header and every row of `text` (UTF-8, no BOM) into `r`. */
static gboolean read_text(Reader *r, const char *text, GError **error)
{
    Scanner s = {.p = text, .line = 1, .file = r->file};
    g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func(g_free);
    if (!skip_ignored(&s))
        return line_error(error, r->file, last_line(text),
                          "no header line: the first line that is not blank or a # comment "
                          "must name the columns " COLUMN_LIST);
    int line = s.line;
    if (!read_record(&s, fields, error) || !read_header(r, fields, line, error))
        return FALSE;
    while (skip_ignored(&s)) {
        g_ptr_array_set_size(fields, 0);
        line = s.line;
        if (!read_record(&s, fields, error) || !read_row(r, fields, line, error))
            return FALSE;
    }
    return r->obs->len > 0 ? check_new_counts(r, error) : no_rows_error(r, last_line(text), error);
}

/* Sets where the region kept comes from; fails when --region and the
 * scenario's region differ. */
static gboolean choose_region(Reader *r, const char *flag, GError **error)
{
    const char *own = r->m->region && *r->m->region ? r->m->region : NULL;
    if (flag != NULL && own != NULL && strcmp(flag, own) != 0) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "%s: --region %s, but %s is for %s", r->file, flag,
                    r->m->file, own);
        return FALSE;
    }
    r->from = flag ? REGION_FROM_FLAG : own ? REGION_FROM_SCENARIO : REGION_FROM_FILE;
    r->region = g_strdup(flag ? flag : own);
    return TRUE;
}

static History *history_take(Reader *r)
{
    History *h = g_new0(History, 1);
    h->file = g_strdup(r->file);
    h->region = g_steal_pointer(&r->region);
    h->n = (int)r->obs->len;
    h->obs = (Observation *)(void *)g_array_free(g_steal_pointer(&r->obs), FALSE);
    h->n_skipped = r->n_skipped;
    return h;
}

History *history_load_data(const char *name, const char *text, gsize len, const Model *m, const char *region,
                           GError **error)
{
    g_return_val_if_fail(name != NULL && text != NULL && m != NULL, NULL);
    g_auto(Reader) r = {.file = name, .m = m};
    if (!choose_region(&r, region, error) || !check_utf8(name, text, len, error))
        return NULL;
    r.obs = g_array_new(FALSE, FALSE, sizeof(Observation));
    r.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    r.others = g_ptr_array_new_with_free_func(g_free);
    const char *start = g_str_has_prefix(text, UTF8_BOM) ? text + strlen(UTF8_BOM) : text;
    if (!read_text(&r, start, error))
        return NULL;
    History *h = history_take(&r);
    h->sha256 = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)text, len);
    return h;
}

History *history_load(const char *path, const Model *m, const char *region, GError **error)
{
    g_return_val_if_fail(path != NULL && m != NULL, NULL);
    g_autofree char *text = NULL;
    gsize len = 0;
    if (!errors_read_input(path, &text, &len, error))
        return NULL;
    return history_load_data(path, text, len, m, region, error);
}

void history_free(History *h)
{
    if (h == NULL)
        return;
    g_free(h->file);
    g_free(h->sha256);
    g_free(h->region);
    g_free(h->obs);
    g_free(h);
}

int history_first_year(const History *h, const Model *m)
{
    g_return_val_if_fail(h != NULL && m != NULL, 0);
    int first = m->base_year;
    for (int i = 0; i < h->n; i++)
        first = MIN(first, h->obs[i].year);
    return first;
}

const char *history_kind_name(HistoryKind kind)
{
    g_return_val_if_fail(kind == HISTORY_STOCK || kind == HISTORY_NEW, "?");
    return kind_names[kind];
}

int history_n_series(const Model *m)
{
    return m->n_stages + m->n_lists;
}

gboolean history_series_is_list(const Model *m, int series)
{
    return series >= m->n_stages;
}

const char *history_series_id(const Model *m, int series)
{
    g_return_val_if_fail(series >= 0 && series < history_n_series(m), "?");
    return series < m->n_stages ? m->stages[series].id : m->lists[series - m->n_stages].id;
}

const char *history_series_name(const Model *m, int series)
{
    g_return_val_if_fail(series >= 0 && series < history_n_series(m), "?");
    return series < m->n_stages ? model_stage_name(m, series) : m->lists[series - m->n_stages].name;
}
