/*
 * alloc_fail.c - the counter behind the allocation-failure test build
 * (util/alloc_fail.h). Compiled to nothing in other builds.
 *
 * The count is shared by all threads, so the n-th allocation is the same
 * one from run to run only when one thread allocates (--threads 1).
 */
#include "util/alloc_fail.h" /* compiled with TF_ALLOC_FAIL_IMPL: no macros here */

#ifdef TF_ALLOC_FAIL
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_ulong count;
static unsigned long fail_at; /* 0: none fails */
static int stats, trace;
int tf_af_count_new; /* alloc_fail_new.cpp: count operator new too */

/* In sanitizer builds: where the failing allocation was made. */
void __sanitizer_print_stack_trace(void) __attribute__((weak));

/* Counts one allocation; true for the one that is to fail. */
static int fails_now(void)
{
    if (atomic_fetch_add(&count, 1) + 1 != fail_at)
        return 0;
    if (trace && __sanitizer_print_stack_trace)
        __sanitizer_print_stack_trace();
    return 1;
}

void *tf_af_malloc(size_t size)
{
    return fails_now() ? NULL : malloc(size);
}

void *tf_af_calloc(size_t n, size_t size)
{
    return fails_now() ? NULL : calloc(n, size);
}

void *tf_af_realloc(void *p, size_t size)
{
    return fails_now() ? NULL : realloc(p, size);
}

char *tf_af_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = tf_af_malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

char *tf_af_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = tf_af_malloc(len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

/* SQLite's allocator, through the same counter. */
static void *sq_malloc(int n)
{
    return tf_af_malloc(n > 0 ? (size_t)n : 1);
}

static void *sq_realloc(void *p, int n)
{
    return tf_af_realloc(p, n > 0 ? (size_t)n : 1);
}

static int sq_size(void *p)
{
    return p ? (int)malloc_usable_size(p) : 0;
}

static int sq_roundup(int n)
{
    return (n + 7) & ~7;
}

static int sq_init(void *ctx)
{
    (void)ctx;
    return SQLITE_OK;
}

static void sq_shutdown(void *ctx)
{
    (void)ctx;
}

/* A reference that makes the linker take alloc_fail_new.cpp (operator new) too. */
extern const int tf_af_new_anchor;
__attribute__((used)) static const int *const new_anchor = &tf_af_new_anchor;

__attribute__((constructor)) static void alloc_fail_init(void)
{
    static const sqlite3_mem_methods methods = {
        sq_malloc, free, sq_realloc, sq_size, sq_roundup, sq_init, sq_shutdown, NULL,
    };
    const char *at = getenv("TF_ALLOC_FAIL_AT");
    fail_at = at ? strtoul(at, NULL, 10) : 0;
    stats = getenv("TF_ALLOC_FAIL_STATS") != NULL;
    trace = getenv("TF_ALLOC_FAIL_TRACE") != NULL;
    tf_af_count_new = getenv("TF_ALLOC_FAIL_NEW") != NULL;
    sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
}

__attribute__((destructor)) static void alloc_fail_report(void)
{
    if (stats)
        fprintf(stderr, "alloc-fail: %lu allocations\n", (unsigned long)atomic_load(&count));
}
#else
typedef int tf_alloc_fail_unused; /* ISO C wants a translation unit to declare something */
#endif
