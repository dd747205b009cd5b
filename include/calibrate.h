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
    FIT_IDENTIFIED,     /* a finite 95% interval, not tied to another */
    FIT_FLAT,           /* the likelihood is (nearly) flat along a direction involving it */
    FIT_TIED,           /* |correlation| with another fitted parameter above CALIBRATE_TIED */
    FIT_AT_BOUND,       /* the best value is at the edge of its range (0 or 1), or so near a
                           limit of the scenario (exit plus edges 1) that its uncertainty
                           would cross it */
} FitStatus;

#define CALIBRATE_TIED 0.95
#define CALIBRATE_TAIL 1e-9    /* tails of an estimate's distribution that must stay valid */

typedef struct {
    CalibrateKey what;
    char *key;          /* "tech_sme -> hightech", "baseline.hightech" */
    gboolean probability; /* fitted on the logit scale; else (rates, baselines) the log scale */
    double start;       /* the scenario's central value, where the first start begins */
    double value;       /* the maximum-likelihood value; `start` when not identified */
    double sd;          /* standard error (delta method); NaN when FIT_FLAT or FIT_AT_BOUND */
    double lo, hi;      /* 95% interval, from the logit or log scale; NaN as sd */
    FitStatus status;
    int tied_to;        /* FIT_TIED, FIT_FLAT: the fitted parameter it moves with most, or -1 */
    double correlation; /* FIT_TIED: with tied_to */
} FitParam;

typedef struct {
    const Model *model;     /* borrowed */
    const History *history; /* borrowed */
    double cv;              /* 0: Poisson; else negative binomial with variance mu + (cv mu)^2 */
    int n_fit;
    FitParam *fit;
    double log_likelihood;  /* at the fit, with every constant term */
    double *fitted;         /* [history->n]: expected count of each observation at the fit */
    double *stock, *entries;/* [n_years * n_stages]: the expectation at the fit */
    double *corr;           /* [n_fit * n_fit]: correlations of the estimates (NaN where flat) */
    int n_starts;           /* optimiser starts */
    int n_agree;            /* starts that ended within CALIBRATE_AGREE of the best log-likelihood */
} Calibration;

#define CALIBRATE_AGREE 0.01

/* Fits the `n_keys` parameters `keys` of `m` to the counts of `h` by
 * maximum likelihood: each count is Poisson (cv = 0) or negative binomial
 * (cv > 0: variance mu + (cv mu)^2) around its exact expectation (stock at
 * the end of the year, or entries during it), all other parameters at
 * their central values and the policies acting.  Nelder-Mead (GSL) from
 * several starts on the logit scale for probabilities and the log scale
 * for rates and baselines; intervals and identification from the Hessian
 * there.  While a parameter is not identified, the least identified one is
 * fixed at its start (value = start, sd and interval NaN, its status saying
 * why) and the others are fitted again, so every estimate and the
 * expectation go with the values kept.  With no keys it only evaluates the scenario's own values (the
 * log-likelihood and expected counts; no starts).  Fails with a USAGE
 * error when a key is given twice or there are more than
 * CALIBRATE_MAX_FIT, and with an INPUT error when the scenario is invalid
 * at its central values.  Caller owns the result; `m` and `h` must outlive it. */
Calibration *calibrate_run(const Model *m, const History *h, const CalibrateKey *keys, int n_keys, double cv,
                           GError **error);

/* The distribution the calibrated scenario draws estimate `f` from: a beta
 * (probabilities) or gamma (rates) with f's value as mean and f's sd as
 * standard deviation.  FALSE when none has them (no sd, or a variance a
 * beta cannot have). */
gboolean calibrate_estimate_dist(const FitParam *f, Dist *out);

void calibration_free(Calibration *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Calibration, calibration_free)

#endif
