/*
 * merged_ids.c - the merged-ids table: sorted arrays searched by bisection.
 *
 * The files are small beside the works (one row per merged entity), so the
 * table lives in memory; sorted arrays cost 16 bytes an author and 8 a work,
 * half of what a hash table would, and a lookup is a few cache misses.
 */
#include "talentflow/merged.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/lines.h"
#include "talentflow/obs.h"
#include "talentflow/source.h"
#include "util/sort.h"
#include "util/buf.h"

/* Longest chain of merges followed; longer ones (or cycles) stop there. */
#define CHAIN_MAX 16

struct author_pair {
    uint64_t from;
    uint64_t into;
};

struct tf_merged {
    struct author_pair *authors;
    size_t n_authors, cap_authors;
    uint64_t *works;
    size_t n_works, cap_works;
};

int tf_merged_new(struct tf_merged **out, struct tf_error *err)
{
    *out = calloc(1, sizeof(**out));
    return *out ? 0 : tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
}

/* Field `i` of a comma-separated line without quotes around it. */
static int field(const char *line, size_t len, int i, const char **s, size_t *n)
{
    const char *p = line, *end = line + len;
    for (; i > 0; i--) {
        const char *c = memchr(p, ',', (size_t)(end - p));
        if (!c)
            return -1;
        p = c + 1;
    }
    const char *c = memchr(p, ',', (size_t)(end - p));
    const char *e = c ? c : end;
    if (e - p >= 2 && *p == '"' && e[-1] == '"') {
        p++;
        e--;
    }
    *s = p;
    *n = (size_t)(e - p);
    return 0;
}

/* The entity letter of an OpenAlex id, bare or as a URL ("W123" -> 'W'); 0 if none. */
static int entity_of(const char *s, size_t n)
{
    static const char url[] = "https://openalex.org/";
    if (n > sizeof(url) - 1 && memcmp(s, url, sizeof(url) - 1) == 0) {
        s += sizeof(url) - 1;
        n -= sizeof(url) - 1;
    }
    return n >= 2 ? s[0] & ~0x20 : 0;
}

enum row_result { ROW_KEPT, ROW_OTHER, ROW_BAD, ROW_NOMEM };

/* Adds one data row; returns an enum row_result. */
static int add_row(struct tf_merged *m, const char *line, size_t len)
{
    const char *a, *b;
    size_t na, nb;
    uint64_t from, into;
    if (field(line, len, 1, &a, &na) < 0 || field(line, len, 2, &b, &nb) < 0)
        return ROW_BAD;
    int kind = entity_of(a, na);
    if (kind != 'A' && kind != 'W')
        return ROW_OTHER;
    if (entity_of(b, nb) != kind)
        return ROW_BAD;
    if (kind == 'W') {
        if (tf_work_parse(a, na, &from) < 0 || tf_work_parse(b, nb, &into) < 0 || !from)
            return ROW_BAD;
        if (tf_grow((void **)&m->works, &m->cap_works, m->n_works + 1, sizeof(*m->works)) < 0)
            return ROW_NOMEM;
        m->works[m->n_works++] = from;
        return ROW_KEPT;
    }
    if (tf_person_parse(a, na, &from) < 0 || tf_person_parse(b, nb, &into) < 0 ||
        (from >> 60) != TF_PERSON_OPENALEX || (into >> 60) != TF_PERSON_OPENALEX)
        return ROW_BAD;
    if (tf_grow((void **)&m->authors, &m->cap_authors, m->n_authors + 1, sizeof(*m->authors)) < 0)
        return ROW_NOMEM;
    m->authors[m->n_authors++] = (struct author_pair){from, into};
    return ROW_KEPT;
}

static int load_file(struct tf_merged *m, const char *path, struct tf_skips *skips,
                     struct tf_error *err)
{
    struct tf_lines *l = NULL;
    const char *line;
    size_t len;
    int rc = tf_lines_open(&l, path, 1 << 16, err);
    while (rc == 0 && (rc = tf_lines_next(l, &line, &len, skips, err)) > 0) {
        rc = 0;
        if (tf_lines_lineno(l) == 1 && len >= 10 && memcmp(line, "merge_date", 10) == 0)
            continue;
        if (len == 0)
            continue;
        int got = add_row(m, line, len);
        if (got == ROW_NOMEM)
            rc = tf_error_set(err, TF_ERR_NOMEM, path, tf_lines_lineno(l), "out of memory");
        else if (got == ROW_BAD && skips)
            tf_skips_add(skips, TF_SKIP_BAD_CSV_ROW, path, tf_lines_lineno(l),
                         "not a merged-id row (merge_date,id,merge_into_id)");
    }
    tf_lines_free(l);
    return rc;
}

static int is_csv(const char *name, void *ctx)
{
    (void)ctx;
    return tf_format_wants(TF_FORMAT_CSV, name);
}

int tf_merged_load(struct tf_merged *m, const char *path, struct tf_skips *skips,
                   struct tf_error *err)
{
    struct tf_paths files;
    tf_paths_init(&files);
    int rc = tf_paths_expand(&files, path, is_csv, NULL, err);
    for (size_t i = 0; rc == 0 && i < files.n; i++)
        rc = load_file(m, files.v[i], skips, err);
    tf_paths_release(&files);
    return rc;
}

static int cmp_pair(const void *pa, const void *pb)
{
    const struct author_pair *a = pa, *b = pb;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    return (a->into > b->into) - (a->into < b->into);
}

static int cmp_from(const void *pa, const void *pb)
{
    uint64_t a = ((const struct author_pair *)pa)->from, b = ((const struct author_pair *)pb)->from;
    return (a > b) - (a < b);
}

/* Index of `from` in the sorted authors, or n_authors. */
static size_t find_author(const struct tf_merged *m, uint64_t from)
{
    struct author_pair key = {from, 0};
    const struct author_pair *p =
        m->n_authors ? bsearch(&key, m->authors, m->n_authors, sizeof(key), cmp_from) : NULL;
    return p ? (size_t)(p - m->authors) : m->n_authors;
}

/* Sorts and drops repeated ids (the last target of a repeated author wins). */
static void sort_unique(struct tf_merged *m)
{
    size_t k = 0;
    /* qsort wants an array even for no elements, and a table may have none of a kind. */
    if (m->n_authors)
        qsort(m->authors, m->n_authors, sizeof(*m->authors), cmp_pair);
    for (size_t i = 0; i < m->n_authors; i++) {
        if (k && m->authors[k - 1].from == m->authors[i].from)
            k--;
        m->authors[k++] = m->authors[i];
    }
    m->n_authors = k;
    k = 0;
    if (m->n_works)
        qsort(m->works, m->n_works, sizeof(*m->works), tf_cmp_u64);
    for (size_t i = 0; i < m->n_works; i++)
        if (!k || m->works[k - 1] != m->works[i])
            m->works[k++] = m->works[i];
    m->n_works = k;
}

int tf_merged_finish(struct tf_merged *m, struct tf_error *err)
{
    (void)err;
    sort_unique(m);
    /* Targets are rewritten in place; a chain walked later sees the shortcut. */
    for (size_t i = 0; i < m->n_authors; i++) {
        uint64_t into = m->authors[i].into;
        for (int hop = 0; hop < CHAIN_MAX; hop++) {
            size_t j = find_author(m, into);
            if (j == m->n_authors || m->authors[j].into == into)
                break;
            into = m->authors[j].into;
        }
        m->authors[i].into = into;
    }
    return 0;
}

uint64_t tf_merged_person(const struct tf_merged *m, uint64_t person)
{
    size_t i = find_author(m, person);
    return i < m->n_authors ? m->authors[i].into : person;
}

int tf_merged_work_gone(const struct tf_merged *m, uint64_t work)
{
    return m->n_works && bsearch(&work, m->works, m->n_works, sizeof(work), tf_cmp_u64) != NULL;
}

uint64_t tf_merged_authors(const struct tf_merged *m)
{
    return m->n_authors;
}

uint64_t tf_merged_works(const struct tf_merged *m)
{
    return m->n_works;
}

void tf_merged_free(struct tf_merged *m)
{
    if (!m)
        return;
    free(m->authors);
    free(m->works);
    free(m);
}
