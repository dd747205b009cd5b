/* results.c: the one owner of every result file's schema (results.h): the
 * tables of keys, their check on writing and on reading, and the Markdown
 * of docs/results.md.
 * SPDX-License-Identifier: MIT */
#include "results.h"

#include <string.h>

#include "errors.h"
#include "out_json.h"

/* Row shorthands: K(path, type, flags, unit, meaning); PART(path, part). */
#define K(p, t, f, u, m) {p, RESULTS_##t, f, u, m, NULL}
#define PART(p, part) {p, RESULTS_PART, 0, "", NULL, &part}
#define N RESULTS_MAY_BE_NULL
#define A RESULTS_MAY_BE_ABSENT
#define PARTOF(rows) {rows, G_N_ELEMENTS(rows)}

#define P01 "probability, 0..1"
/* out_table_verdict_code's bands, judged on the probability rounded to 0.1% as the table prints it */
#define VERDICT_CODES "the verdict on the probability: very_likely (≥ 90.0%), likely (≥ 66.0%), " \
    "uncertain (≥ 33.0%), unlikely (≥ 10.0%) or very_unlikely, judged on it rounded to 0.1%"
#define VERDICT_WORDS "the same verdict in words, in the scenario's language (很可能达成 … 极不可能)"

/* ---- parts shared by several files ------------------------------------------ */

/* out_json_member_run: the run settings. */
static const ResultsKey run_rows[] = {
    K("replications", UINT64, 0, "replications", "the number of replications (simulated futures)"),
    K("seed", UINT64, 0, "", "the random seed: the same seed, replications and ladder give the same bytes"),
    K("uncertainty", BOOLEAN, 0, "", "whether [uncertainty] parameters were drawn once per replication"),
};
static const ResultsPart run_part = PARTOF(run_rows);

/* out_json_target_definition: what a target counts. */
static const ResultsKey target_rows[] = {
    K("name", STRING, 0, "", "the target's name, from [target NAME]"),
    K("stage", STRING, N, "", "the stage id it counts; null for a list's target"),
    K("list", STRING, N, "", "the list id it counts; null for a stage's target"),
    K("year", INTEGER, 0, "year", "the year it is measured at the end of"),
    K("year_given", BOOLEAN, 0, "", "false: the scenario gave no year =, so it is measured at the horizon"),
    K("at_least", INTEGER, 0, "firms", "the count that meets it"),
    K("count", STRING, 0, "", "what is counted: stage, at_or_above, new, cumulative or list"),
    K("condition", OBJECT, 0, "", "what it asks, in words"),
    K("condition.zh", STRING, 0, "", "in Chinese"),
    K("condition.en", STRING, 0, "", "in English"),
};
static const ResultsPart target_part = PARTOF(target_rows);

/* A count's distribution over the years (summary.json's stages and lists). */
static const ResultsKey distribution_rows[] = {
    K("expected", ARRAY, 0, "", "the exact expectation at the end of each year (cohort recursion), by years"),
    K("expected[]", NUMBER, 0, "firms", "one year's"),
    K("mean", ARRAY, 0, "", "the Monte Carlo mean, by years"),
    K("mean[]", NUMBER, 0, "firms", "one year's"),
    K("sd", ARRAY, 0, "", "the standard deviation across replications, by years"),
    K("sd[]", NUMBER, N, "firms", "one year's; null when undefined"),
    K("p5", ARRAY, 0, "", "the 5th percentile, by years"),
    K("p5[]", INTEGER, 0, "firms", "one year's"),
    K("p25", ARRAY, 0, "", "the 25th percentile, by years"),
    K("p25[]", INTEGER, 0, "firms", "one year's"),
    K("p50", ARRAY, 0, "", "the median, by years"),
    K("p50[]", INTEGER, 0, "firms", "one year's"),
    K("p75", ARRAY, 0, "", "the 75th percentile, by years"),
    K("p75[]", INTEGER, 0, "firms", "one year's"),
    K("p95", ARRAY, 0, "", "the 95th percentile, by years"),
    K("p95[]", INTEGER, 0, "firms", "one year's"),
};
static const ResultsPart distribution_part = PARTOF(distribution_rows);

/* ---- scenario.json ------------------------------------------------------------ */

static const ResultsKey scenario_rows[] = {
    K("file", STRING, 0, "", "the scenario file as the user named it"),
    K("sources", ARRAY, 0, "", "every file the scenario was read from (extends= chains included), first-seen order"),
    K("sources[]", OBJECT, 0, "", "one file"),
    K("sources[].file", STRING, 0, "", "its path"),
    K("sources[].sha256", STRING, N, "", "SHA-256 of its bytes in hex; null when it could not be read"),
    K("name", STRING, 0, "", "[scenario] name"),
    K("region", STRING, N, "", "[scenario] region"),
    K("description", STRING, N, "", "[scenario] description"),
    K("language", STRING, 0, "", "zh or en: the language of tables and charts"),
    K("base_year", INTEGER, 0, "year", "the year the baseline counts are at the end of"),
    K("horizon", INTEGER, 0, "year", "the last simulated year"),
    K("stages", ARRAY, 0, "", "the stages, in ladder order"),
    K("stages[]", OBJECT, 0, "", "one stage"),
    K("stages[].id", STRING, 0, "", "its id ([stages] key)"),
    K("stages[].name", STRING, 0, "", "its display name"),
    K("stages[].baseline", INTEGER, 0, "firms", "firms in it at the end of the base year; for a region, its "
      "parts' baselines added, each at the end of its own base year"),
    K("stages[].baseline_note", STRING, N, "", "the comment above its [baseline] line (its source)"),
    K("stages[].baseline_uncertainty", STRING, N, "", "its [uncertainty] distribution as written; null: not drawn"),
    K("stages[].baseline_uncertainty_note", STRING, N, "", "the comment above that [uncertainty] line"),
    K("stages[].renewal_years", INTEGER, 0, "years", "how long its status is valid; 0: no renewal"),
    K("stages[].lapse_to", STRING, N, "", "the stage a status not renewed lapses to"),
    K("parameters", ARRAY, 0, "", "every parameter, in file order; for a region, the factors its [common] "
      "draws (each multiplies the parts' parameter of that key; value: its mean)"),
    K("parameters[]", OBJECT, 0, "", "one parameter"),
    K("parameters[].key", STRING, 0, "", "its key, as --lever and [policy] name it (\"tech_sme -> hightech\")"),
    K("parameters[].kind", STRING, 0, "", "edge, exit, inflow, recruitment, renewal or share"),
    K("parameters[].from", STRING, 0, "", "the stage it belongs to"),
    K("parameters[].list", STRING, N, "", "a share's list"),
    K("parameters[].to", STRING, N, "", "an edge's destination stage"),
    K("parameters[].value", NUMBER, 0, "per kind", "the central value: an annual probability, or firms a year for inflow and recruitment"),
    K("parameters[].uncertainty", STRING, N, "", "its [uncertainty] distribution as written; null: not drawn"),
    K("parameters[].note", STRING, N, "", "the comment above the line giving the value (its source)"),
    K("parameters[].uncertainty_note", STRING, N, "", "the comment above its [uncertainty] line"),
    K("parameters[].where", STRING, 0, "", "file:line of the value"),
    K("lists", ARRAY, 0, "", "the lists (designation counts that overlap the stages)"),
    K("lists[]", OBJECT, 0, "", "one list"),
    K("lists[].id", STRING, 0, "", "its id"),
    K("lists[].name", STRING, 0, "", "its display name"),
    K("lists[].stages", ARRAY, 0, "", "the stages counted whole"),
    K("lists[].stages[]", STRING, 0, "", "a stage id"),
    K("lists[].shares", ARRAY, 0, "", "the share parameters of stages counted in part"),
    K("lists[].shares[]", STRING, 0, "", "a parameter key"),
    K("policies", ARRAY, 0, "", "the [policy] groups, in file order"),
    K("policies[]", OBJECT, 0, "", "one policy"),
    K("policies[].name", STRING, 0, "", "its name"),
    K("policies[].from", INTEGER, 0, "year", "first year it acts"),
    K("policies[].to", INTEGER, 0, "year", "last year it acts"),
    K("policies[].changes", ARRAY, 0, "", "what it changes"),
    K("policies[].changes[]", OBJECT, 0, "", "one change"),
    K("policies[].changes[].key", STRING, 0, "", "the parameter key"),
    K("policies[].changes[].op", STRING, 0, "", "* (multiply), + (add) or = (set)"),
    K("policies[].changes[].x", NUMBER, 0, "per parameter", "the operand"),
    K("policies[].cost_per_year", NUMBER, 0, "万元/year", "its fixed cost a year"),
    K("policies[].cost_per_firm", NUMBER, 0, "万元/firm", "its cost per extra firm"),
    K("policies_off", ARRAY, 0, "", "the file's policies switched off on the command line (--without, --only), "
                                    "in file order; not in `policies`"),
    K("policies_off[]", STRING, 0, "", "a policy's name"),
    K("targets", ARRAY, 0, "", "the targets, in file order"),
    K("targets[]", OBJECT, 0, "", "one target"),
    PART("targets[]", target_part),
    K("parts", ARRAY, A, "", "a region's parts (docs/regions.md), in file order; absent for a scenario"),
    K("parts[]", OBJECT, 0, "", "one part: a scenario, or a region of its own"),
    K("parts[].name", STRING, 0, "", "its [scenario] name"),
    K("parts[].file", STRING, 0, "", "its file (each part's assumptions are there, and in its own scenario.json)"),
    K("parts[].base_year", INTEGER, 0, "year", "its own base year"),
    K("roster", OBJECT, A, "", "the roster of firms the run started from (run --roster); absent without one"),
    K("roster.file", STRING, 0, "", "its path as the user named it"),
    K("roster.sha256", STRING, 0, "", "SHA-256 of its bytes in hex"),
    K("roster.firms", INTEGER, 0, "firms", "the firms on it"),
    K("roster.covers", ARRAY, 0, "", "the stages its firms start (their baseline is the roster's count, "
                                     "each firm on its own renewal clock); the other stages keep their baseline"),
    K("roster.covers[]", STRING, 0, "", "a stage id"),
    K("roster.attributes", ARRAY, A, "", "the attributes the scenario's [effects] use, each a column of the roster, "
                                         "as they were standardised (z = (x - mean) / sd); absent without [effects]"),
    K("roster.attributes[]", OBJECT, 0, "", "one attribute, in order of first mention in [effects]"),
    K("roster.attributes[].id", STRING, 0, "", "its id, the roster's column"),
    K("roster.attributes[].mean", NUMBER, 0, "per attribute", "the mean subtracted"),
    K("roster.attributes[].sd", NUMBER, 0, "per attribute", "the standard deviation divided by (> 0)"),
    K("roster.attributes[].from", STRING, 0, "", "standardise: the scenario's standardise.ID line; roster: the "
                                                 "roster's own mean and sample sd (n - 1) of the column"),
};

/* ---- firms.json ----------------------------------------------------------------- */

static const ResultsKey firms_rows[] = {
    K("roster", STRING, 0, "", "the roster file as the user named it (--roster)"),
    K("roster_sha256", STRING, 0, "", "SHA-256 of its bytes in hex"),
    PART("", run_part),
    K("years", ARRAY, 0, "", "the years each firm is looked at: the distinct years of the targets (the horizon "
                             "when there is none)"),
    K("years[]", INTEGER, 0, "year", "one year"),
    K("firms", ARRAY, 0, "", "every firm of the roster, in file order"),
    K("firms[]", OBJECT, 0, "", "one firm"),
    K("firms[].id", STRING, 0, "", "its id on the roster"),
    K("firms[].name", STRING, 0, "", "its name on the roster"),
    K("firms[].stage", STRING, 0, "", "its stage id at the end of the base year"),
    K("firms[].stage_name", STRING, 0, "", "that stage's display name"),
    K("firms[].years_in_stage", INTEGER, 0, "years", "its renewal clock then, as on the roster"),
    K("firms[].up_probability", NUMBER, 0, P01, "the share of replications where it is above its starting stage "
                                                "at the end of some year up to the horizon"),
    K("firms[].up_se", NUMBER, 0, P01, "its Monte Carlo standard error"),
    K("firms[].up_median_year", INTEGER, N, "year", "the median year it first is above its starting stage; null "
                                                    "when fewer than half the replications see it there by the horizon "
                                                    "(or no stage is above it)"),
    K("firms[].years", ARRAY, 0, "", "by the years above"),
    K("firms[].years[]", OBJECT, 0, "", "one year"),
    K("firms[].years[].year", INTEGER, 0, "year", "the year, at its end"),
    K("firms[].years[].states", ARRAY, 0, "", "each stage in ladder order, then exited, then each list: the stages "
                                              "and exited sum to 1"),
    K("firms[].years[].states[]", OBJECT, 0, "", "one state"),
    K("firms[].years[].states[].kind", STRING, 0, "", "stage, exit or list"),
    K("firms[].years[].states[].state", STRING, 0, "", "the stage or list id; \"exited\" for exit"),
    K("firms[].years[].states[].state_name", STRING, 0, "", "its display name, in the scenario's language"),
    K("firms[].years[].states[].probability", NUMBER, 0, P01, "the share of replications where the firm is in the "
                                                               "stage, has exited (closed or left) by then, or is on "
                                                               "the list"),
    K("firms[].years[].states[].se", NUMBER, 0, P01, "its Monte Carlo standard error"),
    K("firms[].years[].states[].at_or_above", NUMBER, N, P01, "a stage: in it or any later stage; null otherwise"),
    K("firms[].years[].states[].at_or_above_se", NUMBER, N, P01, "its Monte Carlo standard error"),
};

/* ---- cultivation.json ------------------------------------------------------------ */

/* "served_together": the top firms of a gain list given the service at once. */
static const ResultsKey served_rows[] = {
    K("firms", INTEGER, 0, "firms", "how many were served: the head of the gain list, at most serve_top, only "
                                    "firms whose gain is positive (0: none, and nothing changes)"),
    K("probability", NUMBER, 0, P01, "P(target met) with them served: the run's probability plus the paired "
                                     "difference"),
    K("se", NUMBER, 0, P01, "its Monte Carlo standard error"),
    K("difference", NUMBER, 0, P01, "the change of P(target met) from the run's, paired replication by "
                                    "replication on the same random numbers"),
    K("difference_se", NUMBER, 0, P01, "its paired Monte Carlo standard error"),
    K("all_probability", NUMBER, 0, P01, "P(every target met) with them served"),
    K("all_se", NUMBER, 0, P01, "its Monte Carlo standard error"),
    K("all_difference", NUMBER, 0, P01, "its paired change from the run's all_targets_probability"),
    K("all_difference_se", NUMBER, 0, P01, "its paired Monte Carlo standard error"),
    K("words", OBJECT, 0, "", "what serving them together does, in words, as stdout says it (when no firm gains, "
                              "that none does and how many firms the service sets back)"),
    K("words.zh", STRING, 0, "", "in Chinese"),
    K("words.en", STRING, 0, "", "in English"),
};
static const ResultsPart served_part = PARTOF(served_rows);

#define CHANCE_UNIT "firms, 0..1 for stock and list targets"

static const ResultsKey cultivation_rows[] = {
    K("roster", STRING, 0, "", "the roster file as the user named it (--roster)"),
    K("roster_sha256", STRING, 0, "", "SHA-256 of its bytes in hex"),
    PART("", run_part),
    K("service", STRING, N, "", "the service (--service) as one text, its changes joined by \"; \", such as "
                                "\"tech_sme -> hightech = *1.3\"; null without one"),
    K("service_changes", ARRAY, 0, "", "each --service change, in order; empty without a service"),
    K("service_changes[]", STRING, 0, "", "one, \"KEY = *x\" or \"KEY = +x\""),
    K("serve_top", INTEGER, N, "firms", "--serve-top: at most this many firms of each gain list served together; "
                                        "null without a service"),
    K("ranked_by", STRING, 0, "", "gain (with a service) or chance: the order of each target's firms"),
    K("note", STRING, 0, "", "how the lists are ranked, in English (without a service: that --service ranks by "
                             "the gain)"),
    K("attributes", ARRAY, 0, "", "the roster's attribute columns, in its header's order"),
    K("attributes[]", STRING, 0, "", "one column's name"),
    K("targets", ARRAY, 0, "", "each target of the scenario, in its order, with its list"),
    K("targets[]", OBJECT, 0, "", "one target"),
    PART("targets[]", target_part),
    K("targets[].probability", NUMBER, 0, P01, "P(target met) in the run: summary.json's targets[].probability "
                                               "(the service changes no figure of the run)"),
    K("targets[].se", NUMBER, 0, P01, "its Monte Carlo standard error"),
    K("targets[].served_together", OBJECT, N, "", "the top of this target's gain list given the service at once, in "
                                                  "a second run of the same replications; null without a service"),
    PART("targets[].served_together", served_part),
    K("targets[].firms", ARRAY, 0, "", "every roster firm, ranked: by gain with a service (ties by chance, then "
                                       "roster order), else by chance (ties in roster order)"),
    K("targets[].firms[]", OBJECT, 0, "", "one firm"),
    K("targets[].firms[].id", STRING, 0, "", "its id on the roster"),
    K("targets[].firms[].name", STRING, 0, "", "its name on the roster"),
    K("targets[].firms[].stage", STRING, 0, "", "its stage id at the end of the base year"),
    K("targets[].firms[].stage_name", STRING, 0, "", "that stage's display name"),
    K("targets[].firms[].years_in_stage", INTEGER, 0, "years", "its renewal clock then, as on the roster"),
    K("targets[].firms[].chance", NUMBER, 0, CHANCE_UNIT, "its expected contribution to the target's count: for a "
                                                          "stock or list target the probability it counts toward it "
                                                          "in the target's year; for new and cumulative, its "
                                                          "expected entries"),
    K("targets[].firms[].chance_se", NUMBER, 0, CHANCE_UNIT, "its Monte Carlo standard error"),
    K("targets[].firms[].rank_by_chance", INTEGER, 0, "", "its place by chance, 1 = highest"),
    K("targets[].firms[].gain", NUMBER, N, CHANCE_UNIT, "the change of its chance when it alone is given the "
                                                        "service, on the run's random numbers; null without a service"),
    K("targets[].firms[].gain_se", NUMBER, N, CHANCE_UNIT, "its paired Monte Carlo standard error; null without a "
                                                           "service"),
    K("targets[].firms[].rank_by_gain", INTEGER, N, "", "its place by gain, 1 = highest; null without a service"),
    K("targets[].firms[].changed", NUMBER, N, P01, "the share of replications in which the service changed its "
                                                   "contribution to some target; null without a service"),
    K("targets[].firms[].served_together", BOOLEAN, N, "", "whether it is among the firms served together "
                                                           "(served_together.firms); null without a service"),
    K("targets[].firms[].attributes", OBJECT, 0, "", "its value of each attribute column of the roster"),
    K("targets[].firms[].attributes.*", NUMBER, A, "per attribute", "one column's value, named by the column"),
};

/* ---- summary.json --------------------------------------------------------------- */

static const ResultsKey summary_rows[] = {
    K("scenario", OBJECT, 0, "", "the scenario run (scenario.json beside it has all of it)"),
    K("scenario.name", STRING, 0, "", "[scenario] name"),
    K("scenario.region", STRING, N, "", "[scenario] region"),
    K("scenario.base_year", INTEGER, 0, "year", "the base year"),
    K("scenario.horizon", INTEGER, 0, "year", "the last simulated year"),
    K("scenario.language", STRING, 0, "", "zh or en"),
    PART("", run_part),
    K("years", ARRAY, 0, "", "the years every by-year array is indexed by: base year to horizon"),
    K("years[]", INTEGER, 0, "year", "one year"),
    K("stages", ARRAY, 0, "", "each stage's firms, in ladder order"),
    K("stages[]", OBJECT, 0, "", "one stage"),
    K("stages[].id", STRING, 0, "", "its id"),
    K("stages[].name", STRING, 0, "", "its display name"),
    K("stages[].stock", OBJECT, 0, "", "firms in the stage at the end of each year"),
    PART("stages[].stock", distribution_part),
    K("stages[].new", OBJECT, 0, "", "firms entering the stage during each year"),
    K("stages[].new.mean", ARRAY, 0, "", "the Monte Carlo mean, by years"),
    K("stages[].new.mean[]", NUMBER, 0, "firms", "one year's"),
    K("stages[].new.expected", ARRAY, 0, "", "the exact expectation, by years"),
    K("stages[].new.expected[]", NUMBER, 0, "firms", "one year's"),
    K("lists", ARRAY, 0, "", "each list's count"),
    K("lists[]", OBJECT, 0, "", "one list"),
    K("lists[].id", STRING, 0, "", "its id"),
    K("lists[].name", STRING, 0, "", "its display name"),
    K("lists[].count", OBJECT, 0, "", "its count at the end of each year"),
    PART("lists[].count", distribution_part),
    K("targets", ARRAY, 0, "", "each target and how likely it is met"),
    K("targets[]", OBJECT, 0, "", "one target"),
    PART("targets[]", target_part),
    K("targets[].probability", NUMBER, 0, P01, "the share of replications meeting it"),
    K("targets[].se", NUMBER, 0, P01, "its Monte Carlo standard error √(p(1−p)/n)"),
    K("targets[].verdict", STRING, 0, "", VERDICT_CODES),
    K("targets[].verdict_words", STRING, 0, "", VERDICT_WORDS),
    K("targets[].mean", NUMBER, 0, "firms", "the mean count it is measured on"),
    K("targets[].expected", NUMBER, N, "firms", "that count's exact expectation"),
    K("targets[].p5", INTEGER, 0, "firms", "the count's 5th percentile"),
    K("targets[].p25", INTEGER, 0, "firms", "its 25th percentile"),
    K("targets[].p50", INTEGER, 0, "firms", "its median"),
    K("targets[].p75", INTEGER, 0, "firms", "its 75th percentile"),
    K("targets[].p95", INTEGER, 0, "firms", "its 95th percentile"),
    K("all_targets_probability", NUMBER, N, P01, "the share meeting every target together; null without targets"),
    K("all_targets_se", NUMBER, N, P01, "its Monte Carlo standard error; null without targets"),
    K("all_targets_verdict", STRING, N, "", "the verdict on all_targets_probability, as verdict; null without targets"),
    K("all_targets_verdict_words", STRING, N, "", "its words; null without targets"),
    K("parts", ARRAY, A, "", "a region's parts (docs/regions.md), in file order; absent for a scenario"),
    K("parts[]", OBJECT, 0, "", "one part: a scenario, or a region of its own"),
    K("parts[].name", STRING, 0, "", "its [scenario] name"),
    K("parts[].file", STRING, 0, "", "its file"),
    K("parts[].base_year", INTEGER, 0, "year", "its own base year (its years before the region's are not added)"),
    K("parts[].targets", ARRAY, 0, "", "its own targets up to the region's horizon, in its file's order"),
    K("parts[].targets[]", OBJECT, 0, "", "one target"),
    K("parts[].targets[].name", STRING, 0, "", "its name"),
    K("parts[].targets[].probability", NUMBER, 0, P01, "the share of the region's replications in which the part "
      "meets it (the same as a run of the part alone when it is the region's first part and no [common] or "
      "region policy acts)"),
    K("parts[].targets[].se", NUMBER, 0, P01, "its Monte Carlo standard error"),
    K("parts[].targets[].verdict", STRING, 0, "", VERDICT_CODES),
    K("parts[].targets[].verdict_words", STRING, 0, "", VERDICT_WORDS),
    K("parts[].all_targets_probability", NUMBER, N, P01, "its own targets met together; null without targets"),
    K("parts[].all_targets_se", NUMBER, N, P01, "its Monte Carlo standard error; null without targets"),
    K("parts[].shares", ARRAY, 0, "", "its share of each of the region's targets, in the order of targets"),
    K("parts[].shares[]", OBJECT, 0, "", "one target of the region"),
    K("parts[].shares[].target", STRING, 0, "", "the region's target"),
    K("parts[].shares[].mean", NUMBER, 0, "firms", "the part's mean contribution to the count the target is "
      "measured on (the parts' contributions add up to the region's count in every replication)"),
    K("parts[].shares[].se", NUMBER, 0, "firms", "that mean's Monte Carlo standard error"),
    K("parts[].shares[].expected", NUMBER, 0, "firms", "its exact expectation at central values"),
    K("parts[].shares[].fraction", NUMBER, N, P01, "mean over the region's mean count; null when that is 0"),
    K("parts[].stages", ARRAY, 0, "", "its firms in each of the region's stages, in the region's ladder order"),
    K("parts[].stages[]", OBJECT, 0, "", "one stage (0 where the part has none)"),
    K("parts[].stages[].id", STRING, 0, "", "the stage's id"),
    K("parts[].stages[].mean", ARRAY, 0, "", "its mean stock at the end of each year, by years"),
    K("parts[].stages[].mean[]", NUMBER, 0, "firms", "one year's"),
    K("parts[].stages[].expected", ARRAY, 0, "", "its exact expectation, by years"),
    K("parts[].stages[].expected[]", NUMBER, 0, "firms", "one year's"),
};

/* ---- compare.json ---------------------------------------------------------------- */

static const ResultsKey compare_rows[] = {
    PART("", run_part),
    K("base_year", INTEGER, 0, "year", "the base scenario's base year"),
    K("horizon", INTEGER, 0, "year", "its horizon"),
    K("cost_unit", STRING, 0, "", "the unit of every cost: 万元"),
    K("scenarios", ARRAY, 0, "", "the scenarios compared, the base first, each run in its folder here"),
    K("scenarios[]", OBJECT, 0, "", "one scenario"),
    K("scenarios[].id", STRING, 0, "", "its folder's name (its file's stem)"),
    K("scenarios[].file", STRING, 0, "", "its file"),
    K("scenarios[].name", STRING, 0, "", "[scenario] name"),
    K("scenarios[].total_cost", NUMBER, 0, "万元", "what its policies cost in all"),
    K("scenarios[].policies", ARRAY, 0, "", "its policies and their costs"),
    K("scenarios[].policies[]", OBJECT, 0, "", "one policy"),
    K("scenarios[].policies[].name", STRING, 0, "", "its name"),
    K("scenarios[].policies[].from", INTEGER, 0, "year", "first year it acts"),
    K("scenarios[].policies[].to", INTEGER, 0, "year", "last year it acts"),
    K("scenarios[].policies[].years", INTEGER, 0, "years", "the years it acts within the horizon"),
    K("scenarios[].policies[].cost_per_year", NUMBER, 0, "万元/year", "its fixed cost a year"),
    K("scenarios[].policies[].cost_per_firm", NUMBER, 0, "万元/firm", "its cost per extra firm"),
    K("scenarios[].policies[].extra_firms", NUMBER, 0, "firms", "the extra firms it pays for (exact expectation)"),
    K("scenarios[].policies[].cost", NUMBER, 0, "万元", "its cost in all"),
    K("differences", ARRAY, 0, "", "each other scenario's targets against the base's, paired replications"),
    K("differences[]", OBJECT, 0, "", "one scenario and target"),
    K("differences[].scenario", STRING, 0, "", "the scenario's id"),
    K("differences[].target", STRING, 0, "", "the target's name"),
    K("differences[].probability_base", NUMBER, N, P01, "the base scenario's probability of it; null when the "
      "base has no target of that name"),
    K("differences[].probability", NUMBER, 0, P01, "this scenario's"),
    K("differences[].verdict", STRING, 0, "", "the verdict on this scenario's probability, as summary.json's"),
    K("differences[].verdict_words", STRING, 0, "", "its words, in that scenario's language"),
    K("differences[].difference", NUMBER, N, P01, "this minus the base's, on common random numbers; null when "
      "the base has no target of that name"),
    K("differences[].ci95", ARRAY, 0, "", "its 95% interval from the paired replications"),
    K("differences[].ci95[]", NUMBER, N, P01, "low, then high"),
    K("differences[].median_difference", NUMBER, N, "firms", "the median paired difference of the count"),
    K("stock_differences", ARRAY, 0, "", "each other scenario's stages against the base's, by year"),
    K("stock_differences[]", OBJECT, 0, "", "one scenario, stage and year"),
    K("stock_differences[].scenario", STRING, 0, "", "the scenario's id"),
    K("stock_differences[].stage", STRING, 0, "", "the stage id"),
    K("stock_differences[].year", INTEGER, 0, "year", "the year"),
    K("stock_differences[].mean_difference", NUMBER, N, "firms", "the mean paired difference of the stage's firms"),
    K("stock_differences[].ci95", ARRAY, 0, "", "its 95% interval"),
    K("stock_differences[].ci95[]", NUMBER, N, "firms", "low, then high"),
    K("cost_effectiveness", ARRAY, 0, "", "what each extra firm counted by a target costs"),
    K("cost_effectiveness[]", OBJECT, 0, "", "one scenario and target"),
    K("cost_effectiveness[].scenario", STRING, 0, "", "the scenario's id"),
    K("cost_effectiveness[].target", STRING, 0, "", "the target's name"),
    K("cost_effectiveness[].extra_cost", NUMBER, N, "万元", "its policies' cost beyond the base's"),
    K("cost_effectiveness[].extra_count", NUMBER, N, "firms", "the mean extra count"),
    K("cost_effectiveness[].extra_count_ci95", ARRAY, 0, "", "its 95% interval"),
    K("cost_effectiveness[].extra_count_ci95[]", NUMBER, N, "firms", "low, then high"),
    K("cost_effectiveness[].cost_per_extra_firm", NUMBER, N, "万元/firm", "extra cost over extra count; null: see reason"),
    K("cost_effectiveness[].reason", STRING, N, "", "why there is no cost per extra firm; null when there is"),
};

/* ---- sensitivity.json ---------------------------------------------------------- */

static const ResultsKey sensitivity_rows[] = {
    K("spread", NUMBER, 0, "fraction", "--spread: low and high of a parameter without [uncertainty] are central × (1 ∓ spread)"),
    K("mode", STRING, 0, "", "run (the base is ladder run's replications) or central (--central)"),
    K("baselines", BOOLEAN, 0, "", "--baselines: the stages' baselines were varied too"),
    PART("", run_part),
    K("targets", ARRAY, 0, "", "each target, then every target together, with its tornado"),
    K("targets[]", OBJECT, 0, "", "one target"),
    K("targets[].name", STRING, 0, "", "the target's name (every target together has its own)"),
    K("targets[].base_probability", NUMBER, 0, P01, "the probability at the base"),
    K("targets[].base", OBJECT, 0, "", "which base, and why"),
    K("targets[].base.mode", STRING, 0, "", "run or central, as mode"),
    K("targets[].base.probability", NUMBER, 0, P01, "the base's probability"),
    K("targets[].base.verdict", STRING, 0, "", "the verdict on the base's probability, as summary.json's"),
    K("targets[].base.verdict_words", STRING, 0, "", "its words, in the scenario's language"),
    K("targets[].base.run_probability", NUMBER, N, P01, "ladder run's with the same seed and replications; null when not run"),
    K("targets[].base.same_as_run", BOOLEAN, 0, "", "whether the base is ladder run's draw for draw"),
    K("targets[].base.reason", STRING, N, "", "why the base is what it is"),
    K("targets[].base.text", STRING, N, "", "the base as the table says it, in the scenario's language"),
    K("targets[].rows", ARRAY, 0, "", "one row per parameter varied, largest swing first"),
    K("targets[].rows[]", OBJECT, 0, "", "one parameter"),
    K("targets[].rows[].parameter", STRING, 0, "", "its key"),
    K("targets[].rows[].label", STRING, 0, "", "its name in words, in the scenario's language"),
    K("targets[].rows[].central", NUMBER, 0, "per parameter", "its central value"),
    K("targets[].rows[].low", NUMBER, 0, "per parameter", "the low value tried"),
    K("targets[].rows[].high", NUMBER, 0, "per parameter", "the high value tried"),
    K("targets[].rows[].source", STRING, 0, "", "where low and high come from: uncertainty P5/P95 or ±spread"),
    K("targets[].rows[].capped", BOOLEAN, 0, "", "whether low or high was pulled into the parameter's range"),
    K("targets[].rows[].probability_low", NUMBER, 0, P01, "the target's probability at low"),
    K("targets[].rows[].probability_high", NUMBER, 0, P01, "at high"),
    K("targets[].rows[].swing", NUMBER, 0, P01, "|probability_high − probability_low|"),
    K("skipped", ARRAY, 0, "", "each parameter not varied"),
    K("skipped[]", OBJECT, 0, "", "one parameter"),
    K("skipped[].parameter", STRING, 0, "", "its key"),
    K("skipped[].reason", STRING, 0, "", "why it was not varied"),
};

/* ---- solve.json -------------------------------------------------------------------- */

static const ResultsKey solve_rows[] = {
    K("lever", STRING, 0, "", "the parameter key moved"),
    K("mode", STRING, 0, "", "policy or set (--mode)"),
    K("operation", STRING, 0, "", "how the value acts: * (a factor), + (firms a year added) or = (set)"),
    K("lever_drawn", BOOLEAN, 0, "", "the lever's parameter is drawn from [uncertainty] in every value tried"),
    K("target", STRING, 0, "", "the target's name; all for every target together"),
    K("probability_wanted", NUMBER, 0, P01, "P, the probability asked for"),
    K("from", INTEGER, 0, "year", "the first year the lever moves"),
    K("min", NUMBER, 0, "per operation", "the lower bound searched"),
    K("max", NUMBER, 0, "per operation", "the upper bound searched"),
    K("min_given", BOOLEAN, 0, "", "--min was given (else min is the default)"),
    K("max_given", BOOLEAN, 0, "", "--max was given (else max is the default)"),
    K("parameter_central", NUMBER, 0, "per parameter", "the parameter's central value"),
    K("current_value", NUMBER, 0, "per operation", "the value that changes nothing (1, 0, or the central value)"),
    K("step", NUMBER, 0, "per operation", "the grid step"),
    K("base_probability", NUMBER, 0, P01, "the probability at the current value"),
    K("run_probability", NUMBER, N, P01, "ladder run's, with the same seed and replications"),
    K("base_is_run", BOOLEAN, 0, "", "whether the base is ladder run's draw for draw"),
    K("reachable", BOOLEAN, 0, "", "some value within the bounds reaches P"),
    K("value", NUMBER, N, "per operation", "the answer; null when unreachable"),
    K("change", NUMBER, N, "per operation", "value − current_value"),
    K("probability", NUMBER, N, P01, "the probability at value"),
    K("se", NUMBER, N, P01, "its Monte Carlo standard error"),
    K("verdict", STRING, N, "", "the verdict on probability, as summary.json's; null when unreachable"),
    K("verdict_words", STRING, N, "", "its words, in the scenario's language; null when unreachable"),
    K("value_one_step_short", NUMBER, N, "per operation", "the neighbour nearer the current value, short of P"),
    K("probability_one_step_short", NUMBER, N, P01, "its probability; null when already met or unreachable"),
    K("best_value", NUMBER, N | A, "per operation", "only when unreachable: the value of the highest probability"),
    K("best_probability", NUMBER, N | A, P01, "only when unreachable: that probability"),
    K("policy_line", STRING, N, "", "the [policy] group to append to the scenario; null when there is none"),
    PART("", run_part),
    K("evaluations", ARRAY, 0, "", "every value run, sorted by value"),
    K("evaluations[]", OBJECT, 0, "", "one value"),
    K("evaluations[].value", NUMBER, 0, "per operation", "the value"),
    K("evaluations[].probability", NUMBER, 0, P01, "its probability"),
};

/* ---- allocate.json ------------------------------------------------------------------ */

/* One combination of the policies. */
static const ResultsKey combo_rows[] = {
    K("label", STRING, 0, "", "the policies on, each with its level when not 1 (\"A×0.5 + B\"); - for none"),
    K("levels", ARRAY, 0, "", "each policy's level in the order of policies; 0 when off"),
    K("levels[]", NUMBER, 0, "level", "0 (off), or the level it acts at"),
    K("n_policies", INTEGER, 0, "policies", "how many policies are on"),
    K("cost", NUMBER, 0, "万元", "what the combination's policies cost over all years (firms counted within it)"),
    K("probability", NUMBER, 0, P01, "the probability of the target (or of every target), at full replications"),
    K("se", NUMBER, 0, P01, "its Monte Carlo standard error"),
    K("verdict", STRING, 0, "", VERDICT_CODES),
    K("verdict_words", STRING, 0, "", VERDICT_WORDS),
    K("frontier", BOOLEAN, 0, "", "no combination as cheap or cheaper reaches as high a probability"),
    K("within_budget", BOOLEAN, 0, "", "cost ≤ budget"),
    K("step", NUMBER, N, "probability", "on the frontier: its probability less the previous frontier row's, a "
      "paired difference on the same replications (from each replication's met / not met); null for the first "
      "frontier row and off the frontier"),
    K("step_ci95", ARRAY, N, "", "the step's 95% interval: step ∓ 1.96 sd / √replications, sd of the "
      "per-replication differences; null when step is"),
    K("step_ci95[]", NUMBER, 0, "probability", "its low, then its high end"),
    K("step_within_noise", BOOLEAN, N, "", "true when step_ci95 includes 0; null when step is"),
};
static const ResultsPart combo_part = PARTOF(combo_rows);

/* A combination skipped: its parameters are invalid. */
static const ResultsKey skipped_rows[] = {
    K("label", STRING, 0, "", "the policies on, as combinations[].label"),
    K("levels", ARRAY, 0, "", "each policy's level in the order of policies; 0 when off"),
    K("levels[]", NUMBER, 0, "level", "0 (off), or the level it acts at"),
    K("reason", STRING, 0, "", "why: the error its parameters give (at central values, or in the replication "
      "named), in English"),
};
static const ResultsPart skipped_part = PARTOF(skipped_rows);

static const ResultsKey allocate_rows[] = {
    K("target", STRING, 0, "", "the target's name; all for every target together"),
    K("budget", NUMBER, 0, "万元", "the budget over all years (--budget)"),
    K("probability_wanted", NUMBER, N, P01, "--probability; null when not given"),
    K("method", STRING, 0, "", "exhaustive (every combination run) or search (not exact: see search_rule)"),
    K("exact", BOOLEAN, 0, "", "true when every combination was run at full replications"),
    K("search_rule", STRING, N, "", "how the search chose the combinations run; null when exhaustive"),
    K("screen_replications", UINT64, N, "replications", "the search's screening replications; null when exhaustive"),
    K("combinations_screened", INTEGER, N, "combinations", "combinations the search screened; null when exhaustive"),
    K("combinations_total", UINT64, 0, "combinations", "every combination of the policies, off or at a level"),
    K("combinations_run", INTEGER, 0, "combinations", "combinations run at full replications"),
    PART("", run_part),
    K("policies", ARRAY, 0, "", "the scenario's policies, in file order"),
    K("policies[]", OBJECT, 0, "", "one policy"),
    K("policies[].name", STRING, 0, "", "from [policy NAME]"),
    K("policies[].levels", ARRAY, 0, "", "the levels tried (levels =; 1 when not given)"),
    K("policies[].levels[]", NUMBER, 0, "level", "a level"),
    K("policies[].cost_per_year", NUMBER, 0, "万元", "as written (at level 1)"),
    K("policies[].cost_per_firm", NUMBER, 0, "万元", "as written"),
    K("best", OBJECT, N, "", "the highest probability within the budget (ties: cheaper, fewer policies, file "
      "order); null when no combination fits the budget"),
    PART("best", combo_part),
    K("cheapest", OBJECT, N, "", "the cheapest combination reaching probability_wanted; null when none or not asked"),
    PART("cheapest", combo_part),
    K("as_written", OBJECT, N, "", "the file as written, every policy at level 1: its probability is ladder run's "
      "all_targets_probability (or the target's) for the same seed and replications, exactly; null when it was "
      "not run (as_written_missing)"),
    PART("as_written", combo_part),
    K("as_written_missing", STRING, N, "", "why as_written is null: no_level_1 (a policy's levels leave out 1), "
      "not_run (the search did not reach it) or skipped (its parameters are invalid); null when it is there"),
    K("skipped", ARRAY, 0, "", "the combinations skipped because their parameters are invalid (a level pushes a "
      "rate past its bounds), in the order met; not in best, cheapest, combinations or the frontier"),
    K("skipped[]", OBJECT, 0, "", "one combination skipped"),
    PART("skipped[]", skipped_part),
    K("combinations", ARRAY, 0, "", "every combination run at full replications, by cost, then probability"),
    K("combinations[]", OBJECT, 0, "", "one combination"),
    PART("combinations[]", combo_part),
};

/* ---- calibrate.json ----------------------------------------------------------------- */

static const ResultsKey calibrate_rows[] = {
    K("scenario", STRING, 0, "", "the scenario file fitted"),
    K("history", STRING, 0, "", "the history file fitted to"),
    K("history_sha256", STRING, 0, "", "SHA-256 of its bytes as read, in hex"),
    K("region", STRING, N, "", "the history's region"),
    K("calibrated_scenario", STRING, 0, "", "the calibrated scenario written beside this file"),
    K("likelihood", STRING, 0, "", "poisson, or negative_binomial with --cv"),
    K("cv", NUMBER, 0, "fraction", "--cv: the counts' coefficient of variation beyond Poisson; 0: Poisson"),
    K("log_likelihood", NUMBER, N, "", "the log-likelihood at the estimate"),
    K("starts", INTEGER, 0, "", "the optimiser's starting points"),
    K("starts_agreeing", INTEGER, 0, "", "how many of them reached the same optimum"),
    K("start_year", INTEGER, 0, "year", "the first year of the fitted counts"),
    K("start_values", ARRAY, 0, "", "each stage's count in that year"),
    K("start_values[]", OBJECT, 0, "", "one stage"),
    K("start_values[].stage", STRING, 0, "", "its id"),
    K("start_values[].value", NUMBER, N, "firms", "its count"),
    K("start_values[].source", STRING, 0, "", "history, fitted or scenario"),
    K("parameters", ARRAY, 0, "", "each parameter fitted (--fit)"),
    K("parameters[]", OBJECT, 0, "", "one parameter"),
    K("parameters[].key", STRING, 0, "", "its key"),
    K("parameters[].value", NUMBER, 0, "per parameter", "the estimate (the start value when not identified)"),
    K("parameters[].start", NUMBER, 0, "per parameter", "the scenario's value, where the fit started"),
    K("parameters[].ci95", ARRAY, N, "", "the 95% interval from the curvature; null when there is none"),
    K("parameters[].ci95[]", NUMBER, N, "per parameter", "low, then high"),
    K("parameters[].profile_ci95", ARRAY, N, "", "the 95% profile-likelihood interval; null when there is none"),
    K("parameters[].profile_ci95[]", NUMBER, N, "per parameter", "low, then high"),
    K("parameters[].intervals_differ", BOOLEAN, 0, "", "the two intervals disagree (a skewed likelihood)"),
    K("parameters[].sd", NUMBER, N, "per parameter", "the estimate's standard error"),
    K("parameters[].identified", BOOLEAN, 0, "", "the counts pin it down (status identified)"),
    K("parameters[].status", STRING, 0, "", "identified, flat, open or at_bound"),
    K("parameters[].open_below", BOOLEAN, 0, "", "open: the likelihood does not fall below the estimate"),
    K("parameters[].open_above", BOOLEAN, 0, "", "open: nor above it"),
    K("parameters[].tied_to", STRING, N, "", "the parameter it moves together with, when tied"),
    K("parameters[].correlated_with", STRING, N, "", "its most correlated partner"),
    K("parameters[].correlation", NUMBER, N, "", "that correlation, −1..1"),
    K("correlations", ARRAY, 0, "", "the estimates' correlation matrix, in parameters' order"),
    K("correlations[]", ARRAY, 0, "", "one row"),
    K("correlations[][]", NUMBER, N, "", "one correlation, −1..1"),
    K("fit", ARRAY, 0, "", "each count of the history and its fitted value"),
    K("fit[]", OBJECT, 0, "", "one count"),
    K("fit[].region", STRING, N, "", "its region"),
    K("fit[].year", INTEGER, 0, "year", "its year"),
    K("fit[].stage", STRING, 0, "", "the stage or list id counted"),
    K("fit[].kind", STRING, 0, "", "stock (firms at the year's end) or new (entering during the year)"),
    K("fit[].observed", INTEGER, 0, "firms", "the published count"),
    K("fit[].line", INTEGER, 0, "", "its line in the history file"),
    K("fit[].fitted", NUMBER, N, "firms", "the fitted expectation"),
    K("fit[].start", BOOLEAN, 0, "", "it sets a start value rather than being fitted"),
};

/* ---- backtest.json ------------------------------------------------------------------ */

static const ResultsKey backtest_rows[] = {
    K("history", STRING, 0, "", "--history: the history file, as the user named it"),
    K("history_sha256", STRING, 0, "", "SHA-256 of its bytes as read, in hex"),
    K("region", STRING, N, "", "the history's region"),
    K("cv", NUMBER, 0, "fraction", "--cv: the counts' coefficient of variation beyond Poisson; 0: Poisson"),
    K("until", INTEGER, 0, "year", "--until: the last year fitted; later counts are checked"),
    K("checked", INTEGER, 0, "", "the later counts checked"),
    K("inside", INTEGER, 0, "", "how many fell inside their forecast's P5–P95"),
    K("coverage", NUMBER, N, "fraction", "inside / checked; null when none was checked"),
    K("points", ARRAY, 0, "", "each later count against its forecast"),
    K("points[]", OBJECT, 0, "", "one count"),
    K("points[].year", INTEGER, 0, "year", "its year"),
    K("points[].stage", STRING, 0, "", "the stage or list id counted"),
    K("points[].kind", STRING, 0, "", "stock or new"),
    K("points[].observed", INTEGER, 0, "firms", "the published count"),
    K("points[].p5", INTEGER, 0, "firms", "the forecast's 5th percentile"),
    K("points[].p50", INTEGER, 0, "firms", "its median"),
    K("points[].p95", INTEGER, 0, "firms", "its 95th percentile"),
    K("points[].inside", BOOLEAN, 0, "", "p5 ≤ observed ≤ p95"),
};

/* ---- fit.json ----------------------------------------------------------------------- */

#define PER_SD "log-odds per sd"

static const ResultsKey fit_rows[] = {
    K("scenario", STRING, 0, "", "the scenario file fitted (FILE)"),
    K("outcomes", STRING, 0, "", "--outcomes: the firm-years fitted to, as the user named the file"),
    K("outcomes_sha256", STRING, 0, "", "SHA-256 of its bytes as read, in hex"),
    K("fitted_scenario", STRING, 0, "", "the fitted scenario written beside this file (it extends FILE)"),
    K("rows", INTEGER, 0, "firm-years", "the outcomes' rows"),
    K("firms", INTEGER, 0, "firms", "their distinct ids"),
    K("first_year", INTEGER, 0, "year", "the earliest year of a row"),
    K("last_year", INTEGER, 0, "year", "the latest"),
    K("standard_errors", STRING, 0, "", "how they were made: the inverse of minus the Hessian of the log-likelihood, "
                                        "by central differences of its analytic gradient"),
    K("log_likelihood", NUMBER, 0, "", "the log-likelihood at the estimates, summed over the stages"),
    K("log_likelihood_constant", NUMBER, 0, "", "the same with no attribute (each outcome's rate the same for every firm)"),
    K("attributes", ARRAY, 0, "", "the attributes fitted (every attribute column, or --attrs)"),
    K("attributes[]", OBJECT, 0, "", "one attribute"),
    K("attributes[].attribute", STRING, 0, "", "its column"),
    K("attributes[].mean", NUMBER, 0, "per attribute", "the mean it is standardised by: z = (x − mean) / sd"),
    K("attributes[].sd", NUMBER, 0, "per attribute", "the sd"),
    K("attributes[].standardised_by", STRING, 0, "", "outcomes (their own mean and sample sd over every row) or "
                                                     "scenario (its standardise line)"),
    K("stages", ARRAY, 0, "", "each stage with firm-years, in ladder order"),
    K("stages[]", OBJECT, 0, "", "one stage"),
    K("stages[].stage", STRING, 0, "", "its id"),
    K("stages[].rows", INTEGER, 0, "firm-years", "its firm-years"),
    K("stages[].due", INTEGER, 0, "firm-years", "those due for renewal"),
    K("stages[].log_likelihood", NUMBER, 0, "", "its log-likelihood at the estimates"),
    K("stages[].log_likelihood_constant", NUMBER, 0, "", "with no attribute"),
    K("stages[].converged", BOOLEAN, 0, "", "every maximisation met its gradient tolerance"),
    K("stages[].outcomes", ARRAY, 0, "", "its exit, edges and renewal"),
    K("stages[].outcomes[]", OBJECT, 0, "", "one outcome"),
    K("stages[].outcomes[].key", STRING, 0, "", "its parameter's key (exit.ID, 'a -> b', renewal.ID)"),
    K("stages[].outcomes[].status", STRING, 0, "", "fitted, or why not: never, at_zero, confounded, flat, no_stay, "
                                                   "no_due, all_renewed, none_renewed"),
    K("stages[].outcomes[].events", INTEGER, 0, "firm-years", "those that took it (a renewal: due ones that renewed)"),
    K("stages[].outcomes[].trials", INTEGER, 0, "firm-years", "those it is fitted on (a renewal: the due ones that "
                                                              "renewed or lapsed)"),
    K("stages[].outcomes[].intercept", NUMBER, N, "log-odds", "against staying (a renewal: of renewing) at the mean "
                                                              "firm; null when infinite (rate 0 or 1)"),
    K("stages[].outcomes[].intercept_se", NUMBER, N, "log-odds", "its standard error; null when not fitted"),
    K("stages[].outcomes[].rate", NUMBER, 0, P01, "the fitted yearly rate at the mean firm (z = 0)"),
    K("stages[].outcomes[].rate_scenario", NUMBER, 0, P01, "the scenario's, which the fitted scenario keeps"),
    K("stages[].tests", ARRAY, 0, "", "the likelihood-ratio test of each attribute in the stage"),
    K("stages[].tests[]", OBJECT, 0, "", "one attribute"),
    K("stages[].tests[].attribute", STRING, 0, "", "its column"),
    K("stages[].tests[].lr", NUMBER, N, "", "twice the log-likelihood lost without its coefficients; null when it has "
                                            "none fitted"),
    K("stages[].tests[].df", INTEGER, 0, "", "its coefficients fitted: the chi-square's degrees of freedom"),
    K("stages[].tests[].p_value", NUMBER, N, P01, "the chi-square p-value"),
    K("coefficients", ARRAY, 0, "", "every stage's every outcome's every attribute, fitted or not"),
    K("coefficients[]", OBJECT, 0, "", "one coefficient"),
    K("coefficients[].stage", STRING, 0, "", "the stage id"),
    K("coefficients[].parameter", STRING, 0, "", "the outcome's key"),
    K("coefficients[].attribute", STRING, 0, "", "the attribute"),
    K("coefficients[].key", STRING, 0, "", "the effect's key as [effects] writes it, 'a -> b'.ATTR"),
    K("coefficients[].status", STRING, 0, "", "fitted, or why not: constant, too_few, separated, flat, no_outcome"),
    K("coefficients[].estimate", NUMBER, N, PER_SD, "the maximum-likelihood estimate; null when not fitted"),
    K("coefficients[].se", NUMBER, N, PER_SD, "its standard error"),
    K("coefficients[].z", NUMBER, N, "", "estimate / se"),
    K("coefficients[].p_value", NUMBER, N, P01, "the two-sided Wald p-value"),
    K("coefficients[].ci95", ARRAY, N, "", "estimate ± 1.96 se; null when not fitted"),
    K("coefficients[].ci95[]", NUMBER, 0, PER_SD, "low, then high"),
    K("coefficients[].lr", NUMBER, N, "", "the stage's likelihood-ratio statistic of the attribute (stages[].tests)"),
    K("coefficients[].lr_df", INTEGER, 0, "", "its degrees of freedom"),
    K("coefficients[].lr_p_value", NUMBER, N, P01, "its p-value"),
    K("held_out", OBJECT, N, "", "the fit on every year but the last, scored on the last; null with one year"),
    K("held_out.year", INTEGER, 0, "year", "the year scored"),
    K("held_out.rows", INTEGER, 0, "firm-years", "its firm-years scored"),
    K("held_out.left_out", INTEGER, 0, "firm-years", "its firm-years not scored: their stage had no earlier row, or "
                                                     "their outcome never happened before"),
    K("held_out.log_loss", NUMBER, N, "nats", "mean −log P(what happened) under the fitted model"),
    K("held_out.log_loss_constant", NUMBER, N, "nats", "under the constant-rate model fitted on the same rows"),
    K("held_out.auc", ARRAY, 0, "", "each outcome with enough firm-years with it and without it"),
    K("held_out.auc[]", OBJECT, 0, "", "one outcome"),
    K("held_out.auc[].stage", STRING, 0, "", "the stage id"),
    K("held_out.auc[].outcome", STRING, 0, "", "the stage a year later, or exit"),
    K("held_out.auc[].events", INTEGER, 0, "firm-years", "held-out firm-years with it"),
    K("held_out.auc[].rows", INTEGER, 0, "firm-years", "held-out firm-years of the stage scored"),
    K("held_out.auc[].auc", NUMBER, N, P01, "the fitted model's one-vs-rest AUC (ties count half)"),
    K("held_out.auc[].auc_constant", NUMBER, N, P01, "the constant-rate model's"),
    K("calibration", ARRAY, 0, "", "each stage's main move up by groups of predicted probability (the charts)"),
    K("calibration[]", OBJECT, 0, "", "one stage"),
    K("calibration[].stage", STRING, 0, "", "the stage id"),
    K("calibration[].parameter", STRING, 0, "", "the edge's key"),
    K("calibration[].groups", ARRAY, 0, "", "its firm-years in groups of equal size, lowest predicted first"),
    K("calibration[].groups[]", OBJECT, 0, "", "one group"),
    K("calibration[].groups[].rows", INTEGER, 0, "firm-years", "in the group"),
    K("calibration[].groups[].predicted", NUMBER, 0, P01, "their mean predicted probability (in-sample)"),
    K("calibration[].groups[].observed", INTEGER, 0, "firm-years", "those that took the edge"),
    K("calibration[].groups[].share", NUMBER, 0, P01, "observed / rows"),
    K("calibration[].groups[].ci95", ARRAY, 0, "", "its Wilson 95% interval"),
    K("calibration[].groups[].ci95[]", NUMBER, 0, P01, "low, then high"),
};

/* ---- the files ---------------------------------------------------------------------- */

#define WRITERS_MAX 8  /* the commands, and the NULL after them */

typedef struct {
    const char *file;
    const char *writers[WRITERS_MAX];  /* the ladder commands writing it, NULL-ended */
    gboolean always;                   /* each of them always writes it (else: only with some options) */
    const char *meaning;
    const ResultsKey *rows;
    gsize n_rows;
} ResultsFile;

#define FILE_ROWS(rows) rows, G_N_ELEMENTS(rows)

static const ResultsFile files[RESULTS_N_KINDS] = {
    [RESULTS_SCENARIO] = {"scenario.json", {"run", "sensitivity", "solve", "compare", "calibrate", "backtest", "allocate"}, TRUE,
                          "The scenario as it was run, with the sources of its figures and checksums of its files. "
                          "Beside every run's summary.json, in each scenario folder of a comparison, and in forecast/ "
                          "of a calibration or backtest.", FILE_ROWS(scenario_rows)},
    [RESULTS_SUMMARY] = {"summary.json", {"run", "compare", "calibrate", "backtest"}, TRUE,
                         "Every figure of a run: each stage's and list's yearly distribution and each target's "
                         "probability. In each scenario folder of a comparison, and in forecast/ of a calibration or "
                         "backtest.", FILE_ROWS(summary_rows)},
    [RESULTS_COMPARE] = {"compare.json", {"compare"}, TRUE,
                         "Scenarios against the first (the base) on common random numbers: the differences their "
                         "policies make and what they cost.", FILE_ROWS(compare_rows)},
    [RESULTS_SENSITIVITY] = {"sensitivity.json", {"sensitivity"}, TRUE,
                             "Each target's probability with each parameter at its low and at its high value "
                             "(the tornado).", FILE_ROWS(sensitivity_rows)},
    [RESULTS_SOLVE] = {"solve.json", {"solve"}, TRUE,
                       "The least change of a lever that makes a target as likely as asked, and every value tried.",
                       FILE_ROWS(solve_rows)},
    [RESULTS_CALIBRATE] = {"calibrate.json", {"calibrate", "backtest"}, FALSE,
                           "The parameters fitted to published counts, their intervals, and the fit to each count; "
                           "only when --fit names parameters.", FILE_ROWS(calibrate_rows)},
    [RESULTS_BACKTEST] = {"backtest.json", {"backtest"}, TRUE,
                          "The counts after --until against the forecast fitted on the years up to it.",
                          FILE_ROWS(backtest_rows)},
    [RESULTS_ALLOCATE] = {"allocate.json", {"allocate"}, TRUE,
                          "Combinations of a scenario's policies, each off or at a level, on common random numbers: "
                          "the best within a budget, the efficient frontier, the cheapest reaching a probability.",
                          FILE_ROWS(allocate_rows)},
    [RESULTS_FIRMS] = {"firms.json", {"run"}, FALSE,
                       "Each firm of the roster (run --roster), simulated one by one: its chances of each stage, "
                       "of exiting and of each list in each target year, and when it moves up. Only with --roster.",
                       FILE_ROWS(firms_rows)},
    [RESULTS_CULTIVATION] = {"cultivation.json", {"run"}, FALSE,
                             "Whom to help (run --roster): for each target, every roster firm ranked by its chance "
                             "of counting toward it and, with --service, by the gain in that chance from the service "
                             "given to it alone; and the top firms served together. Only with --roster.",
                             FILE_ROWS(cultivation_rows)},
    [RESULTS_FIT_ROSTER] = {"fit.json", {"fit-roster"}, TRUE,
                            "The [effects] learnt from firm-years (fit-roster): every coefficient with its standard "
                            "error, interval and tests, each outcome's fitted rate at the mean firm beside the "
                            "scenario's, the held-out check and the calibration groups.", FILE_ROWS(fit_rows)},
};

/* ---- the CSV files ------------------------------------------------------------------ */

/* Column shorthand: C(key, header message, format, meaning). */
#define C(k, h, f, m) {k, I18N_##h, f, m}
#define F_TEXT "text"
#define F_INT "integer"
#define F_P6 "number, ≤ 6 decimals"
#define F_N4 "number, ≤ 4 decimals"
#define F_N9 "number, ≤ 9 decimals"
#define F_YESNO "是/否 or yes/no"

static const ResultsCsvColumn summary_csv[] = {
    C("id", STAGE_ID, F_TEXT, "the stage's or list's id (a list's rows follow the stages': they overlap them)"),
    C("name", STAGE, F_TEXT, "its display name"),
    C("year", YEAR, F_INT, "the year, base year to horizon"),
    C("expected", EXPECTED, "number, 4 decimals", "firms at the end of the year: the exact expectation"),
    C("mean", MEAN, "number, 4 decimals", "the Monte Carlo mean"),
    C("sd", SD, "number, 4 decimals", "the standard deviation across replications"),
    C("p5", CSV_P5, F_INT, "the 5th percentile"),
    C("p25", CSV_P25, F_INT, "the 25th percentile"),
    C("p50", CSV_P50, F_INT, "the median"),
    C("p75", CSV_P75, F_INT, "the 75th percentile"),
    C("p95", CSV_P95, F_INT, "the 95th percentile"),
    C("new_mean", NEW_MEAN, "number, 4 decimals", "the mean of firms entering the stage in the year; blank for a list"),
};

static const ResultsCsvColumn targets_csv[] = {
    C("name", TARGET, F_TEXT, "the target's name; the last row is every target together"),
    C("condition", CONDITION, F_TEXT, "what it asks, in the scenario's language; blank for all targets"),
    C("year", YEAR, F_INT, "the year it is measured at the end of; blank for all targets"),
    C("probability", CSV_PROBABILITY, F_P6, "summary.json's probability (all targets: all_targets_probability)"),
    C("se", CSV_SE, F_P6, "its Monte Carlo standard error"),
    C("verdict", CSV_VERDICT_CODE, F_TEXT, "the verdict code, as summary.json's verdict"),
    C("verdict_words", VERDICT, F_TEXT, "the verdict in words, in the scenario's language"),
    C("p50", MEDIAN, F_INT, "the median of the count it is measured on; blank for all targets"),
    C("p5", CSV_P5, F_INT, "its 5th percentile; blank for all targets"),
    C("p95", CSV_P95, F_INT, "its 95th percentile; blank for all targets"),
};

static const ResultsCsvColumn compare_csv[] = {
    C("scenario", CSV_SCENARIO, F_TEXT, "the scenario's id (each scenario after the base, by target)"),
    C("target", TARGET, F_TEXT, "the target's name"),
    C("probability_base", CSV_BASE_PROBABILITY, F_P6, "the base scenario's probability of it"),
    C("probability", CSV_PROBABILITY, F_P6, "this scenario's"),
    C("verdict", CSV_VERDICT_CODE, F_TEXT, "the verdict code on this scenario's probability"),
    C("verdict_words", VERDICT, F_TEXT, "the verdict in words"),
    C("difference", CSV_DIFFERENCE, F_P6, "this minus the base's, on common random numbers"),
    C("ci95[0]", CSV_CI95_LOW, F_P6, "the low end of its paired 95% interval"),
    C("ci95[1]", CSV_CI95_HIGH, F_P6, "the high end"),
    C("total_cost", CSV_TOTAL_COST, F_N4, "what the scenario's policies cost in all (compare.json's scenarios[].total_cost)"),
    C("extra_cost", CSV_EXTRA_COST, F_N4, "its cost beyond the base's"),
    C("extra_count", CSV_EXTRA_COUNT, F_N4, "the mean extra count of the target"),
    C("cost_per_extra_firm", CSV_COST_PER_FIRM, F_N4, "extra cost over extra count; blank: see the note"),
    C("reason", CSV_REASON, F_TEXT, "why there is no cost per extra firm (compare.json's reason, in English)"),
};

static const ResultsCsvColumn sensitivity_csv[] = {
    C("target", TARGET, F_TEXT, "the target's name (every target together has its own), in sensitivity.json's order"),
    C("base_probability", CSV_BASE_PROBABILITY, F_P6, "the target's probability at the base"),
    C("parameter", CSV_PARAMETER, F_TEXT, "the parameter's key; rows by largest swing first"),
    C("label", CSV_LABEL, F_TEXT, "its name in words, in the scenario's language"),
    C("central", CSV_CENTRAL, F_N9, "its central value"),
    C("low", CSV_LOW, F_N9, "the low value tried"),
    C("high", CSV_HIGH, F_N9, "the high value tried"),
    C("source", CSV_SOURCE, F_TEXT, "where low and high come from, as sensitivity.json's source"),
    C("probability_low", CSV_PROBABILITY_LOW, F_P6, "the target's probability at low"),
    C("probability_high", CSV_PROBABILITY_HIGH, F_P6, "at high"),
    C("swing", CSV_SWING, F_P6, "|probability_high − probability_low|"),
};

static const ResultsCsvColumn solve_csv[] = {
    C("value", CSV_VALUE, F_N9, "a value of the lever tried, in order"),
    C("probability", CSV_PROBABILITY, F_P6, "the target's probability at it"),
    C("answer", CSV_ANSWER, F_YESNO, "whether it is solve.json's answer (value)"),
};

static const ResultsCsvColumn calibrate_csv[] = {
    C("key", CSV_PARAMETER, F_TEXT, "the parameter fitted"),
    C("value", CSV_ESTIMATE, F_N9, "the estimate (the start value when not identified)"),
    C("start", CSV_START, F_N9, "the scenario's value, where the fit started"),
    C("ci95[0]", CSV_CI95_LOW, F_N9, "the low end of the 95% interval from the curvature; blank when none"),
    C("ci95[1]", CSV_CI95_HIGH, F_N9, "its high end"),
    C("profile_ci95[0]", CSV_PROFILE_LOW, F_N9, "the low end of the 95% profile-likelihood interval; blank when none"),
    C("profile_ci95[1]", CSV_PROFILE_HIGH, F_N9, "its high end"),
    C("sd", SD, F_N9, "the estimate's standard error; blank when none"),
    C("identified", CSV_IDENTIFIED, F_YESNO, "whether the counts pin it down"),
    C("status", CSV_STATUS, F_TEXT, "identified, or why not: flat, open or at_bound (calibrate.json's status)"),
};

static const ResultsCsvColumn backtest_csv[] = {
    C("year", YEAR, F_INT, "the year of a count after --until"),
    C("stage", STAGE_ID, F_TEXT, "the stage or list id counted"),
    C("kind", CSV_KIND, F_TEXT, "stock or new"),
    C("observed", CSV_OBSERVED, F_INT, "the published count"),
    C("p5", CSV_P5, F_INT, "the forecast's 5th percentile"),
    C("p50", CSV_P50, F_INT, "its median"),
    C("p95", CSV_P95, F_INT, "its 95th percentile"),
    C("inside", CSV_INSIDE, F_YESNO, "whether P5 ≤ observed ≤ P95"),
};

static const ResultsCsvColumn allocate_csv[] = {
    C("label", CSV_COMBINATION, F_TEXT, "the policies on, with their levels"),
    C("n_policies", CSV_N_POLICIES, F_INT, "how many are on"),
    C("cost", CSV_TOTAL_COST, F_N4, "what they cost over all years, 万元"),
    C("probability", CSV_PROBABILITY, F_P6, "the probability of the target (or every target)"),
    C("se", CSV_SE, F_P6, "its Monte Carlo standard error"),
    C("verdict", CSV_VERDICT_CODE, F_TEXT, "the verdict code"),
    C("verdict_words", VERDICT, F_TEXT, "the verdict in words"),
    C("frontier", CSV_FRONTIER, F_YESNO, "whether it is on the efficient frontier"),
    C("within_budget", CSV_WITHIN_BUDGET, F_YESNO, "whether its cost is within the budget"),
    C("best", CSV_BEST, F_YESNO, "whether it is allocate.json's best"),
    C("cheapest", CSV_CHEAPEST, F_YESNO, "whether it is allocate.json's cheapest reaching the probability"),
    C("step", CSV_STEP, F_P6, "on the frontier: the paired step from the previous frontier row; blank otherwise"),
    C("step_ci95[0]", CSV_STEP_LOW, F_P6, "its 95% interval's low end; blank when no step"),
    C("step_ci95[1]", CSV_STEP_HIGH, F_P6, "its high end"),
    C("step_within_noise", CSV_STEP_NOISE, F_YESNO, "whether that interval includes 0; blank when no step"),
};

static const ResultsCsvColumn firms_csv[] = {
    C("id", CSV_FIRM_ID, F_TEXT, "the firm's id on the roster; rows by firm in roster order, then year, then state"),
    C("name", CSV_FIRM_NAME, F_TEXT, "its name"),
    C("stage_name", CSV_START_STAGE, F_TEXT, "its stage at the end of the base year (display name)"),
    C("years_in_stage", CSV_YEARS_IN_STAGE, F_INT, "its renewal clock then"),
    C("year", YEAR, F_INT, "a target year"),
    C("kind", CSV_STATE_KIND, F_TEXT, "stage, exit or list"),
    C("state", CSV_STATE, F_TEXT, "the stage or list id, or exited"),
    C("state_name", CSV_STATE_NAME, F_TEXT, "its display name"),
    C("probability", CSV_PROBABILITY, F_N9, "P(in the stage / exited by then / on the list) at the end of the year"),
    C("se", CSV_SE, F_N9, "its Monte Carlo standard error"),
    C("at_or_above", CSV_AT_OR_ABOVE, F_N9, "a stage: P(in it or any later stage); blank for exit and lists"),
    C("at_or_above_se", CSV_AT_OR_ABOVE_SE, F_N9, "its Monte Carlo standard error"),
    C("up_probability", CSV_UP_PROBABILITY, F_N9, "P(above its starting stage in some year by the horizon), the same "
                                                  "on every row of the firm"),
    C("up_median_year", CSV_UP_MEDIAN_YEAR, F_INT, "the median year it first is above its start; blank: not within "
                                                   "the horizon"),
};

static const ResultsCsvColumn cultivation_csv[] = {
    C("target", TARGET, F_TEXT, "the target's name; rows by target in the scenario's order, then by firm in "
                                "cultivation.json's rank order"),
    C("condition", CONDITION, F_TEXT, "what it asks, in the scenario's language"),
    C("year", YEAR, F_INT, "the year it is measured at the end of"),
    C("probability", CSV_RUN_PROBABILITY, F_P6, "P(target met) in the run, as summary.json's"),
    C("id", CSV_FIRM_ID, F_TEXT, "the firm's id on the roster"),
    C("name", CSV_FIRM_NAME, F_TEXT, "its name"),
    C("stage_name", CSV_START_STAGE, F_TEXT, "its stage at the end of the base year (display name)"),
    C("years_in_stage", CSV_YEARS_IN_STAGE, F_INT, "its renewal clock then"),
    C("chance", CSV_CHANCE, F_N9, "its chance of counting toward the target (expected entries for new and "
                                  "cumulative targets)"),
    C("chance_se", CSV_SE, F_N9, "its Monte Carlo standard error"),
    C("rank_by_chance", CSV_RANK_BY_CHANCE, F_INT, "its place by chance, 1 = highest"),
    C("gain", CSV_GAIN, F_N9, "the change of its chance when it alone is given the service; blank without --service"),
    C("gain_se", CSV_GAIN_SE, F_N9, "its paired Monte Carlo standard error; blank without --service"),
    C("rank_by_gain", CSV_RANK_BY_GAIN, F_INT, "its place by gain, 1 = highest; blank without --service"),
    C("changed", CSV_CHANGED, F_N9, "the share of replications in which the service changed its contribution; blank "
                                    "without --service"),
    C("served_together", CSV_SERVED_TOGETHER, F_YESNO, "whether it is among the target's top firms served together; "
                                                       "blank without --service"),
    C("attributes.*", CSV_ATTRIBUTES, "number", "one column per attribute column of the roster, headed by its name "
                                                "as the roster's header spells it"),
};

static const ResultsCsvColumn fit_csv[] = {
    C("stage", STAGE_ID, F_TEXT, "the stage id; rows by stage, outcome and attribute"),
    C("parameter", CSV_PARAMETER, F_TEXT, "the outcome's key"),
    C("attribute", CSV_ATTRIBUTE, F_TEXT, "the attribute"),
    C("status", CSV_STATUS, F_TEXT, "fitted, or why not (fit.json's coefficients[].status)"),
    C("estimate", CSV_ESTIMATE, F_N9, "the coefficient, log-odds per sd; blank when not fitted"),
    C("se", CSV_STD_ERROR, F_N9, "its standard error"),
    C("z", CSV_Z, F_N9, "estimate / se"),
    C("p_value", CSV_P_VALUE, "number, 4 significant digits", "the Wald p-value"),
    C("ci95[0]", CSV_CI95_LOW, F_N9, "the low end of estimate ± 1.96 se"),
    C("ci95[1]", CSV_CI95_HIGH, F_N9, "its high end"),
    C("lr", CSV_LR, F_N9, "the stage's likelihood-ratio statistic of the attribute"),
    C("lr_df", CSV_LR_DF, F_INT, "its degrees of freedom"),
    C("lr_p_value", CSV_LR_P, "number, 4 significant digits", "its p-value"),
    C("rate", CSV_RATE_AT_MEAN, F_N9, "the outcome's fitted yearly rate at the mean firm (fit.json's stages[].outcomes[])"),
    C("rate_scenario", CSV_RATE_SCENARIO, F_N9, "the scenario's rate, which the fitted scenario keeps"),
};

typedef struct {
    const char *file;
    ResultsKind beside;  /* the JSON file it sits beside and mirrors */
    const char *meaning;
    const ResultsCsvColumn *columns;
    gsize n_columns;
} ResultsCsvFile;

static const ResultsCsvFile csv_files[RESULTS_CSV_N_KINDS] = {
    [RESULTS_CSV_SUMMARY] = {"summary.csv", RESULTS_SUMMARY,
                             "Each stage's, then each list's, firms by year: summary.json's stages and lists, one row "
                             "per year.", FILE_ROWS(summary_csv)},
    [RESULTS_CSV_TARGETS] = {"targets.csv", RESULTS_SUMMARY,
                             "Each target, then every target together: summary.json's targets.", FILE_ROWS(targets_csv)},
    [RESULTS_CSV_COMPARE] = {"compare.csv", RESULTS_COMPARE,
                             "Each scenario after the base, by target: compare.json's differences and "
                             "cost_effectiveness.", FILE_ROWS(compare_csv)},
    [RESULTS_CSV_SENSITIVITY] = {"sensitivity.csv", RESULTS_SENSITIVITY,
                                 "Every row of every target's tornado: sensitivity.json's targets[].rows.",
                                 FILE_ROWS(sensitivity_csv)},
    [RESULTS_CSV_SOLVE] = {"solve.csv", RESULTS_SOLVE, "Every value tried: solve.json's evaluations.",
                           FILE_ROWS(solve_csv)},
    [RESULTS_CSV_CALIBRATE] = {"calibrate.csv", RESULTS_CALIBRATE,
                               "Each parameter fitted: calibrate.json's parameters.", FILE_ROWS(calibrate_csv)},
    [RESULTS_CSV_BACKTEST] = {"backtest.csv", RESULTS_BACKTEST,
                              "Each count after --until against its forecast: backtest.json's points.",
                              FILE_ROWS(backtest_csv)},
    [RESULTS_CSV_ALLOCATE] = {"allocate.csv", RESULTS_ALLOCATE,
                              "Every combination run: allocate.json's combinations.", FILE_ROWS(allocate_csv)},
    [RESULTS_CSV_FIRMS] = {"firms.csv", RESULTS_FIRMS,
                           "Each roster firm's chances, long: one row per firm, target year and state (each stage, "
                           "exited, each list), so that Excel's filter or a pivot table (firms down, states across) "
                           "makes any table of them: firms.json's firms[].years[].states[].", FILE_ROWS(firms_csv)},
    [RESULTS_CSV_CULTIVATION] = {"cultivation.csv", RESULTS_CULTIVATION,
                                 "Each target's cultivation list, long: one row per target and roster firm, in rank "
                                 "order, with the firm's attributes as further columns: cultivation.json's "
                                 "targets[].firms[].", FILE_ROWS(cultivation_csv)},
    [RESULTS_CSV_FIT_ROSTER] = {"fit.csv", RESULTS_FIT_ROSTER,
                                "Every coefficient, with its outcome's fitted rate at the mean and the scenario's: "
                                "fit.json's coefficients[] joined with stages[].outcomes[].", FILE_ROWS(fit_csv)},
};

const char *results_csv_file(ResultsCsv kind)
{
    g_return_val_if_fail(kind >= 0 && kind < RESULTS_CSV_N_KINDS, "");
    return csv_files[kind].file;
}

const ResultsCsvColumn *results_csv_columns(ResultsCsv kind, gsize *n)
{
    g_return_val_if_fail(kind >= 0 && kind < RESULTS_CSV_N_KINDS && n != NULL, NULL);
    *n = csv_files[kind].n_columns;
    return csv_files[kind].columns;
}

/* "`ladder run`, `compare` or `backtest`": who writes `kind`.  Caller frees. */
static char *writers_phrase(ResultsKind kind)
{
    const char *const *w = files[kind].writers;
    GString *out = g_string_new(NULL);
    for (int i = 0; w[i]; i++)
        g_string_append_printf(out, "%s`%s%s`", i == 0 ? "" : w[i + 1] ? ", " : " or ", i == 0 ? "ladder " : "",
                               w[i]);
    return g_string_free(out, FALSE);
}

/* Whether a folder `command` writes always holds `kind` (at its top, in
 * forecast/, or in the base scenario's folder of a comparison). */
static gboolean always_written_by(ResultsKind kind, const char *command)
{
    for (int i = 0; files[kind].always && command && files[kind].writers[i]; i++)
        if (strcmp(files[kind].writers[i], command) == 0)
            return TRUE;
    return FALSE;
}

static const ResultsKey root_rows[] = {
    K("", OBJECT, 0, "", "the document"),
    K("schema_version", INTEGER, 0, "", "the version of these keys (results.h RESULTS_SCHEMA_VERSION); always first"),
};

const char *results_file(ResultsKind kind)
{
    g_return_val_if_fail(kind >= 0 && kind < RESULTS_N_KINDS, "");
    return files[kind].file;
}

/* ---- the expanded tables -------------------------------------------------------------- */

/* One file's keys, parts expanded, and a path's row found by hashing. */
typedef struct {
    GArray *keys;          /* ResultsKey, paths owned */
    GHashTable *by_path;   /* path -> index + 1 into keys */
    GHashTable *children;  /* parent path -> GPtrArray of const ResultsKey * (borrowed; keys never grows after) */
} Table;

/* `prefix` and `path` joined: "a[]" + "b" is "a[].b", "" + "b" is "b",
 * "a" + "" is "a".  Caller frees. */
static char *join_path(const char *prefix, const char *path)
{
    if (*prefix == '\0' || *path == '\0')
        return g_strconcat(prefix, path, NULL);
    return g_strconcat(prefix, path[0] == '[' ? "" : ".", path, NULL);
}

/* Appends `rows` under `prefix` to `keys`, expanding parts (recursively). */
static void expand_rows(GArray *keys, const char *prefix, const ResultsKey *rows, gsize n)
{
    for (gsize i = 0; i < n; i++) {
        g_autofree char *path = join_path(prefix, rows[i].path);
        if (rows[i].type == RESULTS_PART) {
            expand_rows(keys, path, rows[i].part->keys, rows[i].part->n_keys);
            continue;
        }
        ResultsKey k = rows[i];
        k.path = g_steal_pointer(&path);
        g_array_append_val(keys, k);
    }
}

/* The path of the object or array holding `path`: "a[].b" -> "a[]",
 * "a[]" -> "a", "b" -> "".  Caller frees. */
static char *parent_path(const char *path)
{
    gsize n = strlen(path);
    if (n >= 2 && strcmp(path + n - 2, "[]") == 0)
        return g_strndup(path, n - 2);
    const char *dot = strrchr(path, '.');
    return dot ? g_strndup(path, (gsize)(dot - path)) : g_strdup("");
}

/* The table of `kind`, built once and kept for the process (it is read
 * only after, from any thread). */
static const Table *table_of(ResultsKind kind)
{
    static Table tables[RESULTS_N_KINDS];
    static gsize done[RESULTS_N_KINDS];
    Table *t = &tables[kind];
    if (g_once_init_enter(&done[kind])) {
        t->keys = g_array_new(FALSE, FALSE, sizeof(ResultsKey));
        expand_rows(t->keys, "", root_rows, G_N_ELEMENTS(root_rows));
        expand_rows(t->keys, "", files[kind].rows, files[kind].n_rows);
        t->by_path = g_hash_table_new(g_str_hash, g_str_equal);
        t->children = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
        for (guint i = 0; i < t->keys->len; i++) {
            const ResultsKey *k = &g_array_index(t->keys, ResultsKey, i);
            g_assert(!g_hash_table_contains(t->by_path, k->path));  /* a table listing a key twice */
            g_hash_table_insert(t->by_path, (gpointer)k->path, GUINT_TO_POINTER(i + 1));
            if (i == 0)
                continue;  /* the document has no parent */
            char *parent = parent_path(k->path);
            g_assert(g_hash_table_contains(t->by_path, parent));  /* a key listed before its parent */
            GPtrArray *c = g_hash_table_lookup(t->children, parent);
            if (c == NULL)
                g_hash_table_insert(t->children, g_strdup(parent), c = g_ptr_array_new());
            g_ptr_array_add(c, (gpointer)k);
            g_free(parent);
        }
        g_once_init_leave(&done[kind], 1);
    }
    return t;
}

const ResultsKey *results_keys(ResultsKind kind, gsize *n)
{
    g_return_val_if_fail(kind >= 0 && kind < RESULTS_N_KINDS && n != NULL, NULL);
    const Table *t = table_of(kind);
    *n = t->keys->len;
    return (const ResultsKey *)(void *)t->keys->data;
}

static const ResultsKey *lookup(const Table *t, const char *path)
{
    guint i = GPOINTER_TO_UINT(g_hash_table_lookup(t->by_path, path));
    return i ? &g_array_index(t->keys, ResultsKey, i - 1) : NULL;
}

/* ---- checking a tree ---------------------------------------------------------------------- */

/* What a node is, as messages say it: "a string", "an integer", ... */
static const char *node_kind(JsonNode *n)
{
    switch (JSON_NODE_TYPE(n)) {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY: return "an array";
    case JSON_NODE_NULL: return "null";
    default: break;
    }
    GType t = json_node_get_value_type(n);
    return t == G_TYPE_INT64 ? "an integer" : t == G_TYPE_DOUBLE ? "a number" : t == G_TYPE_BOOLEAN ? "a boolean"
                                                                                                : "a string";
}

static const char *type_words(ResultsType t)
{
    static const char *const words[] = {
        [RESULTS_STRING] = "a string",   [RESULTS_NUMBER] = "a number",   [RESULTS_INTEGER] = "an integer",
        [RESULTS_UINT64] = "an integer", [RESULTS_BOOLEAN] = "a boolean", [RESULTS_OBJECT] = "an object",
        [RESULTS_ARRAY] = "an array",    [RESULTS_PART] = "?",
    };
    return words[t];
}

/* TRUE when the string `s` is a decimal beyond G_MAXINT64 (how
 * out_json_member_uint64 spells such a number). */
static gboolean is_big_uint64(const char *s)
{
    guint64 v = 0;
    return g_ascii_string_to_unsigned(s, 10, 0, G_MAXUINT64, &v, NULL) && v > (guint64)G_MAXINT64;
}

/* Whether the non-null node `n` has type `t`. */
static gboolean has_type(JsonNode *n, ResultsType t)
{
    JsonNodeType nt = JSON_NODE_TYPE(n);
    if (t == RESULTS_OBJECT || t == RESULTS_ARRAY)
        return nt == (t == RESULTS_OBJECT ? JSON_NODE_OBJECT : JSON_NODE_ARRAY);
    if (nt != JSON_NODE_VALUE)
        return FALSE;
    GType g = json_node_get_value_type(n);
    switch (t) {
    case RESULTS_STRING: return g == G_TYPE_STRING;
    case RESULTS_NUMBER: return g == G_TYPE_INT64 || g == G_TYPE_DOUBLE;
    case RESULTS_INTEGER: return g == G_TYPE_INT64;
    case RESULTS_UINT64: return g == G_TYPE_INT64 || (g == G_TYPE_STRING && is_big_uint64(json_node_get_string(n)));
    case RESULTS_BOOLEAN: return g == G_TYPE_BOOLEAN;
    default: return FALSE;
    }
}

/* The walk's fixed part: the table, the file's name for messages. */
typedef struct {
    const Table *table;
    const char *label;
    const char *file;
} Check;

/* An INPUT error: "LABEL: key 'targets[2].probability' WHAT" (the key
 * with its indices; the document itself is "the document").  FALSE. */
static gboolean fail_at(const Check *c, GError **error, const char *real, const char *what)
{
    if (*real == '\0')
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s: the document %s", c->label, what);
    else
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s: key '%s' %s", c->label, real, what);
    return FALSE;
}

static gboolean check_node(const Check *c, JsonNode *n, const ResultsKey *k, const char *real, GError **error);

/* Every member of object `o` at key `k` is a key of the table and holds
 * what it says; every key the table requires there is present. */
static gboolean check_object(const Check *c, JsonObject *o, const ResultsKey *k, const char *real, GError **error)
{
    g_autoptr(GList) names = json_object_get_members(o);
    for (GList *l = names; l; l = l->next) {
        g_autofree char *path = join_path(k->path, l->data);
        g_autofree char *at = join_path(real, l->data);
        const ResultsKey *child = lookup(c->table, path);
        if (child == NULL) {  /* a member of an object of any names ("a.*") */
            g_autofree char *any = join_path(k->path, "*");
            child = lookup(c->table, any);
        }
        if (child == NULL) {
            g_autofree char *what = g_strdup_printf("is not a key of %s", c->file);
            return fail_at(c, error, at, what);
        }
        if (!check_node(c, json_object_get_member(o, l->data), child, at, error))
            return FALSE;
    }
    GPtrArray *children = g_hash_table_lookup(c->table->children, k->path);
    for (guint i = 0; children && i < children->len; i++) {
        const ResultsKey *child = children->pdata[i];
        const char *name = child->path + strlen(k->path) + (*k->path ? 1 : 0);
        if (!(child->flags & RESULTS_MAY_BE_ABSENT) && !json_object_has_member(o, name)) {
            g_autofree char *at = join_path(real, name);
            return fail_at(c, error, at, "is missing");
        }
    }
    return TRUE;
}

/* Every element of array `a` at key `k` holds what k[] says. */
static gboolean check_array(const Check *c, JsonArray *a, const ResultsKey *k, const char *real, GError **error)
{
    g_autofree char *path = g_strconcat(k->path, "[]", NULL);
    const ResultsKey *element = lookup(c->table, path);
    guint n = json_array_get_length(a);
    if (element == NULL && n > 0)  /* the table's bug: an array without its element row */
        return fail_at(c, error, real, "has elements results.c does not describe");
    for (guint i = 0; i < n; i++) {
        g_autofree char *at = g_strdup_printf("%s[%u]", real, i);
        if (!check_node(c, json_array_get_element(a, i), element, at, error))
            return FALSE;
    }
    return TRUE;
}

/* Node `n`, found at `real` (indices spelled out), against key `k`. */
static gboolean check_node(const Check *c, JsonNode *n, const ResultsKey *k, const char *real, GError **error)
{
    if (JSON_NODE_HOLDS_NULL(n)) {
        if (k->flags & RESULTS_MAY_BE_NULL)
            return TRUE;
        g_autofree char *what = g_strconcat("is null, expected ", type_words(k->type), NULL);
        return fail_at(c, error, real, what);
    }
    if (!has_type(n, k->type)) {
        g_autofree char *what = g_strdup_printf("is %s, expected %s", node_kind(n), type_words(k->type));
        return fail_at(c, error, real, what);
    }
    if (k->type == RESULTS_OBJECT)
        return check_object(c, json_node_get_object(n), k, real, error);
    if (k->type == RESULTS_ARRAY)
        return check_array(c, json_node_get_array(n), k, real, error);
    return TRUE;
}

gboolean results_validate(ResultsKind kind, JsonNode *root, const char *label, GError **error)
{
    g_return_val_if_fail(kind >= 0 && kind < RESULTS_N_KINDS && root != NULL && label != NULL, FALSE);
    const Table *t = table_of(kind);
    Check c = {.table = t, .label = label, .file = files[kind].file};
    return check_node(&c, root, lookup(t, ""), "", error);
}

/* ---- writing ------------------------------------------------------------------------------ */

/* A copy of the object `root` with "schema_version" first (caller frees). */
static JsonNode *with_version(JsonNode *root)
{
    JsonObject *from = json_node_get_object(root);
    g_autoptr(JsonObject) to = json_object_new();
    json_object_set_int_member(to, "schema_version", RESULTS_SCHEMA_VERSION);
    g_autoptr(GList) names = json_object_get_members(from);  /* insertion order */
    for (GList *l = names; l; l = l->next)
        json_object_set_member(to, l->data, json_node_copy(json_object_get_member(from, l->data)));
    JsonNode *n = json_node_new(JSON_NODE_OBJECT);
    json_node_set_object(n, to);
    return n;
}

gboolean results_save(ResultsKind kind, JsonNode *root, const char *path, GError **error)
{
    g_return_val_if_fail(kind >= 0 && kind < RESULTS_N_KINDS && path != NULL, FALSE);
    g_return_val_if_fail(root != NULL && JSON_NODE_HOLDS_OBJECT(root), FALSE);
    g_return_val_if_fail(!json_object_has_member(json_node_get_object(root), "schema_version"), FALSE);
    g_autoptr(JsonNode) doc = with_version(root);
    GError *local = NULL;
    if (!results_validate(kind, doc, files[kind].file, &local)) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INTERNAL,
                    "internal error: %s (a bug in ladder: the writer and results.c disagree)", local->message);
        g_error_free(local);
        return FALSE;
    }
    return out_json_save(doc, path, error);
}

/* ---- reading ------------------------------------------------------------------------------ */

/* An INPUT error about file `path`, saying `what`; json-glib's messages
 * name the file themselves, and may quote bytes that are not UTF-8. */
static void file_error(GError **error, const char *path, const char *what)
{
    g_autofree char *valid = g_utf8_make_valid(what, -1);
    if (g_str_has_prefix(valid, path))
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s", valid);
    else
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s: %s", path, valid);
}

/* The file `path` parsed, NULL (no error) when absent; an INPUT error when it is
 * not a regular file (a folder, or a pipe that would never end), not JSON
 * or holds no value.  Caller frees. */
static JsonNode *parse_file(const char *path, GError **error)
{
    if (!g_file_test(path, G_FILE_TEST_EXISTS))
        return NULL;
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        file_error(error, path, "not a regular file");
        return NULL;
    }
    g_autoptr(JsonParser) p = json_parser_new();
    g_autoptr(GError) local = NULL;
    if (!json_parser_load_from_file(p, path, &local)) {
        file_error(error, path, local->message);
        return NULL;
    }
    JsonNode *root = json_parser_get_root(p);
    if (root == NULL)  /* blank, or only comments */
        file_error(error, path, "holds no JSON value");
    return root ? json_node_copy(root) : NULL;
}

/* The file's schema_version is this ladder's, else an INPUT error saying
 * which command to re-run. */
static gboolean check_version(ResultsKind kind, JsonNode *root, const char *path, GError **error)
{
    JsonObject *o = JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
    JsonNode *v = o ? json_object_get_member(o, "schema_version") : NULL;
    if (v && JSON_NODE_HOLDS_VALUE(v) && json_node_get_value_type(v) == G_TYPE_INT64 &&
        json_node_get_int(v) == RESULTS_SCHEMA_VERSION)
        return TRUE;
    gboolean number = v && JSON_NODE_HOLDS_VALUE(v) && json_node_get_value_type(v) == G_TYPE_INT64;
    g_autofree char *had = number ? g_strdup_printf("schema %" G_GINT64_FORMAT, json_node_get_int(v))
                                  : g_strdup(v ? "a schema_version that is not an integer" : "no schema_version");
    /* no schema_version: written before there was one */
    const char *age = v == NULL ? "an older" : !number ? "another" : json_node_get_int(v) < RESULTS_SCHEMA_VERSION
                                                                         ? "an older" : "a newer";
    g_autofree char *writers = writers_phrase(kind);
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                "%s was written by %s version of ladder (%s, this ladder reads schema %d): re-run the %s that "
                "made it", path, age, had, RESULTS_SCHEMA_VERSION, writers);
    return FALSE;
}

JsonNode *results_read(const char *dir, ResultsKind kind, const char *command, GError **error)
{
    g_return_val_if_fail(dir != NULL && kind >= 0 && kind < RESULTS_N_KINDS, NULL);
    g_autofree char *path = g_build_filename(dir, files[kind].file, NULL);
    GError *local = NULL;
    g_autoptr(JsonNode) root = parse_file(path, &local);
    if (root == NULL && local == NULL && always_written_by(kind, command)) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                    "%s is missing, and `ladder %s` (which wrote the folder) always writes it: re-run the "
                    "`ladder %s` that made it", path, command, command);
        return NULL;
    }
    if (local != NULL) {
        g_propagate_error(error, local);
        return NULL;
    }
    if (root == NULL || !check_version(kind, root, path, error) || !results_validate(kind, root, path, error))
        return NULL;
    return g_steal_pointer(&root);
}

/* ---- filling in (tests, fuzzing) ----------------------------------------------------------- */

static void fill_node(const Table *t, JsonNode *n, const ResultsKey *k);

/* A value of key `k`'s type that the table accepts: null where allowed,
 * else "", 0, false, [] or an object filled in; schema_version is this
 * ladder's.  Caller frees. */
static JsonNode *default_node(const Table *t, const ResultsKey *k)
{
    JsonNode *n = json_node_new(JSON_NODE_VALUE);
    if (strcmp(k->path, "schema_version") == 0) {
        json_node_set_int(n, RESULTS_SCHEMA_VERSION);
        return n;
    }
    if (k->flags & RESULTS_MAY_BE_NULL)
        return json_node_init_null(n);
    switch (k->type) {
    case RESULTS_STRING: json_node_set_string(n, ""); break;
    case RESULTS_NUMBER:
    case RESULTS_INTEGER:
    case RESULTS_UINT64: json_node_set_int(n, 0); break;
    case RESULTS_BOOLEAN: json_node_set_boolean(n, FALSE); break;
    case RESULTS_ARRAY: json_node_take_array(json_node_init(n, JSON_NODE_ARRAY), json_array_new()); break;
    default: json_node_take_object(json_node_init(n, JSON_NODE_OBJECT), json_object_new()); break;
    }
    fill_node(t, n, k);
    return n;
}

/* Adds what `n` (at key `k`) lacks, into its objects and arrays. */
static void fill_node(const Table *t, JsonNode *n, const ResultsKey *k)
{
    if (JSON_NODE_HOLDS_ARRAY(n)) {
        g_autofree char *path = g_strconcat(k->path, "[]", NULL);
        const ResultsKey *element = lookup(t, path);
        JsonArray *a = json_node_get_array(n);
        for (guint i = 0; element && i < json_array_get_length(a); i++)
            fill_node(t, json_array_get_element(a, i), element);
        return;
    }
    if (!JSON_NODE_HOLDS_OBJECT(n))
        return;
    JsonObject *o = json_node_get_object(n);
    GPtrArray *children = g_hash_table_lookup(t->children, k->path);
    for (guint i = 0; children && i < children->len; i++) {
        const ResultsKey *child = children->pdata[i];
        const char *name = child->path + strlen(k->path) + (*k->path ? 1 : 0);
        if (json_object_has_member(o, name))
            fill_node(t, json_object_get_member(o, name), child);
        else if (!(child->flags & RESULTS_MAY_BE_ABSENT))
            json_object_set_member(o, name, default_node(t, child));
    }
}

void results_fill(ResultsKind kind, JsonNode *doc)
{
    g_return_if_fail(kind >= 0 && kind < RESULTS_N_KINDS && doc != NULL);
    const Table *t = table_of(kind);
    fill_node(t, doc, lookup(t, ""));
}

/* ---- docs/results.md ------------------------------------------------------------------------ */

/* A key's type as the docs say it: "number or null", "string, may be absent". */
static char *doc_type(const ResultsKey *k)
{
    static const char *const names[] = {
        [RESULTS_STRING] = "string",   [RESULTS_NUMBER] = "number", [RESULTS_INTEGER] = "integer",
        [RESULTS_UINT64] = "integer (beyond 2⁶³−1 a string of its digits)", [RESULTS_BOOLEAN] = "boolean",
        [RESULTS_OBJECT] = "object",   [RESULTS_ARRAY] = "array",   [RESULTS_PART] = "?",
    };
    return g_strconcat(names[k->type], k->flags & RESULTS_MAY_BE_NULL ? " or null" : "",
                       k->flags & RESULTS_MAY_BE_ABSENT ? ", may be absent" : "", NULL);
}

/* `text` in a Markdown table cell: '|' escaped. */
static void doc_cell(GString *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (*p == '|')
            g_string_append_c(out, '\\');
        g_string_append_c(out, *p);
    }
}

/* One file's section: its name, the commands, the meaning, the table. */
static void doc_file(GString *out, ResultsKind kind)
{
    const ResultsFile *f = &files[kind];
    g_autofree char *writers = writers_phrase(kind);
    g_string_append_printf(out, "\n## %s\n\n%s Written by %s.\n\n", f->file, f->meaning, writers);
    g_string_append(out, "| key | type | unit | meaning |\n|---|---|---|---|\n");
    gsize n = 0;
    const ResultsKey *keys = results_keys(kind, &n);
    for (gsize i = 1; i < n; i++) {  /* 0 is the document */
        g_autofree char *type = doc_type(&keys[i]);
        g_string_append_printf(out, "| `%s` | %s | ", keys[i].path, type);
        doc_cell(out, keys[i].unit);
        g_string_append(out, " | ");
        doc_cell(out, keys[i].meaning);
        g_string_append(out, " |\n");
    }
}

/* One CSV file's section: its name, beside what, the columns. */
static void doc_csv(GString *out, ResultsCsv kind)
{
    const ResultsCsvFile *f = &csv_files[kind];
    g_string_append_printf(out, "\n## %s\n\n%s Beside %s.\n\n", f->file, f->meaning, files[f->beside].file);
    g_string_append(out, "| column | 中文表头 | English header | cells | meaning |\n|---|---|---|---|---|\n");
    for (gsize i = 0; i < f->n_columns; i++) {
        const ResultsCsvColumn *c = &f->columns[i];
        g_string_append_printf(out, "| `%s` | ", c->key);
        doc_cell(out, i18n_text("zh", c->header));
        g_string_append(out, " | ");
        doc_cell(out, i18n_text("en", c->header));
        g_string_append_printf(out, " | %s | ", c->format);
        doc_cell(out, c->meaning);
        g_string_append(out, " |\n");
    }
}

char *results_doc_markdown(void)
{
    GString *out = g_string_new(
        "<!-- Generated from sim/results.c by tests/test_results.c: do not edit; run\n"
        "     `make results-doc` after changing the tables. -->\n"
        "# Result files\n\n"
        "What every JSON file ladder writes holds: each key, its JSON type, its unit and what it means. "
        "This page is printed from the tables in `sim/results.c`, which ladder itself checks every file "
        "against as it writes it and as `ladder report` reads it.\n\n"
        "- A key `a[].b` is the member `b` of every element of the array `a`; `a[]` is every element; "
        "`a.*` is every member of the object `a`, whatever its name.\n"
        "- *number* is any JSON number: an integral value is written without a fraction (`2000`). "
        "*integer* has no fraction. *or null*: the value may be null (not a number, or nothing to say). "
        "*may be absent*: the member may be left out.\n"
        "- Every file opens with `schema_version`. `ladder report` refuses a file of another version "
        "(re-run the command that made it), a file missing a key or holding a key of another type, and "
        "a key not listed here, naming the file and the key; and a file missing that the command which "
        "wrote the folder (its `.ladder-output`) always writes.\n"
        "- Probabilities are shares of replications, 0..1; counts of firms are at the end of a year "
        "unless said otherwise; costs are in 万元.\n");
    g_string_append_printf(out, "\nThis is schema version %d.\n", RESULTS_SCHEMA_VERSION);
    for (int k = 0; k < RESULTS_N_KINDS; k++)
        doc_file(out, (ResultsKind)k);
    g_string_append(
        out, "\n# CSV files\n\n"
             "The same figures for a spreadsheet, each CSV beside its JSON file: UTF-8 with a byte-order mark and "
             "CRLF line ends (so Excel shows Chinese), fields quoted as RFC 4180 says, a header row in the "
             "scenario's language (中文表头 for a zh scenario, English header for en). A column's `key` is the JSON "
             "key its figure comes from, spelled as the JSON spells it (≤ 6 decimals: at most that many, trailing "
             "zeros left out); a column `a.*` is one column per member of that object, headed by the member's "
             "name; a blank cell is a null or a figure that does not apply. Verdict codes: very_likely "
             "(≥ 90.0%), likely (≥ 66.0%), uncertain (≥ 33.0%), unlikely (≥ 10.0%), very_unlikely, judged on "
             "the probability rounded to 0.1% as the table prints it.\n");
    for (int k = 0; k < RESULTS_CSV_N_KINDS; k++)
        doc_csv(out, (ResultsCsv)k);
    return g_string_free(out, FALSE);
}
