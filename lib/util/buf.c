/* buf.c - the growable byte buffer (see buf.h for the invariants). */
#include "util/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "talentflow/error.h"

void tf_buf_init(struct tf_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

int tf_buf_reserve(struct tf_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - TF_BUF_SLACK - 1 - b->len)
        return TF_ERR_NOMEM;
    size_t need = b->len + extra;
    if (b->max && need > b->max)
        return TF_ERR_NOMEM;
    if (need <= b->cap && b->data)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    if (b->max && cap > b->max)
        cap = b->max;
    char *p = realloc(b->data, cap + 1 + TF_BUF_SLACK);
    if (!p)
        return TF_ERR_NOMEM;
    memset(p + b->len, 0, cap + 1 + TF_BUF_SLACK - b->len);
    b->data = p;
    b->cap = cap;
    return 0;
}

int tf_buf_add(struct tf_buf *b, const void *p, size_t n)
{
    int rc = tf_buf_reserve(b, n);
    if (rc < 0)
        return rc;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int tf_buf_adds(struct tf_buf *b, const char *s)
{
    return tf_buf_add(b, s, strlen(s));
}

int tf_buf_addf(struct tf_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return TF_ERR_INTERNAL;
    if ((size_t)n < sizeof(small))
        return tf_buf_add(b, small, (size_t)n);
    int rc = tf_buf_reserve(b, (size_t)n);
    if (rc < 0)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void tf_buf_reset(struct tf_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

int tf_grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return TF_ERR_NOMEM;
        c *= 2;
    }
    if (size && c > SIZE_MAX / size)
        return TF_ERR_NOMEM;
    void *p = realloc(*v, c * size);
    if (!p)
        return TF_ERR_NOMEM;
    *v = p;
    *cap = c;
    return 0;
}

void tf_buf_release(struct tf_buf *b)
{
    free(b->data);
    tf_buf_init(b, b->max);
}
