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
int tf_write_tables(const struct tf_results *r, const char *dir, struct tf_error *err);

/* Writes persons.csv into `dir`; TF_ERR_USAGE when persons were not kept. */
int tf_write_persons(const struct tf_results *r, const char *dir, struct tf_error *err);

/* What a run read, for summary.json. */
struct tf_run_info {
    const struct tf_paths *inputs;     /* input files with sizes */
    const char *format;                /* "openalex" or "csv" */
    uint64_t records;                  /* records read */
    uint64_t bytes;                    /* raw bytes read */
    const struct tf_skips *read_skips; /* skips counted by the readers */
    const struct tf_engine_opts *opts;
};

/* Writes summary.json into `dir`: inputs, counts, and every skip by reason. */
int tf_write_summary(const struct tf_results *r, const struct tf_run_info *info, const char *dir,
                     struct tf_error *err);

/*
 * Observation CSV writer: header `person,year,country,weight,kind,org,work`,
 * weights in tf_weight_format's exact form, persons and works in their
 * display form ("A123", "W456"), so the file reads back to the same keys.
 */
struct tf_obs_writer;

int tf_obs_writer_open(struct tf_obs_writer **out, const char *path, struct tf_error *err);

/* Writes every observation of `rec`. */
int tf_obs_writer_add(struct tf_obs_writer *w, const struct tf_record *rec, struct tf_error *err);

/* Observations written so far. */
uint64_t tf_obs_writer_count(const struct tf_obs_writer *w);

/* Flushes, renames into place and frees. On error nothing is left behind. */
int tf_obs_writer_close(struct tf_obs_writer *w, struct tf_error *err);

/* Removes the temporary file and frees. Accepts NULL. */
void tf_obs_writer_abort(struct tf_obs_writer *w);

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
int tf_write_store(const struct tf_results *r, const struct tf_run_info *info, const char *dir,
                   struct tf_error *err);

#ifdef __cplusplus
}
#endif
#endif
