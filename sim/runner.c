/* runner.c: replications spread over threads in chunks, each thread adding
 * into histograms of its own, merged at the end.  Integer counts make the
 * merged result the same for any thread count.
 * SPDX-License-Identifier: MIT */
#include "runner.h"

#include <stdio.h>
#include <unistd.h>

#include "engine.h"
#include "errors.h"
#include "rng.h"

#define RUNNER_CHUNK 64                 /* replications claimed at a time */
#define PROGRESS_DELAY_US 1000000       /* show a bar only for runs over a second */
#define PROGRESS_TICK_US 100000

/* What one thread adds up. */
typedef struct {
    Histogram **stock;      /* [n_years * n_stages] */
    guint64 *entries_sum;   /* [n_years * n_stages] */
    Histogram **target;     /* [n_targets] */
    guint64 *target_met;    /* [n_targets] */
    guint64 all_met;
} Tally;

typedef struct {
    const Model *m;
    const RunConfig *config;
    const double *fixed;    /* year parameters shared by all replications, or NULL */
    gint next_chunk;        /* atomic */
    gint done;              /* atomic: replications finished */
    gint stop;              /* atomic: an error was found; claim no more chunks */
    GMutex lock;
    guint64 error_rep;      /* lowest replication with an error */
    GError *error;
} Shared;

typedef struct {
    Shared *shared;
    Tally tally;
} Worker;

static void tally_init(Tally *t, const Model *m)
{
    int cells = model_n_years(m) * m->n_stages;
    t->stock = g_new0(Histogram *, cells);
    for (int i = 0; i < cells; i++)
        t->stock[i] = histogram_new();
    t->entries_sum = g_new0(guint64, cells);
    t->target = g_new0(Histogram *, m->n_targets);
    for (int i = 0; i < m->n_targets; i++)
        t->target[i] = histogram_new();
    t->target_met = g_new0(guint64, m->n_targets);
}

static void tally_clear(Tally *t, const Model *m)
{
    if (t->stock == NULL) /* moved into a RunResult */
        return;
    int cells = model_n_years(m) * m->n_stages;
    for (int i = 0; i < cells; i++)
        histogram_free(t->stock[i]);
    for (int i = 0; i < m->n_targets; i++)
        histogram_free(t->target[i]);
    g_free(t->stock);
    g_free(t->entries_sum);
    g_free(t->target);
    g_free(t->target_met);
}

static void tally_merge(Tally *dst, const Tally *src, const Model *m)
{
    int cells = model_n_years(m) * m->n_stages;
    for (int i = 0; i < cells; i++) {
        histogram_merge(dst->stock[i], src->stock[i]);
        dst->entries_sum[i] += src->entries_sum[i];
    }
    for (int i = 0; i < m->n_targets; i++) {
        histogram_merge(dst->target[i], src->target[i]);
        dst->target_met[i] += src->target_met[i];
    }
    dst->all_met += src->all_met;
}

/* The count a target looks at, in one replication's trajectory. */
static gint64 target_count(const Model *m, const Target *t, const gint64 *stock, const gint64 *entries)
{
    TargetCells c = model_target_cells(m, t);
    const gint64 *table = c.entries ? entries : stock;
    gint64 n = 0;
    for (int y = c.first_year; y <= c.last_year; y++)
        for (int s = c.first_stage; s <= c.last_stage; s++)
            n += table[y * m->n_stages + s];
    return n;
}

static void tally_add(Tally *t, const Model *m, const gint64 *stock, const gint64 *entries)
{
    int cells = model_n_years(m) * m->n_stages;
    for (int i = 0; i < cells; i++) {
        histogram_add(t->stock[i], stock[i]);
        t->entries_sum[i] += (guint64)entries[i];
    }
    gboolean all = TRUE;
    for (int i = 0; i < m->n_targets; i++) {
        gint64 n = target_count(m, &m->targets[i], stock, entries);
        histogram_add(t->target[i], n);
        gboolean met = n >= m->targets[i].at_least;
        t->target_met[i] += met;
        all = all && met;
    }
    t->all_met += all;
}

/* The parameters of every year of one replication into `params`. */
static gboolean year_params(const Model *m, const double *base, double *params, GError **error)
{
    for (int yi = 1; yi < model_n_years(m); yi++)
        if (!model_year_params(m, base, m->base_year + yi, params + (gsize)yi * m->n_params, error))
            return FALSE;
    return TRUE;
}

static void record_error(Shared *sh, guint64 rep, GError *error)
{
    g_mutex_lock(&sh->lock);
    if (sh->error == NULL || rep < sh->error_rep) {
        g_clear_error(&sh->error);
        sh->error = g_error_new(error->domain, error->code,
                                "%s (replication %" G_GUINT64_FORMAT " of the run drew these values from "
                                "[uncertainty]; narrow the distribution or soften the policy)",
                                error->message, rep);
        sh->error_rep = rep;
    }
    g_error_free(error);
    g_mutex_unlock(&sh->lock);
    g_atomic_int_set(&sh->stop, 1);
}

static gboolean cancelled(const Shared *sh)
{
    return sh->config->cancel != NULL && *sh->config->cancel;
}

/* Runs chunks until none is left.  Chunks are claimed in increasing order,
 * so when one fails every lower chunk is already claimed and finishes: the
 * error reported is the lowest replication's, whatever the thread count. */
static gpointer worker_main(gpointer data)
{
    Worker *w = data;
    Shared *sh = w->shared;
    const Model *m = sh->m;
    guint64 reps = sh->config->reps, seed = sh->config->seed;
    int cells = model_n_years(m) * m->n_stages;
    g_autoptr(EngineScratch) scratch = engine_scratch_new(m);
    g_autofree double *base = g_new(double, m->n_params);
    g_autofree double *own = g_new0(double, (gsize)model_n_years(m) * m->n_params);
    g_autofree gint64 *stock = g_new(gint64, cells);
    g_autofree gint64 *entries = g_new(gint64, cells);
    gsl_rng *r = rng_new();

    while (!g_atomic_int_get(&sh->stop) && !cancelled(sh)) {
        guint64 first = (guint64)g_atomic_int_add(&sh->next_chunk, 1) * RUNNER_CHUNK;
        if (first >= reps)
            break;
        guint64 last = MIN(first + RUNNER_CHUNK, reps);
        for (guint64 rep = first; rep < last; rep++) {
            const double *params = sh->fixed;
            if (params == NULL) {
                GError *error = NULL;
                engine_draw_params(m, TRUE, r, seed, rep, base);
                if (!year_params(m, base, own, &error)) {
                    record_error(sh, rep, error);
                    break;
                }
                params = own;
            }
            engine_replicate(m, params, r, seed, rep, scratch, stock, entries);
            tally_add(&w->tally, m, stock, entries);
        }
        g_atomic_int_add(&sh->done, (gint)(last - first));
    }
    gsl_rng_free(r);
    return NULL;
}

/* Redraws the bar: "[#####-----]  45%  4500/10000  ~3 s left". */
static void progress_draw(guint64 done, guint64 total, gint64 elapsed_us)
{
    const int width = 40;
    int filled = (int)(width * done / total);
    double left = done ? (double)elapsed_us / 1e6 * (double)(total - done) / (double)done : 0;
    fprintf(stderr, "\r[%.*s%*s] %3d%%  %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "  ~%.0f s left ",
            filled, "########################################", width - filled, "",
            (int)(100 * done / total), done, total, left);
    fflush(stderr);
}

/* Waits for the workers, drawing a progress bar on a terminal once the run
 * has lasted a second. */
static void progress_wait(Shared *sh, gboolean progress)
{
    gboolean tty = progress && isatty(STDERR_FILENO);
    gint64 start = g_get_monotonic_time();
    gboolean shown = FALSE;
    guint64 reps = sh->config->reps;
    while (tty && (guint64)g_atomic_int_get(&sh->done) < reps && !g_atomic_int_get(&sh->stop) &&
           !cancelled(sh)) {
        g_usleep(PROGRESS_TICK_US);
        gint64 elapsed = g_get_monotonic_time() - start;
        if (elapsed >= PROGRESS_DELAY_US) {
            progress_draw((guint64)g_atomic_int_get(&sh->done), reps, elapsed);
            shown = TRUE;
        }
    }
    if (shown)
        fprintf(stderr, "\r%*s\r", 90, "");
}

static RunResult *result_from(const Model *m, const RunConfig *config, Tally *total)
{
    RunResult *res = g_new0(RunResult, 1);
    res->model = m;
    res->config = *config;
    res->n_years = model_n_years(m);
    res->n_stages = m->n_stages;
    res->stock = g_steal_pointer(&total->stock);
    res->entries_sum = g_steal_pointer(&total->entries_sum);
    res->target = g_steal_pointer(&total->target);
    res->target_met = g_steal_pointer(&total->target_met);
    res->all_met = total->all_met;
    return res;
}

RunResult *runner_run(const Model *m, const RunConfig *config, GError **error)
{
    g_return_val_if_fail(config->reps >= 1 && config->threads >= 1, NULL);
    g_return_val_if_fail(config->reps / RUNNER_CHUNK < G_MAXINT / 2, NULL);
    Shared sh = {.m = m, .config = config};
    g_mutex_init(&sh.lock);
    g_autofree double *fixed = NULL;
    gboolean any_uncertain = FALSE;
    for (int i = 0; i < m->n_params; i++)
        any_uncertain = any_uncertain || m->params[i].uncertain;
    if (!config->uncertain || !any_uncertain) {
        g_autofree double *base = g_new(double, m->n_params);
        fixed = g_new0(double, (gsize)model_n_years(m) * m->n_params);
        model_central_params(m, base);
        if (!year_params(m, base, fixed, error))
            return NULL;
        sh.fixed = fixed;
    }
    guint n = config->threads;
    Worker *workers = g_new0(Worker, n);
    GThread **threads = g_new0(GThread *, n);
    for (guint i = 0; i < n; i++) {
        workers[i].shared = &sh;
        tally_init(&workers[i].tally, m);
        threads[i] = g_thread_new("ladder-worker", worker_main, &workers[i]);
    }
    progress_wait(&sh, config->progress);
    for (guint i = 0; i < n; i++)
        g_thread_join(threads[i]);
    for (guint i = 1; i < n; i++) {
        tally_merge(&workers[0].tally, &workers[i].tally, m);
        tally_clear(&workers[i].tally, m);
    }
    RunResult *res = NULL;
    if (sh.error != NULL)
        g_propagate_error(error, sh.error);
    else if (cancelled(&sh))
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_CANCELLED, "interrupted; nothing was written");
    else
        res = result_from(m, config, &workers[0].tally);
    tally_clear(&workers[0].tally, m);
    g_mutex_clear(&sh.lock);
    g_free(workers);
    g_free(threads);
    return res;
}

void run_result_free(RunResult *r)
{
    if (r == NULL)
        return;
    Tally t = {r->stock, r->entries_sum, r->target, r->target_met, r->all_met};
    tally_clear(&t, r->model);
    g_free(r);
}
