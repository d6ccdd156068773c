/* measures.c - the aggregate tables and the Kaplan-Meier return estimate. */
#include "engine/measures.h"

#include <stdlib.h>
#include <string.h>

#include "talentflow/error.h"

#define K TF_MAX_K

void tf_acc_init(struct tf_acc *a)
{
    memset(a, 0, sizeof(*a));
    tf_map_init(&a->cy, sizeof(struct tf_cy_val));
    tf_map_init(&a->flows, sizeof(uint64_t));
    tf_map_init(&a->classes, sizeof(uint64_t));
    tf_map_init(&a->where, sizeof(uint64_t));
    tf_map_init(&a->returns, sizeof(struct tf_ret_hist));
    tf_map_init(&a->stays, sizeof(struct tf_stay_hist));
    tf_map_init(&a->pipeline, sizeof(uint64_t));
}

void tf_acc_release(struct tf_acc *a)
{
    tf_map_release(&a->cy);
    tf_map_release(&a->flows);
    tf_map_release(&a->classes);
    tf_map_release(&a->where);
    tf_map_release(&a->returns);
    tf_map_release(&a->stays);
    tf_map_release(&a->pipeline);
}

static inline struct tf_cy_val *cy_at(struct tf_acc *a, unsigned pool, int year, tf_country c)
{
    return tf_map_get(&a->cy, tf_acc_key_cy(pool, year, c));
}

/* Padded population, migrations, births and deaths. */
static int add_country_years(struct tf_acc *a, const struct tf_timeline *tl, unsigned pool)
{
    struct tf_cy_val *v;
    for (size_t i = 0; i < tl->n_years; i++) {
        const struct tf_tl_year *y = &tl->years[i];
        int end = i + 1 < tl->n_years ? tl->years[i + 1].year : y->year + 1;
        for (int yy = y->year; yy < end; yy++) {
            if (!(v = cy_at(a, pool, yy, y->res)))
                return TF_ERR_NOMEM;
            v->population++;
        }
        if (i == 0 || y->res == tl->years[i - 1].res)
            continue;
        tf_country from = tl->years[i - 1].res;
        uint64_t *n = tf_map_get(&a->flows, tf_acc_key3(pool, from, y->res, y->year));
        if (!n)
            return TF_ERR_NOMEM;
        (*n)++;
        /* One slot at a time: inserting the second may move the first. */
        if (!(v = cy_at(a, pool, y->year, y->res)))
            return TF_ERR_NOMEM;
        v->in++;
        if (!(v = cy_at(a, pool, y->year, from)))
            return TF_ERR_NOMEM;
        v->out++;
    }
    const struct tf_tl_year *first = &tl->years[0], *last = &tl->years[tl->n_years - 1];
    if (!(v = cy_at(a, pool, first->year, first->res)))
        return TF_ERR_NOMEM;
    v->births++;
    if (!(v = cy_at(a, pool, last->year, last->res)))
        return TF_ERR_NOMEM;
    v->deaths++;
    return 0;
}

static inline size_t clamp_k(int d)
{
    return d < 0 ? 0 : d > K ? K + 1 : (size_t)d;
}

/* Whether the move into observed year i is of the kind the tables follow. */
static int kind_kept(const struct tf_acc *a, const struct tf_timeline *tl, size_t i)
{
    return a->move_kind == TF_MOVES_ALL || tf_timeline_move_kind(tl, i) == a->move_kind;
}

/* The first departure from the origin (of the kind followed), and the first return after it. */
static int add_return(struct tf_acc *a, const struct tf_timeline *tl, unsigned pool)
{
    size_t i = 1;
    while (i < tl->n_years && (tl->years[i].res == tl->origin ||
                               tl->years[i - 1].res != tl->origin || !kind_kept(a, tl, i)))
        i++;
    if (i >= tl->n_years)
        return 0;
    int t = tl->years[i].year;
    struct tf_ret_hist *h =
        tf_map_get(&a->returns, tf_acc_key3(pool, tl->origin, tl->years[i].res, t));
    if (!h)
        return TF_ERR_NOMEM;
    h->departed++;
    for (size_t j = i + 1; j < tl->n_years; j++) {
        if (tl->years[j].res == tl->origin) {
            h->ev[clamp_k(tl->years[j].year - t)]++;
            return 0;
        }
    }
    h->cens[clamp_k(tl->years[tl->n_years - 1].year - t)]++;
    return 0;
}

/* For each destination other than the origin, from the first year resident there. */
static int add_stays(struct tf_acc *a, const struct tf_timeline *tl, unsigned pool)
{
    int y1 = tl->years[tl->n_years - 1].year;
    for (size_t i = 1; i < tl->n_years; i++) {
        tf_country d = tl->years[i].res;
        int seen = d == tl->origin;
        for (size_t j = 1; j < i && !seen; j++)
            seen = tl->years[j].res == d;
        if (seen || !kind_kept(a, tl, i))
            continue;
        int t = tl->years[i].year;
        struct tf_stay_hist *h = tf_map_get(&a->stays, tf_acc_key3(pool, tl->origin, d, t));
        if (!h)
            return TF_ERR_NOMEM;
        h->arrived++;
        for (int k = 1; k <= K && y1 >= t + k; k++) {
            h->observed[k]++;
            if (tf_timeline_padded(tl, t + k) == d)
                h->stayed[k]++;
        }
    }
    return 0;
}

int tf_acc_add(struct tf_acc *a, const struct tf_timeline *tl, unsigned pool)
{
    if (!tl->n_years)
        return 0;
    a->people[pool]++;
    a->moves[pool] += tl->moves;
    uint64_t *c = tf_map_get(&a->classes,
                             tf_acc_pool(pool) | ((uint64_t)tl->origin << 8) | (uint64_t)tl->cls);
    if (!c)
        return TF_ERR_NOMEM;
    (*c)++;
    tf_country last = tl->years[tl->n_years - 1].res;
    uint64_t *w =
        tf_map_get(&a->where, tf_acc_pool(pool) | ((uint64_t)tl->origin << 16) | (uint64_t)last);
    if (!w)
        return TF_ERR_NOMEM;
    (*w)++;
    if (add_country_years(a, tl, pool) < 0 || add_return(a, tl, pool) < 0 ||
        add_stays(a, tl, pool) < 0)
        return TF_ERR_NOMEM;
    return 0;
}

int tf_acc_add_pipeline(struct tf_acc *a, uint64_t key, unsigned pool)
{
    uint64_t *n = tf_map_get(&a->pipeline, tf_acc_pool(pool) | key);
    if (!n)
        return TF_ERR_NOMEM;
    (*n)++;
    return 0;
}

/* Adds every slot of `src` into `dst`, slots being arrays of uint64_t. */
static int merge_map(struct tf_map *dst, const struct tf_map *src)
{
    size_t pos = 0;
    uint64_t key;
    void *val;
    while (tf_map_next(src, &pos, &key, &val))
        if (tf_map_add_counts(dst, key, val) < 0)
            return TF_ERR_NOMEM;
    return 0;
}

int tf_acc_merge(struct tf_acc *dst, const struct tf_acc *src)
{
    for (unsigned p = 0; p < TF_ACC_POOLS; p++) {
        dst->people[p] += src->people[p];
        dst->moves[p] += src->moves[p];
    }
    if (merge_map(&dst->cy, &src->cy) < 0 || merge_map(&dst->flows, &src->flows) < 0 ||
        merge_map(&dst->classes, &src->classes) < 0 || merge_map(&dst->where, &src->where) < 0 ||
        merge_map(&dst->returns, &src->returns) < 0 || merge_map(&dst->stays, &src->stays) < 0 ||
        merge_map(&dst->pipeline, &src->pipeline) < 0)
        return TF_ERR_NOMEM;
    return 0;
}

void tf_km_return(uint64_t n, const uint64_t *ev, const uint64_t *cens, double *km)
{
    uint64_t at_risk = n;
    double surv = 1.0;
    for (int u = 1; u <= K; u++) {
        at_risk -= cens[u - 1];
        if (at_risk > 0)
            surv *= 1.0 - (double)ev[u] / (double)at_risk;
        km[u] = 1.0 - surv;
        at_risk -= ev[u];
    }
}
