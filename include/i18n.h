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
    I18N_SOLVE_TARGET_FMT,  /* a target's name, quoted */
    I18N_SOLVE_ALL_TARGETS, /* every target met together */
    I18N_SOLVE_QUESTION_FMT,    /* lever key, year (int), target, probability wanted */
    I18N_SOLVE_PER_YEAR_FMT,    /* firms a year */
    I18N_SOLVE_SET_TO_FMT,      /* a probability */
    I18N_SOLVE_ANSWER_FMT,      /* key, year (int), value, current, change, target,
                                   probability ± se, value one step short, its probability */
    I18N_SOLVE_ALREADY_FMT,     /* key, current value, target, probability ± se, wanted */
    I18N_SOLVE_UNREACHABLE_FMT, /* key, year (int), lowest, highest, target, wanted,
                                   best probability, its value */
    I18N_SOLVE_TRIED_FMT,       /* values tried (int), replications, seed (strings) */
    I18N_SOLVE_FIXED_NOTE_FMT,  /* year (int), key */
    I18N_SOLVE_CHART_TITLE_FMT, /* target, key, year (int) */
    I18N_SOLVE_WANTED_FMT,      /* probability wanted */
    I18N_SOLVE_CURRENT_FMT,     /* current value */
    I18N_SOLVE_ANSWER_MARK_FMT, /* value, probability */
    I18N_SOLVE_BEST_MARK_FMT,   /* value, probability */
    I18N_SOLVE_TRIED,           /* legend of the points */
    I18N_N_MESSAGES
} I18nMessage;

/* The text of `id` in `language` ("en" gives English, anything else
 * Chinese, the default language of scenarios).  Static storage. */
const char *i18n_text(const char *language, I18nMessage id);

/* What target `target` of `m` asks, in m's language: "高企 ≥ 500（2025 年）",
 * "gazelle or above ≥ 40 in 2027".  Caller frees. */
char *i18n_target_condition(const Model *m, int target);

#endif
