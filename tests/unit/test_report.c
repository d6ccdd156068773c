/*
 * test_report.c - the HTML report on the hand-made store in
 * tests/data/report/store.sql: every chart, the headline numbers worked out
 * from that file (pool "all" only, though the file has a second pool),
 * the pools compared, escaping, the years and countries options,
 * determinism, and failures that leave no file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "talentflow/report.h"

#define STORE_SQL TF_TEST_DATA "/report/store.sql"
#define PCT "\xe2\x80\xaf%" /* the narrow no-break space before a per cent sign */
#define MINUS "\xe2\x88\x92"
#define ARROW "\xe2\x86\x92"
#define EN_DASH "\xe2\x80\x93"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* A fresh folder TF_TEST_TMP/report_NAME holding the store made from `sql` (NULL = none). */
static void make_store(const char *name, const char *sql, char dir[256])
{
    char path[320];
    snprintf(dir, 256, "%s/report_%s", TF_TEST_TMP, name);
    mkdir(TF_TEST_TMP, 0777);
    mkdir(dir, 0777);
    snprintf(path, sizeof(path), "%s/talentflow.sqlite", dir);
    unlink(path);
    snprintf(path, sizeof(path), "%s/report.html", dir);
    unlink(path);
    if (!sql)
        return;
    snprintf(path, sizeof(path), "%s/talentflow.sqlite", dir);
    sqlite3 *db = NULL;
    char *msg = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fail_msg("%s", msg);
    sqlite3_close(db);
}

static char *fixture_sql(void)
{
    char *sql = slurp(STORE_SQL);
    assert_non_null(sql);
    return sql;
}

/* Writes the report of the fixture store with `o` and returns its text. */
static char *report_of(const char *name, const struct tf_report_opts *o)
{
    char dir[256], path[320];
    struct tf_error err;
    char *sql = fixture_sql();
    make_store(name, sql, dir);
    free(sql);
    tf_error_init(&err);
    int rc = tf_write_report(dir, o, &err);
    if (rc != 0)
        fail_msg("%s", err.msg);
    snprintf(path, sizeof(path), "%s/report.html", dir);
    char *html = slurp(path);
    assert_non_null(html);
    return html;
}

static void test_every_chart(void **state)
{
    (void)state;
    static const char *const ids[] = {"chart-focus-flows", "chart-focus-returns", "chart-flows",
                                      "chart-net",         "chart-rates",         "chart-returns",
                                      "chart-cohorts",     "chart-classes"};
    char *html = report_of("charts", NULL);
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        char want[64];
        snprintf(want, sizeof(want), "<svg id=\"%s\"", ids[i]);
        assert_non_null(strstr(html, want));
    }
    /* Self-contained: nothing fetched, the only URL is the SVG namespace. */
    assert_null(strstr(html, "https://"));
    assert_null(strstr(html, " src="));
    assert_null(strstr(html, "@import"));
    for (const char *p = html; (p = strstr(p, "http://")) != NULL; p++)
        assert_int_equal(strncmp(p, "http://www.w3.org/2000/svg\"", 27), 0);
    /* Every chart has a data table, so have the pools section and where the pair's people
       are; no pipeline placeholder. */
    size_t tables = 0;
    for (const char *p = html; (p = strstr(p, "<table class=\"sortable\">")) != NULL; p++)
        tables++;
    assert_int_equal(tables, 10);
    assert_null(strstr(html, "pipeline"));
    assert_non_null(strstr(html, "</html>\n"));
    free(html);
}

static void test_headlines(void **state)
{
    (void)state;
    static const char *const want[] = {
        "The run followed 1,000 researchers, who made 118 moves between countries; 4,900 of "
        "5,000 observations were kept.",
        /* classes of CN: 300 non-mobile, 60 migrants, 30 + 10 travellers */
        "Of 400 researchers whose origin is CN (China), 15.0" PCT " are migrants, 7.5" PCT
        " directional and 2.5" PCT " non-directional travellers, and 75.0" PCT
        " were only ever seen in one country.",
        /* km at k = 5 of the pooled CN row; at risk = observed(5) 25 - returned(4) 11 */
        "Of 56 researchers who left CN (China), 33.7" PCT " had returned within 5 years "
        "(Kaplan-Meier estimate; 14 still abroad and observed at year 5).",
        /* CN -> US: 10 + 12 + 14 + 9 + 5 of 118 moves */
        "The largest corridor in 2010" EN_DASH "2014 was CN (China) " ARROW
        " US (United States): 50 moves, 42.4" PCT " of the 118 moves dated in those years.",
        /* US: 84 in, 7 out; CN: 7 in, 56 out */
        "In 2010" EN_DASH "2014, US (United States) gained the most researchers (net +77) and "
        "CN (China) lost the most (net " MINUS "49).",
    };
    char *html = report_of("headlines", NULL);
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        if (!strstr(html, want[i]))
            fail_msg("missing headline: %s", want[i]);
    free(html);
}

static void test_pools_compared(void **state)
{
    (void)state;
    static const char *const want[] = {
        "<h2 id=\"pools-h\">Pools compared</h2>",
        /* all: 23 of 103 returned; Kaplan-Meier of the origins weighted by departures */
        "<tr><td>all</td><td class=\"n\" data-v=\"1000\">1,000</td><td class=\"n\" "
        "data-v=\"118\">118</td><td class=\"n\" data-v=\"103\">103</td><td class=\"n\" "
        "data-v=\"23\">23</td>",
        ">22.3" PCT "</td><td class=\"n\" data-v=\"0.3329590583\">33.3" PCT "</td></tr>",
        /* phd<i>: 6 of 30, (20 * 0.4 + 10 * 0.25) / 30; its name escaped */
        "<tr><td>phd&lt;i&gt;</td><td class=\"n\" data-v=\"200\">200</td>",
        ">20.0" PCT "</td><td class=\"n\" data-v=\"0.35\">35.0" PCT "</td></tr>",
    };
    char *html = report_of("pools", NULL);
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        if (!strstr(html, want[i]))
            fail_msg("missing: %s", want[i]);
    assert_null(strstr(html, "phd<i>"));
    assert_non_null(strstr(html, "<a href=\"#pools\">"));
    free(html);

    /* A run with only "all" has no such section. */
    char dir[256], path[320];
    char *sql = fixture_sql();
    size_t len = strlen(sql);
    const char *drop = "DELETE FROM pools WHERE name <> 'all';";
    sql = realloc(sql, len + strlen(drop) + 1);
    assert_non_null(sql);
    memcpy(sql + len, drop, strlen(drop) + 1);
    make_store("one_pool", sql, dir);
    free(sql);
    assert_int_equal(tf_write_report(dir, NULL, NULL), 0);
    snprintf(path, sizeof(path), "%s/report.html", dir);
    html = slurp(path);
    assert_non_null(html);
    assert_null(strstr(html, "Pools compared"));
    free(html);
}

static void test_escaping(void **state)
{
    (void)state;
    char *html = report_of("escaping", NULL);
    /* XK's name in the store is: Kosovo <b>"&amp;"</b> 's */
    assert_null(strstr(html, "<b>"));
    assert_null(strstr(html, "\"&amp;\""));
    assert_non_null(strstr(html, "Kosovo &lt;b&gt;&quot;&amp;amp;&quot;&lt;/b&gt; &#39;s"));
    free(html);
}

static void test_years_and_countries(void **state)
{
    (void)state;
    struct tf_report_opts o;
    tf_report_opts_init(&o);
    o.year_from = 2012;
    o.year_to = 2013;
    o.countries[o.n_countries++] = (tf_country)(('D' << 8) | 'E');
    char *html = report_of("options", &o);
    /* 2012-2013: IN -> US 30 of 14 + 9 + 3 + 30 + 8 + 3 = 67 moves */
    assert_non_null(strstr(html, "The largest corridor in 2012" EN_DASH "2013 was IN (India) " ARROW
                                 " US (United States): 30 moves, 44.8" PCT " of the 67 moves"));
    assert_non_null(strstr(html, "Of 180 researchers whose origin is DE (Germany)"));
    assert_non_null(strstr(html, "Of 10 researchers who left DE (Germany)"));
    assert_non_null(strstr(html, "<h1>Researcher mobility, 2012" EN_DASH "2013</h1>"));
    /* Rates and cohorts keep to the years; years are written without a separator. */
    assert_non_null(strstr(html, "<td class=\"n\" data-v=\"2012\">2012</td>"));
    assert_null(strstr(html, ">2011</td>"));
    assert_null(strstr(html, ">2,0"));
    free(html);
}

static void test_deterministic(void **state)
{
    (void)state;
    struct tf_report_opts o;
    tf_report_opts_init(&o);
    char *a = report_of("same_a", &o);
    char *b = report_of("same_b", &o);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

static void test_out_option(void **state)
{
    (void)state;
    char dir[256], out[320], def[320];
    struct tf_report_opts o;
    char *sql = fixture_sql();
    make_store("out", sql, dir);
    free(sql);
    tf_report_opts_init(&o);
    snprintf(out, sizeof(out), "%s/elsewhere.html", dir);
    o.out = out;
    unlink(out);
    assert_int_equal(tf_write_report(dir, &o, NULL), 0);
    assert_true(exists(out));
    snprintf(def, sizeof(def), "%s/report.html", dir);
    assert_false(exists(def));
}

static void test_empty_store(void **state)
{
    (void)state;
    char dir[256], path[320];
    char *sql = fixture_sql();
    /* The schema and its version alone: everything up to the second INSERT. */
    *strstr(strstr(sql, "INSERT") + 1, "INSERT") = '\0';
    make_store("empty", sql, dir);
    free(sql);
    assert_int_equal(tf_write_report(dir, NULL, NULL), 0);
    snprintf(path, sizeof(path), "%s/report.html", dir);
    char *html = slurp(path);
    assert_non_null(html);
    assert_non_null(strstr(html, "No moves between countries in these years."));
    assert_non_null(strstr(html, "The store has no return rates."));
    assert_null(strstr(html, "<svg"));
    free(html);
}

static void test_failures_leave_nothing(void **state)
{
    (void)state;
    char dir[256], path[320];
    struct tf_error err;
    struct tf_report_opts o;

    make_store("missing", NULL, dir);
    snprintf(path, sizeof(path), "%s/report.html", dir);
    tf_error_init(&err);
    assert_int_equal(tf_write_report(dir, NULL, &err), TF_ERR_IO);
    assert_non_null(strstr(err.msg, "talentflow.sqlite"));
    assert_false(exists(path));

    make_store("not_a_store", "CREATE TABLE other(x);", dir);
    snprintf(path, sizeof(path), "%s/report.html", dir);
    assert_int_equal(tf_write_report(dir, NULL, &err), TF_ERR_FORMAT);
    assert_non_null(strstr(err.msg, "not a talentflow results store"));
    assert_false(exists(path));

    /* The report reads through the store's one reader, which checks the schema version. */
    make_store("future",
               "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
               "INSERT INTO meta VALUES ('schema_version', '99');",
               dir);
    snprintf(path, sizeof(path), "%s/report.html", dir);
    assert_int_equal(tf_write_report(dir, NULL, &err), TF_ERR_FORMAT);
    assert_non_null(strstr(err.msg, "store schema version 99"));
    assert_false(exists(path));

    tf_report_opts_init(&o);
    o.year_from = 2015;
    o.year_to = 2010;
    assert_int_equal(tf_write_report(dir, &o, &err), TF_ERR_USAGE);
    tf_report_opts_init(&o);
    o.top = TF_REPORT_MAX_TOP + 1;
    assert_int_equal(tf_write_report(dir, &o, &err), TF_ERR_USAGE);
    tf_report_opts_init(&o);
    o.n_countries = 1; /* a zero country */
    assert_int_equal(tf_write_report(dir, &o, &err), TF_ERR_USAGE);
    assert_false(exists(path));

    /* An output folder that does not exist: the store is read, nothing written. */
    char *sql = fixture_sql();
    make_store("bad_out", sql, dir);
    free(sql);
    tf_report_opts_init(&o);
    o.out = TF_TEST_TMP "/report_no_such_folder/r.html";
    assert_int_equal(tf_write_report(dir, &o, &err), TF_ERR_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_chart),
        cmocka_unit_test(test_headlines),
        cmocka_unit_test(test_pools_compared),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_years_and_countries),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_out_option),
        cmocka_unit_test(test_empty_store),
        cmocka_unit_test(test_failures_leave_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
