/* allocate.h: `ladder allocate`: which combination of a scenario's
 * policies, each off or on at one of its levels, gives the best chance of
 * meeting the targets within a budget, under common random numbers; the
 * efficient frontier of cost against probability.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_ALLOCATE_H
#define LADDER_ALLOCATE_H

#include <glib.h>
#include "model.h"
#include "runner.h"

/* Up to this many combinations every one is run (exhaustive); beyond, the
 * search of allocate_new. */
#define ALLOCATE_MAX_EXHAUSTIVE 256

/* Models run in one runner_run_paired call at most: each holds its own
 * histograms, so a chunk bounds the memory. */
#define ALLOCATE_CHUNK 64

/* Replications of the search's screening runs: a tenth of the full run,
 * at least ALLOCATE_MIN_SCREEN (or the full run when it is smaller). */
#define ALLOCATE_SCREEN_SHARE 10
#define ALLOCATE_MIN_SCREEN 1000

/* A screened combination goes on to the full run unless a combination no
 * dearer beats it by more than this many standard errors (of a
 * probability at the screening replications). */
#define ALLOCATE_SCREEN_MARGIN 2.0

/* One combination of the policies. */
typedef struct {
    int *choice;        /* [n_policies]: 0 off, else 1 + the index of its level */
    int n_on;           /* policies on */
    double cost;        /* 万元 over every year: cost.c on the combination's model */
    double probability; /* of the target (or every target), at the full replications */
    gboolean frontier;  /* no combination no dearer reaches as high a probability */
} AllocateCombo;

typedef struct {
    double budget;      /* 万元, >= 0 */
    int target;         /* index into the model's targets; -1: every target together */
    double goal;        /* --probability in [0, 1]; NaN when not asked */
} AllocateConfig;

typedef struct Allocation {
    const Model *model;     /* borrowed: the scenario, its policies as written */
    AllocateConfig config;
    gboolean search;        /* FALSE: every combination was run */
    guint64 n_combinations; /* prod over policies of (1 + levels) */
    guint64 reps;           /* full replications */
    guint64 screen_reps;    /* the search's screening replications; 0 when exhaustive */
    int n_screened;         /* combinations screened (search); 0 when exhaustive */
    int n_combos;           /* combinations run at full replications */
    AllocateCombo *combos;  /* [n_combos], by cost, then probability (highest first),
                               then allocate_precedes */
    int best;               /* the best within the budget, or -1 (none is) */
    int cheapest;           /* the cheapest reaching config.goal, or -1 */
} Allocation;

/* Policy `p` of `m` at choice `choice` (0 off): the level, or 0. */
double allocate_level(const Model *m, int p, int choice);

/* The model of a combination: a copy of `m` with the policies off dropped
 * and the others at their levels (caller owns). */
Model *allocate_model(const Model *m, const int *choice);

/* TRUE when `a` goes before `b` at the same cost and probability: fewer
 * policies on, then file order (at the first policy where they differ,
 * the one that has it on, at the lower level). */
gboolean allocate_precedes(const AllocateCombo *a, const AllocateCombo *b, int n_policies);

/* Runs the combinations of `m`'s policies under `run` (common random
 * numbers) and finds the best within config->budget, the frontier and
 * the cheapest reaching config->goal.  At most ALLOCATE_MAX_EXHAUSTIVE
 * combinations: all of them at run->reps.  Beyond: a search (greedy
 * ascent, see allocate.c) screened at reduced replications whose
 * finalists are re-run at run->reps; then `search` is TRUE and nothing is
 * exact.  Caller owns the result (allocate_free).  Fails with an INPUT
 * error when `m` has no policy or a combination's parameters are invalid
 * (naming it), and as runner_run_paired. */
Allocation *allocate_new(const Model *m, const AllocateConfig *config, const RunConfig *run, GError **error);
void allocate_free(Allocation *a);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Allocation, allocate_free)

/* "政策甲×0.5 + 政策乙" or "-" when none is on: a combination in words.
 * Caller frees. */
char *allocate_combo_label(const Model *m, const int *choice);

#endif
