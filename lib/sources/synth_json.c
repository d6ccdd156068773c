/*
 * synth_json.c - one synthetic work as an OpenAlex JSON line.
 *
 * The line carries what the pipeline reads (ids, publication_year,
 * authorships with institutions, countries and raw affiliation strings,
 * primary_location.source, topics, concepts, cited_by_count) among the
 * bulk real snapshots have (abstract_inverted_index, referenced_works,
 * counts_by_year, ...), so readers and benchmarks see a realistic mix.
 *
 * Everything that is not about who is where (titles, venues, citations,
 * abstracts) is drawn from a stream seeded by the work number alone.
 *
 * Formatting is the hot loop of the generator: text is appended with
 * memcpy into a buffer that only grows, numbers are converted by hand, and
 * a failed allocation is remembered (`jw.err`) and checked once per work
 * rather than after every append.
 */
#include <assert.h>
#include <math.h>
#include <string.h>

#include "sources/synth_world.h"
#include "util/buf.h"

enum { STREAM_DECOR = 6, STREAM_NAME = 7, STREAM_OUTSIDE = 8 };

#define OA "https://openalex.org/"
/* Snapshot year: works get citations up to the year before it. */
#define SNAPSHOT_YEAR 2024
/* Longest abstract, in words. */
#define ABSTRACT_MAX 128

struct jw {
    struct tf_buf *b;
    int err;
};

static void jw_grow(struct jw *j, size_t n)
{
    if (tf_buf_reserve(j->b, n) < 0)
        j->err = TF_ERR_NOMEM;
}

static inline void put(struct jw *j, const char *s, size_t n)
{
    if (j->b->cap - j->b->len < n) {
        jw_grow(j, n);
        if (j->err)
            return;
    }
    memcpy(j->b->data + j->b->len, s, n);
    j->b->len += n;
}

static inline void puts_(struct jw *j, const char *s)
{
    put(j, s, strlen(s));
}

static inline void putc_(struct jw *j, char c)
{
    put(j, &c, 1);
}

static void put_u64(struct jw *j, uint64_t v)
{
    char t[24];
    size_t i = sizeof(t);
    do {
        t[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(j, t + i, sizeof(t) - i);
}

/* A score in [0, 1) with four decimals: "0.8734". */
static void put_score(struct jw *j, double s)
{
    unsigned v = (unsigned)(s * 10000.0);
    char t[6] = {'0', '.', 0, 0, 0, 0};
    v = v > 9999 ? 9999 : v;
    for (int i = 5; i >= 2; i--, v /= 10)
        t[i] = (char)('0' + v % 10);
    put(j, t, sizeof(t));
}

/* `"key":` */
static void put_key(struct jw *j, const char *key)
{
    putc_(j, '"');
    puts_(j, key);
    puts_(j, "\":");
}

/* `"text"`: the text needs no escaping (synth_tables.h). */
static void put_str(struct jw *j, const char *s)
{
    putc_(j, '"');
    puts_(j, s);
    putc_(j, '"');
}

/* `"https://openalex.org/<letter><n>"` */
static void put_oa_id(struct jw *j, char letter, uint64_t n)
{
    puts_(j, "\"" OA);
    putc_(j, letter);
    put_u64(j, n);
    putc_(j, '"');
}

static void put_date(struct jw *j, int year, unsigned month, unsigned day)
{
    char t[6] = {'-', (char)('0' + month / 10), (char)('0' + month % 10),
                 '-', (char)('0' + day / 10),   (char)('0' + day % 10)};
    put_u64(j, (uint64_t)year);
    put(j, t, sizeof(t));
}

/* ---- people ---------------------------------------------------------------------- */

struct person_name {
    const char *first;
    const char *last;
    char initial; /* middle initial, or 0 */
};

static struct person_name name_of(uint64_t h, tf_country c)
{
    const struct synth_name_pool *pool = synth_names_for(c);
    struct person_name n = {pool->first[h % SYNTH_NAMES], pool->last[(h >> 8) % SYNTH_NAMES], 0};
    if ((h >> 16) % 5 == 0)
        n.initial = (char)('A' + (h >> 20) % 26);
    return n;
}

static void put_name(struct jw *j, const struct person_name *n)
{
    putc_(j, '"');
    puts_(j, n->first);
    putc_(j, ' ');
    if (n->initial) {
        char t[3] = {n->initial, '.', ' '};
        put(j, t, 3);
    }
    puts_(j, n->last);
    putc_(j, '"');
}

/* An ORCID iD with its ISO 7064 MOD 11-2 check character, for about 40 % of persons. */
static void put_orcid(struct jw *j, uint64_t h)
{
    if ((h >> 32) % 10 >= 4) {
        puts_(j, "null");
        return;
    }
    char d[16];
    uint64_t v = h;
    unsigned total = 0;
    d[0] = '0', d[1] = '0', d[2] = '0', d[3] = '0', d[4] = '0', d[5] = '0';
    d[6] = (char)('1' + (v >> 40) % 3); /* 0000-0001.. to 0000-0003.. like real iDs */
    for (int i = 7; i < 15; i++, v /= 10)
        d[i] = (char)('0' + v % 10);
    for (int i = 0; i < 15; i++)
        total = (total + (unsigned)(d[i] - '0')) * 2;
    unsigned check = (12 - total % 11) % 11;
    d[15] = check == 10 ? 'X' : (char)('0' + check);
    puts_(j, "\"https://orcid.org/");
    for (int g = 0; g < 4; g++) {
        put(j, d + 4 * g, 4);
        if (g < 3)
            putc_(j, '-');
    }
    putc_(j, '"');
}

/* ---- institutions ---------------------------------------------------------------- */

static void put_institution(struct jw *j, const struct synth_world *w, uint32_t inst, uint8_t c,
                            int null_id, int null_country, struct tf_synth_stats *st)
{
    const struct synth_inst *in = &w->inst[inst];
    puts_(j, "{\"id\":");
    if (null_id)
        puts_(j, "null");
    else
        put_oa_id(j, 'I', in->id);
    puts_(j, ",\"display_name\":");
    put_str(j, in->name);
    puts_(j, ",\"ror\":\"https://ror.org/");
    puts_(j, in->ror);
    puts_(j, "\",\"country_code\":");
    if (null_country)
        puts_(j, "null");
    else
        put_str(j, w->code[c]);
    puts_(j, ",\"type\":");
    put_str(j, in->type);
    puts_(j, ",\"lineage\":[");
    if (!null_id)
        put_oa_id(j, 'I', in->id);
    puts_(j, "]}");
    st->institutions++;
    st->null_institutions += null_id != 0;
    st->null_countries += null_country != 0;
}

static void put_affiliation_string(struct jw *j, const struct synth_world *w, uint32_t inst,
                                   uint8_t c, unsigned sub)
{
    const struct synth_inst *in = &w->inst[inst];
    putc_(j, '"');
    puts_(j, synth_subfields[sub].department);
    puts_(j, ", ");
    puts_(j, in->name);
    puts_(j, ", ");
    puts_(j, in->city);
    if (w->cname[c]) {
        puts_(j, ", ");
        puts_(j, w->cname[c]);
    }
    putc_(j, '"');
}

/* ---- authorships ----------------------------------------------------------------- */

/* Who an authorship is and where: one or two institutions with their countries. */
struct affil {
    uint64_t author; /* OpenAlex number, 0 = null id */
    struct person_name name;
    uint64_t name_hash;
    uint32_t inst[2];
    uint8_t country[2];
    unsigned n_inst;
    unsigned sub; /* subfield index, for the department name */
    uint8_t noise;
};

static void affil_of_person(const struct synth_world *w, const struct synth_work *wk,
                            const struct synth_author *a, struct affil *f)
{
    int first = 0, last = 0;
    synth_active_span(w, a->person, &first, &last);
    uint8_t origin = synth_res(w, a->person, first);
    f->name_hash = synth_hash(w->seed, STREAM_NAME, a->person, 0);
    f->name = name_of(f->name_hash, w->p->countries[origin].code);
    f->author = TF_SYNTH_PERSON_BASE + 1 + a->person;
    f->country[0] = synth_res(w, a->person, wk->yi);
    f->inst[0] = synth_home_inst(w, a->person, wk->yi);
    f->n_inst = 1;
    if (a->noise & SYNTH_MULTI) {
        f->country[1] = synth_second_country(w, a->person, wk->yi);
        f->inst[1] = synth_second_inst(w, a->person, f->country[1]);
        f->n_inst = 2;
    }
    f->sub = w->subfield[a->person];
}

static void affil_of_outsider(const struct synth_world *w, const struct synth_work *wk, unsigned i,
                              struct affil *f)
{
    uint64_t local = wk->number - SYNTH_WORK_BASE;
    uint64_t h = synth_hash(w->seed, STREAM_OUTSIDE, wk->number, i);
    double u = (double)(h >> 11) * 0x1.0p-53 * w->birth_cum[w->nc - 1];
    uint8_t c = 0;
    while (c + 1u < w->nc && u >= w->birth_cum[c])
        c++;
    f->name_hash = h;
    f->name = name_of(h >> 3, w->p->countries[c].code);
    f->author = TF_SYNTH_OUTSIDE_BASE + local * SYNTH_MAX_AUTHORS + i;
    f->country[0] = c;
    uint32_t lo = w->inst_first[c], n = w->inst_first[c + 1] - lo;
    f->inst[0] = lo + (uint32_t)((h >> 40) % n);
    f->n_inst = 1;
    f->sub = w->subfield[wk->lead];
    if (wk->a[i].noise & SYNTH_MULTI) {
        uint8_t c2 = (uint8_t)((c + 1 + (h >> 20) % (w->nc - 1)) % w->nc);
        uint32_t lo2 = w->inst_first[c2], n2 = w->inst_first[c2 + 1] - lo2;
        f->country[1] = c2;
        f->inst[1] = lo2 + (uint32_t)((h >> 28) % n2);
        f->n_inst = 2;
    }
}

static void put_countries(struct jw *j, const struct synth_world *w, const struct affil *f)
{
    puts_(j, ",\"countries\":[");
    int any = 0;
    for (unsigned k = 0; k < f->n_inst; k++) {
        if (f->noise & (k == 0 ? SYNTH_NULL_C1 : SYNTH_NULL_C2))
            continue;
        if (any)
            putc_(j, ',');
        put_str(j, w->code[f->country[k]]);
        any = 1;
    }
    putc_(j, ']');
}

static void put_affiliations(struct jw *j, const struct synth_world *w, const struct affil *f)
{
    puts_(j, ",\"raw_affiliation_strings\":[");
    for (unsigned k = 0; k < f->n_inst; k++) {
        if (k)
            putc_(j, ',');
        put_affiliation_string(j, w, f->inst[k], f->country[k], f->sub);
    }
    puts_(j, "],\"affiliations\":[");
    for (unsigned k = 0; k < f->n_inst; k++) {
        puts_(j, k ? ",{\"raw_affiliation_string\":" : "{\"raw_affiliation_string\":");
        put_affiliation_string(j, w, f->inst[k], f->country[k], f->sub);
        puts_(j, ",\"institution_ids\":[");
        if (!(f->noise & (k == 0 ? SYNTH_NULL_I1 : SYNTH_NULL_I2)))
            put_oa_id(j, 'I', w->inst[f->inst[k]].id);
        puts_(j, "]}");
    }
    putc_(j, ']');
}

static void put_authorship(struct jw *j, const struct synth_world *w, const struct synth_work *wk,
                           unsigned i, struct tf_synth_stats *st)
{
    const struct synth_author *a = &wk->a[i];
    struct affil f;
    if (a->person == UINT32_MAX)
        affil_of_outsider(w, wk, i, &f);
    else
        affil_of_person(w, wk, a, &f);
    f.noise = a->noise;
    const char *pos = i == 0 ? "first" : i + 1 == wk->n_authors ? "last" : "middle";
    puts_(j, i ? ",{\"author_position\":\"" : "{\"author_position\":\"");
    puts_(j, pos);
    puts_(j, "\",\"author\":{\"id\":");
    if (a->noise & SYNTH_NULL_AUTHOR)
        puts_(j, "null");
    else
        put_oa_id(j, 'A', f.author);
    puts_(j, ",\"display_name\":");
    put_name(j, &f.name);
    puts_(j, ",\"orcid\":");
    put_orcid(j, a->person == UINT32_MAX ? UINT64_MAX : f.name_hash);
    puts_(j, "},\"institutions\":[");
    for (unsigned k = 0; k < f.n_inst; k++) {
        if (k)
            putc_(j, ',');
        put_institution(j, w, f.inst[k], f.country[k],
                        (a->noise & (k == 0 ? SYNTH_NULL_I1 : SYNTH_NULL_I2)) != 0,
                        (a->noise & (k == 0 ? SYNTH_NULL_C1 : SYNTH_NULL_C2)) != 0, st);
    }
    putc_(j, ']');
    put_countries(j, w, &f);
    puts_(j, ",\"is_corresponding\":");
    puts_(j, i == 0 ? "true" : "false");
    puts_(j, ",\"raw_author_name\":");
    put_name(j, &f.name);
    put_affiliations(j, w, &f);
    putc_(j, '}');
    st->authorships++;
    st->outside += a->person == UINT32_MAX;
    st->null_authors += (a->noise & SYNTH_NULL_AUTHOR) != 0;
    st->multi += (a->noise & SYNTH_MULTI) != 0;
}

/* ---- what the work is about ------------------------------------------------------ */

/* Per-work draws shared by several sections. */
struct decor {
    struct synth_rng r;
    unsigned sub;   /* subfield index of the work */
    unsigned topic; /* primary topic within the subfield */
    unsigned venue; /* 0 = the subfield's top venue */
    uint64_t cited;
    unsigned month, day;
};

static void put_title(struct jw *j, struct decor *d)
{
    const struct synth_subfield_info *s = &synth_subfields[d->sub];
    const char *adj = synth_adjectives[synth_below(&d->r, synth_n_adjectives)];
    const char *word = s->words[synth_below(&d->r, SYNTH_WORDS)];
    const char *method = synth_methods[synth_below(&d->r, synth_n_methods)];
    /* Now and then a quoted word, so readers meet escapes as in real titles. */
    int quoted = synth_below(&d->r, 50) == 0;
    putc_(j, '"');
    puts_(j, adj);
    putc_(j, ' ');
    if (quoted)
        puts_(j, "\\\"");
    puts_(j, word);
    if (quoted)
        puts_(j, "\\\"");
    putc_(j, ' ');
    puts_(j, method);
    puts_(j, " for ");
    puts_(j, s->topics[d->topic]);
    putc_(j, '"');
}

/* A syntactically valid ISSN ("1234-567X") from the number `v`. */
static void put_issn(struct jw *j, uint64_t v)
{
    char t[11] = {'"', 0, 0, 0, 0, '-', 0, 0, 0, 0, '"'};
    static const int pos[7] = {1, 2, 3, 4, 6, 7, 8};
    unsigned sum = 0;
    for (int i = 0; i < 7; i++, v /= 10) {
        t[pos[i]] = (char)('0' + v % 10);
        sum += (unsigned)(v % 10) * (unsigned)(8 - i);
    }
    unsigned check = (11 - sum % 11) % 11;
    t[9] = check == 10 ? 'X' : (char)('0' + check);
    put(j, t, sizeof(t));
}

static void put_source(struct jw *j, const struct decor *d)
{
    const struct synth_subfield_info *s = &synth_subfields[d->sub];
    const struct synth_venue_pattern *v = &synth_venue_patterns[d->venue];
    uint64_t id = (uint64_t)s->id * 1000 + d->venue;
    puts_(j, "\"source\":{\"id\":");
    put_oa_id(j, 'S', id);
    puts_(j, ",\"display_name\":\"");
    puts_(j, v->before);
    puts_(j, s->name);
    puts_(j, v->after);
    puts_(j, "\",\"issn_l\":");
    put_issn(j, id * 7919);
    puts_(j, ",\"issn\":[");
    put_issn(j, id * 7919);
    puts_(j, "],\"is_oa\":false,\"is_in_doaj\":false,\"host_organization\":null,\"type\":");
    put_str(j, v->type);
    putc_(j, '}');
}

static void put_doi(struct jw *j, const struct synth_work *wk)
{
    puts_(j, "\"https://doi.org/10.5555/synth.");
    put_u64(j, wk->number);
    putc_(j, '"');
}

static void put_head(struct jw *j, const struct synth_world *w, const struct synth_work *wk,
                     struct decor *d)
{
    int year = w->y0 + wk->yi;
    int oa = synth_below(&d->r, 10) < 3;
    puts_(j, "{\"id\":");
    put_oa_id(j, 'W', wk->number);
    puts_(j, ",\"doi\":");
    put_doi(j, wk);
    size_t title_at = j->b->len + 9;
    puts_(j, ",\"title\":");
    put_title(j, d);
    size_t title_len = j->b->len - title_at;
    puts_(j, ",\"display_name\":");
    /* Make room first: the copy reads from the buffer it appends to. */
    if (j->b->cap - j->b->len < title_len)
        jw_grow(j, title_len);
    if (!j->err)
        put(j, j->b->data + title_at, title_len);
    puts_(j, ",\"publication_year\":");
    put_u64(j, (uint64_t)year);
    puts_(j, ",\"publication_date\":\"");
    put_date(j, year, d->month, d->day);
    puts_(j, "\",\"ids\":{\"openalex\":");
    put_oa_id(j, 'W', wk->number);
    puts_(j, ",\"doi\":");
    put_doi(j, wk);
    puts_(j, "},\"language\":\"en\",\"primary_location\":{\"is_oa\":");
    puts_(j, oa ? "true" : "false");
    puts_(j, ",\"landing_page_url\":");
    put_doi(j, wk);
    puts_(j, ",\"pdf_url\":null,");
    put_source(j, d);
    puts_(j, ",\"license\":null,\"version\":\"publishedVersion\",\"is_accepted\":true,"
             "\"is_published\":true},\"type\":\"article\",\"open_access\":{\"is_oa\":");
    puts_(j, oa ? "true,\"oa_status\":\"green\"" : "false,\"oa_status\":\"closed\"");
    puts_(j, ",\"oa_url\":null,\"any_repository_has_fulltext\":false},");
}

static void put_topic(struct jw *j, unsigned sub, unsigned t, double score)
{
    const struct synth_subfield_info *s = &synth_subfields[sub];
    puts_(j, "{\"id\":");
    put_oa_id(j, 'T', 11000 + (uint64_t)sub * 10 + t);
    puts_(j, ",\"display_name\":");
    put_str(j, s->topics[t]);
    puts_(j, ",\"score\":");
    put_score(j, score);
    puts_(j, ",\"subfield\":{\"id\":\"" OA "subfields/");
    put_u64(j, s->id);
    puts_(j, "\",\"display_name\":");
    put_str(j, s->name);
    puts_(j, "},\"field\":{\"id\":\"" OA "fields/");
    put_u64(j, s->field);
    puts_(j, "\",\"display_name\":");
    put_str(j, s->field_name);
    puts_(j, "},\"domain\":{\"id\":\"" OA "domains/");
    put_u64(j, s->domain);
    puts_(j, "\",\"display_name\":");
    put_str(j, s->domain_name);
    puts_(j, "}}");
}

static void put_concept(struct jw *j, uint64_t id, const char *name, int level, double score)
{
    puts_(j, "{\"id\":");
    put_oa_id(j, 'C', id);
    puts_(j, ",\"display_name\":");
    put_str(j, name);
    puts_(j, ",\"level\":");
    putc_(j, (char)('0' + level));
    puts_(j, ",\"score\":");
    put_score(j, score);
    putc_(j, '}');
}

static void put_subject(struct jw *j, struct decor *d)
{
    const struct synth_subfield_info *s = &synth_subfields[d->sub];
    unsigned t2 = (d->topic + 1 + synth_below(&d->r, SYNTH_TOPICS - 1)) % SYNTH_TOPICS;
    unsigned other = synth_below(&d->r, (uint64_t)synth_n_subfields);
    double s1 = 0.95 + 0.0499 * synth_uniform(&d->r);
    double s2 = 0.6 + 0.3 * synth_uniform(&d->r);
    double s3 = 0.3 + 0.29 * synth_uniform(&d->r);
    puts_(j, "\"primary_topic\":");
    put_topic(j, d->sub, d->topic, s1);
    puts_(j, ",\"topics\":[");
    put_topic(j, d->sub, d->topic, s1);
    putc_(j, ',');
    put_topic(j, d->sub, t2, s2);
    putc_(j, ',');
    put_topic(j, other, synth_below(&d->r, SYNTH_TOPICS), s3);
    puts_(j, "],\"keywords\":[{\"id\":\"" OA "keywords/");
    const char *kw = s->words[synth_below(&d->r, SYNTH_WORDS)];
    puts_(j, kw);
    puts_(j, "\",\"display_name\":");
    put_str(j, kw);
    puts_(j, ",\"score\":");
    put_score(j, 0.3 + 0.6 * synth_uniform(&d->r));
    puts_(j, "}],\"concepts\":[");
    put_concept(j, s->field_concept, s->field_concept_name, 0, 0.4 + 0.5 * synth_uniform(&d->r));
    putc_(j, ',');
    put_concept(j, s->concept, s->concept_name, 1, 0.3 + 0.5 * synth_uniform(&d->r));
    puts_(j, "],\"mesh\":[],");
}

static void put_work_list(struct jw *j, const char *key, unsigned n, struct decor *d)
{
    put_key(j, key);
    putc_(j, '[');
    for (unsigned i = 0; i < n; i++) {
        if (i)
            putc_(j, ',');
        put_oa_id(j, 'W', 1000000000 + (uint64_t)synth_below(&d->r, 3000000000u));
    }
    puts_(j, "],");
}

/* Citations per year since publication (at most the last ten years), newest first. */
static void put_counts_by_year(struct jw *j, int year, uint64_t cited)
{
    int from = year > SNAPSHOT_YEAR - 10 ? year : SNAPSHOT_YEAR - 10;
    int years = SNAPSHOT_YEAR - from;
    puts_(j, "\"counts_by_year\":[");
    int any = 0;
    for (int y = SNAPSHOT_YEAR - 1; y >= from && years > 0; y--) {
        uint64_t c = cited / (uint64_t)years + (y == from ? cited % (uint64_t)years : 0);
        if (!c)
            continue;
        puts_(j, any ? ",{\"year\":" : "{\"year\":");
        put_u64(j, (uint64_t)y);
        puts_(j, ",\"cited_by_count\":");
        put_u64(j, c);
        putc_(j, '}');
        any = 1;
    }
    puts_(j, "],");
}

/* ---- abstract -------------------------------------------------------------------- */

/* The abstract as OpenAlex stores it: each word with the positions where it occurs. */
static void put_abstract(struct jw *j, struct decor *d)
{
    puts_(j, "\"abstract_inverted_index\":");
    if (synth_below(&d->r, 4) == 0) {
        puts_(j, "null,");
        return;
    }
    const struct synth_subfield_info *s = &synth_subfields[d->sub];
    unsigned n = 40 + synth_below(&d->r, ABSTRACT_MAX - 40);
    unsigned vocab = (unsigned)synth_n_common + SYNTH_WORDS;
    uint8_t word[ABSTRACT_MAX];
    int16_t next[ABSTRACT_MAX], head[SYNTH_COMMON_MAX + SYNTH_WORDS];
    assert(synth_n_common <= SYNTH_COMMON_MAX);
    for (unsigned i = 0; i < n; i++) {
        unsigned k = synth_below(&d->r, 10) < 3 ? (unsigned)synth_n_common + synth_below(&d->r, 8)
                                                : synth_below(&d->r, synth_n_common);
        word[i] = (uint8_t)k;
    }
    for (unsigned v = 0; v < vocab; v++)
        head[v] = -1;
    for (unsigned i = n; i-- > 0;) {
        next[i] = head[word[i]];
        head[word[i]] = (int16_t)i;
    }
    putc_(j, '{');
    int any = 0;
    for (unsigned i = 0; i < n; i++) {
        if (head[word[i]] != (int16_t)i)
            continue; /* not the first occurrence */
        if (any)
            putc_(j, ',');
        any = 1;
        put_str(j, word[i] < synth_n_common ? synth_common[word[i]]
                                            : s->words[word[i] - synth_n_common]);
        puts_(j, ":[");
        for (int p = (int)i; p >= 0; p = next[p]) {
            put_u64(j, (uint64_t)p);
            if (next[p] >= 0)
                putc_(j, ',');
        }
        putc_(j, ']');
    }
    puts_(j, "},");
}

/* ---- the work -------------------------------------------------------------------- */

static void decor_begin(const struct synth_world *w, const struct synth_work *wk, struct decor *d)
{
    synth_rng_seed(&d->r, w->seed, STREAM_DECOR, wk->number, 0);
    d->sub = w->subfield[wk->lead];
    d->topic = synth_below(&d->r, SYNTH_TOPICS);
    double u = synth_uniform(&d->r);
    unsigned nv = (unsigned)synth_n_venue_patterns;
    /* Venue 0 is the subfield's top venue and the rarest. */
    d->venue = nv - 1 - (unsigned)((double)nv * u * u);
    int age = SNAPSHOT_YEAR - (w->y0 + wk->yi);
    double mean = (1.0 + 0.8 * (nv - 1 - d->venue)) * (1 + (age > 15 ? 15 : age < 0 ? 0 : age));
    d->cited = (uint64_t)(-mean * log(1.0 - synth_uniform(&d->r)));
    d->month = 1 + synth_below(&d->r, 12);
    d->day = 1 + synth_below(&d->r, 28);
}

static void put_ids_of(struct jw *j, const struct synth_world *w, const struct synth_work *wk)
{
    const struct synth_author *a = &wk->a[0];
    puts_(j, "\"corresponding_author_ids\":[");
    if (!(a->noise & SYNTH_NULL_AUTHOR) && a->person != UINT32_MAX)
        put_oa_id(j, 'A', TF_SYNTH_PERSON_BASE + 1 + a->person);
    puts_(j, "],\"corresponding_institution_ids\":[");
    if (!(a->noise & SYNTH_NULL_I1) && a->person != UINT32_MAX)
        put_oa_id(j, 'I', w->inst[synth_home_inst(w, a->person, wk->yi)].id);
    puts_(j, "],");
}

static void put_tail(struct jw *j, const struct synth_world *w, const struct synth_work *wk,
                     struct decor *d)
{
    int year = w->y0 + wk->yi;
    puts_(j, "\"cited_by_count\":");
    put_u64(j, d->cited);
    puts_(j, ",\"biblio\":{\"volume\":\"");
    put_u64(j, (uint64_t)(year > 1950 ? year - 1950 : 1));
    puts_(j, "\",\"issue\":\"");
    put_u64(j, 1 + synth_below(&d->r, 12));
    uint64_t page = 1 + synth_below(&d->r, 2000);
    puts_(j, "\",\"first_page\":\"");
    put_u64(j, page);
    puts_(j, "\",\"last_page\":\"");
    put_u64(j, page + 4 + synth_below(&d->r, 20));
    puts_(j, "\"},\"is_retracted\":false,\"is_paratext\":false,");
    put_subject(j, d);
    puts_(j, "\"locations_count\":1,");
    unsigned refs = 5 + synth_below(&d->r, 30);
    puts_(j, "\"referenced_works_count\":");
    put_u64(j, refs);
    putc_(j, ',');
    put_work_list(j, "referenced_works", refs, d);
    put_work_list(j, "related_works", 10, d);
    put_abstract(j, d);
    put_counts_by_year(j, year, d->cited);
    puts_(j, "\"updated_date\":\"" TF_SYNTH_UPDATED_DATE "T00:00:00.000000\",\"created_date\":\"");
    put_date(j, year, d->month, d->day);
    puts_(j, "\"}\n");
}

/* Distinct countries and institution ids named by the authorships, as OpenAlex counts them. */
static void put_distinct(struct jw *j, const struct synth_world *w, const struct synth_work *wk)
{
    uint64_t countries = 0;
    unsigned n_inst = 0;
    uint32_t seen[SYNTH_MAX_AUTHORS];
    for (unsigned i = 0; i < wk->n_authors; i++) {
        const struct synth_author *a = &wk->a[i];
        if (a->person == UINT32_MAX || (a->noise & SYNTH_NULL_I1))
            continue;
        uint32_t in = synth_home_inst(w, a->person, wk->yi);
        if (!(a->noise & SYNTH_NULL_C1))
            countries |= UINT64_C(1) << synth_res(w, a->person, wk->yi);
        unsigned k = 0;
        while (k < n_inst && seen[k] != in)
            k++;
        if (k == n_inst)
            seen[n_inst++] = in;
    }
    puts_(j, "\"countries_distinct_count\":");
    put_u64(j, (uint64_t)__builtin_popcountll(countries));
    puts_(j, ",\"institutions_distinct_count\":");
    put_u64(j, n_inst);
    putc_(j, ',');
}

int synth_format_work(const struct synth_world *w, const struct synth_work *wk, struct tf_buf *out,
                      struct tf_synth_stats *st)
{
    struct jw j = {out, 0};
    struct decor d;
    size_t start = out->len;
    decor_begin(w, wk, &d);
    put_head(&j, w, wk, &d);
    puts_(&j, "\"authorships\":[");
    for (unsigned i = 0; i < wk->n_authors; i++)
        put_authorship(&j, w, wk, i, st);
    puts_(&j, "],");
    put_distinct(&j, w, wk);
    put_ids_of(&j, w, wk);
    put_tail(&j, w, wk, &d);
    if (j.err) {
        out->len = start;
        out->data[start] = '\0';
        return j.err;
    }
    out->data[out->len] = '\0';
    return 0;
}
