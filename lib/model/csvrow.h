/*
 * csvrow.h - the model's inputs as rows of named fields: flow tables,
 * country-year and pair covariates, capital coordinates.
 *
 * These are small tidy tables with one record per line, so a record never
 * spans lines; fields are split by the one CSV tokeniser (util/csvtok.h):
 * quoted ("Korea, Rep.") with "" for a quote, blanks around fields dropped. The first line is the
 * header; column lookup ignores case. Reads plain or gzipped files through tf_lines.
 *
 * How to use:
 *   struct csvrow c;
 *   if (csvrow_open(&c, path, &err) < 0) return err.code;
 *   long year = csvrow_col(&c, "year");
 *   while ((rc = csvrow_next(&c, &err)) > 0) use(csvrow_field(&c, year));
 *   csvrow_close(&c);
 */
#ifndef TF_MODEL_CSVROW_H
#define TF_MODEL_CSVROW_H

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"
#include "util/csvtok.h"

struct tf_lines;

struct csvrow {
    struct tf_lines *lines;
    const char *path;
    struct tf_csvtok row;  /* the current record */
    struct tf_csvtok head; /* the header */
};

/* Opens `path` and reads the header. Returns 0 or a negative status (err filled). */
int csvrow_open(struct csvrow *c, const char *path, struct tf_error *err);

/* Index of the column named `name` (any case), or -1. */
long csvrow_col(const struct csvrow *c, const char *name);

/* Name of header column i. */
const char *csvrow_head(const struct csvrow *c, size_t i);

/*
 * Reads the next non-blank record. Returns 1, 0 at the end, or a negative
 * status: TF_ERR_FORMAT for an unterminated quote or a truncated gzip member
 * (err names file:line), TF_ERR_IO, TF_ERR_NOMEM.
 */
int csvrow_next(struct csvrow *c, struct tf_error *err);

/* Field i of the current record; "" when the record is shorter. */
const char *csvrow_field(const struct csvrow *c, long i);

/* Line number of the current record. */
uint64_t csvrow_line(const struct csvrow *c);

/* Parses a whole decimal number (spaces already dropped). Returns 0 or -1 (empty, junk, NaN, inf).
 */
int csvrow_double(const char *s, double *out);

/* Parses a year written as an integer or an integral decimal ("2001.0"). Returns 0 or -1. */
int csvrow_year(const char *s, int *out);

void csvrow_close(struct csvrow *c);

#endif
