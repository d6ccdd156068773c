/*
 * fuzz_store.c - libFuzzer target for the results store as the queries and
 * the report read it.
 *
 * Each input is written as talentflow.sqlite into the scratch folder: a
 * store from elsewhere may be truncated, damaged, foreign or hostile. It is
 * opened with tf_store_open, asked what `talentflow flows`, `rates`,
 * `where` and `top` ask, and drawn with tf_write_report into the same
 * folder. Every failure must be a status with a message; a failed report
 * leaves no file, a written one is removed for the next input, and nothing
 * else appears beside the store.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "talentflow/error.h"
#include "talentflow/report.h"
#include "talentflow/store.h"

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A query's outcome: rows only on success, a message on failure. Called after the query
   returns (not with it as an argument: the rows must be read once it has set them). */
static void check(int rc, void *rows, size_t n, const struct tf_error *err)
{
    if (rc < 0 && (rows || n || err->msg[0] == '\0'))
        abort();
    if (rc == 0 && (rows == NULL) != (n == 0))
        abort();
    free(rows);
}

static void ask_flows(struct tf_store *s, const char *pool, tf_country a, tf_country b)
{
    struct tf_flow_query q;
    struct tf_flow_total *rows = NULL;
    struct tf_error err;
    size_t n = 0;
    tf_error_init(&err);
    tf_flow_query_init(&q);
    q.pool = pool;
    q.from = a;
    q.to = b;
    q.top = 3;
    int rc = tf_store_flows(s, &q, &rows, &n, &err);
    check(rc, rows, n, &err);
}

static void ask_country(struct tf_store *s, const char *pool, tf_country a, tf_country b)
{
    struct tf_cohort_rates *rates = NULL;
    struct tf_where_row *where = NULL;
    struct tf_error err;
    size_t n = 0;
    tf_error_init(&err);
    int rc = tf_store_rates(s, pool, a, b, 1, &rates, &n, &err);
    check(rc, rates, n, &err);
    n = 0;
    tf_error_init(&err);
    rc = tf_store_where(s, pool, a, &where, &n, &err);
    check(rc, where, n, &err);
    tf_error_init(&err);
    if (tf_store_has_country(s, a, &err) < 0 && err.msg[0] == '\0')
        abort();
}

static void ask_top(struct tf_store *s, const char *pool, int year)
{
    for (int by = TF_TOP_NET; by <= TF_TOP_OUT; by++) {
        struct tf_country_total *rows = NULL;
        struct tf_error err;
        size_t n = 0;
        tf_error_init(&err);
        int rc = tf_store_top(s, pool, (enum tf_top_by)by, year, 2, &rows, &n, &err);
        check(rc, rows, n, &err);
    }
}

/* Every question, for "all" and each pool the store names. */
static void ask_all(struct tf_store *s)
{
    struct tf_store_pool *pools = NULL;
    struct tf_error err;
    size_t n = 0;
    int first = 0, last = 0;
    char buf[64];
    tf_country de = 0, us = 0;
    tf_country_parse("DE", 2, &de);
    tf_country_parse("US", 2, &us);
    tf_error_init(&err);
    if (tf_store_meta(s, "created_utc", buf, sizeof(buf), &err) < 0 && err.msg[0] == '\0')
        abort();
    if (tf_store_years(s, &first, &last, &err) < 0 && err.msg[0] == '\0')
        abort();
    int rc = tf_store_pools(s, &pools, &n, &err);
    for (size_t i = 0; i <= (rc == 0 ? n : 0) && i < 4; i++) {
        const char *pool = i < n ? pools[i].name : NULL;
        if (i < n && !memchr(pools[i].name, 0, sizeof(pools[i].name)))
            abort();
        ask_flows(s, pool, 0, 0);
        ask_flows(s, pool, de, 0);
        ask_flows(s, pool, de, us);
        ask_country(s, pool, de, 0);
        ask_country(s, pool, us, de);
        ask_top(s, pool, 0);
        ask_top(s, pool, last);
    }
    check(rc, pools, n, &err);
}

/* The report: written whole, or not at all. */
static void report(const char *dir)
{
    struct tf_report_opts o;
    struct tf_error err;
    struct stat st;
    char out[4300];
    snprintf(out, sizeof(out), "%s/report.html", dir);
    tf_report_opts_init(&o);
    tf_error_init(&err);
    int rc = tf_write_report(dir, &o, &err);
    if (rc < 0 && err.msg[0] == '\0')
        abort();
    if ((stat(out, &st) == 0) != (rc == 0))
        abort();
    unlink(out);
}

/* Reading wrote nothing beside the store: no journal, no temporary report. */
static void check_left_alone(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (e->d_name[0] != '.' && strcmp(e->d_name, TF_STORE_FILE) != 0) {
            fprintf(stderr, "left behind: %s/%s\n", dir, e->d_name);
            abort();
        }
    if (d)
        closedir(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tf_store *s = NULL;
    struct tf_error err;
    tf_error_init(&err);
    const char *path = fuzz_input_write(TF_STORE_FILE, data, size);
    int rc = tf_store_open(&s, path, &err);
    if (rc < 0 && (s || err.msg[0] == '\0'))
        abort();
    if (rc == 0)
        ask_all(s);
    tf_store_free(s);
    report(fuzz_input_folder());
    check_left_alone(fuzz_input_folder());
    return 0;
}
