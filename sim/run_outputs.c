/* run_outputs.c: one scenario's result files and charts, gnuplot on a
 * folder, and the folder committed with its report (run_outputs.h).
 * SPDX-License-Identifier: MIT */
#include "run_outputs.h"

#include <stdio.h>

#include "out_csv.h"
#include "out_json.h"
#include "out_plot.h"
#include "out_scenario.h"
#include "report.h"
#include "results.h"
#include "version.h"

gboolean run_outputs_write(const Summary *s, const char *dir, gboolean render, GError **error)
{
    g_autofree char *json = g_build_filename(dir, results_file(RESULTS_SUMMARY), NULL);
    g_autofree char *csv = g_build_filename(dir, "summary.csv", NULL);
    g_autofree char *scenario = g_build_filename(dir, results_file(RESULTS_SCENARIO), NULL);
    if (!out_json_write(s, json, error) || !out_csv_write(s, csv, error) || !out_plot_write(s, dir, error) ||
        !out_scenario_json(s->model, scenario, error))
        return FALSE;
    return !render || run_outputs_render(dir, error);
}

gboolean run_outputs_render(const char *dir, GError **error)
{
    gboolean no_gnuplot = FALSE;
    if (!out_plot_render(dir, &no_gnuplot, error))
        return FALSE;
    if (no_gnuplot)
        fprintf(stderr, "ladder: warning: gnuplot is not installed, so the charts were not drawn; "
                        "the data and scripts are written (install it: apt-get install gnuplot-nox)\n");
    return TRUE;
}

gboolean run_outputs_commit(OutDir *out, gboolean report, GError **error)
{
    if (report) {
        g_autofree char *html = g_build_filename(outdir_path(out), "report.html", NULL);
        gboolean no_dot = FALSE;
        if (!report_write(outdir_path(out), NULL, html, LADDER_VERSION, &no_dot, error)) {
            if (error)
                outdir_name_error(out, *error);
            outdir_abort(out);
            return FALSE;
        }
        if (no_dot)
            fprintf(stderr, "ladder: warning: Graphviz (dot) is not installed, so the report has no ladder "
                            "diagram (apt-get install graphviz)\n");
    }
    return outdir_commit(out, error);
}
