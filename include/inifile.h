/* inifile.h: a key file read with GKeyFile, with the file and line of every
 * group and key (GKeyFile keeps none), and `extends` merged key by key.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_INIFILE_H
#define LADDER_INIFILE_H

#include <glib.h>
#include "source.h"

typedef struct {
    char *key;        /* as the file's IniKeyRule writes it */
    char *value;      /* unescaped (g_key_file_get_string, and "\#" as '#'),
                         without its inline comment, stripped */
    SourceRef where;
    char *comment;    /* the # lines above it (back to the key or group header
                         before it), then its inline comment (a '#' after a
                         blank, to the line end), each without the '#',
                         stripped, blank ones dropped, joined by newlines;
                         NULL when none */
} IniEntry;

typedef struct {
    char *name;       /* between the brackets, stripped */
    SourceRef where;  /* the header line */
    GPtrArray *entries; /* IniEntry *, in file order */
} IniGroup;

typedef struct {
    GPtrArray *groups;  /* IniGroup *, in file order (a parent's first) */
} IniDoc;

/* How a file's format writes a key, so that two spellings of one key
 * ("a->b" and "a -> b") are one key, given twice if both are there:
 * returns the key written the one way (caller frees).  NULL: keys are
 * only stripped. */
typedef char *(*IniKeyRule)(const char *key);

/* Reads `path` and, when [scenario] has `extends`, the file it names first
 * (relative to `path`'s folder), letting this file's keys replace the
 * parent's key by key and adding new groups and keys after the parent's.
 * Accepts a UTF-8 BOM and CRLF line ends.  A '#' after a blank (a space,
 * a tab, a full-width space) starts an inline comment to the line end, on
 * any line; "\#" is a '#' that starts none; a '#' right after another
 * character is text ("a#b").  INPUT errors say
 * "file:line: what is wrong" (not UTF-8, a NUL byte, a line that is no
 * group, key or comment, a key given twice, an extends loop or a parent
 * that is no regular file); an unreadable file is IO. */
IniDoc *inifile_load(const char *path, IniKeyRule rule, GError **error);

/* The same from text; `name` stands for the file in messages, `dir` is
 * where extends paths start (NULL: the current folder). */
IniDoc *inifile_load_data(const char *name, const char *dir, const char *text, IniKeyRule rule,
                          GError **error);

void inifile_doc_free(IniDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IniDoc, inifile_doc_free)

/* The group named `name`, or NULL. */
IniGroup *inifile_group(const IniDoc *doc, const char *name);

/* The entry `key` of `group`, or NULL. */
IniEntry *inifile_entry(const IniGroup *group, const char *key);

#endif
