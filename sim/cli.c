/* cli.c: the flags the simulating commands share and their reading into a
 * RunConfig, bounded flag numbers, and parameter keys named on the command
 * line.
 * SPDX-License-Identifier: MIT */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "interrupt.h"
#include "text.h"

void cli_add_run_options(GOptionContext *ctx, CliRunOptions *o, const char *out_suffix,
                         gboolean uncertainty_flag, gboolean policy_flags, gboolean simulates)
{
    g_free(o->out_help);
    o->out_help = g_strdup_printf("Output folder (default: out/<file stem>%s)", out_suffix);
    /* g_option_context_add_main_entries copies the entries, not their strings. */
    const GOptionEntry run[] = {
        {"reps", 'n', 0, G_OPTION_ARG_STRING, &o->reps, "Replications (default: [scenario] replications, else 10000)", "N"},
        {"seed", 's', 0, G_OPTION_ARG_STRING, &o->seed, "Random seed (default: [scenario] seed, else 1)", "S"},
        {"threads", 't', 0, G_OPTION_ARG_STRING, &o->threads, "Threads (default: online cores); results do not depend on it", "T"},
        {NULL},
    };
    const GOptionEntry folder[] = {
        {"out", 'o', 0, G_OPTION_ARG_FILENAME, &o->out, o->out_help, "DIR"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &o->lang, "Language of the tables, charts and report: zh or en (default: the scenario's)", "zh|en"},
        {NULL},
    };
    const GOptionEntry uncertainty[] = {
        {"no-uncertainty", 0, 0, G_OPTION_ARG_NONE, &o->no_uncertainty, "Use central values instead of drawing [uncertainty]", NULL},
        {NULL},
    };
    const GOptionEntry policies[] = {
        {"without", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->without, "Switch off the [policy NAME] group NAME, as if it were not in the file (repeatable)", "NAME"},
        {"only", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->only, "Switch off every policy but NAME (repeatable: keep each one named)", "NAME"},
        {NULL},
    };
    const GOptionEntry charts[] = {
        {"no-charts", 0, 0, G_OPTION_ARG_NONE, &o->no_charts, "Write chart data and scripts but do not run gnuplot", NULL},
        {NULL},
    };
    const GOptionEntry report[] = {
        {"report", 0, 0, G_OPTION_ARG_NONE, &o->report, "Also write report.html, as `ladder report` does", NULL},
        {NULL},
    };
    const GOptionEntry output[] = {
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &o->quiet, "Print nothing but errors and warnings", NULL},
        {"force", 0, 0, G_OPTION_ARG_NONE, &o->force, "Replace the --out folder even when another command wrote it", NULL},
        {NULL},
    };
    if (simulates)
        g_option_context_add_main_entries(ctx, run, NULL);
    g_option_context_add_main_entries(ctx, folder, NULL);
    if (uncertainty_flag)
        g_option_context_add_main_entries(ctx, uncertainty, NULL);
    if (policy_flags)
        g_option_context_add_main_entries(ctx, policies, NULL);
    g_option_context_add_main_entries(ctx, charts, NULL);
    if (simulates)
        g_option_context_add_main_entries(ctx, report, NULL);
    g_option_context_add_main_entries(ctx, output, NULL);
}

void cli_run_options_clear(CliRunOptions *o)
{
    g_free(o->reps);
    g_free(o->seed);
    g_free(o->threads);
    g_free(o->out);
    g_free(o->out_help);
    g_free(o->lang);
    g_strfreev(o->without);
    g_strfreev(o->only);
    memset(o, 0, sizeof *o);
}

gboolean cli_parse(GOptionContext *ctx, int *argc, char ***argv, GError **error)
{
    if (g_option_context_parse(ctx, argc, argv, error))
        return TRUE;
    (*error)->domain = LADDER_ERROR;
    (*error)->code = LADDER_ERROR_USAGE;
    return FALSE;
}

gboolean cli_flag_number(const char *text, const char *flag, guint64 lo, guint64 hi, guint64 *out,
                         GError **error)
{
    if (text == NULL)
        return TRUE;
    if (!g_ascii_string_to_unsigned(text, 10, lo, hi, out, NULL)) {
        g_autofree char *why = text_number_advice(text);
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE,
                    "%s %s: expected a whole number from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT "%s%s", flag,
                    text, lo, hi, why ? "; " : "", why ? why : "");
        return FALSE;
    }
    return TRUE;
}

gboolean cli_flag_double(const char *text, const char *flag, double lo, double hi, double *out,
                         GError **error)
{
    if (text == NULL)
        return TRUE;
    double v = 0;
    g_autofree char *why = NULL;
    if (!text_parse_decimal(text, &v, &why) || !(v >= lo && v <= hi)) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "%s %s: expected a number from %g to %g%s%s", flag,
                    text, lo, hi, why ? "; " : "", why ? why : "");
        return FALSE;
    }
    *out = v;
    return TRUE;
}

gboolean cli_run_config(const Model *m, const CliRunOptions *o, RunConfig *c, GError **error)
{
    guint64 threads = g_get_num_processors();
    *c = (RunConfig){0};
    c->reps = m->replications ? m->replications : CLI_DEFAULT_REPS;
    c->seed = m->has_seed ? m->seed : CLI_DEFAULT_SEED;
    if (!cli_flag_number(o->reps, "--reps", 1, MODEL_MAX_REPLICATIONS, &c->reps, error) ||
        !cli_flag_number(o->seed, "--seed", 0, G_MAXUINT64, &c->seed, error) ||
        !cli_flag_number(o->threads, "--threads", 1, CLI_MAX_THREADS, &threads, error))
        return FALSE;
    if (o->lang && strcmp(o->lang, "zh") != 0 && strcmp(o->lang, "en") != 0) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--lang %s: expected zh or en", o->lang);
        return FALSE;
    }
    c->threads = (guint)threads;
    c->uncertain = !o->no_uncertainty;
    c->progress = !o->quiet;
    c->cancel = interrupt_cancel_flag();
    return TRUE;
}

/* Where a parameter of each kind is written, by its key's prefix. */
static const struct {
    const char *prefix, *group, *example;
} kind_groups[] = {
    {"exit.", "[exits]", "%s = 0"},
    {"renewal.", "[renewal]", "%s = V;p;lapse"},
    {"inflow.", "[inflows]", "%s = 0"},
    {"recruitment.", "[recruitment]", "%s = 0"},
};

/* For a well-formed key the scenario does not give ("recruitment.hightech"
 * when [recruitment] has no hightech line), the line that would give it:
 * "'hightech = 0' in [recruitment]".  NULL for other keys.  Caller frees. */
static char *absent_hint(const Model *m, const char *key)
{
    const char *arrow = strstr(key, "->");
    if (arrow) {
        g_autofree char *from = g_strstrip(g_strndup(key, arrow - key));
        g_autofree char *to = g_strstrip(g_strdup(arrow + 2));
        if (model_stage_index(m, from) < 0 || model_stage_index(m, to) < 0)
            return NULL;
        return g_strdup_printf("'%s -> %s = 0' in [transitions]", from, to);
    }
    for (gsize i = 0; i < G_N_ELEMENTS(kind_groups); i++) {
        const char *id = key + strlen(kind_groups[i].prefix);
        if (!g_str_has_prefix(key, kind_groups[i].prefix) || model_stage_index(m, id) < 0)
            continue;
        g_autofree char *line = g_strdup_printf(kind_groups[i].example, id);
        return g_strdup_printf("'%s' in %s", line, kind_groups[i].group);
    }
    return NULL;
}

int cli_param_find(const Model *m, const char *file, const char *flag, const char *key, const char *purpose,
                   const char *forms, GError **error)
{
    int param = model_param_find(m, key);
    if (param >= 0)
        return param;
    g_autofree char *absent = absent_hint(m, key);
    if (absent) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "%s %s: %s does not give it; write %s %s", flag, key,
                    file, absent, purpose);
        return -1;
    }
    g_autofree const char **keys = g_new0(const char *, m->n_params + 1);
    for (int i = 0; i < m->n_params; i++)
        keys[i] = m->params[i].key;
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "%s %s: %s has no parameter '%s'", flag, key, file, key);
    if (text_nearest(key, keys))
        text_append_suggestion(msg, key, keys);
    else
        g_string_append_printf(msg, "; %s", forms);
    g_set_error_literal(error, LADDER_ERROR, LADDER_ERROR_USAGE, msg->str);
    return -1;
}

void cli_apply_language(Model *m, const CliRunOptions *o)
{
    if (m == NULL || o->lang == NULL || (strcmp(o->lang, "zh") != 0 && strcmp(o->lang, "en") != 0))
        return;
    g_free(m->language);
    m->language = g_strdup(o->lang);
}

/* TRUE when policy `name` is in some model; else a USAGE error naming
 * `flag`, the files and the nearest policy name. */
static gboolean policy_named(Model *const *models, int n, const char *const *files, const char *flag,
                             const char *name, GError **error)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    for (int k = 0; k < n; k++) {
        if (model_policy_index(models[k], name) >= 0)
            return TRUE;
        for (int i = 0; i < models[k]->n_policies; i++)
            g_ptr_array_add(names, models[k]->policies[i].name);
    }
    g_ptr_array_add(names, NULL);
    g_autoptr(GString) msg = g_string_new(NULL);
    if (n == 1)
        g_string_printf(msg, "%s %s: %s has no [policy %s]", flag, name, files[0], name);
    else
        g_string_printf(msg, "%s %s: none of the %d scenarios has a [policy %s]", flag, name, n, name);
    if (names->len > 1)
        text_append_suggestion(msg, name, (const char *const *)names->pdata);
    else
        g_string_append(msg, " (it has no policy)");
    g_set_error_literal(error, LADDER_ERROR, LADDER_ERROR_USAGE, msg->str);
    return FALSE;
}

gboolean cli_apply_policy_flags(Model *const *models, int n, const char *const *files, const CliRunOptions *o,
                                GError **error)
{
    if (o->without && o->only) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE,
                    "--without and --only together: name the policies to switch off, or those to keep");
        return FALSE;
    }
    const char *flag = o->only ? "--only" : "--without";
    GStrv named = o->only ? o->only : o->without;
    for (int i = 0; named && named[i]; i++)
        if (!policy_named(models, n, files, flag, named[i], error))
            return FALSE;
    for (int k = 0; named && k < n; k++)
        for (int p = 0; p < models[k]->n_policies;)  /* in file order, for policies_off */
            if (g_strv_contains((const char *const *)named, models[k]->policies[p].name) == (o->only == NULL))
                model_switch_off_policy(models[k], p);
            else
                p++;
    return TRUE;
}
