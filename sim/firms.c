/* firms.c: one replication of the ladder firm by firm.  Firms do not
 * interact: given the replication's parameters, a firm's history depends
 * only on its start and the numbers of its own stream.  So each firm is run
 * through every year before the next, sixteen at a time (their blocks of
 * a year computed together, rng_blocks), and its stage is added into the
 * yearly stocks, entries and list counts that engine_replicate gives.
 * The steps here are the reference; where the processor has AVX-512, the
 * batches take firms_simd.c's, which step the sixteen in the lanes of
 * vectors from the same words to the same bytes (with effects, on each
 * known firm's cuts when the replications repeat their rates:
 * build_cuts), and firms_replicate_chunk runs the known firms of several
 * replications batch by batch.
 * SPDX-License-Identifier: MIT */
#include "firms.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "firms_simd.h"
#include "rng.h"
#include "sample.h"

#define BATCH 16      /* firms whose yearly blocks are computed together */
G_STATIC_ASSERT(BATCH == FIRMS_SIMD_LANES);
#define STAY (-1)     /* an outcome: the firm stays in its stage */
#define EXIT 0        /* an outcome: the firm exits; 1 + j: it takes edge j */
enum { CUTS_NONE, CUTS_SEEN, CUTS_BUILT }; /* FirmsScratch.cut_state */

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
    double *served_cum; /* the same two for a served firm (firms_serve); NULL until needed */
    Cell *served_cell;
    const double *params;  /* this replication's year parameters (firms_replicate) */
    const FirmsEffects *e; /* and its effects, NULL: none */
    guint64 seed, rep;     /* the replication the tables were prepared for */
    gboolean prepared;     /* firms_replicate prepared them */
    gboolean known_rows;   /* born and row of the known firms (0 and i) are set */
    gint64 *known0;        /* [S]: the known firms that start in each stage */
    gint64 *born0;         /* [S]: the replication's firms of each stage in the base year (add_baseline_firms) */
    int *dest;          /* [S * (MODEL_MAX_STAGES + 2)]: stage after each outcome category */
    /* With effects: each known firm's weights, for the coefficients in
     * `beta_seen`.  A parameter with an effect has a slot 1 .. n_slots - 1;
     * slot 0 (a parameter without one) holds 1 for every firm.  An exit or
     * edge parameter's weight is exp(beta . z), the factor on the odds of
     * that outcome against staying; a renewal parameter's is exp(-beta . z),
     * the factor on the odds of lapsing against renewing. */
    int *slot;          /* [n_params]: the parameter's slot; 0: no effect */
    int n_slots;        /* slots a firm, slot 0 included */
    double *weight;     /* [n_slots * n_known]: slot k of known firm r at k * n_known + r */
    double *beta_seen;  /* [n_params * n_attrs]; NULL until weights were computed */
    /* With effects, when the year parameters and the coefficients are the
     * last replication's: each known firm's outcome and renewal in every
     * stage it can be in, as cuts on its uniform's integer in the layout
     * FirmsSimdRun.cut_hi gives, which the vector steps compare instead of
     * computing the outcome in doubles (prepare_cuts). */
    int K;              /* outcome categories of the vector tables' rows */
    double *cut_params; /* [n_years * n_params]: the last replication's year parameters */
    int cut_state;      /* CUTS_NONE, CUTS_SEEN (cut_params seen once), CUTS_BUILT */
    gboolean cuts;      /* the cuts hold for this replication */
    gint32 *cut_hi, *cut_lo;
    /* Known firms by starting stage: an arrival of stage s resembles one. */
    int *rows_at;       /* [S + 1]: rows of stage s are rows_by_stage[rows_at[s] .. rows_at[s+1]) */
    int *rows_by_stage; /* [n_known] */
    /* Lists: whether a stage is a member, or the share parameter of it. */
    gboolean *member;   /* [L * S] */
    int *share;         /* [L * S]: PARAM_SHARE index, or -1 */
    FirmsSimdTables *simd; /* the cells as the vector steps read them; NULL: the model does not fit */
    /* One known firm at a time (firms_serve, firms_trace). */
    gboolean *risky;    /* [n_years * S]: the service changes stage s's parameters in year yi */
    gint64 *path_mem;   /* the memory of `paths` */
    EngineTrajectory paths[BATCH]; /* one firm's trajectory each */
};

/* ---- tallies ---------------------------------------------------------- */

#define HUGE_PAGE ((gsize)2 << 20) /* bytes of a transparent huge page (x86-64) */

/* `bytes` of zeros, for the tally: a replication adds into all of it, a
 * few lines of each firm's rows, so where it spans huge pages it is given
 * them (one TLB entry for 2 MB instead of 512; under a hypervisor a TLB
 * miss walks two page tables: 9% of the whole run measured, 8,000 firms).
 * Free with free().  Aborts when memory is exhausted, as g_malloc does. */
static void *tally_alloc(gsize bytes)
{
    gsize align = bytes >= HUGE_PAGE ? HUGE_PAGE : 64;
    bytes = (bytes + align - 1) / align * align;
    void *mem = NULL;
    if (posix_memalign(&mem, align, bytes) != 0)
        g_error("firms: out of memory for a tally of %" G_GSIZE_FORMAT " bytes", bytes);
#ifdef MADV_HUGEPAGE
    if (align == HUGE_PAGE)
        madvise(mem, bytes, MADV_HUGEPAGE); /* a hint: without it the pages are small */
#endif
    return memset(mem, 0, bytes);
}

FirmsTally *firms_tally_new(const Model *m, int n_firms)
{
    FirmsTally *t = g_new0(FirmsTally, 1);
    t->n_firms = n_firms;
    t->n_years = model_n_years(m);
    t->n_stages = m->n_stages;
    t->n_lists = m->n_lists;
    gsize cells = (gsize)n_firms * t->n_years;
    gsize n_state = cells * (t->n_stages + 1), n_listed = cells * t->n_lists, n_entered = cells * t->n_stages;
    gsize n_up = (gsize)n_firms * (t->n_years + 1);
    /* one block, the four arrays one after the other */
    t->state = tally_alloc(sizeof(guint32) * MAX(n_state + n_listed + n_entered + n_up, 1));
    t->listed = t->state + n_state;
    t->entered = t->listed + n_listed;
    t->up = t->entered + n_entered;
    return t;
}

void firms_tally_free(FirmsTally *t)
{
    if (t == NULL)
        return;
    free(t->state); /* the block of all four (tally_alloc) */
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
    add_into(dst->entered, src->entered, cells * dst->n_stages);
    add_into(dst->up, src->up, (gsize)dst->n_firms * (dst->n_years + 1));
}

guint32 *firms_tally_words(FirmsTally *t, gsize *n)
{
    gsize cells = (gsize)t->n_firms * t->n_years;
    *n = cells * (t->n_stages + 1) + cells * t->n_lists + cells * t->n_stages + (gsize)t->n_firms * (t->n_years + 1);
    return t->state;
}

void firms_tally_expected(const FirmsTally *t, const Model *m, int firm, guint64 reps, double *out)
{
    int Y = t->n_years, S = t->n_stages, L = t->n_lists;
    g_autofree double *stock = g_new(double, (gsize)Y * S);
    g_autofree double *entries = g_new(double, (gsize)Y * S);
    g_autofree double *lists = g_new(double, MAX((gsize)Y * L, 1));
    double n = (double)MAX(reps, 1);
    for (int yi = 0; yi < Y; yi++) {
        gsize cell = (gsize)firm * Y + yi;
        for (int s = 0; s < S; s++) {
            stock[yi * S + s] = t->state[cell * (S + 1) + s] / n;
            entries[yi * S + s] = t->entered[cell * S + s] / n;
        }
        for (int l = 0; l < L; l++)
            lists[yi * L + l] = t->listed[cell * L + l] / n;
    }
    for (int i = 0; i < m->n_targets; i++)
        out[i] = model_target_expected(m, &m->targets[i], stock, entries, lists);
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
    x->born0 = g_new0(gint64, x->S);
    x->known0 = g_new0(gint64, x->S);
    for (int i = 0; i < start->n_firms; i++)
        x->known0[start->stage[i]]++;
    prepare_dest(x);
    index_rows(x);
    index_lists(x);
    if (firms_simd_fits(x->S, x->L)) {
        int k = 1;
        for (int s = 0; s < x->S; s++)
            k = MAX(k, m->stages[s].n_out + 1);
        x->simd = firms_simd_tables_new(x->n_years, x->S, x->L, k);
        x->K = k;
    }
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
    g_free(x->served_cum);
    g_free(x->served_cell);
    g_free(x->risky);
    g_free(x->path_mem);
    g_free(x->dest);
    g_free(x->slot);
    g_free(x->weight);
    g_free(x->beta_seen);
    g_free(x->cut_params);
    g_free(x->cut_hi);
    g_free(x->cut_lo);
    g_free(x->known0);
    g_free(x->born0);
    g_free(x->rows_at);
    g_free(x->rows_by_stage);
    g_free(x->member);
    g_free(x->share);
    firms_simd_tables_free(x->simd);
    g_free(x);
}

/* ---- the replication's firms ------------------------------------------ */

/* Room for `more` firms after the x->n there are. */
static void firms_reserve(FirmsScratch *x, gint64 more)
{
    g_assert(x->n + more <= RNG_MAX_FIRMS);
    if (x->n + more <= x->cap)
        return;
    x->cap = (int)MAX(MAX(2 * (gint64)x->cap, x->n + more), 1024);
    x->stage = g_renew(int, x->stage, x->cap);
    x->clock = g_renew(int, x->clock, x->cap);
    x->born = g_renew(int, x->born, x->cap);
    x->row = g_renew(int, x->row, x->cap);
}

/* `count` firms with no record, in `stage` at `clock`, first counted in
 * year index `born`. */
static void firms_add_unknown(FirmsScratch *x, int stage, int clock, int born, gint64 count)
{
    firms_reserve(x, count);
    for (gint64 k = x->n; k < x->n + count; k++) {
        x->stage[k] = stage;
        x->clock[k] = clock;
        x->born[k] = born;
        x->row[k] = -1;
    }
    x->n += (int)count;
}

static int stage_clocks(const Stage *st)
{
    return st->renewal_years > 0 ? st->renewal_years : 1;
}

/* The known firms, at their starts, copied in at once. */
static void add_known_firms(FirmsScratch *x)
{
    const FirmsStart *f = x->start;
    if (f->n_firms == 0) /* no arrays yet, which memcpy must not get even for 0 bytes */
        return;
    g_assert(x->n == 0);
    firms_reserve(x, f->n_firms);
    memcpy(x->stage, f->stage, sizeof *x->stage * (gsize)f->n_firms);
    memcpy(x->clock, f->clock, sizeof *x->clock * (gsize)f->n_firms);
    if (!x->known_rows) { /* nothing writes them after: the replication's other firms come after */
        for (int i = 0; i < f->n_firms; i++) {
            x->born[i] = 0;
            x->row[i] = i;
        }
        x->known_rows = TRUE;
    }
    x->n = f->n_firms;
}

/* After the known firms, the baseline firms of every stage the known
 * firms do not cover, over the clocks as engine.c starts a baseline
 * (model_baseline_cohorts). */
static void add_baseline_firms(FirmsScratch *x, const gint64 *baseline)
{
    const FirmsStart *f = x->start;
    memcpy(x->born0, x->known0, sizeof *x->born0 * x->S);
    for (int s = 0; s < x->S; s++) {
        if (f->covers != NULL && f->covers[s])
            continue;
        gint64 n = baseline ? baseline[s] : x->m->stages[s].baseline;
        x->born0[s] += n;
        gint64 cohort[MODEL_MAX_RENEWAL_YEARS];
        model_baseline_cohorts(&x->m->stages[s], n, cohort);
        for (int t = 0; t < stage_clocks(&x->m->stages[s]); t++)
            firms_add_unknown(x, s, t, 0, cohort[t]);
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
            firms_add_unknown(x, s, 0, yi, n);
            entries[yi * x->S + s] += n;
        }
    }
}

/* The known firm each arrival resembles: one of its stage's known firms,
 * uniformly (gsl_rng_uniform_int, rng_uniform_int_of_block on the words
 * already computed), from block FIRMS_ROW_BLOCK of its birth
 * year of its stream; -1 (no record, at the mean, as the baseline firms of
 * that stage) when the roster has none in its stage.  The blocks of up to
 * BATCH arrivals of a year are computed together (rng_blocks). */
static void arrival_rows(FirmsScratch *x, gsl_rng *r, guint64 seed, guint64 rep)
{
    guint32 ids[BATCH], w[BATCH][4];
    for (int i = x->start->n_firms, n; i < x->n; i += n) {
        int born = x->born[i];
        for (n = 1; n < BATCH && i + n < x->n && x->born[i + n] == born; n++)
            ;
        if (born == 0) /* a baseline firm: no record */
            continue;
        guint32 at = (guint32)(born * FIRMS_BLOCKS_PER_YEAR + FIRMS_ROW_BLOCK);
        for (int j = 0; j < n; j++)
            ids[j] = rng_firm_stream((guint32)(i + j));
        rng_blocks(seed, rep, at, ids, n, w);
        for (int j = 0; j < n; j++) {
            int s = x->stage[i + j], lo = x->rows_at[s], k = x->rows_at[s + 1] - lo;
            if (k == 0) {
                x->row[i + j] = -1;
                continue;
            }
            unsigned long pick;
            if (!rng_uniform_int_of_block(w[j], (unsigned long)k, &pick)) { /* four words refused */
                rng_open_block_at(r, seed, rep, ids[j], at, w[j]);
                pick = gsl_rng_uniform_int(r, (unsigned long)k);
            }
            x->row[i + j] = x->rows_by_stage[lo + (int)pick];
        }
    }
}

/* ---- probabilities ---------------------------------------------------- */

static double *cum_of(const FirmsScratch *x, double *cum, int yi, int s)
{
    return cum + ((gsize)yi * x->S + s) * (MODEL_MAX_STAGES + 1);
}

/* Every year's cumulative probabilities of exit and the edges, in the
 * order of the categorical draw (exit, then the edges in file order),
 * into `cum` (n_years * S rows). */
static void prepare_cum(const FirmsScratch *x, const double *params, double *cum)
{
    const Model *m = x->m;
    for (int yi = 1; yi < x->n_years; yi++) {
        const double *p = params + (gsize)yi * m->n_params;
        for (int s = 0; s < x->S; s++) {
            const Stage *st = &m->stages[s];
            double *c = cum_of(x, cum, yi, s);
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

/* Each known firm's weights of the parameters with an effect (their slots
 * given again), computed again only when the coefficients changed since
 * the last replication.  Returns TRUE when they were computed. */
static gboolean prepare_weights(FirmsScratch *x, const FirmsEffects *e)
{
    const Model *m = x->m;
    const FirmsStart *f = x->start;
    gsize n_beta = (gsize)m->n_params * e->n_attrs;
    if (x->beta_seen != NULL && memcmp(x->beta_seen, e->beta, n_beta * sizeof *e->beta) == 0)
        return FALSE;
    if (x->beta_seen == NULL) {
        x->beta_seen = g_new(double, MAX(n_beta, 1));
        x->slot = g_new(int, MAX(m->n_params, 1));
    }
    memcpy(x->beta_seen, e->beta, n_beta * sizeof *e->beta);
    int n_slots = 1;
    for (int p = 0; p < m->n_params; p++)
        x->slot[p] = has_effect(e, p) ? n_slots++ : 0;
    if (n_slots > x->n_slots || x->weight == NULL)
        x->weight = g_renew(double, x->weight, MAX((gsize)f->n_firms * n_slots, 1));
    x->n_slots = n_slots;
    for (int i = 0; i < f->n_firms; i++) {
        const double *z = f->z + (gsize)i * f->n_attrs;
        x->weight[i] = 1.0;
        for (int p = 0; p < m->n_params; p++)
            if (x->slot[p] > 0) {
                double eta = linear(e, p, z);
                x->weight[(gsize)x->slot[p] * f->n_firms + i] = exp(m->params[p].kind == PARAM_RENEWAL ? -eta : eta);
            }
    }
    return TRUE;
}

/* Known firm `row`'s weight of parameter p. */
static inline double weight_of(const FirmsScratch *x, int row, int p)
{
    return x->weight[(gsize)x->slot[p] * x->start->n_firms + row];
}

/* A double in [0, 1) from two words, as rng_uniform_state makes it. */
static inline double uniform_of(guint32 w0, guint32 w1)
{
    return ((w0 >> 5) * 67108864.0 + (w1 >> 6)) * (1.0 / 9007199254740992.0);
}

/* Firm outcome in stage s, whose cumulative probabilities of exit and the
 * edges this year are c, for the known firm `row`: its probabilities
 * weighted, a[k] = p_k w_k (exit, then each edge), and the scale
 * p_stay + sum_k a_k, so that its probability of k is a[k] / scale.
 * Returns the number of categories n. */
static int outcome_parts(const FirmsScratch *x, int s, const double *c, int row, double *a, double *scale)
{
    const Stage *st = &x->m->stages[s];
    int n = st->n_out + 1;
    double total = 0;
    a[0] = st->exit_param >= 0 ? c[0] * weight_of(x, row, st->exit_param) : 0;
    for (int j = 0; j < st->n_out; j++)
        a[j + 1] = (c[j + 1] - c[j]) * weight_of(x, row, st->out_param[j]);
    for (int k = 0; k < n; k++)
        total += a[k];
    *scale = 1.0 - MIN(c[n - 1], 1.0) + total;
    return n;
}

/* The category of uniform u from outcome_parts' a[0 .. n - 1] and scale:
 * the first k with u scale < a_0 + ... + a_k, else n (stays).  It does not
 * decrease as u grows. */
static int outcome_of(const double *a, int n, double scale, double u)
{
    double v = u * scale, run = 0;
    for (int k = 0; k < n; k++) {
        run += a[k];
        if (v < run)
            return k;
    }
    return n;
}

/* Firm outcome for uniform `u` in stage s: STAY, EXIT or 1 + edge, with
 * probabilities p_k w_k / (p_stay + sum_j p_j w_j) for the known firm
 * `row` (outcome_parts). */
static int outcome(const FirmsScratch *x, int s, const double *c, int row, double u)
{
    double a[MODEL_MAX_STAGES + 1], scale;
    int n = outcome_parts(x, s, c, row, a, &scale), k = outcome_of(a, n, scale, u);
    return k == n ? STAY : k;
}

/* The least N of 0 .. 2^53 whose uniform N 2^-53 has a category above k
 * (outcome_of on a[0 .. n - 1] and scale; 2^53: none, as no uniform
 * reaches 1).  As the categories do not decrease in u, a firm's category
 * is the number of its cuts at or below its N, exactly.  Searched from the
 * cut of the cumulative probability (a_0 + ... + a_k) / scale, which it is
 * or is next to. */
static guint64 outcome_cut(const double *a, int n, double scale, int k)
{
    const guint64 top = G_GUINT64_CONSTANT(1) << 53;
#define ABOVE(N) (outcome_of(a, n, scale, (double)(N) * (1.0 / 9007199254740992.0)) > k)
    double run = 0;
    for (int j = 0; j <= k; j++)
        run += a[j];
    guint64 guess = firms_simd_threshold(run / scale), lo = 0, hi = top;
    guint64 below = guess >= 2 ? guess - 2 : 0, above = MIN(guess + 2, top);
    if ((below == 0 || !ABOVE(below - 1)) && (above == top || ABOVE(above))) {
        lo = below;
        hi = above;
    }
    while (lo < hi) { /* the cut is in lo .. hi: hi is above k, or top */
        guint64 mid = lo + (hi - lo) / 2;
        if (ABOVE(mid))
            hi = mid;
        else
            lo = mid + 1;
    }
#undef ABOVE
    return lo;
}

/* The firm's renewal probability: logit p + beta . z, as 1 / (1 + o F)
 * with the odds of lapsing o = (1 - p) / p and the firm's weight
 * F = exp(-beta . z) (0 at p = 0, 1 at p = 1); p itself when F is 1, so a
 * firm at the mean renews at exactly the scenario's rate.  firms_simd.c's
 * vector step computes the same operations in the same order. */
static double renewal_p(const FirmsScratch *x, const FirmsEffects *e, int s, int row, double p)
{
    int rp = x->m->stages[s].renewal_param;
    if (e == NULL || row < 0 || rp < 0)
        return p;
    double F = weight_of(x, row, rp);
    return F == 1.0 ? p : 1.0 / (1.0 + (1.0 - p) / p * F);
}

/* reach[yi * S + s]: bit t when a firm that starts in stage s can be in
 * stage t at the end of year index yi (along edges and lapses, one move a
 * year). */
static guint32 *reachable(const FirmsScratch *x)
{
    guint32 *reach = g_new0(guint32, (gsize)x->n_years * x->S);
    for (int s = 0; s < x->S; s++)
        reach[s] = 1u << s;
    for (int yi = 1; yi < x->n_years; yi++)
        for (int s = 0; s < x->S; s++) {
            guint32 was = reach[(yi - 1) * x->S + s], now = was;
            for (guint32 b = was; b != 0; b &= b - 1) {
                int t = __builtin_ctz(b);
                const Stage *st = &x->m->stages[t];
                for (int j = 0; j < st->n_out; j++)
                    now |= 1u << dest_of(x, t, j + 1);
                if (st->renewal_years > 0)
                    now |= 1u << st->lapse_to;
            }
            reach[yi * x->S + s] = now;
        }
    return reach;
}

/* Every known firm's cuts (outcome_cut; the renewal's at its renewal
 * probability) in each stage it can be in when it steps in each year after
 * the base year, from the replication's tables and weights, where
 * FirmsSimdRun.cut_hi and cut_lo say.  The others are never read. */
static void build_cuts(FirmsScratch *x)
{
    const FirmsStart *f = x->start;
    int K = x->K;
    gsize size = firms_simd_cuts_size(f->n_firms, x->n_years, x->S, K);
    if (x->cut_hi == NULL) {
        x->cut_hi = g_new0(gint32, size);
        x->cut_lo = g_new0(gint32, size);
    }
    g_autofree guint32 *reach = reachable(x);
    double a[MODEL_MAX_STAGES + 1], scale;
    for (int yi = 1; yi < x->n_years; yi++)
        for (int i = 0; i < f->n_firms; i++)
            for (guint32 b = reach[(yi - 1) * x->S + f->stage[i]]; b != 0; b &= b - 1) {
                int s = __builtin_ctz(b);
                const Cell *cell = &x->cell[(gsize)yi * x->S + s];
                int n = outcome_parts(x, s, x->cum + ((gsize)yi * x->S + s) * (MODEL_MAX_STAGES + 1), i, a, &scale);
                for (int k = 0; k <= K; k++) {
                    guint64 T = G_GUINT64_CONSTANT(1) << 53; /* none */
                    if (k < n)
                        T = outcome_cut(a, n, scale, k);
                    else if (k == K && cell->renew > 0)
                        T = firms_simd_threshold(renewal_p(x, x->e, s, i, cell->renew_p));
                    gsize at = firms_simd_cut_at(i, yi, s, k, x->n_years, x->S, K);
                    firms_simd_split(T, &x->cut_hi[at], &x->cut_lo[at]);
                }
            }
}

/* TRUE when the known firms' cuts hold for this replication (prepared,
 * with effects): its year parameters and coefficients (`weights_changed`
 * FALSE) are the last replication's.  They are built the second
 * replication in a row with the same ones; until then, and when parameters
 * or coefficients are drawn every replication, the vector steps compute
 * the same outcomes in doubles. */
static gboolean prepare_cuts(FirmsScratch *x, gboolean weights_changed)
{
    gsize n = (gsize)x->n_years * x->m->n_params;
    if (x->simd == NULL || x->start->n_firms == 0)
        return FALSE;
    if (x->cut_params == NULL) {
        x->cut_params = g_new(double, MAX(n, 1));
    } else if (!weights_changed && memcmp(x->cut_params, x->params, sizeof *x->params * n) == 0) {
        if (x->cut_state == CUTS_SEEN) {
            build_cuts(x);
            x->cut_state = CUTS_BUILT;
        }
        return TRUE;
    }
    memcpy(x->cut_params, x->params, sizeof *x->params * n);
    x->cut_state = CUTS_SEEN;
    return FALSE;
}

/* ---- one firm's years --------------------------------------------------- */

static Cell *cell_of(const FirmsScratch *x, Cell *cell, int yi, int s)
{
    return cell + (gsize)yi * x->S + s;
}

/* Every (year, stage)'s Cell from the year parameters `params`, into
 * `cell` (n_years * S). */
static void prepare_cells(const FirmsScratch *x, const double *params, Cell *cell)
{
    const Model *m = x->m;
    for (int yi = 0; yi < x->n_years; yi++) {
        const double *p = params + (gsize)yi * m->n_params;
        for (int s = 0; s < x->S; s++) {
            const Stage *st = &m->stages[s];
            Cell *c = cell_of(x, cell, yi, s);
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

/* The weight slot of parameter p (-1: none): 0 without effects. */
static int slot_of(const FirmsScratch *x, const FirmsEffects *e, int p)
{
    return e != NULL && p >= 0 ? x->slot[p] : 0;
}

/* The vector steps' tables of this replication, from the cells and the
 * outcome thresholds (`cum`) firms_replicate prepared, with the weight
 * slots of the effects `e` (NULL: none). */
static void prepare_simd(const FirmsScratch *x, const FirmsEffects *e, const double *params, const double *cum,
                         const Cell *cell)
{
    const Model *m = x->m;
    double share[FIRMS_SIMD_MAX_LISTS];
    int slot[MODEL_MAX_STAGES + 1];
    for (int yi = 0; yi < x->n_years; yi++) {
        const double *p = params + (gsize)yi * m->n_params;
        for (int s = 0; s < x->S; s++) {
            const Stage *st = &m->stages[s];
            const Cell *c = &cell[(gsize)yi * x->S + s];
            for (int l = 0; l < x->L; l++)
                share[l] = c->draw >> l & 1 ? p[x->share[l * x->S + s]] : 0.0;
            slot[0] = slot_of(x, e, st->exit_param);
            for (int j = 0; j < st->n_out; j++)
                slot[j + 1] = slot_of(x, e, st->out_param[j]);
            FirmsSimdCell v = {.n = c->n, .cum = cum + ((gsize)yi * x->S + s) * (MODEL_MAX_STAGES + 1),
                               .dest = x->dest + s * (MODEL_MAX_STAGES + 2), .slot = slot, .renew = c->renew,
                               .lapse_to = c->lapse_to, .renew_p = c->renew_p,
                               .renew_slot = slot_of(x, e, st->renewal_param), .on = (guint32)c->on,
                               .share = share, .blocks = c->blocks};
            firms_simd_tables_set(x->simd, yi, s, &v);
        }
    }
}

/* One replication as the firm steps see it. */
typedef struct {
    FirmsScratch *x;
    const FirmsEffects *e;  /* NULL: no effects */
    const double *params;
    const double *cum;      /* the outcome table the firms take: x->cum, or a served firm's */
    const Cell *cell;       /* likewise */
    guint64 seed, rep;
    const EngineTrajectory *out;   /* every firm counts into it, unless `paths` */
    const EngineTrajectory *paths; /* [BATCH] or NULL: firm j of a batch counts into paths[j] alone */
    FirmsTally *tally;             /* NULL: nothing tallied */
    GArray *events;                /* of FirmsEvent, or NULL: no trace */
    FirmsPaths *record;            /* every firm's stage and clock each year, or NULL */
} Run;

/* Where firm j of a batch counts. */
static const EngineTrajectory *out_of(const Run *R, int j)
{
    return R->paths != NULL ? &R->paths[j] : R->out;
}

static void note_event(const Run *R, int yi, FirmsEventKind kind, int from, int to)
{
    if (R->events == NULL)
        return;
    FirmsEvent ev = {.year = R->x->m->base_year + yi, .kind = kind, .from = from, .to = to, .list = -1};
    g_array_append_val(R->events, ev);
}

/* The outcome category of uniform u in stage s, year yi: 0 exit, 1 + j
 * edge j, Cell.n stay.  Without effects (or for a firm with no record) the
 * number of cumulative thresholds at or below u, which is the first k
 * with u < c[k] as the thresholds do not decrease; no branch on u. */
static int category(const Run *R, int yi, int s, int row, double u)
{
    const FirmsScratch *x = R->x;
    const double *c = R->cum + ((gsize)yi * x->S + s) * (MODEL_MAX_STAGES + 1);
    int n = R->cell[(gsize)yi * x->S + s].n;
    if (R->e != NULL && row >= 0) {
        int k = outcome(x, s, c, row, u);
        return k == STAY ? n : k;
    }
    int k = 0;
    for (int j = 0; j < n; j++)
        k += u >= c[j];
    return k;
}

/* Firm i (slot j of its batch) in year yi from its block `w`: its outcome
 * (words 0-1), then, if it stayed, its renewal clock and, when due, its
 * renewal (words 2-3).  Returns its stage at the end of the year, or S
 * when it exited; *entered TRUE when it entered that stage along an edge. */
static int step(const Run *R, int i, int j, int yi, const guint32 w[4], gboolean *entered)
{
    FirmsScratch *x = R->x;
    int s = x->stage[i];
    const Cell *c = &R->cell[(gsize)yi * x->S + s];
    int k = category(R, yi, s, x->row[i], uniform_of(w[0], w[1]));
    if (k != c->n) { /* exit or an edge */
        int to = dest_of(x, s, k);
        if (to < x->S) {
            x->stage[i] = to;
            x->clock[i] = 0;
            out_of(R, j)->entries[yi * x->S + to]++;
            *entered = TRUE;
        }
        note_event(R, yi, to < x->S ? FIRMS_EVENT_EDGE : FIRMS_EVENT_EXIT, s, to);
        return to;
    }
    if (c->renew == 0 || ++x->clock[i] < c->renew)
        return s;
    x->clock[i] = 0;
    if (uniform_of(w[2], w[3]) >= renewal_p(x, R->e, s, x->row[i], c->renew_p))
        x->stage[i] = c->lapse_to;
    note_event(R, yi, x->stage[i] == s ? FIRMS_EVENT_RENEW : FIRMS_EVENT_LAPSE, s, x->stage[i]);
    return x->stage[i];
}

/* Known firm i is in stage s (S: exited) at the end of year yi, having
 * entered it along an edge that year when `entered`: its state, entry and
 * the lists it is on without a draw, into the tally. */
static void tally_state(const Run *R, int i, int yi, int s, gboolean entered)
{
    FirmsScratch *x = R->x;
    gsize cell = (gsize)i * x->n_years + yi;
    R->tally->state[cell * (x->S + 1) + s]++;
    if (s == x->S)
        return;
    if (entered)
        R->tally->entered[cell * x->S + s]++;
    for (guint64 on = R->cell[(gsize)yi * x->S + s].on; on != 0; on &= on - 1)
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

/* The share draws of year yi of the batch's firms idx[0 .. n - 1], in
 * stages now[]: for each list block in `need` (bit b - 1: block b), the
 * batch's blocks computed together, and each firm in a stage whose share
 * of a list of that block is drawn, on it with the share's probability
 * (list l: words 2 (l % 2) and 2 (l % 2) + 1 of block 1 + l / 2). */
static void draw_shares(const Run *R, const guint32 *ids, const int *idx, int n, int yi, const int *now,
                        guint32 need)
{
    FirmsScratch *x = R->x;
    const double *p = R->params + (gsize)yi * x->m->n_params;
    guint32 w[BATCH][4];
    for (; need != 0; need &= need - 1) {
        int b = __builtin_ctz(need); /* block b + 1: lists 2b and 2b + 1 */
        rng_blocks(R->seed, R->rep, (guint32)(yi * FIRMS_BLOCKS_PER_YEAR + b + 1), ids, n, w);
        for (int j = 0; j < n; j++) {
            int i = idx[j], s = now[j];
            if (x->born[i] > yi || s == x->S)
                continue;
            guint64 draw = R->cell[(gsize)yi * x->S + s].draw >> (2 * b) & 3;
            for (; draw != 0; draw &= draw - 1) {
                int h = __builtin_ctzll(draw), l = 2 * b + h;
                if (uniform_of(w[j][2 * h], w[j][2 * h + 1]) >= p[x->share[l * x->S + s]])
                    continue;
                out_of(R, j)->lists[yi * x->L + l]++;
                if (R->tally != NULL && i < x->start->n_firms)
                    R->tally->listed[((gsize)i * x->n_years + yi) * x->L + l]++;
            }
        }
    }
}

/* Firm i's stage `s` (S: exited) and clock at the end of year yi, into
 * the record. */
static void record_path(const Run *R, int i, int yi, int s)
{
    gsize at = (gsize)i * R->record->n_years + yi;
    R->record->stage[at] = s;
    R->record->clock[at] = s < R->x->S ? R->x->clock[i] : 0;
}

/* Firms idx[0 .. n - 1] (n <= BATCH) through every year, their blocks of
 * each year computed together.  Stocks count here; the list counts of the
 * lists a stage is on without a draw come from the stocks (add_listed). */
static void run_batch(const Run *R, const int *idx, int n)
{
    FirmsScratch *x = R->x;
    guint32 ids[BATCH], w[BATCH][4];
    int now[BATCH], from[BATCH];
    gboolean tallied[BATCH];
    for (int j = 0; j < n; j++) {
        ids[j] = rng_firm_stream((guint32)idx[j]);
        now[j] = from[j] = x->stage[idx[j]];
        tallied[j] = R->tally != NULL && idx[j] < x->start->n_firms;
    }
    for (int yi = 0; yi < x->n_years; yi++) {
        if (yi > 0)
            rng_blocks(R->seed, R->rep, (guint32)(yi * FIRMS_BLOCKS_PER_YEAR), ids, n, w);
        guint32 need = 0;
        for (int j = 0; j < n; j++) {
            int i = idx[j];
            if (x->born[i] > yi)
                continue;
            gboolean entered = FALSE;
            if (x->born[i] < yi && now[j] < x->S)
                now[j] = step(R, i, j, yi, w[j], &entered);
            if (now[j] < x->S) {
                out_of(R, j)->stock[yi * x->S + now[j]]++;
                need |= R->cell[(gsize)yi * x->S + now[j]].blocks;
            }
            if (tallied[j]) {
                tally_state(R, i, yi, now[j], entered);
                count_up(R, i, yi, now[j], &from[j]);
            }
            if (R->record != NULL)
                record_path(R, i, yi, now[j]);
        }
        if (need != 0)
            draw_shares(R, ids, idx, n, yi, now, need);
    }
    for (int j = 0; j < n; j++)
        if (tallied[j] && from[j] >= 0)
            R->tally->up[(gsize)idx[j] * (x->n_years + 1) + x->n_years]++;
}

/* The lists each stage is on without a draw, counted from the stocks of
 * `out`. */
static void add_listed(const FirmsScratch *x, const Cell *cell, const EngineTrajectory *out)
{
    for (int yi = 0; yi < x->n_years; yi++)
        for (int s = 0; s < x->S; s++)
            for (guint64 on = cell[(gsize)yi * x->S + s].on; on != 0; on &= on - 1)
                out->lists[yi * x->L + __builtin_ctzll(on)] += out->stock[yi * x->S + s];
}

/* What the vector steps leave to their caller (firms_simd_batch), which
 * needs no draw: the base year's stocks, the firms born then
 * (add_baseline_firms counted them), into `out`; */
static void add_base_stocks(const FirmsScratch *x, const EngineTrajectory *out)
{
    for (int s = 0; s < x->S; s++)
        out->stock[s] += x->born0[s];
}

/* and each known firm's state at the end of the base year, its starting
 * stage, `reps` times into `tally` (may be NULL). */
static void tally_base_year(const FirmsScratch *x, FirmsTally *tally, int reps)
{
    if (tally == NULL)
        return;
    const FirmsStart *f = x->start;
    gsize row = (gsize)x->n_years * (x->S + 1);
    for (int i = 0; i < f->n_firms; i++)
        tally->state[(gsize)i * row + f->stage[i]] += (guint32)reps;
}

/* TRUE when firms_simd.c's steps run x's batches with effects e (may be
 * NULL): the model and the effects' slots fit its tables and the
 * processor has them. */
static gboolean vector_steps(const FirmsScratch *x, const FirmsEffects *e)
{
    return x->simd != NULL && firms_simd_usable() && (e == NULL || x->n_slots <= FIRMS_SIMD_MAX_SLOTS);
}

/* Every firm of the replication R prepared, BATCH at a time: where the
 * model (and its effects' slots) fits the vector steps and the processor
 * has them, firms_simd.c's, else run_batch's (the same bytes either way),
 * which also run every batch when R records the firms' paths. */
static void run_firms(const Run *R)
{
    FirmsScratch *x = R->x;
    gboolean vector = R->record == NULL && vector_steps(x, R->e);
    FirmsSimdRun V = {.t = x->simd, .seed = R->seed, .rep = R->rep, .stage = x->stage, .clock = x->clock,
                      .born = x->born, .row = x->row, .weight = R->e != NULL ? x->weight : NULL,
                      .n_slots = x->n_slots, .cut_hi = R->e != NULL && x->cuts ? x->cut_hi : NULL,
                      .cut_lo = x->cut_lo, .n_known = x->start->n_firms, .tally = R->tally};
    if (vector) {
        prepare_simd(x, R->e, R->params, R->cum, R->cell);
        firms_simd_begin(x->simd, 0);
    }
    for (int first = 0; first < x->n; first += BATCH) {
        int n = MIN(BATCH, x->n - first);
        if (vector) {
            firms_simd_batch(&V, first, n);
            continue;
        }
        int idx[BATCH];
        for (int j = 0; j < n; j++)
            idx[j] = first + j;
        run_batch(R, idx, n);
    }
    if (vector) {
        firms_simd_end(x->simd, 0, R->out);
        add_base_stocks(x, R->out);
        tally_base_year(x, R->tally, 1);
    }
}

/* The effects as the firm steps take them: NULL when there are none or
 * no known firm carries attributes. */
static const FirmsEffects *effects_in_use(const FirmsStart *start, const FirmsEffects *effects)
{
    return effects != NULL && effects->beta != NULL && start->n_firms > 0 ? effects : NULL;
}

void firms_prepare(const Model *m, const FirmsStart *start, const FirmsEffects *effects, const double *params,
                   guint64 seed, guint64 rep, FirmsScratch *x)
{
    g_return_if_fail(x->m == m && x->start == start);
    const FirmsEffects *e = effects_in_use(start, effects);
    x->n = 0;
    add_known_firms(x);
    prepare_cum(x, params, x->cum);
    prepare_cells(x, params, x->cell);
    gboolean weights_changed = e != NULL && prepare_weights(x, e);
    x->params = params;
    x->e = e;
    x->cuts = e != NULL && prepare_cuts(x, weights_changed);
    x->seed = seed;
    x->rep = rep;
    x->prepared = TRUE;
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

/* `out` set to 0. */
static void clear_out(const FirmsScratch *x, const EngineTrajectory *out)
{
    gsize cells = (gsize)x->n_years * x->S;
    memset(out->stock, 0, sizeof *out->stock * cells);
    memset(out->entries, 0, sizeof *out->entries * cells);
    if (x->L > 0)
        memset(out->lists, 0, sizeof *out->lists * (gsize)x->n_years * x->L);
}

/* After the known firms (x->n of them), replication rep's firms with no
 * record: the baseline firms, then the arrivals (their entries into
 * `entries`), each with the row it resembles when there are effects. */
static void add_unknown_firms(FirmsScratch *x, const double *params, const gint64 *baseline, gsl_rng *r,
                              guint64 seed, guint64 rep, gint64 *entries)
{
    add_baseline_firms(x, baseline);
    add_arrivals(x, params, r, seed, rep, entries);
    if (x->e != NULL)
        arrival_rows(x, r, seed, rep);
}

void firms_replicate_paths(const Model *m, const FirmsStart *start, const FirmsEffects *effects,
                           const double *params, const gint64 *baseline, gsl_rng *r, guint64 seed,
                           guint64 rep, FirmsScratch *x, const EngineTrajectory *out, FirmsTally *tally,
                           FirmsPaths *paths)
{
    g_return_if_fail(x->m == m && x->start == start);
    clear_out(x, out);
    firms_prepare(m, start, effects, params, seed, rep, x);
    add_unknown_firms(x, params, baseline, r, seed, rep, out->entries);
    if (paths != NULL)
        paths_start(x, paths);
    Run R = {.x = x, .e = x->e, .params = params, .cum = x->cum, .cell = x->cell, .seed = seed, .rep = rep,
             .out = out, .tally = tally, .record = paths};
    run_firms(&R);
    if (x->L > 0)
        add_listed(x, x->cell, out);
}

void firms_replicate(const Model *m, const FirmsStart *start, const FirmsEffects *effects,
                     const double *params, const gint64 *baseline, gsl_rng *r, guint64 seed,
                     guint64 rep, FirmsScratch *x, const EngineTrajectory *out, FirmsTally *tally)
{
    firms_replicate_paths(m, start, effects, params, baseline, r, seed, rep, x, out, tally, NULL);
}

void firms_replicate_chunk(const Model *m, const FirmsStart *start, const FirmsEffects *effects,
                           const double *params, const gint64 *baseline, gsl_rng *r, guint64 seed, guint64 rep0,
                           int n, FirmsScratch *x, const EngineTrajectory *out, FirmsTally *tally)
{
    g_return_if_fail(x->m == m && x->start == start);
    int full = start->n_firms / BATCH * BATCH; /* the known firms of whole batches */
    for (int j0 = 0; j0 < n; j0 += FIRMS_SIMD_REPS) {
        int nj = MIN(FIRMS_SIMD_REPS, n - j0);
        firms_prepare(m, start, effects, params, seed, rep0 + j0, x);
        if (!vector_steps(x, x->e)) {
            for (int j = j0; j < j0 + nj; j++)
                firms_replicate(m, start, effects, params, baseline, r, seed, rep0 + j, x, &out[j], tally);
            continue;
        }
        prepare_simd(x, x->e, params, x->cum, x->cell);
        FirmsSimdRun V[FIRMS_SIMD_REPS];
        for (int j = 0; j < nj; j++) {
            clear_out(x, &out[j0 + j]);
            firms_simd_begin(x->simd, j);
            V[j] = (FirmsSimdRun){.t = x->simd, .slot = j, .seed = seed, .rep = rep0 + j0 + j, .stage = x->stage,
                                  .clock = x->clock, .born = x->born, .row = x->row,
                                  .weight = x->e != NULL ? x->weight : NULL, .n_slots = x->n_slots,
                                  .cut_hi = x->e != NULL && x->cuts ? x->cut_hi : NULL, .cut_lo = x->cut_lo,
                                  .n_known = start->n_firms, .tally = tally};
        }
        /* the known firms batch by batch, each batch replication after replication */
        for (int first = 0; first < full; first += BATCH)
            firms_simd_batch_reps(V, nj, first, BATCH);
        /* then each replication's other firms */
        for (int j = 0; j < nj; j++) {
            guint64 rep = rep0 + j0 + j;
            const EngineTrajectory *o = &out[j0 + j];
            x->n = start->n_firms; /* the vector steps left the known firms as they start */
            add_unknown_firms(x, params, baseline, r, seed, rep, o->entries);
            V[j].stage = x->stage;
            V[j].clock = x->clock;
            V[j].born = x->born;
            V[j].row = x->row;
            for (int first = full; first < x->n; first += BATCH)
                firms_simd_batch(&V[j], first, MIN(BATCH, x->n - first));
            firms_simd_end(x->simd, j, o);
            add_base_stocks(x, o);
            if (x->L > 0)
                add_listed(x, x->cell, o);
        }
        tally_base_year(x, tally, nj);
        x->rep = rep0 + j0 + nj - 1;
    }
}

/* ---- one known firm at a time ------------------------------------------ */

/* Working memory of BATCH single-firm trajectories, cleared. */
static const EngineTrajectory *clear_paths(FirmsScratch *x)
{
    gsize cells = (gsize)x->n_years * x->S, lcells = (gsize)x->n_years * x->L;
    gsize each = 2 * cells + lcells;
    if (x->path_mem == NULL) {
        x->path_mem = g_new(gint64, BATCH * each);
        for (int j = 0; j < BATCH; j++) {
            gint64 *p = x->path_mem + j * each;
            x->paths[j] = (EngineTrajectory){p, p + cells, x->L > 0 ? p + 2 * cells : NULL};
        }
    }
    memset(x->path_mem, 0, sizeof *x->path_mem * BATCH * each);
    return x->paths;
}

/* Known firms idx[0 .. n - 1] through the replication firms_replicate
 * prepared, each alone into paths[j] (the lists a stage is on without a
 * draw added): from their places on the roster, on the numbers of their
 * own streams, so each history is the one firms_replicate ran unless
 * `served`, which gives them the outcome tables of a served firm
 * (firms_serve).  `events`: NULL, or with n = 1 the firm's events. */
static void run_paths(FirmsScratch *x, const int *idx, int n, gboolean served, const EngineTrajectory *paths,
                      GArray *events)
{
    const FirmsStart *f = x->start;
    for (int j = 0; j < n; j++) {
        int i = idx[j];
        g_assert(i >= 0 && i < f->n_firms);
        x->stage[i] = f->stage[i];
        x->clock[i] = f->clock[i];
    }
    Run R = {.x = x, .e = x->e, .params = x->params, .cum = served ? x->served_cum : x->cum,
             .cell = served ? x->served_cell : x->cell, .seed = x->seed, .rep = x->rep, .paths = paths,
             .events = events};
    run_batch(&R, idx, n);
    for (int j = 0; x->L > 0 && j < n; j++)
        add_listed(x, R.cell, &paths[j]);
}

/* TRUE when the parameters of stage s that a firm of it draws from
 * (exit, edges, renewal) differ in year yi between `a` and `b`. */
static gboolean stage_params_differ(const FirmsScratch *x, const double *a, const double *b, int yi, int s)
{
    const Model *m = x->m;
    const Stage *st = &m->stages[s];
    const double *pa = a + (gsize)yi * m->n_params, *pb = b + (gsize)yi * m->n_params;
    if (st->exit_param >= 0 && pa[st->exit_param] != pb[st->exit_param])
        return TRUE;
    if (st->renewal_param >= 0 && pa[st->renewal_param] != pb[st->renewal_param])
        return TRUE;
    for (int j = 0; j < st->n_out; j++)
        if (pa[st->out_param[j]] != pb[st->out_param[j]])
            return TRUE;
    return FALSE;
}

/* TRUE when the firm of `path` starts some year yi >= 1 (ends yi - 1) in
 * a stage whose parameters the service changes that year (`risky`). */
static gboolean path_at_risk(const FirmsScratch *x, const gboolean *risky, const EngineTrajectory *path)
{
    for (int yi = 1; yi < x->n_years; yi++)
        for (int s = 0; s < x->S; s++)
            if (risky[yi * x->S + s] && path->stock[(yi - 1) * x->S + s] > 0)
                return TRUE;
    return FALSE;
}

static void path_counts(const Model *m, const EngineTrajectory *path, gint64 *count)
{
    for (int t = 0; t < m->n_targets; t++)
        count[t] = model_target_count(m, &m->targets[t], path->stock, path->entries, path->lists);
}

int firms_serve(FirmsScratch *x, const double *served, const int *firms, int n, gint64 *count,
                gint64 *delta)
{
    g_return_val_if_fail(x->prepared, 0);
    const Model *m = x->m;
    int T = m->n_targets, at_risk = 0;
    if (x->served_cum == NULL) {
        x->served_cum = g_new0(double, (gsize)x->n_years * x->S * (MODEL_MAX_STAGES + 1));
        x->served_cell = g_new0(Cell, (gsize)x->n_years * x->S);
        x->risky = g_new0(gboolean, (gsize)x->n_years * x->S);
    }
    prepare_cum(x, served, x->served_cum);
    prepare_cells(x, served, x->served_cell);
    for (int yi = 1; yi < x->n_years; yi++)
        for (int s = 0; s < x->S; s++)
            x->risky[yi * x->S + s] = stage_params_differ(x, x->params, served, yi, s);
    g_autofree gint64 *after = g_new(gint64, MAX(T, 1));
    for (int first = 0; first < n; first += BATCH) {
        int b = MIN(BATCH, n - first), risk_idx[BATCH], risk_j[BATCH], n_risk = 0;
        const EngineTrajectory *paths = clear_paths(x);
        run_paths(x, firms + first, b, FALSE, paths, NULL);
        for (int j = 0; j < b; j++) {
            gint64 *c = count + (gsize)(first + j) * T;
            path_counts(m, &paths[j], c);
            memset(delta + (gsize)(first + j) * T, 0, sizeof *delta * T);
            if (path_at_risk(x, x->risky, &paths[j])) {
                risk_idx[n_risk] = firms[first + j];
                risk_j[n_risk++] = first + j;
            }
        }
        if (n_risk == 0)
            continue;
        paths = clear_paths(x);
        run_paths(x, risk_idx, n_risk, TRUE, paths, NULL);
        for (int k = 0; k < n_risk; k++) {
            path_counts(m, &paths[k], after);
            for (int t = 0; t < T; t++)
                delta[(gsize)risk_j[k] * T + t] = after[t] - count[(gsize)risk_j[k] * T + t];
        }
        at_risk += n_risk;
    }
    return at_risk;
}

/* Orders events by year, a firm's own events before its lists'. */
static gint event_order(gconstpointer a, gconstpointer b)
{
    const FirmsEvent *p = a, *q = b;
    if (p->year != q->year)
        return p->year < q->year ? -1 : 1;
    return (p->kind >= FIRMS_EVENT_LIST_ON) - (q->kind >= FIRMS_EVENT_LIST_ON);
}

/* The years the firm of `path` goes on or off each list, into `events`. */
static void list_events(const FirmsScratch *x, const EngineTrajectory *path, GArray *events)
{
    for (int l = 0; l < x->L; l++)
        for (int yi = 1; yi < x->n_years; yi++) {
            gboolean was = path->lists[(yi - 1) * x->L + l] > 0, is = path->lists[yi * x->L + l] > 0;
            if (was == is)
                continue;
            FirmsEvent ev = {.year = x->m->base_year + yi, .kind = is ? FIRMS_EVENT_LIST_ON : FIRMS_EVENT_LIST_OFF,
                             .from = -1, .to = -1, .list = l};
            g_array_append_val(events, ev);
        }
}

GArray *firms_trace(FirmsScratch *x, int firm, int *stage_end)
{
    g_return_val_if_fail(x->prepared && firm >= 0 && firm < x->start->n_firms, NULL);
    GArray *events = g_array_new(FALSE, FALSE, sizeof(FirmsEvent));
    const EngineTrajectory *paths = clear_paths(x);
    run_paths(x, &firm, 1, FALSE, paths, events);
    list_events(x, &paths[0], events);
    g_array_sort(events, event_order);
    for (int yi = 0; stage_end != NULL && yi < x->n_years; yi++) {
        stage_end[yi] = x->S;
        for (int s = 0; s < x->S; s++)
            if (paths[0].stock[yi * x->S + s] > 0)
                stage_end[yi] = s;
    }
    return events;
}
