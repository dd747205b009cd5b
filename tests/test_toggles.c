/* test_toggles.c: --without and --only switch a file's policies off from
 * the command line: the result is the run of the file with those [policy]
 * groups deleted, byte for byte; scenario.json and the report's
 * reproduction line say what was switched off; bad names are usage errors.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "testutil.h"

#define REPS "400"

/* Three policies of three kinds: an edge written in [transitions], an exit
 * and a recruitment the scenario does not give (they start at 0). */
#define BODY                                                                              \
    "[baseline]\n"                                                                        \
    "startup=300\n"                                                                       \
    "tech_sme=120\n"                                                                      \
    "hightech=40\n"                                                                       \
    "[transitions]\n"                                                                     \
    "startup -> tech_sme = 0.2\n"                                                         \
    "tech_sme -> hightech = 0.15\n"                                                       \
    "[exits]\n"                                                                           \
    "startup = 0.1\n"                                                                     \
    "[uncertainty]\n"                                                                     \
    "tech_sme -> hightech = beta(15, 85)\n"                                               \
    "[target 高企]\n"                                                                     \
    "stage = hightech\n"                                                                  \
    "year = 2025\n"                                                                       \
    "at_least = 90\n"

#define POLICY_EDGE "[policy 专班 A]\nfrom = 2023\ntech_sme -> hightech = *1.3\n"
#define POLICY_EXIT "[policy B]\nexit.hightech = +0.02\n"
#define POLICY_RECRUIT "[policy C]\nfrom = 2022\nto = 2024\nrecruitment.tech_sme = +10\n"

/* summary.json of `ladder run` of scenario `text` written as dir/sub/s.ini,
 * with the NULL-ended extra arguments (caller frees). */
static char *run_summary(const char *dir, const char *sub, const char *text, ...)
{
    g_autofree char *folder = g_build_filename(dir, sub, NULL);
    assert_int_equal(g_mkdir_with_parents(folder, 0700), 0);
    g_autofree char *file = tu_write(folder, "s.ini", text);
    g_autofree char *out = g_build_filename(folder, "out", NULL);
    g_autoptr(GPtrArray) args = g_ptr_array_new();
    const char *fixed[] = {"run", file, "--reps", REPS, "--seed", "5", "--no-charts", "-q", "--out", out};
    for (gsize i = 0; i < G_N_ELEMENTS(fixed); i++)
        g_ptr_array_add(args, (char *)fixed[i]);
    va_list ap;
    va_start(ap, text);
    tu_add_args(args, ap);
    va_end(ap);
    g_auto(TuRun) r = tu_ladder_spawn(NULL, (const char *const *)args->pdata, NULL, NULL);
    tu_assert_status(&r, 0);
    return tu_read_text(out, "summary.json");
}

/* --without NAME gives the same summary.json, byte for byte, as the file
 * without that group, for each kind of policy. */
static void test_without_is_deleting(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    const char *all = TU_HEAD BODY POLICY_EDGE POLICY_EXIT POLICY_RECRUIT;
    g_autofree char *full = run_summary(dir, "full", all, NULL);
    const struct {
        const char *name, *rest;
    } cases[] = {
        {"专班 A", TU_HEAD BODY POLICY_EXIT POLICY_RECRUIT},
        {"B", TU_HEAD BODY POLICY_EDGE POLICY_RECRUIT},
        {"C", TU_HEAD BODY POLICY_EDGE POLICY_EXIT},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *a = g_strdup_printf("without-%zu", i), *b = g_strdup_printf("deleted-%zu", i);
        g_autofree char *switched = run_summary(dir, a, all, "--without", cases[i].name, NULL);
        g_autofree char *deleted = run_summary(dir, b, cases[i].rest, NULL);
        assert_string_equal(switched, deleted);
        /* and the policy mattered: the full file differs */
        assert_string_not_equal(switched, full);
    }
}

/* --only keeps the policies it names and switches off the others, which
 * scenario.json lists in file order; the report repeats the switches. */
static void test_only_and_what_is_said(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    const char *all = TU_HEAD BODY POLICY_EDGE POLICY_EXIT POLICY_RECRUIT;
    g_autofree char *only = run_summary(dir, "only", all, "--only", "B", "--report", NULL);
    g_autofree char *kept = run_summary(dir, "kept", TU_HEAD BODY POLICY_EXIT, NULL);
    assert_string_equal(only, kept);

    g_autofree char *out = g_build_filename(dir, "only", "out", NULL);
    g_autoptr(JsonNode) sc = tu_read_json(out, "scenario.json");
    JsonObject *o = json_node_get_object(sc);
    JsonArray *off = json_object_get_array_member(o, "policies_off");
    assert_int_equal(json_array_get_length(off), 2);
    assert_string_equal(json_array_get_string_element(off, 0), "专班 A");
    assert_string_equal(json_array_get_string_element(off, 1), "C");
    JsonArray *on = json_object_get_array_member(o, "policies");
    assert_int_equal(json_array_get_length(on), 1);
    assert_string_equal(json_object_get_string_member(json_array_get_object_element(on, 0), "name"), "B");
    g_autofree char *html = tu_read_text(out, "report.html");
    tu_assert_contains(html, "--without &apos;专班 A&apos; --without C</code>");

    /* nothing switched off: an empty list, and no --without in the report */
    g_autofree char *plain = run_summary(dir, "plain", all, "--report", NULL);
    g_autofree char *plain_out = g_build_filename(dir, "plain", "out", NULL);
    g_autoptr(JsonNode) plain_sc = tu_read_json(plain_out, "scenario.json");
    assert_int_equal(json_array_get_length(json_object_get_array_member(json_node_get_object(plain_sc),
                                                                        "policies_off")), 0);
    g_autofree char *plain_html = tu_read_text(plain_out, "report.html");
    assert_null(strstr(plain_html, "--without"));
}

/* compare switches the policy off in every scenario that has it. */
static void test_compare(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *base = tu_write(dir, "base.ini", TU_HEAD BODY);
    g_autofree char *other = tu_write(dir, "other.ini", TU_HEAD BODY POLICY_EDGE POLICY_EXIT);
    g_autofree char *out = g_build_filename(dir, "cmp", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "compare", base, other, "--reps", REPS, "--no-charts", "-q", "--out", out,
                                "--without", "B", NULL);
    tu_assert_status(&r, 0);
    g_autofree char *sub = g_build_filename(out, "other", NULL);
    g_autoptr(JsonNode) sc = tu_read_json(sub, "scenario.json");
    JsonArray *off = json_object_get_array_member(json_node_get_object(sc), "policies_off");
    assert_int_equal(json_array_get_length(off), 1);
    assert_string_equal(json_array_get_string_element(off, 0), "B");
    assert_int_equal(json_array_get_length(json_object_get_array_member(json_node_get_object(sc), "policies")), 1);

    g_auto(TuRun) none = tu_ladder(NULL, "compare", base, other, "--reps", REPS, "-q", "--out", out, "--without",
                                   "Z", NULL);
    tu_assert_status(&none, 2);
    tu_assert_contains(none.err, "--without Z: none of the 2 scenarios has a [policy Z]");
}

/* `json` without its first "name" member's line (the scenario's name,
 * which compare --each-policy gives each variant); caller frees. */
static char *without_name(const char *json)
{
    const char *at = strstr(json, "\"name\" : ");
    assert_non_null(at);
    const char *end = strchr(at, '\n');
    assert_non_null(end);
    g_autofree char *head = g_strndup(json, at - json);
    return g_strconcat(head, end + 1, NULL);
}

/* compare --each-policy: the file with no policy (the base), each policy
 * alone and all of them; each subfolder's summary.json is, byte for byte,
 * what `ladder run` writes for the same variant. */
static void test_each_policy(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    const char *all = TU_HEAD BODY POLICY_EDGE POLICY_EXIT;
    g_autofree char *file = tu_write(dir, "s.ini", all);
    g_autofree char *out = g_build_filename(dir, "each", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "compare", file, "--each-policy", "--reps", REPS, "--seed", "5",
                                "--no-charts", "--out", out, NULL);
    tu_assert_status(&r, 0);
    g_autofree char *listing = tu_list_dir(out);
    tu_assert_contains(listing, "\nall\n");
    tu_assert_contains(listing, "none\nonly-1\nonly-2\n");
    tu_assert_contains(r.out, "t：仅专班 A");
    tu_assert_contains(r.out, "t：无政策");
    const struct {
        const char *id, *text;
    } variants[] = {
        {"none", TU_HEAD BODY},
        {"only-1", TU_HEAD BODY POLICY_EDGE},
        {"only-2", TU_HEAD BODY POLICY_EXIT},
        {"all", TU_HEAD BODY POLICY_EDGE POLICY_EXIT},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(variants); i++) {
        g_autofree char *sub = g_build_filename(out, variants[i].id, NULL);
        g_autofree char *compared = tu_read_text(sub, "summary.json");
        g_autofree char *alone = run_summary(dir, variants[i].id, variants[i].text, NULL);
        g_autofree char *compared_figures = without_name(compared), *alone_figures = without_name(alone);
        assert_string_equal(compared_figures, alone_figures);
        assert_string_not_equal(compared, alone);  /* the name says which variant it is... */
        tu_assert_contains(compared, "\"name\" : \"t：");  /* ...after the file's */
    }

    const char *const bad[][3] = {
        {file, file, "compare --each-policy: name one scenario file (got 2)"},
        {file, "--without", "--each-policy switches the policies itself"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *o = g_build_filename(dir, "bad", NULL);
        g_auto(TuRun) b = tu_ladder(NULL, "compare", "--each-policy", bad[i][0], bad[i][1],
                                    strcmp(bad[i][1], "--without") == 0 ? "B" : NULL, "--out", o, NULL);
        tu_assert_status(&b, 2);
        tu_assert_contains(b.err, bad[i][2]);
        assert_false(g_file_test(o, G_FILE_TEST_EXISTS));
    }
    g_autofree char *plain = tu_write(dir, "plain.ini", TU_HEAD BODY);
    g_auto(TuRun) none = tu_ladder(NULL, "compare", plain, "--each-policy", "-q", "--out", out, NULL);
    tu_assert_status(&none, 2);
    tu_assert_contains(none.err, "has no [policy] group: --each-policy compares a file's policies");
}

/* The `ladder run` line that compare --each-policy's table says all/ has
 * the figures of, in `out` (its stdout) between "ladder run " and `end`,
 * as arguments after "ladder", then --no-charts -q --out `dir`. */
static GPtrArray *said_run_args(const char *out, const char *end, const char *dir)
{
    const char *from = strstr(out, "ladder run ");
    assert_non_null(from);
    const char *to = strstr(from, end);
    assert_non_null(to);
    g_autofree char *line = g_strndup(from, (gsize)(to - from));
    g_auto(GStrv) argv = NULL;
    assert_true(g_shell_parse_argv(line, NULL, &argv, NULL));
    GPtrArray *args = g_ptr_array_new_with_free_func(g_free);
    for (int i = 1; argv[i]; i++)
        g_ptr_array_add(args, g_strdup(argv[i]));
    const char *more[] = {"--no-charts", "-q", "--out", dir, NULL};
    for (int i = 0; more[i]; i++)
        g_ptr_array_add(args, g_strdup(more[i]));
    g_ptr_array_add(args, NULL);
    return args;
}

/* all_targets_probability of dir/sub/summary.json. */
static double all_targets(const char *dir, const char *sub)
{
    g_autofree char *d = g_build_filename(dir, sub, NULL);
    g_autoptr(JsonNode) s = tu_read_json(d, "summary.json");
    return json_object_get_double_member(json_node_get_object(s), "all_targets_probability");
}

/* compare --each-policy says, beside its table on stdout and on the page,
 * that the base is the file with no policy and all/ the file as written,
 * with the figures of the `ladder run` line it gives: that line, run,
 * meets every target together exactly as often as all/ does (and not as
 * the base does), in both languages; a comparison of two files says none
 * of it. */
static void test_each_policy_says_what_rows_are(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    /* BODY's 高企 target is met almost always: raise it, and add one the policies make less likely */
    g_auto(GStrv) parts = g_strsplit(TU_HEAD BODY "[target 科小]\nstage = tech_sme\nyear = 2025\nat_least = 130\n"
                                     POLICY_EDGE POLICY_EXIT, "at_least = 90\n", -1);
    g_autofree char *text = g_strjoinv("at_least = 110\n", parts);
    g_autofree char *file = tu_write(dir, "s 1.ini", text);
    const struct {
        const char *lang, *said, *page, *end;
    } cases[] = {
        {"zh", "基准 none/ 是去掉全部政策的文件；all/ 是文件原样（全部政策都实施），其数字与同一随机种子、同样模拟次数的 ladder run",
         "基准 “t：无政策”（none/） 是去掉全部政策的文件；“t：全部政策”（all/） 是文件原样", " 完全相同"},
        {"en", "The base, none/, is the file with no policy; all/ is the file as written (every policy on): its figures "
               "are exactly those of ladder run",
         "The base, &quot;t: no policy&quot; (none/), is the file with no policy; &quot;t: every policy&quot; (all/) is "
         "the file as written", ", with the same"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *out = g_build_filename(dir, cases[i].lang, NULL);
        g_autofree char *run = g_strconcat(out, "-run", NULL);
        g_auto(TuRun) r = tu_ladder(NULL, "compare", file, "--each-policy", "--reps", REPS, "--seed", "11", "--lang",
                                    cases[i].lang, "--no-charts", "--report", "--out", out, NULL);
        tu_assert_status(&r, 0);
        tu_assert_contains(r.out, cases[i].said);
        g_autofree char *quoted = g_shell_quote(file);
        g_autofree char *line = g_strdup_printf("ladder run %s --reps %s --seed 11%s", quoted, REPS, cases[i].end);
        tu_assert_contains(r.out, line);
        g_autofree char *html = tu_read_text(out, "report.html");
        tu_assert_contains(html, cases[i].page);
        g_autoptr(GPtrArray) args = said_run_args(r.out, cases[i].end, run);
        g_auto(TuRun) alone = tu_ladder_spawn(NULL, (const char *const *)args->pdata, NULL, NULL);
        tu_assert_status(&alone, 0);
        double all = all_targets(out, "all"), none = all_targets(out, "none");
        assert_true(all == all_targets(run, "."));  /* exactly: the same replications */
        assert_true(all != none);
        assert_true(all > 0 && all < 1);
    }
    g_autofree char *other = tu_write(dir, "o.ini", TU_HEAD BODY POLICY_EDGE);
    g_autofree char *out = g_build_filename(dir, "two", NULL);
    g_auto(TuRun) two = tu_ladder(NULL, "compare", file, other, "--reps", REPS, "--no-charts", "--report", "--out",
                                  out, NULL);
    tu_assert_status(&two, 0);
    assert_null(strstr(two.out, "是去掉全部政策的文件"));
    g_autofree char *html = tu_read_text(out, "report.html");
    assert_null(strstr(html, "是去掉全部政策的文件"));
}

/* Names that are no policy, and both flags at once, are usage errors that
 * write nothing; commands that fit rates do not take the flags. */
static void test_errors(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *file = tu_write(dir, "s.ini", TU_HEAD BODY POLICY_EDGE POLICY_EXIT);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    const struct {
        const char *flag, *name, *flag2, *name2, *want;
    } cases[] = {
        {"--without", "BB", NULL, NULL, "--without BB: "},
        {"--only", "Q", NULL, NULL, "has no [policy Q]"},
        {"--without", "B", "--only", "B", "--without and --only together"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_auto(TuRun) r = tu_ladder(NULL, "run", file, "--reps", REPS, "-q", "--out", out, cases[i].flag,
                                    cases[i].name, cases[i].flag2, cases[i].name2, NULL);
        tu_assert_status(&r, 2);
        tu_assert_contains(r.err, cases[i].want);
        tu_assert_contains(r.err, "Try 'ladder help run'.");
        assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
    }
    g_auto(TuRun) typo = tu_ladder(NULL, "run", file, "-q", "--out", out, "--without", "BB", NULL);
    tu_assert_contains(typo.err, "did you mean 'B'?");
    g_auto(TuRun) cal = tu_ladder(NULL, "calibrate", file, "--without", "B", NULL);
    tu_assert_status(&cal, 2);
    tu_assert_contains(cal.err, "--without");
}

int main(void)
{
    tu_pin_ladder();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_without_is_deleting),
        cmocka_unit_test(test_only_and_what_is_said),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_each_policy),
        cmocka_unit_test(test_each_policy_says_what_rows_are),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
