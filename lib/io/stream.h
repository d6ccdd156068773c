/*
 * stream.h - byte streams: plain files, standard input and gzip behind one
 * interface, so every parser reads bytes the same way.
 *
 * tf_stream_open looks at the first two bytes: gzip magic (1f 8b) selects the
 * gzip backend (ISA-L when built with it, zlib otherwise), anything else is
 * read as is. Concatenated gzip members are one stream; bytes after a member
 * that do not start another one (trailing garbage or zero padding) count as
 * a corrupt member. A member that ends early or is corrupt makes
 * tf_stream_read return TF_ERR_FORMAT after all the bytes that could be
 * decoded have been returned.
 *
 * Not thread-safe per stream; streams are independent.
 */
#ifndef TF_IO_STREAM_H
#define TF_IO_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "talentflow/error.h"

struct tf_stream;

/*
 * Opens `path` ("-" = standard input) and reads its first bytes to pick the
 * backend. Returns 0 with *out set, or a negative status (TF_ERR_IO when the
 * file cannot be opened or read, TF_ERR_NOMEM) with *out NULL and `err`
 * (may be NULL) filled.
 */
int tf_stream_open(struct tf_stream **out, const char *path, struct tf_error *err);

/*
 * Reads up to `n` decoded bytes into `buf`. Returns the number read (> 0),
 * 0 at the end, or a negative status: TF_ERR_IO for a read error,
 * TF_ERR_FORMAT for a truncated or corrupt gzip member (err says which byte
 * of the compressed file; err->offset is the decoded position). A read may
 * return fewer bytes than asked for before the end. Errors are sticky: once
 * one is returned, every later call returns it again.
 */
ssize_t tf_stream_read(struct tf_stream *s, void *buf, size_t n, struct tf_error *err);

/*
 * Decodes ahead of the reader on a thread of its own, a few 1 MiB blocks
 * ahead, so inflating and parsing one file use two cores. Only for a regular
 * file, and only before the first tf_stream_read; the bytes, errors and
 * checksum are the same as reading in line. Returns 0, or -1 when the stream
 * reads in line (not a regular file, already read, no memory or thread).
 */
int tf_stream_read_ahead(struct tf_stream *s);

/* Raw (compressed) bytes consumed from the file so far. */
uint64_t tf_stream_raw_bytes(const struct tf_stream *s);

/*
 * The CRC-32 (gzip's) of the whole file, as its bytes went by: once the
 * reader is done, the rest of the file (if any, as after a corrupt gzip
 * member) is read too. Returns 0 with *crc set, or -1 for standard input or
 * when reading the file failed.
 */
int tf_stream_file_crc(struct tf_stream *s, uint32_t *crc);

/* Reads `fd` to its end, continuing *crc over its bytes. Returns 0, or -1 when a read fails. */
int tf_crc32_rest(int fd, uint32_t *crc);

/* CRC-32 (gzip's, as zlib's crc32) of buf[0..n) continuing `crc` (start with 0). */
uint32_t tf_crc32(uint32_t crc, const void *buf, size_t n);

/* Nonzero when the stream is gzip. */
int tf_stream_is_gzip(const struct tf_stream *s);

/* The message of the last error without the "path: " prefix; "" when none. */
const char *tf_stream_why(const struct tf_stream *s);

/* The path given at open. */
const char *tf_stream_path(const struct tf_stream *s);

/* Closes and frees. Accepts NULL. */
void tf_stream_free(struct tf_stream *s);

#endif
