/* test_report.c: `ladder report`: the page holds the verdicts, the ladder
 * diagram, every chart inline, every assumption with its source and the
 * checksums; it needs no network and no script; and, in headless
 * Chromium, it loads without errors, its charts have a size and every
 * Chinese character it shows has a glyph in an installed font.
 * SPDX-License-Identifier: MIT */
#include "testutil.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "report.h"

#define REPS "300"

/* A run of `scenario` and its report in a new temporary folder; *dir is
 * the folder (caller removes and frees), the report's text is returned. */
static char *run_and_report(const char *scenario, const char *lang, char **dir)
{
    *dir = tu_tmpdir();
    g_autofree char *sc = g_build_filename(tu_srcdir(), scenario, NULL);
    g_autofree char *res = g_build_filename(*dir, "res", NULL);
    TuRun r = tu_ladder(NULL, "run", sc, "--reps", REPS, "--out", res, "-q", NULL);
    tu_assert_status(&r, 0);
    tu_run_clear(&r);
    TuRun p = lang ? tu_ladder(NULL, "report", res, "--lang", lang, "-q", NULL)
                   : tu_ladder(NULL, "report", res, "-q", NULL);
    tu_assert_status(&p, 0);
    tu_run_clear(&p);
    return tu_read_text(res, "report.html");
}

/* Counts the occurrences of `needle` in `haystack`. */
static int count(const char *haystack, const char *needle)
{
    int n = 0;
    for (const char *p = haystack; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* The page of the bundled scenario: what a bureau hands over. */
static void test_content(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    g_autofree char *html = run_and_report("scenarios/tianning-2025-zhuanban.ini", NULL, &dir);
    tu_assert_contains(html, "<html lang=\"zh-CN\">");
    tu_assert_contains(html, "结论：目标达成的概率");
    const char *targets[] = {"科技型中小微企业800家", "高新技术企业500家", "瞪羚企业50家", "(潜在)独角兽企业8家"};
    for (gsize i = 0; i < G_N_ELEMENTS(targets); i++)
        tu_assert_contains(html, targets[i]);
    tu_assert_contains(html, "全部目标同时达成");
    /* the diagram (dot draws class="graph"), the targets chart, six stage fans, two list fans, the composition */
    tu_assert_contains(html, "class=\"graph\"");
    tu_assert_contains(html, "高企培育专班");
    assert_true(count(html, "<svg") >= 1 + 1 + 6 + 2 + 1);
    /* the assumptions with the comments of both files (the what-if extends the base) */
    tu_assert_contains(html, "ASSUMED (倍增): half of the 2025 target of 50 (csv");
    /* the lists the plan's figures count, beside the stages, with their assumed shares */
    tu_assert_contains(html, "有效高企 ≥ 500（2025 年）");
    tu_assert_contains(html, "<code>list.hightech_valid.listed</code>");
    tu_assert_contains(html, "uniform(162,270)");
    /* the diagram draws the lists beside the stages */
    tu_assert_contains(html, "(名单)");
    /* and the lists table says in words what each counts */
    tu_assert_contains(html, "高企、瞪羚、独角兽、上市 × 0.6");
    tu_assert_contains(html, "<code>tech_sme -&gt; hightech</code>");
    tu_assert_contains(html, "beta(26,174)");
    /* checksums of the two files, as the test computes them */
    const char *files[] = {"scenarios/tianning-2025-zhuanban.ini", "scenarios/tianning-2025.ini"};
    for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *path = g_build_filename(tu_srcdir(), files[i], NULL);
        g_autofree char *data = NULL;
        gsize len = 0;
        assert_true(g_file_get_contents(path, &data, &len, NULL));
        g_autofree char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
        tu_assert_contains(html, sha);
    }
    tu_assert_contains(html, "@media print");
    /* self-contained: no script, no stylesheet or image fetched */
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<link"));
    assert_null(strstr(html, "src=\"http"));
    assert_null(strstr(html, "href=\"http"));
    assert_null(strstr(html, "url(http"));
    tu_rmrf(dir);
}

/* --lang en writes the page in English. */
static void test_english(void **state)
{
    (void)state;
    g_autofree char *dir = NULL;
    g_autofree char *html = run_and_report("scenarios/tianning-2025.ini", "en", &dir);
    tu_assert_contains(html, "<html lang=\"en\">");
    tu_assert_contains(html, "Verdict: how likely each target is met");
    tu_assert_contains(html, "Every assumption and its source");
    assert_null(strstr(html, "结论"));
    tu_rmrf(dir);
}

/* Bad input: exit 2 and a message; nothing written. */
static void test_bad_input(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_auto(TuRun) a = tu_ladder(NULL, "report", dir, NULL);
    tu_assert_status(&a, 2);
    tu_assert_contains(a.err, "not a ladder result folder");
    g_autofree char *missing = g_build_filename(dir, "nothing", NULL);
    g_auto(TuRun) b = tu_ladder(NULL, "report", missing, NULL);
    tu_assert_status(&b, 2);
    tu_assert_contains(b.err, "no such folder");
    g_auto(TuRun) c = tu_ladder(NULL, "report", dir, "--lang", "fr", NULL);
    tu_assert_status(&c, 2);
    tu_assert_contains(c.err, "--lang fr: expected zh or en");
    g_autofree char *listing = tu_list_dir(dir);
    assert_string_equal(listing, "");
    /* found by fuzz/fuzz_report.c: a compare.json whose base scenario's
     * folder is missing crashed (an error with no message) */
    g_autofree char *gone = tu_result_json(RESULTS_COMPARE, "{\"scenarios\": [{\"id\": \"gone\"}]}");
    g_autofree char *cmp = tu_write(dir, "compare.json", gone);
    g_auto(TuRun) d = tu_ladder(NULL, "report", dir, NULL);
    tu_assert_status(&d, 2);
    tu_assert_contains(d.err, "not a ladder result folder");
    /* found the same way: a blank scenario.json crashed */
    g_autofree char *blank = tu_write(dir, "scenario.json", " \n");
    g_auto(TuRun) e = tu_ladder(NULL, "report", dir, NULL);
    tu_assert_status(&e, 2);
    tu_assert_contains(e.err, "scenario.json: holds no JSON value");
}

/* --report on a command writes report.html into its folder, with that
 * command's answer first (solve: the least change). */
static void test_report_flag(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = g_build_filename(tu_srcdir(), "scenarios/tianning-2025.ini", NULL);
    g_autofree char *res = g_build_filename(dir, "solve", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "solve", sc, "--target", "高新技术企业500家", "--probability", "0.8", "--lever",
                        "recruitment.tech_sme", "--reps", REPS, "--no-charts", "-q", "--report", "--out", res, NULL);
    tu_assert_status(&r, 0);
    g_autofree char *html = tu_read_text(res, "report.html");
    tu_assert_contains(html, "结论：要做多少");
    tu_assert_contains(html, "<code>recruitment.tech_sme</code>");
    tu_assert_contains(html, "全部假设及其来源");
}

/* --lang en on a command: its charts and report in English, whatever the
 * scenario's language. */
static void test_lang_flag(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = g_build_filename(tu_srcdir(), "scenarios/tianning-2025.ini", NULL);
    g_autofree char *res = g_build_filename(dir, "res", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "run", sc, "--reps", REPS, "--no-charts", "-q", "--lang", "en", "--report", "--out", res,
                        NULL);
    tu_assert_status(&r, 0);
    g_autofree char *gp = tu_read_text(res, "fan_hightech.gp");
    tu_assert_contains(gp, "\"Firms\"");
    g_autofree char *html = tu_read_text(res, "report.html");
    tu_assert_contains(html, "<html lang=\"en\">");
    g_auto(TuRun) bad = tu_ladder(NULL, "run", sc, "--lang", "fr", NULL);
    tu_assert_status(&bad, 2);
    tu_assert_contains(bad.err, "--lang fr: expected zh or en");
}

/* A comparison's report opens with what each policy changes, from
 * compare.json, before the base scenario's verdicts: first the policies of
 * each scenario by its name, what each changes in words, its years and
 * cost, then the differences and the cost per extra firm; the stages'
 * charts in ladder order; both files' checksums. */
static void test_compare_report(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *a = g_build_filename(tu_srcdir(), "scenarios/tianning-2025.ini", NULL);
    g_autofree char *b = g_build_filename(tu_srcdir(), "scenarios/tianning-2025-zhuanban.ini", NULL);
    g_autofree char *res = g_build_filename(dir, "cmp", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "compare", a, b, "--reps", REPS, "-q", "--report", "--out", res, NULL);
    tu_assert_status(&r, 0);
    g_autofree char *html = tu_read_text(res, "report.html");
    const char *change = strstr(html, "结论：政策带来的变化"), *verdict = strstr(html, "结论：目标达成的概率");
    assert_non_null(change);
    assert_non_null(verdict);
    assert_true(change < verdict);
    /* the policy table, the differences, the cost per extra firm, in that order */
    const char *policies = strstr(html, "各情景的政策、所改参数与成本"), *diffs = strstr(html, "达成概率：基准 → 本情景"),
               *per_firm = strstr(html, "每多一家企业的成本（对比基准）");
    assert_true(policies && diffs && per_firm && change < policies && policies < diffs && diffs < per_firm);
    /* each scenario by its name= (not its file's stem), each policy's change in words, years and cost:
     * 150 a year × 3 + 20 a firm × the exact expected extra firms */
    tu_assert_contains(html, "<tr><td>天宁区 2025</td><td>（无政策）</td>");
    tu_assert_contains(html, "<tr><td>天宁区 2025 假设情景:强化高企培育专班</td><td>高企培育专班</td><td>科小 → 高企 × 1.25</td>"
                             "<td class=\"n\">2023–2025 (3)</td><td class=\"n\">150</td><td class=\"n\">20</td>");
    tu_assert_contains(html, "<td>科小招引加码</td><td>科小招引 + 20</td>");
    assert_null(strstr(html, "<td>tianning-2025-zhuanban</td>"));
    /* the stages' charts in ladder order, not by id */
    const char *stages[] = {"初创：各情景", "科小：各情景", "高企：各情景", "瞪羚：各情景", "独角兽：各情景", "上市：各情景"};
    for (gsize i = 0; i + 1 < G_N_ELEMENTS(stages); i++) {
        const char *x = strstr(html, stages[i]), *y = strstr(html, stages[i + 1]);
        assert_true(x && y && x < y);
    }
    /* the checksum of each file, once */
    const char *files[] = {"scenarios/tianning-2025-zhuanban.ini", "scenarios/tianning-2025.ini"};
    for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *path = g_build_filename(tu_srcdir(), files[i], NULL), *data = NULL;
        gsize n = 0;
        assert_true(g_file_get_contents(path, &data, &n, NULL));
        g_autofree char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, n);
        assert_int_equal(count(html, sha), 1);
    }
}

/* ---- several folders, one page ----------------------------------------------------- */

/* Fails when two headings (<h1> to <h6>, with all they hold) of `html`
 * are the same. */
static void assert_headings_unique(const char *html)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int n = 0;
    for (const char *p = html; (p = strstr(p, "<h")) != NULL; p += 2) {
        if (p[2] < '1' || p[2] > '6')
            continue;
        g_autofree char *close = g_strdup_printf("</h%c>", p[2]);
        const char *end = strstr(p, close);
        assert_non_null(end);
        const char *text = strchr(p, '>') + 1;  /* past an id */
        char *h = g_strndup(text, (gsize)(end - text));
        if (!g_hash_table_add(seen, h))
            fail_msg("the heading '%s' is there twice", h);
        n++;
    }
    assert_true(n > 10);
}

/* Runs of two scenarios, a comparison, a solve and a sensitivity of one
 * scenario family, one page: no two headings the same, each naming its
 * folder's scenario and command, all targets together in words; the
 * answer of each first, the contents, the ladder once, each folder's
 * section with its own reproduction line; a folder of another ladder is
 * refused (exit 2), and so are several folders without -o. */
static void test_several_folders(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *a = g_build_filename(tu_srcdir(), "scenarios/tianning-2025.ini", NULL);
    g_autofree char *b = g_build_filename(tu_srcdir(), "scenarios/tianning-2025-zhuanban.ini", NULL);
    g_autofree char *other = g_build_filename(tu_srcdir(), "tests/data/certain.ini", NULL);
    g_autofree char *run = g_build_filename(dir, "run", NULL), *cmp = g_build_filename(dir, "cmp", NULL);
    g_autofree char *solve = g_build_filename(dir, "solve", NULL), *odd = g_build_filename(dir, "odd", NULL);
    g_autofree char *page = g_build_filename(dir, "meeting.html", NULL);
    g_auto(TuRun) r1 = tu_ladder(NULL, "run", a, "--reps", REPS, "--no-charts", "-q", "--out", run, NULL);
    g_auto(TuRun) r2 = tu_ladder(NULL, "compare", a, b, "--reps", REPS, "--no-charts", "-q", "--out", cmp, NULL);
    g_auto(TuRun) r3 = tu_ladder(NULL, "solve", a, "--target", "高新技术企业500家", "--probability", "0.8", "--lever",
                         "recruitment.tech_sme", "--reps", REPS, "--no-charts", "-q", "--out", solve, NULL);
    g_auto(TuRun) r4 = tu_ladder(NULL, "run", other, "--reps", "50", "--no-charts", "-q", "--out", odd, NULL);
    g_autofree char *run2 = g_build_filename(dir, "run2", NULL), *sens = g_build_filename(dir, "sens", NULL);
    g_auto(TuRun) r5 = tu_ladder(NULL, "run", b, "--reps", REPS, "--no-charts", "-q", "--out", run2, NULL);
    g_auto(TuRun) r6 = tu_ladder(NULL, "sensitivity", a, "--reps", "100", "--no-charts", "-q", "--out", sens, NULL);
    tu_assert_status(&r1, 0);
    tu_assert_status(&r2, 0);
    tu_assert_status(&r3, 0);
    tu_assert_status(&r4, 0);
    tu_assert_status(&r5, 0);
    tu_assert_status(&r6, 0);
    g_auto(TuRun) p = tu_ladder(NULL, "report", run, cmp, solve, run2, sens, "-o", page, NULL);
    tu_assert_status(&p, 0);
    g_autofree char *html = tu_read_text(dir, "meeting.html");
    const char *answers = strstr(html, "<h2>先看结论</h2>"), *contents = strstr(html, "<h2>目录</h2>");
    const char *ladder = strstr(html, "<div id=\"ladder\">"), *first = strstr(html, "id=\"folder-1\"");
    assert_true(answers && contents && ladder && first && answers < contents && contents < ladder && ladder < first);
    /* the answers: the run's verdicts, the comparison's changes, the solve's value */
    const char *solve_answer = strstr(answers, "“高新技术企业500家”达成概率为");
    assert_true(solve_answer && solve_answer < contents);
    tu_assert_contains(html, "<li>高新技术企业500家: ");
    const char *all_answer = strstr(answers, "<li>全部目标同时达成：");  /* a run's: every target together */
    assert_true(all_answer && all_answer < contents);
    tu_assert_contains(html, "<li>天宁区 2025 假设情景:强化高企培育专班 · 高新技术企业500家: ");
    tu_assert_contains(html, "<a href=\"#folder-3\">");
    assert_int_equal(count(html, "class=\"graph\""), 1);     /* the ladder once */
    assert_int_equal(count(html, "<h2>阶梯结构"), 1);
    assert_int_equal(count(html, "<code class=\"reproduce\">"), 5);
    assert_int_equal(count(html, "<section class=\"folder\">"), 5); /* printed, each from a new page */
    assert_headings_unique(html);
    /* the assumptions' table once per set of assumptions: folders 1, 2, 3 and 5 are tianning-2025.ini's,
       4 adds a policy; the others point to folder 1's table */
    assert_int_equal(count(html, "<div class=\"assume\">"), 2); /* 5 before the tables were shared */
    tu_assert_contains(html, "<div id=\"assumptions-1\"></div>");
    tu_assert_contains(html, "<div id=\"assumptions-4\"></div>");
    assert_int_equal(count(html, "<a href=\"#assumptions-1\">与 1. 天宁区 2025（ladder run） 的假设完全相同"), 3);
    /* which scenario and command each folder is, in its heading, its entry in the contents and its sections' */
    tu_assert_contains(html, "<h2 id=\"folder-1\">1. 天宁区 2025（ladder run） · ");
    tu_assert_contains(html, "<h2 id=\"folder-4\">4. 天宁区 2025 假设情景:强化高企培育专班（ladder run） · ");
    tu_assert_contains(html, "<a href=\"#folder-2\">2. 天宁区 2025（ladder compare） · ");
    tu_assert_contains(html, "<h2>方法与复现 <span class=\"of\">· 5. 天宁区 2025（ladder sensitivity）</span></h2>");
    /* all targets together in words, never the files' internal "all" */
    tu_assert_contains(html, "<p><b>全部目标同时达成</b> · ");
    tu_assert_contains(html, "<li>全部目标同时达成 · ");
    assert_null(strstr(html, ">all<"));
    assert_null(strstr(html, ">all ·"));
    tu_assert_contains(html, "<code class=\"reproduce\">ladder solve ");
    tu_assert_contains(html, "<code class=\"reproduce\">ladder compare ");
    g_autofree char *own = g_build_filename(run, "report.html", NULL);
    assert_false(g_file_test(own, G_FILE_TEST_EXISTS)); /* -o: the page, not the folder's */
    /* another ladder: refused, nothing written */
    g_autofree char *page2 = g_build_filename(dir, "mixed.html", NULL);
    g_auto(TuRun) mixed = tu_ladder(NULL, "report", run, odd, "-o", page2, NULL);
    tu_assert_status(&mixed, 2);
    tu_assert_contains(mixed.err, "not of the same scenario family");
    assert_false(g_file_test(page2, G_FILE_TEST_EXISTS));
    g_auto(TuRun) no_o = tu_ladder(NULL, "report", run, cmp, NULL);
    tu_assert_status(&no_o, 2);
    tu_assert_contains(no_o.err, "-o FILE");
}

/* --pdf: the page printed by headless Chromium, A4, beside the HTML
 * (where Chromium is installed); without Chromium on PATH the HTML is
 * still written, the message says how to install it, and the status is 1. */
static void test_pdf(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = g_build_filename(tu_srcdir(), "scenarios/tianning-2025.ini", NULL);
    g_autofree char *res = g_build_filename(dir, "res", NULL), *page = g_build_filename(dir, "meeting.html", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "run", sc, "--reps", REPS, "--no-charts", "-q", "--out", res, NULL);
    tu_assert_status(&r, 0);
    g_autofree char *bin = g_find_program_in_path("chromium");
    if (bin != NULL) {
        g_auto(TuRun) p = tu_ladder(NULL, "report", res, "-o", page, "--pdf", NULL);
        tu_assert_status(&p, 0);
        tu_assert_contains(p.out, "meeting.pdf");
        g_autofree char *path = g_build_filename(dir, "meeting.pdf", NULL), *data = NULL;
        gsize n = 0;
        assert_true(g_file_get_contents(path, &data, &n, NULL));
        assert_true(n > 1000 && memcmp(data, "%PDF-", 5) == 0);
        assert_non_null(memmem(data, n, "/Type /Page", 11));
        assert_non_null(memmem(data, n, "/MediaBox [0 0 594.9", 20)); /* A4: 210 × 297 mm in points */
        g_autofree char *part = g_strconcat(path, ".part", NULL);
        assert_false(g_file_test(part, G_FILE_TEST_EXISTS));
    }
    /* without Chromium */
    g_autofree char *empty = g_build_filename(dir, "bin", NULL);
    assert_int_equal(g_mkdir(empty, 0755), 0);
    g_autofree char *path = g_strdup(g_getenv("PATH"));
    g_setenv("PATH", empty, TRUE);
    g_autofree char *page2 = g_build_filename(dir, "alone.html", NULL);
    g_auto(TuRun) q = tu_ladder(NULL, "report", res, "-o", page2, "--pdf", NULL);
    g_setenv("PATH", path, TRUE);
    tu_assert_status(&q, 1);
    tu_assert_contains(q.err, "Chromium is not installed");
    tu_assert_contains(q.err, "apt-get install chromium");
    assert_true(g_file_test(page2, G_FILE_TEST_EXISTS));
    g_autofree char *pdf2 = g_build_filename(dir, "alone.pdf", NULL);
    assert_false(g_file_test(pdf2, G_FILE_TEST_EXISTS));
}

/* ---- names and paths from the folder's files ------------------------------------ */

/* `text` with every `from` replaced by `to` (caller frees). */
static char *replace_all(const char *text, const char *from, const char *to)
{
    g_auto(GStrv) pieces = g_strsplit(text, from, -1);
    return g_strjoinv(to, pieces);
}

/* ---- reproduction lines ------------------------------------------------------------- */

/* The reproduction line of the report of folder `res` (g_shell_parse_argv
 * reads it as sh would), run again into `again`: the result file `name`
 * comes out byte for byte the same. */
static void assert_reproduces(const char *res, const char *again, const char *name, const char *want)
{
    g_auto(TuRun) p = tu_ladder(NULL, "report", res, "-q", NULL);
    tu_assert_status(&p, 0);
    g_autofree char *html = tu_read_text(res, "report.html");
    const char *start = strstr(html, "<code class=\"reproduce\">");
    assert_non_null(start);
    start += strlen("<code class=\"reproduce\">");
    g_autofree char *escaped = g_strndup(start, (gsize)(strstr(start, "</code>") - start));
    g_autofree char *amp = replace_all(escaped, "&amp;", "&"), *lt = replace_all(amp, "&lt;", "<");
    g_autofree char *gt = replace_all(lt, "&gt;", ">"), *q = replace_all(gt, "&quot;", "\""),
                    *line = replace_all(q, "&apos;", "'");
    tu_assert_contains(line, want);
    g_auto(GStrv) argv = NULL;
    assert_true(g_shell_parse_argv(line, NULL, &argv, NULL));
    assert_string_equal(argv[0], "ladder");
    GPtrArray *args = g_ptr_array_new();
    for (gsize i = 1; argv[i]; i++)
        g_ptr_array_add(args, argv[i]);
    const char *tail[] = {"--out", again, "--no-charts", "-q", NULL};
    for (gsize i = 0; i < G_N_ELEMENTS(tail); i++)
        g_ptr_array_add(args, (char *)tail[i]);
    g_auto(TuRun) r = tu_ladder_spawn(NULL, (const char *const *)args->pdata, NULL, NULL);
    g_ptr_array_free(args, TRUE);
    tu_assert_status(&r, 0);
    g_autofree char *was = tu_read_text(res, name), *now = tu_read_text(again, name);
    assert_string_equal(was, now);
}

/* Each command's folder: its report's line runs it again, every flag kept. */
static void test_reproduce(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = g_build_filename(tu_srcdir(), "scenarios/tianning-2025-zhuanban.ini", NULL);
    g_autofree char *base = g_build_filename(tu_srcdir(), "scenarios/tianning-2025.ini", NULL);
    g_autofree char *wujin = g_build_filename(tu_srcdir(), "scenarios/wujin-2025.ini", NULL);
    g_autofree char *hist = g_build_filename(tu_srcdir(), "scenarios/history/wujin.csv", NULL);
    g_autofree char *budget = g_build_filename(tu_srcdir(), "scenarios/tianning-2025-budget.ini", NULL);
    g_autofree char *roster = g_build_filename(tu_srcdir(), "scenarios/roster/tianning-2025.csv", NULL);
    static const char *const folders[] = {"run", "cmp", "each", "sens", "solve", "cal", "bt", "alloc", "roster"};
    char *res[G_N_ELEMENTS(folders)], *again[G_N_ELEMENTS(folders)];
    for (gsize i = 0; i < G_N_ELEMENTS(folders); i++) {
        res[i] = g_build_filename(dir, folders[i], NULL);
        again[i] = g_strconcat(res[i], "-again", NULL);
    }
    const char *const runs[][24] = {
        {"run", sc, "--reps", "120", "--seed", "7", "--no-uncertainty", "--without", "高企培育专班", "--lang", "en", NULL},
        {"compare", base, sc, base, "--reps", "100", "--seed", "3", NULL},
        {"compare", "--each-policy", sc, "--reps", "100", "--seed", "4", NULL},
        {"sensitivity", base, "--spread", "0.15", "--target", "高新技术企业500家", "--central", "--baselines", "--reps",
         "60", NULL},
        {"solve", base, "--target", "高新技术企业500家", "--probability", "0.7", "--lever", "recruitment.tech_sme",
         "--mode", "policy", "--from", "2024", "--max", "300", "--reps", "100", "--seed", "9", NULL},
        {"calibrate", wujin, "--history", hist, "--fit", "startup -> tech_sme,tech_sme -> hightech", "--cv", "0.1", "--reps",
         "80", NULL},
        {"backtest", wujin, "--history", hist, "--until", "2022", "--reps", "80", "--no-uncertainty", NULL},
        {"allocate", budget, "--budget", "2500", "--probability", "0.3", "--target", "高新技术企业500家", "--without",
         "科小招引加码", "--reps", "100", "--seed", "6", NULL},
        {"run", base, "--roster", roster, "--service", "hightech -> gazelle = *1.3", "--serve-top", "3", "--reps", "80",
         "--seed", "8", NULL},
    };
    /* calibrate.json names its folder: the forecast it makes instead */
    static const char *const files[] = {"summary.json", "compare.json", "compare.json", "sensitivity.json",
                                        "solve.json", "forecast/summary.json", "backtest.json", "allocate.json",
                                        "cultivation.json"};
    static const char *const want[] = {"--lang en --reps 120 --seed 7 --no-uncertainty --without 高企培育专班", "compare ", "--each-policy",
                                       "--spread 0.15 --target 高新技术企业500家 --central --baselines",
                                       "--mode policy --from 2024", "--fit 'startup -> tech_sme,tech_sme -> hightech' --region",
                                       "--until 2022",
                                       "--budget 2500 --target 高新技术企业500家 --probability 0.3",
                                       "--service 'hightech -> gazelle = *1.3' --serve-top 3"};
    for (gsize i = 0; i < G_N_ELEMENTS(folders); i++) {
        GPtrArray *args = g_ptr_array_new();
        for (gsize k = 0; runs[i][k]; k++)
            g_ptr_array_add(args, (char *)runs[i][k]);
        const char *tail[] = {"--out", res[i], "--no-charts", "-q", NULL};
        for (gsize k = 0; k < G_N_ELEMENTS(tail); k++)
            g_ptr_array_add(args, (char *)tail[k]);
        g_auto(TuRun) r = tu_ladder_spawn(NULL, (const char *const *)args->pdata, NULL, NULL);
        g_ptr_array_free(args, TRUE);
        tu_assert_status(&r, 0);
        assert_reproduces(res[i], again[i], files[i], want[i]);
        if (strcmp(folders[i], "alloc") == 0) {  /* the answer first, then the frontier as a table */
            g_autofree char *html = tu_read_text(res[i], "report.html");
            g_autoptr(JsonNode) a = tu_read_json(res[i], "allocate.json");
            JsonObject *best = json_object_get_object_member(json_node_get_object(a), "best");
            const char *answer = strstr(html, "预算内最佳：");
            assert_non_null(answer);
            tu_assert_contains(answer, json_object_get_string_member(best, "label"));
            assert_true(answer < strstr(html, "有效前沿"));
        }
        if (i == 5 || i == 6) { /* the history file is an input too: its checksum is on the page */
            g_autofree char *data = NULL, *html = tu_read_text(res[i], "report.html");
            gsize n = 0;
            assert_true(g_file_get_contents(hist, &data, &n, NULL));
            g_autofree char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, n);
            tu_assert_contains(html, sha);
        }
        g_free(res[i]);
        g_free(again[i]);
    }
}

/* Names that dot would misread unescaped (tests/data/hostile-names.ini),
 * through a real run and report with Graphviz: the diagram is there and
 * draws each name as written; the page prints them as written too. */
static void test_hostile_names(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = tu_data_file("hostile-names.ini");
    g_autofree char *res = g_build_filename(dir, "res", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "run", sc, "--reps", "50", "--no-charts", "-q", "--out", res, NULL);
    tu_assert_status(&r, 0);
    g_auto(TuRun) p = tu_ladder(NULL, "report", res, "-q", NULL);
    tu_assert_status(&p, 0);
    assert_null(strstr(p.err, "CRITICAL"));
    g_autofree char *raw = tu_read_text(res, "report.html");
    g_autofree char *html = replace_all(raw, "&#45;", "-");  /* dot writes '-' so in SVG */
    const char *svg = strstr(html, "class=\"graph\"");
    assert_non_null(svg);
    /* each line of a label is a <text> of its own; dot XML-escapes it once */
    const char *drawn[] = {
        ">科小 &quot;q&quot; \\back\\slash\\ \\N\\G\\L\\E\\T\\H\\l &lt;b&gt;&amp;amp; {a;b} -- -&gt; a</text>",
        ">b c</text>",  /* the line break of the name, its tab as a space */
        ">高企 ends in a backslash \\</text>",
        ">专班 &quot;q&quot; \\ &lt;x&gt; &amp; {;} -- -&gt; end\\ *1.5 (2022–2024)</text>",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(drawn); i++)
        tu_assert_contains(svg, drawn[i]);
    g_autoptr(GString) long_name = g_string_new(">");
    for (int i = 0; i < 40; i++)
        g_string_append(long_name, "很长的阶段名");
    g_string_append(long_name, "-end</text>");
    tu_assert_contains(svg, long_name->str);
    /* the page's own text: escaped once, nothing taken for markup */
    tu_assert_contains(html, "<h1>名称 &quot;quoted&quot; \\ &lt;b&gt;&amp;amp; {x};</h1>");
    tu_assert_contains(html, "line two &quot;q&quot; \\ &lt;script&gt;alert(1)&lt;/script&gt;");
    tu_assert_contains(html, "the source: &quot;a &lt;note&gt;&quot; &amp; more \\ here");
    tu_assert_contains(html, "高企 &quot;q&quot; &lt;t&gt; &amp; \\");
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<b>&amp;"));
}

/* The diagram's text itself: ids and names quoted and escaped, whatever
 * scenario.json holds; members of the wrong type left out. */
static void test_dot_text(void **state)
{
    (void)state;
    g_autoptr(JsonParser) parser = json_parser_new();
    const char *json = "{\"stages\": [{\"id\": \"a\\\"b\", \"name\": \"q\\\"\\\\N &lt; x\\ny\\r\\tz\", \"baseline\": 1},"
                       " {\"id\": \"c\\\\\", \"name\": \"}; digraph x {\"}, 7, {\"name\": \"no id\"}],"
                       " \"parameters\": [{\"kind\": \"edge\", \"from\": \"a\\\"b\", \"to\": \"c\\\\\", \"key\": \"k\", \"value\": 0.5},"
                       " {\"kind\": \"edge\", \"from\": \"a\\\"b\", \"value\": 0.1}, \"x\"],"
                       " \"policies\": [{\"name\": \"p&q\\\"\", \"from\": 2022, \"to\": 2023,"
                       " \"changes\": [{\"key\": \"k\", \"op\": \"*\", \"x\": 2}, 3]}, 4]}";
    assert_true(json_parser_load_from_data(parser, json, -1, NULL));
    g_autofree char *dot = report_ladder_dot(json_parser_get_root(parser), "en");
    tu_assert_contains(dot, "\n  \"a\\\"b\" [label=\"q\\\"\\\\N &amp;lt; x\\ny z\\nbaseline 1\"];\n");
    tu_assert_contains(dot, "\n  \"c\\\\\" [label=\"}; digraph x {\\nbaseline nan\"];\n");
    tu_assert_contains(dot, "\n  \"a\\\"b\" -> \"c\\\\\" [label=\"0.5\\np&amp;q\\\" *2 (2022–2023)\", color=");
    assert_null(strstr(dot, "no id"));       /* a stage without an id is no box */
    assert_int_equal(count(dot, " -> "), 1); /* an edge without an end is no edge */
    g_autofree char *none = report_ladder_dot(json_parser_get_root(parser), NULL);
    tu_assert_contains(none, "基数 1");      /* Chinese unless asked for English */
}

/* A comparison's base scenario id names a folder inside the result folder
 * and nothing else: "../outside", "/tmp", ".", "" are INPUT errors naming
 * compare.json and the id, and nothing outside is read.  A stage id that
 * would lead a chart's path out of the folder is skipped. */
static void test_paths_stay_inside(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *outside = g_build_filename(dir, "outside", NULL);
    g_autofree char *res = g_build_filename(dir, "res", NULL);
    assert_int_equal(g_mkdir(outside, 0700), 0);
    assert_int_equal(g_mkdir(res, 0700), 0);
    g_autofree char *other = tu_result_json(RESULTS_SCENARIO, "{\"name\": \"OUTSIDE\", \"stages\": [{\"id\": \"c\"}]}");
    g_free(tu_write(outside, "scenario.json", other));
    g_free(tu_write(outside, "c.svg", "<svg>OUTSIDE-CHART</svg>"));
    const char *ids[] = {"../outside", "/tmp", ".", "..", ""};
    for (gsize i = 0; i < G_N_ELEMENTS(ids); i++) {
        g_autofree char *partial = g_strdup_printf("{\"scenarios\": [{\"id\": \"%s\"}]}", ids[i]);
        g_autofree char *cmp = tu_result_json(RESULTS_COMPARE, partial);
        g_autofree char *path = tu_write(res, "compare.json", cmp);
        g_auto(TuRun) r = tu_ladder(NULL, "report", res, NULL);
        tu_assert_status(&r, 2);
        g_autofree char *want = g_strdup_printf("ladder: %s: the base scenario's id '%s' is not a folder name", path,
                                                ids[i]);
        tu_assert_contains(r.err, want);
    }
    g_autofree char *listing = tu_list_dir(res);
    assert_string_equal(listing, "compare.json\n");
    /* res/fan_x/../../outside/c.svg is outside/c.svg */
    g_autofree char *fan_x = g_build_filename(res, "fan_x", NULL);
    assert_int_equal(g_mkdir(fan_x, 0700), 0);
    g_autofree char *sc = tu_result_json(RESULTS_SCENARIO, "{\"name\": \"s\", \"stages\": [{\"id\": \"x/../../outside/c\"}]}");
    g_autofree char *summary = tu_result_json(RESULTS_SUMMARY, "{}");
    g_free(tu_write(res, "scenario.json", sc));
    g_free(tu_write(res, "summary.json", summary));
    g_auto(TuRun) f = tu_ladder(NULL, "report", res, "-q", NULL);
    tu_assert_status(&f, 0);
    g_autofree char *html = tu_read_text(res, "report.html");
    assert_null(strstr(html, "OUTSIDE"));
}

/* Files of another shape than ladder writes, each in a folder otherwise
 * whole: exit 2 naming the file and the key, no page.  Until results.c
 * these were shown as missing (a section gone, "nan%") with exit 0: a
 * renamed key or a damaged file went unnoticed. */
typedef struct {
    const char *id, *file, *json, *want;  /* the file, its members before filling in, the error */
} OddFile;

static const OddFile odd_files[] = {
    {"odd-1.1", "summary.json", "{\"targets\": [7, {\"name\": \"t\"}]}",
     "summary.json: key 'targets[0]' is an integer, expected an object"},
    {"odd-1.2", "summary.json", "{\"targets\": [{\"name\": \"t\", \"probability\": \"high\"}]}",
     "summary.json: key 'targets[0].probability' is a string, expected a number"},
    {"odd-1.3", "compare.json", "{\"differences\": [{\"ci95\": [\"a\", {}]}]}",
     "compare.json: key 'differences[0].ci95[0]' is a string, expected a number"},
    {"odd-1.4", "solve.json", "{\"reachable\": []}", "solve.json: key 'reachable' is an array, expected a boolean"},
    {"odd-1.5", "sensitivity.json", "{\"targets\": [{\"rows\": [10]}]}",
     "sensitivity.json: key 'targets[0].rows[0]' is an integer, expected an object"},
    {"odd-1.6", "scenario.json", "{\"name\": 1}", "scenario.json: key 'name' is an integer, expected a string"},
    {"odd-1.7", "scenario.json", "{\"stages\": [null, {\"baseline\": \"5\"}]}",
     "scenario.json: key 'stages[0]' is null, expected an object"},
    {"odd-1.8", "scenario.json", "{\"stages\": [{\"baseline\": \"5\"}]}",
     "scenario.json: key 'stages[0].baseline' is a string, expected an integer"},
    {"odd-1.9", "calibrate.json", "{\"fit\": [{\"observed\": 1.5}]}",
     "calibrate.json: key 'fit[0].observed' is a number, expected an integer"},
    {"odd-1.10", "backtest.json", "{\"points\": {}}", "backtest.json: key 'points' is an object, expected an array"},
};

/* The kind of result file named `file`. */
static ResultsKind kind_of(const char *file)
{
    for (int k = 0; k < RESULTS_N_KINDS; k++)
        if (strcmp(results_file((ResultsKind)k), file) == 0)
            return (ResultsKind)k;
    fail_msg("no result file %s", file);
    return RESULTS_N_KINDS;
}

/* A folder with a whole scenario.json and summary.json (one target). */
static void write_whole_run(const char *dir)
{
    g_autofree char *sc = tu_result_json(RESULTS_SCENARIO, "{\"name\": \"s\", \"stages\": [{\"id\": \"a\"}]}");
    g_autofree char *sum = tu_result_json(RESULTS_SUMMARY, "{\"targets\": [{\"name\": \"t\", \"probability\": 0.5}]}");
    g_free(tu_write(dir, "scenario.json", sc));
    g_free(tu_write(dir, "summary.json", sum));
}

static void test_odd_file(void **state)
{
    const OddFile *c = *state;
    g_autofree char *dir = tu_tmpdir();
    write_whole_run(dir);
    g_autofree char *json = tu_result_json(kind_of(c->file), c->json);
    g_autofree char *path = tu_write(dir, c->file, json);
    TuRun r = tu_ladder(NULL, "report", dir, NULL);
    tu_assert_status(&r, 2);
    g_autofree char *want = g_strdup_printf("ladder: %s/%s", dir, c->want);
    tu_assert_contains(r.err, want);
    tu_run_clear(&r);
    g_autofree char *html = g_build_filename(dir, "report.html", NULL);
    assert_false(g_file_test(html, G_FILE_TEST_EXISTS));
    tu_rmrf(dir);
}

/* A small standard error keeps the digits it needs, as the result table
 * prints it (out_table_probability), never "± 0.0%". */
static void test_small_se(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = tu_result_json(RESULTS_SCENARIO, "{\"name\": \"s\", \"stages\": [{\"id\": \"a\"}]}");
    g_autofree char *sum = tu_result_json(RESULTS_SUMMARY, "{\"targets\": [{\"name\": \"t\", \"probability\": 0.003, "
                                                           "\"se\": 0.0004}]}");
    g_free(tu_write(dir, "scenario.json", sc));
    g_free(tu_write(dir, "summary.json", sum));
    g_auto(TuRun) r = tu_ladder(NULL, "report", dir, "-q", NULL);
    tu_assert_status(&r, 0);
    g_autofree char *html = tu_read_text(dir, "report.html");
    tu_assert_contains(html, "<td class=\"n\">0.3% ± 0.04%</td>");
}

/* A pipe where a chart should be is skipped, never a wait; a pipe named
 * scenario.json is an error; a parse error names the file once. */
static void test_odd_files(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    write_whole_run(dir);
    g_autofree char *pipe = g_build_filename(dir, "target_9.svg", NULL);
    assert_int_equal(mkfifo(pipe, 0600), 0);
    g_auto(TuRun) r = tu_ladder(NULL, "report", dir, "-q", NULL);
    tu_assert_status(&r, 0);
    assert_string_equal(r.err, "");
    g_autofree char *html = tu_read_text(dir, "report.html");
    tu_assert_contains(html, "<td class=\"n\">50.0% ± 0.0%</td>");
    g_unlink(pipe);
    /* a pipe named scenario.json */
    g_autofree char *sc = g_build_filename(dir, "scenario.json", NULL);
    g_unlink(sc);
    assert_int_equal(mkfifo(sc, 0600), 0);
    g_auto(TuRun) s = tu_ladder(NULL, "report", dir, NULL);
    tu_assert_status(&s, 2);
    g_autofree char *want = g_strdup_printf("ladder: %s: not a regular file", sc);
    tu_assert_contains(s.err, want);
    g_unlink(sc);
    /* a parse error: "file:line:column: ...", the file named once */
    g_autofree char *bad = tu_write(dir, "scenario.json", "{\"name\": }");
    g_auto(TuRun) b = tu_ladder(NULL, "report", dir, NULL);
    tu_assert_status(&b, 2);
    g_autofree char *once = g_strdup_printf("ladder: %s:1:", bad);
    tu_assert_contains(b.err, once);
    assert_int_equal(count(b.err, "scenario.json"), 1);
}

/* When dot is there but fails, the page says so, not that Graphviz is
 * missing. */
static void test_dot_fails(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *bin = g_build_filename(dir, "bin", NULL);
    assert_int_equal(g_mkdir(bin, 0700), 0);
    g_autofree char *fake = tu_write(bin, "dot", "#!/bin/sh\nexit 1\n");
    assert_int_equal(g_chmod(fake, 0700), 0);
    g_autofree char *sc = tu_result_json(RESULTS_SCENARIO, "{\"name\": \"s\", \"language\": \"en\", \"stages\": [{\"id\": \"a\"}]}");
    g_free(tu_write(dir, "scenario.json", sc));
    g_autofree char *path = g_strdup(g_getenv("PATH"));
    g_autofree char *with_fake = g_strconcat(bin, ":", path, NULL);
    g_setenv("PATH", with_fake, TRUE);
    g_auto(TuRun) r = tu_ladder(NULL, "report", dir, "-q", NULL);
    g_setenv("PATH", path, TRUE);
    tu_assert_status(&r, 0);
    g_autofree char *html = tu_read_text(dir, "report.html");
    tu_assert_contains(html, "(Graphviz could not draw the diagram: dot exited with an error)");
    assert_null(strstr(html, "not installed"));
}

/* ---- in a real browser ------------------------------------------------------ */

/* The check page: the report in a frame; once it has loaded, a script
 * measures every chart and writes what it found into data-result. */
static const char *CHECK_PAGE =
    "<!DOCTYPE html><html><body><iframe id=\"r\" src=\"res/report.html\" style=\"width:1000px;height:800px\"></iframe>"
    "<script>document.getElementById('r').onload=function(){var d=this.contentDocument;var s=d.querySelectorAll('svg');"
    "var sized=0;for(var i=0;i<s.length;i++){var b=s[i].getBoundingClientRect();if(b.width>=300&&b.height>=150)sized++;}"
    "var cjk=document.fonts.check('16px \"Noto Sans CJK SC\"','高企瞪羚');"
    "document.body.setAttribute('data-result','svgs='+s.length+' sized='+sized+' title='+(d.title.length>0)+' cjk='+cjk);};"
    "</script></body></html>";

/* Runs headless Chromium on `url` with `extra` arguments; its stdout. */
static char *chromium(const char *bin, const char *url, const char *extra, char **err)
{
    const char *argv[] = {bin, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                          "--allow-file-access-from-files", "--virtual-time-budget=10000", "--window-size=1000,1400",
                          "--enable-logging=stderr", "--v=0", extra, url, NULL};
    char *out = NULL;
    int status = 0;
    GError *error = NULL;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, err, &status, &error))
        fail_msg("cannot run %s: %s", bin, error->message);
    return out;
}

/* Every CJK character of `html` has a glyph in some installed font
 * (fontconfig: one font covering them all), so none renders as a box. */
static void assert_glyphs(const char *html)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_autoptr(GString) pattern = g_string_new(":charset=");
    for (const char *p = html; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c >= 0x2E80 && !g_hash_table_contains(seen, GUINT_TO_POINTER(c))) {
            g_hash_table_add(seen, GUINT_TO_POINTER(c));
            g_string_append_printf(pattern, "%x ", c);
        }
    }
    assert_true(g_hash_table_size(seen) > 50);
    const char *argv[] = {"fc-list", pattern->str, "family", NULL};
    g_autofree char *out = NULL;
    int status = 0;
    assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                             &out, NULL, &status, NULL));
    if (out == NULL || strstr(out, "Noto Sans CJK") == NULL)
        fail_msg("no installed font covers all %u CJK characters of the report (fc-list: '%s')",
                 g_hash_table_size(seen), out ? out : "");
}

static void test_browser(void **state)
{
    (void)state;
    g_autofree char *bin = g_find_program_in_path("chromium");
    if (bin == NULL)
        skip(); /* make check installs chromium; by hand without it, this test cannot run */
    g_autofree char *dir = NULL;
    g_autofree char *html = run_and_report("scenarios/tianning-2025.ini", NULL, &dir);
    assert_glyphs(html);
    g_free(tu_write(dir, "check.html", CHECK_PAGE));
    g_autofree char *check = g_build_filename(dir, "check.html", NULL);
    g_autofree char *url = g_filename_to_uri(check, NULL, NULL);
    g_autofree char *err = NULL;
    g_autofree char *dom = chromium(bin, url, "--dump-dom", &err);
    const char *result = dom ? strstr(dom, "data-result=\"") : NULL;
    if (result == NULL)
        fail_msg("the check page reported nothing; chromium said: %s", err ? err : "");
    int svgs = 0, sized = 0;
    char title[8] = "", cjk[8] = "";
    assert_int_equal(sscanf(result, "data-result=\"svgs=%d sized=%d title=%5[a-z] cjk=%5[a-z]", &svgs, &sized, title,
                            cjk), 4);
    assert_true(svgs >= 9);           /* the diagram, the targets, six fans, the composition, ... */
    assert_int_equal(sized, svgs);    /* every chart laid out at a readable size */
    assert_string_equal(title, "true");
    assert_string_equal(cjk, "true"); /* the page's font is there for Chinese text */
    /* loaded without errors: nothing failed to load, no script error */
    assert_null(strstr(err, "Failed to load"));
    assert_null(strstr(err, "Uncaught"));
    /* and a screenshot of the report itself, of a plausible size */
    g_autofree char *report = g_build_filename(dir, "res", "report.html", NULL);
    g_autofree char *report_url = g_filename_to_uri(report, NULL, NULL);
    g_autofree char *shot = g_build_filename(dir, "shot.png", NULL);
    g_autofree char *shot_flag = g_strconcat("--screenshot=", shot, NULL);
    g_autofree char *err2 = NULL;
    g_free(chromium(bin, report_url, shot_flag, &err2));
    GStatBuf st;
    assert_int_equal(g_stat(shot, &st), 0);
    assert_true(st.st_size > 50000);
    tu_rmrf(dir);
}

int main(void)
{
    tu_pin_ladder();
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_content),
        cmocka_unit_test(test_english),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_report_flag),
        cmocka_unit_test(test_lang_flag),
        cmocka_unit_test(test_compare_report),
        cmocka_unit_test(test_reproduce),
        cmocka_unit_test(test_several_folders),
        cmocka_unit_test(test_pdf),
        cmocka_unit_test(test_hostile_names),
        cmocka_unit_test(test_dot_text),
        cmocka_unit_test(test_paths_stay_inside),
        cmocka_unit_test(test_odd_files),
        cmocka_unit_test(test_small_se),
        cmocka_unit_test(test_dot_fails),
        cmocka_unit_test(test_browser),
    };
    GArray *tests = TU_TESTS(fixed);
    ADD_ROWS(tests, odd_files, test_odd_file);
    int failed = tu_run_tests("report", tests);
    g_array_free(tests, TRUE);
    return failed;
}
