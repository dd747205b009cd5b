/* test_roster_effects.c: `ladder run --roster` with [effects]: the
 * per-firm closed form p_k e^{beta_k z} / (p_stay + sum_j p_j e^{beta_j z})
 * end to end (firms.json per firm, summary.json's stock), firms at the mean
 * with exactly the no-effect rates (the same bytes as a run without
 * [effects]), the roster's own mean and sample sd when no standardise line
 * (recorded in scenario.json, against a hand computation), a missing or
 * constant column refused before any folder, an uncertain coefficient drawn
 * only when the run draws uncertainty, the same bytes on 1 and 2 threads,
 * arrivals that take their stage's z (the whole stage then runs at adjusted
 * rates: the exact expectation of a scenario with those rates written in),
 * and the note when [effects] run without a roster.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include "testutil.h"

#include "expect.h"

#define N_SE 4.0
#define REPS 4000
#define REPS_TEXT "4000"
#define P_UP 0.2     /* tech_sme -> hightech */
#define Q_EXIT 0.1   /* exit.tech_sme */
#define BETA 0.5     /* tech_sme -> hightech.rd */
#define RD_MEAN 0.04 /* standardise.rd */
#define RD_SD 0.01

/* A scenario of 初创, 科小 and 高企 from 2024 to `horizon`: 科小 moves up
 * with p and exits with q, an inflow into 科小 and a yearly 科小 register
 * renewed with `renew` (lapsing to 初创) when they are > 0, a target on 高企
 * at the horizon, then `tail` ([effects] ...); `baseline` 科小 (0 with a
 * roster: it covers them).  Caller frees. */
static char *scenario_text(int horizon, double p, double q, double inflow, double renew, const char *tail,
                           int baseline)
{
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "[scenario]\nname=effects\nbase_year=2024\nhorizon=%d\n"
                              "[stages]\nstartup=初创\ntech_sme=科小\nhightech=高企\n"
                              "[baseline]\nstartup=0\ntech_sme=%d\nhightech=0\n"
                              "[transitions]\ntech_sme -> hightech = %.17g\n[exits]\ntech_sme = %.17g\n",
                           horizon, baseline, p, q);
    if (inflow > 0)
        g_string_append_printf(s, "[inflows]\ntech_sme = %.17g\n", inflow);
    if (renew > 0)
        g_string_append_printf(s, "[renewal]\ntech_sme = 1;%.17g;startup\n", renew);
    g_string_append_printf(s, "[target t]\nstage=hightech\nyear=%d\nat_least=1\n%s", horizon, tail);
    return g_string_free(s, FALSE);
}

/* The one-year scenario with tech_sme -> hightech.rd = BETA on rd
 * standardised by (RD_MEAN, RD_SD), `more` after the [effects] lines. */
static char *effects_one_year(const char *more)
{
    g_autofree char *tail = g_strdup_printf("[effects]\ntech_sme -> hightech.rd = %.17g\n"
                                            "standardise.rd = %.17g, %.17g\n%s", BETA, RD_MEAN, RD_SD, more);
    return scenario_text(2025, P_UP, Q_EXIT, 0, 0, tail, 0);
}

/* A roster of `n` 科小 firms, firm i with rd = x[i], and a column the
 * effects do not use, as dir/name (caller frees the path); `comment`
 * (may be NULL) is a line above the header. */
static char *roster_of(const char *dir, const char *name, const char *column, const double *x, int n,
                       const char *comment)
{
    g_autoptr(GString) csv = g_string_new(comment);
    g_string_append_printf(csv, "id,name,stage,years_in_stage,%s,unused\n", column);
    for (int i = 0; i < n; i++)
        g_string_append_printf(csv, "F%04d,firm %d,科小,0,%.17g,%d\n", i, i, x[i], i % 7);
    return tu_write(dir, name, csv->str);
}

/* Runs `ladder run sc [--roster roster] --reps REPS --seed seed --threads
 * threads --out dir/out` (no charts, quiet, `extra` one more flag or NULL)
 * and fails unless it exits 0; returns the folder (caller frees). */
static char *run_into(const char *dir, const char *out, const char *sc, const char *roster, const char *seed,
                      const char *threads, const char *extra)
{
    char *path = g_build_filename(dir, out, NULL);
    const char *args[20] = {"run", sc, "--reps", REPS_TEXT, "--seed", seed, "--threads", threads, "--no-charts",
                            "-q", "--out", path};
    int n = 12;
    if (roster != NULL) {
        args[n++] = "--roster";
        args[n++] = roster;
    }
    if (extra != NULL)
        args[n++] = extra;
    TuRun r = tu_ladder_spawn(NULL, args, NULL, NULL);
    if (r.status != 0)
        fail_msg("ladder run exited %d: %s", r.status, r.err);
    tu_run_clear(&r);
    return path;
}

/* Firm f's probability of state `state` in the first target year of firms.json. */
static double firm_p(JsonObject *firms_json, guint f, const char *state)
{
    JsonArray *firms = json_object_get_array_member(firms_json, "firms");
    JsonObject *year = json_array_get_object_element(
        json_object_get_array_member(json_array_get_object_element(firms, f), "years"), 0);
    JsonArray *st = json_object_get_array_member(year, "states");
    for (guint k = 0; k < json_array_get_length(st); k++) {
        JsonObject *o = json_array_get_object_element(st, k);
        if (strcmp(json_object_get_string_member(o, "state"), state) == 0)
            return tu_num(o, "probability");
    }
    fail_msg("no state %s", state);
    return NAN;
}

/* Firms lo .. hi-1 of firms.json: each firm's probability of `state`
 * within 5 SE of `want`, their mean within N_SE SE (the firms are
 * independent). */
static void assert_firms_at(JsonObject *firms_json, guint lo, guint hi, const char *state, double want)
{
    double sum = 0, se1 = sqrt(want * (1 - want) / REPS);
    for (guint f = lo; f < hi; f++) {
        double p = firm_p(firms_json, f, state);
        if (fabs(p - want) > 5 * se1)
            fail_msg("firm %u: P(%s) %.4f, want %.4f (se %.4f)", f, state, p, want, se1);
        sum += p;
    }
    double mean = sum / (hi - lo), se = se1 / sqrt(hi - lo);
    if (fabs(mean - want) > N_SE * se)
        fail_msg("firms %u..%u: mean P(%s) %.5f, want %.5f (se %.5f)", lo, hi - 1, state, mean, want, se);
}

/* Stage `stage`'s stock in summary.json at year index `y`: its mean and
 * the standard error of the mean. */
static double stock_mean(JsonObject *summary, int stage, guint y, double *se)
{
    JsonObject *st = json_array_get_object_element(json_object_get_array_member(summary, "stages"), (guint)stage);
    JsonObject *stock = json_object_get_object_member(st, "stock");
    if (se != NULL)
        *se = tu_num_at(json_object_get_array_member(stock, "sd"), y) / sqrt(REPS);
    return tu_num_at(json_object_get_array_member(stock, "mean"), y);
}

/* (a) 200 firms at z = 2 and 200 at z = 0: each of the first moves up
 * with p e^{2b} / (1 - p - q + p e^{2b} + q) and exits with
 * q / (the same), each of the others with p and q; the 高企 stock's mean
 * is their sum; the firms at the mean exactly their chances without
 * [effects].  Then every firm at the mean: the same bytes of firms.json as
 * the scenario without [effects]. */
static void closed_form_end_to_end(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    double x[400];
    for (int i = 0; i < 400; i++)
        x[i] = i < 200 ? RD_MEAN + 2 * RD_SD : RD_MEAN;
    g_autofree char *roster = roster_of(dir, "r.csv", "rd", x, 400, NULL);
    g_autofree char *text = effects_one_year("");
    g_autofree char *sc = tu_write(dir, "e.ini", text);
    g_autofree char *out = run_into(dir, "e", sc, roster, "3", "2", NULL);
    g_autoptr(JsonNode) firms = tu_read_json(out, "firms.json"), summary = tu_read_json(out, "summary.json");

    double w = exp(2 * BETA), d = 1 - P_UP - Q_EXIT + P_UP * w + Q_EXIT;
    double up = P_UP * w / d, gone = Q_EXIT / d;
    assert_firms_at(json_node_get_object(firms), 0, 200, "hightech", up);
    assert_firms_at(json_node_get_object(firms), 0, 200, "exited", gone);
    assert_firms_at(json_node_get_object(firms), 200, 400, "hightech", P_UP);
    assert_firms_at(json_node_get_object(firms), 200, 400, "exited", Q_EXIT);
    double se, mean = stock_mean(json_node_get_object(summary), 2, 1, &se), want = 200 * up + 200 * P_UP;
    if (fabs(mean - want) > N_SE * se)
        fail_msg("高企 mean %.3f, want %.3f (se %.3f)", mean, want, se);

    /* each firm draws from its own stream: the firms at the mean did what
       they do in the run without [effects], to the bit */
    g_autofree char *plain_text = scenario_text(2025, P_UP, Q_EXIT, 0, 0, "", 0);
    g_autofree char *plain = tu_write(dir, "p.ini", plain_text);
    g_autofree char *mixed = run_into(dir, "mixed", plain, roster, "3", "2", NULL);
    g_autoptr(JsonNode) plain_firms = tu_read_json(mixed, "firms.json");
    for (guint f = 0; f < 400; f++) {
        double p = firm_p(json_node_get_object(plain_firms), f, "hightech");
        double q = firm_p(json_node_get_object(firms), f, "hightech");
        if (f >= 200 ? p != q : p == q)
            fail_msg("firm %u: P(高企) %.17g with [effects], %.17g without", f, q, p);
    }

    for (int i = 0; i < 400; i++)
        x[i] = RD_MEAN;
    g_autofree char *at_mean = roster_of(dir, "m.csv", "rd", x, 400, NULL);
    g_autofree char *a = run_into(dir, "a", sc, at_mean, "3", "2", NULL);
    g_autofree char *b = run_into(dir, "b", plain, at_mean, "3", "2", NULL);
    g_autofree char *fa = tu_read_text(a, "firms.json"), *fb = tu_read_text(b, "firms.json");
    assert_string_equal(fa, fb);
    g_autofree char *ca = tu_read_text(a, "firms.csv"), *cb = tu_read_text(b, "firms.csv");
    assert_string_equal(ca, cb);
}

/* scenario.json's roster.attributes. */
static JsonArray *attributes_of(JsonNode *scenario_json)
{
    JsonObject *ro = json_object_get_object_member(json_node_get_object(scenario_json), "roster");
    assert_non_null(ro);
    assert_true(json_object_has_member(ro, "attributes"));
    return json_object_get_array_member(ro, "attributes");
}

/* (b) No standardise line: the roster's own mean and sample sd (n - 1),
 * recorded in scenario.json, and each firm's chance from its z. */
static void roster_mean_and_sd(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    const double x[] = {1, 2, 3, 4, 7, 7};
    const int n = G_N_ELEMENTS(x);
    double mean = (1 + 2 + 3 + 4 + 7 + 7) / 6.0, ss = 0;
    for (int i = 0; i < n; i++)
        ss += (x[i] - mean) * (x[i] - mean);
    double sd = sqrt(ss / (n - 1));
    g_autofree char *roster = roster_of(dir, "r.csv", "rd", x, n, NULL);
    g_autofree char *tail = g_strdup_printf("[effects]\ntech_sme -> hightech.rd = %.17g\n", BETA);
    g_autofree char *text = scenario_text(2025, P_UP, Q_EXIT, 0, 0, tail, 0);
    g_autofree char *sc = tu_write(dir, "e.ini", text);
    g_autofree char *out = run_into(dir, "e", sc, roster, "4", "1", NULL);
    g_autoptr(JsonNode) scj = tu_read_json(out, "scenario.json"), firms = tu_read_json(out, "firms.json");
    JsonArray *attrs = attributes_of(scj);
    assert_int_equal(json_array_get_length(attrs), 1);
    JsonObject *a = json_array_get_object_element(attrs, 0);
    assert_string_equal(json_object_get_string_member(a, "id"), "rd");
    assert_string_equal(json_object_get_string_member(a, "from"), "roster");
    assert_near(tu_num(a, "mean"), mean, 1e-9);
    assert_near(tu_num(a, "sd"), sd, 1e-9);
    for (int i = 0; i < n; i++) {
        double w = exp(BETA * (x[i] - mean) / sd), up = P_UP * w / (1 - P_UP + P_UP * w);
        assert_firms_at(json_node_get_object(firms), (guint)i, (guint)i + 1, "hightech", up);
    }

    /* with standardise: its mean and sd, said so */
    g_autofree char *text2 = effects_one_year("");
    g_autofree char *sc2 = tu_write(dir, "s.ini", text2);
    g_autofree char *out2 = run_into(dir, "s", sc2, roster, "4", "1", NULL);
    g_autoptr(JsonNode) scj2 = tu_read_json(out2, "scenario.json");
    JsonObject *a2 = json_array_get_object_element(attributes_of(scj2), 0);
    assert_string_equal(json_object_get_string_member(a2, "from"), "standardise");
    assert_near(tu_num(a2, "mean"), RD_MEAN, 1e-12);
    assert_near(tu_num(a2, "sd"), RD_SD, 1e-12);
}

/* (c) A column the effects need that the roster lacks (its near-miss
 * suggested, at the header's line), and one with no spread to standardise
 * by: exit 2, file:line, no folder. */
static void bad_columns_leave_nothing(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    double x[3] = {0.05, 0.05, 0.05};
    g_autofree char *misnamed = roster_of(dir, "n.csv", "r_d", x, 3, "# exported 2025\n");
    g_autofree char *flat = roster_of(dir, "f.csv", "rd", x, 3, NULL);
    g_autofree char *with = effects_one_year("");
    g_autofree char *tail = g_strdup_printf("[effects]\ntech_sme -> hightech.rd = %.17g\n", BETA);
    g_autofree char *without = scenario_text(2025, P_UP, Q_EXIT, 0, 0, tail, 0);
    g_autofree char *sc = tu_write(dir, "s.ini", with), *sc2 = tu_write(dir, "r.ini", without);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *before = tu_list_dir(dir);
    {
        g_auto(TuRun) r = tu_ladder(NULL, "run", sc, "--roster", misnamed, "--out", out, "-q", NULL);
        g_autofree char *where = g_strconcat(misnamed, ":2: the scenario's [effects] use attribute 'rd', which the "
                                             "roster has no column for; did you mean 'r_d'?", NULL);
        const char *want[] = {where};
        tu_assert_bad_input(&r, want, 1, dir, before);
    }
    {
        g_auto(TuRun) r = tu_ladder(NULL, "run", sc2, "--roster", flat, "--out", out, "-q", NULL);
        g_autofree char *where = g_strconcat(flat, ":1: column rd cannot be standardised", NULL);
        const char *want[] = {where, "standardise.rd = mean, sd"};
        tu_assert_bad_input(&r, want, 2, dir, before);
    }
    /* the same flat column with a standardise line is fine: every firm at z = 1 */
    g_autofree char *ok = run_into(dir, "ok", sc, flat, "1", "1", NULL);
    g_assert_nonnull(ok);
}

/* (d) An uncertain coefficient normal(BETA, s): with s tiny, the certain
 * run's mean within N_SE; with s = 1 and --no-uncertainty, the certain
 * run's bytes (the central value); with s = 1 drawn, a mean well away from
 * the certain run's (each replication draws its own).  (e) The same bytes
 * on 1 and 2 threads. */
static void uncertain_coefficients(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    double x[200];
    for (int i = 0; i < 200; i++)
        x[i] = RD_MEAN + 2 * RD_SD;
    g_autofree char *roster = roster_of(dir, "r.csv", "rd", x, 200, NULL);
    g_autofree char *certain_text = effects_one_year("");
    g_autofree char *tiny_text = effects_one_year("[uncertainty]\ntech_sme -> hightech.rd = normal(0.5, 1e-6)\n");
    g_autofree char *wide_text = effects_one_year("[uncertainty]\ntech_sme -> hightech.rd = normal(0.5, 1)\n");
    g_autofree char *certain = tu_write(dir, "c.ini", certain_text), *tiny = tu_write(dir, "t.ini", tiny_text);
    g_autofree char *wide = tu_write(dir, "w.ini", wide_text);
    g_autofree char *c = run_into(dir, "c", certain, roster, "8", "2", NULL);
    g_autofree char *t = run_into(dir, "t", tiny, roster, "8", "2", NULL);
    g_autofree char *wc = run_into(dir, "wc", wide, roster, "8", "2", "--no-uncertainty");
    g_autofree char *w1 = run_into(dir, "w1", wide, roster, "8", "1", NULL);
    g_autofree char *w2 = run_into(dir, "w2", wide, roster, "8", "2", NULL);
    g_autoptr(JsonNode) cs = tu_read_json(c, "summary.json"), ts = tu_read_json(t, "summary.json");
    g_autoptr(JsonNode) ws = tu_read_json(w1, "summary.json");
    double se_c, se_t, se_w;
    double mc = stock_mean(json_node_get_object(cs), 2, 1, &se_c), mt = stock_mean(json_node_get_object(ts), 2, 1, &se_t);
    double mw = stock_mean(json_node_get_object(ws), 2, 1, &se_w);
    if (fabs(mc - mt) > N_SE * hypot(se_c, se_t))
        fail_msg("normal(0.5, 1e-6): 高企 mean %.3f, certain %.3f", mt, mc);
    if (fabs(mw - mc) < N_SE * hypot(se_c, se_w))
        fail_msg("normal(0.5, 1): 高企 mean %.3f, certain %.3f: the coefficient is not drawn", mw, mc);
    g_autofree char *fc = tu_read_text(c, "firms.csv"), *fwc = tu_read_text(wc, "firms.csv");
    assert_string_equal(fc, fwc);
    static const char *const files[] = {"firms.json", "firms.csv", "summary.json", "scenario.json"};
    for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *a = tu_read_text(w1, files[i]), *b = tu_read_text(w2, files[i]);
        assert_string_equal(a, b);
    }
}

/* (f) Arrivals resemble a roster firm of their stage: with every roster
 * 科小 at z = 2, each year's arrivals take z = 2 too, so the whole 科小
 * stage runs at the adjusted rates (edge and exit by the closed form,
 * renewal by logit p + b z); the stocks' means agree with the exact
 * expectation of the scenario with those rates written in. */
static void arrivals_take_their_stage(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    const double renew = 0.9, b_exit = -0.4, b_renew = -0.3, inflow = 100;
    double x[300];
    for (int i = 0; i < 300; i++)
        x[i] = RD_MEAN + 2 * RD_SD;
    g_autofree char *roster = roster_of(dir, "r.csv", "rd", x, 300, NULL);
    g_autofree char *tail = g_strdup_printf("[effects]\ntech_sme -> hightech.rd = %.17g\nexit.tech_sme.rd = %.17g\n"
                                            "renewal.tech_sme.rd = %.17g\nstandardise.rd = %.17g, %.17g\n",
                                            BETA, b_exit, b_renew, RD_MEAN, RD_SD);
    g_autofree char *text = scenario_text(2027, P_UP, Q_EXIT, inflow, renew, tail, 0);
    g_autofree char *sc = tu_write(dir, "e.ini", text);
    g_autofree char *out = run_into(dir, "e", sc, roster, "9", "2", NULL);
    g_autoptr(JsonNode) summary = tu_read_json(out, "summary.json");

    double wu = exp(2 * BETA), wx = exp(2 * b_exit), d = 1 - P_UP - Q_EXIT + P_UP * wu + Q_EXIT * wx;
    double r2 = 1 / (1 + exp(-(log(renew / (1 - renew)) + 2 * b_renew)));
    g_autofree char *adjusted = scenario_text(2027, P_UP * wu / d, Q_EXIT * wx / d, inflow, r2, "", 300);
    GError *error = NULL;
    g_autoptr(Model) m = tu_load(adjusted);
    int years = model_n_years(m);
    g_autofree double *base = g_new(double, m->n_params);
    g_autofree double *stock = g_new(double, (gsize)years * m->n_stages);
    g_autofree double *entries = g_new(double, (gsize)years * m->n_stages);
    model_central_params(m, base);
    assert_true(expect_run(m, base, stock, entries, &error));
    for (int y = 1; y < years; y++)
        for (int s = 0; s < m->n_stages; s++) {
            double se, mean = stock_mean(json_node_get_object(summary), s, (guint)y, &se);
            double want = stock[y * m->n_stages + s];
            if (fabs(mean - want) > N_SE * se + 1e-9)
                fail_msg("stage %d year %d: mean %.3f, adjusted expectation %.3f (se %.3f)", s, y, mean, want, se);
        }
}

/* A scenario with [effects] run without a roster says they go unused; a
 * roster run of a scenario without [effects] says nothing of effects. */
static void notes(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    double x[2] = {1, 2};
    g_autofree char *roster = roster_of(dir, "r.csv", "rd", x, 2, NULL);
    g_autofree char *with = effects_one_year(""), *without = scenario_text(2025, P_UP, Q_EXIT, 0, 0, "", 0);
    g_autofree char *sc = tu_write(dir, "e.ini", with), *plain = tu_write(dir, "p.ini", without);
    g_autofree char *o1 = g_build_filename(dir, "o1", NULL), *o2 = g_build_filename(dir, "o2", NULL);
    g_auto(TuRun) a = tu_ladder(NULL, "run", sc, "--reps", "20", "--no-charts", "--lang", "en", "--out", o1, NULL);
    tu_assert_status(&a, 0);
    tu_assert_contains(a.err, "act only on a roster's firms and are unused here");
    g_auto(TuRun) b = tu_ladder(NULL, "run", plain, "--roster", roster, "--reps", "20", "--no-charts", "--lang", "en",
                                "--out", o2, NULL);
    tu_assert_status(&b, 0);
    assert_null(strstr(b.err, "[effects]"));
    /* a command that simulates stages says it does not use them */
    g_autofree char *o3 = g_build_filename(dir, "o3", NULL), *o4 = g_build_filename(dir, "o4", NULL);
    g_auto(TuRun) c = tu_ladder(NULL, "compare", sc, plain, "--reps", "20", "--no-charts", "--lang", "en", "--out",
                                o3, NULL);
    tu_assert_status(&c, 0);
    tu_assert_contains(c.err, "ladder compare simulates stages and does not use them");
    g_auto(TuRun) d = tu_ladder(NULL, "sensitivity", plain, "--reps", "20", "--no-charts", "--out", o4, NULL);
    tu_assert_status(&d, 0);
    assert_null(strstr(d.err, "[effects]"));
}

/* The bundled example: scenarios/roster/tianning-2025-effects.ini runs
 * with the synthetic roster, both attributes standardised by the roster,
 * and a 高企 of the highest R&D intensity stays at 高企 or above more often
 * than one of the lowest on the same clock (its coefficients are positive). */
static void bundled_example_runs(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = g_build_filename(tu_srcdir(), "scenarios/roster/tianning-2025-effects.ini", NULL);
    g_autofree char *roster = g_build_filename(tu_srcdir(), "scenarios/roster/tianning-2025.csv", NULL);
    g_autofree char *out = run_into(dir, "tn", sc, roster, "5", "2", NULL);
    g_autoptr(JsonNode) scj = tu_read_json(out, "scenario.json"), firms = tu_read_json(out, "firms.json");
    JsonArray *attrs = attributes_of(scj);
    assert_int_equal(json_array_get_length(attrs), 2);
    for (guint a = 0; a < 2; a++)
        assert_string_equal(json_object_get_string_member(json_array_get_object_element(attrs, a), "from"), "roster");
    JsonArray *list = json_object_get_array_member(json_node_get_object(firms), "firms");
    double low = NAN, high = NAN;
    for (guint f = 0; f < json_array_get_length(list); f++) {
        const char *id = json_object_get_string_member(json_array_get_object_element(list, f), "id");
        if (strcmp(id, "TN0184") == 0) /* rd_intensity 0.032, clock 2 */
            low = firm_p(json_node_get_object(firms), f, "hightech");
        if (strcmp(id, "TN0151") == 0) /* rd_intensity 0.090, clock 2 */
            high = firm_p(json_node_get_object(firms), f, "hightech");
    }
    assert_true(high > low + 0.05);
    /* stdout says the exact expectation leaves the effects out; a roster without [effects] says nothing */
    g_autofree char *plain = g_build_filename(tu_srcdir(), "scenarios/tianning-2025.ini", NULL);
    g_autofree char *o1 = g_build_filename(dir, "note1", NULL), *o2 = g_build_filename(dir, "note2", NULL);
    g_auto(TuRun) with = tu_ladder(NULL, "run", sc, "--roster", roster, "--reps", "50", "--no-charts", "--out", o1, NULL);
    g_auto(TuRun) without = tu_ladder(NULL, "run", plain, "--roster", roster, "--reps", "50", "--no-charts", "--out", o2, NULL);
    tu_assert_status(&with, 0);
    tu_assert_status(&without, 0);
    tu_assert_contains(with.out, "“精确期望”按情景的平均比率计算，不含这些效应");
    assert_null(strstr(without.out, "不含这些效应"));
    g_auto(TuRun) page1 = tu_ladder(NULL, "report", o1, NULL), page2 = tu_ladder(NULL, "report", o2, NULL);
    tu_assert_status(&page1, 0);
    tu_assert_status(&page2, 0);
    g_autofree char *html1 = tu_read_text(o1, "report.html"), *html2 = tu_read_text(o2, "report.html");
    tu_assert_contains(html1, "不含这些效应");
    assert_null(strstr(html2, "不含这些效应"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(closed_form_end_to_end),
        cmocka_unit_test(roster_mean_and_sd),
        cmocka_unit_test(bad_columns_leave_nothing),
        cmocka_unit_test(uncertain_coefficients),
        cmocka_unit_test(arrivals_take_their_stage),
        cmocka_unit_test(notes),
        cmocka_unit_test(bundled_example_runs),
    };
    return cmocka_run_group_tests_name("roster_effects", tests, NULL, NULL);
}
