/*
 * csvtok.h - the one CSV tokeniser: RFC 4180 records split into fields,
 * fed a line at a time so a quoted field may go on over line ends.
 *
 * Rules: fields are separated by commas; a field may be quoted, with ""
 * for a quote inside; blanks (space, tab) around a field are dropped,
 * blanks inside quotes kept; text after a closing quote is kept as part of
 * the field but marks the record as badly quoted. Decoded fields are
 * NUL-terminated in one buffer.
 *
 * How to use:
 *   struct tf_csvtok t;
 *   tf_csvtok_init(&t);
 *   tf_csvtok_begin(&t);
 *   while ((rc = tf_csvtok_line(&t, line, len)) == 0) ... next line ...;
 *   for (size_t i = 0; i < t.n_fields; i++) use(tf_csvtok_field(&t, i, &n));
 *   tf_csvtok_release(&t);
 *
 * Not thread-safe per tokeniser.
 */
#ifndef TF_UTIL_CSVTOK_H
#define TF_UTIL_CSVTOK_H

#include <stddef.h>

#include "util/buf.h"

enum tf_csvtok_state {
    TF_CSVTOK_FIELD_START, /* before a field's first byte */
    TF_CSVTOK_UNQUOTED,    /* inside an unquoted field */
    TF_CSVTOK_QUOTED,      /* inside quotes */
    TF_CSVTOK_QUOTE_SEEN,  /* a quote inside quotes: closes, or escapes a second one */
    TF_CSVTOK_AFTER_QUOTE, /* blanks after the closing quote */
};

struct tf_csvtok_field {
    size_t off; /* into text */
    size_t len;
};

struct tf_csvtok {
    struct tf_buf text; /* decoded fields, each followed by a NUL */
    struct tf_csvtok_field *fields;
    size_t n_fields, cap_fields;
    enum tf_csvtok_state st;
    size_t field_start; /* offset in text of the current field */
    size_t keep;        /* length of the current field without trailing blanks */
    int bad_quoting;    /* text after a closing quote */
};

void tf_csvtok_init(struct tf_csvtok *t);

/* Frees the buffers; the tokeniser is empty and reusable. */
void tf_csvtok_release(struct tf_csvtok *t);

/* Starts a new record (keeps the memory). */
void tf_csvtok_begin(struct tf_csvtok *t);

/*
 * Adds one line (without its line end) to the record. Returns 1 when the
 * record is complete, 0 when a quoted field goes on to the next line (a
 * line end is kept in the field), or TF_ERR_NOMEM.
 */
int tf_csvtok_line(struct tf_csvtok *t, const char *s, size_t len);

/*
 * Drops the decoded text and fields of the record so far, keeping the
 * quoting state, so that an over-long record can be passed over to its end
 * without holding it.
 */
void tf_csvtok_drop(struct tf_csvtok *t);

/* Field i of a complete record (NUL-terminated), its length in *len (may be NULL). */
const char *tf_csvtok_field(const struct tf_csvtok *t, size_t i, size_t *len);

#endif
