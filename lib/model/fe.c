/*
 * fe.c - partialling fixed effects out of a column under weights.
 *
 * By Frisch-Waugh-Lovell, the coefficients of a weighted regression on
 * covariates and fixed-effect dummies equal those of the regression of the
 * residuals of each column on the dummies; IRLS needs that once per column
 * per iteration. Two ways:
 *
 * - alternating projections: sweep the dimensions in turn, subtracting the
 *   weighted mean of the current residual within each level (Gauss-Seidel on
 *   the normal equations). Memory is linear in the observations; the level
 *   coefficients are kept so the next IRLS iteration starts from them.
 * - dense dummies: form D'WD once per iteration, factor it with LAPACK's
 *   pivoted Cholesky (the dummies of several dimensions are collinear: one
 *   redundancy per extra connected dimension, which the pivoting finds), and
 *   solve exactly. Cubic in the levels, so only for small panels.
 *
 * Both are deterministic: sums run in observation order.
 */
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_int.h"

static size_t dim_offset(const struct sample *s, size_t k)
{
    size_t off = 0;
    for (size_t j = 0; j < k; j++)
        off += s->d[j].levels;
    return off;
}

int fe_init(struct fe_solver *fs, const struct sample *s, int method, double tol,
            unsigned max_sweeps, struct tf_error *err)
{
    memset(fs, 0, sizeof(*fs));
    fs->s = s;
    fs->g = sample_levels(s);
    fs->method =
        method == TF_FE_AUTO ? (fs->g <= TF_DENSE_MAX_LEVELS ? TF_FE_DENSE : TF_FE_AP) : method;
    fs->tol = tol;
    fs->max_sweeps = max_sweeps;
    fs->tmp = malloc((fs->g + 1) * sizeof(double));
    if (fs->method == TF_FE_DENSE) {
        fs->chol = malloc((fs->g * fs->g + 1) * sizeof(double));
        fs->piv = malloc((fs->g + 1) * sizeof(int));
    }
    if (!fs->tmp || (fs->method == TF_FE_DENSE && (!fs->chol || !fs->piv)))
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    return 0;
}

/* Forms D'WD and factors it: P'(D'WD)P = LL' on the leading `rank` block. */
static int dense_factor(struct fe_solver *fs, struct tf_error *err)
{
    const struct sample *s = fs->s;
    size_t g = fs->g, off[3];
    double *a = fs->chol, dmax = 0;
    memset(a, 0, g * g * sizeof(double));
    for (size_t k = 0; k < s->n_dims; k++)
        off[k] = dim_offset(s, k);
    for (size_t i = 0; i < s->n; i++)
        for (size_t k = 0; k < s->n_dims; k++)
            for (size_t l = 0; l <= k; l++)
                a[(off[k] + s->d[k].id[i]) * g + off[l] + s->d[l].id[i]] += fs->w[i];
    for (size_t i = 0; i < g; i++)
        dmax = fmax(dmax, a[i * g + i]);
    lapack_int rank = 0;
    /* the redundant directions leave pivots at rounding level; real ones are
       at least a level's weight sum reduced by its links, far above 1e-10 */
    lapack_int info = LAPACKE_dpstrf(LAPACK_ROW_MAJOR, 'L', (lapack_int)g, a, (lapack_int)g,
                                     fs->piv, &rank, 1e-10 * dmax);
    if (info < 0)
        return tf_error_set(err, TF_ERR_INTERNAL, NULL, 0, "LAPACK dpstrf failed (%d)", (int)info);
    fs->rank = (int)rank;
    return 0;
}

int fe_set_weights(struct fe_solver *fs, const double *w, struct tf_error *err)
{
    const struct sample *s = fs->s;
    fs->w = w;
    for (size_t k = 0; k < s->n_dims; k++) {
        double *ws = s->d[k].wsum;
        memset(ws, 0, s->d[k].levels * sizeof(double));
        for (size_t i = 0; i < s->n; i++)
            ws[s->d[k].id[i]] += w[i];
    }
    return fs->method == TF_FE_DENSE ? dense_factor(fs, err) : 0;
}

/* Dense: a = (D'WD)^+ D'Wv on the pivoted basis, v -= Da. */
static int dense_partial(struct fe_solver *fs, double *v, double *a, struct tf_error *err)
{
    const struct sample *s = fs->s;
    size_t g = fs->g, r = (size_t)fs->rank, off[3];
    double *b = fs->tmp;
    memset(b, 0, g * sizeof(double));
    for (size_t k = 0; k < s->n_dims; k++)
        off[k] = dim_offset(s, k);
    for (size_t i = 0; i < s->n; i++)
        for (size_t k = 0; k < s->n_dims; k++)
            b[off[k] + s->d[k].id[i]] += fs->w[i] * v[i];
    double *x = calloc(g + 1, sizeof(double));
    if (!x)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < r; i++)
        x[i] = b[fs->piv[i] - 1];
    lapack_int info =
        r ? LAPACKE_dpotrs(LAPACK_ROW_MAJOR, 'L', (lapack_int)r, 1, fs->chol, (lapack_int)g, x, 1)
          : 0;
    for (size_t i = 0; i < g; i++)
        b[fs->piv[i] - 1] = i < r ? x[i] : 0.0;
    free(x);
    if (info != 0)
        return tf_error_set(err, TF_ERR_INTERNAL, NULL, 0, "LAPACK dpotrs failed (%d)", (int)info);
    for (size_t i = 0; i < s->n; i++)
        for (size_t k = 0; k < s->n_dims; k++)
            v[i] -= b[off[k] + s->d[k].id[i]];
    if (a)
        memcpy(a, b, g * sizeof(double));
    return 0;
}

/* One sweep over the dimensions; returns the weighted sum of squared updates. */
static double ap_sweep(struct fe_solver *fs, double *v, double *a)
{
    const struct sample *s = fs->s;
    double moved = 0;
    for (size_t k = 0, off = 0; k < s->n_dims; off += s->d[k++].levels) {
        const struct fe_dim *d = &s->d[k];
        double *m = fs->tmp;
        memset(m, 0, d->levels * sizeof(double));
        for (size_t i = 0; i < s->n; i++)
            m[d->id[i]] += fs->w[i] * v[i];
        for (size_t l = 0; l < d->levels; l++) {
            m[l] = d->wsum[l] > 0 ? m[l] / d->wsum[l] : 0.0;
            a[off + l] += m[l];
            moved += d->wsum[l] * m[l] * m[l];
        }
        for (size_t i = 0; i < s->n; i++)
            v[i] -= m[d->id[i]];
    }
    return moved;
}

static int ap_partial(struct fe_solver *fs, double *v, double *a_in, struct tf_error *err)
{
    const struct sample *s = fs->s;
    double *a = a_in ? a_in : calloc(fs->g + 1, sizeof(double));
    double scale = 0;
    if (!a)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < s->n; i++) {
        scale += fs->w[i] * v[i] * v[i];
        for (size_t k = 0, off = 0; k < s->n_dims; off += s->d[k++].levels)
            v[i] -= a[off + s->d[k].id[i]];
    }
    double limit = fs->tol * fs->tol * fmax(scale, 1e-300);
    unsigned sweep = 0;
    while (sweep < fs->max_sweeps && ap_sweep(fs, v, a) > limit)
        sweep++;
    fs->sweeps = sweep;
    if (!a_in)
        free(a);
    if (sweep >= fs->max_sweeps)
        return tf_error_set(err, TF_ERR_DATA, NULL, 0,
                            "alternating projections did not converge in %u sweeps; try "
                            "--fe-method dense or a larger inner limit",
                            fs->max_sweeps);
    return 0;
}

int fe_partial(struct fe_solver *fs, double *v, double *a, struct tf_error *err)
{
    if (fs->method == TF_FE_DENSE)
        return dense_partial(fs, v, a, err);
    return ap_partial(fs, v, a, err);
}

/* Union-find root with path halving. */
static uint32_t root(uint32_t *up, uint32_t x)
{
    while (up[x] != x)
        x = up[x] = up[up[x]];
    return x;
}

size_t fe_rank(const struct fe_solver *fs)
{
    const struct sample *s = fs->s;
    if (fs->method == TF_FE_DENSE)
        return (size_t)fs->rank;
    if (s->n_dims == 1)
        return s->d[0].levels;
    size_t l0 = s->d[0].levels, l1 = s->d[1].levels, comps = l0 + l1;
    uint32_t *up = malloc((l0 + l1 + 1) * sizeof(*up));
    if (!up)
        return fs->g;
    for (size_t i = 0; i < l0 + l1; i++)
        up[i] = (uint32_t)i;
    for (size_t i = 0; i < s->n; i++) {
        uint32_t a = root(up, s->d[0].id[i]), b = root(up, (uint32_t)l0 + s->d[1].id[i]);
        if (a != b) {
            up[a] = b;
            comps--;
        }
    }
    free(up);
    size_t rank = l0 + l1 - comps;
    for (size_t k = 2; k < s->n_dims; k++)
        rank += s->d[k].levels - 1;
    return rank;
}

void fe_release(struct fe_solver *fs)
{
    free(fs->chol);
    free(fs->piv);
    free(fs->tmp);
    memset(fs, 0, sizeof(*fs));
}
