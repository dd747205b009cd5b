/* out_cultivate.c: whom to help, written (out_cultivate.h): one JSON tree
 * that cultivation.csv's rows are copied from, so both show the same
 * figures; the data and scripts of the lists' bar charts and of the
 * firms' chances; and the lists as stdout prints them.
 * SPDX-License-Identifier: MIT */
#include "out_cultivate.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "i18n.h"
#include "out_csv.h"
#include "out_json.h"
#include "out_table.h"
#include "plot.h"
#include "results.h"
#include "text.h"

#define CHANCE_DECIMALS 9       /* chances, gains and their SEs, as firms.json's probabilities */
#define BAR_ROW_PX 30           /* one firm's row in a list's bar chart */
#define BAR_FRAME_PX 230        /* its title (up to four lines) and axis */
#define BAR_MIN_PX 380
#define BAR_PAD_SHARE 0.18      /* room right of the bars for their value labels, a share of the axis */
#define BAR_MIN_SPAN 1.0        /* percent or points shown at least, so a list of zeros has an axis */
#define BAR_TICKS 6             /* about this many ticks on the axis */
#define HIST_BINS 10            /* firms_chance: bins of 10 percentage points */
#define HIST_EDGE 1e-9          /* a chance of k/10 in floating point falls in the bin starting at it */
#define HIST_COLS 2             /* panels side by side */
#define HIST_PANEL_PX 330
#define HIST_FRAME_PX 90        /* the title above the panels */
#define CLEAR_ZERO 1e-15        /* |x| below this is no chance or no gain: the run's exact zeros */

/* How cultivation.json says the lists are ranked, in English. */
#define NOTE_GAIN                                                                                                  \
    "ranked by gain: the change of each firm's chance when it alone is given the service, on the run's own "     \
    "random numbers (common random numbers), so the gain is the service's doing and not noise; the top firms "   \
    "of each list with a positive gain are then served together in a second run of the same replications"
#define NOTE_CHANCE                                                                                                \
    "ranked by chance, no service given: --service KEY=CHANGE (such as 'tech_sme -> hightech = *1.3') ranks the " \
    "firms by the gain in their chance from a service given to each alone"

/* ---- what every writer reads ----------------------------------------------- */

static const Model *model_of(const OutCultivate *w)
{
    return w->lists->run->model;
}

static gboolean has_service(const OutCultivate *w)
{
    return w->lists->gain != NULL;
}

/* Target t's firms in their order: by gain with a service, else by chance. */
static const int *order_of(const OutCultivate *w, int t)
{
    const CultivateList *l = &w->lists->lists[t];
    return l->by_gain ? l->by_gain : l->by_chance;
}

/* Cell (firm f, target t) of the Cultivation's per-firm arrays. */
static gsize cell_of(const OutCultivate *w, int f, int t)
{
    return (gsize)f * w->lists->n_targets + t;
}

/* The figure a list is ranked by, for firm f and target t, and its SE. */
static double ranked_value(const OutCultivate *w, int f, int t, double *se)
{
    const Cultivation *c = w->lists;
    gsize i = cell_of(w, f, t);
    *se = has_service(w) ? c->gain_se[i] : c->chance_se[i];
    return has_service(w) ? c->gain[i] : c->chance[i];
}

/* rank[f]: 1 + firm f's place in `order` (n firms).  Caller frees. */
static int *ranks_of(const int *order, int n)
{
    int *rank = g_new(int, MAX(n, 1));
    for (int k = 0; k < n; k++)
        rank[order[k]] = k + 1;
    return rank;
}

/* Change i of service s alone as text, "hightech -> gazelle = *1.3".
 * Caller frees. */
static char *change_text(const Model *m, const CultivateService *s, int i)
{
    CultivateService one = {.n = 1, .param = {s->param[i]}, .op = {s->op[i]}, .x = {s->x[i]}};
    return cultivate_service_text(m, &one);
}

/* The service as the user reads it: its text, then its parameters in
 * words, "hightech -> gazelle = *1.3（高企 → 瞪羚）".  Caller frees. */
static char *service_words(const Model *m, const CultivateService *s)
{
    g_autofree char *text = cultivate_service_text(m, s);
    g_autoptr(GString) labels = g_string_new(NULL);
    for (int i = 0; i < s->n; i++) {
        g_autofree char *label = i18n_param_label(m, s->param[i], -1);
        g_string_append_printf(labels, "%s%s", i ? i18n_text(m->language, I18N_LIST_SEPARATOR) : "", label);
    }
    return g_strdup_printf(i18n_text(m->language, I18N_CULT_SERVICE_WORDS_FMT), text, labels->str);
}

/* Target t's top firms served together, as the files say it: serving none
 * (no firm gains) changes nothing, so the run's own figures then. */
typedef struct {
    int firms;
    double p, se, diff, diff_se;
    double all, all_se, all_diff, all_diff_se;
} Served;

static Served served_of(const OutCultivate *w, int t)
{
    const CultivateList *l = &w->lists->lists[t];
    const Summary *s = w->summary;
    if (l->n_top == 0)
        return (Served){0, s->targets[t].probability, s->targets[t].se, 0, 0, s->all_probability, s->all_se, 0, 0};
    return (Served){l->n_top, l->top_p, l->top_se, l->top_diff, l->top_diff_se,
                    l->top_all, l->top_all_se, l->top_all_diff, l->top_all_diff_se};
}

static char *percent(double p)
{
    return g_strdup_printf("%.1f%%", 100 * p);
}

/* TRUE when no roster firm can count toward target t, and no service
 * changes that: the list would be all zeros. */
static gboolean nobody_counts(const OutCultivate *w, int t)
{
    const Cultivation *c = w->lists;
    for (int f = 0; f < c->n_firms; f++) {
        gsize i = cell_of(w, f, t);
        if (fabs(c->chance[i]) > CLEAR_ZERO || (c->gain && fabs(c->gain[i]) > CLEAR_ZERO))
            return FALSE;
    }
    return TRUE;
}

/* TRUE when target t's list has something to show: with a service a firm
 * whose chance it raises, without one a firm that can count. */
static gboolean list_shown(const OutCultivate *w, int t)
{
    return has_service(w) ? w->lists->lists[t].n_top > 0 : !nobody_counts(w, t);
}

/* What serving target t's top firms together does, in words: "serving
 * the top 20 together: P(target) 40.5% → 42.8% (+2.3 ± 0.1 points,
 * paired)"; or, when no firm gains, that none does (and how far the
 * service lowers firms' chances, when it does); in `lang`.  Caller
 * frees. */
static char *served_text(const OutCultivate *w, int t, const char *lang)
{
    const Cultivation *c = w->lists;
    Served s = served_of(w, t);
    if (s.firms > 0) {
        g_autofree char *from = percent(w->summary->targets[t].probability), *to = percent(s.p);
        g_autofree char *change = out_table_points(s.diff, s.diff_se);
        I18nMessage fmt = s.firms < w->serve_top ? I18N_CULT_TOP_FEWER_FMT : I18N_CULT_TOP_FMT;
        return g_strdup_printf(i18n_text(lang, fmt), s.firms, from, to, change);
    }
    int lowered = 0;
    double least = 0;
    for (int f = 0; f < c->n_firms; f++) {
        double g = c->gain[cell_of(w, f, t)];
        lowered += g < -CLEAR_ZERO;
        least = MIN(least, g);
    }
    if (lowered == 0)
        return g_strdup(i18n_text(lang, I18N_CULT_TOP_NONE));
    g_autofree char *fall = out_table_points_alone(-least, FALSE);
    return g_strdup_printf(i18n_text(lang, I18N_CULT_LOWERS_FMT), lowered, fall);
}

/* ---- cultivation.json ------------------------------------------------------ */

/* service, service_changes, serve_top, ranked_by and note. */
static void add_service(JsonBuilder *b, const OutCultivate *w)
{
    const Model *m = model_of(w);
    const CultivateService *s = has_service(w) ? w->service : NULL;
    g_autofree char *text = s ? cultivate_service_text(m, s) : NULL;
    out_json_member_string(b, "service", text);
    json_builder_set_member_name(b, "service_changes");
    json_builder_begin_array(b);
    for (int i = 0; s && i < s->n; i++) {
        g_autofree char *one = change_text(m, s, i);
        json_builder_add_string_value(b, one);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "serve_top");
    if (s)
        json_builder_add_int_value(b, w->serve_top);
    else
        json_builder_add_null_value(b);
    out_json_member_string(b, "ranked_by", s ? "gain" : "chance");
    out_json_member_string(b, "note", s ? NOTE_GAIN : NOTE_CHANCE);
}

/* "served_together" of target t: null without a service. */
static void add_served(JsonBuilder *b, const OutCultivate *w, int t)
{
    json_builder_set_member_name(b, "served_together");
    if (!has_service(w)) {
        json_builder_add_null_value(b);
        return;
    }
    Served s = served_of(w, t);
    json_builder_begin_object(b);
    out_json_member_int(b, "firms", s.firms);
    out_json_member_double(b, "probability", s.p, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "se", s.se, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "difference", s.diff, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "difference_se", s.diff_se, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "all_probability", s.all, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "all_se", s.all_se, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "all_difference", s.all_diff, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "all_difference_se", s.all_diff_se, OUT_JSON_PROB_DECIMALS);
    json_builder_set_member_name(b, "words");
    json_builder_begin_object(b);
    static const char *const languages[] = {"zh", "en"};
    for (gsize i = 0; i < G_N_ELEMENTS(languages); i++) {
        g_autofree char *text = served_text(w, t, languages[i]);
        out_json_member_string(b, languages[i], text);
    }
    json_builder_end_object(b);
    json_builder_end_object(b);
}

/* Firm f's value of each of the roster's attribute columns, as read (not
 * rounded: they are the bureau's own figures). */
static void add_attributes(JsonBuilder *b, const Roster *r, int f)
{
    json_builder_set_member_name(b, "attributes");
    json_builder_begin_object(b);
    for (int a = 0; a < r->n_attrs; a++) {
        json_builder_set_member_name(b, r->attr_names[a]);
        json_builder_add_double_value(b, roster_value(r, f, a));
    }
    json_builder_end_object(b);
}

/* Firm f on target t's list; rank_chance and rank_gain (NULL without a
 * service) its places, n_top the firms served together. */
static void add_firm(JsonBuilder *b, const OutCultivate *w, int t, int f, const int *rank_chance,
                     const int *rank_gain)
{
    const Cultivation *c = w->lists;
    const Model *m = model_of(w);
    const RosterFirm *firm = &w->roster->firms[f];
    gsize i = cell_of(w, f, t);
    gboolean sv = has_service(w);
    json_builder_begin_object(b);
    out_json_member_string(b, "id", firm->id);
    out_json_member_string(b, "name", firm->name);
    out_json_member_string(b, "stage", m->stages[firm->stage].id);
    out_json_member_string(b, "stage_name", model_stage_name(m, firm->stage));
    out_json_member_int(b, "years_in_stage", firm->years_in_stage);
    out_json_member_double(b, "chance", c->chance[i], CHANCE_DECIMALS);
    out_json_member_double(b, "chance_se", c->chance_se[i], CHANCE_DECIMALS);
    out_json_member_int(b, "rank_by_chance", rank_chance[f]);
    out_json_member_double(b, "gain", sv ? c->gain[i] : NAN, CHANCE_DECIMALS);
    out_json_member_double(b, "gain_se", sv ? c->gain_se[i] : NAN, CHANCE_DECIMALS);
    json_builder_set_member_name(b, "rank_by_gain");
    if (sv)
        json_builder_add_int_value(b, rank_gain[f]);
    else
        json_builder_add_null_value(b);
    out_json_member_double(b, "changed", sv ? c->changed[f] : NAN, CHANCE_DECIMALS);
    json_builder_set_member_name(b, "served_together");
    if (sv)
        json_builder_add_boolean_value(b, rank_gain[f] <= c->lists[t].n_top);
    else
        json_builder_add_null_value(b);
    add_attributes(b, w->roster, f);
    json_builder_end_object(b);
}

/* Target t: what it asks, the run's probability, the top served together,
 * and every firm in rank order. */
static void add_target(JsonBuilder *b, const OutCultivate *w, int t)
{
    const Cultivation *c = w->lists;
    const CultivateList *l = &c->lists[t];
    g_autofree int *rank_chance = ranks_of(l->by_chance, c->n_firms);
    g_autofree int *rank_gain = l->by_gain ? ranks_of(l->by_gain, c->n_firms) : NULL;
    const int *order = order_of(w, t);
    json_builder_begin_object(b);
    out_json_target_definition(b, model_of(w), t);
    out_json_member_double(b, "probability", w->summary->targets[t].probability, OUT_JSON_PROB_DECIMALS);
    out_json_member_double(b, "se", w->summary->targets[t].se, OUT_JSON_PROB_DECIMALS);
    add_served(b, w, t);
    json_builder_set_member_name(b, "firms");
    json_builder_begin_array(b);
    for (int k = 0; k < c->n_firms; k++)
        add_firm(b, w, t, order[k], rank_chance, rank_gain);
    json_builder_end_array(b);
    json_builder_end_object(b);
}

/* cultivation.json's tree (caller frees). */
static JsonNode *cultivation_tree(const OutCultivate *w)
{
    const Roster *r = w->roster;
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    out_json_member_string(b, "roster", r->file);
    out_json_member_string(b, "roster_sha256", r->sha256);
    out_json_member_run(b, &w->lists->run->config);
    add_service(b, w);
    json_builder_set_member_name(b, "attributes");
    json_builder_begin_array(b);
    for (int a = 0; a < r->n_attrs; a++)
        json_builder_add_string_value(b, r->attr_names[a]);
    json_builder_end_array(b);
    json_builder_set_member_name(b, "targets");
    json_builder_begin_array(b);
    for (int t = 0; t < w->lists->n_targets; t++)
        add_target(b, w, t);
    json_builder_end_array(b);
    json_builder_end_object(b);
    return json_builder_get_root(b);
}

/* cultivation.csv's rows from the tree: each target's firms in order, each
 * with the target's name, condition, year and run probability. */
static JsonArray *csv_rows(JsonNode *root)
{
    static const char *const from_target[] = {"condition", "year", "probability"};
    JsonArray *rows = json_array_new();
    JsonArray *targets = json_object_get_array_member(json_node_get_object(root), "targets");
    for (guint t = 0; t < json_array_get_length(targets); t++) {
        JsonObject *target = json_array_get_object_element(targets, t);
        JsonArray *firms = json_object_get_array_member(target, "firms");
        for (guint k = 0; k < json_array_get_length(firms); k++) {
            JsonObject *row = json_object_new();
            json_object_set_member(row, "target", json_node_copy(json_object_get_member(target, "name")));
            out_csv_row_merge(row, json_array_get_object_element(firms, k));
            for (gsize i = 0; i < G_N_ELEMENTS(from_target); i++)
                json_object_set_member(row, from_target[i],
                                       json_node_copy(json_object_get_member(target, from_target[i])));
            json_array_add_object_element(rows, row);
        }
    }
    return rows;
}

/* ---- the bar chart of a list ----------------------------------------------- */

/* A step of 1, 2 or 5 times a power of ten, at least `x` (> 0). */
static double nice_step(double x)
{
    double p = pow(10, floor(log10(x))), r = x / p;
    return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * p;
}

/* A bar's label: the firm's name and id. Caller frees. */
static char *bar_label(const RosterFirm *f)
{
    return g_strdup_printf("%s %s", f->name, f->id);
}

/* cultivation_<k>.dat: row (the first firm on top), label, the figure the
 * list is ranked by in percent (points for a gain), its ±1.96 SE
 * half-width, and the text shown beside the bar. */
static char *bars_data(const OutCultivate *w, int t, int n)
{
    GString *out = g_string_new("# row label value_pct error_pct text\n");
    const int *order = order_of(w, t);
    for (int k = 0; k < n; k++) {
        double se = 0, x = 100 * ranked_value(w, order[k], t, &se);
        g_autofree char *text = bar_label(&w->roster->firms[order[k]]);
        g_autofree char *label = plot_data_label(text);
        g_autofree char *shown = has_service(w) ? out_table_points_alone(x / 100, TRUE)
                                                : g_strdup_printf("%.1f%%", x);
        g_string_append_printf(out, "%d \"%s\" %.4f %.4f \"%s\"\n", n - k, label, x, PLOT_Z95 * 100 * se, shown);
    }
    return g_string_free(out, FALSE);
}

/* @XMIN@, @XMAX@ and @XTICS@: 0, every bar and its error bar, room right of
 * them for the labels; a chance's ticks stop at 100%. */
static void bars_range(const OutCultivate *w, int t, int n, PlotVars *v)
{
    const int *order = order_of(w, t);
    double lo = 0, hi = 0;
    for (int k = 0; k < n; k++) {
        double se = 0, x = 100 * ranked_value(w, order[k], t, &se);
        lo = MIN(lo, x - PLOT_Z95 * 100 * se);
        hi = MAX(hi, x + PLOT_Z95 * 100 * se);
    }
    double step = nice_step(MAX(hi - lo, BAR_MIN_SPAN) / BAR_TICKS);
    double first = floor(lo / step) * step, last = MAX(ceil(hi / step) * step, first + step);
    if (!has_service(w))
        last = MIN(last, 100.0);
    double xmax = MAX(last, hi) + BAR_PAD_SHARE * (MAX(last, hi) - first);
    g_autofree char *tics = g_strdup_printf("%g, %g, %g", first, step, last);
    plot_set_double(v, "XMIN", first);
    plot_set_double(v, "XMAX", xmax);
    plot_set_raw(v, "XTICS", tics);
}

/* Left margin in characters: the widest label (a Chinese character is two). */
static guint bars_margin(const OutCultivate *w, int t, int n)
{
    guint width = 0;
    for (int k = 0; k < n; k++) {
        g_autofree char *label = bar_label(&w->roster->firms[order_of(w, t)[k]]);
        width = MAX(width, text_display_width(label));
    }
    return width + 3;
}

/* Title, axis and layout of target t's chart of n firms. */
static void bars_vars(const OutCultivate *w, int t, int n, PlotVars *v)
{
    const Model *m = model_of(w);
    const char *lang = m->language;
    g_autofree char *title = g_strdup_printf(i18n_text(lang, I18N_CULT_CHART_TITLE_FMT), m->targets[t].name, n);
    g_autofree char *condition = i18n_target_condition(m, t);
    g_autofree char *service = has_service(w) ? service_words(m, w->service) : NULL;
    g_autofree char *how = service ? g_strdup_printf(i18n_text(lang, I18N_CULT_CHART_SERVICE_FMT), service)
                                   : g_strdup(i18n_text(lang, I18N_CULT_CHART_CHANCE));
    g_autofree char *served = service ? served_text(w, t, lang) : NULL;
    /* a line each: one line of them all ran off an 1100 px chart */
    const char *lines[] = {condition, how, served};
    g_autoptr(GString) subtitle = g_string_new(NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(lines) && lines[i]; i++) {
        g_autofree char *raw = plot_escape(lines[i]);
        g_string_append_printf(subtitle, "%s%s", i ? "\\n" : "", raw);
    }
    plot_set_text(v, "TITLE", title);
    plot_set_raw(v, "SUBTITLE", subtitle->str);
    plot_set_text(v, "XLABEL", i18n_text(lang, service ? I18N_CULT_GAIN_AXIS : I18N_CULT_CHANCE_AXIS));
    plot_set_int(v, "N", n);
    plot_set_int(v, "HEIGHT", MAX(BAR_MIN_PX, BAR_FRAME_PX + BAR_ROW_PX * n));
    plot_set_int(v, "LMARGIN", bars_margin(w, t, n));
    bars_range(w, t, n, v);
}

/* cultivation_<t+1>.dat and .gp: target t's top firms; nothing when its
 * list has nothing to show (list_shown). */
static gboolean write_bars(const OutCultivate *w, int t, const char *dir, GError **error)
{
    int n = MIN(w->lists->n_firms, OUT_CULTIVATE_CHART_ROWS);
    if (!list_shown(w, t))
        return TRUE;
    g_autofree char *name = g_strdup_printf("cultivation_%d", t + 1);
    g_autofree char *data = bars_data(w, t, n);
    g_autoptr(GHashTable) v = plot_vars_new();
    bars_vars(w, t, n, v);
    return plot_write_chart(dir, name, data, "cultivation.gp", v, error);
}

/* ---- the firms' chances ------------------------------------------------------ */

/* firms_chance.dat: a block per target (gnuplot's `index`), each row a bin
 * of HIST_BINS over 0..100%: its centre in percent and its firms.  A
 * chance is clamped into 0..1 (a `new` target's expected entries may
 * pass 1); 100% falls in the last bin. */
static char *hist_data(const OutCultivate *w)
{
    const Cultivation *c = w->lists;
    GString *out = g_string_new("# per target (index 0, 1, ...): bin_centre_pct firms\n");
    for (int t = 0; t < c->n_targets; t++) {
        int count[HIST_BINS] = {0};
        for (int f = 0; f < c->n_firms; f++) {
            double p = CLAMP(c->chance[cell_of(w, f, t)], 0.0, 1.0);
            count[MIN((int)floor(p * HIST_BINS + HIST_EDGE), HIST_BINS - 1)]++;
        }
        g_string_append_printf(out, "%s# target %d\n", t ? "\n\n" : "", t + 1);
        for (int k = 0; k < HIST_BINS; k++)
            g_string_append_printf(out, "%g %d\n", (k + 0.5) * 100.0 / HIST_BINS, count[k]);
    }
    return g_string_free(out, FALSE);
}

/* @PANELS@: `panel[k] = "NAME\nCONDITION"` for each target. */
static char *hist_panels(const Model *m)
{
    GString *out = g_string_new(NULL);
    for (int t = 0; t < m->n_targets; t++) {
        g_autofree char *condition = i18n_target_condition(m, t);
        g_autofree char *name = plot_escape(m->targets[t].name), *cond = plot_escape(condition);
        g_string_append_printf(out, "panel[%d] = \"%s\\n%s\"\n", t + 1, name, cond);
    }
    return g_string_free(out, FALSE);
}

/* firms_chance.dat and .gp: a histogram panel per target; nothing without
 * targets. */
static gboolean write_hist(const OutCultivate *w, const char *dir, GError **error)
{
    const Model *m = model_of(w);
    int T = m->n_targets, rows = (T + HIST_COLS - 1) / HIST_COLS;
    if (T == 0)
        return TRUE;
    g_autofree char *data = hist_data(w), *panels = hist_panels(m);
    g_autofree char *title = g_strdup_printf(i18n_text(m->language, I18N_FIRMS_CHANCE_TITLE_FMT), w->lists->n_firms);
    g_autoptr(GHashTable) v = plot_vars_new();
    plot_set_text(v, "TITLE", title);
    plot_set_text(v, "NOTE", i18n_text(m->language, I18N_FIRMS_CHANCE_NOTE));
    plot_set_text(v, "XLABEL", i18n_text(m->language, I18N_FIRMS_CHANCE_AXIS));
    plot_set_text(v, "YLABEL", i18n_text(m->language, I18N_FIRMS));
    plot_set_raw(v, "PANELS", panels);
    plot_set_int(v, "N", T);
    plot_set_int(v, "ROWS", rows);
    plot_set_int(v, "COLS", MIN(T, HIST_COLS));
    plot_set_int(v, "HEIGHT", HIST_FRAME_PX + HIST_PANEL_PX * rows);
    return plot_write_chart(dir, "firms_chance", data, "firms_chance.gp", v, error);
}

gboolean out_cultivate_write(const OutCultivate *w, const char *dir, GError **error)
{
    g_return_val_if_fail(w != NULL && w->lists != NULL && w->summary != NULL && w->roster != NULL, FALSE);
    g_return_val_if_fail(w->roster->n_firms == w->lists->n_firms, FALSE);
    g_return_val_if_fail((w->service != NULL) == has_service(w), FALSE);
    g_autoptr(JsonNode) root = cultivation_tree(w);
    g_autofree char *json = g_build_filename(dir, results_file(RESULTS_CULTIVATION), NULL);
    if (!results_save(RESULTS_CULTIVATION, root, json, error))
        return FALSE;
    g_autoptr(JsonArray) rows = csv_rows(root);
    if (!out_csv_write_rows(RESULTS_CSV_CULTIVATION, model_of(w)->language, rows, dir, error))
        return FALSE;
    for (int t = 0; t < w->lists->n_targets; t++)
        if (!write_bars(w, t, dir, error))
            return FALSE;
    return write_hist(w, dir, error);
}

/* ---- the lists on stdout ---------------------------------------------------- */

/* One firm's row: rank, name, id, stage, chance ± SE, and gain ± SE with a
 * service. */
static void add_row(TextTable *table, const OutCultivate *w, int t, int k)
{
    const Cultivation *c = w->lists;
    int f = order_of(w, t)[k];
    const RosterFirm *firm = &w->roster->firms[f];
    gsize i = cell_of(w, f, t);
    g_autofree char *rank = g_strdup_printf("%d", k + 1);
    g_autofree char *chance = out_table_probability(c->chance[i], c->chance_se[i]);
    g_autofree char *gain = c->gain ? out_table_points(c->gain[i], c->gain_se[i]) : NULL;
    const char *cells[] = {rank, firm->name, firm->id, model_stage_name(model_of(w), firm->stage), chance, gain};
    text_table_add(table, cells);
}

/* Target t: its line, its top firms, what serving them together does
 * (only that line when no firm gains: the list would rank zeros). */
static void append_list(const OutCultivate *w, int t, GString *out)
{
    const Model *m = model_of(w);
    const char *lang = m->language;
    const TargetSummary *ts = &w->summary->targets[t];
    g_autofree char *condition = i18n_target_condition(m, t);
    g_autofree char *p = out_table_probability(ts->probability, ts->se);
    g_string_append_c(out, '\n');
    g_string_append_printf(out, i18n_text(lang, I18N_CULT_TARGET_FMT), m->targets[t].name, condition, p);
    g_string_append_c(out, '\n');
    g_autofree char *served = has_service(w) ? served_text(w, t, lang) : NULL;
    if (!list_shown(w, t)) {
        g_string_append_printf(out, "%s%s\n", TEXT_TABLE_INDENT, served ? served : i18n_text(lang, I18N_CULT_NO_CHANCE));
        return;
    }
    const gboolean right[] = {TRUE, FALSE, FALSE, FALSE, TRUE, TRUE};
    const char *head[] = {i18n_text(lang, I18N_CULT_RANK), i18n_text(lang, I18N_CULT_FIRM),
                          i18n_text(lang, I18N_CULT_ID), i18n_text(lang, I18N_STAGE),
                          i18n_text(lang, I18N_CULT_CHANCE), i18n_text(lang, I18N_CULT_GAIN)};
    TextTable table;
    text_table_init(&table, has_service(w) ? 6 : 5, right);
    text_table_add(&table, head);
    for (int k = 0; k < MIN(w->lists->n_firms, OUT_CULTIVATE_TABLE_ROWS); k++)
        add_row(&table, w, t, k);
    text_table_flush(&table, out);
    if (served)
        g_string_append_printf(out, "%s%s\n", TEXT_TABLE_INDENT, served);
}

void out_cultivate_table(const OutCultivate *w, const char *csv, GString *out)
{
    g_return_if_fail(w != NULL && csv != NULL && out != NULL);
    const Model *m = model_of(w);
    const char *lang = m->language;
    if (has_service(w)) {
        g_autofree char *service = service_words(m, w->service);
        g_string_append_printf(out, i18n_text(lang, I18N_CULT_HEADING_GAIN_FMT), service);
    } else {
        g_string_append(out, i18n_text(lang, I18N_CULT_HEADING_CHANCE));
    }
    g_string_append_c(out, '\n');
    for (int t = 0; t < w->lists->n_targets; t++)
        append_list(w, t, out);
    g_string_append_c(out, '\n');
    g_string_append_printf(out, i18n_text(lang, I18N_CULT_CSV_FMT), csv);
    g_string_append_c(out, '\n');
}
