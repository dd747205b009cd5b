/* cmd_report.c: `ladder report OUT_DIR... [--lang zh|en] [--output FILE]`:
 * result folders (one, or several of one scenario family) as one
 * self-contained HTML page.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "errors.h"
#include "report.h"
#include "version.h"

/* The flags as typed; NULL / FALSE when absent. */
typedef struct {
    char *lang, *output;
    gboolean quiet, pdf;
} ReportState;

#define REPORT_PDF_TIMEOUT_S 120  /* Chromium prints a long page in seconds; a hung one is stopped */

static ReportState report_state;

static void report_add_options(GOptionContext *ctx, void *state)
{
    ReportState *st = state;
    const GOptionEntry entries[] = {
        {"lang", 0, 0, G_OPTION_ARG_STRING, &st->lang, "Language of the page: zh or en (default: the scenario's)", "zh|en"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &st->output, "The HTML file to write (default: OUT_DIR/report.html; needed with several folders)", "FILE"},
        {"pdf", 0, 0, G_OPTION_ARG_NONE, &st->pdf,
         "Also print the page to PDF beside it (FILE.pdf, A4) with headless Chromium, stopped after 120 s", NULL},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &st->quiet, "Print nothing but errors and warnings", NULL},
        {NULL},
    };
    g_option_context_add_main_entries(ctx, entries, NULL);
}

/* One result folder, or several with --output (the page is theirs, not
 * one folder's). */
static gboolean report_operands(void *state, int n, GError **error)
{
    ReportState *st = state;
    if (n < 1 || (n > 1 && st->output == NULL)) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE,
                    n < 1 ? "report: name a result folder"
                          : "report: name the page of several folders with -o FILE (got %d folders)", n);
        return FALSE;
    }
    return TRUE;
}

/* Writes the report of the folders call->files and prints its path. */
static gboolean report_run(void *state, const CommandCall *call, GError **error)
{
    ReportState *st = state;
    if (st->lang && strcmp(st->lang, "zh") != 0 && strcmp(st->lang, "en") != 0) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--lang %s: expected zh or en", st->lang);
        return FALSE;
    }
    for (int i = 0; i < call->n_files; i++)
        if (!g_file_test(call->files[i], G_FILE_TEST_IS_DIR)) {
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s: no such folder", call->files[i]);
            return FALSE;
        }
    g_autofree char *output =
        st->output ? g_strdup(st->output) : g_build_filename(call->files[0], "report.html", NULL);
    gboolean no_dot = FALSE;
    if (!report_write_many(call->files, (gsize)call->n_files, st->lang, output, LADDER_VERSION, &no_dot, error))
        return FALSE;
    if (no_dot)
        fprintf(stderr, "ladder: warning: Graphviz (dot) is not installed, so the report has no ladder "
                        "diagram (apt-get install graphviz)\n");
    if (!st->quiet)
        printf("%s\n", output);
    if (!st->pdf)
        return TRUE;
    g_autofree char *stem = g_str_has_suffix(output, ".html") ? g_strndup(output, strlen(output) - 5)
                                                             : g_strdup(output);
    g_autofree char *pdf = g_strconcat(stem, ".pdf", NULL);
    if (!report_print_pdf(output, pdf, REPORT_PDF_TIMEOUT_S, error))
        return FALSE;
    if (!st->quiet)
        printf("%s\n", pdf);
    return TRUE;
}

static void report_clear(void *state)
{
    ReportState *st = state;
    g_clear_pointer(&st->lang, g_free);
    g_clear_pointer(&st->output, g_free);
}

const CommandSpec cmd_report_spec = {
    .name = "report",
    .parameter = "OUT_DIR...",
    .summary = "one self-contained HTML report of a result folder",
    .usage = "OUT_DIR... - one HTML report of result folders",
    .help_summary =
        "Writes the results of `ladder run` (or compare, sensitivity, solve, calibrate, backtest) in\n"
        "OUT_DIR as one self-contained HTML page to hand over: the verdicts first, a diagram of the\n"
        "ladder, every chart, every assumption with the source its scenario file gives, and the\n"
        "command that reproduces the figures.  Several folders of one scenario family (the same\n"
        "stages) make one page with -o FILE: the answer of each first, a table of contents, the\n"
        "ladder once, then each folder's section.  No network and no scripts are needed to read or\n"
        "print it.",
    .help_description =
        "Example:\n"
        "  ladder run scenarios/tianning-2025.ini\n"
        "  ladder report out/tianning-2025\n"
        "  ladder report out/tianning-2025 out/tianning-2025-compare out/tianning-2025-solve -o meeting.html\n\n"
        "  ladder report out/tianning-2025 out/tianning-2025-compare -o meeting.html --pdf\n\n"
        "The ladder diagram needs Graphviz (apt-get install graphviz); --pdf needs Chromium\n"
        "(apt-get install chromium): without it the HTML page is still written and the status is 1.\n"
        "Exit status: 0 done, 1 a file could not be written (or printed), 2 bad input or usage.",
    .operand = "result folder",
    .operands = report_operands,
    .state = &report_state,
    .add_options = report_add_options,
    .run = report_run, .clear = report_clear,
};
