/*
 * reduce.c - partial results to rank 0.
 *
 * A rank's measures travel as words: for each map its entries (key, then
 * the slot's counters), after the people and moves of each pool and the
 * engine's counts. Every count is an integer, so adding them in any order
 * gives the single-process numbers; rank 0 adds them in rank order anyway.
 *
 * The places of skipped input are the first TF_SKIP_EXAMPLES of each reason
 * in file order. A rank reads a subsequence of the files, so the first
 * places of all are among the first places of each rank: each rank sends
 * its own with the file they are in, and rank 0 keeps the earliest.
 */
#include "dist/reduce.h"

#include <stdlib.h>
#include <string.h>

#include "ingest/ingest_int.h"
#include "util/buf.h"

/* A growable array of words. */
struct words {
    uint64_t *v;
    size_t n, cap;
};

static int put(struct words *w, uint64_t x)
{
    if (tf_grow((void **)&w->v, &w->cap, w->n + 1, sizeof(*w->v)) < 0)
        return TF_ERR_NOMEM;
    w->v[w->n++] = x;
    return 0;
}

static int put_map(struct words *w, const struct tf_map *m)
{
    size_t pos = 0, words = m->val_size / sizeof(uint64_t);
    uint64_t key;
    void *val;
    int rc = put(w, m->n);
    while (rc == 0 && tf_map_next(m, &pos, &key, &val)) {
        rc = put(w, key);
        for (size_t i = 0; rc == 0 && i < words; i++)
            rc = put(w, ((const uint64_t *)val)[i]);
    }
    return rc;
}

/* The maps of an accumulator, in the order they travel. */
static struct tf_map *acc_map(struct tf_acc *a, int i)
{
    struct tf_map *maps[] = {&a->cy,      &a->flows, &a->classes, &a->where,
                             &a->returns, &a->stays, &a->pipeline};
    return i < 7 ? maps[i] : NULL;
}

static int pack(struct tf_acc *a, const struct tf_engine_counts *c, struct words *w)
{
    int rc = put(w, c->observations);
    rc = rc ? rc : put(w, c->kept);
    for (int r = 0; rc == 0 && r < TF_SKIP_COUNT; r++)
        rc = put(w, c->skips.n[r]);
    for (unsigned p = 0; rc == 0 && p < TF_ACC_POOLS; p++) {
        rc = put(w, a->people[p]);
        rc = rc ? rc : put(w, a->moves[p]);
    }
    for (int i = 0; rc == 0 && acc_map(a, i); i++)
        rc = put_map(w, acc_map(a, i));
    return rc;
}

/* Adds one rank's words v[0..n) into `a` and `c`. Returns 0 or TF_ERR_NOMEM / TF_ERR_INTERNAL. */
static int unpack(const uint64_t *v, size_t n, struct tf_acc *a, struct tf_engine_counts *c)
{
    size_t at = 0, head = 2 + TF_SKIP_COUNT + 2 * TF_ACC_POOLS;
    if (n < head)
        return TF_ERR_INTERNAL;
    c->observations += v[at++];
    c->kept += v[at++];
    for (int r = 0; r < TF_SKIP_COUNT; r++)
        c->skips.n[r] += v[at++];
    for (unsigned p = 0; p < TF_ACC_POOLS; p++) {
        a->people[p] += v[at++];
        a->moves[p] += v[at++];
    }
    for (int i = 0; acc_map(a, i); i++) {
        struct tf_map *m = acc_map(a, i);
        size_t words = m->val_size / sizeof(uint64_t);
        if (at >= n)
            return TF_ERR_INTERNAL;
        uint64_t entries = v[at++];
        if (entries > (n - at) / (1 + words))
            return TF_ERR_INTERNAL;
        for (uint64_t e = 0; e < entries; e++, at += 1 + words)
            if (tf_map_add_counts(m, v[at], v + at + 1) < 0)
                return TF_ERR_NOMEM;
    }
    return at == n ? 0 : TF_ERR_INTERNAL;
}

/* Gathers each rank's words on rank 0: *all (rank 0: every rank's, one after the other). */
static int gather_words(MPI_Comm comm, const struct words *w, uint64_t **all, int **counts,
                        int **displs)
{
    int rank, size;
    MPI_Comm_rank(comm, &rank);
    MPI_Comm_size(comm, &size);
    int n = (int)w->n, total = 0;
    *all = NULL;
    *counts = rank == 0 ? calloc((size_t)size, sizeof(int)) : NULL;
    *displs = rank == 0 ? calloc((size_t)size, sizeof(int)) : NULL;
    int ok = rank != 0 || (*counts && *displs);
    MPI_Gather(&n, 1, MPI_INT, ok ? *counts : NULL, 1, MPI_INT, 0, comm);
    for (int r = 0; rank == 0 && ok && r < size; r++) {
        (*displs)[r] = total;
        total += (*counts)[r];
    }
    if (rank == 0 && ok && !(*all = malloc(((size_t)total + 1) * sizeof(uint64_t))))
        ok = 0;
    MPI_Gatherv(w->v, n, MPI_UINT64_T, *all, *counts, *displs, MPI_UINT64_T, 0, comm);
    return ok ? 0 : TF_ERR_NOMEM;
}

int tf_reduce_measures(MPI_Comm comm, struct tf_acc *acc, struct tf_engine_counts *counts,
                       struct tf_error *err)
{
    int rank, size;
    MPI_Comm_rank(comm, &rank);
    MPI_Comm_size(comm, &size);
    struct words w = {NULL, 0, 0};
    uint64_t *all = NULL;
    int *n = NULL, *at = NULL;
    int rc = rank == 0 ? 0 /* rank 0 keeps its own */ : pack(acc, counts, &w);
    int rc2 = gather_words(comm, &w, &all, &n, &at);
    rc = rc ? rc : rc2;
    for (int r = 1; rank == 0 && rc == 0 && r < size; r++)
        rc = unpack(all + at[r], (size_t)n[r], acc, counts);
    free(w.v);
    free(all);
    free(n);
    free(at);
    if (rc < 0)
        return tf_error_set(err, rc, NULL, 0, "%s adding up the ranks' measures",
                            rc == TF_ERR_NOMEM ? "out of memory" : "broken message");
    return 0;
}

/* One place of a skipped input, with the file it is in (index + 1; 0: merged ids). */
struct place {
    uint64_t reason;
    uint64_t file;
    uint64_t seq; /* its place among the rank's places of the reason: file order */
    struct tf_error where;
};

static int cmp_place(const void *pa, const void *pb)
{
    const struct place *a = pa, *b = pb;
    if (a->reason != b->reason)
        return a->reason < b->reason ? -1 : 1;
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* This rank's places (the merged ids' only on rank 0), in (reason, file) order. */
static size_t own_places(const struct tf_ingest *in, int rank, struct place *out)
{
    size_t n = 0;
    for (int r = 0; r < TF_SKIP_COUNT; r++)
        for (uint64_t k = 0; k < in->skips.n[r] && k < TF_SKIP_EXAMPLES; k++)
            if (rank == 0 || in->first_file[r][k])
                out[n++] =
                    (struct place){(uint64_t)r, in->first_file[r][k], k, in->skips.first[r][k]};
    return n;
}

/* Rank 0: keeps the first places of each reason from the sorted v[0..n). */
static void keep_first(struct tf_skips *s, struct place *v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_place);
    uint64_t kept[TF_SKIP_COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
        uint64_t r = v[i].reason;
        if (kept[r] < TF_SKIP_EXAMPLES && kept[r] < s->n[r])
            s->first[r][kept[r]++] = v[i].where;
    }
}

/*
 * The files' checksums to rank 0 (read->crc): each file was read by one rank
 * and is 0 on the others, so a sum gives it. In slices, so the reduction
 * itself needs no memory. Returns 0, or -1 when rank 0 has no memory for them.
 */
static int reduce_crc(MPI_Comm comm, int rank, const struct tf_ingest *in,
                      struct tf_dist_read *read)
{
    enum { SLICE = 512 };
    uint64_t mine[SLICE], sum[SLICE];
    size_t n = in->paths.n;
    uint64_t *crc = rank == 0 ? calloc(n + 1, sizeof(*crc)) : NULL;
    for (size_t at = 0; at < n; at += SLICE) {
        size_t k = n - at < SLICE ? n - at : SLICE;
        for (size_t i = 0; i < k; i++)
            mine[i] = in->crc ? in->crc[at + i] : 0;
        MPI_Reduce(mine, sum, (int)k, MPI_UINT64_T, MPI_SUM, 0, comm);
        if (crc)
            memcpy(crc + at, sum, k * sizeof(*crc));
    }
    if (rank == 0)
        read->crc = crc;
    return rank == 0 && !crc ? -1 : 0;
}

int tf_reduce_read(MPI_Comm comm, const struct tf_ingest *in, struct tf_dist_read *read,
                   struct tf_error *err)
{
    int rank, size;
    MPI_Comm_rank(comm, &rank);
    MPI_Comm_size(comm, &size);
    enum { MAXP = TF_SKIP_COUNT * TF_SKIP_EXAMPLES };
    uint64_t mine[3 + TF_SKIP_COUNT], sum[3 + TF_SKIP_COUNT];
    mine[0] = in->records;
    mine[1] = in->bytes;
    mine[2] = in->remapped;
    for (int r = 0; r < TF_SKIP_COUNT; r++)
        mine[3 + r] = in->skips.n[r] - (rank ? in->load_skips[r] : 0);
    MPI_Reduce(mine, sum, 3 + TF_SKIP_COUNT, MPI_UINT64_T, MPI_SUM, 0, comm);
    struct place *own = calloc(MAXP, sizeof(*own));
    struct place *all = rank == 0 ? calloc((size_t)size * MAXP, sizeof(*all)) : NULL;
    int ok = own && (rank != 0 || all);
    size_t n = ok ? own_places(in, rank, own) : 0;
    int bytes = (int)(n * sizeof(*own)), *counts = NULL, *displs = NULL;
    if (rank == 0 && ok) {
        counts = calloc((size_t)size, sizeof(int));
        displs = calloc((size_t)size, sizeof(int));
        ok = counts && displs;
    }
    MPI_Gather(&bytes, 1, MPI_INT, counts, 1, MPI_INT, 0, comm);
    for (int r = 0, at = 0; rank == 0 && ok && r < size; at += counts[r++])
        displs[r] = at;
    MPI_Gatherv(own, bytes, MPI_BYTE, all, counts, displs, MPI_BYTE, 0, comm);
    if (rank == 0 && ok) {
        size_t total = 0;
        for (int r = 0; r < size; r++)
            total += (size_t)counts[r] / sizeof(*all);
        memset(read, 0, sizeof(*read));
        tf_skips_init(&read->skips);
        read->records = sum[0];
        read->bytes = sum[1];
        read->remapped = sum[2];
        for (int r = 0; r < TF_SKIP_COUNT; r++)
            read->skips.n[r] = sum[3 + r];
        keep_first(&read->skips, all, total);
    }
    free(own);
    free(all);
    free(counts);
    free(displs);
    if (reduce_crc(comm, rank, in, read) < 0)
        ok = 0;
    return ok ? 0 : tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory adding up the reads");
}
