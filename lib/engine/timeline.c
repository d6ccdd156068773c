/* timeline.c - residence per year, origin, moves and mobility class of one person. */
#include "engine/timeline.h"
#include "util/sort.h"

#include <stdlib.h>
#include <string.h>

#include "talentflow/error.h"
#include "util/buf.h"

void tf_timeline_init(struct tf_timeline *tl)
{
    memset(tl, 0, sizeof(*tl));
}

void tf_timeline_release(struct tf_timeline *tl)
{
    free(tl->years);
    free(tl->sets);
    free(tl->work_keys);
    free(tl->weights);
    tf_timeline_init(tl);
}

/*
 * Picks the residence among the countries of one year: the largest summed
 * weight; on a tie the previous residence when it is among the tied, else
 * the smallest code (countries arrive in code order, so the first maximum).
 */
static tf_country pick_residence(const tf_country *c, const uint64_t *w, size_t n, tf_country prev)
{
    uint64_t best = 0;
    for (size_t i = 0; i < n; i++)
        if (w[i] > best)
            best = w[i];
    tf_country first = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] != best)
            continue;
        if (c[i] == prev)
            return prev;
        if (!first)
            first = c[i];
    }
    return first;
}

/* Adds one year: obs[0..n) share the year and are sorted by country. */
static int add_year(struct tf_timeline *tl, const struct tf_obs *obs, size_t n)
{
    if (tf_grow((void **)&tl->years, &tl->cap_years, tl->n_years + 1, sizeof(*tl->years)) < 0 ||
        tf_grow((void **)&tl->sets, &tl->cap_sets, tl->n_sets + n, sizeof(*tl->sets)) < 0 ||
        tf_grow((void **)&tl->weights, &tl->cap_weights, n, sizeof(*tl->weights)) < 0)
        return TF_ERR_NOMEM;
    struct tf_tl_year *y = &tl->years[tl->n_years];
    tf_country *set = tl->sets + tl->n_sets;
    size_t k = 0;
    int education = 0, employment = 0;
    for (size_t i = 0; i < n; i++) {
        education |= obs[i].kind == TF_KIND_EDUCATION;
        employment |= obs[i].kind == TF_KIND_EMPLOYMENT;
        if (k && set[k - 1] == obs[i].country) {
            tl->weights[k - 1] += obs[i].weight;
            continue;
        }
        set[k] = obs[i].country;
        tl->weights[k++] = obs[i].weight;
    }
    tf_country prev = tl->n_years ? tl->years[tl->n_years - 1].res : 0;
    y->year = obs[0].year;
    y->first = (uint32_t)tl->n_sets;
    y->n = (uint32_t)k;
    y->res = pick_residence(set, tl->weights, k, prev);
    y->study = (uint8_t)(education && !employment);
    tl->n_sets += k;
    tl->n_years++;
    return 0;
}

/*
 * Distinct nonzero work keys, plus one per publication without a key;
 * education and employment records are evidence of a place, not works.
 */
static int count_works(struct tf_timeline *tl, const struct tf_obs *obs, size_t n)
{
    if (tf_grow((void **)&tl->work_keys, &tl->cap_work_keys, n, sizeof(uint64_t)) < 0)
        return TF_ERR_NOMEM;
    size_t m = 0;
    uint32_t anonymous = 0;
    for (size_t i = 0; i < n; i++) {
        if (obs[i].work)
            tl->work_keys[m++] = obs[i].work;
        else if (obs[i].kind == TF_KIND_PUBLICATION)
            anonymous++;
    }
    qsort(tl->work_keys, m, sizeof(uint64_t), tf_cmp_u64);
    uint32_t distinct = 0;
    for (size_t i = 0; i < m; i++)
        if (i == 0 || tl->work_keys[i] != tl->work_keys[i - 1])
            distinct++;
    tl->works = distinct + anonymous;
    return 0;
}

static int in_set(const tf_country *s, size_t n, tf_country c)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == c)
            return 1;
    return 0;
}

/* Robinson-Garcia et al. classes from the yearly country sets. */
static int classify(const struct tf_timeline *tl)
{
    const struct tf_tl_year *y0 = &tl->years[0];
    const tf_country *os = tl->sets + y0->first;
    int one_country = y0->n == 1, outside_os = 0;
    for (size_t i = 1; i < tl->n_years; i++) {
        const struct tf_tl_year *y = &tl->years[i];
        int meets_os = 0;
        for (uint32_t j = 0; j < y->n; j++) {
            tf_country c = tl->sets[y->first + j];
            if (in_set(os, y0->n, c))
                meets_os = 1;
            else
                outside_os = 1;
        }
        if (!meets_os)
            return TF_CLASS_MIGRANT;
    }
    if (one_country && !outside_os)
        return TF_CLASS_NON_MOBILE;
    if (y0->n > 1 && !outside_os)
        return TF_CLASS_NON_DIRECTIONAL;
    return TF_CLASS_DIRECTIONAL;
}

int tf_timeline_build(struct tf_timeline *tl, const struct tf_obs *obs, size_t n)
{
    tl->person = obs[0].person;
    tl->n_years = 0;
    tl->n_sets = 0;
    tl->moves = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && obs[j].year == obs[i].year)
            j++;
        if (add_year(tl, obs + i, j - i) < 0)
            return TF_ERR_NOMEM;
        i = j;
    }
    for (size_t i = 1; i < tl->n_years; i++)
        if (tl->years[i].res != tl->years[i - 1].res)
            tl->moves++;
    tl->origin = tl->years[0].res;
    tl->cls = classify(tl);
    return count_works(tl, obs, n);
}

tf_country tf_timeline_padded(const struct tf_timeline *tl, int year)
{
    size_t lo = 0, hi = tl->n_years;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (tl->years[mid].year <= year)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? tl->years[lo - 1].res : 0;
}
