/*
 * reduce.h - the partial results of every rank added up on rank 0: the
 * measures (struct tf_acc), the engine's counts and what the readers read.
 */
#ifndef TF_DIST_REDUCE_H
#define TF_DIST_REDUCE_H

#include <mpi.h>

#include "engine/engine_steps.h"
#include "talentflow/dist.h"
#include "talentflow/ingest.h"

/*
 * Adds every rank's `acc` and `counts` into rank 0's (in rank order; the
 * others' are left as they were). Collective. Returns 0 or TF_ERR_NOMEM.
 */
int tf_reduce_measures(MPI_Comm comm, struct tf_acc *acc, struct tf_engine_counts *counts,
                       struct tf_error *err);

/*
 * Fills rank 0's *read with the read totals of all ranks: counts added up,
 * the merged-id files' skips once, and for each reason the first places in
 * file order. Collective. Returns 0 or TF_ERR_NOMEM.
 */
int tf_reduce_read(MPI_Comm comm, const struct tf_ingest *in, struct tf_dist_read *read,
                   struct tf_error *err);

#endif
