/* interrupt.h: Ctrl-C (SIGINT) and SIGTERM stop a simulating command
 * cleanly: the runner stops within a chunk and nothing is written.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_INTERRUPT_H
#define LADDER_INTERRUPT_H

#include <signal.h>
#include <glib.h>

/* From now on SIGINT and SIGTERM set the cancel flag instead of killing
 * the process. */
void interrupt_catch(void);

/* The flag the signals set (0 until then), for the runner to poll
 * (RunConfig.cancel). */
const volatile sig_atomic_t *interrupt_cancel_flag(void);

/* Replaces *error by a CANCELLED error when the user interrupted (Ctrl-C
 * also stops gnuplot: say what happened, not what failed).  Returns TRUE
 * when interrupted. */
gboolean interrupt_check(GError **error);

#endif
