/* paired.h: the result of models run side by side under common random
 * numbers (runner_run_paired) and the paired statistics read from it:
 * mean differences against the first model with their 95% intervals.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_PAIRED_H
#define LADDER_PAIRED_H

#include <glib.h>
#include "runner.h"

/* K models run side by side under common random numbers: replication r of
 * every model uses the streams of (seed, r), so where two models coincide
 * they draw the same, and each difference against model 0 is taken within
 * the replication.  Every sum is kept in exact integers and converted at
 * the end, so the result is the same, bit for bit, for any thread count. */
struct PairedResult {
    int n_models;
    RunResult **runs;    /* [n_models]: each model's own result, exactly what
                            runner_run gives for it with the same config */
    /* Sums over replications of model k's value minus model 0's, and of its
     * square, for k >= 1; row 0 is all zeros.  Targets are indexed as in
     * model k and paired with model 0's target of the same name; one with no
     * such target in model 0 has NaN sums. */
    double **target_diff_sum, **target_diff_sumsq; /* [k][target]: met (1) or not (0) */
    double *all_diff_sum, *all_diff_sumsq;         /* [k]: every target met (1) or not */
    double **stock_diff_sum, **stock_diff_sumsq;   /* [k][year * n_stages + stage]: firms */
    double **count_diff_sum, **count_diff_sumsq;   /* [k][target]: the target's count */
};

void paired_result_free(PairedResult *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PairedResult, paired_result_free)

/* A mean difference between two models over the same replications. */
typedef struct {
    double mean;    /* mean of (model k - model 0); NaN when not paired */
    double sd;      /* sample standard deviation of the differences (n - 1); 0 when n < 2 */
    double lo, hi;  /* 95% interval: mean -/+ 1.96 sd / sqrt(n) */
} PairedDiff;

/* The mean difference, its sd and interval from the sum and the sum of
 * squares of `n` >= 1 differences. */
PairedDiff paired_diff(double sum, double sumsq, guint64 n);

/* paired_diff of model k (>= 1) against model 0: for its target `target`
 * being met, for every target being met, for the stock of `stage` at the
 * end of year index `year` (0 = base_year), and for a target's count. */
PairedDiff paired_result_target(const PairedResult *p, int k, int target);
PairedDiff paired_result_all(const PairedResult *p, int k);
PairedDiff paired_result_stock(const PairedResult *p, int k, int year, int stage);
PairedDiff paired_result_count(const PairedResult *p, int k, int target);

#endif
