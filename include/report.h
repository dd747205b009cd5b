/* report.h: one self-contained HTML report of a result folder (run,
 * compare, sensitivity, solve or calibrate): verdicts first, the charts
 * inline as SVG, a diagram of the ladder, every assumption with its source,
 * and how to reproduce the figures.  It reads only the folder's files.
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_REPORT_H
#define LADDER_REPORT_H

#include <glib.h>
#include <json-glib/json-glib.h>

/* Writes the report of result folder `dir` to `output`, in `lang` ("zh" or
 * "en"; NULL: the scenario's language).  The folder must hold
 * scenario.json (directly, in forecast/, or in a scenario's subfolder of a
 * comparison) and whatever else a command wrote there; every chart found
 * as .svg is inlined.  The ladder diagram needs Graphviz's `dot`; without
 * it the report says so in its place (*no_dot set).  Fails with an INPUT
 * error when `dir` is not a result folder, IO when a file cannot be read
 * or written. */
gboolean report_write(const char *dir, const char *lang, const char *output, const char *version,
                      gboolean *no_dot, GError **error);

/* One page of the result folders `dirs[0..n)` (n >= 1), to `output`:
 * with one folder, report_write's page; with several, the answer of each
 * first, a table of contents, the ladder diagram once, then each folder's
 * sections.  The language is `lang`, else the first folder's scenario's.
 * Fails with an INPUT error when a folder is not a result folder, or its
 * stages are not the first's (one scenario family per page); IO as
 * report_write. */
gboolean report_write_many(const char *const *dirs, gsize n, const char *lang, const char *output,
                           const char *version, gboolean *no_dot, GError **error);

/* Prints the HTML page `html` to `pdf` with headless Chromium (A4 as the
 * page's CSS asks, no header or footer lines), stopping it after
 * `timeout_s` seconds.  The PDF appears whole or not at all.  Fails with
 * an IO error when Chromium is not installed (saying how to install it),
 * takes too long, or writes no pages. */
gboolean report_print_pdf(const char *html, const char *pdf, guint timeout_s, GError **error);

/* The ladder diagram's Graphviz text for `scenario` (scenario.json's
 * root, any JSON: what is missing is left out), labels in `lang` ("en",
 * else Chinese).  Every name and id is inside a double-quoted string,
 * escaped so that dot draws it as written; each statement is one line.
 * Caller frees. */
char *report_ladder_dot(JsonNode *scenario, const char *lang);

#endif
