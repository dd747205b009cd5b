/* engine.c: one replication of the ladder, year by year, with exact draws
 * from streams laid out so that each stage's draws depend only on its own
 * counts and parameters.
 * SPDX-License-Identifier: MIT */
#include "engine.h"

#include <math.h>
#include <string.h>

#include "rng.h"
#include "sample.h"

/* Slots of a stage's RNG_MOVES streams in a year: cohort t draws its
 * leavers from slot t; the leavers' split among exit and edges uses slot
 * SPLIT_SLOT + category (0 exit, 1.. the edges in file order). */
#define SPLIT_SLOT 64

struct EngineScratch {
    int n_stages;
    int *offset;     /* [n_stages + 1]: first cohort of each stage in cur/next */
    gint64 *cur;     /* firms by stage and clock at the start of the year */
    gint64 *next;    /* the same at the end of the year */
    gint64 *entered; /* [n_stages]: entries this year */
};

static int stage_cohorts(const Stage *s)
{
    return s->renewal_years > 0 ? s->renewal_years : 1;
}

EngineScratch *engine_scratch_new(const Model *m)
{
    EngineScratch *s = g_new0(EngineScratch, 1);
    s->n_stages = m->n_stages;
    s->offset = g_new0(int, m->n_stages + 1);
    for (int i = 0; i < m->n_stages; i++)
        s->offset[i + 1] = s->offset[i] + stage_cohorts(&m->stages[i]);
    s->cur = g_new0(gint64, s->offset[m->n_stages]);
    s->next = g_new0(gint64, s->offset[m->n_stages]);
    s->entered = g_new0(gint64, m->n_stages);
    return s;
}

void engine_scratch_free(EngineScratch *s)
{
    if (s == NULL)
        return;
    g_free(s->offset);
    g_free(s->cur);
    g_free(s->next);
    g_free(s->entered);
    g_free(s);
}

/* Stream slot of a parameter's uncertainty draw: fixed by what the
 * parameter is (kind, stage, destination), not by its place in the file, so
 * that two scenarios draw the same value for the same parameter. */
static guint32 param_stream(const Param *p)
{
    return rng_stream_id(RNG_PARAMS, 0, p->stage, p->kind * (MODEL_MAX_STAGES + 1) + p->to + 1);
}

void engine_draw_params(const Model *m, gboolean uncertain, gsl_rng *r, guint64 seed, guint64 rep,
                        double *base)
{
    model_central_params(m, base);
    if (!uncertain)
        return;
    for (int i = 0; i < m->n_params; i++) {
        const Param *p = &m->params[i];
        if (!p->uncertain)
            continue;
        rng_open(r, seed, rep, param_stream(p));
        base[i] = dist_draw(&p->dist, r);
    }
}

/* Baseline firms of a stage spread over its renewal clocks: n/V each, and
 * one more for clocks 0 .. (n mod V) - 1. */
static void spread_baseline(const Stage *st, gint64 *cohort)
{
    int v = stage_cohorts(st);
    for (int t = 0; t < v; t++)
        cohort[t] = st->baseline / v + (t < st->baseline % v ? 1 : 0);
}

/* Leavers of stage `s` split among exit and its edges: a categorical
 * draw for each leaver, as a chain of conditional binomials.  The last
 * category with positive probability takes the remainder. */
static void split_leavers(const Model *m, int s, const double *p, double p_leave, gint64 leavers,
                          gsl_rng *r, guint64 seed, guint64 rep, int yi, EngineScratch *x)
{
    const Stage *st = &m->stages[s];
    int last = -1;
    for (int j = 0; j < st->n_out; j++)
        if (p[st->out_param[j]] > 0)
            last = j;
    double rest = p_leave;
    /* Category 0 is exit: those firms leave the ladder. */
    if (st->exit_param >= 0 && p[st->exit_param] > 0) {
        double pe = p[st->exit_param];
        gint64 exits = leavers;
        if (last >= 0) {
            rng_open(r, seed, rep, rng_stream_id(RNG_MOVES, yi, s, SPLIT_SLOT));
            exits = sample_binomial(r, pe / rest, leavers);
        }
        leavers -= exits;
        rest -= pe;
    }
    for (int j = 0; j <= last && leavers > 0; j++) {
        double pj = p[st->out_param[j]];
        if (pj <= 0)
            continue;
        gint64 moved = leavers;
        if (j < last) {
            rng_open(r, seed, rep, rng_stream_id(RNG_MOVES, yi, s, SPLIT_SLOT + 1 + j));
            moved = sample_binomial(r, pj / rest, leavers);
        }
        int to = m->params[st->out_param[j]].to;
        x->next[x->offset[to]] += moved;
        x->entered[to] += moved;
        leavers -= moved;
        rest -= pj;
    }
}

/* Step 1 and 2 of a year for stage `s`: leavers drawn cohort by cohort,
 * then stayers age and renew or lapse. */
static void step_stage(const Model *m, int s, const double *p, gsl_rng *r, guint64 seed,
                       guint64 rep, int yi, EngineScratch *x)
{
    const Stage *st = &m->stages[s];
    double p_leave = st->exit_param >= 0 ? p[st->exit_param] : 0;
    for (int j = 0; j < st->n_out; j++)
        p_leave += p[st->out_param[j]];
    p_leave = MIN(p_leave, 1.0);
    const gint64 *cohort = x->cur + x->offset[s];
    gint64 *mine = x->next + x->offset[s];
    int v = stage_cohorts(st);
    gint64 leavers = 0;
    for (int t = 0; t < v; t++) {
        gint64 n = cohort[t];
        if (n == 0)
            continue;
        gint64 leave = 0;
        if (p_leave > 0) {
            rng_open(r, seed, rep, rng_stream_id(RNG_MOVES, yi, s, t));
            leave = sample_binomial(r, p_leave, n);
        }
        gint64 stay = n - leave;
        leavers += leave;
        if (st->renewal_years == 0) {
            mine[0] += stay;
        } else if (t + 1 < v) {
            mine[t + 1] += stay;
        } else {
            rng_open(r, seed, rep, rng_stream_id(RNG_RENEW, yi, s, t));
            gint64 renewed = sample_binomial(r, p[st->renewal_param], stay);
            mine[0] += renewed;
            x->next[x->offset[st->lapse_to]] += stay - renewed;
        }
    }
    if (leavers > 0)
        split_leavers(m, s, p, p_leave, leavers, r, seed, rep, yi, x);
}

/* Step 3: Poisson inflows and recruitment (rounded, ties to even). */
static void arrivals(const Model *m, int s, const double *p, gsl_rng *r, guint64 seed, guint64 rep,
                     int yi, EngineScratch *x)
{
    const Stage *st = &m->stages[s];
    gint64 n = 0;
    if (st->inflow_param >= 0 && p[st->inflow_param] > 0) {
        rng_open(r, seed, rep, rng_stream_id(RNG_ARRIVE, yi, s, 0));
        n += sample_poisson(r, p[st->inflow_param]);
    }
    if (st->recruitment_param >= 0)
        n += (gint64)rint(p[st->recruitment_param]);
    x->next[x->offset[s]] += n;
    x->entered[s] += n;
}

void engine_replicate(const Model *m, const double *params, gsl_rng *r, guint64 seed, guint64 rep,
                      EngineScratch *x, gint64 *stock, gint64 *entries)
{
    int n_years = model_n_years(m), S = m->n_stages;
    for (int s = 0; s < S; s++) {
        spread_baseline(&m->stages[s], x->cur + x->offset[s]);
        stock[s] = m->stages[s].baseline;
        entries[s] = 0;
    }
    for (int yi = 1; yi < n_years; yi++) {
        const double *p = params + (gsize)yi * m->n_params;
        memset(x->next, 0, sizeof *x->next * x->offset[S]);
        memset(x->entered, 0, sizeof *x->entered * S);
        for (int s = 0; s < S; s++)
            step_stage(m, s, p, r, seed, rep, yi, x);
        for (int s = 0; s < S; s++)
            arrivals(m, s, p, r, seed, rep, yi, x);
        for (int s = 0; s < S; s++) {
            gint64 total = 0;
            for (int c = x->offset[s]; c < x->offset[s + 1]; c++)
                total += x->next[c];
            stock[yi * S + s] = total;
            entries[yi * S + s] = x->entered[s];
        }
        gint64 *t = x->cur;
        x->cur = x->next;
        x->next = t;
    }
}
