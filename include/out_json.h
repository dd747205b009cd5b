/* out_json.h: summary.json, and the pieces of its writer that other JSON
 * documents (compare.json) share: rounding, members, and the file itself
 * with numbers spelled as short as they read back.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_JSON_H
#define LADDER_OUT_JSON_H

#include <glib.h>
#include <json-glib/json-glib.h>

#include "runner.h"
#include "summary.h"

/* summary.json (json-glib): byte-identical for the same summary; no time, no path; and
 * targets.csv beside it (out_csv_targets), the same figures for a spreadsheet. */
gboolean out_json_write(const Summary *s, const char *path, GError **error);

#define OUT_JSON_PROB_DECIMALS 6   /* probabilities and their standard errors */
#define OUT_JSON_COUNT_DECIMALS 4  /* Monte Carlo means and sds of firm counts */
#define OUT_JSON_EXACT_DECIMALS 9  /* exact expectations: users compare them with their own */

/* Adds `x` rounded to `decimals` places (never "-0"); NaN and infinities
 * become null. */
void out_json_add_number(JsonBuilder *b, double x, int decimals);

/* A member `name` of the open object: a string (NULL: null), an integer, a
 * rounded number as out_json_add_number, and an unsigned 64-bit integer
 * (a decimal string beyond G_MAXINT64, which JSON readers take as signed). */
void out_json_member_string(JsonBuilder *b, const char *name, const char *value);
void out_json_member_int(JsonBuilder *b, const char *name, gint64 value);
void out_json_member_double(JsonBuilder *b, const char *name, double value, int decimals);
void out_json_member_uint64(JsonBuilder *b, const char *name, guint64 value);
void out_json_member_bool(JsonBuilder *b, const char *name, gboolean value);

/* The members every result document opens with: "replications", "seed"
 * and "uncertainty" (whether [uncertainty] was drawn) of run `c`. */
/* PREFIXverdict and PREFIXverdict_words: the verdict on `probability`
 * (out_table_verdict_code, and out_table_verdict's words in `lang`); both
 * null when it is NaN. */
void out_json_member_verdict(JsonBuilder *b, const char *prefix, const char *lang, double probability);

void out_json_member_run(JsonBuilder *b, const RunConfig *c);

/* The members that say what target `target` of `m` counts, in every
 * document that lists targets: "name", "stage" (null for a list target),
 * "list" (null for a stage target), "year", "year_given" (false: no year =,
 * measured at the horizon), "at_least", "count" (model_count_name) and
 * "condition": {"zh", "en"}, what it asks in words (i18n_target_condition). */
void out_json_target_definition(JsonBuilder *b, const Model *m, int target);

/* Writes the document `root` to `path`, pretty-printed, each number the
 * shortest text that reads back as its value, and a final newline: the
 * same bytes for the same tree.  Fails with an IO error naming the path.
 * Writers of result files call results_save (results.h) instead, which
 * puts schema_version first and checks the tree before calling this. */
/* Appends the shortest text that reads back as the double `x`, as every
 * JSON file spells its numbers ("0.873457", "2000"); the CSV files use it
 * so that their figures are the JSON's. */
void out_json_append_number(GString *out, double x);

gboolean out_json_save(JsonNode *root, const char *path, GError **error);

#endif
