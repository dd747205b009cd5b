/* out_calibrate.h: what `ladder calibrate` writes (and `ladder backtest`
 * too, beside out_backtest.h's files): the calibrated scenario file,
 * calibrate.json, the charts of observed counts over the fitted
 * expectation and the forecast, and the report on stdout in the
 * scenario's language.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_CALIBRATE_H
#define LADDER_OUT_CALIBRATE_H

#include <glib.h>

#include "backtest.h"
#include "calibrate.h"
#include "summary.h"

/* The text of the calibrated scenario: [scenario] extends=`parent` (a path
 * relative to the folder the file is written in) and a name marked as
 * calibrated; each identified parameter at its estimate, with a beta
 * (probabilities) or gamma (rates) distribution of the same mean and
 * standard error in [uncertainty]; an identified baseline at its rounded
 * estimate.  Parameters not identified are left as the parent has them,
 * with a comment saying why.  Caller frees. */
char *out_calibrate_ini(const Calibration *c, const char *parent);

/* calibrate.json: parameters [ {key, value, ci95, sd, identified, status,
 * tied_to, correlation} ], fit [ {region, year, stage, kind, observed,
 * fitted, line} ], log_likelihood, the likelihood and the file names. */
/* And calibrate.csv beside it: each parameter (results.c RESULTS_CSV_CALIBRATE). */
gboolean out_calibrate_json(const Calibration *c, const char *calibrated_file, const char *path,
                            GError **error);

/* One chart for each stage and kind that `shown` has counts of, named
 * calibrate_<stage> (stock) and calibrate_<stage>_new: the forecast's
 * P5-P95 and P25-P75 bands and median (from `forecast`, which must have
 * entry histograms for new counts), the fitted expectation, and the
 * counts.  With `b`, counts after b->until are marked inside or outside
 * their band and the cutoff is drawn. */
gboolean out_calibrate_charts(const Calibration *c, const History *shown, const Summary *forecast,
                              const Backtest *b, const char *dir, GError **error);

/* The fitted values, the fit and the notes, in the scenario's language. */
void out_calibrate_format(const Calibration *c, const char *calibrated_file, GString *out);

#endif
