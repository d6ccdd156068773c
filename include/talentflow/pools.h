/*
 * talentflow/pools.h - talent pools: which people a table is about.
 *
 * A pool is a set of people. A person belongs when at least `min-works` of
 * their works match every criterion the pool gives (a list inside one
 * criterion means any of it); membership selects people, and their whole
 * timeline is then measured. Every run measures the pool "all" (everyone)
 * and up to TF_POOLS_MAX pools more, each table row carrying its pool.
 *
 * The criteria of a work (docs/pools.md gives the exact rules):
 *   subject   any of its topics has a listed topic, subfield, field or domain
 *             id, or any of its concepts a listed concept id with at least
 *             concept-min-score
 *   venue     its primary location's source has a listed OpenAlex id, ISSN-L
 *             or display name (names compared normalised: case, punctuation,
 *             years and ordinals do not count)
 *   top-cited it is among the top p % of the input's works of its publication
 *             year by cited_by_count (and cited at least once)
 *   career    its year is within A..B years of the person's first observation
 *
 * A pool is given as a preset name ("ai"), as NAME=CRITERIA on one line
 * ("nlp=subfield:1702;venue:S4306420609,2159-5399;min-works:2"), or as @FILE,
 * a pool file with one "key: values" line per criterion and a "name:" line.
 *
 * How to use:
 *   struct tf_pools *p = NULL;
 *   tf_pools_new(&p, &err);
 *   tf_pools_add(p, "ai", &err);              // as many as needed
 *   ... engine options .pools = p (the engine does the rest) ...
 *   tf_pools_free(p);
 *
 * Definitions are read-only once added: tf_pools_match_work and
 * tf_pools_members may be called from any thread. Citation ranks are
 * counted (tf_pools_count_cited) and frozen (tf_pools_rank) by one thread
 * before tf_pools_members is used.
 */
#ifndef TALENTFLOW_POOLS_H
#define TALENTFLOW_POOLS_H

#include "talentflow/export.h"

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"
#include "talentflow/source.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Pools in one run besides "all" (they are bits of tf_obs.pools). */
#define TF_POOLS_MAX 16

/* Longest pool name, without its NUL. */
#define TF_POOL_NAME_MAX 31

struct tf_pools; /* opaque: the pool definitions of a run */

/* Creates an empty set (only "all"). Returns 0 or TF_ERR_NOMEM. */
TF_API int tf_pools_new(struct tf_pools **out, struct tf_error *err);

/*
 * Adds the pool `spec`: a preset name, NAME=CRITERIA or @FILE (see above).
 * Returns 0, or TF_ERR_USAGE with `err` naming the problem (unknown preset,
 * malformed id, bad key, empty venue list, a name used twice, too many
 * pools) and, for a file, the file and line; TF_ERR_IO when a file cannot
 * be read.
 */
TF_API int tf_pools_add(struct tf_pools *p, const char *spec, struct tf_error *err);

/* Pools added (not counting "all"). */
TF_API size_t tf_pools_count(const struct tf_pools *p);

/* The name of pool i (0-based, in the order added). */
TF_API const char *tf_pools_name(const struct tf_pools *p, size_t i);

/*
 * The definition of pool i as one canonical line, the same whatever form it
 * was given in ("subfield: 1702; concept: C154945302, C119857082;
 * concept-min-score: 0.4; min-works: 1"); stored with the results.
 */
TF_API const char *tf_pools_definition(const struct tf_pools *p, size_t i);

/* One shipped preset. */
struct tf_pool_preset {
    const char *name;
    const char *about; /* one line: what it selects */
    const char *spec;  /* its criteria, as NAME=CRITERIA takes them */
};

/* The shipped presets; *n gets their number. */
TF_API const struct tf_pool_preset *tf_pool_presets(size_t *n);

/*
 * The pools whose subject and venue criteria `w` meets (bit i for pool i;
 * pools without either criterion always match). Thread-safe.
 */
TF_API uint16_t tf_pools_match_work(const struct tf_pools *p, const struct tf_work_info *w);

/* Nonzero when some pool ranks works by citations (then count them). */
TF_API int tf_pools_ranks_citations(const struct tf_pools *p);

/*
 * Counts one work (each work once: the copy that counts) of publication
 * `year` cited `cited` times, for the citation ranks. One thread only.
 * Returns 0 or TF_ERR_NOMEM.
 */
TF_API int tf_pools_count_cited(struct tf_pools *p, int year, uint32_t cited);

/*
 * The citation counts so far, for adding up the counts of several processes:
 * calls fn(ctx, year, cited, works) once per (year, citations) counted, in
 * no particular order; stops at fn's first nonzero return and returns it.
 */
TF_API int tf_pools_each_cited(const struct tf_pools *p,
                               int (*fn)(void *ctx, int year, uint32_t cited, uint64_t works),
                               void *ctx);

/* Counts `works` works of `year` cited `cited` times at once. Returns 0 or TF_ERR_NOMEM. */
TF_API int tf_pools_add_cited(struct tf_pools *p, int year, uint32_t cited, uint64_t works);

/*
 * Fixes each top-cited pool's threshold per year from the counts: a work is
 * in the top p % of its year when it is cited at least once and fewer than
 * p % of that year's counted works are cited more often (so ties at the
 * threshold are all in). Call once after the last count. Returns 0 or
 * TF_ERR_NOMEM.
 */
TF_API int tf_pools_rank(struct tf_pools *p, struct tf_error *err);

/* The least citations that put a work of `year` in pool i's top, 0 when none does. */
TF_API uint32_t tf_pools_threshold(const struct tf_pools *p, size_t i, int year);

/*
 * Scratch space for tf_pools_members, one per thread: tf_pools_scratch_init
 * before first use, tf_pools_scratch_release after the last.
 */
struct tf_pools_scratch {
    uint64_t *works;
    size_t cap;
};

TF_API void tf_pools_scratch_init(struct tf_pools_scratch *s);
TF_API void tf_pools_scratch_release(struct tf_pools_scratch *s);

/*
 * The pools one person belongs to (bit i for pool i), from all their
 * observations obs[0..n) sorted by year, with `pools` and `cited` as the
 * engine set them. Returns the mask, or -1 when out of memory.
 */
TF_API int32_t tf_pools_members(const struct tf_pools *p, const struct tf_obs *obs, size_t n,
                                struct tf_pools_scratch *s);

/* Frees the set. Accepts NULL. */
TF_API void tf_pools_free(struct tf_pools *p);

#ifdef __cplusplus
}
#endif
#endif
