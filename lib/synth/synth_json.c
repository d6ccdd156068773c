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
 * abstracts) is drawn from a stream seeded by the work number alone, with
 * the lead's subfield; works led by top-tier AI researchers may go to a top
 * AI venue instead (a stream of its own). The authorships are formatted by
 * synth_authors.c.
 */
#include <assert.h>
#include <math.h>
#include <string.h>

#include "synth/synth_json.h"

/* Snapshot year: works get citations up to the year before it. */
#define SNAPSHOT_YEAR 2024
/* Longest abstract, in words. */
#define ABSTRACT_MAX 128

/* ---- what the work is about ------------------------------------------------------ */

/* Per-work draws shared by several sections. */
struct decor {
    struct synth_rng r;
    unsigned sub;    /* subfield index of the work */
    unsigned topic;  /* primary topic within the subfield */
    unsigned venue;  /* 0 = the subfield's top venue */
    int top_venue;   /* index into synth_top_venues, or -1 */
    unsigned ai_sub; /* index of subfield 1702: never a third topic */
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

/* A top AI venue: one of the names (or the id) the preset ai-top-venues lists. */
static void put_top_source(struct jw *j, const struct decor *d, int year)
{
    const struct synth_top_venue *v = &synth_top_venues[d->top_venue];
    puts_(j, "\"source\":{\"id\":");
    put_oa_id(j, 'S', v->id);
    puts_(j, ",\"display_name\":\"");
    if (v->year) {
        put_u64(j, (uint64_t)year);
        putc_(j, ' ');
    }
    puts_(j, v->name);
    puts_(j, "\",\"issn_l\":null,\"issn\":null,\"is_oa\":false,\"is_in_doaj\":false,"
             "\"host_organization\":null,\"type\":\"conference\"}");
}

static void put_source(struct jw *j, const struct decor *d, int year)
{
    if (d->top_venue >= 0) {
        put_top_source(j, d, year);
        return;
    }
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
    put_source(j, d, year);
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
    /* Any subfield but Artificial Intelligence: only AI researchers' works are in it. */
    unsigned other = synth_below(&d->r, (uint64_t)synth_n_subfields - 1);
    other += other >= d->ai_sub;
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

/* Draws the words of an abstract: indexes into synth_common, then the subfield's words. */
static unsigned draw_abstract(struct decor *d, uint8_t word[ABSTRACT_MAX])
{
    unsigned n = 40 + synth_below(&d->r, ABSTRACT_MAX - 40);
    for (unsigned i = 0; i < n; i++) {
        int own = synth_below(&d->r, 10) < 3;
        word[i] = (uint8_t)(own ? synth_n_common + synth_below(&d->r, SYNTH_WORDS)
                                : synth_below(&d->r, synth_n_common));
    }
    return n;
}

/*
 * The abstract as OpenAlex stores it: each distinct word, in order of first
 * use, with the positions where it occurs. `head` links each word to its
 * first position and `next` each position to the word's next one, so the
 * index is built in one pass.
 */
static void put_abstract(struct jw *j, struct decor *d)
{
    puts_(j, "\"abstract_inverted_index\":");
    if (synth_below(&d->r, 4) == 0) {
        puts_(j, "null,");
        return;
    }
    const struct synth_subfield_info *s = &synth_subfields[d->sub];
    uint8_t word[ABSTRACT_MAX];
    int16_t next[ABSTRACT_MAX], head[SYNTH_COMMON_MAX + SYNTH_WORDS];
    assert(synth_n_common <= SYNTH_COMMON_MAX);
    unsigned n = draw_abstract(d, word);
    for (size_t v = 0; v < synth_n_common + SYNTH_WORDS; v++)
        head[v] = -1;
    for (unsigned i = n; i-- > 0;) {
        next[i] = head[word[i]];
        head[word[i]] = (int16_t)i;
    }
    putc_(j, '{');
    for (unsigned i = 0, any = 0; i < n; i++) {
        if (head[word[i]] != (int16_t)i)
            continue; /* not the first occurrence */
        puts_(j, any++ ? ",\"" : "\"");
        puts_(j, word[i] < synth_n_common ? synth_common[word[i]]
                                          : s->words[word[i] - synth_n_common]);
        puts_(j, "\":[");
        for (int p = (int)i; p >= 0; p = next[p]) {
            put_u64(j, (uint64_t)p);
            putc_(j, next[p] >= 0 ? ',' : ']');
        }
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
    d->ai_sub = (unsigned)w->ai_sub;
    d->top_venue = -1;
    /* A share of the works top-tier AI researchers lead go to the top AI venues. */
    if (w->tier[wk->lead] == SYNTH_AI_TOP) {
        uint64_t h = synth_hash(w->seed, STREAM_VENUE, wk->number, 0);
        if ((double)(h >> 11) * 0x1.0p-53 < w->p->ai_top_venues)
            d->top_venue = (int)(h % synth_n_top_venues);
    }
    /* They are cited like a subfield's top venue. */
    unsigned rank = d->top_venue >= 0 ? 0 : d->venue;
    int age = SNAPSHOT_YEAR - (w->y0 + wk->yi);
    double mean = (1.0 + 0.8 * (nv - 1 - rank)) * (1 + (age > 15 ? 15 : age < 0 ? 0 : age));
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

void synth_work_facts(const struct synth_world *w, const struct synth_work *wk,
                      struct synth_facts *f)
{
    struct decor d;
    decor_begin(w, wk, &d);
    f->top_venue = d.top_venue;
    f->cited = d.cited;
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
        synth_put_authorship(&j, w, wk, i, st);
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
