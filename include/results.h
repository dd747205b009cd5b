/* results.h: the result files' contract, owned in one place: each file's
 * name, the command that writes it, and a table of its keys (path, JSON
 * type, null or absent allowed, unit, meaning).  The writers save through
 * results_save, which checks the tree against the table; the report reads
 * through results_read, which checks the file against it; docs/results.md
 * is printed from it (results_doc_markdown).
 * SPDX-License-Identifier: MIT */
#ifndef LADDER_RESULTS_H
#define LADDER_RESULTS_H

#include <glib.h>
#include <json-glib/json-glib.h>

#include "i18n.h"

/* Every result file's first member, "schema_version": this number.  Raise
 * it when a key is renamed, removed, retyped, given a new meaning or added
 * as required (an older file lacks it; a
 * file of another version is then refused by `ladder report` with a word
 * on which command to re-run); adding a key that may be absent needs no
 * new version. */
#define RESULTS_SCHEMA_VERSION 4  /* 2: verdict keys (required) beside judged probabilities;
                                    * 3: backtest.json's history, region and cv, history_sha256 (and calibrate.json's),
                                    *    solve.json's min_given and max_given;
                                    * 4: allocate.json's as_written, as_written_missing, skipped and the
                                    *    combinations' step, step_ci95 and step_within_noise */

/* The kinds of result file, one per row of the table in results.c. */
typedef enum {
    RESULTS_SCENARIO,     /* scenario.json */
    RESULTS_SUMMARY,      /* summary.json */
    RESULTS_COMPARE,      /* compare.json */
    RESULTS_SENSITIVITY,  /* sensitivity.json */
    RESULTS_SOLVE,        /* solve.json */
    RESULTS_CALIBRATE,    /* calibrate.json */
    RESULTS_BACKTEST,     /* backtest.json */
    RESULTS_ALLOCATE,     /* allocate.json */
    RESULTS_FIRMS,        /* firms.json, beside summary.json of a run with --roster */
    RESULTS_CULTIVATION,  /* cultivation.json, beside it */
    RESULTS_FIT_ROSTER,   /* fit.json */
    RESULTS_N_KINDS
} ResultsKind;

/* A key's JSON type.  NUMBER is any JSON number (an integral value such
 * as 2000 is written without a fraction and reads back as an integer);
 * INTEGER is a number without fraction or exponent; UINT64 is an INTEGER,
 * or beyond 2^63 - 1 a string of its decimal digits (out_json_member_uint64). */
typedef enum {
    RESULTS_STRING,
    RESULTS_NUMBER,
    RESULTS_INTEGER,
    RESULTS_UINT64,
    RESULTS_BOOLEAN,
    RESULTS_OBJECT,
    RESULTS_ARRAY,
    RESULTS_PART,  /* not a type: a row standing for the rows of a ResultsPart (below) */
} ResultsType;

/* ResultsKey.flags */
enum {
    RESULTS_MAY_BE_NULL = 1 << 0,    /* the value may be null (a NaN, or nothing to say) */
    RESULTS_MAY_BE_ABSENT = 1 << 1,  /* the member may be left out */
};

struct ResultsPart;

/* One key of a result file.  `path` names members with '.' and the
 * elements of an array with "[]": "targets[].probability" is the member
 * probability of every element of the array targets; "years[]" is every
 * element of years; "a.*" is every member of the object a, whatever its
 * name (a roster's attribute columns), and may only be absent-able.  Every object and array has a row of its own, listed
 * before its members or elements. */
typedef struct {
    const char *path;
    ResultsType type;
    unsigned flags;                  /* RESULTS_MAY_BE_* */
    const char *unit;                /* "" when none */
    const char *meaning;             /* one line, in English */
    const struct ResultsPart *part;  /* RESULTS_PART rows: the rows it stands for, under `path` */
} ResultsKey;

/* Rows shared by several files or places (a target's definition, the run
 * settings), written once: a RESULTS_PART row with path P stands for each
 * of these rows with P joined before its path. */
typedef struct ResultsPart {
    const ResultsKey *keys;
    gsize n_keys;
} ResultsPart;

/* The file name of `kind` ("summary.json"). */
const char *results_file(ResultsKind kind);

/* The keys of `kind` with every part expanded, in file order, "" (the
 * document) and "schema_version" first; *n their number.  Static: do not
 * free. */
const ResultsKey *results_keys(ResultsKind kind, gsize *n);

/* Checks `root` against the table of `kind`: every member is one of the
 * table's, of its type (or null where that is allowed), and no key the
 * table requires is missing; schema_version is checked as any key (an
 * integer), not for its value (results_read does).  `label` names the file
 * in messages.  On failure an INPUT error "LABEL: key 'targets[2].probability'
 * is a string, expected a number" (or "is missing", "is not a key of
 * FILE"), naming the first offence in document order. */
gboolean results_validate(ResultsKind kind, JsonNode *root, const char *label, GError **error);

/* What every writer saves through: `root` (an object without
 * schema_version, not changed) with "schema_version" put first, checked
 * by results_validate and written to `path` by out_json_save.  A tree that
 * breaks the table is ladder's bug, not the user's: the error is then
 * LADDER_ERROR_INTERNAL ("internal error: summary.json: key ... (a bug in
 * ladder)", exit 1) and nothing is written; the tests run every command,
 * so such a bug fails them.  Write failures are IO errors as out_json_save's. */
gboolean results_save(ResultsKind kind, JsonNode *root, const char *path, GError **error);

/* dir/<results_file(kind)> parsed and checked (caller frees, json_node_unref).
 * NULL with no error when the file is absent, unless `command` (the
 * command that wrote the folder, outdir_command; NULL: not known) always
 * writes it: then an INPUT error saying it is missing.  NULL with an INPUT
 * error naming the file when it is not a regular file or not JSON, when
 * its schema_version is missing or not RESULTS_SCHEMA_VERSION (saying
 * which command to re-run), or when results_validate fails. */
JsonNode *results_read(const char *dir, ResultsKind kind, const char *command, GError **error);

/* For tests and the fuzz harness, which write result files by hand: adds
 * to `doc` every member the table of `kind` requires and it lacks, in its
 * objects and the objects of its arrays at any depth (null where allowed,
 * else "", 0, false, [] or a filled object; schema_version this ladder's).
 * Members present are kept as they are, of whatever type. */
void results_fill(ResultsKind kind, JsonNode *doc);

/* ---- CSV files ------------------------------------------------------------ */

/* The CSV files, each beside a JSON file, for spreadsheets; one row per
 * kind in results.c's table of CSV files. */
typedef enum {
    RESULTS_CSV_SUMMARY,      /* summary.csv, beside summary.json */
    RESULTS_CSV_TARGETS,      /* targets.csv, beside summary.json */
    RESULTS_CSV_COMPARE,      /* compare.csv */
    RESULTS_CSV_SENSITIVITY,  /* sensitivity.csv */
    RESULTS_CSV_SOLVE,        /* solve.csv */
    RESULTS_CSV_CALIBRATE,    /* calibrate.csv */
    RESULTS_CSV_BACKTEST,     /* backtest.csv */
    RESULTS_CSV_ALLOCATE,     /* allocate.csv */
    RESULTS_CSV_FIRMS,        /* firms.csv */
    RESULTS_CSV_CULTIVATION,  /* cultivation.csv */
    RESULTS_CSV_FIT_ROSTER,   /* fit.csv */
    RESULTS_CSV_N_KINDS
} ResultsCsv;

/* One column of a CSV file, in order.  `key` names the figure: the JSON
 * key of a row object it is copied from ("probability", "ci95[0]" for the
 * first element of an array), so that each CSV shows the JSON's figures
 * spelled as the JSON spells them (out_csv_write_rows).  A key "a.*"
 * stands for one column per member of the object a of the first row, in
 * its order, each headed by the member's name (`header` is then only the
 * docs' word for them). */
typedef struct {
    const char *key;
    I18nMessage header;   /* the header cell, in the scenario's language */
    const char *format;   /* how cells are written, for the docs ("number, ≤ 6 decimals") */
    const char *meaning;  /* one line, in English */
} ResultsCsvColumn;

/* The file name of CSV `kind` ("targets.csv"). */
const char *results_csv_file(ResultsCsv kind);

/* The columns of CSV `kind`, in order; *n their number.  Static. */
const ResultsCsvColumn *results_csv_columns(ResultsCsv kind, gsize *n);

/* docs/results.md: every file, every key, its type, unit and meaning, as
 * Markdown (caller frees).  tests/test_results.c checks that the committed
 * file is this text. */
char *results_doc_markdown(void);

#endif
