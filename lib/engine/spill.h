/*
 * spill.h - observations hash-partitioned by person into files under a
 * private work directory, so that each partition can later be processed in
 * memory on its own. Every observation of a person lands in the same
 * partition, whatever the order of input.
 *
 * Writers come in lanes: each lane has its own file per partition, so
 * several reader threads can spill at once, one lane each, without locks.
 * A partition is the union of its lane files; since a partition is sorted
 * before use, the lane an observation went through never shows in results.
 *
 * The directory is created by tf_spill_open (mkdtemp under `tmpdir`) and
 * removed with everything in it by tf_spill_free. Adding to different lanes
 * from different threads is safe; reading different partitions from
 * different threads is safe once the writers are closed.
 */
#ifndef TF_ENGINE_SPILL_H
#define TF_ENGINE_SPILL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"

/* One lane's writers: a file per partition, opened on first use. */
struct tf_spill_lane {
    FILE **obs;
    FILE **names;
    uint64_t *counts;    /* observations per partition */
    uint64_t *last_name; /* last person whose name went to each partition */
};

struct tf_spill {
    char dir[4096];
    unsigned n;     /* partitions */
    unsigned lanes; /* writer lanes */
    struct tf_spill_lane *lane;
};

/*
 * Creates the work directory under `tmpdir` for `lanes` x `n` partition
 * files; each is created when its first observation comes.
 */
int tf_spill_open(struct tf_spill *s, const char *tmpdir, unsigned n, unsigned lanes,
                  struct tf_error *err);

/* The partition of a person key. */
unsigned tf_spill_partition(const struct tf_spill *s, uint64_t person);

/* Appends one observation through `lane` (and the person's id string when `name` is not NULL). */
int tf_spill_add(struct tf_spill *s, unsigned lane, const struct tf_obs *o, const char *name,
                 struct tf_error *err);

/*
 * Appends the id string of `person` through `lane`, as tf_spill_add does with a
 * name (once per run of the same person in the lane's file of its partition).
 */
int tf_spill_add_name(struct tf_spill *s, unsigned lane, uint64_t person, const char *name,
                      struct tf_error *err);

/* Path of lane `l`'s file of id strings of partition `p` (it may not exist). */
void tf_spill_names_path(const struct tf_spill *s, char *buf, size_t size, unsigned l, unsigned p);

/* Flushes and closes the writers; partitions can be read afterwards. */
int tf_spill_close_writers(struct tf_spill *s, struct tf_error *err);

/* Flushes and closes the writers of lanes [0, lanes); the others stay open. */
int tf_spill_close_lanes(struct tf_spill *s, unsigned lanes, struct tf_error *err);

/* Path of lane `l`'s observation file of partition `p` (complete once its lane is closed). */
void tf_spill_lane_path(const struct tf_spill *s, char *buf, size_t size, unsigned l, unsigned p);

/* Observations in partition `p`, over all lanes. */
uint64_t tf_spill_count(const struct tf_spill *s, unsigned p);

/* Reads all of partition `p` into `*obs` (realloc'd as needed, capacity in *cap). */
int tf_spill_load(const struct tf_spill *s, unsigned p, struct tf_obs **obs, size_t *cap,
                  struct tf_error *err);

/* Reads the `count` observations of the piece file at `path` into `*obs`, likewise. */
int tf_spill_read(const char *path, uint64_t count, struct tf_obs **obs, size_t *cap,
                  struct tf_error *err);

/*
 * Splits partition `p`, too big for memory, into `m` pieces by a second
 * person hash, streaming: "split.<p>.<i>" for i < m, with counts[i]
 * observations each. Every person still lands in exactly one piece.
 */
int tf_spill_split(const struct tf_spill *s, unsigned p, unsigned m, uint64_t *counts,
                   struct tf_error *err);

/* Calls `fn` with each lane's names file of partition `p` that exists; stops on nonzero. */
int tf_spill_each_names(const struct tf_spill *s, unsigned p, int (*fn)(void *ctx, FILE *f),
                        void *ctx);

/* Removes partition `p`'s lane files (after processing, to give the disk back). */
void tf_spill_drop(const struct tf_spill *s, unsigned p);

/* Path of the file "<prefix>.<p>" inside the work directory. */
void tf_spill_path(const struct tf_spill *s, char *buf, size_t size, const char *prefix,
                   unsigned p);

/* Closes everything and removes the work directory. */
void tf_spill_free(struct tf_spill *s);

#endif
