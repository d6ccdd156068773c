/*
 * authors.h - OpenAlex author records, between the reader (authors.c: files,
 * lines, documents, API pages) and the extraction rule (author_obs.c: one
 * author object to observations). docs/openalex.md ("Author records") has
 * the user's version of the rule.
 */
#ifndef TF_SOURCES_OPENALEX_AUTHORS_H
#define TF_SOURCES_OPENALEX_AUTHORS_H

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"
#include "util/json.h"

/* Where skips of one input go: counted, or an error when strict and the reason is bad input. */
struct oa_skipper {
    struct tf_skips *skips;
    int strict;
    const char *path;
};

/*
 * Counts a skip of `reason` at `line` with `detail` (may be NULL), or, when
 * strict and the reason is bad input, fills `err` and returns TF_ERR_DATA.
 * Returns 0 otherwise.
 */
int oa_skip(const struct oa_skipper *sk, int reason, uint64_t line, const char *detail,
            struct tf_error *err);

#define OA_N_YEARS (TF_YEAR_MAX - TF_YEAR_MIN + 1)

/* The observations of one author, reused from record to record. */
struct oa_author_out {
    struct tf_obs *v;
    size_t n, cap;
    uint32_t per_year[OA_N_YEARS]; /* scratch: observations of each year */
    uint32_t shared[OA_N_YEARS];   /* scratch: of those, weighed so far */
};

/*
 * Whether `v` is an author object: an object with at least one of
 * "affiliations", "last_known_institutions" and "last_known_institution"
 * (every author record has them, possibly empty or null; works and other
 * entities have none).
 */
int oa_author_like(const struct tf_jv *v);

/*
 * Turns the author object `a`, which starts on `line`, into observations in
 * out->v[0..out->n) (possibly none), counting what it skips. `link_orcid`:
 * an author with a valid ORCID iD is the person of that iD. Returns 0, or a
 * negative status (TF_ERR_DATA when strict, TF_ERR_NOMEM) with `err` filled.
 */
int oa_author_obs(const struct tf_jv *a, uint64_t line, int link_orcid, const struct oa_skipper *sk,
                  struct oa_author_out *out, struct tf_error *err);

#endif
