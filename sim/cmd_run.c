/* cmd_run.c: `ladder run FILE`: simulate a scenario, print how likely its
 * targets are, and write the summary files and charts.
 * SPDX-License-Identifier: MIT */
#include "commands.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cultivate.h"
#include "errors.h"
#include "i18n.h"
#include "out_cultivate.h"
#include "out_firms.h"
#include "out_table.h"
#include "out_trace.h"
#include "results.h"
#include "region.h"
#include "roster.h"
#include "scenario.h"
#include "run_outputs.h"
#include "summary.h"

/* The flags and results of one `ladder run`. */
typedef struct {
    CliRunOptions opts;
    char *roster_path; /* --roster FILE, or NULL */
    Roster *roster;    /* read from it for the scenario */
    char *firms_csv;   /* where firms.csv ends up, for the line printed */
    char *cultivation_csv; /* where cultivation.csv ends up */
    char **service_texts; /* --service KEY=CHANGE, each; NULL: none */
    char *serve_top;   /* --serve-top N as typed, or NULL */
    char *trace_id;    /* --trace ID, or NULL */
    CultivateService service;
    Model *served;     /* the model with the service's levers; NULL without --service */
    int top;           /* firms of each gain list served together */
    int trace_firm;    /* roster index of --trace's firm, or -1 */
    RunResult *run;
    Summary *summary;  /* borrows run */
    Cultivation *cultivation; /* with a roster: the lists (borrows run) */
    GArray *trace;     /* --trace: the firm's FirmsEvent in replication 0 */
    int *trace_stages; /* [n_years]: its stage at the end of each year */
} RunState;

#define RUN_SERVE_TOP 20       /* firms of each gain list served together, unless --serve-top */
#define RUN_SERVE_TOP_MAX 1000

static RunState run_state;

#define SERVICE_FORMS "a service names an edge 'a -> b', exit.ID or renewal.ID, as a policy does"

static gboolean usage(GError **error, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Sets a USAGE error and returns FALSE. */
static gboolean usage(GError **error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error_literal(error, LADDER_ERROR, LADDER_ERROR_USAGE, msg);
    return FALSE;
}

static void run_add_options(GOptionContext *ctx, void *state)
{
    RunState *st = state;
    const GOptionEntry entries[] = {
        {"roster", 0, 0, G_OPTION_ARG_FILENAME, &st->roster_path,
         "Start the stages it covers from this roster of firms (CSV, docs/roster.md) and simulate firm by firm; "
         "also writes firms.csv and firms.json", "FILE"},
        {"service", 0, 0, G_OPTION_ARG_STRING_ARRAY, &st->service_texts,
         "With --roster: a service given to one firm at a time, as a policy changes a firm's own chance "
         "(an edge, exit or renewal; *x or +x), such as 'tech_sme -> hightech = *1.3'; ranks the firms by the "
         "gain (repeatable: one service of several changes)", "KEY=CHANGE"},
        {"serve-top", 0, 0, G_OPTION_ARG_STRING, &st->serve_top,
         "With --service: the firms at the head of each target's gain list served together in a second run "
         "(default 20)", "N"},
        {"trace", 0, 0, G_OPTION_ARG_STRING, &st->trace_id,
         "With --roster: print, after the tables, one replication's events of the firm with this id (promoted, "
         "renewed, lapsed, exited, on or off a list)", "ID"},
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
 * stage it covers, no longer drawn). */
static void note_roster_start(const Model *m, const Roster *r)
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
}

/* --roster: the roster read for the scenario (an INPUT error, file:line,
 * before any folder exists) and the model started from it, its firms'
 * attributes standardised for [effects].  Without a roster, a note on
 * stderr when the scenario has [effects]: they act only on a roster's
 * firms. */
/* One --service text "KEY = CHANGE" into change `i` of st->service. */
static gboolean service_change(RunState *st, const Model *m, const char *text, GError **error)
{
    const char *eq = strchr(text, '=');
    if (eq == NULL || eq == text)
        return usage(error, "--service %s: expected KEY=CHANGE, such as 'tech_sme -> hightech = *1.3'", text);
    g_autofree char *key = g_strstrip(g_strndup(text, (gsize)(eq - text)));
    g_autofree char *value = g_strstrip(g_strdup(eq + 1));
    CultivateService *sv = &st->service;
    if (sv->n == CULTIVATE_MAX_CHANGES)
        return usage(error, "--service: at most %d changes", CULTIVATE_MAX_CHANGES);
    int param = cli_param_find(m, m->file, "--service", key, "to change it", SERVICE_FORMS, error);
    if (param < 0)
        return FALSE;
    if (!param_kind(m->params[param].kind)->takes_effects)
        return usage(error, "--service %s: a service changes a firm's own chance (an edge, exit or renewal); "
                     "%s counts firms, not one firm's chance", text, m->params[param].key);
    for (int i = 0; i < sv->n; i++)
        if (sv->param[i] == param)
            return usage(error, "--service %s: %s is changed twice", text, m->params[param].key);
    PolicyOp op;
    double x;
    g_autofree char *why = NULL;
    if (!scenario_change_parse(value, &op, &x, &why) || op == POLICY_SET)
        return usage(error, "--service %s: expected *x (multiply) or +x, -x (add) on top of the scenario's "
                     "chance, such as *1.3%s%s", text, why ? "; " : "", why ? why : "");
    if (op == POLICY_MULTIPLY && x < 0)
        return usage(error, "--service %s: a factor must not be negative", text);
    sv->param[sv->n] = param;
    sv->op[sv->n] = op == POLICY_MULTIPLY ? LEVER_MULTIPLY : LEVER_ADD;
    sv->x[sv->n++] = x;
    return TRUE;
}

/* --service, --serve-top and --trace, which need a roster. */
static gboolean read_firm_flags(RunState *st, const Model *m, GError **error)
{
    if (st->roster == NULL && (st->service_texts || st->serve_top || st->trace_id))
        return usage(error, "%s needs --roster: it is about the roster's firms",
                     st->service_texts ? "--service" : st->serve_top ? "--serve-top" : "--trace");
    st->top = RUN_SERVE_TOP;
    if (st->serve_top != NULL) {
        guint64 top = 0;
        if (st->service_texts == NULL)
            return usage(error, "--serve-top needs --service: it serves the firms the service helps most");
        if (!cli_flag_number(st->serve_top, "--serve-top", 1, RUN_SERVE_TOP_MAX, &top, error))
            return FALSE;
        st->top = (int)top;
    }
    for (int i = 0; st->service_texts != NULL && st->service_texts[i]; i++)
        if (!service_change(st, m, st->service_texts[i], error))
            return FALSE;
    if (st->service.n > 0 && (st->served = cultivate_served_model(m, &st->service, error)) == NULL)
        return FALSE;
    st->trace_firm = -1;
    if (st->trace_id != NULL && (st->trace_firm = roster_firm_index(st->roster, st->trace_id, error)) < 0)
        return FALSE;
    return TRUE;
}

static gboolean run_read(void *state, CommandCall *call, GError **error)
{
    RunState *st = state;
    Model *m = call->model;
    if (st->roster_path == NULL) {
        if (!read_firm_flags(st, m, error))
            return FALSE;
        if (m->n_effects > 0) {
            g_autofree char *note = g_strdup_printf(i18n_text(m->language, I18N_EFFECTS_UNUSED_FMT), m->file);
            fprintf(stderr, "ladder: note: %s\n", note);
        }
        return TRUE;
    }
    if (region_is(m)) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                    "%s is a region (its [scenario] has parts =): --roster starts one scenario from its firms; "
                    "run each part with its own roster", m->file);
        return FALSE;
    }
    st->roster = roster_read(st->roster_path, m, error);
    if (st->roster == NULL)
        return FALSE;
    note_roster_start(m, st->roster);
    return roster_start_model(st->roster, m, error) && read_firm_flags(st, m, error);
}

static gboolean run_compute(void *state, const CommandCall *call, GError **error)
{
    RunState *st = state;
    if (st->roster != NULL) {
        st->firms_csv = g_build_filename(call->dest, results_csv_file(RESULTS_CSV_FIRMS), NULL);
        st->cultivation_csv = g_build_filename(call->dest, results_csv_file(RESULTS_CSV_CULTIVATION), NULL);
    }
    RunConfig config = call->config;
    g_autofree int *all = NULL;
    RunService sv = {0};
    if (st->served != NULL) {
        all = g_new(int, st->roster->n_firms);
        for (int i = 0; i < st->roster->n_firms; i++)
            all[i] = i;
        sv = (RunService){.served = st->served, .firms = all, .n_firms = st->roster->n_firms};
        config.service = &sv;
        config.keep_counts = TRUE; /* the second run serves the top firms against them */
    }
    st->run = runner_run(call->model, &config, error);
    st->summary = st->run ? summary_new(call->model, st->run, error) : NULL;
    if (st->summary == NULL)
        return FALSE;
    if (st->roster != NULL &&
        (st->cultivation = cultivate_lists(st->run, st->served, &call->config, st->top, error)) == NULL)
        return FALSE;
    if (st->trace_firm >= 0 &&
        (st->trace = runner_trace(call->model, &call->config, 0, st->trace_firm, &st->trace_stages, error)) == NULL)
        return FALSE;
    return TRUE;
}

/* What the writers of whom to help read of the run. */
static OutCultivate cultivation_of(const RunState *st)
{
    return (OutCultivate){.lists = st->cultivation, .summary = st->summary, .roster = st->roster,
                          .service = st->served ? &st->service : NULL, .serve_top = st->top};
}

/* The run's files, with a roster its firms' too (firms and cultivation),
 * then the charts of all of them. */
static gboolean run_write(void *state, const CommandCall *call, GError **error)
{
    RunState *st = state;
    OutCultivate cv = cultivation_of(st);
    return run_outputs_write(st->summary, call->dir, FALSE, error) &&
           (st->roster == NULL || (out_firms_write(st->run, st->roster, call->dir, error) &&
                                   out_cultivate_write(&cv, call->dir, error))) &&
           (!call->render || run_outputs_render(call->dir, error));
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
    g_string_append(out, "\n\n");
    OutCultivate cv = cultivation_of(st);
    out_cultivate_table(&cv, st->cultivation_csv, out);
    if (st->trace != NULL) {
        g_string_append_c(out, '\n');
        out_trace_format(m, &st->roster->firms[st->trace_firm], st->trace, st->trace_stages, &st->run->config, out);
    }
}

static void run_clear(void *state)
{
    RunState *st = state;
    g_clear_pointer(&st->cultivation, cultivate_free);
    g_clear_pointer(&st->summary, summary_free);
    g_clear_pointer(&st->run, runner_result_free);
    g_clear_pointer(&st->roster, roster_free);
    g_clear_pointer(&st->roster_path, g_free);
    g_clear_pointer(&st->firms_csv, g_free);
    g_clear_pointer(&st->cultivation_csv, g_free);
    g_clear_pointer(&st->service_texts, g_strfreev);
    g_clear_pointer(&st->serve_top, g_free);
    g_clear_pointer(&st->trace_id, g_free);
    g_clear_pointer(&st->served, model_free);
    g_clear_pointer(&st->trace, g_array_unref);
    g_clear_pointer(&st->trace_stages, g_free);
    st->service = (CultivateService){0};
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
        "A scenario's [effects] let each roster firm's own attributes (the roster's numeric\n"
        "columns) move its chances (docs/scenario-format.md); ladder fit-roster learns them\n"
        "from a bureau's records of past years.\n"
        "  ladder run scenarios/tianning-2025.ini --roster scenarios/roster/tianning-2025.csv\n\n"
        "Whom to help: with --roster, cultivation.csv and cultivation.json rank the roster's firms,\n"
        "for each target, by their chance of counting toward it (the top 10 printed, the top 20\n"
        "charted in cultivation_K.png, firms_chance.png the spread of chances). --service gives a\n"
        "service to one firm at a time on the run's own random numbers and ranks the firms by the\n"
        "gain in that chance; the top --serve-top of each list are then served together, and the\n"
        "change of P(target) is said. --trace ID prints one replication's events of that firm.\n"
        "  ladder run scenarios/roster/tianning-2025-effects.ini \\\n"
        "      --roster scenarios/roster/tianning-2025.csv \\\n"
        "      --service 'hightech -> gazelle = *1.3' --trace TN0151\n\n"
        "A region file (its [scenario] has parts = A.ini, B.ini) runs its districts together:\n"
        "each from its own base year on streams of its own, [common] shocks shared by all in a\n"
        "replication, its policies acting in every part, its targets counting the sum; prints\n"
        "each part's own targets and its share of the region's (summary.json parts, parts_K.png;\n"
        "docs/regions.md).  build/ladder-mpi (make mpi) runs it over MPI ranks, the same bytes.\n"
        "  ladder run scenarios/changzhou-2025.ini\n\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage,\n"
        "130 interrupted (Ctrl-C leaves no folder behind).",
    .operand = "scenario file",
    .state = &run_state, .opts = &run_state.opts, .out_suffix = "",
    .uncertainty_flag = TRUE, .policy_flags = TRUE, .uses_effects = TRUE, .takes_regions = TRUE,
    .add_options = run_add_options, .read = run_read,
    .compute = run_compute, .write = run_write, .print = run_print, .clear = run_clear,
};
