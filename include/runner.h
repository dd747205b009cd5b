/* runner.h: many replications over threads, accumulated into histograms.
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
    const volatile sig_atomic_t *cancel; /* non-zero: stop soon (Ctrl-C); may be NULL */
} RunConfig;

typedef struct RunResult {
    const Model *model;  /* borrowed */
    RunConfig config;
    int n_years, n_stages;
    Histogram **stock;   /* [year * n_stages + stage]: stock at the end of the year */
    guint64 *entries_sum;/* [year * n_stages + stage]: entries summed over replications */
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

#endif
