/* test_pools.c - talent pool definitions, work criteria, citation ranks, membership. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "select/pool_def.h"
#include "talentflow/pools.h"

#define DATA TF_TEST_DATA "/pools/"

static struct tf_pools *pools_of(const char *const *specs, size_t n)
{
    struct tf_pools *p = NULL;
    struct tf_error err;
    assert_int_equal(tf_pools_new(&p, &err), 0);
    for (size_t i = 0; i < n; i++)
        if (tf_pools_add(p, specs[i], &err) != 0)
            fail_msg("%s: %s", specs[i], err.msg);
    return p;
}

/* The error tf_pools_add gives for `spec`, which must fail with `code`. */
static void expect_error(const char *spec, int code, const char *want)
{
    struct tf_pools *p = pools_of(NULL, 0);
    struct tf_error err;
    tf_error_init(&err);
    assert_int_equal(tf_pools_add(p, spec, &err), code);
    if (!strstr(err.msg, want))
        fail_msg("%s: \"%s\" lacks \"%s\"", spec, err.msg, want);
    assert_int_equal(tf_pools_count(p), 0);
    tf_pools_free(p);
}

static void test_forms_agree(void **state)
{
    (void)state;
    static const char *const specs[] = {
        "a=topic:https://openalex.org/T10320;subfield:https://openalex.org/subfields/1702;"
        "field:https://openalex.org/fields/17;domain:https://openalex.org/domains/3;"
        "concept:https://openalex.org/C154945302;concept-min-score:0.5",
        "b=topic:T10320;subfield:1702;field:17;domain:3;concept:C154945302;concept-min-score:0.5",
        "c = topic: 10320 ; subfield: 1702 ; field: 17; domain: 3; concept: 154945302;"
        " concept-min-score: 0.50",
        "@" DATA "subject.pool",
    };
    struct tf_pools *p = pools_of(specs, 4);
    assert_int_equal(tf_pools_count(p), 4);
    const char *want = "topic: T10320; subfield: 1702; field: 17; domain: 3; concept: C154945302; "
                       "concept-min-score: 0.5; min-works: 1";
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(tf_pools_definition(p, i), want);
    assert_string_equal(tf_pools_name(p, 3), "from-file");
    tf_pools_free(p);
}

static void test_presets(void **state)
{
    (void)state;
    size_t n = 0;
    const struct tf_pool_preset *ps = tf_pool_presets(&n);
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++) {
        struct tf_pools *p = pools_of(&ps[i].name, 1);
        assert_string_equal(tf_pools_name(p, 0), ps[i].name);
        tf_pools_free(p);
    }
    static const char *const top[] = {"ai-top"};
    struct tf_pools *p = pools_of(top, 1);
    assert_non_null(strstr(tf_pools_definition(p, 0), ", S4306420609, "));
    assert_non_null(strstr(tf_pools_definition(p, 0), "min-works: 2"));
    tf_pools_free(p);
}

static void test_bad_definitions(void **state)
{
    (void)state;
    expect_error("ai-everything", TF_ERR_USAGE, "unknown pool 'ai-everything': the presets are ai");
    expect_error("x=subfield:17O2", TF_ERR_USAGE, "'17O2' is not an OpenAlex subfield id");
    expect_error("x=topic:C123", TF_ERR_USAGE, "'C123' is not an OpenAlex topic id");
    expect_error("x=colour:blue", TF_ERR_USAGE, "unknown criterion 'colour'");
    expect_error("x=subfield", TF_ERR_USAGE, "is not key:values");
    expect_error("x=subfield:1702,,17", TF_ERR_USAGE, "an empty item");
    expect_error("x=top-cited:0", TF_ERR_USAGE, "top-cited wants a number");
    expect_error("x=career:5-2", TF_ERR_USAGE, "career wants years");
    expect_error("x=min-works:1.5", TF_ERR_USAGE, "whole number");
    expect_error("x=min-works:2", TF_ERR_USAGE, "has no criterion");
    expect_error("all=subfield:1702", TF_ERR_USAGE, "pool name 'all'");
    expect_error("Big=subfield:1702", TF_ERR_USAGE, "pool name 'Big'");
    expect_error("x=venue-file:" DATA "empty.txt", TF_ERR_USAGE, "the venue list is empty");
    expect_error("x=venue-file:" DATA "missing.txt", TF_ERR_IO, "missing.txt");
    expect_error("@" DATA "bad_line.pool", TF_ERR_USAGE, "bad_line.pool:4: pool 'broken'");
    expect_error("@" DATA "no_name.pool", TF_ERR_USAGE, "no 'name:' line");
}

static void test_limits(void **state)
{
    (void)state;
    struct tf_pools *p = pools_of(NULL, 0);
    struct tf_error err;
    char spec[64];
    for (int i = 0; i < TF_POOLS_MAX; i++) {
        snprintf(spec, sizeof(spec), "p%d=field:%d", i, i + 1);
        assert_int_equal(tf_pools_add(p, spec, &err), 0);
    }
    assert_int_equal(tf_pools_add(p, "one-more=field:99", &err), TF_ERR_USAGE);
    assert_non_null(strstr(err.msg, "at most 16 pools"));
    assert_int_equal(tf_pools_add(p, "p3=field:1", &err), TF_ERR_USAGE);
    tf_pools_free(p);
}

/* A work with one topic, one concept and a venue. */
static struct tf_work_info work(const struct tf_topic *t, const struct tf_concept *c,
                                uint64_t venue, const char *issn, const char *name)
{
    struct tf_work_info w = {.venue = venue, .cited_by_count = -1};
    w.n_topics = t ? 1 : 0;
    w.topics = t;
    w.n_concepts = c ? 1 : 0;
    w.concepts = c;
    snprintf(w.venue_issn_l, sizeof(w.venue_issn_l), "%s", issn ? issn : "");
    w.venue_name = name;
    w.venue_name_len = name ? strlen(name) : 0;
    return w;
}

static void test_work_criteria(void **state)
{
    (void)state;
    static const char *const specs[] = {
        "by-topic=topic:T10320",
        "by-domain=domain:3",
        "by-concept=concept:C154945302;concept-min-score:0.4",
        "by-venue=venue-file:" TF_TEST_DATA "/pools/venues.txt",
        "both=subfield:1702;venue:S4306420609",
    };
    struct tf_pools *p = pools_of(specs, 5);
    const struct tf_topic ai = {10320, 1702, 17, 3, 0.9f}, bio = {11000, 1312, 13, 1, 0.9f};
    const struct tf_concept ml_low = {154945302, 0.39f, 1}, ml = {154945302, 0.4f, 1};
    struct tf_work_info w = work(&ai, NULL, 0, NULL, NULL);
    assert_int_equal(tf_pools_match_work(p, &w), 0x3); /* topic and domain */
    w = work(&bio, &ml_low, 0, NULL, NULL);
    assert_int_equal(tf_pools_match_work(p, &w), 0);
    w = work(&bio, &ml, 0, NULL, NULL);
    assert_int_equal(tf_pools_match_work(p, &w), 0x4);
    /* Venues by id, by ISSN-L, by names that differ only in years, ordinals, case, punctuation. */
    w = work(NULL, NULL, 4306420609, NULL, NULL);
    assert_int_equal(tf_pools_match_work(p, &w), 0x8);
    w = work(NULL, NULL, 0, "2159-5399", NULL);
    assert_int_equal(tf_pools_match_work(p, &w), 0x8);
    w = work(NULL, NULL, 0, NULL,
             "2022 IEEE/CVF Conference on Computer Vision and Pattern "
             "Recognition (CVPR)");
    assert_int_equal(tf_pools_match_work(p, &w), 0x8);
    w = work(NULL, NULL, 0, NULL,
             "proceedings of the 61st annual meeting of the association for computational "
             "linguistics");
    assert_int_equal(tf_pools_match_work(p, &w), 0x8);
    w = work(NULL, NULL, 0, NULL, "IEEE/CVF Conference on Computer Vision and Pattern Recognition");
    assert_int_equal(tf_pools_match_work(p, &w), 0); /* without "(CVPR)" it is another name */
    /* Two criteria: both must hold. */
    w = work(&ai, NULL, 4306420609, NULL, NULL);
    assert_int_equal(tf_pools_match_work(p, &w), 0x1 | 0x2 | 0x8 | 0x10);
    w = work(&ai, NULL, 123, NULL, NULL);
    assert_int_equal(tf_pools_match_work(p, &w), 0x3);
    tf_pools_free(p);
}

static void test_citation_ranks(void **state)
{
    (void)state;
    static const char *const specs[] = {"ten=top-cited:10", "twenty=top-cited:20"};
    struct tf_pools *p = pools_of(specs, 2);
    struct tf_error err;
    /* 2010: ten works; 2011: five works all cited 0; 2012: one work cited 3. */
    static const uint32_t y2010[] = {50, 20, 20, 5, 5, 5, 0, 0, 0, 0};
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(tf_pools_count_cited(p, 2010, y2010[i]), 0);
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(tf_pools_count_cited(p, 2011, 0), 0);
    assert_int_equal(tf_pools_count_cited(p, 2012, 3), 0);
    assert_int_equal(tf_pools_rank(p, &err), 0);
    assert_int_equal(tf_pools_threshold(p, 0, 2010), 50); /* 1 work of 10 */
    assert_int_equal(tf_pools_threshold(p, 1, 2010), 20); /* ties at 20 all in: 3 of 10 */
    assert_int_equal(tf_pools_threshold(p, 0, 2011), 0);  /* never cited: nobody is top */
    assert_int_equal(tf_pools_threshold(p, 0, 2012), 3);  /* a year of one work */
    assert_int_equal(tf_pools_threshold(p, 0, 2013), 0);
    tf_pools_free(p);
}

static struct tf_obs ob(int year, uint64_t work, uint16_t pools, uint32_t cited)
{
    return (struct tf_obs){.person = 1,
                           .work = work,
                           .weight = 1,
                           .cited = cited,
                           .year = (int16_t)year,
                           .country = TF_COUNTRY('U', 'S'),
                           .pools = pools};
}

static void test_members(void **state)
{
    (void)state;
    static const char *const specs[] = {
        "two=subfield:1702;min-works:2",
        "early=subfield:1702;career:0-2",
        "cited=top-cited:50",
    };
    struct tf_pools *p = pools_of(specs, 3);
    struct tf_error err;
    struct tf_pools_scratch s;
    tf_pools_scratch_init(&s);
    assert_int_equal(tf_pools_count_cited(p, 2012, 9), 0);
    assert_int_equal(tf_pools_count_cited(p, 2012, 1), 0);
    assert_int_equal(tf_pools_rank(p, &err), 0);
    /* One matching work seen in two countries is one work: not enough for "two". */
    struct tf_obs a[] = {ob(2010, 7, 0x7, 0), ob(2010, 7, 0x7, 0), ob(2013, 8, 0x4, 0)};
    a[1].country = TF_COUNTRY('D', 'E');
    assert_int_equal(tf_pools_members(p, a, 3, &s), 0x2);
    /* A second matching work, five years after the first observation: "two" yes, "early" by the
       first. */
    struct tf_obs b[] = {ob(2008, 6, 0, 0), ob(2010, 7, 0x7, 0), ob(2013, 8, 0x7, 0)};
    assert_int_equal(tf_pools_members(p, b, 3, &s), 0x3);
    struct tf_obs c[] = {ob(2008, 6, 0, 0), ob(2013, 8, 0x7, 0)};
    assert_int_equal(tf_pools_members(p, c, 2, &s), 0);
    /* The person's only work is the matching one; citations decide "cited". */
    struct tf_obs d[] = {ob(2012, 9, 0x7, 9)};
    assert_int_equal(tf_pools_members(p, d, 1, &s), 0x6);
    struct tf_obs e[] = {ob(2012, 9, 0x7, 1)};
    assert_int_equal(tf_pools_members(p, e, 1, &s), 0x2);
    tf_pools_scratch_release(&s);
    tf_pools_free(p);
}

static void test_venue_norm(void **state)
{
    (void)state;
    char out[64];
    const char *in = "  The 58th Annual-Meeting, 2020 (ACL)!";
    assert_int_equal(tf_pool_venue_norm(in, strlen(in), out, sizeof(out)), 22);
    assert_string_equal(out, "the annual meeting acl");
    assert_int_equal(tf_pool_venue_norm(in, strlen(in), out, 8), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms_agree),     cmocka_unit_test(test_presets),
        cmocka_unit_test(test_bad_definitions), cmocka_unit_test(test_limits),
        cmocka_unit_test(test_work_criteria),   cmocka_unit_test(test_citation_ranks),
        cmocka_unit_test(test_members),         cmocka_unit_test(test_venue_norm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
