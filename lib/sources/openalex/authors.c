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
#include "sources/reader.h"

_Static_assert(TF_LINES_PADDING >= TF_JSON_PADDING, "lines are parsed in place");

/* A first line longer than this is never taken for the opening of a document. */
#define OPENING_MAX ((size_t)64 << 10)

enum au_mode {
    MODE_FIRST, /* the first line decides what the input is */
    MODE_LINES, /* JSON Lines */
    MODE_SPLIT, /* the rest of the input was a broken document: its lines one by one */
    MODE_END,
};

struct au_reader {
    struct tf_lines *lines;
    struct tf_jdoc *doc;
    struct oa_skipper sk;
    struct tf_skips *own_skips; /* allocated when the caller passes none */
    int link_orcid;             /* tf_source_opts.link_orcid */
    enum au_mode mode;

    /* the values of the document being read: its results, elements, or itself */
    const struct tf_jv *items;
    size_t n_items, next_item;
    uint64_t doc_line;

    /* MODE_SPLIT: the broken document, re-read line by line */
    const char *rest;
    size_t rest_len, rest_pos;
    uint64_t rest_line;

    struct oa_author_out out;
    char why[160];
};

/* ---- lines ---------------------------------------------------------------- */

static int is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int blank_line(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!is_blank((unsigned char)s[i]))
            return 0;
    return 1;
}

static void skip_bom(const char **s, size_t *len)
{
    if (*len >= 3 && memcmp(*s, "\xef\xbb\xbf", 3) == 0) {
        *s += 3;
        *len -= 3;
    }
}

/* Whether a line that is not a document by itself opens a pretty-printed one. */
static int looks_like_opening(const char *s, size_t len)
{
    while (len && is_blank((unsigned char)s[0])) {
        s++;
        len--;
    }
    while (len && is_blank((unsigned char)s[len - 1]))
        len--;
    if (len == 0 || len > OPENING_MAX || (s[0] != '{' && s[0] != '['))
        return 0;
    char last = s[len - 1];
    return last == '{' || last == '[' || last == ',';
}

/* A gzip member cut short ends the input: counted, or an error when strict. */
static int truncated(struct au_reader *r, const struct tf_error *lerr, struct tf_error *err)
{
    r->mode = MODE_END;
    return oa_skip(&r->sk, TF_SKIP_TRUNCATED_GZIP, lerr->line, NULL, err);
}

/* In strict mode a line the line reader dropped for its length is an error. */
static int check_long_lines(struct au_reader *r, uint64_t before, struct tf_error *err)
{
    if (!r->sk.strict || r->sk.skips->n[TF_SKIP_LINE_TOO_LONG] == before)
        return 0;
    uint64_t line = before < TF_SKIP_EXAMPLES
                        ? r->sk.skips->first[TF_SKIP_LINE_TOO_LONG][before].line
                        : tf_lines_lineno(r->lines);
    return tf_error_set(err, TF_ERR_DATA, r->sk.path, line, "%s",
                        tf_skip_name(TF_SKIP_LINE_TOO_LONG));
}

/* The next non-blank line of the input. Returns 1, 0 at the end, or a negative status. */
static int next_line(struct au_reader *r, const char **s, size_t *len, uint64_t *line,
                     struct tf_error *err)
{
    struct tf_error lerr;
    tf_error_init(&lerr);
    for (;;) {
        uint64_t long_before = r->sk.skips->n[TF_SKIP_LINE_TOO_LONG];
        int rc = tf_lines_next(r->lines, s, len, r->sk.skips, &lerr);
        if (rc == TF_ERR_FORMAT)
            return truncated(r, &lerr, err);
        if (rc < 0) {
            if (err)
                *err = lerr;
            return rc;
        }
        int lrc = check_long_lines(r, long_before, err);
        if (lrc < 0 || rc == 0)
            return lrc;
        *line = tf_lines_lineno(r->lines);
        if (r->mode == MODE_FIRST)
            skip_bom(s, len);
        if (!blank_line(*s, *len))
            return 1;
    }
}

/* The next non-blank line of a broken whole document. Returns 1, or 0 at its end. */
static int next_split_line(struct au_reader *r, const char **s, size_t *len, uint64_t *line)
{
    while (r->rest_pos < r->rest_len) {
        const char *p = r->rest + r->rest_pos;
        size_t left = r->rest_len - r->rest_pos;
        const char *nl = memchr(p, '\n', left);
        size_t n = nl ? (size_t)(nl - p) : left;
        r->rest_pos += nl ? n + 1 : n;
        *line = r->rest_line++;
        if (n && p[n - 1] == '\r')
            n--;
        if (p == r->rest)
            skip_bom(&p, &n);
        if (!blank_line(p, n)) {
            *s = p;
            *len = n;
            return 1;
        }
    }
    return 0;
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
    tf_error_init(&lerr);
    int rc = tf_lines_rest(r->lines, &r->rest, &r->rest_len, &lerr);
    if (rc == TF_ERR_FORMAT)
        return truncated(r, &lerr, err);
    r->mode = MODE_END;
    if (rc <= 0) {
        if (rc < 0 && err)
            *err = lerr;
        return rc;
    }
    r->rest_pos = 0;
    r->rest_line = tf_lines_lineno(r->lines);
    const char *doc = r->rest;
    size_t len = r->rest_len;
    skip_bom(&doc, &len);
    rc = parse(r, doc, len, r->rest_line);
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
    int rc = 0;
    if (r->mode == MODE_FIRST || r->mode == MODE_LINES)
        rc = next_line(r, &s, &len, &line, err);
    else if (r->mode == MODE_SPLIT)
        rc = next_split_line(r, &s, &len, &line);
    if (rc <= 0) {
        if (rc == 0)
            r->mode = MODE_END;
        return rc;
    }
    int first = r->mode == MODE_FIRST;
    if (first)
        r->mode = MODE_LINES;
    rc = parse(r, s, len, line);
    if (rc == 1 && first && looks_like_opening(s, len))
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
    return tf_lines_raw_bytes(((const struct au_reader *)impl)->lines);
}

static void au_free(void *impl)
{
    struct au_reader *r = impl;
    if (!r)
        return;
    tf_lines_free(r->lines);
    tf_jdoc_free(r->doc);
    free(r->out.v);
    free(r->own_skips);
    free(r);
}

static const struct tf_reader_ops au_ops = {au_next, au_bytes, au_free};

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
    if ((rc = tf_lines_open(&r->lines, path, opts->max_line, err)) < 0)
        goto out;
    r->sk.path = tf_lines_path(r->lines);
    *impl = r;
    *ops = &au_ops;
    r = NULL;
out:
    au_free(r);
    return rc < 0 ? rc : 0;
}
