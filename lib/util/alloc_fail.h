/*
 * alloc_fail.h - the allocation-failure test build (cmake -DTF_ALLOC_FAIL=ON).
 *
 * In that build this header is included before every C source of the
 * library and the command, and routes their malloc, calloc, realloc, strdup
 * and strndup, and SQLite's allocations, through one counter (C++'s
 * operator new too when TF_ALLOC_FAIL_NEW is set; a failure then throws
 * std::bad_alloc): with
 * TF_ALLOC_FAIL_AT=n in the environment the n-th allocation fails (returns
 * NULL) and the others succeed; with TF_ALLOC_FAIL_STATS set the process
 * writes "alloc-fail: N allocations" to standard error when it exits; with
 * TF_ALLOC_FAIL_TRACE set (and a sanitizer build) it prints the stack of the
 * allocation it fails.
 * tests/alloc/sweep.sh uses it. In other builds it declares nothing.
 */
#ifndef TF_UTIL_ALLOC_FAIL_H
#define TF_UTIL_ALLOC_FAIL_H

#ifdef TF_ALLOC_FAIL
/*
 * Only <stddef.h>: this header comes before a source's own feature macros
 * (_GNU_SOURCE), which must precede the first system header. The C
 * library's later declarations of malloc & co. become (compatible)
 * declarations of the functions below.
 */
#include <stddef.h>

void *tf_af_malloc(size_t size);
void *tf_af_calloc(size_t n, size_t size);
void *tf_af_realloc(void *p, size_t size);
char *tf_af_strdup(const char *s);
char *tf_af_strndup(const char *s, size_t n);

#ifndef TF_ALLOC_FAIL_IMPL
#define malloc(size) tf_af_malloc(size)
#define calloc(n, size) tf_af_calloc(n, size)
#define realloc(p, size) tf_af_realloc(p, size)
#define strdup(s) tf_af_strdup(s)
#define strndup(s, n) tf_af_strndup(s, n)
#endif
#endif

#endif
