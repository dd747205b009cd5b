/* summary.h: the figures every writer shows, derived from a RunResult and
 * the exact expectation.  Writers read a Summary; they never simulate.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_SUMMARY_H
#define LADDER_SUMMARY_H

#include <glib.h>
#include "histogram.h"
#include "model.h"
#include "runner.h"

#define SUMMARY_N_PCT 5
extern const guint summary_pcts[SUMMARY_N_PCT];  /* 5, 25, 50, 75, 95 */

/* One stage, every array over years base_year .. horizon. */
typedef struct {
    double *expected;      /* exact expectation at central values */
    double *mean, *sd;     /* Monte Carlo mean and standard deviation */
    gint64 *pct[SUMMARY_N_PCT]; /* nearest-rank percentiles, summary_pcts order */
    double *new_mean;      /* mean entries in the year (0 in base_year) */
    double *new_expected;  /* exact expected entries */
    gint64 *new_pct[SUMMARY_N_PCT]; /* percentiles of entries; NULL unless the run
                                       kept entry histograms (RunConfig.entry_histograms) */
} StageSummary;

/* One list, every array over years base_year .. horizon. */
typedef struct {
    double *expected;      /* exact expectation at central values */
    double *mean, *sd;
    gint64 *pct[SUMMARY_N_PCT];
} ListSummary;

typedef struct {
    double probability;    /* share of replications meeting the target */
    double se;             /* its Monte Carlo standard error, sqrt(p(1-p)/n) */
    double mean;           /* mean of the count */
    gint64 pct[SUMMARY_N_PCT];
    double expected;       /* exact expectation of the count */
    const Histogram *hist; /* the count's distribution, borrowed from the run */
} TargetSummary;

/* One part of a region: its own targets, and its share of the region's. */
typedef struct {
    const Model *model;    /* the part, borrowed */
    double *probability;   /* [part n_targets]: its own target met */
    double *se;            /* [part n_targets] */
    double all_probability, all_se; /* its own targets together (NaN: none) */
    double *share_mean;    /* [region n_targets]: its mean share of the region's count */
    double *share_se;      /* [region n_targets]: that mean's Monte Carlo standard error */
    double *share_expected;/* [region n_targets]: its exact expectation at central values */
    double *stock_mean;    /* [n_years * region n_stages]: its mean stock at the end of each year */
    double *stock_expected;/* [n_years * region n_stages]: and its exact expectation */
} PartSummary;

typedef struct Summary {
    const Model *model;    /* borrowed */
    const RunResult *run;  /* borrowed */
    int n_years;
    StageSummary *stages;  /* [n_stages] */
    ListSummary *lists;    /* [n_lists] */
    TargetSummary *targets;/* [n_targets] */
    double all_probability, all_se; /* every target met together (NaN: no targets) */
    int n_parts;           /* a region's parts, else 0 */
    PartSummary *parts;    /* [n_parts], NULL for a scenario */
} Summary;

/* Derives the summary of `run` (both borrowed; they must outlive it). */
Summary *summary_new(const Model *m, const RunResult *run, GError **error);
void summary_free(Summary *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Summary, summary_free)

/* Index in summary_pcts of percentile `pct`, or -1. */
int summary_pct_index(guint pct);

#endif
