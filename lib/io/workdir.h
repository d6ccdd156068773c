/*
 * workdir.h - private temporary folders for intermediate files (spill
 * partitions, copies of works): made with mkdtemp under the user's choice,
 * $TMPDIR or /tmp, and removed with the files in them. Thread-safe.
 */
#ifndef TF_IO_WORKDIR_H
#define TF_IO_WORKDIR_H

#include <stddef.h>

#include "talentflow/error.h"

/*
 * Creates "<tmpdir>/talentflow-XXXXXX" (tmpdir NULL or "": $TMPDIR, else
 * /tmp) and writes its path into buf. Returns 0, or TF_ERR_IO with `err`
 * naming the parent folder (buf is then "").
 */
int tf_workdir_make(char *buf, size_t size, const char *tmpdir, struct tf_error *err);

/* Removes `dir` and everything in it (subfolders too). No-op for "". */
void tf_workdir_remove(const char *dir);

#endif
