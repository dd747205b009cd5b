/* paired.c: freeing a PairedResult and reading paired differences from
 * its exact sums.
 * SPDX-License-Identifier: MIT */
#include "paired.h"

#include <math.h>

#define PAIRED_Z95 1.96   /* two-sided 95% normal quantile, as usually rounded */

static void free_rows(double **rows, int n)
{
    for (int k = 0; k < n; k++)
        g_free(rows[k]);
    g_free(rows);
}

void paired_result_free(PairedResult *p)
{
    if (p == NULL)
        return;
    for (int k = 0; k < p->n_models; k++)
        runner_result_free(p->runs[k]);
    g_free(p->runs);
    free_rows(p->target_diff_sum, p->n_models);
    free_rows(p->target_diff_sumsq, p->n_models);
    free_rows(p->stock_diff_sum, p->n_models);
    free_rows(p->stock_diff_sumsq, p->n_models);
    free_rows(p->count_diff_sum, p->n_models);
    free_rows(p->count_diff_sumsq, p->n_models);
    g_free(p->all_diff_sum);
    g_free(p->all_diff_sumsq);
    g_free(p);
}

PairedDiff paired_diff(double sum, double sumsq, guint64 n)
{
    g_return_val_if_fail(n >= 1, ((PairedDiff){NAN, NAN, NAN, NAN}));
    double nd = (double)n, mean = sum / nd;
    double var = n >= 2 ? (sumsq - sum * mean) / (nd - 1) : 0;
    double sd = sqrt(MAX(var, 0.0)), half = PAIRED_Z95 * sd / sqrt(nd);
    if (isnan(sum))
        sd = NAN;
    return (PairedDiff){mean, sd, mean - half, mean + half};
}

static guint64 paired_reps(const PairedResult *p, int k)
{
    g_return_val_if_fail(k >= 1 && k < p->n_models && p->runs[k] != NULL, 1);
    return p->runs[k]->config.reps;
}

PairedDiff paired_result_target(const PairedResult *p, int k, int target)
{
    return paired_diff(p->target_diff_sum[k][target], p->target_diff_sumsq[k][target], paired_reps(p, k));
}

PairedDiff paired_result_all(const PairedResult *p, int k)
{
    return paired_diff(p->all_diff_sum[k], p->all_diff_sumsq[k], paired_reps(p, k));
}

PairedDiff paired_result_stock(const PairedResult *p, int k, int year, int stage)
{
    int cell = year * p->runs[k]->n_stages + stage;
    return paired_diff(p->stock_diff_sum[k][cell], p->stock_diff_sumsq[k][cell], paired_reps(p, k));
}

PairedDiff paired_result_count(const PairedResult *p, int k, int target)
{
    return paired_diff(p->count_diff_sum[k][target], p->count_diff_sumsq[k][target], paired_reps(p, k));
}
