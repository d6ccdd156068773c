/*
 * dist.c - the MPI driver: starting, the steps of a spread run, ending.
 *
 * The steps after reading, in order, each collective:
 *   1. the observations of partitions a rank does not own go to their owner,
 *      which spills them through its exchange lane;
 *   2. every registered copy of a work goes to the rank that owns the work
 *      (a hash of its key), which decides the copies of its works and counts
 *      the winners' citations; the superseded copies are shared with every
 *      rank (any rank may hold their observations) and the citation counts
 *      added up on every rank, which then fixes the same ranks;
 *   3. each rank measures its partitions; rank 0 adds up the measures, the
 *      engine's counts and the read totals.
 * With the persons table (--persons), the persons' id strings travel with
 * their observations in step 1, and in step 3 every rank sends rank 0 the
 * persons files of its partitions, which rank 0 merges as one process does.
 */
#include "talentflow/dist.h"

#include <dirent.h>
#include <errno.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dist/exchange.h"
#include "dist/reduce.h"
#include "engine/engine_steps.h"
#include "io/workdir.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/sort.h"

/* Bytes sent to each rank per round, all ranks together at most 4 MiB. */
#define EXCHANGE_BYTES ((size_t)4 << 20)

struct tf_dist {
    int rank, size;
};

int tf_dist_launched(void)
{
    const char *slurm = getenv("SLURM_NTASKS");
    return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") || getenv("PMI_SIZE") ||
           (getenv("SLURM_PROCID") && slurm && strtol(slurm, NULL, 10) > 1);
}

int tf_dist_init(struct tf_dist **out, int *argc, char ***argv, struct tf_error *err)
{
    int provided = 0;
    *out = calloc(1, sizeof(**out));
    if (!*out)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
        free(*out);
        *out = NULL;
        return tf_error_set(err, TF_ERR_IO, NULL, 0, "MPI did not start");
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &(*out)->rank);
    MPI_Comm_size(MPI_COMM_WORLD, &(*out)->size);
    return 0;
}

unsigned tf_dist_rank(const struct tf_dist *d)
{
    return d ? (unsigned)d->rank : 0;
}

unsigned tf_dist_size(const struct tf_dist *d)
{
    return d ? (unsigned)d->size : 1;
}

void tf_dist_barrier(struct tf_dist *d)
{
    if (d)
        MPI_Barrier(MPI_COMM_WORLD);
}

void tf_dist_abort(struct tf_dist *d, int code)
{
    (void)d;
    fflush(stdout);
    fflush(stderr);
    MPI_Abort(MPI_COMM_WORLD, code);
    exit(code); /* MPI_Abort does not return; this is for the compiler */
}

void tf_dist_free(struct tf_dist *d)
{
    if (!d)
        return;
    MPI_Finalize();
    free(d);
}

static size_t batch_of(const struct tf_dist *d, size_t item)
{
    size_t n = EXCHANGE_BYTES / (size_t)d->size / item;
    return n ? n : 1;
}

/* ---- 1. observations to the owners of their partitions ---------------------- */

struct obs_ctx {
    struct tf_spill *spill;
    unsigned lane; /* the exchange lane */
    int size;
};

static int obs_owner(void *ctx, const void *rec)
{
    const struct obs_ctx *c = ctx;
    struct tf_obs o;
    memcpy(&o, rec, sizeof(o));
    return (int)(tf_spill_partition(c->spill, o.person) % (unsigned)c->size);
}

static int obs_deliver(void *ctx, const void *recs, size_t n, struct tf_error *err)
{
    struct obs_ctx *c = ctx;
    const unsigned char *p = recs;
    struct tf_obs o;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        memcpy(&o, p + i * sizeof(o), sizeof(o));
        rc = tf_spill_add(c->spill, c->lane, &o, NULL, err);
    }
    return rc;
}

/* The lane files of the partitions this rank does not own (NULL-safe list). */
static char **foreign_files(const struct tf_dist *d, const struct tf_spill *s, unsigned lanes,
                            size_t *n)
{
    char **v = calloc((size_t)s->n * lanes + 1, sizeof(*v));
    char path[4200];
    *n = 0;
    for (unsigned p = 0; v && p < s->n; p++) {
        if (p % (unsigned)d->size == (unsigned)d->rank)
            continue;
        for (unsigned l = 0; l < lanes; l++) {
            if (!s->lane[l].counts[p])
                continue; /* the file was never created */
            tf_spill_lane_path(s, path, sizeof(path), l, p);
            if (!(v[(*n)++] = strdup(path)))
                return v; /* the caller sees the NULL */
        }
    }
    return v;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

static int exchange_obs(struct tf_dist *d, struct tf_engine *e, unsigned lanes,
                        struct tf_error *err)
{
    struct tf_spill *s = tf_engine_spill(e);
    struct obs_ctx c = {s, lanes, d->size};
    struct tf_exchange x = {MPI_COMM_WORLD,
                            d->rank,
                            d->size,
                            sizeof(struct tf_obs),
                            batch_of(d, sizeof(struct tf_obs)),
                            obs_owner,
                            obs_deliver,
                            &c};
    size_t n = 0;
    char **files = foreign_files(d, s, lanes, &n);
    int ok = files && (n == 0 || files[n - 1]);
    int rc = ok ? tf_exchange_files(&x, files, n, err)
                : tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    for (unsigned p = 0; rc == 0 && p < s->n; p++)
        if (p % (unsigned)d->size != (unsigned)d->rank)
            tf_spill_drop(s, p);
    free_list(files, n);
    return rc;
}

/* ---- 1b. the persons' id strings (--persons) ------------------------------- */

/* A piece of one person's id string, sized for the exchange's fixed records. */
#define NAME_PIECE 44

struct name_rec {
    uint64_t person;
    uint32_t len, off; /* the whole string's length; this piece's place in it */
    uint16_t from, n;  /* the sending rank; bytes of data used */
    char data[NAME_PIECE];
};

_Static_assert(sizeof(struct name_rec) == 64, "a name record is 64 bytes");

struct names_ctx {
    struct tf_spill *spill;
    unsigned lane; /* the exchange lane */
    int size;
    struct tf_buf *part; /* per sending rank: the string being put together */
};

static int name_owner(void *ctx, const void *rec)
{
    const struct names_ctx *c = ctx;
    uint64_t person;
    memcpy(&person, rec, sizeof(person));
    return (int)(tf_spill_partition(c->spill, person) % (unsigned)c->size);
}

/* Pieces come in order from each sender: a string is whole at its last piece. */
static int name_deliver(void *ctx, const void *recs, size_t n, struct tf_error *err)
{
    struct names_ctx *c = ctx;
    const unsigned char *p = recs;
    struct name_rec r;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        memcpy(&r, p + i * sizeof(r), sizeof(r));
        struct tf_buf *b = r.from < c->size ? &c->part[r.from] : NULL;
        if (b && r.off == 0)
            tf_buf_reset(b);
        if (!b || b->len != r.off || r.n > NAME_PIECE || (uint64_t)r.off + r.n > r.len)
            return tf_error_set(err, TF_ERR_FORMAT, c->spill->dir, 0,
                                "id strings received out of order");
        if (tf_buf_add(b, r.data, r.n) < 0)
            return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
        if (b->len < r.len)
            continue;
        if (b->data)
            b->data[b->len] = '\0'; /* within the buffer's slack */
        rc = tf_spill_add_name(c->spill, c->lane, r.person, b->data ? b->data : "", err);
    }
    return rc;
}

/* Cuts one names file ([person][length][bytes]...) into pieces written to `out`. */
static int cut_names(FILE *in, FILE *out, uint16_t from, struct tf_buf *name)
{
    uint64_t person;
    uint32_t len;
    while (fread(&person, sizeof(person), 1, in) == 1) {
        tf_buf_reset(name);
        if (fread(&len, sizeof(len), 1, in) != 1 || tf_buf_reserve(name, len) < 0 ||
            (len && fread(name->data, 1, len, in) != len))
            return -1;
        uint32_t off = 0;
        do {
            struct name_rec r = {person, len, off, from, 0, {0}};
            r.n = (uint16_t)(len - off < NAME_PIECE ? len - off : NAME_PIECE);
            if (r.n)
                memcpy(r.data, name->data + off, r.n);
            if (fwrite(&r, sizeof(r), 1, out) != 1)
                return -1;
            off += r.n;
        } while (off < len);
    }
    return ferror(in) ? -1 : 0;
}

/*
 * Sends the id strings of the persons of the partitions this rank does not
 * own to their owners, who spill them through the exchange lane.
 */
static int exchange_names(struct tf_dist *d, struct tf_engine *e, unsigned lanes,
                          struct tf_error *err)
{
    struct tf_spill *s = tf_engine_spill(e);
    char path[4200], out[4200];
    struct tf_buf name;
    tf_buf_init(&name, 0);
    snprintf(out, sizeof(out), "%s/names-sent", s->dir);
    FILE *o = fopen(out, "wb");
    int bad = !o;
    for (unsigned p = 0; !bad && p < s->n; p++) {
        if (p % (unsigned)d->size == (unsigned)d->rank)
            continue;
        for (unsigned l = 0; !bad && l < lanes; l++) {
            tf_spill_names_path(s, path, sizeof(path), l, p);
            FILE *in = fopen(path, "rb");
            if (!in)
                continue; /* no id strings from this lane */
            bad = cut_names(in, o, (uint16_t)d->rank, &name) < 0;
            fclose(in);
            unlink(path);
        }
    }
    bad = (o && fclose(o) != 0) || bad;
    tf_buf_release(&name);
    if (bad)
        return tf_error_set(err, TF_ERR_IO, s->dir, 0, "cannot pass on the persons' ids: %s",
                            strerror(errno));
    struct names_ctx c = {s, lanes, d->size, calloc((size_t)d->size, sizeof(struct tf_buf))};
    struct tf_exchange x = {MPI_COMM_WORLD,
                            d->rank,
                            d->size,
                            sizeof(struct name_rec),
                            batch_of(d, sizeof(struct name_rec)),
                            name_owner,
                            name_deliver,
                            &c};
    char *files[1] = {out};
    int rc = c.part ? tf_exchange_files(&x, files, 1, err)
                    : tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    for (int r = 0; c.part && r < d->size; r++)
        tf_buf_release(&c.part[r]);
    free(c.part);
    unlink(out);
    return rc;
}

/* ---- 2. copies of works and citation ranks ---------------------------------- */

struct copy_rec {
    uint64_t work, updated, order, tag;
};

struct copies_ctx {
    FILE *out;               /* step a: this rank's copies, written out */
    struct tf_copies *owned; /* step b: the copies of the works this rank owns */
    struct tf_pools *pools;
    int size;
};

static int copy_write(void *ctx, uint64_t work, uint64_t updated, uint64_t order, uint64_t tag)
{
    struct copies_ctx *c = ctx;
    struct copy_rec k = {work, updated, order, tag};
    return fwrite(&k, sizeof(k), 1, c->out) == 1 ? 0 : TF_ERR_IO;
}

static int copy_owner(void *ctx, const void *rec)
{
    const struct copies_ctx *c = ctx;
    struct copy_rec k;
    memcpy(&k, rec, sizeof(k));
    /* High bits: the registry partitions by the low ones. */
    return (int)((tf_mix64(k.work) >> 40) % (uint64_t)c->size);
}

static int copy_deliver(void *ctx, const void *recs, size_t n, struct tf_error *err)
{
    struct copies_ctx *c = ctx;
    struct copy_rec k;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        memcpy(&k, (const unsigned char *)recs + i * sizeof(k), sizeof(k));
        rc = tf_copies_add_tagged(c->owned, 0, k.work, k.updated, k.order, k.tag, err);
    }
    return rc;
}

static int count_cited(void *ctx, uint64_t tag)
{
    return tag ? tf_pools_count_cited(ctx, (int)(tag >> 32), (uint32_t)tag) : 0;
}

/* Writes this rank's registered copies to a file of the work folder `dir`. */
static int dump_copies(struct tf_copies *c, const char *path, struct tf_error *err)
{
    struct copies_ctx ctx = {.out = fopen(path, "wb")};
    if (!ctx.out)
        return tf_error_set(err, TF_ERR_IO, path, 0, "cannot write copies of works");
    int rc = tf_copies_each(c, copy_write, &ctx, err);
    if (fclose(ctx.out) != 0 || rc == TF_ERR_IO)
        return tf_error_set(err, TF_ERR_IO, path, 0, "cannot write copies of works");
    return rc;
}

/* Every rank gets the sorted union of the ranks' lists of superseded copies. */
static int share_lost(struct tf_dist *d, const uint64_t *mine, size_t n, struct tf_copies *into,
                      struct tf_error *err)
{
    int cnt = (int)n, *counts = calloc((size_t)d->size, sizeof(int));
    int *displs = calloc((size_t)d->size, sizeof(int));
    int ok = counts && displs, total = 0;
    MPI_Allgather(&cnt, 1, MPI_INT, counts, 1, MPI_INT, MPI_COMM_WORLD);
    for (int r = 0; ok && r < d->size; total += counts[r++])
        displs[r] = total;
    uint64_t *all = ok ? malloc(((size_t)total + 1) * sizeof(*all)) : NULL;
    ok = ok && all;
    MPI_Allgatherv(mine, cnt, MPI_UINT64_T, all, counts, displs, MPI_UINT64_T, MPI_COMM_WORLD);
    if (ok && total > 1)
        qsort(all, (size_t)total, sizeof(*all), tf_cmp_u64);
    int rc = ok ? tf_copies_set_lost(into, all, (size_t)total, err)
                : tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    free(all);
    free(counts);
    free(displs);
    return rc;
}

struct cited_list {
    uint64_t *v; /* (year << 32 | citations, works) pairs */
    size_t n, cap;
};

static int cited_put(void *ctx, int year, uint32_t cited, uint64_t works)
{
    struct cited_list *l = ctx;
    if (l->n + 2 > l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 1024;
        uint64_t *v = realloc(l->v, cap * sizeof(*v));
        if (!v)
            return TF_ERR_NOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (uint64_t)year << 32 | cited;
    l->v[l->n++] = works;
    return 0;
}

/* Adds the other ranks' citation counts to this rank's, then fixes the ranks. */
static int share_cited(struct tf_dist *d, struct tf_pools *pools, struct tf_error *err)
{
    struct cited_list mine = {NULL, 0, 0};
    int rc = tf_pools_each_cited(pools, cited_put, &mine);
    int cnt = (int)mine.n, *counts = calloc((size_t)d->size, sizeof(int));
    int *displs = calloc((size_t)d->size, sizeof(int)), total = 0;
    int ok = rc == 0 && counts && displs;
    MPI_Allgather(&cnt, 1, MPI_INT, counts, 1, MPI_INT, MPI_COMM_WORLD);
    for (int r = 0; ok && r < d->size; total += counts[r++])
        displs[r] = total;
    uint64_t *all = ok ? malloc(((size_t)total + 1) * sizeof(*all)) : NULL;
    ok = ok && all;
    MPI_Allgatherv(mine.v, cnt, MPI_UINT64_T, all, counts, displs, MPI_UINT64_T, MPI_COMM_WORLD);
    for (int r = 0; ok && r < d->size; r++)
        for (int i = displs[r]; r != d->rank && i < displs[r] + counts[r] && ok; i += 2)
            ok = tf_pools_add_cited(pools, (int)(all[i] >> 32), (uint32_t)all[i], all[i + 1]) == 0;
    free(all);
    free(counts);
    free(displs);
    free(mine.v);
    return ok ? 0 : tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory ranking citations");
}

static int decide_copies(struct tf_dist *d, struct tf_engine *e, const char *tmpdir,
                         struct tf_pools *pools, struct tf_error *err)
{
    char dir[4096] = "", path[4200];
    struct copies_ctx c = {.pools = pools, .size = d->size};
    int ranks = tf_pools_ranks_citations(pools);
    int rc = tf_workdir_make(dir, sizeof(dir), tmpdir, err);
    if (rc == 0) {
        snprintf(path, sizeof(path), "%s/copies", dir);
        rc = dump_copies(tf_engine_copies(e), path, err);
    }
    if (rc == 0)
        rc = tf_copies_new(&c.owned, tmpdir, 1, err);
    struct tf_exchange x = {MPI_COMM_WORLD,
                            d->rank,
                            d->size,
                            sizeof(struct copy_rec),
                            batch_of(d, sizeof(struct copy_rec)),
                            copy_owner,
                            copy_deliver,
                            &c};
    char *files[1] = {path};
    if (rc == 0)
        rc = tf_exchange_files(&x, files, 1, err);
    if (rc == 0)
        rc = ranks ? tf_copies_resolve_each(c.owned, count_cited, pools, err)
                   : tf_copies_resolve(c.owned, err);
    size_t n = 0;
    const uint64_t *lost = rc == 0 ? tf_copies_lost(c.owned, &n) : NULL;
    if (rc == 0)
        rc = share_lost(d, lost, n, tf_engine_copies(e), err);
    if (rc == 0 && ranks)
        rc = share_cited(d, pools, err);
    tf_copies_free(c.owned);
    if (dir[0])
        tf_workdir_remove(dir);
    return rc;
}

/* ---- 3. measures, and everything to rank 0 ----------------------------------- */

/* The persons files travel whole, in pieces of at most this many bytes. */
#define FILE_PIECE ((size_t)1 << 20)

enum { TAG_COUNT = 101, TAG_HEAD, TAG_DATA };

struct file_head {
    char name[64];
    uint64_t size;
};

/* The names of this rank's persons files ("persons.*" of the spill folder). */
static char **persons_files(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    while (d && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, "persons.", 8) != 0 || strlen(e->d_name) >= 64)
            continue;
        if (*n == cap) {
            char **w = realloc(v, (cap = cap ? 2 * cap : 64) * sizeof(*v));
            if (!w)
                break;
            v = w;
        }
        if (!(v[*n] = strdup(e->d_name)))
            break;
        ++*n;
    }
    int whole = d && !e;
    if (d)
        closedir(d);
    if (!whole) {
        free_list(v, *n);
        return NULL;
    }
    return v ? v : calloc(1, sizeof(*v));
}

/* A rank other than 0: every persons file of its partitions to rank 0. */
static int send_persons(const struct tf_spill *s, unsigned char *buf, struct tf_error *err)
{
    size_t n = 0;
    char **files = persons_files(s->dir, &n);
    if (!files)
        return tf_error_set(err, TF_ERR_NOMEM, s->dir, 0, "cannot list the persons files");
    uint64_t count = n;
    MPI_Send(&count, 1, MPI_UINT64_T, 0, TAG_COUNT, MPI_COMM_WORLD);
    int rc = 0;
    char path[4200];
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct file_head h;
        memset(&h, 0, sizeof(h));
        snprintf(h.name, sizeof(h.name), "%s", files[i]);
        snprintf(path, sizeof(path), "%s/%s", s->dir, files[i]);
        FILE *f = fopen(path, "rb");
        long size = f && fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
        if (size < 0 || fseek(f, 0, SEEK_SET) != 0) {
            rc = tf_error_set(err, TF_ERR_IO, path, 0, "cannot read: %s", strerror(errno));
        } else {
            h.size = (uint64_t)size;
            MPI_Send(&h, sizeof(h), MPI_BYTE, 0, TAG_HEAD, MPI_COMM_WORLD);
            for (uint64_t left = h.size; rc == 0 && left > 0;) {
                size_t k = left < FILE_PIECE ? (size_t)left : FILE_PIECE;
                if (fread(buf, 1, k, f) != k)
                    rc = tf_error_set(err, TF_ERR_IO, path, 0, "cannot read: %s", strerror(errno));
                else
                    MPI_Send(buf, (int)k, MPI_BYTE, 0, TAG_DATA, MPI_COMM_WORLD);
                left -= k;
            }
        }
        if (f)
            fclose(f);
    }
    free_list(files, n);
    return rc;
}

/* Rank 0: the persons files of every other rank, into its own spill folder. */
static int receive_persons(const struct tf_dist *d, const struct tf_spill *s, unsigned char *buf,
                           struct tf_error *err)
{
    int rc = 0;
    char path[4200];
    for (int from = 1; rc == 0 && from < d->size; from++) {
        uint64_t count = 0;
        MPI_Recv(&count, 1, MPI_UINT64_T, from, TAG_COUNT, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        for (uint64_t i = 0; rc == 0 && i < count; i++) {
            struct file_head h;
            MPI_Recv(&h, sizeof(h), MPI_BYTE, from, TAG_HEAD, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            h.name[sizeof(h.name) - 1] = '\0';
            if (strncmp(h.name, "persons.", 8) != 0 || strchr(h.name, '/'))
                return tf_error_set(err, TF_ERR_FORMAT, s->dir, 0,
                                    "rank %d sent a file that is not a persons file", from);
            snprintf(path, sizeof(path), "%s/%s", s->dir, h.name);
            FILE *f = fopen(path, "wbx");
            if (!f)
                return tf_error_set(err, TF_ERR_IO, path, 0, "cannot create: %s", strerror(errno));
            for (uint64_t left = h.size; left > 0;) {
                size_t k = left < FILE_PIECE ? (size_t)left : FILE_PIECE;
                MPI_Recv(buf, (int)k, MPI_BYTE, from, TAG_DATA, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                if (rc == 0 && fwrite(buf, 1, k, f) != k)
                    rc = tf_error_set(err, TF_ERR_IO, path, 0, "cannot write: %s", strerror(errno));
                left -= k;
            }
            if (fclose(f) != 0 && rc == 0)
                rc = tf_error_set(err, TF_ERR_IO, path, 0, "cannot write: %s", strerror(errno));
        }
    }
    return rc;
}

/* The persons table of the whole run comes together on rank 0. */
static int gather_persons(struct tf_dist *d, struct tf_engine *e, struct tf_error *err)
{
    unsigned char *buf = malloc(FILE_PIECE);
    if (!buf)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    int rc = d->rank == 0 ? receive_persons(d, tf_engine_spill(e), buf, err)
                          : send_persons(tf_engine_spill(e), buf, err);
    free(buf);
    return rc;
}

int tf_dist_finish(struct tf_dist *d, struct tf_engine *e, unsigned lanes,
                   const struct tf_ingest *in, struct tf_results **out, struct tf_dist_read *read,
                   struct tf_error *err)
{
    const struct tf_engine_opts *o = tf_engine_options(e);
    struct tf_acc total;
    struct tf_engine_counts counts;
    *out = NULL;
    tf_acc_init(&total);
    total.move_kind = o->move_kind;
    if (o->lanes != lanes + 1)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0,
                            "a spread run needs an engine with one more lane");
    tf_engine_own(e, (unsigned)d->rank, (unsigned)d->size);
    int rc = tf_engine_close_input(e, lanes, err);
    if (rc == 0)
        rc = exchange_obs(d, e, lanes, err);
    if (rc == 0 && o->persons)
        rc = exchange_names(d, e, lanes, err);
    if (rc == 0)
        rc = decide_copies(d, e, o->tmpdir, o->pools, err);
    if (rc == 0)
        rc = tf_engine_measure(e, 1, &total, &counts, err);
    if (rc == 0 && o->persons)
        rc = gather_persons(d, e, err);
    if (rc == 0)
        rc = tf_reduce_measures(MPI_COMM_WORLD, &total, &counts, err);
    if (rc == 0)
        rc = tf_reduce_read(MPI_COMM_WORLD, in, read, err);
    if (rc == 0 && d->rank == 0)
        rc = tf_engine_results(e, &total, &counts, out, err);
    tf_acc_release(&total);
    return rc;
}
