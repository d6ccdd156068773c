/*
 * test_report.c - the HTML report on the hand-made store in
 * tests/data/report/store.sql: every chart, the headline numbers worked out
 * from that file (pool "all" only, though the file has a second pool),
 * the pools compared, the first section on a pair of countries (its
 * sentences worked out by hand, the pair and pool options, the Wilson
 * interval and the cohort trend), escaping, the years and countries
 * options, determinism, failures that leave no file, the page in Chinese
 * (iso-codes' country names, read from its catalogues), one style per
 * country across charts, the structurally empty first year left out, and
 * the model section read from tests/data/report/model and projection, and
 * the study-to-work pipeline (present only with education rows).
 */
#include <math.h>
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

/* The expected texts are long sentences split over lines on purpose. */
#ifdef __clang__
#pragma clang diagnostic ignored "-Wstring-concatenation"
#endif
#include <sqlite3.h>

#include "report/report_data.h"
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
    /* One transaction, unsynced: a scratch file need not survive a crash. */
    assert_int_equal(sqlite3_exec(db, "PRAGMA synchronous = OFF; BEGIN", NULL, NULL, NULL),
                     SQLITE_OK);
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, &msg);
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

/* Fails naming the first of `want` (n strings) missing from `html`. */
static void expect_all(const char *html, const char *const *want, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strstr(html, want[i]))
            fail_msg("missing: %s", want[i]);
}

#define WHERE_LINK " (<a href=\"#table-focus-where\">table</a>)</li>"
#define FLOWS_LINK                                                                                 \
    " (<a href=\"#chart-focus-flows\">chart</a>, <a href=\"#table-focus-flows\">table</a>)"
#define RETURNS_LINK                                                                               \
    " (<a href=\"#chart-focus-returns\">chart</a>, <a href=\"#table-focus-returns\">table</a>)"
#define CI "; 95" PCT " interval "

static void test_pair_default(void **state)
{
    (void)state;
    static const char *const want[] = {
        /* CN -> US 50 and US -> CN 7 is the largest two-way flow; CN first, more left it. */
        "<h2 id=\"answer-h\">The question, answered: CN (China) and US (United States)</h2>",
        "the pair is the one with the most moves between them",
        /* Wilson: 5/20, 12/20, 3/20; 1/10, 9/10, 0/10 (worked in store.sql's comments). */
        "Of the 20 researchers whose origin is CN (China), 5 (25.0" PCT CI "11.2" EN_DASH "46.9" PCT
        ") were last seen in US (United States), 12 (60.0" PCT CI "38.7" EN_DASH "78.1" PCT
        ") at home in CN, and 3 (15.0" PCT CI "5.2" EN_DASH "36.0" PCT
        ") in another country." WHERE_LINK,
        "Of the 10 researchers whose origin is US (United States), 1 (10.0" PCT CI "1.8" EN_DASH
        "40.4" PCT ") were last seen in CN (China), 9 (90.0" PCT CI "59.6" EN_DASH "98.2" PCT
        ") at home in US, and 0 (0.0" PCT CI "0.0" EN_DASH "27.8" PCT ") in another country.",
        "In 2010" EN_DASH "2014 the store counts 50 moves of researchers from CN (China) to US "
        "(United States) and 7 from US to CN; in 2014, the last of those years, 5 and "
        "0." FLOWS_LINK,
        /* The pooled CN -> US row at k = 5, then the weighted slope over 2010-2012. */
        "Of the 50 who left CN (China) for US (United States), 20.0" PCT " were back in CN within "
        "5 years (Kaplan-Meier estimate; 9 returned of the 25 followed for 5 years or back "
        "sooner). Across the 3 departure cohorts of 2010" EN_DASH "2012 with at least 10 leavers "
        "(10 to 14 each, weighted by size), the share back in CN within 5 years changed by +19.9 "
        "percentage points per decade (95" PCT " interval +12.6 to +27.3): rising." RETURNS_LINK,
        "The store gives no return over all years of leaving for those who left US for CN. "
        "Whether the share back in US within 5 years is rising or falling across departure "
        "cohorts, n is too small to tell: no cohort in 2010" EN_DASH "2014 had at least 10 "
        "leavers and a known share (3 are needed)." RETURNS_LINK,
        /* What the links point at. */
        "<details id=\"table-focus-where\" open>",
        "<details id=\"table-focus-flows\">",
        "<details id=\"table-focus-returns\">",
        "<svg id=\"chart-focus-flows\"",
        "<svg id=\"chart-focus-returns\"",
        /* The flows table: 2014 had 5 one way and none back. */
        "<tr><td class=\"n\" data-v=\"2014\">2014</td><td class=\"n\" data-v=\"5\">5</td><td "
        "class=\"n\" data-v=\"0\">0</td>",
        "<li><a href=\"#answer\">The question, answered</a></li><li><a href=\"#headlines\">",
    };
    char *html = report_of("pair", NULL);
    expect_all(html, want, sizeof(want) / sizeof(want[0]));
    /* The first section, then the headlines; the pools compared come after both. */
    const char *answer = strstr(html, "<section id=\"answer\"");
    const char *head = strstr(html, "<section id=\"headlines\"");
    const char *pools = strstr(html, "<section id=\"pools\"");
    assert_true(answer && head && pools && answer < head && head < pools);
    free(html);
}

static void test_pair_pool_default(void **state)
{
    (void)state;
    static const char *const want[] = {
        /* IN -> US (12) is the largest corridor of ai; DE <-> GB (7 + 6) the largest pair. */
        "The question, answered: DE (Germany) and GB (United Kingdom)</h2>",
        "About the researchers in the pool ai;",
        "In 2010" EN_DASH "2014 the store counts 7 moves of researchers in the pool ai from DE "
        "(Germany) to GB (United Kingdom) and 6 from GB to DE; in 2014, the last of those years, "
        "0 and 0.",
        "The store has no researchers in the pool ai whose origin is DE (Germany), so where "
        "they are now cannot be told." WHERE_LINK,
        "The store has no return rows for those who left DE for GB. (<a "
        "href=\"#table-focus-returns\">table</a>)",
    };
    struct tf_report_opts o;
    tf_report_opts_init(&o);
    o.pool = "ai";
    char *html = report_of("pair_pool", &o);
    expect_all(html, want, sizeof(want) / sizeof(want[0]));
    /* Nothing to draw for the returns: no chart, and no link to one. */
    assert_null(strstr(html, "chart-focus-returns"));
    /* The other sections stay about everyone. */
    assert_non_null(strstr(html, "The largest corridor in 2010" EN_DASH "2014 was CN (China)"));
    free(html);
}

static void test_pair_focus(void **state)
{
    (void)state;
    static const char *const want[] = {
        "The question, answered: US (United States) and CN (China)</h2>",
        "the pair was chosen for this report",
        /* ai: US1-US3 (CN 1, US 2); CN1-CN8 (US 4, CN 4), CN17's "aix" left out. */
        "Of the 3 researchers in the pool ai whose origin is US (United States), 1 (33.3" PCT CI
        "6.1" EN_DASH "79.2" PCT ") were last seen in CN (China), 2 (66.7" PCT CI "20.8" EN_DASH
        "93.9" PCT ") at home in US, and 0 (0.0" PCT CI "0.0" EN_DASH "56.1" PCT
        ") in another country.",
        "Of the 8 researchers in the pool ai whose origin is CN (China), 4 (50.0" PCT CI
        "21.5" EN_DASH "78.5" PCT ") were last seen in US (United States), 4 (50.0" PCT CI
        "21.5" EN_DASH "78.5" PCT ") at home in CN, and 0 (0.0" PCT CI "0.0" EN_DASH "32.4" PCT
        ") in another country.",
        "the store counts 2 moves of researchers in the pool ai from US (United States) to CN "
        "(China) and 3 from CN to US;",
    };
    struct tf_report_opts o;
    tf_report_opts_init(&o);
    o.pool = "ai";
    o.focus[0] = (tf_country)(('U' << 8) | 'S');
    o.focus[1] = (tf_country)(('C' << 8) | 'N');
    char *html = report_of("pair_focus", &o);
    expect_all(html, want, sizeof(want) / sizeof(want[0]));
    free(html);

    /* A pool name from the store is escaped in the sentences like everywhere else. */
    o.pool = "phd<i>";
    html = report_of("pair_focus_escaped", &o);
    assert_non_null(strstr(html, "researchers in the pool phd&lt;i&gt; whose origin is US"));
    assert_null(strstr(html, "phd<i>"));
    free(html);
}

static void test_pair_errors(void **state)
{
    (void)state;
    char dir[256], path[320];
    struct tf_error err;
    struct tf_report_opts o;
    char *sql = fixture_sql();
    make_store("pair_errors", sql, dir);
    free(sql);
    snprintf(path, sizeof(path), "%s/report.html", dir);
    tf_error_init(&err);
    tf_report_opts_init(&o);
    o.pool = "nope";
    assert_int_equal(tf_write_report(dir, &o, &err), TF_ERR_USAGE);
    assert_non_null(strstr(err.msg, "no pool 'nope'; its pools: all, phd<i>, ai"));
    assert_false(exists(path));
    tf_report_opts_init(&o);
    o.focus[0] = (tf_country)(('U' << 8) | 'S'); /* one country */
    assert_int_equal(tf_write_report(dir, &o, &err), TF_ERR_USAGE);
    o.focus[1] = o.focus[0]; /* the same twice */
    assert_int_equal(tf_write_report(dir, &o, &err), TF_ERR_USAGE);
    assert_non_null(strstr(err.msg, "two different countries"));
    assert_false(exists(path));
}

/* The Wilson interval and the weighted trend, against values computed independently. */
static void test_pair_stats(void **state)
{
    (void)state;
    struct tf_rd_share s = tf_rd_wilson(4, 8);
    assert_float_equal(s.p, 0.5, 1e-12);
    assert_float_equal(s.lo, 0.2152161, 1e-6);
    assert_float_equal(s.hi, 0.7847839, 1e-6);
    s = tf_rd_wilson(0, 10);
    assert_float_equal(s.lo, 0.0, 1e-12);
    assert_float_equal(s.hi, 0.2775328, 1e-6);
    s = tf_rd_wilson(0, 0);
    assert_true(s.p != s.p && s.lo != s.lo);

    /* Falling: weights 20, 30, 10, 40; t(2 df) = 4.303. */
    struct tf_rd_pair_cohort fall[] = {{2000, 20, 0, 5, 0.5},  {2001, 30, 0, 5, 0.4},
                                       {2002, 10, 0, 5, 0.31}, {2003, 40, 0, 5, 0.2},
                                       {0, 100, 0, 5, 0.9},    {2004, 9, 0, 5, 0.9},
                                       {2005, 50, 0, 0, 0.9},  {2006, 50, 0, 5, NAN}};
    struct tf_rd_trend t = tf_rd_cohort_trend(fall, 8);
    assert_int_equal(t.used, 4); /* the pooled row, 9 leavers, nobody observed, no km: out */
    assert_float_equal(t.slope, -0.0997872, 1e-6);
    assert_float_equal(t.lo, -0.1074465, 1e-6);
    assert_float_equal(t.hi, -0.0921280, 1e-6);

    /* No clear trend: the interval straddles 0. */
    struct tf_rd_pair_cohort flat[] = {
        {2000, 10, 0, 5, 0.2}, {2001, 10, 0, 5, 0.5}, {2002, 10, 0, 5, 0.1}, {2003, 10, 0, 5, 0.4}};
    t = tf_rd_cohort_trend(flat, 4);
    assert_float_equal(t.slope, 0.02, 1e-9);
    assert_float_equal(t.lo, -0.4059409, 1e-6);
    assert_float_equal(t.hi, 0.4459409, 1e-6);

    /* Two cohorts of at least 10: too few. */
    t = tf_rd_cohort_trend(fall + 2, 6);
    assert_int_equal(t.used, 2);
    assert_true(t.slope != t.slope);
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

/* ---- languages, country styles and edge years ------------------------------ */

/* The text of chart `id` in `html`, cut at its </svg> (the caller frees it). */
static char *chart_of(const char *html, const char *id)
{
    char want[80];
    snprintf(want, sizeof(want), "<svg id=\"%s\"", id);
    const char *a = strstr(html, want);
    if (!a)
        fail_msg("no chart %s", id);
    const char *b = strstr(a, "</svg>");
    assert_non_null(b);
    char *s = strndup(a, (size_t)(b - a));
    assert_non_null(s);
    return s;
}

/*
 * The fill of the first mark in chart `id` whose tooltip starts with
 * `title`: the colour the chart gives that series.
 */
static void mark_colour(const char *html, const char *id, const char *title, char out[8])
{
    char want[96];
    char *svg = chart_of(html, id);
    snprintf(want, sizeof(want), "><title>%s", title);
    const char *t = strstr(svg, want);
    if (!t)
        fail_msg("no mark '%s' in %s", title, id);
    const char *f = NULL;
    for (const char *p = svg; (p = strstr(p, "fill=\"#")) != NULL && p < t; p++)
        f = p;
    assert_non_null(f);
    memcpy(out, f + 6, 7);
    out[7] = '\0';
    free(svg);
}

static void test_country_styles(void **state)
{
    (void)state;
    char us[5][8], cn[3][8];
    char *html = report_of("styles", NULL);
    /* The United States: rates, return curves, the pair's lines, its Sankey band. */
    mark_colour(html, "chart-rates", "US 2012: ", us[0]);
    mark_colour(html, "chart-returns", "US: ", us[1]);
    mark_colour(html, "chart-focus-flows", "US " ARROW " CN ", us[2]);
    mark_colour(html, "chart-focus-returns", "US " ARROW " CN, ", us[3]);
    mark_colour(html, "chart-flows", "US " ARROW, us[4]);
    for (int i = 1; i < 5; i++)
        assert_string_equal(us[0], us[i]);
    mark_colour(html, "chart-rates", "CN 2012: ", cn[0]);
    mark_colour(html, "chart-returns", "CN: ", cn[1]);
    mark_colour(html, "chart-focus-flows", "CN " ARROW " US ", cn[2]);
    assert_string_equal(cn[0], cn[1]);
    assert_string_equal(cn[0], cn[2]);
    assert_string_not_equal(cn[0], us[0]);
    free(html);
}

static void test_edge_years(void **state)
{
    (void)state;
    char *html = report_of("edge", NULL);
    char *rates = chart_of(html, "chart-rates");
    /* 2010 is the store's first year: no arrival or departure point, but its population. */
    assert_null(strstr(rates, "<title>CN 2010: 0.0 arrivals"));
    assert_null(strstr(rates, "<title>CN 2010: 0.0 departures"));
    assert_non_null(strstr(rates, "<title>CN 2011: 4.9 arrivals per 1,000 researchers"));
    assert_non_null(strstr(rates, "<title>CN 2014: 6.0 departures per 1,000 researchers"));
    assert_non_null(strstr(rates, "<title>CN 2010: 800 researchers"));
    free(rates);
    assert_non_null(strstr(html, "The first year of the data, 2010, is left out of the arrival "
                                 "and departure lines"));
    free(html);

    /* A window that starts later has no structurally empty year to leave out. */
    struct tf_report_opts o;
    tf_report_opts_init(&o);
    o.year_from = 2011;
    html = report_of("edge_later", &o);
    rates = chart_of(html, "chart-rates");
    assert_non_null(strstr(rates, "<title>CN 2011: 4.9 arrivals"));
    assert_null(strstr(html, "The first year of the data"));
    free(rates);
    free(html);
}

/* The report in `lang`, with its <html lang>, words and iso-codes' country names. */
static void test_languages(void **state)
{
    (void)state;
    struct tf_report_opts o;
    tf_report_opts_init(&o);
    o.lang = "zh-Hans";
    char *html = report_of("zh_hans", &o);
    assert_non_null(strstr(html, "<html lang=\"zh-Hans\">"));
    assert_non_null(strstr(html, "Noto Sans CJK SC"));
    /* Names from /usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo (iso-codes). */
    assert_non_null(strstr(html, "问题与解答：中国（CN）与美国（US）</h2>"));
    assert_non_null(strstr(html, "<h1>科研人才流动，2010" EN_DASH "2014年</h1>"));
    /* A per cent sign right after its number; the same worked numbers as in English. */
    assert_non_null(strstr(html, "来源国为中国（CN）的科研人员共 20 人，其中 5 人（25.0%；95% "
                                 "置信区间 11.2" EN_DASH "46.9%）最后出现在美国（US）"));
    assert_non_null(strstr(html, "2010" EN_DASH "2014年规模最大的流动路径是中国（CN） " ARROW
                                 " 美国（US）：共 50 次流动，占这些年份全部 118 次流动的 42.4%。"));
    assert_non_null(strstr(html, "迁入和迁出折线略去了数据的第一年（2010年）"));
    assert_null(strstr(html, PCT));
    assert_null(strstr(html, "United States"));
    free(html);

    o.lang = "zh-Hant";
    html = report_of("zh_hant", &o);
    assert_non_null(strstr(html, "<html lang=\"zh-Hant\">"));
    assert_non_null(strstr(html, "Noto Sans CJK TC"));
    assert_non_null(strstr(html, "問題與解答：中國（CN）與美國（US）</h2>"));
    assert_non_null(strstr(html, "資料："));
    assert_null(strstr(html, "数据"));
    free(html);

    o.lang = NULL;
    html = report_of("en", &o);
    assert_non_null(strstr(html, "<html lang=\"en\">"));
    free(html);
}

static void test_language_failures(void **state)
{
    (void)state;
    char path[256];
    struct tf_report_opts o;
    struct tf_error err;
    tf_error_init(&err);
    tf_report_opts_init(&o);
    /* Without the catalogue: English names, and the caller is told which file is missing. */
    o.lang = "zh-Hans";
    o.localedir = TF_TEST_TMP "/no_such_locale";
    assert_int_equal(tf_report_names_missing(o.lang, o.localedir, path, sizeof(path)), 1);
    assert_non_null(strstr(path, "no_such_locale/zh_CN/LC_MESSAGES/iso_3166-1.mo"));
    char *html = report_of("zh_no_names", &o);
    assert_non_null(strstr(html, "问题与解答：China（CN）与United States（US）</h2>"));
    free(html);
    assert_int_equal(tf_report_names_missing("zh-Hant", NULL, path, sizeof(path)), 0);
    assert_int_equal(tf_report_names_missing("en", NULL, path, sizeof(path)), 0);
    /* An unknown language is a usage error. */
    assert_false(tf_report_lang_valid("fr"));
    assert_true(tf_report_lang_valid(NULL));
    o.lang = "fr";
    assert_int_equal(tf_write_report(TF_TEST_TMP "/report_charts", &o, &err), TF_ERR_USAGE);
    assert_non_null(strstr(err.msg, "no language 'fr'"));
}

/* ---- the model section ---------------------------------------------------- */

#define MODEL_DIR TF_TEST_DATA "/report/model"
#define PROJECTION_DIR TF_TEST_DATA "/report/projection"

static void test_model_section(void **state)
{
    (void)state;
    static const char *const want[] = {
        "<li><a href=\"#model\">The push" EN_DASH "pull model and a projection</a></li>",
        "<svg id=\"chart-model\"",
        "<svg id=\"chart-projection\"",
        "<details id=\"table-model-gains\" open>",
        /* 1.01^0.5 - 1 = 0.4988 %, 1.01^0.3 - 1 = 0.2990 %, 1.01^0.7 - 1 = 0.6990 % */
        "<li>1" PCT " more researchers at home: 0.50" PCT " more leave (95" PCT " interval 0.30" PCT
        " to 0.70" PCT ").</li>",
        /* 1.01^-0.2 - 1 = -0.1988 %, 1.01^-0.4 - 1 = -0.3972 % */
        "<li>1" PCT " more GDP per head in a destination: 0.20" PCT " fewer arrive (95" PCT
        " interval " MINUS "0.40" PCT " to 0.00" PCT ").</li>",
        /* not logged: e^0.693147 - 1 = 100 %, e^0.3 - 1 = 34.99 %, e^1.1 - 1 = 200.42 % */
        "<li>contiguity one unit higher between two countries: 100.00" PCT " more move (95" PCT
        " interval 34.99" PCT " to 200.42" PCT ").</li>",
        "By 2020, the scenario leaves CN (China) with 50 more researchers than the baseline (95" PCT
        " interval 40 to 60; 4.17" PCT ").",
        "By 2020, the scenario leaves US (United States) with 100 fewer researchers than the "
        "baseline (95" PCT " interval " MINUS "120 to " MINUS "80; " MINUS "4.17" PCT ").",
        /* The scenario as written, escaped. */
        "<pre class=\"scenario\">{\n  &quot;name&quot;: &quot;visa &lt;rule&gt; &amp; "
        "\\&quot;more\\&quot;&quot;,",
        "What these numbers cannot say",
    };
    struct tf_report_opts o;
    tf_report_opts_init(&o);
    o.model_dir = MODEL_DIR;
    o.projection_dir = PROJECTION_DIR;
    char *html = report_of("model", &o);
    expect_all(html, want, sizeof(want) / sizeof(want[0]));
    /* The dropped term is not drawn; DE, in the projection but not the store, is named. */
    assert_null(strstr(html, "push:log(population)"));
    assert_null(strstr(html, "more people at home"));
    assert_non_null(strstr(html, "<td>DE (Germany)</td><td class=\"n\" data-v=\"500\">"));
    assert_null(strstr(html, "visa <rule>"));
    /* The fans are the pair's countries, in the styles they have everywhere else. */
    char us[2][8], cn[2][8];
    mark_colour(html, "chart-rates", "US 2012: ", us[0]);
    mark_colour(html, "chart-projection", "US 2019, scenario: ", us[1]);
    mark_colour(html, "chart-rates", "CN 2012: ", cn[0]);
    mark_colour(html, "chart-projection", "CN 2019, scenario: ", cn[1]);
    assert_string_equal(us[0], us[1]);
    assert_string_equal(cn[0], cn[1]);
    free(html);

    /* In Chinese, and with only the model: no projection, no scenario. */
    o.lang = "zh-Hans";
    o.projection_dir = NULL;
    html = report_of("model_zh", &o);
    assert_non_null(strstr(html,
                           "<li>本国科研人员数每增加 1%，外流人数增加 0.50%（95% 置信区间 0.30% 至 "
                           "0.70%）。</li>"));
    assert_non_null(strstr(html, "<svg id=\"chart-model\""));
    assert_null(strstr(html, "chart-projection"));
    assert_null(strstr(html, "<pre class=\"scenario\""));
    assert_null(strstr(html, "table-model-gains"));
    free(html);

    /* Without either folder there is no section at all. */
    html = report_of("no_model", NULL);
    assert_null(strstr(html, "id=\"model\""));
    assert_null(strstr(html, "chart-model"));
    assert_null(strstr(html, "href=\"#model\""));
    free(html);
}

/* Writes `text` to TF_TEST_TMP/NAME/FILE and returns the folder in dir. */
static void write_file_in(const char *name, const char *file, const char *text, char dir[256])
{
    char path[320];
    snprintf(dir, 256, "%s/%s", TF_TEST_TMP, name);
    mkdir(TF_TEST_TMP, 0777);
    mkdir(dir, 0777);
    snprintf(path, sizeof(path), "%s/%s", dir, file);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_model_errors(void **state)
{
    (void)state;
    char dir[256], bad[256], out[320];
    struct tf_report_opts o;
    struct tf_error err;
    char *sql = fixture_sql();
    make_store("model_errors", sql, dir);
    free(sql);
    snprintf(out, sizeof(out), "%s/report.html", dir);
    tf_report_opts_init(&o);
    tf_error_init(&err);
    /* A missing file, a missing column, a value that is not a number: file and line named. */
    o.model_dir = TF_TEST_TMP "/no_such_model";
    assert_int_equal(tf_write_report(dir, &o, &err), TF_ERR_IO);
    assert_non_null(strstr(err.msg, "no_such_model/fit.csv"));
    write_file_in("model_no_column", "fit.csv", "term,estimate,ci_lo,status\n", bad);
    o.model_dir = bad;
    assert_int_equal(tf_write_report(dir, &o, &err), TF_ERR_FORMAT);
    assert_non_null(strstr(err.msg, "no column 'ci_hi'"));
    write_file_in("model_nan", "fit.csv",
                  "term,estimate,ci_lo,ci_hi,status\npush:log(stock),1,0,2,estimated\n"
                  "pull:log(stock),abc,0,2,estimated\n",
                  bad);
    assert_int_equal(tf_write_report(dir, &o, &err), TF_ERR_FORMAT);
    assert_non_null(strstr(err.file, "model_nan/fit.csv"));
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "estimate: not a number: 'abc'"));
    o.model_dir = NULL;
    write_file_in(
        "projection_bad", "headline.csv",
        "country,stock_start,baseline_end,scenario_end,gain,gain_lo,gain_hi,gain_percent\n"
        "China,1,2,3,1,0,2,50\n",
        bad);
    o.projection_dir = bad;
    assert_int_equal(tf_write_report(dir, &o, &err), TF_ERR_FORMAT);
    assert_non_null(strstr(err.msg, "not a country code: 'China'"));
    assert_int_equal(err.line, 2);
    assert_false(exists(out));
    /* A country listed twice would be drawn twice (found by fuzz_report_model). */
    write_file_in(
        "projection_twice", "headline.csv",
        "country,stock_start,baseline_end,scenario_end,gain,gain_lo,gain_hi,gain_percent\n"
        "US,1,2,3,1,0,2,50\nDE,1,2,3,1,0,2,50\nUS,1,2,3,1,0,2,50\n",
        bad);
    o.projection_dir = bad;
    assert_int_equal(tf_write_report(dir, &o, &err), TF_ERR_FORMAT);
    assert_non_null(strstr(err.msg, "US: listed twice"));
    assert_int_equal(err.line, 4);
    assert_false(exists(out));
}

/* ---- the study-to-work pipeline ------------------------------------------- */

static const char pipeline_sql[] =
    "CREATE TABLE pipeline(pool TEXT NOT NULL, first_degree TEXT, highest_degree TEXT,"
    " degree TEXT, degree_year INTEGER, work TEXT, n INTEGER);"
    "INSERT INTO pipeline VALUES ('all', 'CN', 'US', 'doctorate', 2010, 'US', 4),"
    " ('all', 'CN', 'US', 'doctorate', 2012, 'US', 2), ('all', 'CN', 'CN', 'master', 2011, 'CN', "
    "3),"
    " ('all', 'CN', 'US', 'doctorate', 2013, NULL, 1), ('all', 'IN', 'US', 'doctorate', 2010, "
    "'US', 4),"
    " ('all', 'DE', 'DE', 'none', 2009, 'DE', 2), ('ai', 'CN', 'US', 'doctorate', 2010, 'GB', "
    "100);";

static void test_pipeline(void **state)
{
    (void)state;
    char dir[256], path[320], colour[2][8];
    struct tf_report_opts o;
    char *sql = fixture_sql();
    size_t len = strlen(sql);
    sql = realloc(sql, len + sizeof(pipeline_sql));
    assert_non_null(sql);
    memcpy(sql + len, pipeline_sql, sizeof(pipeline_sql));
    make_store("pipeline", sql, dir);
    tf_report_opts_init(&o);
    assert_int_equal(tf_write_report(dir, &o, NULL), 0);
    snprintf(path, sizeof(path), "%s/report.html", dir);
    char *html = slurp(path);
    assert_non_null(html);
    /* CN: 10 people with a first degree there (pool all only); 6 work in the US, 3 at home. */
    static const char *const want[] = {
        "<li><a href=\"#pipeline\">From study to work</a></li>",
        "<svg id=\"chart-pipeline\"",
        "Of those whose first degree was in CN (China) (n = 10), 60.0" PCT
        " now work in US (United States), the most common country abroad, and 30.0" PCT " at home.",
        "<title>CN " ARROW " US: 7 people</title>",
        "<title>US " ARROW " no work seen: 1 person</title>",
        "class=\"lab\">no work seen 1</text>",
        "class=\"lab\">US 11</text>",
    };
    expect_all(html, want, sizeof(want) / sizeof(want[0]));
    assert_null(strstr(html, "GB 100"));
    /* The first-degree bands take the country's colour of every other chart. */
    mark_colour(html, "chart-rates", "CN 2012: ", colour[0]);
    mark_colour(html, "chart-pipeline", "CN " ARROW " US: ", colour[1]);
    assert_string_equal(colour[0], colour[1]);
    free(html);

    o.lang = "zh-Hant";
    o.out = path;
    assert_int_equal(tf_write_report(dir, &o, NULL), 0);
    html = slurp(path);
    assert_non_null(html);
    assert_non_null(strstr(html, "第一學位在中國（CN）取得的人（n = 10）中，60.0% "
                                 "現在在美國（US）工作"));
    assert_non_null(strstr(html, "未見工作紀錄 1"));
    free(html);
    free(sql);
}

/* A run made with --kind study says so under the return curves; one with all moves says nothing. */
static void test_move_kind(void **state)
{
    (void)state;
    char dir[256], path[320];
    char *sql = fixture_sql();
    size_t n = strlen(sql);
    static const char extra[] =
        "INSERT INTO meta VALUES ('options', '{\"year_from\": 0, \"move_kind\": \"study\"}');";
    char *both = malloc(n + sizeof(extra));
    assert_non_null(both);
    memcpy(both, sql, n);
    memcpy(both + n, extra, sizeof(extra));
    make_store("kind", both, dir);
    free(both);
    free(sql);
    assert_int_equal(tf_write_report(dir, NULL, NULL), 0);
    snprintf(path, sizeof(path), "%s/report.html", dir);
    char *html = slurp(path);
    assert_non_null(html);
    assert_non_null(strstr(html, "Only moves of students count here"));
    free(html);
    html = report_of("kind_all", NULL);
    assert_null(strstr(html, "Only moves of"));
    free(html);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_chart),       cmocka_unit_test(test_headlines),
        cmocka_unit_test(test_pools_compared),    cmocka_unit_test(test_pair_default),
        cmocka_unit_test(test_pair_pool_default), cmocka_unit_test(test_pair_focus),
        cmocka_unit_test(test_pair_errors),       cmocka_unit_test(test_pair_stats),
        cmocka_unit_test(test_escaping),          cmocka_unit_test(test_years_and_countries),
        cmocka_unit_test(test_deterministic),     cmocka_unit_test(test_out_option),
        cmocka_unit_test(test_empty_store),       cmocka_unit_test(test_failures_leave_nothing),
        cmocka_unit_test(test_country_styles),    cmocka_unit_test(test_edge_years),
        cmocka_unit_test(test_languages),         cmocka_unit_test(test_language_failures),
        cmocka_unit_test(test_model_section),     cmocka_unit_test(test_model_errors),
        cmocka_unit_test(test_pipeline),          cmocka_unit_test(test_move_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
