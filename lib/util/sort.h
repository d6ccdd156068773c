/*
 * sort.h - comparison functions for qsort and bsearch over plain keys.
 * Pure and thread-safe.
 */
#ifndef TF_UTIL_SORT_H
#define TF_UTIL_SORT_H

#include <stdint.h>

/* Orders uint64_t values ascending. */
static inline int tf_cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

#endif
