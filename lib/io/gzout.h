/*
 * gzout.h - write a file atomically, gzip-compressed or plain.
 *
 * Bytes go to "PATH.tmp-<pid>" next to the final path; tf_gzout_close
 * finishes the stream, flushes it to disk and renames the temporary file
 * over PATH, so readers never see a half-written file. tf_gzout_abort
 * removes the temporary file instead. Gzip output uses ISA-L's fastest real
 * level when the library is built with it (TF_HAVE_ISAL), zlib level 1
 * otherwise; both write a fixed header (no time stamp or name), so the same
 * input always gives the same bytes from the same build.
 *
 * How to use:
 *   struct tf_gzout *g = NULL;
 *   if (tf_gzout_open(&g, "out/part_000.gz", TF_GZOUT_GZIP, &err) < 0)
 *       return err.code;
 *   if (tf_gzout_write(g, line, len, &err) < 0) {
 *       tf_gzout_abort(g);
 *       return err.code;
 *   }
 *   return tf_gzout_close(g, NULL, &err); // frees g in every case
 *
 * Not thread-safe per writer; writers are independent. Two writers to the
 * same PATH from one process would share the temporary name: don't.
 */
#ifndef TF_IO_GZOUT_H
#define TF_IO_GZOUT_H

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"

enum tf_gzout_mode {
    TF_GZOUT_PLAIN = 0, /* bytes as given */
    TF_GZOUT_GZIP = 1,  /* one gzip member, fastest level */
};

struct tf_gzout;

/*
 * Creates the temporary file for `path` (truncating a stale one) and sets
 * up the compressor. Returns 0 with *out set, or TF_ERR_IO / TF_ERR_NOMEM
 * with `err` filled and *out NULL.
 */
int tf_gzout_open(struct tf_gzout **out, const char *path, enum tf_gzout_mode mode,
                  struct tf_error *err);

/*
 * Appends `n` bytes. Data is buffered; a write error may surface on a later
 * call or at close. Returns 0 or a negative status (the writer must then be
 * aborted).
 */
int tf_gzout_write(struct tf_gzout *g, const void *p, size_t n, struct tf_error *err);

/*
 * Finishes the stream, syncs the file and renames it to the final path.
 * `size` (may be NULL) receives the final file size in bytes. Frees `g`
 * whatever happens (on failure the temporary file is removed). Returns 0 or
 * a negative status.
 */
int tf_gzout_close(struct tf_gzout *g, uint64_t *size, struct tf_error *err);

/* Removes the temporary file and frees `g`. Accepts NULL. */
void tf_gzout_abort(struct tf_gzout *g);

/* Bytes given to tf_gzout_write so far. */
uint64_t tf_gzout_bytes_in(const struct tf_gzout *g);

/* Bytes written to the file so far; compressed bytes still buffered are not counted. */
uint64_t tf_gzout_bytes_out(const struct tf_gzout *g);

#endif
