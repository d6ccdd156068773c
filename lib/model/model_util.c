/*
 * model_util.c - small numeric helpers of the model: a seeded generator,
 * symmetric positive definite algebra through LAPACK, quantiles, and the
 * model object's allocation.
 */
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_int.h"

/* ---- random numbers ----------------------------------------------------- */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Streams make each bootstrap replication or draw independent of the order they run in. */
void model_rng_seed(struct model_rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * UINT64_C(0xd1b54a32d192ed03));
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t model_rng_next(struct model_rng *r)
{
    uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

double model_rng_uniform(struct model_rng *r)
{
    return (double)(model_rng_next(r) >> 11) * 0x1.0p-53;
}

uint64_t model_rng_below(struct model_rng *r, uint64_t n)
{
    /* rejection keeps every value equally likely */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n, v;
    do
        v = model_rng_next(r);
    while (v >= limit);
    return v % n;
}

/* Marsaglia's polar method; the second value is dropped to keep the state simple. */
double model_rng_normal(struct model_rng *r)
{
    double u, v, s;
    do {
        u = 2.0 * model_rng_uniform(r) - 1.0;
        v = 2.0 * model_rng_uniform(r) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return u * sqrt(-2.0 * log(s) / s);
}

/* ---- linear algebra ----------------------------------------------------- */

int model_chol(double *a, size_t p)
{
    lapack_int info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, 'L', (lapack_int)p, a, (lapack_int)p);
    for (size_t i = 0; info == 0 && i < p; i++)
        for (size_t j = i + 1; j < p; j++)
            a[i * p + j] = 0.0;
    return (int)info;
}

int model_spd_inverse(double *a, size_t p)
{
    lapack_int info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, 'L', (lapack_int)p, a, (lapack_int)p);
    if (info == 0)
        info = LAPACKE_dpotri(LAPACK_ROW_MAJOR, 'L', (lapack_int)p, a, (lapack_int)p);
    for (size_t i = 0; info == 0 && i < p; i++)
        for (size_t j = i + 1; j < p; j++)
            a[i * p + j] = a[j * p + i];
    return (int)info;
}

/*
 * OpenBLAS splits large factorizations over its threads, and how it splits
 * them changes the rounding, so the same fit on another machine (or with
 * OPENBLAS_NUM_THREADS set) would differ in the last digits. Fits run the
 * BLAS on one thread. The symbols are weak: with another BLAS they are
 * absent and there is nothing to do.
 */
extern int openblas_get_num_threads(void) __attribute__((weak));
extern void openblas_set_num_threads(int n) __attribute__((weak));

int model_blas_serial_begin(void)
{
    if (!openblas_get_num_threads || !openblas_set_num_threads)
        return 0;
    int n = openblas_get_num_threads();
    openblas_set_num_threads(1);
    return n;
}

void model_blas_serial_end(int saved)
{
    if (saved > 1 && openblas_set_num_threads)
        openblas_set_num_threads(saved);
}

/* ---- order statistics --------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

void model_sort(double *v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_double);
}

double model_quantile(const double *sorted, size_t n, double q)
{
    if (n == 0)
        return NAN;
    double h = q * (double)(n - 1);
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return sorted[n - 1];
    return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

const char *model_basename(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* ---- the model object --------------------------------------------------- */

size_t model_dim_size(int dim, size_t n_countries, int n_years)
{
    switch (dim) {
    case TF_DIM_ORIGIN:
    case TF_DIM_DESTINATION:
        return n_countries;
    case TF_DIM_YEAR:
        return (size_t)n_years;
    default:
        return n_countries * (size_t)n_years;
    }
}

struct tf_model *model_alloc(size_t n_terms, size_t n_countries, size_t n_cy, size_t n_pair)
{
    struct tf_model *m = calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    size_t nc = n_countries + 1;
    m->version = TF_MODEL_FORMAT_VERSION;
    m->n_terms = n_terms;
    m->n_countries = n_countries;
    m->n_cy_cols = n_cy;
    m->n_pair_cols = n_pair;
    m->terms = calloc(n_terms + 1, sizeof(*m->terms));
    m->vcov = malloc((n_terms * n_terms + 1) * sizeof(double));
    m->countries = calloc(nc, sizeof(*m->countries));
    m->stock = malloc(nc * sizeof(double));
    m->growth = malloc(nc * sizeof(double));
    m->cy_cols = calloc(n_cy + 1, sizeof(*m->cy_cols));
    m->cy_last = malloc((n_countries * n_cy + 1) * sizeof(double));
    m->pair_cols = calloc(n_pair + 1, sizeof(*m->pair_cols));
    m->pair_vals = malloc((n_pair * n_countries * n_countries + 1) * sizeof(double));
    if (!m->terms || !m->vcov || !m->countries || !m->stock || !m->growth || !m->cy_cols ||
        !m->cy_last || !m->pair_cols || !m->pair_vals) {
        tf_model_free(m);
        return NULL;
    }
    return m;
}

void tf_model_free(struct tf_model *m)
{
    if (!m)
        return;
    free(m->terms);
    free(m->vcov);
    free(m->trace);
    free(m->trace_eps);
    free(m->groups);
    free(m->countries);
    for (size_t k = 0; k < 3; k++)
        free(m->fe_vals[k]);
    free(m->stock);
    free(m->growth);
    free(m->cy_cols);
    free(m->cy_last);
    free(m->pair_cols);
    free(m->pair_vals);
    free(m);
}

long tf_model_country_index(const struct tf_model *m, tf_country c)
{
    size_t lo = 0, hi = m->n_countries;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->countries[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->n_countries && m->countries[lo] == c ? (long)lo : -1;
}

void tf_model_term_stats(const struct tf_model *m, size_t i, double *z, double *p, double *lo,
                         double *hi)
{
    const struct tf_model_term *t = &m->terms[i];
    const double crit = 1.959963984540054; /* the normal's 97.5 % point */
    *z = t->estimate / t->se;
    *p = erfc(fabs(*z) / sqrt(2.0));
    *lo = t->estimate - crit * t->se;
    *hi = t->estimate + crit * t->se;
}
