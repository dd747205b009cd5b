/* test_history.c: the history CSV loader: good files in every shape the
 * contract allows, and a table of bad files with the message each must give
 * ("h.csv:LINE: what is wrong").
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "testutil.h"
#include "corpus.h"

#include "errors.h"
#include "history.h"
#include "model.h"

/* A scenario for one region, 2017-2022, three stages (loaded as t.ini). */
#define WUJIN                                                                             \
    "[scenario]\n"                                                                        \
    "name=武进\n"                                                                         \
    "region=常州市武进区\n"                                                               \
    "base_year=2017\n"                                                                    \
    "horizon=2022\n"                                                                      \
    "[stages]\n"                                                                          \
    "tech_sme=科小\n"                                                                     \
    "hightech=高企\n"                                                                     \
    "gazelle=瞪羚\n"

/* The same ladder and years, with no region. */
#define ANYWHERE                                                                          \
    "[scenario]\n"                                                                        \
    "name=anywhere\n"                                                                     \
    "base_year=2017\n"                                                                    \
    "horizon=2022\n"                                                                      \
    "[stages]\n"                                                                          \
    "tech_sme=科小\n"                                                                     \
    "hightech=高企\n"                                                                     \
    "gazelle=瞪羚\n"

/* WUJIN with two stages of one display name. */
#define TWINS WUJIN "hightech_b=高企\n"

/* WUJIN with a list: valid 高企 certificates, the 高企 stage and the 瞪羚 on it. */
#define WITH_LIST WUJIN "[list hightech_valid]\nname=有效高企\nstages=hightech, gazelle\n"

#define HEADER "region,year,stage,count,kind,source,note\n"
#define WJ "常州市武进区"
#define BH "无锡市滨湖区"

/* Writes `text` as h.csv in a fresh folder and loads it for `m` with
 * --region `region` (NULL: none).  *path gets the file's path (caller
 * frees); the folder is gone when this returns. */
static History *load_text(const Model *m, const char *region, const char *text, char **path, GError **error)
{
    g_autofree char *dir = tu_tmpdir();
    *path = tu_write(dir, "h.csv", text);
    History *h = history_load(*path, m, region, error);
    tu_rmrf(dir);
    return h;
}

/* Loads `text` and fails the test when it does not load. */
static History *load_ok(const Model *m, const char *region, const char *text)
{
    g_autofree char *path = NULL;
    GError *error = NULL;
    History *h = load_text(m, region, text, &path, &error);
    if (h == NULL)
        fail_msg("history did not load: %s", error->message);
    assert_string_equal(h->file, path);
    return h;
}

/* Loads `text` expecting an error of `code` that starts with the file's path;
 * returns the message with that path written "h.csv" (caller frees). */
static char *load_fail_code(const Model *m, const char *region, const char *text, int code)
{
    g_autofree char *path = NULL;
    GError *error = NULL;
    History *h = load_text(m, region, text, &path, &error);
    if (h != NULL) {
        history_free(h);
        fail_msg("history loaded, but should have failed");
    }
    if (!g_error_matches(error, LADDER_ERROR, code))
        fail_msg("error code %d, want %d: %s", error->code, code, error->message);
    if (!g_str_has_prefix(error->message, path))
        fail_msg("'%s' does not start with the path %s", error->message, path);
    char *msg = g_strconcat("h.csv", error->message + strlen(path), NULL);
    g_error_free(error);
    return msg;
}

/* load_fail_code for an INPUT error, the code of every bad file. */
static char *load_fail(const Model *m, const char *region, const char *text)
{
    return load_fail_code(m, region, text, LADDER_ERROR_INPUT);
}

/* ---- good files -------------------------------------------------------- */

/* An observation the load must give. */
typedef struct {
    int year;           /* 0 ends the list */
    const char *stage;
    HistoryKind kind;
    gint64 count;
    int line;
} WantObs;

#define GOOD_MAX_OBS 6

typedef struct {
    const char *id;
    const char *scenario;  /* WUJIN, ANYWHERE, TWINS or WITH_LIST */
    const char *region;    /* --region, or NULL */
    const char *text;      /* h.csv */
    const char *kept;      /* the region the History says it kept */
    int n_skipped;
    WantObs want[GOOD_MAX_OBS + 1];  /* in file order */
} GoodCase;

static const GoodCase good_cases[] = {
    /* the shape published files take: a comment, the header, a quoted note
       with a comma, an empty source and note */
    {"history-0.1", WUJIN, NULL,
     "# 武进区: article 000 (../../shared/seeds/000_fc3603e4ebb0dc29.txt)\n"
     HEADER
     WJ ",2017,hightech,344,stock,000_fc3603e4ebb0dc29.txt,有效高企\n"
     WJ ",2022,hightech,1061,stock,000_fc3603e4ebb0dc29.txt,\"有效高企, 截至2022年底\"\n"
     WJ ",2018,tech_sme,120,new,000_fc3603e4ebb0dc29.txt,新入库\n"
     WJ ",2019,gazelle,0,stock,,\n",
     WJ, 0,
     {{2017, "hightech", HISTORY_STOCK, 344, 3}, {2022, "hightech", HISTORY_STOCK, 1061, 4},
      {2018, "tech_sme", HISTORY_NEW, 120, 5}, {2019, "gazelle", HISTORY_STOCK, 0, 6}}},
    /* columns in any order, without source; blanks around names and
       unquoted values trimmed; quoted fields with commas, "" and blanks
       outside the quotes; the largest count */
    {"history-0.2", WUJIN, NULL,
     " kind , count,note,stage ,year,region\n"
     "new, 75 ,\"新认定, 含\"\"小巨人\"\"\",gazelle, 2019 ," WJ "\n"
     " stock ,\"1000000000\",  \"a, b\"  , tech_sme,2022,\"" WJ "\"\n",
     WJ, 0, {{2019, "gazelle", HISTORY_NEW, 75, 2}, {2022, "tech_sme", HISTORY_STOCK, 1000000000, 3}}},
    /* comments and blank lines anywhere, also before the header; line
       numbers count them */
    {"history-0.3", WUJIN, NULL,
     "\n# first a comment\n   \n" HEADER "# 2017\n" WJ ",2017,hightech,344,stock,,\n"
     "\n  # indented comment\n\t\n" WJ ",2018,hightech,50,new,,\n\n",
     WJ, 0, {{2017, "hightech", HISTORY_STOCK, 344, 6}, {2018, "hightech", HISTORY_NEW, 50, 10}}},
    /* a UTF-8 BOM and CRLF line ends, as Excel saves "CSV UTF-8"; kind is
       the last column, so a CR left on it would not be a kind */
    {"history-0.4", WUJIN, NULL,
     "\xEF\xBB\xBF" "region,year,stage,count,kind\r\n" WJ ",2017,hightech,344,stock\r\n"
     "\r\n# note\r\n" WJ ",2020,gazelle,12,new\r\n",
     WJ, 0, {{2017, "hightech", HISTORY_STOCK, 344, 2}, {2020, "gazelle", HISTORY_NEW, 12, 5}}},
    /* a quoted note may span lines, even blank ones or ones that look like
       a comment: a row counts from its first line */
    {"history-0.5", WUJIN, NULL,
     HEADER WJ ",2017,hightech,344,stock,s.txt,\"line one\r\n\n# not a comment, \"\"quoted\"\"\"\n"
     WJ ",2018,hightech,400,stock,s.txt,x\n",
     WJ, 0, {{2017, "hightech", HISTORY_STOCK, 344, 2}, {2018, "hightech", HISTORY_STOCK, 400, 5}}},
    /* --region keeps one region's rows of a two-region file and counts the
       others; their content is not held against this scenario (another
       district's ladder, years and duplicates), only their shape */
    {"history-0.6", ANYWHERE, WJ,
     HEADER WJ ",2017,hightech,344,stock,,\n" BH ",2010,unicorn,5,stock,,\n" BH ",2018,hightech,30,new,,\n"
     WJ ",2018,hightech,55,new,,\n" BH ",2018,hightech,31,new,,\"twice, but skipped\"\n" WJ ",2022,gazelle,7,stock,,\n",
     WJ, 3,
     {{2017, "hightech", HISTORY_STOCK, 344, 2}, {2018, "hightech", HISTORY_NEW, 55, 5},
      {2022, "gazelle", HISTORY_STOCK, 7, 7}}},
    /* the same, with --region the scenario's own region */
    {"history-0.7", WUJIN, WJ,
     HEADER BH ",2017,hightech,200,stock,,\n" WJ ",2017,hightech,344,stock,,\n" BH ",2018,hightech,30,new,,\n",
     WJ, 2, {{2017, "hightech", HISTORY_STOCK, 344, 3}}},
    /* --region naming the file's second region */
    {"history-0.8", ANYWHERE, BH, HEADER WJ ",2017,hightech,344,stock,,\n" BH ",2019,tech_sme,80,stock,,\n",
     BH, 1, {{2019, "tech_sme", HISTORY_STOCK, 80, 3}}},
    /* no --region and none in the scenario: the file's one region */
    {"history-0.9", ANYWHERE, NULL, HEADER BH ",2019,tech_sme,80,stock,,\n" BH ",2020,tech_sme,90,stock,,\n",
     BH, 0, {{2019, "tech_sme", HISTORY_STOCK, 80, 2}, {2020, "tech_sme", HISTORY_STOCK, 90, 3}}},
    /* stock from base_year (the baseline), new from base_year + 1, both up
       to the horizon; a stock and a new count of one year and stage are two
       rows, not one given twice */
    {"history-0.10", WUJIN, NULL,
     HEADER WJ ",2017,tech_sme,900,stock,,\n" WJ ",2018,tech_sme,120,new,,\n" WJ ",2022,tech_sme,950,stock,,\n"
     WJ ",2022,tech_sme,130,new,,\n" WJ ",2022,hightech,130,new,,\n",
     WJ, 0,
     {{2017, "tech_sme", HISTORY_STOCK, 900, 2}, {2018, "tech_sme", HISTORY_NEW, 120, 3},
      {2022, "tech_sme", HISTORY_STOCK, 950, 4}, {2022, "tech_sme", HISTORY_NEW, 130, 5},
      {2022, "hightech", HISTORY_NEW, 130, 6}}},
    /* before base_year: the fit starts at the history's first year (2015),
       new counts from the year after; a new count in the base year is
       fine once the history starts earlier */
    {"history-0.11", WUJIN, NULL,
     HEADER WJ ",2015,hightech,250,stock,,\n" WJ ",2016,hightech,40,new,,\n" WJ ",2017,hightech,45,new,,\n",
     WJ, 0,
     {{2015, "hightech", HISTORY_STOCK, 250, 2}, {2016, "hightech", HISTORY_NEW, 40, 3},
      {2017, "hightech", HISTORY_NEW, 45, 4}}},
    /* as early as 100 years (MODEL_MAX_YEARS) before the horizon */
    {"history-0.12", WUJIN, NULL, HEADER WJ ",1922,tech_sme,1,stock,,\n" WJ ",2020,tech_sme,30,new,,\n",
     WJ, 0, {{1922, "tech_sme", HISTORY_STOCK, 1, 2}, {2020, "tech_sme", HISTORY_NEW, 30, 3}}},
    /* a published designation count names a list; a stage and a list count
       of the same year stand side by side */
    {"history-0.13", WITH_LIST, NULL,
     HEADER WJ ",2017,hightech_valid,344,stock,,有效高企\n" WJ ",2017,hightech,320,stock,,\n"
     WJ ",2022,hightech_valid,1061,stock,,\n",
     WJ, 0,
     {{2017, "hightech_valid", HISTORY_STOCK, 344, 2}, {2017, "hightech", HISTORY_STOCK, 320, 3},
      {2022, "hightech_valid", HISTORY_STOCK, 1061, 4}}},
    /* as Excel saves a sheet with empty columns right of the table: empty
       trailing columns in the header and the rows, as many or fewer */
    {"history-0.16", WUJIN, NULL,
     "region,year,stage,count,kind,source,note,,,\r\n" WJ ",2017,hightech,344,stock,,,,,\r\n"
     WJ ",2018,hightech,400,stock,,\r\n" WJ ",2019,hightech,420,stock,a.txt,有效,,,,,\r\n",
     WJ, 0, {{2017, "hightech", HISTORY_STOCK, 344, 2}, {2018, "hightech", HISTORY_STOCK, 400, 3},
             {2019, "hightech", HISTORY_STOCK, 420, 4}}},
    /* a stage by its display name, as published tables write it; in a
       ladder where two stages share 高企, 科小 still names one */
    {"history-0.14", WUJIN, NULL, HEADER WJ ",2017,高企,344,stock,,\n" WJ ",2018,科小,120,new,,\n",
     WJ, 0, {{2017, "hightech", HISTORY_STOCK, 344, 2}, {2018, "tech_sme", HISTORY_NEW, 120, 3}}},
    {"history-0.15", TWINS, NULL, HEADER WJ ",2017,科小,40,stock,,\n" WJ ",2017,hightech_b,4,stock,,\n",
     WJ, 0, {{2017, "tech_sme", HISTORY_STOCK, 40, 2}, {2017, "hightech_b", HISTORY_STOCK, 4, 3}}},
};

/* The series of stage or list `id` of `m`, or -1. */
static int series_of(const Model *m, const char *id)
{
    for (int k = 0; k < history_n_series(m); k++)
        if (strcmp(history_series_id(m, k), id) == 0)
            return k;
    return -1;
}

/* Observation `o` is `w`. */
static void assert_obs(const Model *m, const Observation *o, const WantObs *w, int i)
{
    if (o->year != w->year || o->series != series_of(m, w->stage) || o->kind != w->kind ||
        o->count != w->count || o->line != w->line)
        fail_msg("obs[%d] = %d %s %s %" G_GINT64_FORMAT " at line %d, want %d %s %s %" G_GINT64_FORMAT
                 " at line %d",
                 i, o->year, o->series >= 0 && o->series < history_n_series(m) ? history_series_id(m, o->series) : "?",
                 history_kind_name(o->kind), o->count, o->line, w->year, w->stage, history_kind_name(w->kind),
                 w->count, w->line);
}

static void test_good_case(void **state)
{
    const GoodCase *c = *state;
    g_autoptr(Model) m = tu_load(c->scenario);
    g_autoptr(History) h = load_ok(m, c->region, c->text);
    int n = 0;
    while (c->want[n].year)
        n++;
    assert_string_equal(h->region, c->kept);
    assert_int_equal(h->n_skipped, c->n_skipped);
    assert_int_equal(h->n, n);
    for (int i = 0; i < n; i++)
        assert_obs(m, &h->obs[i], &c->want[i], i);
}

static void test_kind_name(void **state)
{
    (void)state;
    assert_string_equal(history_kind_name(HISTORY_STOCK), "stock");
    assert_string_equal(history_kind_name(HISTORY_NEW), "new");
    history_free(NULL);
}

/* ---- failures without a line ------------------------------------------ */

/* A missing file is bad input (exit 2), as a missing scenario is; a file
 * that cannot be read (a folder) an IO error; both name it. */
static void test_unreadable(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(WUJIN);
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *missing = g_build_filename(dir, "missing.csv", NULL);
    const char *paths[] = {missing, dir};
    const int codes[] = {LADDER_ERROR_INPUT, LADDER_ERROR_IO};
    for (int i = 0; i < 2; i++) {
        GError *error = NULL;
        assert_null(history_load(paths[i], m, NULL, &error));
        if (!g_error_matches(error, LADDER_ERROR, codes[i]))
            fail_msg("%s: error code %d, want %d: %s", paths[i], error ? error->code : -1, codes[i],
                     error ? error->message : "(none)");
        tu_assert_contains(error->message, paths[i]);
        g_error_free(error);
    }
}

/* --region and the scenario's region must agree, whatever the file says. */
static void test_region_conflict(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(WUJIN);
    g_autofree char *msg = load_fail_code(m, BH, HEADER BH ",2019,tech_sme,80,stock,,\n", LADDER_ERROR_USAGE);
    assert_string_equal(msg, "h.csv: --region " BH ", but t.ini is for " WJ);
}

/* ---- bad files --------------------------------------------------------- */

typedef struct {
    const char *id;
    const char *scenario;  /* WUJIN, ANYWHERE, TWINS or WITH_LIST */
    const char *region;    /* --region, or NULL */
    const char *text;      /* h.csv */
    const char *want[3];   /* want[0] starts the message ("h.csv:LINE: ..."); the others are in it,
                              or, after a '!', not in it */
} BadCase;

static const BadCase bad_cases[] = {
    /* stages: a near typo of an id and of a display name, a display name
       two stages share, and a far miss listing them all */
    {"history-1.1", WUJIN, NULL, HEADER WJ ",2017,hightech,344,stock,,\n" WJ ",2018,hightec,400,stock,,\n",
     {"h.csv:3: stage 'hightec' is not a stage of t.ini; did you mean 'hightech'?"}},
    {"history-1.2", WUJIN, NULL, HEADER WJ ",2018,高新,400,stock,,\n",
     {"h.csv:2: stage '高新' is not a stage of t.ini; did you mean '高企' (hightech)?"}},
    {"history-1.45", TWINS, NULL, HEADER WJ ",2018,科小,40,stock,,\n" WJ ",2018,高企,400,stock,,\n",
     {"h.csv:3: stage '高企' is the display name of 2 stages (hightech, hightech_b); write the id"}},
    /* a count as Excel shows it, with a thousands separator */
    {"history-1.47", WUJIN, NULL, HEADER WJ ",2018,hightech,\"1,061\",stock,,\n",
     {"h.csv:2: count '1,061' is not a whole number >= 0; write 1061 without the comma"}},
    {"history-1.46", WUJIN, NULL, HEADER WJ ",2018,hightech,400,stock,,\n" WJ ",2018,高企,410,stock,,\n",
     {"h.csv:3: " WJ " 2018 hightech stock is given twice (first at line 2)"}},
    {"history-1.3", WUJIN, NULL, HEADER WJ ",2018,unicorn,4,stock,,\n",
     {"h.csv:2: stage 'unicorn' is not a stage of t.ini (its stages: tech_sme 科小, hightech 高企, gazelle 瞪羚)",
      "!did you mean"}},
    /* kinds */
    {"history-1.4", WUJIN, NULL, HEADER WJ ",2018,hightech,400,stok,,\n",
     {"h.csv:2: kind 'stok': kind must be one of stock, new; did you mean 'stock'?"}},
    {"history-1.5", WUJIN, NULL, HEADER WJ ",2018,hightech,400,Stock,,\n",
     {"h.csv:2: kind 'Stock': kind must be one of stock, new; did you mean 'stock'?"}},
    {"history-1.6", WUJIN, NULL, HEADER WJ ",2018,hightech,400,total,,\n",
     {"h.csv:2: kind 'total': kind must be one of stock, new", "!did you mean"}},
    /* years */
    {"history-1.7", WUJIN, NULL, HEADER WJ ",1921,hightech,300,stock,,\n",
     {"h.csv:2: year 1921 is more than 100 years before horizon 2022 of t.ini", "!base_year"}},
    {"history-1.8", WUJIN, NULL, HEADER WJ ",2023,hightech,300,stock,,\n",
     {"h.csv:2: year 2023 is after horizon 2022 of t.ini"}},
    {"history-1.9", WUJIN, NULL, HEADER WJ ",2O22,hightech,300,stock,,\n",
     {"h.csv:2: year '2O22' is not a year such as 2022"}},
    {"history-1.10", WUJIN, NULL, HEADER WJ ",2022年,hightech,300,stock,,\n",
     {"h.csv:2: year '2022年' is not a year"}},
    {"history-1.11", WUJIN, NULL, HEADER "# c\n" WJ ",2017,hightech,30,new,,\n",
     {"h.csv:3: a 'new' count in 2017, the base year: new counts start in 2018"}},
    {"history-1.12", WUJIN, NULL, HEADER WJ ",2016,hightech,30,new,,\n" WJ ",2016,tech_sme,300,stock,,\n",
     {"h.csv:2: a 'new' count in 2016, the history's first year: the fit starts from the stocks at the end of "
      "2016, so new counts start in 2017", "!before base_year"}},
    /* one row per (region, year, stage, kind) */
    {"history-1.13", WUJIN, NULL,
     HEADER WJ ",2022,hightech,1061,stock,,\n" WJ ",2022,hightech,300,new,,\n" WJ ",2021,hightech,900,stock,,\n"
     WJ ",2022,hightech,1060,stock,b.txt,\n",
     {"h.csv:5: " WJ " 2022 hightech stock is given twice (first at line 2)"}},
    /* counts */
    {"history-1.14", WUJIN, NULL, HEADER WJ ",2022,hightech,\"1,061\",stock,,\n",
     {"h.csv:2: count '1,061' is not a whole number >= 0"}},
    {"history-1.15", WUJIN, NULL, HEADER WJ ",2022,hightech,-5,stock,,\n",
     {"h.csv:2: count '-5' is not a whole number >= 0"}},
    {"history-1.16", WUJIN, NULL, HEADER WJ ",2022,hightech,12.5,stock,,\n",
     {"h.csv:2: count '12.5' is not a whole number >= 0"}},
    {"history-1.17", WUJIN, NULL, HEADER WJ ",2022,hightech,1061家,stock,,\n",
     {"h.csv:2: count '1061家' is not a whole number >= 0"}},
    {"history-1.18", WUJIN, NULL, HEADER WJ ",2022,hightech,20000000000,stock,,\n",
     {"h.csv:2: count 20000000000 is over 1000000000 firms"}},
    /* fields and columns */
    {"history-1.19", WUJIN, NULL, HEADER WJ ",2017,hightech,344,stock,,\n" WJ ",2018,hightech,400,stock\n",
     {"h.csv:3: 5 fields, but the header has 7"}},
    {"history-1.20", WUJIN, NULL, HEADER WJ ",2018,hightech,400,stock,a,b,,c\n",
     {"h.csv:2: field 9 (c): the header names no column 9 (it names 7)"}},
    /* Excel's trailing empty columns: a value under one is still an error */
    {"history-1.48", WUJIN, NULL, "region,year,stage,count,kind,,,\n" WJ ",2018,hightech,400,stock,,x,\n",
     {"h.csv:2: field 7 (x): the header names no column 7 (it names 5)"}},
    {"history-1.49", WUJIN, NULL, "region,year,stage,count,kind,,,\n" WJ ",2018,hightech,400\n",
     {"h.csv:2: 4 fields, but the header has 5"}},
    {"history-1.21", WUJIN, NULL, "region,year,stage,cout,kind\n" WJ ",2018,hightech,400,stock\n",
     {"h.csv:1: unknown column 'cout'; did you mean 'count'? "
      "(columns: region, year, stage, count, kind, and optionally source, note)"}},
    {"history-1.22", WUJIN, NULL, "# c\n\nregion,yaer,stage,count,kind\n",
     {"h.csv:3: unknown column 'yaer'; did you mean 'year'?"}},
    {"history-1.23", WUJIN, NULL, "region,year,stage,count,kind,comment\n",
     {"h.csv:1: unknown column 'comment' (columns: ", "!did you mean"}},
    {"history-1.24", WUJIN, NULL, "region,year,stage,count,note\n" WJ ",2018,hightech,400,x\n",
     {"h.csv:1: no column 'kind' in the header (columns: region, year, stage, count, kind, "
      "and optionally source, note)"}},
    {"history-1.25", WUJIN, NULL, "region,year,stage,count,kind,year\n",
     {"h.csv:1: column 'year' is given twice (columns 2 and 6)"}},
    {"history-1.26", WUJIN, NULL, "region,year,,stage,count,kind,\n",
     {"h.csv:1: column 3 of the header has no name"}},
    {"history-1.27", WUJIN, NULL, HEADER WJ ",2018,hightech,,stock,,\n", {"h.csv:2: the count field is empty"}},
    {"history-1.28", WUJIN, NULL, HEADER WJ ",2018,hightech,400,stock,,\n,,,,,,\n",
     {"h.csv:3: a row of empty fields; delete it, or make it a # comment"}},
    /* regions */
    {"history-1.29", WUJIN, NULL, HEADER WJ ",2017,hightech,344,stock,,\n" BH ",2017,hightech,200,stock,,\n",
     {"h.csv:3: region " BH ", but t.ini is for " WJ " (give --region to keep one region's rows)"}},
    {"history-1.30", ANYWHERE, NULL, HEADER WJ ",2017,hightech,344,stock,,\n" BH ",2017,hightech,200,stock,,\n",
     {"h.csv:3: region " BH ", but line 2 is of " WJ ": the file holds several regions",
      "give --region"}},
    {"history-1.31", ANYWHERE, "常州市武进", HEADER WJ ",2017,hightech,344,stock,,\n" BH ",2017,hightech,2,stock,,\n",
     {"h.csv:3: the file ends without a row of region 常州市武进; did you mean '" WJ "'? "
      "(its regions: " WJ ", " BH ")"}},
    {"history-1.32", ANYWHERE, BH, HEADER WJ ",2017,hightech,344,stock,,\n" WJ ",2018,hightech,400,stock\n",
     {"h.csv:3: 5 fields, but the header has 7"}},  /* a skipped row still needs its fields */
    /* no rows, no header */
    {"history-1.33", WUJIN, NULL, HEADER "# nothing yet\n", {"h.csv:2: the file ends without a row after the header"}},
    {"history-1.34", WUJIN, NULL, "", {"h.csv:1: no header line: the first line that is not blank or a # comment "
                                      "must name the columns region, year, stage, count, kind"}},
    {"history-1.35", WUJIN, NULL, "# a\n\n# b", {"h.csv:3: no header line"}},
    /* quotes */
    {"history-1.36", WUJIN, NULL,
     HEADER WJ ",2017,hightech,344,stock,,\n" WJ ",2018,hightech,400,stock,,\"open, never closed\n"
     WJ ",2019,hightech,450,stock,,\n",
     {"h.csv:3: field 7 opens a quote (\") that is never closed"}},
    {"history-1.37", WUJIN, NULL, HEADER WJ ",2018,hightech,400,stock,,\"a\"b\n",
     {"h.csv:2: field 7: text after its closing quote; expected ',' or the end of the line"}},
    {"history-1.38", WUJIN, NULL, HEADER WJ ",2018,hightech,400,stock,,5\" wide\n",
     {"h.csv:2: field 7 (5\" wide) holds a quote but does not start with one"}},
    /* encoding: 高企 in GB18030, as Excel's plain "CSV" saves it in China */
    {"history-1.39", WUJIN, NULL, HEADER WJ ",2017,hightech,344,stock,,\n" WJ ",2018,hightech,400,stock,,\xb8\xdf\xc6\xf3\n",
     {"h.csv:3: not UTF-8 text; save the file as UTF-8"}},
    /* lines count right after a BOM, CRLF and a note over two lines */
    {"history-1.40", WUJIN, NULL,
     "\xEF\xBB\xBF" "region,year,stage,count,kind,note\r\n" WJ ",2017,hightech,344,stock,\"a\r\nb\"\r\n"
     WJ ",2018,hightec,400,stock,\r\n",
     {"h.csv:4: stage 'hightec' is not a stage of t.ini; did you mean 'hightech'?"}},
    /* lists: a count of one is a stock; a typo of a list id or its name
       gets the list suggested, and the listing names stages and lists */
    {"history-1.41", WITH_LIST, NULL, HEADER WJ ",2018,hightech_valid,400,new,,\n",
     {"h.csv:2: hightech_valid is a list: its count is a stock (kind stock), not new"}},
    {"history-1.42", WITH_LIST, NULL, HEADER WJ ",2018,hightech_vaild,400,stock,,\n",
     {"h.csv:2: stage 'hightech_vaild' is not a stage or list of t.ini; did you mean 'hightech_valid'?"}},
    {"history-1.43", WITH_LIST, NULL, HEADER WJ ",2018,有效高企,400,stock,,\n",
     {"h.csv:2: stage '有效高企' is not a stage or list of t.ini; did you mean 'hightech_valid'?"}},
    {"history-1.44", WITH_LIST, NULL, HEADER WJ ",2018,unicorn,4,stock,,\n",
     {"h.csv:2: stage 'unicorn' is not a stage or list of t.ini (its stages and lists: tech_sme 科小, hightech 高企, "
      "gazelle 瞪羚, hightech_valid 有效高企)"}},
};

static void test_bad_case(void **state)
{
    const BadCase *c = *state;
    g_autoptr(Model) m = tu_load(c->scenario);
    g_autofree char *msg = load_fail(m, c->region, c->text);
    if (!g_str_has_prefix(msg, c->want[0]))
        fail_msg("'%s' does not start with '%s'", msg, c->want[0]);
    tu_assert_says(msg, c->want + 1, G_N_ELEMENTS(c->want) - 1);
}

/* Every row of both tables is a seed of fuzz/fuzz_history.c. */
static void test_corpus_in_step(void **state)
{
    (void)state;
    TC_ASSERT_IN_CORPUS(good_cases, "fuzz/corpus/fuzz_history", "csv");
    TC_ASSERT_IN_CORPUS(bad_cases, "fuzz/corpus/fuzz_history", "csv");
}

int main(void)
{
    if (tc_write_dir()) {
        TC_WRITE(good_cases, tc_write_dir(), "csv");
        TC_WRITE(bad_cases, tc_write_dir(), "csv");
        return 0;
    }
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_kind_name),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test(test_region_conflict),
        cmocka_unit_test(test_corpus_in_step),
    };
    g_autoptr(GArray) tests = TU_TESTS(fixed);
    ADD_ROWS(tests, good_cases, test_good_case);
    ADD_ROWS(tests, bad_cases, test_bad_case);
    return tu_run_tests("history", tests);
}
