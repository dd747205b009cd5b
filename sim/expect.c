/* expect.c: exact expected stocks and entries by a cohort recursion: each
 * step of a year is linear in the counts, so pushing expected counts through
 * the same steps as the engine gives E[stock] exactly at fixed parameters.
 * SPDX-License-Identifier: MIT */
#include "expect.h"

#include <math.h>
#include <string.h>

#include "region.h"

static int stage_cohorts(const Stage *s)
{
    return s->renewal_years > 0 ? s->renewal_years : 1;
}

/* Adds `n` to flow[param] when flows are wanted (flow may be NULL). */
static void add_flow(double *flow, int param, double n)
{
    if (flow != NULL && param >= 0)
        flow[param] += n;
}

/* One year: expected firms by stage and clock from `cur` into `next`
 * (zeroed by the caller), expected entries into `entered`, and, when
 * `flow` is not NULL, the firms through each parameter into flow[n_params]
 * (zeroed by the caller). */
static void expect_year(const Model *m, const double *p, const int *offset, const double *cur,
                        double *next, double *entered, double *flow, gboolean smooth)
{
    for (int s = 0; s < m->n_stages; s++) {
        const Stage *st = &m->stages[s];
        double p_stay = 1 - (st->exit_param >= 0 ? p[st->exit_param] : 0);
        for (int j = 0; j < st->n_out; j++)
            p_stay -= p[st->out_param[j]];
        p_stay = MAX(p_stay, 0.0);
        int v = stage_cohorts(st);
        for (int t = 0; t < v; t++) {
            double n = cur[offset[s] + t], stay = n * p_stay;
            for (int j = 0; j < st->n_out; j++) {
                int to = m->params[st->out_param[j]].to;
                next[offset[to]] += n * p[st->out_param[j]];
                entered[to] += n * p[st->out_param[j]];
                add_flow(flow, st->out_param[j], n * p[st->out_param[j]]);
            }
            if (st->exit_param >= 0)
                add_flow(flow, st->exit_param, n * p[st->exit_param]);
            if (st->renewal_years == 0) {
                next[offset[s]] += stay;
            } else if (t + 1 < v) {
                next[offset[s] + t + 1] += stay;
            } else {
                next[offset[s]] += stay * p[st->renewal_param];
                next[offset[st->lapse_to]] += stay * (1 - p[st->renewal_param]);
                add_flow(flow, st->renewal_param, stay * p[st->renewal_param]);
            }
        }
    }
    for (int s = 0; s < m->n_stages; s++) {
        const Stage *st = &m->stages[s];
        double arrived = st->inflow_param >= 0 ? p[st->inflow_param] : 0;
        double recruited = st->recruitment_param < 0 ? 0
                           : smooth                  ? p[st->recruitment_param]
                                                     : rint(p[st->recruitment_param]);
        next[offset[s]] += arrived + recruited;
        entered[s] += arrived + recruited;
        add_flow(flow, st->inflow_param, arrived);
        add_flow(flow, st->recruitment_param, recruited);
    }
}

/* Row 0 of the tables and the cohorts `cur` at the end of the first year:
 * `start` NULL starts each stage's baseline over its renewal clocks as the
 * engine does (model_baseline_cohorts: a roster's clocks, else n/V with the
 * remainder to the first clocks); otherwise start[s] is spread evenly. */
static void expect_start(const Model *m, const int *offset, const double *start, double *cur, double *stock,
                         double *entries)
{
    for (int s = 0; s < m->n_stages; s++) {
        const Stage *st = &m->stages[s];
        int v = stage_cohorts(st);
        gint64 cohort[MODEL_MAX_RENEWAL_YEARS];
        model_baseline_cohorts(st, st->baseline, cohort);
        for (int t = 0; t < v; t++)
            cur[offset[s] + t] = start != NULL ? start[s] / v : (double)cohort[t];
        stock[s] = start != NULL ? start[s] : (double)st->baseline;
        entries[s] = 0;
    }
}

/* The recursion behind the entry points: from the end of `first_year`
 * (<= base_year; its firms as expect_start says) to the horizon, one row
 * per year.  `smooth` leaves recruitment unrounded. */
static gboolean expect_recursion(const Model *m, const double *base, int first_year, const double *start,
                                 gboolean smooth, double *stock, double *entries, double *flows, GError **error)
{
    int S = m->n_stages, n_rows = m->horizon - first_year + 1;
    g_autofree int *offset = g_new0(int, S + 1);
    for (int s = 0; s < S; s++)
        offset[s + 1] = offset[s] + stage_cohorts(&m->stages[s]);
    g_autofree double *cur = g_new0(double, offset[S]);
    g_autofree double *next = g_new0(double, offset[S]);
    g_autofree double *p = g_new(double, MAX(m->n_params, 1));

    expect_start(m, offset, start, cur, stock, entries);
    if (flows != NULL)
        memset(flows, 0, sizeof *flows * m->n_params * n_rows);
    for (int yi = 1; yi < n_rows; yi++) {
        /* years up to base_year get `base` itself, checked: no policy or
           lever acts before base_year + 1 (scenario.c reads their years
           from there) */
        if (!model_year_params(m, base, first_year + yi, p, error))
            return FALSE;
        memset(next, 0, sizeof *next * offset[S]);
        memset(entries + yi * S, 0, sizeof *entries * S);
        expect_year(m, p, offset, cur, next, entries + yi * S, flows ? flows + yi * m->n_params : NULL,
                    smooth);
        for (int s = 0; s < S; s++) {
            double total = 0;
            for (int c = offset[s]; c < offset[s + 1]; c++)
                total += next[c];
            stock[yi * S + s] = total;
        }
        double *t = cur;
        cur = next;
        next = t;
    }
    return TRUE;
}

/* A model's expected figures, each [n_years * ...]: stocks and entries by
 * stage, lists, and flows by parameter (NULL: not wanted). */
typedef struct {
    double *stock, *entries, *lists, *flows;
} Expected;

static Expected expected_new(const Model *m, gboolean flows)
{
    gsize Y = (gsize)model_n_years(m);
    return (Expected){g_new(double, Y * m->n_stages), g_new(double, Y * m->n_stages),
                      g_new(double, MAX(Y * m->n_lists, 1)), flows ? g_new(double, MAX(Y * m->n_params, 1)) : NULL};
}

static void expected_clear(Expected *e)
{
    g_free(e->stock);
    g_free(e->entries);
    g_free(e->lists);
    g_free(e->flows);
}

static void expected_zero(const Model *m, const Expected *e)
{
    gsize Y = (gsize)model_n_years(m);
    memset(e->stock, 0, sizeof(double) * Y * m->n_stages);
    memset(e->entries, 0, sizeof(double) * Y * m->n_stages);
    if (m->n_lists > 0)
        memset(e->lists, 0, sizeof(double) * Y * m->n_lists);
    if (e->flows != NULL && m->n_params > 0)
        memset(e->flows, 0, sizeof(double) * Y * m->n_params);
}

/* Adds part `part`'s expected figures `own` (its own years, stages, lists
 * and parameters) into region `m`'s `into`, from the region's base year
 * on (no entries or flows there); a part's flows count for the region's
 * parameter of the same key. */
static void add_part(const Model *m, const ModelPart *part, const Expected *own, const Expected *into)
{
    const Model *pm = part->model;
    int S = m->n_stages, L = m->n_lists, P = m->n_params, PS = pm->n_stages, PL = pm->n_lists, PP = pm->n_params;
    for (int y = 0; y < model_n_years(m); y++) {
        int py = y + part->year_offset;
        for (int s = 0; s < PS; s++) {
            into->stock[y * S + part->stage_of[s]] += own->stock[py * PS + s];
            into->entries[y * S + part->stage_of[s]] += y > 0 ? own->entries[py * PS + s] : 0;
        }
        for (int l = 0; l < PL; l++)
            into->lists[y * L + part->list_of[l]] += own->lists[py * PL + l];
        for (int j = 0; y > 0 && into->flows != NULL && j < PP; j++)
            into->flows[y * P + part->factor_of[j]] += own->flows[py * PP + j];
    }
}

/* Part `p` of region `m` expected with the region's factors `factor`,
 * into `own` (the part's years, stages, lists and parameters). */
static gboolean expect_part(const Model *m, int p, const double *factor, const Expected *own, GError **error);

/* Region `m`'s expected figures into `out` with its parameters' factors
 * `factor`: the sum of its parts' expectations, each part at its central
 * values times the factors, its policies and the regions' acting.  Exact,
 * since an expectation of a sum is the sum of the expectations. */
static gboolean expect_region(const Model *m, const double *factor, const Expected *out, GError **error)
{
    expected_zero(m, out);
    for (int p = 0; p < m->n_parts; p++) {
        const Model *pm = m->parts[p].model;
        Expected own = expected_new(pm, out->flows != NULL);
        gboolean ok = expect_part(m, p, factor, &own, error);
        if (ok)
            add_part(m, &m->parts[p], &own, out);
        expected_clear(&own);
        if (!ok) {
            region_prefix_error(m, p, error);
            return FALSE;
        }
    }
    return TRUE;
}

static gboolean expect_part(const Model *m, int p, const double *factor, const Expected *own, GError **error)
{
    const ModelPart *part = &m->parts[p];
    const Model *pm = part->model;
    g_autofree double *base = g_new(double, MAX(pm->n_params, 1));
    model_central_params(pm, base);
    for (int j = 0; j < pm->n_params; j++)
        base[j] *= factor[part->factor_of[j]];
    if (region_is(pm))
        return expect_region(pm, base, own, error);
    return expect_recursion(pm, base, pm->base_year, NULL, FALSE, own->stock, own->entries, own->flows, error) &&
           expect_lists_from(pm, base, pm->base_year, own->stock, own->lists, error);
}

gboolean expect_parts(const Model *m, const double *base, double *stock, double *entries, double *lists,
                      GError **error)
{
    g_return_val_if_fail(region_is(m), FALSE);
    gsize cells = (gsize)model_n_years(m) * m->n_stages, lcells = (gsize)model_n_years(m) * m->n_lists;
    for (int p = 0; p < m->n_parts; p++) {
        Expected own = expected_new(m->parts[p].model, FALSE);
        Expected shaped = {stock + p * cells, entries + p * cells, lists + p * lcells, NULL};
        expected_zero(m, &shaped);
        gboolean ok = expect_part(m, p, base, &own, error);
        if (ok)
            add_part(m, &m->parts[p], &own, &shaped);
        expected_clear(&own);
        if (!ok) {
            region_prefix_error(m, p, error);
            return FALSE;
        }
    }
    return TRUE;
}

/* A region's expect_run (lists may be NULL, flows too). */
static gboolean region_run(const Model *m, const double *base, double *stock, double *entries, double *lists,
                           double *flows, GError **error)
{
    g_autofree double *own_lists = lists ? NULL : g_new(double, MAX((gsize)model_n_years(m) * m->n_lists, 1));
    Expected e = {stock, entries, lists ? lists : own_lists, flows};
    return expect_region(m, base, &e, error);
}

gboolean expect_run(const Model *m, const double *base, double *stock, double *entries, GError **error)
{
    if (region_is(m))
        return region_run(m, base, stock, entries, NULL, NULL, error);
    return expect_recursion(m, base, m->base_year, NULL, FALSE, stock, entries, NULL, error);
}

gboolean expect_run_flows(const Model *m, const double *base, double *stock, double *entries,
                          double *flows, GError **error)
{
    if (region_is(m))
        return region_run(m, base, stock, entries, NULL, flows, error);
    return expect_recursion(m, base, m->base_year, NULL, FALSE, stock, entries, flows, error);
}

gboolean expect_run_smooth(const Model *m, const double *base, const double *baseline, double *stock,
                           double *entries, GError **error)
{
    return expect_recursion(m, base, m->base_year, baseline, TRUE, stock, entries, NULL, error);
}

gboolean expect_run_from(const Model *m, const double *base, int first_year, const double *start, double *stock,
                         double *entries, GError **error)
{
    g_return_val_if_fail(m != NULL && start != NULL, FALSE);
    g_return_val_if_fail(first_year <= m->base_year && m->horizon - first_year <= MODEL_MAX_YEARS, FALSE);
    return expect_recursion(m, base, first_year, start, TRUE, stock, entries, NULL, error);
}

gboolean expect_lists_from(const Model *m, const double *base, int first_year, const double *stock, double *lists,
                           GError **error)
{
    int S = m->n_stages, L = m->n_lists;
    g_autofree double *p = g_new(double, MAX(m->n_params, 1));
    for (int row = 0; first_year + row <= m->horizon && L > 0; row++) {
        int year = first_year + row;
        /* no policy or lever acts before base_year + 1: the values themselves */
        if (year <= m->base_year && m->n_params > 0)
            memcpy(p, base, sizeof *p * m->n_params);
        else if (year > m->base_year && !model_year_params(m, base, year, p, error))
            return FALSE;
        for (int l = 0; l < L; l++)
            lists[row * L + l] = model_list_expected(m, l, stock + row * S, p);
    }
    return TRUE;
}

gboolean expect_lists(const Model *m, const double *base, const double *stock, double *lists, GError **error)
{
    if (region_is(m)) { /* the parts' lists, summed: `stock` is the parts' too */
        gsize cells = (gsize)model_n_years(m) * m->n_stages;
        g_autofree double *st = g_new(double, cells), *en = g_new(double, cells);
        return region_run(m, base, st, en, lists, NULL, error);
    }
    return expect_lists_from(m, base, m->base_year, stock, lists, error);
}
