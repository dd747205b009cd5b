/* sample.c: exact binomial and Poisson samplers by transformed rejection
 * (W. Hörmann, "The generation of binomial random variates", J. Statist.
 * Comput. Simul. 46, 1993, 101-110, algorithm BTRD; and "The transformed
 * rejection method for generating Poisson random variables", Insurance:
 * Mathematics and Economics 12, 1993, 39-45, algorithm PTRS), with
 * sequential inversion for small means.  No approximation: every draw has
 * exactly the target distribution, up to floating point.
 * SPDX-License-Identifier: MIT */
#include "sample.h"

#include <math.h>

#include "rng.h"

/* Below these means inversion is used.  BTRD needs a mean of at least 10
 * (Hörmann).  Binomial inversion by blocks of eight terms (below) is faster
 * than BTRD up to a mean of 40 or more on bench6 (docs/performance.md), and,
 * being monotone in u, keeps common random numbers tighter than rejection:
 * draws for close p come from the same u. */
#define BINOMIAL_INVERSION_MEAN 40.0
#define POISSON_INVERSION_MEAN 10.0
/* Inversion restarts past this many steps: the residual u was rounding
 * noise.  At the largest mean that inverts (40), P(X > 160) is below 1e-40,
 * far under the 2^-53 resolution of u. */
#define INVERSION_MAX_STEPS 160

/* log(k!) - [(k + 1/2) log(k + 1) - (k + 1) + log(2 pi)/2]: the error of
 * Stirling's formula, tabulated below 10 (Hörmann 1993, table 1). */
static double stirling_correction(gint64 k)
{
    static const double table[10] = {
        0.08106146679532726, 0.04134069595540929, 0.02767792568499834, 0.02079067210376509,
        0.01664469118982119, 0.01387612882307075, 0.01189670994589177, 0.01041126526197209,
        0.009255462182712733, 0.008330563433362871,
    };
    if (k < 10)
        return table[k];
    double k1 = (double)k + 1, k2 = k1 * k1;
    return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / k2) / k2) / k1;
}

/* 1/x for the inversion loops, so that a step multiplies instead of
 * dividing (a division's latency dominated the loop: docs/performance.md). */
static const double *reciprocals(void)
{
    static double table[INVERSION_MAX_STEPS + 9];
    static gsize ready = 0;
    if (g_once_init_enter(&ready)) {
        for (int x = 1; x <= INVERSION_MAX_STEPS + 8; x++)
            table[x] = 1.0 / x;
        g_once_init_leave(&ready, 1);
    }
    return table;
}

/* q^n.  By squaring up to n = 1024: at most 20 multiplies, cheaper than
 * pow (docs/performance.md), within 350 ulps (8e-14 relative, measured over
 * 2 million random q in [0.8, 1]); pow beyond.  No branch on the bits of n:
 * each bit picks its factor from a table, since a branch on random bits is
 * mispredicted half the time (cachegrind counted a third of a whole run's
 * mispredictions there).  Always eleven rounds, which would also spare the
 * loop's exit, measured slower. */
static double power(double q, gint64 n)
{
    if (n > 1024)
        return pow(q, (double)n);
    double x = 1, factor[2] = {1, 0};
    for (int bits = 64 - __builtin_clzll((unsigned long long)n | 1); bits > 0; bits--, n >>= 1) {
        factor[1] = q;
        x *= factor[n & 1];
        q *= q;
    }
    return x;
}

/* floor(x), inlined: without SSE4.1 in the baseline instruction set the
 * compiler calls libm for floor, twice in every BTRD draw.  Exact for every
 * double: beyond 2^52 every double is already an integer. */
static inline double floor_exact(double x)
{
    if (!(fabs(x) < 4503599627370496.0)) /* 2^52; also NaN and infinities */
        return x;
    double t = (double)(gint64)x;        /* x rounded toward zero */
    return t > x ? t - 1 : t;
}

/* Sequential search from 0 along the pmf, eight terms a block: the smallest
 * x with u <= F(x).  A block's terms are its first term f times products of
 * the ratios f(x+1)/f(x) = a/(x+1) - s, which do not depend on f, so the
 * loop carries one multiply and one subtraction per eight terms instead of
 * per term, and the only unpredictable branch is the one block that holds
 * the answer (docs/performance.md). */
static gint64 binomial_inversion(const gsl_rng *r, double p, gint64 n)
{
    const double *inv = reciprocals();
    double q = 1 - p, s = p / q, a = (double)(n + 1) * s, f0 = power(q, n);
    for (;;) {
        double f = f0, u = rng_uniform(r);
        for (int x = 0; x <= INVERSION_MAX_STEPS; x += 8) {
            double r[9]; /* r[i]: f(x+i)/f(x); r[8] starts the next block */
            r[0] = 1;
            for (int i = 1; i <= 8; i++)
                r[i] = r[i - 1] * (a * inv[x + i] - s);
            double c[8]; /* c[i]: u's threshold for x+i, F(x+i) less F(x-1) */
            c[0] = f;
            for (int i = 1; i < 8; i++)
                c[i] = c[i - 1] + f * r[i];
            if (u <= c[7]) {
                gint64 k = x;
                for (int i = 0; i < 7; i++)
                    k += u > c[i];
                if (k <= n)
                    return k;
                break;
            }
            u -= c[7];
            f *= r[8];
        }
    }
}

/* BTRD for n*p >= 10 and p <= 1/2, in the steps of Hörmann's paper.  The
 * setup runs for every draw (n and p change from draw to draw), so the
 * constants of step 1, the box that accepts most draws at once, are
 * computed first and those of steps 2 and 3 only when step 1 rejects
 * (btrd_steps); a division saved in most draws (docs/performance.md). */
typedef struct {
    gint64 n;
    double nd, p, q, npq, sq, b, two_a, c, vr, inv_vr;
} BtrdBox;

/* Steps 2 and 3 for the first uniform `v` that step 1 did not accept, then
 * the whole loop again until a draw is accepted.  Out of line: rarely run. */
static G_GNUC_NO_INLINE gint64 btrd_steps(const gsl_rng *r, const BtrdBox *x, double v)
{
    const gint64 n = x->n;
    const double nd = x->nd, p = x->p, q = x->q, npq = x->npq, sq = x->sq, b = x->b;
    const double two_a = x->two_a, a = two_a / 2, c = x->c, vr = x->vr, inv_vr = x->inv_vr;
    const double urvr = 0.86 * vr, inv_b = 1 / b, alpha = (2.83 + 5.1 * inv_b) * sq;
    const double m = floor_exact((nd + 1) * p), rr = p * (1 / q), nr = (nd + 1) * rr;
    for (gboolean first = TRUE;; first = FALSE) {
        double u;
        if (!first) {
            v = rng_uniform(r);
            if (v <= urvr) { /* step 1 */
                u = v * inv_vr - 0.43;
                return (gint64)floor_exact((two_a / (0.5 - fabs(u)) + b) * u + c);
            }
        }
        if (v >= vr) { /* step 2 */
            u = rng_uniform(r) - 0.5;
        } else {
            u = v * inv_vr - 0.93;
            u = (u < 0 ? -0.5 : 0.5) - u;
            v = rng_uniform(r) * vr;
        }
        double us = 0.5 - fabs(u);
        double kd = floor_exact((two_a / us + b) * u + c);
        if (kd < 0 || kd > nd)
            continue;
        gint64 k = (gint64)kd;
        v = v * alpha / (a / (us * us) + b);
        double km = fabs(kd - m);
        if (km <= 15) {
            /* step 3.1: f(k)/f(m) as a product of (nr/i - rr) = (nr - rr i)/i,
             * numerators and denominators kept apart so the loop does not
             * divide (both stay below 1e150 for 15 terms of n < 1e9). */
            double num = 1, den = 1;
            for (double i = MIN(m, kd) + 1; i <= MAX(m, kd); i++) {
                num *= nr - rr * i;
                den *= i;
            }
            if (m < kd ? v * den <= num : v * num <= den)
                return k;
            continue;
        }
        /* step 3.2: squeeze on log v */
        v = log(v);
        double rho = (km / npq) * (((km / 3 + 0.625) * km + 1.0 / 6) / npq + 0.5);
        double t = -km * km / (2 * npq);
        if (v < t - rho)
            return k;
        if (v > t + rho)
            continue;
        /* steps 3.3 and 3.4: the exact log-ratio with Stirling corrections */
        double nm = nd - m + 1;
        double h = (m + 0.5) * log((m + 1) / (rr * nm)) + stirling_correction((gint64)m) +
                   stirling_correction(n - (gint64)m);
        double nk = nd - kd + 1;
        if (v <= h + (nd + 1) * log(nm / nk) + (kd + 0.5) * log(nk * rr / (kd + 1)) -
                      stirling_correction(k) - stirling_correction(n - k))
            return k;
    }
}


static gint64 binomial_btrd(const gsl_rng *r, double p, gint64 n)
{
    BtrdBox x = {.n = n, .nd = (double)n, .p = p, .q = 1 - p};
    x.npq = x.nd * p * x.q;
    x.sq = sqrt(x.npq);
    x.b = 1.15 + 2.53 * x.sq;
    x.two_a = 2 * (-0.0873 + 0.0248 * x.b + 0.01 * p);
    x.c = x.nd * p + 0.5;
    x.vr = 0.92 - 4.2 * (1 / x.b);
    x.inv_vr = 1 / x.vr;
    double v = rng_uniform(r);
    if (v <= 0.86 * x.vr) { /* step 1: the box, accepted at once */
        double u = v * x.inv_vr - 0.43;
        return (gint64)floor_exact((x.two_a / (0.5 - fabs(u)) + x.b) * u + x.c);
    }
    return btrd_steps(r, &x, v);
}

gint64 sample_binomial(const gsl_rng *r, double p, gint64 n)
{
    if (n <= 0 || p <= 0)
        return 0;
    if (p >= 1)
        return n;
    if (p > 0.5)
        return n - sample_binomial(r, 1 - p, n);
    if ((double)n * p < BINOMIAL_INVERSION_MEAN)
        return binomial_inversion(r, p, n);
    return binomial_btrd(r, p, n);
}

static gint64 poisson_inversion(const gsl_rng *r, double mu)
{
    const double *inv = reciprocals();
    double f0 = exp(-mu);
    for (;;) {
        double f = f0, u = rng_uniform(r);
        gint64 x = 0;
        while (u > f && x <= INVERSION_MAX_STEPS) {
            u -= f;
            x++;
            f *= mu * inv[x];
        }
        if (x <= INVERSION_MAX_STEPS)
            return x;
    }
}

/* PTRS's exact acceptance test for candidate k (step 3 of the paper), in
 * one log for the left side; out of line, as only about one draw in four
 * at a mean of 500 gets here. */
static G_GNUC_NO_INLINE gboolean ptrs_accept(double mu, double a, double b, double u, double v, double kd)
{
    int sign; /* lgamma_r, unlike lgamma, writes no global: threads are safe */
    double us = 0.5 - fabs(u), inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    return log(v * inv_alpha / (a / (us * us) + b)) <= -mu + kd * log(mu) - lgamma_r(kd + 1, &sign);
}

/* PTRS for mu >= 10. */
static gint64 poisson_ptrs(const gsl_rng *r, double mu)
{
    const double b = 0.931 + 2.53 * sqrt(mu), a = -0.059 + 0.02483 * b;
    const double vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
        double u = rng_uniform(r) - 0.5, v = rng_uniform(r);
        double us = 0.5 - fabs(u);
        double kd = floor_exact((2 * a / us + b) * u + mu + 0.43);
        if (us >= 0.07 && v <= vr)
            return (gint64)kd;
        if (kd < 0 || (us < 0.013 && v > us))
            continue;
        if (ptrs_accept(mu, a, b, u, v, kd))
            return (gint64)kd;
    }
}

gint64 sample_poisson(const gsl_rng *r, double mu)
{
    if (mu <= 0)
        return 0;
    if (mu < POISSON_INVERSION_MEAN)
        return poisson_inversion(r, mu);
    return poisson_ptrs(r, mu);
}
