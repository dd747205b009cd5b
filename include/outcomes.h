/* outcomes.h: a bureau's records of what its firms did, one row a
 * firm-year (docs/roster.md, "Outcomes"): where the firm stood at the end
 * of a year, what was known of it, and where it stood a year later.  Read
 * by `ladder fit-roster`, written by `ladder roster synth`.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUTCOMES_H
#define LADDER_OUTCOMES_H

#include <glib.h>
#include "model.h"

/* The columns every outcomes file has, in the order ladder writes them;
 * the attribute columns (as a roster's) come between OUTCOMES_COL_YEARS
 * and OUTCOMES_COL_NEXT when written, in any place when read. */
#define OUTCOMES_COL_ID "id"
#define OUTCOMES_COL_YEAR "year"
#define OUTCOMES_COL_STAGE "stage"
#define OUTCOMES_COL_YEARS "years_in_stage"
#define OUTCOMES_COL_NEXT "next_stage"
/* next_stage's value for a firm that closed or left the district. */
#define OUTCOMES_EXIT "exit"

/* One firm-year: at the end of `year` the firm was in `stage` with renewal
 * clock `years_in_stage` (as a roster's, docs/model.md), and at the end of
 * year + 1 in `next` (a stage index, or -1: it had exited). */
typedef struct {
    char *id;
    int year;
    int stage;
    int years_in_stage;
    int next;
    int line;           /* 1-based line of its row in the file */
} OutcomesRow;

/* The rows of an outcomes file, in file order. */
typedef struct {
    char *file;         /* the path as given */
    char *sha256;       /* SHA-256 of the bytes read, in hex */
    int n_rows;
    OutcomesRow *rows;   /* [n_rows] */
    int n_attrs;
    char **attr_names;  /* [n_attrs], NULL-terminated, in header order */
    double *values;     /* [n_rows * n_attrs]: row r's attribute a at values[r * n_attrs + a] */
    int header_line;    /* 1-based line of its header, where a message about its columns points */
} Outcomes;

/* The years a row's `year` may have for a model: from MODEL_MAX_YEARS
 * before base_year (as a history's counts) to the year before the horizon
 * (its next_stage is a year later). */
#define OUTCOMES_FIRST_YEAR(m) ((m)->base_year - MODEL_MAX_YEARS)
#define OUTCOMES_LAST_YEAR(m) ((m)->horizon - 1)

/* Reads the outcomes CSV `path` for model `m` (docs/roster.md,
 * "Outcomes").
 *
 * The file: a CSV as csv.h reads every one.  The header names id, year,
 * stage, years_in_stage and next_stage in any order, optionally name
 * (read and ignored), and any further columns, each a numeric attribute
 * named by an id given once, as a roster's.  Each row is one firm-year:
 * a non-empty id; year, a whole number from OUTCOMES_FIRST_YEAR to
 * OUTCOMES_LAST_YEAR; a stage of `m` by its id or display name, and its
 * renewal clock at the end of the year (roster_parse_stage,
 * roster_parse_clock); next_stage, a stage or `exit` (OUTCOMES_EXIT); a
 * finite number in every attribute column (roster_parse_value).  The
 * same (id, year) twice is an error naming both lines, and so is a row
 * that disagrees with the firm's row of the year before (that row's
 * next_stage is another stage, or exit).  At least one row.
 *
 * Fails with an INPUT error "file:line: what is wrong", or an IO error
 * when the file cannot be read (a missing file is INPUT).  Whether a
 * row's move is one the scenario's ladder allows is not checked here
 * (fit_roster.h does).  Caller owns the result (outcomes_free). */
Outcomes *outcomes_read(const char *path, const Model *m, GError **error);

/* The same from the `len` bytes of `text` in memory (NUL-terminated after
 * them); `name` stands for the file in messages and in the Outcomes. */
Outcomes *outcomes_read_data(const char *name, const char *text, gsize len, const Model *m, GError **error);

void outcomes_free(Outcomes *o);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Outcomes, outcomes_free)

/* The index of attribute column `name`, or -1. */
int outcomes_attr_index(const Outcomes *o, const char *name);

/* Row `row`'s value of attribute `attr`. */
double outcomes_value(const Outcomes *o, int row, int attr);

#endif
