/* test_map.c - the aggregate hash map: insertion, lookup, growth, iteration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/map.h"

static void test_insert_find_iterate(void **state)
{
    (void)state;
    struct tf_map m;
    tf_map_init(&m, 2 * sizeof(uint64_t));
    for (uint64_t k = 1; k <= 1000; k++) {
        uint64_t *v = tf_map_get(&m, k * 7919);
        assert_non_null(v);
        assert_int_equal(v[0], 0); /* new slots are zeroed */
        v[0] = k;
        v[1] = 2 * k;
    }
    assert_int_equal(m.n, 1000);
    assert_null(tf_map_find(&m, 3));
    uint64_t *v = tf_map_find(&m, 500 * 7919);
    assert_non_null(v);
    assert_int_equal(v[1], 1000);
    size_t pos = 0, seen = 0;
    uint64_t key, sum = 0;
    void *val;
    while (tf_map_next(&m, &pos, &key, &val)) {
        seen++;
        sum += ((uint64_t *)val)[0];
    }
    assert_int_equal(seen, 1000);
    assert_int_equal(sum, 1000 * 1001 / 2);
    tf_map_release(&m);
}

/* Looking up a present key at the growth threshold must not move the slots. */
static void test_lookup_does_not_grow(void **state)
{
    (void)state;
    struct tf_map m;
    tf_map_init(&m, sizeof(uint64_t));
    uint64_t k = 1;
    while (2 * (m.n + 1) <= m.cap || m.cap == 0) /* fill up to the threshold */
        *(uint64_t *)tf_map_get(&m, k++) += 1;
    size_t cap = m.cap;
    uint64_t *first = tf_map_get(&m, 1);
    uint64_t *again = tf_map_get(&m, 2);
    assert_int_equal(m.cap, cap);
    assert_ptr_equal(first, tf_map_find(&m, 1));
    assert_non_null(again);
    assert_non_null(tf_map_get(&m, k)); /* a new key grows the table */
    assert_true(m.cap > cap);
    tf_map_release(&m);
}

/* Adding counters word by word. */
static void test_add_counts(void **state)
{
    (void)state;
    struct tf_map m;
    tf_map_init(&m, 3 * sizeof(uint64_t));
    const uint64_t a[3] = {1, 2, 3}, b[3] = {10, 20, 30};
    assert_int_equal(tf_map_add_counts(&m, 5, a), 0);
    assert_int_equal(tf_map_add_counts(&m, 5, b), 0);
    const uint64_t *v = tf_map_find(&m, 5);
    assert_int_equal(v[0], 11);
    assert_int_equal(v[2], 33);
    tf_map_release(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_insert_find_iterate),
        cmocka_unit_test(test_lookup_does_not_grow),
        cmocka_unit_test(test_add_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
