/* fuzz_scenario.c: libFuzzer target for the scenario loader: any bytes as
 * a scenario file must load or fail with an error, never crash or leak.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "model.h"
#include "scenario.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An empty folder: `extends` resolves there and so finds nothing, except
 * through an absolute or ../ path. */
static char *empty_dir;

static void remove_empty_dir(void)
{
    g_rmdir(empty_dir);
    g_free(empty_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    empty_dir = g_dir_make_tmp("ladder-fuzz-XXXXXX", NULL);
    g_assert(empty_dir != NULL);
    atexit(remove_empty_dir);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *text = g_strndup((const char *)data, size);
    /* A device or a kernel file named by extends is the OS's, not the
     * loader's: /dev/zero never ends, /dev/stdin waits. */
    if (strstr(text, "dev/") || strstr(text, "proc/") || strstr(text, "sys/"))
        return -1;
    GError *error = NULL;
    Model *m = scenario_load_data("fuzz.ini", empty_dir, text, &error);
    /* exactly one of a model and an error */
    g_assert((m == NULL) != (error == NULL));
    model_free(m);
    g_clear_error(&error);
    return 0;
}
