/* csvrow.c - one-line CSV records with named columns (see csvrow.h). */
#include "model/csvrow.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/lines.h"
#include "talentflow/obs.h"

static int push_off(size_t **off, size_t *n, size_t *cap, size_t v)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 32;
        size_t *p = realloc(*off, c * sizeof(*p));
        if (!p)
            return TF_ERR_NOMEM;
        *off = p;
        *cap = c;
    }
    (*off)[(*n)++] = v;
    return 0;
}

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* Decodes one field starting at line[*i]; leaves *i at the comma or the end. */
static int split_field(const char *line, size_t len, size_t *i, struct tf_buf *t)
{
    size_t k = *i;
    while (k < len && is_blank(line[k]))
        k++;
    int rc = 0;
    if (k < len && line[k] == '"') {
        k++;
        for (;;) {
            if (k >= len)
                return TF_ERR_FORMAT;
            if (line[k] == '"' && !(k + 1 < len && line[k + 1] == '"'))
                break;
            if (line[k] == '"')
                k++;
            rc = tf_buf_add(t, line + k, 1);
            if (rc < 0)
                return rc;
            k++;
        }
        k++;
        while (k < len && line[k] != ',')
            k++;
    } else {
        size_t start = k;
        while (k < len && line[k] != ',')
            k++;
        size_t end = k;
        while (end > start && is_blank(line[end - 1]))
            end--;
        rc = tf_buf_add(t, line + start, end - start);
    }
    *i = k;
    return rc < 0 ? rc : tf_buf_add(t, "", 1);
}

/* Splits `line` into t/off. Returns the field count or a negative status. */
static int split_line(const char *line, size_t len, struct tf_buf *t, size_t **off, size_t *n,
                      size_t *cap)
{
    size_t i = 0;
    tf_buf_reset(t);
    *n = 0;
    for (;;) {
        int rc = push_off(off, n, cap, t->len);
        if (rc == 0)
            rc = split_field(line, len, &i, t);
        if (rc < 0)
            return rc;
        if (i >= len)
            return 0;
        i++; /* the comma */
    }
}

static int blank_line(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!is_blank(line[i]))
            return 0;
    return 1;
}

/* Next non-blank line; 1, 0 at the end, or a negative status. */
static int next_line(struct csvrow *c, const char **line, size_t *len, struct tf_error *err)
{
    int rc;
    while ((rc = tf_lines_next(c->lines, line, len, NULL, err)) > 0)
        if (!blank_line(*line, *len))
            return 1;
    return rc;
}

int csvrow_open(struct csvrow *c, const char *path, struct tf_error *err)
{
    const char *line;
    size_t len, cap = 0;
    memset(c, 0, sizeof(*c));
    c->path = path;
    tf_buf_init(&c->text, 0);
    tf_buf_init(&c->head, 0);
    int rc = tf_lines_open(&c->lines, path, (size_t)1 << 24, err);
    if (rc < 0)
        return rc;
    rc = next_line(c, &line, &len, err);
    if (rc == 0)
        return tf_error_set(err, TF_ERR_FORMAT, path, 0, "empty file: no header row");
    if (rc < 0)
        return rc;
    if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3;
        len -= 3;
    }
    rc = split_line(line, len, &c->head, &c->hoff, &c->n_head, &cap);
    if (rc < 0)
        return tf_error_set(err, rc, path, 1, "cannot read the header row (unterminated quote?)");
    return 0;
}

long csvrow_col(const struct csvrow *c, const char *name)
{
    for (size_t i = 0; i < c->n_head; i++)
        if (strcasecmp(c->head.data + c->hoff[i], name) == 0)
            return (long)i;
    return -1;
}

const char *csvrow_head(const struct csvrow *c, size_t i)
{
    return i < c->n_head ? c->head.data + c->hoff[i] : "";
}

int csvrow_next(struct csvrow *c, struct tf_error *err)
{
    const char *line;
    size_t len;
    int rc = next_line(c, &line, &len, err);
    if (rc <= 0)
        return rc;
    rc = split_line(line, len, &c->text, &c->off, &c->n, &c->cap);
    if (rc == TF_ERR_FORMAT)
        return tf_error_set(err, rc, c->path, csvrow_line(c), "unterminated quoted field");
    return rc < 0 ? tf_error_set(err, rc, c->path, csvrow_line(c), "out of memory") : 1;
}

const char *csvrow_field(const struct csvrow *c, long i)
{
    return i >= 0 && (size_t)i < c->n ? c->text.data + c->off[i] : "";
}

uint64_t csvrow_line(const struct csvrow *c)
{
    return tf_lines_lineno(c->lines);
}

int csvrow_double(const char *s, double *out)
{
    char *end;
    if (!*s)
        return -1;
    errno = 0;
    double v = strtod(s, &end);
    if (*end || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int csvrow_year(const char *s, int *out)
{
    double v;
    if (csvrow_double(s, &v) < 0 || v != floor(v) || v < TF_YEAR_MIN || v > TF_YEAR_MAX)
        return -1;
    *out = (int)v;
    return 0;
}

void csvrow_close(struct csvrow *c)
{
    tf_lines_free(c->lines);
    c->lines = NULL;
    tf_buf_release(&c->text);
    tf_buf_release(&c->head);
    free(c->off);
    free(c->hoff);
    c->off = c->hoff = NULL;
}
