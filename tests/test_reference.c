/* test_reference.c: ladder against the independent NumPy implementation of
 * the same rules (../shared/tools/ladder_numpy.py), on every bundled
 * scenario and tests/data/lists.ini, with and without uncertainty: stock
 * and list means and target probabilities within Monte Carlo error
 * (z <= 5, agree.py), exact expectations to 1e-6; and a region (the
 * reference has none) against its parts run by the reference and added
 * up.  Skipped where the reference or numpy is missing.
 * The reference is given the scenarios without their policy costs.
 * SPDX-License-Identifier: MIT */
#include "testutil.h"

#define REFERENCE_REPS "20000"

typedef struct {
    const char *id;
    const char *scenario;     /* relative to the source folder */
    gboolean uncertain;
} Case;

static const Case cases[] = {
    {"reference-1.1", "scenarios/tianning-2025.ini", FALSE},
    {"reference-1.2", "scenarios/tianning-2025.ini", TRUE},
    {"reference-1.3", "scenarios/tianning-2025-zhuanban.ini", FALSE},
    {"reference-1.4", "scenarios/tianning-2025-zhuanban.ini", TRUE},
    {"reference-1.5", "tests/data/bench6.ini", FALSE},
    {"reference-1.6", "tests/data/bench6.ini", TRUE},
    {"reference-1.7", "scenarios/tianning-2025-zhaoyin.ini", FALSE},
    {"reference-1.8", "scenarios/tianning-2025-zhaoyin.ini", TRUE},
    {"reference-1.9", "scenarios/wujin-2025.ini", TRUE},
    {"reference-1.10", "scenarios/binhu-2025.ini", TRUE},
    {"reference-1.11", "scenarios/taizhou-2025.ini", TRUE},
    {"reference-1.12", "scenarios/wujin-2025.ini", FALSE},
    /* lists, shares uncertain and under a policy, count = cumulative, an uncertain baseline */
    {"reference-1.13", "tests/data/lists.ini", FALSE},
    {"reference-1.14", "tests/data/lists.ini", TRUE},
};

static char *tool(const char *name)
{
    return g_build_filename(tu_srcdir(), "..", "shared", "tools", name, NULL);
}

/* Runs argv (NULL-ended); returns its exit status, stdout+stderr in *output. */
static int spawn(const char *const *argv, char **output)
{
    char *out = NULL, *err = NULL;
    int wait = 0;
    GError *error = NULL;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait, &error))
        fail_msg("cannot run %s: %s", argv[0], error->message);
    *output = g_strconcat(out, err, NULL);
    g_free(out);
    g_free(err);
    return WIFEXITED(wait) ? WEXITSTATUS(wait) : -1;
}

static gboolean reference_available(void)
{
    g_autofree char *ref = tool("ladder_numpy.py");
    g_autofree char *out = NULL;
    const char *argv[] = {"/usr/bin/python3", "-c", "import numpy", NULL};
    return g_file_test(ref, G_FILE_TEST_EXISTS) && g_file_test(argv[0], G_FILE_TEST_IS_EXECUTABLE) &&
           spawn(argv, &out) == 0;
}

/* A copy in `dir` of the folder of `scenario` (its .ini files, so that
 * extends still finds the parent) without the policies' cost lines, and
 * the path of the scenario's copy (caller frees).  The reference predates
 * policy costs, which change no simulated figure, and would read
 * cost_per_year as a parameter. */
static char *without_costs(const char *scenario, const char *dir)
{
    g_autofree char *folder = g_path_get_dirname(scenario);
    g_autoptr(GDir) d = g_dir_open(folder, 0, NULL);
    assert_non_null(d);
    for (const char *name; (name = g_dir_read_name(d));) {
        if (!g_str_has_suffix(name, ".ini"))
            continue;
        g_autofree char *path = g_build_filename(folder, name, NULL), *text = NULL;
        assert_true(g_file_get_contents(path, &text, NULL, NULL));
        g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
        g_autoptr(GString) kept = g_string_new(NULL);
        for (char **l = lines; *l; l++)
            if (!g_str_has_prefix(*l, "cost_per_"))
                g_string_append_printf(kept, "%s%s", kept->len ? "\n" : "", *l);
        g_free(tu_write(dir, name, kept->str));
    }
    g_autofree char *base = g_path_get_basename(scenario);
    return g_build_filename(dir, base, NULL);
}

static void test_agrees(void **state)
{
    const Case *c = *state;
    if (!reference_available()) {
        print_message("%s: ../shared/tools/ladder_numpy.py or numpy missing, skipped\n", c->id);
        skip();
    }
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *scenario = g_build_filename(tu_srcdir(), c->scenario, NULL);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *ours = g_build_filename(out, "summary.json", NULL);
    g_autofree char *theirs = g_build_filename(dir, "reference.json", NULL);
    g_autofree char *copies = g_build_filename(dir, "scenarios", NULL);
    assert_int_equal(g_mkdir(copies, 0700), 0);
    g_autofree char *plain = without_costs(scenario, copies);
    g_auto(TuRun) r = c->uncertain
                  ? tu_ladder(NULL, "run", scenario, "--reps", REFERENCE_REPS, "--seed", "11", "--no-charts",
                              "--quiet", "--out", out, NULL)
                  : tu_ladder(NULL, "run", scenario, "--reps", REFERENCE_REPS, "--seed", "11", "--no-charts",
                              "--quiet", "--out", out, "--no-uncertainty", NULL);
    assert_int_equal(r.status, 0);
    g_autofree char *ref = tool("ladder_numpy.py");
    g_autofree char *agree = tool("agree.py");
    const char *run_ref[] = {"/usr/bin/python3", ref, plain, "--reps", REFERENCE_REPS, "--seed", "12",
                             "--json", theirs, c->uncertain ? NULL : "--no-uncertainty", NULL};
    g_autofree char *ref_out = NULL;
    if (spawn(run_ref, &ref_out) != 0)
        fail_msg("%s: the reference failed: %s", c->id, ref_out);
    const char *compare[] = {"/usr/bin/python3", agree, ours, theirs, NULL};
    g_autofree char *verdict = NULL;
    int status = spawn(compare, &verdict);
    print_message("%s: %s", c->id, verdict);
    if (status != 0)
        fail_msg("%s: ladder and the reference disagree: %s", c->id, verdict);
}

/* The reference has no regions: the parts' summaries it writes, added up
 * in the region's years by stage and list id (means and exact
 * expectations add; the parts are independent without [common], so
 * variances add too), as one summary; and ours without targets (a
 * region's target needs the parts' joint distribution, which the
 * reference does not keep).  argv: ours, the combined file to write, then
 * each part's reference summary. */
static const char combine_py[] =
    "import json, math, sys\n"
    "ours = json.load(open(sys.argv[1])); years = ours['years']\n"
    "def add(items, key, parts):\n"
    "    out = []\n"
    "    for it in items:\n"
    "        c = {'expected': [0.0] * len(years), 'mean': [0.0] * len(years), 'sd': [0.0] * len(years)}\n"
    "        for p in parts:\n"
    "            for q in p.get(key[0], []):\n"
    "                if q['id'] != it['id']: continue\n"
    "                for t, y in enumerate(years):\n"
    "                    k = p['years'].index(y); v = q[key[1]]\n"
    "                    c['expected'][t] += v['expected'][k]; c['mean'][t] += v['mean'][k]\n"
    "                    c['sd'][t] = math.hypot(c['sd'][t], v['sd'][k])\n"
    "        out.append({'id': it['id'], key[1]: c})\n"
    "    return out\n"
    "parts = [json.load(open(f)) for f in sys.argv[3:]]\n"
    "theirs = {'replications': parts[0]['replications'], 'years': years, 'targets': [],\n"
    "          'stages': add(ours['stages'], ('stages', 'stock'), parts),\n"
    "          'lists': add(ours['lists'], ('lists', 'count'), parts)}\n"
    "ours['targets'] = []\n"
    "json.dump(ours, open(sys.argv[1] + '.notargets', 'w')); json.dump(theirs, open(sys.argv[2], 'w'))\n";

/* The 常州 region without its [common] lines (common factors fixed at 1)
 * against its two districts run by the reference and added up. */
static void test_region_agrees(void **state)
{
    (void)state;
    if (!reference_available()) {
        print_message("region: ../shared/tools/ladder_numpy.py or numpy missing, skipped\n");
        skip();
    }
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *copies = g_build_filename(dir, "scenarios", NULL);
    assert_int_equal(g_mkdir(copies, 0700), 0);
    g_autofree char *tianning = g_build_filename(tu_srcdir(), "scenarios", "tianning-2025.ini", NULL);
    g_autofree char *t = without_costs(tianning, copies);
    g_autofree char *w = g_build_filename(copies, "wujin-2025.ini", NULL);
    g_autofree char *region = tu_write(copies, "cz.ini", "[scenario]\nname=cz\nhorizon=2025\n"
                                                         "parts=wujin-2025.ini, tianning-2025.ini\n");
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *ours = g_build_filename(out, "summary.json", NULL);
    g_auto(TuRun) r = tu_ladder(NULL, "run", region, "--reps", REFERENCE_REPS, "--seed", "11", "--no-charts",
                                "--quiet", "--out", out, NULL);
    assert_int_equal(r.status, 0);
    g_autofree char *ref = tool("ladder_numpy.py"), *agree = tool("agree.py");
    const char *files[] = {w, t};
    char *theirs[2];
    for (int i = 0; i < 2; i++) {
        theirs[i] = g_strdup_printf("%s/part%d.json", dir, i);
        const char *run_ref[] = {"/usr/bin/python3", ref, files[i], "--reps", REFERENCE_REPS, "--seed", i ? "13" : "12",
                                 "--json", theirs[i], NULL};
        g_autofree char *ref_out = NULL;
        if (spawn(run_ref, &ref_out) != 0)
            fail_msg("region: the reference failed on %s: %s", files[i], ref_out);
    }
    g_autofree char *combined = g_build_filename(dir, "combined.json", NULL);
    g_autofree char *notargets = g_strconcat(ours, ".notargets", NULL);
    const char *combine[] = {"/usr/bin/python3", "-c", combine_py, ours, combined, theirs[0], theirs[1], NULL};
    g_autofree char *combine_out = NULL;
    if (spawn(combine, &combine_out) != 0)
        fail_msg("region: combining the parts failed: %s", combine_out);
    const char *compare[] = {"/usr/bin/python3", agree, notargets, combined, NULL};
    g_autofree char *verdict = NULL;
    int status = spawn(compare, &verdict);
    print_message("region: %s", verdict);
    g_free(theirs[0]);
    g_free(theirs[1]);
    if (status != 0)
        fail_msg("region: ladder and the reference's parts disagree: %s", verdict);
}

int main(void)
{
    struct CMUnitTest tests[G_N_ELEMENTS(cases) + 1];
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
        tests[i] = (struct CMUnitTest){cases[i].id, test_agrees, NULL, NULL, (void *)&cases[i]};
    tests[G_N_ELEMENTS(cases)] = (struct CMUnitTest){"reference-region", test_region_agrees, NULL, NULL, NULL};
    return cmocka_run_group_tests_name("reference", tests, NULL, NULL);
}
