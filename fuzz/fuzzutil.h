/* fuzzutil.h: what the libFuzzer targets share: a finding is reported by
 * abort(), which libFuzzer catches and keeps the input of, and a GLib or
 * json-glib critical (a caller's bug, g_return_if_fail) is a finding.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_FUZZUTIL_H
#define LADDER_FUZZUTIL_H

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <glib/gstdio.h>

/* Says what was found and aborts (g_error would trap instead, which
 * libFuzzer does not catch: the input would be lost). */
static G_NORETURN inline void fu_finding(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz: %s%s%s\n", what, detail ? ":\n" : "", detail ? detail : "");
    abort();
}

static inline void fu_log_handler(const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
    (void)data;
    if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
        fu_finding(domain ? domain : "GLib", message);
    g_log_default_handler(domain, level, message, NULL);
}

/* Call first in LLVMFuzzerInitialize. */
static inline void fu_init(void)
{
    g_log_set_default_handler(fu_log_handler, NULL);
}

/* Removes `path` and, when it is a folder, all in it (symbolic links are
 * not followed). */
static inline void fu_remove_tree(const char *path)
{
    if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
        GDir *d = g_dir_open(path, 0, NULL);
        for (const char *n; d && (n = g_dir_read_name(d));) {
            char *child = g_build_filename(path, n, NULL);
            fu_remove_tree(child);
            g_free(child);
        }
        if (d)
            g_dir_close(d);
        g_rmdir(path);
    } else {
        g_unlink(path);
    }
}

static char *fu_scratch;  /* the folder of fu_scratch_dir */

static inline void fu_remove_scratch(void)
{
    fu_remove_tree(fu_scratch);
    g_free(fu_scratch);
}

/* A fresh folder for the target's files, removed with all in it at exit
 * (the target keeps the pointer, does not free it).  Call once, in
 * LLVMFuzzerInitialize. */
static inline char *fu_scratch_dir(void)
{
    fu_scratch = g_dir_make_tmp("ladder-fuzz-XXXXXX", NULL);
    g_assert(fu_scratch != NULL);
    atexit(fu_remove_scratch);
    return fu_scratch;
}

#endif
