/*
 * talentflow/merged.h - OpenAlex merged ids: the same person or work under an
 * old id.
 *
 * OpenAlex merges duplicate entities and publishes what it merged as
 * merged_ids/<entity>/<date>.csv.gz with the header merge_date,id,merge_into_id.
 * An author id that was merged stands for the author it was merged into; a
 * work id that was merged is a duplicate of another work and is dropped (the
 * surviving work carries the evidence). This table holds both kinds, read
 * from those files, and answers the two questions the readers' records need.
 *
 * How to use:
 *   struct tf_merged *m = NULL;
 *   tf_merged_new(&m, &err);
 *   tf_merged_load(m, "snapshot/data/merged_ids", &skips, &err);  // files or folders
 *   tf_merged_finish(m, &err);
 *   person = tf_merged_person(m, person);       // the id it was merged into
 *   if (tf_merged_work_gone(m, work)) ...       // drop the record
 *   tf_merged_free(m);
 *
 * Memory: 16 bytes per merged author and 8 per merged work. Loading is done
 * by one thread; after tf_merged_finish the table is read-only and may be
 * queried from any thread.
 */
#ifndef TALENTFLOW_MERGED_H
#define TALENTFLOW_MERGED_H

#include "talentflow/export.h"

#include <stdint.h>

#include "talentflow/error.h"

#ifdef __cplusplus
extern "C" {
#endif

struct tf_merged; /* opaque */

/* Creates an empty table. Returns 0 or TF_ERR_NOMEM. */
TF_API int tf_merged_new(struct tf_merged **out, struct tf_error *err);

/*
 * Reads `path`: a .csv or .csv.gz file, or a folder walked recursively for
 * them. Rows whose id is an author ("A123", or its URL) or a work ("W123")
 * are kept; other entities are ignored. A row that is not three fields with
 * a valid id pair is skipped and counted as TF_SKIP_BAD_CSV_ROW in `skips`
 * (may be NULL) with its file and line. Returns 0, or TF_ERR_IO /
 * TF_ERR_FORMAT / TF_ERR_NOMEM with `err` naming the file.
 */
TF_API int tf_merged_load(struct tf_merged *m, const char *path, struct tf_skips *skips,
                          struct tf_error *err);

/*
 * Sorts the table and follows chains (A1 merged into A2, A2 into A3: A1
 * stands for A3). Call once after the last load. Returns 0 or TF_ERR_NOMEM.
 */
TF_API int tf_merged_finish(struct tf_merged *m, struct tf_error *err);

/* The person key `person` stands for: the merge target, or `person` itself. */
TF_API uint64_t tf_merged_person(const struct tf_merged *m, uint64_t person);

/* Nonzero when work key `work` was merged into another work. */
TF_API int tf_merged_work_gone(const struct tf_merged *m, uint64_t work);

/* Merged authors and merged works in the table. */
TF_API uint64_t tf_merged_authors(const struct tf_merged *m);
TF_API uint64_t tf_merged_works(const struct tf_merged *m);

/* Frees the table. Accepts NULL. */
TF_API void tf_merged_free(struct tf_merged *m);

#ifdef __cplusplus
}
#endif
#endif
