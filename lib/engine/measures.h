/*
 * measures.h - aggregate counts that timelines add to: country-years, flows,
 * classes, return and stay histograms. All counts are integers, so adding
 * the same people in any order, in any number of accumulators merged in any
 * order, gives identical results; that is what makes the output the same for
 * every thread count.
 *
 * One accumulator per worker; tf_acc_merge folds them; tf_acc_results turns
 * the final one into the sorted tables of struct tf_results.
 */
#ifndef TF_ENGINE_MEASURES_H
#define TF_ENGINE_MEASURES_H

#include "engine/timeline.h"
#include "talentflow/engine.h"
#include "talentflow/pools.h"
#include "util/map.h"

/* Slot layouts of the maps; every field is a uint64_t so merging adds words. */
struct tf_cy_val {
    uint64_t population, in, out, births, deaths;
};

/* Return times: ev[u] for u = 1..TF_MAX_K, ev[TF_MAX_K + 1] later; censoring
 * cens[c] for c = 0..TF_MAX_K, cens[TF_MAX_K + 1] later. */
struct tf_ret_hist {
    uint64_t departed;
    uint64_t ev[TF_MAX_K + 2];
    uint64_t cens[TF_MAX_K + 2];
};

struct tf_stay_hist {
    uint64_t arrived;
    uint64_t observed[TF_MAX_K + 1];
    uint64_t stayed[TF_MAX_K + 1];
};

/*
 * Map keys: the pool (0 = all) in the top byte, then the cells: (a, b,
 * year) packed, year 0 standing for a pooled cohort; (year, country);
 * (origin, class).
 */
#define TF_ACC_POOL_SHIFT 56

static inline uint64_t tf_acc_pool(unsigned pool)
{
    return (uint64_t)pool << TF_ACC_POOL_SHIFT;
}

static inline unsigned tf_acc_key_pool(uint64_t key)
{
    return (unsigned)(key >> TF_ACC_POOL_SHIFT);
}

static inline uint64_t tf_acc_key3(unsigned pool, tf_country a, tf_country b, int year)
{
    return tf_acc_pool(pool) | ((uint64_t)a << 32) | ((uint64_t)b << 16) | (uint16_t)year;
}

static inline uint64_t tf_acc_key_cy(unsigned pool, int year, tf_country c)
{
    return tf_acc_pool(pool) | ((uint64_t)(uint16_t)year << 16) | c;
}

/* Pools a run measures: "all" and TF_POOLS_MAX more. */
#define TF_ACC_POOLS (TF_POOLS_MAX + 1)

struct tf_acc {
    struct tf_map cy;       /* (pool, year, country) -> struct tf_cy_val */
    struct tf_map flows;    /* (pool, origin, destination, year) -> uint64_t */
    struct tf_map classes;  /* (pool, origin, class) -> uint64_t */
    struct tf_map where;    /* (pool, origin, last country) -> uint64_t people */
    struct tf_map returns;  /* (pool, origin, destination, cohort) -> struct tf_ret_hist */
    struct tf_map stays;    /* (pool, origin, destination, cohort) -> struct tf_stay_hist */
    struct tf_map pipeline; /* (pool, tf_pipeline_key) -> uint64_t people */
    uint64_t people[TF_ACC_POOLS];
    uint64_t moves[TF_ACC_POOLS];
    int move_kind; /* enum tf_move_kind: the moves returns and stays follow */
};

void tf_acc_init(struct tf_acc *a);

/* Adds one person's timeline to pool `pool` (0 = all). Returns 0 or TF_ERR_NOMEM. */
int tf_acc_add(struct tf_acc *a, const struct tf_timeline *tl, unsigned pool);

/* Counts one person's pipeline key (engine/pipeline.h) in pool `pool`. Returns 0 or TF_ERR_NOMEM.
 */
int tf_acc_add_pipeline(struct tf_acc *a, uint64_t key, unsigned pool);

/* Adds every count of `src` into `dst`. Returns 0 or TF_ERR_NOMEM. */
int tf_acc_merge(struct tf_acc *dst, const struct tf_acc *src);

/*
 * Fills the table arrays of `r` (sorted, pool first) and the people and
 * moves of its r->n_pools pools from `a`. Returns 0 or TF_ERR_NOMEM.
 */
int tf_acc_results(const struct tf_acc *a, struct tf_results *r);

void tf_acc_release(struct tf_acc *a);

/*
 * Kaplan-Meier probability of return within k = 1..TF_MAX_K, from event
 * counts ev[u] (returns at time u, u = 1..TF_MAX_K) and censoring counts
 * cens[c] (never returned, last seen c years after departure, c =
 * 0..TF_MAX_K - 1; later censoring does not matter up to TF_MAX_K) among
 * `n` departed. An event and a censoring at the same time: the event first.
 * Writes km[1..TF_MAX_K]. Exposed for tests.
 */
void tf_km_return(uint64_t n, const uint64_t *ev, const uint64_t *cens, double *km);

#endif
