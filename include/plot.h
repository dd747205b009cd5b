/* plot.h: gnuplot scripts made from the templates in plots/ (compiled in
 * as a GResource): placeholder values, escaping, and writing the files.
 * Used by the writers of every command's charts.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_PLOT_H
#define LADDER_PLOT_H

#include <glib.h>
#include "model.h"

#define PLOT_Z95 1.96  /* two-sided 95% normal quantile, for error bars */

/* Placeholder values of one script: "TITLE" -> text.  Keys are borrowed
 * (string literals), values owned. */
typedef GHashTable PlotVars;

PlotVars *plot_vars_new(void);

/* Sets @KEY@ to `value` as written (gnuplot commands, numbers). */
void plot_set_raw(PlotVars *v, const char *key, const char *value);

/* Sets @KEY@ to text shown in the chart; the template quotes it. */
void plot_set_text(PlotVars *v, const char *key, const char *text);
void plot_set_int(PlotVars *v, const char *key, gint64 x);
void plot_set_double(PlotVars *v, const char *key, double x);

/* `s` made safe inside a double-quoted gnuplot string: backslashes and
 * quotes escaped, line breaks turned into spaces.  Caller frees. */
char *plot_escape(const char *s);

/* `label` safe inside a double-quoted field of a gnuplot data file, which
 * knows no escapes: its double quotes and line breaks become single
 * quotes.  Caller frees. */
char *plot_data_label(const char *label);

/* Writes chart `name` into `dir`: `data` to name.dat, and template `tmpl`
 * filled from `v` (with @NAME@ = name and @DATA@ = name.dat set here) to
 * name.gp, which renders name.png and name.svg.  The one way every chart
 * is written. */
gboolean plot_write_chart(const char *dir, const char *name, const char *data, const char *tmpl, PlotVars *v,
                          GError **error);

/* TRUE when the chart file `name` holding `data` is whole: a PNG's chunks
 * lead to its IEND chunk at the end, an SVG ends with </svg>; any other
 * file is whole when not empty. */
gboolean plot_chart_whole(const char *name, const char *data, gsize len);

/* Checks every chart the script dir/script renders (its `set output
 * "NAME"` lines) after gnuplot ran it and exited 0: gnuplot says nothing
 * and exits 0 when a full disk or a file size limit cuts a chart short.
 * Fails with an IO error naming the first chart missing or not whole
 * (plot_chart_whole), and the reason when writing there fails again
 * ("cannot write fan_a.png: No space left on device"); a chart cut short
 * gets a byte appended in finding that out. */
gboolean plot_check_outputs(const char *dir, const char *script, GError **error);

/* Appends " x" with 4 decimals, '.' whatever the locale, to a data row. */
void plot_append_number(GString *out, double x);

/* Year tick step: every year on short runs, fewer on long ones, so ticks
 * stay whole years that fall on round ones. */
int plot_year_step(const Model *m);

/* The placeholders of a chart over the years of `m`: @NAME@, @DATA@
 * (name.dat), @TITLE@, the axis labels (year, firms) in m's language and
 * @XMIN@, @XMAX@, @XSTEP@, @XPAD@ (a margin beyond them, in years). */
void plot_set_year_chart(PlotVars *v, const Model *m, const char *name, const char *title);

/* Sets @YRANGE@ ("[lo:hi]") and @YLABEL@ of a chart of firms whose
 * figures span lo..hi: a margin around them, rounded to a tick step; the
 * axis starts at 0 when lo is under a third of hi or 0 is about a tick
 * below lo, else the label says that it does not start at 0. */
void plot_set_count_range(PlotVars *v, const Model *m, double lo, double hi);

/* The legend words of a fan's bands and median: @P5P95@, @P25P75@, @MEDIAN@. */
void plot_set_band_keys(PlotVars *v, const Model *m);

/* Colour number i (cycled) of the series palette, "#4e79a7". */
const char *plot_colour(int i);

#endif
