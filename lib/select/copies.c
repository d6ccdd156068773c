/*
 * copies.c - which copies of a work lose to a later one.
 *
 * Registrations are appended to one file per (lane, partition), the
 * partition chosen by a hash of the work key, so all copies of a work meet in
 * one partition however they were read. Resolving loads one partition at a
 * time, sorts it by (work, updated, order) and marks every copy but the last
 * of each work; the marked orders are kept sorted for binary search.
 */
#include "talentflow/copies.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/workdir.h"
#include "util/hash.h"
#include "util/sort.h"
#include "util/buf.h"

#define COPIES_PARTITIONS 64u

struct copy {
    uint64_t work;
    uint64_t updated;
    uint64_t order;
    uint64_t tag;
};

struct tf_copies {
    char dir[4096];
    unsigned lanes;
    FILE **files;     /* lanes x COPIES_PARTITIONS, opened on first use */
    uint64_t *counts; /* copies per file */
    uint64_t *lost;   /* orders of superseded copies, sorted */
    size_t n_lost, cap_lost;
    int resolved;
};

static void file_path(const struct tf_copies *c, char *buf, size_t size, unsigned i)
{
    snprintf(buf, size, "%s/copies.%04u", c->dir, i);
}

int tf_copies_new(struct tf_copies **out, const char *tmpdir, unsigned lanes, struct tf_error *err)
{
    *out = NULL;
    struct tf_copies *c = calloc(1, sizeof(*c));
    if (!c)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    c->lanes = lanes ? lanes : 1;
    c->files = calloc((size_t)c->lanes * COPIES_PARTITIONS, sizeof(*c->files));
    c->counts = calloc((size_t)c->lanes * COPIES_PARTITIONS, sizeof(*c->counts));
    int rc = c->files && c->counts ? tf_workdir_make(c->dir, sizeof(c->dir), tmpdir, err)
                                   : tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    if (rc < 0) {
        tf_copies_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

int tf_copies_add(struct tf_copies *c, unsigned lane, uint64_t work, uint64_t updated,
                  uint64_t order, struct tf_error *err)
{
    return tf_copies_add_tagged(c, lane, work, updated, order, 0, err);
}

int tf_copies_add_tagged(struct tf_copies *c, unsigned lane, uint64_t work, uint64_t updated,
                         uint64_t order, uint64_t tag, struct tf_error *err)
{
    unsigned i = lane * COPIES_PARTITIONS + (unsigned)(tf_mix64(work) % COPIES_PARTITIONS);
    struct copy k = {work, updated, order, tag};
    char path[4200];
    if (!c->files[i]) {
        file_path(c, path, sizeof(path), i);
        c->files[i] = fopen(path, "wb"); /* the C library's 4 KiB buffer: 64 files a lane */
    }
    if (!c->files[i] || fwrite(&k, sizeof(k), 1, c->files[i]) != 1)
        return tf_error_set(err, TF_ERR_IO, c->dir, 0, "cannot write copies of works: %s",
                            strerror(errno));
    c->counts[i]++;
    return 0;
}

static int cmp_copy(const void *pa, const void *pb)
{
    const struct copy *a = pa, *b = pb;
    if (a->work != b->work)
        return a->work < b->work ? -1 : 1;
    if (a->updated != b->updated)
        return a->updated < b->updated ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

static int lose(struct tf_copies *c, uint64_t order)
{
    if (tf_grow((void **)&c->lost, &c->cap_lost, c->n_lost + 1, sizeof(*c->lost)) < 0)
        return TF_ERR_NOMEM;
    c->lost[c->n_lost++] = order;
    return 0;
}

/* Reads the lane files of partition `p` into *v (n copies). */
static int load_partition(struct tf_copies *c, unsigned p, struct copy **v, size_t *n,
                          struct tf_error *err)
{
    size_t total = 0, at = 0;
    char path[4200];
    for (unsigned l = 0; l < c->lanes; l++)
        total += (size_t)c->counts[l * COPIES_PARTITIONS + p];
    *n = total;
    if (!total)
        return 0;
    struct copy *q = realloc(*v, total * sizeof(*q));
    if (!q)
        return tf_error_set(err, TF_ERR_NOMEM, c->dir, 0, "out of memory resolving copies");
    *v = q;
    for (unsigned l = 0; l < c->lanes; l++) {
        unsigned i = l * COPIES_PARTITIONS + p;
        if (!c->counts[i])
            continue;
        file_path(c, path, sizeof(path), i);
        FILE *f = fopen(path, "rb");
        size_t got = f ? fread(q + at, sizeof(*q), (size_t)c->counts[i], f) : 0;
        if (f)
            fclose(f);
        unlink(path);
        if (got != c->counts[i])
            return tf_error_set(err, TF_ERR_IO, path, 0, "cannot read copies of works back");
        at += got;
    }
    return 0;
}

/*
 * Marks every copy but the last of each work in the sorted v[0..n), and
 * hands the last one's tag to `winner` (when given).
 */
static int mark_losers(struct tf_copies *c, const struct copy *v, size_t n,
                       int (*winner)(void *ctx, uint64_t tag), void *ctx)
{
    for (size_t i = 0; i < n; i++) {
        int last = i + 1 == n || v[i].work != v[i + 1].work;
        int rc = last ? (winner ? winner(ctx, v[i].tag) : 0) : lose(c, v[i].order);
        if (rc)
            return rc;
    }
    return 0;
}

static int close_files(struct tf_copies *c, struct tf_error *err)
{
    int rc = 0;
    for (unsigned i = 0; i < c->lanes * COPIES_PARTITIONS; i++) {
        if (c->files[i] && fclose(c->files[i]) != 0 && rc == 0)
            rc = tf_error_set(err, TF_ERR_IO, c->dir, 0, "cannot write copies of works: %s",
                              strerror(errno));
        c->files[i] = NULL;
    }
    return rc;
}

int tf_copies_resolve(struct tf_copies *c, struct tf_error *err)
{
    return tf_copies_resolve_each(c, NULL, NULL, err);
}

int tf_copies_resolve_each(struct tf_copies *c, int (*winner)(void *ctx, uint64_t tag), void *ctx,
                           struct tf_error *err)
{
    if (c->resolved)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "copies already resolved");
    c->resolved = 1;
    struct copy *v = NULL;
    size_t n = 0;
    int rc = close_files(c, err);
    for (unsigned p = 0; p < COPIES_PARTITIONS && rc == 0; p++) {
        rc = load_partition(c, p, &v, &n, err);
        if (rc == 0 && n > 1)
            qsort(v, n, sizeof(*v), cmp_copy);
        if (rc == 0 && (rc = mark_losers(c, v, n, winner, ctx)) != 0)
            rc = tf_error_set(err, rc < 0 ? rc : TF_ERR_NOMEM, NULL, 0,
                              "out of memory resolving copies");
    }
    free(v);
    if (rc == 0 && c->n_lost > 1)
        qsort(c->lost, c->n_lost, sizeof(*c->lost), tf_cmp_u64);
    tf_workdir_remove(c->dir);
    c->dir[0] = '\0';
    return rc;
}

int tf_copies_each(struct tf_copies *c,
                   int (*fn)(void *ctx, uint64_t work, uint64_t updated, uint64_t order,
                             uint64_t tag),
                   void *ctx, struct tf_error *err)
{
    struct copy *v = NULL;
    size_t n = 0;
    int rc = close_files(c, err);
    for (unsigned p = 0; p < COPIES_PARTITIONS && rc == 0; p++) {
        rc = load_partition(c, p, &v, &n, err);
        for (size_t i = 0; rc == 0 && i < n; i++)
            rc = fn(ctx, v[i].work, v[i].updated, v[i].order, v[i].tag);
    }
    free(v);
    tf_workdir_remove(c->dir);
    c->dir[0] = '\0';
    return rc;
}

const uint64_t *tf_copies_lost(const struct tf_copies *c, size_t *n)
{
    *n = c->n_lost;
    return c->lost;
}

int tf_copies_set_lost(struct tf_copies *c, const uint64_t *lost, size_t n, struct tf_error *err)
{
    if (c->resolved)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "copies already resolved");
    c->resolved = 1;
    if (n && tf_grow((void **)&c->lost, &c->cap_lost, n, sizeof(*c->lost)) < 0)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory for superseded copies");
    if (n)
        memcpy(c->lost, lost, n * sizeof(*lost));
    c->n_lost = n;
    return 0;
}

int tf_copies_superseded(const struct tf_copies *c, uint64_t order)
{
    return c->n_lost && bsearch(&order, c->lost, c->n_lost, sizeof(*c->lost), tf_cmp_u64) != NULL;
}

uint64_t tf_copies_count(const struct tf_copies *c)
{
    uint64_t n = 0;
    for (unsigned i = 0; i < c->lanes * COPIES_PARTITIONS; i++)
        n += c->counts[i];
    return n;
}

uint64_t tf_copies_count_superseded(const struct tf_copies *c)
{
    return c->n_lost;
}

void tf_copies_free(struct tf_copies *c)
{
    if (!c)
        return;
    if (c->files) {
        struct tf_error ignored;
        close_files(c, &ignored);
    }
    tf_workdir_remove(c->dir);
    free(c->files);
    free(c->counts);
    free(c->lost);
    free(c);
}
