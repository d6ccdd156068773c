/*
 * talentflow/output.h - writing results: the table CSVs, persons.csv,
 * summary.json and observation CSVs.
 *
 * Every file is written to a temporary name in its destination folder and
 * renamed into place when complete, so a reader never sees half a table and
 * an interrupted run leaves no partial file under a final name.
 *
 * How to use:
 *   tf_write_tables(results, "out", &err);          // country_year.csv, flows.csv, ...
 *   tf_write_persons(results, "out", &err);         // when the engine kept persons
 *   tf_write_summary(results, &info, "out", &err);  // summary.json
 *
 *   struct tf_obs_writer *w = NULL;
 *   tf_obs_writer_open(&w, "obs.csv", &err);        // "-" = standard output
 *   tf_obs_writer_add(w, &rec, &err);               // every observation of a record
 *   tf_obs_writer_close(w, &err);                   // renames into place
 *
 * Functions are reentrant; a writer is used by one thread at a time.
 */
#ifndef TALENTFLOW_OUTPUT_H
#define TALENTFLOW_OUTPUT_H

#include "talentflow/export.h"

#include <stdint.h>

#include "talentflow/engine.h"
#include "talentflow/source.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Writes country_year.csv, flows.csv, classes.csv, returns.csv and stays.csv
 * into `dir` (created if missing). Columns are documented in docs/tables.md.
 */
TF_API int tf_write_tables(const struct tf_results *r, const char *dir, struct tf_error *err);

/* Writes persons.csv into `dir`; TF_ERR_USAGE when persons were not kept. */
TF_API int tf_write_persons(const struct tf_results *r, const char *dir, struct tf_error *err);

/* What a run read, for summary.json. */
struct tf_run_info {
    const struct tf_paths *inputs;     /* input files with sizes */
    const char *format;                /* "openalex" or "csv" */
    uint64_t records;                  /* records read */
    uint64_t bytes;                    /* raw bytes read */
    const struct tf_skips *read_skips; /* skips counted by the readers */
    const struct tf_engine_opts *opts;
    uint64_t merged_authors; /* merged author ids known (talentflow/merged.h), 0 if none */
    uint64_t merged_works;   /* merged work ids known */
    uint64_t remapped;       /* observations whose author id was a merged one */
    /* Per input, TF_CRC_KNOWN | its CRC-32 as tf_ingest_crc gives it (0: not
       known, stored as NULL); NULL: the store reads each file once more for it. */
    const uint64_t *input_crc;
};

/* Writes summary.json into `dir`: inputs, counts, and every skip by reason. */
TF_API int tf_write_summary(const struct tf_results *r, const struct tf_run_info *info,
                            const char *dir, struct tf_error *err);

/*
 * Observation CSV writer: header `person,year,country,weight,kind,org,work`,
 * weights in tf_weight_format's exact form, persons and works in their
 * display form ("A123", "W456"), so the file reads back to the same keys.
 */
struct tf_obs_writer;

/*
 * Opens a writer of observations to `path` ("-" = standard output), written
 * under a temporary name and renamed at close. Returns 0, or TF_ERR_IO /
 * TF_ERR_NOMEM with *out NULL. Free with tf_obs_writer_close or _abort.
 */
TF_API int tf_obs_writer_open(struct tf_obs_writer **out, const char *path, struct tf_error *err);

/*
 * The same for `lanes` reader threads (tf_ingest's lanes; 0 or 1: one):
 * each lane adds its records with tf_obs_writer_add_lane, and the output
 * holds every file's rows in the read order (files by path, as
 * tf_copies_order ranks them), so it is the same whatever the lane count.
 */
TF_API int tf_obs_writer_open_lanes(struct tf_obs_writer **out, const char *path, unsigned lanes,
                                    struct tf_error *err);

/*
 * tf_obs_writer_add_record from lane `lane` (< the lanes opened); lanes may
 * add at the same time, each from one thread.
 */
TF_API int tf_obs_writer_add_lane(struct tf_obs_writer *w, unsigned lane,
                                  const struct tf_record *rec, uint64_t order,
                                  struct tf_error *err);

/* Writes every observation of `rec`. Same as tf_obs_writer_add_record with order 0. */
TF_API int tf_obs_writer_add(struct tf_obs_writer *w, const struct tf_record *rec,
                             struct tf_error *err);

/*
 * Writes every observation of `rec`, a record read at place `order` of the
 * read order (tf_copies_order). A whole work (rec->info.whole with a work
 * key) read more than once keeps only its latest copy, as in
 * tf_engine_add_record: rows are spooled to an unlinked temporary file and the
 * superseded copies' rows are left out at close. Returns 0 or TF_ERR_IO.
 */
TF_API int tf_obs_writer_add_record(struct tf_obs_writer *w, const struct tf_record *rec,
                                    uint64_t order, struct tf_error *err);

/*
 * Decides which copies of works are superseded (no more rows may be added
 * afterwards). tf_obs_writer_close does it when it was not done; call it
 * first to read the counts below before closing. Returns 0 or a negative status.
 */
TF_API int tf_obs_writer_resolve(struct tf_obs_writer *w, struct tf_error *err);

/* Observations written so far; once resolved, without the superseded copies' rows. */
TF_API uint64_t tf_obs_writer_count(const struct tf_obs_writer *w);

/* Copies of works left out as superseded (0 until resolved). */
TF_API uint64_t tf_obs_writer_superseded(const struct tf_obs_writer *w);

/*
 * Resolves copies of works if not done yet, writes the output, renames it
 * into place and frees the writer. On error nothing is left behind.
 */
TF_API int tf_obs_writer_close(struct tf_obs_writer *w, struct tf_error *err);

/* Removes the temporary file and frees. Accepts NULL. */
TF_API void tf_obs_writer_abort(struct tf_obs_writer *w);

/*
 * Writes the results store DIR/talentflow.sqlite (`dir` created if missing):
 * every table of `r`, the persons table (empty, with meta persons_kept '0',
 * when the engine did not keep persons), the inputs of `info` with sizes and
 * CRC-32 checksums (the files are read once more), skips by reason, the
 * engine options and the version. The schema is in docs/store.md; read it
 * back with talentflow/store.h. Built as DIR/talentflow.sqlite.tmp-PID in one
 * transaction, synced and renamed over any earlier store; on failure the
 * temporary file is removed and an existing store is left as it was.
 * Returns 0, TF_ERR_IO (err names the file) or TF_ERR_NOMEM.
 */
TF_API int tf_write_store(const struct tf_results *r, const struct tf_run_info *info,
                          const char *dir, struct tf_error *err);

#ifdef __cplusplus
}
#endif
#endif
