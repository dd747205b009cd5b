/* out_csv.c: summary.csv, one row per stage and year, then per list and
 * year (lists overlap the stages: their rows are not to be added to them), for spreadsheets:
 * UTF-8 with a byte-order mark and CRLF line ends, so Excel shows Chinese.
 * SPDX-License-Identifier: MIT */
#include "out_csv.h"

#include <string.h>

#include "i18n.h"
#include "outdir.h"

#define CSV_BOM "\xEF\xBB\xBF"
#define CSV_EOL "\r\n"         /* RFC 4180, and what Excel expects */
#define CSV_DECIMALS "%.4f"    /* means, sds and expectations of firm counts */

/* Appends `field` quoted per RFC 4180 when it holds a comma, a quote or a
 * line break (inner quotes doubled), else as is. */
static void append_field(GString *out, const char *field)
{
    if (strpbrk(field, ",\"\r\n") == NULL) {
        g_string_append(out, field);
        return;
    }
    g_string_append_c(out, '"');
    for (const char *p = field; *p; p++) {
        if (*p == '"')
            g_string_append_c(out, '"');
        g_string_append_c(out, *p);
    }
    g_string_append_c(out, '"');
}

static void append_double(GString *out, double x)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_c(out, ',');
    g_string_append(out, g_ascii_formatd(buf, sizeof buf, CSV_DECIMALS, x));
}

/* The header row in the scenario's language. */
static void append_header(GString *out, const char *lang)
{
    append_field(out, i18n_text(lang, I18N_STAGE_ID));
    const I18nMessage named[] = {I18N_STAGE, I18N_YEAR, I18N_EXPECTED, I18N_MEAN, I18N_SD};
    for (gsize i = 0; i < G_N_ELEMENTS(named); i++) {
        g_string_append_c(out, ',');
        append_field(out, i18n_text(lang, named[i]));
    }
    for (int k = 0; k < SUMMARY_N_PCT; k++)
        g_string_append_printf(out, ",P%u", summary_pcts[k]);
    g_string_append_c(out, ',');
    append_field(out, i18n_text(lang, I18N_NEW_MEAN));
    g_string_append(out, CSV_EOL);
}

/* One row: `id`, `name`, the year, the count's expectation, mean, sd and
 * percentiles in year index `y`, and `new_mean` (NULL: an empty cell, as a
 * list has no entries of its own). */
static void append_count_row(GString *out, const Summary *s, const char *id, const char *name, const double *expected,
                             const double *mean, const double *sd, gint64 *const *pct, const double *new_mean, int y)
{
    append_field(out, id);
    g_string_append_c(out, ',');
    append_field(out, name);
    g_string_append_printf(out, ",%d", s->model->base_year + y);
    append_double(out, expected[y]);
    append_double(out, mean[y]);
    append_double(out, sd[y]);
    for (int k = 0; k < SUMMARY_N_PCT; k++)
        g_string_append_printf(out, ",%" G_GINT64_FORMAT, pct[k][y]);
    if (new_mean != NULL)
        append_double(out, new_mean[y]);
    else
        g_string_append_c(out, ',');
    g_string_append(out, CSV_EOL);
}

gboolean out_csv_write(const Summary *s, const char *path, GError **error)
{
    g_return_val_if_fail(s != NULL && path != NULL, FALSE);
    g_autoptr(GString) out = g_string_new(CSV_BOM);

    append_header(out, s->model->language);
    const Model *m = s->model;
    for (int i = 0; i < m->n_stages; i++) {
        const StageSummary *st = &s->stages[i];
        for (int y = 0; y < s->n_years; y++)
            append_count_row(out, s, m->stages[i].id, model_stage_name(m, i), st->expected, st->mean, st->sd, st->pct,
                             st->new_mean, y);
    }
    for (int l = 0; l < m->n_lists; l++) {
        const ListSummary *ls = &s->lists[l];
        for (int y = 0; y < s->n_years; y++)
            append_count_row(out, s, m->lists[l].id, m->lists[l].name, ls->expected, ls->mean, ls->sd, ls->pct, NULL, y);
    }
    return outdir_write_file(path, out->str, (gssize)out->len, error);
}
