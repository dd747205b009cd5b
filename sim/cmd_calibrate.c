/* cmd_calibrate.c: `ladder calibrate FILE --history H --fit KEYS`: fit
 * parameters to published counts, write the calibrated scenario and its
 * forecast (the steps it shares with backtest: fit_command.c).
 * SPDX-License-Identifier: MIT */
#include "commands.h"
#include "fit_command.h"

static FitCommand calibrate_state;

static void calibrate_add_options(GOptionContext *ctx, void *state)
{
    fit_command_add_options(ctx, &((FitCommand *)state)->flags, FALSE);
}

static gboolean calibrate_read(void *state, CommandCall *call, GError **error)
{
    return fit_command_read(state, call, FALSE, error);
}

const CommandSpec cmd_calibrate_spec = {
    .name = "calibrate",
    .parameter = "FILE",
    .summary = "fit rates to published counts; write the calibrated scenario",
    .usage = "FILE - fit rates to published counts",
    .help_summary =
        "Fits the named parameters to a region's published counts by maximum likelihood, through\n"
        "the exact expectation of the model (each count Poisson, or negative binomial with --cv,\n"
        "around it), and says how sure the fit is and what the counts cannot pin down.",
    .help_description =
        "Example:\n"
        "  ladder calibrate scenarios/wujin-2025.ini --history scenarios/history/wujin.csv \\\n"
        "      --fit 'tech_sme -> hightech,exit.hightech'\n\n"
        "Writes into out/<file stem>-calibrate/: <file stem>-calibrated.ini, which extends FILE and\n"
        "sets each identified parameter to its estimate, drawn in [uncertainty] from a beta\n"
        "(probabilities) or gamma (rates) of the same mean and standard error, so `ladder run` on\n"
        "it carries the estimation uncertainty into the forecast; calibrate.json (estimates, 95%\n"
        "intervals, correlations, the fit) and calibrate.csv (a row per parameter); a chart per stage and kind of count (observed counts,\n"
        "fitted expectation, forecast bands); and forecast/, the run of the calibrated scenario.\n"
        "Beside each 95% interval (delta method) stands the profile-likelihood one.  A parameter\n"
        "the counts do not determine (its profile log-likelihood within 1.92 of the best up to an\n"
        "end of its range, a flat direction of the likelihood, or an estimate at 0 or 1) is\n"
        "reported and left as FILE has it; a strong correlation alone is only reported.  The\n"
        "history may start before the base year: the fit then starts from its first year.\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage, 130 interrupted.",
    .operand = "scenario file",
    .state = &calibrate_state, .opts = &calibrate_state.opts,
    .out_suffix = "-calibrate", .uncertainty_flag = TRUE,
    .add_options = calibrate_add_options, .read = calibrate_read,
    .compute = fit_command_compute, .write = fit_command_write,
    .print = fit_command_print, .clear = fit_command_clear,
};
