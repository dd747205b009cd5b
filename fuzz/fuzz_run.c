/* fuzz_run.c: libFuzzer target for what follows a scenario that loads: a
 * few replications with and without [uncertainty], and the summary with
 * its exact expectation.  Any scenario the loader accepts must run to a
 * result or fail with an error (a drawn value that makes a year invalid),
 * never crash, hang, overflow or leak.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "fuzzutil.h"
#include "model.h"
#include "runner.h"
#include "scenario.h"
#include "summary.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_REPS 3

/* An empty folder: `extends` resolves there and so finds nothing. */
static char *empty_dir;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fu_init();
    empty_dir = fu_scratch_dir();
    return 0;
}

/* Runs FUZZ_REPS replications of `m` and summarises them: a summary, or an
 * error that says why not. */
static void run_and_summarise(const Model *m, gboolean uncertain)
{
    RunConfig config = {.reps = FUZZ_REPS, .seed = 1, .threads = 1, .uncertain = uncertain};
    GError *error = NULL;
    RunResult *run = runner_run(m, &config, &error);
    if ((run == NULL) == (error == NULL))
        fu_finding("runner_run gave both or neither of a result and an error", NULL);
    if (run != NULL) {
        Summary *s = summary_new(m, run, &error);
        if ((s == NULL) == (error == NULL))
            fu_finding("summary_new gave both or neither of a summary and an error", NULL);
        summary_free(s);
    }
    runner_result_free(run);
    g_clear_error(&error);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *text = g_strndup((const char *)data, size);
    /* A device or a kernel file named by extends is the OS's, not ladder's. */
    if (strstr(text, "dev/") || strstr(text, "proc/") || strstr(text, "sys/"))
        return -1;
    Model *m = scenario_load_data("fuzz.ini", empty_dir, text, NULL);
    if (m == NULL)
        return 0;  /* fuzz_scenario checks the errors */
    run_and_summarise(m, FALSE);
    run_and_summarise(m, TRUE);
    model_free(m);
    return 0;
}
