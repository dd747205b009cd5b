/* cultivate.h: whom to help.  The firms of a run's roster ranked, for
 * each target, by their chance of counting toward it and by what a
 * service (一企一策, a 专班 visit, a subsidy) given to that firm alone adds
 * to that chance, measured under common random numbers so that the gain
 * is the service's doing and not noise; then what the service given to
 * the top firms of each list does to the target's probability.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_CULTIVATE_H
#define LADDER_CULTIVATE_H

#include <glib.h>
#include "model.h"
#include "runner.h"

#define CULTIVATE_MAX_CHANGES 8

/* A service: changes to a firm's own chances (exits, edges, renewals:
 * param_kind(kind)->takes_effects), each `*x` or `+x` on top of the
 * scenario's year parameters, from base_year + 1 to the horizon. */
typedef struct {
    int n;
    int param[CULTIVATE_MAX_CHANGES];
    LeverOp op[CULTIVATE_MAX_CHANGES];  /* LEVER_MULTIPLY or LEVER_ADD */
    double x[CULTIVATE_MAX_CHANGES];
} CultivateService;

/* The service's changes as one text, "tech_sme -> hightech = *1.3", joined
 * by "; " (caller frees). */
char *cultivate_service_text(const Model *m, const CultivateService *s);

/* `m` with the service's changes as levers from base_year + 1: the year
 * parameters of a served firm (caller owns).  Fails with an INPUT error
 * when they make a year invalid at the central values (a probability
 * above 1, a stage's outcomes summing above 1). */
Model *cultivate_served_model(const Model *m, const CultivateService *s, GError **error);

/* One target's lists. */
typedef struct {
    int target;
    int *by_chance;     /* [n_firms] roster indices, by chance (highest first; ties in roster order) */
    int *by_gain;       /* [n_firms] by gain (highest first; ties by chance, then roster order);
                           NULL without a service */
    int n_top;          /* the first n_top of by_gain served together (0: not run) */
    double top_p, top_se;           /* P(target met) with them served, and its MC SE */
    double top_diff, top_diff_se;   /* its paired change from the run's P(target met), and its SE */
    double top_all, top_all_se;     /* P(every target met) with them served, and its MC SE */
    double top_all_diff, top_all_diff_se;
} CultivateList;

typedef struct {
    const RunResult *run;   /* borrowed: the run (with RunConfig.service when there is a service) */
    int n_firms, n_targets;
    guint64 reps;
    double *chance;     /* [firm * T + t]: its expected contribution to target t (for a stock
                           or list target, the probability it counts) */
    double *chance_se;
    double *gain;       /* [firm * T + t]: the service's change of it; NULL without a service */
    double *gain_se;    /* its MC SE (paired) */
    double *changed;    /* [firm]: share of replications where the service changed its history's
                           contribution to some target */
    CultivateList *lists; /* [T] */
} Cultivation;

/* The lists of `run` (of a model with a roster; with RunConfig.service
 * giving each known firm alone the service, when `served` is not NULL).
 * With a service, the top `top` firms (>= 1) of each target's gain list
 * with a positive gain are then served together in a second run of the
 * same replications (`config`, the run's, same seed), giving P(target met)
 * with them served; that run's other figures are the first run's.  When
 * `run` kept its counts (RunConfig.keep_counts), the second run only runs
 * those firms again against them (RunService.counts), else it runs every
 * replication again; the figures are the same.  Fails as runner_run.
 * Caller owns (cultivate_free). */
Cultivation *cultivate_lists(const RunResult *run, const Model *served, const RunConfig *config, int top,
                             GError **error);

void cultivate_free(Cultivation *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Cultivation, cultivate_free)

#endif
