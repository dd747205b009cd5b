/* backtest.h: how the forecast of a scenario calibrated on early counts
 * fares against the later ones: each later count's forecast P5-P95 and
 * whether it fell inside.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_BACKTEST_H
#define LADDER_BACKTEST_H

#include <glib.h>
#include "history.h"
#include "summary.h"

/* `h` cut at `until`: the observations of years up to it into *early, the
 * later ones into *later (both owned by the caller, history_free; they
 * copy what they hold). */
void backtest_split(const History *h, int until, History **early, History **later);

typedef struct {
    Observation obs;
    gint64 p5, p50, p95;  /* the forecast's percentiles of that count */
    gboolean inside;      /* p5 <= count <= p95 */
} BacktestPoint;

typedef struct {
    int until;            /* last year fitted */
    int n;                /* later observations checked */
    BacktestPoint *points;/* [n], in file order */
    int n_inside;
} Backtest;

/* The forecast's percentiles (summary_pcts order, each over years) of
 * history series `series` and kind `kind`: a stage's stock or entries, or a
 * list's count.  Entries need a run that kept entry histograms (else the
 * arrays are NULL). */
gint64 *const *backtest_forecast_pct(const Summary *forecast, int series, HistoryKind kind);

/* Checks each observation of `later` against `forecast` (a run that kept
 * entry histograms, for `new` counts).  Caller owns the result. */
Backtest *backtest_check(const History *later, const Summary *forecast, int until);

void backtest_free(Backtest *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Backtest, backtest_free)

#endif
