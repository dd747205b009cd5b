/* cmd_report.c: `ladder report OUT_DIR [--lang zh|en] [--output FILE]`: a
 * result folder as one self-contained HTML page.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "errors.h"
#include "version.h"
#include "report.h"


static char *lang_flag, *output_flag;
static gboolean quiet_flag;

GOptionContext *cmd_report_context(void)
{
    const GOptionEntry entries[] = {
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang_flag, "Language of the page: zh or en (default: the scenario's)", "zh|en"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output_flag, "The HTML file to write (default: OUT_DIR/report.html)", "FILE"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet_flag, "Print nothing but errors and warnings", NULL},
        {NULL},
    };
    GOptionContext *ctx = g_option_context_new("OUT_DIR - one HTML report of a result folder");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_summary(ctx,
        "Writes the results of `ladder run` (or compare, sensitivity, solve, calibrate, backtest) in\n"
        "OUT_DIR as one self-contained HTML page to hand over: the verdicts first, a diagram of the\n"
        "ladder, every chart, every assumption with the source its scenario file gives, and how to\n"
        "reproduce the figures.  No network and no scripts are needed to read or print it.");
    g_option_context_set_description(ctx,
        "Example:\n"
        "  ladder run scenarios/tianning-2025.ini\n"
        "  ladder report out/tianning-2025\n\n"
        "The ladder diagram needs Graphviz (apt-get install graphviz).\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage.");
    return ctx;
}

int cmd_report_main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = cmd_report_context();
    GError *error = NULL;
    int status = LADDER_EXIT_OK;
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        error->domain = LADDER_ERROR;
        error->code = LADDER_ERROR_USAGE;
        status = cmd_fail("report", error);
    } else if (argc != 2) {
        g_set_error(&error, LADDER_ERROR, LADDER_ERROR_USAGE, "report: %s",
                    argc < 2 ? "name one result folder" : "name only one result folder");
        status = cmd_fail("report", error);
    } else if (lang_flag && strcmp(lang_flag, "zh") != 0 && strcmp(lang_flag, "en") != 0) {
        g_set_error(&error, LADDER_ERROR, LADDER_ERROR_USAGE, "--lang %s: expected zh or en", lang_flag);
        status = cmd_fail("report", error);
    } else if (!g_file_test(argv[1], G_FILE_TEST_IS_DIR)) {
        g_set_error(&error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s: no such folder", argv[1]);
        status = cmd_fail("report", error);
    } else {
        g_autofree char *output = output_flag ? g_strdup(output_flag) : g_build_filename(argv[1], "report.html", NULL);
        gboolean no_dot = FALSE;
        if (!report_write(argv[1], lang_flag, output, LADDER_VERSION, &no_dot, &error)) {
            status = cmd_fail("report", error);
        } else {
            if (no_dot)
                fprintf(stderr, "ladder: warning: Graphviz (dot) is not installed, so the report has no ladder "
                                "diagram (apt-get install graphviz)\n");
            if (!quiet_flag)
                printf("%s\n", output);
        }
    }
    g_clear_pointer(&lang_flag, g_free);
    g_clear_pointer(&output_flag, g_free);
    return status;
}
