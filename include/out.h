/* out.h: writers of a Summary: summary.json, summary.csv, gnuplot data and
 * scripts, the rendered charts, and the table printed on stdout.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_H
#define LADDER_OUT_H

#include <glib.h>
#include <json-glib/json-glib.h>
#include "summary.h"

#define OUT_JSON_PROB_DECIMALS 6  /* probabilities and their standard errors, in every JSON file */

/* summary.json (json-glib): byte-identical for the same summary; no time, no path. */
gboolean out_json_write(const Summary *s, const char *path, GError **error);

/* Adds `x` rounded to `decimals` places to `b` (NaN and infinities: null,
 * never "-0"). */
void out_json_add_rounded(JsonBuilder *b, double x, int decimals);

/* Adds `value` to `b`: an integer, or beyond G_MAXINT64 a decimal string
 * (json-glib reads integers as signed 64-bit). */
void out_json_add_uint64(JsonBuilder *b, guint64 value);

/* Writes the document `root` to `path` as summary.json is written: indented,
 * each number in its shortest spelling, a final newline. */
gboolean out_json_save(JsonNode *root, const char *path, GError **error);

/* summary.csv: UTF-8 with a BOM, a row per stage and year. */
gboolean out_csv_write(const Summary *s, const char *path, GError **error);

/* Writes the .dat files and the .gp scripts (from the templates in plots/,
 * compiled in as a GResource) into `dir`.  Each script renders its PNG and
 * SVG when gnuplot runs it from `dir`. */
gboolean out_plot_write(const Summary *s, const char *dir, GError **error);

/* `s` made safe inside a double-quoted gnuplot string.  Caller frees. */
char *out_plot_escape(const char *s);

/* Writes the chart `name`: `data` to dir/name.dat and the template plots/`tmpl`
 * to dir/name.gp with each @KEY@ replaced, @NAME@ by `name`, @DATA@ by
 * name.dat, @FONT@ by the charts' font, and the others from `pairs`, a
 * NULL-ended list KEY, VALUE, ... of values written as given (quote text
 * with out_plot_escape). */
gboolean out_plot_chart(const char *dir, const char *name, const char *data, const char *tmpl,
                        const char *const *pairs, GError **error);

/* Runs gnuplot on every .gp in `dir` (in parallel).  Returns FALSE with an
 * IO error when gnuplot fails; sets *no_gnuplot and returns TRUE when
 * gnuplot is not installed. */
gboolean out_plot_render(const char *dir, gboolean *no_gnuplot, GError **error);

/* "87.3% ± 0.3%": a probability and its standard error in percent; the
 * error gets a second decimal when the first would round it to zero.
 * Caller frees. */
char *out_table_probability(double p, double se);

/* Appends the readable result table, in the scenario's language, to `out`. */
void out_table_format(const Summary *s, GString *out);

/* ---- building blocks for the writers of other commands ------------------ */

/* Adds member `name` = `value`, a seed or a count: an integer, or a decimal
 * string beyond G_MAXINT64 (json-glib reads integers as signed 64-bit). */
void out_json_add_uint64_member(JsonBuilder *b, const char *name, guint64 value);

/* A chart script's placeholder values, "TITLE" -> text (see plots/). */
typedef GHashTable OutPlotVars;
OutPlotVars *out_plot_vars_new(void);
/* Sets @KEY@ to `value` as written (gnuplot commands, numbers); `key` is
 * borrowed (a literal). */
void out_plot_vars_raw(OutPlotVars *v, const char *key, const char *value);
/* Sets @KEY@ to text the template quotes, escaped for a gnuplot string. */
void out_plot_vars_text(OutPlotVars *v, const char *key, const char *text);
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
