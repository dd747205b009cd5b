/* main.c: `ladder COMMAND ...`: finds the command in the table and runs it.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gsl/gsl_errno.h>

#include "cluster.h"
#include "commands.h"
#include "errors.h"
#include "version.h"
#include "text.h"

static void print_overview(FILE *f)
{
    fprintf(f, "Usage: ladder COMMAND [OPTIONS] ...\n\n"
               "Simulates how firms climb a growth ladder (初创 → 科小 → 高企 → 瞪羚 → 独角兽 → 上市)\n"
               "and how likely a plan's targets are met.\n\nCommands:\n");
    gsize n;
    const CommandSpec *const *commands = commands_list(&n);
    for (gsize i = 0; i < n; i++)
        fprintf(f, "  %-11s %-14s %s\n", commands[i]->name, commands[i]->parameter, commands[i]->summary);
    fprintf(f, "  %-11s %-14s %s\n", "help", "[COMMAND]", "show this, or a command's options");
    fprintf(f, "\nExample:\n  ladder run scenarios/tianning-2025.ini\n"
               "\nOptions: --help, --version\n");
}

static int unknown_command(const char *name)
{
    gsize n;
    const CommandSpec *const *commands = commands_list(&n);
    g_autofree const char **names = g_new0(const char *, n + 2);
    names[0] = "help";
    for (gsize i = 0; i < n; i++)
        names[i + 1] = commands[i]->name;
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "unknown command '%s'", name);
    text_append_suggestion(msg, name, names);
    fprintf(stderr, "ladder: %s\nTry 'ladder help'.\n", msg->str);
    return LADDER_EXIT_INPUT;
}

/* `ladder help [COMMAND [SUBCOMMAND]]`. */
static int help(const char *name, const char *sub)
{
    if (name == NULL || strcmp(name, "help") == 0) {
        print_overview(stdout);
        return LADDER_EXIT_OK;
    }
    const CommandSpec *c = commands_find(name);
    if (c == NULL)
        return unknown_command(name);
    if (sub != NULL && c->subcommands != NULL) {
        const CommandSpec *s = commands_find_sub(c, sub);
        if (s == NULL) {
            fprintf(stderr, "ladder: %s: no subcommand '%s'\nTry 'ladder help %s'.\n", c->name, sub, c->name);
            return LADDER_EXIT_INPUT;
        }
        c = s;
    }
    g_autofree char *prgname = g_strdup_printf("ladder %s", c->name);
    g_set_prgname(prgname);
    g_autofree char *text = commands_help(c);
    fputs(text, stdout);
    return LADDER_EXIT_OK;
}

/* Flushes and closes standard output: a table or path that could not all
 * be written there (a full disk, /dev/full) is an error, exit 1, said on
 * stderr.  By then the command has written its files whole: the message
 * is about the printout only.  A closed stdout with nothing to write is
 * fine (gnulib's close_stdout does the same), and so is a pipe whose
 * reader has gone.  Returns the exit code,
 * `status` if it already says a failure. */
static int close_stdout(int status)
{
    struct stat st;
    gboolean pipe_out = fstat(STDOUT_FILENO, &st) == 0 && S_ISFIFO(st.st_mode);
    gboolean pending = __fpending(stdout) != 0;
    gboolean failed = ferror(stdout) != 0;
    errno = 0;
    if (fclose(stdout) != 0 && (pending || errno != EBADF))
        failed = TRUE;
    if (!failed)
        return status;
    int e = errno;
    /* `ladder run x.ini | head`: the reader has what it wanted (a write that
     * failed earlier on a pipe left ferror set and its EPIPE forgotten) */
    if (e == EPIPE || (e == 0 && pipe_out))
        return status;
    fprintf(stderr, "ladder: cannot write to standard output: %s\n", e ? g_strerror(e) : "write error");
    return status != LADDER_EXIT_OK ? status : LADDER_EXIT_IO;
}

/* The command's exit code. */
static int run(int argc, char **argv)
{
    if (argc < 2) {
        print_overview(stderr);
        return LADDER_EXIT_INPUT;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("ladder %s\n", LADDER_VERSION);
        return LADDER_EXIT_OK;
    }
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        return help(NULL, NULL);
    if (strcmp(name, "help") == 0)
        return help(argc > 2 ? argv[2] : NULL, argc > 3 ? argv[3] : NULL);
    const CommandSpec *c = commands_find(name);
    if (c == NULL)
        return unknown_command(name);
    g_autofree char *prgname = g_strdup_printf("ladder %s", c->name);
    g_set_prgname(prgname);
    return commands_main(c, argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
    cluster_init(&argc, &argv);
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C"); /* numbers in files always use '.' */
    g_set_prgname("ladder");
    gsl_set_error_handler_off();
    /* A file size limit (ulimit -f) makes a write fail with EFBIG, which
     * ladder reports and cleans up after, instead of killing it half-way
     * with its temporary folder left behind.  gnuplot and dot inherit
     * this; a chart they leave cut short is caught (plot_check_outputs). */
    signal(SIGXFSZ, SIG_IGN);
    /* A dot that exits without reading all of the diagram it is fed would
     * kill ladder (SIGPIPE) in the middle of writing a report: the write
     * fails with EPIPE instead, and the report says dot failed. */
    signal(SIGPIPE, SIG_IGN);
    /* Everything ladder prints is printed at the end: kept in one buffer
     * and written at close_stdout, so a failed write (a full disk) is
     * seen there with its errno rather than half-way through a table or
     * the help, where stdio forgets it.  A terminal keeps its line
     * buffering. */
    static char out_buffer[1 << 20];
    if (!isatty(STDOUT_FILENO))
        setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
    int status = close_stdout(run(argc, argv));
    cluster_finish();
    return status;
}
