/* test_install.c: `make install` into a scratch DESTDIR, as a packager runs
 * it: the installed binary runs the installed scenarios (extends and history
 * paths and all), the man page renders without a warning and has a section
 * naming every option of every command `ladder help` lists, and `make
 * uninstall` leaves no file behind.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"

#define PREFIX "/usr"
#define REPS "200"   /* enough to run every part of a command, and fast */

/* What the group installed; the group state of every test. */
typedef struct {
    char *dest;       /* DESTDIR, a scratch folder */
    char *root;       /* dest + PREFIX */
    char *bin;        /* the installed ladder */
    char *scenarios;  /* root/share/ladder/scenarios */
    char *work;       /* a scratch folder for the runs' output */
    gboolean rebuilt; /* make install rewrote build/ladder */
} Installed;

/* Runs `argv` (NULL-ended; argv[0] looked up in PATH) in `cwd` with `envp`
 * (NULL: this process's environment). */
static TuRun run_argv(const char *cwd, const char *const *argv, char **envp)
{
    TuRun r = {0};
    GError *error = NULL;
    int wait = 0;
    if (!g_spawn_sync(cwd, (char **)argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &r.out, &r.err, &wait, &error)) {
        r.status = -1;
        r.err = g_strdup(error->message);
        g_error_free(error);
        return r;
    }
    r.status = g_spawn_check_wait_status(wait, NULL) ? 0 : (WIFEXITED(wait) ? WEXITSTATUS(wait) : -1);
    return r;
}

/* `make -C SRCDIR TARGET DESTDIR=dest PREFIX=/usr`.  MAKEFLAGS and the like
 * are dropped: they belong to the `make check` that runs this test, and
 * would hand this make a jobserver it cannot reach. */
static TuRun run_make(const char *target, const char *dest)
{
    static const char *const inherited[] = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"};
    g_autofree char *src = g_canonicalize_filename(tu_srcdir(), NULL);
    g_autofree char *destdir = g_strconcat("DESTDIR=", dest, NULL);
    const char *argv[] = {"make", "-C", src, target, destdir, "PREFIX=" PREFIX, NULL};
    g_auto(GStrv) env = g_get_environ();
    for (gsize i = 0; i < G_N_ELEMENTS(inherited); i++)
        env = g_environ_unsetenv(env, inherited[i]);
    return run_argv(NULL, argv, env);
}

/* The modification time of `path` in nanoseconds, or -1. */
static gint64 mtime_ns(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    return (gint64)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

static int installed_free(void **state)
{
    Installed *in = *state;
    if (in == NULL)
        return 0;
    tu_rmrf(in->dest);
    tu_rmrf(in->work);
    g_free(in->dest);
    g_free(in->root);
    g_free(in->bin);
    g_free(in->scenarios);
    g_free(in->work);
    g_free(in);
    return 0;
}

/* Installs into a fresh DESTDIR.  Runs after the build (`make check`), so
 * make has nothing to rebuild; whether it did is kept for a test to say. */
static int install(void **state)
{
    Installed *in = g_new0(Installed, 1);
    *state = in;
    in->dest = tu_tmpdir();
    in->work = tu_tmpdir();
    in->root = g_build_filename(in->dest, PREFIX, NULL);
    in->bin = g_build_filename(in->root, "bin", "ladder", NULL);
    in->scenarios = g_build_filename(in->root, "share", "ladder", "scenarios", NULL);
    g_autofree char *built = g_build_filename(tu_srcdir(), "build", "ladder", NULL);
    gint64 before = mtime_ns(built);
    TuRun r = run_make("install", in->dest);
    in->rebuilt = mtime_ns(built) != before;
    int status = r.status;
    if (status != 0)
        fprintf(stderr, "make install: exit status %d\n%s%s", status, r.out, r.err);
    tu_run_clear(&r);
    return status == 0 ? 0 : -1;
}

/* The installed ladder with the NULL-ended arguments, run in `cwd`. */
static TuRun installed_ladder(const Installed *in, const char *cwd, const char *const *args)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_ptr_array_add(argv, in->bin);
    for (gsize i = 0; args[i]; i++)
        g_ptr_array_add(argv, (char *)args[i]);
    g_ptr_array_add(argv, NULL);
    return run_argv(cwd, (const char *const *)argv->pdata, NULL);
}

/* ---- the files ---------------------------------------------------------- */

/* Every file install puts there, and the binary's version. */
static void test_installed_files(void **state)
{
    Installed *in = *state;
    assert_false(in->rebuilt);  /* install only copies an up-to-date build */
    assert_true(g_file_test(in->bin, G_FILE_TEST_IS_EXECUTABLE));
    const char *const files[] = {
        "share/ladder/scenarios/tianning-2025.ini", "share/ladder/scenarios/tianning-2025-zhuanban.ini",
        "share/ladder/scenarios/wujin-2025.ini",    "share/ladder/scenarios/history/wujin.csv",
        "share/ladder/plots/fan.gp",                "share/man/man1/ladder.1",
        "share/doc/ladder/scenario-format.md",      "share/doc/ladder/calibrate.md",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *path = g_build_filename(in->root, files[i], NULL);
        if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
            fail_msg("%s was not installed", path);
    }
    g_auto(TuRun) v = installed_ladder(in, in->work, (const char *const[]){"--version", NULL});
    tu_assert_status(&v, 0);
    assert_true(g_str_has_prefix(v.out, "ladder "));
    assert_true(g_ascii_isdigit(v.out[strlen("ladder ")]));
}

/* ---- the installed scenarios run ---------------------------------------- */

/* A command on an installed scenario, run from a folder of its own so that
 * only the installed tree is used. */
typedef struct {
    const char *id;
    const char *command;
    const char *scenario;  /* in share/ladder/scenarios */
    const char *history;   /* in its history/, or NULL */
    const char *extra[3];  /* more arguments, NULL-ended */
    const char *writes;    /* a file the output folder must hold */
} InstalledRun;

static const InstalledRun installed_runs[] = {
    {"installed-1.1 run", "run", "tianning-2025.ini", NULL, {NULL}, "summary.json"},
    {"installed-1.2 run, extends", "run", "tianning-2025-zhuanban.ini", NULL, {NULL}, "summary.json"},
    {"installed-1.3 compare, extends", "compare", "tianning-2025.ini", NULL, {"tianning-2025-zhaoyin.ini", NULL},
     "compare.json"},
    {"installed-1.4 backtest, history", "backtest", "wujin-2025.ini", "wujin.csv", {"--until", "2017", NULL},
     "backtest.json"},
};

static void test_installed_runs(void **state)
{
    Installed *in = *state;
    for (gsize k = 0; k < G_N_ELEMENTS(installed_runs); k++) {
        const InstalledRun *t = &installed_runs[k];
        g_autofree char *out = g_strdup_printf("%s/o%zu", in->work, k);
        g_autofree char *file = g_build_filename(in->scenarios, t->scenario, NULL);
        g_autofree char *history = t->history ? g_build_filename(in->scenarios, "history", t->history, NULL) : NULL;
        g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(args, g_strdup(t->command));
        g_ptr_array_add(args, g_steal_pointer(&file));
        for (gsize i = 0; t->extra[i]; i++)  /* a .ini is another installed scenario */
            g_ptr_array_add(args, g_str_has_suffix(t->extra[i], ".ini")
                                      ? g_build_filename(in->scenarios, t->extra[i], NULL)
                                      : g_strdup(t->extra[i]));
        if (history) {
            g_ptr_array_add(args, g_strdup("--history"));
            g_ptr_array_add(args, g_steal_pointer(&history));
        }
        const char *const common[] = {"--reps", REPS, "--no-charts", "-q", "--out", out};
        for (gsize i = 0; i < G_N_ELEMENTS(common); i++)
            g_ptr_array_add(args, g_strdup(common[i]));
        g_ptr_array_add(args, NULL);
        g_auto(TuRun) r = installed_ladder(in, in->work, (const char *const *)args->pdata);
        if (r.status != 0)
            fail_msg("%s: exit status %d; stderr: %s", t->id, r.status, r.err);
        g_autofree char *written = g_build_filename(out, t->writes, NULL);
        if (!g_file_test(written, G_FILE_TEST_IS_REGULAR))
            fail_msg("%s: no %s", t->id, written);
    }
}

/* ---- the man page ------------------------------------------------------- */

/* Of `lines`, those after the first equal to `heading` (after leading
 * spaces) up to the next one indented no deeper than it, joined by '\n'
 * (caller frees); NULL when there is no such heading. */
static char *section(char **lines, const char *heading)
{
    for (gsize i = 0; lines[i]; i++) {
        gsize indent = strspn(lines[i], " ");
        if (strcmp(lines[i] + indent, heading) != 0)
            continue;
        GString *s = g_string_new(NULL);
        for (gsize j = i + 1; lines[j]; j++) {
            if (lines[j][0] != '\0' && strspn(lines[j], " ") <= indent)
                break;
            g_string_append_printf(s, "%s\n", lines[j]);
        }
        return g_string_free(s, FALSE);
    }
    return NULL;
}

/* The first words of the lines of `text` after the line `heading`, up to a
 * blank line (caller frees). */
static GPtrArray *first_words_after(const char *text, const char *heading)
{
    GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    gboolean in_list = FALSE;
    for (gsize i = 0; lines[i]; i++) {
        char *line = g_strstrip(lines[i]);
        if (in_list && line[0] == '\0')
            in_list = FALSE;
        else if (in_list)
            g_ptr_array_add(words, g_strndup(line, strcspn(line, " ")));
        else if (strcmp(line, heading) == 0)
            in_list = TRUE;
    }
    return words;
}

/* The long options of `ladder help COMMAND [SUB]`'s option lists ("--reps",
 * ...); `sub` may be NULL. */
static GPtrArray *long_options(const Installed *in, const char *command, const char *sub)
{
    TuRun r = installed_ladder(in, in->work, (const char *const[]){"help", command, sub, NULL});
    tu_assert_status(&r, 0);
    GPtrArray *options = g_ptr_array_new_with_free_func(g_free);
    g_auto(GStrv) lines = g_strsplit(r.out, "\n", -1);
    gboolean in_list = FALSE;
    for (gsize i = 0; lines[i]; i++) {
        char *line = g_strstrip(lines[i]);
        if (g_str_has_suffix(line, "Options:"))
            in_list = TRUE;
        else if (line[0] == '\0')
            in_list = FALSE;
        else if (in_list) {
            const char *o = strstr(line, "--");
            if (o)
                g_ptr_array_add(options, g_strndup(o, strcspn(o, "= ")));
        }
    }
    tu_run_clear(&r);
    if (options->len == 0)
        fail_msg("'ladder help %s%s%s' lists no option", command, sub ? " " : "", sub ? sub : "");
    return options;
}

/* The section `usage` of COMMANDS names each long option of `ladder help
 * COMMAND [SUB]`. */
static void assert_options_named(const Installed *in, char **command_lines, const char *usage, const char *command,
                                 const char *sub)
{
    g_autofree char *text = section(command_lines, usage);
    if (text == NULL)
        fail_msg("COMMANDS has no section '%s'", usage);
    g_autoptr(GPtrArray) options = long_options(in, command, sub);
    for (guint k = 0; k < options->len; k++)
        if (strstr(text, options->pdata[k]) == NULL)
            fail_msg("the man page's '%s' does not name %s", usage, (char *)options->pdata[k]);
}

/* The subcommands `ladder help COMMAND` lists (none for most commands). */
static GPtrArray *subcommands(const Installed *in, const char *command)
{
    g_auto(TuRun) r = installed_ladder(in, in->work, (const char *const[]){"help", command, NULL});
    tu_assert_status(&r, 0);
    return first_words_after(r.out, "Subcommands:");
}

/* The installed page renders with groff without a single warning, with the
 * installed paths and the version, and COMMANDS has a section per command of
 * `ladder help` naming each of its options: a new command or option without
 * its entry fails here. */
static void test_man_page(void **state)
{
    Installed *in = *state;
    g_autofree char *page = g_build_filename(in->root, "share", "man", "man1", "ladder.1", NULL);
    const char *argv[] = {"groff", "-man", "-Tutf8", "-ww", "-P-cbou", page, NULL};
    g_auto(TuRun) g = run_argv(in->work, argv, NULL);
    if (g.status != 0 || g.err[0] != '\0')
        fail_msg("groff: exit status %d: %s", g.status, g.err);
    tu_assert_contains(g.out, PREFIX "/share/ladder/scenarios/");
    assert_null(strstr(g.out, "/usr/local"));
    const char *const chinese[] = {"初创", "独角兽", "高新技术企业500家", "→"};  /* \[uXXXX] escapes */
    for (gsize i = 0; i < G_N_ELEMENTS(chinese); i++)
        tu_assert_contains(g.out, chinese[i]);
    g_auto(TuRun) v = installed_ladder(in, in->work, (const char *const[]){"--version", NULL});
    tu_assert_contains(g.out, g_strchomp(v.out));

    g_auto(GStrv) lines = g_strsplit(g.out, "\n", -1);
    g_autofree char *synopsis = section(lines, "SYNOPSIS");
    g_autofree char *commands = section(lines, "COMMANDS");
    assert_non_null(synopsis);
    assert_non_null(commands);
    g_auto(GStrv) command_lines = g_strsplit(commands, "\n", -1);
    g_auto(TuRun) h = installed_ladder(in, in->work, (const char *const[]){"help", NULL});
    tu_assert_status(&h, 0);
    g_autoptr(GPtrArray) names = first_words_after(h.out, "Commands:");
    assert_true(names->len >= 7);
    for (guint i = 0; i < names->len; i++) {
        const char *name = names->pdata[i];
        g_autofree char *usage = g_strconcat("ladder ", name, NULL);
        tu_assert_contains(synopsis, usage);
        g_autofree char *text = section(command_lines, usage);
        if (text == NULL)
            fail_msg("COMMANDS has no section '%s'", usage);
        if (strcmp(name, "help") == 0)
            continue;
        g_autoptr(GPtrArray) subs = subcommands(in, name);
        for (guint k = 0; k < subs->len; k++) {
            g_autofree char *sub_usage = g_strconcat(usage, " ", subs->pdata[k], NULL);
            tu_assert_contains(synopsis, sub_usage);
            assert_options_named(in, command_lines, sub_usage, name, subs->pdata[k]);
        }
        if (subs->len == 0)
            assert_options_named(in, command_lines, usage, name, NULL);
    }
}

/* ---- uninstall ---------------------------------------------------------- */

/* The regular files and links under `dir`, appended to `found`. */
static void find_files(const char *dir, GString *found)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d == NULL)
        return;
    for (const char *name; (name = g_dir_read_name(d));) {
        g_autofree char *path = g_build_filename(dir, name, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK))
            find_files(path, found);
        else
            g_string_append_printf(found, "%s\n", path);
    }
    g_dir_close(d);
}

/* Last: uninstall removes every file install put there, and ladder's own
 * folders. */
static void test_uninstall(void **state)
{
    Installed *in = *state;
    g_auto(TuRun) r = run_make("uninstall", in->dest);
    if (r.status != 0)
        fail_msg("make uninstall: exit status %d\n%s%s", r.status, r.out, r.err);
    g_autoptr(GString) left = g_string_new(NULL);
    find_files(in->dest, left);
    if (left->len > 0)
        fail_msg("make uninstall left:\n%s", left->str);
    g_autofree char *share = g_build_filename(in->root, "share", "ladder", NULL);
    assert_false(g_file_test(share, G_FILE_TEST_EXISTS));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_installed_files),
        cmocka_unit_test(test_installed_runs),
        cmocka_unit_test(test_man_page),
        cmocka_unit_test(test_uninstall),
    };
    return cmocka_run_group_tests_name("install", tests, install, installed_free);
}
