/* test_lists.c: lists over the ladder ([list ID]: member stages and shares),
 * count = cumulative, uncertain baselines (baseline.ID in [uncertainty]) and
 * the warning for a target without year =: bad inputs with their messages,
 * cases where every outcome is certain, binomial laws, common random
 * numbers, and what `ladder run` writes for them.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>
#include <gsl/gsl_cdf.h>

#include "testutil.h"
#include "corpus.h"

#include "engine.h"
#include "histogram.h"
#include "model.h"
#include "rng.h"
#include "paired.h"
#include "runner.h"
#include "summary.h"

/* Tolerance of every statistical check, in standard errors. */
#define N_SE 4.0
#define SEED 20241207

/* Lines 1-9 of most scenarios below; what follows starts at line 10. */
#define HEAD TU_HEAD

/* A list "valid" (有效高企) on lines 10-12, for targets and policies after it. */
#define VALID "[list valid]\nname = 有效高企\nshare.hightech = 0.5\n"

static RunResult *run(const Model *m, guint64 reps, gboolean uncertain)
{
    RunConfig c = {.reps = reps, .seed = SEED, .threads = 2, .uncertain = uncertain};
    return tu_run(m, &c);
}

/* `ladder run t.ini` in a fresh folder, the scenario written there, with
 * `args` (NULL-ended, may be empty) after "--out res"; FALSE `charts` adds
 * --no-charts.  The caller removes r->dir (tu_rmrf) and frees the rest. */
typedef struct {
    char *dir;        /* the folder; the results are in dir/res */
    char *res;
    TuRun run;
    JsonNode *summary; /* summary.json; NULL when the run failed */
} Ran;

static Ran ladder_run(const char *text, gboolean charts, const char *const *args)
{
    Ran r = {.dir = tu_tmpdir()};
    g_free(tu_write(r.dir, "t.ini", text));
    r.res = g_build_filename(r.dir, "res", NULL);
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    const char *fixed[] = {"run", "t.ini", "--reps", "200", "--threads", "2", "--out", "res"};
    for (gsize i = 0; i < G_N_ELEMENTS(fixed); i++)
        g_ptr_array_add(argv, (char *)fixed[i]);
    if (!charts)
        g_ptr_array_add(argv, "--no-charts");
    for (gsize i = 0; args && args[i]; i++)
        g_ptr_array_add(argv, (char *)args[i]);
    g_ptr_array_add(argv, NULL);
    r.run = tu_ladder_spawn(r.dir, (const char *const *)argv->pdata, NULL, NULL);
    if (r.run.status == 0)
        r.summary = tu_read_json(r.res, "summary.json");
    return r;
}

static void ran_clear(Ran *r)
{
    tu_rmrf(r->dir);
    g_free(r->dir);
    g_free(r->res);
    tu_run_clear(&r->run);
    if (r->summary)
        json_node_unref(r->summary);
}

/* summary.json's member `key` (an array of objects) element with "id" or
 * "name" equal to `id`. */
static JsonObject *json_find(JsonNode *summary, const char *key, const char *field, const char *id)
{
    JsonArray *a = json_object_get_array_member(json_node_get_object(summary), key);
    for (guint i = 0; i < json_array_get_length(a); i++) {
        JsonObject *o = json_array_get_object_element(a, i);
        if (g_strcmp0(json_object_get_string_member(o, field), id) == 0)
            return o;
    }
    fail_msg("%s has no %s %s", key, field, id);
    return NULL;
}

/* Every figure of list `id` in summary.json says each replication counted
 * exactly want[y] in year index y: expected, mean, every percentile; sd 0. */
static void assert_certain_list(JsonNode *summary, const char *id, const gint64 *want, guint n_years)
{
    JsonObject *count = json_object_get_object_member(json_find(summary, "lists", "id", id), "count");
    const char *exact[] = {"expected", "mean", "p5", "p25", "p50", "p75", "p95"};
    for (gsize k = 0; k < G_N_ELEMENTS(exact); k++) {
        JsonArray *a = json_object_get_array_member(count, exact[k]);
        assert_int_equal(json_array_get_length(a), n_years);
        for (guint y = 0; y < n_years; y++)
            if (tu_num_at(a, y) != (double)want[y])
                fail_msg("list %s, %s[%u] = %g, want %" G_GINT64_FORMAT, id, exact[k], y, tu_num_at(a, y), want[y]);
    }
    JsonArray *sd = json_object_get_array_member(count, "sd");
    for (guint y = 0; y < n_years; y++)
        assert_near(tu_num_at(sd, y), 0, 0);
}

/* ---- bad input ---------------------------------------------------------- */

typedef struct {
    const char *id;
    const char *text;     /* the whole file "t.ini" */
    const char *want[3];  /* substrings of ladder's stderr */
} BadCase;

static const BadCase bad_cases[] = {
    /* [list ID] groups */
    {"lists-1.1", HEAD "[list valid]\nstages = hightek\n",
     {"ladder: t.ini:11: [list valid] stages = hightek: unknown stage 'hightek'", "did you mean 'hightech'?"}},
    {"lists-1.2", HEAD "[list valid]\nstages = tech_sme, hightek\n",
     {"ladder: t.ini:11: [list valid] stages = tech_sme, hightek: unknown stage 'hightek'", "did you mean 'hightech'?"}},
    {"lists-1.3", HEAD "[list valid]\nshare.hightek = 0.5\n",
     {"ladder: t.ini:11: [list valid] share.hightek = 0.5: unknown stage 'hightek'", "did you mean 'hightech'?"}},
    {"lists-1.4", HEAD "[list valid]\nstages = hightech\nshare.hightech = 0.5\n",
     {"ladder: t.ini:12: [list valid] share.hightech = 0.5: stage hightech is already a member of the list: "
      "a stage is a member (stages =) or a share, not both"}},
    /* the share first: the same rule, said at the stages line */
    {"lists-1.5", HEAD "[list valid]\nshare.hightech = 0.5\nstages = tech_sme, hightech\n",
     {"ladder: t.ini:12: [list valid] stages = tech_sme, hightech: stage hightech is already a share of the list: "
      "a stage is a member (stages =) or a share, not both"}},
    {"lists-1.6", HEAD "[list valid]\nstages = hightech, tech_sme, hightech\n",
     {"ladder: t.ini:11: [list valid] stages = hightech, tech_sme, hightech: stage hightech is named twice in the list"}},
    {"lists-1.7", HEAD "[list valid]\nstages = hightech,\n",
     {"ladder: t.ini:11: [list valid] stages = hightech,: expected stage ids separated by commas"}},
    {"lists-1.8", HEAD "[list valid]\nname = 有效高企\n",
     {"ladder: t.ini:10: [list valid]: the list counts nothing: add stages = ... or share.STAGE = p"}},
    {"lists-1.9", HEAD "[list valid]\nstages =\n", {"ladder: t.ini:10: [list valid]: the list counts nothing"}},
    {"lists-1.10", HEAD "[list hightech]\nstages = hightech\n",
     {"ladder: t.ini:10: [list hightech]: 'hightech' is a stage id; a list needs an id of its own"}},
    {"lists-1.11", HEAD "[list 有效高企]\nstages = hightech\n",
     {"ladder: t.ini:10: [list 有效高企]: a list id is lower-case ASCII", "(put Chinese in name =)"}},
    {"lists-1.12", HEAD "[list Valid]\nstages = hightech\n", {"ladder: t.ini:10: [list Valid]: a list id is lower-case ASCII"}},
    {"lists-1.13", HEAD "[list]\nstages = hightech\n", {"ladder: t.ini:10: [list]: a list id is lower-case ASCII"}},
    {"lists-1.14", HEAD "[list valid]\nstages = hightech\n[list  valid]\nstages = tech_sme\n",
     {"ladder: t.ini:12: [list  valid]: the id is taken by the list at t.ini:10"}},
    {"lists-1.15", HEAD "[list valid]\nstage = hightech\n",
     {"ladder: t.ini:11: [list valid] stage = hightech: unknown key 'stage'", "did you mean 'stages'?"}},
    {"lists-1.16", HEAD "[list valid]\nshare.hightech = 1.5\n",
     {"ladder: t.ini:11: [list valid] share.hightech = 1.5: a probability must lie in [0, 1]"}},
    {"lists-1.17", HEAD "[list valid]\nshare.hightech = -0.1\n",
     {"ladder: t.ini:11: [list valid] share.hightech = -0.1: a probability must lie in [0, 1]"}},
    {"lists-1.18", HEAD "[list valid]\nshare.hightech = 60%\n",
     {"ladder: t.ini:11: [list valid] share.hightech = 60%: expected a probability such as 0.08"}},
    {"lists-1.19", HEAD "[lists valid]\nstages = hightech\n",
     {"ladder: t.ini:10: [lists valid]: unknown group", "did you mean 'list NAME'?"}},
    /* targets of a list */
    {"lists-2.1", HEAD VALID "[target X]\nlist = vaild\nat_least = 1\nyear = 2025\n",
     {"ladder: t.ini:14: [target X] list = vaild: unknown list 'vaild'", "did you mean 'valid'?"}},
    {"lists-2.2", HEAD "[target X]\nlist = valid\nat_least = 1\nyear = 2025\n",
     {"ladder: t.ini:11: [target X] list = valid: unknown list 'valid'"}},
    {"lists-2.3", HEAD VALID "[target X]\nlist = valid\nstage = hightech\nat_least = 1\nyear = 2025\n",
     {"ladder: t.ini:13: [target X]: a target counts a stage (stage =) or a list (list =), not both"}},
    {"lists-2.4", HEAD VALID "[target X]\nlist = valid\ncount = cumulative\nat_least = 1\nyear = 2025\n",
     {"ladder: t.ini:13: [target X]: a list target has no count =: the list says what it counts"}},
    {"lists-2.5", HEAD VALID "[target X]\ncount = stage\nlist = valid\nat_least = 1\nyear = 2025\n",
     {"ladder: t.ini:13: [target X]: a list target has no count =: the list says what it counts"}},
    {"lists-2.6", HEAD "[target X]\nstage = hightech\ncount = total\nat_least = 1\nyear = 2025\n",
     {"ladder: t.ini:12: [target X] count = total: count must be one of stage, at_or_above, new, cumulative "
      "(a list is counted with list = ID, without count =)"}},
    {"lists-2.7", HEAD VALID "[target X]\nstage = hightech\ncount = list\nat_least = 1\nyear = 2025\n",
     {"ladder: t.ini:15: [target X] count = list: count must be one of stage, at_or_above, new, cumulative",
      "(a list is counted with list = ID, without count =)"}},
    {"lists-2.8", HEAD "[target X]\nstage = hightech\ncount = cumulativ\nat_least = 1\nyear = 2025\n",
     {"ladder: t.ini:12: [target X] count = cumulativ: count must be one of ", "did you mean 'cumulative'?"}},
    /* shares named by policies and [uncertainty] */
    {"lists-3.1", HEAD VALID "[policy P]\nlist.vaild.hightech = *1.5\n",
     {"ladder: t.ini:14: [policy P] list.vaild.hightech = *1.5: unknown list 'vaild'", "did you mean 'valid'?"}},
    {"lists-3.2", HEAD VALID "[policy P]\nlist.valid.tech_sme = *1.5\n",
     {"ladder: t.ini:14: [policy P] list.valid.tech_sme = *1.5: [list valid] has no share.tech_sme; "
      "add it there for this line to change it"}},
    {"lists-3.3", HEAD "[list valid]\nstages = hightech\n[policy P]\nlist.valid.hightech = *1.5\n",
     {"ladder: t.ini:13: [policy P] list.valid.hightech = *1.5: [list valid] has no share.hightech"}},
    {"lists-3.4", HEAD VALID "[policy P]\nlist.valid = *1.5\n",
     {"ladder: t.ini:14: [policy P] list.valid = *1.5: unknown key 'list.valid'"}},
    {"lists-3.5", HEAD VALID "[uncertainty]\nlist.vaild.hightech = beta(5,5)\n",
     {"ladder: t.ini:14: [uncertainty] list.vaild.hightech = beta(5,5): unknown list 'vaild'", "did you mean 'valid'?"}},
    {"lists-3.6", HEAD VALID "[uncertainty]\nlist.valid.startup = beta(5,5)\n",
     {"ladder: t.ini:14: [uncertainty] list.valid.startup = beta(5,5): [list valid] has no share.startup"}},
    {"lists-3.7", HEAD VALID "[uncertainty]\nlist.valid.hightech = gamma(5,5)\n",
     {"ladder: t.ini:14: [uncertainty] list.valid.hightech = gamma(5,5): list.valid.hightech is a probability: "
      "use beta(a,b) or uniform(low,high) inside [0, 1]"}},
    {"lists-3.8", HEAD VALID "[uncertainty]\nlist.valid.hightech = uniform(0.5,1.5)\n",
     {"ladder: t.ini:14: [uncertainty] list.valid.hightech = uniform(0.5,1.5): a probability must lie in [0, 1]"}},
    /* a policy pushing a share out of [0, 1] in some year: the list, the
     * stage, the year and the policy */
    {"lists-3.9", HEAD VALID "[policy 专班]\nfrom = 2024\nlist.valid.hightech = *2.5\n",
     {"ladder: t.ini:15: [policy 专班] list.valid.hightech = *2.5: in 2024, stage hightech (高企): "
      "the share of list valid (有效高企) becomes 1.25, but a probability must lie in [0, 1]"}},
    {"lists-3.10", HEAD VALID "[policy 减]\nto = 2022\nlist.valid.hightech = -0.75\n",
     {"ladder: t.ini:15: [policy 减] list.valid.hightech = -0.75: in 2022, stage hightech (高企): "
      "the share of list valid (有效高企) becomes -0.25"}},
    /* a second policy on top of a first one pushes it over */
    {"lists-3.11", HEAD VALID "[policy A]\nlist.valid.hightech = +0.3\n[policy B]\nfrom = 2023\nto = 2023\n"
                   "list.valid.hightech = +0.3\n",
     {"ladder: t.ini:18: [policy B] list.valid.hightech = +0.3: in 2023, stage hightech (高企): "
      "the share of list valid (有效高企) becomes 1.1"}},
    /* uncertain baselines */
    {"lists-4.1", HEAD "[uncertainty]\nbaseline.hightech = beta(2,2)\n",
     {"ladder: t.ini:11: [uncertainty] baseline.hightech = beta(2,2): a baseline is firms: "
      "use gamma(shape,scale) or uniform(low,high)"}},
    {"lists-4.2", HEAD "[uncertainty]\nbaseline.hightek = gamma(2,2)\n",
     {"ladder: t.ini:11: [uncertainty] baseline.hightek = gamma(2,2): unknown stage 'hightek'", "did you mean 'hightech'?"}},
    {"lists-4.3", HEAD "[uncertainty]\nbaseline.hightech = uniform(-5,5)\n",
     {"ladder: t.ini:11: [uncertainty] baseline.hightech = uniform(-5,5): firms cannot be negative"}},
    {"lists-4.4", HEAD "[uncertainty]\nbaseline.hightech = gamma(0,2)\n",
     {"ladder: t.ini:11: [uncertainty] baseline.hightech = gamma(0,2): ", "positive"}},
    {"lists-4.5", HEAD "[uncertainty]\nbaseline.hightech = uniform(0,2e9)\n",
     {"ladder: t.ini:11: [uncertainty] baseline.hightech = uniform(0,2e9): a baseline must stay below 1000000000 firms"}},
    {"lists-4.6", HEAD "[uncertainty]\nbaselin.hightech = gamma(2,2)\n",
     {"ladder: t.ini:11: [uncertainty] baselin.hightech = gamma(2,2): unknown key 'baselin.hightech'",
      "did you mean 'baseline.hightech'?"}},
};

/* Each bad file: exit 2, "ladder: t.ini:LINE: ..." on stderr, and no
 * output folder (not even a temporary one) left beside it. */
static void test_bad_case(void **state)
{
    const BadCase *c = *state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_free(tu_write(dir, "t.ini", c->text));
    g_autofree char *before = tu_list_dir(dir);
    g_auto(TuRun) r = tu_ladder(dir, "run", "t.ini", "--reps", "10", "--no-charts", "--out", "res", NULL);
    tu_assert_bad_input(&r, c->want, 3, dir, before);
}

/* Every row of the table is a seed of fuzz/fuzz_scenario.c. */
static void test_corpus_in_step(void **state)
{
    (void)state;
    TC_ASSERT_IN_CORPUS(bad_cases, "fuzz/corpus/fuzz_scenario", "ini");
}

/* ---- lists where every outcome is certain -------------------------------- */

/* Every start-up moves up each year (p = 1), five are recruited a year;
 * nothing moves past tech_sme and nothing exits.  Stocks 2021-2025:
 * startup 10, 5, 5, 5, 5; tech_sme 0, 10, 15, 20, 25; hightech 4 throughout. */
#define CERTAIN                                                                           \
    "[scenario]\nname=certain\nbase_year=2021\nhorizon=2025\nlanguage=en\n"               \
    "[stages]\nstartup=初创\ntech_sme=科小\nhightech=高企\n"                               \
    "[baseline]\nstartup=10\nhightech=4\n"                                                \
    "[transitions]\nstartup -> tech_sme = 1\ntech_sme -> hightech = 0\n"                  \
    "[recruitment]\nstartup=5\n"

/* The lists of CERTAIN:
 *   all: members tech_sme, hightech and every start-up (share 1):
 *        14, 19, 24, 29, 34;
 *   ht:  share 0 of start-ups and 1 of hightech, and a policy setting the
 *        start-up share to 1 from 2022 (its default from): the base year
 *        keeps the share as written, 0 x 10 + 4 = 4; then 5 + 4 = 9;
 *   win: share 0 of tech_sme, +1 in 2023-2024 only: 0, 0, 15, 20, 0;
 *   off: hightech with share 0.4, set to 0 by a policy: 4 x 0.4 expected in
 *        the base year (a draw); 0 from 2022. */
#define CERTAIN_LISTS                                                                     \
    "[list all]\nname=全部\nstages = tech_sme, hightech\nshare.startup = 1\n"             \
    "[list ht]\nshare.startup = 0\nshare.hightech = 1\n"                                  \
    "[list win]\nshare.tech_sme = 0\n"                                                    \
    "[list off]\nshare.hightech = 0.4\n"                                                  \
    "[policy 认定]\nlist.ht.startup = =1\nlist.off.hightech = =0\n"                      \
    "[policy 窗口]\nfrom=2023\nto=2024\nlist.win.tech_sme = +1\n"                         \
    "[target ht2023]\nlist = ht\nyear = 2023\nat_least = 9\n"                             \
    "[target ht2023+]\nlist = ht\nyear = 2023\nat_least = 10\n"

/* summary.json's lists of the certain ladder, figure by figure, and the
 * probabilities of list targets on either side of the certain count. */
static void test_certain_lists(void **state)
{
    (void)state;
    Ran r = ladder_run(CERTAIN CERTAIN_LISTS, FALSE, NULL);
    tu_assert_status(&r.run, 0);
    const gint64 all[] = {14, 19, 24, 29, 34}, ht[] = {4, 9, 9, 9, 9}, win[] = {0, 0, 15, 20, 0};
    assert_certain_list(r.summary, "all", all, 5);
    assert_certain_list(r.summary, "ht", ht, 5);
    assert_certain_list(r.summary, "win", win, 5);
    JsonObject *all_list = json_find(r.summary, "lists", "id", "all");
    assert_string_equal(json_object_get_string_member(all_list, "name"), "全部");
    assert_string_equal(json_object_get_string_member(json_find(r.summary, "lists", "id", "ht"), "name"), "ht");
    JsonObject *off = json_object_get_object_member(json_find(r.summary, "lists", "id", "off"), "count");
    assert_near(tu_num_at(json_object_get_array_member(off, "expected"), 0), 1.6, 1e-9);  /* 4 x 0.4 */
    for (guint y = 1; y < 5; y++) {
        assert_near(tu_num_at(json_object_get_array_member(off, "mean"), y), 0, 0);
        assert_near(tu_num_at(json_object_get_array_member(off, "expected"), y), 0, 0);
    }
    JsonObject *t = json_find(r.summary, "targets", "name", "ht2023");
    assert_string_equal(json_object_get_string_member(t, "list"), "ht");
    assert_true(JSON_NODE_HOLDS_NULL(json_object_get_member(t, "stage")));
    assert_string_equal(json_object_get_string_member(t, "count"), "list");
    assert_near(tu_num(t, "probability"), 1, 0);
    assert_near(tu_num(t, "expected"), 9, 1e-9);
    assert_near(tu_num(t, "mean"), 9, 0);
    assert_near(tu_num(json_find(r.summary, "targets", "name", "ht2023+"), "probability"), 0, 0);
    ran_clear(&r);
}

/* ---- a share is a binomial draw, anew each year --------------------------- */

#define SHARE_N 400
#define SHARE_P 0.3
#define SHARE_AT_LEAST 130

/* 400 firms that never move, 30% of them on the list. */
#define SHARE_ONLY                                                                        \
    "[scenario]\nname=share\nbase_year=2021\nhorizon=2024\n"                              \
    "[stages]\na=A\nb=B\n[baseline]\na=400\n"                                             \
    "[list part]\nshare.a = 0.3\n"                                                        \
    "[target part]\nlist = part\nyear = 2023\nat_least = 130\n"

/* The count is Binomial(400, 0.3) in every year, the base year included:
 * its mean and sd, and the target's P(count >= 130) against the exact
 * binomial tail, each within N_SE standard errors; the exact expectation
 * is 400 x 0.3. */
static void test_share_binomial(void **state)
{
    (void)state;
    const guint64 reps = 20000;
    g_autoptr(Model) m = tu_load(SHARE_ONLY);
    g_autoptr(RunResult) r = run(m, reps, TRUE);
    g_autoptr(Summary) s = tu_summary(m, r);
    double mean = SHARE_N * SHARE_P, sd = sqrt(SHARE_N * SHARE_P * (1 - SHARE_P));
    for (int y = 0; y < s->n_years; y++) {
        const ListSummary *l = &s->lists[0];
        assert_near(l->expected[y], mean, 1e-9);
        assert_near(l->mean[y], mean, N_SE * sd / sqrt((double)reps));
        /* the sd of a sample sd of a near-normal law: sd / sqrt(2n) */
        assert_near(l->sd[y], sd, N_SE * sd / sqrt(2.0 * (double)reps));
        assert_near(s->stages[0].mean[y], SHARE_N, 0);  /* the stock never moves */
    }
    double p = gsl_cdf_binomial_Q(SHARE_AT_LEAST - 1, SHARE_P, SHARE_N);  /* P(X > 129) */
    assert_near(s->targets[0].probability, p, N_SE * sqrt(p * (1 - p) / (double)reps));
    assert_near(s->targets[0].expected, mean, 1e-9);
}

/* One replication of `m` as the runner makes it (central values), its list
 * counts into `lists` [n_years * n_lists]. */
static void replicate(const Model *m, const double *params, gsl_rng *r, guint64 rep, EngineScratch *x,
                      gint64 *stock, gint64 *entries, gint64 *lists)
{
    EngineTrajectory out = {stock, entries, lists};
    engine_replicate(m, params, NULL, r, SEED, rep, x, &out);
}

/* "Drawn anew each year": the counts of two years of one replication are
 * independent (their correlation within N_SE / sqrt(n) of 0), not one draw
 * repeated; each replication's count lies in 0..400. */
static void test_share_each_year(void **state)
{
    (void)state;
    const int reps = 5000;
    g_autoptr(Model) m = tu_load(SHARE_ONLY);
    int Y = model_n_years(m);
    g_autofree double *base = g_new(double, m->n_params);
    g_autofree double *params = g_new(double, Y * m->n_params);
    model_central_params(m, base);
    assert_true(model_year_table(m, base, params, NULL));
    g_autoptr(EngineScratch) x = engine_scratch_new(m);
    gsl_rng *r = rng_new();
    g_autofree gint64 *stock = g_new(gint64, Y * m->n_stages), *entries = g_new(gint64, Y * m->n_stages);
    g_autofree gint64 *lists = g_new(gint64, Y);
    double sum[2][2] = {{0}}, sxy[2] = {0};  /* pairs (year 0, year 1) and (year 1, year 2) */
    double sxx[2][2] = {{0}};
    for (int rep = 0; rep < reps; rep++) {
        replicate(m, params, r, (guint64)rep, x, stock, entries, lists);
        for (int y = 0; y < Y; y++)
            assert_true(lists[y] >= 0 && lists[y] <= SHARE_N);
        for (int k = 0; k < 2; k++) {
            double u = (double)lists[k], v = (double)lists[k + 1];
            sum[k][0] += u;
            sum[k][1] += v;
            sxx[k][0] += u * u;
            sxx[k][1] += v * v;
            sxy[k] += u * v;
        }
    }
    gsl_rng_free(r);
    for (int k = 0; k < 2; k++) {
        double n = reps, mu = sum[k][0] / n, mv = sum[k][1] / n;
        double cov = sxy[k] / n - mu * mv;
        double corr = cov / sqrt((sxx[k][0] / n - mu * mu) * (sxx[k][1] / n - mv * mv));
        assert_near(corr, 0, N_SE / sqrt(n));
    }
}

/* ---- count = cumulative ---------------------------------------------------- */

/* a -> b certain, every b exits each year, five start-ups recruited:
 *   a: 10, 5, 5, 5, 5, entries 0, 5, 5, 5, 5;
 *   b:  3, 10, 5, 5, 5, entries 0, 10, 5, 5, 5. */
#define CUMULATIVE                                                                        \
    "[scenario]\nname=cum\nbase_year=2021\nhorizon=2025\n"                                \
    "[stages]\na=A\nb=B\n[baseline]\na=10\nb=3\n"                                         \
    "[transitions]\na -> b = 1\n[exits]\nb=1\n[recruitment]\na=5\n"

typedef struct {
    const char *id;
    const char *target;  /* the [target] group's lines */
    gint64 count;        /* in every replication */
} CumulativeCase;

static const CumulativeCase cumulative_cases[] = {
    {"lists-5.1", "stage=b\ncount=cumulative\nyear=2023\nat_least=18\n", 18},  /* 3 + 10 + 5 */
    {"lists-5.2", "stage=b\ncount=cumulative\nyear=2022\nat_least=13\n", 13},  /* 3 + 10 */
    {"lists-5.3", "stage=b\ncount=cumulative\nyear=2025\nat_least=28\n", 28},  /* 3 + 10 + 5 + 5 + 5 */
    {"lists-5.4", "stage=a\ncount=cumulative\nyear=2025\nat_least=30\n", 30},  /* 10 + 4 x 5 */
    {"lists-5.5", "stage=b\ncount=stage\nyear=2023\nat_least=5\n", 5},        /* beside it: the stock */
    {"lists-5.6", "stage=b\ncount=new\nyear=2023\nat_least=15\n", 15},        /* and the entries */
};

/* The base-year stock plus the entries through the year, in every
 * replication: P = 1 at that count and 0 one above it; expected and
 * every percentile the count. */
static void test_cumulative_case(void **state)
{
    const CumulativeCase *c = *state;
    for (gint64 above = 0; above <= 1; above++) {
        g_autofree char *target = g_strdup(c->target);
        char *at = strstr(target, "at_least=");
        g_autofree char *text = g_strdup_printf(CUMULATIVE "[target T]\n%.*sat_least=%" G_GINT64_FORMAT "\n",
                                                (int)(at - target), target, c->count + above);
        g_autoptr(Model) m = tu_load(text);
        g_autoptr(RunResult) r = run(m, 200, TRUE);
        g_autoptr(Summary) s = tu_summary(m, r);
        const TargetSummary *t = &s->targets[0];
        assert_int_equal(histogram_min(t->hist), c->count);
        assert_int_equal(histogram_max(t->hist), c->count);
        assert_near(t->probability, above ? 0 : 1, 0);
        assert_near(t->expected, (double)c->count, 1e-9);
        for (int k = 0; k < SUMMARY_N_PCT; k++)
            assert_int_equal(t->pct[k], c->count);
    }
}

/* On a random ladder (bench6, uncertainty drawn, a policy from 2023) a
 * cumulative target's exact expectation is the stage's base stock plus its
 * expected entries, and its mean the base mean plus the mean entries; the
 * same with an uncertain baseline (its central value rounded). */
static void test_cumulative_random(void **state)
{
    (void)state;
#define CUM_TARGET "[target cum]\nstage=hightech\ncount=cumulative\nyear=2024\nat_least=1400\n"
    /* the baseline line joins [uncertainty], bench6's last group */
    const char *tails[] = {CUM_TARGET, "baseline.hightech = gamma(36, 16.6)\n" CUM_TARGET};
    for (gsize i = 0; i < G_N_ELEMENTS(tails); i++) {
        const char *tail = tails[i];
        g_autoptr(Model) m = tu_load_bench6(tail);
        int h = model_stage_index(m, "hightech"), k = m->n_targets - 1;
        assert_int_equal(m->targets[k].count, COUNT_CUMULATIVE);
        if (i == 1) {
            assert_true(m->stages[h].baseline_uncertain);
            assert_int_equal(m->stages[h].baseline, 598);  /* rint(36 x 16.6 = 597.6) */
        }
        g_autoptr(RunResult) r = run(m, 2000, TRUE);
        g_autoptr(Summary) s = tu_summary(m, r);
        int yi = m->targets[k].year - m->base_year;
        double expected = s->stages[h].expected[0], mean = s->stages[h].mean[0];
        for (int y = 1; y <= yi; y++) {
            expected += s->stages[h].new_expected[y];
            mean += s->stages[h].new_mean[y];
        }
        assert_near(s->targets[k].expected, expected, 1e-9 * expected);
        assert_near(s->targets[k].mean, mean, 1e-9 * mean);
        assert_true(s->targets[k].expected > s->stages[h].expected[yi]);  /* more than the stock */
    }
}

/* ---- uncertain baselines --------------------------------------------------- */

/* P(rint(X) = k) for X of `d`: the CDF between k - 1/2 and k + 1/2 (rint's
 * ties have probability 0). */
static double rounded_pmf(const Dist *d, gint64 k)
{
    double lo = (double)k - 0.5, hi = (double)k + 0.5;
    if (d->kind == DIST_GAMMA)
        return gsl_cdf_gamma_P(hi, d->a, d->b) - (lo > 0 ? gsl_cdf_gamma_P(lo, d->a, d->b) : 0);
    return gsl_cdf_flat_P(hi, d->a, d->b) - gsl_cdf_flat_P(lo, d->a, d->b);
}

/* Mean, sd and the sd's standard error of f(rint(X)) over reps draws,
 * summed exactly over the values rint(X) takes. */
typedef struct {
    double mean, sd, sd_se;
} Moments;

static Moments rounded_moments(const Dist *d, gint64 (*f)(gint64), guint64 reps)
{
    double m1 = 0, m2 = 0;
    gint64 hi = (gint64)ceil(dist_quantile(d, 1 - 1e-12)) + 1;
    for (gint64 k = 0; k <= hi; k++) {
        double p = rounded_pmf(d, k), v = (double)f(k);
        m1 += p * v;
        m2 += p * v * v;
    }
    double var = m2 - m1 * m1, m4 = 0;
    for (gint64 k = 0; k <= hi; k++) {
        double dv = (double)f(k) - m1;
        m4 += rounded_pmf(d, k) * dv * dv * dv * dv;
    }
    /* Var(s) ~ (m4 - var^2) / (4 n var) for large n */
    return (Moments){m1, sqrt(var), sqrt((m4 - var * var) / (4.0 * (double)reps * var))};
}

static gint64 identity(gint64 n)
{
    return n;
}

/* A stage with renewal 3;0;a: its baseline n spread over three clocks
 * (n/3 each, one more for the first n mod 3), the last clock's n/3 firms
 * all lapse in the first year. */
static gint64 after_first_lapse(gint64 n)
{
    return n - n / 3;
}

#define BASELINES                                                                         \
    "[scenario]\nname=u\nbase_year=2021\nhorizon=2023\nlanguage=en\n"                     \
    "[stages]\na=A\nb=B\n[renewal]\nb=3;0;a\n"                                            \
    "[uncertainty]\nbaseline.a = gamma(5, 2.5)\nbaseline.b = uniform(30, 36)\n"           \
    "[target cum]\nstage=a\ncount=cumulative\nyear=2023\nat_least=12\n"

/* The central value of an uncertain baseline is rounded as a draw is,
 * ties to even: gamma(5, 2.5) has mean 12.5, so 12; uniform(10, 17) 13.5,
 * so 14.  The exact expectation starts there. */
static void test_baseline_central(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(BASELINES);
    assert_true(m->stages[0].baseline_uncertain);
    assert_int_equal(m->stages[0].baseline, 12);
    assert_int_equal(m->stages[1].baseline, 33);
    assert_true(model_has_uncertainty(m));
    g_autoptr(Model) u = tu_load("[scenario]\nname=u\nbase_year=2021\nhorizon=2022\n[stages]\na=A\n"
                                 "[uncertainty]\nbaseline.a = uniform(10, 17)\n");
    assert_int_equal(u->stages[0].baseline, 14);
    g_autoptr(RunResult) r = run(m, 50, TRUE);
    g_autoptr(Summary) s = tu_summary(m, r);
    assert_near(s->stages[0].expected[0], 12, 0);
    assert_near(s->stages[1].expected[0], 33, 0);
    assert_near(s->stages[1].expected[1], 22, 1e-9);  /* 33 less its 11 due firms */
    assert_near(s->targets[0].expected, 12, 1e-9);    /* lapses into a are not entries */
}

/* Drawn once per replication and rounded: the base-year mean and sd of
 * each stage against the exact law of rint(X), and stage b's first year
 * against n - n/3 of that law (the draw spread over the renewal clocks as
 * a written baseline is), each within N_SE standard errors. */
static void test_baseline_draws(void **state)
{
    (void)state;
    const guint64 reps = 20000;
    g_autoptr(Model) m = tu_load(BASELINES);
    g_autoptr(RunResult) r = run(m, reps, TRUE);
    g_autoptr(Summary) s = tu_summary(m, r);
    for (int st = 0; st < 2; st++) {
        Moments w = rounded_moments(&m->stages[st].baseline_dist, identity, reps);
        assert_near(s->stages[st].mean[0], w.mean, N_SE * w.sd / sqrt((double)reps));
        assert_near(s->stages[st].sd[0], w.sd, N_SE * w.sd_se);
    }
    assert_near(rounded_moments(&m->stages[0].baseline_dist, identity, reps).mean, 12.5, 0.01);
    Moments lapse = rounded_moments(&m->stages[1].baseline_dist, after_first_lapse, reps);
    assert_near(lapse.mean, 134.0 / 6, 1e-9);  /* (20/2 + 21 + 22 + 22 + 23 + 24 + 24/2) / 6 */
    assert_near(s->stages[1].mean[1], lapse.mean, N_SE * lapse.sd / sqrt((double)reps));
    /* the draws spread: both ends of uniform(30, 36) occur */
    const Histogram *h = r->stock[1];
    assert_int_equal(histogram_min(h), 30);
    assert_int_equal(histogram_max(h), 36);
}

/* --no-uncertainty: every replication starts from the rounded central
 * value (12 and 33), so the base year has sd 0 and every percentile there. */
static void test_baseline_no_uncertainty(void **state)
{
    (void)state;
    const char *args[] = {"--no-uncertainty", NULL};
    Ran r = ladder_run(BASELINES, FALSE, args);
    tu_assert_status(&r.run, 0);
    const char *ids[] = {"a", "b"};
    const double want[] = {12, 33};
    for (int i = 0; i < 2; i++) {
        JsonObject *stock = json_object_get_object_member(json_find(r.summary, "stages", "id", ids[i]), "stock");
        const char *keys[] = {"expected", "mean", "p5", "p25", "p50", "p75", "p95"};
        for (gsize k = 0; k < G_N_ELEMENTS(keys); k++)
            assert_near(tu_num_at(json_object_get_array_member(stock, keys[k]), 0), want[i], 0);
        assert_near(tu_num_at(json_object_get_array_member(stock, "sd"), 0), 0, 0);
    }
    ran_clear(&r);
    /* and with uncertainty the same file spreads */
    Ran u = ladder_run(BASELINES, FALSE, NULL);
    tu_assert_status(&u.run, 0);
    JsonObject *stock = json_object_get_object_member(json_find(u.summary, "stages", "id", "a"), "stock");
    assert_true(tu_num_at(json_object_get_array_member(stock, "sd"), 0) > 1);
    ran_clear(&u);
}

/* ---- common random numbers ------------------------------------------------- */

/* bench6 with a list of an uncertain share and a target on it. */
#define LIST_A                                                                            \
    "[list valid]\nstages = gazelle\nshare.hightech = 0.6\n"                              \
    "[target on valid]\nlist = valid\nyear = 2025\nat_least = 800\n"                      \
    "[policy valid more]\nfrom = 2024\nlist.valid.hightech = +0.1\n"
#define LIST_B "[list second]\nshare.hightech = 0.3\nshare.tech_sme = 0.2\n"
#define SHARE_UNCERTAIN "list.valid.hightech = beta(60,40)\n"

/* Adding a list (with an uncertain share and a policy on it) leaves every
 * stage's stock unchanged in every replication, uncertainty drawn; adding
 * a second list leaves the first list's count unchanged in every
 * replication: the paired differences are all exactly 0. */
static void test_common_random_numbers(void **state)
{
    (void)state;
    /* [uncertainty] is bench6's last group: its extra line goes first */
    g_autoptr(Model) plain = tu_load_bench6(NULL);
    g_autoptr(Model) one = tu_load_bench6(SHARE_UNCERTAIN LIST_A);
    g_autoptr(Model) two = tu_load_bench6(SHARE_UNCERTAIN LIST_A LIST_B);
    assert_int_equal(one->n_lists, 1);
    assert_int_equal(two->n_lists, 2);
    assert_true(one->params[model_param_find(one, "list.valid.hightech")].uncertain);
    const Model *models[] = {one, plain, two};
    RunConfig c = {.reps = 1000, .seed = SEED, .threads = 2, .uncertain = TRUE};
    GError *error = NULL;
    g_autoptr(PairedResult) p = runner_run_paired(models, 3, &c, &error);
    if (p == NULL)
        fail_msg("%s", error->message);
    for (int k = 1; k < 3; k++)
        for (int y = 0; y < model_n_years(one); y++)
            for (int s = 0; s < one->n_stages; s++) {
                PairedDiff d = paired_result_stock(p, k, y, s);
                if (d.mean != 0 || d.sd != 0)
                    fail_msg("model %d, year %d, stage %s: differs (mean %g, sd %g)", k, y, one->stages[s].id,
                             d.mean, d.sd);
            }
    int t = one->n_targets - 1;
    assert_string_equal(two->targets[t].name, "on valid");
    PairedDiff d = paired_result_count(p, 2, t);
    assert_near(d.mean, 0, 0);
    assert_near(d.sd, 0, 0);
    /* and the list's count does vary, so the pairing proves something */
    assert_true(histogram_max(p->runs[0]->target[t]) > histogram_min(p->runs[0]->target[t]));
}

/* ---- what `ladder run` writes ----------------------------------------------- */

#define WARNED                                                                            \
    CERTAIN                                                                               \
    "[list ht]\nshare.tech_sme = 0\nshare.hightech = 1\n"        /* lines 18-20 */        \
    "[list quiet]\nstages = startup\n"                           /* 21-22 */              \
    "[target 高企]\nstage = hightech\nat_least = 4\n"            /* 23-25 */              \
    "[target dated]\nstage = hightech\nyear = 2024\nat_least = 4\n" /* 26-29 */           \
    "[target 累计]\nstage = tech_sme\ncount = cumulative\nat_least = 25\n" /* 30-33 */    \
    "[target on ht]\nlist = ht\nyear = 2023\nat_least = 4\n"     /* 34-37 */

/* A target without year = is measured at the horizon: a warning on stderr
 * names it, its line and the year; summary.json says year_given false;
 * the printed condition says so, for a stage count and a cumulative one.
 * A target with year = gives no warning. */
static void test_target_without_year(void **state)
{
    (void)state;
    Ran r = ladder_run(WARNED, FALSE, NULL);
    tu_assert_status(&r.run, 0);
    tu_assert_contains(r.run.err,
                       "ladder: warning: t.ini:23: [target 高企] has no year =; it is measured at the horizon, 2025\n");
    tu_assert_contains(r.run.err,
                       "ladder: warning: t.ini:30: [target 累计] has no year =; it is measured at the horizon, 2025\n");
    if (strstr(r.run.err, "dated") != NULL || strstr(r.run.err, "on ht") != NULL)
        fail_msg("a target with year = was warned about: %s", r.run.err);
    JsonObject *t = json_find(r.summary, "targets", "name", "高企");
    assert_false(json_object_get_boolean_member(t, "year_given"));
    assert_near(tu_num(t, "year"), 2025, 0);
    assert_true(json_object_get_boolean_member(json_find(r.summary, "targets", "name", "dated"), "year_given"));
    JsonObject *cond = json_object_get_object_member(t, "condition");
    assert_string_equal(json_object_get_string_member(cond, "en"), "高企 ≥ 4 in 2025 (no year given: the horizon)");
    assert_string_equal(json_object_get_string_member(cond, "zh"), "高企 ≥ 4（2025 年，未写 year，取情景终年）");
    JsonObject *cum = json_object_get_object_member(json_find(r.summary, "targets", "name", "累计"), "condition");
    assert_string_equal(json_object_get_string_member(cum, "en"),
                        "科小 ever reached (end-2021 stock + new in 2022–2025) ≥ 25 (no year given: the horizon)");
    JsonObject *dated = json_object_get_object_member(json_find(r.summary, "targets", "name", "dated"), "condition");
    assert_string_equal(json_object_get_string_member(dated, "en"), "高企 ≥ 4 in 2024");
    tu_assert_contains(r.run.out, "高企 ≥ 4 in 2025 (no year given: the horizon)");
    tu_assert_contains(r.run.out, "(no year given: the horizon)");
    ran_clear(&r);
    /* every target dated: no warning at all */
    Ran quiet = ladder_run(CERTAIN "[target dated]\nstage = hightech\nyear = 2024\nat_least = 4\n", FALSE, NULL);
    tu_assert_status(&quiet.run, 0);
    if (strstr(quiet.run.err, "warning") != NULL)
        fail_msg("unexpected warning: %s", quiet.run.err);
    ran_clear(&quiet);
}

/* summary.csv has the stage rows, then a row per list and year (entries
 * left empty); the printed table has the lists' table; a list with a
 * target gets its fan chart fan_<id>.png and .svg, one without none. */
static void test_run_outputs(void **state)
{
    (void)state;
    Ran r = ladder_run(WARNED, TRUE, NULL);
    tu_assert_status(&r.run, 0);
    g_autofree char *csv = tu_read_text(r.res, "summary.csv");
    g_auto(GStrv) lines = g_strsplit(csv, "\r\n", -1);
    /* header, 3 stages x 5 years, 2 lists x 5 years, a final empty string */
    assert_int_equal(g_strv_length(lines), 1 + 15 + 10 + 1);
    assert_true(g_str_has_prefix(lines[15], "hightech,高企,2025,"));
    /* ht: 4 every year (share 1 of hightech, 0 of tech_sme) */
    assert_string_equal(lines[16], "ht,ht,2021,4.0000,4.0000,0.0000,4,4,4,4,4,");
    assert_string_equal(lines[20], "ht,ht,2025,4.0000,4.0000,0.0000,4,4,4,4,4,");
    assert_string_equal(lines[21], "quiet,quiet,2021,10.0000,10.0000,0.0000,10,10,10,10,10,");
    assert_string_equal(lines[25], "quiet,quiet,2025,5.0000,5.0000,0.0000,5,5,5,5,5,");
    tu_assert_contains(r.run.out, "Firms on each list in 2025 (lists count designations and overlap the stages");
    tu_assert_contains(r.run.out, "  List ");
    tu_assert_contains(r.run.out, "  quiet ");
    const char *present[] = {"fan_ht.dat", "fan_ht.gp", "fan_ht.png", "fan_ht.svg"};
    for (gsize i = 0; i < G_N_ELEMENTS(present); i++) {
        g_autofree char *path = g_build_filename(r.res, present[i], NULL);
        if (!g_file_test(path, G_FILE_TEST_EXISTS))
            fail_msg("%s is missing", present[i]);
    }
    const char *absent[] = {"fan_quiet.dat", "fan_quiet.gp", "fan_quiet.png", "fan_quiet.svg"};
    for (gsize i = 0; i < G_N_ELEMENTS(absent); i++) {
        g_autofree char *path = g_build_filename(r.res, absent[i], NULL);
        if (g_file_test(path, G_FILE_TEST_EXISTS))
            fail_msg("%s exists, but no target counts list quiet", absent[i]);
    }
    ran_clear(&r);
}

int main(void)
{
    tu_pin_ladder();
    if (tc_write_dir()) {
        TC_WRITE(bad_cases, tc_write_dir(), "ini");
        return 0;
    }
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_corpus_in_step),
        cmocka_unit_test(test_certain_lists),
        cmocka_unit_test(test_share_binomial),
        cmocka_unit_test(test_share_each_year),
        cmocka_unit_test(test_cumulative_random),
        cmocka_unit_test(test_baseline_central),
        cmocka_unit_test(test_baseline_draws),
        cmocka_unit_test(test_baseline_no_uncertainty),
        cmocka_unit_test(test_common_random_numbers),
        cmocka_unit_test(test_target_without_year),
        cmocka_unit_test(test_run_outputs),
    };
    g_autoptr(GArray) tests = TU_TESTS(fixed);
    ADD_ROWS(tests, bad_cases, test_bad_case);
    ADD_ROWS(tests, cumulative_cases, test_cumulative_case);
    return tu_run_tests("lists", tests);
}
