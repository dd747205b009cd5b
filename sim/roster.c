/* roster.c: reads a roster of firms (roster.h) through csv.c and checks
 * each firm's stage, renewal clock and attributes against the scenario.
 * SPDX-License-Identifier: MIT */
#include "roster.h"

#include <string.h>

#include "csv.h"
#include "errors.h"
#include "text.h"

/* The columns every roster has; any other is an attribute. */
typedef enum { COL_ID, COL_NAME, COL_STAGE, COL_YEARS, N_COLUMNS } Column;

static const char *const column_names[] = {ROSTER_COL_ID, ROSTER_COL_NAME, ROSTER_COL_STAGE, ROSTER_COL_YEARS,
                                           NULL};
#define COLUMN_LIST "id, name, stage, years_in_stage, then numeric attribute columns such as rd_intensity"

static const CsvColumns columns = {column_names, N_COLUMNS, TRUE, COLUMN_LIST};

/* Words a user may write for a firm that is gone, in any case: no stage of
 * a ladder, since exits are not a stage (docs/model.md). */
static const char *const exit_words[] = {"exit", "exited", "closed", "退出", "注销", "迁出", NULL};

/* What a roster's stage column adds to an unknown stage that is one of them. */
#define GONE_HINT "; a firm that has closed or left is not on a roster (an exit is no stage: delete the row)"

/* The state of one read: the header's columns and the firms so far. */
typedef struct {
    const char *file;
    const Model *m;
    CsvHeader header;
    GArray *attr_col;    /* int: the field index of each attribute, in header order */
    GArray *firms;       /* RosterFirm, in file order */
    GArray *values;      /* double, n_attrs a firm */
    GHashTable *ids;     /* id (owned by firms) -> line of its row */
} Reader;

static void reader_clear(Reader *r)
{
    csv_header_clear(&r->header);
    if (r->attr_col)
        g_array_free(r->attr_col, TRUE);
    if (r->ids)
        g_hash_table_destroy(r->ids);
    for (guint i = 0; r->firms && i < r->firms->len; i++) {
        RosterFirm *f = &g_array_index(r->firms, RosterFirm, i);
        g_free(f->id);
        g_free(f->name);
    }
    if (r->firms)
        g_array_free(r->firms, TRUE);
    if (r->values)
        g_array_free(r->values, TRUE);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Reader, reader_clear)

char *roster_stage_label(const Model *m, int s)
{
    g_return_val_if_fail(m != NULL && s >= 0 && s < m->n_stages, NULL);
    const char *name = model_stage_name(m, s);
    const char *id = m->stages[s].id;
    return strcmp(name, id) == 0 ? g_strdup(id) : g_strdup_printf("%s (%s)", id, name);
}

/* ---- the header --------------------------------------------------------- */

/* Fails on attribute column `i` named `name` (of a header at `line`) when
 * the name is not an id, suggesting the id it may mean ("R&D Intensity" is
 * not one, "RD_Intensity" becomes rd_intensity). */
static gboolean check_attr_name(const char *file, int line, guint i, const char *name, GError **error)
{
    if (text_is_id(name))
        return TRUE;
    g_autofree char *guess = g_strdelimit(g_ascii_strdown(name, -1), " -", '_');
    g_autofree char *hint = text_is_id(guess) ? g_strdup_printf("; did you mean '%s'?", guess) : g_strdup("");
    return csv_error(error, file, line,
                     "column %u (%s): an attribute column is named by an id, lower-case ASCII: a letter, then "
                     "letters, digits or _ (such as rd_intensity)%s",
                     i + 1, name, hint);
}

/* Whether field `i` of header `h` is one of its reader's known columns. */
static gboolean known_column(const CsvHeader *h, guint i)
{
    for (int c = 0; h->cols->known[c]; c++)
        if (h->col[c] == (int)i)
            return TRUE;
    return FALSE;
}

gboolean roster_attr_columns(const CsvHeader *h, const char *file, GArray *attr_col, GError **error)
{
    g_return_val_if_fail(h != NULL && file != NULL && attr_col != NULL, FALSE);
    for (guint i = 0; i < h->n; i++) {
        if (known_column(h, i))
            continue;
        if (!check_attr_name(file, h->line, i, h->names[i], error))
            return FALSE;
        int col = (int)i;
        g_array_append_val(attr_col, col);
    }
    return TRUE;
}

/* ---- one firm ----------------------------------------------------------- */

gboolean roster_parse_stage(const Model *m, const char *file, int line, const char *column, const char *text,
                            const char *gone_hint, int *out, GError **error)
{
    g_return_val_if_fail(m != NULL && file != NULL && text != NULL && gone_hint != NULL && out != NULL, FALSE);
    g_autofree char *why = NULL;
    *out = model_stage_lookup(m, text, &why);
    if (*out >= 0)
        return TRUE;
    if (*out == MODEL_STAGE_AMBIGUOUS)
        return csv_error(error, file, line, "%s %s", column ? column : "stage", why);
    gboolean gone = FALSE;
    for (int i = 0; exit_words[i]; i++)
        gone |= g_ascii_strcasecmp(exit_words[i], text) == 0;
    return csv_error(error, file, line, "%s%s%s%s", column ? column : "", column ? ": " : "", why,
                     gone ? gone_hint : "");
}

gboolean roster_parse_clock(const Model *m, const char *file, int line, const char *text, int s, int year, int *out,
                            GError **error)
{
    g_return_val_if_fail(m != NULL && file != NULL && text != NULL && s >= 0 && s < m->n_stages, FALSE);
    gint64 c;
    g_autofree char *why = NULL;
    if (!text_parse_integer(text, 0, G_MAXINT, &c, &why))
        return csv_error(error, file, line, "years_in_stage '%s' is not a whole number >= 0%s%s", text,
                         why ? "; " : "", why ? why : "");
    int v = m->stages[s].renewal_years;
    g_autofree char *label = roster_stage_label(m, s);
    if (v == 0 && c != 0)
        return csv_error(error, file, line,
                         "years_in_stage %d: %s has no renewal in %s, so years_in_stage is 0 (it counts the "
                         "years since a status that must be renewed was granted)",
                         (int)c, label, m->file);
    if (v > 0 && c >= v) {
        g_autofree char *lapse = roster_stage_label(m, m->stages[s].lapse_to);
        g_autofree char *range = v == 1 ? g_strdup("0") : g_strdup_printf("0 to %d", v - 1);
        return csv_error(error, file, line,
                         "years_in_stage %d: %s is renewed every %d year%s in %s, so years_in_stage is %s at the "
                         "end of %d (the years since its last certification or renewal: when due, a firm renews, "
                         "its clock back to 0, or lapses to %s)",
                         (int)c, label, v, v == 1 ? "" : "s", m->file, range, year, lapse);
    }
    *out = (int)c;
    return TRUE;
}

gboolean roster_parse_value(const char *file, int line, const char *column, const char *text, double *out,
                            GError **error)
{
    g_return_val_if_fail(file != NULL && column != NULL && text != NULL && out != NULL, FALSE);
    if (*text == '\0')
        return csv_error(error, file, line,
                         "the %s field is empty: every firm needs a value in every attribute column "
                         "(ladder does not guess one)", column);
    g_autofree char *why = NULL;
    if (!text_parse_decimal(text, out, &why))
        return csv_error(error, file, line, "%s '%s' is not a number%s%s", column, text, why ? "; " : "",
                         why ? why : "");
    return TRUE;
}

/* Fails on an id given on an earlier row, naming that row's line. */
static gboolean check_id(const Reader *r, const char *id, int line, GError **error)
{
    int first = GPOINTER_TO_INT(g_hash_table_lookup(r->ids, id));
    if (first > 0)
        return csv_error(error, r->file, line, "id '%s' is given twice (first at line %d)", id, first);
    return TRUE;
}

/* Checks the row `fields` at `line` (of the header's shape: csv.c) and
 * keeps it as a firm with its attribute values. */
static gboolean read_firm(Reader *r, GPtrArray *fields, int line, GError **error)
{
    const CsvHeader *h = &r->header;
    const char *id = csv_field(h, fields, COL_ID);
    RosterFirm f = {.line = line};
    if (!check_id(r, id, line, error) ||
        !roster_parse_stage(r->m, r->file, line, NULL, csv_field(h, fields, COL_STAGE), GONE_HINT, &f.stage, error) ||
        !roster_parse_clock(r->m, r->file, line, csv_field(h, fields, COL_YEARS), f.stage, r->m->base_year,
                            &f.years_in_stage, error))
        return FALSE;
    guint first = r->values->len;
    g_array_set_size(r->values, first + r->attr_col->len);
    for (guint a = 0; a < r->attr_col->len; a++) {
        int col = g_array_index(r->attr_col, int, a);
        if (!roster_parse_value(r->file, line, h->names[col], fields->pdata[col],
                                &g_array_index(r->values, double, first + a), error))
            return FALSE;
    }
    f.id = g_strdup(id);
    f.name = g_strdup(csv_field(h, fields, COL_NAME));
    g_array_append_val(r->firms, f);
    g_hash_table_insert(r->ids, f.id, GINT_TO_POINTER(line));
    return TRUE;
}

/* ---- the file ----------------------------------------------------------- */

/* Reads the header and every row of `c` into `r`. */
static gboolean read_text(Reader *r, Csv *c, GError **error)
{
    if (!csv_read_header(c, &columns, &r->header, error) || !roster_attr_columns(&r->header, r->file, r->attr_col, error))
        return FALSE;
    g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func(g_free);
    int line = 0;
    CsvNext next;
    while ((next = csv_read_row(c, &r->header, fields, &line, error)) == CSV_ROW)
        if (!read_firm(r, fields, line, error))
            return FALSE;
    if (next == CSV_FAILED)
        return FALSE;
    if (r->firms->len == 0)
        return csv_error(error, r->file, csv_last_line(c), "the file ends without a firm after the header");
    return TRUE;
}

/* The roster `r` read, taken out of it. */
static Roster *roster_take(Reader *r)
{
    Roster *ro = g_new0(Roster, 1);
    ro->file = g_strdup(r->file);
    ro->header_line = r->header.line;
    ro->n_stages = r->m->n_stages;
    ro->n_firms = (int)r->firms->len;
    ro->firms = (RosterFirm *)(void *)g_array_free(g_steal_pointer(&r->firms), FALSE);
    ro->n_attrs = (int)r->attr_col->len;
    ro->attr_names = g_new0(char *, ro->n_attrs + 1);
    for (int a = 0; a < ro->n_attrs; a++)
        ro->attr_names[a] = g_strdup(r->header.names[g_array_index(r->attr_col, int, a)]);
    ro->values = (double *)(void *)g_array_free(g_steal_pointer(&r->values), FALSE);
    return ro;
}

Roster *roster_read_data(const char *name, const char *text, gsize len, const Model *m, GError **error)
{
    g_return_val_if_fail(name != NULL && text != NULL && m != NULL, NULL);
    g_auto(Reader) r = {.file = name, .m = m};
    Csv c = {0};
    if (!csv_open(&c, name, text, len, error))
        return NULL;
    r.attr_col = g_array_new(FALSE, FALSE, sizeof(int));
    r.firms = g_array_new(FALSE, FALSE, sizeof(RosterFirm));
    r.values = g_array_new(FALSE, FALSE, sizeof(double));
    r.ids = g_hash_table_new(g_str_hash, g_str_equal);
    if (!read_text(&r, &c, error))
        return NULL;
    Roster *ro = roster_take(&r);
    ro->sha256 = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)text, len);
    return ro;
}

Roster *roster_read(const char *path, const Model *m, GError **error)
{
    g_return_val_if_fail(path != NULL && m != NULL, NULL);
    g_autofree char *text = NULL;
    gsize len = 0;
    if (!errors_read_input(path, &text, &len, error))
        return NULL;
    return roster_read_data(path, text, len, m, error);
}

void roster_free(Roster *r)
{
    if (r == NULL)
        return;
    for (int i = 0; i < r->n_firms; i++) {
        g_free(r->firms[i].id);
        g_free(r->firms[i].name);
    }
    g_free(r->firms);
    g_strfreev(r->attr_names);
    g_free(r->values);
    g_free(r->file);
    g_free(r->sha256);
    g_free(r);
}

/* ---- writing ------------------------------------------------------------ */

void roster_write(const Roster *r, const Model *m, const char *comment, GString *out)
{
    g_return_if_fail(r != NULL && m != NULL && r->n_stages == m->n_stages && out != NULL);
    csv_append_comment(out, comment);
    for (int c = 0; column_names[c]; c++)
        g_string_append_printf(out, "%s%s", c ? "," : "", column_names[c]);
    for (int a = 0; a < r->n_attrs; a++)
        g_string_append_printf(out, ",%s", r->attr_names[a]);
    g_string_append_c(out, '\n');
    for (int i = 0; i < r->n_firms; i++) {
        const RosterFirm *f = &r->firms[i];
        csv_append_field(out, f->id);
        g_string_append_c(out, ',');
        csv_append_field(out, f->name);
        g_string_append_printf(out, ",%s,%d", m->stages[f->stage].id, f->years_in_stage);
        for (int a = 0; a < r->n_attrs; a++) {
            g_string_append_c(out, ',');
            csv_append_number(out, roster_value(r, i, a));
        }
        g_string_append_c(out, '\n');
    }
}

/* ---- what the engine asks ----------------------------------------------- */

int roster_attr_index(const Roster *r, const char *name)
{
    g_return_val_if_fail(r != NULL && name != NULL, -1);
    for (int a = 0; a < r->n_attrs; a++)
        if (strcmp(r->attr_names[a], name) == 0)
            return a;
    return -1;
}

double roster_value(const Roster *r, int firm, int attr)
{
    g_return_val_if_fail(r != NULL && firm >= 0 && firm < r->n_firms && attr >= 0 && attr < r->n_attrs, 0);
    return r->values[(gsize)firm * (gsize)r->n_attrs + (gsize)attr];
}

/* Fails for attribute `id` that `r` has no column for, suggesting
 * the nearest column or listing the columns it has. */
static gboolean no_column(const Roster *r, const char *id, GError **error)
{
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "the scenario's [effects] use attribute '%s', which the roster has no column for", id);
    if (text_nearest(id, (const char *const *)r->attr_names) != NULL)
        text_append_suggestion(msg, id, (const char *const *)r->attr_names);
    else if (r->n_attrs > 0) {
        g_string_append(msg, " (its attribute columns: ");
        text_append_list(msg, (const char *const *)r->attr_names);
        g_string_append(msg, ")");
    } else
        g_string_append(msg, " (it has no attribute column)");
    return csv_error(error, r->file, r->header_line, "%s", msg->str);
}

double *roster_attribute_values(const Roster *r, const Model *m, GError **error)
{
    g_return_val_if_fail(r != NULL && m != NULL, NULL);
    if (m->n_attrs == 0)
        return NULL;
    g_autofree int *col = g_new(int, m->n_attrs);
    for (int a = 0; a < m->n_attrs; a++) {
        col[a] = roster_attr_index(r, m->attrs[a].id);
        if (col[a] < 0 && !no_column(r, m->attrs[a].id, error))
            return NULL;
    }
    double *x = g_new(double, (gsize)r->n_firms * m->n_attrs);
    for (int f = 0; f < r->n_firms; f++)
        for (int a = 0; a < m->n_attrs; a++)
            x[(gsize)f * m->n_attrs + a] = roster_value(r, f, col[a]);
    return x;
}

void roster_stage_counts(const Roster *r, gint64 *per_stage, gint64 *per_clock)
{
    g_return_if_fail(r != NULL);
    if (per_stage)
        memset(per_stage, 0, (gsize)r->n_stages * sizeof *per_stage);
    if (per_clock)
        memset(per_clock, 0, (gsize)r->n_stages * MODEL_MAX_RENEWAL_YEARS * sizeof *per_clock);
    for (int i = 0; i < r->n_firms; i++) {
        const RosterFirm *f = &r->firms[i];
        if (per_stage)
            per_stage[f->stage]++;
        if (per_clock)
            per_clock[f->stage * MODEL_MAX_RENEWAL_YEARS + f->years_in_stage]++;
    }
}

gboolean roster_start_model(const Roster *r, Model *m, GError **error)
{
    g_autofree int *stage = g_new(int, MAX(r->n_firms, 1));
    g_autofree int *clock = g_new(int, MAX(r->n_firms, 1));
    for (int i = 0; i < r->n_firms; i++) {
        stage[i] = r->firms[i].stage;
        clock[i] = r->firms[i].years_in_stage;
    }
    model_set_roster(m, r->file, r->sha256, r->n_firms, stage, clock);
    if (m->n_attrs == 0)
        return TRUE;
    g_autofree double *x = roster_attribute_values(r, m, error);
    return x != NULL && model_set_roster_attributes(m, x, r->header_line, error);
}

gboolean roster_covers(const Roster *r, int stage)
{
    g_return_val_if_fail(r != NULL && stage >= 0 && stage < r->n_stages, FALSE);
    for (int i = 0; i < r->n_firms; i++)
        if (r->firms[i].stage == stage)
            return TRUE;
    return FALSE;
}

int roster_firm_index(const Roster *r, const char *id, GError **error)
{
    for (int i = 0; i < r->n_firms; i++)
        if (strcmp(r->firms[i].id, id) == 0)
            return i;
    g_autofree const char **ids = g_new0(const char *, r->n_firms + 1);
    for (int i = 0; i < r->n_firms; i++)
        ids[i] = r->firms[i].id;
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "--trace %s: %s has no firm with that id", id, r->file);
    text_append_suggestion(msg, id, ids);
    g_set_error_literal(error, LADDER_ERROR, LADDER_ERROR_USAGE, msg->str);
    return -1;
}
