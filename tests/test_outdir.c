/* test_outdir.c: results appear whole or not at all when the disk is full.
 * A file size limit (RLIMIT_FSIZE) swept over the sizes of the files every
 * command writes, so that the failure lands on each kind of file; a real
 * full file system (a small tmpfs in a mount namespace of its own); standard
 * output on /dev/full; gnuplot and dot leaving a chart cut short; and the
 * pieces: outdir_write_file and the chart checks of plot.c.
 * SPDX-License-Identifier: MIT */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/statvfs.h>

#include "errors.h"
#include "outdir.h"
#include "plot.h"

#define REPS "20"
#define EFBIG_TEXT "File too large"            /* g_strerror(EFBIG) */
#define ENOSPC_TEXT "No space left on device"  /* g_strerror(ENOSPC) */
#define FSIZE_ENOUGH ((rlim_t)64 << 20)        /* 64 MiB: more than any file a case writes */

/* ---- scenarios ------------------------------------------------------------ */

/* Two stages and a target: five small charts, quick to draw. */
#define SMALL_INI                                                                           \
    "[scenario]\nname=disk\nlanguage=en\nbase_year=2024\nhorizon=2027\nseed=7\n"            \
    "[stages]\na=A\nb=B\n[baseline]\na=1000\nb=100\n[transitions]\na -> b = 0.1\n"            \
    "[target b200]\nstage=b\nat_least=200\n"

/* A century of one stage: SVGs (a path point a year) far larger than the
 * PNGs, so a limit between them fails on an SVG only (sizes in the sweep). */
#define WIDE_INI                                                                            \
    "[scenario]\nname=wide\nlanguage=en\nbase_year=2000\nhorizon=2100\nseed=7\n"            \
    "[stages]\na=A\n[baseline]\na=1000\n[recruitment]\na=10\n[exits]\na=0.01\n"

/* Writes small.ini, wide.ini and long.ini into `dir`; long.ini's stage
 * names of 1000 characters are in every row of summary.csv but once in
 * summary.json, so the CSV is the larger (67 KB against 11 KB). */
static void write_scenarios(const char *dir)
{
    g_free(tu_write(dir, "small.ini", SMALL_INI));
    g_free(tu_write(dir, "wide.ini", WIDE_INI));
    g_autoptr(GString) name = g_string_new(NULL);
    for (int i = 0; i < 1000; i++)
        g_string_append(name, "长");
    g_autofree char *text = g_strdup_printf("[scenario]\nname=long names\nlanguage=en\nbase_year=2024\n"
                                            "horizon=2034\nseed=7\n[stages]\na=%s\nb=%s\n[baseline]\na=1000\n"
                                            "[transitions]\na -> b = 0.1\n", name->str, name->str);
    g_free(tu_write(dir, "long.ini", text));
}

/* `arg` with a leading "$S/" made the bundled scenarios' folder (caller frees). */
static char *expand(const char *arg)
{
    if (!g_str_has_prefix(arg, "$S/"))
        return g_strdup(arg);
    g_autofree char *rel = g_build_filename(tu_srcdir(), "scenarios", arg + 3, NULL);
    return g_canonicalize_filename(rel, NULL);
}

/* The NULL-ended `args` expanded (g_strfreev). */
static char **expand_all(const char *const *args)
{
    gsize n = g_strv_length((char **)args);
    char **out = g_new0(char *, n + 1);
    for (gsize i = 0; i < n; i++)
        out[i] = expand(args[i]);
    return out;
}

/* ---- running ladder under a file size limit --------------------------------- */

/* The limit in the child: soft and hard RLIMIT_FSIZE of *bytes. */
static void set_fsize(const rlim_t *bytes)
{
    struct rlimit rl = {*bytes, *bytes};
    setrlimit(RLIMIT_FSIZE, &rl);
}

/* Child setup: the limit, and SIGXFSZ ignored, which survives exec: a write
 * past the limit, by ladder, gnuplot or dot, fails with EFBIG instead of
 * killing the writer. */
static void limit_ignoring_sigxfsz(gpointer data)
{
    set_fsize(data);
    signal(SIGXFSZ, SIG_IGN);
}

/* Child setup: the limit, and SIGXFSZ as a shell leaves it (it kills). */
static void limit_with_sigxfsz(gpointer data)
{
    set_fsize(data);
    signal(SIGXFSZ, SIG_DFL);
}

static TuRun ladder_limited(const char *cwd, rlim_t fsize, const char *const *args)
{
    g_auto(GStrv) argv = expand_all(args);
    return tu_ladder_spawn(cwd, (const char *const *)argv, limit_ignoring_sigxfsz, &fsize);
}

/* ---- what a folder holds ------------------------------------------------------ */

static void snapshot_into(const char *root, const char *rel, GPtrArray *lines)
{
    g_autofree char *path = g_build_filename(root, rel, NULL);
    g_autoptr(GDir) d = g_dir_open(path, 0, NULL);
    for (const char *n; d && (n = g_dir_read_name(d));) {
        g_autofree char *child = *rel ? g_build_filename(rel, n, NULL) : g_strdup(n);
        g_autofree char *full = g_build_filename(root, child, NULL);
        if (g_file_test(full, G_FILE_TEST_IS_DIR)) {
            g_ptr_array_add(lines, g_strdup_printf("%s/", child));
            snapshot_into(root, child, lines);
            continue;
        }
        g_autofree char *data = NULL;
        gsize len = 0;
        g_file_get_contents(full, &data, &len, NULL);
        g_autofree char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA1, (const guchar *)data, len);
        g_ptr_array_add(lines, g_strdup_printf("%s %" G_GSIZE_FORMAT " %s", child, len, sum));
    }
}

/* Every file and folder under `dir`, each file with its size and SHA-1,
 * sorted, one a line: equal snapshots, equal folders.  "(missing)" when
 * there is no `dir` (caller frees). */
static char *snapshot(const char *dir)
{
    if (!g_file_test(dir, G_FILE_TEST_IS_DIR))
        return g_strdup("(missing)");
    g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func(g_free);
    snapshot_into(dir, "", lines);
    g_ptr_array_sort(lines, tu_compare_names);
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < lines->len; i++)
        g_string_append_printf(s, "%s\n", (const char *)lines->pdata[i]);
    return g_string_free(s, FALSE);
}

/* A folder as an earlier ladder output looks to ladder: its marker file,
 * and a summary.json no run writes. */
static void write_previous(const char *out)
{
    g_assert_cmpint(g_mkdir(out, 0777), ==, 0);
    g_free(tu_write(out, ".ladder-output", "written by ladder; ladder may replace this folder\n"));
    g_free(tu_write(out, "summary.json", "{\"previous\" : true}\n"));
}

/* A write failure as the guarantee has it: exit 1; stderr "ladder: ...",
 * holding `want` (the file and the reason) and not the temporary folder's
 * name; `dir` listing as `listing` did; `out` as `before` (snapshot). */
static void assert_nothing_written(const TuRun *r, const char *want, const char *dir, const char *listing,
                                   const char *out, const char *before)
{
    tu_assert_status(r, 1);
    if (!g_str_has_prefix(r->err, "ladder: "))
        fail_msg("stderr does not start with 'ladder: ': %s", r->err);
    tu_assert_contains(r->err, want);
    if (strstr(r->err, ".tmp-"))
        fail_msg("the message names the temporary folder: %s", r->err);
    g_autofree char *after = tu_list_dir(dir);
    assert_string_equal(after, listing);
    g_autofree char *now = snapshot(out);
    assert_string_equal(now, before);
}

/* ---- the sweep: a file size limit on each kind of file of each command -------- */

/* Each command as a case runs it, into `out` (cwd: the case's folder). */
#define RUN_T "run", "$S/tianning-2025.ini", "--reps", REPS, "-q", "--out", "out"
#define RUN(file) "run", file, "--reps", REPS, "-q", "--out", "out"
#define COMPARE5                                                                           \
    "compare", "$S/tianning-2025.ini", "$S/tianning-2025-zhuanban.ini", "$S/tianning-2025-zhaoyin.ini", \
        "$S/tianning-2025-zhuanban.ini", "$S/tianning-2025-zhaoyin.ini", "--reps", REPS, "-q", "--out", "out"
#define SENSITIVITY "sensitivity", "$S/tianning-2025.ini", "--reps", REPS, "-q", "--out", "out"
#define SOLVE                                                                              \
    "solve", "$S/tianning-2025.ini", "--target", "高新技术企业500家", "--probability", "0.8", "--lever", \
        "recruitment.tech_sme", "--reps", REPS, "-q", "--out", "out"
#define CALIBRATE_ARGS                                                                     \
    "calibrate", "$S/wujin-2025.ini", "--history", "$S/history/wujin.csv", "--fit",         \
        "tech_sme -> hightech,exit.hightech", "--reps", REPS, "-q"
#define CALIBRATE CALIBRATE_ARGS, "--out", "out"
#define BACKTEST_ARGS                                                                      \
    "backtest", "$S/wujin-2025.ini", "--history", "$S/history/wujin.csv", "--until", "2017", "--reps", REPS, "-q"
#define BACKTEST BACKTEST_ARGS, "--out", "out"

typedef struct {
    const char *id;
    const char *args[24];   /* after "ladder", NULL-ended */
    rlim_t fsize;           /* RLIMIT_FSIZE, bytes */
    const char *want;       /* in stderr; NULL: the command succeeds */
    gboolean previous;      /* an earlier output at --out, to be left as it was */
} LimitCase;

/* The limits sit between the sizes of the files each command writes, in the
 * order it writes them (sizes with --reps 20; the same seed gives the same
 * bytes everywhere, charts aside, which have wide margins):
 *   run tianning: .ladder-output 50, summary.json 12290, targets.csv 642, summary.csv 3181,
 *     .dat <= 935 and .gp <= 1658, scenario.json 18887; report.html 26738
 *     without charts
 *   run small.ini: JSON and scripts <= 2659, PNGs >= 14075
 *   run wide.ini: summary.json 17615, PNGs <= 27240, composition.svg 88943
 *   run long.ini: summary.json 10681, summary.csv 67447
 *   compare (5 scenarios): each subfolder's files <= 15056, compare.json 34372
 *   sensitivity: sensitivity.json 53026; with --target, 9528 and a 103 KB PNG
 *   solve: solve.json 1662, solve.dat 211, solve.gp 1555, scenario.json
 *     18887, solve.png 47752 (solve.gp is smaller than solve.json)
 *   calibrate: the calibrated .ini 810, then forecast/ (summary.json 17340)
 *   backtest without --fit: forecast/ first
 * A size no file reaches lets each command succeed.  The .dat files and
 * calibrate.json, backtest.json are never larger than a file written
 * before them, so a size limit cannot reach them first: the tmpfs test
 * below does, by total size. */
static const LimitCase limit_cases[] = {
    {"disk-1.1", {RUN_T, "--no-charts", NULL}, 0, "cannot write out/.ladder-output: " EFBIG_TEXT, FALSE},
    {"disk-1.2", {RUN_T, "--no-charts", NULL}, 1000, "cannot write out/summary.json: " EFBIG_TEXT, TRUE},
    {"disk-1.3", {RUN("long.ini"), "--no-charts", NULL}, 30000, "cannot write out/summary.csv: " EFBIG_TEXT, FALSE},
    {"disk-1.4", {RUN_T, "--no-charts", NULL}, 13000, "cannot write out/scenario.json: " EFBIG_TEXT, TRUE},
    {"disk-1.5", {RUN("small.ini"), NULL}, 8000,
     "gnuplot failed on out/composition.gp: cannot write composition.png: " EFBIG_TEXT, FALSE},
    {"disk-1.6", {RUN("wide.ini"), NULL}, 50000,
     "gnuplot failed on out/composition.gp: cannot write composition.svg: " EFBIG_TEXT, TRUE},
    {"disk-1.7", {RUN_T, "--no-charts", "--report", NULL}, 22000, "cannot write out/report.html: " EFBIG_TEXT, FALSE},
    {"disk-1.8", {COMPARE5, "--no-charts", NULL}, 100, "cannot write out/tianning-2025/summary.json: " EFBIG_TEXT,
     TRUE},
    {"disk-1.9", {COMPARE5, "--no-charts", NULL}, 25000, "cannot write out/compare.json: " EFBIG_TEXT, FALSE},
    {"disk-1.10", {SENSITIVITY, "--no-charts", NULL}, 1000, "cannot write out/sensitivity.json: " EFBIG_TEXT, TRUE},
    {"disk-1.11", {SENSITIVITY, "--target", "高新技术企业500家", NULL}, 60000,
     "gnuplot failed on out/tornado_2.gp: cannot write tornado_2.png: " EFBIG_TEXT, FALSE},
    {"disk-1.12", {SOLVE, "--no-charts", NULL}, 500, "cannot write out/solve.json: " EFBIG_TEXT, TRUE},
    {"disk-1.13", {SOLVE, "--no-charts", NULL}, 2000, "cannot write out/scenario.json: " EFBIG_TEXT, FALSE},
    {"disk-1.14", {SOLVE, NULL}, 30000, "gnuplot failed on out/solve.gp: cannot write solve.png: " EFBIG_TEXT, TRUE},
    {"disk-1.15", {CALIBRATE, "--no-charts", NULL}, 100, "cannot write out/wujin-2025-calibrated.ini: " EFBIG_TEXT,
     FALSE},
    {"disk-1.16", {CALIBRATE, "--no-charts", NULL}, 2000, "cannot write out/forecast/summary.json: " EFBIG_TEXT, TRUE},
    {"disk-1.17", {BACKTEST, "--no-charts", NULL}, 100, "cannot write out/forecast/summary.json: " EFBIG_TEXT, FALSE},
    /* the same commands with room for every file */
    {"disk-2.1", {RUN_T, "--no-charts", "--report", NULL}, FSIZE_ENOUGH, NULL, TRUE},
    {"disk-2.2", {RUN("small.ini"), "--report", NULL}, FSIZE_ENOUGH, NULL, TRUE},
    {"disk-2.3", {COMPARE5, "--no-charts", NULL}, FSIZE_ENOUGH, NULL, FALSE},
    {"disk-2.4", {SENSITIVITY, "--no-charts", NULL}, FSIZE_ENOUGH, NULL, TRUE},
    {"disk-2.5", {SOLVE, NULL}, FSIZE_ENOUGH, NULL, FALSE},
    {"disk-2.6", {CALIBRATE, "--no-charts", NULL}, FSIZE_ENOUGH, NULL, TRUE},
    {"disk-2.7", {BACKTEST, "--no-charts", NULL}, FSIZE_ENOUGH, NULL, FALSE},
};

/* The listing (tu_list_dir) `listing` with `name` added, in order (caller frees). */
static char *listing_with(const char *listing, const char *name)
{
    g_auto(GStrv) names = g_strsplit(listing, "\n", -1);
    g_autoptr(GPtrArray) all = g_ptr_array_new();
    for (char **n = names; *n; n++)
        if (**n)
            g_ptr_array_add(all, *n);
    g_ptr_array_add(all, (char *)name);
    g_ptr_array_sort(all, tu_compare_names);
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < all->len; i++)
        g_string_append_printf(s, "%s\n", (const char *)all->pdata[i]);
    return g_string_free(s, FALSE);
}

/* A finished output at `out`: the marker, no trace of a previous one. */
static void assert_written(const TuRun *r, const char *out)
{
    tu_assert_status(r, 0);
    g_autofree char *marker = g_build_filename(out, ".ladder-output", NULL);
    assert_true(g_file_test(marker, G_FILE_TEST_IS_REGULAR));
    g_autofree char *summary = g_build_filename(out, "summary.json", NULL);
    g_autofree char *text = NULL;
    if (g_file_get_contents(summary, &text, NULL, NULL) && strstr(text, "\"previous\""))
        fail_msg("%s is the previous output's", summary);
}

static void test_limit_case(void **state)
{
    const LimitCase *c = *state;
    g_auto(TuDir) dir = tu_tmpdir();
    write_scenarios(dir);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    if (c->previous)
        write_previous(out);
    g_autofree char *listing = tu_list_dir(dir);
    g_autofree char *before = snapshot(out);

    g_auto(TuRun) r = ladder_limited(dir, c->fsize, c->args);
    if (c->want) {
        assert_nothing_written(&r, c->want, dir, listing, out, before);
    } else {
        assert_written(&r, out);
        g_autofree char *after = tu_list_dir(dir);
        g_autofree char *want = c->previous ? g_strdup(listing) : listing_with(listing, "out");
        assert_string_equal(after, want);  /* no temporary or old folder beside it */
    }
}

/* `ladder report DIR` into a result folder: under a limit below
 * report.html's size, the folder (its earlier report.html included) is
 * left as it was; with room, the report is written. */
static void test_report_limited(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    const char *const first[] = {RUN_T, "--no-charts", "--report", NULL};
    g_auto(TuRun) made = ladder_limited(dir, FSIZE_ENOUGH, first);
    tu_assert_status(&made, 0);
    g_autofree char *listing = tu_list_dir(dir);
    g_autofree char *before = snapshot(out);
    g_autofree char *names = tu_list_dir(out);

    const char *const report[] = {"report", "out", "--lang", "en", NULL};
    g_auto(TuRun) r = ladder_limited(dir, 1000, report);
    assert_nothing_written(&r, "cannot write out/report.html: " EFBIG_TEXT, dir, listing, out, before);

    g_auto(TuRun) ok = ladder_limited(dir, FSIZE_ENOUGH, report);
    tu_assert_status(&ok, 0);
    g_autofree char *html = tu_read_text(out, "report.html");
    tu_assert_contains(html, "<html lang=\"en\">");
    g_autofree char *after = tu_list_dir(out);
    assert_string_equal(after, names);  /* report.html replaced, no temporary file beside it */
}

/* With SIGXFSZ at its default (a shell's `ulimit -f`), ladder still ends
 * with exit 1, its message, and nothing left: it ignores the signal
 * itself, which would otherwise kill it with its temporary folder left. */
static void test_limit_signal(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *listing = tu_list_dir(dir);
    g_auto(GStrv) argv = expand_all((const char *const[]){RUN_T, "--no-charts", NULL});
    rlim_t fsize = 1000;
    g_auto(TuRun) r = tu_ladder_spawn(dir, (const char *const *)argv, limit_with_sigxfsz, &fsize);
    assert_nothing_written(&r, "cannot write out/summary.json: " EFBIG_TEXT, dir, listing, out, "(missing)");
}

/* ---- standard output on a full disk --------------------------------------------- */

/* Child setup: standard output on /dev/full, where every write fails with ENOSPC. */
static void stdout_to_full(gpointer data)
{
    (void)data;
    int fd = open("/dev/full", O_WRONLY);
    if (fd >= 0) {
        dup2(fd, STDOUT_FILENO);
        close(fd);
    }
}

/* The table a run prints cannot be written: exit 1 and a message; the
 * folder was moved into place before the table is printed, and is whole.
 * The same for help and for report's path. */
static void test_stdout_full(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_auto(GStrv) run = expand_all((const char *const[]){"run", "$S/tianning-2025.ini", "--reps", REPS,
                                                         "--no-charts", "--out", "out", NULL});
    g_auto(TuRun) r = tu_ladder_spawn(dir, (const char *const *)run, stdout_to_full, NULL);
    tu_assert_status(&r, 1);
    assert_string_equal(r.err, "ladder: cannot write to standard output: " ENOSPC_TEXT "\n");
    g_autofree char *listing = tu_list_dir(dir);
    assert_string_equal(listing, "out\n");
    g_autoptr(JsonNode) summary = tu_read_json(out, "summary.json");
    g_autoptr(JsonNode) scenario = tu_read_json(out, "scenario.json");

    const char *const help[] = {"help", "run", NULL};
    g_auto(TuRun) h = tu_ladder_spawn(dir, help, stdout_to_full, NULL);
    tu_assert_status(&h, 1);
    tu_assert_contains(h.err, "ladder: cannot write to standard output: " ENOSPC_TEXT);

    const char *const report[] = {"report", "out", NULL};
    g_auto(TuRun) p = tu_ladder_spawn(dir, report, stdout_to_full, NULL);
    tu_assert_status(&p, 1);
    tu_assert_contains(p.err, "ladder: cannot write to standard output: " ENOSPC_TEXT);
    g_autofree char *html = tu_read_text(out, "report.html");
    tu_assert_contains(html, "</html>");

    /* -q prints nothing: nothing to fail on */
    const char *const quiet[] = {"report", "out", "-q", NULL};
    g_auto(TuRun) q = tu_ladder_spawn(dir, quiet, stdout_to_full, NULL);
    tu_assert_status(&q, 0);
}

/* Child setup: standard output is a pipe whose reader is gone (`| head`
 * after it has read its lines). */
static void stdout_to_closed_pipe(gpointer data)
{
    (void)data;
    int fd[2];
    if (pipe(fd) == 0) {
        close(fd[0]);
        dup2(fd[1], STDOUT_FILENO);
        close(fd[1]);
    }
}

/* `ladder run x.ini | head -1`: the reader has gone, which is no failure:
 * exit 0, nothing said, the folder whole (ladder ignores SIGPIPE, so the
 * write fails with EPIPE rather than killing it: a dot that stops reading
 * its diagram must not kill a report). */
static void test_stdout_closed_pipe(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_auto(GStrv) run = expand_all((const char *const[]){"run", "$S/tianning-2025.ini", "--reps", REPS,
                                                         "--no-charts", "--out", "out", NULL});
    g_auto(TuRun) r = tu_ladder_spawn(dir, (const char *const *)run, stdout_to_closed_pipe, NULL);
    tu_assert_status(&r, 0);
    assert_string_equal(r.err, "");
    g_autoptr(JsonNode) summary = tu_read_json(out, "summary.json");
}

/* ---- gnuplot and dot that leave a chart cut short ---------------------------------- */

/* Puts the shell script `body` first in PATH as `name` (in dir/bin);
 * returns the PATH to restore (caller frees). */
static char *shadow_program(const char *dir, const char *name, const char *body)
{
    g_autofree char *bin = g_build_filename(dir, "bin", NULL);
    g_mkdir(bin, 0777);
    g_autofree char *text = g_strconcat("#!/bin/sh\n", body, NULL);
    g_autofree char *path = tu_write(bin, name, text);
    assert_int_equal(g_chmod(path, 0755), 0);
    char *old = g_strdup(g_getenv("PATH"));
    g_autofree char *path_var = g_strconcat(bin, ":", old, NULL);
    g_setenv("PATH", path_var, TRUE);
    return old;
}

/* A gnuplot that exits 0 and writes no chart (as a full disk can leave
 * it): the run fails naming the chart, and leaves nothing. */
static void test_gnuplot_silent(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    write_scenarios(dir);
    g_autofree char *old_path = shadow_program(dir, "gnuplot", "exit 0\n");
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *listing = tu_list_dir(dir);
    g_auto(TuRun) r = tu_ladder(dir, RUN("small.ini"), NULL);
    g_setenv("PATH", old_path, TRUE);
    assert_nothing_written(&r, "gnuplot failed on out/composition.gp: it did not write composition.png", dir,
                           listing, out, "(missing)");
}

/* A dot that fails or cuts its SVG short: the report is written all the
 * same, exit 0, with dot's own words where the diagram would be (its
 * figures do not need the diagram); nothing else in the folder changes. */
static void test_dot_fails(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_auto(GStrv) run = expand_all((const char *const[]){RUN_T, "--no-charts", NULL});
    g_auto(TuRun) m = tu_ladder_spawn(dir, (const char *const *)run, NULL, NULL);
    tu_assert_status(&m, 0);
    g_autofree char *before = snapshot(out);
    static const char *const dots[][2] = {
        {"cat >/dev/null\nprintf '<svg xmlns=\"http://www.w3.org/2000/svg\"><g><text>A</text>'\n",
         "（Graphviz 未能画出阶梯图：SVG 不完整）"},
        {"cat >/dev/null\necho 'Error: <stdin>: syntax error in line 3' >&2\nexit 1\n",
         "（Graphviz 未能画出阶梯图：Error: &lt;stdin&gt;: syntax error in line 3）"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(dots); i++) {
        g_autofree char *old_path = shadow_program(dir, "dot", dots[i][0]);
        g_auto(TuRun) r = tu_ladder(dir, "report", "out", NULL);
        g_setenv("PATH", old_path, TRUE);
        g_autofree char *bin = g_build_filename(dir, "bin", NULL);
        tu_rmrf(bin);
        tu_assert_status(&r, 0);
        g_autofree char *html = tu_read_text(out, "report.html");
        tu_assert_contains(html, dots[i][1]);
        assert_null(strstr(html, "<svg xmlns=\"http://www.w3.org/2000/svg\"><g><text>A</text>"));
        g_autofree char *html_path = g_build_filename(out, "report.html", NULL);
        assert_int_equal(g_unlink(html_path), 0);
        g_autofree char *after = snapshot(out);
        assert_string_equal(after, before);
    }
}

/* A dot that stops reading its input: with a diagram of over 64 kB (a
 * stage name of 100 000 characters) ladder is still writing when the pipe
 * closes, and meets EPIPE; SIGPIPE would kill it.  The report is written,
 * saying dot failed. */
static void test_dot_stops_reading(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *name = g_strnfill(100000, 'x');
    g_autofree char *partial = g_strdup_printf("{\"name\": \"s\", \"language\": \"en\", "
                                               "\"stages\": [{\"id\": \"a\", \"name\": \"%s\"}]}", name);
    g_autofree char *json = tu_result_json(RESULTS_SCENARIO, partial);
    g_free(tu_write(dir, "scenario.json", json));
    g_autofree char *old_path = shadow_program(dir, "dot", "exec 0<&-\nsleep 0.5\nexit 1\n");
    const char *const report[] = {"report", ".", "-o", "r.html", NULL};
    g_auto(TuRun) r = tu_ladder_spawn(dir, report, NULL, NULL);
    g_setenv("PATH", old_path, TRUE);
    tu_assert_status(&r, 0);
    g_autofree char *html = tu_read_text(dir, "r.html");
    tu_assert_contains(html, "(Graphviz could not draw the diagram: dot exited with an error)");
}

/* ---- a real full file system ------------------------------------------------------ */

/* A tmpfs of TMPFS_SIZE is mounted in a child process that first moves
 * into a mount namespace of its own, with every mount private: no other
 * process ever sees the tmpfs, and the kernel unmounts it when the child
 * and the ladders it started end, however they end (even SIGKILL).
 * Without the right to do so (not root, a container) the test is skipped.
 * The child keeps the free space at an exact number of pages with a
 * filler file, runs ladder, and reports what went wrong as lines on a
 * pipe; it uses no cmocka assertion (they would jump into a copy of the
 * test runner). */
#define TMPFS_SIZE "size=8m,mode=0755"  /* two outputs of small.ini with charts and report fit */
#define CHILD_SKIP 77                    /* exit code: the child could not mount */

typedef struct {
    char *mnt;          /* the tmpfs */
    int filler;         /* fd of mnt/filler, which takes the space not wanted free */
    off_t filler_size;  /* bytes */
    GString *log;       /* what went wrong, one line each */
} Disk;

static void disk_fail(Disk *d, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void disk_fail(Disk *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_string_append_vprintf(d->log, fmt, ap);
    va_end(ap);
    g_string_append_c(d->log, '\n');
}

/* Free pages of the tmpfs; -1 on error. */
static gint64 free_pages(Disk *d)
{
    struct statvfs st;
    if (statvfs(d->mnt, &st) != 0) {
        disk_fail(d, "statvfs %s: %s", d->mnt, g_strerror(errno));
        return -1;
    }
    return (gint64)st.f_bavail;
}

/* Grows or shrinks the filler until exactly `pages` pages are free. */
static gboolean leave_free(Disk *d, gint64 pages)
{
    long page = sysconf(_SC_PAGESIZE);
    gint64 now = free_pages(d);
    off_t size = d->filler_size + (off_t)(now - pages) * page;
    int rc = size > d->filler_size ? posix_fallocate(d->filler, 0, size) : ftruncate(d->filler, size) ? errno : 0;
    if (rc != 0 || size < 0) {
        disk_fail(d, "cannot make the filler %lld bytes: %s", (long long)size, g_strerror(rc));
        return FALSE;
    }
    d->filler_size = size;
    if (free_pages(d) != pages) {
        disk_fail(d, "%lld pages free, wanted %lld", (long long)free_pages(d), (long long)pages);
        return FALSE;
    }
    return TRUE;
}

/* Runs ladder with `args` (expanded), then "--out `out`", in the tmpfs;
 * FALSE when it cannot start. */
static gboolean disk_ladder(Disk *d, const char *const *args, const char *out, TuRun *r)
{
    g_auto(GStrv) expanded = expand_all(args);
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_autofree char *bin = tu_ladder_bin();
    g_ptr_array_add(argv, bin);
    for (char **a = expanded; *a; a++)
        g_ptr_array_add(argv, *a);
    g_ptr_array_add(argv, "--out");
    g_ptr_array_add(argv, (char *)out);
    g_ptr_array_add(argv, "--force");  /* the sweeps write every command into one out */
    g_ptr_array_add(argv, NULL);
    g_autoptr(GError) error = NULL;
    int wait = 0;
    *r = (TuRun){0};
    if (!g_spawn_sync(d->mnt, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &r->out, &r->err, &wait,
                      &error)) {
        disk_fail(d, "cannot run ladder: %s", error->message);
        return FALSE;
    }
    r->status = g_spawn_check_wait_status(wait, NULL) ? 0 : (WIFEXITED(wait) ? WEXITSTATUS(wait) : -1);
    return TRUE;
}

/* Pages the output of `args` takes, the filler emptied first (written to
 * mnt/probe, then removed); -1 when it fails. */
static gint64 pages_used(Disk *d, const char *const *args)
{
    g_autofree char *probe = g_build_filename(d->mnt, "probe", NULL);
    if (ftruncate(d->filler, 0) != 0)
        disk_fail(d, "cannot empty the filler: %s", g_strerror(errno));
    d->filler_size = 0;
    gint64 before = free_pages(d);
    TuRun r;
    gboolean ran = disk_ladder(d, args, "probe", &r);
    gint64 used = before - free_pages(d);
    if (ran && r.status != 0)
        disk_fail(d, "the probe run failed (%d): %s", r.status, r.err);
    tu_run_clear(&r);
    g_autofree char *rm = g_strdup_printf("rm -rf '%s'", probe);
    return ran && r.status == 0 && system(rm) == 0 ? used : -1;
}

/* The file a write error names, "x.png" of "... cannot write x.png: ..." or
 * of "cannot write out/a/x.png: ..." (caller frees); NULL when none. */
static char *named_file(const char *err)
{
    const char *p = g_strrstr(err, "cannot write ");
    const char *end = p ? strchr(p, ':') : NULL;
    if (end == NULL)
        return NULL;
    g_autofree char *path = g_strndup(p + strlen("cannot write "), end - p - strlen("cannot write "));
    return g_path_get_basename(path);
}

/* Runs `args` into mnt/out with `pages` free: exit 1 with ENOSPC and
 * nothing changed when `fails`, else exit 0.  Adds the file the error
 * named to `named` (NULL: not kept). */
static void disk_case(Disk *d, const char *const *args, gint64 pages, gboolean fails, GHashTable *named)
{
    g_autofree char *out = g_build_filename(d->mnt, "out", NULL);
    if (!leave_free(d, pages))
        return;
    g_autofree char *listing = tu_list_dir(d->mnt);
    g_autofree char *before = snapshot(out);
    TuRun r;
    if (!disk_ladder(d, args, "out", &r))
        return;
    g_autofree char *after = tu_list_dir(d->mnt);
    g_autofree char *now = snapshot(out);
    char *name = named_file(r.err);
    if (!fails && r.status != 0)
        disk_fail(d, "%s, %lld pages free: exit %d, want 0: %s", args[0], (long long)pages, r.status, r.err);
    if (fails && (r.status != 1 || !g_str_has_prefix(r.err, "ladder: ") || !strstr(r.err, ENOSPC_TEXT) ||
                  strstr(r.err, ".tmp-") || name == NULL))
        disk_fail(d, "%s, %lld pages free: exit %d, want 1 with 'ladder: cannot write ...: " ENOSPC_TEXT "': %s",
                  args[0], (long long)pages, r.status, r.err);
    if (fails && (strcmp(after, listing) != 0 || strcmp(now, before) != 0))
        disk_fail(d, "%s, %lld pages free: the tmpfs changed:\n%s\n-> %s\nout:\n%s\n-> %s", args[0],
                  (long long)pages, listing, after, before, now);
    if (name && named)
        g_hash_table_add(named, name);
    else
        g_free(name);
    tu_run_clear(&r);
}

/* Fails unless a name in `named` ends with each of the NULL-ended `kinds`. */
static void check_named(Disk *d, const char *what, GHashTable *named, const char *const *kinds)
{
    for (gsize k = 0; kinds[k]; k++) {
        gboolean hit = FALSE;
        GHashTableIter it;
        gpointer key;
        for (g_hash_table_iter_init(&it, named); g_hash_table_iter_next(&it, &key, NULL);)
            hit |= g_str_has_suffix(key, kinds[k]);
        if (!hit)
            disk_fail(d, "%s: no failure landed on a %s file", what, kinds[k]);
    }
}

/* Every free space from none to what a run without charts needs, a page
 * at a time: the failure lands on each file in turn, .dat and .gp files
 * included, which a size limit cannot reach (they are never the largest
 * yet); one page more and it succeeds.  Then the charts, then report.html,
 * each one page short.  An earlier output at out is left as it was by
 * each failure. */
static void disk_sweep_run(Disk *d)
{
    const char *const first[] = {"run", "small.ini", "--seed", "1", "-q", "--no-charts", NULL};
    const char *const data[] = {"run", "small.ini", "--seed", "2", "-q", "--no-charts", NULL};
    const char *const all[] = {"run", "small.ini", "--seed", "3", "-q", "--report", NULL};
    gint64 data_pages = pages_used(d, data), all_pages = pages_used(d, all);
    TuRun r;
    if (data_pages <= 0 || all_pages <= data_pages || !disk_ladder(d, first, "out", &r))
        return;
    tu_run_clear(&r);
    g_autoptr(GHashTable) named = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (gint64 pages = 0; pages < data_pages; pages++)
        disk_case(d, data, pages, TRUE, named);
    disk_case(d, data, data_pages, FALSE, NULL);
    check_named(d, "run", named, (const char *const[]){".ladder-output", "summary.json", "summary.csv", ".dat",
                                                       ".gp", "scenario.json", NULL});
    g_autoptr(GHashTable) charts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    disk_case(d, all, data_pages, TRUE, charts);  /* room for the data, none for a chart */
    check_named(d, "run with charts", charts, (const char *const[]){".png", NULL});
    g_autoptr(GHashTable) last = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    disk_case(d, all, all_pages - 1, TRUE, last);
    check_named(d, "run --report", last, (const char *const[]){"report.html", NULL});
    disk_case(d, all, all_pages, FALSE, NULL);
}

/* The last pages of what calibrate and backtest write, one at a time: the
 * failure lands on the last files in turn (calibrate.json and .csv,
 * backtest.json and .csv, and the calibration charts' .dat and .gp, which
 * follow forecast/). */
static void disk_sweep_tail(Disk *d)
{
    static const struct {
        const char *args[16];
        int pages;            /* the last files, a page each */
        const char *kinds[5];
    } tails[] = {
        {{CALIBRATE_ARGS, "--no-charts", NULL}, 11, {"calibrate.json", "calibrate.csv", ".dat", ".gp", NULL}},
        {{BACKTEST_ARGS, "--no-charts", NULL}, 11, {"backtest.json", "backtest.csv", ".dat", ".gp", NULL}},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(tails); i++) {
        gint64 pages = pages_used(d, tails[i].args);
        if (pages <= tails[i].pages) {
            if (pages >= 0)
                disk_fail(d, "%s wrote only %lld pages", tails[i].args[0], (long long)pages);
            return;
        }
        g_autoptr(GHashTable) named = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        for (gint64 p = pages - tails[i].pages; p < pages; p++)
            disk_case(d, tails[i].args, p, TRUE, named);
        check_named(d, tails[i].args[0], named, tails[i].kinds);
    }
}

/* The child: mounts, sweeps, writes what went wrong to `report`. */
static int disk_child(const char *dir, int report)
{
    Disk d = {.mnt = g_build_filename(dir, "disk", NULL), .log = g_string_new(NULL)};
    int code = 0;
    if (g_mkdir(d.mnt, 0755) != 0 || unshare(CLONE_NEWNS) != 0 ||
        mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
        mount("ladder-test", d.mnt, "tmpfs", MS_NOSUID | MS_NODEV, TMPFS_SIZE) != 0) {
        disk_fail(&d, "cannot mount a tmpfs at %s: %s", d.mnt, g_strerror(errno));
        code = CHILD_SKIP;
    } else {
        g_autofree char *filler = g_build_filename(d.mnt, "filler", NULL);
        d.filler = open(filler, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        g_autofree char *small = g_build_filename(dir, "small.ini", NULL);
        g_autofree char *copy = g_build_filename(d.mnt, "small.ini", NULL);
        if (d.filler < 0 || symlink(small, copy) != 0)
            disk_fail(&d, "cannot set up %s: %s", d.mnt, g_strerror(errno));
        else if (disk_sweep_run(&d), d.log->len == 0)
            disk_sweep_tail(&d);
        close(d.filler);
        umount2(d.mnt, MNT_DETACH);  /* the namespace's end would do it too */
        code = d.log->len ? 1 : 0;
    }
    if (write(report, d.log->str, d.log->len) < 0)
        code = 1;
    return code;
}

/* A real full file system (ENOSPC), swept a page at a time (disk_sweep_run,
 * disk_sweep_tail). */
static void test_full_tmpfs(void **state)
{
    (void)state;
    g_autofree char *dir = tu_tmpdir();
    write_scenarios(dir);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);  /* the child must not write what is buffered again */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        _exit(disk_child(dir, fds[1]));
    }
    close(fds[1]);
    g_autoptr(GString) log = g_string_new(NULL);
    char buf[4096];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) != 0;)
        if (n > 0)
            g_string_append_len(log, buf, n);
        else if (errno != EINTR)
            break;
    close(fds[0]);
    int wait = 0;
    assert_int_equal(waitpid(pid, &wait, 0), pid);
    tu_rmrf(dir);
    if (WIFEXITED(wait) && WEXITSTATUS(wait) == CHILD_SKIP) {
        print_message("skipped: %s", log->str);
        skip();
    }
    if (!WIFEXITED(wait) || WEXITSTATUS(wait) != 0 || log->len)
        fail_msg("the child ended with status %d:\n%s", wait, log->str);
}

/* ---- outdir_write_file and the chart checks ---------------------------------------- */

/* Sets this process's soft RLIMIT_FSIZE to `bytes` (RLIM_INFINITY: back to
 * the hard limit) with SIGXFSZ ignored.  Nothing may be printed while a
 * limit is on: the test's own output may be a file past it. */
static void limit_self(rlim_t bytes)
{
    struct rlimit rl;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &rl), 0);
    rl.rlim_cur = bytes == RLIM_INFINITY ? rl.rlim_max : bytes;
    signal(SIGXFSZ, bytes == RLIM_INFINITY ? SIG_DFL : SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
}

/* Whole or not at all: a new file, a file replaced, a write past the
 * limit (the old file stays, no temporary file is left), a missing folder. */
static void test_write_file(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *path = g_build_filename(dir, "f.txt", NULL);
    GError *error = NULL;
    assert_true(outdir_write_file(path, "first\n", -1, &error));
    assert_true(outdir_write_file(path, "second\0x", 8, &error));
    g_autofree char *text = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(path, &text, &len, NULL));
    assert_int_equal(len, 8);
    assert_memory_equal(text, "second\0x", 8);

    char big[4096];
    memset(big, 'x', sizeof big);
    limit_self(1000);
    gboolean ok = outdir_write_file(path, big, sizeof big, &error);
    limit_self(RLIM_INFINITY);
    assert_false(ok);
    g_autofree char *want = g_strdup_printf("cannot write %s: " EFBIG_TEXT, path);
    assert_string_equal(error->message, want);
    assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_IO));
    g_clear_error(&error);
    g_autofree char *after = NULL;
    assert_true(g_file_get_contents(path, &after, &len, NULL));
    assert_int_equal(len, 8);
    g_autofree char *listing = tu_list_dir(dir);
    assert_string_equal(listing, "f.txt\n");

    g_autofree char *nowhere = g_build_filename(dir, "no", "f.txt", NULL);
    assert_false(outdir_write_file(nowhere, "x", -1, &error));
    g_autofree char *missing = g_strdup_printf("cannot write %s: No such file or directory", nowhere);
    assert_string_equal(error->message, missing);
    g_clear_error(&error);
}

/* A PNG of a signature, an IHDR chunk and IEND (CRCs are not checked). */
static const char png[] = "\x89PNG\r\n\x1a\n"
                          "\0\0\0\x0dIHDR" "\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0" "CRC!"
                          "\0\0\0\0IEND" "\xae\x42\x60\x82";
static const char svg[] = "<?xml version=\"1.0\"?>\n<svg width=\"10\" height=\"10\">\n<g><text>A</text></g>\n</svg>\n\n";

/* Whole charts pass; every shorter one fails, and so do a PNG with bytes
 * after IEND, or with a chunk longer than the file, and an empty file. */
static void test_chart_whole(void **state)
{
    (void)state;
    gsize png_len = sizeof png - 1, svg_len = sizeof svg - 1, svg_end = strstr(svg, "</svg>") + 6 - svg;
    assert_true(plot_chart_whole("a.png", png, png_len));
    for (gsize n = 0; n < png_len; n++)
        if (plot_chart_whole("a.png", png, n))
            fail_msg("a PNG cut to %" G_GSIZE_FORMAT " bytes of %" G_GSIZE_FORMAT " passes", n, png_len);
    char longer[sizeof png + 1];
    memcpy(longer, png, png_len);
    longer[png_len] = 'x';
    assert_false(plot_chart_whole("a.png", longer, png_len + 1));
    char bad[sizeof png];
    memcpy(bad, png, sizeof png);
    bad[11] = 0x7f;  /* IHDR's length, past the end */
    assert_false(plot_chart_whole("a.png", bad, png_len));
    assert_true(plot_chart_whole("a.svg", svg, svg_len));
    assert_true(plot_chart_whole("a.svg", svg, svg_end));  /* only white space after </svg> */
    for (gsize n = 0; n < svg_end; n++)
        if (plot_chart_whole("a.svg", svg, n))
            fail_msg("an SVG cut to %" G_GSIZE_FORMAT " bytes passes", n);
    assert_false(plot_chart_whole("a.svg", "</svg>", 6));  /* no <svg element */
    assert_false(plot_chart_whole("a.txt", "", 0));
    assert_true(plot_chart_whole("a.txt", "x", 1));
}

/* The charts a script names with `set output` are each checked: whole
 * passes; a missing one and a cut one are named. */
static void test_check_outputs(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_free(tu_write(dir, "c.gp", "set terminal pngcairo\n  set output \"c.png\"\nplot x\n"
                                 "set terminal svg\nset output \"c.svg\"\nreplot\nunset output\n"));
    g_autofree char *p = g_build_filename(dir, "c.png", NULL);
    g_autofree char *s = g_build_filename(dir, "c.svg", NULL);
    GError *error = NULL;
    assert_false(plot_check_outputs(dir, "c.gp", &error));
    assert_string_equal(error->message, "it did not write c.png");
    g_clear_error(&error);
    assert_true(g_file_set_contents(p, png, sizeof png - 1, NULL));
    assert_true(g_file_set_contents(s, svg, 40, NULL));
    assert_false(plot_check_outputs(dir, "c.gp", &error));
    assert_string_equal(error->message, "c.svg is incomplete");
    g_clear_error(&error);
    assert_true(g_file_set_contents(s, svg, -1, NULL));
    assert_true(plot_check_outputs(dir, "c.gp", &error));
}

int main(void)
{
    tu_pin_ladder();
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_write_file),
        cmocka_unit_test(test_chart_whole),
        cmocka_unit_test(test_check_outputs),
        cmocka_unit_test(test_report_limited),
        cmocka_unit_test(test_limit_signal),
        cmocka_unit_test(test_stdout_full),
        cmocka_unit_test(test_stdout_closed_pipe),
        cmocka_unit_test(test_gnuplot_silent),
        cmocka_unit_test(test_dot_fails),
        cmocka_unit_test(test_dot_stops_reading),
        cmocka_unit_test(test_full_tmpfs),
    };
    g_autoptr(GArray) tests = TU_TESTS(fixed);
    ADD_ROWS(tests, limit_cases, test_limit_case);
    return tu_run_tests("outdir", tests);
}
