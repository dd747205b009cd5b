/* allocate.c: the combinations of a scenario's policies run under common
 * random numbers, exhaustively or by a greedy search, and the best within
 * a budget, the efficient frontier and the cheapest reaching a probability.
 * SPDX-License-Identifier: MIT */
#include "allocate.h"

#include <math.h>
#include <string.h>

#include "cost.h"
#include "errors.h"
#include "paired.h"

double allocate_level(const Model *m, int p, int choice)
{
    return choice == 0 ? 0 : m->policies[p].levels[choice - 1];
}

Model *allocate_model(const Model *m, const int *choice)
{
    Model *c = model_copy(m);
    for (int p = m->n_policies - 1; p >= 0; p--) {
        if (choice[p] == 0)
            model_drop_policy(c, p);
        else
            model_set_policy_level(c, p, allocate_level(m, p, choice[p]));
    }
    return c;
}

char *allocate_combo_label(const Model *m, const int *choice)
{
    GString *s = g_string_new(NULL);
    for (int p = 0; p < m->n_policies; p++) {
        if (choice[p] == 0)
            continue;
        if (s->len)
            g_string_append(s, " + ");
        g_string_append(s, m->policies[p].name);
        double level = allocate_level(m, p, choice[p]);
        if (level != 1)
            g_string_append_printf(s, "×%g", level);
    }
    if (s->len == 0)
        g_string_append(s, "-");
    return g_string_free(s, FALSE);
}

gboolean allocate_precedes(const AllocateCombo *a, const AllocateCombo *b, int n_policies)
{
    if (a->n_on != b->n_on)
        return a->n_on < b->n_on;
    for (int p = 0; p < n_policies; p++) {
        int ka = a->choice[p] ? a->choice[p] : G_MAXINT, kb = b->choice[p] ? b->choice[p] : G_MAXINT;
        if (ka != kb)
            return ka < kb;
    }
    return FALSE;
}

/* Cheaper first; at one cost the higher probability; then allocate_precedes. */
static int combo_order(const void *x, const void *y, void *data)
{
    const AllocateCombo *a = x, *b = y;
    int n = GPOINTER_TO_INT(data);
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    if (a->probability != b->probability)
        return a->probability > b->probability ? -1 : 1;
    return allocate_precedes(a, b, n) ? -1 : allocate_precedes(b, a, n) ? 1 : 0;
}

static void combo_clear(AllocateCombo *c)
{
    g_free(c->choice);
    g_free(c->met_bits);
    g_free(c->skip);
}

static AllocateCombo combo_new(const Model *m, const int *choice)
{
    AllocateCombo c = {.choice = g_memdup2(choice, sizeof *choice * m->n_policies),
                       .step = {NAN, NAN, NAN, NAN}};
    for (int p = 0; p < m->n_policies; p++)
        c.n_on += choice[p] != 0;
    return c;
}

/* The cost of combination `c` of `m` and its model (caller owns), or NULL
 * with cost.c's error. */
static Model *combo_price(const Model *m, AllocateCombo *c, GError **error)
{
    g_autoptr(Model) v = allocate_model(m, c->choice);
    g_autoptr(CostSheet) sheet = cost_sheet_new(v, error);
    if (sheet == NULL)
        return NULL;
    c->cost = sheet->total;
    return g_steal_pointer(&v);
}

/* Reads combination `c`'s probability of `target` (-1: every target) from
 * its run `r`, and with `bits` takes its per-replication bits. */
static void combo_take(AllocateCombo *c, RunResult *r, int target, gboolean bits)
{
    int t = target >= 0 ? target : r->model->n_targets;
    guint64 met = target >= 0 ? r->target_met[target] : r->all_met;
    c->probability = (double)met / (double)r->config.reps;
    if (bits) {
        guint64 words = runner_met_words(r->config.reps);
        c->met_bits = g_memdup2(r->met_bits + (guint64)t * words, words * sizeof(guint64));
    }
}

/* Skips combination `c` when `local` is an INPUT error (its parameters are
 * invalid) and it has a policy on; else passes the error on (the base is
 * the file's own, and a cancel or an output error stops everything).
 * Takes `local`.  TRUE when skipped. */
static gboolean combo_skip(AllocateCombo *c, GError *local, GError **error)
{
    if (c->n_on > 0 && g_error_matches(local, LADDER_ERROR, LADDER_ERROR_INPUT)) {
        c->skip = g_strdup(local->message);
        g_error_free(local);
        return TRUE;
    }
    g_propagate_error(error, local);
    return FALSE;
}

/* Runs models[0..k-1] (of combos at[0..k-1]) together, or, when their
 * joint run fails with an INPUT error (a drawn replication out of range:
 * the runner does not say whose), each alone, so the invalid ones are
 * skipped and the others get the figures of the joint run: replication r
 * of every model draws from the streams of (seed, r) whatever it runs
 * beside. */
static gboolean chunk_run(GPtrArray *models, AllocateCombo **at, int target, const RunConfig *run,
                          GError **error)
{
    int k = (int)models->len;
    GError *local = NULL;
    g_autoptr(PairedResult) r = runner_run_paired((const Model *const *)models->pdata, k, run, &local);
    if (r != NULL) {
        for (int i = 0; i < k; i++)
            combo_take(at[i], r->runs[i], target, run->met_bits);
        return TRUE;
    }
    if (!g_error_matches(local, LADDER_ERROR, LADDER_ERROR_INPUT)) {
        g_propagate_error(error, local);
        return FALSE;
    }
    g_error_free(local);
    for (int i = 0; i < k; i++) {
        const Model *one = g_ptr_array_index(models, i);
        GError *alone = NULL;
        g_autoptr(PairedResult) r1 = runner_run_paired(&one, 1, run, &alone);
        if (r1 != NULL)
            combo_take(at[i], r1->runs[0], target, run->met_bits);
        else if (!combo_skip(at[i], alone, error))
            return FALSE;
    }
    return TRUE;
}

/* Prices and runs combos[0..n-1] of `m` under `run` (common random
 * numbers), ALLOCATE_CHUNK models to a runner_run_paired call (replication
 * r of every model draws from the streams of (seed, r), so the chunks do
 * not change any figure), filling each cost and probability, and with
 * run->met_bits each one's per-replication bits.  A combination whose
 * parameters are invalid (its price fails at central values, or a drawn
 * replication is out of range) gets its `skip` reason instead; the base
 * (no policy) failing is an error. */
static gboolean combos_run(const Model *m, AllocateCombo *combos, int n, int target, const RunConfig *run,
                           GError **error)
{
    for (int start = 0; start < n; start += ALLOCATE_CHUNK) {
        int k = MIN(ALLOCATE_CHUNK, n - start);
        g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func((GDestroyNotify)model_free);
        g_autofree AllocateCombo **at = g_new(AllocateCombo *, k);
        for (int i = 0; i < k; i++) {
            AllocateCombo *c = &combos[start + i];
            GError *local = NULL;
            Model *v = combo_price(m, c, &local);
            if (v == NULL && !combo_skip(c, local, error))
                return FALSE;
            if (v != NULL) {
                at[models->len] = c;
                g_ptr_array_add(models, v);
            }
        }
        if (models->len > 0 && !chunk_run(models, at, target, run, error))
            return FALSE;
    }
    return TRUE;
}

/* Every combination, in mixed radix with policy 0 the fastest digit. */
static AllocateCombo *all_combos(const Model *m, guint64 n)
{
    AllocateCombo *all = g_new0(AllocateCombo, n);
    g_autofree int *choice = g_new0(int, m->n_policies);
    for (guint64 i = 0; i < n; i++) {
        all[i] = combo_new(m, choice);
        for (int p = 0; p < m->n_policies; p++) {
            if (++choice[p] <= m->policies[p].n_levels)
                break;
            choice[p] = 0;
        }
    }
    return all;
}

/* ---- the search ------------------------------------------------------------- */

/* The combinations screened so far, each once. */
typedef struct {
    GArray *combos;   /* AllocateCombo: run */
    GArray *skipped;  /* AllocateCombo: skipped, their parameters invalid */
    GHashTable *seen; /* choice as a string -> 1 */
} Pool;

static char *choice_key(const int *choice, int n)
{
    GString *s = g_string_new(NULL);
    for (int p = 0; p < n; p++)
        g_string_append_printf(s, "%d,", choice[p]);
    return g_string_free(s, FALSE);
}

/* Adds `c` (taken) to the pool, or to its skipped when it was, unless it
 * is there already. */
static void pool_add(Pool *pool, AllocateCombo c, int n)
{
    if (g_hash_table_add(pool->seen, choice_key(c.choice, n)))
        g_array_append_val(c.skip ? pool->skipped : pool->combos, c);
    else
        combo_clear(&c);
}

/* How much a step from (cost0, p0) to `c` is worth: probability gained
 * per 万元 added; a step that costs nothing is worth everything when it
 * loses nothing, else nothing. */
static double step_score(const AllocateCombo *c, double cost0, double p0)
{
    double dc = c->cost - cost0, dp = c->probability - p0;
    if (dc <= 0)
        return dp >= 0 ? INFINITY : -INFINITY;
    return dp / dc;
}

/* The greedy ascent at screening replications, from no policy: at each
 * step every combination one step up from the current one (a policy off
 * switched on at its lowest level, or one on raised to its next level) is
 * screened, and the step taken is the one with the most probability
 * gained per 万元 added (ties to the cheaper step, then file order);
 * until every policy is at its highest level, or every step up is
 * skipped (its parameters invalid).  Every combination screened joins the
 * pool. */
static gboolean greedy_ascent(const Model *m, int target, const RunConfig *screen, Pool *pool, GError **error)
{
    int n = m->n_policies;
    g_autofree int *cur = g_new0(int, n);
    AllocateCombo none = combo_new(m, cur);
    if (!combos_run(m, &none, 1, target, screen, error)) {
        combo_clear(&none);
        return FALSE;
    }
    double cur_cost = none.cost, cur_p = none.probability;
    pool_add(pool, none, n);
    for (;;) {
        g_autoptr(GArray) steps = g_array_new(FALSE, FALSE, sizeof(AllocateCombo));
        g_autoptr(GArray) moved = g_array_new(FALSE, FALSE, sizeof(int));
        for (int p = 0; p < n; p++) {
            if (cur[p] == m->policies[p].n_levels)
                continue;
            cur[p]++;
            AllocateCombo c = combo_new(m, cur);
            g_array_append_val(steps, c);
            g_array_append_val(moved, p);
            cur[p]--;
        }
        if (steps->len == 0)
            return TRUE;
        AllocateCombo *s = (AllocateCombo *)steps->data;
        gboolean ok = combos_run(m, s, (int)steps->len, target, screen, error);
        int pick = -1;
        for (guint i = 0; ok && i < steps->len; i++) {
            if (s[i].skip)
                continue;
            double a = step_score(&s[i], cur_cost, cur_p);
            double b = pick < 0 ? -INFINITY : step_score(&s[pick], cur_cost, cur_p);
            if (pick < 0 || a > b || (a == b && s[i].cost < s[pick].cost))
                pick = (int)i;
        }
        if (ok && pick >= 0) {
            cur[g_array_index(moved, int, pick)]++;
            cur_cost = s[pick].cost;
            cur_p = s[pick].probability;
        }
        for (guint i = 0; i < steps->len; i++) {
            if (ok)
                pool_add(pool, s[i], n);
            else
                combo_clear(&s[i]);
        }
        if (!ok || pick < 0)
            return ok;
    }
}

/* The screened combinations worth a full run: each that no combination
 * no dearer beats by more than ALLOCATE_SCREEN_MARGIN standard errors. */
static AllocateCombo *finalists(const Model *m, Pool *pool, guint64 screen_reps, int *n_out)
{
    int n = (int)pool->combos->len;
    AllocateCombo *c = (AllocateCombo *)pool->combos->data;
    g_qsort_with_data(c, n, sizeof *c, combo_order, GINT_TO_POINTER(m->n_policies));
    GArray *out = g_array_new(FALSE, FALSE, sizeof(AllocateCombo));
    double best = -INFINITY;
    for (int i = 0; i < n; i++) {
        double p = c[i].probability;
        double se = sqrt(MAX(p * (1 - p), 0.25 / (double)screen_reps) / (double)screen_reps);
        if (p + ALLOCATE_SCREEN_MARGIN * se >= best) {
            AllocateCombo f = combo_new(m, c[i].choice);
            g_array_append_val(out, f);
        }
        best = MAX(best, p);
    }
    *n_out = (int)out->len;
    return (AllocateCombo *)g_array_free(out, FALSE);
}

static void pool_clear(Pool *pool)
{
    for (guint i = 0; pool->combos && i < pool->combos->len; i++)
        combo_clear(&g_array_index(pool->combos, AllocateCombo, i));
    for (guint i = 0; pool->skipped && i < pool->skipped->len; i++)
        combo_clear(&g_array_index(pool->skipped, AllocateCombo, i));
    g_clear_pointer(&pool->combos, g_array_unref);
    g_clear_pointer(&pool->skipped, g_array_unref);
    g_clear_pointer(&pool->seen, g_hash_table_unref);
}

/* Appends combos[0..n-1] (taken) to a->skipped. */
static void skipped_add(Allocation *a, AllocateCombo *combos, int n)
{
    if (n == 0)
        return;
    a->skipped = g_renew(AllocateCombo, a->skipped, a->n_skipped + n);
    memcpy(a->skipped + a->n_skipped, combos, sizeof *combos * n);
    a->n_skipped += n;
}

/* The search's finalists into a->combos, unrun, and the combinations its
 * screening skipped into a->skipped. */
static gboolean search(Allocation *a, const RunConfig *run, GError **error)
{
    RunConfig screen = *run;
    screen.reps = MIN(run->reps, MAX((guint64)ALLOCATE_MIN_SCREEN, run->reps / ALLOCATE_SCREEN_SHARE));
    screen.met_bits = FALSE;
    a->screen_reps = screen.reps;
    Pool pool = {g_array_new(FALSE, FALSE, sizeof(AllocateCombo)), g_array_new(FALSE, FALSE, sizeof(AllocateCombo)),
                 g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    gboolean ok = greedy_ascent(a->model, a->config.target, &screen, &pool, error);
    if (ok) {
        a->n_screened = (int)(pool.combos->len + pool.skipped->len);
        a->combos = finalists(a->model, &pool, screen.reps, &a->n_combos);
        skipped_add(a, (AllocateCombo *)pool.skipped->data, (int)pool.skipped->len);
        g_array_set_size(pool.skipped, 0);
    }
    pool_clear(&pool);
    return ok;
}

/* Moves the skipped of a->combos to a->skipped, keeping the order of both. */
static void combos_compact(Allocation *a)
{
    int kept = 0;
    for (int i = 0; i < a->n_combos; i++) {
        if (a->combos[i].skip)
            skipped_add(a, &a->combos[i], 1);
        else
            a->combos[kept++] = a->combos[i];
    }
    a->n_combos = kept;
}

/* ---- the answer -------------------------------------------------------------- */

PairedDiff allocate_step(const Allocation *a, int from, int to)
{
    const AllocateCombo *x = &a->combos[from], *y = &a->combos[to];
    g_return_val_if_fail(x->met_bits && y->met_bits, ((PairedDiff){NAN, NAN, NAN, NAN}));
    /* a replication's difference is +1 (to met, from not), -1, or 0 */
    guint64 up = 0, down = 0, words = runner_met_words(a->reps);
    for (guint64 w = 0; w < words; w++) {
        up += (guint64)__builtin_popcountll(y->met_bits[w] & ~x->met_bits[w]);
        down += (guint64)__builtin_popcountll(x->met_bits[w] & ~y->met_bits[w]);
    }
    PairedDiff d = paired_diff((double)up - (double)down, (double)(up + down), a->reps);
    /* centred on the difference of the probabilities as shown (sum / n can
     * differ from it in the last bit) */
    double half = (d.hi - d.lo) / 2, mean = y->probability - x->probability;
    return (PairedDiff){mean, d.sd, mean - half, mean + half};
}

gboolean allocate_step_within_noise(PairedDiff d)
{
    return d.lo <= 0 && d.hi >= 0;
}

/* The frontier with each row's step from the previous one, the best
 * within the budget and the cheapest reaching the goal, once a->combos are
 * run and sorted. */
static void answer(Allocation *a)
{
    double best = -INFINITY;
    int prev = -1;
    a->best = a->cheapest = -1;
    for (int i = 0; i < a->n_combos; i++) {
        AllocateCombo *c = &a->combos[i];
        c->frontier = c->probability > best;
        best = MAX(best, c->probability);
        if (c->frontier && prev >= 0)
            c->step = allocate_step(a, prev, i);
        if (c->frontier)
            prev = i;
        if (c->frontier && c->cost <= a->config.budget)
            a->best = i;
        if (a->cheapest < 0 && !isnan(a->config.goal) && c->probability >= a->config.goal)
            a->cheapest = i;
    }
}

/* The file as written: every policy on at its level 1, found in a->combos
 * or among a->skipped; else why not. */
static void find_as_written(Allocation *a)
{
    const Model *m = a->model;
    g_autofree int *choice = g_new0(int, m->n_policies);
    a->as_written = -1;
    for (int p = 0; p < m->n_policies; p++) {
        for (int l = 0; l < m->policies[p].n_levels && choice[p] == 0; l++)
            if (m->policies[p].levels[l] == 1)
                choice[p] = l + 1;
        if (choice[p] == 0) {
            a->written = ALLOCATE_WRITTEN_NO_LEVEL_1;
            return;
        }
    }
    gsize size = sizeof *choice * m->n_policies;
    for (int i = 0; i < a->n_combos; i++)
        if (memcmp(a->combos[i].choice, choice, size) == 0) {
            a->as_written = i;
            a->written = ALLOCATE_WRITTEN_RUN;
            return;
        }
    a->written = ALLOCATE_WRITTEN_NOT_RUN;
    for (int i = 0; i < a->n_skipped; i++)
        if (memcmp(a->skipped[i].choice, choice, size) == 0)
            a->written = ALLOCATE_WRITTEN_SKIPPED;
}

static guint64 count_combinations(const Model *m)
{
    guint64 n = 1;
    for (int p = 0; p < m->n_policies; p++) {
        n *= (guint64)(1 + m->policies[p].n_levels);
        if (n > G_MAXUINT32)
            return G_MAXUINT32;  /* beyond any exhaustive run; the search does not need it */
    }
    return n;
}

/* Whether to search: config->method, or under ALLOCATE_AUTO more than
 * ALLOCATE_MAX_EXHAUSTIVE combinations.  FALSE with an error when
 * exhaustive is forced on more than ALLOCATE_MAX_FORCED. */
static gboolean choose_method(Allocation *a, GError **error)
{
    if (a->config.method == ALLOCATE_EXHAUSTIVE && a->n_combinations > ALLOCATE_MAX_FORCED) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                    "--method exhaustive: %s has %" G_GUINT64_FORMAT " combinations of its policies, more than %d "
                    "run one by one; use --method search, or leave policies out with --without/--only",
                    a->model->file, a->n_combinations, ALLOCATE_MAX_FORCED);
        return FALSE;
    }
    a->search = a->config.method == ALLOCATE_SEARCH ||
                (a->config.method == ALLOCATE_AUTO && a->n_combinations > ALLOCATE_MAX_EXHAUSTIVE);
    return TRUE;
}

Allocation *allocate_new(const Model *m, const AllocateConfig *config, const RunConfig *run, GError **error)
{
    if (m->n_policies == 0) {
        g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                    "%s has no policy to choose among: it has no [policy] group, or --without/--only switched "
                    "every one off", m->file);
        return NULL;
    }
    g_autoptr(Allocation) a = g_new0(Allocation, 1);
    a->model = m;
    a->config = *config;
    a->reps = run->reps;
    a->n_combinations = count_combinations(m);
    if (!choose_method(a, error))
        return NULL;
    if (!a->search) {
        a->n_combos = (int)a->n_combinations;
        a->combos = all_combos(m, a->n_combinations);
    } else if (!search(a, run, error)) {
        return NULL;
    }
    /* Each combination keeps whether it met the target in each replication
     * (a bit: reps / 8 bytes each), so the frontier's steps are paired
     * differences between any two rows, not only against the base (paired.c's
     * sums).  Recording them changes no draw; the bits, like the counts, do
     * not depend on the thread count (runner.c). */
    RunConfig full = *run;
    full.met_bits = TRUE;
    if (!combos_run(m, a->combos, a->n_combos, config->target, &full, error))
        return NULL;
    combos_compact(a);
    g_qsort_with_data(a->combos, a->n_combos, sizeof *a->combos, combo_order, GINT_TO_POINTER(m->n_policies));
    answer(a);
    find_as_written(a);
    return g_steal_pointer(&a);
}

void allocate_free(Allocation *a)
{
    if (a == NULL)
        return;
    for (int i = 0; i < a->n_combos; i++)
        combo_clear(&a->combos[i]);
    for (int i = 0; i < a->n_skipped; i++)
        combo_clear(&a->skipped[i]);
    g_free(a->combos);
    g_free(a->skipped);
    g_free(a);
}
