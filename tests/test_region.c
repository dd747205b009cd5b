/* test_region.c: region scenarios (region.h): parts added up by stage and
 * list id, each on streams of its own; [common] factors shared by the
 * parts in a replication; the region's policies acting in every part; the
 * exact expectation the parts' sum.  Checked against exact distributions
 * (binomial convolutions, an integral over a common factor), against the
 * parts run alone byte for byte, and bad region files against their
 * messages.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>

#include "errors.h"
#include "expect.h"
#include "paired.h"
#include "region.h"
#include "testutil.h"

#define REPS 20000
#define TOL_SE 4.0

/* Part A: 10 firms in s0 at the end of 2024, each to s1 with probability
 * 0.3 in 2025: s1 in 2025 is Binomial(10, 0.3). */
#define PART_A                                                                            \
    "[scenario]\nname=A\nbase_year=2024\nhorizon=2025\n"                                  \
    "[stages]\ns0=s0\ns1=s1\n"                                                            \
    "[baseline]\ns0=10\n"                                                                 \
    "[transitions]\ns0 -> s1 = 0.3\n"                                                     \
    "[list l]\nname=l\nstages=s1\n"                                                       \
    "[target own]\nstage=s1\nat_least=3\n"

/* Part B: 8 firms from the end of 2023, each to s1 with probability 0.4 a
 * year: s1 in 2025 is Binomial(8, 1 - 0.6^2); the region starts in 2024. */
#define PART_B                                                                            \
    "[scenario]\nname=B\nbase_year=2023\nhorizon=2025\n"                                  \
    "[stages]\ns0=s0\ns1=s1\n"                                                            \
    "[baseline]\ns0=8\n"                                                                  \
    "[transitions]\ns0 -> s1 = 0.4\n"                                                     \
    "[list l]\nname=l\nstages=s1\n"                                                       \
    "[target own]\nstage=s1\nat_least=3\n"

#define REGION_HEAD "[scenario]\nname=R\nhorizon=2025\nparts=a.ini, b.ini\n"
#define REGION_TARGET "[target both]\nstage=s1\nat_least=8\n"

/* A folder holding a.ini, b.ini and r.ini (`region`), the region loaded. */
typedef struct {
    char *dir;
    Model *m;
} Fixture;

static Fixture fixture(const char *region)
{
    Fixture f = {.dir = tu_tmpdir()};
    g_free(tu_write(f.dir, "a.ini", PART_A));
    g_free(tu_write(f.dir, "b.ini", PART_B));
    g_autofree char *path = tu_write(f.dir, "r.ini", region);
    GError *error = NULL;
    f.m = tu_made(scenario_load(path, &error), error, "region did not load");
    return f;
}

static void fixture_clear(Fixture *f)
{
    model_free(f->m);
    tu_rmrf(f->dir);
    g_free(f->dir);
}

/* `g_auto(Fixture) f = fixture(...)`, declared before the runs of its
 * model, is cleared after them (cleanups run in reverse order). */
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Fixture, fixture_clear)

static RunConfig config(guint64 reps, guint threads, gboolean uncertain)
{
    return (RunConfig){.reps = reps, .seed = 11, .threads = threads, .uncertain = uncertain};
}

/* P(Bin(n1, p1) + Bin(n2, p2) >= k). */
static double sum_at_least(int n1, double p1, int n2, double p2, int k)
{
    double p = 0;
    for (int i = 0; i <= n1; i++)
        for (int j = 0; j <= n2; j++)
            if (i + j >= k)
                p += gsl_ran_binomial_pdf((unsigned)i, p1, (unsigned)n1) * gsl_ran_binomial_pdf((unsigned)j, p2, (unsigned)n2);
    return p;
}

static double at_least(int n, double p, int k)
{
    return sum_at_least(n, p, 0, 0, k);
}

static void assert_probability(guint64 met, guint64 reps, double exact)
{
    double p = (double)met / (double)reps, se = sqrt(exact * (1 - exact) / (double)reps);
    if (fabs(p - exact) > TOL_SE * se)
        fail_msg("simulated %.5f, exact %.5f: %.1f standard errors apart", p, exact, fabs(p - exact) / se);
}

/* Two independent parts: the region's count is the convolution of theirs;
 * each part's own target and mean share are its own binomial's. */
static void test_two_parts_are_a_convolution(void **state)
{
    (void)state;
    g_auto(Fixture) f = fixture(REGION_HEAD REGION_TARGET);
    assert_int_equal(f.m->base_year, 2024);
    assert_int_equal(f.m->n_parts, 2);
    RunConfig c = config(REPS, 2, TRUE);
    g_autoptr(RunResult) r = tu_run(f.m, &c);
    double qb = 1 - 0.6 * 0.6;
    assert_probability(r->target_met[0], REPS, sum_at_least(10, 0.3, 8, qb, 8));
    assert_int_equal(r->n_parts, 2);
    assert_probability(r->parts[0].target_met[0], REPS, at_least(10, 0.3, 3));
    assert_probability(r->parts[1].target_met[0], REPS, at_least(8, qb, 3));
    /* shares add up to the region's count in every replication, so their sums do */
    assert_int_equal(r->parts[0].share_sum[0] + r->parts[1].share_sum[0],
                     (gint64)llround(histogram_mean(r->target[0]) * REPS));
    g_autoptr(Summary) s = tu_summary(f.m, r);
    assert_near(s->parts[0].share_expected[0], 3.0, 1e-12);
    assert_near(s->parts[1].share_expected[0], 8 * qb, 1e-12);
    assert_near(s->targets[0].expected, 3.0 + 8 * qb, 1e-12);
    assert_near(s->parts[0].share_mean[0], 3.0, TOL_SE * sqrt(10 * 0.3 * 0.7 / REPS));
    assert_near(s->parts[1].share_mean[0], 8 * qb, TOL_SE * sqrt(8 * qb * (1 - qb) / REPS));
}

/* The two parts' rates times one factor f ~ uniform(0.5, 1.5) a
 * replication: P = integral over f of the convolution at 0.3 f and
 * 1 - (1 - 0.4 f)^2. */
static double common_integrand(double x, void *params)
{
    (void)params;
    double qb = 1 - (1 - 0.4 * x) * (1 - 0.4 * x);
    return sum_at_least(10, 0.3 * x, 8, qb, 8);
}

static void test_common_factor_is_shared(void **state)
{
    (void)state;
    g_auto(Fixture) f = fixture(REGION_HEAD "[common]\ns0 -> s1 = uniform(0.5, 1.5)\n" REGION_TARGET);
    RunConfig c = config(REPS, 2, TRUE);
    g_autoptr(RunResult) r = tu_run(f.m, &c);
    gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(32);
    gsl_function fn = {common_integrand, NULL};
    double exact = gsl_integration_glfixed(&fn, 0.5, 1.5, t); /* a polynomial of degree 18: exact */
    gsl_integration_glfixed_table_free(t);
    assert_probability(r->target_met[0], REPS, exact);
    /* not what independent factors would give: the common one widens the sum */
    double independent = sum_at_least(10, 0.3, 8, 1 - 0.36, 8);
    assert_true(fabs(exact - independent) > 8 * sqrt(exact * (1 - exact) / REPS));
}

/* A common factor at its central value 1 (--no-uncertainty) gives the
 * region without it, bit for bit. */
static void test_common_at_one_is_independent(void **state)
{
    (void)state;
    g_auto(Fixture) with = fixture(REGION_HEAD "[common]\ns0 -> s1 = uniform(0.5, 1.5)\n" REGION_TARGET);
    g_auto(Fixture) without = fixture(REGION_HEAD REGION_TARGET);
    RunConfig central = config(4000, 2, FALSE), drawn = config(4000, 1, TRUE);
    g_autoptr(RunResult) a = tu_run(with.m, &central);
    g_autoptr(RunResult) b = tu_run(without.m, &drawn);
    assert_int_equal(a->target_met[0], b->target_met[0]);
    for (int i = 0; i < a->n_years * a->n_stages; i++) {
        assert_int_equal(a->entries_sum[i], b->entries_sum[i]);
        assert_true(histogram_mean(a->stock[i]) == histogram_mean(b->stock[i]));
    }
    g_autoptr(RunResult) d = tu_run(with.m, &drawn);
    assert_true(d->target_met[0] != b->target_met[0]); /* the factor is drawn and acts */
}

/* The region's policy acts in every part (after the part's own), its
 * switch-off removes it from every part, and the run matches the
 * convolution at the changed rates. */
static void test_policy_acts_in_every_part(void **state)
{
    (void)state;
    g_auto(Fixture) f = fixture(REGION_HEAD "[policy p]\ns0 -> s1 = *1.5\n" REGION_TARGET);
    for (int p = 0; p < 2; p++) {
        const Model *pm = f.m->parts[p].model;
        assert_int_equal(pm->n_policies, 1);
        assert_string_equal(pm->policies[0].name, "p");
        assert_non_null(pm->policies[0].owner);
    }
    RunConfig c = config(REPS, 2, TRUE);
    g_autoptr(RunResult) r = tu_run(f.m, &c);
    /* B's 2024 is before the policy (from the region's first year, 2025) */
    double qb = 1 - 0.6 * (1 - 0.6);
    assert_probability(r->target_met[0], REPS, sum_at_least(10, 0.45, 8, qb, 8));
    g_autoptr(Model) off = model_copy(f.m);
    model_switch_off_policy(off, 0);
    assert_int_equal(off->parts[0].model->n_policies, 0);
    assert_int_equal(off->parts[1].model->n_policies, 0);
    assert_int_equal(f.m->parts[0].model->n_policies, 1); /* the copy shares nothing */
}

/* A region of two regions, each of one part, draws exactly as the region
 * of the two parts: scenarios are numbered the same way. */
static void test_nested_equals_flat(void **state)
{
    (void)state;
    g_auto(Fixture) flat = fixture(REGION_HEAD "[common]\ns0 -> s1 = uniform(0.5, 1.5)\n" REGION_TARGET);
    g_free(tu_write(flat.dir, "ca.ini", "[scenario]\nname=CA\nhorizon=2025\nparts=a.ini\n"));
    g_free(tu_write(flat.dir, "cb.ini", "[scenario]\nname=CB\nhorizon=2025\nparts=b.ini\n"));
    g_autofree char *path = tu_write(flat.dir, "p.ini", "[scenario]\nname=P\nhorizon=2025\nparts=ca.ini, cb.ini\n"
                                                        "[common]\ns0 -> s1 = uniform(0.5, 1.5)\n" REGION_TARGET);
    GError *error = NULL;
    g_autoptr(Model) nested = tu_made(scenario_load(path, &error), error, "nested region");
    assert_int_equal(region_n_scenarios(nested), 2);
    RunConfig c = config(4000, 2, TRUE);
    g_autoptr(RunResult) a = tu_run(flat.m, &c);
    g_autoptr(RunResult) b = tu_run(nested, &c);
    assert_int_equal(a->target_met[0], b->target_met[0]);
    for (int i = 0; i < a->n_years * a->n_stages; i++)
        assert_int_equal(a->entries_sum[i], b->entries_sum[i]);
}

/* A variant that changes one part, run again only in that part
 * (RunConfig.changed_part), gives what running it whole gives, bit for
 * bit; and differs from the base. */
static void test_changed_part_is_the_whole_run(void **state)
{
    (void)state;
    g_auto(Fixture) f = fixture(REGION_HEAD "[common]\ns0 -> s1 = uniform(0.5, 1.5)\n" REGION_TARGET);
    g_autoptr(Model) v = model_copy(f.m);
    Model *b = region_scenario(v, 1, NULL);
    assert_string_equal(b->name, "B");
    model_set_param_value(b, 0, 0.6);
    const Model *models[] = {f.m, v};
    const int changed[] = {-1, 1};
    RunConfig whole = config(3000, 2, TRUE), part = whole;
    part.changed_part = changed;
    GError *error = NULL;
    g_autoptr(PairedResult) a = tu_made(runner_run_paired(models, 2, &whole, &error), error, "whole");
    g_autoptr(PairedResult) c = tu_made(runner_run_paired(models, 2, &part, &error), error, "one part");
    const RunResult *ra = a->runs[1], *rc = c->runs[1];
    assert_int_equal(ra->target_met[0], rc->target_met[0]);
    assert_true(ra->target_met[0] != a->runs[0]->target_met[0]);
    assert_int_equal(ra->all_met, rc->all_met);
    for (int i = 0; i < ra->n_years * ra->n_stages; i++)
        assert_int_equal(ra->entries_sum[i], rc->entries_sum[i]);
    for (int i = 0; i < ra->n_years * ra->n_stages; i++) { /* and so are the paired differences */
        PairedDiff da = paired_result_stock(a, 1, i / ra->n_stages, i % ra->n_stages);
        PairedDiff dc = paired_result_stock(c, 1, i / ra->n_stages, i % ra->n_stages);
        assert_true(da.mean == dc.mean && da.sd == dc.sd);
    }
    /* only what a sensitivity reads: no histograms, no parts */
    assert_null(rc->stock);
    assert_int_equal(rc->n_parts, 0);
}

/* Loads `file` of the bundled scenarios (caller frees). */
static Model *bundled(const char *file)
{
    g_autofree char *path = g_build_filename(tu_srcdir(), "scenarios", file, NULL);
    GError *error = NULL;
    return tu_made(scenario_load(path, &error), error, file);
}

/* The 常州 example's exact expectation is the sum of its two districts'
 * (each from its own base year; the common factors' means are 1). */
static void test_expectation_is_the_parts_sum(void **state)
{
    (void)state;
    g_autoptr(Model) r = bundled("changzhou-2025.ini");
    g_autoptr(Model) w = bundled("wujin-2025.ini");
    g_autoptr(Model) t = bundled("tianning-2025.ini");
    int Y = model_n_years(r), S = r->n_stages;
    assert_int_equal(r->base_year, 2021);
    g_autofree double *central = g_new(double, r->n_params);
    g_autofree double *rs = g_new(double, Y * S), *re = g_new(double, Y * S);
    model_central_params(r, central);
    assert_true(expect_run(r, central, rs, re, NULL));
    const Model *parts[] = {w, t};
    g_autofree double *sum = g_new0(double, Y * S);
    for (int k = 0; k < 2; k++) {
        const Model *pm = parts[k];
        int PY = model_n_years(pm), off = r->base_year - pm->base_year;
        g_autofree double *c = g_new(double, pm->n_params);
        g_autofree double *ps = g_new(double, PY * pm->n_stages), *pe = g_new(double, PY * pm->n_stages);
        model_central_params(pm, c);
        assert_true(expect_run(pm, c, ps, pe, NULL));
        for (int y = 0; y < Y; y++)
            for (int s = 0; s < pm->n_stages; s++)
                sum[y * S + model_stage_index(r, pm->stages[s].id)] += ps[(y + off) * pm->n_stages + s];
    }
    for (int i = 0; i < Y * S; i++)
        assert_near(rs[i], sum[i], 1e-9 * MAX(1, sum[i]));
}

/* One part, the part's seed: every stock, list and own target of the
 * region's run is the part's run's, bit for bit. */
static void test_one_part_is_the_part(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *part = g_build_filename(tu_srcdir(), "scenarios", "tianning-2025.ini", NULL);
    g_autofree char *text = g_strdup_printf("[scenario]\nname=R\nhorizon=2025\nparts=%s\n", part);
    g_autofree char *path = tu_write(dir, "r.ini", text);
    GError *error = NULL;
    g_autoptr(Model) r = tu_made(scenario_load(path, &error), error, "one-part region");
    g_autoptr(Model) t = bundled("tianning-2025.ini");
    RunConfig c = config(600, 2, TRUE);
    g_autoptr(RunResult) a = tu_run(r, &c);
    c.threads = 1;
    g_autoptr(RunResult) b = tu_run(t, &c);
    assert_int_equal(a->n_years * a->n_stages, b->n_years * b->n_stages);
    for (int i = 0; i < a->n_years * a->n_stages; i++) {
        assert_int_equal(a->entries_sum[i], b->entries_sum[i]);
        for (guint k = 5; k <= 95; k += 45)
            assert_int_equal(histogram_percentile(a->stock[i], k), histogram_percentile(b->stock[i], k));
        assert_true(histogram_mean(a->stock[i]) == histogram_mean(b->stock[i]));
    }
    for (int i = 0; i < a->n_years * r->n_lists; i++)
        assert_true(histogram_mean(a->lists[i]) == histogram_mean(b->lists[i]));
    for (int k = 0; k < t->n_targets; k++)
        assert_int_equal(a->parts[0].target_met[k], b->target_met[k]);
    assert_int_equal(a->parts[0].all_met, b->all_met);
}

/* A bad region file: the files of the folder, the region's text, and
 * what the message must say. */
typedef struct {
    const char *id;
    const char *extra_name, *extra_text; /* another file in the folder, or NULL */
    const char *region;
    const char *says[3];
} BadRegion;

static const BadRegion bad_regions[] = {
    {"loop", "loop.ini", "[scenario]\nname=L\nhorizon=2025\nparts=r.ini\n",
     "[scenario]\nname=R\nhorizon=2025\nparts=a.ini, loop.ini\n", {"loop.ini:4", "loop of parts", "r.ini → "}},
    {"missing_part", NULL, NULL, "[scenario]\nname=R\nhorizon=2025\nparts=a.ini, nothere.ini\n",
     {"r.ini:4", "nothere.ini: no such file", "relative to the region file"}},
    {"listed_twice", NULL, NULL, "[scenario]\nname=R\nhorizon=2025\nparts=a.ini, a.ini\n",
     {"r.ini:4", "listed twice"}},
    {"twice_below", "c.ini", "[scenario]\nname=C\nhorizon=2025\nparts=a.ini\n",
     "[scenario]\nname=R\nhorizon=2025\nparts=c.ini, a.ini\n", {"a part of the region twice"}},
    {"stage_missing", "d.ini", "[scenario]\nname=D\nbase_year=2024\nhorizon=2025\n[stages]\ns0=s0\ns2=s2\n"
     "[baseline]\ns0=5\n[transitions]\ns0 -> s2 = 0.1\n",
     "[scenario]\nname=R\nhorizon=2025\nparts=a.ini, d.ini\n[target t]\nstage=s1\nat_least=1\n",
     {"r.ini:5", "[target t] counts stage s1", "part D"}},
    {"list_missing", "d.ini", "[scenario]\nname=D\nbase_year=2024\nhorizon=2025\n[stages]\ns0=s0\ns1=s1\n",
     "[scenario]\nname=R\nhorizon=2025\nparts=a.ini, d.ini\n[target t]\nlist=l\nat_least=1\n",
     {"[target t] counts list l", "part D (", "d.ini)"}},
    {"stages_group", NULL, NULL, "[scenario]\nname=R\nhorizon=2025\nparts=a.ini\n[stages]\nx=x\n",
     {"r.ini:5", "takes its ladder", "part's file"}},
    {"common_typo", NULL, NULL, "[scenario]\nname=R\nhorizon=2025\nparts=a.ini\n[comon]\ns0 -> s1 = uniform(0.5,1.5)\n",
     {"r.ini:5", "unknown group", "common"}},
    {"base_year", NULL, NULL, "[scenario]\nname=R\nbase_year=2024\nhorizon=2025\nparts=a.ini\n",
     {"r.ini:3", "latest base_year"}},
    {"common_no_part_has", NULL, NULL,
     "[scenario]\nname=R\nhorizon=2025\nparts=a.ini\n[common]\ninflow.s1 = gamma(4, 0.25)\n",
     {"r.ini:6", "inflow.s1", "no part of the region has this parameter"}},
    {"common_negative", NULL, NULL,
     "[scenario]\nname=R\nhorizon=2025\nparts=a.ini\n[common]\ns0 -> s1 = uniform(-0.5, 1.5)\n",
     {"r.ini:6", "cannot be negative"}},
    {"horizon_after_part", NULL, NULL, "[scenario]\nname=R\nhorizon=2026\nparts=a.ini\n",
     {"r.ini:4", "part A", "ends in 2025, before the region's horizon 2026"}},
    {"stage_order", "e.ini", "[scenario]\nname=E\nbase_year=2024\nhorizon=2025\n[stages]\ns1=s1\ns0=s0\n",
     "[scenario]\nname=R\nhorizon=2025\nparts=a.ini, e.ini\n", {"r.ini:4", "orders stage", "part E"}},
    {"extends", "base.ini", "[scenario]\nname=Base\nhorizon=2025\nparts=a.ini\n",
     "[scenario]\nextends=base.ini\nname=R\nparts=b.ini\n", {"r.ini: a region file does not extend another", "base.ini"}},
    {"policy_out_of_range", NULL, NULL,
     "[scenario]\nname=R\nhorizon=2025\nparts=a.ini, b.ini\n[policy big]\ns0 -> s1 = *4\n",
     {"part A (", "[policy big]", "in 2025"}},
};

static void test_bad_region(void **state)
{
    const BadRegion *c = *state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_free(tu_write(dir, "a.ini", PART_A));
    g_free(tu_write(dir, "b.ini", PART_B));
    if (c->extra_name)
        g_free(tu_write(dir, c->extra_name, c->extra_text));
    g_autofree char *path = tu_write(dir, "r.ini", c->region);
    GError *error = NULL;
    g_autoptr(Model) m = scenario_load(path, &error);
    if (m != NULL)
        fail_msg("%s loaded", c->id);
    assert_int_equal(error->code, LADDER_ERROR_INPUT);
    for (int i = 0; i < 3 && c->says[i]; i++)
        tu_assert_contains(error->message, c->says[i]);
    g_error_free(error);
}

/* [common] in a scenario that is not a region says where it belongs. */
static void test_common_in_a_scenario(void **state)
{
    (void)state;
    GError *error = NULL;
    g_autoptr(Model) m = scenario_load_data("t.ini", NULL, TU_HEAD "[common]\nstartup -> tech_sme = gamma(4,0.25)\n",
                                            &error);
    assert_null(m);
    tu_assert_contains(error->message, "[common]: this group is for a region file");
    g_error_free(error);
}

/* The command line: a region runs and writes its parts; a bad one and a
 * command that takes no region leave no folder, exit 2. */
static void test_command_line(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_free(tu_write(dir, "a.ini", PART_A));
    g_free(tu_write(dir, "b.ini", PART_B));
    g_autofree char *region = tu_write(dir, "r.ini", REGION_HEAD REGION_TARGET);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_auto(TuRun) ok = tu_ladder(NULL, "run", region, "--reps", "300", "--out", out, NULL);
    tu_assert_status(&ok, 0);
    tu_assert_contains(ok.out, "A");
    g_autoptr(JsonNode) sum = tu_read_json(out, "summary.json");
    JsonArray *parts = json_object_get_array_member(json_node_get_object(sum), "parts");
    assert_int_equal(json_array_get_length(parts), 2);
    JsonObject *a = json_array_get_object_element(parts, 0);
    assert_string_equal(json_object_get_string_member(a, "name"), "A");
    g_autofree char *chart = g_build_filename(out, "parts_1.png", NULL);
    assert_true(g_file_test(chart, G_FILE_TEST_EXISTS));

    /* a region compared with one of its parts: its target, which the base lacks, has no base figure */
    g_autofree char *part = g_build_filename(dir, "a.ini", NULL), *cmp = g_build_filename(dir, "cmp", NULL);
    g_auto(TuRun) c = tu_ladder(NULL, "compare", part, region, "--reps", "300", "--no-charts", "--out", cmp, NULL);
    tu_assert_status(&c, 0);
    g_autoptr(JsonNode) cj = tu_read_json(cmp, "compare.json");
    JsonObject *d = json_array_get_object_element(
        json_object_get_array_member(json_node_get_object(cj), "differences"), 0);
    assert_string_equal(json_object_get_string_member(d, "target"), "both");
    assert_true(json_node_is_null(json_object_get_member(d, "probability_base")));

    g_autofree char *bad = tu_write(dir, "bad.ini", "[scenario]\nname=R\nhorizon=2025\nparts=a.ini, x.ini\n");
    g_autofree char *out2 = g_build_filename(dir, "out2", NULL);
    g_auto(TuRun) no = tu_ladder(NULL, "run", bad, "--out", out2, NULL);
    tu_assert_status(&no, 2);
    tu_assert_contains(no.err, "bad.ini:4");
    assert_false(g_file_test(out2, G_FILE_TEST_EXISTS));
    g_auto(TuRun) sens = tu_ladder(NULL, "calibrate", region, "--out", out2, NULL);
    assert_int_not_equal(sens.status, 0);
    assert_false(g_file_test(out2, G_FILE_TEST_EXISTS));
}

/* The parameter row `key` of sensitivity.json target `t`, or NULL. */
static JsonObject *sensitivity_row(JsonObject *t, const char *key)
{
    JsonArray *rows = json_object_get_array_member(t, "rows");
    for (guint i = 0; i < json_array_get_length(rows); i++) {
        JsonObject *r = json_array_get_object_element(rows, i);
        if (strcmp(json_object_get_string_member(r, "parameter"), key) == 0)
            return r;
    }
    return NULL;
}

/* `ladder sensitivity` of a region: its [common] factor and each part's
 * parameters, named by part, around the base `ladder run` gives for the
 * same seed (one question, one answer); and `ladder report` of its run
 * shows the parts. */
static void test_sensitivity_and_report(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_free(tu_write(dir, "a.ini", PART_A));
    g_free(tu_write(dir, "b.ini", PART_B));
    g_autofree char *region = tu_write(dir, "r.ini", REGION_HEAD "[common]\ns0 -> s1 = uniform(0.5, 1.5)\n"
                                                     REGION_TARGET);
    g_autofree char *run = g_build_filename(dir, "run", NULL), *sens = g_build_filename(dir, "sens", NULL);
    g_auto(TuRun) r1 = tu_ladder(NULL, "run", region, "--reps", "2000", "--seed", "4", "--out", run, NULL);
    tu_assert_status(&r1, 0);
    g_auto(TuRun) r2 = tu_ladder(NULL, "sensitivity", region, "--reps", "2000", "--seed", "4", "--no-charts",
                                 "--out", sens, NULL);
    tu_assert_status(&r2, 0);
    g_autoptr(JsonNode) sj = tu_read_json(sens, "sensitivity.json"), rj = tu_read_json(run, "summary.json");
    JsonObject *t = json_array_get_object_element(json_object_get_array_member(json_node_get_object(sj), "targets"), 0);
    JsonObject *rt = json_array_get_object_element(json_object_get_array_member(json_node_get_object(rj), "targets"), 0);
    assert_true(tu_num(t, "base_probability") == tu_num(rt, "probability"));
    JsonObject *common = sensitivity_row(t, "[common] s0 -> s1"), *a = sensitivity_row(t, "A: s0 -> s1");
    assert_non_null(common);
    assert_non_null(a);
    assert_non_null(sensitivity_row(t, "B: s0 -> s1"));
    /* the factor's P5 and P95, and part A's rate ±20% */
    assert_near(tu_num(common, "low"), 0.55, 1e-9);
    assert_near(tu_num(common, "high"), 1.45, 1e-9);
    assert_near(tu_num(a, "low"), 0.24, 1e-9);
    assert_near(tu_num(a, "high"), 0.36, 1e-9);
    assert_true(tu_num(common, "probability_high") > tu_num(common, "probability_low"));
    g_auto(TuRun) r3 = tu_ladder(NULL, "report", run, "--quiet", NULL);
    tu_assert_status(&r3, 0);
    g_autofree char *html = tu_read_text(run, "report.html");
    tu_assert_contains(html, "[common] s0 -&gt; s1");
    tu_assert_contains(html, "<td>A</td>");
    tu_assert_contains(html, "b.ini");
}

int main(void)
{
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_two_parts_are_a_convolution),
        cmocka_unit_test(test_common_factor_is_shared),
        cmocka_unit_test(test_common_at_one_is_independent),
        cmocka_unit_test(test_policy_acts_in_every_part),
        cmocka_unit_test(test_nested_equals_flat),
        cmocka_unit_test(test_changed_part_is_the_whole_run),
        cmocka_unit_test(test_expectation_is_the_parts_sum),
        cmocka_unit_test(test_one_part_is_the_part),
        cmocka_unit_test(test_common_in_a_scenario),
        cmocka_unit_test(test_command_line),
        cmocka_unit_test(test_sensitivity_and_report),
    };
    GArray *tests = TU_TESTS(fixed);
    ADD_ROWS(tests, bad_regions, test_bad_region);
    return tu_run_tests("region", tests);
}
