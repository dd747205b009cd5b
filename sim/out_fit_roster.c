/* out_fit_roster.c: the fitted scenario, fit.json and fit.csv, the
 * calibration charts and the stdout tables of `ladder fit-roster`
 * (out_fit_roster.h).
 * SPDX-License-Identifier: MIT */
#include "out_fit_roster.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "i18n.h"
#include "out_csv.h"
#include "out_json.h"
#include "plot.h"
#include "results.h"
#include "text.h"

#define VALUE_DIGITS "%.6g"   /* a coefficient in the scenario file */
#define SCALE_DIGITS "%.15g"  /* a standardise line: the fit's own numbers (FIT_ROSTER_SCALE_DIGITS
                                 significant, or the scenario's), read back exactly */
#define JSON_DECIMALS 9
#define P_DIGITS 4            /* significant digits of a p-value in fit.json */
#define P_SMALL 0.001         /* below: "<0.001" in the table */

/* ---- words --------------------------------------------------------------- */

static const char *lang(const FitRoster *f)
{
    return f->model->language;
}

/* A number as the scenario format writes it ('.' whatever the locale). */
static char *number_text(const char *format, double x)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    return g_strdup(g_ascii_formatd(buf, sizeof buf, format, x));
}

static const char *attr_name(const FitRoster *f, int a)
{
    return f->outcomes->attr_names[f->attr[a]];
}

static const char *coef_code(FitCoefStatus s)
{
    static const char *const codes[FIT_COEF_N_STATUS] = {
        [FIT_COEF_FITTED] = "fitted",         [FIT_COEF_CONSTANT] = "constant", [FIT_COEF_TOO_FEW] = "too_few",
        [FIT_COEF_SEPARATED] = "separated",   [FIT_COEF_FLAT] = "flat",         [FIT_COEF_NO_OUTCOME] = "no_outcome",
        [FIT_COEF_LEFT_OUT] = "left_out"};
    return codes[s];
}

static const char *outcome_code(FitOutcomeStatus s)
{
    static const char *const codes[FIT_OUT_N_STATUS] = {
        [FIT_OUT_FITTED] = "fitted",         [FIT_OUT_NEVER] = "never",
        [FIT_OUT_AT_ZERO] = "at_zero",       [FIT_OUT_CONFOUNDED] = "confounded",
        [FIT_OUT_FLAT] = "flat",             [FIT_OUT_NO_DUE] = "no_due",
        [FIT_OUT_ALL_RENEWED] = "all_renewed", [FIT_OUT_NONE_RENEWED] = "none_renewed",
        [FIT_OUT_NO_STAY] = "no_stay"};
    return codes[s];
}

/* Why outcome status `s` is not fitted, in `l` ("" when it is). */
static const char *outcome_reason(const char *l, FitOutcomeStatus s)
{
    static const I18nMessage words[FIT_OUT_N_STATUS] = {
        [FIT_OUT_NEVER] = I18N_FIT_OUT_NEVER,           [FIT_OUT_AT_ZERO] = I18N_FIT_OUT_AT_ZERO,
        [FIT_OUT_CONFOUNDED] = I18N_FIT_OUT_CONFOUNDED, [FIT_OUT_FLAT] = I18N_FIT_OUT_FLAT,
        [FIT_OUT_NO_DUE] = I18N_FIT_OUT_NO_DUE,         [FIT_OUT_ALL_RENEWED] = I18N_FIT_OUT_ALL_RENEWED,
        [FIT_OUT_NONE_RENEWED] = I18N_FIT_OUT_NONE_RENEWED, [FIT_OUT_NO_STAY] = I18N_FIT_OUT_NO_STAY};
    return s == FIT_OUT_FITTED ? "" : i18n_text(l, words[s]);
}

/* Why coefficient `c` of outcome `o` is not fitted, in `l`.  Caller frees. */
static char *coef_reason(const char *l, const FitOutcome *o, const FitCoef *c)
{
    switch (c->status) {
    case FIT_COEF_CONSTANT: return g_strdup(i18n_text(l, I18N_FIT_COEF_CONSTANT));
    case FIT_COEF_TOO_FEW: return g_strdup_printf(i18n_text(l, I18N_FIT_COEF_TOO_FEW_FMT), FIT_STAGE_EVENTS_PER_COEF);
    case FIT_COEF_SEPARATED: return g_strdup(i18n_text(l, I18N_FIT_COEF_SEPARATED));
    case FIT_COEF_FLAT: return g_strdup(i18n_text(l, I18N_FIT_COEF_FLAT));
    case FIT_COEF_NO_OUTCOME: return g_strdup(outcome_reason(l, o->status));
    default: return g_strdup("");
    }
}

/* The fitted outcome of parameter `param` (its stage index into *stage),
 * or NULL when its stage has no firm-year. */
static const FitOutcome *find_outcome(const FitRoster *f, int param, int *stage)
{
    for (int i = 0; i < f->n_stages; i++)
        for (int k = 0; k < f->stages[i].fit->n_out; k++)
            if (f->stages[i].fit->out[k].param == param) {
                *stage = i;
                return &f->stages[i].fit->out[k];
            }
    return NULL;
}

/* The fit's index of attribute `id`, or -1. */
static int find_attr(const FitRoster *f, const char *id)
{
    for (int a = 0; a < f->n_attrs; a++)
        if (strcmp(attr_name(f, a), id) == 0)
            return a;
    return -1;
}

/* Why the fit did not estimate the scenario's effect `e`, in `l`.
 * Caller frees. */
static char *effect_reason(const FitRoster *f, const char *l, const Effect *e)
{
    const Model *m = f->model;
    int a = find_attr(f, m->attrs[e->attr].id), i;
    const FitOutcome *o = find_outcome(f, e->param, &i);
    if (o == NULL)
        return g_strdup_printf(i18n_text(l, I18N_FIT_NO_STAGE_FMT), model_stage_name(m, m->params[e->param].stage));
    if (a < 0)
        return g_strdup_printf(i18n_text(l, I18N_FIT_NO_ATTR_FMT), m->attrs[e->attr].id);
    return coef_reason(l, o, &o->coef[a]);
}

/* ---- the fitted scenario -------------------------------------------------- */

/* The [effects] line of coefficient a of outcome o, with the comment
 * above it; marks attribute a written. */
static void fitted_line(const FitRoster *f, int i, const FitOutcome *o, int a, GString *out, GString *unc,
                        gboolean *written)
{
    const FitStage *s = f->stages[i].fit;
    const FitCoef *c = &o->coef[a];
    g_autofree char *key = param_effect_key(f->model->params[o->param].key, attr_name(f, a));
    g_autofree char *v = number_text(VALUE_DIGITS, c->estimate), *se = number_text(VALUE_DIGITS, c->se);
    g_autofree char *lo = number_text(VALUE_DIGITS, c->lo), *hi = number_text(VALUE_DIGITS, c->hi);
    g_autofree char *p = number_text("%.3g", c->p), *lr = number_text("%.3g", s->lr_p[a]);
    g_string_append_printf(out, "# fitted: 95%% interval %s to %s; Wald p = %s; LR test of %s in %s: p = %s\n%s = %s\n",
                           lo, hi, p, attr_name(f, a), f->model->stages[s->stage].id, lr, key, v);
    g_string_append_printf(unc, "%s = normal(%s, %s)\n", key, v, se);
    written[a] = TRUE;
}

/* A coefficient of FILE's [effects] the fit did not estimate, at 0, with
 * why; its warning into `drawn` when FILE draws it. */
static void zero_line(const FitRoster *f, const Effect *e, GString *out, GPtrArray *drawn)
{
    const Model *m = f->model;
    g_autofree char *key = param_effect_key(m->params[e->param].key, m->attrs[e->attr].id);
    g_autofree char *why = effect_reason(f, "en", e);
    g_autofree char *was = number_text(VALUE_DIGITS, m->effect_beta[(gsize)e->param * m->n_attrs + e->attr]);
    g_string_append_printf(out, "# not fitted (%s): 0 here; %s has %s\n%s = 0\n", why, m->file, was, key);
    if (e->uncertain) {
        g_autofree char *local = effect_reason(f, lang(f), e);
        g_string_append_printf(out, "# WARNING: %s draws it in [uncertainty], which this file cannot take out\n",
                               m->file);
        g_ptr_array_add(drawn, g_strdup_printf(i18n_text(lang(f), I18N_FIT_DRAWN_ZERO_FMT), key, m->file, local));
    }
}

/* Whether the fit estimated coefficient `attr` (a model attribute) of
 * parameter `param`. */
static gboolean fitted(const FitRoster *f, int param, const char *attr)
{
    int i, a = find_attr(f, attr);
    const FitOutcome *o = find_outcome(f, param, &i);
    return o != NULL && a >= 0 && o->coef[a].status == FIT_COEF_FITTED;
}

/* The [effects] and [uncertainty] groups of the fitted scenario into
 * `effects` and `unc`. */
static void effect_groups(const FitRoster *f, GString *effects, GString *unc, GPtrArray *drawn)
{
    const Model *m = f->model;
    g_autofree gboolean *written = g_new0(gboolean, MAX(f->n_attrs, 1));
    for (int i = 0; i < f->n_stages; i++) {
        const FitStage *s = f->stages[i].fit;
        for (int k = 0; k < s->n_out; k++)
            for (int a = 0; a < f->n_attrs; a++)
                if (s->out[k].coef[a].status == FIT_COEF_FITTED)
                    fitted_line(f, i, &s->out[k], a, effects, unc, written);
    }
    for (int e = 0; e < m->n_effects; e++)
        if (!fitted(f, m->effects[e].param, m->attrs[m->effects[e].attr].id))
            zero_line(f, &m->effects[e], effects, drawn);
    for (int a = 0; a < f->n_attrs; a++) {
        if (!written[a])
            continue;
        g_autofree char *mean = number_text(SCALE_DIGITS, f->mean[a]), *sd = number_text(SCALE_DIGITS, f->sd[a]);
        g_string_append_printf(effects, "standardise.%s = %s, %s\n", attr_name(f, a), mean, sd);
    }
}

char *out_fit_roster_ini(const FitRoster *f, const char *parent, GPtrArray *drawn)
{
    g_return_val_if_fail(f != NULL && parent != NULL && drawn != NULL, NULL);
    const Model *m = f->model;
    const Outcomes *o = f->outcomes;
    GString *out = g_string_new(NULL);
    g_autofree char *name = g_strdup_printf(i18n_text(lang(f), I18N_FIT_NAME_FMT), m->name);
    g_autofree char *ll = number_text("%.4f", f->log_likelihood);
    g_string_append_printf(out,
                           "# Written by `ladder fit-roster` from %s and the firm-years in\n"
                           "# %s (%d firm-years of %d firms, %d-%d; log-likelihood %s).\n"
                           "# Each coefficient is its maximum-likelihood estimate: fit.json beside this file has its\n"
                           "# standard error, interval and tests.  The scenario's rates are kept: a firm at the mean\n"
                           "# (z = 0) has exactly %s's chances; the rates fitted at the mean are in fit.json.\n"
                           "# The coefficients are drawn independently: their correlations are not carried.\n",
                           m->file, o->file, o->n_rows, f->n_firms, f->first_year, f->last_year, ll, m->file);
    g_string_append_printf(out, "\n[scenario]\nextends=%s\nname=%s\n", parent, name);
    g_autoptr(GString) effects = g_string_new(NULL), unc = g_string_new(NULL);
    effect_groups(f, effects, unc, drawn);
    if (effects->len > 0)
        g_string_append_printf(out, "\n[effects]\n%s", effects->str);
    if (unc->len > 0)
        g_string_append_printf(out, "\n# The estimation uncertainty: each coefficient drawn once per replication.\n"
                               "[uncertainty]\n%s", unc->str);
    return g_string_free(out, FALSE);
}

/* ---- fit.json and fit.csv -------------------------------------------------- */

/* Member `name`: x rounded to `digits` significant digits (a p-value may
 * be 1e-60, and an attribute's mean 1e-5, which fixed decimals would write
 * as 0). */
static void member_digits(JsonBuilder *b, const char *name, double x, int digits)
{
    int decimals = x != 0 && isfinite(x) ? digits - 1 - (int)floor(log10(fabs(x))) : 0;
    out_json_member_double(b, name, x, CLAMP(decimals, 0, 300));
}

static void member_p(JsonBuilder *b, const char *name, double p)
{
    member_digits(b, name, p, P_DIGITS);
}

/* Member `name`: [lo, hi], or null when lo is NaN. */
static void member_interval(JsonBuilder *b, const char *name, double lo, double hi)
{
    json_builder_set_member_name(b, name);
    if (isnan(lo)) {
        json_builder_add_null_value(b);
        return;
    }
    json_builder_begin_array(b);
    out_json_add_number(b, lo, JSON_DECIMALS);
    out_json_add_number(b, hi, JSON_DECIMALS);
    json_builder_end_array(b);
}

static void add_attributes(JsonBuilder *b, const FitRoster *f)
{
    json_builder_set_member_name(b, "attributes");
    json_builder_begin_array(b);
    for (int a = 0; a < f->n_attrs; a++) {
        json_builder_begin_object(b);
        out_json_member_string(b, "attribute", attr_name(f, a));
        member_digits(b, "mean", f->mean[a], 15);
        member_digits(b, "sd", f->sd[a], 15);
        out_json_member_string(b, "standardised_by", f->scale[a] == FIT_SCALE_SCENARIO ? "scenario" : "outcomes");
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

static void add_outcome(JsonBuilder *b, const Model *m, const FitOutcome *o)
{
    json_builder_begin_object(b);
    out_json_member_string(b, "key", m->params[o->param].key);
    out_json_member_string(b, "status", outcome_code(o->status));
    out_json_member_int(b, "events", o->events);
    out_json_member_int(b, "trials", o->trials);
    out_json_member_double(b, "intercept", o->intercept, JSON_DECIMALS);
    out_json_member_double(b, "intercept_se", o->intercept_se, JSON_DECIMALS);
    out_json_member_double(b, "rate", o->rate, JSON_DECIMALS);
    out_json_member_double(b, "rate_scenario", o->rate_scenario, JSON_DECIMALS);
    json_builder_end_object(b);
}

static void add_stage(JsonBuilder *b, const FitRoster *f, const FitStage *s)
{
    const Model *m = f->model;
    json_builder_begin_object(b);
    out_json_member_string(b, "stage", m->stages[s->stage].id);
    out_json_member_int(b, "rows", s->n_rows);
    out_json_member_int(b, "due", s->n_due);
    out_json_member_double(b, "log_likelihood", s->log_likelihood, JSON_DECIMALS);
    out_json_member_double(b, "log_likelihood_constant", s->log_likelihood_constant, JSON_DECIMALS);
    out_json_member_bool(b, "converged", s->converged);
    json_builder_set_member_name(b, "outcomes");
    json_builder_begin_array(b);
    for (int k = 0; k < s->n_out; k++)
        add_outcome(b, m, &s->out[k]);
    json_builder_end_array(b);
    json_builder_set_member_name(b, "tests");
    json_builder_begin_array(b);
    for (int a = 0; a < f->n_attrs; a++) {
        json_builder_begin_object(b);
        out_json_member_string(b, "attribute", attr_name(f, a));
        out_json_member_double(b, "lr", s->lr[a], JSON_DECIMALS);
        out_json_member_int(b, "df", s->lr_df[a]);
        member_p(b, "p_value", s->lr_p[a]);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
}

static void add_coef(JsonBuilder *b, const FitRoster *f, const FitStage *s, const FitOutcome *o, int a)
{
    const Model *m = f->model;
    const FitCoef *c = &o->coef[a];
    g_autofree char *key = param_effect_key(m->params[o->param].key, attr_name(f, a));
    json_builder_begin_object(b);
    out_json_member_string(b, "stage", m->stages[s->stage].id);
    out_json_member_string(b, "parameter", m->params[o->param].key);
    out_json_member_string(b, "attribute", attr_name(f, a));
    out_json_member_string(b, "key", key);
    out_json_member_string(b, "status", coef_code(c->status));
    out_json_member_double(b, "estimate", c->status == FIT_COEF_FITTED ? c->estimate : NAN, JSON_DECIMALS);
    out_json_member_double(b, "se", c->se, JSON_DECIMALS);
    out_json_member_double(b, "z", c->z, JSON_DECIMALS);
    member_p(b, "p_value", c->p);
    member_interval(b, "ci95", c->lo, c->hi);
    out_json_member_double(b, "lr", s->lr[a], JSON_DECIMALS);
    out_json_member_int(b, "lr_df", s->lr_df[a]);
    member_p(b, "lr_p_value", s->lr_p[a]);
    json_builder_end_object(b);
}

static void add_coefficients(JsonBuilder *b, const FitRoster *f)
{
    json_builder_set_member_name(b, "coefficients");
    json_builder_begin_array(b);
    for (int i = 0; i < f->n_stages; i++) {
        const FitStage *s = f->stages[i].fit;
        for (int k = 0; k < s->n_out; k++)
            for (int a = 0; a < f->n_attrs; a++)
                add_coef(b, f, s, &s->out[k], a);
    }
    json_builder_end_array(b);
}

/* A stage a year later as JSON names it: its id, or "exit". */
static const char *next_id(const Model *m, int next)
{
    return next < 0 ? "exit" : m->stages[next].id;
}

static void add_held_out(JsonBuilder *b, const FitRoster *f)
{
    const FitHeldOut *h = f->held_out;
    json_builder_set_member_name(b, "held_out");
    if (h == NULL) {
        json_builder_add_null_value(b);
        return;
    }
    json_builder_begin_object(b);
    out_json_member_int(b, "year", h->year);
    out_json_member_int(b, "rows", h->n_rows);
    out_json_member_int(b, "left_out", h->n_left_out);
    out_json_member_double(b, "log_loss", h->log_loss, JSON_DECIMALS);
    out_json_member_double(b, "log_loss_constant", h->log_loss_constant, JSON_DECIMALS);
    json_builder_set_member_name(b, "auc");
    json_builder_begin_array(b);
    for (int i = 0; i < h->n_auc; i++) {
        const FitAuc *a = &h->auc[i];
        json_builder_begin_object(b);
        out_json_member_string(b, "stage", f->model->stages[a->stage].id);
        out_json_member_string(b, "outcome", next_id(f->model, a->next));
        out_json_member_int(b, "events", a->events);
        out_json_member_int(b, "rows", a->n);
        out_json_member_double(b, "auc", a->auc, JSON_DECIMALS);
        out_json_member_double(b, "auc_constant", a->auc_constant, JSON_DECIMALS);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
}

static void add_groups(JsonBuilder *b, const FitGroup *g, int n)
{
    json_builder_set_member_name(b, "groups");
    json_builder_begin_array(b);
    for (int i = 0; i < n; i++) {
        json_builder_begin_object(b);
        out_json_member_int(b, "rows", g[i].n);
        out_json_member_double(b, "predicted", g[i].predicted, JSON_DECIMALS);
        out_json_member_int(b, "observed", g[i].observed);
        out_json_member_double(b, "share", g[i].share, JSON_DECIMALS);
        member_interval(b, "ci95", g[i].lo, g[i].hi);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

static void add_calibration(JsonBuilder *b, const FitRoster *f)
{
    json_builder_set_member_name(b, "calibration");
    json_builder_begin_array(b);
    for (int i = 0; i < f->n_stages; i++) {
        int k = fit_roster_up_edge(f, i);
        if (k < 0)
            continue;
        FitGroup g[FIT_ROSTER_GROUPS];
        int n = fit_roster_groups(f, i, k, g);
        const FitStage *s = f->stages[i].fit;
        json_builder_begin_object(b);
        out_json_member_string(b, "stage", f->model->stages[s->stage].id);
        out_json_member_string(b, "parameter", f->model->params[s->out[k].param].key);
        add_groups(b, g, n);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

/* fit.csv's rows: each coefficient with its outcome's rate and the
 * scenario's (caller frees). */
static JsonArray *csv_rows(JsonObject *root)
{
    g_autoptr(GHashTable) outcome = g_hash_table_new(g_str_hash, g_str_equal);
    JsonArray *stages = json_object_get_array_member(root, "stages");
    for (guint i = 0; i < json_array_get_length(stages); i++) {
        JsonArray *outs = json_object_get_array_member(json_array_get_object_element(stages, i), "outcomes");
        for (guint k = 0; k < json_array_get_length(outs); k++) {
            JsonObject *o = json_array_get_object_element(outs, k);
            g_hash_table_insert(outcome, (gpointer)json_object_get_string_member(o, "key"), o);
        }
    }
    JsonArray *coefs = json_object_get_array_member(root, "coefficients"), *rows = json_array_new();
    for (guint i = 0; i < json_array_get_length(coefs); i++) {
        JsonObject *c = json_array_get_object_element(coefs, i), *row = json_object_new();
        out_csv_row_merge(row, c);
        JsonObject *o = g_hash_table_lookup(outcome, json_object_get_string_member(c, "parameter"));
        json_object_set_member(row, "rate", json_node_copy(json_object_get_member(o, "rate")));
        json_object_set_member(row, "rate_scenario", json_node_copy(json_object_get_member(o, "rate_scenario")));
        json_array_add_object_element(rows, row);
    }
    return rows;
}

gboolean out_fit_roster_json(const FitRoster *f, const char *fitted_file, const char *dir, GError **error)
{
    g_return_val_if_fail(f != NULL && dir != NULL, FALSE);
    const Outcomes *o = f->outcomes;
    g_autoptr(JsonBuilder) b = json_builder_new();
    json_builder_begin_object(b);
    out_json_member_string(b, "scenario", f->model->file);
    out_json_member_string(b, "outcomes", o->file);
    out_json_member_string(b, "outcomes_sha256", o->sha256);
    out_json_member_string(b, "fitted_scenario", fitted_file);
    out_json_member_int(b, "rows", o->n_rows);
    out_json_member_int(b, "firms", f->n_firms);
    out_json_member_int(b, "first_year", f->first_year);
    out_json_member_int(b, "last_year", f->last_year);
    out_json_member_string(b, "standard_errors", "inverse of minus the Hessian of the log-likelihood, by central "
                                                 "differences of its analytic gradient");
    out_json_member_double(b, "log_likelihood", f->log_likelihood, JSON_DECIMALS);
    out_json_member_double(b, "log_likelihood_constant", f->log_likelihood_constant, JSON_DECIMALS);
    add_attributes(b, f);
    json_builder_set_member_name(b, "stages");
    json_builder_begin_array(b);
    for (int i = 0; i < f->n_stages; i++)
        add_stage(b, f, f->stages[i].fit);
    json_builder_end_array(b);
    add_coefficients(b, f);
    add_held_out(b, f);
    add_calibration(b, f);
    json_builder_end_object(b);
    g_autoptr(JsonNode) root = json_builder_get_root(b);
    g_autofree char *path = g_build_filename(dir, results_file(RESULTS_FIT_ROSTER), NULL);
    g_autoptr(JsonArray) rows = csv_rows(json_node_get_object(root));
    return results_save(RESULTS_FIT_ROSTER, root, path, error) &&
           out_csv_write_rows(RESULTS_CSV_FIT_ROSTER, lang(f), rows, dir, error);
}

/* ---- the charts ------------------------------------------------------------- */

/* The axis' end (percent): a round number above every point and bar. */
static double axis_end(const FitGroup *g, int n)
{
    double top = 0;
    for (int i = 0; i < n; i++)
        top = MAX(top, MAX(g[i].predicted, g[i].hi));
    top = MAX(100 * top * 1.05, 1);
    double step = pow(10, floor(log10(top)));
    for (const double *m = (const double[]){1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}; ; m++)
        if (*m * step >= top)
            return MIN(*m * step, 100);
}

static gboolean write_chart(const FitRoster *f, int i, int k, const char *dir, GError **error)
{
    const Model *m = f->model;
    const FitStage *s = f->stages[i].fit;
    FitGroup g[FIT_ROSTER_GROUPS];
    int n = fit_roster_groups(f, i, k, g);
    g_autoptr(GString) data = g_string_new("# predicted% observed% low% high% firm-years (Wilson 95% interval)\n");
    for (int t = 0; t < n; t++) {
        g_string_append_printf(data, "%d", t + 1);
        plot_append_number(data, 100 * g[t].predicted);
        plot_append_number(data, 100 * g[t].share);
        plot_append_number(data, 100 * g[t].lo);
        plot_append_number(data, 100 * g[t].hi);
        g_string_append_printf(data, " %d\n", g[t].n);
    }
    g_autofree char *name = g_strdup_printf("fit_%s", m->stages[s->stage].id);
    g_autofree char *label = i18n_param_label(m, s->out[k].param, s->stage);
    g_autofree char *title = g_strdup_printf(i18n_text(lang(f), I18N_FIT_CHART_TITLE_FMT), label);
    g_autofree char *note = g_strdup_printf(i18n_text(lang(f), I18N_FIT_CHART_NOTE_FMT), s->n_rows, n, s->n_rows / n);
    g_autoptr(GHashTable) v = plot_vars_new();
    plot_set_text(v, "TITLE", title);
    plot_set_text(v, "XLABEL", i18n_text(lang(f), I18N_FIT_CHART_X));
    plot_set_text(v, "YLABEL", i18n_text(lang(f), I18N_FIT_CHART_Y));
    plot_set_text(v, "NOTE", note);
    plot_set_text(v, "READ", i18n_text(lang(f), I18N_FIT_CHART_READ));
    plot_set_text(v, "OBSERVED", i18n_text(lang(f), I18N_FIT_CHART_OBSERVED));
    plot_set_text(v, "DIAGONAL", i18n_text(lang(f), I18N_FIT_CHART_DIAGONAL));
    plot_set_double(v, "MAX", axis_end(g, n));
    return plot_write_chart(dir, name, data->str, "fit_roster.gp", v, error);
}

gboolean out_fit_roster_charts(const FitRoster *f, const char *dir, GError **error)
{
    g_return_val_if_fail(f != NULL && dir != NULL, FALSE);
    for (int i = 0; i < f->n_stages; i++) {
        int k = fit_roster_up_edge(f, i);
        if (k >= 0 && !write_chart(f, i, k, dir, error))
            return FALSE;
    }
    return TRUE;
}

/* ---- stdout ----------------------------------------------------------------- */

/* A p-value as the table shows it, with its stars: "<0.001 ***", "0.0312 *". */
static char *p_text(double p)
{
    if (isnan(p))
        return g_strdup("–");
    const char *stars = p < 0.001 ? " ***" : p < 0.01 ? " **" : p < 0.05 ? " *" : "";
    g_autofree char *v = p < P_SMALL ? g_strdup("<0.001") : number_text("%.3g", p);
    return g_strconcat(v, stars, NULL);
}

/* text_table_flush of `t` into `out` without the blanks an empty last
 * cell leaves at a line's end. */
static void flush_trimmed(TextTable *t, GString *out)
{
    g_autoptr(GString) text = g_string_new(NULL);
    text_table_flush(t, text);
    g_auto(GStrv) lines = g_strsplit(text->str, "\n", -1);
    for (int i = 0; lines[i] && (*lines[i] || lines[i + 1]); i++)
        g_string_append_printf(out, "%s\n", g_strchomp(lines[i]));
}

/* A rate as a percentage with 2 decimals. */
static char *rate_text(double r)
{
    g_autofree char *v = number_text("%.2f", 100 * r);
    return g_strconcat(v, "%", NULL);
}

/* The line of how each attribute is standardised. */
static void append_scale(const FitRoster *f, GString *out)
{
    g_string_append(out, i18n_text(lang(f), I18N_FIT_SCALE_TITLE));
    for (int a = 0; a < f->n_attrs; a++) {
        g_autofree char *mean = number_text("%.4g", f->mean[a]), *sd = number_text("%.4g", f->sd[a]);
        const char *from = i18n_text(lang(f), f->scale[a] == FIT_SCALE_SCENARIO ? I18N_FIT_SCALE_SCENARIO
                                                                                  : I18N_FIT_SCALE_OUTCOMES);
        if (a > 0)
            g_string_append(out, i18n_text(lang(f), I18N_LIST_SEPARATOR));
        g_string_append_printf(out, i18n_text(lang(f), I18N_FIT_SCALE_ITEM_FMT), attr_name(f, a), mean, sd, from);
    }
    g_string_append(out, "\n\n");
}

/* The row of a fitted coefficient: the stage's name only on its first row
 * (`stage_first`), the attribute and its likelihood-ratio test only on its
 * first row in the stage (`first`). */
static void coef_row(const FitRoster *f, const FitStage *s, const FitOutcome *o, int a, gboolean stage_first,
                     gboolean first, TextTable *t)
{
    const FitCoef *c = &o->coef[a];
    g_autofree char *label = i18n_param_label(f->model, o->param, s->stage);
    g_autofree char *v = number_text("%.3f", c->estimate), *se = number_text("%.3f", c->se);
    g_autofree char *lo = number_text("%.3f", c->lo), *hi = number_text("%.3f", c->hi);
    g_autofree char *ci = g_strdup_printf("%s – %s", lo, hi);
    g_autofree char *p = p_text(c->p), *lr = first ? p_text(s->lr_p[a]) : g_strdup("");
    const char *row[] = {stage_first ? model_stage_name(f->model, s->stage) : "", first ? attr_name(f, a) : "",
                         label, v, se, ci, p, lr};
    text_table_add(t, row);
}

/* The fitted coefficients, stage by stage, attribute by attribute (its
 * likelihood-ratio test on its first row), then outcome. */
static void append_coefficients(const FitRoster *f, GString *out)
{
    const char *l = lang(f);
    const gboolean right[] = {FALSE, FALSE, FALSE, TRUE, TRUE, TRUE, FALSE, FALSE};
    const char *head[] = {i18n_text(l, I18N_STAGE),       i18n_text(l, I18N_FIT_ATTRIBUTE), i18n_text(l, I18N_FIT_OUTCOME),
                          i18n_text(l, I18N_FIT_COEFFICIENT), i18n_text(l, I18N_FIT_SE), i18n_text(l, I18N_CI95),
                          i18n_text(l, I18N_FIT_P),       i18n_text(l, I18N_FIT_LR_P)};
    TextTable t;
    text_table_init(&t, G_N_ELEMENTS(right), right);
    text_table_add(&t, head);
    int rows = 0;
    for (int i = 0; i < f->n_stages; i++) {
        const FitStage *s = f->stages[i].fit;
        gboolean stage_first = TRUE;
        for (int a = 0; a < f->n_attrs; a++) {
            gboolean first = TRUE;
            for (int k = 0; k < s->n_out; k++)
                if (s->out[k].coef[a].status == FIT_COEF_FITTED) {
                    coef_row(f, s, &s->out[k], a, stage_first, first, &t);
                    stage_first = first = FALSE;
                    rows++;
                }
        }
    }
    g_string_append_printf(out, "%s\n", i18n_text(l, I18N_FIT_COEF_TITLE));
    if (rows == 0) {
        g_autoptr(GString) unused = g_string_new(NULL);
        text_table_flush(&t, unused);  /* frees the header row */
        g_string_append_printf(out, "%s%s\n", TEXT_TABLE_INDENT, i18n_text(l, I18N_FIT_NO_COEFS));
        return;
    }
    flush_trimmed(&t, out);
    g_string_append_printf(out, "%s\n", i18n_text(l, I18N_FIT_STARS_NOTE));
}

static void append_rates(const FitRoster *f, GString *out)
{
    const char *l = lang(f);
    const gboolean right[] = {FALSE, FALSE, TRUE, TRUE, TRUE, TRUE, FALSE};
    const char *head[] = {i18n_text(l, I18N_STAGE),  i18n_text(l, I18N_FIT_OUTCOME), i18n_text(l, I18N_FIT_ROWS),
                          i18n_text(l, I18N_FIT_EVENTS), i18n_text(l, I18N_FIT_RATE), i18n_text(l, I18N_FIT_RATE_SCENARIO),
                          i18n_text(l, I18N_FIT_NOTE)};
    TextTable t;
    text_table_init(&t, G_N_ELEMENTS(right), right);
    text_table_add(&t, head);
    for (int i = 0; i < f->n_stages; i++) {
        const FitStage *s = f->stages[i].fit;
        for (int k = 0; k < s->n_out; k++) {
            const FitOutcome *o = &s->out[k];
            g_autofree char *label = i18n_param_label(f->model, o->param, s->stage);
            g_autofree char *n = g_strdup_printf("%d", o->trials), *ev = g_strdup_printf("%d", o->events);
            g_autofree char *rate = rate_text(o->rate), *scen = rate_text(o->rate_scenario);
            const char *row[] = {model_stage_name(f->model, s->stage), label, n, ev, rate, scen,
                                 outcome_reason(l, o->status)};
            text_table_add(&t, row);
        }
    }
    g_string_append_printf(out, "\n%s\n", i18n_text(l, I18N_FIT_RATES_TITLE));
    flush_trimmed(&t, out);
}

/* The log-loss line: the fitted model's against the constant one's. */
static void append_log_loss(const FitRoster *f, const FitHeldOut *h, GString *out)
{
    const char *l = lang(f);
    g_autofree char *ll = number_text("%.4f", h->log_loss), *lc = number_text("%.4f", h->log_loss_constant);
    double change = (h->log_loss - h->log_loss_constant) / h->log_loss_constant;
    g_autofree char *pct = number_text("%.1f", 100 * fabs(change));
    g_autofree char *by = g_strconcat(pct, "%", NULL);
    g_string_append(out, TEXT_TABLE_INDENT);
    g_string_append_printf(out, i18n_text(l, change <= 0 ? I18N_FIT_LOGLOSS_LOWER_FMT : I18N_FIT_LOGLOSS_HIGHER_FMT),
                           ll, lc, by);
    g_string_append_c(out, '\n');
}

static void append_aucs(const FitRoster *f, const FitHeldOut *h, GString *out)
{
    const char *l = lang(f);
    if (h->n_auc == 0) {
        g_string_append(out, TEXT_TABLE_INDENT);
        g_string_append_printf(out, i18n_text(l, I18N_FIT_NO_AUC_FMT), FIT_ROSTER_AUC_MIN);
        g_string_append_c(out, '\n');
        return;
    }
    const gboolean right[] = {FALSE, FALSE, TRUE, TRUE, TRUE, TRUE};
    const char *head[] = {i18n_text(l, I18N_STAGE),  i18n_text(l, I18N_FIT_OUTCOME), i18n_text(l, I18N_FIT_EVENTS),
                          i18n_text(l, I18N_FIT_ROWS), i18n_text(l, I18N_FIT_AUC), i18n_text(l, I18N_FIT_AUC_CONSTANT)};
    TextTable t;
    text_table_init(&t, G_N_ELEMENTS(right), right);
    text_table_add(&t, head);
    for (int i = 0; i < h->n_auc; i++) {
        const FitAuc *a = &h->auc[i];
        const char *to = a->next < 0 ? i18n_text(l, I18N_FIT_EXIT) : model_stage_name(f->model, a->next);
        g_autofree char *ev = g_strdup_printf("%d", a->events), *n = g_strdup_printf("%d", a->n);
        g_autofree char *auc = number_text("%.3f", a->auc), *c = number_text("%.3f", a->auc_constant);
        g_autofree char *outcome = g_strdup_printf("→ %s", to);
        const char *row[] = {model_stage_name(f->model, a->stage), outcome, ev, n, auc, c};
        text_table_add(&t, row);
    }
    text_table_flush(&t, out);
    g_string_append_printf(out, i18n_text(l, I18N_FIT_AUC_NOTE_FMT), FIT_ROSTER_AUC_MIN);
    g_string_append_c(out, '\n');
}

static void append_held_out(const FitRoster *f, GString *out)
{
    const char *l = lang(f);
    const FitHeldOut *h = f->held_out;
    g_string_append_c(out, '\n');
    if (h == NULL) {
        g_string_append_printf(out, i18n_text(l, I18N_FIT_ONE_YEAR_FMT), f->first_year);
        g_string_append_c(out, '\n');
        return;
    }
    g_autofree char *span = f->first_year == h->year - 1 ? g_strdup_printf("%d", f->first_year)
                                                         : g_strdup_printf("%d–%d", f->first_year, h->year - 1);
    g_string_append_printf(out, i18n_text(l, I18N_FIT_HELD_TITLE_FMT), span, h->year, h->n_rows);
    g_string_append_c(out, '\n');
    if (h->n_rows > 0)
        append_log_loss(f, h, out);
    append_aucs(f, h, out);
    if (h->n_left_out > 0) {
        g_string_append_printf(out, i18n_text(l, I18N_FIT_LEFT_OUT_FMT), h->n_left_out);
        g_string_append_c(out, '\n');
    }
}

/* "科小 → 高企 · rd_intensity、invention_patents 未拟合：why" for the
 * coefficients of outcome `o` held at 0 for reason `why`, if any. */
static void append_held(const FitRoster *f, const FitStage *s, const FitOutcome *o, FitCoefStatus why, GString *out)
{
    const char *l = lang(f);
    g_autoptr(GString) attrs = g_string_new(NULL);
    int a0 = -1;
    for (int a = 0; a < f->n_attrs; a++) {
        if (o->coef[a].status != why)
            continue;
        g_string_append_printf(attrs, "%s%s", attrs->len ? i18n_text(l, I18N_LIST_SEPARATOR) : "", attr_name(f, a));
        a0 = a0 < 0 ? a : a0;
    }
    if (a0 < 0)
        return;
    g_autofree char *label = i18n_param_label(f->model, o->param, s->stage);
    g_autofree char *reason = coef_reason(l, o, &o->coef[a0]);
    g_autofree char *what = g_strdup_printf("%s · %s", label, attrs->str);
    g_string_append_printf(out, i18n_text(l, I18N_FIT_NOT_FITTED_FMT), what, reason);
    g_string_append_c(out, '\n');
}

/* A note for each outcome whose coefficients were held at 0 for one
 * reason, naming the attributes (the rates table says why an outcome is
 * not fitted), and for each stage that did not converge. */
static void append_not_fitted(const FitRoster *f, GString *out)
{
    const char *l = lang(f);
    for (int i = 0; i < f->n_stages; i++) {
        const FitStage *s = f->stages[i].fit;
        if (!s->converged) {
            g_string_append_printf(out, i18n_text(l, I18N_FIT_NOT_CONVERGED_FMT), model_stage_name(f->model, s->stage));
            g_string_append_c(out, '\n');
        }
        for (int k = 0; k < s->n_out; k++)
            for (FitCoefStatus why = FIT_COEF_CONSTANT; why <= FIT_COEF_FLAT; why++)
                append_held(f, s, &s->out[k], why, out);
    }
}

void out_fit_roster_format(const FitRoster *f, const char *fitted_file, GString *out)
{
    g_return_if_fail(f != NULL && out != NULL);
    const char *l = lang(f);
    const Outcomes *o = f->outcomes;
    g_string_append_printf(out, i18n_text(l, I18N_FIT_HEADING_FMT), f->model->name, o->file, o->n_rows, f->n_firms,
                           f->first_year, f->last_year);
    g_string_append_c(out, '\n');
    append_scale(f, out);
    append_coefficients(f, out);
    append_rates(f, out);
    append_held_out(f, out);
    g_string_append_c(out, '\n');
    append_not_fitted(f, out);
    gboolean charts = FALSE;
    for (int i = 0; i < f->n_stages; i++)
        charts |= fit_roster_up_edge(f, i) >= 0;
    if (!charts)
        g_string_append_printf(out, "%s\n", i18n_text(l, I18N_FIT_NO_CHARTS));
    g_string_append_printf(out, "%s\n", i18n_text(l, I18N_FIT_CORRELATION_NOTE));
    if (fitted_file != NULL) {
        g_string_append_printf(out, i18n_text(l, I18N_FIT_WRITTEN_FMT), fitted_file);
        g_string_append_c(out, '\n');
    }
}
