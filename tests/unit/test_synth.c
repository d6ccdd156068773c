/*
 * test_synth.c - synthetic worlds: the parameter file, the atomic gzip
 * writer, determinism, and the promises about the generated works, checked
 * by reading the gzip parts back with zlib and scanning the JSON directly
 * (not through the OpenAlex reader, so a reader bug cannot hide a generator
 * bug or the other way round).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "io/gzout.h"
#include "synth/synth_tables.h"
#include "synth/synth_world.h"
#include "talentflow/talentflow.h"
#include "util/buf.h"

#define WORKS "/works/updated_date=" TF_SYNTH_UPDATED_DATE

/* ---- helpers ------------------------------------------------------------------ */

static const char *tmp_path(const char *name)
{
    static char path[4][1024];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof(path[k]), "%s/synth_%s", TF_TEST_TMP, name);
    return path[k];
}

/* Reads a whole file (decompressing gzip) into `b`; returns 0 or -1. */
static int slurp(const char *path, struct tf_buf *b)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return -1;
    char chunk[65536];
    int n;
    tf_buf_reset(b);
    while ((n = gzread(f, chunk, sizeof(chunk))) > 0)
        assert_int_equal(tf_buf_add(b, chunk, (size_t)n), 0);
    int bad = n < 0;
    gzclose(f);
    return bad ? -1 : 0;
}

static int same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    assert_non_null(fa);
    assert_non_null(fb);
    int same = 1, ca, cb;
    do {
        ca = fgetc(fa);
        cb = fgetc(fb);
        same = ca == cb;
    } while (same && ca != EOF);
    fclose(fa);
    fclose(fb);
    return same;
}

static uint64_t file_size(const char *path)
{
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    return (uint64_t)sb.st_size;
}

static void generate(const struct tf_synth_params *p, const char *dir, unsigned threads,
                     struct tf_synth_stats *st)
{
    struct tf_error err;
    struct tf_synth_opts o = {.threads = threads};
    tf_error_init(&err);
    int rc = tf_synth_generate(p, dir, &o, st, &err);
    if (rc < 0)
        fail_msg("tf_synth_generate: %s", err.msg);
}

/* A small world for the tests. */
static void small_world(struct tf_synth_params *p, uint64_t people, int clean)
{
    tf_synth_params_init(p);
    p->people = people;
    p->seed = 11;
    p->parts = 3;
    p->clean = clean;
    p->move_scale = 4; /* more moves, so a small world has plenty */
}

/* ---- a minimal JSON validator ----------------------------------------------------- */

static const char *json_value(const char *s, int depth);

static const char *json_ws(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    return s;
}

static const char *json_string(const char *s)
{
    if (*s++ != '"')
        return NULL;
    while (*s && *s != '"') {
        if ((unsigned char)*s < 0x20)
            return NULL;
        if (*s == '\\' && (!s[1] || !strchr("\"\\/bfnrtu", s[1])))
            return NULL;
        s += *s == '\\' ? 2 : 1;
    }
    return *s == '"' ? s + 1 : NULL;
}

static const char *json_number(const char *s)
{
    const char *start = s;
    if (*s == '-')
        s++;
    while ((*s >= '0' && *s <= '9') || *s == '.' || *s == 'e' || *s == 'E' || *s == '+' ||
           *s == '-')
        s++;
    return s > start ? s : NULL;
}

static const char *json_container(const char *s, int depth, char close, int members)
{
    s = json_ws(s + 1);
    if (*s == close)
        return s + 1;
    for (;;) {
        if (members) {
            s = json_string(s);
            if (!s || *(s = json_ws(s)) != ':')
                return NULL;
            s = json_ws(s + 1);
        }
        s = json_value(s, depth + 1);
        if (!s)
            return NULL;
        s = json_ws(s);
        if (*s == close)
            return s + 1;
        if (*s != ',')
            return NULL;
        s = json_ws(s + 1);
    }
}

static const char *json_value(const char *s, int depth)
{
    if (depth > 64)
        return NULL;
    switch (*s) {
    case '{':
        return json_container(s, depth, '}', 1);
    case '[':
        return json_container(s, depth, ']', 0);
    case '"':
        return json_string(s);
    case 't':
        return strncmp(s, "true", 4) ? NULL : s + 4;
    case 'f':
        return strncmp(s, "false", 5) ? NULL : s + 5;
    case 'n':
        return strncmp(s, "null", 4) ? NULL : s + 4;
    default:
        return json_number(s);
    }
}

static int json_valid(const char *line)
{
    const char *end = json_value(json_ws(line), 0);
    return end && *json_ws(end) == '\0';
}

/* ---- the truth files ---------------------------------------------------------------- */

/* Truth of a world as arrays over (person index, year index). */
struct truth {
    int y0, ny;
    uint64_t n;
    tf_country *res; /* 0 = not active */
    uint8_t *unobs;  /* listed in unobserved.csv */
    double *w_true;  /* weights seen in the works, in authorships */
    double *w_other; /* largest weight of another country (one country at a time) */
    tf_country *other;
    uint32_t *authorships;
};

static size_t cell(const struct truth *t, uint64_t person, int year)
{
    assert_true(person < t->n);
    assert_true(year >= t->y0 && year < t->y0 + t->ny);
    return (size_t)person * (size_t)t->ny + (size_t)(year - t->y0);
}

static uint64_t person_index(const char *id)
{
    assert_int_equal(id[0], 'A');
    uint64_t v = strtoull(id + 1, NULL, 10);
    assert_true(v > TF_SYNTH_PERSON_BASE);
    return v - TF_SYNTH_PERSON_BASE - 1;
}

static void truth_load(struct truth *t, const struct tf_synth_params *p, const char *dir)
{
    char path[1024];
    struct tf_buf b;
    tf_buf_init(&b, 0);
    t->y0 = p->year_from;
    t->ny = p->year_to - p->year_from + 1;
    t->n = p->people;
    size_t cells = (size_t)t->n * (size_t)t->ny;
    t->res = calloc(cells, sizeof(*t->res));
    t->unobs = calloc(cells, 1);
    t->w_true = calloc(cells, sizeof(double));
    t->w_other = calloc(cells, sizeof(double));
    t->other = calloc(cells, sizeof(tf_country));
    t->authorships = calloc(cells, sizeof(uint32_t));
    snprintf(path, sizeof(path), "%s/truth/residence.csv", dir);
    assert_int_equal(slurp(path, &b), 0);
    assert_true(strncmp(b.data, "person,year,country\n", 20) == 0);
    char id[32], cc[3];
    int year, used;
    for (const char *s = strchr(b.data, '\n') + 1; *s; s += used) {
        assert_int_equal(sscanf(s, "%31[^,],%d,%2[A-Z]\n%n", id, &year, cc, &used), 3);
        t->res[cell(t, person_index(id), year)] = TF_COUNTRY(cc[0], cc[1]);
    }
    snprintf(path, sizeof(path), "%s/truth/unobserved.csv", dir);
    assert_int_equal(slurp(path, &b), 0);
    for (const char *s = strchr(b.data, '\n') + 1; *s; s += used) {
        assert_int_equal(sscanf(s, "%31[^,],%d\n%n", id, &year, &used), 2);
        size_t c = cell(t, person_index(id), year);
        assert_true(t->res[c] != 0);
        t->unobs[c] = 1;
    }
    tf_buf_release(&b);
}

static void truth_free(struct truth *t)
{
    free(t->res);
    free(t->unobs);
    free(t->w_true);
    free(t->w_other);
    free(t->other);
    free(t->authorships);
}

/* ---- scanning the works --------------------------------------------------------------- */

struct scan {
    uint64_t lines;
    uint64_t authorships;
    uint64_t outside;
    uint64_t null_authors;
    uint64_t multi;
    uint64_t institutions;
    uint64_t null_countries;
    uint64_t null_ids;
    uint64_t clean_violations; /* clean world: authorships not exactly one true institution */
    int clean;
};

/* One institution list: its country codes (0 = null) and null ids. */
struct insts {
    unsigned n;
    tf_country country[4];
    unsigned null_ids;
};

static void scan_institutions(const char *s, const char *end, struct insts *in)
{
    memset(in, 0, sizeof(*in));
    const char *q = s;
    while ((q = strstr(q, "\"country_code\":")) && q < end) {
        q += 15;
        assert_true(in->n < 4);
        in->country[in->n++] = *q == 'n' ? 0 : TF_COUNTRY(q[1], q[2]);
    }
    for (q = s; (q = strstr(q, "{\"id\":null")) && q < end; q++)
        in->null_ids++;
}

/* Adds an authorship's country weights (1/k per distinct country) to the truth cell. */
static void add_weights(struct truth *t, size_t c, const struct insts *in)
{
    tf_country distinct[4];
    unsigned k = 0;
    for (unsigned i = 0; i < in->n; i++) {
        unsigned j = 0;
        while (j < k && distinct[j] != in->country[i])
            j++;
        if (in->country[i] && j == k)
            distinct[k++] = in->country[i];
    }
    for (unsigned i = 0; i < k; i++) {
        if (distinct[i] == t->res[c]) {
            t->w_true[c] += 1.0 / k;
            continue;
        }
        /* the generator uses one second country per person-year */
        assert_true(t->other[c] == 0 || t->other[c] == distinct[i]);
        t->other[c] = distinct[i];
        t->w_other[c] += 1.0 / k;
    }
}

static void scan_authorship(struct scan *sc, struct truth *t, int year, const char *s,
                            const char *end)
{
    const char *id = strstr(s, "\"author\":{\"id\":");
    const char *ib = strstr(s, "\"institutions\":[");
    const char *ie = strstr(s, "],\"countries\":[");
    assert_true(id && ib && ie && id < end && ie < end);
    struct insts in;
    scan_institutions(ib, ie, &in);
    sc->authorships++;
    sc->multi += in.n == 2;
    sc->institutions += in.n;
    sc->null_ids += in.null_ids;
    for (unsigned i = 0; i < in.n; i++)
        sc->null_countries += in.country[i] == 0;
    id += 15;
    if (*id == 'n') {
        sc->null_authors++;
        sc->clean_violations += sc->clean;
        return;
    }
    assert_true(strncmp(id, "\"https://openalex.org/A", 23) == 0);
    uint64_t v = strtoull(id + 23, NULL, 10);
    if (v >= TF_SYNTH_OUTSIDE_BASE) {
        sc->outside++;
        sc->clean_violations += sc->clean;
        return;
    }
    size_t c = cell(t, v - TF_SYNTH_PERSON_BASE - 1, year);
    assert_true(t->res[c] != 0); /* authors are active in the year of the work */
    t->authorships[c]++;
    add_weights(t, c, &in);
    if (sc->clean && !(in.n == 1 && in.country[0] == t->res[c] && in.null_ids == 0))
        sc->clean_violations++;
}

static void scan_line(struct scan *sc, struct truth *t, const char *line)
{
    if (!json_valid(line))
        fail_msg("invalid JSON line: %.200s", line);
    const char *y = strstr(line, "\"publication_year\":");
    const char *a = strstr(line, "\"authorships\":[");
    const char *end = strstr(line, "\"countries_distinct_count\":");
    assert_true(y && a && end && a < end);
    int year = (int)strtol(y + 19, NULL, 10);
    const char *mark = "{\"author_position\":";
    const char *s = strstr(a, mark);
    while (s && s < end) {
        const char *next = strstr(s + 1, mark);
        const char *stop = next && next < end ? next : end;
        scan_authorship(sc, t, year, s, stop);
        s = next;
    }
    sc->lines++;
}

/* Reads every part of the world and checks the manifest against them. */
static void scan_world(struct scan *sc, struct truth *t, const struct tf_synth_params *p,
                       const char *dir)
{
    char path[1024];
    struct tf_buf b, m;
    tf_buf_init(&b, 0);
    tf_buf_init(&m, 0);
    snprintf(path, sizeof(path), "%s/works/manifest", dir);
    assert_int_equal(slurp(path, &m), 0);
    assert_true(json_valid(m.data));
    for (unsigned k = 0; k < p->parts; k++) {
        snprintf(path, sizeof(path), "%s" WORKS "/part_%03u.gz", dir, k);
        assert_int_equal(slurp(path, &b), 0);
        uint64_t before = sc->lines;
        for (char *s = b.data, *nl; *s; s = nl + 1) {
            nl = strchr(s, '\n');
            assert_non_null(nl);
            *nl = '\0';
            scan_line(sc, t, s);
        }
        char entry[256];
        snprintf(entry, sizeof(entry),
                 "part_%03u.gz\", \"meta\": {\"content_length\": %llu, \"record_count\": %llu}", k,
                 (unsigned long long)file_size(path), (unsigned long long)(sc->lines - before));
        assert_non_null(strstr(m.data, entry));
    }
    tf_buf_release(&b);
    tf_buf_release(&m);
}

/* ---- parameters --------------------------------------------------------------------- */

static void test_default_is_example(void **state)
{
    (void)state;
    struct tf_buf b;
    tf_buf_init(&b, 0);
    assert_int_equal(slurp(TF_TEST_DATA "/../../examples/world.conf", &b), 0);
    assert_string_equal(b.data, tf_synth_default_text());
    struct tf_synth_params a, c;
    struct tf_error err;
    tf_synth_params_init(&a);
    memset(&c, 0, sizeof(c));
    assert_int_equal(tf_synth_params_parse(&c, b.data, b.len, "world.conf", &err), 0);
    char *ta = tf_synth_params_format(&a), *tc = tf_synth_params_format(&c);
    assert_string_equal(ta, tc);
    assert_int_equal(a.n_countries, 20);
    assert_int_equal(a.ai_top_pull_country, TF_COUNTRY('U', 'S'));
    assert_true(a.ai_top_share > 0 && a.ai_top_venues > 0);
    assert_true(a.people > 0 && a.n_subfields > 0 && a.n_pairs > 0);
    assert_int_equal(tf_synth_params_check(&a, &err), 0);
    free(ta);
    free(tc);
    tf_buf_release(&b);
}

static void test_params_good(void **state)
{
    (void)state;
    static const char text[] = "# a small world\n"
                               "people 123   # inline comment\n"
                               "\n"
                               "seed 18446744073709551615\n"
                               "years 2001 2010\n"
                               "return 0.5\n"
                               "destination matrix\n"
                               "country US 2 0.1 1\r\n"
                               "country\tDE 1 0.2 1.5\n"
                               "flow US DE 1\n"
                               "flow DE US 3\n";
    struct tf_synth_params p;
    struct tf_error err;
    tf_synth_params_init(&p);
    size_t n_sub = p.n_subfields;
    assert_true(p.n_pairs > 2);
    if (tf_synth_params_parse(&p, text, strlen(text), "good.conf", &err) < 0)
        fail_msg("%s", err.msg);
    assert_int_equal(p.people, 123);
    assert_true(p.seed == UINT64_MAX);
    assert_int_equal(p.year_from, 2001);
    assert_int_equal(p.year_to, 2010);
    assert_true(p.return_prob == 0.5);
    assert_int_equal(p.destination, TF_SYNTH_MATRIX);
    assert_int_equal(p.n_countries, 2);
    assert_int_equal(p.countries[1].code, TF_COUNTRY('D', 'E'));
    assert_true(p.countries[1].pull == 1.5);
    /* the new country list dropped the default corridors; the flows are this file's */
    assert_int_equal(p.n_pairs, 2);
    assert_int_equal(p.pairs[0].kind, TF_SYNTH_FLOW);
    assert_true(p.pairs[1].value == 3);
    assert_int_equal(p.n_subfields, n_sub); /* lists not in the file are kept */
}

static void test_params_lists_replace(void **state)
{
    (void)state;
    static const char text[] = "country US 2 0.1 1\n"
                               "country GB 1 0.2 1\n"
                               "corridor US GB 2\n"
                               "subfield 1702 1\n";
    struct tf_synth_params p;
    struct tf_error err;
    tf_synth_params_init(&p);
    unsigned people = (unsigned)p.people;
    if (tf_synth_params_parse(&p, text, strlen(text), "lists.conf", &err) < 0)
        fail_msg("%s", err.msg);
    assert_int_equal(p.n_countries, 2);
    assert_int_equal(p.n_pairs, 1);
    assert_int_equal(p.n_subfields, 1);
    assert_int_equal(p.people, people);         /* scalars not in the file are kept */
    assert_int_equal(p.ai_top_pull_country, 0); /* it named the old map, like the corridors */
    static const char pulled[] = "country US 2 0.1 1\ncountry GB 1 0.2 1\nai_top_pull GB 3\n";
    assert_int_equal(tf_synth_params_parse(&p, pulled, strlen(pulled), "pull.conf", &err), 0);
    assert_int_equal(p.ai_top_pull_country, TF_COUNTRY('G', 'B'));
    assert_true(p.ai_top_pull == 3);
    /* a second file adds to nothing unless it names the list */
    static const char more[] = "move_scale 2\n";
    assert_int_equal(tf_synth_params_parse(&p, more, strlen(more), "more.conf", &err), 0);
    assert_int_equal(p.n_countries, 2);
    assert_true(p.move_scale == 2);
}

struct bad_case {
    const char *text;
    uint64_t line;
    const char *says;
};

static void test_params_errors(void **state)
{
    (void)state;
    static const struct bad_case cases[] = {
        {"people 10\n\nwhatever 3\n", 3, "unknown key 'whatever'"},
        {"people\n", 1, "takes 1 value, got 0"},
        {"years 2000\n", 1, "takes 2 values, got 1"},
        {"people 1 2\n", 1, "takes 1 value, got 2"},
        {"people ten\n", 1, "not a whole number"},
        {"people -5\n", 1, "not a whole number"},
        {"people 0\n", 1, "out of range"},
        {"return 1.5\n", 1, "out of range"},
        {"return 0.5x\n", 1, "not a number"},
        {"null_author nan\n", 1, "not a number"},
        {"clean 2\n", 1, "out of range"},
        {"destination random\n", 1, "neither 'gravity' nor 'matrix'"},
        {"country XX 1 0.1 1\n", 1, "not an ISO 3166-1"},
        {"country USA 1 0.1 1\n", 1, "not an ISO 3166-1"},
        {"country US 1 0.1 1\ncountry DE 1 0.1 1\ncountry US 1 0.1 1\n", 3, "already"},
        {"country US 0 0.1 1\n", 1, "out of range"},
        {"corridor US US 2\n", 1, "same country"},
        {"move_scale 1\ncorridor US NG 2\n", 2, "NG is not a country of the world"},
        {"move_scale 1\nai_top_pull NG 2\n", 2, "NG is not a country of the world"},
        {"ai_top_pull US -1\n", 1, "out of range"},
        {"ai_top_pull US\n", 1, "takes 2 values, got 1"},
        {"ai_top_share 1.5\n", 1, "out of range"},
        {"ai_top_move 2000\n", 1, "out of range"},
        {"subfield 9999 1\n", 1, "not one the generator knows"},
        {"years 2010 2000\n", 0, "years 2010 2000"},
        {"career_start 2030 2040\n", 0, "must overlap"},
        {"country US 1 0.1 1\n", 0, "2 to 64 countries"},
        {"destination matrix\n", 0, "no destination weight"},
        {"people 5\0\n", 1, "NUL"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct tf_synth_params p, before;
        struct tf_error err;
        tf_synth_params_init(&p);
        before = p;
        size_t len = strlen(cases[i].text);
        if (strcmp(cases[i].says, "NUL") == 0)
            len = 10;
        int rc = tf_synth_params_parse(&p, cases[i].text, len, "bad.conf", &err);
        if (rc != TF_ERR_FORMAT || err.line != cases[i].line || !strstr(err.msg, cases[i].says) ||
            strncmp(err.msg, "bad.conf", 8) != 0)
            fail_msg("case %zu: rc %d line %llu msg '%s'", i, rc, (unsigned long long)err.line,
                     err.msg);
        assert_memory_equal(&p, &before, sizeof(p)); /* unchanged on failure */
    }
}

static void test_params_roundtrip(void **state)
{
    (void)state;
    struct tf_synth_params p, q;
    struct tf_error err;
    tf_synth_params_init(&p);
    p.return_prob = 0.1 + 0.2; /* needs 17 digits */
    p.countries[3].size = 1.0 / 3.0;
    p.seed = 1234567890123ull;
    p.clean = 1;
    p.ai_top_pull_country = TF_COUNTRY('D', 'E');
    p.ai_top_pull = 2.5;
    char *text = tf_synth_params_format(&p);
    assert_non_null(text);
    memset(&q, 0, sizeof(q));
    if (tf_synth_params_parse(&q, text, strlen(text), "round.conf", &err) < 0)
        fail_msg("%s", err.msg);
    assert_true(q.return_prob == p.return_prob);
    assert_true(q.countries[3].size == p.countries[3].size);
    assert_true(q.seed == p.seed);
    assert_int_equal(q.clean, 1);
    assert_int_equal(q.ai_top_pull_country, TF_COUNTRY('D', 'E'));
    assert_true(q.ai_top_pull == 2.5);
    char *again = tf_synth_params_format(&q);
    assert_string_equal(text, again);
    free(text);
    free(again);
}

static void test_params_load(void **state)
{
    (void)state;
    struct tf_synth_params p;
    struct tf_error err;
    tf_synth_params_init(&p);
    assert_int_equal(tf_synth_params_load(&p, tmp_path("missing.conf"), &err), TF_ERR_IO);
    FILE *f = fopen(tmp_path("load.conf"), "w");
    assert_non_null(f);
    fputs("people 77\nseed 5\nbogus 1\n", f);
    fclose(f);
    assert_int_equal(tf_synth_params_load(&p, tmp_path("load.conf"), &err), TF_ERR_FORMAT);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "load.conf:3:"));
}

static void test_check(void **state)
{
    (void)state;
    struct tf_synth_params p;
    struct tf_error err;
    tf_synth_params_init(&p);
    p.people = 0;
    assert_int_equal(tf_synth_params_check(&p, &err), TF_ERR_USAGE);
    tf_synth_params_init(&p);
    p.countries[1].code = p.countries[0].code;
    assert_int_equal(tf_synth_params_check(&p, &err), TF_ERR_USAGE);
    tf_synth_params_init(&p);
    p.subfields[0].id = 1234;
    assert_int_equal(tf_synth_params_check(&p, &err), TF_ERR_USAGE);
    tf_synth_params_init(&p);
    p.parts = 0;
    assert_int_equal(tf_synth_params_check(&p, &err), TF_ERR_USAGE);
    struct tf_synth_stats st;
    assert_int_equal(tf_synth_generate(&p, tmp_path("never"), NULL, &st, &err), TF_ERR_USAGE);
}

/* Every table string goes into JSON unescaped; abstract words must be distinct keys. */
static void test_tables(void **state)
{
    (void)state;
    assert_true(synth_n_common <= SYNTH_COMMON_MAX);
    for (size_t i = 0; i < synth_n_common; i++) {
        assert_null(strpbrk(synth_common[i], "\"\\"));
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(synth_common[i], synth_common[k]);
    }
    for (size_t s = 0; s < synth_n_subfields; s++) {
        const struct synth_subfield_info *f = &synth_subfields[s];
        const char *strs[] = {f->name,         f->field_name,         f->domain_name,
                              f->topics[0],    f->topics[1],          f->topics[2],
                              f->concept_name, f->field_concept_name, f->department};
        for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
            assert_null(strpbrk(strs[i], "\"\\\n"));
        for (size_t i = 0; i < SYNTH_WORDS; i++) {
            assert_null(strpbrk(f->words[i], "\"\\ /"));
            for (size_t k = 0; k < synth_n_common; k++)
                assert_string_not_equal(f->words[i], synth_common[k]);
            for (size_t k = 0; k < i; k++)
                assert_string_not_equal(f->words[i], f->words[k]);
        }
        assert_int_equal(synth_subfield_index(f->id), (int)s);
    }
    assert_int_equal(synth_subfield_index(1), -1);
}

/* ---- the gzip writer ---------------------------------------------------------------- */

static void test_gzout(void **state)
{
    (void)state;
    struct tf_gzout *g = NULL;
    struct tf_error err;
    struct tf_buf in, back;
    tf_buf_init(&in, 0);
    tf_buf_init(&back, 0);
    for (int i = 0; i < 200000; i++)
        assert_int_equal(tf_buf_addf(&in, "line %d of the test\n", i * 7919 % 100003), 0);
    const char *path = tmp_path("gzout.gz");
    unlink(path);
    assert_int_equal(tf_gzout_open(&g, path, TF_GZOUT_GZIP, &err), 0);
    assert_int_equal(access(path, F_OK), -1); /* nothing under the final name yet */
    assert_int_equal(tf_gzout_write(g, in.data, 100, &err), 0);
    assert_int_equal(tf_gzout_write(g, in.data + 100, in.len - 100, &err), 0); /* > buffer */
    assert_int_equal(tf_gzout_bytes_in(g), in.len);
    uint64_t size = 0;
    assert_int_equal(tf_gzout_close(g, &size, &err), 0);
    assert_int_equal(size, file_size(path));
    assert_int_equal(slurp(path, &back), 0);
    assert_int_equal(back.len, in.len);
    assert_memory_equal(back.data, in.data, in.len);

    const char *plain = tmp_path("gzout.txt");
    assert_int_equal(tf_gzout_open(&g, plain, TF_GZOUT_PLAIN, &err), 0);
    assert_int_equal(tf_gzout_write(g, "abc\n", 4, &err), 0);
    assert_int_equal(tf_gzout_close(g, &size, &err), 0);
    assert_int_equal(size, 4);

    const char *gone = tmp_path("gzout_abort.gz");
    unlink(gone);
    assert_int_equal(tf_gzout_open(&g, gone, TF_GZOUT_GZIP, &err), 0);
    assert_int_equal(tf_gzout_write(g, "x", 1, &err), 0);
    tf_gzout_abort(g);
    tf_gzout_abort(NULL);
    assert_int_equal(access(gone, F_OK), -1);
    char tmp[1100];
    snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", gone, (long)getpid());
    assert_int_equal(access(tmp, F_OK), -1);

    assert_int_equal(tf_gzout_open(&g, tmp_path("no/such/dir/x.gz"), TF_GZOUT_GZIP, &err),
                     TF_ERR_IO);
    assert_null(g);
    tf_buf_release(&in);
    tf_buf_release(&back);
}

/* ---- generated worlds ----------------------------------------------------------------- */

static const char *const world_files[] = {
    WORKS "/part_000.gz",    WORKS "/part_001.gz",   WORKS "/part_002.gz",
    "/works/manifest",       "/truth/residence.csv", "/truth/moves.csv",
    "/truth/unobserved.csv", "/truth/params.conf",   "/truth/pools.csv",
};

static int worlds_equal(const char *a, const char *b)
{
    char pa[1024], pb[1024];
    for (size_t i = 0; i < sizeof(world_files) / sizeof(world_files[0]); i++) {
        snprintf(pa, sizeof(pa), "%s%s", a, world_files[i]);
        snprintf(pb, sizeof(pb), "%s%s", b, world_files[i]);
        if (!same_file(pa, pb))
            return 0;
    }
    return 1;
}

static void test_deterministic(void **state)
{
    (void)state;
    struct tf_synth_params p;
    struct tf_synth_stats s1, s2, s3;
    small_world(&p, 300, 0);
    generate(&p, tmp_path("det_a"), 1, &s1);
    generate(&p, tmp_path("det_b"), 3, &s2);
    assert_true(worlds_equal(tmp_path("det_a"), tmp_path("det_b")));
    assert_memory_equal(&s1, &s2, sizeof(s1));
    p.seed = 12;
    generate(&p, tmp_path("det_c"), 2, &s3);
    char pa[1024], pc[1024];
    snprintf(pa, sizeof(pa), "%s" WORKS "/part_000.gz", tmp_path("det_a"));
    snprintf(pc, sizeof(pc), "%s" WORKS "/part_000.gz", tmp_path("det_c"));
    assert_false(same_file(pa, pc));
    snprintf(pa, sizeof(pa), "%s/truth/residence.csv", tmp_path("det_a"));
    snprintf(pc, sizeof(pc), "%s/truth/residence.csv", tmp_path("det_c"));
    assert_false(same_file(pa, pc));
}

/* params.conf of a world generates the same world again. */
static void test_params_file_regenerates(void **state)
{
    (void)state;
    struct tf_synth_params p, q;
    struct tf_synth_stats st;
    struct tf_error err;
    small_world(&p, 200, 0);
    p.parts = 3;
    generate(&p, tmp_path("regen_a"), 2, &st);
    char path[1024];
    snprintf(path, sizeof(path), "%s/truth/params.conf", tmp_path("regen_a"));
    tf_synth_params_init(&q);
    if (tf_synth_params_load(&q, path, &err) < 0)
        fail_msg("%s", err.msg);
    generate(&q, tmp_path("regen_b"), 1, &st);
    assert_true(worlds_equal(tmp_path("regen_a"), tmp_path("regen_b")));
}

/* Fewer parts than last time: the extra old parts go. */
static void test_stale_parts_removed(void **state)
{
    (void)state;
    struct tf_synth_params p;
    struct tf_synth_stats st;
    small_world(&p, 50, 1);
    p.parts = 5;
    generate(&p, tmp_path("stale"), 2, &st);
    p.parts = 2;
    generate(&p, tmp_path("stale"), 2, &st);
    char path[1024];
    snprintf(path, sizeof(path), "%s" WORKS "/part_001.gz", tmp_path("stale"));
    assert_int_equal(access(path, F_OK), 0);
    snprintf(path, sizeof(path), "%s" WORKS "/part_002.gz", tmp_path("stale"));
    assert_int_equal(access(path, F_OK), -1);
    snprintf(path, sizeof(path), "%s" WORKS "/part_004.gz", tmp_path("stale"));
    assert_int_equal(access(path, F_OK), -1);
}

static void test_output_errors(void **state)
{
    (void)state;
    struct tf_synth_params p;
    struct tf_error err;
    small_world(&p, 10, 1);
    const char *file = tmp_path("a_file");
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    char dir[1100];
    snprintf(dir, sizeof(dir), "%s/world", file);
    assert_int_equal(tf_synth_generate(&p, dir, NULL, NULL, &err), TF_ERR_IO);
    assert_non_null(strstr(err.msg, "a_file"));
    assert_int_equal(tf_synth_generate(&p, "", NULL, NULL, &err), TF_ERR_USAGE);
}

/* Moves must be exactly the residence changes between consecutive active years. */
static void check_moves(const struct truth *t, const char *dir, uint64_t *n_moves)
{
    char path[1024], id[32], a[3], b[3];
    int year, used;
    struct tf_buf buf;
    tf_buf_init(&buf, 0);
    snprintf(path, sizeof(path), "%s/truth/moves.csv", dir);
    assert_int_equal(slurp(path, &buf), 0);
    uint64_t listed = 0, expected = 0;
    for (const char *s = strchr(buf.data, '\n') + 1; *s; s += used) {
        assert_int_equal(sscanf(s, "%31[^,],%d,%2[A-Z],%2[A-Z]\n%n", id, &year, a, b, &used), 4);
        size_t c = cell(t, person_index(id), year);
        assert_true(year > t->y0 && t->res[c - 1] == TF_COUNTRY(a[0], a[1]));
        assert_true(t->res[c] == TF_COUNTRY(b[0], b[1]) && t->res[c] != t->res[c - 1]);
        listed++;
    }
    for (uint64_t p = 0; p < t->n; p++)
        for (int y = 1; y < t->ny; y++) {
            size_t c = (size_t)p * (size_t)t->ny + (size_t)y;
            expected += t->res[c] && t->res[c - 1] && t->res[c] != t->res[c - 1];
        }
    assert_int_equal(listed, expected);
    *n_moves = listed;
    tf_buf_release(&buf);
}

/* Active years form one unbroken career per person. */
static void check_careers(const struct truth *t)
{
    for (uint64_t p = 0; p < t->n; p++) {
        int first = -1, last = -1;
        for (int y = 0; y < t->ny; y++)
            if (t->res[(size_t)p * (size_t)t->ny + (size_t)y]) {
                first = first < 0 ? y : first;
                last = y;
            }
        assert_true(first >= 0);
        for (int y = first; y <= last; y++)
            assert_true(t->res[(size_t)p * (size_t)t->ny + (size_t)y] != 0);
    }
}

static void test_clean_world(void **state)
{
    (void)state;
    struct tf_synth_params p;
    struct tf_synth_stats st;
    struct truth t = {0};
    struct scan sc = {.clean = 1};
    small_world(&p, 400, 1);
    const char *dir = tmp_path("clean");
    generate(&p, dir, 2, &st);
    truth_load(&t, &p, dir);
    scan_world(&sc, &t, &p, dir);
    check_careers(&t);
    assert_int_equal(sc.clean_violations, 0);
    assert_int_equal(sc.lines, st.works);
    assert_int_equal(sc.authorships, st.authorships);
    assert_int_equal(sc.null_authors + sc.null_countries + sc.null_ids + sc.multi + sc.outside, 0);
    assert_int_equal(st.unobserved, 0);
    uint64_t person_years = 0, moves = 0;
    for (size_t c = 0; c < (size_t)t.n * (size_t)t.ny; c++) {
        if (!t.res[c])
            continue;
        person_years++;
        assert_true(t.authorships[c] >= 1); /* everyone publishes every active year */
        assert_true(t.w_other[c] == 0);
        assert_false(t.unobs[c]);
    }
    assert_int_equal(person_years, st.person_years);
    check_moves(&t, dir, &moves);
    assert_int_equal(moves, st.moves);
    assert_true(moves > 20);
    truth_free(&t);
}

static void assert_rate(const char *what, uint64_t got, uint64_t of, double want)
{
    double rate = of ? (double)got / (double)of : 0;
    if (rate < want * 0.8 || rate > want * 1.2)
        fail_msg("%s: %llu of %llu = %.4f, configured %.4f", what, (unsigned long long)got,
                 (unsigned long long)of, rate, want);
}

static void test_noisy_world(void **state)
{
    (void)state;
    struct tf_synth_params p;
    struct tf_synth_stats st;
    struct truth t = {0};
    struct scan sc = {.clean = 0};
    small_world(&p, 1500, 0);
    p.multi_affiliation = 0.10;
    p.null_country = 0.05;
    p.null_author = 0.04;
    p.null_institution = 0.03;
    const char *dir = tmp_path("noisy");
    generate(&p, dir, 2, &st);
    truth_load(&t, &p, dir);
    scan_world(&sc, &t, &p, dir);
    check_careers(&t);
    /* the scan agrees with what the generator counted */
    assert_int_equal(sc.lines, st.works);
    assert_int_equal(sc.authorships, st.authorships);
    assert_int_equal(sc.null_authors, st.null_authors);
    assert_int_equal(sc.multi, st.multi);
    assert_int_equal(sc.null_countries, st.null_countries);
    assert_int_equal(sc.null_ids, st.null_institutions);
    /* an outside author with a null id cannot be told from a person */
    assert_true(sc.outside <= st.outside && st.outside - sc.outside <= sc.null_authors);
    /* rescue works are clean and few, so the rates stay near the configured ones */
    assert_true(st.rescue_works < st.works / 20);
    assert_rate("null author ids", sc.null_authors, sc.authorships, p.null_author);
    assert_rate("second affiliations", sc.multi, sc.authorships, p.multi_affiliation);
    assert_rate("null country codes", sc.null_countries, sc.institutions, p.null_country);
    assert_rate("null institution ids", sc.null_ids, sc.institutions, p.null_institution);
    assert_true(sc.outside > sc.authorships / 5);
    /* the truth is the strict mode of every person-year with country evidence */
    uint64_t unobserved = 0;
    for (size_t c = 0; c < (size_t)t.n * (size_t)t.ny; c++) {
        if (!t.res[c])
            continue;
        int evidence = t.w_true[c] > 0 || t.w_other[c] > 0;
        assert_int_equal(evidence, !t.unobs[c]);
        if (evidence && !(t.w_true[c] > t.w_other[c] + 1e-9))
            fail_msg("cell %zu: truth weight %g, other %g", c, t.w_true[c], t.w_other[c]);
        unobserved += t.unobs[c];
    }
    assert_int_equal(unobserved, st.unobserved);
    uint64_t moves = 0;
    check_moves(&t, dir, &moves);
    truth_free(&t);
}

/* ---- talent pools ---------------------------------------------------------------------- */

/* The preset pools whose work criteria a work at venue `id` named `name` meets. */
static uint16_t venue_pools(const struct tf_pools *pools, uint64_t id, const char *name)
{
    struct tf_work_info w;
    memset(&w, 0, sizeof(w));
    w.venue = id;
    w.venue_name = name;
    w.venue_name_len = strlen(name);
    w.cited_by_count = -1;
    w.year = 2010;
    return tf_pools_match_work(pools, &w);
}

/* The top venues are the preset's, by id or name; no other venue of a world is. */
static void test_top_venues(void **state)
{
    (void)state;
    struct tf_pools *pools = NULL;
    struct tf_error err;
    assert_int_equal(tf_pools_new(&pools, &err), 0);
    assert_int_equal(tf_pools_add(pools, "ai-top-venues", &err), 0);
    char name[256];
    for (size_t i = 0; i < synth_n_top_venues; i++) {
        const struct synth_top_venue *v = &synth_top_venues[i];
        snprintf(name, sizeof(name), "%s%s", v->year ? "2019 " : "", v->name);
        assert_null(strpbrk(name, "\"\\"));
        assert_int_equal(venue_pools(pools, v->id, name), 1);
        assert_int_equal(venue_pools(pools, 0, name), 1);
    }
    assert_int_equal(venue_pools(pools, UINT64_C(4306420609), "NeurIPS"), 1);
    for (size_t s = 0; s < synth_n_subfields; s++)
        for (size_t k = 0; k < synth_n_venue_patterns; k++) {
            const struct synth_venue_pattern *v = &synth_venue_patterns[k];
            snprintf(name, sizeof(name), "%s%s%s", v->before, synth_subfields[s].name, v->after);
            if (venue_pools(pools, synth_subfields[s].id * 1000 + k, name))
                fail_msg("venue '%s' is a top AI venue", name);
        }
    tf_pools_free(pools);
}

/* The preset pools of truth/pools.csv, in its order. */
static const char *const pool_names[] = {"ai", "ai-top", "ai-top-venues", "top-cited"};
#define N_POOLS (sizeof(pool_names) / sizeof(pool_names[0]))

struct pool_rows {
    char **v;
    size_t n, cap;
};

/* Keeps "person,pool" for each pool of a person of the world (outside authors aside). */
static int collect_pools(void *ctx, const struct tf_person_row *row)
{
    struct pool_rows *r = ctx;
    assert_int_equal(row->name[0], 'A');
    if (strtoull(row->name + 1, NULL, 10) >= TF_SYNTH_OUTSIDE_BASE)
        return 0;
    for (size_t i = 0; i < N_POOLS; i++) {
        if (!(row->pools & (1u << i)))
            continue;
        if (r->n == r->cap) {
            r->cap = r->cap ? 2 * r->cap : 1024;
            r->v = realloc(r->v, r->cap * sizeof(*r->v));
            assert_non_null(r->v);
        }
        size_t len = strlen(row->name) + strlen(pool_names[i]) + 3;
        r->v[r->n] = malloc(len);
        assert_non_null(r->v[r->n]);
        snprintf(r->v[r->n++], len, "%s,%s\n", row->name, pool_names[i]);
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_record(void *ctx, unsigned lane, const struct tf_record *rec, uint64_t order,
                      struct tf_error *err)
{
    return tf_engine_add_record(ctx, lane, rec, order, err);
}

/* Runs the works of `dir` through the engine with the preset pools: persons.csv's pool rows. */
static void measure_pools(const char *dir, struct tf_buf *out)
{
    struct tf_error err;
    struct tf_ingest *in = NULL;
    struct tf_engine *e = NULL;
    struct tf_results *r = NULL;
    struct tf_pools *pools = NULL;
    struct tf_ingest_opts io = {.lanes = 2};
    struct tf_engine_opts eo;
    struct pool_rows rows = {0};
    char path[1024];
    tf_error_init(&err);
    tf_engine_opts_init(&eo);
    eo.lanes = io.lanes;
    eo.threads = 2;
    eo.persons = 1;
    snprintf(path, sizeof(path), "%s/works", dir);
    int rc = tf_pools_new(&pools, &err);
    for (size_t i = 0; i < N_POOLS && rc == 0; i++)
        rc = tf_pools_add(pools, pool_names[i], &err);
    eo.pools = pools;
    if (rc == 0)
        rc = tf_ingest_new(&in, &err);
    if (rc == 0)
        rc = tf_ingest_add(in, TF_FORMAT_OPENALEX, path, &err);
    if (rc == 0)
        rc = tf_engine_new(&e, &eo, &err);
    if (rc == 0)
        rc = tf_ingest_run(in, &io, add_record, e, &err);
    if (rc == 0)
        rc = tf_engine_finish(e, &r, &err);
    if (rc == 0)
        rc = tf_results_each_person(r, collect_pools, &rows, &err);
    if (rc < 0)
        fail_msg("measuring %s: %s", dir, err.msg);
    assert_int_equal(r->n_pools, N_POOLS + 1);
    qsort(rows.v, rows.n, sizeof(*rows.v), cmp_str);
    tf_buf_reset(out);
    assert_int_equal(tf_buf_adds(out, "person,pool\n"), 0);
    for (size_t i = 0; i < rows.n; i++) {
        assert_int_equal(tf_buf_adds(out, rows.v[i]), 0);
        free(rows.v[i]);
    }
    free(rows.v);
    tf_results_free(r);
    tf_engine_free(e);
    tf_ingest_free(in);
    tf_pools_free(pools);
}

/* Rows of pools.csv text per pool (index into pool_names), checking each row's form. */
static void count_pool_rows(const char *text, uint64_t n[N_POOLS])
{
    memset(n, 0, N_POOLS * sizeof(*n));
    for (const char *s = strchr(text, '\n') + 1; *s; s = strchr(s, '\n') + 1) {
        const char *comma = strchr(s, ',');
        assert_non_null(comma);
        size_t len = strcspn(comma + 1, "\n");
        size_t i = 0;
        while (i < N_POOLS &&
               !(strlen(pool_names[i]) == len && !strncmp(comma + 1, pool_names[i], len)))
            i++;
        assert_true(i < N_POOLS);
        n[i]++;
    }
}

/*
 * truth/pools.csv is what the pool rules find in the works: the engine,
 * given the preset pools, puts exactly those persons in each.
 */
static void check_pools_truth(int clean, const char *name)
{
    struct tf_synth_params p;
    struct tf_synth_stats st;
    struct tf_buf want, got;
    tf_buf_init(&want, 0);
    tf_buf_init(&got, 0);
    small_world(&p, 2000, clean);
    for (size_t i = 0; i < p.n_subfields; i++)
        if (p.subfields[i].id == 1702)
            p.subfields[i].weight = 40; /* plenty of AI researchers in a small world */
    const char *dir = tmp_path(name);
    generate(&p, dir, 3, &st);
    char path[1024];
    snprintf(path, sizeof(path), "%s/truth/pools.csv", dir);
    assert_int_equal(slurp(path, &want), 0);
    measure_pools(dir, &got);
    if (strcmp(want.data, got.data) != 0) {
        size_t at = 0;
        while (want.data[at] == got.data[at])
            at++;
        while (at > 0 && want.data[at - 1] != '\n')
            at--;
        fail_msg("%s: truth/pools.csv and the engine differ at byte %zu: truth '%.40s', engine "
                 "'%.40s'",
                 name, at, want.data + at, got.data + at);
    }
    /* every pool has members, and the pools nest as planted */
    uint64_t n[N_POOLS];
    count_pool_rows(want.data, n);
    for (size_t i = 0; i < N_POOLS; i++)
        if (n[i] < 10)
            fail_msg("%s: pool %s has %llu members", name, pool_names[i], (unsigned long long)n[i]);
    assert_true(n[1] < n[2] && n[2] < n[0] && n[0] < p.people);
    tf_buf_release(&want);
    tf_buf_release(&got);
}

static void test_pools_truth(void **state)
{
    (void)state;
    check_pools_truth(0, "pools_noisy");
    check_pools_truth(1, "pools_clean");
}

int main(void)
{
    mkdir(TF_TEST_TMP, 0777);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_is_example),
        cmocka_unit_test(test_params_good),
        cmocka_unit_test(test_params_lists_replace),
        cmocka_unit_test(test_params_errors),
        cmocka_unit_test(test_params_roundtrip),
        cmocka_unit_test(test_params_load),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_gzout),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_params_file_regenerates),
        cmocka_unit_test(test_stale_parts_removed),
        cmocka_unit_test(test_output_errors),
        cmocka_unit_test(test_clean_world),
        cmocka_unit_test(test_noisy_world),
        cmocka_unit_test(test_top_venues),
        cmocka_unit_test(test_pools_truth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
