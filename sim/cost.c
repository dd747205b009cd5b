/* cost.c: what policies cost: a sum per year they act and a price per firm
 * they add, the firms counted as the difference of two exact expectations.
 * SPDX-License-Identifier: MIT */
#include "cost.h"

#include <math.h>

#include "errors.h"
#include "expect.h"

int cost_active_years(const Model *m, const Policy *p)
{
    int first = MAX(p->from, m->base_year + 1), last = MIN(p->to, m->horizon);
    return MAX(0, last - first + 1);
}

double cost_policy(const Policy *p, int years, double extra_firms)
{
    return p->cost_per_year * years + p->cost_per_firm * MAX(extra_firms, 0.0);
}

double cost_per_extra_firm(double extra_cost, double extra_count)
{
    return extra_count > 0 ? extra_cost / extra_count : NAN;
}

/* Expected flows of `m` at central values into flows[n_years * n_params]. */
static gboolean central_flows(const Model *m, double *flows, GError **error)
{
    int cells = model_n_years(m) * m->n_stages;
    g_autofree double *central = g_new(double, m->n_params);
    g_autofree double *stock = g_new(double, cells);
    g_autofree double *entries = g_new(double, cells);
    model_central_params(m, central);
    return expect_run_flows(m, central, stock, entries, flows, error);
}

/* TRUE when `p` changes parameter `param` in a way that can add firms. */
static gboolean adds_through(const Model *m, const Policy *p, int param)
{
    if (!param_kind(m->params[param].kind)->adds_firms)
        return FALSE;
    for (int j = 0; j < p->n_changes; j++)
        if (p->changes[j].param == param)
            return TRUE;
    return FALSE;
}

/* The flows of `m` without policy `policy`, into flows[n_years * n_params]. */
static gboolean flows_without(const Model *m, int policy, double *flows, GError **error)
{
    g_autoptr(Model) other = model_copy(m);
    model_drop_policy(other, policy);
    if (central_flows(other, flows, error))
        return TRUE;
    g_prefix_error(error, "to count the firms [policy %s] adds, the scenario is run without it, "
                   "and then: ", m->policies[policy].name);
    return FALSE;
}

/* cost_extra_firms with the flows of `m` itself already in `with`. */
static gboolean extra_firms(const Model *m, const double *with, int policy, double *extra, GError **error)
{
    const Policy *p = &m->policies[policy];
    int P = m->n_params;
    g_autofree double *without = g_new(double, model_n_years(m) * P);
    if (!flows_without(m, policy, without, error))
        return FALSE;
    *extra = 0;
    for (int i = 0; i < P; i++) {
        if (!adds_through(m, p, i))
            continue;
        for (int y = MAX(p->from, m->base_year + 1); y <= MIN(p->to, m->horizon); y++) {
            int row = (y - m->base_year) * P;
            *extra += with[row + i] - without[row + i];
        }
    }
    return TRUE;
}

gboolean cost_extra_firms(const Model *m, int policy, double *extra, GError **error)
{
    g_return_val_if_fail(policy >= 0 && policy < m->n_policies, FALSE);
    g_autofree double *with = g_new(double, model_n_years(m) * m->n_params);
    return central_flows(m, with, error) && extra_firms(m, with, policy, extra, error);
}

/* Policy `i` of `m` into *pc, the flows of `m` being `with`.  When the
 * scenario without the policy cannot be run and the policy has no price
 * per firm, the firms it adds are unknown (NaN) rather than an error:
 * they would change no cost. */
static gboolean policy_cost(const Model *m, const double *with, int i, PolicyCost *pc, GError **error)
{
    const Policy *p = &m->policies[i];
    g_autoptr(GError) local = NULL;
    pc->years = cost_active_years(m, p);
    pc->extra_firms = 0;
    if (!extra_firms(m, with, i, &pc->extra_firms, &local)) {
        if (p->cost_per_firm > 0) {
            g_propagate_error(error, g_steal_pointer(&local));
            return FALSE;
        }
        pc->extra_firms = NAN;
    }
    pc->cost = cost_policy(p, pc->years, isnan(pc->extra_firms) ? 0 : pc->extra_firms);
    return TRUE;
}

CostSheet *cost_sheet_new(const Model *m, GError **error)
{
    g_autofree double *with = g_new(double, model_n_years(m) * m->n_params);
    if (!central_flows(m, with, error))
        return NULL;
    g_autoptr(CostSheet) c = g_new0(CostSheet, 1);
    c->n_policies = m->n_policies;
    c->policies = g_new0(PolicyCost, m->n_policies);
    for (int i = 0; i < m->n_policies; i++) {
        if (!policy_cost(m, with, i, &c->policies[i], error))
            return NULL;
        c->total += c->policies[i].cost;
    }
    return g_steal_pointer(&c);
}

void cost_sheet_free(CostSheet *c)
{
    if (c == NULL)
        return;
    g_free(c->policies);
    g_free(c);
}
