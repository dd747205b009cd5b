/* report.c: a result folder as one self-contained HTML page: verdicts,
 * the ladder diagram (Graphviz), the charts inline, the assumptions with
 * their sources, and how the figures were made.
 * SPDX-License-Identifier: MIT */
#include "report.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "errors.h"
#include "model.h"
#include "out_table.h"
#include "plot.h"
#include "outdir.h"
#include "results.h"

/* Everything the page is made from. */
typedef struct {
    const char *dir;       /* the result folder */
    const char *lang;      /* "zh" or "en" */
    const char *version;
    JsonNode *scenario;    /* scenario.json */
    JsonNode *summary;     /* summary.json beside it, or NULL */
    JsonNode *files[RESULTS_N_KINDS]; /* dir's compare.json ... backtest.json by kind, NULL when absent
                                        * (scenario.json and summary.json: the two above) */
    char *scenario_dir;    /* the folder scenario.json was found in */
    gboolean no_dot;
} Report;

/* The word in the report's language. */
static const char *w(const Report *r, const char *zh, const char *en)
{
    return strcmp(r->lang, "en") == 0 ? en : zh;
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

/* A number as a person reads it: up to 4 significant digits. */
static void number(GString *out, double x)
{
    if (isnan(x))
        g_string_append(out, "–");
    else
        g_string_append_printf(out, "%.4g", x);
}

static void percent(GString *out, double p)
{
    g_string_append_printf(out, "%.1f%%", 100 * p);
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
    ".muted{color:#666;font-size:.9rem}code{font-size:.88rem}"
    "@media print{@page{size:A4;margin:15mm}body{max-width:none;margin:0}"
    "h2{page-break-after:avoid;break-after:avoid}tr,figure{page-break-inside:avoid;break-inside:avoid}}";

/* ---- sections ---------------------------------------------------------------- */

static const char *verdict(const Report *r, double p)
{
    return out_table_verdict(r->lang, p);
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

static void section_verdict(GString *out, const Report *r)
{
    JsonObject *s = obj(r->summary);
    JsonArray *targets = arr(s, "targets");
    g_string_append_printf(out, "<h2>%s</h2>\n", w(r, "结论：目标达成的概率", "Verdict: how likely each target is met"));
    if (len(targets) == 0) {
        g_string_append_printf(out, "<p>%s</p>\n", w(r, "此结果没有目标。", "These results have no targets."));
        return;
    }
    g_string_append_printf(out, "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>P5–P95</th></tr>\n",
                           w(r, "目标", "Target"), w(r, "条件", "Condition"), w(r, "达成概率", "Probability met"),
                           w(r, "判断", "Verdict"), w(r, "中位数", "Median"));
    for (guint i = 0; i < len(targets); i++) {
        JsonObject *t = obj_at(targets, i);
        double p = num(t, "probability"), se = num(t, "se");
        g_string_append(out, "<tr><td>");
        esc(out, str(t, "name"));
        g_string_append(out, "</td><td>");
        const char *condition = str(obj(member(t, "condition")), r->lang);
        if (condition != NULL) {
            esc(out, condition);
            g_string_append(out, "</td><td class=\"n\">");
        } else {  /* a folder written before conditions were */
            esc(out, stage_name(r, str(t, "stage")));
            g_string_append_printf(out, " ≥ %.0f (%.0f%s)</td><td class=\"n\">", num(t, "at_least"), num(t, "year"),
                                   w(r, " 年", ""));
        }
        percent(out, p);
        g_string_append(out, " ± ");
        percent(out, se);
        g_string_append_printf(out, "</td><td class=\"verdict\">%s</td><td class=\"n\">%.0f</td><td class=\"n\">%.0f–%.0f</td></tr>\n",
                               verdict(r, p), num(t, "p50"), num(t, "p5"), num(t, "p95"));
    }
    g_string_append(out, "</table>\n");
    double all = num(s, "all_targets_probability");
    if (!isnan(all)) {
        g_string_append_printf(out, "<p class=\"all\">%s", w(r, "全部目标同时达成：", "All targets together: "));
        percent(out, all);
        g_string_append(out, " ± ");
        percent(out, num(s, "all_targets_se"));
        g_string_append_printf(out, "（%s）</p>\n", verdict(r, all));
    }
    g_string_append_printf(out, "<p class=\"muted\">%s</p>\n",
                           w(r, "± 为蒙特卡洛标准误。判断按所示概率：≥90% 很可能达成，≥66% 较可能达成，≥33% 难以确定，≥10% 不太可能，其下极不可能。",
                             "± is the Monte Carlo standard error. Verdicts on the probability as shown: ≥90% very likely, "
                             "≥66% likely, ≥33% as likely as not, ≥10% unlikely, below that very unlikely."));
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

/* Appends the box of stage `s`: its name, baseline, exit, inflow and
 * recruitment; nothing for a stage without an id. */
static void dot_stage(GString *d, const Report *r, JsonObject *s, JsonArray *params)
{
    if (str(s, "id") == NULL)
        return;
    g_string_append(d, "  \"");
    dot_append(d, str(s, "id"));
    g_string_append(d, "\" [label=\"");
    dot_append(d, str(s, "name"));
    g_string_append_printf(d, "\\n%s %.0f", w(r, "基数", "baseline"), num(s, "baseline"));
    for (guint j = 0; j < len(params); j++) {
        JsonObject *p = obj_at(params, j);
        if (g_strcmp0(str(p, "from"), str(s, "id")) != 0)
            continue;
        const char *kind = str(p, "kind");
        if (g_strcmp0(kind, "exit") == 0)
            g_string_append_printf(d, "\\n%s %.3g", w(r, "退出", "exit"), num(p, "value"));
        else if (g_strcmp0(kind, "inflow") == 0)
            g_string_append_printf(d, "\\n%s %.4g/%s", w(r, "流入", "inflow"), num(p, "value"), w(r, "年", "yr"));
        else if (g_strcmp0(kind, "recruitment") == 0)
            g_string_append_printf(d, "\\n%s %.4g/%s", w(r, "招引", "recruited"), num(p, "value"), w(r, "年", "yr"));
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
        if (g_strcmp0(str(p, "kind"), "renewal") == 0 && g_strcmp0(str(p, "from"), str(s, "id")) == 0)
            renew = num(p, "value");
    }
    g_string_append(d, "  \"");
    dot_append(d, str(s, "id"));
    g_string_append(d, "\" -> \"");
    dot_append(d, str(s, "lapse_to"));
    g_string_append_printf(d, "\" [style=dashed, color=\"#888888\", label=\"%s %.0f%s, %s %.3g\"];\n",
                           w(r, "有效期", "valid"), num(s, "renewal_years"), w(r, " 年", "y"), w(r, "续期", "renewed"),
                           renew);
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
    g_string_append(d, "  \"");
    dot_append(d, str(p, "from"));
    g_string_append(d, "\" -> \"");
    dot_append(d, str(p, "to"));
    g_string_append_printf(d, "\" [label=\"%.3g%s\"%s];\n", num(p, "value"), m ? m->str : "",
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
    g_string_append(d, "  \"");
    dot_append(d, node);
    g_string_append(d, "\" [shape=note, style=filled, fillcolor=\"#fff4d6\", color=\"#b07d10\", label=\"");
    dot_append(d, str(l, "name"));
    g_string_append_printf(d, "\\n(%s)\"];\n", w(r, "名单", "list"));
    JsonArray *members = arr(l, "stages");
    for (guint j = 0; j < len(members); j++) {
        if (str_at(members, j) == NULL)
            continue;
        g_string_append(d, "  \"");
        dot_append(d, str_at(members, j));
        g_string_append(d, "\" -> \"");
        dot_append(d, node);
        g_string_append_printf(d, "\" [style=dotted, color=\"#b07d10\", fontcolor=\"#b07d10\", label=\"%s\", "
                               "constraint=false];\n", w(r, "全部", "all"));
    }
    for (guint j = 0; j < len(params); j++) {
        JsonObject *p = obj_at(params, j);
        if (g_strcmp0(str(p, "kind"), "share") != 0 || g_strcmp0(str(p, "list"), str(l, "id")) != 0 ||
            str(p, "from") == NULL)
            continue;
        g_string_append(d, "  \"");
        dot_append(d, str(p, "from"));
        g_string_append(d, "\" -> \"");
        dot_append(d, node);
        g_string_append_printf(d, "\" [style=dotted, color=\"#b07d10\", fontcolor=\"#b07d10\", label=\"%s %.3g\", "
                               "constraint=false];\n", w(r, "占", "share"), num(p, "value"));
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
        if (g_strcmp0(str(obj_at(params, j), "kind"), "edge") == 0)
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
    Report r = {.lang = g_strcmp0(lang, "en") == 0 ? "en" : "zh", .scenario = scenario};
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
        *why = g_strdup(w(r, "（未安装 Graphviz，未画阶梯图：apt-get install graphviz）",
                          "(Graphviz is not installed, so the diagram is missing: apt-get install graphviz)"));
        return NULL;
    }
    /* no ladder the scenario loader accepts is larger; a hand-made one
     * could keep dot busy for hours */
    if (len(arr(obj(r->scenario), "stages")) > MODEL_MAX_STAGES) {
        *why = g_strdup(w(r, "（阶段多于 64 个，未画阶梯图）", "(more than 64 stages: the diagram is not drawn)"));
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
                                                       ? w(r, "SVG 不完整", "its SVG is cut short")
                                                       : w(r, "dot 出错退出", "dot exited with an error"));
        *why = g_strconcat(w(r, "（Graphviz 未能画出阶梯图：", "(Graphviz could not draw the diagram: "), said,
                           w(r, "）", ")"), NULL);
        return NULL;
    }
    return g_strndup(start, n - (gsize)(start - text));
}

static void section_ladder(GString *out, Report *r)
{
    g_string_append_printf(out, "<h2>%s</h2>\n", w(r, "阶梯结构", "The ladder"));
    g_autofree char *why = NULL;
    g_autofree char *svg = ladder_svg(r, &why);
    if (svg == NULL) {
        g_string_append_printf(out, "<p class=\"muted\">");
        esc(out, why);
        g_string_append(out, "</p>\n");
        return;
    }
    g_string_append_printf(out, "<figure class=\"chart ladder\">%s<figcaption>%s</figcaption></figure>\n", svg,
                           w(r, "方框为阶段（基数为基准年末企业数）；箭头为年转化概率（中心值）；红色为政策改变的转化；虚线为资格到期未续期的降级；"
                             "黄色为名单（认定口径的计数），点线标出计入它的阶段（全部或按占比）。",
                             "Boxes are stages (baseline: firms at the end of the base year); arrows are annual "
                             "probabilities (central values); red ones are changed by a policy; dashed ones are lapses of "
                             "a status not renewed; yellow notes are lists (designation counts), dotted lines the stages "
                             "they count (all, or a share)."));
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

/* The lists at the horizon: what each counts and its expected count, median
 * and P5–P95; nothing when the summary has none. */
static void lists_table(GString *out, const Report *r)
{
    JsonArray *lists = arr(obj(r->summary), "lists"), *defs = arr(obj(r->scenario), "lists");
    if (len(lists) == 0)
        return;
    g_string_append_printf(out, "<h3>%s</h3>\n<p class=\"muted\">%s</p>\n", w(r, "名单", "Lists"),
                           w(r, "名单按认定口径计数（如有效高企含瞪羚、独角兽中的高企），与阶段重叠，不可与阶段相加。",
                             "Lists count designations (valid 高企 certificates include the 瞪羚 and 独角兽 holding "
                             "one); they overlap the stages and are not to be added to them."));
    g_string_append_printf(out, "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>P5–P95</th></tr>\n",
                           w(r, "名单", "List"), w(r, "计入", "Counts"), w(r, "期末精确期望", "Expected at the horizon"),
                           w(r, "中位数", "Median"));
    for (guint i = 0; i < len(lists); i++) {
        JsonObject *l = obj_at(lists, i), *c = obj(member(l, "count"));
        JsonObject *def = i < len(defs) ? obj_at(defs, i) : NULL;
        guint last = len(arr(c, "mean")) ? len(arr(c, "mean")) - 1 : 0;
        g_string_append(out, "<tr><td>");
        esc(out, str(l, "name"));
        g_string_append(out, "</td><td>");
        JsonArray *members = arr(def, "stages"), *params = arr(obj(r->scenario), "parameters");
        for (guint j = 0; j < len(members); j++) {
            g_string_append(out, j ? w(r, "、", ", ") : "");
            esc(out, stage_name(r, str_at(members, j)));
        }
        /* each share as its stage and central value, "上市 × 0.6" */
        for (guint j = 0, n = len(members); j < len(params); j++) {
            JsonObject *p = obj_at(params, j);
            if (g_strcmp0(str(p, "kind"), "share") != 0 || g_strcmp0(str(p, "list"), str(l, "id")) != 0)
                continue;
            g_string_append(out, n++ ? w(r, "、", ", ") : "");
            esc(out, stage_name(r, str(p, "from")));
            g_string_append(out, " × ");
            number(out, num(p, "value"));
        }
        g_string_append_printf(out, "</td><td class=\"n\">%.1f</td><td class=\"n\">%.0f</td>"
                               "<td class=\"n\">%.0f–%.0f</td></tr>\n",
                               num_at(arr(c, "expected"), last), num_at(arr(c, "p50"), last),
                               num_at(arr(c, "p5"), last), num_at(arr(c, "p95"), last));
    }
    g_string_append(out, "</table>\n");
}

static void section_charts(GString *out, const Report *r)
{
    const char *d = r->scenario_dir;
    g_string_append_printf(out, "<h2>%s</h2>\n<p class=\"muted\">%s</p>\n", w(r, "各阶段企业数", "Firms in each stage"),
                           w(r, "阶段互斥：每家企业只计入其所在的一个阶段（高企阶段不含已成为瞪羚、独角兽的企业）。",
                             "Stages are exclusive: each firm counts in one stage (the 高企 stage leaves out firms "
                             "that became 瞪羚 or 独角兽)."));
    inline_svg(out, d, "targets.svg", NULL);
    inline_fans(out, d, arr(obj(r->scenario), "stages"));  /* in ladder order */
    lists_table(out, r);
    inline_fans(out, d, arr(obj(r->scenario), "lists"));
    inline_svg(out, d, "composition.svg", NULL);
    inline_svgs(out, d, "target_");
}

/* The charts of compare, sensitivity, solve and calibrate, when the folder
 * holds them. */
static void section_analyses(GString *out, const Report *r)
{
    static const struct {
        ResultsKind json;
        const char *prefix, *zh, *en;
    } kinds[] = {
        {RESULTS_COMPARE, "compare_", "政策比较", "Comparing policies"},
        {RESULTS_SENSITIVITY, "tornado_", "哪个假设最要紧", "Which assumption matters most"},
        {RESULTS_SOLVE, "solve", "要做多少", "How much must be done"},
        {RESULTS_CALIBRATE, "calibrate_", "按公布数据校准", "Calibration to published counts"},
        {RESULTS_BACKTEST, "calibrate_", "回测", "Backtest"},
    };
    gboolean is_backtest = r->files[RESULTS_BACKTEST] != NULL;
    for (gsize i = 0; i < G_N_ELEMENTS(kinds); i++) {
        /* a backtest's folder holds calibrate.json too: its charts once */
        if (r->files[kinds[i].json] == NULL || (is_backtest && kinds[i].json == RESULTS_CALIBRATE))
            continue;
        g_string_append_printf(out, "<h2>%s</h2>\n", w(r, kinds[i].zh, kinds[i].en));
        inline_svgs(out, r->dir, kinds[i].prefix);
        g_string_append_printf(out, "<p class=\"muted\">%s <code>%s</code></p>\n", w(r, "全部数字见", "Every figure is in"),
                               results_file(kinds[i].json));
    }
}

/* The change each other scenario of a comparison makes, first. */
static void section_compare(GString *out, const Report *r)
{
    JsonArray *diffs = arr(obj(r->files[RESULTS_COMPARE]), "differences");
    if (diffs == NULL)
        return;
    g_string_append_printf(out, "<h2>%s</h2>\n<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                           w(r, "结论：政策带来的变化", "Answer: what each policy changes"), w(r, "情景", "Scenario"),
                           w(r, "目标", "Target"), w(r, "达成概率：基准 → 本情景", "Probability: base → this"),
                           w(r, "差值（百分点）", "Difference (points)"), w(r, "95% 区间", "95% interval"));
    for (guint i = 0; i < len(diffs); i++) {
        JsonObject *d = obj_at(diffs, i);
        JsonArray *ci = arr(d, "ci95");
        g_string_append(out, "<tr><td>");
        esc(out, str(d, "scenario"));
        g_string_append(out, "</td><td>");
        esc(out, str(d, "target"));
        g_string_append(out, "</td><td class=\"n\">");
        percent(out, num(d, "probability_base"));
        g_string_append(out, " → ");
        percent(out, num(d, "probability"));
        g_string_append_printf(out, "</td><td class=\"n\">%+.1f</td><td class=\"n\">", 100 * num(d, "difference"));
        if (len(ci) == 2)
            g_string_append_printf(out, "%+.1f … %+.1f", 100 * num_at(ci, 0), 100 * num_at(ci, 1));
        g_string_append(out, "</td></tr>\n");
    }
    g_string_append_printf(out, "</table>\n<p class=\"muted\">%s</p>\n",
                           w(r, "各情景使用相同的随机数（共同随机数），差值来自逐次配对的模拟。下文的结论与阶梯图为基准情景的。",
                             "Every scenario runs on the same random numbers (common random numbers); differences come "
                             "from paired replications. The verdicts and diagram below are the base scenario's."));
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
 * beside it.  Nothing for a solve.json written before it had a base. */
static void solve_base(GString *out, const Report *r, JsonObject *o)
{
    if (isnan(num(o, "base_probability")))
        return;
    if (flag(o, "base_is_run")) {
        g_string_append(out, w(r, "基准：与 ladder run 相同的 ", "Base: the same "));
        percent(out, num(o, "base_probability"));
        g_string_append(out, w(r, "。", " as ladder run."));
        return;
    }
    g_string_append(out, w(r, "基准：", "Base: "));
    percent(out, num(o, "base_probability"));
    g_string_append(out, w(r, "，不同于 ladder run 的 ", ", not ladder run's "));
    percent(out, num(o, "run_probability"));
    g_string_append_printf(out, w(r, "，因为 %.0f 年起 <code>", ", because from %.0f on <code>"), num(o, "from"));
    esc(out, str(o, "lever"));
    g_string_append_printf(out, w(r, "</code> 固定取值（当前 %.6g），不再按 [uncertainty] 抽样（--mode set）。",
                                  "</code> is fixed at a value (now %.6g), no longer drawn from [uncertainty] (--mode set)."),
                           num(o, "parameter_central"));
}

/* The value found, its probability and one step short's. */
static void solve_reached(GString *out, const Report *r, JsonObject *o)
{
    g_string_append_printf(out, w(r, "从 %.0f 年起，<code>", "From %.0f on, <code>"), num(o, "from"));
    esc(out, str(o, "lever"));
    g_string_append(out, w(r, "</code> 取 ", "</code> at "));
    solve_value(out, o, "value");
    g_string_append(out, w(r, "（当前 ", " (now "));
    solve_value(out, o, "current_value");
    g_string_append(out, w(r, "）时，“", ") makes \""));
    esc(out, str(o, "target"));
    g_string_append(out, w(r, "”达成概率为 ", "\" as likely as "));
    percent(out, num(o, "probability"));
    g_string_append(out, w(r, "，不低于所要求的 ", ", at least the "));
    percent(out, num(o, "probability_wanted"));
    g_string_append(out, w(r, "；少一步时为 ", " wanted; one step short it is "));
    percent(out, num(o, "probability_one_step_short"));
    g_string_append(out, w(r, "。", "."));
}

/* The policy group to append to the scenario, when solve.json has one. */
static void solve_policy(GString *out, const Report *r, JsonObject *o)
{
    const char *group = str(o, "policy_line");
    if (group == NULL)
        return;
    g_string_append_printf(out, "<p>%s</p>\n<pre>",
                           w(r, "将以下政策组加到情景文件末尾，ladder run 即得同一概率（相同随机种子与模拟次数）：",
                             "Append this policy group to the scenario file and ladder run gives the same probability "
                             "(same seed and replications):"));
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
    g_string_append_printf(out, "<h2>%s</h2>\n<p>", w(r, "结论：要做多少", "Answer: how much must be done"));
    if (flag(o, "reachable")) {
        solve_reached(out, r, o);
    } else {
        g_string_append(out, w(r, "在所给范围内没有取值能达到所要求的概率；最好的是 ",
                                "No value within the bounds reaches the probability wanted; the best is "));
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

/* A sensitivity target's base, named as its table names it: `ladder
 * run`'s probability, or with --central the central one and, beside it,
 * why it is not run's.  A sensitivity.json without "base" (before
 * --central existed) ran at central values: its base is called that. */
static void sensitivity_base(GString *out, const Report *r, JsonObject *t)
{
    JsonObject *b = obj(member(t, "base"));
    const char *mode = str(b, "mode");
    if (mode && strcmp(mode, "run") == 0) {
        g_string_append(out, w(r, "基准：与 ladder run 相同的 ", "base: "));
        percent(out, num(b, "probability"));
        g_string_append(out, w(r, "", ", the same as ladder run"));
        return;
    }
    g_string_append(out, w(r, "基准：中心值 ", "base at central values: "));
    percent(out, b ? num(b, "probability") : num(t, "base_probability"));
    if (b == NULL || isnan(num(b, "run_probability"))) {
        g_string_append(out, w(r, "（所有参数取中心值，无 ladder run 的概率可比）",
                               " (every parameter at its central value; no ladder run probability to compare)"));
        return;
    }
    g_string_append(out, flag(b, "same_as_run") ? w(r, "（所有参数取中心值，与 ladder run 的 ", " (every parameter "
                                                  "at its central value; the same as ladder run's ")
                                                : w(r, "（所有参数取中心值，不同于 ladder run 的 ", " (every "
                                                  "parameter at its central value, unlike ladder run's "));
    percent(out, num(b, "run_probability"));
    g_string_append(out, flag(b, "same_as_run") ? w(r, " 相同）", ")") : w(r, "）", ")"));
}

/* The top of each tornado of a sensitivity, first, each under its base. */
static void section_sensitivity(GString *out, const Report *r)
{
    JsonArray *targets = arr(obj(r->files[RESULTS_SENSITIVITY]), "targets");
    if (targets == NULL)
        return;
    g_string_append_printf(out, "<h2>%s</h2>\n", w(r, "结论：哪个假设最要紧", "Answer: which assumption matters most"));
    for (guint i = 0; i < len(targets); i++) {
        JsonObject *t = obj_at(targets, i);
        JsonArray *rows = arr(t, "rows");
        g_string_append(out, "<p><b>");
        esc(out, str(t, "name"));
        g_string_append(out, "</b> · ");
        sensitivity_base(out, r, t);
        g_string_append_printf(out, "</p>\n<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                               w(r, "参数", "Parameter"), w(r, "低值 → 高值", "Low → high"),
                               w(r, "低值时概率", "At low"), w(r, "高值时概率", "At high"));
        for (guint k = 0; k < MIN(len(rows), 5u); k++) {
            JsonObject *row = obj_at(rows, k);
            g_string_append(out, "<tr><td>");
            esc(out, str(row, "label"));
            g_string_append(out, " <code>");
            esc(out, str(row, "parameter"));
            g_string_append(out, "</code></td><td class=\"n\">");
            number(out, num(row, "low"));
            g_string_append(out, " → ");
            number(out, num(row, "high"));
            g_string_append(out, "</td><td class=\"n\">");
            percent(out, num(row, "probability_low"));
            g_string_append(out, "</td><td class=\"n\">");
            percent(out, num(row, "probability_high"));
            g_string_append(out, "</td></tr>\n");
        }
        g_string_append(out, "</table>\n");
    }
}

static void assumption_row(GString *out, const char *key, const char *value, const char *dist, const char *note,
                           const char *dist_note)
{
    g_string_append(out, "<tr><td><code>");
    esc(out, key);
    g_string_append(out, "</code></td><td class=\"n\">");
    esc(out, value);
    g_string_append(out, "</td><td>");
    esc(out, dist ? dist : "");
    g_string_append(out, "</td><td class=\"note\">");
    esc(out, note ? note : "");
    if (dist_note) {
        g_string_append(out, note ? "\n" : "");
        esc(out, dist_note);
    }
    g_string_append(out, "</td></tr>\n");
}

static void section_assumptions(GString *out, const Report *r)
{
    JsonObject *sc = obj(r->scenario);
    g_string_append_printf(out, "<h2>%s</h2>\n<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                           w(r, "全部假设及其来源", "Every assumption and its source"), w(r, "参数", "Parameter"),
                           w(r, "取值", "Value"), w(r, "不确定性", "Uncertainty"),
                           w(r, "来源与说明（情景文件中的注释）", "Source and reasons (the scenario file's comments)"));
    JsonArray *stages = arr(sc, "stages");
    for (guint i = 0; i < len(stages); i++) {
        JsonObject *s = obj_at(stages, i);
        g_autofree char *key = g_strconcat("baseline.", str(s, "id") ? str(s, "id") : "", NULL);
        g_autofree char *v = g_strdup_printf("%.0f", num(s, "baseline"));
        assumption_row(out, key, v, str(s, "baseline_uncertainty"), str(s, "baseline_note"),
                       str(s, "baseline_uncertainty_note"));
    }
    JsonArray *params = arr(sc, "parameters");
    for (guint i = 0; i < len(params); i++) {
        JsonObject *p = obj_at(params, i);
        g_autoptr(GString) v = g_string_new(NULL);
        number(v, num(p, "value"));
        assumption_row(out, str(p, "key"), v->str, str(p, "uncertainty"), str(p, "note"), str(p, "uncertainty_note"));
    }
    g_string_append(out, "</table>\n");
    JsonArray *policies = arr(sc, "policies");
    for (guint i = 0; i < len(policies); i++) {
        JsonObject *p = obj_at(policies, i);
        g_string_append_printf(out, "<p><b>%s</b> ", w(r, "政策", "Policy"));
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

static void section_methods(GString *out, const Report *r)
{
    /* the run settings: the summary's, else those of a solve or sensitivity */
    JsonNode *solve = r->files[RESULTS_SOLVE], *sens = r->files[RESULTS_SENSITIVITY];
    JsonObject *s = obj(r->summary) ? obj(r->summary) : obj(solve) ? obj(solve) : obj(sens), *sc = obj(r->scenario);
    g_string_append_printf(out, "<h2>%s</h2>\n<p>%s</p>\n", w(r, "方法与复现", "Method, and how to reproduce it"),
                           w(r, "每个模拟年：每家企业在退出、沿各条边转化或留在原阶段之间按年概率抽取一个结果；资格到期的企业按续期率续期，未续期者降至指定阶段；然后新企业按泊松均值流入，招引按计划数加入。政策在其年份改变相应参数；[uncertainty] 中的参数每次模拟抽取一次。概率为达成目标的模拟次数占比，± 为其蒙特卡洛标准误 √(p(1−p)/n)；“精确期望”由队列递推精确算出。",
                             "Each simulated year every firm has one outcome, drawn from its stage's annual probabilities: "
                             "exit, a move along an edge, or staying; a status that reaches its valid years renews with the "
                             "renewal probability or lapses to its stage; then new firms arrive (Poisson) and recruited "
                             "ones join. Policies change their parameters in their years; [uncertainty] parameters are "
                             "drawn once per replication. A probability is the share of replications meeting the target, "
                             "± its Monte Carlo standard error √(p(1−p)/n); exact expectations come from a cohort "
                             "recursion."));
    g_string_append(out, "<table>\n");
    if (s) {
        g_string_append_printf(out, "<tr><th>%s</th><td>%.0f</td></tr>\n", w(r, "模拟次数", "Replications"),
                               num(s, "replications"));
        g_string_append_printf(out, "<tr><th>%s</th><td>%.0f</td></tr>\n", w(r, "随机种子", "Seed"), num(s, "seed"));
    }
    g_string_append_printf(out, "<tr><th>%s</th><td>ladder %s</td></tr>\n", w(r, "程序版本", "Program"), r->version);
    JsonArray *src = arr(sc, "sources");
    for (guint i = 0; i < len(src); i++) {
        JsonObject *f = obj_at(src, i);
        g_string_append_printf(out, "<tr><th>%s</th><td><code>", w(r, "情景文件", "Scenario file"));
        esc(out, str(f, "file"));
        g_string_append(out, "</code><br>SHA-256 <code>");
        esc(out, str(f, "sha256") ? str(f, "sha256") : "–");
        g_string_append(out, "</code></td></tr>\n");
    }
    g_string_append(out, "</table>\n");
    if (r->summary) {
        g_string_append_printf(out, "<p class=\"muted\">%s <code>ladder run ",
                               w(r, "同一程序版本下，以下命令给出逐字节相同的结果：", "With the same program version this gives the same bytes:"));
        esc(out, str(sc, "file"));
        g_string_append_printf(out, " --reps %.0f --seed %.0f</code></p>\n", num(s, "replications"), num(s, "seed"));
    }
}

static void page(GString *out, Report *r)
{
    JsonObject *sc = obj(r->scenario);
    g_string_append_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
                           strcmp(r->lang, "en") == 0 ? "en" : "zh-CN");
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
    /* the question each command answers, first */
    section_compare(out, r);
    section_solve(out, r);
    section_sensitivity(out, r);
    if (r->summary)
        section_verdict(out, r);
    section_ladder(out, r);
    if (r->summary)
        section_charts(out, r);
    section_analyses(out, r);
    section_assumptions(out, r);
    section_methods(out, r);
    g_string_append(out, "</body>\n</html>\n");
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
}

gboolean report_write(const char *dir, const char *lang, const char *output, const char *version,
                      gboolean *no_dot, GError **error)
{
    Report r = {.dir = dir, .version = version};
    GError *local = NULL;
    r.scenario_dir = find_scenario_dir(dir, &local);
    if (r.scenario_dir == NULL) {
        if (local == NULL)
            g_set_error(&local, LADDER_ERROR, LADDER_ERROR_INPUT,
                        "%s: not a ladder result folder (no scenario.json in it, its forecast/ or a "
                        "comparison's scenario folders)", dir);
        g_propagate_error(error, local);
        return FALSE;
    }
    gboolean ok = FALSE;
    if (read_files(&r, error)) {
        r.lang = lang ? lang : (g_strcmp0(str(obj(r.scenario), "language"), "en") == 0 ? "en" : "zh");
        g_autoptr(GString) out = g_string_new(NULL);
        page(out, &r);
        ok = outdir_write_file(output, out->str, (gssize)out->len, error);
    }
    if (no_dot)
        *no_dot = r.no_dot;
    report_clear(&r);
    return ok;
}
