/*
 * talentflow/copies.h - a work is evidence once: which copies of a work lose.
 *
 * Real downloads hold some works more than once: the OpenAlex snapshot files
 * a record under the date it last changed, so a re-sync without deletion
 * keeps an old copy, and API pages from overlapping queries repeat works.
 * Every copy read is registered here with its work key, its updated_date and
 * its place in the read order; once reading is done, each work keeps the
 * copy with the latest updated_date (a copy without one loses to any copy
 * with one; equal dates: the copy later in the read order), and every other
 * copy is "superseded": its observations must be ignored.
 *
 * Registrations go to files on disk partitioned by work (32 bytes a copy),
 * so memory does not grow with the number of works; after resolving, only
 * the superseded copies are held (8 bytes each).
 *
 * How to use:
 *   struct tf_copies *c = NULL;
 *   tf_copies_new(&c, NULL, lanes, &err);
 *   ... tf_copies_add(c, lane, rec.info.work, rec.info.updated, order, &err);
 *   tf_copies_resolve(c, &err);
 *   if (tf_copies_superseded(c, order)) ...     // drop that copy
 *   tf_copies_free(c);
 *
 * Adding through different lanes from different threads is safe; one lane is
 * used by one thread at a time. After tf_copies_resolve the object is
 * read-only and tf_copies_superseded may be called from any thread.
 */
#ifndef TALENTFLOW_COPIES_H
#define TALENTFLOW_COPIES_H

#include "talentflow/export.h"

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"

#ifdef __cplusplus
extern "C" {
#endif

struct tf_copies; /* opaque */

/*
 * Creates the registry and its private folder under `tmpdir` (NULL or "":
 * $TMPDIR, else /tmp), with `lanes` writer lanes (0 means 1).
 * Returns 0, TF_ERR_IO (err names the folder) or TF_ERR_NOMEM.
 */
TF_API int tf_copies_new(struct tf_copies **out, const char *tmpdir, unsigned lanes,
                         struct tf_error *err);

/*
 * Registers one copy of work `work` (nonzero) with its `updated` stamp
 * (tf_work_info.updated; 0 when unknown) and `order`, its place in the read
 * order: unique per copy, larger = read later. Returns 0 or TF_ERR_IO.
 */
TF_API int tf_copies_add(struct tf_copies *c, unsigned lane, uint64_t work, uint64_t updated,
                         uint64_t order, struct tf_error *err);

/*
 * As tf_copies_add, with a `tag` the caller chooses (the engine packs a
 * work's year and citations in it), handed back for the winning copy of
 * each work by tf_copies_resolve_each.
 */
TF_API int tf_copies_add_tagged(struct tf_copies *c, unsigned lane, uint64_t work, uint64_t updated,
                                uint64_t order, uint64_t tag, struct tf_error *err);

/*
 * Decides the winner of every work and frees the disk. Call once, after the
 * last tf_copies_add. Returns 0, TF_ERR_IO or TF_ERR_NOMEM.
 */
TF_API int tf_copies_resolve(struct tf_copies *c, struct tf_error *err);

/*
 * As tf_copies_resolve, calling winner(ctx, tag) once for the copy that
 * counts of every work, in an order that depends on the works alone (not on
 * lanes or threads). A negative return from `winner` (TF_ERR_NOMEM) stops it.
 */
TF_API int tf_copies_resolve_each(struct tf_copies *c, int (*winner)(void *ctx, uint64_t tag),
                                  void *ctx, struct tf_error *err);

/*
 * For a run spread over processes, where the copies of one work may be read
 * by different processes: calls fn(ctx, work, updated, order, tag) for
 * every copy registered, partition by partition, and frees the disk; the
 * registry then takes no more copies and waits for tf_copies_set_lost.
 * Stops at fn's first nonzero return and returns it. Returns 0, TF_ERR_IO
 * or TF_ERR_NOMEM.
 */
TF_API int tf_copies_each(struct tf_copies *c,
                          int (*fn)(void *ctx, uint64_t work, uint64_t updated, uint64_t order,
                                    uint64_t tag),
                          void *ctx, struct tf_error *err);

/*
 * After tf_copies_resolve: the orders of the superseded copies, sorted
 * ascending (*n of them; valid until tf_copies_free).
 */
TF_API const uint64_t *tf_copies_lost(const struct tf_copies *c, size_t *n);

/*
 * Resolves the registry with the superseded copies decided elsewhere:
 * `lost` holds n orders sorted ascending (copied). Returns 0 or
 * TF_ERR_NOMEM.
 */
TF_API int tf_copies_set_lost(struct tf_copies *c, const uint64_t *lost, size_t n,
                              struct tf_error *err);

/* Nonzero when the copy registered with `order` lost to another copy of its work. */
TF_API int tf_copies_superseded(const struct tf_copies *c, uint64_t order);

/* Copies registered, and copies superseded (after tf_copies_resolve). */
TF_API uint64_t tf_copies_count(const struct tf_copies *c);
TF_API uint64_t tf_copies_count_superseded(const struct tf_copies *c);

/* Removes the folder and frees everything. Accepts NULL. */
TF_API void tf_copies_free(struct tf_copies *c);

/*
 * The read order of record number `record` (1-based) of the input file of
 * rank `rank` in the sorted list of inputs: rank in the high 24 bits, the
 * record in the low 40.
 */
static inline uint64_t tf_copies_order(uint32_t rank, uint64_t record)
{
    return ((uint64_t)rank << 40) | (record & ((UINT64_C(1) << 40) - 1));
}

#ifdef __cplusplus
}
#endif
#endif
