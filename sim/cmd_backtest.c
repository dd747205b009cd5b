/* cmd_backtest.c: `ladder backtest FILE --history H --until YEAR`: fit on
 * the counts up to a year and check the forecast against the later ones
 * (the steps it shares with calibrate: fit_command.c).
 * SPDX-License-Identifier: MIT */
#include "commands.h"
#include "errors.h"
#include "fit_command.h"

static FitCommand backtest_state;

static void backtest_add_options(GOptionContext *ctx, void *state)
{
    fit_command_add_options(ctx, &((FitCommand *)state)->flags, TRUE);
}

/* The flags and the history, split at --until: the fit is on the early
 * counts, which must not be empty when there is anything to fit. */
static gboolean backtest_read(void *state, CommandCall *call, GError **error)
{
    FitCommand *st = state;
    if (!fit_command_read(st, call, TRUE, error))
        return FALSE;
    backtest_split(st->history, st->until, &st->early, &st->later);
    st->fit_on = st->early;
    if (st->n_keys > 0 && st->early->n == 0) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s: no count up to %d to fit on (--until)",
                    st->history->file, st->until);
        return FALSE;
    }
    return TRUE;
}

const CommandSpec cmd_backtest_spec = {
    .name = "backtest",
    .parameter = "FILE",
    .summary = "fit on early counts, check the forecast against the later ones",
    .usage = "FILE - check forecasts against later published counts",
    .help_summary =
        "Fits the named parameters to the counts up to --until (as calibrate does), forecasts the\n"
        "later years, and says for each later count whether it fell inside its forecast P5-P95,\n"
        "with the share that did.",
    .help_description =
        "Example:\n"
        "  ladder backtest scenarios/wujin-2025.ini --history scenarios/history/wujin.csv --until 2017\n\n"
        "Writes backtest.json and .csv, the charts (the cutoff drawn, counts outside their band ringed),\n"
        "forecast/ and, with --fit, calibrate.json and .csv and the calibrated scenario into\n"
        "out/<file stem>-backtest/.  P5-P95 intervals of a right model hold about 90% of counts.\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage, 130 interrupted.",
    .operand = "scenario file",
    .state = &backtest_state, .opts = &backtest_state.opts,
    .out_suffix = "-backtest", .uncertainty_flag = TRUE,
    .add_options = backtest_add_options, .read = backtest_read,
    .compute = fit_command_compute, .write = fit_command_write,
    .print = fit_command_print, .clear = fit_command_clear,
};
