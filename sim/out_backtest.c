/* out_backtest.c: what `ladder backtest` writes of its own: backtest.json
 * and the table of later counts against their forecast on stdout (the
 * charts and the calibrated file are out_calibrate.c's).
 * SPDX-License-Identifier: MIT */
#include "out_backtest.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "i18n.h"
#include "out_csv.h"
#include "out_json.h"
#include "results.h"
#include "text.h"

gboolean out_backtest_json(const Backtest *bt, const Model *m, const History *h, double cv, const char *path,
                           GError **error)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    out_json_member_string(b, "history", h->file);
    out_json_member_string(b, "history_sha256", h->sha256);
    out_json_member_string(b, "region", h->region);
    out_json_member_double(b, "cv", cv, 6);
    out_json_member_int(b, "until", bt->until);
    out_json_member_int(b, "checked", bt->n);
    out_json_member_int(b, "inside", bt->n_inside);
    out_json_member_double(b, "coverage", bt->n ? (double)bt->n_inside / bt->n : NAN, 6);
    json_builder_set_member_name(b, "points");
    json_builder_begin_array(b);
    for (int i = 0; i < bt->n; i++) {
        const BacktestPoint *p = &bt->points[i];
        json_builder_begin_object(b);
        out_json_member_int(b, "year", p->obs.year);
        out_json_member_string(b, "stage", history_series_id(m, p->obs.series));
        out_json_member_string(b, "kind", history_kind_name(p->obs.kind));
        out_json_member_int(b, "observed", p->obs.count);
        out_json_member_int(b, "p5", p->p5);
        out_json_member_int(b, "p50", p->p50);
        out_json_member_int(b, "p95", p->p95);
        out_json_member_bool(b, "inside", p->inside);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
    g_autoptr(JsonNode) root = json_builder_get_root(b);
    g_autofree char *dir = g_path_get_dirname(path);
    JsonArray *points = json_object_get_array_member(json_node_get_object(root), "points");
    return results_save(RESULTS_BACKTEST, root, path, error) &&
           out_csv_write_rows(RESULTS_CSV_BACKTEST, m->language, points, dir, error);
}

void out_backtest_format(const Backtest *b, const Model *m, int n_used, GString *out)
{
    const char *l = m->language;
    if (n_used > 0)
        g_string_append_printf(out, i18n_text(l, I18N_BT_HEADING_FMT), n_used, b->until, b->n);
    else
        g_string_append_printf(out, i18n_text(l, I18N_BT_HEADING_NO_FIT_FMT), b->n, b->until);
    g_string_append(out, "\n\n");
    if (b->n == 0) {
        g_string_append_printf(out, i18n_text(l, I18N_BT_NOTHING_AFTER_FMT), b->until);
        g_string_append_c(out, '\n');
        return;
    }
    const gboolean right[] = {TRUE, FALSE, FALSE, TRUE, TRUE, TRUE, FALSE};
    const char *head[] = {i18n_text(l, I18N_YEAR),     i18n_text(l, I18N_STAGE),  i18n_text(l, I18N_CAL_KIND),
                          i18n_text(l, I18N_CAL_OBSERVED), i18n_text(l, I18N_BT_FORECAST),
                          i18n_text(l, I18N_MEDIAN),   i18n_text(l, I18N_BT_INSIDE)};
    TextTable t;
    text_table_init(&t, G_N_ELEMENTS(right), right);
    text_table_add(&t, head);
    for (int i = 0; i < b->n; i++) {
        const BacktestPoint *p = &b->points[i];
        g_autofree char *year = g_strdup_printf("%d", p->obs.year);
        g_autofree char *observed = g_strdup_printf("%" G_GINT64_FORMAT, p->obs.count);
        g_autofree char *range = g_strdup_printf("%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, p->p5, p->p95);
        g_autofree char *median = g_strdup_printf("%" G_GINT64_FORMAT, p->p50);
        const char *row[] = {year, history_series_name(m, p->obs.series), i18n_history_kind(m, p->obs.kind), observed, range,
                             median, i18n_text(l, p->inside ? I18N_CAL_YES : I18N_BT_NO)};
        text_table_add(&t, row);
    }
    text_table_flush(&t, out);
    g_autofree char *share = g_strdup_printf("%.0f%%", 100.0 * b->n_inside / b->n);
    g_string_append_c(out, '\n');
    g_string_append_printf(out, i18n_text(l, I18N_BT_COVERAGE_FMT), b->n_inside, b->n, share);
    g_string_append_c(out, '\n');
}
