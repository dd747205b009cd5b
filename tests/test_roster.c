/* test_roster.c: the roster reader: good files in the shapes the contract
 * allows (read exactly: ids, names, stages, clocks, lines, attribute
 * values), a table of bad files with the message each must give
 * ("r.csv:LINE: what is wrong", an INPUT error), and the counts by stage
 * and renewal clock that replace a baseline.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "testutil.h"
#include "corpus.h"

#include "errors.h"
#include "model.h"
#include "roster.h"

/* Five stages: 科小 renewed every year, 高企 every 3 years, the others
 * without renewal.  fuzz/fuzz_roster.c reads its inputs for this ladder. */
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

#define HEADER "id,name,stage,years_in_stage,rd_intensity,invention_patents\n"

/* Writes `text` as r.csv in a fresh folder and reads it for `m`.  *path
 * gets the file's path (caller frees); the folder is gone on return. */
static Roster *read_text(const Model *m, const char *text, char **path, GError **error)
{
    g_autofree char *dir = tu_tmpdir();
    *path = tu_write(dir, "r.csv", text);
    Roster *r = roster_read(*path, m, error);
    tu_rmrf(dir);
    return r;
}

/* Reads `text`, failing the test when it does not read. */
static Roster *read_ok(const Model *m, const char *text)
{
    g_autofree char *path = NULL;
    GError *error = NULL;
    Roster *r = read_text(m, text, &path, &error);
    if (r == NULL)
        fail_msg("roster did not read: %s", error->message);
    assert_string_equal(r->file, path);
    assert_int_equal(strlen(r->sha256), 64);
    return r;
}

/* Reads `text` expecting an INPUT error that starts with the file's path;
 * returns the message with that path written "r.csv" (caller frees). */
static char *read_fail(const Model *m, const char *text)
{
    g_autofree char *path = NULL;
    GError *error = NULL;
    Roster *r = read_text(m, text, &path, &error);
    if (r != NULL) {
        roster_free(r);
        fail_msg("roster read, but should have failed");
    }
    if (!g_error_matches(error, LADDER_ERROR, LADDER_ERROR_INPUT))
        fail_msg("error code %d, want %d (INPUT): %s", error->code, LADDER_ERROR_INPUT, error->message);
    if (!g_str_has_prefix(error->message, path))
        fail_msg("'%s' does not start with the path %s", error->message, path);
    char *msg = g_strconcat("r.csv", error->message + strlen(path), NULL);
    g_error_free(error);
    return msg;
}

/* ---- good files --------------------------------------------------------- */

#define GOOD_MAX_FIRMS 5
#define GOOD_MAX_ATTRS 3

/* A firm the read must give. */
typedef struct {
    const char *id;     /* NULL ends the list */
    const char *name;
    const char *stage;  /* its id */
    int clock;
    int line;
    double values[GOOD_MAX_ATTRS];
} WantFirm;

typedef struct {
    const char *id;
    const char *scenario;
    const char *text;
    const char *attrs[GOOD_MAX_ATTRS + 1];  /* attribute names, NULL-terminated */
    WantFirm want[GOOD_MAX_FIRMS + 1];
} GoodCase;

static const GoodCase good_cases[] = {
    /* stages by id and by display name, every clock a stage allows, a
       quoted name with a comma, numbers in every plain form */
    {"roster-0.1", LADDER,
     HEADER
     "A001,常州甲科技有限公司,高企,2,0.052,3\n"
     "A002,\"乙, 丙 联合\",tech_sme,0,0.031,0\n"
     "A003,丁,瞪羚,0,-0.125,1e3\n"
     "A004,戊,listed,0,.5,+7\n"
     "A005,己,hightech,0,0,12\n",
     {"rd_intensity", "invention_patents"},
     {{"A001", "常州甲科技有限公司", "hightech", 2, 2, {0.052, 3}},
      {"A002", "乙, 丙 联合", "tech_sme", 0, 3, {0.031, 0}},
      {"A003", "丁", "gazelle", 0, 4, {-0.125, 1000}},
      {"A004", "戊", "listed", 0, 5, {0.5, 7}},
      {"A005", "己", "hightech", 0, 6, {0, 12}}}},
    /* as Excel saves "CSV UTF-8": a BOM, CRLF, empty columns right of the
       table in the header and the rows; columns in another order; comments
       and blank lines counted in the lines; quoted ids and numbers */
    {"roster-0.2", LADDER,
     "\xEF\xBB\xBF# 2024年末在库企业\r\n"
     "\r\n"
     "stage,years_in_stage,id,rd_staff,name,revenue_growth,,,\r\n"
     "高企,1,\"9132,0411\",\"40\",甲,0.15,,,\r\n"
     "# a comment between rows\r\n"
     "初创, 0 , B2 ,3, 乙 ,-0.2\r\n",
     {"rd_staff", "revenue_growth"},
     {{"9132,0411", "甲", "hightech", 1, 4, {40, 0.15}},
      {"B2", "乙", "startup", 0, 6, {3, -0.2}}}},
    /* no attribute columns; a name over two lines, the row counted from
       its first line */
    {"roster-0.3", LADDER,
     "id,name,stage,years_in_stage\n"
     "C1,\"第一行\n第二行\",科小,0\n"
     "C2,\"说\"\"好\"\"\",gazelle,0\n",
     {NULL},
     {{"C1", "第一行\n第二行", "tech_sme", 0, 2, {0}}, {"C2", "说\"好\"", "gazelle", 0, 4, {0}}}},
    /* in a ladder where two stages share 高企, 科小 still names one, and
       an id the other */
    {"roster-0.4", TWINS,
     "id,name,stage,years_in_stage,innovation_points\n"
     "D1,甲,科小,0,71.5\n"
     "D2,乙,hightech_b,0,80\n",
     {"innovation_points"},
     {{"D1", "甲", "tech_sme", 0, 2, {71.5}}, {"D2", "乙", "hightech_b", 0, 3, {80}}}},
};

/* Firm `i` of `r` is `w`, every attribute value exactly. */
static void assert_firm(const Model *m, const Roster *r, int i, const WantFirm *w)
{
    const RosterFirm *f = &r->firms[i];
    if (strcmp(f->id, w->id) != 0 || strcmp(f->name, w->name) != 0 ||
        f->stage != model_stage_index(m, w->stage) || f->years_in_stage != w->clock || f->line != w->line)
        fail_msg("firm %d = %s '%s' %s %d at line %d, want %s '%s' %s %d at line %d", i, f->id, f->name,
                 m->stages[f->stage].id, f->years_in_stage, f->line, w->id, w->name, w->stage, w->clock, w->line);
    for (int a = 0; a < r->n_attrs; a++)
        if (roster_value(r, i, a) != w->values[a])
            fail_msg("firm %s: %s = %.17g, want %.17g", w->id, r->attr_names[a], roster_value(r, i, a),
                     w->values[a]);
}

static void test_good_case(void **state)
{
    const GoodCase *c = *state;
    g_autoptr(Model) m = tu_load(c->scenario);
    g_autoptr(Roster) r = read_ok(m, c->text);
    int n_firms = 0, n_attrs = 0;
    while (n_firms < GOOD_MAX_FIRMS && c->want[n_firms].id)
        n_firms++;
    while (c->attrs[n_attrs])
        n_attrs++;
    assert_int_equal(r->n_stages, m->n_stages);
    assert_int_equal(r->n_firms, n_firms);
    assert_int_equal(r->n_attrs, n_attrs);
    assert_null(r->attr_names[n_attrs]);
    for (int a = 0; a < n_attrs; a++) {
        assert_string_equal(r->attr_names[a], c->attrs[a]);
        assert_int_equal(roster_attr_index(r, c->attrs[a]), a);
    }
    assert_int_equal(roster_attr_index(r, "nosuch"), -1);
    for (int i = 0; i < n_firms; i++)
        assert_firm(m, r, i, &c->want[i]);
}

/* ---- what replaces a baseline ------------------------------------------- */

/* Firms by stage and by stage and clock, and the stages covered: those
 * with a firm on the roster, not those without. */
static void test_stage_counts(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(LADDER);
    g_autoptr(Roster) r = read_ok(m, "id,name,stage,years_in_stage\n"
                                     "a,a,hightech,0\nb,b,hightech,2\nc,c,高企,2\nd,d,hightech,2\n"
                                     "e,e,tech_sme,0\nf,f,listed,0\ng,g,科小,0\n");
    enum { STARTUP, TECH_SME, HIGHTECH, GAZELLE, LISTED };
    gint64 per_stage[5] = {-1, -1, -1, -1, -1};
    g_autofree gint64 *per_clock = g_new(gint64, 5 * MODEL_MAX_RENEWAL_YEARS);
    roster_stage_counts(r, per_stage, per_clock);
    const gint64 want[5] = {0, 2, 4, 0, 1};
    for (int s = 0; s < 5; s++) {
        assert_int_equal(per_stage[s], want[s]);
        assert_int_equal(roster_covers(r, s), want[s] > 0);
        gint64 sum = 0;
        for (int c = 0; c < MODEL_MAX_RENEWAL_YEARS; c++)
            sum += per_clock[s * MODEL_MAX_RENEWAL_YEARS + c];
        assert_int_equal(sum, want[s]);
    }
    const gint64 *hightech = per_clock + HIGHTECH * MODEL_MAX_RENEWAL_YEARS;
    assert_int_equal(hightech[0], 1);
    assert_int_equal(hightech[1], 0);
    assert_int_equal(hightech[2], 3);
    assert_int_equal(per_clock[TECH_SME * MODEL_MAX_RENEWAL_YEARS], 2);
    assert_int_equal(per_clock[LISTED * MODEL_MAX_RENEWAL_YEARS], 1);
    /* either array may be left out */
    gint64 only[5] = {0};
    roster_stage_counts(r, only, NULL);
    assert_int_equal(only[HIGHTECH], 4);
    roster_stage_counts(r, NULL, per_clock);
    assert_int_equal(per_clock[HIGHTECH * MODEL_MAX_RENEWAL_YEARS + 2], 3);
    roster_free(NULL);
}

/* A roster read from memory is the same as from its file, named as given. */
static void test_read_data(void **state)
{
    (void)state;
    g_autoptr(Model) m = tu_load(LADDER);
    const char *text = good_cases[0].text;
    GError *error = NULL;
    g_autoptr(Roster) r = roster_read_data("mem.csv", text, strlen(text), m, &error);
    g_assert_no_error(error);
    assert_string_equal(r->file, "mem.csv");
    assert_int_equal(r->n_firms, 5);
    assert_near(roster_value(r, 0, 0), 0.052, 0);
    g_autofree char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
    assert_string_equal(r->sha256, sum);
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
        assert_null(roster_read(paths[i], m, &error));
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
    const char *want[3];  /* want[0] starts the message ("r.csv:LINE: ..."); the others are in it,
                             or, after a '!', not in it */
} BadCase;

#define COLUMNS "(columns: id, name, stage, years_in_stage, then numeric attribute columns such as rd_intensity)"

static const BadCase bad_cases[] = {
    /* the required columns, a near-miss suggested */
    {"roster-1.1", LADDER, "id,name,stage_id,years_in_stage\nA,a,hightech,0\n",
     {"r.csv:1: no column 'stage' in the header; did you mean 'stage_id'? " COLUMNS}},
    {"roster-1.2", LADDER, "id,name,Stage,years_in_stage\nA,a,hightech,0\n",
     {"r.csv:1: no column 'stage' in the header; did you mean 'Stage'?"}},
    {"roster-1.3", LADDER, "ID,name,stage,years_in_stage\nA,a,hightech,0\n",
     {"r.csv:1: no column 'id' in the header; did you mean 'ID'?"}},
    {"roster-1.4", LADDER, "# c\nid,name,stage,years_in_stge\n",
     {"r.csv:2: no column 'years_in_stage' in the header; did you mean 'years_in_stge'?"}},
    {"roster-1.5", LADDER, "id,name,stage,rd_staff\nA,a,hightech,0\n",
     {"r.csv:1: no column 'years_in_stage' in the header " COLUMNS, "!did you mean"}},
    /* attribute columns: ids, each once, none unnamed */
    {"roster-1.6", LADDER, "id,name,stage,years_in_stage,R&D强度\nA,a,hightech,0,1\n",
     {"r.csv:1: column 5 (R&D强度): an attribute column is named by an id, lower-case ASCII", "!did you mean"}},
    {"roster-1.7", LADDER, "id,name,stage,years_in_stage,RD Intensity\nA,a,hightech,0,1\n",
     {"r.csv:1: column 5 (RD Intensity): an attribute column is named by an id",
      "; did you mean 'rd_intensity'?"}},
    {"roster-1.8", LADDER, "id,name,stage,years_in_stage,rd_staff,x,rd_staff\n",
     {"r.csv:1: column 'rd_staff' is given twice (columns 5 and 7)"}},
    {"roster-1.9", LADDER, "id,name,stage,years_in_stage,,rd_staff\n",
     {"r.csv:1: column 5 of the header has no name " COLUMNS}},
    {"roster-1.10", LADDER, "id,name,stage,years_in_stage,stage\n",
     {"r.csv:1: column 'stage' is given twice (columns 3 and 5)"}},
    /* attribute values: finite numbers, none empty */
    {"roster-1.11", LADDER, HEADER "A,a,hightech,0,0.05,3\nB,b,hightech,0,high,3\n",
     {"r.csv:3: rd_intensity 'high' is not a number", "!write"}},
    {"roster-1.12", LADDER, HEADER "A,a,hightech,0,0.05,\"3,000\"\n",
     {"r.csv:2: invention_patents '3,000' is not a number; write 3000 without the comma"}},
    {"roster-1.13", LADDER, HEADER "A,a,hightech,0,12%,3\n",
     {"r.csv:2: rd_intensity '12%' is not a number; write 0.12 for 12%"}},
    {"roster-1.14", LADDER, HEADER "A,a,hightech,0,0.05,\n",
     {"r.csv:2: the invention_patents field is empty: every firm needs a value in every attribute column"}},
    {"roster-1.15", LADDER, HEADER "A,a,hightech,0,,3\n",
     {"r.csv:2: the rd_intensity field is empty"}},
    {"roster-1.16", LADDER, HEADER "A,a,hightech,0,nan,3\n", {"r.csv:2: rd_intensity 'nan' is not a number"}},
    {"roster-1.17", LADDER, HEADER "A,a,hightech,0,1e999,3\n", {"r.csv:2: rd_intensity '1e999' is not a number"}},
    {"roster-1.18", LADDER, HEADER "A,a,hightech,0,0x10,3\n", {"r.csv:2: rd_intensity '0x10' is not a number"}},
    /* stages: by id or display name, one stage only */
    {"roster-1.19", LADDER, HEADER "A,a,hightec,0,0.05,3\n",
     {"r.csv:2: unknown stage 'hightec'; did you mean 'hightech'?"}},
    {"roster-1.20", LADDER, HEADER "A,a,高新,0,0.05,3\n",
     {"r.csv:2: unknown stage '高新'; did you mean '高企' (hightech)?"}},
    {"roster-1.21", LADDER, HEADER "A,a,unicorn,0,0.05,3\n",
     {"r.csv:2: unknown stage 'unicorn' (the stages: startup 初创, tech_sme 科小, hightech 高企, gazelle 瞪羚, "
      "listed 上市)"}},
    {"roster-1.22", TWINS, HEADER "A,a,科小,0,0.05,3\nB,b,高企,0,0.05,3\n",
     {"r.csv:3: stage '高企' is the display name of 2 stages (hightech, hightech_b); write the id"}},
    {"roster-1.23", LADDER, HEADER "A,a,exited,0,0.05,3\n",
     {"r.csv:2: unknown stage 'exited'", "a firm that has closed or left is not on a roster"}},
    {"roster-1.24", LADDER, HEADER "A,a,注销,0,0.05,3\n",
     {"r.csv:2: unknown stage '注销'", "a firm that has closed or left is not on a roster"}},
    /* renewal clocks: 0 .. V-1, 0 without renewal */
    {"roster-1.25", LADDER, HEADER "A,a,hightech,2,0.05,3\nB,b,高企,3,0.05,3\n",
     {"r.csv:3: years_in_stage 3: hightech (高企) is renewed every 3 years in t.ini, so years_in_stage is 0 to 2 "
      "at the end of 2024", "(the years since its last certification or renewal: when due, a firm renews, its clock back to 0, or lapses to tech_sme (科小))"}},
    {"roster-1.26", LADDER, HEADER "A,a,tech_sme,1,0.05,3\n",
     {"r.csv:2: years_in_stage 1: tech_sme (科小) is renewed every 1 year in t.ini, so years_in_stage is 0 at "
      "the end of 2024", "or lapses to startup (初创))"}},
    {"roster-1.27", LADDER, HEADER "A,a,gazelle,2,0.05,3\n",
     {"r.csv:2: years_in_stage 2: gazelle (瞪羚) has no renewal in t.ini, so years_in_stage is 0"}},
    {"roster-1.28", LADDER, HEADER "A,a,hightech,1.5,0.05,3\n",
     {"r.csv:2: years_in_stage '1.5' is not a whole number >= 0"}},
    {"roster-1.29", LADDER, HEADER "A,a,hightech,-1,0.05,3\n",
     {"r.csv:2: years_in_stage '-1' is not a whole number >= 0"}},
    {"roster-1.30", LADDER, HEADER "A,a,hightech,99999999999,0.05,3\n",
     {"r.csv:2: years_in_stage '99999999999' is not a whole number >= 0"}},
    /* ids, names and the rows */
    {"roster-1.31", LADDER, HEADER "A001,a,hightech,0,0.05,3\nA002,b,hightech,0,0.05,3\n# c\nA001,c,gazelle,0,1,1\n",
     {"r.csv:5: id 'A001' is given twice (first at line 2)"}},
    {"roster-1.32", LADDER, HEADER "A,,hightech,0,0.05,3\n", {"r.csv:2: the name field is empty"}},
    {"roster-1.33", LADDER, HEADER ",a,hightech,0,0.05,3\n", {"r.csv:2: the id field is empty"}},
    {"roster-1.34", LADDER, HEADER "A,a,hightech,0,0.05\n", {"r.csv:2: 5 fields, but the header has 6"}},
    {"roster-1.35", LADDER, HEADER "A,a,hightech,0,0.05,3,,9\n",
     {"r.csv:2: field 8 (9): the header names no column 8 (it names 6)"}},
    {"roster-1.36", LADDER, HEADER "A,a,hightech,0,0.05,3\n,,,,,,\n",
     {"r.csv:3: a row of empty fields; delete it, or make it a # comment"}},
    /* no firm, no header */
    {"roster-1.37", LADDER, HEADER "# none yet\n", {"r.csv:2: the file ends without a firm after the header"}},
    {"roster-1.38", LADDER, "",
     {"r.csv:1: no header line: the first line that is not blank or a # comment must name the columns id, name, "
      "stage, years_in_stage"}},
    /* text: UTF-8 only (高企 in GB18030, as Excel's plain "CSV" saves it in
       China), quotes closed, lines counted after a BOM, CRLF and a name
       over two lines */
    {"roster-1.39", LADDER, HEADER "A,a,hightech,0,0.05,3\nB,\xb8\xdf\xc6\xf3,hightech,0,0.05,3\n",
     {"r.csv:3: not UTF-8 text; save the file as UTF-8"}},
    {"roster-1.40", LADDER, HEADER "A,\"open,hightech,0,0.05,3\nB,b,hightech,0,0.05,3\n",
     {"r.csv:2: field 2 opens a quote (\") that is never closed"}},
    {"roster-1.41", LADDER,
     "\xEF\xBB\xBF" HEADER "A,\"a\r\nb\",hightech,0,0.05,3\r\nB,b,hightec,0,0.05,3\r\n",
     {"r.csv:4: unknown stage 'hightec'; did you mean 'hightech'?"}},
};

static void test_bad_case(void **state)
{
    const BadCase *c = *state;
    g_autoptr(Model) m = tu_load(c->scenario);
    g_autofree char *msg = read_fail(m, c->text);
    if (!g_str_has_prefix(msg, c->want[0]))
        fail_msg("'%s' does not start with '%s'", msg, c->want[0]);
    tu_assert_says(msg, c->want + 1, G_N_ELEMENTS(c->want) - 1);
}

/* Every row of both tables is a seed of fuzz/fuzz_roster.c. */
static void test_corpus_in_step(void **state)
{
    (void)state;
    TC_ASSERT_IN_CORPUS(good_cases, "fuzz/corpus/fuzz_roster", "csv");
    TC_ASSERT_IN_CORPUS(bad_cases, "fuzz/corpus/fuzz_roster", "csv");
}

int main(void)
{
    if (tc_write_dir()) {
        TC_WRITE(good_cases, tc_write_dir(), "csv");
        TC_WRITE(bad_cases, tc_write_dir(), "csv");
        return 0;
    }
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_stage_counts),
        cmocka_unit_test(test_read_data),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test(test_corpus_in_step),
    };
    g_autoptr(GArray) tests = TU_TESTS(fixed);
    ADD_ROWS(tests, good_cases, test_good_case);
    ADD_ROWS(tests, bad_cases, test_bad_case);
    return tu_run_tests("roster", tests);
}
