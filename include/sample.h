/* sample.h: exact binomial and Poisson samplers, faster than GSL's for the
 * counts a ladder draws (see docs/performance.md for the measurement).
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_SAMPLE_H
#define LADDER_SAMPLE_H

#include <glib.h>
#include <gsl/gsl_rng.h>

/* Binomial(n, p), exact in distribution for any n >= 0 and p in [0, 1]:
 * inversion when the mean is small, Hörmann's BTRD otherwise. */
gint64 sample_binomial(const gsl_rng *r, double p, gint64 n);

/* Poisson(mu), exact in distribution for mu >= 0: inversion when mu is
 * small, Hörmann's PTRS otherwise. */
gint64 sample_poisson(const gsl_rng *r, double mu);

#endif
