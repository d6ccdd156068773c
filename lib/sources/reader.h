/*
 * reader.h - what a format reader provides to source.c.
 *
 * Each format (openalex.c, csv.c, ...) has one open function that returns
 * its private state and its operations table. source.c wraps them in the
 * public struct tf_source and counts records.
 */
#ifndef TF_SOURCES_READER_H
#define TF_SOURCES_READER_H

#include "talentflow/source.h"

struct tf_reader_ops {
    /* Same contract as tf_source_next. */
    int (*next)(void *impl, struct tf_record *rec, struct tf_error *err);
    /* Raw bytes consumed so far. */
    uint64_t (*bytes)(const void *impl);
    /* Same contract as tf_source_file_crc. */
    int (*crc)(void *impl, uint32_t *crc);
    /* Frees everything; accepts NULL. */
    void (*free)(void *impl);
};

typedef int tf_reader_open_fn(void **impl, const struct tf_reader_ops **ops, const char *path,
                              const struct tf_source_opts *opts, struct tf_skips *skips,
                              struct tf_error *err);

tf_reader_open_fn tf_openalex_open;
tf_reader_open_fn tf_csv_open;
tf_reader_open_fn tf_orcid_open;
tf_reader_open_fn tf_openalex_authors_open;

/* The reader of a registered format (registry.c), or NULL. */
tf_reader_open_fn *tf_format_opener(enum tf_format format);

#endif
