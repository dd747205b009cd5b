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
} Outcomes;

#endif
