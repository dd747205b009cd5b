/* expect.h: the exact expectation of every stock and entry count, by a
 * cohort recursion on expected values (no simulation).
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_EXPECT_H
#define LADDER_EXPECT_H

#include <glib.h>
#include "model.h"

/* Expected stock and entries of each stage at the end of each year, with
 * the parameters `base` (n_params values, e.g. model_central_params) and the
 * policies applied.  For a region (region.h) `base` is its factors and the
 * result the sum of its parts' (expect_parts).  `stock` and `entries` are [n_years * n_stages], row 0 is
 * base_year (entries 0).  Because every step of a year is linear in the
 * counts, this is E[stock] exactly when `base` is not random.  Fails as
 * model_year_params does. */
gboolean expect_run(const Model *m, const double *base, double *stock,
                    double *entries, GError **error);

/* A region's (region.h) parts' expected figures, each in the region's
 * years, stages and lists, 0 where the part has none: part p's stocks at
 * stock[p * cells ..], cells = n_years * n_stages, its entries likewise
 * (none in the base year) and its lists at lists[p * n_years * n_lists ..].
 * `base` is the region's factors (model_central_params of the region);
 * every part at its central values times them.  They add up to
 * expect_run's and expect_lists' of the region.  Fails as expect_run. */
gboolean expect_parts(const Model *m, const double *base, double *stock, double *entries, double *lists,
                      GError **error);

/* expect_run, and also the expected firms through each parameter in each
 * year: `flows` is [n_years * n_params], row 0 (base_year) all 0, and
 * flows[y * n_params + i] is, for parameter i in year y,
 *   an edge a -> b:     firms that moved along it;
 *   exit.a:             firms that exited a;
 *   renewal.a:          firms of a that were due and renewed;
 *   inflow.a:           arrivals;
 *   recruitment.a:      recruited firms (the yearly count rounded, as the
 *                       engine does).
 * So a stage's entries in a year are the flows of its incoming edges, its
 * inflow and its recruitment.  Stock and entries are exactly expect_run's. */
gboolean expect_run_flows(const Model *m, const double *base, double *stock, double *entries,
                          double *flows, GError **error);

/* expect_run made smooth in every parameter, for fitting (calibrate):
 * stage s starts from baseline[s] firms (a real number >= 0, spread evenly
 * over its renewal clocks) instead of its written baseline, and recruitment
 * is not rounded.  It equals expect_run when each baseline[s] is the
 * written one and a multiple of its stage's renewal years, and every
 * recruitment a whole number. */
gboolean expect_run_smooth(const Model *m, const double *base, const double *baseline, double *stock,
                           double *entries, GError **error);

/* Expected count of every list in every year into `lists` [n_years *
 * n_lists], from the expected stocks `stock` (expect_run's, with the same
 * `base`): the members' stocks plus share x stock, the share as in force
 * that year (in base_year `base` itself, no policy).  Exact, since a
 * share's binomial draw has mean share x stock given the stock.  Fails as
 * model_year_params does. */
gboolean expect_lists(const Model *m, const double *base, const double *stock, double *lists, GError **error);

/* The same from the end of `first_year` (<= base_year) through the horizon,
 * for expect_run_from's stocks: row 0 is first_year; years up to base_year
 * take `base` itself (no policy acts before base_year + 1). */
gboolean expect_lists_from(const Model *m, const double *base, int first_year, const double *stock, double *lists,
                           GError **error);

/* expect_run_smooth from an earlier year, for a fit to counts published
 * before the scenario's base year: row 0 of `stock` and `entries`
 * ([(horizon - first_year + 1) * n_stages]) is the end of `first_year`
 * (first_year <= base_year, at most MODEL_MAX_YEARS before the horizon),
 * with start[s] firms in stage s spread evenly over its renewal clocks and
 * no entries.  The years up to base_year run at `base` with no policy (no
 * policy acts before base_year + 1), the later ones at model_year_params.
 * With first_year = base_year and start the baselines it is
 * expect_run_smooth.  Fails as model_year_params does. */
gboolean expect_run_from(const Model *m, const double *base, int first_year, const double *start, double *stock,
                         double *entries, GError **error);

#endif
