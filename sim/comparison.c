/* comparison.c: the figures of a comparison: each scenario's summary, and
 * against the base its paired target and stock differences and the cost
 * of each extra firm.
 * SPDX-License-Identifier: MIT */
#include "comparison.h"

#include <math.h>
#include <string.h>

#include "text.h"

char **comparison_ids(const char *const *files, int n)
{
    char **ids = g_new0(char *, n + 1);
    for (int k = 0; k < n; k++) {
        g_autofree char *stem = text_file_stem(files[k]);
        char *id = g_strdup(stem);
        for (int suffix = 2; g_strv_contains((const char *const *)ids, id); suffix++) {
            g_free(id);
            id = g_strdup_printf("%s-%d", stem, suffix);
        }
        ids[k] = id;
    }
    return ids;
}

gboolean comparison_is_each_policy(const char *const *files, const char *const *ids, int n)
{
    if (n < 2 || g_strcmp0(ids[0], COMPARISON_EACH_NONE) != 0 || g_strcmp0(ids[n - 1], COMPARISON_EACH_ALL) != 0)
        return FALSE;
    for (int k = 1; k < n; k++)
        if (g_strcmp0(files[k], files[0]) != 0)
            return FALSE;
    return TRUE;
}

/* The index of the target named `name` in `m`, or -1. */
static int target_named(const Model *m, const char *name)
{
    for (int t = 0; t < m->n_targets; t++)
        if (strcmp(m->targets[t].name, name) == 0)
            return t;
    return -1;
}

static double median(const TargetSummary *t)
{
    return (double)t->pct[summary_pct_index(50)];
}

/* Target t of scenario k against the base's target of the same name. */
static void target_fill(const Comparison *c, int k, int t)
{
    const CompareScenario *base = &c->scenarios[0], *sc = &c->scenarios[k];
    CompareTarget *ct = &sc->targets[t];
    int b = target_named(base->model, sc->model->targets[t].name);
    const TargetSummary *mine = &sc->summary->targets[t];
    ct->base_target = b;
    ct->probability = mine->probability;
    ct->probability_base = b >= 0 ? base->summary->targets[b].probability : NAN;
    ct->median_difference = b >= 0 ? median(mine) - median(&base->summary->targets[b]) : NAN;
    ct->difference = paired_result_target(c->paired, k, t);
    ct->extra_count = paired_result_count(c->paired, k, t);
    ct->extra_cost = sc->costs->total - base->costs->total;
    ct->cost_per_extra_firm = cost_per_extra_firm(ct->extra_cost, ct->extra_count.mean);
}

/* The base against itself: every difference is exactly 0. */
static void base_fill(CompareScenario *base)
{
    for (int t = 0; t < base->model->n_targets; t++) {
        double p = base->summary->targets[t].probability;
        base->targets[t] = (CompareTarget){.base_target = t, .probability_base = p, .probability = p,
                                           .cost_per_extra_firm = NAN};
    }
}

/* "name", or "name (id)" when another scenario has the same name. */
static char *label_of(const Model *const *models, int n, int k, const char *id)
{
    for (int j = 0; j < n; j++)
        if (j != k && strcmp(models[j]->name, models[k]->name) == 0)
            return g_strdup_printf("%s (%s)", models[k]->name, id);
    return g_strdup(models[k]->name);
}

/* Scenario k's own figures: its summary, label and stock differences. */
static gboolean scenario_fill(Comparison *c, const Model *const *models, int k, GError **error)
{
    CompareScenario *sc = &c->scenarios[k];
    const Model *m = models[k];
    int Y = model_n_years(m), S = m->n_stages;
    sc->summary = summary_new(m, c->paired->runs[k], error);
    if (sc->summary == NULL)
        return FALSE;
    sc->label = label_of(models, c->n_scenarios, k, sc->id);
    sc->targets = g_new0(CompareTarget, m->n_targets);
    sc->stock = g_new0(PairedDiff, Y * S);
    for (int y = 0; k > 0 && y < Y; y++)
        for (int s = 0; s < S; s++)
            sc->stock[y * S + s] = paired_result_stock(c->paired, k, y, s);
    return TRUE;
}

Comparison *comparison_new(const Model *const *models, const char *const *files, const char *const *ids,
                           const CostSheet *const *costs, const PairedResult *p, GError **error)
{
    g_return_val_if_fail(p->n_models >= 2, NULL);
    g_autoptr(Comparison) c = g_new0(Comparison, 1);
    g_auto(GStrv) stems = ids ? NULL : comparison_ids(files, p->n_models);
    if (stems)
        ids = (const char *const *)stems;
    c->n_scenarios = p->n_models;
    c->paired = p;
    c->scenarios = g_new0(CompareScenario, c->n_scenarios);
    for (int k = 0; k < c->n_scenarios; k++) {
        CompareScenario *sc = &c->scenarios[k];
        *sc = (CompareScenario){.file = files[k], .id = g_strdup(ids[k]), .model = models[k],
                                .costs = costs[k]};
        if (!scenario_fill(c, models, k, error))
            return NULL;
    }
    base_fill(&c->scenarios[0]);
    for (int k = 1; k < c->n_scenarios; k++)
        for (int t = 0; t < models[k]->n_targets; t++)
            target_fill(c, k, t);
    return g_steal_pointer(&c);
}

int comparison_target_of(const Comparison *c, int k, int base_target)
{
    const Model *base = c->scenarios[0].model;
    g_return_val_if_fail(base_target >= 0 && base_target < base->n_targets, -1);
    return target_named(c->scenarios[k].model, base->targets[base_target].name);
}

void comparison_free(Comparison *c)
{
    if (c == NULL)
        return;
    for (int k = 0; k < c->n_scenarios; k++) {
        CompareScenario *sc = &c->scenarios[k];
        g_free(sc->id);
        g_free(sc->label);
        summary_free(sc->summary);
        g_free(sc->targets);
        g_free(sc->stock);
    }
    g_free(c->scenarios);
    g_free(c);
}
