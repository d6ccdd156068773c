/*
 * talentflow/ingest.h - reading a whole list of inputs at once: the reader
 * pool every command uses, between the sources and whatever consumes records.
 *
 * An ingest holds the input files (each with its format), expands folders
 * and OpenAlex snapshot roots, loads OpenAlex merged ids, and reads every
 * file with a pool of reader threads ("lanes"), handing each record to the
 * caller's function with its lane and its read order.
 *
 * How to use:
 *   struct tf_ingest *in = NULL;
 *   tf_ingest_new(&in, &err);
 *   tf_ingest_add(in, TF_FORMAT_OPENALEX, "snapshot/", &err);  // files, folders, roots
 *   tf_ingest_add_merged(in, "merged_ids/", &err);             // optional
 *   for (size_t i = 0; i < tf_ingest_n_notes(in); i++) puts(tf_ingest_note(in, i));
 *   struct tf_ingest_opts o = {.lanes = 4};
 *   tf_ingest_run(in, &o, on_record, ctx, &err);
 *   ... tf_ingest_records(in), tf_ingest_skips(in) ...
 *   tf_ingest_free(in);
 *
 * One lane takes the files in list order; more lanes take the largest first,
 * so a big file is not left to one lane at the end. Each file's counts and skips
 * are folded in list order, so they never depend on the lane count or on
 * timing. The read order given with each record (tf_copies_order) ranks the
 * files by path, not by list order, so which copy of a work is "read last"
 * does not depend on how the inputs were listed either.
 *
 * An ingest is set up and run by one thread; during tf_ingest_run the
 * record function is called from `lanes` threads at once (one per lane).
 */
#ifndef TALENTFLOW_INGEST_H
#define TALENTFLOW_INGEST_H

#include "talentflow/export.h"

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"
#include "talentflow/merged.h"
#include "talentflow/source.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Most reader lanes. */
#define TF_INGEST_MAX_LANES 64

struct tf_ingest; /* opaque */

/* Creates an empty ingest. Returns 0 or TF_ERR_NOMEM. */
TF_API int tf_ingest_new(struct tf_ingest **out, struct tf_error *err);

/*
 * Adds `path` ("-" = standard input) as input of `format`. A folder is walked
 * recursively (tf_paths_expand); a folder given for OpenAlex that is a
 * snapshot root (tf_openalex_snapshot) adds its works folder and its merged
 * ids instead, and leaves a note saying so. Returns 0 or a negative status
 * with `err` naming the path.
 */
TF_API int tf_ingest_add(struct tf_ingest *in, enum tf_format format, const char *path,
                         struct tf_error *err);

/*
 * Adds a file or folder of OpenAlex merged ids (tf_merged_load), loaded when
 * the reading starts and applied to every source. Returns 0, TF_ERR_IO (no
 * such path) or TF_ERR_NOMEM.
 */
TF_API int tf_ingest_add_merged(struct tf_ingest *in, const char *path, struct tf_error *err);

/* Notices left by tf_ingest_add (snapshot roots: what is read, what is not). */
TF_API size_t tf_ingest_n_notes(const struct tf_ingest *in);
TF_API const char *tf_ingest_note(const struct tf_ingest *in, size_t i);

/*
 * Called for each record by lane `lane`, with the record's read order;
 * nonzero stops the reading with that status (fill `err`).
 */
typedef int tf_ingest_record_fn(void *ctx, unsigned lane, const struct tf_record *rec,
                                uint64_t order, struct tf_error *err);

/*
 * Called now and then from lane 0 while reading, with the records and raw
 * bytes read so far by all lanes; for progress displays.
 */
typedef void tf_ingest_progress_fn(void *ctx, uint64_t records, uint64_t bytes);

/* How tf_ingest_run reads. Zero-initialised means the defaults. */
struct tf_ingest_opts {
    unsigned lanes;   /* reader threads, clamped to 1..TF_INGEST_MAX_LANES and to the
                         number of files; the calling thread is lane 0; with one lane,
                         records arrive in list order; 0 = 1 */
    unsigned threads; /* the threads the reading may use (0 = lanes): while fewer files
                         are left than this, each file taken decodes on a thread of its
                         own (tf_source_opts.read_ahead) */
    int strict;       /* nonzero: the first bad record stops the reading (TF_ERR_DATA) */
    size_t max_line;  /* passed to tf_source_open; 0 = its default */
    int link_orcid;   /* passed to tf_source_open (tf_source_opts.link_orcid) */
    unsigned shard;   /* with shards > 1: read only the files i (in list order) with
                         i % shards == shard, as one of `shards` processes sharing the
                         inputs, and standard input ("-") on shard 0 only (where
                         launchers deliver it); the read orders stay those of the
                         whole list */
    unsigned shards;  /* 0 or 1: read every file */
    tf_ingest_progress_fn *progress; /* may be NULL */
    void *progress_ctx;
};

/*
 * Loads the merged ids, then reads every input as `opts` says (NULL: the
 * defaults), calling `fn` for each record. Returns 0, or the first failure
 * (a source's I/O error, a strict-mode bad record, fn's status) with `err`
 * filled; the other lanes stop soon after. May be called once.
 */
TF_API int tf_ingest_run(struct tf_ingest *in, const struct tf_ingest_opts *opts,
                         tf_ingest_record_fn *fn, void *ctx, struct tf_error *err);

/* The input files in list order, with sizes; and the format of file i. */
TF_API const struct tf_paths *tf_ingest_paths(const struct tf_ingest *in);
TF_API enum tf_format tf_ingest_format(const struct tf_ingest *in, size_t i);

/* The registry name of the inputs' format ("openalex", "csv", "orcid"), or "mixed"
   when they have more than one; "openalex" when there are none. */
TF_API const char *tf_ingest_format_name(const struct tf_ingest *in);

/* Sum of the input files' sizes (0 for standard input). */
TF_API uint64_t tf_ingest_total_bytes(const struct tf_ingest *in);

/* After tf_ingest_run: records and raw bytes read, skips counted by the readers. */
TF_API uint64_t tf_ingest_records(const struct tf_ingest *in);
TF_API uint64_t tf_ingest_bytes(const struct tf_ingest *in);
TF_API const struct tf_skips *tf_ingest_skips(const struct tf_ingest *in);

/*
 * After tf_ingest_run: per input file (as tf_ingest_paths lists them),
 * TF_CRC_KNOWN | the CRC-32 (gzip's) of the file's bytes, computed as they
 * were read, or 0 for standard input, a file that could not be read to its
 * end, and (with shards) the files of other shards. NULL before the run.
 */
#define TF_CRC_KNOWN ((uint64_t)1 << 32)
TF_API const uint64_t *tf_ingest_crc(const struct tf_ingest *in);

/* After tf_ingest_run: the merged-ids table used (NULL when none) and the observations remapped. */
TF_API const struct tf_merged *tf_ingest_merged(const struct tf_ingest *in);
TF_API uint64_t tf_ingest_remapped(const struct tf_ingest *in);

/* Frees everything. Accepts NULL. */
TF_API void tf_ingest_free(struct tf_ingest *in);

#ifdef __cplusplus
}
#endif
#endif
