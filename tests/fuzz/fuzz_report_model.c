/*
 * fuzz_report_model.c - libFuzzer target for the report's model section:
 * the files of `talentflow fit -o` and `talentflow project -o` as
 * tf_write_report reads them (report_model.c) and draws them
 * (report_model_page.c).
 *
 * An input is up to four files separated by lines "----": fit.csv,
 * headline.csv, stocks.csv and scenario.json. A part left out is not
 * written (the fit alone, then no projection is asked for, or a projection
 * without a scenario); a part present but empty is an empty file. The report is drawn from a small
 * store made once, on first use, from tests/data/report/store.sql, with the
 * model and the projection read from the scratch folder, in English or
 * Chinese by the input's size. Every failure must be a status with a
 * message and leave no report; a written report must hold no text of the
 * input unescaped (no "<xss" a seed planted) and is removed for the next
 * input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "talentflow/error.h"
#include "talentflow/report.h"
#include "talentflow/store.h"

#include "fuzz_input.h"

#ifndef TF_FUZZ_STORE_SQL
#error "TF_FUZZ_STORE_SQL names the SQL of the report's test store"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PARTS 4

static const char *const part_names[PARTS] = {"fit.csv", "headline.csv", "stocks.csv",
                                              "scenario.json"};

/* Reads the whole of `path`, NUL-terminated; NULL when it cannot. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *s = NULL;
    long n = f && fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (s = malloc((size_t)n + 1)) != NULL) {
        *len = fread(s, 1, (size_t)n, f);
        s[*len] = '\0';
    }
    if (f)
        fclose(f);
    return s;
}

/* The store, made once from the test SQL; a harness that cannot make it checks nothing. */
static void make_store(void)
{
    static int made;
    if (made)
        return;
    char path[4300];
    size_t len = 0;
    char *sql = slurp(TF_FUZZ_STORE_SQL, &len);
    sqlite3 *db = NULL;
    snprintf(path, sizeof(path), "%s/%s", fuzz_input_folder(), TF_STORE_FILE);
    if (!sql || sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "fuzz_report_model: cannot make the store from %s\n", TF_FUZZ_STORE_SQL);
        abort();
    }
    sqlite3_close(db);
    free(sql);
    made = 1;
}

/*
 * Writes each part present to its file and removes the files of the parts
 * left out. Returns the number of parts present (1 to 4).
 */
static size_t write_parts(const uint8_t *data, size_t size)
{
    size_t present = 0;
    char path[4300];
    size_t at = 0;
    for (size_t k = 0; k < PARTS; k++) {
        if (at > size) {
            snprintf(path, sizeof(path), "%s/%s", fuzz_input_folder(), part_names[k]);
            unlink(path);
            continue;
        }
        size_t end = k + 1 < PARTS ? fuzz_input_separator(data, size, at) : size;
        fuzz_input_write(part_names[k], data + at, end - at);
        present++;
        at = end + 5; /* past the separator; beyond size when there was none */
    }
    return present;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const langs[] = {"en", "zh-Hans", "zh-Hant"};
    struct tf_report_opts o;
    struct tf_error err;
    struct stat st;
    char out[4300];
    const char *dir = fuzz_input_folder();
    make_store();
    size_t present = write_parts(data, size);
    snprintf(out, sizeof(out), "%s/report.html", dir);
    tf_report_opts_init(&o);
    o.model_dir = dir;
    o.projection_dir = present > 1 ? dir : NULL; /* the fit alone: no projection asked for */
    o.lang = langs[size % 3];
    tf_error_init(&err);
    int rc = tf_write_report(dir, &o, &err);
    if (rc < 0 && err.msg[0] == '\0')
        abort();
    if ((stat(out, &st) == 0) != (rc == 0))
        abort();
    if (rc == 0) {
        size_t len = 0;
        char *html = slurp(out, &len);
        if (!html || strlen(html) != len || strstr(html, "<xss")) {
            fprintf(stderr, "fuzz_report_model: the report holds input unescaped\n");
            abort();
        }
        free(html);
    }
    unlink(out);
    return 0;
}
