/* cli.h: what every simulating command shares: the run flags (--reps, --seed,
 * --threads, --out, --no-uncertainty, --no-charts, --quiet), their reading
 * into a RunConfig, Ctrl-C, the default output folder, and writing one
 * scenario's result files and charts.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_CLI_H
#define LADDER_CLI_H

#include <signal.h>
#include <glib.h>

#include "model.h"
#include "outdir.h"
#include "runner.h"
#include "summary.h"

#define CLI_DEFAULT_REPS 10000
#define CLI_DEFAULT_SEED 1
#define CLI_MAX_THREADS 1024

/* The run flags as typed; NULL / FALSE when absent. */
typedef struct {
    char *reps, *seed, *threads, *out, *lang;
    gboolean no_uncertainty, no_charts, quiet, report;
    gboolean force;     /* --force: replace a folder another command wrote */
    char *out_help;     /* --out's help line, naming the command's default */
} CliRunOptions;

/* Adds the run flags to `ctx`'s main group, bound to `o` (which must outlive
 * the parse).  `out_suffix` follows the file stem in --out's default folder
 * ("" for run, "-compare", ...); --no-uncertainty is offered only when
 * `uncertainty_flag`, for commands where it changes something. */
void cli_add_run_options(GOptionContext *ctx, CliRunOptions *o, const char *out_suffix,
                         gboolean uncertainty_flag);

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

/* Writes report.html into `out` when o->report (report_write), then moves
 * the folder into place (outdir_commit); frees `out` either way.  Fails
 * as either does, leaving nothing behind. */
gboolean cli_commit(OutDir *out, const CliRunOptions *o, GError **error);

/* The path of file `to` relative to folder `from_dir` ("../../scenarios/a.ini"),
 * both taken from the current folder when relative.  Caller frees. */
char *cli_relative_path(const char *from_dir, const char *to);

/* out/<stem of file><suffix>; suffix may be "".  Caller frees. */
char *cli_default_out(const char *file, const char *suffix);

/* The stem of `file`: its base name without the extension.  Caller frees. */
char *cli_file_stem(const char *file);

/* Stops the run on SIGINT and SIGTERM: cli_interrupted() becomes TRUE and
 * the runner, polling cli_cancel_flag(), stops within a chunk. */
void cli_catch_interrupts(void);
gboolean cli_interrupted(void);
const volatile sig_atomic_t *cli_cancel_flag(void);

/* Writes summary.json, summary.csv, the chart data and scripts of `s` into
 * `dir`, and renders the charts unless `render` is FALSE.  Without gnuplot
 * it warns on stderr and succeeds. */
gboolean cli_write_run_outputs(const Summary *s, const char *dir, gboolean render, GError **error);

/* Runs gnuplot on the scripts in `dir` (out_plot_render); without gnuplot
 * it warns on stderr and succeeds. */
gboolean cli_render_charts(const char *dir, GError **error);

/* Replaces *error by a CANCELLED error when the user interrupted (Ctrl-C
 * also stops gnuplot: say what happened, not what failed).  Returns TRUE
 * when interrupted. */
gboolean cli_check_interrupted(GError **error);

#endif
