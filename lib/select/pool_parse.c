/*
 * pool_parse.c - pool criteria from text: "key:v1,v2;key:v" on the command
 * line, "key: v1, v2" lines in a pool file, one venue a line in a venue list.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "select/pool_def.h"

/* What one parse is about, for its error messages. */
struct place {
    struct tf_pool_def *d;
    const char *dir;   /* relative venue-file paths start here (NULL: the working folder) */
    const char *where; /* the file, or NULL for the command line */
    uint64_t line;
    struct tf_error *err;
};

/* A usage error "pool 'NAME': <printf text>" at the place. */
__attribute__((format(printf, 2, 3))) static int bad(const struct place *pl, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    return tf_error_set(pl->err, TF_ERR_USAGE, pl->where, pl->line, "pool '%s': %s", pl->d->name,
                        what);
}

/* Text of at most 120 bytes for a message. */
#define SHOW(s, len) (int)((len) > 120 ? 120 : (len)), (s)

static int nomem(const struct place *pl)
{
    return tf_error_set(pl->err, TF_ERR_NOMEM, pl->where, pl->line, "out of memory");
}

static void trim(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t'))
        (*s)++, (*len)--;
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r'))
        (*len)--;
}

/* Digits only, no overflow past 60 bits. */
static int digits(const char *s, size_t len, uint64_t *out)
{
    uint64_t v = 0;
    if (!len || len > 18)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

/*
 * An OpenAlex id in URL or bare form: "https://openalex.org/T10320",
 * "T10320", "10320", ".../subfields/1702". `letter` is the entity's letter
 * (T, C, S) or 0 for subfields, fields and domains, which have none.
 */
static int parse_id(const char *s, size_t len, char letter, uint64_t *out)
{
    const char *end = s + len, *p = end;
    while (p > s && p[-1] != '/')
        p--;
    if (p < end && letter && (*p == letter || *p == letter + 32))
        p++;
    return digits(p, (size_t)(end - p), out) == 0 && *out ? 0 : -1;
}

/* "1234-567X": four digits, a hyphen, three digits and a digit or X. */
static int is_issn(const char *s, size_t len)
{
    if (len != 9 || s[4] != '-')
        return 0;
    for (size_t i = 0; i < 9; i++)
        if (i != 4 && !(s[i] >= '0' && s[i] <= '9') && !(i == 8 && (s[i] == 'X' || s[i] == 'x')))
            return 0;
    return 1;
}

/*
 * A venue given by its display name, whatever it looks like: "venue-name:
 * S43" is a name, and the canonical definition, which lists names as
 * venue-name, reads back as the same pool.
 */
static int add_venue_name(const struct place *pl, const char *s, size_t len)
{
    char norm[512];
    int n = tf_pool_venue_norm(s, len, norm, sizeof(norm));
    if (n <= 0)
        return bad(pl, "venue '%.*s' has no words to match", SHOW(s, len));
    return tf_nameset_add(&pl->d->venue_names, norm, (size_t)n) < 0 ? nomem(pl) : 0;
}

/* A venue given as an OpenAlex source id, an ISSN-L or a name. */
static int add_venue(const struct place *pl, const char *s, size_t len)
{
    struct tf_pool_def *d = pl->d;
    uint64_t id;
    int looks_id = len > 1 && (s[0] == 'S' || s[0] == 's' || memchr(s, '/', len)) &&
                   parse_id(s, len, 'S', &id) == 0;
    if (looks_id)
        return tf_idset_add(&d->venues, id) < 0 ? nomem(pl) : 0;
    if (!is_issn(s, len))
        return add_venue_name(pl, s, len);
    char issn[10];
    memcpy(issn, s, 9);
    issn[8] = issn[8] == 'x' ? 'X' : issn[8];
    return tf_nameset_add(&d->issns, issn, 9) < 0 ? nomem(pl) : 0;
}

/* One venue a line ('#' starts a comment); an empty list is an error. */
static int read_venue_file(const struct place *pl, const char *path, size_t plen)
{
    char full[4096];
    int rel = pl->dir && *pl->dir && path[0] != '/';
    snprintf(full, sizeof(full), "%s%s%.*s", rel ? pl->dir : "", rel ? "/" : "", (int)plen, path);
    FILE *f = fopen(full, "r");
    if (!f)
        return tf_error_set(pl->err, TF_ERR_IO, full, 0, "cannot read venue list: %s",
                            strerror(errno));
    struct place in = {pl->d, NULL, full, 0, pl->err};
    char buf[1024];
    int rc = 0, any = 0;
    while (rc == 0 && fgets(buf, sizeof(buf), f)) {
        in.line++;
        const char *s = buf;
        size_t len = strcspn(buf, "#\n");
        trim(&s, &len);
        if (len && (rc = add_venue(&in, s, len)) == 0)
            any = 1;
    }
    fclose(f);
    if (rc == 0 && !any)
        rc = tf_error_set(pl->err, TF_ERR_USAGE, full, 0, "pool '%s': the venue list is empty",
                          pl->d->name);
    return rc;
}

static int parse_number(const struct place *pl, const char *key, const char *s, size_t len,
                        double lo, double hi, double *out)
{
    char buf[64], *end;
    snprintf(buf, sizeof(buf), "%.*s", (int)(len < 63 ? len : 63), s);
    double v = strtod(buf, &end);
    if (!len || len > 63 || *end || !(v >= lo && v <= hi))
        return bad(pl, "%s wants a number from %g to %g, not '%.*s'", key, lo, hi, SHOW(s, len));
    *out = v;
    return 0;
}

/* "A-B", "A-" or "A": years since the first observation. */
static int parse_career(const struct place *pl, const char *s, size_t len)
{
    const char *dash = memchr(s, '-', len);
    uint64_t a, b = INT_MAX;
    size_t alen = dash ? (size_t)(dash - s) : len;
    size_t blen = dash ? len - alen - 1 : 0;
    if (digits(s, alen, &a) < 0 || a > 200 || (blen && (digits(dash + 1, blen, &b) < 0 || b < a)))
        return bad(pl, "career wants years A-B (or A-), not '%.*s'", SHOW(s, len));
    pl->d->career_from = (int)a;
    pl->d->career_to = dash ? (int)(blen ? b : INT_MAX) : (int)a;
    pl->d->has_career = 1;
    return 0;
}

/* The id lists: key, letter of its ids, the set in the definition. */
static struct tf_idset *id_list(struct tf_pool_def *d, const char *key, size_t klen, char *letter)
{
    static const struct {
        const char *key;
        char letter;
        size_t offset;
    } lists[] = {
        {"topic", 'T', offsetof(struct tf_pool_def, topics)},
        {"subfield", 0, offsetof(struct tf_pool_def, subfields)},
        {"field", 0, offsetof(struct tf_pool_def, fields)},
        {"domain", 0, offsetof(struct tf_pool_def, domains)},
        {"concept", 'C', offsetof(struct tf_pool_def, concepts)},
    };
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
        if (strlen(lists[i].key) == klen && memcmp(lists[i].key, key, klen) == 0) {
            *letter = lists[i].letter;
            return (struct tf_idset *)((char *)d + lists[i].offset);
        }
    return NULL;
}

/* Calls add(pl, item) for each comma-separated item of s[0..len). */
static int each_item(const struct place *pl, const char *key, const char *s, size_t len,
                     int (*add)(const struct place *, const char *, const char *, size_t))
{
    while (len) {
        const char *comma = memchr(s, ',', len);
        size_t n = comma ? (size_t)(comma - s) : len;
        const char *item = s;
        size_t ilen = n;
        trim(&item, &ilen);
        if (!ilen)
            return bad(pl, "an empty item in '%s'", key);
        int rc = add(pl, key, item, ilen);
        if (rc < 0)
            return rc;
        s += n + (comma ? 1 : 0);
        len -= n + (comma ? 1 : 0);
    }
    return 0;
}

static int add_id(const struct place *pl, const char *key, const char *s, size_t len)
{
    char letter = 0;
    struct tf_idset *set = id_list(pl->d, key, strlen(key), &letter);
    uint64_t id;
    if (parse_id(s, len, letter, &id) < 0)
        return bad(pl, "'%.*s' is not an OpenAlex %s id", SHOW(s, len), key);
    return tf_idset_add(set, id) < 0 ? nomem(pl) : 0;
}

static int add_venue_item(const struct place *pl, const char *key, const char *s, size_t len)
{
    (void)key;
    return add_venue(pl, s, len);
}

/* The single-valued keys. */
static int scalar(const struct place *pl, const char *key, size_t klen, const char *v, size_t len)
{
    struct tf_pool_def *d = pl->d;
    double x = 0;
    int rc;
#define IS(k) (klen == sizeof(k) - 1 && memcmp(key, k, klen) == 0)
    if (IS("venue-name"))
        return add_venue_name(pl, v, len);
    if (IS("venue-file"))
        return read_venue_file(pl, v, len);
    if (IS("career"))
        return parse_career(pl, v, len);
    if (IS("concept-min-score")) {
        if ((rc = parse_number(pl, "concept-min-score", v, len, 0, 1, &x)) == 0)
            d->concept_min = x;
        return rc;
    }
    if (IS("top-cited")) {
        if ((rc = parse_number(pl, "top-cited", v, len, 0.0001, 100, &x)) == 0)
            d->top_ppm = (uint64_t)(x * 10000 + 0.5);
        return rc;
    }
    if (IS("min-works")) {
        if ((rc = parse_number(pl, "min-works", v, len, 1, 1000000, &x)) == 0 && x != (int)x)
            rc = bad(pl, "min-works wants a whole number, not '%.*s'", SHOW(v, len));
        d->min_works = rc == 0 ? (unsigned)x : d->min_works;
        return rc;
    }
#undef IS
    return bad(pl, "unknown criterion '%.*s' (docs/pools.md lists them)", SHOW(key, klen));
}

/* One "key:values" criterion. */
static int criterion(const struct place *pl, const char *s, size_t len)
{
    const char *colon = memchr(s, ':', len);
    if (!colon)
        return bad(pl, "'%.*s' is not key:values", SHOW(s, len));
    const char *key = s, *v = colon + 1;
    size_t klen = (size_t)(colon - s), vlen = len - klen - 1;
    char letter, kbuf[32];
    trim(&key, &klen);
    trim(&v, &vlen);
    if (!vlen)
        return bad(pl, "'%.*s' has no value", SHOW(key, klen));
    if (klen >= sizeof(kbuf))
        return bad(pl, "unknown criterion '%.*s'", SHOW(key, klen));
    memcpy(kbuf, key, klen);
    kbuf[klen] = '\0';
    if (id_list(pl->d, key, klen, &letter))
        return each_item(pl, kbuf, v, vlen, add_id);
    if (klen == 5 && memcmp(key, "venue", 5) == 0)
        return each_item(pl, kbuf, v, vlen, add_venue_item);
    return scalar(pl, key, klen, v, vlen);
}

int tf_pool_parse_criteria(struct tf_pool_def *d, const char *text, const char *dir,
                           struct tf_error *err)
{
    struct place pl = {d, dir, NULL, 0, err};
    size_t len = strlen(text);
    while (len) {
        const char *semi = memchr(text, ';', len);
        size_t n = semi ? (size_t)(semi - text) : len;
        const char *c = text;
        size_t clen = n;
        trim(&c, &clen);
        int rc = clen ? criterion(&pl, c, clen) : 0;
        if (rc < 0)
            return rc;
        text += n + (semi ? 1 : 0);
        len -= n + (semi ? 1 : 0);
    }
    return 0;
}

int tf_pool_parse_line(struct tf_pool_def *d, const char *line, size_t len, const char *dir,
                       const char *where, uint64_t lineno, struct tf_error *err)
{
    struct place pl = {d, dir, where, lineno, err};
    trim(&line, &len);
    return len ? criterion(&pl, line, len) : 0;
}
