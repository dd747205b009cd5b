/* dist.c: the distributions of [uncertainty], one table row each, on GSL's
 * samplers and inverse CDFs.
 * SPDX-License-Identifier: MIT */
#include "dist.h"

#include <math.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "errors.h"
#include "text.h"

static gboolean positive_pair(double a, double b) { return a > 0 && b > 0; }
static gboolean ordered_pair(double a, double b) { return a < b; }
static gboolean positive_sd(double a, double b) { (void)a; return b > 0; }

static double beta_central(double a, double b) { return a / (a + b); }
static double gamma_central(double a, double b) { return a * b; }
static double uniform_central(double a, double b) { return 0.5 * (a + b); }
static double normal_central(double a, double b) { (void)b; return a; }

static double beta_draw(const gsl_rng *r, double a, double b) { return gsl_ran_beta(r, a, b); }
static double gamma_draw(const gsl_rng *r, double a, double b) { return gsl_ran_gamma(r, a, b); }
static double uniform_draw(const gsl_rng *r, double a, double b) { return gsl_ran_flat(r, a, b); }
static double normal_draw(const gsl_rng *r, double a, double b) { return a + gsl_ran_gaussian(r, b); }

static double beta_quantile(double p, double a, double b) { return gsl_cdf_beta_Pinv(p, a, b); }
static double gamma_quantile(double p, double a, double b) { return gsl_cdf_gamma_Pinv(p, a, b); }
static double uniform_quantile(double p, double a, double b) { return gsl_cdf_flat_Pinv(p, a, b); }
static double normal_quantile(double p, double a, double b) { return a + gsl_cdf_gaussian_Pinv(p, b); }

/* Indexed by DistKind. */
static const DistType dist_types[] = {
    [DIST_BETA] = {"beta", "alpha,beta", TRUE, positive_pair, "both arguments must be positive", beta_central,
                   beta_draw, beta_quantile},
    [DIST_GAMMA] = {"gamma", "shape,scale", FALSE, positive_pair, "both arguments must be positive",
                    gamma_central, gamma_draw, gamma_quantile},
    [DIST_UNIFORM] = {"uniform", "low,high", TRUE, ordered_pair, "uniform(low,high) needs low < high",
                      uniform_central, uniform_draw, uniform_quantile},
    [DIST_NORMAL] = {"normal", "mean,sd", FALSE, positive_sd, "normal(mean,sd) needs sd > 0", normal_central,
                     normal_draw, normal_quantile},
};

const DistType *dist_type(DistKind kind)
{
    g_return_val_if_fail((gsize)kind < G_N_ELEMENTS(dist_types), NULL);
    return &dist_types[kind];
}

static int dist_lookup(const char *name)
{
    for (gsize i = 0; i < G_N_ELEMENTS(dist_types); i++)
        if (strcmp(dist_types[i].name, name) == 0)
            return (int)i;
    return -1;
}

static gboolean fail(GError **error, const char *text, const char *what)
{
    g_set_error(error, LADDER_ERROR, LADDER_ERROR_INPUT, "%s: %s", text, what);
    return FALSE;
}

gboolean dist_parse(const char *text, Dist *out, GError **error)
{
    const char *open = strchr(text, '(');
    const char *close = strrchr(text, ')');
    if (!open || !close || close < open)
        return fail(error, text, "expected a distribution such as beta(24,176), gamma(100,4) or uniform(80,120)");
    g_autofree char *name = g_strstrip(g_strndup(text, open - text));
    g_autofree char *rest = g_strstrip(g_strdup(close + 1));
    int kind = dist_lookup(name);
    if (kind < 0) {
        const char *names[G_N_ELEMENTS(dist_types) + 1] = {0};
        for (gsize i = 0; i < G_N_ELEMENTS(dist_types); i++)
            names[i] = dist_types[i].name;
        g_autoptr(GString) msg = g_string_new(NULL);
        g_string_printf(msg, "unknown distribution '%s': a distribution ", name);
        text_append_one_of(msg, name, names);
        return fail(error, text, msg->str);
    }
    if (*rest != '\0')
        return fail(error, text, "unexpected text after ')'");
    g_autofree char *inner = g_strndup(open + 1, close - open - 1);
    g_auto(GStrv) args = g_strsplit(inner, ",", -1);
    const DistType *t = &dist_types[kind];
    g_autofree char *want = g_strdup_printf("%s takes two numbers: %s(%s)", t->name, t->name, t->args);
    g_autofree char *why = NULL;
    if (g_strv_length(args) != 2 || !text_parse_decimal(args[0], &out->a, &why) ||
        !text_parse_decimal(args[1], &out->b, &why)) {
        g_autofree char *said = why ? g_strdup_printf("%s; %s", want, why) : g_strdup(want);
        return fail(error, text, said);
    }
    out->kind = (DistKind)kind;
    if (!t->valid(out->a, out->b))
        return fail(error, text, t->rule);
    return TRUE;
}

double dist_central(const Dist *d)
{
    return dist_types[d->kind].central(d->a, d->b);
}

double dist_draw(const Dist *d, const gsl_rng *r)
{
    return dist_types[d->kind].draw(r, d->a, d->b);
}

double dist_quantile(const Dist *d, double p)
{
    return dist_types[d->kind].quantile(p, d->a, d->b);
}

void dist_format(const Dist *d, GString *out)
{
    char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(a, sizeof a, "%g", d->a);
    g_ascii_formatd(b, sizeof b, "%g", d->b);
    g_string_append_printf(out, "%s(%s,%s)", dist_types[d->kind].name, a, b);
}
