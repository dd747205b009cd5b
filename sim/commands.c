/* commands.c: what every command shares at its end: how a failure is said
 * and which exit code it gives (commands.h).  In the library, so that the
 * commands link without main.o.
 * SPDX-License-Identifier: MIT */
#include "commands.h"

#include <stdio.h>

#include "errors.h"

int cmd_fail(const char *command, GError *error)
{
    fprintf(stderr, "ladder: %s\n", error->message);
    if (error->domain == LADDER_ERROR && error->code == LADDER_ERROR_USAGE)
        fprintf(stderr, "Try 'ladder help %s'.\n", command ? command : "");
    int status = errors_exit_code(error);
    g_error_free(error);
    return status;
}
