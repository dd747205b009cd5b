/* scenario.h: load a scenario file (GKeyFile, UTF-8) into a validated Model.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_SCENARIO_H
#define LADDER_SCENARIO_H

#include <glib.h>
#include "model.h"

/* Loads `path` (following `extends`), checks every group and key, and
 * returns a Model the caller owns (model_free).  On bad input returns NULL
 * with an INPUT error "file:line: [group] key = value: what is wrong", with
 * the nearest known name suggested for an unknown one; an unreadable file
 * is an IO error.  A target without year = is measured at the horizon,
 * and a warning on stderr names it and the year. */
Model *scenario_load(const char *path, GError **error);

/* The same from text in memory, without the warning; `name` stands for the file in messages and
 * `extends` paths are relative to `dir` (NULL: the current folder). */
Model *scenario_load_data(const char *name, const char *dir, const char *text, GError **error);

/* How a policy changes a parameter, as its line's value says it. */
#define SCENARIO_CHANGE_FORMS "expected *x (multiply), +x or -x (add), or =x (set), such as *1.25"

/* Reads a policy's change "*1.25", "+20", "-0.01", "=0.3" (blanks allowed
 * after the sign) into *op and *x (x negative for "-").  FALSE when it is
 * none of them; *why then says what is wrong with the number (caller
 * frees), or is NULL. */
gboolean scenario_change_parse(const char *text, PolicyOp *op, double *x, char **why);

#endif
