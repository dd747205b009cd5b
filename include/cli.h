/* cli.h: the flags every simulating command shares (--reps, --seed,
 * --threads, --out, --lang, --no-uncertainty, --without, --only,
 * --no-charts, --report, --quiet, --force), their reading into a
 * RunConfig, bounded flag numbers, parameter keys named on the command
 * line, and the policies switched off there.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_CLI_H
#define LADDER_CLI_H

#include <glib.h>

#include "model.h"
#include "runner.h"

#define CLI_DEFAULT_REPS 10000
#define CLI_DEFAULT_SEED 1
#define CLI_MAX_THREADS 1024

/* The run flags as typed; NULL / FALSE when absent. */
typedef struct {
    char *reps, *seed, *threads, *out, *lang;
    gboolean no_uncertainty, no_charts, quiet, report;
    gboolean force;     /* --force: replace a folder another command wrote */
    GStrv without;      /* --without POLICY, repeatable */
    GStrv only;         /* --only POLICY, repeatable */
    char *out_help;     /* --out's help line, naming the command's default */
} CliRunOptions;

/* Adds the run flags to `ctx`'s main group, bound to `o` (which must outlive
 * the parse).  `out_suffix` follows the file stem in --out's default folder
 * ("" for run, "-compare", ...); --no-uncertainty is offered only when
 * `uncertainty_flag`, for commands where it changes something, and
 * --without and --only only when `policy_flags`.  A command that does not
 * `simulate` (fit-roster) has neither --reps, --seed and --threads nor
 * --report (its folder holds no run for a report): only --out, --lang,
 * --no-charts, --quiet and --force. */
void cli_add_run_options(GOptionContext *ctx, CliRunOptions *o, const char *out_suffix,
                         gboolean uncertainty_flag, gboolean policy_flags, gboolean simulates);

/* Switches off the policies --without names, or all but those --only
 * names, in each of `models[0..n-1]` (read from `files`) that has them
 * (model_switch_off_policy).  A USAGE error, changing nothing, when both
 * flags are given, or when a name is no policy of any of the files (the
 * nearest name suggested). */
gboolean cli_apply_policy_flags(Model *const *models, int n, const char *const *files, const CliRunOptions *o,
                                GError **error);

/* Frees the strings in `o` and zeroes it. */
void cli_run_options_clear(CliRunOptions *o);

/* Parses argv with `ctx`; a GLib option error becomes a USAGE error. */
gboolean cli_parse(GOptionContext *ctx, int *argc, char ***argv, GError **error);

/* The run's settings for `m`: flags first, then [scenario] replications and
 * seed, then the defaults.  Fails with a USAGE error naming the bad flag. */
gboolean cli_run_config(const Model *m, const CliRunOptions *o, RunConfig *c, GError **error);

/* Reads an optional whole-number flag `text` (NULL: keep *out) within
 * lo..hi.  Fails with a USAGE error naming `flag`. */
gboolean cli_flag_number(const char *text, const char *flag, guint64 lo, guint64 hi, guint64 *out,
                         GError **error);

/* Reads a decimal flag `text` (NULL: keep *out) within lo..hi (inclusive).
 * Fails with a USAGE error naming `flag`. */
gboolean cli_flag_double(const char *text, const char *flag, double lo, double hi, double *out,
                         GError **error);

/* The index of parameter `key` of `m` (read from `file`, given by `flag`).
 * -1 with a USAGE error otherwise: for a well-formed key the file does not
 * give, the line to write (and `purpose`, "to make it a lever"); else the
 * nearest key suggested, or `forms` (how keys are written). */
int cli_param_find(const Model *m, const char *file, const char *flag, const char *key, const char *purpose,
                   const char *forms, GError **error);

/* Makes `m` speak --lang (zh or en) when given: its tables, charts and
 * report.  A bad --lang is left for cli_run_config to report. */
void cli_apply_language(Model *m, const CliRunOptions *o);

#endif
