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
#define SOLVE_PROBABILITY_STEP 0.001 /* grid of edges, exits and renewals */
#define SOLVE_COUNT_STEP 1.0         /* grid of inflows and recruitment: whole firms a year */
/* Default upper bound of a count c: max(10 c, c + 1000) firms a year. */
#define SOLVE_COUNT_MAX_FACTOR 10.0
#define SOLVE_COUNT_MAX_ADD 1000.0
/* The most firms a year a count may be set to: beyond any district, and it
 * keeps grid positions well inside 64 bits. */
#define SOLVE_COUNT_LIMIT 1e9

/* What is asked. */
typedef struct {
    int param;        /* index into Model.params: the lever */
    int target;       /* index into Model.targets, or SOLVE_ALL_TARGETS */
    double wanted;    /* probability wanted, 0 < wanted < 1 */
    int from;         /* first year the lever acts in, base_year+1 .. horizon */
    double min, max;  /* bounds of the values tried, on the grid; NAN: the default */
} SolveQuestion;

/* One candidate run. */
typedef struct {
    double value;        /* the lever's value: a probability, or firms a year */
    double probability;  /* share of replications meeting the target(s) */
} SolvePoint;

typedef struct SolveResult {
    const Model *model;   /* borrowed */
    SolveQuestion question; /* min and max: the bounds searched, after defaults and the
                               values every replication accepts */
    RunConfig config;
    double current;       /* the parameter's central value c: as written, or its mean */
    double step;          /* SOLVE_PROBABILITY_STEP or SOLVE_COUNT_STEP */
    gboolean reachable;   /* some value within the bounds reaches `wanted` */
    double value;         /* the answer (== current when already met); NAN when unreachable */
    double probability, se; /* at `value`, with its Monte Carlo standard error; NAN when unreachable */
    double short_value;   /* one step short of `value`, towards current; NAN when value == current */
    double short_probability; /* there, < wanted; NAN as short_value */
    double best_value, best_probability; /* the highest probability evaluated (ties: the least change) */
    int n_points;
    SolvePoint *points;   /* every value evaluated, sorted by value */
} SolveResult;

/* Grid step of parameter `param` of `m`. */
double solve_step(const Model *m, int param);

/* The parameter's central value: `value`, or the mean of its distribution. */
double solve_current(const Model *m, int param);

/* The values `param` may take from year `from` on, on its grid: [0, 1] for
 * a probability, [0, SOLVE_COUNT_LIMIT] for a count, narrowed to where every year
 * from `from` to the horizon stays valid at central values (a stage's exit
 * plus edges at most 1, policies keeping values in range).  The current
 * value lies inside.  Fails with model_year_params' INPUT error when the
 * scenario is invalid at the current value itself. */
gboolean solve_range(const Model *m, int param, int from, double *lo, double *hi, GError **error);

/* The default bounds: solve_range, with the upper end of a count at
 * max(10 c, c + 1000). */
gboolean solve_default_bounds(const Model *m, int param, int from, double *lo, double *hi,
                              GError **error);

/* Answers `q` about `m` (borrowed; it must outlive the result): each
 * candidate value v is a runner_run of a copy of `m` with
 * model_set_lever(param, from, v) under `config`, so every candidate sees
 * the same replications (common random numbers).  A lever replaces the
 * parameter's value, drawn or not, in the years it acts in: an uncertain
 * lever is no longer uncertain there.
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
