/* out_fit_roster.h: what `ladder fit-roster` writes: the fitted scenario
 * (FILE-fitted.ini, extending FILE with [effects] and their
 * [uncertainty]), fit.json and fit.csv, the calibration charts, and the
 * tables on stdout in the scenario's language.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_FIT_ROSTER_H
#define LADDER_OUT_FIT_ROSTER_H

#include <glib.h>

#include "fit_roster.h"

/* The text of the fitted scenario: [scenario] extends=`parent` (a path
 * relative to the folder the file is written in) and a name marked as
 * fitted; in [effects] each fitted coefficient at its estimate (a comment
 * with its interval and test above it), each coefficient the scenario
 * gives that the fit did not estimate at 0 (the comment says why), and a
 * standardise line for each attribute written; in [uncertainty] each
 * fitted coefficient drawn from normal(estimate, se).  The scenario's
 * rates are not written: they stay FILE's.  Into `drawn` (char *, caller
 * frees) the warnings for coefficients written as 0 that FILE draws in its
 * [uncertainty], which an extending file cannot take out.  Caller frees. */
char *out_fit_roster_ini(const FitRoster *f, const char *parent, GPtrArray *drawn);

/* fit.json (results.c's RESULTS_FIT_ROSTER) and fit.csv beside it, in
 * `dir`; `fitted_file` the fitted scenario as it will be named. */
gboolean out_fit_roster_json(const FitRoster *f, const char *fitted_file, const char *dir, GError **error);

/* One chart a stage whose main move up has a fitted coefficient
 * (fit_roster_up_edge), fit_<stage>.dat and .gp (plots/fit_roster.gp): the
 * observed share of each group of firm-years by predicted probability
 * against their mean prediction, with Wilson 95% bars and the diagonal. */
gboolean out_fit_roster_charts(const FitRoster *f, const char *dir, GError **error);

/* The tables printed on stdout: the standardising, the coefficients with
 * their errors and tests, the rates at the mean firm beside the
 * scenario's, the held-out check, and what was not fitted and why. */
void out_fit_roster_format(const FitRoster *f, const char *fitted_file, GString *out);

#endif
