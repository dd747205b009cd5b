/* test_fit_roster.c: `ladder fit-roster` and the fit behind it
 * (fit_roster.h, fit_stage.h).  Outcomes files are drawn here, by a
 * sampler of the test's own (GSL's generator, not ladder's), from the
 * exact model of docs/model.md with known coefficients: the fit must find
 * them within their intervals, its standard errors must be the spread of
 * the estimates over many such files, its likelihood-ratio test must
 * reject a real effect and reject a null one as often as its level says,
 * a due firm reaching a lapse stage an edge also leads to must be read as
 * the mixture it is, and a stage without attributes must give the
 * observed shares exactly.  Then the command: every error exits 2 naming
 * the file and line and leaves no folder, and the fitted scenario runs
 * with a roster.
 *
 *   LADDER_WRITE_OUTCOMES=scenarios/roster/tianning-2025-outcomes.csv build/tests/test_fit_roster
 * writes the bundled example outcomes instead of testing.
 * SPDX-License-Identifier: MIT */
#include "testutil.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "errors.h"
#include "fit_roster.h"
#include "outcomes.h"

/* ---- the sampler ------------------------------------------------------------- */

#define MAX_ATTRS 4

/* The truth: a coefficient of each outcome of each stage on each attribute. */
typedef struct {
    const char *key;    /* an effect key, "tech_sme -> hightech.rd" */
    double beta;
} Truth;

/* What to draw: a scenario, its firms' attributes, the coefficients. */
typedef struct {
    const Model *m;
    int n_attrs;
    const char *attrs[MAX_ATTRS];  /* column names */
    double attr_mean[MAX_ATTRS], attr_sd[MAX_ATTRS]; /* each firm's value ~ N(mean, sd), fixed over its years */
    const Truth *truth; /* ends with key NULL */
    int digits[MAX_ATTRS];      /* decimals written; 0: %.9g */
    gboolean whole[MAX_ATTRS];  /* a count: rounded, and 0 at least (z from the value written) */
    int n_firms;
    int first_year, years;
    const double *start_share; /* [n_stages]: where the firms start */
    const char *id_prefix;     /* "F" when NULL */
} Draw;

/* beta[p * n_attrs + a] of the truth (0 where it gives none). */
static double *truth_betas(const Draw *w)
{
    const Model *m = w->m;
    double *b = g_new0(double, (gsize)m->n_params * w->n_attrs);
    for (const Truth *t = w->truth; t && t->key; t++) {
        const char *dot = strrchr(t->key, '.');
        g_autofree char *param = g_strndup(t->key, dot - t->key);
        int p = model_param_find(m, param), a = 0;
        while (a < w->n_attrs && strcmp(w->attrs[a], dot + 1) != 0)
            a++;
        if (p < 0 || a == w->n_attrs)
            fail_msg("bad truth key %s", t->key);
        b[(gsize)p * w->n_attrs + a] = t->beta;
    }
    return b;
}

/* The coefficient dot z of parameter p. */
static double dot(const Draw *w, const double *beta, int p, const double *z)
{
    double s = 0;
    for (int a = 0; a < w->n_attrs; a++)
        s += beta[(gsize)p * w->n_attrs + a] * z[a];
    return s;
}

/* One year of a firm in stage *s with clock *c and standardised
 * attributes z, as docs/model.md's year order has it: the outcome from the
 * multinomial logit around the scenario's rates (p_k exp(b_k.z) / (p_stay
 * + sum_j p_j exp(b_j.z))), then, having stayed and due, the renewal with
 * logit p + b_r.z.  Returns the next stage or -1 (exit) and moves *s, *c. */
static int draw_year(const Draw *w, const double *p, const double *beta, gsl_rng *rng, int *s, int *c,
                     const double *z)
{
    const Model *m = w->m;
    const Stage *st = &m->stages[*s];
    int par[MODEL_MAX_STAGES + 1], n = 0;
    if (st->exit_param >= 0)
        par[n++] = st->exit_param;
    for (int e = 0; e < st->n_out; e++)
        par[n++] = st->out_param[e];
    double weight[MODEL_MAX_STAGES + 1], stay = 1, total;
    for (int k = 0; k < n; k++)
        stay -= p[par[k]];
    total = stay;
    for (int k = 0; k < n; k++)
        total += weight[k] = p[par[k]] * exp(dot(w, beta, par[k], z));
    double u = gsl_rng_uniform(rng) * total;
    for (int k = 0; k < n; k++) {
        if (u < weight[k]) {
            const Param *q = &m->params[par[k]];
            *c = 0;
            return *s = q->kind == PARAM_EXIT ? -1 : q->to;
        }
        u -= weight[k];
    }
    if (st->renewal_years == 0)
        return *s;
    if (++*c < st->renewal_years)
        return *s;
    double r = p[st->renewal_param], logit = log(r / (1 - r)) + dot(w, beta, st->renewal_param, z);
    *c = 0;
    if (gsl_rng_uniform(rng) < 1 / (1 + exp(-logit)))
        return *s;
    return *s = st->lapse_to;
}

/* A stage drawn from the start shares, and a clock spread evenly. */
static void draw_start(const Draw *w, gsl_rng *rng, int *s, int *c)
{
    double u = gsl_rng_uniform(rng);
    *s = 0;
    while (*s < w->m->n_stages - 1 && u >= w->start_share[*s])
        u -= w->start_share[(*s)++];
    *c = (int)gsl_rng_uniform_int(rng, MAX(w->m->stages[*s].renewal_years, 1));
}

/* The outcomes CSV of `w` drawn with `seed`: a row per firm and year, in
 * firm order; attribute values written to 9 significant digits (caller
 * frees). */
static char *draw_outcomes(const Draw *w, unsigned long seed)
{
    const Model *m = w->m;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, seed);
    g_autofree double *p = g_new(double, m->n_params), *beta = truth_betas(w);
    model_central_params(m, p);
    GString *out = g_string_new("id,year,stage,years_in_stage");
    for (int a = 0; a < w->n_attrs; a++)
        g_string_append_printf(out, ",%s", w->attrs[a]);
    g_string_append(out, ",next_stage\n");
    for (int f = 0; f < w->n_firms; f++) {
        double x[MAX_ATTRS], z[MAX_ATTRS];
        g_autoptr(GString) values = g_string_new(NULL);
        for (int a = 0; a < w->n_attrs; a++) {
            x[a] = w->attr_mean[a] + w->attr_sd[a] * gsl_ran_gaussian(rng, 1);
            if (w->whole[a])
                x[a] = MAX(rint(x[a]), 0);
            if (w->digits[a] > 0)
                g_string_append_printf(values, ",%.*f", w->digits[a], x[a]);
            else
                g_string_append_printf(values, ",%.9g", x[a]);
            x[a] = g_ascii_strtod(strrchr(values->str, ',') + 1, NULL);  /* as the file says */
            z[a] = (x[a] - w->attr_mean[a]) / w->attr_sd[a];
        }
        int s, c;
        draw_start(w, rng, &s, &c);
        for (int y = 0; y < w->years; y++) {
            int s0 = s, c0 = c;
            int next = draw_year(w, p, beta, rng, &s, &c, z);
            g_string_append_printf(out, "%s%05d,%d,%s,%d%s", w->id_prefix ? w->id_prefix : "F", f + 1,
                                   w->first_year + y, m->stages[s0].id, c0, values->str);
            g_string_append_printf(out, ",%s\n", next < 0 ? "exit" : m->stages[next].id);
            if (next < 0)
                break;
        }
    }
    gsl_rng_free(rng);
    return g_string_free(out, FALSE);
}

/* ---- fitting in the process -------------------------------------------------- */

/* Reads `text` and fits it on every attribute column. */
static FitRoster *fit_text(const Model *m, const char *text, Outcomes **o)
{
    GError *error = NULL;
    *o = outcomes_read_data("o.csv", text, strlen(text), m, &error);
    if (*o == NULL)
        fail_msg("outcomes did not read: %s", error->message);
    int attrs[MAX_ATTRS];
    for (int a = 0; a < (*o)->n_attrs; a++)
        attrs[a] = a;
    FitRoster *f = fit_roster_run(m, *o, attrs, (*o)->n_attrs, &error);
    if (f == NULL)
        fail_msg("fit failed: %s", error->message);
    return f;
}

/* The fitted outcome of parameter `key` of `f`, or NULL. */
static const FitOutcome *outcome_of(const FitRoster *f, const char *key, const FitStage **stage)
{
    int p = model_param_find(f->model, key);
    for (int i = 0; i < f->n_stages; i++)
        for (int k = 0; k < f->stages[i].fit->n_out; k++)
            if (f->stages[i].fit->out[k].param == p) {
                if (stage)
                    *stage = f->stages[i].fit;
                return &f->stages[i].fit->out[k];
            }
    return NULL;
}

/* ---- the recovery scenario ----------------------------------------------------- */

/* Four stages, two renewed (科小 every year, lapsing to 初创; 高企 every 3
 * years, lapsing to 科小); rd with real effects, noise with none.  The
 * standardise lines make z = x exactly, so the truth is in the fit's own
 * units. */
#define RECOVERY                                                                      \
    "[scenario]\nname=r\nbase_year=2020\nhorizon=2025\n"                              \
    "[stages]\nstartup=初创\ntech_sme=科小\nhightech=高企\ngazelle=瞪羚\n"             \
    "[baseline]\nstartup=100\ntech_sme=100\nhightech=100\ngazelle=10\n"                \
    "[transitions]\nstartup -> tech_sme = 0.10\ntech_sme -> hightech = 0.12\n"         \
    "hightech -> gazelle = 0.06\n"                                                    \
    "[exits]\nstartup=0.15\ntech_sme=0.05\nhightech=0.03\ngazelle=0.01\n"              \
    "[renewal]\ntech_sme=1;0.9;startup\nhightech=3;0.8;tech_sme\n"                     \
    "[effects]\nexit.startup.rd = 0\nexit.startup.noise = 0\n"                        \
    "standardise.rd = 0.04, 0.02\nstandardise.noise = 10, 3\n"

static const Truth recovery_truth[] = {
    {"startup -> tech_sme.rd", 0.6},    {"exit.startup.rd", -0.3},   {"tech_sme -> hightech.rd", 0.7},
    {"exit.tech_sme.rd", -0.4},         {"renewal.tech_sme.rd", 0.5}, {"hightech -> gazelle.rd", 0.5},
    {"renewal.hightech.rd", 0.6},       {NULL, 0},
};

static const double recovery_start[] = {0.35, 0.3, 0.3, 0.05};

static Draw recovery_draw(const Model *m, int n_firms)
{
    return (Draw){.m = m, .n_attrs = 2, .attrs = {"rd", "noise"}, .attr_mean = {0.04, 10}, .attr_sd = {0.02, 3},
                  .truth = recovery_truth, .n_firms = n_firms, .first_year = 2015, .years = 5,
                  .start_share = recovery_start};
}

/* The truth of outcome `param` on attribute a (0 when none is given). */
static double truth_of(const Draw *w, int param, int a)
{
    g_autofree double *b = truth_betas(w);
    return b[(gsize)param * w->n_attrs + a];
}

/* Every fitted coefficient of `f` within 3 of its standard errors of the
 * truth; returns how many were fitted. */
static int assert_recovered(const FitRoster *f, const Draw *w)
{
    int fitted = 0;
    for (int i = 0; i < f->n_stages; i++) {
        const FitStage *s = f->stages[i].fit;
        for (int k = 0; k < s->n_out; k++)
            for (int a = 0; a < s->n_attrs; a++) {
                const FitCoef *c = &s->out[k].coef[a];
                if (c->status != FIT_COEF_FITTED)
                    continue;
                double truth = truth_of(w, s->out[k].param, a);
                fitted++;
                if (fabs(c->estimate - truth) > 3 * c->se)
                    fail_msg("%s.%s = %g (se %g), truth %g: more than 3 se off",
                             f->model->params[s->out[k].param].key, w->attrs[a], c->estimate, c->se, truth);
            }
    }
    return fitted;
}

static void test_recovery(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(RECOVERY);
    Draw w = recovery_draw(m, 5000);
    g_autofree char *text = draw_outcomes(&w, 1);
    g_autoptr(Outcomes) o = NULL;
    g_autoptr(FitRoster) f = fit_text(m, text, &o);
    assert_true(o->n_rows >= 20000);
    assert_true(assert_recovered(f, &w) >= 14);
    for (const Truth *t = recovery_truth; t->key; t++) {
        const char *dot_ = strrchr(t->key, '.');
        g_autofree char *param = g_strndup(t->key, dot_ - t->key);
        const FitOutcome *u = outcome_of(f, param, NULL);
        assert_non_null(u);
        if (u->coef[0].status != FIT_COEF_FITTED)
            fail_msg("%s: not fitted (%d)", t->key, u->coef[0].status);
    }
    /* rd moves every stage but 瞪羚; noise none: the LR test says so */
    for (int i = 0; i < f->n_stages; i++) {
        const FitStage *s = f->stages[i].fit;
        if (s->stage == model_stage_index(m, "gazelle"))
            continue;
        if (!(s->lr_p[0] < 1e-6) || !(s->lr_p[1] > 0.001))
            fail_msg("%s: LR p of rd %g (want < 1e-6), of noise %g (want > 0.001)", m->stages[s->stage].id,
                     s->lr_p[0], s->lr_p[1]);
        assert_int_equal(s->lr_df[0], s->n_out);
        assert_true(s->converged);
    }
}

/* ---- the standard errors ---------------------------------------------------------- */

/* The standard errors the closed-form information gives, for the
 * categories of stage `fs` (a multinomial logit: sum of (diag p - p p')
 * (x) x x') or its renewal alone (a logit over the due firms that stayed:
 * sum of r (1 - r) x x'), into se[k * n_attrs + a]. */
static void closed_form_se(const FitRosterStage *fs, gboolean renewal, double *se)
{
    const FitStage *s = fs->fit;
    const FitStageData *d = &fs->data;
    int A = d->n_attrs, K = renewal ? 1 : d->n_cat, first = renewal ? s->n_out - 1 : 0, P = K * (1 + A);
    gsl_matrix *info = gsl_matrix_calloc(P, P);
    for (int i = 0; i < d->n_rows; i++) {
        if (renewal && d->y[i] != FIT_Y_RENEWED && d->y[i] != FIT_Y_LAPSED)
            continue;
        double x[MAX_ATTRS + 1] = {1}, p[MODEL_MAX_STAGES], den = 1;
        for (int a = 0; a < A; a++)
            x[1 + a] = d->z[(gsize)i * A + a];
        for (int k = 0; k < K; k++) {
            double eta = s->out[first + k].intercept;
            for (int a = 0; a < A; a++)
                eta += s->out[first + k].coef[a].estimate * x[1 + a];
            p[k] = exp(eta);
            den += p[k];
        }
        for (int k = 0; k < K; k++)
            p[k] /= den;
        for (int k = 0; k < K; k++)
            for (int l = 0; l < K; l++)
                for (int u = 0; u <= A; u++)
                    for (int v = 0; v <= A; v++)
                        *gsl_matrix_ptr(info, k * (1 + A) + u, l * (1 + A) + v) += p[k] * ((k == l) - p[l]) * x[u] * x[v];
    }
    assert_int_equal(gsl_linalg_cholesky_decomp1(info), 0);
    gsl_linalg_cholesky_invert(info);
    for (int k = 0; k < K; k++)
        for (int a = 0; a < A; a++)
            se[k * A + a] = sqrt(gsl_matrix_get(info, k * (1 + A) + 1 + a, k * (1 + A) + 1 + a));
    gsl_matrix_free(info);
}

/* The standard errors from central differences of the analytic gradient
 * are those of the closed-form information of a multinomial logit (初创:
 * exit and an edge) and of a logit (科小's renewal), to 1e-6. */
static void test_information_exact(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(RECOVERY);
    Draw w = recovery_draw(m, 2000);
    g_autofree char *text = draw_outcomes(&w, 5);
    g_autoptr(Outcomes) o = NULL;
    g_autoptr(FitRoster) f = fit_text(m, text, &o);
    const int stages[] = {model_stage_index(m, "startup"), model_stage_index(m, "tech_sme")};
    for (int t = 0; t < 2; t++) {
        const FitRosterStage *fs = NULL;
        for (int i = 0; i < f->n_stages; i++)
            fs = f->stages[i].data.stage == stages[t] ? &f->stages[i] : fs;
        assert_non_null(fs);
        double se[MODEL_MAX_STAGES * MAX_ATTRS];
        closed_form_se(fs, t == 1, se);
        int first = t == 1 ? fs->fit->n_out - 1 : 0, n = t == 1 ? 1 : fs->data.n_cat;
        for (int k = 0; k < n; k++)
            for (int a = 0; a < fs->data.n_attrs; a++)
                assert_near(fs->fit->out[first + k].coef[a].se, se[k * fs->data.n_attrs + a],
                            1e-6 * se[k * fs->data.n_attrs + a]);
    }
}

/* One stage 甲 with an exit, an edge and a renewal every 2 years that
 * lapses to 丙 (no edge goes there); x moves each, noise nothing. */
#define SPREAD                                                                          \
    "[scenario]\nname=s\nbase_year=2020\nhorizon=2022\n"                                \
    "[stages]\na=甲\nb=乙\nc=丙\n"                                                      \
    "[transitions]\na -> b = 0.15\n[exits]\na = 0.10\n[renewal]\na=2;0.8;c\n"           \
    "[effects]\nexit.a.x = 0\nexit.a.noise = 0\nstandardise.x = 0, 1\nstandardise.noise = 0, 1\n"

static const Truth spread_truth[] = {{"a -> b.x", 0.5}, {"exit.a.x", -0.4}, {"renewal.a.x", 0.6}, {NULL, 0}};
static const double spread_start[] = {1, 0, 0};

#define SPREAD_REPS 150

/* Over SPREAD_REPS outcomes files drawn alike, each coefficient's
 * estimates spread as its standard errors say (their sd within 3.5 of its
 * standard errors, 1/sqrt(2(R-1)), of the mean se) around the truth (the
 * mean within 3.5 standard errors of the mean), and the LR test of noise,
 * a null effect, rejects at 5% as often as Binomial(R, 0.05) allows within
 * 3 sd, while x's is rejected every time. */
static void test_standard_errors(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(SPREAD);
    Draw w = {.m = m, .n_attrs = 2, .attrs = {"x", "noise"}, .attr_mean = {0, 0}, .attr_sd = {1, 1},
              .truth = spread_truth, .n_firms = 2500, .first_year = 2017, .years = 3, .start_share = spread_start};
    enum { N = 3 * 2 };
    double sum[N] = {0}, sum2[N] = {0}, sum_se[N] = {0};
    int null_rejected = 0, real_rejected = 0;
    for (int r = 0; r < SPREAD_REPS; r++) {
        g_autofree char *text = draw_outcomes(&w, 1000 + r);
        g_autoptr(Outcomes) o = NULL;
        g_autoptr(FitRoster) f = fit_text(m, text, &o);
        const FitStage *s = f->stages[0].fit;
        assert_int_equal(s->n_out, 3);
        for (int k = 0; k < 3; k++)
            for (int a = 0; a < 2; a++) {
                const FitCoef *c = &s->out[k].coef[a];
                assert_int_equal(c->status, FIT_COEF_FITTED);
                sum[k * 2 + a] += c->estimate;
                sum2[k * 2 + a] += c->estimate * c->estimate;
                sum_se[k * 2 + a] += c->se;
            }
        null_rejected += s->lr_p[1] < 0.05;
        real_rejected += s->lr_p[0] < 0.05;
    }
    const FitStage *s0 = NULL;
    g_autofree char *text = draw_outcomes(&w, 1);
    g_autoptr(Outcomes) o = NULL;
    g_autoptr(FitRoster) f = fit_text(m, text, &o);
    s0 = f->stages[0].fit;
    double R = SPREAD_REPS, rel = 1 / sqrt(2 * (R - 1));
    for (int i = 0; i < N; i++) {
        double mean = sum[i] / R, sd = sqrt((sum2[i] - R * mean * mean) / (R - 1)), se = sum_se[i] / R;
        double truth = truth_of(&w, s0->out[i / 2].param, i % 2);
        if (fabs(sd / se - 1) > 3.5 * rel || fabs(mean - truth) > 3.5 * sd / sqrt(R))
            fail_msg("%s.%s: estimates' mean %g (truth %g), sd %g, mean se %g", m->params[s0->out[i / 2].param].key,
                     w.attrs[i % 2], mean, truth, sd, se);
    }
    double expect = 0.05 * R, spread = sqrt(R * 0.05 * 0.95);
    if (fabs(null_rejected - expect) > 3 * spread)
        fail_msg("the null effect was rejected %d times in %d, want %g within %g", null_rejected, SPREAD_REPS, expect,
                 3 * spread);
    assert_int_equal(real_rejected, SPREAD_REPS);
}

/* ---- the mixture ------------------------------------------------------------------- */

/* 高企 renewed every 2 years, lapsing to 科小, which an edge also leads to:
 * a due 高企 found in 科小 a year later took the edge or lapsed. */
#define MIXTURE(years)                                                                  \
    "[scenario]\nname=x\nbase_year=2020\nhorizon=2022\n"                                \
    "[stages]\ntech_sme=科小\nhightech=高企\ngazelle=瞪羚\n"                             \
    "[transitions]\ntech_sme -> hightech = 0.15\nhightech -> tech_sme = 0.06\n"          \
    "hightech -> gazelle = 0.05\n[exits]\ntech_sme=0.05\nhightech=0.03\n"                \
    "[renewal]\nhightech=" years ";0.8;tech_sme\n"                                       \
    "[effects]\nexit.hightech.x = 0\nstandardise.x = 0, 1\n"

static const Truth mixture_truth[] = {{"hightech -> tech_sme.x", -0.5}, {"renewal.hightech.x", 0.8},
                                      {"hightech -> gazelle.x", 0.4},   {"tech_sme -> hightech.x", 0.6},
                                      {NULL, 0}};
static const double mixture_start[] = {0.3, 0.7, 0};

static Draw mixture_draw(const Model *m, int n_firms)
{
    return (Draw){.m = m, .n_attrs = 1, .attrs = {"x"}, .attr_mean = {0}, .attr_sd = {1}, .truth = mixture_truth,
                  .n_firms = n_firms, .first_year = 2016, .years = 4, .start_share = mixture_start};
}

/* The edge to the lapse stage and the renewal are both recovered from
 * their mixture: the firms not due tell the edge alone. */
static void test_mixture(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(MIXTURE("2"));
    Draw w = mixture_draw(m, 5000);
    g_autofree char *text = draw_outcomes(&w, 3);
    g_autoptr(Outcomes) o = NULL;
    g_autoptr(FitRoster) f = fit_text(m, text, &o);
    assert_int_equal(assert_recovered(f, &w), 6);  /* x on every exit and edge, and the renewal */
    const FitRosterStage *ht = &f->stages[1];
    assert_int_equal(ht->data.stage, model_stage_index(m, "hightech"));
    assert_true(ht->data.lapse_cat >= 0);
    int mixed = 0;
    for (int i = 0; i < ht->data.n_rows; i++)
        mixed += ht->data.y[i] == FIT_Y_MIXED;
    assert_true(mixed > 200);
    assert_int_equal(outcome_of(f, "hightech -> tech_sme", NULL)->status, FIT_OUT_FITTED);
    assert_int_equal(outcome_of(f, "renewal.hightech", NULL)->status, FIT_OUT_FITTED);
}

/* Renewed every year, every 高企 is due every year: a move to 科小 along
 * the edge and a lapse cannot be told apart.  The edge is held at the
 * scenario's rate (its log-odds against staying) and the renewal fitted. */
static void test_confounded(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(MIXTURE("1"));
    Draw w = mixture_draw(m, 1500);
    g_autofree char *text = draw_outcomes(&w, 4);
    g_autoptr(Outcomes) o = NULL;
    g_autoptr(FitRoster) f = fit_text(m, text, &o);
    const FitOutcome *edge = outcome_of(f, "hightech -> tech_sme", NULL);
    assert_int_equal(edge->status, FIT_OUT_CONFOUNDED);
    assert_near(edge->intercept, log(0.06 / (1 - 0.06 - 0.05 - 0.03)), 1e-12);
    assert_int_equal(edge->coef[0].status, FIT_COEF_NO_OUTCOME);
    assert_int_equal(outcome_of(f, "renewal.hightech", NULL)->status, FIT_OUT_FITTED);
    assert_int_equal(outcome_of(f, "renewal.hightech", NULL)->coef[0].status, FIT_COEF_FITTED);
}

/* ---- a closed form ------------------------------------------------------------------ */

#define ONE                                                                              \
    "[scenario]\nname=o\nbase_year=2020\nhorizon=2022\n"                                 \
    "[stages]\na=甲\nb=乙\nc=丙\n[transitions]\na -> b = 0.2\n[exits]\na = 0.1\n"          \
    "[renewal]\nb=2;0.7;c\n"

static const double one_start[] = {0.6, 0.4, 0};

/* Without attributes the likelihood has its maximum in closed form: each
 * outcome's rate is its share of the stage's firm-years (the renewal's, of
 * the due firms that stayed), and the log-likelihood sum n_k log(n_k / n). */
static void test_closed_form(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(ONE);
    Draw w = {.m = m, .n_attrs = 0, .n_firms = 3000, .first_year = 2017, .years = 3, .start_share = one_start};
    g_autofree char *text = draw_outcomes(&w, 9);
    GError *error = NULL;
    g_autoptr(Outcomes) o = outcomes_read_data("o.csv", text, strlen(text), m, &error);
    g_assert_no_error(error);
    g_autoptr(FitRoster) f = fit_roster_run(m, o, NULL, 0, &error);
    g_assert_no_error(error);
    int a = model_stage_index(m, "a"), n = 0, exits = 0, moves = 0, due = 0, renewed = 0;
    for (int i = 0; i < o->n_rows; i++) {
        const OutcomesRow *r = &o->rows[i];
        n += r->stage == a;
        exits += r->stage == a && r->next < 0;
        moves += r->stage == a && r->next == a + 1;
        gboolean stayed_due = r->stage == a + 1 && r->years_in_stage == 1;
        due += stayed_due;
        renewed += stayed_due && r->next == a + 1;
    }
    const FitStage *sa = f->stages[0].fit, *sb = f->stages[1].fit;
    assert_near(sa->out[0].rate, (double)exits / n, 1e-13);
    assert_near(sa->out[1].rate, (double)moves / n, 1e-13);
    double ll = exits * log((double)exits / n) + moves * log((double)moves / n) +
                (n - exits - moves) * log((double)(n - exits - moves) / n);
    assert_near(sa->log_likelihood, ll, 1e-9 * fabs(ll));
    assert_near(sa->log_likelihood_constant, ll, 1e-9 * fabs(ll));
    assert_near(sb->out[0].rate, (double)renewed / due, 1e-13);
    assert_int_equal(sb->out[0].trials, due);
    /* one year alone: no held-out check */
    g_autofree char *one_year = g_strdup(text);
    GString *kept = g_string_new("id,year,stage,years_in_stage,next_stage\n");
    g_auto(GStrv) lines = g_strsplit(one_year, "\n", -1);
    for (int i = 1; lines[i]; i++)
        if (strstr(lines[i], ",2017,"))
            g_string_append_printf(kept, "%s\n", lines[i]);
    g_autofree char *first = g_string_free(kept, FALSE);
    g_autoptr(Outcomes) o1 = outcomes_read_data("o.csv", first, strlen(first), m, &error);
    g_assert_no_error(error);
    g_autoptr(FitRoster) f1 = fit_roster_run(m, o1, NULL, 0, &error);
    assert_null(f1->held_out);
}

/* ---- what the records cannot determine ----------------------------------------------------- */

/* Rows of firms in 甲 (ONE) of year 2019 with attributes x and y: the
 * firm's `next` and its values. */
static void add_row(GString *out, int id, const char *next, double x, double y)
{
    g_string_append_printf(out, "Z%d,2019,a,0,%.17g,%.17g,%s\n", id, x, y, next);
}

/* 甲's exit never happens (its rate at 0); y is the same on every row of
 * 甲 (it varies in 乙 only); the edge has 30 moves, all with x above 1 and
 * every stay below -1 (separation); x2 = 2 x is collinear with x. */
static void test_identification(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(ONE);
    GString *out = g_string_new("id,year,stage,years_in_stage,x,y,next_stage\n");
    for (int i = 0; i < 30; i++)
        add_row(out, i, "b", 1.5 + i / 30.0, 7);
    for (int i = 30; i < 300; i++)
        add_row(out, i, "a", -1.5 - i / 300.0, 7);
    for (int i = 300; i < 310; i++)
        g_string_append_printf(out, "Z%d,2019,b,0,0,%d,b\n", i, i);
    g_autofree char *text = g_string_free(out, FALSE);
    g_autoptr(Outcomes) o = NULL;
    g_autoptr(FitRoster) f = fit_text(m, text, &o);
    const FitOutcome *exit_a = outcome_of(f, "exit.a", NULL), *edge = outcome_of(f, "a -> b", NULL);
    assert_int_equal(exit_a->status, FIT_OUT_NEVER);
    assert_true(exit_a->rate == 0);
    assert_int_equal(edge->status, FIT_OUT_FITTED);
    assert_int_equal(edge->coef[0].status, FIT_COEF_SEPARATED);
    assert_int_equal(edge->coef[1].status, FIT_COEF_CONSTANT);
    assert_near(edge->rate, 30.0 / 300, 1e-9);

    /* too few events: 9 moves for one coefficient; collinear: x2 = 2 x */
    GString *more = g_string_new("id,year,stage,years_in_stage,x,x2,next_stage\n");
    for (int i = 0; i < 400; i++) {
        double x = sin(i * 1.7);
        g_string_append_printf(more, "Y%d,2019,a,0,%.17g,%.17g,%s\n", i, x, 2 * x,
                               i % 40 == 0 ? "b" : i % 5 == 1 ? "exit" : "a");
    }
    g_autofree char *text2 = g_string_free(more, FALSE);
    g_autoptr(Outcomes) o2 = NULL;
    g_autoptr(FitRoster) f2 = fit_text(m, text2, &o2);
    const FitOutcome *few = outcome_of(f2, "a -> b", NULL), *ex = outcome_of(f2, "exit.a", NULL);
    assert_int_equal(few->events, 10);
    assert_int_equal(few->coef[0].status, FIT_COEF_TOO_FEW);
    assert_int_equal(few->coef[1].status, FIT_COEF_TOO_FEW);
    gboolean one_flat = (ex->coef[0].status == FIT_COEF_FLAT) != (ex->coef[1].status == FIT_COEF_FLAT);
    if (!one_flat || (ex->coef[0].status != FIT_COEF_FITTED && ex->coef[1].status != FIT_COEF_FITTED))
        fail_msg("collinear x and x2: statuses %d and %d, want one flat and one fitted", ex->coef[0].status,
                 ex->coef[1].status);

    /* no firm of 甲 stayed: its outcomes are held at the scenario's log-odds;
       every due 乙 renewed: the renewal's rate is 1 */
    const char *gone = "id,year,stage,years_in_stage,x,next_stage\n"
                       "A,2019,a,0,1,exit\nB,2019,a,0,2,b\nC,2019,a,0,3,b\nD,2019,b,1,4,b\nE,2019,b,1,5,b\n"
                       "F,2019,b,0,6,b\n";
    g_autoptr(Outcomes) o3 = NULL;
    g_autoptr(FitRoster) f3 = fit_text(m, gone, &o3);
    assert_int_equal(outcome_of(f3, "exit.a", NULL)->status, FIT_OUT_NO_STAY);
    assert_near(outcome_of(f3, "a -> b", NULL)->intercept, log(0.2 / 0.7), 1e-12);
    assert_int_equal(outcome_of(f3, "renewal.b", NULL)->status, FIT_OUT_ALL_RENEWED);
    assert_int_equal(outcome_of(f3, "renewal.b", NULL)->trials, 2);
    assert_true(outcome_of(f3, "renewal.b", NULL)->rate == 1);
    assert_true(isfinite(f3->log_likelihood));
}

/* ---- the groups and the held-out check ---------------------------------------------------------- */

/* Each stage's groups hold its every firm-year once, its moves up, and
 * predictions summing to those moves (the intercept's score equation at
 * the maximum). */
static void test_groups(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(RECOVERY);
    Draw w = recovery_draw(m, 2000);
    g_autofree char *text = draw_outcomes(&w, 6);
    g_autoptr(Outcomes) o = NULL;
    g_autoptr(FitRoster) f = fit_text(m, text, &o);
    int charts = 0;
    for (int i = 0; i < f->n_stages; i++) {
        int k = fit_roster_up_edge(f, i);
        if (k < 0)
            continue;
        charts++;
        FitGroup g[FIT_ROSTER_GROUPS];
        int n = fit_roster_groups(f, i, k, g), rows = 0, observed = 0;
        double predicted = 0;
        for (int t = 0; t < n; t++) {
            rows += g[t].n;
            observed += g[t].observed;
            predicted += g[t].n * g[t].predicted;
            assert_true(g[t].lo <= g[t].share && g[t].share <= g[t].hi);
            assert_true(t == 0 || g[t].predicted >= g[t - 1].predicted);
        }
        assert_int_equal(n, FIT_ROSTER_GROUPS);
        assert_int_equal(rows, f->stages[i].data.n_rows);
        assert_int_equal(observed, f->stages[i].fit->out[k].events);
        assert_near(predicted, observed, 1e-5 * observed);
    }
    assert_int_equal(charts, 3);  /* 初创 → 科小, 科小 → 高企, 高企 → 瞪羚 */
}

/* AUC by counting every pair (ties half). */
static double brute_auc(const double *p, const gboolean *pos, int n)
{
    double wins = 0;
    int pairs = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            if (pos[i] && !pos[j]) {
                wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
                pairs++;
            }
    return wins / pairs;
}

/* The held-out check is what a fit on the earlier years, made apart,
 * gives the last year's rows: the same log-loss, and each AUC as every
 * pair of them counts it. */
static void test_held_out(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(RECOVERY);
    Draw w = recovery_draw(m, 2000);
    g_autofree char *text = draw_outcomes(&w, 7);
    g_autoptr(Outcomes) o = NULL;
    g_autoptr(FitRoster) f = fit_text(m, text, &o);
    const FitHeldOut *h = f->held_out;
    assert_non_null(h);
    assert_int_equal(h->year, 2019);
    /* the earlier years apart */
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    g_autoptr(GString) early = g_string_new(NULL);
    for (int i = 0; lines[i] && *lines[i]; i++)
        if (i == 0 || !strstr(lines[i], ",2019,"))
            g_string_append_printf(early, "%s\n", lines[i]);
    g_autoptr(Outcomes) oe = NULL;
    g_autoptr(FitRoster) fe = fit_text(m, early->str, &oe);
    double sum = 0;
    int scored = 0, last = 0;
    for (int r = 0; r < o->n_rows; r++) {
        const OutcomesRow *row = &o->rows[r];
        if (row->year != 2019)
            continue;
        last++;
        const FitRosterStage *fs = NULL;
        for (int i = 0; i < fe->n_stages; i++)
            fs = fe->stages[i].data.stage == row->stage ? &fe->stages[i] : fs;
        double z[MAX_ATTRS];
        for (int a = 0; a < 2; a++)
            z[a] = (outcomes_value(o, r, a) - fe->mean[a]) / fe->sd[a];
        double p = fs ? fit_stage_next_prob(fs->fit, m, z, fit_stage_due(m, row->stage, row->years_in_stage),
                                            row->next)
                      : 0;
        if (p > 0) {
            sum -= log(p);
            scored++;
        }
    }
    assert_int_equal(h->n_rows + h->n_left_out, last);
    assert_int_equal(h->n_rows, scored);
    assert_near(h->log_loss, sum / scored, 1e-12);
    assert_true(h->log_loss < h->log_loss_constant);
    assert_true(h->n_auc >= 5);
    for (int i = 0; i < h->n_auc; i++) {
        const FitAuc *a = &h->auc[i];
        const FitRosterStage *fs = NULL;
        for (int j = 0; j < fe->n_stages; j++)
            fs = fe->stages[j].data.stage == a->stage ? &fe->stages[j] : fs;
        g_autofree double *p = g_new(double, o->n_rows);
        g_autofree gboolean *pos = g_new(gboolean, o->n_rows);
        int n = 0;
        for (int r = 0; r < o->n_rows; r++) {
            const OutcomesRow *row = &o->rows[r];
            if (row->year != 2019 || row->stage != a->stage)
                continue;
            double z[MAX_ATTRS];
            for (int b = 0; b < 2; b++)
                z[b] = (outcomes_value(o, r, b) - fe->mean[b]) / fe->sd[b];
            gboolean due = fit_stage_due(m, row->stage, row->years_in_stage);
            if (!(fit_stage_next_prob(fs->fit, m, z, due, row->next) > 0))
                continue;
            p[n] = fit_stage_next_prob(fs->fit, m, z, due, a->next);
            pos[n++] = row->next == a->next;
        }
        assert_int_equal(n, a->n);
        assert_near(a->auc, brute_auc(p, pos, n), 1e-12);
    }
}

/* ---- the bundled example ------------------------------------------------------ */

/* scenarios/roster/tianning-2025-outcomes.csv: the truth it is drawn from
 * (ASSUMED, for illustration), on the roster's two attribute columns. */
static const Truth example_truth[] = {
    {"tech_sme -> hightech.rd_intensity", 0.6},   {"tech_sme -> hightech.invention_patents", 0.4},
    {"exit.tech_sme.rd_intensity", -0.3},         {"renewal.tech_sme.rd_intensity", 0.3},
    {"hightech -> gazelle.rd_intensity", 0.5},    {"hightech -> gazelle.invention_patents", 0.3},
    {"exit.hightech.invention_patents", -0.3},    {"renewal.hightech.rd_intensity", 0.5},
    {"gazelle -> unicorn.rd_intensity", 0.4},     {NULL, 0},
};

static const double example_start[] = {0, 0.5, 0.4, 0.08, 0.02, 0};

#define EXAMPLE_HEAD                                                                                           \
    "# SYNTHETIC firm-years for scenarios/tianning-2025.ini: NOT real firms.  1,000 made-up firms followed\n"   \
    "# from the end of 2016 to the end of 2021 (a row per firm and year, 2016-2020, and where it stood a year\n" \
    "# later), drawn by tests/test_fit_roster.c from the model of docs/model.md at tianning-2025.ini's rates\n"  \
    "# with these ASSUMED effects, per standard deviation of rd_intensity (mean 0.05, sd 0.015) and\n"          \
    "# invention_patents (mean 6, sd 5, whole and at least 0):\n"                                             \
    "#   tech_sme -> hightech: rd_intensity 0.6, invention_patents 0.4; exit.tech_sme: rd_intensity -0.3;\n"   \
    "#   renewal.tech_sme: rd_intensity 0.3; hightech -> gazelle: rd_intensity 0.5, invention_patents 0.3;\n"  \
    "#   exit.hightech: invention_patents -0.3; renewal.hightech: rd_intensity 0.5;\n"                         \
    "#   gazelle -> unicorn: rd_intensity 0.4.\n"                                                              \
    "# `ladder fit-roster scenarios/tianning-2025.ini --outcomes THIS` estimates them (and 0 for every other\n"    \
    "# coefficient): each 95% interval holds its truth about 19 times in 20 (the truth scaled by the file's own\n" \
    "# sd over the sd above: the fit standardises by the file's spread).\n"                                     \
    "# Regenerate: LADDER_WRITE_OUTCOMES=scenarios/roster/tianning-2025-outcomes.csv build/tests/test_fit_roster\n" \
    "# SPDX-License-Identifier: MIT\n"

/* The bundled example's text. */
static char *example_text(void)
{
    g_autofree char *path = g_build_filename(tu_srcdir(), "scenarios", "tianning-2025.ini", NULL);
    GError *error = NULL;
    g_autoptr(Model) m = scenario_load(path, &error);
    g_assert_no_error(error);
    Draw w = {.m = m, .n_attrs = 2, .attrs = {"rd_intensity", "invention_patents"}, .attr_mean = {0.05, 6},
              .attr_sd = {0.015, 5}, .digits = {4, 0}, .whole = {FALSE, TRUE}, .truth = example_truth,
              .n_firms = 1000, .first_year = 2016, .years = 5, .start_share = example_start, .id_prefix = "H"};
    g_autofree char *body = draw_outcomes(&w, 20211231);
    return g_strconcat(EXAMPLE_HEAD, body, NULL);
}


/* The bundled example is what example_text draws. */
static void test_example_in_step(void **state)
{
    (void)state;
    g_autofree char *made = example_text();
    g_autofree char *dir = g_build_filename(tu_srcdir(), "scenarios", "roster", NULL);
    g_autofree char *have = tu_read_text(dir, "tianning-2025-outcomes.csv");
    if (strcmp(made, have) != 0)
        fail_msg("scenarios/roster/tianning-2025-outcomes.csv is not what the sampler draws: regenerate it "
                 "(LADDER_WRITE_OUTCOMES=...)");
}

/* ---- the command ------------------------------------------------------------------------- */

static char *src_file(const char *a, const char *b)
{
    return g_build_filename(tu_srcdir(), "scenarios", a, b, NULL);
}

/* fit-roster on the bundled example: its files, the fitted scenario
 * holding fit.json's estimates and standardising, and running with the
 * roster. */
static void test_command(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *scenario = src_file("tianning-2025.ini", NULL);
    g_autofree char *outcomes = src_file("roster", "tianning-2025-outcomes.csv");
    g_autofree char *roster = src_file("roster", "tianning-2025.csv");
    g_autofree char *out = g_build_filename(dir, "fit", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "fit-roster", scenario, "--outcomes", outcomes, "--out", out, "--no-charts",
                                NULL);
    tu_assert_status(&r, 0);
    const char *says[] = {"属性的效应", "科小 → 高企", "rd_intensity", "均值企业（z = 0）的年概率", "留出检验",
                          "tianning-2025-fitted.ini"};
    tu_assert_says(r.out, says, G_N_ELEMENTS(says));
    g_autofree char *listing = tu_list_dir(out);
    const char *files[] = {"fit.csv\n", "fit.json\n", "fit_tech_sme.dat\n", "fit_tech_sme.gp\n",
                           "fit_hightech.gp\n", "tianning-2025-fitted.ini\n"};
    tu_assert_says(listing, files, G_N_ELEMENTS(files));
    g_autoptr(JsonNode) doc = tu_read_json(out, "fit.json");
    JsonObject *root = json_node_get_object(doc);
    /* the fitted scenario holds each fitted estimate (6 digits) and the standardising (9) */
    g_autofree char *ini = g_build_filename(out, "tianning-2025-fitted.ini", NULL);
    GError *error = NULL;
    g_autoptr(Model) m = scenario_load(ini, &error);
    g_assert_no_error(error);
    JsonArray *coefs = json_object_get_array_member(root, "coefficients");
    int fitted = 0;
    for (guint i = 0; i < json_array_get_length(coefs); i++) {
        JsonObject *c = json_array_get_object_element(coefs, i);
        if (strcmp(json_object_get_string_member(c, "status"), "fitted") != 0)
            continue;
        int p = model_param_find(m, json_object_get_string_member(c, "parameter"));
        int a = model_attr_index(m, json_object_get_string_member(c, "attribute"));
        double want = tu_num(c, "estimate");
        assert_near(m->effect_beta[(gsize)p * m->n_attrs + a], want, 1e-5 * fabs(want));
        fitted++;
    }
    assert_true(fitted >= 10);
    JsonArray *attrs = json_object_get_array_member(root, "attributes");
    for (guint i = 0; i < json_array_get_length(attrs); i++) {
        JsonObject *at = json_array_get_object_element(attrs, i);
        const Attribute *x = &m->attrs[model_attr_index(m, json_object_get_string_member(at, "attribute"))];
        assert_true(x->standardised);
        assert_near(x->mean, tu_num(at, "mean"), 0);  /* the fit's own z */
        assert_near(x->sd, tu_num(at, "sd"), 0);
    }
    /* `ladder report` says what to report instead */
    g_auto(TuRun) rep = tu_ladder(NULL, "report", out, "-q", NULL);
    tu_assert_status(&rep, 2);
    tu_assert_contains(rep.err, "a fit-roster folder holds no run to report");
    /* it runs with the roster, firm by firm */
    g_autofree char *run_out = g_build_filename(dir, "run", NULL);
    g_auto(TuRun) run = tu_ladder(NULL, "run", ini, "--roster", roster, "--reps", "200", "--out", run_out, "-q",
                                  "--no-charts", NULL);
    tu_assert_status(&run, 0);
    g_autoptr(JsonNode) firms = tu_read_json(run_out, "firms.json");
    assert_non_null(firms);
}

/* In English with --lang en; --attrs fits the one named. */
static void test_english_attrs(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *scenario = src_file("tianning-2025.ini", NULL);
    g_autofree char *outcomes = src_file("roster", "tianning-2025-outcomes.csv");
    g_autofree char *out = g_build_filename(dir, "fit", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "fit-roster", scenario, "--outcomes", outcomes, "--attrs", "rd_intensity",
                                "--lang", "en", "--out", out, "--no-charts", NULL);
    tu_assert_status(&r, 0);
    const char *says[] = {"Effects: the change in the log-odds", "科小 → 高企", "Held-out check: fitted on "
                          "2016–2019, scored on the firm-years of 2020", "log-loss", "!invention_patents"};
    tu_assert_says(r.out, says, G_N_ELEMENTS(says));
    g_autofree char *csv = tu_read_text(out, "fit.csv");
    tu_assert_contains(csv, "Fitted rate at the mean");
}

/* A scenario with an effect on an attribute the outcomes do not have,
 * drawn in its [uncertainty]: the fitted scenario writes it as 0 and the
 * command warns that the draw stays. */
static void test_scenario_effects(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *scenario = tu_write(dir, "t.ini", ONE "[effects]\nexit.a.z = 0.5\nstandardise.z = 0, 1\n"
                                                           "[uncertainty]\nexit.a.z = normal(0.5, 0.1)\n");
    g_autoptr(Model) m = tu_load(ONE);
    Draw w = {.m = m, .n_attrs = 1, .attrs = {"x"}, .attr_mean = {0}, .attr_sd = {1}, .n_firms = 800,
              .first_year = 2017, .years = 3, .start_share = one_start};
    g_autofree char *text = draw_outcomes(&w, 2);
    g_autofree char *outcomes = tu_write(dir, "o.csv", text);
    g_autofree char *out = g_build_filename(dir, "fit", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "fit-roster", scenario, "--outcomes", outcomes, "--out", out, "--no-charts",
                                "-q", NULL);
    tu_assert_status(&r, 0);
    tu_assert_contains(r.err, "ladder: warning: exit.a.z 在");
    g_autofree char *ini = tu_read_text(out, "t-fitted.ini");
    const char *says[] = {"# not fitted (attribute z not fitted): 0 here", "\nexit.a.z = 0\n", "exit.a.x = ",
                          "standardise.x = ", "exit.a.x = normal(", "\nextends=../t.ini\n"};
    tu_assert_says(ini, says, G_N_ELEMENTS(says));
}

/* A bad input: scenario and outcomes written, the command's stderr. */
typedef struct {
    const char *id;
    const char *scenario;   /* NULL: ONE */
    const char *outcomes;   /* NULL: no --outcomes */
    const char *flags[3];   /* more arguments */
    const char *want[3];    /* in stderr ("o.csv" stands for the outcomes' path, "t.ini" for the scenario's) */
} BadCase;

#define O_HEAD "id,year,stage,years_in_stage,x,next_stage\n"

static const BadCase bad_cases[] = {
    {"fit-1.1", NULL, O_HEAD "A,2019,a,0,1,c\nB,2019,a,0,2,b\nC,2019,a,0,3,c\nD,2019,a,0,4,c\n", {NULL},
     {"o.csv:2: firm 'A' went from a (甲) at the end of 2019 to c (丙) at the end of 2020, but the ladder of t.ini has "
      "no edge a -> c: a firm in a may exit, move to b (乙), or stay; add 'a -> c = RATE' to [transitions] of t.ini",
      "(2 more rows make the same move: lines 4, 5)"}},
    {"fit-1.2", NULL, O_HEAD "A,2019,a,0,1,b\nA,2020,b,0,2,exit\n", {NULL},
     {"o.csv:3: firm 'A' exited during 2021 from b (乙), but t.ini gives b no exit, so the scenario's ladder does not "
      "allow it; add 'b = RATE' to [exits] of t.ini"}},
    {"fit-1.3", NULL, O_HEAD "A,2019,b,1,1,c\nB,2019,b,0,2,c\n", {NULL},
     {"o.csv:3: firm 'B' went from b (乙) to c (丙), its lapse stage, during 2020, but with years_in_stage 0 at the "
      "end of 2019 it was not due for renewal (b is renewed every 2 years: due in the year after years_in_stage 1)"}},
    {"fit-1.4", NULL, O_HEAD "A,2019,a,0,3,a\nB,2019,a,0,3,b\n", {NULL},
     {"o.csv:1: column x cannot be standardised: every firm-year has the same value", "leave it out with --attrs"}},
    {"fit-1.5", NULL, "id,year,stage,years_in_stage,next_stage\nA,2019,a,0,a\n", {NULL},
     {"o.csv:1: no attribute column: fit-roster learns how a firm's attributes"}},
    {"fit-1.6", NULL, O_HEAD "A,2019,甲乙,0,1,a\n", {NULL}, {"o.csv:2: unknown stage '甲乙'"}},
    {"fit-1.7", NULL, "id,year,stage,years_in_stage,rd_intensity,next_stage\nA,2019,a,0,1,a\n",
     {"--attrs", "rd_intensty"},
     {"ladder: --attrs rd_intensty: o.csv has no attribute column 'rd_intensty'; did you mean 'rd_intensity'?",
      "Try 'ladder help fit-roster'."}},
    {"fit-1.8", NULL, O_HEAD "A,2019,a,0,1,a\n", {"--attrs", "x,x"}, {"ladder: --attrs: x is given twice"}},
    {"fit-1.9", NULL, NULL, {NULL}, {"ladder: --outcomes is required"}},
    {"fit-1.10", NULL, "", {"--outcomes", "missing.csv"}, {"missing.csv"}},
};

/* Replaces every "o.csv" and "t.ini" of `want` by the paths (caller frees). */
static char *with_paths(const char *want, const char *o, const char *t)
{
    GString *s = g_string_new(want);
    g_string_replace(s, "o.csv", o, 0);
    g_string_replace(s, "t.ini", t, 0);
    return g_string_free(s, FALSE);
}

static void test_bad_case(void **state)
{
    const BadCase *c = *state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *t = tu_write(dir, "t.ini", c->scenario ? c->scenario : ONE);
    g_autofree char *o = c->outcomes ? tu_write(dir, "o.csv", c->outcomes) : NULL;
    g_autofree char *out = g_build_filename(dir, "fit", NULL);
    g_autofree char *before = tu_list_dir(dir);
    const char *args[12] = {"fit-roster", t, "--out", out};
    int n = 4;
    if (c->outcomes && *c->outcomes) {
        args[n++] = "--outcomes";
        args[n++] = o;
    }
    for (int i = 0; i < 3 && c->flags[i]; i++)
        args[n++] = c->flags[i];
    g_auto(TuRun) r = tu_ladder_spawn(dir, args, NULL, NULL);
    const char *want[3] = {NULL};
    g_autofree char *w0 = c->want[0] ? with_paths(c->want[0], o ? o : "o.csv", t) : NULL;
    g_autofree char *w1 = c->want[1] ? with_paths(c->want[1], o ? o : "o.csv", t) : NULL;
    want[0] = w0;
    want[1] = w1;
    tu_assert_bad_input(&r, want, 2, dir, before);
}

static void test_help(void **state)
{
    (void)state;
    const char *want[] = {"ladder fit-roster scenarios/tianning-2025.ini", "--outcomes", "--attrs", "Example:",
                          "fit.json"};
    tu_assert_help("fit-roster", want, G_N_ELEMENTS(want));
    g_auto(TuRun) r = tu_ladder(NULL, "help", "fit-roster", NULL);
    if (strstr(r.out, "--reps") || strstr(r.out, "--report"))
        fail_msg("fit-roster offers flags of a simulation: %s", r.out);
}

int main(void)
{
    const char *example = g_getenv("LADDER_WRITE_OUTCOMES");
    if (example) {
        g_autofree char *text = example_text();
        return g_file_set_contents(example, text, -1, NULL) ? 0 : 1;
    }
    tu_pin_ladder();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recovery),
        cmocka_unit_test(test_information_exact),
        cmocka_unit_test(test_standard_errors),
        cmocka_unit_test(test_mixture),
        cmocka_unit_test(test_confounded),
        cmocka_unit_test(test_closed_form),
        cmocka_unit_test(test_identification),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_held_out),
        cmocka_unit_test(test_example_in_step),
        cmocka_unit_test(test_command),
        cmocka_unit_test(test_english_attrs),
        cmocka_unit_test(test_scenario_effects),
        cmocka_unit_test(test_help),
    };
    g_autoptr(GArray) all = TU_TESTS(tests);
    ADD_ROWS(all, bad_cases, test_bad_case);
    return tu_run_tests("fit_roster", all);
}

