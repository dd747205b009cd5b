/* out_solve.h: what `ladder solve` writes: solve.json, the chart of the
 * probability against the lever's value, and the answer on stdout.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_SOLVE_H
#define LADDER_OUT_SOLVE_H

#include <glib.h>

#include "solve.h"

/* solve.json (json-glib): the question, the answer (or, when unreachable,
 * the best found) and every value evaluated, sorted by value.  The same
 * bytes for the same result; no time, no path. */
/* And solve.csv beside it: every value tried, the answer marked. */
gboolean out_solve_json(const SolveResult *r, const char *path, GError **error);

/* solve.dat and solve.gp in `dir`: the probability at each value evaluated,
 * the wanted probability as a line, the current value and the answer (or
 * the best found) marked. */
gboolean out_solve_chart(const SolveResult *r, const char *dir, GError **error);

/* Appends the question, the answer and the number of values tried, in the
 * scenario's language, to `out`. */
void out_solve_format(const SolveResult *r, GString *out);

#endif
