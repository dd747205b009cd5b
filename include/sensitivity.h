/* sensitivity.h: one parameter at a time: the low and high value of every
 * parameter and baseline, the model variants that carry them, run side by
 * side with the base model under common random numbers (every other
 * parameter drawn as `ladder run` draws it, or all at central values), and
 * the parameters ranked by how far each moves the probability of each
 * target.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_SENSITIVITY_H
#define LADDER_SENSITIVITY_H

#include <glib.h>
#include "model.h"
#include "runner.h"

#define SENSITIVITY_P_LOW 0.05          /* a distribution's low value: its P5 */
#define SENSITIVITY_P_HIGH 0.95         /* and its high value: its P95 */
#define SENSITIVITY_DEFAULT_SPREAD 0.2  /* ±20% for a value without a distribution (the default) */
#define SENSITIVITY_ALL "all"           /* the entry for every target met together */
#define SENSITIVITY_EVERY_TARGET (-1)   /* sensitivity_run: every target, then all */

/* How a sensitivity is run: the command's flags. */
typedef struct {
    double spread;       /* 0 < spread < 1: a value without a distribution goes ±spread */
    gboolean central;    /* --central: every model at central values, the base then differs
                            from `ladder run`'s; FALSE: every parameter but the varied one
                            drawn from [uncertainty], the base is `ladder run`'s */
    gboolean baselines;  /* --baselines: also vary baselines without [uncertainty], ±spread */
} SensitivityOptions;

/* Where a parameter's low and high values come from. */
typedef enum {
    SENSITIVITY_FROM_UNCERTAINTY,   /* P5 and P95 of its [uncertainty] distribution */
    SENSITIVITY_FROM_SPREAD,        /* value × (1 ∓ spread) */
} SensitivitySource;

/* One parameter the sensitivity varies: a Param of the model or a stage's
 * baseline. */
typedef struct {
    char *key;          /* as a policy writes it, "tech_sme -> hightech", "exit.startup";
                           "baseline.ID" for a baseline */
    int param;          /* index into Model.params; -1 for a baseline */
    int stage;          /* the baseline's stage, or the parameter's (an edge's source) */
    double central;     /* the base model's central value: a probability 0..1, firms a
                           year, or firms for a baseline (an uncertain one's mean, rint) */
    double low, high;   /* the two variants' values, low < high, valid in every year */
    SensitivitySource source;
    gboolean capped;    /* low or high was pulled in to the furthest value valid in every year */
    const Model *owner; /* whose parameter or stage `param` and `stage` index: the plan's model,
                           or for a region (region.h) one of the scenarios under it */
    int scenario;       /* a region's: the number of that scenario (region_scenario), or -1 for
                           the region's own parameter (a [common] factor) */
    int part;           /* a region's: the part that scenario is in, or -1 */
} SensitivityParam;

/* Why a parameter is not varied. */
typedef enum {
    SENSITIVITY_SKIP_ZERO,      /* value 0 and no distribution: ±spread leaves it at 0 */
    SENSITIVITY_SKIP_NO_FIRMS,  /* a baseline of 0 firms */
    SENSITIVITY_SKIP_ROUNDS,    /* a baseline whose varied counts round to itself */
    SENSITIVITY_SKIP_NO_ROOM,   /* no valid value but the central one */
    SENSITIVITY_SKIP_NO_UNCERTAINTY, /* a baseline without [uncertainty], and no --baselines */
} SensitivitySkipReason;

typedef struct {
    char *key;                  /* as in SensitivityParam */
    SensitivitySkipReason reason;
} SensitivitySkip;

/* The parameters to vary, with their values, in model order: the Params,
 * then the baselines in stage order.  For a region: each [common] factor
 * that is drawn (from its P5 to its P95; key "[common] KEY"), then each
 * scenario under it in turn, as a scenario's plan (key "NAME: KEY"). */
typedef struct SensitivityPlan {
    const Model *model;   /* borrowed */
    SensitivityOptions options;
    GArray *params;       /* SensitivityParam */
    GArray *skipped;      /* SensitivitySkip */
} SensitivityPlan;

/* The plan for `m` (borrowed; it must outlive the plan; caller owns the
 * plan, sensitivity_plan_free) with `o` (copied).  Each parameter or
 * baseline with an [uncertainty] distribution goes from its P5 to its P95;
 * any other parameter from value × (1 - spread) to value × (1 + spread), a
 * probability clamped to [0, 1]; any other baseline likewise, but only
 * with o->baselines (else it is skipped, SENSITIVITY_SKIP_NO_UNCERTAINTY).
 * A baseline's values are rounded to whole firms, ties to even (rint, as
 * the engine rounds a drawn one).  A value that would make some year
 * invalid (model_year_params, every other parameter central) is pulled in
 * to the furthest valid one, rounded towards the central value at
 * SENSITIVITY_CAP_DECIMALS, and marked capped.  A parameter whose low and
 * high values coincide is in `skipped`.  Fails with model_year_params's
 * INPUT error when `m` is invalid at its central values. */
SensitivityPlan *sensitivity_plan_new(const Model *m, const SensitivityOptions *o, GError **error);

void sensitivity_plan_free(SensitivityPlan *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SensitivityPlan, sensitivity_plan_free)

#define SENSITIVITY_CAP_DECIMALS 9  /* a capped value is shown and used with 9 decimals */

/* A copy of the plan's model with parameter `i` of the plan made certain
 * at its high value (`high`) or its low value (caller owns, model_free);
 * every other parameter keeps its distribution, and its draws, which are
 * keyed by what the parameter is.  A region's copy shares the parts it
 * does not change with the plan's model (model_copy_sharing_parts), which
 * must outlive it. */
Model *sensitivity_variant(const SensitivityPlan *p, guint i, gboolean high);

/* English text of `reason`, for sensitivity.json. */
const char *sensitivity_skip_text(SensitivitySkipReason reason);

/* One parameter's effect on one target. */
typedef struct {
    const SensitivityParam *param;  /* borrowed from the plan */
    double probability_low;         /* share of replications meeting the target at param->low */
    double probability_high;        /* and at param->high */
    double swing;                   /* |probability_high - probability_low|, 0..1 */
} SensitivityRow;

typedef struct {
    const char *name;           /* the target's name (borrowed from the model), or SENSITIVITY_ALL */
    int target;                 /* index into Model.targets; -1 for every target together */
    double base_probability;    /* the base model's: `ladder run`'s, or with --central at central values */
    double run_probability;     /* `ladder run`'s for the same seed and replications: the same
                                   number as base_probability unless --central; NaN when
                                   `ladder run` fails on the file (Sensitivity.run_error) */
    int n_rows;
    SensitivityRow *rows;       /* by swing, largest first; ties by key */
} SensitivityTarget;

typedef struct Sensitivity {
    SensitivityPlan *plan;      /* owned; plan->options.central says which base */
    RunConfig config;           /* as run: uncertain TRUE, or FALSE with --central */
    char *run_error;            /* --central only: why `ladder run` fails on the file (its draws
                                   make a year invalid), or NULL */
    int n_targets;
    SensitivityTarget *targets; /* the chosen one, or every target in file order then all */
} Sensitivity;

/* Runs the base model `m` and the low and high variant of every parameter
 * of its plan (sensitivity_plan_new with `o`), all in one
 * runner_run_paired call, so replication r of every variant shares the
 * base's random numbers; then ranks the parameters for `target`: an index
 * into m->targets, m->n_targets for every target together, or
 * SENSITIVITY_EVERY_TARGET for each target then all.  config->uncertain is
 * ignored: by default every model draws [uncertainty] (the base is then
 * exactly `ladder run`'s replications, same seed and reps, same
 * probabilities); with o->central every model runs at central values and
 * `m` is also run once as `ladder run` runs it, for run_probability.
 * Caller owns the result (sensitivity_free); `m` must outlive it.  Fails
 * with an INPUT error when `m` has no target or is invalid at central
 * values, or as runner_run_paired (an invalid drawn year;
 * LADDER_ERROR_CANCELLED on Ctrl-C).  With --central, a file `ladder run`
 * fails on (an invalid drawn year) is still analysed: run_probability is
 * then NaN and run_error says why. */
Sensitivity *sensitivity_run(const Model *m, const SensitivityOptions *o, int target, const RunConfig *config,
                             GError **error);

void sensitivity_free(Sensitivity *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Sensitivity, sensitivity_free)

/* The index for sensitivity_run of the target named `name`: its index in
 * m->targets, or m->n_targets for SENSITIVITY_ALL (unless a target has that
 * name).  -1 with a USAGE error suggesting the nearest name otherwise. */
int sensitivity_target_find(const Model *m, const char *name, GError **error);

#endif
