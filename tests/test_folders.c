/* test_folders.c: an output folder belongs to the command that wrote it
 * (another command is refused without --force), and the temporary folders
 * a killed run leaves are removed by the next write beside them, while
 * those of a live run, and those without a lock file, are left alone.
 * SPDX-License-Identifier: MIT */
#include "testutil.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>

/* Two stages and a target: quick to run. */
#define SMALL_INI                                                                           \
    "[scenario]\nname=folders\nlanguage=en\nbase_year=2024\nhorizon=2027\nseed=7\n"         \
    "[stages]\na=A\nb=B\n[baseline]\na=1000\nb=100\n[transitions]\na -> b = 0.1\n"            \
    "[target b200]\nstage=b\nyear=2027\nat_least=200\n"

/* The first line of out/.ladder-output in `dir` (caller frees). */
static char *marker_line(const char *dir, const char *out)
{
    g_autofree char *path = g_build_filename(dir, out, ".ladder-output", NULL);
    g_autofree char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return g_strdup("(none)");
    return g_strndup(text, strcspn(text, "\n"));
}

static gboolean exists(const char *dir, const char *name)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    return g_file_test(path, G_FILE_TEST_EXISTS);
}

/* `ladder sensitivity -o out` after `ladder run -o out` is refused (exit 2,
 * naming both commands and the folder) and leaves run's results as they
 * were; with --force it replaces them; the same command replaces its own. */
static void test_other_command_refused(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_free(tu_write(dir, "s.ini", SMALL_INI));
    TuRun r = tu_ladder(dir, "run", "s.ini", "--reps", "50", "-q", "--no-charts", "--out", "out", NULL);
    tu_assert_status(&r, 0);
    tu_run_clear(&r);
    g_autofree char *first = marker_line(dir, "out");
    assert_string_equal(first, "command: run");

    r = tu_ladder(dir, "sensitivity", "s.ini", "--reps", "50", "-q", "--no-charts", "--out", "out", NULL);
    tu_assert_status(&r, 2);
    tu_assert_contains(r.err, "ladder: out holds the results of `ladder run`; `ladder sensitivity` would replace "
                              "them: choose another --out, or add --force to replace them");
    tu_run_clear(&r);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    assert_true(exists(out, "summary.json"));
    assert_false(exists(out, "sensitivity.json"));

    r = tu_ladder(dir, "run", "s.ini", "--reps", "60", "-q", "--no-charts", "--out", "out", NULL);
    tu_assert_status(&r, 0);
    tu_run_clear(&r);

    r = tu_ladder(dir, "sensitivity", "s.ini", "--reps", "50", "-q", "--no-charts", "--out", "out", "--force", NULL);
    tu_assert_status(&r, 0);
    tu_run_clear(&r);
    g_autofree char *second = marker_line(dir, "out");
    assert_string_equal(second, "command: sensitivity");
    assert_true(exists(out, "sensitivity.json"));
    assert_false(exists(out, "summary.json"));
    /* report adds report.html to any folder ladder wrote */
    r = tu_ladder(dir, "report", "out", NULL);
    tu_assert_status(&r, 0);
    tu_run_clear(&r);
    assert_true(exists(out, "report.html"));
}

/* A folder of a version that recorded no command may be replaced by any. */
static void test_old_marker(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_free(tu_write(dir, "s.ini", SMALL_INI));
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_mkdir(out, 0777);
    g_free(tu_write(out, ".ladder-output", "written by ladder; ladder may replace this folder\n"));
    g_auto(TuRun) r = tu_ladder(dir, "solve", "s.ini", "--target", "b200", "--probability", "0.5", "--lever", "a -> b",
                        "--reps", "50", "-q", "--no-charts", "--out", "out", NULL);
    tu_assert_status(&r, 0);
    g_autofree char *line = marker_line(dir, "out");
    assert_string_equal(line, "command: solve");
}

/* Makes the temporary folder `name` in `dir`, with a lock file when
 * `lock`; returns the lock file's fd, locked when `hold`, else closed (-1). */
static int make_temp(const char *dir, const char *name, gboolean lock, gboolean hold)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    assert_int_equal(g_mkdir(path, 0777), 0);
    g_free(tu_write(path, "summary.json", "{}\n"));
    if (!lock)
        return -1;
    g_autofree char *lockfile = g_build_filename(path, ".ladder-lock", NULL);
    int fd = open(lockfile, O_RDWR | O_CREAT, 0666);
    assert_true(fd >= 0);
    if (!hold) {
        close(fd);
        return -1;
    }
    assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
    return fd;
}

/* The next write beside them removes a temporary folder whose lock no one
 * holds and the moved-aside folder of a destination nobody writes, saying
 * so; it leaves a locked one (a live run), one without a lock file, and
 * the moved-aside folder of the live run's destination. */
static void test_stale_folders(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_free(tu_write(dir, "s.ini", SMALL_INI));
    g_autofree char *parent = g_build_filename(dir, "out", NULL);
    g_mkdir(parent, 0777);
    make_temp(parent, ".dead.tmp-AAAAAA", TRUE, FALSE);
    int held = make_temp(parent, ".live.tmp-BBBBBB", TRUE, TRUE);
    make_temp(parent, ".nolock.tmp-CCCCCC", FALSE, FALSE);
    make_temp(parent, ".dead.old-DDDDDD", FALSE, FALSE);
    make_temp(parent, ".live.old-EEEEEE", FALSE, FALSE);
    g_auto(TuRun) r = tu_ladder(dir, "run", "s.ini", "--reps", "50", "-q", "--no-charts", "--out", "out/new", NULL);
    tu_assert_status(&r, 0);
    tu_assert_contains(r.err, "ladder: removed out/.dead.tmp-AAAAAA, left by a run that did not finish\n");
    tu_assert_contains(r.err, "ladder: removed out/.dead.old-DDDDDD, left by a run that did not finish\n");
    assert_false(exists(parent, ".dead.tmp-AAAAAA"));
    assert_false(exists(parent, ".dead.old-DDDDDD"));
    assert_true(exists(parent, ".live.tmp-BBBBBB"));
    assert_true(exists(parent, ".nolock.tmp-CCCCCC"));
    assert_true(exists(parent, ".live.old-EEEEEE"));
    assert_null(strstr(r.err, "live"));
    assert_null(strstr(r.err, "nolock"));
    /* the results hold no lock file */
    g_autofree char *result = g_build_filename(parent, "new", NULL);
    assert_false(exists(result, ".ladder-lock"));
    close(held);
}

/* A run killed with SIGKILL leaves its temporary folder; the next run into
 * the same parent removes it. */
static void test_killed_run(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_free(tu_write(dir, "s.ini", SMALL_INI));
    g_autofree char *bin = tu_ladder_bin();
    const char *argv[] = {bin, "run", "s.ini", "--reps", "100000000", "-q", "--no-charts", "--threads", "1",
                          "--out", "out/k", NULL};
    GPid pid;
    GError *error = NULL;
    assert_true(g_spawn_async(dir, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                              NULL, NULL, &pid, &error));
    g_autofree char *parent = g_build_filename(dir, "out", NULL);
    char *left = NULL;
    for (int i = 0; i < 200 && left == NULL; i++) {  /* up to 10 s for the folder to appear */
        g_usleep(50000);
        GDir *d = g_dir_open(parent, 0, NULL);
        for (const char *name; d && (name = g_dir_read_name(d));)
            if (g_str_has_prefix(name, ".k.tmp-"))
                left = g_strdup(name);
        if (d)
            g_dir_close(d);
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    g_spawn_close_pid(pid);
    assert_non_null(left);
    assert_true(WIFSIGNALED(status));
    assert_true(exists(parent, left));
    g_auto(TuRun) r = tu_ladder(dir, "run", "s.ini", "--reps", "50", "-q", "--no-charts", "--out", "out/k", NULL);
    tu_assert_status(&r, 0);
    g_autofree char *said = g_strdup_printf("ladder: removed out/%s, left by a run that did not finish\n", left);
    tu_assert_contains(r.err, said);
    assert_false(exists(parent, left));
    g_free(left);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_other_command_refused),
        cmocka_unit_test(test_old_marker),
        cmocka_unit_test(test_stale_folders),
        cmocka_unit_test(test_killed_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
