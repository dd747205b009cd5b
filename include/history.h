/* history.h: published counts of a region, read from a CSV file, checked
 * against the scenario they will be fitted to (calibrate, backtest).
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_HISTORY_H
#define LADDER_HISTORY_H

#include <glib.h>
#include "model.h"

typedef enum {
    HISTORY_STOCK,  /* firms holding the status at the end of the year (有效, 拥有) */
    HISTORY_NEW,    /* firms entering the stage during the year (新认定, 入库, 招引) */
} HistoryKind;

/* One published count. */
typedef struct {
    int year;           /* horizon - MODEL_MAX_YEARS .. horizon (HISTORY_NEW: after history_first_year) */
    int series;         /* what is counted: a stage index 0 .. n_stages-1, or
                           n_stages + a list index for a list's count (history_series_*) */
    HistoryKind kind;
    gint64 count;       /* >= 0 */
    int line;           /* 1-based line in the file */
} Observation;

/* The rows of one region, in file order. */
typedef struct {
    char *file;         /* the path as given */
    char *sha256;       /* SHA-256 of the bytes read, in hex */
    char *region;       /* the region kept */
    int n;
    Observation *obs;
    int n_skipped;      /* rows of other regions, skipped because --region named one */
} History;

/* Reads the history CSV `path` for model `m`.
 *
 * The file: a CSV as csv.h reads every one (UTF-8, a byte-order mark and
 * CRLF line ends accepted; lines starting with '#' and blank lines
 * ignored; fields may be double-quoted, "" for a quote inside; Excel's
 * empty trailing columns ignored); the header names the columns region,
 * year, stage, count, kind in any order, and optionally source and note
 * (ignored), nothing else.  Each row: a region; a year; a
 * stage id of `m`, or a list id of `m` (a published designation count,
 * such as 有效高企 or the 科小 register; kind stock only); a whole count >= 0;
 * kind `stock` or `new`.
 *
 * Region: `region` (the --region flag, may be NULL) names the rows to keep;
 * others are skipped (only their shape is checked) and counted in
 * n_skipped.  Without it, the rows must all be of m->region (when the
 * scenario has one) or of one region.  When both `region` and m->region
 * are given they must be equal (a USAGE error otherwise).
 *
 * Years: from horizon - MODEL_MAX_YEARS to horizon, before base_year too
 * (a fit may start earlier than the scenario: history_first_year); a new
 * row not in that first year (the firms entering during it are before
 * the fit's first state).  One row at most per (region, year, stage,
 * kind).  At least one row must be kept.
 *
 * Fails with an INPUT error "file:line: what is wrong" (an unknown stage,
 * kind or column with the nearest name suggested; the line of the first row
 * for a duplicate; a missing file is INPUT too, as for a scenario), or an
 * IO error when the file cannot be read.  Caller
 * owns the result (history_free). */
History *history_load(const char *path, const Model *m, const char *region, GError **error);

/* The same from the `len` bytes of `text` in memory (NUL-terminated after
 * them); `name` stands for the file in messages and in the History. */
History *history_load_data(const char *name, const char *text, gsize len, const Model *m, const char *region,
                           GError **error);

void history_free(History *h);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(History, history_free)

/* The year a fit to `h` starts from: its earliest year, or m's base_year
 * when that is earlier.  The fit's recursion starts at the end of this
 * year and runs unbroken to the horizon. */
int history_first_year(const History *h, const Model *m);

/* Series of `m` a history row may count: its stages, then its lists. */
int history_n_series(const Model *m);

/* TRUE when `series` is a list's count (not a stage's). */
gboolean history_series_is_list(const Model *m, int series);

/* The id and the display name of `series` (a stage's or a list's). */
const char *history_series_id(const Model *m, int series);
const char *history_series_name(const Model *m, int series);

/* "stock" or "new". */
const char *history_kind_name(HistoryKind kind);

#endif
