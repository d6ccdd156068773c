/*
 * lines.h - split a stream into lines without copying more than needed.
 *
 * Each line is returned without its "\n" (and without a "\r" before it), and
 * is followed in memory by at least TF_LINES_PADDING readable bytes, so a
 * SIMD parser may read past its end. The pointer is valid until the next
 * call. Line numbers are 1-based.
 *
 * A line longer than the cap is skipped whole (TF_SKIP_LINE_TOO_LONG). A
 * gzip member that ends early ends the input: the partial last line is
 * dropped and the truncation is reported by tf_lines_next.
 */
#ifndef TF_IO_LINES_H
#define TF_IO_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"

#define TF_LINES_PADDING 64

struct tf_lines;

/* Opens `path` ("-" = standard input) through tf_stream_open. `max_line` 0 = 1 GiB. */
int tf_lines_open(struct tf_lines **out, const char *path, size_t max_line, struct tf_error *err);

/*
 * Next line. Returns 1 with *line / *len set, 0 at the end, or a negative
 * status: TF_ERR_IO, TF_ERR_FORMAT (truncated or corrupt gzip; err has the
 * file and line), TF_ERR_NOMEM. After TF_ERR_FORMAT the next call returns 0.
 * Lines past `max_line` are skipped and counted as TF_SKIP_LINE_TOO_LONG in
 * `skips` (may be NULL).
 */
int tf_lines_next(struct tf_lines *l, const char **line, size_t *len, struct tf_skips *skips,
                  struct tf_error *err);

/*
 * Reads everything that is left (from the start of the current line) into
 * one buffer, padded like a line; for inputs that are one JSON document
 * spread over many lines. Returns 1 with the data, 0 when nothing is left,
 * or a negative status.
 */
int tf_lines_rest(struct tf_lines *l, const char **data, size_t *len, struct tf_error *err);

/* The number of the line last returned (1-based). */
uint64_t tf_lines_lineno(const struct tf_lines *l);

/* Raw bytes consumed from the file. */
uint64_t tf_lines_raw_bytes(const struct tf_lines *l);

const char *tf_lines_path(const struct tf_lines *l);

/* Closes and frees. Accepts NULL. */
void tf_lines_free(struct tf_lines *l);

#endif
