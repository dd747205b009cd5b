/* param.h: the kinds of parameter a scenario has (edge, exit, renewal, inflow,
 * recruitment, list share), in one table (names, group, words, bounds), and
 * the one grammar of their keys and of baseline.ID.  Every module that
 * names, parses, checks or labels a parameter asks here.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_PARAM_H
#define LADDER_PARAM_H

#include <glib.h>

/* How a key of every kind is written, for help texts and messages (a
 * string literal, so that static texts can include it). */
#define PARAM_KEY_FORMS "'a -> b', exit.ID, renewal.ID, inflow.ID, recruitment.ID, list.LIST.ID"

/* How the key of an attribute effect ([effects], [uncertainty]) is
 * written: a parameter key of a kind that takes effects, a dot, and the
 * attribute.  Not in PARAM_KEY_FORMS: the flags whose help lists those
 * (--lever, --fit, sensitivity) take parameters, not effects. */
#define PARAM_EFFECT_KEY_FORMS "'a -> b'.ATTR, exit.ID.ATTR, renewal.ID.ATTR"

#define PARAM_MAX_PER_YEAR 1e8  /* inflow or recruitment: firms a year, as written or after a policy */

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
    double max;             /* the largest valid value (the smallest is 0):
                               1, or PARAM_MAX_PER_YEAR firms a year */
    const char *label[2];   /* its words, zh and en (i18n_param_label picks),
                               as a printf format of the stage's name (an
                               edge: both stages'; a share: the list's name,
                               then the stage's) */
    gboolean takes_effects; /* an [effects] line may give it a coefficient on a
                               firm's attribute: the firm's own chance of the
                               outcome moves with the attribute (docs/model.md,
                               "Firms"); a count of firms a year or a share has none */
} ParamKindInfo;

/* The row of `kind`. */
const ParamKindInfo *param_kind(ParamKind kind);

/* The kind whose scenario.json name is `name`, or -1. */
int param_kind_from_name(const char *name);

/* TRUE when `v` is a valid value of a parameter of `kind`: in [0, max]
 * (NaN is not). */
gboolean param_value_fits(ParamKind kind, double v);

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
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(ParamKey, param_key_clear)

/* `key` written the one way (caller frees): spaces around it dropped, and
 * an edge's "->" with one space each side ("a->b", "a  ->b": "a -> b"),
 * so that two spellings are one key (the scenario file's IniKeyRule). */
char *param_key_normalise(const char *key);

/* The canonical key: "a -> b", "exit.a", "list.L.a" (caller frees).  `to`
 * is used by edges, `list` by shares only. */
char *param_key_format(ParamKind kind, const char *stage, const char *to, const char *list);

/* Splits an effect key "PARAM.ATTR" ("tech_sme -> hightech.rd_intensity",
 * "exit.startup.age") at its last '.': the parameter key into *out as
 * param_key_parse gives it, the attribute (stripped) into *attr (caller
 * frees).  FALSE, with *out zeroed and *attr NULL, when there is no '.',
 * either part is empty, or the parameter part has the shape of no kind;
 * neither the names nor whether the kind takes effects are checked here. */
gboolean param_effect_key_parse(const char *key, ParamKey *out, char **attr);

/* "PARAM.ATTR" from a canonical parameter key and an attribute (caller
 * frees): "tech_sme -> hightech.rd_intensity". */
char *param_effect_key(const char *param_key, const char *attr);

/* A stage's firms at the end of base_year are not a parameter (no kind,
 * no row of the model's parameters), but [uncertainty] may draw them,
 * calibrate may fit them and sensitivity varies them, under the key
 * "baseline.ID". */

/* The stage id of a baseline key ("baseline.hightech": "hightech"; spaces
 * around the key ignored), or NULL when `key` is not one (caller frees). */
char *param_baseline_stage(const char *key);

/* "baseline.ID" of stage `stage` (caller frees). */
char *param_baseline_key(const char *stage);

#endif
