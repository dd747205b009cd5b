/* corpus.h: the tests' input tables as fuzz seeds.  Each row's text is the
 * file fuzz/corpus/fuzz_X/<id>.<ext>: `make fuzz-corpus` writes them
 * (running the test with $LADDER_WRITE_CORPUS set to that folder) and
 * make check fails while one is missing or differs, so the fuzzers start
 * from every bad input ever reported.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_CORPUS_H
#define LADDER_CORPUS_H

#include "testutil.h"

/* The folder $LADDER_WRITE_CORPUS names, or NULL: then the tests run. */
static inline const char *tc_write_dir(void)
{
    return g_getenv("LADDER_WRITE_CORPUS");
}

/* Writes `text` as dir/<id>.<ext>. */
static inline void tc_write(const char *dir, const char *id, const char *ext, const char *text)
{
    g_autofree char *name = g_strconcat(id, ".", ext, NULL);
    g_free(tu_write(dir, name, text));
}

/* Appends " <id>.<ext>" to `bad` unless srcdir/corpus/<id>.<ext> holds
 * `text` exactly. */
static inline void tc_check(GString *bad, const char *corpus, const char *id, const char *ext, const char *text)
{
    g_autofree char *name = g_strconcat(id, ".", ext, NULL);
    g_autofree char *path = g_build_filename(tu_srcdir(), corpus, name, NULL);
    g_autofree char *have = NULL;
    if (!g_file_get_contents(path, &have, NULL, NULL) || strcmp(have, text) != 0)
        g_string_append_printf(bad, " %s", name);
}

/* Fails unless every row of `table` (structs with `id` and `text`) is in
 * `corpus` as <id>.<ext>. */
#define TC_ASSERT_IN_CORPUS(table, corpus, ext)                                                       \
    do {                                                                                              \
        g_autoptr(GString) bad_ = g_string_new(NULL);                                                 \
        for (gsize i_ = 0; i_ < G_N_ELEMENTS(table); i_++)                                            \
            tc_check(bad_, corpus, (table)[i_].id, ext, (table)[i_].text);                            \
        if (bad_->len > 0)                                                                            \
            fail_msg("missing or different in %s (make fuzz-corpus writes them):%s", corpus, bad_->str); \
    } while (0)

/* Writes every row of `table` into `dir`. */
#define TC_WRITE(table, dir, ext)                                \
    for (gsize i_ = 0; i_ < G_N_ELEMENTS(table); i_++)           \
        tc_write(dir, (table)[i_].id, ext, (table)[i_].text)

#endif
