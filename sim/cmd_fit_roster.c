/* cmd_fit_roster.c: `ladder fit-roster FILE --outcomes O.csv [--attrs
 * A,B]`: learn the [effects] of FILE from a bureau's firm-years and write
 * the fitted scenario beside fit.json, fit.csv and the calibration
 * charts.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "csv.h"
#include "errors.h"
#include "fit_roster.h"
#include "i18n.h"
#include "out_fit_roster.h"
#include "outcomes.h"
#include "outdir.h"
#include "run_outputs.h"
#include "scenario.h"
#include "text.h"

/* One fit-roster: its flags, its inputs and its results. */
typedef struct {
    CliRunOptions opts;
    char *outcomes_flag, *attrs_flag;  /* as typed; NULL when absent */
    Outcomes *outcomes;
    int attrs[MODEL_MAX_ATTRS];        /* the outcomes' attribute columns to fit */
    int n_attrs;
    FitRoster *fit;
    char *fitted;                      /* dest/<stem>-fitted.ini */
} FitRosterCommand;

static FitRosterCommand fit_roster_state;

static void fit_roster_add_options(GOptionContext *ctx, void *state)
{
    FitRosterCommand *st = state;
    const GOptionEntry entries[] = {
        {"outcomes", 0, 0, G_OPTION_ARG_FILENAME, &st->outcomes_flag,
         "The firm-years to learn from (CSV: id,year,stage,years_in_stage,next_stage and attribute columns)", "O.csv"},
        {"attrs", 0, 0, G_OPTION_ARG_STRING, &st->attrs_flag,
         "The attribute columns to fit, comma-separated (default: every one)", "A,B"},
        {NULL},
    };
    g_option_context_add_main_entries(ctx, entries, NULL);
}

static gboolean fit_roster_check(void *state, GError **error)
{
    FitRosterCommand *st = state;
    if (st->outcomes_flag != NULL)
        return TRUE;
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE,
                "--outcomes is required: the firm-years to learn from (docs/roster.md, \"Outcomes\")");
    return FALSE;
}

/* --attrs word `name`: one of o's attribute columns, not given before.
 * FALSE with a USAGE error naming the nearest column. */
static gboolean read_attr(FitRosterCommand *st, const char *name, GError **error)
{
    const Outcomes *o = st->outcomes;
    int a = outcomes_attr_index(o, name);
    g_autoptr(GString) msg = g_string_new(NULL);
    for (int i = 0; a >= 0 && i < st->n_attrs; i++)
        if (st->attrs[i] == a)
            g_string_printf(msg, "--attrs: %s is given twice", name);
    if (a < 0) {
        g_string_printf(msg, "--attrs %s: %s has no attribute column '%s'", name, o->file, name);
        text_append_suggestion(msg, name, (const char *const *)o->attr_names);
        g_string_append(msg, " (its attribute columns: ");
        text_append_list(msg, (const char *const *)o->attr_names);
        g_string_append(msg, ")");
    } else if (msg->len == 0 && st->n_attrs == MODEL_MAX_ATTRS) {
        g_string_printf(msg, "--attrs: at most %d attributes (a scenario's [effects] has no more)", MODEL_MAX_ATTRS);
    }
    if (msg->len > 0) {
        g_set_error_literal(error, LADDER_ERROR, LADDER_ERROR_USAGE, msg->str);
        return FALSE;
    }
    st->attrs[st->n_attrs++] = a;
    return TRUE;
}

/* The attributes to fit: --attrs's, else every attribute column. */
static gboolean read_attrs(FitRosterCommand *st, GError **error)
{
    const Outcomes *o = st->outcomes;
    if (o->n_attrs == 0)
        return csv_error(error, o->file, o->header_line,
                         "no attribute column: fit-roster learns how a firm's attributes (such as rd_intensity, "
                         "a roster's numeric columns) move its chances, so the outcomes need at least one");
    if (st->attrs_flag == NULL && o->n_attrs > MODEL_MAX_ATTRS) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE,
                    "%s has %d attribute columns, more than the %d a scenario's [effects] may use: choose with --attrs",
                    o->file, o->n_attrs, MODEL_MAX_ATTRS);
        return FALSE;
    }
    if (st->attrs_flag == NULL) {
        for (int a = 0; a < o->n_attrs; a++)
            st->attrs[st->n_attrs++] = a;
        return TRUE;
    }
    g_auto(GStrv) parts = g_strsplit(st->attrs_flag, ",", -1);
    for (int i = 0; parts[i]; i++)
        if (!read_attr(st, g_strstrip(parts[i]), error))
            return FALSE;
    if (st->n_attrs > 0)
        return TRUE;
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--attrs names no attribute");
    return FALSE;
}

static gboolean fit_roster_read(void *state, CommandCall *call, GError **error)
{
    FitRosterCommand *st = state;
    st->outcomes = outcomes_read(st->outcomes_flag, call->model, error);
    return st->outcomes != NULL && read_attrs(st, error);
}

/* Writes the fitted scenario into the folder being written and loads it
 * back, as `ladder run` will: a file that does not load is ladder's bug,
 * caught here rather than by the user.  Says on stderr what it cannot
 * undo of FILE. */
static gboolean write_fitted(FitRosterCommand *st, const CommandCall *call, GError **error)
{
    const char *file = call->files[0];
    g_autofree char *stem = text_file_stem(file);
    g_autofree char *name = g_strconcat(stem, "-fitted.ini", NULL);
    g_autofree char *parent = text_relative_path(call->dest, file);
    g_autoptr(GPtrArray) drawn = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *text = out_fit_roster_ini(st->fit, parent, drawn);
    g_autofree char *path = g_build_filename(call->dir, name, NULL);
    if (!outdir_write_file(path, text, -1, error))
        return FALSE;
    g_autoptr(Model) back = scenario_load(path, error);
    if (back == NULL)
        return FALSE;
    for (guint i = 0; i < drawn->len; i++)
        fprintf(stderr, "ladder: warning: %s\n", (const char *)drawn->pdata[i]);
    st->fitted = g_build_filename(call->dest, name, NULL);
    return TRUE;
}

static gboolean fit_roster_compute(void *state, const CommandCall *call, GError **error)
{
    FitRosterCommand *st = state;
    st->fit = fit_roster_run(call->model, st->outcomes, st->attrs, st->n_attrs, error);
    return st->fit != NULL && write_fitted(st, call, error);
}

static gboolean fit_roster_write(void *state, const CommandCall *call, GError **error)
{
    FitRosterCommand *st = state;
    return out_fit_roster_json(st->fit, st->fitted, call->dir, error) &&
           out_fit_roster_charts(st->fit, call->dir, error) && (!call->render || run_outputs_render(call->dir, error));
}

static void fit_roster_print(void *state, GString *out)
{
    FitRosterCommand *st = state;
    out_fit_roster_format(st->fit, st->fitted, out);
}

static void fit_roster_clear(void *state)
{
    FitRosterCommand *st = state;
    fit_roster_free(st->fit);
    outcomes_free(st->outcomes);
    g_free(st->fitted);
    g_free(st->outcomes_flag);
    g_free(st->attrs_flag);
    CliRunOptions opts = st->opts;  /* the lifecycle clears the run flags */
    memset(st, 0, sizeof *st);
    st->opts = opts;
}

const CommandSpec cmd_fit_roster_spec = {
    .name = "fit-roster",
    .parameter = "FILE",
    .summary = "learn [effects] from a bureau's firm-years; write the fitted scenario",
    .usage = "FILE - learn each firm's chances from its records",
    .help_summary =
        "Fits the model of docs/model.md (\"Firms\") to a bureau's records of its firms, one row a\n"
        "firm-year: for each stage, a multinomial logit of exit and each edge against staying and,\n"
        "for a firm due for renewal, a logit of renewing, on the standardised attributes, by\n"
        "maximum likelihood; with standard errors, a likelihood-ratio test of each attribute, and a\n"
        "check on the last year of a fit on the years before.",
    .help_description =
        "Example:\n"
        "  ladder fit-roster scenarios/tianning-2025.ini \\\n"
        "      --outcomes scenarios/roster/tianning-2025-outcomes.csv\n"
        "  ladder run out/tianning-2025-fit/tianning-2025-fitted.ini --roster scenarios/roster/tianning-2025.csv\n\n"
        "Writes into out/<file stem>-fit/: <file stem>-fitted.ini, which extends FILE with the fitted\n"
        "coefficients in [effects] (and the standardise lines used) and draws each from\n"
        "normal(estimate, se) in [uncertainty]; FILE's rates are kept, so a firm at the mean has\n"
        "exactly FILE's chances.  fit.json and fit.csv: every coefficient with its standard error,\n"
        "z, 95% interval and tests, each outcome's fitted rate at the mean firm beside FILE's, the\n"
        "held-out log-loss and AUC; fit_<stage>.png: predicted against observed by groups of\n"
        "predicted probability, for each stage's main move up.  A move FILE's ladder does not\n"
        "allow is an error naming its line; a coefficient the records cannot determine (an outcome\n"
        "never seen, an attribute constant in the stage, fewer than 10 events a coefficient,\n"
        "separation, collinearity) is held at 0 and said.  docs/roster.md, \"Outcomes\", has the file.\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage, 130 interrupted.",
    .operand = "scenario file",
    .state = &fit_roster_state, .opts = &fit_roster_state.opts,
    .out_suffix = "-fit", .simulates_nothing = TRUE,
    .add_options = fit_roster_add_options, .check = fit_roster_check, .read = fit_roster_read,
    .compute = fit_roster_compute, .write = fit_roster_write,
    .print = fit_roster_print, .clear = fit_roster_clear,
};
