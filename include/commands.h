/* commands.h: each `ladder COMMAND` as a row, a CommandSpec with the
 * command's texts and callbacks (one file each, cmd_*.c), and the one
 * lifecycle that runs a row: parse the flags, check the operands, catch
 * Ctrl-C, load the scenario, read the run settings, open the output
 * folder, compute, write, commit, print.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_COMMANDS_H
#define LADDER_COMMANDS_H

#include <glib.h>

#include "cli.h"
#include "model.h"
#include "runner.h"

/* One invocation as far as the lifecycle has got, handed to the callbacks. */
typedef struct {
    const char *const *files;  /* the operands, borrowed from argv */
    int n_files;
    Model *model;              /* files[0] loaded when the command has no load callback */
    Model *const *models;      /* the scenarios loaded, models[0] giving the run settings */
    int n_models;
    RunConfig config;          /* the run settings, read from the flags and models[0] */
    gboolean render;           /* run gnuplot: no --no-charts */
    const char *dest;          /* the output folder, as it will be named */
    const char *dir;           /* the temporary folder being written (outdir_path) */
} CommandCall;

/* A command as a row.  Callbacks take the row's `state` (the command's
 * flags, bound by add_options, and what compute leaves for write and
 * print); NULL ones are skipped.  A simulating command (opts set) goes
 * through check, load (else files[0] is loaded), the language and run
 * settings, read, the output folder, compute, write, commit and print; a
 * command with `run` has only that after its operands are checked. */
typedef struct CommandSpec {
    const char *name;        /* "run": the command, its folder's marker and its messages; a
                                subcommand's is its command's and its own ("roster synth") */
    const char *parameter;   /* "FILE", after the name in `ladder help` */
    const char *summary;     /* one line, for `ladder help` */
    const char *usage;       /* "FILE - ...", after "ladder run" in its help */
    const char *help_summary, *help_description;  /* the paragraphs of its help */
    const char *operand;     /* "scenario file": what the usage errors ask for */
    gboolean several;        /* BASE OTHER...: at least two operands, else exactly one */
    /* When set, says instead whether `n` operands are right (after the
     * flags are read), with a USAGE error when not. */
    gboolean (*operands)(void *state, int n, GError **error);
    CliRunOptions *opts;     /* the run flags, in state; NULL: none (report) */
    const char *out_suffix;  /* after the file stem in the default --out: "", "-solve" */
    gboolean uncertainty_flag;  /* offers --no-uncertainty */
    gboolean policy_flags;      /* offers --without and --only (cli_apply_policy_flags) */
    gboolean uses_effects;      /* a scenario's [effects] may act (run --roster); else a note on
                                   stderr says the command does not use them */
    gboolean takes_regions;     /* a region file (region.h) may be its operand; else an INPUT error
                                   says the command does not take one yet */
    gboolean simulates_nothing; /* offers none of --reps, --seed, --threads and --report (cli_add_run_options):
                                   the command fits, its folder holds no run */
    void *state;
    /* The command's own flags, added before the run flags. */
    void (*add_options)(GOptionContext *ctx, void *state);
    /* Flags that need no scenario, read before it is loaded. */
    gboolean (*check)(void *state, GError **error);
    /* Loads the operands into call->models and n_models (one scenario else). */
    gboolean (*load)(void *state, CommandCall *call, GError **error);
    /* The flags that need the scenario, after the run settings (which it
     * may amend). */
    gboolean (*read)(void *state, CommandCall *call, GError **error);
    /* The results, into state; may write into call->dir as it goes. */
    gboolean (*compute)(void *state, const CommandCall *call, GError **error);
    /* The result files into call->dir, the charts drawn when call->render. */
    gboolean (*write)(void *state, const CommandCall *call, GError **error);
    /* The table printed before "Results in DEST/" (not with --quiet). */
    void (*print)(void *state, GString *out);
    /* The whole command, when it does not simulate. */
    gboolean (*run)(void *state, const CommandCall *call, GError **error);
    /* Frees and resets what the flags and the callbacks left in state. */
    void (*clear)(void *state);
    /* A command of subcommands (`ladder roster synth`): its rows, NULL-
     * terminated; then only name, parameter, summary, usage and the help
     * texts of this row are used, and the word after the command picks
     * the row that runs. */
    const struct CommandSpec *const *subcommands;
} CommandSpec;

/* The rows, one in each cmd_*.c, gathered in commands.c's table. */
extern const CommandSpec cmd_run_spec;
extern const CommandSpec cmd_sensitivity_spec;
extern const CommandSpec cmd_compare_spec;
extern const CommandSpec cmd_solve_spec;
extern const CommandSpec cmd_calibrate_spec;
extern const CommandSpec cmd_backtest_spec;
extern const CommandSpec cmd_allocate_spec;
extern const CommandSpec cmd_fit_roster_spec;
extern const CommandSpec cmd_report_spec;
extern const CommandSpec cmd_roster_spec;
extern const CommandSpec cmd_roster_synth_spec;

/* The table: every command, in the order `ladder help` lists them; *n of them. */
const CommandSpec *const *commands_list(gsize *n);

/* The command called `name`, or NULL. */
const CommandSpec *commands_find(const char *name);

/* TRUE unless `m` is a region (region.h) and command `spec` does not take
 * one (CommandSpec.takes_regions): then an INPUT error saying so.  The
 * lifecycle checks every model it loads; a command that loads its own
 * (CommandSpec.run) calls it. */
gboolean commands_check_region(const CommandSpec *spec, const Model *m, GError **error);

/* The subcommand of `spec` that `word` names ("synth" for `roster
 * synth`), or NULL (also when `spec` has no subcommands). */
const CommandSpec *commands_find_sub(const CommandSpec *spec, const char *word);

/* Runs `spec` on argv (argv[0] the command's name) and returns the exit
 * code: a failure said once on stderr ("ladder: MESSAGE", and "Try
 * 'ladder help NAME'." after a usage error), nothing left behind, the state
 * cleared. */
int commands_main(const CommandSpec *spec, int argc, char **argv);

/* The help text of `spec`'s options, as `ladder help NAME` prints it (for
 * a command of subcommands, its usage and each subcommand's line).
 * Caller frees. */
char *commands_help(const CommandSpec *spec);

#endif
