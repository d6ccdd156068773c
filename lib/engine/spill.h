/*
 * spill.h - observations hash-partitioned by person into files under a
 * private work directory, so that each partition can later be processed in
 * memory on its own. Every observation of a person lands in the same
 * partition, whatever the order of input.
 *
 * The directory is created by tf_spill_open (mkdtemp under `tmpdir`) and
 * removed with everything in it by tf_spill_free. Not thread-safe for
 * writing; reading different partitions from different threads is fine.
 */
#ifndef TF_ENGINE_SPILL_H
#define TF_ENGINE_SPILL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"

struct tf_spill {
    char dir[4096];
    unsigned n;          /* partitions */
    FILE **obs;          /* one per partition */
    FILE **names;        /* one per partition, opened on first name */
    uint64_t *counts;    /* observations per partition */
    uint64_t *last_name; /* last person whose name went to each partition */
};

/* Creates the work directory under `tmpdir` and `n` partition files. */
int tf_spill_open(struct tf_spill *s, const char *tmpdir, unsigned n, struct tf_error *err);

/* The partition of a person key. */
unsigned tf_spill_partition(const struct tf_spill *s, uint64_t person);

/* Appends one observation (and the person's id string when `name` is not NULL). */
int tf_spill_add(struct tf_spill *s, const struct tf_obs *o, const char *name,
                 struct tf_error *err);

/* Flushes and closes the writers; partitions can be read afterwards. */
int tf_spill_close_writers(struct tf_spill *s, struct tf_error *err);

/*
 * Reads the `count` observations of the file at `path` (a partition, or a
 * piece of one) into `*obs`, realloc'd as needed (capacity in *cap).
 */
int tf_spill_read(const char *path, uint64_t count, struct tf_obs **obs, size_t *cap,
                  struct tf_error *err);

/*
 * Splits partition `p`, too big for memory, into `m` pieces by a second
 * person hash, streaming: "split.<p>.<i>" for i < m, with counts[i]
 * observations each. Every person still lands in exactly one piece.
 */
int tf_spill_split(const struct tf_spill *s, unsigned p, unsigned m, uint64_t *counts,
                   struct tf_error *err);

/* Path of the file "<prefix>.<p>" inside the work directory. */
void tf_spill_path(const struct tf_spill *s, char *buf, size_t size, const char *prefix,
                   unsigned p);

/* Closes everything and removes the work directory. */
void tf_spill_free(struct tf_spill *s);

#endif
