/* tables.c - from merged accumulators to the sorted result tables. */
#include <stdlib.h>
#include <string.h>

#include "engine/measures.h"
#include "engine/pipeline.h"
#include "talentflow/error.h"

#define K TF_MAX_K

/* Three-way comparison of two integers. */
static inline int cmp_int(long a, long b)
{
    return (a > b) - (a < b);
}

static int cmp_cy(const void *pa, const void *pb)
{
    const struct tf_cy_row *a = pa, *b = pb;
    int c = cmp_int(a->pool, b->pool);
    c = c ? c : cmp_int(a->year, b->year);
    return c ? c : cmp_int(a->country, b->country);
}

static int cmp_flow(const void *pa, const void *pb)
{
    const struct tf_flow_row *a = pa, *b = pb;
    int c = cmp_int(a->pool, b->pool);
    c = c ? c : cmp_int(a->origin, b->origin);
    c = c ? c : cmp_int(a->destination, b->destination);
    return c ? c : cmp_int(a->year, b->year);
}

static int cmp_class(const void *pa, const void *pb)
{
    const struct tf_class_row *a = pa, *b = pb;
    int c = cmp_int(a->pool, b->pool);
    c = c ? c : cmp_int(a->origin, b->origin);
    return c ? c : cmp_int(a->cls, b->cls);
}

static int cmp_where(const void *pa, const void *pb)
{
    const struct tf_whereabouts_row *a = pa, *b = pb;
    int c = cmp_int(a->pool, b->pool);
    c = c ? c : cmp_int(a->origin, b->origin);
    return c ? c : cmp_int(a->country, b->country);
}

/* Pooled "*" (stored as 0) sorts after every specific value. */
static inline long star_last(long v)
{
    return v ? v : 0xFFFFFF;
}

static int cmp_rate(const void *pa, const void *pb)
{
    const struct tf_rate_key *a = pa, *b = pb; /* every rate row starts with its key */
    int c = cmp_int(a->pool, b->pool);
    c = c ? c : cmp_int(a->origin, b->origin);
    c = c ? c : cmp_int(star_last(a->destination), star_last(b->destination));
    c = c ? c : cmp_int(star_last(a->cohort), star_last(b->cohort));
    return c ? c : cmp_int(a->k, b->k);
}

static int build_cy(const struct tf_acc *a, struct tf_results *r)
{
    r->country_year = calloc(a->cy.n ? a->cy.n : 1, sizeof(*r->country_year));
    if (!r->country_year)
        return TF_ERR_NOMEM;
    size_t pos = 0;
    uint64_t key;
    void *val;
    while (tf_map_next(&a->cy, &pos, &key, &val)) {
        const struct tf_cy_val *v = val;
        struct tf_cy_row *row = &r->country_year[r->n_country_year++];
        row->pool = tf_acc_key_pool(key);
        row->year = (int)((key >> 16) & 0xFFFF);
        row->country = (tf_country)(key & 0xFFFF);
        row->population = v->population;
        row->in_migrations = v->in;
        row->out_migrations = v->out;
        row->births = v->births;
        row->deaths = v->deaths;
    }
    qsort(r->country_year, r->n_country_year, sizeof(*r->country_year), cmp_cy);
    return 0;
}

static int build_flows(const struct tf_acc *a, struct tf_results *r)
{
    r->flows = calloc(a->flows.n ? a->flows.n : 1, sizeof(*r->flows));
    if (!r->flows)
        return TF_ERR_NOMEM;
    size_t pos = 0;
    uint64_t key;
    void *val;
    while (tf_map_next(&a->flows, &pos, &key, &val)) {
        struct tf_flow_row *row = &r->flows[r->n_flows++];
        row->pool = tf_acc_key_pool(key);
        row->origin = (tf_country)((key >> 32) & 0xFFFF);
        row->destination = (tf_country)((key >> 16) & 0xFFFF);
        row->year = (int)(key & 0xFFFF);
        row->n = *(const uint64_t *)val;
        const uint64_t *back = tf_map_find(
            &a->flows, tf_acc_key3(row->pool, row->destination, row->origin, row->year));
        row->n_back = back ? *back : 0;
    }
    qsort(r->flows, r->n_flows, sizeof(*r->flows), cmp_flow);
    return 0;
}

static int build_classes(const struct tf_acc *a, struct tf_results *r)
{
    r->classes = calloc(a->classes.n ? a->classes.n : 1, sizeof(*r->classes));
    if (!r->classes)
        return TF_ERR_NOMEM;
    size_t pos = 0;
    uint64_t key;
    void *val;
    while (tf_map_next(&a->classes, &pos, &key, &val)) {
        struct tf_class_row *row = &r->classes[r->n_classes++];
        row->pool = tf_acc_key_pool(key);
        row->origin = (tf_country)((key >> 8) & 0xFFFF);
        row->cls = (int)(key & 0xFF);
        row->n = *(const uint64_t *)val;
    }
    qsort(r->classes, r->n_classes, sizeof(*r->classes), cmp_class);
    return 0;
}

static int build_where(const struct tf_acc *a, struct tf_results *r)
{
    r->whereabouts = calloc(a->where.n ? a->where.n : 1, sizeof(*r->whereabouts));
    if (!r->whereabouts)
        return TF_ERR_NOMEM;
    size_t pos = 0;
    uint64_t key;
    void *val;
    while (tf_map_next(&a->where, &pos, &key, &val)) {
        struct tf_whereabouts_row *row = &r->whereabouts[r->n_whereabouts++];
        row->pool = tf_acc_key_pool(key);
        row->origin = (tf_country)((key >> 16) & 0xFFFF);
        row->country = (tf_country)(key & 0xFFFF);
        row->n = *(const uint64_t *)val;
    }
    qsort(r->whereabouts, r->n_whereabouts, sizeof(*r->whereabouts), cmp_where);
    return 0;
}

/*
 * Copies every (pool, origin, destination, cohort) histogram of `src` into
 * `dst` four times: as is, with all destinations together ("*"), with all
 * cohorts together, and both.
 */
static int star_map(struct tf_map *dst, const struct tf_map *src)
{
    size_t pos = 0;
    uint64_t key;
    void *val;
    while (tf_map_next(src, &pos, &key, &val)) {
        uint64_t origin = key & ~UINT64_C(0xFFFFFFFF); /* pool and origin */
        uint64_t keys[4] = {key, origin | (key & 0xFFFF), key & ~UINT64_C(0xFFFF), origin};
        for (int i = 0; i < 4; i++)
            if (tf_map_add_counts(dst, keys[i], val) < 0)
                return TF_ERR_NOMEM;
    }
    return 0;
}

static struct tf_rate_key rate_key(uint64_t key, int k)
{
    return (struct tf_rate_key){tf_acc_key_pool(key), (tf_country)((key >> 32) & 0xFFFF),
                                (tf_country)((key >> 16) & 0xFFFF), (int)(key & 0xFFFF), k};
}

/* The K rows of one (origin, destination, cohort) of returns. */
static void return_rows(void *out, uint64_t key, const void *hist)
{
    const struct tf_ret_hist *h = hist;
    struct tf_return_row *rows = out;
    double km[K + 1];
    tf_km_return(h->departed, h->ev, h->cens, km);
    uint64_t returned = 0, censored_before = 0;
    for (int k = 1; k <= K; k++) {
        returned += h->ev[k];
        censored_before += h->cens[k - 1];
        rows[k - 1] = (struct tf_return_row){rate_key(key, k), h->departed, returned,
                                             h->departed - censored_before, km[k]};
    }
}

/* The K rows of one (origin, destination, cohort) of stays. */
static void stay_rows(void *out, uint64_t key, const void *hist)
{
    const struct tf_stay_hist *h = hist;
    struct tf_stay_row *rows = out;
    for (int k = 1; k <= K; k++)
        rows[k - 1] =
            (struct tf_stay_row){rate_key(key, k), h->arrived, h->stayed[k], h->observed[k]};
}

/* Adds the "*" rows to `src`, makes K rows of `size` bytes per key with `fill`, sorts them by key.
 */
static int build_rates(const struct tf_map *src, size_t size,
                       void (*fill)(void *rows, uint64_t key, const void *hist), void **out,
                       size_t *n_out)
{
    struct tf_map starred;
    tf_map_init(&starred, src->val_size);
    int rc = star_map(&starred, src);
    if (rc < 0)
        goto out;
    rc = TF_ERR_NOMEM;
    char *rows = calloc(starred.n * K + 1, size);
    if (!rows)
        goto out;
    size_t pos = 0, n = 0;
    uint64_t key;
    void *val;
    while (tf_map_next(&starred, &pos, &key, &val)) {
        fill(rows + n * size, key, val);
        n += K;
    }
    qsort(rows, n, size, cmp_rate);
    *out = rows;
    *n_out = n;
    rc = 0;
out:
    tf_map_release(&starred);
    return rc;
}

static int cmp_pipeline(const void *pa, const void *pb)
{
    const struct tf_pipeline_row *a = pa, *b = pb;
    int c = cmp_int(a->pool, b->pool);
    c = c ? c : cmp_int(a->first_degree, b->first_degree);
    c = c ? c : cmp_int(a->highest_degree, b->highest_degree);
    c = c ? c : cmp_int(a->degree, b->degree);
    c = c ? c : cmp_int(a->degree_year, b->degree_year);
    return c ? c : cmp_int(a->work, b->work);
}

static int build_pipeline(const struct tf_acc *a, struct tf_results *r)
{
    r->pipeline = calloc(a->pipeline.n ? a->pipeline.n : 1, sizeof(*r->pipeline));
    if (!r->pipeline)
        return TF_ERR_NOMEM;
    size_t pos = 0;
    uint64_t key;
    void *val;
    while (tf_map_next(&a->pipeline, &pos, &key, &val)) {
        struct tf_pipeline_row *row = &r->pipeline[r->n_pipeline++];
        row->pool = tf_acc_key_pool(key);
        row->first_degree = tf_pipeline_country((key >> 32) & 0x3FF);
        row->highest_degree = tf_pipeline_country((key >> 22) & 0x3FF);
        row->work = tf_pipeline_country((key >> 12) & 0x3FF);
        row->degree = (enum tf_degree)((key >> 9) & 7);
        row->degree_year = TF_YEAR_MIN + (int)(key & 0x1FF);
        row->n = *(const uint64_t *)val;
    }
    qsort(r->pipeline, r->n_pipeline, sizeof(*r->pipeline), cmp_pipeline);
    return 0;
}

int tf_acc_results(const struct tf_acc *a, struct tf_results *r)
{
    r->people = a->people[0];
    r->moves = a->moves[0];
    for (size_t p = 0; p < r->n_pools; p++) {
        r->pools[p].people = a->people[p];
        r->pools[p].moves = a->moves[p];
    }
    if (build_cy(a, r) < 0 || build_flows(a, r) < 0 || build_classes(a, r) < 0 ||
        build_where(a, r) < 0 ||
        build_rates(&a->returns, sizeof(*r->returns), return_rows, (void **)&r->returns,
                    &r->n_returns) < 0 ||
        build_rates(&a->stays, sizeof(*r->stays), stay_rows, (void **)&r->stays, &r->n_stays) < 0 ||
        build_pipeline(a, r) < 0)
        return TF_ERR_NOMEM;
    return 0;
}
