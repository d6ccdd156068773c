/*
 * model_int.h - what the files of lib/model share: the panel's layout, the
 * estimation sample, the fixed-effect solver and the fitting core.
 *
 * Data flow: panel.c (inputs -> completed panel) -> sample.c (panel +
 * frequency weights -> a sample without separated groups) -> fe.c (partial
 * fixed effects out of columns) -> ppml.c (IRLS) -> vcov.c (standard errors,
 * bootstrap) -> model_json.c / project.c.
 */
#ifndef TF_MODEL_INT_H
#define TF_MODEL_INT_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "talentflow/model.h"

/* Natural growth is the mean over this many of the last year-to-year steps. */
#define TF_GROWTH_STEPS 5

/* Largest number of fixed-effect levels handled by dense dummies under TF_FE_AUTO. */
#define TF_DENSE_MAX_LEVELS 600

struct tf_panel {
    struct tf_panel_info info;
    int fe; /* enum tf_fe_set */
    unsigned top;
    size_t n_terms;
    struct tf_term terms[TF_MODEL_MAX_TERMS];
    int has_offset;
    struct tf_term offset_term;
    char flows_file[256], country_file[256], pair_file[256], capitals_file[256];

    size_t n;       /* observations */
    double *y;      /* n flows */
    double *x;      /* n * n_terms, column-major */
    double *offset; /* n, or NULL */
    uint32_t *oi;   /* n origin indexes into countries */
    uint32_t *di;   /* n destination indexes */
    uint16_t *ti;   /* n year indexes (year - year_first) */
    size_t n_countries;
    tf_country *countries; /* sorted by code */
    int year_first, n_years;

    /* the projection's starting state, per country (year_first + n_years - 1) */
    double *stock, *growth;
    size_t n_cy_cols;
    char (*cy_cols)[TF_MODEL_NAME_MAX];
    double *cy_last; /* n_countries x n_cy_cols */
    size_t n_pair_cols;
    char (*pair_cols)[TF_MODEL_NAME_MAX];
    double *pair_vals; /* n_pair_cols x n_countries x n_countries */
};

/* ---- the estimation sample ---------------------------------------------- */

/* One fixed-effect dimension of a sample: a compact level per observation. */
struct fe_dim {
    int kind;      /* enum tf_fe_dim */
    size_t levels; /* levels with observations in the sample */
    uint32_t *id;  /* n: level of each observation */
    uint32_t *key; /* levels: the panel's code of the level (country, year or
                      country * n_years + year index) */
    double *wsum;  /* levels: weight sums, scratch of fe.c */
};

/*
 * The observations a fit uses: those of the panel with a positive frequency
 * weight and outside every separated group, with columns copied compactly.
 */
struct sample {
    size_t n, p;         /* observations, columns (terms) */
    double *y, *x, *off; /* off may be NULL */
    double *f;           /* frequency weights (bootstrap), or NULL for all 1 */
    uint32_t *pair;      /* n: origin * n_countries + destination */
    uint32_t *row;       /* n: panel row */
    size_t n_dims;
    struct fe_dim d[3];
    size_t n_groups; /* separated groups found */
    struct tf_model_group *groups;
};

/*
 * Builds the sample of `p` under frequency weights `f` (NULL = all 1; rows
 * with f == 0 are left out), dropping separated groups repeatedly until
 * none is left. Returns 0 or a negative status (TF_ERR_DATA: nothing left).
 */
int sample_build(struct sample *s, const struct tf_panel *p, const double *f, struct tf_error *err);
void sample_release(struct sample *s);

/* Total fixed-effect levels of a sample. */
size_t sample_levels(const struct sample *s);

/* ---- fixed effects ------------------------------------------------------ */

/* Partials fixed effects out of columns under observation weights. */
struct fe_solver {
    const struct sample *s;
    int method; /* TF_FE_AP or TF_FE_DENSE */
    double tol; /* relative tolerance of alternating projections */
    unsigned max_sweeps;
    const double *w; /* current weights (n) */
    size_t g;        /* total levels */
    double *chol;    /* dense: g x g pivoted Cholesky factor */
    int *piv;        /* dense: pivots (1-based, LAPACK) */
    int rank;        /* dense: numerical rank of D'WD */
    double *tmp;     /* g scratch */
    unsigned sweeps; /* AP sweeps of the last call, for the trace */
};

int fe_init(struct fe_solver *fs, const struct sample *s, int method, double tol,
            unsigned max_sweeps, struct tf_error *err);

/* Sets the weights (kept by pointer) and refactors what depends on them. */
int fe_set_weights(struct fe_solver *fs, const double *w, struct tf_error *err);

/*
 * Replaces v (n) by its weighted residual on the fixed effects, v - D a.
 * `a` (g values; the level coefficients, dimension after dimension) is the
 * start for alternating projections and receives the solution; it may be
 * NULL (start from 0, solution not kept). Returns 0 or TF_ERR_DATA when the
 * projections do not converge.
 */
int fe_partial(struct fe_solver *fs, double *v, double *a, struct tf_error *err);

/* Rank of the fixed effects: exact for dense; for AP the levels less the
   redundancies found by connectivity of the first two dimensions and one
   per further dimension. */
size_t fe_rank(const struct fe_solver *fs);

void fe_release(struct fe_solver *fs);

/* ---- fitting core ------------------------------------------------------- */

/* The result of one IRLS run on a sample. */
struct irls {
    double *beta; /* p (NAN for dropped) */
    int *status;  /* p: enum tf_term_status */
    double *mu;   /* n */
    double *xt;   /* n * p: columns partialled with the final weights (dropped: 0) */
    double *fe;   /* g: fixed-effect level values of eta - offset - x'b */
    double deviance, loglik;
    unsigned iterations;
    int converged;
    double *trace, *trace_eps; /* max_iter */
    size_t fe_rank;
    int method;
};

/*
 * Runs IRLS on `s`. `start_mu` (n, may be NULL) replaces the usual start.
 * With `status_in` (p, may be NULL) the collinearity check is skipped and
 * those statuses are used. Returns 0, or TF_ERR_DATA on non-convergence.
 */
int irls_run(struct irls *r, const struct sample *s, const struct tf_fit_opts *o,
             const double *start_mu, const int *status_in, struct tf_error *err);
void irls_release(struct irls *r);

/* ---- standard errors ---------------------------------------------------- */

/*
 * Fills the HC0, HC1 and cluster standard errors of m->terms, m->vcov of the
 * chosen type, the factors and K from a converged run.
 */
int vcov_compute(struct tf_model *m, const struct tf_panel *p, const struct sample *s,
                 const struct irls *r, const struct tf_fit_opts *o, struct tf_error *err);

/* Runs the pairs cluster bootstrap and fills se_boot, boot_lo, boot_hi. */
int vcov_bootstrap(struct tf_model *m, const struct tf_panel *p, const struct sample *s,
                   const struct irls *r, const struct tf_fit_opts *o, struct tf_error *err);

/* ---- JSON files --------------------------------------------------------- */

struct tf_jdoc;

/* Reads and parses a JSON file (plain or gzipped). Returns 0 or a status with err filled. */
int model_load_json(struct tf_jdoc **out, const char *path, struct tf_error *err);

/* ---- small shared helpers ----------------------------------------------- */

/* A deterministic generator (xoshiro256**, seeded by splitmix64). */
struct model_rng {
    uint64_t s[4];
};
void model_rng_seed(struct model_rng *r, uint64_t seed, uint64_t stream);
uint64_t model_rng_next(struct model_rng *r);
double model_rng_uniform(struct model_rng *r); /* in [0, 1) */
double model_rng_normal(struct model_rng *r);
uint64_t model_rng_below(struct model_rng *r, uint64_t n);

/* Cholesky of the p x p row-major matrix a in place (lower); LAPACK status. */
int model_chol(double *a, size_t p);

/* Inverts a symmetric positive definite p x p row-major matrix in place. */
int model_spd_inverse(double *a, size_t p);

/* Runs OpenBLAS on one thread (deterministic rounding); returns what to restore. */
int model_blas_serial_begin(void);
void model_blas_serial_end(int saved);

/* Sorts doubles ascending; quantile q in [0,1] of a sorted array (linear interpolation). */
void model_sort(double *v, size_t n);
double model_quantile(const double *sorted, size_t n, double q);

/* The base name of a path (after the last '/'). */
const char *model_basename(const char *path);

/* A zeroed model with its fixed-size arrays allocated (not the fixed
   effects nor the trace); NULL when out of memory. */
struct tf_model *model_alloc(size_t n_terms, size_t n_countries, size_t n_cy, size_t n_pair);

/* Values held by dimension kind `dim` for n countries and y years. */
size_t model_dim_size(int dim, size_t n_countries, int n_years);

#endif
