/* rng.c: Philox4x32-10 counter-based streams, wrapped as a gsl_rng type so
 * that GSL's exact samplers (binomial, Poisson, beta, gamma) draw from them.
 * SPDX-License-Identifier: MIT */
#include "rng.h"

#include "model.h"

/* Constants of Philox4x32 (Salmon et al. 2011, section 5; Random123). */
#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u /* golden ratio */
#define PHILOX_W1 0xBB67AE85u /* sqrt(3) - 1 */

typedef struct {
    guint32 key[2];  /* the seed */
    guint32 ctr[4];  /* block index, stream id, replication (low, high) */
    guint32 buf[4];  /* the current block's output */
    guint pos;       /* next word of buf; 4 = block used up */
} PhiloxState;

void rng_philox4x32_10(const guint32 ctr[4], const guint32 key[2], guint32 out[4])
{
    guint32 c0 = ctr[0], c1 = ctr[1], c2 = ctr[2], c3 = ctr[3];
    guint32 k0 = key[0], k1 = key[1];
    for (int round = 0; round < 10; round++) {
        guint64 p0 = (guint64)PHILOX_M0 * c0;
        guint64 p1 = (guint64)PHILOX_M1 * c2;
        guint32 n0 = (guint32)(p1 >> 32) ^ c1 ^ k0;
        guint32 n2 = (guint32)(p0 >> 32) ^ c3 ^ k1;
        c1 = (guint32)p1;
        c3 = (guint32)p0;
        c0 = n0;
        c2 = n2;
        k0 += PHILOX_W0;
        k1 += PHILOX_W1;
    }
    out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
}

static unsigned long philox_get(void *vstate)
{
    PhiloxState *s = vstate;
    if (G_UNLIKELY(s->pos == 4)) {
        rng_philox4x32_10(s->ctr, s->key, s->buf);
        s->ctr[0]++;
        s->pos = 0;
    }
    return s->buf[s->pos++];
}

/* A double in [0, 1) with all 53 bits random (27 + 26 bits of two words). */
static double philox_get_double(void *vstate)
{
    guint32 hi = (guint32)philox_get(vstate) >> 5;
    guint32 lo = (guint32)philox_get(vstate) >> 6;
    return (hi * 67108864.0 + lo) * (1.0 / 9007199254740992.0);
}

static void philox_set(void *vstate, unsigned long seed)
{
    PhiloxState *s = vstate;
    s->key[0] = (guint32)seed;
    s->key[1] = (guint32)((guint64)seed >> 32);
    s->ctr[0] = s->ctr[1] = s->ctr[2] = s->ctr[3] = 0;
    s->pos = 4;
}

static const gsl_rng_type philox_type = {
    "ladder-philox4x32-10", 0xffffffffUL, 0, sizeof(PhiloxState),
    philox_set, philox_get, philox_get_double,
};

gsl_rng *rng_new(void)
{
    return gsl_rng_alloc(&philox_type);
}

void rng_open(gsl_rng *r, guint64 seed, guint64 rep, guint32 stream)
{
    PhiloxState *s = r->state;
    s->key[0] = (guint32)seed;
    s->key[1] = (guint32)(seed >> 32);
    s->ctr[0] = 0;
    s->ctr[1] = stream;
    s->ctr[2] = (guint32)rep;
    s->ctr[3] = (guint32)(rep >> 32);
    s->pos = 4;
}

guint32 rng_stream_id(RngPurpose purpose, int year_index, int stage, int slot)
{
    g_assert(year_index >= 0 && year_index <= MODEL_MAX_YEARS);
    g_assert(stage >= 0 && stage < MODEL_MAX_STAGES);
    g_assert(slot >= 0 && slot < 65536);
    return (guint32)purpose << 29 | (guint32)year_index << 22 | (guint32)stage << 16 | (guint32)slot;
}
