/* region.c: a region over parts: the union of their ladders, the parts'
 * maps into it, the region's policies carried into each scenario under
 * it, the stream keys that keep every scenario's draws its own, and the
 * checks that hold across the parts.
 * SPDX-License-Identifier: MIT */
#include "region.h"

#include <stdlib.h>
#include <string.h>

#include "errors.h"

gboolean region_is(const Model *m)
{
    return m->n_parts > 0;
}

int region_n_scenarios(const Model *m)
{
    if (!region_is(m))
        return 1;
    int n = 0;
    for (int i = 0; i < m->n_parts; i++)
        n += region_n_scenarios(m->parts[i].model);
    return n;
}

Model *region_scenario(const Model *m, int k, int *part)
{
    for (int p = 0; p < m->n_parts && k >= 0; p++) {
        Model *pm = m->parts[p].model;
        int n = region_n_scenarios(pm);
        if (k < n) {
            if (part != NULL)
                *part = p;
            return region_is(pm) ? region_scenario(pm, k, NULL) : pm;
        }
        k -= n;
    }
    return NULL;
}

gboolean region_factor_fits(const Dist *d, char **why)
{
    *why = NULL;
    if (d->kind == DIST_BETA || d->kind == DIST_GAMMA || (d->kind == DIST_UNIFORM && d->a >= 0))
        return TRUE;
    *why = g_strdup("a common factor multiplies the parts' values and cannot be negative: use gamma(shape, "
                    "scale) with shape x scale = 1 for a shock around 1, or uniform(lo, hi) with lo >= 0");
    return FALSE;
}

void region_prefix_error(const Model *m, int part, GError **error)
{
    const Model *pm = m->parts[part].model;
    g_prefix_error(error, "part %s (%s): ", pm->name, pm->file);
}

/* ---- the parts' years -------------------------------------------------- */

/* Ends `m` (a part) at `horizon` (<= its own): its policies stop there,
 * and its own targets after it are dropped, each with a note. */
static void end_at(Model *m, int horizon, const char *region_file)
{
    for (int i = m->n_policies - 1; i >= 0; i--) {
        if (m->policies[i].from > horizon)
            model_drop_policy(m, i);
        else if (m->policies[i].to > horizon)
            m->policies[i].to = horizon;
    }
    int kept = 0;
    for (int i = 0; i < m->n_targets; i++) {
        Target *t = &m->targets[i];
        if (t->year <= horizon) {
            m->targets[kept++] = *t;
            continue;
        }
        g_printerr("ladder: note: %s:%d: [target %s] is for %d, after the horizon %d of the region %s; the "
                   "part's own figures leave it out\n", t->where.file, t->where.line, t->name, t->year, horizon,
                   region_file);
        g_free(t->name);
        g_free(t->where.file);
    }
    m->n_targets = kept;
    m->horizon = horizon;
    for (int i = 0; i < m->n_parts; i++)
        end_at(m->parts[i].model, horizon, region_file);
}

static gboolean check_years(Model **parts, int n, int horizon, const SourceRef *where, int *base_year,
                            GError **error)
{
    *base_year = 0;
    for (int i = 0; i < n; i++) {
        const Model *pm = parts[i];
        if (pm->horizon < horizon) {
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                        "%s:%d: part %s (%s) ends in %d, before the region's horizon %d; give the region an "
                        "earlier horizon, or the part a later one", where->file, where->line, pm->name, pm->file,
                        pm->horizon, horizon);
            return FALSE;
        }
        *base_year = MAX(*base_year, pm->base_year);
    }
    if (*base_year >= horizon || horizon - *base_year > MODEL_MAX_YEARS) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                    "%s:%d: the region's years start at its parts' latest base_year, %d, and its horizon %d "
                    "must come after it", where->file, where->line, *base_year, horizon);
        return FALSE;
    }
    return TRUE;
}

/* ---- the union of the parts' ladders -------------------------------------- */

static int find_id(GPtrArray *ids, const char *id)
{
    for (guint i = 0; i < ids->len; i++)
        if (strcmp(ids->pdata[i], id) == 0)
            return (int)i;
    return -1;
}

/* The region's stage ids: every part's, each part's in its own order.
 * FALSE with an error when two parts order two stages differently. */
static gboolean union_stage_ids(Model **parts, int n, const SourceRef *where, GPtrArray *ids, GError **error)
{
    for (int p = 0; p < n; p++) {
        int prev = -1;
        for (int s = 0; s < parts[p]->n_stages; s++) {
            const char *id = parts[p]->stages[s].id;
            int at = find_id(ids, id);
            if (at < 0) {
                g_ptr_array_insert(ids, prev + 1, (gpointer)id);
                at = prev + 1;
            } else if (at <= prev) {
                g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                            "%s:%d: part %s (%s) orders stage %s before %s, and an earlier part the other way "
                            "round; the parts of a region climb one ladder", where->file, where->line,
                            parts[p]->name, parts[p]->file, (const char *)ids->pdata[prev], id);
                return FALSE;
            }
            prev = at;
        }
    }
    return TRUE;
}

/* Stage `id` of the region: the first part's that has it, with its own
 * parameters linked later (link_param); its baseline the parts' summed. */
static Stage region_stage(Model **parts, int n, const char *id)
{
    Stage st = {.id = g_strdup(id), .lapse_to = -1, .renewal_param = -1, .exit_param = -1, .inflow_param = -1,
                .recruitment_param = -1};
    for (int p = 0; p < n; p++) {
        int s = model_stage_index(parts[p], id);
        if (s < 0)
            continue;
        const Stage *from = &parts[p]->stages[s];
        if (st.name == NULL) {
            st.name = g_strdup(from->name);
            st.renewal_years = from->renewal_years;
        }
        st.baseline += from->baseline;
    }
    return st;
}

/* Part `p`'s lists into the region's `lists` (List), by id, with the
 * part's members; part->list_of filled. */
static void union_lists(const Model *pm, ModelPart *part, GArray *lists)
{
    part->list_of = g_new(int, MAX(pm->n_lists, 1));
    for (int l = 0; l < pm->n_lists; l++) {
        const List *from = &pm->lists[l];
        int at = -1;
        for (guint k = 0; k < lists->len && at < 0; k++)
            if (strcmp(g_array_index(lists, List, k).id, from->id) == 0)
                at = (int)k;
        if (at < 0) {
            List nl = {.id = g_strdup(from->id), .name = g_strdup(from->name),
                       .where = {g_strdup(from->where.file), from->where.line}};
            g_array_append_val(lists, nl);
            at = (int)lists->len - 1;
        }
        List *to = &g_array_index(lists, List, at);
        for (int j = 0; j < from->n_members; j++) {
            int s = part->stage_of[from->members[j]];
            gboolean has = FALSE;
            for (int k = 0; k < to->n_members; k++)
                has = has || to->members[k] == s;
            if (!has)
                to->members[to->n_members++] = s;
        }
        part->list_of[l] = at;
    }
}

/* Part `pm`'s parameters into the region's `params` (Param), by key, each
 * a factor 1; part->factor_of filled. */
static void union_params(const Model *pm, ModelPart *part, GArray *params)
{
    part->factor_of = g_new(int, MAX(pm->n_params, 1));
    for (int j = 0; j < pm->n_params; j++) {
        const Param *q = &pm->params[j];
        int stage = part->stage_of[q->stage], to = q->to >= 0 ? part->stage_of[q->to] : -1;
        int list = q->list >= 0 ? part->list_of[q->list] : -1;
        int at = model_params_index((const Param *)(void *)params->data, (int)params->len, q->kind, stage, to, list);
        if (at < 0) {
            Param np = {.kind = q->kind, .stage = stage, .to = to, .list = list, .key = g_strdup(q->key),
                        .value = 1, .where = {g_strdup(q->where.file), q->where.line},
                        .written = g_strdup_printf("%s (a factor on the parts' values, first at %s:%d)", q->key,
                                                   q->where.file, q->where.line)};
            g_array_append_val(params, np);
            at = (int)params->len - 1;
        }
        part->factor_of[j] = at;
    }
}

Model *region_new(const char *file, Model **parts, int n, int horizon, const SourceRef *where, GError **error)
{
    int base_year;
    g_autoptr(GPtrArray) ids = g_ptr_array_new();
    if (!check_years(parts, n, horizon, where, &base_year, error) ||
        !union_stage_ids(parts, n, where, ids, error)) {
        for (int p = 0; p < n; p++)
            model_free(parts[p]);
        return NULL;
    }
    Model *m = g_new0(Model, 1);
    m->file = g_strdup(file);
    m->base_year = base_year;
    m->horizon = horizon;
    m->n_stages = (int)ids->len;
    m->stages = g_new0(Stage, m->n_stages);
    for (int s = 0; s < m->n_stages; s++)
        m->stages[s] = region_stage(parts, n, ids->pdata[s]);
    m->n_parts = n;
    m->parts = g_new0(ModelPart, n);
    GArray *lists = g_array_new(FALSE, TRUE, sizeof(List));
    GArray *params = g_array_new(FALSE, TRUE, sizeof(Param));
    for (int p = 0; p < n; p++) {
        Model *pm = parts[p];
        ModelPart *part = &m->parts[p];
        end_at(pm, horizon, file);
        part->model = pm;
        part->year_offset = base_year - pm->base_year;
        part->stage_of = g_new(int, pm->n_stages);
        for (int s = 0; s < pm->n_stages; s++)
            part->stage_of[s] = find_id(ids, pm->stages[s].id);
        union_lists(pm, part, lists);
        union_params(pm, part, params);
    }
    m->n_lists = (int)lists->len;
    m->lists = (List *)(void *)g_array_free(lists, FALSE);
    m->n_params = (int)params->len;
    m->params = (Param *)(void *)g_array_free(params, FALSE);
    for (int i = 0; i < m->n_params; i++)
        model_link_param(m->stages, m->lists, &m->params[i], i);
    for (int s = 0; s < m->n_stages; s++) { /* a lapse falls where the first part's does */
        for (int p = 0; p < n && m->stages[s].renewal_years > 0 && m->stages[s].lapse_to < 0; p++) {
            int ps = model_stage_index(parts[p], m->stages[s].id);
            if (ps >= 0 && parts[p]->stages[ps].lapse_to >= 0)
                m->stages[s].lapse_to = m->parts[p].stage_of[parts[p]->stages[ps].lapse_to];
        }
    }
    return m;
}

/* ---- completing a region ------------------------------------------------ */

/* TRUE when some part of `m` has region parameter `i`. */
static gboolean param_in_a_part(const Model *m, int i)
{
    for (int p = 0; p < m->n_parts; p++)
        for (int j = 0; j < m->parts[p].model->n_params; j++)
            if (m->parts[p].factor_of[j] == i)
                return TRUE;
    return FALSE;
}

static gboolean no_part_has(const Model *m, int i, const SourceRef *where, GError **error)
{
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                "%s:%d: %s: no part of the region has this parameter; a region's [common] and policies act on "
                "the parts' own parameters", where->file, where->line, m->params[i].key);
    return FALSE;
}

/* Every parameter [common] draws or a policy changes is a part's. */
static gboolean check_named_params(const Model *m, GError **error)
{
    for (int i = 0; i < m->n_params; i++)
        if (m->params[i].uncertain && !param_in_a_part(m, i))
            return no_part_has(m, i, &m->params[i].where, error);
    for (int k = 0; k < m->n_policies; k++)
        for (int j = 0; j < m->policies[k].n_changes; j++) {
            const PolicyChange *c = &m->policies[k].changes[j];
            if (!param_in_a_part(m, c->param))
                return no_part_has(m, c->param, &c->where, error);
        }
    return TRUE;
}

static int part_stage(const ModelPart *part, int stage)
{
    for (int s = 0; s < part->model->n_stages; s++)
        if (part->stage_of[s] == stage)
            return s;
    return -1;
}

static int part_list(const ModelPart *part, int list)
{
    for (int l = 0; l < part->model->n_lists; l++)
        if (part->list_of[l] == list)
            return l;
    return -1;
}

/* A stage or list a target counts is in every part. */
static gboolean check_targets(const Model *m, GError **error)
{
    for (int t = 0; t < m->n_targets; t++) {
        const Target *tg = &m->targets[t];
        for (int p = 0; p < m->n_parts; p++) {
            const ModelPart *part = &m->parts[p];
            gboolean list = tg->count == COUNT_LIST;
            if (list ? part_list(part, tg->list) >= 0 : part_stage(part, tg->stage) >= 0)
                continue;
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                        "%s:%d: [target %s] counts %s %s, which part %s (%s) does not have; a region's target "
                        "adds up every part's", tg->where.file, tg->where.line, tg->name, list ? "list" : "stage",
                        list ? m->lists[tg->list].id : m->stages[tg->stage].id, part->model->name,
                        part->model->file);
            return FALSE;
        }
    }
    return TRUE;
}

/* Policy `src` of region `owner` as it acts in scenario `leaf`, whose
 * parameter map[i] is the region's parameter i (-1: none): the changes on
 * parameters the scenario has, none of its cost (the region pays). */
static void append_policy(Model *leaf, const Policy *src, const char *owner, const int *map)
{
    Policy p = {.name = g_strdup(src->name), .owner = g_strdup(owner), .from = src->from,
                .to = MIN(src->to, leaf->horizon), .n_levels = 1, .levels = {1},
                .where = {g_strdup(src->where.file), src->where.line},
                .changes = g_new0(PolicyChange, src->n_changes)};
    for (int j = 0; j < src->n_changes; j++) {
        const PolicyChange *c = &src->changes[j];
        if (map[c->param] < 0)
            continue;
        p.changes[p.n_changes] = *c;
        p.changes[p.n_changes].param = map[c->param];
        p.changes[p.n_changes].where.file = g_strdup(c->where.file);
        p.n_changes++;
    }
    if (p.n_changes == 0) {
        g_free(p.name);
        g_free(p.owner);
        g_free(p.where.file);
        g_free(p.changes);
        return;
    }
    leaf->policies = g_renew(Policy, leaf->policies, leaf->n_policies + 1);
    leaf->policies[leaf->n_policies++] = p;
}

/* Appends region `m`'s policies to every scenario under `node`, whose
 * parameter map[i] (-1: none) is `m`'s parameter i. */
static void carry_policies(const Model *m, Model *node, const int *map)
{
    if (!region_is(node)) {
        for (int k = 0; k < m->n_policies; k++)
            append_policy(node, &m->policies[k], m->file, map);
        return;
    }
    for (int p = 0; p < node->n_parts; p++) {
        const ModelPart *part = &node->parts[p];
        g_autofree int *sub = g_new(int, MAX(m->n_params, 1));
        for (int i = 0; i < m->n_params; i++) {
            sub[i] = -1;
            for (int j = 0; map[i] >= 0 && j < part->model->n_params && sub[i] < 0; j++)
                if (part->factor_of[j] == map[i])
                    sub[i] = j;
        }
        carry_policies(m, part->model, sub);
    }
}

/* Stream keys under region `m` (key REGION_KEY_BIT | its number): each
 * scenario its number in file order, depth first, from 0; each region
 * below it REGION_KEY_BIT | its number, from 1. */
static void number_streams(Model *m, guint32 *scenarios, guint32 *regions)
{
    for (int p = 0; p < m->n_parts; p++) {
        Model *pm = m->parts[p].model;
        if (region_is(pm)) {
            pm->stream_key = REGION_KEY_BIT | ++*regions;
            number_streams(pm, scenarios, regions);
        } else {
            pm->stream_key = (*scenarios)++;
        }
    }
}

/* Each scenario under `m` once: its file's real path (or the path given,
 * when it has none) against those seen, into `seen` (path -> file);
 * `root` is the region file the user named, for the message. */
static gboolean check_once(const Model *m, const char *root, GHashTable *seen, GError **error)
{
    for (int p = 0; p < m->n_parts; p++) {
        const Model *pm = m->parts[p].model;
        if (region_is(pm)) {
            if (!check_once(pm, root, seen, error))
                return FALSE;
            continue;
        }
        char *real = realpath(pm->file, NULL);
        char *key = real ? g_strdup(real) : g_strdup(pm->file);
        free(real);
        const char *before = g_hash_table_lookup(seen, key);
        if (before != NULL) {
            g_autofree char *as = strcmp(before, pm->file) == 0 ? g_strdup(pm->file)
                                                                : g_strdup_printf("%s and as %s", before, pm->file);
            g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                        "%s: scenario %s is a part of the region twice (as %s, in %s and in another part); each "
                        "firm would be counted twice", root, pm->name, as, m->file);
            g_free(key);
            return FALSE;
        }
        g_hash_table_insert(seen, key, pm->file);
    }
    return TRUE;
}

/* Every scenario under `m`, with `up` ([m->n_params]: the factor on each
 * of m's parameters from the regions above, NULL: none) times m's own
 * central factors, valid in every year at central values. */
static gboolean check_valid(const Model *m, const double *up, GError **error)
{
    g_autofree double *f = g_new(double, MAX(m->n_params, 1));
    model_central_params(m, f);
    for (int i = 0; up != NULL && i < m->n_params; i++)
        f[i] *= up[i];
    for (int p = 0; p < m->n_parts; p++) {
        const ModelPart *part = &m->parts[p];
        const Model *pm = part->model;
        g_autofree double *v = g_new(double, MAX(pm->n_params, 1));
        gboolean ok;
        if (region_is(pm)) {
            for (int j = 0; j < pm->n_params; j++)
                v[j] = f[part->factor_of[j]];
            ok = check_valid(pm, v, error);
        } else {
            model_central_params(pm, v);
            for (int j = 0; j < pm->n_params; j++)
                v[j] *= f[part->factor_of[j]];
            ok = model_years_valid(pm, v, error);
        }
        if (!ok) {
            region_prefix_error(m, p, error);
            return FALSE;
        }
    }
    return TRUE;
}

gboolean region_central_valid(const Model *m, GError **error)
{
    return check_valid(m, NULL, error);
}

gboolean region_finish(Model *m, GError **error)
{
    g_return_val_if_fail(region_is(m), FALSE);
    if (!check_named_params(m, error) || !check_targets(m, error))
        return FALSE;
    g_autofree int *self = g_new(int, MAX(m->n_params, 1));
    for (int i = 0; i < m->n_params; i++)
        self[i] = i;
    carry_policies(m, m, self);
    guint32 scenarios = 0, regions = 0;
    m->stream_key = REGION_KEY_BIT;
    number_streams(m, &scenarios, &regions);
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return check_once(m, m->file, seen, error) && check_valid(m, NULL, error);
}
