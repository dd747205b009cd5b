/* scenario.c: turns the groups and keys of a scenario file into a validated
 * Model, rejecting every unknown name with the nearest known one suggested.
 * SPDX-License-Identifier: MIT */
#include "scenario.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "inifile.h"
#include "region.h"
#include "text.h"

#define SCENARIO_MAX_COST 1e9                  /* 万元: 10^13 yuan, beyond any district's budget */
#define SCENARIO_YEAR_MIN 1900
#define SCENARIO_YEAR_MAX 2300

/* The model under construction, with growable arrays. */
typedef struct {
    Model *m;
    GArray *stages;    /* Stage */
    GArray *params;    /* Param */
    GArray *policies;  /* Policy */
    GArray *targets;   /* Target */
    GArray *lists;     /* List */
    GArray *attrs;     /* Attribute */
    GArray *effects;   /* Effect */
} Builder;

typedef gboolean (*GroupReader)(Builder *b, const IniGroup *g, GError **error);

/* ---- messages ---------------------------------------------------------- */

/* "file:line: [group] key = value: what", the shape of every entry error. */
static gboolean entry_error(GError **error, const IniGroup *g, const IniEntry *e, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

static gboolean entry_error(GError **error, const IniGroup *g, const IniEntry *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s:%d: [%s] %s = %s: %s",
                e->where.file, e->where.line, g->name, e->key, e->value, what);
    return FALSE;
}

static gboolean group_error(GError **error, const IniGroup *g, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static gboolean group_error(GError **error, const IniGroup *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s:%d: [%s]: %s", g->where.file,
                g->where.line, g->name, what);
    return FALSE;
}

/* An error for an unknown name, suggesting the nearest of `known`. */
static gboolean unknown_error(GError **error, const IniGroup *g, const IniEntry *e, const char *what,
                              const char *name, const char *const *known)
{
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "unknown %s '%s'", what, name);
    text_append_suggestion(msg, name, known);
    return entry_error(error, g, e, "%s", msg->str);
}

/* unknown_error for a key of a group whose keys are the few of `known`:
 * every one of them is listed when none is near. */
static gboolean unknown_fixed_key(GError **error, const IniGroup *g, const IniEntry *e, const char *const *known)
{
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "unknown key '%s'", e->key);
    if (text_nearest(e->key, known) != NULL) {
        text_append_suggestion(msg, e->key, known);
    } else {
        g_string_append_printf(msg, ": a key of [%s] must be one of ", g->name);
        text_append_list(msg, known);
    }
    return entry_error(error, g, e, "%s", msg->str);
}

/* ---- numbers ----------------------------------------------------------- */

/* The error for a value that is not the number `expected` says, with the
 * advice `why` (text_number_advice, taken; may be NULL) after it. */
static gboolean number_error(GError **error, const IniGroup *g, const IniEntry *e, char *why, const char *expected)
{
    g_autofree char *advice = why;
    return entry_error(error, g, e, "%s%s%s", expected, advice ? "; " : "", advice ? advice : "");
}

static gboolean read_int(const IniGroup *g, const IniEntry *e, gint64 lo, gint64 hi, gint64 *out,
                         GError **error)
{
    char *why = NULL;
    if (!text_parse_integer(e->value, lo, hi, out, &why)) {
        g_autofree char *expected = g_strdup_printf("expected a whole number from %" G_GINT64_FORMAT
                                                    " to %" G_GINT64_FORMAT, lo, hi);
        return number_error(error, g, e, why, expected);
    }
    return TRUE;
}

static gboolean check_probability(const IniGroup *g, const IniEntry *e, const char *text, double *out,
                                  GError **error)
{
    char *why = NULL;
    if (!text_parse_decimal(text, out, &why))
        return number_error(error, g, e, why, "expected a probability such as 0.08");
    if (!param_value_fits(PARAM_EXIT, *out))  /* every probability kind has the same bounds */
        return entry_error(error, g, e, "a probability must lie in [0, 1]");
    return TRUE;
}

static gboolean check_rate(const IniGroup *g, const IniEntry *e, double *out, GError **error)
{
    char *why = NULL;
    if (!text_parse_decimal(e->value, out, &why))
        return number_error(error, g, e, why, "expected a number of firms a year, such as 400");
    if (!param_value_fits(PARAM_INFLOW, *out))  /* every count kind has the same bounds */
        return entry_error(error, g, e, "firms a year must lie in [0, %g]", param_kind(PARAM_INFLOW)->max);
    return TRUE;
}

/* ---- stages and parameters --------------------------------------------- */

static Stage *stage_at(Builder *b, int i)
{
    return &g_array_index(b->stages, Stage, i);
}

/* The id of element i of `items` (Stages or Lists), whose `id` member is
 * at byte `id_at`. */
static const char *id_at(const GArray *items, gsize id_at, guint i)
{
    const char *item = items->data + (gsize)i * g_array_get_element_size((GArray *)items);
    return *(const char *const *)(item + id_at);
}

/* The index of the element of `items` whose id is `id`, or -1. */
static int find_id(const GArray *items, gsize id_offset, const char *id)
{
    for (guint i = 0; i < items->len; i++)
        if (strcmp(id_at(items, id_offset, i), id) == 0)
            return (int)i;
    return -1;
}

/* The element of `items` named `id` in entry `e`, or -1 with an error
 * "unknown `what` 'id'" suggesting the nearest id. */
static int need_id(const GArray *items, gsize id_offset, const char *what, const IniGroup *g, const IniEntry *e,
                   const char *id, GError **error)
{
    int i = find_id(items, id_offset, id);
    if (i < 0) {
        g_autofree const char **ids = g_new0(const char *, items->len + 1);
        for (guint j = 0; j < items->len; j++)
            ids[j] = id_at(items, id_offset, j);
        unknown_error(error, g, e, what, id, ids);
    }
    return i;
}

static int stage_find(Builder *b, const char *id)
{
    return find_id(b->stages, G_STRUCT_OFFSET(Stage, id), id);
}

/* The stage named by `word` (its id or its display name) in entry `e`,
 * or -1 with an error. */
static int need_stage(Builder *b, const IniGroup *g, const IniEntry *e, const char *word, GError **error)
{
    g_autofree char *why = NULL;
    int s = model_stages_lookup((const Stage *)(void *)b->stages->data, (int)b->stages->len, word, &why);
    if (s < 0) {
        entry_error(error, g, e, "%s", why);
        return -1;
    }
    return s;
}

static List *list_at(Builder *b, int i)
{
    return &g_array_index(b->lists, List, i);
}

static int list_find(Builder *b, const char *id)
{
    return find_id(b->lists, G_STRUCT_OFFSET(List, id), id);
}

static char *param_key(Builder *b, ParamKind kind, int stage, int to, int list)
{
    return param_key_format(kind, stage_at(b, stage)->id, to >= 0 ? stage_at(b, to)->id : NULL,
                            list >= 0 ? list_at(b, list)->id : NULL);
}

/* Adds a parameter with `value` written at `e` and links it to its stage. */
static char *written(const IniGroup *g, const IniEntry *e)
{
    return g_strdup_printf("[%s] %s = %s", g->name, e->key, e->value);
}

static int param_add(Builder *b, ParamKind kind, int stage, int to, int list, double value, const IniGroup *g,
                     const IniEntry *e)
{
    Param p = {.kind = kind, .stage = stage, .to = to, .list = list, .value = value,
               .key = param_key(b, kind, stage, to, list),
               .where = {g_strdup(e->where.file), e->where.line}, .written = written(g, e),
               .note = g_strdup(e->comment)};
    g_array_append_val(b->params, p);
    int i = (int)b->params->len - 1;
    model_link_param((Stage *)(void *)b->stages->data, (List *)(void *)b->lists->data, &p, i);
    return i;
}

/* TRUE when `e` replaces what `first` (an earlier line) gave: a file
 * that extends another replaces its lines (inifile.h), also when one names
 * a stage by its id and the other by its display name; in one file, both
 * are an error. */
static gboolean replaces(const SourceRef *first, const IniEntry *e)
{
    return strcmp(first->file, e->where.file) != 0;
}

/* Adds the parameter written at `e` (param_add), or gives it `value` when
 * a parent file gave it; fails when an earlier line of the same file gave
 * it already, as a stage may be named by its id on one line and by its
 * display name on another. */
static gboolean param_add_once(Builder *b, ParamKind kind, int stage, int to, int list, double value,
                               const IniGroup *g, const IniEntry *e, GError **error)
{
    int i = model_params_index((const Param *)(void *)b->params->data, (int)b->params->len, kind, stage, to, list);
    if (i < 0) {
        param_add(b, kind, stage, to, list, value, g, e);
        return TRUE;
    }
    Param *p = &g_array_index(b->params, Param, i);
    if (!replaces(&p->where, e))
        return entry_error(error, g, e, "%s is given twice (first at line %d)", p->key, p->where.line);
    p->value = value;
    g_free(p->where.file);
    g_free(p->written);
    g_free(p->note);
    p->where = (SourceRef){g_strdup(e->where.file), e->where.line};
    p->written = written(g, e);
    p->note = g_strdup(e->comment);
    return TRUE;
}

/* Every key a policy or [uncertainty] could name, for suggestions. */
static GPtrArray *all_param_keys(Builder *b)
{
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < b->params->len; i++)
        g_ptr_array_add(keys, g_strdup(g_array_index(b->params, Param, i).key));
    for (int kind = 0; kind < PARAM_N_KINDS; kind++)
        for (guint s = 0; param_kind((ParamKind)kind)->implicit && s < b->stages->len; s++)
            g_ptr_array_add(keys, param_key(b, (ParamKind)kind, (int)s, -1, -1));
    return keys;
}

/* An error for a key of no known shape, suggesting the nearest of every
 * parameter key and `extra_known`. */
static int unknown_key(Builder *b, const IniGroup *g, const IniEntry *e, const char *const *extra_known,
                       GError **error)
{
    g_autoptr(GPtrArray) known = all_param_keys(b);
    for (guint s = 0; strcmp(g->name, "uncertainty") == 0 && s < b->stages->len; s++)
        g_ptr_array_add(known, param_baseline_key(stage_at(b, (int)s)->id));
    for (int i = 0; extra_known && extra_known[i]; i++)
        g_ptr_array_add(known, g_strdup(extra_known[i]));
    g_ptr_array_add(known, NULL);
    unknown_error(error, g, e, "key", e->key, (const char *const *)known->pdata);
    return -1;
}

/* The list named `id` in entry `e`, or -1 with an error. */
static int need_list(Builder *b, const IniGroup *g, const IniEntry *e, const char *id, GError **error)
{
    return need_id(b->lists, G_STRUCT_OFFSET(List, id), "list", g, e, id, error);
}

/* The parameter `k` (parsed from e->key) names, once its stages and list
 * are known: an edge must be in [transitions], a renewal in [renewal], a
 * share in its [list] group; an implicit kind is added at 0. */
static int resolve_parsed(Builder *b, const IniGroup *g, const IniEntry *e, const ParamKey *k, GError **error)
{
    int s = need_stage(b, g, e, k->stage, error);
    int to = s >= 0 && k->to ? need_stage(b, g, e, k->to, error) : -1;
    int list = s >= 0 && k->list ? need_list(b, g, e, k->list, error) : -1;
    if (s < 0 || (k->to && to < 0) || (k->list && list < 0))
        return -1;
    int i = model_params_index((const Param *)b->params->data, (int)b->params->len, k->kind, s, to, list);
    if (i >= 0)
        return i;
    if (param_kind(k->kind)->implicit)
        return param_add(b, k->kind, s, -1, -1, 0, g, e);
    if (k->kind == PARAM_EDGE)
        entry_error(error, g, e, "there is no edge %s -> %s in [transitions]; add it there (0 is a fine value) "
                    "for this line to change it", k->stage, k->to);
    else if (k->kind == PARAM_SHARE)
        entry_error(error, g, e, "[list %s] has no share.%s; add it there for this line to change it", k->list,
                    k->stage);
    else
        entry_error(error, g, e, "stage %s has no rule in [%s]", k->stage, param_kind(k->kind)->group);
    return -1;
}

/* Resolves a parameter key of a policy or [uncertainty] line.  Exits,
 * inflows and recruitment that the scenario does not give start at 0; an
 * edge must be in [transitions], a renewal in [renewal] and a share in its
 * [list].  Returns the index, or -1 with an error. */
static int resolve_param(Builder *b, const IniGroup *g, const IniEntry *e, const char *const *extra_known,
                         GError **error)
{
    ParamKey k;
    if (!param_key_parse(e->key, &k))
        return unknown_key(b, g, e, extra_known, error);
    int i = resolve_parsed(b, g, e, &k, error);
    param_key_clear(&k);
    return i;
}

/* ---- groups ------------------------------------------------------------ */

static const char *const scenario_keys[] = {"name", "region", "description", "base_year", "horizon",
                                            "extends", "replications", "seed", "language", "parts", NULL};

static gboolean read_scenario_entry(Builder *b, const IniGroup *g, const IniEntry *e, GError **error)
{
    Model *m = b->m;
    gint64 v;
    if (strcmp(e->key, "name") == 0) {
        if (*e->value == '\0')
            return entry_error(error, g, e, "the scenario needs a name");
        m->name = g_strdup(e->value);
    } else if (strcmp(e->key, "region") == 0) {
        m->region = g_strdup(e->value);
    } else if (strcmp(e->key, "description") == 0) {
        m->description = g_strdup(e->value);
    } else if (strcmp(e->key, "base_year") == 0 || strcmp(e->key, "horizon") == 0) {
        if (!read_int(g, e, SCENARIO_YEAR_MIN, SCENARIO_YEAR_MAX, &v, error))
            return FALSE;
        *(e->key[0] == 'b' ? &m->base_year : &m->horizon) = (int)v;
    } else if (strcmp(e->key, "replications") == 0) {
        if (!read_int(g, e, 1, MODEL_MAX_REPLICATIONS, &v, error))
            return FALSE;
        m->replications = (guint64)v;
    } else if (strcmp(e->key, "seed") == 0) {
        if (!g_ascii_string_to_unsigned(e->value, 10, 0, G_MAXUINT64, &m->seed, NULL)) {
            g_autofree char *expected = g_strdup_printf("expected a whole number from 0 to %" G_GUINT64_FORMAT,
                                                        G_MAXUINT64);
            return number_error(error, g, e, text_number_advice(e->value), expected);
        }
        m->has_seed = TRUE;
    } else if (strcmp(e->key, "language") == 0) {
        static const char *const languages[] = {"zh", "en", NULL};
        if (!g_strv_contains(languages, e->value)) {
            g_autoptr(GString) msg = g_string_new("language ");
            text_append_one_of(msg, e->value, languages);
            return entry_error(error, g, e, "%s", msg->str);
        }
        m->language = g_strdup(e->value);
    } else if (strcmp(e->key, "extends") != 0 && strcmp(e->key, "parts") != 0) { /* read_region reads parts */
        return unknown_fixed_key(error, g, e, scenario_keys);
    }
    return TRUE;
}

static gboolean read_scenario(Builder *b, const IniGroup *g, GError **error)
{
    for (guint i = 0; i < g->entries->len; i++)
        if (!read_scenario_entry(b, g, g->entries->pdata[i], error))
            return FALSE;
    Model *m = b->m;
    const char *missing = !m->name ? "name" : !m->base_year ? "base_year" : !m->horizon ? "horizon" : NULL;
    if (missing)
        return group_error(error, g, "%s is required", missing);
    if (m->horizon <= m->base_year || m->horizon - m->base_year > MODEL_MAX_YEARS)
        return group_error(error, g, "horizon %d must come after base_year %d, by at most %d years",
                           m->horizon, m->base_year, MODEL_MAX_YEARS);
    return TRUE;
}

static gboolean read_stages(Builder *b, const IniGroup *g, GError **error)
{
    for (guint i = 0; i < g->entries->len; i++) {
        const IniEntry *e = g->entries->pdata[i];
        if (!text_is_id(e->key))
            return entry_error(error, g, e, "a stage id is lower-case ASCII: a letter, then letters, digits or _ "
                               "(put Chinese in the display name: hightech=高企)");
        if (b->stages->len == MODEL_MAX_STAGES)
            return entry_error(error, g, e, "at most %d stages are supported", MODEL_MAX_STAGES);
        Stage s = {.id = g_strdup(e->key), .name = g_strdup(*e->value ? e->value : e->key),
                   .lapse_to = -1, .renewal_param = -1, .exit_param = -1,
                   .inflow_param = -1, .recruitment_param = -1};
        g_array_append_val(b->stages, s);
    }
    return TRUE;
}

static gboolean read_baseline(Builder *b, const IniGroup *g, GError **error)
{
    SourceRef first[MODEL_MAX_STAGES] = {{0}};  /* the line giving each stage's baseline */
    for (guint i = 0; i < g->entries->len; i++) {
        const IniEntry *e = g->entries->pdata[i];
        int s = need_stage(b, g, e, e->key, error);
        if (s >= 0 && first[s].file != NULL && !replaces(&first[s], e))
            return entry_error(error, g, e, "stage %s is given twice (first at line %d)", stage_at(b, s)->id,
                               first[s].line);
        if (s < 0 || !read_int(g, e, 0, MODEL_MAX_FIRMS, &stage_at(b, s)->baseline, error))
            return FALSE;
        first[s] = e->where;
        g_free(stage_at(b, s)->baseline_note);
        stage_at(b, s)->baseline_note = g_strdup(e->comment);
    }
    return TRUE;
}

static gboolean read_transitions(Builder *b, const IniGroup *g, GError **error)
{
    for (guint i = 0; i < g->entries->len; i++) {
        const IniEntry *e = g->entries->pdata[i];
        g_auto(ParamKey) k;
        if (!param_key_parse(e->key, &k) || k.kind != PARAM_EDGE)
            return entry_error(error, g, e, "an edge is written 'from -> to', such as tech_sme -> hightech");
        int s = need_stage(b, g, e, k.stage, error), t = s < 0 ? -1 : need_stage(b, g, e, k.to, error);
        double p = 0;
        if (t < 0 || !check_probability(g, e, e->value, &p, error))
            return FALSE;
        if (s == t)
            return entry_error(error, g, e, "an edge must lead to another stage");
        if (!param_add_once(b, PARAM_EDGE, s, t, -1, p, g, e, error))
            return FALSE;
    }
    return TRUE;
}

static gboolean read_exits(Builder *b, const IniGroup *g, GError **error)
{
    for (guint i = 0; i < g->entries->len; i++) {
        const IniEntry *e = g->entries->pdata[i];
        int s = need_stage(b, g, e, e->key, error);
        double p = 0;
        if (s < 0 || !check_probability(g, e, e->value, &p, error) ||
            !param_add_once(b, PARAM_EXIT, s, -1, -1, p, g, e, error))
            return FALSE;
    }
    return TRUE;
}

/* "3;0.85;tech_sme": valid years; renewal probability; lapse stage. */
static gboolean read_renewal_entry(Builder *b, const IniGroup *g, const IniEntry *e, GError **error)
{
    int s = need_stage(b, g, e, e->key, error);
    if (s < 0)
        return FALSE;
    g_auto(GStrv) parts = g_strsplit(e->value, ";", -1);
    if (g_strv_length(parts) != 3)
        return entry_error(error, g, e, "expected valid years;renewal probability;lapse stage, such as 3;0.85;tech_sme");
    for (int i = 0; i < 3; i++)
        g_strstrip(parts[i]);
    gint64 years;
    double p = 0;
    char *why = NULL;
    if (!text_parse_integer(parts[0], 1, MODEL_MAX_RENEWAL_YEARS, &years, &why)) {
        g_autofree char *expected = g_strdup_printf("valid years must be a whole number from 1 to %d",
                                                    MODEL_MAX_RENEWAL_YEARS);
        return number_error(error, g, e, why, expected);
    }
    if (!check_probability(g, e, parts[1], &p, error))
        return FALSE;
    int lapse = need_stage(b, g, e, parts[2], error);
    if (lapse < 0)
        return FALSE;
    if (lapse == s)
        return entry_error(error, g, e, "a lapsed firm must fall to another stage");
    if (!param_add_once(b, PARAM_RENEWAL, s, -1, -1, p, g, e, error))
        return FALSE;
    Stage *st = stage_at(b, s);
    st->renewal_years = (int)years;
    st->lapse_to = lapse;
    return TRUE;
}

static gboolean read_renewal(Builder *b, const IniGroup *g, GError **error)
{
    for (guint i = 0; i < g->entries->len; i++)
        if (!read_renewal_entry(b, g, g->entries->pdata[i], error))
            return FALSE;
    return TRUE;
}

static gboolean read_rates(Builder *b, const IniGroup *g, ParamKind kind, GError **error)
{
    for (guint i = 0; i < g->entries->len; i++) {
        const IniEntry *e = g->entries->pdata[i];
        int s = need_stage(b, g, e, e->key, error);
        double v = 0;
        if (s < 0 || !check_rate(g, e, &v, error) || !param_add_once(b, kind, s, -1, -1, v, g, e, error))
            return FALSE;
    }
    return TRUE;
}

static gboolean read_inflows(Builder *b, const IniGroup *g, GError **error)
{
    return read_rates(b, g, PARAM_INFLOW, error);
}

static gboolean read_recruitment(Builder *b, const IniGroup *g, GError **error)
{
    return read_rates(b, g, PARAM_RECRUITMENT, error);
}

#define NORMAL_FOR_EFFECTS "normal(mean,sd) is for the coefficients of [effects] only (such as " \
                           "tech_sme -> hightech.rd_intensity = normal(0.8, 0.2))"

/* A distribution that fits the parameter: beta or uniform inside [0, 1]
 * for probabilities, gamma or uniform from 0 up for firms a year. */
static gboolean check_dist_fits(const IniGroup *g, const IniEntry *e, const Param *p, const Dist *d,
                                GError **error)
{
    if (d->kind == DIST_NORMAL)
        return entry_error(error, g, e, NORMAL_FOR_EFFECTS "; %s is %s", p->key,
                           param_kind(p->kind)->probability ? "a probability: use beta(a,b) or uniform(low,high)"
                                                            : "firms a year: use gamma(shape,scale) or uniform(low,high)");
    if (param_kind(p->kind)->probability) {
        if (!dist_type(d->kind)->for_probability)
            return entry_error(error, g, e, "%s is a probability: use beta(a,b) or uniform(low,high) inside [0, 1]",
                               p->key);
        if (d->kind == DIST_UNIFORM && !(param_value_fits(p->kind, d->a) && param_value_fits(p->kind, d->b)))
            return entry_error(error, g, e, "a probability must lie in [0, 1]");
    } else {
        if (d->kind == DIST_BETA)
            return entry_error(error, g, e, "%s is firms a year: use gamma(shape,scale) or uniform(low,high)", p->key);
        if (d->kind == DIST_UNIFORM && d->a < 0)
            return entry_error(error, g, e, "firms a year cannot be negative");
    }
    return TRUE;
}

/* ---- lists ------------------------------------------------------------ */

#define SHARE_PREFIX "share."

/* The name after "policy ", "target " or "list " in a group name, or NULL. */
static const char *group_suffix(const char *group, const char *prefix)
{
    gsize n = strlen(prefix);
    if (strncmp(group, prefix, n) != 0 || (group[n] != ' ' && group[n] != '\0'))
        return NULL;
    const char *name = group + n;
    while (*name == ' ')
        name++;
    return name;
}

/* TRUE when stage `s` is already a member of `l`. */
static gboolean list_has_member(const List *l, int s)
{
    for (int j = 0; j < l->n_members; j++)
        if (l->members[j] == s)
            return TRUE;
    return FALSE;
}

/* TRUE when stage `s` is already a share of `l`. */
static gboolean list_has_share(Builder *b, const List *l, int s)
{
    for (int j = 0; j < l->n_shares; j++)
        if (g_array_index(b->params, Param, l->share_param[j]).stage == s)
            return TRUE;
    return FALSE;
}

#define MEMBER_AND_SHARE "a stage is a member (stages =) or a share, not both"

/* "stages = a, b, c": the member stages of list `li`. */
static gboolean read_list_members(Builder *b, const IniGroup *g, const IniEntry *e, int li, GError **error)
{
    g_auto(GStrv) ids = g_strsplit(e->value, ",", -1);
    for (int k = 0; ids[k]; k++) {
        g_strstrip(ids[k]);
        if (*ids[k] == '\0')
            return entry_error(error, g, e, "expected stage ids separated by commas, such as hightech, gazelle");
        int s = need_stage(b, g, e, ids[k], error);
        if (s < 0)
            return FALSE;
        if (list_has_member(list_at(b, li), s))
            return entry_error(error, g, e, "stage %s is named twice in the list", ids[k]);
        /* the share line came first in the group */
        if (list_has_share(b, list_at(b, li), s))
            return entry_error(error, g, e, "stage %s is already a share of the list: " MEMBER_AND_SHARE, ids[k]);
        List *l = list_at(b, li);
        l->members[l->n_members++] = s;
    }
    return TRUE;
}

/* "share.STAGE = p": each firm of STAGE is on list `li` with probability p. */
static gboolean read_list_share(Builder *b, const IniGroup *g, const IniEntry *e, int li, GError **error)
{
    int s = need_stage(b, g, e, e->key + strlen(SHARE_PREFIX), error);
    double p = 0;
    if (s < 0 || !check_probability(g, e, e->value, &p, error))
        return FALSE;
    if (list_has_member(list_at(b, li), s))
        return entry_error(error, g, e, "stage %s is already a member of the list: " MEMBER_AND_SHARE,
                           stage_at(b, s)->id);
    if (list_has_share(b, list_at(b, li), s))
        return entry_error(error, g, e, "stage %s is named twice in the list", stage_at(b, s)->id);
    param_add(b, PARAM_SHARE, s, -1, li, p, g, e);
    return TRUE;
}

static gboolean read_list_entry(Builder *b, const IniGroup *g, const IniEntry *e, int li, GError **error)
{
    static const char *const list_keys[] = {"name", "stages", "share.STAGE", NULL};
    List *l = list_at(b, li);
    if (strcmp(e->key, "name") == 0) {
        g_free(l->name);
        l->name = g_strdup(*e->value ? e->value : l->id);
        return TRUE;
    }
    if (strcmp(e->key, "stages") == 0)
        return read_list_members(b, g, e, li, error);
    if (g_str_has_prefix(e->key, SHARE_PREFIX))
        return read_list_share(b, g, e, li, error);
    return unknown_fixed_key(error, g, e, list_keys);
}

/* One "[list ID]" group: a designation counted over the ladder. */
static gboolean read_list(Builder *b, const IniGroup *g, const char *id, GError **error)
{
    if (!text_is_id(id))
        return group_error(error, g, "a list id is lower-case ASCII: a letter, then letters, digits or _ "
                           "(put Chinese in name =), such as [list hightech_valid]");
    if (stage_find(b, id) >= 0)
        return group_error(error, g, "'%s' is a stage id; a list needs an id of its own", id);
    int other = list_find(b, id);
    if (other >= 0)
        return group_error(error, g, "the id is taken by the list at %s:%d", list_at(b, other)->where.file,
                           list_at(b, other)->where.line);
    if (b->lists->len == MODEL_MAX_LISTS)
        return group_error(error, g, "at most %d lists are supported", MODEL_MAX_LISTS);
    List l = {.id = g_strdup(id), .name = g_strdup(id), .where = {g_strdup(g->where.file), g->where.line}};
    g_array_append_val(b->lists, l);
    int li = (int)b->lists->len - 1;
    for (guint i = 0; i < g->entries->len; i++)
        if (!read_list_entry(b, g, g->entries->pdata[i], li, error))
            return FALSE;
    if (list_at(b, li)->n_members + list_at(b, li)->n_shares == 0)
        return group_error(error, g, "the list counts nothing: add stages = ... or share.STAGE = p");
    return TRUE;
}

/* Every "[list ID]" group, in file order; before [uncertainty] and the
 * policies, which may name their shares. */
static gboolean read_lists(Builder *b, const IniDoc *doc, GError **error)
{
    for (guint i = 0; i < doc->groups->len; i++) {
        const IniGroup *g = doc->groups->pdata[i];
        const char *id = group_suffix(g->name, "list");
        if (id != NULL && !read_list(b, g, id, error))
            return FALSE;
    }
    return TRUE;
}


/* ---- effects ---------------------------------------------------------- */

#define STANDARDISE_PREFIX "standardise."
#define EFFECT_FORMS "an effect is written PARAM.ATTR (" PARAM_EFFECT_KEY_FORMS "), such as " \
                     "tech_sme -> hightech.rd_intensity = 0.8, or standardise.ATTR = mean, sd"

static Effect *effect_at(Builder *b, int i)
{
    return &g_array_index(b->effects, Effect, i);
}

static Attribute *attr_at(Builder *b, int i)
{
    return &g_array_index(b->attrs, Attribute, i);
}

/* TRUE when `word` names a stage of the builder (by id or display name). */
static gboolean is_stage(Builder *b, const char *word)
{
    return model_stages_lookup((const Stage *)(void *)b->stages->data, (int)b->stages->len, word, NULL) >= 0;
}

/* TRUE when an [uncertainty] key is an effect's ("exit.a.x", "a -> b.x")
 * rather than a parameter's: it splits as PARAM.ATTR, and is not a
 * parameter key whose stages all exist ("a -> b.x" is an effect unless a
 * stage is named "b.x"). */
static gboolean is_effect_key(Builder *b, const char *key)
{
    g_auto(ParamKey) whole;
    if (param_key_parse(key, &whole) && is_stage(b, whole.stage) && (whole.to == NULL || is_stage(b, whole.to)))
        return FALSE;
    g_auto(ParamKey) k;
    g_autofree char *attr = NULL;
    return param_effect_key_parse(key, &k, &attr);
}

/* The keys of the parameters an effect may name (kinds that take
 * effects), NULL-terminated in a GPtrArray, for messages. */
static GPtrArray *effect_param_keys(Builder *b)
{
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < b->params->len; i++) {
        const Param *p = &g_array_index(b->params, Param, i);
        if (param_kind(p->kind)->takes_effects)
            g_ptr_array_add(keys, g_strdup(p->key));
    }
    g_ptr_array_add(keys, NULL);
    return keys;
}

/* The error for an effect on a parameter the scenario does not have:
 * `key` (as the line names it) with the nearest and every valid one. */
static int no_such_param(Builder *b, const IniGroup *g, const IniEntry *e, const char *key, GError **error)
{
    g_autoptr(GPtrArray) known = effect_param_keys(b);
    const char *const *k = (const char *const *)known->pdata;
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "the scenario has no %s for an effect to act on", key);
    text_append_suggestion(msg, key, k);
    if (k[0] == NULL) {
        g_string_append(msg, "; it has no exit, edge or renewal at all");
    } else {
        g_string_append(msg, "; an effect names one of its exits, edges and renewals: ");
        text_append_list(msg, k);
    }
    entry_error(error, g, e, "%s", msg->str);
    return -1;
}

/* The parameter an effect key's parameter part `k` names: an exit, edge
 * or renewal the scenario has (stages by id or display name), or -1 with
 * an error (a kind that takes no effects says which do). */
static int resolve_effect_param(Builder *b, const IniGroup *g, const IniEntry *e, const ParamKey *k,
                                GError **error)
{
    if (!param_kind(k->kind)->takes_effects) {
        entry_error(error, g, e, "%s.* takes no effect: effects act on a firm's chance of an exit, an edge or a "
                    "renewal (%s), not on %s", param_kind(k->kind)->prefix, PARAM_EFFECT_KEY_FORMS,
                    k->kind == PARAM_SHARE ? "a list's share" : "firms a year");
        return -1;
    }
    int s = need_stage(b, g, e, k->stage, error);
    int to = s >= 0 && k->to ? need_stage(b, g, e, k->to, error) : -1;
    if (s < 0 || (k->to && to < 0))
        return -1;
    int i = model_params_index((const Param *)(void *)b->params->data, (int)b->params->len, k->kind, s, to, -1);
    if (i >= 0)
        return i;
    g_autofree char *key = param_key(b, k->kind, s, to, -1);
    return no_such_param(b, g, e, key, error);
}

/* The index of attribute `id` among the builder's, or -1. */
static int attr_find(Builder *b, const char *id)
{
    return find_id(b->attrs, G_STRUCT_OFFSET(Attribute, id), id);
}

/* The parameter and attribute an effect key names into *param and *attr
 * (the attribute added when `add` and new); FALSE with an error. */
static gboolean resolve_effect(Builder *b, const IniGroup *g, const IniEntry *e, gboolean add, int *param,
                               int *attr, GError **error)
{
    g_auto(ParamKey) k;
    g_autofree char *name = NULL;
    if (!param_effect_key_parse(e->key, &k, &name))
        return entry_error(error, g, e, EFFECT_FORMS);
    if (!text_is_id(name))
        return entry_error(error, g, e, "attribute '%s' is not an id: an attribute is named as the roster's column, "
                           "lower-case ASCII: a letter, then letters, digits or _", name);
    if ((*param = resolve_effect_param(b, g, e, &k, error)) < 0)
        return FALSE;
    *attr = attr_find(b, name);
    if (*attr >= 0 || !add)
        return TRUE;
    if (b->attrs->len == MODEL_MAX_ATTRS)
        return entry_error(error, g, e, "at most %d attributes may have effects", MODEL_MAX_ATTRS);
    Attribute a = {.id = g_steal_pointer(&name)};
    g_array_append_val(b->attrs, a);
    *attr = (int)b->attrs->len - 1;
    return TRUE;
}

/* The coefficient of (param, attr) among the builder's, or -1. */
static int effect_find(Builder *b, int param, int attr)
{
    for (guint i = 0; i < b->effects->len; i++)
        if (effect_at(b, (int)i)->param == param && effect_at(b, (int)i)->attr == attr)
            return (int)i;
    return -1;
}

/* "PARAM.ATTR = beta": a coefficient, any finite number; a parent file's
 * line for the same coefficient is replaced, the same file's is an error. */
static gboolean read_effect(Builder *b, const IniGroup *g, const IniEntry *e, GError **error)
{
    int param, attr;
    if (!resolve_effect(b, g, e, TRUE, &param, &attr, error))
        return FALSE;
    double v = 0;
    char *why = NULL;
    if (!text_parse_decimal(e->value, &v, &why) || !isfinite(v))
        return number_error(error, g, e, why, "expected a coefficient, any number such as 0.8 or -0.3");
    int i = effect_find(b, param, attr);
    if (i >= 0 && !replaces(&effect_at(b, i)->where, e)) {
        g_autofree char *key = param_effect_key(g_array_index(b->params, Param, param).key, attr_at(b, attr)->id);
        return entry_error(error, g, e, "%s is given twice (first at line %d)", key, effect_at(b, i)->where.line);
    }
    if (i < 0) {
        Effect x = {.param = param, .attr = attr};
        g_array_append_val(b->effects, x);
        i = (int)b->effects->len - 1;
    }
    Effect *x = effect_at(b, i);
    x->value = v;
    g_free(x->where.file);
    g_free(x->note);
    x->where = (SourceRef){g_strdup(e->where.file), e->where.line};
    x->note = g_strdup(e->comment);
    return TRUE;
}

/* "standardise.ATTR = mean, sd": how a firm's value of an attribute some
 * effect uses becomes z = (x - mean) / sd. */
static gboolean read_standardise(Builder *b, const IniGroup *g, const IniEntry *e, GError **error)
{
    const char *name = e->key + strlen(STANDARDISE_PREFIX);
    int a = attr_find(b, name);
    if (a < 0) {
        g_autofree const char **ids = g_new0(const char *, b->attrs->len + 1);
        for (guint j = 0; j < b->attrs->len; j++)
            ids[j] = attr_at(b, (int)j)->id;
        g_autoptr(GString) msg = g_string_new(NULL);
        g_string_printf(msg, "no effect uses attribute '%s' (", name);
        if (ids[0])
            text_append_list(msg, ids);
        g_string_append(msg, ids[0] ? " have effects)" : "no line of [effects] gives an effect)");
        text_append_suggestion(msg, name, ids);
        return entry_error(error, g, e, "%s", msg->str);
    }
    g_auto(GStrv) parts = g_strsplit(e->value, ",", -1);
    double mean = 0, sd = 0;
    char *why = NULL;
    if (g_strv_length(parts) != 2 || !text_parse_decimal(parts[0], &mean, &why) ||
        !text_parse_decimal(parts[1], &sd, &why) || !isfinite(mean) || !isfinite(sd))
        return number_error(error, g, e, why, "expected the mean and the sd of the attribute, such as 0.04, 0.015");
    if (!(sd > 0))
        return entry_error(error, g, e, "the sd must be positive");
    Attribute *at = attr_at(b, a);
    g_free(at->where.file);  /* a parent file's line, replaced */
    *at = (Attribute){.id = at->id, .standardised = TRUE, .mean = mean, .sd = sd,
                      .where = {g_strdup(e->where.file), e->where.line}};
    return TRUE;
}

/* [effects]: the coefficients first, then the standardise lines, which
 * may only name attributes the coefficients use. */
static gboolean read_effects(Builder *b, const IniGroup *g, GError **error)
{
    for (guint i = 0; i < g->entries->len; i++) {
        const IniEntry *e = g->entries->pdata[i];
        if (!g_str_has_prefix(e->key, STANDARDISE_PREFIX) && !read_effect(b, g, e, error))
            return FALSE;
    }
    for (guint i = 0; i < g->entries->len; i++) {
        const IniEntry *e = g->entries->pdata[i];
        if (g_str_has_prefix(e->key, STANDARDISE_PREFIX) && !read_standardise(b, g, e, error))
            return FALSE;
    }
    return TRUE;
}

/* ---- uncertainty ------------------------------------------------------ */

/* Parses an [uncertainty] line's distribution into *d. */
static gboolean read_dist(const IniGroup *g, const IniEntry *e, Dist *d, GError **error)
{
    GError *local = NULL;
    if (dist_parse(e->value, d, &local))
        return TRUE;
    entry_error(error, g, e, "%s", strchr(local->message, ':') + 2);
    g_error_free(local);
    return FALSE;
}

#define BASELINE_TAIL 1e-12  /* a drawn baseline may pass MODEL_MAX_FIRMS this rarely */

/* "baseline.ID = gamma(a,b)" or uniform: firms at the end of base_year,
 * drawn once per replication and rounded (ties to even); the central value
 * is rounded the same way and becomes the stage's baseline. */
static gboolean read_uncertain_baseline(Builder *b, const IniGroup *g, const IniEntry *e, const char *stage,
                                        GError **error)
{
    int s = need_stage(b, g, e, stage, error);
    Dist d;
    if (s < 0 || !read_dist(g, e, &d, error))
        return FALSE;
    Stage *st = stage_at(b, s);
    if (st->baseline_uncertain)
        return entry_error(error, g, e, "%s is given twice in [uncertainty]", e->key);
    if (d.kind == DIST_BETA || d.kind == DIST_NORMAL)
        return entry_error(error, g, e, "%sa baseline is firms: use gamma(shape,scale) or uniform(low,high)",
                           d.kind == DIST_NORMAL ? NORMAL_FOR_EFFECTS "; " : "");
    if (d.kind == DIST_UNIFORM && d.a < 0)
        return entry_error(error, g, e, "firms cannot be negative");
    if (dist_quantile(&d, 1 - BASELINE_TAIL) > MODEL_MAX_FIRMS)
        return entry_error(error, g, e, "a baseline must stay below %lld firms", MODEL_MAX_FIRMS);
    st->baseline_uncertain = TRUE;
    st->baseline_dist = d;
    st->baseline = (gint64)rint(dist_central(&d));
    st->baseline_dist_where = (SourceRef){g_strdup(e->where.file), e->where.line};
    st->baseline_dist_note = g_strdup(e->comment);
    return TRUE;
}

/* "PARAM.ATTR = normal(mean,sd)" or uniform(low,high) in [uncertainty]:
 * the coefficient, which [effects] must give, drawn once per replication.
 * beta and gamma are refused: a coefficient is any real, of either sign. */
static gboolean read_uncertain_effect(Builder *b, const IniGroup *g, const IniEntry *e, GError **error)
{
    int param, attr;
    if (!resolve_effect(b, g, e, FALSE, &param, &attr, error))
        return FALSE;
    int i = attr < 0 ? -1 : effect_find(b, param, attr);
    if (i < 0)
        return entry_error(error, g, e, "[effects] gives no %s; add it there (0 is a fine value) for this line to "
                           "draw it", e->key);
    Dist d;
    if (!read_dist(g, e, &d, error))
        return FALSE;
    Effect *x = effect_at(b, i);
    if (x->uncertain)
        return entry_error(error, g, e, "%s is given twice in [uncertainty]", e->key);
    if (d.kind != DIST_NORMAL && d.kind != DIST_UNIFORM)
        return entry_error(error, g, e, "a coefficient is any number, of either sign: use normal(mean,sd) or "
                           "uniform(low,high)");
    x->uncertain = TRUE;
    x->dist = d;
    x->dist_where = (SourceRef){g_strdup(e->where.file), e->where.line};
    return TRUE;
}

static gboolean read_uncertainty(Builder *b, const IniGroup *g, GError **error)
{
    for (guint i = 0; i < g->entries->len; i++) {
        const IniEntry *e = g->entries->pdata[i];
        g_autofree char *baseline_of = param_baseline_stage(e->key);
        if (baseline_of != NULL) {
            if (!read_uncertain_baseline(b, g, e, baseline_of, error))
                return FALSE;
            continue;
        }
        if (is_effect_key(b, e->key)) {
            if (!read_uncertain_effect(b, g, e, error))
                return FALSE;
            continue;
        }
        int k = resolve_param(b, g, e, NULL, error);
        if (k < 0)
            return FALSE;
        Param *p = &g_array_index(b->params, Param, k);
        Dist d;
        if (!read_dist(g, e, &d, error))
            return FALSE;
        if (p->uncertain)
            return entry_error(error, g, e, "%s is given twice in [uncertainty]", p->key);
        if (!check_dist_fits(g, e, p, &d, error))
            return FALSE;
        p->uncertain = TRUE;
        p->dist = d;
        g_free(p->where.file);
        g_free(p->written);
        p->where = (SourceRef){g_strdup(e->where.file), e->where.line};
        p->written = written(g, e);
        p->dist_note = g_strdup(e->comment);
    }
    return TRUE;
}

static gboolean read_year(Builder *b, const IniGroup *g, const IniEntry *e, int *out, GError **error)
{
    gint64 v;
    if (!read_int(g, e, b->m->base_year + 1, b->m->horizon, &v, error))
        return FALSE;
    *out = (int)v;
    return TRUE;
}

gboolean scenario_change_parse(const char *text, PolicyOp *op, double *x, char **why)
{
    *why = NULL;
    const char c = text[0];
    const char *rest = text + (c ? 1 : 0);
    while (*rest == ' ')
        rest++;
    if (c == '\0' || !strchr("*+-=", c) || !text_parse_decimal(rest, x, why))
        return FALSE;
    *op = c == '*' ? POLICY_MULTIPLY : c == '=' ? POLICY_SET : POLICY_ADD;
    if (c == '-')
        *x = -*x;
    return TRUE;
}

/* The keys of a [policy] group other than parameters. */
static const char *const policy_keys[] = {"from", "to", "cost_per_year", "cost_per_firm", "levels", NULL};

/* "*1.25", "+20", "-0.01", "=0.3": the change `c` of policy `p`, after
 * the changes before it, each to another parameter. */
static gboolean read_change(Builder *b, const IniGroup *g, const IniEntry *e, const Policy *p,
                            PolicyChange *c, GError **error)
{
    c->param = resolve_param(b, g, e, policy_keys, error);
    if (c->param < 0)
        return FALSE;
    for (const PolicyChange *o = p->changes; o < c; o++)
        if (o->param == c->param)
            return entry_error(error, g, e, "%s is changed twice in the policy (first at line %d)",
                               g_array_index(b->params, Param, c->param).key, o->where.line);
    char *why = NULL;
    if (!scenario_change_parse(e->value, &c->op, &c->x, &why))
        return number_error(error, g, e, why, SCENARIO_CHANGE_FORMS);
    c->where = (SourceRef){g_strdup(e->where.file), e->where.line};
    return TRUE;
}

/* cost_per_year, cost_per_firm: 万元, a non-negative decimal. */
static gboolean read_cost(const IniGroup *g, const IniEntry *e, double *out, GError **error)
{
    char *why = NULL;
    if (!text_parse_decimal(e->value, out, &why))
        return number_error(error, g, e, why, "expected an amount in 万元 (10,000 yuan), such as 120");
    if (*out < 0 || *out > SCENARIO_MAX_COST)
        return entry_error(error, g, e, "a cost must lie in [0, %g] 万元", SCENARIO_MAX_COST);
    return TRUE;
}

#define SCENARIO_MAX_LEVEL 100.0  /* a level beyond 100 times the written policy is a typo */

/* levels = 0.5, 1, 1.5: the levels `ladder allocate` tries, each in (0,
 * SCENARIO_MAX_LEVEL], ascending, MODEL_MAX_LEVELS at most. */
static gboolean read_levels(const IniGroup *g, const IniEntry *e, Policy *p, GError **error)
{
    g_auto(GStrv) parts = g_strsplit(e->value, ",", -1);
    p->n_levels = 0;
    for (int i = 0; parts[i]; i++) {
        char *why = NULL;
        double v;
        if (!text_parse_decimal(g_strstrip(parts[i]), &v, &why))
            return number_error(error, g, e, why, "expected levels such as 0.5, 1, 1.5");
        if (p->n_levels == MODEL_MAX_LEVELS)
            return entry_error(error, g, e, "at most %d levels", MODEL_MAX_LEVELS);
        if (!(v > 0 && v <= SCENARIO_MAX_LEVEL))
            return entry_error(error, g, e, "a level must lie in (0, %g]", SCENARIO_MAX_LEVEL);
        if (p->n_levels > 0 && v <= p->levels[p->n_levels - 1])
            return entry_error(error, g, e, "levels must ascend, each once (%g after %g)", v,
                               p->levels[p->n_levels - 1]);
        p->levels[p->n_levels++] = v;
    }
    return TRUE;
}

/* A policy that sets a value (=x) has no levels: 0.5 of "= 0.3" means nothing. */
static gboolean check_levels(const IniGroup *g, const IniEntry *e, const Policy *p, GError **error)
{
    if (p->n_levels == 1 && p->levels[0] == 1)
        return TRUE;
    for (int j = 0; j < p->n_changes; j++)
        if (p->changes[j].op == POLICY_SET)
            return entry_error(error, g, e, "[policy %s] sets a value (=x at line %d), which has no levels: "
                               "leave out levels, or write the change as *x, +x or -x", p->name,
                               p->changes[j].where.line);
    return TRUE;
}

/* One line of a [policy] group into `p`: its years, a cost, or a change. */
static gboolean read_policy_entry(Builder *b, const IniGroup *g, const IniEntry *e, Policy *p,
                                  GError **error)
{
    if (strcmp(e->key, "from") == 0)
        return read_year(b, g, e, &p->from, error);
    if (strcmp(e->key, "to") == 0)
        return read_year(b, g, e, &p->to, error);
    if (strcmp(e->key, "cost_per_year") == 0)
        return read_cost(g, e, &p->cost_per_year, error);
    if (strcmp(e->key, "cost_per_firm") == 0)
        return read_cost(g, e, &p->cost_per_firm, error);
    if (strcmp(e->key, "levels") == 0)
        return read_levels(g, e, p, error);
    return read_change(b, g, e, p, &p->changes[p->n_changes++], error);
}

/* A cost per firm needs a change that adds firms (cost.h): a recruitment,
 * an inflow or an edge.  `e` is the cost_per_firm line. */
static gboolean check_cost_per_firm(Builder *b, const IniGroup *g, const IniEntry *e, const Policy *p,
                                    GError **error)
{
    for (int j = 0; j < p->n_changes; j++) {
        if (param_kind(g_array_index(b->params, Param, p->changes[j].param).kind)->adds_firms)
            return TRUE;
    }
    return entry_error(error, g, e, "a cost per firm is paid for the firms a policy adds through a "
                       "recruitment, an inflow or an edge, and this policy changes none of them");
}

static gboolean read_policy(Builder *b, const IniGroup *g, const char *name, GError **error)
{
    if (*name == '\0')
        return group_error(error, g, "a policy needs a name: [policy NAME]");
    for (guint i = 0; i < b->policies->len; i++) {
        const Policy *other = &g_array_index(b->policies, Policy, i);
        if (strcmp(other->name, name) == 0)
            return group_error(error, g, "the name is taken by the policy at %s:%d", other->where.file,
                               other->where.line);
    }
    Policy p = {.name = g_strdup(name), .from = b->m->base_year + 1, .to = b->m->horizon,
                .changes = g_new0(PolicyChange, g->entries->len), .n_levels = 1, .levels = {1},
                .where = {g_strdup(g->where.file), g->where.line}};
    g_array_append_val(b->policies, p);
    Policy *pp = &g_array_index(b->policies, Policy, b->policies->len - 1);
    const IniEntry *per_firm = NULL, *levels = NULL;
    for (guint i = 0; i < g->entries->len; i++) {
        const IniEntry *e = g->entries->pdata[i];
        if (!read_policy_entry(b, g, e, pp, error))
            return FALSE;
        if (strcmp(e->key, "cost_per_firm") == 0)
            per_firm = e;
        if (strcmp(e->key, "levels") == 0)
            levels = e;
    }
    if (levels && !check_levels(g, levels, pp, error))
        return FALSE;
    if (pp->from > pp->to)
        return group_error(error, g, "from %d comes after to %d", pp->from, pp->to);
    if (pp->n_changes == 0)
        return group_error(error, g, "the policy changes nothing: add a line such as tech_sme -> hightech = *1.25");
    return per_firm == NULL || pp->cost_per_firm == 0 || check_cost_per_firm(b, g, per_firm, pp, error);
}

/* An unknown `count =`: the message lists every count a user may write,
 * since a word far from all of them ("total") gets no suggestion.  A
 * list's count is not one: a target says list = ID instead. */
static gboolean unknown_count(GError **error, const IniGroup *g, const IniEntry *e, const char *const *known)
{
    g_autoptr(GString) msg = g_string_new("count must be one of ");
    text_append_list(msg, known);
    g_string_append(msg, " (a list is counted with list = ID, without count =)");
    text_append_suggestion(msg, e->value, known);
    return entry_error(error, g, e, "%s", msg->str);
}

static gboolean read_target_entry(Builder *b, const IniGroup *g, const IniEntry *e, Target *t, GError **error)
{
    static const char *const target_keys[] = {"stage", "list", "year", "at_least", "count", NULL};
    if (strcmp(e->key, "stage") == 0)
        return (t->stage = need_stage(b, g, e, e->value, error)) >= 0;
    if (strcmp(e->key, "list") == 0) {
        t->count = COUNT_LIST;
        return (t->list = need_list(b, g, e, e->value, error)) >= 0;
    }
    if (strcmp(e->key, "year") == 0) {
        t->year_given = TRUE;
        return read_year(b, g, e, &t->year, error);
    }
    if (strcmp(e->key, "at_least") == 0)
        return read_int(g, e, 0, G_MAXINT64 / 4, &t->at_least, error);
    if (strcmp(e->key, "count") == 0) {
        const char *const *known = NULL;
        int k = model_count_parse(e->value, &known);
        if (k < 0)
            return unknown_count(error, g, e, known);
        t->count_written = TRUE;
        if (t->count != COUNT_LIST)
            t->count = (CountKind)k;
        return TRUE;
    }
    return unknown_fixed_key(error, g, e, target_keys);
}

/* What a target counts must be said once: a stage (with its count kind) or
 * a list (whose count is its own). */
static gboolean check_target_subject(const IniGroup *g, const Target *t, GError **error)
{
    if (t->list >= 0 && t->stage >= 0)
        return group_error(error, g, "a target counts a stage (stage =) or a list (list =), not both");
    if (t->list >= 0 && t->count_written)
        return group_error(error, g, "a list target has no count =: the list says what it counts");
    if (t->list < 0 && t->stage < 0)
        return group_error(error, g, "stage (or list) is required");
    if (t->at_least < 0)
        return group_error(error, g, "at_least is required");
    return TRUE;
}

static gboolean read_target(Builder *b, const IniGroup *g, const char *name, GError **error)
{
    if (*name == '\0')
        return group_error(error, g, "a target needs a name: [target NAME]");
    Target t = {.name = g_strdup(name), .stage = -1, .list = -1, .year = b->m->horizon, .at_least = -1,
                .count = COUNT_STAGE, .where = {g_strdup(g->where.file), g->where.line}};
    g_array_append_val(b->targets, t);
    Target *tp = &g_array_index(b->targets, Target, b->targets->len - 1);
    for (guint i = 0; i < g->entries->len; i++)
        if (!read_target_entry(b, g, g->entries->pdata[i], tp, error))
            return FALSE;
    return check_target_subject(g, tp, error);
}

/* ---- the whole file ---------------------------------------------------- */

/* The groups read first, in this order (stages before what names them,
 * lists before the [uncertainty] and policies that may name their shares,
 * [effects] after every group giving a value and before the [uncertainty]
 * that may draw its coefficients).
 * A row with `read_all` reads every "[name ID]" group of the file. */
static const struct {
    const char *name;
    GroupReader read;
    gboolean required;
    gboolean (*read_all)(Builder *b, const IniDoc *doc, GError **error);
} fixed_groups[] = {
    {"scenario", read_scenario, TRUE, NULL},      {"stages", read_stages, TRUE, NULL},
    {"baseline", read_baseline, FALSE, NULL},     {"transitions", read_transitions, FALSE, NULL},
    {"exits", read_exits, FALSE, NULL},           {"renewal", read_renewal, FALSE, NULL},
    {"inflows", read_inflows, FALSE, NULL},       {"recruitment", read_recruitment, FALSE, NULL},
    {"list", NULL, FALSE, read_lists},            {"effects", read_effects, FALSE, NULL},
    {"uncertainty", read_uncertainty, FALSE, NULL},
};

static gboolean read_fixed_groups(Builder *b, const IniDoc *doc, const char *file, GError **error)
{
    for (gsize i = 0; i < G_N_ELEMENTS(fixed_groups); i++) {
        if (fixed_groups[i].read_all != NULL) {
            if (!fixed_groups[i].read_all(b, doc, error))
                return FALSE;
            continue;
        }
        const IniGroup *g = inifile_group(doc, fixed_groups[i].name);
        if (g == NULL && fixed_groups[i].required) {
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s: the [%s] group is missing", file,
                        fixed_groups[i].name);
            return FALSE;
        }
        if (g != NULL && !fixed_groups[i].read(b, g, error))
            return FALSE;
    }
    if (b->stages->len == 0) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s: [stages] lists no stage", file);
        return FALSE;
    }
    return TRUE;
}

/* TRUE for a group the first pass reads: a fixed one or a "[list ID]". */
static gboolean is_fixed_group(const char *name)
{
    for (gsize i = 0; i < G_N_ELEMENTS(fixed_groups); i++)
        if (fixed_groups[i].read_all ? group_suffix(name, fixed_groups[i].name) != NULL
                                     : strcmp(fixed_groups[i].name, name) == 0)
            return TRUE;
    return FALSE;
}

/* The error for group `g`, none of `known` (NULL-ended; "policy NAME"
 * for the named ones): the nearest suggested, else every one listed as
 * what `what` ("a group") must be. */
static gboolean unknown_group(GError **error, const IniGroup *g, const char *const *known, const char *what)
{
    /* "polcy 专班" is matched as "polcy NAME" */
    const char *space = strchr(g->name, ' ');
    g_autofree char *first = space ? g_strdup_printf("%.*s NAME", (int)(space - g->name), g->name)
                                   : g_strdup(g->name);
    g_autoptr(GString) msg = g_string_new("unknown group");
    if (text_nearest(first, known) != NULL) {
        text_append_suggestion(msg, first, known);
    } else {
        g_string_append_printf(msg, ": %s must be one of ", what);
        text_append_list(msg, known);
    }
    return group_error(error, g, "%s", msg->str);
}

/* Policies and targets, in file order; any other group is an error. */
static gboolean read_named_groups(Builder *b, const IniDoc *doc, GError **error)
{
    for (guint i = 0; i < doc->groups->len; i++) {
        const IniGroup *g = doc->groups->pdata[i];
        const char *name;
        if (is_fixed_group(g->name))
            continue;
        if ((name = group_suffix(g->name, "policy")) != NULL) {
            if (!read_policy(b, g, name, error))
                return FALSE;
        } else if ((name = group_suffix(g->name, "target")) != NULL) {
            if (!read_target(b, g, name, error))
                return FALSE;
        } else if (b->m->n_parts > 0 && strcmp(g->name, "common") == 0) {
            continue; /* a region's, read by read_common */
        } else if (strcmp(g->name, "common") == 0) {
            return group_error(error, g, "this group is for a region file, one whose [scenario] has parts = "
                               "(docs/regions.md); a scenario draws its own parameters in [uncertainty]");
        } else {
            const char *known[G_N_ELEMENTS(fixed_groups) + 3] = {"policy NAME", "target NAME"};
            for (gsize k = 0; k < G_N_ELEMENTS(fixed_groups); k++)
                known[k + 2] = fixed_groups[k].read_all ? "list NAME" : fixed_groups[k].name;
            known[G_N_ELEMENTS(known) - 1] = NULL;
            return unknown_group(error, g, known, "a group");
        }
    }
    return TRUE;
}

/* Every year at central values, with the policies acting. */
static gboolean check_years(const Model *m, GError **error)
{
    return model_check_written(m, error) && model_central_valid(m, error);
}

static gboolean check_targets(const Model *m, GError **error)
{
    for (int i = 0; i < m->n_targets; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(m->targets[i].name, m->targets[j].name) == 0) {
                g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s:%d: [target %s]: the name is taken",
                            m->targets[i].where.file, m->targets[i].where.line, m->targets[i].name);
                return FALSE;
            }
    return TRUE;
}

static void pick_language(Model *m)
{
    if (m->language)
        return;
    gboolean cjk = text_has_cjk(m->name);
    for (int s = 0; s < m->n_stages && !cjk; s++)
        cjk = text_has_cjk(m->stages[s].name);
    m->language = g_strdup(cjk ? "zh" : "en");
}

/* Moves the builder's arrays into its model. */
static Model *builder_finish(Builder *b)
{
    Model *m = b->m;
    m->n_stages = (int)b->stages->len;
    m->stages = (Stage *)g_array_free(b->stages, FALSE);
    m->n_params = (int)b->params->len;
    m->params = (Param *)g_array_free(b->params, FALSE);
    m->n_policies = (int)b->policies->len;
    m->policies = (Policy *)g_array_free(b->policies, FALSE);
    m->n_targets = (int)b->targets->len;
    m->targets = (Target *)g_array_free(b->targets, FALSE);
    m->n_lists = (int)b->lists->len;
    m->lists = (List *)g_array_free(b->lists, FALSE);
    m->n_attrs = (int)b->attrs->len;
    m->attrs = (Attribute *)(void *)g_array_free(b->attrs, m->n_attrs == 0);
    m->n_effects = (int)b->effects->len;
    m->effects = (Effect *)(void *)g_array_free(b->effects, m->n_effects == 0);
    if (m->n_attrs > 0)
        m->effect_beta = g_new0(double, (gsize)m->n_params * m->n_attrs);
    for (int i = 0; i < m->n_effects; i++) {
        const Effect *e = &m->effects[i];
        m->effect_beta[(gsize)e->param * m->n_attrs + e->attr] = e->uncertain ? dist_central(&e->dist) : e->value;
    }
    return m;
}

static Builder builder_new(Model *m)
{
    return (Builder){.m = m, .stages = g_array_new(FALSE, TRUE, sizeof(Stage)),
                     .params = g_array_new(FALSE, TRUE, sizeof(Param)),
                     .policies = g_array_new(FALSE, TRUE, sizeof(Policy)),
                     .targets = g_array_new(FALSE, TRUE, sizeof(Target)),
                     .lists = g_array_new(FALSE, TRUE, sizeof(List)),
                     .attrs = g_array_new(FALSE, TRUE, sizeof(Attribute)),
                     .effects = g_array_new(FALSE, TRUE, sizeof(Effect))};
}

static Model *build_model(const char *file, const IniDoc *doc, GError **error)
{
    Builder b = builder_new(g_new0(Model, 1));
    b.m->file = g_strdup(file);
    gboolean ok = read_fixed_groups(&b, doc, file, error) && read_named_groups(&b, doc, error);
    g_autoptr(Model) m = builder_finish(&b);
    if (!ok || !check_years(m, error) || !check_targets(m, error))
        return NULL;
    pick_language(m);
    return g_steal_pointer(&m);
}

/* ---- region files ---------------------------------------------------------- */

static Model *load_file(const char *path, GPtrArray *chain, GError **error);

/* The groups a region file may have besides [policy NAME] and [target NAME]. */
static const char *const region_groups[] = {"scenario", "common", "policy NAME", "target NAME", NULL};

/* A region file has [scenario], [common], policies and targets only: its
 * ladder is its parts'. */
static gboolean check_region_groups(const IniDoc *doc, GError **error)
{
    for (guint i = 0; i < doc->groups->len; i++) {
        const IniGroup *g = doc->groups->pdata[i];
        if (strcmp(g->name, "scenario") == 0 || strcmp(g->name, "common") == 0 ||
            group_suffix(g->name, "policy") != NULL || group_suffix(g->name, "target") != NULL)
            continue;
        if (is_fixed_group(g->name))
            return group_error(error, g, "a region file takes its ladder, rates and uncertainty from its parts: "
                               "put this group in a part's file (a region has [scenario], [common], [policy "
                               "NAME] and [target NAME])");
        return unknown_group(error, g, region_groups, "a group of a region file");
    }
    return TRUE;
}

/* A region file is read alone: extends would merge a scenario's ladder, or
 * another region's parts, into it unseen. */
static gboolean check_one_file(const char *file, const IniDoc *doc, GError **error)
{
    for (guint i = 0; i < doc->groups->len; i++) {
        const IniGroup *g = doc->groups->pdata[i];
        const char *other = strcmp(g->where.file, file) != 0 ? g->where.file : NULL;
        for (guint k = 0; other == NULL && k < g->entries->len; k++) {
            const IniEntry *e = g->entries->pdata[k];
            if (strcmp(e->where.file, file) != 0)
                other = e->where.file;
        }
        if (other != NULL) {
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                        "%s: a region file does not extend another (its extends = brings in %s): list the "
                        "scenarios in parts =, and write the region's own lines in it", file, other);
            return FALSE;
        }
    }
    return TRUE;
}

/* The identity of a file for finding loops: its real path, else as given. */
static char *file_identity(const char *path)
{
    char *real = realpath(path, NULL);
    char *id = g_strdup(real ? real : path);
    free(real);
    return id;
}

/* Part `name` of the `parts` line `e`, loaded from `dir`; `chain` holds
 * the files being loaded above it. */
static Model *load_part(const IniGroup *g, const IniEntry *e, const char *name, const char *dir, GPtrArray *chain,
                        GError **error)
{
    g_autofree char *path = g_path_is_absolute(name) || strcmp(dir, ".") == 0 ? g_strdup(name)
                                                                            : g_build_filename(dir, name, NULL);
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        entry_error(error, g, e, "part %s: no such file (%s; a part's path is relative to the region file's folder)",
                    name, path);
        return NULL;
    }
    g_autofree char *id = file_identity(path);
    for (guint i = 0; i < chain->len; i++)
        if (strcmp(chain->pdata[i], id) == 0) {
            g_autoptr(GString) loop = g_string_new(NULL);
            for (guint k = i; k < chain->len; k++)
                g_string_append_printf(loop, "%s → ", (const char *)chain->pdata[k]);
            g_string_append(loop, id);
            entry_error(error, g, e, "part %s is the region itself or a region above it: a loop of parts (%s)", name,
                        loop->str);
            return NULL;
        }
    return load_file(path, chain, error);
}

/* The parts of `parts = a.ini, b.ini` (caller frees the array and models). */
static GPtrArray *load_parts(const IniGroup *g, const IniEntry *e, const char *dir, GPtrArray *chain,
                             GError **error)
{
    g_auto(GStrv) names = g_strsplit(e->value, ",", -1);
    g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func((GDestroyNotify)model_free);
    for (int i = 0; names[i] != NULL; i++) {
        const char *name = g_strstrip(names[i]);
        if (*name == '\0') {
            entry_error(error, g, e, "an empty part: parts are files separated by commas");
            return NULL;
        }
        for (int j = 0; j < i; j++)
            if (strcmp(names[j], name) == 0) {
                entry_error(error, g, e, "part %s is listed twice", name);
                return NULL;
            }
        if (i >= REGION_MAX_PARTS) {
            entry_error(error, g, e, "a region has at most %d parts", REGION_MAX_PARTS);
            return NULL;
        }
        Model *pm = load_part(g, e, name, dir, chain, error);
        if (pm == NULL)
            return NULL;
        g_ptr_array_add(parts, pm);
    }
    return g_steal_pointer(&parts);
}

/* [scenario] of a region: what a scenario's says but base_year and
 * extends, into `head`; the parts line into *parts_line. */
static gboolean read_region_scenario(const IniGroup *g, Model *head, const IniEntry **parts_line, GError **error)
{
    Builder b = {.m = head};
    for (guint i = 0; i < g->entries->len; i++) {
        const IniEntry *e = g->entries->pdata[i];
        if (strcmp(e->key, "parts") == 0)
            *parts_line = e;
        else if (strcmp(e->key, "base_year") == 0)
            return entry_error(error, g, e, "a region's years start at its parts' latest base_year; remove this line");
        else if (!read_scenario_entry(&b, g, e, error))
            return FALSE;
    }
    const char *missing = !head->name ? "name" : !head->horizon ? "horizon" : NULL;
    return missing == NULL || group_error(error, g, "%s is required", missing);
}

/* [common]: a factor drawn once a replication for a parameter of every
 * part that has it. */
static gboolean read_common(Builder *b, const IniGroup *g, GError **error)
{
    for (guint k = 0; g != NULL && k < g->entries->len; k++) {
        const IniEntry *e = g->entries->pdata[k];
        int i = resolve_param(b, g, e, NULL, error);
        if (i < 0)
            return FALSE;
        Param *p = &g_array_index(b->params, Param, i);
        if (p->uncertain)
            return entry_error(error, g, e, "%s has a common factor already (line %d)", p->key, p->where.line);
        Dist d;
        char *why = NULL;
        if (!read_dist(g, e, &d, error))
            return FALSE;
        if (!region_factor_fits(&d, &why)) {
            g_autofree char *w = why;
            return entry_error(error, g, e, "%s", w);
        }
        p->uncertain = TRUE;
        p->dist = d;
        g_free(p->where.file);
        g_free(p->written);
        g_free(p->dist_note);
        p->where = (SourceRef){g_strdup(e->where.file), e->where.line};
        p->written = written(g, e);
        p->dist_note = g_strdup(e->comment);
    }
    return TRUE;
}

/* Moves `n` elements of `data` (freed) into `into`. */
static void adopt(GArray *into, gpointer data, int n)
{
    if (n > 0)
        g_array_append_vals(into, data, (guint)n);
    g_free(data);
}

/* A region file: its parts loaded (each relative to `dir`), then its
 * [common], policies and targets read against the union of their ladders. */
static Model *build_region(const char *file, const char *dir, const IniDoc *doc, GPtrArray *chain, GError **error)
{
    const IniGroup *g = inifile_group(doc, "scenario");
    const IniEntry *parts_line = NULL;
    g_autoptr(Model) head = g_new0(Model, 1);
    if (!check_one_file(file, doc, error) || !check_region_groups(doc, error) ||
        !read_region_scenario(g, head, &parts_line, error))
        return NULL;
    g_autoptr(GPtrArray) parts = load_parts(g, parts_line, dir, chain, error);
    if (parts == NULL)
        return NULL;
    SourceRef where = parts_line->where;
    int n = (int)parts->len;
    Model **taken = (Model **)g_ptr_array_steal(parts, NULL);
    Model *m = region_new(file, taken, n, head->horizon, &where, error);
    g_free(taken);
    if (m == NULL)
        return NULL;
    m->name = g_steal_pointer(&head->name);
    m->region = g_steal_pointer(&head->region);
    m->description = g_steal_pointer(&head->description);
    m->language = g_steal_pointer(&head->language);
    m->replications = head->replications;
    m->seed = head->seed;
    m->has_seed = head->has_seed;
    Builder b = builder_new(m);
    adopt(b.stages, g_steal_pointer(&m->stages), m->n_stages);
    adopt(b.params, g_steal_pointer(&m->params), m->n_params);
    adopt(b.lists, g_steal_pointer(&m->lists), m->n_lists);
    gboolean ok = read_common(&b, inifile_group(doc, "common"), error) && read_named_groups(&b, doc, error);
    g_autoptr(Model) done = builder_finish(&b);
    if (!ok || !check_targets(done, error) || !region_finish(done, error))
        return NULL;
    pick_language(done);
    return g_steal_pointer(&done);
}

/* A scenario or, when [scenario] has parts =, a region. */
static Model *build_any(const char *file, const char *dir, const IniDoc *doc, GPtrArray *chain, GError **error)
{
    const IniGroup *g = inifile_group(doc, "scenario");
    if (g == NULL || inifile_entry(g, "parts") == NULL)
        return build_model(file, doc, error);
    g_autofree char *id = file_identity(file);
    g_ptr_array_add(chain, id);
    Model *m = build_region(file, dir, doc, chain, error);
    g_ptr_array_remove_index(chain, chain->len - 1);
    return m;
}

static Model *load_file(const char *path, GPtrArray *chain, GError **error)
{
    g_autoptr(IniDoc) doc = inifile_load(path, param_key_normalise, error);
    g_autofree char *dir = g_path_get_dirname(path);
    return doc ? build_any(path, dir, doc, chain, error) : NULL;
}

/* Says on stderr which targets have no year= and so are measured at the
 * horizon, which moves with it. */
static void warn_targets_without_year(const Model *m)
{
    for (int i = 0; i < m->n_targets; i++) {
        const Target *t = &m->targets[i];
        if (!t->year_given)
            g_printerr("ladder: warning: %s:%d: [target %s] has no year =; it is measured at the horizon, %d\n",
                       t->where.file, t->where.line, t->name, t->year);
    }
}

Model *scenario_load(const char *path, GError **error)
{
    g_autoptr(GPtrArray) chain = g_ptr_array_new();
    Model *m = load_file(path, chain, error);
    if (m != NULL)
        warn_targets_without_year(m);
    return m;
}

Model *scenario_load_data(const char *name, const char *dir, const char *text, GError **error)
{
    g_autoptr(IniDoc) doc = inifile_load_data(name, dir, text, param_key_normalise, error);
    g_autoptr(GPtrArray) chain = g_ptr_array_new();
    return doc ? build_any(name, dir ? dir : ".", doc, chain, error) : NULL;
}
