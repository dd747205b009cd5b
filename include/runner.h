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

/* A service given to known firms of a run's roster (cultivate.h): a
 * served firm takes the year parameters of `served` (the run's model with
 * the service's levers), in each replication from the same draws as the
 * run's; every other firm, and every figure of the run, is as without it
 * (firms_serve). */
typedef struct {
    const Model *served;
    const int *firms;    /* roster indices, n_firms >= 1 (one may come twice, in two rows) */
    int n_firms;
    const int *row;      /* [n_firms]: the RunGain row firm j counts in, all of a row's firms
                            served at once; NULL: firm j alone in row j */
    int n_rows;          /* rows; n_firms when `row` is NULL */
    const gint64 *counts;/* NULL; else RunResult.counts of a run of the same model, seed and
                            replications: then each replication is only prepared (firms_prepare)
                            and its served firms run, against these counts, and the result has
                            nothing but `gain` (a fraction of a run's cost) */
} RunService;

/* What a service did, summed over replications (exact integers, the same
 * for any thread count): a row per group of firms served at once
 * (RunService.row).  T = n_targets. */
typedef struct RunGain {
    int n_rows, n_targets;
    guint64 *changed;    /* [row]: replications where the service changed a contribution */
    gint64 *count;       /* [row * T + t]: the row's contribution to target t without the service
                            (model_target_count of its firms' histories) */
    gint64 *delta;       /* [row * T + t]: the change of it with the service */
    guint64 *delta_sq;   /* [row * T + t]: the square of that change */
    gint64 *met;         /* [row * (T + 1) + t]: (met with the service) - (met without); t = T:
                            every target */
    guint64 *met_abs;    /* [row * (T + 1) + t]: its absolute value (= its square) */
} RunGain;

void runner_gain_free(RunGain *g);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RunGain, runner_gain_free)

typedef struct {
    guint64 reps;        /* replications, >= 1 */
    guint64 seed;
    guint threads;       /* >= 1; results do not depend on it */
    gboolean uncertain;  /* draw [uncertainty] parameters (FALSE: central values) */
    gboolean progress;   /* draw a progress bar on stderr when the run lasts */
    gboolean entry_histograms; /* also histogram each year's entries (RunResult.entries) */
    gboolean met_bits;   /* also keep each replication's met / not met (RunResult.met_bits) */
    gboolean keep_counts;/* also keep each replication's target counts (RunResult.counts) */
    const volatile sig_atomic_t *cancel; /* non-zero: stop soon (Ctrl-C); may be NULL */
    const RunService *service; /* NULL; else model 0, which has a roster, gives its firms this
                                  service (RunResult.gain); it changes no other figure */
    gboolean rank_alone;       /* build/ladder-mpi (cluster.h): this rank runs every replication and
                                  shares nothing; the caller gave the other ranks other runs (whole
                                  variants of a sweep) and combines their results itself */
    const int *changed_part;   /* NULL; else [n_models] of runner_run_paired: for model k >= 1, a
                                  copy of models[0] (a region) that differs from it in part
                                  changed_part[k] only, which alone is run again in each replication
                                  (engine_replicate_region_part: the same figures at the cost of one
                                  part; its RunResult has its targets met and entries summed only:
                                  no histograms, no parts), or -1: run whole */
} RunConfig;

/* What one part of a region did over a run (RunResult.parts): exact sums,
 * the same for any thread count. */
typedef struct {
    const Model *model;  /* the part (borrowed from the region's ModelPart) */
    guint64 *target_met; /* [part n_targets]: replications that met the part's own target */
    guint64 all_met;     /* replications that met every one of them (all, when it has none) */
    gint64 *share_sum;   /* [region n_targets]: the part's share of the region's count (the count
                            of its own figures in the region's stages, lists and years), summed;
                            the parts' shares add up to the region's count in every replication */
    double *share_sumsq; /* [region n_targets]: its square summed (exact as an integer, then
                            rounded once to a double) */
    gint64 *stock_sum;   /* [region n_years * region n_stages]: its stock at the end of each year */
    gint64 *lists_sum;   /* [region n_years * region n_lists]: its count on each list */
} RunPart;

typedef struct RunResult {
    const Model *model;  /* borrowed */
    RunConfig config;    /* the run's, but `service` NULL (it was borrowed for the run) */
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
    RunGain *gain;       /* config.service: what it did; NULL otherwise */
    gint64 *counts;      /* NULL unless config.keep_counts; else [rep * n_targets + t]: replication
                            rep's count of target t (8 bytes a target and replication) */
    int n_parts;         /* a region's parts (region.h), else 0 */
    RunPart *parts;      /* [n_parts]: what each did; NULL for a scenario */
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

/* Replication `rep` of `m` (which has a roster) as runner_run with
 * `config` runs it, and the events of its known firm `firm` in it
 * (firms_trace; caller frees), with *stages ([n_years], caller frees) its
 * stage at the end of each year.  Fails as runner_run. */
GArray *runner_trace(const Model *m, const RunConfig *config, guint64 rep, int firm, int **stages,
                     GError **error);

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
