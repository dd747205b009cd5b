/* summary.c: the figures the writers show: percentiles, means and standard
 * errors from a run's histograms, beside the exact expectation.
 * SPDX-License-Identifier: MIT */
#include "summary.h"

#include <math.h>

#include "expect.h"

const guint summary_pcts[SUMMARY_N_PCT] = {5, 25, 50, 75, 95};

int summary_pct_index(guint pct)
{
    for (int i = 0; i < SUMMARY_N_PCT; i++)
        if (summary_pcts[i] == pct)
            return i;
    return -1;
}

/* The yearly figures of one series (a stage's stock, a list's count):
 * histograms hist[y * stride + index] and exact expectations
 * ex[y * stride + index] for each of the run's years, into newly
 * allocated arrays. */
static void series_fill(const RunResult *run, Histogram *const *hist, int stride, int index, const double *ex,
                        double **expected, double **mean, double **sd, gint64 *pct[SUMMARY_N_PCT])
{
    int Y = run->n_years;
    *expected = g_new(double, Y);
    *mean = g_new(double, Y);
    *sd = g_new(double, Y);
    for (int k = 0; k < SUMMARY_N_PCT; k++)
        pct[k] = g_new(gint64, Y);
    for (int y = 0; y < Y; y++) {
        const Histogram *h = hist[y * stride + index];
        (*expected)[y] = ex[y * stride + index];
        (*mean)[y] = histogram_mean(h);
        (*sd)[y] = histogram_sd(h);
        for (int k = 0; k < SUMMARY_N_PCT; k++)
            pct[k][y] = histogram_percentile(h, summary_pcts[k]);
    }
}

static void stage_fill(StageSummary *st, const RunResult *run, int s, const double *ex_stock,
                       const double *ex_entries)
{
    int Y = run->n_years, S = run->n_stages;
    series_fill(run, run->stock, S, s, ex_stock, &st->expected, &st->mean, &st->sd, st->pct);
    st->new_mean = g_new(double, Y);
    st->new_expected = g_new(double, Y);
    for (int y = 0; y < Y; y++) {
        st->new_mean[y] = (double)run->entries_sum[y * S + s] / (double)run->config.reps;
        st->new_expected[y] = ex_entries[y * S + s];
    }
    if (run->entries == NULL)
        return;
    for (int k = 0; k < SUMMARY_N_PCT; k++) {
        st->new_pct[k] = g_new(gint64, Y);
        for (int y = 0; y < Y; y++)
            st->new_pct[k][y] = histogram_percentile(run->entries[y * S + s], summary_pcts[k]);
    }
}

static void list_fill(ListSummary *ls, const RunResult *run, int l, int n_lists, const double *ex_lists)
{
    series_fill(run, run->lists, n_lists, l, ex_lists, &ls->expected, &ls->mean, &ls->sd, ls->pct);
}

static double binomial_se(double p, guint64 n)
{
    return sqrt(p * (1 - p) / (double)n);
}

/* The mean of a count summed to `sum` with squares `sumsq` over n
 * replications, and its Monte Carlo standard error. */
static void mean_se(double sum, double sumsq, guint64 n, double *mean, double *se)
{
    double nn = (double)n;
    *mean = sum / nn;
    double var = n > 1 ? MAX(sumsq - nn * *mean * *mean, 0) / (nn - 1) : 0;
    *se = sqrt(var / nn);
}

/* Each part's summary of region `m` from its run and the parts' exact
 * expectations (expect_parts, [n_parts * cells] and lists). */
static gboolean parts_fill(Summary *sum, const Model *m, const RunResult *run, const double *central,
                           GError **error)
{
    int Y = run->n_years, S = run->n_stages, T = m->n_targets;
    gsize cells = (gsize)Y * S, lcells = (gsize)Y * m->n_lists;
    g_autofree double *ex_stock = g_new(double, cells * m->n_parts);
    g_autofree double *ex_entries = g_new(double, cells * m->n_parts);
    g_autofree double *ex_lists = g_new(double, MAX(lcells * m->n_parts, 1));
    if (!expect_parts(m, central, ex_stock, ex_entries, ex_lists, error))
        return FALSE;
    guint64 n = run->config.reps;
    sum->n_parts = run->n_parts;
    sum->parts = g_new0(PartSummary, run->n_parts);
    for (int p = 0; p < run->n_parts; p++) {
        const RunPart *rp = &run->parts[p];
        PartSummary *ps = &sum->parts[p];
        const Model *pm = rp->model;
        ps->model = pm;
        ps->probability = g_new(double, MAX(pm->n_targets, 1));
        ps->se = g_new(double, MAX(pm->n_targets, 1));
        for (int t = 0; t < pm->n_targets; t++) {
            ps->probability[t] = (double)rp->target_met[t] / (double)n;
            ps->se[t] = binomial_se(ps->probability[t], n);
        }
        ps->all_probability = pm->n_targets ? (double)rp->all_met / (double)n : NAN;
        ps->all_se = pm->n_targets ? binomial_se(ps->all_probability, n) : NAN;
        ps->share_mean = g_new(double, MAX(T, 1));
        ps->share_se = g_new(double, MAX(T, 1));
        ps->share_expected = g_new(double, MAX(T, 1));
        for (int t = 0; t < T; t++) {
            mean_se((double)rp->share_sum[t], rp->share_sumsq[t], n, &ps->share_mean[t], &ps->share_se[t]);
            ps->share_expected[t] = model_target_expected(m, &m->targets[t], ex_stock + p * cells,
                                                          ex_entries + p * cells, ex_lists + p * lcells);
        }
        ps->stock_mean = g_new(double, cells);
        ps->stock_expected = g_memdup2(ex_stock + p * cells, sizeof(double) * cells);
        for (gsize i = 0; i < cells; i++)
            ps->stock_mean[i] = (double)rp->stock_sum[i] / (double)n;
    }
    return TRUE;
}

Summary *summary_new(const Model *m, const RunResult *run, GError **error)
{
    int Y = run->n_years, S = run->n_stages;
    g_autofree double *central = g_new(double, m->n_params);
    g_autofree double *ex_stock = g_new(double, Y * S);
    g_autofree double *ex_entries = g_new(double, Y * S);
    g_autofree double *ex_lists = g_new(double, MAX(Y * m->n_lists, 1));
    model_central_params(m, central);
    if (!expect_run(m, central, ex_stock, ex_entries, error) || !expect_lists(m, central, ex_stock, ex_lists, error))
        return NULL;

    Summary *sum = g_new0(Summary, 1);
    sum->model = m;
    sum->run = run;
    sum->n_years = Y;
    sum->stages = g_new0(StageSummary, S);
    for (int s = 0; s < S; s++)
        stage_fill(&sum->stages[s], run, s, ex_stock, ex_entries);
    sum->lists = g_new0(ListSummary, m->n_lists);
    for (int l = 0; l < m->n_lists; l++)
        list_fill(&sum->lists[l], run, l, m->n_lists, ex_lists);
    guint64 n = run->config.reps;
    sum->targets = g_new0(TargetSummary, m->n_targets);
    for (int i = 0; i < m->n_targets; i++) {
        TargetSummary *t = &sum->targets[i];
        t->hist = run->target[i];
        t->probability = (double)run->target_met[i] / (double)n;
        t->se = binomial_se(t->probability, n);
        t->mean = histogram_mean(t->hist);
        t->expected = model_target_expected(m, &m->targets[i], ex_stock, ex_entries, ex_lists);
        for (int k = 0; k < SUMMARY_N_PCT; k++)
            t->pct[k] = histogram_percentile(t->hist, summary_pcts[k]);
    }
    sum->all_probability = m->n_targets ? (double)run->all_met / (double)n : NAN;
    sum->all_se = m->n_targets ? binomial_se(sum->all_probability, n) : NAN;
    if (run->n_parts > 0 && !parts_fill(sum, m, run, central, error)) {
        summary_free(sum);
        return NULL;
    }
    return sum;
}

void summary_free(Summary *s)
{
    if (s == NULL)
        return;
    for (int i = 0; i < s->model->n_stages; i++) {
        StageSummary *st = &s->stages[i];
        g_free(st->expected);
        g_free(st->mean);
        g_free(st->sd);
        g_free(st->new_mean);
        g_free(st->new_expected);
        for (int k = 0; k < SUMMARY_N_PCT; k++) {
            g_free(st->pct[k]);
            g_free(st->new_pct[k]);
        }
    }
    for (int i = 0; i < s->model->n_lists; i++) {
        ListSummary *ls = &s->lists[i];
        g_free(ls->expected);
        g_free(ls->mean);
        g_free(ls->sd);
        for (int k = 0; k < SUMMARY_N_PCT; k++)
            g_free(ls->pct[k]);
    }
    for (int p = 0; p < s->n_parts; p++) {
        PartSummary *ps = &s->parts[p];
        g_free(ps->probability);
        g_free(ps->se);
        g_free(ps->share_mean);
        g_free(ps->share_se);
        g_free(ps->share_expected);
        g_free(ps->stock_mean);
        g_free(ps->stock_expected);
    }
    g_free(s->parts);
    g_free(s->lists);
    g_free(s->stages);
    g_free(s->targets);
    g_free(s);
}
