/* out_csv.h: summary.csv, the result of `ladder run` for a spreadsheet.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_OUT_CSV_H
#define LADDER_OUT_CSV_H

#include <glib.h>
#include "summary.h"

/* summary.csv: UTF-8 with a BOM, a row per stage and year. */
gboolean out_csv_write(const Summary *s, const char *path, GError **error);

#endif
