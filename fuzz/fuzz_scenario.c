/* fuzz_scenario.c: libFuzzer target for the scenario loader: any bytes as
 * a scenario file and the files it may extend must load or fail with an
 * error that names a file, never crash, hang, leak or warn of a caller's
 * bug.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "errors.h"
#include "fuzzutil.h"
#include "model.h"
#include "scenario.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input is these files' texts, split at NUL bytes (a text file holds
 * none); a.ini is loaded, and may extend the others (extends=b.ini), which
 * may extend each other or a.ini.  An empty or missing part leaves that
 * file out (a.ini is there, empty).  A corpus file without NUL is a.ini
 * alone. */
static const char *const files[] = {"a.ini", "b.ini", "c.ini"};

static char *dir;  /* the folder of the files, made once */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fu_init();
    dir = fu_scratch_dir();
    return 0;
}

/* Writes the parts of data as the files (without fsync: thousands a
 * second); a.ini always, empty or not. */
static void write_files(const char *p, const char *end)
{
    for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
        const char *nul = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;
        const char *stop = nul ? nul : end;
        g_autofree char *path = g_build_filename(dir, files[i], NULL);
        if (stop > p || i == 0)
            g_assert(g_file_set_contents_full(path, p, stop - p, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
        else
            g_unlink(path);
        p = nul ? nul + 1 : end;
    }
}

/* TRUE when `message` starts with the path of a regular file and ':'
 * ("dir/b.ini:3: ...", "dir/./b.ini: ..."): it names the file it is
 * about, as extends wrote it. */
static gboolean names_a_file(const char *message)
{
    for (const char *colon = strchr(message, ':'); colon; colon = strchr(colon + 1, ':')) {
        g_autofree char *path = g_strndup(message, (gsize)(colon - message));
        if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
            return TRUE;
    }
    return FALSE;
}

/* An error of the loader is ladder's, INPUT (IO only for a file that
 * cannot be read), in UTF-8, and names the file it is about. */
static void check_error(const GError *error)
{
    if (error->domain != LADDER_ERROR || (error->code != LADDER_ERROR_INPUT && error->code != LADDER_ERROR_IO))
        fu_finding("an error of another domain or code", error->message);
    if (!g_utf8_validate(error->message, -1, NULL))
        fu_finding("an error message that is not UTF-8", error->message);
    if (!names_a_file(error->message))
        fu_finding("an error that names no file", error->message);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A kernel file named by extends is the OS's, not the loader's: as
     * root, /proc/kmsg waits.  Devices and pipes the loader refuses. */
    if (memmem(data, size, "proc/", 5) || memmem(data, size, "sys/", 4))
        return -1;
    write_files((const char *)data, (const char *)data + size);
    g_autofree char *a = g_build_filename(dir, files[0], NULL);
    GError *error = NULL;
    Model *m = scenario_load(a, &error);
    /* exactly one of a model and an error */
    g_assert((m == NULL) != (error == NULL));
    if (error)
        check_error(error);
    model_free(m);
    g_clear_error(&error);
    return 0;
}
