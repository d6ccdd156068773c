/*
 * gzout.c - atomic file writer with optional gzip (see gzout.h).
 *
 * Small writes are gathered in a 1 MiB input buffer so the compressor is
 * called on large blocks: both deflaters have a fixed cost per call that
 * dominates when fed one JSON line at a time. A write that is at least a
 * whole buffer long and finds the buffer empty goes straight to the
 * compressor without a copy.
 */
#include "io/gzout.h"

#include "io/afile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef TF_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#else
#include <zlib.h>
#endif

#define GZOUT_IN_SIZE ((size_t)1 << 20)
#define GZOUT_OUT_SIZE ((size_t)1 << 20)
/* Both deflaters count in 32-bit lengths; larger blocks are split. */
#define GZOUT_MAX_BLOCK ((size_t)1 << 30)

struct tf_gzout {
    enum tf_gzout_mode mode;
    int fd;
    int ready; /* the compressor is initialised and must be ended */
    char *path;
    char *tmp;
    unsigned char *in;
    size_t in_len;
    unsigned char *out;
    uint64_t bytes_in;
    uint64_t bytes_out;
#ifdef TF_HAVE_ISAL
    struct isal_zstream zs;
    uint8_t *level_buf;
#else
    z_stream zs;
#endif
};

static int io_fail(const struct tf_gzout *g, struct tf_error *err, const char *what)
{
    return tf_error_set(err, TF_ERR_IO, g->path, 0, "%s: %s", what, strerror(errno));
}

/* Writes all `n` bytes to the temporary file, retrying short writes. */
static int write_all(struct tf_gzout *g, const unsigned char *p, size_t n, struct tf_error *err)
{
    while (n > 0) {
        ssize_t w = write(g->fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return io_fail(g, err, "write");
        p += w;
        n -= (size_t)w;
        g->bytes_out += (uint64_t)w;
    }
    return 0;
}

#ifdef TF_HAVE_ISAL

static int codec_init(struct tf_gzout *g)
{
    g->level_buf = malloc(ISAL_DEF_LVL1_DEFAULT);
    if (!g->level_buf)
        return TF_ERR_NOMEM;
    isal_deflate_init(&g->zs);
    g->zs.level = 1;
    g->zs.level_buf = g->level_buf;
    g->zs.level_buf_size = ISAL_DEF_LVL1_DEFAULT;
    g->zs.gzip_flag = IGZIP_GZIP;
    g->ready = 1;
    return 0;
}

static void codec_end(struct tf_gzout *g)
{
    free(g->level_buf);
    g->level_buf = NULL;
    g->ready = 0;
}

/* Compresses one block of at most GZOUT_MAX_BLOCK bytes; `last` ends the stream. */
static int codec_block(struct tf_gzout *g, const unsigned char *p, size_t n, int last,
                       struct tf_error *err)
{
    g->zs.next_in = (uint8_t *)p;
    g->zs.avail_in = (uint32_t)n;
    g->zs.end_of_stream = (uint16_t)(last != 0);
    g->zs.flush = NO_FLUSH;
    for (;;) {
        g->zs.next_out = g->out;
        g->zs.avail_out = (uint32_t)GZOUT_OUT_SIZE;
        if (isal_deflate(&g->zs) != COMP_OK)
            return tf_error_set(err, TF_ERR_INTERNAL, g->path, 0, "isal_deflate failed");
        size_t have = GZOUT_OUT_SIZE - g->zs.avail_out;
        if (have && write_all(g, g->out, have, err) < 0)
            return TF_ERR_IO;
        int done = last ? g->zs.internal_state.state == ZSTATE_END : g->zs.avail_in == 0;
        if (done && g->zs.avail_out > 0)
            return 0;
    }
}

#else

static int codec_init(struct tf_gzout *g)
{
    memset(&g->zs, 0, sizeof(g->zs));
    /* 15 + 16: a gzip wrapper with the default window; zlib's header has no time stamp. */
    if (deflateInit2(&g->zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return TF_ERR_NOMEM;
    g->ready = 1;
    return 0;
}

static void codec_end(struct tf_gzout *g)
{
    if (g->ready)
        deflateEnd(&g->zs);
    g->ready = 0;
}

/* Compresses one block of at most GZOUT_MAX_BLOCK bytes; `last` ends the stream. */
static int codec_block(struct tf_gzout *g, const unsigned char *p, size_t n, int last,
                       struct tf_error *err)
{
    g->zs.next_in = (Bytef *)p;
    g->zs.avail_in = (uInt)n;
    for (;;) {
        g->zs.next_out = g->out;
        g->zs.avail_out = (uInt)GZOUT_OUT_SIZE;
        int rc = deflate(&g->zs, last ? Z_FINISH : Z_NO_FLUSH);
        if (rc == Z_STREAM_ERROR)
            return tf_error_set(err, TF_ERR_INTERNAL, g->path, 0, "deflate failed");
        size_t have = GZOUT_OUT_SIZE - g->zs.avail_out;
        if (have && write_all(g, g->out, have, err) < 0)
            return TF_ERR_IO;
        if (last ? rc == Z_STREAM_END : g->zs.avail_out > 0)
            return 0;
    }
}

#endif

/* Sends `n` bytes to the file, compressed or not, in blocks the codec accepts. */
static int emit(struct tf_gzout *g, const unsigned char *p, size_t n, int last,
                struct tf_error *err)
{
    if (g->mode == TF_GZOUT_PLAIN)
        return write_all(g, p, n, err);
    do {
        size_t k = n < GZOUT_MAX_BLOCK ? n : GZOUT_MAX_BLOCK;
        int rc = codec_block(g, p, k, last && k == n, err);
        if (rc < 0)
            return rc;
        p += k;
        n -= k;
    } while (n > 0);
    return 0;
}

static int flush_in(struct tf_gzout *g, int last, struct tf_error *err)
{
    int rc = emit(g, g->in, g->in_len, last, err);
    g->in_len = 0;
    return rc;
}

static char *path_with_suffix(const char *path)
{
    size_t n = strlen(path) + 32;
    char *s = malloc(n);
    if (s && tf_afile_tmp_name(s, n, path, NULL) < 0) {
        free(s);
        s = NULL;
    }
    return s;
}

static void gzout_free(struct tf_gzout *g)
{
    if (g->ready)
        codec_end(g);
    free(g->path);
    free(g->tmp);
    free(g->in);
    free(g->out);
    free(g);
}

int tf_gzout_open(struct tf_gzout **out, const char *path, enum tf_gzout_mode mode,
                  struct tf_error *err)
{
    *out = NULL;
    struct tf_gzout *g = calloc(1, sizeof(*g));
    if (!g)
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    g->fd = -1;
    g->mode = mode;
    g->path = strdup(path);
    g->tmp = path_with_suffix(path);
    g->in = malloc(GZOUT_IN_SIZE);
    g->out = mode == TF_GZOUT_GZIP ? malloc(GZOUT_OUT_SIZE) : NULL;
    if (!g->path || !g->tmp || !g->in || (mode == TF_GZOUT_GZIP && !g->out) ||
        (mode == TF_GZOUT_GZIP && codec_init(g) < 0)) {
        gzout_free(g);
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    }
    g->fd = open(g->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (g->fd < 0) {
        int rc = tf_error_set(err, TF_ERR_IO, g->tmp, 0, "cannot create: %s", strerror(errno));
        gzout_free(g);
        return rc;
    }
    *out = g;
    return 0;
}

int tf_gzout_write(struct tf_gzout *g, const void *p, size_t n, struct tf_error *err)
{
    const unsigned char *s = p;
    g->bytes_in += n;
    if (g->in_len == 0 && n >= GZOUT_IN_SIZE)
        return emit(g, s, n, 0, err);
    while (n > 0) {
        size_t room = GZOUT_IN_SIZE - g->in_len;
        size_t k = n < room ? n : room;
        memcpy(g->in + g->in_len, s, k);
        g->in_len += k;
        s += k;
        n -= k;
        if (g->in_len == GZOUT_IN_SIZE) {
            int rc = flush_in(g, 0, err);
            if (rc < 0)
                return rc;
        }
    }
    return 0;
}

int tf_gzout_close(struct tf_gzout *g, uint64_t *size, struct tf_error *err)
{
    int rc = flush_in(g, 1, err);
    if (rc < 0)
        goto out;
    rc = tf_afile_publish(g->tmp, g->path, g->fd, err);
    close(g->fd); /* written and synced: nothing is left to fail */
    g->fd = -1;
    if (rc < 0)
        goto out;
    if (size)
        *size = g->bytes_out;
out:
    if (rc < 0)
        tf_gzout_abort(g);
    else
        gzout_free(g);
    return rc;
}

void tf_gzout_abort(struct tf_gzout *g)
{
    if (!g)
        return;
    if (g->fd >= 0)
        close(g->fd);
    unlink(g->tmp);
    gzout_free(g);
}

uint64_t tf_gzout_bytes_in(const struct tf_gzout *g)
{
    return g->bytes_in;
}

uint64_t tf_gzout_bytes_out(const struct tf_gzout *g)
{
    return g->bytes_out;
}
