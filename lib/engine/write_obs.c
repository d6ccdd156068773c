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
#include "util/buf.h"
#include "util/digits.h"

/* Rows of one copy of a work in a lane's spool. */
struct copy_range {
    uint64_t order;
    uint64_t start, end;
    uint64_t rows;
};

/* The rows of one input file: a byte range of a lane's spool and of its index. */
struct segment {
    uint32_t rank; /* the file's place in the read order (tf_copies_order's high bits) */
    unsigned lane;
    uint64_t start, end;           /* spool bytes */
    uint64_t first_range, n_range; /* entries of the lane's index */
};

/* What one reader lane writes: its spool, the index of its whole works, its files. */
struct lane {
    FILE *spool;
    char *spool_buf; /* the spool's buffer; NULL: the C library's */
    FILE *index;     /* struct copy_range, in spool order */
    uint64_t pos;    /* bytes written to the spool; kept here, since ftell costs a system call */
    uint64_t ranges; /* entries of the index */
    uint64_t count;  /* rows */
    struct segment *segs;
    size_t n_segs, cap_segs;
};

struct tf_obs_writer {
    struct tf_afile file;
    struct lane *lanes;
    unsigned n_lanes;
    struct tf_copies *copies;
    uint64_t dropped;
    int resolved;
    int resolve_rc; /* what resolving returned, given again to close */
};

/* Buffer of a lane's spool: rows of about 60 bytes go out in large writes. */
#define SPOOL_BUFFER ((size_t)1 << 18)

/*
 * An unlinked temporary file under $TMPDIR (or /tmp), buffered by `buf`
 * (SPOOL_BUFFER bytes, kept until it is closed) or, when NULL, by the C
 * library (which ignores a size given without a buffer).
 */
static FILE *scratch_file(char *buf)
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
    else if (buf)
        setvbuf(f, buf, _IOFBF, SPOOL_BUFFER);
    return f;
}

int tf_obs_writer_open_lanes(struct tf_obs_writer **out, const char *path, unsigned lanes,
                             struct tf_error *err)
{
    *out = NULL;
    lanes = lanes ? lanes : 1;
    struct tf_obs_writer *w = calloc(1, sizeof(*w));
    if (!w || !(w->lanes = calloc(lanes, sizeof(*w->lanes)))) {
        free(w);
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    }
    w->n_lanes = lanes;
    int rc = tf_afile_open(&w->file, path, err);
    for (unsigned l = 0; rc == 0 && l < lanes; l++)
        if (!(w->lanes[l].spool = scratch_file(w->lanes[l].spool_buf = malloc(SPOOL_BUFFER))) ||
            !(w->lanes[l].index = scratch_file(NULL)))
            rc = tf_error_set(err, TF_ERR_IO, getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", 0,
                              "cannot create a temporary file: %s", strerror(errno));
    if (rc == 0)
        rc = tf_copies_new(&w->copies, NULL, lanes, err);
    if (rc < 0) {
        tf_obs_writer_abort(w);
        return rc;
    }
    *out = w;
    return 0;
}

int tf_obs_writer_open(struct tf_obs_writer **out, const char *path, struct tf_error *err)
{
    return tf_obs_writer_open_lanes(out, path, 1, err);
}

/*
 * Appends a key in display form ("A1", "W2", "I3") at `p` (at most 31
 * bytes); nothing for no key or a hashed one. Returns the end.
 */
static char *put_key(char *p, int (*fmt)(uint64_t, char *), uint64_t key)
{
    int n = key ? fmt(key, p) : -1;
    return n > 0 ? p + n : p;
}

/* Appends `s` (at most `max` bytes of it) at `p`. Returns the end. */
static char *put_text(char *p, const char *s, size_t max)
{
    size_t n = s ? strnlen(s, max) : 0;
    memcpy(p, s ? s : "", n);
    return p + n;
}

/* The most one row takes in put_rows's block, its person's id string aside. */
#define ROW_MAX 256

/*
 * Writes the rows of `rec`; returns the bytes written. The rows are put
 * together in a block and written at once: a million rows through
 * fprintf's format parsing cost a fifth of an extract.
 */
static uint64_t put_rows(FILE *f, const struct tf_record *rec)
{
    uint64_t bytes = 0;
    char block[16 * ROW_MAX], *p = block;
    for (size_t i = 0; i < rec->n_obs; i++) {
        const struct tf_obs *o = &rec->obs[i];
        char c[3];
        const char *name = rec->names ? rec->names[i] : NULL;
        if (p + ROW_MAX > block + sizeof(block) || name) {
            fwrite(block, 1, (size_t)(p - block), f);
            bytes += (uint64_t)(p - block);
            p = block;
        }
        if (name)
            bytes += tf_csv_field(f, name); /* an id string of any length */
        else
            p = put_key(p, tf_person_format, o->person);
        *p++ = ',';
        p = tf_put_i64(p, o->year);
        *p++ = ',';
        p = put_text(p, tf_country_code(o->country, c), 2);
        *p++ = ',';
        p += tf_weight_format(o->weight, p);
        *p++ = ',';
        p = put_text(p, tf_kind_name(o->kind), 32);
        *p++ = ',';
        p = put_key(p, tf_org_format, o->org);
        *p++ = ',';
        p = put_key(p, tf_work_format, o->work);
        *p++ = '\n';
    }
    fwrite(block, 1, (size_t)(p - block), f);
    return bytes + (uint64_t)(p - block);
}

static int write_failed(struct tf_obs_writer *w, struct tf_error *err)
{
    return tf_error_set(err, TF_ERR_IO, w->file.is_stdout ? "-" : w->file.path, 0,
                        "cannot write: %s", strerror(errno));
}

/* The lane's segment for file `rank`: the last one, or a new one when the file changed. */
static struct segment *segment_of(struct lane *ln, unsigned lane, uint32_t rank)
{
    struct segment *g = ln->n_segs ? &ln->segs[ln->n_segs - 1] : NULL;
    if (g && g->rank == rank)
        return g;
    if (tf_grow((void **)&ln->segs, &ln->cap_segs, ln->n_segs + 1, sizeof(*ln->segs)) < 0)
        return NULL;
    g = &ln->segs[ln->n_segs++];
    *g = (struct segment){rank, lane, ln->pos, ln->pos, ln->ranges, 0};
    return g;
}

int tf_obs_writer_add_lane(struct tf_obs_writer *w, unsigned lane, const struct tf_record *rec,
                           uint64_t order, struct tf_error *err)
{
    if (w->resolved)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "observation writer already resolved");
    if (lane >= w->n_lanes)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "lane %u of %u", lane, w->n_lanes);
    struct lane *ln = &w->lanes[lane];
    struct segment *g = segment_of(ln, lane, (uint32_t)(order >> 40));
    if (!g)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    int versioned = rec->info.whole && rec->info.work && order;
    struct copy_range r = {order, ln->pos, 0, rec->n_obs};
    ln->pos += put_rows(ln->spool, rec);
    g->end = ln->pos;
    ln->count += rec->n_obs;
    if (versioned) {
        int rc = tf_copies_add(w->copies, lane, rec->info.work, rec->info.updated, order, err);
        if (rc < 0)
            return rc;
        r.end = ln->pos;
        if (fwrite(&r, sizeof(r), 1, ln->index) != 1)
            return write_failed(w, err);
        ln->ranges++;
        g->n_range++;
    }
    return ferror(ln->spool) ? write_failed(w, err) : 0;
}

int tf_obs_writer_add_record(struct tf_obs_writer *w, const struct tf_record *rec, uint64_t order,
                             struct tf_error *err)
{
    return tf_obs_writer_add_lane(w, 0, rec, order, err);
}

int tf_obs_writer_add(struct tf_obs_writer *w, const struct tf_record *rec, struct tf_error *err)
{
    return tf_obs_writer_add_record(w, rec, 0, err);
}

uint64_t tf_obs_writer_count(const struct tf_obs_writer *w)
{
    uint64_t count = 0;
    for (unsigned l = 0; l < w->n_lanes; l++)
        count += w->lanes[l].count;
    return count - w->dropped;
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

/* Copies one file's rows from its lane's spool, leaving out superseded copies' rows. */
static int copy_segment(struct tf_obs_writer *w, const struct segment *g)
{
    struct lane *ln = &w->lanes[g->lane];
    struct copy_range r;
    uint64_t pos = g->start;
    if (fseeko(ln->spool, (off_t)g->start, SEEK_SET) != 0 ||
        fseeko(ln->index, (off_t)(g->first_range * sizeof(r)), SEEK_SET) != 0)
        return -1;
    for (uint64_t i = 0; i < g->n_range; i++) {
        if (fread(&r, sizeof(r), 1, ln->index) != 1)
            return -1;
        if (!tf_copies_superseded(w->copies, r.order))
            continue;
        if (copy_to(ln->spool, w->file.f, &pos, r.start) < 0 ||
            fseeko(ln->spool, (off_t)r.end, SEEK_SET) != 0)
            return -1;
        w->dropped += r.rows;
        pos = r.end;
    }
    return copy_to(ln->spool, w->file.f, &pos, g->end);
}

static int cmp_segment(const void *pa, const void *pb)
{
    const struct segment *a = pa, *b = pb;
    return (a->rank > b->rank) - (a->rank < b->rank);
}

/*
 * Writes the header and every file's rows in the read order (files by path,
 * as tf_copies_order ranks them), whichever lane read them.
 */
static int copy_spools(struct tf_obs_writer *w)
{
    static const char header[] = "person,year,country,weight,kind,org,work\n";
    size_t n = 0;
    for (unsigned l = 0; l < w->n_lanes; l++) {
        n += w->lanes[l].n_segs;
        if (fflush(w->lanes[l].spool) != 0 || fflush(w->lanes[l].index) != 0)
            return -1;
    }
    struct segment *all = malloc((n + 1) * sizeof(*all));
    if (!all)
        return -2;
    n = 0;
    for (unsigned l = 0; l < w->n_lanes; l++) {
        if (!w->lanes[l].n_segs) /* a lane that read nothing has no array */
            continue;
        memcpy(all + n, w->lanes[l].segs, w->lanes[l].n_segs * sizeof(*all));
        n += w->lanes[l].n_segs;
    }
    qsort(all, n, sizeof(*all), cmp_segment);
    int rc = fputs(header, w->file.f) < 0 ? -1 : 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = copy_segment(w, &all[i]);
    free(all);
    return rc;
}

int tf_obs_writer_resolve(struct tf_obs_writer *w, struct tf_error *err)
{
    if (w->resolved)
        return w->resolve_rc ? tf_error_set(err, w->resolve_rc, NULL, 0, "earlier failure") : 0;
    w->resolved = 1;
    int rc = tf_copies_resolve(w->copies, err);
    int crc = rc == 0 ? copy_spools(w) : 0;
    if (crc == -2)
        rc = tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    else if (crc < 0)
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
    for (unsigned l = 0; w->lanes && l < w->n_lanes; l++) {
        if (w->lanes[l].spool)
            fclose(w->lanes[l].spool);
        if (w->lanes[l].index)
            fclose(w->lanes[l].index);
        free(w->lanes[l].spool_buf);
        free(w->lanes[l].segs);
    }
    free(w->lanes);
    tf_copies_free(w->copies);
    free(w);
}
