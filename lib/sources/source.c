/* source.c - the public reader handle: dispatch to a format reader, count records. */
#include <stdlib.h>

#include "sources/reader.h"

struct tf_source {
    void *impl;
    const struct tf_reader_ops *ops;
    uint64_t records;
};

int tf_source_open(struct tf_source **out, const char *path, enum tf_format format,
                   const struct tf_source_opts *opts, struct tf_skips *skips, struct tf_error *err)
{
    static const struct tf_source_opts defaults = {0};
    tf_reader_open_fn *open_fn = NULL;
    *out = NULL;
    if (format == TF_FORMAT_OPENALEX)
        open_fn = tf_openalex_open;
    else if (format == TF_FORMAT_CSV)
        open_fn = tf_csv_open;
    else
        return tf_error_set(err, TF_ERR_USAGE, path, 0, "unknown input format %d", (int)format);

    struct tf_source *s = calloc(1, sizeof(*s));
    if (!s)
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    int rc = open_fn(&s->impl, &s->ops, path, opts ? opts : &defaults, skips, err);
    if (rc < 0) {
        free(s);
        return rc;
    }
    *out = s;
    return 0;
}

int tf_source_next(struct tf_source *src, struct tf_record *rec, struct tf_error *err)
{
    int rc = src->ops->next(src->impl, rec, err);
    if (rc > 0)
        src->records++;
    return rc;
}

uint64_t tf_source_bytes(const struct tf_source *src)
{
    return src->ops->bytes(src->impl);
}

uint64_t tf_source_records(const struct tf_source *src)
{
    return src->records;
}

void tf_source_free(struct tf_source *src)
{
    if (!src)
        return;
    src->ops->free(src->impl);
    free(src);
}
