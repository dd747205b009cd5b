/* run_outputs.h: what the simulating commands write alike: one scenario's
 * result files and charts, gnuplot run on a folder's scripts, and the
 * output folder moved into place with its report.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_RUN_OUTPUTS_H
#define LADDER_RUN_OUTPUTS_H

#include <glib.h>

#include "outdir.h"
#include "summary.h"

/* Writes summary.json, summary.csv, the chart data and scripts of `s` and
 * scenario.json into `dir`, and renders the charts unless `render` is
 * FALSE.  Without gnuplot it warns on stderr and succeeds. */
gboolean run_outputs_write(const Summary *s, const char *dir, gboolean render, GError **error);

/* Runs gnuplot on the scripts in `dir` (out_plot_render); without gnuplot
 * it warns on stderr and succeeds. */
gboolean run_outputs_render(const char *dir, GError **error);

/* Writes report.html into `out` when `report` (report_write), then moves
 * the folder into place (outdir_commit); frees `out` either way.  Fails
 * as either does, leaving nothing behind. */
gboolean run_outputs_commit(OutDir *out, gboolean report, GError **error);

#endif
