/*
 * inputs.h - the input options shared by run and extract (--openalex, --csv,
 * --merged-ids, --strict), reading every input file in order with a
 * progress line.
 *
 * Every record reaches the caller with its read order (tf_copies_order): the
 * rank of its file in the inputs sorted by path, and its number in the file,
 * so which copy of a work is "read last" does not depend on the order of the
 * options or on timing. Merged OpenAlex ids are applied before the caller
 * sees a record: works merged away are skipped (TF_SKIP_MERGED_WORK) and
 * merged authors become the author they were merged into.
 */
#ifndef TF_CLI_INPUTS_H
#define TF_CLI_INPUTS_H

#include "talentflow/talentflow.h"

struct tf_cli_inputs {
    struct tf_paths paths;   /* every input file, in command-line order */
    enum tf_format *formats; /* parallel to paths */
    size_t cap_formats;
    int strict;
    int quiet;
    struct tf_skips skips;
    uint64_t records;
    uint64_t bytes;
    char **merged_paths; /* --merged-ids and snapshot roots' merged_ids/ */
    size_t n_merged_paths;
    struct tf_merged *merged; /* loaded from merged_paths at the start of reading */
    uint64_t remapped;        /* observations whose author id was a merged one */
    char **notes;             /* notices printed when reading starts (unless quiet) */
    size_t n_notes;
};

void tf_cli_inputs_init(struct tf_cli_inputs *in);

/*
 * Adds a path for `format`; directories are expanded. A folder given for
 * OpenAlex that is a snapshot root (tf_openalex_snapshot) adds its works
 * folder and its merged_ids folder. Prints and returns an exit status.
 */
int tf_cli_inputs_add(struct tf_cli_inputs *in, const char *cmd, enum tf_format format,
                      const char *path);

/* Adds a merged-ids file or folder (--merged-ids). Prints and returns an exit status. */
int tf_cli_inputs_add_merged(struct tf_cli_inputs *in, const char *cmd, const char *path);

/* Most reader threads. */
#define TF_CLI_MAX_LANES 64

/*
 * Called for each record by reader `lane` with its read order; nonzero stops
 * the reading with that status. Calls with different lanes may run at the
 * same time.
 */
typedef int tf_cli_record_fn(void *ctx, unsigned lane, const struct tf_record *rec, uint64_t order,
                             struct tf_error *err);

/*
 * Reads every input with `lanes` reader threads (files taken in order; with
 * one lane, records arrive in input order), calling `fn` per record, with a
 * progress line on a terminal. Counts and skips are folded in file order,
 * so they do not depend on the number of lanes. Prints errors (file and
 * line) and returns an exit status.
 */
int tf_cli_inputs_read(struct tf_cli_inputs *in, const char *cmd, unsigned lanes,
                       tf_cli_record_fn *fn, void *ctx);

/* Prints a one-line account of skipped input per reason, with the first places. */
void tf_cli_inputs_report_skips(const struct tf_skips *s, const char *cmd);

/* The format name of the inputs: "openalex", "csv" or "mixed". */
const char *tf_cli_inputs_format(const struct tf_cli_inputs *in);

void tf_cli_inputs_release(struct tf_cli_inputs *in);

#endif
