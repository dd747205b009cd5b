/* inifile.c: key files through GKeyFile, with line numbers from a scan of
 * our own, and `extends` merged key by key.
 * SPDX-License-Identifier: MIT */
#include "inifile.h"

#include <string.h>
#include <sys/stat.h>

#include "errors.h"
#include "text.h"

#define INI_MAX_EXTENDS_DEPTH 16  /* deeper chains are loops in disguise */

static void entry_free(gpointer p)
{
    IniEntry *e = p;
    g_free(e->key);
    g_free(e->value);
    g_free(e->where.file);
    g_free(e->comment);
    g_free(e);
}

static void group_free(gpointer p)
{
    IniGroup *g = p;
    g_free(g->name);
    g_free(g->where.file);
    g_ptr_array_free(g->entries, TRUE);
    g_free(g);
}

void inifile_doc_free(IniDoc *doc)
{
    if (doc == NULL)
        return;
    g_ptr_array_free(doc->groups, TRUE);
    g_free(doc);
}

IniGroup *inifile_group(const IniDoc *doc, const char *name)
{
    for (guint i = 0; i < doc->groups->len; i++) {
        IniGroup *g = doc->groups->pdata[i];
        if (strcmp(g->name, name) == 0)
            return g;
    }
    return NULL;
}

IniEntry *inifile_entry(const IniGroup *group, const char *key)
{
    for (guint i = 0; group && i < group->entries->len; i++) {
        IniEntry *e = group->entries->pdata[i];
        if (strcmp(e->key, key) == 0)
            return e;
    }
    return NULL;
}

/* `key` as the file's rule writes it (caller frees): `rule`'s, or only
 * stripped when there is none. */
static char *normalise_key(const char *key, IniKeyRule rule)
{
    return rule ? rule(key) : g_strstrip(g_strdup(key));
}

static gboolean input_error(GError **error, const char *file, int line, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

static gboolean input_error(GError **error, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (line > 0)
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s:%d: %s", file, line, what);
    else
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s: %s", file, what);
    return FALSE;
}

/* An INPUT error at the line of the first NUL byte of `text` (`len`
 * bytes), when it holds one: read as a C string, the file would silently
 * end there.  A file saved as UTF-16 (Notepad's "Unicode") is full of them. */
static gboolean check_no_nul(const char *file, const char *text, gsize len, GError **error)
{
    const char *nul = memchr(text, '\0', len);
    if (nul == NULL)
        return TRUE;
    return input_error(error, file, text_line_at(text, nul), "a NUL byte: this is not a text file (saved as UTF-16 or \"Unicode\"?); "
                       "save it as UTF-8");
}

/* Lines of the groups and keys of `text`, keyed "group\037key" (key "" for
 * the header).  Fails on a line GKeyFile would reject, a key outside any
 * group, and a group or key written twice. */
static GHashTable *scan_lines(const char *file, const char *text, IniKeyRule rule, GError **error)
{
    g_autoptr(GHashTable) lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_auto(GStrv) rows = g_strsplit(text, "\n", -1);
    g_autofree char *group = NULL;

    for (int i = 0; rows[i]; i++) {
        int line = i + 1;
        g_autofree char *row = g_strstrip(g_strdup(rows[i]));
        if (*row == '\0' || *row == '#')
            continue;
        char *id;
        if (*row == '[') {
            if (row[strlen(row) - 1] != ']') {
                input_error(error, file, line, "a group header must end with ']': %s", row);
                return NULL;
            }
            g_free(group);
            group = g_strstrip(g_strndup(row + 1, strlen(row) - 2));
            if (*group == '\0' || strpbrk(group, "[]") != NULL) {
                input_error(error, file, line, "%s: a group name is a word or two between one [ and one ]", row);
                return NULL;
            }
            id = g_strconcat(group, "\037", NULL);
        } else if (strchr(row, '=') != NULL && group != NULL) {
            g_autofree char *raw = g_strndup(row, strchr(row, '=') - row);
            g_autofree char *key = normalise_key(raw, rule);
            /* GKeyFile reads "key[zh]" as a translation of "key" and hides it:
             * such a line would be ignored without a word. */
            if (*key == '\0' || strpbrk(key, "[]") != NULL) {
                input_error(error, file, line, *key == '\0' ? "'%s' has no key before '='"
                                                             : "'%s': a key cannot hold [ or ]", row);
                return NULL;
            }
            id = g_strconcat(group, "\037", key, NULL);
        } else {
            input_error(error, file, line, group == NULL ? "'%s' comes before any [group]"
                                                         : "'%s' is not a [group], a key = value line or a # comment",
                        row);
            return NULL;
        }
        gpointer first = g_hash_table_lookup(lines, id);
        if (first != NULL) {
            input_error(error, file, line, "%s given twice (first at line %d)",
                        *row == '[' ? row : strchr(id, '\037') + 1, GPOINTER_TO_INT(first));
            g_free(id);
            return NULL;
        }
        g_hash_table_insert(lines, id, GINT_TO_POINTER(line));
    }
    return g_steal_pointer(&lines);
}

/* A copy of `text` without a UTF-8 BOM and with CRLF turned into LF. */
static char *clean_text(const char *text)
{
    if (g_str_has_prefix(text, "\xEF\xBB\xBF"))
        text += 3;
    GString *s = g_string_sized_new(strlen(text));
    for (const char *p = text; *p; p++)
        if (!(p[0] == '\r' && p[1] == '\n'))
            g_string_append_c(s, *p);
    return g_string_free(s, FALSE);
}

static int line_of(GHashTable *lines, const char *group, const char *key)
{
    g_autofree char *id = g_strconcat(group, "\037", key ? key : "", NULL);
    return GPOINTER_TO_INT(g_hash_table_lookup(lines, id));
}

/* The comment lines GKeyFile kept above `key` (KEEP_COMMENTS): each
 * without its '#' and stripped, blank ones dropped, joined by newlines;
 * NULL when there are none. */
static char *entry_comment(GKeyFile *kf, const char *group, const char *key)
{
    g_autofree char *raw = g_key_file_get_comment(kf, group, key, NULL);
    if (raw == NULL)
        return NULL;
    g_auto(GStrv) lines = g_strsplit(raw, "\n", -1);
    GString *out = g_string_new(NULL);
    for (int i = 0; lines[i]; i++) {
        char *l = g_strstrip(lines[i]);
        if (*l == '#')
            l = g_strstrip(l + 1);
        if (*l == '\0')
            continue;
        if (out->len > 0)
            g_string_append_c(out, '\n');
        g_string_append(out, l);
    }
    if (out->len == 0) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}

/* TRUE when `p` (inside `line`) follows a blank: the start of an inline
 * comment when it is a '#'.  Blanks are Unicode's (a full-width space
 * too), as Python's str.isspace, which the reference implementation's
 * configparser asks. */
static gboolean after_blank(const char *line, const char *p)
{
    if (p == line)
        return FALSE;
    const char *prev = g_utf8_find_prev_char(line, p);
    return prev != NULL && g_unichar_isspace(g_utf8_get_char(prev));
}

/* `row` (one line) without its inline comment, and with each "\#" turned
 * into '#' (caller frees).  An inline comment is a '#' after a blank, up to
 * the line end; its text, stripped, goes to *note (NULL when none).  A line
 * that is a whole comment is returned as it is.  "\\" is GKeyFile's
 * backslash and is passed on whole, so "\\#" is a backslash then '#'. */
static char *strip_inline(const char *row, char **note)
{
    *note = NULL;
    const char *first = row + strspn(row, " \t");
    if (*first == '#')
        return g_strdup(row);
    GString *out = g_string_sized_new(strlen(row));
    for (const char *p = row; *p; p++) {
        if (p[0] == '\\' && (p[1] == '#' || p[1] == '\\')) {
            if (p[1] == '\\')
                g_string_append_c(out, '\\');
            g_string_append_c(out, *++p);
            continue;
        }
        if (*p == '#' && after_blank(row, p)) {
            *note = g_strstrip(g_strdup(p + 1));
            if (**note == '\0')
                g_clear_pointer(note, g_free);
            while (out->len > 0 && after_blank(out->str, out->str + out->len))
                g_string_truncate(out, g_utf8_find_prev_char(out->str, out->str + out->len) - out->str);
            break;
        }
        g_string_append_c(out, *p);
    }
    return g_string_free(out, FALSE);
}

/* `text` with every line's inline comment taken out (strip_inline), one
 * line for each line; the comments go to *notes, element i for line i + 1
 * (NULL when that line has none).  Fails on a line whose "\#" would make
 * it a comment: a key cannot start with '#'. */
static char *strip_inline_comments(const char *file, const char *text, GPtrArray **notes, GError **error)
{
    g_auto(GStrv) rows = g_strsplit(text, "\n", -1);
    g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func(g_free);
    GString *out = g_string_sized_new(strlen(text));
    for (int i = 0; rows[i]; i++) {
        char *note = NULL;
        g_autofree char *row = strip_inline(rows[i], &note);
        g_ptr_array_add(kept, note);
        const char *first = row + strspn(row, " \t");
        if (*first == '#' && strcmp(row, rows[i]) != 0) {
            g_string_free(out, TRUE);
            input_error(error, file, i + 1, "'%s': a key cannot start with #", rows[i]);
            return NULL;
        }
        g_string_append(out, row);
        if (rows[i + 1])
            g_string_append_c(out, '\n');
    }
    *notes = g_steal_pointer(&kept);
    return g_string_free(out, FALSE);
}

/* `above` (the # lines above an entry) and `inline_note` (the comment
 * after its value), joined by a newline; NULL when both are.  Takes
 * `above`. */
static char *join_note(char *above, const char *inline_note)
{
    if (inline_note == NULL)
        return above;
    char *both = above ? g_strconcat(above, "\n", inline_note, NULL) : g_strdup(inline_note);
    g_free(above);
    return both;
}

/* The groups and entries of one file, without following extends. */
static IniDoc *read_one(const char *file, const char *text, IniKeyRule rule, GError **error)
{
    if (!g_utf8_validate(text, -1, NULL)) {
        input_error(error, file, 0, "the file is not UTF-8; save it as UTF-8 (in Excel or Notepad: Save As, encoding UTF-8)");
        return NULL;
    }
    g_autofree char *raw = clean_text(text);
    g_autoptr(GPtrArray) notes = NULL;
    g_autofree char *clean = strip_inline_comments(file, raw, &notes, error);
    if (clean == NULL)
        return NULL;
    g_autoptr(GHashTable) lines = scan_lines(file, clean, rule, error);
    if (lines == NULL)
        return NULL;
    g_autoptr(GKeyFile) kf = g_key_file_new();
    GError *local = NULL;
    if (!g_key_file_load_from_data(kf, clean, -1, G_KEY_FILE_KEEP_COMMENTS, &local)) {
        input_error(error, file, 0, "%s", local->message);
        g_error_free(local);
        return NULL;
    }
    IniDoc *doc = g_new0(IniDoc, 1);
    doc->groups = g_ptr_array_new_with_free_func(group_free);
    g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);
    for (int i = 0; groups[i]; i++) {
        IniGroup *g = g_new0(IniGroup, 1);
        g->name = g_strstrip(g_strdup(groups[i]));
        g->where = (SourceRef){g_strdup(file), line_of(lines, g->name, NULL)};
        g->entries = g_ptr_array_new_with_free_func(entry_free);
        g_ptr_array_add(doc->groups, g);
        g_auto(GStrv) keys = g_key_file_get_keys(kf, groups[i], NULL, NULL);
        for (int j = 0; keys[j]; j++) {
            IniEntry *e = g_new0(IniEntry, 1);
            e->key = normalise_key(keys[j], rule);
            e->where = (SourceRef){g_strdup(file), line_of(lines, g->name, e->key)};
            g_ptr_array_add(g->entries, e);
            e->value = g_key_file_get_string(kf, groups[i], keys[j], &local);
            if (e->value == NULL) {
                input_error(error, file, e->where.line, "[%s] %s: %s", g->name, e->key, local->message);
                g_error_free(local);
                inifile_doc_free(doc);
                return NULL;
            }
            g_strstrip(e->value);
            e->comment = join_note(entry_comment(kf, groups[i], keys[j]),
                                   e->where.line > 0 ? notes->pdata[e->where.line - 1] : NULL);
        }
    }
    return doc;
}

static IniEntry *entry_copy(const IniEntry *e)
{
    IniEntry *c = g_new0(IniEntry, 1);
    c->key = g_strdup(e->key);
    c->value = g_strdup(e->value);
    c->where = (SourceRef){g_strdup(e->where.file), e->where.line};
    c->comment = g_strdup(e->comment);
    return c;
}

/* Copies the groups and entries of `child` over those of `parent`: a key
 * present in both takes the child's value in the parent's place. */
static void merge_into(IniDoc *parent, const IniDoc *child)
{
    for (guint i = 0; i < child->groups->len; i++) {
        const IniGroup *cg = child->groups->pdata[i];
        IniGroup *pg = inifile_group(parent, cg->name);
        if (pg == NULL) {
            pg = g_new0(IniGroup, 1);
            pg->name = g_strdup(cg->name);
            pg->where = (SourceRef){g_strdup(cg->where.file), cg->where.line};
            pg->entries = g_ptr_array_new_with_free_func(entry_free);
            g_ptr_array_add(parent->groups, pg);
        }
        for (guint j = 0; j < cg->entries->len; j++) {
            const IniEntry *ce = cg->entries->pdata[j];
            IniEntry *pe = inifile_entry(pg, ce->key);
            guint k;
            if (pe != NULL && g_ptr_array_find(pg->entries, pe, &k)) {
                pg->entries->pdata[k] = entry_copy(ce);
                entry_free(pe);
            } else {
                g_ptr_array_add(pg->entries, entry_copy(ce));
            }
        }
    }
}

/* `path` with each "folder/.." pair taken out, relative paths kept
 * relative ("what-if/../base/p.ini" is "base/p.ini"), when that names the
 * same file; else `path` as it is (after a symbolic link, ".." leads
 * elsewhere).  So a parent is named as a person would name it, and not
 * through the temporary folder a calibrated scenario was written in. */
static char *tidy_path(const char *path)
{
    g_auto(GStrv) parts = g_strsplit(path, G_DIR_SEPARATOR_S, -1);
    g_autoptr(GPtrArray) kept = g_ptr_array_new();
    for (int i = 0; parts[i] != NULL; i++) {
        const char *p = parts[i];
        const char *last = kept->len ? g_ptr_array_index(kept, kept->len - 1) : NULL;
        if (strcmp(p, ".") == 0 || (*p == '\0' && i > 0))
            continue;
        if (strcmp(p, "..") == 0 && last != NULL && strcmp(last, "..") != 0) {
            if (*last != '\0')  /* "/.." is "/" */
                g_ptr_array_remove_index(kept, kept->len - 1);
            continue;
        }
        g_ptr_array_add(kept, (char *)p);
    }
    g_ptr_array_add(kept, NULL);
    g_autofree char *tidy = g_strjoinv(G_DIR_SEPARATOR_S, (char **)kept->pdata);
    if (*tidy == '\0') {
        g_free(tidy);
        tidy = g_strdup(*path == G_DIR_SEPARATOR ? G_DIR_SEPARATOR_S : ".");
    }
    struct stat a, b;
    if (stat(path, &a) == 0 && stat(tidy, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return g_steal_pointer(&tidy);
    return g_strdup(path);
}

/* Reads `text` and its extends chain; `seen` holds the canonical paths
 * already on the chain. */
static IniDoc *load_chain(const char *name, const char *dir, const char *text, IniKeyRule rule,
                          GHashTable *seen, GError **error)
{
    g_autoptr(IniDoc) doc = read_one(name, text, rule, error);
    if (doc == NULL)
        return NULL;
    IniGroup *sc = inifile_group(doc, "scenario");
    IniEntry *ext = inifile_entry(sc, "extends");
    if (ext == NULL)
        return g_steal_pointer(&doc);
    if (*ext->value == '\0') {
        input_error(error, name, ext->where.line, "[scenario] extends: names no file");
        return NULL;
    }
    g_autofree char *joined = g_path_is_absolute(ext->value) || dir == NULL
                                  ? g_strdup(ext->value)
                                  : g_build_filename(dir, ext->value, NULL);
    g_autofree char *path = tidy_path(joined);
    g_autofree char *canon = g_canonicalize_filename(path, NULL);
    if (g_hash_table_contains(seen, canon)) {
        input_error(error, name, ext->where.line, "[scenario] extends = %s: a loop (that file extends this one)",
                    ext->value);
        return NULL;
    }
    if (g_hash_table_size(seen) >= INI_MAX_EXTENDS_DEPTH) {
        input_error(error, name, ext->where.line, "[scenario] extends = %s: more than %d files extend one another",
                    ext->value, INI_MAX_EXTENDS_DEPTH);
        return NULL;
    }
    /* a device or a pipe could never end, or wait for ever */
    if (g_file_test(path, G_FILE_TEST_EXISTS) && !g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        input_error(error, name, ext->where.line, "[scenario] extends = %s: not a regular file", ext->value);
        return NULL;
    }
    g_autofree char *parent_text = NULL;
    gsize parent_len = 0;
    GError *local = NULL;
    if (!g_file_get_contents(path, &parent_text, &parent_len, &local)) {
        input_error(error, name, ext->where.line, "[scenario] extends = %s: %s", ext->value, local->message);
        g_error_free(local);
        return NULL;
    }
    if (!check_no_nul(path, parent_text, parent_len, error))
        return NULL;
    g_hash_table_add(seen, g_strdup(canon));
    g_autofree char *parent_dir = g_path_get_dirname(path);
    IniDoc *parent = load_chain(path, parent_dir, parent_text, rule, seen, error);
    if (parent == NULL)
        return NULL;
    merge_into(parent, doc);
    /* The merged [scenario] must not pass extends on: it is resolved. */
    IniGroup *psc = inifile_group(parent, "scenario");
    IniEntry *pext = inifile_entry(psc, "extends");
    g_ptr_array_remove(psc->entries, pext);
    return parent;
}

IniDoc *inifile_load_data(const char *name, const char *dir, const char *text, IniKeyRule rule, GError **error)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (dir != NULL) {
        g_autofree char *self = g_build_filename(dir, name, NULL);
        g_hash_table_add(seen, g_canonicalize_filename(g_path_is_absolute(name) ? name : self, NULL));
    }
    return load_chain(name, dir, text, rule, seen, error);
}

IniDoc *inifile_load(const char *path, IniKeyRule rule, GError **error)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    if (!errors_read_input(path, &text, &len, error) || !check_no_nul(path, text, len, error))
        return NULL;
    g_autofree char *dir = g_path_get_dirname(path);
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_hash_table_add(seen, g_canonicalize_filename(path, NULL));
    return load_chain(path, dir, text, rule, seen, error);
}
