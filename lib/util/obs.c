/*
 * obs.c - the value types of an observation: exact weights, person, work and
 * organisation keys, kinds.
 *
 * Weights are parsed with integer arithmetic only, never through a double:
 * "0.3333333" must round to the same number of units on every machine and
 * compiler, because weights are summed into published tables.
 *
 * Keys are bijective where they keep a number: "A123" gives key 123 in the
 * OpenAlex namespace and that key formats back as "A123". Strings that would
 * break this (leading zeros, numbers past 60 bits) are hashed instead, and
 * keep their exact spelling through the source's name table.
 */
#include "talentflow/error.h"
#include "talentflow/obs.h"

#include <stdio.h>
#include <string.h>

#include "util/digits.h"
#include "util/hash.h"

/* ---- small helpers ------------------------------------------------------ */

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * Nonzero when s[0..len) starts with prefix[0..n), ignoring ASCII case. The
 * spelling of the prefix itself (every id of a snapshot) is one memcmp.
 */
static int has_prefix_n(const char *s, size_t len, const char *prefix, size_t n)
{
    if (len < n)
        return 0;
    if (memcmp(s, prefix, n) == 0)
        return 1;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != lower((unsigned char)prefix[i]))
            return 0;
    return 1;
}

static int has_prefix(const char *s, size_t len, const char *prefix)
{
    return has_prefix_n(s, len, prefix, strlen(prefix));
}

/* Skips prefix[0..n) (any case) at *s when present; returns whether it did. */
static int skip_prefix_n(const char **s, size_t *len, const char *prefix, size_t n)
{
    if (!has_prefix_n(*s, *len, prefix, n))
        return 0;
    *s += n;
    *len -= n;
    return 1;
}

/* skip_prefix_n of a string literal (the "" make anything else a compile error). */
#define skip_literal(s, len, lit) skip_prefix_n(s, len, "" lit "", sizeof(lit) - 1)

static uint64_t gcd64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* ---- weights ------------------------------------------------------------ */

/*
 * The largest accepted weight. obs.h promises values up to 1e6, but a weight
 * is a uint32_t count of units, so anything past UINT32_MAX units (about
 * 5959.3) cannot be stored and is rejected as well.
 */
#define WEIGHT_MAX_UNITS UINT32_MAX

/*
 * Fraction parts are limited to 13 digits so that a * TF_WEIGHT_UNIT * 2 fits
 * in 64 bits; real shares ("1/3", "7/12") are far shorter.
 */
#define FRACTION_MAX_DIGITS 13

/* Parses 1..FRACTION_MAX_DIGITS digits (leading zeros free). Returns 0 or -1. */
static int parse_small_uint(const char *s, size_t len, uint64_t *out)
{
    uint64_t v = 0;
    size_t sig = 0;
    if (!len)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (!is_digit((unsigned char)s[i]))
            return -1;
        if (v || s[i] != '0')
            sig++;
        if (sig > FRACTION_MAX_DIGITS)
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

/* "a/b": units = round(a * UNIT / b), half away from zero, exactly. */
static int parse_fraction(const char *s, size_t len, const char *slash, uint64_t *units)
{
    uint64_t a, b;
    size_t alen = (size_t)(slash - s);
    if (parse_small_uint(s, alen, &a) < 0 || parse_small_uint(slash + 1, len - alen - 1, &b) < 0)
        return -1;
    if (b == 0)
        return -1;
    *units = (2 * a * TF_WEIGHT_UNIT + b) / (2 * b);
    return 0;
}

/*
 * A decimal number as its digits: the mantissa is the digits of s[int0..int1)
 * followed by those of s[frac0..frac1), and the value is
 * 0.<significant digits> * 10^point once `skip` leading zeros are dropped.
 */
struct decimal {
    const char *s;
    size_t int0, int1, frac0, frac1;
    size_t skip;   /* leading zero digits of the mantissa */
    size_t n;      /* significant digits after them */
    int64_t point; /* decimal exponent of the first significant digit, +1 */
};

/* The i-th significant digit; 0 outside [0, n) (the zeros around the digits). */
static unsigned dec_digit(const struct decimal *d, int64_t i)
{
    if (i < 0 || (uint64_t)i >= d->n)
        return 0;
    size_t k = d->skip + (size_t)i, nint = d->int1 - d->int0;
    char c = k < nint ? d->s[d->int0 + k] : d->s[d->frac0 + k - nint];
    return (unsigned)(c - '0');
}

/* Scans digits from s[*i]; returns how many. */
static size_t scan_digits(const char *s, size_t len, size_t *i)
{
    size_t start = *i;
    while (*i < len && is_digit((unsigned char)s[*i]))
        (*i)++;
    return *i - start;
}

/*
 * Reads an optional exponent "e[+-]digits" at s[*i], saturating its value at
 * +-1e9 (far past anything that could still give a weight in range).
 */
static int scan_exponent(const char *s, size_t len, size_t *i, int64_t *exp)
{
    *exp = 0;
    if (*i == len || (s[*i] != 'e' && s[*i] != 'E'))
        return 0;
    (*i)++;
    int neg = *i < len && s[*i] == '-';
    if (*i < len && (s[*i] == '-' || s[*i] == '+'))
        (*i)++;
    size_t start = *i;
    for (; *i < len && is_digit((unsigned char)s[*i]); (*i)++)
        if (*exp < 1000000000)
            *exp = *exp * 10 + (s[*i] - '0');
    if (*i == start)
        return -1;
    if (neg)
        *exp = -*exp;
    return 0;
}

/* Splits "digits[.digits][e[+-]digits]" into a struct decimal. Returns 0 or -1. */
static int scan_decimal(const char *s, size_t len, struct decimal *d)
{
    size_t i = 0;
    int64_t exp;
    memset(d, 0, sizeof(*d));
    d->s = s;
    d->int1 = scan_digits(s, len, &i);
    d->frac0 = d->frac1 = i;
    if (i < len && s[i] == '.') {
        d->frac0 = ++i;
        scan_digits(s, len, &i);
        d->frac1 = i;
    }
    size_t total = (d->int1 - d->int0) + (d->frac1 - d->frac0);
    if (total == 0 || scan_exponent(s, len, &i, &exp) < 0 || i != len)
        return -1;
    d->n = total;
    while (d->n && dec_digit(d, 0) == 0) {
        d->skip++;
        d->n--;
    }
    d->point = (int64_t)(d->int1 - d->int0) - (int64_t)d->skip + exp;
    return 0;
}

/*
 * units = round(value * UNIT), half away from zero, by long multiplication of
 * the fractional digits from the last one up: all digits take part, so a
 * value just below a rounding tie is never rounded up.
 */
static int decimal_units(const struct decimal *d, uint64_t *units)
{
    if (d->n == 0 || d->point < -7) /* zero, or below 1e-7: rounds to 0 units */
        return -1;
    if (d->point > 4) /* at least 10^4: past WEIGHT_MAX_UNITS */
        return -1;
    uint64_t whole = 0, carry = 0;
    unsigned first = 0; /* first decimal of the product's fractional part */
    for (int64_t i = 0; i < d->point; i++)
        whole = whole * 10 + dec_digit(d, i);
    for (int64_t i = (int64_t)d->n - 1; i >= d->point; i--) {
        uint64_t t = dec_digit(d, i) * (uint64_t)TF_WEIGHT_UNIT + carry;
        first = (unsigned)(t % 10);
        carry = t / 10;
    }
    *units = whole * TF_WEIGHT_UNIT + carry + (first >= 5);
    return 0;
}

int tf_weight_parse(const char *s, size_t len, uint32_t *out)
{
    uint64_t units = 0;
    const char *slash = len ? memchr(s, '/', len) : NULL;
    if (slash) {
        if (parse_fraction(s, len, slash, &units) < 0)
            return TF_ERR_FORMAT;
    } else {
        struct decimal d;
        if (scan_decimal(s, len, &d) < 0 || decimal_units(&d, &units) < 0)
            return TF_ERR_FORMAT;
    }
    if (units == 0 || units > WEIGHT_MAX_UNITS)
        return TF_ERR_FORMAT;
    *out = (uint32_t)units;
    return 0;
}

int tf_weight_format(uint32_t w, char buf[32])
{
    uint64_t g = w ? gcd64(w, TF_WEIGHT_UNIT) : 1;
    uint64_t num = w / g, den = w ? TF_WEIGHT_UNIT / g : 1;
    char *p = tf_put_u64(buf, num);
    if (den != 1) {
        *p++ = '/';
        p = tf_put_u64(p, den);
    }
    *p = '\0';
    return (int)(p - buf);
}

/* ---- keys --------------------------------------------------------------- */

/*
 * Parses "<letter><number>" with the number in canonical form (no leading
 * zero, at most 60 bits), so that the key formats back to the same string.
 */
static int parse_lettered(const char *s, size_t len, char letter, uint64_t *num)
{
    if (len < 2 || lower((unsigned char)s[0]) != lower(letter) || s[1] == '0')
        return -1;
    uint64_t v = 0;
    for (size_t i = 1; i < len; i++) {
        if (!is_digit((unsigned char)s[i]))
            return -1;
        unsigned dgt = (unsigned)(s[i] - '0');
        if (v > (TF_PERSON_ID_MASK - dgt) / 10)
            return -1;
        v = v * 10 + dgt;
    }
    *num = v;
    return 0;
}

/*
 * Strips "http(s)://" (optional), "www." (optional) and "<host>/" from the
 * front of s. Returns 1 when the host was there, 0 for a bare id, -1 for a
 * URL of another host.
 */
static int strip_host(const char **s, size_t *len, const char *host)
{
    int url = skip_literal(s, len, "https://") || skip_literal(s, len, "http://");
    url |= skip_literal(s, len, "www.");
    if (skip_prefix_n(s, len, host, strlen(host)))
        return 1;
    return url ? -1 : 0;
}

/*
 * An OpenAlex id of entity `letter`: bare "A123", "https://openalex.org/A123"
 * or ".../<segment>/A123". Returns 0 with the number, -1 otherwise.
 */
static int parse_openalex(const char *s, size_t len, char letter, const char *segment,
                          uint64_t *num)
{
    int host = strip_host(&s, &len, "openalex.org/");
    if (host < 0)
        return -1;
    if (host > 0)
        skip_prefix_n(&s, &len, segment, strlen(segment));
    return parse_lettered(s, len, letter, num);
}

/* The ISO 7064 11,2 check character of 15 ORCID digits: 0..9, or 10 for 'X'. */
static unsigned orcid_check(const unsigned digits[15])
{
    unsigned total = 0;
    for (int i = 0; i < 15; i++)
        total = (total + digits[i]) * 2;
    return (12 - total % 11) % 11;
}

/*
 * An ORCID iD "dddd-dddd-dddd-dddX" (optionally as an orcid.org URL) with a
 * correct check character. The key is the 15 digits times 11 plus the check
 * value, so an X check (10) has a place and the encoding is bijective.
 */
static int parse_orcid(const char *s, size_t len, uint64_t *id)
{
    unsigned digits[15];
    uint64_t base = 0;
    if (strip_host(&s, &len, "orcid.org/") < 0 || len != 19)
        return -1;
    for (size_t i = 0, k = 0; i < 18; i++) {
        if (i % 5 == 4) {
            if (s[i] != '-')
                return -1;
            continue;
        }
        if (!is_digit((unsigned char)s[i]))
            return -1;
        digits[k++] = (unsigned)(s[i] - '0');
        base = base * 10 + digits[k - 1];
    }
    int last = (unsigned char)s[18];
    if (!is_digit(last) && lower(last) != 'x')
        return -1;
    unsigned check = is_digit(last) ? (unsigned)(last - '0') : 10;
    if (check != orcid_check(digits))
        return -1;
    *id = base * 11 + check;
    return 0;
}

static uint64_t hashed_key(const char *s, size_t len)
{
    return tf_person_make(TF_PERSON_HASHED, tf_fnv1a64(s, len));
}

int tf_person_parse(const char *s, size_t len, uint64_t *out)
{
    uint64_t id;
    if (len == 0)
        return TF_ERR_FORMAT;
    if (parse_openalex(s, len, 'A', "authors/", &id) == 0)
        *out = tf_person_make(TF_PERSON_OPENALEX, id);
    else if (parse_orcid(s, len, &id) == 0)
        *out = tf_person_make(TF_PERSON_ORCID, id);
    else
        *out = hashed_key(s, len);
    return 0;
}

static int format_orcid(uint64_t id, char buf[32])
{
    unsigned check = (unsigned)(id % 11);
    uint64_t base = id / 11;
    char d[16];
    for (int i = 14; i >= 0; i--) {
        d[i] = (char)('0' + base % 10);
        base /= 10;
    }
    d[15] = check == 10 ? 'X' : (char)('0' + check);
    char *p = buf;
    for (int i = 0; i < 16; i++) {
        if (i && i % 4 == 0)
            *p++ = '-';
        *p++ = d[i];
    }
    *p = '\0';
    return (int)(p - buf);
}

/* Display form of a key numbered by OpenAlex; -1 for other namespaces. */
static int format_lettered(uint64_t key, char letter, char buf[32])
{
    if (key >> 60 != TF_PERSON_OPENALEX)
        return -1;
    buf[0] = letter;
    char *end = tf_put_u64(buf + 1, key & TF_PERSON_ID_MASK);
    *end = '\0';
    return (int)(end - buf);
}

int tf_person_format(uint64_t key, char buf[32])
{
    if (key >> 60 == TF_PERSON_ORCID)
        return format_orcid(key & TF_PERSON_ID_MASK, buf);
    return format_lettered(key, 'A', buf);
}

/* Works and organisations share the scheme: OpenAlex number, or a hash. */
static int parse_entity(const char *s, size_t len, char letter, const char *segment, uint64_t *out)
{
    uint64_t id;
    if (len == 0)
        return TF_ERR_FORMAT;
    if (parse_openalex(s, len, letter, segment, &id) == 0)
        *out = tf_person_make(TF_PERSON_OPENALEX, id);
    else
        *out = hashed_key(s, len);
    return 0;
}

int tf_work_parse(const char *s, size_t len, uint64_t *out)
{
    return parse_entity(s, len, 'W', "works/", out);
}

int tf_org_parse(const char *s, size_t len, uint64_t *out)
{
    return parse_entity(s, len, 'I', "institutions/", out);
}

int tf_work_format(uint64_t key, char buf[32])
{
    return format_lettered(key, 'W', buf);
}

int tf_org_format(uint64_t key, char buf[32])
{
    return format_lettered(key, 'I', buf);
}

/* ---- kinds -------------------------------------------------------------- */

static const char *const kind_names[] = {
    [TF_KIND_PUBLICATION] = "publication",
    [TF_KIND_EDUCATION] = "education",
    [TF_KIND_EMPLOYMENT] = "employment",
};

#define N_KINDS (sizeof(kind_names) / sizeof(kind_names[0]))

const char *tf_kind_name(int kind)
{
    if (kind < 0 || (size_t)kind >= N_KINDS)
        return NULL;
    return kind_names[kind];
}

const char *tf_degree_name(int degree)
{
    static const char *const names[] = {
        [TF_DEGREE_NONE] = "none",     [TF_DEGREE_BACHELOR] = "bachelor",
        [TF_DEGREE_MASTER] = "master", [TF_DEGREE_DOCTORATE] = "doctorate",
        [TF_DEGREE_OTHER] = "other",
    };
    if (degree < 0 || (size_t)degree >= sizeof(names) / sizeof(names[0]))
        return NULL;
    return names[degree];
}

int tf_kind_parse(const char *s, size_t len, uint8_t *out)
{
    for (size_t k = 0; k < N_KINDS; k++) {
        if (strlen(kind_names[k]) == len && has_prefix(s, len, kind_names[k])) {
            *out = (uint8_t)k;
            return 0;
        }
    }
    return TF_ERR_FORMAT;
}
