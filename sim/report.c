/* report.c: a result folder as one self-contained HTML page: verdicts,
 * the ladder diagram (Graphviz), the charts inline, the assumptions with
 * their sources, and how the figures were made.
 * SPDX-License-Identifier: MIT */
#include "report.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "allocate.h"
#include "comparison.h"
#include "errors.h"
#include "i18n.h"
#include "model.h"
#include "out_cultivate.h"
#include "out_json.h"
#include "out_table.h"
#include "plot.h"
#include "outdir.h"
#include "param.h"
#include "results.h"
#include "text.h"

/* Everything the page is made from. */
typedef struct Report {
    const char *dir;       /* the result folder */
    const char *lang;      /* "zh" or "en" (page_language) */
    const char *version;
    JsonNode *scenario;    /* scenario.json */
    JsonNode *summary;     /* summary.json beside it, or NULL */
    JsonNode *files[RESULTS_N_KINDS]; /* dir's compare.json ... backtest.json by kind, NULL when absent
                                        * (scenario.json and summary.json: the two above) */
    char *scenario_dir;    /* the folder scenario.json was found in */
    GPtrArray *compared;   /* a comparison's scenario.json of each scenario, in compare.json's order (an
                            * element NULL when its folder is not there); NULL for other folders */
    gboolean no_dot;
    char *of;              /* on a page of several folders, which this is ("2. 天宁区 2025（ladder run）"),
                            * after each of its headings so that no two are the same; NULL on a page of one */
    int number;            /* on a page of several folders, 1 + its place; 0 on a page of one */
    const struct Report *assumed_as; /* an earlier folder on the page with the same assumptions,
                                        whose table this one points to; NULL: its own table */
} Report;

/* "en" when i18n_is_english(language), else "zh": the page's language,
 * also the key of a target's words in summary.json's "condition". */
static const char *page_language(const char *language)
{
    return i18n_is_english(language) ? "en" : "zh";
}

/* ---- reading the folder ---------------------------------------------------- */

/* dir's result file of `kind`, checked against its schema (results_read):
 * NULL with no error when absent and `command` (which wrote the folder;
 * NULL: unknown) does not always write it; NULL with an INPUT error naming
 * the file and the key when it is not what ladder writes. */
static JsonNode *read_json(const char *dir, ResultsKind kind, const char *command, GError **error)
{
    return results_read(dir, kind, command, error);
}

/* Every file is checked against its schema as it is read (read_json), so
 * a member is of the type results.c says.  The accessors still give NULL
 * or NAN for a member that may be null or absent, and for a type other
 * than asked, never a json-glib warning (those are for a caller's bug). */

static JsonObject *obj(JsonNode *n)
{
    return n && JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n) : NULL;
}

static JsonNode *member(JsonObject *o, const char *name)
{
    return o && json_object_has_member(o, name) ? json_object_get_member(o, name) : NULL;
}

static const char *str(JsonObject *o, const char *name)
{
    JsonNode *n = member(o, name);
    return n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING ? json_node_get_string(n) : NULL;
}

/* A JSON number as a double; NAN for anything else (a string "0.5" too:
 * shown as missing rather than read as 0). */
static double num_of(JsonNode *n)
{
    if (n == NULL || !JSON_NODE_HOLDS_VALUE(n))
        return NAN;
    GType t = json_node_get_value_type(n);
    return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE ? json_node_get_double(n) : NAN;
}

static double num(JsonObject *o, const char *name)
{
    return num_of(member(o, name));
}

/* TRUE only for a JSON true. */
static gboolean flag(JsonObject *o, const char *name)
{
    JsonNode *n = member(o, name);
    return n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_BOOLEAN && json_node_get_boolean(n);
}

static JsonArray *arr(JsonObject *o, const char *name)
{
    JsonNode *n = member(o, name);
    return n && JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n) : NULL;
}

/* The number of elements of `a`; 0 for NULL. */
static guint len(JsonArray *a)
{
    return a ? json_array_get_length(a) : 0;
}

static JsonObject *obj_at(JsonArray *a, guint i)
{
    return i < len(a) ? obj(json_array_get_element(a, i)) : NULL;
}

/* Element i of `a` when it is a string, else NULL. */
static const char *str_at(JsonArray *a, guint i)
{
    JsonNode *n = i < len(a) ? json_array_get_element(a, i) : NULL;
    return n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING ? json_node_get_string(n)
                                                                                          : NULL;
}

static double num_at(JsonArray *a, guint i)
{
    return i < len(a) ? num_of(json_array_get_element(a, i)) : NAN;
}

/* TRUE when `name` names an entry of a folder and nothing beyond it: not
 * empty, no '/', not "." or "..".  A name from a JSON file becomes part of
 * a path only then, so the report reads nothing outside the folder. */
static gboolean plain_name(const char *name)
{
    return name && *name && strchr(name, '/') == NULL && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

static gboolean has_file(const char *dir, const char *name)
{
    g_autofree char *f = g_build_filename(dir, name, NULL);
    return g_file_test(f, G_FILE_TEST_EXISTS);
}

/* The base scenario's folder of the comparison in `dir` (compare.json's
 * first scenario id) when it holds scenario.json; caller frees.  NULL when
 * there is none, with an INPUT error when compare.json is not JSON or the
 * id is not a plain folder name (it would lead out of `dir`). */
static char *compare_base_dir(const char *dir, GError **error)
{
    g_autoptr(JsonNode) cmp = read_json(dir, RESULTS_COMPARE, NULL, error);
    const char *id = str(obj_at(arr(obj(cmp), "scenarios"), 0), "id");
    if (id == NULL)
        return NULL;
    if (!plain_name(id)) {
        g_autofree char *path = g_build_filename(dir, results_file(RESULTS_COMPARE), NULL);
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                    "%s: the base scenario's id '%s' is not a folder name (it must not be empty, hold '/', "
                    "or be '.' or '..')", path, id);
        return NULL;
    }
    g_autofree char *d = g_build_filename(dir, id, NULL);
    return has_file(d, results_file(RESULTS_SCENARIO)) ? g_steal_pointer(&d) : NULL;
}

/* Where scenario.json is: the folder, its forecast/, or the base
 * scenario's subfolder of a comparison.  Caller frees; NULL when none
 * (error set only as compare_base_dir says). */
static char *find_scenario_dir(const char *dir, GError **error)
{
    const char *tries[] = {"", "forecast"};
    for (gsize i = 0; i < G_N_ELEMENTS(tries); i++) {
        g_autofree char *d = g_build_filename(dir, tries[i], NULL);
        if (has_file(d, results_file(RESULTS_SCENARIO)))
            return g_steal_pointer(&d);
    }
    return compare_base_dir(dir, error);
}

/* ---- HTML pieces ------------------------------------------------------------ */

static void esc(GString *out, const char *text)
{
    g_autofree char *e = g_markup_escape_text(text ? text : "", -1);
    g_string_append(out, e);
}

/* A heading <tag> of the words `title` and, on a page of several folders,
 * which folder it is of (r->of), so that no two headings are the same.
 * The words are i18n.c's, written as they are (no markup in them). */
static void heading(GString *out, const Report *r, const char *tag, I18nMessage title)
{
    g_string_append_printf(out, "<%s>%s", tag, i18n_text(r->lang, title));
    if (r->of) {
        g_string_append(out, " <span class=\"of\">· ");
        esc(out, r->of);
        g_string_append(out, "</span>");
    }
    g_string_append_printf(out, "</%s>\n", tag);
}

/* A number as a person reads it: up to 4 significant digits. */
static void number(GString *out, double x)
{
    if (isnan(x))
        g_string_append(out, "–");
    else
        g_string_append_printf(out, "%.4g", x);
}

/* A sum of money (万元) or firms: whole above 100, else 4 significant
 * digits, never in exponent form. */
static void amount(GString *out, double x)
{
    if (isnan(x))
        g_string_append(out, "–");
    else if (fabs(x) >= 100)
        g_string_append_printf(out, "%.0f", x);
    else
        g_string_append_printf(out, "%.4g", x);
}

/* A probability in percent; "–" for none (NaN: a target a scenario lacks). */
static void percent(GString *out, double p)
{
    if (isnan(p))
        g_string_append(out, "–");
    else
        g_string_append_printf(out, "%.1f%%", 100 * p);
}

/* The words `id` of r's language, a printf format of one string, with
 * the percentage of probability `p` in it. */
static void percent_in(GString *out, const Report *r, I18nMessage id, double p)
{
    g_autoptr(GString) words = g_string_new(NULL);
    percent(words, p);
    g_string_append_printf(out, i18n_text(r->lang, id), words->str);
}

/* A probability with its Monte Carlo standard error: "81.2% ± 1.7%",
 * "99.9% ± 0.04%": the table's digits (out_table_probability). */
static void percent_se(GString *out, double p, double se)
{
    g_autofree char *text = out_table_probability(p, se);
    g_string_append(out, text);
}

/* ---- command lines ------------------------------------------------------------ */

/* Appends " WORD", quoted for a POSIX shell when it needs it. */
static void arg(GString *cmd, const char *word)
{
    g_autofree char *w = text_shell_word(word);
    g_string_append_c(cmd, ' ');
    g_string_append(cmd, w);
}

/* Appends " FLAG VALUE". */
static void opt(GString *cmd, const char *flag_name, const char *value)
{
    arg(cmd, flag_name);
    arg(cmd, value);
}

/* Appends " FLAG X" with X the shortest spelling that reads back as the
 * number the file holds (out_json_append_number), so the flag gives the
 * same double. */
static void opt_number(GString *cmd, const char *flag_name, double x)
{
    g_autoptr(GString) v = g_string_new(NULL);
    out_json_append_number(v, x);
    opt(cmd, flag_name, v->str);
}

/* Appends " FLAG N" for the integer member `name` of `o` (replications and
 * seeds are 64-bit: never through a double). */
static void opt_int(GString *cmd, const char *flag_name, JsonObject *o, const char *name)
{
    JsonNode *n = member(o, name);
    if (n == NULL || !JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_INT64)
        return;
    g_autofree char *v = g_strdup_printf("%" G_GUINT64_FORMAT, (guint64)json_node_get_int(n));
    opt(cmd, flag_name, v);
}

/* ---- tables --------------------------------------------------------------------
 * Every table of the page is written through these: table_begin (with its
 * header row), then each row as row_begin, a cell call before each cell's
 * content, row_end; table_end. */

/* "<table>", the header row of the words `headers` (n of them; 0: no
 * header row) in r's language, and a line end.  The words are i18n.c's,
 * written as they are: they hold no markup, and esc would spell an
 * apostrophe "&apos;". */
static void table_begin(GString *out, const char *lang, const I18nMessage *headers, gsize n)
{
    g_string_append(out, "<table>");
    if (n > 0) {
        g_string_append(out, "<tr>");
        for (gsize i = 0; i < n; i++)
            g_string_append_printf(out, "<th>%s</th>", i18n_text(lang, headers[i]));
        g_string_append(out, "</tr>");
    }
    g_string_append_c(out, '\n');
}

static void table_end(GString *out)
{
    g_string_append(out, "</table>\n");
}

/* A row being written: each cell call closes the cell before it. */
typedef struct {
    GString *out;
    const char *open;   /* the tag of the open cell ("td", "th"); NULL before the first */
} Row;

static Row row_begin(GString *out)
{
    g_string_append(out, "<tr>");
    return (Row){out, NULL};
}

/* Opens the next cell of `row` as <tag> or, with `cls`, <tag class="cls">;
 * the caller appends its content (escaped) to row->out. */
static void cell_tag(Row *row, const char *tag, const char *cls)
{
    if (row->open)
        g_string_append_printf(row->out, "</%s>", row->open);
    if (cls)
        g_string_append_printf(row->out, "<%s class=\"%s\">", tag, cls);
    else
        g_string_append_printf(row->out, "<%s>", tag);
    row->open = tag;
}

static void cell(Row *row, const char *cls)
{
    cell_tag(row, "td", cls);
}

/* A cell holding `text`, escaped. */
static void cell_text(Row *row, const char *cls, const char *text)
{
    cell(row, cls);
    esc(row->out, text);
}

/* A cell holding a printf of `format` (numbers; no text to escape). */
G_GNUC_PRINTF(3, 4)
static void cell_printf(Row *row, const char *cls, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    cell(row, cls);
    g_string_append_vprintf(row->out, format, args);
    va_end(args);
}

static void row_end(Row *row)
{
    if (row->open)
        g_string_append_printf(row->out, "</%s>", row->open);
    g_string_append(row->out, "</tr>\n");
}

/* A row of a table without header row that names a setting: <th> the word
 * `name`, then the cell of its value, open for the caller to fill. */
static Row field_begin(GString *out, const Report *r, I18nMessage name)
{
    Row row = row_begin(out);
    cell_tag(&row, "th", NULL);
    g_string_append(out, i18n_text(r->lang, name));
    cell(&row, NULL);
    return row;
}

/* dir/name (an SVG gnuplot or dot wrote) inline in a <figure>, without its
 * XML prolog; nothing when it is absent or not a regular file (a pipe
 * would never end). */
static void inline_svg(GString *out, const char *dir, const char *name, const char *caption)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autofree char *text = NULL;
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR) || !g_file_get_contents(path, &text, NULL, NULL))
        return;
    const char *svg = strstr(text, "<svg");
    if (svg == NULL)
        return;
    g_string_append(out, "<figure class=\"chart\">\n");
    g_string_append(out, svg);
    if (caption) {
        g_string_append(out, "<figcaption>");
        esc(out, caption);
        g_string_append(out, "</figcaption>\n");
    }
    g_string_append(out, "</figure>\n");
}

/* Every dir/<prefix>*.svg, in name order. */
static void inline_svgs(GString *out, const char *dir, const char *prefix)
{
    g_autoptr(GPtrArray) names = outdir_list(dir, prefix, ".svg", NULL);
    for (guint i = 0; names && i < names->len; i++)
        inline_svg(out, dir, names->pdata[i], NULL);
}

static const char *STYLE =
    "body{font-family:\"Noto Sans CJK SC\",\"Noto Sans SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;"
    "max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.55}"
    "h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.3rem;border-bottom:2px solid #4e79a7;padding-bottom:.2rem;margin-top:2.2rem}"
    "table{border-collapse:collapse;margin:.8rem 0;width:100%;font-size:.92rem}"
    "th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}"
    "th{background:#f3f6f9}td.n{text-align:right;white-space:nowrap}"
    ".verdict{font-weight:bold}.all{font-size:1.1rem;margin:.6rem 0}"
    "figure.chart{margin:1rem 0;page-break-inside:avoid;break-inside:avoid}"
    "figure.chart svg{width:100%;height:auto;display:block}figure.ladder svg{max-height:36rem}"
    "figcaption{font-size:.85rem;color:#555}.note{font-size:.85rem;color:#444;white-space:pre-line}"
    ".muted{color:#666;font-size:.9rem}code{font-size:.88rem}.of{font-size:.8em;font-weight:normal;color:#555}"
    /* the assumptions: the source the widest column (by the table's auto layout a long key took it) */
    ".assume table{table-layout:fixed}.assume th:nth-child(1){width:25%}.assume th:nth-child(2){width:8%}"
    ".assume th:nth-child(3){width:17%}.assume code{overflow-wrap:anywhere}"
    /* printed: a heading never last on its page, nor its note, nor a table's header row (the chart or
     * table row after them goes with them), no table row or chart cut across two pages */
    "@media print{@page{size:A4;margin:15mm}body{max-width:none;margin:0}"
    "h2,h3,h2+p,h3+p{page-break-after:avoid;break-after:avoid;break-inside:avoid}"
    "tr:nth-child(2){page-break-before:avoid;break-before:avoid}"
    "tr,figure{page-break-inside:avoid;break-inside:avoid}.note{font-size:.8rem}"
    "section.folder{page-break-before:always;break-before:page}}";

/* ---- sections ---------------------------------------------------------------- */

static const char *verdict(const Report *r, double p)
{
    return out_table_verdict(r->lang, p);
}

/* The kind of parameter `p` of scenario.json (a ParamKind), or -1. */
static int kind_of(JsonObject *p)
{
    return param_kind_from_name(str(p, "kind"));
}

/* TRUE when parameter `p` is a share of list `l`: list.L.ID. */
static gboolean share_of(JsonObject *p, JsonObject *l)
{
    return kind_of(p) == PARAM_SHARE && g_strcmp0(str(p, "list"), str(l, "id")) == 0;
}

/* The display name of stage `id`, from scenario.json. */
static const char *stage_name(const Report *r, const char *id)
{
    JsonArray *st = arr(obj(r->scenario), "stages");
    for (guint i = 0; i < len(st); i++) {
        JsonObject *s = obj_at(st, i);
        if (g_strcmp0(str(s, "id"), id) == 0)
            return str(s, "name");
    }
    return id;
}

/* Target `name` of a sensitivity, solve or allocate file in words: "all",
 * which they write for every target met together, as the words of the
 * target chart's group (unless the scenario has a target of that name). */
static const char *target_words(const Report *r, const char *name)
{
    JsonArray *targets = arr(obj(r->scenario), "targets");
    if (g_strcmp0(name, "all") != 0)
        return name;
    for (guint i = 0; i < len(targets); i++)
        if (g_strcmp0(str(obj_at(targets, i), "name"), name) == 0)
            return name;
    return i18n_text(r->lang, I18N_ALL_TARGETS_BAR);
}

/* The id of folder r's cultivation section: "cultivation", and on a page
 * of several folders "cultivation-N" (N its place), so no two are the
 * same.  Caller frees. */
static char *cultivation_anchor(const Report *r)
{
    return r->number ? g_strdup_printf("cultivation-%d", r->number) : g_strdup("cultivation");
}

/* A link to folder r's cultivation section, when it has one. */
static void cultivation_link(GString *out, const Report *r)
{
    if (r->files[RESULTS_CULTIVATION] == NULL)
        return;
    g_autofree char *anchor = cultivation_anchor(r);
    g_string_append_printf(out, "<a href=\"#%s\">%s</a>", anchor, i18n_text(r->lang, I18N_REPORT_CULT_TITLE));
}

static void section_verdict(GString *out, const Report *r)
{
    JsonObject *s = obj(r->summary);
    JsonArray *targets = arr(s, "targets");
    heading(out, r, "h2", I18N_REPORT_VERDICT_TITLE);
    if (len(targets) == 0) {
        g_string_append_printf(out, "<p>%s</p>\n", i18n_text(r->lang, I18N_REPORT_NO_TARGETS));
        return;
    }
    static const I18nMessage headers[] = {I18N_TARGET, I18N_CONDITION, I18N_REPORT_PROBABILITY_MET, I18N_VERDICT,
                                          I18N_MEDIAN, I18N_P5_P95};
    table_begin(out, r->lang, headers, G_N_ELEMENTS(headers));
    for (guint i = 0; i < len(targets); i++) {
        JsonObject *t = obj_at(targets, i);
        double p = num(t, "probability");
        Row row = row_begin(out);
        cell_text(&row, NULL, str(t, "name"));
        cell_text(&row, NULL, str(obj(member(t, "condition")), r->lang));
        cell(&row, "n");
        percent_se(out, p, num(t, "se"));
        cell_text(&row, "verdict", verdict(r, p));
        cell_printf(&row, "n", "%.0f", num(t, "p50"));
        cell_printf(&row, "n", "%.0f–%.0f", num(t, "p5"), num(t, "p95"));
        row_end(&row);
    }
    table_end(out);
    double all = num(s, "all_targets_probability");
    if (!isnan(all)) {
        g_string_append_printf(out, "<p class=\"all\">%s", i18n_text(r->lang, I18N_REPORT_ALL_TARGETS));
        percent_se(out, all, num(s, "all_targets_se"));
        g_string_append_printf(out, "（%s）</p>\n", verdict(r, all));
    }
    g_string_append_printf(out, "<p class=\"muted\">%s</p>\n", i18n_text(r->lang, I18N_REPORT_VERDICT_NOTE));
    if (r->files[RESULTS_CULTIVATION]) {
        g_string_append(out, "<p>→ ");
        cultivation_link(out, r);
        g_string_append(out, "</p>\n");
    }
}

/* Appends `s` as the inside of a double-quoted DOT string that dot draws
 * as written: quotes and backslashes escaped (so a name holding \N or \G
 * is not dot's node or graph name), '&' as "&amp;" (dot reads "&lt;" or
 * "&#945;" in a label as the character it names), a line end as dot's line
 * break \n (every statement stays on one line), other control characters
 * as spaces.  NULL appends nothing. */
static void dot_append(GString *o, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_c(o, '\\');
        if (*p == '&')
            g_string_append(o, "&amp;");
        else if (*p == '\n')
            g_string_append(o, "\\n");
        else if (*p == '\r')
            continue;
        else
            g_string_append_c(o, (guchar)*p < 0x20 || *p == 0x7f ? ' ' : *p);
    }
}

/* Appends `s` as a double-quoted DOT string (dot_append). */
static void dot_quoted(GString *d, const char *s)
{
    g_string_append_c(d, '"');
    dot_append(d, s);
    g_string_append_c(d, '"');
}

/* Appends the start of an edge statement, `  "from" -> "to"`. */
static void dot_arrow(GString *d, const char *from, const char *to)
{
    g_string_append(d, "  ");
    dot_quoted(d, from);
    g_string_append(d, " -> ");
    dot_quoted(d, to);
}

/* Appends the box of stage `s`: its name, baseline, exit, inflow and
 * recruitment; nothing for a stage without an id. */
static void dot_stage(GString *d, const Report *r, JsonObject *s, JsonArray *params)
{
    if (str(s, "id") == NULL)
        return;
    g_string_append(d, "  ");
    dot_quoted(d, str(s, "id"));
    g_string_append(d, " [label=\"");
    dot_append(d, str(s, "name"));
    g_string_append_printf(d, "\\n%s %.0f", i18n_text(r->lang, I18N_REPORT_DOT_BASELINE), num(s, "baseline"));
    for (guint j = 0; j < len(params); j++) {
        JsonObject *p = obj_at(params, j);
        if (g_strcmp0(str(p, "from"), str(s, "id")) != 0)
            continue;
        int kind = kind_of(p);
        if (kind == PARAM_EXIT)
            g_string_append_printf(d, "\\n%s %.3g", i18n_text(r->lang, I18N_REPORT_DOT_EXIT), num(p, "value"));
        else if (kind == PARAM_INFLOW || kind == PARAM_RECRUITMENT)
            g_string_append_printf(d, "\\n%s %.4g/%s",
                                   i18n_text(r->lang, kind == PARAM_INFLOW ? I18N_REPORT_DOT_INFLOW
                                                                           : I18N_REPORT_DOT_RECRUITED),
                                   num(p, "value"), i18n_text(r->lang, I18N_REPORT_DOT_PER_YEAR));
    }
    g_string_append(d, "\"];\n");
}

/* Appends the dashed edge of a status of stage `s` that lapses when not
 * renewed, when it has one. */
static void dot_lapse(GString *d, const Report *r, JsonObject *s, JsonArray *params)
{
    if (!(num(s, "renewal_years") > 0) || str(s, "id") == NULL || str(s, "lapse_to") == NULL)
        return;
    double renew = NAN;
    for (guint j = 0; j < len(params); j++) {
        JsonObject *p = obj_at(params, j);
        if (kind_of(p) == PARAM_RENEWAL && g_strcmp0(str(p, "from"), str(s, "id")) == 0)
            renew = num(p, "value");
    }
    dot_arrow(d, str(s, "id"), str(s, "lapse_to"));
    g_string_append_printf(d, " [style=dashed, color=\"#888888\", label=\"%s %.0f%s, %s %.3g\"];\n",
                           i18n_text(r->lang, I18N_REPORT_DOT_VALID), num(s, "renewal_years"),
                           i18n_text(r->lang, I18N_REPORT_DOT_YEARS), i18n_text(r->lang, I18N_REPORT_DOT_RENEWED), renew);
}

static void string_free(gpointer s)
{
    g_string_free(s, TRUE);
}

/* What the policies do to each parameter, as label lines "\nname op x
 * (from–to)" in policy order, by parameter key (GString values; the keys
 * are the policies' strings).  One pass over the policies, so a long file
 * costs no product of counts.  Caller frees. */
static GHashTable *policy_marks(JsonArray *policies)
{
    GHashTable *marks = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, string_free);
    for (guint k = 0; k < len(policies); k++) {
        JsonObject *po = obj_at(policies, k);
        JsonArray *ch = arr(po, "changes");
        for (guint c = 0; c < len(ch); c++) {
            JsonObject *x = obj_at(ch, c);
            const char *key = str(x, "key");
            if (key == NULL)
                continue;
            GString *m = g_hash_table_lookup(marks, key);
            if (m == NULL)
                g_hash_table_insert(marks, (gpointer)key, m = g_string_new(NULL));
            g_string_append(m, "\\n");
            dot_append(m, str(po, "name"));
            g_string_append_c(m, ' ');
            dot_append(m, str(x, "op"));
            g_string_append_printf(m, "%.4g (%.0f–%.0f)", num(x, "x"), num(po, "from"), num(po, "to"));
        }
    }
    return marks;
}

/* Appends edge `p` with its annual probability, red with the policies'
 * marks when one changes it; nothing when it lacks an end. */
static void dot_edge(GString *d, JsonObject *p, GHashTable *marks)
{
    if (str(p, "from") == NULL || str(p, "to") == NULL)
        return;
    const char *key = str(p, "key");
    GString *m = key ? g_hash_table_lookup(marks, key) : NULL;
    dot_arrow(d, str(p, "from"), str(p, "to"));
    g_string_append_printf(d, " [label=\"%.3g%s\"%s];\n", num(p, "value"), m ? m->str : "",
                           m ? ", color=\"#e15759\", fontcolor=\"#e15759\", penwidth=2" : "");
}

/* Appends list `l` as a note beside the ladder, with a dotted line from
 * each member stage ("全部") and from each share stage (its share, central
 * value); nothing for a list without an id. */
static void dot_list(GString *d, const Report *r, JsonObject *l, JsonArray *params)
{
    if (str(l, "id") == NULL)
        return;
    g_autofree char *node = g_strconcat("list:", str(l, "id"), NULL);
    g_string_append(d, "  ");
    dot_quoted(d, node);
    g_string_append(d, " [shape=note, style=filled, fillcolor=\"#fff4d6\", color=\"#b07d10\", label=\"");
    dot_append(d, str(l, "name"));
    g_string_append_printf(d, "\\n(%s)\"];\n", i18n_text(r->lang, I18N_REPORT_DOT_LIST));
    JsonArray *members = arr(l, "stages");
    for (guint j = 0; j < len(members); j++) {
        if (str_at(members, j) == NULL)
            continue;
        dot_arrow(d, str_at(members, j), node);
        g_string_append_printf(d, " [style=dotted, color=\"#b07d10\", fontcolor=\"#b07d10\", label=\"%s\", "
                               "constraint=false];\n", i18n_text(r->lang, I18N_REPORT_DOT_ALL));
    }
    for (guint j = 0; j < len(params); j++) {
        JsonObject *p = obj_at(params, j);
        if (!share_of(p, l) || str(p, "from") == NULL)
            continue;
        dot_arrow(d, str(p, "from"), node);
        g_string_append_printf(d, " [style=dotted, color=\"#b07d10\", fontcolor=\"#b07d10\", label=\"%s %.3g\", "
                               "constraint=false];\n", i18n_text(r->lang, I18N_REPORT_DOT_SHARE), num(p, "value"));
    }
}

/* The ladder as a Graphviz graph: stages as boxes with their baseline,
 * edges with their annual probability (policies marked), renewal lapses
 * dashed, exits in the box.  Caller frees. */
static char *ladder_dot(const Report *r)
{
    JsonObject *sc = obj(r->scenario);
    JsonArray *stages = arr(sc, "stages"), *params = arr(sc, "parameters");
    GString *d = g_string_new("digraph ladder {\n  rankdir=BT; nodesep=0.5; ranksep=0.55; bgcolor=\"transparent\";\n"
                              "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eaf1f8\", color=\"#4e79a7\", "
                              "fontname=\"Noto Sans CJK SC\", fontsize=13];\n  edge [fontname=\"Noto Sans CJK SC\", fontsize=11];\n");
    for (guint i = 0; i < len(stages); i++) {
        dot_stage(d, r, obj_at(stages, i), params);
        dot_lapse(d, r, obj_at(stages, i), params);
    }
    g_autoptr(GHashTable) marks = policy_marks(arr(sc, "policies"));
    for (guint j = 0; j < len(params); j++)
        if (kind_of(obj_at(params, j)) == PARAM_EDGE)
            dot_edge(d, obj_at(params, j), marks);
    JsonArray *lists = arr(sc, "lists");
    for (guint i = 0; i < len(lists); i++)
        dot_list(d, r, obj_at(lists, i), params);
    g_string_append(d, "}\n");
    return g_string_free(d, FALSE);
}

/* The first line of dot's stderr `err`, else `otherwise` (caller frees). */
static char *dot_message(GBytes *err, const char *otherwise)
{
    gsize n = 0;
    const char *text = err ? g_bytes_get_data(err, &n) : NULL;
    g_autofree char *all = text ? g_strstrip(g_strndup(text, n)) : g_strdup("");
    return *all ? g_strndup(all, strcspn(all, "\n")) : g_strdup(otherwise);
}

char *report_ladder_dot(JsonNode *scenario, const char *lang)
{
    Report r = {.lang = page_language(lang), .scenario = scenario};
    return ladder_dot(&r);
}

/* The diagram as SVG from `dot`, fed on its standard input (no temporary
 * file to fail on a full /tmp), or NULL with *why (caller frees) saying in
 * the page's language why there is none: dot missing (r->no_dot set), too
 * many stages, or dot failing or cutting its SVG short, with dot's words.
 * The page is written either way: its figures do not need the diagram. */
static char *ladder_svg(Report *r, char **why)
{
    g_autofree char *dot = g_find_program_in_path("dot");
    if (dot == NULL) {
        r->no_dot = TRUE;
        *why = g_strdup(i18n_text(r->lang, I18N_REPORT_NO_GRAPHVIZ));
        return NULL;
    }
    /* no ladder the scenario loader accepts is larger; a hand-made one
     * could keep dot busy for hours */
    if (len(arr(obj(r->scenario), "stages")) > MODEL_MAX_STAGES) {
        *why = g_strdup_printf(i18n_text(r->lang, I18N_REPORT_TOO_MANY_STAGES_FMT), MODEL_MAX_STAGES);
        return NULL;
    }
    g_autofree char *src = ladder_dot(r);
    g_autoptr(GBytes) in = g_bytes_new_take(src, strlen(src));
    src = NULL;
    g_autoptr(GBytes) svg = NULL, err = NULL;
    g_autoptr(GError) local = NULL;
    g_autoptr(GSubprocess) p = g_subprocess_new(G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                    G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                                &local, dot, "-Tsvg", NULL);
    gboolean talked = p && g_subprocess_communicate(p, in, NULL, &svg, &err, &local);
    if (p && !talked) { /* a dot that stopped reading (EPIPE): make sure it is gone */
        g_subprocess_force_exit(p);
        g_subprocess_wait(p, NULL, NULL);
    }
    gsize n = 0;
    const char *text = talked ? g_bytes_get_data(svg, &n) : NULL;
    const char *start = text ? g_strstr_len(text, (gssize)n, "<svg") : NULL;
    if (!talked || !g_subprocess_get_successful(p) || start == NULL || !plot_chart_whole("ladder.svg", text, n)) {
        g_autofree char *said = p == NULL ? g_strdup(local->message)
                                : dot_message(err, talked && g_subprocess_get_successful(p)
                                                       ? i18n_text(r->lang, I18N_REPORT_DOT_SVG_CUT)
                                                       : i18n_text(r->lang, I18N_REPORT_DOT_FAILED));
        *why = g_strdup_printf(i18n_text(r->lang, I18N_REPORT_DOT_ERROR_FMT), said);
        return NULL;
    }
    return g_strndup(start, n - (gsize)(start - text));
}

static void section_ladder(GString *out, Report *r)
{
    heading(out, r, "h2", I18N_REPORT_LADDER_TITLE);
    g_autofree char *why = NULL;
    g_autofree char *svg = ladder_svg(r, &why);
    if (svg == NULL) {
        g_string_append_printf(out, "<p class=\"muted\">");
        esc(out, why);
        g_string_append(out, "</p>\n");
        return;
    }
    g_string_append_printf(out, "<figure class=\"chart ladder\">%s<figcaption>%s</figcaption></figure>\n", svg,
                           i18n_text(r->lang, I18N_REPORT_LADDER_CAPTION));
}

/* The fan chart of each element of `items` (stages or lists) in their order,
 * when the folder has it. */
static void inline_fans(GString *out, const char *dir, JsonArray *items)
{
    for (guint i = 0; i < len(items); i++) {
        const char *id = str(obj_at(items, i), "id");
        if (!plain_name(id))  /* a hand-edited id would lead out of the folder */
            continue;
        g_autofree char *name = g_strconcat("fan_", id, ".svg", NULL);
        inline_svg(out, dir, name, NULL);
    }
}

/* What list `l` (scenario.json's) counts: its stages, then each share as
 * its stage and central value, "高企、瞪羚、上市 × 0.6". */
static void list_counts(GString *out, const Report *r, JsonObject *l)
{
    JsonArray *members = arr(l, "stages"), *params = arr(obj(r->scenario), "parameters");
    for (guint j = 0; j < len(members); j++) {
        g_string_append(out, j ? i18n_text(r->lang, I18N_REPORT_LIST_SEP) : "");
        esc(out, stage_name(r, str_at(members, j)));
    }
    for (guint j = 0, n = len(members); j < len(params); j++) {
        JsonObject *p = obj_at(params, j);
        if (!share_of(p, l))
            continue;
        g_string_append(out, n++ ? i18n_text(r->lang, I18N_REPORT_LIST_SEP) : "");
        esc(out, stage_name(r, str(p, "from")));
        g_string_append(out, " × ");
        number(out, num(p, "value"));
    }
}

/* The lists at the horizon: what each counts and its expected count, median
 * and P5–P95; nothing when the summary has none. */
static void lists_table(GString *out, const Report *r)
{
    JsonArray *lists = arr(obj(r->summary), "lists"), *defs = arr(obj(r->scenario), "lists");
    if (len(lists) == 0)
        return;
    heading(out, r, "h3", I18N_REPORT_LISTS_TITLE);
    g_string_append_printf(out, "<p class=\"muted\">%s</p>\n", i18n_text(r->lang, I18N_REPORT_LISTS_NOTE));
    static const I18nMessage headers[] = {I18N_LIST, I18N_REPORT_LIST_COUNTS, I18N_REPORT_LIST_EXPECTED, I18N_MEDIAN,
                                          I18N_P5_P95};
    table_begin(out, r->lang, headers, G_N_ELEMENTS(headers));
    for (guint i = 0; i < len(lists); i++) {
        JsonObject *l = obj_at(lists, i), *c = obj(member(l, "count"));
        guint last = len(arr(c, "mean")) ? len(arr(c, "mean")) - 1 : 0;
        Row row = row_begin(out);
        cell_text(&row, NULL, str(l, "name"));
        cell(&row, NULL);
        list_counts(out, r, obj_at(defs, i));
        cell_printf(&row, "n", "%.1f", num_at(arr(c, "expected"), last));
        cell_printf(&row, "n", "%.0f", num_at(arr(c, "p50"), last));
        cell_printf(&row, "n", "%.0f–%.0f", num_at(arr(c, "p5"), last), num_at(arr(c, "p95"), last));
        row_end(&row);
    }
    table_end(out);
}

/* TRUE for a region's folder (scenario.json has parts; docs/regions.md). */
static gboolean is_region(const Report *r)
{
    return member(obj(r->scenario), "parts") != NULL;
}

/* A region's parts: each one's own targets met together, and its mean
 * share of each of the region's targets, as the run's table has them. */
static void section_parts(GString *out, const Report *r)
{
    JsonArray *parts = arr(obj(r->summary), "parts"), *targets = arr(obj(r->summary), "targets");
    if (len(parts) == 0)
        return;
    heading(out, r, "h2", I18N_PART);
    g_string_append_printf(out, "<p class=\"muted\">%s</p>\n", i18n_text(r->lang, I18N_PARTS_HEADING));
    static const I18nMessage headers[] = {I18N_PART, I18N_PART_OWN_TARGETS};
    g_string_append(out, "<table><tr>");
    for (gsize i = 0; i < G_N_ELEMENTS(headers); i++)
        g_string_append_printf(out, "<th>%s</th>", i18n_text(r->lang, headers[i]));
    for (guint t = 0; t < len(targets); t++) {
        g_string_append(out, "<th>");
        esc(out, str(obj_at(targets, t), "name"));
        g_string_append(out, "</th>");
    }
    g_string_append(out, "</tr>\n");
    for (guint p = 0; p < len(parts); p++) {
        JsonObject *part = obj_at(parts, p);
        JsonArray *shares = arr(part, "shares");
        Row row = row_begin(out);
        cell_text(&row, NULL, str(part, "name"));
        cell(&row, "n");
        if (len(arr(part, "targets")) > 0)
            percent_se(out, num(part, "all_targets_probability"), num(part, "all_targets_se"));
        else
            esc(out, i18n_text(r->lang, I18N_PART_NO_TARGETS));
        for (guint t = 0; t < len(shares); t++) {
            JsonObject *sh = obj_at(shares, t);
            double f = num(sh, "fraction");
            if (isnan(f))
                cell_printf(&row, "n", "%.1f", num(sh, "mean"));
            else
                cell_printf(&row, "n", "%.1f (%.0f%%)", num(sh, "mean"), 100 * f);
        }
        row_end(&row);
    }
    table_end(out);
    inline_svgs(out, r->scenario_dir, "parts_");
}

static void section_charts(GString *out, const Report *r)
{
    const char *d = r->scenario_dir;
    heading(out, r, "h2", I18N_REPORT_STAGES_TITLE);
    g_string_append_printf(out, "<p class=\"muted\">%s</p>\n", i18n_text(r->lang, I18N_REPORT_STAGES_NOTE));
    JsonObject *roster = obj(member(obj(r->scenario), "roster"));
    if (roster && member(roster, "attributes"))  /* [effects] acted on the roster's firms */
        g_string_append_printf(out, "<p class=\"muted\">%s</p>\n", i18n_text(r->lang, I18N_EFFECTS_EXPECTED_NOTE));
    inline_svg(out, d, "targets.svg", NULL);
    inline_fans(out, d, arr(obj(r->scenario), "stages"));  /* in ladder order */
    lists_table(out, r);
    inline_fans(out, d, arr(obj(r->scenario), "lists"));
    inline_svg(out, d, "composition.svg", NULL);
    inline_svgs(out, d, "target_");
}

/* Every dir/<prefix>*.svg: first <prefix>targets.svg, then each stage's
 * and each list's in ladder order (scenario.json's), then the others in
 * name order. */
static void inline_svgs_in_ladder_order(GString *out, const Report *r, const char *dir, const char *prefix)
{
    g_autoptr(GPtrArray) names = outdir_list(dir, prefix, ".svg", NULL);
    g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(first, g_strconcat(prefix, "targets.svg", NULL));
    const char *groups[] = {"stages", "lists"};
    for (gsize g = 0; g < G_N_ELEMENTS(groups); g++) {
        JsonArray *items = arr(obj(r->scenario), groups[g]);
        for (guint i = 0; i < len(items); i++)
            if (plain_name(str(obj_at(items, i), "id")))
                g_ptr_array_add(first, g_strconcat(prefix, str(obj_at(items, i), "id"), ".svg", NULL));
    }
    for (guint i = 0; i < first->len; i++)
        inline_svg(out, dir, first->pdata[i], NULL);
    for (guint i = 0; names && i < names->len; i++) {
        gboolean done = FALSE;
        for (guint k = 0; k < first->len && !done; k++)
            done = strcmp(names->pdata[i], first->pdata[k]) == 0;
        if (!done)
            inline_svg(out, dir, names->pdata[i], NULL);
    }
}

/* The charts of compare, sensitivity, solve and calibrate, when the folder
 * holds them. */
static void section_analyses(GString *out, const Report *r)
{
    static const struct {
        ResultsKind json;
        const char *prefix;
        I18nMessage heading;
    } kinds[] = {
        {RESULTS_COMPARE, "compare_", I18N_REPORT_COMPARE_CHARTS},
        {RESULTS_SENSITIVITY, "tornado_", I18N_REPORT_SENSITIVITY_CHARTS},
        {RESULTS_SOLVE, "solve", I18N_REPORT_SOLVE_CHARTS},
        {RESULTS_ALLOCATE, "allocate", I18N_REPORT_ALLOC_CHARTS},
        {RESULTS_CALIBRATE, "calibrate_", I18N_REPORT_CALIBRATE_CHARTS},
        {RESULTS_BACKTEST, "calibrate_", I18N_REPORT_BACKTEST_CHARTS},
    };
    gboolean is_backtest = r->files[RESULTS_BACKTEST] != NULL;
    for (gsize i = 0; i < G_N_ELEMENTS(kinds); i++) {
        /* a backtest's folder holds calibrate.json too: its charts once */
        if (r->files[kinds[i].json] == NULL || (is_backtest && kinds[i].json == RESULTS_CALIBRATE))
            continue;
        heading(out, r, "h2", kinds[i].heading);
        if (kinds[i].json == RESULTS_COMPARE)  /* the stages' charts in ladder order */
            inline_svgs_in_ladder_order(out, r, r->dir, kinds[i].prefix);
        else
            inline_svgs(out, r->dir, kinds[i].prefix);
        g_string_append_printf(out, "<p class=\"muted\">%s <code>%s</code></p>\n",
                               i18n_text(r->lang, I18N_REPORT_EVERY_FIGURE_IN),
                               results_file(kinds[i].json));
    }
}

/* The name of compared scenario `id` (compare.json's), else the id. */
static const char *scenario_name(const Report *r, const char *id)
{
    JsonArray *sc = arr(obj(r->files[RESULTS_COMPARE]), "scenarios");
    for (guint i = 0; i < len(sc); i++)
        if (g_strcmp0(str(obj_at(sc, i), "id"), id) == 0)
            return str(obj_at(sc, i), "name");
    return id;
}

/* Parameter `key` of `scenario` (a scenario.json) in words, "科小 → 高企",
 * from param.c's words and the scenario's stage and list names; the key
 * itself when the scenario does not have it. */
static void param_words(GString *out, const Report *r, JsonObject *scenario, const char *key)
{
    JsonArray *params = arr(scenario, "parameters");
    JsonObject *p = NULL;
    for (guint i = 0; i < len(params) && p == NULL; i++)
        if (g_strcmp0(str(obj_at(params, i), "key"), key) == 0)
            p = obj_at(params, i);
    int kind = kind_of(p);
    if (kind < 0) {
        esc(out, key);
        return;
    }
    const char *format = param_kind((ParamKind)kind)->label[i18n_is_english(r->lang)];
    const char *from = stage_name(r, str(p, "from"));
    g_autofree char *words = NULL;
    if (kind == PARAM_SHARE) {
        const char *list = str(p, "list");
        JsonArray *lists = arr(scenario, "lists");
        for (guint i = 0; i < len(lists); i++)
            if (g_strcmp0(str(obj_at(lists, i), "id"), list) == 0)
                list = str(obj_at(lists, i), "name");
        words = g_strdup_printf(format, list ? list : "", from ? from : "");
    } else if (kind == PARAM_EDGE) {
        const char *to = stage_name(r, str(p, "to"));
        words = g_strdup_printf(format, from ? from : "", to ? to : "");
    } else {
        words = g_strdup_printf(format, from ? from : "");
    }
    esc(out, words);
}

/* What policy `p` (a scenario.json's) changes: "科小 → 高企 × 1.25; ...". */
static void policy_changes(GString *out, const Report *r, JsonObject *scenario, JsonObject *p)
{
    JsonArray *ch = arr(p, "changes");
    for (guint c = 0; c < len(ch); c++) {
        JsonObject *x = obj_at(ch, c);
        g_string_append(out, c ? "<br>" : "");
        param_words(out, r, scenario, str(x, "key"));
        const char *op = str(x, "op");
        g_string_append_printf(out, " %s ", g_strcmp0(op, "*") == 0 ? "×" : op ? op : "");
        number(out, num(x, "x"));
    }
}

/* The policy of scenario.json `scenario` named `name`, or NULL. */
static JsonObject *policy_of(JsonObject *scenario, const char *name)
{
    JsonArray *pol = arr(scenario, "policies");
    for (guint i = 0; i < len(pol); i++)
        if (g_strcmp0(str(obj_at(pol, i), "name"), name) == 0)
            return obj_at(pol, i);
    return NULL;
}

/* Each compared scenario by its name, each of its policies: what it
 * changes, its years and its cost (compare.json's). */
static void compare_policies(GString *out, const Report *r)
{
    static const I18nMessage headers[] = {I18N_SCENARIO, I18N_POLICY, I18N_REPORT_CHANGES, I18N_REPORT_YEARS,
                                          I18N_COST_PER_YEAR, I18N_COST_PER_FIRM, I18N_COST};
    JsonArray *sc = arr(obj(r->files[RESULTS_COMPARE]), "scenarios");
    heading(out, r, "h3", I18N_REPORT_POLICIES_TITLE);
    table_begin(out, r->lang, headers, G_N_ELEMENTS(headers));
    for (guint i = 0; i < len(sc); i++) {
        JsonObject *s = obj_at(sc, i), *written = r->compared && i < r->compared->len ? obj(r->compared->pdata[i]) : NULL;
        JsonArray *pol = arr(s, "policies");
        for (guint k = 0; k < MAX(len(pol), 1u); k++) {
            JsonObject *p = obj_at(pol, k);
            Row row = row_begin(out);
            cell_text(&row, NULL, k == 0 ? str(s, "name") : "");
            if (p == NULL) {
                cell_text(&row, NULL, i18n_text(r->lang, I18N_NO_POLICIES));
                for (int c = 0; c < 5; c++)
                    cell(&row, NULL);
                row_end(&row);
                break;
            }
            cell_text(&row, NULL, str(p, "name"));
            cell(&row, NULL);
            policy_changes(out, r, written, policy_of(written, str(p, "name")));
            cell_printf(&row, "n", "%.0f–%.0f (%.0f)", num(p, "from"), num(p, "to"), num(p, "years"));
            cell(&row, "n");
            amount(out, num(p, "cost_per_year"));
            cell(&row, "n");
            amount(out, num(p, "cost_per_firm"));
            cell(&row, "n");
            amount(out, num(p, "cost"));
            row_end(&row);
        }
    }
    table_end(out);
}

/* What each extra firm a target counts costs, against the base. */
static void compare_cost_per_firm(GString *out, const Report *r)
{
    static const I18nMessage headers[] = {I18N_SCENARIO, I18N_TARGET, I18N_EXTRA_COST, I18N_EXTRA_FIRMS,
                                          I18N_COST_PER_EXTRA};
    JsonArray *ce = arr(obj(r->files[RESULTS_COMPARE]), "cost_effectiveness");
    if (len(ce) == 0)
        return;
    heading(out, r, "h3", I18N_PER_EXTRA_TITLE);
    table_begin(out, r->lang, headers, G_N_ELEMENTS(headers));
    for (guint i = 0; i < len(ce); i++) {
        JsonObject *c = obj_at(ce, i);
        Row row = row_begin(out);
        cell_text(&row, NULL, scenario_name(r, str(c, "scenario")));
        cell_text(&row, NULL, str(c, "target"));
        cell(&row, "n");
        amount(out, num(c, "extra_cost"));
        cell(&row, "n");
        amount(out, num(c, "extra_count"));
        if (isnan(num(c, "cost_per_extra_firm"))) {
            cell_text(&row, NULL, str(c, "reason"));
        } else {
            cell(&row, "n");
            amount(out, num(c, "cost_per_extra_firm"));
        }
        row_end(&row);
    }
    table_end(out);
}

/* TRUE when compare.json `c` is `ladder compare FILE --each-policy`'s
 * (comparison_is_each_policy of its scenarios' files and ids). */
static gboolean compare_each_policy(JsonObject *c)
{
    JsonArray *sc = arr(c, "scenarios");
    guint n = len(sc);
    g_autofree const char **files = g_new0(const char *, n + 1), **ids = g_new0(const char *, n + 1);
    for (guint i = 0; i < n; i++) {
        files[i] = str(obj_at(sc, i), "file");
        ids[i] = str(obj_at(sc, i), "id");
    }
    return comparison_is_each_policy(files, ids, (int)n);
}

/* "“天宁区 2025：无政策”（none/）": compared scenario `sc` (compare.json's)
 * by its name and subfolder (caller frees). */
static char *each_label(const Report *r, JsonObject *sc)
{
    return g_strdup_printf(i18n_text(r->lang, I18N_EACH_LABEL_FMT), str(sc, "name"), str(sc, "id"));
}

/* Under a --each-policy comparison's heading, what its rows are: the base
 * the file with no policy, all/ the file as written, whose figures are
 * those of the `ladder run` line given (the same replications, seed and
 * uncertainty); nothing for another comparison. */
static void compare_each_note(GString *out, const Report *r)
{
    JsonObject *c = obj(r->files[RESULTS_COMPARE]);
    JsonArray *sc = arr(c, "scenarios");
    if (!compare_each_policy(c))
        return;
    JsonObject *first = obj_at(sc, 0), *last = obj_at(sc, len(sc) - 1);
    g_autoptr(GString) run = g_string_new("ladder");
    arg(run, "run");
    arg(run, str(first, "file"));
    opt_int(run, "--reps", c, "replications");
    opt_int(run, "--seed", c, "seed");
    if (member(c, "uncertainty") && !flag(c, "uncertainty"))
        arg(run, "--no-uncertainty");
    g_autofree char *base = each_label(r, first), *all = each_label(r, last);
    g_autofree char *text = g_strdup_printf(i18n_text(r->lang, I18N_EACH_NOTE_FMT), base, all, run->str);
    g_string_append(out, "<p class=\"each\">");
    esc(out, text);
    g_string_append(out, "</p>\n");
}

/* The policy table first, then the change each other scenario of a
 * comparison makes to each target, and what an extra firm costs. */
static void section_compare(GString *out, const Report *r)
{
    JsonArray *diffs = arr(obj(r->files[RESULTS_COMPARE]), "differences");
    if (diffs == NULL)
        return;
    static const I18nMessage headers[] = {I18N_SCENARIO, I18N_TARGET, I18N_REPORT_PROBABILITY_CHANGE,
                                          I18N_DIFFERENCE_PP, I18N_CI95};
    heading(out, r, "h2", I18N_REPORT_COMPARE_TITLE);
    compare_each_note(out, r);
    compare_policies(out, r);
    table_begin(out, r->lang, headers, G_N_ELEMENTS(headers));
    for (guint i = 0; i < len(diffs); i++) {
        JsonObject *d = obj_at(diffs, i);
        JsonArray *ci = arr(d, "ci95");
        Row row = row_begin(out);
        cell_text(&row, NULL, scenario_name(r, str(d, "scenario")));
        cell_text(&row, NULL, str(d, "target"));
        cell(&row, "n");
        percent(out, num(d, "probability_base"));
        g_string_append(out, " → ");
        percent(out, num(d, "probability"));
        cell(&row, "n");
        if (isnan(num(d, "difference"))) /* the base has no such target */
            g_string_append(out, "–");
        else
            g_string_append_printf(out, "%+.1f", 100 * num(d, "difference"));
        cell(&row, "n");
        if (len(ci) == 2 && !isnan(num_at(ci, 0)))
            g_string_append_printf(out, "%+.1f … %+.1f", 100 * num_at(ci, 0), 100 * num_at(ci, 1));
        row_end(&row);
    }
    table_end(out);
    compare_cost_per_firm(out, r);
    g_string_append_printf(out, "<p class=\"muted\">%s</p>\n", i18n_text(r->lang, I18N_REPORT_COMPARE_NOTE));
}

/* A solve's lever value `name` as it acts: "×1.217", "+37", or "0.145"
 * when it sets the parameter (solve.json's "operation"). */
static void solve_value(GString *out, JsonObject *o, const char *name)
{
    const char *op = str(o, "operation");
    double v = num(o, name);
    if (g_strcmp0(op, "*") == 0)
        g_string_append_printf(out, "×%.6g", v);
    else if (g_strcmp0(op, "+") == 0)
        g_string_append_printf(out, "%+.6g", v);
    else
        g_string_append_printf(out, "%.6g", v);
}

/* The base of a solve: the same as ladder run's, or why not, with run's
 * beside it. */
static void solve_base(GString *out, const Report *r, JsonObject *o)
{
    if (flag(o, "base_is_run")) {
        percent_in(out, r, I18N_REPORT_SOLVE_BASE_SAME_FMT, num(o, "base_probability"));
        return;
    }
    g_string_append(out, i18n_text(r->lang, I18N_REPORT_SOLVE_BASE));
    percent(out, num(o, "base_probability"));
    g_string_append(out, i18n_text(r->lang, I18N_REPORT_SOLVE_NOT_RUN));
    percent(out, num(o, "run_probability"));
    g_string_append_printf(out, i18n_text(r->lang, I18N_REPORT_SOLVE_BECAUSE_FMT), num(o, "from"));
    esc(out, str(o, "lever"));
    g_string_append_printf(out, i18n_text(r->lang, I18N_REPORT_SOLVE_FIXED_FMT), num(o, "parameter_central"));
}

/* The value found, its probability and one step short's. */
static void solve_reached(GString *out, const Report *r, JsonObject *o)
{
    g_string_append_printf(out, i18n_text(r->lang, I18N_REPORT_SOLVE_FROM_FMT), num(o, "from"));
    esc(out, str(o, "lever"));
    g_string_append(out, i18n_text(r->lang, I18N_REPORT_SOLVE_AT));
    solve_value(out, o, "value");
    g_string_append(out, i18n_text(r->lang, I18N_REPORT_SOLVE_NOW));
    solve_value(out, o, "current_value");
    g_string_append(out, i18n_text(r->lang, I18N_REPORT_SOLVE_MAKES));
    esc(out, target_words(r, str(o, "target")));
    g_string_append(out, i18n_text(r->lang, I18N_REPORT_SOLVE_AS_LIKELY));
    percent(out, num(o, "probability"));
    g_string_append(out, i18n_text(r->lang, I18N_REPORT_SOLVE_AT_LEAST));
    percent(out, num(o, "probability_wanted"));
    g_string_append(out, i18n_text(r->lang, I18N_REPORT_SOLVE_ONE_STEP_SHORT));
    percent(out, num(o, "probability_one_step_short"));
    g_string_append(out, i18n_text(r->lang, I18N_REPORT_SOLVE_END));
}

/* The policy group to append to the scenario, when solve.json has one. */
static void solve_policy(GString *out, const Report *r, JsonObject *o)
{
    const char *group = str(o, "policy_line");
    if (group == NULL)
        return;
    g_string_append_printf(out, "<p>%s</p>\n<pre>", i18n_text(r->lang, I18N_SOLVE_PASTE));
    esc(out, group);
    g_string_append(out, "</pre>\n");
}

/* The answer of a solve, first: the least change found, or the best, its
 * base beside ladder run's, and the policy group to paste. */
static void section_solve(GString *out, const Report *r)
{
    JsonObject *o = obj(r->files[RESULTS_SOLVE]);
    if (o == NULL)
        return;
    heading(out, r, "h2", I18N_REPORT_SOLVE_TITLE);
    g_string_append(out, "<p>");
    if (flag(o, "reachable")) {
        solve_reached(out, r, o);
    } else {
        g_string_append(out, i18n_text(r->lang, I18N_REPORT_SOLVE_UNREACHABLE));
        solve_value(out, o, "best_value");
        g_string_append(out, " (");
        percent(out, num(o, "best_probability"));
        g_string_append(out, ").");
    }
    g_string_append(out, "</p>\n<p>");
    solve_base(out, r, o);
    g_string_append(out, "</p>\n");
    solve_policy(out, r, o);
}

/* A combination of allocate.json in words: its label, or "no policy". */
static const char *combination_words(const Report *r, JsonObject *c)
{
    return num(c, "n_policies") > 0 ? str(c, "label") : i18n_text(r->lang, I18N_ALLOC_NONE);
}

/* A number of allocate.json as the page shows it ("3000", "2697.9"). */
static char *money_text(double x)
{
    return g_strdup_printf("%.6g", rint(10 * x) / 10);
}

/* "No combination fits the budget: the cheapest costs X" of allocate.json `a`. */
static void none_fits(GString *out, const Report *r, JsonObject *a)
{
    JsonArray *combos = arr(a, "combinations");
    double lowest = INFINITY;
    for (guint i = 0; i < len(combos); i++)
        lowest = MIN(lowest, num(obj_at(combos, i), "cost"));
    g_autofree char *cost = money_text(lowest);
    g_autofree char *text = g_strdup_printf(i18n_text(r->lang, I18N_ALLOC_NONE_FITS_FMT), cost);
    esc(out, text);
}

/* allocate.json's file as written: its probability and cost, the same as
 * `ladder run`'s for the seed, or why it was not run; as stdout says it. */
static void allocate_as_written(GString *out, const Report *r, JsonObject *a)
{
    JsonObject *w = obj(member(a, "as_written"));
    g_string_append(out, "<p>");
    if (w) {
        g_autofree char *p = g_strdup_printf("%.1f%%", 100 * num(w, "probability"));
        g_autofree char *cost = money_text(num(w, "cost"));
        g_autofree char *text = g_strdup_printf(i18n_text(r->lang, I18N_ALLOC_AS_WRITTEN_FMT), p, cost);
        esc(out, text);
    } else {
        const char *why = str(a, "as_written_missing");
        I18nMessage m = g_strcmp0(why, "skipped") == 0      ? I18N_ALLOC_WRITTEN_SKIPPED
                        : g_strcmp0(why, "no_level_1") == 0 ? I18N_ALLOC_NO_LEVEL_1
                                                            : I18N_ALLOC_NOT_WRITTEN;
        esc(out, i18n_text(r->lang, m));
    }
    g_string_append(out, "</p>\n");
}

/* allocate.json's skipped combinations, when any: how many, and each one's
 * label and reason. */
static void allocate_skipped(GString *out, const Report *r, JsonObject *a)
{
    JsonArray *skipped = arr(a, "skipped");
    if (len(skipped) == 0)
        return;
    g_autofree char *head = g_strdup_printf(i18n_text(r->lang, I18N_ALLOC_SKIPPED_FMT), (int)len(skipped));
    g_string_append(out, "<p class=\"muted\">");
    esc(out, head);
    g_string_append(out, "</p>\n<ul class=\"muted\">\n");
    for (guint i = 0; i < len(skipped); i++) {
        JsonObject *s = obj_at(skipped, i);
        g_string_append(out, "<li>");
        esc(out, str(s, "label"));
        g_string_append(out, ": ");
        esc(out, str(s, "reason"));
        g_string_append(out, "</li>\n");
    }
    g_string_append(out, "</ul>\n");
}

/* A frontier row's step cell: the paired step and its interval, marked
 * within noise; empty on the first row.  Caller frees. */
static char *allocate_step_text(const Report *r, JsonObject *c)
{
    JsonArray *ci = arr(c, "step_ci95");
    if (ci == NULL || isnan(num(c, "step")))
        return g_strdup("");
    g_autofree char *step = out_table_step(num(c, "step"), json_array_get_double_element(ci, 0),
                                           json_array_get_double_element(ci, 1));
    if (!flag(c, "step_within_noise"))
        return g_steal_pointer(&step);
    return g_strdup_printf("%s %s", step, i18n_text(r->lang, I18N_ALLOC_NOISE));
}

/* The efficient frontier of allocate.json `a` as a table: cost, probability
 * ± SE, the paired step from the row above, the combination; the note. */
static void allocate_frontier(GString *out, const Report *r, JsonObject *a)
{
    JsonArray *combos = arr(a, "combinations");
    static const I18nMessage head[] = {I18N_ALLOC_COST, I18N_ALLOC_PROB_SE, I18N_ALLOC_STEP, I18N_ALLOC_COMBINATION};
    heading(out, r, "h3", I18N_ALLOC_FRONTIER);
    table_begin(out, r->lang, head, G_N_ELEMENTS(head));
    for (guint i = 0; i < len(combos); i++) {
        JsonObject *c = obj_at(combos, i);
        if (!flag(c, "frontier"))
            continue;
        g_autofree char *cost = money_text(num(c, "cost"));
        g_autofree char *p = out_table_probability(num(c, "probability"), num(c, "se"));
        g_autofree char *step = allocate_step_text(r, c);
        Row row = row_begin(out);
        cell_text(&row, "n", cost);
        cell_text(&row, "n", p);
        cell_text(&row, "n", step);
        cell_text(&row, NULL, combination_words(r, c));
        row_end(&row);
    }
    table_end(out);
    g_string_append(out, "<p class=\"muted\">");
    esc(out, i18n_text(r->lang, I18N_ALLOC_STEP_NOTE));
    g_string_append(out, "</p>\n");
}

/* The answer of an allocate, first: the best combination within the
 * budget (or that none fits), the cheapest reaching the probability wanted,
 * the file as written, how the combinations were run, those skipped, and
 * the efficient frontier as a table with each row's paired step. */
static void section_allocate(GString *out, const Report *r)
{
    JsonObject *a = obj(r->files[RESULTS_ALLOCATE]);
    if (a == NULL)
        return;
    heading(out, r, "h2", I18N_REPORT_ALLOC_TITLE);
    g_string_append(out, "<p class=\"verdict all\">");
    JsonObject *best = obj(member(a, "best")), *cheapest = obj(member(a, "cheapest"));
    if (best) {
        g_autofree char *p = out_table_probability(num(best, "probability"), num(best, "se"));
        g_autofree char *cost = money_text(num(best, "cost"));
        g_autofree char *text = g_strdup_printf(i18n_text(r->lang, I18N_ALLOC_BEST_FMT), combination_words(r, best),
                                                p, cost);
        esc(out, text);
    } else {
        none_fits(out, r, a);
    }
    g_string_append(out, "</p>\n");
    if (cheapest) {
        g_autofree char *goal = g_strdup_printf("%.10g%%", 100 * num(a, "probability_wanted"));
        g_autofree char *p = out_table_probability(num(cheapest, "probability"), num(cheapest, "se"));
        g_autofree char *cost = money_text(num(cheapest, "cost"));
        g_autofree char *text = g_strdup_printf(i18n_text(r->lang, I18N_ALLOC_CHEAPEST_FMT), goal,
                                                combination_words(r, cheapest), p, cost);
        g_string_append(out, "<p>");
        esc(out, text);
        g_string_append(out, "</p>\n");
    }
    allocate_as_written(out, r, a);
    g_autofree char *budget = money_text(num(a, "budget"));
    g_autofree char *total = g_strdup_printf("%.0f", num(a, "combinations_total"));
    g_autofree char *run = g_strdup_printf("%.0f", num(a, "combinations_run"));
    g_autofree char *how = g_strdup_printf(i18n_text(r->lang, I18N_REPORT_ALLOC_METHOD_FMT), budget, total, run,
                                           str(a, "method"));
    g_string_append(out, "<p class=\"muted\">");
    esc(out, how);
    g_string_append(out, "</p>\n");
    allocate_skipped(out, r, a);
    allocate_frontier(out, r, a);
}

/* A sensitivity target's base, named as its table names it: `ladder
 * run`'s probability, or with --central the central one and, beside it,
 * why it is not run's (or that ladder run has no probability to compare). */
static void sensitivity_base(GString *out, const Report *r, JsonObject *t)
{
    JsonObject *b = obj(member(t, "base"));
    if (g_strcmp0(str(b, "mode"), "run") == 0) {
        percent_in(out, r, I18N_SENS_BASE_RUN_FMT, num(b, "probability"));
        return;
    }
    g_string_append(out, i18n_text(r->lang, I18N_REPORT_SENS_BASE_CENTRAL));
    percent(out, num(b, "probability"));
    if (isnan(num(b, "run_probability"))) {
        g_string_append(out, i18n_text(r->lang, I18N_REPORT_SENS_NO_RUN));
        return;
    }
    percent_in(out, r, flag(b, "same_as_run") ? I18N_REPORT_SENS_SAME_AS_RUN_FMT : I18N_REPORT_SENS_UNLIKE_RUN_FMT,
               num(b, "run_probability"));
}

#define TORNADO_ROWS 5  /* the parameters of each tornado shown; sensitivity.json has them all */

/* The top of each tornado of a sensitivity, first, each under its base. */
static void section_sensitivity(GString *out, const Report *r)
{
    static const I18nMessage headers[] = {I18N_SENS_PARAMETER, I18N_SENS_LOW_HIGH, I18N_REPORT_AT_LOW,
                                          I18N_REPORT_AT_HIGH};
    JsonArray *targets = arr(obj(r->files[RESULTS_SENSITIVITY]), "targets");
    if (targets == NULL)
        return;
    heading(out, r, "h2", I18N_REPORT_SENS_TITLE);
    for (guint i = 0; i < len(targets); i++) {
        JsonObject *t = obj_at(targets, i);
        JsonArray *rows = arr(t, "rows");
        g_string_append(out, "<p><b>");
        esc(out, target_words(r, str(t, "name")));
        g_string_append(out, "</b> · ");
        sensitivity_base(out, r, t);
        g_string_append(out, "</p>\n");
        table_begin(out, r->lang, headers, G_N_ELEMENTS(headers));
        for (guint k = 0; k < MIN(len(rows), (guint)TORNADO_ROWS); k++) {
            JsonObject *p = obj_at(rows, k);
            Row row = row_begin(out);
            cell_text(&row, NULL, str(p, "label"));
            g_string_append(out, " <code>");
            esc(out, str(p, "parameter"));
            g_string_append(out, "</code>");
            cell(&row, "n");
            number(out, num(p, "low"));
            g_string_append(out, " → ");
            number(out, num(p, "high"));
            cell(&row, "n");
            percent(out, num(p, "probability_low"));
            cell(&row, "n");
            percent(out, num(p, "probability_high"));
            row_end(&row);
        }
        table_end(out);
    }
}

/* ---- whom to help ------------------------------------------------------------- */

/* What serving target t's top firms together does, in words
 * (cultivation.json's served_together.words, as stdout says it). */
static void cultivation_served(GString *out, const Report *r, JsonObject *t)
{
    g_string_append(out, "<p class=\"verdict\">");
    esc(out, str(obj(member(obj(member(t, "served_together")), "words")), r->lang));
    g_string_append(out, "</p>\n");
}

/* Target t's list: its top firms (rank, name, id, stage, chance, gain). */
static void cultivation_table(GString *out, const Report *r, JsonObject *t, gboolean gain)
{
    static const I18nMessage headers[] = {I18N_CULT_RANK, I18N_CULT_FIRM, I18N_CULT_ID, I18N_STAGE, I18N_CULT_CHANCE,
                                          I18N_CULT_GAIN};
    JsonArray *firms = arr(t, "firms");
    table_begin(out, r->lang, headers, G_N_ELEMENTS(headers) - !gain);
    for (guint i = 0; i < MIN(len(firms), (guint)OUT_CULTIVATE_CHART_ROWS); i++) {
        JsonObject *f = obj_at(firms, i);
        Row row = row_begin(out);
        cell_printf(&row, "n", "%u", i + 1);
        cell_text(&row, NULL, str(f, "name"));
        cell_text(&row, NULL, str(f, "id"));
        cell_text(&row, NULL, str(f, "stage_name"));
        cell(&row, "n");
        percent_se(out, num(f, "chance"), num(f, "chance_se"));
        if (gain) {
            g_autofree char *points = out_table_points(num(f, "gain"), num(f, "gain_se"));
            cell_text(&row, "n", points);
        }
        row_end(&row);
    }
    table_end(out);
}

/* Target k of cultivation.json `c`: its line, its list when a firm is on
 * it (a positive gain, or a chance without a service), what serving the
 * top together does, and its chart. */
static void cultivation_target(GString *out, const Report *r, JsonObject *c, guint k)
{
    JsonObject *t = obj_at(arr(c, "targets"), k);
    gboolean gain = member(t, "served_together") && !JSON_NODE_HOLDS_NULL(member(t, "served_together"));
    g_autofree char *p = out_table_probability(num(t, "probability"), num(t, "se"));
    const char *name = str(t, "name"), *condition = str(obj(member(t, "condition")), r->lang);
    g_autofree char *line = g_strdup_printf(i18n_text(r->lang, I18N_CULT_TARGET_FMT), name ? name : "",
                                            condition ? condition : "", p);
    g_string_append(out, "<p><b>");  /* not a heading: two folders' lists may have the same targets */
    esc(out, line);
    g_string_append(out, "</b></p>\n");
    JsonObject *first = obj_at(arr(t, "firms"), 0);
    gboolean shown = num(gain ? obj(member(t, "served_together")) : first, gain ? "firms" : "chance") > 0;
    if (shown)
        cultivation_table(out, r, t, gain);
    if (gain)
        cultivation_served(out, r, t);
    else if (!shown)
        g_string_append_printf(out, "<p>%s</p>\n", i18n_text(r->lang, I18N_CULT_NO_CHANCE));
    g_autofree char *chart = g_strdup_printf("cultivation_%u.svg", k + 1);
    inline_svg(out, r->dir, chart, NULL);
}

/* The cultivation lists of a run with --roster (cultivation.json): what
 * they are ranked by, each target's top firms as a table and a chart, what
 * serving them together does, and the firms' chances as histograms. */
static void section_cultivation(GString *out, const Report *r)
{
    JsonObject *c = obj(r->files[RESULTS_CULTIVATION]);
    if (c == NULL)
        return;
    g_autofree char *anchor = cultivation_anchor(r);
    g_string_append_printf(out, "<div id=\"%s\"></div>\n", anchor);
    heading(out, r, "h2", I18N_REPORT_CULT_TITLE);
    g_string_append(out, "<p>");
    if (str(c, "service")) {
        g_autofree char *how = g_strdup_printf(i18n_text(r->lang, I18N_CULT_HEADING_GAIN_FMT), str(c, "service"));
        esc(out, how);
    } else {
        esc(out, i18n_text(r->lang, I18N_CULT_HEADING_CHANCE));
    }
    g_string_append(out, "</p>\n");
    for (guint k = 0; k < len(arr(c, "targets")); k++)
        cultivation_target(out, r, c, k);
    inline_svg(out, r->dir, "firms_chance.svg", NULL);
    g_string_append_printf(out, "<p class=\"muted\">");
    g_string_append_printf(out, i18n_text(r->lang, I18N_REPORT_CULT_SHOWN_FMT), OUT_CULTIVATE_CHART_ROWS);
    g_string_append_printf(out, " <code>%s</code></p>\n", results_csv_file(RESULTS_CSV_CULTIVATION));
}

static void assumption_row(GString *out, const char *key, const char *value, const char *dist, const char *note,
                           const char *dist_note)
{
    Row row = row_begin(out);
    cell(&row, NULL);
    g_string_append(out, "<code>");
    esc(out, key);
    g_string_append(out, "</code>");
    cell_text(&row, "n", value);
    cell_text(&row, NULL, dist);
    cell_text(&row, "note", note);
    if (dist_note) {
        g_string_append(out, note ? "\n" : "");
        esc(out, dist_note);
    }
    row_end(&row);
}

/* What the assumptions table shows of scenario.json: its stages
 * (baselines), parameters and policies. */
static const char *const assumption_members[] = {"stages", "parameters", "policies"};

/* TRUE when folders `a` and `b` make the same assumptions table: their
 * scenario.json's stages, parameters and policies are equal. */
static gboolean same_assumptions(const Report *a, const Report *b)
{
    for (gsize i = 0; i < G_N_ELEMENTS(assumption_members); i++)
        if (!json_node_equal(member(obj(a->scenario), assumption_members[i]),
                             member(obj(b->scenario), assumption_members[i])))
            return FALSE;
    return TRUE;
}

/* On a page of several folders, a folder whose assumptions an earlier
 * folder's table already shows: one line pointing to it instead. */
static void assumptions_as_before(GString *out, const Report *r)
{
    heading(out, r, "h2", I18N_REPORT_ASSUMPTIONS_TITLE);
    g_string_append_printf(out, "<p class=\"muted\"><a href=\"#assumptions-%d\">", r->assumed_as->number);
    g_autofree char *words = g_strdup_printf(i18n_text(r->lang, I18N_REPORT_ASSUMED_AS_FMT), r->assumed_as->of);
    esc(out, words);
    g_string_append(out, "</a></p>\n");
}

static void section_assumptions(GString *out, const Report *r)
{
    static const I18nMessage headers[] = {I18N_SENS_PARAMETER, I18N_REPORT_VALUE, I18N_REPORT_UNCERTAINTY,
                                          I18N_REPORT_SOURCE};
    JsonObject *sc = obj(r->scenario);
    if (r->assumed_as) {
        assumptions_as_before(out, r);
        return;
    }
    if (r->number > 0)
        g_string_append_printf(out, "<div id=\"assumptions-%d\"></div>\n", r->number);
    heading(out, r, "h2", I18N_REPORT_ASSUMPTIONS_TITLE);
    g_string_append(out, "<div class=\"assume\">");  /* its columns' widths (STYLE) */
    table_begin(out, r->lang, headers, G_N_ELEMENTS(headers));
    JsonArray *stages = arr(sc, "stages");
    for (guint i = 0; i < len(stages) && !is_region(r); i++) { /* a region's baselines are its parts' */
        JsonObject *s = obj_at(stages, i);
        g_autofree char *key = param_baseline_key(str(s, "id"));
        g_autofree char *v = g_strdup_printf("%.0f", num(s, "baseline"));
        assumption_row(out, key, v, str(s, "baseline_uncertainty"), str(s, "baseline_note"),
                       str(s, "baseline_uncertainty_note"));
    }
    JsonArray *params = arr(sc, "parameters");
    for (guint i = 0; i < len(params); i++) {
        JsonObject *p = obj_at(params, i);
        g_autoptr(GString) v = g_string_new(NULL);
        number(v, num(p, "value"));
        g_autofree char *key = is_region(r) ? g_strdup_printf("[common] %s", str(p, "key")) : g_strdup(str(p, "key"));
        assumption_row(out, key, v->str, str(p, "uncertainty"), str(p, "note"), str(p, "uncertainty_note"));
    }
    table_end(out);
    g_string_append(out, "</div>\n");
    JsonArray *parts = arr(sc, "parts");
    for (guint i = 0; i < len(parts); i++) { /* each part's own assumptions are in its file */
        JsonObject *p = obj_at(parts, i);
        g_string_append_printf(out, "<p><b>%s</b> ", i18n_text(r->lang, I18N_PART));
        esc(out, str(p, "name"));
        g_string_append(out, ": <code>");
        esc(out, str(p, "file"));
        g_string_append(out, "</code></p>\n");
    }
    JsonArray *policies = arr(sc, "policies");
    for (guint i = 0; i < len(policies); i++) {
        JsonObject *p = obj_at(policies, i);
        g_string_append_printf(out, "<p><b>%s</b> ", i18n_text(r->lang, I18N_POLICY));
        esc(out, str(p, "name"));
        g_string_append_printf(out, " (%.0f–%.0f):", num(p, "from"), num(p, "to"));
        JsonArray *ch = arr(p, "changes");
        for (guint c = 0; c < len(ch); c++) {
            JsonObject *x = obj_at(ch, c);
            g_string_append(out, " <code>");
            esc(out, str(x, "key"));
            g_string_append_c(out, ' ');
            esc(out, str(x, "op"));
            number(out, num(x, "x"));
            g_string_append(out, "</code>");
        }
        g_string_append(out, "</p>\n");
    }
}

/* ---- the command that reproduces the folder ------------------------------------- */

/* --lang (the language the files were written in, which --lang may have
 * set against the scenario's), --reps and --seed of the run settings `o`,
 * --no-uncertainty when it was not drawn (and the command has the flag),
 * and --without for every policy of the scenario switched off (when the
 * command has --without). */
static void run_flags(GString *cmd, const Report *r, JsonObject *o, gboolean uncertainty_flag, gboolean policy_flags)
{
    if (str(obj(r->scenario), "language"))
        opt(cmd, "--lang", str(obj(r->scenario), "language"));
    opt_int(cmd, "--reps", o, "replications");
    opt_int(cmd, "--seed", o, "seed");
    if (uncertainty_flag && member(o, "uncertainty") && !flag(o, "uncertainty"))
        arg(cmd, "--no-uncertainty");
    JsonArray *off = arr(obj(r->scenario), "policies_off");
    for (guint i = 0; policy_flags && i < len(off); i++)
        opt(cmd, "--without", str_at(off, i));
}

/* --service for each change of cultivation.json `c`'s service, and
 * --serve-top; nothing without a service (or without the file). */
static void reproduce_service(GString *cmd, JsonObject *c)
{
    JsonArray *changes = arr(c, "service_changes");
    for (guint i = 0; i < len(changes); i++)
        opt(cmd, "--service", str_at(changes, i));
    if (len(changes) > 0)
        opt_int(cmd, "--serve-top", c, "serve_top");
}

/* `ladder compare`: every file in order, or --each-policy FILE when every
 * scenario was made of the same file. */
static void reproduce_compare(GString *cmd, const Report *r, JsonObject *c)
{
    JsonArray *sc = arr(c, "scenarios");
    gboolean each = compare_each_policy(c);
    arg(cmd, "compare");
    if (each) {
        arg(cmd, "--each-policy");
        arg(cmd, str(obj_at(sc, 0), "file"));
    }
    for (guint i = 0; !each && i < len(sc); i++)
        arg(cmd, str(obj_at(sc, i), "file"));
    run_flags(cmd, r, c, TRUE, !each);  /* --each-policy switches the policies itself */
}

static void reproduce_sensitivity(GString *cmd, const Report *r, JsonObject *s)
{
    arg(cmd, "sensitivity");
    arg(cmd, str(obj(r->scenario), "file"));
    opt_number(cmd, "--spread", num(s, "spread"));
    JsonArray *t = arr(s, "targets");
    if (len(t) == 1)  /* without --target: each target, then all of them */
        opt(cmd, "--target", str(obj_at(t, 0), "name"));
    if (g_strcmp0(str(s, "mode"), "central") == 0)
        arg(cmd, "--central");
    if (flag(s, "baselines"))
        arg(cmd, "--baselines");
    run_flags(cmd, r, s, FALSE, TRUE);
}

static void reproduce_allocate(GString *cmd, const Report *r, JsonObject *a)
{
    arg(cmd, "allocate");
    arg(cmd, str(obj(r->scenario), "file"));
    opt_number(cmd, "--budget", num(a, "budget"));
    if (g_strcmp0(str(a, "target"), "all") != 0)
        opt(cmd, "--target", str(a, "target"));
    if (!isnan(num(a, "probability_wanted")))
        opt_number(cmd, "--probability", num(a, "probability_wanted"));
    /* the method the file was run with, when auto would choose the other */
    gboolean search = g_strcmp0(str(a, "method"), "search") == 0;
    if (search != (num(a, "combinations_total") > ALLOCATE_MAX_EXHAUSTIVE))
        opt(cmd, "--method", str(a, "method"));
    run_flags(cmd, r, a, TRUE, TRUE);
}

static void reproduce_solve(GString *cmd, const Report *r, JsonObject *s)
{
    arg(cmd, "solve");
    arg(cmd, str(obj(r->scenario), "file"));
    opt(cmd, "--target", str(s, "target"));
    opt_number(cmd, "--probability", num(s, "probability_wanted"));
    opt(cmd, "--lever", str(s, "lever"));
    opt(cmd, "--mode", str(s, "mode"));
    opt_int(cmd, "--from", s, "from");
    if (flag(s, "min_given"))  /* a default bound given as a flag would change the grid */
        opt_number(cmd, "--min", num(s, "min"));
    if (flag(s, "max_given"))
        opt_number(cmd, "--max", num(s, "max"));
    run_flags(cmd, r, s, TRUE, TRUE);
}

/* `ladder calibrate` or `backtest`: the scenario as named (calibrate.json's,
 * else scenario.json's: without --fit the forecast is of the file itself),
 * --history, --fit, --region, --cv and (backtest) --until. */
static void reproduce_fit(GString *cmd, const Report *r, JsonObject *cal, JsonObject *bt)
{
    arg(cmd, bt ? "backtest" : "calibrate");
    arg(cmd, cal ? str(cal, "scenario") : str(obj(r->scenario), "file"));
    JsonObject *h = cal ? cal : bt;
    opt(cmd, "--history", str(h, "history"));
    JsonArray *params = arr(cal, "parameters");
    g_autoptr(GString) keys = g_string_new(NULL);
    for (guint i = 0; i < len(params); i++)
        g_string_append_printf(keys, "%s%s", i ? "," : "", str(obj_at(params, i), "key"));
    if (keys->len)
        opt(cmd, "--fit", keys->str);
    if (str(h, "region"))
        opt(cmd, "--region", str(h, "region"));
    if (num(h, "cv") > 0)
        opt_number(cmd, "--cv", num(h, "cv"));
    if (bt)
        opt_int(cmd, "--until", bt, "until");
    run_flags(cmd, r, obj(r->summary), TRUE, FALSE);
}

/* Appends to `cmd` ("ladder") the command and flags that wrote the folder
 * again, byte for byte: the files as the user named them (run them from
 * the same folder).  FALSE when the folder holds nothing to run again. */
static gboolean reproduce(GString *cmd, const Report *r)
{
    JsonObject *bt = obj(r->files[RESULTS_BACKTEST]), *cal = obj(r->files[RESULTS_CALIBRATE]);
    if (bt || cal)
        reproduce_fit(cmd, r, cal, bt);
    else if (r->files[RESULTS_SOLVE])
        reproduce_solve(cmd, r, obj(r->files[RESULTS_SOLVE]));
    else if (r->files[RESULTS_ALLOCATE])
        reproduce_allocate(cmd, r, obj(r->files[RESULTS_ALLOCATE]));
    else if (r->files[RESULTS_SENSITIVITY])
        reproduce_sensitivity(cmd, r, obj(r->files[RESULTS_SENSITIVITY]));
    else if (r->files[RESULTS_COMPARE])
        reproduce_compare(cmd, r, obj(r->files[RESULTS_COMPARE]));
    else if (r->summary) {
        arg(cmd, "run");
        arg(cmd, str(obj(r->scenario), "file"));
        JsonObject *roster = obj(member(obj(r->scenario), "roster"));
        if (roster)
            opt(cmd, "--roster", str(roster, "file"));
        reproduce_service(cmd, obj(r->files[RESULTS_CULTIVATION]));
        run_flags(cmd, r, obj(r->summary), TRUE, TRUE);
    } else
        return FALSE;
    return TRUE;
}

/* A row per file scenario.json `sc` was read from: its path and SHA-256;
 * a file already in `seen` (paths, borrowed) is not shown again. */
static void source_rows(GString *out, const Report *r, JsonObject *sc, GHashTable *seen)
{
    JsonArray *src = arr(sc, "sources");
    for (guint i = 0; i < len(src); i++) {
        JsonObject *f = obj_at(src, i);
        if (str(f, "file") && !g_hash_table_add(seen, (gpointer)str(f, "file")))
            continue;
        Row row = field_begin(out, r, I18N_REPORT_SCENARIO_FILE);
        g_string_append(out, "<code>");
        esc(out, str(f, "file"));
        g_string_append(out, "</code><br>SHA-256 <code>");
        esc(out, str(f, "sha256") ? str(f, "sha256") : "–");  /* null: the file could not be read */
        g_string_append(out, "</code>");
        row_end(&row);
    }
}

static void section_methods(GString *out, const Report *r)
{
    /* the run settings: the summary's, else those of a solve or sensitivity */
    JsonNode *solve = r->files[RESULTS_SOLVE], *sens = r->files[RESULTS_SENSITIVITY];
    JsonObject *s = obj(r->summary) ? obj(r->summary) : obj(solve) ? obj(solve) : obj(sens), *sc = obj(r->scenario);
    heading(out, r, "h2", I18N_REPORT_METHODS_TITLE);
    g_string_append_printf(out, "<p>%s</p>\n", i18n_text(r->lang, I18N_REPORT_METHODS));
    table_begin(out, r->lang, NULL, 0);
    if (s) {
        Row reps = field_begin(out, r, I18N_REPORT_REPLICATIONS);
        g_string_append_printf(out, "%.0f", num(s, "replications"));
        row_end(&reps);
        Row seed = field_begin(out, r, I18N_REPORT_SEED);
        g_string_append_printf(out, "%.0f", num(s, "seed"));
        row_end(&seed);
    }
    Row program = field_begin(out, r, I18N_REPORT_PROGRAM);
    g_string_append_printf(out, "ladder %s", r->version);
    row_end(&program);
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    source_rows(out, r, sc, seen);
    for (guint i = 0; r->compared && i < r->compared->len; i++)  /* each compared scenario's files too */
        source_rows(out, r, obj(r->compared->pdata[i]), seen);
    JsonObject *fit = obj(r->files[RESULTS_BACKTEST]) ? obj(r->files[RESULTS_BACKTEST]) : obj(r->files[RESULTS_CALIBRATE]);
    if (str(fit, "history")) {
        Row row = field_begin(out, r, I18N_REPORT_HISTORY_FILE);
        g_string_append(out, "<code>");
        esc(out, str(fit, "history"));
        g_string_append(out, "</code><br>SHA-256 <code>");
        esc(out, str(fit, "history_sha256"));
        g_string_append(out, "</code>");
        row_end(&row);
    }
    table_end(out);
    g_autoptr(GString) line = g_string_new("ladder");
    if (reproduce(line, r)) {
        g_string_append_printf(out, "<p class=\"muted\">%s <code class=\"reproduce\">",
                               i18n_text(r->lang, I18N_REPORT_SAME_BYTES));
        esc(out, line->str);
        g_string_append(out, "</code></p>\n");
    }
}

/* The page's head and title block, from scenario.json's name, region,
 * years and description. */
static void page_begin(GString *out, const Report *r)
{
    JsonObject *sc = obj(r->scenario);
    g_string_append_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
                           i18n_is_english(r->lang) ? "en" : "zh-CN");
    esc(out, str(sc, "name"));
    g_string_append_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", STYLE);
    esc(out, str(sc, "name"));
    g_string_append(out, "</h1>\n<p class=\"muted\">");
    esc(out, str(sc, "region"));
    g_string_append_printf(out, " · %.0f–%.0f</p>\n", num(sc, "base_year"), num(sc, "horizon"));
    if (str(sc, "description")) {
        g_string_append(out, "<p>");
        esc(out, str(sc, "description"));
        g_string_append(out, "</p>\n");
    }
}

/* One folder's sections, the question its command answers first; the
 * ladder diagram among them when `ladder`. */
static void page_folder(GString *out, Report *r, gboolean ladder)
{
    section_compare(out, r);
    section_allocate(out, r);
    section_solve(out, r);
    section_sensitivity(out, r);
    if (r->summary)
        section_verdict(out, r);
    if (r->summary && is_region(r))
        section_parts(out, r);
    if (ladder && !is_region(r)) /* a region's stages are its parts' */
        section_ladder(out, r);
    if (r->summary)
        section_charts(out, r);
    section_cultivation(out, r);
    section_analyses(out, r);
    section_assumptions(out, r);
    section_methods(out, r);
}

static void page(GString *out, Report *r)
{
    page_begin(out, r);
    page_folder(out, r, TRUE);
    g_string_append(out, "</body>\n</html>\n");
}

/* ---- several folders, one page ------------------------------------------------------ */

/* The command that wrote folder `r`, in words for its heading. */
static I18nMessage folder_kind(const Report *r)
{
    return r->files[RESULTS_BACKTEST]      ? I18N_REPORT_BACKTEST_CHARTS
           : r->files[RESULTS_CALIBRATE]   ? I18N_REPORT_CALIBRATE_CHARTS
           : r->files[RESULTS_SOLVE]       ? I18N_REPORT_SOLVE_TITLE
           : r->files[RESULTS_ALLOCATE]    ? I18N_REPORT_ALLOC_TITLE
           : r->files[RESULTS_SENSITIVITY] ? I18N_REPORT_SENS_TITLE
           : r->files[RESULTS_COMPARE]     ? I18N_REPORT_COMPARE_TITLE
                                           : I18N_REPORT_VERDICT_TITLE;
}

/* The command that wrote folder `r`, as typed after "ladder " (the files
 * tell, in folder_kind's order). */
static const char *folder_command(const Report *r)
{
    return r->files[RESULTS_BACKTEST]      ? "backtest"
           : r->files[RESULTS_CALIBRATE]   ? "calibrate"
           : r->files[RESULTS_SOLVE]       ? "solve"
           : r->files[RESULTS_ALLOCATE]    ? "allocate"
           : r->files[RESULTS_SENSITIVITY] ? "sensitivity"
           : r->files[RESULTS_COMPARE]     ? (compare_each_policy(obj(r->files[RESULTS_COMPARE])) ? "compare --each-policy"
                                                                                                 : "compare")
                                           : "run";
}

/* Which of the page's folders `r` is, the i-th: "2. 天宁区 2025（ladder
 * run）", its scenario's name (a comparison's base's) and its command
 * (caller frees). */
static char *folder_of(const Report *r, guint i)
{
    g_autofree char *which = g_strdup_printf(i18n_text(r->lang, I18N_REPORT_FOLDER_OF_FMT), str(obj(r->scenario), "name"),
                                             folder_command(r));
    return g_strdup_printf("%u. %s", i + 1, which);
}

/* The heading of the i-th folder `r`'s section: which folder it is
 * (r->of), what it answers, and where the folder is; with `answer`, the
 * heading of its answer at the top of the page instead: a link to the
 * section, without the folder. */
static void folder_heading(GString *out, const Report *r, guint i, gboolean answer)
{
    if (answer)
        g_string_append_printf(out, "<h3><a href=\"#folder-%u\">", i + 1);
    else
        g_string_append_printf(out, "<h2 id=\"folder-%u\">", i + 1);
    esc(out, r->of);
    g_string_append_printf(out, " · %s", i18n_text(r->lang, folder_kind(r)));
    if (answer) {
        g_string_append(out, "</a></h3>\n");
        return;
    }
    g_string_append(out, " · <code>");
    esc(out, r->dir);
    g_string_append(out, "</code></h2>\n");
}

/* The answer of folder `r` in a few lines: each target's probability and
 * verdict, a solve's value, each tornado's largest swing, a backtest's
 * coverage, a comparison's changes. */
static void folder_answer(GString *out, const Report *r)
{
    JsonObject *bt = obj(r->files[RESULTS_BACKTEST]), *sens = obj(r->files[RESULTS_SENSITIVITY]);
    JsonObject *cmp = obj(r->files[RESULTS_COMPARE]), *solve = obj(r->files[RESULTS_SOLVE]);
    JsonObject *alloc = obj(r->files[RESULTS_ALLOCATE]);
    g_string_append(out, "<ul>\n");
    if (bt) {
        g_string_append(out, "<li>");
        g_string_append_printf(out, i18n_text(r->lang, I18N_REPORT_BT_INSIDE_FMT), num(bt, "checked"),
                               num(bt, "inside"));
        g_string_append(out, "</li>\n");
    } else if (solve) {
        g_string_append(out, "<li>");
        if (flag(solve, "reachable"))
            solve_reached(out, r, solve);
        else
            g_string_append(out, i18n_text(r->lang, I18N_REPORT_SOLVE_UNREACHABLE));
        g_string_append(out, "</li>\n");
    } else if (alloc) {
        JsonObject *best = obj(member(alloc, "best"));
        g_string_append(out, "<li>");
        if (best) {
            esc(out, combination_words(r, best));
            g_string_append(out, ": ");
            percent(out, num(best, "probability"));
            g_autofree char *cost = money_text(num(best, "cost")), *budget = money_text(num(alloc, "budget"));
            g_autofree char *within = g_strdup_printf(i18n_text(r->lang, I18N_REPORT_ALLOC_COST_FMT), cost, budget);
            esc(out, within);
        } else {
            none_fits(out, r, alloc);
        }
        g_string_append(out, "</li>\n");
    } else if (sens) {
        JsonArray *t = arr(sens, "targets");
        for (guint i = 0; i < len(t); i++) {
            JsonObject *top = obj_at(arr(obj_at(t, i), "rows"), 0);
            g_string_append(out, "<li>");
            esc(out, target_words(r, str(obj_at(t, i), "name")));
            g_string_append_printf(out, " · %s", i18n_text(r->lang, I18N_REPORT_SENS_TOP));
            esc(out, str(top, "label"));
            g_string_append(out, " (");
            percent(out, num(top, "probability_low"));
            g_string_append(out, " … ");
            percent(out, num(top, "probability_high"));
            g_string_append(out, ")</li>\n");
        }
    } else if (cmp) {
        JsonArray *d = arr(cmp, "differences");
        for (guint i = 0; i < len(d); i++) {
            JsonObject *x = obj_at(d, i);
            g_string_append(out, "<li>");
            esc(out, scenario_name(r, str(x, "scenario")));
            g_string_append(out, " · ");
            esc(out, str(x, "target"));
            g_string_append(out, ": ");
            percent(out, num(x, "probability_base"));
            g_string_append(out, " → ");
            percent(out, num(x, "probability"));
            g_string_append(out, "</li>\n");
        }
    }
    JsonArray *targets = bt || solve || alloc || sens || cmp ? NULL : arr(obj(r->summary), "targets");
    for (guint i = 0; i < len(targets); i++) {
        JsonObject *t = obj_at(targets, i);
        g_string_append(out, "<li>");
        esc(out, str(t, "name"));
        g_string_append(out, ": ");
        percent(out, num(t, "probability"));
        g_string_append_printf(out, " (%s)</li>\n", verdict(r, num(t, "probability")));
    }
    if (r->files[RESULTS_CULTIVATION]) {
        g_string_append(out, "<li>");
        cultivation_link(out, r);
        g_string_append(out, "</li>\n");
    }
    if (len(targets) > 1) {  /* the figure leaders ask first: every target in the same future */
        JsonObject *s = obj(r->summary);
        g_string_append_printf(out, "<li>%s", i18n_text(r->lang, I18N_REPORT_ALL_TARGETS));
        percent(out, num(s, "all_targets_probability"));
        g_string_append_printf(out, " (%s)</li>\n", verdict(r, num(s, "all_targets_probability")));
    }
    g_string_append(out, "</ul>\n");
}

/* The stage ids of folder `r`, "a, b, c" (caller frees). */
static char *stage_ids(const Report *r)
{
    JsonArray *st = arr(obj(r->scenario), "stages");
    g_autoptr(GString) ids = g_string_new(NULL);
    for (guint i = 0; i < len(st); i++)
        g_string_append_printf(ids, "%s%s", i ? ", " : "", str(obj_at(st, i), "id"));
    return g_string_free(g_steal_pointer(&ids), FALSE);
}

/* One page of the folders `r[0..n)`: the answer of each first, the
 * contents, the ladder diagram once (the first folder's), then each
 * folder's sections; a folder whose assumptions an earlier one's table
 * already shows points to that table instead of repeating it. */
static void page_many(GString *out, Report *r, gsize n)
{
    for (gsize i = 0; i < n; i++) {
        r[i].of = folder_of(&r[i], (guint)i);
        r[i].number = (int)i + 1;
        for (gsize j = 0; j < i && r[i].assumed_as == NULL; j++)
            if (r[j].assumed_as == NULL && same_assumptions(&r[i], &r[j]))
                r[i].assumed_as = &r[j];
    }
    page_begin(out, &r[0]);
    g_string_append_printf(out, "<h2>%s</h2>\n", i18n_text(r[0].lang, I18N_REPORT_ANSWERS_TITLE));
    for (gsize i = 0; i < n; i++) {
        folder_heading(out, &r[i], (guint)i, TRUE);
        folder_answer(out, &r[i]);
    }
    g_string_append_printf(out, "<h2>%s</h2>\n<ol class=\"toc\">\n<li><a href=\"#ladder\">%s</a></li>\n",
                           i18n_text(r[0].lang, I18N_REPORT_CONTENTS),
                           i18n_text(r[0].lang, I18N_REPORT_LADDER_TITLE));
    for (gsize i = 0; i < n; i++) {
        g_string_append_printf(out, "<li><a href=\"#folder-%zu\">", i + 1);
        esc(out, r[i].of);
        g_string_append_printf(out, " · %s · <code>", i18n_text(r[i].lang, folder_kind(&r[i])));
        esc(out, r[i].dir);
        g_string_append(out, "</code></a></li>\n");
        if (r[i].files[RESULTS_CULTIVATION]) {  /* the lists a bureau turns to first */
            g_string_append(out, "<li>");
            cultivation_link(out, &r[i]);
            g_string_append(out, " · ");
            esc(out, r[i].of);
            g_string_append(out, "</li>\n");
        }
    }
    g_string_append(out, "</ol>\n<div id=\"ladder\">\n");
    section_ladder(out, &r[0]);
    g_string_append(out, "</div>\n");
    for (gsize i = 0; i < n; i++) {
        g_string_append(out, "<section class=\"folder\">\n");
        folder_heading(out, &r[i], (guint)i, FALSE);
        page_folder(out, &r[i], FALSE);
        g_string_append(out, "</section>\n");
        r[0].no_dot = r[0].no_dot || r[i].no_dot;
    }
    g_string_append(out, "</body>\n</html>\n");
}

/* The scenario.json of each scenario of compare.json, in its order; an
 * element NULL when the id is not a plain folder name or its folder holds
 * none.  NULL with an INPUT error at one that is not what ladder writes. */
static GPtrArray *read_compared(const Report *r, GError **error)
{
    JsonArray *sc = arr(obj(r->files[RESULTS_COMPARE]), "scenarios");
    g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func((GDestroyNotify)json_node_unref);
    for (guint i = 0; i < len(sc); i++) {
        const char *id = str(obj_at(sc, i), "id");
        g_autofree char *d = plain_name(id) ? g_build_filename(r->dir, id, NULL) : NULL;
        JsonNode *n = d ? read_json(d, RESULTS_SCENARIO, NULL, error) : NULL;
        if (error && *error)
            return NULL;
        g_ptr_array_add(all, n);
    }
    return g_steal_pointer(&all);
}

/* Reads scenario.json (found by find_scenario_dir) and the summary.json
 * beside it, and every other result file in r->dir, each checked against
 * its schema.  A file legitimately absent stays NULL; FALSE with an INPUT
 * error naming the file (and the key) at the first that is not what ladder
 * writes, or is missing though the command named in the folder's marker
 * always writes it (or scenario.json went away since it was found). */
static gboolean read_files(Report *r, GError **error)
{
    GError *local = NULL;
    g_autofree char *command = outdir_command(r->dir);  /* which files the folder must hold */
    r->scenario = read_json(r->scenario_dir, RESULTS_SCENARIO, command, &local);
    if (r->scenario == NULL && local == NULL)
        g_set_error(&local, LADDER_ERROR, LADDER_ERROR_INPUT, "%s/%s: no such file", r->scenario_dir,
                    results_file(RESULTS_SCENARIO));
    if (local == NULL)
        r->summary = read_json(r->scenario_dir, RESULTS_SUMMARY, command, &local);
    for (int k = RESULTS_COMPARE; k < RESULTS_N_KINDS && local == NULL; k++)
        r->files[k] = read_json(r->dir, (ResultsKind)k, command, &local);
    if (local == NULL && r->files[RESULTS_COMPARE])
        r->compared = read_compared(r, &local);
    if (local == NULL)
        return TRUE;
    g_propagate_error(error, local);
    return FALSE;
}

static void report_clear(Report *r)
{
    g_clear_pointer(&r->scenario, json_node_unref);
    g_clear_pointer(&r->summary, json_node_unref);
    for (int k = 0; k < RESULTS_N_KINDS; k++)
        g_clear_pointer(&r->files[k], json_node_unref);
    g_clear_pointer(&r->scenario_dir, g_free);
    g_clear_pointer(&r->compared, g_ptr_array_unref);
    g_clear_pointer(&r->of, g_free);
}

/* Loads folder `dir` into `r` (zeroed but for version), the page in
 * `lang`.  FALSE with an INPUT error when it is not a result folder. */
static gboolean report_load(Report *r, const char *dir, const char *lang, GError **error)
{
    GError *local = NULL;
    r->dir = dir;
    r->scenario_dir = find_scenario_dir(dir, &local);
    g_autofree char *command = r->scenario_dir == NULL && local == NULL ? outdir_command(dir) : NULL;
    if (r->scenario_dir == NULL) {
        if (local == NULL && g_strcmp0(command, "fit-roster") == 0)
            g_set_error(&local, LADDER_ERROR, LADDER_ERROR_INPUT,
                        "%s: a fit-roster folder holds no run to report: run its fitted scenario with "
                        "ladder run --roster, and report that folder", dir);
        else if (local == NULL)
            g_set_error(&local, LADDER_ERROR, LADDER_ERROR_INPUT,
                        "%s: not a ladder result folder (no scenario.json in it, its forecast/ or a "
                        "comparison's scenario folders)", dir);
        g_propagate_error(error, local);
        return FALSE;
    }
    if (!read_files(r, error))
        return FALSE;
    r->lang = page_language(lang ? lang : str(obj(r->scenario), "language"));
    return TRUE;
}

gboolean report_write(const char *dir, const char *lang, const char *output, const char *version,
                      gboolean *no_dot, GError **error)
{
    return report_write_many(&dir, 1, lang, output, version, no_dot, error);
}

gboolean report_write_many(const char *const *dirs, gsize n, const char *lang, const char *output,
                           const char *version, gboolean *no_dot, GError **error)
{
    g_return_val_if_fail(n >= 1, FALSE);
    Report *r = g_new0(Report, n);
    gboolean ok = TRUE;
    for (gsize i = 0; i < n && ok; i++) {
        r[i].version = version;
        ok = report_load(&r[i], dirs[i], i ? r[0].lang : lang, error);
        g_autofree char *want = i && ok ? stage_ids(&r[0]) : NULL, *have = i && ok ? stage_ids(&r[i]) : NULL;
        if (i && ok && strcmp(want, have) != 0) {
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                        "%s: not of the same scenario family as %s: its stages are (%s), not (%s); one report "
                        "holds folders of one ladder", dirs[i], dirs[0], have, want);
            ok = FALSE;
        }
    }
    if (ok) {
        g_autoptr(GString) out = g_string_new(NULL);
        if (n == 1)
            page(out, &r[0]);
        else
            page_many(out, r, n);
        ok = outdir_write_file(output, out->str, (gssize)out->len, error);
    }
    if (no_dot)
        *no_dot = r[0].no_dot;
    for (gsize i = 0; i < n; i++)
        report_clear(&r[i]);
    g_free(r);
    return ok;
}

/* ---- the page as PDF ---------------------------------------------------------------- */

#define PDF_POLL_MS 100  /* how often the wait for Chromium looks whether it has finished */

/* In Chromium's child before exec: its own process group, so that a
 * timeout stops its renderer and helper processes with it. */
static void pdf_child_setup(gpointer data)
{
    (void)data;
    setpgid(0, 0);
}

/* Waits for process `pid` up to `timeout_s` seconds; kills its group
 * when it takes longer.  Its wait status, or -1 when killed. */
static int pdf_wait(GPid pid, guint timeout_s)
{
    int status = 0;
    for (guint64 waited = 0; waited <= (guint64)timeout_s * 1000; waited += PDF_POLL_MS) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid)
            return status;
        if (done < 0)
            return status;
        g_usleep(PDF_POLL_MS * 1000);
    }
    kill(-pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
}

/* TRUE when `path` holds a PDF: "%PDF-" and at least one page. */
static gboolean pdf_has_pages(const char *path)
{
    g_autofree char *data = NULL;
    gsize n = 0;
    if (!g_file_get_contents(path, &data, &n, NULL) || n < 5 || memcmp(data, "%PDF-", 5) != 0)
        return FALSE;
    /* memmem, not g_strstr_len: a PDF's streams hold NUL bytes */
    return memmem(data, n, "/Type /Page", 11) != NULL || memmem(data, n, "/Type/Page", 10) != NULL;
}

gboolean report_print_pdf(const char *html, const char *pdf, guint timeout_s, GError **error)
{
    g_autofree char *bin = g_find_program_in_path("chromium");
    if (bin == NULL) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO,
                    "Chromium is not installed, so %s was not printed to PDF (apt-get install chromium); the "
                    "HTML page is written", html);
        return FALSE;
    }
    g_autofree char *abs = g_canonicalize_filename(html, NULL);
    g_autofree char *url = g_filename_to_uri(abs, NULL, error);
    if (url == NULL)
        return FALSE;
    g_autofree char *part = g_strconcat(pdf, ".part", NULL);
    g_autofree char *target = g_strconcat("--print-to-pdf=", part, NULL);
    /* --no-sandbox only as root, where Chromium refuses to start with its sandbox */
    const char *argv[] = {bin, "--headless", "--disable-gpu", "--no-pdf-header-footer", target,
                          geteuid() == 0 ? "--no-sandbox" : url, geteuid() == 0 ? url : NULL, NULL};
    GPid pid = 0;
    gboolean started = g_spawn_async(NULL, (char **)argv, NULL,
                                     G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                     pdf_child_setup, NULL, &pid, error);
    int status = started ? pdf_wait(pid, timeout_s) : 0;
    if (started)
        g_spawn_close_pid(pid);
    if (!started)
        return FALSE;
    if (status == -1) {
        g_unlink(part);
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO,
                    "Chromium did not print %s within %u s and was stopped; no PDF was written", html, timeout_s);
        return FALSE;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !pdf_has_pages(part)) {
        g_unlink(part);
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "Chromium could not print %s to PDF (%s)", html,
                    WIFEXITED(status) ? "no pages written" : "it was killed");
        return FALSE;
    }
    if (g_rename(part, pdf) != 0) {
        int e = errno;
        g_unlink(part);
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "%s: %s", pdf, g_strerror(e));
        return FALSE;
    }
    return TRUE;
}
