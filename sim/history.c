/* history.c: reads a CSV file of published counts (history.h) through
 * csv.c, and checks every row kept against the scenario it will be fitted
 * to.
 * SPDX-License-Identifier: MIT */
#include "history.h"

#include <string.h>

#include "csv.h"
#include "errors.h"
#include "text.h"

#define HISTORY_YEAR_MAX 9999           /* four digits; the scenario's years bound it further */

/* The columns a header may name: the required ones first. */
typedef enum { COL_REGION, COL_YEAR, COL_STAGE, COL_COUNT, COL_KIND, COL_SOURCE, COL_NOTE, N_COLUMNS } Column;
#define N_REQUIRED (COL_KIND + 1)

static const char *const column_names[] = {"region", "year", "stage", "count", "kind", "source", "note", NULL};
#define COLUMN_LIST "region, year, stage, count, kind, and optionally source, note"

static const CsvColumns columns = {column_names, N_REQUIRED, FALSE, COLUMN_LIST};

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
    CsvHeader header;    /* the header's columns */
    GArray *obs;         /* Observation, in file order */
    GHashTable *seen;    /* "year stage kind" -> line of the row kept */
    GPtrArray *others;   /* regions skipped, each once, in file order */
    int n_skipped;
} Reader;

static void reader_clear(Reader *r)
{
    g_free(r->region);
    csv_header_clear(&r->header);
    if (r->obs)
        g_array_free(r->obs, TRUE);
    if (r->seen)
        g_hash_table_destroy(r->seen);
    if (r->others)
        g_ptr_array_free(r->others, TRUE);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Reader, reader_clear)

/* ---- one row ----------------------------------------------------------- */

static const char *cell(const Reader *r, GPtrArray *fields, Column c)
{
    return csv_field(&r->header, fields, c);
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
        return csv_error(error, r->file, line, "region %s, but %s is for %s (give --region to keep one region's rows)",
                          region, r->m->file, r->region);
    case REGION_FROM_FILE:
        break;
    }
    return csv_error(error, r->file, line, "region %s, but line %d is of %s: the file holds several regions "
                                            "(give --region to keep one region's rows)",
                      region, r->region_line, r->region);
}

static gboolean parse_year(const Reader *r, const char *text, int line, int *out, GError **error)
{
    const Model *m = r->m;
    gint64 y;
    g_autofree char *why = NULL;
    if (!text_parse_integer(text, 0, HISTORY_YEAR_MAX, &y, &why))
        return csv_error(error, r->file, line, "year '%s' is not a year such as %d%s%s", text, m->horizon,
                          why ? "; " : "", why ? why : "");
    if (y < m->horizon - MODEL_MAX_YEARS)
        return csv_error(error, r->file, line, "year %d is more than %d years before horizon %d of %s", (int)y,
                          MODEL_MAX_YEARS, m->horizon, m->file);
    if (y > m->horizon)
        return csv_error(error, r->file, line, "year %d is after horizon %d of %s", (int)y, m->horizon, m->file);
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
        return csv_error(error, r->file, line, "stage %s", why);
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "stage '%s' is not a stage%s of %s", text, m->n_lists ? " or list" : "", m->file);
    append_series_hint(msg, m, text);
    return csv_error(error, r->file, line, "%s", msg->str);
}

static gboolean parse_count(const Reader *r, const char *text, int line, gint64 *out, GError **error)
{
    g_autofree char *why = NULL;
    if (!text_parse_integer(text, 0, G_MAXINT64, out, &why))
        return csv_error(error, r->file, line, "count '%s' is not a whole number >= 0%s%s", text, why ? "; " : "",
                          why ? why : "");
    if (*out > MODEL_MAX_FIRMS)
        return csv_error(error, r->file, line, "count %s is over %lld firms; a typo?", text, MODEL_MAX_FIRMS);
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
    return csv_error(error, r->file, line, "%s", msg->str);
}

/* Fails on a second row for the same year, stage and kind (naming the
 * first one's line). */
static gboolean check_observation(Reader *r, const Observation *o, GError **error)
{
    const Model *m = r->m;
    if (history_series_is_list(m, o->series) && o->kind != HISTORY_STOCK)
        return csv_error(error, r->file, o->line, "%s is a list: its count is a stock (kind stock), not %s",
                          history_series_id(m, o->series), kind_names[o->kind]);
    char *key = g_strdup_printf("%d %d %d", o->year, o->series, (int)o->kind);
    int first = GPOINTER_TO_INT(g_hash_table_lookup(r->seen, key));
    if (first > 0) {
        g_free(key);
        return csv_error(error, r->file, o->line, "%s %d %s %s is given twice (first at line %d)", r->region,
                          o->year, history_series_id(m, o->series), kind_names[o->kind], first);
    }
    g_hash_table_insert(r->seen, key, GINT_TO_POINTER(o->line));
    return TRUE;
}

/* Checks the row `fields` at `line` (of the header's shape: csv.c) and keeps it as an observation, or
 * counts it skipped when it is of another region under --region.  Rows
 * skipped are checked for their shape only: another region's years and
 * ladder may differ from this scenario's. */
static gboolean read_row(Reader *r, GPtrArray *fields, int line, GError **error)
{
    gboolean keep = FALSE;
    if (!check_region(r, cell(r, fields, COL_REGION), line, &keep, error))
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
        return csv_error(error, r->file, end, "the file ends without a row after the header");
    g_autofree const char **names = g_new0(const char *, r->others->len + 1);
    memcpy(names, r->others->pdata, r->others->len * sizeof *names);
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "the file ends without a row of region %s", r->region);
    text_append_suggestion(msg, r->region, names);
    g_string_append(msg, " (its regions: ");
    text_append_list(msg, names);
    return csv_error(error, r->file, end, "%s)", msg->str);
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
            return csv_error(error, r->file, obs[i].line,
                              "a 'new' count in %d, the base year: new counts start in %d", first, first + 1);
        return csv_error(error, r->file, obs[i].line,
                          "a 'new' count in %d, the history's first year: the fit starts from the stocks at "
                          "the end of %d, so new counts start in %d", first, first, first + 1);
    }
    return TRUE;
}

/* Reads the header and every row of `c` into `r`. */
static gboolean read_text(Reader *r, Csv *c, GError **error)
{
    g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func(g_free);
    if (!csv_read_header(c, &columns, &r->header, error))
        return FALSE;
    int line = 0;
    CsvNext next;
    while ((next = csv_read_row(c, &r->header, fields, &line, error)) == CSV_ROW)
        if (!read_row(r, fields, line, error))
            return FALSE;
    if (next == CSV_FAILED)
        return FALSE;
    return r->obs->len > 0 ? check_new_counts(r, error) : no_rows_error(r, csv_last_line(c), error);
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
    Csv c = {0};
    if (!choose_region(&r, region, error) || !csv_open(&c, name, text, len, error))
        return NULL;
    r.obs = g_array_new(FALSE, FALSE, sizeof(Observation));
    r.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    r.others = g_ptr_array_new_with_free_func(g_free);
    if (!read_text(&r, &c, error))
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
