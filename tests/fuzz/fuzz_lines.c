/*
 * fuzz_lines.c - libFuzzer target for the line splitter and the byte streams.
 *
 * The input is written to a temporary file and read through tf_lines, so the
 * gzip backend runs whenever the input starts with the gzip magic. The last
 * byte picks the line cap and whether tf_lines_rest is called after a few
 * lines; it stays part of the file too, so the input is never reshaped.
 *
 * The expected text is the input itself, or for gzip input what zlib's own
 * inflate makes of it, member after member. When that text is known, the
 * reader must return exactly its lines (a naive split), skip exactly the
 * over-long ones and report no error; when zlib rejects the input, the reader
 * must end with TF_ERR_FORMAT. Every line is checked for the cap, for holding
 * no newline and for readable padding.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "io/lines.h"

#include "fuzz_input.h"

/* Expected text past this size is not worth holding; such inputs get invariant checks only. */
#define ORACLE_MAX ((size_t)8 << 20)

enum { TEXT_KNOWN, TEXT_INVALID, TEXT_UNKNOWN };

/*
 * Inflates every gzip member of data[0..size) into out (ORACLE_MAX bytes).
 * Returns TEXT_KNOWN with *len set, TEXT_INVALID when zlib rejects the input
 * (corrupt, truncated, trailing garbage) or TEXT_UNKNOWN when it is too big.
 */
static int gunzip_all(const uint8_t *data, size_t size, uint8_t *out, size_t *len)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        abort();
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)size;
    z.next_out = out;
    z.avail_out = (uInt)ORACLE_MAX;
    int verdict = TEXT_INVALID;
    for (;;) {
        int ret = inflate(&z, Z_NO_FLUSH);
        if (ret == Z_STREAM_END && z.avail_in == 0) {
            verdict = TEXT_KNOWN;
            break;
        }
        if (ret == Z_STREAM_END)
            inflateReset(&z);
        else if (ret != Z_OK)
            break;
        if (z.avail_out == 0) {
            verdict = TEXT_UNKNOWN;
            break;
        }
    }
    *len = ORACLE_MAX - z.avail_out;
    inflateEnd(&z);
    return verdict;
}

/* The naive splitter over the expected text. */
struct oracle {
    const uint8_t *text;
    size_t len;
    size_t at;
    size_t max_line;
    uint64_t skipped;
};

/* Next line the reader must return, counting the over-long ones passed. 0 at the end. */
static int oracle_next(struct oracle *o, size_t *start, size_t *len)
{
    while (o->at < o->len) {
        const uint8_t *nl = memchr(o->text + o->at, '\n', o->len - o->at);
        size_t end = nl ? (size_t)(nl - o->text) : o->len;
        *start = o->at;
        *len = end - o->at;
        if (*len > 0 && o->text[end - 1] == '\r')
            (*len)--;
        o->at = nl ? end + 1 : end;
        if (*len <= o->max_line)
            return 1;
        o->skipped++;
    }
    return 0;
}

static void check_line(const char *line, size_t len, size_t max_line)
{
    volatile unsigned sum = 0;
    if (len > max_line || memchr(line, '\n', len))
        abort();
    for (size_t i = 0; i < len + TF_LINES_PADDING; i++)
        sum += (unsigned char)line[i];
    (void)sum;
}

/* tf_lines_rest must return the text from the start of the line last returned. */
static int check_rest(struct tf_lines *l, const struct oracle *o, size_t cur, int known)
{
    const char *data;
    size_t len;
    struct tf_error err;
    int rc = tf_lines_rest(l, &data, &len, &err);
    if (rc > 0)
        check_line(data, 0, 0);
    if (!known)
        return rc;
    size_t want = o->len - cur;
    if (want > o->max_line ? rc != TF_ERR_NOMEM : rc != (want > 0))
        abort();
    if (rc > 0 && (len != want || memcmp(data, o->text + cur, len) != 0))
        abort();
    return rc;
}

/* Reads all lines (or up to the rest call) and checks them; returns the last status. */
static int run_lines(struct tf_lines *l, struct oracle *o, int known, size_t rest_after,
                     struct tf_skips *skips, int *rested)
{
    const char *line;
    size_t len, start = 0, want_len = 0;
    uint64_t n = 0;
    struct tf_error err;
    int rc;
    while ((rc = tf_lines_next(l, &line, &len, skips, &err)) > 0) {
        check_line(line, len, o->max_line);
        if (known && (!oracle_next(o, &start, &want_len) || want_len != len ||
                      memcmp(line, o->text + start, len) != 0))
            abort();
        if (++n == rest_after) {
            *rested = 1;
            return check_rest(l, o, start, known);
        }
    }
    /* The error names the line that was cut: skipped lines count too. */
    if (rc < 0 && (rc != TF_ERR_FORMAT || err.line != tf_lines_lineno(l) + 1 || err.line <= n))
        abort();
    return rc;
}

static uint8_t *text_buf;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!text_buf && !(text_buf = malloc(ORACLE_MAX)))
        abort();
    fuzz_input_write("fuzz_lines", data, size);
    uint8_t opt = size ? data[size - 1] : 0;
    size_t max_line = (opt & 15) ? (size_t)(opt & 15) * 7 : 0;
    size_t rest_after = (opt >> 4) & 7; /* lines before tf_lines_rest; 0 = never */

    struct oracle o = {data, size, 0, max_line ? max_line : (size_t)1 << 30, 0};
    int verdict = TEXT_KNOWN;
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
        verdict = gunzip_all(data, size, text_buf, &o.len);
        o.text = text_buf;
    }

    struct tf_lines *l = NULL;
    struct tf_skips skips;
    struct tf_error err;
    const char *line;
    size_t len;
    int rested = 0;
    tf_skips_init(&skips);
    if (tf_lines_open(&l, fuzz_input_path, max_line, &err) < 0)
        abort();
    if ((opt & 0x80) && tf_lines_read_ahead(l) < 0)
        abort(); /* the input is a regular file, not yet read */
    int rc = run_lines(l, &o, verdict == TEXT_KNOWN, rest_after, &skips, &rested);
    if (!rested && verdict == TEXT_KNOWN && rc != 0)
        abort(); /* zlib read it all: so must we */
    if (!rested && verdict == TEXT_INVALID && rc != TF_ERR_FORMAT)
        abort(); /* zlib rejected it: so must we */
    if (!rested && verdict == TEXT_KNOWN &&
        (oracle_next(&o, &(size_t){0}, &(size_t){0}) ||
         skips.n[TF_SKIP_LINE_TOO_LONG] != o.skipped))
        abort();
    /* After the end or a bad gzip member: 0. Other errors stay. */
    int again = tf_lines_next(l, &line, &len, &skips, &err);
    if (again != (rc == TF_ERR_FORMAT || rc >= 0 ? 0 : rc))
        abort();
    tf_lines_free(l);
    return 0;
}
