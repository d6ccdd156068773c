/*
 * talentflow/obs.h - the observation record, the single currency between the
 * readers and the engine, plus the value types it is made of: countries,
 * exact weights, person keys.
 *
 * An observation says: person P was seen in country C in year Y, with weight
 * W (a share of one unit of evidence), as a publication, education or
 * employment record, optionally at organisation O and from work K.
 *
 * How to use:
 *   struct tf_obs o = {0};
 *   o.person = tf_person_openalex(5023651726);     // A5023651726
 *   o.year = 2019;
 *   tf_country_parse("Germany", 7, &o.country);    // -> "DE"
 *   o.weight = TF_WEIGHT_UNIT / 2;                  // half of one work
 *   o.kind = TF_KIND_PUBLICATION;
 *
 * All functions here are pure or read only static tables: thread-safe.
 */
#ifndef TALENTFLOW_OBS_H
#define TALENTFLOW_OBS_H

#include "talentflow/export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- countries ---------------------------------------------------------- */

/*
 * A country is its ISO 3166-1 alpha-2 code packed in 16 bits: first letter in
 * the high byte, so numeric order is alphabetical code order. 0 means none.
 */
typedef uint16_t tf_country;

#define TF_COUNTRY(a, b) ((tf_country)(((unsigned)(a) << 8) | (unsigned)(b)))

/*
 * Parses a country given as an ISO alpha-2 code, alpha-3 code or English name
 * (the iso-codes "name", "official_name" or "common_name"), case-insensitively
 * and ignoring surrounding spaces. `s` need not be NUL-terminated.
 * Returns 0 and sets *out on success, TF_ERR_FORMAT when unknown (then *out is
 * left unchanged). Codes must be assigned ISO codes, with "XK" (Kosovo) also
 * accepted since bibliographic sources use it.
 */
TF_API int tf_country_parse(const char *s, size_t len, tf_country *out);

/* Nonzero when `c` is an assigned ISO 3166-1 alpha-2 code (or XK). */
TF_API int tf_country_valid(tf_country c);

/*
 * Writes the alpha-2 code of `c` into buf (3 bytes: two letters and NUL) and
 * returns buf. A zero country gives "".
 */
TF_API char *tf_country_code(tf_country c, char buf[3]);

/* The English short name of `c` ("Germany"), or NULL when not valid. */
TF_API const char *tf_country_name(tf_country c);

/* The alpha-3 code of `c` ("DEU"), or NULL when not valid. */
TF_API const char *tf_country_alpha3(tf_country c);

/* ---- weights ------------------------------------------------------------ */

/*
 * Weights are integers in units of 1/TF_WEIGHT_UNIT of one observation, so
 * sums are exact and independent of order. 720720 = lcm(1..16): a share of
 * 1/k is exact for every k up to 16.
 */
#define TF_WEIGHT_UNIT 720720u

/*
 * Parses a weight written as a decimal ("0.5", "1", "2.25e-1") or a fraction
 * ("1/3"), and rounds it to the nearest unit (half away from zero). Rejects
 * negative, zero (after rounding) and non-finite values, and values that do
 * not fit in 32 bits of units (above about 5959).
 * Returns 0 on success, TF_ERR_FORMAT otherwise.
 */
TF_API int tf_weight_parse(const char *s, size_t len, uint32_t *out);

/*
 * Formats a weight w > 0 so that tf_weight_parse gives back exactly `w`: "1" for a
 * whole unit, "1/3" style fractions in lowest terms otherwise. Returns the
 * length written (without NUL); `buf` needs 32 bytes.
 */
TF_API int tf_weight_format(uint32_t w, char buf[32]);

/* ---- persons ------------------------------------------------------------ */

/*
 * A person key is 64 bits: the top 4 bits name the namespace, the rest the
 * id. OpenAlex author ids keep their number, so "A5023651726" and
 * "https://openalex.org/A5023651726" are the same person on every path; other
 * ids are hashed (FNV-1a 64, truncated to 60 bits).
 */
enum tf_person_ns { TF_PERSON_OPENALEX = 0, TF_PERSON_ORCID = 1, TF_PERSON_HASHED = 2 };

#define TF_PERSON_ID_MASK ((UINT64_C(1) << 60) - 1)

static inline uint64_t tf_person_make(enum tf_person_ns ns, uint64_t id)
{
    return ((uint64_t)ns << 60) | (id & TF_PERSON_ID_MASK);
}

static inline uint64_t tf_person_openalex(uint64_t number)
{
    return tf_person_make(TF_PERSON_OPENALEX, number);
}

/*
 * Turns an id string into a person key: an OpenAlex author id (bare "A123" or
 * the full URL, any case of the "A") keeps its number when written canonically
 * (no leading zero, at most 60 bits); an ORCID iD with a valid check character
 * is stored as its 15 digits times 11 plus the check (X = 10); anything else
 * is hashed. Returns 0 on success, TF_ERR_FORMAT for an empty id.
 */
TF_API int tf_person_parse(const char *s, size_t len, uint64_t *out);

/*
 * Writes the display form of a key whose namespace is not hashed ("A123")
 * into buf and returns its length; returns -1 for hashed keys, whose string
 * must come from the source's name table.
 */
TF_API int tf_person_format(uint64_t key, char buf[32]);

/* Same scheme for works: "W123" and its URL keep the number. 0 means none. */
TF_API int tf_work_parse(const char *s, size_t len, uint64_t *out);

/*
 * Same scheme for organisations: OpenAlex institution ids ("I123", URL) keep
 * their number, anything else (a ROR id, a name) is hashed.
 */
TF_API int tf_org_parse(const char *s, size_t len, uint64_t *out);

/* Display form of a work or organisation key that is not hashed ("W123",
 * "I123"); returns the length, or -1 for hashed keys. */
TF_API int tf_work_format(uint64_t key, char buf[32]);
TF_API int tf_org_format(uint64_t key, char buf[32]);

/* ---- the observation ---------------------------------------------------- */

enum tf_kind {
    TF_KIND_PUBLICATION = 0,
    TF_KIND_EDUCATION = 1,
    TF_KIND_EMPLOYMENT = 2,
};

/* The lowercase name of a kind ("publication"); NULL when out of range. */
TF_API const char *tf_kind_name(int kind);

/* The lowercase name of a degree level ("doctorate"; "none" for TF_DEGREE_NONE); NULL when out of
 * range. */
TF_API const char *tf_degree_name(int degree);

/* Parses a kind name (case-insensitive). Returns 0 or TF_ERR_FORMAT. */
TF_API int tf_kind_parse(const char *s, size_t len, uint8_t *out);

enum tf_degree {
    TF_DEGREE_NONE = 0,
    TF_DEGREE_BACHELOR = 1,
    TF_DEGREE_MASTER = 2,
    TF_DEGREE_DOCTORATE = 3,
    TF_DEGREE_OTHER = 4,
};

/*
 * One observation: 48 bytes, plain data, safe to write to disk as is (the
 * spill files do; they never leave the machine that wrote them).
 */
struct tf_obs {
    uint64_t person; /* person key (tf_person_*) */
    uint64_t work;   /* work key, 0 when unknown; duplicates are dropped per
                        (person, work, country) when nonzero */
    uint64_t org;    /* organisation key (tf_org_parse), 0 when unknown */
    uint64_t copy;   /* the read order of the copy of the work it came from
                        (tf_copies_order), 0 when not a copy of a whole work;
                        set by the engine, readers leave it 0 */
    uint32_t weight; /* in 1/TF_WEIGHT_UNIT */
    uint32_t cited;  /* the work's cited_by_count (capped at UINT32_MAX) when it is a whole
                        work that has one, else 0; set by the engine, readers leave it 0 */
    int16_t year;
    tf_country country;
    uint16_t pools; /* bit i: the work meets the work criteria of talent pool i
                       (talentflow/pools.h); set by the engine, readers leave it 0 */
    uint8_t kind;   /* enum tf_kind */
    uint8_t degree; /* enum tf_degree, for education */
};

/* Earliest and latest year an observation may carry. */
#define TF_YEAR_MIN 1800
#define TF_YEAR_MAX 2100

#ifdef __cplusplus
}
#endif
#endif
