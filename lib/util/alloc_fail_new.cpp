/*
 * alloc_fail_new.cpp - in the allocation-failure test build (util/alloc_fail.h),
 * C++'s operator new goes through the same counter when TF_ALLOC_FAIL_NEW is
 * set: a failing allocation throws std::bad_alloc (or returns nullptr for
 * the nothrow forms), as it would when memory runs out. Off by default:
 * simdjson itself does not survive every such failure (docs/security.md).
 * Compiled to nothing in other builds.
 */
#include <cstddef>

#ifdef TF_ALLOC_FAIL
#include <cstdlib>
#include <new>

extern "C" void *tf_af_malloc(std::size_t size);
extern "C" int tf_af_count_new; /* TF_ALLOC_FAIL_NEW is set */

/* Counted (and perhaps failed) only when TF_ALLOC_FAIL_NEW is set. */
static void *allocate(std::size_t n)
{
    n = n ? n : 1;
    return tf_af_count_new ? tf_af_malloc(n) : std::malloc(n);
}

/*
 * Referenced by alloc_fail.c so that the linker takes this file from the
 * static library even when another library (the sanitizer runtime, the C++
 * library) already defines operator new.
 */
extern "C" const int tf_af_new_anchor = 1;

#define TF_NEW_API __attribute__((visibility("default")))

TF_NEW_API void *operator new(std::size_t n)
{
    void *p = allocate(n);
    if (!p)
        throw std::bad_alloc();
    return p;
}

TF_NEW_API void *operator new[](std::size_t n)
{
    return operator new(n);
}

TF_NEW_API void *operator new(std::size_t n, const std::nothrow_t &) noexcept
{
    return allocate(n);
}

TF_NEW_API void *operator new[](std::size_t n, const std::nothrow_t &) noexcept
{
    return allocate(n);
}

TF_NEW_API void operator delete(void *p) noexcept
{
    std::free(p);
}

TF_NEW_API void operator delete[](void *p) noexcept
{
    std::free(p);
}

TF_NEW_API void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}

TF_NEW_API void operator delete[](void *p, std::size_t) noexcept
{
    std::free(p);
}
#else
typedef int tf_alloc_fail_new_unused; /* a translation unit declares something */
#endif
