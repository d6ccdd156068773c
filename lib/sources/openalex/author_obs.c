/*
 * author_obs.c - observations from one OpenAlex author object.
 *
 * The extraction rule (docs/openalex.md, "Author records", has the user's
 * version):
 *   - the person is the author's OpenAlex id ("id", which must be an
 *     OpenAlex author id, else no_author_id), or with --link orcid the
 *     author's ORCID iD when "orcid" holds a valid one;
 *   - each entry of "affiliations" gives one employment observation per
 *     distinct valid year of its "years" (bad_year for the others), in the
 *     country of its institution's "country_code" (no_country when null or
 *     absent, bad_country when not ISO 3166-1: the entry then gives
 *     nothing), at the organisation of the institution's "id";
 *   - when "affiliations" is absent or empty, the institutions of
 *     "last_known_institutions" (a list, newer records) or else of
 *     "last_known_institution" (an object, older records) give one
 *     observation each for one year only: the year of the record's
 *     "updated_date", else of its "created_date" (bad_year when neither
 *     has one); with no institution at all the record is counted as
 *     no_affiliations;
 *   - the k observations of one year weigh TF_WEIGHT_UNIT / k each (the
 *     remainder units, past 16, go one each to the first in record order),
 *     so every year of an author sums to exactly one unit, as an authorship
 *     of a work in several countries does.
 */
#include <stdio.h>
#include <string.h>

#include "sources/openalex/authors.h"
#include "util/buf.h"

/* Years of one affiliation already given, to count a repeated year once. */
#define YEAR_WORDS ((OA_N_YEARS + 63) / 64)

/* What every skip and observation of one author shares. */
struct author_ctx {
    const struct tf_jv *a;
    uint64_t line;
    const struct oa_skipper *sk;
    struct oa_author_out *out;
    char label[40]; /* "A5023888391", for skip details */
};

int oa_skip(const struct oa_skipper *sk, int reason, uint64_t line, const char *detail,
            struct tf_error *err)
{
    if (sk->strict && tf_skip_is_error(reason))
        return tf_error_set(err, TF_ERR_DATA, sk->path, line, "%s%s%s", tf_skip_name(reason),
                            detail ? ": " : "", detail ? detail : "");
    tf_skips_add(sk->skips, reason, sk->path, line, detail);
    return 0;
}

int oa_author_like(const struct tf_jv *v)
{
    return v && v->type == TF_JV_OBJECT &&
           (tf_jv_get(v, "affiliations") || tf_jv_get(v, "last_known_institutions") ||
            tf_jv_get(v, "last_known_institution"));
}

/* The last segment of the author's id ("A5023888391"), or "author". */
static void author_label(const struct tf_jv *a, char out[40])
{
    const struct tf_jv *id = tf_jv_get(a, "id");
    if (!id || id->type != TF_JV_STRING || id->n == 0) {
        snprintf(out, 40, "author");
        return;
    }
    const char *s = strrchr(id->str, '/');
    s = s && s[1] ? s + 1 : id->str;
    snprintf(out, 40, "%.30s", s);
}

/* A skip about the author as a whole, or about its affiliation number i (from 0; SIZE_MAX: none).
 */
static int skip(const struct author_ctx *cx, int reason, size_t i, const char *what,
                struct tf_error *err)
{
    char detail[160];
    if (i == SIZE_MAX)
        snprintf(detail, sizeof(detail), "%s: %s", cx->label, what);
    else
        snprintf(detail, sizeof(detail), "%s: affiliation %zu: %s", cx->label, i + 1, what);
    return oa_skip(cx->sk, reason, cx->line, detail, err);
}

/* A year given as an integer (or a string of digits), or 0 when it is not one in range. */
static int year_of(const struct tf_jv *v)
{
    long y = 0;
    if (v && v->type == TF_JV_NUMBER && v->num >= TF_YEAR_MIN && v->num <= TF_YEAR_MAX &&
        v->num == (double)(long)v->num)
        y = (long)v->num;
    if (v && v->type == TF_JV_STRING && v->n >= 1 && v->n <= 4) {
        for (size_t i = 0; i < v->n && y >= 0; i++)
            y = v->str[i] >= '0' && v->str[i] <= '9' ? y * 10 + (v->str[i] - '0') : -1;
    }
    return y >= TF_YEAR_MIN && y <= TF_YEAR_MAX ? (int)y : 0;
}

/* The year of a date string ("2024-08-19", "2024-08-19T05:02:29.391817"), or 0. */
static int date_year(const struct tf_jv *v)
{
    if (!v || v->type != TF_JV_STRING || v->n < 5 || v->str[4] != '-')
        return 0;
    struct tf_jv digits = *v;
    digits.n = 4;
    return year_of(&digits);
}

/*
 * The country of an institution into *c. Returns 1 when it has a valid one,
 * 0 when the entry is skipped (counted), or a negative status.
 */
static int institution_country(const struct author_ctx *cx, const struct tf_jv *inst, size_t i,
                               tf_country *c, struct tf_error *err)
{
    const struct tf_jv *code = tf_jv_get(inst, "country_code");
    char what[64];
    int rc;
    if (!code || code->type == TF_JV_NULL)
        rc = skip(cx, TF_SKIP_NO_COUNTRY, i, "institution has no country_code", err);
    else if (code->type == TF_JV_STRING && code->n == 2 && tf_country_parse(code->str, 2, c) == 0 &&
             tf_country_valid(*c))
        return 1;
    else {
        if (code->type == TF_JV_STRING)
            snprintf(what, sizeof(what), "country code \"%.16s\"", code->str);
        else
            snprintf(what, sizeof(what), "country code is not a string");
        rc = skip(cx, TF_SKIP_BAD_COUNTRY, i, what, err);
    }
    return rc < 0 ? rc : 0;
}

/* Appends an observation of `year` in `c` at the institution `inst`; weights come later. */
static int add_obs(const struct author_ctx *cx, const struct tf_jv *inst, tf_country c, int year)
{
    struct oa_author_out *out = cx->out;
    if (tf_grow((void **)&out->v, &out->cap, out->n + 1, sizeof(*out->v)) < 0)
        return TF_ERR_NOMEM;
    struct tf_obs *o = &out->v[out->n++];
    memset(o, 0, sizeof(*o));
    const struct tf_jv *id = tf_jv_get(inst, "id");
    if (id && id->type == TF_JV_STRING && tf_org_parse(id->str, id->n, &o->org) < 0)
        o->org = 0;
    o->year = (int16_t)year;
    o->country = c;
    o->kind = TF_KIND_EMPLOYMENT;
    return 0;
}

/* A listed year that is not one: counted with its value. */
static int skip_year(const struct author_ctx *cx, const struct tf_jv *v, size_t i,
                     struct tf_error *err)
{
    char what[64];
    if (v->type == TF_JV_NUMBER)
        snprintf(what, sizeof(what), "year %g", v->num);
    else if (v->type == TF_JV_STRING)
        snprintf(what, sizeof(what), "year \"%.16s\"", v->str);
    else
        snprintf(what, sizeof(what), "a year that is not a number");
    return skip(cx, TF_SKIP_BAD_YEAR, i, what, err);
}

/* The years of affiliation number i, in the country `c` of its institution. */
static int add_years(const struct author_ctx *cx, const struct tf_jv *aff, size_t i, tf_country c,
                     struct tf_error *err)
{
    const struct tf_jv *inst = tf_jv_get(aff, "institution"), *years = tf_jv_get(aff, "years");
    uint64_t seen[YEAR_WORDS] = {0};
    int rc = 0;
    if (!years || years->type != TF_JV_ARRAY || years->n == 0)
        return skip(cx, TF_SKIP_BAD_YEAR, i, "no years", err);
    for (size_t k = 0; k < years->n && rc == 0; k++) {
        int y = year_of(&years->items[k]);
        unsigned at = (unsigned)(y - TF_YEAR_MIN);
        if (y == 0)
            rc = skip_year(cx, &years->items[k], i, err);
        else if (!(seen[at / 64] & (UINT64_C(1) << (at % 64)))) {
            seen[at / 64] |= UINT64_C(1) << (at % 64);
            rc = add_obs(cx, inst, c, y);
        }
    }
    return rc;
}

static int from_affiliations(const struct author_ctx *cx, const struct tf_jv *affs,
                             struct tf_error *err)
{
    int rc = 0;
    for (size_t i = 0; i < affs->n && rc >= 0; i++) {
        tf_country c = 0;
        rc = institution_country(cx, tf_jv_get(&affs->items[i], "institution"), i, &c, err);
        if (rc > 0)
            rc = add_years(cx, &affs->items[i], i, c, err);
    }
    return rc < 0 ? rc : 0;
}

/* The institutions of last_known_institutions, else last_known_institution. */
static size_t last_known(const struct tf_jv *a, const struct tf_jv **first)
{
    const struct tf_jv *list = tf_jv_get(a, "last_known_institutions");
    const struct tf_jv *one = tf_jv_get(a, "last_known_institution");
    if (list && list->type == TF_JV_ARRAY && list->n > 0) {
        *first = list->items;
        return list->n;
    }
    *first = one;
    return one && one->type == TF_JV_OBJECT ? 1 : 0;
}

static int from_last_known(const struct author_ctx *cx, struct tf_error *err)
{
    const struct tf_jv *inst = NULL;
    size_t n = last_known(cx->a, &inst);
    if (n == 0)
        return skip(cx, TF_SKIP_NO_AFFILIATIONS, SIZE_MAX, "no affiliations", err);
    int year = date_year(tf_jv_get(cx->a, "updated_date"));
    if (year == 0)
        year = date_year(tf_jv_get(cx->a, "created_date"));
    if (year == 0)
        return skip(cx, TF_SKIP_BAD_YEAR, SIZE_MAX, "last known institution, no dated record", err);
    int rc = 0;
    for (size_t i = 0; i < n && rc >= 0; i++) {
        tf_country c = 0;
        rc = institution_country(cx, &inst[i], i, &c, err);
        if (rc > 0)
            rc = add_obs(cx, &inst[i], c, year);
    }
    return rc < 0 ? rc : 0;
}

/* Shares one unit among the observations of each year, remainders to the first ones. */
static void share_weights(struct oa_author_out *out, uint64_t person)
{
    for (size_t i = 0; i < out->n; i++) {
        out->per_year[out->v[i].year - TF_YEAR_MIN] = 0;
        out->shared[out->v[i].year - TF_YEAR_MIN] = 0;
    }
    for (size_t i = 0; i < out->n; i++)
        out->per_year[out->v[i].year - TF_YEAR_MIN]++;
    for (size_t i = 0; i < out->n; i++) {
        unsigned y = (unsigned)(out->v[i].year - TF_YEAR_MIN);
        uint32_t k = out->per_year[y];
        out->v[i].weight = TF_WEIGHT_UNIT / k + (out->shared[y]++ < TF_WEIGHT_UNIT % k);
        out->v[i].person = person;
    }
}

/* The person of the author: its OpenAlex id, or its ORCID iD when linked. 0 when it has no id. */
static uint64_t author_person(const struct tf_jv *a, int link_orcid)
{
    const struct tf_jv *id = tf_jv_get(a, "id"), *orcid = tf_jv_get(a, "orcid");
    uint64_t person = 0, key;
    if (!id || id->type != TF_JV_STRING || tf_person_parse(id->str, id->n, &person) < 0 ||
        person >> 60 != TF_PERSON_OPENALEX)
        return 0;
    if (link_orcid && orcid && orcid->type == TF_JV_STRING &&
        tf_person_parse(orcid->str, orcid->n, &key) == 0 && key >> 60 == TF_PERSON_ORCID)
        return key;
    return person;
}

int oa_author_obs(const struct tf_jv *a, uint64_t line, int link_orcid, const struct oa_skipper *sk,
                  struct oa_author_out *out, struct tf_error *err)
{
    struct author_ctx cx = {a, line, sk, out, ""};
    const struct tf_jv *affs = tf_jv_get(a, "affiliations");
    uint64_t person = author_person(a, link_orcid);
    int rc;
    out->n = 0;
    author_label(a, cx.label);
    if (person == 0)
        return skip(&cx, TF_SKIP_NO_AUTHOR_ID, SIZE_MAX, "no OpenAlex author id", err);
    if (affs && affs->type == TF_JV_ARRAY && affs->n > 0)
        rc = from_affiliations(&cx, affs, err);
    else
        rc = from_last_known(&cx, err);
    if (rc == TF_ERR_NOMEM)
        return tf_error_set(err, rc, sk->path, line, "out of memory");
    if (rc < 0) {
        out->n = 0;
        return rc;
    }
    share_weights(out, person);
    return 0;
}
