/* test_cost.c: what policies cost, against figures worked out by hand:
 * years within the run, firms added through a recruitment, an inflow and
 * an edge (in certain cases), policies that meet on one parameter, and the
 * cost of each extra firm.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include "testutil.h"

#include "cost.h"
#include "errors.h"
#include "model.h"

/* Two stages a -> b over 2021-2025; 10 firms in a at the end of 2021 and 4
 * recruited into it a year.  With the edge at 0 nobody moves. */
#define AB                                                                               \
    "[scenario]\nname=ab\nbase_year=2021\nhorizon=2025\n"                                \
    "[stages]\na=A\nb=B\n[baseline]\na=10\n[transitions]\na -> b = 0\n"                  \
    "[recruitment]\na=4\n"

/* ---- years a policy acts ---------------------------------------------- */

/* cost_per_year over the years a policy acts within 2022..2025.  The loader
 * keeps from and to within the run, but a model made in code need not, so
 * the years are set here after loading. */
typedef struct {
    const char *id;
    int from, to;
    int years;     /* within 2022 .. 2025 */
} YearsCase;

static const YearsCase years_cases[] = {
    {"cost-1.1", 2023, 2025, 3},
    {"cost-1.2", 2022, 2022, 1},
    {"cost-1.3", 2019, 2023, 2},  /* starts before the run: 2022, 2023 */
    {"cost-1.4", 2024, 2030, 2},  /* ends after the horizon: 2024, 2025 */
    {"cost-1.5", 2015, 2035, 4},
    {"cost-1.6", 2026, 2030, 0},
};

static void test_years_case(void **state)
{
    const YearsCase *c = *state;
    g_autoptr(Model) m = tu_load(AB "[policy P]\nrecruitment.a=+1\ncost_per_year=120.5\n");
    m->policies[0].from = c->from;
    m->policies[0].to = c->to;
    assert_int_equal(cost_active_years(m, &m->policies[0]), c->years);
    g_autoptr(CostSheet) sheet = cost_sheet_new(m, NULL);
    assert_non_null(sheet);
    assert_int_equal(sheet->policies[0].years, c->years);
    assert_near(sheet->policies[0].cost, 120.5 * c->years, 0);
    assert_near(sheet->total, 120.5 * c->years, 0);
}

/* ---- firms a policy adds ---------------------------------------------- */

/* The firms policy `policy` of AB + `groups` adds, and its cost. */
typedef struct {
    const char *id;
    const char *groups;
    int policy;
    double extra;  /* firms added, worked out by hand */
    double cost;   /* 万元 */
} AddCase;

static const AddCase add_cases[] = {
    /* +20 a year for 3 years: 60 firms, 60 x 1.5 + 3 x 10 */
    {"cost-2.1", "[policy 招引]\nfrom=2023\nto=2025\nrecruitment.a=+20\ncost_per_firm=1.5\ncost_per_year=10\n",
     0, 60, 120},
    /* a recruitment is rounded each year, as the engine does: 4 + 2.5 = 6.5 -> 6, +2 a year */
    {"cost-2.2", "[policy half]\nfrom=2024\nrecruitment.a=+2.5\ncost_per_firm=1\n", 0, 4, 4},
    /* an inflow counts arrivals: 2.5 a year in 2022 and 2023 */
    {"cost-2.3", "[policy in]\nto=2023\ninflow.a=+2.5\ncost_per_firm=2\n", 0, 5, 10},
    /* a certain edge in 2023 and 2024: all 14 of a move in 2023, then the 4
     * recruited in 2023 move in 2024; without it nobody moves */
    {"cost-2.4", "[policy up]\nfrom=2023\nto=2024\na -> b = =1\ncost_per_firm=2\ncost_per_year=100\n",
     0, 18, 236},
    /* half of a moves in 2023 and 2024: 7, then (7 + 4) / 2 = 5.5 */
    {"cost-2.5", "[policy half up]\nfrom=2023\nto=2024\na -> b = =0.5\ncost_per_firm=1\n", 0, 12.5, 12.5},
    /* an exit adds no firm; its edge does, net of the firms it lost:
     * 2024: 14 + 4 = 18 in a, 20% exit, 50% move: 9 */
    {"cost-2.6", "[exits]\na=0\n[policy mixed]\nfrom=2024\nto=2024\nexit.a=+0.2\na -> b = +0.5\ncost_per_firm=1\n",
     0, 9, 9},
    /* a policy that lowers a recruitment adds -3 a year and is charged nothing per firm */
    {"cost-2.7", "[policy less]\nfrom=2025\nrecruitment.a=-3\ncost_per_firm=7\ncost_per_year=1\n", 0, -3, 1},
    /* two policies on one recruitment, base 4: A +20 in 2022-2024, B x2 in
     * 2023-2025.  With both: 24, 48, 48, 8.  Without A: 4, 8, 8, 8, so A adds
     * 20 + 40 + 40 = 100.  Without B: 24, 24, 24, 4, so B adds 24 + 24 + 4 = 52. */
    {"cost-2.8", "[policy A]\nto=2024\nrecruitment.a=+20\ncost_per_firm=1\n"
                 "[policy B]\nfrom=2023\nrecruitment.a=*2\ncost_per_firm=1\n", 0, 100, 100},
    {"cost-2.9", "[policy A]\nto=2024\nrecruitment.a=+20\ncost_per_firm=1\n"
                 "[policy B]\nfrom=2023\nrecruitment.a=*2\ncost_per_firm=1\n", 1, 52, 52},
};

static void test_add_case(void **state)
{
    const AddCase *c = *state;
    g_autofree char *text = g_strconcat(AB, c->groups, NULL);
    g_autoptr(Model) m = tu_load(text);
    double extra = NAN;
    GError *error = NULL;
    if (!cost_extra_firms(m, c->policy, &extra, &error))
        fail_msg("%s", error->message);
    assert_near(extra, c->extra, 1e-12);
    g_autoptr(CostSheet) sheet = cost_sheet_new(m, NULL);
    assert_non_null(sheet);
    assert_near(sheet->policies[c->policy].extra_firms, c->extra, 1e-12);
    assert_near(sheet->policies[c->policy].cost, c->cost, 1e-12);
    double total = 0;
    for (int i = 0; i < sheet->n_policies; i++)
        total += sheet->policies[i].cost;
    assert_near(sheet->total, total, 0);
}

/* Uncertain parameters count at their central values: a recruitment drawn
 * from uniform(70,130) and +20 for three years still adds 60. */
static void test_central_values(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(AB "[uncertainty]\nrecruitment.a=uniform(70,130)\n"
                                    "[policy P]\nfrom=2023\nrecruitment.a=+20\ncost_per_firm=1\n");
    double extra = 0;
    assert_true(cost_extra_firms(m, 0, &extra, NULL));
    assert_near(extra, 60, 0);
}

/* When the scenario without a policy breaks a year (B's x8 needs A's 0.1),
 * A's firms cannot be counted: an error saying why when A is priced per
 * firm, else NaN firms and a cost without them. */
#define BREAKS                                                                           \
    "[scenario]\nname=x\nbase_year=2021\nhorizon=2023\n[stages]\na=A\nb=B\n"              \
    "[baseline]\na=10\n[transitions]\na -> b = 0.5\n"                                     \
    "[policy B]\na -> b = *8\n"

static void test_without_breaks(void **state)
{
    (void)state;
    g_autoptr(Model) priced = tu_load(BREAKS "[policy A]\na -> b = =0.1\ncost_per_firm=1\n");
    g_autoptr(GError) error = NULL;
    assert_null(cost_sheet_new(priced, &error));
    assert_true(g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT));
    if (strstr(error->message, "to count the firms [policy A] adds") == NULL ||
        strstr(error->message, "[policy B]") == NULL)
        fail_msg("message: %s", error->message);
    /* B's own firms are countable: without B, A alone is fine */
    double extra = NAN;
    assert_true(cost_extra_firms(priced, 0, &extra, NULL));

    g_autoptr(Model) unpriced = tu_load(BREAKS "[policy A]\na -> b = =0.1\ncost_per_year=3\n");
    g_autoptr(CostSheet) sheet = cost_sheet_new(unpriced, NULL);
    assert_non_null(sheet);
    assert_true(isnan(sheet->policies[1].extra_firms));
    assert_near(sheet->policies[1].cost, 6, 0);
    assert_near(sheet->total, 6, 0);
}

/* ---- cost of an extra firm -------------------------------------------- */

typedef struct {
    const char *id;
    double extra_cost, extra_count;
    double want;   /* NaN: no figure */
} PerFirmCase;

static const PerFirmCase per_firm_cases[] = {
    {"cost-3.1", 360, 18, 20},
    {"cost-3.2", 100, 0.5, 200},
    {"cost-3.3", 100, 0, NAN},   /* no extra firm */
    {"cost-3.4", 100, -2.5, NAN},/* fewer firms */
    {"cost-3.5", -40, 8, -5},    /* cheaper and more firms */
    {"cost-3.6", 0, 4, 0},
};

static void test_per_firm_case(void **state)
{
    const PerFirmCase *c = *state;
    double got = cost_per_extra_firm(c->extra_cost, c->extra_count);
    if (isnan(c->want))
        assert_true(isnan(got));
    else
        assert_near(got, c->want, 0);
}

/* model_drop_policy removes one policy, keeping the others in order. */
static void test_drop_policy(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(AB "[policy x]\nrecruitment.a=+1\n[policy y]\nrecruitment.a=+2\n"
                                    "[policy z]\nrecruitment.a=+3\ncost_per_year=9\n");
    model_drop_policy(m, 1);
    assert_int_equal(m->n_policies, 2);
    assert_string_equal(m->policies[0].name, "x");
    assert_string_equal(m->policies[1].name, "z");
    assert_near(m->policies[1].cost_per_year, 9, 0);
    model_drop_policy(m, 1);
    model_drop_policy(m, 0);
    assert_int_equal(m->n_policies, 0);
}

int main(void)
{
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_central_values),
        cmocka_unit_test(test_without_breaks),
        cmocka_unit_test(test_drop_policy),
    };
    g_autoptr(GArray) tests = TU_TESTS(fixed);
    ADD_ROWS(tests, years_cases, test_years_case);
    ADD_ROWS(tests, add_cases, test_add_case);
    ADD_ROWS(tests, per_firm_cases, test_per_firm_case);
    return tu_run_tests("cost", tests);
}
