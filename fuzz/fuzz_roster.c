/* fuzz_roster.c: libFuzzer target for the roster reader: any bytes as a
 * roster file, read for a fixed scenario, must read or fail with an error,
 * never crash, leak or warn of a caller's bug; a roster read must hold
 * what roster.h promises (every firm's stage and clock in range, every
 * value finite, the counts by stage and clock summing to its firms).
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "fuzzutil.h"
#include "model.h"
#include "roster.h"
#include "scenario.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* tests/test_roster.c's ladder: 科小 renewed every year, 高企 every 3
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

/* Fails (aborts) unless `r` keeps roster.h's promises for `model`. */
static void check(const Roster *r)
{
    if (r->n_firms < 1 || r->n_stages != model->n_stages || r->attr_names[r->n_attrs] != NULL)
        fu_finding("a roster's shape", NULL);
    gint64 per_stage[MODEL_MAX_STAGES];
    g_autofree gint64 *per_clock = g_new(gint64, (gsize)model->n_stages * MODEL_MAX_RENEWAL_YEARS);
    roster_stage_counts(r, per_stage, per_clock);
    gint64 total = 0;
    for (int s = 0; s < model->n_stages; s++) {
        int v = MAX(model->stages[s].renewal_years, 1);
        gint64 in_clocks = 0;
        for (int c = 0; c < MODEL_MAX_RENEWAL_YEARS; c++) {
            gint64 n = per_clock[s * MODEL_MAX_RENEWAL_YEARS + c];
            if (c >= v && n != 0)
                fu_finding("a firm with a clock its stage cannot have", model->stages[s].id);
            in_clocks += n;
        }
        if (in_clocks != per_stage[s] || roster_covers(r, s) != (per_stage[s] > 0))
            fu_finding("counts by clock and by stage disagree", model->stages[s].id);
        total += per_stage[s];
    }
    if (total != r->n_firms)
        fu_finding("counts by stage do not sum to the firms", NULL);
    for (int f = 0; f < r->n_firms; f++)
        for (int a = 0; a < r->n_attrs; a++)
            if (!isfinite(roster_value(r, f, a)))
                fu_finding("a value that is not finite", r->attr_names[a]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the reader gets a NUL after the bytes, as g_file_get_contents gives */
    g_autofree char *text = g_malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    GError *error = NULL;
    Roster *r = roster_read_data("fuzz.csv", text, size, model, &error);
    /* exactly one of a roster and an error, which is about a line of the file */
    g_assert((r == NULL) != (error == NULL));
    if (error != NULL && !g_str_has_prefix(error->message, "fuzz.csv:"))
        fu_finding("an error that does not name the file", error->message);
    if (r != NULL)
        check(r);
    roster_free(r);
    g_clear_error(&error);
    return 0;
}
