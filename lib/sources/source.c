/*
 * source.c - the public reader handle: dispatch to a format reader, count
 * records, and apply OpenAlex merged ids to whatever format gave the record.
 */
#include <stdlib.h>
#include <string.h>

#include "sources/reader.h"
#include "talentflow/merged.h"
#include "util/buf.h"

struct tf_source {
    void *impl;
    const struct tf_reader_ops *ops;
    char *path; /* for the places of skips */
    struct tf_skips *skips;
    const struct tf_merged *merged;
    uint64_t records;
    uint64_t remapped;
    struct tf_obs *relinked; /* the record's observations with merged authors replaced */
    size_t cap_relinked;
};

int tf_source_open(struct tf_source **out, const char *path, enum tf_format format,
                   const struct tf_source_opts *opts, struct tf_skips *skips, struct tf_error *err)
{
    static const struct tf_source_opts defaults = {0};
    tf_reader_open_fn *open_fn = tf_format_opener(format);
    *out = NULL;
    if (!open_fn)
        return tf_error_set(err, TF_ERR_USAGE, path, 0, "unknown input format %d", (int)format);

    struct tf_source *s = calloc(1, sizeof(*s));
    if (!s)
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    opts = opts ? opts : &defaults;
    if (!(s->path = strdup(path))) {
        free(s);
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    }
    int rc = open_fn(&s->impl, &s->ops, path, opts, skips, err);
    if (rc < 0) {
        free(s->path);
        free(s);
        return rc;
    }
    s->skips = skips;
    s->merged = opts->merged;
    *out = s;
    return 0;
}

/*
 * Replaces merged author ids in rec, copying its observations into the
 * source's buffer at the first one that changes. Returns 0 or TF_ERR_NOMEM.
 */
static int relink_authors(struct tf_source *src, struct tf_record *rec)
{
    int copied = 0;
    for (size_t i = 0; i < rec->n_obs; i++) {
        uint64_t to = tf_merged_person(src->merged, rec->obs[i].person);
        if (to == rec->obs[i].person)
            continue;
        if (!copied) {
            if (tf_grow((void **)&src->relinked, &src->cap_relinked, rec->n_obs,
                        sizeof(*src->relinked)) < 0)
                return TF_ERR_NOMEM;
            memcpy(src->relinked, rec->obs, rec->n_obs * sizeof(*rec->obs));
            rec->obs = src->relinked;
            copied = 1;
        }
        src->relinked[i].person = to;
        src->remapped++;
    }
    return 0;
}

/* Applies the merged ids to a record just read. Returns 0 or TF_ERR_NOMEM. */
static int relink(struct tf_source *src, struct tf_record *rec)
{
    if (rec->info.work && tf_merged_work_gone(src->merged, rec->info.work)) {
        char id[32];
        tf_work_format(rec->info.work, id);
        if (src->skips)
            tf_skips_add(src->skips, TF_SKIP_MERGED_WORK, src->path, rec->line, id);
        rec->n_obs = 0;
        rec->info.whole = 0; /* not a copy that could supersede another */
        return 0;
    }
    return relink_authors(src, rec);
}

int tf_source_next(struct tf_source *src, struct tf_record *rec, struct tf_error *err)
{
    int rc = src->ops->next(src->impl, rec, err);
    if (rc > 0)
        src->records++;
    if (rc > 0 && src->merged && relink(src, rec) < 0)
        return tf_error_set(err, TF_ERR_NOMEM, src->path, rec->line, "out of memory");
    return rc;
}

uint64_t tf_source_bytes(const struct tf_source *src)
{
    return src->ops->bytes(src->impl);
}

int tf_source_file_crc(struct tf_source *src, uint32_t *crc)
{
    return src->ops->crc(src->impl, crc);
}

uint64_t tf_source_records(const struct tf_source *src)
{
    return src->records;
}

uint64_t tf_source_remapped(const struct tf_source *src)
{
    return src->remapped;
}

void tf_source_free(struct tf_source *src)
{
    if (!src)
        return;
    src->ops->free(src->impl);
    free(src->relinked);
    free(src->path);
    free(src);
}
