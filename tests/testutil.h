/* testutil.h: helpers shared by the cmocka tests: scratch folders, scenario
 * text written to files or loaded into a Model, running the ladder binary
 * as a user would, and reading the files and JSON it writes.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_TESTUTIL_H
#define LADDER_TESTUTIL_H

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "results.h"
#include "runner.h"
#include "scenario.h"
#include "summary.h"

/* Lines 1-9 of a scenario, three stages 2021-2025: the bad-input tables
 * of test_scenario.c and test_lists.c go on from line 10 and name lines. */
#define TU_HEAD                                                                           \
    "[scenario]\n"                                                                        \
    "name=t\n"                                                                            \
    "base_year=2021\n"                                                                    \
    "horizon=2025\n"                                                                      \
    "\n"                                                                                  \
    "[stages]\n"                                                                          \
    "startup=初创\n"                                                                      \
    "tech_sme=科小\n"                                                                     \
    "hightech=高企\n"

/* |a - b| <= tol (NaN never is), showing both expressions and values when not.
 * cmocka 1.1 has no double comparison. */
#define assert_near(a, b, tol)                                                            \
    do {                                                                                  \
        double a_ = (a), b_ = (b);                                                        \
        if (!(fabs(a_ - b_) <= (tol)))                                                    \
            fail_msg("%s = %.17g, want %s = %.17g (within %g)", #a, a_, #b, b_, (double)(tol)); \
    } while (0)

/* A fresh folder under /tmp; remove with tu_rmrf. */
static inline char *tu_tmpdir(void)
{
    GError *error = NULL;
    char *dir = g_dir_make_tmp("ladder-test-XXXXXX", &error);
    assert_non_null(dir);
    return dir;
}

static inline void tu_rmrf(const char *path)
{
    char *cmd = g_strdup_printf("rm -rf '%s'", path);
    assert_int_equal(system(cmd), 0);
    g_free(cmd);
}

/* A scratch folder that g_auto(TuDir) removes, with all it holds, when it
 * goes out of scope: `g_auto(TuDir) dir = tu_tmpdir();`. */
typedef char *TuDir;

static inline void tu_dir_free(TuDir dir)
{
    tu_rmrf(dir);
    g_free(dir);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC(TuDir, tu_dir_free, NULL)

/* Writes `text` to dir/name and returns the path (caller frees). */
static inline char *tu_write(const char *dir, const char *name, const char *text)
{
    char *path = g_build_filename(dir, name, NULL);
    assert_true(g_file_set_contents(path, text, -1, NULL));
    return path;
}

/* Output of one ladder process. */
typedef struct {
    int status;   /* exit code */
    char *out;    /* stdout */
    char *err;    /* stderr */
} TuRun;

static inline void tu_run_clear(TuRun *r)
{
    g_free(r->out);
    g_free(r->err);
}

/* `g_auto(TuRun) r = tu_ladder(...);` clears r at the end of its scope. */
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(TuRun, tu_run_clear)

/* The ladder binary, $LADDER else build/ladder, as an absolute path, so
 * that tests may run it from another folder (caller frees). */
static inline char *tu_ladder_bin(void)
{
    return g_canonicalize_filename(g_getenv("LADDER") ? g_getenv("LADDER") : "build/ladder", NULL);
}

/* Sets $LADDER to build/ladder's absolute path when unset: call first in
 * main, so that the binary is found from the repository root. */
static inline void tu_pin_ladder(void)
{
    if (g_getenv("LADDER") == NULL) {
        g_autofree char *bin = tu_ladder_bin();
        g_setenv("LADDER", bin, TRUE);
    }
}

/* The argv `bin` `args`... NULL of running ladder: the NULL-ended `args`
 * after the binary `bin` (both borrowed; caller frees the array). */
static inline GPtrArray *tu_ladder_argv(const char *bin, const char *const *args)
{
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (char *)bin);
    for (gsize i = 0; args[i]; i++)
        g_ptr_array_add(argv, (char *)args[i]);
    g_ptr_array_add(argv, NULL);
    return argv;
}

/* Runs the ladder binary (tu_ladder_bin) in `cwd` (NULL: current folder)
 * with the NULL-ended `args`, calling `setup(data)` (NULL: nothing) in the
 * child just before it starts ladder (GSpawnChildSetupFunc: limits,
 * signal dispositions, file descriptors).  status -1: killed by a signal. */
static inline TuRun tu_ladder_spawn(const char *cwd, const char *const *args, GSpawnChildSetupFunc setup,
                                    gpointer data)
{
    g_autofree char *bin = tu_ladder_bin();
    g_autoptr(GPtrArray) argv = tu_ladder_argv(bin, args);
    TuRun r = {0};
    GError *error = NULL;
    int wait = 0;
    gboolean ok = g_spawn_sync(cwd, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, setup, data,
                               &r.out, &r.err, &wait, &error);
    if (!ok)
        fail_msg("cannot run ladder: %s", error->message);
    r.status = g_spawn_check_wait_status(wait, NULL) ? 0 : (WIFEXITED(wait) ? WEXITSTATUS(wait) : -1);
    return r;
}

/* Adds the arguments of `ap` up to a NULL, and the NULL, to `args`. */
static inline void tu_add_args(GPtrArray *args, va_list ap)
{
    for (const char *a; (a = va_arg(ap, const char *));)
        g_ptr_array_add(args, (char *)a);
    g_ptr_array_add(args, NULL);
}

/* Runs the ladder binary (tu_ladder_bin) with the NULL-ended arguments
 * after `cwd` (NULL: current folder). */
static inline TuRun tu_ladder(const char *cwd, ...)
{
    g_autoptr(GPtrArray) args = g_ptr_array_new();
    va_list ap;
    va_start(ap, cwd);
    tu_add_args(args, ap);
    va_end(ap);
    return tu_ladder_spawn(cwd, (const char *const *)args->pdata, NULL, NULL);
}

/* Starts ladder with the NULL-ended `args`, sends it SIGINT (Ctrl-C) half a
 * second later and waits for it: returns its exit code (-1: killed by a
 * signal), its stderr in `msg` (NUL-ended, cut to `size` - 1 bytes). */
static inline int tu_ladder_interrupted(const char *const *args, char *msg, gsize size)
{
    g_autofree char *bin = tu_ladder_bin();
    g_autoptr(GPtrArray) argv = tu_ladder_argv(bin, args);
    GPid pid;
    int err_fd;
    GError *error = NULL;
    if (!g_spawn_async_with_pipes(NULL, (char **)argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                  NULL, NULL, &err_fd, &error))
        fail_msg("cannot run ladder: %s", error->message);
    g_usleep(500000);
    assert_int_equal(kill(pid, SIGINT), 0);
    int wait = 0;
    assert_int_equal(waitpid(pid, &wait, 0), pid);
    gsize len = 0;
    for (ssize_t n; len + 1 < size && (n = read(err_fd, msg + len, size - 1 - len)) > 0;)
        len += (gsize)n;
    msg[len] = '\0';
    close(err_fd);
    g_spawn_close_pid(pid);
    return WIFEXITED(wait) ? WEXITSTATUS(wait) : -1;
}

/* The repository's root, where scenarios/ and plots/ are ($SRCDIR, else "."). */
static inline const char *tu_srcdir(void)
{
    const char *s = g_getenv("SRCDIR");
    return s ? s : ".";
}

/* A scenario file of tests/data, as an absolute path (caller frees). */
static inline char *tu_data_file(const char *name)
{
    g_autofree char *rel = g_build_filename(tu_srcdir(), "tests", "data", name, NULL);
    return g_canonicalize_filename(rel, NULL);
}

static inline void tu_assert_contains(const char *haystack, const char *needle)
{
    if (haystack == NULL || strstr(haystack, needle) == NULL)
        fail_msg("'%s' does not contain '%s'", haystack ? haystack : "(null)", needle);
}

/* `text` holds each of the first `n` strings of `want` (up to a NULL), and
 * none of those written after a '!'. */
static inline void tu_assert_says(const char *text, const char *const *want, int n)
{
    for (int k = 0; k < n && want[k]; k++) {
        if (want[k][0] != '!')
            tu_assert_contains(text, want[k]);
        else if (strstr(text, want[k] + 1) != NULL)
            fail_msg("'%s' should not say '%s'", text, want[k] + 1);
    }
}

static inline void tu_assert_status(const TuRun *r, int want)
{
    if (r->status != want)
        fail_msg("exit status %d, want %d; stderr: %s", r->status, want, r->err);
}

static inline int tu_compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names in `dir`, sorted, joined by '\n' (caller frees); "(missing)"
 * when there is no such folder. */
static inline char *tu_list_dir(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d == NULL)
        return g_strdup("(missing)");
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    for (const char *n; (n = g_dir_read_name(d));)
        g_ptr_array_add(names, g_strdup(n));
    g_dir_close(d);
    g_ptr_array_sort(names, tu_compare_names);
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < names->len; i++)
        g_string_append_printf(s, "%s\n", (const char *)names->pdata[i]);
    return g_string_free(s, FALSE);
}

/* Ctrl-C on ladder running the NULL-ended `args` with --out DIR/res
 * appended: exit 130, "ladder: interrupted" on stderr, and `dir` left as it
 * was (no output folder, no temporary folder). */
static inline void tu_assert_interrupted(const char *dir, const char *const *args)
{
    g_autofree char *before = tu_list_dir(dir);
    g_autofree char *out = g_build_filename(dir, "res", NULL);
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    for (gsize i = 0; args[i]; i++)
        g_ptr_array_add(argv, (char *)args[i]);
    g_ptr_array_add(argv, "--out");
    g_ptr_array_add(argv, out);
    g_ptr_array_add(argv, NULL);
    char msg[512];
    int status = tu_ladder_interrupted((const char *const *)argv->pdata, msg, sizeof msg);
    g_autofree char *after = tu_list_dir(dir);
    assert_int_equal(status, 130);
    tu_assert_contains(msg, "ladder: interrupted");
    assert_string_equal(after, before);
}

/* Bad input: exit status 2, stderr starting "ladder: " and holding each of
 * the first `n` strings of `want` (up to a NULL), and `dir` listing as
 * `before` (tu_list_dir) did: nothing written, not even a temporary folder. */
static inline void tu_assert_bad_input(const TuRun *r, const char *const *want, int n, const char *dir,
                                       const char *before)
{
    tu_assert_status(r, 2);
    if (!g_str_has_prefix(r->err, "ladder: "))
        fail_msg("stderr does not start with 'ladder: ': %s", r->err);
    for (int k = 0; k < n && want[k]; k++)
        tu_assert_contains(r->err, want[k]);
    g_autofree char *after = tu_list_dir(dir);
    assert_string_equal(after, before);
}

/* `ladder help COMMAND` and `ladder COMMAND --help`: exit 0, and stdout
 * holds each of the `n` strings of `want`. */
static inline void tu_assert_help(const char *command, const char *const *want, gsize n)
{
    const char *const ways[][2] = {{"help", command}, {command, "--help"}};
    for (gsize w = 0; w < G_N_ELEMENTS(ways); w++) {
        TuRun r = tu_ladder(NULL, ways[w][0], ways[w][1], NULL);
        tu_assert_status(&r, 0);
        for (gsize i = 0; i < n; i++)
            tu_assert_contains(r.out, want[i]);
        tu_run_clear(&r);
    }
}

/* The text of dir/name; fails the test when it cannot be read (caller frees). */
static inline char *tu_read_text(const char *dir, const char *name)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        fail_msg("cannot read %s", path);
    return text;
}

/* The parsed JSON file dir/name (caller frees, json_node_unref).  Every
 * result file of ladder's that a test reads comes through here (directly
 * or by tu_ladder_result): a result file (summary.json, solve.json, ...,
 * also in a subfolder: "tianning/summary.json") is read by results_read,
 * so the test fails unless it holds its schema's keys and version; any
 * other JSON file is only parsed. */
static inline JsonNode *tu_read_json(const char *dir, const char *name)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autofree char *folder = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    for (int k = 0; k < RESULTS_N_KINDS; k++) {
        if (strcmp(base, results_file((ResultsKind)k)) != 0)
            continue;
        GError *error = NULL;
        JsonNode *root = results_read(folder, (ResultsKind)k, NULL, &error);
        if (root == NULL)
            fail_msg("%s: %s", path, error ? error->message : "missing");
        return root;
    }
    g_autoptr(JsonParser) p = json_parser_new();
    GError *error = NULL;
    if (!json_parser_load_from_file(p, path, &error))
        fail_msg("%s does not parse: %s", name, error->message);
    return json_node_copy(json_parser_get_root(p));
}

/* Runs ladder (tu_ladder_spawn) in `cwd` (NULL: current folder) with the
 * NULL-ended `args`, fails the test unless it exits 0, and returns the
 * result file out/name (tu_read_json; caller frees).  A relative `out` is
 * taken from the current folder, not from `cwd`. */
static inline JsonNode *tu_ladder_result(const char *cwd, const char *const *args, const char *out, const char *name)
{
    TuRun r = tu_ladder_spawn(cwd, args, NULL, NULL);
    tu_assert_status(&r, 0);
    tu_run_clear(&r);
    return tu_read_json(out, name);
}

/* tu_ladder_result in the current folder with the arguments given after
 * `name` (not NULL-ended: the macro ends them). */
#define TU_LADDER_RESULT(out, name, ...) tu_ladder_result(NULL, (const char *const[]){__VA_ARGS__, NULL}, out, name)

/* Writes scenario `text` to dir/file, runs `ladder COMMAND dir/file --out
 * dir/file.out` with the NULL-ended arguments after `result`, fails the test
 * unless it exits 0, and returns the result file dir/file.out/result
 * (tu_ladder_result; caller frees). */
static inline JsonNode *tu_text_result(const char *dir, const char *file, const char *text, const char *command,
                                       const char *result, ...)
{
    g_autofree char *path = tu_write(dir, file, text);
    g_autofree char *out = g_strconcat(path, ".out", NULL);
    g_autoptr(GPtrArray) args = g_ptr_array_new();
    const char *fixed[] = {command, path, "--out", out};
    for (gsize i = 0; i < G_N_ELEMENTS(fixed); i++)
        g_ptr_array_add(args, (char *)fixed[i]);
    va_list ap;
    va_start(ap, result);
    tu_add_args(args, ap);
    va_end(ap);
    return tu_ladder_result(NULL, (const char *const *)args->pdata, out, result);
}

/* A JSON number (integer or not) of a member, as a double; NaN for null. */
static inline double tu_num(JsonObject *o, const char *member)
{
    JsonNode *n = json_object_get_member(o, member);
    if (n == NULL)
        fail_msg("member %s is missing", member);
    if (JSON_NODE_TYPE(n) == JSON_NODE_NULL)
        return NAN;
    if (JSON_NODE_TYPE(n) != JSON_NODE_VALUE)
        fail_msg("member %s is not a value", member);
    GType t = json_node_get_value_type(n);
    if (t == G_TYPE_INT64)
        return (double)json_node_get_int(n);
    if (t == G_TYPE_DOUBLE)
        return json_node_get_double(n);
    fail_msg("member %s is not a number", member);
    return NAN;
}

/* Element i of a JSON array of numbers, as a double. */
static inline double tu_num_at(JsonArray *a, guint i)
{
    JsonNode *n = json_array_get_element(a, i);
    if (json_node_get_value_type(n) == G_TYPE_INT64)
        return (double)json_node_get_int(n);
    return json_node_get_double(n);
}

/* `made`, what a call that sets `error` when it returns NULL returned;
 * fails the test with "what: message" when it is NULL. */
static inline gpointer tu_made(gpointer made, const GError *error, const char *what)
{
    if (made == NULL)
        fail_msg("%s: %s", what, error->message);
    return made;
}

/* Loads scenario text as "t.ini" (caller frees, model_free); fails the
 * test when it does not load. */
static inline Model *tu_load(const char *text)
{
    GError *error = NULL;
    Model *m = scenario_load_data("t.ini", NULL, text, &error);
    return tu_made(m, error, "scenario did not load");
}

/* runner_run of `m` under `c` (caller frees); fails the test when it fails. */
static inline RunResult *tu_run(const Model *m, const RunConfig *c)
{
    GError *error = NULL;
    RunResult *r = runner_run(m, c, &error);
    return tu_made(r, error, "run failed");
}

/* summary_new of `r` (caller frees); fails the test when it fails. */
static inline Summary *tu_summary(const Model *m, const RunResult *r)
{
    GError *error = NULL;
    Summary *s = summary_new(m, r, &error);
    return tu_made(s, error, "summary failed");
}

/* tests/data/bench6.ini with `extra` groups appended (NULL: none). */
static inline Model *tu_load_bench6(const char *extra)
{
    g_autofree char *path = g_build_filename(tu_srcdir(), "tests", "data", "bench6.ini", NULL);
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_autofree char *all = g_strconcat(text, extra ? extra : "", NULL);
    return tu_load(all);
}


/* ---- files and folders a run leaves ----------------------------------- */

/* The names in `dir` ending with `suffix`. */
static inline int tu_count_suffix(const char *dir, const char *suffix)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    int n = 0;
    for (const char *name; (name = g_dir_read_name(d));)
        n += g_str_has_suffix(name, suffix);
    g_dir_close(d);
    return n;
}

/* ---- JSON ----------------------------------------------------------- */

/* The result file of `kind` a test writes by hand: the JSON object
 * `partial` with every key results.c requires and it lacks filled in
 * (results_fill), so that ladder report reads it and the test's own
 * members are what it is about.  Caller frees. */
static inline char *tu_result_json(ResultsKind kind, const char *partial)
{
    g_autoptr(JsonParser) p = json_parser_new();
    GError *error = NULL;
    if (!json_parser_load_from_data(p, partial, -1, &error))
        fail_msg("test JSON does not parse: %s", error->message);
    results_fill(kind, json_parser_get_root(p));
    g_autoptr(JsonGenerator) gen = json_generator_new();
    json_generator_set_root(gen, json_parser_get_root(p));
    return json_generator_to_data(gen, NULL);
}

/* Table rows become tests of their own, named by their ids: `table` is an
 * array of structs whose first member is `const char *id`. */
#define ADD_ROWS(tests, table, func)                                                   \
    for (gsize i_ = 0; i_ < G_N_ELEMENTS(table); i_++) {                               \
        struct CMUnitTest t_ = {(table)[i_].id, func, NULL, NULL, (void *)&(table)[i_]}; \
        g_array_append_val(tests, t_);                                                 \
    }

/* A growable list of tests starting with the array `fixed`. */
#define TU_TESTS(fixed) \
    g_array_append_vals(g_array_new(FALSE, FALSE, sizeof(struct CMUnitTest)), fixed, G_N_ELEMENTS(fixed))

/* Runs the tests gathered in `tests` (struct CMUnitTest) as group `name`. */
static inline int tu_run_tests(const char *name, GArray *tests)
{
    return _cmocka_run_group_tests(name, (const struct CMUnitTest *)(void *)tests->data, tests->len,
                                   NULL, NULL);
}

#endif
