/* backtest.c: later published counts against the forecast percentiles of
 * a scenario calibrated on the earlier ones.
 * SPDX-License-Identifier: MIT */
#include "backtest.h"

#include <string.h>

/* A copy of `h` with only its observations after `until` (later) or up to it. */
static History *history_part(const History *h, int until, gboolean later)
{
    History *p = g_new0(History, 1);
    p->file = g_strdup(h->file);
    p->sha256 = g_strdup(h->sha256);  /* the file's, whichever part of it */
    p->region = g_strdup(h->region);
    p->obs = g_new0(Observation, MAX(h->n, 1));
    for (int i = 0; i < h->n; i++)
        if ((h->obs[i].year > until) == later)
            p->obs[p->n++] = h->obs[i];
    return p;
}

void backtest_split(const History *h, int until, History **early, History **later)
{
    *early = history_part(h, until, FALSE);
    *later = history_part(h, until, TRUE);
}

gint64 *const *backtest_forecast_pct(const Summary *forecast, int series, HistoryKind kind)
{
    const Model *m = forecast->model;
    if (history_series_is_list(m, series))
        return forecast->lists[series - m->n_stages].pct;
    const StageSummary *st = &forecast->stages[series];
    return kind == HISTORY_STOCK ? st->pct : st->new_pct;
}

Backtest *backtest_check(const History *later, const Summary *forecast, int until)
{
    g_return_val_if_fail(later != NULL && forecast != NULL, NULL);
    const Model *m = forecast->model;
    int p5 = summary_pct_index(5), p50 = summary_pct_index(50), p95 = summary_pct_index(95);
    Backtest *b = g_new0(Backtest, 1);
    b->until = until;
    b->points = g_new0(BacktestPoint, MAX(later->n, 1));
    for (int i = 0; i < later->n; i++) {
        const Observation *o = &later->obs[i];
        gint64 *const *pct = backtest_forecast_pct(forecast, o->series, o->kind);
        int y = o->year - m->base_year;
        if (pct[p5] == NULL) {
            g_critical("backtest_check: the forecast kept no entry histograms");
            continue;
        }
        BacktestPoint *pt = &b->points[b->n++];
        pt->obs = *o;
        pt->p5 = pct[p5][y];
        pt->p50 = pct[p50][y];
        pt->p95 = pct[p95][y];
        pt->inside = pt->p5 <= o->count && o->count <= pt->p95;
        b->n_inside += pt->inside;
    }
    return b;
}

void backtest_free(Backtest *b)
{
    if (b == NULL)
        return;
    g_free(b->points);
    g_free(b);
}
