/*
 * orcid_obs.c - observations from a parsed ORCID record.
 *
 * The rule (docs/orcid.md has the user's version):
 *   - each affiliation gives one observation per calendar year from its
 *     start year to its end year, both included; month and day do not
 *     matter;
 *   - a start date without a year (or no start date) is skipped as
 *     no_start_year; a year that is not a number in [TF_YEAR_MIN,
 *     TF_YEAR_MAX], or an end before the start, as bad_year;
 *   - no end year means "still there": the span runs to the year the record
 *     was last modified; an end year after that is cut to it, since a record
 *     cannot have seen those years (a span never ends before it starts);
 *   - the country is the organisation's address country (no_country when
 *     empty, bad_country when not ISO 3166-1);
 *   - copies of one affiliation (the summaries of one v3.0
 *     affiliation-group, asserted by different sources) count once: the
 *     first that gives a span; when none does, the first one's reason is
 *     counted;
 *   - education carries the degree level of its role title (degree.c);
 *   - the organisation is the disambiguated id when its source is ROR, GRID
 *     or RINGGOLD, keyed by tf_org_parse of "https://ror.org/<id>", the
 *     GRID id, or "ringgold:<id>"; otherwise 0.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sources/orcid/orcid_doc.h"
#include "util/buf.h"

int orcid_skip(const struct orcid_skipper *sk, int reason, uint64_t line, const char *detail,
               struct tf_error *err)
{
    if (sk->strict && tf_skip_is_error(reason))
        return tf_error_set(err, TF_ERR_DATA, sk->place, line, "%s%s%s", tf_skip_name(reason),
                            detail ? ": " : "", detail ? detail : "");
    tf_skips_add(sk->skips, reason, sk->place, line, detail);
    return 0;
}

/* One affiliation's span, or why it has none. */
struct span {
    int first, last;
    tf_country country;
    int reason; /* -1 when the span is good */
    char detail[160];
};

/* A year of digits in range, else 0. */
static int year_of(const char *s)
{
    int y = 0;
    size_t n = strlen(s);
    if (n == 0 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        y = y * 10 + (s[i] - '0');
    }
    return y >= TF_YEAR_MIN && y <= TF_YEAR_MAX ? y : 0;
}

static int fail(struct span *sp, int reason, const struct orcid_affil *a, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Sets sp's reason and its detail ("employment put-code 7: <what>"); returns -1. */
static int fail(struct span *sp, int reason, const struct orcid_affil *a, const char *fmt, ...)
{
    char what[80];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    snprintf(sp->detail, sizeof(sp->detail), "%s%s%s: %s", tf_kind_name(a->kind),
             a->put_code[0] ? " put-code " : "", a->put_code, what);
    sp->reason = reason;
    return -1;
}

static int dates(const struct orcid_affil *a, int modified, struct span *sp)
{
    if (!a->start.year[0])
        return fail(sp, TF_SKIP_NO_START_YEAR, a, "%s",
                    a->start.present ? "start date has no year" : "no start date");
    if (!(sp->first = year_of(a->start.year)))
        return fail(sp, TF_SKIP_BAD_YEAR, a, "start year \"%.40s\"", a->start.year);
    if (a->end.year[0] && !(sp->last = year_of(a->end.year)))
        return fail(sp, TF_SKIP_BAD_YEAR, a, "end year \"%.40s\"", a->end.year);
    if (a->end.year[0] && sp->last < sp->first)
        return fail(sp, TF_SKIP_BAD_YEAR, a, "ends in %.40s, before it starts", a->end.year);
    if (!a->end.year[0] || (modified && sp->last > modified))
        sp->last = modified > sp->first ? modified : sp->first;
    return 0;
}

static int span_of(const struct orcid_affil *a, int modified, struct span *sp)
{
    sp->reason = -1;
    if (dates(a, modified, sp) < 0)
        return -1;
    if (!a->country[0])
        return fail(sp, TF_SKIP_NO_COUNTRY, a, "%s", "organization has no country");
    if (tf_country_parse(a->country, strlen(a->country), &sp->country) < 0)
        return fail(sp, TF_SKIP_BAD_COUNTRY, a, "country \"%.40s\"", a->country);
    return 0;
}

static int same_word(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if ((*a | 0x20) != (*b | 0x20))
            return 0;
    return *a == *b;
}

/* The organisation key of a ROR, GRID or Ringgold id; 0 for other sources. */
static uint64_t org_of(const struct orcid_affil *a)
{
    char id[ORCID_TEXT_SHORT + 32];
    uint64_t key = 0;
    if (!a->org_id[0])
        return 0;
    if (same_word(a->org_source, "ROR"))
        snprintf(id, sizeof(id), "%s%s", strstr(a->org_id, "ror.org/") ? "" : "https://ror.org/",
                 a->org_id);
    else if (same_word(a->org_source, "GRID"))
        snprintf(id, sizeof(id), "%s", a->org_id);
    else if (same_word(a->org_source, "RINGGOLD"))
        snprintf(id, sizeof(id), "ringgold:%s", a->org_id);
    else
        return 0;
    tf_org_parse(id, strlen(id), &key);
    return key;
}

static int emit(const struct orcid_affil *a, const struct span *sp, uint64_t person,
                struct orcid_obs *out)
{
    size_t n = (size_t)(sp->last - sp->first + 1);
    if (tf_grow((void **)&out->v, &out->cap, out->n + n, sizeof(*out->v)) < 0)
        return TF_ERR_NOMEM;
    struct tf_obs o = {0};
    o.person = person;
    o.org = org_of(a);
    o.weight = TF_WEIGHT_UNIT;
    o.country = sp->country;
    o.kind = a->kind;
    o.degree = (uint8_t)(a->kind == TF_KIND_EDUCATION ? orcid_degree(a->role, strlen(a->role))
                                                      : TF_DEGREE_NONE);
    for (int y = sp->first; y <= sp->last; y++) {
        o.year = (int16_t)y;
        out->v[out->n++] = o;
    }
    return 0;
}

/* The copies of one affiliation: a[0..n). The first with a span counts. */
static int one_group(const struct orcid_doc *d, const struct orcid_affil *a, size_t n,
                     uint64_t person, struct orcid_obs *out, const struct orcid_skipper *sk,
                     struct tf_error *err)
{
    struct span first, sp;
    for (size_t i = 0; i < n; i++)
        if (span_of(&a[i], d->modified_year, i ? &sp : &first) == 0)
            return emit(&a[i], i ? &sp : &first, person, out);
    return orcid_skip(sk, first.reason, a[0].line, first.detail, err);
}

int orcid_doc_obs(const struct orcid_doc *d, uint64_t person, struct orcid_obs *out,
                  const struct orcid_skipper *sk, struct tf_error *err)
{
    out->n = 0;
    if (d->n_affils == 0)
        return orcid_skip(sk, TF_SKIP_NO_AFFILIATIONS, d->line, d->orcid, err);
    size_t i = 0;
    while (i < d->n_affils) {
        size_t k = i + 1;
        while (k < d->n_affils && d->affils[k].group == d->affils[i].group)
            k++;
        int rc = one_group(d, &d->affils[i], k - i, person, out, sk, err);
        if (rc < 0)
            return rc;
        i = k;
    }
    return 0;
}
