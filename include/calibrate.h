/* calibrate.h: parameters fitted to published counts by maximum likelihood
 * through the exact expectation of the model (expect_run_smooth), with 95%
 * intervals and a check of what the counts can identify.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_CALIBRATE_H
#define LADDER_CALIBRATE_H

#include <glib.h>
#include "dist.h"
#include "history.h"
#include "model.h"

#define CALIBRATE_MAX_FIT 16   /* parameters fitted at once */

/* What the user asked to fit: a parameter, or a stage's baseline. */
typedef struct {
    int param;          /* index into m->params; -1 for a baseline */
    int stage;          /* the baseline's stage when param is -1 */
} CalibrateKey;

/* Whether the counts pin a fitted parameter down. */
typedef enum {
    FIT_IDENTIFIED,     /* a closed profile-likelihood 95% interval and no flat direction */
    FIT_FLAT,           /* it loads more than 0.05 on an eigenvector of the Hessian whose
                           eigenvalue is below 0.01 (the likelihood is nearly flat along it) */
    FIT_OPEN,           /* its profile log-likelihood stays within CALIBRATE_HALF_CHI2 of the
                           maximum all the way to a bound of its range (or a limit of the
                           scenario) in some direction */
    FIT_AT_BOUND,       /* the best value is at the edge of its range (0 or 1), or so near a
                           limit of the scenario (exit plus edges 1) that its uncertainty
                           would cross it */
} FitStatus;

#define CALIBRATE_STRONG 0.95  /* |correlation| reported as strong: information only */
#define CALIBRATE_TAIL 1e-9    /* tails of an estimate's distribution that must stay valid */
#define CALIBRATE_HALF_CHI2 1.920729410347062 /* chi^2_1(0.95) / 2: the drop of the log-likelihood
                                                 at the ends of a profile 95% interval */
#define CALIBRATE_DIFFER 0.10  /* profile and delta intervals "differ": an end more than this
                                  share of the delta interval's width apart */

typedef struct {
    CalibrateKey what;
    char *key;          /* "tech_sme -> hightech", "baseline.hightech" */
    gboolean probability; /* fitted on the logit scale; else (rates, baselines) the log scale */
    double start;       /* the scenario's central value, where the first start begins */
    double value;       /* the maximum-likelihood value; `start` when not identified */
    double sd;          /* standard error (delta method); NaN when not identified */
    double lo, hi;      /* delta-method 95% interval, from the logit or log scale; NaN as sd */
    double profile_lo, profile_hi; /* profile-likelihood 95% interval; NaN as sd */
    gboolean differ;    /* an end of the two intervals more than CALIBRATE_DIFFER of hi - lo apart */
    FitStatus status;
    gboolean open_below, open_above; /* FIT_OPEN: the directions the profile stays up in */
    int tied_to;        /* FIT_FLAT: the fitted parameter it cannot be told from, or -1 */
    int correlated_with;/* the identified parameter its estimate correlates with most, or -1 */
    double correlation; /* with correlated_with (NaN when -1) */
} FitParam;

/* Where a stage's firms at the end of the fit's first year come from. */
typedef enum {
    START_HISTORY,      /* its published stock count that year */
    START_FITTED,       /* baseline.ID, fitted (the --fit names it) */
    START_SCENARIO,     /* the scenario's baseline */
} StartSource;

typedef struct {
    double value;       /* firms at the end of first_year (at the fit, for START_FITTED) */
    StartSource source;
    int obs;            /* START_HISTORY: the index of the count in the history; else -1 */
} StartValue;

typedef struct {
    const Model *model;     /* borrowed */
    const History *history; /* borrowed */
    double cv;              /* 0: Poisson; else negative binomial with variance mu + (cv mu)^2 */
    int n_fit;
    FitParam *fit;
    double log_likelihood;  /* at the fit, with every constant term, of the counts that are not starts */
    int first_year;         /* history_first_year: the fit's recursion starts at its end */
    int n_rows;             /* horizon - first_year + 1 */
    StartValue *start;      /* [n_stages]: each stage at the end of first_year */
    gboolean *is_start;     /* [history->n]: the count is a start value (not in the likelihood) */
    double *fitted;         /* [history->n]: expected count of each observation at the fit */
    double *stock, *entries;/* [n_rows * n_stages], row 0 first_year: the expectation at the fit */
    double *lists;          /* [n_rows * n_lists]: each list's expected count at the fit */
    double *corr;           /* [n_fit * n_fit]: correlations of the estimates (NaN where not identified) */
    int n_starts;           /* optimiser starts */
    int n_agree;            /* starts that ended within CALIBRATE_AGREE of the best log-likelihood */
} Calibration;

#define CALIBRATE_AGREE 0.01

/* Fits the `n_keys` parameters `keys` of `m` to the counts of `h` by
 * maximum likelihood: each count is Poisson (cv = 0) or negative binomial
 * (cv > 0: variance mu + (cv mu)^2) around its exact expectation (stock at
 * the end of the year, or entries during it), all other parameters at
 * their central values and the policies acting from base_year + 1.  The
 * expectation starts at the end of history_first_year(h, m) from each
 * stage's published stock that year, else its fitted baseline, else the
 * scenario's (c->start says which); a count used as a start is not in the
 * likelihood.  Nelder-Mead (GSL) from several starts on the logit scale
 * for probabilities and the log scale for rates and baselines; delta-method
 * intervals from the Hessian there, profile-likelihood intervals by
 * refitting the others with each parameter held.  While a parameter is not
 * identified (FitStatus), the least identified one is fixed at its start
 * (value = start, sd and intervals NaN, its status saying why) and the
 * others are fitted again, so every estimate and the expectation go with
 * the values kept.  With no keys it only evaluates the scenario's own
 * values (the log-likelihood and expected counts; no starts).  Fails with
 * a USAGE error when a key is given twice or there are more than
 * CALIBRATE_MAX_FIT, and with an INPUT error when the scenario is invalid
 * at its central values or a 'new' count is in the first year.  Caller
 * owns the result; `m` and `h` must outlive it. */
Calibration *calibrate_run(const Model *m, const History *h, const CalibrateKey *keys, int n_keys, double cv,
                           GError **error);

/* The distribution the calibrated scenario draws estimate `f` from: a beta
 * (probabilities) or gamma (rates) with f's value as mean and f's sd as
 * standard deviation.  FALSE when none has them (no sd, or a variance a
 * beta cannot have). */
gboolean calibrate_estimate_dist(const FitParam *f, Dist *out);

void calibrate_free(Calibration *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Calibration, calibrate_free)

#endif
