/* fit_stage.c: one stage's outcome model (fit_stage.h): the
 * log-likelihood of its firm-years and its analytic gradient, the
 * maximum-likelihood fit with GSL, the observed information, and the
 * passes that hold at 0 what the records cannot determine.
 *
 * For a firm with standardised attributes z, each category k (exit, an
 * edge) has eta_k = a_k + b_k.z and staying eta = 0, so that
 * P_k = exp(eta_k) / (1 + sum_j exp(eta_j)), P_0 = 1 / (1 + ...); a due
 * firm that stays renews with r = 1 / (1 + exp(-rho)), rho = a_r + b_r.z,
 * else lapses.  A due firm found in the lapse stage that an edge also
 * leads to has probability P_L + P_0 (1 - r).
 * SPDX-License-Identifier: MIT */
#include "fit_stage.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#define GRAD_TOL 1e-9      /* the maximum's gradient, per firm-year: the estimates to about 1e-7 */
#define CONVERGED_TOL 1e-6 /* a maximisation that stopped with a larger gradient did not converge */
#define MAX_ITER 2000      /* BFGS steps; a regular fit takes tens */
#define BFGS_STEP 0.1      /* GSL's first trial step and line-search tolerance (its own advice) */
#define BFGS_TOL 0.1
#define HESSIAN_STEP 1e-5  /* central differences of the analytic gradient: error O(h^2) */

/* ---- the stage's categories ---------------------------------------------- */

/* The category of stage s that leads to `next` (-1: exit), or -1. */
static int category_of(const Model *m, int s, int next)
{
    const Stage *st = &m->stages[s];
    int k = 0;
    if (st->exit_param >= 0) {
        if (next < 0)
            return 0;
        k = 1;
    }
    for (int e = 0; e < st->n_out && next >= 0; e++)
        if (m->params[st->out_param[e]].to == next)
            return k + e;
    return -1;
}

gboolean fit_stage_due(const Model *m, int s, int clock)
{
    int v = m->stages[s].renewal_years;
    return v > 0 && clock + 1 >= v;
}

/* fit_stage_classify for a firm due for renewal or not. */
static int classify_due(const Model *m, int s, gboolean due, int next)
{
    if (next == s)
        return due ? FIT_Y_RENEWED : FIT_Y_STAY;
    int k = category_of(m, s, next);
    if (due && next >= 0 && next == m->stages[s].lapse_to)
        return k >= 0 ? FIT_Y_MIXED : FIT_Y_LAPSED;
    return k >= 0 ? k : FIT_Y_IMPOSSIBLE;
}

int fit_stage_classify(const Model *m, int s, int clock, int next)
{
    g_return_val_if_fail(m != NULL && s >= 0 && s < m->n_stages, FIT_Y_IMPOSSIBLE);
    return classify_due(m, s, fit_stage_due(m, s, clock), next);
}

void fit_stage_data_init(FitStageData *d, const Model *m, int s, int n_rows, int n_attrs)
{
    const Stage *st = &m->stages[s];
    *d = (FitStageData){.model = m, .stage = s, .lapse_cat = -1, .n_attrs = n_attrs, .n_rows = n_rows};
    if (st->exit_param >= 0)
        d->cat_param[d->n_cat++] = st->exit_param;
    for (int e = 0; e < st->n_out; e++)
        d->cat_param[d->n_cat++] = st->out_param[e];
    if (st->renewal_years > 0)
        d->lapse_cat = category_of(m, s, st->lapse_to);
    d->z = g_new0(double, (gsize)MAX(n_rows, 1) * MAX(n_attrs, 1));
    d->y = g_new0(int, MAX(n_rows, 1));
    d->due = g_new0(gboolean, MAX(n_rows, 1));
}

void fit_stage_data_clear(FitStageData *d)
{
    g_free(d->z);
    g_free(d->y);
    g_free(d->due);
    memset(d, 0, sizeof *d);
}

/* ---- the fit as a set of values ------------------------------------------ */

static FitStage *stage_new(const FitStageData *d)
{
    const Stage *st = &d->model->stages[d->stage];
    FitStage *f = g_new0(FitStage, 1);
    f->stage = d->stage;
    f->n_rows = d->n_rows;
    f->n_attrs = d->n_attrs;
    f->renewal = st->renewal_years > 0;
    f->n_out = d->n_cat + f->renewal;
    f->out = g_new0(FitOutcome, f->n_out);
    for (int k = 0; k < f->n_out; k++)
        f->out[k].coef = g_new0(FitCoef, MAX(d->n_attrs, 1));
    f->lr = g_new(double, MAX(d->n_attrs, 1));
    f->lr_df = g_new0(int, MAX(d->n_attrs, 1));
    f->lr_p = g_new(double, MAX(d->n_attrs, 1));
    for (int a = 0; a < d->n_attrs; a++)
        f->lr[a] = f->lr_p[a] = NAN;
    return f;
}

/* A deep copy of `f`, for a model to refit without some coefficients. */
static FitStage *stage_copy(const FitStage *f)
{
    FitStage *c = g_memdup2(f, sizeof *f);
    c->out = g_memdup2(f->out, sizeof *f->out * f->n_out);
    for (int k = 0; k < f->n_out; k++)
        c->out[k].coef = g_memdup2(f->out[k].coef, sizeof(FitCoef) * MAX(f->n_attrs, 1));
    c->lr = g_memdup2(f->lr, sizeof(double) * MAX(f->n_attrs, 1));
    c->lr_df = g_memdup2(f->lr_df, sizeof(int) * MAX(f->n_attrs, 1));
    c->lr_p = g_memdup2(f->lr_p, sizeof(double) * MAX(f->n_attrs, 1));
    return c;
}

void fit_stage_free(FitStage *f)
{
    if (f == NULL)
        return;
    for (int k = 0; k < f->n_out; k++)
        g_free(f->out[k].coef);
    g_free(f->out);
    g_free(f->lr);
    g_free(f->lr_df);
    g_free(f->lr_p);
    g_free(f);
}

/* Whether outcome k is the renewal. */
static gboolean is_renewal(const FitStage *f, int k)
{
    return f->renewal && k == f->n_out - 1;
}

/* The free values of `f`: each FITTED outcome's intercept and its FITTED
 * coefficients, in that order (attr -1: the intercept). */
typedef struct {
    int n;
    int *out, *attr;  /* [n] */
} Free;

static void free_clear(Free *x)
{
    g_free(x->out);
    g_free(x->attr);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Free, free_clear)

static void free_index(const FitStage *f, Free *x)
{
    int most = f->n_out * (1 + f->n_attrs);
    x->out = g_new(int, MAX(most, 1));
    x->attr = g_new(int, MAX(most, 1));
    x->n = 0;
    for (int k = 0; k < f->n_out; k++) {
        if (f->out[k].status != FIT_OUT_FITTED)
            continue;
        for (int a = -1; a < f->n_attrs; a++) {
            if (a >= 0 && f->out[k].coef[a].status != FIT_COEF_FITTED)
                continue;
            x->out[x->n] = k;
            x->attr[x->n++] = a;
        }
    }
}

/* The value `x` names in `f`. */
static double *free_value(FitStage *f, const Free *x, int t)
{
    FitOutcome *o = &f->out[x->out[t]];
    return x->attr[t] < 0 ? &o->intercept : &o->coef[x->attr[t]].estimate;
}

/* ---- the likelihood ------------------------------------------------------- */

/* log(exp(a) + exp(b)), either may be -INFINITY. */
static double log_add(double a, double b)
{
    if (a < b) {
        double t = a;
        a = b;
        b = t;
    }
    return a == -INFINITY ? a : a + log1p(exp(b - a));
}

/* intercept + coef . z of outcome k for a row's z. */
static double linear(const FitStage *f, int k, const double *z)
{
    const FitOutcome *o = &f->out[k];
    double eta = o->intercept;
    for (int a = 0; a < f->n_attrs && isfinite(eta); a++)
        eta += o->coef[a].estimate * z[a];
    return eta;
}

/* What one firm-year needs: each category's eta and probability, the
 * log of staying's, and the renewal's log r and log (1 - r). */
typedef struct {
    double eta[MODEL_MAX_STAGES + 1], p[MODEL_MAX_STAGES + 1];
    double log_p0;
    double r, log_r, log_1mr;
} RowModel;

static void row_model(const FitStage *f, int n_cat, const double *z, gboolean due, RowModel *rm)
{
    double big = 0;  /* log-sum-exp over staying (eta 0) and the categories */
    for (int k = 0; k < n_cat; k++) {
        rm->eta[k] = linear(f, k, z);
        big = MAX(big, rm->eta[k]);
    }
    double sum = exp(-big);
    for (int k = 0; k < n_cat; k++)
        sum += exp(rm->eta[k] - big);
    double log_d = big + log(sum);
    rm->log_p0 = -log_d;
    for (int k = 0; k < n_cat; k++)
        rm->p[k] = exp(rm->eta[k] - log_d);
    rm->r = 1, rm->log_r = 0, rm->log_1mr = -INFINITY;
    if (f->renewal && due) {
        double rho = linear(f, f->n_out - 1, z);
        rm->log_r = rho == INFINITY ? 0 : -log1p(exp(-rho));
        rm->log_1mr = rho == -INFINITY ? 0 : -log1p(exp(rho));
        rm->r = exp(rm->log_r);
    }
}

/* The log-probability of outcome `y` of a row given its RowModel and, when
 * `deta` is not NULL, its derivatives by each eta_k into deta[] and by rho
 * into *drho. */
static double row_log_prob(const RowModel *rm, int n_cat, int lapse_cat, int y, double *deta, double *drho)
{
    double lp, w = 0, dr = 0;
    switch (y) {
    case FIT_Y_STAY:
        lp = rm->log_p0;
        break;
    case FIT_Y_RENEWED:
        lp = rm->log_p0 + rm->log_r;
        dr = 1 - rm->r;
        break;
    case FIT_Y_LAPSED:
        lp = rm->log_p0 + rm->log_1mr;
        dr = -rm->r;
        break;
    case FIT_Y_MIXED: {
        double lapse = rm->log_p0 + rm->log_1mr;
        lp = log_add(log(rm->p[lapse_cat]), lapse);
        if (lp > -INFINITY) {  /* else no chance at all: nothing moves it */
            w = exp(log(rm->p[lapse_cat]) - lp);
            dr = -exp(lapse - lp) * rm->r;
        }
        break;
    }
    default:
        lp = log(rm->p[y]);
        break;
    }
    if (deta != NULL) {
        for (int k = 0; k < n_cat; k++)
            deta[k] = -rm->p[k] + (k == y ? 1 : 0) + (y == FIT_Y_MIXED && k == lapse_cat ? w : 0);
        *drho = dr;
    }
    return lp;
}

/* The log-likelihood of `d` under `f` and, when `grad` is not NULL, its
 * derivative by each free value of `x`.  The hot loop of every fit. */
static double log_likelihood(const FitStage *f, const FitStageData *d, const Free *x, double *grad)
{
    double ll = 0, deta[MODEL_MAX_STAGES + 1], drho = 0;
    RowModel rm;
    if (grad)
        memset(grad, 0, sizeof *grad * MAX(x->n, 1));
    for (int i = 0; i < d->n_rows; i++) {
        const double *z = d->z + (gsize)i * d->n_attrs;
        row_model(f, d->n_cat, z, d->due[i], &rm);
        ll += row_log_prob(&rm, d->n_cat, d->lapse_cat, d->y[i], grad ? deta : NULL, &drho);
        for (int t = 0; grad && t < x->n; t++) {
            double g = is_renewal(f, x->out[t]) ? drho : deta[x->out[t]];
            grad[t] += x->attr[t] < 0 ? g : g * z[x->attr[t]];
        }
    }
    return ll;
}

/* ---- maximising ------------------------------------------------------------ */

/* What GSL's callbacks see. */
typedef struct {
    FitStage *f;
    const FitStageData *d;
    const Free *x;
    double *grad;  /* [x->n] */
} Problem;

static void set_values(Problem *p, const gsl_vector *v)
{
    for (int t = 0; t < p->x->n; t++)
        *free_value(p->f, p->x, t) = gsl_vector_get(v, t);
}

/* Minus the mean log-likelihood a firm-year, so that GRAD_TOL means the
 * same for any number of rows. */
static double objective(const gsl_vector *v, void *params)
{
    Problem *p = params;
    set_values(p, v);
    return -log_likelihood(p->f, p->d, p->x, NULL) / p->d->n_rows;
}

static void objective_fdf(const gsl_vector *v, void *params, double *value, gsl_vector *df)
{
    Problem *p = params;
    set_values(p, v);
    *value = -log_likelihood(p->f, p->d, p->x, p->grad) / p->d->n_rows;
    for (int t = 0; t < p->x->n; t++)
        gsl_vector_set(df, t, -p->grad[t] / p->d->n_rows);
}

static void objective_df(const gsl_vector *v, void *params, gsl_vector *df)
{
    double value;
    objective_fdf(v, params, &value, df);
}

/* Whether a value at `v` has run off: a coefficient past twice
 * FIT_STAGE_MAX_COEF, or an intercept past twice FIT_STAGE_MAX_INTERCEPT;
 * then the passes drop it, and going on would only take longer. */
static gboolean running_off(const Free *x, const gsl_vector *v)
{
    for (int t = 0; t < x->n; t++) {
        double b = fabs(gsl_vector_get(v, t));
        if (b > 2 * (x->attr[t] < 0 ? FIT_STAGE_MAX_INTERCEPT : FIT_STAGE_MAX_COEF))
            return TRUE;
    }
    return FALSE;
}

/* Maximises the log-likelihood of `d` over the free values of `f`, from
 * the values `f` holds, with GSL's vector_bfgs2 on the analytic gradient;
 * leaves the maximum in `f` and returns whether its gradient is below
 * CONVERGED_TOL a firm-year (the best point found either way). */
static gboolean maximise(FitStage *f, const FitStageData *d)
{
    g_auto(Free) x = {0};
    free_index(f, &x);
    if (x.n == 0 || d->n_rows == 0)
        return TRUE;
    g_autofree double *grad = g_new(double, MAX(x.n, 1));
    Problem p = {f, d, &x, grad};
    gsl_multimin_function_fdf fn = {objective, objective_df, objective_fdf, (size_t)x.n, &p};
    gsl_vector *v = gsl_vector_alloc(x.n);
    for (int t = 0; t < x.n; t++)
        gsl_vector_set(v, t, *free_value(f, &x, t));
    gsl_multimin_fdfminimizer *s = gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, x.n);
    gsl_multimin_fdfminimizer_set(s, &fn, v, BFGS_STEP, BFGS_TOL);
    for (int it = 0; it < MAX_ITER && gsl_multimin_test_gradient(s->gradient, GRAD_TOL) == GSL_CONTINUE; it++)
        if (gsl_multimin_fdfminimizer_iterate(s) != GSL_SUCCESS || running_off(&x, s->x))
            break;
    gboolean done = gsl_multimin_test_gradient(s->gradient, CONVERGED_TOL) == GSL_SUCCESS;
    set_values(&p, s->x);
    gsl_multimin_fdfminimizer_free(s);
    gsl_vector_free(v);
    return done;
}

/* ---- the observed information ----------------------------------------------- */

/* Minus the Hessian of the log-likelihood at the values of `f` over its
 * free values `x` (x->n square): central differences of the analytic
 * gradient, made symmetric. */
static gsl_matrix *information(FitStage *f, const FitStageData *d, const Free *x)
{
    int n = x->n;
    gsl_matrix *h = gsl_matrix_alloc(n, n);
    g_autofree double *up = g_new(double, MAX(n, 1)), *down = g_new(double, MAX(n, 1));
    for (int j = 0; j < n; j++) {
        double *v = free_value(f, x, j), keep = *v;
        *v = keep + HESSIAN_STEP;
        log_likelihood(f, d, x, up);
        *v = keep - HESSIAN_STEP;
        log_likelihood(f, d, x, down);
        *v = keep;
        for (int i = 0; i < n; i++)
            gsl_matrix_set(h, i, j, -(up[i] - down[i]) / (2 * HESSIAN_STEP));
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < i; j++) {
            double m = (gsl_matrix_get(h, i, j) + gsl_matrix_get(h, j, i)) / 2;
            gsl_matrix_set(h, i, j, m);
            gsl_matrix_set(h, j, i, m);
        }
    return h;
}

/* The eigen-decomposition of the information `h` (n x n, destroyed): its
 * eigenvalues into eval (ascending) and vectors into evec's columns. */
static void eigen(gsl_matrix *h, gsl_vector *eval, gsl_matrix *evec)
{
    int n = (int)h->size1;
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(n);
    gsl_eigen_symmv(h, eval, evec, w);
    gsl_eigen_symmv_free(w);
    gsl_eigen_symmv_sort(eval, evec, GSL_EIGEN_SORT_VAL_ASC);
}

/* ---- what the records cannot determine ------------------------------------------ */

/* The scenario's log-odds of category k against staying (its rate held),
 * or its logit for the renewal: at central values, before any policy. */
static double scenario_intercept(const FitStage *f, const FitStageData *d, int k)
{
    const Model *m = d->model;
    g_autofree double *p = g_new(double, m->n_params);
    model_central_params(m, p);
    if (is_renewal(f, k)) {
        double r = p[m->stages[d->stage].renewal_param];
        return log(r) - log1p(-r);
    }
    double stay = 1;
    for (int j = 0; j < d->n_cat; j++)
        stay -= p[d->cat_param[j]];
    /* a rate of 0 (or a scenario leaving no firm staying) held as 2 FIT_STAGE_MAX_INTERCEPT
       logits off, so that a firm-year that took the outcome keeps a log-likelihood */
    double logit = stay > 0 ? log(p[d->cat_param[k]]) - log(stay) : 2 * FIT_STAGE_MAX_INTERCEPT;
    return CLAMP(logit, -2 * FIT_STAGE_MAX_INTERCEPT, 2 * FIT_STAGE_MAX_INTERCEPT);
}

/* Outcome k stops being fitted, `why`, its intercept `intercept`: its
 * coefficients go with it. */
static void drop_outcome(FitStage *f, int k, FitOutcomeStatus why, double intercept)
{
    FitOutcome *o = &f->out[k];
    o->status = why;
    o->intercept = intercept;
    for (int a = 0; a < f->n_attrs; a++)
        if (o->coef[a].status == FIT_COEF_FITTED || o->coef[a].status == FIT_COEF_TOO_FEW ||
            o->coef[a].status == FIT_COEF_CONSTANT)
            o->coef[a] = (FitCoef){.status = FIT_COEF_NO_OUTCOME};
}

static void drop_coef(FitStage *f, int k, int a, FitCoefStatus why)
{
    f->out[k].coef[a] = (FitCoef){.status = why};
}

/* The free value of `x` that runs furthest off among the coefficients
 * (attr >= 0) or the intercepts, or -1: past FIT_STAGE_MAX_COEF or
 * FIT_STAGE_MAX_INTERCEPT. */
static int furthest_off(FitStage *f, const Free *x, gboolean coefs)
{
    int worst = -1;
    double most = 1;
    for (int t = 0; t < x->n; t++) {
        if ((x->attr[t] >= 0) != coefs)
            continue;
        double v = fabs(*free_value(f, x, t)) / (coefs ? FIT_STAGE_MAX_COEF : FIT_STAGE_MAX_INTERCEPT);
        if (v > most)
            worst = t, most = v;
    }
    return worst;
}

/* Drops the value of `f` that runs furthest off, a coefficient before any
 * intercept (a rare outcome that an attribute separates drives both, and
 * the coefficient is the cause): a coefficient is separated; a renewal's
 * intercept puts its rate at 0 or 1; the edge to the lapse stage, whose
 * moves lapses may explain, goes to rate 0; any other intercept (which
 * cannot run off while its outcome has events) is held at the scenario's
 * value.  FALSE when nothing runs off. */
static gboolean drop_diverging(FitStage *f, const FitStageData *d, const Free *x)
{
    int t = furthest_off(f, x, TRUE);
    if (t >= 0) {
        drop_coef(f, x->out[t], x->attr[t], FIT_COEF_SEPARATED);
        return TRUE;
    }
    if ((t = furthest_off(f, x, FALSE)) < 0)
        return FALSE;
    int k = x->out[t];
    gboolean up = f->out[k].intercept > 0;
    if (is_renewal(f, k))
        drop_outcome(f, k, up ? FIT_OUT_ALL_RENEWED : FIT_OUT_NONE_RENEWED, up ? INFINITY : -INFINITY);
    else if (!up && k == d->lapse_cat)
        drop_outcome(f, k, FIT_OUT_AT_ZERO, -INFINITY);
    else
        drop_outcome(f, k, FIT_OUT_FLAT, scenario_intercept(f, d, k));
    return TRUE;
}

/* Holds at 0 the coefficient loading most on the flattest direction of
 * the information `h` (destroyed) when its curvature is below
 * FIT_STAGE_FLAT_EIGENVALUE, or, when no coefficient loads on it, holds the
 * intercept loading most (the edge to the lapse stage first) at the
 * scenario's value; FALSE when no direction is flat. */
static gboolean drop_flat(FitStage *f, const FitStageData *d, const Free *x, gsl_matrix *h)
{
    int n = x->n;
    gsl_vector *eval = gsl_vector_alloc(n);
    gsl_matrix *evec = gsl_matrix_alloc(n, n);
    eigen(h, eval, evec);
    gboolean flat = !(gsl_vector_get(eval, 0) > FIT_STAGE_FLAT_EIGENVALUE);
    int coef = -1, icpt = -1;
    double coef_load = FIT_STAGE_FLAT_LOADING, icpt_load = FIT_STAGE_FLAT_LOADING;
    for (int t = 0; flat && t < n; t++) {
        double v = fabs(gsl_matrix_get(evec, t, 0));
        if (x->attr[t] >= 0 && v > coef_load)
            coef = t, coef_load = v;
        if (x->attr[t] < 0 && (v > icpt_load || (v > FIT_STAGE_FLAT_LOADING && x->out[t] == d->lapse_cat)))
            if (icpt < 0 || x->out[icpt] != d->lapse_cat)
                icpt = t, icpt_load = v;
    }
    gsl_vector_free(eval);
    gsl_matrix_free(evec);
    if (coef >= 0)
        drop_coef(f, x->out[coef], x->attr[coef], FIT_COEF_FLAT);
    else if (icpt >= 0)
        drop_outcome(f, x->out[icpt], FIT_OUT_FLAT, scenario_intercept(f, d, x->out[icpt]));
    return flat && (coef >= 0 || icpt >= 0);
}

/* ---- before the first fit ------------------------------------------------------ */

/* Each outcome's events and trials, and the stage's due rows; *stays the
 * rows that stayed (renewed, lapsed or not due) or may have. */
static void count(FitStage *f, const FitStageData *d, int *stays, int *lapses)
{
    *stays = *lapses = 0;
    for (int i = 0; i < d->n_rows; i++) {
        int y = d->y[i];
        f->n_due += d->due[i];
        if (y >= 0)
            f->out[y].events++;
        if (y == FIT_Y_MIXED)
            f->out[d->lapse_cat].events++;
        *stays += y < 0;
        *lapses += y == FIT_Y_LAPSED || y == FIT_Y_MIXED;
        if (f->renewal)
            f->out[f->n_out - 1].events += y == FIT_Y_RENEWED;
    }
    for (int k = 0; k < d->n_cat; k++)
        f->out[k].trials = d->n_rows;
    if (f->renewal)  /* the due firms that stayed and so renewed or lapsed */
        f->out[f->n_out - 1].trials = f->out[f->n_out - 1].events + *lapses;
}

/* Whether row i tells outcome k anything: every row tells an exit or an
 * edge, a due row that stayed (or may have) the renewal. */
static gboolean informs(const FitStage *f, const FitStageData *d, int k, int i)
{
    int y = d->y[i];
    return !is_renewal(f, k) || y == FIT_Y_RENEWED || y == FIT_Y_LAPSED || y == FIT_Y_MIXED;
}

/* Whether the rows of `d` that outcome k is fitted on (informs) all have
 * one value of attribute a. */
static gboolean constant_on(const FitStage *f, const FitStageData *d, int k, int a)
{
    gboolean seen = FALSE;
    double first = 0;
    for (int i = 0; i < d->n_rows; i++) {
        if (!informs(f, d, k, i))
            continue;
        double v = d->z[(gsize)i * d->n_attrs + a];
        if (seen && v != first)
            return FALSE;
        seen = TRUE, first = v;
    }
    return TRUE;
}

/* Whether an edge to the lapse stage can be told from a lapse: some row of
 * the stage was not due (and moved, or not, along the edge alone). */
static gboolean lapse_edge_told_apart(const FitStageData *d)
{
    for (int i = 0; i < d->n_rows; i++)
        if (!d->due[i])
            return TRUE;
    return FALSE;
}

/* Outcome k's status and starting intercept from its counts. */
static void start_outcome(FitStage *f, const FitStageData *d, int k, int stays, int lapses)
{
    FitOutcome *o = &f->out[k];
    o->status = FIT_OUT_FITTED;
    if (is_renewal(f, k)) {
        if (o->trials == 0)
            drop_outcome(f, k, FIT_OUT_NO_DUE, scenario_intercept(f, d, k));
        else if (o->events == 0)
            drop_outcome(f, k, FIT_OUT_NONE_RENEWED, -INFINITY);
        else if (lapses == 0)
            drop_outcome(f, k, FIT_OUT_ALL_RENEWED, INFINITY);
        else
            o->intercept = log(o->events / (double)lapses);
    } else if (o->events == 0) {
        drop_outcome(f, k, FIT_OUT_NEVER, -INFINITY);
    } else if (stays == 0) {
        drop_outcome(f, k, FIT_OUT_NO_STAY, scenario_intercept(f, d, k));
    } else if (k == d->lapse_cat && !lapse_edge_told_apart(d)) {
        drop_outcome(f, k, FIT_OUT_CONFOUNDED, scenario_intercept(f, d, k));
    } else {  /* the maximum itself when the stage has no attribute and no mixture */
        o->intercept = log(o->events / (double)stays);
    }
}

/* Outcome k's coefficients on the attributes `use` (NULL: none): each
 * fitted unless constant on its rows, or too few events for them all. */
static void start_coefs(FitStage *f, const FitStageData *d, int k, const gboolean *use)
{
    FitOutcome *o = &f->out[k];
    int n = 0;
    for (int a = 0; a < f->n_attrs; a++) {
        FitCoefStatus s = use == NULL || !use[a]             ? FIT_COEF_LEFT_OUT
                          : o->status != FIT_OUT_FITTED      ? FIT_COEF_NO_OUTCOME
                          : constant_on(f, d, k, a)          ? FIT_COEF_CONSTANT
                                                             : FIT_COEF_FITTED;
        o->coef[a] = (FitCoef){.status = s};
        n += s == FIT_COEF_FITTED;
    }
    int events = MIN(o->events, o->trials - o->events);
    for (int a = 0; a < f->n_attrs && events < FIT_STAGE_EVENTS_PER_COEF * n; a++)
        if (o->coef[a].status == FIT_COEF_FITTED)
            drop_coef(f, k, a, FIT_COEF_TOO_FEW);
}

/* ---- after the last fit -------------------------------------------------------- */

/* Standard errors, Wald tests and intervals of the free values of `f`
 * from the information `h` (destroyed), every direction curved. */
static void set_errors(FitStage *f, const Free *x, gsl_matrix *h)
{
    int n = x->n;
    gsl_vector *eval = gsl_vector_alloc(n);
    gsl_matrix *evec = gsl_matrix_alloc(n, n);
    eigen(h, eval, evec);
    for (int t = 0; t < n; t++) {
        double var = 0;
        for (int e = 0; e < n; e++)
            var += gsl_matrix_get(evec, t, e) * gsl_matrix_get(evec, t, e) / gsl_vector_get(eval, e);
        FitOutcome *o = &f->out[x->out[t]];
        if (x->attr[t] < 0) {
            o->intercept_se = sqrt(var);
            continue;
        }
        FitCoef *c = &o->coef[x->attr[t]];
        c->se = sqrt(var);
        c->z = c->estimate / c->se;
        c->p = 2 * gsl_cdf_ugaussian_Q(fabs(c->z));
        c->lo = c->estimate - FIT_STAGE_Z95 * c->se;
        c->hi = c->estimate + FIT_STAGE_Z95 * c->se;
    }
    gsl_vector_free(eval);
    gsl_matrix_free(evec);
}

/* NaN for the errors of what is not fitted, and each outcome's rate at the
 * mean firm and the scenario's. */
static void finish(FitStage *f, const FitStageData *d)
{
    const Model *m = d->model;
    g_autofree double *p = g_new(double, m->n_params);
    model_central_params(m, p);
    RowModel rm;
    g_autofree double *zero = g_new0(double, MAX(f->n_attrs, 1));
    row_model(f, d->n_cat, zero, TRUE, &rm);
    for (int k = 0; k < f->n_out; k++) {
        FitOutcome *o = &f->out[k];
        o->param = k < d->n_cat ? d->cat_param[k] : m->stages[d->stage].renewal_param;
        o->rate_scenario = p[o->param];
        o->rate = is_renewal(f, k) ? rm.r : rm.p[k];
        if (o->status != FIT_OUT_FITTED)
            o->intercept_se = NAN;
        for (int a = 0; a < f->n_attrs; a++)
            if (o->coef[a].status != FIT_COEF_FITTED)
                o->coef[a] = (FitCoef){.status = o->coef[a].status, .se = NAN, .z = NAN, .p = NAN, .lo = NAN,
                                       .hi = NAN};
    }
}

/* Fits `f` to `d` pass after pass, dropping what diverges or is flat,
 * until neither; then its errors. */
static void fit_passes(FitStage *f, const FitStageData *d)
{
    f->converged = TRUE;
    for (;;) {
        gboolean done = maximise(f, d);
        g_auto(Free) x = {0};
        free_index(f, &x);
        if (drop_diverging(f, d, &x))
            continue;
        if (x.n == 0) {
            f->converged &= done;
            return;
        }
        gsl_matrix *h = information(f, d, &x), *copy = gsl_matrix_alloc(x.n, x.n);
        gsl_matrix_memcpy(copy, h);
        gboolean flat = drop_flat(f, d, &x, copy);
        if (!flat)
            set_errors(f, &x, h);
        gsl_matrix_free(h);
        gsl_matrix_free(copy);
        if (flat)
            continue;
        f->converged &= done;
        return;
    }
}

/* The likelihood-ratio test of each attribute with a fitted coefficient:
 * `f` refitted without them (from its estimates), twice the fall of the
 * log-likelihood, chi-square with as many degrees of freedom. */
static void lr_tests(FitStage *f, const FitStageData *d)
{
    for (int a = 0; a < f->n_attrs; a++) {
        g_autoptr(FitStage) r = stage_copy(f);
        int df = 0;
        for (int k = 0; k < f->n_out; k++)
            if (r->out[k].coef[a].status == FIT_COEF_FITTED) {
                drop_coef(r, k, a, FIT_COEF_LEFT_OUT);
                df++;
            }
        if (df == 0)
            continue;
        f->converged &= maximise(r, d);
        g_auto(Free) x = {0};
        free_index(r, &x);
        double fall = f->log_likelihood - log_likelihood(r, d, &x, NULL);
        f->lr[a] = MAX(2 * fall, 0);
        f->lr_df[a] = df;
        f->lr_p[a] = gsl_cdf_chisq_Q(f->lr[a], df);
    }
}

FitStage *fit_stage_fit(const FitStageData *d, const gboolean *use, gboolean tests)
{
    g_return_val_if_fail(d != NULL && d->model != NULL, NULL);
    FitStage *f = stage_new(d);
    int stays, lapses;
    count(f, d, &stays, &lapses);
    for (int k = 0; k < f->n_out; k++) {
        start_outcome(f, d, k, stays, lapses);
        start_coefs(f, d, k, use);
    }
    fit_passes(f, d);
    g_auto(Free) x = {0};
    free_index(f, &x);
    f->log_likelihood = log_likelihood(f, d, &x, NULL);
    finish(f, d);
    if (use != NULL) {
        g_autoptr(FitStage) constant = fit_stage_fit(d, NULL, FALSE);
        f->log_likelihood_constant = constant->log_likelihood;
    } else {
        f->log_likelihood_constant = f->log_likelihood;
    }
    if (tests)
        lr_tests(f, d);
    return f;
}

/* ---- predictions -------------------------------------------------------------- */

double fit_stage_log_prob(const FitStage *f, const FitStageData *d, int row)
{
    g_return_val_if_fail(f != NULL && d != NULL && row >= 0 && row < d->n_rows, NAN);
    RowModel rm;
    row_model(f, d->n_cat, d->z + (gsize)row * d->n_attrs, d->due[row], &rm);
    return row_log_prob(&rm, d->n_cat, d->lapse_cat, d->y[row], NULL, NULL);
}

double fit_stage_next_prob(const FitStage *f, const Model *m, const double *z, gboolean due, int next)
{
    g_return_val_if_fail(f != NULL && m != NULL, NAN);
    int n_cat = f->n_out - f->renewal;
    int lapse_cat = f->renewal ? category_of(m, f->stage, m->stages[f->stage].lapse_to) : -1;
    int y = classify_due(m, f->stage, due, next);
    if (y == FIT_Y_IMPOSSIBLE)
        return 0;
    RowModel rm;
    row_model(f, n_cat, z, due, &rm);
    return exp(row_log_prob(&rm, n_cat, lapse_cat, y, NULL, NULL));
}
