/* test_scenario.c: the scenario loader: every group as written, extends,
 * BOM and CRLF, and a table of bad inputs with the message each must give
 * ("file:LINE: [group] key = value: what is wrong").
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "corpus.h"

#include "errors.h"
#include "model.h"
#include "scenario.h"

/* Lines 1-9 of most scenarios below; what follows starts at line 10. */
#define HEAD TU_HEAD

/* Loads `text` as "t.ini" and fails the test when it does not load. */
static Model *load_ok(const char *text)
{
    GError *error = NULL;
    Model *m = scenario_load_data("t.ini", NULL, text, &error);
    if (m == NULL)
        fail_msg("scenario did not load: %s", error->message);
    assert_null(error);
    return m;
}

/* Loads `text` expecting an INPUT error; returns its message (caller frees). */
static char *load_fail(const char *name, const char *dir, const char *text)
{
    GError *error = NULL;
    Model *m = scenario_load_data(name, dir, text, &error);
    if (m != NULL) {
        model_free(m);
        fail_msg("scenario loaded, but should have failed");
    }
    assert_non_null(error);
    if (!g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT))
        fail_msg("not an INPUT error: %s", error->message);
    char *msg = g_strdup(error->message);
    g_error_free(error);
    return msg;
}

static int param(const Model *m, const char *key)
{
    int i = model_param_find(m, key);
    if (i < 0)
        fail_msg("no parameter %s", key);
    return i;
}

static int stage(const Model *m, const char *id)
{
    int i = model_stage_index(m, id);
    if (i < 0)
        fail_msg("no stage %s", id);
    return i;
}

/* ---- each group as written ------------------------------------------- */

static void test_scenario_group(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok("[scenario]\n"
                                 "name=天宁区 2025\n"
                                 "region=常州市天宁区\n"
                                 "description=倍增行动计划, one line\n"
                                 "base_year=2021\n"
                                 "horizon=2025\n"
                                 "replications=20000\n"
                                 "seed=20220408\n"
                                 "language=en\n"
                                 "[stages]\n"
                                 "startup=初创\n");
    assert_string_equal(m->file, "t.ini");
    assert_string_equal(m->name, "天宁区 2025");
    assert_string_equal(m->region, "常州市天宁区");
    assert_string_equal(m->description, "倍增行动计划, one line");
    assert_int_equal(m->base_year, 2021);
    assert_int_equal(m->horizon, 2025);
    assert_int_equal(model_n_years(m), 5);
    assert_int_equal(m->replications, 20000);
    assert_true(m->has_seed);
    assert_int_equal(m->seed, 20220408);
    assert_string_equal(m->language, "en");  /* as written, despite the Chinese */
}

/* Optional keys absent: no region, description, replications or seed;
 * the language follows the names. */
static void test_scenario_defaults(void **state)
{
    (void)state;
    g_autoptr(Model) zh = load_ok(HEAD);
    assert_null(zh->region);
    assert_null(zh->description);
    assert_int_equal(zh->replications, 0);
    assert_false(zh->has_seed);
    assert_string_equal(zh->language, "zh");  /* stage names hold Chinese */
    g_autoptr(Model) en = load_ok("[scenario]\nname=t\nbase_year=2021\nhorizon=2022\n[stages]\na=Start-up\n");
    assert_string_equal(en->language, "en");
    g_autoptr(Model) named = load_ok("[scenario]\nname=天宁\nbase_year=2021\nhorizon=2022\n[stages]\na=A\n");
    assert_string_equal(named->language, "zh");  /* the scenario's name holds Chinese */
    g_autoptr(Model) seed0 = load_ok("[scenario]\nname=t\nbase_year=2021\nhorizon=2022\nseed=0\n[stages]\na=A\n");
    assert_true(seed0->has_seed);
    assert_int_equal(seed0->seed, 0);
}

/* [stages] keeps the file's order (lowest first) and the display names;
 * an empty name falls back to the id. */
static void test_stages(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok(HEAD "gazelle=瞪羚\nunicorn=\nlisted=上市\n");
    const char *ids[] = {"startup", "tech_sme", "hightech", "gazelle", "unicorn", "listed"};
    const char *names[] = {"初创", "科小", "高企", "瞪羚", "unicorn", "上市"};
    assert_int_equal(m->n_stages, 6);
    for (int s = 0; s < 6; s++) {
        assert_string_equal(m->stages[s].id, ids[s]);
        assert_string_equal(model_stage_name(m, s), names[s]);
        assert_int_equal(model_stage_index(m, ids[s]), s);
        assert_int_equal(m->stages[s].renewal_years, 0);
        assert_int_equal(m->stages[s].lapse_to, -1);
        assert_int_equal(m->stages[s].exit_param, -1);
        assert_int_equal(m->stages[s].n_out, 0);
    }
    assert_int_equal(model_stage_index(m, "nope"), -1);
    assert_int_equal(m->n_params, 0);
    assert_int_equal(m->n_policies, 0);
    assert_int_equal(m->n_targets, 0);
}

/* A stage missing from [baseline] starts with 0. */
static void test_baseline(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok(HEAD "[baseline]\nstartup=2000\nhightech=250\n");
    assert_int_equal(m->stages[stage(m, "startup")].baseline, 2000);
    assert_int_equal(m->stages[stage(m, "tech_sme")].baseline, 0);
    assert_int_equal(m->stages[stage(m, "hightech")].baseline, 250);
    g_autoptr(Model) none = load_ok(HEAD);
    for (int s = 0; s < none->n_stages; s++)
        assert_int_equal(none->stages[s].baseline, 0);
}

/* Edges with and without spaces around "->" are the same kind of key,
 * written canonically "a -> b"; a stage's edges keep the file's order. */
static void test_transitions(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok(HEAD "[transitions]\n"
                                      "tech_sme->hightech=0.13\n"
                                      "startup -> tech_sme = 0.07\n"
                                      "startup  ->hightech =0.005\n"
                                      "hightech-> tech_sme=0\n");
    int e1 = param(m, "tech_sme -> hightech");
    int e2 = param(m, "startup -> tech_sme");
    int e3 = param(m, "startup -> hightech");
    int e4 = param(m, "hightech -> tech_sme");
    assert_string_equal(m->params[e1].key, "tech_sme -> hightech");
    assert_string_equal(m->params[e3].key, "startup -> hightech");
    assert_int_equal(m->params[e1].kind, PARAM_EDGE);
    assert_int_equal(m->params[e1].stage, stage(m, "tech_sme"));
    assert_int_equal(m->params[e1].to, stage(m, "hightech"));
    assert_near(m->params[e1].value, 0.13, 0);
    assert_near(m->params[e2].value, 0.07, 0);
    assert_near(m->params[e3].value, 0.005, 0);
    assert_near(m->params[e4].value, 0, 0);
    assert_int_equal(m->params[e1].where.line, 11);
    assert_int_equal(m->params[e3].where.line, 13);
    assert_string_equal(m->params[e3].where.file, "t.ini");
    const Stage *st = &m->stages[stage(m, "startup")];
    assert_int_equal(st->n_out, 2);
    assert_int_equal(st->out_param[0], e2);
    assert_int_equal(st->out_param[1], e3);
    assert_false(m->params[e1].uncertain);
}

static void test_exits(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok(HEAD "[exits]\nstartup=0.15\nhightech = 0.02\n");
    int s = stage(m, "startup"), h = stage(m, "hightech");
    assert_int_equal(m->stages[s].exit_param, param(m, "exit.startup"));
    assert_near(m->params[m->stages[s].exit_param].value, 0.15, 0);
    assert_near(m->params[m->stages[h].exit_param].value, 0.02, 0);
    assert_int_equal(m->params[m->stages[h].exit_param].kind, PARAM_EXIT);
    assert_string_equal(m->params[m->stages[h].exit_param].key, "exit.hightech");
    assert_int_equal(m->stages[stage(m, "tech_sme")].exit_param, -1);
}

/* "3;0.85;tech_sme": valid years, renewal probability, lapse stage; spaces
 * around the parts are allowed. */
static void test_renewal(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok(HEAD "[renewal]\nhightech=3;0.85;tech_sme\ntech_sme = 1 ; 0.9 ; startup\n");
    const Stage *h = &m->stages[stage(m, "hightech")], *t = &m->stages[stage(m, "tech_sme")];
    assert_int_equal(h->renewal_years, 3);
    assert_int_equal(h->lapse_to, stage(m, "tech_sme"));
    assert_int_equal(h->renewal_param, param(m, "renewal.hightech"));
    assert_near(m->params[h->renewal_param].value, 0.85, 0);
    assert_int_equal(m->params[h->renewal_param].kind, PARAM_RENEWAL);
    assert_int_equal(t->renewal_years, 1);
    assert_int_equal(t->lapse_to, stage(m, "startup"));
    assert_near(m->params[t->renewal_param].value, 0.9, 0);
    assert_int_equal(m->stages[stage(m, "startup")].renewal_param, -1);
}

static void test_inflows_recruitment(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok(HEAD "[inflows]\nstartup=400\nhightech=1.5\n[recruitment]\ntech_sme=100\n");
    const Stage *s = &m->stages[stage(m, "startup")];
    assert_int_equal(s->inflow_param, param(m, "inflow.startup"));
    assert_near(m->params[s->inflow_param].value, 400, 0);
    assert_int_equal(m->params[s->inflow_param].kind, PARAM_INFLOW);
    assert_near(m->params[param(m, "inflow.hightech")].value, 1.5, 0);
    int r = param(m, "recruitment.tech_sme");
    assert_int_equal(m->stages[stage(m, "tech_sme")].recruitment_param, r);
    assert_int_equal(m->params[r].kind, PARAM_RECRUITMENT);
    assert_near(m->params[r].value, 100, 0);
    assert_int_equal(s->recruitment_param, -1);
}

/* [policy NAME]: from/to default to base_year+1 .. horizon; *x +x -x =x
 * parse into their operations and act only in their years. */
static void test_policies(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok(HEAD "[transitions]\ntech_sme -> hightech = 0.1\n"
                                      "[exits]\nstartup=0.2\ntech_sme=0.05\n"
                                      "[recruitment]\ntech_sme=100\n"
                                      "[policy 高企培育专班]\n"
                                      "tech_sme -> hightech = *1.25\n"
                                      "recruitment.tech_sme=+20\n"
                                      "[policy later]\n"
                                      "from=2023\n"
                                      "to=2024\n"
                                      "exit.startup=-0.05\n"
                                      "exit.tech_sme = =0\n");
    assert_int_equal(m->n_policies, 2);
    const Policy *a = &m->policies[0], *b = &m->policies[1];
    assert_string_equal(a->name, "高企培育专班");
    assert_int_equal(a->from, 2022);
    assert_int_equal(a->to, 2025);
    assert_int_equal(a->n_changes, 2);
    assert_int_equal(a->changes[0].param, param(m, "tech_sme -> hightech"));
    assert_int_equal(a->changes[0].op, POLICY_MULTIPLY);
    assert_near(a->changes[0].x, 1.25, 0);
    assert_int_equal(a->changes[1].op, POLICY_ADD);
    assert_near(a->changes[1].x, 20, 0);
    assert_string_equal(b->name, "later");
    assert_int_equal(b->from, 2023);
    assert_int_equal(b->to, 2024);
    assert_int_equal(b->changes[0].op, POLICY_ADD);
    assert_near(b->changes[0].x, -0.05, 0);  /* "-x" adds -x */
    assert_int_equal(b->changes[1].op, POLICY_SET);
    assert_near(b->changes[1].x, 0, 0);
    assert_int_equal(b->changes[1].where.line, 24);

    double base[16], y[16];
    model_central_params(m, base);
    int edge = param(m, "tech_sme -> hightech"), rec = param(m, "recruitment.tech_sme");
    int es = param(m, "exit.startup"), et = param(m, "exit.tech_sme");
    for (int year = 2022; year <= 2025; year++) {
        assert_true(model_year_params(m, base, year, y, NULL));
        gboolean later = year >= 2023 && year <= 2024;
        assert_near(y[edge], 0.125, 1e-15);
        assert_near(y[rec], 120, 0);
        assert_near(y[es], later ? 0.15 : 0.2, 1e-15);
        assert_near(y[et], later ? 0 : 0.05, 0);
    }
    assert_near(base[edge], 0.1, 0);  /* the base values are left alone */
}

/* Several active policies on one parameter apply in file order. */
static void test_policy_order(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok(HEAD "[transitions]\ntech_sme -> hightech = 0.1\n"
                                      "[policy double]\ntech_sme -> hightech = *2\n"
                                      "[policy add]\nfrom=2024\ntech_sme -> hightech = +0.1\n"
                                      "[policy set]\nfrom=2025\ntech_sme -> hightech = =0.05\n"
                                      "[policy triple]\nfrom=2025\ntech_sme -> hightech = *3\n");
    double base[4], y[4];
    model_central_params(m, base);
    const double want[] = {0.2, 0.2, 0.3, 0.15};  /* 2022 .. 2025 */
    for (int year = 2022; year <= 2025; year++) {
        assert_true(model_year_params(m, base, year, y, NULL));
        assert_near(y[0], want[year - 2022], 1e-15);
    }
}

/* cost_per_year and cost_per_firm of a [policy]: decimals in 万元, 0 when
 * not given, and a child file may set them on its parent's policy. */
static void test_policy_costs(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok(HEAD "[recruitment]\ntech_sme=100\n"
                                      "[policy 专班]\ncost_per_year=120.5\nrecruitment.tech_sme=+20\ncost_per_firm = 3\n"
                                      "[policy free]\nrecruitment.tech_sme=*1.1\n");
    assert_near(m->policies[0].cost_per_year, 120.5, 0);
    assert_near(m->policies[0].cost_per_firm, 3, 0);
    assert_int_equal(m->policies[0].n_changes, 1);
    assert_near(m->policies[1].cost_per_year, 0, 0);
    assert_near(m->policies[1].cost_per_firm, 0, 0);
    g_autoptr(Model) c = model_copy(m);
    assert_near(c->policies[0].cost_per_year, 120.5, 0);

    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *parent = tu_write(dir, "p.ini", HEAD "[recruitment]\ntech_sme=100\n"
                                                        "[policy 专班]\nrecruitment.tech_sme=+20\n");
    g_autofree char *child = tu_write(dir, "c.ini", "[scenario]\nextends=p.ini\n[policy 专班]\ncost_per_firm=2\n");
    GError *error = NULL;
    g_autoptr(Model) x = scenario_load(child, &error);
    if (x == NULL)
        fail_msg("%s", error->message);
    assert_near(x->policies[0].cost_per_firm, 2, 0);
}

/* [target NAME]: year defaults to the horizon and count to stage. */
static void test_targets(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok(HEAD "[target 高新技术企业500家]\nstage=hightech\nat_least=500\n"
                                      "[target above]\nstage=tech_sme\nyear=2023\nat_least=0\ncount=at_or_above\n"
                                      "[target new]\nstage=startup\nat_least=7\ncount=new\nyear=2022\n"
                                      "[target plain]\nstage=startup\nat_least=1\ncount=stage\n");
    assert_int_equal(m->n_targets, 4);
    const Target *t = m->targets;
    assert_string_equal(t[0].name, "高新技术企业500家");
    assert_int_equal(t[0].stage, stage(m, "hightech"));
    assert_int_equal(t[0].year, 2025);
    assert_int_equal(t[0].at_least, 500);
    assert_int_equal(t[0].count, COUNT_STAGE);
    assert_int_equal(t[0].where.line, 10);
    assert_string_equal(t[1].name, "above");
    assert_int_equal(t[1].year, 2023);
    assert_int_equal(t[1].at_least, 0);
    assert_int_equal(t[1].count, COUNT_AT_OR_ABOVE);
    assert_int_equal(t[2].count, COUNT_NEW);
    assert_int_equal(t[2].year, 2022);
    assert_int_equal(t[2].at_least, 7);
    assert_int_equal(t[3].count, COUNT_STAGE);
}

/* [uncertainty]: each distribution kind, its central value through
 * model_central_params (a/(a+b), shape*scale, midpoint), and an exit not
 * in [exits] created by its uncertainty line. */
static void test_uncertainty(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok(HEAD "[transitions]\ntech_sme -> hightech = 0.13\n"
                                      "[renewal]\nhightech=3;0.8;tech_sme\n"
                                      "[inflows]\nstartup=400\n"
                                      "[recruitment]\ntech_sme=100\n"
                                      "[exits]\nhightech=0.02\n"
                                      "[uncertainty]\n"
                                      "tech_sme -> hightech = beta(26,174)\n"
                                      "renewal.hightech=beta(80,20)\n"
                                      "inflow.startup=gamma(16,25)\n"
                                      "recruitment.tech_sme=uniform(70,130)\n"
                                      "exit.startup=uniform(0.1,0.2)\n");
    int edge = param(m, "tech_sme -> hightech"), ren = param(m, "renewal.hightech");
    int inf = param(m, "inflow.startup"), rec = param(m, "recruitment.tech_sme");
    int ex = param(m, "exit.startup"), fixed = param(m, "exit.hightech");
    assert_true(m->params[edge].uncertain);
    assert_int_equal(m->params[edge].dist.kind, DIST_BETA);
    assert_near(m->params[edge].dist.a, 26, 0);
    assert_near(m->params[edge].dist.b, 174, 0);
    assert_int_equal(m->params[edge].where.line, 21);  /* the line of the distribution */
    assert_int_equal(m->params[inf].dist.kind, DIST_GAMMA);
    assert_int_equal(m->params[rec].dist.kind, DIST_UNIFORM);
    assert_true(m->params[ex].uncertain);
    assert_int_equal(m->stages[stage(m, "startup")].exit_param, ex);
    assert_false(m->params[fixed].uncertain);
    g_autofree double *c = g_new(double, m->n_params);
    model_central_params(m, c);
    assert_near(c[edge], 26.0 / 200, 1e-15);
    assert_near(c[ren], 0.8, 1e-15);
    assert_near(c[inf], 400, 1e-12);
    assert_near(c[rec], 100, 1e-12);
    assert_near(c[ex], 0.15, 1e-15);
    assert_near(c[fixed], 0.02, 0);
}

/* model_param_find takes every spelling a policy may use. */
typedef struct {
    const char *id;
    const char *key;
    const char *canonical;  /* NULL: no such parameter */
} FindCase;

static const FindCase find_cases[] = {
    {"scenario-2.1", "tech_sme -> hightech", "tech_sme -> hightech"},
    {"scenario-2.2", "tech_sme->hightech", "tech_sme -> hightech"},
    {"scenario-2.3", "  tech_sme   ->   hightech ", "tech_sme -> hightech"},
    {"scenario-2.4", "exit.startup", "exit.startup"},
    {"scenario-2.5", " exit.startup ", "exit.startup"},
    {"scenario-2.6", "renewal.hightech", "renewal.hightech"},
    {"scenario-2.7", "inflow.startup", "inflow.startup"},
    {"scenario-2.8", "recruitment.tech_sme", "recruitment.tech_sme"},
    {"scenario-2.9", "hightech -> tech_sme", NULL},  /* the reverse edge is not there */
    {"scenario-2.10", "tech_sme -> nowhere", NULL},
    {"scenario-2.11", "exit.nowhere", NULL},
    {"scenario-2.12", "exit.tech_sme", NULL},        /* a stage without an exit */
    {"scenario-2.13", "inflow.hightech", NULL},
    {"scenario-2.14", "renewal.startup", NULL},
    {"scenario-2.15", "startup", NULL},
    {"scenario-2.16", "bogus.startup", NULL},
    {"scenario-2.17", "", NULL},
};

static void test_param_find(void **state)
{
    const FindCase *c = *state;
    g_autoptr(Model) m = load_ok(HEAD "[transitions]\ntech_sme -> hightech = 0.13\n"
                                      "[exits]\nstartup=0.15\n"
                                      "[renewal]\nhightech=3;0.8;tech_sme\n"
                                      "[inflows]\nstartup=400\n"
                                      "[recruitment]\ntech_sme=100\n");
    int i = model_param_find(m, c->key);
    if (c->canonical == NULL) {
        assert_int_equal(i, -1);
        return;
    }
    assert_true(i >= 0 && i < m->n_params);
    assert_string_equal(m->params[i].key, c->canonical);
}

/* ---- files, extends, encodings --------------------------------------- */

#define PARENT                                                                            \
    "[scenario]\n"                 /* 1 */                                                \
    "name=parent\n"                /* 2 */                                                \
    "base_year=2021\n"             /* 3 */                                                \
    "horizon=2025\n"               /* 4 */                                                \
    "seed=5\n"                     /* 5 */                                                \
    "[stages]\n"                   /* 6 */                                                \
    "tech_sme=科小\n"              /* 7 */                                                \
    "hightech=高企\n"              /* 8 */                                                \
    "[baseline]\n"                 /* 9 */                                                \
    "tech_sme=400\n"               /* 10 */                                               \
    "[transitions]\n"              /* 11 */                                               \
    "tech_sme -> hightech = 0.13\n" /* 12 */                                              \
    "[exits]\n"                    /* 13 */                                               \
    "tech_sme=0.04\n"              /* 14 */                                               \
    "[policy parent policy]\n"     /* 15 */                                               \
    "exit.tech_sme=*0.5\n"         /* 16 */                                               \
    "[target 高企]\n"              /* 17 */                                               \
    "stage=hightech\n"             /* 18 */                                               \
    "at_least=100\n"               /* 19 */

/* A child overrides the parent key by key (its path relative to the
 * child's folder), adds a stage, an edge and a policy, and keeps the rest. */
static void test_extends(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *base_dir = g_build_filename(dir, "base", NULL);
    g_autofree char *child_dir = g_build_filename(dir, "what-if", NULL);
    assert_int_equal(g_mkdir(base_dir, 0700), 0);
    assert_int_equal(g_mkdir(child_dir, 0700), 0);
    g_autofree char *parent = tu_write(base_dir, "parent.ini", PARENT);
    g_autofree char *child = tu_write(child_dir, "child.ini",
                                      "[scenario]\n"
                                      "extends=../base/parent.ini\n"
                                      "name=child\n"
                                      "[stages]\n"
                                      "gazelle=瞪羚\n"
                                      "[transitions]\n"
                                      "tech_sme -> hightech = 0.2\n"
                                      "hightech -> gazelle = 0.05\n"
                                      "[target 高企]\n"
                                      "at_least=150\n"
                                      "[policy 专班]\n"
                                      "from=2023\n"
                                      "tech_sme -> hightech = *1.25\n");
    GError *error = NULL;
    g_autoptr(Model) m = scenario_load(child, &error);
    if (m == NULL)
        fail_msg("%s", error->message);
    assert_string_equal(m->name, "child");
    assert_int_equal(m->base_year, 2021);  /* kept from the parent */
    assert_true(m->has_seed);
    assert_int_equal(m->seed, 5);
    assert_int_equal(m->n_stages, 3);       /* the new stage comes after the parent's */
    assert_string_equal(m->stages[2].id, "gazelle");
    assert_int_equal(m->stages[0].baseline, 400);
    int edge = param(m, "tech_sme -> hightech");
    assert_near(m->params[edge].value, 0.2, 0);
    assert_int_equal(m->params[edge].where.line, 7);   /* the child's line */
    assert_non_null(strstr(m->params[edge].where.file, "child.ini"));
    int exit = param(m, "exit.tech_sme");
    assert_near(m->params[exit].value, 0.04, 0);
    assert_int_equal(m->params[exit].where.line, 14);  /* the parent's line */
    assert_string_equal(m->params[exit].where.file, parent); /* not what-if/../base/parent.ini */
    assert_near(m->params[param(m, "hightech -> gazelle")].value, 0.05, 0);
    assert_int_equal(m->n_policies, 2);                /* the parent's first */
    assert_string_equal(m->policies[0].name, "parent policy");
    assert_string_equal(m->policies[1].name, "专班");
    assert_int_equal(m->policies[1].from, 2023);
    assert_int_equal(m->n_targets, 1);
    assert_int_equal(m->targets[0].at_least, 150);
    assert_int_equal(m->targets[0].stage, stage(m, "hightech"));
}

/* A parent reached through a symbolic link keeps its path as joined: after
 * link/ (really real/deep/), "link/../p.ini" is real/p.ini, not p.ini. */
static void test_extends_through_link(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *deep = g_build_filename(dir, "real", "deep", NULL);
    assert_int_equal(g_mkdir_with_parents(deep, 0700), 0);
    g_autofree char *link = g_build_filename(dir, "link", NULL);
    assert_int_equal(symlink(deep, link), 0);
    g_autofree char *real = g_build_filename(dir, "real", NULL);
    g_free(tu_write(real, "p.ini", PARENT));
    g_free(tu_write(dir, "p.ini", "[scenario]\nname=the wrong parent\n"));
    g_autofree char *child = tu_write(link, "c.ini", "[scenario]\nextends=../p.ini\nname=c\n");
    GError *error = NULL;
    g_autoptr(Model) m = scenario_load(child, &error);
    if (m == NULL)
        fail_msg("%s", error->message);
    assert_int_equal(m->stages[0].baseline, 400); /* real/p.ini's */
    g_autofree char *joined = g_build_filename(link, "..", "p.ini", NULL);
    assert_string_equal(m->params[param(m, "exit.tech_sme")].where.file, joined);
}

/* A bad value in the parent is reported at the parent's file and line;
 * one in the child at the child's. */
static void test_extends_error_lines(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *parent = tu_write(dir, "parent.ini", PARENT "[inflows]\nhightech=-3\n");
    g_autofree char *msg = load_fail("child.ini", dir, "[scenario]\nextends=parent.ini\nname=child\n");
    tu_assert_contains(msg, "parent.ini:21: [inflows] hightech = -3: firms a year must lie in");
    g_autofree char *fine = tu_write(dir, "parent.ini", PARENT);
    g_autofree char *msg2 = load_fail("child.ini", dir, "[scenario]\nextends=parent.ini\n\n[exits]\nhightech=2\n");
    tu_assert_contains(msg2, "child.ini:5: [exits] hightech = 2: a probability must lie in [0, 1]");
    g_autofree char *msg3 = load_fail("child.ini", dir, "[scenario]\nextends=missing.ini\n");
    tu_assert_contains(msg3, "child.ini:2: [scenario] extends = missing.ini");
}

/* A file that extends itself, two files that extend each other, and a
 * longer loop are errors, not endless recursion. */
static void test_extends_loop(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *self = tu_write(dir, "self.ini", "[scenario]\nextends=self.ini\nname=x\n");
    g_autofree char *a = tu_write(dir, "a.ini", "[scenario]\nname=a\nextends=b.ini\n");
    g_autofree char *b = tu_write(dir, "b.ini", "[scenario]\nextends=c.ini\n");
    g_autofree char *c = tu_write(dir, "c.ini", "# c\n[scenario]\nextends=a.ini\n");
    const char *const paths[] = {self, a};
    for (gsize i = 0; i < G_N_ELEMENTS(paths); i++) {
        GError *error = NULL;
        Model *m = scenario_load(paths[i], &error);
        assert_null(m);
        assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT));
        tu_assert_contains(error->message, "loop");
        tu_assert_contains(error->message, "[scenario] extends");
        g_error_free(error);
    }
}

/* Two files that extend each other: the error is at the line of the
 * extends that closes the loop.  A chain of more than 16 files is an
 * error that says so, not a loop. */
static void test_extends_pair_and_depth(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *a = tu_write(dir, "a.ini", "[scenario]\nname=a\nextends=b.ini\n");
    g_autofree char *b = tu_write(dir, "b.ini", "# b\n[scenario]\nextends=a.ini\n");
    GError *error = NULL;
    assert_null(scenario_load(a, &error));
    g_autofree char *want = g_strdup_printf("%s:3: [scenario] extends = a.ini: a loop", b);
    tu_assert_contains(error->message, want);
    g_clear_error(&error);
    for (int i = 0; i <= 17; i++) {
        g_autofree char *name = g_strdup_printf("d%d.ini", i);
        g_autofree char *text = g_strdup_printf("[scenario]\nextends=d%d.ini\n", i + 1);
        g_free(tu_write(dir, name, i < 17 ? text : PARENT));
    }
    g_autofree char *top = g_build_filename(dir, "d0.ini", NULL);
    assert_null(scenario_load(top, &error));
    tu_assert_contains(error->message, "d15.ini:2: [scenario] extends = d16.ini: more than 16 files extend one another");
    g_clear_error(&error);
}

/* A NUL byte would end the text early, silently: the file, or a parent
 * it extends, holding one is an error at its line.  A parent that is a
 * device or a pipe is an error too, not a read that never ends. */
static void test_nul_and_special_files(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    static const char nul[] = HEAD "\0[stagse]\nx=X\n";
    g_autofree char *path = g_build_filename(dir, "nul.ini", NULL);
    assert_true(g_file_set_contents(path, nul, sizeof nul - 1, NULL));
    GError *error = NULL;
    assert_null(scenario_load(path, &error));
    assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT));
    g_autofree char *want = g_strdup_printf("%s:10: a NUL byte: this is not a text file", path);
    tu_assert_contains(error->message, want);
    g_clear_error(&error);
    g_autofree char *msg = load_fail("child.ini", dir, "[scenario]\nextends=nul.ini\n");
    tu_assert_contains(msg, "nul.ini:10: a NUL byte");
    /* UTF-16 (Notepad's "Unicode"): a NUL on line 1 */
    static const char utf16[] = "\xFF\xFE[\0s\0";
    g_autofree char *u16 = g_build_filename(dir, "u16.ini", NULL);
    assert_true(g_file_set_contents(u16, utf16, sizeof utf16 - 1, NULL));
    assert_null(scenario_load(u16, &error));
    tu_assert_contains(error->message, "u16.ini:1: a NUL byte: this is not a text file (saved as UTF-16");
    g_clear_error(&error);
    g_autofree char *fifo = g_build_filename(dir, "pipe.ini", NULL);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    const char *parents[] = {"pipe.ini", "/dev/zero", "/dev/stdin"};
    for (gsize i = 0; i < G_N_ELEMENTS(parents); i++) {
        g_autofree char *child = g_strdup_printf("[scenario]\nextends=%s\n", parents[i]);
        g_autofree char *m = load_fail("child.ini", dir, child);
        g_autofree char *w = g_strdup_printf("child.ini:2: [scenario] extends = %s: not a regular file", parents[i]);
        tu_assert_contains(m, w);
    }
}

/* A grandparent's keys come through two levels of extends. */
static void test_extends_chain(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *p = tu_write(dir, "parent.ini", PARENT);
    g_autofree char *mid = tu_write(dir, "mid.ini", "[scenario]\nextends=parent.ini\nhorizon=2024\n");
    g_autoptr(Model) m = scenario_load_data("top.ini", dir, "[scenario]\nextends=mid.ini\nname=top\n", NULL);
    assert_non_null(m);
    assert_string_equal(m->name, "top");
    assert_int_equal(m->horizon, 2024);
    assert_int_equal(m->targets[0].year, 2024);  /* the default follows the merged horizon */
    assert_int_equal(m->policies[0].to, 2024);
    assert_int_equal(m->stages[0].baseline, 400);
}

/* A UTF-8 BOM and CRLF line ends load like the plain text, line numbers
 * included. */
static void test_bom_crlf(void **state)
{
    (void)state;
    const char *plain = HEAD "[transitions]\ntech_sme -> hightech = 0.13\n[target 高企]\nstage=hightech\nat_least=10\n";
    g_autoptr(GString) dos = g_string_new("\xEF\xBB\xBF");
    for (const char *p = plain; *p; p++) {
        if (*p == '\n')
            g_string_append_c(dos, '\r');
        g_string_append_c(dos, *p);
    }
    g_autoptr(Model) a = load_ok(plain);
    g_autoptr(Model) b = load_ok(dos->str);
    assert_string_equal(b->name, a->name);
    assert_int_equal(b->horizon, a->horizon);
    assert_int_equal(b->n_stages, a->n_stages);
    for (int s = 0; s < a->n_stages; s++) {
        assert_string_equal(b->stages[s].id, a->stages[s].id);
        assert_string_equal(b->stages[s].name, a->stages[s].name);
    }
    assert_string_equal(b->stages[0].id, "startup");  /* no BOM glued to the first key */
    assert_near(b->params[0].value, 0.13, 0);
    assert_int_equal(b->params[0].where.line, 11);
    assert_string_equal(b->targets[0].name, "高企");
    /* An error in a CRLF file names the right line, without a stray \r. */
    g_autofree char *msg = load_fail("t.ini", NULL, "\xEF\xBB\xBF[scenario]\r\nname=t\r\nbase_year=2021\r\n"
                                                    "horizon=2025\r\nhorizn=1\r\n[stages]\r\na=A\r\n");
    tu_assert_contains(msg, "t.ini:5: [scenario] horizn = 1: unknown key 'horizn'");
    assert_null(strchr(msg, '\r'));
}

/* Values are unescaped as GLib key files are: "\\" is a backslash, "\s" a
 * space. */
static void test_escapes(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok("[scenario]\nname=t\nbase_year=2021\nhorizon=2022\n"
                                 "description=C:\\\\data\\sdir\n[stages]\na=A\n");
    assert_string_equal(m->description, "C:\\data dir");
}

/* A '#' after a blank (a space, a tab, a full-width space) starts an
 * inline comment, on a value's line, a key's and a group header's; it
 * joins the # lines above as the entry's note.  "\#" is a '#', and a '#'
 * right after another character is text. */
static void test_inline_comments(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_ok("[scenario]\nname = 方案 \\#2   # the second\nbase_year = 2021\t# base\n"
                                 "horizon = 2025\ndescription = a#b c\\\\#d\n"
                                 "[stages]  # the ladder\nstartup = 初创\nhightech = 高企 #\n"
                                 "[baseline]\n# above\nstartup = 3\xe3\x80\x80# full-width space\n"
                                 "[exits]\nstartup = 0.08   # assumed\nhightech = 0.01\n"
                                 "[target X]  # a target\nstage = hightech # 高企\nat_least = 1 # one\nyear = 2025\n");
    assert_string_equal(m->name, "方案 #2");
    assert_int_equal(m->base_year, 2021);
    assert_string_equal(m->description, "a#b c\\#d");
    assert_string_equal(m->stages[1].name, "高企");
    assert_int_equal(m->stages[0].baseline, 3);
    assert_string_equal(m->stages[0].baseline_note, "above\nfull-width space");
    const Param *exit = &m->params[model_param_find(m, "exit.startup")];
    assert_true(exit->value == 0.08);
    assert_string_equal(exit->note, "assumed");
    assert_null(m->params[model_param_find(m, "exit.hightech")].note);
    assert_int_equal(m->targets[0].at_least, 1);
    /* what the rule changes: "方案 #2" is now the name 方案 */
    g_autoptr(Model) n = load_ok("[scenario]\nname = 方案 #2\nbase_year=2021\nhorizon=2022\n[stages]\na=A\n");
    assert_string_equal(n->name, "方案");
}

/* Every line that names a stage, with `A`, `B`, `C` standing for the three
 * stages of HEAD (by id or by display name). */
#define NAMING(A, B, C)                                                                     \
    HEAD "[baseline]\n" A "=100\n" C "=20\n"                                                 \
    "[transitions]\n" A " -> " B " = 0.2\n" B "->" C " = 0.1\n"                               \
    "[exits]\n" A " = 0.05\n"                                                                \
    "[renewal]\n" C " = 3;0.8;" B "\n"                                                       \
    "[inflows]\n" A " = 50\n"                                                                \
    "[recruitment]\n" B " = 5\n"                                                             \
    "[list valid]\nstages = " C "\nshare." B " = 0.3\n"                                      \
    "[uncertainty]\nbaseline." A " = gamma(100,1)\n" B " -> " C " = beta(2,18)\n"             \
    "exit." A " = beta(5,95)\n"                                                              \
    "[policy P]\n" B " -> " C " = *1.2\ninflow." A " = +10\nlist.valid." B " = =0.4\n"        \
    "[target T]\nstage = " C "\nat_least = 10\nyear = 2025\n"

/* Wherever a stage is expected, its display name names it as its id does:
 * the scenario written with names is the one written with ids. */
static void test_display_names(void **state)
{
    (void)state;
    g_autoptr(Model) ids = load_ok(NAMING("startup", "tech_sme", "hightech"));
    g_autoptr(Model) names = load_ok(NAMING("初创", "科小", "高企"));
    assert_int_equal(names->n_params, ids->n_params);
    for (int i = 0; i < ids->n_params; i++) {
        assert_string_equal(names->params[i].key, ids->params[i].key);
        assert_true(names->params[i].value == ids->params[i].value);
        assert_int_equal(names->params[i].uncertain, ids->params[i].uncertain);
    }
    for (int s = 0; s < ids->n_stages; s++) {
        assert_int_equal(names->stages[s].baseline, ids->stages[s].baseline);
        assert_int_equal(names->stages[s].lapse_to, ids->stages[s].lapse_to);
        assert_int_equal(names->stages[s].baseline_uncertain, ids->stages[s].baseline_uncertain);
    }
    assert_int_equal(names->stages[0].baseline, 100);
    assert_int_equal(names->stages[2].lapse_to, 1);
    assert_int_equal(names->lists[0].n_members, 1);
    assert_int_equal(names->lists[0].members[0], 2);
    assert_int_equal(names->targets[0].stage, 2);
    assert_int_equal(names->policies[0].n_changes, 3);
    for (int j = 0; j < 3; j++)
        assert_int_equal(names->policies[0].changes[j].param, ids->policies[0].changes[j].param);
    assert_true(names->params[model_param_find(names, "list.valid.tech_sme")].uncertain == FALSE);
    /* keys named on the command line (--lever, --fit) take display names too */
    const char *const pairs[][2] = {
        {"科小 -> 高企", "tech_sme -> hightech"},
        {"exit.初创", "exit.startup"},
        {"list.valid.科小", "list.valid.tech_sme"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(pairs); i++) {
        int by_name = model_param_find(ids, pairs[i][0]);
        assert_true(by_name >= 0);
        assert_int_equal(by_name, model_param_find(ids, pairs[i][1]));
    }
    assert_int_equal(model_param_find(ids, "科小 -> 高新"), -1);
}

/* A file that extends another replaces the parent's line also when one
 * names a stage by its id and the other by its display name. */
static void test_display_names_extends(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_free(tu_write(dir, "p.ini", HEAD "[baseline]\nhightech=5\n[exits]\nstartup=0.1\n"));
    g_autofree char *child = tu_write(dir, "c.ini", "[scenario]\nextends=p.ini\n[baseline]\n高企=7\n"
                                                    "[exits]\n初创=0.2  # the child's\n");
    GError *error = NULL;
    g_autoptr(Model) m = scenario_load(child, &error);
    if (m == NULL)
        fail_msg("%s", error->message);
    assert_int_equal(m->stages[2].baseline, 7);
    const Param *exit = &m->params[model_param_find(m, "exit.startup")];
    assert_true(exit->value == 0.2);
    assert_int_equal(exit->where.line, 6);
    assert_string_equal(exit->note, "the child's");
}

/* Up to 64 stages; the 65th is an error at its line. */
static void test_stage_limit(void **state)
{
    (void)state;
    g_autoptr(GString) text = g_string_new("[scenario]\nname=t\nbase_year=2021\nhorizon=2022\n[stages]\n");
    for (int i = 0; i < 64; i++)
        g_string_append_printf(text, "s%d=S%d\n", i, i);
    g_autoptr(Model) m = load_ok(text->str);
    assert_int_equal(m->n_stages, 64);
    assert_string_equal(m->stages[63].id, "s63");
    g_string_append(text, "s64=S64\n");  /* line 70 */
    g_autofree char *msg = load_fail("t.ini", NULL, text->str);
    tu_assert_contains(msg, "t.ini:70: [stages] s64 = S64: at most 64 stages");
}

/* scenario_load reads a file; a missing one is an INPUT error naming it. */
static void test_load_file(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *path = tu_write(dir, "s.ini", HEAD "[baseline]\nstartup=12\n");
    GError *error = NULL;
    g_autoptr(Model) m = scenario_load(path, &error);
    assert_non_null(m);
    assert_string_equal(m->file, path);
    assert_int_equal(m->stages[0].baseline, 12);
    g_autofree char *missing = g_build_filename(dir, "nope.ini", NULL);
    assert_null(scenario_load(missing, &error));
    assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT));
    tu_assert_contains(error->message, "nope.ini");
    g_clear_error(&error);
}

/* The bundled scenarios and the benchmark load (the what-if through
 * extends), with what their files say. */
static void test_bundled(void **state)
{
    (void)state;
    const char *files[] = {"scenarios/tianning-2025.ini", "scenarios/tianning-2025-zhuanban.ini",
                           "tests/data/bench6.ini"};
    for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *path = g_build_filename(tu_srcdir(), files[i], NULL);
        GError *error = NULL;
        g_autoptr(Model) m = scenario_load(path, &error);
        if (m == NULL)
            fail_msg("%s: %s", files[i], error->message);
        assert_true(m->n_stages == 6);
        if (i == 1) {
            assert_int_equal(m->base_year, 2021);  /* from the parent */
            assert_true(m->n_policies >= 1);
            assert_string_equal(m->policies[0].name, "高企培育专班");
            assert_true(m->params[param(m, "tech_sme -> hightech")].uncertain);
        }
    }
}

/* ---- bad input -------------------------------------------------------- */

typedef struct {
    const char *id;
    const char *text;     /* the whole file "t.ini" */
    const char *want[3];  /* substrings of the message; "!x": x must not be in it */
} ErrorCase;

static const ErrorCase error_cases[] = {
    /* unknown names, with the nearest known one */
    {"scenario-3.1", HEAD "[transition]\ntech_sme -> hightech = 0.1\n",
     {"t.ini:10: [transition]: unknown group", "did you mean 'transitions'"}},
    {"scenario-3.2", HEAD "[exit]\nstartup=0.1\n", {"t.ini:10: [exit]: unknown group", "did you mean 'exits'"}},
    {"scenario-3.3", HEAD "[polcy 专班]\nfrom=2023\n",
     {"t.ini:10: [polcy 专班]: unknown group", "did you mean 'policy NAME'"}},
    {"scenario-3.4", "[scenario]\nname=t\nbase_year=2021\nhorizon=2025\nhorizn=2026\n[stages]\na=A\n",
     {"t.ini:5: [scenario] horizn = 2026: unknown key 'horizn'", "did you mean 'horizon'"}},
    {"scenario-3.5", HEAD "[baseline]\nhightek=5\n",
     {"t.ini:11: [baseline] hightek = 5: unknown stage 'hightek'", "did you mean 'hightech'"}},
    {"scenario-3.6", HEAD "[exits]\nstartupp=0.1\n",
     {"t.ini:11: [exits] startupp = 0.1: unknown stage 'startupp'", "did you mean 'startup'"}},
    {"scenario-3.7", HEAD "[transitions]\ntech_sme -> hightek = 0.13\n",
     {"t.ini:11: [transitions] tech_sme -> hightek = 0.13: unknown stage 'hightek'", "did you mean 'hightech'"}},
    {"scenario-3.8", HEAD "[transitions]\nstartup -> tech_sme = 0.1\ntechsme -> hightech = 0.13\n",
     {"t.ini:12: [transitions] techsme -> hightech = 0.13: unknown stage 'techsme'", "did you mean 'tech_sme'"}},
    {"scenario-3.9", HEAD "[inflows]\nstartup=400\n[recruitment]\ntech-sme=100\n",
     {"t.ini:13: [recruitment] tech-sme = 100: unknown stage 'tech-sme'", "did you mean 'tech_sme'"}},
    /* probabilities and rates */
    {"scenario-3.10", HEAD "[transitions]\ntech_sme -> hightech = 1.7\n",
     {"t.ini:11: [transitions] tech_sme -> hightech = 1.7: a probability must lie in [0, 1]"}},
    {"scenario-3.11", HEAD "[exits]\nstartup=-0.1\n", {"t.ini:11: [exits] startup = -0.1: a probability must lie in [0, 1]"}},
    {"scenario-3.12", HEAD "[exits]\nstartup=15%\n",
     {"t.ini:11: [exits] startup = 15%: expected a probability such as 0.08; write 0.15 for 15%"}},
    /* a '#' right after a character is text, not a comment */
    {"scenario-3.13", HEAD "[exits]\n# from the plan\nstartup=0.15# assumed\n",
     {"t.ini:12: [exits] startup = 0.15# assumed: ", "probability"}},
    {"scenario-3.14", HEAD "[inflows]\nstartup=-5\n", {"t.ini:11: [inflows] startup = -5: firms a year must lie in [0,"}},
    {"scenario-3.15", HEAD "[recruitment]\ntech_sme=-1\n", {"t.ini:11: [recruitment] tech_sme = -1: firms a year must lie in [0,"}},
    {"scenario-3.16", HEAD "[inflows]\nstartup=lots\n", {"t.ini:11: [inflows] startup = lots: expected a number of firms a year"}},
    {"scenario-3.17", HEAD "[baseline]\nstartup=-5\n", {"t.ini:11: [baseline] startup = -5: expected a whole number from 0 to"}},
    {"scenario-3.18", HEAD "[baseline]\nstartup=2.5\n", {"t.ini:11: [baseline] startup = 2.5: expected a whole number from 0 to"}},
    /* renewal */
    {"scenario-3.19", HEAD "[renewal]\nhightech=3;0.8\n",
     {"t.ini:11: [renewal] hightech = 3;0.8: expected valid years;renewal probability;lapse stage"}},
    {"scenario-3.20", HEAD "[renewal]\nhightech=0;0.8;tech_sme\n",
     {"t.ini:11: [renewal] hightech = 0;0.8;tech_sme: valid years must be a whole number from 1 to 50"}},
    {"scenario-3.21", HEAD "[renewal]\nhightech=3;1.2;tech_sme\n",
     {"t.ini:11: [renewal] hightech = 3;1.2;tech_sme: a probability must lie in [0, 1]"}},
    {"scenario-3.22", HEAD "[renewal]\nhightech=3;0.8;tech_sm\n",
     {"t.ini:11: [renewal] hightech = 3;0.8;tech_sm: unknown stage 'tech_sm'", "did you mean 'tech_sme'"}},
    {"scenario-3.23", HEAD "[renewal]\nhightech=3;0.8;hightech\n",
     {"t.ini:11: [renewal] hightech = 3;0.8;hightech: a lapsed firm must fall to another stage"}},
    /* edges */
    {"scenario-3.24", HEAD "[transitions]\ntech_sme -> tech_sme = 0.1\n",
     {"t.ini:11: [transitions] tech_sme -> tech_sme = 0.1: an edge must lead to another stage"}},
    {"scenario-3.25", HEAD "[transitions]\ntech_sme hightech = 0.1\n",
     {"t.ini:11: [transitions] tech_sme hightech = 0.1: an edge is written 'from -> to'"}},
    {"scenario-3.26", HEAD "[transitions]\ntech_sme > hightech = 0.1\n",
     {"t.ini:11: [transitions] tech_sme > hightech = 0.1: an edge is written 'from -> to'"}},
    /* the shape of the file */
    {"scenario-3.27", HEAD "[exits]\nstartup=0.1\nstartup=0.2\n", {"t.ini:12: ", "startup given twice (first at line 11)"}},
    {"scenario-3.28", HEAD "[transitions]\ntech_sme->hightech=0.1\ntech_sme -> hightech = 0.2\n",
     {"t.ini:12: ", "tech_sme -> hightech given twice (first at line 11)"}},
    {"scenario-3.29", HEAD "[exits]\nstartup=0.1\n\n[exits]\ntech_sme=0.1\n", {"t.ini:13: ", "[exits] given twice (first at line 10)"}},
    {"scenario-3.30", HEAD "[exits]\njust words\n",
     {"t.ini:11: ", "'just words' is not a [group], a key = value line or a # comment"}},
    {"scenario-3.31", "name=t\n" HEAD, {"t.ini:1: ", "'name=t' comes before any [group]"}},
    {"scenario-3.32", HEAD "[exits\nstartup=0.1\n", {"t.ini:10: ", "a group header must end with ']'"}},
    {"scenario-3.33", HEAD "startup=again\n", {"t.ini:10: ", "startup given twice (first at line 7)"}},
    /* [scenario] */
    {"scenario-3.34", "[scenario]\nbase_year=2021\nhorizon=2025\n[stages]\na=A\n", {"t.ini:1: [scenario]: name is required"}},
    {"scenario-3.35", "[scenario]\nname=t\nhorizon=2025\n[stages]\na=A\n", {"t.ini:1: [scenario]: base_year is required"}},
    {"scenario-3.36", "[scenario]\nname=t\nbase_year=2021\n[stages]\na=A\n", {"t.ini:1: [scenario]: horizon is required"}},
    {"scenario-3.37", "[scenario]\nname=t\nbase_year=2025\nhorizon=2021\n[stages]\na=A\n",
     {"t.ini:1: [scenario]: ", "horizon 2021 must come after base_year 2025"}},
    {"scenario-3.38", "[scenario]\nname=t\nbase_year=2025\nhorizon=2025\n[stages]\na=A\n",
     {"t.ini:1: [scenario]: ", "horizon 2025 must come after base_year 2025"}},
    {"scenario-3.39", "[scenario]\nname=t\nbase_year=2000\nhorizon=2101\n[stages]\na=A\n",
     {"t.ini:1: [scenario]: ", "at most 100 years"}},
    {"scenario-3.40", "[scenario]\nname=t\nbase_year=20x1\nhorizon=2025\n[stages]\na=A\n",
     {"t.ini:3: [scenario] base_year = 20x1: expected a whole number"}},
    {"scenario-3.41", "[scenario]\nname=t\nbase_year=2021\nhorizon=2025\nreplications=0\n[stages]\na=A\n",
     {"t.ini:5: [scenario] replications = 0: expected a whole number from 1 to"}},
    {"scenario-3.42", "[scenario]\nname=t\nbase_year=2021\nhorizon=2025\nseed=-1\n[stages]\na=A\n",
     {"t.ini:5: [scenario] seed = -1: expected a whole number from 0 to"}},
    {"scenario-3.43", "[scenario]\nname=t\nbase_year=2021\nhorizon=2025\nlanguage=fr\n[stages]\na=A\n",
     {"t.ini:5: [scenario] language = fr: language must be one of zh, en"}},
    {"scenario-3.122", "[scenario]\nname=t\nbase_year=2021\nhorizon=2025\nlanguage=english\n[stages]\na=A\n",
     {"t.ini:5: [scenario] language = english: language must be one of zh, en", "!did you mean"}},
    /* a key or group far from every known one gets them all listed */
    {"scenario-3.123", "[scenario]\nname=t\nbase_year=2021\nhorizon=2025\ntitle=x\n[stages]\na=A\n",
     {"t.ini:5: [scenario] title = x: unknown key 'title': a key of [scenario] must be one of name, region, "
      "description, base_year, horizon, extends, replications, seed, language"}},
    {"scenario-3.124", HEAD "[target X]\nstage=hightech\nat_least=5\ngoal=5\n",
     {"t.ini:13: [target X] goal = 5: unknown key 'goal': a key of [target X] must be one of stage, list, year, "
      "at_least, count"}},
    {"scenario-3.125", HEAD "[assumptions]\nx=1\n",
     {"t.ini:10: [assumptions]: unknown group: a group must be one of policy NAME, target NAME, scenario, stages, "
      "baseline, transitions, exits, renewal, inflows, recruitment, list NAME, effects, uncertainty"}},
    {"scenario-3.44", "[scenario]\nname=\nbase_year=2021\nhorizon=2025\n[stages]\na=A\n",
     {"t.ini:2: [scenario] name = : the scenario needs a name"}},
    {"scenario-3.45", "[stages]\na=A\n", {"t.ini", "the [scenario] group is missing"}},
    {"scenario-3.46", "[scenario]\nname=t\nbase_year=2021\nhorizon=2025\n", {"t.ini", "the [stages] group is missing"}},
    {"scenario-3.47", "[scenario]\nname=t\nbase_year=2021\nhorizon=2025\n[stages]\n", {"t.ini", "[stages] lists no stage"}},
    /* stage ids */
    {"scenario-3.48", HEAD "高企=高新技术企业\n", {"t.ini:10: [stages] 高企 = 高新技术企业: a stage id is lower-case ASCII"}},
    {"scenario-3.49", HEAD "HighTech=High-tech\n", {"t.ini:10: [stages] HighTech = High-tech: a stage id is lower-case ASCII"}},
    {"scenario-3.50", HEAD "1st=First\n", {"t.ini:10: [stages] 1st = First: a stage id is lower-case ASCII"}},
    /* exit plus edges */
    {"scenario-3.51", HEAD "[transitions]\ntech_sme -> hightech = 0.6\n\n[exits]\ntech_sme=0.5\n",
     {"t.ini:14: [exits] tech_sme = 0.5: ", "stage tech_sme (科小): exit plus outgoing edges sum to 1.1, more than 1"}},
    {"scenario-3.52", HEAD "[transitions]\nstartup -> tech_sme = 0.5\nstartup -> hightech = 0.6\n",
     {"t.ini:12: [transitions] startup -> hightech = 0.6: ",
      "stage startup (初创): exit plus outgoing edges sum to 1.1, more than 1"}},
    /* as in every year, the uncertain value (its central one) is to blame, even
       on an earlier line */
    {"scenario-3.102", HEAD "[uncertainty]\nstartup -> tech_sme = beta(8,2)\n"
                       "[transitions]\nstartup -> tech_sme = 0.5\nstartup -> hightech = 0.3\n",
     {"t.ini:11: [uncertainty] startup -> tech_sme = beta(8,2): stage startup (初创): exit plus outgoing edges sum "
      "to 1.1, more than 1"}},
    /* policies */
    {"scenario-3.53", HEAD "[transitions]\ntech_sme -> hightech = 0.5\n\n[policy 专班]\nfrom=2023\ntech_sme -> hightech = *2.5\n",
     {"t.ini:15: [policy 专班] tech_sme -> hightech = *2.5: in 2023, stage tech_sme (科小): ",
      "a probability must lie in [0, 1]"}},
    {"scenario-3.54", HEAD "[transitions]\ntech_sme -> hightech = 0.5\n\n[exits]\ntech_sme=0.3\n\n"
                      "[policy 专班]\nfrom=2024\ntech_sme -> hightech = *1.6\n",
     {"t.ini:18: [policy 专班] tech_sme -> hightech = *1.6: in 2024, stage tech_sme (科小): ",
      "exit plus outgoing edges sum to 1.1, more than 1"}},
    {"scenario-3.55", HEAD "[inflows]\nstartup=100\n\n[policy 减]\nto=2022\ninflow.startup=-150\n",
     {"t.ini:15: [policy 减] inflow.startup = -150: in 2022, stage startup (初创): ", "cannot be negative"}},
    {"scenario-3.56", HEAD "[policy X]\ntech_sme -> startup = *2\n",
     {"t.ini:11: [policy X] tech_sme -> startup = *2: ", "no edge tech_sme -> startup in [transitions]"}},
    {"scenario-3.57", HEAD "[policy X]\nrenewal.tech_sme = *2\n",
     {"t.ini:11: [policy X] renewal.tech_sme = *2: ", "tech_sme has no rule in [renewal]"}},
    {"scenario-3.58", HEAD "[transitions]\ntech_sme -> hightech = 0.1\n[policy X]\nfrm=2023\n",
     {"t.ini:13: [policy X] frm = 2023: unknown key 'frm'", "did you mean 'from'"}},
    {"scenario-3.59", HEAD "[transitions]\ntech_sme -> hightech = 0.1\n[policy X]\ntech_sme -> hightech = 1.25\n",
     {"t.ini:13: [policy X] tech_sme -> hightech = 1.25: expected *x (multiply), +x or -x (add), or =x (set)"}},
    {"scenario-3.60", HEAD "[transitions]\ntech_sme -> hightech = 0.1\n[policy X]\ntech_sme -> hightech = *abc\n",
     {"t.ini:13: [policy X] tech_sme -> hightech = *abc: expected *x"}},
    {"scenario-3.61", HEAD "[transitions]\ntech_sme -> hightech = 0.1\n[policy X]\nfrom=2021\ntech_sme -> hightech = *2\n",
     {"t.ini:13: [policy X] from = 2021: expected a whole number from 2022 to 2025"}},
    {"scenario-3.62", HEAD "[transitions]\ntech_sme -> hightech = 0.1\n[policy X]\nto=2026\ntech_sme -> hightech = *2\n",
     {"t.ini:13: [policy X] to = 2026: expected a whole number from 2022 to 2025"}},
    {"scenario-3.63", HEAD "[transitions]\ntech_sme -> hightech = 0.1\n[policy X]\nfrom=2024\nto=2023\ntech_sme -> hightech = *2\n",
     {"t.ini:12: [policy X]: from 2024 comes after to 2023"}},
    {"scenario-3.64", HEAD "[policy X]\nfrom=2023\n", {"t.ini:10: [policy X]: the policy changes nothing"}},
    {"scenario-3.65", HEAD "[policy]\nexit.startup=*2\n", {"t.ini:10: [policy]: a policy needs a name"}},
    /* targets */
    {"scenario-3.66", HEAD "[target 高企500]\nat_least=500\n", {"t.ini:10: [target 高企500]: stage (or list) is required"}},
    {"scenario-3.67", HEAD "[target 高企500]\nstage=hightech\n", {"t.ini:10: [target 高企500]: at_least is required"}},
    {"scenario-3.68", HEAD "[target X]\nstage=hightech\nat_least=5\ncount=stages\n",
     {"t.ini:13: [target X] count = stages: count must be one of stage, at_or_above, new, cumulative", "did you mean 'stage'"}},
    {"scenario-3.69", HEAD "[target X]\nstage=hightech\natleast=5\n",
     {"t.ini:12: [target X] atleast = 5: unknown key 'atleast'", "did you mean 'at_least'"}},
    {"scenario-3.70", HEAD "[target X]\nstage=hightech\nat_least=5\nyear=2030\n",
     {"t.ini:13: [target X] year = 2030: expected a whole number from 2022 to 2025"}},
    {"scenario-3.71", HEAD "[target X]\nstage=hightek\nat_least=5\n",
     {"t.ini:11: [target X] stage = hightek: unknown stage 'hightek'", "did you mean 'hightech'"}},
    {"scenario-3.72", HEAD "[target X]\nstage=hightech\nat_least=-1\n",
     {"t.ini:12: [target X] at_least = -1: expected a whole number from 0 to"}},
    /* uncertainty */
    {"scenario-3.73", HEAD "[transitions]\ntech_sme -> hightech = 0.13\n\n[uncertainty]\ntech_sme -> hightech = betta(26,174)\n",
     {"t.ini:14: [uncertainty] tech_sme -> hightech = betta(26,174): unknown distribution 'betta'", "did you mean 'beta'"}},
    {"scenario-3.74", HEAD "[exits]\nstartup=0.15\n\n[uncertainty]\nexit.startup=gamma(2,3)\n",
     {"t.ini:14: [uncertainty] exit.startup = gamma(2,3): exit.startup is a probability"}},
    {"scenario-3.75", HEAD "[inflows]\nstartup=400\n\n[uncertainty]\ninflow.startup=beta(2,3)\n",
     {"t.ini:14: [uncertainty] inflow.startup = beta(2,3): inflow.startup is firms a year"}},
    {"scenario-3.76", HEAD "[exits]\nstartup=0.15\n\n[uncertainty]\nexit.startup=uniform(0.5,1.5)\n",
     {"t.ini:14: [uncertainty] exit.startup = uniform(0.5,1.5): a probability must lie in [0, 1]"}},
    {"scenario-3.77", HEAD "[exits]\nstartup=0.15\n\n[uncertainty]\nexitt.startup=beta(15,85)\n",
     {"t.ini:14: [uncertainty] exitt.startup = beta(15,85): unknown key 'exitt.startup'", "did you mean 'exit.startup'"}},
    {"scenario-3.78", HEAD "[exits]\nstartup=0.15\n\n[uncertainty]\nexit.startup=beta(0,85)\n",
     {"t.ini:14: [uncertainty] exit.startup = beta(0,85): ", "positive"}},
    {"scenario-3.79", HEAD "[uncertainty]\nrenewal.hightech=beta(8,2)\n",
     {"t.ini:11: [uncertainty] renewal.hightech = beta(8,2): ", "hightech has no rule in [renewal]"}},
    {"scenario-3.80", HEAD "[transitions]\nstartup -> tech_sme = 0.4\n[exits]\nstartup=0.5\n"
                      "[uncertainty]\nstartup -> tech_sme = beta(7,3)\n",
     {"t.ini:15: [uncertainty] startup -> tech_sme = beta(7,3): ", "exit plus outgoing edges sum to 1.2, more than 1"}},
    {"scenario-3.82", HEAD "[renewal]\nhightech=51;0.8;tech_sme\n",
     {"t.ini:11: [renewal] hightech = 51;0.8;tech_sme: valid years must be a whole number from 1 to 50"}},
    {"scenario-3.83", HEAD "[exits]\nstartup=0,15\n",
     {"t.ini:11: [exits] startup = 0,15: expected a probability such as 0.08; write 0.15 with a point, not a comma"}},
    {"scenario-3.84", HEAD "[inflows]\nstartup=1,000\n",
     {"t.ini:11: [inflows] startup = 1,000: expected a number of firms a year, such as 400; write 1000 without the comma"}},
    /* commas and percents in every reader of numbers say what to write */
    {"scenario-3.116", HEAD "[baseline]\nstartup = 3,000\n",
     {"t.ini:11: [baseline] startup = 3,000: expected a whole number from 0 to", "; write 3000 without the comma"}},
    {"scenario-3.117", HEAD "[renewal]\nhightech=3;80%;tech_sme\n",
     {"t.ini:11: [renewal] hightech = 3;80%;tech_sme: expected a probability such as 0.08; write 0.8 for 80%"}},
    {"scenario-3.118", HEAD "[exits]\nstartup=0.1\n[policy X]\nexit.startup=*0.5\ncost_per_year=1,200\n",
     {"t.ini:14: [policy X] cost_per_year = 1,200: expected an amount in 万元", "; write 1200 without the comma"}},
    {"scenario-3.119", HEAD "[exits]\nstartup=0.1\n[policy X]\nexit.startup=*125%\n",
     {"t.ini:13: [policy X] exit.startup = *125%: expected *x", "; write 1.25 for 125%"}},
    {"scenario-3.120", HEAD "[exits]\nstartup=0.1\n[uncertainty]\nexit.startup=uniform(5%, 0.2)\n",
     {"t.ini:13: [uncertainty] exit.startup = uniform(5%, 0.2): uniform takes two numbers", "; write 0.05 for 5%"}},
    {"scenario-3.121", "[scenario]\nname=t\nbase_year=2,021\nhorizon=2025\n[stages]\na=A\n",
     {"t.ini:3: [scenario] base_year = 2,021: expected a whole number", "; write 2021 without the comma"}},
    {"scenario-3.85", HEAD "[target X]\nstage=hightech\nat_least=5\nyear=2021\n",
     {"t.ini:13: [target X] year = 2021: expected a whole number from 2022 to 2025"}},
    /* names must differ (spaces after "policy"/"target" do not count) */
    {"scenario-3.86", HEAD "[target X]\nstage=startup\nat_least=1\n[target  X]\nstage=startup\nat_least=2\n",
     {"t.ini:13: [target X]: the name is taken"}},
    {"scenario-3.87", HEAD "[exits]\nstartup=0.1\n[policy X]\nexit.startup=*2\n[policy  X]\nexit.startup=*0.5\n",
     {"t.ini:14: [policy ", "name"}},
    /* GKeyFile's own syntax: localised keys "key[locale]" must not be
     * skipped silently, and its errors need a line too */
    {"scenario-3.88", HEAD "[exits]\nstartup[zh]=0.15\n", {"t.ini:11: ", "startup[zh]"}},
    {"scenario-3.89", "[scenario]\nname=t\nbase_year=2021\nhorizon=2025\nname[zh]=天宁\n[stages]\na=A\n",
     {"t.ini:5: ", "name[zh]"}},
    {"scenario-3.90", HEAD "[exits]\n=0.5\n", {"t.ini:11: ", "!given twice"}},
    {"scenario-3.91", HEAD "[exits]\nstartup[=0.5\n", {"t.ini:11: ", "startup["}},
    {"scenario-3.92", HEAD "[]\nstartup=0.5\n", {"t.ini:10: "}},
    /* policy costs (万元) */
    {"scenario-3.93", HEAD "[exits]\nstartup=0.1\n[policy X]\nexit.startup=*0.5\ncost_per_year=-5\n",
     {"t.ini:14: [policy X] cost_per_year = -5: a cost must lie in [0, "}},
    {"scenario-3.94", HEAD "[exits]\nstartup=0.1\n[policy X]\nexit.startup=*0.5\ncost_per_yer=5\n",
     {"t.ini:14: [policy X] cost_per_yer = 5: unknown key 'cost_per_yer'", "did you mean 'cost_per_year'"}},
    {"scenario-3.95", HEAD "[exits]\nstartup=0.1\n[policy X]\nexit.startup=*0.5\ncost_per_year=5万\n",
     {"t.ini:14: [policy X] cost_per_year = 5万: expected an amount in 万元"}},
    {"scenario-3.96", HEAD "[exits]\nstartup=0.1\n[policy X]\nexit.startup=*0.5\ncost_per_firm=2\n",
     {"t.ini:14: [policy X] cost_per_firm = 2: a cost per firm is paid for the firms", "changes none of them"}},
    {"scenario-3.97", HEAD "[policy X]\nrecruitment.tech_sme=+5\ncost_per_frm=2\n",
     {"t.ini:12: [policy X] cost_per_frm = 2: unknown key", "did you mean 'cost_per_firm'"}},
    {"scenario-3.98", HEAD "[policy X]\ncost_per_year=100\n", {"t.ini:10: [policy X]: the policy changes nothing"}},
    /* encoding: 高企 in GB18030 */
    {"scenario-3.81", "[scenario]\nname=\xb8\xdf\xc6\xf3\nbase_year=2021\nhorizon=2025\n[stages]\na=A\n",
     {"t.ini", "not UTF-8", "save it as UTF-8"}},
    /* found by fuzz/fuzz_scenario.c: a misspelt group with a short name
     * after the space overflowed the "NAME" put in its place */
    {"scenario-3.99", HEAD "[targte X]\nstage=hightech\nat_least=1\n",
     {"t.ini:10: [targte X]: unknown group", "did you mean 'target NAME'"}},
    /* found by fuzz/fuzz_scenario.c: a parameter prefix with no '.' and no
     * stage read past a NULL */
    {"scenario-3.100", HEAD "[exits]\nstartup=0.1\n[policy X]\nexit=*0.5\n",
     {"t.ini:13: [policy X] exit = *0.5: unknown key 'exit'"}},
    {"scenario-3.101", HEAD "[uncertainty]\ninflow=gamma(1,1)\n",
     {"t.ini:11: [uncertainty] inflow = gamma(1,1): unknown key 'inflow'"}},
    /* inline comments in keys: a '#' after a blank ends the line before
     * its '=', one after a character is part of the key, and "\#" cannot
     * make a key a comment */
    {"scenario-3.103", HEAD "[exits]\nstartup # first = 0.1\n",
     {"t.ini:11: ", "'startup' is not a [group], a key = value line"}},
    {"scenario-3.104", HEAD "[exits]\nstartup#1 = 0.1\n",
     {"t.ini:11: [exits] startup#1 = 0.1: unknown stage 'startup#1'", "did you mean 'startup'"}},
    {"scenario-3.105", HEAD "[exits]\n\\#startup = 0.1\n", {"t.ini:11: ", "a key cannot start with #"}},
    /* display names: one shared by two stages names neither; a stage named
     * by its id and by its name is given twice; unknown names suggest the
     * nearest id or name, or list every stage */
    {"scenario-3.106", HEAD "gazelle=高企\n[exits]\n高企=0.1\n",
     {"t.ini:12: [exits] 高企 = 0.1: '高企' is the display name of 2 stages (hightech, gazelle); write the id"}},
    {"scenario-3.107", HEAD "gazelle=高企\n[transitions]\ntech_sme -> hightech = 0.1\n[policy X]\n科小 -> 高企 = *2\n",
     {"t.ini:14: [policy X] 科小 -> 高企 = *2: '高企' is the display name of 2 stages (hightech, gazelle)"}},
    {"scenario-3.108", HEAD "gazelle=高企\n[target X]\nstage=高企\nat_least=5\n",
     {"t.ini:12: [target X] stage = 高企: '高企' is the display name of 2 stages (hightech, gazelle)"}},
    {"scenario-3.109", HEAD "[exits]\nstartup=0.1\n初创=0.2\n",
     {"t.ini:12: [exits] 初创 = 0.2: exit.startup is given twice (first at line 11)"}},
    {"scenario-3.110", HEAD "[baseline]\nhightech=5\n高企=6\n",
     {"t.ini:12: [baseline] 高企 = 6: stage hightech is given twice (first at line 11)"}},
    {"scenario-3.111", HEAD "[transitions]\ntech_sme -> hightech = 0.1\n科小 -> 高企 = 0.2\n",
     {"t.ini:12: [transitions] 科小 -> 高企 = 0.2: tech_sme -> hightech is given twice (first at line 11)"}},
    {"scenario-3.112", HEAD "[exits]\nstartup=0.1\n[policy X]\nexit.startup=*2\nexit.初创=*3\n",
     {"t.ini:14: [policy X] exit.初创 = *3: exit.startup is changed twice in the policy (first at line 13)"}},
    {"scenario-3.113", HEAD "[list l]\nstages=hightech, 高企\n", {"t.ini:11: [list l] stages = hightech, 高企: ",
                                                                  "stage 高企 is named twice in the list"}},
    {"scenario-3.114", HEAD "[exits]\n高新=0.1\n",
     {"t.ini:11: [exits] 高新 = 0.1: unknown stage '高新'; did you mean '高企' (hightech)?"}},
    {"scenario-3.115", HEAD "[exits]\nunicorn=0.1\n",
     {"t.ini:11: [exits] unicorn = 0.1: unknown stage 'unicorn' (the stages: startup 初创, tech_sme 科小, hightech 高企)"}},
};

static void test_error_case(void **state)
{
    const ErrorCase *c = *state;
    g_autofree char *msg = load_fail("t.ini", NULL, c->text);
    tu_assert_says(msg, c->want, G_N_ELEMENTS(c->want));
}

/* Every row of the table is a seed of fuzz/fuzz_scenario.c. */
static void test_corpus_in_step(void **state)
{
    (void)state;
    TC_ASSERT_IN_CORPUS(error_cases, "fuzz/corpus/fuzz_scenario", "ini");
}

/* The # lines above a key, back to the key or group header before it,
 * are kept as its note (the source of the figure, for the report's
 * assumptions table): a parameter's value line, its [uncertainty] line and
 * a baseline; blank lines dropped. */
static void test_notes(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load("[scenario]\nname=n\nbase_year=2021\nhorizon=2022\n"
                                 "[stages]\na=A\nb=B\n"
                                 "[baseline]\n# PUBLISHED: article 000\n#\n#   second line\na=10\nb=5\n"
                                 "[transitions]\n# ASSUMED: half of it\na -> b = 0.1\n"
                                 "[exits]\n# far above\n\na=0.05\n"
                                 "[uncertainty]\n# wide on purpose\na -> b = beta(2,18)\n");
    const Param *edge = &m->params[model_param_find(m, "a -> b")];
    const Param *exit = &m->params[model_param_find(m, "exit.a")];
    assert_string_equal(edge->note, "ASSUMED: half of it");
    assert_string_equal(edge->dist_note, "wide on purpose");
    assert_string_equal(m->stages[0].baseline_note, "PUBLISHED: article 000\nsecond line");
    assert_null(m->stages[1].baseline_note);
    assert_string_equal(exit->note, "far above");
    assert_null(exit->dist_note);
    g_autoptr(Model) c = model_copy(m);
    assert_string_equal(c->params[model_param_find(c, "a -> b")].note, "ASSUMED: half of it");
    assert_string_equal(c->stages[0].baseline_note, m->stages[0].baseline_note);
}

int main(void)
{
    if (tc_write_dir()) {
        TC_WRITE(error_cases, tc_write_dir(), "ini");
        return 0;
    }
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_scenario_group),
        cmocka_unit_test(test_scenario_defaults),
        cmocka_unit_test(test_stages),
        cmocka_unit_test(test_baseline),
        cmocka_unit_test(test_notes),
        cmocka_unit_test(test_transitions),
        cmocka_unit_test(test_exits),
        cmocka_unit_test(test_renewal),
        cmocka_unit_test(test_inflows_recruitment),
        cmocka_unit_test(test_policies),
        cmocka_unit_test(test_policy_order),
        cmocka_unit_test(test_policy_costs),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_uncertainty),
        cmocka_unit_test(test_extends),
        cmocka_unit_test(test_extends_through_link),
        cmocka_unit_test(test_extends_error_lines),
        cmocka_unit_test(test_extends_loop),
        cmocka_unit_test(test_extends_chain),
        cmocka_unit_test(test_extends_pair_and_depth),
        cmocka_unit_test(test_nul_and_special_files),
        cmocka_unit_test(test_bom_crlf),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_inline_comments),
        cmocka_unit_test(test_display_names),
        cmocka_unit_test(test_display_names_extends),
        cmocka_unit_test(test_stage_limit),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_bundled),
        cmocka_unit_test(test_corpus_in_step),
    };
    g_autoptr(GArray) tests = TU_TESTS(fixed);
    ADD_ROWS(tests, find_cases, test_param_find);
    ADD_ROWS(tests, error_cases, test_error_case);
    return tu_run_tests("scenario", tests);
}
