/*
 * json_shim.h - the C face of the simdjson On-Demand parser: one JSON
 * document in, OpenAlex works out, as raw fields.
 *
 * The shim knows where a work keeps the values talentflow reads (which keys,
 * which nesting) and copies nothing else: every other key, however large
 * (abstract_inverted_index, raw affiliation strings, referenced_works) is
 * skipped without being materialised. It applies no rules: a year is handed
 * over as the JSON value it is (integer, string, null, absent), and
 * openalex.c decides what counts as valid.
 *
 * A document is one of:
 *   - a work object (an object with "publication_year" or "authorships"; an
 *     author or institution record is not one) -> one work
 *   - an API list page {"meta":…, "results":[…]} -> each object of "results"
 *   - an array of works [ {…}, {…} ]        -> each element
 * so a JSON Lines line, a saved API page and a pretty-printed single work all
 * go through the same two calls.
 *
 * How to use:
 *   struct tf_json *j = NULL;
 *   if (tf_json_new(&j) < 0) ...;                 // TF_JSON_NOMEM
 *   rc = tf_json_open_doc(j, buf, len);           // buf: len + TF_JSON_PADDING readable
 * (util/json.h) while (rc == 0 && (rc = tf_json_next_work(j, &w)) != TF_JSON_END) { if (rc ==
 * TF_JSON_WORK) use(w); else if (rc == TF_JSON_NOT_A_WORK) { count it; rc = 0; }  // the document
 * goes on else break;                                             // the document is broken
 *   }
 *   tf_json_free(j);
 *
 * Strings point into the parser's own buffer (unescaped) and stay valid until
 * the next tf_json_open_doc; the arrays of a work belong to the shim and stay
 * valid until the next tf_json_next_work. The parser and the arrays are
 * reused, so steady-state parsing does not allocate.
 *
 * On-Demand validates what it reads: stage 1 checks the whole document's
 * strings and UTF-8, and every value the shim reads is checked, but a bad
 * number or atom inside a skipped value with balanced brackets is not
 * noticed. No C++ exception ever leaves the shim.
 *
 * Not thread-safe per handle; handles are independent.
 */
#ifndef TF_SOURCES_JSON_SHIM_H
#define TF_SOURCES_JSON_SHIM_H

#include <stddef.h>
#include <stdint.h>

#include "util/json.h" /* TF_JSON_PADDING */

#ifdef __cplusplus
extern "C" {
#endif

/* Results of tf_json_open_doc and tf_json_next_work. */
enum tf_json_status {
    TF_JSON_WORK = 1,        /* a work was read */
    TF_JSON_END = 0,         /* no more works in this document (open: success) */
    TF_JSON_NOT_A_WORK = -1, /* valid JSON that is not a work; the document goes on */
    TF_JSON_MALFORMED = -2,  /* not valid JSON; the rest of the document is lost */
    TF_JSON_BAD_UTF8 = -3,   /* the document is not valid UTF-8; nothing was read */
    TF_JSON_NOMEM = -4,      /* the parser could not allocate */
    TF_JSON_INTERNAL = -5,   /* an unexpected failure inside the parser */
};

/* What a JSON value was. */
enum tf_json_kind {
    TF_JSON_ABSENT = 0, /* the key was not there */
    TF_JSON_NULL,       /* null */
    TF_JSON_INT,        /* an integer that fits int64_t: see `i` */
    TF_JSON_STRING,     /* a string: see `s`, `len` */
    TF_JSON_OTHER,      /* a float, huge integer, boolean, object or array */
};

/* A scalar as found in the document. */
struct tf_json_val {
    int kind;      /* enum tf_json_kind */
    int64_t i;     /* TF_JSON_INT */
    const char *s; /* TF_JSON_STRING: unescaped, not NUL-terminated */
    size_t len;
};

/* A source (venue) object: its id, ISSN-L and display name. */
struct tf_json_source {
    struct tf_json_val id, issn_l, name;
};

/* institutions[] of an authorship. */
struct tf_json_institution {
    struct tf_json_val id;
    struct tf_json_val country_code;
};

/*
 * One element of authorships[]. Its institutions are
 * work->institutions[inst .. inst + n_inst) and its "countries" list (newer
 * records) is work->countries[country .. country + n_countries). An element
 * that is not an object gives an authorship with an absent author id.
 */
struct tf_json_authorship {
    struct tf_json_val author_id; /* author.id */
    struct tf_json_val orcid;     /* author.orcid */
    size_t inst, n_inst;
    size_t country, n_countries;
};

/* topics[]: id, subfield.id, field.id, domain.id (URLs or numbers) and score (0 if none). */
struct tf_json_topic {
    struct tf_json_val id, subfield, field, domain;
    double score;
};

/* concepts[]: id, score (0 if none) and level (TF_JSON_INT when present). */
struct tf_json_concept {
    struct tf_json_val id, level;
    double score;
};

struct tf_json_work {
    size_t offset;                    /* byte offset of the work's '{' in the document */
    struct tf_json_val id;            /* "id" */
    struct tf_json_val year;          /* "publication_year" */
    struct tf_json_source venue;      /* "primary_location"."source" */
    struct tf_json_source host_venue; /* "host_venue" (records before 2023) */
    struct tf_json_val cited_by_count;
    struct tf_json_val updated; /* "updated_date" */
    const struct tf_json_authorship *authorships;
    size_t n_authorships;
    const struct tf_json_institution *institutions;
    size_t n_institutions;
    const struct tf_json_val *countries;
    size_t n_countries;
    const struct tf_json_topic *topics;
    size_t n_topics;
    const struct tf_json_concept *concepts;
    size_t n_concepts;
};

struct tf_json; /* opaque: a parser, the open document and the work arrays */

/* Creates a parser. Returns 0 or TF_JSON_NOMEM (then *out is NULL). */
int tf_json_new(struct tf_json **out);

/*
 * Starts reading the document buf[0..len); buf must stay valid and have
 * TF_JSON_PADDING readable bytes (any values) after buf[len] until the next
 * open. Runs the parser's first pass over the whole document. Returns
 * TF_JSON_END (0) on success, or TF_JSON_MALFORMED, TF_JSON_BAD_UTF8 or
 * TF_JSON_NOMEM; after a failure tf_json_next_work returns TF_JSON_END.
 * An empty or all-blank document is TF_JSON_MALFORMED.
 */
int tf_json_open_doc(struct tf_json *j, const char *buf, size_t len);

/*
 * Reads the next work of the open document into *out. Returns TF_JSON_WORK,
 * TF_JSON_END when the document has no more works (and was well formed to
 * its end), TF_JSON_NOT_A_WORK for one value that is valid JSON but not a
 * work object (call again for the rest), or a negative failure after which
 * the document is finished (the next call returns TF_JSON_END).
 */
int tf_json_next_work(struct tf_json *j, const struct tf_json_work **out);

/*
 * Where the last result is in the document, as a byte offset: the start of
 * the work (or non-work) just returned, or the place a failure was found.
 */
size_t tf_json_offset(const struct tf_json *j);

/* A short static description of the last failure ("" when none). */
const char *tf_json_message(const struct tf_json *j);

/* Frees the parser and all arrays. Accepts NULL. */
void tf_json_free(struct tf_json *j);

#ifdef __cplusplus
}
#endif
#endif
