/* i18n.h: the words the writers print (table, charts, CSV header) in the
 * scenario's language, "zh" or "en", looked up in one table.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_I18N_H
#define LADDER_I18N_H

#include <glib.h>

#include "history.h"
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
    I18N_CONDITION_FMT,     /* counted firms, threshold (string), year (int) */
    I18N_CONDITION_AT_HORIZON_FMT, /* the same, for a target without year = */
    I18N_CONDITION_SPAN_FMT,/* counted firms that name their years, threshold (string) */
    I18N_CONDITION_SPAN_AT_HORIZON_FMT, /* the same, for a target without year = */
    I18N_NEW_SPAN_FMT,      /* stage name, first year, last year (ints) */
    I18N_CUMULATIVE_FMT,    /* stage name, base_year, first year, last year (ints) */
    I18N_HORIZON_FMT,       /* year (int) */
    I18N_LISTS_AT_HORIZON_FMT, /* year (int) */
    I18N_LIST,              /* table column */
    I18N_FAN_STAGE_TITLE_FMT, /* stage name, scenario name */
    I18N_FAN_LIST_TITLE_FMT,  /* list name, scenario name */
    I18N_TARGET_LINE_FMT,   /* target name, threshold (string), year (int) */
    I18N_TARGET_HIST_FMT,   /* target name, condition, probability (string) */
    I18N_ERRORBAR_NOTE,     /* subtitle of the target chart */
    I18N_FIRMS_NOT_FROM_ZERO, /* y-axis label of a fan whose axis does not start at 0 */
    I18N_ALL_TARGETS_BAR,   /* the bar of every target met together */
    I18N_COMPOSITION_UPPER_FMT, /* panel of the upper rungs: lowest of them (stage name) */
    I18N_RESULTS_IN,        /* before the output folder, at the end of a run */
    /* ladder sensitivity */
    I18N_SENS_HEADING_FMT,  /* --central: spread in percent (string) */
    I18N_SENS_HEADING_RUN_FMT, /* by default, all else drawn: spread in percent (string) */
    I18N_SENS_TARGET_FMT,   /* target name, condition, base (I18N_SENS_BASE_*_FMT) */
    I18N_SENS_ALL,          /* every target met together */
    I18N_SENS_ALL_FMT,      /* base of all together (I18N_SENS_BASE_*_FMT) */
    I18N_SENS_BASE_RUN_FMT, /* the base, `ladder run`'s: probability (string) */
    I18N_SENS_BASE_CENTRAL_FMT,      /* --central: base, run's probability (strings) */
    I18N_SENS_BASE_CENTRAL_SAME_FMT, /* --central, run's the same: base, run's (strings) */
    I18N_SENS_BASE_CENTRAL_NO_RUN_FMT, /* --central, ladder run fails on the file: base (string) */
    I18N_SENS_PARAMETER,    /* table columns */
    I18N_SENS_MEANING,
    I18N_SENS_LOW_HIGH,
    I18N_SENS_AT_LOW,
    I18N_SENS_AT_HIGH,
    I18N_SENS_SWING,
    I18N_SENS_MORE_FMT,     /* rows not shown (int) */
    I18N_SENS_CAPPED_NOTE,
    I18N_SENS_SKIPPED_FMT,  /* key, reason */
    I18N_SENS_SKIP_ZERO,    /* reasons a parameter is not varied */
    I18N_SENS_SKIP_NO_FIRMS,
    I18N_SENS_SKIP_ROUNDS,
    I18N_SENS_SKIP_NO_ROOM,
    I18N_SENS_SKIP_NO_UNCERTAINTY,
    I18N_SENS_TITLE_FMT,    /* chart title: target name */
    I18N_SENS_NOTE_FMT,     /* chart subtitle, --central: spread in percent (string) */
    I18N_SENS_NOTE_RUN_FMT, /* chart subtitle, all else drawn: spread in percent (string) */
    I18N_SENS_AT_LOW_KEY,   /* chart legend */
    I18N_SENS_AT_HIGH_KEY,
    I18N_SENS_BASE_FMT,     /* base probability (string) */
    I18N_LABEL_BASELINE_FMT, /* a baseline's label: the stage's name (a parameter's
                                words are its kind's, in param.c's table) */
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
    I18N_SOLVE_CHART_TITLE_FMT, /* target, key, year (int) */
    I18N_SOLVE_WANTED_FMT,      /* probability wanted */
    I18N_SOLVE_CURRENT_FMT,     /* current value */
    I18N_SOLVE_ANSWER_MARK_FMT, /* value, probability */
    I18N_SOLVE_BEST_MARK_FMT,   /* value, probability */
    I18N_SOLVE_TRIED,           /* legend of the points */
    I18N_SOLVE_QUESTION_POLICY_FMT, /* key, year (int), how it changes, target, probability wanted */
    I18N_SOLVE_BY_FACTOR,       /* how it changes: a probability times a factor */
    I18N_SOLVE_BY_ADDEND,       /* how it changes: firms a year added */
    I18N_SOLVE_ANSWER_POLICY_FMT, /* key, year (int), change (x1.115, +37), central value, the value
                                     times or plus it, target, probability ± se, change one step
                                     short, its probability */
    I18N_SOLVE_BASE_SAME_FMT,   /* the base probability, the same as ladder run's */
    I18N_SOLVE_BASE_SET_FMT,    /* base probability, run's probability, year (int), key, value */
    I18N_SOLVE_PASTE,           /* before the policy group to append */
    I18N_SOLVE_POLICY_NAME,     /* the NAME of [policy NAME] in that group */
    I18N_SOLVE_XLABEL_FACTOR_FMT, /* chart axis: key */
    I18N_SOLVE_XLABEL_ADDEND_FMT, /* chart axis: key */
    I18N_SOLVE_XLABEL_SET_FMT,  /* chart axis: key */
    I18N_SOLVE_NOTE_SAME_FMT,   /* chart note: ladder run's probability */
    I18N_SOLVE_NOTE_SET_FMT,    /* chart note: key, base probability, ladder run's probability */
    /* ladder compare */
    I18N_COMPARE_FMT,       /* number of scenarios (int), the base's name */
    I18N_SCENARIO,          /* column: a scenario's id */
    I18N_NAME,
    I18N_FILE,
    I18N_BASE,              /* marks the base scenario */
    I18N_BASE_KEY_FMT,      /* chart key: the base's label */
    I18N_EACH_NONE_FMT,     /* compare --each-policy: the scenario's name, without its policies */
    I18N_EACH_ONLY_FMT,     /* ... with one policy alone: the name, the policy's */
    I18N_EACH_ALL_FMT,      /* ... with every policy, as the file has it */
    I18N_EACH_NOTE_FMT,     /* what the base and all/ are: the base, all, the `ladder run` command */
    I18N_EACH_LABEL_FMT,    /* a variant in that note on the page: its name, its subfolder */
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
    I18N_COMPARE_BASE_BAND, /* key of the base's band on a stage chart */
    I18N_COMPARE_TARGETS_TITLE,
    I18N_COMPARE_COST_FMT,  /* chart title: the base's label */
    I18N_COST_PER_EXTRA_AXIS,
    I18N_LOG_SCALE,         /* after an axis label */
    I18N_EXTRA_COST_KEY_FMT,/* chart key: scenario label, extra cost (string) */
    /* ladder calibrate, backtest */
    I18N_CAL_HEADING_FMT,  /* scenario name, history file, region, observations (int) */
    I18N_CAL_POISSON,
    I18N_CAL_NEGBIN_FMT,  /* cv (string) */
    I18N_CAL_STARTS_FMT,  /* agreeing (int), starts (int), log-likelihood (string) */
    I18N_CAL_WAS,
    I18N_CAL_FITTED,
    I18N_CAL_IDENTIFIED,
    I18N_CAL_YES,
    I18N_CAL_NOT_FMT,  /* the reason a parameter is not identified */
    I18N_CAL_FLAT,
    I18N_CAL_FLAT_WITH_FMT,  /* other key */
    I18N_CAL_STRONG_FMT,  /* key, other key, correlation (string) */
    I18N_CAL_AT_BOUND,
    I18N_CAL_OPEN_BELOW,
    I18N_CAL_OPEN_ABOVE,
    I18N_CAL_START_KNOWN_FMT,  /* year (int) */
    I18N_CAL_PROFILE_CI,
    I18N_CAL_DIFFER_NOTE,
    I18N_CAL_START_TITLE_FMT,  /* year (int) */
    I18N_CAL_SOURCE_HISTORY,
    I18N_CAL_SOURCE_FITTED,
    I18N_CAL_SOURCE_SCENARIO,
    I18N_CAL_START_ITEM_FMT,  /* stage id, value (string), source word */
    I18N_CAL_START_SEP,
    I18N_CAL_START_ROW,
    I18N_CAL_BASELINE_EARLY_FMT,  /* key, year (int) */
    I18N_CAL_FIT_TITLE,
    I18N_CAL_KIND,
    I18N_CAL_STOCK,
    I18N_CAL_NEW,
    I18N_CAL_OBSERVED,
    I18N_CAL_FITTED_EXPECTED,
    I18N_CAL_OFF,
    I18N_CAL_KEPT_FMT,  /* key, reason */
    I18N_CAL_CORRELATION_NOTE,
    I18N_CAL_BASELINE_NOTE_FMT,  /* key */
    I18N_CAL_WRITTEN_FMT,  /* file */
    I18N_CAL_CHART_TITLE_FMT,  /* stage name, kind word */
    I18N_CAL_CALIBRATED_NAME_FMT,  /* scenario name */
    I18N_BT_HEADING_FMT,  /* observations used (int), year (int), observations checked (int) */
    I18N_BT_HEADING_NO_FIT_FMT,  /* observations checked (int), year (int) */
    I18N_BT_FORECAST,
    I18N_BT_INSIDE,
    I18N_BT_NO,
    I18N_BT_COVERAGE_FMT,  /* inside (int), checked (int), percent (string) */
    I18N_BT_NOTHING_AFTER_FMT,  /* year (int) */
    I18N_BT_CUTOFF_FMT,  /* year (int) */
    I18N_BT_OUTSIDE,
    /* report.html (report.c) */
    I18N_REPORT_VERDICT_TITLE,  /* headings, columns and notes by section, in page order */
    I18N_REPORT_NO_TARGETS,
    I18N_REPORT_PROBABILITY_MET,
    I18N_REPORT_ALL_TARGETS,
    I18N_REPORT_VERDICT_NOTE,
    I18N_REPORT_DOT_BASELINE,  /* the ladder diagram (dot labels) */
    I18N_REPORT_DOT_EXIT,
    I18N_REPORT_DOT_INFLOW,
    I18N_REPORT_DOT_PER_YEAR,
    I18N_REPORT_DOT_RECRUITED,
    I18N_REPORT_DOT_VALID,
    I18N_REPORT_DOT_YEARS,
    I18N_REPORT_DOT_RENEWED,
    I18N_REPORT_DOT_LIST,
    I18N_REPORT_DOT_ALL,
    I18N_REPORT_DOT_SHARE,
    I18N_REPORT_NO_GRAPHVIZ,
    I18N_REPORT_TOO_MANY_STAGES_FMT,  /* the most stages drawn (int) */
    I18N_REPORT_DOT_SVG_CUT,
    I18N_REPORT_DOT_FAILED,
    I18N_REPORT_DOT_ERROR_FMT,  /* dot's words, or why (string) */
    I18N_REPORT_LADDER_TITLE,
    I18N_REPORT_LADDER_CAPTION,
    I18N_REPORT_LISTS_TITLE,
    I18N_REPORT_LISTS_NOTE,
    I18N_REPORT_LIST_COUNTS,
    I18N_REPORT_LIST_EXPECTED,
    I18N_REPORT_LIST_SEP,
    I18N_REPORT_STAGES_TITLE,
    I18N_REPORT_STAGES_NOTE,
    I18N_REPORT_COMPARE_CHARTS,
    I18N_REPORT_SENSITIVITY_CHARTS,
    I18N_REPORT_SOLVE_CHARTS,
    I18N_REPORT_CALIBRATE_CHARTS,
    I18N_REPORT_BACKTEST_CHARTS,
    I18N_REPORT_EVERY_FIGURE_IN,
    I18N_REPORT_COMPARE_TITLE,
    I18N_REPORT_PROBABILITY_CHANGE,
    I18N_REPORT_COMPARE_NOTE,
    I18N_REPORT_POLICIES_TITLE,
    I18N_REPORT_ANSWERS_TITLE,
    I18N_REPORT_FOLDER_OF_FMT, /* which folder of a page of several: its scenario's name, its command */
    I18N_REPORT_CONTENTS,
    I18N_REPORT_SENS_TOP,
    I18N_REPORT_BT_INSIDE_FMT,  /* checked, inside (doubles, %.0f) */
    I18N_REPORT_CHANGES,
    I18N_REPORT_YEARS,
    I18N_REPORT_SOLVE_BASE_SAME_FMT,  /* the base probability (string) */
    I18N_REPORT_SOLVE_BASE,  /* the pieces of a sentence around figures (solve) */
    I18N_REPORT_SOLVE_NOT_RUN,
    I18N_REPORT_SOLVE_BECAUSE_FMT,  /* year (double, %.0f) */
    I18N_REPORT_SOLVE_FIXED_FMT,  /* central value (double, %.6g) */
    I18N_REPORT_SOLVE_FROM_FMT,  /* year (double, %.0f) */
    I18N_REPORT_SOLVE_AT,
    I18N_REPORT_SOLVE_NOW,
    I18N_REPORT_SOLVE_MAKES,
    I18N_REPORT_SOLVE_AS_LIKELY,
    I18N_REPORT_SOLVE_AT_LEAST,
    I18N_REPORT_SOLVE_ONE_STEP_SHORT,
    I18N_REPORT_SOLVE_END,
    I18N_REPORT_SOLVE_TITLE,
    I18N_REPORT_ALLOC_TITLE,      /* the allocate section's heading */
    I18N_REPORT_ALLOC_CHARTS,     /* ... and its chart's */
    I18N_REPORT_ALLOC_METHOD_FMT, /* how many combinations, and whether every one was run */
    I18N_REPORT_SOLVE_UNREACHABLE,
    I18N_REPORT_SENS_BASE_CENTRAL,  /* the pieces of a sentence around figures (sensitivity) */
    I18N_REPORT_SENS_NO_RUN,
    I18N_REPORT_SENS_SAME_AS_RUN_FMT,  /* ladder run's probability (string) */
    I18N_REPORT_SENS_UNLIKE_RUN_FMT,  /* ladder run's probability (string) */
    I18N_REPORT_SENS_TITLE,
    I18N_REPORT_AT_LOW,
    I18N_REPORT_AT_HIGH,
    I18N_REPORT_ASSUMPTIONS_TITLE,
    I18N_REPORT_ASSUMED_AS_FMT,
    I18N_REPORT_ALLOC_COST_FMT,
    I18N_REPORT_VALUE,
    I18N_REPORT_UNCERTAINTY,
    I18N_REPORT_SOURCE,
    I18N_REPORT_METHODS_TITLE,
    I18N_REPORT_METHODS,
    I18N_REPORT_REPLICATIONS,
    I18N_REPORT_SEED,
    I18N_REPORT_PROGRAM,
    I18N_REPORT_SCENARIO_FILE,
    I18N_REPORT_SAME_BYTES,
    I18N_REPORT_HISTORY_FILE,
    /* CSV column headers (results.c's CSV tables) and cells */
    I18N_CSV_P5,
    I18N_CSV_P25,
    I18N_CSV_P50,
    I18N_CSV_P75,
    I18N_CSV_P95,
    I18N_CSV_PROBABILITY,
    I18N_CSV_SE,
    I18N_CSV_VERDICT_CODE,
    I18N_CSV_ALL_TARGETS,
    I18N_CSV_SCENARIO,
    I18N_CSV_BASE_PROBABILITY,
    I18N_CSV_DIFFERENCE,
    I18N_CSV_CI95_LOW,
    I18N_CSV_CI95_HIGH,
    I18N_CSV_TOTAL_COST,
    I18N_CSV_EXTRA_COST,
    I18N_CSV_EXTRA_COUNT,
    I18N_CSV_COST_PER_FIRM,
    I18N_CSV_REASON,
    I18N_CSV_PARAMETER,
    I18N_CSV_LABEL,
    I18N_CSV_CENTRAL,
    I18N_CSV_LOW,
    I18N_CSV_HIGH,
    I18N_CSV_SOURCE,
    I18N_CSV_PROBABILITY_LOW,
    I18N_CSV_PROBABILITY_HIGH,
    I18N_CSV_SWING,
    I18N_CSV_VALUE,
    I18N_CSV_ANSWER,
    I18N_CSV_ESTIMATE,
    I18N_CSV_START,
    I18N_CSV_PROFILE_LOW,
    I18N_CSV_PROFILE_HIGH,
    I18N_CSV_IDENTIFIED,
    I18N_CSV_STATUS,
    I18N_CSV_KIND,
    I18N_CSV_OBSERVED,
    I18N_CSV_INSIDE,
    I18N_CSV_COMBINATION,
    I18N_CSV_N_POLICIES,
    I18N_CSV_FRONTIER,
    I18N_CSV_WITHIN_BUDGET,
    I18N_CSV_BEST,
    I18N_CSV_CHEAPEST,
    I18N_CSV_STEP,
    I18N_CSV_STEP_LOW,
    I18N_CSV_STEP_HIGH,
    I18N_CSV_STEP_NOISE,
    I18N_ALLOC_TARGET_FMT,      /* target words, budget (string, 万元) */
    I18N_ALLOC_EXHAUSTIVE_FMT,  /* combinations (int) */
    I18N_ALLOC_SEARCH_FMT,      /* combinations (string), screened (int), screening reps (string), finalists (int) */
    I18N_ALLOC_BEST_FMT,        /* combination, probability, cost */
    I18N_ALLOC_AS_WRITTEN_FMT,  /* probability, cost of the file's own combination (every level 1) */
    I18N_ALLOC_NOT_WRITTEN,     /* ... when the search did not reach that combination */
    I18N_ALLOC_NO_LEVEL_1,      /* ... when a policy's levels leave out 1 */
    I18N_ALLOC_WRITTEN_SKIPPED, /* ... when its parameters are invalid (skipped) */
    I18N_ALLOC_SKIPPED_FMT,     /* combinations skipped (int): the heading of their lines */
    I18N_ALLOC_SKIPPED_MORE_FMT,/* the skipped not listed (int) */
    I18N_ALLOC_PROB_SE,         /* column: probability ± its Monte Carlo SE */
    I18N_ALLOC_STEP,            /* column: the paired step from the row above, with its interval */
    I18N_ALLOC_NOISE,           /* a step whose 95% interval includes 0 */
    I18N_ALLOC_STEP_NOTE,       /* the note under the frontier: what the step and its interval mean */
    I18N_ALLOC_NONE_FITS_FMT,   /* cheapest cost */
    I18N_ALLOC_CHEAPEST_FMT,    /* probability wanted, combination, probability, cost */
    I18N_ALLOC_UNREACHED_FMT,   /* probability wanted, highest probability */
    I18N_ALLOC_FRONTIER,        /* heading of the frontier */
    I18N_ALLOC_COST,            /* column: cost */
    I18N_ALLOC_PROBABILITY,     /* column: probability */
    I18N_ALLOC_COMBINATION,     /* column: combination */
    I18N_ALLOC_RUN_FMT,         /* replications, seed (strings) */
    I18N_ALLOC_CHART_TITLE_FMT, /* target words */
    I18N_ALLOC_XLABEL,
    I18N_ALLOC_ALL_POINTS,
    I18N_ALLOC_FRONTIER_LEGEND,
    I18N_ALLOC_BUDGET_FMT,      /* budget (string) */
    I18N_ALLOC_CHOSEN_FMT,      /* combination, probability */
    I18N_ALLOC_WRITTEN_MARK_FMT, /* allocate chart legend: the file as written's probability */
    I18N_ALLOC_NONE,            /* the combination with no policy */
    /* ladder run --roster */
    I18N_CSV_FIRM_ID,           /* firms.csv columns */
    I18N_CSV_FIRM_NAME,
    I18N_CSV_START_STAGE,
    I18N_CSV_YEARS_IN_STAGE,
    I18N_CSV_STATE_KIND,
    I18N_CSV_STATE,
    I18N_CSV_STATE_NAME,
    I18N_CSV_AT_OR_ABOVE,
    I18N_CSV_AT_OR_ABOVE_SE,
    I18N_CSV_UP_PROBABILITY,
    I18N_CSV_UP_MEDIAN_YEAR,
    I18N_STATE_EXITED,          /* firms.csv: a firm that exited */
    I18N_LIST_SEPARATOR,        /* between names in a sentence */
    I18N_ROSTER_RUN_FMT,        /* stdout: firms (int), stages covered (names), firms.csv's path */
    I18N_ROSTER_KEEPS_FMT,      /* stderr: roster file, stages keeping their baseline (names) */
    I18N_ROSTER_DRAW_DROPPED_FMT, /* stderr: stage name, roster file */
    I18N_EFFECTS_EXPECTED_NOTE,
    I18N_EFFECTS_UNUSED_FMT,    /* stderr: scenario file, whose [effects] go unused without --roster */
    I18N_EFFECTS_UNUSED_BY_FMT, /* stderr: scenario file, command name, which simulates stages */
    /* a region's parts (region.h) */
    I18N_PARTS_HEADING,         /* stdout: the parts table's heading */
    I18N_PART,                  /* column: the part */
    I18N_PART_OWN_TARGETS,      /* column: its own targets met together */
    I18N_PART_NO_TARGETS,       /* cell: a part without targets of its own */
    I18N_PARTS_CHART_TITLE_FMT, /* chart: the region target's name */
    I18N_PARTS_CHART_Y,         /* chart: y axis */
    I18N_PARTS_CHART_TOP_FMT,   /* chart: parts shown (int), parts in all (int) */
    I18N_COMMON_FACTOR_FMT,     /* sensitivity: a [common] factor on (parameter words) */
    /* ladder run --roster: whom to help (cultivation), --trace */
    I18N_CSV_RUN_PROBABILITY, /* cultivation.csv columns */
    I18N_CSV_CHANCE,
    I18N_CSV_RANK_BY_CHANCE,
    I18N_CSV_GAIN,
    I18N_CSV_GAIN_SE,
    I18N_CSV_RANK_BY_GAIN,
    I18N_CSV_CHANGED,
    I18N_CSV_SERVED_TOGETHER,
    I18N_CSV_ATTRIBUTES,
    I18N_CULT_HEADING_GAIN_FMT, /* stdout, report: the service (text) */
    I18N_CULT_HEADING_CHANCE,
    I18N_CULT_SERVICE_WORDS_FMT, /* the service's text, its parameters in words */
    I18N_CULT_TARGET_FMT, /* target name, condition, probability ± SE */
    I18N_CULT_RANK, /* stdout and report columns */
    I18N_CULT_FIRM,
    I18N_CULT_ID,
    I18N_CULT_CHANCE,
    I18N_CULT_GAIN,
    I18N_CULT_TOP_FMT, /* firms, run's and served probability (text), change (text) */
    I18N_CULT_TOP_FEWER_FMT,
    I18N_CULT_TOP_NONE,
    I18N_CULT_LOWERS_FMT,   /* firms, largest fall (text) */
    I18N_CULT_NO_CHANCE,
    I18N_CULT_CSV_FMT, /* path of cultivation.csv */
    I18N_CULT_CHART_TITLE_FMT, /* charts: target name, firms shown */
    I18N_CULT_CHART_SERVICE_FMT, /* service (words) */
    I18N_CULT_CHART_CHANCE,
    I18N_CULT_GAIN_AXIS,
    I18N_CULT_CHANCE_AXIS,
    I18N_FIRMS_CHANCE_TITLE_FMT, /* firms */
    I18N_FIRMS_CHANCE_NOTE,
    I18N_FIRMS_CHANCE_AXIS,
    I18N_TRACE_HEAD_FMT, /* stdout --trace: id, name, replications, seed */
    I18N_TRACE_START_RENEWAL_FMT, /* year, stage, clock, period */
    I18N_TRACE_START_FMT, /* year, stage */
    I18N_TRACE_UP_FMT, /* year, stages */
    I18N_TRACE_DOWN_FMT,
    I18N_TRACE_EXIT_FMT,
    I18N_TRACE_RENEW_FMT,
    I18N_TRACE_LAPSE_FMT,
    I18N_TRACE_LIST_ON_FMT, /* year, list name */
    I18N_TRACE_LIST_OFF_FMT,
    I18N_TRACE_END_FMT, /* year, stage */
    I18N_TRACE_EXITED,
    I18N_TRACE_NOTHING,
    I18N_REPORT_CULT_TITLE, /* report */
    I18N_REPORT_CULT_SHOWN_FMT, /* firms shown */
    /* ladder fit-roster */
    I18N_FIT_HEADING_FMT,       /* scenario name, outcomes file, firm-years (int), firms (int), first and last year (ints) */
    I18N_FIT_SCALE_TITLE,
    I18N_FIT_SCALE_ITEM_FMT,    /* attribute, mean, sd (strings), where they come from */
    I18N_FIT_SCALE_OUTCOMES,
    I18N_FIT_SCALE_SCENARIO,
    I18N_FIT_COEF_TITLE,
    I18N_FIT_OUTCOME,           /* table columns */
    I18N_FIT_ATTRIBUTE,
    I18N_FIT_COEFFICIENT,
    I18N_FIT_SE,
    I18N_FIT_P,
    I18N_FIT_LR_P,
    I18N_FIT_ROWS,
    I18N_FIT_EVENTS,
    I18N_FIT_RATE,
    I18N_FIT_RATE_SCENARIO,
    I18N_FIT_NOTE,
    I18N_FIT_AUC,
    I18N_FIT_AUC_CONSTANT,
    I18N_FIT_EXIT,              /* an outcome: exit */
    I18N_FIT_STARS_NOTE,
    I18N_FIT_NOT_FITTED_FMT,    /* what (outcome · attributes), why (a status's words) */
    I18N_FIT_COEF_CONSTANT,     /* why a coefficient is not fitted */
    I18N_FIT_COEF_TOO_FEW_FMT,  /* events a coefficient needs (int) */
    I18N_FIT_COEF_SEPARATED,
    I18N_FIT_COEF_FLAT,
    I18N_FIT_COEF_NO_OUTCOME,
    I18N_FIT_OUT_NEVER,         /* why an outcome is not fitted */
    I18N_FIT_OUT_AT_ZERO,
    I18N_FIT_OUT_CONFOUNDED,
    I18N_FIT_OUT_FLAT,
    I18N_FIT_OUT_NO_DUE,
    I18N_FIT_OUT_ALL_RENEWED,
    I18N_FIT_OUT_NONE_RENEWED,
    I18N_FIT_OUT_NO_STAY,
    I18N_FIT_RATES_TITLE,
    I18N_FIT_HELD_TITLE_FMT,    /* years fitted ("2016–2019"), year scored, firm-years scored (ints) */
    I18N_FIT_NO_COEFS,
    I18N_FIT_LOGLOSS_LOWER_FMT, /* log-loss, constant model's, how much lower (strings) */
    I18N_FIT_LOGLOSS_HIGHER_FMT,/* log-loss, constant model's, how much higher (strings) */
    I18N_FIT_AUC_NOTE_FMT,      /* firm-years needed with and without the outcome (int) */
    I18N_FIT_NO_AUC_FMT,        /* the same (int) */
    I18N_FIT_LEFT_OUT_FMT,      /* firm-years not scored (int) */
    I18N_FIT_ONE_YEAR_FMT,      /* the one year (int) */
    I18N_FIT_CORRELATION_NOTE,
    I18N_FIT_DRAWN_ZERO_FMT,    /* stderr: effect key, scenario file, why not fitted */
    I18N_FIT_NOT_CONVERGED_FMT, /* stage name */
    I18N_FIT_WRITTEN_FMT,       /* the fitted scenario file */
    I18N_FIT_NAME_FMT,          /* the scenario's name */
    I18N_FIT_NO_STAGE_FMT,      /* why an effect of the scenario is not fitted: stage name */
    I18N_FIT_NO_ATTR_FMT,       /* ... attribute */
    I18N_FIT_CHART_TITLE_FMT,   /* outcome label */
    I18N_FIT_CHART_X,
    I18N_FIT_CHART_Y,
    I18N_FIT_CHART_OBSERVED,
    I18N_FIT_CHART_DIAGONAL,
    I18N_FIT_CHART_NOTE_FMT,    /* firm-years (int), groups (int), firm-years a group (int) */
    I18N_FIT_CHART_READ,        /* how to read the chart */
    I18N_FIT_NO_CHARTS,
    I18N_CSV_ATTRIBUTE,         /* fit.csv columns */
    I18N_CSV_STD_ERROR,
    I18N_CSV_Z,
    I18N_CSV_P_VALUE,
    I18N_CSV_LR,
    I18N_CSV_LR_DF,
    I18N_CSV_LR_P,
    I18N_CSV_RATE_AT_MEAN,
    I18N_CSV_RATE_SCENARIO,
    I18N_CSV_YES,  /* CSV: true */
    I18N_CSV_NO,
    /* ladder roster synth */
    I18N_SYNTH_FIRM_NAME_FMT,   /* a synthetic firm's name: its number (string) */
    I18N_SYNTH_HEADING_FMT,     /* scenario name, firms (int), base_year (int), first year, last year
                                   (ints), firm-years (int), firms of the history (int) */
    I18N_SYNTH_ROSTER,          /* table columns */
    I18N_SYNTH_START_FMT,       /* the history's first year (int) */
    I18N_SYNTH_KEPT,
    I18N_SYNTH_ADDED,
    I18N_SYNTH_LEFT_OFF,
    I18N_SYNTH_EFFECTS_FMT,     /* coefficients (int), scenario file */
    I18N_SYNTH_NO_EFFECTS,
    I18N_SYNTH_ROSTER_FILE,     /* before the roster's path */
    I18N_SYNTH_OUTCOMES_FILE,   /* before the outcomes file's path */
    I18N_N_MESSAGES
} I18nMessage;

/* The text of `id` in `language` ("en" gives English, anything else
 * Chinese, the default language of scenarios).  Static storage. */
const char *i18n_text(const char *language, I18nMessage id);

/* TRUE when `language` is "en"; every other value (NULL, "zh") is Chinese,
 * the default.  The one rule for picking a word of a zh/en pair. */
gboolean i18n_is_english(const char *language);

/* A kind of published count in words of m's language (存量 / stock,
 * 新增 / new). */
const char *i18n_history_kind(const Model *m, HistoryKind kind);

/* The label of a parameter of `m` in its language, with stage names:
 * "科小 → 高企", "高企续期率"; for param -1, stage `stage`'s baseline,
 * "初创基数".  Caller frees. */
char *i18n_param_label(const Model *m, int param, int stage);

/* What target `target` of `m` asks, in m's language: "高企 ≥ 500（2025 年）",
 * "gazelle or above ≥ 40 in 2027", "上市 2022–2025 年新增 ≥ 15"; a target
 * without year = says it is measured at the horizon.  Caller frees. */
char *i18n_target_condition(const Model *m, int target);

/* The same in `language` ("zh" or "en"). */
char *i18n_target_condition_in(const Model *m, int target, const char *language);

#endif
