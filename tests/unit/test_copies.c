/*
 * test_copies.c - a work is evidence once: which copy of a work wins, OpenAlex
 * merged ids, the updated_date stamp the OpenAlex reader gives, and snapshot roots.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "talentflow/talentflow.h"

#define DATA TF_TEST_DATA "/copies/"

/* Copies of works 1..3 through two lanes; the winners by the rules in copies.h. */
static void test_winner_rules(void **state)
{
    (void)state;
    struct tf_copies *c = NULL;
    struct tf_error err;
    assert_int_equal(tf_copies_new(&c, TF_TEST_TMP, 2, &err), 0);
    const struct {
        unsigned lane;
        uint64_t work, updated, order;
        int lost;
    } cases[] = {
        /* work 1: the later date wins although read first */
        {0, 1, 20250423000000000, tf_copies_order(1, 1), 0},
        {1, 1, 20240819050229391, tf_copies_order(2, 1), 1},
        /* work 2: equal dates, the copy later in the read order wins */
        {1, 2, 20240101000000000, tf_copies_order(3, 7), 0},
        {0, 2, 20240101000000000, tf_copies_order(3, 6), 1},
        /* work 3: no date loses to any date, even read last */
        {0, 3, 0, tf_copies_order(9, 1), 1},
        {1, 3, 19990101000000000, tf_copies_order(1, 2), 0},
        {0, 3, 0, tf_copies_order(4, 1), 1},
        /* work 4: a single copy never loses */
        {1, 4, 0, tf_copies_order(5, 5), 0},
    };
    size_t n = sizeof(cases) / sizeof(cases[0]);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(
            tf_copies_add(c, cases[i].lane, cases[i].work, cases[i].updated, cases[i].order, &err),
            0);
    assert_int_equal(tf_copies_resolve(c, &err), 0);
    for (size_t i = 0; i < n; i++)
        if (tf_copies_superseded(c, cases[i].order) != cases[i].lost)
            fail_msg("case %zu: superseded %d, want %d", i, !cases[i].lost, cases[i].lost);
    assert_int_equal(tf_copies_count(c), n);
    assert_int_equal(tf_copies_count_superseded(c), 4);
    assert_int_equal(tf_copies_superseded(c, tf_copies_order(77, 1)), 0);
    assert_int_equal(tf_copies_resolve(c, &err), TF_ERR_USAGE);
    tf_copies_free(c);
    tf_copies_free(NULL);
}

struct sink {
    struct tf_copies *to;
    size_t seen;
};

static int pass_on(void *ctx, uint64_t work, uint64_t updated, uint64_t order, uint64_t tag)
{
    struct sink *s = ctx;
    struct tf_error err;
    s->seen++;
    return tf_copies_add_tagged(s->to, 0, work, updated, order, tag, &err);
}

/*
 * Copies of a work read by two processes: each registry hands its copies on
 * (tf_copies_each) to one that decides, whose losers are then set in both
 * (tf_copies_set_lost); the result is that of one registry holding all.
 */
static void test_decided_elsewhere(void **state)
{
    (void)state;
    struct tf_copies *a = NULL, *b = NULL, *all = NULL, *one = NULL;
    struct tf_error err;
    assert_int_equal(tf_copies_new(&a, TF_TEST_TMP, 1, &err), 0);
    assert_int_equal(tf_copies_new(&b, TF_TEST_TMP, 2, &err), 0);
    assert_int_equal(tf_copies_new(&all, TF_TEST_TMP, 1, &err), 0);
    assert_int_equal(tf_copies_new(&one, TF_TEST_TMP, 1, &err), 0);
    for (uint64_t i = 1; i <= 300; i++) {
        uint64_t work = 1 + i % 97, updated = 20240000000000000 + (i * 7919) % 13;
        uint64_t order = tf_copies_order((uint32_t)(1 + i % 5), i);
        struct tf_copies *half = i % 2 ? a : b;
        unsigned lane = half == b && i % 3 == 0; /* b has two lanes */
        assert_int_equal(tf_copies_add(half, lane, work, updated, order, &err), 0);
        assert_int_equal(tf_copies_add(one, 0, work, updated, order, &err), 0);
    }
    struct sink s = {all, 0};
    assert_int_equal(tf_copies_each(a, pass_on, &s, &err), 0);
    assert_int_equal(tf_copies_each(b, pass_on, &s, &err), 0);
    assert_int_equal(s.seen, 300);
    assert_int_equal(tf_copies_resolve(all, &err), 0);
    assert_int_equal(tf_copies_resolve(one, &err), 0);
    size_t n = 0, n_one = 0;
    const uint64_t *lost = tf_copies_lost(all, &n);
    const uint64_t *lost_one = tf_copies_lost(one, &n_one);
    assert_int_equal(n, 300 - 97);
    assert_int_equal(n, n_one);
    assert_memory_equal(lost, lost_one, n * sizeof(*lost));
    assert_int_equal(tf_copies_set_lost(a, lost, n, &err), 0);
    assert_int_equal(tf_copies_set_lost(b, lost, n, &err), 0);
    assert_int_equal(tf_copies_set_lost(b, lost, n, &err), TF_ERR_USAGE);
    for (uint64_t i = 1; i <= 300; i++) {
        uint64_t order = tf_copies_order((uint32_t)(1 + i % 5), i);
        assert_int_equal(tf_copies_superseded(i % 2 ? a : b, order),
                         tf_copies_superseded(one, order));
    }
    assert_int_equal(tf_copies_count_superseded(a), n);
    tf_copies_free(a);
    tf_copies_free(b);
    tf_copies_free(all);
    tf_copies_free(one);
}

/* Many copies of many works: exactly one copy per work survives. */
static void test_many(void **state)
{
    (void)state;
    struct tf_copies *c = NULL;
    struct tf_error err;
    assert_int_equal(tf_copies_new(&c, TF_TEST_TMP, 1, &err), 0);
    uint64_t order = 0;
    for (uint64_t copy = 0; copy < 3; copy++)
        for (uint64_t w = 1; w <= 5000; w++)
            assert_int_equal(tf_copies_add(c, 0, w, 20200101000000000 + copy, ++order, &err), 0);
    assert_int_equal(tf_copies_resolve(c, &err), 0);
    assert_int_equal(tf_copies_count_superseded(c), 10000);
    for (uint64_t o = 1; o <= order; o++)
        assert_int_equal(tf_copies_superseded(c, o), o <= 10000);
    tf_copies_free(c);
}

static uint64_t person(const char *id)
{
    uint64_t k = 0;
    assert_int_equal(tf_person_parse(id, strlen(id), &k), 0);
    return k;
}

static uint64_t work(const char *id)
{
    uint64_t k = 0;
    assert_int_equal(tf_work_parse(id, strlen(id), &k), 0);
    return k;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Chains are followed, other entities ignored, bad rows counted with their line. */
static void test_merged(void **state)
{
    (void)state;
    const char *path = TF_TEST_TMP "/merged_chain.csv";
    write_file(path, "merge_date,id,merge_into_id\n"
                     "2024-01-01,A10,A20\n"
                     "2024-02-01,https://openalex.org/A20,https://openalex.org/A30\n"
                     "2024-02-01,I5,I6\n"
                     "2024-03-01,W7,W8\n"
                     "2024-03-01,A40\n"
                     "2024-03-01,A41,W9\n");
    struct tf_merged *m = NULL;
    struct tf_error err;
    struct tf_skips skips;
    tf_skips_init(&skips);
    assert_int_equal(tf_merged_new(&m, &err), 0);
    assert_int_equal(tf_merged_load(m, path, &skips, &err), 0);
    assert_int_equal(tf_merged_finish(m, &err), 0);
    assert_int_equal(tf_merged_authors(m), 2);
    assert_int_equal(tf_merged_works(m), 1);
    assert_int_equal(tf_merged_person(m, person("A10")), person("A30"));
    assert_int_equal(tf_merged_person(m, person("A20")), person("A30"));
    assert_int_equal(tf_merged_person(m, person("A30")), person("A30"));
    assert_int_equal(tf_merged_person(m, person("A99")), person("A99"));
    assert_true(tf_merged_work_gone(m, work("W7")));
    assert_false(tf_merged_work_gone(m, work("W8")));
    assert_int_equal(skips.n[TF_SKIP_BAD_CSV_ROW], 2);
    assert_int_equal(skips.first[TF_SKIP_BAD_CSV_ROW][0].line, 6);
    assert_int_equal(skips.first[TF_SKIP_BAD_CSV_ROW][1].line, 7);
    assert_int_equal(tf_merged_load(m, TF_TEST_TMP "/no-such-merged", &skips, &err), TF_ERR_IO);
    tf_merged_free(m);
}

/* The gzipped files of a snapshot's merged_ids folder. */
static void test_merged_folder(void **state)
{
    (void)state;
    struct tf_merged *m = NULL;
    struct tf_error err;
    assert_int_equal(tf_merged_new(&m, &err), 0);
    assert_int_equal(tf_merged_load(m, DATA "classic/data/merged_ids", NULL, &err), 0);
    assert_int_equal(tf_merged_finish(m, &err), 0);
    assert_int_equal(tf_merged_person(m, person("A5")), person("A1"));
    assert_true(tf_merged_work_gone(m, work("W12")));
    tf_merged_free(m);
}

/* updated_date in every precision becomes a stamp that orders by time. */
static void test_updated_stamp(void **state)
{
    (void)state;
    const char *path = TF_TEST_TMP "/updated.jsonl";
    write_file(path,
               "{\"id\":\"W1\",\"publication_year\":2020,\"updated_date\":\"2024-08-19\"}\n"
               "{\"id\":\"W1\",\"publication_year\":2020,"
               "\"updated_date\":\"2024-08-19T05:02:29.391817\"}\n"
               "{\"id\":\"W1\",\"publication_year\":2020,\"updated_date\":\"2024-08-19T05:02\"}\n"
               "{\"id\":\"W1\",\"publication_year\":2020}\n"
               "{\"id\":\"W1\",\"publication_year\":2020,\"updated_date\":\"yesterday\"}\n"
               "{\"id\":\"W1\",\"publication_year\":2020,\"updated_date\":null}\n");
    const uint64_t want[] = {20240819000000000, 20240819050229391, 20240819050200000, 0, 0, 0};
    struct tf_source *src = NULL;
    struct tf_record rec;
    struct tf_error err;
    assert_int_equal(tf_source_open(&src, path, TF_FORMAT_OPENALEX, NULL, NULL, &err), 0);
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        assert_int_equal(tf_source_next(src, &rec, &err), 1);
        assert_int_equal(rec.info.updated, want[i]);
        assert_int_equal(rec.info.whole, 1);
    }
    assert_int_equal(tf_source_next(src, &rec, &err), 0);
    tf_source_free(src);
}

/* Both layouts are recognised; a folder of works files is not a root. */
static void test_snapshot_roots(void **state)
{
    (void)state;
    struct tf_snapshot s;
    assert_int_equal(tf_openalex_snapshot(DATA "classic", &s), 1);
    assert_string_equal(s.layout, "classic");
    assert_string_equal(s.works, DATA "classic/data/works");
    assert_string_equal(s.merged_ids, DATA "classic/data/merged_ids");
    assert_string_equal(s.ignored, "authors");
    assert_int_equal(tf_openalex_snapshot(DATA "classic/data", &s), 1);
    assert_string_equal(s.works, DATA "classic/data/works");
    assert_int_equal(tf_openalex_snapshot(DATA "jsonl", &s), 1);
    assert_string_equal(s.layout, "jsonl");
    assert_string_equal(s.works, DATA "jsonl/data/jsonl/works");
    assert_string_equal(s.merged_ids, DATA "jsonl/legacy-data/merged_ids");
    assert_non_null(strstr(s.ignored, "jsonl/authors"));
    assert_non_null(strstr(s.ignored, "parquet"));
    assert_int_equal(tf_openalex_snapshot(DATA "classic/data/works", &s), 0);
    assert_int_equal(tf_openalex_snapshot(DATA "api_page_1.json", &s), 0);
}

int main(void)
{
    mkdir(TF_TEST_TMP, 0755);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_winner_rules),      cmocka_unit_test(test_many),
        cmocka_unit_test(test_decided_elsewhere), cmocka_unit_test(test_merged),
        cmocka_unit_test(test_merged_folder),     cmocka_unit_test(test_updated_stamp),
        cmocka_unit_test(test_snapshot_roots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
