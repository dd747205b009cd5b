/* test_cultivate_run.c: `ladder run --roster` and whom to help, as a user
 * runs it: cultivation.json reads back through its schema, each target's
 * run probability is summary.json's to the bit, the lists are in rank
 * order and the firms served together are the head of the gain list; a
 * service changes no byte of the run's own files, and the lists are the
 * same bytes on any number of threads; every bad flag is exit 2
 * with a clear message and no folder; --trace prints the known history of
 * a firm where every outcome is certain, in Chinese and in English; the
 * report has the section; the charts are drawn.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include "testutil.h"

#define REPS "400"
#define SEED "31"
#define SERVE_TOP 5
#define ROSTER_FIRMS 253
#define JSON_ROUNDING 1.5e-6  /* two figures each rounded to 6 decimals, summed */

/* The result folders made once: with a service, and without. */
static char *folders;

static char *scenario_path(void)
{
    return g_build_filename(tu_srcdir(), "scenarios/roster/tianning-2025-effects.ini", NULL);
}

static char *roster_path(void)
{
    return g_build_filename(tu_srcdir(), "scenarios/roster/tianning-2025.csv", NULL);
}

/* folders/name, written by `ladder run` of the effects scenario on its
 * roster with `service` (NULL: none) on `threads` threads, no charts. */
static void run_into(const char *name, const char *service, const char *threads)
{
    g_autofree char *sc = scenario_path(), *roster = roster_path();
    g_autofree char *out = g_build_filename(folders, name, NULL);
    g_autofree char *top = g_strdup_printf("%d", SERVE_TOP);
    const char *with[] = {"run", sc, "--roster", roster, "--service", service, "--serve-top", top, "--reps", REPS,
                          "--seed", SEED, "--threads", threads, "--no-charts", "-q", "--out", out, NULL};
    const char *without[] = {"run", sc, "--roster", roster, "--reps", REPS, "--seed", SEED, "--threads", threads,
                             "--no-charts", "-q", "--out", out, NULL};
    g_auto(TuRun) r = tu_ladder_spawn(NULL, service ? with : without, NULL, NULL);
    tu_assert_status(&r, 0);
}

static int setup_folders(void **state)
{
    (void)state;
    folders = tu_tmpdir();
    run_into("served", "hightech -> gazelle = *1.3", "2");
    run_into("served-1", "hightech -> gazelle = *1.3", "1");
    run_into("plain", NULL, "2");
    return 0;
}

static int teardown_folders(void **state)
{
    (void)state;
    tu_rmrf(folders);
    g_free(folders);
    return 0;
}

/* folders/name/file, read back through its schema (caller frees). */
static JsonNode *read_result(const char *name, ResultsKind kind)
{
    g_autofree char *dir = g_build_filename(folders, name, NULL);
    GError *error = NULL;
    JsonNode *n = results_read(dir, kind, "run", &error);
    return tu_made(n, error, results_file(kind));
}

static JsonArray *targets_of(JsonNode *doc)
{
    return json_object_get_array_member(json_node_get_object(doc), "targets");
}

static gboolean is_null(JsonObject *o, const char *member)
{
    return JSON_NODE_HOLDS_NULL(json_object_get_member(o, member));
}

/* ---- the files ----------------------------------------------------------------- */

/* Each target's probability in cultivation.json is summary.json's, the same
 * double (the same run, the same seed): with and without a service. */
static void probability_is_the_runs(void **state)
{
    (void)state;
    static const char *const names[] = {"served", "plain"};
    for (gsize k = 0; k < G_N_ELEMENTS(names); k++) {
        g_autoptr(JsonNode) cv = read_result(names[k], RESULTS_CULTIVATION);
        g_autoptr(JsonNode) sum = read_result(names[k], RESULTS_SUMMARY);
        JsonArray *a = targets_of(cv), *b = targets_of(sum);
        assert_int_equal(json_array_get_length(a), json_array_get_length(b));
        assert_true(json_array_get_length(a) == 4);
        for (guint t = 0; t < json_array_get_length(a); t++) {
            JsonObject *x = json_array_get_object_element(a, t), *y = json_array_get_object_element(b, t);
            assert_string_equal(json_object_get_string_member(x, "name"), json_object_get_string_member(y, "name"));
            assert_true(tu_num(x, "probability") == tu_num(y, "probability"));
            assert_true(tu_num(x, "se") == tu_num(y, "se"));
        }
    }
}

/* With a service: every target lists every firm once, by gain (rank_by_gain
 * its place, gains not rising), rank_by_chance a ranking by chance; the
 * firms served together are the head of the list, each with a positive
 * gain, at most --serve-top, fewer only when the next gains nothing; and
 * P(target) with them served is the run's plus the paired change. */
static void gain_lists_are_ranked(void **state)
{
    (void)state;
    g_autoptr(JsonNode) cv = read_result("served", RESULTS_CULTIVATION);
    JsonObject *root = json_node_get_object(cv);
    assert_string_equal(json_object_get_string_member(root, "ranked_by"), "gain");
    assert_string_equal(json_object_get_string_member(root, "service"), "hightech -> gazelle = *1.3");
    assert_int_equal(tu_num(root, "serve_top"), SERVE_TOP);
    JsonArray *targets = targets_of(cv);
    int served_somewhere = 0;
    for (guint t = 0; t < json_array_get_length(targets); t++) {
        JsonObject *target = json_array_get_object_element(targets, t);
        JsonArray *firms = json_object_get_array_member(target, "firms");
        JsonObject *sv = json_object_get_object_member(target, "served_together");
        int n = (int)tu_num(sv, "firms");
        assert_int_equal(json_array_get_length(firms), ROSTER_FIRMS);
        g_autofree double *by_rank = g_new0(double, ROSTER_FIRMS + 1);
        g_autofree gboolean *seen = g_new0(gboolean, ROSTER_FIRMS + 1);
        for (guint i = 0; i < ROSTER_FIRMS; i++) {
            JsonObject *f = json_array_get_object_element(firms, i);
            assert_int_equal(tu_num(f, "rank_by_gain"), i + 1);
            if (i > 0)
                assert_true(tu_num(f, "gain") <= tu_num(json_array_get_object_element(firms, i - 1), "gain"));
            int rc = (int)tu_num(f, "rank_by_chance");
            assert_true(rc >= 1 && rc <= ROSTER_FIRMS && !seen[rc]);
            seen[rc] = TRUE;
            by_rank[rc] = tu_num(f, "chance");
            assert_int_equal(json_object_get_boolean_member(f, "served_together"), (int)i < n);
            if ((int)i < n)
                assert_true(tu_num(f, "gain") > 0);
        }
        for (int rc = 2; rc <= ROSTER_FIRMS; rc++)
            assert_true(by_rank[rc] <= by_rank[rc - 1]);
        assert_true(n <= SERVE_TOP);
        if (n < SERVE_TOP)
            assert_true(tu_num(json_array_get_object_element(firms, (guint)n), "gain") <= 0);
        double p = tu_num(target, "probability");
        assert_near(tu_num(sv, "probability"), p + tu_num(sv, "difference"), JSON_ROUNDING);
        if (n == 0)  /* serving nobody changes nothing */
            assert_true(tu_num(sv, "difference") == 0 && tu_num(sv, "probability") == p);
        served_somewhere += n > 0;
    }
    assert_true(served_somewhere >= 2);  /* 瞪羚 and 独角兽 gain from moving 高企 up */
}

/* Without a service: ranked by chance, the gain columns null, and the note
 * says that --service ranks by the gain. */
static void chance_lists_without_service(void **state)
{
    (void)state;
    g_autoptr(JsonNode) cv = read_result("plain", RESULTS_CULTIVATION);
    JsonObject *root = json_node_get_object(cv);
    assert_string_equal(json_object_get_string_member(root, "ranked_by"), "chance");
    assert_true(is_null(root, "service") && is_null(root, "serve_top"));
    tu_assert_contains(json_object_get_string_member(root, "note"), "--service");
    JsonArray *targets = targets_of(cv);
    for (guint t = 0; t < json_array_get_length(targets); t++) {
        JsonObject *target = json_array_get_object_element(targets, t);
        assert_true(is_null(target, "served_together"));
        JsonArray *firms = json_object_get_array_member(target, "firms");
        for (guint i = 0; i < json_array_get_length(firms); i++) {
            JsonObject *f = json_array_get_object_element(firms, i);
            assert_int_equal(tu_num(f, "rank_by_chance"), i + 1);
            if (i > 0)
                assert_true(tu_num(f, "chance") <= tu_num(json_array_get_object_element(firms, i - 1), "chance"));
            static const char *const none[] = {"gain", "gain_se", "rank_by_gain", "changed", "served_together"};
            for (gsize k = 0; k < G_N_ELEMENTS(none); k++)
                assert_true(is_null(f, none[k]));
            JsonObject *attrs = json_object_get_object_member(f, "attributes");
            assert_true(json_object_has_member(attrs, "rd_intensity") &&
                        json_object_has_member(attrs, "invention_patents"));
        }
    }
}

/* A service changes no figure of the run: summary.json, summary.csv,
 * targets.csv and firms.json are the same bytes with and without it; and
 * each firm's chance is the same. */
static void service_changes_no_run_file(void **state)
{
    (void)state;
    g_autofree char *a = g_build_filename(folders, "served", NULL), *b = g_build_filename(folders, "plain", NULL);
    static const char *const files[] = {"summary.json", "summary.csv", "targets.csv", "firms.json", "firms.csv"};
    for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *x = tu_read_text(a, files[i]), *y = tu_read_text(b, files[i]);
        if (strcmp(x, y) != 0)
            fail_msg("%s differs with --service", files[i]);
    }
    g_autoptr(JsonNode) served = read_result("served", RESULTS_CULTIVATION);
    g_autoptr(JsonNode) plain = read_result("plain", RESULTS_CULTIVATION);
    JsonArray *firms_a = json_object_get_array_member(json_array_get_object_element(targets_of(served), 2), "firms");
    JsonArray *firms_b = json_object_get_array_member(json_array_get_object_element(targets_of(plain), 2), "firms");
    for (guint i = 0; i < json_array_get_length(firms_a); i++) {
        JsonObject *f = json_array_get_object_element(firms_a, i);
        JsonObject *g = json_array_get_object_element(firms_b, (guint)tu_num(f, "rank_by_chance") - 1);
        assert_string_equal(json_object_get_string_member(f, "id"), json_object_get_string_member(g, "id"));
        assert_true(tu_num(f, "chance") == tu_num(g, "chance"));
    }
}

/* The same bytes on one thread as on two. */
static void same_bytes_any_threads(void **state)
{
    (void)state;
    g_autofree char *a = g_build_filename(folders, "served", NULL), *b = g_build_filename(folders, "served-1", NULL);
    static const char *const files[] = {"cultivation.json", "cultivation.csv"};
    for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *x = tu_read_text(a, files[i]), *y = tu_read_text(b, files[i]);
        if (strcmp(x, y) != 0)
            fail_msg("%s differs on one thread", files[i]);
    }
}

/* cultivation.csv: a row per target and firm, the roster's attribute
 * columns last, headed by their names (test_results checks every cell). */
static void csv_has_the_attributes(void **state)
{
    (void)state;
    g_autofree char *dir = g_build_filename(folders, "served", NULL);
    g_autofree char *text = tu_read_text(dir, "cultivation.csv");
    g_auto(GStrv) lines = g_strsplit(text, "\r\n", -1);
    assert_true(g_str_has_suffix(lines[0], ",rd_intensity,invention_patents"));
    assert_int_equal(g_strv_length(lines), 1 + 4 * ROSTER_FIRMS + 1);  /* header, rows, the empty after the last */
}

/* ---- bad flags ---------------------------------------------------------------- */

typedef struct {
    const char *id;
    const char *args[8];  /* after `run SCENARIO`, NULL-ended; "@R" is the roster */
    const char *want[3];  /* on stderr */
} BadFlags;

static const BadFlags bad_flags[] = {
    {"cv-1.1", {"--service", "tech_sme -> hightech = *1.3"}, {"--service needs --roster"}},
    {"cv-1.2", {"--roster", "@R", "--service", "tech_sme -> hightec = *1.3"},
     {"has no parameter 'tech_sme -> hightec'", "did you mean 'tech_sme -> hightech'?"}},
    {"cv-1.3", {"--roster", "@R", "--service", "inflow.startup = *1.3"},
     {"a service changes a firm's own chance", "inflow.startup counts firms, not one firm's chance"}},
    {"cv-1.4", {"--roster", "@R", "--service", "=0.3"}, {"--service =0.3: expected KEY=CHANGE"}},
    {"cv-1.5", {"--roster", "@R", "--service", "tech_sme -> hightech = 0.3"},
     {"expected *x (multiply) or +x, -x (add)"}},
    {"cv-1.6", {"--roster", "@R", "--service", "tech_sme -> hightech = *100"},
     {"--service tech_sme -> hightech = *100: ", "in 2022", "a probability must lie in [0, 1]"}},
    {"cv-1.7", {"--roster", "@R", "--service", "tech_sme -> hightech = *1.3", "--serve-top", "0"},
     {"--serve-top 0: expected a whole number from 1 to 1000"}},
    {"cv-1.8", {"--roster", "@R", "--serve-top", "5"}, {"--serve-top needs --service"}},
    {"cv-1.9", {"--roster", "@R", "--trace", "TN002"}, {"has no firm with that id", "did you mean 'TN0002'?"}},
    {"cv-1.10", {"--trace", "TN0002"}, {"--trace needs --roster"}},
};

/* Exit 2, the message, and no folder at all, not even a temporary one. */
static void bad_flags_leave_nothing(void **state)
{
    const BadFlags *c = *state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = g_build_filename(tu_srcdir(), "scenarios/tianning-2025.ini", NULL), *roster = roster_path();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *before = tu_list_dir(dir);
    g_autoptr(GPtrArray) args = g_ptr_array_new();
    g_ptr_array_add(args, "run");
    g_ptr_array_add(args, sc);
    for (gsize i = 0; c->args[i]; i++)
        g_ptr_array_add(args, strcmp(c->args[i], "@R") == 0 ? roster : (char *)c->args[i]);
    const char *tail[] = {"--reps", "10", "--out", out, NULL};
    for (gsize i = 0; i < G_N_ELEMENTS(tail); i++)
        g_ptr_array_add(args, (char *)tail[i]);
    g_auto(TuRun) r = tu_ladder_spawn(NULL, (const char *const *)args->pdata, NULL, NULL);
    tu_assert_bad_input(&r, c->want, G_N_ELEMENTS(c->want), dir, before);
}

/* ---- --trace ---------------------------------------------------------------------- */

/* Every outcome certain: 初创 exits in its first year; 科小 moves up to
 * 高企 every year it can; 高企 never renews (3 years, probability 0) and
 * falls back to 科小; 瞪羚 renews every year (probability 1). */
static const char certain[] =
    "[scenario]\nname=确定\nbase_year=2024\nhorizon=2029\n"
    "[stages]\nstartup=初创\ntech_sme=科小\nhightech=高企\ngazelle=瞪羚\n"
    "[baseline]\nstartup=0\ntech_sme=0\nhightech=0\ngazelle=0\n"
    "[transitions]\ntech_sme -> hightech = 1\n"
    "[exits]\nstartup=1\n"
    "[renewal]\nhightech=3;0;tech_sme\ngazelle=1;1;hightech\n"
    "[list valid]\nname=有效高企\nstages=hightech\n"
    "[target t]\nstage=hightech\nyear=2029\nat_least=1\n";

static const char certain_roster[] = "id,name,stage,years_in_stage\nA,甲,科小,0\nB,乙,高企,1\nC,丙,初创,0\nD,丁,瞪羚,0\n";

typedef struct {
    const char *id;
    const char *firm;
    const char *lang;
    const char *lines[12];  /* stdout holds these lines in this order, each whole */
} Trace;

static const Trace traces[] = {
    {"trace-1.1", "A", "zh",
     {"企业 A（甲）在一次模拟中的经历：本次运行 10 次模拟中的第 1 次（随机种子 5）",
      "  2024 年末（名册）：科小", "  2025 年 由 科小 升为 高企", "  2025 年 进入名单：有效高企",
      "  2028 年 高企 到期未通过复审，回到 科小", "  2028 年 移出名单：有效高企", "  2029 年 由 科小 升为 高企",
      "  2029 年 进入名单：有效高企", "  2029 年末：高企"}},
    {"trace-1.2", "A", "en",
     {"Firm A (甲) in one simulated future: replication 1 of this run's 10 (seed 5)", "  End of 2024 (roster): 科小",
      "  2025: moved up from 科小 to 高企", "  2025: on list 有效高企", "  2028: due for renewal as 高企, lapsed to 科小",
      "  2028: off list 有效高企", "  2029: moved up from 科小 to 高企", "  2029: on list 有效高企", "  End of 2029: 高企"}},
    {"trace-1.3", "B", "zh",
     {"  2024 年末（名册）：高企，距上次认定或复审 1 年（每 3 年复审）", "  2026 年 高企 到期未通过复审，回到 科小",
      "  2027 年 由 科小 升为 高企", "  2029 年末：高企"}},
    {"trace-1.4", "C", "en",
     {"  End of 2024 (roster): 初创", "  2025: exited (closed or left the district), was 初创", "  End of 2029: exited"}},
    {"trace-1.5", "D", "zh",
     {"  2024 年末（名册）：瞪羚，距上次认定或复审 0 年（每 1 年复审）", "  2025 年 瞪羚 到期，通过复审",
      "  2029 年 瞪羚 到期，通过复审", "  2029 年末：瞪羚"}},
};

/* The lines of --trace, in order and whole (the first from its start), for
 * a firm whose history is certain; the replication and seed named. */
static void trace_says_the_history(void **state)
{
    const Trace *c = *state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = tu_write(dir, "certain.ini", certain), *roster = tu_write(dir, "r.csv", certain_roster);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "run", sc, "--roster", roster, "--trace", c->firm, "--lang", c->lang, "--reps",
                                "10", "--seed", "5", "--no-charts", "--out", out, NULL);
    tu_assert_status(&r, 0);
    const char *at = r.out;
    for (gsize i = 0; i < G_N_ELEMENTS(c->lines) && c->lines[i]; i++) {
        /* an indented line whole; the first line (it goes on) from its start */
        g_autofree char *line = g_strconcat("\n", c->lines[i], g_str_has_prefix(c->lines[i], "  ") ? "\n" : "", NULL);
        const char *found = strstr(at, line);
        if (found == NULL)
            fail_msg("stdout lacks, after what came before, the line '%s':\n%s", c->lines[i], r.out);
        at = found + 1;
    }
}

/* ---- stdout, the report, the charts ------------------------------------------------ */

/* The lists on stdout: ranked by gain, the top ten of each, the
 * served-together line with the run's probability, the path of
 * cultivation.csv; a report with the section, the table's first firm, the
 * line, and --service in the reproduction line; the charts drawn when
 * gnuplot is there. */
static void stdout_report_and_charts(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = scenario_path(), *roster = roster_path();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "run", sc, "--roster", roster, "--service", "hightech -> gazelle = *1.3",
                                "--serve-top", "5", "--reps", "300", "--seed", "3", "--report", "--out", out, NULL);
    tu_assert_status(&r, 0);
    g_autoptr(JsonNode) cv = tu_read_json(out, "cultivation.json");
    JsonObject *gazelle = json_array_get_object_element(targets_of(cv), 2);
    JsonObject *first = json_array_get_object_element(json_object_get_array_member(gazelle, "firms"), 0);
    JsonObject *sv = json_object_get_object_member(gazelle, "served_together");
    g_autofree char *top = g_strdup_printf("  同时服务前 5 家：达成概率 %.1f%% → %.1f%%", 100 * tu_num(gazelle, "probability"),
                                           100 * tu_num(sv, "probability"));
    g_autofree char *row = g_strdup_printf("     1  %s", json_object_get_string_member(first, "name"));
    g_autofree char *csv = g_strdup_printf("每个目标的全部名册企业（及其属性）见 %s/cultivation.csv", out);
    const char *says[] = {"培育名单：每次只给一家名册企业服务 hightech -> gazelle = *1.3（高企 → 瞪羚）",
                          "目标 瞪羚企业50家（瞪羚 ≥ 50（2025 年））：本次运行达成概率", row, "    10  ", "!    11  ",
                          top, csv};
    tu_assert_says(r.out, says, G_N_ELEMENTS(says));
    for (guint t = 0; t < json_array_get_length(targets_of(cv)); t++) {  /* the file's words are stdout's lines */
        JsonObject *words = json_object_get_object_member(
            json_object_get_object_member(json_array_get_object_element(targets_of(cv), t), "served_together"), "words");
        g_autofree char *line = g_strconcat("\n  ", json_object_get_string_member(words, "zh"), "\n", NULL);
        tu_assert_contains(r.out, line);
    }

    g_autofree char *html = tu_read_text(out, "report.html");
    const char *page[] = {"<div id=\"cultivation\"></div>", "培育名单：帮哪些企业", "<a href=\"#cultivation\">",
                          json_object_get_string_member(first, "name"), "同时服务前 5 家",
                          "--service &apos;hightech -&gt; gazelle = *1.3&apos; --serve-top 5"};
    tu_assert_says(html, page, G_N_ELEMENTS(page));

    g_autofree char *gnuplot = g_find_program_in_path("gnuplot");
    if (gnuplot == NULL) {
        print_message("gnuplot is not installed: the charts are not checked\n");
        return;
    }
    static const char *const charts[] = {"cultivation_3.png", "cultivation_3.svg", "firms_chance.png", "firms_chance.svg"};
    for (gsize i = 0; i < G_N_ELEMENTS(charts); i++) {
        g_autofree char *path = g_build_filename(out, charts[i], NULL);
        GStatBuf st;
        if (g_stat(path, &st) != 0 || st.st_size < 10000)
            fail_msg("%s is missing or small", charts[i]);
    }
    const char *section = strstr(html, "<div id=\"cultivation\">");
    const char *end = strstr(section, "cultivation.csv</code>");
    g_autofree char *inside = g_strndup(section, (gsize)(end - section));
    int svgs = 0;
    for (const char *p = inside; (p = strstr(p, "<svg")) != NULL; p++)
        svgs++;
    int lists = 0;  /* a chart for each list with a firm gaining */
    for (guint t = 0; t < json_array_get_length(targets_of(cv)); t++)
        lists += tu_num(json_object_get_object_member(json_array_get_object_element(targets_of(cv), t),
                                                      "served_together"), "firms") > 0;
    assert_true(lists >= 2);
    assert_int_equal(svgs, lists + 1);  /* and the histograms */
}

/* Two roster folders on one page: each has its section, with an id of its
 * own, linked from the answers and the contents. */
static void report_of_two_folders(void **state)
{
    (void)state;
    g_autofree char *a = g_build_filename(folders, "served", NULL), *b = g_build_filename(folders, "plain", NULL);
    g_autofree char *page = g_build_filename(folders, "two.html", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "report", a, b, "-o", page, "-q", NULL);
    tu_assert_status(&r, 0);
    g_autofree char *html = tu_read_text(folders, "two.html");
    const char *want[] = {"<div id=\"cultivation-1\"></div>", "<div id=\"cultivation-2\"></div>",
                          "加 --service &apos;KEY=CHANGE&apos;"};
    tu_assert_says(html, want, G_N_ELEMENTS(want));
    for (int k = 1; k <= 2; k++) {  /* in the answers, the contents and the verdict */
        g_autofree char *link = g_strdup_printf("<a href=\"#cultivation-%d\">", k);
        int n = 0;
        for (const char *p = html; (p = strstr(p, link)) != NULL; p++)
            n++;
        assert_int_equal(n, 3);
    }
}

int main(void)
{
    tu_pin_ladder();
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(probability_is_the_runs),
        cmocka_unit_test(gain_lists_are_ranked),
        cmocka_unit_test(chance_lists_without_service),
        cmocka_unit_test(service_changes_no_run_file),
        cmocka_unit_test(same_bytes_any_threads),
        cmocka_unit_test(csv_has_the_attributes),
        cmocka_unit_test(stdout_report_and_charts),
        cmocka_unit_test(report_of_two_folders),
    };
    GArray *tests = TU_TESTS(fixed);
    ADD_ROWS(tests, bad_flags, bad_flags_leave_nothing);
    ADD_ROWS(tests, traces, trace_says_the_history);
    int failed = _cmocka_run_group_tests("cultivate_run", (const struct CMUnitTest *)(void *)tests->data, tests->len,
                                         setup_folders, teardown_folders);
    g_array_free(tests, TRUE);
    return failed;
}
