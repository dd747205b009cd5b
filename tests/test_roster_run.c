/* test_roster_run.c: `ladder run --roster`: a roster that restates the
 * baseline agrees with the plain run (means and probabilities within 4 SE
 * of their difference, the exact expectation equal), a roster's own clocks
 * give the closed-form binomial of the renewals due, firms.json and
 * firms.csv agree and each firm-year's stages and exit sum to 1, the same
 * bytes at any thread count, bad rosters refused before any folder, and
 * the NumPy reference on the scenario whose baseline the roster restates.
 * SPDX-License-Identifier: MIT */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

#include "testutil.h"

#include "expect.h"
#include "roster.h"
#include "runner.h"
#include "scenario.h"

#define N_SE 4.0

/* A roster CSV restating the baselines of `scenario`: each stage's firms
 * spread over its renewal clocks as the engines spread a baseline
 * (model_baseline_cohorts), written into `dir` (caller frees the path). */
static char *roster_from_baseline(const char *scenario, const char *dir)
{
    GError *error = NULL;
    g_autoptr(Model) m = scenario_load(scenario, &error);
    assert_non_null(m);
    g_autoptr(GString) csv = g_string_new("# synthetic: the scenario's baseline, firm by firm\n"
                                          "id,name,stage,years_in_stage\n");
    int id = 0;
    for (int s = 0; s < m->n_stages; s++) {
        const Stage *st = &m->stages[s];
        gint64 cohort[MODEL_MAX_RENEWAL_YEARS];
        model_baseline_cohorts(st, st->baseline, cohort);
        for (int t = 0; t < MAX(st->renewal_years, 1); t++)
            for (gint64 k = 0; k < cohort[t]; k++, id++)
                g_string_append_printf(csv, "F%05d,firm %d,%s,%d\n", id, id, st->id, t);
    }
    return tu_write(dir, "roster.csv", csv->str);
}

static JsonObject *object_at(JsonArray *a, guint i)
{
    return json_array_get_object_element(a, i);
}

static JsonArray *array_of(JsonObject *o, const char *path)
{
    g_auto(GStrv) parts = g_strsplit(path, ".", -1);
    for (int i = 0; parts[i + 1]; i++)
        o = json_object_get_object_member(o, parts[i]);
    return json_object_get_array_member(o, parts[g_strv_length(parts) - 1]);
}

/* Every stock mean of `a` and `b` (two independent runs of `reps` each)
 * within N_SE standard errors of their difference, every exact
 * expectation equal. */
static void assert_stocks_agree(JsonObject *a, JsonObject *b, double reps)
{
    JsonArray *sa = json_object_get_array_member(a, "stages"), *sb = json_object_get_array_member(b, "stages");
    assert_int_equal(json_array_get_length(sa), json_array_get_length(sb));
    for (guint s = 0; s < json_array_get_length(sa); s++) {
        JsonArray *ma = array_of(object_at(sa, s), "stock.mean"), *mb = array_of(object_at(sb, s), "stock.mean");
        JsonArray *da = array_of(object_at(sa, s), "stock.sd"), *db = array_of(object_at(sb, s), "stock.sd");
        JsonArray *ea = array_of(object_at(sa, s), "stock.expected"), *eb = array_of(object_at(sb, s), "stock.expected");
        for (guint y = 0; y < json_array_get_length(ma); y++) {
            assert_true(tu_num_at(ea, y) == tu_num_at(eb, y));
            double d = tu_num_at(ma, y) - tu_num_at(mb, y);
            double se = sqrt((pow(tu_num_at(da, y), 2) + pow(tu_num_at(db, y), 2)) / reps);
            if (fabs(d) > N_SE * se + 1e-9)
                fail_msg("stage %u year %u: %.3f vs %.3f (se %.3f)", s, y, tu_num_at(ma, y), tu_num_at(mb, y), se);
        }
    }
}

/* Every target's probability within N_SE standard errors of the difference. */
static void assert_targets_agree(JsonObject *a, JsonObject *b, double reps)
{
    JsonArray *ta = json_object_get_array_member(a, "targets"), *tb = json_object_get_array_member(b, "targets");
    for (guint i = 0; i < json_array_get_length(ta); i++) {
        double p = tu_num(object_at(ta, i), "probability"), q = tu_num(object_at(tb, i), "probability");
        double se = sqrt((p * (1 - p) + q * (1 - q)) / reps);
        if (fabs(p - q) > N_SE * se + 1e-9)
            fail_msg("target %u: %.4f vs %.4f (se %.4f)", i, p, q, se);
    }
}

/* (a) The baseline as a roster, run firm by firm, against the plain run by
 * cohorts, on independent seeds. */
static void roster_of_the_baseline_agrees(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = g_build_filename(tu_srcdir(), "scenarios/tianning-2025.ini", NULL);
    g_autofree char *roster = roster_from_baseline(sc, dir);
    g_autofree char *plain = g_build_filename(dir, "plain", NULL), *firms = g_build_filename(dir, "firms", NULL);
    const char *a[] = {"run", sc, "--no-uncertainty", "--reps", "4000", "--seed", "5", "--no-charts", "-q",
                       "--out", plain, NULL};
    const char *b[] = {"run", sc, "--roster", roster, "--no-uncertainty", "--reps", "4000", "--seed", "6",
                       "--no-charts", "-q", "--out", firms, NULL};
    g_autoptr(JsonNode) x = tu_ladder_result(NULL, a, plain, "summary.json");
    g_autoptr(JsonNode) y = tu_ladder_result(NULL, b, firms, "summary.json");
    assert_stocks_agree(json_node_get_object(x), json_node_get_object(y), 4000);
    assert_targets_agree(json_node_get_object(x), json_node_get_object(y), 4000);
}

#define DUE                                                                  \
    "[scenario]\nname=due\nbase_year=2024\nhorizon=2026\n"                   \
    "[stages]\ntech_sme=科小\nhightech=高企\n"                                \
    "[baseline]\ntech_sme=0\nhightech=999\n"                                  \
    "[renewal]\nhightech=3;0.8;tech_sme\n"                                    \
    "[uncertainty]\nbaseline.hightech=uniform(900,1100)\n"                     \
    "[target renewed]\nstage=hightech\nyear=2025\nat_least=80\n"

/* (b) 100 高企, all due in the first year (clock V-1): the first year's
 * count is Binomial(100, 0.8), in expectation and in the run; the
 * roster's clocks, not the baseline's even spread, and its count, not the
 * [uncertainty] baseline. */
static void clocks_give_the_binomial(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(DUE);
    g_autoptr(GString) csv = g_string_new("id,name,stage,years_in_stage\n");
    for (int i = 0; i < 100; i++)
        g_string_append_printf(csv, "H%d,h%d,高企,2\n", i, i);
    GError *error = NULL;
    g_autoptr(Roster) r = roster_read_data("r.csv", csv->str, csv->len, m, &error);
    assert_non_null(r);
    int stage[100], clock[100];
    for (int i = 0; i < 100; i++) {
        stage[i] = r->firms[i].stage;
        clock[i] = r->firms[i].years_in_stage;
    }
    model_set_roster(m, r->file, r->sha256, r->n_firms, stage, clock);
    assert_false(model_has_uncertainty(m));
    double base[8], stock[3 * 2], entries[3 * 2];
    model_central_params(m, base);
    assert_true(expect_run(m, base, stock, entries, &error));
    assert_true(fabs(stock[1 * 2 + 1] - 80.0) < 1e-9);  /* 100 x 0.8, not 100 - 33 x 0.2 */
    assert_true(fabs(stock[1 * 2 + 0] - 20.0) < 1e-9);

    const guint64 reps = 20000;
    RunConfig c = {.reps = reps, .seed = 3, .threads = 2, .uncertain = TRUE};
    g_autoptr(RunResult) run = tu_run(m, &c);
    assert_non_null(run->firms);
    double mean = histogram_mean(run->stock[1 * 2 + 1]);
    double se = sqrt(100 * 0.8 * 0.2 / (double)reps);
    if (fabs(mean - 80.0) > N_SE * se)
        fail_msg("year-1 高企 mean %.4f, want 80 (se %.4f)", mean, se);
    double p = gsl_cdf_binomial_Q(79, 0.8, 100), got = (double)run->target_met[0] / (double)reps;
    if (fabs(got - p) > N_SE * sqrt(p * (1 - p) / (double)reps))
        fail_msg("P(count >= 80) %.4f, want %.4f", got, p);
    /* each firm is due: in 高企 with 0.8, in 科小 with 0.2 */
    double in = 0;
    for (int f = 0; f < 100; f++)
        in += run->firms->state[((gsize)f * run->firms->n_years + 1) * 3 + 1];
    assert_true(fabs(in / (100.0 * reps) - mean / 100.0) < 1e-12);
}

/* Splits the data rows of a CSV without quoted fields (firms.csv of a
 * roster whose names hold no comma) into their cells. */
static GPtrArray *csv_rows(const char *text)
{
    GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    g_auto(GStrv) lines = g_strsplit(text, "\r\n", -1);
    for (int i = 1; lines[i] && *lines[i]; i++)
        g_ptr_array_add(rows, g_strsplit(lines[i], ",", -1));
    return rows;
}

/* (c) firms.json: every firm-year's stages and exit sum to 1, at_or_above
 * is the sum of the stages from there up; firms.csv holds its figures in
 * order (column 8 the probability).  (d) the same bytes on 1 and 2 threads. */
static void firms_files_agree(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = g_build_filename(tu_srcdir(), "scenarios/tianning-2025.ini", NULL);
    g_autofree char *roster = g_build_filename(tu_srcdir(), "scenarios/roster/tianning-2025.csv", NULL);
    g_autofree char *one = g_build_filename(dir, "one", NULL), *two = g_build_filename(dir, "two", NULL);
    const char *a[] = {"run", sc, "--roster", roster, "--reps", "300", "--threads", "1", "--no-charts", "-q",
                       "--out", one, NULL};
    const char *b[] = {"run", sc, "--roster", roster, "--reps", "300", "--threads", "2", "--no-charts", "-q",
                       "--out", two, NULL};
    g_autoptr(JsonNode) doc = tu_ladder_result(NULL, a, one, "firms.json");
    g_autoptr(JsonNode) again = tu_ladder_result(NULL, b, two, "firms.json");
    static const char *const files[] = {"firms.json", "firms.csv", "summary.json", "summary.csv"};
    for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *x = tu_read_text(one, files[i]), *y = tu_read_text(two, files[i]);
        assert_string_equal(x, y);
    }
    g_autofree char *text = tu_read_text(one, "firms.csv");
    g_autoptr(GPtrArray) rows = csv_rows(text + 3);
    JsonArray *firms = json_object_get_array_member(json_node_get_object(doc), "firms");
    assert_int_equal(json_array_get_length(firms), 253);
    guint row = 0;
    for (guint f = 0; f < json_array_get_length(firms); f++) {
        JsonArray *years = json_object_get_array_member(object_at(firms, f), "years");
        for (guint y = 0; y < json_array_get_length(years); y++) {
            JsonArray *st = json_object_get_array_member(object_at(years, y), "states");
            double sum = 0, above = 0;
            for (gint k = (gint)json_array_get_length(st) - 1; k >= 0; k--) {
                JsonObject *o = object_at(st, (guint)k);
                const char *kind = json_object_get_string_member(o, "kind");
                if (strcmp(kind, "list") != 0)
                    sum += tu_num(o, "probability");
                if (strcmp(kind, "stage") == 0) {
                    above += tu_num(o, "probability");
                    assert_true(fabs(above - tu_num(o, "at_or_above")) < 1e-8); /* each rounded to 9 decimals */
                }
            }
            assert_true(fabs(sum - 1) < 1e-8);
            for (guint k = 0; k < json_array_get_length(st); k++, row++) {
                char **cells = rows->pdata[row];
                assert_string_equal(cells[6], json_object_get_string_member(object_at(st, k), "state"));
                assert_true(g_ascii_strtod(cells[8], NULL) == tu_num(object_at(st, k), "probability"));
            }
        }
    }
    assert_int_equal(row, rows->len);
    g_autoptr(JsonNode) sc_json = tu_read_json(one, "scenario.json");
    JsonObject *ro = json_object_get_object_member(json_node_get_object(sc_json), "roster");
    assert_non_null(ro);
    assert_int_equal(json_object_get_int_member(ro, "firms"), 253);
    assert_int_equal(json_array_get_length(json_object_get_array_member(ro, "covers")), 4);
}

/* (e) A roster that cannot be read: exit 2, file:line, no folder. */
static void bad_rosters_leave_nothing(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = g_build_filename(tu_srcdir(), "scenarios/tianning-2025.ini", NULL);
    g_autofree char *bad = tu_write(dir, "bad.csv", "id,name,stage,years_in_stage\nA,a,高企,1\nB,b,高新,0\n");
    g_autofree char *missing = g_build_filename(dir, "none.csv", NULL);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *before = tu_list_dir(dir);
    {
        g_auto(TuRun) r = tu_ladder(NULL, "run", sc, "--roster", missing, "--out", out, "-q", NULL);
        const char *want[] = {"none.csv"};
        tu_assert_bad_input(&r, want, 1, dir, before);
    }
    {
        g_auto(TuRun) r = tu_ladder(NULL, "run", sc, "--roster", bad, "--out", out, "-q", NULL);
        g_autofree char *where = g_strconcat(bad, ":3: unknown stage '高新'", NULL);
        const char *want[] = {where};
        tu_assert_bad_input(&r, want, 1, dir, before);
    }
}

/* stderr names the stages that keep their baseline and the baselines no
 * longer drawn; stdout says where firms.csv is. */
static void run_says_what_the_roster_does(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = g_build_filename(tu_srcdir(), "scenarios/tianning-2025.ini", NULL);
    g_autofree char *roster = g_build_filename(tu_srcdir(), "scenarios/roster/tianning-2025.csv", NULL);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "run", sc, "--roster", roster, "--reps", "50", "--no-charts", "--out", out,
                                "--lang", "en", NULL);
    tu_assert_status(&r, 0);
    tu_assert_contains(r.err, "does not cover keep their [baseline]: 初创, 科小");
    tu_assert_contains(r.err, "高企: its [uncertainty] baseline is not drawn");
    g_autofree char *line = g_strdup_printf("Roster: 253 firms simulated one by one (covering 高企, 瞪羚, 独角兽, 上市); "
                                            "each firm's chances in %s/firms.csv", out);
    tu_assert_contains(r.out, line);
}

static char *tool(const char *name)
{
    return g_build_filename(tu_srcdir(), "..", "shared", "tools", name, NULL);
}

/* (f) The reference has no roster: it runs the scenario whose [baseline]
 * the roster restates, clock by clock as the engines spread it (a roster
 * with other clocks would need the reference to take them).  Skipped
 * without the reference or numpy. */
static void reference_agrees(void **state)
{
    (void)state;
    g_autofree char *ref = tool("ladder_numpy.py"), *agree = tool("agree.py");
    g_autofree char *out = NULL, *err = NULL;
    int status = 1;
    const char *probe[] = {"/usr/bin/python3", "-c", "import numpy", NULL};
    if (!g_file_test(ref, G_FILE_TEST_EXISTS) ||
        !g_spawn_sync(NULL, (char **)probe, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, NULL) ||
        status != 0) {
        print_message("../shared/tools/ladder_numpy.py or numpy missing, skipped\n");
        skip();
    }
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = g_build_filename(tu_srcdir(), "scenarios/tianning-2025.ini", NULL);
    g_autofree char *roster = roster_from_baseline(sc, dir);
    g_autofree char *res = g_build_filename(dir, "out", NULL), *ours = g_build_filename(res, "summary.json", NULL);
    g_autofree char *theirs = g_build_filename(dir, "reference.json", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "run", sc, "--roster", roster, "--no-uncertainty", "--reps", "20000", "--seed",
                                "11", "--no-charts", "-q", "--out", res, NULL);
    tu_assert_status(&r, 0);
    const char *run_ref[] = {"/usr/bin/python3", ref, sc, "--reps", "20000", "--seed", "12", "--no-uncertainty",
                             "--json", theirs, NULL};
    assert_true(g_spawn_sync(NULL, (char **)run_ref, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL));
    assert_int_equal(status, 0);
    g_clear_pointer(&out, g_free);
    const char *compare[] = {"/usr/bin/python3", agree, ours, theirs, NULL};
    assert_true(g_spawn_sync(NULL, (char **)compare, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, NULL));
    print_message("roster vs reference: %s", out);
    assert_int_equal(status, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(roster_of_the_baseline_agrees),
        cmocka_unit_test(clocks_give_the_binomial),
        cmocka_unit_test(firms_files_agree),
        cmocka_unit_test(bad_rosters_leave_nothing),
        cmocka_unit_test(run_says_what_the_roster_does),
        cmocka_unit_test(reference_agrees),
    };
    return cmocka_run_group_tests_name("roster_run", tests, NULL, NULL);
}
