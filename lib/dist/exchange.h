/*
 * exchange.h - records of a fixed size sent from every rank to the rank
 * that owns them, in rounds of bounded size (MPI_Alltoallv), so memory does
 * not grow with the data: each round sends at most `batch` bytes to each
 * rank, and rounds go on until no rank has anything left.
 *
 * The records come from files (read in order, one after the other) and are
 * handed to `deliver` on their owner in the order of the sending ranks.
 */
#ifndef TF_DIST_EXCHANGE_H
#define TF_DIST_EXCHANGE_H

#include <mpi.h>
#include <stddef.h>

#include "talentflow/error.h"

struct tf_exchange {
    MPI_Comm comm;
    int rank, size;
    size_t item;  /* bytes per record */
    size_t batch; /* records per destination per round */
    /* The rank that owns a record. */
    int (*owner)(void *ctx, const void *rec);
    /* Takes n records received (in sending-rank order); nonzero stops with that status. */
    int (*deliver)(void *ctx, const void *recs, size_t n, struct tf_error *err);
    void *ctx;
};

/*
 * Sends every record of the files paths[0..n) to its owner; collective
 * (every rank calls it, with its own files). A missing file counts as empty.
 * Returns 0 or a negative status with `err` filled (then the job must be
 * aborted: the other ranks wait in the next round).
 */
int tf_exchange_files(const struct tf_exchange *x, char *const *paths, size_t n,
                      struct tf_error *err);

#endif
