/*
 * persons.h - the per-person table: each partition writes its people (in
 * key order) to a file in the work directory; tf_persons_merge reads them
 * all back in global key order.
 */
#ifndef TF_ENGINE_PERSONS_H
#define TF_ENGINE_PERSONS_H

#include <stdio.h>

#include "engine/spill.h"
#include "engine/timeline.h"
#include "talentflow/engine.h"
#include "util/buf.h"
#include "util/map.h"

/* Writer for one partition's persons file. */
struct tf_persons_out {
    FILE *f;
    struct tf_map names; /* person -> struct { offset, length } into text */
    struct tf_buf text;
};

/* Opens partition `p`'s persons file and loads the partition's id strings. */
int tf_persons_out_open(struct tf_persons_out *po, const struct tf_spill *s, unsigned p,
                        struct tf_error *err);

/* Appends the row of a built timeline. Returns 0 or TF_ERR_IO. */
int tf_persons_out_add(struct tf_persons_out *po, const struct tf_timeline *tl);

/* Closes (when `ok`, checking the write). Frees everything either way. */
int tf_persons_out_close(struct tf_persons_out *po, int ok, struct tf_error *err);

/* Calls `fn` for every person of every partition in key order. */
int tf_persons_merge(const struct tf_spill *s,
                     int (*fn)(void *ctx, const struct tf_person_row *row), void *ctx,
                     struct tf_error *err);

#endif
