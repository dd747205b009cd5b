/* i18n.h: the words the writers print (table, charts, CSV header) in the
 * scenario's language, "zh" or "en", looked up in one table.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_I18N_H
#define LADDER_I18N_H

#include <glib.h>

#include "model.h"

/* One message id per row of the table in i18n.c; ids ending in _FMT are
 * printf formats whose arguments are listed beside them. */
typedef enum {
    I18N_YEAR,              /* axis label */
    I18N_FIRMS,             /* axis label */
    I18N_P5_P95,            /* fan band, table column */
    I18N_P25_P75,           /* fan band */
    I18N_MEDIAN,
    I18N_EXPECTED,          /* exact expectation */
    I18N_MEAN,
    I18N_SD,
    I18N_TARGET,
    I18N_STAGE,
    I18N_STAGE_ID,
    I18N_NEW_MEAN,          /* mean entries in the year */
    I18N_CONDITION,
    I18N_PROBABILITY_MET,
    I18N_VERDICT,
    I18N_PROBABILITY_PCT,   /* axis label, percent */
    I18N_MET,
    I18N_NOT_MET,
    I18N_TARGETS_TITLE,
    I18N_COMPOSITION_TITLE,
    I18N_ALL_TARGETS_FMT,   /* probability with its se, verdict (strings) */
    I18N_UNCERTAIN_DRAWN,
    I18N_UNCERTAIN_CENTRAL,
    I18N_VERY_LIKELY,
    I18N_LIKELY,
    I18N_AS_LIKELY_AS_NOT,
    I18N_UNLIKELY,
    I18N_VERY_UNLIKELY,
    I18N_SCENARIO_FMT,      /* scenario name */
    I18N_RUN_FMT,           /* replications, seed (both as strings) */
    I18N_AT_OR_ABOVE_FMT,   /* stage name */
    I18N_NEW_FMT,           /* stage name */
    I18N_CONDITION_FMT,     /* counted firms, threshold (string), year (int) */
    I18N_HORIZON_FMT,       /* year (int) */
    I18N_TARGET_LINE_FMT,   /* target name, threshold (string), year (int) */
    I18N_TARGET_HIST_FMT,   /* target name, condition, probability (string) */
    I18N_ERRORBAR_NOTE,     /* subtitle of the target chart */
    I18N_RESULTS_IN,        /* before the output folder, at the end of a run */
    /* ladder compare */
    I18N_COMPARE_FMT,       /* number of scenarios (int), the base's name */
    I18N_SCENARIO,          /* column: a scenario's id */
    I18N_NAME,
    I18N_FILE,
    I18N_BASE,              /* marks the base scenario */
    I18N_BASE_KEY_FMT,      /* chart key: the base's label */
    I18N_AGAINST_BASE_FMT,  /* scenario label, base label */
    I18N_PROBABILITY_CHANGE,/* column: base -> this scenario */
    I18N_DIFFERENCE_PP,     /* column: difference in percentage points */
    I18N_CI95,
    I18N_MEDIAN_DIFFERENCE,
    I18N_NOT_IN_BASE,       /* a target the base does not have */
    I18N_COSTS_TITLE,
    I18N_POLICY,
    I18N_YEARS_ACTING,
    I18N_COST_PER_YEAR,
    I18N_FIRMS_ADDED,       /* exact expected firms a policy adds */
    I18N_COST_PER_FIRM,
    I18N_COST,
    I18N_TOTAL,
    I18N_NO_POLICIES,
    I18N_COST_NOTE,         /* how costs are counted */
    I18N_PER_EXTRA_TITLE,   /* the cost-effectiveness table */
    I18N_EXTRA_COST,
    I18N_EXTRA_FIRMS,
    I18N_COST_PER_EXTRA,
    I18N_NO_EXTRA_FIRMS,    /* no cost per extra firm: none extra */
    I18N_COMPARE_STAGE_FMT, /* chart title: stage name */
    I18N_COMPARE_TARGETS_TITLE,
    I18N_COMPARE_COST_FMT,  /* chart title: the base's label */
    I18N_COST_PER_EXTRA_AXIS,
    I18N_LOG_SCALE,         /* after an axis label */
    I18N_EXTRA_COST_KEY_FMT,/* chart key: scenario label, extra cost (string) */
    I18N_N_MESSAGES
} I18nMessage;

/* The text of `id` in `language` ("en" gives English, anything else
 * Chinese, the default language of scenarios).  Static storage. */
const char *i18n_text(const char *language, I18nMessage id);

/* What target `target` of `m` asks, in m's language: "高企 ≥ 500（2025 年）",
 * "gazelle or above ≥ 40 in 2027".  Caller frees. */
char *i18n_target_condition(const Model *m, int target);

#endif
