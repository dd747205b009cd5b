/* out.h: writers of a Summary: summary.json, summary.csv, gnuplot data and
 * scripts, the rendered charts, and the table printed on stdout.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_H
#define LADDER_OUT_H

#include <glib.h>
#include "plot.h"
#include "summary.h"

/* summary.json (json-glib): byte-identical for the same summary; no time, no path. */
gboolean out_json_write(const Summary *s, const char *path, GError **error);

/* summary.csv: UTF-8 with a BOM, a row per stage and year. */
gboolean out_csv_write(const Summary *s, const char *path, GError **error);

/* Writes the .dat files and the .gp scripts (from the templates in plots/,
 * compiled in as a GResource) into `dir`.  Each script renders its PNG and
 * SVG when gnuplot runs it from `dir`. */
gboolean out_plot_write(const Summary *s, const char *dir, GError **error);

/* Sets @TARGETS@ (gnuplot commands) and @TARGET_PLOT@ (a plot term) of a
 * chart of stage `stage`'s firms by year (list -1), or of list `list`'s
 * count (stage -1): a marked threshold for every target of s's model that
 * counts exactly that (count=stage on the stage, or list = the list); both
 * empty when none. */
void out_plot_target_marks(const Summary *s, int stage, int list, PlotVars *v);

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

/* The verdict words for `probability` in `lang` (IPCC-style bands), judged
 * on the probability as printed to 0.1%: the table's and the report's. */
const char *out_table_verdict(const char *lang, double probability);

#endif
