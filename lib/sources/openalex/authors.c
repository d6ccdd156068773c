/*
 * authors.c - the OpenAlex author records reader: files, lines, documents.
 *
 * Input shapes are told apart by content, as for works (openalex.c):
 *   - JSON Lines (the snapshot's data/authors parts): one document per
 *     line, each an author or an API page {"meta":…, "results":[…]} whose
 *     authors are read in turn;
 *   - one document over many lines: a saved API page, a single author or
 *     an array of authors, pretty-printed.
 * The first non-blank line decides: a complete JSON document makes the
 * input JSON Lines; a line that looks like the opening of a pretty-printed
 * document makes the rest of the input one document, and when that
 * document is broken it is read again line by line, so a JSON Lines file
 * whose first line is damaged loses only that line.
 *
 * An author record is a few kB, so each document is parsed whole into the
 * project's JSON tree (util/json.h), reused from line to line. The tree has
 * no positions: the authors of a multi-line document all carry the line the
 * document starts on. author_obs.c turns each author into observations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/lines.h"
#include "sources/openalex/authors.h"
#include "sources/openalex/frame.h"
#include "sources/reader.h"

_Static_assert(TF_LINES_PADDING >= TF_JSON_PADDING, "lines are parsed in place");

enum au_mode {
    MODE_FIRST, /* the first line decides what the input is */
    MODE_LINES, /* JSON Lines */
    MODE_SPLIT, /* the rest of the input was a broken document: its lines one by one */
    MODE_END,
};

struct au_reader {
    struct tf_jdoc *doc;
    struct oa_skipper sk;
    struct tf_skips *own_skips; /* allocated when the caller passes none */
    int link_orcid;             /* tf_source_opts.link_orcid */
    enum au_mode mode;

    /* the values of the document being read: its results, elements, or itself */
    const struct tf_jv *items;
    size_t n_items, next_item;
    uint64_t doc_line;

    struct oa_frame fr; /* lines, and in MODE_SPLIT the broken document line by line */

    struct oa_author_out out;
    char why[160];
};

/* ---- lines ---------------------------------------------------------------- */

/* A gzip member cut short ends the input: counted, or an error when strict. */
static int truncated(struct au_reader *r, const struct tf_error *lerr, struct tf_error *err)
{
    r->mode = MODE_END;
    return oa_skip(&r->sk, TF_SKIP_TRUNCATED_GZIP, lerr->line, NULL, err);
}

/* ---- documents ------------------------------------------------------------ */

/* Hands out the authors of a parsed document: a page's results, an array's elements, or itself. */
static void take_items(struct au_reader *r, uint64_t line)
{
    const struct tf_jv *root = tf_jdoc_root(r->doc);
    const struct tf_jv *results = tf_jv_get(root, "results");
    if (results && results->type == TF_JV_ARRAY)
        root = results;
    r->items = root->type == TF_JV_ARRAY ? root->items : root;
    r->n_items = root->type == TF_JV_ARRAY ? root->n : 1;
    r->next_item = 0;
    r->doc_line = line;
}

/* Parses doc[0..len) (padded). Returns 0 parsed, 1 not JSON (r->why says why), or TF_ERR_NOMEM. */
static int parse(struct au_reader *r, const char *doc, size_t len, uint64_t line)
{
    r->n_items = 0;
    int rc = tf_jdoc_reparse(r->doc, doc, len, r->why, sizeof(r->why));
    if (rc == -2)
        return TF_ERR_NOMEM;
    if (rc == 0)
        take_items(r, line);
    return rc < 0;
}

/*
 * Reads the rest of the input, from the first line on, as one document;
 * when it is broken, its lines are read one by one instead. Returns 0 or a
 * negative status.
 */
static int read_whole(struct au_reader *r, struct tf_error *err)
{
    struct tf_error lerr;
    int rc = oa_frame_rest(&r->fr, &lerr, err);
    if (rc == TF_ERR_FORMAT)
        return truncated(r, &lerr, err);
    r->mode = MODE_END;
    if (rc <= 0)
        return rc;
    const char *doc = r->fr.rest;
    size_t len = r->fr.rest_len;
    oa_skip_bom(&doc, &len);
    rc = parse(r, doc, len, r->fr.rest_line);
    if (rc == 1)
        r->mode = MODE_SPLIT;
    return rc < 0 ? rc : 0;
}

/* Opens the next document. Returns 1 when one was read or skipped, 0 at the end, or < 0. */
static int next_doc(struct au_reader *r, struct tf_error *err)
{
    const char *s = NULL;
    size_t len = 0;
    uint64_t line = 0;
    struct tf_error lerr;
    int rc = r->mode == MODE_END
                 ? 0
                 : oa_frame_next(&r->fr, r->mode == MODE_SPLIT, &s, &len, &line, &lerr, err);
    if (rc == TF_ERR_FORMAT)
        rc = truncated(r, &lerr, err);
    if (rc <= 0) {
        if (rc == 0)
            r->mode = MODE_END;
        return rc;
    }
    int first = r->mode == MODE_FIRST;
    if (first)
        r->mode = MODE_LINES;
    rc = parse(r, s, len, line);
    if (rc == 1 && first && oa_looks_like_opening(s, len))
        rc = read_whole(r, err);
    else if (rc == 1)
        rc = oa_skip(&r->sk, TF_SKIP_MALFORMED_JSON, line, r->why, err);
    if (rc == TF_ERR_NOMEM)
        return tf_error_set(err, rc, r->sk.path, line, "out of memory");
    return rc < 0 ? rc : 1;
}

/* ---- the reader ----------------------------------------------------------- */

/* One author of the document as a record. Returns 1, 0 when it is not an author, or < 0. */
static int make_record(struct au_reader *r, const struct tf_jv *v, struct tf_record *rec,
                       struct tf_error *err)
{
    if (!oa_author_like(v)) {
        int rc = oa_skip(&r->sk, TF_SKIP_NOT_AN_AUTHOR, r->doc_line,
                         "valid JSON but not an author object", err);
        return rc < 0 ? rc : 0;
    }
    int rc = oa_author_obs(v, r->doc_line, r->link_orcid, &r->sk, &r->out, err);
    if (rc < 0)
        return rc;
    memset(rec, 0, sizeof(*rec));
    rec->info.cited_by_count = -1;
    rec->obs = r->out.v;
    rec->n_obs = r->out.n;
    rec->line = r->doc_line;
    return 1;
}

static int au_next(void *impl, struct tf_record *rec, struct tf_error *err)
{
    struct au_reader *r = impl;
    for (;;) {
        int rc;
        if (r->next_item < r->n_items) {
            rc = make_record(r, &r->items[r->next_item++], rec, err);
            if (rc != 0)
                return rc;
            continue;
        }
        if (r->mode == MODE_END)
            return 0;
        if ((rc = next_doc(r, err)) <= 0)
            return rc;
    }
}

static uint64_t au_bytes(const void *impl)
{
    return tf_lines_raw_bytes(((const struct au_reader *)impl)->fr.lines);
}

static int au_crc(void *impl, uint32_t *crc)
{
    return tf_lines_file_crc(((struct au_reader *)impl)->fr.lines, crc);
}

static void au_free(void *impl)
{
    struct au_reader *r = impl;
    if (!r)
        return;
    tf_lines_free(r->fr.lines);
    tf_jdoc_free(r->doc);
    free(r->out.v);
    free(r->own_skips);
    free(r);
}

static const struct tf_reader_ops au_ops = {au_next, au_bytes, au_crc, au_free};

int tf_openalex_authors_open(void **impl, const struct tf_reader_ops **ops, const char *path,
                             const struct tf_source_opts *opts, struct tf_skips *skips,
                             struct tf_error *err)
{
    int rc = TF_ERR_NOMEM;
    struct au_reader *r = calloc(1, sizeof(*r));
    *impl = NULL;
    if (!r || (!skips && !(r->own_skips = calloc(1, sizeof(*r->own_skips)))) ||
        tf_jdoc_new(&r->doc) < 0) {
        tf_error_set(err, rc, path, 0, "out of memory");
        goto out;
    }
    r->sk.skips = skips ? skips : r->own_skips;
    r->sk.strict = opts->strict;
    r->link_orcid = opts->link_orcid;
    r->mode = MODE_FIRST;
    if ((rc = tf_lines_open(&r->fr.lines, path, opts->max_line, err)) < 0)
        goto out;
    if (opts->read_ahead)
        tf_lines_read_ahead(r->fr.lines); /* or read in line */
    r->sk.path = tf_lines_path(r->fr.lines);
    r->fr.path = r->sk.path;
    r->fr.skips = r->sk.skips;
    r->fr.strict = r->sk.strict;
    r->fr.first = 1;
    *impl = r;
    *ops = &au_ops;
    r = NULL;
out:
    au_free(r);
    return rc < 0 ? rc : 0;
}
