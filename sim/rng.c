/* rng.c: Philox4x32-10 counter-based streams, wrapped as a gsl_rng type so
 * that GSL's exact samplers (binomial, Poisson, beta, gamma) draw from them.
 * SPDX-License-Identifier: MIT */
#include "rng.h"

#include <string.h>


#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define RNG_HAVE_AVX2_PATH 1
#endif

/* Constants of Philox4x32 (Salmon et al. 2011, section 5; Random123). */
#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u /* golden ratio */
#define PHILOX_W1 0xBB67AE85u /* sqrt(3) - 1 */

typedef RngPhiloxState PhiloxState;

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

/* ---- Many first blocks at once ------------------------------------------
 * Opening a stream costs one Philox block, and a replication opens about a
 * hundred streams whose ids are known beforehand.  Computed one at a time,
 * on demand, each block is a chain of ten dependent multiply rounds whose
 * latency the processor cannot hide; computed together, eight to a vector
 * where the processor has AVX2 (sixteen with AVX-512), they cost a fraction of that
 * (docs/performance.md).  Integer arithmetic only: every path gives the same
 * bits as rng_philox4x32_10. */

#ifdef RNG_HAVE_AVX2_PATH
/* Low and high 32 bits of the eight 64-bit products a[i] * m[i]. */
__attribute__((target("avx2"))) static inline void mul_lanes(__m256i a, __m256i m, __m256i *lo,
                                                             __m256i *hi)
{
    __m256i even = _mm256_mul_epu32(a, m);
    __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), m);
    *lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
    *hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

/* Sixteen blocks (counter word 0 is `block`) of streams ids[0..15] of one
 * replication, as two interleaved vectors of eight lanes; out[i] is stream
 * ids[i]'s block. */
__attribute__((target("avx2"))) static void blocks16_avx2(const guint32 key[2], guint32 block, guint32 rep_lo,
                                                          guint32 rep_hi, const guint32 *ids, guint32 (*out)[4])
{
    const __m256i m0 = _mm256_set1_epi32((int)PHILOX_M0), m1 = _mm256_set1_epi32((int)PHILOX_M1);
    __m256i a0 = _mm256_set1_epi32((int)block), a1 = _mm256_loadu_si256((const void *)ids);
    __m256i a2 = _mm256_set1_epi32((int)rep_lo), a3 = _mm256_set1_epi32((int)rep_hi);
    __m256i b0 = a0, b1 = _mm256_loadu_si256((const void *)(ids + 8)), b2 = a2, b3 = a3;
    guint32 k0 = key[0], k1 = key[1];
    for (int round = 0; round < 10; round++) {
        __m256i k0v = _mm256_set1_epi32((int)k0), k1v = _mm256_set1_epi32((int)k1);
        __m256i alo0, ahi0, alo2, ahi2, blo0, bhi0, blo2, bhi2;
        mul_lanes(a0, m0, &alo0, &ahi0);
        mul_lanes(a2, m1, &alo2, &ahi2);
        mul_lanes(b0, m0, &blo0, &bhi0);
        mul_lanes(b2, m1, &blo2, &bhi2);
        a0 = _mm256_xor_si256(_mm256_xor_si256(ahi2, a1), k0v);
        a2 = _mm256_xor_si256(_mm256_xor_si256(ahi0, a3), k1v);
        a1 = alo2;
        a3 = alo0;
        b0 = _mm256_xor_si256(_mm256_xor_si256(bhi2, b1), k0v);
        b2 = _mm256_xor_si256(_mm256_xor_si256(bhi0, b3), k1v);
        b1 = blo2;
        b3 = blo0;
        k0 += PHILOX_W0;
        k1 += PHILOX_W1;
    }
    /* Lanes to blocks: word w of block i is vector w's lane i. */
    guint32 w[8][8];
    _mm256_storeu_si256((void *)w[0], a0);
    _mm256_storeu_si256((void *)w[1], a1);
    _mm256_storeu_si256((void *)w[2], a2);
    _mm256_storeu_si256((void *)w[3], a3);
    _mm256_storeu_si256((void *)w[4], b0);
    _mm256_storeu_si256((void *)w[5], b1);
    _mm256_storeu_si256((void *)w[6], b2);
    _mm256_storeu_si256((void *)w[7], b3);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++) {
            out[i][j] = w[j][i];
            out[i + 8][j] = w[j + 4][i];
        }
}

/* Sixteen blocks as blocks16_avx2 computes them, one 16-lane vector per
 * counter word.  The same bits: _mm512_mul_epu32 gives the 64-bit products
 * of the even lanes, and of the odd ones after a shift, as on AVX2; each
 * half then goes to its lanes in one masked shuffle (0xA0: 32-bit elements
 * 0, 0, 2, 2 of each quarter; 0xF5: 1, 1, 3, 3). */
__attribute__((target("avx512f"))) static inline void mul_lanes512(__m512i a, __m512i m, __m512i *lo,
                                                                   __m512i *hi)
{
    __m512i even = _mm512_mul_epu32(a, m);
    __m512i odd = _mm512_mul_epu32(_mm512_srli_epi64(a, 32), m);
    *lo = _mm512_mask_shuffle_epi32(even, 0xAAAA, odd, (_MM_PERM_ENUM)0xA0);
    *hi = _mm512_mask_shuffle_epi32(odd, 0x5555, even, (_MM_PERM_ENUM)0xF5);
}

/* The Philox rounds of sixteen blocks (counter word 0 is `block`) of streams
 * ids[0..15] of one replication: c[w] lane i is word w of stream ids[i]'s
 * block. */
__attribute__((target("avx512f"))) static inline void rounds16_avx512(const guint32 key[2], guint32 block,
                                                                      guint32 rep_lo, guint32 rep_hi,
                                                                      const guint32 *ids, __m512i c[4])
{
    const __m512i m0 = _mm512_set1_epi32((int)PHILOX_M0), m1 = _mm512_set1_epi32((int)PHILOX_M1);
    __m512i c0 = _mm512_set1_epi32((int)block), c1 = _mm512_loadu_si512((const void *)ids);
    __m512i c2 = _mm512_set1_epi32((int)rep_lo), c3 = _mm512_set1_epi32((int)rep_hi);
    guint32 k0 = key[0], k1 = key[1];
    for (int round = 0; round < 10; round++) {
        __m512i lo0, hi0, lo2, hi2;
        mul_lanes512(c0, m0, &lo0, &hi0);
        mul_lanes512(c2, m1, &lo2, &hi2);
        /* 0x96: a ^ b ^ c */
        c0 = _mm512_ternarylogic_epi32(hi2, c1, _mm512_set1_epi32((int)k0), 0x96);
        c2 = _mm512_ternarylogic_epi32(hi0, c3, _mm512_set1_epi32((int)k1), 0x96);
        c1 = lo2;
        c3 = lo0;
        k0 += PHILOX_W0;
        k1 += PHILOX_W1;
    }
    c[0] = c0;
    c[1] = c1;
    c[2] = c2;
    c[3] = c3;
}

__attribute__((target("avx512f"))) static void blocks16_avx512(const guint32 key[2], guint32 block, guint32 rep_lo,
                                                               guint32 rep_hi, const guint32 *ids, guint32 (*out)[4])
{
    __m512i c[4];
    rounds16_avx512(key, block, rep_lo, rep_hi, ids, c);
    /* Lanes to blocks: within each 128-bit quarter q, u_r holds block 4q + r. */
    __m512i t0 = _mm512_unpacklo_epi32(c[0], c[1]), t1 = _mm512_unpackhi_epi32(c[0], c[1]);
    __m512i t2 = _mm512_unpacklo_epi32(c[2], c[3]), t3 = _mm512_unpackhi_epi32(c[2], c[3]);
    __m512i u[4] = {_mm512_unpacklo_epi64(t0, t2), _mm512_unpackhi_epi64(t0, t2),
                    _mm512_unpacklo_epi64(t1, t3), _mm512_unpackhi_epi64(t1, t3)};
    for (int r = 0; r < 4; r++) {
        _mm_storeu_si128((void *)out[r], _mm512_extracti32x4_epi32(u[r], 0));
        _mm_storeu_si128((void *)out[4 + r], _mm512_extracti32x4_epi32(u[r], 1));
        _mm_storeu_si128((void *)out[8 + r], _mm512_extracti32x4_epi32(u[r], 2));
        _mm_storeu_si128((void *)out[12 + r], _mm512_extracti32x4_epi32(u[r], 3));
    }
}

/* Blocks blocks[0 .. G - 1] of the sixteen streams ids[0..15] into
 * words[g] (words[g][w] lane i: word w of stream ids[i]'s block blocks[g]),
 * as rounds16_avx512 computes each, their rounds interleaved so that one
 * block's multiplies run while another's wait for theirs.  G (1 .. 4) is a
 * constant where it is inlined (words16_avx512), so the loops over it
 * unroll and every block stays in registers. */
__attribute__((target("avx512f"), always_inline)) static inline void
words16_group(const guint32 key[2], const guint32 *blocks, int G, guint32 rep_lo, guint32 rep_hi, const guint32 *ids,
              guint32 (*words)[4][16])
{
    const __m512i m0 = _mm512_set1_epi32((int)PHILOX_M0), m1 = _mm512_set1_epi32((int)PHILOX_M1);
    __m512i c0[4], c1[4], c2[4], c3[4];
    for (int g = 0; g < G; g++) {
        c0[g] = _mm512_set1_epi32((int)blocks[g]);
        c1[g] = _mm512_loadu_si512((const void *)ids);
        c2[g] = _mm512_set1_epi32((int)rep_lo);
        c3[g] = _mm512_set1_epi32((int)rep_hi);
    }
    guint32 k0 = key[0], k1 = key[1];
    for (int round = 0; round < 10; round++) {
        const __m512i k0v = _mm512_set1_epi32((int)k0), k1v = _mm512_set1_epi32((int)k1);
        for (int g = 0; g < G; g++) {
            __m512i lo0, hi0, lo2, hi2;
            mul_lanes512(c0[g], m0, &lo0, &hi0);
            mul_lanes512(c2[g], m1, &lo2, &hi2);
            c0[g] = _mm512_ternarylogic_epi32(hi2, c1[g], k0v, 0x96);
            c2[g] = _mm512_ternarylogic_epi32(hi0, c3[g], k1v, 0x96);
            c1[g] = lo2;
            c3[g] = lo0;
        }
        k0 += PHILOX_W0;
        k1 += PHILOX_W1;
    }
    for (int g = 0; g < G; g++) {
        _mm512_storeu_si512((void *)words[g][0], c0[g]);
        _mm512_storeu_si512((void *)words[g][1], c1[g]);
        _mm512_storeu_si512((void *)words[g][2], c2[g]);
        _mm512_storeu_si512((void *)words[g][3], c3[g]);
    }
}

/* words16_group for n (1 .. 4) blocks. */
__attribute__((target("avx512f"))) static void words16_avx512(const guint32 key[2], const guint32 *blocks, int n,
                                                              guint32 rep_lo, guint32 rep_hi, const guint32 *ids,
                                                              guint32 (*words)[4][16])
{
    switch (n) {
    case 1: words16_group(key, blocks, 1, rep_lo, rep_hi, ids, words); break;
    case 2: words16_group(key, blocks, 2, rep_lo, rep_hi, ids, words); break;
    case 3: words16_group(key, blocks, 3, rep_lo, rep_hi, ids, words); break;
    default: words16_group(key, blocks, 4, rep_lo, rep_hi, ids, words); break;
    }
}

/* The widest path this processor has. */
static RngSimd cpu_simd(void)
{
    static gsize answer = 0; /* 0 unknown, else 1 + RngSimd */
    if (g_once_init_enter(&answer)) {
        __builtin_cpu_init();
        RngSimd best = __builtin_cpu_supports("avx512f") ? RNG_SIMD_AVX512
                       : __builtin_cpu_supports("avx2")  ? RNG_SIMD_AVX2
                                                         : RNG_SIMD_NONE;
        g_once_init_leave(&answer, 1 + (gsize)best);
    }
    return (RngSimd)(answer - 1);
}
#else
static RngSimd cpu_simd(void)
{
    return RNG_SIMD_NONE;
}
#endif

static gint simd_limit = RNG_SIMD_AVX512; /* atomic; rng_simd_limit */

RngSimd rng_simd_limit(RngSimd limit)
{
    return (RngSimd)g_atomic_int_exchange(&simd_limit, (gint)limit);
}

gboolean rng_allow_simd(gboolean allow)
{
    return rng_simd_limit(allow ? RNG_SIMD_AVX512 : RNG_SIMD_NONE) != RNG_SIMD_NONE;
}

RngSimd rng_simd_path(void)
{
    return MIN((RngSimd)g_atomic_int_get(&simd_limit), cpu_simd());
}

void rng_blocks(guint64 seed, guint64 rep, guint32 block, const guint32 *streams, int n, guint32 (*blocks)[4])
{
    const guint32 key[2] = {(guint32)seed, (guint32)(seed >> 32)};
    int i = 0;
#ifdef RNG_HAVE_AVX2_PATH
    RngSimd path = rng_simd_path();
    if (path != RNG_SIMD_NONE) {
        void (*sixteen)(const guint32 *, guint32, guint32, guint32, const guint32 *, guint32(*)[4]) =
            path == RNG_SIMD_AVX512 ? blocks16_avx512 : blocks16_avx2;
        for (; i + 16 <= n; i += 16)
            sixteen(key, block, (guint32)rep, (guint32)(rep >> 32), streams + i, blocks + i);
        if (i < n) { /* the last few, padded to sixteen */
            guint32 ids[16] = {0}, out[16][4];
            memcpy(ids, streams + i, sizeof *ids * (gsize)(n - i));
            sixteen(key, block, (guint32)rep, (guint32)(rep >> 32), ids, out);
            memcpy(blocks + i, out, sizeof *out * (gsize)(n - i));
            i = n;
        }
    }
#endif
    for (; i < n; i++) {
        const guint32 ctr[4] = {block, streams[i], (guint32)rep, (guint32)(rep >> 32)};
        rng_philox4x32_10(ctr, key, blocks[i]);
    }
}

void rng_blocks16_words(guint64 seed, guint64 rep, const guint32 *blocks, int n, const guint32 streams[16],
                        guint32 (*words)[4][16])
{
    const guint32 key[2] = {(guint32)seed, (guint32)(seed >> 32)};
    int k = 0;
#ifdef RNG_HAVE_AVX2_PATH
    if (rng_simd_path() == RNG_SIMD_AVX512) {
        for (; k < n; k += 4)
            words16_avx512(key, blocks + k, MIN(4, n - k), (guint32)rep, (guint32)(rep >> 32), streams, words + k);
        return;
    }
#endif
    for (; k < n; k++) {
        guint32 b[16][4];
        rng_blocks(seed, rep, blocks[k], streams, 16, b);
        for (int i = 0; i < 16; i++)
            for (int w = 0; w < 4; w++)
                words[k][w][i] = b[i][w];
    }
}

void rng_first_blocks(guint64 seed, guint64 rep, const guint32 *streams, int n, guint32 (*blocks)[4])
{
    rng_blocks(seed, rep, 0, streams, n, blocks);
}

void rng_refill(RngPhiloxState *s)
{
    rng_philox4x32_10(s->ctr, s->key, s->buf);
    s->ctr[0]++;
    s->pos = 0;
}

static unsigned long philox_get(void *vstate)
{
    return rng_next_word(vstate);
}

static double philox_get_double(void *vstate)
{
    return rng_uniform_state(vstate);
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

void rng_open_at(gsl_rng *r, guint64 seed, guint64 rep, guint32 stream, guint32 block)
{
    rng_open(r, seed, rep, stream);
    ((PhiloxState *)r->state)->ctr[0] = block;
}

void rng_open_block_at(gsl_rng *r, guint64 seed, guint64 rep, guint32 stream, guint32 at, const guint32 block[4])
{
    PhiloxState *s = r->state;
    rng_open(r, seed, rep, stream);
    s->buf[0] = block[0];
    s->buf[1] = block[1];
    s->buf[2] = block[2];
    s->buf[3] = block[3];
    s->ctr[0] = at + 1;
    s->pos = 0;
}

gboolean rng_uniform_int_of_block(const guint32 block[4], unsigned long n, unsigned long *k)
{
    g_return_val_if_fail(n >= 1 && n <= philox_type.max, FALSE);
    unsigned long scale = (philox_type.max - philox_type.min) / n;
    for (int w = 0; w < 4; w++) {
        *k = (block[w] - philox_type.min) / scale;
        if (*k < n)
            return TRUE;
    }
    return FALSE;
}

void rng_open_block(gsl_rng *r, guint64 seed, guint64 rep, guint32 stream, const guint32 block[4])
{
    rng_open_block_at(r, seed, rep, stream, 0, block);
}

guint32 rng_stream_id(RngPurpose purpose, int year_index, int stage, int slot)
{
    g_assert(purpose != RNG_FIRM); /* rng_firm_stream owns those ids */
    g_assert(year_index >= 0 && year_index < RNG_YEAR_INDICES);
    g_assert(stage >= 0 && stage < RNG_STAGES);
    g_assert(slot >= 0 && slot < RNG_SLOTS);
    return (guint32)purpose << 29 | (guint32)year_index << 22 | (guint32)stage << 16 | (guint32)slot;
}

guint32 rng_firm_stream(guint32 firm)
{
    g_assert(firm < RNG_MAX_FIRMS);
    return (guint32)RNG_FIRM << 29 | firm;
}
