/* bench_firms.c: the firm engine's speed, for `make bench` (tests/bench.sh).
 * Runs firms_replicate directly on N known firms spread over the stages of a
 * scenario in proportion to its baselines (over each stage's renewal clocks
 * as the engines spread a baseline), at central parameters, the per-firm
 * tally on, on 1 and then 2 threads, and prints one line per thread count:
 *
 *   threads <t> firm-years/s <rate> seconds <s> firm-years <n> cpu-ns/firm-year <c>
 *
 * A firm-year is a firm in a stage at the end of a simulated year (the base
 * year left out), as bench.sh's roster row counts them: the stocks summed.
 * Best of TRIES runs (by wall time; cpu-ns/firm-year is the least over the
 * tries of the threads' CPU time summed, divided by the firm-years: less
 * sensitive than wall time to other work on the machine; times the core's
 * clock it is cycles per firm-year).  Not a test: it asserts nothing about
 * time.
 *
 *   build/tests/bench_firms SCENARIO [FIRMS (8000) | ROSTER.csv] [REPS (300)] [TRIES (3)]
 *
 * REPS 0: the scenario's own replications ([scenario] replications, else
 * ladder's default), as `ladder run` of it runs.
 *
 * With a roster (a second argument ending in .csv) the known firms are the
 * roster's, started as `ladder run --roster` starts them, and the
 * scenario's [effects] act on them at their central coefficients; with
 * BENCH_DRAWN=1 each replication draws its coefficients from [uncertainty]
 * as `ladder run` does (engine_draw_effects), so the firms' weights are
 * computed again every replication.
 *
 * BENCH_SIMD=none, avx2 or avx512 limits rng_blocks' vector path
 * (rng_simd_limit; the firm steps are vectors only with avx512), to compare
 * them; BENCH_TALLY=0 runs without the tally; BENCH_THREADS=1 (or 2) runs
 * 1 (or 2) threads only.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli.h"
#include "engine.h"
#include "firms.h"
#include "model.h"
#include "rng.h"
#include "roster.h"
#include "scenario.h"

#define SEED 20261203u

static gboolean no_tally; /* BENCH_TALLY=0: without the per-firm tally */
static gboolean drawn;    /* BENCH_DRAWN=1: the coefficients drawn every replication */
static int chunk = 64;    /* BENCH_CHUNK: replications a firms_replicate_chunk call (1: firms_replicate) */

typedef struct {
    const Model *m;
    const FirmsStart *start;
    const FirmsEffects *effects; /* NULL: none */
    const double *params;
    guint64 first, reps;  /* this thread's replications */
    guint64 firm_years;   /* out */
    double cpu;           /* out: the thread's CPU seconds */
    FirmsTally *tally;    /* out */
} Work;

/* The calling thread's CPU time in seconds. */
static double thread_cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static gpointer work_run(gpointer data)
{
    Work *w = data;
    double cpu0 = thread_cpu();
    const Model *m = w->m;
    int cells = model_n_years(m) * m->n_stages;
    g_autofree gint64 *stock = g_new(gint64, cells), *entries = g_new(gint64, cells);
    g_autofree gint64 *lists = g_new(gint64, MAX(model_n_years(m) * m->n_lists, 1));
    EngineTrajectory out = {stock, entries, lists};
    gsl_rng *r = rng_new();
    FirmsScratch *x = firms_scratch_new(m, w->start);
    w->tally = firms_tally_new(m, w->start->n_firms);
    w->firm_years = 0;
    FirmsEffects fx = {0};
    g_autofree double *beta = NULL;
    if (w->effects != NULL) {
        fx = *w->effects;
        beta = g_memdup2(fx.beta, sizeof *beta * (gsize)m->n_params * fx.n_attrs);
        fx.beta = beta;
    }
    if (chunk > 1 && !drawn) {
        EngineTrajectory *outs = g_new(EngineTrajectory, chunk);
        gint64 *mem = g_new(gint64, (gsize)chunk * (2 * cells + MAX(model_n_years(m) * m->n_lists, 1)));
        for (int j = 0; j < chunk; j++) {
            gint64 *o = mem + (gsize)j * (2 * cells + MAX(model_n_years(m) * m->n_lists, 1));
            outs[j] = (EngineTrajectory){o, o + cells, o + 2 * cells};
        }
        for (guint64 rep = w->first; rep < w->first + w->reps; rep += (guint64)chunk) {
            int n = (int)MIN((guint64)chunk, w->first + w->reps - rep);
            firms_replicate_chunk(m, w->start, w->effects != NULL ? &fx : NULL, w->params, NULL, r, SEED, rep, n, x,
                                  outs, no_tally ? NULL : w->tally);
            for (int j = 0; j < n; j++)
                for (int c = m->n_stages; c < cells; c++)
                    w->firm_years += (guint64)outs[j].stock[c];
        }
        g_free(mem);
        g_free(outs);
    } else {
        for (guint64 rep = w->first; rep < w->first + w->reps; rep++) {
            if (drawn && beta != NULL)
                engine_draw_effects(m, TRUE, r, SEED, rep, beta);
            firms_replicate(m, w->start, w->effects != NULL ? &fx : NULL, w->params, NULL, r, SEED, rep, x, &out,
                            no_tally ? NULL : w->tally);
            for (int c = m->n_stages; c < cells; c++)
                w->firm_years += (guint64)stock[c];
        }
    }
    firms_scratch_free(x);
    gsl_rng_free(r);
    w->cpu = thread_cpu() - cpu0;
    return NULL;
}

/* One timed run of `reps` replications over `threads` threads; returns the
 * wall seconds and sets *firm_years and *cpu (the threads' CPU seconds). */
static double timed(const Model *m, const FirmsStart *start, const FirmsEffects *effects, const double *params,
                    guint64 reps, int threads, guint64 *firm_years, double *cpu)
{
    Work w[2];
    GThread *th[2];
    gint64 t0 = g_get_monotonic_time();
    for (int t = 0; t < threads; t++) {
        w[t] = (Work){m, start, effects, params, reps * t / threads, reps * (t + 1) / threads - reps * t / threads,
                      0, 0, NULL};
        th[t] = g_thread_new("bench", work_run, &w[t]);
    }
    *firm_years = 0;
    *cpu = 0;
    for (int t = 0; t < threads; t++) {
        g_thread_join(th[t]);
        *firm_years += w[t].firm_years;
        *cpu += w[t].cpu;
    }
    for (int t = 1; t < threads; t++)
        firms_tally_merge(w[0].tally, w[t].tally);
    double s = (g_get_monotonic_time() - t0) / 1e6;
    for (int t = 0; t < threads; t++)
        firms_tally_free(w[t].tally);
    return s;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_firms SCENARIO [FIRMS | ROSTER.csv] [REPS] [TRIES]\n");
        return 2;
    }
    const char *roster = argc > 2 && g_str_has_suffix(argv[2], ".csv") ? argv[2] : NULL;
    int n = argc > 2 && roster == NULL ? atoi(argv[2]) : 8000;
    guint64 reps = argc > 3 ? (guint64)atoll(argv[3]) : 300;
    int tries = argc > 4 ? atoi(argv[4]) : 3;
    no_tally = g_strcmp0(g_getenv("BENCH_TALLY"), "0") == 0;
    drawn = g_strcmp0(g_getenv("BENCH_DRAWN"), "1") == 0;
    if (g_getenv("BENCH_CHUNK") != NULL)
        chunk = MAX(atoi(g_getenv("BENCH_CHUNK")), 1);
    const char *simd = g_getenv("BENCH_SIMD");
    if (simd != NULL)
        rng_simd_limit(strcmp(simd, "none") == 0 ? RNG_SIMD_NONE
                       : strcmp(simd, "avx2") == 0 ? RNG_SIMD_AVX2 : RNG_SIMD_AVX512);
    GError *error = NULL;
    Model *m = scenario_load(argv[1], &error);
    if (m == NULL) {
        fprintf(stderr, "bench_firms: %s\n", error->message);
        return 1;
    }
    if (reps == 0)
        reps = m->replications > 0 ? (guint64)m->replications : CLI_DEFAULT_REPS;
    int S = m->n_stages, years = model_n_years(m);
    double *base = g_new(double, MAX(m->n_params, 1));
    double *params = g_new(double, (gsize)years * MAX(m->n_params, 1));
    model_central_params(m, base);
    if (!model_year_table(m, base, params, &error)) {
        fprintf(stderr, "bench_firms: %s\n", error->message);
        return 1;
    }
    int *stage = NULL, *clock = NULL;
    gboolean *covers = NULL;
    FirmsStart start;
    FirmsEffects effects = {0};
    g_autoptr(Roster) ro = NULL;
    g_autofree double *beta = NULL;
    if (roster != NULL) {
        ro = roster_read(roster, m, &error);
        if (ro == NULL || !roster_start_model(ro, m, &error)) {
            fprintf(stderr, "bench_firms: %s\n", error->message);
            return 1;
        }
        const ModelRoster *mr = m->roster;
        start = (FirmsStart){.n_firms = mr->n_firms, .n_attrs = m->n_attrs, .z = mr->z, .stage = mr->stage,
                             .clock = mr->clock, .covers = mr->covers};
        if (m->n_attrs > 0) {
            gsl_rng *r = rng_new();
            beta = g_new(double, (gsize)m->n_params * m->n_attrs);
            engine_draw_effects(m, FALSE, r, SEED, 0, beta);
            gsl_rng_free(r);
            effects = (FirmsEffects){.n_attrs = m->n_attrs, .beta = beta};
        }
    } else {
        /* n firms over the stages in proportion to the baselines (the last
         * stage takes the rounding), each stage's over its clocks. */
        gint64 total = 0;
        for (int s = 0; s < S; s++)
            total += m->stages[s].baseline;
        stage = g_new(int, MAX(n, 1));
        clock = g_new(int, MAX(n, 1));
        covers = g_new(gboolean, S);
        int i = 0;
        for (int s = 0; s < S; s++) {
            int k = s == S - 1 ? n - i : (int)(total > 0 ? (double)n * m->stages[s].baseline / total : 0);
            int v = m->stages[s].renewal_years > 0 ? m->stages[s].renewal_years : 1;
            for (int j = 0; j < k; j++, i++) {
                stage[i] = s;
                clock[i] = j % v;
            }
            covers[s] = TRUE;
        }
        start = (FirmsStart){.n_firms = n, .stage = stage, .clock = clock, .covers = covers};
    }
    const char *only = g_getenv("BENCH_THREADS");
    int min_threads = g_strcmp0(only, "2") == 0 ? 2 : 1, max_threads = g_strcmp0(only, "1") == 0 ? 1 : 2;
    for (int threads = min_threads; threads <= max_threads; threads++) {
        double best = 0, best_cpu = 0;
        guint64 fy = 0;
        for (int t = 0; t < tries; t++) {
            double cpu, s = timed(m, &start, beta != NULL ? &effects : NULL, params, reps, threads, &fy, &cpu);
            if (t == 0 || s < best)
                best = s;
            if (t == 0 || cpu < best_cpu)
                best_cpu = cpu;
        }
        printf("threads %d firm-years/s %.4g seconds %.3f firm-years %" G_GUINT64_FORMAT " cpu-ns/firm-year %.2f\n",
               threads, best > 0 ? fy / best : 0, best, fy, fy > 0 ? best_cpu * 1e9 / fy : 0);
    }
    g_free(stage);
    g_free(clock);
    g_free(covers);
    g_free(base);
    g_free(params);
    model_free(m);
    return 0;
}
