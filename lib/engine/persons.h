/*
 * persons.h - the per-person table: each partition writes its people
 * (sorted by id string) to a file in the work directory; tf_persons_merge
 * reads them all back in global id order.
 */
#ifndef TF_ENGINE_PERSONS_H
#define TF_ENGINE_PERSONS_H

#include <stdio.h>

#include "engine/spill.h"
#include "engine/timeline.h"
#include "talentflow/engine.h"
#include "util/buf.h"
#include "util/map.h"

/* On-disk row; the id string (name_len bytes) follows it. */
struct tf_disk_person {
    uint64_t person;
    int32_t first_year, last_year;
    uint32_t moves, works, name_len;
    uint16_t origin, last_country;
    uint16_t pools; /* bit i: member of the run's pool i + 1 */
    int32_t cls;
};

struct tf_person_entry {
    struct tf_disk_person row;
    size_t id_offset; /* into tf_persons_out.ids, NUL-terminated */
};

/* Writer for one partition's persons file: rows are held, sorted by id, written at close. */
struct tf_persons_out {
    FILE *f;
    struct tf_map names; /* hashed person -> struct { offset, length } into text */
    struct tf_buf text;
    struct tf_buf ids; /* display ids of the rows */
    struct tf_person_entry *rows;
    size_t n, cap;
};

/*
 * Opens the persons file of piece `piece` of partition `p` (0 when the
 * partition is not split) and loads the partition's id strings.
 */
int tf_persons_out_open(struct tf_persons_out *po, const struct tf_spill *s, unsigned p,
                        unsigned piece, struct tf_error *err);

/* Adds the row of a built timeline. Returns 0 or TF_ERR_NOMEM. */
int tf_persons_out_add(struct tf_persons_out *po, const struct tf_timeline *tl, uint16_t pools);

/* When `ok`, writes the rows sorted and checks the write; frees everything either way. */
int tf_persons_out_close(struct tf_persons_out *po, int ok, struct tf_error *err);

/* Calls `fn` for every person of every persons file ("persons.*") in `dir`, in id order. */
int tf_persons_merge(const char *dir, int (*fn)(void *ctx, const struct tf_person_row *row),
                     void *ctx, struct tf_error *err);

/*
 * Moves the persons files of the spill directory into a folder of their own
 * (*out, created under `tmpdir`), so that they outlive the engine. Returns 0,
 * TF_ERR_IO or TF_ERR_NOMEM.
 */
int tf_persons_keep(const struct tf_spill *s, const char *tmpdir, struct tf_person_table **out,
                    struct tf_error *err);

/* The folder of a kept persons table. */
const char *tf_person_table_dir(const struct tf_person_table *t);

/* Removes the folder and frees. Accepts NULL. */
void tf_person_table_free(struct tf_person_table *t);

#endif
