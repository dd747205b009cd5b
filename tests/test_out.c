/* test_out.c: the writers (summary.json, summary.csv, gnuplot scripts and
 * charts, the stdout table) on a Summary built by hand.
 * SPDX-License-Identifier: MIT */
#include "testutil.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "errors.h"
#include "histogram.h"
#include "i18n.h"
#include "out_csv.h"
#include "out_json.h"
#include "out_plot.h"
#include "out_table.h"
#include "summary.h"
#include "text.h"

#define FX_STAGES 6
#define FX_TARGETS 3
#define FX_BASE 2024
#define FX_HORIZON 2030
#define FX_YEARS (FX_HORIZON - FX_BASE + 1)
#define FX_DRAWS 4000   /* values in each target histogram */

/* A model, a run and its summary, all in one block, no core code needed
 * but histogram.c and model_stage_name. */
typedef struct {
    Model m;
    Stage stages[FX_STAGES];
    Target targets[FX_TARGETS];
    RunResult run;
    Histogram *hist[FX_TARGETS];
    Summary s;
    StageSummary st[FX_STAGES];
    TargetSummary ts[FX_TARGETS];
    double expected[FX_STAGES][FX_YEARS], mean[FX_STAGES][FX_YEARS], sd[FX_STAGES][FX_YEARS];
    double new_mean[FX_STAGES][FX_YEARS], new_expected[FX_STAGES][FX_YEARS];
    gint64 pct[FX_STAGES][SUMMARY_N_PCT][FX_YEARS];
    char *dir;      /* scratch folder */
} Fx;

static const struct {
    const char *id, *name;
    double baseline, growth;
} fx_ladder[FX_STAGES] = {
    {"startup", "初创", 2000, 0.01},  {"tech_sme", "科小", 600, 0.06},
    {"hightech", "高企", 250, 0.12},  {"gazelle", "瞪羚", 30, 0.10},
    {"unicorn", "独角兽", 3, 0.15},   {"listed", "上市", 10, 0.05},
};

/* z-scores of percentiles 5, 25, 50, 75, 95 of a normal distribution. */
static const double fx_z[SUMMARY_N_PCT] = {-1.645, -0.674, 0, 0.674, 1.645};

static void fx_stage(Fx *f, int i)
{
    f->stages[i] = (Stage){.id = (char *)fx_ladder[i].id, .name = (char *)fx_ladder[i].name,
                           .baseline = (gint64)fx_ladder[i].baseline, .lapse_to = -1,
                           .renewal_param = -1, .exit_param = -1, .inflow_param = -1,
                           .recruitment_param = -1};
    for (int y = 0; y < FX_YEARS; y++) {
        double e = fx_ladder[i].baseline * pow(1 + fx_ladder[i].growth, y);
        f->expected[i][y] = e;
        f->mean[i][y] = e * (1 + 0.001 * y);
        f->sd[i][y] = 0.08 * e * sqrt(y);
        f->new_expected[i][y] = y ? 0.2 * e : 0;
        f->new_mean[i][y] = y ? 0.2 * f->mean[i][y] : 0;
        for (int k = 0; k < SUMMARY_N_PCT; k++)
            f->pct[i][k][y] = (gint64)llround(f->mean[i][y] + fx_z[k] * f->sd[i][y]);
    }
    StageSummary *st = &f->st[i];
    st->expected = f->expected[i];
    st->mean = f->mean[i];
    st->sd = f->sd[i];
    st->new_mean = f->new_mean[i];
    st->new_expected = f->new_expected[i];
    for (int k = 0; k < SUMMARY_N_PCT; k++)
        st->pct[k] = f->pct[i][k];
}

/* A histogram of FX_DRAWS rounded normal values (Box-Muller on GRand). */
static Histogram *fx_histogram(double mu, double sigma, guint32 seed)
{
    Histogram *h = histogram_new();
    GRand *r = g_rand_new_with_seed(seed);
    for (int i = 0; i < FX_DRAWS; i++) {
        double u = g_rand_double(r), v = g_rand_double(r);
        double z = sqrt(-2 * log(1 - u)) * cos(2 * G_PI * v);
        histogram_add(h, MAX(0, (gint64)llround(mu + sigma * z)));
    }
    g_rand_free(r);
    return h;
}

static const struct {
    const char *name;
    int stage, year;
    gint64 at_least;
    CountKind count;
    double probability, se;
} fx_goals[FX_TARGETS] = {
    {"高企", 2, 2030, 500, COUNT_STAGE, 0.95, 0.002},
    {"瞪羚及以上", 3, 2029, 60, COUNT_AT_OR_ABOVE, 0.70, 0.0046},
    {"新增科小", 1, 2027, 160, COUNT_NEW, 0.05, 0.0022},
};

static void fx_target(Fx *f, int k)
{
    int y = fx_goals[k].year - FX_BASE, s = fx_goals[k].stage;
    f->targets[k] = (Target){.name = (char *)fx_goals[k].name, .stage = s, .list = -1, .year_given = TRUE,
                             .year = fx_goals[k].year, .at_least = fx_goals[k].at_least,
                             .count = fx_goals[k].count};
    double mu = fx_goals[k].count == COUNT_NEW ? f->new_mean[s][y] : f->mean[s][y];
    f->hist[k] = fx_histogram(mu, 0.1 * mu + 5, 7 + k);
    TargetSummary *ts = &f->ts[k];
    ts->probability = fx_goals[k].probability;
    ts->se = fx_goals[k].se;
    ts->mean = f->mean[s][y];
    ts->expected = f->expected[s][y];
    for (int p = 0; p < SUMMARY_N_PCT; p++)
        ts->pct[p] = f->pct[s][p][y];
    ts->hist = f->hist[k];
}

static int fx_setup(void **state)
{
    Fx *f = g_new0(Fx, 1);
    f->m = (Model){.file = "test.ini", .name = "天宁区 2030", .region = "常州市天宁区",
                   .language = "zh", .base_year = FX_BASE, .horizon = FX_HORIZON,
                   .n_stages = FX_STAGES, .stages = f->stages,
                   .n_targets = FX_TARGETS, .targets = f->targets};
    for (int i = 0; i < FX_STAGES; i++)
        fx_stage(f, i);
    for (int k = 0; k < FX_TARGETS; k++)
        fx_target(f, k);
    f->run = (RunResult){.model = &f->m, .n_years = FX_YEARS, .n_stages = FX_STAGES,
                         .target = f->hist,
                         .config = {.reps = 10000, .seed = 42, .threads = 1, .uncertain = TRUE}};
    f->s = (Summary){.model = &f->m, .run = &f->run, .n_years = FX_YEARS, .stages = f->st,
                     .targets = f->ts, .all_probability = 0.6231234, .all_se = 0.0048456};
    f->dir = tu_tmpdir();
    *state = f;
    return 0;
}

static int fx_teardown(void **state)
{
    Fx *f = *state;
    for (int k = 0; k < FX_TARGETS; k++)
        histogram_free(f->hist[k]);
    tu_rmrf(f->dir);
    g_free(f->dir);
    g_free(f);
    return 0;
}

/* The model without targets, as summary_new would describe it. */
static void fx_drop_targets(Fx *f)
{
    f->m.n_targets = 0;
    f->s.all_probability = NAN;
    f->s.all_se = NAN;
}

static char *fx_path(const Fx *f, const char *name)
{
    return g_build_filename(f->dir, name, NULL);
}

static char *read_text(const char *path)
{
    char *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    return text;
}

/* ---- summary.json ------------------------------------------------------- */

static JsonNode *json_of(Fx *f)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *path = fx_path(f, "summary.json");
    assert_true(out_json_write(&f->s, path, &error));
    g_autoptr(JsonParser) parser = json_parser_new();
    assert_true(json_parser_load_from_file(parser, path, &error));
    return json_node_copy(json_parser_get_root(parser));
}

static void test_json_fields(void **state)
{
    Fx *f = *state;
    g_autoptr(JsonNode) root = json_of(f);
    JsonObject *o = json_node_get_object(root);
    JsonObject *sc = json_object_get_object_member(o, "scenario");

    assert_string_equal(json_object_get_string_member(sc, "name"), "天宁区 2030");
    assert_string_equal(json_object_get_string_member(sc, "region"), "常州市天宁区");
    assert_int_equal(json_object_get_int_member(sc, "base_year"), FX_BASE);
    assert_int_equal(json_object_get_int_member(sc, "horizon"), FX_HORIZON);
    assert_string_equal(json_object_get_string_member(sc, "language"), "zh");
    assert_int_equal(json_object_get_int_member(o, "replications"), 10000);
    assert_int_equal(json_object_get_int_member(o, "seed"), 42);
    assert_true(json_object_get_boolean_member(o, "uncertainty"));
    JsonArray *years = json_object_get_array_member(o, "years");
    assert_int_equal(json_array_get_length(years), FX_YEARS);
    assert_int_equal(json_array_get_int_element(years, FX_YEARS - 1), FX_HORIZON);
    assert_near(json_object_get_double_member(o, "all_targets_probability"),
                        0.623123, 1e-12);
    assert_near(json_object_get_double_member(o, "all_targets_se"), 0.004846, 1e-12);
}

static void test_json_stages(void **state)
{
    Fx *f = *state;
    g_autoptr(JsonNode) root = json_of(f);
    JsonArray *stages = json_object_get_array_member(json_node_get_object(root), "stages");
    assert_int_equal(json_array_get_length(stages), FX_STAGES);

    JsonObject *h = json_array_get_object_element(stages, 2);
    assert_string_equal(json_object_get_string_member(h, "id"), "hightech");
    assert_string_equal(json_object_get_string_member(h, "name"), "高企");
    JsonObject *stock = json_object_get_object_member(h, "stock");
    const char *keys[] = {"expected", "mean", "sd", "p5", "p25", "p50", "p75", "p95"};
    for (gsize i = 0; i < G_N_ELEMENTS(keys); i++)
        assert_int_equal(json_array_get_length(json_object_get_array_member(stock, keys[i])),
                         FX_YEARS);
    JsonArray *p95 = json_object_get_array_member(stock, "p95");
    assert_int_equal(json_array_get_int_element(p95, 3), f->pct[2][4][3]);
    JsonArray *mean = json_object_get_array_member(stock, "mean");
    assert_near(json_array_get_double_element(mean, 3), f->mean[2][3], 0.5e-4);
    JsonObject *new = json_object_get_object_member(h, "new");
    JsonArray *new_expected = json_object_get_array_member(new, "expected");
    assert_near(json_array_get_double_element(new_expected, 6), f->new_expected[2][6],
                        0.5e-4);
}

static void test_json_targets(void **state)
{
    Fx *f = *state;
    g_autoptr(JsonNode) root = json_of(f);
    JsonArray *targets = json_object_get_array_member(json_node_get_object(root), "targets");
    assert_int_equal(json_array_get_length(targets), FX_TARGETS);

    JsonObject *t0 = json_array_get_object_element(targets, 0);
    assert_string_equal(json_object_get_string_member(t0, "name"), "高企");
    assert_string_equal(json_object_get_string_member(t0, "stage"), "hightech");
    assert_string_equal(json_object_get_string_member(t0, "count"), "stage");
    assert_int_equal(json_object_get_int_member(t0, "year"), 2030);
    assert_int_equal(json_object_get_int_member(t0, "at_least"), 500);
    assert_near(json_object_get_double_member(t0, "probability"), 0.95, 1e-12);
    assert_near(json_object_get_double_member(t0, "se"), 0.002, 1e-12);
    assert_int_equal(json_object_get_int_member(t0, "p50"), f->ts[0].pct[2]);
    JsonObject *t1 = json_array_get_object_element(targets, 1);
    assert_string_equal(json_object_get_string_member(t1, "count"), "at_or_above");
    JsonObject *t2 = json_array_get_object_element(targets, 2);
    assert_string_equal(json_object_get_string_member(t2, "count"), "new");
    assert_string_equal(json_object_get_string_member(t2, "stage"), "tech_sme");
}

static void test_json_no_targets_null(void **state)
{
    Fx *f = *state;
    fx_drop_targets(f);
    f->s.all_probability = 1.0;  /* ignored without targets */
    f->m.region = NULL;
    g_autoptr(JsonNode) root = json_of(f);
    JsonObject *o = json_node_get_object(root);

    assert_true(json_object_has_member(o, "all_targets_probability"));
    assert_true(JSON_NODE_HOLDS_NULL(json_object_get_member(o, "all_targets_probability")));
    assert_true(JSON_NODE_HOLDS_NULL(json_object_get_member(o, "all_targets_se")));
    assert_int_equal(json_array_get_length(json_object_get_array_member(o, "targets")), 0);
    JsonObject *sc = json_object_get_object_member(o, "scenario");
    assert_true(JSON_NODE_HOLDS_NULL(json_object_get_member(sc, "region")));
}

/* Same summary, same bytes; numbers spelled short ("0.3", not
 * 0.30000000000000004, and 2000 not 2e+03). */
static void test_json_bytes_and_numbers(void **state)
{
    Fx *f = *state;
    g_autofree char *a = fx_path(f, "a.json"), *b = fx_path(f, "b.json");
    f->mean[0][1] = 0.1 + 0.2;
    f->sd[0][1] = 1e-9;  /* rounds to 0 */
    assert_true(out_json_write(&f->s, a, NULL));
    assert_true(out_json_write(&f->s, b, NULL));
    g_autofree char *ta = read_text(a), *tb = read_text(b);

    assert_string_equal(ta, tb);
    assert_non_null(strstr(ta, "\"mean\" : [\n          2000,\n          0.3,\n"));
    assert_non_null(strstr(ta, "\"se\" : 0.002,"));
    assert_null(strstr(ta, "0000000"));
    assert_null(strstr(ta, "e+"));
    assert_null(strstr(ta, "-0,"));
}

static void test_json_write_error(void **state)
{
    Fx *f = *state;
    g_autoptr(GError) error = NULL;
    g_autofree char *path = fx_path(f, "missing/summary.json");
    assert_false(out_json_write(&f->s, path, &error));
    assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_IO));
    assert_non_null(strstr(error->message, path));
}

/* ---- summary.csv -------------------------------------------------------- */

static char *csv_of(Fx *f)
{
    g_autofree char *path = fx_path(f, "summary.csv");
    assert_true(out_csv_write(&f->s, path, NULL));
    return read_text(path);
}

static int count_of(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

static void test_csv_bom_and_rows(void **state)
{
    Fx *f = *state;
    g_autofree char *csv = csv_of(f);

    assert_memory_equal(csv, "\xEF\xBB\xBF", 3);
    assert_int_equal(count_of(csv, "\r\n"), 1 + FX_STAGES * FX_YEARS);
    assert_int_equal(count_of(csv, "\n"), 1 + FX_STAGES * FX_YEARS);  /* no bare LF */
    assert_true(g_str_has_prefix(csv + 3, "阶段代码,阶段,年份,精确期望,均值,标准差,P5,P25,P50,P75,P95,"));
    g_autofree char *row = g_strdup_printf("\r\nhightech,高企,2027,%.4f,", f->expected[2][3]);
    assert_non_null(strstr(csv, row));
    /* every row has the header's 12 fields */
    g_auto(GStrv) lines = g_strsplit(csv, "\r\n", -1);
    for (char **l = lines; *l && **l; l++)
        assert_int_equal(count_of(*l, ","), 11);
}

static void test_csv_quotes(void **state)
{
    Fx *f = *state;
    f->stages[5].name = "Listed, \"A\" shares";
    f->m.language = "en";
    g_autofree char *csv = csv_of(f);

    assert_non_null(strstr(csv, "\r\nlisted,\"Listed, \"\"A\"\" shares\",2024,"));
    f->stages[4].name = "独角兽,潜在";  /* a comma alone is quoted too */
    g_autofree char *again = csv_of(f);
    assert_non_null(strstr(again, "\r\nunicorn,\"独角兽,潜在\",2030,"));
    assert_true(g_str_has_prefix(csv + 3, "Stage id,Stage,Year,"));
}

/* ---- the stdout table --------------------------------------------------- */

static char *table_of(Fx *f)
{
    GString *out = g_string_new(NULL);
    out_table_format(&f->s, out);
    return g_string_free(out, FALSE);
}

static void test_table_zh(void **state)
{
    Fx *f = *state;
    g_autofree char *t = table_of(f);

    assert_non_null(strstr(t, "天宁区 2030"));
    assert_non_null(strstr(t, "10000"));
    assert_non_null(strstr(t, "42"));
    assert_non_null(strstr(t, "高企 ≥ 500（2030 年）"));
    assert_non_null(strstr(t, "瞪羚及以上 ≥ 60（2029 年）"));
    assert_non_null(strstr(t, "科小 2025–2027 年新增 ≥ 160"));
    assert_non_null(strstr(t, "95.0% ± 0.2%"));
    assert_non_null(strstr(t, "很可能达成"));
    assert_non_null(strstr(t, "较可能达成"));
    assert_non_null(strstr(t, "极不可能"));
    assert_non_null(strstr(t, "全部目标同时达成：62.3% ± 0.5%（难以确定）"));
    assert_non_null(strstr(t, "2030 年各阶段企业数"));
    assert_null(strstr(t, "likely"));
}

static void test_table_en(void **state)
{
    Fx *f = *state;
    f->m.language = "en";
    g_autofree char *t = table_of(f);

    assert_non_null(strstr(t, "very likely"));
    assert_non_null(strstr(t, "All targets met together: 62.3% ± 0.5% (as likely as not)"));
    assert_non_null(strstr(t, "瞪羚 or above ≥ 60 in 2029"));
    assert_non_null(strstr(t, "new 科小 in 2025–2027 ≥ 160"));
    assert_non_null(strstr(t, "Firms by stage in 2030"));
    assert_null(strstr(t, "很可能"));
    assert_null(strstr(t, "年份"));
}

/* Lines of `t` grouped in blocks of consecutive indented lines. */
static void assert_blocks_aligned(const char *t)
{
    g_auto(GStrv) lines = g_strsplit(t, "\n", -1);
    guint width = 0;
    int blocks = 0, in_block = 0;
    for (char **l = lines; *l; l++) {
        if (!g_str_has_prefix(*l, "  ")) {
            in_block = 0;
            continue;
        }
        guint w = text_display_width(*l);
        if (!in_block) {
            blocks++;
            width = w;
        }
        in_block = 1;
        assert_int_equal(w, width);
    }
    assert_true(blocks >= 2);
}

static void test_table_aligned(void **state)
{
    Fx *f = *state;
    g_autofree char *zh = table_of(f);
    assert_blocks_aligned(zh);
    /* columns are as wide as their widest cell, in display columns: 独角兽
     * (6) pads 初创 (4) by 2, then the gap of 2; 精确期望 (8) is the widest
     * cell of its column */
    g_autofree char *row = g_strdup_printf("\n  初创%*s%*s%8.1f  ", 2, "", 2, "",
                                           f->expected[0][FX_YEARS - 1]);
    assert_non_null(strstr(zh, row));
    f->m.language = "en";
    g_autofree char *en = table_of(f);
    assert_blocks_aligned(en);
}

static void test_table_no_targets(void **state)
{
    Fx *f = *state;
    fx_drop_targets(f);
    g_autofree char *t = table_of(f);

    assert_null(strstr(t, "全部目标"));
    assert_null(strstr(t, "条件"));
    assert_non_null(strstr(t, "独角兽"));
}

/* Verdict words at and around each band's edge (IPCC bands), judged on the
 * probability as the table shows it, to 0.1%. */
static void test_table_verdicts(void **state)
{
    static const struct {
        const char *id;
        double p;
        const char *zh, *en;
    } cases[] = {
        {"verdict-1.1", 1.00, "很可能达成", "very likely"},
        {"verdict-1.2", 0.90, "很可能达成", "very likely"},
        {"verdict-1.3", 0.8994, "较可能达成", "likely"},       /* shown 89.9% */
        {"verdict-1.11", 0.8999, "很可能达成", "very likely"}, /* shown 90.0%: judged as shown */
        {"verdict-1.4", 0.66, "较可能达成", "likely"},
        {"verdict-1.5", 0.50, "难以确定", "as likely as not"},
        {"verdict-1.6", 0.33, "难以确定", "as likely as not"},
        {"verdict-1.7", 0.20, "不太可能", "unlikely"},
        {"verdict-1.8", 0.10, "不太可能", "unlikely"},
        {"verdict-1.9", 0.0994, "极不可能", "very unlikely"},   /* shown 9.9% */
        {"verdict-1.12", 0.0999, "不太可能", "unlikely"},       /* shown 10.0% */
        {"verdict-1.10", 0.0, "极不可能", "very unlikely"},
    };
    Fx *f = *state;
    f->m.n_targets = 1;
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        f->ts[0].probability = f->s.all_probability = cases[i].p;
        f->m.language = "zh";
        g_autofree char *zh = table_of(f);
        f->m.language = "en";
        g_autofree char *en = table_of(f);
        g_autofree char *want_en = g_strdup_printf("(%s)", cases[i].en);
        if (!strstr(zh, cases[i].zh) || !strstr(en, want_en))
            fail_msg("%s: p = %g wants %s / %s", cases[i].id, cases[i].p, cases[i].zh,
                     cases[i].en);
    }
}

/* ---- gnuplot scripts and charts ----------------------------------------- */

static char *file_in(Fx *f, const char *name)
{
    g_autofree char *path = fx_path(f, name);
    char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        fail_msg("%s was not written", name);
    return text;
}

static void test_plot_scripts(void **state)
{
    Fx *f = *state;
    g_autoptr(GError) error = NULL;
    assert_true(out_plot_write(&f->s, f->dir, &error));

    for (int i = 0; i < FX_STAGES; i++) {
        g_autofree char *gp_name = g_strdup_printf("fan_%s.gp", fx_ladder[i].id);
        g_autofree char *dat_name = g_strdup_printf("fan_%s.dat", fx_ladder[i].id);
        g_autofree char *gp = file_in(f, gp_name);
        g_autofree char *dat = file_in(f, dat_name);
        assert_non_null(strstr(gp, fx_ladder[i].name));
        assert_non_null(strstr(gp, "set terminal pngcairo size 1000,600 font \"Noto Sans CJK SC,11\""));
        assert_non_null(strstr(gp, "set terminal svg"));
        assert_non_null(strstr(gp, dat_name));
        assert_null(strchr(gp, '@'));
        assert_int_equal(count_of(dat, "\n"), 1 + FX_YEARS);
        /* only hightech carries a count=stage target */
        assert_int_equal(strstr(gp, "$targets") != NULL, i == 2);
    }
    g_autofree char *fan = file_in(f, "fan_hightech.gp");
    /* the target: a marker at its year, a guide from the first year up to that year only */
    assert_non_null(strstr(fan, "set arrow from first 2024, first 500 to first 2030, first 500 nohead"));
    assert_null(strstr(fan, "to graph 1, first 500"));
    assert_non_null(strstr(fan, "目标 高企：≥ 500（2030 年）"));
    assert_non_null(strstr(fan, "$targets << EOD\n2030 500\nEOD\n"));
    assert_non_null(strstr(fan, "$targets using 1:2 with points"));
    const char *others[] = {"composition.gp", "composition.dat", "targets.gp", "targets.dat",
                            "target_1.gp", "target_2.gp", "target_3.dat"};
    for (gsize i = 0; i < G_N_ELEMENTS(others); i++)
        g_free(file_in(f, others[i]));
    assert_non_null(strstr(fan, "set xtics 1 format \"%.0f\""));
    g_autofree char *bars = file_in(f, "targets.dat");
    assert_non_null(strstr(bars, "\n1 95.0000 94.6080 95.3920\n"));  /* p ± 1.96 se */
    assert_non_null(strstr(bars, "\n4 62.3123 61.3626 63.2621\n"));  /* all targets together */
    g_autofree char *targets = file_in(f, "targets.gp");
    assert_non_null(strstr(targets, "(\"高企\" 1, \"瞪羚及以上\" 2, \"新增科小\" 3, \"全部目标同时达成\" 4)"));
    assert_non_null(strstr(targets, "set xrange [0.4:4 + 0.6]"));
    assert_non_null(strstr(targets, "误差线：±1.96 倍蒙特卡洛标准误"));
    /* no unexplained lines: each one is a verdict band's lower end, with its words */
    assert_null(strstr(targets, "first 80 "));
    const char *bands[] = {"first 90 to", "first 66 to", "first 33 to", "first 10 to",
                           "\"很可能达成\"", "\"较可能达成\"", "\"难以确定\"", "\"不太可能\"", "\"极不可能\""};
    for (gsize i = 0; i < G_N_ELEMENTS(bands); i++)
        assert_non_null(strstr(targets, bands[i]));
    assert_int_equal(count_of(targets, "set arrow"), 4);
}

/* The lower and upper end of `set yrange [lo:hi]` in the script `gp`. */
static void yrange_of(const char *gp, double *lo, double *hi)
{
    const char *r = strstr(gp, "set yrange [");
    assert_non_null(r);
    assert_int_equal(sscanf(r, "set yrange [%lf:%lf]", lo, hi), 2);
}

/* A fan far above 0 is not flattened against an axis from 0, and its axis
 * says so; a fan near 0 keeps 0; both hold every figure and the target. */
static void test_plot_fan_range(void **state)
{
    Fx *f = *state;
    assert_true(out_plot_write(&f->s, f->dir, NULL));
    int p5 = summary_pct_index(5), p95 = summary_pct_index(95);
    double lo, hi;

    g_autofree char *startup = file_in(f, "fan_startup.gp");   /* P5 about 1350 to P95 about 2800 */
    yrange_of(startup, &lo, &hi);
    assert_true(lo >= 500 && lo <= f->pct[0][p5][FX_YEARS - 1]);
    assert_true(hi >= f->pct[0][p95][FX_YEARS - 1] && hi <= 3000);
    assert_non_null(strstr(startup, "set ylabel \"企业数（纵轴不从 0 开始）\""));

    g_autofree char *hightech = file_in(f, "fan_hightech.gp");  /* 250 up to about 650, target 500 */
    yrange_of(hightech, &lo, &hi);
    assert_true(lo > 0 && lo <= 250);
    assert_true(hi >= f->pct[2][p95][FX_YEARS - 1] && hi >= 500);

    g_autofree char *unicorn = file_in(f, "fan_unicorn.gp");    /* 3 up to about 9 */
    yrange_of(unicorn, &lo, &hi);
    assert_true(lo == 0 && hi >= f->pct[4][p95][FX_YEARS - 1]);
    assert_non_null(strstr(unicorn, "set ylabel \"企业数\""));
}

/* The upper rungs, a sliver of the stack, get a panel of their own. */
static void test_plot_composition_upper(void **state)
{
    Fx *f = *state;
    assert_true(out_plot_write(&f->s, f->dir, NULL));
    g_autofree char *gp = file_in(f, "composition.gp");
    assert_int_equal(count_of(gp, "set multiplot title \"各阶段企业数（均值）\""), 2);   /* PNG and SVG */
    assert_int_equal(count_of(gp, "set title \"瞪羚及以上（纵轴放大）\""), 2);
    /* the whole stack from 初创, then 瞪羚 (column 5) up on their own */
    assert_non_null(strstr(gp, "plot \"composition.dat\" using 2:xtic"));
    assert_non_null(strstr(gp, "plot \"composition.dat\" using 5:xtic"));
    assert_non_null(strstr(gp, "\"\" using 7 notitle lt 6"));

    /* no sliver: one panel */
    f->st[5].mean = f->st[0].mean;   /* 上市 as many as 初创 */
    assert_true(out_plot_write(&f->s, f->dir, NULL));
    g_autofree char *one = file_in(f, "composition.gp");
    assert_null(strstr(one, "纵轴放大"));
    assert_non_null(strstr(one, "set size 1, 1"));
}

/* target_1.dat: bars of merged values, each wholly met or not, summing to 100%. */
static void test_plot_target_bars(void **state)
{
    Fx *f = *state;
    histogram_free(f->hist[0]);
    f->hist[0] = fx_histogram(500, 200, 3);  /* wide: about 1400 values */
    f->ts[0].hist = f->hist[0];
    assert_true(out_plot_write(&f->s, f->dir, NULL));
    g_autofree char *dat = file_in(f, "target_1.dat");
    g_auto(GStrv) lines = g_strsplit(dat, "\n", -1);
    double total = 0, width = 0, prev = -1;
    int bars = 0;

    for (char **l = lines + 1; *l && **l; l++, bars++) {
        double x, p;
        int met;
        assert_int_equal(sscanf(*l, "%lf %lf %d", &x, &p, &met), 3);
        if (prev >= 0)
            width = x - prev;
        prev = x;
        total += p;
        assert_int_equal(met, x >= 500);
    }
    assert_true(bars > 10 && bars <= 61);
    assert_true(width > 1);
    assert_near(total, 100.0, 1e-3);
}

static void test_plot_no_targets(void **state)
{
    Fx *f = *state;
    fx_drop_targets(f);
    assert_true(out_plot_write(&f->s, f->dir, NULL));
    g_autofree char *fan = fx_path(f, "fan_hightech.gp");
    g_autofree char *targets = fx_path(f, "targets.gp");
    g_autofree char *target = fx_path(f, "target_1.gp");
    assert_true(g_file_test(fan, G_FILE_TEST_EXISTS));
    assert_false(g_file_test(targets, G_FILE_TEST_EXISTS));
    assert_false(g_file_test(target, G_FILE_TEST_EXISTS));
}

/* A quote and a backslash in a name must not break the script. */
static void test_plot_escaping(void **state)
{
    Fx *f = *state;
    f->targets[0].name = "高企\"2030\"\\";
    assert_true(out_plot_write(&f->s, f->dir, NULL));
    g_autofree char *fan = file_in(f, "fan_hightech.gp");
    assert_non_null(strstr(fan, "目标 高企\\\"2030\\\"\\\\："));
}

static gboolean starts_with_png_signature(const char *path)
{
    g_autofree char *data = NULL;
    gsize len = 0;
    return g_file_get_contents(path, &data, &len, NULL) && len > 8 &&
           memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0;
}

static void test_plot_render(void **state)
{
    Fx *f = *state;
    g_autofree char *gnuplot = g_find_program_in_path("gnuplot");
    if (!gnuplot)
        skip();
    f->targets[0].name = "高企\"2030\"";  /* escaped quotes render too */
    g_autoptr(GError) error = NULL;
    gboolean no_gnuplot = TRUE;
    assert_true(out_plot_write(&f->s, f->dir, &error));
    if (!out_plot_render(f->dir, &no_gnuplot, &error))
        fail_msg("render: %s", error->message);
    assert_false(no_gnuplot);

    const char *charts[] = {"fan_startup", "fan_tech_sme", "fan_hightech", "fan_gazelle",
                            "fan_unicorn", "fan_listed", "composition", "targets",
                            "target_1", "target_2", "target_3"};
    for (gsize i = 0; i < G_N_ELEMENTS(charts); i++) {
        g_autofree char *png = g_strdup_printf("%s/%s.png", f->dir, charts[i]);
        g_autofree char *svg_name = g_strdup_printf("%s.svg", charts[i]);
        g_autofree char *svg = file_in(f, svg_name);
        if (!starts_with_png_signature(png))
            fail_msg("%s is not a PNG", png);
        assert_non_null(strstr(svg, "</svg>"));
    }
    g_autofree char *fan = file_in(f, "fan_hightech.svg");
    assert_non_null(strstr(fan, "高企（阶段：每家企业只计一个阶段）— 天宁区 2030"));  /* the fan says it is a stage */
    assert_non_null(strstr(fan, "Noto Sans CJK SC"));
    g_autofree char *comp = file_in(f, "composition.svg");
    assert_non_null(strstr(comp, "独角兽"));
}

static void test_plot_render_no_gnuplot(void **state)
{
    Fx *f = *state;
    g_autofree char *path = g_strdup(g_getenv("PATH"));
    g_autofree char *empty = fx_path(f, "empty-bin");
    assert_int_equal(g_mkdir(empty, 0700), 0);
    g_autofree char *script = tu_write(f->dir, "x.gp", "set foo\n");
    gboolean no_gnuplot = FALSE;
    g_autoptr(GError) error = NULL;

    g_setenv("PATH", empty, TRUE);
    gboolean ok = out_plot_render(f->dir, &no_gnuplot, &error);
    g_setenv("PATH", path, TRUE);
    assert_true(ok);
    assert_null(error);
    assert_true(no_gnuplot);
}

static void test_plot_render_error(void **state)
{
    Fx *f = *state;
    g_autofree char *gnuplot = g_find_program_in_path("gnuplot");
    if (!gnuplot)
        skip();
    g_autofree char *good = tu_write(f->dir, "a.gp", "x = 1\n");
    g_autofree char *bad = tu_write(f->dir, "b.gp", "x = 1\nset nosuchoption\n");
    gboolean no_gnuplot = TRUE;
    g_autoptr(GError) error = NULL;

    assert_false(out_plot_render(f->dir, &no_gnuplot, &error));
    assert_false(no_gnuplot);
    assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_IO));
    assert_non_null(strstr(error->message, "b.gp"));
    assert_non_null(strstr(error->message, "line 2"));
    assert_null(strstr(error->message, "a.gp"));
}

/* ---- words -------------------------------------------------------------- */

static void test_i18n_complete(void **state)
{
    (void)state;
    for (int id = 0; id < I18N_N_MESSAGES; id++) {
        const char *zh = i18n_text("zh", (I18nMessage)id);
        const char *en = i18n_text("en", (I18nMessage)id);
        if (!zh || !en || !*zh || !*en)
            fail_msg("message %d lacks a language", id);
        if (text_has_cjk(en))
            fail_msg("message %d: English text \"%s\" holds Chinese", id, en);
    }
    assert_string_equal(i18n_text("zh", I18N_YEAR), "年份");
    assert_string_equal(i18n_text("en", I18N_YEAR), "Year");
    assert_string_equal(i18n_text(NULL, I18N_FIRMS), "企业数");
}

/* verdict-N: the code and words of a probability, each band's edge exactly
 * and the probabilities that print as it (to 0.1%) judged with it. */
static void test_verdict_bands(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        double p;
        const char *code;
        const char *en;
    } cases[] = {
        {"verdict-1", 1.0, "very_likely", "very likely"},
        {"verdict-2", 0.9, "very_likely", "very likely"},
        {"verdict-3", 0.89951, "very_likely", "very likely"}, /* prints as 90.0% */
        {"verdict-4", 0.8994, "likely", "likely"},            /* prints as 89.9% */
        {"verdict-5", 0.66, "likely", "likely"},
        {"verdict-6", 0.6594, "uncertain", "as likely as not"},
        {"verdict-7", 0.33, "uncertain", "as likely as not"},
        {"verdict-8", 0.3294, "unlikely", "unlikely"},
        {"verdict-9", 0.1, "unlikely", "unlikely"},
        {"verdict-10", 0.09951, "unlikely", "unlikely"},      /* prints as 10.0% */
        {"verdict-11", 0.0994, "very_unlikely", "very unlikely"},
        {"verdict-12", 0.0, "very_unlikely", "very unlikely"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        if (strcmp(out_table_verdict_code(cases[i].p), cases[i].code) != 0)
            fail_msg("%s: %g judged %s, want %s", cases[i].id, cases[i].p, out_table_verdict_code(cases[i].p),
                     cases[i].code);
        assert_string_equal(out_table_verdict("en", cases[i].p), cases[i].en);
    }
    assert_string_equal(out_table_verdict("zh", 0.66), "较可能达成");
}

#define FX_TEST(t) cmocka_unit_test_setup_teardown(t, fx_setup, fx_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        FX_TEST(test_json_fields),
        FX_TEST(test_json_stages),
        FX_TEST(test_json_targets),
        FX_TEST(test_json_no_targets_null),
        FX_TEST(test_json_bytes_and_numbers),
        FX_TEST(test_json_write_error),
        FX_TEST(test_csv_bom_and_rows),
        FX_TEST(test_csv_quotes),
        FX_TEST(test_table_zh),
        FX_TEST(test_table_en),
        FX_TEST(test_table_aligned),
        FX_TEST(test_table_no_targets),
        FX_TEST(test_table_verdicts),
        FX_TEST(test_plot_scripts),
        FX_TEST(test_plot_fan_range),
        FX_TEST(test_plot_composition_upper),
        FX_TEST(test_plot_target_bars),
        FX_TEST(test_plot_no_targets),
        FX_TEST(test_plot_escaping),
        FX_TEST(test_plot_render),
        FX_TEST(test_plot_render_no_gnuplot),
        FX_TEST(test_plot_render_error),
        cmocka_unit_test(test_i18n_complete),
        cmocka_unit_test(test_verdict_bands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
