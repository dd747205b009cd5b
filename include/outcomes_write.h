/* outcomes_write.h: an outcomes file (outcomes.h, docs/roster.md,
 * "Outcomes") written from its rows, as `ladder roster synth` writes the
 * history it draws.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUTCOMES_WRITE_H
#define LADDER_OUTCOMES_WRITE_H

#include <glib.h>
#include "model.h"
#include "outcomes.h"

/* Appends the rows of `o` (stages of model `m`) to `out` as an outcomes
 * file: first each line of `comment` (may be NULL) as a '#' line, then
 * the header OUTCOMES_COL_ID, _YEAR, _STAGE, _YEARS, o->attr_names,
 * OUTCOMES_COL_NEXT, then one row a firm-year in o's order: its stage by
 * id, next_stage by id or OUTCOMES_EXIT (row.next < 0), each cell as
 * csv_append_field and csv_append_number spell it, so that a reader
 * gets back exactly these values.  UTF-8, LF line ends, no byte-order
 * mark. */
void outcomes_write(const Outcomes *o, const Model *m, const char *comment, GString *out);

#endif
