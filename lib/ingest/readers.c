/*
 * readers.c - the reader pool: lanes take files from a shared counter, the
 * largest first, and hand records to the caller. Largest first keeps a big
 * file from being taken last and read on one core while the others wait.
 *
 * Each file's counts are kept aside until every earlier file is done, then
 * folded in, so the totals and the first places of bad input are the same
 * whatever the timing. Progress is counted in shared atomics, every 1024
 * records, and reported from lane 0 only.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest/ingest_int.h"
#include "talentflow/copies.h"

#define PROGRESS_EVERY 0x400u

/* What reading one file counted; folded into the ingest in file order. */
struct file_result {
    struct tf_skips skips;
    uint64_t records;
    uint64_t bytes;
    uint64_t remapped;
    uint64_t crc; /* TF_CRC_KNOWN | CRC-32 of the file, when it was read whole */
};

struct readers {
    struct tf_ingest *in;
    struct tf_ingest_opts opts;
    tf_ingest_record_fn *fn;
    void *ctx;
    uint32_t *rank; /* each file's place (from 1) in the inputs sorted by path */
    size_t *order;  /* the files in the order lanes take them */
    pthread_mutex_t lock;
    size_t next;       /* next place in `order` to read */
    size_t left;       /* files this process reads that no lane has taken yet */
    unsigned threads;  /* opts.threads, or the lanes */
    size_t next_merge; /* next file to fold into `in` */
    struct file_result **done;
    int stop;
    int status;
    struct tf_error err;
    atomic_uint_fast64_t live_records, live_bytes;
};

/* Folds finished files into the ingest, in file order. Called with the lock held. */
static void merge_ready(struct readers *rs)
{
    struct tf_ingest *in = rs->in;
    while (rs->next_merge < in->paths.n && rs->done[rs->next_merge]) {
        struct file_result *r = rs->done[rs->next_merge];
        for (int k = 0; k < TF_SKIP_COUNT; k++)
            for (uint64_t j = in->skips.n[k]; j < TF_SKIP_EXAMPLES; j++)
                in->first_file[k][j] = (uint32_t)rs->next_merge + 1;
        tf_skips_merge(&in->skips, &r->skips);
        in->records += r->records;
        in->bytes += r->bytes;
        in->remapped += r->remapped;
        in->crc[rs->next_merge] = r->crc;
        free(r);
        rs->done[rs->next_merge++] = NULL;
    }
}

/* Adds to the live counters and, on lane 0, reports them. */
static void note_progress(struct readers *rs, unsigned lane, uint64_t records, uint64_t bytes)
{
    atomic_fetch_add(&rs->live_records, records);
    atomic_fetch_add(&rs->live_bytes, bytes);
    if (lane == 0 && rs->opts.progress)
        rs->opts.progress(rs->opts.progress_ctx, atomic_load(&rs->live_records),
                          atomic_load(&rs->live_bytes));
}

/* Whether this process reads file `i` (under MPI, each rank reads its share). */
static int is_mine(const struct readers *rs, size_t i)
{
    if (rs->opts.shards <= 1)
        return 1;
    if (strcmp(rs->in->paths.v[i], "-") == 0)
        return rs->opts.shard == 0;
    return i % rs->opts.shards == rs->opts.shard;
}

/*
 * Reads file `i` through `lane`; returns a library status. `ahead`: fewer
 * files are left than threads, so the file decodes on a thread of its own
 * instead of leaving a core idle.
 */
static int read_file(struct readers *rs, unsigned lane, size_t i, int ahead,
                     struct file_result *res, struct tf_error *err)
{
    struct tf_ingest *in = rs->in;
    struct tf_source_opts opts = {rs->opts.strict, rs->opts.max_line, in->merged,
                                  rs->opts.link_orcid, ahead};
    struct tf_source *src = NULL;
    struct tf_record rec;
    uint64_t shown = 0;
    int rc = tf_source_open(&src, in->paths.v[i], in->formats[i], &opts, &res->skips, err);
    while (rc == 0 && !rs->stop) {
        int got = tf_source_next(src, &rec, err);
        if (got <= 0) {
            rc = got;
            break;
        }
        res->records++;
        rc = rs->fn(rs->ctx, lane, &rec, tf_copies_order(rs->rank[i], res->records), err);
        if ((res->records % PROGRESS_EVERY) == 0) {
            uint64_t b = tf_source_bytes(src);
            note_progress(rs, lane, PROGRESS_EVERY, b - shown);
            shown = b;
        }
    }
    res->bytes = src ? tf_source_bytes(src) : 0;
    res->remapped = src ? tf_source_remapped(src) : 0;
    uint32_t crc;
    if (rc == 0 && !rs->stop && src && tf_source_file_crc(src, &crc) == 0)
        res->crc = TF_CRC_KNOWN | crc;
    atomic_fetch_add(&rs->live_bytes, res->bytes - shown);
    tf_source_free(src);
    return rc;
}

struct lane_arg {
    struct readers *rs;
    unsigned lane;
};

static void *lane_main(void *arg)
{
    struct lane_arg *la = arg;
    struct readers *rs = la->rs;
    struct tf_error err;
    for (;;) {
        pthread_mutex_lock(&rs->lock);
        int go = !rs->stop && rs->next < rs->in->paths.n;
        size_t i = go ? rs->order[rs->next++] : 0;
        int mine = go && is_mine(rs, i);
        rs->left -= (size_t)mine;
        int ahead = mine && rs->left + 1 < rs->threads;
        pthread_mutex_unlock(&rs->lock);
        if (!go)
            break;
        struct file_result *res = calloc(1, sizeof(*res));
        tf_error_init(&err);
        int rc = !res   ? tf_error_set(&err, TF_ERR_NOMEM, rs->in->paths.v[i], 0, "out of memory")
                 : mine ? read_file(rs, la->lane, i, ahead, res, &err)
                        : 0;
        pthread_mutex_lock(&rs->lock);
        if (rc < 0 && rs->status == 0) {
            rs->status = rc;
            rs->err = err;
            rs->stop = 1;
        }
        rs->done[i] = res;
        merge_ready(rs);
        pthread_mutex_unlock(&rs->lock);
    }
    return NULL;
}

/* Runs `lanes` reader threads (the caller's thread is lane 0). */
static void run_lanes(struct readers *rs, unsigned lanes)
{
    pthread_t tids[TF_INGEST_MAX_LANES];
    struct lane_arg args[TF_INGEST_MAX_LANES];
    unsigned started = 0;
    for (unsigned l = 0; l < lanes; l++)
        args[l] = (struct lane_arg){rs, l};
    for (unsigned l = 1; l < lanes; l++, started++)
        if (pthread_create(&tids[started], NULL, lane_main, &args[l]) != 0)
            break;
    lane_main(&args[0]);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
}

struct ranked {
    const char *path;
    uint32_t index;
};

static int cmp_ranked(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;
    int c = strcmp(a->path, b->path);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

/* rank[i]: the place of file i (from 1) in the inputs sorted by path; ties: list order. */
static uint32_t *rank_files(const struct tf_paths *p)
{
    struct ranked *by = malloc((p->n + 1) * sizeof(*by));
    uint32_t *rank = malloc((p->n + 1) * sizeof(*rank));
    if (by && rank) {
        for (size_t i = 0; i < p->n; i++)
            by[i] = (struct ranked){p->v[i], (uint32_t)i};
        qsort(by, p->n, sizeof(*by), cmp_ranked);
        for (size_t i = 0; i < p->n; i++)
            rank[by[i].index] = (uint32_t)i + 1;
    }
    if (!by) {
        free(rank);
        rank = NULL;
    }
    free(by);
    return rank;
}

struct sized {
    uint64_t size;
    size_t index;
};

static int cmp_sized(const void *pa, const void *pb)
{
    const struct sized *a = pa, *b = pb;
    if (a->size != b->size)
        return a->size < b->size ? 1 : -1;
    return (a->index > b->index) - (a->index < b->index);
}

/*
 * The order lanes take the files in: with more than one lane, largest first,
 * ties in list order (standard input, whose size is unknown, first; a file
 * that cannot be looked at last, where opening it reports why); one lane
 * reads in list order.
 */
static size_t *order_files(const struct tf_paths *p, unsigned lanes)
{
    struct sized *by = malloc((p->n + 1) * sizeof(*by));
    size_t *order = malloc((p->n + 1) * sizeof(*order));
    if (by && order) {
        for (size_t i = 0; i < p->n; i++) {
            struct stat st;
            uint64_t size = lanes < 2                   ? 0
                            : strcmp(p->v[i], "-") == 0 ? UINT64_MAX
                            : stat(p->v[i], &st) == 0   ? (uint64_t)st.st_size
                                                        : 0;
            by[i] = (struct sized){size, i};
        }
        qsort(by, p->n, sizeof(*by), cmp_sized);
        for (size_t i = 0; i < p->n; i++)
            order[i] = by[i].index;
    }
    if (!by) {
        free(order);
        order = NULL;
    }
    free(by);
    return order;
}

/* At least one lane, at most one per file and TF_INGEST_MAX_LANES. */
static unsigned clamp_lanes(unsigned lanes, size_t files)
{
    size_t n = lanes < files ? lanes : files;
    n = n < TF_INGEST_MAX_LANES ? n : TF_INGEST_MAX_LANES;
    return n ? (unsigned)n : 1;
}

int tf_ingest_run(struct tf_ingest *in, const struct tf_ingest_opts *opts, tf_ingest_record_fn *fn,
                  void *ctx, struct tf_error *err)
{
    if (in->ran)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "inputs already read");
    in->ran = 1;
    int rc = tf_ingest_load_merged(in, err);
    if (rc < 0)
        return rc;
    memcpy(in->load_skips, in->skips.n, sizeof(in->load_skips));
    struct readers rs = {.in = in, .fn = fn, .ctx = ctx};
    if (opts)
        rs.opts = *opts;
    rs.rank = rank_files(&in->paths);
    unsigned lanes = clamp_lanes(rs.opts.lanes, in->paths.n);
    rs.order = order_files(&in->paths, lanes);
    rs.done = calloc(in->paths.n + 1, sizeof(*rs.done));
    in->crc = calloc(in->paths.n + 1, sizeof(*in->crc));
    if (!rs.rank || !rs.order || !rs.done || !in->crc) {
        free(rs.rank);
        free(rs.order);
        free(rs.done);
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t i = 0; i < in->paths.n; i++)
        rs.left += (size_t)is_mine(&rs, i);
    rs.threads = rs.opts.threads ? rs.opts.threads : rs.opts.lanes;
    pthread_mutex_init(&rs.lock, NULL);
    run_lanes(&rs, lanes);
    pthread_mutex_destroy(&rs.lock);
    for (size_t i = 0; i < in->paths.n; i++)
        free(rs.done[i]);
    free(rs.done);
    free(rs.order);
    free(rs.rank);
    if (rs.status < 0 && err)
        *err = rs.err;
    return rs.status;
}
