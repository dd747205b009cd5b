/* comparison.h: the figures `ladder compare` shows: each scenario's summary
 * and costs, and every other scenario against the first (the base): the
 * paired differences of its targets and stocks, and the cost of each extra
 * firm.  Writers read a Comparison; they never simulate.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_COMPARISON_H
#define LADDER_COMPARISON_H

#include <glib.h>
#include "cost.h"
#include "model.h"
#include "paired.h"
#include "runner.h"
#include "summary.h"

/* One target of scenario k >= 1 against the base's target of the same name. */
typedef struct {
    int base_target;            /* that target's index in the base, or -1: not paired */
    double probability_base;    /* the base's probability of meeting it; NaN when not paired */
    double probability;         /* this scenario's */
    PairedDiff difference;      /* of being met (1) or not (0), replication by replication */
    double median_difference;   /* median count minus the base's (whole firms); NaN when not paired */
    PairedDiff extra_count;     /* of the target's count: firms more than the base */
    double extra_cost;          /* 万元: total cost minus the base's */
    double cost_per_extra_firm; /* 万元 per firm, cost_per_extra_firm(); NaN when none */
} CompareTarget;

typedef struct {
    const char *file;           /* as the user gave it (borrowed) */
    char *id;                   /* its file stem, with -2, -3 .. for repeats: the subfolder */
    char *label;                /* the scenario's name, with the id when another has that name */
    const Model *model;         /* borrowed */
    Summary *summary;           /* of the scenario's own run */
    const CostSheet *costs;     /* borrowed */
    CompareTarget *targets;     /* [model->n_targets]; for the base, each against itself */
    PairedDiff *stock;          /* [n_years * n_stages]: stock minus the base's */
} CompareScenario;

typedef struct Comparison {
    int n_scenarios;            /* >= 2; scenario 0 is the base */
    CompareScenario *scenarios;
    const PairedResult *paired; /* borrowed */
} Comparison;

/* The figures of `p`, the paired run of models[0..n-1] (read from
 * files[0..n-1], with costs[0..n-1]), each scenario in its subfolder
 * ids[k] (NULL: comparison_ids of the files); everything given is borrowed
 * and must outlive the result (caller owns, comparison_free).  Fails as
 * summary_new does. */
Comparison *comparison_new(const Model *const *models, const char *const *files, const char *const *ids,
                           const CostSheet *const *costs, const PairedResult *p, GError **error);
void comparison_free(Comparison *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Comparison, comparison_free)

/* The index in scenario k of the target named as the base's target
 * `base_target`, or -1 when scenario k has none of that name. */
int comparison_target_of(const Comparison *c, int k, int base_target);

/* The subfolders of `ladder compare FILE --each-policy`: the file with no
 * policy (the base) and the file as written, every policy on; each policy
 * alone is "only-1", "only-2" ... between them. */
#define COMPARISON_EACH_NONE "none"
#define COMPARISON_EACH_ALL "all"

/* TRUE when `n` scenarios read from files[0..n-1] into subfolders
 * ids[0..n-1] are those of --each-policy: every file the same, the first
 * id COMPARISON_EACH_NONE and the last COMPARISON_EACH_ALL (two files
 * given as such are ids "a" and "a-2", never these). */
gboolean comparison_is_each_policy(const char *const *files, const char *const *ids, int n);

/* The subfolder of each of files[0..n-1]: its stem, or for a stem already
 * taken by an earlier file, the stem with the first free suffix -2, -3 ..
 * (tianning-2025, tianning-2025-2).  NULL-terminated; caller frees (g_strfreev). */
char **comparison_ids(const char *const *files, int n);

#endif
