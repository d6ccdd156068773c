/*
 * synth_parse.c - reading parameter files of synthetic worlds (see
 * talentflow/synth.h for the format).
 *
 * The built-in default is kept as the text of examples/world.conf and parsed
 * like any other file, so the documented example and the built-in world
 * cannot drift apart without the unit test noticing.
 *
 * Parsing works on a heap copy of the parameters and commits it only when
 * the whole file was accepted, so a bad file never leaves a half-applied
 * world behind.
 */
#include "talentflow/synth.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth/synth_world.h"
#include "util/buf.h"

/* Largest parameter file accepted. */
#define PARAMS_MAX_FILE ((size_t)16 << 20)
/* Most values a line may carry (country has four). */
#define PARAMS_MAX_ARGS 8

const char *tf_synth_default_text(void)
{
    return synth_default_text;
}

/* ---- parsing --------------------------------------------------------------- */

struct parse_ctx {
    struct tf_synth_params *p;
    const char *name;
    uint64_t line;
    struct tf_error *err;
    int seen_country;
    int seen_kind[2]; /* a corridor / flow line was seen in this file */
    int seen_subfield;
    uint64_t pair_line[TF_SYNTH_MAX_PAIRS]; /* line of each pair from this file, else 0 */
    uint64_t pull_line;                     /* line of this file's ai_top_pull, else 0 */
    const char *key;
};

static int bad(struct parse_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reports a bad value of the current key at the current line. */
static int bad(struct parse_ctx *c, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return tf_error_set(c->err, TF_ERR_FORMAT, c->name, c->line, "'%s': %s", c->key, msg);
}

static int parse_double(struct parse_ctx *c, const char *s, double lo, double hi, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno == ERANGE || !isfinite(v))
        return bad(c, "'%s' is not a number", s);
    if (v < lo || v > hi)
        return bad(c, "'%s' is out of range (%g to %g)", s, lo, hi);
    *out = v;
    return 0;
}

static int parse_u64(struct parse_ctx *c, const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    char *end = NULL;
    errno = 0;
    if (*s < '0' || *s > '9')
        return bad(c, "'%s' is not a whole number", s);
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end || errno == ERANGE)
        return bad(c, "'%s' is not a whole number", s);
    if (v < lo || v > hi)
        return bad(c, "'%s' is out of range (%llu to %llu)", s, (unsigned long long)lo,
                   (unsigned long long)hi);
    *out = v;
    return 0;
}

static int parse_int(struct parse_ctx *c, const char *s, int lo, int hi, int *out)
{
    uint64_t v = 0;
    int rc = parse_u64(c, s, (uint64_t)lo, (uint64_t)hi, &v);
    if (rc == 0)
        *out = (int)v;
    return rc;
}

static int parse_prob(struct parse_ctx *c, const char *s, double *out)
{
    return parse_double(c, s, 0.0, 1.0, out);
}

static int parse_country(struct parse_ctx *c, const char *s, tf_country *out)
{
    size_t n = strlen(s);
    tf_country v = 0;
    if (n != 2 || tf_country_parse(s, n, &v) < 0)
        return bad(c, "'%s' is not an ISO 3166-1 alpha-2 country code", s);
    *out = v;
    return 0;
}

static int key_people(struct parse_ctx *c, char **v)
{
    return parse_u64(c, v[0], 1, TF_SYNTH_MAX_PEOPLE, &c->p->people);
}

static int key_seed(struct parse_ctx *c, char **v)
{
    return parse_u64(c, v[0], 0, UINT64_MAX, &c->p->seed);
}

static int key_years(struct parse_ctx *c, char **v)
{
    int rc = parse_int(c, v[0], TF_YEAR_MIN, TF_YEAR_MAX, &c->p->year_from);
    return rc < 0 ? rc : parse_int(c, v[1], TF_YEAR_MIN, TF_YEAR_MAX, &c->p->year_to);
}

static int key_parts(struct parse_ctx *c, char **v)
{
    int n = 0;
    int rc = parse_int(c, v[0], 1, (int)TF_SYNTH_MAX_PARTS, &n);
    if (rc == 0)
        c->p->parts = (unsigned)n;
    return rc;
}

static int key_clean(struct parse_ctx *c, char **v)
{
    return parse_int(c, v[0], 0, 1, &c->p->clean);
}

static int key_career_start(struct parse_ctx *c, char **v)
{
    int rc = parse_int(c, v[0], TF_YEAR_MIN, TF_YEAR_MAX, &c->p->start_from);
    return rc < 0 ? rc : parse_int(c, v[1], TF_YEAR_MIN, TF_YEAR_MAX, &c->p->start_to);
}

static int key_career_length(struct parse_ctx *c, char **v)
{
    int rc = parse_double(c, v[0], 1.0, 100.0, &c->p->career_mean);
    return rc < 0 ? rc : parse_int(c, v[1], 1, 100, &c->p->career_min);
}

static int key_move_scale(struct parse_ctx *c, char **v)
{
    return parse_double(c, v[0], 0.0, 1000.0, &c->p->move_scale);
}

static int key_return(struct parse_ctx *c, char **v)
{
    return parse_prob(c, v[0], &c->p->return_prob);
}

static int key_destination(struct parse_ctx *c, char **v)
{
    if (strcmp(v[0], "gravity") == 0)
        c->p->destination = TF_SYNTH_GRAVITY;
    else if (strcmp(v[0], "matrix") == 0)
        c->p->destination = TF_SYNTH_MATRIX;
    else
        return bad(c, "'%s' is neither 'gravity' nor 'matrix'", v[0]);
    return 0;
}

/* Drops every pair of `kind` (the first line of that kind in a file replaces the list). */
static void drop_pairs(struct parse_ctx *c, enum tf_synth_pair_kind kind)
{
    size_t k = 0;
    for (size_t i = 0; i < c->p->n_pairs; i++) {
        if (c->p->pairs[i].kind == kind)
            continue;
        c->p->pairs[k] = c->p->pairs[i];
        c->pair_line[k++] = c->pair_line[i];
    }
    c->p->n_pairs = k;
}

/*
 * A file's first country line starts a new map: the inherited countries go,
 * and so do the inherited corridors and flows, which name the old countries.
 */
static void drop_inherited(struct parse_ctx *c)
{
    size_t k = 0;
    for (size_t i = 0; i < c->p->n_pairs; i++) {
        if (!c->pair_line[i])
            continue;
        c->p->pairs[k] = c->p->pairs[i];
        c->pair_line[k++] = c->pair_line[i];
    }
    c->p->n_pairs = k;
    c->p->n_countries = 0;
    if (!c->pull_line) {
        c->p->ai_top_pull_country = 0;
        c->p->ai_top_pull = 1;
    }
}

static int add_pair(struct parse_ctx *c, char **v, enum tf_synth_pair_kind kind)
{
    struct tf_synth_pair pr = {.kind = kind};
    int rc = parse_country(c, v[0], &pr.from);
    if (rc == 0)
        rc = parse_country(c, v[1], &pr.to);
    if (rc == 0)
        rc = parse_double(c, v[2], 0.0, 1e12, &pr.value);
    if (rc < 0)
        return rc;
    if (pr.from == pr.to)
        return bad(c, "'%s' names the same country twice", v[0]);
    if (!c->seen_kind[kind])
        drop_pairs(c, kind);
    c->seen_kind[kind] = 1;
    for (size_t i = 0; i < c->p->n_pairs; i++)
        if (c->p->pairs[i].kind == kind && c->p->pairs[i].from == pr.from &&
            c->p->pairs[i].to == pr.to)
            return bad(c, "%s: this direction is already given", v[0]);
    if (c->p->n_pairs == TF_SYNTH_MAX_PAIRS)
        return bad(c, "%s: too many corridor and flow lines", v[0]);
    c->pair_line[c->p->n_pairs] = c->line;
    c->p->pairs[c->p->n_pairs++] = pr;
    return 0;
}

static int key_corridor(struct parse_ctx *c, char **v)
{
    return add_pair(c, v, TF_SYNTH_CORRIDOR);
}

static int key_flow(struct parse_ctx *c, char **v)
{
    return add_pair(c, v, TF_SYNTH_FLOW);
}

static int key_works(struct parse_ctx *c, char **v)
{
    return parse_double(c, v[0], 0.0, SYNTH_MAX_MEAN, &c->p->works_per_year);
}

static int key_coauthors(struct parse_ctx *c, char **v)
{
    return parse_double(c, v[0], 0.0, SYNTH_MAX_MEAN, &c->p->coauthors);
}

static int key_coauthor_abroad(struct parse_ctx *c, char **v)
{
    return parse_prob(c, v[0], &c->p->coauthor_abroad);
}

static int key_outside(struct parse_ctx *c, char **v)
{
    return parse_double(c, v[0], 0.0, SYNTH_MAX_MEAN, &c->p->outside_authors);
}

static int key_multi(struct parse_ctx *c, char **v)
{
    return parse_prob(c, v[0], &c->p->multi_affiliation);
}

static int key_null_country(struct parse_ctx *c, char **v)
{
    return parse_prob(c, v[0], &c->p->null_country);
}

static int key_null_author(struct parse_ctx *c, char **v)
{
    return parse_prob(c, v[0], &c->p->null_author);
}

static int key_null_institution(struct parse_ctx *c, char **v)
{
    return parse_prob(c, v[0], &c->p->null_institution);
}

static int key_ai_top_share(struct parse_ctx *c, char **v)
{
    return parse_prob(c, v[0], &c->p->ai_top_share);
}

static int key_ai_top_venues(struct parse_ctx *c, char **v)
{
    return parse_prob(c, v[0], &c->p->ai_top_venues);
}

static int key_ai_top_move(struct parse_ctx *c, char **v)
{
    return parse_double(c, v[0], 0.0, 1000.0, &c->p->ai_top_move);
}

static int key_ai_top_return(struct parse_ctx *c, char **v)
{
    return parse_prob(c, v[0], &c->p->ai_top_return);
}

static int key_orcid_records(struct parse_ctx *c, char **v)
{
    return parse_prob(c, v[0], &c->p->orcid_records);
}

static int key_study_abroad(struct parse_ctx *c, char **v)
{
    return parse_prob(c, v[0], &c->p->study_abroad);
}

static int key_study_return(struct parse_ctx *c, char **v)
{
    return parse_prob(c, v[0], &c->p->study_return);
}

static int key_ai_top_pull(struct parse_ctx *c, char **v)
{
    tf_country code = 0;
    double x = 0;
    int rc = parse_country(c, v[0], &code);
    if (rc == 0)
        rc = parse_double(c, v[1], 0.0, 1e12, &x);
    if (rc < 0)
        return rc;
    c->p->ai_top_pull_country = code;
    c->p->ai_top_pull = x;
    c->pull_line = c->line;
    return 0;
}

static int key_country(struct parse_ctx *c, char **v)
{
    struct tf_synth_country k = {0};
    int rc = parse_country(c, v[0], &k.code);
    if (rc == 0)
        rc = parse_double(c, v[1], 1e-9, 1e12, &k.size);
    if (rc == 0)
        rc = parse_prob(c, v[2], &k.move);
    if (rc == 0)
        rc = parse_double(c, v[3], 0.0, 1e12, &k.pull);
    if (rc < 0)
        return rc;
    if (!c->seen_country)
        drop_inherited(c);
    c->seen_country = 1;
    for (size_t i = 0; i < c->p->n_countries; i++)
        if (c->p->countries[i].code == k.code)
            return bad(c, "%s is already a country of the world", v[0]);
    if (c->p->n_countries == TF_SYNTH_MAX_COUNTRIES)
        return bad(c, "%s: too many countries", v[0]);
    c->p->countries[c->p->n_countries++] = k;
    return 0;
}

static int key_subfield(struct parse_ctx *c, char **v)
{
    struct tf_synth_subfield s = {0};
    int id = 0;
    int rc = parse_int(c, v[0], 1000, 9999, &id);
    if (rc == 0)
        rc = parse_double(c, v[1], 1e-9, 1e12, &s.weight);
    if (rc < 0)
        return rc;
    if (synth_subfield_index((unsigned)id) < 0)
        return bad(c, "subfield %s is not one the generator knows (see docs/synth.md)", v[0]);
    s.id = (unsigned)id;
    if (!c->seen_subfield)
        c->p->n_subfields = 0;
    c->seen_subfield = 1;
    for (size_t i = 0; i < c->p->n_subfields; i++)
        if (c->p->subfields[i].id == s.id)
            return bad(c, "subfield %s is already given", v[0]);
    if (c->p->n_subfields == TF_SYNTH_MAX_SUBFIELDS)
        return bad(c, "%s: too many subfields", v[0]);
    c->p->subfields[c->p->n_subfields++] = s;
    return 0;
}

struct key_def {
    const char *name;
    int nargs;
    int (*apply)(struct parse_ctx *c, char **v);
};

static const struct key_def keys[] = {
    {"people", 1, key_people},
    {"seed", 1, key_seed},
    {"years", 2, key_years},
    {"parts", 1, key_parts},
    {"clean", 1, key_clean},
    {"career_start", 2, key_career_start},
    {"career_length", 2, key_career_length},
    {"move_scale", 1, key_move_scale},
    {"return", 1, key_return},
    {"destination", 1, key_destination},
    {"corridor", 3, key_corridor},
    {"flow", 3, key_flow},
    {"works_per_year", 1, key_works},
    {"coauthors", 1, key_coauthors},
    {"coauthor_abroad", 1, key_coauthor_abroad},
    {"outside_authors", 1, key_outside},
    {"multi_affiliation", 1, key_multi},
    {"null_country", 1, key_null_country},
    {"null_author", 1, key_null_author},
    {"null_institution", 1, key_null_institution},
    {"country", 4, key_country},
    {"subfield", 2, key_subfield},
    {"ai_top_share", 1, key_ai_top_share},
    {"ai_top_venues", 1, key_ai_top_venues},
    {"ai_top_move", 1, key_ai_top_move},
    {"ai_top_return", 1, key_ai_top_return},
    {"ai_top_pull", 2, key_ai_top_pull},
    {"orcid_records", 1, key_orcid_records},
    {"study_abroad", 1, key_study_abroad},
    {"study_return", 1, key_study_return},
};

/* Splits `s` in place into blank-separated words, up to the first '#'. */
static int split_words(char *s, char **w, int max)
{
    int n = 0;
    for (;;) {
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        if (!*s || *s == '#')
            return n;
        if (n == max)
            return max + 1;
        w[n++] = s;
        while (*s && *s != ' ' && *s != '\t' && *s != '\r' && *s != '#')
            s++;
        if (*s == '#') {
            *s = '\0';
            return n;
        }
        if (*s)
            *s++ = '\0';
    }
}

static int parse_line(struct parse_ctx *c, char *s)
{
    char *w[PARAMS_MAX_ARGS + 2];
    int n = split_words(s, w, PARAMS_MAX_ARGS + 1);
    if (n == 0)
        return 0;
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        if (strcmp(keys[i].name, w[0]) != 0)
            continue;
        c->key = keys[i].name;
        if (n - 1 != keys[i].nargs)
            return tf_error_set(c->err, TF_ERR_FORMAT, c->name, c->line,
                                "'%s' takes %d value%s, got %d", keys[i].name, keys[i].nargs,
                                keys[i].nargs == 1 ? "" : "s", n - 1);
        return keys[i].apply(c, w + 1);
    }
    return tf_error_set(c->err, TF_ERR_FORMAT, c->name, c->line, "unknown key '%.64s'", w[0]);
}

/*
 * Pairs and the ai_top_pull country from this file must name countries of
 * the world as it stands after the file.
 */
static int check_pair_countries(struct parse_ctx *c)
{
    const struct tf_synth_params *p = c->p;
    for (size_t i = 0; i < p->n_pairs; i++) {
        int from = 0, to = 0;
        for (size_t k = 0; k < p->n_countries; k++) {
            from |= p->countries[k].code == p->pairs[i].from;
            to |= p->countries[k].code == p->pairs[i].to;
        }
        if (from && to)
            continue;
        char a[3];
        tf_country_code(from ? p->pairs[i].to : p->pairs[i].from, a);
        return tf_error_set(c->err, TF_ERR_FORMAT, c->name, c->pair_line[i],
                            "'%s': %s is not a country of the world",
                            p->pairs[i].kind == TF_SYNTH_CORRIDOR ? "corridor" : "flow", a);
    }
    for (size_t k = 0; c->pull_line && k < p->n_countries; k++)
        if (p->countries[k].code == p->ai_top_pull_country)
            return 0;
    if (!c->pull_line)
        return 0;
    char a[3];
    return tf_error_set(c->err, TF_ERR_FORMAT, c->name, c->pull_line,
                        "'ai_top_pull': %s is not a country of the world",
                        tf_country_code(p->ai_top_pull_country, a));
}

static int parse_lines(struct parse_ctx *c, const char *text, size_t len)
{
    struct tf_buf line;
    tf_buf_init(&line, 0);
    int rc = 0;
    size_t i = 0;
    while (i < len && rc == 0) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        c->line++;
        tf_buf_reset(&line);
        rc = tf_buf_add(&line, text + i, j - i);
        if (rc == 0 && memchr(line.data, '\0', line.len))
            rc = tf_error_set(c->err, TF_ERR_FORMAT, c->name, c->line, "NUL byte in line");
        else if (rc == 0)
            rc = parse_line(c, line.data);
        else
            rc = tf_error_set(c->err, TF_ERR_NOMEM, c->name, c->line, "out of memory");
        i = j + 1;
    }
    tf_buf_release(&line);
    return rc;
}

int tf_synth_params_parse(struct tf_synth_params *p, const char *text, size_t len, const char *name,
                          struct tf_error *err)
{
    struct parse_ctx *c = calloc(1, sizeof(*c));
    struct tf_synth_params *work = malloc(sizeof(*work));
    int rc = TF_ERR_NOMEM;
    if (!c || !work) {
        tf_error_set(err, rc, name, 0, "out of memory");
        goto out;
    }
    *work = *p;
    c->p = work;
    c->name = name ? name : "(parameters)";
    c->err = err;
    rc = parse_lines(c, text, len);
    if (rc == 0)
        rc = check_pair_countries(c);
    if (rc == 0 && (rc = tf_synth_params_check(work, err)) < 0)
        rc = tf_error_set(err, TF_ERR_FORMAT, c->name, 0, "%s", err ? err->msg : "invalid");
    if (rc == 0)
        *p = *work;
out:
    free(c);
    free(work);
    return rc;
}

int tf_synth_params_init(struct tf_synth_params *p)
{
    memset(p, 0, sizeof(*p));
    int rc = tf_synth_params_parse(p, synth_default_text, strlen(synth_default_text),
                                   "built-in world", NULL);
    assert(rc == 0 || rc == TF_ERR_NOMEM); /* test_synth parses the same text */
    return rc;
}

static int read_file(const char *path, struct tf_buf *b, struct tf_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return tf_error_set(err, TF_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    int rc = 0;
    char chunk[65536];
    size_t n;
    while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        if (tf_buf_add(b, chunk, n) < 0)
            rc = b->len + n > PARAMS_MAX_FILE
                     ? tf_error_set(err, TF_ERR_FORMAT, path, 0, "larger than %zu MiB",
                                    PARAMS_MAX_FILE >> 20)
                     : tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    if (rc == 0 && ferror(f))
        rc = tf_error_set(err, TF_ERR_IO, path, 0, "read error: %s", strerror(errno));
    fclose(f);
    return rc;
}

int tf_synth_params_load(struct tf_synth_params *p, const char *path, struct tf_error *err)
{
    struct tf_buf b;
    tf_buf_init(&b, PARAMS_MAX_FILE);
    int rc = read_file(path, &b, err);
    if (rc == 0)
        rc = tf_synth_params_parse(p, b.data ? b.data : "", b.len, path, err);
    tf_buf_release(&b);
    return rc;
}
