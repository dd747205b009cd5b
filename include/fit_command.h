/* fit_command.h: what `ladder calibrate` and `ladder backtest` share: their
 * flags, what is read from them and the files, and the fit, the calibrated
 * scenario, the forecast and their files in the output folder.  The
 * functions with a `void *state` are the rows' callbacks (commands.h),
 * state a FitCommand.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_FIT_COMMAND_H
#define LADDER_FIT_COMMAND_H

#include <glib.h>

#include "backtest.h"
#include "calibrate.h"
#include "commands.h"
#include "history.h"
#include "summary.h"

/* The flags of both commands as typed; NULL when absent. */
typedef struct {
    char *history, *fit, *region, *cv, *until;
} FitFlags;

/* One calibrate or backtest: its flags, its inputs and its results. */
typedef struct {
    CliRunOptions opts;
    FitFlags flags;
    const Model *model;                   /* the scenario as loaded (borrowed) */
    History *history;                     /* --history, --region's rows */
    CalibrateKey keys[CALIBRATE_MAX_FIT]; /* --fit */
    int n_keys;
    double cv;                            /* --cv, 0 when absent */
    int until;                            /* --until (backtest only) */
    History *early, *later;               /* backtest: the counts up to --until and after */
    const History *fit_on;                /* the counts to fit: history or early */
    Calibration *fit;
    char *calibrated;                     /* dest/<stem>-calibrated.ini, NULL when nothing was fitted */
    Model *fitted;                        /* the scenario forecast with */
    RunResult *run;
    Summary *forecast;                    /* borrows run and fitted */
    Backtest *backtest;                   /* backtest only */
} FitCommand;

/* Adds --history, --fit (its help as calibrate's or as backtest's),
 * --region, --cv and (backtest) --until to `ctx`, bound to `f`. */
void fit_command_add_options(GOptionContext *ctx, FitFlags *f, gboolean backtest);

/* Reads the flags against the scenario (call->model) and loads the
 * history; the run keeps each year's entries (the fit's charts need them).
 * --fit is required unless `backtest`, which requires --until.  Fails with
 * a USAGE error naming the flag, or as history_load does. */
gboolean fit_command_read(FitCommand *st, CommandCall *call, gboolean backtest, GError **error);

/* Fits st->fit_on, writes the calibrated scenario into call->dir when
 * anything was fitted, forecasts with it into call->dir/forecast/ as
 * `ladder run` writes, and checks st->later (when set) against the
 * forecast. */
gboolean fit_command_compute(void *state, const CommandCall *call, GError **error);

/* calibrate.json (when anything was fitted), backtest.json (backtest) and
 * the charts into call->dir. */
gboolean fit_command_write(void *state, const CommandCall *call, GError **error);

/* The fit's table and the backtest's. */
void fit_command_print(void *state, GString *out);

/* Frees what the flags, read and compute left, and zeroes the state. */
void fit_command_clear(void *state);

#endif
