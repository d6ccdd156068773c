/*
 * talentflow/error.h - status codes, error reports and counted skips.
 *
 * How to use:
 *   struct tf_error err;
 *   tf_error_init(&err);
 *   if (tf_something(..., &err) < 0)
 *       fprintf(stderr, "%s\n", err.msg);   // msg already names file and line
 *
 * The library never prints and never exits. A function that can fail takes a
 * `struct tf_error *` (which may be NULL when the caller does not want the
 * details) and returns a negative `enum tf_status` on failure.
 *
 * Bad *records* are not failures: readers skip them and count them by reason
 * in a `struct tf_skips`, remembering the first few places in `struct tf_error`
 * form so the command can report file and line. `--strict` in the command
 * turns a skip into a failure.
 */
#ifndef TALENTFLOW_ERROR_H
#define TALENTFLOW_ERROR_H

#include "talentflow/export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. Values are stable and never renumbered. */
enum tf_status {
    TF_OK = 0,
    TF_ERR_NOMEM = -1,    /* an allocation failed or a size cap was hit */
    TF_ERR_IO = -2,       /* open, read, write or rename failed (errno in msg) */
    TF_ERR_FORMAT = -3,   /* input is not in the expected format */
    TF_ERR_USAGE = -4,    /* invalid argument or option value */
    TF_ERR_DATA = -5,     /* bad record when the caller asked for strict input */
    TF_ERR_INTERNAL = -6, /* a broken invariant: a bug in talentflow */
};

/* Returns a static English description of `status`; never NULL. */
TF_API const char *tf_strerror(int status);

/*
 * An error report: what failed and where. `file` is the input path ("-" for
 * standard input) or empty; `line` is 1-based, 0 when unknown; `offset` is the
 * byte position in the decompressed stream when known, else 0.
 */
struct tf_error {
    int code;
    uint64_t line;
    uint64_t offset;
    char file[512];
    char msg[512];
};

/* Sets `err` to TF_OK with empty strings. `err` may be NULL. */
TF_API void tf_error_init(struct tf_error *err);

/*
 * Fills `err` (if not NULL) with `code`, the place and a printf-style message,
 * and returns `code`, so callers can write `return tf_error_set(...)`.
 * `file` may be NULL. The final `msg` reads "FILE:LINE: message" when a file
 * is given, so it can be printed as is.
 */
TF_API int tf_error_set(struct tf_error *err, int code, const char *file, uint64_t line,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * Reasons an input record or value is skipped. Values are stable; new ones are
 * added before TF_SKIP_COUNT. The names (tf_skip_name) are the keys written
 * in summary.json.
 */
enum tf_skip {
    TF_SKIP_MALFORMED_JSON = 0, /* a line or document that is not valid JSON */
    TF_SKIP_NOT_A_WORK,         /* valid JSON that is not a work object */
    TF_SKIP_TRUNCATED_GZIP,     /* a gzip member that ends early or is corrupt */
    TF_SKIP_BAD_YEAR,           /* missing, null or implausible year */
    TF_SKIP_NO_AUTHOR_ID,       /* authorship whose author id is null or invalid */
    TF_SKIP_NO_COUNTRY,         /* authorship with no valid country at all */
    TF_SKIP_BAD_COUNTRY,        /* a country code or name that is not ISO 3166-1 */
    TF_SKIP_BAD_CSV_ROW,        /* wrong number of fields, bad quoting */
    TF_SKIP_BAD_PERSON,         /* empty person id */
    TF_SKIP_BAD_WEIGHT,         /* weight not a number, negative or zero */
    TF_SKIP_BAD_KIND,           /* kind not publication/education/employment */
    TF_SKIP_INVALID_UTF8,       /* a line that is not valid UTF-8 */
    TF_SKIP_LINE_TOO_LONG,      /* a line past the reader's size cap */
    TF_SKIP_DUPLICATE,          /* same person, work and country read again */
    TF_SKIP_OUT_OF_WINDOW,      /* observation outside the chosen years */
    TF_SKIP_FEW_WORKS,          /* person below the minimum number of works */
    TF_SKIP_FEW_YEARS,          /* person below the minimum of observed years */
    TF_SKIP_SUPERSEDED,         /* a copy of a work replaced by a later copy (per copy) */
    TF_SKIP_MERGED_WORK,        /* a work whose id OpenAlex merged into another work */
    TF_SKIP_MALFORMED_XML,      /* a document that is not well-formed XML */
    TF_SKIP_ORCID_ERROR_BODY,   /* an ORCID API error response saved in place of a record */
    TF_SKIP_NOT_A_RECORD,       /* well-formed XML or JSON that is not an ORCID record */
    TF_SKIP_NO_AFFILIATIONS,    /* an ORCID record with no education or employment, an
                                   OpenAlex author with no institution */
    TF_SKIP_NO_START_YEAR,      /* an affiliation whose start date has no year */
    TF_SKIP_BAD_ARCHIVE,        /* a tar or compressed input that ends early or is corrupt */
    TF_SKIP_NOT_AN_AUTHOR,      /* valid JSON that is not an OpenAlex author object */
    TF_SKIP_COUNT
};

/* The snake_case name of `reason` ("malformed_json", ...); "unknown" if out of range. */
TF_API const char *tf_skip_name(int reason);

/*
 * Nonzero when `reason` means bad input (which `--strict` makes fatal), zero
 * when it is an ordinary filter such as a duplicate or a year outside the
 * window.
 */
TF_API int tf_skip_is_error(int reason);

/* How many places are remembered per reason for reporting. */
#define TF_SKIP_EXAMPLES 3

/* Counts of skipped input by reason, with the first few places of each. */
struct tf_skips {
    uint64_t n[TF_SKIP_COUNT];
    struct tf_error first[TF_SKIP_COUNT][TF_SKIP_EXAMPLES];
};

/* Zeroes all counts. */
TF_API void tf_skips_init(struct tf_skips *s);

/*
 * Counts one skip of `reason` at `file`:`line` and remembers the place if it
 * is among the first TF_SKIP_EXAMPLES of that reason. `detail` (may be NULL)
 * is a short explanation such as the offending value.
 */
TF_API void tf_skips_add(struct tf_skips *s, int reason, const char *file, uint64_t line,
                         const char *detail);

/* Adds every count of `src` into `dst` (places kept while room remains). */
TF_API void tf_skips_merge(struct tf_skips *dst, const struct tf_skips *src);

/* Sum of all counts. */
TF_API uint64_t tf_skips_total(const struct tf_skips *s);

#ifdef __cplusplus
}
#endif
#endif
