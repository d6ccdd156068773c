/*
 * inputs.h - the input options shared by run and extract (--openalex, --csv,
 * --merged-ids, --strict, --link, --quiet) over the library's reader pool
 * (talentflow/ingest.h), with what the command prints: snapshot notices,
 * a progress line on a terminal, errors and skipped input.
 */
#ifndef TF_CLI_INPUTS_H
#define TF_CLI_INPUTS_H

#include <getopt.h>
#include <stdio.h>

#include "talentflow/talentflow.h"

/*
 * getopt_long values of the input options: one per registered format
 * (--openalex, --csv, ...), then --merged-ids, --strict and --link.
 */
enum { TF_CLI_OPT_INPUT = 1000 };

/* Most input options (formats + 2), for sizing option tables. */
#define TF_CLI_INPUT_OPTIONS 16

struct tf_cli_inputs {
    struct tf_ingest *ingest;
    int strict;
    int link_orcid; /* --link orcid */
    int quiet;
    unsigned shard, shards; /* a spread run: read only this rank's files (tf_ingest_opts) */
    unsigned threads;       /* the threads the reading may use (set by tf_cli_reader_lanes) */
};

/* Returns an exit status (out of memory: TF_EXIT_DATA, printed). */
int tf_cli_inputs_init(struct tf_cli_inputs *in, const char *cmd);

/* Adds a path for `format` (tf_ingest_add). Prints and returns an exit status. */
int tf_cli_inputs_add(struct tf_cli_inputs *in, const char *cmd, enum tf_format format,
                      const char *path);

/* Adds a merged-ids file or folder (--merged-ids). Prints and returns an exit status. */
int tf_cli_inputs_add_merged(struct tf_cli_inputs *in, const char *cmd, const char *path);

/* Appends the input options to opts[*n...], advancing *n. */
void tf_cli_inputs_options(struct option *opts, size_t *n);

/*
 * Applies option `c` when it is an input option: returns its exit status,
 * or -1 when `c` is not an input option.
 */
int tf_cli_inputs_option(struct tf_cli_inputs *in, const char *cmd, int c, const char *arg);

/* Writes the --help lines of the input options. */
void tf_cli_inputs_usage(FILE *f);

/* "--openalex PATH | --csv PATH": the alternatives of the usage line. */
void tf_cli_inputs_synopsis(FILE *f);

/* Number of input files. */
size_t tf_cli_inputs_count(const struct tf_cli_inputs *in);

/*
 * Reader lanes for `threads` (0: tf_cpu_count()): at most one per file.
 * Notes the threads in in->threads, for the read-ahead of the last files.
 */
unsigned tf_cli_reader_lanes(struct tf_cli_inputs *in, unsigned threads);

/*
 * Reads every input with `lanes` reader threads, calling `fn` per record,
 * with the notices and a progress line on a terminal unless quiet. Prints
 * errors (file and line) and returns an exit status.
 */
int tf_cli_inputs_read(struct tf_cli_inputs *in, const char *cmd, unsigned lanes,
                       tf_ingest_record_fn *fn, void *ctx);

/* Prints a one-line account of skipped input per reason, with the first places. */
void tf_cli_inputs_report_skips(const struct tf_cli_inputs *in, const char *cmd);

/* The same for skips counted elsewhere (a spread run's, added up over ranks). */
void tf_cli_report_skips(const struct tf_skips *s, const char *cmd);

void tf_cli_inputs_release(struct tf_cli_inputs *in);

#endif
