/* text.h: small text helpers: nearest-name suggestions, terminal column
 * widths, tables of text aligned in a terminal, and file paths as text
 * (stems, relative paths, default output folders).
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_TEXT_H
#define LADDER_TEXT_H

#include <glib.h>

/* Levenshtein distance between two UTF-8 strings, counted in characters. */
guint text_edit_distance(const char *a, const char *b);

/* The candidate nearest to `word` (NULL-terminated array), or NULL when none
 * is close enough to be a plausible typo (distance over a third of the
 * length, at least 2).  The result points into `candidates`. */
const char *text_nearest(const char *word, const char *const *candidates);

/* Appends ", did you mean 'X'?" to `msg` when a candidate is near `word`. */
void text_append_suggestion(GString *msg, const char *word, const char *const *candidates);

/* Appends "a, b, c", the NULL-terminated `items`, to `msg`. */
void text_append_list(GString *msg, const char *const *items);

/* Appends "must be one of a, b, c" (every one of `known`) and, when one is
 * near `word`, "; did you mean 'b'?": the message of every enumerated
 * value (count =, language =, a history's kind, a distribution), after
 * the caller's subject ("count ", "kind 'total' "). */
void text_append_one_of(GString *msg, const char *word, const char *const *known);

/* Columns that `s` takes in a terminal: 2 for each wide (CJK) character. */
guint text_display_width(const char *s);

/* Appends `s` to `out`, padded with spaces to `width` columns; `right`
 * aligns it to the right. */
void text_append_padded(GString *out, const char *s, guint width, gboolean right);

/* Parses a plain decimal number ("0.08", "1e-3", "-2") filling all of
 * `text`, spaces around allowed, into *out: the one number syntax of
 * scenario values, distributions and flags.  Not hex, inf or nan (which
 * g_ascii_strtod would take), not "3,000", not "12%".  FALSE, *out
 * untouched, otherwise, with *why (when `why` is not NULL; caller frees)
 * text_number_advice's advice or NULL: every reader of numbers says it. */
gboolean text_parse_decimal(const char *text, double *out, char **why);

/* Parses a whole number in [lo, hi] filling all of `text` (spaces around
 * allowed) into *out; otherwise FALSE with *why as text_parse_decimal's. */
gboolean text_parse_integer(const char *text, gint64 lo, gint64 hi, gint64 *out, char **why);

/* What to write instead of `text`, a number written as in prose, which
 * ladder refuses rather than guess (caller frees): "write 3000 without the
 * comma" for "3,000" (digits in groups of three), "write 0.08 with a
 * point, not a comma" for "0,08", "write 0.12 for 12%" for "12%" or
 * "12％"; NULL for any other text. */
char *text_number_advice(const char *text);

/* `word` as a POSIX shell reads it back as itself (caller frees): as it
 * is when it holds only letters, digits, "_-+=./,:@%" and UTF-8 text (the
 * names of stages and policies), else in single quotes (g_shell_quote);
 * NULL as ''. */
char *text_shell_word(const char *word);

/* TRUE when `s` holds a Han, Hiragana, Katakana or Hangul character. */
gboolean text_has_cjk(const char *s);

#define TEXT_TABLE_INDENT "  "  /* before every row */
#define TEXT_TABLE_GAP "  "     /* between columns */
#define TEXT_TABLE_MAX_COLS 10

/* A table of strings: `right[c]` aligns column c to the right.  Rows are
 * NULL-terminated string vectors of n_cols cells, owned by the table. */
typedef struct {
    int n_cols;
    gboolean right[TEXT_TABLE_MAX_COLS];
    GPtrArray *rows;
} TextTable;

/* Starts an empty table of n_cols (<= TEXT_TABLE_MAX_COLS) columns. */
void text_table_init(TextTable *t, int n_cols, const gboolean *right);

/* Adds a row of n_cols cells; copies them. */
void text_table_add(TextTable *t, const char *const *cells);

/* Appends the rows to `out`, each column as wide as its widest cell (CJK
 * characters count 2), and frees the rows.  A last left-aligned column is
 * not padded (no trailing blanks). */
void text_table_flush(TextTable *t, GString *out);

/* The stem of `file`: its base name without the extension.  Caller frees. */
char *text_file_stem(const char *file);

/* out/<stem of file><suffix>; suffix may be "".  Caller frees. */
char *text_default_out(const char *file, const char *suffix);

/* The path of file `to` relative to folder `from_dir` ("../../scenarios/a.ini"),
 * both taken from the current folder when relative.  Caller frees. */
char *text_relative_path(const char *from_dir, const char *to);

/* TRUE when `s` is an id as ladder's files write them: lower-case ASCII,
 * a letter, then letters, digits or _ (stage and list ids in a scenario,
 * a roster's attribute columns). */
gboolean text_is_id(const char *s);

/* The 1-based line of `text` that byte `at` (inside it) is on. */
int text_line_at(const char *text, const char *at);

#endif
