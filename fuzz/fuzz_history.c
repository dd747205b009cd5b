/* fuzz_history.c: libFuzzer target for the history CSV reader: any bytes
 * as a history file, read for a fixed scenario with and without --region,
 * must load or fail with an error, never crash, leak or warn of a
 * caller's bug.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "fuzzutil.h"
#include "history.h"
#include "model.h"
#include "scenario.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every stage and list id of the bundled scenarios' history files (and of
 * tests/test_history.c), over all their years, with no region of its own so
 * that --region and the file's first row both choose one. */
static const char scenario[] =
    "[scenario]\n"
    "name=fuzz\n"
    "base_year=2017\n"
    "horizon=2030\n"
    "[stages]\n"
    "tech_sme=科小\n"
    "hightech=高企\n"
    "eaglet=雏鹰\n"
    "gazelle=瞪羚\n"
    "quasi_unicorn=准独角兽\n"
    "unicorn=独角兽\n"
    "listed=上市\n"
    "[list hightech_valid]\n"
    "name=有效高企\n"
    "stages=hightech, gazelle, unicorn\n"
    "share.listed=0.6\n"
    "[list tech_sme_register]\n"
    "name=科技型中小企业（入库）\n"
    "stages=tech_sme\n"
    "share.hightech=0.4\n";

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

static void load(const char *text, gsize len, const char *region)
{
    GError *error = NULL;
    History *h = history_load_data("fuzz.csv", text, len, model, region, &error);
    /* exactly one of a history and an error */
    g_assert((h == NULL) != (error == NULL));
    history_free(h);
    g_clear_error(&error);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the reader gets a NUL after the bytes, as g_file_get_contents gives */
    g_autofree char *text = g_malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    load(text, size, NULL);
    load(text, size, "常州市武进区");
    return 0;
}
