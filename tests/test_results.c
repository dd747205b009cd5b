/* test_results.c: the result files' contract (results.c): every command's
 * files read back through results_read; a file that is not what ladder
 * writes (a key missing, mistyped or unknown, schema_version missing or
 * another) is exit 2 from `ladder report` naming the file and the key; a
 * writer breaking the table is an internal error and writes nothing; and
 * docs/results.md is the table's own text.
 *
 *   LADDER_WRITE_DOCS=docs/results.md build/tests/test_results
 * writes docs/results.md afresh (make results-doc) instead of testing.
 * SPDX-License-Identifier: MIT */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "i18n.h"
#include "out_table.h"
#include "results.h"

#define REPS "200"

/* The result folders of every command, made once by setup_folders. */
static char *folders;

/* Each command, its folder's name and its arguments (the scenario files
 * relative to the repository; --out and the run settings are added). */
static const struct {
    const char *name;
    const char *args[12];
    gboolean fits;  /* fit-roster: no run flags, and no report (its folder holds no run) */
} commands[] = {
    {"run", {"run", "scenarios/tianning-2025.ini", NULL}},
    {"run-en", {"run", "tests/data/lists.ini", NULL}},  /* an English scenario with lists */
    {"run-roster", {"run", "scenarios/tianning-2025.ini", "--roster", "scenarios/roster/tianning-2025.csv", NULL}},
    {"run-service", {"run", "scenarios/roster/tianning-2025-effects.ini", "--roster", "scenarios/roster/tianning-2025.csv",
                     "--service", "hightech -> gazelle = *1.3", "--serve-top", "5", NULL}},
    {"sensitivity", {"sensitivity", "scenarios/tianning-2025.ini", NULL}},
    {"sensitivity-central", {"sensitivity", "scenarios/tianning-2025.ini", "--central", "--baselines", NULL}},
    {"solve", {"solve", "scenarios/tianning-2025.ini", "--target", "高新技术企业500家", "--probability", "0.8",
               "--lever", "recruitment.tech_sme", NULL}},
    {"solve-set", {"solve", "scenarios/tianning-2025.ini", "--target", "高新技术企业500家", "--probability", "0.8",
                   "--lever", "tech_sme -> hightech", "--mode", "set", NULL}},
    {"compare", {"compare", "scenarios/tianning-2025.ini", "scenarios/tianning-2025-zhuanban.ini", NULL}},
    {"calibrate", {"calibrate", "scenarios/wujin-2025.ini", "--history", "scenarios/history/wujin.csv", "--fit",
                   "tech_sme -> hightech,hightech -> gazelle", NULL}},
    {"backtest", {"backtest", "scenarios/wujin-2025.ini", "--history", "scenarios/history/wujin.csv", "--until",
                  "2017", "--fit", "tech_sme -> hightech", NULL}},
    {"allocate", {"allocate", "scenarios/tianning-2025-budget.ini", "--budget", "2000", "--probability", "0.3",
                  "-n", "500", NULL}},
    {"fit-roster", {"fit-roster", "scenarios/tianning-2025.ini", "--outcomes", "scenarios/roster/tianning-2025-outcomes.csv",
                    NULL}, TRUE},
};

static int setup_folders(void **state)
{
    (void)state;
    folders = tu_tmpdir();
    for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
        g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
        for (gsize k = 0; commands[i].args[k]; k++)
            g_ptr_array_add(argv, k == 0 || commands[i].args[k][0] == '-' || !strchr(commands[i].args[k], '/')
                                      ? g_strdup(commands[i].args[k])
                                      : g_build_filename(tu_srcdir(), commands[i].args[k], NULL));
        const char *more[] = {"--reps", REPS, "--seed", "11", "--threads", "1", "--no-charts", "-q", "--out"};
        for (gsize k = commands[i].fits ? 6 : 0; k < G_N_ELEMENTS(more); k++)
            g_ptr_array_add(argv, g_strdup(more[k]));
        g_ptr_array_add(argv, g_build_filename(folders, commands[i].name, NULL));
        g_ptr_array_add(argv, NULL);
        TuRun r = tu_ladder_spawn(NULL, (const char *const *)argv->pdata, NULL, NULL);
        tu_assert_status(&r, 0);
        tu_run_clear(&r);
    }
    return 0;
}

static int teardown_folders(void **state)
{
    (void)state;
    tu_rmrf(folders);
    g_free(folders);
    return 0;
}

/* The kind of the file named `name`, or RESULTS_N_KINDS when none. */
static ResultsKind kind_named(const char *name)
{
    for (int k = 0; k < RESULTS_N_KINDS; k++)
        if (strcmp(results_file((ResultsKind)k), name) == 0)
            return (ResultsKind)k;
    return RESULTS_N_KINDS;
}

/* Reads every .json under `dir` (any depth) through results_read, counting
 * each kind seen in seen[]; fails on an error or a .json of no kind. */
static void read_all(const char *dir, int *seen)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    for (const char *n; (n = g_dir_read_name(d));) {
        g_autofree char *path = g_build_filename(dir, n, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
            read_all(path, seen);
            continue;
        }
        if (!g_str_has_suffix(n, ".json"))
            continue;
        ResultsKind kind = kind_named(n);
        if (kind == RESULTS_N_KINDS)
            fail_msg("%s: a JSON file results.c has no table for", path);
        GError *error = NULL;
        g_autoptr(JsonNode) root = results_read(dir, kind, NULL, &error);
        if (root == NULL)
            fail_msg("%s does not read back: %s", path, error ? error->message : "absent");
        /* schema_version first, as the bytes show it */
        g_autofree char *text = tu_read_text(dir, n);
        if (!g_str_has_prefix(text, "{\n  \"schema_version\" : 4,\n"))
            fail_msg("%s does not open with schema_version", path);
        seen[kind]++;
    }
}

/* Every command's every JSON file reads back through results_read, with
 * schema_version first, and between them they write every kind; each
 * folder's report is written. */
static void test_every_command(void **state)
{
    (void)state;
    int seen[RESULTS_N_KINDS] = {0};
    read_all(folders, seen);
    for (int k = 0; k < RESULTS_N_KINDS; k++)
        if (seen[k] == 0)
            fail_msg("no command wrote %s", results_file((ResultsKind)k));
    for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
        if (commands[i].fits)
            continue;
        g_autofree char *dir = g_build_filename(folders, commands[i].name, NULL);
        g_autofree char *html = g_build_filename(dir, "report.html", NULL);
        TuRun r = tu_ladder(NULL, "report", dir, "-q", "-o", html, NULL);
        tu_assert_status(&r, 0);
        tu_run_clear(&r);
        assert_true(g_file_test(html, G_FILE_TEST_EXISTS));
        g_unlink(html);
    }
}

/* ---- damaged files ------------------------------------------------------------ */

/* In the file `path`, sets the member or element at `key` ("targets[1].probability")
 * to the JSON `value`, or removes it when `value` is NULL; a member not
 * there is added. */
static void damage(const char *path, const char *key, const char *value)
{
    g_autoptr(JsonParser) p = json_parser_new();
    assert_true(json_parser_load_from_file(p, path, NULL));
    JsonNode *node = json_parser_get_root(p);
    g_auto(GStrv) steps = g_strsplit_set(key, ".[", -1);  /* "targets", "1]", "probability" */
    guint n = g_strv_length(steps);
    for (guint i = 0; i < n; i++) {
        gboolean last = i + 1 == n, index = g_str_has_suffix(steps[i], "]");
        JsonNode *next = index ? json_array_get_element(json_node_get_array(node), (guint)atoi(steps[i]))
                               : json_object_get_member(json_node_get_object(node), steps[i]);
        if (last && value == NULL) {
            if (index)
                json_array_remove_element(json_node_get_array(node), (guint)atoi(steps[i]));
            else
                json_object_remove_member(json_node_get_object(node), steps[i]);
        } else if (last) {
            g_autoptr(JsonParser) v = json_parser_new();
            assert_true(json_parser_load_from_data(v, value, -1, NULL));
            JsonNode *copy = json_node_copy(json_parser_get_root(v));
            if (!index) {
                json_object_set_member(json_node_get_object(node), steps[i], copy);
            } else {  /* arrays have no setter: the array made again */
                JsonArray *old = json_node_get_array(node);
                g_autoptr(JsonArray) made = json_array_new();
                for (guint k = 0; k < json_array_get_length(old); k++)
                    json_array_add_element(made, k == (guint)atoi(steps[i]) ? copy
                                                                            : json_node_copy(json_array_get_element(old, k)));
                json_node_set_array(node, made);
            }
            break;
        }
        assert_true(last || next != NULL);
        node = next;
    }
    g_autoptr(JsonGenerator) gen = json_generator_new();
    json_generator_set_pretty(gen, TRUE);
    json_generator_set_root(gen, json_parser_get_root(p));
    assert_true(json_generator_to_file(gen, path, NULL));
}

typedef struct {
    const char *id;
    const char *folder;  /* a commands[] name */
    const char *file;    /* in it */
    const char *key;     /* what damage() changes; NULL: the file is removed */
    const char *value;   /* to what; NULL: removed */
    const char *want;    /* on stderr after "ladder: FOLDER/FILE" */
} Damage;

static const Damage damages[] = {
    {"res-1.1", "run", "summary.json", "targets[1].probability", NULL, ": key 'targets[1].probability' is missing"},
    {"res-1.2", "run", "summary.json", "stages[0].stock.p50[3]", "\"12\"",
     ": key 'stages[0].stock.p50[3]' is a string, expected an integer"},
    {"res-1.3", "run", "summary.json", "targets[0].probabilty", "0.5",
     ": key 'targets[0].probabilty' is not a key of summary.json"},
    {"res-1.4", "run", "scenario.json", "schema_version", NULL,
     " was written by an older version of ladder (no schema_version, this ladder reads schema 4): re-run the "
     "`ladder run`, `sensitivity`, `solve`, `compare`, `calibrate`, `backtest` or `allocate` that made it"},
    {"res-1.5", "solve", "solve.json", "schema_version", "0",
     " was written by an older version of ladder (schema 0, this ladder reads schema 4): re-run the `ladder solve` "
     "that made it"},
    {"res-1.6", "solve", "solve.json", "schema_version", "5", " was written by a newer version of ladder (schema 5,"},
    {"res-1.7", "solve", "solve.json", "evaluations[2].probability", "\"0.5\"",
     ": key 'evaluations[2].probability' is a string, expected a number"},
    {"res-1.8", "solve", "solve.json", "reachable", "null", ": key 'reachable' is null, expected a boolean"},
    {"res-1.9", "compare", "compare.json", "differences[0].ci95", NULL, ": key 'differences[0].ci95' is missing"},
    {"res-1.10", "compare", "tianning-2025/summary.json", "all_targets_probability", "true",
     ": key 'all_targets_probability' is a boolean, expected a number"},
    {"res-1.11", "sensitivity", "sensitivity.json", "targets[0].rows[0].swing", "null",
     ": key 'targets[0].rows[0].swing' is null, expected a number"},
    {"res-1.12", "sensitivity-central", "sensitivity.json", "schema_version", NULL,
     " was written by an older version of ladder (no schema_version, this ladder reads schema 4): re-run the "
     "`ladder sensitivity` that made it"},
    {"res-1.13", "calibrate", "calibrate.json", "parameters[0].status", NULL,
     ": key 'parameters[0].status' is missing"},
    {"res-1.14", "calibrate", "forecast/summary.json", "years", "{}", ": key 'years' is an object, expected an array"},
    {"res-1.15", "backtest", "backtest.json", "points[0].inside", "1",
     ": key 'points[0].inside' is an integer, expected a boolean"},
    {"res-1.16", "backtest", "backtest.json", "schema_version", "\"1\"",
     " was written by another version of ladder (a schema_version that is not an integer, this ladder reads schema 4)"},
    {"res-1.17", "backtest", "calibrate.json", "schema_version", "0", " was written by an older version of ladder "
     "(schema 0, this ladder reads schema 4): re-run the `ladder calibrate` or `backtest` that made it"},
    {"res-1.18", "run", "scenario.json", "stages", "7", ": key 'stages' is an integer, expected an array"},
    /* an attribute is any member of attributes ("attributes.*"), a number */
    {"res-1.19", "run-service", "cultivation.json", "targets[0].firms[0].attributes.rd_intensity", "\"x\"",
     ": key 'targets[0].firms[0].attributes.rd_intensity' is a string, expected a number"},
    {"res-1.20", "run-service", "cultivation.json", "targets[1].served_together.difference", NULL,
     ": key 'targets[1].served_together.difference' is missing"},
    /* a file the folder's command always writes, gone */
    {"res-2.1", "solve", "solve.json", NULL, NULL, " is missing, and `ladder solve` (which wrote the folder) always "
     "writes it: re-run the `ladder solve` that made it"},
    {"res-2.2", "run", "summary.json", NULL, NULL, " is missing, and `ladder run` (which wrote the folder)"},
    {"res-2.3", "sensitivity", "sensitivity.json", NULL, NULL, " is missing, and `ladder sensitivity`"},
    {"res-2.4", "compare", "tianning-2025/summary.json", NULL, NULL, " is missing, and `ladder compare`"},
    {"res-2.5", "calibrate", "forecast/summary.json", NULL, NULL, " is missing, and `ladder calibrate`"},
    {"res-2.6", "backtest", "backtest.json", NULL, NULL, " is missing, and `ladder backtest`"},
};

/* A command's folder copied, one file damaged: `ladder report` is exit 2,
 * names the file and the key, and writes no page. */
static void test_damage(void **state)
{
    const Damage *c = *state;
    g_autofree char *dir = tu_tmpdir();
    g_autofree char *cmd = g_strdup_printf("cp -r '%s/%s' '%s/res'", folders, c->folder, dir);
    assert_int_equal(system(cmd), 0);
    g_autofree char *res = g_build_filename(dir, "res", NULL);
    g_autofree char *file = g_build_filename(res, c->file, NULL);
    if (c->key)
        damage(file, c->key, c->value);
    else
        assert_int_equal(g_unlink(file), 0);
    TuRun r = tu_ladder(NULL, "report", res, NULL);
    tu_assert_status(&r, 2);
    g_autofree char *want = g_strconcat("ladder: ", file, c->want, NULL);
    tu_assert_contains(r.err, want);
    tu_run_clear(&r);
    g_autofree char *html = g_build_filename(res, "report.html", NULL);
    assert_false(g_file_test(html, G_FILE_TEST_EXISTS));
    tu_rmrf(dir);
}

/* A file legitimately absent stays absent: calibrate.json (written only
 * with --fit), or any file of a folder no marker says the command of. */
static void test_absent(void **state)
{
    (void)state;
    static const char *const gone[][2] = {
        {"calibrate", "calibrate.json"},
        {"solve", "solve.json"},  /* and the marker: a folder made by hand */
    };
    for (gsize i = 0; i < G_N_ELEMENTS(gone); i++) {
        g_autofree char *dir = tu_tmpdir();
        g_autofree char *cmd = g_strdup_printf("cp -r '%s/%s' '%s/res'", folders, gone[i][0], dir);
        assert_int_equal(system(cmd), 0);
        g_autofree char *res = g_build_filename(dir, "res", NULL);
        g_autofree char *file = g_build_filename(res, gone[i][1], NULL);
        assert_int_equal(g_unlink(file), 0);
        if (i == 1) {
            g_autofree char *marker = g_build_filename(res, ".ladder-output", NULL);
            assert_int_equal(g_unlink(marker), 0);
        }
        TuRun r = tu_ladder(NULL, "report", res, "-q", NULL);
        tu_assert_status(&r, 0);
        tu_run_clear(&r);
        tu_rmrf(dir);
    }
}

/* ---- the writer's side, in process --------------------------------------------- */

/* `json` parsed (caller frees). */
static JsonNode *parse(const char *json)
{
    g_autoptr(JsonParser) p = json_parser_new();
    assert_true(json_parser_load_from_data(p, json, -1, NULL));
    return json_node_copy(json_parser_get_root(p));
}

/* results_save of a tree that breaks the table: an INTERNAL error (exit 1)
 * naming the file and the key, and no file; of a whole tree: the file,
 * schema_version first, the tree's members after it in their order. */
#define H "\"history\": \"h.csv\", \"history_sha256\": \"00\", \"region\": null, \"cv\": 0, " /* backtest.json's first keys */

static void test_save(void **state)
{
    (void)state;
    static const struct {
        const char *json, *want;
    } bad[] = {
        {"{" H "\"checked\": 0, \"inside\": 0, \"coverage\": null, \"points\": []}", "backtest.json: key 'until' is missing"},
        {"{" H "\"until\": 2017, \"checked\": 0, \"inside\": 0, \"coverage\": null, \"points\": [], \"extra\": 1}",
         "backtest.json: key 'extra' is not a key of backtest.json"},
        {"{" H "\"until\": 2017, \"checked\": 0, \"inside\": 0, \"coverage\": \"x\", \"points\": []}",
         "backtest.json: key 'coverage' is a string, expected a number"},
        {"{" H "\"until\": 2017.5, \"checked\": 0, \"inside\": 0, \"coverage\": null, \"points\": []}",
         "backtest.json: key 'until' is a number, expected an integer"},
    };
    g_autofree char *dir = tu_tmpdir();
    g_autofree char *path = g_build_filename(dir, "backtest.json", NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(JsonNode) root = parse(bad[i].json);
        GError *error = NULL;
        assert_false(results_save(RESULTS_BACKTEST, root, path, &error));
        assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INTERNAL));
        assert_int_equal(errors_exit_code(error), 1);
        tu_assert_contains(error->message, "internal error: ");
        tu_assert_contains(error->message, bad[i].want);
        g_error_free(error);
        assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    }
    g_autoptr(JsonNode) good = parse("{\"history\": \"h.csv\", \"history_sha256\": \"00\", \"region\": null, \"cv\": 0, \"until\": 2017, \"checked\": 1, \"inside\": 1, \"coverage\": 1, \"points\": "
                                     "[{\"year\": 2018, \"stage\": \"a\", \"kind\": \"stock\", \"observed\": 5, "
                                     "\"p5\": 4, \"p50\": 5, \"p95\": 6, \"inside\": true}]}");
    assert_true(results_save(RESULTS_BACKTEST, good, path, NULL));
    g_autofree char *text = tu_read_text(dir, "backtest.json");
    assert_true(g_str_has_prefix(text, "{\n  \"schema_version\" : 4,\n  \"history\" : \"h.csv\",\n  \"history_sha256\" : \"00\",\n  \"region\" : null,\n  \"cv\" : 0,\n  \"until\" : 2017,\n  \"checked\" : 1,\n"));
    tu_rmrf(dir);
}

/* Types as results.c reads them: a number may be integral, an integer may
 * not have a fraction, a seed beyond 2^63-1 is a string of digits (and
 * only then), null only where the table allows it, an absent-able member
 * may be absent. */
static void test_types(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        gboolean ok;
    } cases[] = {
        {"{\"probability_wanted\": 1}", TRUE},
        {"{\"probability_wanted\": 0.5}", TRUE},
        {"{\"from\": 2022.0}", FALSE},
        {"{\"seed\": \"18446744073709551615\"}", TRUE},
        {"{\"seed\": \"9223372036854775807\"}", FALSE},  /* fits an integer: written as one */
        {"{\"seed\": \"12x\"}", FALSE},
        {"{\"value\": null}", TRUE},
        {"{\"lever\": null}", FALSE},
        {"{\"best_value\": 1.5, \"best_probability\": 0.7}", TRUE},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(JsonNode) root = parse(cases[i].json);
        results_fill(RESULTS_SOLVE, root);
        g_autoptr(GError) error = NULL;
        gboolean ok = results_validate(RESULTS_SOLVE, root, "solve.json", &error);
        if (ok != cases[i].ok)
            fail_msg("%s: %s", cases[i].json, ok ? "accepted" : error->message);
    }
    /* best_value may be absent: results_fill leaves it out, and that reads */
    g_autoptr(JsonNode) none = parse("{}");
    results_fill(RESULTS_SOLVE, none);
    assert_false(json_object_has_member(json_node_get_object(none), "best_value"));
    assert_true(results_validate(RESULTS_SOLVE, none, "solve.json", NULL));
}

/* results_read: an absent file is NULL without an error; a file that is
 * not an object names its own shape. */
static void test_read(void **state)
{
    (void)state;
    g_autofree char *dir = tu_tmpdir();
    GError *error = NULL;
    assert_null(results_read(dir, RESULTS_SOLVE, NULL, &error));
    assert_null(error);
    assert_null(results_read(dir, RESULTS_CALIBRATE, "calibrate", &error));  /* only with --fit */
    assert_null(error);
    assert_null(results_read(dir, RESULTS_SOLVE, "solve", &error));
    g_autofree char *missing = g_strdup_printf("%s/solve.json is missing, and `ladder solve` (which wrote the "
                                               "folder) always writes it", dir);
    assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT));
    tu_assert_contains(error->message, missing);
    g_clear_error(&error);
    g_autofree char *path = tu_write(dir, "solve.json", "[1]");
    assert_null(results_read(dir, RESULTS_SOLVE, NULL, &error));
    assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT));
    tu_assert_contains(error->message, "solve.json was written by an older version of ladder (no schema_version");
    g_clear_error(&error);
    g_free(tu_write(dir, "solve.json", "{\"schema_version\": 4, \"lever\": 3}"));
    assert_null(results_read(dir, RESULTS_SOLVE, NULL, &error));
    g_autofree char *want = g_strdup_printf("%s: key 'lever' is an integer, expected a string", path);
    assert_string_equal(error->message, want);
    g_clear_error(&error);
    tu_rmrf(dir);
}

/* ---- the table and its page ---------------------------------------------------------- */

/* Every key has a meaning and a known type; the document and
 * schema_version open every table. */
static void test_tables(void **state)
{
    (void)state;
    for (int k = 0; k < RESULTS_N_KINDS; k++) {
        gsize n = 0;
        const ResultsKey *keys = results_keys((ResultsKind)k, &n);
        assert_true(n > 3);
        assert_string_equal(keys[0].path, "");
        assert_string_equal(keys[1].path, "schema_version");
        assert_int_equal(keys[1].type, RESULTS_INTEGER);
        for (gsize i = 0; i < n; i++) {
            if (keys[i].meaning == NULL || *keys[i].meaning == '\0' || keys[i].unit == NULL)
                fail_msg("%s: key '%s' has no meaning", results_file((ResultsKind)k), keys[i].path);
            assert_true(keys[i].type < RESULTS_PART);
        }
    }
}

/* docs/results.md is the tables' page as results_doc_markdown prints it,
 * and it lists each key of each file with its type. */
static void test_docs(void **state)
{
    (void)state;
    g_autofree char *docs = g_build_filename(tu_srcdir(), "docs", NULL);
    g_autofree char *committed = tu_read_text(docs, "results.md");
    g_autofree char *made = results_doc_markdown();
    if (strcmp(committed, made) != 0)
        fail_msg("docs/results.md is not the tables' page: run `make results-doc` and commit it");
    gsize n = 0;
    const ResultsKey *keys = results_keys(RESULTS_SOLVE, &n);
    for (gsize i = 1; i < n; i++) {
        g_autofree char *row = g_strdup_printf("| `%s` |", keys[i].path);
        tu_assert_contains(made, row);
    }
    tu_assert_contains(made, "| `targets[].probability` | number | probability, 0..1 |");
    tu_assert_contains(made, "| `best_value` | number or null, may be absent |");
}

/* ---- the CSV files against their JSON ------------------------------------------------ */

/* The rows of the CSV text `text` (RFC 4180: quoted fields, doubled quotes,
 * CRLF line ends), each a NULL-ended array of fields; fails on a bare LF. */
static GPtrArray *csv_parse(const char *text, const char *path)
{
    GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    GPtrArray *row = g_ptr_array_new();
    GString *field = g_string_new(NULL);
    gboolean quoted = FALSE;
    for (const char *p = text; *p; p++) {
        if (quoted) {
            if (*p == '"' && p[1] == '"')
                g_string_append_c(field, *p++);
            else if (*p == '"')
                quoted = FALSE;
            else
                g_string_append_c(field, *p);
        } else if (*p == '"') {
            quoted = TRUE;
        } else if (*p == ',') {
            g_ptr_array_add(row, g_strdup(field->str));
            g_string_truncate(field, 0);
        } else if (*p == '\r' && p[1] == '\n') {
            g_ptr_array_add(row, g_strdup(field->str));
            g_string_truncate(field, 0);
            g_ptr_array_add(row, NULL);
            g_ptr_array_add(rows, g_ptr_array_free(row, FALSE));
            row = g_ptr_array_new();
            p++;
        } else if (*p == '\n') {
            fail_msg("%s: a line ends without CR", path);
        } else {
            g_string_append_c(field, *p);
        }
    }
    if (row->len > 0 || field->len > 0)
        fail_msg("%s: the last line does not end with CRLF", path);
    g_ptr_array_free(row, TRUE);
    g_string_free(field, TRUE);
    return rows;
}

/* The member of `row` a column key names ("ci95[1]": an array's element,
 * "attributes.rd": an object's member). */
static JsonNode *csv_member(JsonObject *row, const char *key)
{
    const char *dot = strchr(key, '.');
    if (dot) {
        g_autofree char *name = g_strndup(key, (gsize)(dot - key));
        JsonNode *o = json_object_get_member(row, name);
        return o && JSON_NODE_HOLDS_OBJECT(o) ? json_object_get_member(json_node_get_object(o), dot + 1) : NULL;
    }
    const char *bracket = strchr(key, '[');
    if (bracket == NULL)
        return json_object_get_member(row, key);
    g_autofree char *name = g_strndup(key, (gsize)(bracket - key));
    JsonNode *a = json_object_get_member(row, name);
    guint i = (guint)atoi(bracket + 1);
    if (a == NULL || JSON_NODE_HOLDS_NULL(a) || i >= json_array_get_length(json_node_get_array(a)))
        return NULL;
    return json_array_get_element(json_node_get_array(a), i);
}

/* The cell `cell` shows `want`: blank for null or absent, the language's
 * member of a {zh, en} object, yes/no words for a boolean, the same number
 * within `tol` (0: the JSON's exact double), the same text. */
static void csv_check_cell(const char *where, const char *cell, JsonNode *want, const char *lang, double tol)
{
    if (want && JSON_NODE_HOLDS_OBJECT(want))
        want = json_object_get_member(json_node_get_object(want), lang);
    if (want == NULL || JSON_NODE_HOLDS_NULL(want)) {
        if (*cell)
            fail_msg("%s: '%s', want a blank cell", where, cell);
        return;
    }
    GType t = json_node_get_value_type(want);
    if (t == G_TYPE_BOOLEAN) {
        const char *words = i18n_text(lang, json_node_get_boolean(want) ? I18N_CSV_YES : I18N_CSV_NO);
        if (strcmp(cell, words) != 0)
            fail_msg("%s: '%s', want '%s'", where, cell, words);
    } else if (t == G_TYPE_STRING) {
        if (strcmp(cell, json_node_get_string(want)) != 0)
            fail_msg("%s: '%s', want '%s'", where, cell, json_node_get_string(want));
    } else {
        char *end = NULL;
        double x = g_ascii_strtod(cell, &end);
        double w = t == G_TYPE_INT64 ? (double)json_node_get_int(want) : json_node_get_double(want);
        if (*cell == '\0' || *end != '\0' || fabs(x - w) > tol)
            fail_msg("%s: '%s', want %.17g", where, cell, w);
        if (t == G_TYPE_INT64 && tol == 0 && strchr(cell, '.'))
            fail_msg("%s: '%s', want an integer", where, cell);
    }
}

/* A copy of every member of `from` that `to` lacks. */
static void csv_join(JsonObject *to, JsonObject *from)
{
    g_autoptr(GList) names = json_object_get_members(from);
    for (GList *l = names; l; l = l->next)
        if (!json_object_has_member(to, l->data))
            json_object_set_member(to, l->data, json_node_copy(json_object_get_member(from, l->data)));
}

/* A new row object: the members of `a` then those of `b` (NULL: none). */
static JsonObject *csv_row(JsonObject *a, JsonObject *b)
{
    JsonObject *row = json_object_new();
    csv_join(row, a);
    if (b)
        csv_join(row, b);
    return row;
}

/* summary.json's stages and lists, a row per year, as summary.csv has them. */
static void expect_summary(GPtrArray *rows, JsonObject *root)
{
    static const char *const arrays[] = {"stages", "lists"};
    JsonArray *years = json_object_get_array_member(root, "years");
    for (gsize k = 0; k < G_N_ELEMENTS(arrays); k++) {
        JsonArray *a = json_object_get_array_member(root, arrays[k]);
        for (guint i = 0; i < json_array_get_length(a); i++) {
            JsonObject *o = json_array_get_object_element(a, i);
            JsonObject *d = json_object_get_object_member(o, k == 0 ? "stock" : "count");
            for (guint y = 0; y < json_array_get_length(years); y++) {
                JsonObject *row = json_object_new();
                json_object_set_member(row, "id", json_node_copy(json_object_get_member(o, "id")));
                json_object_set_member(row, "name", json_node_copy(json_object_get_member(o, "name")));
                json_object_set_member(row, "year", json_node_copy(json_array_get_element(years, y)));
                static const char *const keys[] = {"expected", "mean", "sd", "p5", "p25", "p50", "p75", "p95"};
                for (gsize j = 0; j < G_N_ELEMENTS(keys); j++)
                    json_object_set_member(row, keys[j],
                                           json_node_copy(json_array_get_element(
                                               json_object_get_array_member(d, keys[j]), y)));
                if (k == 0)
                    json_object_set_member(row, "new_mean", json_node_copy(json_array_get_element(
                        json_object_get_array_member(json_object_get_object_member(o, "new"), "mean"), y)));
                g_ptr_array_add(rows, row);
            }
        }
    }
}

/* summary.json's targets, then every target together; each verdict is
 * the band of its probability. */
static void expect_targets(GPtrArray *rows, JsonObject *root, const char *lang)
{
    JsonArray *targets = json_object_get_array_member(root, "targets");
    for (guint i = 0; i < json_array_get_length(targets); i++) {
        JsonObject *t = json_array_get_object_element(targets, i);
        assert_string_equal(json_object_get_string_member(t, "verdict"),
                            out_table_verdict_code(json_object_get_double_member(t, "probability")));
        assert_string_equal(json_object_get_string_member(t, "verdict_words"),
                            out_table_verdict(lang, json_object_get_double_member(t, "probability")));
        g_ptr_array_add(rows, csv_row(t, NULL));
    }
    if (json_array_get_length(targets) == 0)
        return;
    JsonObject *all = json_object_new();
    json_object_set_string_member(all, "name", i18n_text(lang, I18N_CSV_ALL_TARGETS));
    static const char *const keys[] = {"probability", "se", "verdict", "verdict_words"};
    for (gsize k = 0; k < G_N_ELEMENTS(keys); k++) {
        g_autofree char *from = g_strconcat("all_targets_", keys[k], NULL);
        json_object_set_member(all, keys[k], json_node_copy(json_object_get_member(root, from)));
    }
    assert_string_equal(json_object_get_string_member(all, "verdict"),
                        out_table_verdict_code(json_object_get_double_member(all, "probability")));
    g_ptr_array_add(rows, all);
}

/* compare.json's differences, each with its cost_effectiveness (matched by
 * scenario and target) and its scenario's total cost. */
static void expect_compare(GPtrArray *rows, JsonObject *root)
{
    JsonArray *diffs = json_object_get_array_member(root, "differences");
    JsonArray *costs = json_object_get_array_member(root, "cost_effectiveness");
    JsonArray *scenarios = json_object_get_array_member(root, "scenarios");
    for (guint i = 0; i < json_array_get_length(diffs); i++) {
        JsonObject *d = json_array_get_object_element(diffs, i);
        JsonObject *row = csv_row(d, NULL);
        for (guint j = 0; j < json_array_get_length(costs); j++) {
            JsonObject *c = json_array_get_object_element(costs, j);
            if (g_str_equal(json_object_get_string_member(c, "scenario"), json_object_get_string_member(d, "scenario")) &&
                g_str_equal(json_object_get_string_member(c, "target"), json_object_get_string_member(d, "target")))
                csv_join(row, c);
        }
        for (guint k = 0; k < json_array_get_length(scenarios); k++) {
            JsonObject *sc = json_array_get_object_element(scenarios, k);
            if (g_str_equal(json_object_get_string_member(sc, "id"), json_object_get_string_member(d, "scenario")))
                json_object_set_member(row, "total_cost", json_node_copy(json_object_get_member(sc, "total_cost")));
        }
        g_ptr_array_add(rows, row);
    }
}

static void expect_sensitivity(GPtrArray *rows, JsonObject *root)
{
    JsonArray *targets = json_object_get_array_member(root, "targets");
    for (guint k = 0; k < json_array_get_length(targets); k++) {
        JsonObject *t = json_array_get_object_element(targets, k);
        JsonArray *trows = json_object_get_array_member(t, "rows");
        for (guint i = 0; i < json_array_get_length(trows); i++) {
            JsonObject *row = csv_row(json_array_get_object_element(trows, i), NULL);
            json_object_set_string_member(row, "target", json_object_get_string_member(t, "name"));
            json_object_set_member(row, "base_probability", json_node_copy(json_object_get_member(t, "base_probability")));
            g_ptr_array_add(rows, row);
        }
    }
}

static void expect_solve(GPtrArray *rows, JsonObject *root)
{
    JsonArray *points = json_object_get_array_member(root, "evaluations");
    JsonNode *answer = json_object_get_member(root, "value");
    int answers = 0;
    for (guint i = 0; i < json_array_get_length(points); i++) {
        JsonObject *row = csv_row(json_array_get_object_element(points, i), NULL);
        gboolean is = !JSON_NODE_HOLDS_NULL(answer) &&
                      json_object_get_double_member(row, "value") == json_node_get_double(answer);
        answers += is;
        json_object_set_boolean_member(row, "answer", is);
        g_ptr_array_add(rows, row);
    }
    assert_int_equal(answers, JSON_NODE_HOLDS_NULL(answer) ? 0 : 1);
}

/* firms.csv: firms[].years[].states[], each row with its year's and its
 * firm's values (a state's own first: its id and name are the state's). */
static void expect_firms(GPtrArray *rows, JsonObject *root)
{
    JsonArray *firms = json_object_get_array_member(root, "firms");
    for (guint f = 0; f < json_array_get_length(firms); f++) {
        JsonObject *firm = json_array_get_object_element(firms, f);
        JsonArray *years = json_object_get_array_member(firm, "years");
        for (guint y = 0; y < json_array_get_length(years); y++) {
            JsonObject *year = json_array_get_object_element(years, y);
            JsonArray *states = json_object_get_array_member(year, "states");
            for (guint k = 0; k < json_array_get_length(states); k++) {
                JsonObject *row = csv_row(json_array_get_object_element(states, k), year);
                csv_join(row, firm);
                g_ptr_array_add(rows, row);
            }
        }
    }
}

/* cultivation.csv: targets[].firms[], each row with its target's name (as
 * "target"), condition, year and probability. */
static void expect_cultivation(GPtrArray *rows, JsonObject *root)
{
    JsonArray *targets = json_object_get_array_member(root, "targets");
    for (guint t = 0; t < json_array_get_length(targets); t++) {
        JsonObject *target = json_array_get_object_element(targets, t);
        JsonArray *firms = json_object_get_array_member(target, "firms");
        for (guint k = 0; k < json_array_get_length(firms); k++) {
            JsonObject *row = json_object_new();
            json_object_set_member(row, "target", json_node_copy(json_object_get_member(target, "name")));
            csv_join(row, json_array_get_object_element(firms, k));
            static const char *const of_target[] = {"condition", "year", "probability"};
            for (gsize i = 0; i < G_N_ELEMENTS(of_target); i++)
                json_object_set_member(row, of_target[i], json_node_copy(json_object_get_member(target, of_target[i])));
            g_ptr_array_add(rows, row);
        }
    }
}

/* The columns a CSV of `kind` holds for the rows `want`: keys[i] and
 * header words; a column "a.*" one per member of the object a of the first
 * row, headed by its name. */
static void csv_columns(ResultsCsv kind, const char *lang, GPtrArray *want, GPtrArray *keys, GPtrArray *heads)
{
    gsize n = 0;
    const ResultsCsvColumn *cols = results_csv_columns(kind, &n);
    for (gsize i = 0; i < n; i++) {
        if (!g_str_has_suffix(cols[i].key, ".*")) {
            g_ptr_array_add(keys, g_strdup(cols[i].key));
            g_ptr_array_add(heads, g_strdup(i18n_text(lang, cols[i].header)));
            continue;
        }
        g_autofree char *name = g_strndup(cols[i].key, strlen(cols[i].key) - 2);
        JsonObject *o = want->len ? json_object_get_object_member(want->pdata[0], name) : NULL;
        g_autoptr(GList) members = o ? json_object_get_members(o) : NULL;
        for (GList *l = members; l; l = l->next) {
            g_ptr_array_add(keys, g_strconcat(name, ".", l->data, NULL));
            g_ptr_array_add(heads, g_strdup(l->data));
        }
    }
}

/* allocate.csv: the combinations, best and cheapest marked by their labels. */
static void expect_allocate(GPtrArray *rows, JsonObject *root)
{
    JsonArray *a = json_object_get_array_member(root, "combinations");
    const char *marks[] = {"best", "cheapest"};
    for (guint i = 0; i < json_array_get_length(a); i++) {
        JsonObject *row = csv_row(json_array_get_object_element(a, i), NULL);
        for (gsize k = 0; k < G_N_ELEMENTS(marks); k++) {
            JsonNode *pick = json_object_get_member(root, marks[k]);
            gboolean is = !JSON_NODE_HOLDS_NULL(pick) &&
                          strcmp(json_object_get_string_member(json_node_get_object(pick), "label"),
                                 json_object_get_string_member(row, "label")) == 0;
            json_object_set_boolean_member(row, marks[k], is);
        }
        g_ptr_array_add(rows, row);
    }
}

/* fit.csv: each coefficient with its outcome's rate and the scenario's
 * (stages[].outcomes[], matched by the outcome's key). */
static void expect_fit(GPtrArray *rows, JsonObject *root)
{
    JsonArray *coefs = json_object_get_array_member(root, "coefficients");
    JsonArray *stages = json_object_get_array_member(root, "stages");
    for (guint i = 0; i < json_array_get_length(coefs); i++) {
        JsonObject *c = json_array_get_object_element(coefs, i);
        JsonObject *row = csv_row(c, NULL);
        int found = 0;
        for (guint s = 0; s < json_array_get_length(stages); s++) {
            JsonArray *outs = json_object_get_array_member(json_array_get_object_element(stages, s), "outcomes");
            for (guint k = 0; k < json_array_get_length(outs); k++) {
                JsonObject *o = json_array_get_object_element(outs, k);
                if (!g_str_equal(json_object_get_string_member(o, "key"), json_object_get_string_member(c, "parameter")))
                    continue;
                json_object_set_member(row, "rate", json_node_copy(json_object_get_member(o, "rate")));
                json_object_set_member(row, "rate_scenario", json_node_copy(json_object_get_member(o, "rate_scenario")));
                found++;
            }
        }
        assert_int_equal(found, 1);
        g_ptr_array_add(rows, row);
    }
}

/* The rows of array `name` of `root`. */
static void expect_array(GPtrArray *rows, JsonObject *root, const char *name)
{
    JsonArray *a = json_object_get_array_member(root, name);
    for (guint i = 0; i < json_array_get_length(a); i++)
        g_ptr_array_add(rows, csv_row(json_array_get_object_element(a, i), NULL));
}

/* dir/name (a CSV of `kind`) against the JSON beside it: BOM, CRLF, the
 * header in `lang`, and every cell the JSON's figure. */
static void check_csv(const char *dir, const char *name, ResultsCsv kind, const char *lang)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autofree char *text = tu_read_text(dir, name);
    if (!g_str_has_prefix(text, "\xEF\xBB\xBF"))
        fail_msg("%s: no byte-order mark", path);
    g_autoptr(GPtrArray) csv = csv_parse(text + 3, path);
    assert_true(csv->len >= 1);
    gboolean summary = kind == RESULTS_CSV_SUMMARY || kind == RESULTS_CSV_TARGETS;
    const char *json = summary ? "summary.json" : g_strdup_printf("%.*s.json", (int)(strlen(name) - 4), name);
    g_autoptr(JsonNode) doc = tu_read_json(dir, json);
    if (!summary)
        g_free((char *)json);
    JsonObject *root = json_node_get_object(doc);
    g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func((GDestroyNotify)json_object_unref);
    switch (kind) {
    case RESULTS_CSV_SUMMARY: expect_summary(want, root); break;
    case RESULTS_CSV_TARGETS: expect_targets(want, root, lang); break;
    case RESULTS_CSV_COMPARE: expect_compare(want, root); break;
    case RESULTS_CSV_SENSITIVITY: expect_sensitivity(want, root); break;
    case RESULTS_CSV_SOLVE: expect_solve(want, root); break;
    case RESULTS_CSV_CALIBRATE: expect_array(want, root, "parameters"); break;
    case RESULTS_CSV_ALLOCATE: expect_allocate(want, root); break;
    case RESULTS_CSV_FIRMS: expect_firms(want, root); break;
    case RESULTS_CSV_CULTIVATION: expect_cultivation(want, root); break;
    case RESULTS_CSV_FIT_ROSTER: expect_fit(want, root); break;
    default: expect_array(want, root, "points"); break;
    }
    g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) heads = g_ptr_array_new_with_free_func(g_free);
    csv_columns(kind, lang, want, keys, heads);
    guint n = keys->len;
    char **header = csv->pdata[0];
    assert_int_equal(g_strv_length(header), n);
    for (guint i = 0; i < n; i++)
        if (strcmp(header[i], heads->pdata[i]) != 0)
            fail_msg("%s: header %u is '%s', want '%s'", path, i, header[i], (char *)heads->pdata[i]);
    gsize n_cols = 0;
    const ResultsCsvColumn *cols = results_csv_columns(kind, &n_cols);
    gboolean fixed4 = FALSE;  /* summary.csv's %.4f */
    for (gsize i = 0; i < n_cols; i++)
        fixed4 = fixed4 || strcmp(cols[i].format, "number, 4 decimals") == 0;
    if (csv->len - 1 != want->len)
        fail_msg("%s: %u rows, want %u", path, csv->len - 1, want->len);
    for (guint r = 0; r < want->len; r++) {
        char **row = csv->pdata[r + 1];
        if (g_strv_length(row) != n)
            fail_msg("%s: row %u has %u cells, want %u", path, r + 1, g_strv_length(row), n);
        for (guint i = 0; i < n; i++) {
            const char *key = keys->pdata[i];
            g_autofree char *where = g_strdup_printf("%s: row %u, column %s", path, r + 1, key);
            gboolean four = FALSE;
            for (gsize k = 0; k < n_cols && fixed4; k++)
                four = four || (strcmp(cols[k].key, key) == 0 && strcmp(cols[k].format, "number, 4 decimals") == 0);
            csv_check_cell(where, row[i], csv_member(want->pdata[r], key), lang, four ? 0.5e-4 + 1e-9 : 0);
        }
    }
}

/* Every CSV under `dir` (any depth) checked against its JSON; seen[kind] counted. */
static void check_all_csv(const char *dir, const char *lang, int *seen)
{
    g_autofree char *summary = g_build_filename(dir, "summary.json", NULL);
    g_autofree char *targets = g_build_filename(dir, "targets.csv", NULL);
    if (g_file_test(summary, G_FILE_TEST_EXISTS) && !g_file_test(targets, G_FILE_TEST_EXISTS))
        fail_msg("%s: no targets.csv beside summary.json", dir);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    for (const char *n; d && (n = g_dir_read_name(d));) {
        g_autofree char *path = g_build_filename(dir, n, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
            check_all_csv(path, lang, seen);
            continue;
        }
        if (!g_str_has_suffix(n, ".csv"))
            continue;
        int kind = 0;
        while (kind < RESULTS_CSV_N_KINDS && strcmp(results_csv_file((ResultsCsv)kind), n) != 0)
            kind++;
        if (kind == RESULTS_CSV_N_KINDS)
            fail_msg("%s: a CSV results.c has no columns for", path);
        check_csv(dir, n, (ResultsCsv)kind, lang);
        seen[kind]++;
    }
}

/* Every command's CSV files show its JSON's figures, with headers in the
 * scenario's language; every kind of CSV is among them. */
static void test_csv(void **state)
{
    (void)state;
    int seen[RESULTS_CSV_N_KINDS] = {0};
    for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
        g_autofree char *dir = g_build_filename(folders, commands[i].name, NULL);
        check_all_csv(dir, g_str_has_suffix(commands[i].name, "-en") ? "en" : "zh", seen);
    }
    for (int k = 0; k < RESULTS_CSV_N_KINDS; k++)
        if (seen[k] == 0)
            fail_msg("no command wrote %s", results_csv_file((ResultsCsv)k));
}

/* docs/results.md lists each CSV's columns with the headers the files carry. */
static void test_csv_docs(void **state)
{
    (void)state;
    g_autofree char *doc = tu_read_text(tu_srcdir(), "docs/results.md");
    for (int k = 0; k < RESULTS_CSV_N_KINDS; k++) {
        g_autofree char *title = g_strdup_printf("\n## %s\n", results_csv_file((ResultsCsv)k));
        tu_assert_contains(doc, title);
        gsize n = 0;
        const ResultsCsvColumn *cols = results_csv_columns((ResultsCsv)k, &n);
        for (gsize i = 0; i < n; i++) {
            g_autofree char *line = g_strdup_printf("| `%s` | %s | %s | %s |", cols[i].key,
                                                    i18n_text("zh", cols[i].header), i18n_text("en", cols[i].header),
                                                    cols[i].format);
            tu_assert_contains(strstr(doc, title), line);
        }
    }
}

int main(void)
{
    const char *write = g_getenv("LADDER_WRITE_DOCS");
    if (write) {
        g_autofree char *text = results_doc_markdown();
        return g_file_set_contents(write, text, -1, NULL) ? 0 : 1;
    }
    tu_pin_ladder();
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_every_command), cmocka_unit_test(test_absent), cmocka_unit_test(test_save), cmocka_unit_test(test_types),
        cmocka_unit_test(test_read),          cmocka_unit_test(test_tables), cmocka_unit_test(test_docs),
        cmocka_unit_test(test_csv),           cmocka_unit_test(test_csv_docs),
    };
    GArray *tests = TU_TESTS(fixed);
    ADD_ROWS(tests, damages, test_damage);
    int failed = _cmocka_run_group_tests("results", (const struct CMUnitTest *)(void *)tests->data, tests->len,
                                         setup_folders, teardown_folders);
    g_array_free(tests, TRUE);
    return failed;
}
