/* cmd_solve.c: `ladder solve FILE --target NAME|all --probability P --lever KEY`:
 * how much one parameter must change for a target to be as likely as wanted.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "commands.h"
#include "errors.h"
#include "region.h"
#include "out_scenario.h"
#include "out_solve.h"
#include "results.h"
#include "run_outputs.h"
#include "solve.h"
#include "text.h"

#define LEVER_FORMS "levers are written as in a policy: " PARAM_KEY_FORMS

/* The solve flags as typed; NULL when absent. */
typedef struct {
    char *target, *probability, *lever, *from, *min, *max, *mode;
} SolveFlags;

/* The flags, the question they ask and its answer. */
typedef struct {
    CliRunOptions opts;
    SolveFlags flags;
    SolveQuestion question;
    SolveResult *result;
} SolveState;

static SolveState solve_state;

static void solve_add_options(GOptionContext *ctx, void *state)
{
    SolveFlags *f = &((SolveState *)state)->flags;
    const GOptionEntry entries[] = {
        {"target", 0, 0, G_OPTION_ARG_STRING, &f->target, "The target to meet, by name, or 'all' for every target together", "NAME"},
        {"probability", 0, 0, G_OPTION_ARG_STRING, &f->probability, "Probability wanted, above 0 and below 1 (0.8 for 80%)", "P"},
        {"lever", 0, 0, G_OPTION_ARG_STRING, &f->lever, "The parameter to change, as a policy writes it: " PARAM_KEY_FORMS, "KEY"},
        {"from", 0, 0, G_OPTION_ARG_STRING, &f->from, "First year the change acts in (default: base_year+1)", "YEAR"},
        {"mode", 0, 0, G_OPTION_ARG_STRING, &f->mode, "policy (default): change the lever as a policy does, *x on a probability, +x on a count, on top of the drawn values and after the policies; set: set it to a value, which is then no longer drawn from [uncertainty]", "policy|set"},
        {"min", 0, 0, G_OPTION_ARG_STRING, &f->min, "Lowest factor, addend or (--mode set) value to try (default: the lowest every year allows)", "A"},
        {"max", 0, 0, G_OPTION_ARG_STRING, &f->max, "Highest factor, addend or (--mode set) value to try (default: a factor of 10, or less where a probability reaches 1; for a count at c, up to max(10 c, c + 1000) firms a year; a probability 1)", "B"},
        {NULL},
    };
    g_option_context_add_main_entries(ctx, entries, NULL);
}

static void solve_flags_clear(SolveFlags *f)
{
    g_free(f->target);
    g_free(f->probability);
    g_free(f->lever);
    g_free(f->from);
    g_free(f->min);
    g_free(f->max);
    g_free(f->mode);
    memset(f, 0, sizeof *f);
}

/* Sets a USAGE error from a printf format; returns FALSE. */
G_GNUC_PRINTF(2, 3)
static gboolean usage_error(GError **error, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    g_autofree char *msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    g_set_error_literal(error, LADDER_ERROR, LADDER_ERROR_USAGE, msg);
    return FALSE;
}

/* A USAGE error for `word`, which `file` has no `what` of: the nearest of
 * `known` suggested, else `hint`.  Returns FALSE. */
static gboolean unknown_error(GError **error, const char *flag, const char *word, const char *file,
                              const char *what, const char *const *known, const char *hint)
{
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "%s %s: %s has no %s '%s'", flag, word, file, what, word);
    if (text_nearest(word, known))
        text_append_suggestion(msg, word, known);
    else
        g_string_append_printf(msg, "; %s", hint);
    return usage_error(error, "%s", msg->str);
}

/* "'a', 'b' or 'all'": the names --target takes.  Caller frees. */
static char *target_names(const Model *m)
{
    GString *s = g_string_new("its targets are ");
    for (int i = 0; i < m->n_targets; i++)
        g_string_append_printf(s, "'%s', ", m->targets[i].name);
    g_string_append(s, "or 'all'");
    return g_string_free(s, FALSE);
}

static gboolean read_target(const SolveFlags *f, const Model *m, const char *file, int *target, GError **error)
{
    if (f->target == NULL)
        return usage_error(error, "--target is required: name a target of %s, or 'all'", file);
    if (m->n_targets == 0)
        return usage_error(error, "--target %s: %s has no targets; add a [target NAME] group", f->target, file);
    *target = SOLVE_ALL_TARGETS;
    if (strcmp(f->target, "all") == 0)
        return TRUE;
    g_autofree const char **names = g_new0(const char *, m->n_targets + 2);
    for (int i = 0; i < m->n_targets; i++) {
        names[i] = m->targets[i].name;
        if (strcmp(names[i], f->target) == 0) {
            *target = i;
            return TRUE;
        }
    }
    names[m->n_targets] = "all";
    g_autofree char *hint = target_names(m);
    return unknown_error(error, "--target", f->target, file, "target", names, hint);
}

static gboolean read_lever(const SolveFlags *f, const Model *m, const char *file, int *param, GError **error)
{
    if (f->lever == NULL)
        return usage_error(error, "--lever is required: %s", LEVER_FORMS);
    g_autofree char *key = g_strstrip(g_strdup(f->lever));
    g_autofree char *baseline_of = param_baseline_stage(key);
    if (baseline_of != NULL)
        return usage_error(error, "--lever %s: the baseline is the firms at the end of %d, not a yearly "
                           "parameter, so it is not a lever; %s", f->lever, m->base_year, LEVER_FORMS);
    *param = cli_param_find(m, file, "--lever", key, "to make it a lever", LEVER_FORMS, error);
    return *param >= 0;
}

static gboolean read_probability(const SolveFlags *f, double *p, GError **error)
{
    if (f->probability == NULL)
        return usage_error(error, "--probability is required: the probability wanted, 0.8 for 80%%");
    if (!cli_flag_double(f->probability, "--probability", 0, 1, p, NULL) || *p <= 0 || *p >= 1)
        return usage_error(error, "--probability %s: expected a number above 0 and below 1 (0.8 for 80%%)",
                           f->probability);
    return TRUE;
}

static gboolean read_mode(const SolveFlags *f, const Model *m, SolveMode *mode, GError **error)
{
    *mode = SOLVE_MODE_POLICY;
    if (f->mode == NULL || strcmp(f->mode, "policy") == 0)
        return TRUE;
    if (strcmp(f->mode, "set") == 0 && region_is(m))
        return usage_error(error, "--mode set: %s is a region, whose parts each have their own value of the lever; "
                           "solve it as a policy does (the default), *x or +x in every part", m->file);
    if (strcmp(f->mode, "set") == 0) {
        *mode = SOLVE_MODE_SET;
        return TRUE;
    }
    return usage_error(error, "--mode %s: expected 'policy' (change the lever as a policy does) or 'set' "
                       "(set it to a value, no longer drawn)", f->mode);
}

static gboolean read_from(const SolveFlags *f, const Model *m, int *from, GError **error)
{
    guint64 year = (guint64)m->base_year + 1;
    if (!cli_flag_number(f->from, "--from", (guint64)m->base_year + 1, (guint64)m->horizon, &year, error))
        return FALSE;
    *from = (int)year;
    return TRUE;
}

/* "the values", "the factors on", "the firms a year added to": what a
 * bound of the lever on `param` in `mode` is. */
static const char *bound_words(const Model *m, int param, SolveMode mode)
{
    static const char *const words[] = {[LEVER_SET] = "the values", [LEVER_MULTIPLY] = "the factors on",
                                        [LEVER_ADD] = "the firms a year added to"};
    return words[solve_lever_op(m, param, mode)];
}

/* Reads the bound `text` of flag `flag` (NULL: leaves *out) within the
 * values the lever on q's parameter takes, lo..hi. */
static gboolean read_bound(const Model *m, const SolveQuestion *q, const char *text, const char *flag, double lo,
                           double hi, double *out, GError **error)
{
    if (text == NULL)
        return TRUE;
    if (cli_flag_double(text, flag, lo, hi, out, NULL))
        return TRUE;
    char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
    return usage_error(error, "%s %s: expected a number from %s to %s, %s %s from %d on with every year valid",
                       flag, text, g_ascii_formatd(a, sizeof a, "%.10g", lo), g_ascii_formatd(b, sizeof b, "%.10g", hi),
                       bound_words(m, q->param, q->mode), m->params[q->param].key, q->from);
}

/* A USAGE error for bound `text` of `flag`, `side` ("above", "below") the
 * lever's current value, where the search starts.  Returns FALSE. */
static gboolean current_error(const Model *m, const SolveQuestion *q, const char *flag, const char *text,
                              const char *side, GError **error)
{
    static const char *const what[] = {[LEVER_SET] = "value", [LEVER_MULTIPLY] = "factor",
                                       [LEVER_ADD] = "number of firms a year added"};
    const char *key = m->params[q->param].key;
    LeverOp op = solve_lever_op(m, q->param, q->mode);
    char now[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(now, sizeof now, "%.10g", solve_current(m, q->param, q->mode));
    if (op == LEVER_SET)
        return usage_error(error, "%s %s: %s the current value of %s, %s; the search runs from the current value",
                           flag, text, side, key, now);
    return usage_error(error, "%s %s: %s %s, the %s that leaves %s as it is; the search runs from it", flag, text,
                       side, now, what[op], key);
}

/* --min and --max into q->min and q->max (NAN when absent): within what the
 * lever takes, min <= max, and the current value between them. */
static gboolean read_bounds(const SolveFlags *f, const Model *m, SolveQuestion *q, GError **error)
{
    double lo, hi, c = solve_current(m, q->param, q->mode);
    q->min = q->max = NAN;
    q->min_given = f->min != NULL;
    q->max_given = f->max != NULL;
    if (f->min == NULL && f->max == NULL)
        return TRUE;
    if (!solve_range(m, q->param, q->from, q->mode, &lo, &hi, error) ||
        !read_bound(m, q, f->min, "--min", lo, hi, &q->min, error) ||
        !read_bound(m, q, f->max, "--max", lo, hi, &q->max, error))
        return FALSE;
    if (q->min > q->max)
        return usage_error(error, "--min %s is above --max %s", f->min, f->max);
    if (q->min > c)
        return current_error(m, q, "--min", f->min, "above", error);
    if (q->max < c)
        return current_error(m, q, "--max", f->max, "below", error);
    return TRUE;
}

/* Every solve flag into the question; a USAGE error names the flag. */
static gboolean solve_read(void *state, CommandCall *call, GError **error)
{
    SolveState *st = state;
    const SolveFlags *f = &st->flags;
    const Model *m = call->model;
    const char *file = call->files[0];
    SolveQuestion *q = &st->question;
    return read_target(f, m, file, &q->target, error) && read_probability(f, &q->wanted, error) &&
           read_lever(f, m, file, &q->param, error) && read_mode(f, m, &q->mode, error) &&
           read_from(f, m, &q->from, error) && read_bounds(f, m, q, error);
}

static gboolean solve_compute(void *state, const CommandCall *call, GError **error)
{
    SolveState *st = state;
    st->result = solve_run(call->model, &st->question, &call->config, error);
    return st->result != NULL;
}

/* solve.json, the chart's data and script, scenario.json, and the chart. */
static gboolean solve_write(void *state, const CommandCall *call, GError **error)
{
    const SolveResult *r = ((SolveState *)state)->result;
    g_autofree char *json = g_build_filename(call->dir, results_file(RESULTS_SOLVE), NULL);
    g_autofree char *scenario = g_build_filename(call->dir, results_file(RESULTS_SCENARIO), NULL);
    return out_solve_json(r, json, error) && out_solve_chart(r, call->dir, error) &&
           out_scenario_json(r->model, scenario, error) && (!call->render || run_outputs_render(call->dir, error));
}

static void solve_print(void *state, GString *out)
{
    out_solve_format(((SolveState *)state)->result, out);
}

static void solve_clear(void *state)
{
    SolveState *st = state;
    g_clear_pointer(&st->result, solve_result_free);
    solve_flags_clear(&st->flags);
}

const CommandSpec cmd_solve_spec = {
    .name = "solve",
    .parameter = "FILE",
    .summary = "find the least change of a lever that makes a target as likely as wanted",
    .usage = "FILE - find the least change of a lever that meets a target",
    .help_summary =
        "Finds the least change of one parameter, from a year to the horizon, that makes a target\n"
        "(or every target together) at least as likely as wanted, and prints it as a policy group.",
    .help_description =
        "Example:\n"
        "  ladder solve scenarios/tianning-2025.ini --target 高新技术企业500家 --probability 0.8 \\\n"
        "      --lever 'tech_sme -> hightech'\n\n"
        "  answers with a policy group to paste at the end of the scenario file:\n"
        "      [policy 求解]\n"
        "      from = 2022\n"
        "      tech_sme -> hightech = *1.174\n\n"
        "By default (--mode policy) the lever acts as that policy does: a factor on a probability, on\n"
        "a 0.001 grid, or whole firms a year added to a count, on top of the drawn values and after\n"
        "every policy of the year.  At ×1 (+0) it changes nothing, so the base is `ladder run`'s\n"
        "probability, and `ladder run` on the file with the group appended gives the probability of\n"
        "the answer, with the same seed and replications.  Every value tried runs the same\n"
        "replications (common random numbers).  The value found reaches the probability and one\n"
        "step less does not.\n"
        "--mode set sets the parameter to a value instead (before the policies); a parameter in\n"
        "[uncertainty] is then no longer drawn, so its base differs from `ladder run`'s, which is\n"
        "printed beside it.\n"
        "Writes solve.json, solve.csv and a chart (solve.dat, solve.gp, .png, .svg) into out/<file stem>-solve/.\n"
        "Exit status: 0 done (also when no value reaches the probability), 1 a file could not be\n"
        "written, 2 bad input or usage, 130 interrupted.",
    .operand = "scenario file",
    .state = &solve_state, .opts = &solve_state.opts, .out_suffix = "-solve",
    .uncertainty_flag = TRUE, .policy_flags = TRUE, .takes_regions = TRUE,
    .add_options = solve_add_options, .read = solve_read,
    .compute = solve_compute, .write = solve_write, .print = solve_print, .clear = solve_clear,
};
