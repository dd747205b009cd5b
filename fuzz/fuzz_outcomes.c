/* fuzz_outcomes.c: libFuzzer target for the outcomes reader: any bytes as
 * an outcomes file, read for a fixed scenario, must read or fail with an
 * error about a line of the file, never crash, leak or warn of a caller's
 * bug; outcomes read must hold what outcomes.h promises (every row's year
 * in range, stage and clock valid, next_stage a stage or exit, values
 * finite, no firm and year twice, a firm's rows agreeing year to year).
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "fuzzutil.h"
#include "model.h"
#include "outcomes.h"
#include "scenario.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* tests/test_outcomes.c's ladder: 科小 renewed every year, 高企 every 3
 * years, the others without renewal. */
static const char scenario[] =
    "[scenario]\n"
    "name=t\n"
    "base_year=2024\n"
    "horizon=2027\n"
    "[stages]\n"
    "startup=初创\n"
    "tech_sme=科小\n"
    "hightech=高企\n"
    "gazelle=瞪羚\n"
    "listed=上市\n"
    "[renewal]\n"
    "tech_sme=1;0.9;startup\n"
    "hightech=3;0.8;tech_sme\n";

static Model *model;  /* loaded once; still reachable at exit, so no leak */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fu_init();
    GError *error = NULL;
    model = scenario_load_data("fuzz.ini", NULL, scenario, &error);
    g_assert_no_error(error);
    return 0;
}

/* Fails (aborts) unless row `r` of `o` is one outcomes.h promises. */
static void check_row(const Outcomes *o, int r)
{
    const OutcomesRow *row = &o->rows[r];
    if (row->id == NULL || row->year < OUTCOMES_FIRST_YEAR(model) || row->year > OUTCOMES_LAST_YEAR(model))
        fu_finding("a row's id or year", row->id);
    if (row->stage < 0 || row->stage >= model->n_stages || row->next < -1 || row->next >= model->n_stages)
        fu_finding("a row's stage or next stage out of range", row->id);
    int v = model->stages[row->stage].renewal_years;
    if (row->years_in_stage < 0 || row->years_in_stage >= MAX(v, 1))
        fu_finding("a clock its stage cannot have", row->id);
    for (int a = 0; a < o->n_attrs; a++)
        if (!isfinite(outcomes_value(o, r, a)))
            fu_finding("a value that is not finite", o->attr_names[a]);
}

/* Fails unless no firm and year is given twice and each firm's row
 * follows from its row of the year before. */
static void check_firms(const Outcomes *o)
{
    g_autoptr(GHashTable) at = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (int r = 0; r < o->n_rows; r++) {
        char *key = g_strdup_printf("%d:%s", o->rows[r].year, o->rows[r].id);
        if (g_hash_table_contains(at, key))
            fu_finding("a firm and year twice", key);
        g_hash_table_insert(at, key, GINT_TO_POINTER(r + 1));
    }
    for (int r = 0; r < o->n_rows; r++) {
        g_autofree char *key = g_strdup_printf("%d:%s", o->rows[r].year - 1, o->rows[r].id);
        int before = GPOINTER_TO_INT(g_hash_table_lookup(at, key)) - 1;
        if (before >= 0 && o->rows[before].next != o->rows[r].stage)
            fu_finding("a firm's rows that disagree", o->rows[r].id);
    }
}

static void check(const Outcomes *o)
{
    if (o->n_rows < 1 || o->attr_names[o->n_attrs] != NULL || o->header_line < 1)
        fu_finding("outcomes' shape", NULL);
    for (int r = 0; r < o->n_rows; r++)
        check_row(o, r);
    check_firms(o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the reader gets a NUL after the bytes, as g_file_get_contents gives */
    g_autofree char *text = g_malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    GError *error = NULL;
    Outcomes *o = outcomes_read_data("fuzz.csv", text, size, model, &error);
    /* exactly one of outcomes and an error, which is about a line of the file */
    g_assert((o == NULL) != (error == NULL));
    if (error != NULL && !g_str_has_prefix(error->message, "fuzz.csv:"))
        fu_finding("an error that does not name the file", error->message);
    if (o != NULL)
        check(o);
    outcomes_free(o);
    g_clear_error(&error);
    return 0;
}
