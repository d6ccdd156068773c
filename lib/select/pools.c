/*
 * pools.c - the pools of a run: adding definitions (presets, one-line
 * criteria, pool files), judging works, ranking citations, and deciding
 * who belongs.
 */
#include "talentflow/pools.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "select/pool_def.h"
#include "util/buf.h"
#include "util/map.h"
#include "util/sort.h"

struct tf_pools {
    struct tf_pool_def defs[TF_POOLS_MAX];
    size_t n;
    struct tf_map cited; /* (year << 32 | citations) -> works */
    int ranked;
};

int tf_pools_new(struct tf_pools **out, struct tf_error *err)
{
    *out = calloc(1, sizeof(**out));
    if (!*out)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    tf_map_init(&(*out)->cited, sizeof(uint64_t));
    return 0;
}

size_t tf_pools_count(const struct tf_pools *p)
{
    return p ? p->n : 0;
}

const char *tf_pools_name(const struct tf_pools *p, size_t i)
{
    return i < p->n ? p->defs[i].name : NULL;
}

const char *tf_pools_definition(const struct tf_pools *p, size_t i)
{
    return i < p->n ? p->defs[i].definition : NULL;
}

/* Names: 1 to TF_POOL_NAME_MAX of a-z, 0-9, '-', '_', not "all". */
static int check_name(const char *s, size_t len, const char *where, uint64_t line,
                      struct tf_error *err)
{
    int ok = len > 0 && len <= TF_POOL_NAME_MAX && !(len == 3 && memcmp(s, "all", 3) == 0);
    for (size_t i = 0; ok && i < len; i++)
        ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
             s[i] == '_';
    if (!ok)
        return tf_error_set(err, TF_ERR_USAGE, where, line,
                            "pool name '%.*s': use 1 to %d of a-z, 0-9, '-' and '_' (not 'all')",
                            (int)(len > 64 ? 64 : len), s, TF_POOL_NAME_MAX);
    return 0;
}

/* Takes the next slot for a pool called s[0..len). */
static int new_def(struct tf_pools *p, const char *s, size_t len, const char *where, uint64_t line,
                   struct tf_pool_def **out, struct tf_error *err)
{
    int rc = check_name(s, len, where, line, err);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < p->n; i++)
        if (strlen(p->defs[i].name) == len && memcmp(p->defs[i].name, s, len) == 0)
            return tf_error_set(err, TF_ERR_USAGE, where, line, "pool '%.*s' is given twice",
                                (int)len, s);
    if (p->n == TF_POOLS_MAX)
        return tf_error_set(err, TF_ERR_USAGE, where, line, "at most %d pools in one run",
                            TF_POOLS_MAX);
    struct tf_pool_def *d = &p->defs[p->n];
    memset(d, 0, sizeof(*d));
    memcpy(d->name, s, len);
    d->min_works = 1;
    *out = d;
    return 0;
}

/* Checks the definition is usable and makes its canonical line; the slot is taken on success. */
static int finish_def(struct tf_pools *p, struct tf_pool_def *d, const char *where,
                      struct tf_error *err)
{
    int rc = 0;
    if (!tf_pool_has_subject(d) && !tf_pool_has_venue(d) && !d->top_ppm && !d->has_career)
        rc = tf_error_set(err, TF_ERR_USAGE, where, 0,
                          "pool '%s' has no criterion (topic, subfield, field, domain, concept, "
                          "venue, top-cited or career)",
                          d->name);
    else if ((rc = tf_pool_describe(d)) < 0)
        rc = tf_error_set(err, rc, NULL, 0, "out of memory");
    if (rc < 0)
        tf_pool_def_release(d);
    else
        p->n++;
    return rc;
}

static int add_preset(struct tf_pools *p, const char *name, struct tf_error *err)
{
    size_t n = 0;
    const struct tf_pool_preset *ps = tf_pool_presets(&n);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(ps[i].name, name) != 0)
            continue;
        struct tf_pool_def *d = NULL;
        int rc = new_def(p, name, strlen(name), NULL, 0, &d, err);
        if (rc == 0 && (rc = tf_pool_parse_criteria(d, ps[i].spec, NULL, err)) < 0)
            tf_pool_def_release(d);
        return rc < 0 ? rc : finish_def(p, d, NULL, err);
    }
    char names[256] = "";
    for (size_t i = 0; i < n; i++)
        snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", i ? ", " : "",
                 ps[i].name);
    return tf_error_set(err, TF_ERR_USAGE, NULL, 0,
                        "unknown pool '%.64s': the presets are %s; or give NAME=CRITERIA or @FILE",
                        name, names);
}

static int add_inline(struct tf_pools *p, const char *spec, const char *eq, struct tf_error *err)
{
    struct tf_pool_def *d = NULL;
    size_t len = (size_t)(eq - spec);
    while (len && (spec[len - 1] == ' ' || spec[len - 1] == '\t'))
        len--;
    int rc = new_def(p, spec, len, NULL, 0, &d, err);
    if (rc == 0 && (rc = tf_pool_parse_criteria(d, eq + 1, NULL, err)) < 0)
        tf_pool_def_release(d);
    return rc < 0 ? rc : finish_def(p, d, NULL, err);
}

/* The value of the file's "name:" line into name[], or "" when there is none. */
static void file_name(FILE *f, char name[64], uint64_t *line)
{
    char buf[1024];
    name[0] = '\0';
    *line = 0;
    for (uint64_t n = 1; fgets(buf, sizeof(buf), f); n++) {
        const char *s = buf + strspn(buf, " \t");
        if (strncmp(s, "name:", 5) != 0)
            continue;
        s += 5 + strspn(s + 5, " \t");
        size_t len = strcspn(s, " \t\r\n#");
        snprintf(name, 64, "%.*s", (int)(len < 63 ? len : 63), s);
        *line = n;
        break;
    }
    rewind(f);
}

/* The criteria lines of the file (every line but comments, blanks and "name:"). */
static int file_criteria(FILE *f, struct tf_pool_def *d, const char *path, struct tf_error *err)
{
    char dir[4096], buf[4096];
    snprintf(dir, sizeof(dir), "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof(dir), ".");
    int rc = 0;
    for (uint64_t n = 1; rc == 0 && fgets(buf, sizeof(buf), f); n++) {
        size_t len = strcspn(buf, "#\n");
        const char *s = buf + strspn(buf, " \t");
        if (strncmp(s, "name:", 5) == 0)
            continue;
        if (len == sizeof(buf) - 1)
            return tf_error_set(err, TF_ERR_USAGE, path, n, "line too long");
        rc = tf_pool_parse_line(d, buf, len, dir, path, n, err);
    }
    return rc;
}

static int add_file(struct tf_pools *p, const char *path, struct tf_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return tf_error_set(err, TF_ERR_IO, path, 0, "cannot read pool file: %s", strerror(errno));
    char name[64];
    uint64_t line;
    struct tf_pool_def *d = NULL;
    file_name(f, name, &line);
    int rc = *name ? new_def(p, name, strlen(name), path, line, &d, err)
                   : tf_error_set(err, TF_ERR_USAGE, path, 0, "pool file has no 'name:' line");
    if (rc == 0 && (rc = file_criteria(f, d, path, err)) < 0)
        tf_pool_def_release(d);
    fclose(f);
    return rc < 0 ? rc : finish_def(p, d, path, err);
}

int tf_pools_add(struct tf_pools *p, const char *spec, struct tf_error *err)
{
    if (spec[0] == '@')
        return add_file(p, spec + 1, err);
    const char *eq = strchr(spec, '=');
    return eq ? add_inline(p, spec, eq, err) : add_preset(p, spec, err);
}

/* ---- works ------------------------------------------------------------------- */

static int subject_match(const struct tf_pool_def *d, const struct tf_work_info *w)
{
    for (size_t i = 0; i < w->n_topics; i++) {
        const struct tf_topic *t = &w->topics[i];
        if ((d->topics.n && tf_idset_has(&d->topics, t->id)) ||
            (d->subfields.n && tf_idset_has(&d->subfields, t->subfield)) ||
            (d->fields.n && tf_idset_has(&d->fields, t->field)) ||
            (d->domains.n && tf_idset_has(&d->domains, t->domain)))
            return 1;
    }
    for (size_t i = 0; d->concepts.n && i < w->n_concepts; i++)
        if (w->concepts[i].score >= d->concept_min && tf_idset_has(&d->concepts, w->concepts[i].id))
            return 1;
    return 0;
}

/* `norm` is the work's venue name normalised ("" when none). */
static int venue_match(const struct tf_pool_def *d, const struct tf_work_info *w, const char *norm)
{
    return (w->venue && tf_idset_has(&d->venues, w->venue)) ||
           (w->venue_issn_l[0] && tf_nameset_has(&d->issns, w->venue_issn_l)) ||
           (*norm && tf_nameset_has(&d->venue_names, norm));
}

uint16_t tf_pools_match_work(const struct tf_pools *p, const struct tf_work_info *w)
{
    if (!p || !p->n)
        return 0;
    char norm[512] = "";
    if (w->venue_name &&
        tf_pool_venue_norm(w->venue_name, w->venue_name_len, norm, sizeof(norm)) < 0)
        norm[0] = '\0';
    uint16_t mask = 0;
    for (size_t i = 0; i < p->n; i++) {
        const struct tf_pool_def *d = &p->defs[i];
        if ((!tf_pool_has_subject(d) || subject_match(d, w)) &&
            (!tf_pool_has_venue(d) || venue_match(d, w, norm)))
            mask |= (uint16_t)(1u << i);
    }
    return mask;
}

/* ---- citation ranks ------------------------------------------------------------ */

int tf_pools_ranks_citations(const struct tf_pools *p)
{
    for (size_t i = 0; p && i < p->n; i++)
        if (p->defs[i].top_ppm)
            return 1;
    return 0;
}

int tf_pools_count_cited(struct tf_pools *p, int year, uint32_t cited)
{
    return tf_pools_add_cited(p, year, cited, 1);
}

int tf_pools_add_cited(struct tf_pools *p, int year, uint32_t cited, uint64_t works)
{
    if (year < TF_YEAR_MIN || year > TF_YEAR_MAX)
        return 0;
    uint64_t *n = tf_map_get(&p->cited, ((uint64_t)year << 32) | cited);
    if (!n)
        return TF_ERR_NOMEM;
    *n += works;
    return 0;
}

int tf_pools_each_cited(const struct tf_pools *p,
                        int (*fn)(void *ctx, int year, uint32_t cited, uint64_t works), void *ctx)
{
    size_t pos = 0;
    uint64_t key;
    void *val;
    int rc = 0;
    while (rc == 0 && p && tf_map_next(&p->cited, &pos, &key, &val))
        rc = fn(ctx, (int)(key >> 32), (uint32_t)key, *(uint64_t *)val);
    return rc;
}

struct cited_count {
    uint64_t key; /* year << 32 | citations */
    uint64_t n;
};

/* Descending: later years first, then more citations first. */
static int cmp_cited_desc(const void *pa, const void *pb)
{
    const struct cited_count *a = pa, *b = pb;
    return (a->key < b->key) - (a->key > b->key);
}

/* Pool d's threshold for each year from the counts c[0..n), sorted descending. */
static void set_thresholds(struct tf_pool_def *d, const struct cited_count *c, size_t n,
                           const uint64_t *year_total)
{
    for (size_t i = 0; i < n;) {
        int year = (int)(c[i].key >> 32);
        uint64_t total = year_total[year - TF_YEAR_MIN], above = 0;
        size_t j = i;
        for (; j < n && (int)(c[j].key >> 32) == year; j++) {
            uint32_t cited = (uint32_t)c[j].key;
            if (cited >= 1 && above * 1000000 < d->top_ppm * total)
                d->thresholds[year - TF_YEAR_MIN] = cited;
            above += c[j].n;
        }
        i = j;
    }
}

int tf_pools_rank(struct tf_pools *p, struct tf_error *err)
{
    p->ranked = 1;
    if (!tf_pools_ranks_citations(p))
        return 0;
    struct cited_count *c = malloc((p->cited.n ? p->cited.n : 1) * sizeof(*c));
    uint64_t *total = calloc(TF_POOL_YEARS, sizeof(*total));
    size_t n = 0, pos = 0;
    uint64_t key;
    void *val;
    int rc = c && total ? 0 : TF_ERR_NOMEM;
    while (rc == 0 && tf_map_next(&p->cited, &pos, &key, &val)) {
        c[n++] = (struct cited_count){key, *(uint64_t *)val};
        total[(key >> 32) - TF_YEAR_MIN] += *(uint64_t *)val;
    }
    if (rc == 0)
        qsort(c, n, sizeof(*c), cmp_cited_desc);
    for (size_t i = 0; rc == 0 && i < p->n; i++) {
        struct tf_pool_def *d = &p->defs[i];
        if (!d->top_ppm)
            continue;
        if (!(d->thresholds = calloc(TF_POOL_YEARS, sizeof(*d->thresholds))))
            rc = TF_ERR_NOMEM;
        else
            set_thresholds(d, c, n, total);
    }
    free(c);
    free(total);
    return rc < 0 ? tf_error_set(err, rc, NULL, 0, "out of memory ranking citations") : 0;
}

uint32_t tf_pools_threshold(const struct tf_pools *p, size_t i, int year)
{
    if (i >= p->n || !p->defs[i].thresholds || year < TF_YEAR_MIN || year > TF_YEAR_MAX)
        return 0;
    return p->defs[i].thresholds[year - TF_YEAR_MIN];
}

/* ---- people ------------------------------------------------------------------- */

void tf_pools_scratch_init(struct tf_pools_scratch *s)
{
    memset(s, 0, sizeof(*s));
}

void tf_pools_scratch_release(struct tf_pools_scratch *s)
{
    free(s->works);
    memset(s, 0, sizeof(*s));
}

/* Whether observation o (of a person first seen in `first`) matches pool d entirely. */
static int obs_matches(const struct tf_pool_def *d, const struct tf_obs *o, int first)
{
    if (d->top_ppm) {
        uint32_t t = d->thresholds ? d->thresholds[o->year - TF_YEAR_MIN] : 0;
        if (!t || o->cited < t)
            return 0;
    }
    int since = o->year - first;
    return !d->has_career || (since >= d->career_from && since <= d->career_to);
}

/* Distinct works among the observations matching pool i (each unknown work counts once). */
static int64_t matching_works(const struct tf_pools *p, size_t i, const struct tf_obs *obs,
                              size_t n, struct tf_pools_scratch *s)
{
    const struct tf_pool_def *d = &p->defs[i];
    size_t m = 0, unknown = 0;
    for (size_t k = 0; k < n; k++) {
        if (!(obs[k].pools & (1u << i)) || !obs_matches(d, &obs[k], obs[0].year))
            continue;
        if (!obs[k].work) {
            unknown++;
            continue;
        }
        if (tf_grow((void **)&s->works, &s->cap, m + 1, sizeof(*s->works)) < 0)
            return -1;
        s->works[m++] = obs[k].work;
    }
    if (m > 1)
        qsort(s->works, m, sizeof(*s->works), tf_cmp_u64);
    size_t distinct = m ? 1 : 0;
    for (size_t k = 1; k < m; k++)
        distinct += s->works[k] != s->works[k - 1];
    return (int64_t)(distinct + unknown);
}

int32_t tf_pools_members(const struct tf_pools *p, const struct tf_obs *obs, size_t n,
                         struct tf_pools_scratch *s)
{
    uint16_t any = 0;
    for (size_t k = 0; k < n; k++)
        any |= obs[k].pools;
    int32_t mask = 0;
    for (size_t i = 0; p && i < p->n; i++) {
        if (!(any & (1u << i)))
            continue;
        int64_t works = matching_works(p, i, obs, n, s);
        if (works < 0)
            return -1;
        if (works >= (int64_t)p->defs[i].min_works)
            mask |= (int32_t)(1u << i);
    }
    return mask;
}

void tf_pools_free(struct tf_pools *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        tf_pool_def_release(&p->defs[i]);
    tf_map_release(&p->cited);
    free(p);
}
