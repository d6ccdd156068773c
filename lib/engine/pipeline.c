/*
 * pipeline.c - where a person studied and where they work (docs/method.md,
 * "The study-to-work pipeline").
 *
 * From one person's observations: the country of the first degree (the
 * earliest education record), of the highest degree (the highest level, the
 * latest year among those) and of work (the latest employment record or
 * publication; in one year an employment record before a publication).
 * Other ties go to the smaller country code, so the answer does not depend
 * on the order of the records.
 */
#include "engine/pipeline.h"

/* Degree levels in the order "higher": none < other < bachelor < master < doctorate. */
static int degree_rank(int degree)
{
    switch (degree) {
    case TF_DEGREE_DOCTORATE:
        return 4;
    case TF_DEGREE_MASTER:
        return 3;
    case TF_DEGREE_BACHELOR:
        return 2;
    case TF_DEGREE_OTHER:
        return 1;
    default:
        return 0;
    }
}

/* A country in 10 bits: 1 + its two letters in base 26; 0 for none or a code outside A-Z. */
static uint64_t country10(tf_country c)
{
    unsigned a = c >> 8, b = c & 0xFF;
    if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z')
        return 0;
    return 1 + (a - 'A') * 26 + (b - 'A');
}

tf_country tf_pipeline_country(uint64_t c10)
{
    if (!c10)
        return 0;
    c10--;
    return TF_COUNTRY('A' + c10 / 26, 'A' + c10 % 26);
}

/* Whether observation o beats `best` as the first degree. */
static int earlier(const struct tf_obs *o, const struct tf_obs *best)
{
    return !best || o->year < best->year || (o->year == best->year && o->country < best->country);
}

/* Whether observation o beats `best` as the highest degree. */
static int higher(const struct tf_obs *o, const struct tf_obs *best)
{
    if (!best)
        return 1;
    int r = degree_rank(o->degree), rb = degree_rank(best->degree);
    if (r != rb)
        return r > rb;
    return o->year > best->year || (o->year == best->year && o->country < best->country);
}

/* Whether observation o beats `best` as the latest place of work. */
static int later(const struct tf_obs *o, const struct tf_obs *best)
{
    if (!best || o->year != best->year)
        return !best || o->year > best->year;
    if (o->kind != best->kind)
        return o->kind == TF_KIND_EMPLOYMENT;
    return o->country < best->country;
}

uint64_t tf_pipeline_key(const struct tf_obs *obs, size_t n)
{
    const struct tf_obs *first = NULL, *high = NULL, *work = NULL;
    for (size_t i = 0; i < n; i++) {
        const struct tf_obs *o = &obs[i];
        if (o->kind == TF_KIND_EDUCATION) {
            first = earlier(o, first) ? o : first;
            high = higher(o, high) ? o : high;
        } else {
            work = later(o, work) ? o : work;
        }
    }
    if (!first || !country10(first->country) || !country10(high->country))
        return 0;
    return country10(first->country) << 32 | country10(high->country) << 22 |
           (work ? country10(work->country) : 0) << 12 | (uint64_t)(high->degree & 7) << 9 |
           (uint64_t)(high->year - TF_YEAR_MIN);
}
