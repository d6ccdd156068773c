/*
 * sample.c - the observations a fit uses, and separation by fixed effects.
 *
 * A fixed-effect group whose flows are all zero (a country that never sends
 * anyone, a year without flows) has no finite maximum: its effect runs off to
 * minus infinity while IRLS creeps after it, and its observations are fitted
 * exactly at zero whatever the other parameters are. Such groups carry no
 * information about the coefficients, so they are dropped before fitting and
 * reported, as ppmlhdfe does. Dropping one group's observations can empty
 * another group of positive flows only if those flows were in it, which they
 * are not (its flows were zero), but it can leave a group with no
 * observations at all; the loop runs until nothing changes either way.
 */
#include <stdlib.h>
#include <string.h>

#include "model/model_int.h"

/* The key of row i in dimension kind `dim`. */
static uint32_t dim_key(const struct tf_panel *p, int dim, size_t i)
{
    switch (dim) {
    case TF_DIM_ORIGIN:
        return p->oi[i];
    case TF_DIM_DESTINATION:
        return p->di[i];
    case TF_DIM_YEAR:
        return p->ti[i];
    case TF_DIM_ORIGIN_YEAR:
        return p->oi[i] * (uint32_t)p->n_years + p->ti[i];
    default:
        return p->di[i] * (uint32_t)p->n_years + p->ti[i];
    }
}

static size_t key_space(const struct tf_panel *p, int dim)
{
    return model_dim_size(dim, p->n_countries, p->n_years);
}

static size_t set_dims(int fe, int *dims)
{
    if (fe == TF_FE_OY_DY) {
        dims[0] = TF_DIM_ORIGIN_YEAR;
        dims[1] = TF_DIM_DESTINATION_YEAR;
        return 2;
    }
    dims[0] = TF_DIM_ORIGIN;
    dims[1] = TF_DIM_DESTINATION;
    dims[2] = TF_DIM_YEAR;
    return 3;
}

static int add_group(struct sample *s, const struct tf_panel *p, int dim, uint32_t key,
                     uint64_t obs)
{
    struct tf_model_group *g = realloc(s->groups, (s->n_groups + 1) * sizeof(*g));
    if (!g)
        return TF_ERR_NOMEM;
    s->groups = g;
    g += s->n_groups++;
    g->dim = dim;
    g->obs = obs;
    g->country = 0;
    g->year = 0;
    if (dim == TF_DIM_ORIGIN || dim == TF_DIM_DESTINATION)
        g->country = p->countries[key];
    else if (dim == TF_DIM_YEAR)
        g->year = p->year_first + (int)key;
    else {
        g->country = p->countries[key / (uint32_t)p->n_years];
        g->year = p->year_first + (int)(key % (uint32_t)p->n_years);
    }
    return 0;
}

/*
 * One pass over dimension `dim`: drops the rows of groups with observations
 * but no positive flow. Returns the number of groups dropped, or a negative
 * status. `sum` and `cnt` are scratch of key_space entries.
 */
static int separate_dim(struct sample *s, const struct tf_panel *p, const double *f, char *keep,
                        int dim, double *sum, uint64_t *cnt)
{
    size_t ks = key_space(p, dim);
    int dropped = 0;
    memset(sum, 0, ks * sizeof(*sum));
    memset(cnt, 0, ks * sizeof(*cnt));
    for (size_t i = 0; i < p->n; i++)
        if (keep[i]) {
            uint32_t k = dim_key(p, dim, i);
            sum[k] += (f ? f[i] : 1.0) * p->y[i];
            cnt[k]++;
        }
    for (uint32_t k = 0; k < ks; k++) {
        if (!cnt[k] || sum[k] > 0)
            continue;
        if (add_group(s, p, dim, k, cnt[k]) < 0)
            return TF_ERR_NOMEM;
        dropped++;
    }
    for (size_t i = 0; dropped && i < p->n; i++)
        if (keep[i] && cnt[dim_key(p, dim, i)] && !(sum[dim_key(p, dim, i)] > 0))
            keep[i] = 0;
    return dropped;
}

static int separate(struct sample *s, const struct tf_panel *p, const double *f, char *keep)
{
    size_t ks = model_dim_size(TF_DIM_ORIGIN_YEAR, p->n_countries, p->n_years) + p->n_countries +
                (size_t)p->n_years;
    double *sum = malloc(ks * sizeof(*sum));
    uint64_t *cnt = malloc(ks * sizeof(*cnt));
    int rc = sum && cnt ? 1 : TF_ERR_NOMEM;
    while (rc > 0) {
        rc = 0;
        for (size_t k = 0; k < s->n_dims; k++) {
            int r = separate_dim(s, p, f, keep, s->d[k].kind, sum, cnt);
            if (r < 0) {
                rc = r;
                break;
            }
            rc += r;
        }
    }
    free(sum);
    free(cnt);
    return rc;
}

/* Compact level ids for one dimension over the kept rows. */
static int make_dim(struct fe_dim *d, const struct tf_panel *p, const struct sample *s)
{
    size_t ks = key_space(p, d->kind);
    int64_t *lev = malloc(ks * sizeof(*lev));
    d->id = malloc((s->n + 1) * sizeof(*d->id));
    d->key = malloc((ks + 1) * sizeof(*d->key));
    d->wsum = malloc((ks + 1) * sizeof(*d->wsum));
    if (!lev || !d->id || !d->key || !d->wsum) {
        free(lev);
        return TF_ERR_NOMEM;
    }
    for (size_t k = 0; k < ks; k++)
        lev[k] = -1;
    for (size_t i = 0; i < s->n; i++)
        lev[dim_key(p, d->kind, s->row[i])] = 0;
    d->levels = 0;
    for (size_t k = 0; k < ks; k++)
        if (lev[k] == 0) {
            d->key[d->levels] = (uint32_t)k;
            lev[k] = (int64_t)d->levels++;
        }
    for (size_t i = 0; i < s->n; i++)
        d->id[i] = (uint32_t)lev[dim_key(p, d->kind, s->row[i])];
    free(lev);
    return 0;
}

static int copy_rows(struct sample *s, const struct tf_panel *p, const double *f, const char *keep)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++)
        n += keep[i] != 0;
    s->n = n;
    s->y = malloc((n + 1) * sizeof(double));
    s->x = malloc((n * s->p + 1) * sizeof(double));
    s->off = p->offset ? malloc((n + 1) * sizeof(double)) : NULL;
    s->f = f ? malloc((n + 1) * sizeof(double)) : NULL;
    s->pair = malloc((n + 1) * sizeof(uint32_t));
    s->row = malloc((n + 1) * sizeof(uint32_t));
    if (!s->y || !s->x || (p->offset && !s->off) || (f && !s->f) || !s->pair || !s->row)
        return TF_ERR_NOMEM;
    for (size_t i = 0, k = 0; i < p->n; i++) {
        if (!keep[i])
            continue;
        s->y[k] = p->y[i];
        for (size_t j = 0; j < s->p; j++)
            s->x[j * n + k] = p->x[j * p->n + i];
        if (s->off)
            s->off[k] = p->offset[i];
        if (s->f)
            s->f[k] = f[i];
        s->pair[k] = p->oi[i] * (uint32_t)p->n_countries + p->di[i];
        s->row[k++] = (uint32_t)i;
    }
    return 0;
}

int sample_build(struct sample *s, const struct tf_panel *p, const double *f, struct tf_error *err)
{
    int dims[3];
    memset(s, 0, sizeof(*s));
    s->p = p->n_terms;
    s->n_dims = set_dims(p->fe, dims);
    for (size_t k = 0; k < s->n_dims; k++)
        s->d[k].kind = dims[k];
    char *keep = malloc(p->n + 1);
    int rc = keep ? 0 : TF_ERR_NOMEM;
    for (size_t i = 0; rc == 0 && i < p->n; i++)
        keep[i] = (char)(!f || f[i] > 0);
    if (rc == 0)
        rc = separate(s, p, f, keep);
    if (rc == 0)
        rc = copy_rows(s, p, f, keep);
    for (size_t k = 0; rc == 0 && k < s->n_dims; k++)
        rc = make_dim(&s->d[k], p, s);
    free(keep);
    if (rc < 0)
        return tf_error_set(err, rc, NULL, 0, "out of memory");
    if (s->n == 0)
        return tf_error_set(err, TF_ERR_DATA, NULL, 0,
                            "no observation is left once the fixed-effect groups whose flows "
                            "are all zero are dropped");
    return 0;
}

size_t sample_levels(const struct sample *s)
{
    size_t g = 0;
    for (size_t k = 0; k < s->n_dims; k++)
        g += s->d[k].levels;
    return g;
}

void sample_release(struct sample *s)
{
    free(s->y);
    free(s->x);
    free(s->off);
    free(s->f);
    free(s->pair);
    free(s->row);
    for (size_t k = 0; k < s->n_dims; k++) {
        free(s->d[k].id);
        free(s->d[k].key);
        free(s->d[k].wsum);
    }
    free(s->groups);
    memset(s, 0, sizeof(*s));
}
