/* sensitivity.c: the low and high value of every parameter and baseline,
 * pulled in to what every year allows, the model variants that carry them,
 * and the parameters ranked by swing after one paired run, drawn as
 * `ladder run` draws or at central values.
 * SPDX-License-Identifier: MIT */
#include "sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "errors.h"
#include "paired.h"
#include "region.h"
#include "text.h"

#define BISECT_MAX_STEPS 200  /* halvings; an interval of doubles collapses within about 1100 */

/* What a validity check needs: central values and room for one year's. */
typedef struct {
    const Model *m;
    double *central;  /* [n_params] */
} Check;

/* TRUE when every year is valid with parameter `param` at `x` and every
 * other parameter at its central value. */
static gboolean valid_at(Check *c, int param, double x)
{
    double saved = c->central[param];
    c->central[param] = x;
    gboolean ok = model_years_valid(c->m, c->central, NULL);
    c->central[param] = saved;
    return ok;
}

/* The valid value nearest `want` on the way from `from` (valid) to `want`
 * (not).  In one parameter the valid values form an interval, since every
 * policy change is affine and every check linear, so bisection finds its
 * end.  That end is rounded towards `from` to SENSITIVITY_CAP_DECIMALS:
 * the checks allow sums up to 1 + 1e-12, and 0.9 reads better than
 * 0.900000000001. */
static double nearest_valid(Check *c, int param, double from, double want)
{
    double ok = from, bad = want;
    for (int i = 0; i < BISECT_MAX_STEPS; i++) {
        double mid = ok + (bad - ok) / 2;
        if (mid == ok || mid == bad)
            break;
        if (valid_at(c, param, mid))
            ok = mid;
        else
            bad = mid;
    }
    double scale = pow(10, SENSITIVITY_CAP_DECIMALS);
    double r = want > from ? floor(ok * scale) / scale : ceil(ok * scale) / scale;
    if (want > from ? r < from : r > from)
        r = from;
    return valid_at(c, param, r) ? r : ok;
}

static void param_clear(gpointer data)
{
    SensitivityParam *sp = data;
    g_free(sp->key);
}

static void skip_clear(gpointer data)
{
    g_free(((SensitivitySkip *)data)->key);
}

/* Adds `sp` (its key taken) to the plan's skipped list with `reason`. */
static void plan_skip(SensitivityPlan *p, SensitivityParam *sp, SensitivitySkipReason reason)
{
    SensitivitySkip skip = {sp->key, reason};
    g_array_append_val(p->skipped, skip);
}

/* Adds `sp` (its key taken) to the plan, or to its skipped list with
 * `reason` when its low and high values coincide. */
static void plan_add(SensitivityPlan *p, SensitivityParam *sp, SensitivitySkipReason reason)
{
    if (sp->low == sp->high) {
        plan_skip(p, sp, sp->capped ? SENSITIVITY_SKIP_NO_ROOM : reason);
        return;
    }
    g_array_append_val(p->params, *sp);
}

/* Parameter i's low and high values: P5 and P95 of its distribution, else
 * value × (1 ∓ spread), a probability clamped to [0, 1]. */
static void param_range(const SensitivityPlan *p, int i, SensitivityParam *sp)
{
    const Param *q = &sp->owner->params[i];
    if (q->uncertain) {
        sp->low = dist_quantile(&q->dist, SENSITIVITY_P_LOW);
        sp->high = dist_quantile(&q->dist, SENSITIVITY_P_HIGH);
        sp->source = SENSITIVITY_FROM_UNCERTAINTY;
        return;
    }
    sp->low = sp->central * (1 - p->options.spread);
    sp->high = sp->central * (1 + p->options.spread);
    sp->source = SENSITIVITY_FROM_SPREAD;
    sp->low = CLAMP(sp->low, 0.0, param_kind(q->kind)->max);
    sp->high = CLAMP(sp->high, 0.0, param_kind(q->kind)->max);
}

/* Pulls a low or high value that makes some year invalid in to the
 * furthest valid one. */
static void cap_range(Check *c, SensitivityParam *sp)
{
    if (!valid_at(c, sp->param, sp->low)) {
        sp->low = nearest_valid(c, sp->param, sp->central, sp->low);
        sp->capped = TRUE;
    }
    if (!valid_at(c, sp->param, sp->high)) {
        sp->high = nearest_valid(c, sp->param, sp->central, sp->high);
        sp->capped = TRUE;
    }
}

/* The key of `owner`'s parameter or baseline `key` in the plan: itself,
 * or with the scenario's name before it in a region's plan. */
static char *plan_key(const SensitivityPlan *p, const Model *owner, const char *key)
{
    return owner == p->model ? g_strdup(key) : g_strdup_printf("%s: %s", owner->name, key);
}

/* Adds parameter i of c->m (the plan's model, or scenario `scenario` in
 * part `part` of a region), varied or skipped. */
static void plan_param(SensitivityPlan *p, Check *c, int scenario, int part, int i)
{
    const Param *q = &c->m->params[i];
    SensitivityParam sp = {.key = plan_key(p, c->m, q->key), .param = i, .stage = q->stage,
                           .central = c->central[i], .owner = c->m, .scenario = scenario, .part = part};
    param_range(p, i, &sp);
    cap_range(c, &sp);
    plan_add(p, &sp, SENSITIVITY_SKIP_ZERO);
}

/* A baseline with [uncertainty] goes from the P5 to the P95 of its
 * distribution, one of n firms without from n × (1 - spread) to n × (1 +
 * spread), both rounded to whole firms, ties to even: rint, as the engine
 * rounds a drawn baseline, so the values varied are counts a replication
 * can start from.  Any count is valid.  Without --baselines, a baseline
 * with no distribution is skipped: by default only what `ladder run`
 * draws is varied, so a written count stays as the analyst wrote it. */
static void plan_baseline(SensitivityPlan *p, const Model *owner, int scenario, int part, int s)
{
    const Stage *st = &owner->stages[s];
    g_autofree char *key = param_baseline_key(st->id);
    SensitivityParam sp = {.key = plan_key(p, owner, key), .param = -1, .stage = s, .owner = owner,
                           .scenario = scenario, .part = part};
    if (st->baseline_uncertain) {
        sp.central = rint(dist_central(&st->baseline_dist));
        sp.low = rint(dist_quantile(&st->baseline_dist, SENSITIVITY_P_LOW));
        sp.high = rint(dist_quantile(&st->baseline_dist, SENSITIVITY_P_HIGH));
        sp.source = SENSITIVITY_FROM_UNCERTAINTY;
        plan_add(p, &sp, SENSITIVITY_SKIP_ROUNDS);
        return;
    }
    double n = (double)st->baseline;
    sp.central = n;
    sp.source = SENSITIVITY_FROM_SPREAD;
    if (!p->options.baselines) {
        plan_skip(p, &sp, SENSITIVITY_SKIP_NO_UNCERTAINTY);
        return;
    }
    sp.low = rint(n * (1 - p->options.spread));
    sp.high = rint(n * (1 + p->options.spread));
    plan_add(p, &sp, st->baseline == 0 ? SENSITIVITY_SKIP_NO_FIRMS : SENSITIVITY_SKIP_ROUNDS);
}

static SensitivityPlan *plan_new(const Model *m, const SensitivityOptions *o)
{
    SensitivityPlan *p = g_new0(SensitivityPlan, 1);
    p->model = m;
    p->options = *o;
    p->params = g_array_new(FALSE, TRUE, sizeof(SensitivityParam));
    g_array_set_clear_func(p->params, param_clear);
    p->skipped = g_array_new(FALSE, TRUE, sizeof(SensitivitySkip));
    g_array_set_clear_func(p->skipped, skip_clear);
    return p;
}

/* Every parameter and baseline of scenario `m` (the plan's model, or
 * scenario `scenario` in part `part` of the plan's region), varied or
 * skipped.  FALSE with model_years_valid's error when `m` is invalid at
 * its central values. */
static gboolean plan_scenario(SensitivityPlan *p, const Model *m, int scenario, int part, GError **error)
{
    g_autofree double *central = g_new(double, MAX(m->n_params, 1));
    Check c = {m, central};
    model_central_params(m, central);
    if (!model_years_valid(m, central, error))
        return FALSE;
    for (int i = 0; i < m->n_params; i++)
        plan_param(p, &c, scenario, part, i);
    for (int s = 0; s < m->n_stages; s++)
        plan_baseline(p, m, scenario, part, s);
    return TRUE;
}

/* TRUE when region `m` is valid in every scenario with [common] factor
 * `i` at `x`. */
static gboolean factor_valid(const Model *m, int i, double x)
{
    g_autoptr(Model) v = model_copy(m);
    model_set_param_value(v, i, x);
    return model_central_valid(v, NULL);
}

/* The valid factor nearest `want` on the way from `from` (valid), as
 * nearest_valid finds it for a parameter. */
static double nearest_valid_factor(const Model *m, int i, double from, double want)
{
    double ok = from, bad = want;
    for (int k = 0; k < BISECT_MAX_STEPS; k++) {
        double mid = ok + (bad - ok) / 2;
        if (mid == ok || mid == bad)
            break;
        *(factor_valid(m, i, mid) ? &ok : &bad) = mid;
    }
    double scale = pow(10, SENSITIVITY_CAP_DECIMALS);
    double r = want > from ? floor(ok * scale) / scale : ceil(ok * scale) / scale;
    return factor_valid(m, i, r) ? r : ok;
}

/* A region's drawn [common] factor i, from its P5 to its P95, each pulled
 * in to what every scenario under the region allows. */
static void plan_factor(SensitivityPlan *p, int i)
{
    const Model *m = p->model;
    const Param *q = &m->params[i];
    SensitivityParam sp = {.key = g_strdup_printf("[common] %s", q->key), .param = i, .stage = q->stage,
                           .central = dist_central(&q->dist), .owner = m, .scenario = -1, .part = -1};
    param_range(p, i, &sp);
    if (!factor_valid(m, i, sp.low)) {
        sp.low = nearest_valid_factor(m, i, sp.central, sp.low);
        sp.capped = TRUE;
    }
    if (!factor_valid(m, i, sp.high)) {
        sp.high = nearest_valid_factor(m, i, sp.central, sp.high);
        sp.capped = TRUE;
    }
    plan_add(p, &sp, SENSITIVITY_SKIP_NO_ROOM);
}

/* A region's plan: its drawn [common] factors, then every scenario's. */
static gboolean plan_region(SensitivityPlan *p, GError **error)
{
    const Model *m = p->model;
    if (!model_central_valid(m, error))
        return FALSE;
    for (int i = 0; i < m->n_params; i++)
        if (m->params[i].uncertain)
            plan_factor(p, i);
    for (int k = 0; k < region_n_scenarios(m); k++) {
        int part;
        const Model *leaf = region_scenario(m, k, &part);
        if (!plan_scenario(p, leaf, k, part, error))
            return FALSE;
    }
    return TRUE;
}

SensitivityPlan *sensitivity_plan_new(const Model *m, const SensitivityOptions *o, GError **error)
{
    g_return_val_if_fail(m != NULL && o != NULL && o->spread > 0 && o->spread < 1, NULL);
    g_autoptr(SensitivityPlan) p = plan_new(m, o);
    if (!(region_is(m) ? plan_region(p, error) : plan_scenario(p, m, -1, -1, error)))
        return NULL;
    return g_steal_pointer(&p);
}

void sensitivity_plan_free(SensitivityPlan *p)
{
    if (p == NULL)
        return;
    g_array_unref(p->params);
    g_array_unref(p->skipped);
    g_free(p);
}

Model *sensitivity_variant(const SensitivityPlan *p, guint i, gboolean high)
{
    g_return_val_if_fail(p != NULL && i < p->params->len, NULL);
    const SensitivityParam *sp = &g_array_index(p->params, SensitivityParam, i);
    /* a region's variant copies only the part it changes (none for a [common] factor) */
    Model *v = region_is(p->model) ? model_copy_sharing_parts(p->model, sp->part) : model_copy(p->model);
    Model *owner = sp->scenario >= 0 ? region_scenario(v, sp->scenario, NULL) : v;
    double x = high ? sp->high : sp->low;
    if (sp->param < 0)
        model_set_baseline(owner, sp->stage, (gint64)x);
    else
        model_set_param_value(owner, sp->param, x);
    return v;
}

const char *sensitivity_skip_text(SensitivitySkipReason reason)
{
    static const char *const texts[] = {
        [SENSITIVITY_SKIP_ZERO] = "its value is 0 and it has no [uncertainty] distribution",
        [SENSITIVITY_SKIP_NO_FIRMS] = "the baseline is 0 firms, which ±spread leaves at 0",
        [SENSITIVITY_SKIP_ROUNDS] = "the varied baseline rounds to the same count",
        [SENSITIVITY_SKIP_NO_ROOM] = "no value but the central one is valid in every year",
        [SENSITIVITY_SKIP_NO_UNCERTAINTY] = "no [uncertainty]; use --baselines",
    };
    g_return_val_if_fail((gsize)reason < G_N_ELEMENTS(texts), "");
    return texts[reason];
}

/* ---- the run and the ranking -------------------------------------------- */

/* A region's plan runs this many parameters (twice as many variants) side
 * by side in each runner_run_paired call, each call with the base again
 * (the same figures every time): every thread holds a lane of each
 * variant, but a variant run in one part only (RunConfig.changed_part)
 * holds that part's scratch and no histograms, so 512 of them cost a few
 * MB, and the base, run whole in each call, is a small share (the
 * 95-district province: 10 calls, 95 part-runs of the base beside 512 of
 * the variants).  A scenario's plan runs in one call. */
#define SENSITIVITY_REGION_BATCH 256

/* Replications of `r` meeting target `target`, or every target when -1. */
static guint64 met_count(const RunResult *r, int target)
{
    return target < 0 ? r->all_met : r->target_met[target];
}

/* How often each model met each target: the base at model 0, plan
 * parameter i's low and high variants at 2i + 1 and 2i + 2; column t of a
 * model's row for target t, n_targets for every target together. */
typedef struct {
    int n_cols;
    guint64 *met;   /* [(1 + 2 n) * n_cols] */
} MetTable;

static guint64 met_at(const MetTable *t, int model, int target)
{
    return t->met[(gsize)model * t->n_cols + (target < 0 ? t->n_cols - 1 : target)];
}

static void met_row(MetTable *t, int model, const RunResult *r)
{
    for (int c = 0; c < t->n_cols; c++)
        t->met[(gsize)model * t->n_cols + c] = met_count(r, c == t->n_cols - 1 ? -1 : c);
}

/* Plan parameters first .. first + n - 1 run beside the base (model 0)
 * under common random numbers, their counts into `met`.  A region's
 * variant of a scenario's parameter runs only the part it is in
 * (RunConfig.changed_part), the same figures at the cost of one part. */
static gboolean run_batch(const SensitivityPlan *plan, const RunConfig *c, guint first, guint n, MetTable *met,
                          GError **error)
{
    g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func((GDestroyNotify)model_free);
    g_autofree int *changed = g_new(int, 1 + 2 * n);
    g_ptr_array_add(models, model_copy(plan->model));
    changed[0] = -1;
    for (guint i = first; i < first + n; i++) {
        const SensitivityParam *sp = &g_array_index(plan->params, SensitivityParam, i);
        g_ptr_array_add(models, sensitivity_variant(plan, i, FALSE));
        g_ptr_array_add(models, sensitivity_variant(plan, i, TRUE));
        changed[2 * (i - first) + 1] = changed[2 * (i - first) + 2] = sp->part;
    }
    RunConfig batch = *c;
    batch.changed_part = region_is(plan->model) ? changed : NULL;
    g_autoptr(PairedResult) p = runner_run_paired((const Model *const *)models->pdata, (int)models->len, &batch,
                                                  error);
    if (p == NULL)
        return FALSE;
    met_row(met, 0, p->runs[0]);
    for (guint k = 1; k < models->len; k++)
        met_row(met, (int)(2 * first + k), p->runs[k]);
    return TRUE;
}

/* What a rank tells the others after its batches (share_batches). */
typedef struct {
    guint64 failed;        /* 1: a batch of it failed */
    guint64 batch;         /* the first that did */
    guint64 code;          /* its error's code (LADDER_ERROR) */
    guint64 message_len;   /* its message's bytes, after this head */
} BatchHead;

/* Build/ladder-mpi with several batches (cluster.h): rank r runs batches
 * r, r + N, ... whole (RunConfig.rank_alone), then every rank gets every
 * rank's counts (each row is counted by the ranks that ran it, 0
 * elsewhere, and the base's row by all of them alike: the greatest is the
 * count) and the error of the lowest failing batch, the one a single
 * process stops at. */
static gboolean share_batches(const SensitivityPlan *plan, const RunConfig *c, guint batch, MetTable *met,
                              GError **error)
{
    guint n = plan->params->len, n_batches = (n + batch - 1) / batch;
    RunConfig alone = *c;
    alone.rank_alone = TRUE;
    GError *local = NULL;
    BatchHead head = {0};
    for (guint b = (guint)cluster_rank(); b < n_batches && local == NULL; b += (guint)cluster_size())
        if (!run_batch(plan, &alone, b * batch, MIN(batch, n - b * batch), met, &local))
            head = (BatchHead){.failed = 1, .batch = b, .code = (guint64)local->code,
                               .message_len = strlen(local->message)};
    gsize cells = (gsize)(1 + 2 * n) * met->n_cols;
    g_autoptr(GByteArray) out = g_byte_array_new();
    g_byte_array_append(out, (const guint8 *)&head, sizeof head);
    if (local != NULL)
        g_byte_array_append(out, (const guint8 *)local->message, (guint)head.message_len);
    g_byte_array_append(out, (const guint8 *)met->met, (guint)(sizeof *met->met * cells));
    g_clear_error(&local);
    g_autoptr(GPtrArray) all = cluster_allgather(out->data, out->len);
    BatchHead first = {0};
    g_autofree char *message = NULL;
    for (guint r = 0; r < all->len; r++) {
        gsize len;
        const guint8 *data = g_bytes_get_data(all->pdata[r], &len);
        BatchHead h;
        memcpy(&h, data, sizeof h);
        g_assert(len == sizeof h + h.message_len + sizeof *met->met * cells);
        if (h.failed && (!first.failed || h.batch < first.batch)) {
            first = h;
            g_free(message);
            message = g_strndup((const char *)data + sizeof h, (gsize)h.message_len);
        }
        const guint64 *theirs = (const guint64 *)(const void *)(data + sizeof h + h.message_len);
        for (gsize i = 0; i < cells; i++) {
            guint64 x;
            memcpy(&x, theirs + i, sizeof x);
            met->met[i] = MAX(met->met[i], x);
        }
    }
    if (first.failed)
        g_set_error_literal(error, LADDER_ERROR, (gint)first.code, message);
    return !first.failed;
}

/* Every plan parameter's variants and the base, in batches for a region
 * (the base run again in each, the same figures every time); with
 * several ranks and batches, whole batches shared out among the ranks, a
 * multiple of the ranks of them, as even as can be.  A variant's counts
 * do not depend on its batch, so the bytes are the same however cut. */
static gboolean run_plan(const SensitivityPlan *plan, const RunConfig *c, MetTable *met, GError **error)
{
    guint n = plan->params->len, batch = region_is(plan->model) ? SENSITIVITY_REGION_BATCH : MAX(n, 1);
    met->n_cols = plan->model->n_targets + 1;
    met->met = g_new0(guint64, (gsize)(1 + 2 * n) * met->n_cols);
    if (cluster_size() > 1 && n > batch) { /* as many calls a rank, of as many parameters as can be */
        guint ranks = (guint)cluster_size(), calls = (n + batch - 1) / batch;
        calls = (calls + ranks - 1) / ranks * ranks;
        return share_batches(plan, c, (n + calls - 1) / calls, met, error);
    }
    for (guint first = 0; first == 0 || first < n; first += batch)
        if (!run_batch(plan, c, first, MIN(batch, n - first), met, error))
            return FALSE;
    return TRUE;
}

/* qsort order of rows: larger swing first, then key. */
static int compare_rows(const void *a, const void *b)
{
    const SensitivityRow *x = a, *y = b;
    if (x->swing != y->swing)
        return x->swing < y->swing ? 1 : -1;
    return strcmp(x->param->key, y->param->key);
}

/* The rows of `target` (-1: every target together), ranked, with the
 * probability of `as_run`, the counts of the model run as `ladder run`
 * runs it (NULL: that run failed).  The swing comes from the difference
 * of two integer counts, so equal differences tie exactly and the order
 * is the same on every machine. */
static void rank_target(SensitivityTarget *t, const SensitivityPlan *plan, const MetTable *met, guint64 reps,
                        const guint64 *as_run, int target)
{
    double n = (double)reps;
    t->target = target;
    t->name = target < 0 ? SENSITIVITY_ALL : plan->model->targets[target].name;
    t->base_probability = (double)met_at(met, 0, target) / n;
    t->run_probability = as_run ? (double)as_run[target < 0 ? met->n_cols - 1 : target] / n : NAN;
    t->n_rows = (int)plan->params->len;
    t->rows = g_new0(SensitivityRow, MAX(t->n_rows, 1));
    for (int i = 0; i < t->n_rows; i++) {
        SensitivityRow *r = &t->rows[i];
        guint64 lo = met_at(met, 2 * i + 1, target), hi = met_at(met, 2 * i + 2, target);
        r->param = &g_array_index(plan->params, SensitivityParam, i);
        r->probability_low = (double)lo / n;
        r->probability_high = (double)hi / n;
        r->swing = (double)(hi > lo ? hi - lo : lo - hi) / n;
    }
    qsort(t->rows, (size_t)t->n_rows, sizeof *t->rows, compare_rows);
}

/* Fills s->targets for `target` as sensitivity_run takes it. */
static void rank_all(Sensitivity *s, const MetTable *met, const guint64 *as_run, int target)
{
    const Model *m = s->plan->model;
    guint64 reps = s->config.reps;
    if (target != SENSITIVITY_EVERY_TARGET) {
        s->n_targets = 1;
        s->targets = g_new0(SensitivityTarget, 1);
        rank_target(&s->targets[0], s->plan, met, reps, as_run, target == m->n_targets ? -1 : target);
        return;
    }
    s->n_targets = m->n_targets + 1;
    s->targets = g_new0(SensitivityTarget, s->n_targets);
    for (int k = 0; k <= m->n_targets; k++)
        rank_target(&s->targets[k], s->plan, met, reps, as_run, k == m->n_targets ? -1 : k);
}

/* `m` run as `ladder run` runs it: [uncertainty] drawn, `c`'s seed and
 * replications (caller owns; NULL with runner_run's error). */
static RunResult *run_as_ladder_run(const Model *m, const RunConfig *c, GError **error)
{
    RunConfig drawn = *c;
    drawn.uncertain = TRUE;
    return runner_run(m, &drawn, error);
}

/* A low or high value is capped where every other parameter is central,
 * yet a replication's draws of the others can still make a year invalid
 * (or the base's own draws, as in `ladder run`): says how the models were
 * drawn, and the way around it, after the runner's INPUT error. */
static void explain_drawn_failure(const SensitivityOptions *o, GError **error)
{
    if (o->central || error == NULL || !g_error_matches(*error, LADDER_ERROR, LADDER_ERROR_INPUT))
        return;
    char *msg = g_strconcat((*error)->message,
                            "; sensitivity draws every parameter but the varied one as ladder run does: "
                            "--central varies each with the others at their central values", NULL);
    g_free((*error)->message);
    (*error)->message = msg;
}

/* An INPUT error unless `m` has a target to weigh the parameters by. */
static gboolean has_targets(const Model *m, GError **error)
{
    if (m->n_targets > 0)
        return TRUE;
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT,
                "%s: no [target NAME] group: sensitivity weighs each parameter by how it moves "
                "the probability of a target", m->file);
    return FALSE;
}

Sensitivity *sensitivity_run(const Model *m, const SensitivityOptions *o, int target, const RunConfig *config,
                             GError **error)
{
    g_return_val_if_fail(m != NULL && o != NULL && config != NULL, NULL);
    g_return_val_if_fail(target >= SENSITIVITY_EVERY_TARGET && target <= m->n_targets, NULL);
    if (!has_targets(m, error))
        return NULL;
    g_autoptr(SensitivityPlan) plan = sensitivity_plan_new(m, o, error);
    if (plan == NULL)
        return NULL;
    RunConfig c = *config;
    c.uncertain = !o->central;
    MetTable met = {0};
    if (!run_plan(plan, &c, &met, error)) {
        g_free(met.met);
        explain_drawn_failure(o, error);
        return NULL;
    }
    /* the paired base is `ladder run`'s run itself unless --central */
    g_autoptr(GError) run_error = NULL;
    g_autoptr(RunResult) as_run = o->central ? run_as_ladder_run(m, &c, &run_error) : NULL;
    if (o->central && as_run == NULL && !g_error_matches(run_error, LADDER_ERROR, LADDER_ERROR_INPUT)) {
        g_propagate_error(error, g_steal_pointer(&run_error));
        g_free(met.met);
        return NULL;
    }
    g_autofree guint64 *as_run_met = g_new(guint64, met.n_cols);
    for (int col = 0; col < met.n_cols; col++) {
        int t = col == met.n_cols - 1 ? -1 : col;
        as_run_met[col] = as_run ? met_count(as_run, t) : met_at(&met, 0, t);
    }
    Sensitivity *s = g_new0(Sensitivity, 1);
    s->plan = g_steal_pointer(&plan);
    s->config = c;
    s->run_error = run_error ? g_strdup(run_error->message) : NULL;
    rank_all(s, &met, o->central && as_run == NULL ? NULL : as_run_met, target);
    g_free(met.met);
    return s;
}

void sensitivity_free(Sensitivity *s)
{
    if (s == NULL)
        return;
    for (int k = 0; k < s->n_targets; k++)
        g_free(s->targets[k].rows);
    g_free(s->targets);
    sensitivity_plan_free(s->plan);
    g_free(s->run_error);
    g_free(s);
}

int sensitivity_target_find(const Model *m, const char *name, GError **error)
{
    for (int i = 0; i < m->n_targets; i++)
        if (strcmp(m->targets[i].name, name) == 0)
            return i;
    if (strcmp(name, SENSITIVITY_ALL) == 0)
        return m->n_targets;
    g_autofree const char **names = g_new0(const char *, m->n_targets + 2);
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "--target %s: %s has no target of that name (its targets: ", name, m->file);
    for (int i = 0; i < m->n_targets; i++) {
        names[i] = m->targets[i].name;
        g_string_append_printf(msg, "%s, ", names[i]);
    }
    names[m->n_targets] = SENSITIVITY_ALL;
    g_string_append(msg, SENSITIVITY_ALL " for all of them together)");
    text_append_suggestion(msg, name, names);
    g_set_error_literal(error, LADDER_ERROR, LADDER_ERROR_USAGE, msg->str);
    return -1;
}
