/* param.h: the kinds of parameter a scenario has (edge, exit, renewal, inflow,
 * recruitment, list share), in one table, and the one grammar of their keys.
 * Every module that names, parses, checks or labels a parameter asks here.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_PARAM_H
#define LADDER_PARAM_H

#include <glib.h>

/* The order is part of the random stream layout (engine.c keys each
 * parameter's draw by its kind): add new kinds at the end. */
typedef enum {
    PARAM_EDGE,         /* "from -> to": yearly probability of moving along it */
    PARAM_EXIT,         /* "exit.ID": yearly probability of leaving the ladder */
    PARAM_RENEWAL,      /* "renewal.ID": probability a due status is renewed */
    PARAM_INFLOW,       /* "inflow.ID": Poisson mean of arrivals a year */
    PARAM_RECRUITMENT,  /* "recruitment.ID": firms recruited a year */
    PARAM_SHARE,        /* "list.LIST.ID": probability a firm of stage ID is on list LIST */
    PARAM_N_KINDS
} ParamKind;

/* One row of the table. */
typedef struct {
    const char *name;       /* in scenario.json's "kind": "edge", "exit", ... */
    const char *prefix;     /* the key's first part before '.': "exit", "list";
                               NULL for an edge, written "from -> to" */
    const char *group;      /* the scenario group whose lines give its value;
                               "list ID" groups for a share (written share.ID) */
    gboolean probability;   /* a probability in [0, 1]; else firms a year >= 0 */
    gboolean adds_firms;    /* a change to it adds firms to a stage (cost per firm) */
    gboolean implicit;      /* a policy or [uncertainty] line may name it when no
                               line gives its value: it then starts at 0 */
} ParamKindInfo;

/* The row of `kind`. */
const ParamKindInfo *param_kind(ParamKind kind);

/* The kind whose scenario.json name is `name`, or -1. */
int param_kind_from_name(const char *name);

/* A parameter key taken apart: "a -> b" (edge: a, b), "exit.a" (a), or
 * "list.L.a" (share: list L, stage a). */
typedef struct {
    ParamKind kind;
    char *stage;        /* the stage: an edge's source, a share's stage */
    char *to;           /* an edge's destination; NULL otherwise */
    char *list;         /* a share's list; NULL otherwise */
} ParamKey;

/* Splits `key` as a user writes it (spaces around "->" and the key
 * ignored) into *out (caller clears with param_key_clear).  FALSE, with
 * *out zeroed, when the key has the shape of no kind ("tech_sme",
 * "exitt.a", "list.a"); the names in it are not checked here. */
gboolean param_key_parse(const char *key, ParamKey *out);

void param_key_clear(ParamKey *k);

/* The canonical key: "a -> b", "exit.a", "list.L.a" (caller frees).  `to`
 * is used by edges, `list` by shares only. */
char *param_key_format(ParamKind kind, const char *stage, const char *to, const char *list);

#endif
