/*
 * orcid.c - observations from ORCID records: single record files (.xml,
 * .json, gzipped or not), and tarballs of them such as ORCID's annual
 * public data file, read member by member without unpacking.
 *
 * Every input goes through libarchive: a tar (plain or gzipped) gives its
 * members, anything else is read by libarchive's "raw" format as one member.
 * So a file and a tar member take the same path, and skips name the file,
 * or "archive:member" for a member, with the line in it. In a tar, members
 * whose names end in .xml or .json are read; folders and other files (a
 * README) are passed over.
 *
 * Each document is one record. Its first byte that is not white space or a
 * byte order mark decides the parser: '{' or '[' JSON (read whole, parsed by
 * orcid_json.c), anything else XML (streamed through expat, orcid_xml.c).
 * One record is returned per well-formed ORCID record with a valid iD, with
 * the observations of orcid_obs.c (possibly none). Error bodies, other
 * documents, malformed ones and records without a valid iD are skipped and
 * counted. A tar (or gzip) that ends early or is corrupt ends the input:
 * counted as bad_archive (truncated_gzip for a gzipped single file), or an
 * error when strict.
 */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/stream.h"
#include "sources/orcid/orcid_doc.h"
#include "sources/reader.h"
#include "util/buf.h"
#include "util/json.h"

/* libarchive's errno for an unrecognised format (ARCHIVE_ERRNO_FILE_FORMAT, not exported) */
#ifdef EFTYPE
#define FORMAT_ERRNO EFTYPE
#else
#define FORMAT_ERRNO EILSEQ
#endif

#define CHUNK ((size_t)64 << 10)
#define DEFAULT_MAX_DOC ((size_t)1 << 30)

struct orcid_reader {
    struct archive *ar;
    char *path;
    int fd;                     /* the open input; 0 for standard input, which is not closed */
    struct tf_skips *skips;     /* the caller's, or own_skips */
    struct tf_skips *own_skips; /* allocated when the caller passes none */
    int strict;
    int eof;
    int raw;        /* the input is one document, not a tar */
    int is_json;    /* the member being read is JSON */
    size_t max_doc; /* longest JSON document accepted */
    char place[1024];
    struct orcid_skipper sk;

    struct orcid_doc doc;
    struct orcid_xml *xml;
    struct tf_buf json;
    struct orcid_obs obs;
    char chunk[CHUNK];
    uint32_t crc;       /* CRC-32 of the file's bytes read so far */
    int read_failed;    /* read(2) failed: the file's bytes are not all known */
    char raw_in[CHUNK]; /* what libarchive reads the file through */
};

static int ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), k = strlen(end);
    return n >= k && strcmp(s + n - k, end) == 0;
}

/* The input ends early: counted (or an error when strict), and nothing more is read. */
static int broken(struct orcid_reader *r, struct tf_error *err)
{
    int gz = r->raw && archive_filter_code(r->ar, 0) == ARCHIVE_FILTER_GZIP;
    const char *why = archive_error_string(r->ar);
    r->eof = 1;
    return orcid_skip(&r->sk, gz ? TF_SKIP_TRUNCATED_GZIP : TF_SKIP_BAD_ARCHIVE, 0,
                      why ? why : "read error", err);
}

/* Position of the first byte that is not white space or a byte order mark. */
static size_t content_start(const char *s, size_t n)
{
    size_t i = n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    return i;
}

/*
 * Streams the rest of the member through expat, `have` bytes of it already
 * in r->chunk. Returns 1 when read, 0 when the archive broke (counted), or
 * a negative status.
 */
static int read_xml(struct orcid_reader *r, la_ssize_t have, struct tf_error *err)
{
    orcid_xml_begin(r->xml, &r->doc);
    int bad = 0;
    while (have > 0) {
        if (!bad) {
            int rc = orcid_xml_feed(r->xml, r->chunk, (size_t)have, 0);
            if (rc == TF_ERR_NOMEM)
                return tf_error_set(err, rc, r->place, 0, "out of memory");
            bad = rc < 0; /* the rest of the member is still drained */
        }
        have = archive_read_data(r->ar, r->chunk, CHUNK);
    }
    if (have < 0)
        return broken(r, err);
    if (!bad && orcid_xml_feed(r->xml, r->chunk, 0, 1) == TF_ERR_NOMEM)
        return tf_error_set(err, TF_ERR_NOMEM, r->place, 0, "out of memory");
    return 1;
}

/* Collects the member as one JSON document and parses it. Same returns as read_xml. */
static int read_json(struct orcid_reader *r, la_ssize_t have, struct tf_error *err)
{
    int too_long = 0;
    tf_buf_reset(&r->json);
    while (have > 0) {
        too_long = too_long || r->json.len + (size_t)have > r->max_doc;
        if (!too_long && tf_buf_add(&r->json, r->chunk, (size_t)have) < 0)
            return tf_error_set(err, TF_ERR_NOMEM, r->place, 0, "out of memory");
        have = archive_read_data(r->ar, r->chunk, CHUNK);
    }
    if (have < 0)
        return broken(r, err);
    if (too_long) {
        char detail[64];
        snprintf(detail, sizeof(detail), "document longer than %zu bytes", r->max_doc);
        int rc = orcid_skip(&r->sk, TF_SKIP_LINE_TOO_LONG, 1, detail, err);
        return rc < 0 ? rc : 0;
    }
    /* tf_buf keeps TF_BUF_SLACK zero bytes after the text: simdjson's padding */
    if (orcid_json_parse(&r->doc, r->json.data ? r->json.data : "", r->json.len) < 0)
        return tf_error_set(err, TF_ERR_NOMEM, r->place, 0, "out of memory");
    return 1;
}

_Static_assert(TF_BUF_SLACK >= TF_JSON_PADDING, "JSON is parsed in the buffer");

/* Reads the current member into r->doc. Same returns as read_xml. */
static int read_member(struct orcid_reader *r, struct tf_error *err)
{
    la_ssize_t have = archive_read_data(r->ar, r->chunk, CHUNK);
    if (have < 0)
        return broken(r, err);
    size_t at = content_start(r->chunk, (size_t)have);
    r->is_json = at < (size_t)have && (r->chunk[at] == '{' || r->chunk[at] == '[');
    if (r->is_json)
        return read_json(r, have, err);
    return read_xml(r, have, err);
}

/* Why a document gives no record, if it does not. Returns 1 for a record. */
static int judge(struct orcid_reader *r, uint64_t *person, struct tf_error *err)
{
    struct orcid_doc *d = &r->doc;
    int rc = 0, json = r->is_json;
    if (d->shape == ORCID_MALFORMED)
        rc = orcid_skip(&r->sk, json ? TF_SKIP_MALFORMED_JSON : TF_SKIP_MALFORMED_XML, d->why_line,
                        d->why, err);
    else if (d->shape == ORCID_ERROR_BODY)
        rc = orcid_skip(&r->sk, TF_SKIP_ORCID_ERROR_BODY, d->line, NULL, err);
    else if (d->shape == ORCID_NOT_RECORD)
        rc = orcid_skip(&r->sk, TF_SKIP_NOT_A_RECORD, d->line, NULL, err);
    else if (orcid_person(d->orcid, person) < 0)
        rc = orcid_skip(&r->sk, TF_SKIP_BAD_PERSON, d->line, d->orcid[0] ? d->orcid : "no iD", err);
    else
        return 1;
    return rc < 0 ? rc : 0;
}

static void fill_record(struct orcid_reader *r, struct tf_record *rec)
{
    memset(rec, 0, sizeof(*rec));
    rec->info.cited_by_count = -1;
    rec->obs = r->obs.v;
    rec->n_obs = r->obs.n;
    rec->line = r->doc.line;
}

/* Moves to the next member to read; 1 when there is one, 0 at the end, or an error. */
static int next_member(struct orcid_reader *r, struct tf_error *err)
{
    struct archive_entry *e;
    for (;;) {
        int rc = archive_read_next_header(r->ar, &e);
        if (rc == ARCHIVE_EOF) {
            r->eof = 1;
            return 0;
        }
        if (rc < ARCHIVE_WARN) {
            rc = broken(r, err);
            return rc < 0 ? rc : 0;
        }
        r->raw = archive_format(r->ar) == ARCHIVE_FORMAT_RAW;
        const char *name = archive_entry_pathname(e);
        if (r->raw) {
            snprintf(r->place, sizeof(r->place), "%s", r->path);
            return 1;
        }
        if (archive_entry_filetype(e) == AE_IFREG && name &&
            (ends_with(name, ".xml") || ends_with(name, ".json"))) {
            snprintf(r->place, sizeof(r->place), "%s:%s", r->path, name);
            return 1;
        }
    }
}

static int orcid_next(void *impl, struct tf_record *rec, struct tf_error *err)
{
    struct orcid_reader *r = impl;
    while (!r->eof) {
        int rc = next_member(r, err);
        if (rc <= 0)
            return rc;
        if ((rc = read_member(r, err)) <= 0) {
            if (rc < 0)
                return rc;
            continue;
        }
        uint64_t person;
        if ((rc = judge(r, &person, err)) <= 0) {
            if (rc < 0)
                return rc;
            continue;
        }
        if ((rc = orcid_doc_obs(&r->doc, person, &r->obs, &r->sk, err)) < 0)
            return rc == TF_ERR_NOMEM ? tf_error_set(err, rc, r->place, 0, "out of memory") : rc;
        fill_record(r, rec);
        return 1;
    }
    return 0;
}

static uint64_t orcid_bytes(const void *impl)
{
    const struct orcid_reader *r = impl;
    la_int64_t n = archive_filter_bytes(r->ar, -1);
    return n > 0 ? (uint64_t)n : 0;
}

static void orcid_free(void *impl)
{
    struct orcid_reader *r = impl;
    if (!r)
        return;
    if (r->ar)
        archive_read_free(r->ar);
    if (r->fd > 0)
        close(r->fd);
    orcid_xml_free(r->xml);
    orcid_doc_release(&r->doc);
    tf_buf_release(&r->json);
    free(r->obs.v);
    free(r->own_skips);
    free(r->path);
    free(r);
}

/* The rest of the file, after libarchive stopped (at the end of the tar), counts too. */
static int orcid_crc(void *impl, uint32_t *crc)
{
    struct orcid_reader *r = impl;
    if (r->fd <= 0 || r->read_failed || tf_crc32_rest(r->fd, &r->crc) < 0)
        return -1;
    *crc = r->crc;
    return 0;
}

static const struct tf_reader_ops orcid_ops = {orcid_next, orcid_bytes, orcid_crc, orcid_free};

/* libarchive's read callback: the file's next bytes, which go into the file's CRC too. */
static la_ssize_t raw_read(struct archive *a, void *client, const void **buf)
{
    struct orcid_reader *r = client;
    ssize_t got;
    do
        got = read(r->fd, r->raw_in, CHUNK);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
        r->read_failed = 1;
        archive_set_error(a, errno, "read failed: %s", strerror(errno));
        return -1;
    }
    r->crc = tf_crc32(r->crc, r->raw_in, (size_t)got);
    *buf = r->raw_in;
    return got;
}

/*
 * Opens the input: the file is opened here, so failing to open it is an I/O
 * error, and then handed to libarchive (tar or raw, gzipped or not). What
 * libarchive refuses at the start is bad input, counted like a break later
 * on: an empty input (the raw format takes anything else; a failed download
 * in a folder of API responses should not stop a run) as
 * not_an_orcid_record, a corrupt one as bad_archive or truncated_gzip. Such
 * an input gives no records.
 */
static int open_archive(struct orcid_reader *r, struct tf_error *err)
{
    r->fd = strcmp(r->path, "-") == 0 ? 0 : open(r->path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0)
        return tf_error_set(err, TF_ERR_IO, r->path, 0, "%s", strerror(errno));
    if (!(r->ar = archive_read_new()))
        return tf_error_set(err, TF_ERR_NOMEM, r->path, 0, "out of memory");
    archive_read_support_filter_gzip(r->ar);
    archive_read_support_format_tar(r->ar);
    archive_read_support_format_raw(r->ar);
#ifdef POSIX_FADV_SEQUENTIAL
    if (r->fd > 0)
        posix_fadvise(r->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    if (archive_read_open(r->ar, r, NULL, raw_read, NULL) == ARCHIVE_OK)
        return 0;
    if (archive_errno(r->ar) != FORMAT_ERRNO)
        return broken(r, err);
    r->eof = 1;
    return orcid_skip(&r->sk, TF_SKIP_NOT_A_RECORD, 0, "empty input", err);
}

int tf_orcid_open(void **impl, const struct tf_reader_ops **ops, const char *path,
                  const struct tf_source_opts *opts, struct tf_skips *skips, struct tf_error *err)
{
    int rc = TF_ERR_NOMEM;
    struct orcid_reader *r = calloc(1, sizeof(*r));
    *impl = NULL;
    if (r)
        r->fd = -1;
    if (!r || !(r->path = strdup(path)) || !(r->xml = orcid_xml_new()) ||
        (!skips && !(r->own_skips = calloc(1, sizeof(*r->own_skips))))) {
        tf_error_set(err, rc, path, 0, "out of memory");
        goto out;
    }
    r->skips = skips ? skips : r->own_skips;
    r->strict = opts->strict;
    r->max_doc = opts->max_line ? opts->max_line : DEFAULT_MAX_DOC;
    r->sk = (struct orcid_skipper){r->skips, r->strict, r->place};
    snprintf(r->place, sizeof(r->place), "%s", path);
    tf_buf_init(&r->json, 0);
    if ((rc = open_archive(r, err)) < 0)
        goto out;
    *impl = r;
    *ops = &orcid_ops;
    r = NULL;
out:
    orcid_free(r);
    return rc < 0 ? rc : 0;
}
