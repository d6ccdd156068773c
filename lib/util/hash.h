/*
 * hash.h - the two hashes the library uses, both pure and thread-safe.
 *
 * tf_fnv1a64 turns a byte string into 64 bits. It is part of the data format:
 * hashed person, work and organisation keys are FNV-1a 64 of the id string,
 * so the function and its constants must never change.
 *
 * tf_mix64 scrambles a 64-bit integer (the MurmurHash3 finaliser) so that
 * keys whose low bits are alike (consecutive OpenAlex numbers) spread over
 * hash table slots and partitions. It is a bijection: no two inputs collide.
 *
 * How to use:
 *   uint64_t h = tf_fnv1a64("abc", 3);
 *   h = tf_fnv1a64_add(h, "def", 3);      // same as tf_fnv1a64("abcdef", 6)
 *   size_t slot = (size_t)(tf_mix64(key) & (cap - 1));
 */
#ifndef TF_UTIL_HASH_H
#define TF_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

#define TF_FNV64_OFFSET UINT64_C(0xcbf29ce484222325)
#define TF_FNV64_PRIME UINT64_C(0x100000001b3)

/* Continues an FNV-1a 64 hash `h` over `n` bytes at `p` (`p` may be NULL when n is 0). */
static inline uint64_t tf_fnv1a64_add(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= TF_FNV64_PRIME;
    }
    return h;
}

/* FNV-1a 64 of `n` bytes at `p`. */
static inline uint64_t tf_fnv1a64(const void *p, size_t n)
{
    return tf_fnv1a64_add(TF_FNV64_OFFSET, p, n);
}

/* The MurmurHash3 64-bit finaliser: a fast bijective mixer. tf_mix64(0) is 0. */
static inline uint64_t tf_mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= UINT64_C(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x *= UINT64_C(0xc4ceb9fe1a85ec53);
    x ^= x >> 33;
    return x;
}

#endif
