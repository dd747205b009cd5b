/* fit_roster.h: learning the [effects] of a scenario from a bureau's
 * firm-years (outcomes.h): each row classified by the scenario's ladder
 * (a move it does not allow is an error naming the row), the attributes
 * standardised, every stage with rows fitted (fit_stage.h), the whole
 * scored on its last year by a fit on the years before, and the
 * predicted-against-observed deciles of each stage's main move up.
 * `ladder fit-roster` (cmd_fit_roster.c) runs it.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_FIT_ROSTER_H
#define LADDER_FIT_ROSTER_H

#include <glib.h>

#include "fit_stage.h"
#include "model.h"
#include "outcomes.h"

/* An outcome's AUC on the held-out year needs at least this many of its
 * firm-years with it and as many without it. */
#define FIT_ROSTER_AUC_MIN 10
/* An attribute standardised by the outcomes' own mean and sd has them
 * rounded to this many significant digits, so that the standardise line
 * the fitted scenario writes with as many gives exactly the fit's z. */
#define FIT_ROSTER_SCALE_DIGITS 6
/* The predicted-against-observed groups of a stage's main move up. */
#define FIT_ROSTER_GROUPS 10

/* One stage with rows: its firm-years and their fit. */
typedef struct {
    FitStageData data;  /* the firm-years of every year */
    int *rows;          /* [data.n_rows]: each one's row index in the outcomes */
    FitStage *fit;
} FitRosterStage;

/* One outcome's one-vs-rest AUC on the held-out year. */
typedef struct {
    int stage;          /* the stage's index in the model */
    int next;           /* the outcome: the stage a year later, or -1 for exit */
    int events, n;      /* held-out firm-years of the stage with it, and scored in all */
    double auc;         /* of the fitted model: the chance it ranks a firm-year with the outcome above one
                           without (ties count half) */
    double auc_constant;/* of the constant-rate model (0.5 unless renewal makes due firms differ) */
} FitAuc;

/* The fit on every year but the last, scored on the last. */
typedef struct {
    int year;           /* the year scored: the file's last */
    int n_rows;         /* its firm-years scored */
    int n_left_out;     /* its firm-years not scored: their stage has no earlier row, or their outcome
                           never happened in the earlier years (no chance under either model) */
    double log_loss;    /* mean -log P(what happened) under the fitted model, natural log */
    double log_loss_constant; /* under the constant-rate model fitted on the same rows */
    int n_auc;
    FitAuc *auc;        /* [n_auc], by stage and outcome */
} FitHeldOut;

/* One group of a stage's firm-years by predicted probability. */
typedef struct {
    int n;              /* firm-years in it */
    double predicted;   /* their mean predicted probability */
    int observed;       /* how many took the move */
    double share;       /* observed / n */
    double lo, hi;      /* its Wilson 95% interval (Wilson, J Am Stat Assoc 22, 1927) */
} FitGroup;

/* Where an attribute's mean and sd came from. */
typedef enum { FIT_SCALE_OUTCOMES, FIT_SCALE_SCENARIO } FitScale;

typedef struct {
    const Model *model;       /* borrowed */
    const Outcomes *outcomes; /* borrowed */
    int n_attrs;
    int *attr;                /* [n_attrs]: the outcomes' attribute column of each */
    double *mean, *sd;        /* [n_attrs]: z = (x - mean) / sd; the outcomes' own to
                                 FIT_ROSTER_SCALE_DIGITS significant digits */
    FitScale *scale;          /* [n_attrs] */
    int first_year, last_year;
    int n_firms;              /* distinct ids */
    int n_stages;             /* stages with rows, in ladder order */
    FitRosterStage *stages;   /* [n_stages] */
    double log_likelihood, log_likelihood_constant; /* summed over the stages */
    FitHeldOut *held_out;     /* NULL when the file has one year */
} FitRoster;

/* Fits `m`'s outcome model to `o` on the attribute columns `attrs`
 * (indexes into o's), standardised by the standardise line of `m` when it
 * has one, else by o's own mean and sample sd over every row (to
 * FIT_ROSTER_SCALE_DIGITS significant digits).  Fails with an INPUT error "file:line: ..." at the first row whose
 * move the ladder of `m` does not allow (what the stage allows said, and
 * how many rows make the same move), or at the header when an attribute
 * has no spread to standardise by.  Caller frees; `m` and `o` must
 * outlive the result. */
FitRoster *fit_roster_run(const Model *m, const Outcomes *o, const int *attrs, int n_attrs, GError **error);

void fit_roster_free(FitRoster *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FitRoster, fit_roster_free)

/* The category of stage i's main move up (an edge to a later stage, the
 * one the most firm-years took) when the fit gives it a coefficient, else
 * -1: without one, every firm of the stage has the same chance of it. */
int fit_roster_up_edge(const FitRoster *f, int i);

/* The firm-years of stage i in FIT_ROSTER_GROUPS groups (fewer when it
 * has fewer rows) of equal size by their fitted probability of category
 * k, lowest first, into out[]; returns how many. */
int fit_roster_groups(const FitRoster *f, int i, int k, FitGroup *out);

#endif
