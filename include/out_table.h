/* out_table.h: the readable result table printed on stdout, and the
 * probability and verdict words it shares with the report.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_TABLE_H
#define LADDER_OUT_TABLE_H

#include <glib.h>
#include "summary.h"

/* "87.3% ± 0.3%": a probability and its standard error in percent; the
 * error gets a second decimal when the first would round it to zero.
 * Caller frees. */
char *out_table_probability(double p, double se);

/* "+2.1 ± 0.3": a change of probability `d` and its standard error in
 * percentage points, the error's digits as out_table_probability's (a
 * second decimal for both when the first would round it to zero).  Caller
 * frees. */
char *out_table_points(double d, double se);

/* "2.4", or with `sign` "+2.4": a change of probability `d` in percentage
 * points alone, a second decimal under 0.95 points ("0.07", where one
 * would say little).  Caller frees. */
char *out_table_points_alone(double d, gboolean sign);

/* "+2.1 (-0.3 … +4.5)": a paired difference of probabilities `step` and
 * its 95% interval [lo, hi], in percentage points.  Caller frees. */
char *out_table_step(double step, double lo, double hi);

/* Appends the readable result table, in the scenario's language, to `out`. */
void out_table_format(const Summary *s, GString *out);

/* The verdict words for `probability` in `lang` (IPCC-style bands), judged
 * on the probability as printed to 0.1%: the table's and the report's. */
const char *out_table_verdict(const char *lang, double probability);

/* The fixed code of the same verdict, for files: very_likely (from 90.0%),
 * likely (66.0%), uncertain (33.0%), unlikely (10.0%) or
 * very_unlikely, judged as out_table_verdict.  Static. */
const char *out_table_verdict_code(double probability);

/* Verdict band i, from the most likely: the probability (0..1) it starts
 * at and its words in `lang` (static).  FALSE when there is no band i. */
gboolean out_table_verdict_band(const char *lang, guint i, double *from, const char **words);

#endif
