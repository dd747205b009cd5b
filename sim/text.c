/* text.c: nearest-name suggestions for typos, and terminal column widths for
 * tables that mix Chinese and ASCII.
 * SPDX-License-Identifier: MIT */
#include "text.h"

#include <string.h>

guint text_edit_distance(const char *a, const char *b)
{
    glong na = g_utf8_strlen(a, -1), nb = g_utf8_strlen(b, -1);
    g_autofree gunichar *ua = g_utf8_to_ucs4_fast(a, -1, NULL);
    g_autofree gunichar *ub = g_utf8_to_ucs4_fast(b, -1, NULL);
    g_autofree guint *row = g_new(guint, nb + 1);

    for (glong j = 0; j <= nb; j++)
        row[j] = (guint)j;
    for (glong i = 1; i <= na; i++) {
        guint diag = row[0];
        row[0] = (guint)i;
        for (glong j = 1; j <= nb; j++) {
            guint up = row[j];
            guint best = MIN(row[j] + 1, row[j - 1] + 1);
            row[j] = MIN(best, diag + (ua[i - 1] == ub[j - 1] ? 0 : 1));
            diag = up;
        }
    }
    return row[nb];
}

const char *text_nearest(const char *word, const char *const *candidates)
{
    const char *best = NULL;
    guint best_d = G_MAXUINT;
    guint limit = MAX(2, (guint)g_utf8_strlen(word, -1) / 3);

    for (; candidates && *candidates; candidates++) {
        guint d = text_edit_distance(word, *candidates);
        if (d < best_d) {
            best_d = d;
            best = *candidates;
        }
    }
    return best_d <= limit ? best : NULL;
}

void text_append_suggestion(GString *msg, const char *word, const char *const *candidates)
{
    const char *near = text_nearest(word, candidates);
    if (near)
        g_string_append_printf(msg, "; did you mean '%s'?", near);
}

guint text_display_width(const char *s)
{
    guint w = 0;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_iszerowidth(c))
            continue;
        w += g_unichar_iswide(c) ? 2 : 1;
    }
    return w;
}

void text_append_padded(GString *out, const char *s, guint width, gboolean right)
{
    guint w = text_display_width(s);
    guint pad = w < width ? width - w : 0;
    if (right)
        for (guint i = 0; i < pad; i++)
            g_string_append_c(out, ' ');
    g_string_append(out, s);
    if (!right)
        for (guint i = 0; i < pad; i++)
            g_string_append_c(out, ' ');
}

gboolean text_has_cjk(const char *s)
{
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        GUnicodeScript sc = g_unichar_get_script(g_utf8_get_char(p));
        if (sc == G_UNICODE_SCRIPT_HAN || sc == G_UNICODE_SCRIPT_HIRAGANA ||
            sc == G_UNICODE_SCRIPT_KATAKANA || sc == G_UNICODE_SCRIPT_HANGUL)
            return TRUE;
    }
    return FALSE;
}
