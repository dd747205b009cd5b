/* test_outcomes.c: the outcomes reader (outcomes.h): good files in the
 * shapes the contract allows (read exactly: ids, years, stages, clocks,
 * next stages, lines, attribute values), and a table of bad files with
 * the message each must give ("o.csv:LINE: what is wrong", an INPUT
 * error, exit 2 from a command).
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "testutil.h"
#include "corpus.h"

#include "errors.h"
#include "model.h"
#include "outcomes.h"

/* Five stages: 科小 renewed every year, 高企 every 3 years, the others
 * without renewal; base_year 2024, so years 1924 .. 2026.
 * fuzz/fuzz_outcomes.c reads its inputs for this ladder. */
#define STAGES                                                                            \
    "[scenario]\n"                                                                        \
    "name=t\n"                                                                            \
    "base_year=2024\n"                                                                    \
    "horizon=2027\n"                                                                      \
    "[stages]\n"                                                                          \
    "startup=初创\n"                                                                      \
    "tech_sme=科小\n"                                                                     \
    "hightech=高企\n"                                                                     \
    "gazelle=瞪羚\n"                                                                      \
    "listed=上市\n"
#define RENEWAL "[renewal]\ntech_sme=1;0.9;startup\nhightech=3;0.8;tech_sme\n"
#define LADDER STAGES RENEWAL

/* LADDER with two stages of one display name. */
#define TWINS STAGES "hightech_b=高企\n" RENEWAL

#define HEADER "id,year,stage,years_in_stage,rd_intensity,next_stage\n"

/* Writes `text` as o.csv in a fresh folder and reads it for `m`.  *path
 * gets the file's path (caller frees); the folder is gone on return. */
static Outcomes *read_text(const Model *m, const char *text, char **path, GError **error)
{
    g_autofree char *dir = tu_tmpdir();
    *path = tu_write(dir, "o.csv", text);
    Outcomes *o = outcomes_read(*path, m, error);
    tu_rmrf(dir);
    return o;
}

/* ---- good files --------------------------------------------------------- */

#define GOOD_MAX_ROWS 6
#define GOOD_MAX_ATTRS 2

/* A row the read must give. */
typedef struct {
    const char *id;     /* NULL ends the list */
    int year;
    const char *stage;  /* its id */
    int clock;
    const char *next;   /* a stage id or "exit" */
    int line;
    double values[GOOD_MAX_ATTRS];
} WantRow;

typedef struct {
    const char *id;
    const char *scenario;
    const char *text;
    const char *attrs[GOOD_MAX_ATTRS + 1];  /* attribute names, NULL-terminated */
    WantRow want[GOOD_MAX_ROWS + 1];
} GoodCase;

static const GoodCase good_cases[] = {
    /* a firm's years one after the other (its stage the year before's
       next_stage), stages by id and by display name, an exit, clocks a
       stage allows at the end of each year */
    {"outcomes-0.1", LADDER,
     HEADER
     "A,2021,科小,0,0.03,tech_sme\n"
     "A,2022,tech_sme,0,0.035,高企\n"
     "A,2023,hightech,0,0.04,hightech\n"
     "B,2023,高企,2,0.06,tech_sme\n"
     "C,2020,瞪羚,0,-1e-3,exit\n"
     "D,2026,listed,0,+2,listed\n",
     {"rd_intensity"},
     {{"A", 2021, "tech_sme", 0, "tech_sme", 2, {0.03}},
      {"A", 2022, "tech_sme", 0, "hightech", 3, {0.035}},
      {"A", 2023, "hightech", 0, "hightech", 4, {0.04}},
      {"B", 2023, "hightech", 2, "tech_sme", 5, {0.06}},
      {"C", 2020, "gazelle", 0, "exit", 6, {-0.001}},
      {"D", 2026, "listed", 0, "listed", 7, {2}}}},
    /* as Excel saves "CSV UTF-8": a BOM, CRLF, empty columns right of the
       table; columns in another order, a name column (read, not an
       attribute), comments and blank lines counted in the lines; rows of
       one firm in any order, a gap of years between them */
    {"outcomes-0.2", LADDER,
     "\xEF\xBB\xBF# 2019-2023 年在库企业记录\r\n"
     "\r\n"
     "next_stage,name,rd_staff,id,stage,year,years_in_stage,patents,,,\r\n"
     "高企,\"甲, 乙\",12,\"9132,0411\",高企,2022,1,3,,,\r\n"
     "# a comment between rows\r\n"
     "hightech,甲,10,\"9132,0411\",科小,2021,0,2\r\n"
     "exit,甲,10,\"9132,0411\",hightech,2019,0,2\r\n",
     {"rd_staff", "patents"},
     {{"9132,0411", 2022, "hightech", 1, "hightech", 4, {12, 3}},
      {"9132,0411", 2021, "tech_sme", 0, "hightech", 6, {10, 2}},
      {"9132,0411", 2019, "hightech", 0, "exit", 7, {10, 2}}}},
    /* no attribute columns; the first and last years the ladder allows */
    {"outcomes-0.3", LADDER,
     "id,year,stage,years_in_stage,next_stage\n"
     "E,1924,startup,0,startup\n"
     "E,2026,startup,0,exit\n",
     {NULL},
     {{"E", 1924, "startup", 0, "startup", 2, {0}}, {"E", 2026, "startup", 0, "exit", 3, {0}}}},
    /* in a ladder where two stages share 高企, 科小 still names one, and
       an id the other */
    {"outcomes-0.4", TWINS,
     "id,year,stage,years_in_stage,next_stage,points\n"
     "F,2023,科小,0,hightech_b,71.5\n",
     {"points"},
     {{"F", 2023, "tech_sme", 0, "hightech_b", 2, {71.5}}}},
};

/* Row `i` of `o` is `w`, every attribute value exactly. */
static void assert_row(const Model *m, const Outcomes *o, int i, const WantRow *w)
{
    const OutcomesRow *r = &o->rows[i];
    int next = strcmp(w->next, OUTCOMES_EXIT) == 0 ? -1 : model_stage_index(m, w->next);
    if (strcmp(r->id, w->id) != 0 || r->year != w->year || r->stage != model_stage_index(m, w->stage) ||
        r->years_in_stage != w->clock || r->next != next || r->line != w->line)
        fail_msg("row %d = %s %d %s %d -> %d at line %d, want %s %d %s %d -> %s at line %d", i, r->id, r->year,
                 m->stages[r->stage].id, r->years_in_stage, r->next, r->line, w->id, w->year, w->stage, w->clock,
                 w->next, w->line);
    for (int a = 0; a < o->n_attrs; a++)
        if (outcomes_value(o, i, a) != w->values[a])
            fail_msg("row %d: %s = %.17g, want %.17g", i, o->attr_names[a], outcomes_value(o, i, a), w->values[a]);
}

static void test_good_case(void **state)
{
    const GoodCase *c = *state;
    g_autoptr(Model) m = tu_load(c->scenario);
    g_autofree char *path = NULL;
    GError *error = NULL;
    g_autoptr(Outcomes) o = read_text(m, c->text, &path, &error);
    if (o == NULL)
        fail_msg("outcomes did not read: %s", error->message);
    assert_string_equal(o->file, path);
    assert_int_equal(strlen(o->sha256), 64);
    int n_rows = 0, n_attrs = 0;
    while (n_rows < GOOD_MAX_ROWS && c->want[n_rows].id)
        n_rows++;
    while (c->attrs[n_attrs])
        n_attrs++;
    assert_int_equal(o->n_rows, n_rows);
    assert_int_equal(o->n_attrs, n_attrs);
    assert_null(o->attr_names[n_attrs]);
    for (int a = 0; a < n_attrs; a++) {
        assert_string_equal(o->attr_names[a], c->attrs[a]);
        assert_int_equal(outcomes_attr_index(o, c->attrs[a]), a);
    }
    assert_int_equal(outcomes_attr_index(o, "name"), -1);
    for (int i = 0; i < n_rows; i++)
        assert_row(m, o, i, &c->want[i]);
}

/* Outcomes read from memory are the same as from their file, named as
 * given; NULL frees. */
static void test_read_data(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(LADDER);
    const char *text = good_cases[0].text;
    GError *error = NULL;
    g_autoptr(Outcomes) o = outcomes_read_data("mem.csv", text, strlen(text), m, &error);
    g_assert_no_error(error);
    assert_string_equal(o->file, "mem.csv");
    assert_int_equal(o->n_rows, 6);
    assert_int_equal(o->header_line, 1);
    g_autofree char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
    assert_string_equal(o->sha256, sum);
    outcomes_free(NULL);
}

/* A missing file is bad input (exit 2), one that cannot be read (a
 * folder) an IO error; both name it. */
static void test_unreadable(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(LADDER);
    g_auto(TuDir) dir = tu_tmpdir();
    g_autofree char *missing = g_build_filename(dir, "missing.csv", NULL);
    const char *paths[] = {missing, dir};
    const int codes[] = {LADDER_ERROR_INPUT, LADDER_ERROR_IO};
    for (int i = 0; i < 2; i++) {
        GError *error = NULL;
        assert_null(outcomes_read(paths[i], m, &error));
        if (!g_error_matches(error, LADDER_ERROR, codes[i]))
            fail_msg("%s: error code %d, want %d: %s", paths[i], error ? error->code : -1, codes[i],
                     error ? error->message : "(none)");
        tu_assert_contains(error->message, paths[i]);
        g_error_free(error);
    }
}

/* ---- bad files ---------------------------------------------------------- */

typedef struct {
    const char *id;
    const char *scenario;
    const char *text;
    const char *want[3];  /* want[0] starts the message ("o.csv:LINE: ..."); the others are in it,
                             or, after a '!', not in it */
} BadCase;

#define COLUMNS "(columns: id, year, stage, years_in_stage, next_stage, then numeric attribute columns"

static const BadCase bad_cases[] = {
    /* the required columns, a near-miss suggested */
    {"outcomes-1.1", LADDER, "id,year,stage,years_in_stage,next\nA,2020,hightech,0,hightech\n",
     {"o.csv:1: no column 'next_stage' in the header; did you mean 'next'? " COLUMNS}},
    {"outcomes-1.1b", LADDER, "id,year,stage,years_in_stage,rd\nA,2020,hightech,0,1\n",
     {"o.csv:1: no column 'next_stage' in the header " COLUMNS, "a name column is read and ignored)"}},
    {"outcomes-1.2", LADDER, "id,year,stage,years_in_stage,Next_Stage\nA,2020,hightech,0,hightech\n",
     {"o.csv:1: no column 'next_stage' in the header; did you mean 'Next_Stage'?"}},
    {"outcomes-1.3", LADDER, "id,yr,stage,years_in_stage,next_stage\n",
     {"o.csv:1: no column 'year' in the header"}},
    /* attribute columns: ids, each once */
    {"outcomes-1.4", LADDER, "id,year,stage,years_in_stage,next_stage,RD Intensity\nA,2020,hightech,0,hightech,1\n",
     {"o.csv:1: column 6 (RD Intensity): an attribute column is named by an id", "did you mean 'rd_intensity'?"}},
    {"outcomes-1.5", LADDER, "id,year,stage,years_in_stage,next_stage,x,x\n",
     {"o.csv:1: column 'x' is given twice (columns 6 and 7)"}},
    /* years: whole numbers the ladder's records may have */
    {"outcomes-1.6", LADDER, HEADER "A,2020年,hightech,0,0.05,hightech\n",
     {"o.csv:2: year '2020年' is not a year from 1924 to 2026"}},
    {"outcomes-1.7", LADDER, HEADER "A,2027,hightech,0,0.05,hightech\n",
     {"o.csv:2: year '2027' is not a year from 1924 to 2026",
      "next_stage is where it was a year later, at most the horizon 2027 of t.ini"}},
    {"outcomes-1.8", LADDER, HEADER "A,\"2,020\",hightech,0,0.05,hightech\n",
     {"o.csv:2: year '2,020' is not a year", "; write 2020 without the comma"}},
    {"outcomes-1.9", LADDER, HEADER "A,2020.5,hightech,0,0.05,hightech\n", {"o.csv:2: year '2020.5' is not a year"}},
    /* stages, as a roster's */
    {"outcomes-1.10", LADDER, HEADER "A,2020,hightec,0,0.05,hightech\n",
     {"o.csv:2: unknown stage 'hightec'; did you mean 'hightech'?"}},
    {"outcomes-1.11", LADDER, HEADER "A,2020,注销,0,0.05,exit\n",
     {"o.csv:2: unknown stage '注销'", "a firm that had closed or left has no row for the years after"}},
    {"outcomes-1.12", TWINS, HEADER "A,2020,高企,0,0.05,hightech\n",
     {"o.csv:2: stage '高企' is the display name of 2 stages (hightech, hightech_b); write the id"}},
    /* next_stage: a stage or exit */
    {"outcomes-1.13", LADDER, HEADER "A,2020,hightech,0,0.05,高新\n",
     {"o.csv:2: next_stage: unknown stage '高新'; did you mean '高企' (hightech)?"}},
    {"outcomes-1.14", LADDER, HEADER "A,2020,hightech,0,0.05,Exit\n",
     {"o.csv:2: next_stage: unknown stage 'Exit'", "; write exit for a firm that closed or left the district"}},
    {"outcomes-1.15", LADDER, HEADER "A,2020,hightech,0,0.05,注销\n",
     {"o.csv:2: next_stage: unknown stage '注销'", "; write exit for a firm that closed or left"}},
    {"outcomes-1.16", TWINS, HEADER "A,2020,科小,0,0.05,高企\n",
     {"o.csv:2: next_stage '高企' is the display name of 2 stages"}},
    {"outcomes-1.17", LADDER, HEADER "A,2020,hightech,0,0.05,\n", {"o.csv:2: the next_stage field is empty"}},
    /* renewal clocks, at the end of the row's year */
    {"outcomes-1.18", LADDER, HEADER "A,2020,hightech,3,0.05,hightech\n",
     {"o.csv:2: years_in_stage 3: hightech (高企) is renewed every 3 years in t.ini, so years_in_stage is 0 to 2 "
      "at the end of 2020"}},
    {"outcomes-1.19", LADDER, HEADER "A,2020,gazelle,1,0.05,gazelle\n",
     {"o.csv:2: years_in_stage 1: gazelle (瞪羚) has no renewal in t.ini, so years_in_stage is 0"}},
    {"outcomes-1.20", LADDER, HEADER "A,2020,hightech,x,0.05,gazelle\n",
     {"o.csv:2: years_in_stage 'x' is not a whole number >= 0"}},
    /* attribute values, as a roster's */
    {"outcomes-1.21", LADDER, HEADER "A,2020,hightech,0,,hightech\n",
     {"o.csv:2: the rd_intensity field is empty: every firm needs a value in every attribute column"}},
    {"outcomes-1.22", LADDER, HEADER "A,2020,hightech,0,12%,hightech\n",
     {"o.csv:2: rd_intensity '12%' is not a number; write 0.12 for 12%"}},
    {"outcomes-1.23", LADDER, HEADER "A,2020,hightech,0,\"3,000\",hightech\n",
     {"o.csv:2: rd_intensity '3,000' is not a number; write 3000 without the comma"}},
    {"outcomes-1.24", LADDER, HEADER "A,2020,hightech,0,nan,hightech\n", {"o.csv:2: rd_intensity 'nan' is not a number"}},
    /* one row a firm and year; a firm's rows agree */
    {"outcomes-1.25", LADDER, HEADER "A,2020,hightech,0,0.05,hightech\nB,2020,hightech,0,0.05,hightech\n"
                                     "A,2020,gazelle,0,0.05,gazelle\n",
     {"o.csv:4: firm 'A' has two rows for 2020 (first at line 2)"}},
    {"outcomes-1.26", LADDER, HEADER "A,2020,tech_sme,0,0.05,hightech\n# c\nA,2021,科小,0,0.05,tech_sme\n",
     {"o.csv:4: firm 'A' is in tech_sme (科小) at the end of 2021 on this row, but its row for 2020 (line 2) says "
      "next_stage hightech (高企)"}},
    {"outcomes-1.27", LADDER, HEADER "A,2021,hightech,1,0.05,hightech\nA,2020,hightech,0,0.05,exit\n",
     {"o.csv:2: firm 'A' has a row for 2021, in hightech (高企), but its row for 2020 (line 3) says it exited during "
      "2021"}},
    /* the rows and the text, as every CSV's */
    {"outcomes-1.28", LADDER, HEADER ",2020,hightech,0,0.05,hightech\n", {"o.csv:2: the id field is empty"}},
    {"outcomes-1.29", LADDER, HEADER "A,2020,hightech,0,0.05\n", {"o.csv:2: 5 fields, but the header has 6"}},
    {"outcomes-1.30", LADDER, HEADER "# none yet\n", {"o.csv:2: the file ends without a firm-year after the header"}},
    {"outcomes-1.31", LADDER, "",
     {"o.csv:1: no header line: the first line that is not blank or a # comment must name the columns id, year, "
      "stage, years_in_stage, next_stage"}},
    {"outcomes-1.32", LADDER, HEADER "A,2020,hightech,0,0.05,hightech\nB,2020,\xb8\xdf\xc6\xf3,0,0.05,hightech\n",
     {"o.csv:3: not UTF-8 text; save the file as UTF-8"}},
};

static void test_bad_case(void **state)
{
    const BadCase *c = *state;
    g_autoptr(Model) m = tu_load(c->scenario);
    g_autofree char *path = NULL;
    GError *error = NULL;
    Outcomes *o = read_text(m, c->text, &path, &error);
    if (o != NULL) {
        outcomes_free(o);
        fail_msg("outcomes read, but should have failed");
    }
    if (!g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT))
        fail_msg("error code %d, want %d (INPUT): %s", error->code, LADDER_ERROR_INPUT, error->message);
    if (!g_str_has_prefix(error->message, path))
        fail_msg("'%s' does not start with the path %s", error->message, path);
    g_autofree char *msg = g_strconcat("o.csv", error->message + strlen(path), NULL);
    g_error_free(error);
    if (!g_str_has_prefix(msg, c->want[0]))
        fail_msg("'%s' does not start with '%s'", msg, c->want[0]);
    tu_assert_says(msg, c->want + 1, G_N_ELEMENTS(c->want) - 1);
}

/* Every row of both tables is a seed of fuzz/fuzz_outcomes.c. */
static void test_corpus_in_step(void **state)
{
    (void)state;
    TC_ASSERT_IN_CORPUS(good_cases, "fuzz/corpus/fuzz_outcomes", "csv");
    TC_ASSERT_IN_CORPUS(bad_cases, "fuzz/corpus/fuzz_outcomes", "csv");
}

int main(void)
{
    if (tc_write_dir()) {
        TC_WRITE(good_cases, tc_write_dir(), "csv");
        TC_WRITE(bad_cases, tc_write_dir(), "csv");
        return 0;
    }
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_read_data),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test(test_corpus_in_step),
    };
    g_autoptr(GArray) tests = TU_TESTS(fixed);
    ADD_ROWS(tests, good_cases, test_good_case);
    ADD_ROWS(tests, bad_cases, test_bad_case);
    return tu_run_tests("outcomes", tests);
}
