/* histogram.h: exact integer histograms whose memory follows the distinct
 * values seen, never the replications and never the spread alone.
 *
 * Two layouts, chosen as values arrive and invisible to callers:
 *
 *   dense   one 32-bit bin for each value from the smallest to the largest;
 *           kept while that span is at most HISTOGRAM_DENSE_MIN_BINS values
 *           or at most 4 values per distinct value seen.  Adding is one
 *           increment: the usual case, counts of tens to thousands of firms.
 *   sparse  the distinct values, ascending, with their counts, and a buffer
 *           of values added since they were last merged in.  For counts
 *           spread over far more values than were seen: 10^9 firms with an
 *           uncertain rate spread over 10^8 values in a few hundred runs.
 *
 * Either way a histogram holds at most about 40 bytes per distinct value, or
 * 4 * 2 * HISTOGRAM_DENSE_MIN_BINS bytes if that is more (docs/robustness.md).
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_HISTOGRAM_H
#define LADDER_HISTOGRAM_H

#include <glib.h>

#define HISTOGRAM_DENSE_MIN_BINS 16384

typedef struct {
    guint64 total;      /* values added */
    /* dense: bins cover lo .. lo + n_bins - 1; n_bins is 0 when empty or sparse */
    gint64 lo;
    gsize n_bins;
    guint32 *bins;      /* 32 bits: a bin never counts more than the replications (10^8 at most) */
    /* sparse */
    gboolean sparse;
    gint64 *values;     /* [n_values] distinct, ascending */
    guint32 *counts;    /* [n_values] */
    gsize n_values, values_cap;
    gint64 *pending;    /* [n_pending] added since the last settle, in any order */
    gsize n_pending, pending_cap;
} Histogram;

Histogram *histogram_new(void);
void histogram_free(Histogram *h);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Histogram, histogram_free)

/* histogram_add for a value outside the dense bins, or a sparse histogram. */
void histogram_add_slow(Histogram *h, gint64 value);

/* Counts one occurrence of `value`.  Inline: every replication adds to every
 * stage and year.  The unsigned offset is below n_bins only inside the bins
 * (n_bins is 0 when empty or sparse). */
static inline void histogram_add(Histogram *h, gint64 value)
{
    guint64 offset = (guint64)value - (guint64)h->lo;
    if (G_LIKELY(offset < h->n_bins)) {
        h->bins[offset]++;
        h->total++;
    } else {
        histogram_add_slow(h, value);
    }
}

/* Adds every count of `src` into `dst`. */
void histogram_merge(Histogram *dst, const Histogram *src);

/* Appends `h`'s distinct values and their counts to `out` (host byte
 * order: for processes of one build on one cluster), so that another
 * process can merge them (histogram_unpack_merge). */
void histogram_pack(const Histogram *h, GByteArray *out);

/* Merges into `dst` the histogram histogram_pack wrote at *p (advanced
 * past it; `end` the buffer's end).  FALSE when the bytes are not one. */
gboolean histogram_unpack_merge(Histogram *dst, const guint8 **p, const guint8 *end);

/* Merges buffered values into place, so that reading `h` costs no copy.
 * Optional: every query below gives the same answer before and after. */
void histogram_settle(Histogram *h);

/* Nearest-rank percentile: the smallest c with P(X <= c) >= pct/100, for
 * 0 < pct <= 100, in exact integer arithmetic.  0 for an empty histogram. */
gint64 histogram_percentile(const Histogram *h, guint pct);

/* Mean, and sample standard deviation (n - 1; 0 when total < 2). */
double histogram_mean(const Histogram *h);
double histogram_sd(const Histogram *h);

/* Occurrences of values >= x, and of values in from .. to - 1. */
guint64 histogram_count_at_least(const Histogram *h, gint64 x);
guint64 histogram_count_between(const Histogram *h, gint64 from, gint64 to);

/* Smallest and largest value seen (0 when empty). */
gint64 histogram_min(const Histogram *h);
gint64 histogram_max(const Histogram *h);

/* Bytes `h` holds, its own struct included. */
gsize histogram_memory(const Histogram *h);

#endif
