/* firms_simd.c: firms.c's firm steps for sixteen firms at once, one firm
 * per 32-bit lane of an AVX-512 vector: masks instead of branches on the
 * outcome, the renewal and the lists, in-register permutes for what a
 * stage does, and each firm's tally written after its batch's last year.
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

/* T(c): 0 for c <= 0 (every u is >= c), 2^53 for c >= 1 and NaN (none is). */
static guint64 threshold(double c)
{
    if (!(c < 1))
        return G_GUINT64_CONSTANT(1) << 53;
    if (c <= 0)
        return 0;
    return (guint64)ceil(c * TWO_53);
}

/* ---- tables ------------------------------------------------------------- */

/* Rows of a year's table, each FIRMS_SIMD_LANES 32-bit values by stage. */
enum {
    ROW_NCAT,     /* outcome categories n */
    ROW_RENEW,    /* renewal years, 0 none */
    ROW_LAPSE,    /* lapse stage */
    ROW_RENEW_HI, /* T(renew_p), high and low bits */
    ROW_RENEW_LO,
    ROW_BLOCKS,   /* list blocks to compute */
    ROW_ON,       /* lists on without a draw */
    ROW_FIXED     /* then, for each category k < K: T(cum[k]) high, low, and dest; then each
                     list's T(share) high and low */
};

struct FirmsSimdTables {
    int n_years, S, L, K;  /* K: the most outcome categories of a stage */
    int rows;              /* rows a year */
    gint32 *mem;           /* [n_years * rows * FIRMS_SIMD_LANES] */
    gint32 *count;         /* [(n_years * S + s) * 2 + e][lane]: the replication's firms counted so far in
                              lane `lane` of a batch in stage s at the end of a year (e = 0), or entering
                              it along an edge (e = 1) (firms_simd_begin, firms_simd_end) */
    gint32 *drawn;         /* [n_years * L + l][lane]: likewise, on list l by a draw */
};

static int row_cat_hi(const FirmsSimdTables *t, int k) { (void)t; return ROW_FIXED + 3 * k; }
static int row_cat_lo(const FirmsSimdTables *t, int k) { (void)t; return ROW_FIXED + 3 * k + 1; }
static int row_dest(const FirmsSimdTables *t, int k) { (void)t; return ROW_FIXED + 3 * k + 2; }
static int row_share_hi(const FirmsSimdTables *t, int l) { return ROW_FIXED + 3 * t->K + 2 * l; }
static int row_share_lo(const FirmsSimdTables *t, int l) { return ROW_FIXED + 3 * t->K + 2 * l + 1; }

/* Row r of year yi's table. */
static gint32 *row_of(const FirmsSimdTables *t, int yi, int r)
{
    return t->mem + ((gsize)yi * t->rows + r) * FIRMS_SIMD_LANES;
}

gboolean firms_simd_fits(int n_stages, int n_lists)
{
    return n_stages <= FIRMS_SIMD_MAX_STAGES && n_lists <= FIRMS_SIMD_MAX_LISTS;
}

FirmsSimdTables *firms_simd_tables_new(int n_years, int n_stages, int n_lists, int max_categories)
{
    g_return_val_if_fail(firms_simd_fits(n_stages, n_lists), NULL);
    FirmsSimdTables *t = g_new0(FirmsSimdTables, 1);
    t->n_years = n_years;
    t->S = n_stages;
    t->L = n_lists;
    t->K = max_categories;
    t->rows = ROW_FIXED + 3 * t->K + 2 * t->L;
    t->mem = g_new0(gint32, (gsize)n_years * t->rows * FIRMS_SIMD_LANES);
    t->count = g_new0(gint32, (gsize)n_years * n_stages * 2 * FIRMS_SIMD_LANES);
    t->drawn = g_new0(gint32, MAX((gsize)n_years * n_lists * FIRMS_SIMD_LANES, 1));
    return t;
}

void firms_simd_tables_free(FirmsSimdTables *t)
{
    if (t == NULL)
        return;
    g_free(t->mem);
    g_free(t->count);
    g_free(t->drawn);
    g_free(t);
}

/* Stores T(c) into rows hi and lo at stage s. */
static void set_threshold(FirmsSimdTables *t, int yi, int hi, int lo, int s, double c)
{
    guint64 T = threshold(c);
    row_of(t, yi, hi)[s] = (gint32)(T >> LOW_BITS);
    row_of(t, yi, lo)[s] = (gint32)(T & ((1u << LOW_BITS) - 1));
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
    for (int k = 0; k < t->K; k++) {
        /* the categories a stage does not have: a threshold no uniform reaches */
        set_threshold(t, yi, row_cat_hi(t, k), row_cat_lo(t, k), s, k < c->n ? c->cum[k] : 1.0);
        row_of(t, yi, row_dest(t, k))[s] = k < c->n ? c->dest[k] : t->S;
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

/* Year yi's outcome and renewal of the lanes `act` (alive, born before yi)
 * from their block 0 words w[0..3], as firms.c's step does it: the
 * category is the count of thresholds at or below the uniform of w0, w1;
 * a firm that stays and is due renews when the uniform of w2, w3 is below
 * the renewal probability, else lapses.  Returns the lanes that entered a
 * stage along an edge. */
static VEC __mmask16 step(const FirmsSimdTables *t, int yi, Lanes *v, __mmask16 act, const __m512i w[4])
{
    const __m512i one = _mm512_set1_epi32(1), zero = _mm512_setzero_si512();
    __m512i k = zero;
    for (int c = 0; c < t->K; c++)
        k = _mm512_mask_add_epi32(k, at_least(t, yi, row_cat_hi(t, c), row_cat_lo(t, c), v->now, w[0], w[1]), k,
                                  one);
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
    gint32 *count = r->t->count + (gsize)yi * S * 2 * FIRMS_SIMD_LANES;
    for (int s = 0; s < S; s++) {
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
                gint32 *count = t->drawn + ((gsize)yi * t->L + l) * FIRMS_SIMD_LANES;
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
    Adds state = {.base = T->state + i * Y * (S + 1)}, listed = {.base = T->listed + i * Y * L};
    Adds entered = {.base = T->entered + i * Y * S}, up_year = {.base = T->up + i * (Y + 1)};
    for (int yi = 0; yi < Y; yi++) {
        __m512i now = _mm512_loadu_si512(rec[yi].now), lists = _mm512_loadu_si512(rec[yi].lists);
        adds_push(&state, known, _mm512_add_epi32(state_row, _mm512_add_epi32(now, _mm512_set1_epi32(yi * (S + 1)))));
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
        edge = step(t, yi, v, act, w);
    }
    __mmask16 alive = _mm512_mask_cmplt_epi32_mask(present, v->now, S);
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

VEC void firms_simd_batch(const FirmsSimdRun *r, int first, int n)
{
    const FirmsSimdTables *t = r->t;
    Batch b;
    batch_load(r, first, n, &b);
    /* year 0 (not stepped) with the first CHUNK_YEARS years stepped, then
     * CHUNK_YEARS at a time */
    for (int y0 = 0, ny; y0 < t->n_years; y0 += ny) {
        ny = MIN(y0 == 0 ? CHUNK_YEARS + 1 : CHUNK_YEARS, t->n_years - y0);
        step_years(r, y0, ny, &b);
        draw_lists(r, b.ids, y0, ny, b.rec);
    }
    if (b.known != 0)
        tally_batch(r, first, b.known, b.rec, b.v.up);
}

void firms_simd_begin(FirmsSimdTables *t)
{
    memset(t->count, 0, sizeof *t->count * (gsize)t->n_years * t->S * 2 * FIRMS_SIMD_LANES);
    memset(t->drawn, 0, sizeof *t->drawn * (gsize)t->n_years * t->L * FIRMS_SIMD_LANES);
}

VEC void firms_simd_end(FirmsSimdTables *t, const EngineTrajectory *out)
{
    for (int c = 0; c < t->n_years * t->S; c++) {
        const gint32 *count = t->count + (gsize)c * 2 * FIRMS_SIMD_LANES;
        out->stock[c] += _mm512_reduce_add_epi32(_mm512_loadu_si512(count));
        out->entries[c] += _mm512_reduce_add_epi32(_mm512_loadu_si512(count + FIRMS_SIMD_LANES));
    }
    for (int c = 0; c < t->n_years * t->L; c++)
        out->lists[c] += _mm512_reduce_add_epi32(_mm512_loadu_si512(t->drawn + (gsize)c * FIRMS_SIMD_LANES));
}

#else

void firms_simd_begin(FirmsSimdTables *t)
{
    (void)t;
}

void firms_simd_end(FirmsSimdTables *t, const EngineTrajectory *out)
{
    (void)t;
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

#endif
