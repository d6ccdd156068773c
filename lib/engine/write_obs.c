/*
 * write_obs.c - observations as CSV that reads back to the same keys and weights.
 *
 * Which copy of a work counts is known only once every input was read, so
 * rows are first written to a spool file (created and unlinked at once in
 * $TMPDIR, so it can never be left behind), with the byte range of each
 * whole work's rows noted in an index beside it. At close, the spool is
 * copied to the destination without the ranges of superseded copies.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/afile.h"
#include "talentflow/copies.h"
#include "talentflow/output.h"
#include "talentflow/text.h"

/* Rows of one copy of a work in the spool. */
struct copy_range {
    uint64_t order;
    uint64_t start, end;
    uint64_t rows;
};

struct tf_obs_writer {
    struct tf_afile file;
    FILE *spool;
    FILE *index; /* struct copy_range, in spool order */
    struct tf_copies *copies;
    uint64_t pos; /* bytes written to the spool; kept here, since ftell costs a system call */
    uint64_t count;
    uint64_t dropped;
    int resolved;
    int resolve_rc; /* what resolving returned, given again to close */
};

/* An unlinked temporary file under $TMPDIR (or /tmp). */
static FILE *scratch_file(void)
{
    const char *dir = getenv("TMPDIR");
    char path[4200];
    snprintf(path, sizeof(path), "%s/talentflow-spool-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    unlink(path);
    FILE *f = fdopen(fd, "w+b");
    if (!f)
        close(fd);
    return f;
}

int tf_obs_writer_open(struct tf_obs_writer **out, const char *path, struct tf_error *err)
{
    *out = NULL;
    struct tf_obs_writer *w = calloc(1, sizeof(*w));
    if (!w)
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    int rc = tf_afile_open(&w->file, path, err);
    if (rc == 0 && (!(w->spool = scratch_file()) || !(w->index = scratch_file())))
        rc = tf_error_set(err, TF_ERR_IO, getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", 0,
                          "cannot create a temporary file: %s", strerror(errno));
    if (rc == 0)
        rc = tf_copies_new(&w->copies, NULL, 1, err);
    if (rc < 0) {
        tf_obs_writer_abort(w);
        return rc;
    }
    static const char header[] = "person,year,country,weight,kind,org,work\n";
    fputs(header, w->spool);
    w->pos = sizeof(header) - 1;
    *out = w;
    return 0;
}

/*
 * Writes a key in display form ("A1", "W2", "I3"), or the id string for
 * hashed ones. Returns the bytes written.
 */
static size_t put_key(FILE *f, int (*fmt)(uint64_t, char *), uint64_t key, const char *name)
{
    char buf[32];
    int n;
    if (name)
        return tf_csv_field(f, name);
    if (!key || (n = fmt(key, buf)) < 0)
        return 0;
    fputs(buf, f);
    return (size_t)n;
}

/* Writes the rows of `rec`; returns the bytes written. */
static uint64_t put_rows(FILE *f, const struct tf_record *rec)
{
    uint64_t bytes = 0;
    for (size_t i = 0; i < rec->n_obs; i++) {
        const struct tf_obs *o = &rec->obs[i];
        char c[3], wt[32];
        bytes += put_key(f, tf_person_format, o->person, rec->names ? rec->names[i] : NULL);
        tf_weight_format(o->weight, wt);
        int n = fprintf(f, ",%d,%s,%s,%s,", o->year, tf_country_code(o->country, c), wt,
                        tf_kind_name(o->kind));
        bytes += n > 0 ? (uint64_t)n : 0;
        bytes += put_key(f, tf_org_format, o->org, NULL);
        fputc(',', f);
        bytes += put_key(f, tf_work_format, o->work, NULL);
        fputc('\n', f);
        bytes += 2;
    }
    return bytes;
}

static int write_failed(struct tf_obs_writer *w, struct tf_error *err)
{
    return tf_error_set(err, TF_ERR_IO, w->file.is_stdout ? "-" : w->file.path, 0,
                        "cannot write: %s", strerror(errno));
}

int tf_obs_writer_add_record(struct tf_obs_writer *w, const struct tf_record *rec, uint64_t order,
                             struct tf_error *err)
{
    if (w->resolved)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "observation writer already resolved");
    int versioned = rec->info.whole && rec->info.work && order;
    struct copy_range r = {order, w->pos, 0, rec->n_obs};
    w->pos += put_rows(w->spool, rec);
    w->count += rec->n_obs;
    if (versioned) {
        int rc = tf_copies_add(w->copies, 0, rec->info.work, rec->info.updated, order, err);
        if (rc < 0)
            return rc;
        r.end = w->pos;
        if (fwrite(&r, sizeof(r), 1, w->index) != 1)
            return write_failed(w, err);
    }
    return ferror(w->spool) ? write_failed(w, err) : 0;
}

int tf_obs_writer_add(struct tf_obs_writer *w, const struct tf_record *rec, struct tf_error *err)
{
    return tf_obs_writer_add_record(w, rec, 0, err);
}

uint64_t tf_obs_writer_count(const struct tf_obs_writer *w)
{
    return w->count - w->dropped;
}

uint64_t tf_obs_writer_superseded(const struct tf_obs_writer *w)
{
    return tf_copies_count_superseded(w->copies);
}

/* Copies spool bytes [*pos, to) to `out` (to UINT64_MAX: to the end), leaving *pos at `to`. */
static int copy_to(FILE *spool, FILE *out, uint64_t *pos, uint64_t to)
{
    char buf[1 << 16];
    while (*pos < to) {
        size_t want = to - *pos < sizeof(buf) ? (size_t)(to - *pos) : sizeof(buf);
        size_t got = fread(buf, 1, want, spool);
        if (got == 0)
            return to == UINT64_MAX && !ferror(spool) ? 0 : -1;
        if (fwrite(buf, 1, got, out) != got)
            return -1;
        *pos += got;
    }
    return 0;
}

/* Copies the whole spool to the destination, leaving out superseded copies' rows. */
static int copy_spool(struct tf_obs_writer *w)
{
    struct copy_range r;
    uint64_t pos = 0;
    if (fflush(w->spool) != 0 || fflush(w->index) != 0 || fseek(w->spool, 0, SEEK_SET) != 0 ||
        fseek(w->index, 0, SEEK_SET) != 0)
        return -1;
    while (fread(&r, sizeof(r), 1, w->index) == 1) {
        if (!tf_copies_superseded(w->copies, r.order))
            continue;
        if (copy_to(w->spool, w->file.f, &pos, r.start) < 0 ||
            fseek(w->spool, (long)r.end, SEEK_SET) != 0)
            return -1;
        w->dropped += r.rows;
        pos = r.end;
    }
    return copy_to(w->spool, w->file.f, &pos, UINT64_MAX);
}

int tf_obs_writer_resolve(struct tf_obs_writer *w, struct tf_error *err)
{
    if (w->resolved)
        return w->resolve_rc ? tf_error_set(err, w->resolve_rc, NULL, 0, "earlier failure") : 0;
    w->resolved = 1;
    int rc = tf_copies_resolve(w->copies, err);
    if (rc == 0 && copy_spool(w) < 0)
        rc = write_failed(w, err);
    w->resolve_rc = rc;
    return rc;
}

int tf_obs_writer_close(struct tf_obs_writer *w, struct tf_error *err)
{
    int rc = tf_obs_writer_resolve(w, err);
    if (rc == 0)
        rc = tf_afile_commit(&w->file, err);
    tf_obs_writer_abort(w);
    return rc;
}

void tf_obs_writer_abort(struct tf_obs_writer *w)
{
    if (!w)
        return;
    tf_afile_abort(&w->file);
    if (w->spool)
        fclose(w->spool);
    if (w->index)
        fclose(w->index);
    tf_copies_free(w->copies);
    free(w);
}
