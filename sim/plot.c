/* plot.c: gnuplot scripts from the templates in plots/: each @KEY@ of a
 * template replaced by its value, the data and script files written, and
 * the charts gnuplot drew checked whole.
 * SPDX-License-Identifier: MIT */
#include "plot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <gio/gio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "errors.h"
#include "i18n.h"
#include "outdir.h"

#define PLOT_FONT "Noto Sans CJK SC,11"   /* fonts-noto-cjk: Chinese glyphs in PNG and SVG */
#define PLOT_RESOURCE_DIR "/ladder/plots/"

/* Defined in build/resources.c, which glib-compile-resources generates from
 * plots/plots.gresource.xml (the C name comes from that file's name).
 * Calling it also makes the linker take resources.o out of libladder.a. */
GResource *plots_get_resource(void);

/* Series colours, cycled: Tableau 10, told apart by most colour-blind readers. */
static const char *const colours[] = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
};

const char *plot_colour(int i)
{
    return colours[i % G_N_ELEMENTS(colours)];
}

PlotVars *plot_vars_new(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
}

void plot_set_raw(PlotVars *v, const char *key, const char *value)
{
    g_hash_table_replace(v, (gpointer)key, g_strdup(value));
}

char *plot_escape(const char *s)
{
    GString *out = g_string_new(NULL);
    for (const char *p = s; *p; p++) {
        if (*p == '\\' || *p == '"')
            g_string_append_c(out, '\\');
        g_string_append_c(out, *p == '\n' || *p == '\r' ? ' ' : *p);
    }
    return g_string_free(out, FALSE);
}

char *plot_data_label(const char *label)
{
    char *s = g_strdup(label);
    g_strdelimit(s, "\"\n\r", '\'');
    return s;
}

void plot_set_text(PlotVars *v, const char *key, const char *text)
{
    g_hash_table_replace(v, (gpointer)key, plot_escape(text));
}

void plot_set_int(PlotVars *v, const char *key, gint64 x)
{
    g_hash_table_replace(v, (gpointer)key, g_strdup_printf("%" G_GINT64_FORMAT, x));
}

void plot_set_double(PlotVars *v, const char *key, double x)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    plot_set_raw(v, key, g_ascii_formatd(buf, sizeof buf, "%.6g", x));
}

/* The template `name` with every @KEY@ replaced by its value from `v`.
 * Values are not scanned again.  A placeholder without a value is a bug in
 * the caller or the template (critical warning, left in place).  Caller frees. */
static char *template_fill(const char *name, PlotVars *v)
{
    g_autofree char *path = g_strconcat(PLOT_RESOURCE_DIR, name, NULL);
    g_autoptr(GBytes) bytes = g_resource_lookup_data(plots_get_resource(), path,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    g_return_val_if_fail(bytes != NULL, g_strdup(""));
    g_autofree char *text = g_strndup(g_bytes_get_data(bytes, NULL), g_bytes_get_size(bytes));
    GString *out = g_string_new(NULL);

    for (const char *p = text; *p;) {
        const char *end = *p == '@' ? strchr(p + 1, '@') : NULL;
        g_autofree char *key = end ? g_strndup(p + 1, end - p - 1) : NULL;
        const char *value = key ? g_hash_table_lookup(v, key) : NULL;
        if (!value) {
            if (key && *key && strspn(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == strlen(key))
                g_critical("%s: no value for @%s@", name, key);
            g_string_append_c(out, *p++);
            continue;
        }
        g_string_append(out, value);
        p = end + 1;
    }
    return g_string_free(out, FALSE);
}

/* Writes `text` to dir/name; an IO error names the path. */
static gboolean write_file(const char *dir, const char *name, const char *text, GError **error)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    return outdir_write_file(path, text, -1, error);
}

/* Fills template `tmpl` (a file name in plots/) from `v`, @FONT@ included,
 * and writes it to dir/script. */
static gboolean write_script(const char *dir, const char *script, const char *tmpl, PlotVars *v, GError **error)
{
    plot_set_raw(v, "FONT", PLOT_FONT);
    g_autofree char *text = template_fill(tmpl, v);
    return write_file(dir, script, text, error);
}

gboolean plot_write_chart(const char *dir, const char *name, const char *data, const char *tmpl, PlotVars *v,
                          GError **error)
{
    g_autofree char *data_name = g_strconcat(name, ".dat", NULL);
    g_autofree char *script = g_strconcat(name, ".gp", NULL);
    plot_set_raw(v, "NAME", name);
    plot_set_raw(v, "DATA", data_name);
    return write_file(dir, data_name, data, error) && write_script(dir, script, tmpl, v, error);
}

void plot_append_number(GString *out, double x)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_c(out, ' ');
    g_string_append(out, g_ascii_formatd(buf, sizeof buf, "%.4f", x));
}

int plot_year_step(const Model *m)
{
    int span = m->horizon - m->base_year;
    return span <= 15 ? 1 : span <= 30 ? 2 : span <= 60 ? 5 : 10;
}

void plot_set_year_chart(PlotVars *v, const Model *m, const char *name, const char *title)
{
    g_autofree char *data = g_strconcat(name, ".dat", NULL);
    plot_set_raw(v, "NAME", name);
    plot_set_raw(v, "DATA", data);
    plot_set_text(v, "TITLE", title);
    plot_set_text(v, "XLABEL", i18n_text(m->language, I18N_YEAR));
    plot_set_text(v, "YLABEL", i18n_text(m->language, I18N_FIRMS));
    plot_set_int(v, "XMIN", m->base_year);
    plot_set_int(v, "XMAX", m->horizon);
    plot_set_int(v, "XSTEP", plot_year_step(m));
    /* room beyond the first and last year, so a marker there is not cut by the border */
    plot_set_double(v, "XPAD", 0.025 * MAX(1, m->horizon - m->base_year));
}

#define PLOT_TICKS 6          /* about this many steps on a count axis */
#define PLOT_MARGIN 0.06      /* of the figures' span, above and below them */

/* 1, 2 or 5 times a power of ten: a tick step for `span` in about PLOT_TICKS steps. */
static double nice_step(double span)
{
    double raw = span / PLOT_TICKS;
    double ten = pow(10, floor(log10(raw)));
    double f = raw / ten;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * ten;
}

void plot_set_count_range(PlotVars *v, const Model *m, double lo, double hi)
{
    double span = MAX(hi - lo, MAX(hi, 1.0) * 0.1);   /* a flat fan still gets room */
    double step = MAX(1.0, nice_step(span));
    double y0 = floor((lo - PLOT_MARGIN * span) / step) * step;
    double y1 = ceil((hi + PLOT_MARGIN * span) / step) * step;
    /* from 0 the fan already fills two thirds of the axis, or 0 is a tick away */
    gboolean from_zero = lo <= hi / 3 || y0 <= step;

    g_autofree char *range = g_strdup_printf("[%.0f:%.0f]", from_zero ? 0 : y0, MAX(y1, step));
    plot_set_raw(v, "YRANGE", range);
    plot_set_text(v, "YLABEL", i18n_text(m->language, from_zero ? I18N_FIRMS : I18N_FIRMS_NOT_FROM_ZERO));
}

void plot_set_band_keys(PlotVars *v, const Model *m)
{
    plot_set_text(v, "P5P95", i18n_text(m->language, I18N_P5_P95));
    plot_set_text(v, "P25P75", i18n_text(m->language, I18N_P25_P75));
    plot_set_text(v, "MEDIAN", i18n_text(m->language, I18N_MEDIAN));
}

/* ---- the charts gnuplot drew ---------------------------------------------- */

/* PNG (ISO/IEC 15948, 5.2 and 5.3): an 8-byte signature, then chunks of a
 * 4-byte big-endian data length, a 4-byte type, the data and a 4-byte CRC;
 * the IEND chunk comes last. */
#define PNG_SIGNATURE "\x89PNG\r\n\x1a\n"
#define PNG_SIGNATURE_LEN 8
#define PNG_CHUNK_OVERHEAD 12   /* length, type and CRC */

/* TRUE when `data` is a PNG whose chunks, each skipped by its length, lead
 * from the signature to an IEND chunk that ends the file (CRCs unchecked:
 * a file cut short is what this catches). */
static gboolean png_whole(const guchar *data, gsize len)
{
    if (len < PNG_SIGNATURE_LEN || memcmp(data, PNG_SIGNATURE, PNG_SIGNATURE_LEN) != 0)
        return FALSE;
    for (gsize at = PNG_SIGNATURE_LEN; len - at >= PNG_CHUNK_OVERHEAD;) {
        const guchar *c = data + at;
        guint32 n = (guint32)c[0] << 24 | (guint32)c[1] << 16 | (guint32)c[2] << 8 | c[3];
        if (n > len - at - PNG_CHUNK_OVERHEAD)
            return FALSE;
        at += PNG_CHUNK_OVERHEAD + n;
        if (memcmp(c + 4, "IEND", 4) == 0)
            return at == len;
    }
    return FALSE;
}

/* TRUE when `data` holds an <svg element and ends with </svg> (white
 * space after it allowed). */
static gboolean svg_whole(const char *data, gsize len)
{
    static const char end[] = "</svg>";
    while (len > 0 && g_ascii_isspace(data[len - 1]))
        len--;
    return len >= sizeof end - 1 && memcmp(data + len - (sizeof end - 1), end, sizeof end - 1) == 0 &&
           g_strstr_len(data, (gssize)len, "<svg") != NULL;
}

gboolean plot_chart_whole(const char *name, const char *data, gsize len)
{
    if (g_str_has_suffix(name, ".png"))
        return png_whole((const guchar *)data, len);
    if (g_str_has_suffix(name, ".svg"))
        return svg_whole(data, len);
    return len > 0;
}

/* Why gnuplot left the chart `path` cut short: one more byte written at
 * its end meets the full disk or the file size limit that stopped gnuplot
 * ("No space left on device", "File too large"); NULL when that byte goes
 * through.  The chart is spoilt either way. */
static const char *short_chart_reason(const char *path)
{
    int fd = g_open(path, O_WRONLY | O_APPEND | O_CLOEXEC, 0);
    if (fd < 0)
        return g_strerror(errno);
    ssize_t n = write(fd, "", 1);
    int e = errno;
    close(fd);
    return n < 0 ? g_strerror(e) : NULL;
}

/* Fails with an IO error naming chart `name` in `dir` unless it is whole. */
static gboolean check_chart(const char *dir, const char *name, GError **error)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autofree char *data = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &data, &len, NULL)) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "it did not write %s", name);
        return FALSE;
    }
    if (plot_chart_whole(name, data, len))
        return TRUE;
    const char *why = short_chart_reason(path);
    if (why)
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "cannot write %s: %s", name, why);
    else
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "%s is incomplete", name);
    return FALSE;
}

/* The NAME of each line `set output "NAME"` of the script text `gp`, in
 * order (caller frees). */
static GPtrArray *script_outputs(const char *gp)
{
    static const char cmd[] = "set output \"";
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    g_auto(GStrv) lines = g_strsplit(gp, "\n", -1);
    for (char **l = lines; *l; l++) {
        const char *p = *l + strspn(*l, " \t");
        const char *end = g_str_has_prefix(p, cmd) ? strchr(p + sizeof cmd - 1, '"') : NULL;
        if (end)
            g_ptr_array_add(names, g_strndup(p + sizeof cmd - 1, end - p - (sizeof cmd - 1)));
    }
    return names;
}

gboolean plot_check_outputs(const char *dir, const char *script, GError **error)
{
    g_autofree char *path = g_build_filename(dir, script, NULL);
    g_autofree char *gp = NULL;
    g_autoptr(GError) local = NULL;
    if (!g_file_get_contents(path, &gp, NULL, &local)) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "cannot read %s: %s", path, local->message);
        return FALSE;
    }
    g_autoptr(GPtrArray) names = script_outputs(gp);
    for (guint i = 0; i < names->len; i++)
        if (!check_chart(dir, g_ptr_array_index(names, i), error))
            return FALSE;
    return TRUE;
}
