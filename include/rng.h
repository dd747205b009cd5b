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
    RNG_LIST   = 5,  /* a list's share draws of a stage in a year (slot = list) */
    RNG_FIRM   = 6,  /* one firm's draws, every year (rng_firm_stream; firms.c) */
} RngPurpose;

/* The state behind a gsl_rng from rng_new.  In the header only so that
 * rng_uniform can be inlined into the samplers, whose every draw takes one
 * (a call through gsl_rng's function pointer cost 10% of a run:
 * docs/performance.md); other modules use the functions below. */
typedef struct {
    guint32 key[2];  /* the seed */
    guint32 ctr[4];  /* block index, stream id, replication (low, high) */
    guint32 buf[4];  /* the current block's output */
    guint pos;       /* next word of buf; 4 = block used up */
} RngPhiloxState;

/* Computes the next block into s->buf (an out-of-line slow path). */
void rng_refill(RngPhiloxState *s);

static inline guint32 rng_next_word(RngPhiloxState *s)
{
    if (G_UNLIKELY(s->pos == 4))
        rng_refill(s);
    return s->buf[s->pos++];
}

/* A double in [0, 1) with all 53 bits random (27 + 26 bits of two words). */
static inline double rng_uniform_state(RngPhiloxState *s)
{
    guint32 hi = rng_next_word(s) >> 5;
    guint32 lo = rng_next_word(s) >> 6;
    return (hi * 67108864.0 + lo) * (1.0 / 9007199254740992.0);
}

/* gsl_rng_uniform(r) for r from rng_new, inlined: the same numbers. */
static inline double rng_uniform(const gsl_rng *r)
{
    return rng_uniform_state((RngPhiloxState *)r->state);
}

/* A gsl_rng whose type is ladder's Philox stream.  Free with gsl_rng_free. */
gsl_rng *rng_new(void);

/* Positions `r` (from rng_new) at the start of stream `stream` of
 * replication `rep` under `seed`.  Independent of anything drawn before. */
void rng_open(gsl_rng *r, guint64 seed, guint64 rep, guint32 stream);

/* The first block of each of the `n` streams `streams[]` of replication
 * `rep` under `seed` into blocks[0..n-1]: the four words gsl_rng_get gives
 * first after rng_open.  Computed together, which is several times faster
 * than one at a time where the processor has AVX2; the same bits anywhere. */
void rng_first_blocks(guint64 seed, guint64 rep, const guint32 *streams, int n,
                      guint32 (*blocks)[4]);

/* Whether rng_first_blocks may use vector instructions (default TRUE);
 * returns the previous setting.  For the tests, which check that both paths
 * give the same bits, and for benchmarks. */
gboolean rng_allow_simd(gboolean allow);

/* The vector paths of rng_blocks, narrowest first. */
typedef enum {
    RNG_SIMD_NONE = 0,    /* the scalar block function */
    RNG_SIMD_AVX2 = 1,    /* eight lanes, two vectors interleaved */
    RNG_SIMD_AVX512 = 2,  /* sixteen lanes (AVX-512F) */
} RngSimd;

/* The widest path rng_blocks may take (default RNG_SIMD_AVX512; it takes
 * the widest the processor has up to it); returns the previous limit.
 * rng_allow_simd(FALSE) is a limit of RNG_SIMD_NONE, TRUE of
 * RNG_SIMD_AVX512.  For the tests, which compare every path. */
RngSimd rng_simd_limit(RngSimd limit);

/* The path rng_blocks takes now, on this processor, under the limit. */
RngSimd rng_simd_path(void);

/* rng_first_blocks at block `block` of each stream instead of block 0:
 * the four words a stream opened with rng_open_at(.., block) gives first. */
void rng_blocks(guint64 seed, guint64 rep, guint32 block, const guint32 *streams, int n,
                guint32 (*blocks)[4]);

/* Blocks blocks[0 .. n - 1] of sixteen streams, word by word: words[k][w][i]
 * is word w of stream streams[i]'s block blocks[k] (blocks[i][w] of
 * rng_blocks at that block).  The layout a vector of sixteen lanes loads
 * as it is (firms_simd.c); with AVX-512 four blocks are computed together,
 * their rounds interleaved.  The same bits on every path. */
void rng_blocks16_words(guint64 seed, guint64 rep, const guint32 *blocks, int n, const guint32 streams[16],
                        guint32 (*words)[4][16]);

/* rng_open positioned at block `block` of the stream (block 0: rng_open). */
void rng_open_at(gsl_rng *r, guint64 seed, guint64 rep, guint32 stream, guint32 block);

/* rng_open, given the stream's first block (from rng_first_blocks): the
 * same draws follow, without computing that block again. */
void rng_open_block(gsl_rng *r, guint64 seed, guint64 rep, guint32 stream,
                    const guint32 block[4]);

/* rng_open_at(.., at), given that block's words (from rng_blocks at `at`):
 * the same draws follow, without computing the block again. */
void rng_open_block_at(gsl_rng *r, guint64 seed, guint64 rep, guint32 stream, guint32 at,
                       const guint32 block[4]);

/* gsl_rng_uniform_int(r, n) of a stream whose next four words are
 * block[0 .. 3] (n >= 1): GSL's rule for this generator (min 0, max
 * 2^32 - 1: k = word / ((2^32 - 1) / n), the next word while k >= n) on
 * those words, into *k.  FALSE when all four are refused (then draw with
 * GSL itself: rng_open_block_at and gsl_rng_uniform_int).  For the callers
 * that draw many streams' blocks together (tests/test_firms.c checks it
 * against GSL). */
gboolean rng_uniform_int_of_block(const guint32 block[4], unsigned long n, unsigned long *k);

/* The fields of a stream id: 3 bits of purpose, 7 of year index, 6 of
 * stage, 16 of slot.  The model's limits (model.h) stay inside them. */
#define RNG_YEAR_INDICES 128
#define RNG_STAGES 64
#define RNG_SLOTS 65536

/* Stream id of (purpose, year index 0..RNG_YEAR_INDICES-1, stage
 * 0..RNG_STAGES-1, slot 0..RNG_SLOTS-1): distinct arguments give distinct
 * ids. */
guint32 rng_stream_id(RngPurpose purpose, int year_index, int stage, int slot);

/* Firms with a stream of their own (RNG_FIRM): the low 29 bits of its id. */
#define RNG_MAX_FIRMS (1u << 29)

/* The stream id of firm `firm` (0 .. RNG_MAX_FIRMS - 1), distinct from
 * every rng_stream_id. */
guint32 rng_firm_stream(guint32 firm);

/* The raw block function: Philox4x32 with 10 rounds (Salmon, Moraes, Dror
 * and Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011). */
void rng_philox4x32_10(const guint32 ctr[4], const guint32 key[2], guint32 out[4]);

#endif
