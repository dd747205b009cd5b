/* csv.h: the one reader of CSV input files (a history's published counts,
 * a roster of firms): the text, the header and its columns, and rows with
 * their line numbers, every error "file:line: what is wrong"; and the
 * spelling of a cell for the input files ladder writes itself (a roster,
 * an outcomes file), so that this reader reads them back as written.
 *
 * The grammar, the same for every CSV ladder reads: UTF-8 (a byte-order
 * mark and CRLF line ends accepted, as Excel's "CSV UTF-8" saves); lines
 * starting with '#' (after blanks) and blank lines ignored, also before
 * the header; the first other line is the header.  Fields are separated
 * by ','; a field may be double-quoted ("" for a quote inside; a quoted
 * field may hold commas and line ends, and a row then counts from its
 * first line); blanks around an unquoted field and outside quotes are
 * trimmed.  Empty columns after the header's last name are no columns,
 * and empty fields after a row's last column are dropped (Excel saves the
 * empty columns right of a table as trailing commas).
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_CSV_H
#define LADDER_CSV_H

#include <glib.h>

/* A CSV text being read, record by record (csv_open). */
typedef struct {
    const char *file;   /* the name messages give */
    const char *text;   /* the text after a byte-order mark */
    const char *p;      /* where the next record (or ignored line) starts */
    int line;           /* the 1-based line p is on */
} Csv;

/* What a reader knows of its columns. */
typedef struct {
    const char *const *known;  /* names, NULL-terminated; the first n_required must be in the header */
    int n_required;
    gboolean others;           /* TRUE: a column not in `known` is allowed (a roster's attributes);
                                  FALSE: it is an error, the nearest known name suggested */
    const char *list;          /* the columns as messages say them ("region, year, ..."), after
                                  "(columns: " and after "must name the columns " */
} CsvColumns;

/* The header of a CSV text (csv_read_header). */
typedef struct {
    const CsvColumns *cols;
    int line;           /* its 1-based line */
    guint n;            /* its columns, the fields of every row (trailing empty ones dropped) */
    char **names;       /* [n], NULL-terminated */
    int *col;           /* for each of cols->known, its field index, -1 when absent */
} CsvHeader;

void csv_header_clear(CsvHeader *h);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CsvHeader, csv_header_clear)

/* What csv_read_row found. */
typedef enum { CSV_ROW, CSV_END, CSV_FAILED } CsvNext;

/* Sets an INPUT error "file:line: what" (the form of every message about
 * a line of an input file) and returns FALSE. */
gboolean csv_error(GError **error, const char *file, int line, const char *fmt, ...) G_GNUC_PRINTF(4, 5);

/* Starts reading the `len` bytes of `text` (NUL-terminated after them),
 * named `file` in messages; `c` points into `text`, which must outlive
 * it.  Fails with an INPUT error naming the line of the first byte that is
 * not UTF-8 (or a NUL), with how to save the file as UTF-8.  A byte-order
 * mark is skipped. */
gboolean csv_open(Csv *c, const char *file, const char *text, gsize len, GError **error);

/* Reads the header into `h` (cleared first; csv_header_clear frees it)
 * and checks it against `cols`: in column order, a column with no name
 * before the last named one, an unknown name (unless cols->others), and
 * a name given twice are errors; then the first required column absent,
 * with the header's near-miss suggested (the same name in other case, a
 * typo, or a name with it as a part, such as stage_id for stage).  No
 * header line at all is an error at the text's last line. */
gboolean csv_read_header(Csv *c, const CsvColumns *cols, CsvHeader *h, GError **error);

/* Reads the next row after the header into `fields` (emptied first;
 * char *, freed by the array's free function, which the caller sets), and
 * its first line into *line: CSV_ROW with exactly h->n fields, CSV_END at
 * the end of the text, or CSV_FAILED with an INPUT error: a quote never
 * closed or misplaced, a row of empty fields, a value right of the
 * header's columns, fewer fields than the header has, a required column's
 * field empty. */
CsvNext csv_read_row(Csv *c, const CsvHeader *h, GPtrArray *fields, int *line, GError **error);

/* The field of known column `k` in a row csv_read_row gave, or NULL when
 * the header has no such column. */
const char *csv_field(const CsvHeader *h, GPtrArray *fields, int k);

/* The number of the text's last line (1 for an empty text), where a
 * message about what the file lacks (a header, a row) points. */
int csv_last_line(const Csv *c);

/* Appends `field` to `out` as a cell this reader reads back as `field`:
 * as it is, or double-quoted (a quote doubled) when it holds a comma, a
 * quote or a line end, has blanks at either end (which the reader trims),
 * is empty, or starts with '#' (a line opening with it is a comment). */
void csv_append_field(GString *out, const char *field);

/* Appends each line of `comment` (NULL: nothing; a final line end
 * ignored) to `out` as a comment line: "# " and the line, or "#" for an
 * empty one. */
void csv_append_comment(GString *out, const char *comment);

/* Appends the finite number `x` to `out` in the shortest decimal form of
 * up to 17 significant digits that reads back as exactly `x` (0.0523, not
 * 0.052299999999999999); a whole number below 1e15 as one (12, not
 * 1.2e+01). */
void csv_append_number(GString *out, double x);

#endif
