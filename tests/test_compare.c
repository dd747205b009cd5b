/* test_compare.c: `ladder compare` as a user runs it: a scenario against
 * itself (every difference exactly 0, the same summary.json as `ladder
 * run`), years before a policy acts, the same bytes whatever the threads,
 * costs and the cost of each extra firm on a certain ladder, the bundled
 * what-ifs, the folder layout, and bad input (exit 2, nothing left behind).
 * SPDX-License-Identifier: MIT */
#include "testutil.h"

/* `ladder compare` of the NULL-ended files and flags into `out` (cwd NULL). */
#define COMPARE(out, ...) tu_ladder(NULL, "compare", "--out", out, __VA_ARGS__)

/* The compare.json of a `compare --out DIR` that must succeed (arguments
 * not NULL-ended). */
#define COMPARE_JSON(out, ...) TU_LADDER_RESULT(out, "compare.json", "compare", "--out", out, __VA_ARGS__)

static JsonArray *array(JsonObject *o, const char *member)
{
    JsonArray *a = json_object_get_array_member(o, member);
    if (a == NULL)
        fail_msg("no array %s", member);
    return a;
}

static JsonObject *object_at(JsonArray *a, guint i)
{
    return json_array_get_object_element(a, i);
}

/* Fails unless member `name` of `o` is JSON null. */
static void assert_null_member(JsonObject *o, const char *name)
{
    JsonNode *n = json_object_get_member(o, name);
    if (n == NULL || !JSON_NODE_HOLDS_NULL(n))
        fail_msg("%s should be null", name);
}

/* Fails unless `o`.ci95 is [lo, hi] exactly. */
static void assert_ci(JsonObject *o, const char *name, double lo, double hi)
{
    JsonArray *ci = array(o, name);
    assert_int_equal(json_array_get_length(ci), 2);
    if (tu_num_at(ci, 0) != lo || tu_num_at(ci, 1) != hi)
        fail_msg("%s = [%.17g, %.17g], want [%g, %g]", name, tu_num_at(ci, 0), tu_num_at(ci, 1), lo, hi);
}

/* ---- a scenario against itself ------------------------------------------ */

/* bench6 (uncertainty, renewals, a policy) against itself: every difference
 * and interval in compare.json is exactly 0, and both subfolders hold the
 * summary.json that `ladder run` writes with the same seed and reps. */
static void test_self(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "cmp", NULL), *alone = g_build_filename(dir, "run", NULL);
    g_autofree char *sc = tu_data_file("bench6.ini");
    g_auto(TuRun) r = COMPARE(out, sc, sc, "--reps", "700", "--seed", "3", "--no-charts", "-q", NULL);
    tu_assert_status(&r, 0);
    g_auto(TuRun) one = tu_ladder(NULL, "run", sc, "--out", alone, "--reps", "700", "--seed", "3", "--no-charts", "-q", NULL);
    tu_assert_status(&one, 0);
    g_autofree char *a = tu_read_text(out, "bench6/summary.json"), *b = tu_read_text(out, "bench6-2/summary.json");
    g_autofree char *c = tu_read_text(alone, "summary.json");
    assert_string_equal(a, b);
    assert_string_equal(a, c);

    g_autoptr(JsonNode) root = tu_read_json(out, "compare.json");
    JsonObject *o = json_node_get_object(root);
    JsonArray *diffs = array(o, "differences"), *stock = array(o, "stock_differences");
    assert_int_equal(json_array_get_length(diffs), 4);       /* 4 targets */
    assert_int_equal(json_array_get_length(stock), 6 * 6);   /* 6 stages x 2020..2025 */
    for (guint i = 0; i < json_array_get_length(diffs); i++) {
        JsonObject *d = object_at(diffs, i);
        assert_string_equal(json_object_get_string_member(d, "scenario"), "bench6-2");
        assert_true(tu_num(d, "difference") == 0 && tu_num(d, "median_difference") == 0);
        assert_true(tu_num(d, "probability") == tu_num(d, "probability_base"));
        assert_ci(d, "ci95", 0, 0);
    }
    for (guint i = 0; i < json_array_get_length(stock); i++) {
        assert_true(tu_num(object_at(stock, i), "mean_difference") == 0);
        assert_ci(object_at(stock, i), "ci95", 0, 0);
    }
    JsonArray *ce = array(o, "cost_effectiveness");
    for (guint i = 0; i < json_array_get_length(ce); i++) {
        JsonObject *e = object_at(ce, i);
        assert_true(tu_num(e, "extra_cost") == 0 && tu_num(e, "extra_count") == 0);
        assert_null_member(e, "cost_per_extra_firm");
        tu_assert_contains(json_object_get_string_member(e, "reason"), "no extra firms");
    }
}

/* ---- a policy from 2023 ------------------------------------------------- */

/* bench6 against bench6-late (a policy from 2023): 2020-2022 have mean
 * difference exactly 0 and ci95 [0, 0] in every stage; from 2023 on some
 * stage moves. */
static void test_before_policy(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "cmp", NULL);
    g_autofree char *a = tu_data_file("bench6.ini"), *b = tu_data_file("bench6-late.ini");
    g_autoptr(JsonNode) root = COMPARE_JSON(out, a, b, "--reps", "600", "--no-charts", "-q");
    JsonArray *stock = array(json_node_get_object(root), "stock_differences");
    int before = 0, moved = 0;
    for (guint i = 0; i < json_array_get_length(stock); i++) {
        JsonObject *d = object_at(stock, i);
        if (tu_num(d, "year") < 2023) {
            assert_true(tu_num(d, "mean_difference") == 0);
            assert_ci(d, "ci95", 0, 0);
            before++;
        } else {
            moved += tu_num(d, "mean_difference") != 0;
        }
    }
    assert_int_equal(before, 6 * 3);
    assert_true(moved >= 6);
}

/* compare.json and every chart data file and script: the same bytes with
 * --threads 1 and 3. */
static void test_threads_same_bytes(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *a = tu_data_file("bench6.ini"), *b = tu_data_file("bench6-late.ini");
    g_autofree char *o1 = g_build_filename(dir, "t1", NULL), *o3 = g_build_filename(dir, "t3", NULL);
    g_auto(TuRun) r1 = COMPARE(o1, a, b, "--reps", "2001", "--threads", "1", "--no-charts", "-q", NULL);
    g_auto(TuRun) r3 = COMPARE(o3, a, b, "--reps", "2001", "--threads", "3", "--no-charts", "-q", NULL);
    tu_assert_status(&r1, 0);
    tu_assert_status(&r3, 0);
    g_autofree char *names = tu_list_dir(o1), *names3 = tu_list_dir(o3);
    assert_string_equal(names, names3);
    g_auto(GStrv) files = g_strsplit(names, "\n", -1);
    for (int i = 0; files[i] && *files[i]; i++) {
        g_autofree char *path = g_build_filename(o1, files[i], NULL);
        if (g_file_test(path, G_FILE_TEST_IS_DIR))
            continue;
        g_autofree char *x = tu_read_text(o1, files[i]), *y = tu_read_text(o3, files[i]);
        if (strcmp(x, y) != 0)
            fail_msg("%s differs between --threads 1 and 3", files[i]);
    }
    tu_assert_contains(names, "compare.json\n");
}

/* ---- costs on a certain ladder ------------------------------------------ */

/* cost-base against cost-edge, where every count is certain: the policy
 * adds 18 firms and costs 236 万元; B's target gains exactly 18 firms (and
 * is met instead of not), so each extra firm costs 236 / 18; A's loses 18,
 * so it has no cost per extra firm. */
static void test_costs(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "cmp", NULL);
    g_autofree char *a = tu_data_file("cost-base.ini"), *b = tu_data_file("cost-edge.ini");
    g_auto(TuRun) r = COMPARE(out, a, b, "--no-charts", NULL);
    tu_assert_status(&r, 0);
    g_autoptr(JsonNode) root = tu_read_json(out, "compare.json");
    JsonObject *o = json_node_get_object(root);
    assert_true(tu_num(o, "replications") == 200 && tu_num(o, "seed") == 5);  /* the base's */
    JsonArray *scen = array(o, "scenarios");
    assert_true(tu_num(object_at(scen, 0), "total_cost") == 0);
    assert_int_equal(json_array_get_length(array(object_at(scen, 0), "policies")), 0);
    JsonObject *edge = object_at(scen, 1);
    assert_string_equal(json_object_get_string_member(edge, "file"), b);
    assert_string_equal(json_object_get_string_member(edge, "name"), "成本直升");
    assert_true(tu_num(edge, "total_cost") == 236);
    JsonObject *p = object_at(array(edge, "policies"), 0);
    assert_string_equal(json_object_get_string_member(p, "name"), "全部升级");
    assert_true(tu_num(p, "from") == 2023 && tu_num(p, "to") == 2024 && tu_num(p, "years") == 2);
    assert_true(tu_num(p, "cost_per_year") == 100 && tu_num(p, "cost_per_firm") == 2);
    assert_true(tu_num(p, "extra_firms") == 18 && tu_num(p, "cost") == 236);

    JsonObject *d = object_at(array(o, "differences"), 0);
    assert_string_equal(json_object_get_string_member(d, "target"), "乙18");
    assert_true(tu_num(d, "probability_base") == 0 && tu_num(d, "probability") == 1);
    assert_true(tu_num(d, "difference") == 1 && tu_num(d, "median_difference") == 18);
    assert_ci(d, "ci95", 1, 1);

    JsonArray *ce = array(o, "cost_effectiveness");
    JsonObject *gain = object_at(ce, 0), *loss = object_at(ce, 1);
    assert_true(tu_num(gain, "extra_cost") == 236 && tu_num(gain, "extra_count") == 18);
    assert_ci(gain, "extra_count_ci95", 18, 18);
    assert_true(fabs(tu_num(gain, "cost_per_extra_firm") - 236.0 / 18) < 1e-4);
    assert_null_member(gain, "reason");
    assert_string_equal(json_object_get_string_member(loss, "target"), "甲20");
    assert_true(tu_num(loss, "extra_count") == -18);
    assert_null_member(loss, "cost_per_extra_firm");
    tu_assert_contains(json_object_get_string_member(loss, "reason"), "no extra firms");

    /* the table, in the base's language */
    tu_assert_contains(r.out, "成本（万元）");
    tu_assert_contains(r.out, "全部升级");
    tu_assert_contains(r.out, "0.0% → 100.0%");
    tu_assert_contains(r.out, "+100.0");
    tu_assert_contains(r.out, "13.1");
    tu_assert_contains(r.out, "无增量");
    tu_assert_contains(r.out, out);
}

/* The bundled example: the 专班 raises the 高企 target surely; the 招引
 * what-if costs 40 x 3 + 15 x 90 = 1470 万元. */
static void test_bundled(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "cmp", NULL);
    const char *names[] = {"tianning-2025.ini", "tianning-2025-zhuanban.ini", "tianning-2025-zhaoyin.ini"};
    char *files[3];
    for (int i = 0; i < 3; i++) {
        g_autofree char *rel = g_build_filename(tu_srcdir(), "scenarios", names[i], NULL);
        files[i] = g_canonicalize_filename(rel, NULL);
    }
    g_autoptr(JsonNode) root = COMPARE_JSON(out, files[0], files[1], files[2], "--reps", "2000", "--no-charts", "-q");
    JsonObject *o = json_node_get_object(root);
    JsonArray *scen = array(o, "scenarios");
    assert_true(tu_num(object_at(scen, 2), "total_cost") == 1470);
    assert_true(tu_num(object_at(scen, 1), "total_cost") > 0);
    JsonArray *diffs = array(o, "differences");
    gboolean found = FALSE;
    for (guint i = 0; i < json_array_get_length(diffs); i++) {
        JsonObject *d = object_at(diffs, i);
        if (strcmp(json_object_get_string_member(d, "scenario"), "tianning-2025-zhuanban") == 0 &&
            strcmp(json_object_get_string_member(d, "target"), "高新技术企业500家") == 0) {
            assert_true(tu_num_at(array(d, "ci95"), 0) > 0.1);
            found = TRUE;
        }
    }
    assert_true(found);
    for (int i = 0; i < 3; i++)
        g_free(files[i]);
}

/* ---- the target chart -------------------------------------------------- */

/* Two targets met by chance, a policy that moves both. */
#define TWO_TARGETS                                                                       \
    "[baseline]\nstartup=300\ntech_sme=120\nhightech=40\n"                                \
    "[transitions]\nstartup -> tech_sme = 0.2\ntech_sme -> hightech = 0.15\n"             \
    "[exits]\nstartup = 0.1\n"                                                            \
    "[uncertainty]\ntech_sme -> hightech = beta(15, 85)\n"                                \
    "[target 高企]\nstage = hightech\nyear = 2025\nat_least = 110\n"

#define SECOND_TARGET "[target 科小]\nstage = tech_sme\nyear = 2025\nat_least = 130\n"
#define POLICY "[policy 专班]\nfrom = 2023\ntech_sme -> hightech = *1.3\n"

/* compare_targets.dat of folder `out`: [block][row][column], the rows of
 * each scenario's block split into numbers (caller frees). */
static GPtrArray *bars_of(const char *out)
{
    g_autofree char *dat = tu_read_text(out, "compare_targets.dat");
    g_auto(GStrv) blocks = g_strsplit(dat, "\n\n\n", -1);
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    for (int b = 0; blocks[b]; b++) {
        GPtrArray *rows = g_ptr_array_new_with_free_func(g_free);
        g_auto(GStrv) lines = g_strsplit(blocks[b], "\n", -1);
        for (int i = 0; lines[i]; i++) {
            if (lines[i][0] == '#' || lines[i][0] == '\0')
                continue;
            double *row = g_new(double, 5);
            char *at = lines[i];
            for (int c = 0; c < 5; c++)
                row[c] = g_ascii_strtod(at, &at);
            g_ptr_array_add(rows, row);
        }
        g_ptr_array_add(all, rows);
    }
    return all;
}

/* Column c of row r of block b of `bars` (bars_of). */
static double bar_at(GPtrArray *bars, guint b, guint r, int c)
{
    GPtrArray *rows = g_ptr_array_index(bars, b);
    assert_true(r < rows->len);
    return ((double *)g_ptr_array_index(rows, r))[c];
}

/* all_targets_probability of out/sub/summary.json. */
static double all_met(const char *out, const char *sub)
{
    g_autofree char *d = g_build_filename(out, sub, NULL);
    g_autoptr(JsonNode) s = tu_read_json(d, "summary.json");
    return tu_num(json_node_get_object(s), "all_targets_probability");
}

/* The target chart has a group for all targets together after the
 * targets' and a line: each scenario's bar is its summary's all-targets
 * probability with its ±1.96 se error bar (the title says so), none for a
 * scenario whose targets are not the base's. */
static void test_targets_chart_all(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *a = tu_write(dir, "a.ini", TU_HEAD TWO_TARGETS SECOND_TARGET);
    g_autofree char *b = tu_write(dir, "b.ini", TU_HEAD TWO_TARGETS SECOND_TARGET POLICY);
    g_autofree char *c = tu_write(dir, "c.ini", TU_HEAD TWO_TARGETS POLICY);  /* 高企 only */
    g_autofree char *out = g_build_filename(dir, "cmp", NULL);
    g_auto(TuRun) r = COMPARE(out, a, b, c, "--reps", "400", "--no-charts", "-q", NULL);
    tu_assert_status(&r, 0);
    g_autofree char *gp = tu_read_text(out, "compare_targets.gp");
    tu_assert_contains(gp, "(\"高企\" 1, \"科小\" 2, \"全部目标同时达成\" 3)");
    tu_assert_contains(gp, "set arrow from first 2.5, graph 0 to first 2.5, graph 1");
    tu_assert_contains(gp, "误差线：±1.96 倍蒙特卡洛标准误");
    g_autoptr(GPtrArray) bars = bars_of(out);
    assert_int_equal(bars->len, 3);
    const char *ids[] = {"a", "b"};
    for (guint k = 0; k < 2; k++) {
        double p = all_met(out, ids[k]), half = 1.96 * sqrt(p * (1 - p) / 400);
        assert_true(p > 0.05 && p < 0.95);
        assert_near(bar_at(bars, k, 2, 0), 3 + (k - 1.0) * 0.8 / 3, 1e-4);
        assert_near(bar_at(bars, k, 2, 1), 100 * p, 1e-4);
        assert_near(bar_at(bars, k, 2, 2), 100 * (p - half), 1e-3);
        assert_near(bar_at(bars, k, 2, 3), 100 * (p + half), 1e-3);
    }
    assert_true(all_met(out, "a") != all_met(out, "b"));
    assert_true(isnan(bar_at(bars, 2, 2, 1)));   /* c's targets are not a's */
    assert_false(isnan(bar_at(bars, 2, 0, 1)));  /* its 高企 is */
    assert_true(isnan(bar_at(bars, 2, 1, 1)));
}

/* Bars closer than their labels are wide (eight scenarios): of two
 * neighbours of the same height the right one's label is a step higher,
 * the next one's back down (alternating, each over its own bar); the axis
 * holds every label. */
static void test_targets_chart_labels(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *a = tu_write(dir, "a.ini", TU_HEAD TWO_TARGETS SECOND_TARGET);
    g_autofree char *out = g_build_filename(dir, "cmp", NULL);
    g_auto(TuRun) r = COMPARE(out, a, a, a, a, a, a, a, a, "--reps", "100", "--no-charts", "-q", NULL);
    tu_assert_status(&r, 0);
    g_autoptr(GPtrArray) bars = bars_of(out);
    assert_int_equal(bars->len, 8);
    double top = 0;
    for (guint g = 0; g < 3; g++)
        for (guint k = 0; k < 8; k++) {
            double high = bar_at(bars, k, g, 3), label = bar_at(bars, k, g, 4);
            assert_near(label, high + (k % 2 ? 5 : 0), 1e-9);
            top = MAX(top, label);
        }
    g_autofree char *gp = tu_read_text(out, "compare_targets.gp");
    const char *at = strstr(gp, "set yrange [0:");
    assert_non_null(at);
    assert_true(g_ascii_strtod(at + strlen("set yrange [0:"), NULL) >= top + 5);

    /* two scenarios: room for every label at its bar */
    g_autofree char *two = g_build_filename(dir, "two", NULL);
    g_auto(TuRun) r2 = COMPARE(two, a, a, "--reps", "100", "--no-charts", "-q", NULL);
    tu_assert_status(&r2, 0);
    g_autoptr(GPtrArray) bars2 = bars_of(two);
    for (guint k = 0; k < 2; k++)
        assert_near(bar_at(bars2, k, 0, 4), bar_at(bars2, k, 0, 3), 1e-9);
}

/* ---- the output folder -------------------------------------------------- */

/* Run from a folder with relative paths: the default out/<base stem>-compare,
 * a subfolder per scenario named by its stem, a file given again and one of
 * the same name elsewhere numbered -2 and -3; `file` as the user gave it. */
static void test_layout(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sub = g_build_filename(dir, "other", NULL);
    assert_int_equal(g_mkdir(sub, 0700), 0);
    g_autofree char *base = tu_data_file("cost-base.ini"), *text = NULL;
    assert_true(g_file_get_contents(base, &text, NULL, NULL));
    g_free(tu_write(dir, "a.ini", text));
    g_free(tu_write(sub, "a.ini", text));
    g_auto(TuRun) r = tu_ladder(dir, "compare", "a.ini", "a.ini", "other/a.ini", "--no-charts", "-q", NULL);
    tu_assert_status(&r, 0);
    g_autofree char *out = g_build_filename(dir, "out", "a-compare", NULL);
    g_autofree char *top = tu_list_dir(out);
    tu_assert_contains(top, "a\na-2\na-3\n");
    tu_assert_contains(top, "compare.json\n");
    tu_assert_contains(top, "compare_a.gp\n");
    tu_assert_contains(top, "compare_targets.dat\n");
    tu_assert_contains(top, "compare_cost.gp\n");
    assert_int_equal(tu_count_suffix(out, ".png"), 0);
    /* overlapping bands: only the base's is filled, the others are outlines */
    g_autofree char *fan_path = g_build_filename(out, "compare_a.gp", NULL), *fan = NULL;
    assert_true(g_file_get_contents(fan_path, &fan, NULL, NULL));
    assert_non_null(strstr(fan, "filledcurves"));
    assert_null(strstr(strstr(fan, "filledcurves") + 1, "filledcurves"));
    assert_non_null(strstr(fan, "using 1:5 with lines dt 2"));   /* scenario 2's P5 */
    assert_non_null(strstr(fan, "using 1:10 with lines dt 2"));  /* scenario 3's P95 */
    /* the probability bars: verdict bands, no unexplained 80% line */
    g_autofree char *bars_path = g_build_filename(out, "compare_targets.gp", NULL), *bars = NULL;
    assert_true(g_file_get_contents(bars_path, &bars, NULL, NULL));
    assert_null(strstr(bars, "first 80 "));
    assert_non_null(strstr(bars, "first 90 to graph 1"));
    const char *const ids[] = {"a", "a-2", "a-3"};
    const char *const given[] = {"a.ini", "a.ini", "other/a.ini"};
    g_autoptr(JsonNode) root = tu_read_json(out, "compare.json");
    JsonArray *scen = array(json_node_get_object(root), "scenarios");
    for (int k = 0; k < 3; k++) {
        g_autofree char *folder = g_build_filename(out, ids[k], NULL);
        g_autofree char *inside = tu_list_dir(folder);
        tu_assert_contains(inside, "summary.csv\nsummary.json\n");
        tu_assert_contains(inside, "targets.gp\n");
        assert_string_equal(json_object_get_string_member(object_at(scen, k), "id"), ids[k]);
        assert_string_equal(json_object_get_string_member(object_at(scen, k), "file"), given[k]);
    }
    g_autofree char *parent = g_build_filename(dir, "out", NULL);
    g_autofree char *beside = tu_list_dir(parent);
    assert_string_equal(beside, "a-compare\n");
}

/* With charts: every comparison script has its PNG and SVG. */
static void test_charts(void **state)
{
    (void)state;
    g_autofree char *gnuplot = g_find_program_in_path("gnuplot");
    if (gnuplot == NULL)
        skip();
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "cmp", NULL);
    g_autofree char *a = tu_data_file("cost-base.ini"), *b = tu_data_file("cost-edge.ini");
    g_auto(TuRun) r = COMPARE(out, a, b, "-q", NULL);
    tu_assert_status(&r, 0);
    const char *const charts[] = {"compare_a", "compare_b", "compare_targets", "compare_cost"};
    for (gsize i = 0; i < G_N_ELEMENTS(charts); i++) {
        g_autofree char *png = g_strconcat(charts[i], ".png", NULL), *svg = g_strconcat(charts[i], ".svg", NULL);
        g_autofree char *bytes = tu_read_text(out, png);
        assert_memory_equal(bytes, "\x89PNG", 4);
        g_autofree char *svg_path = g_build_filename(out, svg, NULL);
        assert_true(g_file_test(svg_path, G_FILE_TEST_IS_REGULAR));
    }
    assert_int_equal(tu_count_suffix(out, ".png"), tu_count_suffix(out, ".gp"));
    g_autofree char *inner = g_build_filename(out, "cost-edge", NULL);
    assert_true(tu_count_suffix(inner, ".png") >= 1);
}

/* `ladder help compare` and `ladder compare --help` show the options and an example. */
static void test_help(void **state)
{
    (void)state;
    const char *const want[] = {"Example", "ladder compare scenarios/tianning-2025.ini", "--reps",
                                "(default: out/<file stem>-compare)"};
    tu_assert_help("compare", want, G_N_ELEMENTS(want));
    g_auto(TuRun) o = tu_ladder(NULL, "help", NULL);
    tu_assert_contains(o.out, "compare");
}

/* Ctrl-C in a long comparison: exit 130, a message, nothing left. */
static void test_interrupted(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *a = tu_data_file("bench6.ini"), *b = tu_data_file("bench6-late.ini");
    const char *const args[] = {"compare", a, b, "--reps", "50000000", "--no-charts", "-q", NULL};
    tu_assert_interrupted(dir, args);
}

/* ---- bad input ---------------------------------------------------------- */

/* Each: exit 2, one "ladder: " message holding `want`, and the folder as
 * it was: no out folder, no temporary one.  The files are written to the
 * scratch folder as a.ini and b.ini; "nope.ini" is not there. */
typedef struct {
    const char *id;
    const char *a, *b;      /* text of a.ini and b.ini (NULL: not written) */
    const char *args[5];    /* after "compare", NULL-ended; file names relative to the scratch folder */
    const char *want[3];
} BadCase;

#define TWO "[scenario]\nname=t\nbase_year=2021\nhorizon=2023\n[stages]\na=A\nb=B\n" /* 7 lines */
#define EXITS "[exits]\na=0.1\n"                                                      /* 8-9 */

static const BadCase bad_cases[] = {
    {"compare-2.1", TWO, NULL, {"a.ini", NULL}, {"at least two scenario files", "Try 'ladder help compare'"}},
    {"compare-2.2", NULL, NULL, {NULL}, {"at least two scenario files", "Try 'ladder help compare'"}},
    {"compare-2.3", TWO, NULL, {"a.ini", "nope.ini", NULL}, {"nope.ini"}},
    {"compare-2.4", TWO, "[scenario]\nname=t\nbase_year=2021\nhorizon=2023\n[stages]\na=A\nc=C\n",
     {"a.ini", "b.ini", NULL},
     {"b.ini: [stages] must list the same stages in the same order as ", "a.ini", "found 'c' where 'b' was"}},
    {"compare-2.5", TWO, TWO EXITS "[policy X]\nexit.a=*0.5\ncost_per_year=-5\n", {"a.ini", "b.ini", NULL},
     {"b.ini:12: [policy X] cost_per_year = -5: a cost must lie in [0, "}},
    {"compare-2.6", TWO, TWO EXITS "[policy X]\nexit.a=*0.5\ncost_per_yer=5\n", {"a.ini", "b.ini", NULL},
     {"b.ini:12: [policy X] cost_per_yer = 5: unknown key 'cost_per_yer'", "did you mean 'cost_per_year'"}},
    {"compare-2.7", TWO, TWO, {"a.ini", "b.ini", "--reps", "0", NULL}, {"--reps 0", "Try 'ladder help compare'"}},
    {"compare-2.8", TWO, TWO, {"a.ini", "b.ini", "--bogus", NULL}, {"--bogus", "Try 'ladder help compare'"}},
    {"compare-2.9", TWO "[transitions]\na -> b = 2\n", TWO, {"a.ini", "b.ini", NULL},
     {"a.ini:9: [transitions] a -> b = 2: a probability must lie in [0, 1]"}},
    {"compare-2.10", TWO, "[scenario]\nname=t\nbase_year=2021\nhorizon=2024\n[stages]\na=A\nb=B\n",
     {"a.ini", "b.ini", NULL}, {"b.ini: [scenario] horizon must be the same as in ", "a.ini"}},
};

static void test_bad_case(void **state)
{
    const BadCase *c = *state;
    g_auto(TuDir) dir = tu_tmpdir();
    if (c->a)
        g_free(tu_write(dir, "a.ini", c->a));
    if (c->b)
        g_free(tu_write(dir, "b.ini", c->b));
    g_autofree char *before = tu_list_dir(dir);
    g_auto(TuRun) r = tu_ladder(dir, "compare", c->args[0], c->args[1], c->args[2], c->args[3], c->args[4], NULL);
    tu_assert_bad_input(&r, c->want, G_N_ELEMENTS(c->want), dir, before);
}

int main(void)
{
    tu_pin_ladder();
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_self),
        cmocka_unit_test(test_before_policy),
        cmocka_unit_test(test_threads_same_bytes),
        cmocka_unit_test(test_costs),
        cmocka_unit_test(test_bundled),
        cmocka_unit_test(test_targets_chart_all),
        cmocka_unit_test(test_targets_chart_labels),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_charts),
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_interrupted),
    };
    g_autoptr(GArray) tests = TU_TESTS(fixed);
    ADD_ROWS(tests, bad_cases, test_bad_case);
    return tu_run_tests("compare", tests);
}
