/* sensitivity.c: the low and high value of every parameter and baseline,
 * pulled in to what every year allows, the model variants that carry them,
 * and the parameters ranked by swing after one paired run, drawn as
 * `ladder run` draws or at central values.
 * SPDX-License-Identifier: MIT */
#include "sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "paired.h"
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
    const Param *q = &p->model->params[i];
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

/* Adds parameter i of the model, varied or skipped. */
static void plan_param(SensitivityPlan *p, Check *c, int i)
{
    const Param *q = &p->model->params[i];
    SensitivityParam sp = {.key = g_strdup(q->key), .param = i, .stage = q->stage, .central = c->central[i]};
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
static void plan_baseline(SensitivityPlan *p, int s)
{
    const Stage *st = &p->model->stages[s];
    SensitivityParam sp = {.key = param_baseline_key(st->id), .param = -1, .stage = s};
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

SensitivityPlan *sensitivity_plan_new(const Model *m, const SensitivityOptions *o, GError **error)
{
    g_return_val_if_fail(m != NULL && o != NULL && o->spread > 0 && o->spread < 1, NULL);
    g_autofree double *central = g_new(double, MAX(m->n_params, 1));
    Check c = {m, central};
    model_central_params(m, central);
    if (!model_years_valid(m, central, error))
        return NULL;

    SensitivityPlan *p = g_new0(SensitivityPlan, 1);
    p->model = m;
    p->options = *o;
    p->params = g_array_new(FALSE, TRUE, sizeof(SensitivityParam));
    g_array_set_clear_func(p->params, param_clear);
    p->skipped = g_array_new(FALSE, TRUE, sizeof(SensitivitySkip));
    g_array_set_clear_func(p->skipped, skip_clear);
    for (int i = 0; i < m->n_params; i++)
        plan_param(p, &c, i);
    for (int s = 0; s < m->n_stages; s++)
        plan_baseline(p, s);
    return p;
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
    Model *v = model_copy(p->model);
    double x = high ? sp->high : sp->low;
    if (sp->param < 0)
        model_set_baseline(v, sp->stage, (gint64)x);
    else
        model_set_param_value(v, sp->param, x);
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

/* The models to run: the base (a copy of the plan's model), then the low
 * and the high variant of plan parameter i at 2i + 1 and 2i + 2. */
static GPtrArray *plan_models(const SensitivityPlan *p)
{
    GPtrArray *models = g_ptr_array_new_with_free_func((GDestroyNotify)model_free);
    g_ptr_array_add(models, model_copy(p->model));
    for (guint i = 0; i < p->params->len; i++) {
        g_ptr_array_add(models, sensitivity_variant(p, i, FALSE));
        g_ptr_array_add(models, sensitivity_variant(p, i, TRUE));
    }
    return models;
}

/* Replications of `r` meeting target `target`, or every target when -1. */
static guint64 met_count(const RunResult *r, int target)
{
    return target < 0 ? r->all_met : r->target_met[target];
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
 * probability of `as_run`, the model run as `ladder run` runs it (NULL:
 * that run failed).  The
 * swing comes from the difference of two integer counts, so equal
 * differences tie exactly and the order is the same on every machine. */
static void rank_target(SensitivityTarget *t, const SensitivityPlan *plan, const PairedResult *p,
                        const RunResult *as_run, int target)
{
    double n = (double)p->runs[0]->config.reps;
    t->target = target;
    t->name = target < 0 ? SENSITIVITY_ALL : plan->model->targets[target].name;
    t->base_probability = (double)met_count(p->runs[0], target) / n;
    t->run_probability = as_run ? (double)met_count(as_run, target) / n : NAN;
    t->n_rows = (int)plan->params->len;
    t->rows = g_new0(SensitivityRow, MAX(t->n_rows, 1));
    for (int i = 0; i < t->n_rows; i++) {
        SensitivityRow *r = &t->rows[i];
        guint64 lo = met_count(p->runs[2 * i + 1], target), hi = met_count(p->runs[2 * i + 2], target);
        r->param = &g_array_index(plan->params, SensitivityParam, i);
        r->probability_low = (double)lo / n;
        r->probability_high = (double)hi / n;
        r->swing = (double)(hi > lo ? hi - lo : lo - hi) / n;
    }
    qsort(t->rows, (size_t)t->n_rows, sizeof *t->rows, compare_rows);
}

/* Fills s->targets for `target` as sensitivity_run takes it. */
static void rank_all(Sensitivity *s, const PairedResult *p, const RunResult *as_run, int target)
{
    const Model *m = s->plan->model;
    if (target != SENSITIVITY_EVERY_TARGET) {
        s->n_targets = 1;
        s->targets = g_new0(SensitivityTarget, 1);
        rank_target(&s->targets[0], s->plan, p, as_run, target == m->n_targets ? -1 : target);
        return;
    }
    s->n_targets = m->n_targets + 1;
    s->targets = g_new0(SensitivityTarget, s->n_targets);
    for (int k = 0; k <= m->n_targets; k++)
        rank_target(&s->targets[k], s->plan, p, as_run, k == m->n_targets ? -1 : k);
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
    g_autoptr(GPtrArray) models = plan_models(plan);
    RunConfig c = *config;
    c.uncertain = !o->central;
    g_autoptr(PairedResult) p = runner_run_paired((const Model *const *)models->pdata, (int)models->len, &c,
                                                  error);
    if (p == NULL) {
        explain_drawn_failure(o, error);
        return NULL;
    }
    /* the paired base is `ladder run`'s run itself unless --central */
    g_autoptr(GError) run_error = NULL;
    g_autoptr(RunResult) as_run = o->central ? run_as_ladder_run(m, &c, &run_error) : NULL;
    if (o->central && as_run == NULL && !g_error_matches(run_error, LADDER_ERROR, LADDER_ERROR_INPUT)) {
        g_propagate_error(error, g_steal_pointer(&run_error));
        return NULL;
    }
    Sensitivity *s = g_new0(Sensitivity, 1);
    s->plan = g_steal_pointer(&plan);
    s->config = c;
    s->run_error = run_error ? g_strdup(run_error->message) : NULL;
    rank_all(s, p, o->central ? as_run : p->runs[0], target);
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
