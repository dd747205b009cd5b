/* out_scenario.c: scenario.json, the scenario as it was run, with the
 * sources of its figures and checksums of its files.
 * SPDX-License-Identifier: MIT */
#include "out_scenario.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "out_json.h"
#include "results.h"

#define VALUE_DECIMALS 9

/* SHA-256 of the file at `path` in hex, or NULL when it cannot be read.  Caller frees. */
static char *file_sha256(const char *path)
{
    g_autofree char *data = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &data, &len, NULL))
        return NULL;
    return g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
}

/* Every file the scenario was read from: m->file, then each other file a
 * value, a [uncertainty] line or a policy came from, in first-seen order. */
static GPtrArray *source_files(const Model *m)
{
    GPtrArray *files = g_ptr_array_new();
    g_ptr_array_add(files, m->file);
    for (int i = 0; i < m->n_params; i++) {
        const char *f = m->params[i].where.file;
        if (f && !g_ptr_array_find_with_equal_func(files, f, g_str_equal, NULL))
            g_ptr_array_add(files, (char *)f);
    }
    for (int i = 0; i < m->n_policies; i++) {
        const char *f = m->policies[i].where.file;
        if (f && !g_ptr_array_find_with_equal_func(files, f, g_str_equal, NULL))
            g_ptr_array_add(files, (char *)f);
    }
    return files;
}

static void add_sources(JsonBuilder *b, const Model *m)
{
    g_autoptr(GPtrArray) files = source_files(m);
    json_builder_set_member_name(b, "sources");
    json_builder_begin_array(b);
    for (guint i = 0; i < files->len; i++) {
        g_autofree char *sha = file_sha256(files->pdata[i]);
        json_builder_begin_object(b);
        out_json_member_string(b, "file", files->pdata[i]);
        out_json_member_string(b, "sha256", sha);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

static void add_stages(JsonBuilder *b, const Model *m)
{
    json_builder_set_member_name(b, "stages");
    json_builder_begin_array(b);
    for (int s = 0; s < m->n_stages; s++) {
        const Stage *st = &m->stages[s];
        json_builder_begin_object(b);
        out_json_member_string(b, "id", st->id);
        out_json_member_string(b, "name", model_stage_name(m, s));
        out_json_member_int(b, "baseline", st->baseline);
        out_json_member_string(b, "baseline_note", st->baseline_note);
        g_autoptr(GString) dist = g_string_new(NULL);
        if (st->baseline_uncertain)
            dist_format(&st->baseline_dist, dist);
        out_json_member_string(b, "baseline_uncertainty", st->baseline_uncertain ? dist->str : NULL);
        out_json_member_string(b, "baseline_uncertainty_note", st->baseline_dist_note);
        out_json_member_int(b, "renewal_years", st->renewal_years);
        out_json_member_string(b, "lapse_to", st->lapse_to >= 0 ? m->stages[st->lapse_to].id : NULL);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

static void add_params(JsonBuilder *b, const Model *m)
{
    json_builder_set_member_name(b, "parameters");
    json_builder_begin_array(b);
    for (int i = 0; i < m->n_params; i++) {
        const Param *p = &m->params[i];
        if (m->n_parts > 0 && !p->uncertain)
            continue; /* a region's factor that [common] does not draw: 1, not a value of its own */
        json_builder_begin_object(b);
        out_json_member_string(b, "key", p->key);
        out_json_member_string(b, "kind", param_kind(p->kind)->name);
        out_json_member_string(b, "from", m->stages[p->stage].id);
        out_json_member_string(b, "list", p->list >= 0 ? m->lists[p->list].id : NULL);
        out_json_member_string(b, "to", p->to >= 0 ? m->stages[p->to].id : NULL);
        out_json_member_double(b, "value", p->uncertain ? dist_central(&p->dist) : p->value, VALUE_DECIMALS);
        g_autoptr(GString) dist = g_string_new(NULL);
        if (p->uncertain)
            dist_format(&p->dist, dist);
        out_json_member_string(b, "uncertainty", p->uncertain ? dist->str : NULL);
        out_json_member_string(b, "note", p->note);
        out_json_member_string(b, "uncertainty_note", p->dist_note);
        g_autofree char *where = g_strdup_printf("%s:%d", p->where.file, p->where.line);
        out_json_member_string(b, "where", where);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

static void add_lists(JsonBuilder *b, const Model *m)
{
    json_builder_set_member_name(b, "lists");
    json_builder_begin_array(b);
    for (int l = 0; l < m->n_lists; l++) {
        const List *list = &m->lists[l];
        json_builder_begin_object(b);
        out_json_member_string(b, "id", list->id);
        out_json_member_string(b, "name", list->name);
        json_builder_set_member_name(b, "stages");
        json_builder_begin_array(b);
        for (int j = 0; j < list->n_members; j++)
            json_builder_add_string_value(b, m->stages[list->members[j]].id);
        json_builder_end_array(b);
        json_builder_set_member_name(b, "shares");
        json_builder_begin_array(b);
        for (int j = 0; j < list->n_shares; j++)
            json_builder_add_string_value(b, m->params[list->share_param[j]].key);
        json_builder_end_array(b);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

static void add_policies(JsonBuilder *b, const Model *m)
{
    static const char *const ops[] = {[POLICY_MULTIPLY] = "*", [POLICY_ADD] = "+", [POLICY_SET] = "="};
    json_builder_set_member_name(b, "policies");
    json_builder_begin_array(b);
    for (int i = 0; i < m->n_policies; i++) {
        const Policy *p = &m->policies[i];
        json_builder_begin_object(b);
        out_json_member_string(b, "name", p->name);
        out_json_member_int(b, "from", p->from);
        out_json_member_int(b, "to", p->to);
        json_builder_set_member_name(b, "changes");
        json_builder_begin_array(b);
        for (int j = 0; j < p->n_changes; j++) {
            const PolicyChange *c = &p->changes[j];
            json_builder_begin_object(b);
            out_json_member_string(b, "key", m->params[c->param].key);
            out_json_member_string(b, "op", ops[c->op]);
            out_json_member_double(b, "x", c->x, VALUE_DECIMALS);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        out_json_member_double(b, "cost_per_year", p->cost_per_year, VALUE_DECIMALS);
        out_json_member_double(b, "cost_per_firm", p->cost_per_firm, VALUE_DECIMALS);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "policies_off");
    json_builder_begin_array(b);
    for (int i = 0; m->policies_off && m->policies_off[i]; i++)
        json_builder_add_string_value(b, m->policies_off[i]);
    json_builder_end_array(b);
}

static void add_targets(JsonBuilder *b, const Model *m)
{
    json_builder_set_member_name(b, "targets");
    json_builder_begin_array(b);
    for (int i = 0; i < m->n_targets; i++) {
        json_builder_begin_object(b);
        out_json_target_definition(b, m, i);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

/* The attributes of the roster's firms the effects use, as standardised;
 * nothing before model_set_roster_attributes. */
static void add_roster_attributes(JsonBuilder *b, const Model *m)
{
    const ModelRoster *r = m->roster;
    if (r->n_attrs == 0)
        return;
    json_builder_set_member_name(b, "attributes");
    json_builder_begin_array(b);
    for (int a = 0; a < r->n_attrs; a++) {
        json_builder_begin_object(b);
        out_json_member_string(b, "id", m->attrs[a].id);
        out_json_member_double(b, "mean", r->attr_mean[a], VALUE_DECIMALS);
        out_json_member_double(b, "sd", r->attr_sd[a], VALUE_DECIMALS);
        out_json_member_string(b, "from", m->attrs[a].standardised ? "standardise" : "roster");
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

/* The roster the run started from, when it has one. */
static void add_roster(JsonBuilder *b, const Model *m)
{
    const ModelRoster *r = m->roster;
    if (r == NULL)
        return;
    json_builder_set_member_name(b, "roster");
    json_builder_begin_object(b);
    out_json_member_string(b, "file", r->file);
    out_json_member_string(b, "sha256", r->sha256);
    out_json_member_int(b, "firms", r->n_firms);
    json_builder_set_member_name(b, "covers");
    json_builder_begin_array(b);
    for (int s = 0; s < m->n_stages; s++)
        if (r->covers[s])
            json_builder_add_string_value(b, m->stages[s].id);
    json_builder_end_array(b);
    add_roster_attributes(b, m);
    json_builder_end_object(b);
}

/* A region's parts (docs/regions.md): each one's name, file and base year. */
static void add_parts(JsonBuilder *b, const Model *m)
{
    if (m->n_parts == 0)
        return;
    json_builder_set_member_name(b, "parts");
    json_builder_begin_array(b);
    for (int i = 0; i < m->n_parts; i++) {
        const Model *pm = m->parts[i].model;
        json_builder_begin_object(b);
        out_json_member_string(b, "name", pm->name);
        out_json_member_string(b, "file", pm->file);
        out_json_member_int(b, "base_year", pm->base_year);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

gboolean out_scenario_json(const Model *m, const char *path, GError **error)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    out_json_member_string(b, "file", m->file);
    add_sources(b, m);
    out_json_member_string(b, "name", m->name);
    out_json_member_string(b, "region", m->region);
    out_json_member_string(b, "description", m->description);
    out_json_member_string(b, "language", m->language);
    out_json_member_int(b, "base_year", m->base_year);
    out_json_member_int(b, "horizon", m->horizon);
    add_stages(b, m);
    add_params(b, m);
    add_lists(b, m);
    add_policies(b, m);
    add_targets(b, m);
    add_roster(b, m);
    add_parts(b, m);
    json_builder_end_object(b);
    g_autoptr(JsonNode) root = json_builder_get_root(b);
    return results_save(RESULTS_SCENARIO, root, path, error);
}
