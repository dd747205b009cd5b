/* test_sample.c: the binomial and Poisson samplers against their exact
 * probability mass functions (chi-square goodness of fit at fixed seeds),
 * across the inversion and rejection regimes and their boundaries.
 * SPDX-License-Identifier: MIT */
#include "testutil.h"

#include <math.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "rng.h"
#include "sample.h"

#define DRAWS 200000
#define MIN_EXPECTED 20.0   /* pool bins until each expects this many draws */
#define MIN_PVALUE 1e-4     /* a correct sampler fails one case in 10^4 */

typedef struct {
    const char *id;
    double p;        /* binomial p; < 0 for a Poisson case */
    gint64 n;        /* binomial n */
    double mu;       /* Poisson mean */
} Case;

static double pmf(const Case *c, gint64 k)
{
    return c->p >= 0 ? gsl_ran_binomial_pdf((unsigned)k, c->p, (unsigned)c->n)
                     : gsl_ran_poisson_pdf((unsigned)k, c->mu);
}

/* Chi-square p-value of DRAWS draws of case `c` from our Philox stream. */
static double goodness_of_fit(const Case *c, guint64 seed)
{
    gint64 max = c->p >= 0 ? c->n : (gint64)(c->mu + 20 * sqrt(c->mu) + 40);
    g_autofree guint64 *count = g_new0(guint64, max + 1);
    gsl_rng *r = rng_new();
    rng_open(r, seed, 0, 1);
    for (int i = 0; i < DRAWS; i++) {
        gint64 x = c->p >= 0 ? sample_binomial(r, c->p, c->n) : sample_poisson(r, c->mu);
        assert_true(x >= 0 && x <= max);
        count[x]++;
    }
    gsl_rng_free(r);
    double chi = 0, e = 0, o = 0;
    int df = -1;
    for (gint64 k = 0; k <= max; k++) {
        e += pmf(c, k) * DRAWS;
        o += (double)count[k];
        if (e >= MIN_EXPECTED || k == max) {
            chi += e > 0 ? (o - e) * (o - e) / e : (o > 0 ? INFINITY : 0);
            df++;
            e = o = 0;
        }
    }
    return df > 0 ? gsl_cdf_chisq_Q(chi, df) : (chi == 0 ? 1 : 0);
}

static const Case cases[] = {
    /* inversion: mean under 40, up to just below it */
    {"sample-1.1", 0.001, 5, 0},    {"sample-1.2", 0.05, 20, 0},   {"sample-1.3", 0.3, 30, 0},
    {"sample-1.4", 0.0005, 19999, 0},  {"sample-1.5", 0.399, 49, 0},  {"sample-1.6", 0.0133, 1500, 0},
    {"sample-1.7", 0.5, 39, 0},     {"sample-1.13", 0.5, 79, 0},   {"sample-1.14", 0.0399, 1000, 0},
    {"sample-1.15", 0.001, 39999, 0},
    /* inversion by blocks of eight: n inside the first block (draws past n
     * restart), and q^n by squaring at n = 1023 and 1024 (every bit used) */
    {"sample-1.8", 0.5, 1, 0},      {"sample-1.9", 0.5, 3, 0},     {"sample-1.10", 0.45, 6, 0},
    {"sample-1.11", 0.0187, 1023, 0}, {"sample-1.12", 0.0195, 1024, 0},
    /* BTRD just above its threshold, mid and large n, and p > 1/2 by symmetry */
    {"sample-2.1", 0.5, 81, 0},     {"sample-2.2", 0.1, 401, 0},   {"sample-2.3", 0.5, 400, 0},
    {"sample-2.4", 0.24, 3000, 0},  {"sample-2.5", 0.9, 1000, 0},  {"sample-2.6", 0.999, 20000, 0},
    {"sample-2.7", 0.02, 100000, 0}, {"sample-2.8", 0.4, 101, 0},
    /* Poisson: inversion under 10, PTRS from 10 */
    {"sample-3.1", -1, 0, 0.3},     {"sample-3.2", -1, 0, 9.99},   {"sample-3.3", -1, 0, 10},
    {"sample-3.4", -1, 0, 37.5},    {"sample-3.5", -1, 0, 400},    {"sample-3.6", -1, 0, 25000},
};

static void test_fit(void **state)
{
    (void)state;
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        double pv = goodness_of_fit(&cases[i], 1000 + i);
        if (pv < MIN_PVALUE)
            fail_msg("%s: chi-square p-value %g", cases[i].id, pv);
    }
}

/* The test above must be able to fail: a sampler off by a small bias is caught. */
static void test_fit_detects_bias(void **state)
{
    (void)state;
    Case wrong = {"sample-4.1", 0.5, 400, 0};
    /* Draws from p = 0.51 judged against p = 0.5. */
    gint64 max = wrong.n;
    g_autofree guint64 *count = g_new0(guint64, max + 1);
    gsl_rng *r = rng_new();
    rng_open(r, 7, 0, 1);
    for (int i = 0; i < DRAWS; i++)
        count[sample_binomial(r, 0.51, wrong.n)]++;
    gsl_rng_free(r);
    double chi = 0, e = 0, o = 0;
    int df = -1;
    for (gint64 k = 0; k <= max; k++) {
        e += pmf(&wrong, k) * DRAWS;
        o += (double)count[k];
        if (e >= MIN_EXPECTED || k == max) {
            chi += e > 0 ? (o - e) * (o - e) / e : 0;
            df++;
            e = o = 0;
        }
    }
    assert_true(gsl_cdf_chisq_Q(chi, df) < MIN_PVALUE);
}

static void test_certain(void **state)
{
    (void)state;
    gsl_rng *r = rng_new();
    rng_open(r, 1, 0, 1);
    assert_int_equal(sample_binomial(r, 0, 1000), 0);
    assert_int_equal(sample_binomial(r, 1, 1000), 1000);
    assert_int_equal(sample_binomial(r, 0.5, 0), 0);
    assert_int_equal(sample_poisson(r, 0), 0);
    /* n beyond 32 bits: the mean is right to many standard errors */
    gint64 n = 6000000000LL;
    gint64 x = sample_binomial(r, 0.5, n);
    assert_true(fabs((double)x - 0.5 * n) < 6 * sqrt(0.25 * n));
    gsl_rng_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_fit_detects_bias),
        cmocka_unit_test(test_certain),
    };
    return cmocka_run_group_tests_name("sample", tests, NULL, NULL);
}
