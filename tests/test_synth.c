/* test_synth.c: `ladder roster synth` (synth.h): the roster's counts and
 * clocks are the baseline's; the history's transitions agree with the
 * exact probabilities of docs/model.md, with and without [effects]; the
 * two files read back as made and hang together firm by firm; the same
 * seed gives the same bytes; bad input exits 2 and writes nothing.
 * SPDX-License-Identifier: MIT */
#include "testutil.h"

#include "csv.h"
#include "model.h"
#include "roster.h"
#include "synth.h"

#define SEED 20240601
#define Z_TOL 4.0  /* standard errors: a cell of ~30 checked once each, false alarm ~ 2e-3 in all */

static Model *load_file(const char *rel)
{
    g_autofree char *path = g_build_filename(tu_srcdir(), rel, NULL);
    GError *error = NULL;
    return tu_made(scenario_load(path, &error), error, path);
}

static Synth *make(const Model *m, gint64 firms, int years, guint64 seed)
{
    SynthOptions o = {.firms = firms, .years = years, .seed = seed, .name_format = "firm %s"};
    GError *error = NULL;
    return tu_made(synth_make(m, &o, &error), error, "synth_make");
}

/* The roster's firms by stage and clock equal n spread as a baseline is. */
static void assert_spread(const Model *m, const Roster *r, const gint64 *n)
{
    g_autofree gint64 *per_stage = g_new(gint64, m->n_stages);
    g_autofree gint64 *per_clock = g_new(gint64, (gsize)m->n_stages * MODEL_MAX_RENEWAL_YEARS);
    roster_stage_counts(r, per_stage, per_clock);
    for (int s = 0; s < m->n_stages; s++) {
        assert_int_equal(per_stage[s], n[s]);
        gint64 cohort[MODEL_MAX_RENEWAL_YEARS];
        model_baseline_cohorts(&m->stages[s], n[s], cohort);
        for (int c = 0; c < MAX(m->stages[s].renewal_years, 1); c++)
            assert_int_equal(per_clock[s * MODEL_MAX_RENEWAL_YEARS + c], cohort[c]);
    }
}

/* 1: unscaled, every stage's and clock's count is the baseline's. */
static void counts_are_the_baseline(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_file("scenarios/taizhou-2025.ini");
    g_autoptr(Synth) sy = make(m, 0, 5, SEED);
    g_autofree gint64 *n = g_new(gint64, m->n_stages);
    for (int s = 0; s < m->n_stages; s++)
        n[s] = m->stages[s].baseline;
    assert_spread(m, sy->roster, n);
    for (int s = 0; s < m->n_stages; s++)
        assert_int_equal(sy->kept[s] + sy->added[s], n[s]);
}

/* 2: scaled to N, the total is N and each stage within one firm of its
 * share, spread over the clocks as a baseline of that count. */
static void counts_scale(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_file("scenarios/taizhou-2025.ini");
    const gint64 wants[] = {1, 997, 2000, 20000};
    for (gsize k = 0; k < G_N_ELEMENTS(wants); k++) {
        g_autoptr(Synth) sy = make(m, wants[k], 3, SEED);
        assert_int_equal(sy->roster->n_firms, wants[k]);
        gint64 total = 0;
        for (int s = 0; s < m->n_stages; s++)
            total += m->stages[s].baseline;
        g_autofree gint64 *n = g_new0(gint64, m->n_stages);
        for (int i = 0; i < sy->roster->n_firms; i++)
            n[sy->roster->firms[i].stage]++;
        for (int s = 0; s < m->n_stages; s++)
            assert_true(fabs((double)n[s] - (double)wants[k] * m->stages[s].baseline / total) < 1.0);
        assert_spread(m, sy->roster, n);
    }
}

/* ---- the history against the exact probabilities ----------------------- */

/* Firm with attributes z (m's [effects] attributes, standardised) in stage
 * s with clock c: the exact probability that it is in stage u (n_stages:
 * exited) a year later at parameters p and coefficients beta
 * (docs/model.md, "One simulated year" and "Firms"). */
static double next_probability(const Model *m, const double *p, const double *beta, const double *z, int s, int c,
                               int u)
{
    const Stage *st = &m->stages[s];
    int na = m->n_attrs;
    double a[MODEL_MAX_STAGES + 1], stay = 1, total = 0;
    int to[MODEL_MAX_STAGES + 1];
    int n = 0;
    for (int k = -1; k < st->n_out; k++) {
        int param = k < 0 ? st->exit_param : st->out_param[k];
        if (param < 0)
            continue;
        double eta = 0;
        for (int j = 0; j < na; j++)
            eta += beta[param * na + j] * z[j];
        stay -= p[param];
        a[n] = p[param] * exp(eta);
        to[n++] = k < 0 ? m->n_stages : m->params[param].to;
    }
    stay = MAX(stay, 0.0);
    for (int k = 0; k < n; k++)
        total += a[k];
    double prob = 0;
    for (int k = 0; k < n; k++)
        prob += to[k] == u ? a[k] / (stay + total) : 0;
    double p_stay = stay / (stay + total);
    if (st->renewal_years == 0 || c + 1 < st->renewal_years)
        return prob + (u == s ? p_stay : 0);
    double pr = p[st->renewal_param], eta = 0;
    for (int j = 0; j < na; j++)
        eta += beta[st->renewal_param * na + j] * z[j];
    if (pr > 0 && pr < 1)
        pr = 1 / (1 + exp(-(log(pr / (1 - pr)) + eta)));
    return prob + (u == s ? p_stay * pr : 0) + (u == st->lapse_to ? p_stay * (1 - pr) : 0);
}

/* Observed, expected and variance of each (stage, next) cell of the rows. */
typedef struct {
    int S;
    double *obs, *exp, *var;   /* [S * (S + 1)] */
} Cells;

static void cells_clear(Cells *c)
{
    g_free(c->obs);
    g_free(c->exp);
    g_free(c->var);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Cells, cells_clear)

/* The cells of sy's outcomes under `m` with coefficients `beta` (NULL: no
 * effects), the rows' z from m's standardise lines; only the rows whose
 * rd_intensity is above `min_rd` count. */
static Cells count_cells(const Model *m, const Synth *sy, const double *beta, double min_rd)
{
    int S = m->n_stages, na = beta ? m->n_attrs : 0;
    Cells c = {.S = S, .obs = g_new0(double, S * (S + 1)), .exp = g_new0(double, S * (S + 1)),
               .var = g_new0(double, S * (S + 1))};
    g_autofree double *p = g_new(double, m->n_params);
    model_central_params(m, p);
    g_autofree double *zero = g_new0(double, MAX((gsize)m->n_params * MAX(m->n_attrs, 1), 1));
    double z[MODEL_MAX_ATTRS] = {0};
    const Outcomes *o = &sy->outcomes;
    for (int i = 0; i < o->n_rows; i++) {
        const OutcomesRow *row = &o->rows[i];
        if (!(o->values[(gsize)i * o->n_attrs] > min_rd)) /* rd_intensity, the first column */
            continue;
        for (int a = 0; a < na; a++) {
            int col = -1;
            for (int k = 0; k < o->n_attrs; k++)
                if (strcmp(o->attr_names[k], m->attrs[a].id) == 0)
                    col = k;
            assert_true(col >= 0 && m->attrs[a].standardised);
            z[a] = (o->values[(gsize)i * o->n_attrs + col] - m->attrs[a].mean) / m->attrs[a].sd;
        }
        int next = row->next < 0 ? S : row->next;
        c.obs[row->stage * (S + 1) + next]++;
        for (int u = 0; u <= S; u++) {
            double q = next_probability(m, p, beta ? beta : zero, z, row->stage, row->years_in_stage, u);
            c.exp[row->stage * (S + 1) + u] += q;
            c.var[row->stage * (S + 1) + u] += q * (1 - q);
        }
    }
    return c;
}

/* Every cell within Z_TOL binomial standard errors of its expectation
 * (exactly it when it cannot vary); the largest z into *worst. */
static void assert_cells_agree(const Cells *c, double *worst)
{
    *worst = 0;
    for (int k = 0; k < c->S * (c->S + 1); k++) {
        double z = c->var[k] > 0 ? fabs(c->obs[k] - c->exp[k]) / sqrt(c->var[k]) : 0;
        if (c->var[k] == 0)
            assert_near(c->obs[k], c->exp[k], 1e-6);
        if (z > Z_TOL)
            fail_msg("cell %d (stage %d -> %d): %g rows, expected %g (sd %g): z %.2f", k, k / (c->S + 1),
                     k % (c->S + 1), c->obs[k], c->exp[k], sqrt(c->var[k]), z);
        *worst = MAX(*worst, z);
    }
}

/* 3: without [effects], every stage's transitions (exit, each edge,
 * renewal and lapse by clock) agree with the scenario's rates. */
static void history_has_the_rates(void **state)
{
    (void)state;
    const char *files[] = {"scenarios/taizhou-2025.ini", "scenarios/wujin-2025.ini", "scenarios/binhu-2025.ini"};
    for (gsize f = 0; f < G_N_ELEMENTS(files); f++) {
        g_autoptr(Model) m = load_file(files[f]);
        g_autoptr(Synth) sy = make(m, 0, 8, SEED);
        assert_true(sy->outcomes.n_rows > 5000);
        g_auto(Cells) c = count_cells(m, sy, NULL, -INFINITY);
        double worst;
        assert_cells_agree(&c, &worst);
        print_message("%s: %d rows, largest |z| %.2f\n", files[f], sy->outcomes.n_rows, worst);
    }
}

/* 4: with [effects], the transitions agree with the per-firm probabilities
 * of docs/model.md at the true coefficients, over all rows and over the
 * firms of high R&D intensity alone, and those firms' not with the rates
 * without effects (so this test sees the effects). */
static void history_has_the_effects(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_file("scenarios/roster/taizhou-2025-effects.ini");
    g_autoptr(Synth) sy = make(m, 20000, 5, SEED);
    g_autofree double *beta = g_new(double, (gsize)m->n_params * m->n_attrs);
    model_central_effects(m, beta);
    g_auto(Cells) c = count_cells(m, sy, beta, -INFINITY);
    double worst, worst_high;
    assert_cells_agree(&c, &worst);
    double high = 0.07;  /* rd_intensity above 7%: z above 1.2 on the file's scale */
    g_auto(Cells) ch = count_cells(m, sy, beta, high);
    assert_cells_agree(&ch, &worst_high);
    g_auto(Cells) plain = count_cells(m, sy, NULL, high);
    int sme = model_stage_index(m, "tech_sme"), ht = model_stage_index(m, "hightech");
    int k = sme * (m->n_stages + 1) + ht;
    double z_plain = fabs(plain.obs[k] - plain.exp[k]) / sqrt(plain.var[k]);
    print_message("effects: largest |z| %.2f (R&D above %g: %.2f); there tech_sme -> hightech against the plain "
                  "rates: z %.1f\n", worst, high, worst_high, z_plain);
    assert_true(z_plain > 2 * Z_TOL);
}

/* ---- the files ----------------------------------------------------------- */

/* Runs `ladder roster synth FILE` with the NULL-ended extra args into dir:
 * r.csv and r-outcomes.csv. */
static TuRun synth_cli(const char *dir, const char *rel, const char *seed, const char *extra)
{
    g_autofree char *sc = g_build_filename(tu_srcdir(), rel, NULL);
    g_autofree char *out = g_build_filename(dir, "r.csv", NULL);
    return tu_ladder(NULL, "roster", "synth", sc, "--seed", seed, "--out", out, "--force", extra, NULL);
}

/* 5: the same seed gives the same bytes, another seed other bytes. */
static void same_seed_same_bytes(void **state)
{
    (void)state;
    g_auto(TuDir) a = tu_tmpdir();
    g_auto(TuDir) b = tu_tmpdir();
    g_auto(TuRun) r1 = synth_cli(a, "scenarios/roster/taizhou-2025-effects.ini", "7", NULL);
    g_auto(TuRun) r2 = synth_cli(b, "scenarios/roster/taizhou-2025-effects.ini", "7", NULL);
    tu_assert_status(&r1, 0);
    tu_assert_status(&r2, 0);
    g_autofree char *ra = tu_read_text(a, "r.csv"), *rb = tu_read_text(b, "r.csv");
    g_autofree char *oa = tu_read_text(a, "r-outcomes.csv"), *ob = tu_read_text(b, "r-outcomes.csv");
    /* the paths in the header differ: compare from the header line on */
    assert_string_equal(strstr(ra, "\nid,"), strstr(rb, "\nid,"));
    assert_string_equal(strstr(oa, "\nid,"), strstr(ob, "\nid,"));
    g_auto(TuRun) r3 = synth_cli(b, "scenarios/roster/taizhou-2025-effects.ini", "8", NULL);
    tu_assert_status(&r3, 0);
    g_autofree char *rc = tu_read_text(b, "r.csv"), *oc = tu_read_text(b, "r-outcomes.csv");
    assert_string_not_equal(strstr(ra, "\nid,"), strstr(rc, "\nid,"));
    assert_string_not_equal(strstr(oa, "\nid,"), strstr(oc, "\nid,"));
    tu_assert_contains(ra, "SYNTHETIC");
    tu_assert_contains(ra, "ladder roster synth ");
}

/* The outcomes file's rows, read with csv.c as fit-roster's reader would. */
typedef struct {
    GPtrArray *id;      /* char * */
    GArray *year, *stage, *clock, *next;
    GArray *values;     /* double, SYNTH_N_ATTRS a row */
} Read;

static void read_clear(Read *r)
{
    g_ptr_array_unref(r->id);
    g_array_unref(r->year);
    g_array_unref(r->stage);
    g_array_unref(r->clock);
    g_array_unref(r->next);
    g_array_unref(r->values);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Read, read_clear)

static int stage_of(const Model *m, const char *text)
{
    int s = model_stage_index(m, text);
    if (s < 0 && strcmp(text, "exit") != 0)
        fail_msg("next_stage '%s' is no stage", text);
    return s;
}

static Read read_outcomes(const char *path, const Model *m)
{
    static const char *const known[] = {"id", "year", "stage", "years_in_stage", "next_stage", NULL};
    static const CsvColumns cols = {known, 5, TRUE, "id, year, stage, years_in_stage, next_stage"};
    g_autofree char *text = NULL;
    gsize len = 0;
    GError *error = NULL;
    assert_true(g_file_get_contents(path, &text, &len, NULL));
    Csv c;
    g_auto(CsvHeader) h = {0};
    assert_true(csv_open(&c, path, text, len, &error) && csv_read_header(&c, &cols, &h, &error));
    assert_int_equal(h.n, 5 + SYNTH_N_ATTRS);
    for (int a = 0; a < SYNTH_N_ATTRS; a++)  /* attributes between years_in_stage and next_stage */
        assert_string_equal(h.names[4 + a], synth_attr_names[a]);
    Read r = {g_ptr_array_new_with_free_func(g_free), g_array_new(FALSE, FALSE, sizeof(int)),
              g_array_new(FALSE, FALSE, sizeof(int)), g_array_new(FALSE, FALSE, sizeof(int)),
              g_array_new(FALSE, FALSE, sizeof(int)), g_array_new(FALSE, FALSE, sizeof(double))};
    g_autoptr(GPtrArray) f = g_ptr_array_new_with_free_func(g_free);
    int line;
    while (csv_read_row(&c, &h, f, &line, &error) == CSV_ROW) {
        g_ptr_array_add(r.id, g_strdup(csv_field(&h, f, 0)));
        int v[4] = {atoi(csv_field(&h, f, 1)), stage_of(m, csv_field(&h, f, 2)), atoi(csv_field(&h, f, 3)),
                    stage_of(m, csv_field(&h, f, 4))};
        assert_true(v[1] >= 0);
        g_array_append_val(r.year, v[0]);
        g_array_append_val(r.stage, v[1]);
        g_array_append_val(r.clock, v[2]);
        g_array_append_val(r.next, v[3]);
        for (int a = 0; a < SYNTH_N_ATTRS; a++) {
            double x = g_ascii_strtod(f->pdata[4 + a], NULL);
            g_array_append_val(r.values, x);
        }
    }
    assert_null(error);
    return r;
}

/* Outcome `next` (-1 exit) is reachable in one year from stage s, clock c. */
static gboolean reachable(const Model *m, int s, int c, int next)
{
    const Stage *st = &m->stages[s];
    if (next < 0)
        return st->exit_param >= 0;
    if (next == s)
        return TRUE;
    for (int j = 0; j < st->n_out; j++)
        if (m->params[st->out_param[j]].to == next)
            return TRUE;
    return st->renewal_years > 0 && c + 1 == st->renewal_years && st->lapse_to == next;
}

/* A firm's clock a year after (s, c) when it is in `next`: advanced (back
 * to 0 when renewed) if it stayed, 0 if it moved or lapsed. */
static int next_clock(const Model *m, int s, int c, int next)
{
    int v = m->stages[s].renewal_years;
    return next == s && v > 0 ? (c + 1) % v : 0;
}

/* 6: both files read back as made; every outcome is reachable, every clock
 * in range, each firm's rows follow on from each other, and a roster firm
 * with a history is where its last row leaves it. */
static void files_read_back(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autoptr(Model) m = load_file("scenarios/roster/taizhou-2025-effects.ini");
    g_auto(TuRun) r = synth_cli(dir, "scenarios/roster/taizhou-2025-effects.ini", "3", "--years=4");
    tu_assert_status(&r, 0);
    g_autofree char *rpath = g_build_filename(dir, "r.csv", NULL);
    g_autofree char *opath = g_build_filename(dir, "r-outcomes.csv", NULL);
    GError *error = NULL;
    g_autoptr(Roster) ro = tu_made(roster_read(rpath, m, &error), error, rpath);
    g_autoptr(Synth) sy = make(m, 0, 4, 3);
    assert_int_equal(ro->n_firms, sy->roster->n_firms);
    for (int i = 0; i < ro->n_firms; i++) {
        assert_string_equal(ro->firms[i].id, sy->roster->firms[i].id);
        assert_int_equal(ro->firms[i].stage, sy->roster->firms[i].stage);
        assert_int_equal(ro->firms[i].years_in_stage, sy->roster->firms[i].years_in_stage);
        for (int a = 0; a < SYNTH_N_ATTRS; a++)
            assert_true(roster_value(ro, i, a) == roster_value(sy->roster, i, a));
    }
    g_auto(Read) o = read_outcomes(opath, m);
    assert_int_equal(o.id->len, sy->outcomes.n_rows);
    g_autoptr(GHashTable) last = g_hash_table_new(g_str_hash, g_str_equal); /* id -> 1 + its last row */
    for (guint i = 0; i < o.id->len; i++) {
        int s = g_array_index(o.stage, int, i), c = g_array_index(o.clock, int, i);
        int next = g_array_index(o.next, int, i), year = g_array_index(o.year, int, i);
        assert_true(c >= 0 && c < MAX(m->stages[s].renewal_years, 1));
        assert_true(year >= m->base_year - 4 && year < m->base_year);
        if (!reachable(m, s, c, next))
            fail_msg("row %u: %s -> %d not reachable", i, m->stages[s].id, next);
        for (int a = 0; a < SYNTH_N_ATTRS; a++)
            assert_true(g_array_index(o.values, double, i * SYNTH_N_ATTRS + a) ==
                        sy->outcomes.values[(gsize)i * SYNTH_N_ATTRS + a]);
        const char *id = o.id->pdata[i];
        int before = GPOINTER_TO_INT(g_hash_table_lookup(last, id)) - 1;
        if (before >= 0) {  /* the firm's previous row: a year before, it left it here */
            assert_int_equal(g_array_index(o.year, int, before) + 1, year);
            assert_int_equal(g_array_index(o.next, int, before), s);
            assert_int_equal(next_clock(m, g_array_index(o.stage, int, before), g_array_index(o.clock, int, before), s), c);
        }
        g_hash_table_insert(last, (gpointer)id, GINT_TO_POINTER(i + 1));
    }
    int with_history = 0;
    for (int f = 0; f < ro->n_firms; f++) {
        int i = GPOINTER_TO_INT(g_hash_table_lookup(last, ro->firms[f].id)) - 1;
        if (i < 0)
            continue;
        with_history++;
        int s = g_array_index(o.stage, int, i), c = g_array_index(o.clock, int, i);
        assert_int_equal(g_array_index(o.year, int, i), m->base_year - 1);
        assert_int_equal(g_array_index(o.next, int, i), ro->firms[f].stage);
        assert_int_equal(next_clock(m, s, c, ro->firms[f].stage), ro->firms[f].years_in_stage);
    }
    gint64 kept = 0;
    for (int s = 0; s < m->n_stages; s++)
        kept += sy->kept[s];
    assert_true(with_history <= kept && with_history > ro->n_firms / 2);
}

/* 7: the roster runs: `ladder run taizhou-2025.ini --roster` on it. */
static void roster_runs(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_auto(TuRun) r = synth_cli(dir, "scenarios/taizhou-2025.ini", "5", NULL);
    tu_assert_status(&r, 0);
    tu_assert_contains(r.out, "3134");
    g_autofree char *sc = g_build_filename(tu_srcdir(), "scenarios/taizhou-2025.ini", NULL);
    g_autofree char *roster = g_build_filename(dir, "r.csv", NULL);
    g_autofree char *out = g_build_filename(dir, "run", NULL);
    g_auto(TuRun) run = tu_ladder(NULL, "run", sc, "--roster", roster, "--reps", "200", "--no-charts", "-q",
                                  "--out", out, NULL);
    tu_assert_status(&run, 0);
    g_autofree char *firms = tu_read_text(out, "firms.csv");
    tu_assert_contains(firms, "F000");
}

/* 8: bad input exits 2 with a clear message and writes no file. */
static void bad_input(void **state)
{
    (void)state;
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *sc = g_build_filename(tu_srcdir(), "scenarios/taizhou-2025.ini", NULL);
    g_autofree char *out = g_build_filename(dir, "r.csv", NULL);
    g_autofree char *missing = g_build_filename(dir, "nope.ini", NULL);
    g_autofree char *abs = g_canonicalize_filename(sc, NULL);
    g_autofree char *fx_text =
        g_strdup_printf("[scenario]\nextends=%s\n\n[effects]\ntech_sme -> hightech.rd_intensty = 0.5\n", abs);
    g_autofree char *bad_fx = tu_write(dir, "fx.ini", fx_text);
    g_autofree char *before = tu_list_dir(dir);
    const struct {
        const char *args[6];
        const char *want[2];
    } cases[] = {
        {{sc, "--firms", "0"}, {"--firms 0: expected a whole number from 1 to 10000000"}},
        {{sc, "--firms", "3,000"}, {"--firms 3,000", "3000"}},
        {{sc, "--firms", "many"}, {"--firms many"}},
        {{sc, "--years", "0"}, {"--years 0: expected a whole number from 1 to 100"}},
        {{sc, "--seed", "-1"}, {"--seed -1"}},
        {{missing}, {"nope.ini"}},
        {{bad_fx}, {"fx.ini:5: [effects] use attribute 'rd_intensty'", "did you mean 'rd_intensity'?"}},
        {{sc, "--outcomes", out}, {"--out and --outcomes name the same file"}},
        {{NULL}, {"roster synth: name one scenario file"}},
    };
    for (gsize k = 0; k < G_N_ELEMENTS(cases); k++) {
        g_autoptr(GPtrArray) args = g_ptr_array_new();
        g_ptr_array_add(args, "roster");
        g_ptr_array_add(args, "synth");
        for (int i = 0; cases[k].args[i]; i++)
            g_ptr_array_add(args, (gpointer)cases[k].args[i]);
        g_ptr_array_add(args, "--out");
        g_ptr_array_add(args, out);
        g_ptr_array_add(args, NULL);
        g_auto(TuRun) r = tu_ladder_spawn(NULL, (const char *const *)args->pdata, NULL, NULL);
        tu_assert_bad_input(&r, cases[k].want, 2, dir, before);
    }
    g_auto(TuRun) sub = tu_ladder(NULL, "roster", "sinth", NULL);
    const char *want_sub[] = {"subcommand 'sinth'", "did you mean 'synth'?"};
    tu_assert_bad_input(&sub, want_sub, 2, dir, before);
    /* a file already there is kept without --force */
    g_autofree char *mine = tu_write(dir, "r.csv", "my own roster\n");
    g_auto(TuRun) r = tu_ladder(NULL, "roster", "synth", sc, "--out", out, NULL);
    tu_assert_status(&r, 2);
    tu_assert_contains(r.err, "--force");
    g_autofree char *kept = tu_read_text(dir, "r.csv");
    assert_string_equal(kept, "my own roster\n");
    assert_false(g_file_test(mine, G_FILE_TEST_IS_DIR));
}

/* 10: roster_write and roster_read are inverses, also for ids and names
 * that need quotes (a comma, a quote, blanks at the ends, a leading '#')
 * and numbers that need all their digits. */
static void roster_write_reads_back(void **state)
{
    (void)state;
    g_autoptr(Model) m = load_file("scenarios/taizhou-2025.ini");
    const char *text = "id,name,stage,years_in_stage,x,y\n"
                       "\"#1\",\"甲, 乙\",高企,2,0.1,-3\n"
                       "\" A2 \",\"say \"\"hi\"\"\",startup,0,0.30000000000000004,1e-300\n"
                       "a3,\"line\nbreak\",listed,0,123456789012345678,2.5\n";
    GError *error = NULL;
    g_autoptr(Roster) a = tu_made(roster_read_data("a.csv", text, strlen(text), m, &error), error, "a.csv");
    g_autoptr(GString) out = g_string_new(NULL);
    roster_write(a, m, "a comment\n\nwith an empty line\n", out);
    tu_assert_contains(out->str, "# a comment\n#\n# with an empty line\nid,name,stage,years_in_stage,x,y\n");
    g_autoptr(Roster) b = tu_made(roster_read_data("b.csv", out->str, out->len, m, &error), error, out->str);
    assert_int_equal(b->n_firms, a->n_firms);
    for (int i = 0; i < a->n_firms; i++) {
        assert_string_equal(b->firms[i].id, a->firms[i].id);
        assert_string_equal(b->firms[i].name, a->firms[i].name);
        assert_int_equal(b->firms[i].stage, a->firms[i].stage);
        assert_int_equal(b->firms[i].years_in_stage, a->firms[i].years_in_stage);
        for (int k = 0; k < 2; k++)
            assert_true(roster_value(b, i, k) == roster_value(a, i, k));
    }
    tu_assert_contains(out->str, ",0.1,-3\n");  /* the shortest spelling */
}

/* 9: help, with an example. */
static void help_has_an_example(void **state)
{
    (void)state;
    const char *want[] = {"ladder roster synth scenarios/taizhou-2025.ini --firms 2000 --out roster.csv"};
    tu_assert_help("roster", want, 1);
    g_auto(TuRun) r = tu_ladder(NULL, "help", "roster", "synth", NULL);
    tu_assert_status(&r, 0);
    tu_assert_contains(r.out, "--outcomes");
    tu_assert_contains(r.out, "Example:");
    g_auto(TuRun) s = tu_ladder(NULL, "roster", "synth", "--help", NULL);
    tu_assert_status(&s, 0);
    assert_string_equal(s.out, r.out);
}

int main(void)
{
    tu_pin_ladder();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_are_the_baseline), cmocka_unit_test(counts_scale),
        cmocka_unit_test(history_has_the_rates),   cmocka_unit_test(history_has_the_effects),
        cmocka_unit_test(same_seed_same_bytes),    cmocka_unit_test(files_read_back),
        cmocka_unit_test(roster_runs),             cmocka_unit_test(bad_input),
        cmocka_unit_test(help_has_an_example),     cmocka_unit_test(roster_write_reads_back),
    };
    return cmocka_run_group_tests_name("synth", tests, NULL, NULL);
}
