/* out_parts.c: a region's parts as bar charts of their contributions to
 * each of the region's targets.
 * SPDX-License-Identifier: MIT */
#include "out_parts.h"

#include <math.h>
#include <stdlib.h>

#include "i18n.h"
#include "plot.h"
#include "text.h"

#define PARTS_ROW_PX 30     /* one part's row */
#define PARTS_FRAME_PX 200  /* the title, subtitle and axis */
#define PARTS_MIN_PX 360
#define PARTS_PAD_SHARE 0.3 /* room right of the bars for their labels, a share of the axis */

/* What by_share compares (qsort takes no context; charts are written by
 * one thread). */
static const Summary *order_summary;
static int order_target;

/* Largest mean contribution first; ties in file order. */
static int by_share(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b;
    double x = order_summary->parts[i].share_mean[order_target], y = order_summary->parts[j].share_mean[order_target];
    return x > y ? -1 : x < y ? 1 : (i > j) - (i < j);
}

/* The parts of `s` by their share of target t, largest first (caller frees). */
static int *parts_order(const Summary *s, int t)
{
    int *order = g_new(int, s->n_parts);
    for (int p = 0; p < s->n_parts; p++)
        order[p] = p;
    order_summary = s;
    order_target = t;
    qsort(order, (gsize)s->n_parts, sizeof *order, by_share);
    return order;
}

static char *bars_data(const Summary *s, int t, const int *order, int n, double *xmax, guint *width)
{
    GString *out = g_string_new(NULL);
    double whole = s->targets[t].mean;
    *xmax = 1;
    *width = 0;
    for (int k = 0; k < n; k++) {
        const PartSummary *ps = &s->parts[order[k]];
        double mean = ps->share_mean[t], half = PLOT_Z95 * ps->share_se[t];
        g_autofree char *label = plot_data_label(ps->model->name);
        g_autofree char *text = whole > 0 ? g_strdup_printf("%.1f (%.0f%%)", mean, 100 * mean / whole)
                                          : g_strdup_printf("%.1f", mean);
        g_string_append_printf(out, "%d \"%s\"", n - k, label);
        plot_append_number(out, mean);
        plot_append_number(out, half);
        g_string_append_printf(out, " \"%s\"\n", text);
        *xmax = MAX(*xmax, mean + half);
        *width = MAX(*width, text_display_width(ps->model->name));
    }
    *xmax *= 1 + PARTS_PAD_SHARE;
    return g_string_free(out, FALSE);
}

static gboolean write_chart(const Summary *s, int t, const char *dir, GError **error)
{
    const Model *m = s->model;
    const char *lang = m->language;
    int n = MIN(s->n_parts, OUT_PARTS_CHART_ROWS);
    g_autofree int *order = parts_order(s, t);
    double xmax;
    guint width;
    g_autofree char *data = bars_data(s, t, order, n, &xmax, &width);
    g_autofree char *title = g_strdup_printf(i18n_text(lang, I18N_PARTS_CHART_TITLE_FMT), m->targets[t].name);
    g_autofree char *condition = i18n_target_condition(m, t);
    g_autofree char *top = g_strdup_printf(i18n_text(lang, I18N_PARTS_CHART_TOP_FMT), n, s->n_parts);
    g_autofree char *subtitle = n < s->n_parts ? g_strdup_printf("%s · %s", condition, top) : g_strdup(condition);
    g_autofree char *name = g_strdup_printf("parts_%d", t + 1);
    g_autoptr(GHashTable) v = plot_vars_new();
    plot_set_text(v, "TITLE", title);
    plot_set_text(v, "SUBTITLE", subtitle);
    plot_set_text(v, "XLABEL", i18n_text(lang, I18N_PARTS_CHART_Y));
    plot_set_int(v, "N", n);
    plot_set_int(v, "HEIGHT", MAX(PARTS_MIN_PX, PARTS_FRAME_PX + PARTS_ROW_PX * n));
    plot_set_int(v, "LMARGIN", width + 3);
    plot_set_double(v, "XMAX", xmax);
    return plot_write_chart(dir, name, data, "parts.gp", v, error);
}

gboolean out_parts_write(const Summary *s, const char *dir, GError **error)
{
    for (int t = 0; s->n_parts > 0 && t < s->model->n_targets; t++)
        if (!write_chart(s, t, dir, error))
            return FALSE;
    return TRUE;
}
