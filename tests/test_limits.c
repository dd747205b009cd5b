/* test_limits.c: the limits a hand-written scenario can reach, each an
 * explicit error or a clean run: firms a year pushed past the limit by a
 * policy, replications past 10^8, very long names, counts spread over
 * 10^9 firms, an output folder that cannot be made.  (Horizons over 100 years, more than 64 stages, a UTF-8
 * BOM, CRLF and GB 18030 files are in test_scenario.c and test_history.c;
 * Ctrl-C and --out onto a foreign folder in test_cli.c.)
 * SPDX-License-Identifier: MIT */
#include "testutil.h"

#include <math.h>
#include <string.h>
#include <sys/resource.h>

#define SMALL                                                                             \
    "[scenario]\nname=limits\nlanguage=en\nbase_year=2021\nhorizon=2023\n"                \
    "[stages]\na=A\nb=B\n[baseline]\na=1000\n[transitions]\na -> b = 0.1\n"

/* Runs ladder on scenario `text` (written to DIR/s.ini) with `args`
 * (NULL-ended after the last), output to DIR/out. */
static TuRun run_text(const char *dir, const char *text, const char *arg, const char *arg2)
{
    g_free(tu_write(dir, "s.ini", text));
    return tu_ladder(dir, "run", "s.ini", "--reps", "50", "--no-charts", "-q", "--out", "out", arg, arg2, NULL);
}

/* A policy multiplying an inflow or a recruitment past 10^8 firms a year
 * is an error naming the policy and the year (it once overflowed the
 * draws and gave nonsense counts with exit 0); so are the same written in
 * the file, and a baseline over 10^9. */
static void test_per_year_limit(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    const char *cases[][2] = {
        {SMALL "[inflows]\na=100000000\n[policy boom]\nfrom=2023\ninflow.a=*10\n",
         "s.ini:17: [policy boom] inflow.a = *10: in 2023, stage a (A): inflow.a becomes 1e+09, but firms a year "
         "must be at most 1e+08"},
        {SMALL "[recruitment]\nb=5\n[policy boom]\nrecruitment.b=*1e20\n",
         "recruitment.b becomes 5e+20, but firms a year must be at most 1e+08"},
        {SMALL "[inflows]\na=1e9\n", "s.ini:14: [inflows] a = 1e9: firms a year must lie in [0, 1e+08]"},
        {"[scenario]\nname=l\nbase_year=2021\nhorizon=2022\n[stages]\na=A\n[baseline]\na=1000000001\n",
         "s.ini:8: [baseline] a = 1000000001"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_auto(TuRun) r = run_text(dir, cases[i][0], NULL, NULL);
        tu_assert_status(&r, 2);
        tu_assert_contains(r.err, cases[i][1]);
        g_autofree char *out = g_build_filename(dir, "out", NULL);
        assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
    }
    /* at the limit itself it runs */
    g_auto(TuRun) ok = run_text(dir, SMALL "[inflows]\na=100000000\n", NULL, NULL);
    tu_assert_status(&ok, 0);
}

/* 10^8 replications at most, said before anything runs. */
static void test_replications_limit(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_auto(TuRun) r = run_text(dir, SMALL, "--reps", "100000001");
    tu_assert_status(&r, 2);
    tu_assert_contains(r.err, "--reps 100000001: expected a whole number from 1 to 100000000");
    g_free(tu_write(dir, "s2.ini", "[scenario]\nname=x\nbase_year=2021\nhorizon=2022\nreplications=100000001\n"
                                   "[stages]\na=A\n"));
    g_auto(TuRun) s = tu_ladder(dir, "run", "s2.ini", NULL);
    tu_assert_status(&s, 2);
    tu_assert_contains(s.err, "s2.ini:5: [scenario] replications = 100000001");
}

/* Names of thousands of characters (a pasted paragraph) load, run, and
 * come out whole in summary.json and the report. */
static void test_long_names(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autoptr(GString) name = g_string_new(NULL);
    for (int i = 0; i < 1500; i++)
        g_string_append(name, "高企");
    g_autofree char *text = g_strdup_printf("[scenario]\nname=%s\nbase_year=2021\nhorizon=2023\n"
                                            "[stages]\na=%s\nb=B\n[baseline]\na=1000\n[transitions]\na -> b = 0.1\n"
                                            "[target %s]\nstage=b\nat_least=100\n",
                                            name->str, name->str, name->str);
    g_auto(TuRun) r = run_text(dir, text, "--report", NULL);
    tu_assert_status(&r, 0);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autoptr(JsonNode) root = tu_read_json(out, "summary.json");
    JsonObject *target = json_array_get_object_element(json_object_get_array_member(json_node_get_object(root), "targets"), 0);
    assert_string_equal(json_object_get_string_member(target, "name"), name->str);
    g_autofree char *html = tu_read_text(out, "report.html");
    tu_assert_contains(html, name->str);
}

/* Counts spread over 10^9 firms: a billion firms move on with a rate drawn
 * uniformly from 0 to 1 in each replication.  Histograms kept one bin per
 * value between the smallest and the largest then, and this run took all
 * 24 GB of the machine before the kernel killed it.  Now it must run in a
 * 2 GB address space (not under AddressSanitizer, which reserves terabytes)
 * with a small peak memory, and its quantiles must be those of the uniform
 * distribution (binomial noise, about 1.6e4, is far below their errors). */
static void test_wide_spread(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    const char *text = "[scenario]\nname=wide\nlanguage=en\nbase_year=2021\nhorizon=2023\n"
                       "[stages]\na=A\nb=B\n[baseline]\na=1000000000\n[transitions]\na -> b = 0.5\n"
                       "[uncertainty]\na -> b = beta(1,1)\n";
    g_free(tu_write(dir, "s.ini", text));
    struct rlimit saved;
    assert_int_equal(getrlimit(RLIMIT_AS, &saved), 0);
#ifndef __SANITIZE_ADDRESS__
    struct rlimit two_gb = {(rlim_t)2 << 30, saved.rlim_max};
    assert_int_equal(setrlimit(RLIMIT_AS, &two_gb), 0);
#endif
    const int reps = 400;
    g_autofree char *reps_text = g_strdup_printf("%d", reps);
    g_auto(TuRun) r = tu_ladder(dir, "run", "s.ini", "--reps", reps_text, "--no-charts", "-q", "--out", "out", NULL);
    assert_int_equal(setrlimit(RLIMIT_AS, &saved), 0);
    tu_assert_status(&r, 0);
    struct rusage use;
    assert_int_equal(getrusage(RUSAGE_CHILDREN, &use), 0);
    assert_true(use.ru_maxrss < 300 * 1024); /* kB */

    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autoptr(JsonNode) root = tu_read_json(out, "summary.json");
    JsonObject *b = json_array_get_object_element(json_object_get_array_member(json_node_get_object(root), "stages"), 1);
    JsonObject *stock = json_object_get_object_member(b, "stock");
    const struct {
        const char *name;
        double q;
    } quantiles[] = {{"p5", 0.05}, {"p25", 0.25}, {"p50", 0.5}, {"p75", 0.75}, {"p95", 0.95}};
    for (gsize i = 0; i < G_N_ELEMENTS(quantiles); i++) {
        double q = quantiles[i].q, got = json_array_get_double_element(json_object_get_array_member(stock, quantiles[i].name), 1);
        double se = sqrt(q * (1 - q) / reps) * 1e9;
        if (fabs(got - q * 1e9) > 4 * se)
            fail_msg("%s of stage b in 2022: %.0f, want %.0f within 4 SE (%.0f)", quantiles[i].name, got, q * 1e9, 4 * se);
    }
}

/* An output folder that cannot be made (its parent is a file): exit 1
 * (the input was fine), a message naming it, nothing left. */
static void test_unwritable_out(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_free(tu_write(dir, "s.ini", SMALL));
    g_free(tu_write(dir, "afile", "x\n"));
    g_auto(TuRun) r = tu_ladder(dir, "run", "s.ini", "--reps", "50", "--no-charts", "--out", "afile/sub", NULL);
    tu_assert_status(&r, 1);
    tu_assert_contains(r.err, "ladder: ");
    tu_assert_contains(r.err, "afile");
    g_autofree char *listing = tu_list_dir(dir);
    assert_string_equal(listing, "afile\ns.ini\n");
}

int main(void)
{
    tu_pin_ladder();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_per_year_limit),
        cmocka_unit_test(test_replications_limit),
        cmocka_unit_test(test_long_names),
        cmocka_unit_test(test_wide_spread),
        cmocka_unit_test(test_unwritable_out),
    };
    return cmocka_run_group_tests_name("limits", tests, NULL, NULL);
}
