/*
 * csv.c - observations from CSV files (RFC 4180).
 *
 * The first non-blank record is the header. It must name the columns
 * person, year and country and may name weight, kind, org and work, in any
 * order and any case; other columns are ignored. Every later record is one
 * observation.
 *
 * Records are split by a byte-level state machine fed one line at a time by
 * tf_lines, so a quoted field may hold commas, doubled quotes and newlines:
 * while a quote is open at the end of a line, the next line continues the
 * record (a quoted "\r\n" is kept as "\n"). Fields are decoded into one
 * reusable buffer, each followed by a NUL, so hashed person ids can be handed
 * out as names without copying and nothing is allocated per row once the
 * buffers have grown.
 *
 * Spaces and tabs around unquoted fields, and outside the quotes of quoted
 * ones, are dropped: the values are ids, codes and numbers, where a stray
 * space after a comma would otherwise silently make a different person.
 * Quoted content is kept exactly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/lines.h"
#include "sources/reader.h"
#include "util/buf.h"
#include "util/csvtok.h"

enum csv_col { COL_PERSON, COL_YEAR, COL_COUNTRY, COL_WEIGHT, COL_KIND, COL_ORG, COL_WORK, N_COLS };

static const char *const col_names[N_COLS] = {
    "person", "year", "country", "weight", "kind", "org", "work",
};

#define N_REQUIRED 3 /* person, year, country come first in enum csv_col */

/* What went wrong with the current record while splitting it, if anything. */
enum record_fault {
    FAULT_NONE,
    FAULT_QUOTING,
    FAULT_NUL,
    FAULT_UTF8,
    FAULT_UNTERMINATED,
    FAULT_TOO_LONG,
    FAULT_DROPPED, /* the line reader dropped one of its lines (and counted it) */
};

struct csv_reader {
    struct tf_lines *lines;
    const char *path;
    struct tf_skips *skips;     /* the caller's, or own_skips */
    struct tf_skips *own_skips; /* allocated when the caller passes none */
    int strict;
    int eof;
    int truncated;        /* the input ended in a truncated gzip member */
    int dropped;          /* the line reader skipped an over-long line before this one */
    int at_start;         /* no line read yet: a BOM may follow */
    size_t max_record;    /* cap on the decoded bytes of one record */
    struct tf_error lerr; /* the line reader's errors, kept to count a truncation */

    /* the record being split */
    struct tf_csvtok tok;
    enum record_fault fault;
    uint64_t line; /* where the record starts */

    /* the header */
    size_t n_cols;
    long col[N_COLS]; /* field index of each column, -1 when absent */

    /* the record handed out */
    struct tf_obs obs;
    const char *names[1];
};

static int is_blank(int c)
{
    return c == ' ' || c == '\t';
}

/* ---- UTF-8 -------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len = c < 0xc2 ? 0 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf5 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    /* overlong forms, surrogates and code points past U+10FFFF */
    if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f))
        return 0;
    if ((c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
        return 0;
    return len;
}

static int utf8_valid(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_seq(s + i, n - i);
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

/* ---- splitting ---------------------------------------------------------- */

static void record_begin(struct csv_reader *csv, uint64_t line)
{
    tf_csvtok_begin(&csv->tok);
    csv->fault = FAULT_NONE;
    csv->line = line;
}

/*
 * Past the record cap the record is marked too long and its text dropped,
 * so the tokeniser can still find where it ends.
 */
static void cap_record(struct csv_reader *csv, size_t len)
{
    if (csv->tok.text.len + len > csv->max_record) {
        if (csv->fault != FAULT_DROPPED)
            csv->fault = FAULT_TOO_LONG;
        tf_csvtok_drop(&csv->tok);
    }
}

/*
 * Splits one line into the current record. Returns 1 when the record is
 * complete, 0 when a quoted field goes on to the next line, or
 * TF_ERR_NOMEM.
 */
static int split_line(struct csv_reader *csv, const char *s, size_t len)
{
    if (csv->fault == FAULT_NONE && !utf8_valid(s, len))
        csv->fault = FAULT_UTF8;
    /* fields are handed out as C strings (names), which a NUL would cut */
    if (csv->fault == FAULT_NONE && memchr(s, '\0', len))
        csv->fault = FAULT_NUL;
    cap_record(csv, len);
    int rc = tf_csvtok_line(&csv->tok, s, len);
    if (csv->fault == FAULT_NONE && csv->tok.bad_quoting)
        csv->fault = FAULT_QUOTING;
    return rc;
}

/* ---- lines -------------------------------------------------------------- */

/* Reports a record-level problem: counted as a skip, or an error when strict. */
static int skip_row(struct csv_reader *csv, int reason, uint64_t line, const char *detail,
                    struct tf_error *err)
{
    if (csv->strict)
        return tf_error_set(err, TF_ERR_DATA, csv->path, line, "%s%s%s", tf_skip_name(reason),
                            detail ? ": " : "", detail ? detail : "");
    tf_skips_add(csv->skips, reason, csv->path, line, detail);
    return 0;
}

/*
 * Notes whether the line reader dropped an over-long line; in strict mode
 * that is an error.
 */
static int check_long_lines(struct csv_reader *csv, uint64_t before, struct tf_error *err)
{
    uint64_t n = csv->skips->n[TF_SKIP_LINE_TOO_LONG];
    csv->dropped = n != before;
    if (!csv->strict || n == before)
        return 0;
    /* Name the first line skipped by this read, not the last. */
    uint64_t line = before < TF_SKIP_EXAMPLES
                        ? csv->skips->first[TF_SKIP_LINE_TOO_LONG][before].line
                        : tf_lines_lineno(csv->lines);
    return tf_error_set(err, TF_ERR_DATA, csv->path, line, "%s",
                        tf_skip_name(TF_SKIP_LINE_TOO_LONG));
}

/* A truncated gzip member ends the input: counted, or an error when strict. */
static int truncated(struct csv_reader *csv, const struct tf_error *lerr, struct tf_error *err)
{
    csv->eof = 1;
    csv->truncated = 1;
    if (csv->strict) {
        if (err) {
            *err = *lerr;
            err->code = TF_ERR_DATA;
        }
        return TF_ERR_DATA;
    }
    tf_skips_add(csv->skips, TF_SKIP_TRUNCATED_GZIP, csv->path, lerr->line, NULL);
    return 0;
}

/*
 * The next line (the line reader drops "\n" and a "\r" before it), on the
 * first line without a UTF-8 byte order mark. Returns 1, 0 at the end, or a
 * negative status.
 */
static int next_line(struct csv_reader *csv, const char **s, size_t *len, struct tf_error *err)
{
    if (csv->eof)
        return 0;
    uint64_t long_before = csv->skips->n[TF_SKIP_LINE_TOO_LONG];
    int rc = tf_lines_next(csv->lines, s, len, csv->skips, &csv->lerr);
    if (rc == TF_ERR_FORMAT)
        return truncated(csv, &csv->lerr, err);
    if (rc < 0) {
        if (err)
            *err = csv->lerr;
        return rc;
    }
    if (rc == 0)
        csv->eof = 1;
    int lrc = check_long_lines(csv, long_before, err);
    if (lrc < 0 || rc == 0)
        return lrc;
    if (csv->at_start && *len >= 3 && memcmp(*s, "\xef\xbb\xbf", 3) == 0) {
        *s += 3;
        *len -= 3;
    }
    csv->at_start = 0;
    return 1;
}

static int blank_line(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!is_blank((unsigned char)s[i]))
            return 0;
    return 1;
}

/*
 * Reads the next record into csv->tok. Returns 1 for a record (possibly
 * with a fault), 0 at the end, or a negative status.
 */
static int read_record(struct csv_reader *csv, struct tf_error *err)
{
    const char *s;
    size_t len;
    int in_record = 0;
    for (;;) {
        int rc = next_line(csv, &s, &len, err);
        if (rc < 0)
            return rc;
        if (rc == 0) {
            /* a record cut by a truncated member is dropped: the truncation
               is what gets counted */
            if (!in_record || csv->truncated)
                return 0;
            csv->fault = FAULT_UNTERMINATED;
            return 1;
        }
        if (!in_record) {
            if (blank_line(s, len))
                continue;
            record_begin(csv, tf_lines_lineno(csv->lines));
            in_record = 1;
        } else if (csv->dropped) {
            csv->fault = FAULT_DROPPED; /* a record with a hole; counted once, as the line */
        }
        rc = split_line(csv, s, len);
        if (rc != 0)
            return rc;
    }
}

/* ---- rows --------------------------------------------------------------- */

/*
 * Writes `col "value"` into out for a skip detail, shortened at a UTF-8
 * boundary and with control characters shown as '?'.
 */
static const char *value_detail(char out[128], const char *col, const char *s, size_t len)
{
    size_t max = 80, n = len;
    if (n > max) {
        n = max;
        while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
    }
    int k = snprintf(out, 128, "%s \"", col);
    for (size_t i = 0; i < n && k < 120; i++)
        out[k++] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
    snprintf(out + k, (size_t)(128 - k), "%s\"", n < len ? "..." : "");
    return out;
}

/* The value of column `c` as a NUL-terminated string, "" when absent. */
static const char *field(const struct csv_reader *csv, enum csv_col c, size_t *len)
{
    if (csv->col[c] < 0) {
        *len = 0;
        return "";
    }
    return tf_csvtok_field(&csv->tok, (size_t)csv->col[c], len);
}

static int parse_year(const char *s, size_t len, int16_t *out)
{
    long y = 0;
    if (len == 0 || len > 4)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        y = y * 10 + (s[i] - '0');
    }
    if (y < TF_YEAR_MIN || y > TF_YEAR_MAX)
        return -1;
    *out = (int16_t)y;
    return 0;
}

/* Reports a skip for the bad value of column `c`. */
static int bad_value(struct csv_reader *csv, int reason, enum csv_col c, struct tf_error *err)
{
    char detail[128];
    size_t len;
    const char *s = field(csv, c, &len);
    return skip_row(csv, reason, csv->line, value_detail(detail, col_names[c], s, len), err);
}

/* Person, year and country: the columns every row must have right. */
static int row_required(struct csv_reader *csv, struct tf_obs *o, struct tf_error *err)
{
    size_t len;
    const char *s = field(csv, COL_PERSON, &len);
    if (tf_person_parse(s, len, &o->person) < 0)
        return bad_value(csv, TF_SKIP_BAD_PERSON, COL_PERSON, err);
    s = field(csv, COL_YEAR, &len);
    if (parse_year(s, len, &o->year) < 0)
        return bad_value(csv, TF_SKIP_BAD_YEAR, COL_YEAR, err);
    s = field(csv, COL_COUNTRY, &len);
    if (tf_country_parse(s, len, &o->country) < 0)
        return bad_value(csv, TF_SKIP_BAD_COUNTRY, COL_COUNTRY, err);
    return 1;
}

/* Weight, kind, org and work: an empty or absent value takes the default. */
static int row_optional(struct csv_reader *csv, struct tf_obs *o, struct tf_error *err)
{
    size_t len;
    const char *s = field(csv, COL_WEIGHT, &len);
    o->weight = TF_WEIGHT_UNIT;
    if (len && tf_weight_parse(s, len, &o->weight) < 0)
        return bad_value(csv, TF_SKIP_BAD_WEIGHT, COL_WEIGHT, err);
    s = field(csv, COL_KIND, &len);
    o->kind = TF_KIND_PUBLICATION;
    if (len && tf_kind_parse(s, len, &o->kind) < 0)
        return bad_value(csv, TF_SKIP_BAD_KIND, COL_KIND, err);
    s = field(csv, COL_ORG, &len);
    if (len)
        tf_org_parse(s, len, &o->org);
    s = field(csv, COL_WORK, &len);
    if (len)
        tf_work_parse(s, len, &o->work);
    return 1;
}

/* Faults found while splitting, and the field count. Returns 1 when the row is sound. */
static int row_shape(struct csv_reader *csv, struct tf_error *err)
{
    char detail[64];
    switch (csv->fault) {
    case FAULT_NONE:
        break;
    case FAULT_UTF8:
        return skip_row(csv, TF_SKIP_INVALID_UTF8, csv->line, NULL, err);
    case FAULT_TOO_LONG:
        return skip_row(csv, TF_SKIP_LINE_TOO_LONG, csv->line, "record too long", err);
    case FAULT_DROPPED:
        return 0;
    case FAULT_NUL:
        return skip_row(csv, TF_SKIP_BAD_CSV_ROW, csv->line, "NUL byte", err);
    case FAULT_QUOTING:
        return skip_row(csv, TF_SKIP_BAD_CSV_ROW, csv->line, "text after a closing quote", err);
    case FAULT_UNTERMINATED:
        return skip_row(csv, TF_SKIP_BAD_CSV_ROW, csv->line, "unterminated quote", err);
    }
    if (csv->tok.n_fields == csv->n_cols)
        return 1;
    snprintf(detail, sizeof(detail), "%zu fields, header has %zu", csv->tok.n_fields, csv->n_cols);
    return skip_row(csv, TF_SKIP_BAD_CSV_ROW, csv->line, detail, err);
}

/* Turns the current record into csv->obs. Returns 1, 0 when skipped, or an error. */
static int row_to_obs(struct csv_reader *csv, struct tf_error *err)
{
    struct tf_obs *o = &csv->obs;
    memset(o, 0, sizeof(*o));
    int rc = row_shape(csv, err);
    if (rc > 0)
        rc = row_required(csv, o, err);
    if (rc > 0)
        rc = row_optional(csv, o, err);
    return rc;
}

static void fill_record(struct csv_reader *csv, struct tf_record *rec)
{
    memset(rec, 0, sizeof(*rec));
    rec->info.work = csv->obs.work;
    rec->info.year = csv->obs.year;
    rec->info.cited_by_count = -1;
    rec->obs = &csv->obs;
    rec->n_obs = 1;
    rec->line = csv->line;
    if (csv->obs.person >> 60 == TF_PERSON_HASHED) {
        size_t len;
        csv->names[0] = field(csv, COL_PERSON, &len);
        rec->names = csv->names;
    }
}

static int csv_next(void *impl, struct tf_record *rec, struct tf_error *err)
{
    struct csv_reader *csv = impl;
    for (;;) {
        int rc = read_record(csv, err);
        if (rc <= 0)
            return rc;
        rc = row_to_obs(csv, err);
        if (rc < 0)
            return rc;
        if (rc > 0) {
            fill_record(csv, rec);
            return 1;
        }
    }
}

/* ---- header and lifecycle ------------------------------------------------ */

static int name_is(const char *s, size_t len, const char *name)
{
    if (strlen(name) != len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != name[i])
            return 0;
    }
    return 1;
}

/* Finds the known columns in the header record. */
static int map_columns(struct csv_reader *csv, struct tf_error *err)
{
    for (int c = 0; c < N_COLS; c++)
        csv->col[c] = -1;
    for (size_t i = 0; i < csv->tok.n_fields; i++) {
        size_t len;
        const char *s = tf_csvtok_field(&csv->tok, i, &len);
        for (int c = 0; c < N_COLS; c++) {
            if (!name_is(s, len, col_names[c]))
                continue;
            if (csv->col[c] >= 0)
                return tf_error_set(err, TF_ERR_FORMAT, csv->path, csv->line,
                                    "column \"%s\" appears twice in the header", col_names[c]);
            csv->col[c] = (long)i;
        }
    }
    csv->n_cols = csv->tok.n_fields;
    return 0;
}

/* Names every missing required column in one error. */
static int check_required(struct csv_reader *csv, struct tf_error *err)
{
    char missing[64] = "";
    size_t n = 0;
    for (int c = 0; c < N_REQUIRED; c++) {
        if (csv->col[c] >= 0)
            continue;
        size_t have = strlen(missing);
        snprintf(missing + have, sizeof(missing) - have, "%s%s", n++ ? ", " : "", col_names[c]);
    }
    if (n == 0)
        return 0;
    return tf_error_set(err, TF_ERR_FORMAT, csv->path, csv->line,
                        "CSV header lacks required column%s %s (needs person, year, country)",
                        n > 1 ? "s" : "", missing);
}

static int read_header(struct csv_reader *csv, struct tf_error *err)
{
    int rc = read_record(csv, err);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return tf_error_set(err, TF_ERR_FORMAT, csv->path, 0,
                            "%s: no header row (needs person, year, country)",
                            csv->truncated ? "truncated gzip" : "empty CSV file");
    if (csv->fault != FAULT_NONE)
        return tf_error_set(err, TF_ERR_FORMAT, csv->path, csv->line, "malformed CSV header row");
    rc = map_columns(csv, err);
    return rc < 0 ? rc : check_required(csv, err);
}

static uint64_t csv_bytes(const void *impl)
{
    return tf_lines_raw_bytes(((const struct csv_reader *)impl)->lines);
}

static int csv_crc(void *impl, uint32_t *crc)
{
    return tf_lines_file_crc(((struct csv_reader *)impl)->lines, crc);
}

static void csv_free(void *impl)
{
    struct csv_reader *csv = impl;
    if (!csv)
        return;
    tf_lines_free(csv->lines);
    tf_csvtok_release(&csv->tok);
    free(csv->own_skips);
    free(csv);
}

static const struct tf_reader_ops csv_ops = {csv_next, csv_bytes, csv_crc, csv_free};

#define DEFAULT_MAX_RECORD ((size_t)1 << 30)

int tf_csv_open(void **impl, const struct tf_reader_ops **ops, const char *path,
                const struct tf_source_opts *opts, struct tf_skips *skips, struct tf_error *err)
{
    int rc = TF_ERR_NOMEM;
    struct csv_reader *csv = calloc(1, sizeof(*csv));
    *impl = NULL;
    if (!csv || (!skips && !(csv->own_skips = calloc(1, sizeof(*csv->own_skips))))) {
        tf_error_set(err, rc, path, 0, "out of memory");
        goto out;
    }
    csv->skips = skips ? skips : csv->own_skips;
    csv->strict = opts->strict;
    csv->at_start = 1;
    csv->max_record = opts->max_line ? opts->max_line : DEFAULT_MAX_RECORD;
    tf_csvtok_init(&csv->tok);
    if ((rc = tf_lines_open(&csv->lines, path, opts->max_line, err)) < 0)
        goto out;
    if (opts->read_ahead)
        tf_lines_read_ahead(csv->lines); /* or read in line */
    csv->path = tf_lines_path(csv->lines);
    if ((rc = read_header(csv, err)) < 0)
        goto out;
    *impl = csv;
    *ops = &csv_ops;
    csv = NULL;
out:
    csv_free(csv);
    return rc < 0 ? rc : 0;
}
