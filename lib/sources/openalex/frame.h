/*
 * frame.h - how the OpenAlex readers (works: openalex.c, authors: authors.c)
 * cut their input into JSON documents.
 *
 * An input is JSON Lines, one document per line, or one pretty-printed
 * document over many lines (a saved API page). The reader decides from the
 * first non-blank line: a document by itself makes the input JSON Lines; a
 * line that looks like the opening of a document (oa_looks_like_opening)
 * makes the rest of the input one document (oa_frame_rest), and when that
 * document is broken its lines are read one by one instead
 * (oa_frame_split_line), so a JSON Lines file whose first line is damaged
 * loses only that line. What a reader does with a document, and with a gzip
 * member cut short, is its own.
 */
#ifndef TF_SOURCES_OPENALEX_FRAME_H
#define TF_SOURCES_OPENALEX_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "io/lines.h"
#include "talentflow/error.h"
#include "talentflow/source.h"

struct oa_frame {
    struct tf_lines *lines;
    struct tf_skips *skips; /* where the line reader counts lines too long */
    const char *path;
    int strict;
    int first; /* no non-blank line read yet: a byte order mark may open the next */

    /* the rest of the input as one document, and where re-reading it line by line is */
    const char *rest;
    size_t rest_len, rest_pos;
    uint64_t rest_line;
};

/* Whether s[0..len) holds only blanks (space, tab, CR, LF). */
int oa_blank_line(const char *s, size_t len);

/* Drops a UTF-8 byte order mark from the front of s. Returns 1 when there was one. */
int oa_skip_bom(const char **s, size_t *len);

/* Whether a first line that is not a document by itself opens a pretty-printed one. */
int oa_looks_like_opening(const char *s, size_t len);

/*
 * The next non-blank line of the input and its number. Returns 1, 0 at the
 * end, TF_ERR_FORMAT when a gzip member ends short (`lerr` says where), or
 * another negative status with `err` set (a line too long is an error when
 * strict, else counted by the line reader).
 */
int oa_frame_line(struct oa_frame *f, const char **s, size_t *len, uint64_t *line,
                  struct tf_error *lerr, struct tf_error *err);

/*
 * Reads the rest of the input, from the line just read on, as one document
 * into f->rest (byte order mark included). Returns 1, 0 when nothing is
 * left, TF_ERR_FORMAT when a gzip member ends short (`lerr`), or < 0.
 */
int oa_frame_rest(struct oa_frame *f, struct tf_error *lerr, struct tf_error *err);

/* The next non-blank line of f->rest and its number. Returns 1, or 0 at its end. */
int oa_frame_split_line(struct oa_frame *f, const char **s, size_t *len, uint64_t *line);

/* oa_frame_split_line when `split`, else oa_frame_line. */
int oa_frame_next(struct oa_frame *f, int split, const char **s, size_t *len, uint64_t *line,
                  struct tf_error *lerr, struct tf_error *err);

#endif
