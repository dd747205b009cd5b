/* test_sensitivity.c: one parameter at a time: the low and high values
 * (P5/P95, ±spread, clamping, rounding, capping, baselines with and without
 * [uncertainty] and --baselines), the base (exactly `ladder run`'s, or with
 * --central the central one beside run's and the reason), the ranking (an
 * exact zero under common random numbers, ties by key, swings by hand when
 * outcomes are certain), probabilities against exact binomial answers,
 * model_set_baseline, and `ladder sensitivity` as a user runs it (same bytes
 * on any thread count, the base named everywhere, bad input, nothing left
 * behind).
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <json-glib/json-glib.h>

#include "testutil.h"

#include "errors.h"
#include "i18n.h"
#include "model.h"
#include "runner.h"
#include "sensitivity.h"

/* Tolerance of every statistical check, in standard errors. */
#define N_SE 4.0
#define SEED 20240603

static RunConfig config(guint64 reps, guint threads)
{
    return (RunConfig){.reps = reps, .seed = SEED, .threads = threads, .uncertain = TRUE};
}

/* The analysis of earlier versions: every parameter central, baselines varied. */
static const SensitivityOptions CENTRAL = {.spread = 0.2, .central = TRUE, .baselines = TRUE};
/* The default: all else drawn as `ladder run` draws it. */
static const SensitivityOptions AS_RUN = {.spread = 0.2};

static Sensitivity *run(const Model *m, SensitivityOptions o, int target, guint64 reps)
{
    RunConfig c = config(reps, 2);
    GError *error = NULL;
    Sensitivity *s = sensitivity_run(m, &o, target, &c, &error);
    if (s == NULL)
        fail_msg("sensitivity failed: %s", error->message);
    return s;
}

/* The plan with ±spread and --baselines (`baselines`). */
static SensitivityPlan *plan(const Model *m, double spread, gboolean baselines)
{
    GError *error = NULL;
    SensitivityOptions o = {.spread = spread, .baselines = baselines};
    SensitivityPlan *p = sensitivity_plan_new(m, &o, &error);
    if (p == NULL)
        fail_msg("no plan: %s", error->message);
    return p;
}

/* The plan's parameter `key`, or NULL when it is not varied. */
static const SensitivityParam *plan_param(const SensitivityPlan *p, const char *key)
{
    for (guint i = 0; i < p->params->len; i++)
        if (strcmp(g_array_index(p->params, SensitivityParam, i).key, key) == 0)
            return &g_array_index(p->params, SensitivityParam, i);
    return NULL;
}

static const SensitivitySkip *plan_skip(const SensitivityPlan *p, const char *key)
{
    for (guint i = 0; i < p->skipped->len; i++)
        if (strcmp(g_array_index(p->skipped, SensitivitySkip, i).key, key) == 0)
            return &g_array_index(p->skipped, SensitivitySkip, i);
    return NULL;
}

/* The row of `key` in target entry `t`. */
static const SensitivityRow *row_of(const SensitivityTarget *t, const char *key)
{
    for (int i = 0; i < t->n_rows; i++)
        if (strcmp(t->rows[i].param->key, key) == 0)
            return &t->rows[i];
    fail_msg("no row %s in %s", key, t->name);
    return NULL;
}

/* ---- low and high values ---------------------------------------------- */

/* Every kind of parameter: drawn ones at the P5 and P95 of their
 * distribution, the others at ±spread, probabilities clamped, baselines
 * (with --baselines) rounded; values that cannot move are skipped, with
 * the reason. */
#define VALUES                                                                            \
    "[scenario]\nname=v\nbase_year=2021\nhorizon=2023\nlanguage=en\n"                     \
    "[stages]\na=A\nb=B\nc=C\nd=D\n[baseline]\na=250\nb=7\nc=0\nd=1\n"                    \
    "[transitions]\na -> b = 0.13\nb -> c = 0.5\n[exits]\na=0.1\nb=0\n"                   \
    "[renewal]\nb=1;0.9;a\n[inflows]\na=400\nc=10\n[recruitment]\nb=100\n"                \
    "[uncertainty]\na -> b = beta(26,174)\ninflow.a = gamma(16,25)\nrecruitment.b = uniform(70,130)\n"

typedef enum { BETA, GAMMA, FLAT, SPREAD, SKIP } Want;

typedef struct {
    const char *id;
    const char *key;
    Want want;
    double a, b;           /* BETA, GAMMA, FLAT: the distribution's arguments; SPREAD: low, high */
    SensitivitySkipReason reason;  /* SKIP */
    const char *label;
} ValueCase;

static const ValueCase value_cases[] = {
    {"sens-1.1", "a -> b", BETA, 26, 174, 0, "A → B"},
    {"sens-1.2", "inflow.a", GAMMA, 16, 25, 0, "A inflow"},
    {"sens-1.3", "recruitment.b", FLAT, 70, 130, 0, "B recruitment"},
    {"sens-1.4", "b -> c", SPREAD, 0.5 * 0.8, 0.5 * 1.2, 0, "B → C"},
    {"sens-1.5", "renewal.b", SPREAD, 0.9 * 0.8, 1.0, 0, "B renewal rate"},    /* 1.08 clamped */
    {"sens-1.6", "exit.a", SPREAD, 0.1 * 0.8, 0.1 * 1.2, 0, "A exit rate"},
    {"sens-1.7", "inflow.c", SPREAD, 10 * 0.8, 10 * 1.2, 0, "C inflow"},
    {"sens-1.8", "baseline.a", SPREAD, 200, 300, 0, "A baseline"},
    {"sens-1.9", "baseline.b", SPREAD, 6, 8, 0, "B baseline"},                 /* 5.6, 8.4 */
    {"sens-1.10", "exit.b", SKIP, 0, 0, SENSITIVITY_SKIP_ZERO, NULL},
    {"sens-1.11", "baseline.c", SKIP, 0, 0, SENSITIVITY_SKIP_NO_FIRMS, NULL},
    {"sens-1.12", "baseline.d", SKIP, 0, 0, SENSITIVITY_SKIP_ROUNDS, NULL},     /* 0.8, 1.2 */
};

static void test_value_case(void **state)
{
    const ValueCase *c = *state;
    g_autoptr(Model) m = tu_load(VALUES);
    g_autoptr(SensitivityPlan) p = plan(m, 0.2, TRUE);
    const SensitivityParam *sp = plan_param(p, c->key);
    const SensitivitySkip *skip = plan_skip(p, c->key);
    if (c->want == SKIP) {
        assert_null(sp);
        assert_non_null(skip);
        assert_int_equal(skip->reason, c->reason);
        return;
    }
    assert_null(skip);
    assert_non_null(sp);
    double lo = c->a, hi = c->b;
    if (c->want == BETA) {
        lo = gsl_cdf_beta_Pinv(0.05, c->a, c->b);
        hi = gsl_cdf_beta_Pinv(0.95, c->a, c->b);
    } else if (c->want == GAMMA) {
        lo = gsl_cdf_gamma_Pinv(0.05, c->a, c->b);
        hi = gsl_cdf_gamma_Pinv(0.95, c->a, c->b);
    } else if (c->want == FLAT) {
        lo = gsl_cdf_flat_Pinv(0.05, c->a, c->b);
        hi = gsl_cdf_flat_Pinv(0.95, c->a, c->b);
    }
    if (!(fabs(sp->low - lo) <= 1e-15 * MAX(1, fabs(lo)) && fabs(sp->high - hi) <= 1e-15 * MAX(1, fabs(hi))))
        fail_msg("%s: %.17g .. %.17g, want %.17g .. %.17g", c->key, sp->low, sp->high, lo, hi);
    assert_int_equal(sp->source, c->want == SPREAD ? SENSITIVITY_FROM_SPREAD : SENSITIVITY_FROM_UNCERTAINTY);
    assert_false(sp->capped);
    g_autofree char *label = i18n_param_label(m, sp->param, sp->stage);
    assert_string_equal(label, c->label);
}

/* The spread scales every value without a distribution; every parameter
 * is either varied or skipped, none dropped. */
static void test_spread_and_count(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(VALUES);
    g_autoptr(SensitivityPlan) p = plan(m, 0.5, TRUE);
    const SensitivityParam *sp = plan_param(p, "exit.a");
    assert_true(fabs(sp->low - 0.05) < 1e-15 && fabs(sp->high - 0.15) < 1e-15);
    sp = plan_param(p, "baseline.d");  /* 0.5 and 1.5 round to even, as the engine rounds: 0 and 2 */
    assert_true(sp != NULL && sp->low == 0 && sp->high == 2);
    assert_int_equal(p->params->len + p->skipped->len, m->n_params + m->n_stages);
}

/* ---- baselines -------------------------------------------------------- */

/* Without --baselines a written baseline is not varied, and said why; with
 * it, ±spread.  A baseline with [uncertainty] (its fields set here as the
 * loader sets them) goes from the P5 to the P95 of its distribution,
 * rounded to whole firms ties to even (rint, as the engine rounds a draw),
 * flag or no flag; its variant starts from that count, no longer drawn. */
typedef struct {
    const char *id;
    const char *stage;     /* of VALUES */
    Dist dist;             /* the baseline's [uncertainty] */
    double central;        /* rint of its mean */
} BaselineCase;

static const BaselineCase baseline_cases[] = {
    {"sens-2.1", "c", {DIST_GAMMA, 16, 25}, 400},    /* from 0 firms written */
    {"sens-2.2", "d", {DIST_UNIFORM, 0, 10}, 5},     /* P5 0.5 and P95 9.5: ties, to 0 and 10 */
    {"sens-2.3", "a", {DIST_UNIFORM, 207.3, 292.9}, 250},
};

static void test_baseline_case(void **state)
{
    const BaselineCase *c = *state;
    for (int flag = 0; flag <= 1; flag++) {
        g_autoptr(Model) m = tu_load(VALUES);
        Stage *st = &m->stages[model_stage_index(m, c->stage)];
        st->baseline_uncertain = TRUE;
        st->baseline_dist = c->dist;
        g_autoptr(SensitivityPlan) p = plan(m, 0.2, flag);
        g_autofree char *key = g_strconcat("baseline.", c->stage, NULL);
        const SensitivityParam *sp = plan_param(p, key);
        assert_non_null(sp);
        double lo = rint(dist_quantile(&c->dist, 0.05)), hi = rint(dist_quantile(&c->dist, 0.95));
        if (!(sp->low == lo && sp->high == hi && sp->central == c->central))
            fail_msg("%s: %g .. %g (central %g), want %g .. %g (%g)", key, sp->low, sp->high, sp->central, lo, hi,
                     c->central);
        assert_int_equal(sp->source, SENSITIVITY_FROM_UNCERTAINTY);
        guint i = (guint)(sp - &g_array_index(p->params, SensitivityParam, 0));
        g_autoptr(Model) v = sensitivity_variant(p, i, FALSE);
        const Stage *vs = &v->stages[sp->stage];
        assert_true(vs->baseline == (gint64)lo && !vs->baseline_uncertain);
    }
    if (c->dist.kind == DIST_UNIFORM && c->dist.b == 10) {  /* the ties are ties, and go to even */
        assert_true(dist_quantile(&c->dist, 0.05) == 0.5 && dist_quantile(&c->dist, 0.95) == 9.5);
        assert_true(rint(0.5) == 0 && rint(9.5) == 10);
    }
}

/* The written baselines: skipped without --baselines, varied with it. */
static void test_baselines_flag(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(VALUES);
    g_autoptr(SensitivityPlan) off = plan(m, 0.2, FALSE);
    g_autoptr(SensitivityPlan) on = plan(m, 0.2, TRUE);
    const char *keys[] = {"baseline.a", "baseline.b", "baseline.c", "baseline.d"};
    for (gsize k = 0; k < G_N_ELEMENTS(keys); k++) {
        const SensitivitySkip *skip = plan_skip(off, keys[k]);
        assert_null(plan_param(off, keys[k]));
        assert_true(skip != NULL && skip->reason == SENSITIVITY_SKIP_NO_UNCERTAINTY);
        assert_true(plan_skip(on, keys[k]) == NULL || plan_skip(on, keys[k])->reason != SENSITIVITY_SKIP_NO_UNCERTAINTY);
    }
    assert_string_equal(sensitivity_skip_text(SENSITIVITY_SKIP_NO_UNCERTAINTY), "no [uncertainty]; use --baselines");
    assert_int_equal(on->params->len, off->params->len + 2);  /* a and b; c is 0 firms, d rounds to 1 */
}

/* ---- capping ---------------------------------------------------------- */

/* Stage a's exit is 0.1: an edge pushed past what the other probabilities
 * leave, in some year, is pulled in to the furthest valid value and
 * marked; the run of its variants then succeeds. */
#define CAP_HEAD                                                                          \
    "[scenario]\nname=c\nbase_year=2021\nhorizon=2023\n[stages]\na=A\nb=B\n"              \
    "[baseline]\na=300\n[exits]\na=0.1\n[target b]\nstage=b\nat_least=100\n"

typedef struct {
    const char *id;
    const char *groups;    /* after CAP_HEAD */
    double low, high;      /* of a -> b, to 1e-8 */
    gboolean capped;
} CapCase;

static const CapCase cap_cases[] = {
    /* 0.8 + 20% = 0.96, and 0.96 + 0.1 > 1 */
    {"sens-3.1", "[transitions]\na -> b = 0.8\n", 0.64, 0.9, TRUE},
    /* in 2023 the edge is 1.1 times its value: at most 0.9 / 1.1 */
    {"sens-3.2", "[transitions]\na -> b = 0.8\n[policy up]\nfrom=2023\na -> b = *1.1\n", 0.64, 0.9 / 1.1, TRUE},
    /* 0.48 - 0.5 < 0: at least 0.5 */
    {"sens-3.3", "[transitions]\na -> b = 0.6\n[policy down]\na -> b = -0.5\n", 0.5, 0.72, TRUE},
    /* from the P95 of beta(60,40), about 0.68, to 0.9 */
    {"sens-3.4", "[transitions]\na -> b = 0.6\n[uncertainty]\na -> b = beta(60,40)\n[policy up]\na -> b = *1.5\n",
     -1, 0.6, TRUE},
    {"sens-3.5", "[transitions]\na -> b = 0.5\n", 0.4, 0.6, FALSE},
};

static void test_cap_case(void **state)
{
    const CapCase *c = *state;
    g_autofree char *text = g_strconcat(CAP_HEAD, c->groups, NULL);
    g_autoptr(Model) m = tu_load(text);
    g_autoptr(Sensitivity) s = run(m, CENTRAL, SENSITIVITY_EVERY_TARGET, 200);
    const SensitivityRow *r = row_of(&s->targets[0], "a -> b");
    const SensitivityParam *sp = r->param;
    double lo = c->low < 0 ? gsl_cdf_beta_Pinv(0.05, 60, 40) : c->low;
    if (!(fabs(sp->low - lo) < 1e-8 && fabs(sp->high - c->high) < 1e-8))
        fail_msg("a -> b from %.12g to %.12g, want %.12g to %.12g", sp->low, sp->high, lo, c->high);
    assert_int_equal(sp->capped, c->capped);
    assert_true(r->probability_low <= r->probability_high);  /* the run of both variants went through */
}

/* Low invalid in 2022 and high invalid in 2023: no value but the central
 * one is valid, so the edge is skipped, and said why. */
static void test_no_room(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load("[scenario]\nname=c\nbase_year=2021\nhorizon=2023\n[stages]\na=A\nb=B\n"
                                 "[baseline]\na=300\n[exits]\na=0.05\n[transitions]\na -> b = 0.5\n"
                                 "[policy down]\nfrom=2022\nto=2022\na -> b = -0.5\n"
                                 "[policy up]\nfrom=2023\nto=2023\na -> b = +0.45\n");
    g_autoptr(SensitivityPlan) p = plan(m, 0.2, FALSE);
    const SensitivitySkip *skip = plan_skip(p, "a -> b");
    assert_non_null(skip);
    assert_int_equal(skip->reason, SENSITIVITY_SKIP_NO_ROOM);
    const SensitivityParam *exit = plan_param(p, "exit.a");  /* 0.04 .. 0.05: capped above */
    assert_true(exit != NULL && exit->capped && fabs(exit->high - 0.05) < 1e-12);
}

/* A model invalid at central values (the loader lets none through; a
 * varied copy can be) has no plan: the loader's own kind of message,
 * naming the policy. */
static void test_invalid_central(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(CAP_HEAD "[transitions]\na -> b = 0.8\n[policy up]\nfrom=2023\na -> b = *1.1\n");
    model_set_param_value(m, model_param_find(m, "a -> b"), 0.85);
    g_autoptr(GError) error = NULL;
    assert_null(sensitivity_plan_new(m, &AS_RUN, &error));
    assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT));
    assert_non_null(strstr(error->message, "[policy up] a -> b = *1.1: in 2023"));
}

/* ---- the ranking ------------------------------------------------------ */

/* tech_sme -> hightech feeds the targeted stage; listed has no way back
 * down, so its exit and its baseline cannot move the 高企 count: under
 * common random numbers their swings are exactly 0 and their
 * probabilities exactly the base's.  Ties go by key. */
#define ORDER                                                                             \
    "[scenario]\nname=o\nbase_year=2021\nhorizon=2024\n"                                  \
    "[stages]\nstartup=初创\ntech_sme=科小\nhightech=高企\nlisted=上市\n"                  \
    "[baseline]\nstartup=500\ntech_sme=300\nhightech=100\nlisted=40\n"                    \
    "[transitions]\nstartup -> tech_sme = 0.1\ntech_sme -> hightech = 0.13\nhightech -> listed = 0.01\n" \
    "[exits]\nlisted=0.05\n[target 高企200]\nstage=hightech\nat_least=200\n"

static void test_order(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(ORDER);
    g_autoptr(Sensitivity) s = run(m, CENTRAL, SENSITIVITY_EVERY_TARGET, 2000);
    assert_int_equal(s->n_targets, 2);
    const SensitivityTarget *t = &s->targets[0];
    assert_string_equal(t->name, "高企200");
    assert_string_equal(s->targets[1].name, SENSITIVITY_ALL);
    assert_int_equal(s->targets[1].target, -1);
    assert_string_equal(t->rows[0].param->key, "tech_sme -> hightech");
    g_autofree char *label = i18n_param_label(m, t->rows[0].param->param, t->rows[0].param->stage);
    assert_string_equal(label, "科小 → 高企");
    assert_true(t->rows[0].swing > 0.3);
    for (int i = 1; i < t->n_rows; i++)
        assert_true(t->rows[i - 1].swing >= t->rows[i].swing);
    const char *unrelated[] = {"baseline.listed", "exit.listed"};
    for (gsize k = 0; k < G_N_ELEMENTS(unrelated); k++) {
        const SensitivityRow *r = row_of(t, unrelated[k]);
        assert_true(r->swing == 0.0);
        assert_true(r->probability_low == t->base_probability && r->probability_high == t->base_probability);
    }
    /* the two zeros are last, baseline.listed before exit.listed */
    assert_string_equal(t->rows[t->n_rows - 2].param->key, "baseline.listed");
    assert_string_equal(t->rows[t->n_rows - 1].param->key, "exit.listed");
    assert_true(t->rows[t->n_rows - 3].swing > 0);
    /* one target: "all" is the same ranking */
    for (int i = 0; i < t->n_rows; i++)
        assert_true(s->targets[1].rows[i].param == t->rows[i].param &&
                    s->targets[1].rows[i].swing == t->rows[i].swing);
}

/* One edge, one year: movers are Binomial(n, p), so P(movers >= 30) is
 * exact at the low and high edge (0.104, 0.156) and baseline (160, 240). */
#define ONE_EDGE                                                                          \
    "[scenario]\nname=x\nbase_year=2021\nhorizon=2022\n"                                  \
    "[stages]\ntech_sme=科小\nhightech=高企\n[baseline]\ntech_sme=200\n"                   \
    "[transitions]\ntech_sme -> hightech = 0.13\n"                                        \
    "[target 高企30]\nstage=hightech\nat_least=30\n"

static void assert_near_exact(double got, double exact, guint64 n, const char *what)
{
    double se = sqrt(exact * (1 - exact) / (double)n);
    if (!(fabs(got - exact) <= N_SE * se))
        fail_msg("%s: %.5f, exact %.5f, se %.5f", what, got, exact, se);
}

static void test_exact_binomial(void **state)
{
    (void)state;
    const guint64 n = 20000;
    g_autoptr(Model) m = tu_load(ONE_EDGE);
    g_autoptr(Sensitivity) s = run(m, CENTRAL, 0, n);
    assert_int_equal(s->n_targets, 1);
    const SensitivityTarget *t = &s->targets[0];
    assert_near_exact(t->base_probability, gsl_cdf_binomial_Q(29, 0.13, 200), n, "base");
    const SensitivityRow *e = row_of(t, "tech_sme -> hightech");
    assert_near_exact(e->probability_low, gsl_cdf_binomial_Q(29, 0.13 * 0.8, 200), n, "edge low");
    assert_near_exact(e->probability_high, gsl_cdf_binomial_Q(29, 0.13 * 1.2, 200), n, "edge high");
    const SensitivityRow *b = row_of(t, "baseline.tech_sme");
    assert_near_exact(b->probability_low, gsl_cdf_binomial_Q(29, 0.13, 160), n, "baseline low");
    assert_near_exact(b->probability_high, gsl_cdf_binomial_Q(29, 0.13, 240), n, "baseline high");
    assert_int_equal(t->n_rows, 2);  /* baseline.hightech is 0: skipped */
    assert_int_equal(s->plan->skipped->len, 1);
}

/* A stage's baseline set on a copy: its runs start there, spread over the
 * renewal clocks as a written one; the original is untouched. */
static void test_set_baseline(void **state)
{
    (void)state;
    g_autoptr(Model) a = tu_load("[scenario]\nname=b\nbase_year=2021\nhorizon=2022\n"
                                 "[stages]\ntech_sme=T\nhightech=H\n[baseline]\nhightech=10\n"
                                 "[renewal]\nhightech=3;0;tech_sme\n");
    g_autoptr(Model) b = model_copy(a);
    model_set_baseline(b, 1, 31);
    assert_int_equal(a->stages[1].baseline, 10);
    RunConfig c = config(5, 1);
    g_autoptr(RunResult) r = runner_run(b, &c, NULL);
    assert_non_null(r);
    /* year 0: 31 high-techs; in 2022 the 10 at clock 2 lapse (renewal 0) */
    assert_true(histogram_mean(r->stock[1]) == 31);
    assert_true(histogram_mean(r->stock[2 + 1]) == 21 && histogram_mean(r->stock[2 + 0]) == 10);
}

/* ---- the base --------------------------------------------------------- */

/* By default the base of every target, and of all together, is
 * runner_run's probability with [uncertainty] drawn, the same seed and
 * replications, to the last bit; with --central it is the central run's,
 * with run's beside it. */
static void test_base_is_run(void **state)
{
    (void)state;
    const guint64 n = 400;
    g_autoptr(Model) m = tu_load_bench6(NULL);
    g_autoptr(Sensitivity) s = run(m, AS_RUN, SENSITIVITY_EVERY_TARGET, n);
    g_autoptr(Sensitivity) c = run(m, CENTRAL, SENSITIVITY_EVERY_TARGET, n);
    RunConfig drawn = config(n, 1), central = config(n, 1);
    central.uncertain = FALSE;
    g_autoptr(RunResult) r = runner_run(m, &drawn, NULL);
    g_autoptr(RunResult) rc = runner_run(m, &central, NULL);
    assert_true(s->config.uncertain && !c->config.uncertain);
    gboolean differs = FALSE;
    for (int k = 0; k <= m->n_targets; k++) {
        double p = (double)(k < m->n_targets ? r->target_met[k] : r->all_met) / (double)n;
        double pc = (double)(k < m->n_targets ? rc->target_met[k] : rc->all_met) / (double)n;
        if (!(s->targets[k].base_probability == p && s->targets[k].run_probability == p &&
              c->targets[k].base_probability == pc && c->targets[k].run_probability == p))
            fail_msg("%s: base %g (run %g), central %g (run %g); want %g and %g", s->targets[k].name,
                     s->targets[k].base_probability, s->targets[k].run_probability, c->targets[k].base_probability,
                     c->targets[k].run_probability, p, pc);
        differs = differs || p != pc;
    }
    assert_true(differs);  /* the two bases are not the same question */
    assert_null(c->run_error);
}

/* One year, nothing moves: the count of a is its baseline plus its
 * recruitment, rounded, so every outcome is certain once recruitment is
 * drawn from uniform(20,80).  At its P5 (23) or P95 (77) the count is 73
 * or 127 whatever else is drawn: 0 and 1 by hand, a swing of exactly 1.
 * baseline.a goes 40 → 60 (--baselines) while recruitment is still
 * drawn, the same draw as the base's in each replication: the count is the
 * base's ∓ 10, so P(low) is exactly the share of base replications
 * counting 110 or more, which a run of the base at that threshold counts. */
#define CERTAIN                                                                           \
    "[scenario]\nname=c\nbase_year=2021\nhorizon=2022\n[stages]\na=A\nb=B\n[baseline]\na=50\n" \
    "[recruitment]\na=50\n[uncertainty]\nrecruitment.a = uniform(20,80)\n"              \
    "[target a]\nstage=a\nat_least=%d\n"

/* The base's probability of a count of at least `at_least`, as ladder run. */
static double certain_run(int at_least, guint64 n)
{
    g_autofree char *text = g_strdup_printf(CERTAIN, at_least);
    g_autoptr(Model) m = tu_load(text);
    RunConfig c = config(n, 1);
    g_autoptr(RunResult) r = runner_run(m, &c, NULL);
    return (double)r->target_met[0] / (double)n;
}

static void test_certain_outcomes(void **state)
{
    (void)state;
    const guint64 n = 1000;
    g_autofree char *text = g_strdup_printf(CERTAIN, 100);
    g_autoptr(Model) m = tu_load(text);
    SensitivityOptions o = {.spread = 0.2, .baselines = TRUE};
    g_autoptr(Sensitivity) s = run(m, o, 0, n);
    const SensitivityTarget *t = &s->targets[0];
    assert_string_equal(t->rows[0].param->key, "recruitment.a");
    assert_true(t->rows[0].probability_low == 0 && t->rows[0].probability_high == 1 && t->rows[0].swing == 1);
    assert_true(t->base_probability == certain_run(100, n));
    assert_true(t->base_probability > 0.4 && t->base_probability < 0.6);  /* 30.5/60 */
    const SensitivityRow *b = row_of(t, "baseline.a");
    assert_true(b->param->low == 40 && b->param->high == 60);
    assert_true(b->probability_low == certain_run(110, n) && b->probability_high == certain_run(90, n));
    assert_true(b->probability_low < t->base_probability && t->base_probability < b->probability_high);
    /* --central: recruitment at 50 makes the count 100: certain, unlike run */
    g_autoptr(Sensitivity) c = run(m, CENTRAL, 0, n);
    assert_true(c->targets[0].base_probability == 1 && c->targets[0].run_probability == t->base_probability);
}

/* --central on a file whose draws `ladder run` cannot run (a policy pushes
 * a drawn edge past 1): still today's analysis, run's probability NaN and
 * why; without --central, the runner's error and the way around it. */
static void test_central_run_fails(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(CAP_HEAD "[transitions]\na -> b = 0.6\n[uncertainty]\na -> b = beta(60,40)\n"
                                          "[policy up]\na -> b = *1.5\n");
    g_autoptr(Sensitivity) c = run(m, CENTRAL, SENSITIVITY_EVERY_TARGET, 200);
    assert_true(isnan(c->targets[0].run_probability) && c->targets[0].base_probability >= 0);
    assert_non_null(c->run_error);
    tu_assert_contains(c->run_error, "drew these values from [uncertainty]");
    RunConfig rc = config(200, 2);
    g_autoptr(GError) error = NULL;
    assert_null(sensitivity_run(m, &AS_RUN, SENSITIVITY_EVERY_TARGET, &rc, &error));
    assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT));
    tu_assert_contains(error->message, "[policy up] a -> b = *1.5: in 2022");
    tu_assert_contains(error->message, "--central varies each with the others at their central values");
}

/* --target names: a target, "all", or a typo with the nearest suggested. */
static void test_target_find(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(ONE_EDGE "[target 瞪羚企业50家]\nstage=hightech\nat_least=50\n");
    assert_int_equal(sensitivity_target_find(m, "瞪羚企业50家", NULL), 1);
    assert_int_equal(sensitivity_target_find(m, "all", NULL), 2);
    g_autoptr(GError) error = NULL;
    assert_int_equal(sensitivity_target_find(m, "瞪羚企业5家", &error), -1);
    assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_USAGE));
    assert_non_null(strstr(error->message, "did you mean '瞪羚企业50家'"));
}

/* ---- the command ------------------------------------------------------ */

/* sensitivity.json: the same bytes on 1 and 3 threads, with every field. */
static void test_cli_threads(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = tu_data_file("bench6.ini");
    char *text[2] = {NULL, NULL};
    const char *threads[] = {"1", "3"};
    for (int i = 0; i < 2; i++) {
        g_autofree char *out = g_build_filename(dir, threads[i], NULL);
        g_auto(TuRun) r = tu_ladder(NULL, "sensitivity", sc, "--reps", "300", "--threads", threads[i], "--out", out,
                            "--no-charts", "-q", NULL);
        tu_assert_status(&r, 0);
        assert_string_equal(r.out, "");
        text[i] = tu_read_text(out, "sensitivity.json");
    }
    assert_string_equal(text[0], text[1]);
    g_autofree char *one = g_build_filename(dir, threads[0], NULL);
    g_autoptr(JsonNode) root = tu_read_json(one, "sensitivity.json");
    JsonObject *o = json_node_get_object(root);
    assert_true(json_object_get_double_member(o, "spread") == 0.2);
    assert_int_equal(json_object_get_int_member(o, "replications"), 300);
    assert_int_equal(json_object_get_int_member(o, "seed"), 6);
    JsonArray *targets = json_object_get_array_member(o, "targets");
    assert_int_equal(json_array_get_length(targets), 5);  /* four targets and all */
    JsonObject *all = json_array_get_object_element(targets, 4);
    assert_string_equal(json_object_get_string_member(all, "name"), "all");
    JsonObject *row = json_array_get_object_element(json_object_get_array_member(all, "rows"), 0);
    const char *fields[] = {"parameter", "label", "low", "high", "source", "capped",
                            "probability_low", "probability_high", "swing"};
    for (gsize f = 0; f < G_N_ELEMENTS(fields); f++)
        if (!json_object_has_member(row, fields[f]))
            fail_msg("a row has no %s", fields[f]);
    assert_non_null(json_object_get_array_member(o, "skipped"));
    assert_string_equal(json_object_get_string_member(o, "mode"), "run");
    assert_false(json_object_get_boolean_member(o, "baselines"));
    assert_true(json_object_get_boolean_member(o, "uncertainty"));
    JsonObject *base = json_object_get_object_member(all, "base");
    const char *base_fields[] = {"mode", "probability", "run_probability", "same_as_run", "reason", "text"};
    for (gsize f = 0; f < G_N_ELEMENTS(base_fields); f++)
        if (!json_object_has_member(base, base_fields[f]))
            fail_msg("the base has no %s", base_fields[f]);
    g_free(text[0]);
    g_free(text[1]);
}

/* The target probabilities of summary.json (`ladder run`), all together last. */
static GArray *run_probabilities(const char *dir)
{
    g_autoptr(JsonNode) n = tu_read_json(dir, "summary.json");
    JsonObject *o = json_node_get_object(n);
    JsonArray *targets = json_object_get_array_member(o, "targets");
    GArray *p = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint k = 0; k < json_array_get_length(targets); k++) {
        double x = tu_num(json_array_get_object_element(targets, k), "probability");
        g_array_append_val(p, x);
    }
    double all = tu_num(o, "all_targets_probability");
    g_array_append_val(p, all);
    return p;
}

/* `ladder run` and `ladder sensitivity` on the same file: the base of each
 * target is run's summary.json probability, exactly, and says so in the
 * table, the JSON and the report; with --central the base is the central
 * one, run's stands beside it with the reason, everywhere. */
static void test_cli_same_as_run(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *rel = g_build_filename(tu_srcdir(), "scenarios", "tianning-2025.ini", NULL);
    g_autofree char *sc = g_canonicalize_filename(rel, NULL);
    g_autofree char *run_out = g_build_filename(dir, "run", NULL);
    g_autofree char *sens_out = g_build_filename(dir, "sens", NULL);
    g_autofree char *central_out = g_build_filename(dir, "central", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "run", sc, "--reps", "1000", "--out", run_out, "--no-charts", "-q", NULL);
    g_auto(TuRun) s = tu_ladder(NULL, "sensitivity", sc, "--reps", "1000", "--out", sens_out, "--no-charts", "--report", NULL);
    g_auto(TuRun) c = tu_ladder(NULL, "sensitivity", sc, "--reps", "1000", "--out", central_out, "--no-charts", "--report",
                        "--central", NULL);
    tu_assert_status(&r, 0);
    tu_assert_status(&s, 0);
    tu_assert_status(&c, 0);
    g_autoptr(GArray) want = run_probabilities(run_out);
    g_autoptr(JsonNode) sj = tu_read_json(sens_out, "sensitivity.json");
    g_autoptr(JsonNode) cj = tu_read_json(central_out, "sensitivity.json");
    JsonArray *st = json_object_get_array_member(json_node_get_object(sj), "targets");
    JsonArray *ct = json_object_get_array_member(json_node_get_object(cj), "targets");
    assert_int_equal(json_array_get_length(st), want->len);
    for (guint k = 0; k < want->len; k++) {
        double p = g_array_index(want, double, k);
        JsonObject *t = json_array_get_object_element(st, k);
        JsonObject *b = json_object_get_object_member(t, "base");
        JsonObject *cb = json_object_get_object_member(json_array_get_object_element(ct, k), "base");
        if (!(tu_num(t, "base_probability") == p && tu_num(b, "probability") == p && tu_num(b, "run_probability") == p))
            fail_msg("target %u: base %g, run %g", k, tu_num(b, "probability"), p);
        assert_string_equal(json_object_get_string_member(b, "mode"), "run");
        assert_true(json_object_get_boolean_member(b, "same_as_run"));
        assert_string_equal(json_object_get_string_member(cb, "mode"), "central");
        assert_true(tu_num(cb, "run_probability") == p && tu_num(cb, "probability") != p);
        assert_false(json_object_get_boolean_member(cb, "same_as_run"));
        tu_assert_contains(json_object_get_string_member(cb, "reason"), "--central: every parameter at its central value");
        tu_assert_contains(json_object_get_string_member(cb, "text"), "（所有参数取中心值，不同于 ladder run 的 ");
    }
    g_autofree char *hightech = g_strdup_printf("高新技术企业500家：有效高企 ≥ 500（2025 年） · 基准：与 ladder run 相同的 %.1f%%",
                                                100 * g_array_index(want, double, 1));
    tu_assert_contains(s.out, hightech);
    tu_assert_contains(s.out, "其余参数与 ladder run 一样按 [uncertainty] 抽样");
    g_autofree char *central_line = g_strdup_printf("（所有参数取中心值，不同于 ladder run 的 %.1f%%）",
                                                    100 * g_array_index(want, double, 1));
    tu_assert_contains(c.out, central_line);
    tu_assert_contains(c.out, "其余参数取中心值");
    g_autofree char *sr = tu_read_text(sens_out, "report.html");
    g_autofree char *cr = tu_read_text(central_out, "report.html");
    tu_assert_contains(sr, "</b> · 基准：与 ladder run 相同的 ");
    tu_assert_contains(cr, central_line);
}

/* Without --out: out/<stem>-sensitivity; --target keeps one target, one
 * chart; the table names the target and says where the results are. */
static void test_cli_default_out(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = tu_write(dir, "one.ini", ORDER "[target 科小]\nstage=tech_sme\nyear=2024\nat_least=1\n");
    g_auto(TuRun) r = tu_ladder(dir, "sensitivity", sc, "--reps", "200", "--target", "科小", "--no-charts", NULL);
    tu_assert_status(&r, 0);
    g_autofree char *out = g_build_filename(dir, "out", "one-sensitivity", NULL);
    g_autofree char *json = tu_read_text(out, "sensitivity.json");
    tu_assert_contains(json, "\"name\" : \"科小\"");
    assert_null(strstr(json, "高企200"));
    g_autofree char *files = tu_list_dir(out);
    assert_string_equal(files, ".ladder-output\nscenario.json\nsensitivity.csv\nsensitivity.json\ntornado_2.dat\ntornado_2.gp\n");
    tu_assert_contains(r.out, "科小：科小 ≥ 1（2024 年） · 基准：与 ladder run 相同的 100.0%");
    tu_assert_contains(r.out, "未变动 baseline.listed：无 [uncertainty]，加 --baselines 才变动");
    g_autofree char *gp = tu_read_text(out, "tornado_2.gp");  /* the chart's title names its base */
    tu_assert_contains(gp, "\\n基准：与 ladder run 相同的 100.0%\"");
    tu_assert_contains(r.out, "out/one-sensitivity/");
}

/* With charts: a PNG and an SVG beside each script. */
static void test_cli_charts(void **state)
{
    (void)state;
    g_autofree char *gnuplot = g_find_program_in_path("gnuplot");
    if (gnuplot == NULL)
        skip();
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = tu_write(dir, "o.ini", ORDER);
    g_autofree char *out = g_build_filename(dir, "res", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "sensitivity", sc, "--reps", "200", "--out", out, "-q", NULL);
    tu_assert_status(&r, 0);
    const char *names[] = {"tornado_1.png", "tornado_1.svg", "tornado_all.png", "tornado_all.svg"};
    for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
        g_autofree char *path = g_build_filename(out, names[i], NULL);
        assert_true(g_file_test(path, G_FILE_TEST_IS_REGULAR));
    }
}

/* Bad input: exit 2, one "ladder: " message, and the folder as it was. */
typedef struct {
    const char *id;
    const char *scenario;   /* written to DIR/bad.ini; NULL: no file */
    const char *args[3];    /* more arguments, NULL-ended */
    const char *want[2];    /* in stderr */
} BadCase;

static const BadCase bad_cases[] = {
    {"sens-5.1", ORDER, {"--target", "高企2000", NULL}, {"--target 高企2000", "did you mean '高企200'"}},
    {"sens-5.2", ORDER, {"--spread", "0", NULL}, {"--spread 0: expected a number greater than 0 and less than 1",
                                                   "Try 'ladder help sensitivity'"}},
    {"sens-5.3", ORDER, {"--spread", "1.5", NULL}, {"--spread 1.5", "Try 'ladder help sensitivity'"}},
    {"sens-5.4", ORDER, {"--spread", "1", NULL}, {"--spread 1:", NULL}},
    {"sens-5.5", ORDER, {"--spread", "abc", NULL}, {"--spread abc", NULL}},
    {"sens-5.6", ORDER, {"--reps", "0", NULL}, {"--reps 0", NULL}},
    {"sens-5.7", ORDER "[policy x]\nfrom=2023\ntech_sme -> hightech = *9\n", {NULL},
     {"bad.ini:26: [policy x] tech_sme -> hightech = *9: in 2023", NULL}},
    {"sens-5.8", "[scenario]\nname=t\nbase_year=2021\nhorizon=2023\n[stages]\na=A\n", {NULL},
     {"bad.ini: no [target NAME] group", NULL}},
    {"sens-5.9", NULL, {NULL}, {"bad.ini", NULL}},
    {"sens-5.10", ORDER, {"extra.ini", NULL}, {"only one scenario file", NULL}},
    /* --central is this command's way to central values */
    {"sens-5.11", ORDER, {"--no-uncertainty", NULL}, {"Unknown option --no-uncertainty", NULL}},
};

static void test_bad_case(void **state)
{
    const BadCase *c = *state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = c->scenario ? tu_write(dir, "bad.ini", c->scenario) : g_build_filename(dir, "bad.ini", NULL);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *before = tu_list_dir(dir);
    g_auto(TuRun) r = tu_ladder(NULL, "sensitivity", sc, "--out", out, "--reps", "50", "--no-charts", c->args[0],
                        c->args[1], c->args[2], NULL);
    tu_assert_bad_input(&r, c->want, G_N_ELEMENTS(c->want), dir, before);
}

/* `ladder help sensitivity` shows the options and an example. */
static void test_cli_help(void **state)
{
    (void)state;
    const char *const want[] = {"Example", "ladder sensitivity scenarios/tianning-2025.ini", "--spread", "--target",
                                "--central", "--baselines", "基准：与 ladder run 相同的", "--reps",
                                "(default: out/<file stem>-sensitivity)"};
    tu_assert_help("sensitivity", want, G_N_ELEMENTS(want));
    g_auto(TuRun) r = tu_ladder(NULL, "help", "sensitivity", NULL);
    assert_true(strstr(r.out, "\n  --no-uncertainty") == NULL); /* not among the options */
    g_auto(TuRun) o = tu_ladder(NULL, "help", NULL);
    tu_assert_contains(o.out, "sensitivity");
}

/* Ctrl-C: exit 130, a message, and no folder left behind. */
static void test_cli_interrupted(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = tu_data_file("bench6.ini");
    const char *const args[] = {"sensitivity", sc, "--reps", "10000000", "--no-charts", "-q", NULL};
    tu_assert_interrupted(dir, args);
}

int main(void)
{
    gsl_set_error_handler_off();
    tu_pin_ladder();
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_spread_and_count),
        cmocka_unit_test(test_no_room),
        cmocka_unit_test(test_invalid_central),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_exact_binomial),
        cmocka_unit_test(test_set_baseline),
        cmocka_unit_test(test_target_find),
        cmocka_unit_test(test_baselines_flag),
        cmocka_unit_test(test_base_is_run),
        cmocka_unit_test(test_certain_outcomes),
        cmocka_unit_test(test_central_run_fails),
        cmocka_unit_test(test_cli_same_as_run),
        cmocka_unit_test(test_cli_threads),
        cmocka_unit_test(test_cli_default_out),
        cmocka_unit_test(test_cli_charts),
        cmocka_unit_test(test_cli_help),
        cmocka_unit_test(test_cli_interrupted),
    };
    g_autoptr(GArray) tests = TU_TESTS(fixed);
    ADD_ROWS(tests, value_cases, test_value_case);
    ADD_ROWS(tests, baseline_cases, test_baseline_case);
    ADD_ROWS(tests, cap_cases, test_cap_case);
    ADD_ROWS(tests, bad_cases, test_bad_case);
    return tu_run_tests("sensitivity", tests);
}
