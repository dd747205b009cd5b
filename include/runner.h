/* runner.h: many replications over threads, accumulated into histograms,
 * of one model or of several side by side under common random numbers.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_RUNNER_H
#define LADDER_RUNNER_H

#include <signal.h>
#include <glib.h>
#include "histogram.h"
#include "model.h"

typedef struct {
    guint64 reps;        /* replications, >= 1 */
    guint64 seed;
    guint threads;       /* >= 1; results do not depend on it */
    gboolean uncertain;  /* draw [uncertainty] parameters (FALSE: central values) */
    gboolean progress;   /* draw a progress bar on stderr when the run lasts */
    gboolean entry_histograms; /* also histogram each year's entries (RunResult.entries) */
    const volatile sig_atomic_t *cancel; /* non-zero: stop soon (Ctrl-C); may be NULL */
} RunConfig;

typedef struct RunResult {
    const Model *model;  /* borrowed */
    RunConfig config;
    int n_years, n_stages;
    Histogram **stock;   /* [year * n_stages + stage]: stock at the end of the year */
    guint64 *entries_sum;/* [year * n_stages + stage]: entries summed over replications */
    Histogram **entries; /* [year * n_stages + stage]: entries in the year, or NULL
                            unless config.entry_histograms */
    Histogram **lists;   /* [year * n_lists + list]: the list's count at the end of the year */
    Histogram **target;  /* [n_targets]: the target's count */
    guint64 *target_met; /* [n_targets]: replications that met it */
    guint64 all_met;     /* replications that met every target */
} RunResult;

/* Runs `config->reps` replications of `m`.  The result (caller owns,
 * run_result_free) is the same, bit for bit, for any thread count.  Fails
 * with an INPUT error when drawn parameters make a year invalid (the
 * lowest such replication is reported), and with LADDER_ERROR_CANCELLED
 * when *config->cancel becomes non-zero. */
RunResult *runner_run(const Model *m, const RunConfig *config, GError **error);

void run_result_free(RunResult *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RunResult, run_result_free)

/* K models run side by side under common random numbers: replication r of
 * every model uses the streams of (seed, r), so where two models coincide
 * they draw the same, and each difference against model 0 is taken within
 * the replication.  Every sum is kept in exact integers and converted at
 * the end, so the result is the same, bit for bit, for any thread count. */
typedef struct PairedResult {
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
} PairedResult;

/* Runs `config->reps` replications of each of `models[0..n_models-1]`
 * (borrowed; they must outlive the result), n_models >= 1.  The result
 * (caller owns, paired_result_free) has each model's RunResult and the
 * paired sums against models[0].  Fails with an INPUT error naming both
 * files when a model's stages (ids and order), base_year or horizon differ
 * from models[0]'s, and otherwise as runner_run: the lowest replication
 * with invalid drawn parameters, of any model, is reported.  The progress
 * bar counts replications of all models. */
PairedResult *runner_run_paired(const Model *const *models, int n_models, const RunConfig *config,
                                GError **error);

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
