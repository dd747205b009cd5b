/* out_table.c: the result table printed on stdout, in the scenario's
 * language, with columns aligned for CJK text (2 columns per character).
 * SPDX-License-Identifier: MIT */
#include "out_table.h"

#include <math.h>

#include "i18n.h"
#include "text.h"


/* Verdict words by probability of meeting a target, first row that applies;
 * the bands follow the IPCC's calibrated language (Mastrandrea et al.,
 * "Guidance note ... on consistent treatment of uncertainties", 2010),
 * coarsened to five. */
static const struct {
    int at_least;        /* per mille */
    const char *code;    /* the fixed code the JSON and CSV files carry */
    I18nMessage words;
} verdicts[] = {
    {900, "very_likely", I18N_VERY_LIKELY},
    {660, "likely", I18N_LIKELY},
    {330, "uncertain", I18N_AS_LIKELY_AS_NOT},
    {100, "unlikely", I18N_UNLIKELY},
    {0, "very_unlikely", I18N_VERY_UNLIKELY},
};

/* The row of `probability` as the table prints it, to 0.1%: a target
 * shown at 10.0% is judged at 10%, never one band below it.  A NaN (or
 * anything below 0) falls to the last row. */
static gsize verdict_row(double probability)
{
    double per_mille = rint(probability * 1000);
    for (gsize i = 0; i < G_N_ELEMENTS(verdicts); i++)
        if (per_mille >= verdicts[i].at_least)
            return i;
    return G_N_ELEMENTS(verdicts) - 1;
}

const char *out_table_verdict(const char *lang, double probability)
{
    return i18n_text(lang, verdicts[verdict_row(probability)].words);
}

const char *out_table_verdict_code(double probability)
{
    return verdicts[verdict_row(probability)].code;
}

gboolean out_table_verdict_band(const char *lang, guint i, double *from, const char **words)
{
    if (i >= G_N_ELEMENTS(verdicts))
        return FALSE;
    *from = verdicts[i].at_least / 1000.0;
    *words = i18n_text(lang, verdicts[i].words);
    return TRUE;
}

/* "87.3% ± 0.3%": the standard error gets a second decimal when the first
 * would round it to zero. */
char *out_table_probability(double p, double se)
{
    int se_decimals = se > 0 && se * 100 < 0.05 ? 2 : 1;
    return g_strdup_printf("%.1f%% ± %.*f%%", p * 100, se_decimals, se * 100);
}

char *out_table_points(double d, double se)
{
    int decimals = se > 0 && se * 100 < 0.05 ? 2 : 1;
    return g_strdup_printf("%+.*f ± %.*f", decimals, d * 100, decimals, se * 100);
}

#define POINTS_TWO_DECIMALS 0.95  /* percentage points: below this a second decimal */

char *out_table_points_alone(double d, gboolean sign)
{
    double x = 100 * d;
    return g_strdup_printf(sign ? "%+.*f" : "%.*f", fabs(x) < POINTS_TWO_DECIMALS ? 2 : 1, x);
}

char *out_table_step(double step, double lo, double hi)
{
    return g_strdup_printf("%+.1f (%+.1f … %+.1f)", 100 * step, 100 * lo, 100 * hi);
}

/* "情景：NAME · 10000 次模拟，随机种子 42 · 参数不确定性：已抽样" */
static void append_heading(GString *out, const Summary *s)
{
    const char *lang = s->model->language;
    const RunConfig *c = &s->run->config;
    char reps[32], seed[32];

    g_snprintf(reps, sizeof reps, "%" G_GUINT64_FORMAT, c->reps);
    g_snprintf(seed, sizeof seed, "%" G_GUINT64_FORMAT, c->seed);
    g_string_append_printf(out, i18n_text(lang, I18N_SCENARIO_FMT), s->model->name);
    g_string_append(out, " · ");
    g_string_append_printf(out, i18n_text(lang, I18N_RUN_FMT), reps, seed);
    g_string_append(out, " · ");
    g_string_append(out, i18n_text(lang, c->uncertain ? I18N_UNCERTAIN_DRAWN
                                                       : I18N_UNCERTAIN_CENTRAL));
    g_string_append(out, "\n\n");
}

static void add_target_row(TextTable *t, const Summary *s, int i)
{
    const TargetSummary *ts = &s->targets[i];
    const char *lang = s->model->language;
    int p5 = summary_pct_index(5), p50 = summary_pct_index(50), p95 = summary_pct_index(95);
    g_autofree char *condition = i18n_target_condition(s->model, i);
    g_autofree char *probability = out_table_probability(ts->probability, ts->se);
    g_autofree char *median = g_strdup_printf("%" G_GINT64_FORMAT, ts->pct[p50]);
    g_autofree char *range = g_strdup_printf("%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                                             ts->pct[p5], ts->pct[p95]);
    const char *cells[] = {s->model->targets[i].name, condition, probability,
                           out_table_verdict(lang, ts->probability), median, range};
    text_table_add(t, cells);
}

/* One row per target, then the line for all of them together. */
static void append_targets(GString *out, const Summary *s)
{
    const char *lang = s->model->language;
    const gboolean right[] = {FALSE, FALSE, TRUE, FALSE, TRUE, TRUE};
    const char *head[] = {i18n_text(lang, I18N_TARGET), i18n_text(lang, I18N_CONDITION),
                          i18n_text(lang, I18N_PROBABILITY_MET), i18n_text(lang, I18N_VERDICT),
                          i18n_text(lang, I18N_MEDIAN), i18n_text(lang, I18N_P5_P95)};
    TextTable t;

    if (s->model->n_targets == 0)
        return;
    text_table_init(&t, G_N_ELEMENTS(right), right);
    text_table_add(&t, head);
    for (int i = 0; i < s->model->n_targets; i++)
        add_target_row(&t, s, i);
    text_table_flush(&t, out);

    g_autofree char *all = out_table_probability(s->all_probability, s->all_se);
    g_string_append(out, "\n" TEXT_TABLE_INDENT);
    g_string_append_printf(out, i18n_text(lang, I18N_ALL_TARGETS_FMT), all,
                           out_table_verdict(lang, s->all_probability));
    g_string_append(out, "\n\n");
}

/* A region's parts: each one's own targets met together, and its mean
 * share of each of the region's counts with its fraction of the whole. */
static void append_parts(GString *out, const Summary *s)
{
    const Model *m = s->model;
    const char *lang = m->language;
    if (s->n_parts == 0)
        return;
    int cols = 2 + m->n_targets;
    g_autofree gboolean *right = g_new(gboolean, cols);
    g_autofree const char **row = g_new(const char *, cols);
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func(g_free);
    for (int c = 0; c < cols; c++)
        right[c] = c > 0;
    TextTable t;
    text_table_init(&t, cols, right);
    row[0] = i18n_text(lang, I18N_PART);
    row[1] = i18n_text(lang, I18N_PART_OWN_TARGETS);
    for (int i = 0; i < m->n_targets; i++)
        row[2 + i] = m->targets[i].name;
    text_table_add(&t, row);
    for (int p = 0; p < s->n_parts; p++) {
        const PartSummary *ps = &s->parts[p];
        row[0] = ps->model->name;
        char *own = ps->model->n_targets ? out_table_probability(ps->all_probability, ps->all_se)
                                         : g_strdup(i18n_text(lang, I18N_PART_NO_TARGETS));
        g_ptr_array_add(cells, own);
        row[1] = own;
        for (int i = 0; i < m->n_targets; i++) {
            double whole = s->targets[i].mean;
            char *cell = whole > 0 ? g_strdup_printf("%.1f (%.0f%%)", ps->share_mean[i], 100 * ps->share_mean[i] / whole)
                                   : g_strdup_printf("%.1f", ps->share_mean[i]);
            g_ptr_array_add(cells, cell);
            row[2 + i] = cell;
        }
        text_table_add(&t, row);
    }
    g_string_append_printf(out, "%s\n", i18n_text(lang, I18N_PARTS_HEADING));
    text_table_flush(&t, out);
    g_string_append_c(out, '\n');
}

/* One row of a horizon table: `name`, then the expectation, the mean and
 * the percentiles in year index `y`. */
static void add_count_row(TextTable *t, const char *name, const double *expected, const double *mean,
                          gint64 *const *pct, int y)
{
    char cells[2 + SUMMARY_N_PCT][32];
    const char *row[1 + 2 + SUMMARY_N_PCT] = {name};

    g_snprintf(cells[0], sizeof cells[0], "%.1f", expected[y]);
    g_snprintf(cells[1], sizeof cells[1], "%.1f", mean[y]);
    for (int k = 0; k < SUMMARY_N_PCT; k++)
        g_snprintf(cells[2 + k], sizeof cells[2 + k], "%" G_GINT64_FORMAT, pct[k][y]);
    for (int c = 0; c < 2 + SUMMARY_N_PCT; c++)
        row[1 + c] = cells[c];
    text_table_add(t, row);
}

/* Starts a horizon table whose first column is headed `first`. */
static void count_table_init(TextTable *t, const char *lang, const char *first, gboolean *right,
                             char (*pct_head)[16])
{
    const char *head[1 + 2 + SUMMARY_N_PCT] = {first, i18n_text(lang, I18N_EXPECTED), i18n_text(lang, I18N_MEAN)};
    for (int c = 0; c < 1 + 2 + SUMMARY_N_PCT; c++)
        right[c] = c > 0;
    for (int k = 0; k < SUMMARY_N_PCT; k++) {
        g_snprintf(pct_head[k], 16, "P%u", summary_pcts[k]);
        head[3 + k] = summary_pcts[k] == 50 ? i18n_text(lang, I18N_MEDIAN) : pct_head[k];
    }
    text_table_init(t, 1 + 2 + SUMMARY_N_PCT, right);
    text_table_add(t, head);
}

/* Every stage's distribution at the horizon (stages exclusive), then every
 * list's (designations that overlap the stages). */
static void append_stages(GString *out, const Summary *s)
{
    const Model *m = s->model;
    const char *lang = m->language;
    int y = s->n_years - 1;
    gboolean right[1 + 2 + SUMMARY_N_PCT];
    char pct_head[SUMMARY_N_PCT][16];
    TextTable t;

    g_string_append_printf(out, i18n_text(lang, I18N_HORIZON_FMT), m->horizon);
    g_string_append_c(out, '\n');
    count_table_init(&t, lang, i18n_text(lang, I18N_STAGE), right, pct_head);
    for (int i = 0; i < m->n_stages; i++)
        add_count_row(&t, model_stage_name(m, i), s->stages[i].expected, s->stages[i].mean, s->stages[i].pct, y);
    text_table_flush(&t, out);
    if (m->n_lists == 0)
        return;
    g_string_append_c(out, '\n');
    g_string_append_printf(out, i18n_text(lang, I18N_LISTS_AT_HORIZON_FMT), m->horizon);
    g_string_append_c(out, '\n');
    count_table_init(&t, lang, i18n_text(lang, I18N_LIST), right, pct_head);
    for (int l = 0; l < m->n_lists; l++)
        add_count_row(&t, m->lists[l].name, s->lists[l].expected, s->lists[l].mean, s->lists[l].pct, y);
    text_table_flush(&t, out);
}

/* Under the tables, when [effects] act on a roster's firms: the exact
 * expectation is the scenario's rates', not the firms'. */
static void append_effects_note(GString *out, const Summary *s)
{
    if (!model_effects_act(s->model))
        return;
    g_string_append_printf(out, "\n%s\n", i18n_text(s->model->language, I18N_EFFECTS_EXPECTED_NOTE));
}

void out_table_format(const Summary *s, GString *out)
{
    g_return_if_fail(s != NULL && out != NULL);
    append_heading(out, s);
    append_targets(out, s);
    append_parts(out, s);
    append_stages(out, s);
    append_effects_note(out, s);
}
