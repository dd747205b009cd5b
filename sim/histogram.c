/* histogram.c: exact integer histograms with dense, growing bins.
 * SPDX-License-Identifier: MIT */
#include "histogram.h"

#include <math.h>
#include <string.h>

Histogram *histogram_new(void)
{
    return g_new0(Histogram, 1);
}

void histogram_free(Histogram *h)
{
    if (h == NULL)
        return;
    g_free(h->bins);
    g_free(h);
}

/* Widens the bins to cover `value`, at least doubling them so that a run of
 * growing values costs amortised O(1). */
static void histogram_cover(Histogram *h, gint64 value)
{
    if (h->n_bins > 0 && value >= h->lo && value - h->lo < (gint64)h->n_bins)
        return;
    if (h->n_bins == 0) {
        h->lo = value;
        h->n_bins = 16;
        h->bins = g_new0(guint32, h->n_bins);
        return;
    }
    gint64 lo = MIN(h->lo, value);
    gint64 hi = MAX(h->lo + (gint64)h->n_bins - 1, value);
    gsize need = (gsize)(hi - lo + 1);
    gsize n = MAX(need, 2 * h->n_bins);
    /* Extend on the side that needed it. */
    if (value < h->lo)
        lo = hi - (gint64)n + 1;
    guint32 *bins = g_new0(guint32, n);
    memcpy(bins + (h->lo - lo), h->bins, h->n_bins * sizeof *bins);
    g_free(h->bins);
    h->bins = bins;
    h->lo = lo;
    h->n_bins = n;
}

void histogram_grow(Histogram *h, gint64 value)
{
    histogram_cover(h, value);
}

void histogram_merge(Histogram *dst, const Histogram *src)
{
    if (src->total == 0)
        return;
    histogram_cover(dst, histogram_min(src));
    histogram_cover(dst, histogram_max(src));
    for (gsize i = 0; i < src->n_bins; i++)
        if (src->bins[i]) /* src may have empty bins outside dst's range */
            dst->bins[src->lo + (gint64)i - dst->lo] += src->bins[i];
    dst->total += src->total;
}

gint64 histogram_percentile(const Histogram *h, guint pct)
{
    g_return_val_if_fail(pct > 0 && pct <= 100, 0);
    if (h->total == 0)
        return 0;
    /* rank = ceil(pct * total / 100), at least 1 */
    guint64 rank = MAX((pct * h->total + 99) / 100, 1);
    guint64 seen = 0;
    for (gsize i = 0; i < h->n_bins; i++) {
        seen += h->bins[i];
        if (seen >= rank)
            return h->lo + (gint64)i;
    }
    g_assert_not_reached();
}

double histogram_mean(const Histogram *h)
{
    if (h->total == 0)
        return 0;
    long double sum = 0;
    for (gsize i = 0; i < h->n_bins; i++)
        sum += (long double)h->bins[i] * (long double)(h->lo + (gint64)i);
    return (double)(sum / h->total);
}

double histogram_sd(const Histogram *h)
{
    if (h->total < 2)
        return 0;
    long double mean = histogram_mean(h), ss = 0;
    for (gsize i = 0; i < h->n_bins; i++) {
        long double d = (long double)(h->lo + (gint64)i) - mean;
        ss += (long double)h->bins[i] * d * d;
    }
    return (double)sqrtl(ss / (h->total - 1));
}

guint64 histogram_count_at_least(const Histogram *h, gint64 x)
{
    guint64 n = 0;
    for (gsize i = 0; i < h->n_bins; i++)
        if (h->lo + (gint64)i >= x)
            n += h->bins[i];
    return n;
}

gint64 histogram_min(const Histogram *h)
{
    for (gsize i = 0; i < h->n_bins; i++)
        if (h->bins[i])
            return h->lo + (gint64)i;
    return 0;
}

gint64 histogram_max(const Histogram *h)
{
    for (gsize i = h->n_bins; i-- > 0;)
        if (h->bins[i])
            return h->lo + (gint64)i;
    return 0;
}
