/* fit_roster.c: an outcomes file fitted stage by stage (fit_roster.h):
 * the rows classified by the scenario's ladder, the attributes
 * standardised, the held-out check on the last year, and the groups by
 * predicted probability that the calibration chart draws.
 * SPDX-License-Identifier: MIT */
#include "fit_roster.h"

#include <math.h>
#include <string.h>

#include "csv.h"
#include "errors.h"
#include "roster.h"

#define MORE_LINES 5  /* lines listed of the other rows making an impossible move */

/* The stage category k of stage s leads to (-1: exit). */
static int category_next(const Model *m, const FitStageData *d, int k)
{
    const Param *p = &m->params[d->cat_param[k]];
    return p->kind == PARAM_EXIT ? -1 : p->to;
}

/* ---- moves the ladder does not allow ------------------------------------------- */

/* What a firm in stage s may do in a year, in words: "exit, move to
 * tech_sme (科小), lapse to startup (初创) when due for renewal, or stay". */
static char *allowed_moves(const Model *m, int s)
{
    const Stage *st = &m->stages[s];
    g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func(g_free);
    if (st->exit_param >= 0)
        g_ptr_array_add(parts, g_strdup("exit"));
    for (int e = 0; e < st->n_out; e++) {
        g_autofree char *to = roster_stage_label(m, m->params[st->out_param[e]].to);
        g_ptr_array_add(parts, g_strdup_printf("move to %s", to));
    }
    if (st->renewal_years > 0) {
        g_autofree char *to = roster_stage_label(m, st->lapse_to);
        g_ptr_array_add(parts, g_strdup_printf("lapse to %s when due for renewal", to));
    }
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < parts->len; i++)
        g_string_append_printf(out, "%s%s", (const char *)parts->pdata[i], i + 1 < parts->len ? ", " : ", or ");
    g_string_append(out, "stay");
    return g_string_free(out, FALSE);
}

/* Why row `r` is a move the ladder of `m` does not allow, and what to do. */
static char *impossible_why(const Model *m, const OutcomesRow *r)
{
    const Stage *st = &m->stages[r->stage];
    g_autofree char *from = roster_stage_label(m, r->stage);
    if (r->next < 0)
        return g_strdup_printf("firm '%s' exited during %d from %s, but %s gives %s no exit, so the scenario's "
                               "ladder does not allow it; add '%s = RATE' to [exits] of %s to fit its exits, or "
                               "correct the row", r->id, r->year + 1, from, m->file, st->id, st->id, m->file);
    g_autofree char *to = roster_stage_label(m, r->next);
    if (r->next == st->lapse_to)
        return g_strdup_printf("firm '%s' went from %s to %s, its lapse stage, during %d, but with years_in_stage %d "
                               "at the end of %d it was not due for renewal (%s is renewed every %d years: due in "
                               "the year after years_in_stage %d), and %s has no edge %s -> %s; check its "
                               "years_in_stage, or add the edge to [transitions] of %s", r->id, from, to,
                               r->year + 1, r->years_in_stage, r->year, st->id, st->renewal_years,
                               st->renewal_years - 1, m->file, st->id, m->stages[r->next].id, m->file);
    g_autofree char *moves = allowed_moves(m, r->stage);
    return g_strdup_printf("firm '%s' went from %s at the end of %d to %s at the end of %d, but the ladder of %s has "
                           "no edge %s -> %s: a firm in %s may %s; add '%s -> %s = RATE' to [transitions] of %s to "
                           "fit such moves, or correct the row", r->id, from, r->year, to, r->year + 1, m->file,
                           st->id, m->stages[r->next].id, st->id, moves, st->id, m->stages[r->next].id, m->file);
}

/* Fails at the first row of `o` whose move `m` does not allow, saying how
 * many other rows make the same move and where. */
static gboolean check_moves(const Model *m, const Outcomes *o, GError **error)
{
    const OutcomesRow *first = NULL;
    g_autoptr(GString) more = g_string_new(NULL);
    int n_more = 0;
    for (int i = 0; i < o->n_rows; i++) {
        const OutcomesRow *r = &o->rows[i];
        if (fit_stage_classify(m, r->stage, r->years_in_stage, r->next) != FIT_Y_IMPOSSIBLE)
            continue;
        if (first == NULL) {
            first = r;
        } else if (r->stage == first->stage && r->next == first->next) {
            if (n_more < MORE_LINES)
                g_string_append_printf(more, "%s%d", n_more ? ", " : "", r->line);
            n_more++;
        }
    }
    if (first == NULL)
        return TRUE;
    g_autofree char *why = impossible_why(m, first);
    if (n_more == 0)
        return csv_error(error, o->file, first->line, "%s", why);
    return csv_error(error, o->file, first->line, "%s (%d more row%s make%s the same move: line%s %s%s)", why, n_more,
                     n_more == 1 ? "" : "s", n_more == 1 ? "s" : "", n_more == 1 ? "" : "s", more->str,
                     n_more > MORE_LINES ? ", ..." : "");
}

/* ---- standardising ------------------------------------------------------------------ */

/* `x` to FIT_ROSTER_SCALE_DIGITS significant digits, as text writes it. */
static double round_digits(double x)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    return g_ascii_strtod(g_ascii_formatd(buf, sizeof buf, "%." G_STRINGIFY(FIT_ROSTER_SCALE_DIGITS) "g", x), NULL);
}

/* The mean and sd of attribute a of the fit (column f->attr[a] of the
 * outcomes): the scenario's standardise line, else the rows' own. */
static gboolean scale_attr(FitRoster *f, int a, GError **error)
{
    const Model *m = f->model;
    const Outcomes *o = f->outcomes;
    const char *name = o->attr_names[f->attr[a]];
    int i = model_attr_index(m, name);
    if (i >= 0 && m->attrs[i].standardised) {
        f->mean[a] = m->attrs[i].mean;
        f->sd[a] = m->attrs[i].sd;
        f->scale[a] = FIT_SCALE_SCENARIO;
        return TRUE;
    }
    model_column_moments(o->values, o->n_rows, o->n_attrs, f->attr[a], &f->mean[a], &f->sd[a]);
    f->scale[a] = FIT_SCALE_OUTCOMES;
    if (f->sd[a] > 0 && isfinite(f->sd[a])) {
        f->mean[a] = round_digits(f->mean[a]);
        f->sd[a] = round_digits(f->sd[a]);
        return TRUE;
    }
    return csv_error(error, o->file, o->header_line,
                     "column %s cannot be standardised: %s, so its standard deviation is 0 and it can tell no firm "
                     "from another; leave it out with --attrs", name,
                     o->n_rows > 1 ? "every firm-year has the same value" : "the file has one firm-year");
}

/* ---- the stages --------------------------------------------------------------------- */

/* Fills stage `fs` of s with the rows of `o` of years from..to that are in
 * it (standardised by f), or leaves it empty (n_rows 0). */
static void stage_rows(const FitRoster *f, int s, int from, int to, FitRosterStage *fs)
{
    const Outcomes *o = f->outcomes;
    int n = 0;
    for (int i = 0; i < o->n_rows; i++)
        n += o->rows[i].stage == s && o->rows[i].year >= from && o->rows[i].year <= to;
    fit_stage_data_init(&fs->data, f->model, s, n, f->n_attrs);
    fs->rows = g_new(int, MAX(n, 1));
    n = 0;
    for (int i = 0; i < o->n_rows; i++) {
        const OutcomesRow *r = &o->rows[i];
        if (r->stage != s || r->year < from || r->year > to)
            continue;
        fs->rows[n] = i;
        fs->data.y[n] = fit_stage_classify(f->model, s, r->years_in_stage, r->next);
        fs->data.due[n] = fit_stage_due(f->model, s, r->years_in_stage);
        for (int a = 0; a < f->n_attrs; a++)
            fs->data.z[(gsize)n * f->n_attrs + a] = (outcomes_value(o, i, f->attr[a]) - f->mean[a]) / f->sd[a];
        n++;
    }
}

static void stage_clear(FitRosterStage *fs)
{
    fit_stage_data_clear(&fs->data);
    g_free(fs->rows);
    fit_stage_free(fs->fit);
    memset(fs, 0, sizeof *fs);
}

/* Every stage with rows of years from..to, fitted on every attribute
 * (with the likelihood-ratio tests when `tests`), into *stages; returns
 * how many. */
static int fit_stages(const FitRoster *f, int from, int to, gboolean tests, FitRosterStage **stages)
{
    const Model *m = f->model;
    g_autofree gboolean *use = g_new(gboolean, MAX(f->n_attrs, 1));
    for (int a = 0; a < f->n_attrs; a++)
        use[a] = TRUE;
    *stages = g_new0(FitRosterStage, m->n_stages);
    int n = 0;
    for (int s = 0; s < m->n_stages; s++) {
        FitRosterStage *fs = &(*stages)[n];
        stage_rows(f, s, from, to, fs);
        if (fs->data.n_rows == 0) {
            stage_clear(fs);
            continue;
        }
        fs->fit = fit_stage_fit(&fs->data, use, tests);
        n++;
    }
    return n;
}

/* Compares two row indexes by their score (in `p`, a probability), then
 * by index, so that any sort of them is the same on every machine. */
static int by_score(gconstpointer a, gconstpointer b, gpointer p)
{
    const double *pr = p;
    int i = *(const int *)a, j = *(const int *)b;
    return pr[i] < pr[j] ? -1 : pr[i] > pr[j] ? 1 : (i > j) - (i < j);
}

/* ---- the held-out year ---------------------------------------------------------------- */

/* The area under the ROC curve of `score` [n] for the rows where `pos`:
 * Mann-Whitney's rank sum with mid-ranks for ties (Hanley and McNeil,
 * Radiology 143, 1982).  NaN without a positive or a negative. */
static double auc(const double *score, const gboolean *pos, int n)
{
    g_autofree int *order = g_new(int, MAX(n, 1));
    for (int i = 0; i < n; i++)
        order[i] = i;
    g_qsort_with_data(order, n, sizeof *order, by_score, (gpointer)score);
    double rank_sum = 0;
    int n_pos = 0;
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && score[order[j]] == score[order[i]])
            j++;
        double mid = (i + 1 + j) / 2.0;  /* ranks i+1 .. j share their mean */
        for (int t = i; t < j; t++)
            if (pos[order[t]]) {
                rank_sum += mid;
                n_pos++;
            }
        i = j;
    }
    int n_neg = n - n_pos;
    if (n_pos == 0 || n_neg == 0)
        return NAN;
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / ((double)n_pos * n_neg);
}

/* The outcome `next` of held-out stage `test` (its scored rows `scored`),
 * its AUC under `fit` and `constant`, appended to `out` when it has
 * enough firm-years with it and without it. */
static void add_auc(const FitRoster *f, const FitRosterStage *test, const gboolean *scored, const FitStage *fit,
                    const FitStage *constant, int next, GArray *out)
{
    const FitStageData *d = &test->data;
    int n = 0, events = 0;
    g_autofree double *p = g_new(double, MAX(d->n_rows, 1)), *q = g_new(double, MAX(d->n_rows, 1));
    g_autofree gboolean *pos = g_new(gboolean, MAX(d->n_rows, 1));
    for (int i = 0; i < d->n_rows; i++) {
        if (!scored[i])
            continue;
        const double *z = d->z + (gsize)i * d->n_attrs;
        pos[n] = f->outcomes->rows[test->rows[i]].next == next;
        events += pos[n];
        p[n] = fit_stage_next_prob(fit, f->model, z, d->due[i], next);
        q[n++] = fit_stage_next_prob(constant, f->model, z, d->due[i], next);
    }
    if (events < FIT_ROSTER_AUC_MIN || n - events < FIT_ROSTER_AUC_MIN)
        return;
    FitAuc a = {.stage = d->stage, .next = next, .events = events, .n = n, .auc = auc(p, pos, n),
                .auc_constant = auc(q, pos, n)};
    g_array_append_val(out, a);
}

/* Scores the held-out rows of one stage (`test`) under the fits on the
 * earlier years (`train`, NULL when the stage had none), adding to the
 * sums of `h` and its AUCs to `aucs`. */
static void score_stage(const FitRoster *f, const FitRosterStage *test, const FitRosterStage *train, FitHeldOut *h,
                        double *sum, double *sum_constant, GArray *aucs)
{
    const FitStageData *d = &test->data;
    if (train == NULL) {
        h->n_left_out += d->n_rows;
        return;
    }
    g_autoptr(FitStage) constant = fit_stage_fit(&train->data, NULL, FALSE);
    g_autofree gboolean *scored = g_new0(gboolean, MAX(d->n_rows, 1));
    for (int i = 0; i < d->n_rows; i++) {
        double lp = fit_stage_log_prob(train->fit, d, i), lq = fit_stage_log_prob(constant, d, i);
        scored[i] = isfinite(lp) && isfinite(lq);
        h->n_left_out += !scored[i];
        h->n_rows += scored[i];
        *sum -= scored[i] ? lp : 0;
        *sum_constant -= scored[i] ? lq : 0;
    }
    for (int k = 0; k < d->n_cat; k++)
        add_auc(f, test, scored, train->fit, constant, category_next(f->model, d, k), aucs);
    const Stage *st = &f->model->stages[d->stage];
    if (st->renewal_years > 0 && d->lapse_cat < 0)  /* a lapse no edge explains is an outcome too */
        add_auc(f, test, scored, train->fit, constant, st->lapse_to, aucs);
}

/* The fit on every year before the last, scored on the last. */
static FitHeldOut *held_out(const FitRoster *f)
{
    FitHeldOut *h = g_new0(FitHeldOut, 1);
    h->year = f->last_year;
    FitRosterStage *train = NULL;
    int n_train = fit_stages(f, f->first_year, f->last_year - 1, FALSE, &train);
    g_autoptr(GArray) aucs = g_array_new(FALSE, FALSE, sizeof(FitAuc));
    double sum = 0, sum_constant = 0;
    for (int s = 0; s < f->model->n_stages; s++) {
        FitRosterStage test = {0};
        stage_rows(f, s, f->last_year, f->last_year, &test);
        const FitRosterStage *tr = NULL;
        for (int i = 0; i < n_train; i++)
            tr = train[i].data.stage == s ? &train[i] : tr;
        if (test.data.n_rows > 0)
            score_stage(f, &test, tr, h, &sum, &sum_constant, aucs);
        stage_clear(&test);
    }
    for (int i = 0; i < n_train; i++)
        stage_clear(&train[i]);
    g_free(train);
    h->log_loss = h->n_rows ? sum / h->n_rows : NAN;
    h->log_loss_constant = h->n_rows ? sum_constant / h->n_rows : NAN;
    h->n_auc = (int)aucs->len;
    h->auc = (FitAuc *)(void *)g_array_free(g_steal_pointer(&aucs), FALSE);
    return h;
}

/* ---- the fit -------------------------------------------------------------------------- */

/* The first and last years of `o`, and its distinct firms. */
static void years_and_firms(FitRoster *f)
{
    const Outcomes *o = f->outcomes;
    g_autoptr(GHashTable) ids = g_hash_table_new(g_str_hash, g_str_equal);
    f->first_year = G_MAXINT, f->last_year = G_MININT;
    for (int i = 0; i < o->n_rows; i++) {
        f->first_year = MIN(f->first_year, o->rows[i].year);
        f->last_year = MAX(f->last_year, o->rows[i].year);
        g_hash_table_add(ids, o->rows[i].id);
    }
    f->n_firms = (int)g_hash_table_size(ids);
}

FitRoster *fit_roster_run(const Model *m, const Outcomes *o, const int *attrs, int n_attrs, GError **error)
{
    g_return_val_if_fail(m != NULL && o != NULL && o->n_rows > 0 && (attrs != NULL || n_attrs == 0), NULL);
    if (!check_moves(m, o, error))
        return NULL;
    g_autoptr(FitRoster) f = g_new0(FitRoster, 1);
    f->model = m;
    f->outcomes = o;
    f->n_attrs = n_attrs;
    f->attr = g_memdup2(attrs, sizeof *attrs * MAX(n_attrs, 1));
    f->mean = g_new(double, MAX(n_attrs, 1));
    f->sd = g_new(double, MAX(n_attrs, 1));
    f->scale = g_new(FitScale, MAX(n_attrs, 1));
    for (int a = 0; a < n_attrs; a++)
        if (!scale_attr(f, a, error))
            return NULL;
    years_and_firms(f);
    f->n_stages = fit_stages(f, f->first_year, f->last_year, TRUE, &f->stages);
    for (int i = 0; i < f->n_stages; i++) {
        f->log_likelihood += f->stages[i].fit->log_likelihood;
        f->log_likelihood_constant += f->stages[i].fit->log_likelihood_constant;
    }
    if (f->last_year > f->first_year)
        f->held_out = held_out(f);
    return g_steal_pointer(&f);
}

void fit_roster_free(FitRoster *f)
{
    if (f == NULL)
        return;
    for (int i = 0; i < f->n_stages; i++)
        stage_clear(&f->stages[i]);
    g_free(f->stages);
    g_free(f->attr);
    g_free(f->mean);
    g_free(f->sd);
    g_free(f->scale);
    if (f->held_out)
        g_free(f->held_out->auc);
    g_free(f->held_out);
    g_free(f);
}

/* ---- the calibration chart's groups ------------------------------------------------------ */

int fit_roster_up_edge(const FitRoster *f, int i)
{
    g_return_val_if_fail(f != NULL && i >= 0 && i < f->n_stages, -1);
    const FitRosterStage *fs = &f->stages[i];
    const FitStageData *d = &fs->data;
    int best = -1;
    for (int k = 0; k < d->n_cat; k++) {
        int next = category_next(f->model, d, k);
        if (next <= d->stage || fs->fit->out[k].events == 0)
            continue;
        if (best < 0 || fs->fit->out[k].events > fs->fit->out[best].events)
            best = k;
    }
    for (int a = 0; best >= 0 && a < f->n_attrs; a++)
        if (fs->fit->out[best].coef[a].status == FIT_COEF_FITTED)
            return best;
    return -1;
}

/* Wilson's 95% interval of x successes in n. */
static void wilson(int x, int n, double *lo, double *hi)
{
    double z2 = FIT_STAGE_Z95 * FIT_STAGE_Z95, p = (double)x / n;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = FIT_STAGE_Z95 / (1 + z2 / n) * sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    *lo = MAX(centre - half, 0);
    *hi = MIN(centre + half, 1);
}

int fit_roster_groups(const FitRoster *f, int i, int k, FitGroup *out)
{
    g_return_val_if_fail(f != NULL && i >= 0 && i < f->n_stages && out != NULL, 0);
    const FitRosterStage *fs = &f->stages[i];
    const FitStageData *d = &fs->data;
    int n = d->n_rows, next = category_next(f->model, d, k);
    g_autofree double *p = g_new(double, n);
    g_autofree int *order = g_new(int, n);
    for (int r = 0; r < n; r++) {
        p[r] = fit_stage_next_prob(fs->fit, f->model, d->z + (gsize)r * d->n_attrs, d->due[r], next);
        order[r] = r;
    }
    g_qsort_with_data(order, n, sizeof *order, by_score, p);
    int groups = MIN(FIT_ROSTER_GROUPS, n);
    for (int g = 0; g < groups; g++) {
        FitGroup *grp = &out[g];
        *grp = (FitGroup){0};
        double sum = 0;
        for (int t = (int)((gint64)g * n / groups); t < (int)((gint64)(g + 1) * n / groups); t++) {
            int r = order[t];
            sum += p[r];
            grp->n++;
            grp->observed += f->outcomes->rows[fs->rows[r]].next == next;
        }
        grp->predicted = sum / grp->n;
        grp->share = (double)grp->observed / grp->n;
        wilson(grp->observed, grp->n, &grp->lo, &grp->hi);
    }
    return groups;
}
