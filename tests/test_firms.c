/* test_firms.c: the firm-by-firm engine against exact answers: a ladder
 * where every outcome is certain, the cohort engine's exact expectation,
 * known firms that restate the baseline, the closed forms of the effects,
 * and the per-firm tallies against the stocks they add up to.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include "testutil.h"

#include "engine.h"
#include "expect.h"
#include "firms.h"
#include "firms_simd.h"
#include "model.h"
#include "param.h"
#include "scenario.h"
#include "rng.h"

#define N_SE 4.0
#define SEED 20261203

/* One model's trajectory buffers and its parameters at central values. */
typedef struct {
    Model *m;
    int n_years, S, L;
    double *base, *params;
    gint64 *stock, *entries, *lists;
    EngineTrajectory out;
    gsl_rng *r;
} Bench;

static void bench_init(Bench *b, Model *m)
{
    b->m = m;
    b->n_years = model_n_years(m);
    b->S = m->n_stages;
    b->L = m->n_lists;
    b->base = g_new(double, MAX(m->n_params, 1));
    b->params = g_new(double, MAX((gsize)b->n_years * m->n_params, 1));
    model_central_params(m, b->base);
    GError *error = NULL;
    assert_true(model_year_table(m, b->base, b->params, &error));
    b->stock = g_new0(gint64, b->n_years * b->S);
    b->entries = g_new0(gint64, b->n_years * b->S);
    b->lists = g_new0(gint64, MAX(b->n_years * b->L, 1));
    b->out = (EngineTrajectory){b->stock, b->entries, b->lists};
    b->r = rng_new();
}

static void bench_clear(Bench *b)
{
    g_free(b->base);
    g_free(b->params);
    g_free(b->stock);
    g_free(b->entries);
    g_free(b->lists);
    gsl_rng_free(b->r);
    model_free(b->m);
}

/* Known firms that restate the model's baseline: each stage's firms spread
 * over its clocks as the engines spread a baseline, in the same order. */
typedef struct {
    FirmsStart start;
    int *stage, *clock;
    gboolean *covers;
} Known;

static void known_from_baseline(Known *k, const Model *m)
{
    gint64 n = 0;
    for (int s = 0; s < m->n_stages; s++)
        n += m->stages[s].baseline;
    k->stage = g_new(int, MAX(n, 1));
    k->clock = g_new(int, MAX(n, 1));
    k->covers = g_new(gboolean, m->n_stages);
    int i = 0;
    for (int s = 0; s < m->n_stages; s++) {
        const Stage *st = &m->stages[s];
        int v = st->renewal_years > 0 ? st->renewal_years : 1;
        gint64 b = st->baseline;
        for (int t = 0; t < v; t++)
            for (gint64 j = 0; j < b / v + (t < b % v ? 1 : 0); j++, i++) {
                k->stage[i] = s;
                k->clock[i] = t;
            }
        k->covers[s] = TRUE;
    }
    k->start = (FirmsStart){.n_firms = i, .stage = k->stage, .clock = k->clock, .covers = k->covers};
}

static void known_clear(Known *k)
{
    g_free(k->stage);
    g_free(k->clock);
    g_free(k->covers);
}

/* ---- certain outcomes ------------------------------------------------- */

#define CERTAIN                                                                           \
    "[scenario]\nname=certain\nbase_year=2021\nhorizon=2025\n"                             \
    "[stages]\nstartup=初创\ntech_sme=科小\nhightech=高企\n"                                \
    "[baseline]\nstartup=10\nhightech=6\n"                                                \
    "[transitions]\nstartup -> tech_sme = 1\ntech_sme -> hightech = 0\n"                  \
    "[renewal]\nhightech = 3; 0; tech_sme\n"                                              \
    "[recruitment]\nstartup=5\n"

/* Every outcome certain: start-ups all move up, 5 are recruited a year, and
 * the 6 高企 (2 per clock) lapse to 科小 as their certificates fall due. */
static void certain_matches_cohort_engine(void **state)
{
    (void)state;
    Bench b;
    bench_init(&b, tu_load(CERTAIN));
    FirmsStart none = {0};
    g_autoptr(FirmsScratch) x = firms_scratch_new(b.m, &none);
    g_autoptr(EngineScratch) ex = engine_scratch_new(b.m);
    gint64 want_stock[5 * 3], want_entries[5 * 3], want_lists[1];
    EngineTrajectory want = {want_stock, want_entries, want_lists};
    for (guint64 rep = 0; rep < 20; rep++) {
        engine_replicate(b.m, b.params, NULL, b.r, SEED, rep, ex, &want);
        firms_replicate(b.m, &none, NULL, b.params, NULL, b.r, SEED, rep, x, &b.out, NULL);
        assert_memory_equal(b.stock, want_stock, sizeof want_stock);
        assert_memory_equal(b.entries, want_entries, sizeof want_entries);
    }
    /* the lapses by hand: 2 a year from 2022 to 2024, none in 2025 */
    const gint64 tech_sme[5] = {0, 10 + 2, 15 + 4, 20 + 6, 25 + 6};
    for (int y = 0; y < 5; y++)
        assert_int_equal(b.stock[y * 3 + 1], tech_sme[y]);
    bench_clear(&b);
}

/* ---- in distribution, against the exact expectation ------------------- */

/* Mean and variance of every stock and list count over `reps` firm-engine
 * replications of `start` agree with expect_run and expect_lists. */
static void assert_agrees_with_expectation(Bench *b, const FirmsStart *start, guint64 reps)
{
    int cells = b->n_years * b->S, lcells = b->n_years * b->L;
    g_autofree double *sum = g_new0(double, cells + lcells), *sumsq = g_new0(double, cells + lcells);
    g_autoptr(FirmsScratch) x = firms_scratch_new(b->m, start);
    for (guint64 rep = 0; rep < reps; rep++) {
        firms_replicate(b->m, start, NULL, b->params, NULL, b->r, SEED, rep, x, &b->out, NULL);
        for (int c = 0; c < cells + lcells; c++) {
            double v = (double)(c < cells ? b->stock[c] : b->lists[c - cells]);
            sum[c] += v;
            sumsq[c] += v * v;
        }
    }
    g_autofree double *stock = g_new(double, cells), *entries = g_new(double, cells);
    g_autofree double *lists = g_new(double, MAX(lcells, 1));
    GError *error = NULL;
    assert_true(expect_run(b->m, b->base, stock, entries, &error));
    assert_true(expect_lists(b->m, b->base, stock, lists, &error));
    for (int c = 0; c < cells + lcells; c++) {
        double mean = sum[c] / reps, var = (sumsq[c] - reps * mean * mean) / (reps - 1);
        double exact = c < cells ? stock[c] : lists[c - cells];
        double tol = N_SE * sqrt(MAX(var, 0) / reps) + 1e-9;
        if (fabs(mean - exact) > tol)
            fail_msg("cell %d: mean %.4f, exact %.4f, allowed %.4f", c, mean, exact, tol);
    }
}

/* The bundled 天宁区 scenario (exits, edges up and down, renewals, lists
 * with shares, inflows, recruitment), at central values. */
static void tianning_agrees_with_expectation(void **state)
{
    (void)state;
    g_autofree char *path = g_build_filename(tu_srcdir(), "scenarios", "tianning-2025.ini", NULL);
    GError *error = NULL;
    Bench b;
    bench_init(&b, tu_made(scenario_load(path, &error), error, "load"));
    FirmsStart none = {0};
    assert_agrees_with_expectation(&b, &none, 2000);
    Known k;
    known_from_baseline(&k, b.m);
    assert_agrees_with_expectation(&b, &k.start, 2000);
    known_clear(&k);
    bench_clear(&b);
}

/* Known firms that restate the baseline are the same firms in the same
 * order: every replication is the same, bit for bit. */
static void known_baseline_is_the_baseline(void **state)
{
    (void)state;
    g_autofree char *path = g_build_filename(tu_srcdir(), "scenarios", "tianning-2025.ini", NULL);
    GError *error = NULL;
    Bench b;
    bench_init(&b, tu_made(scenario_load(path, &error), error, "load"));
    Known k;
    known_from_baseline(&k, b.m);
    FirmsStart none = {0};
    g_autoptr(FirmsScratch) x0 = firms_scratch_new(b.m, &none);
    g_autoptr(FirmsScratch) x1 = firms_scratch_new(b.m, &k.start);
    int cells = b.n_years * b.S;
    g_autofree gint64 *s0 = g_new(gint64, cells), *e0 = g_new(gint64, cells), *l0 = g_new(gint64, b.n_years * b.L);
    EngineTrajectory t0 = {s0, e0, l0};
    for (guint64 rep = 0; rep < 5; rep++) {
        firms_replicate(b.m, &none, NULL, b.params, NULL, b.r, SEED, rep, x0, &t0, NULL);
        firms_replicate(b.m, &k.start, NULL, b.params, NULL, b.r, SEED, rep, x1, &b.out, NULL);
        assert_memory_equal(s0, b.stock, sizeof *s0 * cells);
        assert_memory_equal(e0, b.entries, sizeof *e0 * cells);
        assert_memory_equal(l0, b.lists, sizeof *l0 * b.n_years * b.L);
    }
    known_clear(&k);
    bench_clear(&b);
}

/* ---- tallies ----------------------------------------------------------- */

#define CLOSED                                                                            \
    "[scenario]\nname=closed\nbase_year=2021\nhorizon=2024\n"                              \
    "[stages]\nstartup=初创\ntech_sme=科小\nhightech=高企\n"                                \
    "[baseline]\nstartup=40\ntech_sme=30\nhightech=20\n"                                  \
    "[transitions]\nstartup -> tech_sme = 0.3\ntech_sme -> hightech = 0.2\n"              \
    "tech_sme -> startup = 0.05\n"                                                        \
    "[exits]\nstartup=0.1\ntech_sme=0.05\n"                                               \
    "[renewal]\nhightech = 3; 0.8; tech_sme\n"                                            \
    "[list valid]\nname=有效高企\nstages=hightech\nshare.tech_sme=0.1\n"

/* With no arrivals every firm is a known one: the tallies summed over the
 * firms are the stocks and list counts summed over replications, exactly;
 * each firm is in exactly one state a year; `up` counts each firm once. */
static void tallies_add_up_to_the_stocks(void **state)
{
    (void)state;
    Bench b;
    bench_init(&b, tu_load(CLOSED));
    Known k;
    known_from_baseline(&k, b.m);
    const guint64 reps = 300;
    g_autoptr(FirmsScratch) x = firms_scratch_new(b.m, &k.start);
    g_autoptr(FirmsTally) t = firms_tally_new(b.m, k.start.n_firms);
    int cells = b.n_years * b.S;
    g_autofree guint64 *stock = g_new0(guint64, cells), *lists = g_new0(guint64, b.n_years);
    for (guint64 rep = 0; rep < reps; rep++) {
        firms_replicate(b.m, &k.start, NULL, b.params, NULL, b.r, SEED, rep, x, &b.out, t);
        for (int c = 0; c < cells; c++)
            stock[c] += (guint64)b.stock[c];
        for (int y = 0; y < b.n_years; y++)
            lists[y] += (guint64)b.lists[y];
    }
    for (int y = 0; y < b.n_years; y++) {
        guint64 listed = 0;
        for (int s = 0; s <= b.S; s++) {
            guint64 firms = 0;
            for (int i = 0; i < k.start.n_firms; i++)
                firms += t->state[((gsize)i * b.n_years + y) * (b.S + 1) + s];
            if (s < b.S)
                assert_int_equal(firms, stock[y * b.S + s]);
        }
        for (int i = 0; i < k.start.n_firms; i++) {
            guint64 one = 0;
            for (int s = 0; s <= b.S; s++)
                one += t->state[((gsize)i * b.n_years + y) * (b.S + 1) + s];
            assert_int_equal(one, reps);
            listed += t->listed[(gsize)i * b.n_years + y];
        }
        assert_int_equal(listed, lists[y]);
    }
    for (int i = 0; i < k.start.n_firms; i++) {
        guint64 once = 0;
        for (int y = 0; y <= b.n_years; y++)
            once += t->up[(gsize)i * (b.n_years + 1) + y];
        assert_int_equal(once, reps);
    }
    /* a 高企 (the top stage) never climbs above it */
    int top = k.start.n_firms - 1;
    assert_int_equal(k.stage[top], 2);
    assert_int_equal(t->up[(gsize)top * (b.n_years + 1) + b.n_years], reps);
    known_clear(&k);
    bench_clear(&b);
}

/* ---- effects against their closed forms --------------------------------- */

#define ONE_YEAR                                                                          \
    "[scenario]\nname=effects\nbase_year=2021\nhorizon=2022\n"                             \
    "[stages]\ntech_sme=科小\nhightech=高企\n"                                              \
    "[baseline]\ntech_sme=0\nhightech=0\n"                                                \
    "[transitions]\ntech_sme -> hightech = 0.2\n"                                         \
    "[exits]\ntech_sme=0.1\n"                                                             \
    "[renewal]\nhightech = 1; 0.9; tech_sme\n"

/* n known firms, half in 科小 and half in 高企 (due), each with attributes
 * (z1, z2) = (2, -1): one year's outcomes against p_k w_k / (p_stay + sum
 * p_j w_j) and logistic(logit p + beta . z). */
static void effects_match_closed_forms(void **state)
{
    (void)state;
    Bench b;
    bench_init(&b, tu_load(ONE_YEAR));
    enum { N = 400, A = 2 };
    int stage[N], clock[N];
    double z[N * A];
    gboolean covers[2] = {TRUE, TRUE};
    for (int i = 0; i < N; i++) {
        stage[i] = i % 2;
        clock[i] = 0;
        z[i * A] = 2.0;
        z[i * A + 1] = -1.0;
    }
    FirmsStart start = {.n_firms = N, .n_attrs = A, .stage = stage, .clock = clock, .z = z, .covers = covers};
    g_autofree double *beta = g_new0(double, b.m->n_params * A);
    int edge = model_param_find(b.m, "tech_sme -> hightech"), ex = model_param_find(b.m, "exit.tech_sme");
    int ren = model_param_find(b.m, "renewal.hightech");
    assert_true(edge >= 0 && ex >= 0 && ren >= 0);
    beta[edge * A] = 0.5;   /* w = exp(0.5 * 2 + 0.3 * -1) = e^0.7 */
    beta[edge * A + 1] = 0.3;
    beta[ex * A] = -0.4;    /* w = e^-0.8 */
    beta[ren * A + 1] = 1.2; /* logit 0.9 - 1.2 */
    FirmsEffects effects = {.n_attrs = A, .beta = beta};
    double we = exp(0.7), wx = exp(-0.8), d = 0.7 + 0.2 * we + 0.1 * wx;
    double p_up = 0.2 * we / d, p_exit = 0.1 * wx / d;
    double p_renew = 1.0 / (1.0 + exp(-(log(0.9 / 0.1) - 1.2)));
    const guint64 reps = 400;
    g_autoptr(FirmsScratch) x = firms_scratch_new(b.m, &start);
    g_autoptr(FirmsTally) t = firms_tally_new(b.m, N);
    for (guint64 rep = 0; rep < reps; rep++)
        firms_replicate(b.m, &start, &effects, b.params, NULL, b.r, SEED, rep, x, &b.out, t);
    double up = 0, gone = 0, renewed = 0, n_sme = 0, n_ht = 0;
    for (int i = 0; i < N; i++) {
        const guint32 *y1 = t->state + ((gsize)i * 2 + 1) * 3;
        if (stage[i] == 0) {
            up += y1[1];
            gone += y1[2];
            n_sme += reps;
        } else {
            renewed += y1[1];
            n_ht += reps;
        }
    }
    assert_near(up / n_sme, p_up, N_SE * sqrt(p_up * (1 - p_up) / n_sme));
    assert_near(gone / n_sme, p_exit, N_SE * sqrt(p_exit * (1 - p_exit) / n_sme));
    assert_near(renewed / n_ht, p_renew, N_SE * sqrt(p_renew * (1 - p_renew) / n_ht));
    /* and not the rates without effects, which the tolerance would not admit */
    assert_true(fabs(up / n_sme - 0.2) > N_SE * sqrt(0.16 / n_sme));
    bench_clear(&b);
}

/* A firm at the mean (z = 0) has exactly the scenario's rates: with every
 * known firm at 0 the effects change nothing, bit for bit. */
static void firm_at_the_mean_has_the_scenario_rates(void **state)
{
    (void)state;
    Bench b;
    bench_init(&b, tu_load(CLOSED));
    Known k;
    known_from_baseline(&k, b.m);
    g_autofree double *z = g_new0(double, k.start.n_firms);
    FirmsStart with = k.start;
    with.n_attrs = 1;
    with.z = z;
    g_autofree double *beta = g_new(double, b.m->n_params);
    for (int p = 0; p < b.m->n_params; p++)
        beta[p] = 0.7;
    FirmsEffects effects = {.n_attrs = 1, .beta = beta};
    g_autoptr(FirmsScratch) x0 = firms_scratch_new(b.m, &k.start);
    g_autoptr(FirmsScratch) x1 = firms_scratch_new(b.m, &with);
    int cells = b.n_years * b.S;
    g_autofree gint64 *s0 = g_new(gint64, cells), *e0 = g_new(gint64, cells), *l0 = g_new(gint64, b.n_years);
    EngineTrajectory t0 = {s0, e0, l0};
    for (guint64 rep = 0; rep < 50; rep++) {
        firms_replicate(b.m, &k.start, NULL, b.params, NULL, b.r, SEED, rep, x0, &t0, NULL);
        firms_replicate(b.m, &with, &effects, b.params, NULL, b.r, SEED, rep, x1, &b.out, NULL);
        assert_memory_equal(s0, b.stock, sizeof *s0 * cells);
        assert_memory_equal(l0, b.lists, sizeof *l0 * b.n_years);
    }
    known_clear(&k);
    bench_clear(&b);
}

#define UNCOVERED                                                                         \
    "[scenario]\nname=uncovered\nbase_year=2021\nhorizon=2024\n"                          \
    "[stages]\nstartup=初创\ntech_sme=科小\n"                                               \
    "[baseline]\nstartup=30\ntech_sme=0\n"                                                 \
    "[transitions]\nstartup -> tech_sme = 0.2\n[exits]\ntech_sme = 0.05\n"                  \
    "[inflows]\nstartup=40\n"

/* Known firms only in 科小 (which they leave only by exit), at z = 2; an
 * effect only on 初创 -> 科小.  The
 * 初创 arrivals (and baseline firms) have no record in their stage, so they
 * are at the mean: the effect changes nothing, bit for bit (an arrival
 * given a 科小's z would climb faster). */
static void arrivals_in_uncovered_stage_are_at_the_mean(void **state)
{
    (void)state;
    Bench b;
    bench_init(&b, tu_load(UNCOVERED));
    enum { N = 50 };
    int stage[N], clock[N];
    double z[N];
    gboolean covers[2] = {FALSE, TRUE};
    for (int i = 0; i < N; i++) {
        stage[i] = 1;
        clock[i] = 0;
        z[i] = 2.0;
    }
    FirmsStart start = {.n_firms = N, .n_attrs = 1, .stage = stage, .clock = clock, .z = z, .covers = covers};
    g_autofree double *beta = g_new0(double, b.m->n_params);
    beta[model_param_find(b.m, "startup -> tech_sme")] = 1.0;
    FirmsEffects effects = {.n_attrs = 1, .beta = beta};
    g_autoptr(FirmsScratch) x0 = firms_scratch_new(b.m, &start);
    g_autoptr(FirmsScratch) x1 = firms_scratch_new(b.m, &start);
    int cells = b.n_years * b.S;
    g_autofree gint64 *s0 = g_new(gint64, cells), *e0 = g_new(gint64, cells);
    EngineTrajectory t0 = {s0, e0, NULL};
    for (guint64 rep = 0; rep < 50; rep++) {
        firms_replicate(b.m, &start, NULL, b.params, NULL, b.r, SEED, rep, x0, &t0, NULL);
        firms_replicate(b.m, &start, &effects, b.params, NULL, b.r, SEED, rep, x1, &b.out, NULL);
        assert_memory_equal(s0, b.stock, sizeof *s0 * cells);
        assert_memory_equal(e0, b.entries, sizeof *e0 * cells);
    }
    bench_clear(&b);
}

/* ---- streams ------------------------------------------------------------ */

/* rng_blocks gives the scalar block function's bits at any block index,
 * with and without vector instructions. */
static void blocks_match_scalar(void **state)
{
    (void)state;
    guint32 ids[37], got[37][4], want[4];
    for (int i = 0; i < 37; i++)
        ids[i] = rng_firm_stream((guint32)(i * 7919));
    for (int simd = 0; simd < 2; simd++) {
        gboolean was = rng_allow_simd(simd);
        rng_blocks(SEED, 12345, 321, ids, 37, got);
        rng_allow_simd(was);
        for (int i = 0; i < 37; i++) {
            const guint32 ctr[4] = {321, ids[i], 12345, 0}, key[2] = {SEED, 0};
            rng_philox4x32_10(ctr, key, want);
            assert_memory_equal(got[i], want, sizeof want);
        }
    }
    assert_int_not_equal(rng_firm_stream(0), rng_stream_id(RNG_PARAMS, 0, 0, 0));
}

/* rng_uniform_int_of_block gives gsl_rng_uniform_int's integer from the
 * stream's next block, for n where a word is refused half the time (2^31 + 1)
 * as well as small ones; when it refuses all four words, GSL goes on past
 * them. */
static void uniform_int_of_block_is_gsl(void **state)
{
    (void)state;
    const unsigned long ns[] = {1, 2, 3, 7, 1000, 65537, 2147483649ul, 4294967295ul};
    gsl_rng *r = rng_new();
    int refused = 0;
    for (gsize t = 0; t < G_N_ELEMENTS(ns); t++)
        for (guint32 stream = 0; stream < 400; stream++) {
            guint32 id = rng_firm_stream(stream), block[1][4];
            rng_blocks(SEED, 3, 64 + 63, &id, 1, block);
            rng_open_at(r, SEED, 3, id, 64 + 63);
            unsigned long want = gsl_rng_uniform_int(r, ns[t]), got = 0;
            if (rng_uniform_int_of_block(block[0], ns[t], &got))
                assert_int_equal(got, want);
            else
                refused++;
        }
    assert_true(refused > 0); /* n = 2^31 + 1 refuses a word half the time: some blocks all four */
    gsl_rng_free(r);
}

/* Every vector path this processor has (AVX2, AVX-512) gives the scalar
 * block function's bits, at several block indices, replications with a
 * high word, and counts that are and are not multiples of sixteen; and
 * rng_allow_simd switches between the widest one and none. */
static void every_simd_path_matches_scalar(void **state)
{
    (void)state;
    enum { N = 53 };
    const guint32 blocks[] = {0, 1, 63, 64 * 3 + 1, 64 * 99 + 63, 0xFFFFFFFFu};
    const guint64 reps[] = {0, 7, G_GUINT64_CONSTANT(0x123456789A)};
    const guint64 seed = G_GUINT64_CONSTANT(0xDEADBEEF12345678);
    const guint32 key[2] = {(guint32)seed, (guint32)(seed >> 32)};
    guint32 ids[N], got[N][4], want[4];
    for (int i = 0; i < N; i++)
        ids[i] = i % 5 == 4 ? rng_stream_id(RNG_LIST, i, i % 7, i * 11) : rng_firm_stream((guint32)(i * 104729));
    RngSimd was = rng_simd_limit(RNG_SIMD_AVX512);
    RngSimd widest = rng_simd_path();
    for (RngSimd path = RNG_SIMD_NONE; path <= widest; path++) {
        rng_simd_limit(path);
        assert_int_equal(rng_simd_path(), path);
        for (gsize b = 0; b < G_N_ELEMENTS(blocks); b++)
            for (gsize r = 0; r < G_N_ELEMENTS(reps); r++)
                for (int n = 1; n <= N; n += 13) {
                    memset(got, 0, sizeof got);
                    rng_blocks(seed, reps[r], blocks[b], ids, n, got);
                    for (int i = 0; i < n; i++) {
                        const guint32 ctr[4] = {blocks[b], ids[i], (guint32)reps[r], (guint32)(reps[r] >> 32)};
                        rng_philox4x32_10(ctr, key, want);
                        assert_memory_equal(got[i], want, sizeof want);
                    }
                }
    }
    assert_true(rng_allow_simd(FALSE));
    assert_int_equal(rng_simd_path(), RNG_SIMD_NONE);
    assert_false(rng_allow_simd(TRUE));
    assert_int_equal(rng_simd_path(), widest);
    rng_simd_limit(was);
}

/* ---- the vector steps against the scalar ones ---------------------------- */

#define STEPS                                                                             \
    "[scenario]\nname=steps\nbase_year=2020\nhorizon=2027\n"                              \
    "[stages]\nstartup=初创\ntech_sme=科小\nhightech=高企\ngazelle=瞪羚\nlisted=上市\n"      \
    "[baseline]\nstartup=300\ntech_sme=200\nhightech=120\ngazelle=30\nlisted=7\n"         \
    "[transitions]\nstartup -> tech_sme = 0.25\nstartup -> hightech = 0.02\n"             \
    "tech_sme -> hightech = 0.15\ntech_sme -> startup = 0.04\ntech_sme -> gazelle = 0.01\n" \
    "hightech -> gazelle = 0.08\nhightech -> tech_sme = 0.03\ngazelle -> listed = 0.1\n"  \
    "gazelle -> hightech = 0.05\n"                                                        \
    "[exits]\nstartup=0.12\ntech_sme=0.06\nhightech=0.02\ngazelle=0.01\n"                  \
    "[renewal]\nhightech = 3; 0.85; tech_sme\ngazelle = 2; 0.9; hightech\n"                \
    "[inflows]\nstartup=60\ntech_sme=5\n[recruitment]\nhightech=3\n"                      \
    "[list a]\nname=A\nstages=hightech, gazelle\nshare.tech_sme=0.3\n"                    \
    "[list b]\nname=B\nstages=listed\nshare.hightech=0.45\nshare.gazelle=1\n"             \
    "[list c]\nname=C\nshare.startup=0.2\nshare.listed=0.7\n"                             \
    "[list d]\nname=D\nstages=tech_sme\n"

/* Everything firms_replicate gives: the trajectory and the tally. */
typedef struct {
    gint64 *stock, *entries, *lists;
    FirmsTally *tally;
} Result;

static void result_run(Bench *b, const FirmsStart *start, const FirmsEffects *e, guint64 seed, guint64 rep,
                       FirmsScratch *x, Result *res)
{
    EngineTrajectory out = {res->stock, res->entries, res->lists};
    firms_replicate(b->m, start, e, b->params, NULL, b->r, seed, rep, x, &out, res->tally);
}

/* The same bytes from every path: the trajectory of each replication and
 * the tally summed over them. */
static void assert_same_result(const Bench *b, const Result *want, const Result *got)
{
    int cells = b->n_years * b->S, lcells = b->n_years * b->L;
    assert_memory_equal(want->stock, got->stock, sizeof *want->stock * cells);
    assert_memory_equal(want->entries, got->entries, sizeof *want->entries * cells);
    assert_memory_equal(want->lists, got->lists, sizeof *want->lists * lcells);
    const FirmsTally *t = want->tally, *u = got->tally;
    gsize fy = (gsize)t->n_firms * t->n_years;
    assert_memory_equal(t->state, u->state, sizeof *t->state * fy * (t->n_stages + 1));
    assert_memory_equal(t->entered, u->entered, sizeof *t->entered * fy * t->n_stages);
    assert_memory_equal(t->listed, u->listed, sizeof *t->listed * fy * t->n_lists);
    assert_memory_equal(t->up, u->up, sizeof *t->up * t->n_firms * (t->n_years + 1));
}

/* The known firms and effects the tests run on the STEPS ladder: 181 firms
 * in two of its five stages (the other three from their baselines), two
 * attributes, effects on an edge, an exit and two renewals. */
enum { STEPS_N = 181, STEPS_A = 2 };
typedef struct {
    int stage[STEPS_N], clock[STEPS_N];
    double z[STEPS_N * STEPS_A];
    gboolean covers[5];
    FirmsStart start;
    double *beta;
    FirmsEffects effects;
} StepsRoster;

static void steps_roster_init(StepsRoster *sr, const Model *m)
{
    enum { A = STEPS_A };
    const gboolean covers[5] = {FALSE, TRUE, FALSE, TRUE, FALSE};
    memcpy(sr->covers, covers, sizeof covers);
    for (int i = 0; i < STEPS_N; i++) {
        sr->stage[i] = i % 3 == 0 ? 3 : 1;
        sr->clock[i] = sr->stage[i] == 3 ? i % 2 : 0;
        sr->z[i * A] = (i % 7) / 3.0 - 1.0;
        sr->z[i * A + 1] = (i % 5) / 2.0 - 1.0;
    }
    sr->start = (FirmsStart){.n_firms = STEPS_N, .n_attrs = A, .stage = sr->stage, .clock = sr->clock, .z = sr->z,
                             .covers = sr->covers};
    sr->beta = g_new0(double, m->n_params * A);
    sr->beta[model_param_find(m, "tech_sme -> hightech") * A] = 0.6;
    sr->beta[model_param_find(m, "exit.tech_sme") * A + 1] = -0.4;
    sr->beta[model_param_find(m, "renewal.gazelle") * A] = 0.9;
    sr->beta[model_param_find(m, "renewal.hightech") * A + 1] = -1.5;
    sr->effects = (FirmsEffects){.n_attrs = A, .beta = sr->beta};
}

static void steps_roster_clear(StepsRoster *sr)
{
    g_free(sr->beta);
}

/* Replications 0 .. reps - 1 under `seed` on every path this processor has
 * (scalar blocks and steps; AVX2 blocks and scalar steps; AVX-512 blocks
 * and the vector steps), each replication's trajectory compared with the
 * scalar path's, then the tallies. */
static void assert_paths_agree(Bench *b, const FirmsStart *start, const FirmsEffects *e, guint64 seed,
                               guint64 reps)
{
    int cells = b->n_years * b->S, lcells = MAX(b->n_years * b->L, 1);
    RngSimd was = rng_simd_limit(RNG_SIMD_AVX512), widest = rng_simd_path();
    Result res[3];
    FirmsScratch *x[3];
    for (int p = 0; p < 3; p++) {
        res[p] = (Result){g_new0(gint64, cells), g_new0(gint64, cells), g_new0(gint64, lcells),
                          firms_tally_new(b->m, start->n_firms)};
        x[p] = firms_scratch_new(b->m, start);
    }
    g_autofree gint64 *stock = g_new0(gint64, cells), *entries = g_new0(gint64, cells);
    g_autofree gint64 *lists = g_new0(gint64, lcells);
    for (guint64 rep = 0; rep < reps; rep++)
        for (RngSimd p = RNG_SIMD_NONE; p <= widest; p++) {
            rng_simd_limit(p);
            result_run(b, start, e, seed, rep, x[p], &res[p]);
            if (p == RNG_SIMD_NONE)
                continue;
            assert_memory_equal(res[0].stock, res[p].stock, sizeof *stock * cells);
            assert_memory_equal(res[0].entries, res[p].entries, sizeof *entries * cells);
            assert_memory_equal(res[0].lists, res[p].lists, sizeof *lists * lcells);
            /* and without the tally */
            Result bare = {stock, entries, lists, NULL};
            result_run(b, start, e, seed, rep, x[p], &bare);
            assert_memory_equal(res[0].stock, stock, sizeof *stock * cells);
            assert_memory_equal(res[0].entries, entries, sizeof *entries * cells);
            assert_memory_equal(res[0].lists, lists, sizeof *lists * lcells);
        }
    for (RngSimd p = RNG_SIMD_NONE + 1; p <= widest; p++)
        assert_same_result(b, &res[0], &res[p]);
    for (int p = 0; p < 3; p++) {
        g_free(res[p].stock);
        g_free(res[p].entries);
        g_free(res[p].lists);
        firms_tally_free(res[p].tally);
        firms_scratch_free(x[p]);
    }
    rng_simd_limit(was);
}

/* The vector steps (sixteen firms at once) give the scalar steps' bytes:
 * stocks, entries, list counts of every replication and the tally of every
 * known firm, over several seeds, on a ladder with exits, edges up and down,
 * two renewals that lapse, inflows and recruitment, lists by stage, by a
 * drawn share and by a share of 1 over two list blocks; with known firms in
 * two of its five stages (the other three from their baselines), without
 * and with effects (on an edge, an exit and two renewals: the vector steps
 * take the known firms and the arrivals resembling them in doubles, the
 * baseline firms at the mean by the thresholds, in one batch). */
static void vector_steps_match_scalar(void **state)
{
    (void)state;
    Bench b;
    bench_init(&b, tu_load(STEPS));
    if (rng_simd_limit(RNG_SIMD_AVX512) != RNG_SIMD_AVX512 || !firms_simd_usable())
        print_message("note: no AVX-512 here: only the scalar paths are compared\n");
    StepsRoster sr;
    steps_roster_init(&sr, b.m);
    const guint64 seeds[] = {1, 2, 3, 20261204, G_GUINT64_CONSTANT(0x123456789), G_GUINT64_CONSTANT(0xFEEDFACE12345678)};
    for (gsize k = 0; k < G_N_ELEMENTS(seeds); k++) {
        assert_paths_agree(&b, &sr.start, NULL, seeds[k], 40);
        assert_paths_agree(&b, &sr.start, &sr.effects, seeds[k], 40);
    }
    steps_roster_clear(&sr);
    bench_clear(&b);
}

/* firms_replicate_chunk of `reps` replications (several chunks of
 * FIRMS_SIMD_REPS, so that the known firms' cuts are built, with effects,
 * and used) gives each replication's trajectory and the tally of
 * firms_replicate one replication at a time, on every path. */
static void assert_chunk_agrees(Bench *b, const FirmsStart *start, const FirmsEffects *e, guint64 seed, int reps)
{
    int cells = b->n_years * b->S, lcells = MAX(b->n_years * b->L, 1);
    RngSimd was = rng_simd_limit(RNG_SIMD_AVX512), widest = rng_simd_path();
    for (RngSimd p = RNG_SIMD_NONE; p <= widest; p++) {
        rng_simd_limit(p);
        g_autoptr(FirmsScratch) x1 = firms_scratch_new(b->m, start);
        g_autoptr(FirmsScratch) xn = firms_scratch_new(b->m, start);
        g_autoptr(FirmsTally) t1 = firms_tally_new(b->m, start->n_firms);
        g_autoptr(FirmsTally) tn = firms_tally_new(b->m, start->n_firms);
        g_autofree gint64 *mem = g_new0(gint64, (gsize)reps * (2 * cells + lcells));
        g_autofree EngineTrajectory *outs = g_new(EngineTrajectory, reps);
        for (int j = 0; j < reps; j++) {
            gint64 *o = mem + (gsize)j * (2 * cells + lcells);
            outs[j] = (EngineTrajectory){o, o + cells, o + 2 * cells};
        }
        firms_replicate_chunk(b->m, start, e, b->params, NULL, b->r, seed, 7, reps, xn, outs, tn);
        Result want = {b->stock, b->entries, b->lists, t1}, got = {NULL, NULL, NULL, tn};
        for (int j = 0; j < reps; j++) {
            result_run(b, start, e, seed, 7 + (guint64)j, x1, &want);
            assert_memory_equal(b->stock, outs[j].stock, sizeof *b->stock * cells);
            assert_memory_equal(b->entries, outs[j].entries, sizeof *b->entries * cells);
            assert_memory_equal(b->lists, outs[j].lists, sizeof *b->lists * b->n_years * b->L);
        }
        got.stock = outs[reps - 1].stock;
        got.entries = outs[reps - 1].entries;
        got.lists = outs[reps - 1].lists;
        assert_same_result(b, &want, &got);
    }
    rng_simd_limit(was);
}

/* Replications in chunks give the bytes of one replication at a time: the
 * five-stage ladder of vector_steps_match_scalar with its known firms,
 * without and with effects (then the known firms are decided on their cuts
 * from the second chunk on), over 40 replications. */
static void chunks_match_replications(void **state)
{
    (void)state;
    Bench b;
    bench_init(&b, tu_load(STEPS));
    StepsRoster sr;
    steps_roster_init(&sr, b.m);
    assert_chunk_agrees(&b, &sr.start, NULL, 11, 40);
    assert_chunk_agrees(&b, &sr.start, &sr.effects, 12, 40);
    steps_roster_clear(&sr);
    bench_clear(&b);
}

/* The closed ladder over 40 years (ten chunks of years, the tally's
 * offsets added several times a batch). */
#define LONG                                                                              \
    "[scenario]\nname=long\nbase_year=2020\nhorizon=2060\n"                              \
    "[stages]\nstartup=初创\ntech_sme=科小\nhightech=高企\n"                                \
    "[baseline]\nstartup=40\ntech_sme=30\nhightech=20\n"                                  \
    "[transitions]\nstartup -> tech_sme = 0.3\ntech_sme -> hightech = 0.2\n"              \
    "tech_sme -> startup = 0.05\n"                                                        \
    "[exits]\nstartup=0.05\ntech_sme=0.02\n"                                             \
    "[renewal]\nhightech = 3; 0.8; tech_sme\n[inflows]\nstartup=5\n"                      \
    "[list valid]\nname=有效高企\nstages=hightech\nshare.tech_sme=0.1\n"                   \
    "[list any]\nname=任何\nstages=startup, tech_sme, hightech\n"

/* Outcomes that are certain (probabilities 0 and 1, the thresholds' ends:
 * every start-up moves up, every due 高企 lapses), the closed ladder's lists
 * (a member stage and a drawn share), and a long horizon, from their
 * baselines as known firms and from none, without and with effects on every
 * parameter (weights from e^-2 to e^2, and 1 for the firms at the mean; a
 * certain renewal stays certain): every path gives the same bytes. */
static void vector_steps_match_scalar_at_the_ends(void **state)
{
    (void)state;
    const char *const texts[] = {CERTAIN, CLOSED, LONG};
    for (gsize t = 0; t < G_N_ELEMENTS(texts); t++) {
        Bench b;
        bench_init(&b, tu_load(texts[t]));
        Known k;
        known_from_baseline(&k, b.m);
        FirmsStart none = {0};
        assert_paths_agree(&b, &k.start, NULL, SEED, 30);
        assert_paths_agree(&b, &none, NULL, SEED + 1, 30);
        g_autofree double *z = g_new(double, MAX(k.start.n_firms, 1));
        for (int i = 0; i < k.start.n_firms; i++)
            z[i] = (i % 5) - 2.0;
        g_autofree double *beta = g_new(double, b.m->n_params);
        for (int p = 0; p < b.m->n_params; p++)
            beta[p] = param_kind(b.m->params[p].kind)->takes_effects ? 1.0 : 0.0;
        FirmsStart with = k.start;
        with.n_attrs = 1;
        with.z = z;
        FirmsEffects effects = {.n_attrs = 1, .beta = beta};
        assert_paths_agree(&b, &with, &effects, SEED + 2, 30);
        known_clear(&k);
        bench_clear(&b);
    }
}

#define TIE                                                                               \
    "[scenario]\nname=tie\nbase_year=2021\nhorizon=2022\n"                               \
    "[stages]\nstartup=初创\ntech_sme=科小\n"                                              \
    "[baseline]\nstartup=1\ntech_sme=0\n"                                                 \
    "[transitions]\nstartup -> tech_sme = 0.5\n"

/* The comparison of a uniform with a probability is exact on every path:
 * one known firm in 初创 whose chance of moving up in 2022 is set to its
 * own uniform u of that year (words 0 and 1 of block FIRMS_BLOCKS_PER_YEAR
 * of its stream, as rng_uniform_state makes it) stays (u >= p: no move),
 * and moves up when the chance is the next double above u; the same one
 * below u, it stays.  At p = u the high 27 bits of the uniform and of the
 * threshold are equal, the vector steps' rare path. */
static void ties_are_exact(void **state)
{
    (void)state;
    Bench b;
    bench_init(&b, tu_load(TIE));
    int stage = 0, clock = 0;
    gboolean covers[2] = {TRUE, TRUE};
    FirmsStart start = {.n_firms = 1, .stage = &stage, .clock = &clock, .covers = covers};
    int up = model_param_find(b.m, "startup -> tech_sme");
    const guint32 id = rng_firm_stream(0);
    RngSimd was = rng_simd_limit(RNG_SIMD_AVX512), widest = rng_simd_path();
    for (guint64 rep = 0; rep < 50; rep++) {
        guint32 w[1][4];
        rng_blocks(SEED, rep, FIRMS_BLOCKS_PER_YEAR, &id, 1, w);
        double u = ((w[0][0] >> 5) * 67108864.0 + (w[0][1] >> 6)) * (1.0 / 9007199254740992.0);
        const double chance[3] = {nextafter(u, 0), u, nextafter(u, 2)};
        for (int c = 0; c < 3; c++) {
            b.params[b.m->n_params + up] = chance[c];
            for (RngSimd p = RNG_SIMD_NONE; p <= widest; p++) {
                rng_simd_limit(p);
                g_autoptr(FirmsScratch) x = firms_scratch_new(b.m, &start);
                firms_replicate(b.m, &start, NULL, b.params, NULL, b.r, SEED, rep, x, &b.out, NULL);
                assert_int_equal(b.stock[b.S + 1], c == 2); /* 科小 in 2022 only when u < p */
            }
        }
    }
    rng_simd_limit(was);
    bench_clear(&b);
}

/* The bundled 天宁区 scenario from known firms that restate its baseline,
 * the tally on: every path gives the same bytes. */
static void vector_steps_match_scalar_tianning(void **state)
{
    (void)state;
    g_autofree char *path = g_build_filename(tu_srcdir(), "scenarios", "tianning-2025.ini", NULL);
    GError *error = NULL;
    Bench b;
    bench_init(&b, tu_made(scenario_load(path, &error), error, "load"));
    Known k;
    known_from_baseline(&k, b.m);
    assert_paths_agree(&b, &k.start, NULL, SEED, 30);
    known_clear(&k);
    bench_clear(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(certain_matches_cohort_engine),
        cmocka_unit_test(tianning_agrees_with_expectation),
        cmocka_unit_test(known_baseline_is_the_baseline),
        cmocka_unit_test(tallies_add_up_to_the_stocks),
        cmocka_unit_test(effects_match_closed_forms),
        cmocka_unit_test(chunks_match_replications),
        cmocka_unit_test(firm_at_the_mean_has_the_scenario_rates),
        cmocka_unit_test(arrivals_in_uncovered_stage_are_at_the_mean),
        cmocka_unit_test(blocks_match_scalar),
        cmocka_unit_test(uniform_int_of_block_is_gsl),
        cmocka_unit_test(every_simd_path_matches_scalar),
        cmocka_unit_test(vector_steps_match_scalar),
        cmocka_unit_test(vector_steps_match_scalar_at_the_ends),
        cmocka_unit_test(ties_are_exact),
        cmocka_unit_test(vector_steps_match_scalar_tianning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
