/* cmd_run.c: `ladder run FILE`: simulate a scenario, print how likely its
 * targets are, and write the summary files and charts.
 * SPDX-License-Identifier: MIT */
#include "commands.h"

#include <stdio.h>

#include "i18n.h"
#include "out_firms.h"
#include "out_table.h"
#include "results.h"
#include "roster.h"
#include "run_outputs.h"
#include "summary.h"

/* The flags and results of one `ladder run`. */
typedef struct {
    CliRunOptions opts;
    char *roster_path; /* --roster FILE, or NULL */
    Roster *roster;    /* read from it for the scenario */
    char *firms_csv;   /* where firms.csv ends up, for the line printed */
    RunResult *run;
    Summary *summary;  /* borrows run */
} RunState;

static RunState run_state;

static void run_add_options(GOptionContext *ctx, void *state)
{
    RunState *st = state;
    const GOptionEntry entries[] = {
        {"roster", 0, 0, G_OPTION_ARG_FILENAME, &st->roster_path,
         "Start the stages it covers from this roster of firms (CSV, docs/roster.md) and simulate firm by firm; "
         "also writes firms.csv and firms.json", "FILE"},
        {NULL},
    };
    g_option_context_add_main_entries(ctx, entries, NULL);
}

/* The display names of the stages of `m` that `r` covers (or, with
 * `covered` FALSE, does not), joined as a sentence of m's language lists
 * them; "" when none.  Caller frees. */
static char *stage_names(const Model *m, const Roster *r, gboolean covered)
{
    g_autoptr(GString) out = g_string_new(NULL);
    for (int s = 0; s < m->n_stages; s++) {
        if (roster_covers(r, s) != covered)
            continue;
        if (out->len > 0)
            g_string_append(out, i18n_text(m->language, I18N_LIST_SEPARATOR));
        g_string_append(out, model_stage_name(m, s));
    }
    return g_string_free(g_steal_pointer(&out), FALSE);
}

/* Says on stderr what the roster leaves to the scenario (the stages that
 * keep their baseline) and what it overrides (an uncertain baseline of a
 * stage it covers, no longer drawn), then starts `m` from it. */
static void start_from_roster(Model *m, const Roster *r)
{
    const char *lang = m->language;
    for (int s = 0; s < m->n_stages; s++)
        if (roster_covers(r, s) && m->stages[s].baseline_uncertain) {
            g_autofree char *note = g_strdup_printf(i18n_text(lang, I18N_ROSTER_DRAW_DROPPED_FMT),
                                                    model_stage_name(m, s), r->file);
            fprintf(stderr, "ladder: note: %s\n", note);
        }
    g_autofree char *kept = stage_names(m, r, FALSE);
    if (*kept) {
        g_autofree char *note = g_strdup_printf(i18n_text(lang, I18N_ROSTER_KEEPS_FMT), r->file, kept);
        fprintf(stderr, "ladder: note: %s\n", note);
    }
    g_autofree int *stage = g_new(int, r->n_firms);
    g_autofree int *clock = g_new(int, r->n_firms);
    for (int i = 0; i < r->n_firms; i++) {
        stage[i] = r->firms[i].stage;
        clock[i] = r->firms[i].years_in_stage;
    }
    model_set_roster(m, r->file, r->sha256, r->n_firms, stage, clock);
}

/* The roster's columns of the attributes [effects] uses, standardised
 * into the model (an INPUT error at the roster's header for a missing or
 * constant column); nothing without [effects]. */
static gboolean attributes_from_roster(Model *m, const Roster *r, GError **error)
{
    if (m->n_attrs == 0)
        return TRUE;
    g_autofree double *x = roster_attribute_values(r, m, error);
    return x != NULL && model_set_roster_attributes(m, x, r->header_line, error);
}

/* --roster: the roster read for the scenario (an INPUT error, file:line,
 * before any folder exists) and the model started from it, its firms'
 * attributes standardised for [effects].  Without a roster, a note on
 * stderr when the scenario has [effects]: they act only on a roster's
 * firms. */
static gboolean run_read(void *state, CommandCall *call, GError **error)
{
    RunState *st = state;
    Model *m = call->model;
    if (st->roster_path == NULL) {
        if (m->n_effects > 0) {
            g_autofree char *note = g_strdup_printf(i18n_text(m->language, I18N_EFFECTS_UNUSED_FMT), m->file);
            fprintf(stderr, "ladder: note: %s\n", note);
        }
        return TRUE;
    }
    st->roster = roster_read(st->roster_path, m, error);
    if (st->roster == NULL)
        return FALSE;
    start_from_roster(m, st->roster);
    return attributes_from_roster(m, st->roster, error);
}

static gboolean run_compute(void *state, const CommandCall *call, GError **error)
{
    RunState *st = state;
    if (st->roster != NULL)
        st->firms_csv = g_build_filename(call->dest, results_csv_file(RESULTS_CSV_FIRMS), NULL);
    st->run = runner_run(call->model, &call->config, error);
    st->summary = st->run ? summary_new(call->model, st->run, error) : NULL;
    return st->summary != NULL;
}

static gboolean run_write(void *state, const CommandCall *call, GError **error)
{
    RunState *st = state;
    return run_outputs_write(st->summary, call->dir, call->render, error) &&
           (st->roster == NULL || out_firms_write(st->run, st->roster, call->dir, error));
}

static void run_print(void *state, GString *out)
{
    RunState *st = state;
    out_table_format(st->summary, out);
    if (st->roster == NULL)
        return;
    const Model *m = st->summary->model;
    g_autofree char *covered = stage_names(m, st->roster, TRUE);
    g_string_append_c(out, '\n');
    g_string_append_printf(out, i18n_text(m->language, I18N_ROSTER_RUN_FMT), st->roster->n_firms, covered,
                           st->firms_csv);
    g_string_append_c(out, '\n');
}

static void run_clear(void *state)
{
    RunState *st = state;
    g_clear_pointer(&st->summary, summary_free);
    g_clear_pointer(&st->run, runner_result_free);
    g_clear_pointer(&st->roster, roster_free);
    g_clear_pointer(&st->roster_path, g_free);
    g_clear_pointer(&st->firms_csv, g_free);
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
        "Firm by firm: with --roster FILE, a bureau's own firms (CSV: id, name, stage,\n"
        "years_in_stage, see docs/roster.md) start the stages they cover, each on its own\n"
        "renewal clock; the other stages keep their [baseline]. Also writes firms.csv and\n"
        "firms.json: each firm's chance of each stage, of exiting and of each list by target year.\n"
        "  ladder run scenarios/tianning-2025.ini --roster scenarios/roster/tianning-2025.csv\n\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage,\n"
        "130 interrupted (Ctrl-C leaves no folder behind).",
    .operand = "scenario file",
    .state = &run_state, .opts = &run_state.opts, .out_suffix = "",
    .uncertainty_flag = TRUE, .policy_flags = TRUE,
    .add_options = run_add_options, .read = run_read,
    .compute = run_compute, .write = run_write, .print = run_print, .clear = run_clear,
};
