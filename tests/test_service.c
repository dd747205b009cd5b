/* test_service.c: services to one firm at a time (firms_serve, RunGain,
 * cultivate.h) against exact answers: each firm's chance and its gain from
 * a service against the cohort recursion run for that firm alone; a firm
 * the service cannot reach gains exactly 0; every firm served together is
 * the served scenario itself, bit for bit; the service changes no figure
 * of the run; and a firm's trace where every outcome is certain.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include "testutil.h"

#include "cultivate.h"
#include "expect.h"
#include "firms.h"
#include "model.h"
#include "runner.h"
#include "scenario.h"

#define N_SE 4.0
#define SEED 20261204
#define REPS 40000

/* 初创 → 科小 → 高企 → 瞪羚 over three years with no firm but the roster's:
 * exits, a down edge 高企 → 科小 that is also the lapse stage, a list with
 * a share, and targets of every count kind. */
static const char scenario[] =
    "[scenario]\nname=service\nlanguage=en\nbase_year=2024\nhorizon=2027\n"
    "[stages]\nstartup=Start-up\ntech_sme=Tech SME\nhightech=High-tech\ngazelle=Gazelle\n"
    "[baseline]\nstartup=0\ntech_sme=0\nhightech=0\ngazelle=0\n"
    "[transitions]\nstartup -> tech_sme = 0.2\ntech_sme -> hightech = 0.15\n"
    "hightech -> gazelle = 0.1\nhightech -> tech_sme = 0.03\n"
    "[exits]\nstartup=0.1\ntech_sme=0.05\nhightech=0.02\n"
    "[renewal]\nhightech=3;0.8;tech_sme\n"
    "[list valid]\nname=Valid\nstages=hightech, gazelle\nshare.tech_sme=0.05\n"
    "[target valid]\nlist=valid\nyear=2027\nat_least=3\n"
    "[target new_ht]\nstage=hightech\ncount=new\nyear=2026\nat_least=2\n"
    "[target up]\nstage=hightech\ncount=at_or_above\nyear=2027\nat_least=4\n"
    "[target gz]\nstage=gazelle\nyear=2025\nat_least=1\n";

/* The roster: stage and clock of each firm. */
static const int roster_stage[] = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3};
static const int roster_clock[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 0};
#define N_FIRMS ((int)G_N_ELEMENTS(roster_stage))

static Model *load(void)
{
    GError *error = NULL;
    Model *m = scenario_load_data("service.ini", ".", scenario, &error);
    if (m == NULL)
        fail_msg("%s", error->message);
    return m;
}

/* `m` with firms[0 .. n - 1] of the roster as its roster. */
static Model *with_roster(const Model *m, const int *firms, int n)
{
    Model *c = model_copy(m);
    int stage[N_FIRMS], clock[N_FIRMS];
    for (int i = 0; i < n; i++) {
        stage[i] = roster_stage[firms[i]];
        clock[i] = roster_clock[firms[i]];
    }
    model_set_roster(c, "roster.csv", "0", n, stage, clock);
    return c;
}

static Model *with_whole_roster(const Model *m)
{
    int all[N_FIRMS];
    for (int i = 0; i < N_FIRMS; i++)
        all[i] = i;
    return with_roster(m, all, N_FIRMS);
}

/* Firm f's exact expected contribution to each target of `m` (the model
 * without its roster) by the cohort recursion with it alone on the roster,
 * the service's levers on when `service` is not NULL. */
static void exact_contribution(const Model *m, const CultivateService *service, int f, double *out)
{
    g_autoptr(Model) one = with_roster(m, &f, 1);
    g_autoptr(Model) served = NULL;
    GError *error = NULL;
    if (service != NULL) {
        served = cultivate_served_model(one, service, &error);
        assert_non_null(served);
    }
    const Model *x = served ? served : one;
    int Y = model_n_years(x), S = x->n_stages;
    g_autofree double *base = g_new(double, x->n_params);
    g_autofree double *stock = g_new(double, Y * S);
    g_autofree double *entries = g_new(double, Y * S);
    g_autofree double *lists = g_new(double, MAX(Y * x->n_lists, 1));
    model_central_params(x, base);
    assert_true(expect_run(x, base, stock, entries, &error));
    assert_true(expect_lists(x, base, stock, lists, &error));
    for (int t = 0; t < x->n_targets; t++)
        out[t] = model_target_expected(x, &x->targets[t], stock, entries, lists);
}

static RunConfig config_of(guint64 reps, guint threads)
{
    return (RunConfig){.reps = reps, .seed = SEED, .threads = threads, .uncertain = FALSE};
}

/* The service tech_sme -> hightech = *1.5, and renewal.hightech = +0.1
 * when `renewal`. */
static CultivateService service_of(const Model *m, gboolean renewal)
{
    CultivateService s = {0};
    s.param[s.n] = model_param_find(m, "tech_sme -> hightech");
    s.op[s.n] = LEVER_MULTIPLY;
    s.x[s.n++] = 1.5;
    if (renewal) {
        s.param[s.n] = model_param_find(m, "renewal.hightech");
        s.op[s.n] = LEVER_ADD;
        s.x[s.n++] = 0.1;
    }
    assert_true(s.param[0] >= 0 && s.param[s.n - 1] >= 0);
    return s;
}

/* A run of `m` (with its roster) giving each firm alone the service,
 * keeping its counts when `keep`. */
static RunResult *run_each_keeping(const Model *m, const Model *served, guint64 reps, guint threads,
                                   gboolean keep)
{
    int all[N_FIRMS];
    for (int i = 0; i < N_FIRMS; i++)
        all[i] = i;
    RunService sv = {.served = served, .firms = all, .n_firms = N_FIRMS};
    RunConfig c = config_of(reps, threads);
    c.service = &sv;
    c.keep_counts = keep;
    GError *error = NULL;
    RunResult *r = runner_run(m, &c, &error);
    if (r == NULL)
        fail_msg("%s", error->message);
    return r;
}

static RunResult *run_each(const Model *m, const Model *served, guint64 reps, guint threads)
{
    return run_each_keeping(m, served, reps, threads, FALSE);
}

/* Each firm's chance and gain for every target within N_SE standard errors
 * of the exact ones (with a floor of 1e-12 for exact zeros). */
static void assert_gains_exact(gboolean renewal)
{
    g_autoptr(Model) m = load();
    g_autoptr(Model) mr = with_whole_roster(m);
    CultivateService s = service_of(m, renewal);
    GError *error = NULL;
    g_autoptr(Model) served = cultivate_served_model(mr, &s, &error);
    assert_non_null(served);
    g_autoptr(RunResult) run = run_each(mr, served, REPS, 2);
    RunConfig c = config_of(REPS, 2);
    g_autoptr(Cultivation) cv = cultivate_lists(run, served, &c, 3, &error);
    assert_non_null(cv);
    int T = m->n_targets;
    for (int f = 0; f < N_FIRMS; f++) {
        double before[8], after[8];
        exact_contribution(m, NULL, f, before);
        exact_contribution(m, &s, f, after);
        for (int t = 0; t < T; t++) {
            gsize i = (gsize)f * T + t;
            double chance_tol = N_SE * MAX(cv->chance_se[i], 1e-3) + 1e-12;
            double gain_tol = N_SE * cv->gain_se[i] + 1e-12;
            if (fabs(cv->chance[i] - before[t]) > chance_tol || fabs(cv->gain[i] - (after[t] - before[t])) > gain_tol)
                fail_msg("firm %d target %s: chance %.5f (exact %.5f), gain %.5f ± %.5f (exact %.5f)", f,
                         m->targets[t].name, cv->chance[i], before[t], cv->gain[i], cv->gain_se[i],
                         after[t] - before[t]);
        }
    }
}

static void gains_match_exact_edge(void **state)
{
    (void)state;
    assert_gains_exact(FALSE);
}

static void gains_match_exact_edge_and_renewal(void **state)
{
    (void)state;
    assert_gains_exact(TRUE);
}

/* A 瞪羚 never starts a year in 科小 or 高企 (no edge leaves it): its every
 * gain is exactly 0, and it is never run again. */
static void unreachable_firm_gains_exactly_zero(void **state)
{
    (void)state;
    g_autoptr(Model) m = load();
    g_autoptr(Model) mr = with_whole_roster(m);
    CultivateService s = service_of(m, TRUE);
    GError *error = NULL;
    g_autoptr(Model) served = cultivate_served_model(mr, &s, &error);
    g_autoptr(RunResult) run = run_each(mr, served, 5000, 1);
    int gazelle = N_FIRMS - 1, T = m->n_targets;
    assert_int_equal(roster_stage[gazelle], 3);
    assert_int_equal(run->gain->changed[gazelle], 0);
    for (int t = 0; t < T; t++) {
        assert_int_equal(run->gain->delta[gazelle * T + t], 0);
        assert_int_equal(run->gain->delta_sq[gazelle * T + t], 0);
    }
    for (int t = 0; t <= T; t++)
        assert_int_equal(run->gain->met_abs[gazelle * (T + 1) + t], 0);
    /* a 科小 firm is changed in some replications: the check can fail */
    assert_true(run->gain->changed[3] > 0);
}

/* The service changes no figure of the run: with or without it, and at
 * any thread count, the same bytes of every tally. */
static void service_changes_no_figure(void **state)
{
    (void)state;
    g_autoptr(Model) m = load();
    g_autoptr(Model) mr = with_whole_roster(m);
    CultivateService s = service_of(m, FALSE);
    GError *error = NULL;
    g_autoptr(Model) served = cultivate_served_model(mr, &s, &error);
    RunConfig c = config_of(3000, 1);
    g_autoptr(RunResult) plain = runner_run(mr, &c, &error);
    g_autoptr(RunResult) one = run_each(mr, served, 3000, 1);
    g_autoptr(RunResult) two = run_each(mr, served, 3000, 2);
    int T = m->n_targets;
    for (int t = 0; t < T; t++) {
        assert_int_equal(plain->target_met[t], one->target_met[t]);
        assert_int_equal(plain->target_met[t], two->target_met[t]);
    }
    assert_int_equal(plain->all_met, one->all_met);
    const FirmsTally *a = plain->firms, *b = one->firms;
    gsize cells = (gsize)a->n_firms * a->n_years;
    assert_memory_equal(a->state, b->state, cells * (a->n_stages + 1) * sizeof *a->state);
    assert_memory_equal(a->entered, b->entered, cells * a->n_stages * sizeof *a->entered);
    assert_memory_equal(a->listed, b->listed, cells * a->n_lists * sizeof *a->listed);
    const RunGain *g1 = one->gain, *g2 = two->gain;
    assert_memory_equal(g1->delta, g2->delta, (gsize)N_FIRMS * T * sizeof *g1->delta);
    assert_memory_equal(g1->met, g2->met, (gsize)N_FIRMS * (T + 1) * sizeof *g1->met);
    assert_memory_equal(g1->count, g2->count, (gsize)N_FIRMS * T * sizeof *g1->count);
}

/* Every firm served at once is the served scenario run firm by firm: the
 * same streams at the served chances, so P(met) with them all served is
 * the served model's own, exactly. */
static void all_served_together_is_the_served_scenario(void **state)
{
    (void)state;
    g_autoptr(Model) m = load();
    g_autoptr(Model) mr = with_whole_roster(m);
    CultivateService s = service_of(m, TRUE);
    GError *error = NULL;
    g_autoptr(Model) served = cultivate_served_model(mr, &s, &error);
    int all[N_FIRMS], row[N_FIRMS] = {0};
    for (int i = 0; i < N_FIRMS; i++)
        all[i] = i;
    RunService sv = {.served = served, .firms = all, .n_firms = N_FIRMS, .row = row, .n_rows = 1};
    RunConfig c = config_of(4000, 2);
    c.service = &sv;
    g_autoptr(RunResult) together = runner_run(mr, &c, &error);
    c.service = NULL;
    g_autoptr(RunResult) direct = runner_run(served, &c, &error);
    assert_non_null(together);
    assert_non_null(direct);
    int T = m->n_targets;
    gboolean moved = FALSE;
    for (int t = 0; t < T; t++) {
        gint64 with = (gint64)together->target_met[t] + together->gain->met[t];
        assert_int_equal(with, (gint64)direct->target_met[t]);
        moved = moved || together->gain->met[t] != 0;
    }
    assert_int_equal((gint64)together->all_met + together->gain->met[T], (gint64)direct->all_met);
    assert_true(moved);
}

/* The gain list's order agrees with the exact gains wherever they differ
 * by more than the noise, and the top firms served together raise the
 * target's probability as the second run says, paired. */
static void ranking_agrees_with_exact(void **state)
{
    (void)state;
    g_autoptr(Model) m = load();
    g_autoptr(Model) mr = with_whole_roster(m);
    CultivateService s = service_of(m, FALSE);
    GError *error = NULL;
    g_autoptr(Model) served = cultivate_served_model(mr, &s, &error);
    g_autoptr(RunResult) run = run_each(mr, served, REPS, 2);
    RunConfig c = config_of(REPS, 2);
    g_autoptr(Cultivation) cv = cultivate_lists(run, served, &c, 3, &error);
    assert_non_null(cv);
    int T = m->n_targets, t = 2; /* up: 高企 or above in 2027 */
    double exact[N_FIRMS];
    for (int f = 0; f < N_FIRMS; f++) {
        double before[8], after[8];
        exact_contribution(m, NULL, f, before);
        exact_contribution(m, &s, f, after);
        exact[f] = after[t] - before[t];
    }
    const int *order = cv->lists[t].by_gain;
    for (int a = 0; a < N_FIRMS; a++)
        for (int b = a + 1; b < N_FIRMS; b++) {
            int i = order[a], j = order[b];
            double noise = N_SE * hypot(cv->gain_se[i * T + t], cv->gain_se[j * T + t]);
            if (exact[j] - exact[i] > noise + 1e-12)
                fail_msg("firm %d ranked before %d, exact gains %.5f < %.5f", i, j, exact[i], exact[j]);
        }
    const CultivateList *l = &cv->lists[t];
    assert_int_equal(l->n_top, 3);
    assert_true(l->top_diff > N_SE * l->top_diff_se);
    assert_true(fabs(l->top_p - ((double)run->target_met[t] / REPS + l->top_diff)) < 1e-12);
    /* the second run only re-running the top firms against the kept counts
     * gives the same figures as running every replication again */
    g_autoptr(RunResult) kept = run_each_keeping(mr, served, REPS, 1, TRUE);
    assert_non_null(kept->counts);
    g_autoptr(Cultivation) cheap = cultivate_lists(kept, served, &c, 3, &error);
    assert_non_null(cheap);
    for (int u = 0; u < T; u++) {
        assert_int_equal(cheap->lists[u].n_top, cv->lists[u].n_top);
        assert_memory_equal(cheap->lists[u].by_gain, cv->lists[u].by_gain, N_FIRMS * sizeof(int));
        assert_true(cheap->lists[u].top_p == cv->lists[u].top_p);
        assert_true(cheap->lists[u].top_diff_se == cv->lists[u].top_diff_se);
        assert_true(cheap->lists[u].top_all_diff == cv->lists[u].top_all_diff);
    }
}

/* Where every outcome is certain, a firm's trace is known: a 科小 firm
 * promoted in the first year, on the list from then, due three years after
 * and lapsing back, off the list. */
static void trace_of_a_certain_history(void **state)
{
    (void)state;
    static const char certain[] =
        "[scenario]\nname=certain\nlanguage=en\nbase_year=2024\nhorizon=2029\n"
        "[stages]\ntech_sme=Tech SME\nhightech=High-tech\n"
        "[baseline]\ntech_sme=0\nhightech=0\n"
        "[transitions]\ntech_sme -> hightech = 1\n"
        "[renewal]\nhightech=3;0;tech_sme\n"
        "[list valid]\nname=Valid\nstages=hightech\n"
        "[target t]\nstage=hightech\nyear=2029\nat_least=1\n";
    GError *error = NULL;
    g_autoptr(Model) m = scenario_load_data("certain.ini", ".", certain, &error);
    assert_non_null(m);
    int stage[] = {0, 1}, clock[] = {0, 1};
    model_set_roster(m, "r.csv", "0", 2, stage, clock);
    RunConfig c = config_of(10, 1);
    int *stages = NULL;
    g_autoptr(GArray) ev = runner_trace(m, &c, 3, 0, &stages, &error);
    g_autofree int *own = stages;
    assert_non_null(ev);
    /* 2025 promoted and on the list; 2028 due, lapses (renewal 0) and is off
     * the list; 2029 promoted again, on the list */
    const FirmsEvent want[] = {
        {2025, FIRMS_EVENT_EDGE, 0, 1, -1},  {2025, FIRMS_EVENT_LIST_ON, -1, -1, 0},
        {2028, FIRMS_EVENT_LAPSE, 1, 0, -1}, {2028, FIRMS_EVENT_LIST_OFF, -1, -1, 0},
        {2029, FIRMS_EVENT_EDGE, 0, 1, -1},  {2029, FIRMS_EVENT_LIST_ON, -1, -1, 0},
    };
    assert_int_equal(ev->len, G_N_ELEMENTS(want));
    for (guint k = 0; k < ev->len; k++) {
        const FirmsEvent *e = &g_array_index(ev, FirmsEvent, k);
        assert_int_equal(e->year, want[k].year);
        assert_int_equal(e->kind, want[k].kind);
        assert_int_equal(e->from, want[k].from);
        assert_int_equal(e->to, want[k].to);
        assert_int_equal(e->list, want[k].list);
    }
    const int stages_want[] = {0, 1, 1, 1, 0, 1};
    assert_memory_equal(own, stages_want, sizeof stages_want);
    /* the firm at clock 1 of 高企 is due in 2026, lapses, and is promoted in 2027 */
    int *stages2 = NULL;
    g_autoptr(GArray) ev2 = runner_trace(m, &c, 3, 1, &stages2, &error);
    g_autofree int *own2 = stages2;
    const int stages2_want[] = {1, 1, 0, 1, 1, 1};
    assert_memory_equal(own2, stages2_want, sizeof stages2_want);
    assert_int_equal(g_array_index(ev2, FirmsEvent, 0).kind, FIRMS_EVENT_LAPSE);
    assert_int_equal(g_array_index(ev2, FirmsEvent, 0).year, 2026);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gains_match_exact_edge),
        cmocka_unit_test(gains_match_exact_edge_and_renewal),
        cmocka_unit_test(unreachable_firm_gains_exactly_zero),
        cmocka_unit_test(service_changes_no_figure),
        cmocka_unit_test(all_served_together_is_the_served_scenario),
        cmocka_unit_test(ranking_agrees_with_exact),
        cmocka_unit_test(trace_of_a_certain_history),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
