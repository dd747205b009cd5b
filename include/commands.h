/* commands.h: the entry point of each `ladder COMMAND`, one file each.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_COMMANDS_H
#define LADDER_COMMANDS_H

#include <glib.h>

/* A command's options and help; `parameter` is the usage after the name. */
typedef struct {
    const char *name;
    const char *parameter;   /* "FILE" */
    const char *summary;     /* one line, for `ladder help` */
    int (*main)(int argc, char **argv);  /* argv[0] is the command name */
    GOptionContext *(*context)(void);    /* its options, for `ladder help NAME` */
} Command;

/* `ladder run FILE`: replications, summary, charts.  Returns the exit code. */
int cmd_run_main(int argc, char **argv);
GOptionContext *cmd_run_context(void);

/* `ladder sensitivity FILE`: every parameter at a low and a high value in
 * turn, ranked by swing.  Returns the exit code. */
int cmd_sensitivity_main(int argc, char **argv);
GOptionContext *cmd_sensitivity_context(void);
/* `ladder solve FILE`: the least change of a lever meeting a target with a
 * wanted probability.  Returns the exit code. */
int cmd_solve_main(int argc, char **argv);
GOptionContext *cmd_solve_context(void);
/* `ladder compare BASE OTHER...`: scenarios side by side under common
 * random numbers, differences against BASE and costs. */
int cmd_compare_main(int argc, char **argv);
GOptionContext *cmd_compare_context(void);

/* `ladder calibrate FILE --history H --fit KEYS`: parameters fitted to
 * published counts, the calibrated scenario and its forecast. */
int cmd_calibrate_main(int argc, char **argv);
GOptionContext *cmd_calibrate_context(void);
/* `ladder backtest FILE --history H --until YEAR`: fit on the early
 * counts, check the forecast against the later ones. */
int cmd_backtest_main(int argc, char **argv);
GOptionContext *cmd_backtest_context(void);

/* `ladder report OUT_DIR`: a result folder as one HTML page. */
int cmd_report_main(int argc, char **argv);
GOptionContext *cmd_report_context(void);

/* Prints "ladder: MESSAGE" on stderr and returns the exit code of `error`
 * (freed); adds "Try 'ladder help CMD'" after a usage error. */
int cmd_fail(const char *command, GError *error);

#endif
