/* spill.c - partition files of observations under a private work directory. */
#define _DEFAULT_SOURCE /* fwrite_unlocked: a lane's files are written by one thread */
#include "engine/spill.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/workdir.h"
#include "util/hash.h"

void tf_spill_path(const struct tf_spill *s, char *buf, size_t size, const char *prefix, unsigned p)
{
    snprintf(buf, size, "%s/%s.%03u", s->dir, prefix, p);
}

/* Path of lane `l`'s file `kind` ("obs" or "names") of partition `p`. */
static void lane_path(const struct tf_spill *s, char *buf, size_t size, const char *kind,
                      unsigned l, unsigned p)
{
    snprintf(buf, size, "%s/%s-%u.%03u", s->dir, kind, l, p);
}

void tf_spill_lane_path(const struct tf_spill *s, char *buf, size_t size, unsigned l, unsigned p)
{
    lane_path(s, buf, size, "obs", l, p);
}

void tf_spill_names_path(const struct tf_spill *s, char *buf, size_t size, unsigned l, unsigned p)
{
    lane_path(s, buf, size, "names", l, p);
}

static FILE *open_lane(const struct tf_spill *s, const char *kind, unsigned l, unsigned p,
                       const char *mode)
{
    char path[4200];
    lane_path(s, path, sizeof(path), kind, l, p);
    /* The C library's buffer (a block, 4 KiB): a run holds one per partition and lane. */
    return fopen(path, mode);
}

static int lane_init(struct tf_spill *s, unsigned l)
{
    struct tf_spill_lane *ln = &s->lane[l];
    ln->obs = calloc(s->n, sizeof(*ln->obs));
    ln->names = calloc(s->n, sizeof(*ln->names));
    ln->counts = calloc(s->n, sizeof(*ln->counts));
    ln->last_name = calloc(s->n, sizeof(*ln->last_name));
    if (!ln->obs || !ln->names || !ln->counts || !ln->last_name)
        return TF_ERR_NOMEM;
    return 0;
}

int tf_spill_open(struct tf_spill *s, const char *tmpdir, unsigned n, unsigned lanes,
                  struct tf_error *err)
{
    memset(s, 0, sizeof(*s));
    int rc = tf_workdir_make(s->dir, sizeof(s->dir), tmpdir, err);
    if (rc < 0)
        return rc;
    s->n = n;
    s->lanes = lanes ? lanes : 1;
    if (!(s->lane = calloc(s->lanes, sizeof(*s->lane))))
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory for %u partitions", n);
    for (unsigned l = 0; l < s->lanes; l++)
        if (lane_init(s, l) < 0)
            return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory for %u partitions", n);
    return 0;
}

unsigned tf_spill_partition(const struct tf_spill *s, uint64_t person)
{
    /* High bits: hash tables inside a partition use the low ones. */
    return (unsigned)((tf_mix64(person) >> 32) % s->n);
}

static int add_name(const struct tf_spill *s, struct tf_spill_lane *ln, unsigned l, unsigned p,
                    uint64_t person, const char *name)
{
    if (ln->last_name[p] == person)
        return 0;
    if (!ln->names[p] && !(ln->names[p] = open_lane(s, "names", l, p, "wb")))
        return -1;
    uint32_t len = (uint32_t)strlen(name);
    if (fwrite(&person, sizeof(person), 1, ln->names[p]) != 1 ||
        fwrite(&len, sizeof(len), 1, ln->names[p]) != 1 ||
        fwrite(name, 1, len, ln->names[p]) != len)
        return -1;
    ln->last_name[p] = person;
    return 0;
}

int tf_spill_add(struct tf_spill *s, unsigned lane, const struct tf_obs *o, const char *name,
                 struct tf_error *err)
{
    struct tf_spill_lane *ln = &s->lane[lane];
    unsigned p = tf_spill_partition(s, o->person);
    if ((!ln->obs[p] && !(ln->obs[p] = open_lane(s, "obs", lane, p, "wb"))) ||
        fwrite_unlocked(o, sizeof(*o), 1, ln->obs[p]) != 1 ||
        (name && add_name(s, ln, lane, p, o->person, name) < 0))
        return tf_error_set(err, TF_ERR_IO, s->dir, 0, "cannot write partition %u: %s", p,
                            strerror(errno));
    ln->counts[p]++;
    return 0;
}

int tf_spill_add_name(struct tf_spill *s, unsigned lane, uint64_t person, const char *name,
                      struct tf_error *err)
{
    unsigned p = tf_spill_partition(s, person);
    if (add_name(s, &s->lane[lane], lane, p, person, name) < 0)
        return tf_error_set(err, TF_ERR_IO, s->dir, 0, "cannot write partition %u: %s", p,
                            strerror(errno));
    return 0;
}

int tf_spill_close_writers(struct tf_spill *s, struct tf_error *err)
{
    return tf_spill_close_lanes(s, s->lanes, err);
}

int tf_spill_close_lanes(struct tf_spill *s, unsigned lanes, struct tf_error *err)
{
    int rc = 0;
    for (unsigned l = 0; l < lanes; l++) {
        for (unsigned p = 0; p < s->n; p++) {
            /* Either array may be missing when the lane's setup ran out of memory. */
            FILE **fs[2] = {s->lane[l].obs ? &s->lane[l].obs[p] : NULL,
                            s->lane[l].names ? &s->lane[l].names[p] : NULL};
            for (int i = 0; i < 2; i++) {
                if (!fs[i])
                    continue;
                if (*fs[i] && fclose(*fs[i]) != 0 && rc == 0)
                    rc = tf_error_set(err, TF_ERR_IO, s->dir, 0, "cannot write partition %u: %s", p,
                                      strerror(errno));
                *fs[i] = NULL;
            }
        }
    }
    return rc;
}

uint64_t tf_spill_count(const struct tf_spill *s, unsigned p)
{
    uint64_t n = 0;
    for (unsigned l = 0; l < s->lanes; l++)
        n += s->lane[l].counts[p];
    return n;
}

static int reserve(struct tf_obs **obs, size_t *cap, uint64_t count)
{
    if (count <= *cap)
        return 0;
    struct tf_obs *q = realloc(*obs, (size_t)count * sizeof(*q));
    if (!q)
        return TF_ERR_NOMEM;
    *obs = q;
    *cap = (size_t)count;
    return 0;
}

/* Reads exactly `count` observations of `path` into `dst`. */
static int read_exact(const char *path, struct tf_obs *dst, uint64_t count, struct tf_error *err)
{
    if (!count)
        return 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return tf_error_set(err, TF_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    size_t got = fread(dst, sizeof(*dst), (size_t)count, f);
    fclose(f);
    if (got != count)
        return tf_error_set(err, TF_ERR_IO, path, 0, "short file (%zu of %llu observations)", got,
                            (unsigned long long)count);
    return 0;
}

int tf_spill_load(const struct tf_spill *s, unsigned p, struct tf_obs **obs, size_t *cap,
                  struct tf_error *err)
{
    if (reserve(obs, cap, tf_spill_count(s, p)) < 0)
        return tf_error_set(err, TF_ERR_NOMEM, s->dir, 0, "out of memory loading partition %u", p);
    uint64_t at = 0;
    for (unsigned l = 0; l < s->lanes; l++) {
        char path[4200];
        lane_path(s, path, sizeof(path), "obs", l, p);
        int rc = read_exact(path, *obs + at, s->lane[l].counts[p], err);
        if (rc < 0)
            return rc;
        at += s->lane[l].counts[p];
    }
    return 0;
}

int tf_spill_read(const char *path, uint64_t count, struct tf_obs **obs, size_t *cap,
                  struct tf_error *err)
{
    if (reserve(obs, cap, count) < 0)
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory reading %llu observations",
                            (unsigned long long)count);
    return read_exact(path, *obs, count, err);
}

/* Moves every observation of `in` to one of the `m` files by a second hash. */
static int split_into(FILE *in, FILE **outs, unsigned m, uint64_t *counts)
{
    struct tf_obs chunk[4096];
    size_t got;
    while ((got = fread(chunk, sizeof(chunk[0]), 4096, in)) > 0) {
        for (size_t i = 0; i < got; i++) {
            /* Low bits: independent of the high bits that chose the partition. */
            unsigned s = (unsigned)((tf_mix64(chunk[i].person) & 0xFFFFFFFFu) % m);
            if (fwrite(&chunk[i], sizeof(chunk[i]), 1, outs[s]) != 1)
                return -1;
            counts[s]++;
        }
    }
    return ferror(in) ? -1 : 0;
}

static int split_lanes(const struct tf_spill *s, unsigned p, FILE **outs, unsigned m,
                       uint64_t *counts)
{
    for (unsigned l = 0; l < s->lanes; l++) {
        if (!s->lane[l].counts[p])
            continue; /* never opened: the lane sent nothing to this partition */
        FILE *in = open_lane(s, "obs", l, p, "rb");
        int rc = in ? split_into(in, outs, m, counts) : -1;
        if (in)
            fclose(in);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int tf_spill_split(const struct tf_spill *s, unsigned p, unsigned m, uint64_t *counts,
                   struct tf_error *err)
{
    char path[4200], prefix[32];
    FILE **outs = calloc(m, sizeof(*outs));
    int rc = outs ? 0 : -1;
    snprintf(prefix, sizeof(prefix), "split.%03u", p);
    for (unsigned i = 0; i < m && rc == 0; i++) {
        counts[i] = 0;
        tf_spill_path(s, path, sizeof(path), prefix, i);
        if (!(outs[i] = fopen(path, "wb")))
            rc = -1;
    }
    if (rc == 0)
        rc = split_lanes(s, p, outs, m, counts);
    for (unsigned i = 0; outs && i < m; i++)
        if (outs[i] && fclose(outs[i]) != 0)
            rc = -1;
    free(outs);
    if (rc < 0)
        return tf_error_set(err, TF_ERR_IO, s->dir, 0, "cannot split partition %u: %s", p,
                            strerror(errno));
    return 0;
}

int tf_spill_each_names(const struct tf_spill *s, unsigned p, int (*fn)(void *ctx, FILE *f),
                        void *ctx)
{
    int rc = 0;
    for (unsigned l = 0; l < s->lanes && rc == 0; l++) {
        FILE *f = open_lane(s, "names", l, p, "rb");
        if (!f)
            continue; /* no hashed persons from this lane */
        rc = fn(ctx, f);
        fclose(f);
    }
    return rc;
}

void tf_spill_drop(const struct tf_spill *s, unsigned p)
{
    char path[4200];
    for (unsigned l = 0; l < s->lanes; l++) {
        lane_path(s, path, sizeof(path), "obs", l, p);
        unlink(path);
    }
}

void tf_spill_free(struct tf_spill *s)
{
    struct tf_error ignored;
    if (s->lane)
        tf_spill_close_writers(s, &ignored);
    if (s->dir[0])
        tf_workdir_remove(s->dir);
    for (unsigned l = 0; s->lane && l < s->lanes; l++) {
        free(s->lane[l].obs);
        free(s->lane[l].names);
        free(s->lane[l].counts);
        free(s->lane[l].last_name);
    }
    free(s->lane);
    memset(s, 0, sizeof(*s));
}
