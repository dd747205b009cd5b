/* allocate.c: the combinations of a scenario's policies run under common
 * random numbers, exhaustively or by a search, and the best within a
 * budget, the efficient frontier and the cheapest reaching a probability.
 *
 * The search (beyond ALLOCATE_MAX_EXHAUSTIVE combinations, or forced)
 * screens combinations at a tenth of the replications, with their
 * per-replication bits so any two compare paired, and re-runs finalists
 * in full; it only chooses which combinations run, so a combination's
 * figures are those of an exhaustive run at the same seed and
 * replications, whatever the thread count.
 *  1. First screening: no policy, each policy alone at each level, every
 *     policy at its highest level, the file as written.
 *  2. Surrogate (at most ALLOCATE_MAX_PREDICT combinations): the logit of
 *     the probability is fitted, by weighted least squares on everything
 *     screened, as an intercept plus one effect per policy and level
 *     (effects are close to additive in the logit; interactions are left
 *     to the screening).  Every combination is priced (cost.c, no run) and
 *     predicted; the ALLOCATE_BUDGET_CANDIDATES predicted best within the
 *     budget and the predicted frontier are screened; refitted, until it
 *     proposes nothing new or after ALLOCATE_SURROGATE_ROUNDS rounds.
 *  3. Local search within the budget: from the best screened within it,
 *     every single change (a policy on, off, or at another level) and
 *     every swap (one off, another on) within the budget is screened; it
 *     moves to the best screened within the budget until that stays.
 *  4. Finalists, re-run in full: every combination within the budget that
 *     the best screened within it does not beat by more than
 *     ALLOCATE_SCREEN_MARGIN paired SE; the screened frontier, thinned to
 *     steps above ALLOCATE_FRONTIER_STEP paired SE; the file as written.
 * Measured against exhaustive in docs/performance.md, "Search quality".
 * SPDX-License-Identifier: MIT */
#include "allocate.h"

#include <math.h>
#include <string.h>

#include "cost.h"
#include "errors.h"
#include "paired.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>

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

/* The combinations screened so far, each once, at pool->screen (with
 * their per-replication bits, for paired comparisons). */
typedef struct {
    const Model *m;
    int target;
    const RunConfig *screen;
    GArray *combos;   /* AllocateCombo: run */
    GArray *skipped;  /* AllocateCombo: skipped, their parameters invalid */
    GHashTable *seen; /* choice as a string -> itself */
} Pool;

static char *choice_key(const int *choice, int n)
{
    GString *s = g_string_new(NULL);
    for (int p = 0; p < n; p++)
        g_string_append_printf(s, "%d,", choice[p]);
    return g_string_free(s, FALSE);
}

static gboolean pool_has(const Pool *pool, const int *choice)
{
    g_autofree char *key = choice_key(choice, pool->m->n_policies);
    return g_hash_table_contains(pool->seen, key);
}

/* Screens together (common random numbers) each of the `n` choices in
 * `choices` (n_policies ints each) that the pool has not screened yet. */
static gboolean pool_screen(Pool *pool, const int *choices, int n, GError **error)
{
    int np = pool->m->n_policies;
    g_autoptr(GArray) batch = g_array_new(FALSE, FALSE, sizeof(AllocateCombo));
    for (int i = 0; i < n; i++) {
        const int *ch = choices + (gsize)i * np;
        if (!pool_has(pool, ch)) {
            g_hash_table_add(pool->seen, choice_key(ch, np));
            AllocateCombo c = combo_new(pool->m, ch);
            g_array_append_val(batch, c);
        }
    }
    AllocateCombo *b = (AllocateCombo *)batch->data;
    gboolean ok = combos_run(pool->m, b, (int)batch->len, pool->target, pool->screen, error);
    for (guint i = 0; i < batch->len; i++) {
        if (ok)
            g_array_append_val(b[i].skip ? pool->skipped : pool->combos, b[i]);
        else
            combo_clear(&b[i]);
    }
    return ok;
}

/* Screens the choices gathered in `list` (a GArray of int), then empties it. */
static gboolean pool_screen_list(Pool *pool, GArray *list, GError **error)
{
    int n = (int)list->len / pool->m->n_policies;
    gboolean ok = pool_screen(pool, (const int *)list->data, n, error);
    g_array_set_size(list, 0);
    return ok;
}

/* The index in pool->combos of the best screened within `budget`
 * (highest probability, then cheaper, then allocate_precedes), or -1. */
static int pool_best(const Pool *pool, double budget)
{
    const AllocateCombo *c = (const AllocateCombo *)pool->combos->data;
    int best = -1;
    for (int i = 0; i < (int)pool->combos->len; i++) {
        if (c[i].cost > budget)
            continue;
        if (best < 0 || c[i].probability > c[best].probability ||
            (c[i].probability == c[best].probability &&
             (c[i].cost < c[best].cost ||
              (c[i].cost == c[best].cost && allocate_precedes(&c[i], &c[best], pool->m->n_policies)))))
            best = i;
    }
    return best;
}

/* The choice of the file as written: every policy at its level 1; FALSE
 * when a policy's levels leave 1 out. */
static gboolean written_choice(const Model *m, int *choice)
{
    for (int p = 0; p < m->n_policies; p++) {
        choice[p] = 0;
        for (int l = 0; l < m->policies[p].n_levels && choice[p] == 0; l++)
            if (m->policies[p].levels[l] == 1)
                choice[p] = l + 1;
        if (choice[p] == 0)
            return FALSE;
    }
    return TRUE;
}

/* The first screening: no policy, each policy alone at each of its
 * levels, every policy at its highest level, and the file as written. */
static gboolean screen_design(Pool *pool, GError **error)
{
    const Model *m = pool->m;
    int n = m->n_policies;
    g_autoptr(GArray) list = g_array_new(FALSE, TRUE, sizeof(int));
    g_autofree int *ch = g_new0(int, n);
    g_array_append_vals(list, ch, n);
    for (int p = 0; p < n; p++)
        for (int l = 1; l <= m->policies[p].n_levels; l++) {
            ch[p] = l;
            g_array_append_vals(list, ch, n);
            ch[p] = 0;
        }
    for (int p = 0; p < n; p++)
        ch[p] = m->policies[p].n_levels;
    g_array_append_vals(list, ch, n);
    if (written_choice(m, ch))
        g_array_append_vals(list, ch, n);
    return pool_screen_list(pool, list, error);
}

/* ---- the surrogate: additive in the logit ---- */

/* Coefficients of the surrogate: the intercept, then one per policy and
 * level. */
static int surrogate_size(const Model *m)
{
    int k = 1;
    for (int p = 0; p < m->n_policies; p++)
        k += m->policies[p].n_levels;
    return k;
}

/* The surrogate's logit of `choice` under `coef`. */
static double surrogate_logit(const Model *m, const double *coef, const int *choice)
{
    double eta = coef[0];
    for (int p = 0, col = 1; p < m->n_policies; col += m->policies[p].n_levels, p++)
        if (choice[p])
            eta += coef[col + choice[p] - 1];
    return eta;
}

/* Fits the surrogate to every screened combination: logit p = coef[0] +
 * the sum of coef[policy, level] over the policies on, by weighted least
 * squares on empirical logits (half a replication added to met and not
 * met; weights the inverse of their variance).  FALSE when fewer were
 * screened than it has coefficients. */
static gboolean surrogate_fit(const Pool *pool, double *coef)
{
    const Model *m = pool->m;
    int k = surrogate_size(m), n = (int)pool->combos->len;
    if (n < k)
        return FALSE;
    double reps = (double)pool->screen->reps;
    gsl_matrix *x = gsl_matrix_calloc((size_t)n, (size_t)k), *cov = gsl_matrix_alloc((size_t)k, (size_t)k);
    gsl_vector *y = gsl_vector_alloc((size_t)n), *w = gsl_vector_alloc((size_t)n), *c = gsl_vector_alloc((size_t)k);
    gsl_multifit_linear_workspace *work = gsl_multifit_linear_alloc((size_t)n, (size_t)k);
    for (int i = 0; i < n; i++) {
        const AllocateCombo *cb = &g_array_index(pool->combos, AllocateCombo, i);
        double met = round(cb->probability * reps) + 0.5, not_met = reps - met + 1;
        gsl_vector_set(y, (size_t)i, log(met / not_met));
        gsl_vector_set(w, (size_t)i, 1 / (1 / met + 1 / not_met));
        gsl_matrix_set(x, (size_t)i, 0, 1);
        for (int p = 0, col = 1; p < m->n_policies; col += m->policies[p].n_levels, p++)
            if (cb->choice[p])
                gsl_matrix_set(x, (size_t)i, (size_t)(col + cb->choice[p] - 1), 1);
    }
    double chisq;
    gboolean ok = gsl_multifit_wlinear(x, w, y, c, cov, &chisq, work) == GSL_SUCCESS;
    for (int j = 0; j < k; j++)
        coef[j] = ok ? gsl_vector_get(c, (size_t)j) : 0;
    gsl_multifit_linear_free(work);
    gsl_matrix_free(x);
    gsl_matrix_free(cov);
    gsl_vector_free(y);
    gsl_vector_free(w);
    gsl_vector_free(c);
    return ok;
}

/* Every combination of `m` (n of them, in all_combos' order) priced; a
 * combination whose price fails on its parameters gets cost NaN. */
static AllocateCombo *space_priced(const Model *m, guint64 n, GError **error)
{
    AllocateCombo *all = all_combos(m, n);
    for (guint64 i = 0; i < n; i++) {
        GError *local = NULL;
        Model *v = combo_price(m, &all[i], &local);
        if (v != NULL) {
            model_free(v);
        } else if (all[i].n_on > 0 && g_error_matches(local, LADDER_ERROR, LADDER_ERROR_INPUT)) {
            all[i].cost = NAN;
            g_error_free(local);
        } else {
            g_propagate_error(error, local);
            for (guint64 j = 0; j < n; j++)
                combo_clear(&all[j]);
            g_free(all);
            return NULL;
        }
    }
    return all;
}

/* Indexes into `space` ranked by their predicted logits `eta`, or by
 * combo_order (ties in index order). */
typedef struct {
    const AllocateCombo *space;
    const double *eta;
    int n_policies;
} Ranking;

static int by_cost_then_eta(const void *x, const void *y, void *data)
{
    const Ranking *r = data;
    int i = *(const int *)x, j = *(const int *)y;
    if (r->space[i].cost != r->space[j].cost)
        return r->space[i].cost < r->space[j].cost ? -1 : 1;
    if (r->eta[i] != r->eta[j])
        return r->eta[i] > r->eta[j] ? -1 : 1;
    return i < j ? -1 : i > j;
}

static int by_combo_order(const void *x, const void *y, void *data)
{
    const Ranking *r = data;
    int i = *(const int *)x, j = *(const int *)y;
    int o = combo_order(&r->space[i], &r->space[j], GINT_TO_POINTER(r->n_policies));
    return o ? o : (i < j ? -1 : i > j);
}

static int by_eta(const void *x, const void *y, void *data)
{
    const Ranking *r = data;
    int i = *(const int *)x, j = *(const int *)y;
    if (r->eta[i] != r->eta[j])
        return r->eta[i] > r->eta[j] ? -1 : 1;
    return i < j ? -1 : i > j;
}

/* Appends to `list` the surrogate's candidates not screened yet: the
 * ALLOCATE_BUDGET_CANDIDATES predicted best within `budget`, and the
 * predicted frontier (each combination predicted higher than every one
 * no dearer).  Returns how many it appended. */
static int surrogate_candidates(const Pool *pool, const AllocateCombo *space, int n, const double *coef,
                                double budget, GArray *list)
{
    const Model *m = pool->m;
    int np = m->n_policies, added = 0, k = 0;
    g_autofree double *eta = g_new(double, n);
    g_autofree int *idx = g_new(int, n);
    for (int i = 0; i < n; i++) {
        eta[i] = surrogate_logit(m, coef, space[i].choice);
        if (!isnan(space[i].cost))
            idx[k++] = i;
    }
    Ranking r = {space, eta, np};
    g_qsort_with_data(idx, k, sizeof *idx, by_cost_then_eta, &r);
    double top = -INFINITY;
    for (int i = 0; i < k; i++) {
        const int *ch = space[idx[i]].choice;
        if (eta[idx[i]] > top && !pool_has(pool, ch)) {
            g_array_append_vals(list, ch, np);
            added++;
        }
        top = MAX(top, eta[idx[i]]);
    }
    g_qsort_with_data(idx, k, sizeof *idx, by_eta, &r);
    for (int i = 0, taken = 0; i < k && taken < ALLOCATE_BUDGET_CANDIDATES; i++) {
        const AllocateCombo *c = &space[idx[i]];
        if (c->cost > budget)
            continue;
        taken++;
        if (!pool_has(pool, c->choice)) {
            g_array_append_vals(list, c->choice, np);
            added++;
        }
    }
    return added;
}

/* Rounds of the surrogate, when every combination can be priced: fit on
 * every screened combination, screen its new candidates, until it has
 * none or after ALLOCATE_SURROGATE_ROUNDS. */
static gboolean surrogate_rounds(Pool *pool, guint64 n_combinations, double budget, GError **error)
{
    const Model *m = pool->m;
    if (n_combinations > ALLOCATE_MAX_PREDICT)
        return TRUE;
    int n = (int)n_combinations;
    AllocateCombo *space = space_priced(m, n_combinations, error);
    if (space == NULL)
        return FALSE;
    g_autofree double *coef = g_new(double, surrogate_size(m));
    g_autoptr(GArray) list = g_array_new(FALSE, FALSE, sizeof(int));
    gboolean ok = TRUE;
    for (int round = 0; ok && round < ALLOCATE_SURROGATE_ROUNDS; round++) {
        if (!surrogate_fit(pool, coef) || surrogate_candidates(pool, space, n, coef, budget, list) == 0)
            break;
        ok = pool_screen_list(pool, list, error);
    }
    for (int i = 0; i < n; i++)
        combo_clear(&space[i]);
    g_free(space);
    return ok;
}

/* Appends to `list` the neighbours of `at` within `budget`: every single
 * change (a policy switched on or off, or to another level) and every
 * swap (a policy on switched off and one off switched on, at any level). */
static gboolean neighbours(const Model *m, const int *at, double budget, GArray *list, GError **error)
{
    int n = m->n_policies;
    g_autofree int *ch = g_memdup2(at, sizeof *at * n);
    g_autoptr(GArray) all = g_array_new(FALSE, FALSE, sizeof(int));
    for (int p = 0; p < n; p++) {
        for (int v = 0; v <= m->policies[p].n_levels; v++) {
            if (v == at[p])
                continue;
            ch[p] = v;
            g_array_append_vals(all, ch, n);
            for (int q = 0; v == 0 && q < n; q++) {
                if (at[q] != 0)
                    continue;
                for (int u = 1; u <= m->policies[q].n_levels; u++) {
                    ch[q] = u;
                    g_array_append_vals(all, ch, n);
                }
                ch[q] = 0;
            }
        }
        ch[p] = at[p];
    }
    for (guint i = 0; i < all->len; i += (guint)n) {
        AllocateCombo c = combo_new(m, &g_array_index(all, int, i));
        GError *local = NULL;
        Model *v = combo_price(m, &c, &local);
        if (v != NULL && c.cost <= budget)
            g_array_append_vals(list, c.choice, n);
        model_free(v);
        combo_clear(&c);
        if (v == NULL && !g_error_matches(local, LADDER_ERROR, LADDER_ERROR_INPUT)) {
            g_propagate_error(error, local);
            return FALSE;
        }
        g_clear_error(&local);
    }
    return TRUE;
}

/* The local search within `budget`: the neighbours of the best screened
 * within it are screened, and the best moves, until it stays (or after
 * ALLOCATE_MAX_MOVES moves). */
static gboolean local_search(Pool *pool, double budget, GError **error)
{
    g_autoptr(GArray) list = g_array_new(FALSE, FALSE, sizeof(int));
    for (int move = 0; move < ALLOCATE_MAX_MOVES; move++) {
        int at = pool_best(pool, budget);
        if (at < 0)
            return TRUE;
        g_autofree int *centre = g_memdup2(g_array_index(pool->combos, AllocateCombo, at).choice,
                                           sizeof(int) * pool->m->n_policies);
        if (!neighbours(pool->m, centre, budget, list, error) || !pool_screen_list(pool, list, error))
            return FALSE;
        if (pool_best(pool, budget) == at)
            return TRUE;
    }
    return TRUE;
}

/* The standard error of the paired difference of two screened
 * combinations, from their bits (at least that of one replication in
 * `reps` differing). */
static double paired_se(const AllocateCombo *x, const AllocateCombo *y, guint64 reps)
{
    guint64 up = 0, down = 0, words = runner_met_words(reps);
    for (guint64 w = 0; w < words; w++) {
        up += (guint64)__builtin_popcountll(y->met_bits[w] & ~x->met_bits[w]);
        down += (guint64)__builtin_popcountll(x->met_bits[w] & ~y->met_bits[w]);
    }
    double n = (double)reps, mean = ((double)up - (double)down) / n;
    double var = ((double)(up + down) / n) - mean * mean;
    return sqrt(MAX(var, 1 / n) / n);
}

/* Whether screened combination `c` is within ALLOCATE_SCREEN_MARGIN
 * paired standard errors of `best` (NULL: of nothing, FALSE). */
static gboolean within_margin(const AllocateCombo *c, const AllocateCombo *best, guint64 reps)
{
    return best != NULL &&
           best->probability - c->probability <= ALLOCATE_SCREEN_MARGIN * paired_se(c, best, reps);
}

/* Whether screened combination `c` rises above `from` (NULL: nothing) by
 * no more than ALLOCATE_FRONTIER_STEP paired standard errors. */
static gboolean within_step(const AllocateCombo *c, const AllocateCombo *from, guint64 reps)
{
    return from != NULL &&
           c->probability - from->probability <= ALLOCATE_FRONTIER_STEP * paired_se(c, from, reps);
}

/* The screened combinations worth a full run: the screened frontier,
 * thinned (in order of cost, each higher than every one no dearer and
 * than the last kept by more than ALLOCATE_FRONTIER_STEP paired standard
 * errors), each within the budget that the best
 * screened within it does not beat by more than ALLOCATE_SCREEN_MARGIN
 * paired standard errors, and the file as written. */
static AllocateCombo *finalists(Pool *pool, double budget, int *n_out)
{
    const Model *m = pool->m;
    int best = pool_best(pool, budget);
    AllocateCombo *c = (AllocateCombo *)pool->combos->data;
    g_autofree int *written = g_new(int, m->n_policies);
    gboolean has_written = written_choice(m, written);
    g_autofree int *rank = g_new(int, pool->combos->len);
    Ranking r = {c, NULL, m->n_policies};
    for (int i = 0; i < (int)pool->combos->len; i++)
        rank[i] = i;
    g_qsort_with_data(rank, (int)pool->combos->len, sizeof *rank, by_combo_order, &r);
    GArray *out = g_array_new(FALSE, FALSE, sizeof(AllocateCombo));
    double top = -INFINITY;
    const AllocateCombo *step = NULL; /* the last kept for the frontier */
    for (int k = 0; k < (int)pool->combos->len; k++) {
        const AllocateCombo *ci = &c[rank[k]];
        gboolean rises = ci->probability > top && !within_step(ci, step, pool->screen->reps);
        if (rises)
            step = ci;
        gboolean keep = rises ||
                        (has_written && memcmp(ci->choice, written, sizeof *written * m->n_policies) == 0) ||
                        (ci->cost <= budget && within_margin(ci, best >= 0 ? &c[best] : NULL, pool->screen->reps));
        top = MAX(top, ci->probability);
        if (keep) {
            AllocateCombo f = combo_new(m, ci->choice);
            g_array_append_val(out, f);
        }
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
    screen.met_bits = TRUE;
    a->screen_reps = screen.reps;
    Pool pool = {a->model, a->config.target, &screen, g_array_new(FALSE, FALSE, sizeof(AllocateCombo)),
                 g_array_new(FALSE, FALSE, sizeof(AllocateCombo)),
                 g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    double budget = a->config.budget;
    gboolean ok = screen_design(&pool, error) && surrogate_rounds(&pool, a->n_combinations, budget, error) &&
                  local_search(&pool, budget, error);
    if (ok) {
        a->n_screened = (int)(pool.combos->len + pool.skipped->len);
        a->combos = finalists(&pool, budget, &a->n_combos);
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
    if (!written_choice(m, choice)) {
        a->written = ALLOCATE_WRITTEN_NO_LEVEL_1;
        return;
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
