/* cmd_roster.c: `ladder roster SUBCOMMAND ...`: the commands that make or
 * handle a roster of firms (docs/roster.md), one row each in the table
 * below.
 * SPDX-License-Identifier: MIT */
#include "commands.h"

static const CommandSpec *const roster_subcommands[] = {&cmd_roster_synth_spec, NULL};

const CommandSpec cmd_roster_spec = {
    .name = "roster",
    .parameter = "SUBCOMMAND",
    .summary = "make a roster of firms: synth (a synthetic one from a scenario)",
    .usage = "SUBCOMMAND [OPTION…]",
    .help_summary = "Makes or handles a roster of firms, the input of `ladder run FILE --roster firms.csv`\n"
                    "(docs/roster.md).",
    .help_description = "Example:\n"
                        "  ladder roster synth scenarios/taizhou-2025.ini --firms 2000 --out roster.csv\n"
                        "  ladder help roster synth\n\n"
                        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage.",
    .subcommands = roster_subcommands,
};
