/* test_cli.c: the ladder binary as a user runs it: the files `ladder run`
 * writes and what summary.json says, reproducibility across threads, flags
 * over [scenario], the output folder's rules, help, and bad input (exit 2,
 * one "ladder: " message, nothing left behind).
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "testutil.h"

/* `--out DIR` runs of `scenario` with more flags, NULL-ended. */
#define LADDER_RUN(scenario, out, ...) tu_ladder(NULL, "run", scenario, "--out", out, __VA_ARGS__)

/* The summary.json of a `--out DIR` run of `scenario` that must succeed,
 * with more flags (not NULL-ended). */
#define RUN_SUMMARY(scenario, out, ...) TU_LADDER_RESULT(out, "summary.json", "run", scenario, "--out", out, __VA_ARGS__)

/* ---- what a run writes ------------------------------------------------ */

/* summary.json, summary.csv (with a BOM, a row per stage and year), the
 * gnuplot data and scripts, and with --no-charts no picture. */
static void test_run_files(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *sc = tu_data_file("certain.ini");
    g_auto(TuRun) r = LADDER_RUN(sc, out, "--no-charts", NULL);
    tu_assert_status(&r, 0);
    g_autofree char *json = g_build_filename(out, "summary.json", NULL);
    assert_true(g_file_test(json, G_FILE_TEST_IS_REGULAR));
    g_autofree char *csv = tu_read_text(out, "summary.csv");
    assert_true(g_str_has_prefix(csv, "\xEF\xBB\xBF"));
    g_auto(GStrv) lines = g_strsplit(g_strchomp(csv), "\n", -1);
    assert_int_equal(g_strv_length(lines), 1 + 3 * 4);  /* header, 3 stages x 4 years */
    tu_assert_contains(csv, "tech_sme");
    assert_true(tu_count_suffix(out, ".dat") >= 1);
    assert_true(tu_count_suffix(out, ".gp") >= 1);
    assert_int_equal(tu_count_suffix(out, ".png"), 0);
    assert_int_equal(tu_count_suffix(out, ".svg"), 0);
    tu_assert_contains(r.out, out);  /* says where the results are */
}

/* Without --no-charts gnuplot draws them: a PNG beside each script. */
static void test_run_charts(void **state)
{
    (void)state;
    g_autofree char *gnuplot = g_find_program_in_path("gnuplot");
    if (gnuplot == NULL)
        skip();
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *sc = tu_data_file("no-targets.ini");
    g_auto(TuRun) r = LADDER_RUN(sc, out, "--reps", "200", "-q", NULL);
    tu_assert_status(&r, 0);
    int gp = tu_count_suffix(out, ".gp");
    assert_true(gp >= 1);
    assert_int_equal(tu_count_suffix(out, ".png"), gp);
    GDir *d = g_dir_open(out, 0, NULL);
    for (const char *name; (name = g_dir_read_name(d));)
        if (g_str_has_suffix(name, ".png")) {
            g_autofree char *png = tu_read_text(out, name);
            assert_memory_equal(png, "\x89PNG", 4);
        }
    g_dir_close(d);
}

/* summary.json parses and holds what the certain ladder makes certain. */
static void test_json_fields(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *sc = tu_data_file("certain.ini");
    g_autoptr(JsonNode) root = RUN_SUMMARY(sc, out, "--no-charts", "-q");
    JsonObject *o = json_node_get_object(root);
    JsonObject *scen = json_object_get_object_member(o, "scenario");
    assert_string_equal(json_object_get_string_member(scen, "name"), "certain ladder");
    assert_true(tu_num(scen, "base_year") == 2021);
    assert_true(tu_num(scen, "horizon") == 2024);
    assert_true(tu_num(o, "replications") == 300);  /* from [scenario] */
    assert_true(tu_num(o, "seed") == 11);
    JsonArray *years = json_object_get_array_member(o, "years");
    assert_int_equal(json_array_get_length(years), 4);
    for (guint y = 0; y < 4; y++)
        assert_true(tu_num_at(years, y) == 2021 + y);

    const char *ids[] = {"startup", "tech_sme", "hightech"};
    const char *names[] = {"Start-up", "Tech SME", "High-tech"};
    const double stock[3][4] = {{10, 5, 5, 5}, {0, 10, 15, 20}, {0, 0, 0, 0}};
    const double entries[3][4] = {{0, 5, 5, 5}, {0, 10, 5, 5}, {0, 0, 0, 0}};
    JsonArray *stages = json_object_get_array_member(o, "stages");
    assert_int_equal(json_array_get_length(stages), 3);
    for (guint s = 0; s < 3; s++) {
        JsonObject *st = json_array_get_object_element(stages, s);
        assert_string_equal(json_object_get_string_member(st, "id"), ids[s]);
        assert_string_equal(json_object_get_string_member(st, "name"), names[s]);
        JsonObject *sk = json_object_get_object_member(st, "stock");
        const char *fields[] = {"expected", "mean", "p5", "p25", "p50", "p75", "p95"};
        for (gsize f = 0; f < G_N_ELEMENTS(fields); f++) {
            JsonArray *a = json_object_get_array_member(sk, fields[f]);
            assert_non_null(a);
            assert_int_equal(json_array_get_length(a), 4);
            for (guint y = 0; y < 4; y++)
                if (tu_num_at(a, y) != stock[s][y])
                    fail_msg("%s.stock.%s[%u] = %g, want %g", ids[s], fields[f], y, tu_num_at(a, y), stock[s][y]);
        }
        JsonArray *sd = json_object_get_array_member(sk, "sd");
        for (guint y = 0; y < 4; y++)
            assert_true(tu_num_at(sd, y) == 0);
        JsonArray *nm = json_object_get_array_member(json_object_get_object_member(st, "new"), "mean");
        for (guint y = 0; y < 4; y++)
            assert_true(tu_num_at(nm, y) == entries[s][y]);
    }

    JsonArray *targets = json_object_get_array_member(o, "targets");
    assert_int_equal(json_array_get_length(targets), 3);
    const struct {
        const char *name, *stage, *count;
        double year, at_least, probability, p50;
    } want[] = {
        {"SMEs 20", "tech_sme", "stage", 2024, 20, 1, 20},
        {"new SMEs", "tech_sme", "new", 2023, 16, 0, 15},
        {"ladder", "startup", "at_or_above", 2024, 25, 1, 25},
    };
    for (guint t = 0; t < 3; t++) {
        JsonObject *to = json_array_get_object_element(targets, t);
        assert_string_equal(json_object_get_string_member(to, "name"), want[t].name);
        assert_string_equal(json_object_get_string_member(to, "stage"), want[t].stage);
        assert_string_equal(json_object_get_string_member(to, "count"), want[t].count);
        assert_true(tu_num(to, "year") == want[t].year);
        assert_true(tu_num(to, "at_least") == want[t].at_least);
        assert_true(tu_num(to, "probability") == want[t].probability);
        assert_true(tu_num(to, "p50") == want[t].p50);
    }
    assert_true(tu_num(o, "all_targets_probability") == 0);  /* "new SMEs" is never met */
}

/* With no target, targets is empty and all_targets_probability null. */
static void test_json_no_targets(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *sc = tu_data_file("no-targets.ini");
    g_autoptr(JsonNode) root = RUN_SUMMARY(sc, out, "--no-charts", "-q", "--reps", "100");
    JsonObject *o = json_node_get_object(root);
    assert_int_equal(json_array_get_length(json_object_get_array_member(o, "targets")), 0);
    JsonNode *all = json_object_get_member(o, "all_targets_probability");
    assert_non_null(all);
    assert_true(JSON_NODE_HOLDS_NULL(all));
    /* the baseline year is the baseline, exactly */
    JsonObject *a = json_array_get_object_element(json_object_get_array_member(o, "stages"), 0);
    JsonArray *p5 = json_object_get_array_member(json_object_get_object_member(a, "stock"), "p5");
    assert_true(tu_num_at(p5, 0) == 50);
}

/* A what-if in tests/data extends its parent by a path relative to its own
 * folder, whatever the current folder. */
static void test_run_extends(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = tu_data_file("certain-what-if.ini");
    g_autofree char *out = g_build_filename(dir, "w", NULL);
    const char *const args[] = {"run", sc, "--out", "w", "--no-charts", "-q", NULL};
    g_autoptr(JsonNode) root = tu_ladder_result(dir, args, out, "summary.json");
    JsonObject *o = json_node_get_object(root);
    assert_string_equal(json_object_get_string_member(json_object_get_object_member(o, "scenario"), "name"),
                        "certain what-if");
    JsonObject *sme = json_array_get_object_element(json_object_get_array_member(o, "stages"), 1);
    JsonArray *mean = json_object_get_array_member(json_object_get_object_member(sme, "stock"), "mean");
    assert_true(tu_num_at(mean, 2) == 15);
    assert_true(tu_num_at(mean, 3) == 21);  /* 15 + 6 start-ups of 2023 */
}

/* ---- reproducibility and flags ---------------------------------------- */

/* The same seed gives the same bytes in every file (summary.json,
 * summary.csv, the chart data and scripts), with 1, 2 or 3 threads. */
static void test_threads_same_bytes(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *o1 = g_build_filename(dir, "t1", NULL);
    g_autofree char *sc = tu_data_file("bench6.ini");
    g_auto(TuRun) r1 = LADDER_RUN(sc, o1, "--reps", "3001", "--seed", "7", "--threads", "1", "--no-charts", "-q", NULL);
    tu_assert_status(&r1, 0);
    g_autofree char *names = tu_list_dir(o1);
    g_auto(GStrv) files = g_strsplit(names, "\n", -1);
    assert_non_null(strstr(names, "summary.json\n"));
    assert_non_null(strstr(names, "summary.csv\n"));
    const char *const threads[] = {"2", "3"};
    for (gsize t = 0; t < G_N_ELEMENTS(threads); t++) {
        g_autofree char *o2 = g_strdup_printf("%s/t%s", dir, threads[t]);
        g_auto(TuRun) r2 = LADDER_RUN(sc, o2, "--reps", "3001", "--seed", "7", "--threads", threads[t], "--no-charts", "-q",
                              NULL);
        tu_assert_status(&r2, 0);
        g_autofree char *names2 = tu_list_dir(o2);
        assert_string_equal(names, names2);
        for (int i = 0; files[i] && *files[i]; i++) {
            g_autofree char *a = tu_read_text(o1, files[i]);
            g_autofree char *b = tu_read_text(o2, files[i]);
            if (strcmp(a, b) != 0)
                fail_msg("%s differs between --threads 1 and %s", files[i], threads[t]);
        }
    }
    /* and the seed matters */
    g_autofree char *o3 = g_build_filename(dir, "seed8", NULL);
    g_auto(TuRun) r3 = LADDER_RUN(sc, o3, "--reps", "3001", "--seed", "8", "--no-charts", "-q", NULL);
    tu_assert_status(&r3, 0);
    g_autofree char *j1 = tu_read_text(o1, "summary.json");
    g_autofree char *j3 = tu_read_text(o3, "summary.json");
    assert_true(strcmp(j1, j3) != 0);
}

/* --reps and --seed override [scenario]; without either, the built-in
 * defaults (10000 replications, seed 1). */
static void test_flags_override(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *sc = tu_data_file("certain.ini");
    g_autoptr(JsonNode) root = RUN_SUMMARY(sc, out, "--reps", "57", "--seed", "9", "--no-charts", "-q");
    assert_true(tu_num(json_node_get_object(root), "replications") == 57);
    assert_true(tu_num(json_node_get_object(root), "seed") == 9);

    g_autofree char *plain = tu_data_file("no-targets.ini");  /* neither key */
    g_autoptr(JsonNode) root2 = RUN_SUMMARY(plain, out, "--no-charts", "-q");
    assert_true(tu_num(json_node_get_object(root2), "replications") == 10000);
    assert_true(tu_num(json_node_get_object(root2), "seed") == 1);
}

/* --no-uncertainty is recorded in summary.json; without it, uncertain
 * parameters are drawn. */
static void test_no_uncertainty_flag(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *sc = tu_data_file("bench6.ini");
    const char *const flags[] = {"--no-uncertainty", "--quiet"};
    for (gsize i = 0; i < G_N_ELEMENTS(flags); i++) {
        g_autoptr(JsonNode) root = RUN_SUMMARY(sc, out, "--reps", "200", "--no-charts", "-q", flags[i]);
        JsonNode *u = json_object_get_member(json_node_get_object(root), "uncertainty");
        assert_non_null(u);
        assert_int_equal(json_node_get_boolean(u), i == 1);
    }
}

/* The bundled scenarios run; the what-if (through extends) raises the
 * exact expectation of 高企 in 2025 above the plan's. */
static void test_bundled_scenarios(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    const char *const files[] = {"tianning-2025.ini", "tianning-2025-zhuanban.ini"};
    double high[2];
    for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *rel = g_build_filename(tu_srcdir(), "scenarios", files[i], NULL);
        g_autofree char *sc = g_canonicalize_filename(rel, NULL);
        g_autofree char *out = g_build_filename(dir, files[i], NULL);
        g_autoptr(JsonNode) root = RUN_SUMMARY(sc, out, "--reps", "2000", "--no-charts", "-q");
        JsonObject *o = json_node_get_object(root);
        JsonArray *stages = json_object_get_array_member(o, "stages");
        assert_int_equal(json_array_get_length(stages), 6);
        JsonObject *h = json_array_get_object_element(stages, 2);
        assert_string_equal(json_object_get_string_member(h, "id"), "hightech");
        JsonArray *ex = json_object_get_array_member(json_object_get_object_member(h, "stock"), "expected");
        high[i] = tu_num_at(ex, json_array_get_length(ex) - 1);
        assert_true(json_array_get_length(json_object_get_array_member(o, "targets")) >= 1);
    }
    assert_true(high[1] > high[0]);
}

/* -q prints nothing on stdout; the default prints a table naming the
 * stages and the output folder. */
static void test_quiet(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *sc = tu_data_file("certain.ini");
    g_auto(TuRun) q = LADDER_RUN(sc, out, "--no-charts", "-q", NULL);
    tu_assert_status(&q, 0);
    assert_string_equal(q.out, "");
    g_auto(TuRun) v = LADDER_RUN(sc, out, "--no-charts", NULL);
    tu_assert_status(&v, 0);
    tu_assert_contains(v.out, "Tech SME");
    tu_assert_contains(v.out, out);
}

/* Without --out the results go to out/<file stem> under the current folder. */
static void test_default_out(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = tu_data_file("certain.ini");
    g_auto(TuRun) r = tu_ladder(dir, "run", sc, "--no-charts", "-q", NULL);
    tu_assert_status(&r, 0);
    g_autofree char *json = g_build_filename(dir, "out", "certain", "summary.json", NULL);
    assert_true(g_file_test(json, G_FILE_TEST_IS_REGULAR));
}

/* ---- bad input -------------------------------------------------------- */

/* Each bad input: exit status 2, one message on stderr starting "ladder: "
 * that names the file and line or the flag, and no output folder, not even
 * a temporary one: the folder holds what it held before. */
typedef struct {
    const char *id;
    const char *scenario;  /* written to DIR/bad.ini; NULL: use `data` */
    const char *data;      /* a file of tests/data, or NULL */
    const char *args[4];   /* more arguments, NULL-ended */
    const char *want[3];   /* substrings of stderr */
} BadCase;

#define SMALL "[scenario]\nname=t\nbase_year=2021\nhorizon=2023\n[stages]\na=A\nb=B\n" /* 7 lines */

static const BadCase bad_cases[] = {
    {"cli-2.1", SMALL "[transitions]\na -> b = 1.7\n", NULL, {NULL},
     {"bad.ini:9: [transitions] a -> b = 1.7: a probability must lie in [0, 1]"}},
    {"cli-2.2", SMALL "[transitions]\na -> b = 0.5\n[policy 翻倍]\nfrom=2023\na -> b = *3\n", NULL, {NULL},
     {"bad.ini:12: [policy 翻倍] a -> b = *3: in 2023, stage a"}},
    {"cli-2.3", SMALL "[transition]\na -> b = 0.5\n", NULL, {NULL},
     {"bad.ini:8: [transition]: unknown group", "did you mean 'transitions'"}},
    {"cli-2.4", SMALL, NULL, {"--reps", "0", NULL}, {"--reps 0", "Try 'ladder help run'"}},
    {"cli-2.5", SMALL, NULL, {"--reps", "abc", NULL}, {"--reps abc", "Try 'ladder help run'"}},
    {"cli-2.6", SMALL, NULL, {"--reps", "-5", NULL}, {"--reps -5"}},
    {"cli-2.7", SMALL, NULL, {"--reps", "2e4", NULL}, {"--reps 2e4"}},
    {"cli-2.8", SMALL, NULL, {"--threads", "0", NULL}, {"--threads 0", "Try 'ladder help run'"}},
    {"cli-2.9", SMALL, NULL, {"--threads", "100000", NULL}, {"--threads 100000"}},
    {"cli-2.10", SMALL, NULL, {"--seed", "-1", NULL}, {"--seed -1"}},
    {"cli-2.11", SMALL, NULL, {"--bogus", NULL}, {"--bogus", "Try 'ladder help run'"}},
    {"cli-2.12", SMALL, NULL, {"extra.ini", NULL}, {"only one scenario file", "Try 'ladder help run'"}},
    {"cli-2.13", NULL, NULL, {NULL}, {"nope.ini"}},  /* the file is not there */
    {"cli-2.14", NULL, "drawn-out-of-range.ini", {NULL},
     {"replication ", "drawn-out-of-range.ini:26: [policy 加码] renewal.hightech = +0.15: in 2023"}},
    {"cli-2.15", "[scenario]\nname=\xb8\xdf\nbase_year=2021\nhorizon=2023\n[stages]\na=A\n", NULL, {NULL},
     {"bad.ini", "UTF-8"}},
};

static void test_bad_case(void **state)
{
    const BadCase *c = *state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = c->scenario ? tu_write(dir, "bad.ini", c->scenario)
                        : c->data   ? tu_data_file(c->data)
                                    : g_build_filename(dir, "nope.ini", NULL);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *before = tu_list_dir(dir);
    g_auto(TuRun) r = tu_ladder(NULL, "run", sc, "--out", out, "--no-charts", c->args[0], c->args[1], c->args[2],
                        c->args[3], NULL);
    tu_assert_bad_input(&r, c->want, G_N_ELEMENTS(c->want), dir, before);
    assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
}

/* `ladder run` with no file, and `ladder` with no command. */
static void test_usage(void **state)
{
    (void)state;
    g_auto(TuRun) r = tu_ladder(NULL, "run", NULL);
    tu_assert_status(&r, 2);
    assert_true(g_str_has_prefix(r.err, "ladder: "));
    tu_assert_contains(r.err, "scenario file");
    g_auto(TuRun) none = tu_ladder(NULL, NULL);
    tu_assert_status(&none, 2);
    tu_assert_contains(none.err, "Usage: ladder");
}

/* An unknown command suggests the nearest one. */
static void test_unknown_command(void **state)
{
    (void)state;
    g_auto(TuRun) r = tu_ladder(NULL, "rnu", "x.ini", NULL);
    tu_assert_status(&r, 2);
    assert_true(g_str_has_prefix(r.err, "ladder: "));
    tu_assert_contains(r.err, "'rnu'");
    tu_assert_contains(r.err, "did you mean 'run'");
    g_auto(TuRun) h = tu_ladder(NULL, "help", "rnu", NULL);
    tu_assert_status(&h, 2);
    tu_assert_contains(h.err, "did you mean 'run'");
}

/* `ladder help run`, `ladder run --help` and `ladder --help` show the
 * options and an example; --version a version. */
static void test_help_version(void **state)
{
    (void)state;
    const char *const want[] = {"Example", "ladder run ", "--reps", "--no-charts"};
    tu_assert_help("run", want, G_N_ELEMENTS(want));
    g_auto(TuRun) o = tu_ladder(NULL, "--help", NULL);
    tu_assert_status(&o, 0);
    tu_assert_contains(o.out, "run");
    tu_assert_contains(o.out, "Example");
    g_auto(TuRun) hh = tu_ladder(NULL, "help", "help", NULL); /* help on help: the overview */
    tu_assert_status(&hh, 0);
    tu_assert_contains(hh.out, "Commands:");
    g_auto(TuRun) v = tu_ladder(NULL, "--version", NULL);
    tu_assert_status(&v, 0);
    assert_true(g_str_has_prefix(v.out, "ladder "));
    assert_true(g_ascii_isdigit(v.out[strlen("ladder ")]));
}

/* ---- the output folder ------------------------------------------------ */

/* --out onto a folder that ladder did not write: exit 2, untouched. */
static void test_out_foreign(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "mine", NULL);
    assert_int_equal(g_mkdir(out, 0700), 0);
    g_autofree char *keep = tu_write(out, "thesis.docx", "my work");
    g_autofree char *sc = tu_data_file("certain.ini");
    g_autofree char *before = tu_list_dir(dir);
    g_auto(TuRun) r = LADDER_RUN(sc, out, "--no-charts", "-q", NULL);
    tu_assert_status(&r, 2);
    assert_true(g_str_has_prefix(r.err, "ladder: "));
    tu_assert_contains(r.err, out);
    g_autofree char *inside = tu_list_dir(out);
    assert_string_equal(inside, "thesis.docx\n");
    g_autofree char *text = tu_read_text(out, "thesis.docx");
    assert_string_equal(text, "my work");
    g_autofree char *after = tu_list_dir(dir);
    assert_string_equal(after, before);

    /* a plain file in the way is not replaced either */
    g_autofree char *file = tu_write(dir, "notes.txt", "notes");
    g_auto(TuRun) f = LADDER_RUN(sc, file, "--no-charts", "-q", NULL);
    tu_assert_status(&f, 2);
    g_autofree char *notes = tu_read_text(dir, "notes.txt");
    assert_string_equal(notes, "notes");
}

/* --out onto an earlier ladder output replaces it whole (a file added to
 * it since is gone), leaving nothing else beside it. */
static void test_out_replace(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *sc = tu_data_file("certain.ini");
    g_auto(TuRun) r1 = LADDER_RUN(sc, out, "--seed", "1", "--no-charts", "-q", NULL);
    tu_assert_status(&r1, 0);
    g_autofree char *stale = tu_write(out, "stale.txt", "old");
    g_auto(TuRun) r2 = LADDER_RUN(sc, out, "--seed", "2", "--no-charts", "-q", NULL);
    tu_assert_status(&r2, 0);
    assert_false(g_file_test(stale, G_FILE_TEST_EXISTS));
    g_autoptr(JsonNode) root = tu_read_json(out, "summary.json");
    assert_true(tu_num(json_node_get_object(root), "seed") == 2);
    g_autofree char *beside = tu_list_dir(dir);
    assert_string_equal(beside, "out\n");
}

/* An empty folder may be used as --out. */
static void test_out_empty_folder(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "empty", NULL);
    assert_int_equal(g_mkdir(out, 0700), 0);
    g_autofree char *sc = tu_data_file("certain.ini");
    g_auto(TuRun) r = LADDER_RUN(sc, out, "--no-charts", "-q", NULL);
    tu_assert_status(&r, 0);
    g_autofree char *json = g_build_filename(out, "summary.json", NULL);
    assert_true(g_file_test(json, G_FILE_TEST_IS_REGULAR));
}

/* "--out DIR/" (a trailing slash, as shell completion writes it) is the
 * same folder as "--out DIR", first time and when replacing.  The checks
 * are gathered before the scratch folder goes, so a failure leaves no
 * folder behind in /tmp. */
static void test_out_trailing_slash(void **state)
{
    (void)state;
    g_autofree char *dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "res", NULL);
    g_autofree char *slash = g_strconcat(out, "/", NULL);
    g_autofree char *sc = tu_data_file("certain.ini");
    g_autoptr(GString) wrong = g_string_new(NULL);
    for (int run = 0; run < 2 && wrong->len == 0; run++) {
        g_auto(TuRun) r = LADDER_RUN(sc, slash, "--no-charts", "-q", NULL);
        g_autofree char *json = g_build_filename(out, "summary.json", NULL);
        g_autofree char *beside = tu_list_dir(dir);
        g_autofree char *inside = tu_list_dir(out);
        if (r.status != 0)
            g_string_append_printf(wrong, "run %d: exit status %d: %s", run + 1, r.status, r.err);
        else if (!g_file_test(json, G_FILE_TEST_IS_REGULAR))
            g_string_append_printf(wrong, "run %d: no summary.json in %s", run + 1, out);
        else if (strcmp(beside, "res\n") != 0 || strstr(inside, ".res.") != NULL)
            g_string_append_printf(wrong, "run %d: left behind: %s / %s", run + 1, beside, inside);
    }
    tu_rmrf(dir);
    if (wrong->len)
        fail_msg("%s", wrong->str);
}

/* Ctrl-C in the middle of a long run: exit status 130, a message, and no
 * output folder nor temporary folder left behind. */
static void test_interrupted(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = tu_data_file("bench6.ini");
    const char *const args[] = {"run", sc, "--reps", "50000000", "--no-charts", "-q", NULL};
    tu_assert_interrupted(dir, args);
}

/* An output folder that cannot be made is an IO failure: exit 1. */
static void test_out_unwritable(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *file = tu_write(dir, "file.txt", "x");
    g_autofree char *out = g_build_filename(file, "out", NULL);
    g_autofree char *sc = tu_data_file("certain.ini");
    g_auto(TuRun) r = LADDER_RUN(sc, out, "--no-charts", "-q", NULL);
    tu_assert_status(&r, 1);
    assert_true(g_str_has_prefix(r.err, "ladder: "));
}

int main(void)
{
    /* Outside `make check`, find the binary and the data from the
     * repository root, before any test changes folder. */
    tu_pin_ladder();
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_run_files),
        cmocka_unit_test(test_run_charts),
        cmocka_unit_test(test_json_fields),
        cmocka_unit_test(test_json_no_targets),
        cmocka_unit_test(test_run_extends),
        cmocka_unit_test(test_threads_same_bytes),
        cmocka_unit_test(test_flags_override),
        cmocka_unit_test(test_no_uncertainty_flag),
        cmocka_unit_test(test_bundled_scenarios),
        cmocka_unit_test(test_quiet),
        cmocka_unit_test(test_default_out),
        cmocka_unit_test(test_usage),
        cmocka_unit_test(test_unknown_command),
        cmocka_unit_test(test_help_version),
        cmocka_unit_test(test_out_foreign),
        cmocka_unit_test(test_out_replace),
        cmocka_unit_test(test_out_empty_folder),
        cmocka_unit_test(test_out_trailing_slash),
        cmocka_unit_test(test_interrupted),
        cmocka_unit_test(test_out_unwritable),
    };
    g_autoptr(GArray) tests = TU_TESTS(fixed);
    ADD_ROWS(tests, bad_cases, test_bad_case);
    return tu_run_tests("cli", tests);
}
