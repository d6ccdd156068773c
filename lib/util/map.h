/*
 * map.h - an open-addressing hash map from nonzero 64-bit keys to slots of a
 * fixed size (chosen at init), for the engine's aggregate tables.
 *
 * Slots are zeroed when a key is first inserted. Pointers to slots stay
 * valid until the next insertion of a new key (which may grow the table);
 * looking up a present key, with tf_map_get or tf_map_find, moves nothing. Key 0 is reserved
 * (empty). Not thread-safe; the engine keeps one map per worker and merges them.
 */
#ifndef TF_UTIL_MAP_H
#define TF_UTIL_MAP_H

#include <stddef.h>
#include <stdint.h>

struct tf_map {
    uint64_t *keys;
    unsigned char *vals;
    size_t val_size;
    size_t n;
    size_t cap; /* power of two, or 0 */
};

void tf_map_init(struct tf_map *m, size_t val_size);

/* Returns the slot of `key`, inserting a zeroed one if absent; NULL when out of memory. */
void *tf_map_get(struct tf_map *m, uint64_t key);

/* Returns the slot of `key` or NULL when absent. */
void *tf_map_find(const struct tf_map *m, uint64_t key);

/*
 * Adds `val` (an array of val_size / 8 uint64_t counters) word by word into
 * the slot of `key`, inserting it if absent. Returns 0 or -1 when out of
 * memory. For maps whose slots are all counters.
 */
int tf_map_add_counts(struct tf_map *m, uint64_t key, const void *val);

/*
 * Iterates: `*pos` starts at 0; returns 1 with *key and *val set, 0 at the end.
 * Order is the table's, not sorted: callers sort what they output.
 */
int tf_map_next(const struct tf_map *m, size_t *pos, uint64_t *key, void **val);

void tf_map_release(struct tf_map *m);

#endif
