/* test_io.c - byte streams, line splitting and input path expansion. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "io/lines.h"
#include "io/stream.h"
#include "talentflow/source.h"
#include "util/buf.h"

/* ---- helpers ------------------------------------------------------------ */

static const char *data_path(const char *name)
{
    static char path[1024];
    snprintf(path, sizeof(path), "%s/io/%s", TF_TEST_DATA, name);
    return path;
}

static const char *tmp_path(const char *name)
{
    static char path[1024];
    snprintf(path, sizeof(path), "%s/io_%s", TF_TEST_TMP, name);
    return path;
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* Appends one gzip member holding data[0..n) to `out`. */
static void gzip_member(struct tf_buf *out, const char *data, size_t n)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t bound = deflateBound(&z, (uLong)n);
    assert_int_equal(tf_buf_reserve(out, bound), 0);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)out->data + out->len;
    z.avail_out = (uInt)bound;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    out->len += z.total_out;
    deflateEnd(&z);
}

/* Reads a whole stream; returns the final status (0 or negative), bytes in `out`. */
static int read_all(struct tf_stream *s, struct tf_buf *out, struct tf_error *err)
{
    char chunk[4096];
    ssize_t got;
    while ((got = tf_stream_read(s, chunk, sizeof(chunk), err)) > 0)
        assert_int_equal(tf_buf_add(out, chunk, (size_t)got), 0);
    return (int)got;
}

/* Touches the padding after a line, so the sanitizers check it is really there. */
static void touch_padding(const char *line, size_t len)
{
    volatile unsigned sum = 0;
    for (size_t i = 0; i < TF_LINES_PADDING; i++)
        sum += (unsigned char)line[len + i];
    (void)sum;
}

/*
 * Test text: line i is "<i>:" followed by a pseudo-random number of letters
 * (0..max_extra), so lengths vary and lines cross every buffer boundary.
 */
static void make_lines(struct tf_buf *text, size_t n_lines, size_t max_extra)
{
    uint32_t x = 12345;
    for (size_t i = 0; i < n_lines; i++) {
        x = x * 1103515245u + 12345u;
        size_t extra = (x >> 8) % (max_extra + 1);
        assert_int_equal(tf_buf_addf(text, "%zu:", i), 0);
        assert_int_equal(tf_buf_reserve(text, extra + 1), 0);
        for (size_t k = 0; k < extra; k++)
            text->data[text->len++] = (char)('a' + (i + k) % 26);
        text->data[text->len++] = '\n';
        text->data[text->len] = '\0';
    }
}

/* Compares the line at *at in `text` with the one returned, and moves *at past it. */
static void expect_next_line(const struct tf_buf *text, size_t *at, const char *line, size_t len)
{
    const char *start = text->data + *at;
    const char *nl = memchr(start, '\n', text->len - *at);
    assert_non_null(nl);
    assert_int_equal(len, (size_t)(nl - start));
    assert_memory_equal(line, start, len);
    *at += len + 1;
}

/* ---- streams ------------------------------------------------------------ */

struct stream_case {
    const char *file;
    int gzip;
    const char *want; /* bytes expected before the end or the error */
    size_t want_len;
    int final;           /* 0 or the error */
    const char *msg_has; /* substring of the error message */
};

#define S(x) x, sizeof(x) - 1

static const struct stream_case stream_cases[] = {
    {"plain.jsonl", 0,
     S("{\"id\":1,\"x\":\"a\"}\n{\"id\":2,\"x\":\"b\"}\n{\"id\":3,\"x\":\"c\"}\n"), 0, NULL},
    {"single.jsonl.gz", 1,
     S("{\"id\":1,\"x\":\"a\"}\n{\"id\":2,\"x\":\"b\"}\n{\"id\":3,\"x\":\"c\"}\n"), 0, NULL},
    {"multi.jsonl.gz", 1, S("{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n"), 0, NULL},
    {"empty.txt", 0, S(""), 0, NULL},
    {"truncated.jsonl.gz", 1, S("l1\nl2\npart"), TF_ERR_FORMAT,
     "truncated gzip member at byte 30 (input ends at byte 40)"},
    {"corrupt.jsonl.gz", 1, S("x1\ny1\n"), TF_ERR_FORMAT, "corrupt gzip member at byte 26"},
    {"garbage.gz", 1, S("hello\n"), TF_ERR_FORMAT, "corrupt gzip member at byte 26"},
    /* RFC 1952: a reserved FLG bit makes the member invalid, on both inflaters. */
    {"reserved_flag.gz", 1, S(""), TF_ERR_FORMAT,
     "corrupt gzip member at byte 0: reserved header flag bits set (0x80)"},
    {"reserved_flag_second.gz", 1, S("hello\n"), TF_ERR_FORMAT,
     "corrupt gzip member at byte 26: reserved header flag bits set (0x80)"},
};

/* Every case reads the same in line and with read-ahead (ahead = 1). */
static void test_stream_cases(void **state)
{
    (void)state;
    for (size_t k = 0; k < 2 * sizeof(stream_cases) / sizeof(stream_cases[0]); k++) {
        const struct stream_case *c = &stream_cases[k / 2];
        int ahead = (int)(k % 2);
        struct tf_stream *s = NULL;
        struct tf_error err;
        struct tf_buf out;
        tf_error_init(&err);
        tf_buf_init(&out, 0);
        assert_int_equal(tf_stream_open(&s, data_path(c->file), &err), 0);
        if (ahead)
            assert_int_equal(tf_stream_read_ahead(s), 0);
        assert_int_equal(tf_stream_is_gzip(s), c->gzip);
        assert_int_equal(read_all(s, &out, &err), c->final);
        assert_int_equal(out.len, c->want_len);
        if (c->want_len)
            assert_memory_equal(out.data, c->want, c->want_len);
        if (c->final) {
            assert_int_equal(err.code, c->final);
            assert_non_null(strstr(err.msg, c->msg_has));
            assert_non_null(strstr(err.msg, c->file));
            assert_int_equal(err.offset, c->want_len);
            /* Errors are sticky. */
            char b[16];
            assert_int_equal(tf_stream_read(s, b, sizeof(b), &err), c->final);
        } else {
            struct stat st;
            assert_int_equal(stat(data_path(c->file), &st), 0);
            assert_int_equal(tf_stream_raw_bytes(s), (uint64_t)st.st_size);
        }
        /* The checksum is of the whole file, whatever was decoded. */
        struct tf_buf file;
        tf_buf_init(&file, 0);
        FILE *f = fopen(data_path(c->file), "rb");
        assert_non_null(f);
        char chunk[4096];
        for (size_t got; (got = fread(chunk, 1, sizeof(chunk), f)) > 0;)
            assert_int_equal(tf_buf_add(&file, chunk, got), 0);
        fclose(f);
        uint32_t crc = 0;
        assert_int_equal(tf_stream_file_crc(s, &crc), 0);
        assert_int_equal(crc, tf_crc32(0, file.data, file.len));
        tf_buf_release(&file);
        tf_stream_free(s);
        tf_buf_release(&out);
    }
}

/* A bad CRC is found only after the member's data was decoded. */
static void test_stream_bad_crc(void **state)
{
    (void)state;
    struct tf_stream *s = NULL;
    struct tf_error err;
    struct tf_buf out;
    tf_buf_init(&out, 0);
    assert_int_equal(tf_stream_open(&s, data_path("badcrc.gz"), &err), 0);
    assert_int_equal(read_all(s, &out, &err), TF_ERR_FORMAT);
    assert_true(out.len <= 6);
    assert_memory_equal(out.data, "hello\n", out.len);
    assert_non_null(strstr(err.msg, "corrupt gzip member at byte 0"));
    tf_stream_free(s);
    tf_buf_release(&out);
}

static void test_stream_missing(void **state)
{
    (void)state;
    struct tf_stream *s = (struct tf_stream *)&s;
    struct tf_error err;
    assert_int_equal(tf_stream_open(&s, data_path("no-such-file.gz"), &err), TF_ERR_IO);
    assert_null(s);
    assert_int_equal(err.code, TF_ERR_IO);
    assert_non_null(strstr(err.msg, "no-such-file.gz"));
    tf_stream_free(NULL);

    /* A directory opens but cannot be read. */
    struct tf_lines *l = (struct tf_lines *)&l;
    assert_int_equal(tf_lines_open(&l, TF_TEST_DATA, 0, &err), TF_ERR_IO);
    assert_null(l);
    assert_non_null(strstr(err.msg, "read failed"));
}

/* Standard input is sniffed for gzip like a file. */
static void test_stream_stdin_gzip(void **state)
{
    (void)state;
    int saved = dup(STDIN_FILENO);
    int fd = open(data_path("multi.jsonl.gz"), O_RDONLY);
    assert_true(saved >= 0 && fd >= 0);
    assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
    close(fd);

    struct tf_stream *s = NULL;
    struct tf_buf out;
    tf_buf_init(&out, 0);
    assert_int_equal(tf_stream_open(&s, "-", NULL), 0);
    assert_int_equal(tf_stream_read_ahead(s), 0); /* standard input is a regular file here */
    assert_true(tf_stream_is_gzip(s));
    assert_string_equal(tf_stream_path(s), "-");
    assert_int_equal(read_all(s, &out, NULL), 0);
    assert_int_equal(out.len, 27);
    assert_memory_equal(out.data, "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n", 27);
    tf_stream_free(s);
    tf_buf_release(&out);

    /* From a pipe, which may never end, the stream reads in line. */
    int p[2];
    assert_int_equal(pipe(p), 0);
    assert_int_equal(write(p[1], "a\nb\n", 4), 4);
    close(p[1]);
    assert_int_equal(dup2(p[0], STDIN_FILENO), STDIN_FILENO);
    close(p[0]);
    tf_buf_init(&out, 0);
    assert_int_equal(tf_stream_open(&s, "-", NULL), 0);
    assert_int_equal(tf_stream_read_ahead(s), -1);
    assert_int_equal(read_all(s, &out, NULL), 0);
    assert_int_equal(out.len, 4);
    assert_memory_equal(out.data, "a\nb\n", 4);
    tf_stream_free(s);
    tf_buf_release(&out);

    assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
    close(saved);
}

/*
 * Many members of a few MB in all: members and lines cross the 1 MiB input
 * buffer and the line buffer at every kind of offset, and small reads
 * exercise output that stops mid-block.
 */
static void test_stream_many_members(void **state)
{
    (void)state;
    struct tf_buf text, gz, out;
    tf_buf_init(&text, 0);
    tf_buf_init(&gz, 0);
    tf_buf_init(&out, 0);
    make_lines(&text, 40000, 200);
    for (size_t at = 0, k = 1; at < text.len; k++) {
        size_t n = (k * 7919 * 31) % 300000 + 1;
        if (n > text.len - at)
            n = text.len - at;
        gzip_member(&gz, text.data + at, n);
        at += n;
    }
    gzip_member(&gz, "", 0); /* an empty member is legal too */
    write_file(tmp_path("many.gz"), gz.data, gz.len);

    for (int ahead = 0; ahead < 2; ahead++) {
        struct tf_stream *s = NULL;
        assert_int_equal(tf_stream_open(&s, tmp_path("many.gz"), NULL), 0);
        if (ahead) /* blocks of 1 MiB handed out in reads of 777 bytes */
            assert_int_equal(tf_stream_read_ahead(s), 0);
        char small[777];
        ssize_t got;
        uint64_t raw = 0;
        out.len = 0;
        while ((got = tf_stream_read(s, small, sizeof(small), NULL)) > 0) {
            assert_int_equal(tf_buf_add(&out, small, (size_t)got), 0);
            assert_true(tf_stream_raw_bytes(s) >= raw); /* progress only goes forward */
            raw = tf_stream_raw_bytes(s);
        }
        assert_int_equal(got, 0);
        assert_int_equal(out.len, text.len);
        assert_memory_equal(out.data, text.data, text.len);
        assert_int_equal(tf_stream_raw_bytes(s), gz.len);
        assert_int_equal(tf_stream_read_ahead(s), -1); /* only before the first read */
        tf_stream_free(s);
    }
    tf_buf_release(&text);
    tf_buf_release(&gz);
    tf_buf_release(&out);
}

/* ---- lines -------------------------------------------------------------- */

struct lines_case {
    const char *file;
    size_t max_line;
    const char *want[6];
    size_t want_len[6]; /* 0 = strlen */
    size_t n_want;
    int final;         /* 0 or the error reported after the lines */
    uint64_t err_line; /* the line the error names */
    uint64_t too_long; /* lines skipped for length */
    uint64_t first_skip_line;
};

static const struct lines_case lines_cases[] = {
    {"plain.jsonl",
     0,
     {"{\"id\":1,\"x\":\"a\"}", "{\"id\":2,\"x\":\"b\"}", "{\"id\":3,\"x\":\"c\"}"},
     {0},
     3,
     0,
     0,
     0,
     0},
    {"single.jsonl.gz",
     0,
     {"{\"id\":1,\"x\":\"a\"}", "{\"id\":2,\"x\":\"b\"}", "{\"id\":3,\"x\":\"c\"}"},
     {0},
     3,
     0,
     0,
     0,
     0},
    {"multi.jsonl.gz", 0, {"{\"id\":1}", "{\"id\":2}", "{\"id\":3}"}, {0}, 3, 0, 0, 0, 0},
    {"crlf.txt", 0, {"one", "two", "", "three"}, {0}, 4, 0, 0, 0, 0},
    {"empty.txt", 0, {NULL}, {0}, 0, 0, 0, 0, 0},
    {"nul.txt", 0, {"a\0b", "", "c"}, {3, 0, 0}, 3, 0, 0, 0, 0},
    {"long.txt", 8, {"short", "ok"}, {0}, 2, 0, 0, 2, 2},
    {"long.txt", 16, {"short", "0123456789abcdef", "ok"}, {0}, 3, 0, 0, 1, 4},
    {"truncated.jsonl.gz", 0, {"l1", "l2"}, {0}, 2, TF_ERR_FORMAT, 3, 0, 0},
    {"corrupt.jsonl.gz", 0, {"x1", "y1"}, {0}, 2, TF_ERR_FORMAT, 3, 0, 0},
};

static void check_lines_case(const struct lines_case *c)
{
    struct tf_lines *l = NULL;
    struct tf_error err;
    struct tf_skips skips;
    const char *line;
    size_t len;
    tf_error_init(&err);
    tf_skips_init(&skips);
    assert_int_equal(tf_lines_open(&l, data_path(c->file), c->max_line, &err), 0);
    for (size_t i = 0; i < c->n_want; i++) {
        assert_int_equal(tf_lines_next(l, &line, &len, &skips, &err), 1);
        size_t want_len = c->want_len[i] ? c->want_len[i] : strlen(c->want[i]);
        assert_int_equal(len, want_len);
        assert_memory_equal(line, c->want[i], len);
        touch_padding(line, len);
    }
    assert_int_equal(tf_lines_next(l, &line, &len, &skips, &err), c->final);
    if (c->final) {
        assert_int_equal(err.code, c->final);
        assert_int_equal(err.line, c->err_line);
        assert_string_equal(err.file, data_path(c->file));
        assert_int_equal(tf_lines_next(l, &line, &len, &skips, &err), 0);
    }
    assert_int_equal(tf_lines_next(l, &line, &len, &skips, &err), 0);
    assert_int_equal(skips.n[TF_SKIP_LINE_TOO_LONG], c->too_long);
    if (c->too_long)
        assert_int_equal(skips.first[TF_SKIP_LINE_TOO_LONG][0].line, c->first_skip_line);
    tf_lines_free(l);
}

static void test_lines_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(lines_cases) / sizeof(lines_cases[0]); i++)
        check_lines_case(&lines_cases[i]);
}

static void test_lines_numbers(void **state)
{
    (void)state;
    struct tf_lines *l = NULL;
    struct tf_skips skips;
    const char *line;
    size_t len;
    tf_skips_init(&skips);
    assert_int_equal(tf_lines_open(&l, data_path("long.txt"), 8, NULL), 0);
    assert_int_equal(tf_lines_lineno(l), 0);
    assert_int_equal(tf_lines_next(l, &line, &len, &skips, NULL), 1);
    assert_int_equal(tf_lines_lineno(l), 1);
    assert_int_equal(tf_lines_next(l, &line, &len, &skips, NULL), 1); /* "ok", after a skip */
    assert_int_equal(tf_lines_lineno(l), 3);
    assert_int_equal(tf_lines_next(l, &line, &len, &skips, NULL), 0);
    assert_int_equal(tf_lines_lineno(l), 4);
    assert_non_null(strstr(skips.first[TF_SKIP_LINE_TOO_LONG][0].msg, "16 bytes, limit 8"));
    assert_int_equal(tf_lines_raw_bytes(l), 46);
    assert_string_equal(tf_lines_path(l), data_path("long.txt"));
    tf_lines_free(l);
    tf_lines_free(NULL);
}

/* Big input through gzip: every line comes back intact across refills; long ones are skipped. */
static void test_lines_big(void **state)
{
    (void)state;
    struct tf_buf text, gz;
    tf_buf_init(&text, 0);
    tf_buf_init(&gz, 0);
    make_lines(&text, 30000, 400);
    gzip_member(&gz, text.data, text.len / 2);
    gzip_member(&gz, text.data + text.len / 2, text.len - text.len / 2);
    write_file(tmp_path("big.gz"), gz.data, gz.len);

    /* Cap 300: lines longer than that (prefix + up to 400 letters) are skipped. */
    size_t cap = 300, at = 0, want_skips = 0;
    struct tf_lines *l = NULL;
    struct tf_skips skips;
    const char *line;
    size_t len;
    tf_skips_init(&skips);
    assert_int_equal(tf_lines_open(&l, tmp_path("big.gz"), cap, NULL), 0);
    int rc;
    while ((rc = tf_lines_next(l, &line, &len, &skips, NULL)) > 0) {
        for (;;) {
            const char *nl = memchr(text.data + at, '\n', text.len - at);
            if ((size_t)(nl - (text.data + at)) <= cap)
                break;
            want_skips++;
            at = (size_t)(nl - text.data) + 1;
        }
        expect_next_line(&text, &at, line, len);
        touch_padding(line, len);
    }
    assert_int_equal(rc, 0);
    while (at < text.len) { /* trailing lines can only have been skipped */
        const char *nl = memchr(text.data + at, '\n', text.len - at);
        assert_true((size_t)(nl - (text.data + at)) > cap);
        want_skips++;
        at = (size_t)(nl - text.data) + 1;
    }
    assert_true(want_skips > 1000);
    assert_int_equal(skips.n[TF_SKIP_LINE_TOO_LONG], want_skips);
    assert_int_equal(tf_lines_lineno(l), 30000);
    tf_lines_free(l);
    tf_buf_release(&text);
    tf_buf_release(&gz);
}

/* A member cut in the middle of its deflate data: complete lines before the cut, then the error. */
static void test_lines_truncated_big(void **state)
{
    (void)state;
    struct tf_buf text, gz;
    tf_buf_init(&text, 0);
    tf_buf_init(&gz, 0);
    make_lines(&text, 40000, 100);
    gzip_member(&gz, text.data, text.len);
    write_file(tmp_path("cut.gz"), gz.data, gz.len * 6 / 10);

    struct tf_lines *l = NULL;
    struct tf_error err;
    const char *line;
    size_t len, at = 0;
    uint64_t n = 0;
    int rc;
    assert_int_equal(tf_lines_open(&l, tmp_path("cut.gz"), 0, &err), 0);
    while ((rc = tf_lines_next(l, &line, &len, NULL, &err)) > 0) {
        expect_next_line(&text, &at, line, len);
        n++;
    }
    assert_int_equal(rc, TF_ERR_FORMAT);
    assert_true(n > 40000 / 2);
    assert_true(n < 40000);
    assert_int_equal(err.line, n + 1);
    assert_non_null(strstr(err.msg, "truncated gzip member at byte 0"));
    assert_int_equal(tf_lines_next(l, &line, &len, NULL, &err), 0);
    tf_lines_free(l);
    tf_buf_release(&text);
    tf_buf_release(&gz);
}

/* ---- rest --------------------------------------------------------------- */

static const char doc_json[] = "{\n  \"id\": \"W1\",\n  \"title\": \"x\"\n}\n";

static void test_rest_after_first_line(void **state)
{
    (void)state;
    const char *files[] = {"doc.json", "doc.json.gz"};
    for (size_t i = 0; i < 2; i++) {
        struct tf_lines *l = NULL;
        const char *line, *data;
        size_t len, n;
        assert_int_equal(tf_lines_open(&l, data_path(files[i]), 0, NULL), 0);
        assert_int_equal(tf_lines_next(l, &line, &len, NULL, NULL), 1);
        assert_int_equal(len, 1);
        assert_int_equal(tf_lines_rest(l, &data, &n, NULL), 1);
        assert_int_equal(n, sizeof(doc_json) - 1);
        assert_memory_equal(data, doc_json, n);
        touch_padding(data, n);
        assert_int_equal(tf_lines_lineno(l), 1);
        assert_int_equal(tf_lines_next(l, &line, &len, NULL, NULL), 0);
        assert_int_equal(tf_lines_rest(l, &data, &n, NULL), 0);
        tf_lines_free(l);
    }
}

static void test_rest_cases(void **state)
{
    (void)state;
    struct tf_lines *l = NULL;
    const char *line, *data;
    size_t len, n;

    /* Before any line: everything. */
    assert_int_equal(tf_lines_open(&l, data_path("doc.json"), 0, NULL), 0);
    assert_int_equal(tf_lines_rest(l, &data, &n, NULL), 1);
    assert_int_equal(n, sizeof(doc_json) - 1);
    assert_memory_equal(data, doc_json, n);
    tf_lines_free(l);

    /* Last line without a newline, then the rest: that line only. */
    assert_int_equal(tf_lines_open(&l, data_path("crlf.txt"), 0, NULL), 0);
    for (int i = 0; i < 4; i++)
        assert_int_equal(tf_lines_next(l, &line, &len, NULL, NULL), 1);
    assert_int_equal(tf_lines_rest(l, &data, &n, NULL), 1);
    assert_int_equal(n, 5);
    assert_memory_equal(data, "three", 5);
    assert_int_equal(tf_lines_lineno(l), 4);
    tf_lines_free(l);

    /* Nothing left. */
    assert_int_equal(tf_lines_open(&l, data_path("empty.txt"), 0, NULL), 0);
    assert_int_equal(tf_lines_rest(l, &data, &n, NULL), 0);
    tf_lines_free(l);
}

static void test_rest_errors(void **state)
{
    (void)state;
    struct tf_lines *l = NULL;
    struct tf_error err;
    const char *data;
    size_t n;

    assert_int_equal(tf_lines_open(&l, data_path("doc.json"), 10, NULL), 0);
    assert_int_equal(tf_lines_rest(l, &data, &n, &err), TF_ERR_NOMEM);
    assert_non_null(strstr(err.msg, "longer than the limit of 10 bytes"));
    tf_lines_free(l);

    assert_int_equal(tf_lines_open(&l, data_path("truncated.jsonl.gz"), 0, NULL), 0);
    assert_int_equal(tf_lines_rest(l, &data, &n, &err), TF_ERR_FORMAT);
    assert_int_equal(err.line, 1);
    assert_int_equal(tf_lines_rest(l, &data, &n, &err), 0);
    tf_lines_free(l);
}

/* ---- paths -------------------------------------------------------------- */

static void make_tree(const char *root, const char *const *files, size_t n)
{
    char path[1024];
    mkdir(root, 0755);
    for (size_t i = 0; i < n; i++) {
        /* A cut path would create the tree somewhere else than the test then reads. */
        int w = snprintf(path, sizeof(path), "%s/%s", root, files[i]);
        assert_true(w > 0 && (size_t)w < sizeof(path));
        for (char *p = path + strlen(root) + 1; *p; p++) {
            if (*p != '/')
                continue;
            *p = '\0';
            mkdir(path, 0755);
            *p = '/';
        }
        write_file(path, files[i], strlen(files[i])); /* content = name, so size = strlen */
    }
}

/* Keeps the files either input format reads (the registry's extensions). */
static int input_file(const char *name, void *ctx)
{
    (void)ctx;
    return tf_format_wants(TF_FORMAT_OPENALEX, name) || tf_format_wants(TF_FORMAT_CSV, name);
}

static void test_paths_tree(void **state)
{
    (void)state;
    /* Created in an order that is not the sorted one. */
    static const char *const files[] = {
        "z.csv",         "b/sub/f.jsonl", "b/manifest", "b/e.json",
        ".hidden.jsonl", "b/.hid/x.gz",   "notes.txt",  "b/d.csv.gz",
        "a.jsonl",       "b/c.gz",        "b/Y.jsonl",  "b/sub/g.jsonl.tmp",
    };
    static const char *const want[] = {"a.jsonl",  "b/Y.jsonl",     "b/c.gz", "b/d.csv.gz",
                                       "b/e.json", "b/sub/f.jsonl", "z.csv"};
    const char *root = tmp_path("tree");
    char rootbuf[1024];
    snprintf(rootbuf, sizeof(rootbuf), "%s", root);
    make_tree(rootbuf, files, sizeof(files) / sizeof(files[0]));

    struct tf_paths p;
    struct tf_error err;
    tf_paths_init(&p);
    assert_int_equal(tf_paths_expand(&p, "-", input_file, NULL, &err), 0);
    assert_int_equal(tf_paths_expand(&p, rootbuf, input_file, NULL, &err), 0);
    assert_int_equal(tf_paths_expand(&p, data_path("plain.jsonl"), input_file, NULL, &err), 0);
    size_t n_want = sizeof(want) / sizeof(want[0]);
    assert_int_equal(p.n, n_want + 2);
    assert_string_equal(p.v[0], "-");
    assert_int_equal(p.size[0], 0);
    for (size_t i = 0; i < n_want; i++) {
        char path[1200];
        snprintf(path, sizeof(path), "%s/%s", rootbuf, want[i]);
        assert_string_equal(p.v[1 + i], path);
        assert_int_equal(p.size[1 + i], strlen(want[i]));
    }
    assert_string_equal(p.v[n_want + 1], data_path("plain.jsonl"));
    assert_int_equal(p.size[n_want + 1], 51);
    tf_paths_release(&p);
    assert_int_equal(p.n, 0);
    assert_null(p.v);

    /* A trailing slash gives the same names without a double slash. */
    char slash[1100];
    snprintf(slash, sizeof(slash), "%s/", rootbuf);
    assert_int_equal(tf_paths_expand(&p, slash, input_file, NULL, &err), 0);
    assert_int_equal(p.n, n_want);
    char first[1200];
    snprintf(first, sizeof(first), "%s/a.jsonl", rootbuf);
    assert_string_equal(p.v[0], first);
    tf_paths_release(&p);

    /* No filter: every file but hidden ones and manifests. */
    assert_int_equal(tf_paths_expand(&p, rootbuf, NULL, NULL, &err), 0);
    assert_int_equal(p.n, n_want + 2); /* notes.txt and g.jsonl.tmp too */
    tf_paths_release(&p);
}

/* A folder given for one format keeps its files only; the longest extension decides. */
static void test_format_wants(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int openalex, csv;
    } cases[] = {
        {"part_000.gz", 1, 0}, {"a.jsonl", 1, 0},    {"page.json", 1, 0}, {"a.jsonl.gz", 1, 0},
        {"obs.csv", 0, 1},     {"obs.csv.gz", 0, 1}, {"notes.txt", 0, 0}, {"x.parquet", 0, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(tf_format_wants(TF_FORMAT_OPENALEX, cases[i].name), cases[i].openalex);
        assert_int_equal(tf_format_wants(TF_FORMAT_CSV, cases[i].name), cases[i].csv);
    }
    size_t n = 0;
    const struct tf_format_info *f = tf_formats(&n);
    assert_int_equal(n, 4);
    assert_string_equal(f[0].name, "openalex");
    assert_ptr_equal(tf_format_info(TF_FORMAT_CSV), &f[1]);
    assert_ptr_equal(tf_format_info(TF_FORMAT_ORCID), &f[2]);
    assert_ptr_equal(tf_format_info(TF_FORMAT_OPENALEX_AUTHORS), &f[3]);
    assert_null(tf_format_info((enum tf_format)99));
}

static void test_paths_errors(void **state)
{
    (void)state;
    struct tf_paths p;
    struct tf_error err;
    tf_paths_init(&p);
    assert_int_equal(tf_paths_expand(&p, data_path("plain.jsonl"), input_file, NULL, &err), 0);

    const char *missing = data_path("missing-dir/works");
    assert_int_equal(tf_paths_expand(&p, missing, input_file, NULL, &err), TF_ERR_IO);
    assert_int_equal(err.code, TF_ERR_IO);
    assert_non_null(strstr(err.msg, "missing-dir/works"));
    assert_int_equal(p.n, 1);

    /* A directory with only a manifest and hidden files has no input. */
    static const char *const files[] = {"manifest", ".x.gz", "readme.txt"};
    char root[1024];
    snprintf(root, sizeof(root), "%s", tmp_path("noinput"));
    make_tree(root, files, 3);
    assert_int_equal(tf_paths_expand(&p, root, input_file, NULL, &err), TF_ERR_USAGE);
    assert_non_null(strstr(err.msg, "no input files"));
    assert_non_null(strstr(err.msg, root));
    assert_int_equal(p.n, 1);
    tf_paths_release(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stream_cases),        cmocka_unit_test(test_stream_bad_crc),
        cmocka_unit_test(test_stream_missing),      cmocka_unit_test(test_stream_stdin_gzip),
        cmocka_unit_test(test_stream_many_members), cmocka_unit_test(test_lines_cases),
        cmocka_unit_test(test_lines_numbers),       cmocka_unit_test(test_lines_big),
        cmocka_unit_test(test_lines_truncated_big), cmocka_unit_test(test_rest_after_first_line),
        cmocka_unit_test(test_rest_cases),          cmocka_unit_test(test_rest_errors),
        cmocka_unit_test(test_paths_tree),          cmocka_unit_test(test_paths_errors),
        cmocka_unit_test(test_format_wants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
