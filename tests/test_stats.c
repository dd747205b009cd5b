/* test_stats.c: the numeric building blocks: exact histograms and their
 * nearest-rank percentiles, the Philox streams, the [uncertainty]
 * distributions and the text helpers behind suggestions and tables.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "testutil.h"

#include "dist.h"
#include "errors.h"
#include "histogram.h"
#include "rng.h"
#include "text.h"

/* Tolerance of every statistical check, in standard errors (GSL's randist
 * tests use 5; 4 keeps a false alarm below 1 in 10 000 per check). */
#define N_SE 4.0

static Histogram *hist_of(const gint64 *v, gsize n)
{
    Histogram *h = histogram_new();
    for (gsize i = 0; i < n; i++)
        histogram_add(h, v[i]);
    return h;
}

/* Two histograms hold the same counts of the same values. */
static void assert_same_counts(const Histogram *a, const Histogram *b)
{
    assert_int_equal(a->total, b->total);
    assert_int_equal(histogram_min(a), histogram_min(b));
    assert_int_equal(histogram_max(a), histogram_max(b));
    for (gint64 x = histogram_min(a); x <= histogram_max(a) + 1; x++)
        assert_int_equal(histogram_count_at_least(a, x), histogram_count_at_least(b, x));
}

/* ---- histograms ------------------------------------------------------- */

/* Nearest rank on 1..100: the q-th percentile is q itself.  Added from the
 * top down, so the bins have to grow below their first value. */
static void test_percentile_1_to_100(void **state)
{
    (void)state;
    g_autoptr(Histogram) h = histogram_new();
    for (gint64 v = 100; v >= 1; v--)
        histogram_add(h, v);
    assert_int_equal(h->total, 100);
    for (guint q = 1; q <= 100; q++)
        assert_int_equal(histogram_percentile(h, q), q);
    assert_int_equal(histogram_min(h), 1);
    assert_int_equal(histogram_max(h), 100);
}

/* Hand-made cases where the answer follows from the definition: the
 * smallest c with at least q% of the values <= c. */
typedef struct {
    const char *id;
    gint64 values[8];
    gsize n;
    guint pct;
    gint64 want;
} PctCase;

static const PctCase pct_cases[] = {
    {"stats-1.1", {1, 1, 1, 2}, 4, 50, 1},
    {"stats-1.2", {1, 1, 1, 2}, 4, 75, 1},
    {"stats-1.3", {1, 1, 1, 2}, 4, 76, 2},
    {"stats-1.4", {1, 1, 1, 2}, 4, 100, 2},
    {"stats-1.5", {1, 1, 1, 2}, 4, 1, 1},
    {"stats-1.6", {7}, 1, 5, 7},
    {"stats-1.7", {7}, 1, 95, 7},
    {"stats-1.8", {-3, 10}, 2, 50, -3},
    {"stats-1.9", {-3, 10}, 2, 51, 10},
    {"stats-1.10", {5, -2, 5, -2, 0}, 5, 40, -2},
    {"stats-1.11", {5, -2, 5, -2, 0}, 5, 41, 0},
    {"stats-1.12", {5, -2, 5, -2, 0}, 5, 60, 0},
    {"stats-1.13", {5, -2, 5, -2, 0}, 5, 61, 5},
};

static void test_percentile_case(void **state)
{
    const PctCase *c = *state;
    g_autoptr(Histogram) h = hist_of(c->values, c->n);
    assert_int_equal(histogram_percentile(h, c->pct), c->want);
}

/* Mean and sample sd (n - 1) against a direct two-pass computation. */
static void test_mean_sd(void **state)
{
    (void)state;
    const gint64 v[] = {-40, 3, 3, 17, 0, 250, -1, 3, 99, 12};
    g_autoptr(Histogram) h = hist_of(v, G_N_ELEMENTS(v));
    double sum = 0, ss = 0;
    for (gsize i = 0; i < G_N_ELEMENTS(v); i++)
        sum += (double)v[i];
    double mean = sum / G_N_ELEMENTS(v);
    for (gsize i = 0; i < G_N_ELEMENTS(v); i++)
        ss += ((double)v[i] - mean) * ((double)v[i] - mean);
    assert_near(histogram_mean(h), mean, 1e-12);
    assert_near(histogram_sd(h), sqrt(ss / (G_N_ELEMENTS(v) - 1)), 1e-12);
}

/* The documented values of degenerate histograms. */
static void test_empty_and_single(void **state)
{
    (void)state;
    g_autoptr(Histogram) h = histogram_new();
    assert_int_equal(histogram_percentile(h, 50), 0);
    assert_near(histogram_mean(h), 0, 0);
    assert_near(histogram_sd(h), 0, 0);
    assert_int_equal(histogram_count_at_least(h, -5), 0);
    histogram_add(h, -12);
    assert_near(histogram_mean(h), -12, 0);
    assert_near(histogram_sd(h), 0, 0);  /* n - 1 = 0 */
    assert_int_equal(histogram_percentile(h, 1), -12);
    assert_int_equal(histogram_percentile(h, 100), -12);
}

static void test_count_at_least(void **state)
{
    (void)state;
    const gint64 v[] = {-2, -2, 0, 3, 3, 3, 9};
    g_autoptr(Histogram) h = hist_of(v, G_N_ELEMENTS(v));
    assert_int_equal(histogram_count_at_least(h, -100), 7);
    assert_int_equal(histogram_count_at_least(h, -2), 7);
    assert_int_equal(histogram_count_at_least(h, -1), 5);
    assert_int_equal(histogram_count_at_least(h, 3), 4);
    assert_int_equal(histogram_count_at_least(h, 4), 1);
    assert_int_equal(histogram_count_at_least(h, 10), 0);
}

/* Values far apart in both directions: the bins must cover each. */
static void test_wide_range(void **state)
{
    (void)state;
    const gint64 v[] = {0, 100000, -100000, 5, 100000};
    g_autoptr(Histogram) h = hist_of(v, G_N_ELEMENTS(v));
    assert_int_equal(histogram_min(h), -100000);
    assert_int_equal(histogram_max(h), 100000);
    assert_int_equal(histogram_count_at_least(h, 6), 2);
    assert_int_equal(histogram_count_at_least(h, 1), 3);
    assert_int_equal(histogram_percentile(h, 20), -100000);
    assert_int_equal(histogram_percentile(h, 60), 5);
    assert_int_equal(histogram_percentile(h, 61), 100000);
}

/* Merging equals adding every value into one histogram, whatever the
 * ranges: disjoint, overlapping, negative, one inside the other, empty. */
typedef struct {
    const char *id;
    gint64 lo_a, hi_a, step_a;
    gint64 lo_b, hi_b, step_b;
} MergeCase;

static const MergeCase merge_cases[] = {
    {"stats-2.1", 0, 9, 1, 1000, 1009, 1},         /* disjoint, b above */
    {"stats-2.2", 1000, 1009, 1, 0, 9, 1},         /* disjoint, b below */
    {"stats-2.3", -5, 5, 1, -20, 30, 3},           /* overlapping, negative */
    {"stats-2.4", -50, 50, 1, -3, 3, 1},           /* b inside a */
    {"stats-2.5", -3, 3, 1, -500, 500, 7},         /* a inside b */
    {"stats-2.6", -7, -1, 1, 1, 0, 1},             /* b empty */
    {"stats-2.7", 1, 0, 1, -9, -2, 1},             /* a empty */
};

static void fill_range(Histogram *h, Histogram *all, gint64 lo, gint64 hi, gint64 step)
{
    for (gint64 v = lo; v <= hi; v += step)
        for (gint64 k = 0; k <= (v & 3); k++) { /* uneven counts */
            histogram_add(h, v);
            histogram_add(all, v);
        }
}

static void test_merge_case(void **state)
{
    const MergeCase *c = *state;
    g_autoptr(Histogram) a = histogram_new();
    g_autoptr(Histogram) b = histogram_new();
    g_autoptr(Histogram) all = histogram_new();
    fill_range(a, all, c->lo_a, c->hi_a, c->step_a);
    fill_range(b, all, c->lo_b, c->hi_b, c->step_b);
    guint64 b_total = b->total;
    histogram_merge(a, b);
    assert_same_counts(a, all);
    assert_int_equal(b->total, b_total); /* the source is left alone */
    for (guint q = 1; q <= 100; q++)
        assert_int_equal(histogram_percentile(a, q), histogram_percentile(all, q));
    assert_near(histogram_mean(a), histogram_mean(all), 1e-9);
    assert_near(histogram_sd(a), histogram_sd(all), 1e-9);
}

/* ---- both layouts against a sorted array -------------------------------- */

/* Values spread in a way that picks a layout: close together (dense), over
 * 10^9 (sparse), close with rare far outliers, or spread first and then
 * filling in (sparse, then dense again). */
typedef enum { SPREAD_NARROW, SPREAD_WIDE, SPREAD_OUTLIERS, SPREAD_FILLING, SPREAD_NEGATIVE } Spread;

typedef struct {
    const char *id;
    Spread spread;
    gsize n;
} LayoutCase;

static const LayoutCase layout_cases[] = {
    {"stats-3.1", SPREAD_NARROW, 1},      {"stats-3.2", SPREAD_NARROW, 20000},
    {"stats-3.3", SPREAD_WIDE, 1},        {"stats-3.4", SPREAD_WIDE, 50},
    {"stats-3.5", SPREAD_WIDE, 20000},    {"stats-3.6", SPREAD_OUTLIERS, 20000},
    {"stats-3.7", SPREAD_FILLING, 150000}, {"stats-3.8", SPREAD_NEGATIVE, 5000},
};

static gint64 spread_value(Spread s, GRand *r, gsize i)
{
    switch (s) {
    case SPREAD_NARROW:
        return 1000 + g_rand_int_range(r, 0, 200);
    case SPREAD_WIDE:
        return (gint64)g_rand_double_range(r, -5e8, 5e8);
    case SPREAD_OUTLIERS:
        return g_rand_int_range(r, 0, 10) ? g_rand_int_range(r, 0, 100) : (gint64)g_rand_double_range(r, 0, 1e12);
    case SPREAD_FILLING: /* 100 values over 60 000 first: too few for dense bins, then enough */
        return i < 100 ? 60000 * (gint64)i / 100 : g_rand_int_range(r, 0, 60000);
    case SPREAD_NEGATIVE:
        return -g_rand_int_range(r, 400, 30000);
    }
    g_assert_not_reached();
}

static int cmp_gint64(const void *a, const void *b)
{
    gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
    return (x > y) - (x < y);
}

/* Values of v[0..n-1] (sorted) below x. */
static gsize below(const gint64 *v, gsize n, gint64 x)
{
    gsize lo = 0, hi = n;
    while (lo < hi) {
        gsize mid = lo + (hi - lo) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static gsize distinct_in(const gint64 *v, gsize n)
{
    gsize d = 0;
    for (gsize i = 0; i < n; i++)
        d += i == 0 || v[i] != v[i - 1];
    return d;
}

/* The memory bound of histogram.h: 40 bytes a distinct value, or the dense
 * floor of 4 * 2 * HISTOGRAM_DENSE_MIN_BINS bytes. */
static void assert_memory_bound(const Histogram *h, gsize distinct)
{
    gsize bound = sizeof *h + MAX(40 * distinct, (gsize)8 * HISTOGRAM_DENSE_MIN_BINS) + 32768;
    if (histogram_memory(h) > bound)
        fail_msg("histogram holds %zu bytes for %zu distinct values (bound %zu)", histogram_memory(h), distinct, bound);
}

/* Every query of `h` agrees with the sorted values v[0..n-1]. */
static void assert_matches_sorted(const Histogram *h, const gint64 *v, gsize n, GRand *r)
{
    assert_int_equal(h->total, n);
    assert_int_equal(histogram_min(h), v[0]);
    assert_int_equal(histogram_max(h), v[n - 1]);
    for (guint q = 1; q <= 100; q++) {
        gsize rank = MAX(((guint64)q * n + 99) / 100, 1);
        assert_int_equal(histogram_percentile(h, q), v[rank - 1]);
    }
    long double sum = 0, ss = 0;
    for (gsize i = 0; i < n; i++)
        sum += v[i];
    long double mean = sum / n;
    for (gsize i = 0; i < n; i++)
        ss += (v[i] - mean) * (v[i] - mean);
    assert_near(histogram_mean(h), (double)mean, 1e-12 * (fabsl(mean) + 1));
    double sd = n > 1 ? (double)sqrtl(ss / (n - 1)) : 0;
    assert_near(histogram_sd(h), sd, 1e-9 * (sd + 1));
    for (int k = 0; k < 200; k++) {
        gint64 x = v[g_rand_int_range(r, 0, (gint32)n)] + g_rand_int_range(r, -1, 2);
        gint64 y = x + g_rand_int_range(r, 0, 3) * (v[n - 1] - v[0] + 1) / 4;
        assert_int_equal(histogram_count_at_least(h, x), n - below(v, n, x));
        assert_int_equal(histogram_count_between(h, x, y), below(v, n, y) - below(v, n, x));
    }
    assert_int_equal(histogram_count_at_least(h, G_MININT64), n);
    assert_int_equal(histogram_count_between(h, v[n - 1] + 1, G_MAXINT64), 0);
}

/* Added one by one, read before and after settling, and merged from three
 * parts in both orders: the same answers as the sorted values, within the
 * memory bound at every step. */
static void test_layout_case(void **state)
{
    const LayoutCase *c = *state;
    g_autoptr(GRand) r = g_rand_new_with_seed(20261123);
    g_autofree gint64 *v = g_new(gint64, c->n);
    g_autoptr(Histogram) h = histogram_new();
    Histogram *part[3] = {histogram_new(), histogram_new(), histogram_new()};
    for (gsize i = 0; i < c->n; i++) {
        v[i] = spread_value(c->spread, r, i);
        histogram_add(h, v[i]);
        histogram_add(part[MIN(3 * i / c->n, 2)], v[i]);
        if (i % 997 == 0) {
            g_autofree gint64 *seen = g_memdup2(v, (i + 1) * sizeof *v);
            qsort(seen, i + 1, sizeof *seen, cmp_gint64);
            assert_memory_bound(h, distinct_in(seen, i + 1));
        }
    }
    qsort(v, c->n, sizeof *v, cmp_gint64);
    gsize distinct = distinct_in(v, c->n);
    assert_matches_sorted(h, v, c->n, r); /* values may still be buffered */
    histogram_settle(h);
    assert_matches_sorted(h, v, c->n, r);
    assert_memory_bound(h, distinct);

    g_autoptr(Histogram) forward = histogram_new(), backward = histogram_new();
    for (int k = 0; k < 3; k++) {
        histogram_merge(forward, part[k]);
        histogram_merge(backward, part[2 - k]);
    }
    assert_matches_sorted(forward, v, c->n, r);
    assert_matches_sorted(backward, v, c->n, r);
    assert_memory_bound(forward, distinct);
    assert_memory_bound(backward, distinct);
    for (int k = 0; k < 3; k++)
        histogram_free(part[k]);
}

/* The replication limit, 10^8, fits a bin: every replication giving the
 * same count, added in two threads' halves and merged, in both layouts. */
static void test_replication_limit_counts(void **state)
{
    (void)state;
    const guint64 limit = 100000000;
    for (int sparse = 0; sparse <= 1; sparse++) {
        g_autoptr(Histogram) a = histogram_new(), b = histogram_new();
        if (sparse) { /* two far values make both sparse */
            histogram_add(a, -1000000000);
            histogram_add(b, 1000000000);
        }
        for (guint64 i = sparse; i < limit / 2; i++) {
            histogram_add(a, 7);
            histogram_add(b, 7);
        }
        histogram_merge(a, b);
        assert_int_equal(a->total, limit);
        assert_int_equal(histogram_count_between(a, 7, 8), limit - 2 * sparse);
        assert_int_equal(histogram_percentile(a, 50), 7);
        assert_int_equal(histogram_count_at_least(a, 8), sparse);
    }
}

/* A value spread over 10^9 costs memory by the values seen, not the
 * spread: dense bins would need 4 GB here. */
static void test_wide_spread_memory(void **state)
{
    (void)state;
    g_autoptr(Histogram) h = histogram_new();
    for (gint64 i = 0; i < 1000; i++)
        histogram_add(h, i * 999983 % 1000000007);
    histogram_settle(h);
    assert_true(histogram_max(h) - histogram_min(h) > 900000000);
    assert_true(histogram_memory(h) < 100000);
    /* close values in great number stay in dense bins: 4 bytes a value */
    g_autoptr(Histogram) d = histogram_new();
    for (gint64 i = 0; i < 1000000; i++)
        histogram_add(d, i % 50000);
    assert_true(histogram_memory(d) <= sizeof *d + 4 * 2 * 50000);
}

/* ---- Philox4x32-10 ---------------------------------------------------- */

/* Known-answer vectors of Random123's kat_vectors (philox4x32 10). */
typedef struct {
    const char *id;
    guint32 ctr[4], key[2], out[4];
} KatCase;

static const KatCase philox_kat[] = {
    {"rng-1.1", {0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
    {"rng-1.2", {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff},
     {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
    {"rng-1.3", {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0},
     {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
};

static void test_philox_kat(void **state)
{
    const KatCase *c = *state;
    guint32 out[4];
    rng_philox4x32_10(c->ctr, c->key, out);
    for (int w = 0; w < 4; w++)
        if (out[w] != c->out[w])
            fail_msg("word %d is %08x, want %08x", w, out[w], c->out[w]);
}

#define SEQ_LEN 1000

static void draw_seq(gsl_rng *r, guint64 seed, guint64 rep, guint32 stream, unsigned long *out)
{
    rng_open(r, seed, rep, stream);
    for (int i = 0; i < SEQ_LEN; i++)
        out[i] = gsl_rng_get(r);
}

/* A stream reopened gives the same numbers, whatever was drawn between. */
static void test_stream_repeats(void **state)
{
    (void)state;
    gsl_rng *r = rng_new();
    unsigned long a[SEQ_LEN], b[SEQ_LEN];
    guint32 id = rng_stream_id(RNG_MOVES, 3, 5, 7);
    draw_seq(r, 42, 17, id, a);
    draw_seq(r, 42, 18, id, b);  /* something else in between */
    for (int i = 0; i < 333; i++)
        gsl_rng_uniform(r);
    draw_seq(r, 42, 17, id, b);
    assert_memory_equal(a, b, sizeof a);
    gsl_rng *other = rng_new();  /* a fresh generator agrees too */
    draw_seq(other, 42, 17, id, b);
    assert_memory_equal(a, b, sizeof a);
    gsl_rng_free(other);
    gsl_rng_free(r);
}

/* rng_first_blocks gives each stream's first block, the same bits with and
 * without vector instructions, for every count (the vector path works in
 * sixteens and pads the rest), and rng_open_block continues the stream as
 * rng_open does. */
static void test_first_blocks(void **state)
{
    (void)state;
    const guint64 seed = G_GUINT64_CONSTANT(0x123456789abcdef1), rep = G_GUINT64_CONSTANT(0x0000000500000007);
    guint32 ids[40], blocks[40][4], plain[40][4];
    for (int i = 0; i < 40; i++)
        ids[i] = rng_stream_id((RngPurpose)(1 + i % 4), i % 7, i % 64, 1000 + i * 37);
    for (int n = 0; n <= 40; n++) {
        for (int simd = 0; simd < 2; simd++) {
            gboolean before = rng_allow_simd(simd);
            memset(blocks, 0xAA, sizeof blocks);
            rng_first_blocks(seed, rep, ids, n, blocks);
            rng_allow_simd(before);
            for (int i = 0; i < n; i++) {
                const guint32 ctr[4] = {0, ids[i], (guint32)rep, (guint32)(rep >> 32)};
                const guint32 key[2] = {(guint32)seed, (guint32)(seed >> 32)};
                rng_philox4x32_10(ctr, key, plain[i]);
                if (memcmp(blocks[i], plain[i], sizeof plain[i]) != 0)
                    fail_msg("n=%d simd=%d: block %d differs", n, simd, i);
            }
            for (int i = n; i < 40; i++) /* nothing written past n */
                assert_int_equal(blocks[i][0], 0xAAAAAAAAu);
        }
    }
    unsigned long a[SEQ_LEN], b[SEQ_LEN];
    gsl_rng *r = rng_new();
    draw_seq(r, seed, rep, ids[5], a);
    rng_first_blocks(seed, rep, ids, 40, blocks);
    rng_open_block(r, seed, rep, ids[5], blocks[5]);
    for (int i = 0; i < SEQ_LEN; i++)
        b[i] = gsl_rng_get(r);
    assert_memory_equal(a, b, sizeof a);
    gsl_rng_free(r);
}

/* Changing any part of the address (stream, replication, seed, including
 * their high 32 bits) changes the numbers. */
static void test_streams_differ(void **state)
{
    (void)state;
    const guint64 two32 = G_GUINT64_CONSTANT(1) << 32;
    const struct {
        guint64 seed, rep;
        guint32 stream;
    } addr[] = {
        {1, 0, 1}, {1, 0, 2}, {1, 1, 1}, {2, 0, 1},
        {1 + two32, 0, 1}, {1, two32, 1}, {1, 0, rng_stream_id(RNG_RENEW, 0, 0, 1)},
    };
    gsl_rng *r = rng_new();
    unsigned long seq[G_N_ELEMENTS(addr)][SEQ_LEN];
    for (gsize i = 0; i < G_N_ELEMENTS(addr); i++)
        draw_seq(r, addr[i].seed, addr[i].rep, addr[i].stream, seq[i]);
    for (gsize i = 0; i < G_N_ELEMENTS(addr); i++)
        for (gsize j = 0; j < i; j++) {
            int same = 0;
            for (int k = 0; k < SEQ_LEN; k++)
                same += seq[i][k] == seq[j][k];
            if (same > 3) /* equal 32-bit words by chance: about 1000/2^32 */
                fail_msg("addresses %zu and %zu share %d of %d numbers", i, j, same, SEQ_LEN);
        }
    gsl_rng_free(r);
}

/* Distinct (purpose, year, stage, slot) give distinct stream ids. */
static void test_stream_ids_distinct(void **state)
{
    (void)state;
    g_autoptr(GHashTable) seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    const int slots[] = {0, 1, 63, 64, 65, 1000, 65535};
    guint n = 0;
    for (int purpose = RNG_PARAMS; purpose <= RNG_ARRIVE; purpose++)
        for (int y = 0; y <= 100; y++)
            for (int s = 0; s < 64; s++)
                for (gsize k = 0; k < G_N_ELEMENTS(slots); k++) {
                    guint32 id = rng_stream_id((RngPurpose)purpose, y, s, slots[k]);
                    /* the hash is on id + 1 so that id 0 is not NULL */
                    g_hash_table_add(seen, GUINT_TO_POINTER(id + 1u));
                    n++;
                }
    assert_int_equal(g_hash_table_size(seen), n);
}

/* Uniforms: inside [0, 1), mean 1/2 and variance 1/12 within N_SE
 * standard errors, and each tenth of the interval hit with probability
 * 1/10 (binomial standard error). */
static void test_uniforms(void **state)
{
    (void)state;
    const int n = 1000000;
    gsl_rng *r = rng_new();
    rng_open(r, 20240501, 3, rng_stream_id(RNG_ARRIVE, 1, 2, 0));
    assert_int_equal(gsl_rng_min(r), 0);
    assert_int_equal(gsl_rng_max(r), 0xffffffffUL);
    double sum = 0, ss = 0;
    guint64 tenth[10] = {0};
    for (int i = 0; i < n; i++) {
        double u = gsl_rng_uniform(r);
        assert_true(u >= 0 && u < 1);
        sum += u;
        ss += (u - 0.5) * (u - 0.5);
        tenth[(int)(u * 10)]++;
    }
    /* Var U = 1/12; Var (U - 1/2)^2 = 1/80 - 1/144 = 1/180. */
    assert_true(fabs(sum / n - 0.5) <= N_SE * sqrt(1.0 / 12 / n));
    assert_true(fabs(ss / n - 1.0 / 12) <= N_SE * sqrt(1.0 / 180 / n));
    for (int k = 0; k < 10; k++)
        assert_true(fabs((double)tenth[k] / n - 0.1) <= N_SE * sqrt(0.1 * 0.9 / n));
    gsl_rng_free(r);
}

/* The raw 32-bit words are uniform too: each bit is set half the time. */
static void test_raw_bits(void **state)
{
    (void)state;
    const int n = 200000;
    gsl_rng *r = rng_new();
    rng_open(r, 7, 0, 1);
    guint64 ones[32] = {0};
    for (int i = 0; i < n; i++) {
        unsigned long w = gsl_rng_get(r);
        assert_true(w <= 0xffffffffUL);
        for (int b = 0; b < 32; b++)
            ones[b] += (w >> b) & 1;
    }
    for (int b = 0; b < 32; b++)
        assert_true(fabs((double)ones[b] / n - 0.5) <= N_SE * sqrt(0.25 / n));
    gsl_rng_free(r);
}

/* ---- distributions ---------------------------------------------------- */

typedef struct {
    const char *id;
    const char *text;
    DistKind kind;
    double a, b, central, var;  /* arguments, exact mean and variance */
} DistCase;

static const DistCase dist_cases[] = {
    {"dist-1.1", "beta(26,174)", DIST_BETA, 26, 174, 0.13, 26.0 * 174 / (200.0 * 200 * 201)},
    {"dist-1.2", " beta ( 2 , 8 ) ", DIST_BETA, 2, 8, 0.2, 16.0 / (100.0 * 11)},
    {"dist-1.3", "gamma(16,25)", DIST_GAMMA, 16, 25, 400, 16.0 * 25 * 25},
    {"dist-1.4", "gamma(0.5, 3)", DIST_GAMMA, 0.5, 3, 1.5, 0.5 * 9},
    {"dist-1.5", "uniform(70,130)", DIST_UNIFORM, 70, 130, 100, 60.0 * 60 / 12},
    {"dist-1.6", "uniform(0.1,0.3)", DIST_UNIFORM, 0.1, 0.3, 0.2, 0.04 / 12},
};

/* Each kind parses into its arguments, with the documented central value,
 * GSL's inverse CDF as quantiles, and draws whose mean lies within N_SE
 * standard errors of the exact mean. */
static void test_dist_case(void **state)
{
    const DistCase *c = *state;
    Dist d;
    GError *error = NULL;
    assert_true(dist_parse(c->text, &d, &error));
    assert_null(error);
    assert_int_equal(d.kind, c->kind);
    assert_near(d.a, c->a, 0);
    assert_near(d.b, c->b, 0);
    assert_near(dist_central(&d), c->central, 1e-12);
    assert_near(dist_type(d.kind)->central(d.a, d.b), c->central, 1e-12);

    const double ps[] = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
    for (gsize k = 0; k < G_N_ELEMENTS(ps); k++) {
        double want = d.kind == DIST_BETA    ? gsl_cdf_beta_Pinv(ps[k], d.a, d.b)
                    : d.kind == DIST_GAMMA   ? gsl_cdf_gamma_Pinv(ps[k], d.a, d.b)
                                             : d.a + ps[k] * (d.b - d.a);
        assert_near(dist_quantile(&d, ps[k]), want, 1e-9 * fmax(1, fabs(want)));
    }

    const int n = 50000;
    gsl_rng *r = rng_new();
    rng_open(r, 99, 0, rng_stream_id(RNG_PARAMS, 0, 0, (int)d.kind));
    double sum = 0;
    for (int k = 0; k < n; k++) {
        double x = dist_draw(&d, r);
        if (d.kind == DIST_BETA)
            assert_true(x >= 0 && x <= 1);
        else if (d.kind == DIST_GAMMA)
            assert_true(x >= 0);
        else
            assert_true(x >= d.a && x <= d.b);
        sum += x;
    }
    gsl_rng_free(r);
    double se = sqrt(c->var / n);
    if (fabs(sum / n - c->central) > N_SE * se)
        fail_msg("mean of draws %g, want %g within %g", sum / n, c->central, N_SE * se);
}

static void test_dist_kinds(void **state)
{
    (void)state;
    assert_string_equal(dist_type(DIST_BETA)->name, "beta");
    assert_string_equal(dist_type(DIST_GAMMA)->name, "gamma");
    assert_string_equal(dist_type(DIST_UNIFORM)->name, "uniform");
    assert_true(dist_type(DIST_BETA)->for_probability);
    assert_true(dist_type(DIST_UNIFORM)->for_probability);
    assert_false(dist_type(DIST_GAMMA)->for_probability);
    assert_true(dist_type(DIST_BETA)->valid(1, 2));
    assert_false(dist_type(DIST_BETA)->valid(0, 2));
    assert_false(dist_type(DIST_UNIFORM)->valid(2, 1));
}

static void test_dist_format(void **state)
{
    (void)state;
    const char *const texts[] = {"beta(24,176)", "gamma(0.5,3)", "uniform(70,130)"};
    for (gsize i = 0; i < G_N_ELEMENTS(texts); i++) {
        Dist d;
        assert_true(dist_parse(texts[i], &d, NULL));
        g_autoptr(GString) s = g_string_new(NULL);
        dist_format(&d, s);
        assert_string_equal(s->str, texts[i]);
    }
}

/* Every malformed distribution fails with an INPUT error saying why. */
typedef struct {
    const char *id;
    const char *text;
    const char *want;   /* a substring of the message */
} DistError;

static const DistError dist_errors[] = {
    {"dist-2.1", "lognormal(0.15,0.03)",
     "unknown distribution 'lognormal': a distribution must be one of beta, gamma, uniform, normal"},
    {"dist-2.2", "betta(2,3)", "did you mean 'beta'"},
    {"dist-2.3", "gama(2,3)", "did you mean 'gamma'"},
    {"dist-2.4", "beta(1)", "beta takes two numbers: beta(alpha,beta)"},
    {"dist-2.5", "gamma(1,2,3)", "gamma takes two numbers: gamma(shape,scale)"},
    {"dist-2.6", "uniform(a,b)", "uniform takes two numbers"},
    {"dist-2.7", "beta(0,2)", "both arguments must be positive"},
    {"dist-2.8", "gamma(2,-1)", "both arguments must be positive"},
    {"dist-2.9", "uniform(3,1)", "needs low < high"},
    {"dist-2.10", "uniform(2,2)", "needs low < high"},
    {"dist-2.11", "beta(1,2) extra", "unexpected text after ')'"},
    {"dist-2.12", "0.13", "expected a distribution such as"},
    {"dist-2.13", "beta(1,inf)", "beta takes two numbers"},
    {"dist-2.14", "beta(1,)", "beta takes two numbers"},
    {"dist-2.15", "beta)1,2(", "expected a distribution such as"},
    {"dist-2.16", "beta(0x10,2)", "beta takes two numbers"},
    {"dist-2.17", "gamma(2,nan)", "gamma takes two numbers"},
    {"dist-2.18", "normal(0.8,0)", "normal(mean,sd) needs sd > 0"},
};

static void test_dist_error(void **state)
{
    const DistError *c = *state;
    Dist d;
    GError *error = NULL;
    if (dist_parse(c->text, &d, &error) || error == NULL)
        fail_msg("'%s' was accepted", c->text);
    if (!g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT) || strstr(error->message, c->want) == NULL)
        fail_msg("message '%s' lacks '%s'", error->message, c->want);
    g_error_free(error);
}

/* ---- text ------------------------------------------------------------- */

typedef struct {
    const char *id;
    const char *a, *b;
    guint want;
} DistanceCase;

static const DistanceCase distance_cases[] = {
    {"text-1.1", "kitten", "sitting", 3},
    {"text-1.2", "", "abc", 3},
    {"text-1.3", "abc", "", 3},
    {"text-1.4", "horizon", "horizon", 0},
    {"text-1.5", "horizn", "horizon", 1},
    {"text-1.6", "flaw", "lawn", 2},
    {"text-1.7", "高企", "高新", 1},        /* characters, not bytes */
    {"text-1.8", "科小", "科技型中小企业", 5},
    {"text-1.9", "transition", "transitions", 1},
};

static void test_edit_distance(void **state)
{
    const DistanceCase *c = *state;
    assert_int_equal(text_edit_distance(c->a, c->b), c->want);
    assert_int_equal(text_edit_distance(c->b, c->a), c->want);
}

static void test_nearest(void **state)
{
    (void)state;
    const char *const groups[] = {"scenario", "stages", "baseline", "transitions", "exits", NULL};
    const char *const dists[] = {"beta", "gamma", "uniform", NULL};
    assert_string_equal(text_nearest("transition", groups), "transitions");
    assert_string_equal(text_nearest("exit", groups), "exits");
    assert_string_equal(text_nearest("betta", dists), "beta");
    assert_string_equal(text_nearest("uniform", dists), "uniform");
    assert_null(text_nearest("normal", dists));      /* too far to be a typo */
    assert_null(text_nearest("xyz", groups));
    assert_null(text_nearest("beta", NULL));
    g_autoptr(GString) msg = g_string_new("unknown group");
    text_append_suggestion(msg, "baseliine", groups);
    assert_string_equal(msg->str, "unknown group; did you mean 'baseline'?");
    g_string_assign(msg, "x");
    text_append_suggestion(msg, "zzzzzzzz", groups);
    assert_string_equal(msg->str, "x");
}

static void test_display_width(void **state)
{
    (void)state;
    assert_int_equal(text_display_width(""), 0);
    assert_int_equal(text_display_width("abc"), 3);
    assert_int_equal(text_display_width("高企"), 4);
    assert_int_equal(text_display_width("高企 ok"), 7);
    assert_int_equal(text_display_width("瞪羚企业50家"), 12);
    g_autoptr(GString) s = g_string_new(NULL);
    text_append_padded(s, "高企", 6, FALSE);
    assert_string_equal(s->str, "高企  ");
    g_string_truncate(s, 0);
    text_append_padded(s, "科小", 5, TRUE);
    assert_string_equal(s->str, " 科小");
    g_string_truncate(s, 0);
    text_append_padded(s, "too wide", 3, TRUE);
    assert_string_equal(s->str, "too wide");
    assert_true(text_has_cjk("tech 科小"));
    assert_true(text_has_cjk("カタカナ"));
    assert_false(text_has_cjk("Tech SME"));
}

/* The one number syntax: plain decimals with spaces around; nothing
 * g_ascii_strtod would take beyond that (hex, inf, nan), no thousands
 * separator, no percent, nothing empty or trailing; what is refused gets
 * advice when a person's habit explains it (`why`, NULL when none). */
static void test_parse_decimal(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        gboolean ok;
        double want;
        const char *why;
    } cases[] = {
        {"0.08", TRUE, 0.08, NULL}, {" 1e-3 ", TRUE, 1e-3, NULL}, {"-2", TRUE, -2, NULL}, {"+5", TRUE, 5, NULL},
        {"400", TRUE, 400, NULL}, {"0x10", FALSE, 0, NULL}, {"inf", FALSE, 0, NULL}, {"nan", FALSE, 0, NULL},
        {"1e999", FALSE, 0, NULL}, {"", FALSE, 0, NULL}, {"  ", FALSE, 0, NULL}, {"1.5x", FALSE, 0, NULL},
        {"0.08 # assumed", FALSE, 0, NULL}, {"1-2", FALSE, 0, NULL},
        {"3,000", FALSE, 0, "write 3000 without the comma"},
        {" 12,500,000 ", FALSE, 0, "write 12500000 without the comma"},
        {"1,234.5", FALSE, 0, "write 1234.5 without the comma"},
        {"0,08", FALSE, 0, "write 0.08 with a point, not a comma"},
        {"3,00", FALSE, 0, "write 3.00 with a point, not a comma"},
        {"1,2,3", FALSE, 0, NULL}, {"1,000,00", FALSE, 0, NULL},
        {"12%", FALSE, 0, "write 0.12 for 12%"}, {"12.5 %", FALSE, 0, "write 0.125 for 12.5%"},
        {"8\xEF\xBC\x85", FALSE, 0, "write 0.08 for 8%"}, {"%", FALSE, 0, NULL}, {"x%", FALSE, 0, NULL},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        double v = -99;
        g_autofree char *why = NULL;
        gboolean ok = text_parse_decimal(cases[i].text, &v, &why);
        if (ok != cases[i].ok || (ok && v != cases[i].want) || (!ok && v != -99))
            fail_msg("'%s': %s %g, want %s %g", cases[i].text, ok ? "ok" : "refused", v,
                     cases[i].ok ? "ok" : "refused", cases[i].want);
        if (g_strcmp0(why, cases[i].why) != 0)
            fail_msg("'%s': advice '%s', want '%s'", cases[i].text, why ? why : "(none)",
                     cases[i].why ? cases[i].why : "(none)");
    }
    gint64 n = -99;
    g_autofree char *why = NULL;
    assert_true(text_parse_integer(" 3000 ", 0, 5000, &n, NULL));
    assert_int_equal(n, 3000);
    assert_false(text_parse_integer("3,000", 0, 5000, &n, &why));
    assert_string_equal(why, "write 3000 without the comma");
    assert_false(text_parse_integer("6000", 0, 5000, &n, NULL));
    assert_int_equal(n, 3000);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_percentile_1_to_100),
        cmocka_unit_test(test_mean_sd),
        cmocka_unit_test(test_empty_and_single),
        cmocka_unit_test(test_count_at_least),
        cmocka_unit_test(test_wide_range),
        cmocka_unit_test(test_wide_spread_memory),
        cmocka_unit_test(test_replication_limit_counts),
        cmocka_unit_test(test_stream_repeats),
        cmocka_unit_test(test_streams_differ),
        cmocka_unit_test(test_first_blocks),
        cmocka_unit_test(test_stream_ids_distinct),
        cmocka_unit_test(test_uniforms),
        cmocka_unit_test(test_raw_bits),
        cmocka_unit_test(test_dist_kinds),
        cmocka_unit_test(test_dist_format),
        cmocka_unit_test(test_nearest),
        cmocka_unit_test(test_parse_decimal),
        cmocka_unit_test(test_display_width),
    };
    g_autoptr(GArray) tests = TU_TESTS(fixed);
    ADD_ROWS(tests, pct_cases, test_percentile_case);
    ADD_ROWS(tests, merge_cases, test_merge_case);
    ADD_ROWS(tests, layout_cases, test_layout_case);
    ADD_ROWS(tests, philox_kat, test_philox_kat);
    ADD_ROWS(tests, dist_cases, test_dist_case);
    ADD_ROWS(tests, dist_errors, test_dist_error);
    ADD_ROWS(tests, distance_cases, test_edit_distance);
    return tu_run_tests("stats", tests);
}
