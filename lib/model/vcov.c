/*
 * vcov.c - sandwich standard errors of a PPML fit: HC0, HC1 and clustered.
 *
 * With the fixed effects partialled out under the final weights mu, the
 * block of the full sandwich that belongs to the covariates is exactly
 *   V = H^-1 M H^-1,  H = Xt' diag(mu) Xt,  M = sum_i e_i^2 xt_i xt_i'
 * (e = y - mu): the partialled columns carry the dummies' share of the
 * bread, so no dummy ever needs to be formed. Clustering replaces the
 * per-observation scores by their sums within clusters.
 *
 * Small-sample factors, named in every output: HC1 multiplies by n/(n-K);
 * the cluster factor is G/(G-1) * (n-1)/(n-K'), where K counts the estimated
 * terms and the rank of the fixed effects and K' leaves out the fixed effects
 * nested in the clusters (as a fixed effect constant within each cluster
 * uses none of the clusters' information).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_int.h"

/* Cluster key of sample row i and the size of the key space. */
static uint32_t cluster_key(const struct tf_panel *p, const struct sample *s, int cl, size_t i)
{
    uint32_t row = s->row[i];
    switch (cl) {
    case TF_CLUSTER_ORIGIN:
        return p->oi[row];
    case TF_CLUSTER_DESTINATION:
        return p->di[row];
    case TF_CLUSTER_YEAR:
        return p->ti[row];
    default:
        return s->pair[i];
    }
}

static size_t cluster_space(const struct tf_panel *p, int cl)
{
    if (cl == TF_CLUSTER_YEAR)
        return (size_t)p->n_years;
    return cl == TF_CLUSTER_PAIR ? p->n_countries * p->n_countries : p->n_countries;
}

/* Compact cluster ids; returns the number of clusters, 0 when out of memory. */
static size_t cluster_ids(const struct tf_panel *p, const struct sample *s, int cl, uint32_t *id)
{
    size_t ks = cluster_space(p, cl), g = 0;
    int64_t *map = malloc((ks + 1) * sizeof(*map));
    if (!map)
        return 0;
    for (size_t k = 0; k < ks; k++)
        map[k] = -1;
    for (size_t i = 0; i < s->n; i++) {
        uint32_t k = cluster_key(p, s, cl, i);
        if (map[k] < 0)
            map[k] = (int64_t)g++;
        id[i] = (uint32_t)map[k];
    }
    free(map);
    return g;
}

/* Levels-1 summed over the fixed-effect dimensions nested within the clusters. */
static size_t nested_levels(const struct sample *s, const uint32_t *cid)
{
    size_t out = 0;
    for (size_t k = 0; k < s->n_dims; k++) {
        const struct fe_dim *d = &s->d[k];
        int64_t *first = malloc((d->levels + 1) * sizeof(*first));
        int nested = first != NULL;
        for (size_t l = 0; first && l < d->levels; l++)
            first[l] = -1;
        for (size_t i = 0; nested && i < s->n; i++) {
            if (first[d->id[i]] < 0)
                first[d->id[i]] = cid[i];
            else if (first[d->id[i]] != cid[i])
                nested = 0;
        }
        free(first);
        if (nested)
            out += d->levels - 1;
    }
    return out;
}

struct sandwich {
    size_t q, idx[TF_MODEL_MAX_TERMS];
    double hinv[TF_MODEL_MAX_TERMS * TF_MODEL_MAX_TERMS];
    double hc0[TF_MODEL_MAX_TERMS * TF_MODEL_MAX_TERMS];
    double cl[TF_MODEL_MAX_TERMS * TF_MODEL_MAX_TERMS];
};

/* V = Hinv M Hinv into out (q x q). */
static void sandwich(const struct sandwich *w, const double *meat, double *out)
{
    size_t q = w->q;
    double t[TF_MODEL_MAX_TERMS * TF_MODEL_MAX_TERMS];
    for (size_t a = 0; a < q; a++)
        for (size_t b = 0; b < q; b++) {
            double v = 0;
            for (size_t c = 0; c < q; c++)
                v += w->hinv[a * q + c] * meat[c * q + b];
            t[a * q + b] = v;
        }
    for (size_t a = 0; a < q; a++)
        for (size_t b = 0; b < q; b++) {
            double v = 0;
            for (size_t c = 0; c < q; c++)
                v += t[a * q + c] * w->hinv[c * q + b];
            out[a * q + b] = v;
        }
}

static int bread(struct sandwich *w, const struct sample *s, const struct irls *r)
{
    size_t n = s->n, q = w->q;
    for (size_t a = 0; a < q; a++)
        for (size_t b = 0; b <= a; b++) {
            const double *xa = r->xt + w->idx[a] * n, *xb = r->xt + w->idx[b] * n;
            double v = 0;
            for (size_t i = 0; i < n; i++)
                v += r->mu[i] * xa[i] * xb[i];
            w->hinv[a * q + b] = w->hinv[b * q + a] = v;
        }
    return model_spd_inverse(w->hinv, q);
}

static void meat_hc0(const struct sandwich *w, const struct sample *s, const struct irls *r,
                     double *meat)
{
    size_t n = s->n, q = w->q;
    memset(meat, 0, q * q * sizeof(double));
    for (size_t i = 0; i < n; i++) {
        double e = s->y[i] - r->mu[i];
        for (size_t a = 0; a < q; a++)
            for (size_t b = 0; b <= a; b++)
                meat[a * q + b] += e * e * r->xt[w->idx[a] * n + i] * r->xt[w->idx[b] * n + i];
    }
    for (size_t a = 0; a < q; a++)
        for (size_t b = 0; b < a; b++)
            meat[b * q + a] = meat[a * q + b];
}

static int meat_cluster(const struct sandwich *w, const struct sample *s, const struct irls *r,
                        const uint32_t *cid, size_t g, double *meat)
{
    size_t n = s->n, q = w->q;
    double *u = calloc(g * q + 1, sizeof(double));
    if (!u)
        return TF_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        double e = s->y[i] - r->mu[i];
        for (size_t a = 0; a < q; a++)
            u[cid[i] * q + a] += e * r->xt[w->idx[a] * n + i];
    }
    memset(meat, 0, q * q * sizeof(double));
    for (size_t c = 0; c < g; c++)
        for (size_t a = 0; a < q; a++)
            for (size_t b = 0; b < q; b++)
                meat[a * q + b] += u[c * q + a] * u[c * q + b];
    free(u);
    return 0;
}

static void store(struct tf_model *m, const struct sandwich *w, const struct tf_fit_opts *o)
{
    size_t q = w->q, p = m->n_terms;
    const double *v = o->vce == TF_VCE_CLUSTER ? w->cl : w->hc0;
    double f = o->vce == TF_VCE_HC0 ? 1.0 : o->vce == TF_VCE_HC1 ? m->factor_hc1 : 1.0;
    for (size_t j = 0; j < p * p; j++)
        m->vcov[j] = NAN;
    for (size_t a = 0; a < q; a++) {
        struct tf_model_term *t = &m->terms[w->idx[a]];
        t->se_hc0 = sqrt(w->hc0[a * q + a]);
        t->se_hc1 = sqrt(w->hc0[a * q + a] * m->factor_hc1);
        t->se_cluster = sqrt(w->cl[a * q + a]);
        for (size_t b = 0; b < q; b++)
            m->vcov[w->idx[a] * p + w->idx[b]] = v[a * q + b] * f;
        t->se = sqrt(m->vcov[w->idx[a] * p + w->idx[a]]);
    }
}

int vcov_compute(struct tf_model *m, const struct tf_panel *p, const struct sample *s,
                 const struct irls *r, const struct tf_fit_opts *o, struct tf_error *err)
{
    struct sandwich w;
    double meat[TF_MODEL_MAX_TERMS * TF_MODEL_MAX_TERMS];
    uint32_t *cid = malloc((s->n + 1) * sizeof(*cid));
    size_t n = s->n;
    w.q = 0;
    for (size_t j = 0; j < s->p; j++)
        if (r->status[j] == TF_TERM_ESTIMATED)
            w.idx[w.q++] = j;
    size_t g = cid ? cluster_ids(p, s, o->cluster, cid) : 0;
    int rc = g ? 0 : TF_ERR_NOMEM;
    if (rc == 0 && w.q && bread(&w, s, r) != 0)
        rc = tf_error_set(err, TF_ERR_DATA, NULL, 0, "the Hessian is not positive definite");
    else if (rc == 0 && w.q) {
        meat_hc0(&w, s, r, meat);
        sandwich(&w, meat, w.hc0);
        rc = meat_cluster(&w, s, r, cid, g, meat);
    }
    m->n_params = w.q + r->fe_rank;
    m->n_clusters = g;
    m->factor_hc1 = (double)n / (double)(n - m->n_params);
    double kc = (double)(m->n_params - (cid && g ? nested_levels(s, cid) : 0));
    m->factor_cluster =
        g > 1 ? (double)g / (double)(g - 1) * (double)(n - 1) / ((double)n - kc) : NAN;
    if (rc == 0 && w.q) {
        sandwich(&w, meat, w.cl);
        for (size_t j = 0; j < w.q * w.q; j++)
            w.cl[j] *= m->factor_cluster;
        store(m, &w, o);
    }
    free(cid);
    if (rc == TF_ERR_NOMEM)
        return tf_error_set(err, rc, NULL, 0, "out of memory");
    return rc;
}
