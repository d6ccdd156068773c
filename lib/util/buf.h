/*
 * buf.h - the one growable byte buffer.
 *
 * Invariants: `len <= cap`; when `cap > 0`, `data[len]` is a NUL byte and at
 * least TF_BUF_SLACK more bytes after it are allocated (and zero), so text
 * can be handed to parsers that read past the end. Growth stops at `max`
 * (0 = no cap besides SIZE_MAX): an append past it fails with TF_ERR_NOMEM
 * and leaves the buffer as it was.
 */
#ifndef TF_UTIL_BUF_H
#define TF_UTIL_BUF_H

#include <stddef.h>

#define TF_BUF_SLACK 64

struct tf_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
};

/* An empty buffer with cap limit `max` (0 = none). No allocation. */
void tf_buf_init(struct tf_buf *b, size_t max);

/* Makes room for `extra` more bytes. Returns 0 or TF_ERR_NOMEM. */
int tf_buf_reserve(struct tf_buf *b, size_t extra);

/* Appends `n` bytes. Returns 0 or TF_ERR_NOMEM. */
int tf_buf_add(struct tf_buf *b, const void *p, size_t n);

/* Appends a NUL-terminated string. */
int tf_buf_adds(struct tf_buf *b, const char *s);

/* Appends printf-style text. */
int tf_buf_addf(struct tf_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sets len to 0, keeps the memory. */
void tf_buf_reset(struct tf_buf *b);

/* Frees the memory; the buffer is empty and reusable. */
void tf_buf_release(struct tf_buf *b);

/*
 * The one way arrays of anything grow: makes *v (capacity *cap elements of
 * `size` bytes) hold at least `need` elements, doubling from 16. Returns 0,
 * or TF_ERR_NOMEM (on allocation failure or overflow) with *v and *cap as
 * they were.
 */
int tf_grow(void **v, size_t *cap, size_t need, size_t size);

#endif
