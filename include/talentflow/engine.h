/*
 * talentflow/engine.h - from observations to mobility tables.
 *
 * The engine takes observations from any source, spills them to disk
 * partitioned by person (so memory does not grow with the input), then builds
 * each person's timeline partition by partition and adds it to the measures:
 * country-year populations and migrations, flows, mobility classes, return
 * and stay rates by cohort. The rules are in docs/method.md.
 *
 * How to use:
 *   struct tf_engine_opts o;
 *   tf_engine_opts_init(&o);
 *   o.year_from = 2000;
 *   struct tf_engine *e = NULL;
 *   tf_engine_new(&e, &o, &err);
 *   while (...) tf_engine_add(e, rec.obs, rec.n_obs, rec.names, &err);
 *   struct tf_results *r = NULL;
 *   tf_engine_finish(e, &r, &err);      // the heavy part
 *   ... r->flows, r->n_flows ...
 *   tf_results_free(r);
 *   tf_engine_free(e);
 *
 * An engine is fed by one thread at a time per lane (see tf_engine_add_lane).
 * tf_engine_finish uses
 * `threads` worker threads; the results are identical for every thread count.
 */
#ifndef TALENTFLOW_ENGINE_H
#define TALENTFLOW_ENGINE_H

#include "talentflow/export.h"

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"
#include "talentflow/pools.h"
#include "talentflow/source.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest k for return and stay rates. */
#define TF_MAX_K 10

struct tf_engine_opts {
    int year_from;          /* first year kept; 0 = no lower bound */
    int year_to;            /* last year kept; 0 = no upper bound */
    unsigned min_works;     /* people with fewer distinct works are dropped; default 0 */
    unsigned min_years;     /* people with fewer observed years are dropped; default 1 */
    size_t memory;          /* budget in bytes for the observations held at once (a
                               share per thread); a partition above its share is split
                               into pieces on disk first; default 1 GiB */
    const char *tmpdir;     /* where the spill directory goes; NULL = $TMPDIR or /tmp */
    unsigned threads;       /* worker threads for finish; 0 = tf_cpu_count() */
    unsigned partitions;    /* spill partitions; 0 = 256 */
    unsigned lanes;         /* writers that may add at the same time, each through its own
                               lane (tf_engine_add_lane); 0 = 1 */
    int persons;            /* nonzero: keep the per-person table */
    int move_kind;          /* enum tf_move_kind: the moves returns and stays follow */
    struct tf_pools *pools; /* talent pools to measure besides "all" (NULL: none); the
                               engine counts and ranks their citations at finish, so
                               the same pools serve one engine only */
};

/*
 * The CPUs this process may run on, at least 1: its affinity mask, which
 * taskset, a cgroup's cpuset or an MPI launcher's binding may have narrowed
 * from the machine's cores. What every thread count defaults to.
 */
TF_API unsigned tf_cpu_count(void);

/* Fills `o` with the defaults. */
TF_API void tf_engine_opts_init(struct tf_engine_opts *o);

/*
 * Which moves the return and stay tables follow (docs/method.md, "Moves of
 * students"): a move is a study move when the year before it or the year of
 * arrival is a study year (education records and no employment record that
 * year), else a move between jobs. Values are stable.
 */
enum tf_move_kind {
    TF_MOVES_ALL = 0,   /* every move */
    TF_MOVES_STUDY = 1, /* to study, or from studies to a job */
    TF_MOVES_WORK = 2,  /* between jobs */
    TF_MOVES_COUNT
};

/* "all", "study" or "work". */
TF_API const char *tf_move_kind_name(int kind);

/* The kind named `name`, or -1. */
TF_API int tf_move_kind_parse(const char *name);

/* Mobility classes (Robinson-Garcia et al. 2019). Values are stable. */
enum tf_class {
    TF_CLASS_NON_MOBILE = 0,
    TF_CLASS_MIGRANT = 1,
    TF_CLASS_DIRECTIONAL = 2,     /* directional traveller */
    TF_CLASS_NON_DIRECTIONAL = 3, /* non-directional traveller */
    TF_CLASS_COUNT
};

/* "non_mobile", "migrant", "directional_traveller", "non_directional_traveller". */
TF_API const char *tf_class_name(int cls);

/* One row of country_year: padded population and events of a country-year. */
struct tf_cy_row {
    unsigned pool; /* index in tf_results.pools (0 = all) */
    int year;
    tf_country country;
    uint64_t population;
    uint64_t in_migrations;
    uint64_t out_migrations;
    uint64_t births;
    uint64_t deaths;
};

/* One row of flows: moves origin -> destination dated `year`. */
struct tf_flow_row {
    unsigned pool; /* index in tf_results.pools (0 = all) */
    tf_country origin;
    tf_country destination;
    int year;
    uint64_t n;      /* moves origin -> destination in year */
    uint64_t n_back; /* moves destination -> origin in year */
};

struct tf_class_row {
    unsigned pool; /* index in tf_results.pools (0 = all) */
    tf_country origin;
    enum tf_class cls;
    uint64_t n;
};

/*
 * One row of whereabouts (whereabouts.csv): people of `origin` whose last
 * observed residence is `country` (docs/method.md). The `where` query and
 * the report's first section answer from it, so they need no per-person table.
 */
struct tf_whereabouts_row {
    unsigned pool; /* index in tf_results.pools (0 = all) */
    tf_country origin;
    tf_country country;
    uint64_t n;
};

/*
 * Whom a row of returns or stays counts: people of `origin` who left for
 * (returns) or arrived in (stays) `destination` in year `cohort`, seen `k`
 * years on (1..TF_MAX_K). `destination` 0 and `cohort` 0 mean pooled over
 * all ("*").
 */
struct tf_rate_key {
    unsigned pool; /* index in tf_results.pools (0 = all) */
    tf_country origin;
    tf_country destination;
    int cohort;
    int k;
};

/* One row of returns (returns.csv). */
struct tf_return_row {
    struct tf_rate_key key;
    uint64_t departed; /* people who left origin for destination in cohort */
    uint64_t returned; /* of them, back in origin within k years */
    uint64_t observed; /* returned within k, or seen at least k years after leaving */
    double km;         /* Kaplan-Meier probability of return within k years */
};

/* One row of stays (stays.csv). */
struct tf_stay_row {
    struct tf_rate_key key;
    uint64_t arrived;  /* people of origin whose residence was first destination in cohort */
    uint64_t stayed;   /* of the observed, resident in destination at cohort + k */
    uint64_t observed; /* seen at least k years after arriving */
};

/*
 * One row of pipeline (pipeline.csv): people by the countries of their first
 * degree, highest degree and work (docs/method.md, "The study-to-work
 * pipeline"). Only people with an education record are counted.
 */
struct tf_pipeline_row {
    unsigned pool;             /* index in tf_results.pools (0 = all) */
    tf_country first_degree;   /* country of the earliest education record */
    tf_country highest_degree; /* country of the highest degree */
    enum tf_degree degree;     /* level of the highest degree (TF_DEGREE_NONE: not known) */
    int degree_year;           /* latest year of the highest degree's record */
    tf_country work;           /* country of the latest employment or publication; 0 none */
    uint64_t n;                /* people */
};

/* One person's summary (persons.csv). */
struct tf_person_row {
    uint64_t person;
    const char *name; /* the id as in the input: "A123", an ORCID iD, a CSV id */
    tf_country origin;
    tf_country last_country;
    int first_year;
    int last_year;
    enum tf_class cls;
    uint32_t moves;
    uint32_t works;
    uint16_t pools; /* bit i: member of the run's pool i + 1 (tf_results.pools) */
};

/* One pool of a run: its name, definition and size. */
struct tf_pool_result {
    char name[32];    /* "all", or the pool's name */
    char *definition; /* its canonical criteria (tf_pools_definition); "" for all */
    uint64_t people;  /* people with a timeline in the pool */
    uint64_t moves;   /* their migration events */
};

/*
 * The results of a run. Every array is sorted by its columns in order (the
 * pool first, countries by code, pooled "*" rows after the specific ones)
 * and owned by the results. The people, moves and tables of every pool are
 * there: rows of pool 0 are everyone's, as in a run without pools.
 */
struct tf_results {
    struct tf_cy_row *country_year;
    size_t n_country_year;
    struct tf_flow_row *flows;
    size_t n_flows;
    struct tf_class_row *classes;
    size_t n_classes;
    struct tf_whereabouts_row *whereabouts;
    size_t n_whereabouts;
    struct tf_return_row *returns;
    size_t n_returns;
    struct tf_stay_row *stays;
    size_t n_stays;
    struct tf_pipeline_row *pipeline;
    size_t n_pipeline;

    size_t n_pools;               /* 1 + the pools of the options */
    struct tf_pool_result *pools; /* [0] is "all", then the options' pools in order */

    uint64_t observations; /* observations added */
    uint64_t kept;         /* observations used after filters and de-duplication */
    uint64_t people;       /* people with a timeline */
    uint64_t moves;        /* migration events */
    struct tf_skips skips; /* duplicates, window and minimum-evidence filters */

    /* The persons of the run, read with tf_results_each_person; NULL when the
       engine did not keep them. Opaque, owned by the results (files under $TMPDIR). */
    struct tf_person_table *persons;
};

struct tf_engine;       /* opaque */
struct tf_person_table; /* opaque */

/* Creates an engine and its spill directory. `opts` NULL means the defaults. */
TF_API int tf_engine_new(struct tf_engine **out, const struct tf_engine_opts *opts,
                         struct tf_error *err);

/*
 * Adds `n` observations. `names` (may be NULL) is parallel to `obs` and gives
 * the id strings of hashed person keys, kept for the persons table.
 * Observations with a zero country or weight, or a year outside
 * [TF_YEAR_MIN, TF_YEAR_MAX], are a caller bug: TF_ERR_USAGE.
 */
TF_API int tf_engine_add(struct tf_engine *e, const struct tf_obs *obs, size_t n,
                         const char *const *names, struct tf_error *err);

/*
 * Same as tf_engine_add, through writer lane `lane` (< opts.lanes): calls
 * on different lanes may run at the same time from different threads; calls
 * on one lane may not. Which lane an observation comes through never
 * changes the results.
 */
TF_API int tf_engine_add_lane(struct tf_engine *e, unsigned lane, const struct tf_obs *obs,
                              size_t n, const char *const *names, struct tf_error *err);

/*
 * Adds the observations of one record as read, through `lane` as
 * tf_engine_add_lane does, and applies "a work is evidence once": when the
 * record is a whole work (rec->info.whole, with a work key) and `order` is
 * nonzero, it is one copy of that work, and at finish only the copy with the
 * latest rec->info.updated counts (equal dates: the larger `order`); the
 * observations of the other copies are dropped and each such copy is counted
 * as TF_SKIP_SUPERSEDED. `order` is the copy's place in the read order
 * (tf_copies_order: file rank and record number), unique per record and
 * independent of timing, so the winner never depends on the thread count.
 * `order` 0 adds the observations without this rule.
 */
TF_API int tf_engine_add_record(struct tf_engine *e, unsigned lane, const struct tf_record *rec,
                                uint64_t order, struct tf_error *err);

/*
 * Processes everything added and fills *out with new results (free with
 * tf_results_free). The engine may not be fed afterwards.
 */
TF_API int tf_engine_finish(struct tf_engine *e, struct tf_results **out, struct tf_error *err);

/*
 * Calls `fn` for each person, sorted by id string (byte order), when the engine was made
 * with `persons` set (otherwise TF_ERR_USAGE); stops and returns fn's value when it is
 * nonzero. The rows are valid during the call only. Works after the engine is freed;
 * may be called several times.
 */
TF_API int tf_results_each_person(const struct tf_results *r,
                                  int (*fn)(void *ctx, const struct tf_person_row *row), void *ctx,
                                  struct tf_error *err);

/* Frees results. Accepts NULL. */
TF_API void tf_results_free(struct tf_results *r);

/* Removes the spill directory and frees the engine. Accepts NULL. */
TF_API void tf_engine_free(struct tf_engine *e);

#ifdef __cplusplus
}
#endif
#endif
