/* cmd_run.c: `ladder run FILE`: simulate a scenario, print how likely its
 * targets are, and write the summary files and charts.
 * SPDX-License-Identifier: MIT */
#include "commands.h"
#include "out_table.h"
#include "run_outputs.h"
#include "summary.h"

/* The flags and results of one `ladder run`. */
typedef struct {
    CliRunOptions opts;
    RunResult *run;
    Summary *summary;  /* borrows run */
} RunState;

static RunState run_state;

static gboolean run_compute(void *state, const CommandCall *call, GError **error)
{
    RunState *st = state;
    st->run = runner_run(call->model, &call->config, error);
    st->summary = st->run ? summary_new(call->model, st->run, error) : NULL;
    return st->summary != NULL;
}

static gboolean run_write(void *state, const CommandCall *call, GError **error)
{
    RunState *st = state;
    return run_outputs_write(st->summary, call->dir, call->render, error);
}

static void run_print(void *state, GString *out)
{
    out_table_format(((RunState *)state)->summary, out);
}

static void run_clear(void *state)
{
    RunState *st = state;
    g_clear_pointer(&st->summary, summary_free);
    g_clear_pointer(&st->run, runner_result_free);
}

const CommandSpec cmd_run_spec = {
    .name = "run",
    .parameter = "FILE",
    .summary = "simulate a scenario and say how likely its targets are",
    .usage = "FILE - simulate a scenario and weigh its targets",
    .help_summary = "Runs the scenario's ladder many times and says, for each target, how likely it is met.",
    .help_description =
        "Example:\n"
        "  ladder run scenarios/tianning-2025.ini --reps 20000 --seed 7\n\n"
        "Writes summary.json, summary.csv, targets.csv, gnuplot data (.dat), scripts (.gp) and\n"
        "charts (.png, .svg) into out/tianning-2025/. The same seed gives the same\n"
        "bytes in every file, whatever the number of threads.\n\n"
        "A target counts a stage (stage =, with count = stage, at_or_above, new or\n"
        "cumulative) or a list (list =): a [list ID] counts a designation that\n"
        "overlaps the exclusive stages, such as valid 高企 certificates (高企 + 瞪羚 +\n"
        "独角兽) or the 科小 register (科小 + a share of 高企); see docs/scenario-format.md.\n"
        "A target without year = is measured at the horizon, with a warning.\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage,\n"
        "130 interrupted (Ctrl-C leaves no folder behind).",
    .operand = "scenario file",
    .state = &run_state, .opts = &run_state.opts, .out_suffix = "",
    .uncertainty_flag = TRUE, .policy_flags = TRUE,
    .compute = run_compute, .write = run_write, .print = run_print, .clear = run_clear,
};
