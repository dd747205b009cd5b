/* runner.c: replications spread over threads in chunks, each thread adding
 * into histograms of its own, merged at the end.  Several models run side
 * by side replication by replication, with their differences against the
 * first.  Integer counts make the merged result the same for any thread
 * count.
 * SPDX-License-Identifier: MIT */
#include "runner.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cluster.h"
#include "engine.h"
#include "firms.h"
#include "paired.h"
#include "errors.h"
#include "region.h"
#include "rng.h"

#define RUNNER_CHUNK 64                 /* replications claimed at a time */
/* A chunk starts at a multiple of 64, so each 64-bit word of met_bits is
 * written by the one thread running its chunk: no two threads share a word. */
G_STATIC_ASSERT(RUNNER_CHUNK % 64 == 0);
#define PROGRESS_DELAY_US 1000000       /* show a bar only for runs over a second */
#define PROGRESS_TICK_US 100000

/* Exact sums of squared differences: a stock difference squared may pass
 * 2^32, and 10^8 of them summed 2^64. */
__extension__ typedef unsigned __int128 SumSq;

/* What one thread adds up of one part of a region (RunPart). */
typedef struct {
    guint64 *target_met;    /* [part n_targets] */
    guint64 all_met;
    gint64 *share;          /* [region n_targets]: the part's share of the region's count */
    SumSq *share_sq;
    gint64 *stock_sum;      /* [region n_years * region n_stages] */
    gint64 *lists_sum;      /* [region n_years * region n_lists] */
} PartTally;

/* What one thread adds up for one model. */
typedef struct {
    Histogram **stock;      /* [n_years * n_stages] */
    guint64 *entries_sum;   /* [n_years * n_stages] */
    Histogram **entries;    /* [n_years * n_stages], or NULL: RunConfig.entry_histograms off */
    Histogram **lists;      /* [n_years * n_lists] */
    Histogram **target;     /* [n_targets] */
    guint64 *target_met;    /* [n_targets] */
    guint64 all_met;
    FirmsTally *firms;      /* what each known firm did; NULL: the model has no roster */
    RunGain *gain;          /* what RunConfig.service did; NULL: none */
    PartTally *parts;       /* a region's: [n_parts]; NULL otherwise */
} Tally;

/* What one thread adds up of model k's differences against model 0. */
typedef struct {
    gint64 *met_sum;        /* [n_targets of k]: met_k - met_0 */
    guint64 *met_sumsq;
    gint64 all_sum;         /* all_k - all_0 */
    guint64 all_sumsq;
    gint64 *stock_sum;      /* [n_years * n_stages]: stock_k - stock_0 */
    SumSq *stock_sumsq;
    gint64 *count_sum;      /* [n_targets of k]: count_k - count_0 */
    SumSq *count_sumsq;
} PairTally;

typedef struct {
    const Model *const *models;
    int n_models;
    const RunConfig *config;
    double **fixed;         /* [n_models]: year parameters shared by all replications, or NULL */
    double *served_fixed;   /* RunConfig.service's year parameters shared by all replications, or NULL */
    FirmsStart *start;      /* [n_models]: the known firms of a model with a roster (n_firms 0: none) */
    int **target_of;        /* [n_models][n_targets of k]: model 0's target of that name, or -1 */
    guint64 **met_bits;     /* [n_models]: RunResult.met_bits being filled, or NULL each */
    gint64 *counts;         /* model 0's RunResult.counts being filled, or NULL */
    gint next_chunk;        /* atomic */
    gint done;              /* atomic: replications finished (of every model) */
    gint stop;              /* atomic: an error was found; claim no more chunks */
    GMutex lock;
    guint64 error_rep;      /* lowest replication with an error */
    GError *error;
    guint64 my_reps;        /* replications this rank runs (cluster.h): its chunks' */
    gboolean cancelled_elsewhere; /* another rank was interrupted */
} Shared;

/* One model's working memory in one thread, and its last replication. */
typedef struct {
    EngineScratch *scratch;
    FirmsScratch *firms;    /* a model with a roster: it runs firm by firm; else NULL */
    double *base;           /* [n_params] */
    double *own;            /* [n_years * n_params]: year parameters when drawn */
    gint64 *baseline;       /* [n_stages]: baselines when drawn */
    double *beta;           /* [n_params * n_attrs]: the replication's coefficients of [effects]
                               when its known firms have attributes; else NULL */
    gint64 *stock, *entries;/* [n_years * n_stages] */
    gint64 *lists;          /* [n_years * n_lists] */
    gint64 *count;          /* [n_targets] */
    gboolean *met;          /* [n_targets] */
    gboolean all;           /* every target met */
    double *served_own;     /* RunConfig.service: [n_years * n_params] its year parameters when drawn */
    gint64 *serve_count;    /* [service firms * n_targets]: firms_serve's */
    gint64 *serve_delta;
    gint64 *row_count;      /* [RunService.n_rows * n_targets]: the same summed by row, when it has rows */
    gint64 *row_delta;
} Lane;

typedef struct {
    Shared *shared;
    Tally *tally;           /* [n_models] */
    PairTally *pair;        /* [n_models]; row 0 unused */
} Worker;

/* Cells of a model's yearly tables; histograms `n` of them, or NULL when n is 0. */
static Histogram **histograms_new(int n)
{
    if (n == 0)
        return NULL;
    Histogram **h = g_new0(Histogram *, n);
    for (int i = 0; i < n; i++)
        h[i] = histogram_new();
    return h;
}

static void histograms_free(Histogram **h, int n)
{
    for (int i = 0; h != NULL && i < n; i++)
        histogram_free(h[i]);
    g_free(h);
}

static RunGain *gain_new(const Model *m, const RunService *sv)
{
    RunGain *g = g_new0(RunGain, 1);
    int T = m->n_targets;
    g->n_rows = sv->row != NULL ? sv->n_rows : sv->n_firms;
    g->n_targets = T;
    gsize rows = (gsize)g->n_rows;
    g->changed = g_new0(guint64, rows);
    g->count = g_new0(gint64, MAX(rows * T, 1));
    g->delta = g_new0(gint64, MAX(rows * T, 1));
    g->delta_sq = g_new0(guint64, MAX(rows * T, 1));
    g->met = g_new0(gint64, rows * (T + 1));
    g->met_abs = g_new0(guint64, rows * (T + 1));
    return g;
}

void runner_gain_free(RunGain *g)
{
    if (g == NULL)
        return;
    g_free(g->changed);
    g_free(g->count);
    g_free(g->delta);
    g_free(g->delta_sq);
    g_free(g->met);
    g_free(g->met_abs);
    g_free(g);
}

static void gain_merge(RunGain *dst, const RunGain *src)
{
    gsize rows = (gsize)dst->n_rows, T = (gsize)dst->n_targets;
    for (gsize i = 0; i < rows; i++)
        dst->changed[i] += src->changed[i];
    for (gsize i = 0; i < rows * T; i++) {
        dst->count[i] += src->count[i];
        dst->delta[i] += src->delta[i];
        dst->delta_sq[i] += src->delta_sq[i];
    }
    for (gsize i = 0; i < rows * (T + 1); i++) {
        dst->met[i] += src->met[i];
        dst->met_abs[i] += src->met_abs[i];
    }
}

static void parts_init(Tally *t, const Model *m)
{
    if (!region_is(m))
        return;
    gsize cells = (gsize)model_n_years(m) * m->n_stages, lcells = (gsize)model_n_years(m) * m->n_lists;
    t->parts = g_new0(PartTally, m->n_parts);
    for (int p = 0; p < m->n_parts; p++) {
        PartTally *pt = &t->parts[p];
        pt->target_met = g_new0(guint64, MAX(m->parts[p].model->n_targets, 1));
        pt->share = g_new0(gint64, MAX(m->n_targets, 1));
        pt->share_sq = g_new0(SumSq, MAX(m->n_targets, 1));
        pt->stock_sum = g_new0(gint64, cells);
        pt->lists_sum = g_new0(gint64, MAX(lcells, 1));
    }
}

static void parts_clear(PartTally *parts, int n)
{
    for (int p = 0; parts != NULL && p < n; p++) {
        g_free(parts[p].target_met);
        g_free(parts[p].share);
        g_free(parts[p].share_sq);
        g_free(parts[p].stock_sum);
        g_free(parts[p].lists_sum);
    }
    g_free(parts);
}

static void parts_merge(PartTally *dst, const PartTally *src, const Model *m)
{
    gsize cells = (gsize)model_n_years(m) * m->n_stages, lcells = (gsize)model_n_years(m) * m->n_lists;
    for (int p = 0; dst != NULL && p < m->n_parts; p++) {
        for (int t = 0; t < m->parts[p].model->n_targets; t++)
            dst[p].target_met[t] += src[p].target_met[t];
        dst[p].all_met += src[p].all_met;
        for (int t = 0; t < m->n_targets; t++) {
            dst[p].share[t] += src[p].share[t];
            dst[p].share_sq[t] += src[p].share_sq[t];
        }
        for (gsize i = 0; i < cells; i++)
            dst[p].stock_sum[i] += src[p].stock_sum[i];
        for (gsize i = 0; i < lcells; i++)
            dst[p].lists_sum[i] += src[p].lists_sum[i];
    }
}

static SumSq square(gint64 d);

/* What each part of region `m` did in the replication in `x`
 * (engine_replicate_region): its own targets met, its share of each of
 * the region's counts, its stocks and lists in the region's years. */
static void parts_add(PartTally *parts, const Model *m, const EngineScratch *x)
{
    gsize cells = (gsize)model_n_years(m) * m->n_stages, lcells = (gsize)model_n_years(m) * m->n_lists;
    for (int p = 0; p < m->n_parts; p++) {
        const Model *pm = m->parts[p].model;
        const EngineTrajectory *own = engine_part_own(x, p), *shaped = engine_part_shaped(x, p);
        PartTally *pt = &parts[p];
        gboolean all = TRUE;
        for (int t = 0; t < pm->n_targets; t++) {
            gboolean met = model_target_count(pm, &pm->targets[t], own->stock, own->entries, own->lists) >=
                           pm->targets[t].at_least;
            pt->target_met[t] += met;
            all = all && met;
        }
        pt->all_met += all;
        for (int t = 0; t < m->n_targets; t++) {
            gint64 n = model_target_count(m, &m->targets[t], shaped->stock, shaped->entries, shaped->lists);
            pt->share[t] += n;
            pt->share_sq[t] += square(n);
        }
        for (gsize i = 0; i < cells; i++)
            pt->stock_sum[i] += shaped->stock[i];
        for (gsize i = 0; i < lcells; i++)
            pt->lists_sum[i] += shaped->lists[i];
    }
}

/* `with_parts`: tally a region's parts (parts_init). */
/* `met_only`: a variant run in one part (RunConfig.changed_part), whose
 * targets met are all anyone reads: no histograms, no parts. */
static void tally_init(Tally *t, const Model *m, gboolean entry_histograms, gboolean met_only)
{
    int cells = model_n_years(m) * m->n_stages;
    t->stock = histograms_new(met_only ? 0 : cells);
    t->entries_sum = g_new0(guint64, cells);
    t->entries = histograms_new(entry_histograms && !met_only ? cells : 0);
    t->lists = histograms_new(met_only ? 0 : model_n_years(m) * m->n_lists);
    t->target = histograms_new(met_only ? 0 : m->n_targets);
    t->target_met = g_new0(guint64, m->n_targets);
    t->firms = m->roster ? firms_tally_new(m, m->roster->n_firms) : NULL;
    if (!met_only)
        parts_init(t, m);
}

static void tally_clear(Tally *t, const Model *m)
{
    if (t->entries_sum == NULL) /* moved into a RunResult */
        return;
    int cells = model_n_years(m) * m->n_stages;
    histograms_free(t->stock, cells);
    histograms_free(t->entries, cells);
    histograms_free(t->lists, model_n_years(m) * m->n_lists);
    histograms_free(t->target, m->n_targets);
    g_free(t->entries_sum);
    g_free(t->target_met);
    firms_tally_free(t->firms);
    runner_gain_free(t->gain);
    parts_clear(t->parts, m->n_parts);
}

static void tally_merge(Tally *dst, const Tally *src, const Model *m)
{
    int cells = model_n_years(m) * m->n_stages;
    for (int i = 0; i < cells; i++) {
        if (dst->stock != NULL)
            histogram_merge(dst->stock[i], src->stock[i]);
        dst->entries_sum[i] += src->entries_sum[i];
        if (dst->entries != NULL)
            histogram_merge(dst->entries[i], src->entries[i]);
    }
    for (int i = 0; dst->lists != NULL && i < model_n_years(m) * m->n_lists; i++)
        histogram_merge(dst->lists[i], src->lists[i]);
    for (int i = 0; i < m->n_targets; i++) {
        if (dst->target != NULL)
            histogram_merge(dst->target[i], src->target[i]);
        dst->target_met[i] += src->target_met[i];
    }
    dst->all_met += src->all_met;
    if (dst->firms != NULL)
        firms_tally_merge(dst->firms, src->firms);
    if (dst->gain != NULL)
        gain_merge(dst->gain, src->gain);
    parts_merge(dst->parts, src->parts, m);
}

static void tally_add(Tally *t, const Model *m, const Lane *l)
{
    int cells = model_n_years(m) * m->n_stages;
    for (int i = 0; i < cells; i++)
        t->entries_sum[i] += (guint64)l->entries[i];
    for (int i = 0; t->stock != NULL && i < cells; i++)
        histogram_add(t->stock[i], l->stock[i]);
    for (int i = 0; t->entries != NULL && i < cells; i++)
        histogram_add(t->entries[i], l->entries[i]);
    for (int i = 0; t->lists != NULL && i < model_n_years(m) * m->n_lists; i++)
        histogram_add(t->lists[i], l->lists[i]);
    for (int i = 0; i < m->n_targets; i++) {
        if (t->target != NULL)
            histogram_add(t->target[i], l->count[i]);
        t->target_met[i] += l->met[i];
    }
    t->all_met += l->all;
    if (t->parts != NULL)
        parts_add(t->parts, m, l->scratch);
}

/* Settles every histogram of `t`, so reading them costs no copy. */
static void tally_settle(Tally *t, const Model *m)
{
    int cells = model_n_years(m) * m->n_stages;
    for (int i = 0; t->stock != NULL && i < cells; i++)
        histogram_settle(t->stock[i]);
    for (int i = 0; t->entries != NULL && i < cells; i++)
        histogram_settle(t->entries[i]);
    for (int i = 0; t->lists != NULL && i < model_n_years(m) * m->n_lists; i++)
        histogram_settle(t->lists[i]);
    for (int i = 0; t->target != NULL && i < m->n_targets; i++)
        histogram_settle(t->target[i]);
}

static void pair_init(PairTally *p, const Model *m)
{
    int cells = model_n_years(m) * m->n_stages;
    p->met_sum = g_new0(gint64, m->n_targets);
    p->met_sumsq = g_new0(guint64, m->n_targets);
    p->stock_sum = g_new0(gint64, cells);
    p->stock_sumsq = g_new0(SumSq, cells);
    p->count_sum = g_new0(gint64, m->n_targets);
    p->count_sumsq = g_new0(SumSq, m->n_targets);
}

static void pair_clear(PairTally *p)
{
    g_free(p->met_sum);
    g_free(p->met_sumsq);
    g_free(p->stock_sum);
    g_free(p->stock_sumsq);
    g_free(p->count_sum);
    g_free(p->count_sumsq);
}

static void pair_merge(PairTally *dst, const PairTally *src, const Model *m)
{
    int cells = model_n_years(m) * m->n_stages;
    for (int i = 0; i < cells; i++) {
        dst->stock_sum[i] += src->stock_sum[i];
        dst->stock_sumsq[i] += src->stock_sumsq[i];
    }
    for (int i = 0; i < m->n_targets; i++) {
        dst->met_sum[i] += src->met_sum[i];
        dst->met_sumsq[i] += src->met_sumsq[i];
        dst->count_sum[i] += src->count_sum[i];
        dst->count_sumsq[i] += src->count_sumsq[i];
    }
    dst->all_sum += src->all_sum;
    dst->all_sumsq += src->all_sumsq;
}

static SumSq square(gint64 d)
{
    guint64 a = d < 0 ? -(guint64)d : (guint64)d;
    return (SumSq)a * a;
}

/* Adds replication `l` of model k (with `target_of` its targets in model 0)
 * less the same replication `l0` of model 0. */
static void pair_add(PairTally *p, const Model *m, const Lane *l, const Lane *l0, const int *target_of)
{
    int cells = model_n_years(m) * m->n_stages;
    for (int i = 0; i < cells; i++) {
        gint64 d = l->stock[i] - l0->stock[i];
        p->stock_sum[i] += d;
        p->stock_sumsq[i] += square(d);
    }
    for (int i = 0; i < m->n_targets; i++) {
        int j = target_of[i];
        if (j < 0)
            continue;
        gint64 met = (gint64)l->met[i] - (gint64)l0->met[j], d = l->count[i] - l0->count[j];
        p->met_sum[i] += met;
        p->met_sumsq[i] += (guint64)(met * met);
        p->count_sum[i] += d;
        p->count_sumsq[i] += square(d);
    }
    gint64 all = (gint64)l->all - (gint64)l0->all;
    p->all_sum += all;
    p->all_sumsq += (guint64)(all * all);
}

/* The lane's targets met, from its counts. */
static void lane_met(Lane *l, const Model *m)
{
    l->all = TRUE;
    for (int i = 0; i < m->n_targets; i++) {
        l->met[i] = l->count[i] >= m->targets[i].at_least;
        l->all = l->all && l->met[i];
    }
}

/* Every target's count in the lane's trajectory, and whether it is met. */
static void lane_count_targets(Lane *l, const Model *m)
{
    for (int i = 0; i < m->n_targets; i++)
        l->count[i] = model_target_count(m, &m->targets[i], l->stock, l->entries, l->lists);
    lane_met(l, m);
}

/* The lane's target counts as a run kept them (RunResult.counts). */
static void lane_set_counts(Lane *l, const Model *m, const gint64 *count)
{
    if (m->n_targets > 0) /* else l->count is NULL, which memcpy must not get */
        memcpy(l->count, count, sizeof *count * m->n_targets);
    lane_met(l, m);
}

/* `sv`: the service model k = 0 gives (RunConfig.service), else NULL. */
static void lane_init(Lane *l, const Model *m, const FirmsStart *start, const RunService *sv)
{
    int cells = model_n_years(m) * m->n_stages;
    l->scratch = engine_scratch_new(m);
    l->firms = m->roster ? firms_scratch_new(m, start) : NULL;
    l->base = g_new(double, m->n_params);
    l->own = g_new0(double, (gsize)model_n_years(m) * m->n_params);
    l->baseline = g_new(gint64, m->n_stages);
    l->beta = start->n_attrs > 0 ? g_new(double, (gsize)m->n_params * start->n_attrs) : NULL;
    l->stock = g_new(gint64, cells);
    l->entries = g_new(gint64, cells);
    l->lists = g_new(gint64, MAX(model_n_years(m) * m->n_lists, 1));
    l->count = g_new(gint64, m->n_targets);
    l->met = g_new(gboolean, m->n_targets);
    if (sv != NULL) {
        l->served_own = g_new0(double, (gsize)model_n_years(m) * m->n_params);
        l->serve_count = g_new(gint64, MAX((gsize)sv->n_firms * m->n_targets, 1));
        l->serve_delta = g_new(gint64, MAX((gsize)sv->n_firms * m->n_targets, 1));
        if (sv->row != NULL) {
            l->row_count = g_new(gint64, MAX((gsize)sv->n_rows * m->n_targets, 1));
            l->row_delta = g_new(gint64, MAX((gsize)sv->n_rows * m->n_targets, 1));
        }
    }
}

static void lane_clear(Lane *l)
{
    engine_scratch_free(l->scratch);
    firms_scratch_free(l->firms);
    g_free(l->base);
    g_free(l->own);
    g_free(l->baseline);
    g_free(l->beta);
    g_free(l->stock);
    g_free(l->entries);
    g_free(l->lists);
    g_free(l->count);
    g_free(l->met);
    g_free(l->served_own);
    g_free(l->serve_count);
    g_free(l->serve_delta);
    g_free(l->row_count);
    g_free(l->row_delta);
}

static void record_error(Shared *sh, guint64 rep, GError *error)
{
    g_mutex_lock(&sh->lock);
    if (sh->error == NULL || rep < sh->error_rep) {
        g_clear_error(&sh->error);
        sh->error = g_error_new(error->domain, error->code,
                                "%s (replication %" G_GUINT64_FORMAT " of the run drew these values from "
                                "[uncertainty]; narrow the distribution or soften the policy)",
                                error->message, rep);
        sh->error_rep = rep;
    }
    g_error_free(error);
    g_mutex_unlock(&sh->lock);
    g_atomic_int_set(&sh->stop, 1);
}

/* The ranks this run's replications are shared by (cluster.h), and this
 * one's place among them: every rank, or this one alone
 * (RunConfig.rank_alone). */
static guint64 ranks(const Shared *sh)
{
    return sh->config->rank_alone ? 1 : (guint64)cluster_size();
}

static guint64 rank(const Shared *sh)
{
    return sh->config->rank_alone ? 0 : (guint64)cluster_rank();
}

static gboolean cancelled(const Shared *sh)
{
    return sh->cancelled_elsewhere || (sh->config->cancel != NULL && *sh->config->cancel);
}

/* The coefficients of [effects] for replication `rep` of model k into the
 * lane, as the per-firm engine takes them: each uncertain one drawn when
 * the run draws uncertainty, else central.  NULL when model k's known
 * firms have no attributes (no roster, or no [effects]). */
static const FirmsEffects *lane_effects(const Shared *sh, int k, Lane *l, gsl_rng *r, guint64 rep,
                                        FirmsEffects *fx)
{
    if (l->beta == NULL)
        return NULL;
    engine_draw_effects(sh->models[k], sh->config->uncertain, r, sh->config->seed, rep, l->beta);
    *fx = (FirmsEffects){.n_attrs = sh->start[k].n_attrs, .beta = l->beta};
    return fx;
}

/* Row `row` of `g` gets one replication's contributions `count` and their
 * changes `delta` ([T] each) of firms whose district, without the
 * service, counts l->count and meets l->met: with the changes, target t
 * is met when l->count[t] + delta[t] reaches it. */
static void gain_row_add(RunGain *g, int row, const Model *m, const Lane *l, const gint64 *count,
                         const gint64 *delta)
{
    int T = m->n_targets;
    gboolean changed = FALSE, all = TRUE;
    for (int t = 0; t < T; t++) {
        g->count[row * T + t] += count[t];
        g->delta[row * T + t] += delta[t];
        g->delta_sq[row * T + t] += (guint64)(delta[t] * delta[t]);
        changed = changed || delta[t] != 0;
    }
    if (!changed)
        return;
    g->changed[row]++;
    gint64 *met = g->met + (gsize)row * (T + 1);
    guint64 *met_abs = g->met_abs + (gsize)row * (T + 1);
    for (int t = 0; t < T; t++) {
        gboolean now = l->count[t] + delta[t] >= m->targets[t].at_least;
        all = all && now;
        met[t] += now - l->met[t];
        met_abs[t] += now != l->met[t];
    }
    met[T] += all - l->all;
    met_abs[T] += all != l->all;
}

/* RunConfig.service in the replication just run into lane `l` of model
 * `m`, into `g`: each served firm's history run again as firms_serve
 * does, and the changes summed by row.  FALSE, with the error recorded,
 * when the service makes a drawn year invalid. */
static gboolean serve(Shared *sh, const Model *m, Lane *l, guint64 rep, RunGain *g)
{
    const RunService *sv = sh->config->service;
    const double *served = sh->served_fixed;
    if (served == NULL) {
        GError *error = NULL;
        if (!model_year_table(sv->served, l->base, l->served_own, &error)) {
            record_error(sh, rep, error);
            return FALSE;
        }
        served = l->served_own;
    }
    int T = m->n_targets;
    firms_serve(l->firms, served, sv->firms, sv->n_firms, l->serve_count, l->serve_delta);
    if (sv->row == NULL) {
        for (int j = 0; j < sv->n_firms; j++)
            gain_row_add(g, j, m, l, l->serve_count + (gsize)j * T, l->serve_delta + (gsize)j * T);
        return TRUE;
    }
    memset(l->row_count, 0, sizeof *l->row_count * (gsize)sv->n_rows * T);
    memset(l->row_delta, 0, sizeof *l->row_delta * (gsize)sv->n_rows * T);
    for (int j = 0; j < sv->n_firms; j++)
        for (int t = 0; t < T; t++) {
            l->row_count[(gsize)sv->row[j] * T + t] += l->serve_count[(gsize)j * T + t];
            l->row_delta[(gsize)sv->row[j] * T + t] += l->serve_delta[(gsize)j * T + t];
        }
    for (int row = 0; row < sv->n_rows; row++)
        gain_row_add(g, row, m, l, l->row_count + (gsize)row * T, l->row_delta + (gsize)row * T);
    return TRUE;
}

/* Lane l's target counts of replication `rep` of model k (its trajectory
 * in the lane), and model 0's kept in sh->counts when the run keeps them. */
static void count_replication(Shared *sh, int k, Lane *l, guint64 rep)
{
    const Model *m = sh->models[k];
    lane_count_targets(l, m);
    if (sh->counts != NULL && k == 0 && m->n_targets > 0)
        memcpy(sh->counts + rep * (guint64)m->n_targets, l->count, sizeof *l->count * m->n_targets);
}

/* The one part model k differs from model 0 in (RunConfig.changed_part), or -1. */
static int changed_part(const Shared *sh, int k)
{
    return sh->config->changed_part != NULL && k > 0 ? sh->config->changed_part[k] : -1;
}

/* Replication `rep` of model k into its lane, with its target counts: by
 * cohorts, or firm by firm for a model with a roster, what each known firm
 * did added to `tally->firms` and what RunConfig.service did to
 * `tally->gain`.  FALSE, with the error recorded, when drawn parameters
 * make a year invalid. */
static gboolean replicate(Shared *sh, int k, Lane *l, const Lane *base, gsl_rng *r, guint64 rep, Tally *tally)
{
    const Model *m = sh->models[k];
    guint64 seed = sh->config->seed;
    const double *params = sh->fixed[k];
    const gint64 *baseline = NULL;
    EngineTrajectory out = {l->stock, l->entries, l->lists};
    if (region_is(m)) {
        GError *error = NULL;
        int part = changed_part(sh, k);
        EngineTrajectory base_out = {base ? base->stock : NULL, base ? base->entries : NULL, base ? base->lists : NULL};
        gboolean ok = part >= 0 && base != NULL
                          ? engine_replicate_region_part(m, part, base->scratch, &base_out, sh->config->uncertain, r,
                                                         seed, rep, l->scratch, &out, &error)
                          : engine_replicate_region(m, sh->config->uncertain, r, seed, rep, l->scratch, &out, &error);
        if (!ok) {
            record_error(sh, rep, error);
            return FALSE;
        }
        count_replication(sh, k, l, rep);
        return TRUE;
    }
    if (params == NULL) {
        GError *error = NULL;
        engine_draw_params(m, TRUE, r, seed, rep, l->base);
        if (!model_year_table(m, l->base, l->own, &error)) {
            record_error(sh, rep, error);
            return FALSE;
        }
        params = l->own;
        engine_draw_baselines(m, TRUE, r, seed, rep, l->baseline);
        baseline = l->baseline;
    }
    FirmsEffects fx;
    const RunService *sv = k == 0 ? sh->config->service : NULL;
    if (sv != NULL && sv->counts != NULL) { /* only the served firms, against the counts given */
        firms_prepare(m, &sh->start[k], lane_effects(sh, k, l, r, rep, &fx), params, seed, rep, l->firms);
        lane_set_counts(l, m, sv->counts + rep * (guint64)m->n_targets);
        return serve(sh, m, l, rep, tally->gain);
    }
    if (l->firms != NULL)
        firms_replicate(m, &sh->start[k], lane_effects(sh, k, l, r, rep, &fx), params, baseline, r, seed, rep,
                        l->firms, &out, tally->firms);
    else
        engine_replicate(m, params, baseline, r, seed, rep, l->scratch, &out);
    count_replication(sh, k, l, rep);
    return tally->gain == NULL || serve(sh, m, l, rep, tally->gain);
}

guint64 runner_met_words(guint64 reps)
{
    return (reps + 63) / 64;
}

gboolean runner_met(const RunResult *r, int t, guint64 rep)
{
    g_return_val_if_fail(r->met_bits != NULL && rep < r->config.reps, FALSE);
    guint64 word = r->met_bits[(guint64)t * runner_met_words(r->config.reps) + rep / 64];
    return (word >> (rep % 64)) & 1;
}

/* Sets replication `rep`'s bits of `bits` (RunResult.met_bits of `m` at
 * `reps`) from lane `l`: only this thread writes the word (RUNNER_CHUNK). */
static void met_bits_set(guint64 *bits, const Model *m, const Lane *l, guint64 reps, guint64 rep)
{
    guint64 words = runner_met_words(reps), bit = (guint64)1 << (rep % 64);
    for (int t = 0; t <= m->n_targets; t++)
        if (t < m->n_targets ? l->met[t] : l->all)
            bits[(guint64)t * words + rep / 64] |= bit;
}

/* Replication `rep` of every model in turn, each tallied, and each k >= 1
 * paired with model 0's.  FALSE when one failed (recorded). */
static gboolean replicate_all(Worker *w, Lane *lanes, gsl_rng *r, guint64 rep)
{
    Shared *sh = w->shared;
    for (int k = 0; k < sh->n_models; k++) {
        if (!replicate(sh, k, &lanes[k], &lanes[0], r, rep, &w->tally[k]))
            return FALSE;
        if (k == 0 && sh->config->service != NULL && sh->config->service->counts != NULL)
            continue; /* only the service ran: nothing else to count */
        if (sh->met_bits[k] != NULL)
            met_bits_set(sh->met_bits[k], sh->models[k], &lanes[k], sh->config->reps, rep);
        tally_add(&w->tally[k], sh->models[k], &lanes[k]);
        if (k > 0)
            pair_add(&w->pair[k], sh->models[k], &lanes[k], &lanes[0], sh->target_of[k]);
    }
    return TRUE;
}

/* TRUE when model 0's replications may run a chunk at a time through
 * firms_replicate_chunk: one model, firm by firm, no service, and nothing
 * drawn (year parameters, baselines and coefficients are the same in
 * every replication). */
static gboolean runs_in_chunks(const Shared *sh)
{
    const Model *m = sh->models[0];
    if (sh->n_models != 1 || sh->config->service != NULL || sh->fixed[0] == NULL || m->roster == NULL)
        return FALSE;
    for (int i = 0; sh->config->uncertain && i < m->n_effects; i++)
        if (m->effects[i].uncertain)
            return FALSE;
    return TRUE;
}

/* Replications first .. last - 1 (at most RUNNER_CHUNK) of model 0, which
 * runs_in_chunks, as replicate_all runs them one at a time (the same
 * bytes): their firms through firms_replicate_chunk into `outs`, then each
 * counted and tallied in turn. */
static void replicate_chunk(Worker *w, Lane *l, gsl_rng *r, guint64 first, guint64 last,
                            const EngineTrajectory *outs)
{
    Shared *sh = w->shared;
    const Model *m = sh->models[0];
    int cells = model_n_years(m) * m->n_stages, lcells = model_n_years(m) * m->n_lists;
    FirmsEffects fx;
    firms_replicate_chunk(m, &sh->start[0], lane_effects(sh, 0, l, r, first, &fx), sh->fixed[0], NULL, r,
                          sh->config->seed, first, (int)(last - first), l->firms, outs, w->tally[0].firms);
    for (guint64 rep = first; rep < last; rep++) {
        const EngineTrajectory *o = &outs[rep - first];
        memcpy(l->stock, o->stock, sizeof *l->stock * cells);
        memcpy(l->entries, o->entries, sizeof *l->entries * cells);
        if (lcells > 0)
            memcpy(l->lists, o->lists, sizeof *l->lists * lcells);
        count_replication(sh, 0, l, rep);
        if (sh->met_bits[0] != NULL)
            met_bits_set(sh->met_bits[0], m, l, sh->config->reps, rep);
        tally_add(&w->tally[0], m, l);
    }
}

/* Trajectories for RUNNER_CHUNK replications of `m` (one block: free
 * outs[0].stock, then `outs`). */
static EngineTrajectory *chunk_outs(const Model *m)
{
    gsize cells = (gsize)model_n_years(m) * m->n_stages, lcells = MAX((gsize)model_n_years(m) * m->n_lists, 1);
    gint64 *mem = g_new0(gint64, RUNNER_CHUNK * (2 * cells + lcells));
    EngineTrajectory *outs = g_new(EngineTrajectory, RUNNER_CHUNK);
    for (int j = 0; j < RUNNER_CHUNK; j++) {
        gint64 *o = mem + j * (2 * cells + lcells);
        outs[j] = (EngineTrajectory){o, o + cells, o + 2 * cells};
    }
    return outs;
}

/* Runs chunks until none is left.  Chunks are claimed in increasing order,
 * so when one fails every lower chunk is already claimed and finishes: the
 * error reported is the lowest replication's, whatever the thread count. */
static gpointer worker_main(gpointer data)
{
    Worker *w = data;
    Shared *sh = w->shared;
    guint64 reps = sh->config->reps;
    Lane *lanes = g_new0(Lane, sh->n_models);
    for (int k = 0; k < sh->n_models; k++)
        lane_init(&lanes[k], sh->models[k], &sh->start[k], k == 0 ? sh->config->service : NULL);
    gsl_rng *r = rng_new();
    EngineTrajectory *outs = runs_in_chunks(sh) ? chunk_outs(sh->models[0]) : NULL;

    while (!g_atomic_int_get(&sh->stop) && !cancelled(sh)) {
        /* this rank's chunks: rank, rank + size, ... (cluster.h) */
        guint64 chunk = (guint64)g_atomic_int_add(&sh->next_chunk, 1) * ranks(sh) + rank(sh);
        guint64 first = chunk * RUNNER_CHUNK;
        if (first >= reps)
            break;
        guint64 last = MIN(first + RUNNER_CHUNK, reps);
        if (outs != NULL)
            replicate_chunk(w, &lanes[0], r, first, last, outs);
        else
            for (guint64 rep = first; rep < last && replicate_all(w, lanes, r, rep); rep++)
                ;
        g_atomic_int_add(&sh->done, (gint)(last - first));
    }
    if (outs != NULL)
        g_free(outs[0].stock);
    g_free(outs);
    gsl_rng_free(r);
    for (int k = 0; k < sh->n_models; k++)
        lane_clear(&lanes[k]);
    g_free(lanes);
    return NULL;
}

/* Redraws the bar: "[#####-----]  45%  4500/10000  ~3 s left". */
static void progress_draw(guint64 done, guint64 total, gint64 elapsed_us)
{
    const int width = 40;
    int filled = (int)(width * done / total);
    double left = done ? (double)elapsed_us / 1e6 * (double)(total - done) / (double)done : 0;
    fprintf(stderr, "\r[%.*s%*s] %3d%%  %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "  ~%.0f s left ",
            filled, "########################################", width - filled, "",
            (int)(100 * done / total), done, total, left);
    fflush(stderr);
}

/* Waits for the workers, drawing a progress bar on a terminal once the run
 * has lasted a second.  It counts replications of every model. */
static void progress_wait(Shared *sh, gboolean progress)
{
    gboolean tty = progress && isatty(STDERR_FILENO);
    gint64 start = g_get_monotonic_time();
    gboolean shown = FALSE;
    guint64 reps = sh->my_reps, n = (guint64)sh->n_models;
    while (tty && (guint64)g_atomic_int_get(&sh->done) < reps && !g_atomic_int_get(&sh->stop) &&
           !cancelled(sh)) {
        g_usleep(PROGRESS_TICK_US);
        gint64 elapsed = g_get_monotonic_time() - start;
        if (elapsed >= PROGRESS_DELAY_US) {
            progress_draw((guint64)g_atomic_int_get(&sh->done) * n, reps * n, elapsed);
            shown = TRUE;
        }
    }
    if (shown)
        fprintf(stderr, "\r%*s\r", 90, "");
}

/* The parts' sums of `total` (taken) as the result gives them. */
static RunPart *parts_result(const Model *m, Tally *total)
{
    if (total->parts == NULL)
        return NULL;
    RunPart *parts = g_new0(RunPart, m->n_parts);
    for (int p = 0; p < m->n_parts; p++) {
        PartTally *pt = &total->parts[p];
        RunPart *rp = &parts[p];
        rp->model = m->parts[p].model;
        rp->target_met = g_steal_pointer(&pt->target_met);
        rp->all_met = pt->all_met;
        rp->share_sum = g_steal_pointer(&pt->share);
        rp->share_sumsq = g_new0(double, MAX(m->n_targets, 1));
        for (int t = 0; t < m->n_targets; t++)
            rp->share_sumsq[t] = (double)pt->share_sq[t];
        rp->stock_sum = g_steal_pointer(&pt->stock_sum);
        rp->lists_sum = g_steal_pointer(&pt->lists_sum);
    }
    parts_clear(g_steal_pointer(&total->parts), m->n_parts);
    return parts;
}

static void run_parts_free(RunPart *parts, int n)
{
    for (int p = 0; parts != NULL && p < n; p++) {
        g_free(parts[p].target_met);
        g_free(parts[p].share_sum);
        g_free(parts[p].share_sumsq);
        g_free(parts[p].stock_sum);
        g_free(parts[p].lists_sum);
    }
    g_free(parts);
}

static RunResult *result_from(const Model *m, const RunConfig *config, Tally *total)
{
    RunResult *res = g_new0(RunResult, 1);
    res->model = m;
    res->config = *config;
    res->config.service = NULL; /* the caller's, for the run only: RunResult.gain holds what it did */
    res->n_years = model_n_years(m);
    res->n_stages = m->n_stages;
    res->stock = g_steal_pointer(&total->stock);
    res->entries_sum = g_steal_pointer(&total->entries_sum);
    res->entries = g_steal_pointer(&total->entries);
    res->lists = g_steal_pointer(&total->lists);
    res->target = g_steal_pointer(&total->target);
    res->target_met = g_steal_pointer(&total->target_met);
    res->all_met = total->all_met;
    res->firms = g_steal_pointer(&total->firms);
    res->gain = g_steal_pointer(&total->gain);
    res->n_parts = total->parts != NULL ? m->n_parts : 0;
    res->parts = parts_result(m, total);
    return res;
}

/* The year parameters every replication of `m` shares, into *fixed (caller
 * owns), or NULL when each replication draws its own.  FALSE when a year is
 * invalid at central values. */
static gboolean fixed_params(const Model *m, const RunConfig *config, double **fixed, GError **error)
{
    *fixed = NULL;
    if (region_is(m) || (config->uncertain && model_has_uncertainty(m)))
        return TRUE; /* a region's parts build their own (engine_replicate_region) */
    g_autofree double *base = g_new(double, m->n_params);
    g_autofree double *params = g_new0(double, (gsize)model_n_years(m) * m->n_params);
    model_central_params(m, base);
    if (!model_year_table(m, base, params, error))
        return FALSE;
    *fixed = g_steal_pointer(&params);
    return TRUE;
}

/* For each target of `m`, the index of `ref`'s target of the same name, or
 * -1 (caller owns). */
static int *target_map(const Model *m, const Model *ref)
{
    int *map = g_new(int, MAX(m->n_targets, 1));
    for (int i = 0; i < m->n_targets; i++) {
        map[i] = -1;
        for (int j = 0; j < ref->n_targets && map[i] < 0; j++)
            if (strcmp(m->targets[i].name, ref->targets[j].name) == 0)
                map[i] = j;
    }
    return map;
}

/* The known firms of `m`'s roster as the per-firm engine takes them
 * (borrowing the model's arrays), with their standardised attributes when
 * model_set_roster_attributes gave them (then the effects act); none
 * without a roster. */
static FirmsStart firms_start(const Model *m)
{
    const ModelRoster *r = m->roster;
    if (r == NULL)
        return (FirmsStart){0};
    gboolean attrs = r->z != NULL && r->n_attrs == m->n_attrs && m->n_attrs > 0;
    return (FirmsStart){.n_firms = r->n_firms, .n_attrs = attrs ? r->n_attrs : 0, .z = attrs ? r->z : NULL,
                        .stage = r->stage, .clock = r->clock, .covers = r->covers};
}

static void shared_clear(Shared *sh)
{
    for (int k = 0; k < sh->n_models; k++) {
        g_free(sh->fixed[k]);
        g_free(sh->target_of[k]);
        g_free(sh->met_bits[k]);
    }
    g_free(sh->start);
    g_free(sh->fixed);
    g_free(sh->served_fixed);
    g_free(sh->counts);
    g_free(sh->target_of);
    g_free(sh->met_bits);
    g_clear_error(&sh->error);
    g_mutex_clear(&sh->lock);
}

/* Checks the models against models[0] and prepares what the workers share.
 * On failure `sh` still needs shared_clear. */
static gboolean shared_init(Shared *sh, const Model *const *models, int n_models, const RunConfig *config,
                            GError **error)
{
    *sh = (Shared){.models = models, .n_models = n_models, .config = config,
                   .fixed = g_new0(double *, n_models), .target_of = g_new0(int *, n_models),
                   .met_bits = g_new0(guint64 *, n_models),
                   .start = g_new0(FirmsStart, n_models)};
    g_mutex_init(&sh->lock);
    for (guint64 chunk = rank(sh); chunk * RUNNER_CHUNK < config->reps; chunk += ranks(sh))
        sh->my_reps += MIN(RUNNER_CHUNK, config->reps - chunk * RUNNER_CHUNK);
    for (int k = 0; k < n_models; k++) {
        if (k > 0 && !model_comparable(models[k], models[0], error))
            return FALSE;
        if (!fixed_params(models[k], config, &sh->fixed[k], error))
            return FALSE;
        sh->target_of[k] = target_map(models[k], models[0]);
        if (config->met_bits)
            sh->met_bits[k] = g_new0(guint64, (models[k]->n_targets + 1) * runner_met_words(config->reps));
        sh->start[k] = firms_start(models[k]);
    }
    if (config->keep_counts)
        sh->counts = g_new0(gint64, MAX(config->reps * (guint64)models[0]->n_targets, 1));
    const RunService *sv = config->service;
    if (sv != NULL) {
        g_return_val_if_fail(models[0]->roster != NULL && sv->n_firms >= 1, FALSE);
        if (!model_comparable(sv->served, models[0], error) ||
            !fixed_params(sv->served, config, &sh->served_fixed, error))
            return FALSE;
    }
    return TRUE;
}

static void worker_init(Worker *w, Shared *sh)
{
    w->shared = sh;
    w->tally = g_new0(Tally, sh->n_models);
    w->pair = g_new0(PairTally, sh->n_models);
    for (int k = 0; k < sh->n_models; k++) {
        tally_init(&w->tally[k], sh->models[k], sh->config->entry_histograms, changed_part(sh, k) >= 0);
        if (k == 0 && sh->config->service != NULL)
            w->tally[k].gain = gain_new(sh->models[k], sh->config->service);
        if (k > 0)
            pair_init(&w->pair[k], sh->models[k]);
    }
}

static void worker_clear(Worker *w)
{
    for (int k = 0; k < w->shared->n_models; k++) {
        tally_clear(&w->tally[k], w->shared->models[k]);
        pair_clear(&w->pair[k]);
    }
    g_free(w->tally);
    g_free(w->pair);
}

/* Adds everything `src` counted into `dst`. */
static void worker_merge(Worker *dst, const Worker *src)
{
    const Shared *sh = dst->shared;
    for (int k = 0; k < sh->n_models; k++) {
        tally_merge(&dst->tally[k], &src->tally[k], sh->models[k]);
        if (k > 0)
            pair_merge(&dst->pair[k], &src->pair[k], sh->models[k]);
    }
}

/* ---- ranks (cluster.h) ------------------------------------------------------ */

/* A tally on its way between ranks: packing appends to `out`; unpacking
 * (out NULL) reads from p .. end and adds what it reads into the tally. */
typedef struct {
    GByteArray *out;
    const guint8 *p, *end;
    gboolean ok;            /* unpacking: every read found its bytes */
} Wire;

static gboolean wire_take(Wire *w, void *x, gsize n)
{
    if (!w->ok || (gsize)(w->end - w->p) < n)
        return w->ok = FALSE;
    memcpy(x, w->p, n);
    w->p += n;
    return TRUE;
}

/* The body of wire_u64, wire_i64, ...: n values of type T at `a`. */
#define WIRE_SUM(T, w, a, n)                                                              \
    do {                                                                                  \
        if ((w)->out != NULL) {                                                           \
            if ((n) > 0)                                                                  \
                g_byte_array_append((w)->out, (const guint8 *)(a), (guint)(sizeof(T) * (n))); \
            break;                                                                        \
        }                                                                                 \
        for (gsize i_ = 0; i_ < (n); i_++) {                                              \
            T x_;                                                                         \
            if (!wire_take((w), &x_, sizeof x_))                                          \
                break;                                                                    \
            (a)[i_] += x_;                                                                \
        }                                                                                 \
    } while (0)

static void wire_u64(Wire *w, guint64 *a, gsize n) { WIRE_SUM(guint64, w, a, n); }
static void wire_i64(Wire *w, gint64 *a, gsize n) { WIRE_SUM(gint64, w, a, n); }
static void wire_u32(Wire *w, guint32 *a, gsize n) { WIRE_SUM(guint32, w, a, n); }
static void wire_sumsq(Wire *w, SumSq *a, gsize n) { WIRE_SUM(SumSq, w, a, n); }

static void wire_histograms(Wire *w, Histogram **h, gsize n)
{
    for (gsize i = 0; h != NULL && i < n; i++) {
        if (w->out != NULL)
            histogram_pack(h[i], w->out);
        else
            w->ok = w->ok && histogram_unpack_merge(h[i], &w->p, w->end);
    }
}

static void wire_tally(Wire *w, Tally *t, const Model *m)
{
    gsize T = (gsize)m->n_targets, cells = (gsize)model_n_years(m) * m->n_stages;
    gsize lcells = (gsize)model_n_years(m) * m->n_lists;
    wire_histograms(w, t->stock, cells);
    wire_u64(w, t->entries_sum, cells);
    wire_histograms(w, t->entries, cells);
    wire_histograms(w, t->lists, lcells);
    wire_histograms(w, t->target, T);
    wire_u64(w, t->target_met, T);
    wire_u64(w, &t->all_met, 1);
    if (t->firms != NULL) {
        gsize n;
        guint32 *words = firms_tally_words(t->firms, &n);
        wire_u32(w, words, n);
    }
    RunGain *g = t->gain;
    if (g != NULL) {
        gsize rows = (gsize)g->n_rows;
        wire_u64(w, g->changed, rows);
        wire_i64(w, g->count, rows * T);
        wire_i64(w, g->delta, rows * T);
        wire_u64(w, g->delta_sq, rows * T);
        wire_i64(w, g->met, rows * (T + 1));
        wire_u64(w, g->met_abs, rows * (T + 1));
    }
    for (int p = 0; t->parts != NULL && p < m->n_parts; p++) {
        PartTally *pt = &t->parts[p];
        wire_u64(w, pt->target_met, (gsize)m->parts[p].model->n_targets);
        wire_u64(w, &pt->all_met, 1);
        wire_i64(w, pt->share, T);
        wire_sumsq(w, pt->share_sq, T);
        wire_i64(w, pt->stock_sum, cells);
        wire_i64(w, pt->lists_sum, lcells);
    }
}

static void wire_pair(Wire *w, PairTally *p, const Model *m)
{
    gsize T = (gsize)m->n_targets, cells = (gsize)model_n_years(m) * m->n_stages;
    wire_i64(w, p->met_sum, T);
    wire_u64(w, p->met_sumsq, T);
    wire_i64(w, &p->all_sum, 1);
    wire_u64(w, &p->all_sumsq, 1);
    wire_i64(w, p->stock_sum, cells);
    wire_sumsq(w, p->stock_sumsq, cells);
    wire_i64(w, p->count_sum, T);
    wire_sumsq(w, p->count_sumsq, T);
}

/* Everything a rank counted: each model's tally and pairing, its bits of
 * met_bits and its rows of counts (zero elsewhere, so adding is placing). */
static void wire_worker(Wire *w, Shared *sh, Worker *wk)
{
    for (int k = 0; k < sh->n_models; k++) {
        wire_tally(w, &wk->tally[k], sh->models[k]);
        if (k > 0)
            wire_pair(w, &wk->pair[k], sh->models[k]);
    }
    guint64 words = runner_met_words(sh->config->reps);
    for (int k = 0; k < sh->n_models; k++)
        if (sh->met_bits[k] != NULL)
            wire_u64(w, sh->met_bits[k], (gsize)(sh->models[k]->n_targets + 1) * words);
    if (sh->counts != NULL)
        wire_i64(w, sh->counts, sh->config->reps * (guint64)sh->models[0]->n_targets);
}

/* What a rank says of how its share went: its lowest replication with an
 * error (and the error), whether it was interrupted. */
typedef struct {
    guint64 has_error, error_rep, code, cancelled, message_len;
} WireHead;

/* Every rank's tallies added up into *total on every rank, in rank order
 * (exact integers: the same whatever the order), with the error of the
 * lowest replication of any rank, so that each rank holds what one
 * process running every replication would. */
static void combine_ranks(Shared *sh, Worker *total)
{
    WireHead head = {.has_error = sh->error != NULL, .error_rep = sh->error_rep, .cancelled = cancelled(sh),
                     .code = sh->error ? (guint64)sh->error->code : 0,
                     .message_len = sh->error ? strlen(sh->error->message) : 0};
    Wire out = {.out = g_byte_array_new(), .ok = TRUE};
    g_byte_array_append(out.out, (const guint8 *)&head, sizeof head);
    if (sh->error != NULL)
        g_byte_array_append(out.out, (const guint8 *)sh->error->message, (guint)head.message_len);
    wire_worker(&out, sh, total);
    g_autoptr(GPtrArray) all = cluster_allgather(out.out->data, out.out->len);
    g_byte_array_unref(out.out);

    Worker sum;
    worker_init(&sum, sh);
    guint64 words = runner_met_words(sh->config->reps);
    for (int k = 0; k < sh->n_models; k++)
        if (sh->met_bits[k] != NULL)
            memset(sh->met_bits[k], 0, sizeof(guint64) * (gsize)(sh->models[k]->n_targets + 1) * words);
    if (sh->counts != NULL)
        memset(sh->counts, 0, sizeof(gint64) * MAX(sh->config->reps * (guint64)sh->models[0]->n_targets, 1));
    g_clear_error(&sh->error);
    for (guint r = 0; r < all->len; r++) {
        gsize len;
        const guint8 *data = g_bytes_get_data(all->pdata[r], &len);
        Wire in = {.p = data, .end = data + len, .ok = TRUE};
        WireHead h;
        g_autofree char *message = NULL;
        if (wire_take(&in, &h, sizeof h) && h.message_len <= (gsize)(in.end - in.p)) {
            message = g_strndup((const char *)in.p, (gsize)h.message_len);
            in.p += h.message_len;
        }
        wire_worker(&in, sh, &sum);
        if (!in.ok || in.p != in.end)
            g_error("ladder: rank %u sent tallies that do not fit this run's (ranks of different builds?)", r);
        sh->cancelled_elsewhere = sh->cancelled_elsewhere || h.cancelled;
        if (h.has_error && (sh->error == NULL || h.error_rep < sh->error_rep)) {
            g_clear_error(&sh->error);
            sh->error = g_error_new_literal(LADDER_ERROR, (gint)h.code, message ? message : "");
            sh->error_rep = h.error_rep;
        }
    }
    worker_clear(total);
    *total = sum;
}

/* Runs every replication on config->threads threads, merged into *total
 * (caller owns, worker_clear). */
static void run_workers(Shared *sh, Worker *total)
{
    guint n = sh->config->threads;
    Worker *workers = g_new0(Worker, n);
    GThread **threads = g_new0(GThread *, n);
    for (guint i = 0; i < n; i++) {
        worker_init(&workers[i], sh);
        threads[i] = g_thread_new("ladder-worker", worker_main, &workers[i]);
    }
    progress_wait(sh, sh->config->progress);
    for (guint i = 0; i < n; i++)
        g_thread_join(threads[i]);
    for (guint i = 1; i < n; i++) {
        worker_merge(&workers[0], &workers[i]);
        worker_clear(&workers[i]);
    }
    if (ranks(sh) > 1)
        combine_ranks(sh, &workers[0]);
    for (int k = 0; k < sh->n_models; k++)
        tally_settle(&workers[0].tally[k], sh->models[k]);
    *total = workers[0];
    g_free(workers);
    g_free(threads);
}

/* Sums of the exact integers into doubles; NaN where `target_of` is -1. */
static void pair_sums(const PairTally *p, const Model *m, const int *target_of, PairedResult *res, int k)
{
    int cells = model_n_years(m) * m->n_stages;
    for (int i = 0; i < cells; i++) {
        res->stock_diff_sum[k][i] = (double)p->stock_sum[i];
        res->stock_diff_sumsq[k][i] = (double)p->stock_sumsq[i];
    }
    for (int i = 0; i < m->n_targets; i++) {
        gboolean paired = target_of[i] >= 0;
        res->target_diff_sum[k][i] = paired ? (double)p->met_sum[i] : NAN;
        res->target_diff_sumsq[k][i] = paired ? (double)p->met_sumsq[i] : NAN;
        res->count_diff_sum[k][i] = paired ? (double)p->count_sum[i] : NAN;
        res->count_diff_sumsq[k][i] = paired ? (double)p->count_sumsq[i] : NAN;
    }
    res->all_diff_sum[k] = (double)p->all_sum;
    res->all_diff_sumsq[k] = (double)p->all_sumsq;
}

static PairedResult *paired_from(Shared *sh, Worker *total)
{
    int n = sh->n_models;
    PairedResult *res = g_new0(PairedResult, 1);
    res->n_models = n;
    res->runs = g_new0(RunResult *, n);
    res->target_diff_sum = g_new0(double *, n);
    res->target_diff_sumsq = g_new0(double *, n);
    res->all_diff_sum = g_new0(double, n);
    res->all_diff_sumsq = g_new0(double, n);
    res->stock_diff_sum = g_new0(double *, n);
    res->stock_diff_sumsq = g_new0(double *, n);
    res->count_diff_sum = g_new0(double *, n);
    res->count_diff_sumsq = g_new0(double *, n);
    for (int k = 0; k < n; k++) {
        const Model *m = sh->models[k];
        int cells = model_n_years(m) * m->n_stages;
        res->runs[k] = result_from(m, sh->config, &total->tally[k]);
        res->runs[k]->met_bits = g_steal_pointer(&sh->met_bits[k]);
        if (k == 0)
            res->runs[k]->counts = g_steal_pointer(&sh->counts);
        res->target_diff_sum[k] = g_new0(double, m->n_targets);
        res->target_diff_sumsq[k] = g_new0(double, m->n_targets);
        res->stock_diff_sum[k] = g_new0(double, cells);
        res->stock_diff_sumsq[k] = g_new0(double, cells);
        res->count_diff_sum[k] = g_new0(double, m->n_targets);
        res->count_diff_sumsq[k] = g_new0(double, m->n_targets);
        if (k > 0)
            pair_sums(&total->pair[k], m, sh->target_of[k], res, k);
    }
    return res;
}

/* Runs the workers and turns what they counted into the result, or sets
 * the error that stopped them. */
static PairedResult *run_shared(Shared *sh, GError **error)
{
    Worker total;
    PairedResult *res = NULL;
    run_workers(sh, &total);
    if (sh->error != NULL)
        g_propagate_error(error, g_steal_pointer(&sh->error));
    else if (cancelled(sh))
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_CANCELLED, "interrupted; nothing was written");
    else
        res = paired_from(sh, &total);
    worker_clear(&total);
    return res;
}

PairedResult *runner_run_paired(const Model *const *models, int n_models, const RunConfig *config,
                                GError **error)
{
    g_return_val_if_fail(n_models >= 1 && config->reps >= 1 && config->threads >= 1, NULL);
    g_return_val_if_fail(config->reps / RUNNER_CHUNK < G_MAXINT / 2, NULL);
    Shared sh;
    PairedResult *res = NULL;
    if (shared_init(&sh, models, n_models, config, error))
        res = run_shared(&sh, error);
    shared_clear(&sh);
    return res;
}

RunResult *runner_run(const Model *m, const RunConfig *config, GError **error)
{
    g_autoptr(PairedResult) p = runner_run_paired(&m, 1, config, error);
    return p ? g_steal_pointer(&p->runs[0]) : NULL;
}

void runner_result_free(RunResult *r)
{
    if (r == NULL)
        return;
    Tally t = {.stock = r->stock, .entries_sum = r->entries_sum, .entries = r->entries, .lists = r->lists,
               .target = r->target, .target_met = r->target_met, .all_met = r->all_met, .firms = r->firms,
               .gain = r->gain};
    tally_clear(&t, r->model);
    run_parts_free(r->parts, r->n_parts);
    g_free(r->met_bits);
    g_free(r->counts);
    g_free(r);
}

GArray *runner_trace(const Model *m, const RunConfig *config, guint64 rep, int firm, int **stages,
                     GError **error)
{
    g_return_val_if_fail(m->roster != NULL && firm >= 0 && firm < m->roster->n_firms, NULL);
    RunConfig one = *config;
    one.service = NULL;
    one.met_bits = FALSE;
    Shared sh;
    GArray *events = NULL;
    if (shared_init(&sh, &m, 1, &one, error)) {
        Lane lane = {0};
        lane_init(&lane, m, &sh.start[0], NULL);
        Tally none = {0};
        gsl_rng *r = rng_new();
        if (replicate(&sh, 0, &lane, NULL, r, rep, &none)) {
            *stages = g_new(int, model_n_years(m));
            events = firms_trace(lane.firms, firm, *stages);
        } else {
            g_propagate_error(error, g_steal_pointer(&sh.error));
        }
        gsl_rng_free(r);
        lane_clear(&lane);
    }
    shared_clear(&sh);
    return events;
}
