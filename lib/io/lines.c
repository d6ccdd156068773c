/*
 * lines.c - split a stream into lines, handing out pointers into one buffer.
 *
 * The buffer holds [pos, len) unread bytes; lines are found with memchr and
 * returned in place. Only when no newline is left is the unfinished tail
 * moved to the front and the buffer refilled, so each byte is copied at most
 * once per line boundary rather than once per line. The buffer grows only
 * for a line longer than it, up to the line cap; TF_LINES_PADDING zeroed
 * bytes are always allocated past `cap` so a line at the very end is padded.
 */
#include "io/lines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/stream.h"

/* Overridable so the fuzz build can run every refill path on tiny inputs. */
#ifndef LINES_CHUNK
#define LINES_CHUNK ((size_t)1 << 20)
#endif
#define LINES_DEFAULT_MAX ((size_t)1 << 30)

enum { LINES_READING = 0, LINES_DONE = 1 };

struct tf_lines {
    struct tf_stream *s;
    char *buf; /* cap + TF_LINES_PADDING bytes */
    size_t cap;
    size_t limit; /* the most cap may grow to: a longest line plus "\r\n" */
    size_t max_line;
    size_t pos;  /* start of the unread bytes */
    size_t scan; /* [pos, scan) is known to hold no '\n' */
    size_t len;  /* end of the bytes read */
    size_t cur;  /* start of the line last returned, when has_cur */
    int has_cur;
    int eof;         /* the stream returned 0 */
    int state;       /* LINES_READING, LINES_DONE, or a sticky negative status */
    int skipping;    /* discarding the rest of an over-long line */
    size_t skip_len; /* bytes of that line discarded so far */
    uint64_t lineno;
};

int tf_lines_open(struct tf_lines **out, const char *path, size_t max_line, struct tf_error *err)
{
    *out = NULL;
    struct tf_lines *l = calloc(1, sizeof(*l));
    if (!l)
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    l->max_line = max_line ? max_line : LINES_DEFAULT_MAX;
    if (l->max_line > SIZE_MAX / 4)
        l->max_line = SIZE_MAX / 4;
    l->limit = l->max_line + 2;
    l->cap = LINES_CHUNK;
    l->buf = calloc(1, l->cap + TF_LINES_PADDING);
    if (!l->buf) {
        free(l);
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    }
    int rc = tf_stream_open(&l->s, path, err);
    if (rc < 0) {
        tf_lines_free(l);
        return rc;
    }
    *out = l;
    return 0;
}

int tf_lines_read_ahead(struct tf_lines *l)
{
    return tf_stream_read_ahead(l->s);
}

/* Doubles the buffer (up to limit), zeroing what is new so every byte is defined. */
static int lines_grow(struct tf_lines *l)
{
    size_t cap = l->cap > l->limit / 2 ? l->limit : l->cap * 2;
    if (cap <= l->cap)
        return TF_ERR_NOMEM;
    char *p = realloc(l->buf, cap + TF_LINES_PADDING);
    if (!p)
        return TF_ERR_NOMEM;
    memset(p + l->cap, 0, cap - l->cap + TF_LINES_PADDING);
    l->buf = p;
    l->cap = cap;
    return 0;
}

/*
 * Drops the bytes before `keep` (every offset must be >= keep), makes room
 * and reads once. Returns bytes read, 0 at the end, or a negative status.
 */
static ssize_t lines_fill(struct tf_lines *l, size_t keep, struct tf_error *err)
{
    if (keep > 0) {
        memmove(l->buf, l->buf + keep, l->len - keep);
        l->len -= keep;
        l->pos -= keep;
        l->scan -= keep;
    }
    if (l->len == l->cap) {
        int rc = lines_grow(l);
        if (rc < 0)
            return rc;
    }
    ssize_t got = tf_stream_read(l->s, l->buf + l->len, l->cap - l->len, err);
    if (got > 0)
        l->len += (size_t)got;
    else if (got == 0)
        l->eof = 1;
    return got;
}

/*
 * Reports a failure at `line`, keeping the decoded offset the stream put in
 * `err`. A bad gzip member ends the input (later calls return 0); anything
 * else is returned again by every later call.
 */
static int lines_fail(struct tf_lines *l, int rc, uint64_t line, struct tf_error *err)
{
    const char *why = rc == TF_ERR_NOMEM ? "out of memory" : tf_stream_why(l->s);
    uint64_t offset = err ? err->offset : 0;
    tf_error_set(err, rc, tf_stream_path(l->s), line, "%s", why);
    if (err)
        err->offset = offset;
    l->state = rc == TF_ERR_FORMAT ? LINES_DONE : rc;
    return rc;
}

/*
 * Consumes the line [pos, end) whose terminator ends at `next`. Returns 1
 * with the line handed out, or 0 when it was over the cap and counted.
 */
static int lines_take(struct tf_lines *l, size_t end, size_t next, const char **line, size_t *len,
                      struct tf_skips *skips)
{
    size_t start = l->pos;
    if (end > start && l->buf[end - 1] == '\r')
        end--;
    size_t n = l->skip_len + (end - start);
    l->pos = l->scan = next;
    l->lineno++;
    if (l->skipping || n > l->max_line) {
        char detail[96];
        snprintf(detail, sizeof(detail), "%zu bytes, limit %zu", n, l->max_line);
        tf_skips_add(skips, TF_SKIP_LINE_TOO_LONG, tf_stream_path(l->s), l->lineno, detail);
        l->skipping = 0;
        l->skip_len = 0;
        return 0;
    }
    l->cur = start;
    l->has_cur = 1;
    *line = l->buf + start;
    *len = n;
    return 1;
}

/* No newline left in the buffer: an unfinished line past the cap is dropped from memory. */
static void lines_discard_if_long(struct tf_lines *l)
{
    if (!l->skipping && l->len - l->pos <= l->max_line + 1)
        return;
    l->skipping = 1;
    l->skip_len += l->len - l->pos;
    l->pos = l->scan = l->len;
}

/* The input has ended: what is left is a last line without its newline. */
static int lines_last(struct tf_lines *l, const char **line, size_t *len, struct tf_skips *skips)
{
    if ((l->pos < l->len || l->skipping) && lines_take(l, l->len, l->len, line, len, skips))
        return 1;
    l->state = LINES_DONE;
    return 0;
}

/* The error that stopped the reader, reported again. */
static int lines_sticky(struct tf_lines *l, struct tf_error *err)
{
    if (l->state == LINES_DONE)
        return 0;
    if (err)
        err->offset = 0;
    return lines_fail(l, l->state, l->lineno + 1, err);
}

int tf_lines_next(struct tf_lines *l, const char **line, size_t *len, struct tf_skips *skips,
                  struct tf_error *err)
{
    if (l->state != LINES_READING)
        return lines_sticky(l, err);
    l->has_cur = 0;
    for (;;) {
        char *nl = memchr(l->buf + l->scan, '\n', l->len - l->scan);
        if (nl) {
            size_t end = (size_t)(nl - l->buf);
            if (lines_take(l, end, end + 1, line, len, skips))
                return 1;
            continue;
        }
        l->scan = l->len;
        lines_discard_if_long(l);
        if (l->eof)
            return lines_last(l, line, len, skips);
        ssize_t got = lines_fill(l, l->pos, err);
        if (got < 0)
            return lines_fail(l, (int)got, l->lineno + 1, err);
    }
}

int tf_lines_rest(struct tf_lines *l, const char **data, size_t *len, struct tf_error *err)
{
    if (l->state != LINES_READING)
        return lines_sticky(l, err);
    size_t start = l->has_cur ? l->cur : l->pos;
    uint64_t first = l->has_cur ? l->lineno : l->lineno + 1;
    l->pos = l->scan = start;
    l->has_cur = 0;
    while (!l->eof) {
        if (l->len - start > l->max_line)
            break;
        ssize_t got = lines_fill(l, start, err);
        start = 0;
        if (got < 0)
            return lines_fail(l, (int)got, first, err);
    }
    if (l->len - start > l->max_line) {
        l->state = TF_ERR_NOMEM;
        return tf_error_set(err, TF_ERR_NOMEM, tf_stream_path(l->s), first,
                            "document longer than the limit of %zu bytes", l->max_line);
    }
    l->state = LINES_DONE;
    if (l->len == start)
        return 0;
    l->lineno = first;
    *data = l->buf + start;
    *len = l->len - start;
    l->pos = l->scan = l->len;
    return 1;
}

uint64_t tf_lines_lineno(const struct tf_lines *l)
{
    return l->lineno;
}

uint64_t tf_lines_raw_bytes(const struct tf_lines *l)
{
    return tf_stream_raw_bytes(l->s);
}

int tf_lines_file_crc(struct tf_lines *l, uint32_t *crc)
{
    return tf_stream_file_crc(l->s, crc);
}

const char *tf_lines_path(const struct tf_lines *l)
{
    return tf_stream_path(l->s);
}

void tf_lines_free(struct tf_lines *l)
{
    if (!l)
        return;
    tf_stream_free(l->s);
    free(l->buf);
    free(l);
}
