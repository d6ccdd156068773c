/*
 * afile.h - files that appear whole or not at all: written under a
 * temporary name in the destination folder, renamed into place on commit.
 * "-" writes to standard output directly (nothing to rename).
 */
#ifndef TF_OUT_AFILE_H
#define TF_OUT_AFILE_H

#include <stdio.h>

#include "talentflow/error.h"

struct tf_afile {
    FILE *f;
    int is_stdout;
    char path[4096];
    char tmp[4200];
};

/* Opens `path` for writing (the folder must exist). Returns 0 or TF_ERR_IO. */
int tf_afile_open(struct tf_afile *a, const char *path, struct tf_error *err);

/* Flushes, syncs and renames into place. Returns 0 or TF_ERR_IO (then nothing is left). */
int tf_afile_commit(struct tf_afile *a, struct tf_error *err);

/* Closes and removes the temporary file. Safe after commit or a failed open. */
void tf_afile_abort(struct tf_afile *a);

/* Creates `dir` (one level) when missing. Returns 0 or TF_ERR_IO. */
int tf_mkdir(const char *dir, struct tf_error *err);

#endif
