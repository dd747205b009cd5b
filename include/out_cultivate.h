/* out_cultivate.h: whom to help, written (ladder run --roster):
 * cultivation.json and cultivation.csv, a bar chart of each target's list
 * and the histogram of the firms' chances, and the lists on stdout.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_CULTIVATE_H
#define LADDER_OUT_CULTIVATE_H

#include <glib.h>

#include "cultivate.h"
#include "roster.h"
#include "summary.h"

#define OUT_CULTIVATE_TABLE_ROWS 10  /* firms of each list printed on stdout */
#define OUT_CULTIVATE_CHART_ROWS 20  /* firms of each list in its bar chart (and the report's table) */

/* What the writers show, all borrowed. */
typedef struct {
    const Cultivation *lists;        /* cultivate_lists of the run */
    const Summary *summary;          /* the run's figures: P(target met) of each target */
    const Roster *roster;            /* the roster the run started from (its firms in lists' order) */
    const CultivateService *service; /* --service, or NULL: the lists rank by chance */
    int serve_top;                   /* --serve-top: at most this many served together (with a service) */
} OutCultivate;

/* Writes into `dir` cultivation.json (results.c's table), cultivation.csv
 * (a row per target and firm, in rank order, the roster's attributes as
 * further columns), and the data and scripts of the charts
 * cultivation_<k>.png (target k's top OUT_CULTIVATE_CHART_ROWS firms, with
 * ±1.96 SE error bars) and firms_chance.png (each target's histogram of
 * the firms' chances), for run_outputs_render to draw.  Fails as
 * results_save and out_csv_write_rows do. */
gboolean out_cultivate_write(const OutCultivate *w, const char *dir, GError **error);

/* Appends the lists as stdout shows them, in the scenario's language: what
 * they are ranked by, then for each target its run probability, its top
 * OUT_CULTIVATE_TABLE_ROWS firms (rank, name, id, stage, chance ± SE, and
 * with a service the gain ± SE) and what serving its top firms together
 * does; then where `csv` (cultivation.csv's path) is. */
void out_cultivate_table(const OutCultivate *w, const char *csv, GString *out);

#endif
