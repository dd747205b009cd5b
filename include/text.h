/* text.h: small text helpers: nearest-name suggestions and terminal column widths.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_TEXT_H
#define LADDER_TEXT_H

#include <glib.h>

/* Levenshtein distance between two UTF-8 strings, counted in characters. */
guint text_edit_distance(const char *a, const char *b);

/* The candidate nearest to `word` (NULL-terminated array), or NULL when none
 * is close enough to be a plausible typo (distance over a third of the
 * length, at least 2).  The result points into `candidates`. */
const char *text_nearest(const char *word, const char *const *candidates);

/* Appends ", did you mean 'X'?" to `msg` when a candidate is near `word`. */
void text_append_suggestion(GString *msg, const char *word, const char *const *candidates);

/* Columns that `s` takes in a terminal: 2 for each wide (CJK) character. */
guint text_display_width(const char *s);

/* Appends `s` to `out`, padded with spaces to `width` columns; `right`
 * aligns it to the right. */
void text_append_padded(GString *out, const char *s, guint width, gboolean right);

/* TRUE when `s` holds a Han, Hiragana, Katakana or Hangul character. */
gboolean text_has_cjk(const char *s);

#endif
