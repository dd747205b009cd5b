/* out_backtest.h: backtest.json and the backtest's table on stdout.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_BACKTEST_H
#define LADDER_OUT_BACKTEST_H

#include <glib.h>

#include "backtest.h"
#include "model.h"

/* backtest.json: the history file `h` and its region, --cv (`cv`), until, checked, inside, coverage and every later
 * observation with its forecast percentiles. */
/* And backtest.csv beside it: each later count against its forecast. */
gboolean out_backtest_json(const Backtest *b, const Model *m, const History *h, double cv, const char *path,
                           GError **error);

/* The later counts against their forecast and the coverage; `n_used` is
 * the number of counts fitted on (0: nothing was fitted). */
void out_backtest_format(const Backtest *b, const Model *m, int n_used, GString *out);

#endif
