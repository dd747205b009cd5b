/* engine.c: one replication of the ladder, year by year, with exact draws
 * from streams laid out so that each stage's draws depend only on its own
 * counts and parameters.
 * SPDX-License-Identifier: MIT */
#include "engine.h"

#include <math.h>
#include <string.h>

#include "region.h"
#include "rng.h"
#include "sample.h"

/* Slots of a stage's RNG_MOVES streams in a year: cohort t draws its
 * leavers from slot t; the leavers' split among exit and edges uses slot
 * SPLIT_SLOT + category (0 exit, 1.. the edges in file order). */
#define SPLIT_SLOT 64

/* Where a stage's streams of one year sit in the replication's stream plan
 * (indexes into EngineScratch.stream_ids; -1: the stage has none). */
typedef struct {
    int moves;   /* cohort t's leavers: moves + t */
    int renew;   /* the last cohort's renewals */
    int split;   /* leavers' split: split + category (0 exit, 1 + j edge j) */
    int arrive;  /* Poisson arrivals */
} StageStreams;

typedef struct PartScratch PartScratch;

struct EngineScratch {
    int n_parts;          /* a region's parts (engine_replicate_region); 0 for a scenario */
    PartScratch *parts;   /* [n_parts] */
    double *factor;       /* a region's: [n_params] its factors in this replication */
    int n_stages;
    int *offset;     /* [n_stages + 1]: first cohort of each stage in cur/next */
    gint64 *cur;     /* firms by stage and clock at the start of the year */
    gint64 *next;    /* the same at the end of the year */
    gint64 *entered; /* [n_stages]: entries this year */
    /* Every stream a replication may open, so that their first blocks are
     * computed together (rng_first_blocks) before the replication starts. */
    int n_streams;
    guint32 *stream_ids;  /* [n_streams] */
    guint32 (*blocks)[4]; /* [n_streams]: first blocks, this replication */
    StageStreams *at;     /* [year index * n_stages + stage], year index >= 1 */
    int *list_at;         /* [year index * n_lists + list]: its first share stream
                             (share j: list_at + j), year index >= 0; -1: none */
};

/* One part of a region in one thread: its working memory, and its last
 * replication as its own model and in the region's stages, lists and years. */
struct PartScratch {
    EngineScratch *scratch; /* the part's */
    double *base;           /* [part n_params]: its drawn values (a scenario), or the factors from
                               the regions above (a region) */
    double *table;          /* [part n_years * part n_params]: its year parameters (a scenario) */
    gint64 *baseline;       /* [part n_stages] */
    EngineTrajectory own;   /* the part's years, stages and lists */
    EngineTrajectory shaped;/* the region's years, stages and lists: 0 where the part has none */
};

static int stage_cohorts(const Stage *s)
{
    return s->renewal_years > 0 ? s->renewal_years : 1;
}

/* Appends stream `id` to the plan (NULL ids: only count) and returns its index. */
static int plan_add(EngineScratch *x, guint32 id)
{
    if (x->stream_ids != NULL)
        x->stream_ids[x->n_streams] = id;
    return x->n_streams++;
}

/* Lays out the streams stage `s` may open in year `yi`, in the order and
 * with the ids that step_stage, split_leavers and arrivals use. */
static StageStreams plan_stage(const Model *m, int s, int yi, EngineScratch *x)
{
    const Stage *st = &m->stages[s];
    StageStreams at = {-1, -1, -1, -1};
    int v = stage_cohorts(st);
    if (st->exit_param >= 0 || st->n_out > 0)
        for (int t = 0; t < v; t++) {
            int i = plan_add(x, rng_stream_id(RNG_MOVES, yi, s, t));
            at.moves = t == 0 ? i : at.moves;
        }
    if (st->renewal_years > 0)
        at.renew = plan_add(x, rng_stream_id(RNG_RENEW, yi, s, v - 1));
    /* The last category with a positive probability takes the remainder
     * undrawn, so at most n_out categories (exit, edges 0..n_out-2) draw. */
    for (int c = 0; c < st->n_out; c++) {
        int i = plan_add(x, rng_stream_id(RNG_MOVES, yi, s, SPLIT_SLOT + c));
        at.split = c == 0 ? i : at.split;
    }
    if (st->inflow_param >= 0)
        at.arrive = plan_add(x, rng_stream_id(RNG_ARRIVE, yi, s, 0));
    return at;
}

/* Lays out the share draws of list `l` in year `yi`: one stream for each
 * share stage, slot = the list. */
static int plan_list(const Model *m, int l, int yi, EngineScratch *x)
{
    const List *list = &m->lists[l];
    int first = -1;
    for (int j = 0; j < list->n_shares; j++) {
        int i = plan_add(x, rng_stream_id(RNG_LIST, yi, m->params[list->share_param[j]].stage, l));
        first = j == 0 ? i : first;
    }
    return first;
}

/* Builds the stream plan of every year: a first pass counts, a second fills. */
static void plan_streams(const Model *m, EngineScratch *x)
{
    int n_years = model_n_years(m), S = m->n_stages, L = m->n_lists;
    x->at = g_new(StageStreams, (gsize)n_years * S);
    x->list_at = g_new(int, MAX((gsize)n_years * L, 1));
    for (int pass = 0; pass < 2; pass++) {
        x->n_streams = 0;
        for (int yi = 0; yi < n_years; yi++) {
            for (int s = 0; yi > 0 && s < S; s++)
                x->at[yi * S + s] = plan_stage(m, s, yi, x);
            for (int l = 0; l < L; l++)
                x->list_at[yi * L + l] = plan_list(m, l, yi, x);
        }
        if (pass == 0) {
            x->stream_ids = g_new(guint32, MAX(x->n_streams, 1));
            x->blocks = g_malloc_n(MAX(x->n_streams, 1), sizeof *x->blocks);
        }
    }
}

/* A trajectory of `m`'s years, stages and lists in one block (free .stock). */
static EngineTrajectory trajectory_new(const Model *m)
{
    gsize cells = (gsize)model_n_years(m) * m->n_stages, lcells = (gsize)model_n_years(m) * m->n_lists;
    gint64 *mem = g_new0(gint64, 2 * cells + MAX(lcells, 1));
    return (EngineTrajectory){mem, mem + cells, mem + 2 * cells};
}

/* A region's scratch: each part's is made when the part first runs
 * (part_scratch), so that a variant run in one part (sensitivity) holds
 * that part's only. */
static void parts_scratch_new(const Model *m, EngineScratch *s)
{
    s->n_parts = m->n_parts;
    s->parts = g_new0(PartScratch, m->n_parts);
    s->factor = g_new(double, MAX(m->n_params, 1));
}

/* Part p's scratch in region `m`'s `s`, made on first use. */
static PartScratch *part_scratch(const Model *m, EngineScratch *s, int p)
{
    PartScratch *ps = &s->parts[p];
    if (ps->scratch != NULL)
        return ps;
    const Model *pm = m->parts[p].model;
    ps->scratch = engine_scratch_new(pm);
    ps->base = g_new(double, MAX(pm->n_params, 1));
    ps->table = region_is(pm) ? NULL : g_new0(double, MAX((gsize)model_n_years(pm) * pm->n_params, 1));
    ps->baseline = g_new(gint64, pm->n_stages);
    ps->own = trajectory_new(pm);
    ps->shaped = trajectory_new(m);
    return ps;
}

EngineScratch *engine_scratch_new(const Model *m)
{
    EngineScratch *s = g_new0(EngineScratch, 1);
    if (region_is(m)) {
        parts_scratch_new(m, s);
        return s;
    }
    s->n_stages = m->n_stages;
    s->offset = g_new0(int, m->n_stages + 1);
    for (int i = 0; i < m->n_stages; i++)
        s->offset[i + 1] = s->offset[i] + stage_cohorts(&m->stages[i]);
    s->cur = g_new0(gint64, s->offset[m->n_stages]);
    s->next = g_new0(gint64, s->offset[m->n_stages]);
    s->entered = g_new0(gint64, m->n_stages);
    plan_streams(m, s);
    return s;
}

void engine_scratch_free(EngineScratch *s)
{
    if (s == NULL)
        return;
    for (int p = 0; p < s->n_parts; p++) {
        PartScratch *ps = &s->parts[p];
        engine_scratch_free(ps->scratch);
        g_free(ps->base);
        g_free(ps->table);
        g_free(ps->baseline);
        g_free(ps->own.stock);
        g_free(ps->shaped.stock);
    }
    g_free(s->parts);
    g_free(s->factor);
    g_free(s->offset);
    g_free(s->cur);
    g_free(s->next);
    g_free(s->entered);
    g_free(s->stream_ids);
    g_free(s->blocks);
    g_free(s->at);
    g_free(s->list_at);
    g_free(s);
}

/* One replication as a year's steps see it, in place of the eight or so
 * values each step would otherwise take. */
typedef struct {
    const Model *m;
    gsl_rng *r;          /* the generator, opened on each planned stream in turn */
    guint64 seed, rep;   /* the run's seed and the replication's index: its streams */
    EngineScratch *x;    /* the thread's working memory and stream plan */
    int yi;              /* the year simulated: base_year + yi (0: the base year) */
    const double *p;     /* [n_params]: the parameters in force in that year */
} Replication;

/* Opens planned stream `i` (an index from plan_stage) of the replication. */
static inline void open_planned(const Replication *R, int i)
{
    rng_open_block(R->r, R->seed, R->rep, R->x->stream_ids[i], R->x->blocks[i]);
}

/* Stream slots of the uncertainty draws: each fixed by what is drawn
 * (kind, stage, destination or list), not by its place in the file, so
 * that two scenarios draw the same value for the same parameter.  A kind
 * has MODEL_MAX_STAGES + 1 slots (an edge's destination + 1, or a share's
 * list + 1, or 0); the baselines' slot comes after every kind's. */
#define PARAM_SLOTS_PER_KIND (MODEL_MAX_STAGES + 1)
#define BASELINE_SLOT (PARAM_N_KINDS * PARAM_SLOTS_PER_KIND)
G_STATIC_ASSERT(MODEL_MAX_LISTS <= MODEL_MAX_STAGES);
/* the model's limits fit the stream id's fields (rng.h) */
G_STATIC_ASSERT(MODEL_MAX_STAGES <= RNG_STAGES && MODEL_MAX_YEARS < RNG_YEAR_INDICES);
G_STATIC_ASSERT(MODEL_MAX_LISTS <= RNG_SLOTS && BASELINE_SLOT < RNG_SLOTS);
/* Parameters and baselines draw at year index 0; the coefficient of
 * [effects] on attribute a draws at year index 1 + a, in the slot of its
 * parameter's own draw.  So an effect's stream is distinct from every
 * parameter's and baseline's, and from every other effect's (a different
 * parameter or attribute), and adding one moves no other draw.  An
 * attribute's number is its place in order of first mention in [effects]. */
#define EFFECT_YEAR_INDEX(attr) (1 + (attr))
G_STATIC_ASSERT(EFFECT_YEAR_INDEX(MODEL_MAX_ATTRS - 1) < RNG_YEAR_INDICES);

/* The stream of parameter `p`'s draw at year index `yi` (0: the parameter's own). */
static guint32 param_stream_at(const Param *p, int yi)
{
    int which = p->kind == PARAM_SHARE ? p->list : p->to;
    return rng_stream_id(RNG_PARAMS, yi, p->stage, p->kind * PARAM_SLOTS_PER_KIND + which + 1);
}

static guint32 param_stream(const Param *p)
{
    return param_stream_at(p, 0);
}

void engine_draw_params(const Model *m, gboolean uncertain, gsl_rng *r, guint64 seed, guint64 rep,
                        double *base)
{
    model_central_params(m, base);
    if (!uncertain)
        return;
    /* In groups of up to PARAM_BATCH, their streams' first blocks together. */
    enum { PARAM_BATCH = 16 };
    int which[PARAM_BATCH];
    guint32 ids[PARAM_BATCH], blocks[PARAM_BATCH][4];
    for (int i = 0; i < m->n_params;) {
        int n = 0;
        for (; i < m->n_params && n < PARAM_BATCH; i++)
            if (m->params[i].uncertain) {
                which[n] = i;
                ids[n++] = param_stream(&m->params[i]);
            }
        rng_first_blocks(seed, rep, ids, n, blocks);
        for (int k = 0; k < n; k++) {
            rng_open_block(r, seed, rep, ids[k], blocks[k]);
            base[which[k]] = dist_draw(&m->params[which[k]].dist, r);
        }
    }
}

void engine_draw_effects(const Model *m, gboolean uncertain, gsl_rng *r, guint64 seed, guint64 rep,
                         double *beta)
{
    model_central_effects(m, beta);
    for (int i = 0; uncertain && i < m->n_effects; i++) {
        const Effect *e = &m->effects[i];
        if (!e->uncertain)
            continue;
        rng_open(r, seed, rep, param_stream_at(&m->params[e->param], EFFECT_YEAR_INDEX(e->attr)));
        beta[(gsize)e->param * m->n_attrs + e->attr] = dist_draw(&e->dist, r);
    }
}

void engine_draw_baselines(const Model *m, gboolean uncertain, gsl_rng *r, guint64 seed, guint64 rep,
                           gint64 *baseline)
{
    for (int s = 0; s < m->n_stages; s++) {
        const Stage *st = &m->stages[s];
        baseline[s] = st->baseline;
        if (!uncertain || !st->baseline_uncertain)
            continue;
        rng_open(r, seed, rep, rng_stream_id(RNG_PARAMS, 0, s, BASELINE_SLOT));
        baseline[s] = (gint64)MAX(rint(dist_draw(&st->baseline_dist, r)), 0);
    }
}

/* Leavers of stage `s` split among exit and its edges: a categorical
 * draw for each leaver, as a chain of conditional binomials.  The last
 * category with positive probability takes the remainder. */
static void split_leavers(const Replication *R, int s, double p_leave, gint64 leavers)
{
    const Model *m = R->m;
    const double *p = R->p;
    EngineScratch *x = R->x;
    const StageStreams *at = &x->at[R->yi * m->n_stages + s];
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
            open_planned(R, at->split);
            exits = sample_binomial(R->r, pe / rest, leavers);
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
            open_planned(R, at->split + 1 + j);
            moved = sample_binomial(R->r, pj / rest, leavers);
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
static void step_stage(const Replication *R, int s)
{
    const Model *m = R->m;
    const double *p = R->p;
    EngineScratch *x = R->x;
    const Stage *st = &m->stages[s];
    const StageStreams *at = &x->at[R->yi * m->n_stages + s];
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
            open_planned(R, at->moves + t);
            leave = sample_binomial(R->r, p_leave, n);
        }
        gint64 stay = n - leave;
        leavers += leave;
        if (st->renewal_years == 0) {
            mine[0] += stay;
        } else if (t + 1 < v) {
            mine[t + 1] += stay;
        } else {
            open_planned(R, at->renew);
            gint64 renewed = sample_binomial(R->r, p[st->renewal_param], stay);
            mine[0] += renewed;
            x->next[x->offset[st->lapse_to]] += stay - renewed;
        }
    }
    if (leavers > 0)
        split_leavers(R, s, p_leave, leavers);
}

/* Step 3: Poisson inflows and recruitment (rounded, ties to even). */
static void arrivals(const Replication *R, int s)
{
    const Model *m = R->m;
    const double *p = R->p;
    EngineScratch *x = R->x;
    const Stage *st = &m->stages[s];
    gint64 n = 0;
    if (st->inflow_param >= 0 && p[st->inflow_param] > 0) {
        open_planned(R, x->at[R->yi * m->n_stages + s].arrive);
        n += sample_poisson(R->r, p[st->inflow_param]);
    }
    if (st->recruitment_param >= 0)
        n += (gint64)rint(p[st->recruitment_param]);
    x->next[x->offset[s]] += n;
    x->entered[s] += n;
}

/* Every list's count at the end of year R->yi into lists[yi * n_lists + l],
 * from that year's stocks `stock` [n_stages] and share values R->p: the
 * members' stocks, plus a binomial draw of each share stage's firms. */
static void count_lists(const Replication *R, const gint64 *stock, gint64 *lists)
{
    const Model *m = R->m;
    const double *p = R->p;
    int yi = R->yi;
    for (int l = 0; l < m->n_lists; l++) {
        const List *list = &m->lists[l];
        gint64 n = 0;
        for (int j = 0; j < list->n_members; j++)
            n += stock[list->members[j]];
        for (int j = 0; j < list->n_shares; j++) {
            double q = p[list->share_param[j]];
            gint64 firms = stock[m->params[list->share_param[j]].stage];
            if (q >= 1 || firms == 0) {
                n += q >= 1 ? firms : 0;
            } else if (q > 0) {
                open_planned(R, R->x->list_at[yi * m->n_lists + l] + j);
                n += sample_binomial(R->r, q, firms);
            }
        }
        lists[yi * m->n_lists + l] = n;
    }
}

void engine_replicate(const Model *m, const double *params, const gint64 *baseline, gsl_rng *r, guint64 seed,
                      guint64 rep, EngineScratch *x, const EngineTrajectory *out)
{
    int n_years = model_n_years(m), S = m->n_stages;
    gint64 *stock = out->stock, *entries = out->entries;
    Replication R = {.m = m, .r = r, .seed = seed, .rep = rep, .x = x, .yi = 0, .p = params};
    rng_first_blocks(seed, rep, x->stream_ids, x->n_streams, x->blocks);
    for (int s = 0; s < S; s++) {
        stock[s] = baseline ? baseline[s] : m->stages[s].baseline;
        model_baseline_cohorts(&m->stages[s], stock[s], x->cur + x->offset[s]);
        entries[s] = 0;
    }
    if (m->n_lists > 0)
        count_lists(&R, stock, out->lists);
    for (int yi = 1; yi < n_years; yi++) {
        R.yi = yi;
        /* params is NULL for a ladder with no rates: no offset then */
        R.p = m->n_params > 0 ? params + (gsize)yi * m->n_params : params;
        memset(x->next, 0, sizeof *x->next * x->offset[S]);
        memset(x->entered, 0, sizeof *x->entered * S);
        for (int s = 0; s < S; s++)
            step_stage(&R, s);
        for (int s = 0; s < S; s++)
            arrivals(&R, s);
        for (int s = 0; s < S; s++) {
            gint64 total = 0;
            for (int c = x->offset[s]; c < x->offset[s + 1]; c++)
                total += x->next[c];
            stock[yi * S + s] = total;
            entries[yi * S + s] = x->entered[s];
        }
        if (m->n_lists > 0)
            count_lists(&R, stock + yi * S, out->lists);
        gint64 *t = x->cur;
        x->cur = x->next;
        x->next = t;
    }
}

/* ---- regions ------------------------------------------------------------- */

/* The replication counter of model `m`'s streams in replication `rep`:
 * its stream key in the high word, so a scenario run alone (key 0) and
 * the first scenario of a region draw the same numbers. */
static guint64 stream_rep(const Model *m, guint64 rep)
{
    return rep | (guint64)m->stream_key << 32;
}

/* Part `part`'s trajectory `own` in region `m`'s years, stages and lists
 * into `shaped`.  The region's base year counts no entries, as a
 * scenario's does not. */
static void shape_part(const Model *m, const ModelPart *part, const EngineTrajectory *own,
                       const EngineTrajectory *shaped)
{
    const Model *pm = part->model;
    int Y = model_n_years(m), S = m->n_stages, L = m->n_lists, PS = pm->n_stages, PL = pm->n_lists;
    memset(shaped->stock, 0, sizeof(gint64) * (gsize)Y * S);
    memset(shaped->entries, 0, sizeof(gint64) * (gsize)Y * S);
    if (L > 0)
        memset(shaped->lists, 0, sizeof(gint64) * (gsize)Y * L);
    for (int y = 0; y < Y; y++) {
        int py = y + part->year_offset;
        for (int s = 0; s < PS; s++) {
            int to = y * S + part->stage_of[s];
            shaped->stock[to] = own->stock[py * PS + s];
            shaped->entries[to] = y > 0 ? own->entries[py * PS + s] : 0;
        }
        for (int l = 0; l < PL; l++)
            shaped->lists[y * L + part->list_of[l]] = own->lists[py * PL + l];
    }
}

/* out += sign * t, over region `m`'s cells. */
static void trajectory_add(const Model *m, const EngineTrajectory *out, const EngineTrajectory *t, int sign)
{
    gsize cells = (gsize)model_n_years(m) * m->n_stages, lcells = (gsize)model_n_years(m) * m->n_lists;
    for (gsize i = 0; i < cells; i++) {
        out->stock[i] += sign * t->stock[i];
        out->entries[i] += sign * t->entries[i];
    }
    for (gsize i = 0; i < lcells; i++)
        out->lists[i] += sign * t->lists[i];
}

/* Appends to `error` (a part's invalid year) the region's factors other
 * than 1 on that part's parameters in this replication: a [common] draw
 * may be what pushed a value out of range. */
static void blame_factors(const Model *m, const ModelPart *part, const double *factor, GError **error)
{
    if (error == NULL || *error == NULL)
        return;
    GString *msg = g_string_new((*error)->message);
    gboolean any = FALSE;
    for (int j = 0; j < part->model->n_params; j++) {
        int i = part->factor_of[j];
        if (factor[i] == 1)
            continue;
        const Param *q = &m->params[i];
        g_string_append_printf(msg, "%s%s ×%.6g", any ? ", " : "; with the region's [common] factors of this "
                               "replication on the part's values: ", q->key, factor[i]);
        if (q->uncertain)
            g_string_append_printf(msg, " (%s:%d)", q->where.file, q->where.line);
        any = TRUE;
    }
    g_free((*error)->message);
    (*error)->message = g_string_free(msg, FALSE);
}

/* Scenario part `p` of region `m` in replication `rep`, its values drawn
 * (or central) times the region's factors `factor`. */
static gboolean replicate_scenario_part(const Model *m, int p, const double *factor, gboolean uncertain, gsl_rng *r,
                                        guint64 seed, guint64 rep, PartScratch *ps, GError **error)
{
    const ModelPart *part = &m->parts[p];
    const Model *pm = part->model;
    guint64 key = stream_rep(pm, rep);
    engine_draw_params(pm, uncertain, r, seed, key, ps->base);
    for (int j = 0; j < pm->n_params; j++)
        ps->base[j] *= factor[part->factor_of[j]];
    if (!model_year_table(pm, ps->base, ps->table, error)) {
        blame_factors(m, part, factor, error);
        return FALSE;
    }
    engine_draw_baselines(pm, uncertain, r, seed, key, ps->baseline);
    engine_replicate(pm, ps->table, ps->baseline, r, seed, key, ps->scratch, &ps->own);
    return TRUE;
}

static gboolean replicate_region(const Model *m, const double *up, gboolean uncertain, gsl_rng *r, guint64 seed,
                                 guint64 rep, EngineScratch *x, const EngineTrajectory *out, GError **error);

/* Part `p` of region `m`, whose factors this replication are in
 * x->factor, into its scratch (own and shaped trajectories). */
static gboolean replicate_part(const Model *m, int p, gboolean uncertain, gsl_rng *r, guint64 seed, guint64 rep,
                               EngineScratch *x, GError **error)
{
    const ModelPart *part = &m->parts[p];
    PartScratch *ps = part_scratch(m, x, p);
    gboolean ok;
    if (region_is(part->model)) {
        for (int j = 0; j < part->model->n_params; j++)
            ps->base[j] = x->factor[part->factor_of[j]];
        ok = replicate_region(part->model, ps->base, uncertain, r, seed, rep, ps->scratch, &ps->own, error);
    } else {
        ok = replicate_scenario_part(m, p, x->factor, uncertain, r, seed, rep, ps, error);
    }
    if (!ok) {
        region_prefix_error(m, p, error);
        return FALSE;
    }
    shape_part(m, part, &ps->own, &ps->shaped);
    return TRUE;
}

/* Replication `rep` of region `m` into `out`, its factors `up`
 * ([n_params], from the regions above; NULL: none) times its own. */
static gboolean replicate_region(const Model *m, const double *up, gboolean uncertain, gsl_rng *r, guint64 seed,
                                 guint64 rep, EngineScratch *x, const EngineTrajectory *out, GError **error)
{
    engine_draw_params(m, uncertain, r, seed, stream_rep(m, rep), x->factor);
    for (int i = 0; up != NULL && i < m->n_params; i++)
        x->factor[i] *= up[i];
    gsize cells = (gsize)model_n_years(m) * m->n_stages, lcells = (gsize)model_n_years(m) * m->n_lists;
    memset(out->stock, 0, sizeof(gint64) * cells);
    memset(out->entries, 0, sizeof(gint64) * cells);
    if (lcells > 0)
        memset(out->lists, 0, sizeof(gint64) * lcells);
    for (int p = 0; p < m->n_parts; p++) {
        if (!replicate_part(m, p, uncertain, r, seed, rep, x, error))
            return FALSE;
        trajectory_add(m, out, &x->parts[p].shaped, 1);
    }
    return TRUE;
}

gboolean engine_replicate_region_part(const Model *m, int part, const EngineScratch *base,
                                      const EngineTrajectory *base_out, gboolean uncertain, gsl_rng *r, guint64 seed,
                                      guint64 rep, EngineScratch *x, const EngineTrajectory *out, GError **error)
{
    g_return_val_if_fail(region_is(m) && part >= 0 && part < m->n_parts && base->n_parts == m->n_parts, FALSE);
    engine_draw_params(m, uncertain, r, seed, stream_rep(m, rep), x->factor);
    if (!replicate_part(m, part, uncertain, r, seed, rep, x, error))
        return FALSE;
    gsize cells = (gsize)model_n_years(m) * m->n_stages, lcells = (gsize)model_n_years(m) * m->n_lists;
    memcpy(out->stock, base_out->stock, sizeof(gint64) * cells);
    memcpy(out->entries, base_out->entries, sizeof(gint64) * cells);
    if (lcells > 0)
        memcpy(out->lists, base_out->lists, sizeof(gint64) * lcells);
    trajectory_add(m, out, &base->parts[part].shaped, -1);
    trajectory_add(m, out, &x->parts[part].shaped, 1);
    return TRUE;
}

gboolean engine_replicate_region(const Model *m, gboolean uncertain, gsl_rng *r, guint64 seed, guint64 rep,
                                 EngineScratch *x, const EngineTrajectory *out, GError **error)
{
    g_return_val_if_fail(region_is(m) && x->n_parts == m->n_parts, FALSE);
    return replicate_region(m, NULL, uncertain, r, seed, rep, x, out, error);
}

const EngineTrajectory *engine_part_shaped(const EngineScratch *x, int part)
{
    g_return_val_if_fail(part >= 0 && part < x->n_parts, NULL);
    return &x->parts[part].shaped;
}

const EngineTrajectory *engine_part_own(const EngineScratch *x, int part)
{
    g_return_val_if_fail(part >= 0 && part < x->n_parts, NULL);
    return &x->parts[part].own;
}
