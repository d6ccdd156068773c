/*
 * talentflow/model.h - the push-pull (gravity) model of researcher flows:
 * a panel of country pairs, its estimation by Poisson pseudo-maximum
 * likelihood (PPML) with fixed effects, model files, and projections of
 * researcher stocks under scenarios.
 *
 * The model: E[F_odt] = exp(x_odt'b + FE), F_odt the researchers moving from
 * origin o to destination d in year t, x the covariates (origin-side "push",
 * destination-side "pull", pair "dyad" terms, optionally logged) and FE
 * either origin + destination + year effects or origin-by-year +
 * destination-by-year effects. docs/model.md explains the method, the
 * default specification and what the numbers can and cannot say.
 *
 * How to fit:
 *   struct tf_panel_opts po;
 *   tf_panel_opts_init(&po);
 *   po.capitals = "countries.csv";                    // gives the `distance` column
 *   tf_panel_opts_add(&po, TF_SIDE_ORIGIN, "log:gdp_per_capita", &err);
 *   struct tf_panel *p = NULL;
 *   if (tf_panel_build(&p, "flows.csv.gz", &po, &err) < 0) ...;   // err names file:line
 *   struct tf_fit_opts fo;
 *   tf_fit_opts_init(&fo);
 *   struct tf_model *m = NULL;
 *   if (tf_model_fit(&m, p, &fo, &err) < 0) ...;       // e.g. no convergence
 *   tf_model_write(m, "out", &err);                   // out/model.json, out/fit.csv
 *   tf_model_free(m);
 *   tf_panel_free(p);
 *
 * How to project:
 *   tf_model_read_json(&m, "out/model.json", &err);   // refuses other format versions
 *   struct tf_scenario *s = NULL;
 *   tf_scenario_load(&s, "scenario.json", m, 10, &err); // checks countries, covariates, years
 *   struct tf_project_opts jo;
 *   tf_project_opts_init(&jo);
 *   jo.years = 10;
 *   struct tf_projection *pr = NULL;
 *   tf_project(&pr, m, s, &jo, &err);
 *   tf_projection_write(pr, "out", &err);             // stocks.csv, flows.csv, headline.csv
 *
 * Everything is deterministic: the same inputs, options and seeds give
 * byte-identical files on any machine. For that, tf_model_fit and tf_project
 * run OpenBLAS on one thread while they work (a process-wide setting,
 * restored afterwards). Functions are reentrant; objects are used by one
 * thread at a time. Objects returned through `**out` belong to the caller,
 * who frees them with the matching _free (which accepts NULL).
 */
#ifndef TALENTFLOW_MODEL_H
#define TALENTFLOW_MODEL_H

#include "talentflow/export.h"

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The model file format version written and read by this library. */
#define TF_MODEL_FORMAT_VERSION 1

/* Capacities: covariate terms per model, bytes of a column name. */
#define TF_MODEL_MAX_TERMS 32
#define TF_MODEL_NAME_MAX 64

/* ---- specification ------------------------------------------------------ */

/* Which country a covariate describes. Values are stable. */
enum tf_side {
    TF_SIDE_ORIGIN = 0,      /* "push": a country-year column of the origin */
    TF_SIDE_DESTINATION = 1, /* "pull": a country-year column of the destination */
    TF_SIDE_PAIR = 2,        /* "dyad": a column of the ordered pair (distance, ...) */
};

/* The fixed-effect sets. Values are stable. */
enum tf_fe_set {
    /* origin + destination + year: identifies push and pull covariates from
       change within countries over time */
    TF_FE_OD_YEAR = 0,
    /* origin-by-year + destination-by-year: absorbs every country-year
       covariate, leaving dyadic covariates only */
    TF_FE_OY_DY = 1,
};

/*
 * One covariate term. `column` names a country-year column (origin and
 * destination sides), or a pair column (pair side); "stock" always means the
 * researcher stock column, "distance" the great-circle distance in km
 * between capitals (needs tf_panel_opts.capitals).
 */
struct tf_term {
    enum tf_side side;
    int log; /* nonzero: the covariate is log(value); values must be > 0 */
    char column[TF_MODEL_NAME_MAX];
};

/*
 * Parses "[log:]COLUMN" into *t for `side`. Returns 0, or TF_ERR_USAGE for
 * an empty or over-long column name (err says why).
 */
TF_API int tf_term_parse(struct tf_term *t, int side, const char *spec, struct tf_error *err);

/*
 * Writes the display name of a term, e.g. "push:log(gdp_per_capita)",
 * "dyad:distance", into buf (NUL-terminated, truncated to n bytes). Returns buf.
 */
TF_API char *tf_term_name(const struct tf_term *t, char *buf, size_t n);

/* ---- the panel ---------------------------------------------------------- */

struct tf_panel_opts {
    /* Country-year covariates: a CSV with a country column (country,
       countrycode, iso3code, iso3, iso2code or iso2: ISO codes or names), a
       year column and numeric columns. NULL: the flow file's own
       NAME_origin / NAME_destination columns give column NAME (the MPIDR
       file carries researchers, gdp_per_capita and population that way). */
    const char *country_data;
    /* Pair covariates: origin, destination and numeric columns. A row also
       serves the reverse direction unless that direction has its own row.
       NULL: none. */
    const char *pair_data;
    /* Capital coordinates (iso3 or iso2, longitude, latitude columns): gives
       the pair column "distance". NULL: none. */
    const char *capitals;
    /* The researcher stock column. NULL: the first present of "researchers",
       "padded_population_of_researchers", and "population" when the table
       also has "births" and "deaths" (talentflow's own country_year.csv). */
    const char *stock_column;
    /* Keep the `top` countries with the largest stock in the last year of
       the window (ties by code); 0 keeps every country. Default 40. */
    unsigned top;
    int year_from, year_to; /* the window; 0 = the flow file's first/last year */
    enum tf_fe_set fe;      /* default TF_FE_OD_YEAR */
    struct tf_term terms[TF_MODEL_MAX_TERMS];
    size_t n_terms; /* 0: the default specification (see tf_panel_build) */
    int has_offset; /* nonzero: `offset` enters with coefficient 1 */
    struct tf_term offset;
    /* The talent pool whose rows are used when the flow file (or the
       country-year file) has a `pool` column, as talentflow's own tables
       have: NULL means "all". A file without the column is used whole;
       then only NULL or "all" may be asked. */
    const char *pool;
};

/* Fills `o` with the defaults above (no terms, no files). */
TF_API void tf_panel_opts_init(struct tf_panel_opts *o);

/*
 * Appends the term "[log:]COLUMN" on `side`. Returns 0, or TF_ERR_USAGE for a
 * bad spec or when TF_MODEL_MAX_TERMS are already there.
 */
TF_API int tf_panel_opts_add(struct tf_panel_opts *o, int side, const char *spec,
                             struct tf_error *err);

/* What building a panel found, for the data summary. */
struct tf_panel_info {
    uint64_t flows_read;         /* positive flow rows read (whole file) */
    uint64_t flows_bad;          /* rows skipped: unknown country, bad number, o == d */
    uint64_t flows_in_panel;     /* positive flows that entered the panel */
    uint64_t flows_outside;      /* positive flows outside the window or the countries */
    uint64_t flows_no_covariate; /* positive flows of a pair or country-year lacking a covariate */
    uint64_t n_obs;              /* observations of the completed panel */
    uint64_t zeros_added;        /* of which zero flows added by completion */
    double sum_flows;            /* sum of the panel's flows */
    size_t n_countries;          /* countries in the panel */
    int year_first, year_last;   /* the panel's years */
    char stock_column[TF_MODEL_NAME_MAX];
    char growth_rule[160]; /* how natural growth was obtained, in words */
    char first_bad[256];   /* "file:line: why" of the first skipped row, or "" */
};

struct tf_panel; /* opaque: the completed panel and the data a projection needs */

/*
 * Reads the flow file `flows` (CSV, optionally gzipped: columns origin,
 * destination, year and a count named n, n_migrations, flow or count;
 * countries as ISO codes or names), the covariate files named in `o`, and
 * builds the completed panel:
 *   - a country is present in a year when it has every country-year value
 *     the terms use (logged values > 0) and a stock;
 *   - the countries are the `top` present in the window's last year by stock;
 *   - every ordered pair of distinct countries present in a year is one
 *     observation: its flow when listed, else a zero (counted in
 *     info.zeros_added); a pair lacking a pair covariate is left out.
 * With no terms, the default specification is log(stock) on both sides,
 * log(gdp_per_capita) and log(population) on both sides when the data have
 * them (and population is not the stock), and log(distance) when `capitals`
 * is given.
 * Only the rows of talent pool `o->pool` count when a file has a `pool`
 * column.
 * Returns 0 with *out set, or a negative status with `err` naming the file
 * and line (TF_ERR_IO, TF_ERR_FORMAT, TF_ERR_USAGE for an unknown column or
 * a pool the flow file does not have (the message lists those it has),
 * TF_ERR_DATA for an empty panel, TF_ERR_NOMEM).
 */
TF_API int tf_panel_build(struct tf_panel **out, const char *flows, const struct tf_panel_opts *o,
                          struct tf_error *err);

/* The summary of a built panel; valid while `p` lives. */
TF_API const struct tf_panel_info *tf_panel_get_info(const struct tf_panel *p);

/*
 * Writes the completed panel as CSV: origin,destination,year,flow, one column
 * per term (as used: logged when logged) and the offset, sorted by year,
 * origin, destination. For checking the estimates with other software.
 */
TF_API int tf_panel_write_csv(const struct tf_panel *p, const char *path, struct tf_error *err);

/* Frees a panel and everything it owns. Accepts NULL. */
TF_API void tf_panel_free(struct tf_panel *p);

/* ---- estimation --------------------------------------------------------- */

/* How fixed effects are partialled out. */
enum tf_fe_method {
    TF_FE_AUTO = 0,  /* dense when the fixed effects have at most 600 levels */
    TF_FE_AP = 1,    /* weighted alternating projections */
    TF_FE_DENSE = 2, /* dummies, pivoted Cholesky through LAPACK */
};

/* The standard errors a model reports as its `se` and `vcov`. */
enum tf_vce {
    TF_VCE_HC0 = 0,     /* sandwich, no small-sample factor */
    TF_VCE_HC1 = 1,     /* sandwich times n/(n-K) */
    TF_VCE_CLUSTER = 2, /* clustered, times G/(G-1)*(n-1)/(n-K) */
};

/* Cluster variables. Values are stable. */
enum tf_cluster {
    TF_CLUSTER_PAIR = 0, /* the ordered pair o->d */
    TF_CLUSTER_ORIGIN = 1,
    TF_CLUSTER_DESTINATION = 2,
    TF_CLUSTER_YEAR = 3,
};

struct tf_fit_opts {
    double tol;                  /* relative deviance change that ends IRLS; default 1e-8 */
    double inner_tol;            /* alternating projections' relative tolerance; default 1e-13 */
    unsigned max_iter;           /* IRLS iteration limit; default 100 */
    unsigned max_inner;          /* alternating projection sweeps per solve; default 100000 */
    enum tf_fe_method fe_method; /* default TF_FE_AUTO */
    enum tf_vce vce;             /* default TF_VCE_CLUSTER */
    enum tf_cluster cluster;     /* default TF_CLUSTER_PAIR */
    unsigned bootstrap;          /* pairs cluster bootstrap replications; 0 = none */
    uint64_t seed;               /* bootstrap seed; default 1 */
};

/* Fills `o` with the defaults above. */
TF_API void tf_fit_opts_init(struct tf_fit_opts *o);

/* What happened to a term. Values are stable. */
enum tf_term_status {
    TF_TERM_ESTIMATED = 0,
    TF_TERM_COLLINEAR_FE = 1, /* explained by the fixed effects: dropped */
    TF_TERM_COLLINEAR_X = 2,  /* explained by earlier terms (and the fixed effects): dropped */
};

/* "estimated", "collinear with the fixed effects", "collinear with other terms". */
TF_API const char *tf_term_status_name(int status);

/* One covariate term of a fitted model. Values are NAN when not estimated. */
struct tf_model_term {
    struct tf_term term;
    char name[2 * TF_MODEL_NAME_MAX];
    enum tf_term_status status;
    double estimate;
    double se; /* of the model's vce */
    double se_hc0, se_hc1, se_cluster;
    double se_boot;          /* bootstrap standard deviation; NAN without bootstrap */
    double boot_lo, boot_hi; /* bootstrap percentile 95 % interval */
};

/* The kinds of fixed-effect dimension. Values are stable. */
enum tf_fe_dim {
    TF_DIM_ORIGIN = 0,
    TF_DIM_DESTINATION = 1,
    TF_DIM_YEAR = 2,
    TF_DIM_ORIGIN_YEAR = 3,
    TF_DIM_DESTINATION_YEAR = 4,
};

/* A fixed-effect group dropped because all its flows are zero (separation). */
struct tf_model_group {
    enum tf_fe_dim dim;
    tf_country country;
    int year;     /* 0 for origin and destination groups */
    uint64_t obs; /* observations dropped with it */
};

/* "origin", "destination", "year", "origin_year", "destination_year"; NULL when out of range. */
TF_API const char *tf_fe_dim_name(int dim);

/*
 * A fitted model: everything a projection needs, as plain data. Arrays are
 * owned by the model. Country indexes refer to `countries`, year indexes to
 * year_first + i.
 */
struct tf_model {
    int version; /* TF_MODEL_FORMAT_VERSION */
    /* a model read from a file has everything below except what only fitting
       sees (the trace is kept; the panel is not) */
    /* specification and options */
    enum tf_fe_set fe;
    int fe_method;    /* the method used (never TF_FE_AUTO) */
    int vce, cluster; /* of `se` and `vcov` */
    double tol, inner_tol;
    unsigned max_iter;
    unsigned top;
    unsigned bootstrap;   /* replications run (0 = none) */
    unsigned boot_failed; /* replications that did not converge or lost a term */
    uint64_t seed;
    char flows_file[256]; /* base names of the inputs */
    char country_file[256];
    char pair_file[256];
    char capitals_file[256];
    struct tf_panel_info data;
    /* terms and estimates */
    size_t n_terms;
    struct tf_model_term *terms;
    int has_offset;
    struct tf_term offset;
    double *vcov;                      /* n_terms x n_terms, row-major, NAN for dropped terms */
    double factor_hc1, factor_cluster; /* the small-sample factors applied */
    uint64_t n_clusters;
    uint64_t n_params; /* K: estimated terms + rank of the fixed effects */
    /* fit */
    uint64_t n_obs;  /* observations used (after separation) */
    double deviance; /* 2 sum(y log(y/mu) - (y - mu)) at the estimate */
    double loglik;   /* Poisson log-likelihood at the estimate */
    int converged;
    unsigned iterations;
    double *trace;     /* deviance after each IRLS iteration (length `iterations`) */
    double *trace_eps; /* the relative change that was tested */
    size_t n_groups;
    struct tf_model_group *groups; /* separated groups */
    /* countries, years and fixed effects */
    size_t n_countries;
    tf_country *countries; /* sorted by code */
    int year_first, year_last;
    size_t n_dims;
    enum tf_fe_dim dims[3];
    double *fe_vals[3]; /* per dim: n_countries, n_years or n_countries*n_years
                          (country-major) values; NAN where absent or separated */
    /* the state a projection starts from: the last year */
    double *stock;  /* n_countries: stock in year_last, NAN when absent */
    double *growth; /* n_countries: yearly natural growth rate, NAN when unknown */
    size_t n_cy_cols;
    char (*cy_cols)[TF_MODEL_NAME_MAX]; /* country-year columns the terms use */
    double *cy_last;                    /* n_countries x n_cy_cols: values in year_last */
    size_t n_pair_cols;
    char (*pair_cols)[TF_MODEL_NAME_MAX]; /* pair columns the terms use */
    double *pair_vals; /* n_pair_cols x n_countries x n_countries (origin-major) */
};

/*
 * Fits the PPML model to the panel by IRLS: weights mu, working response
 * z = eta - offset - 1 + y/mu, start mu = (y + mean y)/2, fixed effects
 * partialled out each iteration; stops when the relative deviance change is
 * below o->tol. First drops fixed-effect groups whose flows are all zero
 * (repeatedly, as dropping one may empty another) and terms collinear with
 * the fixed effects or with earlier terms. Computes HC0, HC1 and clustered
 * standard errors, and the pairs cluster bootstrap when asked.
 * Returns 0 with *out set, or a negative status with `err` filled:
 * TF_ERR_DATA when IRLS does not converge within o->max_iter (the message
 * gives the last relative change), when alternating projections do not
 * converge, or when nothing is left to estimate; TF_ERR_USAGE for bad
 * options; TF_ERR_NOMEM.
 */
TF_API int tf_model_fit(struct tf_model **out, const struct tf_panel *p,
                        const struct tf_fit_opts *o, struct tf_error *err);

/*
 * Writes the model as JSON (atomically): format and version, options,
 * data summary, terms with every standard error, covariance, fixed effects,
 * convergence trace and the projection's starting state. Numbers round-trip
 * exactly; NAN is written as null.
 */
TF_API int tf_model_write_json(const struct tf_model *m, const char *path, struct tf_error *err);

/*
 * Writes fit.csv (atomically): one row per term with estimate, se, z, p,
 * the 95 % interval of the model's vce, and se_hc0, se_hc1, se_cluster,
 * se_boot, boot_lo, boot_hi, status.
 */
TF_API int tf_model_write_csv(const struct tf_model *m, const char *path, struct tf_error *err);

/*
 * Writes DIR/model.json and DIR/fit.csv (DIR is created when missing, one
 * level). Returns 0 or TF_ERR_IO.
 */
TF_API int tf_model_write(const struct tf_model *m, const char *dir, struct tf_error *err);

/*
 * Reads a model file written by tf_model_write_json. Returns 0 with *out
 * set, or TF_ERR_IO, TF_ERR_FORMAT (not JSON, not a model file, a different
 * format version: the message says which and what to do), TF_ERR_NOMEM.
 */
TF_API int tf_model_read_json(struct tf_model **out, const char *path, struct tf_error *err);

/* Index of country `c` in m->countries, or -1. */
TF_API long tf_model_country_index(const struct tf_model *m, tf_country c);

/* Frees a fitted or read model. Accepts NULL. */
TF_API void tf_model_free(struct tf_model *m);

/* z statistic, two-sided normal p-value and 95 % interval of term `i` (NAN when dropped). */
TF_API void tf_model_term_stats(const struct tf_model *m, size_t i, double *z, double *p,
                                double *lo, double *hi);

/* ---- scenarios and projection ------------------------------------------- */

struct tf_scenario; /* opaque: a checked list of changes */

/*
 * Loads a scenario file (JSON; see docs/model.md and examples/scenario.json):
 *   {"name": "...", "changes": [
 *     {"country": "CN", "covariate": "gdp_per_capita", "from": 2021, "scale": 1.3},
 *     {"country": "CN", "covariate": "gdp_per_capita", "from": 2021, "add": 500},
 *     {"country": "IN", "covariate": "population", "path": {"2020": 1.4e9, "2025": 1.5e9}},
 *     {"corridor": ["CN", "US"], "from": 2020, "scale": 0.5},
 *     {"country": "DE", "growth": 0.02, "from": 2020}]}
 * A covariate change may name "side": "origin" or "destination" to act on
 * one side only ("both" by default). Each change is checked against `m` and
 * a projection of `years` years: the country must be one of the model's,
 * the covariate one its terms use (not the stock, which the projection
 * moves), years inside the projection. Errors name the file and the place in
 * the document ("changes[2].country") and say what would be accepted.
 * Returns 0 with *out set, or TF_ERR_IO, TF_ERR_FORMAT, TF_ERR_NOMEM.
 */
TF_API int tf_scenario_load(struct tf_scenario **out, const char *path, const struct tf_model *m,
                            unsigned years, struct tf_error *err);

/* The scenario's "name" ("" when none); valid while `s` lives. */
TF_API const char *tf_scenario_name(const struct tf_scenario *s);

/* Frees a scenario. Accepts NULL. */
TF_API void tf_scenario_free(struct tf_scenario *s);

struct tf_project_opts {
    unsigned years; /* years after the model's last year; default 10 */
    unsigned draws; /* parameter draws for the intervals; default 200 (0 = none) */
    uint64_t seed;  /* draw seed; default 1 */
    double level;   /* interval level; default 0.95 */
};

/* Fills `o` with the defaults given beside each field. */
TF_API void tf_project_opts_init(struct tf_project_opts *o);

/* One country-year of a projection, baseline and scenario side by side. */
struct tf_proj_stock {
    tf_country country;
    int year;                      /* year_first is the last observed year */
    double base, base_lo, base_hi; /* stock at the point estimates, interval from draws */
    double scen, scen_lo, scen_hi;
    double diff, diff_lo, diff_hi; /* scenario - baseline, per draw */
    double base_in, base_out;      /* flows into and out of the country that year */
    double scen_in, scen_out;      /* (at the point estimates; 0 in year_first) */
};

/* One corridor-year of a projection. */
struct tf_proj_flow {
    tf_country origin, destination;
    int year;
    double base, base_lo, base_hi;
    double scen, scen_lo, scen_hi;
};

struct tf_projection {
    size_t n_countries;
    tf_country *countries; /* the countries projected: the model's with a stock */
    int year_first;        /* the model's last year, where the projection starts */
    int year_last;
    size_t n_stocks;
    struct tf_proj_stock *stocks; /* country by country, years ascending */
    size_t n_flows;
    struct tf_proj_flow *flows; /* year, then origin, then destination */
    double level;               /* of the intervals */
    unsigned draws;             /* 0: intervals are NAN */
    char scenario[128];         /* the scenario's name, "(unnamed)", or "" without one */
};

/*
 * Projects stocks year by year from the model's last year:
 *   S(t) = S(t-1)(1 + g) + inflows(t) - outflows(t),
 * flows predicted by the model from the covariates (held at their last
 * observed values unless the scenario changes them), the stocks S(t-1) and
 * the last year's fixed effects; the baseline has no changes. Intervals
 * come from `draws` draws of the coefficients from N(b, vcov), seeded.
 * `s` may be NULL (baseline only: scenario columns equal the baseline).
 * Returns 0 with *out set, or TF_ERR_USAGE (bad options), TF_ERR_DATA (no
 * country with a stock in the last year; covariance not positive definite),
 * TF_ERR_NOMEM.
 */
TF_API int tf_project(struct tf_projection **out, const struct tf_model *m,
                      const struct tf_scenario *s, const struct tf_project_opts *o,
                      struct tf_error *err);

/*
 * Writes stocks.csv, flows.csv and headline.csv into `dir` (created if
 * missing), each atomically. Columns are documented in docs/model.md;
 * headline.csv lists each country's stock difference (scenario - baseline)
 * in the last year, largest gain first.
 */
TF_API int tf_projection_write(const struct tf_projection *p, const char *dir,
                               struct tf_error *err);

/* Frees a projection. Accepts NULL. */
TF_API void tf_projection_free(struct tf_projection *p);

#ifdef __cplusplus
}
#endif
#endif
