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

/* Map keys: (a, b, year) packed; year 0 stands for a pooled cohort. */
static inline uint64_t tf_acc_key3(tf_country a, tf_country b, int year)
{
    return ((uint64_t)a << 32) | ((uint64_t)b << 16) | (uint16_t)year;
}

static inline uint64_t tf_acc_key_cy(int year, tf_country c)
{
    return ((uint64_t)(uint16_t)year << 16) | c;
}

struct tf_acc {
    struct tf_map cy;      /* (year, country) -> struct tf_cy_val */
    struct tf_map flows;   /* (origin, destination, year) -> uint64_t */
    struct tf_map classes; /* (origin, class) -> uint64_t */
    struct tf_map returns; /* (origin, destination, cohort) -> struct tf_ret_hist */
    struct tf_map stays;   /* (origin, destination, cohort) -> struct tf_stay_hist */
    uint64_t people;
    uint64_t moves;
};

void tf_acc_init(struct tf_acc *a);

/* Adds one person's timeline. Returns 0 or TF_ERR_NOMEM. */
int tf_acc_add(struct tf_acc *a, const struct tf_timeline *tl);

/* Adds every count of `src` into `dst`. Returns 0 or TF_ERR_NOMEM. */
int tf_acc_merge(struct tf_acc *dst, const struct tf_acc *src);

/* Fills the table arrays of `r` (sorted) from `a`. Returns 0 or TF_ERR_NOMEM. */
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
