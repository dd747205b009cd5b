/* model.h: a validated scenario: the ladder, its parameters, policies and targets.
 * The engine, the statistics and the writers read a Model; only scenario.c builds one
 * from a file, and model_copy with the model_set_* functions make variants of it.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_MODEL_H
#define LADDER_MODEL_H

#include <glib.h>
#include "dist.h"
#include "param.h"
#include "source.h"

#define MODEL_MAX_STAGES 64         /* ladders are 5-8 stages; bounds the RNG stream layout */
#define MODEL_MAX_RENEWAL_YEARS 50  /* a status valid 50 years is not a renewal */
#define MODEL_MAX_YEARS 100         /* horizon - base_year */
#define MODEL_MAX_LISTS 64          /* [list] groups; bounds the RNG stream layout */
#define MODEL_MAX_ATTRS 64          /* attributes [effects] names; bounds the RNG stream layout */
#define MODEL_MAX_FIRMS 1000000000LL /* 10^9 firms in a stage or a published count: no district has more */
#define MODEL_MAX_REPLICATIONS 100000000ULL /* 10^8, [scenario] replications and --reps: beyond it a run takes hours */
#define MODEL_PROBABILITY_SUM_SLACK 1e-12 /* exit plus edges may pass 1 by this: sums written in decimal
                                             (0.1 + 0.2 + 0.7) */

/* How a lever acts.  LEVER_SET replaces the base value (central or drawn)
 * before the policies of the year; LEVER_MULTIPLY and LEVER_ADD act after
 * every policy active that year, exactly as a policy group "KEY = *x" or
 * "KEY = +x" appended at the end of the file would. */
typedef enum { LEVER_SET, LEVER_MULTIPLY, LEVER_ADD } LeverOp;

/* A value set from a year on by the program (sensitivity, solve), not by a
 * scenario. */
typedef struct {
    gboolean on;        /* FALSE: no lever, the base value holds every year */
    int from;           /* first year it acts in */
    LeverOp op;
    double value;       /* LEVER_SET: a probability 0..1, or firms per year >= 0;
                           LEVER_MULTIPLY: a factor >= 0; LEVER_ADD: an addend (firms a year, any sign) */
} Lever;

/* One scalar parameter of the model.  Every edge, exit, renewal, inflow,
 * recruitment and list share is one, in one array, so that policies,
 * uncertainty, sensitivity, solve and calibrate address them all by index;
 * what each kind is lives in param.h's table. */
typedef struct {
    ParamKind kind;
    int stage;          /* owning stage; for an edge, its source; for a share, its stage */
    int to;             /* edge destination; -1 for other kinds */
    int list;           /* a share's list (index into Model.lists); -1 for other kinds */
    char *key;          /* canonical key: "tech_sme -> hightech", "exit.startup" */
    double value;       /* as written, or as model_set_param_value set it:
                           a probability 0..1, or firms per year >= 0 */
    gboolean uncertain; /* drawn once per replication from `dist` */
    Dist dist;
    SourceRef where;    /* the line that gives `value` (or `dist` when uncertain) */
    char *written;      /* that line as "[group] key = value", for messages,
                           with what model_set_param_value or a lever changed */
    Lever lever;        /* model_set_lever; off in a loaded scenario */
    char *note;         /* the comment above the line giving `value` (its source), or NULL */
    char *dist_note;    /* the comment above its [uncertainty] line, or NULL */
} Param;

typedef enum { POLICY_MULTIPLY, POLICY_ADD, POLICY_SET } PolicyOp;

/* Levels a policy may list (`levels = 0.5, 1, 1.5`). */
#define MODEL_MAX_LEVELS 8

typedef struct {
    int param;          /* index into Model.params */
    PolicyOp op;
    double x;           /* factor, addend (negative for "-x") or new value */
    SourceRef where;
} PolicyChange;

typedef struct {
    char *name;         /* from the group name "[policy NAME]" */
    int from, to;       /* years it acts in, inclusive */
    int n_changes;
    PolicyChange *changes;
    SourceRef where;    /* the group header */
    double cost_per_year; /* 万元 (10,000 yuan) for each year it acts, >= 0; 0 when not given */
    double cost_per_firm; /* 万元 for each firm it adds (cost.h says which), >= 0 */
    char *owner;        /* a region's policy in one of its parts (region.h): the region's file,
                           whose policy of the same name it is; NULL for the part's own */
    int n_levels;       /* 1..MODEL_MAX_LEVELS: the levels `ladder allocate` tries */
    double levels[MODEL_MAX_LEVELS]; /* > 0, ascending; {1} when `levels =` is not given */
} Policy;

/* What a target counts (model_count_name gives each its name in a file). */
typedef enum {
    COUNT_STAGE,        /* the stage's stock at the end of the year */
    COUNT_AT_OR_ABOVE,  /* the stocks of the stage and every stage after it */
    COUNT_NEW,          /* the stage's entries from base_year+1 through the year */
    COUNT_CUMULATIVE,   /* its base_year stock plus those entries ("ever reached";
                           entries, not distinct firms) */
    COUNT_LIST,         /* a list's count at the end of the year (list = ID) */
    COUNT_N_KINDS
} CountKind;

typedef struct {
    char *name;         /* from "[target NAME]" */
    int stage;          /* -1 for a list target */
    int list;           /* index into Model.lists for COUNT_LIST; -1 otherwise */
    int year;           /* base_year+1 .. horizon */
    gboolean year_given;/* FALSE: no year= line, measured at the horizon */
    gboolean count_written; /* a count= line was given */
    gint64 at_least;
    CountKind count;
    SourceRef where;
} Target;

/* A designation counted over the ladder ("[list ID]"): every firm of its
 * member stages at the end of a year, and each firm of a share stage with
 * the share's probability that year, drawn anew each year. */
typedef struct {
    char *id;           /* ASCII [a-z][a-z0-9_]*, not a stage id */
    char *name;         /* display name, may be Chinese */
    SourceRef where;    /* the group header */
    int n_members;
    int members[MODEL_MAX_STAGES];   /* stage indexes, in file order */
    int n_shares;
    int share_param[MODEL_MAX_STAGES]; /* PARAM_SHARE parameters, in file order */
} List;

typedef struct {
    char *id;           /* ASCII [a-z][a-z0-9_]* */
    char *name;         /* display name, may be Chinese */
    gint64 baseline;    /* firms at the end of base_year; with baseline_uncertain, the
                           central value rounded as a draw is (rint: ties to even) */
    char *baseline_note;/* the comment above its [baseline] line, or NULL */
    int renewal_years;  /* valid years V of a status to renew; 0: no renewal */
    int lapse_to;       /* stage a lapsed firm falls to; -1 without renewal */
    int renewal_param;  /* index of the renewal probability; -1 without renewal */
    int exit_param;     /* -1: no exits */
    int inflow_param;   /* -1: no inflow */
    int recruitment_param; /* -1: no recruitment */
    int n_out;          /* outgoing edges, in file order */
    int out_param[MODEL_MAX_STAGES];
    gboolean baseline_uncertain; /* drawn once per replication from baseline_dist, rounded to
                                    whole firms, ties to even ([uncertainty] baseline.ID) */
    Dist baseline_dist;
    SourceRef baseline_dist_where; /* its [uncertainty] line */
    char *baseline_dist_note;   /* the comment above that line, or NULL */
    gint64 *baseline_by_clock;  /* [max(renewal_years, 1)]: the baseline's firms by renewal clock
                                   (a roster's, model_set_roster), summing to baseline; NULL: the
                                   baseline is spread evenly (model_baseline_cohorts) */
} Stage;

/* An attribute of a roster's firms that [effects] names (docs/model.md,
 * "Firms"): a firm's value x becomes z = (x - mean) / sd. */
typedef struct {
    char *id;           /* an id (text_is_id), as the roster's column is named */
    gboolean standardised; /* standardise.ID = mean, sd given; FALSE: the roster's own
                              mean and sample sd will be used */
    double mean, sd;    /* when standardised: finite, sd > 0; else 0 */
    SourceRef where;    /* its standardise line; file NULL when not given */
} Attribute;

/* One coefficient of [effects]: how attribute `attr` moves a firm's
 * chance of parameter `param`'s outcome (an exit, an edge or a renewal:
 * param.h's takes_effects). */
typedef struct {
    int param;          /* index into Model.params */
    int attr;           /* index into Model.attrs */
    double value;       /* as written: any finite real */
    gboolean uncertain; /* drawn once per replication from `dist` ([uncertainty]) */
    Dist dist;          /* normal or uniform */
    SourceRef where;    /* its [effects] line */
    SourceRef dist_where; /* its [uncertainty] line; file NULL when certain */
    char *note;         /* the comment of its [effects] line, or NULL */
} Effect;
/* The firms known one by one at the end of base_year: a roster read for
 * the model (roster.h), as the engines need it.  Names and attributes stay
 * with the Roster; this is what changes the simulation. */
typedef struct {
    char *file;         /* the roster's path as given */
    char *sha256;       /* SHA-256 of its bytes, hex */
    int n_firms;        /* >= 1 */
    int *stage;         /* [n_firms]: stage index */
    int *clock;         /* [n_firms]: renewal clock, 0 .. V-1 (0 without renewal) */
    gboolean covers[MODEL_MAX_STAGES]; /* TRUE where its firms replace the stage's [baseline] */
    int n_attrs;        /* Model.n_attrs once model_set_roster_attributes gave them; 0 before */
    double *z;          /* [n_firms * n_attrs]: firm f's standardised attribute a at f * n_attrs + a;
                           NULL when n_attrs is 0 */
    double *attr_mean;  /* [n_attrs]: the mean each attribute was standardised with */
    double *attr_sd;    /* [n_attrs]: and its sd (> 0); from standardise.ID when
                           Model.attrs[a].standardised, else the roster's own */
} ModelRoster;

struct Model;

/* One part of a region (`parts =` in a region file; region.h): a scenario,
 * or a region of its own, whose stocks, entries and lists the region adds
 * up by stage and list id. */
typedef struct {
    struct Model *model;/* the part: horizon the region's, and in a scenario the policies of every
                           region above it appended to its own (Policy.owner) */
    int year_offset;    /* region base_year - part base_year (>= 0): region year index y is the
                           part's y + year_offset */
    int *stage_of;      /* [part n_stages]: the region's stage of each of the part's stages */
    int *list_of;       /* [part n_lists]: the region's list of each of the part's lists (-1: none) */
    int *factor_of;     /* [part n_params]: the region's parameter of the same key, whose [common]
                           factor multiplies it */
    gboolean borrowed;  /* the model and maps belong to another region's part
                           (model_copy_sharing_parts): model_free leaves them */
} ModelPart;

typedef struct Model {
    char *file;         /* the scenario path as given */
    char *name;
    char *region;       /* may be NULL */
    char *description;  /* may be NULL */
    char *language;     /* "zh" or "en": [scenario] language, else zh when names hold CJK */
    int base_year, horizon;
    guint64 replications; /* [scenario] replications, 0 when not given */
    guint64 seed;         /* [scenario] seed */
    gboolean has_seed;
    int n_stages;
    Stage *stages;
    int n_params;
    Param *params;
    int n_policies;
    Policy *policies;
    int n_targets;
    Target *targets;
    int n_lists;
    List *lists;
    int n_levers;       /* parameters with a lever on (model_set_lever) */
    int n_attrs;        /* attributes [effects] names, in order of first mention */
    Attribute *attrs;   /* NULL when none */
    int n_effects;      /* coefficients [effects] gives, in file order */
    Effect *effects;    /* NULL when none */
    double *effect_beta;/* [n_params * n_attrs]: the central coefficient of parameter p
                           on attribute a at p * n_attrs + a (an uncertain one's mean),
                           0 where [effects] gives none; NULL when n_attrs is 0.
                           Effects act on a roster's firms only, once
                           model_set_roster_attributes gave them their z (runner.h,
                           firms.h); the cohort engine, the exact expectation and
                           every analysis ignore them */
    GStrv policies_off; /* the policies of the file switched off on the command line
                           (--without, --only; model_switch_off_policy), in file
                           order; NULL when none */
    ModelRoster *roster;/* the firms known one by one (model_set_roster), or NULL: every stage
                           starts from its baseline, simulated as cohorts */
    int n_parts;        /* a region (region.h): its parts, >= 1; 0 for a scenario */
    ModelPart *parts;   /* [n_parts], NULL for a scenario.  In a region the stages and lists are
                           the union of the parts' (by id), base_year the latest of theirs, and
                           each parameter is a factor (1 unless [common] draws it) on the parts'
                           parameter of the same key; the region's policies act through its
                           parts (ModelPart.model), not on these factors */
    guint32 stream_key; /* the high word of the replication counter of every stream this model
                           draws from (rng.h): 0 for a scenario run alone and for the first
                           scenario of a region; region.c numbers the others */
} Model;

void model_free(Model *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Model, model_free)

/* A deep copy of `m` (caller owns, model_free); it shares no memory with
 * `m`, so either may be changed or freed alone. */
Model *model_copy(const Model *m);

/* A copy of region `m` (caller owns, model_free) whose parts other than
 * `own_part` (-1: none) are `m`'s own, borrowed: they must not change, and
 * `m` must outlive the copy.  Part `own_part` is a deep copy, free to
 * change.  For the many variants of a region that each change one part
 * (sensitivity), at the cost of one part's copy instead of the region's. */
Model *model_copy_sharing_parts(const Model *m, int own_part);

/* Links parameter `p`, number `i` of its model, to what it belongs to:
 * its stage's out_param (an edge, in order), exit_param, renewal_param,
 * inflow_param or recruitment_param, or its list's share_param.  The one
 * rule, for scenario.c building a model and region.c a region. */
void model_link_param(Stage *stages, List *lists, const Param *p, int i);

/* Makes parameter `param` certain at `value`: its central value becomes
 * `value` in every year (policies and a lever still act on it) and it is no
 * longer drawn.  Draws of the other parameters do not move, since each is
 * keyed by what the parameter is.  The value is checked by
 * model_year_params, like any other. */
void model_set_param_value(Model *m, int param, double value);

/* Sets stage `stage`'s baseline (firms at the end of base_year) to `n` >= 0
 * and makes it certain: it is no longer drawn from baseline_dist.  The
 * engine spreads it over the renewal clocks as it does a written one (a
 * roster's clocks are forgotten).  A caller's bug (bad stage, negative n,
 * a stage a roster covers) is a critical warning, no change. */
void model_set_baseline(Model *m, int stage, gint64 n);

/* Gives `m` the roster `file` (its SHA-256 `sha256`) of `n_firms` >= 1
 * firms, firm i in stage stage[i] with renewal clock clock[i] (0 .. V-1, 0
 * without renewal) at the end of base_year.  Each stage holding at least
 * one of them is covered: its baseline becomes their count, certain (an
 * [uncertainty] baseline.ID is dropped: a roster is a count, not an
 * estimate), with baseline_by_clock their counts by clock, so that the
 * exact expectation and the cohort engine start from the roster's clocks;
 * the runner then simulates the model firm by firm (firms.h).  A stage with
 * no firm keeps its baseline.  A second call replaces the first roster's
 * firms (the stages it covered keep its counts).  Bad stages or clocks are
 * a caller's bug: a critical warning, no change. */
void model_set_roster(Model *m, const char *file, const char *sha256, int n_firms, const int *stage,
                      const int *clock);

/* Gives the firms of `m`'s roster (model_set_roster first) their
 * attributes: x[f * n_attrs + a] the roster's value of attribute
 * m->attrs[a] for firm f (roster_attribute_values), standardised as
 * z = (x - mean) / sd with the attribute's standardise.ID mean and sd when
 * given, else the roster's own mean and sample sd (divisor n - 1, over
 * every firm of the roster).  Fails with an INPUT error at the roster's
 * line `header_line` when a column to standardise by the roster has no
 * spread (every firm the same value, or a single firm), naming it and
 * saying to give standardise.ID; `m` unchanged then.  Nothing when `m` has
 * no attributes. */
gboolean model_set_roster_attributes(Model *m, const double *x, int header_line, GError **error);

/* The mean and sample sd (divisor n - 1) of column `a` of x [n_firms *
 * n_attrs], the spread an attribute without a standardise line is
 * standardised by (a roster's, an outcomes file's): sd exactly 0 when
 * every firm has the same value (a single firm too), whatever the
 * rounding of the mean. */
void model_column_moments(const double *x, int n_firms, int n_attrs, int a, double *mean, double *sd);

/* The `n` firms of stage `st` at the end of base_year by renewal clock,
 * into cohort[0 .. max(V, 1) - 1]: the stage's baseline_by_clock when it
 * has one and `n` is its baseline, else spread evenly (n/V each, one more
 * for clocks 0 .. (n mod V) - 1).  The one rule the engines and the exact
 * expectation start a stage by. */
void model_baseline_cohorts(const Stage *st, gint64 n, gint64 *cohort);

/* From `from_year` on, parameter `param`'s base value (central or drawn) is
 * replaced by `value` before the policies of the year apply, so they still
 * act on top of it.  Years before `from_year` are untouched.  A parameter
 * has one lever at most: a second call replaces the first. */
void model_set_lever(Model *m, int param, int from_year, double value);

/* From `from_year` on, lever `op` with `x` on parameter `param`
 * (LEVER_SET: as model_set_lever).  A parameter has one lever at most: a
 * second call replaces the first. */
void model_set_lever_op(Model *m, int param, int from_year, LeverOp op, double x);

/* Makes `m` the model of the `years` years (1 .. MODEL_MAX_YEARS) before
 * its base year, for a history drawn at its rates (`ladder roster synth`):
 * base_year becomes base_year - years and the horizon the old base_year;
 * every policy and target is removed (they speak of the years after the
 * base year) and every lever turned off.  Rates, baselines, uncertainty,
 * lists and effects stay.  A model with a roster is a caller's bug. */
void model_set_past(Model *m, int years);

/* Makes every place of `m` that names file `from` (m->file and the
 * file:line of each value, policy, target and list) name `to` instead: for
 * a model read from a temporary copy of a file that will end up at `to`. */
void model_rename_file(Model *m, const char *from, const char *to);

/* Removes policy `policy` (an index into m->policies) from `m`; the
 * policies after it move down one place, keeping their order. */
void model_drop_policy(Model *m, int policy);

/* Policy `policy` of `m` at level `level` (> 0; 1 leaves it as written):
 * each change *x becomes *(1 + level (x - 1)), +x and -x become
 * +level x and -level x, and cost_per_year is multiplied by `level`;
 * cost_per_firm is kept (the firms it pays for change with the level).  A
 * policy with a change =x takes no level but 1: a caller's bug. */
void model_set_policy_level(Model *m, int policy, double level);

/* The index of the policy named `name` in m->policies, or -1. */
int model_policy_index(const Model *m, const char *name);

/* model_drop_policy for a policy the user switched off (--without,
 * --only): its name is kept in m->policies_off, so that the results say
 * it and the report's reproduction line repeats the switch. */
void model_switch_off_policy(Model *m, int policy);

/* TRUE when `m` can be compared replication by replication with `ref`:
 * the same stage ids in the same order, the same base_year and horizon.
 * Otherwise an INPUT error naming both files and what differs. */
gboolean model_comparable(const Model *m, const Model *ref, GError **error);

/* Years recorded: base_year .. horizon, so horizon - base_year + 1. */
int model_n_years(const Model *m);

/* Stage index of `id`, or -1. */
int model_stage_index(const Model *m, const char *id);

#define MODEL_STAGE_UNKNOWN (-1)    /* model_stages_lookup: no stage has that id or name */
#define MODEL_STAGE_AMBIGUOUS (-2)  /* model_stages_lookup: several stages have that name */

/* The stage that `word` names among `stages` (`n` of them), as a user may
 * write it wherever a stage is expected: the stage whose id it is, else
 * the one stage whose display name it is ("高企" for hightech = 高企).  The
 * one resolver of stage names, for scenario files and history CSVs.
 * Otherwise MODEL_STAGE_UNKNOWN, with *why (caller frees; NULL `why`: not
 * set) "unknown stage 'X'" and the nearest id or name ("; did you mean
 * '高企' (hightech)?"), or the list of stages when none is near; or
 * MODEL_STAGE_AMBIGUOUS, with *why naming every stage that has the name. */
int model_stages_lookup(const Stage *stages, int n, const char *word, char **why);

/* model_stages_lookup over the stages of `m`. */
int model_stage_lookup(const Model *m, const char *word, char **why);

/* Parameter index of a key written as in a policy ("a -> b", "a->b",
 * "exit.ID", "renewal.ID", "inflow.ID", "recruitment.ID", "list.L.ID"; a
 * stage by its id or its display name, as model_stage_lookup), or -1 when
 * the model has no such parameter.  Spaces around "->" and the key are
 * ignored. */
int model_param_find(const Model *m, const char *key);

/* The index among `params[0..n-1]` of the parameter that is what (kind,
 * stage, to, list) says (to and list -1 where the kind has none), or -1:
 * for a model's params and for the parser's, while it builds them. */
int model_params_index(const Param *params, int n, ParamKind kind, int stage, int to, int list);

/* Fills `out[n_params]` with central values: `value`, or the mean of `dist`
 * for an uncertain parameter.  Levers do not act here but in
 * model_year_params. */
void model_central_params(const Model *m, double *out);

/* The parameters in force in `year` (base_year+1 .. horizon): `base`
 * (central or drawn values), with each LEVER_SET lever acting in `year` in
 * place of its parameter's value, then every policy active that year applied
 * in file order, then each LEVER_MULTIPLY or LEVER_ADD lever acting in `year`.  Fails with an INPUT error naming the stage, year and policy
 * when a probability leaves [0, 1], a stage's exit plus outgoing edges
 * exceed 1, or an inflow or recruitment becomes negative (naming the lever
 * instead when one acting after the policies did it). */
gboolean model_year_params(const Model *m, const double *base, int year,
                           double *out, GError **error);

/* TRUE when model_year_params holds for `base` in every year
 * base_year+1 .. horizon; else FALSE with the first failing year's error. */
gboolean model_years_valid(const Model *m, const double *base, GError **error);

/* TRUE when every year is valid at central values (model_central_params
 * through model_years_valid); for a region, every scenario under it
 * (region_central_valid). */
gboolean model_central_valid(const Model *m, GError **error);

/* The parameters of every year into `params` [n_years * n_params]: row 0
 * (base_year) is `base` itself (no policy acts in the base year), row y
 * model_year_params of base_year + y.  A year with the same policies and
 * levers as the one before copies its row, so each distinct set is built
 * and checked once.  Fails as model_year_params. */
gboolean model_year_table(const Model *m, const double *base, double *params, GError **error);

/* Each stage's exit plus outgoing edges at the values as written (central
 * values, no policy) is at most 1; otherwise an INPUT error naming the
 * line to blame (the stage's last uncertain one, whose drawn or central
 * value did it, else its last one), the stage and the sum.  The same rule
 * as model_year_params uses in each year. */
gboolean model_check_written(const Model *m, GError **error);

/* TRUE when model_year_params gives `year` the same parameters as
 * `year - 1` for any base: the same policies are active in both and no
 * lever starts acting in `year`. */
gboolean model_year_same_as_last(const Model *m, int year);

/* The count target `t` looks at in one trajectory: `stock` and `entries`
 * are [n_years * n_stages] and `lists` [n_years * n_lists], row 0 base_year.
 *   stage:       the stage's stock in the target's year;
 *   at_or_above: the stocks of the stage and every later stage then;
 *   new:         the stage's entries from base_year+1 through the year;
 *   cumulative:  its base_year stock plus those entries;
 *   list:        the list's count in the year.
 * The same rule for whole firms (a replication) and for expectations. */
gint64 model_target_count(const Model *m, const Target *t, const gint64 *stock, const gint64 *entries,
                          const gint64 *lists);
double model_target_expected(const Model *m, const Target *t, const double *stock, const double *entries,
                             const double *lists);

/* The name of a count kind in a scenario file and in JSON ("stage",
 * "at_or_above", "new", "cumulative", "list"). */
const char *model_count_name(CountKind kind);

/* The count kind named `name` as `count =` writes it (not "list", which
 * `list =` selects), or -1.  `known` (may be NULL) gets the names a user may
 * write, NULL-terminated, for suggestions. */
int model_count_parse(const char *name, const char *const **known);

/* List index of `id`, or -1. */
int model_list_index(const Model *m, const char *id);

/* TRUE when parameter `param` is a probability (0..1: an edge, exit,
 * renewal or list share), FALSE when it is a count of firms a year
 * (inflow, recruitment): param.h's table. */
gboolean model_param_is_probability(const Model *m, int param);

/* TRUE when a replication draws anything: an uncertain parameter or baseline. */
gboolean model_has_uncertainty(const Model *m);

/* The count of list `list` from one year's stage stocks `stock`
 * [n_stages] and share values `p` [n_params]: its members' stocks plus
 * share x stock for each share stage (the exact expectation of the drawn
 * count, given the stocks). */
double model_list_expected(const Model *m, int list, const double *stock, const double *p);

/* The index of attribute `id` in m->attrs, or -1. */
int model_attr_index(const Model *m, const char *id);

/* Fills `out[n_params * n_attrs]` with the central coefficients
 * (m->effect_beta: as written, or the mean of an uncertain one's dist);
 * nothing when the model has no effects. */
void model_central_effects(const Model *m, double *out);

/* TRUE when [effects] act in a run of `m`: it has a roster whose firms
 * carry the attributes (model_set_roster_attributes).  Then the exact
 * expectation (expect.c, at the scenario's rates) is not the expectation
 * of the simulated firms, and every table that shows both says so. */
gboolean model_effects_act(const Model *m);

/* TRUE when [uncertainty] draws a coefficient of [effects].  Not part of
 * model_has_uncertainty, which says whether the cohort engine draws. */
gboolean model_effects_uncertain(const Model *m);

/* Display name of the stage (its id when the name is empty). */
const char *model_stage_name(const Model *m, int stage);

#endif
