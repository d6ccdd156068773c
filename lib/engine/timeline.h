/*
 * timeline.h - one person's affiliation timeline: observed years, the
 * country set and residence of each, and what follows from them (origin,
 * moves, mobility class). The rules are those of docs/method.md.
 *
 * A timeline owns growable arrays and is reused person after person: build
 * into the same struct, release once at the end. Not thread-safe per object.
 */
#ifndef TF_ENGINE_TIMELINE_H
#define TF_ENGINE_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "talentflow/engine.h"
#include "talentflow/obs.h"

/* One observed year. The country set is sets[first .. first + n). */
struct tf_tl_year {
    int year;
    tf_country res; /* residence: largest weight, ties as in method.md */
    uint8_t study;  /* a study year: education records and no employment record */
    uint32_t first;
    uint32_t n;
};

struct tf_timeline {
    uint64_t person;
    struct tf_tl_year *years;
    size_t n_years;
    size_t cap_years;
    tf_country *sets;
    size_t n_sets;
    size_t cap_sets;
    uint64_t *weights; /* scratch: summed weight per country of one year */
    size_t cap_weights;
    uint64_t *work_keys; /* scratch for counting distinct works */
    size_t cap_work_keys;

    uint32_t works; /* distinct works (observations without a work count one each) */
    uint32_t moves; /* residence changes between consecutive observed years */
    tf_country origin;
    int cls; /* enum tf_class */
};

void tf_timeline_init(struct tf_timeline *tl);

/*
 * Builds the timeline of one person from `obs` (n >= 1, all the same person,
 * sorted by year, then country, with duplicates already removed).
 * Returns 0 or TF_ERR_NOMEM.
 */
int tf_timeline_build(struct tf_timeline *tl, const struct tf_obs *obs, size_t n);

/*
 * The kind of the move into observed year i (i >= 1): TF_MOVES_STUDY when
 * year i - 1 or year i is a study year (moving to study, or from studies to
 * a job), else TF_MOVES_WORK (between jobs).
 */
static inline int tf_timeline_move_kind(const struct tf_timeline *tl, size_t i)
{
    return tl->years[i - 1].study || tl->years[i].study ? TF_MOVES_STUDY : TF_MOVES_WORK;
}

/* Residence in `year` under the padding rule (the last observed year <= year); 0 before y0. */
tf_country tf_timeline_padded(const struct tf_timeline *tl, int year);

void tf_timeline_release(struct tf_timeline *tl);

#endif
