/* fuzz_report.c: libFuzzer target for `ladder report`'s reading of a result
 * folder: any bytes as its JSON files must give a report or an error, never
 * a crash or a leak.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "report.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input is these files' texts in this order, split at NUL bytes (JSON
 * holds none); an empty or missing part leaves that file out. */
static const char *const files[] = {"scenario.json", "summary.json", "compare.json", "solve.json",
                                    "sensitivity.json"};

static char *folder;  /* the result folder, made once */

static void remove_folder(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *path = g_build_filename(folder, files[i], NULL);
        g_unlink(path);
    }
    g_autofree char *html = g_build_filename(folder, "report.html", NULL);
    g_unlink(html);
    g_rmdir(folder);
    g_free(folder);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    folder = g_dir_make_tmp("ladder-fuzz-XXXXXX", NULL);
    g_assert(folder != NULL);
    atexit(remove_folder);
    /* Without Graphviz on the PATH the report skips its diagram rather than
     * spawn dot on every input: thousands of runs a second, not tens. */
    g_setenv("PATH", "", TRUE);
    return 0;
}

/* Writes the parts of data; returns nothing, asserts on a local failure. */
static void write_files(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
        const char *nul = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;
        const char *stop = nul ? nul : end;
        g_autofree char *path = g_build_filename(folder, files[i], NULL);
        if (stop > p)
            g_assert(g_file_set_contents_full(path, p, stop - p, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
        else
            g_unlink(path);
        p = nul ? nul + 1 : end;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_files(data, size);
    g_autofree char *html = g_build_filename(folder, "report.html", NULL);
    GError *error = NULL;
    gboolean no_dot = FALSE;
    gboolean ok = report_write(folder, NULL, html, "fuzz", &no_dot, &error);
    /* a report, or an error that says why not */
    g_assert(ok == (error == NULL));
    g_clear_error(&error);
    return 0;
}
