/* out_scenario.h: scenario.json, the scenario as it was run: every stage,
 * parameter, policy and target with the comment that gives its source, and
 * a checksum of each file read, so that a result folder documents itself
 * (the report's assumptions table and methods note read it).
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_SCENARIO_H
#define LADDER_OUT_SCENARIO_H

#include <glib.h>
#include "model.h"

/* Writes scenario.json for `m` to `path`: file, sources [ {file, sha256} ]
 * (the file and every file it extends, as named), name, region,
 * description, language, base_year, horizon, stages [ {id, name, baseline,
 * baseline_note, renewal_years, lapse_to} ], parameters [ {key, kind,
 * from, to, value, uncertainty, note, uncertainty_note, where} ], policies
 * [ {name, from, to, changes [ {key, op, x} ], cost_per_year,
 * cost_per_firm} ], targets [ {name, stage, year, at_least, count} ].
 * A source that can no longer be read gets sha256 null.  Fails with an IO
 * error naming the path when it cannot be written. */
gboolean out_scenario_json(const Model *m, const char *path, GError **error);

#endif
