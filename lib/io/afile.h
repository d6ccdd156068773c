/*
 * afile.h - files that appear whole or not at all: written under a
 * temporary name in the destination folder, renamed into place on commit.
 * "-" writes to standard output directly (nothing to rename).
 */
#ifndef TF_OUT_AFILE_H
#define TF_OUT_AFILE_H

#include <stddef.h>
#include <stdio.h>

#include "talentflow/error.h"

struct tf_afile {
    FILE *f;
    char *buf; /* f's buffer (TF_AFILE_BUFFER bytes), or NULL: the C library's own */
    int is_stdout;
    char path[4096];
    char tmp[4200];
};

/*
 * The two steps every whole-or-nothing file takes, whoever writes it (this
 * stdio writer, the gzip writer, SQLite): the temporary name beside the
 * final one, and the sync and rename that publish it.
 */

/* Outputs are written in pieces of this size (the C library alone would use 4 KiB). */
#define TF_AFILE_BUFFER ((size_t)1 << 16)

/* Writes "PATH.tmp-PID" into buf. Returns 0, or TF_ERR_USAGE when it does not fit. */
int tf_afile_tmp_name(char *buf, size_t size, const char *path, struct tf_error *err);

/*
 * Syncs the finished temporary file `tmp` (through `fd` when it is still
 * open, else by opening it) and renames it to `path`. On failure removes
 * `tmp` and returns TF_ERR_IO naming `path`.
 */
int tf_afile_publish(const char *tmp, const char *path, int fd, struct tf_error *err);

/* Opens `path` for writing (the folder must exist). Returns 0 or TF_ERR_IO. */
int tf_afile_open(struct tf_afile *a, const char *path, struct tf_error *err);

/* Flushes, syncs and renames into place. Returns 0 or TF_ERR_IO (then nothing is left). */
int tf_afile_commit(struct tf_afile *a, struct tf_error *err);

/* Closes and removes the temporary file. Safe after commit or a failed open. */
void tf_afile_abort(struct tf_afile *a);

/* Creates `dir` and its missing parents. Returns 0 or TF_ERR_IO. */
int tf_mkdir(const char *dir, struct tf_error *err);

#endif
