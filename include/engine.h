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

/* The replication's coefficients of [effects], [n_params * n_attrs]
 * (model.h's effect_beta layout): central values, or with `uncertain` one
 * draw of each uncertain coefficient from its own stream (RNG_PARAMS at
 * year index 1 + its attribute, the slot of its parameter's own draw), so
 * that no parameter or baseline draw moves when an effect is added.
 * Nothing when the model has no effects. */
void engine_draw_effects(const Model *m, gboolean uncertain, gsl_rng *r, guint64 seed, guint64 rep,
                         double *beta);

/* The replication's baselines, [n_stages] firms at the end of base_year:
 * the model's, or with `uncertain` one draw of each uncertain baseline from
 * its own stream (RNG_PARAMS), rounded to whole firms (ties to even) and at
 * least 0. */
void engine_draw_baselines(const Model *m, gboolean uncertain, gsl_rng *r,
                           guint64 seed, guint64 rep, gint64 *baseline);

/* One replication's trajectory, every array row y for base_year + y. */
typedef struct {
    gint64 *stock;    /* [n_years * n_stages]: firms at the end of the year; row 0 the baseline */
    gint64 *entries;  /* [n_years * n_stages]: firms that entered the stage in the year; row 0 zeros */
    gint64 *lists;    /* [n_years * n_lists]: each list's count at the end of the year
                         (may be NULL when the model has no lists) */
} EngineTrajectory;

/* Simulates replication `rep` from `baseline` ([n_stages]; NULL: the
 * model's).  `params` holds the parameters in force in each year,
 * [n_years * n_params] (model_year_table): row y for base_year + y, row 0
 * the base year's, which only list shares use.  Every stage's draws in a
 * year come from streams of their own, so they depend only on that stage's
 * counts and parameters; a list's share draws have streams of their own too. */
void engine_replicate(const Model *m, const double *params, const gint64 *baseline, gsl_rng *r,
                      guint64 seed, guint64 rep, EngineScratch *s, const EngineTrajectory *out);

/* Replication `rep` of region `m` (region.h) into `out` (the region's
 * years, stages and lists), with `x` from engine_scratch_new(m): each of
 * its parts in file order, a scenario drawn (with `uncertain`) and run as
 * engine_replicate runs it alone but on streams keyed by its
 * Model.stream_key, its values first multiplied by the [common] factors
 * of every region above it (drawn on the regions' own keys), its policies
 * then the regions' acting; a region part the same, recursively.  Each
 * part's stocks, entries and lists are added into the region's by stage
 * and list id, its years from the region's base year on.  Fails with an
 * INPUT error naming the part (and the year and cause) when the drawn
 * values make a year of a part invalid. */
gboolean engine_replicate_region(const Model *m, gboolean uncertain, gsl_rng *r, guint64 seed, guint64 rep,
                                 EngineScratch *x, const EngineTrajectory *out, GError **error);

/* Replication `rep` of region `m`, a copy of the region `base` last ran
 * (engine_replicate_region into scratch `base` and trajectory
 * `base_out`, the same replication) that differs from it in part `part`
 * only: that part run again, with the same random numbers, and the
 * others' figures taken from `base`: `out` is then what
 * engine_replicate_region of `m` would give, bit for bit, at the cost of
 * one part.  `x` holds only part `part`'s figures after it.  Fails as
 * engine_replicate_region. */
gboolean engine_replicate_region_part(const Model *m, int part, const EngineScratch *base,
                                      const EngineTrajectory *base_out, gboolean uncertain, gsl_rng *r, guint64 seed,
                                      guint64 rep, EngineScratch *x, const EngineTrajectory *out, GError **error);

/* Part `part`'s figures in the last engine_replicate_region of `x`: in the
 * region's years, stages and lists (0 where the part has none), so that the
 * region's are their sum; and in the part's own. */
const EngineTrajectory *engine_part_shaped(const EngineScratch *x, int part);
const EngineTrajectory *engine_part_own(const EngineScratch *x, int part);

#endif
