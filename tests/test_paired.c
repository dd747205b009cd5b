/* test_paired.c: models run side by side under common random numbers:
 * differences that must be exactly zero, a paired difference against an
 * exact answer, thread counts, mismatched ladders, and the model variants
 * (copies, varied values, levers) that comparisons are built from.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "testutil.h"

#include "engine.h"
#include "errors.h"
#include "histogram.h"
#include "model.h"
#include "rng.h"
#include "paired.h"
#include "runner.h"
#include "scenario.h"

/* Tolerance of every statistical check, in standard errors. */
#define N_SE 4.0
#define SEED 20240602

static RunConfig config(guint64 reps, guint threads)
{
    return (RunConfig){.reps = reps, .seed = SEED, .threads = threads, .uncertain = TRUE};
}

static RunResult *run(const Model *m, guint64 reps, guint threads)
{
    RunConfig c = config(reps, threads);
    return tu_run(m, &c);
}

static PairedResult *run_paired(const Model *const *models, int n, guint64 reps, guint threads)
{
    RunConfig c = config(reps, threads);
    GError *error = NULL;
    PairedResult *p = runner_run_paired(models, n, &c, &error);
    if (p == NULL)
        fail_msg("paired run failed: %s", error->message);
    return p;
}

/* Occurrences of `v` in `h`. */
static guint32 hist_count(const Histogram *h, gint64 v)
{
    return h->n_bins > 0 && v >= h->lo && v - h->lo < (gint64)h->n_bins ? h->bins[v - h->lo] : 0;
}

/* The same count of every value (the bins' layout depends on the order
 * values came in, so on the thread count). */
static void assert_hist_equal(const Histogram *a, const Histogram *b)
{
    assert_int_equal(a->total, b->total);
    gint64 lo = MIN(histogram_min(a), histogram_min(b)), hi = MAX(histogram_max(a), histogram_max(b));
    for (gint64 v = lo; v <= hi; v++)
        if (hist_count(a, v) != hist_count(b, v))
            fail_msg("value %" G_GINT64_FORMAT ": %u against %u", v, hist_count(a, v), hist_count(b, v));
}

/* Every count of two runs of models with the same ladder and targets. */
static void assert_runs_equal(const RunResult *a, const RunResult *b)
{
    int cells = a->n_years * a->n_stages, targets = a->model->n_targets;
    assert_int_equal(cells, b->n_years * b->n_stages);
    assert_int_equal(targets, b->model->n_targets);
    for (int i = 0; i < cells; i++)
        assert_hist_equal(a->stock[i], b->stock[i]);
    assert_memory_equal(a->entries_sum, b->entries_sum, sizeof(guint64) * cells);
    for (int i = 0; i < targets; i++)
        assert_hist_equal(a->target[i], b->target[i]);
    if (targets > 0)
        assert_memory_equal(a->target_met, b->target_met, sizeof(guint64) * targets);
    assert_int_equal(a->all_met, b->all_met);
}

static void assert_all_zero(const double *v, int n, const char *what)
{
    for (int i = 0; i < n; i++)
        if (v[i] != 0)
            fail_msg("%s[%d] = %g, want exactly 0", what, i, v[i]);
}

/* ---- differences that must vanish ------------------------------------- */

/* A model paired with a copy of itself: every difference is exactly 0, and
 * each model's result is exactly runner_run's. */
static void test_identical_copy(void **state)
{
    (void)state;
    g_autoptr(Model) a = tu_load_bench6(NULL);
    g_autoptr(Model) b = model_copy(a);
    const Model *models[] = {a, b};
    g_autoptr(PairedResult) p = run_paired(models, 2, 1500, 2);
    g_autoptr(RunResult) alone = run(a, 1500, 3);
    assert_runs_equal(p->runs[0], alone);
    assert_runs_equal(p->runs[1], alone);
    int cells = model_n_years(a) * a->n_stages;
    assert_all_zero(p->stock_diff_sum[1], cells, "stock_diff_sum");
    assert_all_zero(p->stock_diff_sumsq[1], cells, "stock_diff_sumsq");
    assert_all_zero(p->target_diff_sum[1], a->n_targets, "target_diff_sum");
    assert_all_zero(p->target_diff_sumsq[1], a->n_targets, "target_diff_sumsq");
    assert_all_zero(p->count_diff_sum[1], a->n_targets, "count_diff_sum");
    assert_all_zero(p->count_diff_sumsq[1], a->n_targets, "count_diff_sumsq");
    assert_true(p->all_diff_sum[1] == 0 && p->all_diff_sumsq[1] == 0);
    /* the run does vary: the zeros are not for want of spread */
    assert_true(histogram_sd(alone->stock[cells - 1]) > 0);
}

/* bench6 changed from base_year + 3 (2023), by a policy or by a lever:
 * years before are identical replication by replication (difference sums
 * and sums of squares exactly 0); from then on the change shows. */
typedef struct {
    const char *id;
    const char *policy;  /* groups appended to bench6, or NULL */
    const char *lever;   /* key of a parameter given a lever from 2023, or NULL */
    double value;        /* the lever's value */
} LateCase;

static const LateCase late_cases[] = {
    {"paired-2.1", "\n[policy late]\nfrom=2023\nhightech -> gazelle = *1.5\nexit.tech_sme=+0.02\n", NULL, 0},
    {"paired-2.2", "\n[policy late]\nfrom=2023\nto=2023\ninflow.startup = *1.3\n", NULL, 0},
    {"paired-2.3", NULL, "tech_sme -> hightech", 0.16},
    {"paired-2.4", NULL, "inflow.startup", 700},
};

static void test_late_case(void **state)
{
    const LateCase *c = *state;
    g_autoptr(Model) a = tu_load_bench6(NULL);
    g_autoptr(Model) b = tu_load_bench6(c->policy);
    if (c->lever)
        model_set_lever(b, model_param_find(b, c->lever), 2023, c->value);
    const Model *models[] = {a, b};
    g_autoptr(PairedResult) p = run_paired(models, 2, 800, 2);
    int S = a->n_stages, first = 2023 - a->base_year, cells = model_n_years(a) * S;
    assert_all_zero(p->stock_diff_sum[1], first * S, "stock_diff_sum");
    assert_all_zero(p->stock_diff_sumsq[1], first * S, "stock_diff_sumsq");
    int moved = 0;
    for (int i = first * S; i < cells; i++)
        moved += p->stock_diff_sumsq[1][i] > 0;
    if (moved < S)
        fail_msg("only %d stage-years from 2023 on differ", moved);
}

/* A six-stage ladder with no way down from gazelle: a policy on gazelle ->
 * unicorn alone leaves start-ups, tech SMEs and high-techs with identical
 * draws in every year of every replication, renewals and uncertainty
 * included, while gazelles and unicorns move. */
#define CHAIN6                                                                           \
    "[scenario]\nname=chain\nbase_year=2020\nhorizon=2026\n"                              \
    "[stages]\nstartup=S\ntech_sme=T\nhightech=H\ngazelle=G\nunicorn=U\nlisted=L\n"       \
    "[baseline]\nstartup=2000\ntech_sme=600\nhightech=300\ngazelle=60\nunicorn=8\n"       \
    "[transitions]\nstartup -> tech_sme = 0.1\ntech_sme -> hightech = 0.12\n"             \
    "tech_sme -> startup = 0.03\nhightech -> gazelle = 0.05\ngazelle -> unicorn = 0.08\n" \
    "gazelle -> listed = 0.02\nunicorn -> listed = 0.1\n"                                 \
    "[exits]\nstartup=0.15\nhightech=0.02\ngazelle=0.03\n"                                \
    "[renewal]\nhightech=3;0.8;tech_sme\n"                                                \
    "[inflows]\nstartup=300\ngazelle=2\n"                                                 \
    "[uncertainty]\nstartup -> tech_sme = beta(20,180)\ngazelle -> unicorn = beta(16,184)\n"

static void test_upstream_unchanged(void **state)
{
    (void)state;
    g_autoptr(Model) a = tu_load(CHAIN6);
    g_autoptr(Model) b = tu_load(CHAIN6 "[policy push]\ngazelle -> unicorn = *1.5\n");
    const Model *models[] = {a, b};
    g_autoptr(PairedResult) p = run_paired(models, 2, 1000, 3);
    int Y = model_n_years(a), S = a->n_stages;
    const int upstream = model_stage_index(a, "hightech");
    for (int y = 0; y < Y; y++)
        for (int s = 0; s <= upstream; s++)
            if (p->stock_diff_sum[1][y * S + s] != 0 || p->stock_diff_sumsq[1][y * S + s] != 0)
                fail_msg("stage %s, year %d: differences %g, squares %g; want 0", a->stages[s].id,
                         a->base_year + y, p->stock_diff_sum[1][y * S + s], p->stock_diff_sumsq[1][y * S + s]);
    int unicorn = model_stage_index(a, "unicorn");
    PairedDiff d = paired_result_stock(p, 1, Y - 1, unicorn);
    assert_true(d.lo > 0);  /* more unicorns, surely */
}

/* ---- thread counts ---------------------------------------------------- */

static void assert_rows_equal(double **a, double **b, int k, int n)
{
    if (n > 0)
        assert_memory_equal(a[k], b[k], sizeof(double) * n);
}

/* Every sum of two paired results of the same models, bit for bit. */
static void assert_paired_equal(const PairedResult *a, const PairedResult *b, const Model *const *models)
{
    assert_int_equal(a->n_models, b->n_models);
    for (int k = 0; k < a->n_models; k++) {
        const Model *m = models[k];
        int cells = model_n_years(m) * m->n_stages;
        assert_runs_equal(a->runs[k], b->runs[k]);
        assert_rows_equal(a->stock_diff_sum, b->stock_diff_sum, k, cells);
        assert_rows_equal(a->stock_diff_sumsq, b->stock_diff_sumsq, k, cells);
        assert_rows_equal(a->target_diff_sum, b->target_diff_sum, k, m->n_targets);
        assert_rows_equal(a->target_diff_sumsq, b->target_diff_sumsq, k, m->n_targets);
        assert_rows_equal(a->count_diff_sum, b->count_diff_sum, k, m->n_targets);
        assert_rows_equal(a->count_diff_sumsq, b->count_diff_sumsq, k, m->n_targets);
        assert_memory_equal(&a->all_diff_sum[k], &b->all_diff_sum[k], sizeof(double));
        assert_memory_equal(&a->all_diff_sumsq[k], &b->all_diff_sumsq[k], sizeof(double));
    }
}

/* Three models (a policy variant and a varied value) give the same bytes
 * on 1, 2 and 3 threads. */
static void test_threads(void **state)
{
    (void)state;
    g_autoptr(Model) a = tu_load_bench6(NULL);
    g_autoptr(Model) b = tu_load_bench6("\n[policy late]\nfrom=2022\nhightech -> gazelle = *1.5\n");
    g_autoptr(Model) c = model_copy(a);
    model_set_param_value(c, model_param_find(c, "renewal.hightech"), 0.9);
    const Model *models[] = {a, b, c};
    g_autoptr(PairedResult) one = run_paired(models, 3, 1000, 1);
    for (guint t = 2; t <= 3; t++) {
        g_autoptr(PairedResult) more = run_paired(models, 3, 1000, t);
        assert_paired_equal(one, more, models);
    }
    assert_true(one->stock_diff_sumsq[2][model_n_years(a) * a->n_stages - 1] > 0);
}

/* A model whose drawn values a policy pushes out of range fails the
 * paired run with the same message as its own run: the lowest failing
 * replication, whichever its place and the thread count. */
#define OUT_OF_RANGE                                                                     \
    "[scenario]\nname=x\nbase_year=2021\nhorizon=2023\n"                                 \
    "[stages]\ntech_sme=科小\nhightech=高企\n[baseline]\nhightech=100\n"                  \
    "[renewal]\nhightech=3;0.75;tech_sme\n[uncertainty]\nrenewal.hightech=beta(30,10)\n"

static void test_lowest_failure(void **state)
{
    (void)state;
    g_autoptr(Model) ok = tu_load(OUT_OF_RANGE);
    g_autoptr(Model) bad = tu_load(OUT_OF_RANGE "[policy 加码]\nfrom=2023\nrenewal.hightech=+0.15\n");
    RunConfig c = config(2000, 2);
    GError *want = NULL;
    assert_null(runner_run(bad, &c, &want));
    const Model *orders[][2] = {{ok, bad}, {bad, ok}};
    for (gsize o = 0; o < G_N_ELEMENTS(orders); o++)
        for (guint t = 1; t <= 3; t++) {
            c.threads = t;
            g_autoptr(GError) error = NULL;
            assert_null(runner_run_paired(orders[o], 2, &c, &error));
            assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT));
            assert_string_equal(error->message, want->message);
        }
    g_error_free(want);
}

/* ---- a paired difference against an exact answer --------------------- */

/* mean, sd (n - 1) and mean -/+ 1.96 sd/sqrt(n) of 1, 2, 3, 4. */
static void test_paired_diff_formula(void **state)
{
    (void)state;
    PairedDiff d = paired_diff(10, 30, 4);
    double sd = sqrt(5.0 / 3.0), half = 1.96 * sd / 2;
    assert_true(fabs(d.mean - 2.5) < 1e-15 && fabs(d.sd - sd) < 1e-15);
    assert_true(fabs(d.lo - (2.5 - half)) < 1e-15 && fabs(d.hi - (2.5 + half)) < 1e-15);
    PairedDiff nan = paired_diff(NAN, NAN, 4);
    assert_true(isnan(nan.mean) && isnan(nan.lo) && isnan(nan.hi));
}

/* One edge, one year: movers are Binomial(200, p), p 0.13 against 0.15.
 * P(movers >= 30) is exact for both; the paired mean difference lies within
 * N_SE standard errors of the exact difference, and common random numbers
 * make its sd at most UNPAIRED_SHARE of two independent runs'. */
#define UNPAIRED_SHARE 0.9

#define ONE_EDGE                                                                         \
    "[scenario]\nname=x\nbase_year=2021\nhorizon=2022\n"                                 \
    "[stages]\ntech_sme=科小\nhightech=高企\n[baseline]\ntech_sme=200\n"                  \
    "[transitions]\ntech_sme -> hightech = 0.13\n"                                       \
    "[target 高企30]\nstage=hightech\nat_least=30\n"

static void test_target_difference(void **state)
{
    (void)state;
    const guint64 n = 20000;
    g_autoptr(Model) a = tu_load(ONE_EDGE);
    g_autoptr(Model) b = model_copy(a);
    model_set_param_value(b, model_param_find(b, "tech_sme -> hightech"), 0.15);
    const Model *models[] = {a, b};
    g_autoptr(PairedResult) p = run_paired(models, 2, n, 2);
    double qa = gsl_cdf_binomial_Q(29, 0.13, 200), qb = gsl_cdf_binomial_Q(29, 0.15, 200);
    PairedDiff d = paired_result_target(p, 1, 0);
    double se = d.sd / sqrt((double)n);
    if (!(fabs(d.mean - (qb - qa)) <= N_SE * se))
        fail_msg("paired difference %.5f, exact %.5f, se %.5f", d.mean, qb - qa, se);
    assert_true(fabs(d.hi - d.lo - 2 * 1.96 * se) < 1e-12);
    /* Independent runs would give sqrt(var_a + var_b), give or take 1% at
     * this n; common random numbers give about 0.77 of it here. */
    double unpaired = sqrt(qa * (1 - qa) + qb * (1 - qb));
    if (!(d.sd < UNPAIRED_SHARE * unpaired))
        fail_msg("sd of the paired difference %.4f, unpaired %.4f", d.sd, unpaired);
    PairedDiff all = paired_result_all(p, 1);
    assert_true(all.mean == d.mean);  /* one target: "all met" is that target */
}

/* A target of model k with no target of that name in model 0 is not
 * paired: its sums are NaN; one of the same name is, wherever it stands. */
static void test_targets_by_name(void **state)
{
    (void)state;
    g_autoptr(Model) a = tu_load(ONE_EDGE);
    g_autoptr(Model) b = tu_load(ONE_EDGE "[target other]\nstage=hightech\nat_least=20\n");
    g_autoptr(Model) c = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2022\n"
                              "[stages]\ntech_sme=科小\nhightech=高企\n[baseline]\ntech_sme=200\n"
                              "[transitions]\ntech_sme -> hightech = 0.13\n"
                              "[target other]\nstage=hightech\nat_least=20\n"
                              "[target 高企30]\nstage=hightech\nat_least=30\n");
    const Model *models[] = {a, b, c};
    g_autoptr(PairedResult) p = run_paired(models, 3, 500, 2);
    assert_true(p->target_diff_sum[1][0] == 0 && p->count_diff_sumsq[1][0] == 0);
    assert_true(isnan(p->target_diff_sum[1][1]) && isnan(p->target_diff_sumsq[1][1]));
    assert_true(isnan(p->count_diff_sum[1][1]) && isnan(paired_result_count(p, 1, 1).mean));
    assert_true(isnan(p->target_diff_sum[2][0]));
    assert_true(p->target_diff_sum[2][1] == 0 && p->count_diff_sumsq[2][1] == 0);
}

/* ---- ladders that cannot be compared ---------------------------------- */

typedef struct {
    const char *id;
    const char *b;     /* what b.ini has instead of a.ini's lines */
    const char *want;  /* in the message */
} MismatchCase;

#define MISMATCH_HEAD "[scenario]\nname=x\nbase_year=2021\n"
#define MISMATCH_A MISMATCH_HEAD "horizon=2025\n[stages]\nstartup=S\nhightech=H\nlisted=L\n[baseline]\nstartup=5\n"

static const MismatchCase mismatch_cases[] = {
    {"paired-6.1", MISMATCH_HEAD "horizon=2025\n[stages]\nstartup=S\ngazelle=G\nlisted=L\n[baseline]\nstartup=5\n",
     "[stages] must list the same stages in the same order as %s to be compared (found 'gazelle' where 'hightech' was)"},
    {"paired-6.2", MISMATCH_HEAD "horizon=2025\n[stages]\nstartup=S\nlisted=L\nhightech=H\n[baseline]\nstartup=5\n",
     "[stages] must list the same stages in the same order as %s to be compared (found 'listed' where 'hightech' was)"},
    {"paired-6.3", MISMATCH_HEAD "horizon=2025\n[stages]\nstartup=S\nhightech=H\n[baseline]\nstartup=5\n",
     "[stages] must list the same stages in the same order as %s to be compared (found no stage where 'listed' was)"},
    {"paired-6.4", MISMATCH_HEAD "horizon=2025\n[stages]\nstartup=S\nhightech=H\nlisted=L\nx=X\n[baseline]\nstartup=5\n",
     "[stages] must list the same stages in the same order as %s to be compared (found 'x' after the last, 'listed')"},
    {"paired-6.5", MISMATCH_HEAD "horizon=2026\n[stages]\nstartup=S\nhightech=H\nlisted=L\n[baseline]\nstartup=5\n",
     "[scenario] horizon must be the same as in %s to be compared (found 2026 where 2025 was)"},
    {"paired-6.6", "[scenario]\nname=x\nbase_year=2020\nhorizon=2025\n[stages]\nstartup=S\nhightech=H\nlisted=L\n"
                   "[baseline]\nstartup=5\n",
     "[scenario] base_year must be the same as in %s to be compared (found 2020 where 2021 was)"},
};

static void test_mismatch_case(void **state)
{
    const MismatchCase *c = *state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *pa = tu_write(dir, "a.ini", MISMATCH_A), *pb = tu_write(dir, "b.ini", c->b);
    g_autoptr(Model) a = scenario_load(pa, NULL);
    g_autoptr(Model) b = scenario_load(pb, NULL);
    assert_non_null(a);
    assert_non_null(b);
    const Model *models[] = {a, a, b};
    RunConfig cfg = config(10, 1);
    g_autoptr(GError) error = NULL;
    assert_null(runner_run_paired(models, 3, &cfg, &error));
    assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT));
    g_autofree char *what = g_strdup_printf(c->want, pa);
    g_autofree char *want = g_strdup_printf("%s: %s", pb, what);
    assert_string_equal(error->message, want);
}

/* ---- model variants --------------------------------------------------- */

/* A copy runs to the same result as its original, after the original is
 * gone; changing the copy leaves the original as it was. */
static void test_model_copy(void **state)
{
    (void)state;
    Model *a = tu_load_bench6("\n[policy late]\nfrom=2024\nexit.tech_sme=+0.02\n");
    g_autoptr(Model) keep = model_copy(a);
    g_autoptr(Model) b = model_copy(a);
    g_autoptr(RunResult) ra = run(a, 300, 2);
    int i = model_param_find(a, "tech_sme -> hightech");
    model_set_param_value(b, i, 0.2);
    model_set_lever(b, i, 2024, 0.3);
    assert_true(a->params[i].uncertain && !a->params[i].lever.on);
    assert_string_equal(a->params[i].written, "[uncertainty] tech_sme -> hightech = beta(24,176)");
    ra->model = keep;  /* a goes; its result is read through the copy kept */
    model_free(a);
    g_autoptr(Model) c = model_copy(keep);
    g_autoptr(RunResult) rc = run(c, 300, 3);
    assert_runs_equal(ra, rc);
    assert_string_equal(c->policies[1].name, "late");
    assert_string_equal(c->file, "t.ini");
}

/* tech_sme -> hightech drawn at `base`, a policy *2 from 2023, a lever at
 * 0.2 from 2024: years before 2024 as without the lever, then 0.2 * 2. */
static void test_lever_and_value(void **state)
{
    (void)state;
    g_autoptr(Model) a = tu_load("[scenario]\nname=x\nbase_year=2020\nhorizon=2026\n"
                              "[stages]\ntech_sme=T\nhightech=H\n[baseline]\ntech_sme=100\n"
                              "[transitions]\ntech_sme -> hightech = 0.1\n[exits]\ntech_sme=0.05\n"
                              "[uncertainty]\ntech_sme -> hightech = beta(10,90)\nexit.tech_sme=beta(5,95)\n"
                              "[policy double]\nfrom=2023\ntech_sme -> hightech = *2\n");
    g_autoptr(Model) b = model_copy(a);
    int edge = model_param_find(a, "tech_sme -> hightech"), exit = model_param_find(a, "exit.tech_sme");
    model_set_lever(b, edge, 2024, 0.2);
    gsl_rng *rng = rng_new();
    double base[2], ya[2], yb[2];
    engine_draw_params(a, TRUE, rng, SEED, 7, base);
    for (int year = 2021; year <= 2026; year++) {
        assert_true(model_year_params(a, base, year, ya, NULL));
        assert_true(model_year_params(b, base, year, yb, NULL));
        double want = year < 2023 ? base[edge] : year < 2024 ? 2 * base[edge] : 0.4;
        if (year < 2024)
            assert_memory_equal(ya, yb, sizeof ya);
        assert_true(yb[edge] == want && yb[exit] == base[exit]);
    }
    /* A varied value is certain, and the other draws do not move. */
    model_set_param_value(b, edge, 0.3);
    double drawn[2];
    engine_draw_params(b, TRUE, rng, SEED, 7, drawn);
    assert_true(drawn[edge] == 0.3 && drawn[exit] == base[exit] && !b->params[edge].uncertain);
    assert_true(model_year_params(b, drawn, 2023, yb, NULL) && yb[edge] == 0.6);
    /* A value pushed out of range by a lever is caught, and the message
     * says the value is not the one written. */
    model_set_param_value(b, exit, 0.04);
    model_set_lever(b, exit, 2025, 1.5);
    engine_draw_params(b, TRUE, rng, SEED, 7, drawn);
    assert_true(model_year_params(b, drawn, 2024, yb, NULL) && yb[exit] == 0.04);
    g_autoptr(GError) error = NULL;
    assert_false(model_year_params(b, drawn, 2025, yb, &error));
    if (strstr(error->message, "varied to 0.04, set to 1.5 from 2025") == NULL)
        fail_msg("message '%s' should say what was varied and set", error->message);
    gsl_rng_free(rng);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_identical_copy),
        cmocka_unit_test(test_upstream_unchanged),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_lowest_failure),
        cmocka_unit_test(test_paired_diff_formula),
        cmocka_unit_test(test_target_difference),
        cmocka_unit_test(test_targets_by_name),
        cmocka_unit_test(test_model_copy),
        cmocka_unit_test(test_lever_and_value),
    };
    g_autoptr(GArray) tests = TU_TESTS(fixed);
    ADD_ROWS(tests, late_cases, test_late_case);
    ADD_ROWS(tests, mismatch_cases, test_mismatch_case);
    return tu_run_tests("paired", tests);
}
