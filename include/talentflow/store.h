/*
 * talentflow/store.h - reading the results store (talentflow.sqlite).
 *
 * `talentflow run` writes every table of a run into one SQLite file next to
 * the CSVs (tf_write_store in output.h); the schema is in docs/store.md.
 * This header answers the questions people ask of it without rerunning:
 * the flows of a corridor, return and stay rates by cohort, where the people
 * of an origin are now, and the biggest gainers, losers and corridors.
 *
 * A run measures the talent pool "all" (everyone) and the pools it was
 * given; every table holds the rows of each pool. Each query answers for
 * one pool, named by `pool`: NULL or "all" means everyone. A name the
 * store does not have matches no rows (tf_store_pools lists the names).
 *
 * How to use:
 *   struct tf_store *s = NULL;
 *   if (tf_store_open(&s, "out", &err) < 0)          // a folder or the file itself
 *       ...;                                          // err.msg names the file
 *   struct tf_flow_query q;
 *   tf_flow_query_init(&q);
 *   tf_country_parse("CN", 2, &q.from);
 *   tf_country_parse("US", 2, &q.to);
 *   struct tf_flow_total *rows = NULL;
 *   size_t n = 0;
 *   tf_store_flows(s, &q, &rows, &n, &err);           // n == 0: nothing matched
 *   ... rows[i].year, rows[i].n, rows[i].back ...
 *   free(rows);
 *   tf_store_free(s);
 *
 * Every query allocates its rows with malloc; the caller frees them with
 * free() (NULL when there are none). A store is used by one thread at a
 * time; separate stores opened on the same file are independent. The file
 * is opened read-only and never changed.
 */
#ifndef TALENTFLOW_STORE_H
#define TALENTFLOW_STORE_H

#include "talentflow/export.h"

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The file name of the store inside a run's output folder. */
#define TF_STORE_FILE "talentflow.sqlite"

/*
 * The schema version this library writes and reads (meta 'schema_version').
 * 2: tables keyed by talent pool, the pools table.
 */
#define TF_STORE_SCHEMA 3

struct tf_store; /* opaque */

/*
 * Opens the store at `path`: the file itself, or a folder holding
 * TF_STORE_FILE. Returns 0 and sets *out, or TF_ERR_IO when there is no such
 * file or it cannot be read, TF_ERR_FORMAT when it is not a talentflow store
 * of a schema this library reads (an older store: its message says to rerun
 * `talentflow run`) or is damaged (truncated or corrupted: the message says
 * so; a query that meets damage later fails the same way). On failure *out
 * is NULL. The file is opened immutable: nothing is locked, and no journal
 * or other file is created beside it.
 */
TF_API int tf_store_open(struct tf_store **out, const char *path, struct tf_error *err);

/* The path of the store file as opened (folder resolved). */
TF_API const char *tf_store_path(const struct tf_store *s);

/* Closes the store and frees it. Accepts NULL. */
TF_API void tf_store_free(struct tf_store *s);

/*
 * Copies the meta value of `key` ("talentflow_version", "created_utc", ...)
 * into buf (truncated to size - 1 bytes). Returns its full length, 0 with an
 * empty buf when the key is absent, or a negative status.
 */
TF_API int tf_store_meta(struct tf_store *s, const char *key, char *buf, size_t size,
                         struct tf_error *err);

/*
 * Returns 1 when `c` appears in any table of the store, 0 when not, or a
 * negative status.
 */
TF_API int tf_store_has_country(struct tf_store *s, tf_country c, struct tf_error *err);

/*
 * Sets *first and *last to the range of years in the country_year table
 * (both 0 when it is empty). Returns 0 or a negative status.
 */
TF_API int tf_store_years(struct tf_store *s, int *first, int *last, struct tf_error *err);

/* ---- flows -------------------------------------------------------------- */

struct tf_flow_query {
    const char *pool; /* talent pool; NULL or "all" = everyone */
    tf_country from;  /* origin; 0 = any */
    tf_country to;    /* destination; 0 = any */
    int year_from;    /* first year counted; 0 = no lower bound */
    int year_to;      /* last year counted; 0 = no upper bound */
    size_t top;       /* keep the `top` rows with the most moves; 0 = all */
};

/* Sets every field to "any" / "all" (pool NULL). */
TF_API void tf_flow_query_init(struct tf_flow_query *q);

/*
 * Moves along a corridor. `back` counts the moves the other way over the
 * same years, so `n - back` is the corridor's net.
 */
struct tf_flow_total {
    tf_country origin;
    tf_country destination;
    int year; /* 0 when summed over the years of the query */
    uint64_t n;
    uint64_t back;
};

/*
 * With both `from` and `to` set: one row per year in which either direction
 * had a move, in year order (`top` keeps the years with the most moves,
 * still in year order). Otherwise: one row per corridor leaving `from`,
 * entering `to`, or (neither set) every corridor, summed over the years,
 * largest first (ties by origin, then destination code), cut to `top`.
 * Returns 0 with *rows and *n set, or a negative status (TF_ERR_USAGE when
 * from == to != 0).
 */
TF_API int tf_store_flows(struct tf_store *s, const struct tf_flow_query *q,
                          struct tf_flow_total **rows, size_t *n, struct tf_error *err);

/* ---- return and stay rates ---------------------------------------------- */

/*
 * Return and stay counts of one departure (or arrival) cohort at one k.
 * Returns: people of the origin who left for the destination in `cohort`,
 * how many came back within k years, how many were observable that long.
 * Stays: people of the origin who arrived in the destination in `cohort`,
 * how many were still there k years on, how many were observable that long.
 * A side with no row in the store has its `has_` flag zero and zero counts.
 */
struct tf_cohort_rates {
    int cohort; /* year; 0 = all cohorts pooled (the last row) */
    int has_returns;
    uint64_t departed;
    uint64_t returned;
    uint64_t return_observed;
    double km; /* Kaplan-Meier probability of return within k */
    int has_stays;
    uint64_t arrived;
    uint64_t stayed;
    uint64_t stay_observed;
};

/*
 * Rates of the people of talent pool `pool` (NULL or "all": everyone) of
 * `origin` (required) who went to `destination` (0 = any destination, the
 * pooled rows) at `k` years (1..TF_MAX_K, see engine.h):
 * one row per cohort in year order, then the pooled row. Returns 0 with
 * *rows and *n set, or a negative status (TF_ERR_USAGE for a zero origin or
 * k out of range).
 */
TF_API int tf_store_rates(struct tf_store *s, const char *pool, tf_country origin,
                          tf_country destination, int k, struct tf_cohort_rates **rows, size_t *n,
                          struct tf_error *err);

/* ---- where people are now ----------------------------------------------- */

/* People of one origin whose last observed residence is `country`. */
struct tf_where_row {
    tf_country country;
    uint64_t people;
    double share; /* people / all people of the origin */
};

/*
 * Where the people of `origin` were last seen, from the persons table, of
 * talent pool `pool` only (NULL or "all": everyone): largest first (ties by
 * code). Returns 0 with *rows and *n set (n == 0 when
 * the origin has nobody, or the run kept no persons: see tf_store_meta
 * "persons_kept"), or a negative status.
 */
TF_API int tf_store_where(struct tf_store *s, const char *pool, tf_country origin,
                          struct tf_where_row **rows, size_t *n, struct tf_error *err);

/* ---- the study-to-work pipeline ------------------------------------------ */

/*
 * Where the people of talent pool `pool` (NULL or "all": everyone) whose
 * first degree was in `first` work now (the pipeline table): one row per
 * country of work, country 0 for people with no work seen; largest first
 * (ties by code). Returns 0 with *rows and *n set, or a negative status.
 */
TF_API int tf_store_pipeline_work(struct tf_store *s, const char *pool, tf_country first,
                                  struct tf_where_row **rows, size_t *n, struct tf_error *err);

/* People with a doctorate from one country, by the year of the degree. */
struct tf_doctorate_row {
    int year;        /* the doctorate's year (the last year of its record) */
    uint64_t people; /* first degree in the origin, doctorate from the country, that year */
    uint64_t home;   /* of them, working in the origin now */
    double share;    /* home / people */
};

/*
 * The "did the students come back" figure: of the people of `pool` whose
 * first degree was in `first` and whose highest degree is a doctorate from
 * `doctorate`, how many work in `first` now, by year of the doctorate
 * (oldest first). Returns 0 with *rows and *n set, or a negative status.
 */
TF_API int tf_store_pipeline_doctorates(struct tf_store *s, const char *pool, tf_country first,
                                        tf_country doctorate, struct tf_doctorate_row **rows,
                                        size_t *n, struct tf_error *err);

/* ---- gainers and losers ------------------------------------------------- */

enum tf_top_by {
    TF_TOP_NET = 0, /* net migration: the biggest gainers and the biggest losers */
    TF_TOP_IN = 1,  /* in-migrations */
    TF_TOP_OUT = 2, /* out-migrations */
};

/* A country's migrations in one year or summed over every year. */
struct tf_country_total {
    tf_country country;
    uint64_t population; /* that year's population, or person-years over all years */
    uint64_t in;
    uint64_t out;
};

/*
 * Countries of talent pool `pool` (NULL or "all": everyone) ranked by `by`
 * in `year` (0 = all years). TF_TOP_NET gives the
 * `top` largest positive nets and the `top` largest negative ones, sorted by
 * net from gain to loss; TF_TOP_IN and TF_TOP_OUT the `top` largest nonzero
 * counts, largest first. Ties go to the smaller code. `top` 0 = all.
 * Returns 0 with *rows and *n set, or a negative status.
 */
TF_API int tf_store_top(struct tf_store *s, const char *pool, enum tf_top_by by, int year,
                        size_t top, struct tf_country_total **rows, size_t *n,
                        struct tf_error *err);

/* ---- talent pools ------------------------------------------------------- */

/* One talent pool of the run that wrote the store. */
struct tf_store_pool {
    char name[32];        /* "all" first, then the run's pools in order */
    char definition[512]; /* canonical criteria, "" for all (cut to fit, whole characters) */
    uint64_t people;      /* people with a timeline in the pool */
    uint64_t moves;       /* their migration events */
};

/*
 * The talent pools of the store in the run's order ("all" first). Returns 0
 * with *rows and *n set, or a negative status.
 */
TF_API int tf_store_pools(struct tf_store *s, struct tf_store_pool **rows, size_t *n,
                          struct tf_error *err);

#ifdef __cplusplus
}
#endif
#endif
