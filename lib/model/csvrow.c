/* csvrow.c - one-line CSV records with named columns (see csvrow.h). */
#include "model/csvrow.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/lines.h"
#include "util/csvtok.h"
#include "talentflow/obs.h"

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* Splits one line into `t`: 0, TF_ERR_FORMAT (a quote left open) or TF_ERR_NOMEM. */
static int split_line(struct tf_csvtok *t, const char *line, size_t len)
{
    tf_csvtok_begin(t);
    int rc = tf_csvtok_line(t, line, len);
    return rc < 0 ? rc : rc == 0 ? TF_ERR_FORMAT : 0;
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
    size_t len;
    memset(c, 0, sizeof(*c));
    c->path = path;
    tf_csvtok_init(&c->row);
    tf_csvtok_init(&c->head);
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
    rc = split_line(&c->head, line, len);
    if (rc == TF_ERR_NOMEM)
        return tf_error_set(err, rc, path, 1, "out of memory");
    if (rc < 0)
        return tf_error_set(err, rc, path, 1, "cannot read the header row (unterminated quote?)");
    return 0;
}

long csvrow_col(const struct csvrow *c, const char *name)
{
    for (size_t i = 0; i < c->head.n_fields; i++)
        if (strcasecmp(tf_csvtok_field(&c->head, i, NULL), name) == 0)
            return (long)i;
    return -1;
}

const char *csvrow_head(const struct csvrow *c, size_t i)
{
    return i < c->head.n_fields ? tf_csvtok_field(&c->head, i, NULL) : "";
}

int csvrow_next(struct csvrow *c, struct tf_error *err)
{
    const char *line;
    size_t len;
    int rc = next_line(c, &line, &len, err);
    if (rc <= 0)
        return rc;
    rc = split_line(&c->row, line, len);
    if (rc == TF_ERR_FORMAT)
        return tf_error_set(err, rc, c->path, csvrow_line(c), "unterminated quoted field");
    return rc < 0 ? tf_error_set(err, rc, c->path, csvrow_line(c), "out of memory") : 1;
}

const char *csvrow_field(const struct csvrow *c, long i)
{
    return i >= 0 && (size_t)i < c->row.n_fields ? tf_csvtok_field(&c->row, (size_t)i, NULL) : "";
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
    tf_csvtok_release(&c->row);
    tf_csvtok_release(&c->head);
}
