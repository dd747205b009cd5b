/* solve.c: the least change of a lever that reaches a wanted probability:
 * bisection on the parameter's grid, every candidate run with the same seed
 * and replications (common random numbers).
 * SPDX-License-Identifier: MIT */
#include "solve.h"

#include <math.h>
#include <string.h>

#include "errors.h"

/* In grid steps: a value this close to a grid point is on it (decimal
 * values such as 0.13 are not exact multiples of 0.001 in binary). */
#define GRID_SLACK 1e-6
/* Fibonacci numbers kept by climb: enough for SOLVE_COUNT_LIMIT positions. */
#define SOLVE_FIB_MAX 64

/* The state of one search. */
typedef struct {
    const Model *m;        /* borrowed */
    int param, from;       /* the lever */
    LeverOp op;
    int target;            /* as in SolveQuestion */
    double wanted;
    const RunConfig *config; /* NULL when nothing is run (solve_range) */
    double scale;          /* grid points per unit: 1 / step */
    double current;        /* the lever's value that changes nothing */
    GArray *points;        /* SolvePoint, in the order evaluated */
} Search;

/* The values on one side of the current one: position 0 is the current
 * value itself, position k >= 1 the k-th grid value beyond it in the
 * direction d. */
typedef struct {
    int d;                 /* +1: upwards, -1: downwards */
    gint64 first;          /* grid index of the current value, or of the grid point just behind it */
    gint64 last;           /* position of the bound; 0: nothing on this side */
} Side;

typedef enum { PROBE_ERROR = -1, PROBE_NO = 0, PROBE_YES = 1 } ProbeAnswer;

/* A yes-or-no question about position k of a side. */
typedef ProbeAnswer (*Probe)(Search *s, const Side *side, gint64 k, GError **error);

double solve_step(const Model *m, int param)
{
    return model_param_is_probability(m, param) ? SOLVE_PROBABILITY_STEP : SOLVE_COUNT_STEP;
}

LeverOp solve_lever_op(const Model *m, int param, SolveMode mode)
{
    if (mode == SOLVE_MODE_SET)
        return LEVER_SET;
    return model_param_is_probability(m, param) ? LEVER_MULTIPLY : LEVER_ADD;
}

double solve_central(const Model *m, int param)
{
    const Param *p = &m->params[param];
    return p->uncertain ? dist_central(&p->dist) : p->value;
}

double solve_current(const Model *m, int param, SolveMode mode)
{
    static const double unchanged[] = {[LEVER_MULTIPLY] = 1.0, [LEVER_ADD] = 0.0};
    LeverOp op = solve_lever_op(m, param, mode);
    return op == LEVER_SET ? solve_central(m, param) : unchanged[op];
}

static Search search_init(const Model *m, int param, int from, SolveMode mode, const SolveQuestion *q,
                          const RunConfig *config)
{
    return (Search){
        .m = m, .param = param, .from = from, .op = solve_lever_op(m, param, mode),
        .target = q ? q->target : SOLVE_ALL_TARGETS, .wanted = q ? q->wanted : 1,
        .config = config,
        .scale = 1.0 / solve_step(m, param),
        .current = solve_current(m, param, mode),
        .points = g_array_new(FALSE, FALSE, sizeof(SolvePoint)),
    };
}

/* The side in direction d from the current value to `bound`, which is
 * pulled in to the grid. */
static Side side_new(const Search *s, int d, double bound)
{
    double c = s->current * s->scale, b = bound * s->scale;
    Side side = {.d = d};
    side.first = (gint64)(d > 0 ? floor(c + GRID_SLACK) : ceil(c - GRID_SLACK));
    gint64 end = (gint64)(d > 0 ? floor(b + GRID_SLACK) : ceil(b - GRID_SLACK));
    side.last = MAX(0, d * (end - side.first));
    return side;
}

/* The value at position k of `side`.  Grid values are index / scale, the
 * double nearest the decimal (137 / 1000.0 is 0.137 as the user types it). */
static double side_value(const Search *s, const Side *side, gint64 k)
{
    return k == 0 ? s->current : (double)(side->first + side->d * k) / s->scale;
}

/* A copy of the model with the lever at `v` (caller owns). */
static Model *with_lever(const Search *s, double v)
{
    Model *c = model_copy(s->m);
    model_set_lever_op(c, s->param, s->from, s->op, v);
    return c;
}

/* TRUE when every year is valid at central values with the lever at `v`;
 * otherwise FALSE with model_year_params' error. */
static gboolean valid_central(const Search *s, double v, GError **error)
{
    g_autoptr(Model) c = with_lever(s, v);
    return model_central_valid(c, error);
}

/* The probability of the search's target(s) in a run of `m` into *p.
 * Fails as runner_run. */
static gboolean probability_of_run(const Search *s, const Model *m, double *p, GError **error)
{
    g_autoptr(RunResult) run = runner_run(m, s->config, error);
    if (run == NULL)
        return FALSE;
    guint64 met = s->target == SOLVE_ALL_TARGETS ? run->all_met : run->target_met[s->target];
    *p = (double)met / (double)s->config->reps;  /* as summary.c computes it */
    return TRUE;
}

/* The probability at lever value `v` in *p: from an earlier run of the
 * same value, else from a run, which is recorded.  Fails as runner_run. */
static gboolean evaluate(Search *s, double v, double *p, GError **error)
{
    for (guint i = 0; i < s->points->len; i++) {
        const SolvePoint *pt = &g_array_index(s->points, SolvePoint, i);
        if (pt->value == v) {
            *p = pt->probability;
            return TRUE;
        }
    }
    g_autoptr(Model) c = with_lever(s, v);
    if (!probability_of_run(s, c, p, error))
        return FALSE;
    SolvePoint pt = {v, *p};
    g_array_append_val(s->points, pt);
    return TRUE;
}

/* Is position k valid in every year at central values? */
static ProbeAnswer probe_central(Search *s, const Side *side, gint64 k, GError **error)
{
    (void)error;
    return valid_central(s, side_value(s, side, k), NULL) ? PROBE_YES : PROBE_NO;
}

/* Does position k run, i.e. is it valid for every replication's drawn
 * values?  Other failures (Ctrl-C) are errors. */
static ProbeAnswer probe_runs(Search *s, const Side *side, gint64 k, GError **error)
{
    double p;
    g_autoptr(GError) local = NULL;
    if (evaluate(s, side_value(s, side, k), &p, &local))
        return PROBE_YES;
    if (g_error_matches(local, LADDER_ERROR, LADDER_ERROR_INPUT))
        return PROBE_NO;
    g_propagate_error(error, g_steal_pointer(&local));
    return PROBE_ERROR;
}

/* Does position k reach the wanted probability? */
static ProbeAnswer probe_reaches(Search *s, const Side *side, gint64 k, GError **error)
{
    double p;
    if (!evaluate(s, side_value(s, side, k), &p, error))
        return PROBE_ERROR;
    return p >= s->wanted ? PROBE_YES : PROBE_NO;
}

/* Narrows the positions *yes (where `probe` holds) and *no (where it does
 * not) of `side` until they are neighbours.  Only positions between them
 * are probed, so every position probed on the far side of *no from *yes
 * answered no, and on the far side of *yes answered yes. */
static gboolean bisect(Search *s, const Side *side, Probe probe, gint64 *yes, gint64 *no, GError **error)
{
    while (ABS(*yes - *no) > 1) {
        gint64 mid = *no + (*yes - *no) / 2;
        ProbeAnswer a = probe(s, side, mid, error);
        if (a == PROBE_ERROR)
            return FALSE;
        *(a == PROBE_YES ? yes : no) = mid;
    }
    return TRUE;
}

/* Pulls side->last in to the last position `probe` accepts, position 0
 * being accepted.  Valid values form an interval around the current one
 * (policies move a value monotonically), so bisection finds its end. */
static gboolean pull_in(Search *s, Side *side, Probe probe, GError **error)
{
    if (side->last == 0)
        return TRUE;
    ProbeAnswer a = probe(s, side, side->last, error);
    if (a != PROBE_NO)
        return a == PROBE_YES;
    gint64 yes = 0, no = side->last;
    if (!bisect(s, side, probe, &yes, &no, error))
        return FALSE;
    side->last = yes;
    return TRUE;
}

/* The ends of the lever's values before checking any year, in *lo and
 * *hi; *count_hi is TRUE when the upper end holds without checking (a
 * count, which has no upper limit of its own). */
static void kind_limits(const Search *s, double *lo, double *hi, gboolean *count_hi)
{
    gboolean count = !model_param_is_probability(s->m, s->param);
    *count_hi = count;
    switch (s->op) {
    case LEVER_SET:
        *lo = 0.0;
        *hi = count ? SOLVE_COUNT_LIMIT : 1.0;
        return;
    case LEVER_MULTIPLY:
        *lo = 0.0;
        *hi = SOLVE_FACTOR_LIMIT;
        return;
    case LEVER_ADD:
        *lo = -SOLVE_COUNT_LIMIT;
        *hi = SOLVE_COUNT_LIMIT;
        return;
    }
    g_assert_not_reached();
}

gboolean solve_range(const Model *m, int param, int from, SolveMode mode, double *lo, double *hi,
                     GError **error)
{
    g_return_val_if_fail(param >= 0 && param < m->n_params, FALSE);
    Search s = search_init(m, param, from, mode, NULL, NULL);
    double kind_lo, kind_hi;
    gboolean count_hi;
    kind_limits(&s, &kind_lo, &kind_hi, &count_hi);
    gboolean ok = valid_central(&s, s.current, error);
    if (ok) {
        /* probe_central has no errors to report */
        Side down = side_new(&s, -1, kind_lo), up = side_new(&s, +1, count_hi ? s.current : kind_hi);
        pull_in(&s, &down, probe_central, NULL);
        pull_in(&s, &up, probe_central, NULL);
        *lo = side_value(&s, &down, down.last);
        *hi = count_hi ? kind_hi : side_value(&s, &up, up.last);
    }
    g_array_free(s.points, TRUE);
    return ok;
}

gboolean solve_default_bounds(const Model *m, int param, int from, SolveMode mode, double *lo, double *hi,
                              GError **error)
{
    if (!solve_range(m, param, from, mode, lo, hi, error))
        return FALSE;
    double c = solve_central(m, param);
    double count_top = floor(MAX(SOLVE_COUNT_MAX_FACTOR * c, c + SOLVE_COUNT_MAX_ADD) + GRID_SLACK);
    switch (solve_lever_op(m, param, mode)) {
    case LEVER_SET:
        *hi = model_param_is_probability(m, param) ? *hi : count_top;
        break;
    case LEVER_MULTIPLY:
        *hi = MIN(*hi, SOLVE_FACTOR_MAX);
        break;
    case LEVER_ADD:
        *hi = floor(count_top - c + GRID_SLACK);
        break;
    }
    return TRUE;
}

/* TRUE when some policy changes `param` in a year from `from` on. */
static gboolean policies_touch(const Model *m, int param, int from)
{
    for (int i = 0; i < m->n_policies; i++) {
        const Policy *p = &m->policies[i];
        for (int j = 0; p->to >= from && j < p->n_changes; j++)
            if (p->changes[j].param == param)
                return TRUE;
    }
    return FALSE;
}

gboolean solve_base_is_run(const SolveResult *r)
{
    return r->op != LEVER_SET || !(r->config.uncertain && r->model->params[r->question.param].uncertain);
}

gboolean solve_policy_reproduces(const SolveResult *r)
{
    return r->op != LEVER_SET || !policies_touch(r->model, r->question.param, r->question.from);
}

/* The probability already evaluated at `v`. */
static double probability_at(const Search *s, double v)
{
    for (guint i = 0; i < s->points->len; i++)
        if (g_array_index(s->points, SolvePoint, i).value == v)
            return g_array_index(s->points, SolvePoint, i).probability;
    g_return_val_if_reached(NAN);
}

/* The answer at position k of `side` into `r`. */
static void set_answer(const Search *s, const Side *side, gint64 k, SolveResult *r)
{
    r->reachable = TRUE;
    r->value = side_value(s, side, k);
    r->probability = probability_at(s, r->value);
    r->short_value = k > 0 ? side_value(s, side, k - 1) : NAN;
    r->short_probability = k > 0 ? probability_at(s, r->short_value) : NAN;
    g_assert(r->probability >= s->wanted && !(r->short_probability >= s->wanted));
}

/* The probability at position k of `side`; -1 beyond its bound, so that
 * a search turns back. */
static gboolean height(Search *s, const Side *side, gint64 k, double *p, GError **error)
{
    if (k > side->last) {
        *p = -1;
        return TRUE;
    }
    return evaluate(s, side_value(s, side, k), p, error);
}

/* Climbs `side` towards its highest probability, for a target that falls
 * at both bounds yet may peak between (every target together, when the
 * lever moves firms out of one target's stage into another's): Fibonacci
 * search (Kiefer, "Sequential minimax search for a maximum", Proc. AMS
 * 1953) over the positions, one new run a step, assuming a single peak.
 * Stops at the first position reaching the wanted probability, into
 * *found; -1 when none did. */
static gboolean climb(Search *s, const Side *side, gint64 *found, GError **error)
{
    gint64 fib[SOLVE_FIB_MAX] = {1, 1};
    int n = 1;
    while (fib[n] < side->last && n + 1 < SOLVE_FIB_MAX) {
        n++;
        fib[n] = fib[n - 1] + fib[n - 2];
    }
    gint64 a = 0;  /* the interval is [a, a + fib[n]] */
    *found = -1;
    for (; n >= 2; n--) {
        gint64 x1 = a + fib[n - 2], x2 = a + fib[n - 1];
        double p1, p2;
        if (!height(s, side, x1, &p1, error) || !height(s, side, x2, &p2, error))
            return FALSE;
        if (p1 >= s->wanted || p2 >= s->wanted) {
            *found = p1 >= s->wanted ? x1 : x2;
            return TRUE;
        }
        if (p1 < p2)
            a = x1;
    }
    return TRUE;
}

/* *found: side->last when the bound reaches the wanted probability, else -1. */
static gboolean bound_reaches(Search *s, const Side *side, gint64 *found, GError **error)
{
    *found = -1;
    if (side->last == 0)
        return TRUE;
    ProbeAnswer a = probe_reaches(s, side, side->last, error);  /* cached: pull_in ran it */
    if (a == PROBE_YES)
        *found = side->last;
    return a != PROBE_ERROR;
}

/* The position on `side` of value `v`, or -1 when it is not on its grid. */
static gint64 position_of(const Search *s, const Side *side, double v)
{
    if (v == s->current)
        return 0;
    double x = v * s->scale;
    double g = round(x);
    return fabs(x - g) > GRID_SLACK ? -1 : side->d * ((gint64)g - side->first);
}

/* Narrows *yes to the nearest position of `side` already evaluated (while
 * pulling bounds in, or climbing) that reaches the wanted probability, and
 * sets *no to the farthest one before it that fell short (0 at least), so
 * that after bisection every value evaluated nearer the current one than
 * the answer fell short. */
static void bracket(const Search *s, const Side *side, gint64 *yes, gint64 *no)
{
    *no = 0;
    for (int pass = 0; pass < 2; pass++)
        for (guint i = 0; i < s->points->len; i++) {
            const SolvePoint *pt = &g_array_index(s->points, SolvePoint, i);
            gint64 k = position_of(s, side, pt->value);
            gboolean reaches = pt->probability >= s->wanted;
            if (k < 1 || k > side->last)
                continue;
            if (pass == 0 && reaches && k < *yes)
                *yes = k;
            if (pass == 1 && !reaches && k < *yes && k > *no)
                *no = k;
        }
}

/* After the current value fell short: pulls each side's bound in to what
 * every replication accepts and looks for a position reaching the wanted
 * probability, at the bounds, else (neither reaching) at a peak between.
 * Each side with one is bisected between it and the current value; the
 * smaller change wins (upwards on a tie). */
static gboolean search_sides(Search *s, SolveResult *r, GError **error)
{
    Side sides[2] = {side_new(s, +1, r->question.max), side_new(s, -1, r->question.min)};
    gint64 found[2];
    for (int i = 0; i < 2; i++)
        if (!pull_in(s, &sides[i], probe_runs, error) || !bound_reaches(s, &sides[i], &found[i], error))
            return FALSE;
    r->question.max = side_value(s, &sides[0], sides[0].last);
    r->question.min = side_value(s, &sides[1], sides[1].last);
    for (int i = 0; i < 2 && found[0] < 0 && found[1] < 0; i++)
        if (!climb(s, &sides[i], &found[i], error))
            return FALSE;
    double best_change = INFINITY;
    for (int i = 0; i < 2; i++) {
        gint64 no;
        if (found[i] < 0)
            continue;
        bracket(s, &sides[i], &found[i], &no);
        if (!bisect(s, &sides[i], probe_reaches, &found[i], &no, error))
            return FALSE;
        double change = fabs(side_value(s, &sides[i], found[i]) - s->current);
        if (change < best_change) {
            best_change = change;
            set_answer(s, &sides[i], found[i], r);
        }
    }
    return TRUE;
}

/* The highest probability evaluated, the least change among equals. */
static void set_best(const Search *s, SolveResult *r)
{
    r->best_probability = -1;
    r->best_value = s->current;
    for (guint i = 0; i < s->points->len; i++) {
        const SolvePoint *pt = &g_array_index(s->points, SolvePoint, i);
        gboolean nearer = fabs(pt->value - s->current) < fabs(r->best_value - s->current);
        if (pt->probability > r->best_probability || (pt->probability == r->best_probability && nearer)) {
            r->best_probability = pt->probability;
            r->best_value = pt->value;
        }
    }
}

static int compare_points(gconstpointer a, gconstpointer b)
{
    double x = ((const SolvePoint *)a)->value, y = ((const SolvePoint *)b)->value;
    return (x > y) - (x < y);
}

static SolveResult *result_new(const Search *s, const SolveQuestion *q, double lo, double hi)
{
    SolveResult *r = g_new0(SolveResult, 1);
    r->model = s->m;
    r->question = *q;
    r->question.min = lo;
    r->question.max = hi;
    r->config = *s->config;
    r->op = s->op;
    r->central = solve_central(s->m, s->param);
    r->current = s->current;
    r->step = 1.0 / s->scale;
    r->value = r->probability = r->se = NAN;
    r->short_value = r->short_probability = NAN;
    r->best_value = r->best_probability = NAN;
    return r;
}

/* Runs the search into `r`: the current value first (and, when the lever
 * sets the value, a plain run beside it), then the sides. */
static gboolean search_all(Search *s, SolveResult *r, GError **error)
{
    double p0;
    if (!evaluate(s, s->current, &p0, error))
        return FALSE;
    r->base_probability = r->run_probability = p0;
    if (s->op == LEVER_SET && !probability_of_run(s, s->m, &r->run_probability, error))
        return FALSE;
    if (p0 >= s->wanted) {
        r->reachable = TRUE;
        r->value = s->current;
        r->probability = p0;
    } else if (!search_sides(s, r, error)) {
        return FALSE;
    }
    if (r->reachable)
        r->se = sqrt(r->probability * (1 - r->probability) / (double)s->config->reps);
    set_best(s, r);
    return TRUE;
}

SolveResult *solve_run(const Model *m, const SolveQuestion *q, const RunConfig *config, GError **error)
{
    g_return_val_if_fail(q->param >= 0 && q->param < m->n_params, NULL);
    g_return_val_if_fail(q->target == SOLVE_ALL_TARGETS || (q->target >= 0 && q->target < m->n_targets), NULL);
    g_return_val_if_fail(q->wanted > 0 && q->wanted < 1, NULL);
    g_return_val_if_fail(q->from > m->base_year && q->from <= m->horizon, NULL);
    double lo, hi, c = solve_current(m, q->param, q->mode);
    if (!solve_default_bounds(m, q->param, q->from, q->mode, &lo, &hi, error))
        return NULL;
    lo = isnan(q->min) ? lo : q->min;
    hi = isnan(q->max) ? hi : q->max;
    g_return_val_if_fail(lo <= c && c <= hi, NULL);
    Search s = search_init(m, q->param, q->from, q->mode, q, config);
    g_autoptr(SolveResult) r = result_new(&s, q, lo, hi);
    gboolean ok = search_all(&s, r, error);
    g_array_sort(s.points, compare_points);
    r->n_points = (int)s.points->len;
    r->points = (SolvePoint *)(void *)g_array_free(s.points, FALSE);
    return ok ? g_steal_pointer(&r) : NULL;
}

void solve_result_free(SolveResult *r)
{
    if (r == NULL)
        return;
    g_free(r->points);
    g_free(r);
}
