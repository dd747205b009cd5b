/* synth.h: a synthetic roster of firms and the outcomes history behind it,
 * made from a scenario (docs/roster.md, "A synthetic roster"), so that the
 * per-firm simulation and fit-roster can be tried without a bureau's own
 * records.  The history is drawn by the firm engine (firms.h) at the
 * scenario's rates and [effects], the true coefficients.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_SYNTH_H
#define LADDER_SYNTH_H

#include <glib.h>
#include "model.h"
#include "outcomes.h"
#include "roster.h"

#define SYNTH_DEFAULT_YEARS 5
#define SYNTH_MAX_FIRMS 10000000   /* 10^7 firms on a roster: more than any city's */

/* Replications of the seed's random streams (rng.h) that a synthesis
 * draws from, so that no draw shares numbers with another: the history is
 * replication SYNTH_REP_HISTORY of the firm engine; firm i's attributes
 * come from its own stream rng_firm_stream(i) of SYNTH_REP_ATTRS; the
 * choice among the firms of a cohort fuller than the roster's from
 * SYNTH_REP_CHOOSE. */
enum { SYNTH_REP_HISTORY = 0, SYNTH_REP_ATTRS = 1, SYNTH_REP_CHOOSE = 2 };

/* The attribute columns a synthetic roster has, in its column order. */
#define SYNTH_N_ATTRS 5
extern const char *const synth_attr_names[SYNTH_N_ATTRS + 1];  /* NULL-terminated */

typedef struct {
    gint64 firms;       /* firms on the roster, 1 .. SYNTH_MAX_FIRMS; 0: the baseline's own counts */
    int years;          /* years of history before base_year, 1 .. MODEL_MAX_YEARS */
    guint64 seed;
    const char *name_format;  /* a firm's name: a printf format of one %s, its id's number */
} SynthOptions;

/* What a synthesis made. */
typedef struct {
    Roster *roster;     /* the firms at the end of base_year, in id order (ids F000001, ...) */
    Outcomes outcomes;  /* every firm-year of the district's firms, first_year .. base_year - 1,
                           firm by firm in id order (ids borrowed from `ids`) */
    GPtrArray *ids;     /* char *: the id of every firm made, history firms first */
    int first_year;     /* base_year - years: the history's first year end */
    int n_history;      /* firms of the history: present at the end of first_year or arrived since */
    gint64 *start;      /* [n_stages]: firms at the end of first_year */
    gint64 *kept;       /* [n_stages]: roster firms with a history */
    gint64 *added;      /* [n_stages]: roster firms added without one, where the history left fewer
                           firms in a stage and clock than the roster holds */
    gint64 *left_off;   /* [n_stages]: firms of the history present at the end of base_year that
                           are not on the roster, where it left more */
    double *attr_mean;  /* [m->n_attrs]: the mean and sd the history standardised each [effects]
                           attribute with (the standardise line's, else its first firms'); NULL
                           without effects */
    double *attr_sd;
} Synth;

/* A roster of `o->firms` firms (or the baseline's) at the end of m's
 * base_year, its stages' counts the baseline's apportioned to that total
 * (largest remainders) and spread over the renewal clocks as a baseline
 * is (model_baseline_cohorts), with attribute columns drawn by stage; and
 * the outcomes of every firm of the district in the o->years years before,
 * drawn by the firm engine at m's central rates without its policies,
 * with its [effects] at their central coefficients, from a start chosen
 * so that the expected counts at the end of base_year are the roster's.
 * The same options give the same result, bit for bit.  Fails with an
 * INPUT error when the baseline has no firm, or when [effects] use an
 * attribute a synthetic roster has not (at the effect's line, the nearest
 * suggested).  Caller owns the result (synth_free). */
Synth *synth_make(const Model *m, const SynthOptions *o, GError **error);

void synth_free(Synth *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Synth, synth_free)

#endif
