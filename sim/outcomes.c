/* outcomes.c: reads a bureau's firm-years (outcomes.h) through csv.c,
 * each row's stage, clock and attributes by a roster's rules (roster.h),
 * and checks that a firm's rows agree with one another.
 * SPDX-License-Identifier: MIT */
#include "outcomes.h"

#include <string.h>

#include "csv.h"
#include "errors.h"
#include "roster.h"
#include "text.h"

/* The columns every outcomes file has, then `name`, which it may have. */
typedef enum { COL_ID, COL_YEAR, COL_STAGE, COL_YEARS, COL_NEXT, COL_NAME, N_KNOWN } Column;
#define N_REQUIRED COL_NAME

static const char *const column_names[] = {OUTCOMES_COL_ID,    OUTCOMES_COL_YEAR, OUTCOMES_COL_STAGE,
                                           OUTCOMES_COL_YEARS, OUTCOMES_COL_NEXT, "name",
                                           NULL};
#define COLUMN_LIST "id, year, stage, years_in_stage, next_stage, then numeric attribute columns such as " \
                    "rd_intensity; a name column is read and ignored"

static const CsvColumns columns = {column_names, N_REQUIRED, TRUE, COLUMN_LIST};

/* What the stage column adds to an unknown stage that is a word for a firm
 * that is gone, and what next_stage adds. */
#define STAGE_GONE_HINT "; a firm that had closed or left has no row for the years after: next_stage exit on " \
                        "its last row says when it went"
#define NEXT_GONE_HINT "; write exit for a firm that closed or left the district during the year"

/* The state of one read: the header's columns and the rows so far. */
typedef struct {
    const char *file;
    const Model *m;
    CsvHeader header;
    GArray *attr_col;    /* int: the field index of each attribute, in header order */
    GArray *rows;        /* OutcomesRow, in file order */
    GArray *values;      /* double, n_attrs a row */
    GHashTable *seen;    /* "year:id" (owned) -> 1 + the row's index */
} Reader;

static void reader_clear(Reader *r)
{
    csv_header_clear(&r->header);
    if (r->attr_col)
        g_array_free(r->attr_col, TRUE);
    if (r->seen)
        g_hash_table_destroy(r->seen);
    for (guint i = 0; r->rows && i < r->rows->len; i++)
        g_free(g_array_index(r->rows, OutcomesRow, i).id);
    if (r->rows)
        g_array_free(r->rows, TRUE);
    if (r->values)
        g_array_free(r->values, TRUE);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Reader, reader_clear)

/* The key of firm `id`'s row of `year` in r->seen: the year has no ':',
 * so the first one ends it and any id is told apart.  Caller frees. */
static char *row_key(const char *id, int year)
{
    return g_strdup_printf("%d:%s", year, id);
}

/* The row of firm `id` for `year` read so far, or NULL. */
static const OutcomesRow *row_of(const Reader *r, const char *id, int year)
{
    g_autofree char *key = row_key(id, year);
    int i = GPOINTER_TO_INT(g_hash_table_lookup(r->seen, key)) - 1;
    return i >= 0 ? &g_array_index(r->rows, OutcomesRow, i) : NULL;
}

/* ---- one row ------------------------------------------------------------ */

/* The year `text` of a row: a whole number a model's records may have. */
static gboolean parse_year(const Reader *r, const char *text, int line, int *out, GError **error)
{
    gint64 y;
    g_autofree char *why = NULL;
    int lo = OUTCOMES_FIRST_YEAR(r->m), hi = OUTCOMES_LAST_YEAR(r->m);
    if (!text_parse_integer(text, lo, hi, &y, &why))
        return csv_error(error, r->file, line,
                         "year '%s' is not a year from %d to %d (the year at whose end the firm was in its stage; "
                         "next_stage is where it was a year later, at most the horizon %d of %s)%s%s",
                         text, lo, hi, r->m->horizon, r->m->file, why ? "; " : "", why ? why : "");
    *out = (int)y;
    return TRUE;
}

/* next_stage `text`: exit (-1), or a stage of the model. */
static gboolean parse_next(const Reader *r, const char *text, int line, int *out, GError **error)
{
    if (strcmp(text, OUTCOMES_EXIT) == 0) {
        *out = -1;
        return TRUE;
    }
    return roster_parse_stage(r->m, r->file, line, OUTCOMES_COL_NEXT, text, NEXT_GONE_HINT, out, error);
}

/* Fails on a firm and year given on an earlier row, naming its line. */
static gboolean check_once(const Reader *r, const OutcomesRow *o, GError **error)
{
    const OutcomesRow *first = row_of(r, o->id, o->year);
    if (first != NULL)
        return csv_error(error, r->file, o->line, "firm '%s' has two rows for %d (first at line %d): one row a "
                         "firm and year", o->id, o->year, first->line);
    return TRUE;
}

/* The attribute values of the row `fields` at `line`, appended to r->values. */
static gboolean read_values(Reader *r, GPtrArray *fields, int line, GError **error)
{
    guint first = r->values->len;
    g_array_set_size(r->values, first + r->attr_col->len);
    for (guint a = 0; a < r->attr_col->len; a++) {
        int col = g_array_index(r->attr_col, int, a);
        if (!roster_parse_value(r->file, line, r->header.names[col], fields->pdata[col],
                                &g_array_index(r->values, double, first + a), error))
            return FALSE;
    }
    return TRUE;
}

/* Checks the row `fields` at `line` (of the header's shape: csv.c) and
 * keeps it with its attribute values. */
static gboolean read_row(Reader *r, GPtrArray *fields, int line, GError **error)
{
    const CsvHeader *h = &r->header;
    OutcomesRow o = {.id = (char *)csv_field(h, fields, COL_ID), .line = line};
    if (!parse_year(r, csv_field(h, fields, COL_YEAR), line, &o.year, error) || !check_once(r, &o, error) ||
        !roster_parse_stage(r->m, r->file, line, NULL, csv_field(h, fields, COL_STAGE), STAGE_GONE_HINT, &o.stage,
                            error) ||
        !roster_parse_clock(r->m, r->file, line, csv_field(h, fields, COL_YEARS), o.stage, o.year,
                            &o.years_in_stage, error) ||
        !parse_next(r, csv_field(h, fields, COL_NEXT), line, &o.next, error) || !read_values(r, fields, line, error))
        return FALSE;
    o.id = g_strdup(o.id);
    g_array_append_val(r->rows, o);
    g_hash_table_insert(r->seen, row_key(o.id, o.year), GINT_TO_POINTER((int)r->rows->len));
    return TRUE;
}

/* ---- the firms' rows together -------------------------------------------- */

/* Fails when row `o` disagrees with its firm's row of the year before:
 * that row's next_stage is where the firm stood at the end of o's year. */
static gboolean check_follows(const Reader *r, const OutcomesRow *o, GError **error)
{
    const OutcomesRow *before = row_of(r, o->id, o->year - 1);
    if (before == NULL || before->next == o->stage)
        return TRUE;
    g_autofree char *here = roster_stage_label(r->m, o->stage);
    if (before->next < 0)
        return csv_error(error, r->file, o->line,
                         "firm '%s' has a row for %d, in %s, but its row for %d (line %d) says it exited during %d "
                         "(next_stage exit); one of the two is wrong", o->id, o->year, here, before->year,
                         before->line, o->year);
    g_autofree char *said = roster_stage_label(r->m, before->next);
    return csv_error(error, r->file, o->line,
                     "firm '%s' is in %s at the end of %d on this row, but its row for %d (line %d) says next_stage "
                     "%s: where it was at the end of %d; one of the two is wrong", o->id, here, o->year,
                     before->year, before->line, said, o->year);
}

/* Reads the header and every row of `c` into `r`, then checks the rows of
 * each firm against one another. */
static gboolean read_text(Reader *r, Csv *c, GError **error)
{
    if (!csv_read_header(c, &columns, &r->header, error) ||
        !roster_attr_columns(&r->header, r->file, r->attr_col, error))
        return FALSE;
    g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func(g_free);
    int line = 0;
    CsvNext next;
    while ((next = csv_read_row(c, &r->header, fields, &line, error)) == CSV_ROW)
        if (!read_row(r, fields, line, error))
            return FALSE;
    if (next == CSV_FAILED)
        return FALSE;
    if (r->rows->len == 0)
        return csv_error(error, r->file, csv_last_line(c), "the file ends without a firm-year after the header");
    for (guint i = 0; i < r->rows->len; i++)
        if (!check_follows(r, &g_array_index(r->rows, OutcomesRow, i), error))
            return FALSE;
    return TRUE;
}

/* The outcomes `r` read, taken out of it. */
static Outcomes *outcomes_take(Reader *r)
{
    Outcomes *o = g_new0(Outcomes, 1);
    o->file = g_strdup(r->file);
    o->header_line = r->header.line;
    o->n_rows = (int)r->rows->len;
    o->rows = (OutcomesRow *)(void *)g_array_free(g_steal_pointer(&r->rows), FALSE);
    o->n_attrs = (int)r->attr_col->len;
    o->attr_names = g_new0(char *, o->n_attrs + 1);
    for (int a = 0; a < o->n_attrs; a++)
        o->attr_names[a] = g_strdup(r->header.names[g_array_index(r->attr_col, int, a)]);
    o->values = (double *)(void *)g_array_free(g_steal_pointer(&r->values), FALSE);
    return o;
}

Outcomes *outcomes_read_data(const char *name, const char *text, gsize len, const Model *m, GError **error)
{
    g_return_val_if_fail(name != NULL && text != NULL && m != NULL, NULL);
    g_auto(Reader) r = {.file = name, .m = m};
    Csv c = {0};
    if (!csv_open(&c, name, text, len, error))
        return NULL;
    r.attr_col = g_array_new(FALSE, FALSE, sizeof(int));
    r.rows = g_array_new(FALSE, FALSE, sizeof(OutcomesRow));
    r.values = g_array_new(FALSE, FALSE, sizeof(double));
    r.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (!read_text(&r, &c, error))
        return NULL;
    Outcomes *o = outcomes_take(&r);
    o->sha256 = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)text, len);
    return o;
}

Outcomes *outcomes_read(const char *path, const Model *m, GError **error)
{
    g_return_val_if_fail(path != NULL && m != NULL, NULL);
    g_autofree char *text = NULL;
    gsize len = 0;
    if (!errors_read_input(path, &text, &len, error))
        return NULL;
    return outcomes_read_data(path, text, len, m, error);
}

void outcomes_free(Outcomes *o)
{
    if (o == NULL)
        return;
    for (int i = 0; i < o->n_rows; i++)
        g_free(o->rows[i].id);
    g_free(o->rows);
    g_strfreev(o->attr_names);
    g_free(o->values);
    g_free(o->file);
    g_free(o->sha256);
    g_free(o);
}

int outcomes_attr_index(const Outcomes *o, const char *name)
{
    g_return_val_if_fail(o != NULL && name != NULL, -1);
    for (int a = 0; a < o->n_attrs; a++)
        if (strcmp(o->attr_names[a], name) == 0)
            return a;
    return -1;
}

double outcomes_value(const Outcomes *o, int row, int attr)
{
    g_return_val_if_fail(o != NULL && row >= 0 && row < o->n_rows && attr >= 0 && attr < o->n_attrs, 0);
    return o->values[(gsize)row * (gsize)o->n_attrs + (gsize)attr];
}
