/* cultivate.c: the cultivation lists (cultivate.h): each roster firm's
 * chance of counting toward each target, read from the run's per-firm
 * tallies, and the gain from a service given to it alone, from the run's
 * RunGain; then the top firms of each gain list served together in a
 * second run of the same replications.
 * SPDX-License-Identifier: MIT */
#include "cultivate.h"

#include <math.h>
#include <string.h>

#include "errors.h"

char *cultivate_service_text(const Model *m, const CultivateService *s)
{
    GString *out = g_string_new(NULL);
    for (int i = 0; i < s->n; i++) {
        char x[G_ASCII_DTOSTR_BUF_SIZE];
        g_ascii_formatd(x, sizeof x, "%g", s->op[i] == LEVER_ADD ? fabs(s->x[i]) : s->x[i]);
        char op = s->op[i] == LEVER_MULTIPLY ? '*' : s->x[i] < 0 ? '-' : '+';
        g_string_append_printf(out, "%s%s = %c%s", i ? "; " : "", m->params[s->param[i]].key, op, x);
    }
    return g_string_free(out, FALSE);
}

Model *cultivate_served_model(const Model *m, const CultivateService *s, GError **error)
{
    g_autoptr(Model) served = model_copy(m);
    for (int i = 0; i < s->n; i++) {
        g_return_val_if_fail(param_kind(m->params[s->param[i]].kind)->takes_effects, NULL);
        g_return_val_if_fail(s->op[i] == LEVER_MULTIPLY || s->op[i] == LEVER_ADD, NULL);
        model_set_lever_op(served, s->param[i], m->base_year + 1, s->op[i], s->x[i]);
    }
    if (!model_central_valid(served, error)) {
        g_autofree char *text = cultivate_service_text(m, s);
        g_prefix_error(error, "--service %s: ", text);
        return NULL;
    }
    return g_steal_pointer(&served);
}

/* ---- the lists ------------------------------------------------------------ */

/* Monte Carlo SE of a mean of `reps` values summing to `sum`, their
 * squares to `sumsq`; 0 for fewer than two. */
static double mean_se(double sum, double sumsq, guint64 reps)
{
    if (reps < 2)
        return 0;
    double n = (double)reps, var = (sumsq - sum * sum / n) / (n - 1);
    return var > 0 ? sqrt(var / n) : 0;
}

/* Each firm's chance of counting toward each target, from the run's
 * per-firm tallies through the target's own rule (firms_tally_expected);
 * its SE as a proportion's (a firm that enters a `new` target's stage
 * twice counts twice, which makes it approximate there). */
static void fill_chances(Cultivation *c)
{
    int T = c->n_targets;
    for (int f = 0; f < c->n_firms; f++) {
        double *p = c->chance + (gsize)f * T;
        firms_tally_expected(c->run->firms, c->run->model, f, c->reps, p);
        for (int t = 0; t < T; t++) {
            double q = CLAMP(p[t], 0.0, 1.0);
            c->chance_se[(gsize)f * T + t] = sqrt(q * (1 - q) / (double)c->reps);
        }
    }
}

static void fill_gains(Cultivation *c)
{
    const RunGain *g = c->run->gain;
    int T = c->n_targets;
    double n = (double)c->reps;
    for (int f = 0; f < c->n_firms; f++) {
        c->changed[f] = (double)g->changed[f] / n;
        for (int t = 0; t < T; t++) {
            gsize i = (gsize)f * T + t;
            c->gain[i] = (double)g->delta[i] / n;
            c->gain_se[i] = mean_se((double)g->delta[i], (double)g->delta_sq[i], c->reps);
        }
    }
}

typedef struct {
    const Cultivation *c;
    int t;
} Order;

static int compare_desc(double a, double b)
{
    return a > b ? -1 : a < b ? 1 : 0;
}

static gint by_chance(gconstpointer a, gconstpointer b, gpointer data)
{
    const Order *o = data;
    int i = *(const int *)a, j = *(const int *)b, T = o->c->n_targets;
    int k = compare_desc(o->c->chance[(gsize)i * T + o->t], o->c->chance[(gsize)j * T + o->t]);
    return k != 0 ? k : (i > j) - (i < j);
}

static gint by_gain(gconstpointer a, gconstpointer b, gpointer data)
{
    const Order *o = data;
    int i = *(const int *)a, j = *(const int *)b, T = o->c->n_targets;
    int k = compare_desc(o->c->gain[(gsize)i * T + o->t], o->c->gain[(gsize)j * T + o->t]);
    return k != 0 ? k : by_chance(a, b, data);
}

static int *ranked(const Cultivation *c, int t, GCompareDataFunc order)
{
    int *idx = g_new(int, MAX(c->n_firms, 1));
    for (int f = 0; f < c->n_firms; f++)
        idx[f] = f;
    Order o = {c, t};
    g_qsort_with_data(idx, c->n_firms, sizeof *idx, order, &o);
    return idx;
}

/* The firms at the head of list t's gain order with a positive gain, at
 * most `top`. */
static int top_of(const Cultivation *c, int t, int top)
{
    int n = 0;
    while (n < MIN(top, c->n_firms) && c->gain[(gsize)c->lists[t].by_gain[n] * c->n_targets + t] > 0)
        n++;
    return n;
}

/* Row r of the second run's RunGain: target t's probability with the row's
 * firms served, from the first run's and the paired changes. */
static void fill_top(Cultivation *c, CultivateList *l, const RunGain *g, int r)
{
    int T = c->n_targets, t = l->target;
    double n = (double)c->reps;
    const gint64 *met = g->met + (gsize)r * (T + 1);
    const guint64 *abs = g->met_abs + (gsize)r * (T + 1);
    l->top_diff = (double)met[t] / n;
    l->top_diff_se = mean_se((double)met[t], (double)abs[t], c->reps);
    l->top_p = (double)c->run->target_met[t] / n + l->top_diff;
    l->top_se = sqrt(CLAMP(l->top_p, 0, 1) * (1 - CLAMP(l->top_p, 0, 1)) / n);
    l->top_all_diff = (double)met[T] / n;
    l->top_all_diff_se = mean_se((double)met[T], (double)abs[T], c->reps);
    l->top_all = (double)c->run->all_met / n + l->top_all_diff;
    l->top_all_se = sqrt(CLAMP(l->top_all, 0, 1) * (1 - CLAMP(l->top_all, 0, 1)) / n);
}

/* The second run: each target's top firms served together, a row each. */
static gboolean serve_tops(Cultivation *c, const Model *served, const RunConfig *config, int top, GError **error)
{
    int T = c->n_targets, n = 0, rows = 0;
    g_autofree int *firms = g_new(int, MAX((gsize)T * top, 1));
    g_autofree int *row = g_new(int, MAX((gsize)T * top, 1));
    g_autofree int *row_of = g_new(int, MAX(T, 1));
    for (int t = 0; t < T; t++) {
        c->lists[t].n_top = top_of(c, t, top);
        row_of[t] = c->lists[t].n_top > 0 ? rows++ : -1;
        for (int k = 0; k < c->lists[t].n_top; k++) {
            firms[n] = c->lists[t].by_gain[k];
            row[n++] = row_of[t];
        }
    }
    if (n == 0)
        return TRUE;
    RunService sv = {.served = served, .firms = firms, .n_firms = n, .row = row, .n_rows = rows,
                     .counts = c->run->counts};
    RunConfig c2 = *config;
    c2.service = &sv;
    c2.met_bits = FALSE;
    c2.keep_counts = FALSE;
    g_autoptr(RunResult) second = runner_run(c->run->model, &c2, error);
    if (second == NULL)
        return FALSE;
    for (int t = 0; t < T; t++)
        if (row_of[t] >= 0)
            fill_top(c, &c->lists[t], second->gain, row_of[t]);
    return TRUE;
}

Cultivation *cultivate_lists(const RunResult *run, const Model *served, const RunConfig *config, int top,
                             GError **error)
{
    g_return_val_if_fail(run != NULL && run->firms != NULL, NULL);
    g_return_val_if_fail(served == NULL || (run->gain != NULL && top >= 1), NULL);
    g_autoptr(Cultivation) c = g_new0(Cultivation, 1);
    int T = run->model->n_targets;
    c->run = run;
    c->n_firms = run->firms->n_firms;
    c->n_targets = T;
    c->reps = run->config.reps;
    gsize cells = MAX((gsize)c->n_firms * T, 1);
    c->chance = g_new0(double, cells);
    c->chance_se = g_new0(double, cells);
    fill_chances(c);
    if (served != NULL) {
        c->gain = g_new0(double, cells);
        c->gain_se = g_new0(double, cells);
        c->changed = g_new0(double, MAX(c->n_firms, 1));
        fill_gains(c);
    }
    c->lists = g_new0(CultivateList, MAX(T, 1));
    for (int t = 0; t < T; t++) {
        c->lists[t].target = t;
        c->lists[t].by_chance = ranked(c, t, by_chance);
        c->lists[t].by_gain = served != NULL ? ranked(c, t, by_gain) : NULL;
    }
    if (served != NULL && !serve_tops(c, served, config, top, error))
        return NULL;
    return g_steal_pointer(&c);
}

void cultivate_free(Cultivation *c)
{
    if (c == NULL)
        return;
    for (int t = 0; c->lists != NULL && t < c->n_targets; t++) {
        g_free(c->lists[t].by_chance);
        g_free(c->lists[t].by_gain);
    }
    g_free(c->lists);
    g_free(c->chance);
    g_free(c->chance_se);
    g_free(c->gain);
    g_free(c->gain_se);
    g_free(c->changed);
    g_free(c);
}
