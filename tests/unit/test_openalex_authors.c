/*
 * test_openalex_authors.c - the OpenAlex author records reader on the
 * fixtures in tests/data/openalex-authors (README.md there says what each
 * holds).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "talentflow/error.h"
#include "talentflow/merged.h"
#include "talentflow/obs.h"
#include "talentflow/source.h"

#define DATA TF_TEST_DATA "/openalex-authors/"
#define MAX_OBS 64
#define U TF_WEIGHT_UNIT

/* ---- reading everything from one file ------------------------------------ */

struct got {
    int open_rc;
    int rc; /* the last tf_source_next status */
    uint64_t records;
    uint64_t remapped;
    uint64_t lines[16]; /* of the first records */
    size_t n_obs;
    struct tf_obs obs[MAX_OBS];
    struct tf_skips skips;
    struct tf_error err;
};

static void copy_record(struct got *g, const struct tf_record *rec, uint64_t i)
{
    assert_null(rec->names);
    assert_int_equal(rec->info.work, 0);
    assert_int_equal(rec->info.whole, 0);
    assert_true(rec->info.cited_by_count == -1);
    assert_true(g->n_obs + rec->n_obs <= MAX_OBS);
    if (i < 16)
        g->lines[i] = rec->line;
    if (rec->n_obs)
        memcpy(&g->obs[g->n_obs], rec->obs, rec->n_obs * sizeof(rec->obs[0]));
    g->n_obs += rec->n_obs;
}

/* Reads `path` to the end or to the first error. */
static void read_with(const char *path, const struct tf_source_opts *opts, struct got *g)
{
    struct tf_source *src = NULL;
    struct tf_record rec;
    memset(g, 0, sizeof(*g));
    tf_skips_init(&g->skips);
    tf_error_init(&g->err);
    g->open_rc = tf_source_open(&src, path, TF_FORMAT_OPENALEX_AUTHORS, opts, &g->skips, &g->err);
    if (g->open_rc < 0)
        return;
    uint64_t i = 0;
    while ((g->rc = tf_source_next(src, &rec, &g->err)) > 0)
        copy_record(g, &rec, i++);
    g->records = tf_source_records(src);
    g->remapped = tf_source_remapped(src);
    assert_int_equal(g->records, i);
    tf_source_free(src);
    for (int r = 0; r < TF_SKIP_COUNT; r++) /* the registry lists every reason the reader uses */
        if (g->skips.n[r] && !tf_format_skips(TF_FORMAT_OPENALEX_AUTHORS, (enum tf_skip)r))
            fail_msg("%s: skipped for, but not in the registry's list", tf_skip_name(r));
}

static void read_all(const char *path, int strict, struct got *g)
{
    struct tf_source_opts opts = {.strict = strict};
    read_with(path, &opts, g);
}

/* ---- expectations ---------------------------------------------------------- */

struct want_obs {
    const char *person;
    int year;
    const char *country;
    uint32_t weight;
    const char *org;
};

static uint64_t key_of(int (*parse)(const char *, size_t, uint64_t *), const char *s)
{
    uint64_t key = 0;
    assert_int_equal(parse(s, strlen(s), &key), 0);
    return key;
}

/* The observations read are exactly `want`, in order. */
static void check_obs(const struct got *g, const struct want_obs *want, size_t n)
{
    assert_int_equal(g->n_obs, n);
    for (size_t i = 0; i < n; i++) {
        const struct tf_obs *o = &g->obs[i];
        assert_int_equal(o->person, key_of(tf_person_parse, want[i].person));
        assert_int_equal(o->year, want[i].year);
        assert_int_equal(o->country, TF_COUNTRY(want[i].country[0], want[i].country[1]));
        assert_int_equal(o->weight, want[i].weight);
        assert_int_equal(o->org, key_of(tf_org_parse, want[i].org));
        assert_int_equal(o->kind, TF_KIND_EMPLOYMENT);
        assert_int_equal(o->work, 0);
        assert_int_equal(o->degree, 0);
    }
}

/* The place of the n-th remembered skip of `reason` is `path`:`line`. */
static void check_place(const struct got *g, int reason, size_t n, const char *path, uint64_t line,
                        const char *detail)
{
    const struct tf_error *e = &g->skips.first[reason][n];
    assert_true(g->skips.n[reason] > n);
    assert_string_equal(e->file, path);
    assert_int_equal(e->line, line);
    if (detail && !strstr(e->msg, detail))
        fail_msg("%s: no \"%s\" in it", e->msg, detail);
}

static void check_no_skips(const struct got *g)
{
    assert_int_equal(tf_skips_total(&g->skips), 0);
}

/* ---- the current generation: affiliations with years ---------------------- */

#define A1 "https://openalex.org/A5000000001"
#define A2 "https://openalex.org/A5000000002"
#define A3 "https://openalex.org/A5000000003"
#define I(n) "https://openalex.org/I40000000" #n

static const struct want_obs authors_obs[] = {
    /* two affiliations, one year (2022) shared between them */
    {A1, 2023, "US", U, I(01)},
    {A1, 2022, "US", U / 2, I(01)},
    {A1, 2021, "US", U, I(01)},
    {A1, 2022, "DE", U / 2, I(02)},
    /* 2020 listed twice by the same institution counts once; three institutions share it */
    {A2, 2020, "GB", U / 3, I(03)},
    {A2, 2019, "GB", U, I(03)},
    {A2, 2020, "FR", U / 3, I(04)},
    {A2, 2020, "IT", U / 3, I(05)},
    /* no affiliations: the last known institutions, in the year of updated_date */
    {A3, 2024, "JP", U / 2, I(06)},
    {A3, 2024, "KR", U / 2, I(07)},
};

static void test_affiliations(void **state)
{
    (void)state;
    struct got g;
    read_all(DATA "authors.jsonl", 1, &g);
    assert_int_equal(g.open_rc, 0);
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.records, 3);
    assert_int_equal(g.lines[0], 1);
    assert_int_equal(g.lines[2], 3);
    check_obs(&g, authors_obs, sizeof(authors_obs) / sizeof(authors_obs[0]));
    check_no_skips(&g);
}

/* ---- the older generation: last_known_institution as an object ------------ */

static void test_last_known_object(void **state)
{
    (void)state;
    static const struct want_obs want[] = {
        {"A2100000001", 2022, "CA", U, I(08)}, /* year of updated_date */
        {"A2100000002", 2017, "NL", U, I(09)}, /* no updated_date: created_date */
    };
    struct got g;
    read_all(DATA "last_known_object.jsonl", 0, &g);
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.records, 3); /* the third, with no institution, gives nothing */
    check_obs(&g, want, 2);
    assert_int_equal(tf_skips_total(&g.skips), 1);
    check_place(&g, TF_SKIP_NO_AFFILIATIONS, 0, DATA "last_known_object.jsonl", 3, "A2100000003");
    /* no_affiliations is not bad input: strict reads the same */
    read_all(DATA "last_known_object.jsonl", 1, &g);
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.n_obs, 2);
}

/* Past 16 shares the remainder units go one each to the first observations of the year. */
static void test_many_institutions(void **state)
{
    (void)state;
    struct got g;
    uint64_t sum = 0;
    read_all(DATA "many_institutions.jsonl", 1, &g);
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.n_obs, 17);
    for (size_t i = 0; i < 17; i++) {
        assert_int_equal(g.obs[i].weight, U / 17 + (i < U % 17));
        sum += g.obs[i].weight;
    }
    assert_int_equal(U % 17, 5);
    assert_int_equal(sum, U);
    assert_int_equal(g.obs[0].country, TF_COUNTRY('A', 'T'));
}

/* ---- an API page, pretty-printed; a gzipped snapshot part ----------------- */

static void test_page(void **state)
{
    (void)state;
    static const struct want_obs want[] = {
        {"A5000000010", 2018, "BR", U, I(10)},
        {"A5000000010", 2017, "BR", U, I(10)},
        {"A5000000011", 2021, "IN", U / 2, I(11)}, /* two institutions of one country */
        {"A5000000011", 2021, "IN", U / 2, I(12)},
    };
    struct got g;
    read_all(DATA "page.json", 1, &g);
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.records, 2);
    assert_int_equal(g.lines[0], 1); /* the authors of a multi-line page carry its first line */
    assert_int_equal(g.lines[1], 1);
    check_obs(&g, want, 4);
    check_no_skips(&g);
}

static void test_gzip_part(void **state)
{
    (void)state;
    static const struct want_obs want[] = {
        {"A5000000020", 2016, "ES", U, I(20)},
        {"A5000000021", 2015, "PT", U, I(21)},
        {"A5000000021", 2016, "PT", U, I(21)},
    };
    struct got g;
    read_all(DATA "part_000.gz", 1, &g); /* two gzip members */
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.records, 2);
    assert_int_equal(g.lines[1], 2);
    check_obs(&g, want, 3);
    check_no_skips(&g);

    read_all(DATA "truncated.jsonl.gz", 0, &g); /* the same part, cut in its second line */
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.records, 1);
    check_obs(&g, want, 1);
    assert_int_equal(tf_skips_total(&g.skips), 1);
    check_place(&g, TF_SKIP_TRUNCATED_GZIP, 0, DATA "truncated.jsonl.gz", 2, NULL);
    read_all(DATA "truncated.jsonl.gz", 1, &g);
    assert_int_equal(g.rc, TF_ERR_DATA);
    assert_int_equal(g.err.line, 2);
}

/* ---- bad records ----------------------------------------------------------- */

static void test_bad_records(void **state)
{
    (void)state;
    static const char *const path = DATA "bad.jsonl";
    static const struct want_obs want[] = {
        {"A5000000032", 2020, "SE", U, I(34)}, /* the one usable affiliation */
        {"A5000000032", 2019, "SE", U, I(34)},
        {"A5000000036", 2014, "DK", U, I(37)}, /* a year written as a string */
    };
    struct got g;
    read_all(path, 0, &g);
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.records, 7); /* every author object, usable or not */
    check_obs(&g, want, 3);
    assert_int_equal(g.skips.n[TF_SKIP_MALFORMED_JSON], 1);
    check_place(&g, TF_SKIP_MALFORMED_JSON, 0, path, 1, NULL);
    assert_int_equal(g.skips.n[TF_SKIP_NOT_AN_AUTHOR], 2);
    check_place(&g, TF_SKIP_NOT_AN_AUTHOR, 0, path, 2, NULL); /* a work */
    check_place(&g, TF_SKIP_NOT_AN_AUTHOR, 1, path, 3, NULL); /* a number */
    assert_int_equal(g.skips.n[TF_SKIP_NO_AUTHOR_ID], 2);
    check_place(&g, TF_SKIP_NO_AUTHOR_ID, 0, path, 4, "author: no OpenAlex author id");
    check_place(&g, TF_SKIP_NO_AUTHOR_ID, 1, path, 5, "W5000000031"); /* a work id */
    assert_int_equal(g.skips.n[TF_SKIP_BAD_COUNTRY], 1);
    check_place(&g, TF_SKIP_BAD_COUNTRY, 0, path, 6, "affiliation 1: country code \"ZZ\"");
    assert_int_equal(g.skips.n[TF_SKIP_NO_COUNTRY], 1);
    check_place(&g, TF_SKIP_NO_COUNTRY, 0, path, 6, "affiliation 2");
    assert_int_equal(g.skips.n[TF_SKIP_BAD_YEAR], 4);
    check_place(&g, TF_SKIP_BAD_YEAR, 0, path, 6, "affiliation 3: year 1700");
    check_place(&g, TF_SKIP_BAD_YEAR, 1, path, 6, "affiliation 3: year \"x\"");
    check_place(&g, TF_SKIP_BAD_YEAR, 2, path, 8, "no dated record");
    assert_int_equal(g.skips.n[TF_SKIP_NO_AFFILIATIONS], 1);
    check_place(&g, TF_SKIP_NO_AFFILIATIONS, 0, path, 7, "A5000000033");
    assert_int_equal(tf_skips_total(&g.skips), 12);
}

static void test_strict(void **state)
{
    (void)state;
    struct got g;
    read_all(DATA "bad.jsonl", 1, &g);
    assert_int_equal(g.rc, TF_ERR_DATA);
    assert_int_equal(g.err.line, 1);
    assert_non_null(strstr(g.err.msg, "malformed_json"));
    assert_int_equal(g.records, 0);
}

/* ---- linking and merged ids ------------------------------------------------ */

static void test_link_orcid(void **state)
{
    (void)state;
    struct tf_source_opts opts = {.link_orcid = 1};
    struct got g;
    read_with(DATA "authors.jsonl", &opts, &g);
    assert_int_equal(g.n_obs, 10);
    uint64_t ada = key_of(tf_person_parse, "0000-0002-1825-0097");
    uint64_t cy = key_of(tf_person_parse, "https://orcid.org/0000-0001-5109-3700");
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(g.obs[i].person, ada);
    for (size_t i = 4; i < 8; i++) /* orcid null: stays the OpenAlex author */
        assert_int_equal(g.obs[i].person, key_of(tf_person_parse, A2));
    for (size_t i = 8; i < 10; i++)
        assert_int_equal(g.obs[i].person, cy);
}

static void test_merged(void **state)
{
    (void)state;
    struct tf_merged *m = NULL;
    struct tf_error err;
    assert_int_equal(tf_merged_new(&m, &err), 0);
    assert_int_equal(tf_merged_load(m, DATA "merged_ids.csv", NULL, &err), 0);
    assert_int_equal(tf_merged_finish(m, &err), 0);
    struct tf_source_opts opts = {.merged = m};
    struct got g;
    read_with(DATA "authors.jsonl", &opts, &g);
    assert_int_equal(g.n_obs, 10);
    assert_int_equal(g.remapped, 4); /* A5000000002 was merged into A5000000099 */
    for (size_t i = 4; i < 8; i++)
        assert_int_equal(g.obs[i].person, key_of(tf_person_parse, "A5000000099"));
    assert_int_equal(g.obs[0].person, key_of(tf_person_parse, A1));
    tf_merged_free(m);
}

/* ---- folders: only the format's files ------------------------------------- */

static void test_registry(void **state)
{
    (void)state;
    const struct tf_format_info *info = tf_format_info(TF_FORMAT_OPENALEX_AUTHORS);
    assert_non_null(info);
    assert_string_equal(info->name, "openalex-authors");
    assert_true(tf_format_wants(TF_FORMAT_OPENALEX_AUTHORS, "part_000.gz"));
    assert_true(tf_format_wants(TF_FORMAT_OPENALEX_AUTHORS, "page.json"));
    assert_false(tf_format_wants(TF_FORMAT_OPENALEX_AUTHORS, "merged_ids.csv"));
    assert_false(tf_format_wants(TF_FORMAT_OPENALEX_AUTHORS, "x.csv.gz"));
    assert_string_equal(tf_skip_name(TF_SKIP_NOT_AN_AUTHOR), "not_an_author");
    assert_true(tf_skip_is_error(TF_SKIP_NOT_AN_AUTHOR));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_affiliations),
        cmocka_unit_test(test_last_known_object),
        cmocka_unit_test(test_many_institutions),
        cmocka_unit_test(test_page),
        cmocka_unit_test(test_gzip_part),
        cmocka_unit_test(test_bad_records),
        cmocka_unit_test(test_strict),
        cmocka_unit_test(test_link_orcid),
        cmocka_unit_test(test_merged),
        cmocka_unit_test(test_registry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
