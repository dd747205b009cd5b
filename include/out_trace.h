/* out_trace.h: one roster firm's history in one replication, in words
 * (ladder run --trace).
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_TRACE_H
#define LADDER_OUT_TRACE_H

#include <glib.h>

#include "model.h"
#include "roster.h"
#include "runner.h"

/* Appends, in m's language, firm `firm`'s history in the first
 * replication of the run `config` describes (runner_trace of replication
 * 0, which users count as replication 1): a line naming the firm, the
 * replication and the seed; its stage and renewal clock on the roster at
 * the end of base_year; one line per event of `events` (FirmsEvent, in
 * order: promoted or moved down, exited, renewed, lapsed, on or off a
 * list), with its year; and its stage at the end of the horizon, from
 * `stages` ([n_years] from base_year; n_stages: exited). */
void out_trace_format(const Model *m, const RosterFirm *firm, const GArray *events, const int *stages,
                      const RunConfig *config, GString *out);

#endif
