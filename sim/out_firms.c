/* out_firms.c: firms.json and firms.csv (out_firms.h): per-firm tallies of
 * a run firm by firm turned into probabilities, one JSON tree that the CSV
 * rows are copied from, so both show the same figures.
 * SPDX-License-Identifier: MIT */
#include "out_firms.h"

#include <math.h>

#include "i18n.h"
#include "out_csv.h"
#include "out_json.h"
#include "results.h"

#define FIRMS_DECIMALS 9  /* probabilities and their standard errors */

static int compare_ints(gconstpointer a, gconstpointer b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int *out_firms_years(const Model *m, int *n)
{
    int *years = g_new(int, MAX(m->n_targets, 1));
    *n = 0;
    for (int i = 0; i < m->n_targets; i++)
        years[(*n)++] = m->targets[i].year;
    qsort(years, (gsize)*n, sizeof *years, compare_ints);
    int kept = 0;
    for (int i = 0; i < *n; i++)
        if (kept == 0 || years[kept - 1] != years[i])
            years[kept++] = years[i];
    if (kept == 0)
        years[kept++] = m->horizon;
    *n = kept;
    return years;
}

/* Members `p` (a share of `reps`) and `p_se`, its standard error. */
static void member_share(JsonBuilder *b, const char *name, const char *se_name, guint64 count, guint64 reps)
{
    double p = (double)count / (double)reps;
    out_json_member_double(b, name, p, FIRMS_DECIMALS);
    out_json_member_double(b, se_name, sqrt(p * (1 - p) / (double)reps), FIRMS_DECIMALS);
}

/* One state of a firm-year: kind, id, name, the share of `count`, and of
 * `above` when it is a stage (else null). */
static void add_state(JsonBuilder *b, const char *kind, const char *id, const char *name, guint64 count,
                      const guint64 *above, guint64 reps)
{
    json_builder_begin_object(b);
    out_json_member_string(b, "kind", kind);
    out_json_member_string(b, "state", id);
    out_json_member_string(b, "state_name", name);
    member_share(b, "probability", "se", count, reps);
    if (above != NULL) {
        member_share(b, "at_or_above", "at_or_above_se", *above, reps);
    } else {
        out_json_member_double(b, "at_or_above", NAN, FIRMS_DECIMALS);
        out_json_member_double(b, "at_or_above_se", NAN, FIRMS_DECIMALS);
    }
    json_builder_end_object(b);
}

/* Firm f at the end of year index yi: each stage, exited, each list. */
static void add_firm_year(JsonBuilder *b, const RunResult *run, int f, int yi)
{
    const Model *m = run->model;
    const FirmsTally *t = run->firms;
    guint64 reps = run->config.reps;
    int S = m->n_stages;
    const guint32 *state = t->state + ((gsize)f * t->n_years + yi) * (S + 1);
    const guint32 *listed = t->listed + ((gsize)f * t->n_years + yi) * t->n_lists;
    json_builder_begin_object(b);
    out_json_member_int(b, "year", m->base_year + yi);
    json_builder_set_member_name(b, "states");
    json_builder_begin_array(b);
    for (int s = 0; s < S; s++) {
        guint64 above = 0;
        for (int u = s; u < S; u++)
            above += state[u];
        add_state(b, "stage", m->stages[s].id, model_stage_name(m, s), state[s], &above, reps);
    }
    add_state(b, "exit", "exited", i18n_text(m->language, I18N_STATE_EXITED), state[S], NULL, reps);
    for (int l = 0; l < m->n_lists; l++)
        add_state(b, "list", m->lists[l].id, m->lists[l].name, listed[l], NULL, reps);
    json_builder_end_array(b);
    json_builder_end_object(b);
}

/* The year firm f is first above its starting stage in at least half the
 * replications, or 0 when not by the horizon; *ever the replications
 * where it is by then. */
static int median_up_year(const RunResult *run, int f, guint64 *ever)
{
    const FirmsTally *t = run->firms;
    const guint32 *up = t->up + (gsize)f * (t->n_years + 1);
    guint64 reps = run->config.reps, sum = 0;
    int year = 0;
    for (int yi = 0; yi < t->n_years; yi++) {
        sum += up[yi];
        if (year == 0 && 2 * sum >= reps && sum > 0)
            year = run->model->base_year + yi;
    }
    *ever = sum;
    return year;
}

static void add_firm(JsonBuilder *b, const RunResult *run, const Roster *roster, int f, const int *years, int n)
{
    const Model *m = run->model;
    const RosterFirm *firm = &roster->firms[f];
    json_builder_begin_object(b);
    out_json_member_string(b, "id", firm->id);
    out_json_member_string(b, "name", firm->name);
    out_json_member_string(b, "stage", m->stages[firm->stage].id);
    out_json_member_string(b, "stage_name", model_stage_name(m, firm->stage));
    out_json_member_int(b, "years_in_stage", firm->years_in_stage);
    guint64 ever = 0;
    int median = median_up_year(run, f, &ever);
    member_share(b, "up_probability", "up_se", ever, run->config.reps);
    json_builder_set_member_name(b, "up_median_year");
    if (median > 0)
        json_builder_add_int_value(b, median);
    else
        json_builder_add_null_value(b);
    json_builder_set_member_name(b, "years");
    json_builder_begin_array(b);
    for (int i = 0; i < n; i++)
        add_firm_year(b, run, f, years[i] - m->base_year);
    json_builder_end_array(b);
    json_builder_end_object(b);
}

/* firms.json's tree (caller frees). */
static JsonNode *firms_tree(const RunResult *run, const Roster *roster)
{
    int n = 0;
    g_autofree int *years = out_firms_years(run->model, &n);
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    out_json_member_string(b, "roster", roster->file);
    out_json_member_string(b, "roster_sha256", roster->sha256);
    out_json_member_run(b, &run->config);
    json_builder_set_member_name(b, "years");
    json_builder_begin_array(b);
    for (int i = 0; i < n; i++)
        json_builder_add_int_value(b, years[i]);
    json_builder_end_array(b);
    json_builder_set_member_name(b, "firms");
    json_builder_begin_array(b);
    for (int f = 0; f < roster->n_firms; f++)
        add_firm(b, run, roster, f, years, n);
    json_builder_end_array(b);
    json_builder_end_object(b);
    return json_builder_get_root(b);
}

/* Copies the plain values (not arrays or objects) of `from` into `to`. */
static void copy_values(JsonObject *to, JsonObject *from)
{
    g_autoptr(GList) names = json_object_get_members(from);
    for (GList *l = names; l; l = l->next) {
        JsonNode *v = json_object_get_member(from, l->data);
        if (!JSON_NODE_HOLDS_ARRAY(v) && !JSON_NODE_HOLDS_OBJECT(v) && !json_object_has_member(to, l->data))
            json_object_set_member(to, l->data, json_node_copy(v));
    }
}

/* firms.csv's rows from firms.json's tree: firms[].years[].states[], each
 * with its year's and firm's values. */
static JsonArray *csv_rows(JsonNode *root)
{
    JsonArray *rows = json_array_new();
    JsonArray *firms = json_object_get_array_member(json_node_get_object(root), "firms");
    for (guint f = 0; f < json_array_get_length(firms); f++) {
        JsonObject *firm = json_array_get_object_element(firms, f);
        JsonArray *years = json_object_get_array_member(firm, "years");
        for (guint y = 0; y < json_array_get_length(years); y++) {
            JsonObject *year = json_array_get_object_element(years, y);
            JsonArray *states = json_object_get_array_member(year, "states");
            for (guint k = 0; k < json_array_get_length(states); k++) {
                JsonObject *row = json_object_new();
                copy_values(row, json_array_get_object_element(states, k));
                copy_values(row, year);
                copy_values(row, firm);
                json_array_add_object_element(rows, row);
            }
        }
    }
    return rows;
}

gboolean out_firms_write(const RunResult *run, const Roster *roster, const char *dir, GError **error)
{
    g_return_val_if_fail(run != NULL && run->firms != NULL && roster != NULL, FALSE);
    g_return_val_if_fail(run->firms->n_firms == roster->n_firms, FALSE);
    g_autoptr(JsonNode) root = firms_tree(run, roster);
    g_autofree char *json = g_build_filename(dir, results_file(RESULTS_FIRMS), NULL);
    if (!results_save(RESULTS_FIRMS, root, json, error))
        return FALSE;
    g_autoptr(JsonArray) rows = csv_rows(root);
    return out_csv_write_rows(RESULTS_CSV_FIRMS, run->model->language, rows, dir, error);
}
