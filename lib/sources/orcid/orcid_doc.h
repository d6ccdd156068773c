/*
 * orcid_doc.h - one ORCID record as its parsers leave it: the iD, the last
 * change, and the education and employment summaries with their fields as
 * text. orcid_xml.c (expat) and orcid_json.c (util/json.h) fill it;
 * orcid_obs.c turns it into observations; orcid.c reads files and tar
 * members and hands each document to the parser its first byte calls for.
 *
 * A document is reused for every record of a reader: its arrays keep their
 * memory, so steady state allocates nothing for XML. Text fields are copied
 * into fixed buffers and cut at their size (longer values are never needed
 * whole: an iD, a country, a year, a role title to classify).
 */
#ifndef TF_SOURCES_ORCID_DOC_H
#define TF_SOURCES_ORCID_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"

/* What a document turned out to be. */
enum orcid_shape {
    ORCID_RECORD,     /* a record (or an activities summary): read its affiliations */
    ORCID_ERROR_BODY, /* an API error response */
    ORCID_NOT_RECORD, /* well-formed, but something else */
    ORCID_MALFORMED,  /* not well-formed XML or JSON; `why` says where */
};

#define ORCID_TEXT_ROLE 256 /* role titles are classified from their first 255 bytes */
#define ORCID_TEXT_SHORT 96 /* ids, countries, dates, sources */

/* A date as written: each part's text, "" when absent. */
struct orcid_date {
    int present; /* the element (start-date, end-date) is there */
    char year[16];
    char month[8];
};

/* One education-summary or employment-summary. */
struct orcid_affil {
    uint8_t kind;  /* TF_KIND_EDUCATION or TF_KIND_EMPLOYMENT */
    size_t group;  /* affiliations of one v3.0 affiliation-group share it */
    uint64_t line; /* XML: the line of the summary's start tag; JSON: 0 */
    char put_code[24];
    struct orcid_date start, end;
    char country[ORCID_TEXT_SHORT];
    char role[ORCID_TEXT_ROLE];
    char org_id[ORCID_TEXT_SHORT];
    char org_source[ORCID_TEXT_SHORT];
};

struct orcid_doc {
    enum orcid_shape shape;
    uint64_t line;                   /* line of the root element (XML), 1 for JSON */
    char orcid[ORCID_TEXT_SHORT];    /* orcid-identifier/path, else the root's path */
    char modified[ORCID_TEXT_SHORT]; /* the latest last-modified-date seen (text) */
    int modified_year;               /* its year, 0 when none */
    char why[160];                   /* ORCID_MALFORMED: the parser's message */
    uint64_t why_line;
    size_t n_groups;
    struct orcid_affil *affils;
    size_t n_affils, cap_affils;
};

/* Empties `d` for the next document, keeping its memory. */
void orcid_doc_reset(struct orcid_doc *d);

/* Frees what `d` owns; it stays usable. */
void orcid_doc_release(struct orcid_doc *d);

/* A new zeroed affiliation at the end of d->affils, or NULL when out of memory. */
struct orcid_affil *orcid_doc_add(struct orcid_doc *d, uint8_t kind);

/*
 * Notes a last-modified-date given as text ("2017-02-28T14:01:59.735Z") or,
 * when `ms` is nonzero, as milliseconds since 1970 (JSON): the latest one is
 * kept as the record's.
 */
void orcid_doc_modified(struct orcid_doc *d, const char *text, size_t len, int64_t ms);

/* Copies s[0..len) without surrounding white space into out[size], cut to fit. */
void orcid_copy_text(char *out, size_t size, const char *s, size_t len);

/*
 * Parses an XML document fed as bytes: orcid_xml_new once per reader,
 * orcid_xml_begin per document, orcid_xml_feed for each piece and once with
 * last set. The feed returns 0, TF_ERR_FORMAT when the document is not
 * well-formed (d->shape is ORCID_MALFORMED, the rest of it need not be
 * fed), or TF_ERR_NOMEM.
 */
struct orcid_xml;
struct orcid_xml *orcid_xml_new(void);
void orcid_xml_begin(struct orcid_xml *x, struct orcid_doc *d);
int orcid_xml_feed(struct orcid_xml *x, const char *buf, size_t n, int last);
void orcid_xml_free(struct orcid_xml *x);

/*
 * Parses the JSON document buf[0..len) (with TF_JSON_PADDING readable bytes
 * after it) into `d`. Returns 0 (d->shape says what it was) or TF_ERR_NOMEM.
 */
int orcid_json_parse(struct orcid_doc *d, const char *buf, size_t len);

/*
 * The degree level an education's role title names (docs/orcid.md, "Degree
 * levels"): TF_DEGREE_NONE for an empty title, TF_DEGREE_OTHER for a title
 * that names no level it knows. `s` need not be NUL-terminated.
 */
enum tf_degree orcid_degree(const char *s, size_t len);

/* Where skips of the record being read are counted, and whether they are fatal. */
struct orcid_skipper {
    struct tf_skips *skips;
    int strict;
    const char *place; /* the file, or "archive:member" */
};

/*
 * Counts a skip of `reason` at sk->place:line, or, when strict and the
 * reason is bad input, fills `err` and returns TF_ERR_DATA. Returns 0 when
 * counted.
 */
int orcid_skip(const struct orcid_skipper *sk, int reason, uint64_t line, const char *detail,
               struct tf_error *err);

/* The observations of a record, in a buffer reused from record to record. */
struct orcid_obs {
    struct tf_obs *v;
    size_t n, cap;
};

/*
 * Turns the affiliations of record `d` of person `person` into
 * observations (docs/orcid.md: one per calendar year of each affiliation's
 * span), counting what it skips. Returns 0, TF_ERR_NOMEM, or TF_ERR_DATA
 * when strict.
 */
int orcid_doc_obs(const struct orcid_doc *d, uint64_t person, struct orcid_obs *out,
                  const struct orcid_skipper *sk, struct tf_error *err);

/*
 * The key of an ORCID iD written "0000-0002-1825-0097", as a URL, or as the
 * root path "/0000-0002-1825-0097" (anything after a further '/' is
 * dropped). Returns 0 with *out set, -1 when it is not a valid iD.
 */
int orcid_person(const char *s, uint64_t *out);

#endif
