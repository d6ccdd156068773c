/*
 * talentflow/dist.h - one run spread over several processes with MPI
 * (built with -DTF_WITH_MPI=ON; docs/scale.md).
 *
 * Every process ("rank") reads its share of the input files, spills the
 * observations by person as a single process does, and hands the
 * partitions it does not own to their owners (rank r owns the partitions p
 * with p % size == r) in batches of bounded size. The copies of works are
 * decided over all ranks (each work by one rank, by a hash of its key), so
 * are the citation ranks of talent pools; each rank measures its own
 * partitions, and rank 0 adds up the measures and counts of all ranks in
 * rank order. Rank 0's results, counts and skips are those of one process
 * reading everything, byte for byte once written.
 *
 * How to use (each rank runs the same program):
 *   if (tf_dist_launched()) tf_dist_init(&d, &argc, &argv, &err);
 *   o.lanes = readers + 1;                         // one more lane: the exchange's
 *   tf_engine_new(&e, &o, &err);
 *   struct tf_ingest_opts io = {.lanes = readers,
 *                               .shard = tf_dist_rank(d), .shards = tf_dist_size(d)};
 *   tf_ingest_run(in, &io, add_record, e, &err);
 *   tf_dist_finish(d, e, readers, in, &r, &read, &err);   // r: rank 0 only
 *   ... rank 0 writes the outputs ...
 *   tf_dist_free(d);                                // MPI_Finalize
 * A failure on any rank must end every rank: tf_dist_abort (after printing).
 *
 * MPI is called from the thread that called tf_dist_init only.
 */
#ifndef TALENTFLOW_DIST_H
#define TALENTFLOW_DIST_H

#include "talentflow/export.h"

#include <stdint.h>

#include "talentflow/engine.h"
#include "talentflow/error.h"
#include "talentflow/ingest.h"

#ifdef __cplusplus
extern "C" {
#endif

struct tf_dist; /* opaque */

/*
 * Nonzero when the environment says this process was started by an MPI
 * launcher: mpirun (OMPI_COMM_WORLD_SIZE, PMIX_RANK, PMI_SIZE) or Slurm's
 * srun with more than one task (SLURM_PROCID and SLURM_NTASKS > 1).
 */
TF_API int tf_dist_launched(void);

/*
 * Initialises MPI (MPI_Init_thread, funneled) and fills *out. `argc` and
 * `argv` are handed to MPI_Init_thread. Returns 0, or TF_ERR_IO when MPI
 * does not start, TF_ERR_NOMEM.
 */
TF_API int tf_dist_init(struct tf_dist **out, int *argc, char ***argv, struct tf_error *err);

/* This process's rank and the number of ranks. */
TF_API unsigned tf_dist_rank(const struct tf_dist *d);
TF_API unsigned tf_dist_size(const struct tf_dist *d);

/* What the ranks read, added up over all ranks (as tf_ingest_records etc. of one process). */
struct tf_dist_read {
    uint64_t records;
    uint64_t bytes;
    uint64_t remapped;
    struct tf_skips skips; /* places: the first of each reason in file order */
    uint64_t *crc;         /* per input file, as tf_ingest_crc (malloc'd; the caller frees it) */
};

/*
 * After each rank read its share with tf_ingest_run (shard = rank, shards =
 * size) through reader lanes [0, lanes) of engine `e` (made with
 * opts.lanes = lanes + 1): exchanges the partitions (and with `persons` the
 * persons' id strings, and then their rows to rank 0),
 * decides the copies of works and the citation ranks over all ranks,
 * measures, and gathers everything to rank 0, which gets the results of the
 * whole run in *out and the read totals in *read (other ranks: *out NULL).
 * Collective: every rank calls it. Returns 0 or a negative status with
 * `err` filled; then call tf_dist_abort, since the other ranks wait.
 */
TF_API int tf_dist_finish(struct tf_dist *d, struct tf_engine *e, unsigned lanes,
                          const struct tf_ingest *in, struct tf_results **out,
                          struct tf_dist_read *read, struct tf_error *err);

/* Waits until every rank got here (after rank 0 wrote the outputs). */
TF_API void tf_dist_barrier(struct tf_dist *d);

/* Ends every rank of the job with exit status `code` (MPI_Abort). Does not return. */
TF_API void tf_dist_abort(struct tf_dist *d, int code);

/* Finalises MPI and frees `d`. Accepts NULL. */
TF_API void tf_dist_free(struct tf_dist *d);

#ifdef __cplusplus
}
#endif
#endif
