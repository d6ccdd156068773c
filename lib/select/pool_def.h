/*
 * pool_def.h - one talent pool's definition, as the select room keeps it
 * (talentflow/pools.h is the public face).
 */
#ifndef TF_SELECT_POOL_DEF_H
#define TF_SELECT_POOL_DEF_H

#include <stddef.h>
#include <stdint.h>

#include "talentflow/pools.h"

/* Sorted, de-duplicated numbers (ids). */
struct tf_idset {
    uint64_t *v;
    size_t n, cap;
};

/* Sorted, de-duplicated strings (ISSN-Ls, normalised venue names). */
struct tf_nameset {
    char **v;
    size_t n, cap;
};

struct tf_pool_def {
    char name[TF_POOL_NAME_MAX + 1];
    struct tf_idset topics, subfields, fields, domains, concepts;
    double concept_min; /* least concept score that counts */
    struct tf_idset venues;
    struct tf_nameset issns, venue_names;
    uint64_t top_ppm;     /* top-cited share in millionths of the works (0: no criterion) */
    int career_from;      /* career criterion: years since the first observation */
    int career_to;        /* ... at most this (INT_MAX: no upper end) */
    int has_career;       /* nonzero when the career criterion is given */
    unsigned min_works;   /* least matching works; default 1 */
    uint32_t *thresholds; /* per year from TF_YEAR_MIN, after ranking (top-cited only) */
    char *definition;     /* the canonical line */
};

#define TF_POOL_YEARS (TF_YEAR_MAX - TF_YEAR_MIN + 1)

/* Adds `x` to the set (kept sorted). Returns 0 or TF_ERR_NOMEM. */
int tf_idset_add(struct tf_idset *s, uint64_t x);
int tf_idset_has(const struct tf_idset *s, uint64_t x);

/* Adds a copy of s[0..len) to the set (kept sorted). Returns 0 or TF_ERR_NOMEM. */
int tf_nameset_add(struct tf_nameset *s, const char *str, size_t len);
int tf_nameset_has(const struct tf_nameset *s, const char *str);

/* Whether the pool has a subject or a venue criterion. */
int tf_pool_has_subject(const struct tf_pool_def *d);
int tf_pool_has_venue(const struct tf_pool_def *d);

/*
 * A venue name normalised for comparison into out[0..cap): ASCII letters
 * lowercased, every other ASCII character a word break, words that are
 * numbers or ordinals ("2019", "58th") dropped, words joined by one space.
 * Returns the length, or -1 when it does not fit.
 */
int tf_pool_venue_norm(const char *s, size_t len, char *out, size_t cap);

/*
 * Parses the criteria "key:v1,v2;key:v" (`file` NULL) or one "key: values"
 * line of a pool file into `d`. `where` and `line` name the place for
 * errors; `dir` is the folder relative venue-file paths start from.
 */
int tf_pool_parse_criteria(struct tf_pool_def *d, const char *text, const char *dir,
                           struct tf_error *err);
int tf_pool_parse_line(struct tf_pool_def *d, const char *line, size_t len, const char *dir,
                       const char *where, uint64_t lineno, struct tf_error *err);

/* Builds d->definition. Returns 0 or TF_ERR_NOMEM. */
int tf_pool_describe(struct tf_pool_def *d);

void tf_pool_def_release(struct tf_pool_def *d);

#endif
