/*
 * stream.c - plain files, standard input and gzip behind one backend table.
 *
 * Every stream owns a 1 MiB input buffer. At open it is filled once so the
 * first two bytes can be checked for the gzip magic; that works the same for
 * files and pipes. The plain backend hands those bytes out first and then
 * reads straight into the caller's buffer. The gzip backend inflates from the
 * input buffer straight into the caller's buffer, so decoded bytes are never
 * copied twice.
 *
 * Backends report failure by setting `status` and `why` and returning what
 * they decoded so far; tf_stream_read turns that into an error report on the
 * next call, so the bytes before a bad gzip member always reach the caller.
 *
 * Read-ahead (tf_stream_read_ahead) runs the backend on a thread of its own
 * into a ring of blocks, and tf_stream_read copies out of them. While it
 * runs, the thread alone touches the file, the input buffer, the inflater
 * and the error fields; the reader sees them again once the thread has
 * finished (the last block handed over, or joined).
 */
#include "io/stream.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef TF_HAVE_ISAL
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#else
#include <limits.h>
#include <zlib.h>
#endif

/* Overridable so the fuzz build can run every refill path on tiny inputs. */
#ifndef STREAM_IN_SIZE
#define STREAM_IN_SIZE ((size_t)1 << 20)
#endif
/* Both inflaters count in 32-bit lengths; larger reads are split. */
#define STREAM_MAX_READ ((size_t)1 << 30)

/* Read-ahead: blocks of decoded bytes in flight between the thread and the reader. */
#ifndef AHEAD_BLOCK
#define AHEAD_BLOCK ((size_t)1 << 20)
#endif
#define AHEAD_BLOCKS 4

struct ahead {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    unsigned char *block[AHEAD_BLOCKS];
    size_t len[AHEAD_BLOCKS];
    uint64_t raw[AHEAD_BLOCKS]; /* raw bytes consumed once the block was filled */
    unsigned head, tail, count; /* filled blocks: tail .. tail + count */
    size_t pos;                 /* the reader's place in block[tail] */
    uint64_t raw_seen;          /* raw bytes behind what the reader has had */
    int finished;               /* the thread is done: end of input or failure */
    int stop;                   /* the reader wants the thread to end */
};

struct stream_backend {
    /* Reads up to n bytes into buf: > 0 bytes, or 0 at the end or on failure (status set). */
    size_t (*read)(struct tf_stream *s, unsigned char *buf, size_t n);
    void (*close)(struct tf_stream *s);
};

struct tf_stream {
    const struct stream_backend *be;
    char *path;
    int fd;
    int eof;         /* read(2) returned 0 */
    int read_failed; /* read(2) failed: the file's bytes are not all known */
    int done;        /* the gzip stream ended cleanly */
    int header_due;  /* a gzip member starts at in_pos and its flags are not checked yet */
    int status;      /* 0, or the error to report from now on */
    char why[256];   /* the error message, without the path */
    uint64_t raw;    /* bytes read from fd */
    uint32_t crc;    /* CRC-32 of those bytes */
    uint64_t out;    /* decoded bytes returned */
    uint64_t member; /* raw offset where the current gzip member starts */
    unsigned char *in;
    size_t in_pos;
    size_t in_len;
    void *codec;         /* inflater state of the gzip backend */
    struct ahead *ahead; /* NULL unless reading ahead */
};

static void stream_fail(struct tf_stream *s, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records the first failure; later ones are consequences of it. */
static void stream_fail(struct tf_stream *s, int code, const char *fmt, ...)
{
    if (s->status)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->why, sizeof(s->why), fmt, ap);
    va_end(ap);
    s->status = code;
}

/* Raw bytes the decoder has consumed: read from the file minus still buffered. */
static uint64_t stream_consumed(const struct tf_stream *s)
{
    return s->raw - (s->in_len - s->in_pos);
}

/* read(2) retried on EINTR. Returns bytes read, 0 at EOF (eof set), or 0 with status set. */
static size_t fd_read(struct tf_stream *s, void *buf, size_t n)
{
    ssize_t got;
    do
        got = read(s->fd, buf, n);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
        stream_fail(s, TF_ERR_IO, "read failed: %s", strerror(errno));
        s->read_failed = 1;
        return 0;
    }
    if (got == 0)
        s->eof = 1;
    s->raw += (uint64_t)got;
    s->crc = tf_crc32(s->crc, buf, (size_t)got);
    return (size_t)got;
}

uint32_t tf_crc32(uint32_t crc, const void *buf, size_t n)
{
#ifdef TF_HAVE_ISAL
    return crc32_gzip_refl(crc, buf, (uint64_t)n);
#else
    for (size_t done = 0, step; done < n; done += step) {
        step = n - done < UINT_MAX ? n - done : UINT_MAX;
        crc = (uint32_t)crc32(crc, (const unsigned char *)buf + done, (uInt)step);
    }
    return crc;
#endif
}

/* Refills the input buffer once it is used up. Returns the bytes buffered (0: EOF or failure). */
static size_t in_refill(struct tf_stream *s)
{
    if (s->in_pos < s->in_len)
        return s->in_len - s->in_pos;
    s->in_pos = 0;
    s->in_len = 0;
    if (!s->eof && !s->status)
        s->in_len = fd_read(s, s->in, STREAM_IN_SIZE);
    return s->in_len;
}

/*
 * For a decoder that made no progress on what is buffered (a header or code
 * split across reads of a pipe): moves the rest to the front and appends
 * more. Fails when a full buffer still gives the decoder nothing to do.
 */
static void in_append(struct tf_stream *s)
{
    size_t have = s->in_len - s->in_pos;
    if (have == STREAM_IN_SIZE) {
        stream_fail(s, TF_ERR_FORMAT, "corrupt gzip member at byte %llu: decoder stalled",
                    (unsigned long long)s->member);
        return;
    }
    memmove(s->in, s->in + s->in_pos, have);
    s->in_pos = 0;
    s->in_len = have + fd_read(s, s->in + have, STREAM_IN_SIZE - have);
}

/* ---- plain ------------------------------------------------------------- */

static size_t plain_read(struct tf_stream *s, unsigned char *buf, size_t n)
{
    size_t have = s->in_len - s->in_pos;
    if (have == 0)
        return s->eof ? 0 : fd_read(s, buf, n);
    if (have > n)
        have = n;
    memcpy(buf, s->in + s->in_pos, have);
    s->in_pos += have;
    return have;
}

static void plain_close(struct tf_stream *s)
{
    (void)s;
}

static const struct stream_backend plain_backend = {plain_read, plain_close};

/* ---- inflaters ----------------------------------------------------------
 *
 * One step of either inflater: consume from s->in[in_pos..in_len), write to
 * *out, advance both. Returns STEP_MORE (call again), STEP_END (the member
 * ended, its checksum verified) or STEP_ERROR (why is set to the reason).
 */
enum { STEP_MORE, STEP_END, STEP_ERROR };

#ifdef TF_HAVE_ISAL

static int codec_init(struct tf_stream *s)
{
    struct inflate_state *st = malloc(sizeof(*st));
    if (!st)
        return TF_ERR_NOMEM;
    isal_inflate_init(st);
    st->crc_flag = ISAL_GZIP;
    s->codec = st;
    return 0;
}

static void codec_reset(struct tf_stream *s)
{
    struct inflate_state *st = s->codec;
    isal_inflate_reset(st);
    st->crc_flag = ISAL_GZIP;
}

static const char *isal_reason(int ret)
{
    switch (ret) {
    case ISAL_INVALID_BLOCK:
        return "invalid deflate block";
    case ISAL_INVALID_SYMBOL:
        return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK:
        return "invalid back-reference distance";
    case ISAL_INVALID_WRAPPER:
        return "invalid gzip header";
    case ISAL_UNSUPPORTED_METHOD:
        return "unsupported compression method";
    case ISAL_INCORRECT_CHECKSUM:
        return "checksum mismatch";
    default:
        return "inflate error";
    }
}

static int codec_step(struct tf_stream *s, unsigned char **out, size_t *avail, const char **why)
{
    struct inflate_state *st = s->codec;
    st->next_in = s->in + s->in_pos;
    st->avail_in = (uint32_t)(s->in_len - s->in_pos);
    st->next_out = *out;
    st->avail_out = (uint32_t)*avail;
    int ret = isal_inflate(st);
    s->in_pos = (size_t)(st->next_in - s->in);
    *avail -= (size_t)(st->next_out - *out);
    *out = st->next_out;
    if (ret < 0) {
        *why = isal_reason(ret);
        return STEP_ERROR;
    }
    return st->block_state == ISAL_BLOCK_FINISH ? STEP_END : STEP_MORE;
}

static void codec_free(struct tf_stream *s)
{
    free(s->codec);
    s->codec = NULL;
}

#else /* zlib */

static int codec_init(struct tf_stream *s)
{
    z_stream *z = calloc(1, sizeof(*z));
    if (!z)
        return TF_ERR_NOMEM;
    /* 16 + MAX_WBITS: expect a gzip wrapper and verify its CRC and length. */
    if (inflateInit2(z, 16 + MAX_WBITS) != Z_OK) {
        free(z);
        return TF_ERR_NOMEM;
    }
    s->codec = z;
    return 0;
}

static void codec_reset(struct tf_stream *s)
{
    inflateReset(s->codec);
}

static int codec_step(struct tf_stream *s, unsigned char **out, size_t *avail, const char **why)
{
    z_stream *z = s->codec;
    z->next_in = s->in + s->in_pos;
    z->avail_in = (uInt)(s->in_len - s->in_pos);
    z->next_out = *out;
    z->avail_out = (uInt)*avail;
    int ret = inflate(z, Z_NO_FLUSH);
    s->in_pos = (size_t)(z->next_in - s->in);
    *avail -= (size_t)(z->next_out - *out);
    *out = z->next_out;
    if (ret == Z_STREAM_END)
        return STEP_END;
    if (ret == Z_OK || ret == Z_BUF_ERROR)
        return STEP_MORE;
    *why = z->msg ? z->msg : "inflate error";
    return STEP_ERROR;
}

static void codec_free(struct tf_stream *s)
{
    if (!s->codec)
        return;
    inflateEnd(s->codec);
    free(s->codec);
    s->codec = NULL;
}

#endif

/* ---- gzip --------------------------------------------------------------- */

/*
 * Called when a member ended. Another member follows if any input is left;
 * returns 1 after resetting the inflater for it, 0 when the stream is done.
 */
static int gz_next_member(struct tf_stream *s)
{
    if (in_refill(s) == 0) {
        s->done = !s->status;
        return 0;
    }
    s->member = stream_consumed(s);
    s->header_due = 1;
    codec_reset(s);
    return 1;
}

/*
 * RFC 1952 says a decoder must reject a member whose FLG byte has a reserved
 * bit (5-7) set. zlib does; ISA-L does not, so both paths check here, before
 * the inflater sees the header, and give the same error. Returns 1 when the
 * header may be inflated, 0 when more input is needed first (asked for) or
 * the member was rejected.
 */
static int gz_check_header(struct tf_stream *s)
{
    enum { GZ_FLG = 3, GZ_FLG_RESERVED = 0xE0 };
    if (s->in_len - s->in_pos <= GZ_FLG) {
        if (s->eof) {
            s->header_due = 0; /* the inflater reports the truncated header */
            return 1;
        }
        in_append(s);
        return 0;
    }
    s->header_due = 0;
    if (s->in[s->in_pos + GZ_FLG] & GZ_FLG_RESERVED) {
        stream_fail(s, TF_ERR_FORMAT,
                    "corrupt gzip member at byte %llu: reserved header flag bits set (0x%02x)",
                    (unsigned long long)s->member, s->in[s->in_pos + GZ_FLG]);
        return 0;
    }
    return 1;
}

/* A step that changed nothing: the member is cut short if the input has ended. */
static void gz_stalled(struct tf_stream *s)
{
    if (s->eof)
        stream_fail(s, TF_ERR_FORMAT,
                    "truncated gzip member at byte %llu (input ends at byte %llu)",
                    (unsigned long long)s->member, (unsigned long long)s->raw);
    else
        in_append(s);
}

/*
 * Inflates into buf until it is full, the input ends or fails. Returns as
 * soon as the buffered input is used up and something was decoded, so a pipe
 * is never waited on while decoded bytes are in hand.
 */
static size_t gz_read(struct tf_stream *s, unsigned char *buf, size_t n)
{
    unsigned char *out = buf;
    size_t avail = n;
    while (avail > 0 && !s->done && !s->status) {
        if (s->in_pos == s->in_len && avail < n)
            break;
        size_t in_before = in_refill(s);
        if (s->header_due && !gz_check_header(s))
            continue;
        size_t out_before = avail;
        const char *why = NULL;
        int step = codec_step(s, &out, &avail, &why);
        if (step == STEP_ERROR)
            stream_fail(s, TF_ERR_FORMAT, "corrupt gzip member at byte %llu: %s (near byte %llu)",
                        (unsigned long long)s->member, why, (unsigned long long)stream_consumed(s));
        else if (step == STEP_END)
            gz_next_member(s);
        else if (avail == out_before && s->in_len - s->in_pos == in_before)
            gz_stalled(s);
    }
    return n - avail;
}

static void gz_close(struct tf_stream *s)
{
    codec_free(s);
}

static const struct stream_backend gz_backend = {gz_read, gz_close};

/* ---- public ------------------------------------------------------------- */

/* Reads until two bytes are buffered or the input ends, then picks the backend. */
static int stream_detect(struct tf_stream *s)
{
    while (s->in_len < 2 && !s->eof && !s->status)
        s->in_len += fd_read(s, s->in + s->in_len, STREAM_IN_SIZE - s->in_len);
    if (s->status)
        return s->status;
    if (s->in_len >= 2 && s->in[0] == 0x1f && s->in[1] == 0x8b) {
        s->be = &gz_backend;
        s->header_due = 1;
        return codec_init(s);
    }
    s->be = &plain_backend;
    return 0;
}

static int stream_open_fd(struct tf_stream *s, const char *path)
{
    if (strcmp(path, "-") == 0) {
        s->fd = STDIN_FILENO;
        return 0;
    }
    s->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (s->fd < 0) {
        stream_fail(s, TF_ERR_IO, "cannot open: %s", strerror(errno));
        return TF_ERR_IO;
    }
#ifdef POSIX_FADV_SEQUENTIAL
    posix_fadvise(s->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    return 0;
}

int tf_stream_open(struct tf_stream **out, const char *path, struct tf_error *err)
{
    int rc = TF_ERR_NOMEM;
    *out = NULL;
    struct tf_stream *s = calloc(1, sizeof(*s));
    if (!s)
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    s->fd = -1;
    s->path = strdup(path);
    s->in = malloc(STREAM_IN_SIZE);
    if (!s->path || !s->in)
        goto out;
    rc = stream_open_fd(s, path);
    if (rc == 0)
        rc = stream_detect(s);
out:
    if (rc < 0) {
        tf_error_set(err, rc, path, 0, "%s", s->status ? s->why : "out of memory");
        tf_stream_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

/* ---- read-ahead ----------------------------------------------------------- */

static void *ahead_main(void *arg)
{
    struct tf_stream *s = arg;
    struct ahead *a = s->ahead;
    for (;;) {
        pthread_mutex_lock(&a->lock);
        while (!a->stop && a->count == AHEAD_BLOCKS)
            pthread_cond_wait(&a->cond, &a->lock);
        unsigned b = a->head;
        int stop = a->stop;
        pthread_mutex_unlock(&a->lock);
        /* block[head] is the thread's own until it is counted in. */
        size_t got = stop || s->status ? 0 : s->be->read(s, a->block[b], AHEAD_BLOCK);
        pthread_mutex_lock(&a->lock);
        if (got > 0) {
            a->len[b] = got;
            a->raw[b] = stream_consumed(s);
            a->head = (b + 1) % AHEAD_BLOCKS;
            a->count++;
        } else {
            a->finished = 1;
        }
        pthread_cond_broadcast(&a->cond);
        pthread_mutex_unlock(&a->lock);
        if (got == 0)
            return NULL;
    }
}

/* Frees `a` (NULL-safe); its thread, if it had one, has ended. */
static void ahead_free(struct ahead *a)
{
    if (!a)
        return;
    pthread_mutex_destroy(&a->lock);
    pthread_cond_destroy(&a->cond);
    for (unsigned b = 0; b < AHEAD_BLOCKS; b++)
        free(a->block[b]);
    free(a);
}

/* Ends the thread (it stops at its next block) and goes back to reading in line. */
static void ahead_end(struct tf_stream *s)
{
    struct ahead *a = s->ahead;
    if (!a)
        return;
    pthread_mutex_lock(&a->lock);
    a->stop = 1;
    pthread_cond_broadcast(&a->cond);
    pthread_mutex_unlock(&a->lock);
    pthread_join(a->thread, NULL);
    ahead_free(a);
    s->ahead = NULL;
}

int tf_stream_read_ahead(struct tf_stream *s)
{
    struct stat st;
    if (s->ahead || s->out || s->status || fstat(s->fd, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    struct ahead *a = calloc(1, sizeof(*a));
    int ok = a != NULL;
    if (ok) {
        a->lock = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
        a->cond = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
        a->raw_seen = stream_consumed(s);
    }
    for (unsigned b = 0; ok && b < AHEAD_BLOCKS; b++)
        ok = (a->block[b] = malloc(AHEAD_BLOCK)) != NULL;
    s->ahead = a;
    if (!ok || pthread_create(&a->thread, NULL, ahead_main, s) != 0) {
        ahead_free(a);
        s->ahead = NULL;
        return -1;
    }
    return 0;
}

/* tf_stream_read's backend call while reading ahead: copies from the blocks. */
static size_t ahead_read(struct tf_stream *s, unsigned char *buf, size_t n)
{
    struct ahead *a = s->ahead;
    pthread_mutex_lock(&a->lock);
    while (a->count == 0 && !a->finished)
        pthread_cond_wait(&a->cond, &a->lock);
    int have = a->count > 0;
    unsigned b = a->tail;
    pthread_mutex_unlock(&a->lock);
    if (!have) {
        ahead_end(s); /* the thread is done: status and why are the reader's again */
        return 0;
    }
    size_t got = a->len[b] - a->pos;
    if (got > n)
        got = n;
    memcpy(buf, a->block[b] + a->pos, got);
    a->pos += got;
    if (a->pos == a->len[b]) {
        a->raw_seen = a->raw[b];
        pthread_mutex_lock(&a->lock);
        a->tail = (b + 1) % AHEAD_BLOCKS;
        a->count--;
        a->pos = 0;
        pthread_cond_broadcast(&a->cond);
        pthread_mutex_unlock(&a->lock);
    }
    return got;
}

ssize_t tf_stream_read(struct tf_stream *s, void *buf, size_t n, struct tf_error *err)
{
    size_t got = 0;
    if (s->ahead && n > 0)
        got = ahead_read(s, buf, n);
    else if (!s->status && n > 0)
        got = s->be->read(s, buf, n < STREAM_MAX_READ ? n : STREAM_MAX_READ);
    if (got > 0) {
        s->out += got;
        return (ssize_t)got;
    }
    if (!s->status)
        return 0;
    tf_error_set(err, s->status, s->path, 0, "%s", s->why);
    if (err)
        err->offset = s->out;
    return s->status;
}

uint64_t tf_stream_raw_bytes(const struct tf_stream *s)
{
    return s->ahead ? s->ahead->raw_seen : stream_consumed(s);
}

int tf_crc32_rest(int fd, uint32_t *crc)
{
    unsigned char buf[1 << 16];
    ssize_t got;
    while ((got = read(fd, buf, sizeof(buf))) > 0 || (got < 0 && errno == EINTR))
        if (got > 0)
            *crc = tf_crc32(*crc, buf, (size_t)got);
    return got == 0 ? 0 : -1;
}

int tf_stream_file_crc(struct tf_stream *s, uint32_t *crc)
{
    ahead_end(s);
    if (s->fd <= STDIN_FILENO || s->read_failed)
        return -1;
    /* Also after a corrupt member: the checksum is of the file, not of what decoded. */
    if (!s->eof && tf_crc32_rest(s->fd, &s->crc) < 0)
        return -1;
    *crc = s->crc;
    return 0;
}

int tf_stream_is_gzip(const struct tf_stream *s)
{
    return s->be == &gz_backend;
}

const char *tf_stream_path(const struct tf_stream *s)
{
    return s->path;
}

const char *tf_stream_why(const struct tf_stream *s)
{
    return s->why;
}

void tf_stream_free(struct tf_stream *s)
{
    if (!s)
        return;
    ahead_end(s);
    if (s->be)
        s->be->close(s);
    if (s->fd > STDIN_FILENO)
        close(s->fd);
    free(s->in);
    free(s->path);
    free(s);
}
