/* text.c: nearest-name suggestions for typos, terminal column widths and
 * aligned tables for text that mixes Chinese and ASCII, and file paths as
 * text.
 * SPDX-License-Identifier: MIT */
#include "text.h"

#include <math.h>

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

void text_append_list(GString *msg, const char *const *items)
{
    for (int i = 0; items && items[i]; i++)
        g_string_append_printf(msg, "%s%s", i ? ", " : "", items[i]);
}

void text_append_one_of(GString *msg, const char *word, const char *const *known)
{
    g_string_append(msg, "must be one of ");
    text_append_list(msg, known);
    text_append_suggestion(msg, word, known);
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

void text_table_init(TextTable *t, int n_cols, const gboolean *right)
{
    g_assert(n_cols <= TEXT_TABLE_MAX_COLS);
    t->n_cols = n_cols;
    for (int c = 0; c < n_cols; c++)
        t->right[c] = right[c];
    t->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
}

void text_table_add(TextTable *t, const char *const *cells)
{
    char **row = g_new0(char *, t->n_cols + 1);
    for (int c = 0; c < t->n_cols; c++)
        row[c] = g_strdup(cells[c]);
    g_ptr_array_add(t->rows, row);
}

void text_table_flush(TextTable *t, GString *out)
{
    guint width[TEXT_TABLE_MAX_COLS] = {0};
    for (guint r = 0; r < t->rows->len; r++) {
        char **row = g_ptr_array_index(t->rows, r);
        for (int c = 0; c < t->n_cols; c++)
            width[c] = MAX(width[c], text_display_width(row[c]));
    }
    for (guint r = 0; r < t->rows->len; r++) {
        char **row = g_ptr_array_index(t->rows, r);
        g_string_append(out, TEXT_TABLE_INDENT);
        for (int c = 0; c < t->n_cols; c++) {
            gboolean last = c == t->n_cols - 1;
            guint w = last && !t->right[c] ? 0 : width[c];
            text_append_padded(out, row[c], w, t->right[c]);
            g_string_append(out, last ? "\n" : TEXT_TABLE_GAP);
        }
    }
    g_ptr_array_free(t->rows, TRUE);
    t->rows = NULL;
}

gboolean text_is_id(const char *s)
{
    if (!g_ascii_islower(s[0]))
        return FALSE;
    for (const char *p = s; *p; p++)
        if (!g_ascii_islower(*p) && !g_ascii_isdigit(*p) && *p != '_')
            return FALSE;
    return TRUE;
}

int text_line_at(const char *text, const char *at)
{
    int line = 1;
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}

/* A plain decimal filling all of `t` (stripped), or FALSE. */
static gboolean plain_decimal(const char *t, double *out)
{
    char *end = NULL;
    if (*t == '\0' || strspn(t, "0123456789.eE+-") != strlen(t))
        return FALSE;
    double v = g_ascii_strtod(t, &end);
    if (*end != '\0' || !isfinite(v))
        return FALSE;
    *out = v;
    return TRUE;
}

/* TRUE when `t` is digits in groups of three after a first group of one to
 * three, split by commas ("3,000", "12,500,000"): a thousands separator. */
static gboolean thousands(const char *t)
{
    const char *first = t + (*t == '-' || *t == '+');
    gsize lead = strspn(first, "0123456789");
    if (lead < 1 || lead > 3)
        return FALSE;
    const char *p = first + lead;
    if (*p != ',')
        return FALSE;
    while (*p == ',') {
        if (strspn(p + 1, "0123456789") != 3)
            return FALSE;
        p += 4;
    }
    return *p == '\0' || (*p == '.' && strspn(p + 1, "0123456789") == strlen(p + 1));
}

char *text_number_advice(const char *text)
{
    g_autofree char *t = g_strstrip(g_strdup(text));
    double v;
    if (strchr(t, ',') != NULL) {
        g_autofree char *bare = g_strdup(t);
        char *w = bare;
        for (const char *p = t; *p; p++)
            if (*p != ',')
                *w++ = *p;
        *w = '\0';
        if (thousands(t))
            return g_strdup_printf("write %s without the comma", bare);
        g_autofree char *point = g_strdelimit(g_strdup(t), ",", '.');
        if (strchr(t, '.') == NULL && plain_decimal(point, &v))
            return g_strdup_printf("write %s with a point, not a comma", point);
        return NULL;
    }
    const char *pct = g_str_has_suffix(t, "%") ? "%" : g_str_has_suffix(t, "\xEF\xBC\x85") ? "\xEF\xBC\x85" : NULL;
    if (pct == NULL)
        return NULL;
    g_autofree char *num = g_strstrip(g_strndup(t, strlen(t) - strlen(pct)));
    if (!plain_decimal(num, &v))
        return NULL;
    char fraction[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(fraction, sizeof fraction, "%.12g", v / 100);
    return g_strdup_printf("write %s for %s%%", fraction, num);
}

/* Sets *why (when `why` is not NULL) to the advice for `text`; FALSE. */
static gboolean not_a_number(const char *text, char **why)
{
    if (why != NULL)
        *why = text_number_advice(text);
    return FALSE;
}

gboolean text_parse_decimal(const char *text, double *out, char **why)
{
    g_autofree char *t = g_strstrip(g_strdup(text));
    return plain_decimal(t, out) || not_a_number(text, why);
}

gboolean text_parse_integer(const char *text, gint64 lo, gint64 hi, gint64 *out, char **why)
{
    g_autofree char *t = g_strstrip(g_strdup(text));
    return g_ascii_string_to_signed(t, 10, lo, hi, out, NULL) || not_a_number(text, why);
}

char *text_file_stem(const char *file)
{
    char *base = g_path_get_basename(file);
    char *dot = strrchr(base, '.');
    if (dot && dot != base)
        *dot = '\0';
    return base;
}

char *text_default_out(const char *file, const char *suffix)
{
    g_autofree char *stem = text_file_stem(file);
    g_autofree char *name = g_strconcat(stem, suffix, NULL);
    return g_build_filename("out", name, NULL);
}

char *text_relative_path(const char *from_dir, const char *to)
{
    g_autofree char *a = g_canonicalize_filename(from_dir, NULL);
    g_autofree char *b = g_canonicalize_filename(to, NULL);
    g_auto(GStrv) from = g_strsplit(a, G_DIR_SEPARATOR_S, -1);
    g_auto(GStrv) dest = g_strsplit(b, G_DIR_SEPARATOR_S, -1);
    int common = 0;
    while (from[common] && dest[common] && strcmp(from[common], dest[common]) == 0)
        common++;
    GString *out = g_string_new(NULL);
    for (int i = common; from[i]; i++)
        if (from[i][0] != '\0')
            g_string_append(out, ".." G_DIR_SEPARATOR_S);
    for (int i = common; dest[i]; i++) {
        g_string_append(out, dest[i]);
        if (dest[i + 1])
            g_string_append(out, G_DIR_SEPARATOR_S);
    }
    return g_string_free(out, FALSE);
}

/* TRUE when a POSIX shell reads `word` as itself: not empty; letters,
 * digits, a few marks and UTF-8 text, nothing else. */
static gboolean shell_plain(const char *word)
{
    if (*word == '\0')
        return FALSE;
    for (const unsigned char *p = (const unsigned char *)word; *p; p++)
        if (*p < 0x80 && !g_ascii_isalnum(*p) && strchr("_-+=./,:@%", *p) == NULL)
            return FALSE;
    return TRUE;
}

char *text_shell_word(const char *word)
{
    return word && shell_plain(word) ? g_strdup(word) : g_shell_quote(word ? word : "");
}
