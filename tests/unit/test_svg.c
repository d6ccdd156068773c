/* test_svg.c - the report's drawing kit: escaping, numbers for people, ticks, cut text. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "report/svg.h"

#define FFFD "\xef\xbf\xbd"
#define MINUS "\xe2\x88\x92"
#define THIN "\xe2\x80\xaf"

struct text_case {
    const char *in, *want;
};

static const struct text_case text_cases[] = {
    {"plain", "plain"},
    {"a<b>c", "a&lt;b&gt;c"},
    {"\"'&", "&quot;&#39;&amp;"},
    {"&amp;", "&amp;amp;"},
    {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
    {"C\xc3\xb4te d'Ivoire", "C\xc3\xb4te d&#39;Ivoire"}, /* UTF-8 kept */
    {"tab\tand\nline", "tab\tand\nline"},
    {"bell\x07gone", "bellgone"},     /* control characters dropped */
    {"bad\xff", "bad" FFFD},          /* not UTF-8 */
    {"\xc0\xaf", FFFD FFFD},          /* overlong */
    {"\xed\xa0\x80", FFFD FFFD FFFD}, /* a surrogate */
    {"cut\xe2\x82", "cut" FFFD FFFD}, /* truncated sequence */
    {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"},
    {"", ""},
};

static void test_text_escaping(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(text_cases) / sizeof(text_cases[0]); i++) {
        struct tf_doc d;
        tf_doc_init(&d);
        tf_doc_text(&d, text_cases[i].in);
        assert_int_equal(d.status, 0);
        assert_string_equal(d.b.len ? d.b.data : "", text_cases[i].want);
        tf_doc_release(&d);
    }
}

static void test_text_null_and_svg_title(void **state)
{
    (void)state;
    struct tf_doc d;
    tf_doc_init(&d);
    tf_doc_text(&d, NULL);
    assert_int_equal(d.b.len, 0);
    tf_svg_begin(&d, "c", 10, 20, "A <title>", "\"desc\"");
    tf_svg_text(&d, 1, 2, TF_MIDDLE, "lab", "x&y");
    tf_svg_end(&d);
    assert_int_equal(d.status, 0);
    assert_non_null(strstr(d.b.data, "<title id=\"c-t\">A &lt;title&gt;</title>"));
    assert_non_null(strstr(d.b.data, "<desc id=\"c-d\">&quot;desc&quot;</desc>"));
    assert_non_null(strstr(d.b.data, "<text x=\"1.0\" y=\"2.0\" text-anchor=\"middle\" "
                                     "class=\"lab\">x&amp;y</text>"));
    assert_non_null(strstr(d.b.data, "aria-labelledby=\"c-t c-d\""));
    tf_doc_release(&d);
}

struct num_case {
    double v;
    int decimals;
    const char *want;
};

static const struct num_case num_cases[] = {
    {0, 0, "0"},           {1234.5, 1, "1,234.5"},    {999.96, 1, "1,000.0"},
    {-0.04, 1, "0.0"},     {-1234, 0, MINUS "1,234"}, {12.346, 2, "12.35"},
    {1e6, 0, "1,000,000"}, {NAN, 1, "\xe2\x80\x93"},  {0.5, 0, "1"},
};

static void test_numbers(void **state)
{
    (void)state;
    char buf[32];
    for (size_t i = 0; i < sizeof(num_cases) / sizeof(num_cases[0]); i++)
        assert_string_equal(tf_fmt_num(num_cases[i].v, num_cases[i].decimals, buf),
                            num_cases[i].want);
    assert_string_equal(tf_fmt_count(0, buf), "0");
    assert_string_equal(tf_fmt_count(999, buf), "999");
    assert_string_equal(tf_fmt_count(1000, buf), "1,000");
    assert_string_equal(tf_fmt_count(UINT64_MAX, buf), "18,446,744,073,709,551,615");
    assert_string_equal(tf_fmt_signed(77, buf), "+77");
    assert_string_equal(tf_fmt_signed(-49, buf), MINUS "49");
    assert_string_equal(tf_fmt_signed(0, buf), "0");
    assert_string_equal(tf_fmt_signed(INT64_MIN, buf), MINUS "9,223,372,036,854,775,808");
    assert_string_equal(tf_fmt_pct(50.0 / 118.0, buf), "42.4" THIN "%");
    assert_string_equal(tf_fmt_pct(1.0, buf), "100.0" THIN "%");
    assert_string_equal(tf_fmt_pct(NAN, buf), "\xe2\x80\x93");
}

struct tick_case {
    double lo, hi;
    size_t max;
    double want_lo, want_hi;
    size_t want_n;
};

static const struct tick_case tick_cases[] = {
    {0, 77, 6, 0, 80, 5},     /* step 20 */
    {-49, 77, 9, -60, 80, 8}, /* step 20 */
    {2010, 2014, 6, 2010, 2014, 5},
    {0, 0.34, 6, 0, 0.4, 5},
    {5, 5, 6, 5, 6, 6}, /* an empty domain becomes one unit wide */
};

static void test_ticks(void **state)
{
    (void)state;
    double t[TF_MAX_TICKS];
    for (size_t i = 0; i < sizeof(tick_cases) / sizeof(tick_cases[0]); i++) {
        const struct tick_case *c = &tick_cases[i];
        double lo = c->lo, hi = c->hi;
        size_t n = tf_scale_ticks(&lo, &hi, c->max, t);
        assert_int_equal(n, c->want_n);
        assert_true(fabs(lo - c->want_lo) < 1e-9 && fabs(hi - c->want_hi) < 1e-9);
        assert_true(fabs(t[0] - lo) < 1e-9 && fabs(t[n - 1] - hi) < 1e-9);
        assert_true(n <= c->max);
    }
    struct tf_scale s = {0, 10, 100, 200};
    assert_true(fabs(tf_scale_at(&s, 5) - 150) < 1e-9);
    struct tf_scale flat = {3, 3, 100, 200};
    assert_true(fabs(tf_scale_at(&flat, 3) - 150) < 1e-9);
}

static void test_cut(void **state)
{
    (void)state;
    char buf[64], tiny[6];
    assert_string_equal(tf_text_cut("United States", 13, buf, sizeof(buf)), "United States");
    assert_string_equal(tf_text_cut("United Kingdom", 10, buf, sizeof(buf)),
                        "United Ki\xe2\x80\xa6");
    assert_string_equal(tf_text_cut("\xc3\x85land Islands", 3, buf, sizeof(buf)),
                        "\xc3\x85l\xe2\x80\xa6");
    /* A small buffer cuts harder, still on a character boundary. */
    assert_string_equal(tf_text_cut("\xc3\x85\xc3\x85\xc3\x85", 10, tiny, sizeof(tiny)),
                        "\xc3\x85\xe2\x80\xa6");
}

static void test_series_gaps_and_markers(void **state)
{
    (void)state;
    struct tf_doc d;
    double x[4] = {0, 10, 20, 30}, y[4] = {5, NAN, 7, 8};
    const char *tips[4] = {"a<", "b", "c", "d"};
    tf_doc_init(&d);
    tf_svg_series(&d, x, y, 4, 1, tips);
    assert_int_equal(d.status, 0);
    /* The NaN breaks the line: a new M starts after it. */
    assert_non_null(strstr(d.b.data, "d=\"M0.0 5.0M20.0 7.0L30.0 8.0\""));
    assert_non_null(strstr(d.b.data, "<title>a&lt;</title>"));
    assert_null(strstr(d.b.data, "<title>b</title>"));
    tf_doc_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_escaping), cmocka_unit_test(test_text_null_and_svg_title),
        cmocka_unit_test(test_numbers),       cmocka_unit_test(test_ticks),
        cmocka_unit_test(test_cut),           cmocka_unit_test(test_series_gaps_and_markers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
