/* out_csv.h: the CSV files for spreadsheets (summary.csv, targets.csv and
 * one per command beside its JSON) and the one writer they share.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_CSV_H
#define LADDER_OUT_CSV_H

#include <glib.h>
#include <json-glib/json-glib.h>

#include "results.h"
#include "summary.h"

/* A CSV file being written: UTF-8 with a byte-order mark, fields quoted
 * per RFC 4180 where needed, CRLF line ends (what Excel expects).  Every
 * row must have as many cells as the header (results.c's columns). */
typedef struct OutCsv OutCsv;

/* A CSV of `kind` holding its BOM and header row in `lang` (results.c's
 * columns' words).  Caller frees with out_csv_free. */
OutCsv *out_csv_new(ResultsCsv kind, const char *lang);
void out_csv_free(OutCsv *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(OutCsv, out_csv_free)

/* The next cell: `text` quoted as needed; NULL is a blank cell. */
void out_csv_text(OutCsv *c, const char *text);
/* The next cell: `x` with `decimals` fixed decimals ("%.4f"); NaN blank. */
void out_csv_fixed(OutCsv *c, double x, int decimals);
void out_csv_int(OutCsv *c, gint64 x);
/* The next cell from a JSON value: null blank, a number spelled as the
 * JSON spells it, a boolean as 是/否 or yes/no, an object of "zh" and "en"
 * as its member in the file's language. */
void out_csv_json(OutCsv *c, JsonNode *value);
/* Ends the row. */
void out_csv_end_row(OutCsv *c);

/* Writes the file to `path` (outdir_write_file).  A row of another width
 * than the header is ladder's bug: an INTERNAL error, nothing written. */
gboolean out_csv_save(OutCsv *c, const char *path, GError **error);

/* dir/results_csv_file(kind): a row per object of `rows`, each cell the
 * member named by its column's key ("ci95[0]": the first element of the
 * array ci95), blank where absent; a column "a.*" is one column per
 * member of the object a of the first row, headed by its name (every row
 * is to have the same members there). */
gboolean out_csv_write_rows(ResultsCsv kind, const char *lang, JsonArray *rows, const char *dir, GError **error);

/* Copies into the row object `to` every member of `from` it lacks: how a
 * writer joins the JSON objects one CSV row shows. */
void out_csv_row_merge(JsonObject *to, JsonObject *from);

/* summary.csv: a row per stage and year, then per list and year. */
gboolean out_csv_write(const Summary *s, const char *path, GError **error);

/* targets.csv in `dir`: summary.json's targets (`doc`, the document as
 * saved), then every target together. */
gboolean out_csv_targets(const Summary *s, JsonNode *doc, const char *dir, GError **error);

#endif
