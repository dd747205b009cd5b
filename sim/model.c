/* model.c: queries on a validated Model, and the parameters in force each
 * year once the policies act.
 * SPDX-License-Identifier: MIT */
#include "model.h"

#include <math.h>
#include <string.h>

#include "errors.h"
#include "region.h"
#include "text.h"


static void policy_clear(Policy *p)
{
    for (int j = 0; j < p->n_changes; j++)
        g_free(p->changes[j].where.file);
    g_free(p->changes);
    g_free(p->name);
    g_free(p->owner);
    g_free(p->where.file);
}

static void parts_free(ModelPart *parts, int n)
{
    for (int i = 0; i < n; i++) {
        if (parts[i].borrowed)
            continue;
        model_free(parts[i].model);
        g_free(parts[i].stage_of);
        g_free(parts[i].list_of);
        g_free(parts[i].factor_of);
    }
    g_free(parts);
}

static int stage_clocks(const Stage *st)
{
    return st->renewal_years > 0 ? st->renewal_years : 1;
}

static void known_free(ModelRoster *r)
{
    if (r == NULL)
        return;
    g_free(r->file);
    g_free(r->sha256);
    g_free(r->stage);
    g_free(r->clock);
    g_free(r->z);
    g_free(r->attr_mean);
    g_free(r->attr_sd);
    g_free(r);
}

static ModelRoster *known_copy(const ModelRoster *r)
{
    if (r == NULL)
        return NULL;
    ModelRoster *c = g_memdup2(r, sizeof *r);
    c->file = g_strdup(r->file);
    c->sha256 = g_strdup(r->sha256);
    c->stage = g_memdup2(r->stage, sizeof *r->stage * (gsize)r->n_firms);
    c->clock = g_memdup2(r->clock, sizeof *r->clock * (gsize)r->n_firms);
    c->z = g_memdup2(r->z, sizeof *r->z * (gsize)r->n_firms * (gsize)r->n_attrs);
    c->attr_mean = g_memdup2(r->attr_mean, sizeof *r->attr_mean * (gsize)r->n_attrs);
    c->attr_sd = g_memdup2(r->attr_sd, sizeof *r->attr_sd * (gsize)r->n_attrs);
    return c;
}

void model_free(Model *m)
{
    if (m == NULL)
        return;
    for (int i = 0; i < m->n_stages; i++) {
        g_free(m->stages[i].id);
        g_free(m->stages[i].name);
        g_free(m->stages[i].baseline_note);
        g_free(m->stages[i].baseline_dist_where.file);
        g_free(m->stages[i].baseline_dist_note);
        g_free(m->stages[i].baseline_by_clock);
    }
    known_free(m->roster);
    parts_free(m->parts, m->n_parts);
    for (int i = 0; i < m->n_lists; i++) {
        g_free(m->lists[i].id);
        g_free(m->lists[i].name);
        g_free(m->lists[i].where.file);
    }
    g_free(m->lists);
    for (int i = 0; i < m->n_params; i++) {
        g_free(m->params[i].key);
        g_free(m->params[i].where.file);
        g_free(m->params[i].written);
        g_free(m->params[i].note);
        g_free(m->params[i].dist_note);
    }
    for (int i = 0; i < m->n_policies; i++)
        policy_clear(&m->policies[i]);
    for (int i = 0; i < m->n_attrs; i++) {
        g_free(m->attrs[i].id);
        g_free(m->attrs[i].where.file);
    }
    for (int i = 0; i < m->n_effects; i++) {
        g_free(m->effects[i].where.file);
        g_free(m->effects[i].dist_where.file);
        g_free(m->effects[i].note);
    }
    g_free(m->attrs);
    g_free(m->effects);
    g_free(m->effect_beta);
    for (int i = 0; i < m->n_targets; i++) {
        g_free(m->targets[i].name);
        g_free(m->targets[i].where.file);
    }
    g_free(m->stages);
    g_free(m->params);
    g_free(m->policies);
    g_free(m->targets);
    g_free(m->file);
    g_free(m->name);
    g_free(m->region);
    g_free(m->description);
    g_free(m->language);
    g_strfreev(m->policies_off);
    g_free(m);
}

/* Copies `n` elements of `size` bytes (NULL for none). */
static gpointer dup_array(gconstpointer src, int n, gsize size)
{
    return n > 0 ? g_memdup2(src, (gsize)n * size) : NULL;
}

static void copy_source(SourceRef *dst, const SourceRef *src)
{
    dst->file = g_strdup(src->file);
}

static void copy_policy(Policy *dst, const Policy *src)
{
    dst->name = g_strdup(src->name);
    dst->owner = g_strdup(src->owner);
    copy_source(&dst->where, &src->where);
    dst->changes = dup_array(src->changes, src->n_changes, sizeof *src->changes);
    for (int j = 0; j < src->n_changes; j++)
        copy_source(&dst->changes[j].where, &src->changes[j].where);
}

/* The attributes, coefficients and their table of `m` into `c` (a whole
 * copy of `m`'s struct, whose pointers still point into `m`). */
static void copy_effects(Model *c, const Model *m)
{
    c->attrs = dup_array(m->attrs, m->n_attrs, sizeof *m->attrs);
    for (int i = 0; i < m->n_attrs; i++) {
        c->attrs[i].id = g_strdup(m->attrs[i].id);
        copy_source(&c->attrs[i].where, &m->attrs[i].where);
    }
    c->effects = dup_array(m->effects, m->n_effects, sizeof *m->effects);
    for (int i = 0; i < m->n_effects; i++) {
        c->effects[i].note = g_strdup(m->effects[i].note);
        copy_source(&c->effects[i].where, &m->effects[i].where);
        copy_source(&c->effects[i].dist_where, &m->effects[i].dist_where);
    }
    c->effect_beta = m->effect_beta ? dup_array(m->effect_beta, m->n_params * m->n_attrs, sizeof(double)) : NULL;
}

/* Part `from` into `to` (a copy of its struct): its own model and maps. */
static void copy_part(ModelPart *to, const ModelPart *from)
{
    const Model *pm = from->model;
    to->model = model_copy(pm);
    to->stage_of = dup_array(from->stage_of, pm->n_stages, sizeof(int));
    to->list_of = dup_array(from->list_of, pm->n_lists, sizeof(int));
    to->factor_of = dup_array(from->factor_of, pm->n_params, sizeof(int));
    to->borrowed = FALSE;
}

/* Every struct is copied whole first, then each string it owns is
 * duplicated, so a field added later is copied unless it owns memory. */
Model *model_copy(const Model *m)
{
    Model *c = g_memdup2(m, sizeof *m);
    c->file = g_strdup(m->file);
    c->name = g_strdup(m->name);
    c->region = g_strdup(m->region);
    c->description = g_strdup(m->description);
    c->language = g_strdup(m->language);
    c->policies_off = g_strdupv(m->policies_off);
    c->stages = dup_array(m->stages, m->n_stages, sizeof *m->stages);
    for (int i = 0; i < m->n_stages; i++) {
        c->stages[i].id = g_strdup(m->stages[i].id);
        c->stages[i].name = g_strdup(m->stages[i].name);
        c->stages[i].baseline_note = g_strdup(m->stages[i].baseline_note);
        c->stages[i].baseline_dist_note = g_strdup(m->stages[i].baseline_dist_note);
        copy_source(&c->stages[i].baseline_dist_where, &m->stages[i].baseline_dist_where);
        c->stages[i].baseline_by_clock = dup_array(m->stages[i].baseline_by_clock, m->stages[i].baseline_by_clock
                                                   ? stage_clocks(&m->stages[i]) : 0, sizeof(gint64));
    }
    c->roster = known_copy(m->roster);
    c->lists = dup_array(m->lists, m->n_lists, sizeof *m->lists);
    for (int i = 0; i < m->n_lists; i++) {
        c->lists[i].id = g_strdup(m->lists[i].id);
        c->lists[i].name = g_strdup(m->lists[i].name);
        copy_source(&c->lists[i].where, &m->lists[i].where);
    }
    c->params = dup_array(m->params, m->n_params, sizeof *m->params);
    for (int i = 0; i < m->n_params; i++) {
        c->params[i].key = g_strdup(m->params[i].key);
        c->params[i].written = g_strdup(m->params[i].written);
        c->params[i].note = g_strdup(m->params[i].note);
        c->params[i].dist_note = g_strdup(m->params[i].dist_note);
        copy_source(&c->params[i].where, &m->params[i].where);
    }
    c->policies = dup_array(m->policies, m->n_policies, sizeof *m->policies);
    for (int i = 0; i < m->n_policies; i++)
        copy_policy(&c->policies[i], &m->policies[i]);
    c->targets = dup_array(m->targets, m->n_targets, sizeof *m->targets);
    for (int i = 0; i < m->n_targets; i++) {
        c->targets[i].name = g_strdup(m->targets[i].name);
        copy_source(&c->targets[i].where, &m->targets[i].where);
    }
    copy_effects(c, m);
    c->parts = dup_array(m->parts, m->n_parts, sizeof *m->parts);
    for (int i = 0; i < m->n_parts; i++)
        copy_part(&c->parts[i], &m->parts[i]);
    return c;
}

Model *model_copy_sharing_parts(const Model *m, int own_part)
{
    g_return_val_if_fail(own_part >= -1 && own_part < m->n_parts, NULL);
    /* the parts are copied by model_copy of a region without them, then borrowed or copied here */
    Model shell = *m;
    shell.n_parts = 0;
    shell.parts = NULL;
    Model *c = model_copy(&shell);
    c->n_parts = m->n_parts;
    c->parts = dup_array(m->parts, m->n_parts, sizeof *m->parts);
    for (int i = 0; i < m->n_parts; i++) {
        if (i == own_part)
            copy_part(&c->parts[i], &m->parts[i]);
        else
            c->parts[i].borrowed = TRUE;
    }
    return c;
}

/* Appends `what` to the parameter's line for messages, so that an error in
 * a varied model says the value is not the one written. */
static void note_written(Param *p, const char *what)
{
    char *w = g_strdup_printf("%s, %s", p->written, what);
    g_free(p->written);
    p->written = w;
}

void model_set_param_value(Model *m, int param, double value)
{
    g_return_if_fail(param >= 0 && param < m->n_params);
    Param *p = &m->params[param];
    char x[G_ASCII_DTOSTR_BUF_SIZE];
    g_autofree char *what = g_strdup_printf("varied to %s", g_ascii_formatd(x, sizeof x, "%g", value));
    note_written(p, what);
    p->value = value;
    p->uncertain = FALSE;
}

void model_link_param(Stage *stages, List *lists, const Param *p, int i)
{
    Stage *s = &stages[p->stage];
    switch (p->kind) {
    case PARAM_EDGE: s->out_param[s->n_out++] = i; break;
    case PARAM_EXIT: s->exit_param = i; break;
    case PARAM_RENEWAL: s->renewal_param = i; break;
    case PARAM_INFLOW: s->inflow_param = i; break;
    case PARAM_RECRUITMENT: s->recruitment_param = i; break;
    case PARAM_SHARE: {
        List *l = &lists[p->list];
        l->share_param[l->n_shares++] = i;
        break;
    }
    case PARAM_N_KINDS: g_assert_not_reached();
    }
}

void model_set_baseline(Model *m, int stage, gint64 n)
{
    g_return_if_fail(stage >= 0 && stage < m->n_stages && n >= 0);
    g_return_if_fail(m->roster == NULL || !m->roster->covers[stage]);
    m->stages[stage].baseline = n;
    m->stages[stage].baseline_uncertain = FALSE;
    g_clear_pointer(&m->stages[stage].baseline_by_clock, g_free);
}

/* TRUE when every firm's stage and clock fit `m`. */
static gboolean roster_fits(const Model *m, int n_firms, const int *stage, const int *clock)
{
    for (int i = 0; i < n_firms; i++)
        if (stage[i] < 0 || stage[i] >= m->n_stages || clock[i] < 0 || clock[i] >= stage_clocks(&m->stages[stage[i]]))
            return FALSE;
    return TRUE;
}

void model_set_roster(Model *m, const char *file, const char *sha256, int n_firms, const int *stage,
                      const int *clock)
{
    g_return_if_fail(file != NULL && n_firms >= 1 && roster_fits(m, n_firms, stage, clock));
    ModelRoster *r = g_new0(ModelRoster, 1);
    r->file = g_strdup(file);
    r->sha256 = g_strdup(sha256);
    r->n_firms = n_firms;
    r->stage = g_memdup2(stage, sizeof *stage * (gsize)n_firms);
    r->clock = g_memdup2(clock, sizeof *clock * (gsize)n_firms);
    for (int i = 0; i < n_firms; i++)
        r->covers[stage[i]] = TRUE;
    for (int s = 0; s < m->n_stages; s++) {
        Stage *st = &m->stages[s];
        if (!r->covers[s])
            continue;
        g_free(st->baseline_by_clock);
        st->baseline_by_clock = g_new0(gint64, stage_clocks(st));
        st->baseline = 0;
        st->baseline_uncertain = FALSE;
    }
    for (int i = 0; i < n_firms; i++) {
        m->stages[stage[i]].baseline_by_clock[clock[i]]++;
        m->stages[stage[i]].baseline++;
    }
    known_free(m->roster);
    m->roster = r;
}

void model_column_moments(const double *x, int n_firms, int n_attrs, int a, double *mean, double *sd)
{
    g_return_if_fail(x != NULL && n_firms >= 1 && a >= 0 && a < n_attrs && mean != NULL && sd != NULL);
    double sum = 0, ss = 0;
    gboolean same = TRUE;
    for (int f = 0; f < n_firms; f++) {
        sum += x[(gsize)f * n_attrs + a];
        same = same && x[(gsize)f * n_attrs + a] == x[a];
    }
    *mean = sum / n_firms;
    for (int f = 0; f < n_firms; f++) {
        double d = x[(gsize)f * n_attrs + a] - *mean;
        ss += d * d;
    }
    *sd = same ? 0 : sqrt(ss / (n_firms - 1));
}

/* Attribute `a`'s mean and sd to standardise by: its standardise line's,
 * else the roster's own; FALSE when the roster's have no spread. */
static gboolean attr_scale(const Model *m, const double *x, int a, int header_line, double *mean, double *sd,
                           GError **error)
{
    const Attribute *at = &m->attrs[a];
    if (at->standardised) {
        *mean = at->mean;
        *sd = at->sd;
        return TRUE;
    }
    model_column_moments(x, m->roster->n_firms, m->n_attrs, a, mean, sd);
    if (*sd > 0 && isfinite(*sd))
        return TRUE;
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                "%s:%d: column %s cannot be standardised: %s, so its standard deviation is 0; give "
                "standardise.%s = mean, sd in [effects] of %s",
                m->roster->file, header_line, at->id,
                m->roster->n_firms > 1 ? "every firm has the same value" : "the roster has one firm", at->id, m->file);
    return FALSE;
}

gboolean model_set_roster_attributes(Model *m, const double *x, int header_line, GError **error)
{
    g_return_val_if_fail(m->roster != NULL, FALSE);
    if (m->n_attrs == 0)
        return TRUE;
    g_return_val_if_fail(x != NULL, FALSE);
    ModelRoster *r = m->roster;
    int n = m->n_attrs;
    g_autofree double *mean = g_new(double, n), *sd = g_new(double, n);
    for (int a = 0; a < n; a++)
        if (!attr_scale(m, x, a, header_line, &mean[a], &sd[a], error))
            return FALSE;
    g_free(r->z);
    r->z = g_new(double, (gsize)r->n_firms * n);
    for (int f = 0; f < r->n_firms; f++)
        for (int a = 0; a < n; a++)
            r->z[(gsize)f * n + a] = (x[(gsize)f * n + a] - mean[a]) / sd[a];
    g_free(r->attr_mean);
    g_free(r->attr_sd);
    r->attr_mean = g_steal_pointer(&mean);
    r->attr_sd = g_steal_pointer(&sd);
    r->n_attrs = n;
    return TRUE;
}

void model_baseline_cohorts(const Stage *st, gint64 n, gint64 *cohort)
{
    int v = stage_clocks(st);
    for (int t = 0; t < v; t++)
        cohort[t] = st->baseline_by_clock != NULL && n == st->baseline ? st->baseline_by_clock[t]
                                                                        : n / v + (t < n % v ? 1 : 0);
}

void model_set_lever(Model *m, int param, int from_year, double value)
{
    model_set_lever_op(m, param, from_year, LEVER_SET, value);
}

void model_set_lever_op(Model *m, int param, int from_year, LeverOp op, double x)
{
    g_return_if_fail(param >= 0 && param < m->n_params);
    static const char *const verb[] = {[LEVER_SET] = "set to", [LEVER_MULTIPLY] = "times", [LEVER_ADD] = "plus"};
    Param *p = &m->params[param];
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_autofree char *what = g_strdup_printf("%s %s from %d", verb[op], g_ascii_formatd(buf, sizeof buf, "%g", x),
                                            from_year);
    note_written(p, what);
    m->n_levers += !p->lever.on;
    p->lever = (Lever){.on = TRUE, .from = from_year, .op = op, .value = x};
    for (int i = 0; i < m->n_parts; i++) /* a region's lever acts in every part with the key */
        for (int j = 0; j < m->parts[i].model->n_params; j++)
            if (m->parts[i].factor_of[j] == param)
                model_set_lever_op(m->parts[i].model, j, from_year, op, x);
}

/* Points `ref` at `to` when it names `from`. */
static void rename_source(SourceRef *ref, const char *from, const char *to)
{
    if (g_strcmp0(ref->file, from) != 0)
        return;
    g_free(ref->file);
    ref->file = g_strdup(to);
}

void model_rename_file(Model *m, const char *from, const char *to)
{
    if (g_strcmp0(m->file, from) == 0) {
        g_free(m->file);
        m->file = g_strdup(to);
    }
    for (int i = 0; i < m->n_stages; i++)
        rename_source(&m->stages[i].baseline_dist_where, from, to);
    for (int i = 0; i < m->n_params; i++)
        rename_source(&m->params[i].where, from, to);
    for (int i = 0; i < m->n_parts; i++)
        model_rename_file(m->parts[i].model, from, to);
    for (int i = 0; i < m->n_policies; i++) {
        if (g_strcmp0(m->policies[i].owner, from) == 0) {
            g_free(m->policies[i].owner);
            m->policies[i].owner = g_strdup(to);
        }
        rename_source(&m->policies[i].where, from, to);
        for (int j = 0; j < m->policies[i].n_changes; j++)
            rename_source(&m->policies[i].changes[j].where, from, to);
    }
    for (int i = 0; i < m->n_targets; i++)
        rename_source(&m->targets[i].where, from, to);
    for (int i = 0; i < m->n_lists; i++)
        rename_source(&m->lists[i].where, from, to);
    for (int i = 0; i < m->n_attrs; i++)
        rename_source(&m->attrs[i].where, from, to);
    for (int i = 0; i < m->n_effects; i++) {
        rename_source(&m->effects[i].where, from, to);
        rename_source(&m->effects[i].dist_where, from, to);
    }
}

/* Calls `act` on every policy that region `owner`'s policy `name` became
 * in the scenarios under `m` (Policy.owner), at any depth. */
static void each_owned_policy(Model *m, const char *owner, const char *name,
                              void (*act)(Model *m, int policy, double level), double level)
{
    for (int i = 0; i < m->n_parts; i++) {
        Model *pm = m->parts[i].model;
        each_owned_policy(pm, owner, name, act, level);
        for (int j = pm->n_policies - 1; j >= 0; j--) {
            const Policy *p = &pm->policies[j];
            if (p->owner != NULL && strcmp(p->owner, owner) == 0 && strcmp(p->name, name) == 0)
                act(pm, j, level);
        }
    }
}

static void drop_owned(Model *m, int policy, double level)
{
    (void)level;
    model_drop_policy(m, policy);
}

static void level_owned(Model *m, int policy, double level)
{
    model_set_policy_level(m, policy, level);
}

void model_drop_policy(Model *m, int policy)
{
    g_return_if_fail(policy >= 0 && policy < m->n_policies);
    each_owned_policy(m, m->file, m->policies[policy].name, drop_owned, 0);
    policy_clear(&m->policies[policy]);
    memmove(&m->policies[policy], &m->policies[policy + 1],
            sizeof *m->policies * (gsize)(m->n_policies - policy - 1));
    m->n_policies--;
}

void model_set_past(Model *m, int years)
{
    g_return_if_fail(years >= 1 && years <= MODEL_MAX_YEARS && m->roster == NULL);
    while (m->n_policies > 0)
        model_drop_policy(m, m->n_policies - 1);
    for (int i = 0; i < m->n_targets; i++) {
        g_free(m->targets[i].name);
        g_free(m->targets[i].where.file);
    }
    m->n_targets = 0;
    for (int i = 0; i < m->n_params; i++)
        m->params[i].lever.on = FALSE;
    m->n_levers = 0;
    m->horizon = m->base_year;
    m->base_year -= years;
}

void model_set_policy_level(Model *m, int policy, double level)
{
    g_return_if_fail(policy >= 0 && policy < m->n_policies && level > 0);
    if (level == 1)
        return;  /* the policy as written, bit for bit: 1 + (x - 1) need not be x */
    Policy *p = &m->policies[policy];
    each_owned_policy(m, m->file, p->name, level_owned, level);
    for (int j = 0; j < p->n_changes; j++) {
        PolicyChange *c = &p->changes[j];
        g_return_if_fail(c->op != POLICY_SET || level == 1);
        if (c->op == POLICY_MULTIPLY)
            c->x = 1 + level * (c->x - 1);
        else if (c->op == POLICY_ADD)
            c->x = level * c->x;
    }
    p->cost_per_year *= level;
}

int model_policy_index(const Model *m, const char *name)
{
    for (int i = 0; i < m->n_policies; i++)
        if (strcmp(m->policies[i].name, name) == 0)
            return i;
    return -1;
}

void model_switch_off_policy(Model *m, int policy)
{
    g_return_if_fail(policy >= 0 && policy < m->n_policies);
    guint n = m->policies_off ? g_strv_length(m->policies_off) : 0;
    m->policies_off = g_renew(char *, m->policies_off, n + 2);
    m->policies_off[n] = g_strdup(m->policies[policy].name);
    m->policies_off[n + 1] = NULL;
    model_drop_policy(m, policy);
}

/* The first place where the stage lists of `m` and `ref` part, as
 * "found 'x' where 'y' was"; NULL when they are the same. */
static char *stages_differ(const Model *m, const Model *ref)
{
    for (int i = 0; i < MAX(m->n_stages, ref->n_stages); i++) {
        const char *got = i < m->n_stages ? m->stages[i].id : NULL;
        const char *was = i < ref->n_stages ? ref->stages[i].id : NULL;
        if (got == NULL)
            return g_strdup_printf("found no stage where '%s' was", was);
        if (was == NULL)
            return g_strdup_printf("found '%s' after the last, '%s'", got, ref->stages[i - 1].id);
        if (strcmp(got, was) != 0)
            return g_strdup_printf("found '%s' where '%s' was", got, was);
    }
    return NULL;
}

/* Sets the error for a [scenario] year that differs; returns FALSE. */
static gboolean year_differs(const Model *m, const Model *ref, const char *key, int got, int was,
                             GError **error)
{
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                "%s: [scenario] %s must be the same as in %s to be compared (found %d where %d was)",
                m->file, key, ref->file, got, was);
    return FALSE;
}

gboolean model_comparable(const Model *m, const Model *ref, GError **error)
{
    g_autofree char *differ = stages_differ(m, ref);
    if (differ != NULL) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                    "%s: [stages] must list the same stages in the same order as %s to be compared (%s)",
                    m->file, ref->file, differ);
        return FALSE;
    }
    if (m->base_year != ref->base_year)
        return year_differs(m, ref, "base_year", m->base_year, ref->base_year, error);
    if (m->horizon != ref->horizon)
        return year_differs(m, ref, "horizon", m->horizon, ref->horizon, error);
    return TRUE;
}

int model_n_years(const Model *m)
{
    return m->horizon - m->base_year + 1;
}

int model_stage_index(const Model *m, const char *id)
{
    for (int i = 0; i < m->n_stages; i++)
        if (strcmp(m->stages[i].id, id) == 0)
            return i;
    return -1;
}

/* TRUE when stage `s` has a display name of its own (not its id). */
static gboolean has_own_name(const Stage *s)
{
    return s->name != NULL && *s->name != '\0' && strcmp(s->name, s->id) != 0;
}

/* "unknown stage 'word'" with the nearest of the ids and display names
 * of `stages`, or every stage when none is near (caller frees). */
static char *unknown_stage(const Stage *stages, int n, const char *word)
{
    gsize most = 2 * (gsize)MAX(n, 0);  /* every id and every name */
    g_autofree const char **words = g_new0(const char *, most + 1);
    g_autofree int *stage_of = g_new0(int, most + 1);
    int k = 0;
    for (int i = 0; i < n; i++) {
        stage_of[k] = i;
        words[k++] = stages[i].id;
        if (has_own_name(&stages[i])) {
            stage_of[k] = i;
            words[k++] = stages[i].name;
        }
    }
    GString *msg = g_string_new(NULL);
    g_string_printf(msg, "unknown stage '%s'", word);
    const char *near = text_nearest(word, words);
    for (int j = 0; near != NULL && j < k; j++) {
        if (words[j] != near)
            continue;
        const char *id = stages[stage_of[j]].id;
        if (near == id)
            g_string_append_printf(msg, "; did you mean '%s'?", near);
        else
            g_string_append_printf(msg, "; did you mean '%s' (%s)?", near, id);
        return g_string_free(msg, FALSE);
    }
    g_string_append(msg, " (the stages: ");
    for (int i = 0; i < n; i++) {
        g_string_append_printf(msg, "%s%s", i ? ", " : "", stages[i].id);
        if (has_own_name(&stages[i]))
            g_string_append_printf(msg, " %s", stages[i].name);
    }
    g_string_append_c(msg, ')');
    return g_string_free(msg, FALSE);
}

int model_stages_lookup(const Stage *stages, int n, const char *word, char **why)
{
    for (int i = 0; i < n; i++)
        if (strcmp(stages[i].id, word) == 0)
            return i;
    int found = MODEL_STAGE_UNKNOWN, count = 0;
    g_autoptr(GString) ids = g_string_new(NULL);
    for (int i = 0; i < n; i++) {
        if (stages[i].name == NULL || strcmp(stages[i].name, word) != 0)
            continue;
        g_string_append_printf(ids, "%s%s", count ? ", " : "", stages[i].id);
        found = i;
        count++;
    }
    if (count == 1)
        return found;
    if (why != NULL)
        *why = count > 1 ? g_strdup_printf("'%s' is the display name of %d stages (%s); write the id of the one "
                                           "meant", word, count, ids->str)
                         : unknown_stage(stages, n, word);
    return count > 1 ? MODEL_STAGE_AMBIGUOUS : MODEL_STAGE_UNKNOWN;
}

int model_stage_lookup(const Model *m, const char *word, char **why)
{
    return model_stages_lookup(m->stages, m->n_stages, word, why);
}

const char *model_stage_name(const Model *m, int stage)
{
    const Stage *s = &m->stages[stage];
    return s->name && *s->name ? s->name : s->id;
}

/* The body of model_target_count and model_target_expected, for the
 * element type of their tables. */
#define TARGET_SUM(T, m, t, stock, entries, lists)                                   \
    do {                                                                             \
        int S_ = (m)->n_stages, y_ = (t)->year - (m)->base_year, s_ = (t)->stage;    \
        T n_ = 0;                                                                    \
        switch ((t)->count) {                                                        \
        case COUNT_LIST:                                                             \
            return (lists)[y_ * (m)->n_lists + (t)->list];                           \
        case COUNT_STAGE:                                                            \
            return (stock)[y_ * S_ + s_];                                            \
        case COUNT_AT_OR_ABOVE:                                                      \
            for (int k_ = s_; k_ < S_; k_++)                                         \
                n_ += (stock)[y_ * S_ + k_];                                         \
            return n_;                                                               \
        case COUNT_CUMULATIVE:                                                       \
            n_ = (stock)[s_];                                                        \
            G_GNUC_FALLTHROUGH; /* plus the entries */                               \
        case COUNT_NEW:                                                              \
            for (int k_ = 1; k_ <= y_; k_++)                                         \
                n_ += (entries)[k_ * S_ + s_];                                       \
            return n_;                                                               \
        case COUNT_N_KINDS:                                                          \
            break;                                                                   \
        }                                                                            \
        g_assert_not_reached();                                                      \
    } while (0)

gint64 model_target_count(const Model *m, const Target *t, const gint64 *stock, const gint64 *entries,
                          const gint64 *lists)
{
    TARGET_SUM(gint64, m, t, stock, entries, lists);
}

double model_target_expected(const Model *m, const Target *t, const double *stock, const double *entries,
                             const double *lists)
{
    TARGET_SUM(double, m, t, stock, entries, lists);
}

static const char *const count_names[COUNT_N_KINDS + 1] = {
    [COUNT_STAGE] = "stage", [COUNT_AT_OR_ABOVE] = "at_or_above", [COUNT_NEW] = "new",
    [COUNT_CUMULATIVE] = "cumulative", [COUNT_LIST] = "list", [COUNT_N_KINDS] = NULL};

/* What `count =` may say: every kind but list, which `list =` selects. */
static const char *const count_written[] = {"stage", "at_or_above", "new", "cumulative", NULL};

const char *model_count_name(CountKind kind)
{
    g_return_val_if_fail(kind >= 0 && kind < COUNT_N_KINDS, "");
    return count_names[kind];
}

int model_count_parse(const char *name, const char *const **known)
{
    if (known != NULL)
        *known = count_written;
    for (int k = 0; count_written[k]; k++)
        if (strcmp(name, count_written[k]) == 0)
            for (int c = 0; c < COUNT_N_KINDS; c++)
                if (strcmp(count_names[c], name) == 0)
                    return c;
    return -1;
}

int model_list_index(const Model *m, const char *id)
{
    for (int i = 0; i < m->n_lists; i++)
        if (strcmp(m->lists[i].id, id) == 0)
            return i;
    return -1;
}

gboolean model_param_is_probability(const Model *m, int param)
{
    g_return_val_if_fail(param >= 0 && param < m->n_params, FALSE);
    return param_kind(m->params[param].kind)->probability;
}

gboolean model_has_uncertainty(const Model *m)
{
    for (int i = 0; i < m->n_parts; i++)
        if (model_has_uncertainty(m->parts[i].model))
            return TRUE;
    for (int i = 0; i < m->n_params; i++)
        if (m->params[i].uncertain)
            return TRUE;
    for (int s = 0; s < m->n_stages; s++)
        if (m->stages[s].baseline_uncertain)
            return TRUE;
    return FALSE;
}

int model_attr_index(const Model *m, const char *id)
{
    for (int a = 0; a < m->n_attrs; a++)
        if (strcmp(m->attrs[a].id, id) == 0)
            return a;
    return -1;
}

void model_central_effects(const Model *m, double *out)
{
    if (m->effect_beta != NULL)
        memcpy(out, m->effect_beta, sizeof *out * (gsize)m->n_params * m->n_attrs);
}

gboolean model_effects_act(const Model *m)
{
    return m->n_effects > 0 && m->roster != NULL && m->roster->n_attrs > 0;
}

gboolean model_effects_uncertain(const Model *m)
{
    for (int i = 0; i < m->n_effects; i++)
        if (m->effects[i].uncertain)
            return TRUE;
    return FALSE;
}

double model_list_expected(const Model *m, int list, const double *stock, const double *p)
{
    const List *l = &m->lists[list];
    double n = 0;
    for (int j = 0; j < l->n_members; j++)
        n += stock[l->members[j]];
    for (int j = 0; j < l->n_shares; j++) {
        const Param *q = &m->params[l->share_param[j]];
        n += p[l->share_param[j]] * stock[q->stage];
    }
    return n;
}

int model_params_index(const Param *params, int n, ParamKind kind, int stage, int to, int list)
{
    for (int i = 0; i < n; i++) {
        const Param *p = &params[i];
        if (p->kind == kind && p->stage == stage && p->to == to && p->list == list)
            return i;
    }
    return -1;
}

int model_param_find(const Model *m, const char *key)
{
    ParamKey k;
    if (!param_key_parse(key, &k))
        return -1;
    int s = model_stage_lookup(m, k.stage, NULL);  /* an id, or a stage's display name */
    int to = k.to ? model_stage_lookup(m, k.to, NULL) : -1;
    int list = k.list ? model_list_index(m, k.list) : -1;
    gboolean named = s >= 0 && (k.to == NULL || to >= 0) && (k.list == NULL || list >= 0);
    int i = named ? model_params_index(m->params, m->n_params, k.kind, s, to, list) : -1;
    param_key_clear(&k);
    return i;
}

void model_central_params(const Model *m, double *out)
{
    for (int i = 0; i < m->n_params; i++) {
        const Param *p = &m->params[i];
        out[i] = p->uncertain ? dist_central(&p->dist) : p->value;
    }
}

/* TRUE when param `i` has a lever acting in `year` after the policies. */
static gboolean lever_after(const Model *m, int i, int year)
{
    const Lever *l = &m->params[i].lever;
    return l->on && l->op != LEVER_SET && year >= l->from;
}

/* The parameter whose lever, acting after the policies in `year`, is to
 * blame for `param` (or, when param is -1, for stage `stage`'s exit and
 * edges); -1 when none. */
static int lever_culprit(const Model *m, int year, int param, int stage)
{
    for (int i = 0; m->n_levers > 0 && i < m->n_params; i++) {
        const Param *q = &m->params[i];
        gboolean hit = param >= 0 ? i == param
                                  : q->stage == stage && (q->kind == PARAM_EXIT || q->kind == PARAM_EDGE);
        if (hit && lever_after(m, i, year))
            return i;
    }
    return -1;
}

static gboolean policy_active(const Policy *p, int year)
{
    return p->from <= year && year <= p->to;
}

static double policy_apply(const PolicyChange *c, double v)
{
    switch (c->op) {
    case POLICY_MULTIPLY: return v * c->x;
    case POLICY_ADD: return v + c->x;
    case POLICY_SET: return c->x;
    }
    g_assert_not_reached();
}

/* The last change active in `year` on `param`, or on any parameter of
 * stage `stage` that leaves it (exit or edge) when param is -1. */
static const PolicyChange *last_change(const Model *m, int year, int param, int stage,
                                       const Policy **policy)
{
    const PolicyChange *found = NULL;
    for (int i = 0; i < m->n_policies; i++) {
        const Policy *p = &m->policies[i];
        if (!policy_active(p, year))
            continue;
        for (int j = 0; j < p->n_changes; j++) {
            const Param *q = &m->params[p->changes[j].param];
            gboolean hit = param >= 0 ? p->changes[j].param == param
                                      : q->stage == stage && (q->kind == PARAM_EXIT || q->kind == PARAM_EDGE);
            if (hit) {
                found = &p->changes[j];
                *policy = p;
            }
        }
    }
    return found;
}

/* The line to blame when a stage's exit and edges sum over 1 with no policy
 * acting: its last uncertain one (drawn values did it), else its last one. */
static int stage_culprit(const Model *m, int stage)
{
    const Stage *st = &m->stages[stage];
    int best = st->exit_param;
    for (int j = 0; j < st->n_out; j++) {
        int i = st->out_param[j];
        if (best < 0 || m->params[i].uncertain > m->params[best].uncertain ||
            (m->params[i].uncertain == m->params[best].uncertain &&
             m->params[i].where.line > m->params[best].where.line))
            best = i;
    }
    return best;
}

/* Sets the error for a bad value in `year`, naming the policy that made it,
 * or else the line that gave the value; year 0 is the values as written,
 * before any year and policy. */
static void year_error(const Model *m, int year, int param, int stage, const char *what,
                       GError **error)
{
    const Policy *policy = NULL;
    int lever = lever_culprit(m, year, param, stage);
    const PolicyChange *c = lever >= 0 ? NULL : last_change(m, year, param, stage, &policy);
    const Stage *s = &m->stages[stage];
    if (c == NULL) {
        const Param *p = &m->params[lever >= 0 ? lever : param >= 0 ? param : stage_culprit(m, stage)];
        g_autofree char *when = year > 0 ? g_strdup_printf("in %d, ", year) : g_strdup("");
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s:%d: %s: %sstage %s (%s): %s", p->where.file,
                    p->where.line, p->written, when, s->id, model_stage_name(m, stage), what);
        return;
    }
    static const char ops[] = {[POLICY_MULTIPLY] = '*', [POLICY_ADD] = '+', [POLICY_SET] = '='};
    char x[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(x, sizeof x, "%g", c->op == POLICY_ADD ? fabs(c->x) : c->x);
    char op = c->op == POLICY_ADD && c->x < 0 ? '-' : ops[c->op];
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                "%s:%d: [policy %s] %s = %c%s: in %d, stage %s (%s): %s",
                c->where.file, c->where.line, policy->name, m->params[c->param].key, op, x,
                year, s->id, model_stage_name(m, stage), what);
}

static gboolean check_param(const Model *m, int year, int i, double v, GError **error)
{
    const Param *p = &m->params[i];
    if (param_value_fits(p->kind, v))
        return TRUE;
    const List *l = p->kind == PARAM_SHARE ? &m->lists[p->list] : NULL;
    double max = param_kind(p->kind)->max;
    g_autofree char *what =
        l ? g_strdup_printf("the share of list %s (%s) becomes %g, but a probability must lie in [0, 1]", l->id,
                            l->name, v)
        : param_kind(p->kind)->probability ? g_strdup_printf("%s becomes %g, but a probability must lie in [0, 1]",
                                                             p->key, v)
        : v < 0 ? g_strdup_printf("%s becomes %g, but firms a year cannot be negative", p->key, v)
                : g_strdup_printf("%s becomes %g, but firms a year must be at most %g", p->key, v, max);
    year_error(m, year, i, p->stage, what, error);
    return FALSE;
}

static gboolean check_stage_sum(const Model *m, int year, int s, const double *v, GError **error)
{
    const Stage *st = &m->stages[s];
    double sum = st->exit_param >= 0 ? v[st->exit_param] : 0;
    for (int j = 0; j < st->n_out; j++)
        sum += v[st->out_param[j]];
    if (sum <= 1 + MODEL_PROBABILITY_SUM_SLACK)
        return TRUE;
    g_autofree char *what = g_strdup_printf("exit plus outgoing edges sum to %g, more than 1", sum);
    year_error(m, year, -1, s, what, error);
    return FALSE;
}

gboolean model_check_written(const Model *m, GError **error)
{
    g_autofree double *v = g_new(double, MAX(m->n_params, 1));
    model_central_params(m, v);
    for (int s = 0; s < m->n_stages; s++)
        if (!check_stage_sum(m, 0, s, v, error))
            return FALSE;
    return TRUE;
}

gboolean model_year_same_as_last(const Model *m, int year)
{
    for (int i = 0; i < m->n_policies; i++)
        if (policy_active(&m->policies[i], year) != policy_active(&m->policies[i], year - 1))
            return FALSE;
    for (int i = 0; m->n_levers > 0 && i < m->n_params; i++)
        if (m->params[i].lever.on && m->params[i].lever.from == year)
            return FALSE;
    return TRUE;
}

gboolean model_year_params(const Model *m, const double *base, int year, double *out,
                           GError **error)
{
    /* A model without parameters (stages but no edges) has NULL arrays,
     * which memcpy must not get even for 0 bytes (C11 7.24.1). */
    if (m->n_params > 0)
        memcpy(out, base, sizeof *out * m->n_params);
    for (int i = 0; m->n_levers > 0 && i < m->n_params; i++)
        if (m->params[i].lever.on && m->params[i].lever.op == LEVER_SET && year >= m->params[i].lever.from)
            out[i] = m->params[i].lever.value;
    for (int i = 0; i < m->n_policies; i++) {
        const Policy *p = &m->policies[i];
        if (!policy_active(p, year))
            continue;
        for (int j = 0; j < p->n_changes; j++)
            out[p->changes[j].param] = policy_apply(&p->changes[j], out[p->changes[j].param]);
    }
    /* the same arithmetic as policy_apply, so that the appended policy gives the same bits */
    for (int i = 0; m->n_levers > 0 && i < m->n_params; i++)
        if (lever_after(m, i, year))
            out[i] = m->params[i].lever.op == LEVER_MULTIPLY ? out[i] * m->params[i].lever.value
                                                              : out[i] + m->params[i].lever.value;
    for (int i = 0; i < m->n_params; i++)
        if (!check_param(m, year, i, out[i], error))
            return FALSE;
    for (int s = 0; s < m->n_stages; s++)
        if (!check_stage_sum(m, year, s, out, error))
            return FALSE;
    return TRUE;
}

gboolean model_years_valid(const Model *m, const double *base, GError **error)
{
    g_autofree double *year = g_new(double, MAX(m->n_params, 1));
    for (int y = m->base_year + 1; y <= m->horizon; y++)
        if (!model_year_params(m, base, y, year, error))
            return FALSE;
    return TRUE;
}

gboolean model_central_valid(const Model *m, GError **error)
{
    if (region_is(m))
        return region_central_valid(m, error);
    g_autofree double *central = g_new(double, MAX(m->n_params, 1));
    model_central_params(m, central);
    return model_years_valid(m, central, error);
}

gboolean model_year_table(const Model *m, const double *base, double *params, GError **error)
{
    gsize row = m->n_params;
    if (row == 0)
        return TRUE;  /* no parameters: nothing to build or check, and `params` may be NULL */
    memcpy(params, base, sizeof *params * row);
    for (int yi = 1; yi < model_n_years(m); yi++) {
        double *out = params + yi * row;
        if (yi > 1 && model_year_same_as_last(m, m->base_year + yi))
            memcpy(out, out - row, sizeof *out * row);
        else if (!model_year_params(m, base, m->base_year + yi, out, error))
            return FALSE;
    }
    return TRUE;
}
