/* test_csv.c - the CSV reader on the fixtures in tests/data/csv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"
#include "talentflow/source.h"
#include "util/hash.h"

#define DATA TF_TEST_DATA "/csv/"
#define MAX_RECORDS 32
#define U TF_WEIGHT_UNIT

/* Everything read from one file, copied out of the source. */
struct got {
    int open_rc;
    int rc; /* the last tf_source_next status */
    size_t n;
    struct tf_obs obs[MAX_RECORDS];
    struct tf_work_info info[MAX_RECORDS];
    uint64_t line[MAX_RECORDS];
    char name[MAX_RECORDS][64]; /* "" when the record had no name */
    uint64_t records, bytes;
    struct tf_skips skips;
    struct tf_error err;
};

static void copy_record(struct got *g, const struct tf_record *rec)
{
    assert_true(g->n < MAX_RECORDS);
    assert_int_equal(rec->n_obs, 1);
    g->obs[g->n] = rec->obs[0];
    g->info[g->n] = rec->info;
    g->line[g->n] = rec->line;
    g->name[g->n][0] = '\0';
    if (rec->names && rec->names[0])
        snprintf(g->name[g->n], sizeof(g->name[0]), "%s", rec->names[0]);
    g->n++;
}

/* Reads `file` to the end or to the first error. */
static void read_all(const char *file, int strict, size_t max_line, struct got *g)
{
    struct tf_source_opts opts = {.strict = strict, .max_line = max_line};
    struct tf_source *src = NULL;
    struct tf_record rec;
    memset(g, 0, sizeof(*g));
    tf_skips_init(&g->skips);
    tf_error_init(&g->err);
    g->open_rc = tf_source_open(&src, file, TF_FORMAT_CSV, &opts, &g->skips, &g->err);
    if (g->open_rc < 0) {
        assert_null(src);
        return;
    }
    while ((g->rc = tf_source_next(src, &rec, &g->err)) > 0)
        copy_record(g, &rec);
    g->records = tf_source_records(src);
    g->bytes = tf_source_bytes(src);
    tf_source_free(src);
    for (int r = 0; r < TF_SKIP_COUNT; r++) /* the registry lists every reason the reader uses */
        if (g->skips.n[r] && !tf_format_skips(TF_FORMAT_CSV, (enum tf_skip)r))
            fail_msg("%s: skipped for, but not in the registry's list", tf_skip_name(r));
}

static uint64_t person(const char *s)
{
    uint64_t key = 0;
    assert_int_equal(tf_person_parse(s, strlen(s), &key), 0);
    return key;
}

static uint64_t hashed(const char *s)
{
    return tf_person_make(TF_PERSON_HASHED, tf_fnv1a64(s, strlen(s)));
}

/* One expected observation. */
struct want {
    uint64_t line;
    uint64_t person;
    int year;
    const char *country;
    uint32_t weight;
    int kind;
    uint64_t org, work;
    const char *name; /* "" for non-hashed persons */
};

static void check_records(const struct got *g, const struct want *w, size_t n)
{
    assert_int_equal(g->open_rc, 0);
    assert_int_equal(g->rc, 0);
    assert_int_equal(g->n, n);
    assert_int_equal(g->records, n);
    for (size_t i = 0; i < n; i++) {
        const struct tf_obs *o = &g->obs[i];
        char code[3];
        if (g->line[i] != w[i].line || o->person != w[i].person || o->year != w[i].year)
            fail_msg("record %zu: line %llu year %d", i, (unsigned long long)g->line[i], o->year);
        assert_string_equal(tf_country_code(o->country, code), w[i].country);
        assert_int_equal(o->weight, w[i].weight);
        assert_int_equal(o->kind, w[i].kind);
        assert_int_equal(o->org, w[i].org);
        assert_int_equal(o->work, w[i].work);
        assert_int_equal(o->degree, 0);
        assert_string_equal(g->name[i], w[i].name);
        assert_int_equal(g->info[i].work, w[i].work);
        assert_int_equal(g->info[i].year, w[i].year);
    }
}

static void check_no_skips(const struct got *g)
{
    assert_int_equal(tf_skips_total(&g->skips), 0);
}

static void test_basic(void **state)
{
    (void)state;
    const struct want w[] = {
        {2, tf_person_openalex(5023651726u), 2015, "US", U, TF_KIND_PUBLICATION, 136199984,
         2741809807u, ""},
        {3, tf_person_openalex(5023651726u), 2016, "DE", U / 3, TF_KIND_EDUCATION, 0, 0, ""},
        {4, person("0000-0002-1825-0097"), 2017, "DE", U / 2, TF_KIND_EMPLOYMENT,
         hashed("https://ror.org/03vek6s52"), 1, ""},
        {5, hashed("jane.doe@example.org"), 2018, "KR", U, TF_KIND_PUBLICATION, 0, 0,
         "jane.doe@example.org"},
    };
    struct got g;
    read_all(DATA "basic.csv", 0, 0, &g);
    check_records(&g, w, 4);
    check_no_skips(&g);
    assert_int_equal(g.bytes, 287); /* the fixture's size */
    read_all(DATA "basic.csv.gz", 0, 0, &g);
    check_records(&g, w, 4);
    check_no_skips(&g);
}

static void test_reordered(void **state)
{
    (void)state;
    const struct want w[] = {
        {2, tf_person_openalex(1), 2001, "US", U, 0, 0, 7, ""},
        {3, tf_person_openalex(2), 2002, "FR", U, 0, 0, 0, ""},
    };
    struct got g;
    read_all(DATA "reordered.csv", 0, 0, &g);
    check_records(&g, w, 2);
    check_no_skips(&g);
}

static void test_quoted(void **state)
{
    (void)state;
    const struct want w[] = {
        {2, hashed("Doe, Jane"), 2001, "US", U, 0, 0, 0, "Doe, Jane"},
        {3, hashed("He said \"hi\""), 2002, "US", U, 0, 0, 0, "He said \"hi\""},
        {4, hashed("multi\nline\nname"), 2003, "KR", U, 0, 0, 0, "multi\nline\nname"},
        {7, tf_person_openalex(9), 2004, "DE", U, 0, 0, 0, ""},
        {9, tf_person_openalex(10), 2006, "FR", U, 0, 0, 0, ""},
    };
    struct got g;
    read_all(DATA "quoted.csv", 0, 0, &g);
    check_records(&g, w, 5);
    assert_int_equal(tf_skips_total(&g.skips), 1); /* the quoted empty person */
    assert_int_equal(g.skips.n[TF_SKIP_BAD_PERSON], 1);
    assert_int_equal(g.skips.first[TF_SKIP_BAD_PERSON][0].line, 8);
}

static void test_crlf_bom(void **state)
{
    (void)state;
    const struct want w[] = {
        {2, tf_person_openalex(1), 2001, "US", U, 0, 0, 0, ""},
        {3, hashed("two\nlines"), 2002, "FR", U, 0, 0, 0, "two\nlines"},
        {5, tf_person_openalex(3), 2003, "DE", U, 0, 0, 0, ""},
    };
    struct got g;
    read_all(DATA "crlf_bom.csv", 0, 0, &g);
    check_records(&g, w, 3);
    check_no_skips(&g);
}

static void test_blank_lines(void **state)
{
    (void)state;
    const struct want w[] = {
        {4, tf_person_openalex(1), 2001, "US", U, 0, 0, 0, ""},
        {6, tf_person_openalex(2), 2002, "FR", U, 0, 0, 0, ""},
    };
    struct got g;
    read_all(DATA "blank.csv", 0, 0, &g);
    check_records(&g, w, 2);
    check_no_skips(&g);
}

/* Each bad row of bad_rows.csv: its reason and line. */
struct bad_row {
    int reason;
    uint64_t lines[TF_SKIP_EXAMPLES];
    uint64_t n;
    const char *detail; /* in the first example's message */
};

static const struct bad_row bad_rows[] = {
    {TF_SKIP_BAD_YEAR, {3, 4, 14}, 4, "bad_rows.csv:3: bad_year: year \"abc\""},
    {TF_SKIP_BAD_COUNTRY, {5}, 1, "bad_country: country \"ZZ\""},
    {TF_SKIP_BAD_WEIGHT, {6, 13}, 2, "bad_weight: weight \"0\""},
    {TF_SKIP_BAD_KIND, {7}, 1, "bad_kind: kind \"writing\""},
    {TF_SKIP_BAD_PERSON, {8}, 1, "bad_person: person \"\""},
    {TF_SKIP_BAD_CSV_ROW, {9, 10, 11}, 5, "bad_csv_row: 3 fields, header has 5"},
    {TF_SKIP_INVALID_UTF8, {12}, 1, "bad_rows.csv:12: invalid_utf8"},
};

static void test_bad_rows(void **state)
{
    (void)state;
    const struct want w[] = {
        {2, tf_person_openalex(1), 2001, "US", U, 0, 0, 0, ""},
        {15, tf_person_openalex(13), 2002, "FR", 2 * U / 3, TF_KIND_EDUCATION, 0, 0, ""},
    };
    struct got g;
    uint64_t total = 0;
    read_all(DATA "bad_rows.csv", 0, 0, &g);
    check_records(&g, w, 2);
    for (size_t i = 0; i < sizeof(bad_rows) / sizeof(bad_rows[0]); i++) {
        const struct bad_row *b = &bad_rows[i];
        assert_int_equal(g.skips.n[b->reason], b->n);
        for (uint64_t k = 0; k < b->n && k < TF_SKIP_EXAMPLES; k++)
            assert_int_equal(g.skips.first[b->reason][k].line, b->lines[k]);
        total += b->n;
    }
    assert_int_equal(tf_skips_total(&g.skips), total);
    for (size_t i = 0; i < sizeof(bad_rows) / sizeof(bad_rows[0]); i++)
        if (!strstr(g.skips.first[bad_rows[i].reason][0].msg, bad_rows[i].detail))
            fail_msg("\"%s\" lacks \"%s\"", g.skips.first[bad_rows[i].reason][0].msg,
                     bad_rows[i].detail);
    assert_non_null(strstr(g.skips.first[TF_SKIP_BAD_CSV_ROW][2].msg, "closing quote"));
}

static void test_strict(void **state)
{
    (void)state;
    struct got g;
    read_all(DATA "bad_rows.csv", 1, 0, &g);
    assert_int_equal(g.open_rc, 0);
    assert_int_equal(g.n, 1); /* the good first row, then the error */
    assert_int_equal(g.rc, TF_ERR_DATA);
    assert_int_equal(g.err.code, TF_ERR_DATA);
    assert_int_equal(g.err.line, 3);
    assert_non_null(strstr(g.err.msg, "bad_rows.csv:3: bad_year"));
    assert_non_null(strstr(g.err.msg, "abc"));
    check_no_skips(&g);
}

struct open_error {
    const char *file;
    int code;
    const char *msg;
};

static const struct open_error open_errors[] = {
    {DATA "missing_column.csv", TF_ERR_FORMAT, "missing_column.csv:1: "},
    {DATA "missing_column.csv", TF_ERR_FORMAT, "required column country "},
    {DATA "missing_two.csv", TF_ERR_FORMAT, "columns person, year, country "},
    {DATA "duplicate_column.csv", TF_ERR_FORMAT, "\"year\" appears twice"},
    {DATA "empty.csv", TF_ERR_FORMAT, "empty.csv: empty CSV file"},
    {DATA "bad_header.csv", TF_ERR_FORMAT, "bad_header.csv:1: malformed CSV header"},
    {DATA "no_such_file.csv", TF_ERR_IO, "no_such_file.csv"},
};

static void test_open_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(open_errors) / sizeof(open_errors[0]); i++) {
        struct got g;
        read_all(open_errors[i].file, 0, 0, &g);
        assert_int_equal(g.open_rc, open_errors[i].code);
        assert_int_equal(g.err.code, open_errors[i].code);
        if (!strstr(g.err.msg, open_errors[i].msg))
            fail_msg("\"%s\" lacks \"%s\"", g.err.msg, open_errors[i].msg);
    }
}

static void test_header_only(void **state)
{
    (void)state;
    struct got g;
    read_all(DATA "header_only.csv", 0, 0, &g);
    check_records(&g, NULL, 0);
    check_no_skips(&g);
}

/* Multi-byte text is kept; malformed sequences of every kind skip the row. */
static void test_utf8(void **state)
{
    (void)state;
    const struct want w[] = {
        {2, hashed("Jos\xc3\xa9 M\xc3\xbcller"), 2001, "TR", U, 0, 0, 0,
         "Jos\xc3\xa9 M\xc3\xbcller"},
        {3, hashed("\xc5\x81ukasz, \xe6\x9d\x8e"), 2002, "CI", U, 0, 0, 0,
         "\xc5\x81ukasz, \xe6\x9d\x8e"},
        {8, tf_person_openalex(5), 2004, "US", U, 0, 0, 0, ""},
        {10, tf_person_openalex(7), 2005, "FR", U, 0, 0, 0, ""},
    };
    static const uint64_t invalid[] = {4, 5, 6}; /* overlong, surrogate, past U+10FFFF */
    struct got g;
    read_all(DATA "utf8.csv", 0, 0, &g);
    check_records(&g, w, 4);
    assert_int_equal(g.skips.n[TF_SKIP_INVALID_UTF8], 4); /* and a cut sequence */
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(g.skips.first[TF_SKIP_INVALID_UTF8][i].line, invalid[i]);
    /* a long bad value is shortened on a character boundary */
    const char *msg = g.skips.first[TF_SKIP_BAD_COUNTRY][0].msg;
    assert_int_equal(g.skips.n[TF_SKIP_BAD_COUNTRY], 1);
    assert_non_null(strstr(msg, "utf8.csv:9: bad_country: country \"x\xc3\x84\xc3\x84"));
    assert_non_null(strstr(msg, "\xc3\x84...\""));
    assert_int_equal(tf_skips_total(&g.skips), 5);
}

/* A line past the cap is dropped by the line reader, a record past it here. */
static void test_too_long(void **state)
{
    (void)state;
    const struct want w[] = {
        {2, tf_person_openalex(1), 2001, "US", U, 0, 0, 0, ""},
        {8, tf_person_openalex(3), 2003, "DE", U, 0, 0, 0, ""},
        {12, tf_person_openalex(4), 2005, "FR", U, 0, 0, 0, ""},
    };
    struct got g;
    read_all(DATA "long.csv", 0, 40, &g);
    check_records(&g, w, 3);
    /* line 3 is too long, so is the record from line 4, and the record from
       line 9 lost its line 10: counted once, as that line */
    assert_int_equal(g.skips.n[TF_SKIP_LINE_TOO_LONG], 3);
    assert_int_equal(g.skips.first[TF_SKIP_LINE_TOO_LONG][0].line, 3);
    assert_int_equal(g.skips.first[TF_SKIP_LINE_TOO_LONG][1].line, 4);
    assert_int_equal(g.skips.first[TF_SKIP_LINE_TOO_LONG][2].line, 10);
    assert_int_equal(tf_skips_total(&g.skips), 3);

    read_all(DATA "long.csv", 1, 40, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.rc, TF_ERR_DATA);
    assert_int_equal(g.err.line, 3);
    assert_non_null(strstr(g.err.msg, "line_too_long"));

    /* two long lines skipped by one read: strict names the first */
    read_all(DATA "long_pair.csv", 1, 40, &g);
    assert_int_equal(g.rc, TF_ERR_DATA);
    assert_int_equal(g.err.line, 2);
}

static void test_truncated_gzip(void **state)
{
    (void)state;
    struct got g;
    read_all(DATA "truncated.csv.gz", 0, 0, &g);
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.n, 2); /* the cut third row is dropped */
    assert_int_equal(g.skips.n[TF_SKIP_TRUNCATED_GZIP], 1);
    assert_int_equal(tf_skips_total(&g.skips), 1);

    read_all(DATA "truncated.csv.gz", 1, 0, &g);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.rc, TF_ERR_DATA);
    assert_int_equal(g.err.code, TF_ERR_DATA);
    assert_non_null(strstr(g.err.msg, "truncated.csv.gz"));
}

/* Skips need not be collected: the reader keeps its own counts. */
static void test_null_skips(void **state)
{
    (void)state;
    struct tf_source *src = NULL;
    struct tf_record rec;
    struct tf_error err;
    size_t n = 0;
    int rc;
    assert_int_equal(tf_source_open(&src, DATA "bad_rows.csv", TF_FORMAT_CSV, NULL, NULL, &err), 0);
    while ((rc = tf_source_next(src, &rec, NULL)) > 0)
        n++;
    assert_int_equal(rc, 0);
    assert_int_equal(n, 2);
    tf_source_free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),          cmocka_unit_test(test_reordered),
        cmocka_unit_test(test_quoted),         cmocka_unit_test(test_crlf_bom),
        cmocka_unit_test(test_blank_lines),    cmocka_unit_test(test_bad_rows),
        cmocka_unit_test(test_strict),         cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_header_only),    cmocka_unit_test(test_too_long),
        cmocka_unit_test(test_truncated_gzip), cmocka_unit_test(test_null_skips),
        cmocka_unit_test(test_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
