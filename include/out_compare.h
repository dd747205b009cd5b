/* out_compare.h: writers of a Comparison (`ladder compare`): compare.json,
 * the comparison charts, and the table printed on stdout.  Each scenario's
 * own files are written by the writers of out_json.h, out_csv.h and
 * out_plot.h, into its subfolder.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_COMPARE_H
#define LADDER_OUT_COMPARE_H

#include <glib.h>
#include "comparison.h"

/* compare.json (json-glib): the scenarios and their costs, and each other
 * scenario against the base: target differences, stock differences and
 * the cost of each extra firm.  The same bytes for the same comparison; no
 * time, no absolute path (files as the user gave them). */
/* And compare.csv beside it: each scenario after the base by target. */
gboolean out_compare_json_write(const Comparison *c, const char *path, GError **error);

/* Writes into `dir` the .dat files and .gp scripts of the comparison
 * charts: compare_<stage id> (each scenario's median and P5-P95 of the
 * stage), compare_targets (grouped probabilities) and compare_cost (the
 * cost of each extra firm); the two last only when there are targets.
 * out_plot_render draws them. */
gboolean out_compare_plot_write(const Comparison *c, const char *dir, GError **error);

/* Appends the readable comparison, in the base scenario's language, to `out`. */
void out_compare_table_format(const Comparison *c, GString *out);

#endif
