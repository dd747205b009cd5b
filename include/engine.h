/* engine.h: one replication of the ladder, year by year, with exact draws.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_ENGINE_H
#define LADDER_ENGINE_H

#include <glib.h>
#include <gsl/gsl_rng.h>
#include "model.h"

typedef struct EngineScratch EngineScratch;

/* Working memory for one thread's replications of `m`. */
EngineScratch *engine_scratch_new(const Model *m);
void engine_scratch_free(EngineScratch *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(EngineScratch, engine_scratch_free)

/* The replication's base parameters: central values, or with `uncertain`
 * one draw of each uncertain parameter from its own stream (RNG_PARAMS). */
void engine_draw_params(const Model *m, gboolean uncertain, gsl_rng *r,
                        guint64 seed, guint64 rep, double *base);

/* Simulates replication `rep`.  `params` holds the parameters in force in
 * each year, [n_years * n_params], row y for base_year + y (row 0 unused).
 * Writes `stock` and `entries`, [n_years * n_stages], row 0 the baseline.
 * Every stage's draws in a year come from streams of their own, so they
 * depend only on that stage's counts and parameters. */
void engine_replicate(const Model *m, const double *params, gsl_rng *r,
                      guint64 seed, guint64 rep, EngineScratch *s,
                      gint64 *stock, gint64 *entries);

#endif
