/* cmd_roster_synth.c: `ladder roster synth FILE [--firms N] [--years K]
 * [--out roster.csv] [--outcomes outcomes.csv]`: a synthetic roster of
 * firms and its outcomes history from a scenario (synth.h), written as
 * two files, both or neither.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "cli.h"
#include "commands.h"
#include "errors.h"
#include "i18n.h"
#include "outcomes_write.h"
#include "roster.h"
#include "scenario.h"
#include "synth.h"
#include "text.h"
#include "version.h"

/* The flags as typed; NULL / FALSE when absent. */
typedef struct {
    char *firms, *years, *seed, *out, *outcomes;
    gboolean force, quiet;
} SynthState;

static SynthState synth_state;

static void synth_add_options(GOptionContext *ctx, void *state)
{
    SynthState *st = state;
    const GOptionEntry entries[] = {
        {"firms", 'n', 0, G_OPTION_ARG_STRING, &st->firms,
         "Firms on the roster, the baseline's stage mix scaled to N (default: exactly the baseline)", "N"},
        {"years", 0, 0, G_OPTION_ARG_STRING, &st->years, "Years of outcomes history before base_year (default: 5)",
         "K"},
        {"seed", 0, 0, G_OPTION_ARG_STRING, &st->seed, "Random seed (default: [scenario] seed, else 1)", "N"},
        {"out", 'o', 0, G_OPTION_ARG_FILENAME, &st->out, "The roster file (default: out/FILE-roster.csv)", "PATH"},
        {"outcomes", 0, 0, G_OPTION_ARG_FILENAME, &st->outcomes,
         "The outcomes history file (default: beside the roster, ROSTER-outcomes.csv)", "PATH"},
        {"force", 0, 0, G_OPTION_ARG_NONE, &st->force, "Replace files that are already there", NULL},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &st->quiet, "Print nothing but errors", NULL},
        {NULL},
    };
    g_option_context_add_main_entries(ctx, entries, NULL);
}

/* The options from the flags (and the scenario's seed), the two paths. */
static gboolean read_flags(const SynthState *st, const Model *m, const char *file, SynthOptions *o, char **out,
                           char **outcomes, GError **error)
{
    guint64 firms = 0, years = SYNTH_DEFAULT_YEARS, seed = m->has_seed ? m->seed : CLI_DEFAULT_SEED;
    if (!cli_flag_number(st->firms, "--firms", 1, SYNTH_MAX_FIRMS, &firms, error) ||
        !cli_flag_number(st->years, "--years", 1, MODEL_MAX_YEARS, &years, error) ||
        !cli_flag_number(st->seed, "--seed", 0, G_MAXUINT64, &seed, error))
        return FALSE;
    *o = (SynthOptions){.firms = (gint64)firms, .years = (int)years, .seed = seed,
                        .name_format = i18n_text(m->language, I18N_SYNTH_FIRM_NAME_FMT)};
    *out = st->out ? g_strdup(st->out) : text_default_out(file, "-roster.csv");
    g_autofree char *stem = g_str_has_suffix(*out, ".csv") ? g_strndup(*out, strlen(*out) - 4) : g_strdup(*out);
    *outcomes = st->outcomes ? g_strdup(st->outcomes) : g_strconcat(stem, "-outcomes.csv", NULL);
    if (strcmp(*out, *outcomes) == 0) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE, "--out and --outcomes name the same file, %s", *out);
        return FALSE;
    }
    return TRUE;
}

/* Fails when the roster of the baseline itself would pass SYNTH_MAX_FIRMS. */
static gboolean check_size(const Model *m, const SynthOptions *o, GError **error)
{
    gint64 total = 0;
    for (int s = 0; s < m->n_stages; s++)
        total += m->stages[s].baseline;
    if (o->firms > 0 || total <= SYNTH_MAX_FIRMS)
        return TRUE;
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                "%s: the [baseline] holds %" G_GINT64_FORMAT " firms, more than a synthetic roster's %d; "
                "give --firms N to scale it", m->file, total, SYNTH_MAX_FIRMS);
    return FALSE;
}

/* Fails when `path` is there and --force was not given. */
static gboolean check_free(const SynthState *st, const char *path, const char *flag, GError **error)
{
    if (st->force || !g_file_test(path, G_FILE_TEST_EXISTS))
        return TRUE;
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_USAGE,
                "%s %s: the file is already there; give --force to replace it, or name another", flag, path);
    return FALSE;
}

/* ---- the files ------------------------------------------------------------- */

/* The command line that makes these files again. */
static char *command_line(const char *file, const SynthOptions *o, const char *out, const char *outcomes)
{
    g_autofree char *f = text_shell_word(file), *r = text_shell_word(out), *c = text_shell_word(outcomes);
    g_autofree char *firms = o->firms ? g_strdup_printf(" --firms %" G_GINT64_FORMAT, o->firms) : g_strdup("");
    return g_strdup_printf("ladder roster synth %s%s --years %d --seed %" G_GUINT64_FORMAT " --out %s --outcomes %s",
                           f, firms, o->years, o->seed, r, c);
}

/* "startup 3134, tech_sme 3277, ..." of `n`. */
static char *stage_counts(const Model *m, const gint64 *n)
{
    GString *t = g_string_new(NULL);
    for (int s = 0; s < m->n_stages; s++)
        g_string_append_printf(t, "%s%s %" G_GINT64_FORMAT, s ? ", " : "", m->stages[s].id, n[s]);
    return g_string_free(t, FALSE);
}

static gint64 sum(const gint64 *n, int k)
{
    gint64 t = 0;
    for (int i = 0; i < k; i++)
        t += n[i];
    return t;
}

/* The lines saying how the history drew its outcomes, for both files. */
static void append_history(GString *t, const Model *m, const Synth *sy)
{
    g_autofree char *start = stage_counts(m, sy->start);
    g_string_append_printf(t,
                           "The history: one replication of ladder's firm engine at the central rates of %s moved back\n"
                           "%d years (ends of %d to %d), without its policies (they act after the base year), from\n"
                           "%" G_GINT64_FORMAT " firms at the end of %d (%s) and the arrivals since.\n",
                           m->file, m->base_year - sy->first_year, sy->first_year, m->base_year,
                           sum(sy->start, m->n_stages), sy->first_year, start);
    if (m->n_effects == 0) {
        g_string_append(t, "The scenario has no [effects]: the attributes do not move the outcomes.\n");
        return;
    }
    g_string_append_printf(t, "Outcomes drawn with the %d [effects] coefficients of %s (the true ones), each attribute\n"
                              "standardised with its mean and sd",
                           m->n_effects, m->file);
    for (int a = 0; a < m->n_attrs; a++)
        g_string_append_printf(t, "%s\n  %s: mean %.6g, sd %.6g (%s)", a ? ";" : ":", m->attrs[a].id, sy->attr_mean[a],
                               sy->attr_sd[a], m->attrs[a].standardised ? "its standardise line" : "the history's first firms'");
    g_string_append(t, ".\n");
}

/* The roster file's header comment. */
static char *roster_comment(const Model *m, const Synth *sy, const char *cmd, const char *outcomes)
{
    GString *t = g_string_new(NULL);
    gint64 added = sum(sy->added, m->n_stages);
    g_autofree gint64 *n = g_new0(gint64, m->n_stages);
    for (int i = 0; i < sy->roster->n_firms; i++)
        n[sy->roster->firms[i].stage]++;
    g_autofree char *on = stage_counts(m, n);
    g_autofree char *base = g_path_get_basename(outcomes);
    g_string_append_printf(t,
                           "SYNTHETIC roster for %s (%s): NOT real firms. No figure in it is any firm's; ids and\n"
                           "names are made up. Made by ladder %s with:\n  %s\n"
                           "%d firms at the end of %d: %s, the scenario's [baseline]%s, each stage\n"
                           "spread over the renewal clocks as ladder spreads a baseline (docs/model.md).\n"
                           "%" G_GINT64_FORMAT " of them have a history in %s; %" G_GINT64_FORMAT
                           " were added without one (the history left fewer firms in their stage\nand clock than the roster holds).\n"
                           "Attribute columns drawn by stage as docs/roster.md (\"A synthetic roster\") says.\n",
                           m->name, m->file, LADDER_VERSION, cmd, sy->roster->n_firms, m->base_year, on,
                           strstr(cmd, "--firms") ? " scaled to that total" : "",
                           (gint64)sy->roster->n_firms - added, base, added);
    append_history(t, m, sy);
    return g_string_free(t, FALSE);
}

/* The outcomes file's header comment. */
static char *outcomes_comment(const Model *m, const Synth *sy, const char *cmd, const char *out)
{
    GString *t = g_string_new(NULL);
    g_autofree char *base = g_path_get_basename(out);
    g_string_append_printf(t,
                           "SYNTHETIC outcomes history for the roster %s of %s: NOT real firms. No figure in it is any\n"
                           "firm's. Made by ladder %s with:\n  %s\n"
                           "One row a firm-year: the firm in `stage` with renewal clock years_in_stage at the end of `year`,\n"
                           "its attributes, and next_stage at the end of year + 1 (a stage, or exit). %d rows of %d firms:\n"
                           "every firm of the history while present, the firms that exited or are not on the roster too\n"
                           "(%" G_GINT64_FORMAT " present at the end of %d are left off it: their stage and clock had more firms than\n"
                           "the roster holds).\n",
                           base, m->file, LADDER_VERSION, cmd, sy->outcomes.n_rows, sy->n_history,
                           sum(sy->left_off, m->n_stages), m->base_year);
    append_history(t, m, sy);
    return g_string_free(t, FALSE);
}

/* Writes `text` to `path` through a temporary beside it, which it leaves
 * as *tmp for the caller to rename. */
static gboolean write_temp(const char *path, const GString *text, char **tmp, GError **error)
{
    g_autofree char *dir = g_path_get_dirname(path);
    if (g_mkdir_with_parents(dir, 0755) != 0) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "%s: cannot make the folder: %s", dir, g_strerror(errno));
        return FALSE;
    }
    *tmp = g_strconcat(path, ".part", NULL);
    GError *e = NULL;
    if (g_file_set_contents(*tmp, text->str, (gssize)text->len, &e))
        return TRUE;
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "%s", e->message);
    g_error_free(e);
    g_unlink(*tmp);
    return FALSE;
}

/* Both files, or neither: each written to a temporary, then both renamed. */
static gboolean save_both(const char *out, const GString *roster, const char *outcomes, const GString *history,
                          GError **error)
{
    g_autofree char *a = NULL, *b = NULL;
    gboolean ok = write_temp(out, roster, &a, error) && write_temp(outcomes, history, &b, error);
    if (ok && (g_rename(a, out) != 0 || g_rename(b, outcomes) != 0)) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_IO, "cannot write %s and %s: %s", out, outcomes,
                    g_strerror(errno));
        ok = FALSE;
    }
    if (!ok) {
        if (a) g_unlink(a);
        if (b) g_unlink(b);
    }
    return ok;
}

/* ---- the printout ------------------------------------------------------------ */

static void print_summary(const Model *m, const Synth *sy, const char *out, const char *outcomes)
{
    const char *lang = m->language;
    GString *t = g_string_new(NULL);
    g_string_append_printf(t, i18n_text(lang, I18N_SYNTH_HEADING_FMT), m->name, sy->roster->n_firms, m->base_year,
                           sy->first_year, m->base_year - 1, sy->outcomes.n_rows, sy->n_history);
    g_string_append(t, "\n\n");
    static const gboolean right[] = {FALSE, TRUE, TRUE, TRUE, TRUE, TRUE};
    TextTable tab;
    text_table_init(&tab, 6, right);
    g_autofree char *start = g_strdup_printf(i18n_text(lang, I18N_SYNTH_START_FMT), sy->first_year);
    const char *head[] = {i18n_text(lang, I18N_STAGE), start, i18n_text(lang, I18N_SYNTH_ROSTER),
                          i18n_text(lang, I18N_SYNTH_KEPT), i18n_text(lang, I18N_SYNTH_ADDED),
                          i18n_text(lang, I18N_SYNTH_LEFT_OFF)};
    text_table_add(&tab, head);
    for (int s = 0; s < m->n_stages; s++) {
        g_autofree char *c0 = g_strdup_printf("%" G_GINT64_FORMAT, sy->start[s]);
        g_autofree char *c1 = g_strdup_printf("%" G_GINT64_FORMAT, sy->kept[s] + sy->added[s]);
        g_autofree char *c2 = g_strdup_printf("%" G_GINT64_FORMAT, sy->kept[s]);
        g_autofree char *c3 = g_strdup_printf("%" G_GINT64_FORMAT, sy->added[s]);
        g_autofree char *c4 = g_strdup_printf("%" G_GINT64_FORMAT, sy->left_off[s]);
        const char *row[] = {model_stage_name(m, s), c0, c1, c2, c3, c4};
        text_table_add(&tab, row);
    }
    text_table_flush(&tab, t);
    g_string_append_c(t, '\n');
    if (m->n_effects > 0)
        g_string_append_printf(t, i18n_text(lang, I18N_SYNTH_EFFECTS_FMT), m->n_effects, m->file);
    else
        g_string_append(t, i18n_text(lang, I18N_SYNTH_NO_EFFECTS));
    g_string_append_printf(t, "\n%s %s\n%s %s\n", i18n_text(lang, I18N_SYNTH_ROSTER_FILE), out,
                           i18n_text(lang, I18N_SYNTH_OUTCOMES_FILE), outcomes);
    fputs(t->str, stdout);
    g_string_free(t, TRUE);
}

/* ---- the command --------------------------------------------------------------- */

static gboolean synth_run(void *state, const CommandCall *call, GError **error)
{
    SynthState *st = state;
    const char *file = call->files[0];
    g_autoptr(Model) m = scenario_load(file, error);
    SynthOptions o;
    g_autofree char *out = NULL, *outcomes = NULL;
    if (m == NULL || !commands_check_region(&cmd_roster_synth_spec, m, error) ||
        !read_flags(st, m, file, &o, &out, &outcomes, error) || !check_size(m, &o, error) ||
        !check_free(st, out, "--out", error) || !check_free(st, outcomes, "--outcomes", error))
        return FALSE;
    g_autoptr(Synth) sy = synth_make(m, &o, error);
    if (sy == NULL)
        return FALSE;
    g_autofree char *cmd = command_line(file, &o, out, outcomes);
    g_autofree char *rc = roster_comment(m, sy, cmd, outcomes), *oc = outcomes_comment(m, sy, cmd, out);
    g_autoptr(GString) roster = g_string_new(NULL), history = g_string_new(NULL);
    roster_write(sy->roster, m, rc, roster);
    outcomes_write(&sy->outcomes, m, oc, history);
    if (!save_both(out, roster, outcomes, history, error))
        return FALSE;
    if (!st->quiet)
        print_summary(m, sy, out, outcomes);
    return TRUE;
}

static void synth_clear(void *state)
{
    SynthState *st = state;
    g_clear_pointer(&st->firms, g_free);
    g_clear_pointer(&st->years, g_free);
    g_clear_pointer(&st->seed, g_free);
    g_clear_pointer(&st->out, g_free);
    g_clear_pointer(&st->outcomes, g_free);
    st->force = st->quiet = FALSE;
}

const CommandSpec cmd_roster_synth_spec = {
    .name = "roster synth",
    .parameter = "FILE",
    .summary = "a synthetic roster and outcomes history from a scenario",
    .usage = "FILE - a synthetic roster of firms and its outcomes history",
    .help_summary =
        "Makes a roster of firms at the end of FILE's base year (docs/roster.md) that nobody's records hold:\n"
        "each stage's count the scenario's [baseline] (or scaled to --firms N), spread over the renewal\n"
        "clocks as ladder spreads a baseline, with attribute columns drawn by stage (rd_intensity,\n"
        "invention_patents, rd_staff, revenue_growth, innovation_points).  Also writes the outcomes\n"
        "history of the --years K years before: every firm-year of the district's firms, drawn by ladder's\n"
        "firm engine at the scenario's rates and with its [effects] as the true coefficients, so that\n"
        "`ladder run FILE --roster` and fit-roster can be tried without private data.  The same seed\n"
        "gives the same bytes.",
    .help_description =
        "Example:\n"
        "  ladder roster synth scenarios/taizhou-2025.ini --firms 2000 --out roster.csv\n"
        "  ladder run scenarios/taizhou-2025.ini --roster roster.csv\n\n"
        "It writes roster.csv and roster-outcomes.csv, both or neither; a file already there is\n"
        "replaced only with --force.  docs/roster.md (\"A synthetic roster\") says how every column is drawn.\n"
        "Exit status: 0 done, 1 a file could not be written, 2 bad input or usage.",
    .operand = "scenario file",
    .state = &synth_state,
    .add_options = synth_add_options,
    .run = synth_run,
    .clear = synth_clear,
};
