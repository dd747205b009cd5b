/* test_engine.c: the simulation against exact answers: cases where every
 * outcome is certain, binomial, Poisson and beta-binomial laws, the cohort
 * recursion of expect_run, common random numbers across policies, thread
 * counts, and drawn parameters that a policy pushes out of range.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "testutil.h"

#include "engine.h"
#include "errors.h"
#include "expect.h"
#include "histogram.h"
#include "model.h"
#include "rng.h"
#include "runner.h"
#include "scenario.h"
#include "summary.h"

/* Tolerance of every statistical check, in standard errors. */
#define N_SE 4.0
#define SEED 20240601

/* A Monte Carlo mean within N_SE standard errors of the exact value. */
#define assert_mean(mean, exact, sd, n, what, ...)                                        \
    do {                                                                                  \
        double m_ = (mean), e_ = (exact), tol_ = N_SE * (sd) / sqrt((double)(n));         \
        if (!(fabs(m_ - e_) <= tol_ + 1e-9))                                              \
            fail_msg(what ": mean %.6f, exact %.6f, allowed %.6f", __VA_ARGS__, m_, e_, tol_); \
    } while (0)

static RunResult *run(const Model *m, guint64 reps, guint64 seed, guint threads, gboolean uncertain)
{
    RunConfig c = {.reps = reps, .seed = seed, .threads = threads, .uncertain = uncertain, .progress = FALSE};
    return tu_run(m, &c);
}

static const Histogram *stock_hist(const RunResult *r, int year_index, int stage)
{
    return r->stock[year_index * r->n_stages + stage];
}

/* Every replication had exactly `want` firms in `stage`, year by year,
 * and exactly `want_new` entries: every figure of the summary says so. */
static void assert_certain_stage(const Summary *s, const RunResult *r, int stage, const gint64 *want,
                                 const gint64 *want_new)
{
    const StageSummary *st = &s->stages[stage];
    for (int y = 0; y < s->n_years; y++) {
        const Histogram *h = stock_hist(r, y, stage);
        if (histogram_min(h) != want[y] || histogram_max(h) != want[y])
            fail_msg("stage %d, year %d: counts %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT ", want %" G_GINT64_FORMAT,
                     stage, y, histogram_min(h), histogram_max(h), want[y]);
        assert_int_equal(h->total, r->config.reps);
        assert_near(st->mean[y], (double)want[y], 1e-9);
        assert_near(st->sd[y], 0, 0);
        assert_near(st->expected[y], (double)want[y], 1e-9);
        for (int k = 0; k < SUMMARY_N_PCT; k++)
            assert_int_equal(st->pct[k][y], want[y]);
        assert_near(st->new_mean[y], (double)want_new[y], 1e-9);
        assert_near(st->new_expected[y], (double)want_new[y], 1e-9);
    }
}

/* ---- certain outcomes ------------------------------------------------- */

#define CERTAIN                                                                           \
    "[scenario]\nname=certain\nbase_year=2021\nhorizon=2025\n"                             \
    "[stages]\nstartup=初创\ntech_sme=科小\nhightech=高企\n"                                \
    "[baseline]\nstartup=10\n"                                                            \
    "[transitions]\nstartup -> tech_sme = 1\ntech_sme -> hightech = 0\n"                  \
    "[exits]\ntech_sme=0\n"                                                               \
    "[recruitment]\nstartup=5\n"

/* Every start-up moves up each year (p = 1); five are recruited a year and
 * first move the year after.  Stocks: start-ups 10, 5, 5, 5, 5; tech SMEs
 * 0, 10, 15, 20, 25; nothing reaches hightech (p = 0). */
static void test_certain_moves(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(CERTAIN);
    g_autoptr(RunResult) r = run(m, 500, SEED, 2, TRUE);
    g_autoptr(Summary) s = tu_summary(m, r);
    const gint64 startup[] = {10, 5, 5, 5, 5}, startup_new[] = {0, 5, 5, 5, 5};
    const gint64 sme[] = {0, 10, 15, 20, 25}, sme_new[] = {0, 10, 5, 5, 5};
    const gint64 zero[] = {0, 0, 0, 0, 0};
    assert_certain_stage(s, r, 0, startup, startup_new);
    assert_certain_stage(s, r, 1, sme, sme_new);
    assert_certain_stage(s, r, 2, zero, zero);
}

/* Targets of each count kind on the certain ladder: the count is known,
 * so each probability is exactly 0 or 1, and so is "all met". */
typedef struct {
    const char *id;
    const char *target;  /* the [target] group */
    gint64 count;        /* the count in every replication */
    double probability;
} TargetCase;

static const TargetCase target_cases[] = {
    {"engine-1.1", "stage=tech_sme\nat_least=25\n", 25, 1},
    {"engine-1.2", "stage=tech_sme\nat_least=26\n", 25, 0},
    {"engine-1.3", "stage=tech_sme\nyear=2023\nat_least=15\ncount=stage\n", 15, 1},
    {"engine-1.4", "stage=startup\nyear=2023\nat_least=20\ncount=at_or_above\n", 20, 1},
    {"engine-1.5", "stage=tech_sme\nyear=2023\nat_least=16\ncount=at_or_above\n", 15, 0},
    {"engine-1.6", "stage=tech_sme\nyear=2024\nat_least=20\ncount=new\n", 20, 1},
    {"engine-1.7", "stage=tech_sme\nyear=2024\nat_least=21\ncount=new\n", 20, 0},
    {"engine-1.8", "stage=startup\nat_least=20\ncount=new\n", 20, 1},
    {"engine-1.9", "stage=hightech\nat_least=0\n", 0, 1},
    {"engine-1.10", "stage=hightech\nat_least=0\ncount=at_or_above\n", 0, 1},
    {"engine-1.11", "stage=tech_sme\nyear=2022\nat_least=10\ncount=new\n", 10, 1},
};

static void test_target_case(void **state)
{
    const TargetCase *c = *state;
    g_autofree char *text = g_strdup_printf(CERTAIN "[target 目标]\n%s", c->target);
    g_autoptr(Model) m = tu_load(text);
    g_autoptr(RunResult) r = run(m, 300, SEED, 2, TRUE);
    g_autoptr(Summary) s = tu_summary(m, r);
    const TargetSummary *t = &s->targets[0];
    assert_int_equal(histogram_min(t->hist), c->count);
    assert_int_equal(histogram_max(t->hist), c->count);
    assert_near(t->probability, c->probability, 0);
    assert_near(t->se, 0, 0);
    assert_near(t->mean, (double)c->count, 1e-9);
    assert_near(t->expected, (double)c->count, 1e-9);
    for (int k = 0; k < SUMMARY_N_PCT; k++)
        assert_int_equal(t->pct[k], c->count);
    assert_int_equal(r->target_met[0], c->probability == 1 ? 300 : 0);
    assert_near(s->all_probability, c->probability, 0);
}

/* A move down the ladder along an edge is an entry too: with a -> b and
 * b -> a both certain, 10 firms swap stages every year, so each stage gains
 * 10 entries in alternate years (b in 2022 and 2024, a in 2023). */
static void test_entries_down_the_ladder(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2024\n"
                              "[stages]\na=A\nb=B\n[baseline]\na=10\n"
                              "[transitions]\na -> b = 1\nb -> a = 1\n"
                              "[target down]\nstage=a\ncount=new\nat_least=10\n"
                              "[target up]\nstage=b\ncount=new\nat_least=20\n");
    g_autoptr(RunResult) r = run(m, 50, SEED, 1, FALSE);
    g_autoptr(Summary) s = tu_summary(m, r);
    assert_int_equal(histogram_min(s->targets[0].hist), 10);
    assert_int_equal(histogram_max(s->targets[0].hist), 10);
    assert_int_equal(histogram_min(s->targets[1].hist), 20);
    assert_near(s->targets[0].expected, 10, 1e-12);
    assert_near(s->stages[0].new_mean[2], 10, 0);
    assert_near(s->stages[0].new_mean[1], 0, 0);
}

/* "All met" is the share of replications meeting every target together. */
static void test_all_targets(void **state)
{
    (void)state;
    g_autoptr(Model) met = tu_load(CERTAIN "[target a]\nstage=tech_sme\nat_least=25\n"
                                        "[target b]\nstage=startup\nat_least=5\n");
    g_autoptr(RunResult) r1 = run(met, 200, SEED, 1, TRUE);
    g_autoptr(Summary) s1 = tu_summary(met, r1);
    assert_near(s1->all_probability, 1, 0);
    assert_near(s1->all_se, 0, 0);
    g_autoptr(Model) one_not = tu_load(CERTAIN "[target a]\nstage=tech_sme\nat_least=25\n"
                                            "[target b]\nstage=startup\nat_least=6\n");
    g_autoptr(RunResult) r2 = run(one_not, 200, SEED, 1, TRUE);
    g_autoptr(Summary) s2 = tu_summary(one_not, r2);
    assert_near(s2->targets[0].probability, 1, 0);
    assert_near(s2->all_probability, 0, 0);
    g_autoptr(Model) none = tu_load(CERTAIN);
    g_autoptr(RunResult) r3 = run(none, 10, SEED, 1, TRUE);
    g_autoptr(Summary) s3 = tu_summary(none, r3);
    assert_true(isnan(s3->all_probability));
}

/* Exit 1 empties a stage in one year; probability 0 moves nobody. */
static void test_certain_exit(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2023\n"
                              "[stages]\na=A\nb=B\nc=C\n[baseline]\na=40\nb=7\nc=3\n"
                              "[transitions]\na -> b = 0\nb -> c = 0\nc -> a = 0\n"
                              "[exits]\na=1\nb=0\n"
                              "[renewal]\nc=2;1;a\n");
    g_autoptr(RunResult) r = run(m, 200, SEED, 2, TRUE);
    g_autoptr(Summary) s = tu_summary(m, r);
    const gint64 a[] = {40, 0, 0}, b[] = {7, 7, 7}, c[] = {3, 3, 3}, zero[] = {0, 0, 0};
    assert_certain_stage(s, r, 0, a, zero);
    assert_certain_stage(s, r, 1, b, zero);
    assert_certain_stage(s, r, 2, c, zero);  /* renewal 1: nobody lapses */
}

/* A ladder with no rates at all (no parameters: a NULL parameter table)
 * keeps its baseline, with and without [uncertainty].  The engine once
 * applied a year's offset to that NULL: clang's UBSan in fuzz_run found it
 * (GCC's, in check-sanitize, does not check it), and fuzz/corpus/fuzz_run/
 * no-rates.ini keeps the input. */
static void test_no_rates(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2023\n"
                                 "[stages]\na=A\nb=B\n[baseline]\na=40\nb=7\n");
    assert_int_equal(m->n_params, 0);
    for (int uncertain = 0; uncertain <= 1; uncertain++) {
        g_autoptr(RunResult) r = run(m, 50, SEED, 2, uncertain);
        g_autoptr(Summary) s = tu_summary(m, r);
        const gint64 a[] = {40, 40, 40}, b[] = {7, 7, 7}, zero[] = {0, 0, 0};
        assert_certain_stage(s, r, 0, a, zero);
        assert_certain_stage(s, r, 1, b, zero);
    }
}

/* ---- renewal clocks --------------------------------------------------- */

/* n baseline firms of a V-year rule sit on clocks 0..V-1 with n/V each and
 * one more on clocks 0..(n mod V)-1; clock V-1 is due first.  With renewal
 * 0 every due firm lapses, so the lapses per year show the clocks from the
 * top down.  Lapses are not entries. */
typedef struct {
    const char *id;
    gint64 n;
    int v;
    const char *policy;   /* extra groups, or "" */
    gint64 lapsed[5];     /* stock of the lapse stage, 2021..2025 */
} ClockCase;

static const ClockCase clock_cases[] = {
    /* 10 firms, V = 3: clocks 4, 3, 3; lapses 3, 3, 4 */
    {"engine-2.1", 10, 3, "", {0, 3, 6, 10, 10}},
    /* 11 firms: clocks 4, 4, 3; lapses 3, 4, 4 */
    {"engine-2.2", 11, 3, "", {0, 3, 7, 11, 11}},
    /* 12 firms: 4, 4, 4 */
    {"engine-2.3", 12, 3, "", {0, 4, 8, 12, 12}},
    /* 2 firms, V = 3: clocks 1, 1, 0: nobody due the first year */
    {"engine-2.4", 2, 3, "", {0, 0, 1, 2, 2}},
    /* V = 1: every staying firm is due every year */
    {"engine-2.5", 10, 1, "", {0, 10, 10, 10, 10}},
    /* V = 4, 10 firms: clocks 3, 3, 2, 2; lapses 2, 2, 3, 3 */
    {"engine-2.6", 10, 4, "", {0, 2, 4, 7, 10}},
    /* Renewal 1 in 2022 (the 3 due renew to clock 0), 0 afterwards: clocks
     * after 2022 are 3, 4, 3, so lapses 3 (2023), 4 (2024), 3 (2025). */
    {"engine-2.7", 10, 3, "[policy once]\nfrom=2022\nto=2022\nrenewal.hightech = =1\n", {0, 0, 3, 7, 10}},
    /* Renewal 1 throughout: nobody ever lapses. */
    {"engine-2.8", 10, 3, "[policy always]\nrenewal.hightech = =1\n", {0, 0, 0, 0, 0}},
};

static void test_clock_case(void **state)
{
    const ClockCase *c = *state;
    g_autofree char *text = g_strdup_printf("[scenario]\nname=clocks\nbase_year=2021\nhorizon=2025\n"
                                            "[stages]\ntech_sme=科小\nhightech=高企\n"
                                            "[baseline]\nhightech=%" G_GINT64_FORMAT "\n"
                                            "[exits]\nhightech=0\n"
                                            "[renewal]\nhightech=%d;0;tech_sme\n%s",
                                            c->n, c->v, c->policy);
    g_autoptr(Model) m = tu_load(text);
    g_autoptr(RunResult) r = run(m, 100, SEED, 2, TRUE);
    g_autoptr(Summary) s = tu_summary(m, r);
    gint64 kept[5];
    const gint64 zero[5] = {0};
    for (int y = 0; y < 5; y++)
        kept[y] = c->n - c->lapsed[y];
    assert_certain_stage(s, r, 0, c->lapsed, zero);
    assert_certain_stage(s, r, 1, kept, zero);
}

/* A firm promoted in a year does not move again that year, and a firm that
 * lapses is not drawn again in its new stage until the next year: with
 * both edges certain, 10 firms alternate between the stages. */
static void test_one_move_a_year(void **state)
{
    (void)state;
    g_autoptr(Model) chain = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2023\n"
                                  "[stages]\na=A\nb=B\nc=C\n[baseline]\na=10\n"
                                  "[transitions]\na -> b = 1\nb -> c = 1\n");
    g_autoptr(RunResult) r1 = run(chain, 100, SEED, 1, TRUE);
    g_autoptr(Summary) s1 = tu_summary(chain, r1);
    const gint64 a[] = {10, 0, 0}, b[] = {0, 10, 0}, c[] = {0, 0, 10};
    const gint64 zero[] = {0, 0, 0};
    assert_certain_stage(s1, r1, 0, a, zero);
    assert_certain_stage(s1, r1, 1, b, b);
    assert_certain_stage(s1, r1, 2, c, c);

    g_autoptr(Model) swing = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2025\n"
                                  "[stages]\ntech_sme=科小\nhightech=高企\n[baseline]\nhightech=10\n"
                                  "[transitions]\ntech_sme -> hightech = 1\n"
                                  "[renewal]\nhightech=1;0;tech_sme\n");
    g_autoptr(RunResult) r2 = run(swing, 100, SEED, 1, TRUE);
    g_autoptr(Summary) s2 = tu_summary(swing, r2);
    const gint64 sme[] = {0, 10, 0, 10, 0}, high[] = {10, 0, 10, 0, 10};
    const gint64 none[] = {0, 0, 0, 0, 0};
    assert_certain_stage(s2, r2, 0, sme, none);   /* lapses are not entries */
    assert_certain_stage(s2, r2, 1, high, (const gint64[]){0, 0, 10, 0, 10});
}

/* Recruitment is rounded to the nearest integer, ties to even, every year. */
static void test_recruitment_rounding(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2024\n"
                              "[stages]\na=A\nb=B\nc=C\nd=D\ne=E\nf=F\n"
                              "[baseline]\nf=1\n"
                              "[recruitment]\na=2.5\nb=3.5\nc=100.5\nd=0.5\ne=1.5\nf=2.4999\n");
    const gint64 per_year[] = {2, 4, 100, 0, 2, 2};
    const gint64 base[] = {0, 0, 0, 0, 0, 1};
    g_autoptr(RunResult) r = run(m, 50, SEED, 2, TRUE);
    g_autoptr(Summary) s = tu_summary(m, r);
    for (int st = 0; st < 6; st++) {
        gint64 want[4], want_new[4];
        for (int y = 0; y < 4; y++) {
            want[y] = base[st] + per_year[st] * y;
            want_new[y] = y == 0 ? 0 : per_year[st];
        }
        assert_certain_stage(s, r, st, want, want_new);
    }
}

/* ---- laws of the draws ------------------------------------------------ */

/* Arrivals are Poisson(λ) a year: after k years the stock is Poisson(kλ),
 * its mean and variance kλ; its tail against GSL's Poisson CDF. */
static void test_poisson_inflow(void **state)
{
    (void)state;
    const double lambda = 7.3;
    const guint64 n = 20000;
    g_autoptr(Model) m = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2024\n"
                              "[stages]\na=A\n[inflows]\na=7.3\n");
    g_autoptr(RunResult) r = run(m, n, SEED, 2, TRUE);
    g_autoptr(Summary) s = tu_summary(m, r);
    for (int y = 1; y <= 3; y++) {
        double mu = lambda * y;
        const Histogram *h = stock_hist(r, y, 0);
        assert_mean(histogram_mean(h), mu, sqrt(mu), n, "year %d", y);
        /* Var of the sample variance of a Poisson: (mu4 - sigma^4)/n,
         * mu4 = mu(1 + 3mu). */
        double var = histogram_sd(h) * histogram_sd(h);
        assert_near(var, mu, N_SE * sqrt((mu + 2 * mu * mu) / n));
        assert_mean(s->stages[0].new_mean[y], lambda, sqrt(lambda), n, "entries in year %d", y);
        assert_near(s->stages[0].expected[y], mu, 1e-9);
        assert_near(s->stages[0].new_expected[y], lambda, 1e-9);
        for (unsigned k = (unsigned)(mu - 2 * sqrt(mu)); k <= mu + 2 * sqrt(mu); k++) {
            double p = gsl_cdf_poisson_Q(k - 1, mu);  /* P(X >= k) */
            double got = (double)histogram_count_at_least(h, k) / n;
            assert_near(got, p, N_SE * sqrt(p * (1 - p) / n));
        }
    }
}

/* The smallest c with P(X <= c) >= q/100 for X ~ Binomial(n, p). */
static gint64 binomial_quantile(guint q, double p, unsigned n)
{
    for (unsigned c = 0; c < n; c++)
        if (gsl_cdf_binomial_P(c, p, n) >= q / 100.0)
            return c;
    return n;
}

/* One edge, one year: the movers are Binomial(200, 0.13).  The share of
 * replications with at least k movers against the exact tail, the
 * percentiles against the exact quantiles (±1), and stayers + movers = 200
 * in every replication. */
static void test_binomial_one_edge(void **state)
{
    (void)state;
    const guint64 n = 20000;
    const double p = 0.13;
    const unsigned firms = 200;
    g_autoptr(Model) m = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2022\n"
                              "[stages]\ntech_sme=科小\nhightech=高企\n[baseline]\ntech_sme=200\n"
                              "[transitions]\ntech_sme -> hightech = 0.13\n"
                              "[target 高企30]\nstage=hightech\nat_least=30\n");
    g_autoptr(RunResult) r = run(m, n, SEED, 2, TRUE);
    g_autoptr(Summary) s = tu_summary(m, r);
    const Histogram *moved = stock_hist(r, 1, 1), *stayed = stock_hist(r, 1, 0);
    int checked = 0;
    for (unsigned k = 1; k < firms; k++) {
        double q = gsl_cdf_binomial_Q(k - 1, p, firms);  /* P(X >= k) */
        if (q < 0.01 || q > 0.99)
            continue;
        double got = (double)histogram_count_at_least(moved, k) / n;
        if (fabs(got - q) > N_SE * sqrt(q * (1 - q) / n))
            fail_msg("P(movers >= %u) = %.5f, exact %.5f", k, got, q);
        checked++;
    }
    assert_true(checked >= 10);
    for (int i = 0; i < SUMMARY_N_PCT; i++) {
        gint64 want = binomial_quantile(summary_pcts[i], p, firms);
        gint64 got = s->stages[1].pct[i][1];
        if (llabs(got - want) > 1)
            fail_msg("P%u of movers = %" G_GINT64_FORMAT ", exact %" G_GINT64_FORMAT, summary_pcts[i], got, want);
    }
    double exact30 = gsl_cdf_binomial_Q(29, p, firms);
    assert_near(s->targets[0].probability, exact30, N_SE * sqrt(exact30 * (1 - exact30) / n));
    assert_near(s->targets[0].se, sqrt(s->targets[0].probability * (1 - s->targets[0].probability) / n), 1e-12);
    assert_near(histogram_mean(moved) + histogram_mean(stayed), firms, 1e-9);
    assert_near(histogram_sd(moved), histogram_sd(stayed), 1e-9);
    assert_near(histogram_min(moved) + histogram_max(stayed), firms, 0);
    assert_near(s->stages[1].expected[1], firms * p, 1e-9);
    assert_mean(histogram_mean(moved), firms * p, sqrt(firms * p * (1 - p)), n, "%s", "movers");
}

/* Exit and several edges split a cohort multinomially: each outcome's
 * count is Binomial(n, its probability), a zero edge takes nobody, and
 * nobody is counted twice.  Checked on a plain stage and on a renewal
 * stage (whose cohorts are drawn clock by clock). */
typedef struct {
    const char *id;
    const char *renewal;  /* [renewal] line for stage a, or "" */
} SplitCase;

static const SplitCase split_cases[] = {
    {"engine-3.1", ""},
    {"engine-3.2", "[renewal]\na=3;1;b\n"},
};

static void test_split_case(void **state)
{
    const SplitCase *c = *state;
    const guint64 n = 20000;
    const unsigned firms = 1000;
    g_autofree char *text = g_strdup_printf("[scenario]\nname=x\nbase_year=2021\nhorizon=2022\n"
                                            "[stages]\na=A\nb=B\nc=C\nd=D\n[baseline]\na=1000\n"
                                            "[transitions]\na -> b = 0.3\na -> d = 0\na -> c = 0.1\n"
                                            "[exits]\na=0.2\n%s", c->renewal);
    g_autoptr(Model) m = tu_load(text);
    g_autoptr(RunResult) r = run(m, n, SEED, 2, TRUE);
    const double p[] = {0.4, 0.3, 0.1, 0};  /* stay, b, c, d */
    for (int st = 0; st < 4; st++) {
        const Histogram *h = stock_hist(r, 1, st);
        double mu = firms * p[st], var = firms * p[st] * (1 - p[st]);
        assert_mean(histogram_mean(h), mu, sqrt(var), n, "stage %d", st);
        if (p[st] == 0) {
            assert_int_equal(histogram_max(h), 0);
            continue;
        }
        /* binomial mu4 = n p q (1 + 3 (n - 2) p q) */
        double mu4 = var * (1 + 3 * (firms - 2.0) * p[st] * (1 - p[st]));
        double s = histogram_sd(h);
        assert_near(s * s, var, N_SE * sqrt((mu4 - var * var) / n));
        for (unsigned k = (unsigned)(mu - 2 * sqrt(var)); k <= mu + 2 * sqrt(var); k += 3) {
            double q = gsl_cdf_binomial_Q(k - 1, p[st], firms);
            double got = (double)histogram_count_at_least(h, k) / n;
            assert_near(got, q, N_SE * sqrt(q * (1 - q) / n));
        }
    }
    /* Everybody who did not exit is somewhere: the total is 1000 - exits,
     * and exits are Binomial(1000, 0.2). */
    double total_mean = 0;
    for (int st = 0; st < 4; st++)
        total_mean += histogram_mean(stock_hist(r, 1, st));
    assert_mean(total_mean, firms * 0.8, sqrt(firms * 0.2 * 0.8), n, "%s", "firms left");
}

/* ---- against the exact expectation ------------------------------------ */

/* bench6 (renewals, a policy, several edges each way, inflows and
 * recruitment) at central values: the Monte Carlo mean of every stock and
 * every target count within N_SE standard errors of expect_run. */
static void test_bench6_stock_means(void **state)
{
    (void)state;
    const guint64 n = 20000;
    g_autoptr(Model) m = tu_load_bench6(NULL);
    g_autoptr(RunResult) r = run(m, n, SEED, 2, FALSE);
    g_autoptr(Summary) s = tu_summary(m, r);
    int Y = model_n_years(m), S = m->n_stages;
    g_autofree double *central = g_new(double, m->n_params);
    g_autofree double *ex = g_new(double, Y * S);
    g_autofree double *ex_new = g_new(double, Y * S);
    model_central_params(m, central);
    assert_true(expect_run(m, central, ex, ex_new, NULL));
    for (int y = 0; y < Y; y++)
        for (int st = 0; st < S; st++) {
            const Histogram *h = stock_hist(r, y, st);
            assert_mean(histogram_mean(h), ex[y * S + st], histogram_sd(h), n, "%s in %d", m->stages[st].id,
                        m->base_year + y);
            assert_near(s->stages[st].expected[y], ex[y * S + st], 1e-9);
        }
    for (int st = 0; st < S; st++)
        assert_near(ex[st], (double)m->stages[st].baseline, 0);
    for (int t = 0; t < m->n_targets; t++)
        assert_mean(s->targets[t].mean, s->targets[t].expected, histogram_sd(s->targets[t].hist), n,
                    "target %s", m->targets[t].name);
}

/* The same for the entries of every stage and year, with the engine driven
 * directly (the runner keeps only their sums), so their standard deviation
 * is known too. */
static void test_bench6_entry_means(void **state)
{
    (void)state;
    const guint64 n = 5000;
    g_autoptr(Model) m = tu_load_bench6(NULL);
    int Y = model_n_years(m), S = m->n_stages, P = m->n_params;
    g_autofree double *base = g_new(double, P);
    g_autofree double *params = g_new0(double, Y * P);
    g_autofree double *ex = g_new(double, Y * S);
    g_autofree double *ex_new = g_new(double, Y * S);
    g_autofree gint64 *stock = g_new(gint64, Y * S);
    g_autofree gint64 *entries = g_new(gint64, Y * S);
    g_autofree double *sum = g_new0(double, Y * S);
    g_autofree double *sum2 = g_new0(double, Y * S);
    gsl_rng *rng = rng_new();
    g_autoptr(EngineScratch) scratch = engine_scratch_new(m);

    engine_draw_params(m, FALSE, rng, SEED, 0, base);
    for (int y = 1; y < Y; y++)
        assert_true(model_year_params(m, base, m->base_year + y, params + y * P, NULL));
    assert_true(expect_run(m, base, ex, ex_new, NULL));
    for (guint64 rep = 0; rep < n; rep++) {
        engine_replicate(m, params, NULL, rng, SEED, rep, scratch, &(EngineTrajectory){stock, entries, NULL});
        for (int i = 0; i < Y * S; i++) {
            sum[i] += (double)entries[i];
            sum2[i] += (double)entries[i] * (double)entries[i];
        }
    }
    gsl_rng_free(rng);
    for (int i = 0; i < Y * S; i++) {
        double mean = sum[i] / n, sd = sqrt(fmax(0, (sum2[i] - n * mean * mean) / (n - 1)));
        if (i < S)
            assert_near(mean, 0, 0);  /* the base year has no entries */
        assert_mean(mean, ex_new[i], sd, n, "entries of %s in %d", m->stages[i % S].id, m->base_year + i / S);
    }
}

/* expect_run_flows on bench6 (a policy, renewals, edges down the ladder):
 * stocks and entries are expect_run's, bit for bit; each stage's entries
 * are the flows of its incoming edges, inflow and recruitment; and no firm
 * is lost: the total changes by arrivals and recruitment minus exits. */
static void test_expect_flows(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load_bench6(NULL);
    int Y = model_n_years(m), S = m->n_stages, P = m->n_params;
    g_autofree double *central = g_new(double, P);
    g_autofree double *ex = g_new(double, Y * S), *ex_new = g_new(double, Y * S);
    g_autofree double *fx = g_new(double, Y * S), *fx_new = g_new(double, Y * S);
    g_autofree double *flows = g_new(double, Y * P);
    model_central_params(m, central);
    assert_true(expect_run(m, central, ex, ex_new, NULL));
    assert_true(expect_run_flows(m, central, fx, fx_new, flows, NULL));
    assert_memory_equal(ex, fx, sizeof(double) * Y * S);
    assert_memory_equal(ex_new, fx_new, sizeof(double) * Y * S);
    for (int i = 0; i < P; i++)
        assert_near(flows[i], 0, 0);  /* the base year has no flows */
    for (int y = 1; y < Y; y++) {
        const double *f = flows + y * P;
        g_autofree double *in = g_new0(double, S);
        double total = 0, before = 0, change = 0;
        for (int i = 0; i < P; i++) {
            const Param *q = &m->params[i];
            assert_true(f[i] >= 0);
            if (q->kind == PARAM_EDGE) {
                in[q->to] += f[i];
            } else if (q->kind == PARAM_INFLOW || q->kind == PARAM_RECRUITMENT) {
                in[q->stage] += f[i];
                change += f[i];
            } else if (q->kind == PARAM_EXIT) {
                change -= f[i];
            }
        }
        for (int s = 0; s < S; s++) {
            assert_near(in[s], ex_new[y * S + s], 1e-9);
            total += ex[y * S + s];
            before += ex[(y - 1) * S + s];
        }
        assert_near(total, before + change, 1e-9);
    }
    /* recruitment is the policy's 120 + 15 from 2023 (rounded: 4.5 -> 4) */
    assert_near(flows[(2023 - m->base_year) * P + model_param_find(m, "recruitment.tech_sme")], 135, 0);
    assert_near(flows[1 * P + model_param_find(m, "recruitment.hightech")], 4, 0);
}

/* ---- policies and common random numbers ------------------------------- */

/* A policy from 2024 leaves 2022-2023 exactly as without it: with the same
 * seed, every replication's stocks and entries agree before 2024, replication
 * by replication (uncertain parameters drawn too); from 2024 they differ. */
static void test_policy_years_crn(void **state)
{
    (void)state;
    g_autoptr(Model) a = tu_load_bench6(NULL);
    g_autoptr(Model) b = tu_load_bench6("\n[policy late]\nfrom=2024\nhightech -> gazelle = *1.5\nexit.tech_sme=+0.02\n");
    assert_int_equal(a->n_params, b->n_params);
    int Y = model_n_years(a), S = a->n_stages, P = a->n_params;
    int first = 2024 - a->base_year;  /* year index the policy starts */
    g_autofree double *base_a = g_new(double, P), *base_b = g_new(double, P);
    g_autofree double *pa = g_new0(double, Y * P), *pb = g_new0(double, Y * P);
    g_autofree gint64 *sa = g_new(gint64, Y * S), *sb = g_new(gint64, Y * S);
    g_autofree gint64 *ea = g_new(gint64, Y * S), *eb = g_new(gint64, Y * S);
    gsl_rng *rng = rng_new();
    g_autoptr(EngineScratch) xa = engine_scratch_new(a);
    g_autoptr(EngineScratch) xb = engine_scratch_new(b);
    int differ = 0;
    for (guint64 rep = 0; rep < 500; rep++) {
        engine_draw_params(a, TRUE, rng, SEED, rep, base_a);
        engine_draw_params(b, TRUE, rng, SEED, rep, base_b);
        assert_memory_equal(base_a, base_b, sizeof(double) * P);
        for (int y = 1; y < Y; y++) {
            assert_true(model_year_params(a, base_a, a->base_year + y, pa + y * P, NULL));
            assert_true(model_year_params(b, base_b, b->base_year + y, pb + y * P, NULL));
        }
        engine_replicate(a, pa, NULL, rng, SEED, rep, xa, &(EngineTrajectory){sa, ea, NULL});
        engine_replicate(b, pb, NULL, rng, SEED, rep, xb, &(EngineTrajectory){sb, eb, NULL});
        assert_memory_equal(sa, sb, sizeof(gint64) * first * S);
        assert_memory_equal(ea, eb, sizeof(gint64) * first * S);
        differ += memcmp(sa + first * S, sb + first * S, sizeof(gint64) * S) != 0;
    }
    gsl_rng_free(rng);
    assert_true(differ > 250);  /* the policy does act from 2024 */
}

/* The same through the runner and the exact expectation: before 2024 every
 * histogram bin and every expected count is identical, after it they move. */
static void test_policy_years_summary(void **state)
{
    (void)state;
    g_autoptr(Model) a = tu_load_bench6(NULL);
    g_autoptr(Model) b = tu_load_bench6("\n[policy late]\nfrom=2024\nto=2024\nhightech -> gazelle = *1.5\n");
    g_autoptr(RunResult) ra = run(a, 3000, SEED, 2, TRUE);
    g_autoptr(RunResult) rb = run(b, 3000, SEED, 3, TRUE);
    g_autoptr(Summary) sa = tu_summary(a, ra);
    g_autoptr(Summary) sb = tu_summary(b, rb);
    int first = 2024 - a->base_year, S = a->n_stages;
    int gazelle = model_stage_index(a, "gazelle");
    for (int y = 0; y < sa->n_years; y++)
        for (int st = 0; st < S; st++) {
            const Histogram *ha = stock_hist(ra, y, st), *hb = stock_hist(rb, y, st);
            if (y < first) {
                for (gint64 x = histogram_min(ha); x <= histogram_max(ha) + 1; x++)
                    assert_int_equal(histogram_count_at_least(ha, x), histogram_count_at_least(hb, x));
                assert_true(sa->stages[st].expected[y] == sb->stages[st].expected[y]);
            }
        }
    assert_true(sb->stages[gazelle].expected[first] > sa->stages[gazelle].expected[first] + 1);
    assert_true(sb->stages[gazelle].mean[first] > sa->stages[gazelle].mean[first] + 1);
    /* the policy ends in 2024: the parameters of 2025 are the base ones */
    g_autofree double *base = g_new(double, b->n_params), *y = g_new(double, b->n_params);
    g_autofree double *y0 = g_new(double, b->n_params);
    model_central_params(b, base);
    assert_true(model_year_params(b, base, 2025, y, NULL));
    assert_true(model_year_params(a, base, 2025, y0, NULL));
    assert_memory_equal(y, y0, sizeof(double) * b->n_params);
}

/* Common random numbers across stages: a stage's draws depend only on its
 * own counts and parameters, so changing stages c and d, which send no
 * firm to a or b, leaves every replication of a and b exactly as it was:
 * a different exit, inflow, renewal or edge out of c, or a recruitment
 * (which draws nothing). */
typedef struct {
    const char *id;
    const char *groups;  /* groups after [transitions] a -> b, b -> a */
} CrnCase;

static const CrnCase crn_cases[] = {
    {"engine-4.1", "[exits]\na=0.1\nc=0.3\n[inflows]\nc=5\n"},
    {"engine-4.2", "[exits]\na=0.1\nc=0.1\n[inflows]\nc=50\n"},
    {"engine-4.3", "[exits]\na=0.1\nc=0.1\n[inflows]\nc=5\n[recruitment]\nc=3\n"},
    {"engine-4.4", "[exits]\na=0.1\nc=0.1\n[inflows]\nc=5\n[renewal]\nc=2;0.5;d\n"},
    {"engine-4.5", "c -> d = 0.2\n[exits]\na=0.1\nc=0.1\n[inflows]\nc=5\n"},
};

#define CRN_BASE                                                                          \
    "[scenario]\nname=x\nbase_year=2021\nhorizon=2025\n"                                   \
    "[stages]\na=A\nb=B\nc=C\nd=D\n[baseline]\na=300\nb=40\nc=100\n"                     \
    "[transitions]\na -> b = 0.2\nb -> a = 0.05\n"

static void test_crn_case(void **state)
{
    const CrnCase *c = *state;
    g_autoptr(Model) ref = tu_load(CRN_BASE "[exits]\na=0.1\nc=0.1\n[inflows]\nc=5\n");
    g_autofree char *text = g_strconcat(CRN_BASE, c->groups, NULL);
    g_autoptr(Model) other = tu_load(text);
    int Y = model_n_years(ref);
    g_autoptr(RunResult) r1 = run(ref, 400, SEED, 2, TRUE);
    g_autoptr(RunResult) r2 = run(other, 400, SEED, 3, TRUE);
    gboolean changed = FALSE;
    for (int y = 0; y < Y; y++) {
        for (int st = 0; st < 2; st++) {
            const Histogram *h1 = stock_hist(r1, y, st), *h2 = stock_hist(r2, y, st);
            for (gint64 x = histogram_min(h1); x <= histogram_max(h1) + 1; x++)
                assert_int_equal(histogram_count_at_least(h1, x), histogram_count_at_least(h2, x));
        }
        for (int st = 2; st < 4; st++)
            changed = changed || histogram_mean(stock_hist(r1, y, st)) != histogram_mean(stock_hist(r2, y, st));
    }
    assert_true(changed);  /* the change did act on c or d */
}

/* ---- threads ---------------------------------------------------------- */

static void assert_same_hist(const Histogram *a, const Histogram *b)
{
    assert_int_equal(a->total, b->total);
    assert_int_equal(histogram_min(a), histogram_min(b));
    assert_int_equal(histogram_max(a), histogram_max(b));
    for (gint64 x = histogram_min(a); x <= histogram_max(a); x++)
        assert_int_equal(histogram_count_at_least(a, x) - histogram_count_at_least(a, x + 1),
                         histogram_count_at_least(b, x) - histogram_count_at_least(b, x + 1));
}

/* 1, 2 and 3 threads give the same result, bin by bin (3001 replications:
 * not a whole number of chunks). */
static void test_threads(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load_bench6(NULL);
    g_autoptr(RunResult) r1 = run(m, 3001, SEED, 1, TRUE);
    const guint threads[] = {2, 3};
    int cells = r1->n_years * r1->n_stages;
    for (gsize t = 0; t < G_N_ELEMENTS(threads); t++) {
        g_autoptr(RunResult) r = run(m, 3001, SEED, threads[t], TRUE);
        for (int i = 0; i < cells; i++) {
            assert_same_hist(r1->stock[i], r->stock[i]);
            assert_int_equal(r1->entries_sum[i], r->entries_sum[i]);
        }
        for (int i = 0; i < m->n_targets; i++) {
            assert_same_hist(r1->target[i], r->target[i]);
            assert_int_equal(r1->target_met[i], r->target_met[i]);
        }
        assert_int_equal(r1->all_met, r->all_met);
    }
    /* and another seed does change it */
    g_autoptr(RunResult) other = run(m, 3001, SEED + 1, 1, TRUE);
    assert_true(histogram_mean(other->stock[cells - 1]) != histogram_mean(r1->stock[cells - 1]));
}

/* ---- uncertainty ------------------------------------------------------ */

/* Beta-binomial(n, a, b) pmf: the count moved when p ~ beta(a, b). */
static double beta_binomial_pdf(unsigned k, unsigned n, double a, double b)
{
    return exp(gsl_sf_lnchoose(n, k) + gsl_sf_lnbeta(k + a, n - k + b) - gsl_sf_lnbeta(a, b));
}

/* One edge drawn from beta(2,8) per replication, 100 firms, one year: the
 * movers are beta-binomial(100, 2, 8): mean n·E[p] = 20, variance 160
 * (against 16 at the fixed central p), and its tail exactly known. */
static void test_uncertain_beta(void **state)
{
    (void)state;
    const guint64 n = 20000;
    const unsigned firms = 100;
    g_autoptr(Model) m = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2022\n"
                              "[stages]\na=A\nb=B\n[baseline]\na=100\n"
                              "[transitions]\na -> b = 0.2\n[uncertainty]\na -> b = beta(2,8)\n");
    double mean = 0, m2 = 0, m4 = 0, tail[101];
    for (unsigned k = 0; k <= firms; k++)
        mean += k * beta_binomial_pdf(k, firms, 2, 8);
    for (unsigned k = 0; k <= firms; k++) {
        double d = k - mean, p = beta_binomial_pdf(k, firms, 2, 8);
        m2 += d * d * p;
        m4 += d * d * d * d * p;
    }
    tail[firms] = beta_binomial_pdf(firms, firms, 2, 8);
    for (int k = (int)firms - 1; k >= 0; k--)
        tail[k] = tail[k + 1] + beta_binomial_pdf((unsigned)k, firms, 2, 8);
    assert_near(mean, 20, 1e-9);
    assert_near(m2, 160, 1e-6);

    g_autoptr(RunResult) r = run(m, n, SEED, 2, TRUE);
    g_autoptr(Summary) s = tu_summary(m, r);
    const Histogram *h = stock_hist(r, 1, 1);
    assert_mean(histogram_mean(h), mean, sqrt(m2), n, "%s", "movers, drawn p");
    double sd = histogram_sd(h);
    assert_near(sd * sd, m2, N_SE * sqrt((m4 - m2 * m2) / n));
    for (unsigned k = 5; k <= 50; k += 5)
        assert_near((double)histogram_count_at_least(h, k) / n, tail[k], N_SE * sqrt(tail[k] * (1 - tail[k]) / n));
    assert_near(s->stages[1].expected[1], 20, 1e-9);  /* at the central value */

    /* --no-uncertainty: Binomial(100, 0.2), variance 16 */
    g_autoptr(RunResult) fixed = run(m, n, SEED, 2, FALSE);
    const Histogram *hf = stock_hist(fixed, 1, 1);
    double sdf = histogram_sd(hf), var = 16, mu4 = var * (1 + 3 * 98 * 0.16);
    assert_mean(histogram_mean(hf), 20, 4, n, "%s", "movers, central p");
    assert_near(sdf * sdf, var, N_SE * sqrt((mu4 - var * var) / n));
}

/* An inflow drawn from gamma(4, 2.5) per replication: one year's arrivals
 * are negative binomial (shape 4, p = 1/(1 + 2.5)): mean 10, variance
 * 10 + 4·2.5² = 35, and the tail against GSL's negative binomial CDF. */
static void test_uncertain_gamma(void **state)
{
    (void)state;
    const guint64 n = 20000;
    g_autoptr(Model) m = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2022\n"
                              "[stages]\na=A\n[inflows]\na=10\n[uncertainty]\ninflow.a=gamma(4,2.5)\n");
    g_autoptr(RunResult) r = run(m, n, SEED, 2, TRUE);
    const Histogram *h = stock_hist(r, 1, 0);
    assert_mean(histogram_mean(h), 10, sqrt(35), n, "%s", "arrivals");
    for (unsigned k = 2; k <= 24; k += 2) {
        double q = gsl_cdf_negative_binomial_Q(k - 1, 1 / 3.5, 4);  /* P(X >= k) */
        assert_near((double)histogram_count_at_least(h, k) / n, q, N_SE * sqrt(q * (1 - q) / n));
    }
}

/* A recruitment drawn from uniform(2,3) is drawn once per replication and
 * rounded every year: each replication recruits 2 a year (draw below 2.5)
 * or 3 a year, never a mix, each with probability 1/2.  The exact
 * expectation is at the central value 2.5, which rounds to 2. */
static void test_uncertain_recruitment(void **state)
{
    (void)state;
    const guint64 n = 20000;
    g_autoptr(Model) m = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2024\n"
                              "[stages]\na=A\n[recruitment]\na=2.5\n[uncertainty]\nrecruitment.a=uniform(2,3)\n");
    g_autoptr(RunResult) r = run(m, n, SEED, 2, TRUE);
    g_autoptr(Summary) s = tu_summary(m, r);
    for (int y = 1; y <= 3; y++) {
        const Histogram *h = stock_hist(r, y, 0);
        assert_int_equal(histogram_min(h), 2 * y);
        assert_int_equal(histogram_max(h), 3 * y);
        guint64 three = histogram_count_at_least(h, 3 * y);
        assert_int_equal(histogram_count_at_least(h, 2 * y + 1), three);  /* nothing between */
        assert_near((double)three / n, 0.5, N_SE * sqrt(0.25 / n));
        assert_near(s->stages[0].expected[y], 2.0 * y, 1e-9);
    }
    /* the same replications recruit 3 every year */
    assert_int_equal(histogram_count_at_least(stock_hist(r, 1, 0), 3),
                     histogram_count_at_least(stock_hist(r, 3, 0), 9));
    g_autoptr(RunResult) fixed = run(m, 100, SEED, 2, FALSE);
    assert_int_equal(histogram_max(stock_hist(fixed, 3, 0)), 6);
}

/* A drawn parameter that a policy pushes out of [0, 1] fails the run,
 * naming the lowest such replication whatever the thread count; the same
 * scenario at central values runs. */
static void test_drawn_out_of_range(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2023\n"
                              "[stages]\ntech_sme=科小\nhightech=高企\n[baseline]\nhightech=100\n"
                              "[renewal]\nhightech=3;0.75;tech_sme\n"
                              "[uncertainty]\nrenewal.hightech=beta(30,10)\n"
                              "[policy 加码]\nfrom=2023\nrenewal.hightech=+0.15\n");
    /* The lowest replication whose draw exceeds 0.85 (about 7% of them),
     * found independently of the runner's threads. */
    gsl_rng *rng = rng_new();
    double base[4], y[4];
    gint64 lowest = -1;
    for (guint64 rep = 0; rep < 2000 && lowest < 0; rep++) {
        engine_draw_params(m, TRUE, rng, SEED, rep, base);
        if (base[0] + 0.15 > 1)
            lowest = (gint64)rep;
        else
            assert_true(model_year_params(m, base, 2023, y, NULL));
    }
    gsl_rng_free(rng);
    assert_true(lowest >= 0);
    g_autofree char *want = g_strdup_printf("replication %" G_GINT64_FORMAT " ", lowest);
    g_autofree char *first_message = NULL;
    const guint threads[] = {1, 2, 3};
    for (gsize t = 0; t < G_N_ELEMENTS(threads); t++) {
        RunConfig c = {.reps = 2000, .seed = SEED, .threads = threads[t], .uncertain = TRUE};
        GError *error = NULL;
        RunResult *r = runner_run(m, &c, &error);
        assert_null(r);
        assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT));
        if (strstr(error->message, want) == NULL || strstr(error->message, "[policy 加码]") == NULL ||
            strstr(error->message, "in 2023") == NULL || strstr(error->message, "renewal.hightech") == NULL)
            fail_msg("message '%s' should name %s, the policy, the year and the parameter", error->message, want);
        if (first_message == NULL)
            first_message = g_strdup(error->message);
        assert_string_equal(error->message, first_message);
        g_error_free(error);
    }
    g_autoptr(RunResult) central = run(m, 200, SEED, 2, FALSE);
    assert_non_null(central);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_certain_moves),
        cmocka_unit_test(test_all_targets),
        cmocka_unit_test(test_certain_exit),
        cmocka_unit_test(test_no_rates),
        cmocka_unit_test(test_one_move_a_year),
        cmocka_unit_test(test_recruitment_rounding),
        cmocka_unit_test(test_poisson_inflow),
        cmocka_unit_test(test_binomial_one_edge),
        cmocka_unit_test(test_bench6_stock_means),
        cmocka_unit_test(test_bench6_entry_means),
        cmocka_unit_test(test_policy_years_crn),
        cmocka_unit_test(test_policy_years_summary),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_uncertain_beta),
        cmocka_unit_test(test_uncertain_gamma),
        cmocka_unit_test(test_uncertain_recruitment),
        cmocka_unit_test(test_drawn_out_of_range),
        cmocka_unit_test(test_entries_down_the_ladder),
        cmocka_unit_test(test_expect_flows),
    };
    g_autoptr(GArray) tests = TU_TESTS(fixed);
    ADD_ROWS(tests, target_cases, test_target_case);
    ADD_ROWS(tests, clock_cases, test_clock_case);
    ADD_ROWS(tests, split_cases, test_split_case);
    ADD_ROWS(tests, crn_cases, test_crn_case);
    return tu_run_tests("engine", tests);
}
