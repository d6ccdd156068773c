/*
 * fit.c - tf_model_fit: sample, IRLS, standard errors, bootstrap, and the
 * model object that carries it all to model.json and the projection.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_int.h"

void tf_fit_opts_init(struct tf_fit_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->tol = 1e-8;
    o->inner_tol = 1e-13;
    o->max_iter = 100;
    o->max_inner = 100000;
    o->fe_method = TF_FE_AUTO;
    o->vce = TF_VCE_CLUSTER;
    o->cluster = TF_CLUSTER_PAIR;
    o->seed = 1;
}

const char *tf_term_status_name(int status)
{
    switch (status) {
    case TF_TERM_ESTIMATED:
        return "estimated";
    case TF_TERM_COLLINEAR_FE:
        return "collinear with the fixed effects";
    case TF_TERM_COLLINEAR_X:
        return "collinear with other terms";
    default:
        return "unknown";
    }
}

const char *tf_fe_dim_name(int dim)
{
    static const char *const names[] = {"origin", "destination", "year", "origin_year",
                                        "destination_year"};
    return dim >= 0 && dim <= TF_DIM_DESTINATION_YEAR ? names[dim] : NULL;
}

static int check_opts(const struct tf_fit_opts *o, struct tf_error *err)
{
    if (!(o->tol > 0 && o->tol < 1) || !(o->inner_tol > 0 && o->inner_tol < 1))
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "tolerances must be in (0, 1)");
    if (o->max_iter < 2 || o->max_inner < 1)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "iteration limits must be at least 2");
    if (o->fe_method < TF_FE_AUTO || o->fe_method > TF_FE_DENSE || o->vce < TF_VCE_HC0 ||
        o->vce > TF_VCE_CLUSTER || o->cluster < TF_CLUSTER_PAIR || o->cluster > TF_CLUSTER_YEAR)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "unknown estimation option value");
    return 0;
}

/* ---- from the panel ----------------------------------------------------- */

static void copy_panel(struct tf_model *m, const struct tf_panel *p)
{
    size_t n = p->n_countries;
    m->fe = p->fe;
    m->top = p->top;
    m->data = p->info;
    snprintf(m->flows_file, sizeof(m->flows_file), "%s", p->flows_file);
    snprintf(m->country_file, sizeof(m->country_file), "%s", p->country_file);
    snprintf(m->pair_file, sizeof(m->pair_file), "%s", p->pair_file);
    snprintf(m->capitals_file, sizeof(m->capitals_file), "%s", p->capitals_file);
    for (size_t j = 0; j < p->n_terms; j++) {
        m->terms[j].term = p->terms[j];
        tf_term_name(&p->terms[j], m->terms[j].name, sizeof(m->terms[j].name));
    }
    m->has_offset = p->has_offset;
    m->offset = p->offset_term;
    memcpy(m->countries, p->countries, n * sizeof(*m->countries));
    m->year_first = p->year_first;
    m->year_last = p->year_first + p->n_years - 1;
    memcpy(m->stock, p->stock, n * sizeof(double));
    memcpy(m->growth, p->growth, n * sizeof(double));
    memcpy(m->cy_cols, p->cy_cols, p->n_cy_cols * sizeof(*m->cy_cols));
    memcpy(m->cy_last, p->cy_last, n * p->n_cy_cols * sizeof(double));
    memcpy(m->pair_cols, p->pair_cols, p->n_pair_cols * sizeof(*m->pair_cols));
    memcpy(m->pair_vals, p->pair_vals, p->n_pair_cols * n * n * sizeof(double));
}

/* ---- fixed effects ------------------------------------------------------ */

static double finite_mean(const double *v, size_t n, size_t stride)
{
    double s = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i * stride])) {
            s += v[i * stride];
            k++;
        }
    return k ? s / (double)k : 0.0;
}

static void shift(double *v, size_t n, size_t stride, double by)
{
    for (size_t i = 0; i < n; i++)
        v[i * stride] += by;
}

/*
 * Fixed effects are identified only up to shifts between dimensions; pick
 * the representation with destination (and year) effects of mean zero, per
 * year for the by-year set, so dense and iterative solutions print alike.
 */
static void normalise_fe(struct tf_model *m)
{
    size_t n = m->n_countries, y = (size_t)(m->year_last - m->year_first + 1);
    if (m->fe == TF_FE_OD_YEAR) {
        double md = finite_mean(m->fe_vals[1], n, 1), mt = finite_mean(m->fe_vals[2], y, 1);
        shift(m->fe_vals[0], n, 1, md + mt);
        shift(m->fe_vals[1], n, 1, -md);
        shift(m->fe_vals[2], y, 1, -mt);
        return;
    }
    for (size_t t = 0; t < y; t++) {
        double md = finite_mean(m->fe_vals[1] + t, n, y);
        shift(m->fe_vals[0] + t, n, y, md);
        shift(m->fe_vals[1] + t, n, y, -md);
    }
}

static int store_fe(struct tf_model *m, const struct sample *s, const struct irls *r)
{
    int years = m->year_last - m->year_first + 1;
    m->n_dims = s->n_dims;
    for (size_t k = 0, off = 0; k < s->n_dims; off += s->d[k++].levels) {
        size_t size = model_dim_size(s->d[k].kind, m->n_countries, years);
        m->dims[k] = s->d[k].kind;
        m->fe_vals[k] = malloc((size + 1) * sizeof(double));
        if (!m->fe_vals[k])
            return TF_ERR_NOMEM;
        for (size_t i = 0; i < size; i++)
            m->fe_vals[k][i] = NAN;
        for (size_t l = 0; l < s->d[k].levels; l++)
            m->fe_vals[k][s->d[k].key[l]] = r->fe[off + l];
    }
    normalise_fe(m);
    return 0;
}

/* ---- the rest of the model ---------------------------------------------- */

static int store_fit(struct tf_model *m, const struct sample *s, const struct irls *r,
                     const struct tf_fit_opts *o)
{
    m->fe_method = r->method;
    m->vce = o->vce;
    m->cluster = o->cluster;
    m->tol = o->tol;
    m->inner_tol = o->inner_tol;
    m->max_iter = o->max_iter;
    m->seed = o->seed;
    m->n_obs = s->n;
    m->deviance = r->deviance;
    m->loglik = r->loglik;
    m->converged = r->converged;
    m->iterations = r->iterations;
    m->trace = malloc((r->iterations + 1) * sizeof(double));
    m->trace_eps = malloc((r->iterations + 1) * sizeof(double));
    m->groups = malloc((s->n_groups + 1) * sizeof(*m->groups));
    if (!m->trace || !m->trace_eps || !m->groups)
        return TF_ERR_NOMEM;
    memcpy(m->trace, r->trace, r->iterations * sizeof(double));
    memcpy(m->trace_eps, r->trace_eps, r->iterations * sizeof(double));
    if (s->n_groups)
        memcpy(m->groups, s->groups, s->n_groups * sizeof(*m->groups));
    m->n_groups = s->n_groups;
    for (size_t j = 0; j < m->n_terms; j++) {
        struct tf_model_term *t = &m->terms[j];
        t->status = r->status[j];
        t->estimate = r->beta[j];
        t->se = t->se_hc0 = t->se_hc1 = t->se_cluster = NAN;
        t->se_boot = t->boot_lo = t->boot_hi = NAN;
    }
    return store_fe(m, s, r);
}

static int fit(struct tf_model *m, const struct tf_panel *p, const struct tf_fit_opts *o,
               struct tf_error *err)
{
    struct sample s;
    struct irls r = {0};
    int rc = sample_build(&s, p, NULL, err);
    if (rc == 0)
        rc = irls_run(&r, &s, o, NULL, NULL, err);
    if (rc == 0 && store_fit(m, &s, &r, o) < 0)
        rc = tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    if (rc == 0)
        rc = vcov_compute(m, p, &s, &r, o, err);
    if (rc == 0 && o->bootstrap)
        rc = vcov_bootstrap(m, p, &s, &r, o, err);
    irls_release(&r);
    sample_release(&s);
    return rc;
}

int tf_model_fit(struct tf_model **out, const struct tf_panel *p, const struct tf_fit_opts *o,
                 struct tf_error *err)
{
    *out = NULL;
    int rc = check_opts(o, err);
    if (rc < 0)
        return rc;
    struct tf_model *m = model_alloc(p->n_terms, p->n_countries, p->n_cy_cols, p->n_pair_cols);
    if (!m)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    copy_panel(m, p);
    int blas = model_blas_serial_begin();
    rc = fit(m, p, o, err);
    model_blas_serial_end(blas);
    if (rc < 0) {
        tf_model_free(m);
        return rc;
    }
    *out = m;
    return 0;
}
