/* allocate.h: `ladder allocate`: which combination of a scenario's
 * policies, each off or on at one of its levels, gives the best chance of
 * meeting the targets within a budget, under common random numbers; the
 * efficient frontier of cost against probability.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_ALLOCATE_H
#define LADDER_ALLOCATE_H

#include <glib.h>
#include "model.h"
#include "paired.h"
#include "runner.h"

/* Up to this many combinations every one is run (exhaustive); beyond, the
 * search of allocate_new. */
#define ALLOCATE_MAX_EXHAUSTIVE 256

/* --method exhaustive runs at most this many combinations: each keeps a
 * bit per replication (at 20,000 replications, 2.5 KB), and the run time
 * grows with them. */
#define ALLOCATE_MAX_FORCED 20000

/* Models run in one runner_run_paired call at most: each holds its own
 * histograms, so a chunk bounds the memory. */
#define ALLOCATE_CHUNK 64

/* Replications of the search's screening runs: a tenth of the full run,
 * at least ALLOCATE_MIN_SCREEN (or the full run when it is smaller). */
#define ALLOCATE_SCREEN_SHARE 10
#define ALLOCATE_MIN_SCREEN 1000

/* A screened combination goes on to the full run unless a combination no
 * dearer beats it by more than this many standard errors of their paired
 * difference (common random numbers, at the screening replications). */
#define ALLOCATE_SCREEN_MARGIN 2.0
/* The search's frontier run in full keeps, in order of cost, a screened
 * combination higher than every one no dearer only when it rises above
 * the last kept by more than this many paired standard errors (a finer
 * frontier would be steps within the noise, at a full run each). */
#define ALLOCATE_FRONTIER_STEP 2.0
/* The search's surrogate (additive in the logit, see allocate.c) ranks
 * every combination when there are at most this many (each is priced,
 * not run); beyond, only the local search looks for the best. */
#define ALLOCATE_MAX_PREDICT 65536
/* Rounds of fitting the surrogate and screening its candidates, at most. */
#define ALLOCATE_SURROGATE_ROUNDS 4
/* Each round screens the surrogate's this many best within the budget. */
#define ALLOCATE_BUDGET_CANDIDATES 24
/* Moves of the local search within the budget, at most. */
#define ALLOCATE_MAX_MOVES 20

/* One combination of the policies. */
typedef struct {
    int *choice;        /* [n_policies]: 0 off, else 1 + the index of its level */
    int n_on;           /* policies on */
    double cost;        /* 万元 over every year: cost.c on the combination's model */
    double probability; /* of the target (or every target), at the full replications */
    guint64 *met_bits;  /* [runner_met_words(reps)]: replication r met the target (or every
                           target) when bit r % 64 of word r / 64 is set; NULL until run */
    char *skip;         /* why it was skipped (its parameters are invalid); NULL when run */
    gboolean frontier;  /* no combination no dearer reaches as high a probability */
    PairedDiff step;    /* on the frontier: the paired difference from the previous frontier
                           row (allocate_step); all NaN for the first row and off it */
} AllocateCombo;

typedef enum {
    ALLOCATE_AUTO,       /* exhaustive up to ALLOCATE_MAX_EXHAUSTIVE combinations, else search */
    ALLOCATE_EXHAUSTIVE, /* every combination, up to ALLOCATE_MAX_FORCED */
    ALLOCATE_SEARCH,     /* the search, however few the combinations */
} AllocateMethod;

typedef struct {
    double budget;      /* 万元, >= 0 */
    int target;         /* index into the model's targets; -1: every target together */
    double goal;        /* --probability in [0, 1]; NaN when not asked */
    AllocateMethod method;
} AllocateConfig;

/* Why the file as written (every policy at level 1) has no result. */
typedef enum {
    ALLOCATE_WRITTEN_RUN,        /* it has: Allocation.as_written */
    ALLOCATE_WRITTEN_NO_LEVEL_1, /* a policy's levels leave out 1 */
    ALLOCATE_WRITTEN_NOT_RUN,    /* the search did not reach it */
    ALLOCATE_WRITTEN_SKIPPED,    /* its parameters are invalid (in Allocation.skipped) */
} AllocateWritten;

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
                               then allocate_precedes; never a skipped one */
    int n_skipped;
    AllocateCombo *skipped; /* [n_skipped]: combinations whose parameters are invalid (a level
                               pushes a rate past its bounds, at central values or in a drawn
                               replication), each with its skip reason, in the order met */
    int best;               /* the best within the budget, or -1 (none is) */
    int cheapest;           /* the cheapest reaching config.goal, or -1 */
    int as_written;         /* the file as written (every policy at level 1) in combos, or -1 */
    AllocateWritten written;/* why as_written is -1 */
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
 * numbers) and finds the best within config->budget, the frontier (each
 * row with its paired step from the previous one) and the cheapest
 * reaching config->goal.  config->method ALLOCATE_AUTO: at most
 * ALLOCATE_MAX_EXHAUSTIVE combinations are all run at run->reps, beyond a
 * search (surrogate and local search, see allocate.c) screened at reduced replications
 * whose finalists are re-run at run->reps; then `search` is TRUE and
 * nothing is exact.  ALLOCATE_EXHAUSTIVE and ALLOCATE_SEARCH force either.
 * A combination whose parameters are invalid is skipped (a->skipped), not
 * fatal; the one with no policy is the file's own base, never skipped.
 * Caller owns the result (allocate_free).  Fails with an INPUT error when
 * `m` has no policy, when exhaustive is forced on more than
 * ALLOCATE_MAX_FORCED combinations, or when the base itself is invalid,
 * and as runner_run_paired (cancelled). */
Allocation *allocate_new(const Model *m, const AllocateConfig *config, const RunConfig *run, GError **error);
void allocate_free(Allocation *a);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Allocation, allocate_free)

/* The paired (common random numbers) difference of combination `to`'s
 * probability less combination `from`'s, both of a->combos, from their
 * per-replication bits: mean exactly to's probability less from's, sd of
 * the per-replication differences, and its 95% interval around the mean.
 * Two combinations that met the target in the same replications have
 * mean, sd and width exactly 0. */
PairedDiff allocate_step(const Allocation *a, int from, int to);

/* TRUE when the 95% interval of `d` includes 0: a step within the noise. */
gboolean allocate_step_within_noise(PairedDiff d);

/* "政策甲×0.5 + 政策乙" or "-" when none is on: a combination in words.
 * Caller frees. */
char *allocate_combo_label(const Model *m, const int *choice);

#endif
