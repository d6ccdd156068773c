/* test_pipeline.c - one person's study-to-work pipeline key (engine/pipeline.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "engine/pipeline.h"

#define CN TF_COUNTRY('C', 'N')
#define US TF_COUNTRY('U', 'S')
#define DE TF_COUNTRY('D', 'E')
#define GB TF_COUNTRY('G', 'B')

static struct tf_obs ob(int year, tf_country c, int kind, int degree)
{
    return (struct tf_obs){.person = 1,
                           .weight = 1,
                           .year = (int16_t)year,
                           .country = c,
                           .kind = (uint8_t)kind,
                           .degree = (uint8_t)degree};
}

/* The fields of a key. */
static void unpack(uint64_t key, tf_country *first, tf_country *high, tf_country *work, int *degree,
                   int *year)
{
    *first = tf_pipeline_country((key >> 32) & 0x3FF);
    *high = tf_pipeline_country((key >> 22) & 0x3FF);
    *work = tf_pipeline_country((key >> 12) & 0x3FF);
    *degree = (int)((key >> 9) & 7);
    *year = TF_YEAR_MIN + (int)(key & 0x1FF);
}

static void expect(const struct tf_obs *obs, size_t n, tf_country first, tf_country high,
                   tf_country work, int degree, int year)
{
    tf_country f, h, w;
    int d, y;
    unpack(tf_pipeline_key(obs, n), &f, &h, &w, &d, &y);
    assert_int_equal(f, first);
    assert_int_equal(h, high);
    assert_int_equal(w, work);
    assert_int_equal(d, degree);
    assert_int_equal(y, year);
}

static void test_study_abroad_and_back(void **state)
{
    (void)state;
    /* Bachelor in CN, doctorate in the US, then work at home. */
    const struct tf_obs a[] = {
        ob(2005, CN, TF_KIND_EDUCATION, TF_DEGREE_BACHELOR),
        ob(2008, CN, TF_KIND_EDUCATION, TF_DEGREE_BACHELOR),
        ob(2009, US, TF_KIND_EDUCATION, TF_DEGREE_DOCTORATE),
        ob(2013, US, TF_KIND_EDUCATION, TF_DEGREE_DOCTORATE),
        ob(2014, US, TF_KIND_PUBLICATION, 0),
        ob(2015, CN, TF_KIND_EMPLOYMENT, 0),
    };
    expect(a, 6, CN, US, CN, TF_DEGREE_DOCTORATE, 2013);
}

static void test_ties_and_gaps(void **state)
{
    (void)state;
    /* Two first-degree countries in one year: the smaller code; a master after a doctorate
       does not replace it; in the last year an employment record beats a publication. */
    const struct tf_obs a[] = {
        ob(2001, GB, TF_KIND_EDUCATION, TF_DEGREE_BACHELOR),
        ob(2001, DE, TF_KIND_EDUCATION, TF_DEGREE_BACHELOR),
        ob(2006, GB, TF_KIND_EDUCATION, TF_DEGREE_DOCTORATE),
        ob(2010, US, TF_KIND_EDUCATION, TF_DEGREE_MASTER),
        ob(2012, CN, TF_KIND_PUBLICATION, 0),
        ob(2012, US, TF_KIND_EMPLOYMENT, 0),
    };
    expect(a, 6, DE, GB, US, TF_DEGREE_DOCTORATE, 2006);
    /* Education only: no work seen. */
    expect(a, 4, DE, GB, 0, TF_DEGREE_DOCTORATE, 2006);
    /* No education: no key. */
    const struct tf_obs b[] = {ob(2012, CN, TF_KIND_PUBLICATION, 0)};
    assert_int_equal(tf_pipeline_key(b, 1), 0);
    /* Education of unknown level counts, as level none. */
    const struct tf_obs c[] = {ob(1999, CN, TF_KIND_EDUCATION, TF_DEGREE_NONE)};
    expect(c, 1, CN, CN, 0, TF_DEGREE_NONE, 1999);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_study_abroad_and_back),
        cmocka_unit_test(test_ties_and_gaps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
