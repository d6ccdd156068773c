/* map.c - open addressing with linear probing; grows at 1/2 load. */
#include "util/map.h"

#include "util/hash.h"

#include <stdlib.h>
#include <string.h>

static inline size_t slot_of(uint64_t key, size_t mask)
{
    return (size_t)tf_mix64(key) & mask;
}

void tf_map_init(struct tf_map *m, size_t val_size)
{
    memset(m, 0, sizeof(*m));
    m->val_size = val_size;
}

/* Rehashes into a table of `cap` slots (a power of two). Returns 0 or -1. */
static int map_grow(struct tf_map *m, size_t cap)
{
    uint64_t *keys = calloc(cap, sizeof(*keys));
    unsigned char *vals = calloc(cap, m->val_size);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = slot_of(m->keys[i], cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        memcpy(vals + j * m->val_size, m->vals + i * m->val_size, m->val_size);
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return 0;
}

void *tf_map_get(struct tf_map *m, uint64_t key)
{
    void *found = tf_map_find(m, key);
    if (found)
        return found;
    /* Only an insertion may grow the table, so looking up a present key
     * never moves the slots that earlier calls returned. */
    if (2 * (m->n + 1) > m->cap && map_grow(m, m->cap ? 2 * m->cap : 64) < 0)
        return NULL;
    size_t mask = m->cap - 1;
    size_t j = slot_of(key, mask);
    while (m->keys[j])
        j = (j + 1) & mask;
    m->keys[j] = key;
    m->n++;
    return m->vals + j * m->val_size;
}

void *tf_map_find(const struct tf_map *m, uint64_t key)
{
    if (!m->cap)
        return NULL;
    size_t mask = m->cap - 1;
    size_t j = slot_of(key, mask);
    while (m->keys[j]) {
        if (m->keys[j] == key)
            return m->vals + j * m->val_size;
        j = (j + 1) & mask;
    }
    return NULL;
}

int tf_map_add_counts(struct tf_map *m, uint64_t key, const void *val)
{
    uint64_t *d = tf_map_get(m, key);
    if (!d)
        return -1;
    const uint64_t *s = val;
    for (size_t i = 0; i < m->val_size / sizeof(uint64_t); i++)
        d[i] += s[i];
    return 0;
}

int tf_map_next(const struct tf_map *m, size_t *pos, uint64_t *key, void **val)
{
    for (size_t i = *pos; i < m->cap; i++) {
        if (m->keys[i]) {
            *key = m->keys[i];
            *val = m->vals + i * m->val_size;
            *pos = i + 1;
            return 1;
        }
    }
    *pos = m->cap;
    return 0;
}

void tf_map_release(struct tf_map *m)
{
    free(m->keys);
    free(m->vals);
    tf_map_init(m, m->val_size);
}
