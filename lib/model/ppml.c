/*
 * ppml.c - Poisson pseudo-maximum likelihood by iteratively reweighted least
 * squares with fixed effects partialled out.
 *
 * For the log link the Newton step of the Poisson likelihood is a weighted
 * least-squares regression of the working response z = eta - 1 + y/mu
 * (written here as eta + (y - mu)/mu) on the covariates and the dummies, with
 * weights mu. The fixed effects are partialled out of z and of every column
 * (fe.c), the small regression on the partialled columns gives the new
 * coefficients, and its residual e gives the whole new linear predictor at
 * once: eta = z - e, because the fitted part of a regression with dummies is
 * everything its residual is not. The start mu = (y + mean y)/2 is the one
 * ppmlhdfe and glm use: positive everywhere, close to y where y is large.
 *
 * IRLS stops when the deviance changes by less than `tol` relative to
 * max(min(dev, dev_old), 0.1). After that the columns are partialled once
 * more with the final weights: the sandwich must use the weights of the
 * estimate, not of the step before it.
 */
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_int.h"

/* Weighted sums of squares below this share of a column's count as zero. */
#define COLLINEAR_TOL 1e-9

static double deviance(const struct sample *s, const double *mu)
{
    double dev = 0;
    for (size_t i = 0; i < s->n; i++) {
        double y = s->y[i], d = y > 0 ? y * log(y / mu[i]) - (y - mu[i]) : mu[i];
        dev += (s->f ? s->f[i] : 1.0) * d;
    }
    return 2.0 * dev;
}

static double loglik(const struct sample *s, const double *mu)
{
    double ll = 0;
    for (size_t i = 0; i < s->n; i++) {
        double y = s->y[i];
        ll += (s->f ? s->f[i] : 1.0) * ((y > 0 ? y * log(mu[i]) : 0.0) - mu[i] - lgamma(y + 1.0));
    }
    return ll;
}

static void start_values(const struct sample *s, const double *start, double *mu, double *eta)
{
    double sy = 0, sf = 0;
    for (size_t i = 0; i < s->n; i++) {
        double f = s->f ? s->f[i] : 1.0;
        sy += f * s->y[i];
        sf += f;
    }
    double ybar = sy / sf;
    for (size_t i = 0; i < s->n; i++) {
        mu[i] = start ? start[i] : 0.5 * (s->y[i] + ybar);
        mu[i] = fmax(mu[i], 1e-10 * fmax(ybar, 1e-300));
        eta[i] = log(mu[i]);
    }
}

static double wdot(const double *w, const double *a, const double *b, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += w[i] * a[i] * b[i];
    return s;
}

/*
 * Decides which columns stay, in order: a column whose partialled sum of
 * squares is a negligible share of its own weighted variance lies in the
 * span of the fixed effects; one whose residual on the kept columns before
 * it is negligible repeats them. `l` is the kept columns' Cholesky factor,
 * grown row by row (p x p, row-major).
 */
static void collinearity(const struct sample *s, const double *w, const double *xt, int *status)
{
    size_t n = s->n, p = s->p, kept[TF_MODEL_MAX_TERMS], nk = 0;
    double l[TF_MODEL_MAX_TERMS * TF_MODEL_MAX_TERMS], u[TF_MODEL_MAX_TERMS];
    double sw = 0;
    for (size_t i = 0; i < n; i++)
        sw += w[i];
    for (size_t j = 0; j < p; j++) {
        const double *x = s->x + j * n, *t = xt + j * n;
        double mean = 0, tss = 0;
        for (size_t i = 0; i < n; i++)
            mean += w[i] * x[i] / sw;
        for (size_t i = 0; i < n; i++)
            tss += w[i] * (x[i] - mean) * (x[i] - mean);
        double rss = wdot(w, t, t, n), r2 = rss;
        status[j] = TF_TERM_ESTIMATED;
        if (!(rss > COLLINEAR_TOL * tss) || tss <= 0) {
            status[j] = TF_TERM_COLLINEAR_FE;
            continue;
        }
        for (size_t a = 0; a < nk; a++) {
            u[a] = wdot(w, xt + kept[a] * n, t, n);
            for (size_t b = 0; b < a; b++)
                u[a] -= l[a * p + b] * u[b];
            u[a] /= l[a * p + a];
            r2 -= u[a] * u[a];
        }
        if (!(r2 > COLLINEAR_TOL * rss)) {
            status[j] = TF_TERM_COLLINEAR_X;
            continue;
        }
        for (size_t b = 0; b < nk; b++)
            l[nk * p + b] = u[b];
        l[nk * p + nk] = sqrt(r2);
        kept[nk++] = j;
    }
}

/* Partials every kept column of x into xt with the solver's weights, warm-started from a. */
static int partial_columns(struct fe_solver *fs, const struct sample *s, const int *status,
                           double *xt, double *a, struct tf_error *err)
{
    for (size_t j = 0; j < s->p; j++) {
        if (status && status[j] != TF_TERM_ESTIMATED) {
            memset(xt + j * s->n, 0, s->n * sizeof(double));
            continue;
        }
        memcpy(xt + j * s->n, s->x + j * s->n, s->n * sizeof(double));
        int rc = fe_partial(fs, xt + j * s->n, a ? a + j * fs->g : NULL, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* Solves the weighted regression of zt on the kept columns of xt; beta of dropped is 0. */
static int solve_beta(const struct sample *s, const double *w, const double *xt, const double *zt,
                      const int *status, double *beta, struct tf_error *err)
{
    size_t n = s->n, q = 0, idx[TF_MODEL_MAX_TERMS];
    double g[TF_MODEL_MAX_TERMS * TF_MODEL_MAX_TERMS], b[TF_MODEL_MAX_TERMS];
    for (size_t j = 0; j < s->p; j++) {
        beta[j] = 0;
        if (status[j] == TF_TERM_ESTIMATED)
            idx[q++] = j;
    }
    if (!q)
        return 0;
    for (size_t a = 0; a < q; a++) {
        b[a] = wdot(w, xt + idx[a] * n, zt, n);
        for (size_t c = 0; c <= a; c++)
            g[a * q + c] = g[c * q + a] = wdot(w, xt + idx[a] * n, xt + idx[c] * n, n);
    }
    lapack_int info =
        LAPACKE_dposv(LAPACK_ROW_MAJOR, 'L', (lapack_int)q, 1, g, (lapack_int)q, b, 1);
    if (info != 0)
        return tf_error_set(err, TF_ERR_DATA, NULL, 0,
                            "the covariates became collinear during IRLS (LAPACK dposv %d)",
                            (int)info);
    for (size_t a = 0; a < q; a++)
        beta[idx[a]] = b[a];
    return 0;
}

struct work {
    double *eta, *z, *zt, *w, *az, *ax;
};

static void work_free(struct work *k)
{
    free(k->eta);
    free(k->z);
    free(k->zt);
    free(k->w);
    free(k->az);
    free(k->ax);
}

static int alloc_all(struct irls *r, struct work *k, const struct sample *s, size_t g,
                     unsigned iters)
{
    size_t n = s->n + 1, p = s->p + 1;
    memset(r, 0, sizeof(*r));
    r->beta = malloc(p * sizeof(double));
    r->status = malloc(p * sizeof(int));
    r->mu = malloc(n * sizeof(double));
    r->xt = calloc(n * p, sizeof(double));
    r->fe = calloc(g + 1, sizeof(double));
    r->trace = malloc((iters + 1) * sizeof(double));
    r->trace_eps = malloc((iters + 1) * sizeof(double));
    k->eta = malloc(n * sizeof(double));
    k->z = malloc(n * sizeof(double));
    k->zt = malloc(n * sizeof(double));
    k->w = malloc(n * sizeof(double));
    k->az = calloc(g + 1, sizeof(double));
    k->ax = calloc((g + 1) * p, sizeof(double));
    return r->beta && r->status && r->mu && r->xt && r->fe && r->trace && r->trace_eps && k->eta &&
                   k->z && k->zt && k->w && k->az && k->ax
               ? 0
               : TF_ERR_NOMEM;
}

static void set_weights(const struct sample *s, const double *mu, double *w)
{
    for (size_t i = 0; i < s->n; i++)
        w[i] = (s->f ? s->f[i] : 1.0) * mu[i];
}

/* One IRLS step: new beta, eta and mu from the current mu. */
static int step(struct irls *r, struct work *k, struct fe_solver *fs, const struct sample *s,
                struct tf_error *err)
{
    size_t n = s->n;
    set_weights(s, r->mu, k->w);
    int rc = fe_set_weights(fs, k->w, err);
    for (size_t i = 0; i < n; i++) {
        k->z[i] = k->eta[i] - (s->off ? s->off[i] : 0.0) + (s->y[i] - r->mu[i]) / r->mu[i];
        k->zt[i] = k->z[i];
    }
    if (rc == 0)
        rc = fe_partial(fs, k->zt, k->az, err);
    if (rc == 0)
        rc = partial_columns(fs, s, r->status, r->xt, k->ax, err);
    if (rc == 0)
        rc = solve_beta(s, k->w, r->xt, k->zt, r->status, r->beta, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        double e = k->zt[i];
        for (size_t j = 0; j < s->p; j++)
            e -= r->xt[j * n + i] * r->beta[j];
        /* bounded so a runaway step gives a large deviance, not inf */
        k->eta[i] = fmin(fmax(k->z[i] - e + (s->off ? s->off[i] : 0.0), -700.0), 700.0);
        r->mu[i] = exp(k->eta[i]);
    }
    return rc;
}

/* The fixed effects of the final linear predictor: eta - offset - x'b on the dummies. */
static int recover_fe(struct irls *r, struct work *k, struct fe_solver *fs, const struct sample *s,
                      struct tf_error *err)
{
    size_t n = s->n;
    for (size_t i = 0; i < n; i++) {
        double d = k->eta[i] - (s->off ? s->off[i] : 0.0);
        for (size_t j = 0; j < s->p; j++)
            d -= s->x[j * n + i] * r->beta[j];
        k->z[i] = d;
    }
    memcpy(r->fe, k->az, fs->g * sizeof(double));
    return fe_partial(fs, k->z, r->fe, err);
}

static int iterate(struct irls *r, struct work *k, struct fe_solver *fs, const struct sample *s,
                   const struct tf_fit_opts *o, struct tf_error *err)
{
    double dev_old = INFINITY, eps = INFINITY;
    int rc = 0;
    for (unsigned it = 1; rc == 0 && it <= o->max_iter; it++) {
        rc = step(r, k, fs, s, err);
        double dev = deviance(s, r->mu);
        eps = fabs(dev - dev_old) / fmax(fmin(dev, dev_old), 0.1);
        r->trace[it - 1] = dev;
        r->trace_eps[it - 1] = eps;
        r->iterations = it;
        r->deviance = dev;
        dev_old = dev;
        if (rc == 0 && it > 1 && eps < o->tol) {
            r->converged = 1;
            return 0;
        }
    }
    if (rc < 0)
        return rc;
    return tf_error_set(err, TF_ERR_DATA, NULL, 0,
                        "IRLS did not converge in %u iterations (last relative deviance change "
                        "%.3g, tolerance %.3g); raise --max-iter, or look for covariates that "
                        "separate zero flows from positive ones",
                        o->max_iter, eps, o->tol);
}

/* Decides the statuses from the starting weights, unless given. */
static int first_status(struct irls *r, struct work *k, struct fe_solver *fs,
                        const struct sample *s, const int *status_in, struct tf_error *err)
{
    if (status_in) {
        memcpy(r->status, status_in, s->p * sizeof(int));
        return 0;
    }
    set_weights(s, r->mu, k->w);
    int rc = fe_set_weights(fs, k->w, err);
    if (rc == 0)
        rc = partial_columns(fs, s, NULL, r->xt, NULL, err);
    if (rc == 0)
        collinearity(s, k->w, r->xt, r->status);
    return rc;
}

static int finish(struct irls *r, struct work *k, struct fe_solver *fs, const struct sample *s,
                  struct tf_error *err)
{
    set_weights(s, r->mu, k->w);
    int rc = fe_set_weights(fs, k->w, err);
    if (rc == 0)
        rc = partial_columns(fs, s, r->status, r->xt, k->ax, err);
    if (rc == 0)
        rc = recover_fe(r, k, fs, s, err);
    for (size_t j = 0; j < s->p; j++)
        if (r->status[j] != TF_TERM_ESTIMATED)
            r->beta[j] = NAN;
    r->loglik = loglik(s, r->mu);
    r->fe_rank = fe_rank(fs);
    r->method = fs->method;
    return rc;
}

int irls_run(struct irls *r, const struct sample *s, const struct tf_fit_opts *o,
             const double *start_mu, const int *status_in, struct tf_error *err)
{
    struct fe_solver fs;
    struct work k = {0};
    memset(r, 0, sizeof(*r));
    int rc = fe_init(&fs, s, o->fe_method, o->inner_tol, o->max_inner, err);
    if (rc == 0 && alloc_all(r, &k, s, fs.g, o->max_iter) < 0)
        rc = tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    if (rc == 0) {
        start_values(s, start_mu, r->mu, k.eta);
        rc = first_status(r, &k, &fs, s, status_in, err);
    }
    if (rc == 0)
        rc = iterate(r, &k, &fs, s, o, err);
    if (rc == 0)
        rc = finish(r, &k, &fs, s, err);
    work_free(&k);
    fe_release(&fs);
    return rc;
}

void irls_release(struct irls *r)
{
    free(r->beta);
    free(r->status);
    free(r->mu);
    free(r->xt);
    free(r->fe);
    free(r->trace);
    free(r->trace_eps);
    memset(r, 0, sizeof(*r));
}
