/* interrupt.c: SIGINT and SIGTERM as a flag the runner polls, and the
 * error a command ends with when it was raised (interrupt.h).
 * SPDX-License-Identifier: MIT */
#include "interrupt.h"

#include "errors.h"

/* Set by SIGINT and SIGTERM; the runner polls it. */
static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

void interrupt_catch(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

const volatile sig_atomic_t *interrupt_cancel_flag(void)
{
    return &interrupted;
}

gboolean interrupt_check(GError **error)
{
    if (!interrupted)
        return FALSE;
    g_clear_error(error);
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_CANCELLED, "interrupted; nothing was written");
    return TRUE;
}
