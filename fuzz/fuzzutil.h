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

#endif
