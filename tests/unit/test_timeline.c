/* test_timeline.c - the method rules on hand-worked timelines (docs/method.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "engine/timeline.h"

#define U TF_WEIGHT_UNIT
#define C(s) TF_COUNTRY((s)[0], (s)[1])

/* An observation as a test writes it: year, country, weight as a/b. */
struct ob {
    int year;
    const char *country;
    unsigned num, den;
};

struct tl_case {
    const char *name;
    struct ob obs[12];
    const char *res[8]; /* expected residence per observed year, in order */
    int cls;
    unsigned moves;
    const char *origin;
};

static const struct tl_case cases[] = {
    {"one country",
     {{2000, "US", 1, 1}, {2001, "US", 1, 1}, {2003, "US", 1, 1}},
     {"US", "US", "US"},
     TF_CLASS_NON_MOBILE,
     0,
     "US"},
    {"largest weight wins",
     {{2000, "DE", 1, 2}, {2000, "US", 1, 3}, {2000, "US", 1, 3}},
     {"US"},
     TF_CLASS_NON_DIRECTIONAL,
     0,
     "US"},
    {"first-year tie: smallest code",
     {{2000, "US", 1, 2}, {2000, "DE", 1, 2}},
     {"DE"},
     TF_CLASS_NON_DIRECTIONAL,
     0,
     "DE"},
    {"tie keeps previous residence",
     {{2000, "US", 1, 1}, {2001, "DE", 1, 2}, {2001, "US", 1, 2}},
     {"US", "US"},
     TF_CLASS_DIRECTIONAL,
     0,
     "US"},
    {"tie without previous: smallest code",
     {{2000, "FR", 1, 1}, {2001, "US", 1, 2}, {2001, "DE", 1, 2}},
     {"FR", "DE"},
     TF_CLASS_MIGRANT,
     1,
     "FR"},
    {"gap between years",
     {{2000, "US", 1, 1}, {2005, "DE", 1, 1}},
     {"US", "DE"},
     TF_CLASS_MIGRANT,
     1,
     "US"},
    {"migrant and return",
     {{2000, "US", 1, 1}, {2002, "GB", 1, 1}, {2004, "US", 1, 1}},
     {"US", "GB", "US"},
     TF_CLASS_MIGRANT,
     2,
     "US"},
    {"non-directional traveller",
     {{2000, "US", 1, 2}, {2000, "DE", 1, 2}, {2001, "US", 1, 1}, {2002, "DE", 1, 1}},
     {"DE", "US", "DE"},
     TF_CLASS_NON_DIRECTIONAL,
     2,
     "DE"},
    {"directional traveller",
     {{2000, "US", 1, 1}, {2001, "US", 2, 3}, {2001, "CA", 1, 3}, {2002, "US", 1, 1}},
     {"US", "US", "US"},
     TF_CLASS_DIRECTIONAL,
     0,
     "US"},
    {"three-way split, two years",
     {{2010, "CN", 1, 3},
      {2010, "SG", 1, 3},
      {2010, "US", 1, 3},
      {2011, "US", 1, 2},
      {2011, "SG", 1, 2}},
     {"CN", "SG"},
     TF_CLASS_NON_DIRECTIONAL,
     1,
     "CN"},
};

/* Expands a case into sorted observations for one person. */
static size_t make_obs(const struct ob *in, struct tf_obs *out)
{
    size_t n = 0;
    for (; in[n].country; n++) {
        memset(&out[n], 0, sizeof(out[n]));
        out[n].person = 42;
        out[n].year = (int16_t)in[n].year;
        out[n].country = C(in[n].country);
        out[n].weight = U / in[n].den * in[n].num;
        out[n].work = n + 1;
    }
    for (size_t i = 1; i < n; i++) /* insertion sort by year, country */
        for (size_t j = i; j > 0; j--) {
            struct tf_obs *a = &out[j - 1], *b = &out[j];
            if (a->year < b->year || (a->year == b->year && a->country <= b->country))
                break;
            struct tf_obs t = *a;
            *a = *b;
            *b = t;
        }
    return n;
}

static void test_cases(void **state)
{
    (void)state;
    struct tf_timeline tl;
    tf_timeline_init(&tl);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct tl_case *c = &cases[i];
        struct tf_obs obs[12];
        size_t n = make_obs(c->obs, obs);
        print_message("case: %s\n", c->name);
        assert_int_equal(tf_timeline_build(&tl, obs, n), 0);
        size_t years = 0;
        while (years < 8 && c->res[years])
            years++;
        assert_int_equal(tl.n_years, years);
        for (size_t y = 0; y < years; y++)
            assert_int_equal(tl.years[y].res, C(c->res[y]));
        assert_int_equal(tl.cls, c->cls);
        assert_int_equal(tl.moves, c->moves);
        assert_int_equal(tl.origin, C(c->origin));
        assert_int_equal(tl.works, n);
    }
    tf_timeline_release(&tl);
}

static void test_padded(void **state)
{
    (void)state;
    static const struct ob in[] = {
        {2000, "US", 1, 1}, {2003, "DE", 1, 1}, {2007, "FR", 1, 1}, {0, NULL, 0, 0}};
    struct tf_obs obs[4];
    struct tf_timeline tl;
    tf_timeline_init(&tl);
    assert_int_equal(tf_timeline_build(&tl, obs, make_obs(in, obs)), 0);
    assert_int_equal(tf_timeline_padded(&tl, 1999), 0);
    assert_int_equal(tf_timeline_padded(&tl, 2000), C("US"));
    assert_int_equal(tf_timeline_padded(&tl, 2002), C("US"));
    assert_int_equal(tf_timeline_padded(&tl, 2003), C("DE"));
    assert_int_equal(tf_timeline_padded(&tl, 2006), C("DE"));
    assert_int_equal(tf_timeline_padded(&tl, 2007), C("FR"));
    assert_int_equal(tf_timeline_padded(&tl, 2030), C("FR"));
    tf_timeline_release(&tl);
}

static void test_works_count(void **state)
{
    (void)state;
    struct tf_obs obs[4];
    memset(obs, 0, sizeof(obs));
    for (int i = 0; i < 4; i++) {
        obs[i].person = 1;
        obs[i].year = (int16_t)(2000 + i / 2);
        obs[i].country = C("US");
        obs[i].weight = U;
    }
    obs[0].work = 7; /* the same work in two countries' worth of rows */
    obs[1].work = 7;
    obs[2].work = 0; /* rows without a work key count one each */
    obs[3].work = 0;
    struct tf_timeline tl;
    tf_timeline_init(&tl);
    assert_int_equal(tf_timeline_build(&tl, obs, 4), 0);
    assert_int_equal(tl.works, 3);
    tf_timeline_release(&tl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_padded),
        cmocka_unit_test(test_works_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
