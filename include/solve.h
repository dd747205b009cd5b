/* solve.h: the least change of one parameter (a lever) that makes a target,
 * or every target together, at least as likely as wanted: a search on the
 * parameter's grid, every candidate run under common random numbers.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_SOLVE_H
#define LADDER_SOLVE_H

#include <glib.h>

#include "model.h"
#include "runner.h"

#define SOLVE_ALL_TARGETS (-1)       /* SolveQuestion.target: every target met together */
#define SOLVE_PROBABILITY_STEP 0.001 /* grid of edges, exits and renewals, and of factors on them */
#define SOLVE_COUNT_STEP 1.0         /* grid of inflows and recruitment, and of addends to them: whole firms a year */
/* Default upper bound of a count c: max(10 c, c + 1000) firms a year (so
 * an addend of max(9 c, 1000)). */
#define SOLVE_COUNT_MAX_FACTOR 10.0
#define SOLVE_COUNT_MAX_ADD 1000.0
/* The most firms a year a count may be set to, or added to it: beyond any
 * district, and it keeps grid positions well inside 64 bits. */
#define SOLVE_COUNT_LIMIT 1e9
/* Default highest factor on a probability: ten times the rate is beyond any
 * policy's reach; values reaching 1 (or a stage's exits and edges summing to
 * 1) pull it in further. */
#define SOLVE_FACTOR_MAX 10.0
/* The highest factor --max may give (a rate of 0.001 reaching 1). */
#define SOLVE_FACTOR_LIMIT 1000.0

/* How the lever acts.  SOLVE_MODE_POLICY (the default): as a policy appended
 * to the file, after every policy of the year and on top of the drawn
 * values, "*x" on a probability, "+x" on a count; at x = 1 (or 0) it is
 * `ladder run`.  SOLVE_MODE_SET: the parameter is set to a value in place of
 * its base value, so it is no longer drawn from [uncertainty]. */
typedef enum { SOLVE_MODE_POLICY, SOLVE_MODE_SET } SolveMode;

/* What is asked. */
typedef struct {
    int param;        /* index into Model.params: the lever */
    SolveMode mode;
    int target;       /* index into Model.targets, or SOLVE_ALL_TARGETS */
    double wanted;    /* probability wanted, 0 < wanted < 1 */
    int from;         /* first year the lever acts in, base_year+1 .. horizon */
    double min, max;  /* bounds of the values tried (factors, addends or values), on the grid;
                         NAN: the default */
    gboolean min_given, max_given; /* --min, --max were given (the report's command repeats only those) */
} SolveQuestion;

/* One candidate run. */
typedef struct {
    double value;        /* the lever's value: a factor, an addend (firms a year) or,
                            in SOLVE_MODE_SET, a probability or firms a year */
    double probability;  /* share of replications meeting the target(s) */
} SolvePoint;

typedef struct SolveResult {
    const Model *model;   /* borrowed */
    SolveQuestion question; /* min and max: the bounds searched, after defaults and the
                               values every replication accepts */
    RunConfig config;
    LeverOp op;           /* LEVER_MULTIPLY, LEVER_ADD, or LEVER_SET in SOLVE_MODE_SET */
    double central;       /* the parameter's central value c: as written, or its mean */
    double current;       /* the lever's value that changes nothing: 1, 0, or c */
    double step;          /* SOLVE_PROBABILITY_STEP or SOLVE_COUNT_STEP */
    double base_probability; /* at `current` */
    double run_probability;  /* `ladder run`'s, same seed and replications: == base_probability
                                in SOLVE_MODE_POLICY; in SOLVE_MODE_SET from a plain run, and it
                                differs when the lever is drawn there */
    gboolean reachable;   /* some value within the bounds reaches `wanted` */
    double value;         /* the answer (== current when already met); NAN when unreachable */
    double probability, se; /* at `value`, with its Monte Carlo standard error; NAN when unreachable */
    double short_value;   /* one step short of `value`, towards current; NAN when value == current */
    double short_probability; /* there, < wanted; NAN as short_value */
    double best_value, best_probability; /* the highest probability evaluated (ties: the least change) */
    int n_points;
    SolvePoint *points;   /* every value evaluated, sorted by value */
} SolveResult;

/* Grid step of the lever on parameter `param` of `m` (either mode). */
double solve_step(const Model *m, int param);

/* How the lever on `param` acts in `mode`. */
LeverOp solve_lever_op(const Model *m, int param, SolveMode mode);

/* The parameter's central value: `value`, or the mean of its distribution. */
double solve_central(const Model *m, int param);

/* The lever's value that changes nothing: 1 for a factor, 0 for an addend,
 * the central value in SOLVE_MODE_SET. */
double solve_current(const Model *m, int param, SolveMode mode);

/* The values the lever on `param` may take from year `from` on, on its
 * grid, that keep every year from `from` to the horizon valid at central
 * values (probabilities in [0, 1], a stage's exit plus edges at most 1,
 * counts not negative): within [0, 1] for a probability and [0,
 * SOLVE_COUNT_LIMIT] for a count in SOLVE_MODE_SET; factors within [0,
 * SOLVE_FACTOR_LIMIT] and addends within [-SOLVE_COUNT_LIMIT,
 * SOLVE_COUNT_LIMIT] in SOLVE_MODE_POLICY.  The current value lies inside.
 * Fails with model_year_params' INPUT error when the scenario is invalid at
 * the current value itself. */
gboolean solve_range(const Model *m, int param, int from, SolveMode mode, double *lo, double *hi,
                     GError **error);

/* The default bounds: solve_range, with the upper end of a count c at
 * max(10 c, c + 1000) (an addend at max(9 c, 1000)) and of a factor at
 * SOLVE_FACTOR_MAX. */
gboolean solve_default_bounds(const Model *m, int param, int from, SolveMode mode, double *lo, double *hi,
                              GError **error);

/* TRUE when appending the policy group "[policy NAME] from = FROM, KEY =
 * OPx" to the scenario reproduces `r`'s answer exactly in `ladder run`:
 * always in SOLVE_MODE_POLICY; in SOLVE_MODE_SET ("= =v") only when no
 * policy of the scenario changes the lever from `from` on (it would act on
 * the set value, and "=v" after it). */
gboolean solve_policy_reproduces(const SolveResult *r);

/* TRUE when `r`'s base (the lever at its current value) is `ladder run`'s
 * simulation draw for draw: in SOLVE_MODE_POLICY, or in SOLVE_MODE_SET when
 * the lever's parameter is not drawn anyway.  Otherwise the base fixes a
 * drawn parameter, and run_probability is beside it. */
gboolean solve_base_is_run(const SolveResult *r);

/* Answers `q` about `m` (borrowed; it must outlive the result): each
 * candidate value v is a runner_run of a copy of `m` with
 * model_set_lever_op(param, from, solve_lever_op(mode), v) under `config`,
 * so every candidate sees the same replications (common random numbers).
 * In SOLVE_MODE_POLICY the lever acts on the drawn values after the
 * policies, so at the current value the run is `ladder run`'s, draw for
 * draw.  In SOLVE_MODE_SET it replaces the parameter's value, drawn or not,
 * in the years it acts in: an uncertain lever is no longer uncertain there,
 * and a plain run gives run_probability beside it.
 *
 * Already met at the current value: that is the answer.  Otherwise each
 * side of the current value whose bound reaches `wanted` is bisected on the
 * grid to two neighbours, the one nearer the current value short of
 * `wanted` and the other reaching it; of two such sides the smaller change
 * wins.  When neither bound reaches it, each side is searched for a peak
 * between (one peak assumed) before the answer is "unreachable".  A bound where drawn values make a replication invalid is pulled
 * in, by bisection, to the last value every replication accepts.  `q->min`
 * <= current <= `q->max` (when given) is the caller's to check, with
 * solve_range.  The result (caller owns, solve_result_free) is the same for
 * any thread count.  Fails as runner_run does (an INPUT error when the
 * scenario itself is invalid, CANCELLED on Ctrl-C). */
SolveResult *solve_run(const Model *m, const SolveQuestion *q, const RunConfig *config, GError **error);

void solve_result_free(SolveResult *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SolveResult, solve_result_free)

#endif
