/* firms.h: one replication of the ladder firm by firm: each firm's yearly
 * outcome, renewal and list membership drawn from a stream of its own, so
 * that what is known of a firm (its stage, its renewal clock, its
 * attributes through the effects) can change its chances, and a change to
 * one firm leaves every other firm's history as it was.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_FIRMS_H
#define LADDER_FIRMS_H

#include <glib.h>
#include <gsl/gsl_rng.h>
#include "engine.h"
#include "model.h"

/* Blocks of a firm's stream used per simulated year: block 0 its outcome
 * and renewal, blocks 1 .. 32 its list memberships (two lists a block),
 * FIRMS_ROW_BLOCK the roster row an arriving firm resembles. */
#define FIRMS_BLOCKS_PER_YEAR 64
#define FIRMS_ROW_BLOCK 63
G_STATIC_ASSERT(1 + (MODEL_MAX_LISTS + 1) / 2 <= FIRMS_ROW_BLOCK);

/* The firms known by name at the end of base_year (a roster) and what the
 * engine needs of them.  Stages the roster does not cover start from their
 * baseline as firms with no record (attributes at the mean). */
typedef struct {
    int n_firms;            /* known firms, >= 0 */
    int n_attrs;            /* standardised attributes per firm, >= 0 */
    const int *stage;       /* [n_firms]: stage index */
    const int *clock;       /* [n_firms]: renewal clock, 0 .. V - 1 (0 without renewal) */
    const double *z;        /* [n_firms * n_attrs]: standardised attributes; NULL when n_attrs is 0 */
    const gboolean *covers; /* [n_stages]: TRUE where these firms replace the stage's baseline;
                               NULL: every stage keeps its baseline (no known firm) */
} FirmsStart;

/* How attributes move a firm's chances (docs/model.md, "Firms"): for each
 * parameter p and attribute a, the coefficient beta[p * n_attrs + a].  Only
 * exit, edge and renewal parameters may have one; the others must be 0.
 * An outcome k (exit, an edge) of a stage has weight exp(beta_k . z); the
 * firm's probability of k is p_k w_k / (p_stay + sum_j p_j w_j); a renewal
 * has logit p_i = logit p + beta . z. */
typedef struct {
    int n_attrs;
    const double *beta;     /* [n_params * n_attrs]; NULL: no effects */
} FirmsEffects;

/* What the known firms did, added up over replications (exact integers, so
 * the sum over threads is the same for any thread count).  Memory grows
 * with the firms and years, never with the replications. */
typedef struct FirmsTally {
    int n_firms, n_years, n_stages, n_lists;
    guint32 *state;    /* [(firm * n_years + year) * (n_stages + 1) + s]: replications where the
                          firm is in stage s at the end of the year; s = n_stages: it has exited */
    guint32 *listed;   /* [(firm * n_years + year) * n_lists + l]: on list l at the end of the year */
    guint32 *entered;  /* [(firm * n_years + year) * n_stages + s]: replications where the firm
                          entered stage s along an edge during the year */
    guint32 *up;       /* [firm * (n_years + 1) + year]: replications where the firm is first
                          above its starting stage at the end of the year; year = n_years: never */
} FirmsTally;

FirmsTally *firms_tally_new(const Model *m, int n_firms);
void firms_tally_free(FirmsTally *t);
/* Firm `firm`'s expected contribution to each target of `m` ([n_targets]
 * into `out`) over the `reps` replications `t` counted: the target's own
 * rule (model_target_expected) on the firm's shares of replications in
 * each stage, entering it and on each list.  For a stock or list target it
 * is the probability the firm counts toward it. */
void firms_tally_expected(const FirmsTally *t, const Model *m, int firm, guint64 reps, double *out);

/* Adds `src` into `dst` (the same shape). */
void firms_tally_merge(FirmsTally *dst, const FirmsTally *src);

/* The tally's counts as one array of *n words (state, listed, entered,
 * up, one after the other), for sending to another process. */
guint32 *firms_tally_words(FirmsTally *t, gsize *n);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FirmsTally, firms_tally_free)

typedef struct FirmsScratch FirmsScratch;

/* Working memory for one thread's replications of `m` from `start`
 * (borrowed; both must outlive it). */
FirmsScratch *firms_scratch_new(const Model *m, const FirmsStart *start);
void firms_scratch_free(FirmsScratch *x);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FirmsScratch, firms_scratch_free)

/* Simulates replication `rep` firm by firm into `out` (the trajectory
 * engine_replicate gives, the same in distribution for the same model and
 * starting firms) and, when `tally` is not NULL, adds what each known firm
 * did to it.  `params` as engine_replicate's; `baseline` [n_stages] the
 * replication's baselines (NULL: the model's), used for the stages the
 * known firms do not cover, spread over the renewal clocks as
 * engine_replicate spreads them; `effects` may be NULL.  Arrivals and
 * recruitment are drawn per stage as engine_replicate draws them (the
 * same numbers for the same seed) and enter as firms with no record; with
 * effects and known firms, each resembles a known firm of its stage drawn
 * uniformly, or is at the mean (no record) when the roster has none there.  Firm i's draws come
 * from stream rng_firm_stream(i): known firms first, then the baseline
 * firms stage by stage, then the arrivals year by year and stage by
 * stage. */
void firms_replicate(const Model *m, const FirmsStart *start, const FirmsEffects *effects,
                     const double *params, const gint64 *baseline, gsl_rng *r, guint64 seed,
                     guint64 rep, FirmsScratch *x, const EngineTrajectory *out, FirmsTally *tally);

/* firms_replicate of replications rep0 .. rep0 + n - 1 into out[0 .. n - 1],
 * all with the same year parameters, baselines and effects (a run without
 * [uncertainty] on them): the same trajectories and tally, bit for bit,
 * faster, as the known firms are run batch by batch, each batch for
 * several replications in a row while its tally rows and weights are in
 * the cache.  Afterwards `x` is as firms_replicate of the last leaves it
 * for firms_serve and firms_trace only when n is 1. */
void firms_replicate_chunk(const Model *m, const FirmsStart *start, const FirmsEffects *effects,
                           const double *params, const gint64 *baseline, gsl_rng *r, guint64 seed, guint64 rep0,
                           int n, FirmsScratch *x, const EngineTrajectory *out, FirmsTally *tally);

/* ---- one known firm at a time --------------------------------------------

 * After firms_replicate, the same replication's history of one known firm
 * can be run again alone: it is the history that replication gave it
 * (its stream is its own), or what it would have been with other chances
 * for that firm only, the other firms unchanged.  This is what makes a
 * firm's service gain exact under common random numbers: only the firms
 * whose chances the service changes, in a year they are at risk of it,
 * are run again, and each difference is the service's doing alone. */

/* Prepares `x` for replication `rep` of `m` as firms_replicate does
 * (arguments as its), without simulating it: the known firms at their
 * starts, the year tables and the effects' weights, which is all
 * firms_serve and firms_trace need.  (firms_replicate calls it first.) */
void firms_prepare(const Model *m, const FirmsStart *start, const FirmsEffects *effects, const double *params,
                   guint64 seed, guint64 rep, FirmsScratch *x);

/* For each known firm firms[j] (j < n, roster indices) in the replication
 * the last firms_replicate (or firms_prepare) on `x` prepared: count[j * n_targets + t] its own
 * contribution to target t (model_target_count of its history alone: 1
 * when it is in the target's stage or on its list in the target's year,
 * its entries for a `new` target), and delta[j * n_targets + t] how much
 * that changes when the firm alone takes the year parameters `served`
 * ([n_years * n_params], the replication's with the service applied)
 * instead of the replication's: it is run again on the same numbers,
 * only when it starts some year in a stage whose exit, edge or renewal
 * parameters differ that year (else every delta is exactly 0).  Returns
 * the number of firms run again. */
int firms_serve(FirmsScratch *x, const double *served, const int *firms, int n, gint64 *count,
                gint64 *delta);

typedef enum {
    FIRMS_EVENT_EDGE,     /* moved along the edge from -> to */
    FIRMS_EVENT_EXIT,     /* closed or left the district (to = n_stages) */
    FIRMS_EVENT_RENEW,    /* was due and renewed in `from` */
    FIRMS_EVENT_LAPSE,    /* was due, did not renew, went to the lapse stage `to` */
    FIRMS_EVENT_LIST_ON,  /* is on list `list` at the end of the year, not the year before */
    FIRMS_EVENT_LIST_OFF, /* was on it the year before, is not now */
} FirmsEventKind;

typedef struct {
    int year;             /* the calendar year it happened in */
    FirmsEventKind kind;
    int from, to;         /* stages (to = n_stages: exited); -1 for a list event */
    int list;             /* list index for a list event; -1 otherwise */
} FirmsEvent;

/* Known firm `firm`'s events in the replication the last firms_replicate
 * on `x` ran, by year (its own before its lists' in a year); when
 * `stage_end` is not NULL, [n_years] its stage at the end of each year
 * (n_stages: exited).  Caller frees the array (of FirmsEvent). */
GArray *firms_trace(FirmsScratch *x, int firm, int *stage_end);
/* Every firm of one replication and where it stood at the end of each
 * year: for a caller that needs each firm's own history rather than
 * tallies (`ladder roster synth` writes it as an outcomes file).  Filled
 * by firms_replicate_paths; firms_paths_clear frees the arrays. */
typedef struct {
    int n_firms;   /* the replication's firms, numbered as firms_replicate numbers their streams:
                      the known firms, then the baseline firms, then the arrivals */
    int n_years;   /* model_n_years */
    int *born;     /* [n_firms]: year index at whose end the firm is first counted (0: base_year) */
    int *row;      /* [n_firms]: the known firm whose attributes it has: itself for a known firm; for
                      an arrival with effects the one it resembles; -1: none (at the mean) */
    int *stage;    /* [n_firms * n_years]: firm i's stage at the end of year index yi at
                      i * n_years + yi; n_stages once it has exited; -1 before it is born */
    int *clock;    /* [n_firms * n_years]: its renewal clock then (0 in a stage without renewal,
                      and when exited or not yet born) */
} FirmsPaths;

/* firms_replicate, with the same draws and the same `out` and `tally`,
 * and also every firm's path into `paths` (its arrays replaced; the
 * caller clears it with firms_paths_clear).  Memory grows with the firms
 * of the replication times its years. */
void firms_replicate_paths(const Model *m, const FirmsStart *start, const FirmsEffects *effects,
                           const double *params, const gint64 *baseline, gsl_rng *r, guint64 seed,
                           guint64 rep, FirmsScratch *x, const EngineTrajectory *out, FirmsTally *tally,
                           FirmsPaths *paths);

/* Frees the arrays of `p` and zeroes it. */
void firms_paths_clear(FirmsPaths *p);

#endif
