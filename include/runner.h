/* runner.h: many replications over threads, accumulated into histograms,
 * of one model or of several side by side under common random numbers.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_RUNNER_H
#define LADDER_RUNNER_H

#include <signal.h>
#include <glib.h>
#include "firms.h"
#include "histogram.h"
#include "model.h"

typedef struct {
    guint64 reps;        /* replications, >= 1 */
    guint64 seed;
    guint threads;       /* >= 1; results do not depend on it */
    gboolean uncertain;  /* draw [uncertainty] parameters (FALSE: central values) */
    gboolean progress;   /* draw a progress bar on stderr when the run lasts */
    gboolean entry_histograms; /* also histogram each year's entries (RunResult.entries) */
    gboolean met_bits;   /* also keep each replication's met / not met (RunResult.met_bits) */
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
    guint64 *met_bits;   /* NULL unless config.met_bits; else [(n_targets + 1) * words]
                            with words = runner_met_words(reps): bit rep % 64 of word
                            t * words + rep / 64 is set when replication rep met target t
                            (t = n_targets: every target) */
    FirmsTally *firms;   /* a model with a roster (model_set_roster), run firm by firm: what
                            each of its firms did; NULL otherwise */
} RunResult;

/* Words of 64 bits holding one bit per replication of `reps`. */
guint64 runner_met_words(guint64 reps);

/* Whether replication `rep` of `r` (run with met_bits) met target `t`, or
 * every target when t is r->model->n_targets. */
gboolean runner_met(const RunResult *r, int t, guint64 rep);

/* Runs `config->reps` replications of `m`: by cohorts (engine.h), or firm
 * by firm (firms.h) when `m` has a roster, its stages the roster does not
 * cover from their baselines.  When the roster's firms have standardised
 * attributes (model_set_roster_attributes), each replication takes the
 * coefficients of [effects] (engine_draw_effects: drawn when
 * config->uncertain, else central) and they move those firms' chances.  The result (caller owns,
 * runner_result_free) is the same, bit for bit, for any thread count.  Fails
 * with an INPUT error when drawn parameters make a year invalid (the
 * lowest such replication is reported), and with LADDER_ERROR_CANCELLED
 * when *config->cancel becomes non-zero. */
RunResult *runner_run(const Model *m, const RunConfig *config, GError **error);

void runner_result_free(RunResult *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RunResult, runner_result_free)

/* K models run side by side under common random numbers (paired.h). */
typedef struct PairedResult PairedResult;

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

#endif
