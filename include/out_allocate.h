/* out_allocate.h: what `ladder allocate` writes: allocate.json and
 * allocate.csv, the frontier chart, and the answer on stdout.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_ALLOCATE_H
#define LADDER_OUT_ALLOCATE_H

#include <glib.h>

#include "allocate.h"
#include "runner.h"

/* allocate.json (json-glib) at `path` and allocate.csv beside it: the
 * question, how it was answered (exhaustive or search), the best, the
 * cheapest and every combination run.  The same bytes for the same result. */
gboolean out_allocate_json(const Allocation *a, const RunConfig *run, const char *path, GError **error);

/* allocate.dat and allocate.gp in `dir`: cost against probability of every
 * combination run, the frontier, the budget line and the best within it. */
gboolean out_allocate_chart(const Allocation *a, const char *dir, GError **error);

/* Appends the answer, the frontier and the run, in the scenario's
 * language, to `out`. */
void out_allocate_format(const Allocation *a, const RunConfig *run, GString *out);

#endif
