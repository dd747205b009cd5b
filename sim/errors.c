/* errors.c: ladder's error domain and exit codes.
 * SPDX-License-Identifier: MIT */
#include "errors.h"

G_DEFINE_QUARK(ladder-error-quark, ladder_error)

int errors_exit_code(const GError *error)
{
    if (error == NULL)
        return LADDER_EXIT_OK;
    if (error->domain == LADDER_ERROR &&
        (error->code == LADDER_ERROR_INPUT || error->code == LADDER_ERROR_USAGE))
        return LADDER_EXIT_INPUT;
    if (error->domain == LADDER_ERROR && error->code == LADDER_ERROR_CANCELLED)
        return LADDER_EXIT_CANCELLED;
    return LADDER_EXIT_IO;
}

gboolean errors_read_input(const char *path, char **text, gsize *len, GError **error)
{
    GError *local = NULL;
    if (g_file_get_contents(path, text, len, &local))
        return TRUE;
    g_set_error(error, LADDER_ERROR,
                g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? LADDER_ERROR_INPUT : LADDER_ERROR_IO,
                "%s", local->message);
    g_error_free(local);
    return FALSE;
}
