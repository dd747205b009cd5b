/* out_parts.h: a region's parts (region.h) as charts: each part's mean
 * contribution to each of the region's targets.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_PARTS_H
#define LADDER_OUT_PARTS_H

#include <glib.h>
#include "summary.h"

/* The most parts a chart shows; the rest are counted in its subtitle. */
#define OUT_PARTS_CHART_ROWS 40

/* parts_<t+1>.dat and .gp in `dir` for each target t of region summary
 * `s`: its parts' mean contributions to the count the target is measured
 * on, largest first, with ±1.96 SE bars.  Nothing for a scenario.  FALSE
 * with an IO error when a file cannot be written. */
gboolean out_parts_write(const Summary *s, const char *dir, GError **error);

#endif
