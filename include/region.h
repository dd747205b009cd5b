/* region.h: a region scenario: parts (scenarios, or regions of their own)
 * whose stocks, entries and lists add up by stage and list id, with shocks
 * the parts share ([common]) and the region's policies acting in each part.
 * scenario.c reads a region file; this file owns how its parts become one
 * Model (model.h's ModelPart) and the rules that hold across them.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_REGION_H
#define LADDER_REGION_H

#include <glib.h>
#include "model.h"

/* The most parts a region may have (each a scenario or a region). */
#define REGION_MAX_PARTS 4096

/* The stream key of a region's own draws (its [common] factors) has this
 * bit set, so that it is never a scenario's (rng.h, Model.stream_key). */
#define REGION_KEY_BIT 0x80000000u

/* A region `file` over `parts[0 .. n - 1]` (taken: freed on failure too),
 * each loaded from its file, measured through `horizon` (each part's
 * horizon; a part's own targets after it are dropped with a note on
 * stderr).  The region's stages and lists are the union of the parts' by
 * id, its base_year the latest of theirs, and each parameter key of any
 * part one parameter of the region, a factor 1 on the parts' values.
 * `where` (the `parts =` line) is blamed when the parts order two stages
 * differently or a part ends before `horizon`.  The region has no name,
 * policy or target yet (scenario.c reads them, then region_finish).  NULL
 * with an INPUT error otherwise. */
Model *region_new(const char *file, Model **parts, int n, int horizon, const SourceRef *where, GError **error);

/* Completes region `m` once its [common], policies and targets are read:
 * every parameter they name must be a part's (else an INPUT error at their
 * line); a stage or list a target names must be in every part (naming the
 * target and the part); the region's policies are appended to every
 * scenario under it, after the scenario's own and those of the regions in
 * between, on the parameters of the same key (Policy.owner); each scenario
 * and region under `m` gets its stream key; a file may not be a scenario
 * of the region twice; and every scenario's years must be valid at central
 * values (an error names the part).  FALSE with an INPUT error otherwise. */
gboolean region_finish(Model *m, GError **error);

/* TRUE when every scenario under region `m` is valid in every year at its
 * central values times the central factors of the regions above it (and
 * with their policies and levers acting); else FALSE with the first
 * invalid year's error, prefixed with the parts it is in. */
gboolean region_central_valid(const Model *m, GError **error);

/* TRUE when `m` is a region (has parts). */
gboolean region_is(const Model *m);

/* The factor a [common] line may draw: its support must be >= 0 (beta,
 * gamma, uniform from 0 up).  FALSE with *why (caller frees) otherwise. */
gboolean region_factor_fits(const Dist *d, char **why);

/* Prefixes `error` (may hold nothing) with "part NAME (FILE): ", for an
 * error found in part `part` of `m`. */
void region_prefix_error(const Model *m, int part, GError **error);

/* The number of scenarios (leaves) under `m`: 1 for a scenario. */
int region_n_scenarios(const Model *m);

/* Scenario `k` (0 .. region_n_scenarios - 1, depth first in file order:
 * its stream key) under region `m`, and in *part (may be NULL) the part of
 * `m` it is in.  NULL when there is none. */
Model *region_scenario(const Model *m, int k, int *part);

#endif
