/* out_firms.h: firms.json and firms.csv, each roster firm's chances in a
 * run firm by firm (ladder run --roster).
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_FIRMS_H
#define LADDER_OUT_FIRMS_H

#include <glib.h>

#include "roster.h"
#include "runner.h"

/* The years firms.json looks at for `m`: the distinct years of its
 * targets, ascending, or its horizon when it has none; *n of them (>= 1).
 * Caller frees. */
int *out_firms_years(const Model *m, int *n);

/* Writes firms.json and firms.csv into `dir` for `run` (of a model given
 * `roster` by model_set_roster, so run->firms counts its firms in file
 * order): for each firm and year (out_firms_years), the share of
 * replications in each stage, at or above it, exited and on each list,
 * with Monte Carlo standard errors, and when it first moves above its
 * starting stage (the median year, from run->firms->up).  Fails as
 * results_save and out_csv_save do. */
gboolean out_firms_write(const RunResult *run, const Roster *roster, const char *dir, GError **error);

#endif
