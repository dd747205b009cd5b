/* fit_stage.h: the outcome model of one stage's firm-years, as
 * docs/model.md ("Firms", "One simulated year") states it, and its
 * maximum-likelihood fit: a multinomial logit of exit and each edge
 * against staying, and for a firm due for renewal a logit of renewing,
 * each with an intercept and a coefficient per standardised attribute;
 * standard errors, likelihood-ratio tests, and what the records cannot
 * determine.  fit_roster.h fits every stage of an outcomes file with it.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_FIT_STAGE_H
#define LADDER_FIT_STAGE_H

#include <glib.h>

#include "model.h"

/* An outcome's coefficients need this many events each (Peduzzi,
 * Concato, Kemper, Holford and Feinstein, "A simulation study of the
 * number of events per variable in logistic regression analysis", J Clin
 * Epidemiol 49(12), 1996): an exit or edge with fewer than 10 x (its
 * attributes) moves, or staying rows, gets no coefficients. */
#define FIT_STAGE_EVENTS_PER_COEF 10
/* A coefficient whose estimate passes this is diverging: one standard
 * deviation of the attribute would multiply the odds by e^10 > 20,000,
 * which records show only when the attribute (almost) separates the firms
 * that took the outcome from those that did not. */
#define FIT_STAGE_MAX_COEF 10.0
/* An intercept below -this: the outcome's rate at the mean firm under
 * 2e-9, its fit driven to 0. */
#define FIT_STAGE_MAX_INTERCEPT 20.0
/* Curvature of the log-likelihood below this along a direction: a
 * standard error over 10 there, so the records do not determine it
 * (calibrate.c's rule), nor the parameters loading on it by more than
 * FIT_STAGE_FLAT_LOADING. */
#define FIT_STAGE_FLAT_EIGENVALUE 0.01
#define FIT_STAGE_FLAT_LOADING 0.05
#define FIT_STAGE_Z95 1.959963984540054  /* the two-sided 95% normal quantile */

/* What a firm-year of the stage did, as the likelihood sees it (the year
 * order of docs/model.md): a category k >= 0 (exit or an edge, as
 * FitStageData lists them), or one of these. */
typedef enum {
    FIT_Y_STAY = -1,     /* stayed, not due for renewal (or the stage has none) */
    FIT_Y_RENEWED = -2,  /* stayed, was due, renewed: still in the stage */
    FIT_Y_LAPSED = -3,   /* stayed, was due, lapsed to the lapse stage, which no edge leads to */
    FIT_Y_MIXED = -4,    /* was due and is in the lapse stage a year later, which an edge leads to as
                            well: it took the edge, or stayed and lapsed (the likelihood sums both) */
    FIT_Y_IMPOSSIBLE = -5, /* a move the stage's ladder does not allow */
} FitY;

/* The firm-years of one stage, ready for the likelihood. */
typedef struct {
    const Model *model;   /* borrowed */
    int stage;
    int n_cat;            /* its outcomes other than staying: the exit (when it has one), then its edges in
                             file order */
    int cat_param[MODEL_MAX_STAGES + 1]; /* [n_cat]: each one's parameter index */
    int lapse_cat;        /* the category of the edge to the lapse stage, -1 when none goes there */
    int n_attrs;          /* standardised attributes per row */
    int n_rows;
    double *z;            /* [n_rows * n_attrs] */
    int *y;               /* [n_rows]: a category or a FitY */
    gboolean *due;        /* [n_rows]: due for renewal in the year */
} FitStageData;

/* Why a coefficient was or was not fitted. */
typedef enum {
    FIT_COEF_FITTED,
    FIT_COEF_CONSTANT,    /* the attribute has one value on every row its outcome is fitted on */
    FIT_COEF_TOO_FEW,     /* its outcome has fewer than FIT_STAGE_EVENTS_PER_COEF events a coefficient */
    FIT_COEF_SEPARATED,   /* its estimate ran past FIT_STAGE_MAX_COEF (complete or quasi-complete
                             separation): no finite maximum */
    FIT_COEF_FLAT,        /* the log-likelihood is flat along it (collinear with other attributes) */
    FIT_COEF_NO_OUTCOME,  /* its outcome is not fitted (FitOutcomeStatus) */
    FIT_COEF_LEFT_OUT,    /* not asked for: the constant-rate model, a likelihood-ratio test's model */
    FIT_COEF_N_STATUS
} FitCoefStatus;

/* Why an outcome's intercept was or was not fitted. */
typedef enum {
    FIT_OUT_FITTED,
    FIT_OUT_NEVER,        /* no firm-year took it: its rate at the maximum is 0 */
    FIT_OUT_AT_ZERO,      /* the fit drove its rate to 0 (below e^-FIT_STAGE_MAX_INTERCEPT) */
    FIT_OUT_CONFOUNDED,   /* an edge to the lapse stage that every firm-year's due renewal confounds (no
                             row of the stage was not due): held at the scenario's rate, no effects */
    FIT_OUT_FLAT,         /* the log-likelihood is flat along its intercept, or runs off upwards: held at
                             the scenario's rate */
    FIT_OUT_NO_STAY,      /* no firm-year of the stage stayed: staying, what every outcome is measured
                             against, never happened; held at the scenario's rate */
    FIT_OUT_NO_DUE,       /* renewal: no firm-year was due and stayed: held at the scenario's rate */
    FIT_OUT_ALL_RENEWED,  /* renewal: every due firm renewed (rate 1 at the maximum) */
    FIT_OUT_NONE_RENEWED, /* renewal: none did (rate 0) */
    FIT_OUT_N_STATUS
} FitOutcomeStatus;

/* One coefficient: how a standard deviation of the attribute moves the
 * log-odds of the outcome (against staying; a renewal's against lapsing). */
typedef struct {
    FitCoefStatus status;
    double estimate;      /* the maximum-likelihood value; 0 when not FITTED (what the model then uses) */
    double se;            /* from the inverse of the observed information; NaN when not FITTED */
    double z, p;          /* Wald: estimate / se and its two-sided p-value; NaN as se */
    double lo, hi;        /* estimate -+ FIT_STAGE_Z95 se; NaN as se */
} FitCoef;

/* An exit, an edge or the renewal of the stage. */
typedef struct {
    int param;            /* index into model->params */
    FitOutcomeStatus status;
    int events;           /* firm-years that took it (renewal: due ones that renewed; an edge to the lapse
                             stage: with the due ones that may have lapsed instead) */
    int trials;           /* firm-years it is fitted on: the stage's (renewal: the due ones that stayed,
                             or may have: they renewed or lapsed) */
    double intercept;     /* log-odds against staying (renewal: of renewing) at the mean firm, as the model
                             uses it: -INFINITY at rate 0, +INFINITY (renewal) at rate 1 */
    double intercept_se;  /* NaN when not FITTED */
    double rate;          /* the fitted rate at the mean firm (z = 0) */
    double rate_scenario; /* the scenario's value (central, before any policy) */
    FitCoef *coef;        /* [n_attrs] */
} FitOutcome;

/* A stage's fit. */
typedef struct {
    int stage;
    int n_rows, n_due;
    int n_attrs;
    int n_out;            /* its categories (FitStageData's order), then its renewal when it has one */
    FitOutcome *out;      /* [n_out] */
    gboolean renewal;     /* out[n_out - 1] is the renewal */
    double log_likelihood;
    double log_likelihood_constant; /* with no attribute: each outcome's rate the same for every firm */
    double *lr;           /* [n_attrs]: likelihood-ratio statistic of the attribute (the model without
                             its fitted coefficients); NaN when none is fitted or not tested */
    int *lr_df;           /* [n_attrs]: its fitted coefficients */
    double *lr_p;         /* [n_attrs]: chi-square p-value (gsl_cdf_chisq_Q); NaN as lr */
    gboolean converged;   /* every maximisation met its gradient tolerance */
} FitStage;

/* The category of stage `s` of `m` that a firm in it reaching `next` (a
 * stage, or -1 for exit) took, or a FitY: the year order of docs/model.md
 * for a firm with renewal clock `clock` at the start of the year (due when
 * clock + 1 reaches the renewal period).  FIT_Y_IMPOSSIBLE when the ladder
 * allows no such move. */
int fit_stage_classify(const Model *m, int s, int clock, int next);

/* Whether a firm with clock `clock` in stage `s` is due for renewal in the
 * year that follows. */
gboolean fit_stage_due(const Model *m, int s, int clock);

/* An empty FitStageData of stage `s` for `n_rows` rows of `n_attrs`
 * attributes: its categories listed, z, y and due to fill (caller frees,
 * fit_stage_data_clear). */
void fit_stage_data_init(FitStageData *d, const Model *m, int s, int n_rows, int n_attrs);
void fit_stage_data_clear(FitStageData *d);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(FitStageData, fit_stage_data_clear)

/* Fits the stage to `d` by maximum likelihood (GSL's vector_bfgs2 on the
 * analytic gradient), every attribute of `use` (n_attrs of them; NULL:
 * none, the constant-rate model) on every outcome unless the records
 * cannot determine its coefficient: then it is held at 0, and the fit is
 * done again, until every coefficient left is determined (FitCoefStatus
 * says why each is not).  Standard errors from the inverse of the Hessian
 * of the log-likelihood, made by central differences of the analytic
 * gradient.  With `tests`, the likelihood-ratio test of each attribute.
 * Caller frees (fit_stage_free). */
FitStage *fit_stage_fit(const FitStageData *d, const gboolean *use, gboolean tests);

void fit_stage_free(FitStage *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FitStage, fit_stage_free)

/* The log-probability under `f` of row `row` of `d` (its own outcome):
 * -INFINITY when `f` gives that outcome no chance. */
double fit_stage_log_prob(const FitStage *f, const FitStageData *d, int row);

/* The probability under `f` that a firm of the stage with standardised
 * attributes `z` (f->n_attrs), due for renewal or not, is in `next` (a
 * stage, or -1 for exit) a year later. */
double fit_stage_next_prob(const FitStage *f, const Model *m, const double *z, gboolean due, int next);

#endif
