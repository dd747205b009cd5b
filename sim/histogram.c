/* histogram.c: exact integer histograms, dense while the values are close
 * together and sparse when they are spread far apart (see histogram.h).
 * SPDX-License-Identifier: MIT */
#include "histogram.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DENSE_BINS_PER_VALUE 4  /* a wider dense span turns sparse */
#define BACK_BINS_PER_VALUE 2   /* a sparse histogram this close turns dense again */
#define PENDING_MIN 4096        /* values buffered before a merge, at least */
#define FIRST_BINS 16

Histogram *histogram_new(void)
{
    return g_new0(Histogram, 1);
}

void histogram_free(Histogram *h)
{
    if (h == NULL)
        return;
    g_free(h->bins);
    g_free(h->values);
    g_free(h->counts);
    g_free(h->pending);
    g_free(h);
}

/* ---- dense layout ---------------------------------------------------------- */

/* What the dense bins hold: distinct values, smallest and largest (both 0
 * when there are none). */
typedef struct {
    gsize distinct;
    gint64 min, max;
} DenseScan;

static DenseScan dense_scan(const Histogram *h)
{
    DenseScan s = {0, 0, 0};
    for (gsize i = 0; i < h->n_bins; i++) {
        if (h->bins[i] == 0)
            continue;
        if (s.distinct++ == 0)
            s.min = h->lo + (gint64)i;
        s.max = h->lo + (gint64)i;
    }
    return s;
}

/* Whether `span` consecutive values are worth dense bins for `distinct`
 * values in them. */
static gboolean dense_fits(guint64 span, guint64 distinct)
{
    return span <= HISTOGRAM_DENSE_MIN_BINS || span / DENSE_BINS_PER_VALUE <= distinct;
}

/* Widens the dense bins of `h` (which may be empty) to cover lo .. hi, at
 * least doubling them, so that a run of growing values costs amortised O(1). */
static void dense_cover(Histogram *h, gint64 lo, gint64 hi)
{
    if (h->n_bins == 0) {
        h->lo = lo;
        h->n_bins = MAX((gsize)(hi - lo + 1), FIRST_BINS);
        h->bins = g_new0(guint32, h->n_bins);
        return;
    }
    gint64 old_hi = h->lo + (gint64)h->n_bins - 1;
    if (lo >= h->lo && hi <= old_hi)
        return;
    gint64 new_lo = MIN(h->lo, lo), new_hi = MAX(old_hi, hi);
    gsize n = MAX((gsize)(new_hi - new_lo + 1), 2 * h->n_bins);
    if (lo < h->lo)  /* extend on the side that needed it */
        new_lo = new_hi - (gint64)n + 1;
    guint32 *bins = g_new0(guint32, n);
    memcpy(bins + (h->lo - new_lo), h->bins, h->n_bins * sizeof *bins);
    g_free(h->bins);
    h->bins = bins;
    h->lo = new_lo;
    h->n_bins = n;
}

/* ---- sparse layout --------------------------------------------------------- */

/* Makes room for `n` distinct values. */
static void sparse_reserve(Histogram *h, gsize n)
{
    if (n <= h->values_cap)
        return;
    h->values_cap = MAX(n, 2 * h->values_cap);
    h->values = g_renew(gint64, h->values, h->values_cap);
    h->counts = g_renew(guint32, h->counts, h->values_cap);
}

/* Merges `n` distinct ascending values `v` with counts `c` into the sparse
 * values of `h` (pending values aside), in place from the end. */
static void sparse_merge_sorted(Histogram *h, const gint64 *v, const guint32 *c, gsize n)
{
    gsize common = 0;
    for (gsize i = 0, j = 0; i < h->n_values && j < n;) {
        if (h->values[i] == v[j])
            common++, i++, j++;
        else if (h->values[i] < v[j])
            i++;
        else
            j++;
    }
    gsize total = h->n_values + n - common;
    sparse_reserve(h, total);
    gsize i = h->n_values, j = n, k = total;
    while (j > 0) {
        if (i > 0 && h->values[i - 1] > v[j - 1]) {
            k--, i--;
            h->values[k] = h->values[i];
            h->counts[k] = h->counts[i];
        } else if (i > 0 && h->values[i - 1] == v[j - 1]) {
            k--, i--, j--;
            h->values[k] = v[j];
            h->counts[k] = h->counts[i] + c[j];
        } else {
            k--, j--;
            h->values[k] = v[j];
            h->counts[k] = c[j];
        }
    }
    /* what is left of the old values is already in place: k == i */
    h->n_values = total;
}

static int compare_gint64(const void *a, const void *b)
{
    gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
    return (x > y) - (x < y);
}

/* Sorts the pending values and merges them in, counting repeats. */
static void sparse_settle(Histogram *h)
{
    if (h->n_pending == 0)
        return;
    qsort(h->pending, h->n_pending, sizeof *h->pending, compare_gint64);
    /* run lengths into a counts array beside the distinct values, in place */
    guint32 *c = g_new(guint32, h->n_pending);
    gsize n = 0;
    for (gsize i = 0; i < h->n_pending; i++) {
        if (n > 0 && h->pending[n - 1] == h->pending[i]) {
            c[n - 1]++;
        } else {
            h->pending[n] = h->pending[i];
            c[n++] = 1;
        }
    }
    sparse_merge_sorted(h, h->pending, c, n);
    g_free(c);
    h->n_pending = 0;
}

/* Moves the dense bins of `h` into the sparse layout. */
static void dense_to_sparse(Histogram *h)
{
    DenseScan s = dense_scan(h);
    sparse_reserve(h, MAX(s.distinct, 1));
    for (gsize i = 0; i < h->n_bins; i++) {
        if (h->bins[i] == 0)
            continue;
        h->values[h->n_values] = h->lo + (gint64)i;
        h->counts[h->n_values++] = h->bins[i];
    }
    g_clear_pointer(&h->bins, g_free);
    h->n_bins = 0;
    h->lo = 0;
    h->sparse = TRUE;
}

/* Turns a settled sparse histogram dense again when its values lie close
 * enough together (with a margin, so it does not turn back at once). */
static void sparse_maybe_densify(Histogram *h)
{
    if (!h->sparse || h->n_pending > 0 || h->n_values == 0)
        return;
    guint64 span = (guint64)(h->values[h->n_values - 1] - h->values[0]) + 1;
    if (span > HISTOGRAM_DENSE_MIN_BINS && span / BACK_BINS_PER_VALUE > h->n_values)
        return;
    h->sparse = FALSE;
    dense_cover(h, h->values[0], h->values[h->n_values - 1]);
    for (gsize i = 0; i < h->n_values; i++)
        h->bins[h->values[i] - h->lo] = h->counts[i];
    g_clear_pointer(&h->values, g_free);
    g_clear_pointer(&h->counts, g_free);
    g_clear_pointer(&h->pending, g_free);
    h->n_values = h->values_cap = h->pending_cap = 0;
}

/* ---- adding and merging ---------------------------------------------------- */

/* Index of the first sparse value >= `value` (n_values when none). */
static gsize sparse_find(const Histogram *h, gint64 value)
{
    gsize lo = 0, hi = h->n_values;
    while (lo < hi) {
        gsize mid = lo + (hi - lo) / 2;
        if (h->values[mid] < value)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void histogram_add_slow(Histogram *h, gint64 value)
{
    if (!h->sparse) {
        DenseScan s = dense_scan(h);
        gint64 lo = s.distinct ? MIN(s.min, value) : value, hi = s.distinct ? MAX(s.max, value) : value;
        if (dense_fits((guint64)(hi - lo) + 1, s.distinct + 1)) {
            dense_cover(h, value, value);
            h->bins[value - h->lo]++;
            h->total++;
            return;
        }
        dense_to_sparse(h);
    }
    /* a value seen before the last settle is counted in place: few values
     * added many times (a count that is mostly 0, with a long tail) never
     * wait in the buffer */
    gsize i = sparse_find(h, value);
    if (i < h->n_values && h->values[i] == value) {
        h->counts[i]++;
        h->total++;
        return;
    }
    if (h->n_pending == h->pending_cap) {
        h->pending_cap = MAX(PENDING_MIN, 2 * h->pending_cap);
        h->pending = g_renew(gint64, h->pending, h->pending_cap);
    }
    h->pending[h->n_pending++] = value;
    h->total++;
    if (h->n_pending >= MAX(PENDING_MIN, h->n_values)) {
        sparse_settle(h);
        sparse_maybe_densify(h);
    }
}

void histogram_settle(Histogram *h)
{
    sparse_settle(h);
    sparse_maybe_densify(h);
}

/* `h` itself when it can be read as it is; else a settled copy, put in *tmp
 * for the caller to free. */
static const Histogram *readable(const Histogram *h, Histogram **tmp)
{
    if (h->n_pending == 0)
        return h;
    Histogram *c = histogram_new();
    c->total = h->total;
    c->sparse = TRUE;
    if (h->n_values > 0) {
        sparse_reserve(c, h->n_values);
        memcpy(c->values, h->values, h->n_values * sizeof *c->values);
        memcpy(c->counts, h->counts, h->n_values * sizeof *c->counts);
        c->n_values = h->n_values;
    }
    c->pending = g_memdup2(h->pending, h->n_pending * sizeof *h->pending);
    c->n_pending = c->pending_cap = h->n_pending;
    sparse_settle(c);
    *tmp = c;
    return c;
}

/* Walks the (value, count) pairs of a readable histogram, ascending. */
typedef struct {
    const Histogram *h;
    gsize i;
} Cursor;

static gboolean cursor_next(Cursor *c, gint64 *value, guint64 *count)
{
    const Histogram *h = c->h;
    if (h->sparse) {
        if (c->i >= h->n_values)
            return FALSE;
        *value = h->values[c->i];
        *count = h->counts[c->i++];
        return TRUE;
    }
    while (c->i < h->n_bins && h->bins[c->i] == 0)
        c->i++;
    if (c->i >= h->n_bins)
        return FALSE;
    *value = h->lo + (gint64)c->i;
    *count = h->bins[c->i++];
    return TRUE;
}

/* Distinct values of a readable histogram. */
static gsize distinct_values(const Histogram *h)
{
    return h->sparse ? h->n_values : dense_scan(h).distinct;
}

void histogram_merge(Histogram *dst, const Histogram *src)
{
    g_autoptr(Histogram) tmp = NULL;
    src = readable(src, &tmp);
    if (src->total == 0)
        return;
    gint64 value;
    guint64 count;
    if (!dst->sparse) {
        DenseScan d = dense_scan(dst);
        gint64 lo = histogram_min(src), hi = histogram_max(src);
        if (d.distinct > 0)
            lo = MIN(lo, d.min), hi = MAX(hi, d.max);
        if (dense_fits((guint64)(hi - lo) + 1, d.distinct + distinct_values(src))) {
            dense_cover(dst, lo, hi);
            for (Cursor c = {src, 0}; cursor_next(&c, &value, &count);)
                dst->bins[value - dst->lo] += (guint32)count;
            dst->total += src->total;
            return;
        }
        dense_to_sparse(dst);
    }
    sparse_settle(dst);
    gsize n = distinct_values(src), k = 0;
    g_autofree gint64 *v = g_new(gint64, n);
    g_autofree guint32 *c = g_new(guint32, n);
    for (Cursor cur = {src, 0}; cursor_next(&cur, &value, &count); k++)
        v[k] = value, c[k] = (guint32)count;
    sparse_merge_sorted(dst, v, c, n);
    dst->total += src->total;
    sparse_maybe_densify(dst);
}

void histogram_pack(const Histogram *h, GByteArray *out)
{
    g_autoptr(Histogram) tmp = NULL;
    h = readable(h, &tmp);
    guint64 n = h->total ? distinct_values(h) : 0;
    g_byte_array_append(out, (const guint8 *)&n, sizeof n);
    gint64 value;
    guint64 count;
    for (Cursor c = {h, 0}; n > 0 && cursor_next(&c, &value, &count);) {
        g_byte_array_append(out, (const guint8 *)&value, sizeof value);
        g_byte_array_append(out, (const guint8 *)&count, sizeof count);
    }
}

gboolean histogram_unpack_merge(Histogram *dst, const guint8 **p, const guint8 *end)
{
    guint64 n;
    if ((gsize)(end - *p) < sizeof n)
        return FALSE;
    memcpy(&n, *p, sizeof n);
    *p += sizeof n;
    if (n > (guint64)(end - *p) / (sizeof(gint64) + sizeof(guint64)))
        return FALSE;
    if (n == 0)
        return TRUE;
    g_autoptr(Histogram) src = histogram_new();
    src->sparse = TRUE;
    sparse_reserve(src, (gsize)n);
    for (guint64 i = 0; i < n; i++) {
        gint64 value;
        guint64 count;
        memcpy(&value, *p, sizeof value);
        memcpy(&count, *p + sizeof value, sizeof count);
        *p += sizeof value + sizeof count;
        if ((i > 0 && value <= src->values[i - 1]) || count == 0 || count > G_MAXUINT32)
            return FALSE;
        src->values[i] = value;
        src->counts[i] = (guint32)count;
        src->total += count;
    }
    src->n_values = (gsize)n;
    histogram_merge(dst, src);
    return TRUE;
}

/* ---- reading ---------------------------------------------------------------- */

gint64 histogram_percentile(const Histogram *h, guint pct)
{
    g_return_val_if_fail(pct > 0 && pct <= 100, 0);
    if (h->total == 0)
        return 0;
    g_autoptr(Histogram) tmp = NULL;
    h = readable(h, &tmp);
    /* rank = ceil(pct * total / 100), at least 1 */
    guint64 rank = MAX((pct * h->total + 99) / 100, 1);
    guint64 seen = 0, count;
    gint64 value;
    for (Cursor c = {h, 0}; cursor_next(&c, &value, &count);) {
        seen += count;
        if (seen >= rank)
            return value;
    }
    g_assert_not_reached();
}

double histogram_mean(const Histogram *h)
{
    if (h->total == 0)
        return 0;
    g_autoptr(Histogram) tmp = NULL;
    h = readable(h, &tmp);
    long double sum = 0;
    guint64 count;
    gint64 value;
    for (Cursor c = {h, 0}; cursor_next(&c, &value, &count);)
        sum += (long double)count * (long double)value;
    return (double)(sum / h->total);
}

double histogram_sd(const Histogram *h)
{
    if (h->total < 2)
        return 0;
    g_autoptr(Histogram) tmp = NULL;
    h = readable(h, &tmp);
    long double mean = histogram_mean(h), ss = 0;
    guint64 count;
    gint64 value;
    for (Cursor c = {h, 0}; cursor_next(&c, &value, &count);) {
        long double d = (long double)value - mean;
        ss += (long double)count * d * d;
    }
    return (double)sqrtl(ss / (h->total - 1));
}

guint64 histogram_count_between(const Histogram *h, gint64 from, gint64 to)
{
    g_autoptr(Histogram) tmp = NULL;
    h = readable(h, &tmp);
    guint64 n = 0, count;
    gint64 value;
    for (Cursor c = {h, 0}; cursor_next(&c, &value, &count) && value < to;)
        if (value >= from)
            n += count;
    return n;
}

guint64 histogram_count_at_least(const Histogram *h, gint64 x)
{
    return h->total - histogram_count_between(h, G_MININT64, x);
}

gint64 histogram_min(const Histogram *h)
{
    g_autoptr(Histogram) tmp = NULL;
    h = readable(h, &tmp);
    if (h->sparse)
        return h->n_values ? h->values[0] : 0;
    for (gsize i = 0; i < h->n_bins; i++)
        if (h->bins[i])
            return h->lo + (gint64)i;
    return 0;
}

gint64 histogram_max(const Histogram *h)
{
    g_autoptr(Histogram) tmp = NULL;
    h = readable(h, &tmp);
    if (h->sparse)
        return h->n_values ? h->values[h->n_values - 1] : 0;
    for (gsize i = h->n_bins; i-- > 0;)
        if (h->bins[i])
            return h->lo + (gint64)i;
    return 0;
}

gsize histogram_memory(const Histogram *h)
{
    return sizeof *h + h->n_bins * sizeof *h->bins +
           h->values_cap * (sizeof *h->values + sizeof *h->counts) + h->pending_cap * sizeof *h->pending;
}
