/* dist.h: the distributions an [uncertainty] line may name, as a table.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_DIST_H
#define LADDER_DIST_H

#include <glib.h>
#include <gsl/gsl_rng.h>

/* DIST_NORMAL is for the coefficients of [effects] only (scenario.c
 * refuses it for a parameter or a baseline): it is not clipped. */
typedef enum { DIST_BETA, DIST_GAMMA, DIST_UNIFORM, DIST_NORMAL } DistKind;

/* One parsed distribution, e.g. beta(24,176): kind and its two arguments. */
typedef struct {
    DistKind kind;
    double a, b;  /* beta: alpha, beta; gamma: shape, scale; uniform: low, high;
                     normal: mean, sd */
} Dist;

/* One row of the table: adding a distribution is adding a row in dist.c. */
typedef struct {
    const char *name;                         /* as written in a scenario */
    const char *args;                         /* "alpha,beta", for messages */
    gboolean for_probability;                 /* support inside [0, 1] */
    gboolean (*valid)(double a, double b);    /* arguments acceptable? */
    const char *rule;                         /* what `valid` asks, for messages */
    double (*central)(double a, double b);    /* mean: the --no-uncertainty value */
    double (*draw)(const gsl_rng *r, double a, double b);
    double (*quantile)(double p, double a, double b);
} DistType;

/* The row for `kind`. */
const DistType *dist_type(DistKind kind);

/* Parses "name(a,b)" (spaces allowed).  On failure returns FALSE and sets
 * an INPUT error saying what is wrong (unknown name with a suggestion,
 * wrong argument count, invalid arguments). */
gboolean dist_parse(const char *text, Dist *out, GError **error);

/* Mean of `d`: beta a/(a+b), gamma shape*scale, uniform midpoint, normal mean. */
double dist_central(const Dist *d);

/* One exact draw from `d` with generator `r`. */
double dist_draw(const Dist *d, const gsl_rng *r);

/* The p-quantile of `d`, 0 < p < 1. */
double dist_quantile(const Dist *d, double p);

/* Writes "beta(24,176)" into `out`. */
void dist_format(const Dist *d, GString *out);

#endif
