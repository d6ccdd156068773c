/*
 * openalex.c - observations from OpenAlex works.
 *
 * Input shapes are told apart by content, never by the file name:
 *   - JSON Lines (the snapshot): one document per line, each a work or an
 *     API page {"meta":…, "results":[…]} whose works are read in turn;
 *   - one document over many lines: a saved API page, a single work or an
 *     array of works, pretty-printed.
 * The first non-blank line decides. When it is a complete JSON document the
 * input is JSON Lines. When it is not, but looks like the opening of a
 * pretty-printed document (starts with '{' or '[', ends with '{', '[' or ',',
 * and is short), the rest of the input is read as one document; if that
 * document is broken before giving anything, it is read again line by line,
 * so a JSON Lines file whose first line is damaged loses only that line.
 *
 * The extraction rule (docs/openalex.md has the user's version):
 *   - a work needs publication_year, an integer (or a string of digits, as
 *     BigQuery exports write integers) in [TF_YEAR_MIN, TF_YEAR_MAX];
 *     otherwise the whole work is skipped once as bad_year;
 *   - each authorship with an author id gives one observation per distinct
 *     valid country of its institutions' country_code, or, when no
 *     institution has one, of its "countries" list; each of the k countries
 *     weighs TF_WEIGHT_UNIT / k, and when k does not divide the unit the
 *     remainder units go one each to the first countries in code order, so
 *     the weights of an authorship always sum to exactly one unit;
 *   - org is the first institution in that country that has an id.
 * Every work is returned as a record, with no observations if none qualify,
 * so record counts match the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/lines.h"
#include "sources/openalex/frame.h"
#include "sources/openalex/json_shim.h"
#include "sources/reader.h"
#include "util/buf.h"

_Static_assert(TF_LINES_PADDING >= TF_JSON_PADDING, "lines are parsed in place");

/* Countries are indexed by their two letters: AA..ZZ. */
#define N_CODES (26 * 26)
#define N_CODE_WORDS ((N_CODES + 63) / 64)

/* Distinct bad country codes remembered per authorship, to count each once. */
#define BAD_MAX 8

enum oa_mode {
    MODE_FIRST, /* the first line decides what the input is */
    MODE_LINES, /* JSON Lines */
    MODE_WHOLE, /* the rest of the input is one document */
    MODE_SPLIT, /* that document was broken: its lines one by one */
    MODE_END,
};

/* A country of the authorship being read, and its first institution. */
struct country_slot {
    tf_country country;
    int has_org;
    uint64_t org;
};

/* What every observation of one work shares. */
struct work_ctx {
    const struct tf_json_work *w;
    uint64_t work;
    uint64_t line;
    int16_t year;
};

struct oa_reader {
    struct tf_json *json;
    const char *path;
    struct tf_skips *skips;     /* the caller's, or own_skips */
    struct tf_skips *own_skips; /* allocated when the caller passes none */
    int strict;
    int link_orcid; /* tf_source_opts.link_orcid */
    enum oa_mode mode;

    /* the document being read */
    int doc_open;
    const char *doc;
    size_t doc_len;
    uint64_t doc_line;      /* line of doc[0] */
    size_t count_off;       /* line_at has counted newlines up to here */
    uint64_t count_line;    /* the line at doc[count_off] */
    uint64_t whole_results; /* works and non-works the whole document gave */
    const char *first;      /* MODE_FIRST: the first line */
    size_t first_len;

    struct oa_frame fr; /* lines, and in MODE_SPLIT the broken document line by line */

    /* the record handed out */
    struct tf_obs *obs;
    size_t n_obs, cap_obs;
    struct tf_topic *topics;
    size_t cap_topics;
    struct tf_concept *concepts;
    size_t cap_concepts;

    /* countries of the authorship being read: a set by code, in code order */
    uint64_t seen[N_CODE_WORDS];
    uint16_t slot_of[N_CODES];
    struct country_slot found[N_CODES];
    size_t n_found;
    const struct tf_json_val *bad[BAD_MAX];
    size_t n_bad;
};

/* ---- small helpers ------------------------------------------------------ */

/* Parses 1..19 decimal digits. Returns 0 or -1. */
static int parse_digits(const char *s, size_t len, uint64_t *out)
{
    uint64_t v = 0;
    if (len == 0 || len > 19)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

/* A non-negative integer, or a string of digits; -1 for anything else. */
static int64_t count_of(const struct tf_json_val *v)
{
    uint64_t n;
    if (v->kind == TF_JSON_INT)
        return v->i >= 0 ? v->i : -1;
    if (v->kind == TF_JSON_STRING && parse_digits(v->s, v->len, &n) == 0 && n <= INT64_MAX)
        return (int64_t)n;
    return -1;
}

/*
 * The number of an OpenAlex id: "https://openalex.org/T10320" -> 10320,
 * ".../subfields/1702" -> 1702, "S123" -> 123, or the integer itself.
 * 0 when there is none.
 */
static uint64_t id_number(const struct tf_json_val *v)
{
    if (v->kind == TF_JSON_INT)
        return v->i > 0 ? (uint64_t)v->i : 0;
    if (v->kind != TF_JSON_STRING)
        return 0;
    const char *end = v->s + v->len, *s = end;
    while (s > v->s && s[-1] != '/')
        s--;
    if (s < end && ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
        s++;
    uint64_t n;
    return parse_digits(s, (size_t)(end - s), &n) == 0 ? n : 0;
}

/* Appends `n` digits of s (all must be digits) to *out. Returns 0 or -1. */
static int take_digits(const char *s, size_t n, uint64_t *out)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        *out = *out * 10 + (uint64_t)(s[i] - '0');
    }
    return 0;
}

/*
 * updated_date ("2024-08-19", "2024-08-19T05:02:29.391817") as the number
 * YYYYMMDDhhmmssmmm, so that later dates compare larger whatever precision
 * each copy was written with: missing time parts count as zero, digits past
 * milliseconds are ignored. 0 when absent or not a date.
 */
static uint64_t updated_stamp(const struct tf_json_val *v)
{
    /* Offsets of the date and time digits in the ISO 8601 text, and how many. */
    static const unsigned char at[7] = {0, 5, 8, 11, 14, 17, 20}, len[7] = {4, 2, 2, 2, 2, 2, 3};
    if (v->kind != TF_JSON_STRING || v->len < 10 || v->s[4] != '-' || v->s[7] != '-')
        return 0;
    uint64_t n = 0;
    for (int i = 0; i < 7; i++) {
        size_t end = (size_t)at[i] + len[i];
        int present = i < 3 || (end <= v->len && (i < 6 || v->s[19] == '.'));
        if (present && take_digits(v->s + at[i], len[i], &n) < 0)
            return 0;
        if (!present)
            for (unsigned k = 0; k < len[i]; k++)
                n *= 10;
    }
    return n;
}

static uint32_t id_number32(const struct tf_json_val *v)
{
    uint64_t n = id_number(v);
    return n <= UINT32_MAX ? (uint32_t)n : 0;
}

/* An ISSN ("1234-567X"; the check digit is not verified) into out, or "" when `v` is not one. */
static void issn_text(const struct tf_json_val *v, char out[10])
{
    out[0] = '\0';
    if (v->kind != TF_JSON_STRING || v->len != 9 || v->s[4] != '-')
        return;
    for (size_t i = 0; i < 9; i++) {
        char c = v->s[i];
        int ok = i == 4 || (c >= '0' && c <= '9') || (i == 8 && (c == 'X' || c == 'x'));
        if (!ok)
            return;
    }
    memcpy(out, v->s, 9);
    out[8] = out[8] == 'x' ? 'X' : out[8];
    out[9] = '\0';
}

/* The publication year, or 0 when it is not a plausible integer year. */
static int work_year(const struct tf_json_val *v)
{
    int64_t y = count_of(v);
    return y >= TF_YEAR_MIN && y <= TF_YEAR_MAX ? (int)y : 0;
}

/* ---- skips -------------------------------------------------------------- */

/* Whether a skip of `reason` will keep its detail (worth formatting one). */
static int want_detail(const struct oa_reader *r, int reason)
{
    return r->skips->n[reason] < TF_SKIP_EXAMPLES || (r->strict && tf_skip_is_error(reason));
}

/* Counts a skip, or fails with TF_ERR_DATA when strict and the reason is bad input. */
static int skip(struct oa_reader *r, int reason, uint64_t line, const char *detail,
                struct tf_error *err)
{
    if (r->strict && tf_skip_is_error(reason))
        return tf_error_set(err, TF_ERR_DATA, r->path, line, "%s%s%s", tf_skip_name(reason),
                            detail ? ": " : "", detail ? detail : "");
    tf_skips_add(r->skips, reason, r->path, line, detail);
    return 0;
}

/* How much of a string value to quote: at most `max` bytes, and never past its end. */
static int clip(const struct tf_json_val *v, int max)
{
    return v->len < (size_t)max ? (int)v->len : max;
}

/* The last segment of the work's id ("W2741809807"), for skip details. */
static void work_label(const struct tf_json_work *w, char out[40])
{
    const struct tf_json_val *id = &w->id;
    if (id->kind != TF_JSON_STRING || id->len == 0) {
        snprintf(out, 40, "work");
        return;
    }
    size_t start = id->len;
    while (start > 0 && id->s[start - 1] != '/')
        start--;
    if (start == id->len)
        start = 0;
    /* The string is not NUL-terminated: it ends where the id ends. */
    size_t n = id->len - start < 30 ? id->len - start : 30;
    snprintf(out, 40, "%.*s", (int)n, id->s + start);
}

static int skip_year(struct oa_reader *r, const struct work_ctx *cx, struct tf_error *err)
{
    char label[40], detail[128];
    const struct tf_json_val *y = &cx->w->year;
    if (!want_detail(r, TF_SKIP_BAD_YEAR))
        return skip(r, TF_SKIP_BAD_YEAR, cx->line, NULL, err);
    work_label(cx->w, label);
    if (y->kind == TF_JSON_ABSENT)
        snprintf(detail, sizeof(detail), "%s: no publication_year", label);
    else if (y->kind == TF_JSON_NULL)
        snprintf(detail, sizeof(detail), "%s: publication_year is null", label);
    else if (y->kind == TF_JSON_INT)
        snprintf(detail, sizeof(detail), "%s: publication_year %lld", label, (long long)y->i);
    else if (y->kind == TF_JSON_STRING)
        snprintf(detail, sizeof(detail), "%s: publication_year \"%.*s\"", label, clip(y, 24), y->s);
    else
        snprintf(detail, sizeof(detail), "%s: publication_year is not an integer", label);
    return skip(r, TF_SKIP_BAD_YEAR, cx->line, detail, err);
}

/* A skip about authorship number i (0-based) of the work. */
static int skip_authorship(struct oa_reader *r, int reason, const struct work_ctx *cx, size_t i,
                           const char *what, struct tf_error *err)
{
    char label[40], detail[160];
    if (!want_detail(r, reason))
        return skip(r, reason, cx->line, NULL, err);
    work_label(cx->w, label);
    snprintf(detail, sizeof(detail), "%s: authorship %zu: %s", label, i + 1, what);
    return skip(r, reason, cx->line, detail, err);
}

/* ---- countries of one authorship ---------------------------------------- */

static void countries_reset(struct oa_reader *r)
{
    memset(r->seen, 0, sizeof(r->seen));
    r->n_found = 0;
    r->n_bad = 0;
}

static int same_code(const struct tf_json_val *a, const struct tf_json_val *b)
{
    if (a->kind != b->kind)
        return 0;
    if (a->kind != TF_JSON_STRING)
        return 1;
    if (a->len != b->len)
        return 0;
    for (size_t i = 0; i < a->len; i++) {
        int x = (unsigned char)a->s[i], y = (unsigned char)b->s[i];
        x = x >= 'a' && x <= 'z' ? x - 32 : x;
        y = y >= 'a' && y <= 'z' ? y - 32 : y;
        if (x != y)
            return 0;
    }
    return 1;
}

/*
 * An invalid code, counted once per authorship however often it recurs (the
 * "countries" list usually repeats the institutions' codes).
 */
static int bad_country(struct oa_reader *r, const struct tf_json_val *code,
                       const struct work_ctx *cx, size_t i, struct tf_error *err)
{
    char what[64];
    for (size_t b = 0; b < r->n_bad; b++)
        if (same_code(r->bad[b], code))
            return 0;
    if (r->n_bad < BAD_MAX)
        r->bad[r->n_bad++] = code;
    if (code->kind == TF_JSON_STRING)
        snprintf(what, sizeof(what), "country code \"%.*s\"", clip(code, 16), code->s);
    else
        snprintf(what, sizeof(what), "country code is not a string");
    return skip_authorship(r, TF_SKIP_BAD_COUNTRY, cx, i, what, err);
}

/*
 * Adds the country `code` (of the institution with id `org`, or NULL) to the
 * authorship's set. Null and absent codes say nothing and are not counted.
 */
static int add_country(struct oa_reader *r, const struct tf_json_val *code,
                       const struct tf_json_val *org, const struct work_ctx *cx, size_t i,
                       struct tf_error *err)
{
    tf_country c;
    if (code->kind == TF_JSON_ABSENT || code->kind == TF_JSON_NULL)
        return 0;
    if (code->kind != TF_JSON_STRING || code->len != 2 || tf_country_parse(code->s, 2, &c) < 0 ||
        !tf_country_valid(c))
        return bad_country(r, code, cx, i, err);
    unsigned idx = (unsigned)((c >> 8) - 'A') * 26 + (unsigned)((c & 0xff) - 'A');
    uint64_t bit = UINT64_C(1) << (idx % 64);
    if (!(r->seen[idx / 64] & bit)) {
        r->seen[idx / 64] |= bit;
        r->slot_of[idx] = (uint16_t)r->n_found;
        r->found[r->n_found++] = (struct country_slot){c, 0, 0};
    }
    struct country_slot *s = &r->found[r->slot_of[idx]];
    if (!s->has_org && org && org->kind == TF_JSON_STRING &&
        tf_org_parse(org->s, org->len, &s->org) == 0)
        s->has_org = 1;
    return 0;
}

/* One observation per country found, in code order, weights summing to one unit. */
static int emit(struct oa_reader *r, uint64_t person, const struct work_ctx *cx)
{
    size_t k = r->n_found;
    uint32_t base = TF_WEIGHT_UNIT / (uint32_t)k, extra = TF_WEIGHT_UNIT % (uint32_t)k;
    if (tf_grow((void **)&r->obs, &r->cap_obs, r->n_obs + k, sizeof(*r->obs)) < 0)
        return TF_ERR_NOMEM;
    size_t rank = 0;
    for (size_t wd = 0; wd < N_CODE_WORDS; wd++) {
        for (uint64_t bits = r->seen[wd]; bits; bits &= bits - 1) {
            unsigned idx = (unsigned)(wd * 64) + (unsigned)__builtin_ctzll(bits);
            const struct country_slot *s = &r->found[r->slot_of[idx]];
            struct tf_obs *o = &r->obs[r->n_obs++];
            memset(o, 0, sizeof(*o));
            o->person = person;
            o->work = cx->work;
            o->org = s->has_org ? s->org : 0;
            o->weight = base + (rank++ < extra);
            o->year = cx->year;
            o->country = s->country;
            o->kind = TF_KIND_PUBLICATION;
        }
    }
    return 0;
}

/* The author's ORCID iD as the person when it has a valid one (--link orcid), else `person`. */
static uint64_t linked_person(const struct tf_json_authorship *a, uint64_t person)
{
    uint64_t key;
    if (a->orcid.kind == TF_JSON_STRING && tf_person_parse(a->orcid.s, a->orcid.len, &key) == 0 &&
        key >> 60 == TF_PERSON_ORCID)
        return key;
    return person;
}

static int add_authorship(struct oa_reader *r, const struct work_ctx *cx, size_t i,
                          struct tf_error *err)
{
    const struct tf_json_work *w = cx->w;
    const struct tf_json_authorship *a = &w->authorships[i];
    uint64_t person;
    int rc = 0;
    if (a->author_id.kind != TF_JSON_STRING ||
        tf_person_parse(a->author_id.s, a->author_id.len, &person) < 0)
        return skip_authorship(r, TF_SKIP_NO_AUTHOR_ID, cx, i, "no author id", err);
    countries_reset(r);
    for (size_t k = 0; k < a->n_inst && rc == 0; k++) {
        const struct tf_json_institution *in = &w->institutions[a->inst + k];
        rc = add_country(r, &in->country_code, &in->id, cx, i, err);
    }
    if (r->n_found == 0)
        for (size_t k = 0; k < a->n_countries && rc == 0; k++)
            rc = add_country(r, &w->countries[a->country + k], NULL, cx, i, err);
    if (rc < 0)
        return rc;
    if (r->n_found == 0)
        return skip_authorship(r, TF_SKIP_NO_COUNTRY, cx, i, "no valid country", err);
    return emit(r, r->link_orcid ? linked_person(a, person) : person, cx);
}

/* ---- records ------------------------------------------------------------ */

/*
 * The line doc[off] is on. Newlines are counted from the last place asked
 * about, so reading a pretty-printed page from start to end counts each
 * newline once.
 */
static uint64_t line_at(struct oa_reader *r, size_t off)
{
    if (off > r->doc_len)
        off = r->doc_len;
    if (off < r->count_off) {
        r->count_off = 0;
        r->count_line = r->doc_line;
    }
    const char *p = r->doc + r->count_off, *end = r->doc + off;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        r->count_line++;
        p++;
    }
    r->count_off = off;
    return r->count_line;
}

static int fill_info(struct oa_reader *r, const struct work_ctx *cx, struct tf_work_info *info)
{
    const struct tf_json_work *w = cx->w;
    info->work = cx->work;
    const struct tf_json_source *src = id_number(&w->venue.id) ? &w->venue : &w->host_venue;
    info->venue = id_number(&src->id);
    issn_text(&src->issn_l, info->venue_issn_l);
    info->venue_name = src->name.kind == TF_JSON_STRING ? src->name.s : NULL;
    info->venue_name_len = info->venue_name ? src->name.len : 0;
    info->cited_by_count = count_of(&w->cited_by_count);
    info->year = cx->year;
    info->updated = updated_stamp(&w->updated);
    info->whole = 1;
    if (tf_grow((void **)&r->topics, &r->cap_topics, w->n_topics, sizeof(*r->topics)) < 0 ||
        tf_grow((void **)&r->concepts, &r->cap_concepts, w->n_concepts, sizeof(*r->concepts)) < 0)
        return TF_ERR_NOMEM;
    for (size_t i = 0; i < w->n_topics; i++) {
        const struct tf_json_topic *t = &w->topics[i];
        r->topics[i] =
            (struct tf_topic){id_number(&t->id), id_number32(&t->subfield), id_number32(&t->field),
                              id_number32(&t->domain), (float)t->score};
    }
    for (size_t i = 0; i < w->n_concepts; i++) {
        const struct tf_json_concept *c = &w->concepts[i];
        int level = c->level.kind == TF_JSON_INT && c->level.i >= 0 && c->level.i < 100
                        ? (int)c->level.i
                        : -1;
        r->concepts[i] = (struct tf_concept){id_number(&c->id), (float)c->score, level};
    }
    info->n_topics = w->n_topics;
    info->topics = r->topics;
    info->n_concepts = w->n_concepts;
    info->concepts = r->concepts;
    return 0;
}

static int make_record(struct oa_reader *r, const struct tf_json_work *w, struct tf_record *rec,
                       struct tf_error *err)
{
    struct work_ctx cx = {w, 0, line_at(r, w->offset), (int16_t)work_year(&w->year)};
    int rc = 0;
    if (w->id.kind == TF_JSON_STRING && tf_work_parse(w->id.s, w->id.len, &cx.work) < 0)
        cx.work = 0;
    memset(rec, 0, sizeof(*rec));
    rec->line = cx.line;
    if (fill_info(r, &cx, &rec->info) < 0)
        return tf_error_set(err, TF_ERR_NOMEM, r->path, cx.line, "out of memory");
    r->n_obs = 0;
    if (cx.year == 0)
        rc = skip_year(r, &cx, err);
    for (size_t i = 0; cx.year != 0 && i < w->n_authorships && rc == 0; i++)
        rc = add_authorship(r, &cx, i, err);
    if (rc == TF_ERR_NOMEM)
        return tf_error_set(err, rc, r->path, cx.line, "out of memory");
    if (rc < 0)
        return rc;
    rec->obs = r->obs;
    rec->n_obs = r->n_obs;
    rec->names = NULL;
    return 1;
}

/* ---- documents ---------------------------------------------------------- */

static int truncated(struct oa_reader *r, const struct tf_error *lerr, struct tf_error *err)
{
    r->mode = MODE_END;
    r->doc_open = 0;
    if (r->strict) {
        if (err) {
            *err = *lerr;
            err->code = TF_ERR_DATA;
        }
        return TF_ERR_DATA;
    }
    tf_skips_add(r->skips, TF_SKIP_TRUNCATED_GZIP, r->path, lerr->line, NULL);
    return 0;
}

static int open_doc(struct oa_reader *r, const char *doc, size_t len, uint64_t line,
                    struct tf_error *err);

/* Reads the rest of the input, from the first line on, as one document. */
static int read_whole(struct oa_reader *r, struct tf_error *err)
{
    struct tf_error lerr;
    int rc = oa_frame_rest(&r->fr, &lerr, err);
    if (rc == TF_ERR_FORMAT)
        return truncated(r, &lerr, err);
    if (rc <= 0) {
        r->mode = MODE_END;
        return rc;
    }
    r->mode = MODE_WHOLE;
    r->whole_results = 0;
    const char *data = r->fr.rest;
    size_t len = r->fr.rest_len;
    oa_skip_bom(&data, &len);
    return open_doc(r, data, len, r->fr.rest_line, err);
}

/*
 * Handles a result of the shim other than a work: the end of a document,
 * a value that is not a work, or a broken document. Returns 0 to go on or a
 * negative status.
 */
static int doc_result(struct oa_reader *r, int rc, struct tf_error *err)
{
    enum oa_mode mode = r->mode;
    if (mode == MODE_FIRST) {
        r->mode = MODE_LINES;
        if (rc == TF_JSON_MALFORMED && oa_looks_like_opening(r->first, r->first_len)) {
            r->doc_open = 0;
            return read_whole(r, err);
        }
    }
    if (rc == TF_JSON_END) {
        r->doc_open = 0;
        return 0;
    }
    if (rc == TF_JSON_NOMEM || rc == TF_JSON_INTERNAL) {
        r->doc_open = 0;
        return tf_error_set(err, rc == TF_JSON_NOMEM ? TF_ERR_NOMEM : TF_ERR_INTERNAL, r->path,
                            r->doc_line, "JSON document of %zu bytes: %s", r->doc_len,
                            tf_json_message(r->json));
    }
    uint64_t line = line_at(r, tf_json_offset(r->json));
    if (rc == TF_JSON_NOT_A_WORK) {
        r->whole_results++;
        return skip(r, TF_SKIP_NOT_A_WORK, line, "valid JSON but not a work object", err);
    }
    r->doc_open = 0;
    if (mode == MODE_WHOLE && r->whole_results == 0) {
        r->mode = MODE_SPLIT;
        return 0;
    }
    return skip(r, rc == TF_JSON_BAD_UTF8 ? TF_SKIP_INVALID_UTF8 : TF_SKIP_MALFORMED_JSON, line,
                tf_json_message(r->json), err);
}

static int open_doc(struct oa_reader *r, const char *doc, size_t len, uint64_t line,
                    struct tf_error *err)
{
    r->doc = doc;
    r->doc_len = len;
    r->doc_line = line;
    r->count_off = 0;
    r->count_line = line;
    int rc = tf_json_open_doc(r->json, doc, len);
    r->doc_open = rc == TF_JSON_END;
    return r->doc_open ? 0 : doc_result(r, rc, err);
}

/* Opens the next document. Returns 1 when one was opened or handled, 0 at the end, or < 0. */
static int next_doc(struct oa_reader *r, struct tf_error *err)
{
    const char *s = NULL;
    size_t len = 0;
    uint64_t line = 0;
    struct tf_error lerr;
    int rc = r->mode == MODE_WHOLE || r->mode == MODE_END
                 ? 0
                 : oa_frame_next(&r->fr, r->mode == MODE_SPLIT, &s, &len, &line, &lerr, err);
    if (rc == TF_ERR_FORMAT)
        rc = truncated(r, &lerr, err);
    if (rc <= 0) {
        if (rc == 0)
            r->mode = MODE_END;
        return rc;
    }
    r->first = s;
    r->first_len = len;
    rc = open_doc(r, s, len, line, err);
    return rc < 0 ? rc : 1;
}

/* ---- the reader --------------------------------------------------------- */

static int oa_next(void *impl, struct tf_record *rec, struct tf_error *err)
{
    struct oa_reader *r = impl;
    for (;;) {
        int rc;
        if (!r->doc_open) {
            rc = next_doc(r, err);
            if (rc <= 0)
                return rc;
            continue;
        }
        const struct tf_json_work *w = NULL;
        rc = tf_json_next_work(r->json, &w);
        if (rc == TF_JSON_WORK) {
            if (r->mode == MODE_FIRST)
                r->mode = MODE_LINES;
            r->whole_results++;
            return make_record(r, w, rec, err);
        }
        rc = doc_result(r, rc, err);
        if (rc < 0)
            return rc;
    }
}

static uint64_t oa_bytes(const void *impl)
{
    return tf_lines_raw_bytes(((const struct oa_reader *)impl)->fr.lines);
}

static int oa_crc(void *impl, uint32_t *crc)
{
    return tf_lines_file_crc(((struct oa_reader *)impl)->fr.lines, crc);
}

static void oa_free(void *impl)
{
    struct oa_reader *r = impl;
    if (!r)
        return;
    tf_lines_free(r->fr.lines);
    tf_json_free(r->json);
    free(r->obs);
    free(r->topics);
    free(r->concepts);
    free(r->own_skips);
    free(r);
}

static const struct tf_reader_ops oa_ops = {oa_next, oa_bytes, oa_crc, oa_free};

int tf_openalex_open(void **impl, const struct tf_reader_ops **ops, const char *path,
                     const struct tf_source_opts *opts, struct tf_skips *skips,
                     struct tf_error *err)
{
    int rc = TF_ERR_NOMEM;
    struct oa_reader *r = calloc(1, sizeof(*r));
    *impl = NULL;
    if (!r || (!skips && !(r->own_skips = calloc(1, sizeof(*r->own_skips)))) ||
        tf_json_new(&r->json) < 0) {
        tf_error_set(err, rc, path, 0, "out of memory");
        goto out;
    }
    r->skips = skips ? skips : r->own_skips;
    r->strict = opts->strict;
    r->link_orcid = opts->link_orcid;
    r->mode = MODE_FIRST;
    if ((rc = tf_lines_open(&r->fr.lines, path, opts->max_line, err)) < 0)
        goto out;
    if (opts->read_ahead)
        tf_lines_read_ahead(r->fr.lines); /* or read in line */
    r->path = tf_lines_path(r->fr.lines);
    r->fr.path = r->path;
    r->fr.skips = r->skips;
    r->fr.strict = r->strict;
    r->fr.first = 1;
    *impl = r;
    *ops = &oa_ops;
    r = NULL;
out:
    oa_free(r);
    return rc < 0 ? rc : 0;
}
