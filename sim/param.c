/* param.c: the parameter kinds as a table, and their key grammar (with the
 * baseline.ID key beside it).
 * SPDX-License-Identifier: MIT */
#include "param.h"

#include <string.h>

#define BASELINE_PREFIX "baseline"

static const ParamKindInfo kinds[PARAM_N_KINDS] = {
    [PARAM_EDGE] = {"edge", NULL, "transitions", TRUE, TRUE, FALSE, 1, {"%s → %s", "%s → %s"}, TRUE},
    [PARAM_EXIT] = {"exit", "exit", "exits", TRUE, FALSE, TRUE, 1, {"%s退出率", "%s exit rate"}, TRUE},
    [PARAM_RENEWAL] = {"renewal", "renewal", "renewal", TRUE, FALSE, FALSE, 1, {"%s续期率", "%s renewal rate"}, TRUE},
    [PARAM_INFLOW] = {"inflow", "inflow", "inflows", FALSE, TRUE, TRUE, PARAM_MAX_PER_YEAR, {"%s流入", "%s inflow"}, FALSE},
    [PARAM_RECRUITMENT] = {"recruitment", "recruitment", "recruitment", FALSE, TRUE, TRUE, PARAM_MAX_PER_YEAR,
                           {"%s招引", "%s recruitment"}, FALSE},
    [PARAM_SHARE] = {"share", "list", "list", TRUE, FALSE, FALSE, 1, {"%s中%s的占比", "share of %2$s on %1$s"}, FALSE},
};

const ParamKindInfo *param_kind(ParamKind kind)
{
    g_return_val_if_fail(kind >= 0 && kind < PARAM_N_KINDS, &kinds[PARAM_EDGE]);
    return &kinds[kind];
}

int param_kind_from_name(const char *name)
{
    for (int k = 0; k < PARAM_N_KINDS; k++)
        if (g_strcmp0(kinds[k].name, name) == 0)
            return k;
    return -1;
}

gboolean param_value_fits(ParamKind kind, double v)
{
    return v >= 0 && v <= param_kind(kind)->max;
}

void param_key_clear(ParamKey *k)
{
    g_clear_pointer(&k->stage, g_free);
    g_clear_pointer(&k->to, g_free);
    g_clear_pointer(&k->list, g_free);
}

/* "a -> b" with both sides non-empty. */
static gboolean parse_edge(const char *k, const char *arrow, ParamKey *out)
{
    out->kind = PARAM_EDGE;
    out->stage = g_strstrip(g_strndup(k, arrow - k));
    out->to = g_strstrip(g_strdup(arrow + 2));
    return *out->stage != '\0' && *out->to != '\0';
}

/* "prefix.rest" for a kind with a prefix; a share's rest is "LIST.STAGE". */
static gboolean parse_dotted(const char *k, ParamKey *out)
{
    const char *dot = strchr(k, '.');
    if (dot == NULL)
        return FALSE;
    for (int kind = 0; kind < PARAM_N_KINDS; kind++) {
        const char *prefix = kinds[kind].prefix;
        if (prefix == NULL || strlen(prefix) != (gsize)(dot - k) || strncmp(k, prefix, dot - k) != 0)
            continue;
        out->kind = (ParamKind)kind;
        const char *rest = dot + 1;
        if (kind == PARAM_SHARE) {
            const char *second = strchr(rest, '.');
            if (second == NULL)
                return FALSE;
            out->list = g_strndup(rest, second - rest);
            rest = second + 1;
            if (*out->list == '\0')
                return FALSE;
        }
        out->stage = g_strdup(rest);
        return *out->stage != '\0' && strchr(out->stage, '.') == NULL;
    }
    return FALSE;
}

char *param_key_normalise(const char *key)
{
    g_autofree char *k = g_strstrip(g_strdup(key));
    const char *arrow = strstr(k, "->");
    if (arrow == NULL)
        return g_steal_pointer(&k);
    g_autofree char *a = g_strstrip(g_strndup(k, arrow - k));
    g_autofree char *b = g_strstrip(g_strdup(arrow + 2));
    return g_strdup_printf("%s -> %s", a, b);
}

gboolean param_key_parse(const char *key, ParamKey *out)
{
    *out = (ParamKey){0};
    g_autofree char *k = g_strstrip(g_strdup(key));
    const char *arrow = strstr(k, "->");
    gboolean ok = arrow ? parse_edge(k, arrow, out) : parse_dotted(k, out);
    if (!ok) {
        param_key_clear(out);
        *out = (ParamKey){0};
    }
    return ok;
}

char *param_key_format(ParamKind kind, const char *stage, const char *to, const char *list)
{
    if (kind == PARAM_EDGE)
        return g_strdup_printf("%s -> %s", stage, to);
    if (kind == PARAM_SHARE)
        return g_strdup_printf("%s.%s.%s", kinds[kind].prefix, list, stage);
    return g_strdup_printf("%s.%s", kinds[kind].prefix, stage);
}

gboolean param_effect_key_parse(const char *key, ParamKey *out, char **attr)
{
    *out = (ParamKey){0};
    *attr = NULL;
    g_autofree char *k = g_strstrip(g_strdup(key));
    const char *dot = strrchr(k, '.');
    if (dot == NULL)
        return FALSE;
    g_autofree char *param = g_strndup(k, dot - k);
    g_autofree char *name = g_strstrip(g_strdup(dot + 1));
    if (*name == '\0' || !param_key_parse(param, out))
        return FALSE;
    *attr = g_steal_pointer(&name);
    return TRUE;
}

char *param_effect_key(const char *param_key, const char *attr)
{
    return g_strdup_printf("%s.%s", param_key, attr);
}

char *param_baseline_stage(const char *key)
{
    g_autofree char *k = g_strstrip(g_strdup(key));
    gsize n = strlen(BASELINE_PREFIX);
    if (strncmp(k, BASELINE_PREFIX, n) != 0 || k[n] != '.' || k[n + 1] == '\0')
        return NULL;
    return g_strdup(k + n + 1);
}

char *param_baseline_key(const char *stage)
{
    return g_strdup_printf("%s.%s", BASELINE_PREFIX, stage);
}
