/* out_plot.h: the charts of a Summary: gnuplot data and scripts, and their
 * rendering by gnuplot.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_PLOT_H
#define LADDER_OUT_PLOT_H

#include <glib.h>
#include "plot.h"
#include "summary.h"

/* Writes the .dat files and the .gp scripts (from the templates in plots/,
 * compiled in as a GResource) into `dir`.  Each script renders its PNG and
 * SVG when gnuplot runs it from `dir`. */
gboolean out_plot_write(const Summary *s, const char *dir, GError **error);

/* Sets @TARGETS@ (gnuplot commands) and @TARGET_PLOT@ (a plot term) of a
 * chart of stage `stage`'s firms by year (list -1), or of list `list`'s
 * count (stage -1): a marked threshold for every target of s's model that
 * counts exactly that (count=stage on the stage, or list = the list); both
 * empty when none.  `first_year_median` (the fan's median in the first
 * year) puts each label on the side of its guide the fan leaves free. */
void out_plot_target_marks(const Summary *s, int stage, int list, double first_year_median, PlotVars *v);

/* gnuplot commands drawing the verdict bands of the result table on a
 * probability axis in percent: a faint line at each band's lower end, its
 * words in the right margin.  Caller frees. */
char *out_plot_verdict_guides(const char *lang);

/* Sets @YRANGE@ and @YLABEL@ (plot_set_count_range) of that chart, whose
 * figures span lo..hi: widened to take in the thresholds it marks. */
void out_plot_fan_range(const Summary *s, int stage, int list, double lo, double hi, PlotVars *v);

/* Runs gnuplot on every .gp in `dir` (in parallel).  Returns FALSE with an
 * IO error when gnuplot fails; sets *no_gnuplot and returns TRUE when
 * gnuplot is not installed. */
gboolean out_plot_render(const char *dir, gboolean *no_gnuplot, GError **error);

#endif
