/* ingest.c - the list of inputs: files, formats, snapshot roots, merged ids. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest/ingest_int.h"

/* Appends a copy of `s` to the list v[0..*n). Returns 0 or TF_ERR_NOMEM. */
static int strlist_add(char ***v, size_t *n, const char *s)
{
    char **p = realloc(*v, (*n + 1) * sizeof(*p));
    if (!p)
        return TF_ERR_NOMEM;
    *v = p;
    if (!(p[*n] = strdup(s)))
        return TF_ERR_NOMEM;
    (*n)++;
    return 0;
}

static void strlist_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

int tf_ingest_new(struct tf_ingest **out, struct tf_error *err)
{
    struct tf_ingest *in = calloc(1, sizeof(*in));
    *out = in;
    if (!in)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    tf_paths_init(&in->paths);
    tf_skips_init(&in->skips);
    return 0;
}

void tf_ingest_free(struct tf_ingest *in)
{
    if (!in)
        return;
    tf_paths_release(&in->paths);
    free(in->formats);
    free(in->crc);
    strlist_free(in->merged_paths, in->n_merged_paths);
    strlist_free(in->notes, in->n_notes);
    tf_merged_free(in->merged);
    free(in);
}

static int add_note(struct tf_ingest *in, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int add_note(struct tf_ingest *in, const char *fmt, ...)
{
    char buf[6000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    return strlist_add(&in->notes, &in->n_notes, buf);
}

int tf_ingest_add_merged(struct tf_ingest *in, const char *path, struct tf_error *err)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return tf_error_set(err, TF_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    /* One entry per argument: tf_merged_load walks folders itself. */
    if (strlist_add(&in->merged_paths, &in->n_merged_paths, path) < 0)
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    return 0;
}

/*
 * A snapshot root given as OpenAlex input: its works folder is read in its
 * place (*works, to free) and its merged ids are used, with a note of what
 * is left aside. *works stays NULL when `path` is not a root.
 */
static int add_snapshot(struct tf_ingest *in, const char *path, char **works, struct tf_error *err)
{
    struct tf_snapshot *snap = malloc(sizeof(*snap));
    int rc = 0;
    *works = NULL;
    if (!snap)
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    if (tf_openalex_snapshot(path, snap)) {
        if (!(*works = strdup(snap->works)) ||
            add_note(in, "%s: OpenAlex snapshot (%s layout): reading %s%s%s%s%s", path,
                     snap->layout, snap->works, snap->merged_ids[0] ? ", merged ids from " : "",
                     snap->merged_ids, snap->ignored[0] ? "; not read: " : "", snap->ignored) < 0)
            rc = tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
        else if (snap->merged_ids[0])
            rc = tf_ingest_add_merged(in, snap->merged_ids, err);
    }
    free(snap);
    return rc;
}

/* Folder walks keep the files of the format they were given for. */
static int wants(const char *name, void *ctx)
{
    return tf_format_wants(*(const enum tf_format *)ctx, name);
}

int tf_ingest_add(struct tf_ingest *in, enum tf_format format, const char *path,
                  struct tf_error *err)
{
    if (!tf_format_info(format))
        return tf_error_set(err, TF_ERR_USAGE, path, 0, "unknown input format %d", (int)format);
    char *works = NULL;
    size_t first = in->paths.n;
    int rc = format == TF_FORMAT_OPENALEX ? add_snapshot(in, path, &works, err) : 0;
    if (rc == 0)
        rc = tf_paths_expand(&in->paths, works ? works : path, wants, &format, err);
    free(works);
    if (rc < 0)
        return rc;
    if (in->paths.n > in->cap_formats) {
        size_t cap = in->paths.n * 2;
        enum tf_format *f = realloc(in->formats, cap * sizeof(*f));
        if (!f)
            return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
        in->formats = f;
        in->cap_formats = cap;
    }
    for (size_t i = first; i < in->paths.n; i++)
        in->formats[i] = format;
    return 0;
}

int tf_ingest_load_merged(struct tf_ingest *in, struct tf_error *err)
{
    if (!in->n_merged_paths)
        return 0;
    int rc = tf_merged_new(&in->merged, err);
    for (size_t i = 0; rc == 0 && i < in->n_merged_paths; i++)
        rc = tf_merged_load(in->merged, in->merged_paths[i], &in->skips, err);
    return rc == 0 ? tf_merged_finish(in->merged, err) : rc;
}

size_t tf_ingest_n_notes(const struct tf_ingest *in)
{
    return in->n_notes;
}

const char *tf_ingest_note(const struct tf_ingest *in, size_t i)
{
    return i < in->n_notes ? in->notes[i] : NULL;
}

const struct tf_paths *tf_ingest_paths(const struct tf_ingest *in)
{
    return &in->paths;
}

enum tf_format tf_ingest_format(const struct tf_ingest *in, size_t i)
{
    return in->formats[i];
}

const char *tf_ingest_format_name(const struct tf_ingest *in)
{
    enum tf_format first = in->paths.n ? in->formats[0] : TF_FORMAT_OPENALEX;
    for (size_t i = 1; i < in->paths.n; i++)
        if (in->formats[i] != first)
            return "mixed";
    return tf_format_info(first)->name;
}

uint64_t tf_ingest_total_bytes(const struct tf_ingest *in)
{
    uint64_t total = 0;
    for (size_t i = 0; i < in->paths.n; i++)
        total += in->paths.size[i];
    return total;
}

uint64_t tf_ingest_records(const struct tf_ingest *in)
{
    return in->records;
}

const uint64_t *tf_ingest_crc(const struct tf_ingest *in)
{
    return in->crc;
}

uint64_t tf_ingest_bytes(const struct tf_ingest *in)
{
    return in->bytes;
}

const struct tf_skips *tf_ingest_skips(const struct tf_ingest *in)
{
    return &in->skips;
}

const struct tf_merged *tf_ingest_merged(const struct tf_ingest *in)
{
    return in->merged;
}

uint64_t tf_ingest_remapped(const struct tf_ingest *in)
{
    return in->remapped;
}
