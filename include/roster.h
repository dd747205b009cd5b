/* roster.h: a bureau's own firms, one by one, read from a CSV file and
 * checked against the scenario they start (docs/roster.md): each firm's
 * stage and renewal clock at the end of base_year, and its numeric
 * attributes.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_ROSTER_H
#define LADDER_ROSTER_H

#include <glib.h>
#include "csv.h"
#include "model.h"

/* The columns every roster has, in the order ladder writes them; every
 * further column is a numeric attribute. */
#define ROSTER_COL_ID "id"
#define ROSTER_COL_NAME "name"
#define ROSTER_COL_STAGE "stage"
#define ROSTER_COL_YEARS "years_in_stage"

/* One firm of a roster. */
typedef struct {
    char *id;           /* unique in the roster; any text */
    char *name;         /* its display name; any text */
    int stage;          /* stage index of the model, at the end of base_year */
    int years_in_stage; /* its renewal clock then: 0 .. V-1 in a stage renewed every V
                           years, 0 in a stage without renewal */
    int line;           /* 1-based line of its row in the file */
} RosterFirm;

/* The firms of a roster, in file order. */
typedef struct {
    char *file;         /* the path as given */
    char *sha256;       /* SHA-256 of the bytes read, in hex */
    int header_line;    /* 1-based line of its header */
    int n_stages;       /* of the model it was read for */
    int n_firms;        /* >= 1 */
    RosterFirm *firms;  /* [n_firms] */
    int n_attrs;        /* attribute columns, >= 0 */
    char **attr_names;  /* [n_attrs], NULL-terminated, in header order: ids (text_is_id) */
    double *values;     /* [n_firms * n_attrs]: firm f's attribute a at values[f * n_attrs + a]; finite */
} Roster;

/* Reads the roster CSV `path` for model `m`.
 *
 * The file: a CSV as csv.h reads every one (UTF-8, a byte-order mark and
 * CRLF accepted, '#' comments and blank lines ignored, quoted fields,
 * Excel's empty trailing columns ignored).  The header names id, name,
 * stage and years_in_stage, in any order, and any further columns, each a
 * numeric attribute named by an id (lower-case ASCII: a letter, then
 * letters, digits or _) given once.  Each row is one firm: a non-empty id
 * not given before; a non-empty name; a stage of `m` by its id or its
 * display name (model_stage_lookup); years_in_stage, a whole number, its
 * renewal clock at the end of base_year (docs/model.md): 0 .. V-1 for a
 * stage renewed every V years, 0 for a stage without renewal; and a
 * finite number in every attribute column (an empty one is an error:
 * ladder does not guess a value).  At least one firm.
 *
 * Fails with an INPUT error "file:line: what is wrong" naming the column
 * and the text (a missing column with the header's near-miss suggested,
 * an unknown stage with the nearest, `3,000` or `12%` with what to write;
 * the first line of an id given twice), or an IO error when the file
 * cannot be read (a missing file is INPUT, as for a scenario).  Caller
 * owns the result (roster_free). */
Roster *roster_read(const char *path, const Model *m, GError **error);

/* The same from the `len` bytes of `text` in memory (NUL-terminated after
 * them); `name` stands for the file in messages and in the Roster. */
Roster *roster_read_data(const char *name, const char *text, gsize len, const Model *m, GError **error);

void roster_free(Roster *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Roster, roster_free)

/* Appends roster `r` of model `m` (r->n_stages its stages) to `out` as a
 * roster file that roster_read reads back as `r` (ids, names, stages,
 * clocks and attribute values exactly; the file, line and hash are the
 * new file's): first each line of `comment` (may be NULL) as a '#' line,
 * then the header (ROSTER_COL_ID, _NAME, _STAGE, _YEARS, then
 * r->attr_names), then one row a firm in r's order, its stage by id, each
 * cell as csv_append_field and csv_append_number spell it.  UTF-8, LF
 * line ends, no byte-order mark. */
void roster_write(const Roster *r, const Model *m, const char *comment, GString *out);

/* The index of attribute column `name`, or -1. */
int roster_attr_index(const Roster *r, const char *name);

/* The index of the firm with id `id`; -1 with a USAGE error naming the
 * roster and the nearest id otherwise (for --trace). */
int roster_firm_index(const Roster *r, const char *id, GError **error);

/* Firm `firm`'s value of attribute `attr`. */
double roster_value(const Roster *r, int firm, int attr);

/* The values of the attributes `m`'s [effects] use, in m->attrs order:
 * firm f's value of m->attrs[a] at [f * m->n_attrs + a] (caller frees;
 * NULL when m has no attributes, with no error).  The roster's other
 * attribute columns are not used.  Fails with an INPUT error at the
 * header's line when the roster has no column for one of m's attributes,
 * the nearest column suggested (else the columns it has listed). */
double *roster_attribute_values(const Roster *r, const Model *m, GError **error);

/* Starts `m` (the model `r` was read for) from the roster: its firms
 * replace the baselines of the stages it covers (model_set_roster), and
 * the attributes [effects] uses are standardised into the model
 * (model_set_roster_attributes; nothing when `m` has no [effects]).
 * Fails with an INPUT error at the roster's header for a missing or
 * constant attribute column. */
gboolean roster_start_model(const Roster *r, Model *m, GError **error);

/* The firms of each stage: per_stage[s] for stage s (n_stages of them),
 * and per_clock[s * MODEL_MAX_RENEWAL_YEARS + c] the firms of stage s with
 * renewal clock c (0 for every stage without renewal); either may be NULL.
 * What replaces the [baseline] of each stage the roster covers, cohort by
 * cohort (a written baseline is spread evenly over the clocks instead). */
void roster_stage_counts(const Roster *r, gint64 *per_stage, gint64 *per_clock);

/* TRUE when the roster holds at least one firm of stage `stage`: its
 * firms then replace the stage's [baseline]; a stage it does not cover
 * keeps its baseline (a roster cannot say "none": a baseline of 0 does). */
gboolean roster_covers(const Roster *r, int stage);

/* ---- the rules of a roster's columns, which an outcomes file shares
 * (outcomes.h): each fails with an INPUT error "file:line: what is wrong" */

/* "hightech (高企)", or the id alone when stage `s` of `m` has no name of
 * its own: how messages name a stage.  Caller frees. */
char *roster_stage_label(const Model *m, int s);

/* Appends to `attr_col` (int) the field index of every column of header
 * `h` that is not one of its reader's known columns (h->cols->known): the
 * numeric attributes, in header order.  Fails at the header's line on a
 * column not named by an id, suggesting the id it may mean. */
gboolean roster_attr_columns(const CsvHeader *h, const char *file, GArray *attr_col, GError **error);

/* The stage of `m` that `text` (a field at `line` of `file`) names, by its
 * id or its display name (model_stage_lookup), into *out.  Fails on an
 * unknown stage (the nearest suggested; `column`, when not NULL, named
 * first: "next_stage: unknown stage ...") with `gone_hint` appended when
 * the word is one for a firm that closed or left (exit, 注销, ...: no stage
 * of a ladder), and on a display name several stages share. */
gboolean roster_parse_stage(const Model *m, const char *file, int line, const char *column, const char *text,
                            const char *gone_hint, int *out, GError **error);

/* A firm's renewal clock `text` in stage `s` at the end of `year` into
 * *out: a whole number, 0 .. V-1 when the stage is renewed every V years,
 * 0 when it has no renewal (docs/roster.md, "The renewal clock"). */
gboolean roster_parse_clock(const Model *m, const char *file, int line, const char *text, int s, int year, int *out,
                            GError **error);

/* Attribute `column`'s value `text` into *out: a finite plain decimal;
 * empty is an error (ladder does not guess a value), and so is `3,000` or
 * `12%`, with what to write instead. */
gboolean roster_parse_value(const char *file, int line, const char *column, const char *text, double *out,
                            GError **error);

#endif
