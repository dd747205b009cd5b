/* firms_simd.c: firms.c's firm steps for sixteen firms at once, one firm
 * per 32-bit lane of an AVX-512 vector: masks instead of branches on the
 * outcome, the renewal and the lists, in-register permutes for what a
 * stage does, a firm with effects in doubles (as firms.c) or on its cuts,
 * and each firm's tally written after its batch's last year.
 * SPDX-License-Identifier: MIT */
#include "firms_simd.h"

#include <math.h>
#include <string.h>

#include "rng.h"

/* ---- the draws as integers ----------------------------------------------
 * firms.c's uniform of two words w0, w1 is u = N 2^-53 with the 53-bit
 * integer N = (w0 >> 5) 2^26 + (w1 >> 6), computed exactly in doubles.  So
 * u >= c exactly when N >= c 2^53 (scaling by a power of two is exact), that
 * is when N >= T(c) = ceil(c 2^53) for the integer N; T is kept as its high
 * 27 and low 26 bits, compared lexicographically in 32-bit lanes.  Every
 * comparison is the scalar one, so every outcome is. */

#define LOW_BITS 26
#define TWO_53 9007199254740992.0

guint64 firms_simd_threshold(double c)
{
    if (!(c < 1))
        return G_GUINT64_CONSTANT(1) << 53;
    if (c <= 0)
        return 0;
    return (guint64)ceil(c * TWO_53);
}

/* ---- tables ------------------------------------------------------------- */

/* Rows of a year's table, each FIRMS_SIMD_LANES 32-bit values by stage,
 * or FIRMS_SIMD_LANES doubles by stage in two rows (a "double row"). */
enum {
    ROW_NCAT,       /* outcome categories n */
    ROW_RENEW,      /* renewal years, 0 none */
    ROW_LAPSE,      /* lapse stage */
    ROW_RENEW_HI,   /* T(renew_p), high and low bits */
    ROW_RENEW_LO,
    ROW_BLOCKS,     /* list blocks to compute */
    ROW_ON,         /* lists on without a draw */
    ROW_RENEW_SLOT, /* the renewal's weight slot, 0 none */
    ROW_STAY,       /* double row: 1 - min(cum[n - 1], 1), the chance of staying */
    ROW_ODDS = ROW_STAY + 2, /* double row: (1 - renew_p) / renew_p, the odds of lapsing */
    ROW_FIXED = ROW_ODDS + 2 /* then, for each category k < K, ROWS_CAT rows: T(cum[k]) high and
                                low, dest, weight slot, and the double row of its probability
                                (cum[k] - cum[k - 1]); then each list's T(share) high and low */
};
#define ROWS_CAT 6

struct FirmsSimdTables {
    int n_years, S, L, K;  /* K: the most outcome categories of a stage */
    int rows;              /* rows a year */
    gint32 *mem;           /* [n_years * rows * FIRMS_SIMD_LANES] */
    gint32 *count;         /* [slot][(n_years * S + s) * 2 + e][lane]: replication slot's firms counted so far in
                              lane `lane` of a batch in stage s at the end of a year (e = 0), or entering
                              it along an edge (e = 1) (firms_simd_begin, firms_simd_end) */
    gint32 *drawn;         /* [n_years * L + l][lane]: likewise, on list l by a draw */
    guint32 *slots;        /* [yi * (K + 1) + k]: bit j when some stage's category k has weight slot j
                              in year yi (k = K: the renewal); bit 0 left out (firms_simd_begin) */
};

static int row_cat_hi(const FirmsSimdTables *t, int k) { (void)t; return ROW_FIXED + ROWS_CAT * k; }
static int row_cat_lo(const FirmsSimdTables *t, int k) { (void)t; return ROW_FIXED + ROWS_CAT * k + 1; }
static int row_dest(const FirmsSimdTables *t, int k) { (void)t; return ROW_FIXED + ROWS_CAT * k + 2; }
static int row_slot(const FirmsSimdTables *t, int k) { (void)t; return ROW_FIXED + ROWS_CAT * k + 3; }
static int row_diff(const FirmsSimdTables *t, int k) { (void)t; return ROW_FIXED + ROWS_CAT * k + 4; }
static int row_share_hi(const FirmsSimdTables *t, int l) { return ROW_FIXED + ROWS_CAT * t->K + 2 * l; }
static int row_share_lo(const FirmsSimdTables *t, int l) { return ROW_FIXED + ROWS_CAT * t->K + 2 * l + 1; }

/* Row r of year yi's table. */
static gint32 *row_of(const FirmsSimdTables *t, int yi, int r)
{
    return t->mem + ((gsize)yi * t->rows + r) * FIRMS_SIMD_LANES;
}

gboolean firms_simd_fits(int n_stages, int n_lists)
{
    return n_stages <= FIRMS_SIMD_MAX_STAGES && n_lists <= FIRMS_SIMD_MAX_LISTS;
}

/* Elements of one replication's counts and drawn list counts. */
static gsize count_size(const FirmsSimdTables *t)
{
    return (gsize)t->n_years * t->S * 2 * FIRMS_SIMD_LANES;
}

static gsize drawn_size(const FirmsSimdTables *t)
{
    return (gsize)t->n_years * t->L * FIRMS_SIMD_LANES;
}

FirmsSimdTables *firms_simd_tables_new(int n_years, int n_stages, int n_lists, int max_categories)
{
    g_return_val_if_fail(firms_simd_fits(n_stages, n_lists), NULL);
    FirmsSimdTables *t = g_new0(FirmsSimdTables, 1);
    t->n_years = n_years;
    t->S = n_stages;
    t->L = n_lists;
    t->K = max_categories;
    t->rows = ROW_FIXED + ROWS_CAT * t->K + 2 * t->L;
    t->mem = g_new0(gint32, (gsize)n_years * t->rows * FIRMS_SIMD_LANES);
    t->count = g_new0(gint32, FIRMS_SIMD_REPS * count_size(t));
    t->drawn = g_new0(gint32, FIRMS_SIMD_REPS * MAX(drawn_size(t), 1));
    t->slots = g_new0(guint32, (gsize)n_years * (t->K + 1));
    return t;
}

void firms_simd_tables_free(FirmsSimdTables *t)
{
    if (t == NULL)
        return;
    g_free(t->mem);
    g_free(t->count);
    g_free(t->drawn);
    g_free(t->slots);
    g_free(t);
}

void firms_simd_split(guint64 T, gint32 *hi, gint32 *lo)
{
    *hi = (gint32)(T >> LOW_BITS);
    *lo = (gint32)(T & ((1u << LOW_BITS) - 1));
}

/* The offset of batch b's cuts of year yi in stage s, category k. */
static gsize cut_base(int b, int yi, int s, int k, int n_years, int n_stages, int K)
{
    return ((((gsize)b * n_years + yi) * n_stages + s) * (K + 1) + k) * FIRMS_SIMD_LANES;
}

gsize firms_simd_cuts_size(int n_known, int n_years, int n_stages, int K)
{
    int batches = (n_known + FIRMS_SIMD_LANES - 1) / FIRMS_SIMD_LANES;
    return MAX(cut_base(batches, 0, 0, 0, n_years, n_stages, K), 1);
}

gsize firms_simd_cut_at(int firm, int yi, int s, int k, int n_years, int n_stages, int K)
{
    return cut_base(firm / FIRMS_SIMD_LANES, yi, s, k, n_years, n_stages, K) + firm % FIRMS_SIMD_LANES;
}

/* Stores T(c) into rows hi and lo at stage s. */
static void set_threshold(FirmsSimdTables *t, int yi, int hi, int lo, int s, double c)
{
    firms_simd_split(firms_simd_threshold(c), &row_of(t, yi, hi)[s], &row_of(t, yi, lo)[s]);
}

/* Stores double d at stage s of the double row r. */
static void set_double(FirmsSimdTables *t, int yi, int r, int s, double d)
{
    memcpy((char *)row_of(t, yi, r) + sizeof d * (gsize)s, &d, sizeof d);
}

void firms_simd_tables_set(FirmsSimdTables *t, int yi, int s, const FirmsSimdCell *c)
{
    g_return_if_fail(c->n >= 1 && c->n <= t->K && s < t->S);
    row_of(t, yi, ROW_NCAT)[s] = c->n;
    row_of(t, yi, ROW_RENEW)[s] = c->renew;
    row_of(t, yi, ROW_LAPSE)[s] = c->lapse_to;
    set_threshold(t, yi, ROW_RENEW_HI, ROW_RENEW_LO, s, c->renew_p);
    row_of(t, yi, ROW_BLOCKS)[s] = (gint32)c->blocks;
    row_of(t, yi, ROW_ON)[s] = (gint32)c->on;
    row_of(t, yi, ROW_RENEW_SLOT)[s] = c->renew_slot;
    /* firms.c's outcome and renewal_p compute these of the same doubles */
    set_double(t, yi, ROW_STAY, s, 1.0 - MIN(c->cum[c->n - 1], 1.0));
    set_double(t, yi, ROW_ODDS, s, (1.0 - c->renew_p) / c->renew_p);
    for (int k = 0; k < t->K; k++) {
        /* the categories a stage does not have: a threshold no uniform reaches, no probability */
        set_threshold(t, yi, row_cat_hi(t, k), row_cat_lo(t, k), s, k < c->n ? c->cum[k] : 1.0);
        row_of(t, yi, row_dest(t, k))[s] = k < c->n ? c->dest[k] : t->S;
        g_return_if_fail(k >= c->n || (c->slot[k] >= 0 && c->slot[k] < FIRMS_SIMD_MAX_SLOTS));
        row_of(t, yi, row_slot(t, k))[s] = k < c->n ? c->slot[k] : 0;
        set_double(t, yi, row_diff(t, k), s, k >= c->n ? 0.0 : k == 0 ? c->cum[0] : c->cum[k] - c->cum[k - 1]);
    }
    for (int l = 0; l < t->L; l++)
        set_threshold(t, yi, row_share_hi(t, l), row_share_lo(t, l), s, c->share[l]);
}

/* ---- the vector steps ---------------------------------------------------- */

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define VEC __attribute__((target("avx512f,popcnt,bmi,bmi2")))

gboolean firms_simd_usable(void)
{
    return rng_simd_path() == RNG_SIMD_AVX512 && __builtin_cpu_supports("popcnt") &&
           __builtin_cpu_supports("bmi2");
}

/* A table row looked up at each lane's stage (lanes outside 0..15 read
 * stage s & 15: the callers mask them out). */
static inline VEC __m512i lookup(const FirmsSimdTables *t, int yi, int r, __m512i stage)
{
    return _mm512_permutexvar_epi32(stage, _mm512_loadu_si512(row_of(t, yi, r)));
}

/* The lanes whose uniform of words w0, w1 is >= the threshold of rows hi
 * and lo at their stage: N >= T, compared high bits first.  The high 27
 * bits of N and T are equal with probability 2^-27 a lane, so the low bits
 * are compared only then. */
static inline VEC __mmask16 at_least(const FirmsSimdTables *t, int yi, int hi, int lo, __m512i stage, __m512i w0,
                                     __m512i w1)
{
    __m512i a = _mm512_srli_epi32(w0, 5), th = lookup(t, yi, hi, stage);
    __mmask16 above = _mm512_cmpgt_epu32_mask(a, th), tie = _mm512_cmpeq_epi32_mask(a, th);
    if (G_LIKELY(tie == 0))
        return above;
    __m512i b = _mm512_srli_epi32(w1, 6), tl = lookup(t, yi, lo, stage);
    return above | _mm512_mask_cmpge_epu32_mask(tie, b, tl);
}

/* A batch's firms as vectors: lane j is firm first + j. */
typedef struct {
    __m512i now;    /* stage at the end of the last year stepped; S: exited */
    __m512i clock;  /* renewal clock */
    __m512i born;   /* year index first counted */
    __m512i from;   /* starting stage */
    __m512i up;     /* first year above `from`; n_years: not yet */
    __mmask16 fx;   /* the lanes with effects: a firm with a row, when there are effects */
    __m512i row;    /* their rows */
    int row0;       /* lane j's row is row0 + j in every lane fx (a batch of known firms); -1: not so */
    int batch;      /* first / FIRMS_SIMD_LANES */
    __mmask16 cut;  /* the lanes fx of known firms, decided on FirmsSimdRun's cuts when it has them */
    guint32 loaded; /* bit k: weight[k] is loaded (load_slot) */
    __m512d weight[FIRMS_SIMD_MAX_SLOTS][2]; /* [k][h]: slot k's weight of lanes 8h .. 8h + 7 (lanes fx) */
} Lanes;

/* What the batch did in one year: what the lists and the tally read. */
typedef struct {
    gint32 now[FIRMS_SIMD_LANES];    /* stage at the end of the year; S: exited */
    guint32 lists[FIRMS_SIMD_LANES]; /* lists it is on (bit l) */
    guint32 alive;                   /* bit j: lane j is counted in a stage */
    guint32 entered;                 /* bit j: lane j entered `now` along an edge */
} YearRecord;

/* Years stepped one after the other with their outcome blocks computed
 * together, then their list blocks together (rng_blocks16_words
 * interleaves up to four). */
#define CHUNK_YEARS 4

/* ---- effects -------------------------------------------------------------
 * A lane with effects takes firms.c's outcome and renewal_p in doubles,
 * eight lanes a vector (lanes 0-7, then 8-15): the same operations on the
 * same doubles in the same order (no contraction: -ffp-contract=off), so
 * the same outcome.  Its weights are gathered from FirmsSimdRun.weight at
 * its row's slot of the category's parameter. */

/* Half h (lanes 8h .. 8h + 7) of a vector of sixteen 32-bit lanes. */
static inline VEC __m256i half_of(__m512i x, int h)
{
    return h == 0 ? _mm512_castsi512_si256(x) : _mm512_extracti64x4_epi64(x, 1);
}

/* firms.c's uniform_of of words w0, w1 in lanes 8h .. 8h + 7, for h = 0, 1:
 * ((w0 >> 5) 2^26 + (w1 >> 6)) 2^-53, every step exact. */
static inline VEC void uniforms(__m512i w0, __m512i w1, __m512d u[2])
{
    __m512i a = _mm512_srli_epi32(w0, 5), b = _mm512_srli_epi32(w1, 6);
    for (int h = 0; h < 2; h++)
        u[h] = _mm512_mul_pd(_mm512_add_pd(_mm512_mul_pd(_mm512_cvtepi32_pd(half_of(a, h)),
                                                         _mm512_set1_pd(67108864.0)),
                                           _mm512_cvtepi32_pd(half_of(b, h))),
                             _mm512_set1_pd(1.0 / 9007199254740992.0));
}

/* A double row looked up at the stages of lanes 8h .. 8h + 7, given as
 * 64-bit indices `stage`. */
static inline VEC __m512d lookup_double(const FirmsSimdTables *t, int yi, int r, __m512i stage)
{
    const double *row = (const double *)(const void *)row_of(t, yi, r);
    return _mm512_permutex2var_pd(_mm512_loadu_pd(row), stage, _mm512_loadu_pd(row + 8));
}

/* The lanes' stages as 64-bit indices, lanes 8h .. 8h + 7 in stage[h]. */
static inline VEC void stage_halves(__m512i now, __m512i stage[2])
{
    for (int h = 0; h < 2; h++)
        stage[h] = _mm512_cvtepi32_epi64(half_of(now, h));
}

/* Slot k's weights of the lanes with effects into v->weight[k]: loaded
 * where their rows follow each other (a batch of known firms), else
 * gathered. */
static VEC void load_slot(const FirmsSimdRun *r, Lanes *v, int k)
{
    const double *w = r->weight + (gsize)k * r->n_known;
    const __m512d one = _mm512_set1_pd(1.0);
    for (int h = 0; h < 2; h++) {
        __mmask8 m = (__mmask8)(v->fx >> (8 * h));
        v->weight[k][h] = v->row0 >= 0 ? _mm512_mask_loadu_pd(one, m, w + v->row0 + 8 * h)
                                       : _mm512_mask_i32gather_pd(one, m, half_of(v->row, h), w, 8);
    }
    v->loaded |= 1u << k;
}

/* The weights of slots `slot` of the lanes `need` (1 elsewhere) into
 * w[h] for lanes 8h .. 8h + 7, each slot loaded the first time a lane of
 * the batch needs it; `used` has bit j when a lane may have slot j. */
static inline VEC void weights(const FirmsSimdRun *r, Lanes *v, __m512i slot, __mmask16 need, guint32 used,
                               __m512d w[2])
{
    w[0] = w[1] = _mm512_set1_pd(1.0);
    for (; used != 0; used &= used - 1) {
        int j = __builtin_ctz(used);
        __mmask16 is = _mm512_mask_cmpeq_epi32_mask(need, slot, _mm512_set1_epi32(j));
        if (G_UNLIKELY(!(v->loaded >> j & 1)))
            load_slot(r, v, j);
        for (int h = 0; h < 2; h++)
            w[h] = _mm512_mask_mov_pd(w[h], (__mmask8)(is >> (8 * h)), v->weight[j][h]);
    }
}

/* The outcome category of the lanes `fx` in year yi from words w0, w1, as
 * firms.c's outcome: with a_k = p_k w_k (p_k the category's probability,
 * w_k the lane's weight) and v = u (p_stay + sum_k a_k), the first k with
 * v < a_0 + ... + a_k, else n (stays).  The categories a stage does not
 * have add 0. */
static VEC __m512i weighted_category(const FirmsSimdRun *r, int yi, Lanes *v, __mmask16 fx, __m512i w0,
                                     __m512i w1)
{
    const FirmsSimdTables *t = r->t;
    __m512i stage[2];
    __m512d u[2], a[FIRMS_SIMD_MAX_STAGES + 1][2];
    __m512d total[2] = {_mm512_setzero_pd(), _mm512_setzero_pd()};
    stage_halves(v->now, stage);
    uniforms(w0, w1, u);
    for (int c = 0; c < t->K; c++) {
        __m512d w[2];
        weights(r, v, lookup(t, yi, row_slot(t, c), v->now), fx, t->slots[yi * (t->K + 1) + c], w);
        for (int h = 0; h < 2; h++) {
            a[c][h] = _mm512_mul_pd(lookup_double(t, yi, row_diff(t, c), stage[h]), w[h]);
            total[h] = _mm512_add_pd(total[h], a[c][h]);
        }
    }
    __m512d x[2], run[2] = {_mm512_setzero_pd(), _mm512_setzero_pd()};
    for (int h = 0; h < 2; h++)
        x[h] = _mm512_mul_pd(u[h], _mm512_add_pd(lookup_double(t, yi, ROW_STAY, stage[h]), total[h]));
    __m512i k = lookup(t, yi, ROW_NCAT, v->now);
    __mmask16 open = fx;
    for (int c = 0; c < t->K; c++) {
        __mmask16 below = 0;
        for (int h = 0; h < 2; h++) {
            run[h] = _mm512_add_pd(run[h], a[c][h]);
            below |= (__mmask16)(_mm512_cmp_pd_mask(x[h], run[h], _CMP_LT_OQ) << (8 * h));
        }
        below &= open;
        k = _mm512_mask_mov_epi32(k, below, _mm512_set1_epi32(c));
        open &= ~below;
    }
    return k;
}

/* The lanes `lapse` that lapse, with those of `due` (lanes with effects,
 * due this year) decided as firms.c's renewal_p decides them: a lane
 * whose weight F is not 1 lapses when the uniform of words w2, w3 is at or
 * above 1 / (1 + o F), o the odds of lapsing; at F = 1 it keeps its
 * decision on the scenario's probability. */
static VEC __mmask16 weighted_lapse(const FirmsSimdRun *r, int yi, Lanes *v, __mmask16 due, __m512i w2,
                                    __m512i w3, __mmask16 lapse)
{
    const FirmsSimdTables *t = r->t;
    __m512i slot = lookup(t, yi, ROW_RENEW_SLOT, v->now);
    __mmask16 need = _mm512_mask_cmpneq_epi32_mask(due, slot, _mm512_setzero_si512());
    if (need == 0)
        return lapse;
    const __m512d one = _mm512_set1_pd(1.0);
    __m512i stage[2];
    __m512d u[2], w[2];
    stage_halves(v->now, stage);
    uniforms(w2, w3, u);
    weights(r, v, slot, need, t->slots[yi * (t->K + 1) + t->K], w);
    for (int h = 0; h < 2; h++) {
        __m512d F = w[h];
        __mmask8 other = _mm512_mask_cmp_pd_mask((__mmask8)(need >> (8 * h)), F, one, _CMP_NEQ_UQ);
        __m512d p = _mm512_div_pd(one, _mm512_add_pd(one, _mm512_mul_pd(lookup_double(t, yi, ROW_ODDS, stage[h]), F)));
        __mmask8 lapses = _mm512_mask_cmp_pd_mask(other, u[h], p, _CMP_GE_OQ);
        lapse = (__mmask16)((lapse & ~((__mmask16)other << (8 * h))) | ((__mmask16)lapses << (8 * h)));
    }
    return lapse;
}

/* The stages the lanes m are in, each with its lanes and the offset of
 * the batch's cuts of year yi in it (cut k at at[i] + k * 16). */
typedef struct {
    int n;
    __mmask16 in[FIRMS_SIMD_MAX_STAGES];
    gsize at[FIRMS_SIMD_MAX_STAGES];
} StageSplit;

static inline VEC void split_stages(const FirmsSimdTables *t, int batch, int yi, __m512i now, __mmask16 m,
                                    StageSplit *ss)
{
    guint32 some = (guint32)_mm512_mask_reduce_or_epi32(m, _mm512_sllv_epi32(_mm512_set1_epi32(1), now));
    gsize year = cut_base(batch, yi, 0, 0, t->n_years, t->S, t->K), stage = (gsize)(t->K + 1) * FIRMS_SIMD_LANES;
    for (ss->n = 0; some != 0; some &= some - 1, ss->n++) {
        int s = __builtin_ctz(some);
        ss->in[ss->n] = _mm512_mask_cmpeq_epi32_mask(m, now, _mm512_set1_epi32(s));
        ss->at[ss->n] = year + s * stage;
    }
}

/* The lanes m whose uniform of words w0, w1 is at or above their firm's
 * cut k of year yi in its stage (FirmsSimdRun.cut_hi), the batch's cuts of
 * each stage loaded into the lanes in it. */
static inline VEC __mmask16 at_least_cut(const FirmsSimdRun *r, const StageSplit *ss, int k, __mmask16 m, __m512i w0,
                                         __m512i w1)
{
    const gsize ck = (gsize)k * FIRMS_SIMD_LANES;
    __m512i th = _mm512_setzero_si512(), tl = th;
    for (int i = 0; i < ss->n; i++)
        th = _mm512_mask_loadu_epi32(th, ss->in[i], r->cut_hi + ss->at[i] + ck);
    __m512i a = _mm512_srli_epi32(w0, 5);
    __mmask16 above = _mm512_mask_cmpgt_epu32_mask(m, a, th), tie = _mm512_mask_cmpeq_epi32_mask(m, a, th);
    if (G_LIKELY(tie == 0))
        return above;
    for (int i = 0; i < ss->n; i++)
        tl = _mm512_mask_loadu_epi32(tl, ss->in[i], r->cut_lo + ss->at[i] + ck);
    return above | _mm512_mask_cmpge_epu32_mask(tie, _mm512_srli_epi32(w1, 6), tl);
}

/* Year yi's outcome and renewal of the lanes `act` (alive, born before yi)
 * from their block 0 words w[0..3], as firms.c's step does it: the
 * category is the count of thresholds at or below the uniform of w0, w1;
 * a firm that stays and is due renews when the uniform of w2, w3 is below
 * the renewal probability, else lapses.  Returns the lanes that entered a
 * stage along an edge. */
static VEC __mmask16 step(const FirmsSimdRun *r, int yi, Lanes *v, __mmask16 act, const __m512i w[4])
{
    const FirmsSimdTables *t = r->t;
    const __m512i one = _mm512_set1_epi32(1), zero = _mm512_setzero_si512();
    __m512i k = zero;
    if ((act & ~v->fx) != 0)
        for (int c = 0; c < t->K; c++)
            k = _mm512_mask_add_epi32(k, at_least(t, yi, row_cat_hi(t, c), row_cat_lo(t, c), v->now, w[0], w[1]),
                                      k, one);
    /* lanes with effects: known firms on their cuts when there are any, the others in doubles */
    __mmask16 cut = act & v->cut, wide = act & v->fx & ~cut;
    StageSplit ss = {0};
    if (cut != 0) {
        split_stages(t, v->batch, yi, v->now, cut, &ss);
        __m512i kc = zero;
        for (int c = 0; c < t->K; c++)
            kc = _mm512_mask_add_epi32(kc, at_least_cut(r, &ss, c, cut, w[0], w[1]), kc, one);
        k = _mm512_mask_mov_epi32(k, cut, kc);
    }
    if (wide != 0)
        k = _mm512_mask_mov_epi32(k, wide, weighted_category(r, yi, v, wide, w[0], w[1]));
    __mmask16 move = _mm512_mask_cmpneq_epi32_mask(act, k, lookup(t, yi, ROW_NCAT, v->now));
    __m512i to = zero;
    for (int c = 0; c < t->K; c++)
        to = _mm512_mask_mov_epi32(to, _mm512_cmpeq_epi32_mask(k, _mm512_set1_epi32(c)),
                                   lookup(t, yi, row_dest(t, c), v->now));
    __mmask16 edge = _mm512_mask_cmpneq_epi32_mask(move, to, _mm512_set1_epi32(t->S));
    /* the firms that stay: the clock of a renewed stage runs, and at V the firm is due */
    __m512i renew = lookup(t, yi, ROW_RENEW, v->now);
    __mmask16 runs = _mm512_mask_cmpneq_epi32_mask(act & ~move, renew, zero);
    v->clock = _mm512_mask_add_epi32(v->clock, runs, v->clock, one);
    __mmask16 due = _mm512_mask_cmpge_epi32_mask(runs, v->clock, renew);
    v->clock = _mm512_mask_mov_epi32(v->clock, due | edge, zero);
    __mmask16 lapse = due & at_least(t, yi, ROW_RENEW_HI, ROW_RENEW_LO, v->now, w[2], w[3]);
    if ((due & cut) != 0)
        lapse = (lapse & ~(due & cut)) | at_least_cut(r, &ss, t->K, due & cut, w[2], w[3]);
    if ((due & wide) != 0)
        lapse = weighted_lapse(r, yi, v, due & wide, w[2], w[3], lapse);
    v->now = _mm512_mask_mov_epi32(v->now, lapse, lookup(t, yi, ROW_LAPSE, v->now));
    v->now = _mm512_mask_mov_epi32(v->now, move, to);
    return edge;
}

/* The stocks of year yi (lanes `alive`) and the entries along edges
 * (lanes `edge`), into the lanes' counts (firms_simd_end adds them up). */
static VEC void count_year(const FirmsSimdRun *r, int yi, const Lanes *v, __mmask16 alive, __mmask16 edge)
{
    int S = r->t->S;
    const __m512i one = _mm512_set1_epi32(1);
    gint32 *count = r->t->count + r->slot * count_size(r->t) + (gsize)yi * S * 2 * FIRMS_SIMD_LANES;
    /* the stages some lane is in (S < 32) */
    guint32 in_some = (guint32)_mm512_mask_reduce_or_epi32(alive, _mm512_sllv_epi32(one, v->now));
    for (; in_some != 0; in_some &= in_some - 1) {
        int s = __builtin_ctz(in_some);
        __mmask16 in = _mm512_mask_cmpeq_epi32_mask(alive, v->now, _mm512_set1_epi32(s));
        gint32 *c = count + 2 * s * FIRMS_SIMD_LANES;
        __m512i stock = _mm512_loadu_si512(c), entries = _mm512_loadu_si512(c + FIRMS_SIMD_LANES);
        _mm512_storeu_si512(c, _mm512_mask_add_epi32(stock, in, stock, one));
        _mm512_storeu_si512(c + FIRMS_SIMD_LANES, _mm512_mask_add_epi32(entries, in & edge, entries, one));
    }
}

/* The list block draws of years y0 .. y0 + ny - 1 (recorded in rec[]),
 * as pairs (year, block) for rng_blocks16_words: for each year, the
 * blocks a counted lane's stage draws from.  Returns the number of pairs. */
static VEC int list_blocks(const FirmsSimdTables *t, int y0, int ny, const YearRecord *rec, int *year,
                           guint32 *block)
{
    int n = 0;
    for (int yi = y0; yi < y0 + ny; yi++) {
        __m512i now = _mm512_loadu_si512(rec[yi].now);
        guint32 need = (guint32)_mm512_mask_reduce_or_epi32((__mmask16)rec[yi].alive, lookup(t, yi, ROW_BLOCKS, now));
        for (; need != 0; need &= need - 1) {
            year[n] = yi;
            block[n++] = (guint32)(yi * FIRMS_BLOCKS_PER_YEAR + __builtin_ctz(need) + 1);
        }
    }
    return n;
}

/* The lists of years y0 .. y0 + ny - 1 into rec[].lists: those a counted
 * lane's stage is on without a draw, and those it draws: on list l when the
 * uniform of words 2 (l % 2) and 2 (l % 2) + 1 of its block 1 + l / 2 is
 * below the share (as firms.c's draw_shares), counted in the lanes' drawn
 * counts (firms_simd_end adds them up).  The blocks any lane needs are
 * computed for the sixteen together, four at a time. */
static VEC void draw_lists(const FirmsSimdRun *r, const guint32 *ids, int y0, int ny, YearRecord *rec)
{
    const FirmsSimdTables *t = r->t;
    for (int yi = y0; yi < y0 + ny; yi++)
        _mm512_storeu_si512(rec[yi].lists, _mm512_maskz_mov_epi32((__mmask16)rec[yi].alive,
                                                                  lookup(t, yi, ROW_ON, _mm512_loadu_si512(rec[yi].now))));
    int year[(CHUNK_YEARS + 1) * FIRMS_SIMD_MAX_LISTS / 2];
    guint32 block[(CHUNK_YEARS + 1) * FIRMS_SIMD_MAX_LISTS / 2], words[CHUNK_YEARS][4][FIRMS_SIMD_LANES];
    int n = list_blocks(t, y0, ny, rec, year, block);
    for (int k0 = 0; k0 < n; k0 += CHUNK_YEARS) {
        int nk = MIN(CHUNK_YEARS, n - k0);
        rng_blocks16_words(r->seed, r->rep, block + k0, nk, ids, words);
        for (int k = 0; k < nk; k++) {
            int yi = year[k0 + k], b = (int)(block[k0 + k] - (guint32)(yi * FIRMS_BLOCKS_PER_YEAR)) - 1;
            __mmask16 alive = (__mmask16)rec[yi].alive;
            __m512i now = _mm512_loadu_si512(rec[yi].now), on = _mm512_loadu_si512(rec[yi].lists);
            for (int h = 0; h < 2 && 2 * b + h < t->L; h++) {
                int l = 2 * b + h;
                __m512i w0 = _mm512_loadu_si512(words[k][2 * h]), w1 = _mm512_loadu_si512(words[k][2 * h + 1]);
                __mmask16 drawn = alive & ~at_least(t, yi, row_share_hi(t, l), row_share_lo(t, l), now, w0, w1);
                gint32 *count = t->drawn + r->slot * drawn_size(t) + ((gsize)yi * t->L + l) * FIRMS_SIMD_LANES;
                __m512i c = _mm512_loadu_si512(count);
                _mm512_storeu_si512(count, _mm512_mask_add_epi32(c, drawn, c, _mm512_set1_epi32(1)));
                on = _mm512_mask_or_epi32(on, drawn, on, _mm512_set1_epi32((int)(1u << l)));
            }
            _mm512_storeu_si512(rec[yi].lists, on);
        }
    }
}

/* ---- the tally ------------------------------------------------------------
 * Each firm's rows of FirmsTally are contiguous, firm after firm, and a
 * batch adds at most one to an element.  The elements a batch adds one to
 * are collected as offsets, sixteen lanes at a time by a vector compress
 * (the lanes that add), then added one by one in a loop with no branch on
 * what a firm did: a firm's state every year, the lists it is on, the
 * stage it entered along an edge, its first year up. */

#define ADDS_CAP 512 /* offsets collected before they are added */

/* Offsets of elements of `base` to add one to. */
typedef struct {
    guint32 *base;
    int n;
    gint32 at[ADDS_CAP];
} Adds;

static inline void adds_begin(Adds *a, guint32 *base)
{
    a->base = base;
    a->n = 0;
}

/* Adds the collected offsets' ones. */
static void adds_flush(Adds *a)
{
    for (int k = 0; k < a->n; k++)
        a->base[a->at[k]]++;
    a->n = 0;
}

/* Collects offset off[j] of each lane j of m. */
static inline VEC void adds_push(Adds *a, __mmask16 m, __m512i off)
{
    _mm512_storeu_si512(a->at + a->n, _mm512_maskz_compress_epi32(m, off));
    a->n += __builtin_popcount(m);
    if (a->n > ADDS_CAP - FIRMS_SIMD_LANES)
        adds_flush(a);
}

/* The lanes `known` of a batch of firms first .. first + 15: their years
 * rec[0 .. n_years - 1] and first years up `up` into the tally. */
static VEC void tally_batch(const FirmsSimdRun *r, int first, __mmask16 known, const YearRecord *rec, __m512i up)
{
    FirmsTally *T = r->tally;
    int Y = r->t->n_years, S = r->t->S, L = r->t->L;
    gsize i = (gsize)first;
    const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    /* row r of lane j's firm starts at element j * r of the batch's first firm's */
    const __m512i state_row = _mm512_mullo_epi32(lane, _mm512_set1_epi32(Y * (S + 1)));
    const __m512i listed_row = _mm512_mullo_epi32(lane, _mm512_set1_epi32(Y * L));
    const __m512i entered_row = _mm512_mullo_epi32(lane, _mm512_set1_epi32(Y * S));
    const __m512i up_row = _mm512_mullo_epi32(lane, _mm512_set1_epi32(Y + 1));
    /* not initialised as `Adds a = {.base = ...}`, which zeroes `at` (8 KB a batch) */
    Adds state, listed, entered, up_year;
    adds_begin(&state, T->state + i * Y * (S + 1));
    adds_begin(&listed, T->listed + i * Y * L);
    adds_begin(&entered, T->entered + i * Y * S);
    adds_begin(&up_year, T->up + i * (Y + 1));
    for (int yi = 0; yi < Y; yi++) {
        __m512i now = _mm512_loadu_si512(rec[yi].now), lists = _mm512_loadu_si512(rec[yi].lists);
        if (yi > 0) /* at the end of year 0 a known firm is in its starting stage: the caller's */
            adds_push(&state, known,
                      _mm512_add_epi32(state_row, _mm512_add_epi32(now, _mm512_set1_epi32(yi * (S + 1)))));
        adds_push(&entered, known & (__mmask16)rec[yi].entered,
                  _mm512_add_epi32(entered_row, _mm512_add_epi32(now, _mm512_set1_epi32(yi * S))));
        for (int l = 0; l < L; l++)
            adds_push(&listed, _mm512_mask_test_epi32_mask(known, lists, _mm512_set1_epi32((int)(1u << l))),
                      _mm512_add_epi32(listed_row, _mm512_set1_epi32(yi * L + l)));
    }
    adds_push(&up_year, known, _mm512_add_epi32(up_row, up));
    adds_flush(&state);
    adds_flush(&listed);
    adds_flush(&entered);
    adds_flush(&up_year);
}

/* A batch: sixteen firms, one a lane, and what they did. */
typedef struct {
    int first;                        /* lane j is firm first + j */
    __mmask16 lanes;                  /* the lanes holding a firm */
    __mmask16 known;                  /* the lanes holding a known firm, when there is a tally */
    guint32 ids[FIRMS_SIMD_LANES];    /* their streams */
    Lanes v;
    YearRecord rec[MODEL_MAX_YEARS + 1];
} Batch;

/* The lanes with effects of the batch (b->lanes set) and their rows; no
 * weight loaded yet. */
static VEC void load_rows(const FirmsSimdRun *r, int first, Batch *b)
{
    const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    Lanes *v = &b->v;
    v->row = _mm512_maskz_loadu_epi32(b->lanes, r->row + first);
    v->fx = _mm512_mask_cmpge_epi32_mask(b->lanes, v->row, _mm512_setzero_si512());
    v->loaded = 0;
    v->row0 = -1;
    if (v->fx == 0)
        return;
    int j0 = __builtin_ctz(v->fx), row0 = r->row[first + j0] - j0;
    if (row0 >= 0 && _mm512_mask_cmpeq_epi32_mask(v->fx, v->row, _mm512_add_epi32(lane, _mm512_set1_epi32(row0))) ==
                         v->fx)
        v->row0 = row0;
}

/* The batch of firms first .. first + n - 1, as the replication holds them. */
static VEC void batch_load(const FirmsSimdRun *r, int first, int n, Batch *b)
{
    b->first = first;
    b->lanes = (__mmask16)((1u << n) - 1);
    int n_known = r->tally != NULL ? CLAMP(r->n_known - first, 0, n) : 0;
    b->known = (__mmask16)((1u << n_known) - 1);
    for (int j = 0; j < FIRMS_SIMD_LANES; j++)
        b->ids[j] = rng_firm_stream((guint32)(first + MIN(j, n - 1)));
    b->v.now = _mm512_maskz_loadu_epi32(b->lanes, r->stage + first);
    b->v.clock = _mm512_maskz_loadu_epi32(b->lanes, r->clock + first);
    b->v.born = _mm512_maskz_loadu_epi32(b->lanes, r->born + first);
    b->v.from = b->v.now;
    b->v.up = _mm512_set1_epi32(r->t->n_years);
    b->v.fx = b->v.cut = 0;
    b->v.row0 = -1;
    b->v.loaded = 0;
    b->v.batch = first / FIRMS_SIMD_LANES;
    if (r->weight != NULL) {
        load_rows(r, first, b);
        if (r->cut_hi != NULL && first % FIRMS_SIMD_LANES == 0) /* lane j: firm first + j */
            b->v.cut = b->v.fx & (__mmask16)((1u << CLAMP(r->n_known - first, 0, FIRMS_SIMD_LANES)) - 1);
    }
}

/* Year yi of batch b from its firms' block 0 words `words` (NULL in year
 * 0, when no firm steps): outcome and renewal, stocks and entries counted,
 * the year recorded for the lists and the tally. */
static VEC void batch_year(const FirmsSimdRun *r, int yi, const guint32 (*words)[FIRMS_SIMD_LANES], Batch *b)
{
    const FirmsSimdTables *t = r->t;
    const __m512i S = _mm512_set1_epi32(t->S), year = _mm512_set1_epi32(yi);
    Lanes *v = &b->v;
    __mmask16 present = _mm512_mask_cmple_epi32_mask(b->lanes, v->born, year), edge = 0;
    __mmask16 act = _mm512_mask_cmplt_epi32_mask(present, v->born, year) & _mm512_cmplt_epi32_mask(v->now, S);
    if (act != 0) {
        const __m512i w[4] = {_mm512_loadu_si512(words[0]), _mm512_loadu_si512(words[1]),
                              _mm512_loadu_si512(words[2]), _mm512_loadu_si512(words[3])};
        edge = step(r, yi, v, act, w);
    }
    __mmask16 alive = _mm512_mask_cmplt_epi32_mask(present, v->now, S);
    if (yi > 0) /* year 0's stocks are the firms born then: the caller's (firms_simd_batch) */
        count_year(r, yi, v, alive, edge);
    __mmask16 up = _mm512_mask_cmpgt_epi32_mask(alive, v->now, v->from) &
                   _mm512_cmpeq_epi32_mask(v->up, _mm512_set1_epi32(t->n_years));
    v->up = _mm512_mask_mov_epi32(v->up, up, year);
    _mm512_storeu_si512(b->rec[yi].now, v->now);
    b->rec[yi].alive = alive;
    b->rec[yi].entered = edge;
}

/* Years y0 .. y0 + ny - 1 of batch b: the outcome blocks of the years
 * stepped (year 0 is not) computed together, then each year in turn. */
static VEC void step_years(const FirmsSimdRun *r, int y0, int ny, Batch *b)
{
    int y1 = MAX(y0, 1), nb = y0 + ny - y1;
    guint32 block[CHUNK_YEARS], words[CHUNK_YEARS][4][FIRMS_SIMD_LANES];
    for (int k = 0; k < nb; k++)
        block[k] = (guint32)((y1 + k) * FIRMS_BLOCKS_PER_YEAR);
    if (nb > 0)
        rng_blocks16_words(r->seed, r->rep, block, nb, b->ids, words);
    for (int yi = y0; yi < y0 + ny; yi++)
        batch_year(r, yi, yi >= y1 ? words[yi - y1] : NULL, b);
}

/* Batch b (loaded) of replication r through every year: year 0 (not
 * stepped) with the first CHUNK_YEARS years stepped, then CHUNK_YEARS at a
 * time, each chunk's lists after its steps. */
static VEC void batch_years(const FirmsSimdRun *r, Batch *b)
{
    const FirmsSimdTables *t = r->t;
    for (int y0 = 0, ny; y0 < t->n_years; y0 += ny) {
        ny = MIN(y0 == 0 ? CHUNK_YEARS + 1 : CHUNK_YEARS, t->n_years - y0);
        step_years(r, y0, ny, b);
        draw_lists(r, b->ids, y0, ny, b->rec);
    }
}

VEC void firms_simd_batch(const FirmsSimdRun *r, int first, int n)
{
    Batch b;
    batch_load(r, first, n, &b);
    batch_years(r, &b);
    if (b.known != 0)
        tally_batch(r, first, b.known, b.rec, b.v.up);
}

VEC void firms_simd_batch_reps(const FirmsSimdRun *runs, int n_runs, int first, int n)
{
    Batch b;
    batch_load(&runs[0], first, n, &b);
    const __m512i clock = b.v.clock;
    for (int j = 0; j < n_runs; j++) {
        g_return_if_fail(runs[j].t == runs[0].t && runs[j].stage == runs[0].stage && runs[j].tally == runs[0].tally);
        if (j > 0) { /* the batch as it starts, its lanes' weights kept */
            b.v.now = b.v.from;
            b.v.clock = clock;
            b.v.up = _mm512_set1_epi32(runs[j].t->n_years);
        }
        batch_years(&runs[j], &b);
        if (b.known != 0)
            tally_batch(&runs[j], first, b.known, b.rec, b.v.up);
    }
}

/* Every year's t->slots from the slot rows. */
static void gather_slots(FirmsSimdTables *t)
{
    for (int yi = 0; yi < t->n_years; yi++)
        for (int k = 0; k <= t->K; k++) {
            const gint32 *slot = row_of(t, yi, k < t->K ? row_slot(t, k) : ROW_RENEW_SLOT);
            guint32 used = 0;
            for (int s = 0; s < t->S; s++)
                used |= 1u << slot[s];
            t->slots[yi * (t->K + 1) + k] = used & ~1u;
        }
}

void firms_simd_begin(FirmsSimdTables *t, int slot)
{
    g_return_if_fail(slot >= 0 && slot < FIRMS_SIMD_REPS);
    memset(t->count + slot * count_size(t), 0, sizeof *t->count * count_size(t));
    memset(t->drawn + slot * drawn_size(t), 0, sizeof *t->drawn * drawn_size(t));
    gather_slots(t);
}

VEC void firms_simd_end(FirmsSimdTables *t, int slot, const EngineTrajectory *out)
{
    const gint32 *counts = t->count + slot * count_size(t), *drawn = t->drawn + slot * drawn_size(t);
    for (int c = 0; c < t->n_years * t->S; c++) {
        const gint32 *count = counts + (gsize)c * 2 * FIRMS_SIMD_LANES;
        out->stock[c] += _mm512_reduce_add_epi32(_mm512_loadu_si512(count));
        out->entries[c] += _mm512_reduce_add_epi32(_mm512_loadu_si512(count + FIRMS_SIMD_LANES));
    }
    for (int c = 0; c < t->n_years * t->L; c++)
        out->lists[c] += _mm512_reduce_add_epi32(_mm512_loadu_si512(drawn + (gsize)c * FIRMS_SIMD_LANES));
}

#else

void firms_simd_begin(FirmsSimdTables *t, int slot)
{
    (void)t;
    (void)slot;
}

void firms_simd_end(FirmsSimdTables *t, int slot, const EngineTrajectory *out)
{
    (void)t;
    (void)slot;
    (void)out;
}

gboolean firms_simd_usable(void)
{
    return FALSE;
}

void firms_simd_batch(const FirmsSimdRun *r, int first, int n)
{
    (void)r;
    (void)first;
    (void)n;
    g_assert_not_reached();
}

void firms_simd_batch_reps(const FirmsSimdRun *runs, int n_runs, int first, int n)
{
    (void)runs;
    (void)n_runs;
    (void)first;
    (void)n;
    g_assert_not_reached();
}


#endif
