/* outdir.h: an output folder that appears whole or not at all.
 * Writers fill a temporary folder beside the destination; outdir_commit
 * renames it into place.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUTDIR_H
#define LADDER_OUTDIR_H

#include <glib.h>

typedef struct OutDir OutDir;

/* Creates a temporary folder beside `dest` (creating dest's parents).
 * Fails with an INPUT error when `dest` exists and is not a folder that
 * ladder wrote (it holds the marker file .ladder-output), IO otherwise. */
OutDir *outdir_begin(const char *dest, GError **error);

/* The temporary folder to write into. */
const char *outdir_path(const OutDir *o);

/* Moves the temporary folder to `dest`, replacing an earlier ladder output
 * there, and frees `o`. */
gboolean outdir_commit(OutDir *o, GError **error);

/* Removes the temporary folder and frees `o`; NULL is ignored. */
void outdir_abort(OutDir *o);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(OutDir, outdir_abort)

#endif
