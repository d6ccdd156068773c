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
    /* For each place kept in skips.first: the file it is in, as its index in
       paths + 1; 0 for the merged-id files loaded before reading. */
    uint32_t first_file[TF_SKIP_COUNT][TF_SKIP_EXAMPLES];
    uint64_t load_skips[TF_SKIP_COUNT]; /* of skips.n, those of loading the merged ids */
    uint64_t records;
    uint64_t bytes;
    uint64_t remapped;
    uint64_t *crc; /* per file: TF_CRC_KNOWN | its CRC-32, or 0 (not read whole, or not here) */
    int ran;
};

/* Loads the merged-id files into in->merged (none: stays NULL). Returns 0 or a status. */
int tf_ingest_load_merged(struct tf_ingest *in, struct tf_error *err);

#endif
