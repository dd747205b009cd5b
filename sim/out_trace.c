/* out_trace.c: one roster firm's history in one replication, in words
 * (out_trace.h): a line per event, as a bureau's analyst says it.
 * SPDX-License-Identifier: MIT */
#include "out_trace.h"

#include "i18n.h"
#include "text.h"

/* Stage s of m by name, or "exited" for s = n_stages. */
static const char *state_name(const Model *m, int s)
{
    return s >= m->n_stages ? i18n_text(m->language, I18N_TRACE_EXITED) : model_stage_name(m, s);
}

/* The line of event `e`, without indent or line end.  Caller frees. */
static char *event_text(const Model *m, const FirmsEvent *e)
{
    const char *lang = m->language;
    switch (e->kind) {
    case FIRMS_EVENT_EDGE:
        return g_strdup_printf(i18n_text(lang, e->to > e->from ? I18N_TRACE_UP_FMT : I18N_TRACE_DOWN_FMT), e->year,
                               model_stage_name(m, e->from), model_stage_name(m, e->to));
    case FIRMS_EVENT_EXIT:
        return g_strdup_printf(i18n_text(lang, I18N_TRACE_EXIT_FMT), e->year, model_stage_name(m, e->from));
    case FIRMS_EVENT_RENEW:
        return g_strdup_printf(i18n_text(lang, I18N_TRACE_RENEW_FMT), e->year, model_stage_name(m, e->from));
    case FIRMS_EVENT_LAPSE:
        return g_strdup_printf(i18n_text(lang, I18N_TRACE_LAPSE_FMT), e->year, model_stage_name(m, e->from),
                               model_stage_name(m, e->to));
    case FIRMS_EVENT_LIST_ON:
    case FIRMS_EVENT_LIST_OFF:
        break;
    }
    I18nMessage fmt = e->kind == FIRMS_EVENT_LIST_ON ? I18N_TRACE_LIST_ON_FMT : I18N_TRACE_LIST_OFF_FMT;
    return g_strdup_printf(i18n_text(lang, fmt), e->year, m->lists[e->list].name);
}

/* "End of 2021 (roster): 高企, 1 years since ... (renewed every 3 years)". */
static char *start_text(const Model *m, const RosterFirm *firm)
{
    const Stage *st = &m->stages[firm->stage];
    if (st->renewal_years > 0)
        return g_strdup_printf(i18n_text(m->language, I18N_TRACE_START_RENEWAL_FMT), m->base_year,
                               model_stage_name(m, firm->stage), firm->years_in_stage, st->renewal_years);
    return g_strdup_printf(i18n_text(m->language, I18N_TRACE_START_FMT), m->base_year,
                           model_stage_name(m, firm->stage));
}

/* Appends `text` as one indented line. */
static void append_line(GString *out, const char *text)
{
    g_string_append_printf(out, "%s%s\n", TEXT_TABLE_INDENT, text);
}

void out_trace_format(const Model *m, const RosterFirm *firm, const GArray *events, const int *stages,
                      const RunConfig *config, GString *out)
{
    g_return_if_fail(m != NULL && firm != NULL && events != NULL && stages != NULL && out != NULL);
    char reps[32], seed[32];
    g_snprintf(reps, sizeof reps, "%" G_GUINT64_FORMAT, config->reps);
    g_snprintf(seed, sizeof seed, "%" G_GUINT64_FORMAT, config->seed);
    g_string_append_printf(out, i18n_text(m->language, I18N_TRACE_HEAD_FMT), firm->id, firm->name, reps, seed);
    g_string_append_c(out, '\n');
    g_autofree char *start = start_text(m, firm);
    append_line(out, start);
    for (guint k = 0; k < events->len; k++) {
        g_autofree char *line = event_text(m, &g_array_index(events, FirmsEvent, k));
        append_line(out, line);
    }
    if (events->len == 0)
        append_line(out, i18n_text(m->language, I18N_TRACE_NOTHING));
    int last = model_n_years(m) - 1;
    g_autofree char *end = g_strdup_printf(i18n_text(m->language, I18N_TRACE_END_FMT), m->horizon,
                                           state_name(m, stages[last]));
    append_line(out, end);
}
