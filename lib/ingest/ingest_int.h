/*
 * ingest_int.h - the ingest's state, shared by its list half (ingest.c) and
 * its reading half (readers.c).
 */
#ifndef TF_INGEST_INT_H
#define TF_INGEST_INT_H

#include "talentflow/ingest.h"

struct tf_ingest {
    struct tf_paths paths;   /* every input file, in list order */
    enum tf_format *formats; /* parallel to paths */
    size_t cap_formats;
    char **merged_paths; /* --merged-ids and snapshot roots' merged_ids/ */
    size_t n_merged_paths;
    char **notes;
    size_t n_notes;
    struct tf_merged *merged;
    struct tf_skips skips;
    uint64_t records;
    uint64_t bytes;
    uint64_t remapped;
    int ran;
};

/* Loads the merged-id files into in->merged (none: stays NULL). Returns 0 or a status. */
int tf_ingest_load_merged(struct tf_ingest *in, struct tf_error *err);

#endif
