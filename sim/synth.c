/* synth.c: a synthetic roster and the outcomes history behind it
 * (synth.h; docs/roster.md, "A synthetic roster").  The history is one
 * replication of the firm engine on the scenario moved back `years` years
 * (model_set_past), so every outcome, renewal and lapse follows the one
 * state machine of firms.c; this file only chooses the start, draws the
 * attributes and sorts the firms into a roster and firm-year rows.
 * SPDX-License-Identifier: MIT */
#include "synth.h"

#include <math.h>
#include <string.h>
#include <gsl/gsl_randist.h>

#include "engine.h"
#include "errors.h"
#include "expect.h"
#include "firms.h"
#include "rng.h"
#include "text.h"

const char *const synth_attr_names[SYNTH_N_ATTRS + 1] = {
    "rd_intensity", "invention_patents", "rd_staff", "revenue_growth", "innovation_points", NULL,
};

/* ---- the attributes ------------------------------------------------------
 * A firm's attributes are drawn once, for the stage it is first seen in, at
 * its ladder position `pos` (0 the lowest stage, 1 the highest), so higher
 * stages draw more R&D.  docs/roster.md gives the sources; every number
 * without one is ASSUMED. */

/* R&D spending over revenue: Beta with mean RD_LOW .. RD_HIGH by position
 * and concentration RD_KAPPA (sd about 0.035 at the mean of 高企).  高企
 * must spend 3-5% of revenue on R&D (高新技术企业认定管理办法, 2016, art.
 * 11): a 高企 of a six-stage ladder (pos 0.4) has mean 4.6%. */
#define RD_LOW 0.03
#define RD_HIGH 0.07
#define RD_KAPPA 30.0
/* Invention patents held: negative binomial with mean PAT_BASE e^(PAT_SLOPE
 * pos) (0.4 in the pool, 2.3 for a 高企, 32 for a listed firm) and shape
 * PAT_SHAPE (most small firms hold none).  天宁区 plans 2400 valid invention
 * patents beside 500 高企 (seeds/004): at most 4.8 a 高企. */
#define PAT_BASE 0.4
#define PAT_SLOPE 4.4
#define PAT_SHAPE 0.8
/* R&D staff: negative binomial with mean STAFF_BASE e^(STAFF_SLOPE pos)
 * (4 in the pool, 13 for a 高企, 80 for a listed firm), shape STAFF_SHAPE.
 * ASSUMED. */
#define STAFF_BASE 4.0
#define STAFF_SLOPE 3.0
#define STAFF_SHAPE 2.0
/* Revenue growth over the year: normal, mean GROWTH_LOW .. GROWTH_HIGH by
 * position, sd GROWTH_SD.  ASSUMED (瞪羚 are the fast growers). */
#define GROWTH_LOW 0.05
#define GROWTH_HIGH 0.25
#define GROWTH_SD 0.25
/* Innovation points as 泰州's 科技创新积分 scores 知识产权, 研发投入 and
 * 研发人员 (seeds/002; its formula is not published): POINTS_BASE +
 * POINTS_RD rd_intensity + POINTS_PAT patents + POINTS_STAFF staff +
 * normal(0, POINTS_SD), at least 0.  A typical 高企 scores about 150; the
 * 高企 seeds/002 names scored 188.  ASSUMED. */
#define POINTS_BASE 50.0
#define POINTS_RD 1200.0
#define POINTS_PAT 10.0
#define POINTS_STAFF 2.0
#define POINTS_SD 20.0

/* x rounded to `decimals` places, as the roster shows it: a firm's
 * attributes are the written values, so that a run of the roster
 * standardises exactly the numbers the history used. */
static double rounded(double x, int decimals)
{
    double scale = pow(10, decimals);
    return rint(x * scale) / scale + 0.0;
}

/* A negative binomial count of mean `mean` and shape `shape` (variance
 * mean + mean^2 / shape): GSL's failures before `shape` successes of
 * probability shape / (shape + mean). */
static double count_draw(gsl_rng *r, double mean, double shape)
{
    return gsl_ran_negative_binomial(r, shape / (shape + mean), shape);
}

/* Firm `firm`'s attributes at ladder position `pos`, from its own stream,
 * into x[SYNTH_N_ATTRS] in synth_attr_names order. */
static void draw_attrs(gsl_rng *r, guint64 seed, int firm, double pos, double *x)
{
    rng_open(r, seed, SYNTH_REP_ATTRS, rng_firm_stream((guint32)firm));
    double mu = RD_LOW + (RD_HIGH - RD_LOW) * pos;
    x[0] = rounded(gsl_ran_beta(r, mu * RD_KAPPA, (1 - mu) * RD_KAPPA), 4);
    x[1] = count_draw(r, PAT_BASE * exp(PAT_SLOPE * pos), PAT_SHAPE);
    x[2] = count_draw(r, STAFF_BASE * exp(STAFF_SLOPE * pos), STAFF_SHAPE);
    x[3] = rounded(GROWTH_LOW + (GROWTH_HIGH - GROWTH_LOW) * pos + gsl_ran_gaussian(r, GROWTH_SD), 3);
    double points = POINTS_BASE + POINTS_RD * x[0] + POINTS_PAT * x[1] + POINTS_STAFF * x[2] +
                    gsl_ran_gaussian(r, POINTS_SD);
    x[4] = rounded(MAX(points, 0.0), 1);
}

static double position(const Model *m, int stage)
{
    return m->n_stages > 1 ? (double)stage / (m->n_stages - 1) : 0.0;
}

/* The column of synth_attr_names that m's attribute `a` is, or -1. */
static int attr_column(const Model *m, int a)
{
    for (int k = 0; k < SYNTH_N_ATTRS; k++)
        if (strcmp(synth_attr_names[k], m->attrs[a].id) == 0)
            return k;
    return -1;
}

/* Fails when [effects] use an attribute a synthetic roster has not, at
 * the line of its first effect, with the nearest column suggested. */
static gboolean check_effects(const Model *m, GError **error)
{
    for (int a = 0; a < m->n_attrs; a++) {
        if (attr_column(m, a) >= 0)
            continue;
        const SourceRef *where = &m->attrs[a].where;
        for (int k = 0; k < m->n_effects && where->file == NULL; k++)
            if (m->effects[k].attr == a)
                where = &m->effects[k].where;
        g_autoptr(GString) msg = g_string_new(NULL);
        g_string_printf(msg, "%s:%d: [effects] use attribute '%s', which a synthetic roster has no column for",
                        where->file ? where->file : m->file, where->line, m->attrs[a].id);
        if (text_nearest(m->attrs[a].id, synth_attr_names) != NULL)
            text_append_suggestion(msg, m->attrs[a].id, synth_attr_names);
        g_string_append(msg, " (its columns: ");
        text_append_list(msg, synth_attr_names);
        g_string_append(msg, ")");
        g_set_error_literal(error, LADDER_ERROR, LADDER_ERROR_INPUT, msg->str);
        return FALSE;
    }
    return TRUE;
}

/* ---- the roster's counts -------------------------------------------------- */

/* The roster's firms by stage into n[n_stages]: the baseline, or `firms`
 * apportioned by the baseline's shares with the largest remainders (ties
 * to the lower stage), so they add up to `firms`. */
static gboolean stage_targets(const Model *m, gint64 firms, gint64 *n, GError **error)
{
    gint64 total = 0;
    for (int s = 0; s < m->n_stages; s++)
        total += n[s] = m->stages[s].baseline;
    if (total == 0) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                    "%s: the [baseline] has no firm in any stage, so there is no stage mix to make a roster of",
                    m->file);
        return FALSE;
    }
    if (firms == 0)
        return TRUE;
    g_autofree double *rest = g_new(double, m->n_stages);
    gint64 given = 0;
    for (int s = 0; s < m->n_stages; s++) {
        double exact = (double)firms * (double)m->stages[s].baseline / (double)total;
        n[s] = (gint64)floor(exact);
        rest[s] = exact - (double)n[s];
        given += n[s];
    }
    for (; given < firms; given++) {
        int best = 0;
        for (int s = 1; s < m->n_stages; s++)
            if (rest[s] > rest[best])
                best = s;
        n[best]++;
        rest[best] = -1;
    }
    return TRUE;
}

/* ---- the history's model and start ---------------------------------------- */

/* The scenario `years` years back (model_set_past), every baseline 0 (the
 * start firms are given as known firms), and its central parameters in
 * `base` with the inflows and recruitment scaled by `scale` (the roster's
 * size over the baseline's). */
static Model *history_model(const Model *m, int years, double scale, double *base)
{
    Model *h = model_copy(m);
    model_set_past(h, years);
    for (int s = 0; s < h->n_stages; s++)
        model_set_baseline(h, s, 0);
    model_central_params(h, base);
    for (int p = 0; p < h->n_params; p++)
        if (h->params[p].kind == PARAM_INFLOW || h->params[p].kind == PARAM_RECRUITMENT)
            base[p] *= scale;
    return h;
}

#define START_SWEEPS 2000  /* coordinate descent sweeps; S variables settle in far fewer */

/* The expected counts at the end of base_year of the history started from
 * x[s] firms in each stage (spread evenly over the clocks), into end[S]. */
static gboolean expected_end(const Model *h, const double *base, const double *x, double *end, GError **error)
{
    int S = h->n_stages, rows = model_n_years(h);
    g_autofree double *stock = g_new(double, (gsize)rows * S);
    g_autofree double *entries = g_new(double, (gsize)rows * S);
    if (!expect_run_smooth(h, base, x, stock, entries, error))
        return FALSE;
    memcpy(end, stock + (gsize)(rows - 1) * S, sizeof *end * S);
    return TRUE;
}

/* The firms of each stage at the end of the history's first year,
 * start[n_stages]: the x >= 0 that brings the exact expected counts at the
 * end of base_year, E = A x + b (expect_run_smooth is linear in the start:
 * b from no firm, column s of A from one firm of stage s), nearest the
 * roster's n, in least squares weighted by 1 / n_s (a count's Poisson
 * variance), by coordinate descent.  Any start gives an exact draw of the
 * model; this one keeps the firms added to or left off the roster few. */
static gboolean start_counts(const Model *h, const double *base, const gint64 *n, gint64 *start, GError **error)
{
    int S = h->n_stages;
    g_autofree double *x = g_new0(double, S), *b = g_new(double, S), *a = g_new(double, (gsize)S * S);
    g_autofree double *r = g_new(double, S), *w = g_new(double, S);
    if (!expected_end(h, base, x, b, error))
        return FALSE;
    for (int s = 0; s < S; s++) { /* column s of A */
        x[s] = 1;
        if (!expected_end(h, base, x, a + (gsize)s * S, error))
            return FALSE;
        for (int t = 0; t < S; t++)
            a[(gsize)s * S + t] -= b[t];
        x[s] = 0;
    }
    for (int t = 0; t < S; t++) {
        r[t] = b[t] - (double)n[t];
        w[t] = 1.0 / MAX((double)n[t], 1.0);
    }
    for (int sweep = 0; sweep < START_SWEEPS; sweep++)
        for (int s = 0; s < S; s++) {
            const double *col = a + (gsize)s * S;
            double g = 0, hss = 0;
            for (int t = 0; t < S; t++) {
                g += w[t] * col[t] * r[t];
                hss += w[t] * col[t] * col[t];
            }
            double nx = hss > 0 ? MAX(0.0, x[s] - g / hss) : x[s];
            for (int t = 0; t < S; t++)
                r[t] += (nx - x[s]) * col[t];
            x[s] = nx;
        }
    for (int s = 0; s < S; s++)
        start[s] = (gint64)rint(x[s]);
    return TRUE;
}

/* ---- the history ----------------------------------------------------------- */

/* What the history is drawn from and what it gave. */
typedef struct {
    Model *h;           /* the model moved back */
    double *base;       /* [n_params]: its central values, inflows scaled */
    int n_start;
    int *stage, *clock; /* [n_start]: the start firms */
    double *x;          /* [n_firms * SYNTH_N_ATTRS]: every history firm's attributes */
    FirmsPaths paths;
} History;

static void history_clear(History *hi)
{
    model_free(hi->h);
    g_free(hi->base);
    g_free(hi->stage);
    g_free(hi->clock);
    g_free(hi->x);
    firms_paths_clear(&hi->paths);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(History, history_clear)

/* The start firms, start[s] of each stage spread over the renewal clocks
 * as a baseline is, stage by stage; their attributes into hi->x. */
static void start_firms(History *hi, const gint64 *start, gsl_rng *r, guint64 seed)
{
    const Model *h = hi->h;
    for (int s = 0; s < h->n_stages; s++)
        hi->n_start += (int)start[s];
    hi->stage = g_new(int, MAX(hi->n_start, 1));
    hi->clock = g_new(int, MAX(hi->n_start, 1));
    hi->x = g_new(double, (gsize)MAX(hi->n_start, 1) * SYNTH_N_ATTRS);
    int i = 0;
    for (int s = 0; s < h->n_stages; s++) {
        gint64 cohort[MODEL_MAX_RENEWAL_YEARS];
        model_baseline_cohorts(&h->stages[s], start[s], cohort);
        for (int c = 0; c < MAX(h->stages[s].renewal_years, 1); c++)
            for (gint64 k = 0; k < cohort[c]; k++, i++) {
                hi->stage[i] = s;
                hi->clock[i] = c;
                draw_attrs(r, seed, i, position(h, s), hi->x + (gsize)i * SYNTH_N_ATTRS);
            }
    }
}

/* Gives the start firms to the history's model as a roster, with the
 * attributes its [effects] use (standardised by the standardise lines,
 * else by these firms' own mean and sd), and their FirmsStart. */
static gboolean start_roster(History *hi, const Model *m, FirmsStart *fs, GError **error)
{
    *fs = (FirmsStart){0};
    if (hi->n_start == 0)
        return TRUE;
    Model *h = hi->h;
    model_set_roster(h, m->file, NULL, hi->n_start, hi->stage, hi->clock);
    if (h->n_attrs > 0) {
        g_autofree double *used = g_new(double, (gsize)hi->n_start * h->n_attrs);
        for (int i = 0; i < hi->n_start; i++)
            for (int a = 0; a < h->n_attrs; a++)
                used[(gsize)i * h->n_attrs + a] = hi->x[(gsize)i * SYNTH_N_ATTRS + attr_column(h, a)];
        if (!model_set_roster_attributes(h, used, 0, error))
            return FALSE;
    }
    const ModelRoster *ro = h->roster;
    *fs = (FirmsStart){.n_firms = ro->n_firms, .n_attrs = ro->z ? ro->n_attrs : 0, .z = ro->z,
                       .stage = ro->stage, .clock = ro->clock, .covers = ro->covers};
    return TRUE;
}

/* One replication of the firm engine over the history's years, every
 * firm's path into hi->paths. */
static gboolean run_history(History *hi, const FirmsStart *fs, gsl_rng *r, guint64 seed, GError **error)
{
    const Model *h = hi->h;
    int ny = model_n_years(h), S = h->n_stages;
    g_autofree double *params = g_new(double, (gsize)ny * MAX(h->n_params, 1));
    if (!model_year_table(h, hi->base, params, error))
        return FALSE;
    g_autofree double *beta = g_new0(double, MAX((gsize)h->n_params * h->n_attrs, 1));
    model_central_effects(h, beta);
    FirmsEffects fx = {.n_attrs = fs->n_attrs, .beta = beta};
    g_autofree gint64 *stock = g_new(gint64, (gsize)ny * S);
    g_autofree gint64 *entries = g_new(gint64, (gsize)ny * S);
    g_autofree gint64 *lists = g_new(gint64, (gsize)ny * MAX(h->n_lists, 1));
    EngineTrajectory out = {stock, entries, lists};
    g_autoptr(FirmsScratch) x = firms_scratch_new(h, fs);
    firms_replicate_paths(h, fs, fs->n_attrs > 0 ? &fx : NULL, params, NULL, r, seed, SYNTH_REP_HISTORY, x, &out,
                          NULL, &hi->paths);
    return TRUE;
}

/* The attributes of the firms that arrived during the history: the known
 * firm's each resembles (with effects, the firm engine's choice), else
 * drawn for the stage it arrived in, those [effects] use at the mean the
 * history standardised by (such a firm is at the mean, z = 0). */
static void arrival_attrs(History *hi, gsl_rng *r, guint64 seed)
{
    const FirmsPaths *p = &hi->paths;
    const Model *h = hi->h;
    hi->x = g_renew(double, hi->x, (gsize)MAX(p->n_firms, 1) * SYNTH_N_ATTRS);
    for (int i = hi->n_start; i < p->n_firms; i++) {
        double *x = hi->x + (gsize)i * SYNTH_N_ATTRS;
        if (p->row[i] >= 0) {
            memcpy(x, hi->x + (gsize)p->row[i] * SYNTH_N_ATTRS, sizeof *x * SYNTH_N_ATTRS);
            continue;
        }
        draw_attrs(r, seed, i, position(h, p->stage[(gsize)i * p->n_years + p->born[i]]), x);
        if (h->roster != NULL && h->roster->z != NULL)
            for (int a = 0; a < h->n_attrs; a++)
                x[attr_column(h, a)] = h->roster->attr_mean[a];
    }
}

/* ---- the results ----------------------------------------------------------- */

static Synth *synth_new(const Model *m)
{
    Synth *sy = g_new0(Synth, 1);
    sy->ids = g_ptr_array_new_with_free_func(g_free);
    sy->start = g_new0(gint64, m->n_stages);
    sy->kept = g_new0(gint64, m->n_stages);
    sy->added = g_new0(gint64, m->n_stages);
    sy->left_off = g_new0(gint64, m->n_stages);
    return sy;
}

void synth_free(Synth *s)
{
    if (s == NULL)
        return;
    roster_free(s->roster);
    g_free(s->outcomes.rows);
    g_strfreev(s->outcomes.attr_names);
    g_free(s->outcomes.values);
    if (s->ids)
        g_ptr_array_free(s->ids, TRUE);
    g_free(s->start);
    g_free(s->kept);
    g_free(s->added);
    g_free(s->left_off);
    g_free(s->attr_mean);
    g_free(s->attr_sd);
    g_free(s);
}

/* Every firm-year of the history: firm i in its stage at the end of each
 * year from its birth while present, and where it was a year later. */
static void make_outcomes(Synth *sy, const History *hi)
{
    const FirmsPaths *p = &hi->paths;
    int S = hi->h->n_stages;
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(OutcomesRow));
    GArray *values = g_array_new(FALSE, FALSE, sizeof(double));
    for (int i = 0; i < p->n_firms; i++)
        for (int yi = p->born[i]; yi + 1 < p->n_years; yi++) {
            gsize at = (gsize)i * p->n_years + yi;
            if (p->stage[at] == S)
                break;
            int next = p->stage[at + 1];
            OutcomesRow row = {.id = sy->ids->pdata[i], .year = sy->first_year + yi, .stage = p->stage[at],
                               .years_in_stage = p->clock[at], .next = next == S ? -1 : next};
            g_array_append_val(rows, row);
            g_array_append_vals(values, hi->x + (gsize)i * SYNTH_N_ATTRS, SYNTH_N_ATTRS);
        }
    sy->outcomes.n_rows = (int)rows->len;
    sy->outcomes.rows = (OutcomesRow *)(void *)g_array_free(rows, FALSE);
    sy->outcomes.n_attrs = SYNTH_N_ATTRS;
    sy->outcomes.attr_names = g_strdupv((char **)synth_attr_names);
    sy->outcomes.values = (double *)(void *)g_array_free(values, FALSE);
}

/* One roster firm: the i-th firm made, in stage s with clock c. */
typedef struct {
    int firm, stage, clock;
} Seat;

/* The history's firms present at the end of base_year, by cohort (stage s,
 * clock c at s * MODEL_MAX_RENEWAL_YEARS + c), each cohort in firm order. */
static GArray **present_by_cohort(const History *hi)
{
    const FirmsPaths *p = &hi->paths;
    int S = hi->h->n_stages;
    GArray **by = g_new0(GArray *, (gsize)S * MODEL_MAX_RENEWAL_YEARS);
    for (int k = 0; k < S * MODEL_MAX_RENEWAL_YEARS; k++)
        by[k] = g_array_new(FALSE, FALSE, sizeof(int));
    for (int i = 0; i < p->n_firms; i++) {
        gsize at = (gsize)i * p->n_years + p->n_years - 1;
        if (p->stage[at] >= 0 && p->stage[at] < S)
            g_array_append_val(by[p->stage[at] * MODEL_MAX_RENEWAL_YEARS + p->clock[at]], i);
    }
    return by;
}

/* The seats of cohort (s, c), `want` of them, from its `have` firms of the
 * history: all of them and want - have added (numbered from *next_new),
 * or `want` chosen uniformly (gsl_ran_choose, in firm order) from the
 * cohort's own stream. */
static void fill_cohort(Synth *sy, GArray *have, int s, int c, gint64 want, gsl_rng *r, guint64 seed,
                        int *next_new, GArray *seats)
{
    int n = (int)have->len;
    g_autofree int *chosen = g_new(int, MAX(n, 1));
    if (n > want) {
        rng_open(r, seed, SYNTH_REP_CHOOSE, rng_stream_id(RNG_PARAMS, 0, s, c));
        gsl_ran_choose(r, chosen, (size_t)want, have->data, (size_t)n, sizeof(int));
        sy->left_off[s] += n - want;
        n = (int)want;
    } else if (n > 0) { /* an empty GArray's data may be NULL, which memcpy must not get */
        memcpy(chosen, have->data, sizeof(int) * (gsize)n);
    }
    for (int k = 0; k < n; k++) {
        Seat seat = {chosen[k], s, c};
        g_array_append_val(seats, seat);
    }
    sy->kept[s] += n;
    for (gint64 k = n; k < want; k++) {
        Seat seat = {(*next_new)++, s, c};
        g_array_append_val(seats, seat);
        sy->added[s]++;
    }
}

static gint seat_order(gconstpointer a, gconstpointer b)
{
    return ((const Seat *)a)->firm - ((const Seat *)b)->firm;
}

/* The roster's seats, every cohort's count the roster's (n spread as a
 * baseline is), in firm order. */
static GArray *make_seats(Synth *sy, const Model *m, const History *hi, const gint64 *n, gsl_rng *r, guint64 seed)
{
    GArray **by = present_by_cohort(hi);
    GArray *seats = g_array_new(FALSE, FALSE, sizeof(Seat));
    int next_new = hi->paths.n_firms;
    for (int s = 0; s < m->n_stages; s++) {
        gint64 cohort[MODEL_MAX_RENEWAL_YEARS];
        model_baseline_cohorts(&m->stages[s], n[s], cohort);
        for (int c = 0; c < MODEL_MAX_RENEWAL_YEARS; c++) {
            GArray *have = by[s * MODEL_MAX_RENEWAL_YEARS + c];
            gint64 want = c < MAX(m->stages[s].renewal_years, 1) ? cohort[c] : 0;
            if (want > 0 || have->len > 0)
                fill_cohort(sy, have, s, c, want, r, seed, &next_new, seats);
        }
    }
    for (int k = 0; k < m->n_stages * MODEL_MAX_RENEWAL_YEARS; k++)
        g_array_free(by[k], TRUE);
    g_free(by);
    g_array_sort(seats, seat_order);
    return seats;
}

/* Every firm's id, F and its number from 1, zero-padded to six digits or
 * more, for the history's firms and the `added` ones after them. */
static void make_ids(Synth *sy, int n_firms)
{
    int width = MAX(6, (int)floor(log10(MAX(n_firms, 1))) + 1);
    for (int i = 0; i < n_firms; i++)
        g_ptr_array_add(sy->ids, g_strdup_printf("F%0*d", width, i + 1));
}

/* The roster of the seats: ids, names, stages, clocks, attributes (a
 * history firm's, or drawn for its stage when added). */
static Roster *make_roster(const Synth *sy, const Model *m, const History *hi, GArray *seats, gsl_rng *r,
                           const SynthOptions *o)
{
    Roster *ro = g_new0(Roster, 1);
    ro->n_stages = m->n_stages;
    ro->n_firms = (int)seats->len;
    ro->firms = g_new0(RosterFirm, MAX(ro->n_firms, 1));
    ro->n_attrs = SYNTH_N_ATTRS;
    ro->attr_names = g_strdupv((char **)synth_attr_names);
    ro->values = g_new(double, (gsize)MAX(ro->n_firms, 1) * SYNTH_N_ATTRS);
    for (int k = 0; k < ro->n_firms; k++) {
        const Seat *seat = &g_array_index(seats, Seat, k);
        const char *id = sy->ids->pdata[seat->firm];
        double *x = ro->values + (gsize)k * SYNTH_N_ATTRS;
        ro->firms[k] = (RosterFirm){.id = g_strdup(id), .name = g_strdup_printf(o->name_format, id + 1),
                                    .stage = seat->stage, .years_in_stage = seat->clock};
        if (seat->firm < hi->paths.n_firms)
            memcpy(x, hi->x + (gsize)seat->firm * SYNTH_N_ATTRS, sizeof *x * SYNTH_N_ATTRS);
        else
            draw_attrs(r, o->seed, seat->firm, position(m, seat->stage), x);
    }
    return ro;
}

/* The mean and sd each [effects] attribute was standardised with. */
static void keep_scale(Synth *sy, const Model *h)
{
    if (h->roster == NULL || h->roster->z == NULL)
        return;
    sy->attr_mean = g_memdup2(h->roster->attr_mean, sizeof(double) * (gsize)h->n_attrs);
    sy->attr_sd = g_memdup2(h->roster->attr_sd, sizeof(double) * (gsize)h->n_attrs);
}

/* synth_make with the generator `r` (rng_new), repositioned for every draw. */
static Synth *synthesise(const Model *m, const SynthOptions *o, gsl_rng *r, GError **error)
{
    g_autofree gint64 *n = g_new(gint64, m->n_stages);
    if (!check_effects(m, error) || !stage_targets(m, o->firms, n, error))
        return NULL;
    gint64 roster_total = 0, baseline_total = 0;
    for (int s = 0; s < m->n_stages; s++) {
        roster_total += n[s];
        baseline_total += m->stages[s].baseline;
    }
    g_autoptr(Synth) sy = synth_new(m);
    g_auto(History) hi = {.base = g_new(double, MAX(m->n_params, 1))};
    hi.h = history_model(m, o->years, (double)roster_total / (double)baseline_total, hi.base);
    sy->first_year = hi.h->base_year;
    FirmsStart fs;
    if (!start_counts(hi.h, hi.base, n, sy->start, error))
        return NULL;
    start_firms(&hi, sy->start, r, o->seed);
    if (!start_roster(&hi, m, &fs, error) || !run_history(&hi, &fs, r, o->seed, error))
        return NULL;
    arrival_attrs(&hi, r, o->seed);
    keep_scale(sy, hi.h);
    sy->n_history = hi.paths.n_firms;
    g_autoptr(GArray) seats = make_seats(sy, m, &hi, n, r, o->seed);
    gint64 added = 0;
    for (int s = 0; s < m->n_stages; s++)
        added += sy->added[s];
    make_ids(sy, hi.paths.n_firms + (int)added);
    make_outcomes(sy, &hi);
    sy->roster = make_roster(sy, m, &hi, seats, r, o);
    return g_steal_pointer(&sy);
}

Synth *synth_make(const Model *m, const SynthOptions *o, GError **error)
{
    g_return_val_if_fail(m != NULL && o != NULL && o->years >= 1 && o->years <= MODEL_MAX_YEARS, NULL);
    g_return_val_if_fail(o->firms >= 0 && o->firms <= SYNTH_MAX_FIRMS && o->name_format != NULL, NULL);
    gsl_rng *r = rng_new();
    Synth *sy = synthesise(m, o, r, error);
    gsl_rng_free(r);
    return sy;
}
