/* calibrate.c: maximum-likelihood fit of chosen parameters to published
 * counts through the exact expectation, with delta-method intervals from
 * the Hessian, profile-likelihood intervals, and an identification check
 * from the Hessian's eigenvalues and the profiles.
 * SPDX-License-Identifier: MIT */
#include "calibrate.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <string.h>

#include "errors.h"
#include "expect.h"

#define Z95 1.959963984540054     /* two-sided 95% normal quantile */
#define PENALTY 1e30              /* objective where the model is invalid */
#define START_SPREAD 1.5          /* other starts: up to e^1.5 (log) or 1.5 logits away */
#define SIMPLEX_STEP 0.5          /* the first simplex, in logit or log units */
#define SIMPLEX_TOL 1e-9          /* stop when the simplex is this small */
#define SIMPLEX_MAX_ITER 20000
#define SIMPLEX_STALL 100         /* times n + 1 iterations with no better point: flat, stop */
#define HESSIAN_STEP 1e-3         /* finite differences, in logit or log units */
#define FLAT_EIGENVALUE 0.01      /* curvature below: sd over 10 logit/log units along it */
#define FLAT_LOADING 0.05         /* a parameter with this weight in a flat direction is flat */
#define BOUND_Z 12.0              /* |logit| or |log| beyond: at the edge of the range */
#define PROB_FLOOR 1e-6           /* starts of probabilities kept inside (0, 1) */
#define PROFILE_STEP_SD 2.0       /* first step of a profile, in Hessian standard errors: past the
                                     end (1.96) when the likelihood is quadratic */
#define PROFILE_STEP_MIN 1e-3     /* ... but at least this and at most this, on the fitted scale */
#define PROFILE_STEP_MAX 1.0
#define PROFILE_TOL 1e-5          /* an end of a profile interval, on the fitted scale */
#define PROFILE_ROOT_TOL 1e-6     /* or |sqrt(2 drop) - sqrt(2 CALIBRATE_HALF_CHI2)| below this */
#define PROFILE_MAX_EVALS 80      /* refits of the others per end */
#define PROFILE_SIMPLEX_STEP 0.05 /* the others' first simplex, near their optimum already */

/* Everything the objective needs. */
typedef struct {
    const Model *m;
    const History *h;
    const FitParam *fit;
    int n_fit;
    double cv;
    double *base;      /* [n_params]: central values, fitted ones replaced */
    int first_year;    /* the recursion starts at the end of this year */
    const StartValue *starts; /* [n_stages]: where each stage's start comes from */
    double *start;     /* [n_stages]: firms at the end of first_year, fitted ones replaced */
    const gboolean *is_start; /* [h->n]: counts used as starts, not in the likelihood */
    double *stock, *entries;  /* [(horizon - first_year + 1) * n_stages] */
    double *lists;            /* [(horizon - first_year + 1) * n_lists] */
} Problem;

/* The value on its natural scale of a fitted parameter at z. */
static double from_z(const FitParam *f, double z)
{
    return f->probability ? 1 / (1 + exp(-z)) : exp(z);
}

static double to_z(const FitParam *f, double v)
{
    if (f->probability) {
        v = CLAMP(v, PROB_FLOOR, 1 - PROB_FLOOR);
        return log(v / (1 - v));
    }
    return log(MAX(v, 1.0));
}

/* Log-probability of count y given mean mu: Poisson (cv = 0) or negative
 * binomial with size 1/cv^2 (variance mu + cv^2 mu^2). */
static double log_pmf(gint64 y, double mu, double cv)
{
    double yd = (double)y;
    mu = MAX(mu, 1e-300);
    if (cv <= 0)
        return yd * log(mu) - mu - gsl_sf_lngamma(yd + 1);
    double r = 1 / (cv * cv);
    return gsl_sf_lngamma(yd + r) - gsl_sf_lngamma(r) - gsl_sf_lngamma(yd + 1) + r * log(r / (r + mu)) +
           yd * log(mu / (r + mu));
}

/* Expectation of every stock and entry count at z into p->stock and
 * p->entries; FALSE where the scenario is invalid there. */
static gboolean expect_at(Problem *p, const double *z)
{
    for (int i = 0; i < p->n_fit; i++) {
        const FitParam *f = &p->fit[i];
        double v = from_z(f, z[i]);
        if (f->what.param >= 0)
            p->base[f->what.param] = v;
        else if (p->starts[f->what.stage].source == START_FITTED)
            p->start[f->what.stage] = v;
    }
    return expect_run_from(p->m, p->base, p->first_year, p->start, p->stock, p->entries, NULL) &&
           expect_lists_from(p->m, p->base, p->first_year, p->stock, p->lists, NULL);
}

/* The expected value of observation `o` from the last expect_at: the one
 * place where a published count meets the model.  A new kind of count
 * (a list holding some stages and a share of another) is one more case
 * here; the fit and the intervals only see what this returns. */
static double observation_mean(const Problem *p, const Observation *o)
{
    const Model *m = p->m;
    int row = o->year - p->first_year;
    if (history_series_is_list(m, o->series))
        return p->lists[row * m->n_lists + o->series - m->n_stages];
    int cell = row * m->n_stages + o->series;
    return o->kind == HISTORY_STOCK ? p->stock[cell] : p->entries[cell];
}

/* Minus the log-likelihood at z. */
static double objective(const double *z, Problem *p)
{
    if (!expect_at(p, z))
        return PENALTY;
    double ll = 0;
    for (int i = 0; i < p->h->n; i++)
        if (!p->is_start[i])
            ll += log_pmf(p->h->obs[i].count, observation_mean(p, &p->h->obs[i]), p->cv);
    return isfinite(ll) ? -ll : PENALTY;
}

static double gsl_objective(const gsl_vector *z, void *params)
{
    return objective(z->data, params);
}

/* Nelder-Mead on `fn` (n >= 1 coordinates) from z (overwritten by the end
 * point) with a first simplex of `step`; returns fn there.  It stops when
 * the simplex is SIMPLEX_TOL small, or when SIMPLEX_STALL * (n + 1) steps
 * have found no better point: a simplex that contracts halves in about n
 * steps, so only one on a flat objective (counts that say nothing of these
 * rates) goes that long, and it would go on to SIMPLEX_MAX_ITER with its
 * best point unchanged. */
static double minimise(gsl_multimin_function *fn, double *z, double step)
{
    int n = (int)fn->n;
    gsl_vector *x = gsl_vector_alloc(n), *steps = gsl_vector_alloc(n);
    for (int i = 0; i < n; i++) {
        gsl_vector_set(x, i, z[i]);
        gsl_vector_set(steps, i, step);
    }
    gsl_multimin_fminimizer *s = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, n);
    gsl_multimin_fminimizer_set(s, fn, x, steps);
    double best = INFINITY;  /* s->fval is set by the first iterate, not by set */
    for (int it = 0, stalled = 0; it < SIMPLEX_MAX_ITER && stalled < SIMPLEX_STALL * (n + 1); it++) {
        if (gsl_multimin_fminimizer_iterate(s) != GSL_SUCCESS)
            break;
        if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), SIMPLEX_TOL) == GSL_SUCCESS)
            break;
        stalled = s->fval < best ? 0 : stalled + 1;
        best = MIN(best, s->fval);
    }
    for (int i = 0; i < n; i++)
        z[i] = gsl_vector_get(s->x, i);
    double f = s->fval;
    gsl_multimin_fminimizer_free(s);
    gsl_vector_free(x);
    gsl_vector_free(steps);
    return f;
}

/* minimise() on the objective of all p->n_fit parameters. */
static double simplex(Problem *p, double *z, double step)
{
    gsl_multimin_function fn = {.f = gsl_objective, .n = (size_t)p->n_fit, .params = p};
    return minimise(&fn, z, step);
}

/* The radical inverse of i in base b (a Halton coordinate in [0, 1)). */
static double halton(int i, int b)
{
    double f = 1, r = 0;
    for (; i > 0; i /= b) {
        f /= b;
        r += f * (i % b);
    }
    return r;
}

/* Start k: the scenario's values for k = 0, else a Halton point around
 * them, up to START_SPREAD away in each coordinate. */
static void start_point(const Problem *p, int k, double *z)
{
    static const int primes[CALIBRATE_MAX_FIT] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53};
    for (int i = 0; i < p->n_fit; i++) {
        z[i] = to_z(&p->fit[i], p->fit[i].start);
        if (k > 0)
            z[i] += START_SPREAD * (2 * halton(k, primes[i]) - 1);
    }
}

/* The best of several starts, each polished by a second, smaller simplex:
 * into z, with *n_agree the starts within CALIBRATE_AGREE of the best. */
static double best_of_starts(Problem *p, int n_starts, double *z, int *n_agree)
{
    int n = p->n_fit;
    g_autofree double *f = g_new(double, n_starts);
    g_autofree double *zs = g_new(double, (gsize)n_starts * n);
    int best = 0;
    for (int k = 0; k < n_starts; k++) {
        double *zk = zs + (gsize)k * n;
        start_point(p, k, zk);
        simplex(p, zk, SIMPLEX_STEP);
        f[k] = simplex(p, zk, SIMPLEX_STEP / 10);
        if (f[k] < f[best])
            best = k;
    }
    *n_agree = 0;
    for (int k = 0; k < n_starts; k++)
        *n_agree += f[k] - f[best] <= CALIBRATE_AGREE;
    memcpy(z, zs + (gsize)best * n, sizeof *z * n);
    return f[best];
}

/* The Hessian of the objective at z by central differences, into h. */
static void hessian(Problem *p, const double *z, gsl_matrix *h)
{
    int n = p->n_fit;
    double e = HESSIAN_STEP, f0 = objective(z, p);
    g_autofree double *x = g_memdup2(z, sizeof *z * n);
    for (int i = 0; i < n; i++) {
        x[i] = z[i] + e;
        double fp = objective(x, p);
        x[i] = z[i] - e;
        double fm = objective(x, p);
        x[i] = z[i];
        gsl_matrix_set(h, i, i, (fp - 2 * f0 + fm) / (e * e));
        for (int j = 0; j < i; j++) {
            double f4[4];
            for (int k = 0; k < 4; k++) {
                x[i] = z[i] + (k & 1 ? -e : e);
                x[j] = z[j] + (k & 2 ? -e : e);
                f4[k] = objective(x, p);
            }
            x[i] = z[i];
            x[j] = z[j];
            double hij = (f4[0] - f4[1] - f4[2] + f4[3]) / (4 * e * e);
            gsl_matrix_set(h, i, j, hij);
            gsl_matrix_set(h, j, i, hij);
        }
    }
}

/* The fitted parameter other than i with the largest |m[i][j]| (n x n). */
static int strongest_partner(const double *m, int n, int i)
{
    int best = -1;
    for (int j = 0; j < n; j++)
        if (j != i && isfinite(m[i * n + j]) && (best < 0 || fabs(m[i * n + j]) > fabs(m[i * n + best])))
            best = j;
    return best;
}

/* The eigen-decomposition of the Hessian h (n x n; destroyed): into cov
 * the pseudo-inverse over directions of curvature above FLAT_EIGENVALUE
 * (the covariance of the estimates on the fitted scale), into flat[i]
 * whether parameter i loads more than FLAT_LOADING on a flatter direction,
 * and into flat_load[i][j] the sum over flat directions of |v_i v_j| (who
 * moves with whom). */
static void split_hessian(gsl_matrix *h, int n, double *cov, gboolean *flat, double *flat_load)
{
    gsl_vector *eval = gsl_vector_alloc(n);
    gsl_matrix *evec = gsl_matrix_alloc(n, n);
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(n);
    gsl_eigen_symmv(h, eval, evec, w);
    gsl_eigen_symmv_free(w);
    memset(cov, 0, sizeof *cov * n * n);
    memset(flat_load, 0, sizeof *flat_load * n * n);
    memset(flat, 0, sizeof *flat * n);
    for (int k = 0; k < n; k++) {
        double lambda = gsl_vector_get(eval, k);
        gboolean is_flat = !(lambda > FLAT_EIGENVALUE);
        for (int i = 0; i < n; i++) {
            double vi = gsl_matrix_get(evec, i, k);
            flat[i] = flat[i] || (is_flat && fabs(vi) > FLAT_LOADING);
            for (int j = 0; j < n; j++) {
                double vj = gsl_matrix_get(evec, j, k);
                if (is_flat)
                    flat_load[i * n + j] += fabs(vi * vj);
                else
                    cov[i * n + j] += vi * vj / lambda;
            }
        }
    }
    gsl_vector_free(eval);
    gsl_matrix_free(evec);
}

/* Parameter i of `c` from the covariance `cov` on the fitted scale, at z:
 * its delta-method interval and sd, or FIT_FLAT with the parameter it
 * moves with (flat_load) when `flat`, or FIT_AT_BOUND beyond BOUND_Z. */
static void assess_one(Calibration *c, int i, const double *z, const double *cov, gboolean flat,
                       const double *flat_load)
{
    int n = c->n_fit;
    FitParam *f = &c->fit[i];
    f->value = from_z(f, z[i]);
    f->tied_to = f->correlated_with = -1;
    f->sd = f->lo = f->hi = f->profile_lo = f->profile_hi = f->correlation = NAN;
    f->differ = f->open_below = f->open_above = FALSE;
    if (fabs(z[i]) > BOUND_Z) {
        f->status = FIT_AT_BOUND;
    } else if (flat) {
        f->status = FIT_FLAT;
        f->tied_to = strongest_partner(flat_load, n, i);
        if (f->tied_to >= 0 && flat_load[i * n + f->tied_to] <= FLAT_LOADING * FLAT_LOADING)
            f->tied_to = -1;
    } else {
        double sdz = sqrt(cov[i * n + i]);
        f->lo = from_z(f, z[i] - Z95 * sdz);
        f->hi = from_z(f, z[i] + Z95 * sdz);
        f->sd = sdz * (f->probability ? f->value * (1 - f->value) : f->value);
        /* a probability whose error no beta distribution can have
         * (variance >= p(1-p)) is as good as unknown */
        f->status = f->probability && f->sd * f->sd >= f->value * (1 - f->value) ? FIT_FLAT : FIT_IDENTIFIED;
    }
}

/* Delta-method intervals, correlations and status of every fitted
 * parameter from the Hessian h (destroyed) at z; the covariance on the
 * fitted scale into cov (n x n).  A strong correlation is reported, never
 * a reason to keep a parameter. */
static void assess(Calibration *c, gsl_matrix *h, const double *z, double *cov)
{
    int n = c->n_fit;
    g_autofree double *flat_load = g_new0(double, (gsize)n * n);
    g_autofree gboolean *flat = g_new0(gboolean, n);
    split_hessian(h, n, cov, flat, flat_load);
    for (int i = 0; i < n; i++)
        assess_one(c, i, z, cov, flat[i], flat_load);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            c->corr[i * n + j] = flat[i] || flat[j] ? NAN : cov[i * n + j] / sqrt(cov[i * n + i] * cov[j * n + j]);
    for (int i = 0; i < n; i++) {
        FitParam *f = &c->fit[i];
        int j = strongest_partner(c->corr, n, i);
        if (f->status == FIT_IDENTIFIED && j >= 0) {
            f->correlated_with = j;
            f->correlation = c->corr[i * n + j];
        }
    }
}

/* The fitted parameters' descriptions from the keys; FALSE with an INPUT
 * error for a key given twice. */
static gboolean describe_keys(Calibration *c, const CalibrateKey *keys, const double *central, GError **error)
{
    const Model *m = c->model;
    for (int i = 0; i < c->n_fit; i++) {
        FitParam *f = &c->fit[i];
        f->what = keys[i];
        if (keys[i].param >= 0) {
            const Param *q = &m->params[keys[i].param];
            f->key = g_strdup(q->key);
            f->probability = param_kind(q->kind)->probability;
            f->start = central[keys[i].param];
        } else {
            f->key = param_baseline_key(m->stages[keys[i].stage].id);
            f->start = (double)m->stages[keys[i].stage].baseline;
        }
        for (int j = 0; j < i; j++)
            if (strcmp(c->fit[j].key, f->key) == 0) {
                g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--fit: %s is named twice", f->key);
                return FALSE;
            }
    }
    return TRUE;
}

gboolean calibrate_estimate_dist(const FitParam *f, Dist *out)
{
    double m = f->value, v = f->sd * f->sd;
    if (!(v > 0) || !(m > 0))
        return FALSE;
    if (f->probability) {
        double k = m * (1 - m) / v - 1;
        if (!(k > 0))
            return FALSE;
        *out = (Dist){.kind = DIST_BETA, .a = m * k, .b = (1 - m) * k};
    } else {
        *out = (Dist){.kind = DIST_GAMMA, .a = m * m / v, .b = v / m};
    }
    return TRUE;
}

/* Minus the log-likelihood with fitted parameter i at `value` (natural
 * scale), the others at z; PENALTY where that makes a year invalid. */
static double objective_with(Problem *p, const double *z, int i, double value)
{
    g_autofree double *x = g_memdup2(z, sizeof *z * p->n_fit);
    const FitParam *f = &p->fit[i];
    if (f->probability && !(value > 0 && value < 1))
        return PENALTY;
    x[i] = f->probability ? log(value / (1 - value)) : log(value);
    return objective(x, p);
}

/* The point of beta or gamma `d` beyond which lies CALIBRATE_TAIL of it,
 * below (upper FALSE) or above its mean `mean`, by bisection on the CDF:
 * GSL's inverse CDFs fail this far out when the arguments are large. */
static double tail_point(const Dist *d, double mean, gboolean upper)
{
    double lo = upper ? mean : 0, hi = upper ? 1 : mean;
    for (int it = 0; it < 100; it++) {
        double x = (lo + hi) / 2;
        double tail = d->kind == DIST_BETA ? (upper ? gsl_cdf_beta_Q(x, d->a, d->b) : gsl_cdf_beta_P(x, d->a, d->b))
                                           : gsl_cdf_gamma_P(x, d->a, d->b);
        if ((tail > CALIBRATE_TAIL) == upper)
            lo = x;
        else
            hi = x;
    }
    return upper ? hi : lo;
}

/* Marks FIT_AT_BOUND an identified parameter whose estimate sits against
 * a limit of the scenario (a stage's exit and edges summing to 1, or a
 * policy pushing it out of range): a step of the Hessian, or the far tails
 * of the distribution it would be drawn from (beyond CALIBRATE_TAIL on
 * either side), make a year invalid.  Otherwise the intervals come from a
 * likelihood cut off by the limit, and the calibrated scenario would draw
 * invalid values. */
static void mark_limits(Problem *p, Calibration *pass, const double *z)
{
    for (int i = 0; i < pass->n_fit; i++) {
        FitParam *f = &pass->fit[i];
        Dist d;
        if (f->status != FIT_IDENTIFIED)
            continue;
        double step = f->probability ? 1 / (1 + exp(-(z[i] + HESSIAN_STEP))) : exp(z[i] + HESSIAN_STEP);
        double back = f->probability ? 1 / (1 + exp(-(z[i] - HESSIAN_STEP))) : exp(z[i] - HESSIAN_STEP);
        gboolean wall = objective_with(p, z, i, step) >= PENALTY || objective_with(p, z, i, back) >= PENALTY;
        if (!wall && calibrate_estimate_dist(f, &d))  /* a rate has no upper limit */
            wall = objective_with(p, z, i, tail_point(&d, f->value, FALSE)) >= PENALTY ||
                   (d.kind == DIST_BETA && objective_with(p, z, i, tail_point(&d, f->value, TRUE)) >= PENALTY);
        if (wall) {
            f->status = FIT_AT_BOUND;
            f->sd = f->lo = f->hi = NAN;
        }
    }
}

/* ---- profile likelihood ------------------------------------------------ */

/* The objective with fitted parameter `i` held at `zi`: the others are
 * the minimiser's coordinates. */
typedef struct {
    Problem *p;
    int i;
    double zi;
    double *z;          /* [n_fit]: work */
} Held;

static double held_objective(const gsl_vector *x, void *params)
{
    Held *hd = params;
    for (int j = 0, k = 0; j < hd->p->n_fit; j++)
        hd->z[j] = j == hd->i ? hd->zi : gsl_vector_get(x, k++);
    return objective(hd->z, hd->p);
}

/* Minus the profile log-likelihood of parameter i at zi (fitted scale):
 * the objective minimised over the other parameters by Nelder-Mead, as
 * the fit does, from `others` (n_fit - 1 values, overwritten by the end
 * point).  INFINITY where the scenario stays invalid. */
static double profile_value(Problem *p, int i, double zi, double *others)
{
    int n = p->n_fit;
    g_autofree double *z = g_new(double, n);
    Held hd = {.p = p, .i = i, .zi = zi, .z = z};
    double f;
    if (n == 1) {
        z[0] = zi;
        f = objective(z, p);
    } else {
        gsl_multimin_function fn = {.f = held_objective, .n = (size_t)(n - 1), .params = &hd};
        minimise(&fn, others, PROFILE_SIMPLEX_STEP);
        f = minimise(&fn, others, PROFILE_SIMPLEX_STEP / 10);
    }
    return f >= PENALTY ? INFINITY : f;
}

/* A point of a profile: where parameter i is held, the others' optimum
 * there, and the signed root of the drop, sqrt(2 (f - f_hat)), which is
 * linear in t when the likelihood is quadratic (INFINITY: invalid). */
typedef struct {
    double t;
    double root;
    double *others;     /* [n_fit - 1] */
} ProfilePoint;

/* Evaluates the profile at t into `pt`, starting the others from `from`
 * moved along `slope` (how their optimum moves per unit of t, from the
 * Hessian's quadratic). */
static void profile_point(Problem *p, int i, double f_hat, const ProfilePoint *from, const double *slope, double t,
                          ProfilePoint *pt)
{
    for (int k = 0; k < p->n_fit - 1; k++)
        pt->others[k] = from->others[k] + slope[k] * (t - from->t);
    pt->t = t;
    double drop = profile_value(p, i, t, pt->others) - f_hat;
    pt->root = isfinite(drop) ? sqrt(2 * MAX(drop, 0.0)) : INFINITY;
}

static void point_copy(ProfilePoint *to, const ProfilePoint *from, int n_others)
{
    to->t = from->t;
    to->root = from->root;
    memcpy(to->others, from->others, sizeof *to->others * n_others);
}

/* Narrows the bracket [in, out] (in: drop below CALIBRATE_HALF_CHI2;
 * out: above, or invalid) to the profile interval's end: a secant step on
 * the signed root while both ends are valid, bisection towards a limit of
 * the scenario.  Returns the end, or the last valid point with *open set
 * when the profile meets a limit before it drops that far. */
static double profile_refine(Problem *p, int i, double f_hat, const double *slope, ProfilePoint *in,
                             ProfilePoint *out, ProfilePoint *work, gboolean *open)
{
    const double target = sqrt(2 * CALIBRATE_HALF_CHI2);
    int n_others = p->n_fit - 1;
    for (int it = 0; it < PROFILE_MAX_EVALS && fabs(out->t - in->t) > PROFILE_TOL; it++) {
        double share = isfinite(out->root) ? (target - in->root) / (out->root - in->root) : 0.5;
        double t = in->t + CLAMP(share, 0.02, 0.98) * (out->t - in->t);
        profile_point(p, i, f_hat, in, slope, t, work);
        if (fabs(work->root - target) < PROFILE_ROOT_TOL)
            return t;
        point_copy(work->root < target ? in : out, work, n_others);
    }
    if (isfinite(out->root))
        return in->t + (target - in->root) / (out->root - in->root) * (out->t - in->t);
    *open = TRUE;
    return in->t;
}

/* One end of parameter i's profile 95% interval on the fitted scale, in
 * direction dir (+1 up, -1 down) from the estimate z[i] (minus the
 * log-likelihood f_hat there): steps of PROFILE_STEP_SD * sdz, doubling,
 * until the drop exceeds CALIBRATE_HALF_CHI2 (then refined to the
 * crossing) or the range's bound BOUND_Z is reached with the drop still
 * below: then *open is set and the bound returned.  A limit of the
 * scenario met first counts as a bound.  `slope` [n_fit - 1]: how the
 * others' optimum moves with z[i]. */
static double profile_end(Problem *p, const double *z, double f_hat, int i, int dir, double sdz,
                          const double *slope, gboolean *open)
{
    int n_others = p->n_fit - 1;
    const double target = sqrt(2 * CALIBRATE_HALF_CHI2), bound = dir * BOUND_Z;
    g_autofree double *buf = g_new(double, 3 * MAX(n_others, 1));
    ProfilePoint in = {.t = z[i], .root = 0, .others = buf}, out = {.others = buf + MAX(n_others, 1)},
                 work = {.others = buf + 2 * MAX(n_others, 1)};
    for (int j = 0, k = 0; j < p->n_fit; j++)
        if (j != i)
            in.others[k++] = z[j];
    *open = FALSE;
    double step = CLAMP(PROFILE_STEP_SD * sdz, PROFILE_STEP_MIN, PROFILE_STEP_MAX);
    for (;;) {
        double t = in.t + dir * step;
        if (dir * (t - bound) >= 0)
            t = bound;
        profile_point(p, i, f_hat, &in, slope, t, &out);
        if (out.root > target)
            return profile_refine(p, i, f_hat, slope, &in, &out, &work, open);
        if (t == bound) {
            *open = TRUE;
            return bound;
        }
        point_copy(&in, &out, n_others);
        step *= 2;
    }
}

/* The profile-likelihood interval of every parameter of `pass` (all
 * identified so far) at the estimate z, with `cov` the covariance on the
 * fitted scale; a parameter whose profile stays within
 * CALIBRATE_HALF_CHI2 to a bound becomes FIT_OPEN. */
static void profile_all(Problem *p, Calibration *pass, const double *z, const double *cov)
{
    int n = pass->n_fit;
    double f_hat = objective(z, p);
    g_autofree double *slope = g_new(double, MAX(n - 1, 1));
    for (int i = 0; i < n; i++) {
        FitParam *f = &pass->fit[i];
        for (int j = 0, k = 0; j < n; j++)
            if (j != i)
                slope[k++] = cov[j * n + i] / cov[i * n + i];
        double sdz = sqrt(cov[i * n + i]);
        double lo = profile_end(p, z, f_hat, i, -1, sdz, slope, &f->open_below);
        double hi = profile_end(p, z, f_hat, i, +1, sdz, slope, &f->open_above);
        f->profile_lo = from_z(f, lo);
        f->profile_hi = from_z(f, hi);
        double width = CALIBRATE_DIFFER * (f->hi - f->lo);
        f->differ = fabs(f->profile_lo - f->lo) > width || fabs(f->profile_hi - f->hi) > width;
        if (f->open_below || f->open_above)
            f->status = FIT_OPEN;
    }
}

/* ---- passes ---------------------------------------------------------------- */

/* Whether every parameter of `pass` is identified. */
static gboolean all_identified(const Calibration *pass)
{
    for (int i = 0; i < pass->n_fit; i++)
        if (pass->fit[i].status != FIT_IDENTIFIED)
            return FALSE;
    return TRUE;
}

/* One fit of the parameters of pass->fit (the others fixed where p->base
 * and p->start hold them): estimates into z, intervals, statuses and
 * correlations into `pass`.  Returns the log-likelihood at the fit. */
static double fit_pass(Problem *p, Calibration *pass, double *z)
{
    int n = pass->n_fit;
    pass->n_starts = MIN(4 + 2 * n, 24);
    double ll = -best_of_starts(p, pass->n_starts, z, &pass->n_agree);
    gsl_matrix *hess = gsl_matrix_alloc(n, n);
    g_autofree double *cov = g_new(double, (gsize)n * n);
    hessian(p, z, hess);
    assess(pass, hess, z, cov);
    gsl_matrix_free(hess);
    /* limits and profiles only once the rest is identified: a flat partner
       at a wild value could put any other parameter against a limit, and
       one not identified is dropped before the profiles would matter */
    if (all_identified(pass))
        mark_limits(p, pass, z);
    if (all_identified(pass))
        profile_all(p, pass, z, cov);
    return ll;
}

/* The standard error of f on its fitted (logit or log) scale. */
static double sd_fitted_scale(const FitParam *f)
{
    return f->sd / (f->probability ? f->value * (1 - f->value) : f->value);
}

/* The parameter of `pass` the counts identify least, or -1 when all are
 * identified: one at a bound first, then one in a flat direction, then of
 * those whose profile is open the one with the largest standard error on
 * the fitted scale. */
static int least_identified(const Calibration *pass)
{
    static const FitStatus order[] = {FIT_AT_BOUND, FIT_FLAT};
    for (gsize k = 0; k < G_N_ELEMENTS(order); k++)
        for (int i = 0; i < pass->n_fit; i++)
            if (pass->fit[i].status == order[k])
                return i;
    int worst = -1;
    for (int i = 0; i < pass->n_fit; i++)
        if (pass->fit[i].status == FIT_OPEN &&
            (worst < 0 || sd_fitted_scale(&pass->fit[i]) > sd_fitted_scale(&pass->fit[worst])))
            worst = i;
    return worst;
}

/* Puts parameter f back at its start in the problem's values (a baseline
 * only where the start of its stage is the fitted one). */
static void fix_at_start(Problem *p, const FitParam *f)
{
    if (f->what.param >= 0)
        p->base[f->what.param] = f->start;
    else if (p->starts[f->what.stage].source == START_FITTED)
        p->start[f->what.stage] = f->start;
}

/* Records the last pass (`fit`, `corr` of its k parameters, which are
 * c's active[0..k-1]) in c. */
static void keep_pass(Calibration *c, const Calibration *pass, const int *active, double ll)
{
    int n = c->n_fit, k = pass->n_fit;
    for (int i = 0; i < k; i++) {
        c->fit[active[i]] = pass->fit[i];
        for (int j = 0; j < k; j++)
            c->corr[active[i] * n + active[j]] = pass->corr[i * k + j];
    }
    c->n_starts = pass->n_starts;
    c->n_agree = pass->n_agree;
    c->log_likelihood = ll;
}

/* Fits c->fit, pass after pass: while a parameter is not identified, the
 * least identified one is fixed at the scenario's value (recorded with
 * why) and the others are fitted again, so that the estimates reported
 * and written are those that go with the values kept.  Leaves p->fit
 * (pointing to `fit`, room for c->n_fit) and z holding the last pass's
 * parameters and estimates. */
static void fit_until_identified(Calibration *c, Problem *p, FitParam *fit, double *z)
{
    int n = c->n_fit, active[CALIBRATE_MAX_FIT], n_active = n;
    g_autofree double *corr = g_new0(double, MAX((gsize)n * n, 1));
    for (int i = 0; i < n; i++)
        active[i] = i;
    for (int i = 0; i < n * n; i++)
        c->corr[i] = NAN;
    p->fit = fit;
    p->n_fit = 0;
    c->log_likelihood = -objective(z, p); /* every parameter at its start */
    while (n_active > 0) {
        int k = n_active;
        for (int i = 0; i < k; i++)
            fit[i] = c->fit[active[i]]; /* shallow: the key stays c's */
        Calibration pass = {.model = c->model, .history = c->history, .cv = c->cv, .n_fit = k, .fit = fit,
                            .corr = corr};
        p->n_fit = k;
        double ll = fit_pass(p, &pass, z);
        int worst = least_identified(&pass);
        for (int i = 0; i < k; i++) {
            if (fit[i].tied_to >= 0)
                fit[i].tied_to = active[fit[i].tied_to];
            if (fit[i].correlated_with >= 0)
                fit[i].correlated_with = active[fit[i].correlated_with];
        }
        if (worst < 0) {
            keep_pass(c, &pass, active, ll);
            return;
        }
        FitParam *dropped = &c->fit[active[worst]];
        *dropped = fit[worst];
        dropped->value = dropped->start;
        dropped->sd = dropped->lo = dropped->hi = dropped->profile_lo = dropped->profile_hi = NAN;
        dropped->correlated_with = -1;
        dropped->correlation = NAN;
        dropped->differ = FALSE;
        fix_at_start(p, dropped);
        memmove(active + worst, active + worst + 1, sizeof *active * (k - worst - 1));
        n_active--;
    }
    p->n_fit = 0;
    c->log_likelihood = -objective(z, p);
}

/* ---- the start ----------------------------------------------------------------- */

/* Where each stage starts at the end of c->first_year (c->start), and
 * which counts are those starts (c->is_start): its published stock that
 * year, else its fitted baseline, else the scenario's.  The starting
 * values themselves, the scenario's baselines where fitted, into `start`. */
static void choose_starts(Calibration *c, const CalibrateKey *keys, int n_keys, double *start)
{
    const Model *m = c->model;
    const History *h = c->history;
    for (int s = 0; s < m->n_stages; s++) {
        start[s] = (double)m->stages[s].baseline;
        c->start[s] = (StartValue){.value = start[s], .source = START_SCENARIO, .obs = -1};
    }
    for (int i = 0; i < n_keys; i++)
        if (keys[i].param < 0)
            c->start[keys[i].stage].source = START_FITTED;
    for (int i = 0; i < h->n; i++) {
        const Observation *o = &h->obs[i];
        /* a list's count is only ever an observation, never a start */
        if (o->year != c->first_year || o->kind != HISTORY_STOCK || history_series_is_list(m, o->series))
            continue;
        start[o->series] = (double)o->count;
        c->start[o->series] = (StartValue){.value = start[o->series], .source = START_HISTORY, .obs = i};
        c->is_start[i] = TRUE;
    }
}

/* FALSE with an INPUT error when `h` has a 'new' count in c->first_year:
 * the firms entering during the year the fit starts at the end of. */
static gboolean check_first_year(const Calibration *c, GError **error)
{
    for (int i = 0; i < c->history->n; i++) {
        const Observation *o = &c->history->obs[i];
        if (o->kind == HISTORY_NEW && o->year == c->first_year) {
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                        "%s:%d: a 'new' count in %d, the first year of the fit: new counts start in %d",
                        c->history->file, o->line, o->year, o->year + 1);
            return FALSE;
        }
    }
    return TRUE;
}

/* A Calibration of `n_keys` parameters of `m` to `h`, its arrays
 * allocated, nothing fitted yet. */
static Calibration *calibration_new(const Model *m, const History *h, int n_keys, double cv)
{
    Calibration *c = g_new0(Calibration, 1);
    c->model = m;
    c->history = h;
    c->cv = cv;
    c->n_fit = n_keys;
    c->first_year = history_first_year(h, m);
    c->n_rows = m->horizon - c->first_year + 1;
    c->fit = g_new0(FitParam, MAX(n_keys, 1));
    c->start = g_new0(StartValue, m->n_stages);
    c->is_start = g_new0(gboolean, MAX(h->n, 1));
    c->fitted = g_new0(double, MAX(h->n, 1));
    c->stock = g_new0(double, (gsize)c->n_rows * m->n_stages);
    c->entries = g_new0(double, (gsize)c->n_rows * m->n_stages);
    c->lists = g_new0(double, MAX((gsize)c->n_rows * m->n_lists, 1));
    c->corr = g_new0(double, MAX((gsize)n_keys * n_keys, 1));
    return c;
}

Calibration *calibrate_run(const Model *m, const History *h, const CalibrateKey *keys, int n_keys, double cv,
                           GError **error)
{
    g_return_val_if_fail(m != NULL && h != NULL && keys != NULL, NULL);
    if (n_keys < 0 || n_keys > CALIBRATE_MAX_FIT) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--fit: name at most %d parameters (got %d)",
                    CALIBRATE_MAX_FIT, n_keys);
        return NULL;
    }
    g_autoptr(Calibration) c = calibration_new(m, h, n_keys, cv);
    g_autofree double *base = g_new(double, MAX(m->n_params, 1));
    g_autofree double *start = g_new(double, m->n_stages);
    model_central_params(m, base);
    choose_starts(c, keys, n_keys, start);
    if (!describe_keys(c, keys, base, error) || !check_first_year(c, error))
        return NULL;
    if (!expect_run_from(m, base, c->first_year, start, c->stock, c->entries, error) ||
        !expect_lists_from(m, base, c->first_year, c->stock, c->lists, error))
        return NULL;

    Problem p = {.m = m, .h = h, .cv = cv, .base = base, .first_year = c->first_year, .starts = c->start,
                 .start = start, .is_start = c->is_start, .stock = c->stock, .entries = c->entries,
                 .lists = c->lists};
    g_autofree double *z = g_new0(double, MAX(n_keys, 1));
    g_autofree FitParam *fit = g_new0(FitParam, MAX(n_keys, 1));
    fit_until_identified(c, &p, fit, z);
    expect_at(&p, z); /* the expectation at the fit (the Hessian and profiles left other values) */
    for (int s = 0; s < m->n_stages; s++)
        c->start[s].value = start[s];
    for (int i = 0; i < h->n; i++)
        c->fitted[i] = observation_mean(&p, &h->obs[i]);
    return g_steal_pointer(&c);
}

void calibrate_free(Calibration *c)
{
    if (c == NULL)
        return;
    for (int i = 0; i < c->n_fit; i++)
        g_free(c->fit[i].key);
    g_free(c->fit);
    g_free(c->start);
    g_free(c->is_start);
    g_free(c->fitted);
    g_free(c->stock);
    g_free(c->entries);
    g_free(c->lists);
    g_free(c->corr);
    g_free(c);
}
