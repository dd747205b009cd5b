/* errors.h: ladder's error domain, and the exit code each kind of error ends with.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_ERRORS_H
#define LADDER_ERRORS_H

#include <glib.h>

/* GLib names an error domain's quark function after the domain
 * (G_DEFINE_QUARK(ladder-error-quark, ladder_error)), not after the file:
 * the one public name here without the errors_ prefix. */
#define LADDER_ERROR ladder_error_quark()
GQuark ladder_error_quark(void);

/* Bad input from users is INPUT or USAGE (exit 2); a failed read or write of
 * a file that was fine is IO (exit 1). */
typedef enum {
    LADDER_ERROR_INPUT,   /* a scenario or data file says something wrong */
    LADDER_ERROR_USAGE,   /* a bad command line */
    LADDER_ERROR_IO,      /* reading or writing failed */
    LADDER_ERROR_CANCELLED, /* the user interrupted the run (Ctrl-C) */
    LADDER_ERROR_INTERNAL,  /* ladder's own bug caught at run time (a result breaking its schema): exit 1 */
} LadderError;

/* 130 = 128 + SIGINT, as shells report an interrupted program. */
enum { LADDER_EXIT_OK = 0, LADDER_EXIT_IO = 1, LADDER_EXIT_INPUT = 2, LADDER_EXIT_CANCELLED = 130 };

/* The process exit code for `error`: 2 for input and usage, 130 for an
 * interrupted run, 1 otherwise. */
int errors_exit_code(const GError *error);

/* Reads the file a user named (a scenario, a history) into *text and *len,
 * as g_file_get_contents.  A file that is not there is bad input (INPUT,
 * exit 2: a mistyped name); any other failure is IO.  The message is
 * GLib's, which names the file. */
gboolean errors_read_input(const char *path, char **text, gsize *len, GError **error);

#endif
