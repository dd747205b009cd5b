/* fuzzutil.h: what the libFuzzer targets share: a finding is reported by
 * abort(), which libFuzzer catches and keeps the input of, and a GLib or
 * json-glib critical (a caller's bug, g_return_if_fail) is a finding.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_FUZZUTIL_H
#define LADDER_FUZZUTIL_H

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

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

static char *fu_scratch;  /* the folder of fu_scratch_dir */

/* Once, at exit: rm by its full path, since a target may empty $PATH. */
static inline void fu_remove_scratch(void)
{
    const char *argv[] = {"/bin/rm", "-rf", fu_scratch, NULL};
    g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL);
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
