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

static void test_time(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(RECOVERY);
    Draw w = recovery_draw(m, 5000);
    g_autofree char *text = draw_outcomes(&w, 1);
    Outcomes *o = NULL;
    gint64 t0 = g_get_monotonic_time();
    g_autoptr(FitRoster) f = fit_text(m, text, &o);
    gint64 t1 = g_get_monotonic_time();
    fprintf(stderr, "rows %d, fit %.3f s\n", o->n_rows, (t1 - t0) / 1e6);
    for (int i = 0; i < f->n_stages; i++) {
        const FitStage *s = f->stages[i].fit;
        fprintf(stderr, "stage %s rows %d due %d ll %.3f const %.3f conv %d\n", m->stages[s->stage].id, s->n_rows,
                s->n_due, s->log_likelihood, s->log_likelihood_constant, s->converged);
        for (int k = 0; k < s->n_out; k++) {
            const FitOutcome *u = &s->out[k];
            fprintf(stderr, "  %-24s st %d ev %4d/%5d a %8.4f (%.4f) rate %.4f scen %.4f |", m->params[u->param].key,
                    u->status, u->events, u->trials, u->intercept, u->intercept_se, u->rate, u->rate_scenario);
            for (int a = 0; a < s->n_attrs; a++)
                fprintf(stderr, " [%d] %7.4f (%.4f)", u->coef[a].status, u->coef[a].estimate, u->coef[a].se);
            fprintf(stderr, "\n");
        }
        for (int a = 0; a < s->n_attrs; a++)
            fprintf(stderr, "  LR %s %.3f df %d p %.4g\n", w.attrs[a], s->lr[a], s->lr_df[a], s->lr_p[a]);
    }
    if (f->held_out)
        fprintf(stderr, "held out %d: %d rows, %d left out, logloss %.4f const %.4f, %d aucs\n", f->held_out->year,
                f->held_out->n_rows, f->held_out->n_left_out, f->held_out->log_loss, f->held_out->log_loss_constant,
                f->held_out->n_auc);
    for (int i = 0; f->held_out && i < f->held_out->n_auc; i++)
        fprintf(stderr, "  auc %s -> %d: %.4f const %.4f (%d/%d)\n", m->stages[f->held_out->auc[i].stage].id,
                f->held_out->auc[i].next, f->held_out->auc[i].auc, f->held_out->auc[i].auc_constant,
                f->held_out->auc[i].events, f->held_out->auc[i].n);
    assert_recovered(f, &w);
    outcomes_free(o);
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
    "# `ladder fit-roster scenarios/tianning-2025.ini --outcomes THIS` should find them within their intervals.\n" \
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

int main(void)
{
    const char *example = g_getenv("LADDER_WRITE_OUTCOMES");
    if (example) {
        g_autofree char *text = example_text();
        return g_file_set_contents(example, text, -1, NULL) ? 0 : 1;
    }
    tu_pin_ladder();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time),
    };
    return cmocka_run_group_tests_name("fit_roster", tests, NULL, NULL);
}
