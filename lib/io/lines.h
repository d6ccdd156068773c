/*
 * lines.h - split a stream into lines without copying more than needed.
 *
 * How to use:
 *   struct tf_lines *in = NULL;
 *   if (tf_lines_open(&in, path, 0, &err) < 0)
 *       return err.code;
 *   while ((rc = tf_lines_next(in, &line, &len, &skips, &err)) > 0)
 *       parse(line, len);
 *   tf_lines_free(in);               // rc < 0: err has the file and line
 *
 * Each line is returned without its "\n" (and without a "\r" before it; a
 * last line with no "\n" loses a final "\r" too), and is followed in memory
 * by at least TF_LINES_PADDING readable bytes, so a SIMD parser may read past
 * its end; what those bytes hold is unspecified (it is usually the next line,
 * not a NUL). Lines may contain NUL bytes. The pointer is valid until the next
 * call on the same reader. Line numbers are 1-based.
 *
 * A line longer than the cap is skipped whole (TF_SKIP_LINE_TOO_LONG) without
 * being held in memory. A gzip member that ends early or is corrupt ends the
 * input: every complete line before it is returned, the partial last line is
 * dropped, and the next call reports TF_ERR_FORMAT once.
 *
 * Not thread-safe per reader; readers are independent.
 */
#ifndef TF_IO_LINES_H
#define TF_IO_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"

#define TF_LINES_PADDING 64

struct tf_lines;

/*
 * Opens `path` ("-" = standard input) through tf_stream_open. `max_line` is
 * the longest accepted line in bytes, without its terminator (0 = 1 GiB).
 * Returns 0 with *out set, or a negative status with *out NULL and `err`
 * filled.
 */
int tf_lines_open(struct tf_lines **out, const char *path, size_t max_line, struct tf_error *err);

/* Decodes ahead on a thread of its own (tf_stream_read_ahead), before the first line. */
int tf_lines_read_ahead(struct tf_lines *l);

/*
 * Next line. Returns 1 with *line / *len set, 0 at the end, or a negative
 * status: TF_ERR_IO, TF_ERR_FORMAT (truncated or corrupt gzip; err has the
 * file and the number of the line that was cut), TF_ERR_NOMEM. After
 * TF_ERR_FORMAT the next call returns 0; other errors are returned again.
 * Lines past `max_line` are skipped and counted as TF_SKIP_LINE_TOO_LONG in
 * `skips` (may be NULL).
 */
int tf_lines_next(struct tf_lines *l, const char **line, size_t *len, struct tf_skips *skips,
                  struct tf_error *err);

/*
 * Reads everything that is left into one buffer, padded like a line; for
 * inputs that are one JSON document spread over many lines. "Left" starts at
 * the line last returned by tf_lines_next (so a reader can look at the first
 * line and then ask for the whole document), or at the first unread line when
 * the last call returned no line. Returns 1 with the data (terminators kept),
 * 0 when nothing is left, or a negative status: TF_ERR_NOMEM when the rest is
 * longer than `max_line`, TF_ERR_FORMAT for a truncated or corrupt gzip
 * member. Afterwards tf_lines_lineno is the number of the first line of the
 * data, and tf_lines_next and tf_lines_rest return 0.
 */
int tf_lines_rest(struct tf_lines *l, const char **data, size_t *len, struct tf_error *err);

/* The number of the line last returned (1-based; 0 before the first). */
uint64_t tf_lines_lineno(const struct tf_lines *l);

/* Raw bytes consumed from the file (compressed bytes for gzip), for progress. */
uint64_t tf_lines_raw_bytes(const struct tf_lines *l);

/* The CRC-32 of the whole file once read (tf_stream_file_crc). Returns 0 or -1. */
int tf_lines_file_crc(struct tf_lines *l, uint32_t *crc);

/* The path given at open. */
const char *tf_lines_path(const struct tf_lines *l);

/* Closes and frees. Accepts NULL. */
void tf_lines_free(struct tf_lines *l);

#endif
