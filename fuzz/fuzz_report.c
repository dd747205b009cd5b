/* fuzz_report.c: libFuzzer target for `ladder report`'s reading of a result
 * folder: any bytes as its JSON files (a run's, a comparison's with its
 * scenario folders, a calibration's forecast/) must give a report or an
 * error, never a crash, a leak, a json-glib or GLib warning of a caller's
 * bug, a read outside the folder, or diagram text that dot would misread.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "fuzzutil.h"
#include "report.h"
#include "results.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input is these parts in this order, split at NUL bytes (JSON holds
 * none); an empty or missing part leaves that file out.  SUB stands for
 * part 5, the name of a scenario's folder of a comparison (as `ladder
 * compare` names it after the file: compare.json's scenarios[].id); a
 * name that is not a plain folder name leaves that folder out.  The first
 * five are the layout of the first corpus, which therefore still reads. */
enum { PART_SUB_NAME = 5 };
static const char *const parts[] = {"scenario.json", "summary.json", "compare.json", "solve.json",
                                    "sensitivity.json", NULL, "SUB/scenario.json", "SUB/summary.json",
                                    "forecast/scenario.json", "forecast/summary.json", "calibrate.json",
                                    "backtest.json", "cultivation.json"};

#define SUB_NAME_MAX 64  /* bytes; a folder name the harness will make */

static char *root;    /* made once: res/ (the result folder) and outside/ */
static char *res;     /* root/res, made afresh for each input */
static char *canary;  /* a random word, only in the files of root/outside */

/* Removes `path` and, when it is a folder, all in it (the folders here are
 * two levels deep at most; symbolic links are not followed). */
static void remove_tree(const char *path)
{
    if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
        GDir *d = g_dir_open(path, 0, NULL);
        for (const char *n; d && (n = g_dir_read_name(d));) {
            g_autofree char *child = g_build_filename(path, n, NULL);
            remove_tree(child);
        }
        if (d)
            g_dir_close(d);
        g_rmdir(path);
    } else {
        g_unlink(path);
    }
}

static void write_file(const char *dir, const char *name, const char *text)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_assert(g_file_set_contents_full(path, text, -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
}

/* `partial` with every key the schema of `kind` requires filled in
 * (results_fill), so that the report would read it.  Caller frees. */
static char *whole(ResultsKind kind, const char *partial)
{
    g_autoptr(JsonParser) p = json_parser_new();
    g_assert(json_parser_load_from_data(p, partial, -1, NULL));
    results_fill(kind, json_parser_get_root(p));
    g_autoptr(JsonGenerator) gen = json_generator_new();
    json_generator_set_root(gen, json_parser_get_root(p));
    return json_generator_to_data(gen, NULL);
}

/* root/outside: a result of its own, beside the one fuzzed, with the
 * canary in its scenario name and a chart, so that a report that reads
 * it (compare.json's id "../outside", a stage id "x/../../outside/c")
 * shows the canary. */
static void make_outside(void)
{
    g_autofree char *out = g_build_filename(root, "outside", NULL);
    g_assert(g_mkdir(out, 0755) == 0);
    g_autofree char *sc = g_strdup_printf("{\"name\": \"%s\", \"stages\": [{\"id\": \"c\", \"name\": \"%s\"}]}",
                                          canary, canary);
    g_autofree char *whole_sc = whole(RESULTS_SCENARIO, sc);
    g_autofree char *whole_summary = whole(RESULTS_SUMMARY, "{}");
    write_file(out, "scenario.json", whole_sc);
    write_file(out, "summary.json", whole_summary);
    g_autofree char *svg = g_strdup_printf("<svg>%s</svg>", canary);
    write_file(out, "c.svg", svg);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fu_init();
    root = fu_scratch_dir();
    res = g_build_filename(root, "res", NULL);
    canary = g_strdup_printf("canary%08x%08x", g_random_int(), g_random_int());
    make_outside();
    /* Without Graphviz on the PATH the report skips its diagram rather than
     * spawn dot on every input: thousands of runs a second, not tens.  The
     * dot text is checked below instead. */
    g_setenv("PATH", "", TRUE);
    return 0;
}

/* TRUE when `name` is one the harness may make a folder of inside res. */
static gboolean harness_name(const char *name)
{
    return *name && strlen(name) <= SUB_NAME_MAX && strchr(name, '/') == NULL && strcmp(name, ".") != 0 &&
           strcmp(name, "..") != 0;
}

/* Writes the parts of `data` into res (made afresh). */
static void write_parts(const uint8_t *data, size_t size)
{
    remove_tree(res);
    g_assert(g_mkdir(res, 0755) == 0);
    const char *p = (const char *)data, *end = p + size;
    g_autofree char *sub = NULL;
    for (gsize i = 0; i < G_N_ELEMENTS(parts); i++) {
        const char *nul = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;
        const char *stop = nul ? nul : end;
        g_autofree char *text = g_strndup(p, (gsize)(stop - p));
        p = nul ? nul + 1 : end;
        if (i == PART_SUB_NAME) {
            sub = harness_name(text) ? g_steal_pointer(&text) : NULL;
            continue;
        }
        if (*text == '\0' || (g_str_has_prefix(parts[i], "SUB/") && sub == NULL))
            continue;
        g_autofree char *rel = g_str_has_prefix(parts[i], "SUB/") ? g_build_filename(sub, parts[i] + 4, NULL)
                                                                  : g_strdup(parts[i]);
        g_autofree char *path = g_build_filename(res, rel, NULL);
        g_autofree char *dir = g_path_get_dirname(path);
        g_mkdir(dir, 0755);  /* may exist already, or be a file: then the write fails */
        g_file_set_contents_full(path, text, -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL);
    }
}

/* TRUE when `dot` is UTF-8 made of lines that close every string they
 * open, with only \\, \" and \n escapes, '&' only as "&amp;" and no
 * control character inside a string, and nothing outside strings but the
 * statement syntax: what no name, however written, can break out of or
 * have dot read as anything but its characters. */
static gboolean dot_well_formed(const char *dot)
{
    static const char syntax[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ =;,.[]{}->\n";
    if (!g_utf8_validate(dot, -1, NULL))
        return FALSE;
    gboolean in = FALSE;
    for (const char *p = dot; *p; p++) {
        if (!in && *p == '"')
            in = TRUE;
        else if (!in && strchr(syntax, *p) == NULL)
            return FALSE;
        else if (in && *p == '"')
            in = FALSE;
        else if (in && *p == '\\' && (p[1] == '\\' || p[1] == '"' || p[1] == 'n'))
            p++;
        else if (in && (*p == '\\' || (*p == '&' && !g_str_has_prefix(p, "&amp;")) || (guchar)*p < 0x20 || *p == 0x7f))
            return FALSE;
    }
    return !in;
}

/* The diagram text of each scenario.json that parses is well formed. */
static void check_dot(void)
{
    const char *files[] = {"scenario.json", "forecast/scenario.json"};
    for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *path = g_build_filename(res, files[i], NULL);
        g_autoptr(JsonParser) parser = json_parser_new();
        if (!json_parser_load_from_file(parser, path, NULL) || json_parser_get_root(parser) == NULL)
            continue;
        /* the language changes only words of ladder's own */
        g_autofree char *dot = report_ladder_dot(json_parser_get_root(parser), "zh");
        if (!dot_well_formed(dot))
            fu_finding("diagram text that dot would misread", dot);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_parts(data, size);
    g_autofree char *html = g_build_filename(root, "report.html", NULL);
    GError *error = NULL;
    gboolean no_dot = FALSE;
    gboolean ok = report_write(res, NULL, html, "fuzz", &no_dot, &error);
    /* a report, or an error that says why not */
    g_assert(ok == (error == NULL));
    g_clear_error(&error);
    /* libFuzzer learns the canary from this very comparison and writes it
     * into inputs: then the report may show it without reading outside */
    g_autofree char *text = NULL;
    if (ok && g_file_get_contents(html, &text, NULL, NULL) && strstr(text, canary) &&
        memmem(data, size, canary, strlen(canary)) == NULL)
        fu_finding("the report read a file outside its folder", text);
    g_unlink(html);
    check_dot();
    return 0;
}
