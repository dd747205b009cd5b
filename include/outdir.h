/* outdir.h: an output folder that appears whole or not at all.
 * Writers fill a temporary folder beside the destination; outdir_commit
 * renames it into place, swapping it with an earlier result in one step
 * where the file system can (so the destination is never missing).  Each file in it is written whole or not at all
 * (outdir_write_file).
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUTDIR_H
#define LADDER_OUTDIR_H

#include <glib.h>

typedef struct OutDir OutDir;

/* Creates a temporary folder beside `dest` (creating dest's parents) for
 * the results of `command` ("run", "sensitivity", ...), and locks it (flock
 * on a lock file in it) for as long as it is written.  Temporary folders
 * of the same parent that a killed run left (no process holds their lock)
 * are removed first, with a line on stderr each.  Fails with an INPUT
 * error when `dest` exists and is not a folder that ladder wrote (it holds
 * the marker file .ladder-output, whose first line names the command), or
 * one that another command wrote, unless `force`; IO otherwise. */
OutDir *outdir_begin(const char *dest, const char *command, gboolean force, GError **error);

/* The temporary folder to write into. */
const char *outdir_path(const OutDir *o);

/* Moves the temporary folder to `dest`, replacing an earlier ladder output
 * there, and frees `o`. */
gboolean outdir_commit(OutDir *o, GError **error);

/* Removes the temporary folder and frees `o`; NULL is ignored. */
void outdir_abort(OutDir *o);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(OutDir, outdir_abort)

/* Makes `error` (not NULL) name the files of o's temporary folder by where
 * they were to go ("out/x/summary.json", not "out/.x.tmp-Q1W2E3/..."): the
 * temporary folder is removed on failure, so its name means nothing to
 * the user.  Returns `error`. */
GError *outdir_name_error(const OutDir *o, GError *error);

/* Writes `len` bytes of `data` (-1: up to its NUL) to `path`: into a
 * temporary file beside it, closed and renamed over `path` only when every
 * byte was written, so `path` is whole or, on failure, as it was (the
 * temporary file is removed).  Fails with an IO error "cannot write PATH:
 * REASON", the reason from the system ("No space left on device", "File
 * too large"). */
gboolean outdir_write_file(const char *path, const char *data, gssize len, GError **error);

/* The names of the entries of `dir` that start with `prefix` and end with
 * `suffix`, in strcmp order, so that whatever reads them comes in a fixed
 * order (caller frees with g_ptr_array_unref).  NULL with an IO error
 * naming the folder when it cannot be read. */
GPtrArray *outdir_list(const char *dir, const char *prefix, const char *suffix, GError **error);

/* The command named in the marker of folder `dest` (caller frees): "run",
 * "sensitivity", ...; "" for a marker of a version that named none; NULL
 * when `dest` holds no marker (a folder ladder did not write). */
char *outdir_command(const char *dest);

#endif
