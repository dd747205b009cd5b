/* histogram.h: exact integer histograms, so memory does not grow with replications.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_HISTOGRAM_H
#define LADDER_HISTOGRAM_H

#include <glib.h>

/* Counts of each integer value seen; bins cover lo .. lo + n_bins - 1. */
typedef struct {
    gint64 lo;
    gsize n_bins;
    guint32 *bins;   /* 32 bits: a bin never counts more than the replications (10^8 at most) */
    guint64 total;   /* values added */
} Histogram;

Histogram *histogram_new(void);
void histogram_free(Histogram *h);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Histogram, histogram_free)

/* Widens the bins of `h` to cover `value` (the slow path of histogram_add). */
void histogram_grow(Histogram *h, gint64 value);

/* Counts one occurrence of `value`, growing the bins as needed.  Inline:
 * every replication adds to every stage and year. */
static inline void histogram_add(Histogram *h, gint64 value)
{
    if (G_UNLIKELY(h->n_bins == 0 || value < h->lo || value - h->lo >= (gint64)h->n_bins))
        histogram_grow(h, value);
    h->bins[value - h->lo]++;
    h->total++;
}

/* Adds every count of `src` into `dst`. */
void histogram_merge(Histogram *dst, const Histogram *src);

/* Nearest-rank percentile: the smallest c with P(X <= c) >= pct/100, for
 * 0 < pct <= 100, in exact integer arithmetic.  0 for an empty histogram. */
gint64 histogram_percentile(const Histogram *h, guint pct);

/* Mean, and sample standard deviation (n - 1; 0 when total < 2). */
double histogram_mean(const Histogram *h);
double histogram_sd(const Histogram *h);

/* Occurrences of values >= x. */
guint64 histogram_count_at_least(const Histogram *h, gint64 x);

/* Smallest and largest value seen (0 when empty). */
gint64 histogram_min(const Histogram *h);
gint64 histogram_max(const Histogram *h);

#endif
