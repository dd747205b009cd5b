/* firms.c: one replication of the ladder firm by firm.  Firms do not
 * interact: given the replication's parameters, a firm's history depends
 * only on its start and the numbers of its own stream.  So each firm is run
 * through every year before the next, sixteen at a time (their blocks of
 * a year computed together, rng_blocks), and its stage is added into the
 * yearly stocks, entries and list counts that engine_replicate gives.
 * SPDX-License-Identifier: MIT */
#include "firms.h"

#include <math.h>
#include <string.h>

#include "rng.h"
#include "sample.h"

#define BATCH 16      /* firms whose yearly blocks are computed together */
#define STAY (-1)     /* an outcome: the firm stays in its stage */
#define EXIT 0        /* an outcome: the firm exits; 1 + j: it takes edge j */

/* What a firm in stage s in year yi does, without effects, this
 * replication: the table the firm steps read instead of the model. */
typedef struct Cell {
    int n;           /* categories of the outcome draw: exit, then the edges (n_out + 1) */
    int renew;       /* renewal_years V; 0: no renewal */
    int lapse_to;    /* stage of a firm that does not renew */
    double renew_p;  /* this year's renewal probability */
    guint64 on;      /* lists the stage is on without a draw (a member, or a share >= 1) */
    guint64 draw;    /* lists whose share 0 < p < 1 is drawn firm by firm */
    guint32 blocks;  /* bit b - 1: list block b (firms.h) holds a list of `draw` */
} Cell;

struct FirmsScratch {
    const Model *m;
    const FirmsStart *start;
    int n_years, S, L;
    /* This replication's firms: known, then baseline, then arrivals. */
    int n, cap;
    int *stage, *clock; /* [cap]: at the start (end of `born`) */
    int *born;          /* [cap]: year index the firm is first counted */
    int *row;           /* [cap]: the known firm whose attributes it has; -1: none (at the mean) */
    /* Without effects: the cumulative probabilities of exit and each edge,
     * [(yi * S + s) * (MODEL_MAX_STAGES + 1) + k], this replication. */
    double *cum;
    Cell *cell;  /* [n_years * S]: what a firm of stage s does in year yi (prepare_cells) */
    int *dest;          /* [S * (MODEL_MAX_STAGES + 2)]: stage after each outcome category */
    /* With effects: weights and renewal shifts of each known firm, for the
     * coefficients in `beta_seen`. */
    double *weight;     /* [n_known * n_params]: exp(beta_p . z), 1 where p has none */
    double *shift;      /* [n_known * S]: beta . z of the stage's renewal */
    double *beta_seen;  /* [n_params * n_attrs]; NULL until weights were computed */
    /* Known firms by starting stage: an arrival of stage s resembles one. */
    int *rows_at;       /* [S + 1]: rows of stage s are rows_by_stage[rows_at[s] .. rows_at[s+1]) */
    int *rows_by_stage; /* [n_known] */
    /* Lists: whether a stage is a member, or the share parameter of it. */
    gboolean *member;   /* [L * S] */
    int *share;         /* [L * S]: PARAM_SHARE index, or -1 */
    guint32 key[2];     /* the run's seed as Philox's key, this replication */
};

/* ---- tallies ---------------------------------------------------------- */

FirmsTally *firms_tally_new(const Model *m, int n_firms)
{
    FirmsTally *t = g_new0(FirmsTally, 1);
    t->n_firms = n_firms;
    t->n_years = model_n_years(m);
    t->n_stages = m->n_stages;
    t->n_lists = m->n_lists;
    gsize cells = (gsize)n_firms * t->n_years;
    t->state = g_new0(guint32, MAX(cells * (t->n_stages + 1), 1));
    t->listed = g_new0(guint32, MAX(cells * t->n_lists, 1));
    t->up = g_new0(guint32, MAX((gsize)n_firms * (t->n_years + 1), 1));
    return t;
}

void firms_tally_free(FirmsTally *t)
{
    if (t == NULL)
        return;
    g_free(t->state);
    g_free(t->listed);
    g_free(t->up);
    g_free(t);
}

static void add_into(guint32 *dst, const guint32 *src, gsize n)
{
    for (gsize i = 0; i < n; i++)
        dst[i] += src[i];
}

void firms_tally_merge(FirmsTally *dst, const FirmsTally *src)
{
    g_return_if_fail(dst->n_firms == src->n_firms && dst->n_years == src->n_years);
    gsize cells = (gsize)dst->n_firms * dst->n_years;
    add_into(dst->state, src->state, cells * (dst->n_stages + 1));
    add_into(dst->listed, src->listed, cells * dst->n_lists);
    add_into(dst->up, src->up, (gsize)dst->n_firms * (dst->n_years + 1));
}

/* ---- scratch ---------------------------------------------------------- */

static void index_rows(FirmsScratch *x)
{
    const FirmsStart *f = x->start;
    x->rows_at = g_new0(int, x->S + 1);
    x->rows_by_stage = g_new(int, MAX(f->n_firms, 1));
    for (int i = 0; i < f->n_firms; i++)
        x->rows_at[f->stage[i] + 1]++;
    for (int s = 0; s < x->S; s++)
        x->rows_at[s + 1] += x->rows_at[s];
    g_autofree int *fill = g_memdup2(x->rows_at, sizeof *fill * (gsize)x->S);
    for (int i = 0; i < f->n_firms; i++)
        x->rows_by_stage[fill[f->stage[i]]++] = i;
}

static void index_lists(FirmsScratch *x)
{
    const Model *m = x->m;
    x->member = g_new0(gboolean, MAX(x->L * x->S, 1));
    x->share = g_new(int, MAX(x->L * x->S, 1));
    for (int i = 0; i < x->L * x->S; i++)
        x->share[i] = -1;
    for (int l = 0; l < x->L; l++) {
        const List *list = &m->lists[l];
        for (int j = 0; j < list->n_members; j++)
            x->member[l * x->S + list->members[j]] = TRUE;
        for (int j = 0; j < list->n_shares; j++)
            x->share[l * x->S + m->params[list->share_param[j]].stage] = list->share_param[j];
    }
}

/* Stage after outcome k of stage s (k as the categorical draw counts it:
 * 0 exit, 1 + j edge j, n_out + 1 stay). */
static int dest_of(const FirmsScratch *x, int s, int k)
{
    return x->dest[s * (MODEL_MAX_STAGES + 2) + k];
}

static void prepare_dest(FirmsScratch *x)
{
    const Model *m = x->m;
    for (int s = 0; s < x->S; s++) {
        const Stage *st = &m->stages[s];
        int *d = x->dest + s * (MODEL_MAX_STAGES + 2);
        d[0] = x->S;
        for (int j = 0; j < st->n_out; j++)
            d[j + 1] = m->params[st->out_param[j]].to;
        d[st->n_out + 1] = s;
    }
}

FirmsScratch *firms_scratch_new(const Model *m, const FirmsStart *start)
{
    FirmsScratch *x = g_new0(FirmsScratch, 1);
    x->m = m;
    x->start = start;
    x->n_years = model_n_years(m);
    x->S = m->n_stages;
    x->L = m->n_lists;
    x->cum = g_new0(double, (gsize)x->n_years * x->S * (MODEL_MAX_STAGES + 1));
    x->cell = g_new0(Cell, (gsize)x->n_years * x->S);
    x->dest = g_new0(int, (gsize)x->S * (MODEL_MAX_STAGES + 2));
    prepare_dest(x);
    index_rows(x);
    index_lists(x);
    return x;
}

void firms_scratch_free(FirmsScratch *x)
{
    if (x == NULL)
        return;
    g_free(x->stage);
    g_free(x->clock);
    g_free(x->born);
    g_free(x->row);
    g_free(x->cum);
    g_free(x->cell);
    g_free(x->dest);
    g_free(x->weight);
    g_free(x->shift);
    g_free(x->beta_seen);
    g_free(x->rows_at);
    g_free(x->rows_by_stage);
    g_free(x->member);
    g_free(x->share);
    g_free(x);
}

/* ---- the replication's firms ------------------------------------------ */

static void firm_add(FirmsScratch *x, int stage, int clock, int born, int row)
{
    if (x->n == x->cap) {
        x->cap = MAX(2 * x->cap, 1024);
        x->stage = g_renew(int, x->stage, x->cap);
        x->clock = g_renew(int, x->clock, x->cap);
        x->born = g_renew(int, x->born, x->cap);
        x->row = g_renew(int, x->row, x->cap);
    }
    g_assert((guint)x->n < RNG_MAX_FIRMS);
    x->stage[x->n] = stage;
    x->clock[x->n] = clock;
    x->born[x->n] = born;
    x->row[x->n] = row;
    x->n++;
}

static int stage_clocks(const Stage *st)
{
    return st->renewal_years > 0 ? st->renewal_years : 1;
}

/* The known firms, then the baseline firms of every stage the known firms
 * do not cover, over the clocks as engine.c starts a baseline
 * (model_baseline_cohorts). */
static void add_starting_firms(FirmsScratch *x, const gint64 *baseline)
{
    const FirmsStart *f = x->start;
    for (int i = 0; i < f->n_firms; i++)
        firm_add(x, f->stage[i], f->clock[i], 0, i);
    for (int s = 0; s < x->S; s++) {
        if (f->covers != NULL && f->covers[s])
            continue;
        gint64 n = baseline ? baseline[s] : x->m->stages[s].baseline;
        gint64 cohort[MODEL_MAX_RENEWAL_YEARS];
        model_baseline_cohorts(&x->m->stages[s], n, cohort);
        for (int t = 0; t < stage_clocks(&x->m->stages[s]); t++)
            for (gint64 k = 0; k < cohort[t]; k++)
                firm_add(x, s, t, 0, -1);
    }
}

/* Arrivals and recruitment of every year and stage, drawn from the
 * streams engine.c draws them from; each a firm born that year, counted
 * in the stage's entries. */
static void add_arrivals(FirmsScratch *x, const double *params, gsl_rng *r, guint64 seed, guint64 rep,
                         gint64 *entries)
{
    const Model *m = x->m;
    for (int yi = 1; yi < x->n_years; yi++) {
        const double *p = params + (gsize)yi * m->n_params;
        for (int s = 0; s < x->S; s++) {
            const Stage *st = &m->stages[s];
            gint64 n = 0;
            if (st->inflow_param >= 0 && p[st->inflow_param] > 0) {
                rng_open(r, seed, rep, rng_stream_id(RNG_ARRIVE, yi, s, 0));
                n += sample_poisson(r, p[st->inflow_param]);
            }
            if (st->recruitment_param >= 0)
                n += (gint64)rint(p[st->recruitment_param]);
            for (gint64 k = 0; k < n; k++)
                firm_add(x, s, 0, yi, -1);
            entries[yi * x->S + s] += n;
        }
    }
}

/* The known firm an arrival resembles: one of its stage's known firms,
 * uniformly, from block FIRMS_ROW_BLOCK of its birth year; -1 (no record,
 * at the mean, as the baseline firms of that stage) when the roster has
 * none in its stage. */
static int arrival_row(const FirmsScratch *x, int i, gsl_rng *r, guint64 seed, guint64 rep)
{
    int s = x->stage[i];
    int lo = x->rows_at[s], n = x->rows_at[s + 1] - lo;
    if (n == 0)
        return -1;
    rng_open_at(r, seed, rep, rng_firm_stream((guint32)i),
                (guint32)(x->born[i] * FIRMS_BLOCKS_PER_YEAR + FIRMS_ROW_BLOCK));
    return x->rows_by_stage[lo + (int)gsl_rng_uniform_int(r, (unsigned long)n)];
}

/* ---- probabilities ---------------------------------------------------- */

static double *cum_of(const FirmsScratch *x, int yi, int s)
{
    return x->cum + ((gsize)yi * x->S + s) * (MODEL_MAX_STAGES + 1);
}

/* Every year's cumulative probabilities of exit and the edges, in the
 * order of the categorical draw (exit, then the edges in file order). */
static void prepare_cum(FirmsScratch *x, const double *params)
{
    const Model *m = x->m;
    for (int yi = 1; yi < x->n_years; yi++) {
        const double *p = params + (gsize)yi * m->n_params;
        for (int s = 0; s < x->S; s++) {
            const Stage *st = &m->stages[s];
            double *c = cum_of(x, yi, s);
            c[0] = st->exit_param >= 0 ? p[st->exit_param] : 0;
            for (int j = 0; j < st->n_out; j++)
                c[j + 1] = c[j] + p[st->out_param[j]];
        }
    }
}

static gboolean has_effect(const FirmsEffects *e, int param)
{
    for (int a = 0; a < e->n_attrs; a++)
        if (e->beta[param * e->n_attrs + a] != 0)
            return TRUE;
    return FALSE;
}

static double linear(const FirmsEffects *e, int param, const double *z)
{
    double eta = 0;
    for (int a = 0; a < e->n_attrs; a++)
        eta += e->beta[param * e->n_attrs + a] * z[a];
    return eta;
}

/* Each known firm's weights exp(beta . z) of the exit and edge parameters
 * and its renewal shifts, computed again only when the coefficients
 * changed since the last replication. */
static void prepare_weights(FirmsScratch *x, const FirmsEffects *e)
{
    const Model *m = x->m;
    const FirmsStart *f = x->start;
    gsize n_beta = (gsize)m->n_params * e->n_attrs;
    if (x->beta_seen != NULL && memcmp(x->beta_seen, e->beta, n_beta * sizeof *e->beta) == 0)
        return;
    if (x->beta_seen == NULL) {
        x->beta_seen = g_new(double, MAX(n_beta, 1));
        x->weight = g_new(double, MAX((gsize)f->n_firms * m->n_params, 1));
        x->shift = g_new(double, MAX((gsize)f->n_firms * x->S, 1));
    }
    memcpy(x->beta_seen, e->beta, n_beta * sizeof *e->beta);
    for (int i = 0; i < f->n_firms; i++) {
        const double *z = f->z + (gsize)i * f->n_attrs;
        for (int p = 0; p < m->n_params; p++)
            x->weight[(gsize)i * m->n_params + p] = has_effect(e, p) ? exp(linear(e, p, z)) : 1.0;
        for (int s = 0; s < x->S; s++) {
            int rp = m->stages[s].renewal_param;
            x->shift[(gsize)i * x->S + s] = rp >= 0 ? linear(e, rp, z) : 0.0;
        }
    }
}

/* A double in [0, 1) from two words, as rng_uniform_state makes it. */
static inline double uniform_of(guint32 w0, guint32 w1)
{
    return ((w0 >> 5) * 67108864.0 + (w1 >> 6)) * (1.0 / 9007199254740992.0);
}

/* Firm outcome for uniform `u` in stage s in year yi: STAY, EXIT or
 * 1 + edge.  `row` < 0 or no effects: the stage's own probabilities;
 * otherwise p_k w_k / (p_stay + sum_j p_j w_j). */
static int outcome(const FirmsScratch *x, const FirmsEffects *e, int yi, int s, int row, double u)
{
    const Stage *st = &x->m->stages[s];
    const double *c = cum_of(x, yi, s);
    int n = st->n_out + 1;
    if (e == NULL || row < 0) {
        for (int k = 0; k < n; k++)
            if (u < c[k])
                return k;
        return STAY;
    }
    const double *w = x->weight + (gsize)row * x->m->n_params;
    double a[MODEL_MAX_STAGES + 1], total = 0;
    a[0] = st->exit_param >= 0 ? c[0] * w[st->exit_param] : 0;
    for (int j = 0; j < st->n_out; j++)
        a[j + 1] = (c[j + 1] - c[j]) * w[st->out_param[j]];
    for (int k = 0; k < n; k++)
        total += a[k];
    double v = u * (1.0 - MIN(c[n - 1], 1.0) + total), run = 0;
    for (int k = 0; k < n; k++) {
        run += a[k];
        if (v < run)
            return k;
    }
    return STAY;
}

/* The firm's renewal probability: logit p + shift, p itself at 0 and 1. */
static double renewal_p(const FirmsScratch *x, const FirmsEffects *e, int s, int row, double p)
{
    if (e == NULL || row < 0 || p <= 0 || p >= 1)
        return p;
    double eta = log(p / (1 - p)) + x->shift[(gsize)row * x->S + s];
    return 1.0 / (1.0 + exp(-eta));
}

/* ---- one firm's years --------------------------------------------------- */

static Cell *cell_of(const FirmsScratch *x, int yi, int s)
{
    return x->cell + (gsize)yi * x->S + s;
}

/* Every (year, stage)'s Cell from this replication's parameters. */
static void prepare_cells(FirmsScratch *x, const double *params)
{
    const Model *m = x->m;
    for (int yi = 0; yi < x->n_years; yi++) {
        const double *p = params + (gsize)yi * m->n_params;
        for (int s = 0; s < x->S; s++) {
            const Stage *st = &m->stages[s];
            Cell *c = cell_of(x, yi, s);
            *c = (Cell){.n = st->n_out + 1, .renew = st->renewal_years, .lapse_to = st->lapse_to,
                        .renew_p = st->renewal_param >= 0 ? p[st->renewal_param] : 1.0};
            for (int l = 0; l < x->L; l++) {
                int sp = x->share[l * x->S + s];
                if (x->member[l * x->S + s] || (sp >= 0 && p[sp] >= 1)) {
                    c->on |= G_GUINT64_CONSTANT(1) << l;
                } else if (sp >= 0 && p[sp] > 0) {
                    c->draw |= G_GUINT64_CONSTANT(1) << l;
                    c->blocks |= 1u << (l / 2);
                }
            }
        }
    }
}

/* One replication as the firm steps see it. */
typedef struct {
    FirmsScratch *x;
    const FirmsEffects *e;  /* NULL: no effects */
    const double *params;
    guint64 seed, rep;
    const EngineTrajectory *out;
    FirmsTally *tally;
    FirmsPaths *paths;      /* NULL: no paths wanted */
} Run;

/* The outcome category of uniform u in stage s, year yi: 0 exit, 1 + j
 * edge j, Cell.n stay.  Without effects (or for a firm with no record) the
 * number of cumulative thresholds at or below u, which is the first k
 * with u < c[k] as the thresholds do not decrease; no branch on u. */
static int category(const Run *R, int yi, int s, int row, double u)
{
    const FirmsScratch *x = R->x;
    const double *c = cum_of(x, yi, s);
    int n = cell_of(x, yi, s)->n;
    if (R->e != NULL && row >= 0) {
        int k = outcome(x, R->e, yi, s, row, u);
        return k == STAY ? n : k;
    }
    int k = 0;
    for (int j = 0; j < n; j++)
        k += u >= c[j];
    return k;
}

/* Firm i's year yi from its block `w`: its outcome (words 0-1), then, if
 * it stayed, its renewal clock and, when due, its renewal (words 2-3).
 * Returns its stage at the end of the year, or S when it exited. */
static int step(const Run *R, int i, int yi, const guint32 w[4])
{
    FirmsScratch *x = R->x;
    int s = x->stage[i];
    const Cell *c = cell_of(x, yi, s);
    int k = category(R, yi, s, x->row[i], uniform_of(w[0], w[1]));
    if (k != c->n) { /* exit or an edge */
        int to = dest_of(x, s, k);
        if (to < x->S) {
            x->stage[i] = to;
            x->clock[i] = 0;
            R->out->entries[yi * x->S + to]++;
        }
        return to;
    }
    if (c->renew == 0 || ++x->clock[i] < c->renew)
        return s;
    x->clock[i] = 0;
    if (uniform_of(w[2], w[3]) >= renewal_p(x, R->e, s, x->row[i], c->renew_p))
        x->stage[i] = c->lapse_to;
    return x->stage[i];
}

/* Known firm i is in stage s (S: exited) at the end of year yi: its state
 * and the lists it is on without a draw, into the tally. */
static void tally_state(const Run *R, int i, int yi, int s)
{
    FirmsScratch *x = R->x;
    gsize cell = (gsize)i * x->n_years + yi;
    R->tally->state[cell * (x->S + 1) + s]++;
    if (s == x->S)
        return;
    for (guint64 on = cell_of(x, yi, s)->on; on != 0; on &= on - 1)
        R->tally->listed[cell * x->L + (guint)__builtin_ctzll(on)]++;
}

/* Firm i's first year above its starting stage `*from` (then set to -1),
 * into the tally. */
static void count_up(const Run *R, int i, int yi, int s, int *from)
{
    if (*from < 0 || s >= R->x->S || s <= *from)
        return;
    R->tally->up[(gsize)i * (R->x->n_years + 1) + yi]++;
    *from = -1;
}

/* The share draws of year yi of the batch's firms first .. first + n - 1,
 * in stages now[]: for each list block in `need` (bit b - 1: block b), the
 * batch's blocks computed together, and each firm in a stage whose share
 * of a list of that block is drawn, on it with the share's probability
 * (list l: words 2 (l % 2) and 2 (l % 2) + 1 of block 1 + l / 2). */
static void draw_shares(const Run *R, const guint32 *ids, int first, int n, int yi, const int *now, guint32 need)
{
    FirmsScratch *x = R->x;
    const double *p = R->params + (gsize)yi * x->m->n_params;
    guint32 w[BATCH][4];
    for (; need != 0; need &= need - 1) {
        int b = __builtin_ctz(need); /* block b + 1: lists 2b and 2b + 1 */
        rng_blocks(R->seed, R->rep, (guint32)(yi * FIRMS_BLOCKS_PER_YEAR + b + 1), ids, n, w);
        for (int j = 0; j < n; j++) {
            int i = first + j, s = now[j];
            if (x->born[i] > yi || s == x->S)
                continue;
            guint64 draw = cell_of(x, yi, s)->draw >> (2 * b) & 3;
            for (; draw != 0; draw &= draw - 1) {
                int h = __builtin_ctzll(draw), l = 2 * b + h;
                if (uniform_of(w[j][2 * h], w[j][2 * h + 1]) >= p[x->share[l * x->S + s]])
                    continue;
                R->out->lists[yi * x->L + l]++;
                if (R->tally != NULL && i < x->start->n_firms)
                    R->tally->listed[((gsize)i * x->n_years + yi) * x->L + l]++;
            }
        }
    }
}

/* Firm i's stage `s` (S: exited) and clock at the end of year yi, into
 * the paths. */
static void record_path(const Run *R, int i, int yi, int s)
{
    gsize at = (gsize)i * R->paths->n_years + yi;
    R->paths->stage[at] = s;
    R->paths->clock[at] = s < R->x->S ? R->x->clock[i] : 0;
}

/* Firms first .. first + n - 1 (n <= BATCH) through every year, their
 * blocks of each year computed together.  Stocks count here; the list
 * counts of the lists a stage is on without a draw come from the stocks
 * (add_listed). */
static void run_batch(const Run *R, int first, int n)
{
    FirmsScratch *x = R->x;
    guint32 ids[BATCH], w[BATCH][4];
    int now[BATCH], from[BATCH];
    int known = R->tally != NULL ? CLAMP(x->start->n_firms - first, 0, n) : 0; /* tallied: j < known */
    for (int j = 0; j < n; j++) {
        ids[j] = rng_firm_stream((guint32)(first + j));
        now[j] = from[j] = x->stage[first + j];
    }
    for (int yi = 0; yi < x->n_years; yi++) {
        if (yi > 0)
            rng_blocks(R->seed, R->rep, (guint32)(yi * FIRMS_BLOCKS_PER_YEAR), ids, n, w);
        guint32 need = 0;
        for (int j = 0; j < n; j++) {
            int i = first + j;
            if (x->born[i] > yi)
                continue;
            if (x->born[i] < yi && now[j] < x->S)
                now[j] = step(R, i, yi, w[j]);
            if (now[j] < x->S) {
                R->out->stock[yi * x->S + now[j]]++;
                need |= cell_of(x, yi, now[j])->blocks;
            }
            if (j < known) {
                tally_state(R, i, yi, now[j]);
                count_up(R, i, yi, now[j], &from[j]);
            }
            if (R->paths != NULL)
                record_path(R, i, yi, now[j]);
        }
        if (need != 0)
            draw_shares(R, ids, first, n, yi, now, need);
    }
    for (int j = 0; j < known; j++)
        if (from[j] >= 0)
            R->tally->up[(gsize)(first + j) * (x->n_years + 1) + x->n_years]++;
}

/* The lists each stage is on without a draw, counted from the stocks. */
static void add_listed(const FirmsScratch *x, const EngineTrajectory *out)
{
    for (int yi = 0; yi < x->n_years; yi++)
        for (int s = 0; s < x->S; s++)
            for (guint64 on = cell_of(x, yi, s)->on; on != 0; on &= on - 1)
                out->lists[yi * x->L + __builtin_ctzll(on)] += out->stock[yi * x->S + s];
}

/* Every firm's start and row into `p`, its years before birth marked -1. */
static void paths_start(const FirmsScratch *x, FirmsPaths *p)
{
    firms_paths_clear(p);
    p->n_firms = x->n;
    p->n_years = x->n_years;
    p->born = g_memdup2(x->born, sizeof *x->born * (gsize)MAX(x->n, 1));
    p->row = g_memdup2(x->row, sizeof *x->row * (gsize)MAX(x->n, 1));
    gsize cells = MAX((gsize)x->n * x->n_years, 1);
    p->stage = g_new(int, cells);
    p->clock = g_new0(int, cells);
    for (gsize c = 0; c < cells; c++)
        p->stage[c] = -1;
}

void firms_paths_clear(FirmsPaths *p)
{
    g_free(p->born);
    g_free(p->row);
    g_free(p->stage);
    g_free(p->clock);
    *p = (FirmsPaths){0};
}

void firms_replicate_paths(const Model *m, const FirmsStart *start, const FirmsEffects *effects,
                           const double *params, const gint64 *baseline, gsl_rng *r, guint64 seed,
                           guint64 rep, FirmsScratch *x, const EngineTrajectory *out, FirmsTally *tally,
                           FirmsPaths *paths)
{
    g_return_if_fail(x->m == m && x->start == start);
    gsize cells = (gsize)x->n_years * x->S;
    memset(out->stock, 0, sizeof *out->stock * cells);
    memset(out->entries, 0, sizeof *out->entries * cells);
    if (x->L > 0)
        memset(out->lists, 0, sizeof *out->lists * (gsize)x->n_years * x->L);
    const FirmsEffects *e = effects != NULL && effects->beta != NULL && start->n_firms > 0 ? effects : NULL;
    x->n = 0;
    x->key[0] = (guint32)seed;
    x->key[1] = (guint32)(seed >> 32);
    add_starting_firms(x, baseline);
    add_arrivals(x, params, r, seed, rep, out->entries);
    prepare_cum(x, params);
    prepare_cells(x, params);
    if (e != NULL) {
        prepare_weights(x, e);
        for (int i = start->n_firms; i < x->n; i++)
            if (x->born[i] > 0)
                x->row[i] = arrival_row(x, i, r, seed, rep);
    }
    if (paths != NULL)
        paths_start(x, paths);
    Run R = {.x = x, .e = e, .params = params, .seed = seed, .rep = rep, .out = out, .tally = tally,
             .paths = paths};
    for (int first = 0; first < x->n; first += BATCH)
        run_batch(&R, first, MIN(BATCH, x->n - first));
    if (x->L > 0)
        add_listed(x, out);
}

void firms_replicate(const Model *m, const FirmsStart *start, const FirmsEffects *effects,
                     const double *params, const gint64 *baseline, gsl_rng *r, guint64 seed,
                     guint64 rep, FirmsScratch *x, const EngineTrajectory *out, FirmsTally *tally)
{
    firms_replicate_paths(m, start, effects, params, baseline, r, seed, rep, x, out, tally, NULL);
}
