/* commands.c: the table of commands and the lifecycle every command
 * shares (commands.h): flags,
 * operands, Ctrl-C, the scenario and run settings, the output folder,
 * compute, write, commit, print, and how a failure is said.  In the
 * library, so that the commands link without main.o.
 * SPDX-License-Identifier: MIT */
#include "commands.h"

#include <stdio.h>
#include <string.h>

#include "cluster.h"
#include "errors.h"
#include "i18n.h"
#include "interrupt.h"
#include "outdir.h"
#include "region.h"
#include "run_outputs.h"
#include "scenario.h"
#include "text.h"

/* The commands in the order `ladder help` lists them. */
static const CommandSpec *const commands[] = {
    &cmd_run_spec, &cmd_sensitivity_spec, &cmd_compare_spec, &cmd_solve_spec,
    &cmd_calibrate_spec, &cmd_backtest_spec, &cmd_fit_roster_spec, &cmd_allocate_spec, &cmd_report_spec,
    &cmd_roster_spec,
};

const CommandSpec *const *commands_list(gsize *n)
{
    *n = G_N_ELEMENTS(commands);
    return commands;
}

const CommandSpec *commands_find(const char *name)
{
    for (gsize i = 0; i < G_N_ELEMENTS(commands); i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

/* The word that picks subcommand `sub`: its name's last ("synth"). */
static const char *sub_word(const CommandSpec *sub)
{
    const char *space = strrchr(sub->name, ' ');
    return space ? space + 1 : sub->name;
}

const CommandSpec *commands_find_sub(const CommandSpec *spec, const char *word)
{
    for (int i = 0; spec->subcommands && spec->subcommands[i]; i++)
        if (strcmp(sub_word(spec->subcommands[i]), word) == 0)
            return spec->subcommands[i];
    return NULL;
}

/* Prints "ladder: MESSAGE" on stderr and returns the exit code of `error`
 * (freed); adds "Try 'ladder help COMMAND'" after a usage error. */
static int fail(const char *command, GError *error)
{
    fprintf(stderr, "ladder: %s\n", error->message);
    if (error->domain == LADDER_ERROR && error->code == LADDER_ERROR_USAGE)
        fprintf(stderr, "Try 'ladder help %s'.\n", command ? command : "");
    int status = errors_exit_code(error);
    g_error_free(error);
    return status;
}

/* The options and help of `spec`: its own flags, then the run flags. */
static GOptionContext *commands_context(const CommandSpec *spec)
{
    GOptionContext *ctx = g_option_context_new(spec->usage);
    if (spec->add_options)
        spec->add_options(ctx, spec->state);
    if (spec->opts)
        cli_add_run_options(ctx, spec->opts, spec->out_suffix, spec->uncertainty_flag, spec->policy_flags,
                            !spec->simulates_nothing);
    g_option_context_set_summary(ctx, spec->help_summary);
    g_option_context_set_description(ctx, spec->help_description);
    return ctx;
}

/* The help of a command of subcommands: its usage, summary, one line a
 * subcommand, its description. */
static char *group_help(const CommandSpec *spec)
{
    GString *text = g_string_new(NULL);
    g_string_append_printf(text, "Usage:\n  ladder %s %s\n\n%s\n\nSubcommands:\n", spec->name, spec->usage,
                           spec->help_summary);
    for (int i = 0; spec->subcommands[i]; i++) {
        const CommandSpec *sub = spec->subcommands[i];
        g_string_append_printf(text, "  %-8s %-8s %s\n", sub_word(sub), sub->parameter, sub->summary);
    }
    g_string_append_printf(text, "\n%s\n", spec->help_description);
    return g_string_free(text, FALSE);
}

char *commands_help(const CommandSpec *spec)
{
    if (spec->subcommands)
        return group_help(spec);
    g_autoptr(GOptionContext) ctx = commands_context(spec);
    char *text = g_option_context_get_help(ctx, TRUE, NULL);
    if (spec->opts)
        cli_run_options_clear(spec->opts);
    return text;
}

/* `n` operands as `spec` takes them: its operands callback's rule, else
 * exactly one, or (several) two or more.  A USAGE error otherwise. */
static gboolean check_operands(const CommandSpec *spec, int n, GError **error)
{
    if (spec->operands)
        return spec->operands(spec->state, n, error);
    if (spec->several && n < 2) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "%s: name at least two %ss, the base first (got %d)",
                    spec->name, spec->operand, n);
        return FALSE;
    }
    if (!spec->several && n != 1) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "%s: name %s %s", spec->name,
                    n < 1 ? "one" : "only one", spec->operand);
        return FALSE;
    }
    return TRUE;
}

gboolean commands_check_region(const CommandSpec *spec, const Model *m, GError **error)
{
    if (spec->takes_regions || !region_is(m))
        return TRUE;
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                "%s is a region (its [scenario] has parts =), and `ladder %s` does not take a region: run it on "
                "each part (docs/regions.md lists the commands that take a region)", m->file, spec->name);
    return FALSE;
}

/* files[0] as call->model, the one scenario of call->models. */
static gboolean load_one(CommandCall *call, GError **error)
{
    call->model = scenario_load(call->files[0], error);
    call->models = &call->model;
    call->n_models = call->model != NULL;
    return call->model != NULL;
}

/* Says on stderr that `m`'s [effects] go unused when the command `spec`
 * does not simulate firms (they act only in `ladder run --roster`). */
static void note_unused_effects(const CommandSpec *spec, const Model *m)
{
    if (spec->uses_effects || m->n_effects == 0)
        return;
    g_autofree char *note = g_strdup_printf(i18n_text(m->language, I18N_EFFECTS_UNUSED_BY_FMT), m->file,
                                            spec->name);
    fprintf(stderr, "ladder: note: %s\n", note);
}

/* Everything read before the output folder: the command's flags, the
 * scenarios in --lang, the run settings. */
static gboolean prepare(const CommandSpec *spec, CommandCall *call, GError **error)
{
    if (spec->check && !spec->check(spec->state, error))
        return FALSE;
    if (spec->load ? !spec->load(spec->state, call, error) : !load_one(call, error))
        return FALSE;
    for (int i = 0; i < call->n_models; i++)
        if (!commands_check_region(spec, call->models[i], error))
            return FALSE;
    if (spec->policy_flags && !cli_apply_policy_flags(call->models, call->n_models, call->files, spec->opts, error))
        return FALSE;
    for (int i = 0; i < call->n_models; i++) {
        cli_apply_language(call->models[i], spec->opts);
        note_unused_effects(spec, call->models[i]);
    }
    if (!cli_run_config(call->models[0], spec->opts, &call->config, error))
        return FALSE;
    call->render = !spec->opts->no_charts;
    return spec->read == NULL || spec->read(spec->state, call, error);
}

/* The command's table, then where the results are. */
static void print_results(const CommandSpec *spec, const CommandCall *call)
{
    g_autoptr(GString) text = g_string_new(NULL);
    spec->print(spec->state, text);
    fputs(text->str, stdout);
    printf("\n%s %s/\n", i18n_text(call->models[0]->language, I18N_RESULTS_IN), call->dest);
}

/* A rank but 0 of build/ladder-mpi (cluster.h): the command's runs, in
 * step with rank 0, which alone makes the folder, writes and prints. */
static gboolean computes_only(const CommandSpec *spec, CommandCall *call, const char *dest, GError **error)
{
    if (!cluster_all(TRUE)) { /* rank 0 could not make the folder, and says why */
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "rank 0 stopped before the runs");
        return FALSE;
    }
    call->dest = dest;
    gboolean ok = spec->compute(spec->state, call, error);
    call->dest = NULL;
    return ok;
}

/* A simulating command from its scenario to its committed folder.  The
 * folder appears whole or not at all: an error or Ctrl-C removes it. */
static gboolean simulate(const CommandSpec *spec, CommandCall *call, GError **error)
{
    const CliRunOptions *o = spec->opts;
    interrupt_catch();
    if (!prepare(spec, call, error))
        return FALSE;
    g_autofree char *dest = o->out ? g_strdup(o->out) : text_default_out(call->files[0], spec->out_suffix);
    if (cluster_rank() != 0) /* another rank: its share of the runs, nothing written (cluster.h) */
        return computes_only(spec, call, dest, error);
    g_autoptr(OutDir) out = outdir_begin(dest, spec->name, o->force, error);
    if (!cluster_all(out != NULL))
        return FALSE;
    call->dest = dest;
    call->dir = outdir_path(out);
    gboolean written = spec->compute(spec->state, call, error) && spec->write(spec->state, call, error);
    if (interrupt_check(error) || !written) {
        outdir_name_error(out, *error);
        return FALSE;
    }
    call->dir = NULL;
    if (!run_outputs_commit(g_steal_pointer(&out), o->report, error))
        return FALSE;
    if (!o->quiet)
        print_results(spec, call);
    return TRUE;
}

/* A USAGE error for a subcommand `word` of `spec` that is missing (NULL)
 * or unknown, naming the subcommands or the nearest one. */
static int sub_usage(const CommandSpec *spec, const char *word)
{
    g_autoptr(GPtrArray) words = g_ptr_array_new();
    for (int i = 0; spec->subcommands[i]; i++)
        g_ptr_array_add(words, (gpointer)sub_word(spec->subcommands[i]));
    g_ptr_array_add(words, NULL);
    g_autoptr(GString) msg = g_string_new(NULL);
    if (word == NULL) {
        g_string_printf(msg, "%s: name a subcommand: ", spec->name);
        text_append_list(msg, (const char *const *)words->pdata);
    } else {
        g_string_printf(msg, "%s: subcommand '%s' ", spec->name, word);
        text_append_one_of(msg, word, (const char *const *)words->pdata);
    }
    return fail(spec->name, g_error_new_literal(LADDER_ERROR, LADDER_ERROR_USAGE, msg->str));
}

/* `ladder COMMAND SUBCOMMAND ...`: runs the subcommand argv[1] names on
 * the rest, or prints the command's help. */
static int group_main(const CommandSpec *spec, int argc, char **argv)
{
    if (argc < 2)
        return sub_usage(spec, NULL);
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        g_autofree char *text = commands_help(spec);
        fputs(text, stdout);
        return LADDER_EXIT_OK;
    }
    const CommandSpec *sub = commands_find_sub(spec, argv[1]);
    if (sub == NULL)
        return sub_usage(spec, argv[1]);
    g_autofree char *prgname = g_strdup_printf("ladder %s", sub->name);
    g_set_prgname(prgname);
    return commands_main(sub, argc - 1, argv + 1);
}

int commands_main(const CommandSpec *spec, int argc, char **argv)
{
    if (spec->subcommands)
        return group_main(spec, argc, argv);
    g_autoptr(GOptionContext) ctx = commands_context(spec);
    GError *error = NULL;
    CommandCall call = {0};
    gboolean ok = cli_parse(ctx, &argc, &argv, &error) && check_operands(spec, argc - 1, &error);
    if (ok) {
        call.files = (const char *const *)argv + 1;
        call.n_files = argc - 1;
        /* a command that runs no simulation (report, roster synth) is rank 0's alone (cluster.h) */
        ok = !spec->run ? simulate(spec, &call, &error)
             : cluster_rank() == 0 ? spec->run(spec->state, &call, &error) : TRUE;
    }
    int status = ok ? LADDER_EXIT_OK : fail(spec->name, error);
    spec->clear(spec->state);
    model_free(call.model);
    if (spec->opts)
        cli_run_options_clear(spec->opts);
    return status;
}
