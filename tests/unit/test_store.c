/* test_store.c - the results store: what tf_write_store writes, and what the queries answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "talentflow/talentflow.h"

#define CN TF_COUNTRY('C', 'N')
#define DE TF_COUNTRY('D', 'E')
#define US TF_COUNTRY('U', 'S')
#define FR TF_COUNTRY('F', 'R')

/* ---- a small hand-made result set --------------------------------------- */

/*
 * Pool 0 ("all"): nets over all years US +1, CN -1, DE -1; DE has no
 * population in 2011. Pool 1 ("phd", in the two-pool fixture): one CN -> DE
 * move in 2010, so its answers differ from every answer of "all".
 */
static const struct tf_cy_row cy[] = {
    {0, 2010, CN, 10, 0, 2, 10, 0}, {0, 2010, US, 20, 2, 0, 20, 0}, {0, 2011, CN, 8, 1, 0, 0, 0},
    {0, 2011, DE, 0, 0, 1, 0, 0},   {0, 2011, US, 21, 0, 1, 0, 1},  {1, 2010, CN, 3, 0, 1, 3, 0},
    {1, 2010, DE, 4, 1, 0, 4, 0},
};

/* CN->US only in 2010, US->CN only in 2011; CN->DE ties CN->US in total. */
static const struct tf_flow_row flows[] = {
    {0, CN, DE, 2011, 2, 0},
    {0, CN, US, 2010, 2, 0},
    {0, US, CN, 2011, 1, 0},
    {1, CN, DE, 2010, 1, 0},
};

static const struct tf_class_row classes[] = {
    {0, CN, TF_CLASS_MIGRANT, 2}, {0, US, TF_CLASS_NON_MOBILE, 5}, {1, CN, TF_CLASS_MIGRANT, 1}};

/* Destination 0 / cohort 0 are the pooled rows. */
static const struct tf_return_row returns[] = {
    {{0, CN, US, 2010, 1}, 2, 0, 2, 0.0}, {{0, CN, US, 2010, 2}, 2, 1, 2, 0.5},
    {{0, CN, US, 0, 1}, 2, 0, 2, 0.0},    {{0, CN, 0, 2010, 1}, 2, 0, 2, 0.0},
    {{0, CN, 0, 0, 1}, 2, 0, 2, 0.0},     {{1, CN, DE, 2010, 1}, 1, 1, 1, 1.0},
    {{1, CN, 0, 0, 1}, 1, 1, 1, 1.0},
};

static const struct tf_stay_row stays[] = {
    {{0, CN, US, 2010, 1}, 2, 2, 2},
    {{0, CN, US, 2011, 1}, 1, 1, 1},
    {{0, CN, 0, 0, 1}, 3, 3, 3},
    {{1, CN, DE, 2010, 1}, 1, 0, 1},
};

/* Rows of pool 0 at the start of each table (tables are sorted pool-major). */
#define N_CY_ALL 5
#define N_FLOWS_ALL 3
#define N_CLASSES_ALL 2
#define N_RETURNS_ALL 5
#define N_STAYS_ALL 3

static struct tf_pool_result two_pools[] = {
    {"all", "", 7, 5},
    {"phd", "career: 0..5; min-works: 1", 2, 1},
};

/* The rows of pool "all" only, as results made without pools (n_pools 0). */
static struct tf_results fixture(void)
{
    struct tf_results r;
    memset(&r, 0, sizeof(r));
    r.country_year = (struct tf_cy_row *)cy;
    r.n_country_year = N_CY_ALL;
    r.flows = (struct tf_flow_row *)flows;
    r.n_flows = N_FLOWS_ALL;
    r.classes = (struct tf_class_row *)classes;
    r.n_classes = N_CLASSES_ALL;
    r.returns = (struct tf_return_row *)returns;
    r.n_returns = N_RETURNS_ALL;
    r.stays = (struct tf_stay_row *)stays;
    r.n_stays = N_STAYS_ALL;
    r.observations = 40;
    r.kept = 38;
    r.people = 7;
    r.moves = 5;
    r.skips.n[TF_SKIP_DUPLICATE] = 2;
    return r;
}

static void make_dir(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/store_%s", TF_TEST_TMP, name);
    mkdir(buf, 0777);
}

/* "123456789" has the well-known CRC-32 cbf43926. */
static void write_check_file(char *path, size_t size)
{
    snprintf(path, size, "%s/store_check.txt", TF_TEST_TMP);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("123456789", f);
    fclose(f);
}

/* Every row: the pools "all" and "phd". */
static struct tf_results fixture_two_pools(void)
{
    struct tf_results r = fixture();
    r.n_country_year = sizeof(cy) / sizeof(cy[0]);
    r.n_flows = sizeof(flows) / sizeof(flows[0]);
    r.n_classes = sizeof(classes) / sizeof(classes[0]);
    r.n_returns = sizeof(returns) / sizeof(returns[0]);
    r.n_stays = sizeof(stays) / sizeof(stays[0]);
    r.pools = two_pools;
    r.n_pools = 2;
    return r;
}

/* Writes the fixture (two pools when `pools`) into DIR with one real input and standard input. */
static void write_fixture_pools(const char *dir, int pools)
{
    static char check[512];
    static char *v[2] = {check, "-"};
    static uint64_t sizes[2] = {9, 0};
    write_check_file(check, sizeof(check));
    struct tf_paths in = {v, sizes, 2, 2};
    struct tf_skips read;
    tf_skips_init(&read);
    read.n[TF_SKIP_BAD_YEAR] = 3;
    struct tf_engine_opts o;
    tf_engine_opts_init(&o);
    o.year_from = 2010;
    struct tf_run_info info = {&in, "csv", 41, 900, &read, &o, 0, 0, 0, NULL};
    struct tf_results r = pools ? fixture_two_pools() : fixture();
    struct tf_error err;
    assert_int_equal(tf_write_store(&r, &info, dir, &err), 0);
}

static void write_fixture(const char *dir)
{
    write_fixture_pools(dir, 0);
}

/* ---- what is written ---------------------------------------------------- */

static sqlite3 *open_raw(const char *dir)
{
    char path[600];
    sqlite3 *db = NULL;
    snprintf(path, sizeof(path), "%s/talentflow.sqlite", dir);
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    return db;
}

/* The first column of the first row of `sql` as text ("NULL" for null, "" for no row). */
static const char *one(sqlite3 *db, const char *sql)
{
    static char buf[512];
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    buf[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        snprintf(buf, sizeof(buf), "%s", t ? (const char *)t : "NULL");
    }
    sqlite3_finalize(st);
    return buf;
}

static void test_written(void **state)
{
    (void)state;
    char dir[512];
    make_dir(dir, sizeof(dir), "written");
    write_fixture(dir);
    sqlite3 *db = open_raw(dir);
    char n_reasons[16];
    snprintf(n_reasons, sizeof(n_reasons), "%d", (int)TF_SKIP_COUNT);
    const char *const cases[][2] = {
        {"SELECT value FROM meta WHERE key = 'schema_version'", "3"},
        {"SELECT value FROM meta WHERE key = 'format'", "csv"},
        {"SELECT value FROM meta WHERE key = 'people'", "7"},
        {"SELECT value FROM meta WHERE key = 'observations_kept'", "38"},
        {"SELECT value FROM meta WHERE key = 'records'", "41"},
        {"SELECT value FROM meta WHERE key = 'bytes'", "900"},
        {"SELECT value FROM meta WHERE key = 'persons_kept'", "0"},
        {"SELECT value = '0.1.0' OR length(value) > 0 FROM meta WHERE key = 'talentflow_version'",
         "1"},
        {"SELECT instr(value, '\"year_from\": 2010') > 0 FROM meta WHERE key = 'options'", "1"},
        {"SELECT crc32 FROM inputs WHERE path LIKE '%store_check.txt'", "cbf43926"},
        {"SELECT bytes FROM inputs WHERE path LIKE '%store_check.txt'", "9"},
        {"SELECT crc32 FROM inputs WHERE path = '-'", "NULL"},
        {"SELECT COUNT(*) FROM skips", n_reasons}, /* every reason, counted or not */
        {"SELECT n FROM skips WHERE reason = 'bad_year'", "3"},
        {"SELECT n FROM skips WHERE reason = 'duplicate'", "2"},
        {"SELECT group_concat(code) FROM (SELECT code FROM countries ORDER BY code)", "CN,DE,US"},
        {"SELECT name FROM countries WHERE code = 'DE'", "Germany"},
        {"SELECT alpha3 FROM countries WHERE code = 'US'", "USA"},
        {"SELECT COUNT(*) FROM country_year", "5"},
        {"SELECT in_rate FROM country_year WHERE year = 2011 AND country = 'DE'", "NULL"},
        {"SELECT net_rate FROM country_year WHERE year = 2010 AND country = 'CN'", "-0.2"},
        {"SELECT net_migration FROM country_year WHERE year = 2010 AND country = 'CN'", "-2"},
        {"SELECT net FROM flows WHERE origin = 'CN' AND destination = 'US'", "2"},
        {"SELECT class FROM classes WHERE origin = 'US'", "non_mobile"},
        {"SELECT COUNT(*) FROM returns WHERE destination = '*' AND cohort IS NULL", "1"},
        {"SELECT COUNT(*) FROM returns WHERE destination = 'US' AND cohort IS NULL", "1"},
        {"SELECT km FROM returns WHERE cohort = 2010 AND k = 2", "0.5"},
        {"SELECT arrived FROM stays WHERE destination = '*'", "3"},
        {"SELECT COUNT(*) FROM persons", "0"},
        {"SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'persons_by_origin'",
         "1"},
        /* results without pools are the one pool "all" */
        {"SELECT group_concat(name || ':' || definition || ':' || people || ':' || moves || ':' ||"
         " ordinal) FROM pools",
         "all::7:5:0"},
        {"SELECT COUNT(*) FROM flows WHERE pool = 'all'", "3"},
        {"SELECT COUNT(*) FROM returns WHERE pool <> 'all'", "0"},
        {"SELECT COUNT(*) FROM pragma_table_info('persons') WHERE name = 'pools'", "1"},
        {"SELECT group_concat(name) FROM pragma_table_info('stays') WHERE cid = 0", "pool"},
        {"SELECT group_concat(name) FROM pragma_index_info('flows_by_destination') WHERE seqno = 0",
         "pool"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = one(db, cases[i][0]);
        if (strcmp(got, cases[i][1]) != 0)
            fail_msg("%s: got '%s', want '%s'", cases[i][0], got, cases[i][1]);
    }
    sqlite3_close(db);
}

/* Nothing but the store is left in the folder. */
static void test_no_leftovers(void **state)
{
    (void)state;
    char dir[512];
    make_dir(dir, sizeof(dir), "leftovers");
    write_fixture(dir);
    write_fixture(dir); /* over an existing store */
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            assert_string_equal(e->d_name, "talentflow.sqlite");
    closedir(d);
}

static void test_write_fails(void **state)
{
    (void)state;
    char path[512];
    struct tf_error err;
    write_check_file(path, sizeof(path)); /* a file where a folder should be */
    struct tf_results r = fixture();
    struct tf_run_info info = {NULL, "csv", 0, 0, NULL, NULL, 0, 0, 0, NULL};
    assert_int_equal(tf_write_store(&r, &info, path, &err), TF_ERR_IO);
    assert_non_null(strstr(err.msg, "store_check.txt"));
}

/* ---- opening ------------------------------------------------------------ */

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void make_db(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    unlink(path);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void test_open_errors(void **state)
{
    (void)state;
    char dir[512], text[600], empty[600], newer[600], older[600], cut[600];
    make_dir(dir, sizeof(dir), "open");
    snprintf(text, sizeof(text), "%s/text.sqlite", dir);
    snprintf(empty, sizeof(empty), "%s/empty.sqlite", dir);
    snprintf(newer, sizeof(newer), "%s/newer.sqlite", dir);
    snprintf(older, sizeof(older), "%s/older.sqlite", dir);
    snprintf(cut, sizeof(cut), "%s/cut.sqlite", dir);
    write_text(text, "person,year,country\n");
    make_db(empty, "CREATE TABLE t(x)");
    make_db(newer, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
                   "INSERT INTO meta VALUES('schema_version', '4')");
    make_db(older, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
                   "INSERT INTO meta VALUES('schema_version', '1')");
    /* a store cut short after SQLite's 100-byte header: its pages are gone */
    make_db(cut, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
                 "INSERT INTO meta VALUES('schema_version', '2')");
    assert_int_equal(truncate(cut, 100), 0);
    const struct {
        const char *path;
        int status;
        const char *msg;
    } cases[] = {
        {dir, TF_ERR_IO, "no results store"}, /* a folder without a store */
        {text, TF_ERR_FORMAT, "not a talentflow results store: not an SQLite database"},
        {empty, TF_ERR_FORMAT, "not a talentflow results store: no such table: meta"},
        {cut, TF_ERR_FORMAT, "damaged results store (truncated or corrupted"},
        {newer, TF_ERR_FORMAT, "schema version 4; this talentflow reads version 3"},
        {older, TF_ERR_FORMAT, "older talentflow; this talentflow reads version 3: rerun"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct tf_store *s = (struct tf_store *)1;
        struct tf_error err;
        assert_int_equal(tf_store_open(&s, cases[i].path, &err), cases[i].status);
        assert_null(s);
        assert_non_null(strstr(err.msg, cases[i].msg));
    }
    tf_store_free(NULL);
}

/* ---- queries ------------------------------------------------------------ */

static struct tf_store *open_fixture(void)
{
    char dir[512];
    struct tf_store *s = NULL;
    struct tf_error err;
    make_dir(dir, sizeof(dir), "queries");
    write_fixture(dir);
    assert_int_equal(tf_store_open(&s, dir, &err), 0);
    assert_non_null(strstr(tf_store_path(s), "talentflow.sqlite"));
    return s;
}

static void test_flows(void **state)
{
    (void)state;
    struct tf_store *s = open_fixture();
    struct {
        struct tf_flow_query q;
        size_t n;
        struct tf_flow_total want[3];
    } cases[] = {
        /* a corridor: a year with only the way back still shows */
        {{NULL, CN, US, 0, 0, 0}, 2, {{CN, US, 2010, 2, 0}, {CN, US, 2011, 0, 1}}},
        {{NULL, CN, US, 0, 0, 1}, 1, {{CN, US, 2010, 2, 0}}},
        {{NULL, CN, US, 2011, 0, 0}, 1, {{CN, US, 2011, 0, 1}}},
        /* corridors from CN: equal totals in destination order; back over the same years */
        {{NULL, CN, 0, 0, 0, 0}, 2, {{CN, DE, 0, 2, 0}, {CN, US, 0, 2, 1}}},
        {{NULL, CN, 0, 0, 2010, 0}, 1, {{CN, US, 0, 2, 0}}},
        {{NULL, 0, CN, 0, 0, 0}, 1, {{US, CN, 0, 1, 2}}},
        {{NULL, 0, 0, 0, 0, 2}, 2, {{CN, DE, 0, 2, 0}, {CN, US, 0, 2, 1}}},
        {{NULL, FR, 0, 0, 0, 0}, 0, {{0}}},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct tf_flow_total *rows = NULL;
        size_t n = 99;
        assert_int_equal(tf_store_flows(s, &cases[i].q, &rows, &n, NULL), 0);
        assert_int_equal(n, cases[i].n);
        for (size_t j = 0; j < n; j++) {
            assert_int_equal(rows[j].origin, cases[i].want[j].origin);
            assert_int_equal(rows[j].destination, cases[i].want[j].destination);
            assert_int_equal(rows[j].year, cases[i].want[j].year);
            assert_int_equal(rows[j].n, cases[i].want[j].n);
            assert_int_equal(rows[j].back, cases[i].want[j].back);
        }
        free(rows);
    }
    struct tf_flow_query same = {NULL, US, US, 0, 0, 0};
    struct tf_flow_total *rows = NULL;
    size_t n = 0;
    assert_int_equal(tf_store_flows(s, &same, &rows, &n, NULL), TF_ERR_USAGE);
    tf_store_free(s);
}

static void test_rates(void **state)
{
    (void)state;
    struct tf_store *s = open_fixture();
    struct tf_cohort_rates *r = NULL;
    size_t n = 0;
    /* cohorts 2010 (both sides), 2011 (stays only), pooled (returns only) */
    assert_int_equal(tf_store_rates(s, NULL, CN, US, 1, &r, &n, NULL), 0);
    assert_int_equal(n, 3);
    assert_int_equal(r[0].cohort, 2010);
    assert_true(r[0].has_returns && r[0].has_stays);
    assert_int_equal(r[0].departed, 2);
    assert_int_equal(r[0].arrived, 2);
    assert_int_equal(r[1].cohort, 2011);
    assert_false(r[1].has_returns);
    assert_int_equal(r[1].stayed, 1);
    assert_int_equal(r[2].cohort, 0);
    assert_true(r[2].has_returns && !r[2].has_stays);
    free(r);
    assert_int_equal(tf_store_rates(s, NULL, CN, US, 2, &r, &n, NULL), 0);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].returned, 1);
    assert_true(r[0].km == 0.5);
    free(r);
    /* any destination: the pooled rows */
    assert_int_equal(tf_store_rates(s, NULL, CN, 0, 1, &r, &n, NULL), 0);
    assert_int_equal(n, 2);
    assert_int_equal(r[1].cohort, 0);
    assert_int_equal(r[1].arrived, 3);
    free(r);
    assert_int_equal(tf_store_rates(s, NULL, CN, US, 0, &r, &n, NULL), TF_ERR_USAGE);
    assert_int_equal(tf_store_rates(s, NULL, 0, US, 1, &r, &n, NULL), TF_ERR_USAGE);
    tf_store_free(s);
}

static void test_top(void **state)
{
    (void)state;
    struct tf_store *s = open_fixture();
    const struct {
        enum tf_top_by by;
        int year;
        size_t top;
        const char *want; /* codes in order */
    } cases[] = {
        {TF_TOP_NET, 0, 0, "US CN DE"}, /* gain, then losses; equal losses by code */
        {TF_TOP_NET, 0, 1, "US CN"},    /* the biggest loss on a tie is the smaller code */
        {TF_TOP_NET, 2011, 0, "CN DE US"}, {TF_TOP_IN, 0, 0, "US CN"},
        {TF_TOP_OUT, 0, 0, "CN DE US"},    {TF_TOP_OUT, 2010, 5, "CN"},
        {TF_TOP_IN, 1999, 0, ""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct tf_country_total *r = NULL;
        size_t n = 0;
        char got[64] = "", code[3];
        assert_int_equal(
            tf_store_top(s, NULL, cases[i].by, cases[i].year, cases[i].top, &r, &n, NULL), 0);
        for (size_t j = 0; j < n; j++)
            snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s", j ? " " : "",
                     tf_country_code(r[j].country, code));
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("case %zu: got '%s', want '%s'", i, got, cases[i].want);
        if (n && cases[i].year == 0 && r[0].country == US)
            assert_int_equal(r[0].population, 41); /* person-years */
        free(r);
    }
    tf_store_free(s);
}

static void test_lookups(void **state)
{
    (void)state;
    struct tf_store *s = open_fixture();
    char buf[8];
    int first, last;
    assert_int_equal(tf_store_has_country(s, DE, NULL), 1);
    assert_int_equal(tf_store_has_country(s, FR, NULL), 0);
    assert_int_equal(tf_store_years(s, &first, &last, NULL), 0);
    assert_int_equal(first, 2010);
    assert_int_equal(last, 2011);
    assert_int_equal(tf_store_meta(s, "format", buf, sizeof(buf), NULL), 3);
    assert_string_equal(buf, "csv");
    assert_int_equal(tf_store_meta(s, "no such key", buf, sizeof(buf), NULL), 0);
    assert_string_equal(buf, "");
    assert_int_equal(tf_store_meta(s, "talentflow_version", buf, 2, NULL),
                     (int)strlen(tf_version()));
    assert_int_equal(strlen(buf), 1); /* truncated */
    tf_store_free(s);
}

/* ---- talent pools -------------------------------------------------------- */

static struct tf_store *open_two_pools(void)
{
    char dir[512];
    struct tf_store *s = NULL;
    make_dir(dir, sizeof(dir), "pools");
    write_fixture_pools(dir, 1);
    assert_int_equal(tf_store_open(&s, dir, NULL), 0);
    return s;
}

static void test_pools_listed(void **state)
{
    (void)state;
    struct tf_store *s = open_two_pools();
    struct tf_store_pool *p = NULL;
    size_t n = 0;
    assert_int_equal(tf_store_pools(s, &p, &n, NULL), 0);
    assert_int_equal(n, 2);
    assert_string_equal(p[0].name, "all");
    assert_string_equal(p[0].definition, "");
    assert_int_equal(p[0].people, 7);
    assert_string_equal(p[1].name, "phd");
    assert_string_equal(p[1].definition, "career: 0..5; min-works: 1");
    assert_int_equal(p[1].people, 2);
    assert_int_equal(p[1].moves, 1);
    free(p);
    tf_store_free(s);
}

/* Flows answer for one pool: "all" as without pools, "phd" its rows only, "nope" none. */
static void test_pools_flows(void **state)
{
    (void)state;
    struct tf_store *s = open_two_pools();
    struct tf_flow_total *f = NULL;
    size_t n = 0;
    struct tf_flow_query q = {"phd", CN, 0, 0, 0, 0};
    assert_int_equal(tf_store_flows(s, &q, &f, &n, NULL), 0);
    assert_int_equal(n, 1); /* "all" has CN -> DE and CN -> US */
    assert_int_equal(f[0].destination, DE);
    assert_int_equal(f[0].n, 1);
    free(f);
    q.pool = "all";
    assert_int_equal(tf_store_flows(s, &q, &f, &n, NULL), 0);
    assert_int_equal(n, 2);
    assert_int_equal(f[0].n + f[1].n, 4); /* not 5: phd's move is not added in */
    free(f);
    q = (struct tf_flow_query){"phd", CN, DE, 0, 0, 0};
    assert_int_equal(tf_store_flows(s, &q, &f, &n, NULL), 0);
    assert_int_equal(n, 1);
    assert_int_equal(f[0].year, 2010);
    free(f);
    q.pool = "nope";
    assert_int_equal(tf_store_flows(s, &q, &f, &n, NULL), 0);
    assert_int_equal(n, 0);
    tf_store_free(s);
}

/* Rates and rankings answer for one pool too. */
static void test_pools_rates_top(void **state)
{
    (void)state;
    struct tf_store *s = open_two_pools();
    struct tf_cohort_rates *r = NULL;
    struct tf_country_total *t = NULL;
    size_t n = 0;
    assert_int_equal(tf_store_rates(s, "phd", CN, 0, 1, &r, &n, NULL), 0);
    assert_int_equal(n, 1); /* the pooled cohort only; "all" also has 2010 */
    assert_int_equal(r[0].returned, 1);
    assert_false(r[0].has_stays);
    free(r);
    assert_int_equal(tf_store_rates(s, NULL, CN, 0, 1, &r, &n, NULL), 0);
    assert_int_equal(n, 2);
    assert_int_equal(r[1].departed, 2);
    free(r);
    assert_int_equal(tf_store_top(s, "phd", TF_TOP_NET, 0, 0, &t, &n, NULL), 0);
    assert_int_equal(n, 2); /* DE +1, CN -1; "all" ranks US first */
    assert_int_equal(t[0].country, DE);
    assert_int_equal(t[0].population, 4);
    assert_int_equal(t[1].country, CN);
    free(t);
    assert_int_equal(tf_store_top(s, "all", TF_TOP_NET, 2010, 0, &t, &n, NULL), 0);
    assert_int_equal(n, 2);
    assert_int_equal(t[0].country, US);
    assert_int_equal(t[1].population, 10); /* CN in 2010 of "all", not 10 + 3 */
    free(t);
    /* a pool the store does not have matches nothing */
    assert_int_equal(tf_store_top(s, "nope", TF_TOP_NET, 0, 0, &t, &n, NULL), 0);
    assert_int_equal(n, 0);
    tf_store_free(s);
}

/* ---- persons, through a real engine ------------------------------------- */

static void add(struct tf_engine *e, const char *person, int year, tf_country c)
{
    struct tf_obs o;
    memset(&o, 0, sizeof(o));
    assert_int_equal(tf_person_parse(person, strlen(person), &o.person), 0);
    o.year = (int16_t)year;
    o.country = c;
    o.weight = TF_WEIGHT_UNIT;
    const char *names[1] = {person};
    assert_int_equal(tf_engine_add(e, &o, 1, names, NULL), 0);
}

/*
 * Adds whereabouts rows of a pool "phd" (ann in US, cy in DE) and "phd2"
 * (dee in US) to the store, as a run with pools writes them (the engine
 * here has none), and asks where per pool.
 */
static void where_by_pool(const char *dir)
{
    char path[600];
    sqlite3 *db = NULL;
    struct tf_store *s = NULL;
    struct tf_where_row *w = NULL;
    size_t n = 0;
    snprintf(path, sizeof(path), "%s/talentflow.sqlite", dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO whereabouts VALUES ('phd', 'CN', 'US', 1),"
                                  " ('phd', 'CN', 'DE', 1), ('phd2', 'CN', 'US', 1)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(tf_store_open(&s, dir, NULL), 0);
    assert_int_equal(tf_store_where(s, "phd", CN, &w, &n, NULL), 0);
    assert_int_equal(n, 2); /* ann in US, cy in DE; dee's "phd2" is another pool */
    assert_int_equal(w[0].country, DE);
    assert_int_equal(w[1].country, US);
    assert_true(w[0].share == 0.5);
    free(w);
    assert_int_equal(tf_store_where(s, "all", CN, &w, &n, NULL), 0);
    assert_int_equal(n, 3);
    free(w);
    tf_store_free(s);
}

static void test_persons(void **state)
{
    (void)state;
    struct tf_engine_opts o;
    struct tf_engine *e = NULL;
    struct tf_results *r = NULL;
    struct tf_store *s = NULL;
    struct tf_where_row *w = NULL;
    size_t n = 0;
    char dir[512], kept[4];
    tf_engine_opts_init(&o);
    o.persons = 1;
    o.threads = 1;
    o.partitions = 2;
    o.tmpdir = TF_TEST_TMP;
    assert_int_equal(tf_engine_new(&e, &o, NULL), 0);
    add(e, "ann", 2000, CN), add(e, "ann", 2003, US); /* CN, now US */
    add(e, "bob", 2000, CN), add(e, "bob", 2004, CN); /* CN, stays */
    add(e, "cy", 2001, CN), add(e, "cy", 2002, DE);   /* CN, now DE */
    add(e, "dee", 2001, CN), add(e, "dee", 2002, US); /* CN, now US */
    add(e, "eve", 2000, US);                          /* another origin */
    assert_int_equal(tf_engine_finish(e, &r, NULL), 0);
    struct tf_run_info info = {NULL, "csv", 9, 0, NULL, &o, 0, 0, 0, NULL};
    make_dir(dir, sizeof(dir), "persons");
    assert_int_equal(tf_write_store(r, &info, dir, NULL), 0);
    assert_int_equal(tf_store_open(&s, dir, NULL), 0);
    assert_int_equal(tf_store_meta(s, "persons_kept", kept, sizeof(kept), NULL), 1);
    assert_string_equal(kept, "1");
    assert_int_equal(tf_store_where(s, NULL, CN, &w, &n, NULL), 0);
    assert_int_equal(n, 3); /* US 2, then CN 1 and DE 1 by code */
    assert_int_equal(w[0].country, US);
    assert_int_equal(w[0].people, 2);
    assert_true(w[0].share == 0.5);
    assert_int_equal(w[1].country, CN);
    assert_int_equal(w[2].country, DE);
    free(w);
    assert_int_equal(tf_store_where(s, NULL, FR, &w, &n, NULL), 0);
    assert_int_equal(n, 0);
    assert_null(w);
    tf_store_free(s);
    where_by_pool(dir);
    tf_results_free(r);
    tf_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_written),     cmocka_unit_test(test_no_leftovers),
        cmocka_unit_test(test_write_fails), cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_flows),       cmocka_unit_test(test_rates),
        cmocka_unit_test(test_top),         cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_persons),     cmocka_unit_test(test_pools_listed),
        cmocka_unit_test(test_pools_flows), cmocka_unit_test(test_pools_rates_top),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
