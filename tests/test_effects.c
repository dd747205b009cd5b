/* test_effects.c: the scenario side of the attribute effects (issue 15):
 * [effects] read exactly (coefficients at their parameter and attribute,
 * standardise, display names, comments), every error with its file:line,
 * normal(mean, sd) drawn right and refused outside effects, draws of
 * effects on streams of their own, model_copy, and `ladder run` unchanged
 * by an [effects] group.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include "testutil.h"

#include "dist.h"
#include "engine.h"
#include "errors.h"
#include "model.h"
#include "rng.h"
#include "scenario.h"

#define HEAD TU_HEAD  /* lines 1-9; what follows starts at line 10 */
#define N_SE 4.0
#define SEED 20261203

/* Lines 10-20: two edges, an exit and a renewal for effects to act on. */
#define LADDER                                                                            \
    "[baseline]\nstartup=100\ntech_sme=50\nhightech=20\n"                                 \
    "[transitions]\nstartup -> tech_sme = 0.1\ntech_sme -> hightech = 0.13\n"             \
    "[exits]\nstartup = 0.05\n"                                                           \
    "[renewal]\nhightech = 3;0.9;tech_sme\n"
/* the first line after LADDER */
#define AFTER 21

static Model *load_ok(const char *text)
{
    GError *error = NULL;
    Model *m = scenario_load_data("t.ini", NULL, text, &error);
    if (m == NULL)
        fail_msg("scenario did not load: %s", error->message);
    return m;
}

/* The coefficient of parameter `key` on attribute `attr` in the central table. */
static double beta_of(const Model *m, const char *key, const char *attr)
{
    int p = model_param_find(m, key), a = model_attr_index(m, attr);
    if (p < 0 || a < 0)
        fail_msg("no %s or no attribute %s", key, attr);
    return m->effect_beta[p * m->n_attrs + a];
}

/* ---- reading ----------------------------------------------------------- */

static const char good[] = HEAD LADDER
    "[effects]\n"
    "# PUBLISHED: fit-roster 2025\n"
    "tech_sme -> hightech.rd_intensity = 0.8   # R&D share\n"
    "科小 -> 高企.age = -0.25\n"
    "exit.初创.rd_intensity = -0.5\n"
    "renewal.hightech.patents = 1e-1\n"
    "standardise.rd_intensity = 0.04, 0.015   # the bureau's 2024 roster\n"
    "[uncertainty]\n"
    "tech_sme -> hightech.rd_intensity = normal(0.8, 0.2)\n"
    "exit.startup.rd_intensity = uniform(-1, 0)\n";

/* Every coefficient at its (parameter, attribute), 0 elsewhere; the
 * attributes in order of first mention, standardise where given. */
static void test_effects_read(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok(good);
    assert_int_equal(m->n_attrs, 3);
    assert_string_equal(m->attrs[0].id, "rd_intensity");
    assert_string_equal(m->attrs[1].id, "age");
    assert_string_equal(m->attrs[2].id, "patents");
    assert_true(m->attrs[0].standardised);
    assert_near(m->attrs[0].mean, 0.04, 0);
    assert_near(m->attrs[0].sd, 0.015, 0);
    assert_int_equal(m->attrs[0].where.line, AFTER + 6);
    assert_false(m->attrs[1].standardised);
    assert_null(m->attrs[1].where.file);
    assert_int_equal(m->n_effects, 4);
    assert_near(beta_of(m, "tech_sme -> hightech", "rd_intensity"), 0.8, 0);
    assert_near(beta_of(m, "tech_sme -> hightech", "age"), -0.25, 0);
    assert_near(beta_of(m, "exit.startup", "rd_intensity"), -0.5, 0);  /* uniform(-1, 0)'s mean */
    assert_near(beta_of(m, "renewal.hightech", "patents"), 0.1, 0);
    int nonzero = 0;
    for (int i = 0; i < m->n_params * m->n_attrs; i++)
        nonzero += m->effect_beta[i] != 0;
    assert_int_equal(nonzero, 4);
    const Effect *e = &m->effects[0];
    assert_int_equal(e->param, model_param_find(m, "tech_sme -> hightech"));
    assert_int_equal(e->where.line, AFTER + 2);
    assert_string_equal(e->note, "PUBLISHED: fit-roster 2025\nR&D share");
    assert_true(e->uncertain);
    assert_int_equal(e->dist.kind, DIST_NORMAL);
    assert_int_equal(e->dist_where.line, AFTER + 8);
    assert_false(m->effects[1].uncertain);
    assert_null(m->effects[1].dist_where.file);
    assert_true(model_effects_uncertain(m));
    assert_false(model_has_uncertainty(m));  /* the cohort engine draws nothing */
}

/* A coefficient central at exactly the value written, of either sign; an
 * extending file replaces its parent's line. */
static void test_effects_extends(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *parent = tu_write(dir, "p.ini", HEAD LADDER "[effects]\nexit.startup.age = 0.3\n");
    GError *error = NULL;
    g_autoptr(Model) m = scenario_load_data("c.ini", dir, "[scenario]\nextends=p.ini\n[effects]\n"
                                            "exit.初创.age = -0.3\nstandardise.age = 5, 2\n", &error);
    assert_non_null(m);
    assert_int_equal(m->n_effects, 1);
    assert_near(beta_of(m, "exit.startup", "age"), -0.3, 0);
    assert_string_equal(m->effects[0].where.file, "c.ini");
}

static void test_no_effects(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok(HEAD LADDER);
    assert_int_equal(m->n_attrs, 0);
    assert_null(m->effect_beta);
    assert_false(model_effects_uncertain(m));
}

/* ---- errors ------------------------------------------------------------- */

typedef struct {
    const char *id;
    const char *text;     /* lines from AFTER on */
    const char *want[3];
} EffectError;

static const EffectError errors[] = {
    {"effects-1.1", "[effects]\ntech_sme -> startup.rd = 0.8\n",
     {"t.ini:22: [effects] tech_sme -> startup.rd = 0.8: the scenario has no tech_sme -> startup",
      "startup -> tech_sme, tech_sme -> hightech, exit.startup, renewal.hightech"}},
    {"effects-1.2", "[effects]\nexit.hightech.rd = 0.8\n",
     {"t.ini:22:", "no exit.hightech", "exit.startup, renewal.hightech"}},
    {"effects-1.3", "[effects]\ninflow.startup.rd = 0.8\n",
     {"t.ini:22:", "takes no effect", "an exit, an edge or a renewal"}},
    {"effects-1.4", "[effects]\nrecruitment.startup.rd = 0.8\n", {"t.ini:22:", "takes no effect", "firms a year"}},
    {"effects-1.5", "[list l]\nshare.startup = 0.5\n[effects]\nlist.l.startup.rd = 0.8\n",
     {"t.ini:24:", "takes no effect", "a list's share"}},
    {"effects-1.6", "[effects]\ntech_sme -> hightech.R&D = 0.8\n", {"t.ini:22:", "'R&D' is not an id"}},
    {"effects-1.7", "[effects]\ntech_sme -> hightech.rd = 0.8\nstandardise.rdd = 1, 2\n",
     {"t.ini:23:", "no effect uses attribute 'rdd'", "did you mean 'rd'"}},
    {"effects-1.8", "[effects]\nstandardise.rd = 1, 2\n", {"t.ini:22:", "no effect uses attribute 'rd'"}},
    {"effects-1.9", "[effects]\ntech_sme -> hightech.rd = 0.8\n科小 -> 高企.rd = 0.7\n",
     {"t.ini:23:", "tech_sme -> hightech.rd is given twice (first at line 22)"}},
    {"effects-1.10", "[effects]\nexit.startup.rd = 0.8\nexit.startup.rd = 0.7\n", {"t.ini:23:", "given twice"}},
    {"effects-1.11", "[effects]\nexit.startup.rd = 12%\n", {"t.ini:22:", "expected a coefficient"}},
    {"effects-1.12", "[effects]\nexit.startup.rd = 0.8\nstandardise.rd = 1, 0\n",
     {"t.ini:23:", "the sd must be positive"}},
    {"effects-1.13", "[effects]\nexit.startup.rd = 0.8\nstandardise.rd = 1\n",
     {"t.ini:23:", "expected the mean and the sd"}},
    {"effects-1.14", "[effects]\ntech_sme -> hightech = 0.8\n", {"t.ini:22:", "an effect is written PARAM.ATTR"}},
    {"effects-1.15", "[effects]\nexit.stratup.rd = 0.8\n", {"t.ini:22:", "did you mean 'startup'"}},
    {"effects-1.16", "[effects]\nexit.startup.rd = 0.8\n[uncertainty]\nexit.startup.rd = beta(1,2)\n",
     {"t.ini:24:", "use normal(mean,sd) or uniform(low,high)"}},
    {"effects-1.17", "[effects]\nexit.startup.rd = 0.8\n[uncertainty]\nexit.startup.age = normal(0,1)\n",
     {"t.ini:24:", "[effects] gives no exit.startup.age"}},
    {"effects-1.18", "[effects]\nexit.startup.rd = 0.8\n[uncertainty]\nexit.startup.rd = normal(0,0)\n",
     {"t.ini:24:", "normal(mean,sd) needs sd > 0"}},
    {"effects-1.19", "[effects]\nexit.startup.rd = 0.8\n[uncertainty]\nexit.startup.rd = normal(0,1)\n"
                     "exit.初创.rd = normal(0,2)\n",
     {"t.ini:25:", "given twice in [uncertainty]"}},
    {"effects-2.1", "[uncertainty]\nexit.startup = normal(0.05, 0.01)\n",
     {"t.ini:22:", "normal(mean,sd) is for the coefficients of [effects] only", "is a probability"}},
    {"effects-2.2", "[uncertainty]\ninflow.startup = normal(100, 10)\n",
     {"t.ini:22:", "for the coefficients of [effects] only", "firms a year"}},
    {"effects-2.3", "[uncertainty]\nbaseline.startup = normal(100, 10)\n",
     {"t.ini:22:", "for the coefficients of [effects] only", "a baseline is firms"}},
    {"effects-2.4", "[efects]\nexit.startup.rd = 0.8\n", {"t.ini:21: [efects]: unknown group", "'effects'"}},
};

static void test_effect_error(void **state)
{
    const EffectError *c = *state;
    g_autofree char *text = g_strconcat(HEAD LADDER, c->text, NULL);
    GError *error = NULL;
    Model *m = scenario_load_data("t.ini", NULL, text, &error);
    if (m != NULL) {
        model_free(m);
        fail_msg("%s loaded", c->id);
    }
    assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT));
    tu_assert_says(error->message, c->want, G_N_ELEMENTS(c->want));
    g_error_free(error);
}

/* From the command line: exit 2, file:line, nothing written. */
static void test_effect_error_cli(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *file = tu_write(dir, "t.ini", HEAD LADDER "[effects]\ninflow.startup.rd = 0.8\n");
    g_autofree char *before = tu_list_dir(dir);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "run", file, "-o", out, NULL);
    const char *const want[] = {"t.ini:22: [effects] inflow.startup.rd = 0.8", "takes no effect"};
    tu_assert_bad_input(&r, want, G_N_ELEMENTS(want), dir, before);
}

/* ---- normal() and the draws --------------------------------------------- */

static void test_normal_dist(void **state)
{
    (void)state;
    Dist d;
    GError *error = NULL;
    assert_true(dist_parse(" normal ( -0.3 , 0.2 ) ", &d, &error));
    assert_int_equal(d.kind, DIST_NORMAL);
    assert_near(dist_central(&d), -0.3, 0);
    assert_near(dist_quantile(&d, 0.975), -0.3 + 1.959963984540054 * 0.2, 1e-9);
    g_autoptr(GString) s = g_string_new(NULL);
    dist_format(&d, s);
    assert_string_equal(s->str, "normal(-0.3,0.2)");
    assert_false(dist_parse("normal(1,-2)", &d, &error));
    tu_assert_contains(error->message, "normal(mean,sd) needs sd > 0");
    g_clear_error(&error);
}

/* The sample mean and sd of `n` draws of coefficient (key, attr) over
 * replications, each within N_SE standard errors of `mean` and `sd`. */
static void check_draws(const Model *m, const char *key, const char *attr, double mean, double sd)
{
    enum { N = 20000 };
    int at = model_param_find(m, key) * m->n_attrs + model_attr_index(m, attr);
    g_autofree double *beta = g_new(double, m->n_params * m->n_attrs);
    gsl_rng *r = rng_new();
    double sum = 0, sum2 = 0;
    for (int rep = 0; rep < N; rep++) {
        engine_draw_effects(m, TRUE, r, SEED, rep, beta);
        sum += beta[at];
        sum2 += beta[at] * beta[at];
    }
    gsl_rng_free(r);
    double mu = sum / N, s = sqrt((sum2 - N * mu * mu) / (N - 1));
    assert_near(mu, mean, N_SE * sd / sqrt(N));
    assert_near(s, sd, N_SE * sd / sqrt(2.0 * (N - 1)));
}

static void test_effect_draws(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok(good);
    check_draws(m, "tech_sme -> hightech", "rd_intensity", 0.8, 0.2);
    check_draws(m, "exit.startup", "rd_intensity", -0.5, 1 / sqrt(12.0));
    /* certain ones stay at their value; without `uncertain` all are central */
    g_autofree double *beta = g_new(double, m->n_params * m->n_attrs);
    g_autofree double *central = g_new(double, m->n_params * m->n_attrs);
    gsl_rng *r = rng_new();
    model_central_effects(m, central);
    engine_draw_effects(m, TRUE, r, SEED, 7, beta);
    int at = model_param_find(m, "tech_sme -> hightech") * m->n_attrs + model_attr_index(m, "age");
    assert_near(beta[at], -0.25, 0);
    int drawn = model_param_find(m, "tech_sme -> hightech") * m->n_attrs;
    assert_true(beta[drawn] != central[drawn]);
    engine_draw_effects(m, FALSE, r, SEED, 7, beta);
    assert_memory_equal(beta, central, sizeof *beta * m->n_params * m->n_attrs);
    gsl_rng_free(r);
}

/* Adding [effects] and draws of its coefficients moves no parameter or
 * baseline draw, and an effect's draw depends on what it is (its
 * parameter and attribute), not on the other effects. */
static void test_effect_streams(void **state)
{
    (void)state;
#define DRAWN "[uncertainty]\ntech_sme -> hightech = beta(13,87)\nexit.startup = beta(5,95)\n" \
              "baseline.startup = gamma(100,1)\n"
    const char *plain = HEAD LADDER DRAWN;
    const char *with = HEAD LADDER "[effects]\ntech_sme -> hightech.rd = 0.8\nexit.startup.rd = 0\n" DRAWN
                       "tech_sme -> hightech.rd = normal(0.8, 1)\nexit.startup.rd = normal(0, 1)\n";
    const char *one = HEAD LADDER "[effects]\nexit.startup.rd = 0\n" DRAWN "exit.startup.rd = normal(0, 1)\n";
#undef DRAWN
    g_autoptr(Model) a = load_ok(plain);
    GError *error = NULL;
    g_autoptr(Model) b = scenario_load_data("t.ini", NULL, with, &error);
    g_autoptr(Model) c = scenario_load_data("t.ini", NULL, one, &error);
    if (b == NULL || c == NULL)
        fail_msg("%s", error->message);
    assert_int_equal(a->n_params, b->n_params);
    gsl_rng *r = rng_new();
    double pa[16], pb[16], bb[64], bc[64];
    gint64 ba[8], bbl[8];
    for (int rep = 0; rep < 50; rep++) {
        engine_draw_params(a, TRUE, r, SEED, rep, pa);
        engine_draw_effects(b, TRUE, r, SEED, rep, bb);
        engine_draw_params(b, TRUE, r, SEED, rep, pb);
        assert_memory_equal(pa, pb, sizeof *pa * a->n_params);
        engine_draw_baselines(a, TRUE, r, SEED, rep, ba);
        engine_draw_baselines(b, TRUE, r, SEED, rep, bbl);
        assert_memory_equal(ba, bbl, sizeof *ba * a->n_stages);
        engine_draw_effects(c, TRUE, r, SEED, rep, bc);
        int e = model_param_find(b, "exit.startup");
        assert_near(bc[e * c->n_attrs], bb[e * b->n_attrs], 0);
        int t = model_param_find(b, "tech_sme -> hightech");
        assert_true(bb[t * b->n_attrs] != bb[e * b->n_attrs]);
    }
    gsl_rng_free(r);
}

/* ---- copies --------------------------------------------------------------- */

static void test_effects_copy(void **state)
{
    (void)state;
    Model *m = load_ok(good);
    g_autoptr(Model) c = model_copy(m);
    assert_true(c->attrs != m->attrs && c->effects != m->effects && c->effect_beta != m->effect_beta);
    assert_true(c->attrs[0].id != m->attrs[0].id && c->effects[0].note != m->effects[0].note);
    model_rename_file(m, "t.ini", "moved.ini");
    assert_string_equal(m->effects[0].where.file, "moved.ini");
    assert_string_equal(m->attrs[0].where.file, "moved.ini");
    assert_string_equal(m->effects[0].dist_where.file, "moved.ini");
    model_free(m);  /* the copy owns all it holds */
    assert_int_equal(c->n_attrs, 3);
    assert_string_equal(c->attrs[2].id, "patents");
    assert_near(c->attrs[0].sd, 0.015, 0);
    assert_string_equal(c->effects[0].where.file, "t.ini");
    assert_string_equal(c->effects[0].dist_where.file, "t.ini");
    assert_string_equal(c->effects[0].note, "PUBLISHED: fit-roster 2025\nR&D share");
    assert_int_equal(c->effects[0].dist.kind, DIST_NORMAL);
    assert_near(beta_of(c, "tech_sme -> hightech", "age"), -0.25, 0);
    assert_near(beta_of(c, "renewal.hightech", "patents"), 0.1, 0);
}

/* ---- ladder run ------------------------------------------------------------ */

/* dir/name's text with every line holding "sha256" dropped (the hash of
 * the scenario file, which the [effects] group changes). */
static char *without_hash(const char *dir, const char *name)
{
    g_autofree char *text = tu_read_text(dir, name);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    GString *out = g_string_new(NULL);
    for (int i = 0; lines[i]; i++)
        if (strstr(lines[i], "sha256") == NULL)
            g_string_append_printf(out, "%s\n", lines[i]);
    return g_string_free(out, FALSE);
}

/* Effects act on a roster's firms only: `ladder run` of a scenario with
 * an [effects] group, drawn coefficients too, writes the same bytes as
 * without it (scenario.json's hash of the file aside). */
static void test_run_unchanged(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    const char *base = HEAD LADDER "[uncertainty]\ntech_sme -> hightech = beta(13,87)\n"
                       "[target t]\nstage=hightech\nat_least=30\n";
    g_autofree char *effects = g_strconcat(HEAD LADDER "[uncertainty]\ntech_sme -> hightech = beta(13,87)\n"
                                           "tech_sme -> hightech.rd = normal(0.8, 0.3)\n"
                                           "[target t]\nstage=hightech\nat_least=30\n"
                                           "[effects]\ntech_sme -> hightech.rd = 0.8\nexit.startup.age = -1\n"
                                           "standardise.rd = 0.04, 0.015\n", NULL);
    g_autofree char *d1 = g_build_filename(dir, "a", NULL), *d2 = g_build_filename(dir, "b", NULL);
    g_mkdir(d1, 0700);
    g_mkdir(d2, 0700);
    g_free(tu_write(d1, "t.ini", base));
    g_free(tu_write(d2, "t.ini", effects));
    g_auto(TuRun) r1 = tu_ladder(d1, "run", "t.ini", "--reps", "500", "-o", "out", NULL);
    g_auto(TuRun) r2 = tu_ladder(d2, "run", "t.ini", "--reps", "500", "-o", "out", NULL);
    tu_assert_status(&r1, 0);
    tu_assert_status(&r2, 0);
    assert_string_equal(r1.out, r2.out);
    g_autofree char *o1 = g_build_filename(d1, "out", NULL), *o2 = g_build_filename(d2, "out", NULL);
    g_autofree char *l1 = tu_list_dir(o1), *l2 = tu_list_dir(o2);
    assert_string_equal(l1, l2);
    g_auto(GStrv) names = g_strsplit(l1, "\n", -1);
    int compared = 0;
    for (int i = 0; names[i]; i++) {
        g_autofree char *p1 = g_build_filename(o1, names[i], NULL), *p2 = g_build_filename(o2, names[i], NULL);
        if (*names[i] == '\0' || !g_file_test(p1, G_FILE_TEST_IS_REGULAR))
            continue;
        g_autofree char *t1 = without_hash(o1, names[i]), *t2 = without_hash(o2, names[i]);
        if (strcmp(t1, t2) != 0)
            fail_msg("%s differs with [effects]", names[i]);
        compared++;
    }
    assert_true(compared > 3);
}

int main(void)
{
    tu_pin_ladder();
    g_autoptr(GArray) tests = g_array_new(FALSE, FALSE, sizeof(struct CMUnitTest));
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_effects_read),  cmocka_unit_test(test_effects_extends),
        cmocka_unit_test(test_no_effects),    cmocka_unit_test(test_effect_error_cli),
        cmocka_unit_test(test_normal_dist),   cmocka_unit_test(test_effect_draws),
        cmocka_unit_test(test_effect_streams), cmocka_unit_test(test_effects_copy),
        cmocka_unit_test(test_run_unchanged),
    };
    g_array_append_vals(tests, fixed, G_N_ELEMENTS(fixed));
    for (gsize i = 0; i < G_N_ELEMENTS(errors); i++) {
        struct CMUnitTest t = {errors[i].id, test_effect_error, NULL, NULL, (void *)&errors[i]};
        g_array_append_val(tests, t);
    }
    return _cmocka_run_group_tests("effects", (const struct CMUnitTest *)(void *)tests->data, tests->len, NULL,
                                   NULL);
}
