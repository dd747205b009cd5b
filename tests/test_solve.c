/* test_solve.c: solving for a lever: the values a lever may take, exact
 * answers (a binomial edge, a certain recruitment), a base that is `ladder
 * run`'s, answers that `ladder run` reproduces (the policy group appended,
 * or the value written in), bounds every replication accepts, unreachable
 * targets, the current value already enough, --mode set and its caveat,
 * threads, bad flags, help and Ctrl-C.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "testutil.h"

#include "errors.h"
#include "model.h"
#include "runner.h"
#include "solve.h"

#define SEED 20240607
#define N_SE 4.0          /* tolerance of every statistical check, in standard errors */
#define STEP 0.001        /* SOLVE_PROBABILITY_STEP, as the tests expect it */
#define TIANNING "scenarios/tianning-2025.ini"

static RunConfig config(guint64 reps)
{
    return (RunConfig){.reps = reps, .seed = SEED, .threads = 2, .uncertain = TRUE};
}

/* solve_run on `m` for lever `key` in `mode` from `from` (0: base_year+1)
 * within min..max (NAN: the defaults); fails the test when it fails. */
static SolveResult *solve_mode(const Model *m, SolveMode mode, const char *key, int target, double wanted, int from,
                               double min, double max, guint64 reps)
{
    SolveQuestion q = {.param = model_param_find(m, key), .mode = mode, .target = target, .wanted = wanted,
                       .from = from ? from : m->base_year + 1, .min = min, .max = max};
    assert_true(q.param >= 0);
    RunConfig c = config(reps);
    GError *error = NULL;
    SolveResult *r = solve_run(m, &q, &c, &error);
    if (r == NULL)
        fail_msg("solve failed: %s", error->message);
    return r;
}

/* solve_mode with --mode set: the value itself, as before policy mode. */
static SolveResult *solve(const Model *m, const char *key, int target, double wanted, int from, double min,
                          double max, guint64 reps)
{
    return solve_mode(m, SOLVE_MODE_SET, key, target, wanted, from, min, max, reps);
}

/* The points are sorted by value, each value once, within the bounds, and
 * every one nearer the current value than the answer (on its side) fell
 * short: the answer is the least change among the values evaluated. */
static void assert_points(const SolveResult *r)
{
    for (int i = 1; i < r->n_points; i++)
        assert_true(r->points[i - 1].value < r->points[i].value);
    for (int i = 0; i < r->n_points; i++) {
        const SolvePoint *p = &r->points[i];
        assert_true(p->value >= r->question.min && p->value <= r->question.max);
        gboolean nearer = r->reachable && (p->value - r->current) * (r->value - r->current) >= 0 &&
                          fabs(p->value - r->current) < fabs(r->value - r->current);
        if (nearer && p->probability >= r->question.wanted)
            fail_msg("%g reaches %g (%g), nearer than the answer %g", p->value, r->question.wanted, p->probability,
                     r->value);
    }
}

/* ---- the values a lever may take ---------------------------------------- */

/* 200 tech SMEs, exit 0.04, one edge at 0.13, 50 recruited a year. */
#define RANGE_BASE                                                                       \
    "[scenario]\nname=x\nbase_year=2021\nhorizon=2024\n"                                 \
    "[stages]\ntech_sme=T\nhightech=H\n[baseline]\ntech_sme=200\n"                        \
    "[transitions]\ntech_sme -> hightech = 0.13\n[exits]\ntech_sme=0.04\n"               \
    "[recruitment]\ntech_sme=50\n"

typedef struct {
    const char *id;
    const char *extra;    /* groups appended to RANGE_BASE */
    const char *key;
    int from;
    double lo, hi;        /* solve_range */
    double default_hi;    /* solve_default_bounds' upper end */
    SolveMode mode;
} RangeCase;
#define SET SOLVE_MODE_SET
#define POLICY SOLVE_MODE_POLICY

static const RangeCase range_cases[] = {
    /* exit plus edge at most 1 */
    {"solve-1.1", "", "tech_sme -> hightech", 2022, 0, 0.96, 0.96, SET},
    /* a policy doubling it from 2023 halves the room */
    {"solve-1.2", "[policy double]\nfrom=2023\ntech_sme -> hightech = *2\n", "tech_sme -> hightech", 2022, 0, 0.48, 0.48, SET},
    /* ... but not for a lever from 2024, after the policy's last year */
    {"solve-1.3", "[policy double]\nfrom=2023\nto=2023\ntech_sme -> hightech = *2\n", "tech_sme -> hightech", 2024,
     0, 0.96, 0.96, SET},
    /* a policy taking 0.05 off keeps the lever at 0.05 or more; 1 is the kind's own end */
    {"solve-1.4", "[policy less]\ntech_sme -> hightech = -0.05\n", "tech_sme -> hightech", 2022, 0.05, 1, 1, SET},
    {"solve-1.5", "", "exit.tech_sme", 2022, 0, 0.87, 0.87, SET},
    /* counts: no upper end but the cap; the default max(10 c, c + 1000) */
    {"solve-1.6", "", "recruitment.tech_sme", 2022, 0, SOLVE_COUNT_LIMIT, 1050, SET},
    {"solve-1.7", "[policy cut]\nfrom=2024\nrecruitment.tech_sme = -20\n", "recruitment.tech_sme", 2023, 20,
     SOLVE_COUNT_LIMIT, 1050, SET},
    /* factors: 0.13 x <= 0.96 up to 7.384, defaulting to SOLVE_FACTOR_MAX */
    {"solve-1.8", "", "tech_sme -> hightech", 2022, 0, 7.384, 7.384, POLICY},
    /* after a doubling policy, 0.26 x <= 0.96 */
    {"solve-1.9", "[policy double]\nfrom=2023\ntech_sme -> hightech = *2\n", "tech_sme -> hightech", 2022, 0, 3.692,
     3.692, POLICY},
    /* 0.04 x <= 0.87: beyond the default's ten */
    {"solve-1.10", "", "exit.tech_sme", 2022, 0, 21.75, SOLVE_FACTOR_MAX, POLICY},
    /* after a policy taking 0.05 off, 0.08 x <= 0.96: beyond the default's ten */
    {"solve-1.11", "[policy less]\ntech_sme -> hightech = -0.05\n", "tech_sme -> hightech", 2022, 0, 12,
     SOLVE_FACTOR_MAX, POLICY},
    /* addends: down to no firms in some year, up to max(9 c, 1000) by default */
    {"solve-1.12", "", "recruitment.tech_sme", 2022, -50, SOLVE_COUNT_LIMIT, 1000, POLICY},
    {"solve-1.13", "[policy cut]\nfrom=2024\nrecruitment.tech_sme = -20\n", "recruitment.tech_sme", 2023, -30,
     SOLVE_COUNT_LIMIT, 1000, POLICY},
};

static void test_range_case(void **state)
{
    const RangeCase *c = *state;
    g_autofree char *text = g_strconcat(RANGE_BASE, c->extra, NULL);
    g_autoptr(Model) m = tu_load(text);
    int param = model_param_find(m, c->key);
    double lo, hi, dlo, dhi;
    assert_true(solve_range(m, param, c->from, c->mode, &lo, &hi, NULL));
    assert_true(solve_default_bounds(m, param, c->from, c->mode, &dlo, &dhi, NULL));
    if (fabs(lo - c->lo) > 1e-12 || fabs(hi - c->hi) > 1e-12 || dlo != lo || fabs(dhi - c->default_hi) > 1e-12)
        fail_msg("range %g..%g (default up to %g), want %g..%g (%g)", lo, hi, dhi, c->lo, c->hi, c->default_hi);
}

/* ---- an exact answer: one edge, one year -------------------------------- */

/* 200 tech SMEs, one year: movers X ~ Binomial(200, p) exactly. */
#define ONE_YEAR                                                                         \
    "[scenario]\nname=x\nbase_year=2021\nhorizon=2022\n"                                 \
    "[stages]\ntech_sme=科小\nhightech=高企\n[baseline]\ntech_sme=200\n"                  \
    "[transitions]\ntech_sme -> hightech = 0.13\n"
#define ONE_YEAR_N 200

/* 40000 replications: at each value the estimate is within N_SE se (at
 * most 4 * 0.0025 = 0.010) of the exact probability, and at the rows'
 * answers one grid step moves the exact probability by 0.010 (k 30, 80%),
 * 0.016 (k 30, 50%) and 0.015 (tech SMEs >= 180, 80%): so the grid value
 * solved for lies within one step of the exact crossing on either side,
 * and "two steps" is a sound tolerance, not a loose one. */
#define EXACT_REPS 40000

typedef struct {
    const char *id;
    gboolean up;      /* TRUE: hightech >= k (rises with p); FALSE: tech_sme >= k (falls) */
    int k;
    double wanted;
} ExactCase;

static const ExactCase exact_cases[] = {
    {"solve-2.1", TRUE, 30, 0.8},
    {"solve-2.2", TRUE, 30, 0.5},
    {"solve-2.3", FALSE, 180, 0.8},
};

/* The exact probability of the target at edge probability p. */
static double exact_probability(const ExactCase *c, double p)
{
    if (c->up)
        return gsl_cdf_binomial_Q((unsigned)(c->k - 1), p, ONE_YEAR_N);  /* P(X >= k) */
    return gsl_cdf_binomial_P((unsigned)(ONE_YEAR_N - c->k), p, ONE_YEAR_N);  /* P(200 - X >= k) */
}

/* The exact answer on the grid: the least change from 0.13 that reaches
 * the wanted probability, upwards for hightech, downwards for tech_sme. */
static double exact_answer(const ExactCase *c)
{
    if (c->up) {
        for (int g = 130; g <= 1000; g++)
            if (exact_probability(c, g * STEP) >= c->wanted)
                return g * STEP;
    } else {
        for (int g = 130; g >= 0; g--)
            if (exact_probability(c, g * STEP) >= c->wanted)
                return g * STEP;
    }
    return NAN;
}

static void test_exact_case(void **state)
{
    const ExactCase *c = *state;
    g_autofree char *text = g_strdup_printf(ONE_YEAR "[target t]\nstage=%s\nat_least=%d\n",
                                            c->up ? "hightech" : "tech_sme", c->k);
    g_autoptr(Model) m = tu_load(text);
    g_autoptr(SolveResult) r = solve(m, "tech_sme -> hightech", 0, c->wanted, 0, NAN, NAN, EXACT_REPS);
    double want = exact_answer(c);
    assert_true(r->reachable);
    if (!(fabs(r->value - want) <= 2 * STEP + 1e-12))
        fail_msg("solved %.3f, exact %.3f", r->value, want);
    /* a step apart, on either side of the wanted probability */
    assert_true(fabs(fabs(r->value - r->short_value) - STEP) < 1e-12);
    assert_true(r->probability >= c->wanted && r->short_probability < c->wanted);
    /* and each estimate within N_SE se of the exact probability */
    double se = sqrt(c->wanted * (1 - c->wanted) / EXACT_REPS);
    assert_true(fabs(r->probability - exact_probability(c, r->value)) < N_SE * se);
    assert_true(fabs(r->short_probability - exact_probability(c, r->short_value)) < N_SE * se);
    assert_points(r);
}

/* ---- an exact answer: a certain recruitment ------------------------------ */

/* 10 tech SMEs, none leaving, 5 recruited a year, 2022-2024: the count in
 * 2024 is 10 + the three years' recruitment, in every replication. */
#define CERTAIN                                                                          \
    "[scenario]\nname=certain\nlanguage=en\nbase_year=2021\nhorizon=2024\n"              \
    "[stages]\ntech_sme=Tech SME\nhightech=High-tech\n[baseline]\ntech_sme=10\n"          \
    "[transitions]\ntech_sme -> hightech = 0\n[recruitment]\ntech_sme=5\n"

typedef struct {
    const char *id;
    int at_least;     /* target: tech_sme >= at_least in 2024 */
    int from;
    double value;     /* the least recruitment a year from `from` */
} CertainCase;

static const CertainCase certain_cases[] = {
    {"solve-4.1", 40, 2022, 10},  /* 10 + 3 r >= 40 */
    {"solve-4.2", 40, 2023, 13},  /* 10 + 5 + 2 r >= 40: 12.5 rounds up to whole firms */
    {"solve-4.3", 40, 2024, 20},  /* 10 + 10 + r >= 40 */
    {"solve-4.4", 60, 2022, 17},  /* 10 + 3 r >= 60: 16.7 */
};

/* In either mode: set to c->value, or add c->value - 5 to the 5 a year. */
static void test_certain_case(void **state)
{
    const CertainCase *c = *state;
    g_autofree char *text = g_strdup_printf(CERTAIN "[target t]\nstage=tech_sme\nat_least=%d\n", c->at_least);
    g_autoptr(Model) m = tu_load(text);
    for (SolveMode mode = SOLVE_MODE_POLICY; mode <= SOLVE_MODE_SET; mode++) {
        g_autoptr(SolveResult) r = solve_mode(m, mode, "recruitment.tech_sme", 0, 0.9, c->from, NAN, NAN, 300);
        double now = mode == SOLVE_MODE_SET ? 5 : 0, want = c->value - 5 + now;
        assert_true(r->reachable);
        if (r->value != want || r->short_value != want - 1)
            fail_msg("mode %d: solved %g (short %g), want %g", mode, r->value, r->short_value, want);
        assert_true(r->probability == 1 && r->short_probability == 0 && r->se == 0);
        assert_true(r->step == 1 && r->current == now && r->central == 5);
        assert_true(r->op == (mode == SOLVE_MODE_SET ? LEVER_SET : LEVER_ADD));
        assert_true(r->base_probability == 0 && r->run_probability == 0 && solve_base_is_run(r));
        assert_points(r);
    }
}

/* Already met at the current value: that is the answer, change 0, nothing
 * one step short, one run. */
static void test_already_met(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(CERTAIN "[target t]\nstage=tech_sme\nat_least=25\n");
    g_autoptr(SolveResult) r = solve(m, "recruitment.tech_sme", 0, 0.9, 0, NAN, NAN, 300);
    assert_true(r->reachable && r->value == 5 && r->probability == 1);
    assert_true(isnan(r->short_value) && isnan(r->short_probability));
    assert_int_equal(r->n_points, 1);
}

/* Every target together: raising tech_sme -> hightech helps the 高企
 * target and costs the 科小 one, so "all" falls at both bounds and peaks
 * between; the peak is found and the answer lies before it. */
static void test_peak_between(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2023\n"
                                 "[stages]\ntech_sme=科小\nhightech=高企\n[baseline]\ntech_sme=300\n"
                                 "[transitions]\ntech_sme -> hightech = 0.1\n[recruitment]\ntech_sme=40\n"
                                 "[target 科小]\nstage=tech_sme\nat_least=280\n"
                                 "[target 高企]\nstage=hightech\nat_least=60\n");
    g_autoptr(SolveResult) r = solve(m, "tech_sme -> hightech", SOLVE_ALL_TARGETS, 0.6, 0, NAN, NAN, 4000);
    assert_true(r->reachable);
    assert_true(r->points[0].probability < 0.6 && r->points[r->n_points - 1].probability < 0.6);
    assert_true(r->value > 0.1 && r->probability >= 0.6 && r->short_probability < 0.6);
    assert_true(r->best_probability >= r->probability);
    assert_points(r);
}

/* A bound where drawn values break a year: exit.tech_sme may reach 0.9 at
 * central values, but some replication draws the edge far above 0.1, so
 * the bound is pulled in to the last value every replication accepts. */
static void test_pull_in(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load("[scenario]\nname=x\nbase_year=2021\nhorizon=2022\n"
                                 "[stages]\ntech_sme=T\nhightech=H\n[baseline]\ntech_sme=100\n"
                                 "[transitions]\ntech_sme -> hightech = 0.1\n[exits]\ntech_sme=0.05\n"
                                 "[uncertainty]\ntech_sme -> hightech = beta(10,90)\n"
                                 "[target t]\nstage=tech_sme\nat_least=98\n");
    int param = model_param_find(m, "exit.tech_sme");
    double lo, hi;
    assert_true(solve_range(m, param, 2022, SOLVE_MODE_SET, &lo, &hi, NULL));
    assert_true(lo == 0 && fabs(hi - 0.9) < 1e-12);
    g_autoptr(SolveResult) r = solve(m, "exit.tech_sme", 0, 0.9, 0, NAN, NAN, 2000);
    assert_false(r->reachable);  /* 98 of 100 staying needs fewer promotions, not fewer exits */
    assert_true(r->question.max > 0.5 && r->question.max < hi);
    assert_true(r->points[r->n_points - 1].value == r->question.max);
    RunConfig c = config(2000);
    for (int past = 0; past <= 1; past++) {
        g_autoptr(Model) v = model_copy(m);
        model_set_lever(v, param, 2022, r->question.max + past * STEP);
        g_autoptr(GError) error = NULL;
        g_autoptr(RunResult) run = runner_run(v, &c, &error);
        assert_true((run != NULL) == !past);
    }
    assert_true(r->best_value == 0 || r->best_probability == r->points[0].probability);
}


/* ---- policy mode: the base is ladder run's -------------------------------- */

/* A small ladder whose levers are drawn, with a policy on both from 2023. */
#define DRAWN                                                                            \
    "[scenario]\nname=drawn\nbase_year=2021\nhorizon=2024\n"                              \
    "[stages]\ntech_sme=科小\nhightech=高企\n[baseline]\ntech_sme=300\nhightech=20\n"       \
    "[transitions]\ntech_sme -> hightech = 0.13\n[exits]\ntech_sme=0.04\n"                 \
    "[recruitment]\ntech_sme=50\n"                                                        \
    "[policy 专班]\nfrom=2023\ntech_sme -> hightech = *1.2\nrecruitment.tech_sme = +10\n"   \
    "[target 高企150]\nstage=hightech\nat_least=150\n"                                    \
    "[uncertainty]\ntech_sme -> hightech = beta(13,87)\nrecruitment.tech_sme = uniform(30,70)\n"
#define DRAWN_REPS 3000

/* The probability of target 0 in runner_run of `m`, as summary.c computes it. */
static double plain_probability(const Model *m, guint64 reps)
{
    RunConfig c = config(reps);
    g_autoptr(RunResult) run = runner_run(m, &c, NULL);
    assert_non_null(run);
    return (double)run->target_met[0] / (double)reps;
}

/* The base of policy mode is runner_run's probability to the last bit, for
 * a factor and an addend; --mode set gives run's beside its own, which
 * differs since the lever is no longer drawn. */
static void test_base_is_run(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(DRAWN);
    double run = plain_probability(m, DRAWN_REPS);
    const char *const keys[] = {"tech_sme -> hightech", "recruitment.tech_sme"};
    for (gsize i = 0; i < G_N_ELEMENTS(keys); i++) {
        g_autoptr(SolveResult) p = solve_mode(m, SOLVE_MODE_POLICY, keys[i], 0, 0.9, 0, NAN, NAN, DRAWN_REPS);
        g_autoptr(SolveResult) v = solve_mode(m, SOLVE_MODE_SET, keys[i], 0, 0.9, 0, NAN, NAN, DRAWN_REPS);
        if (p->base_probability != run || p->run_probability != run)
            fail_msg("%s: base %.17g, run %.17g", keys[i], p->base_probability, run);
        assert_true(solve_base_is_run(p) && p->current == (i == 0 ? 1 : 0));
        assert_true(p->reachable && p->value != p->current && p->probability >= 0.9);
        assert_true(v->run_probability == run && v->base_probability != run && !solve_base_is_run(v));
        assert_points(p);
    }
}

/* A lever acting after the policies: the same bits as the policy group
 * appended to the file, and an error naming the lever and the year when it
 * pushes a value out of range. */
static void test_lever_after_policies(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(RANGE_BASE "[policy double]\nfrom=2023\ntech_sme -> hightech = *2\n");
    g_autoptr(Model) appended = tu_load(RANGE_BASE "[policy double]\nfrom=2023\ntech_sme -> hightech = *2\n"
                                        "[policy 求解]\nfrom = 2022\ntech_sme -> hightech = *1.7\n");
    int edge = model_param_find(m, "tech_sme -> hightech"), rec = model_param_find(m, "recruitment.tech_sme");
    g_autoptr(Model) lever = model_copy(m);
    model_set_lever_op(lever, edge, 2022, LEVER_MULTIPLY, 1700 / 1000.0);
    double base[8], a[8], b[8];
    model_central_params(m, base);
    for (int year = 2022; year <= 2024; year++) {
        assert_true(model_year_params(lever, base, year, a, NULL));
        assert_true(model_year_params(appended, base, year, b, NULL));
        assert_memory_equal(a, b, sizeof *a * (gsize)m->n_params);
    }
    assert_true(a[edge] == 0.13 * 2 * 1.7);
    model_set_lever_op(lever, edge, 2022, LEVER_MULTIPLY, 4);
    g_autoptr(GError) error = NULL;
    assert_true(model_year_params(lever, base, 2022, a, NULL));  /* 0.52 + 0.04 */
    assert_false(model_year_params(lever, base, 2023, a, &error));  /* 1.04 + 0.04 */
    tu_assert_contains(error->message, "times 4 from 2022: in 2023");
    g_autoptr(GError) negative = NULL;
    g_autoptr(Model) fewer = model_copy(m);
    model_set_lever_op(fewer, rec, 2023, LEVER_ADD, -51);
    assert_true(model_year_params(fewer, base, 2022, a, NULL));
    assert_false(model_year_params(fewer, base, 2023, a, &negative));
    tu_assert_contains(negative->message, "plus -51 from 2023: in 2023");
    tu_assert_contains(negative->message, "cannot be negative");
}

/* ---- the command ---------------------------------------------------------- */

/* `ladder solve FILE --out OUT --no-charts -q` with more arguments, NULL-ended. */
#define SOLVE(file, out, ...) tu_ladder(NULL, "solve", file, "--out", out, "--no-charts", "-q", __VA_ARGS__)

/* The solve.json of a SOLVE that must succeed (arguments not NULL-ended). */
#define SOLVE_JSON(file, out, ...) \
    TU_LADDER_RESULT(out, "solve.json", "solve", file, "--out", out, "--no-charts", "-q", __VA_ARGS__)

static char *source_file(const char *rel)
{
    g_autofree char *path = g_build_filename(tu_srcdir(), rel, NULL);
    return g_canonicalize_filename(path, NULL);
}

/* `v` as the scenario file would say it. */
static char *value_text(double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    return g_strdup(g_ascii_formatd(buf, sizeof buf, "%.10g", v));
}

/* `text` with the line `old` (exactly once) replaced by `new`, or removed
 * when `new` is NULL.  Caller frees. */
static char *replace_line(const char *text, const char *old, const char *new)
{
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    GString *out = g_string_new(NULL);
    int found = 0;
    for (int i = 0; lines[i]; i++) {
        gboolean hit = strcmp(lines[i], old) == 0;
        found += hit;
        if (!hit || new)
            g_string_append_printf(out, "%s%s", hit ? new : lines[i], lines[i + 1] ? "\n" : "");
    }
    if (found != 1)
        fail_msg("the line '%s' is there %d times", old, found);
    return g_string_free(out, FALSE);
}

#define REPRO_REPS "4000"  /* replications of the solves and runs that must agree */

/* The probability of `target` ("all": every target) in `ladder run` on
 * scenario `text` (written to dir/file, its results in dir/file.out). */
static double run_probability(const char *dir, const char *file, const char *text, const char *target)
{
    g_autoptr(JsonNode) root = tu_text_result(dir, file, text, "run", "summary.json", "--seed", "7", "--reps",
                                              REPRO_REPS, "--no-charts", "-q", NULL);
    JsonObject *o = json_node_get_object(root);
    if (strcmp(target, "all") == 0)
        return tu_num(o, "all_targets_probability");
    JsonArray *targets = json_object_get_array_member(o, "targets");
    for (guint i = 0; i < json_array_get_length(targets); i++) {
        JsonObject *t = json_array_get_object_element(targets, i);
        if (strcmp(json_object_get_string_member(t, "name"), target) == 0)
            return tu_num(t, "probability");
    }
    fail_msg("no target %s", target);
    return NAN;
}

/* A solve written into a scenario, as an analyst would: either the value
 * in its own group with the [uncertainty] line gone (a lever from
 * base_year+1 replaces the drawn value in every year, and draws of the
 * other parameters do not move, each having a stream of its own), or, from
 * a later year, a policy setting it (the scenario has no other policy on
 * it, so "=value" acts on the base value as the lever does). */
typedef struct {
    const char *id;
    const char *target;
    const char *wanted;
    const char *lever;
    const char *from;        /* NULL: base_year+1 */
    const char *line;        /* the lever's line in its group, or NULL: a policy */
    const char *value_fmt;   /* that line with the value, or the policy's groups */
    const char *uncertainty; /* the lever's [uncertainty] line, or NULL */
} ReproCase;

static const ReproCase repro_cases[] = {
    {"solve-3.1", "高新技术企业500家", "0.8", "recruitment.tech_sme", NULL, "tech_sme=100", "tech_sme=%s",
     "recruitment.tech_sme=uniform(70,130)"},
    {"solve-3.2", "高新技术企业500家", "0.75", "tech_sme -> hightech", NULL, "tech_sme -> hightech = 0.13",
     "tech_sme -> hightech = %s", "tech_sme -> hightech = beta(26,174)"},
    /* falls with the lever: the answer lies below the current 0.02 */
    {"solve-3.3", "高新技术企业500家", "0.68", "exit.hightech", NULL, "hightech=0.02", "hightech=%s", NULL},
    {"solve-3.4", "高新技术企业500家", "0.65", "renewal.hightech", "2024", NULL,
     "\n[policy solve]\nfrom=2024\nrenewal.hightech = =%s\n", NULL},
    /* every target together; an inflow, whose draws are Poisson counts */
    {"solve-3.5", "all", "0.2", "inflow.startup", NULL, "startup=400", "startup=%s", "inflow.startup=gamma(16,25)"},
};

/* `ladder run` on the scenario rewritten with lever value `v`: its probability. */
static double run_with(const ReproCase *c, const char *dir, const char *scenario, double v, const char *name)
{
    g_autofree char *x = value_text(v);
    g_autofree char *with = g_strdup_printf(c->value_fmt, x);
    g_autofree char *text = c->line ? replace_line(scenario, c->line, with) : g_strconcat(scenario, with, NULL);
    g_autofree char *cut = c->uncertainty ? replace_line(text, c->uncertainty, NULL) : g_strdup(text);
    return run_probability(dir, name, cut, c->target);
}

static void test_repro_case(void **state)
{
    const ReproCase *c = *state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "solve", NULL);
    g_autofree char *sc = source_file(TIANNING);
    g_autoptr(JsonNode) root = SOLVE_JSON(sc, out, "--target", c->target, "--probability", c->wanted, "--lever",
                                          c->lever, "--seed", "7", "--reps", REPRO_REPS, "--from",
                                          c->from ? c->from : "2022", "--mode", "set");
    JsonObject *o = json_node_get_object(root);
    double wanted = g_ascii_strtod(c->wanted, NULL);
    assert_true(json_object_get_boolean_member(o, "reachable"));
    double v = tu_num(o, "value"), p = tu_num(o, "probability");
    double sv = tu_num(o, "value_one_step_short"), sp = tu_num(o, "probability_one_step_short");
    assert_true(p >= wanted && sp < wanted);
    g_autofree char *scenario = tu_read_text(tu_srcdir(), TIANNING);
    double p_run = run_with(c, dir, scenario, v, "at.ini");
    double sp_run = run_with(c, dir, scenario, sv, "short.ini");
    if (p_run != p || sp_run != sp)
        fail_msg("ladder run gives %g at %g and %g at %g; solve said %g and %g", p_run, v, sp_run, sv, p, sp);
}


/* ---- policy mode: the printed group reproduces the answer in run ---------- */

typedef struct {
    const char *id;
    const char *scenario;  /* under scenarios/; the 天宁 file beside it (extends) */
    const char *target;
    const char *wanted;
    const char *lever;
    const char *from;
} PolicyCase;

#define ZHUANBAN "tianning-2025-zhuanban.ini"

static const PolicyCase policy_cases[] = {
    /* the question: *x on a drawn edge */
    {"solve-7.1", "tianning-2025.ini", "高新技术企业500家", "0.8", "tech_sme -> hightech", "2022"},
    /* falls with the lever: a factor below 1 */
    {"solve-7.2", "tianning-2025.ini", "高新技术企业500家", "0.68", "exit.hightech", "2022"},
    /* +x whole firms on a drawn recruitment */
    {"solve-7.3", "tianning-2025.ini", "高新技术企业500家", "0.8", "recruitment.tech_sme", "2022"},
    /* after the scenario's own policies on the same edge and recruitment (x1.25, +20 from 2023) */
    {"solve-7.4", ZHUANBAN, "高新技术企业500家", "0.9", "tech_sme -> hightech", "2024"},
    {"solve-7.5", ZHUANBAN, "高新技术企业500家", "0.9", "recruitment.tech_sme", "2023"},
    /* every target together; an inflow, drawn as Poisson counts around a drawn mean */
    {"solve-7.6", ZHUANBAN, "all", "0.27", "inflow.startup", "2022"},
    {"solve-7.7", "tianning-2025.ini", "高新技术企业500家", "0.66", "renewal.hightech", "2024"},
    /* a list's share, *x on the drawn share like any probability */
    {"solve-7.8", "tianning-2025.ini", "科技型中小微企业800家", "0.93", "list.tech_sme_register.hightech", "2022"},
};

/* `ladder run` on `scenario` (a copy in `dir`) with `group` appended (NULL:
 * as it is): the probability of `target`. */
static double run_appended(const char *dir, const char *scenario, const char *group, const char *target,
                           const char *name)
{
    g_autofree char *text = tu_read_text(tu_srcdir(), scenario);
    g_autofree char *with = g_strconcat(text, "\n", group ? group : "", NULL);
    g_autofree char *base = g_path_get_basename(scenario);
    return run_probability(dir, group ? name : base, with, target);
}

/* The policy group for the value one step short, as solve writes the answer's. */
static char *short_group(JsonObject *o)
{
    double v = tu_num(o, "value_one_step_short");
    g_autofree char *x = value_text(fabs(v));
    const char *op = strcmp(json_object_get_string_member(o, "operation"), "*") == 0 ? "*" : v < 0 ? "-" : "+";
    const char *group = json_object_get_string_member(o, "policy_line");
    g_autofree char *head = g_strndup(group, strstr(group, "\n" ) - group);
    return g_strdup_printf("%s\nfrom = %d\n%s = %s%s\n", head, (int)tu_num(o, "from"),
                           json_object_get_string_member(o, "lever"), op, x);
}

/* Policy mode: the base is `ladder run`'s probability, and `ladder run` on
 * the file with the printed group appended gives solve's probability at the
 * answer, and one step short, to the digit. */
static void test_policy_case(void **state)
{
    const PolicyCase *c = *state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "solve", NULL);
    g_autofree char *rel = g_build_filename("scenarios", c->scenario, NULL);
    g_autofree char *parent_text = tu_read_text(tu_srcdir(), TIANNING);
    g_autofree char *parent = tu_write(dir, "tianning-2025.ini", parent_text);  /* for extends */
    g_autofree char *sc = source_file(rel);
    g_autoptr(JsonNode) root = SOLVE_JSON(sc, out, "--target", c->target, "--probability", c->wanted, "--lever",
                                          c->lever, "--seed", "7", "--reps", REPRO_REPS, "--from", c->from);
    JsonObject *o = json_node_get_object(root);
    assert_string_equal(json_object_get_string_member(o, "mode"), "policy");
    assert_true(json_object_get_boolean_member(o, "reachable") && json_object_get_boolean_member(o, "base_is_run"));
    double base = run_appended(dir, rel, NULL, c->target, NULL);
    if (tu_num(o, "base_probability") != base || tu_num(o, "run_probability") != base)
        fail_msg("base %.17g, ladder run %.17g", tu_num(o, "base_probability"), base);
    const char *group = json_object_get_string_member(o, "policy_line");
    assert_true(g_str_has_prefix(group, "[policy 求解]\nfrom = "));
    double at = run_appended(dir, rel, group, c->target, "at.ini");
    g_autofree char *less = short_group(o);
    double short_run = run_appended(dir, rel, less, c->target, "short.ini");
    if (at != tu_num(o, "probability") || short_run != tu_num(o, "probability_one_step_short"))
        fail_msg("ladder run gives %.17g with\n%s and %.17g with\n%s; solve said %.17g and %.17g", at, group,
                 short_run, less, tu_num(o, "probability"), tu_num(o, "probability_one_step_short"));
}

/* --mode set: the table, solve.json, the report and the chart say the lever
 * is no longer drawn, with ladder run's probability beside the base. */
static void test_set_mode_caveat(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "solve", NULL);
    g_autofree char *sc = source_file(TIANNING);
    g_auto(TuRun) r = tu_ladder(NULL, "solve", sc, "--out", out, "--no-charts", "--report", "--target", "高新技术企业500家",
                        "--probability", "0.8", "--lever", "tech_sme -> hightech", "--seed", "7",
                        "--reps", REPRO_REPS, "--mode", "set", NULL);
    tu_assert_status(&r, 0);
    g_autoptr(JsonNode) root = tu_read_json(out, "solve.json");
    JsonObject *o = json_node_get_object(root);
    double run = run_appended(dir, TIANNING, NULL, "高新技术企业500家", NULL);
    assert_string_equal(json_object_get_string_member(o, "mode"), "set");
    assert_false(json_object_get_boolean_member(o, "base_is_run"));
    assert_false(json_object_get_boolean_member(o, "lever_drawn"));
    assert_true(tu_num(o, "run_probability") == run && tu_num(o, "base_probability") != run);
    g_autofree char *run_text = g_strdup_printf("不同于 ladder run 的 %.1f%%", 100 * run);
    tu_assert_contains(r.out, run_text);
    tu_assert_contains(r.out, "固定取 0.13，不再按 [uncertainty] 抽样");
    tu_assert_contains(r.out, "tech_sme -> hightech = =0.");
    g_autofree char *report = tu_read_text(out, "report.html");
    tu_assert_contains(report, run_text);
    tu_assert_contains(report, "不再按 [uncertainty] 抽样（--mode set）");
    g_autofree char *gp = tu_read_text(out, "solve.gp");
    tu_assert_contains(gp, "固定取值、不再抽样");
    tu_assert_contains(gp, run_text + strlen("不同于 "));
}

/* No value up to --max reaches the probability: exit 0, reachable false,
 * value null, the best found reported and said on stdout. */
static void test_unreachable(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = tu_write(dir, "edge.ini", ONE_YEAR "[target 高企30]\nstage=hightech\nat_least=30\n");
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "solve", sc, "--out", out, "--no-charts", "--target", "高企30", "--probability", "0.9",
                        "--lever", "tech_sme -> hightech", "--max", "0.15", "--reps", "20000", "--mode", "set", NULL);
    tu_assert_status(&r, 0);
    g_autoptr(JsonNode) root = tu_read_json(out, "solve.json");
    JsonObject *o = json_node_get_object(root);
    assert_false(json_object_get_boolean_member(o, "reachable"));
    assert_true(JSON_NODE_HOLDS_NULL(json_object_get_member(o, "value")));
    assert_true(isnan(tu_num(o, "probability_one_step_short")));
    assert_true(tu_num(o, "max") == 0.15 && tu_num(o, "best_value") == 0.15);
    double exact = gsl_cdf_binomial_Q(29, 0.15, ONE_YEAR_N), best = tu_num(o, "best_probability");
    assert_true(fabs(best - exact) < N_SE * sqrt(exact * (1 - exact) / 20000));
    tu_assert_contains(r.out, "达不到 90%");
    tu_assert_contains(r.out, "取 0.15 时");
}

/* The current value already enough, said in English for an English
 * scenario; solve.json gives change 0 and nothing one step short. */
static void test_already_met_cli(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = tu_write(dir, "c.ini", CERTAIN "[target SMEs 25]\nstage=tech_sme\nat_least=25\n");
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "solve", sc, "--out", out, "--no-charts", "--target", "SMEs 25", "--probability",
                        "0.99", "--lever", "recruitment.tech_sme", NULL);
    tu_assert_status(&r, 0);
    g_autoptr(JsonNode) root = tu_read_json(out, "solve.json");
    JsonObject *o = json_node_get_object(root);
    assert_true(tu_num(o, "value") == 0 && tu_num(o, "change") == 0 && tu_num(o, "probability") == 1);
    assert_true(tu_num(o, "parameter_central") == 5 && tu_num(o, "base_probability") == 1);
    assert_true(JSON_NODE_HOLDS_NULL(json_object_get_member(o, "probability_one_step_short")));
    assert_true(JSON_NODE_HOLDS_NULL(json_object_get_member(o, "policy_line")));
    tu_assert_contains(r.out, "Base: the same 100.0% as ladder run");
    tu_assert_contains(r.out, "Answer: recruitment.tech_sme at its current value 5 is enough");
}

/* Without --out: out/<stem>-solve, holding solve.json and the chart (its
 * PNG drawn when gnuplot is there); stdout asks and answers. */
static void test_files_and_chart(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = tu_write(dir, "c.ini", CERTAIN "[target SMEs 40]\nstage=tech_sme\nat_least=40\n");
    g_auto(TuRun) r = tu_ladder(dir, "solve", sc, "--target", "SMEs 40", "--probability", "0.5", "--lever",
                        "recruitment.tech_sme", NULL);
    tu_assert_status(&r, 0);
    g_autofree char *out = g_build_filename(dir, "out", "c-solve", NULL);
    g_autofree char *names = tu_list_dir(out);
    g_autofree char *gnuplot = g_find_program_in_path("gnuplot");
    tu_assert_contains(names, "solve.dat\nsolve.gp\nsolve.json\n");
    if (gnuplot) {
        tu_assert_contains(names, "solve.png\nsolve.svg\n");
        g_autofree char *png = tu_read_text(out, "solve.png");
        assert_memory_equal(png, "\x89PNG", 4);
    }
    tu_assert_contains(r.out, "Question: what least change of recruitment.tech_sme from 2022 on (firms a year added");
    tu_assert_contains(r.out, "Base: the same 0.0% as ladder run\n");
    tu_assert_contains(r.out, "Answer: recruitment.tech_sme from 2022 on +5 (central value 5 → 10): "
                              "probability of 'SMEs 40' 100.0% ± 0.0%; at +4, 0.0%");
    tu_assert_contains(r.out, "ladder run gives the same probability (same seed and replications):\n"
                              "  [policy solve]\n  from = 2022\n  recruitment.tech_sme = +5\n");
    tu_assert_contains(r.out, "out/c-solve/");
    g_autofree char *gp = tu_read_text(out, "solve.gp");
    tu_assert_contains(gp, "Noto Sans CJK SC");
    /* tried from -5 to 1000, the climb from +4 to +5: the x-range is the
     * current value (+0) to the answer, not the far bounds of the search */
    g_autofree char *dat = tu_read_text(out, "solve.dat");
    tu_assert_contains(dat, "\n-5 0.0000\n");
    tu_assert_contains(dat, "\n1000 100.0000\n");
    double lo = NAN, hi = NAN;
    const char *range = strstr(gp, "set xrange [");
    assert_non_null(range);
    assert_int_equal(sscanf(range, "set xrange [%lf:%lf]", &lo, &hi), 2);
    assert_true(lo < 0 && lo > -1 && hi > 5 && hi < 6);
    assert_null(strstr(gp, "autoscale x"));
    /* display names on the axes, not the key */
    tu_assert_contains(gp, "set xlabel \"firms a year added to Tech SME recruitment");
    tu_assert_contains(gp, "against Tech SME recruitment (from 2022)");
    assert_null(strstr(gp, "recruitment.tech_sme"));
}

/* solve.json and the chart data are the same bytes with 1 and 3 threads. */
static void test_threads_same_bytes(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = source_file(TIANNING);
    const char *const threads[] = {"1", "3"};
    char *json[2], *dat[2];
    for (int i = 0; i < 2; i++) {
        g_autofree char *out = g_build_filename(dir, threads[i], NULL);
        g_auto(TuRun) r = SOLVE(sc, out, "--target", "高新技术企业500家", "--probability", "0.8", "--lever",
                        "recruitment.tech_sme", "--reps", "3001", "--threads", threads[i], NULL);
        tu_assert_status(&r, 0);
        json[i] = tu_read_text(out, "solve.json");
        dat[i] = tu_read_text(out, "solve.dat");
    }
    assert_string_equal(json[0], json[1]);
    assert_string_equal(dat[0], dat[1]);
    for (int i = 0; i < 2; i++) {
        g_free(json[i]);
        g_free(dat[i]);
    }
}

/* ---- bad flags ------------------------------------------------------------ */

/* Each: exit 2, "ladder: " and the flag named (with the nearest target or
 * key suggested), "Try 'ladder help solve'", and no output folder. */
typedef struct {
    const char *id;
    const char *data;      /* a file of tests/data instead of the 天宁 scenario, or NULL */
    const char *args[12];  /* NULL-ended */
    const char *want[2];
} BadCase;

#define P08 "--probability", "0.8"
#define T500 "--target", "高新技术企业500家"
#define REC "--lever", "recruitment.tech_sme"
#define EDGE "--lever", "tech_sme -> hightech"

static const BadCase bad_cases[] = {
    {"solve-6.1", NULL, {P08, REC, NULL}, {"--target is required"}},
    {"solve-6.2", NULL, {"--target", "高新技术企业50家", P08, REC, NULL},
     {"--target 高新技术企业50家", "did you mean '高新技术企业500家'?"}},
    {"solve-6.3", NULL, {"--target", "高企", P08, REC, NULL}, {"--target 高企", "or 'all'"}},
    {"solve-6.4", NULL, {T500, REC, NULL}, {"--probability is required"}},
    {"solve-6.5", NULL, {T500, "--probability", "0", REC, NULL}, {"--probability 0:", "above 0 and below 1"}},
    {"solve-6.6", NULL, {T500, "--probability", "1", REC, NULL}, {"--probability 1:"}},
    {"solve-6.7", NULL, {T500, "--probability", "1.5", REC, NULL}, {"--probability 1.5:"}},
    {"solve-6.8", NULL, {T500, "--probability", "80%", REC, NULL}, {"--probability 80%:"}},
    {"solve-6.9", NULL, {T500, P08, NULL}, {"--lever is required"}},
    {"solve-6.10", NULL, {T500, P08, "--lever", "recruitment.tech_sm", NULL},
     {"--lever recruitment.tech_sm", "did you mean 'recruitment.tech_sme'?"}},
    {"solve-6.11", NULL, {T500, P08, "--lever", "tech_sme->hightek", NULL},
     {"--lever tech_sme->hightek", "did you mean 'tech_sme -> hightech'?"}},
    {"solve-6.12", NULL, {T500, P08, "--lever", "baseline.hightech", NULL},
     {"--lever baseline.hightech", "not a lever"}},
    {"solve-6.13", NULL, {T500, P08, "--lever", "recruitment.hightech", NULL},
     {"--lever recruitment.hightech", "write 'hightech = 0' in [recruitment]"}},
    {"solve-6.14", NULL, {T500, P08, REC, "--from", "2021", NULL}, {"--from 2021", "from 2022 to 2025"}},
    {"solve-6.15", NULL, {T500, P08, REC, "--from", "2026", NULL}, {"--from 2026"}},
    {"solve-6.16", NULL, {T500, P08, REC, "--min", "5", "--max", "3", NULL}, {"--min 5 is above --max 3"}},
    {"solve-6.17", NULL, {T500, P08, EDGE, "--max", "0.99", "--mode", "set", NULL}, {"--max 0.99", "from 0 to 0.96"}},
    {"solve-6.18", NULL, {T500, P08, REC, "--min", "-1", "--mode", "set", NULL}, {"--min -1"}},
    {"solve-6.19", NULL, {T500, P08, EDGE, "--min", "0.2", "--mode", "set", NULL},
     {"--min 0.2", "above the current value"}},
    {"solve-6.20", NULL, {T500, P08, EDGE, "--max", "lots", NULL}, {"--max lots"}},
    {"solve-6.21", NULL, {T500, P08, REC, "--reps", "0", NULL}, {"--reps 0"}},
    {"solve-6.22", "no-targets.ini", {"--target", "all", P08, "--lever", "inflow.startup", NULL},
     {"--target all", "has no targets"}},
    {"solve-6.23", NULL, {T500, P08, EDGE, "--mode", "fixed", NULL}, {"--mode fixed", "'policy'"}},
    /* a factor below 1 or an addend above 0 as a bound: the search starts at x1 (+0) */
    {"solve-6.24", NULL, {T500, P08, EDGE, "--max", "0.9", NULL}, {"--max 0.9", "below 1, the factor that leaves"}},
    {"solve-6.25", NULL, {T500, P08, REC, "--min", "5", NULL}, {"--min 5", "above 0, the number of firms a year added"}},
    /* 0.13 x with the exit 0.04 at most 1: x <= 7.384 */
    {"solve-6.26", NULL, {T500, P08, EDGE, "--max", "8", NULL}, {"--max 8", "from 0 to 7.384, the factors on"}},
    /* 100 a year less than -100 */
    {"solve-6.27", NULL, {T500, P08, REC, "--min", "-101", NULL}, {"--min -101", "from -100 to"}},
};

static void test_bad_case(void **state)
{
    const BadCase *c = *state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = c->data ? tu_data_file(c->data) : source_file(TIANNING);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *before = tu_list_dir(dir);
    const char *const *a = c->args;  /* NULL-ended: the first NULL ends the list */
    g_auto(TuRun) r = tu_ladder(NULL, "solve", sc, "--out", out, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
                        a[10], a[11], NULL);
    tu_assert_bad_input(&r, c->want, G_N_ELEMENTS(c->want), dir, before);
    tu_assert_contains(r.err, "Try 'ladder help solve'");
    assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
}

/* `ladder help solve` (and solve --help) shows the flags and an example. */
static void test_help(void **state)
{
    (void)state;
    const char *const want[] = {"Example", "ladder solve ", "[policy 求解]", "--mode", "--target", "--probability",
                                "--lever", "--from",
                                "--min", "--max", "--reps", "--no-charts", "(default: out/<file stem>-solve)"};
    tu_assert_help("solve", want, G_N_ELEMENTS(want));
}

/* Ctrl-C during a long solve: exit 130, a message, nothing left behind. */
static void test_interrupted(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = source_file(TIANNING);
    const char *const args[] = {"solve", sc, T500, P08, REC, "--reps", "50000000", "-q", NULL};
    tu_assert_interrupted(dir, args);
}

int main(void)
{
    gsl_set_error_handler_off();
    tu_pin_ladder();
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_already_met),
        cmocka_unit_test(test_peak_between),
        cmocka_unit_test(test_pull_in),
        cmocka_unit_test(test_base_is_run),
        cmocka_unit_test(test_lever_after_policies),
        cmocka_unit_test(test_set_mode_caveat),
        cmocka_unit_test(test_unreachable),
        cmocka_unit_test(test_already_met_cli),
        cmocka_unit_test(test_files_and_chart),
        cmocka_unit_test(test_threads_same_bytes),
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_interrupted),
    };
    g_autoptr(GArray) tests = TU_TESTS(fixed);
    ADD_ROWS(tests, range_cases, test_range_case);
    ADD_ROWS(tests, exact_cases, test_exact_case);
    ADD_ROWS(tests, certain_cases, test_certain_case);
    ADD_ROWS(tests, repro_cases, test_repro_case);
    ADD_ROWS(tests, policy_cases, test_policy_case);
    ADD_ROWS(tests, bad_cases, test_bad_case);
    return tu_run_tests("solve", tests);
}
