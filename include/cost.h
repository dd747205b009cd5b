/* cost.h: what a scenario's policies cost, in 万元 (10,000 yuan): per year
 * each acts and per firm it adds, the firms counted by the exact
 * expectation; and the cost of each extra firm one scenario gets over another.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_COST_H
#define LADDER_COST_H

#include <glib.h>
#include "model.h"

/* One policy's cost. */
typedef struct {
    int years;          /* years it acts within base_year+1 .. horizon */
    double extra_firms; /* exact expected firms it adds (cost_extra_firms); may be < 0;
                           NaN when that cannot be computed and no cost depends on it */
    double cost;        /* 万元: cost_policy of the two above */
} PolicyCost;

/* Every policy of a scenario, and their sum. */
typedef struct CostSheet {
    int n_policies;
    PolicyCost *policies; /* [n_policies], in the model's order */
    double total;         /* 万元, the sum of the policies' costs */
} CostSheet;

/* The years policy `p` of `m` acts in that lie within base_year+1 ..
 * horizon (0 when none do). */
int cost_active_years(const Model *m, const Policy *p);

/* The firms policy `policy` of `m` adds: the exact expected firms entering
 * through the parameters it changes (an edge: firms moved along it; an
 * inflow: arrivals; a recruitment: recruited firms; exits and renewals add
 * none) in the years it acts, with the policy minus without it (the other
 * policies kept), by expect_run_flows at central values.  Fails, with an
 * INPUT error saying so, when the scenario without the policy has an
 * invalid year (another policy then pushes a value out of range). */
gboolean cost_extra_firms(const Model *m, int policy, double *extra, GError **error);

/* cost_per_year x years + cost_per_firm x max(0, extra_firms), in 万元: a
 * policy that lowers a flow is charged nothing per firm. */
double cost_policy(const Policy *p, int years, double extra_firms);

/* The cost of every policy of `m` and their total (caller owns,
 * cost_sheet_free).  Fails as cost_extra_firms does for a policy with a
 * cost per firm. */
CostSheet *cost_sheet_new(const Model *m, GError **error);
void cost_sheet_free(CostSheet *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CostSheet, cost_sheet_free)

/* 万元 per extra firm: extra_cost / extra_count, or NaN when extra_count
 * is not positive (no extra firm to pay for; the caller says why). */
double cost_per_extra_firm(double extra_cost, double extra_count);

#endif
