/*
 * pool_sets.c - the sorted sets a pool definition keeps its ids and names
 * in, the venue name rule, and the canonical line of a definition.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "select/pool_def.h"
#include "util/buf.h"

/* Index of the first element not below x. */
static size_t id_lower(const struct tf_idset *s, uint64_t x)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int tf_idset_has(const struct tf_idset *s, uint64_t x)
{
    size_t i = id_lower(s, x);
    return i < s->n && s->v[i] == x;
}

int tf_idset_add(struct tf_idset *s, uint64_t x)
{
    size_t i = id_lower(s, x);
    if (i < s->n && s->v[i] == x)
        return 0;
    if (tf_grow((void **)&s->v, &s->cap, s->n + 1, sizeof(*s->v)) < 0)
        return TF_ERR_NOMEM;
    memmove(s->v + i + 1, s->v + i, (s->n - i) * sizeof(*s->v));
    s->v[i] = x;
    s->n++;
    return 0;
}

static size_t name_lower(const struct tf_nameset *s, const char *x)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(s->v[mid], x) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int tf_nameset_has(const struct tf_nameset *s, const char *x)
{
    size_t i = name_lower(s, x);
    return i < s->n && strcmp(s->v[i], x) == 0;
}

int tf_nameset_add(struct tf_nameset *s, const char *str, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return TF_ERR_NOMEM;
    memcpy(copy, str, len);
    copy[len] = '\0';
    size_t i = name_lower(s, copy);
    if (i < s->n && strcmp(s->v[i], copy) == 0) {
        free(copy);
        return 0;
    }
    if (tf_grow((void **)&s->v, &s->cap, s->n + 1, sizeof(*s->v)) < 0) {
        free(copy);
        return TF_ERR_NOMEM;
    }
    memmove(s->v + i + 1, s->v + i, (s->n - i) * sizeof(*s->v));
    s->v[i] = copy;
    s->n++;
    return 0;
}

static int ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* A word of digits, or digits followed by an ordinal ending ("58th", "1st"). */
static int numeric_word(const char *w, size_t n)
{
    size_t d = 0;
    while (d < n && w[d] >= '0' && w[d] <= '9')
        d++;
    if (d == n)
        return 1;
    if (d == 0 || n - d != 2)
        return 0;
    static const char *const ends[] = {"st", "nd", "rd", "th"};
    for (size_t i = 0; i < 4; i++)
        if ((w[d] | 32) == ends[i][0] && (w[d + 1] | 32) == ends[i][1])
            return 1;
    return 0;
}

int tf_pool_venue_norm(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    while (i < len) {
        while (i < len && !ascii_alnum((unsigned char)s[i]))
            i++;
        size_t start = i;
        while (i < len && ascii_alnum((unsigned char)s[i]))
            i++;
        size_t n = i - start;
        if (!n || numeric_word(s + start, n))
            continue;
        if (o + n + 2 > cap)
            return -1;
        if (o)
            out[o++] = ' ';
        for (size_t k = 0; k < n; k++) {
            char c = s[start + k];
            out[o++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }
    }
    if (cap)
        out[o] = '\0';
    return (int)o;
}

int tf_pool_has_subject(const struct tf_pool_def *d)
{
    return d->topics.n || d->subfields.n || d->fields.n || d->domains.n || d->concepts.n;
}

int tf_pool_has_venue(const struct tf_pool_def *d)
{
    return d->venues.n || d->issns.n || d->venue_names.n;
}

/* ---- the canonical line ------------------------------------------------------ */

/* The line being written; `rc` keeps the first failure. */
struct line {
    struct tf_buf b;
    int rc;
};

#define PUT(l, ...) ((l)->rc = (l)->rc ? (l)->rc : tf_buf_addf(&(l)->b, __VA_ARGS__))
#define SEP(l) ((l)->b.len ? "; " : "")

static void put_ids(struct line *l, const char *key, const char *letter, const struct tf_idset *s)
{
    if (!s->n)
        return;
    PUT(l, "%s%s: ", SEP(l), key);
    for (size_t i = 0; i < s->n; i++)
        PUT(l, "%s%s%llu", i ? ", " : "", letter, (unsigned long long)s->v[i]);
}

static void put_names(struct line *l, const char *key, const struct tf_nameset *s)
{
    for (size_t i = 0; i < s->n; i++)
        PUT(l, "%s%s: %s", SEP(l), key, s->v[i]);
}

int tf_pool_describe(struct tf_pool_def *d)
{
    struct line l = {.rc = 0};
    tf_buf_init(&l.b, 0);
    put_ids(&l, "topic", "T", &d->topics);
    put_ids(&l, "subfield", "", &d->subfields);
    put_ids(&l, "field", "", &d->fields);
    put_ids(&l, "domain", "", &d->domains);
    put_ids(&l, "concept", "C", &d->concepts);
    if (d->concepts.n)
        PUT(&l, "; concept-min-score: %g", d->concept_min);
    put_ids(&l, "venue", "S", &d->venues);
    put_names(&l, "venue", &d->issns);
    put_names(&l, "venue-name", &d->venue_names);
    if (d->top_ppm)
        PUT(&l, "%stop-cited: %g", SEP(&l), (double)d->top_ppm / 10000);
    if (d->has_career && d->career_to == INT_MAX)
        PUT(&l, "%scareer: %d-", SEP(&l), d->career_from);
    else if (d->has_career)
        PUT(&l, "%scareer: %d-%d", SEP(&l), d->career_from, d->career_to);
    PUT(&l, "%smin-works: %u", SEP(&l), d->min_works);
    if (l.rc < 0) {
        tf_buf_release(&l.b);
        return TF_ERR_NOMEM;
    }
    d->definition = l.b.data; /* the line keeps the buffer's memory */
    return 0;
}

void tf_pool_def_release(struct tf_pool_def *d)
{
    struct tf_idset *ids[] = {&d->topics,  &d->subfields, &d->fields,
                              &d->domains, &d->concepts,  &d->venues};
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
        free(ids[i]->v);
    struct tf_nameset *names[] = {&d->issns, &d->venue_names};
    for (size_t i = 0; i < 2; i++) {
        for (size_t k = 0; k < names[i]->n; k++)
            free(names[i]->v[k]);
        free(names[i]->v);
    }
    free(d->thresholds);
    free(d->definition);
    memset(d, 0, sizeof(*d));
}
