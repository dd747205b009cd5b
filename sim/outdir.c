/* outdir.c: output folders that appear whole or not at all: written in a
 * temporary folder beside the destination, renamed into place at the end.
 * SPDX-License-Identifier: MIT */
#include "outdir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "errors.h"

/* A file in every folder ladder writes: its presence allows replacing,
 * and its first line names the command that wrote the folder. */
#define OUTDIR_MARKER ".ladder-output"
#define OUTDIR_MARKER_COMMAND "command: "
/* A file in a temporary folder, locked (flock) by the process writing it
 * for as long as it writes: a temporary folder whose lock no process holds
 * was left by a process that died. */
#define OUTDIR_LOCK ".ladder-lock"
/* mkdtemp's six characters after ".NAME.tmp-" and ".NAME.old-" */
#define OUTDIR_TEMP_SUFFIX_LEN 6

struct OutDir {
    char *dest;
    char *tmp;
    int lock_fd;   /* holds the flock on tmp/OUTDIR_LOCK; -1 once released */
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

char *outdir_command(const char *dest)
{
    g_autofree char *marker = g_build_filename(dest, OUTDIR_MARKER, NULL);
    g_autofree char *text = NULL;
    if (!g_file_test(marker, G_FILE_TEST_IS_REGULAR) || !g_file_get_contents(marker, &text, NULL, NULL))
        return NULL;
    if (!g_str_has_prefix(text, OUTDIR_MARKER_COMMAND))
        return g_strdup("");
    const char *name = text + strlen(OUTDIR_MARKER_COMMAND);
    return g_strndup(name, strcspn(name, "\r\n"));
}

/* TRUE when `dest` may be replaced by `command`: absent, an empty folder,
 * or written by ladder: by the same command, by a version that recorded no
 * command, or by another one when `force`.  Otherwise an INPUT error
 * naming both commands and the folder. */
static gboolean replaceable(const char *dest, const char *command, gboolean force, GError **error)
{
    if (!g_file_test(dest, G_FILE_TEST_EXISTS))
        return TRUE;
    if (g_file_test(dest, G_FILE_TEST_IS_DIR)) {
        GDir *dir = g_dir_open(dest, 0, NULL);
        gboolean empty = dir && g_dir_read_name(dir) == NULL;
        if (dir)
            g_dir_close(dir);
        if (empty)
            return TRUE;
        g_autofree char *writer = outdir_command(dest);
        if (writer != NULL && (force || *writer == '\0' || strcmp(writer, command) == 0))
            return TRUE;
        if (writer != NULL) {
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                        "%s holds the results of `ladder %s`; `ladder %s` would replace them: choose another "
                        "--out, or add --force to replace them", dest, writer, command);
            return FALSE;
        }
    }
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                "%s exists and was not written by ladder; choose another --out or move it away", dest);
    return FALSE;
}

/* TRUE when `name` is ".BASE.KIND-XXXXXX", a temporary (kind "tmp") or
 * moved-aside ("old") folder of destination BASE; *base gets BASE. */
static gboolean temp_name(const char *name, const char *kind, char **base)
{
    g_autofree char *tag = g_strdup_printf(".%s-", kind);
    gsize n = strlen(name), t = strlen(tag);
    if (name[0] != '.' || n < 1 + 1 + t + OUTDIR_TEMP_SUFFIX_LEN)
        return FALSE;
    const char *at = name + n - OUTDIR_TEMP_SUFFIX_LEN - t;
    if (strncmp(at, tag, t) != 0)
        return FALSE;
    *base = g_strndup(name + 1, at - (name + 1));
    return TRUE;
}

/* TRUE when a process holds the lock of temporary folder `path`; FALSE
 * when none does (it died) or the folder has no lock file. *has_lock says
 * whether it has one. */
static gboolean lock_held(const char *path, gboolean *has_lock)
{
    g_autofree char *lock = g_build_filename(path, OUTDIR_LOCK, NULL);
    int fd = open(lock, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    *has_lock = fd >= 0;
    if (fd < 0)
        return FALSE;
    gboolean held = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    close(fd);
    return held;
}

/* Removes the temporary folders in `parent` that a killed process left:
 * ".NAME.tmp-*" whose lock no process holds, and ".NAME.old-*" (the old
 * results a killed commit had moved aside) when no live temporary folder
 * of NAME is being written.  Says so on stderr, one line each.  A
 * temporary folder without a lock file (an older ladder's, or one being
 * created right now) is left alone. */
static void remove_stale(const char *parent)
{
    GDir *dir = g_dir_open(parent, 0, NULL);
    if (dir == NULL)
        return;
    g_autoptr(GHashTable) live = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func(g_free);
    for (const char *name; (name = g_dir_read_name(dir));) {
        char *base = NULL;
        g_autofree char *path = g_build_filename(parent, name, NULL);
        if (temp_name(name, "tmp", &base)) {
            gboolean has_lock;
            if (lock_held(path, &has_lock) || !has_lock)
                g_hash_table_add(live, base);
            else {
                g_ptr_array_add(stale, g_steal_pointer(&path));
                g_free(base);
            }
        } else if (temp_name(name, "old", &base)) {
            g_ptr_array_add(old, g_strdup_printf("%s\n%s", base, path));
            g_free(base);
        }
    }
    g_dir_close(dir);
    for (guint i = 0; i < old->len; i++) {
        g_auto(GStrv) parts = g_strsplit(old->pdata[i], "\n", 2);
        if (!g_hash_table_contains(live, parts[0]))
            g_ptr_array_add(stale, g_strdup(parts[1]));
    }
    for (guint i = 0; i < stale->len; i++) {
        remove_tree(stale->pdata[i]);
        g_printerr("ladder: removed %s, left by a run that did not finish\n", (const char *)stale->pdata[i]);
    }
}

/* Creates OUTDIR_LOCK in the temporary folder and locks it; the fd, or -1
 * with an IO error. */
static int take_lock(const char *tmp, GError **error)
{
    g_autofree char *lock = g_build_filename(tmp, OUTDIR_LOCK, NULL);
    int fd = open(lock, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
        io_error(error, "cannot lock", lock);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

/* Removes the lock file from the temporary folder (so it does not end up
 * in the results) and releases the lock. */
static void release_lock(OutDir *o)
{
    if (o->lock_fd < 0)
        return;
    if (o->tmp) {
        g_autofree char *lock = g_build_filename(o->tmp, OUTDIR_LOCK, NULL);
        g_unlink(lock);
    }
    close(o->lock_fd);
    o->lock_fd = -1;
}

/* `path` without trailing separators ("out/x/" is "out/x"; "/" stays). */
static char *strip_trailing_separators(const char *path)
{
    char *p = g_strdup(path);
    for (gsize n = strlen(p); n > 1 && G_IS_DIR_SEPARATOR(p[n - 1]); n--)
        p[n - 1] = '\0';
    return p;
}

OutDir *outdir_begin(const char *path, const char *command, gboolean force, GError **error)
{
    g_autofree char *dest = strip_trailing_separators(path);
    if (!replaceable(dest, command, force, error))
        return NULL;
    g_autofree char *parent = g_path_get_dirname(dest);
    if (g_mkdir_with_parents(parent, 0777) != 0) {
        io_error(error, "cannot create folder", parent);
        return NULL;
    }
    remove_stale(parent);
    g_autofree char *base = g_path_get_basename(dest);
    g_autofree char *tmpl = g_strdup_printf("%s/.%s.tmp-XXXXXX", parent, base);
    if (g_mkdtemp(tmpl) == NULL) {
        io_error(error, "cannot create a folder in", parent);
        return NULL;
    }
    OutDir *o = g_new0(OutDir, 1);
    o->dest = g_strdup(dest);
    o->tmp = g_steal_pointer(&tmpl);
    o->lock_fd = take_lock(o->tmp, error);
    g_autofree char *marker = g_build_filename(o->tmp, OUTDIR_MARKER, NULL);
    g_autofree char *text = g_strdup_printf(OUTDIR_MARKER_COMMAND "%s\nwritten by ladder; ladder may replace this folder\n",
                                            command);
    if (o->lock_fd < 0 || !outdir_write_file(marker, text, -1, error)) {
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
    release_lock(o);
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
    release_lock(o);
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

/* g_ptr_array_sort's comparison of two names (it passes pointers to the
 * elements). */
static int compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *outdir_list(const char *dir, const char *prefix, const char *suffix, GError **error)
{
    g_autoptr(GError) local = NULL;
    g_autoptr(GDir) d = g_dir_open(dir, 0, &local);
    if (d == NULL) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "cannot read %s: %s", dir, local->message);
        return NULL;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (const char *n; (n = g_dir_read_name(d));)
        if (g_str_has_prefix(n, prefix) && g_str_has_suffix(n, suffix))
            g_ptr_array_add(names, g_strdup(n));
    g_ptr_array_sort(names, compare_names);
    return names;
}
