/* persons.c - per-partition persons files, sorted by id, and their merge. */
#include "engine/persons.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io/workdir.h"

struct name_ref {
    uint64_t offset;
    uint64_t len;
};

/* Adds the id strings of one names file to the writer's table. */
static int load_names_file(void *ctx, FILE *f)
{
    struct tf_persons_out *po = ctx;
    uint64_t person;
    uint32_t len;
    while (fread(&person, sizeof(person), 1, f) == 1) {
        struct name_ref *ref = NULL;
        if (fread(&len, sizeof(len), 1, f) != 1)
            return TF_ERR_IO;
        if (tf_buf_reserve(&po->text, len) < 0)
            return TF_ERR_NOMEM;
        if (fread(po->text.data + po->text.len, 1, len, f) != len)
            return TF_ERR_IO;
        if (!(ref = tf_map_get(&po->names, person)))
            return TF_ERR_NOMEM;
        if (!ref->len) {
            ref->offset = po->text.len;
            ref->len = len;
            po->text.len += len;
        }
    }
    return 0;
}

int tf_persons_out_open(struct tf_persons_out *po, const struct tf_spill *s, unsigned p,
                        unsigned piece, struct tf_error *err)
{
    char path[4200], prefix[32];
    memset(po, 0, sizeof(*po));
    tf_map_init(&po->names, sizeof(struct name_ref));
    tf_buf_init(&po->text, 0);
    tf_buf_init(&po->ids, 0);
    snprintf(prefix, sizeof(prefix), "persons.%03u", p);
    tf_spill_path(s, path, sizeof(path), prefix, piece);
    po->f = fopen(path, "wb");
    int e = errno, opened = po->f != NULL;
    int rc = opened ? tf_spill_each_names(s, p, load_names_file, po) : TF_ERR_IO;
    if (rc < 0) {
        tf_persons_out_close(po, 0, err);
        if (rc == TF_ERR_NOMEM)
            return tf_error_set(err, rc, s->dir, 0, "out of memory");
        return tf_error_set(err, TF_ERR_IO, s->dir, 0, "cannot write persons of partition %u%s%s",
                            p, opened ? "" : ": ", opened ? "" : strerror(e));
    }
    return 0;
}

int tf_persons_out_add(struct tf_persons_out *po, const struct tf_timeline *tl, uint16_t pools)
{
    if (tf_grow((void **)&po->rows, &po->cap, po->n + 1, sizeof(*po->rows)) < 0)
        return TF_ERR_NOMEM;
    const struct tf_tl_year *last = &tl->years[tl->n_years - 1];
    const struct name_ref *ref = tf_map_find(&po->names, tl->person);
    struct tf_person_entry *e = &po->rows[po->n];
    e->id_offset = po->ids.len;
    char id[32];
    int len = ref ? -1 : tf_person_format(tl->person, id);
    /* The id string of a hashed key comes from the names file; others are formatted. */
    int rc = ref ? tf_buf_add(&po->ids, po->text.data + ref->offset, ref->len)
                 : tf_buf_add(&po->ids, id, len > 0 ? (size_t)len : 0);
    if (rc < 0 || tf_buf_add(&po->ids, "", 1) < 0)
        return TF_ERR_NOMEM;
    e->row = (struct tf_disk_person){
        .person = tl->person,
        .first_year = tl->years[0].year,
        .last_year = last->year,
        .moves = tl->moves,
        .works = tl->works,
        .name_len = (uint32_t)(po->ids.len - 1 - e->id_offset),
        .origin = tl->origin,
        .last_country = last->res,
        .pools = pools,
        .cls = tl->cls,
    };
    po->n++;
    return 0;
}

struct sort_ref {
    const char *id;
    const struct tf_person_entry *e;
};

static int cmp_ref(const void *pa, const void *pb)
{
    const struct sort_ref *a = pa, *b = pb;
    int c = strcmp(a->id, b->id);
    if (c)
        return c;
    return (a->e->row.person > b->e->row.person) - (a->e->row.person < b->e->row.person);
}

/* Writes the rows sorted by id string. */
static int write_sorted(struct tf_persons_out *po)
{
    struct sort_ref *refs = calloc(po->n ? po->n : 1, sizeof(*refs));
    if (!refs)
        return TF_ERR_NOMEM;
    for (size_t i = 0; i < po->n; i++)
        refs[i] = (struct sort_ref){po->ids.data + po->rows[i].id_offset, &po->rows[i]};
    qsort(refs, po->n, sizeof(*refs), cmp_ref);
    int rc = 0;
    for (size_t i = 0; i < po->n && rc == 0; i++)
        if (fwrite(&refs[i].e->row, sizeof(refs[i].e->row), 1, po->f) != 1 ||
            fwrite(refs[i].id, 1, refs[i].e->row.name_len, po->f) != refs[i].e->row.name_len)
            rc = TF_ERR_IO;
    free(refs);
    return rc;
}

int tf_persons_out_close(struct tf_persons_out *po, int ok, struct tf_error *err)
{
    int rc = ok ? write_sorted(po) : 0;
    int e = errno;
    if (po->f && fclose(po->f) != 0 && rc == 0) {
        rc = TF_ERR_IO;
        e = errno;
    }
    if (rc == TF_ERR_NOMEM && ok)
        tf_error_set(err, rc, NULL, 0, "out of memory");
    else if (rc < 0 && ok)
        tf_error_set(err, rc, NULL, 0, "cannot write persons: %s", strerror(e));
    po->f = NULL;
    tf_map_release(&po->names);
    tf_buf_release(&po->text);
    tf_buf_release(&po->ids);
    free(po->rows);
    po->rows = NULL;
    po->n = po->cap = 0;
    return ok ? rc : 0;
}

/* A cursor over one partition's persons file. */
struct cursor {
    FILE *f;
    struct tf_disk_person row;
    char *name;
    size_t cap;
};

/* Reads the next row; 1 ok, 0 end, TF_ERR_NOMEM or TF_ERR_IO. */
static int cursor_next(struct cursor *c)
{
    if (!c->f || fread(&c->row, sizeof(c->row), 1, c->f) != 1)
        return 0;
    if (c->row.name_len + 1 > c->cap) {
        char *q = realloc(c->name, c->row.name_len + 1);
        if (!q)
            return TF_ERR_NOMEM;
        c->name = q;
        c->cap = c->row.name_len + 1;
    }
    if (fread(c->name, 1, c->row.name_len, c->f) != c->row.name_len)
        return TF_ERR_IO;
    c->name[c->row.name_len] = '\0';
    return 1;
}

static void emit_row(const struct cursor *c, struct tf_person_row *out)
{
    out->person = c->row.person;
    out->name = c->name;
    out->origin = c->row.origin;
    out->last_country = c->row.last_country;
    out->first_year = c->row.first_year;
    out->last_year = c->row.last_year;
    out->cls = c->row.cls;
    out->moves = c->row.moves;
    out->works = c->row.works;
    out->pools = c->row.pools;
}

static int cursor_less(const struct cursor *a, const struct cursor *b)
{
    int c = strcmp(a->name, b->name);
    return c < 0 || (c == 0 && a->row.person < b->row.person);
}

/* Restores the min-heap property (by id, then key) below position i. */
static void sift_down(struct cursor **h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, m = i;
        if (l < n && cursor_less(h[l], h[m]))
            m = l;
        if (l + 1 < n && cursor_less(h[l + 1], h[m]))
            m = l + 1;
        if (m == i)
            return;
        struct cursor *t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

/* Fills `err` for a cursor_next failure `got` and returns it. */
static int cursor_failed(int got, const char *dir, struct tf_error *err)
{
    if (got == TF_ERR_NOMEM)
        return tf_error_set(err, got, NULL, 0, "out of memory");
    return tf_error_set(err, TF_ERR_IO, dir, 0, "cannot read persons");
}

/*
 * Opens a cursor on every persons file of the work directory (*files of
 * them, to close later) and puts those with rows on the heap (*n).
 */
static int open_cursors(const char *dir, struct cursor **cs, size_t *files, struct cursor ***heap,
                        size_t *n, struct tf_error *err)
{
    size_t cap = 0;
    size_t m = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = d ? 0 : tf_error_set(err, TF_ERR_IO, dir, 0, "cannot list: %s", strerror(errno));
    while (rc == 0 && (e = readdir(d))) {
        if (strncmp(e->d_name, "persons.", 8) != 0)
            continue;
        if (m == cap) {
            cap = cap ? 2 * cap : 64;
            struct cursor *q = realloc(*cs, cap * sizeof(*q));
            if (!q) {
                rc = tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
                break;
            }
            *cs = q;
        }
        char path[4400];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        memset(&(*cs)[m], 0, sizeof((*cs)[m]));
        if (!((*cs)[m++].f = fopen(path, "rb")))
            rc = tf_error_set(err, TF_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    }
    if (d)
        closedir(d);
    *heap = calloc(m ? m : 1, sizeof(**heap));
    if (rc == 0 && !*heap)
        rc = tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; rc == 0 && i < m; i++) {
        int got = cursor_next(&(*cs)[i]);
        if (got < 0)
            rc = cursor_failed(got, dir, err);
        if (got > 0)
            (*heap)[(*n)++] = &(*cs)[i];
    }
    *files = m;
    return rc;
}

int tf_persons_merge(const char *dir, int (*fn)(void *ctx, const struct tf_person_row *row),
                     void *ctx, struct tf_error *err)
{
    struct cursor *cs = NULL, **heap = NULL;
    size_t n = 0, files = 0;
    int rc = open_cursors(dir, &cs, &files, &heap, &n, err);
    for (size_t i = n; i-- > 0;)
        sift_down(heap, n, i);
    while (rc == 0 && n > 0) {
        struct tf_person_row row;
        emit_row(heap[0], &row);
        if ((rc = fn(ctx, &row)) != 0)
            break;
        int got = cursor_next(heap[0]);
        if (got < 0)
            rc = cursor_failed(got, dir, err);
        if (got <= 0)
            heap[0] = heap[--n];
        sift_down(heap, n, 0);
    }
    for (size_t i = 0; i < files; i++) {
        if (cs[i].f)
            fclose(cs[i].f);
        free(cs[i].name);
    }
    free(cs);
    free(heap);
    return rc;
}

/* ---- the kept table ------------------------------------------------------ */

struct tf_person_table {
    char dir[4096];
};

/* Moves every "persons.*" file of `from` into `to`. */
static int move_persons(const char *from, const char *to, struct tf_error *err)
{
    DIR *d = opendir(from);
    struct dirent *e;
    char a[4400], b[4400];
    int rc = d ? 0 : tf_error_set(err, TF_ERR_IO, from, 0, "cannot list: %s", strerror(errno));
    while (rc == 0 && (e = readdir(d))) {
        if (strncmp(e->d_name, "persons.", 8) != 0)
            continue;
        snprintf(a, sizeof(a), "%s/%s", from, e->d_name);
        snprintf(b, sizeof(b), "%s/%s", to, e->d_name);
        if (rename(a, b) != 0)
            rc = tf_error_set(err, TF_ERR_IO, a, 0, "cannot move: %s", strerror(errno));
    }
    if (d)
        closedir(d);
    return rc;
}

int tf_persons_keep(const struct tf_spill *s, const char *tmpdir, struct tf_person_table **out,
                    struct tf_error *err)
{
    struct tf_person_table *t = calloc(1, sizeof(*t));
    *out = NULL;
    if (!t)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    int rc = tf_workdir_make(t->dir, sizeof(t->dir), tmpdir, err);
    if (rc == 0)
        rc = move_persons(s->dir, t->dir, err);
    if (rc < 0) {
        tf_person_table_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

const char *tf_person_table_dir(const struct tf_person_table *t)
{
    return t->dir;
}

void tf_person_table_free(struct tf_person_table *t)
{
    if (!t)
        return;
    tf_workdir_remove(t->dir);
    free(t);
}
