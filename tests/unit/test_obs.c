/* test_obs.c - countries, exact weights, person/work/org keys, kinds, hashes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"
#include "util/hash.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- countries ---------------------------------------------------------- */

struct country_case {
    const char *in;
    const char *want; /* alpha-2, or NULL when the input must be rejected */
};

static const struct country_case country_cases[] = {
    {"us", "US"},
    {"USA", "US"},
    {"usa", "US"},
    {"United States", "US"},
    {"united states of america", "US"},
    {"germany", "DE"},
    {" DE ", "DE"},
    {"\tde\r\n", "DE"},
    {"Korea, Republic of", "KR"},
    {"South Korea", "KR"},
    {"north korea", "KP"},
    {"Bolivia", "BO"},
    {"Bolivia, Plurinational State of", "BO"},
    {"Plurinational State of Bolivia", "BO"},
    {"Iran", "IR"},
    {"Viet Nam", "VN"},
    {"Vietnam", "VN"},
    {"Czechia", "CZ"},
    {"Czech Republic", "CZ"},
    {"T\xc3\xbcrkiye", "TR"},
    {"XK", "XK"},
    {"xkx", "XK"},
    {"Kosovo", "XK"},
    {"GB", "GB"},
    {"ZZ", NULL},
    {"", NULL},
    {"   ", NULL},
    {"U", NULL},
    {"UK", NULL},
    {"Z1", NULL},
    {"USAA", NULL},
    {"Germany!", NULL},
    {"United", NULL},
    {"ABC", NULL},
};

static void test_country_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(country_cases); i++) {
        const struct country_case *c = &country_cases[i];
        tf_country got = 0x7777;
        int rc = tf_country_parse(c->in, strlen(c->in), &got);
        char code[3];
        if (!c->want) {
            if (rc != TF_ERR_FORMAT || got != 0x7777)
                fail_msg("\"%s\" should be rejected, got rc %d", c->in, rc);
            continue;
        }
        if (rc != 0)
            fail_msg("\"%s\" rejected", c->in);
        assert_string_equal(tf_country_code(got, code), c->want);
    }
}

/* The parser must not read past `len`: the rest of the buffer is junk. */
static void test_country_parse_len(void **state)
{
    (void)state;
    tf_country got = 0;
    assert_int_equal(tf_country_parse("DEU", 2, &got), 0);
    assert_int_equal(got, TF_COUNTRY('D', 'E'));
    assert_int_equal(tf_country_parse("Germanyxx", 7, &got), 0);
    assert_int_equal(got, TF_COUNTRY('D', 'E'));
}

/* Every assigned code: its code, alpha-3 and name parse back to it. */
static void test_country_round_trip(void **state)
{
    (void)state;
    int n = 0;
    tf_country prev = 0;
    for (char a = 'A'; a <= 'Z'; a++) {
        for (char b = 'A'; b <= 'Z'; b++) {
            tf_country c = TF_COUNTRY(a, b), got = 0;
            char code[3], lower[2] = {(char)(a - 'A' + 'a'), (char)(b - 'A' + 'a')};
            if (!tf_country_valid(c)) {
                assert_null(tf_country_name(c));
                assert_null(tf_country_alpha3(c));
                assert_int_equal(tf_country_parse(tf_country_code(c, code), 2, &got),
                                 TF_ERR_FORMAT);
                continue;
            }
            n++;
            assert_true(c > prev); /* numeric order is code order */
            prev = c;
            assert_int_equal(tf_country_parse(lower, 2, &got), 0);
            assert_int_equal(got, c);
            const char *a3 = tf_country_alpha3(c), *name = tf_country_name(c);
            assert_non_null(a3);
            assert_non_null(name);
            assert_int_equal(strlen(a3), 3);
            got = 0;
            assert_int_equal(tf_country_parse(a3, 3, &got), 0);
            assert_int_equal(got, c);
            got = 0;
            assert_int_equal(tf_country_parse(name, strlen(name), &got), 0);
            assert_int_equal(got, c);
        }
    }
    assert_in_range(n, 249, 260); /* iso-codes 4.x has 249, plus XK */
}

static void test_country_misc(void **state)
{
    (void)state;
    char code[3] = "xx";
    assert_string_equal(tf_country_code(0, code), "");
    assert_false(tf_country_valid(0));
    assert_null(tf_country_name(0));
    assert_string_equal(tf_country_name(TF_COUNTRY('D', 'E')), "Germany");
    assert_string_equal(tf_country_alpha3(TF_COUNTRY('D', 'E')), "DEU");
    assert_string_equal(tf_country_alpha3(TF_COUNTRY('X', 'K')), "XKX");
    assert_true(TF_COUNTRY('A', 'D') < TF_COUNTRY('A', 'E'));
    assert_true(TF_COUNTRY('A', 'Z') < TF_COUNTRY('B', 'A'));
    tf_country de = 0, us = 0;
    tf_country_parse("Germany", 7, &de);
    tf_country_parse("USA", 3, &us);
    assert_true(de < us);
}

/* ---- weights ------------------------------------------------------------ */

struct weight_case {
    const char *in;
    int ok;
    uint32_t want;
};

#define U TF_WEIGHT_UNIT

static const struct weight_case weight_cases[] = {
    {"1", 1, U},
    {"2", 1, 2 * U},
    {"0.5", 1, U / 2},
    {"1/3", 1, U / 3},
    {"2/6", 1, U / 3},
    {"5/6", 1, 5 * U / 6},
    {"7/2", 1, 7 * U / 2},
    {".25", 1, U / 4},
    {"1.", 1, U},
    {"0001", 1, U},
    {"00.5", 1, U / 2},
    {"1e-1", 1, U / 10},
    {"1E0", 1, U},
    {"1e+0", 1, U},
    {"2.25e-1", 1, 162162},
    {"0.25e1", 1, 5 * U / 2},
    {"0.3333333", 1, U / 3}, /* 240239.976 */
    {"0.333333", 1, U / 3},  /* 240239.760 */
    {"0.33333", 1, 240238},  /* 240237.598 */
    {"0.0000006938", 1, 1},  /* 0.50004 units */
    {"0.00625", 1, 4505},    /* exactly 4504.5: half away from zero */
    {"6.25e-3", 1, 4505},
    {"625e-5", 1, 4505},
    {"1/160", 1, 4505},
    {"0.0062499999999999999999", 1, 4504},
    {"0.0062500000000000000001", 1, 4505},
    {"1/1441440", 1, 1}, /* exactly half a unit */
    {"1/1441441", 0, 0}, /* just under half: rounds to zero */
    {"5959", 1, 5959u * U},
    {"5959.27", 1, 4294965074u}, /* 4294965074.4 */
    {"1/720720", 1, 1},
    {"0", 0, 0},
    {"0.0", 0, 0},
    {"0/5", 0, 0},
    {"0.0000006937", 0, 0}, /* 0.49996 units */
    {"0.0000001", 0, 0},
    {"1e-9", 0, 0},
    {"5959.3", 0, 0}, /* past UINT32_MAX units */
    {"5960", 0, 0},
    {"1e6", 0, 0},
    {"1e300", 0, 0},
    {"1e999999999999999999999", 0, 0},
    {"1e-999999999999999999999", 0, 0},
    {"-1", 0, 0},
    {"-0.5", 0, 0},
    {"+1", 0, 0},
    {"abc", 0, 0},
    {"1/0", 0, 0},
    {"1/", 0, 0},
    {"/2", 0, 0},
    {"1/2/3", 0, 0},
    {"1.5/2", 0, 0},
    {"12345678901234/2", 0, 0}, /* fraction parts are limited to 13 digits */
    {"nan", 0, 0},
    {"inf", 0, 0},
    {"", 0, 0},
    {".", 0, 0},
    {"e1", 0, 0},
    {"1e", 0, 0},
    {"1e+", 0, 0},
    {"1..2", 0, 0},
    {"1 ", 0, 0},
    {" 1", 0, 0},
    {"1,5", 0, 0},
    {"0x10", 0, 0},
};

static void test_weight_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(weight_cases); i++) {
        const struct weight_case *c = &weight_cases[i];
        uint32_t got = 77;
        int rc = tf_weight_parse(c->in, strlen(c->in), &got);
        if (c->ok && (rc != 0 || got != c->want))
            fail_msg("\"%s\": rc %d, got %u, want %u", c->in, rc, got, c->want);
        if (!c->ok && (rc != TF_ERR_FORMAT || got != 77))
            fail_msg("\"%s\" should be rejected, got rc %d value %u", c->in, rc, got);
    }
}

static void check_weight_round_trip(uint32_t w)
{
    char buf[32];
    uint32_t back = 0;
    int n = tf_weight_format(w, buf);
    assert_int_equal(n, strlen(buf));
    if (tf_weight_parse(buf, (size_t)n, &back) != 0 || back != w)
        fail_msg("%u formats as \"%s\" which parses as %u", w, buf, back);
}

static void test_weight_round_trip(void **state)
{
    (void)state;
    for (uint32_t k = 1; k <= 2 * U; k++)
        check_weight_round_trip(k);
    for (uint64_t k = 2 * U; k <= UINT32_MAX; k += 999983)
        check_weight_round_trip((uint32_t)k);
    check_weight_round_trip(UINT32_MAX);
}

static void test_weight_fractions(void **state)
{
    (void)state;
    for (unsigned n = 1; n <= 16; n++) {
        for (unsigned m = 1; m <= 3 * n; m++) {
            char in[32];
            uint32_t got = 0;
            int len = snprintf(in, sizeof(in), "%u/%u", m, n);
            assert_int_equal(tf_weight_parse(in, (size_t)len, &got), 0);
            assert_int_equal(got, (uint64_t)m * U / n); /* exact: n divides 720720 */
            assert_int_equal((uint64_t)got * n, (uint64_t)m * U);
            check_weight_round_trip(got);
        }
    }
}

struct format_case {
    uint32_t w;
    const char *want;
};

static void test_weight_format(void **state)
{
    (void)state;
    static const struct format_case cases[] = {
        {U, "1"},
        {2 * U, "2"},
        {U / 3, "1/3"},
        {5 * U / 6, "5/6"},
        {3 * U / 2, "3/2"},
        {3, "1/240240"},
        {1, "1/720720"},
        {U / 16, "1/16"},
        {7 * U / 16, "7/16"},
        {0, "0"},
        {UINT32_MAX, "286331153/48048"},
    };
    for (size_t i = 0; i < N_OF(cases); i++) {
        char buf[32];
        assert_int_equal(tf_weight_format(cases[i].w, buf), strlen(cases[i].want));
        assert_string_equal(buf, cases[i].want);
    }
}

/* ---- persons, works, organisations ---------------------------------------- */

enum { HASHED = -1, ERROR = -2 };

struct person_case {
    const char *in;
    int ns; /* enum tf_person_ns, HASHED or ERROR */
    uint64_t id;
    const char *display; /* tf_person_format of the key, for non-hashed */
};

static const struct person_case person_cases[] = {
    {"A5023651726", TF_PERSON_OPENALEX, 5023651726u, "A5023651726"},
    {"a5023651726", TF_PERSON_OPENALEX, 5023651726u, "A5023651726"},
    {"https://openalex.org/A5023651726", TF_PERSON_OPENALEX, 5023651726u, "A5023651726"},
    {"https://openalex.org/authors/A5023651726", TF_PERSON_OPENALEX, 5023651726u, "A5023651726"},
    {"HTTP://OpenAlex.org/a7", TF_PERSON_OPENALEX, 7, "A7"},
    {"A1152921504606846975", TF_PERSON_OPENALEX, (UINT64_C(1) << 60) - 1, "A1152921504606846975"},
    {"0000-0002-1825-0097", TF_PERSON_ORCID, 21825009u * 11 + 7, "0000-0002-1825-0097"},
    {"https://orcid.org/0000-0002-1825-0097", TF_PERSON_ORCID, 21825009u * 11 + 7,
     "0000-0002-1825-0097"},
    {"0000-0002-1694-233X", TF_PERSON_ORCID, 21694233u * 11 + 10, "0000-0002-1694-233X"},
    {"0000-0002-1694-233x", TF_PERSON_ORCID, 21694233u * 11 + 10, "0000-0002-1694-233X"},
    {"0000-0003-1415-9269", TF_PERSON_ORCID, 31415926u * 11 + 9, "0000-0003-1415-9269"},
    {"0000-0002-1825-0098", HASHED, 0, NULL}, /* wrong check digit */
    {"0000-0002-1825-009", HASHED, 0, NULL},
    {"0000000218250097", HASHED, 0, NULL},
    {"0000_0002-1825-0097", HASHED, 0, NULL},
    {"0000-000a-1825-0097", HASHED, 0, NULL},
    {"0000-0002-1825-009?", HASHED, 0, NULL},
    {"https://example.org/0000-0002-1825-0097", HASHED, 0, NULL},
    {"A1152921504606846976", HASHED, 0, NULL}, /* past 60 bits */
    {"A0123", HASHED, 0, NULL},                /* not canonical */
    {"A0", HASHED, 0, NULL},
    {"A", HASHED, 0, NULL},
    {"A12x", HASHED, 0, NULL},
    {"W123", HASHED, 0, NULL},
    {"https://example.org/A1", HASHED, 0, NULL},
    {"https://openalex.org/works/A1", HASHED, 0, NULL},
    {" A1", HASHED, 0, NULL},
    {"jane doe", HASHED, 0, NULL},
    {"", ERROR, 0, NULL},
};

static void check_person(const struct person_case *c)
{
    uint64_t key = 0;
    char buf[32];
    int rc = tf_person_parse(c->in, strlen(c->in), &key);
    if (c->ns == ERROR) {
        assert_int_equal(rc, TF_ERR_FORMAT);
        return;
    }
    assert_int_equal(rc, 0);
    if (c->ns == HASHED) {
        uint64_t want = tf_person_make(TF_PERSON_HASHED, tf_fnv1a64(c->in, strlen(c->in)));
        if (key != want)
            fail_msg("\"%s\" should be hashed", c->in);
        assert_int_equal(tf_person_format(key, buf), -1);
        return;
    }
    if (key != tf_person_make((enum tf_person_ns)c->ns, c->id))
        fail_msg("\"%s\": key %llx", c->in, (unsigned long long)key);
    assert_int_equal(tf_person_format(key, buf), strlen(c->display));
    assert_string_equal(buf, c->display);
    uint64_t again = 0; /* the display form is the same person */
    assert_int_equal(tf_person_parse(buf, strlen(buf), &again), 0);
    assert_int_equal(again, key);
}

static void test_person_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(person_cases); i++)
        check_person(&person_cases[i]);
}

/* The parser must stop at `len`. */
static void test_person_parse_len(void **state)
{
    (void)state;
    uint64_t key = 0;
    assert_int_equal(tf_person_parse("A123456", 4, &key), 0);
    assert_int_equal(key, tf_person_openalex(123));
    assert_int_equal(tf_person_parse("jane doe", 4, &key), 0);
    assert_int_equal(key, tf_person_make(TF_PERSON_HASHED, tf_fnv1a64("jane", 4)));
}

static void test_person_format_round_trip(void **state)
{
    (void)state;
    static const uint64_t numbers[] = {1, 9, 10, 123, 5023651726u, (UINT64_C(1) << 60) - 1};
    for (size_t i = 0; i < N_OF(numbers); i++) {
        char buf[32];
        uint64_t key = tf_person_openalex(numbers[i]), back = 0;
        int n = tf_person_format(key, buf);
        assert_true(n > 0);
        assert_int_equal(tf_person_parse(buf, (size_t)n, &back), 0);
        assert_int_equal(back, key);
    }
    /* every ORCID check digit, including X */
    for (uint64_t base = 0; base < 4000; base += 37) {
        char buf[32];
        uint64_t b = 21825009u + base, back = 0;
        int valid = 0;
        for (unsigned check = 0; check <= 10; check++) {
            uint64_t k = tf_person_make(TF_PERSON_ORCID, b * 11 + check);
            int n = tf_person_format(k, buf);
            assert_int_equal(n, 19);
            assert_int_equal(tf_person_parse(buf, (size_t)n, &back), 0);
            valid += back == k;
        }
        assert_int_equal(valid, 1); /* only the right check digit is an ORCID iD */
    }
}

static void test_work_org(void **state)
{
    (void)state;
    uint64_t key = 0;
    char buf[32];
    assert_int_equal(tf_work_parse("W2741809807", 11, &key), 0);
    assert_int_equal(key, 2741809807u);
    assert_int_equal(tf_work_format(key, buf), 11);
    assert_string_equal(buf, "W2741809807");
    const char *url = "https://openalex.org/works/w2741809807";
    assert_int_equal(tf_work_parse(url, strlen(url), &key), 0);
    assert_int_equal(key, 2741809807u);
    url = "https://openalex.org/I136199984";
    assert_int_equal(tf_org_parse(url, strlen(url), &key), 0);
    assert_int_equal(tf_org_format(key, buf), 10);
    assert_string_equal(buf, "I136199984");
    url = "https://openalex.org/institutions/I136199984";
    assert_int_equal(tf_org_parse(url, strlen(url), &key), 0);
    assert_int_equal(key, 136199984u);
    const char *ror = "https://ror.org/03vek6s52";
    assert_int_equal(tf_org_parse(ror, strlen(ror), &key), 0);
    assert_int_equal(key, tf_person_make(TF_PERSON_HASHED, tf_fnv1a64(ror, strlen(ror))));
    assert_int_equal(tf_org_format(key, buf), -1);
    assert_int_equal(tf_org_parse("W1", 2, &key), 0); /* a work id is no institution */
    assert_int_equal(key >> 60, TF_PERSON_HASHED);
    assert_int_equal(tf_work_parse("", 0, &key), TF_ERR_FORMAT);
    assert_int_equal(tf_org_parse("", 0, &key), TF_ERR_FORMAT);
}

/* ---- kinds and hashes ---------------------------------------------------- */

static void test_kind(void **state)
{
    (void)state;
    static const char *const names[] = {"publication", "education", "employment"};
    for (int k = 0; k < 3; k++) {
        uint8_t got = 99;
        assert_string_equal(tf_kind_name(k), names[k]);
        assert_int_equal(tf_kind_parse(names[k], strlen(names[k]), &got), 0);
        assert_int_equal(got, k);
    }
    uint8_t got = 99;
    assert_int_equal(tf_kind_parse("Education", 9, &got), 0);
    assert_int_equal(got, TF_KIND_EDUCATION);
    assert_int_equal(tf_kind_parse("EMPLOYMENT", 10, &got), 0);
    assert_int_equal(got, TF_KIND_EMPLOYMENT);
    assert_int_equal(tf_kind_parse("pub", 3, &got), TF_ERR_FORMAT);
    assert_int_equal(tf_kind_parse("publications", 12, &got), TF_ERR_FORMAT);
    assert_int_equal(tf_kind_parse("", 0, &got), TF_ERR_FORMAT);
    assert_null(tf_kind_name(-1));
    assert_null(tf_kind_name(3));
}

static void test_hash(void **state)
{
    (void)state;
    /* reference values of FNV-1a 64 */
    assert_int_equal(tf_fnv1a64("", 0), UINT64_C(0xcbf29ce484222325));
    assert_int_equal(tf_fnv1a64("a", 1), UINT64_C(0xaf63dc4c8601ec8c));
    assert_int_equal(tf_fnv1a64("foobar", 6), UINT64_C(0x85944171f73967e8));
    assert_int_equal(tf_fnv1a64_add(tf_fnv1a64("foo", 3), "bar", 3), tf_fnv1a64("foobar", 6));
    assert_int_equal(tf_mix64(0), 0);
    assert_int_not_equal(tf_mix64(1), tf_mix64(2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_country_parse),
        cmocka_unit_test(test_country_parse_len),
        cmocka_unit_test(test_country_round_trip),
        cmocka_unit_test(test_country_misc),
        cmocka_unit_test(test_weight_parse),
        cmocka_unit_test(test_weight_round_trip),
        cmocka_unit_test(test_weight_fractions),
        cmocka_unit_test(test_weight_format),
        cmocka_unit_test(test_person_parse),
        cmocka_unit_test(test_person_parse_len),
        cmocka_unit_test(test_person_format_round_trip),
        cmocka_unit_test(test_work_org),
        cmocka_unit_test(test_kind),
        cmocka_unit_test(test_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
