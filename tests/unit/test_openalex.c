/* test_openalex.c - the OpenAlex works reader on the fixtures in tests/data/openalex. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"
#include "talentflow/source.h"

#define DATA TF_TEST_DATA "/openalex/"
#define MAX_RECORDS 32
#define MAX_OBS 128
#define MAX_WANT_OBS 6
#define U TF_WEIGHT_UNIT

/* ---- reading everything from one file ------------------------------------ */

struct got_record {
    uint64_t line;
    struct tf_work_info info; /* arrays copied below, pointers cleared */
    struct tf_topic topics[4];
    struct tf_concept concepts[4];
    size_t obs0, n_obs; /* into got.obs */
};

struct got {
    int open_rc;
    int rc; /* the last tf_source_next status */
    size_t n;
    struct got_record rec[MAX_RECORDS];
    size_t n_obs;
    struct tf_obs obs[MAX_OBS];
    uint64_t records;
    struct tf_skips skips;
    struct tf_error err;
};

static void copy_record(struct got *g, const struct tf_record *rec)
{
    assert_true(g->n < MAX_RECORDS);
    assert_true(g->n_obs + rec->n_obs <= MAX_OBS);
    assert_null(rec->names);
    struct got_record *r = &g->rec[g->n++];
    r->line = rec->line;
    r->info = rec->info;
    assert_true(rec->info.n_topics <= 4 && rec->info.n_concepts <= 4);
    if (rec->info.n_topics)
        memcpy(r->topics, rec->info.topics, rec->info.n_topics * sizeof(r->topics[0]));
    if (rec->info.n_concepts)
        memcpy(r->concepts, rec->info.concepts, rec->info.n_concepts * sizeof(r->concepts[0]));
    r->info.topics = NULL;
    r->info.concepts = NULL;
    r->obs0 = g->n_obs;
    r->n_obs = rec->n_obs;
    if (rec->n_obs)
        memcpy(&g->obs[g->n_obs], rec->obs, rec->n_obs * sizeof(rec->obs[0]));
    g->n_obs += rec->n_obs;
}

/* Reads `path` to the end or to the first error. */
static void read_all(const char *path, int strict, size_t max_line, struct got *g)
{
    struct tf_source_opts opts = {.strict = strict, .max_line = max_line};
    struct tf_source *src = NULL;
    struct tf_record rec;
    memset(g, 0, sizeof(*g));
    tf_skips_init(&g->skips);
    tf_error_init(&g->err);
    g->open_rc = tf_source_open(&src, path, TF_FORMAT_OPENALEX, &opts, &g->skips, &g->err);
    if (g->open_rc < 0) {
        assert_null(src);
        return;
    }
    while ((g->rc = tf_source_next(src, &rec, &g->err)) > 0)
        copy_record(g, &rec);
    g->records = tf_source_records(src);
    tf_source_free(src);
    for (int r = 0; r < TF_SKIP_COUNT; r++) /* the registry lists every reason the reader uses */
        if (g->skips.n[r] && !tf_format_skips(TF_FORMAT_OPENALEX, (enum tf_skip)r))
            fail_msg("%s: skipped for, but not in the registry's list", tf_skip_name(r));
}

/* ---- keys ------------------------------------------------------------------ */

static uint64_t person(const char *s)
{
    uint64_t key = 0;
    assert_int_equal(tf_person_parse(s, strlen(s), &key), 0);
    return key;
}

static uint64_t work(const char *s)
{
    uint64_t key = 0;
    if (s)
        assert_int_equal(tf_work_parse(s, strlen(s), &key), 0);
    return key;
}

static uint64_t org(const char *s)
{
    uint64_t key = 0;
    if (s)
        assert_int_equal(tf_org_parse(s, strlen(s), &key), 0);
    return key;
}

static tf_country country(const char *s)
{
    return TF_COUNTRY(s[0], s[1]);
}

/* ---- expectations ---------------------------------------------------------- */

struct want_obs {
    const char *person;
    const char *country;
    uint32_t weight;
    const char *org; /* NULL: no organisation */
};

struct want_record {
    uint64_t line;
    const char *work; /* NULL: no work id */
    int year;         /* 0: bad year */
    size_t n_obs;
    struct want_obs obs[MAX_WANT_OBS];
};

/* How often a reason was counted, and the lines of its first places. */
struct want_skip {
    int reason;
    uint64_t n;
    uint64_t lines[TF_SKIP_EXAMPLES];
};

static void check_record(const struct got *g, size_t i, const struct want_record *w)
{
    const struct got_record *r = &g->rec[i];
    if (r->line != w->line || r->info.work != work(w->work) || r->info.year != w->year ||
        r->n_obs != w->n_obs)
        fail_msg("record %zu: line %llu (want %llu), year %d (want %d), %zu obs (want %zu)", i,
                 (unsigned long long)r->line, (unsigned long long)w->line, r->info.year, w->year,
                 r->n_obs, w->n_obs);
    for (size_t k = 0; k < w->n_obs; k++) {
        const struct tf_obs *o = &g->obs[r->obs0 + k];
        const struct want_obs *wo = &w->obs[k];
        char code[3];
        if (o->person != person(wo->person) || o->country != country(wo->country) ||
            o->weight != wo->weight || o->org != org(wo->org))
            fail_msg("record %zu obs %zu: country %s weight %u, want %s %s %u", i, k,
                     tf_country_code(o->country, code), o->weight, wo->person, wo->country,
                     wo->weight);
        assert_int_equal(o->year, w->year);
        assert_int_equal(o->work, work(w->work));
        assert_int_equal(o->kind, TF_KIND_PUBLICATION);
        assert_int_equal(o->degree, 0);
        assert_int_equal(o->cited, 0);
        assert_int_equal(o->pools, 0);
    }
}

static void check_skips(const struct got *g, const struct want_skip *w, size_t n)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (g->skips.n[w[i].reason] != w[i].n)
            fail_msg("%s: %llu skips, want %llu", tf_skip_name(w[i].reason),
                     (unsigned long long)g->skips.n[w[i].reason], (unsigned long long)w[i].n);
        for (uint64_t k = 0; k < w[i].n && k < TF_SKIP_EXAMPLES; k++)
            if (g->skips.first[w[i].reason][k].line != w[i].lines[k])
                fail_msg("%s #%llu at line %llu, want %llu", tf_skip_name(w[i].reason),
                         (unsigned long long)k,
                         (unsigned long long)g->skips.first[w[i].reason][k].line,
                         (unsigned long long)w[i].lines[k]);
        total += w[i].n;
    }
    assert_int_equal(tf_skips_total(&g->skips), total);
}

/* A whole file: its records, in order, and its skips. */
struct file_case {
    const char *file;
    const struct want_record *recs;
    size_t n_recs;
    const struct want_skip *skips;
    size_t n_skips;
};

static void check_file(const struct file_case *c, const char *path)
{
    struct got *g = malloc(sizeof(*g));
    assert_non_null(g);
    read_all(path, 0, 0, g);
    if (g->open_rc < 0 || g->rc < 0)
        fail_msg("%s: %s", c->file, g->err.msg);
    assert_int_equal(g->n, c->n_recs);
    assert_int_equal(g->records, c->n_recs);
    for (size_t i = 0; i < c->n_recs; i++)
        check_record(g, i, &c->recs[i]);
    check_skips(g, c->skips, c->n_skips);
    free(g);
}

/* ---- fixtures and what they hold --------------------------------------------- */

#define OA "https://openalex.org/"

static const struct want_record works_2023[] = {
    {1,
     OA "W4385000001",
     2023,
     4,
     {{"A5023651726", "US", U, "I136199984"},
      {"A5043960110", "DE", U / 2, "I62916508"},
      {"A5043960110", "FR", U / 2, "I1294671590"},
      {"A5071181101", "CN", U, "I99065089"}}},
    {2,
     OA "W4385000002",
     2024,
     4,
     {{"A5100000004", "GB", U / 3, "I40120149"},
      {"A5100000004", "JP", U / 3, "I74801974"},
      {"A5100000004", "US", U / 3, "I27837315"},
      {"A5023651726", "US", U, "I136199984"}}},
    {3,
     OA "W4385000003",
     2023,
     3,
     {{"A5008000001", "BR", U, NULL},
      {"A5008000002", "AR", U / 2, NULL},
      {"A5008000002", "CL", U / 2, NULL}}},
    {4, OA "W4385000004", 2023, 1, {{"A5009000001", "IT", U, "I4210090002"}}},
    {5, "W4385000005", 2022, 1, {{"A5023651726", "US", U, "I136199984"}}},
};
static const struct want_skip works_2023_skips[] = {
    {TF_SKIP_BAD_COUNTRY, 2, {4, 4}},
    {TF_SKIP_NO_COUNTRY, 1, {4}},
};

static const struct want_record works_2021[] = {
    {1,
     OA "W2100000001",
     2021,
     3,
     {{"A2100000001", "CA", U, "I4"},
      {"A2100000002", "IN", U / 2, "I5"},
      {"A2100000002", "SG", U / 2, "I6"}}},
    {2, OA "W2100000002", 2022, 1, {{"A2100000004", "KR", U, "I7"}}},
};
static const struct want_skip works_2021_skips[] = {{TF_SKIP_NO_COUNTRY, 1, {1}}};

static const struct want_record nulls[] = {
    {1,
     OA "W3000000001",
     2020,
     2,
     {{"A3000000002", "US", U, NULL}, {"A3000000004", "US", U, "I27837315"}}},
    {2, OA "W3000000002", 2020, 0, {{0}}},
    {3, OA "W3000000003", 0, 0, {{0}}},
    {4, OA "W3000000004", 0, 0, {{0}}},
    {5, OA "W3000000005", 2019, 1, {{"A3000000005", "NL", U, "I8"}}},
    {6, NULL, 0, 0, {{0}}},
    {7, OA "W3000000007", 0, 0, {{0}}},
    {8, OA "W3000000008", 2018, 0, {{0}}},
    {9, OA "W3000000009", 2018, 0, {{0}}},
    {10, OA "W3000000010", 0, 0, {{0}}},
};
static const struct want_skip nulls_skips[] = {
    {TF_SKIP_NO_AUTHOR_ID, 2, {1, 2}},
    {TF_SKIP_NO_COUNTRY, 1, {1}},
    {TF_SKIP_BAD_YEAR, 5, {3, 4, 6}},
};

static const struct want_record malformed[] = {
    {1, OA "W4000000001", 2020, 1, {{"A4000000001", "SE", U, NULL}}},
    {13, OA "W4000000013", 2021, 1, {{"A4000000013", "NO", U, NULL}}},
    {15, OA "W4000000015", 2021, 1, {{"A4000000015", "FI", U, NULL}}},
};
static const struct want_skip malformed_skips[] = {
    {TF_SKIP_MALFORMED_JSON, 4, {2, 3, 9}},
    {TF_SKIP_NOT_A_WORK, 6, {5, 5, 6}}, /* and line 16: an author record */
    {TF_SKIP_INVALID_UTF8, 1, {10}},
};

/* The three works of page.json, at the lines of their opening braces. */
/* clang-format off */
#define PAGE_W1(line) {line, OA "W4400000001", 2021, 1, {{"A5400000001", "GB", U, "I40120149"}}}
#define PAGE_W2(line) {line, OA "W4400000002", 2022, 2, {{"A5400000002", "CN", U / 2, "I99065089"}, \
                                                        {"A5400000002", "DE", U / 2, "I62916508"}}}
#define PAGE_W3(line) {line, OA "W4400000003", 2023, 1, {{"A5400000003", "CH", U, NULL}}}
/* clang-format on */

static const struct want_record page[] = {PAGE_W1(10), PAGE_W2(178), PAGE_W3(364)};
static const struct want_record single_work[] = {PAGE_W2(1)};
static const struct want_record array[] = {PAGE_W1(2), PAGE_W3(171)};
static const struct want_skip array_skips[] = {{TF_SKIP_NOT_A_WORK, 1, {170}}};
static const struct want_record pages[] = {PAGE_W1(1), PAGE_W2(1), PAGE_W3(2)};

static const struct want_record unknown_keys[] = {
    {1, OA "W5000000001", 2022, 1, {{"A5000000011", "ES", U, "I10"}}},
    {2, OA "W5000000002", 2021, 1, {{"A5000000012", "MX", U, "I12"}}},
};

static const struct want_record bad_first_line[] = {
    {2, OA "W6000000002", 2020, 1, {{"A6000000002", "PT", U, NULL}}},
    {3, OA "W6000000003", 2021, 1, {{"A6000000003", "PT", U, NULL}}},
};
static const struct want_skip bad_first_line_skips[] = {{TF_SKIP_MALFORMED_JSON, 1, {1}}};

static const struct want_skip truncated_skips[] = {{TF_SKIP_TRUNCATED_GZIP, 1, {3}}};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct file_case files[] = {
    {"works_2023.jsonl", works_2023, N(works_2023), works_2023_skips, N(works_2023_skips)},
    {"works_2023.jsonl.gz", works_2023, N(works_2023), works_2023_skips, N(works_2023_skips)},
    {"multi_member.jsonl.gz", works_2023, N(works_2023), works_2023_skips, N(works_2023_skips)},
    {"truncated.jsonl.gz", works_2023, 2, truncated_skips, 1},
    {"works_2021.jsonl", works_2021, N(works_2021), works_2021_skips, N(works_2021_skips)},
    {"nulls.jsonl", nulls, N(nulls), nulls_skips, N(nulls_skips)},
    {"malformed.jsonl", malformed, N(malformed), malformed_skips, N(malformed_skips)},
    {"page.json", page, N(page), NULL, 0},
    {"single_work.json", single_work, N(single_work), NULL, 0},
    {"array.json", array, N(array), array_skips, N(array_skips)},
    {"pages.jsonl", pages, N(pages), NULL, 0},
    {"unknown_keys.jsonl", unknown_keys, N(unknown_keys), NULL, 0},
    {"bad_first_line.jsonl", bad_first_line, N(bad_first_line), bad_first_line_skips,
     N(bad_first_line_skips)},
};

static void test_files(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(files); i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s%s", DATA, files[i].file);
        print_message("  %s\n", files[i].file);
        check_file(&files[i], path);
    }
}

/* ---- what records say about their work -------------------------------------- */

static void test_work_info(void **state)
{
    (void)state;
    struct got *g = malloc(sizeof(*g));
    assert_non_null(g);

    read_all(DATA "works_2023.jsonl", 0, 0, g);
    const struct tf_work_info *a = &g->rec[0].info, *b = &g->rec[4].info;
    assert_int_equal(a->venue, 4306420609u);
    assert_int_equal(a->cited_by_count, 12);
    assert_int_equal(a->n_topics, 2);
    assert_int_equal(g->rec[0].topics[0].id, 10320);
    assert_int_equal(g->rec[0].topics[0].subfield, 1702);
    assert_int_equal(g->rec[0].topics[0].field, 17);
    assert_true(g->rec[0].topics[0].score == 0.9981f);
    assert_int_equal(g->rec[0].topics[1].id, 11307);
    assert_int_equal(a->n_concepts, 2);
    assert_int_equal(g->rec[0].concepts[0].id, 154945302);
    assert_int_equal(g->rec[0].concepts[0].level, 1);
    assert_true(g->rec[0].concepts[0].score == 0.71f);
    assert_int_equal(g->rec[0].concepts[1].level, 0);
    assert_int_equal(g->rec[1].info.cited_by_count, 0);
    assert_int_equal(g->rec[2].info.venue, 4210172589u);
    /* Bare ids and integer subfield ids give the same numbers as URLs. */
    assert_int_equal(b->venue, a->venue);
    assert_int_equal(b->n_topics, 1);
    assert_int_equal(g->rec[4].topics[0].id, 10320);
    assert_int_equal(g->rec[4].topics[0].subfield, 1702);
    assert_int_equal(g->rec[4].topics[0].field, 17);
    assert_int_equal(b->n_concepts, 0);
    assert_int_equal(b->work, work(OA "W4385000005"));

    read_all(DATA "works_2021.jsonl", 0, 0, g);
    assert_int_equal(g->rec[0].info.venue, 1983995261u); /* host_venue "V..." */
    assert_int_equal(g->rec[0].info.cited_by_count, 4821);
    assert_int_equal(g->rec[0].info.n_topics, 0);
    assert_int_equal(g->rec[0].info.n_concepts, 3);
    assert_int_equal(g->rec[0].concepts[0].id, 108583219);
    assert_int_equal(g->rec[0].concepts[0].level, 2);
    assert_int_equal(g->rec[1].info.venue, 0); /* host_venue.id null */
    assert_int_equal(g->rec[1].info.cited_by_count, -1);

    read_all(DATA "unknown_keys.jsonl", 0, 0, g);
    assert_int_equal(g->rec[0].info.venue, 137773608);
    assert_int_equal(g->rec[0].info.n_topics, 0);
    assert_int_equal(g->rec[0].info.cited_by_count, -1);
    assert_int_equal(g->rec[1].info.cited_by_count, 5);
    assert_int_equal(g->rec[1].info.n_topics, 1);
    assert_int_equal(g->rec[1].topics[0].id, 10001);
    assert_int_equal(g->rec[1].topics[0].subfield, 1702);
    assert_int_equal(g->rec[1].topics[0].field, 17);
    assert_true(g->rec[1].topics[0].score == 0.5f);

    read_all(DATA "nulls.jsonl", 0, 0, g);
    assert_int_equal(g->rec[0].info.venue, 0);
    assert_int_equal(g->rec[0].info.n_topics, 0);
    assert_int_equal(g->rec[1].info.venue, 0); /* "source": null */
    free(g);
}

/* The same author, institution and venue written as URL and as bare id. */
static void test_url_and_bare_ids(void **state)
{
    (void)state;
    struct got *g = malloc(sizeof(*g));
    assert_non_null(g);
    read_all(DATA "works_2023.jsonl", 0, 0, g);
    const struct tf_obs *url = &g->obs[g->rec[0].obs0], *bare = &g->obs[g->rec[4].obs0];
    assert_int_equal(bare->person, url->person);
    assert_int_equal(bare->person, tf_person_openalex(5023651726u));
    assert_int_equal(bare->org, url->org);
    assert_int_equal(url->work, work("W4385000001"));
    free(g);
}

/* ---- weights past 16 countries ------------------------------------------------- */

static void test_many_countries(void **state)
{
    (void)state;
    /* Both authorships in code order; DE appears twice (once lowercase) in each. */
    static const char *const first[] = {"AU", "BR", "CA", "CH", "CN", "DE", "ES", "FR", "GB",
                                        "IL", "IN", "IT", "JP", "KR", "NL", "SE", "US"};
    static const char *const orgs[] = {"I110", "I108", "I109", "I115", "I101", "I102",
                                       "I112", "I103", "I104", "I116", "I107", "I111",
                                       "I105", "I106", "I113", "I114", "I100"};
    static const char *const second[] = {"AU", "BR", "CA", "CN", "DE", "ES", "FR", "GB",
                                         "IN", "IT", "JP", "KR", "NL", "SE", "US"};
    struct got *g = malloc(sizeof(*g));
    assert_non_null(g);
    read_all(DATA "many_countries.jsonl", 0, 0, g);
    assert_int_equal(g->rc, 0);
    assert_int_equal(g->n, 1);
    assert_int_equal(g->rec[0].n_obs, 17 + 15);
    uint64_t sum = 0;
    for (size_t i = 0; i < 17; i++) {
        const struct tf_obs *o = &g->obs[i];
        assert_int_equal(o->person, person("A7000000001"));
        assert_int_equal(o->country, country(first[i]));
        assert_int_equal(o->org, org(orgs[i]));
        /* 720720 = 17 * 42395 + 5: the first five in code order carry one unit more. */
        assert_int_equal(o->weight, i < 5 ? 42396 : 42395);
        sum += o->weight;
    }
    assert_int_equal(sum, U);
    for (size_t i = 0; i < 15; i++) {
        const struct tf_obs *o = &g->obs[17 + i];
        assert_int_equal(o->person, person("A7000000002"));
        assert_int_equal(o->country, country(second[i]));
        assert_int_equal(o->weight, U / 15);
    }
    assert_int_equal(tf_skips_total(&g->skips), 0);
    free(g);
}

/* ---- strict mode ------------------------------------------------------------------ */

struct strict_case {
    const char *file;
    size_t records; /* read before the failure */
    uint64_t line;  /* where it is; 0: no failure */
    const char *reason;
};

static const struct strict_case strict_cases[] = {
    {"works_2023.jsonl", 3, 4, "bad_country"},
    {"nulls.jsonl", 2, 3, "bad_year"}, /* no_author_id and no_country are not errors */
    {"malformed.jsonl", 1, 2, "malformed_json"},
    {"array.json", 1, 170, "not_a_work"},
    {"truncated.jsonl.gz", 2, 3, NULL},
    {"bad_first_line.jsonl", 0, 1, "malformed_json"},
    {"works_2021.jsonl", 2, 0, NULL},
    {"page.json", 3, 0, NULL},
};

static void test_strict(void **state)
{
    (void)state;
    struct got *g = malloc(sizeof(*g));
    assert_non_null(g);
    for (size_t i = 0; i < N(strict_cases); i++) {
        const struct strict_case *c = &strict_cases[i];
        char path[1024], where[1100];
        snprintf(path, sizeof(path), "%s%s", DATA, c->file);
        print_message("  %s\n", c->file);
        read_all(path, 1, 0, g);
        assert_int_equal(g->open_rc, 0);
        assert_int_equal(g->n, c->records);
        if (!c->line) {
            assert_int_equal(g->rc, 0);
            continue;
        }
        assert_int_equal(g->rc, TF_ERR_DATA);
        assert_int_equal(g->err.code, TF_ERR_DATA);
        assert_int_equal(g->err.line, c->line);
        assert_string_equal(g->err.file, path);
        snprintf(where, sizeof(where), "%s:%llu: ", path, (unsigned long long)c->line);
        assert_non_null(strstr(g->err.msg, where));
        if (c->reason)
            assert_non_null(strstr(g->err.msg, c->reason));
    }
    free(g);
}

/* ---- line length cap ---------------------------------------------------------------- */

static void test_max_line(void **state)
{
    (void)state;
    /* Lines 1, 2 and 4 of works_2023.jsonl are longer than 4500 bytes. */
    static const struct want_skip skips[] = {{TF_SKIP_LINE_TOO_LONG, 3, {1, 2, 4}}};
    struct got *g = malloc(sizeof(*g));
    assert_non_null(g);
    read_all(DATA "works_2023.jsonl", 0, 4500, g);
    assert_int_equal(g->rc, 0);
    assert_int_equal(g->n, 2);
    check_record(g, 0, &works_2023[2]);
    check_record(g, 1, &works_2023[4]);
    check_skips(g, skips, 1);

    read_all(DATA "works_2023.jsonl", 1, 4500, g);
    assert_int_equal(g->rc, TF_ERR_DATA);
    assert_int_equal(g->err.line, 1);
    assert_int_equal(g->n, 0);

    /* A whole document past the cap is an error, not a silent end. */
    read_all(DATA "page.json", 0, 4096, g);
    assert_int_equal(g->rc, TF_ERR_NOMEM);
    assert_int_equal(g->n, 0);
    free(g);
}

/* ---- standard input ----------------------------------------------------------------- */

static void test_stdin(void **state)
{
    (void)state;
    static const struct file_case cases[] = {
        {"works_2023.jsonl.gz", works_2023, N(works_2023), works_2023_skips, N(works_2023_skips)},
        {"page.json", page, N(page), NULL, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s%s", DATA, cases[i].file);
        assert_non_null(freopen(path, "rb", stdin));
        check_file(&cases[i], "-");
    }
}

/* ---- opening -------------------------------------------------------------------------- */

static void test_open_errors(void **state)
{
    (void)state;
    struct got g;
    read_all(DATA "no_such_file.jsonl", 0, 0, &g);
    assert_int_equal(g.open_rc, TF_ERR_IO);
    assert_non_null(strstr(g.err.msg, "no_such_file.jsonl"));
}

/* NULL skips: the reader keeps its own counts and still honours strict. */
static void test_null_skips(void **state)
{
    (void)state;
    static const struct tf_source_opts strict = {.strict = 1};
    struct tf_source *src = NULL;
    struct tf_record rec;
    struct tf_error err;
    int rc;
    size_t n = 0;
    assert_int_equal(
        tf_source_open(&src, DATA "malformed.jsonl", TF_FORMAT_OPENALEX, NULL, NULL, &err), 0);
    while ((rc = tf_source_next(src, &rec, &err)) > 0)
        n++;
    assert_int_equal(rc, 0);
    assert_int_equal(n, 3);
    tf_source_free(src);
    assert_int_equal(
        tf_source_open(&src, DATA "malformed.jsonl", TF_FORMAT_OPENALEX, &strict, NULL, &err), 0);
    while ((rc = tf_source_next(src, &rec, &err)) > 0)
        ;
    assert_int_equal(rc, TF_ERR_DATA);
    tf_source_free(src);
}

/* ---- a work with thousands of authors ----------------------------------------------- */

#define BIG_AUTHORS 5000

static const char *const big_codes[] = {"US", "CN", "GB", "DE", "IN", "JP", "FR", "CA", "IT", "KR"};

/* Writes one line holding a work with BIG_AUTHORS authorships, then a small work. */
static void write_big(const char *path)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fprintf(f, "{\"id\": \"" OA "W8000000001\", \"publication_year\": 2021, \"authorships\": [");
    for (int i = 0; i < BIG_AUTHORS; i++) {
        const char *c1 = big_codes[i % 10], *c2 = big_codes[(i + 1) % 10];
        fprintf(f,
                "%s{\"author_position\": \"middle\", \"author\": {\"id\": \"" OA
                "A%lld\", \"display_name\": \"Author %d\", \"orcid\": null}, \"institutions\": "
                "[{\"id\": \"" OA "I%d\", \"display_name\": \"Institute %d\", \"ror\": null, "
                "\"country_code\": \"%s\", \"type\": \"education\", \"lineage\": [\"" OA "I%d\"]}",
                i ? ", " : "", 5200000000LL + i, i, 1000 + i % 50, i % 50, c1, 1000 + i % 50);
        if (i % 3 == 0)
            fprintf(f, ", {\"id\": \"" OA "I%d\", \"country_code\": \"%s\"}", 2000 + i % 7, c2);
        fprintf(f,
                "], \"countries\": [\"%s\"], \"is_corresponding\": false, "
                "\"raw_affiliation_strings\": [\"Department of Physics, Institute %d, Some "
                "Street 12, 12345 City, Country; and Laboratory of Things, Another Place\"]}",
                c1, i % 50);
    }
    fprintf(f, "], \"cited_by_count\": 3}\n");
    fprintf(f, "{\"id\": \"" OA "W8000000002\", \"publication_year\": 2022, \"authorships\": "
               "[{\"author\": {\"id\": \"" OA "A1\"}, \"institutions\": [{\"id\": null, "
               "\"country_code\": \"UY\"}]}]}\n");
    assert_int_equal(fclose(f), 0);
}

static void test_many_authors(void **state)
{
    (void)state;
    const char *path = TF_TEST_TMP "/openalex_5000_authors.jsonl";
    write_big(path);
    struct tf_source *src = NULL;
    struct tf_record rec;
    struct tf_skips skips;
    struct tf_error err;
    tf_skips_init(&skips);
    assert_int_equal(tf_source_open(&src, path, TF_FORMAT_OPENALEX, NULL, &skips, &err), 0);
    assert_int_equal(tf_source_next(src, &rec, &err), 1);
    assert_int_equal(rec.n_obs, BIG_AUTHORS + (BIG_AUTHORS + 2) / 3);
    size_t k = 0;
    for (int i = 0; i < BIG_AUTHORS; i++) {
        const char *c1 = big_codes[i % 10], *c2 = big_codes[(i + 1) % 10];
        int two = i % 3 == 0;
        tf_country want[2] = {country(c1), country(c2)};
        if (two && want[1] < want[0]) {
            tf_country t = want[0];
            want[0] = want[1];
            want[1] = t;
        }
        for (int j = 0; j < (two ? 2 : 1); j++, k++) {
            const struct tf_obs *o = &rec.obs[k];
            assert_int_equal(o->person, tf_person_openalex(UINT64_C(5200000000) + (uint64_t)i));
            assert_int_equal(o->country, want[j]);
            assert_int_equal(o->weight, two ? U / 2 : U);
            assert_int_equal(o->year, 2021);
        }
    }
    assert_int_equal(rec.info.cited_by_count, 3);
    assert_int_equal(tf_source_next(src, &rec, &err), 1);
    assert_int_equal(rec.line, 2);
    assert_int_equal(rec.n_obs, 1);
    assert_int_equal(rec.obs[0].country, country("UY"));
    assert_int_equal(tf_source_next(src, &rec, &err), 0);
    assert_int_equal(tf_skips_total(&skips), 0);
    tf_source_free(src);
    remove(path);
}

/* A skip's detail names the work by its id alone, not the bytes that follow it in the line. */
static void test_skip_detail_names_the_work(void **state)
{
    (void)state;
    const char *path = TF_TEST_TMP "/openalex_detail.jsonl";
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"id\":\"https://openalex.org/W4000064514\",\"doi\":\"https://doi.org/10.5555/x\","
          "\"publication_year\":null}\n",
          f);
    fclose(f);
    struct tf_source *src = NULL;
    struct tf_record rec;
    struct tf_error err;
    struct tf_skips skips;
    tf_skips_init(&skips);
    assert_int_equal(tf_source_open(&src, path, TF_FORMAT_OPENALEX, NULL, &skips, &err), 0);
    assert_int_equal(tf_source_next(src, &rec, &err), 1);
    tf_source_free(src);
    assert_int_equal(skips.n[TF_SKIP_BAD_YEAR], 1);
    const char *msg = skips.first[TF_SKIP_BAD_YEAR][0].msg;
    assert_non_null(strstr(msg, ": W4000064514: publication_year is null"));
    assert_null(strstr(msg, "https"));

    /* A string year and a bad country code are quoted whole and no further. */
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"id\":\"https://openalex.org/W1\",\"publication_year\":\"20x\","
          "\"doi\":\"https://doi.org/10.5555/y\"}\n"
          "{\"id\":\"https://openalex.org/W2\",\"publication_year\":2001,\"authorships\":"
          "[{\"author\":{\"id\":\"https://openalex.org/A1\"},\"institutions\":"
          "[{\"country_code\":\"Q\",\"id\":\"https://openalex.org/I2\"}]}]}\n",
          f);
    fclose(f);
    tf_skips_init(&skips);
    assert_int_equal(tf_source_open(&src, path, TF_FORMAT_OPENALEX, NULL, &skips, &err), 0);
    while (tf_source_next(src, &rec, &err) > 0)
        ;
    tf_source_free(src);
    assert_int_equal(skips.n[TF_SKIP_BAD_YEAR], 1);
    assert_int_equal(skips.n[TF_SKIP_BAD_COUNTRY], 1);
    msg = skips.first[TF_SKIP_BAD_YEAR][0].msg;
    assert_non_null(strstr(msg, ": W1: publication_year \"20x\""));
    assert_null(strstr(msg, "https"));
    msg = skips.first[TF_SKIP_BAD_COUNTRY][0].msg;
    assert_non_null(strstr(msg, "country code \"Q\""));
    assert_null(strstr(msg, "https"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_work_info),
        cmocka_unit_test(test_url_and_bare_ids),
        cmocka_unit_test(test_many_countries),
        cmocka_unit_test(test_strict),
        cmocka_unit_test(test_max_line),
        cmocka_unit_test(test_stdin),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_null_skips),
        cmocka_unit_test(test_many_authors),
        cmocka_unit_test(test_skip_detail_names_the_work),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
