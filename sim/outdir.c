/* outdir.c: output folders that appear whole or not at all: written in a
 * temporary folder beside the destination, renamed into place at the end.
 * SPDX-License-Identifier: MIT */
#include "outdir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "errors.h"

/* A file in every folder ladder writes: its presence allows replacing. */
#define OUTDIR_MARKER ".ladder-output"

struct OutDir {
    char *dest;
    char *tmp;
};

/* Removes `path` and, for a folder, everything under it (links are removed,
 * not followed).  Best effort: used to clean up. */
static void remove_tree(const char *path)
{
    GStatBuf st;
    if (g_lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        GDir *dir = g_dir_open(path, 0, NULL);
        for (const char *name; dir && (name = g_dir_read_name(dir));) {
            g_autofree char *child = g_build_filename(path, name, NULL);
            remove_tree(child);
        }
        if (dir)
            g_dir_close(dir);
        g_rmdir(path);
    } else {
        g_unlink(path);
    }
}

/* An IO error "WHAT PATH: REASON" for the system error `e`. */
static gboolean io_fail(GError **error, int e, const char *what, const char *path)
{
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "%s %s: %s", what, path, g_strerror(e));
    return FALSE;
}

/* io_fail for the errno the failed call just set. */
static gboolean io_error(GError **error, const char *what, const char *path)
{
    return io_fail(error, errno, what, path);
}

/* TRUE when `dest` may be replaced: absent, an empty folder, or ladder's. */
static gboolean replaceable(const char *dest, GError **error)
{
    if (!g_file_test(dest, G_FILE_TEST_EXISTS))
        return TRUE;
    g_autofree char *marker = g_build_filename(dest, OUTDIR_MARKER, NULL);
    if (g_file_test(dest, G_FILE_TEST_IS_DIR)) {
        GDir *dir = g_dir_open(dest, 0, NULL);
        gboolean empty = dir && g_dir_read_name(dir) == NULL;
        if (dir)
            g_dir_close(dir);
        if (empty || g_file_test(marker, G_FILE_TEST_IS_REGULAR))
            return TRUE;
    }
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                "%s exists and was not written by ladder; choose another --out or move it away", dest);
    return FALSE;
}

/* `path` without trailing separators ("out/x/" is "out/x"; "/" stays). */
static char *strip_trailing_separators(const char *path)
{
    char *p = g_strdup(path);
    for (gsize n = strlen(p); n > 1 && G_IS_DIR_SEPARATOR(p[n - 1]); n--)
        p[n - 1] = '\0';
    return p;
}

OutDir *outdir_begin(const char *path, GError **error)
{
    g_autofree char *dest = strip_trailing_separators(path);
    if (!replaceable(dest, error))
        return NULL;
    g_autofree char *parent = g_path_get_dirname(dest);
    if (g_mkdir_with_parents(parent, 0777) != 0) {
        io_error(error, "cannot create folder", parent);
        return NULL;
    }
    g_autofree char *base = g_path_get_basename(dest);
    g_autofree char *tmpl = g_strdup_printf("%s/.%s.tmp-XXXXXX", parent, base);
    if (g_mkdtemp(tmpl) == NULL) {
        io_error(error, "cannot create a folder in", parent);
        return NULL;
    }
    OutDir *o = g_new0(OutDir, 1);
    o->dest = g_strdup(dest);
    o->tmp = g_steal_pointer(&tmpl);
    g_autofree char *marker = g_build_filename(o->tmp, OUTDIR_MARKER, NULL);
    if (!outdir_write_file(marker, "written by ladder; ladder may replace this folder\n", -1, error)) {
        if (error)
            outdir_name_error(o, *error);
        outdir_abort(o);
        return NULL;
    }
    return o;
}

const char *outdir_path(const OutDir *o)
{
    return o->tmp;
}

/* Swaps the folders o->tmp and o->dest in one step (Linux renameat2 with
 * RENAME_EXCHANGE), so dest is never missing and no crash can leave it
 * half replaced; the old results, now at o->tmp, are then removed.  0, or
 * the errno of the swap (EINVAL or ENOSYS where the file system or the
 * kernel cannot swap). */
static int swap_into_place(OutDir *o)
{
#ifdef RENAME_EXCHANGE
    if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->dest, RENAME_EXCHANGE) != 0)
        return errno;
    remove_tree(o->tmp);
    return 0;
#else
    (void)o;
    return ENOSYS;
#endif
}

/* Moves dest aside, renames tmp into place and removes the old folder;
 * where swap_into_place cannot work.  A crash between the two renames
 * leaves the old results at .NAME.old-XXXXXX beside dest. */
static gboolean move_into_place(OutDir *o, GError **error)
{
    g_autofree char *parent = g_path_get_dirname(o->dest);
    g_autofree char *base = g_path_get_basename(o->dest);
    g_autofree char *old = g_strdup_printf("%s/.%s.old-XXXXXX", parent, base);
    /* rename() replaces the empty folder mkdtemp made. */
    if (g_mkdtemp(old) == NULL)
        return io_error(error, "cannot create a folder beside", o->dest);
    if (g_rename(o->dest, old) != 0) {
        io_error(error, "cannot move aside", o->dest);
        g_rmdir(old);
        return FALSE;
    }
    if (g_rename(o->tmp, o->dest) != 0) {
        io_error(error, "cannot rename the results into", o->dest);
        g_rename(old, o->dest);
        return FALSE;
    }
    remove_tree(old);
    return TRUE;
}

gboolean outdir_commit(OutDir *o, GError **error)
{
    gboolean ok;
    if (!g_file_test(o->dest, G_FILE_TEST_EXISTS)) {
        ok = g_rename(o->tmp, o->dest) == 0 || io_error(error, "cannot rename the results into", o->dest);
    } else {
        int e = swap_into_place(o);
        if (e == EINVAL || e == ENOSYS || e == EOPNOTSUPP)
            ok = move_into_place(o, error);
        else
            ok = e == 0 || io_fail(error, e, "cannot swap the results into", o->dest);
    }
    if (ok) {
        g_free(o->tmp);
        o->tmp = NULL;
    }
    outdir_abort(o);
    return ok;
}

void outdir_abort(OutDir *o)
{
    if (o == NULL)
        return;
    if (o->tmp)
        remove_tree(o->tmp);
    g_free(o->tmp);
    g_free(o->dest);
    g_free(o);
}

GError *outdir_name_error(const OutDir *o, GError *error)
{
    g_return_val_if_fail(error != NULL, error);
    if (o == NULL || o->tmp == NULL)
        return error;
    GString *msg = g_string_new(error->message);
    g_string_replace(msg, o->tmp, o->dest, 0);
    g_free(error->message);
    error->message = g_string_free(msg, FALSE);
    return error;
}

/* Writes all `len` bytes of `data` to `fd`, through short writes; 0, or
 * the errno of the write that failed. */
static int write_all(int fd, const char *data, gsize len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, MIN(len, (gsize)G_MAXSSIZE));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? errno : EIO;
        data += n;
        len -= (gsize)n;
    }
    return 0;
}

gboolean outdir_write_file(const char *path, const char *data, gssize len, GError **error)
{
    g_return_val_if_fail(path != NULL && data != NULL, FALSE);
    gsize n = len < 0 ? strlen(data) : (gsize)len;
    gboolean replacing = g_file_test(path, G_FILE_TEST_EXISTS);
    g_autofree char *tmp = g_strconcat(path, ".XXXXXX", NULL);
    int fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0)
        return io_error(error, "cannot write", path);
    int e = write_all(fd, data, n);
    /* a file that replaces another reaches the disk before its name does,
     * as g_file_set_contents does it; close() reports a delayed error (NFS) */
    if (e == 0 && replacing && fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && e == 0)
        e = errno;
    if (e == 0 && g_rename(tmp, path) != 0)
        e = errno;
    if (e == 0)
        return TRUE;
    g_unlink(tmp);
    return io_fail(error, e, "cannot write", path);
}
