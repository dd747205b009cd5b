/* out.h: writers of a Summary: summary.json, summary.csv, gnuplot data and
 * scripts, the rendered charts, and the table printed on stdout.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_H
#define LADDER_OUT_H

#include <glib.h>
#include <json-glib/json-glib.h>
#include "summary.h"

/* summary.json (json-glib): byte-identical for the same summary; no time, no path. */
gboolean out_json_write(const Summary *s, const char *path, GError **error);

/* summary.csv: UTF-8 with a BOM, a row per stage and year. */
gboolean out_csv_write(const Summary *s, const char *path, GError **error);

/* Writes the .dat files and the .gp scripts (from the templates in plots/,
 * compiled in as a GResource) into `dir`.  Each script renders its PNG and
 * SVG when gnuplot runs it from `dir`. */
gboolean out_plot_write(const Summary *s, const char *dir, GError **error);

/* Runs gnuplot on every .gp in `dir` (in parallel).  Returns FALSE with an
 * IO error when gnuplot fails; sets *no_gnuplot and returns TRUE when
 * gnuplot is not installed. */
gboolean out_plot_render(const char *dir, gboolean *no_gnuplot, GError **error);

/* Appends the readable result table, in the scenario's language, to `out`. */
void out_table_format(const Summary *s, GString *out);

/* ---- building blocks for the writers of other commands ------------------ */

/* Adds `x` to `b` rounded to `decimals` places; NaN and infinities as null. */
void out_json_add_rounded(JsonBuilder *b, double x, int decimals);

/* Adds member `name` = `value`, a seed or a count: an integer, or a decimal
 * string beyond G_MAXINT64 (json-glib reads integers as signed 64-bit). */
void out_json_add_uint64_member(JsonBuilder *b, const char *name, guint64 value);

/* Writes `root` to `path` as summary.json is written: indented, every
 * number in its shortest spelling, a final newline.  IO error on failure. */
gboolean out_json_save(JsonNode *root, const char *path, GError **error);

/* A chart script's placeholder values, "TITLE" -> text (see plots/). */
typedef GHashTable OutPlotVars;
OutPlotVars *out_plot_vars_new(void);
/* Sets @KEY@ to `value` as written (gnuplot commands, numbers); `key` is
 * borrowed (a literal). */
void out_plot_vars_raw(OutPlotVars *v, const char *key, const char *value);
/* Sets @KEY@ to text the template quotes, escaped for a gnuplot string. */
void out_plot_vars_text(OutPlotVars *v, const char *key, const char *text);
/* `s` made safe inside a double-quoted gnuplot string.  Caller frees. */
char *out_plot_escape(const char *s);
/* Writes `text` to dir/name; IO error on failure. */
gboolean out_plot_write_file(const char *dir, const char *name, const char *text, GError **error);
/* Fills template `tmpl` of plots/ from `v` and writes it to dir/script. */
gboolean out_plot_write_script(const char *dir, const char *script, const char *tmpl, OutPlotVars *v,
                               GError **error);

/* A text table whose columns line up with Chinese in them (2 columns a
 * wide character); at most 8 columns. */
typedef struct OutTable OutTable;
/* `right[c]` aligns column c to the right. */
OutTable *out_table_new(int n_cols, const gboolean *right);
/* Adds a row of n_cols cells (copied). */
void out_table_add(OutTable *t, const char *const *cells);
/* Appends the rows to `out`, indented, each column as wide as its widest
 * cell, and frees `t`. */
void out_table_finish(OutTable *t, GString *out);

#endif
