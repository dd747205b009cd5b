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
}

static AllocateCombo combo_new(const Model *m, const int *choice)
{
    AllocateCombo c = {.choice = g_memdup2(choice, sizeof *choice * m->n_policies)};
    for (int p = 0; p < m->n_policies; p++)
        c.n_on += choice[p] != 0;
    return c;
}

/* The probability the config asks about in run `r`. */
static double probability_of(const RunResult *r, int target)
{
    guint64 met = target >= 0 ? r->target_met[target] : r->all_met;
    return (double)met / (double)r->config.reps;
}

/* The cost of combination `c` of `m` and its model (caller owns), or NULL
 * with an error naming the combination. */
static Model *combo_price(const Model *m, AllocateCombo *c, GError **error)
{
    g_autoptr(Model) v = allocate_model(m, c->choice);
    g_autoptr(CostSheet) sheet = cost_sheet_new(v, error);
    if (sheet == NULL) {
        g_autofree char *label = allocate_combo_label(m, c->choice);
        g_prefix_error(error, "the combination %s: ", label);
        return NULL;
    }
    c->cost = sheet->total;
    return g_steal_pointer(&v);
}

/* Prices and runs combos[0..n-1] of `m` at run->reps under common random
 * numbers, ALLOCATE_CHUNK models to a runner_run_paired call (replication
 * r of every model draws from the streams of (seed, r), so the chunks do
 * not change any figure), filling each cost and probability. */
static gboolean combos_run(const Model *m, AllocateCombo *combos, int n, int target, const RunConfig *run,
                           GError **error)
{
    for (int start = 0; start < n; start += ALLOCATE_CHUNK) {
        int k = MIN(ALLOCATE_CHUNK, n - start);
        g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func((GDestroyNotify)model_free);
        for (int i = 0; i < k; i++) {
            Model *v = combo_price(m, &combos[start + i], error);
            if (v == NULL)
                return FALSE;
            g_ptr_array_add(models, v);
        }
        g_autoptr(PairedResult) r = runner_run_paired((const Model *const *)models->pdata, k, run, error);
        if (r == NULL)
            return FALSE;
        for (int i = 0; i < k; i++)
            combos[start + i].probability = probability_of(r->runs[i], target);
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
    GArray *combos;   /* AllocateCombo */
    GHashTable *seen; /* choice as a string -> 1 */
} Pool;

static char *choice_key(const int *choice, int n)
{
    GString *s = g_string_new(NULL);
    for (int p = 0; p < n; p++)
        g_string_append_printf(s, "%d,", choice[p]);
    return g_string_free(s, FALSE);
}

/* Adds `c` (taken) to the pool unless it is there already. */
static void pool_add(Pool *pool, AllocateCombo c, int n)
{
    if (g_hash_table_add(pool->seen, choice_key(c.choice, n)))
        g_array_append_val(pool->combos, c);
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
 * until every policy is at its highest level.  Every combination screened
 * joins the pool. */
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
        int pick = 0;
        for (guint i = 1; ok && i < steps->len; i++) {
            double a = step_score(&s[i], cur_cost, cur_p), b = step_score(&s[pick], cur_cost, cur_p);
            if (a > b || (a == b && s[i].cost < s[pick].cost))
                pick = (int)i;
        }
        if (ok) {
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
        if (!ok)
            return FALSE;
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
    g_clear_pointer(&pool->combos, g_array_unref);
    g_clear_pointer(&pool->seen, g_hash_table_unref);
}

/* The search's finalists into a->combos, unrun. */
static gboolean search(Allocation *a, const RunConfig *run, GError **error)
{
    RunConfig screen = *run;
    screen.reps = MIN(run->reps, MAX((guint64)ALLOCATE_MIN_SCREEN, run->reps / ALLOCATE_SCREEN_SHARE));
    a->screen_reps = screen.reps;
    Pool pool = {g_array_new(FALSE, FALSE, sizeof(AllocateCombo)),
                 g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    gboolean ok = greedy_ascent(a->model, a->config.target, &screen, &pool, error);
    if (ok) {
        a->n_screened = (int)pool.combos->len;
        a->combos = finalists(a->model, &pool, screen.reps, &a->n_combos);
    }
    pool_clear(&pool);
    return ok;
}

/* ---- the answer -------------------------------------------------------------- */

/* The frontier, the best within the budget and the cheapest reaching the
 * goal, once a->combos are run and sorted. */
static void answer(Allocation *a)
{
    double best = -INFINITY;
    a->best = a->cheapest = -1;
    for (int i = 0; i < a->n_combos; i++) {
        AllocateCombo *c = &a->combos[i];
        c->frontier = c->probability > best;
        best = MAX(best, c->probability);
        if (c->frontier && c->cost <= a->config.budget)
            a->best = i;
        if (a->cheapest < 0 && !isnan(a->config.goal) && c->probability >= a->config.goal)
            a->cheapest = i;
    }
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
    a->search = a->n_combinations > ALLOCATE_MAX_EXHAUSTIVE;
    if (!a->search) {
        a->n_combos = (int)a->n_combinations;
        a->combos = all_combos(m, a->n_combinations);
    } else if (!search(a, run, error)) {
        return NULL;
    }
    if (!combos_run(m, a->combos, a->n_combos, config->target, run, error))
        return NULL;
    g_qsort_with_data(a->combos, a->n_combos, sizeof *a->combos, combo_order, GINT_TO_POINTER(m->n_policies));
    answer(a);
    return g_steal_pointer(&a);
}

void allocate_free(Allocation *a)
{
    if (a == NULL)
        return;
    for (int i = 0; i < a->n_combos; i++)
        combo_clear(&a->combos[i]);
    g_free(a->combos);
    g_free(a);
}
