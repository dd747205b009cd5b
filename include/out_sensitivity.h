/* out_sensitivity.h: the writers of `ladder sensitivity`: sensitivity.json,
 * a tornado chart's data and script per target, and the table on stdout.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_SENSITIVITY_H
#define LADDER_OUT_SENSITIVITY_H

#include <glib.h>
#include "sensitivity.h"

#define OUT_SENSITIVITY_CHART_ROWS 15  /* bars in a tornado chart: the largest swings */
#define OUT_SENSITIVITY_TABLE_ROWS 10  /* rows per target on stdout; all are in the json */

/* sensitivity.json (json-glib): byte-identical for the same result; no
 * time, no path.  IO error when it cannot be written. */
/* And sensitivity.csv beside it: every row of every target. */
gboolean out_sensitivity_json(const Sensitivity *s, const char *path, GError **error);

/* tornado_<k>.dat and .gp for the k-th target (1-based; tornado_all for
 * every target together), each script rendering its PNG and SVG when
 * gnuplot runs it from `dir`.  A target with no row gets no chart. */
gboolean out_sensitivity_plot(const Sensitivity *s, const char *dir, GError **error);

/* Appends the readable table, in the scenario's language, to `out`. */
void out_sensitivity_table(const Sensitivity *s, GString *out);

#endif
