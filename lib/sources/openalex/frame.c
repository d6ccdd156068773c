/* frame.c - lines and documents of the OpenAlex readers (see frame.h). */
#include "sources/openalex/frame.h"

#include <string.h>

/* A first line longer than this is never taken for the opening of a document. */
#define OPENING_MAX ((size_t)64 << 10)

static int is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int oa_blank_line(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!is_blank((unsigned char)s[i]))
            return 0;
    return 1;
}

int oa_skip_bom(const char **s, size_t *len)
{
    if (*len >= 3 && memcmp(*s, "\xef\xbb\xbf", 3) == 0) {
        *s += 3;
        *len -= 3;
        return 1;
    }
    return 0;
}

/* "{", "[", "{\"meta\": {", "[{…}," open a document; "{}" or "[1]" do not. */
int oa_looks_like_opening(const char *s, size_t len)
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

/* In strict mode a line the line reader dropped for its length is an error. */
static int check_long_lines(struct oa_frame *f, uint64_t before, struct tf_error *err)
{
    if (!f->strict || f->skips->n[TF_SKIP_LINE_TOO_LONG] == before)
        return 0;
    /* One call may pass several long lines: name the first of them. */
    uint64_t line = before < TF_SKIP_EXAMPLES ? f->skips->first[TF_SKIP_LINE_TOO_LONG][before].line
                                              : tf_lines_lineno(f->lines);
    return tf_error_set(err, TF_ERR_DATA, f->path, line, "%s", tf_skip_name(TF_SKIP_LINE_TOO_LONG));
}

int oa_frame_line(struct oa_frame *f, const char **s, size_t *len, uint64_t *line,
                  struct tf_error *lerr, struct tf_error *err)
{
    tf_error_init(lerr);
    for (;;) {
        uint64_t long_before = f->skips->n[TF_SKIP_LINE_TOO_LONG];
        int rc = tf_lines_next(f->lines, s, len, f->skips, lerr);
        if (rc == TF_ERR_FORMAT)
            return rc;
        if (rc < 0) {
            if (err)
                *err = *lerr;
            return rc;
        }
        int lrc = check_long_lines(f, long_before, err);
        if (lrc < 0 || rc == 0)
            return lrc;
        *line = tf_lines_lineno(f->lines);
        if (f->first)
            oa_skip_bom(s, len);
        if (!oa_blank_line(*s, *len)) {
            f->first = 0;
            return 1;
        }
    }
}

int oa_frame_rest(struct oa_frame *f, struct tf_error *lerr, struct tf_error *err)
{
    tf_error_init(lerr);
    int rc = tf_lines_rest(f->lines, &f->rest, &f->rest_len, lerr);
    if (rc == TF_ERR_FORMAT)
        return rc;
    if (rc <= 0) {
        if (rc < 0 && err)
            *err = *lerr;
        return rc;
    }
    f->rest_pos = 0;
    f->rest_line = tf_lines_lineno(f->lines);
    return 1;
}

int oa_frame_split_line(struct oa_frame *f, const char **s, size_t *len, uint64_t *line)
{
    while (f->rest_pos < f->rest_len) {
        const char *p = f->rest + f->rest_pos;
        size_t left = f->rest_len - f->rest_pos;
        const char *nl = memchr(p, '\n', left);
        size_t n = nl ? (size_t)(nl - p) : left;
        f->rest_pos += nl ? n + 1 : n;
        *line = f->rest_line++;
        if (n && p[n - 1] == '\r')
            n--;
        if (p == f->rest)
            oa_skip_bom(&p, &n);
        if (!oa_blank_line(p, n)) {
            *s = p;
            *len = n;
            return 1;
        }
    }
    return 0;
}

int oa_frame_next(struct oa_frame *f, int split, const char **s, size_t *len, uint64_t *line,
                  struct tf_error *lerr, struct tf_error *err)
{
    return split ? oa_frame_split_line(f, s, len, line) : oa_frame_line(f, s, len, line, lerr, err);
}
