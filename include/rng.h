/* rng.h: counter-based random streams (Philox4x32-10) behind a gsl_rng, so that
 * GSL's samplers draw from them.  A stream is addressed by (seed, replication,
 * stream id); opening one costs a few stores, so every draw site gets its own.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_RNG_H
#define LADDER_RNG_H

#include <glib.h>
#include <gsl/gsl_rng.h>

/* What a stream is for; part of its id, so purposes never share numbers. */
typedef enum {
    RNG_PARAMS = 1,  /* per-replication draws of uncertain parameters (slot = param) */
    RNG_MOVES  = 2,  /* a stage's outcomes in a year (slot = cohort, category) */
    RNG_RENEW  = 3,  /* a stage's renewals in a year (slot = cohort) */
    RNG_ARRIVE = 4,  /* a stage's Poisson arrivals in a year */
} RngPurpose;

/* A gsl_rng whose type is ladder's Philox stream.  Free with gsl_rng_free. */
gsl_rng *rng_new(void);

/* Positions `r` (from rng_new) at the start of stream `stream` of
 * replication `rep` under `seed`.  Independent of anything drawn before. */
void rng_open(gsl_rng *r, guint64 seed, guint64 rep, guint32 stream);

/* Stream id of (purpose, year index 0..MODEL_MAX_YEARS, stage 0..63, slot
 * 0..65535): distinct arguments give distinct ids. */
guint32 rng_stream_id(RngPurpose purpose, int year_index, int stage, int slot);

/* The raw block function: Philox4x32 with 10 rounds (Salmon, Moraes, Dror
 * and Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011). */
void rng_philox4x32_10(const guint32 ctr[4], const guint32 key[2], guint32 out[4]);

#endif
