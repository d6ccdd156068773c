/*
 * synth_json.h - the JSON appender shared by the work formatter
 * (synth_json.c) and the authorship formatter (synth_authors.c).
 *
 * Formatting is the hot loop of the generator: text is appended with memcpy
 * into a buffer that only grows, numbers are converted by hand, and a failed
 * allocation is remembered (`jw.err`) and checked once per work rather than
 * after every append. Appended text must not need JSON escaping (the tables
 * of synth_tables.h hold that promise); the callers write escapes
 * themselves where they want them.
 */
#ifndef TF_SOURCES_SYNTH_JSON_H
#define TF_SOURCES_SYNTH_JSON_H

#include <stdint.h>
#include <string.h>

#include "synth/synth_world.h"
#include "util/buf.h"

#define OA "https://openalex.org/"

/* Streams of per-work draws (synth_world.c uses 1 to 5 and 9). */
enum { STREAM_DECOR = 6, STREAM_NAME = 7, STREAM_OUTSIDE = 8, STREAM_VENUE = 10 };

struct jw {
    struct tf_buf *b;
    int err;
};

static inline void jw_grow(struct jw *j, size_t n)
{
    if (tf_buf_reserve(j->b, n) < 0)
        j->err = TF_ERR_NOMEM;
}

static inline void put(struct jw *j, const char *s, size_t n)
{
    if (j->b->cap - j->b->len < n) {
        jw_grow(j, n);
        if (j->err)
            return;
    }
    memcpy(j->b->data + j->b->len, s, n);
    j->b->len += n;
}

static inline void puts_(struct jw *j, const char *s)
{
    put(j, s, strlen(s));
}

static inline void putc_(struct jw *j, char c)
{
    put(j, &c, 1);
}

/* Decimal digits, two at a time: most numbers here are ids of ten digits. */
static inline void put_u64(struct jw *j, uint64_t v)
{
    static const char pairs[201] = "0001020304050607080910111213141516171819"
                                   "2021222324252627282930313233343536373839"
                                   "4041424344454647484950515253545556575859"
                                   "6061626364656667686970717273747576777879"
                                   "8081828384858687888990919293949596979899";
    char t[24];
    size_t i = sizeof(t);
    while (v >= 100) {
        i -= 2;
        memcpy(t + i, pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        i -= 2;
        memcpy(t + i, pairs + 2 * v, 2);
    } else {
        t[--i] = (char)('0' + v);
    }
    put(j, t + i, sizeof(t) - i);
}

/* A score in [0, 1) with four decimals: "0.8734". */
static inline void put_score(struct jw *j, double s)
{
    unsigned v = (unsigned)(s * 10000.0);
    char t[6] = {'0', '.', 0, 0, 0, 0};
    v = v > 9999 ? 9999 : v;
    for (int i = 5; i >= 2; i--, v /= 10)
        t[i] = (char)('0' + v % 10);
    put(j, t, sizeof(t));
}

/* `"key":` */
static inline void put_key(struct jw *j, const char *key)
{
    putc_(j, '"');
    puts_(j, key);
    puts_(j, "\":");
}

/* `"text"`: the text needs no escaping (synth_tables.h). */
static inline void put_str(struct jw *j, const char *s)
{
    putc_(j, '"');
    puts_(j, s);
    putc_(j, '"');
}

/* `"https://openalex.org/<letter><n>"` */
static inline void put_oa_id(struct jw *j, char letter, uint64_t n)
{
    puts_(j, "\"" OA);
    putc_(j, letter);
    put_u64(j, n);
    putc_(j, '"');
}

static inline void put_date(struct jw *j, int year, unsigned month, unsigned day)
{
    char t[6] = {'-', (char)('0' + month / 10), (char)('0' + month % 10),
                 '-', (char)('0' + day / 10),   (char)('0' + day % 10)};
    put_u64(j, (uint64_t)year);
    put(j, t, sizeof(t));
}

/*
 * Appends authorship `i` of `wk` (with a leading comma unless it is the
 * first) and counts it in `st`.
 */
void synth_put_authorship(struct jw *j, const struct synth_world *w, const struct synth_work *wk,
                          unsigned i, struct tf_synth_stats *st);

#endif
