/*
 * exchange.c - the bounded all-to-all of records read from files.
 *
 * Every round, each rank fills one buffer per destination from its files
 * until a buffer is full or the files end, tells every rank how much comes
 * (MPI_Alltoall), sends (MPI_Alltoallv), delivers what it received, and
 * asks whether any rank has more (MPI_Allreduce). A rank with nothing left
 * still takes part in the rounds of the others.
 */
#include "dist/exchange.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The reading side: the files, the one open, and a record read but not yet placed. */
struct source {
    char *const *paths;
    size_t n, at;
    FILE *f;
    unsigned char *held;
    int has_held;
};

/* Reads the next record into s->held; returns 1, 0 at the end, or TF_ERR_IO. */
static int source_next(struct source *s, size_t item, struct tf_error *err)
{
    while (s->at < s->n) {
        if (!s->f && !(s->f = fopen(s->paths[s->at], "rb"))) {
            if (errno != ENOENT)
                return tf_error_set(err, TF_ERR_IO, s->paths[s->at], 0, "cannot open: %s",
                                    strerror(errno));
            s->at++;
            continue;
        }
        size_t got = fread(s->held, 1, item, s->f);
        if (got == item)
            return 1;
        int bad = ferror(s->f) || got != 0;
        fclose(s->f);
        s->f = NULL;
        if (bad)
            return tf_error_set(err, TF_ERR_IO, s->paths[s->at], 0, "cannot read back");
        s->at++;
    }
    return 0;
}

/* Fills the send buffers; *more says whether records remain. Returns 0 or TF_ERR_IO. */
static int fill(const struct tf_exchange *x, struct source *s, unsigned char *send, int *counts,
                int *more, struct tf_error *err)
{
    size_t cap = x->batch * x->item;
    for (;;) {
        if (!s->has_held) {
            int got = source_next(s, x->item, err);
            if (got < 0)
                return got;
            if (got == 0) {
                *more = 0;
                return 0;
            }
            s->has_held = 1;
        }
        int to = x->owner(x->ctx, s->held);
        if ((size_t)counts[to] + x->item > cap) {
            *more = 1;
            return 0;
        }
        memcpy(send + (size_t)to * cap + (size_t)counts[to], s->held, x->item);
        counts[to] += (int)x->item;
        s->has_held = 0;
    }
}

/* One round: counts, data, delivery. Returns 0 or deliver's status. */
static int round_trip(const struct tf_exchange *x, unsigned char *send, int *scount, int *sdispl,
                      unsigned char *recv, int *rcount, int *rdispl, struct tf_error *err)
{
    int cap = (int)(x->batch * x->item);
    MPI_Alltoall(scount, 1, MPI_INT, rcount, 1, MPI_INT, x->comm);
    for (int r = 0; r < x->size; r++) {
        sdispl[r] = r * cap;
        rdispl[r] = r * cap;
    }
    MPI_Alltoallv(send, scount, sdispl, MPI_BYTE, recv, rcount, rdispl, MPI_BYTE, x->comm);
    int rc = 0;
    for (int r = 0; r < x->size && rc == 0; r++)
        if (rcount[r])
            rc = x->deliver(x->ctx, recv + rdispl[r], (size_t)rcount[r] / x->item, err);
    return rc;
}

int tf_exchange_files(const struct tf_exchange *x, char *const *paths, size_t n,
                      struct tf_error *err)
{
    size_t cap = x->batch * x->item, size = (size_t)x->size;
    struct source s = {.paths = paths, .n = n};
    unsigned char *send = malloc(size * cap), *recv = malloc(size * cap);
    int *ints = calloc(4 * size, sizeof(int));
    s.held = malloc(x->item);
    int rc = send && recv && ints && s.held
                 ? 0
                 : tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory for the exchange");
    int more = 1, any = 1;
    while (rc == 0 && any) {
        memset(ints, 0, size * sizeof(int));
        if (more)
            rc = fill(x, &s, send, ints, &more, err);
        if (rc == 0)
            rc =
                round_trip(x, send, ints, ints + size, recv, ints + 2 * size, ints + 3 * size, err);
        int mine = rc == 0 && more;
        MPI_Allreduce(&mine, &any, 1, MPI_INT, MPI_MAX, x->comm);
    }
    if (s.f)
        fclose(s.f);
    free(s.held);
    free(send);
    free(recv);
    free(ints);
    return rc;
}
