/*
 * digits.h - decimal numbers written without printf, for the writers that
 * format millions of rows (a row of `extract` costs about a third as much
 * this way as through fprintf's format parsing).
 */
#ifndef TF_UTIL_DIGITS_H
#define TF_UTIL_DIGITS_H

#include <stdint.h>

/* Writes the digits of `v` at `p` (at most 20 bytes, no NUL); returns the end. */
static inline char *tf_put_u64(char *p, uint64_t v)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = tmp[--n];
    return p;
}

/* As tf_put_u64, with a sign when negative (at most 20 bytes). */
static inline char *tf_put_i64(char *p, int64_t v)
{
    if (v >= 0)
        return tf_put_u64(p, (uint64_t)v);
    *p++ = '-';
    return tf_put_u64(p, 0 - (uint64_t)v);
}

#endif
