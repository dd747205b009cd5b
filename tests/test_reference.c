/* test_reference.c: ladder against the independent NumPy implementation of
 * the same rules (../shared/tools/ladder_numpy.py), on every bundled
 * scenario and tests/data/lists.ini, with and without uncertainty: stock
 * and list means and target probabilities within Monte Carlo error
 * (z <= 5, agree.py), exact expectations to 1e-6.  Skipped where the reference or numpy is missing.
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

int main(void)
{
    struct CMUnitTest tests[G_N_ELEMENTS(cases)];
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
        tests[i] = (struct CMUnitTest){cases[i].id, test_agrees, NULL, NULL, (void *)&cases[i]};
    return cmocka_run_group_tests_name("reference", tests, NULL, NULL);
}
