/*
 * synth_authors.c - the authorships of a synthetic work: who, where, and
 * the noise that the parameters ask for (null ids, null countries, second
 * affiliations).
 *
 * Names, ORCID iDs and institutions of persons are functions of the person
 * (and year), not of the work, so a person looks the same on every work.
 */
#include "synth/synth_json.h"

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

static void put_institutions(struct jw *j, const struct synth_world *w, const struct affil *f,
                             struct tf_synth_stats *st)
{
    puts_(j, ",\"institutions\":[");
    for (unsigned k = 0; k < f->n_inst; k++) {
        if (k)
            putc_(j, ',');
        put_institution(j, w, f->inst[k], f->country[k],
                        (f->noise & (k == 0 ? SYNTH_NULL_I1 : SYNTH_NULL_I2)) != 0,
                        (f->noise & (k == 0 ? SYNTH_NULL_C1 : SYNTH_NULL_C2)) != 0, st);
    }
    putc_(j, ']');
}

/* The person's ORCID iD, for about 40 % of persons (synth_orcid.c); null for others. */
static void put_orcid(struct jw *j, const struct synth_world *w, const struct affil *f, int outside)
{
    uint32_t person = (uint32_t)(f->author - TF_SYNTH_PERSON_BASE - 1);
    if (outside || !synth_orcid_in_works(w, person)) {
        puts_(j, "null");
        return;
    }
    char id[SYNTH_ORCID_LEN + 1];
    synth_orcid_id(person, id);
    puts_(j, "\"https://orcid.org/");
    put(j, id, SYNTH_ORCID_LEN);
    putc_(j, '"');
}

static void put_author(struct jw *j, const struct synth_world *w, const struct affil *f,
                       int outside)
{
    puts_(j, "\"author\":{\"id\":");
    if (f->noise & SYNTH_NULL_AUTHOR)
        puts_(j, "null");
    else
        put_oa_id(j, 'A', f->author);
    puts_(j, ",\"display_name\":");
    put_name(j, &f->name);
    puts_(j, ",\"orcid\":");
    put_orcid(j, w, f, outside);
    putc_(j, '}');
}

void synth_put_authorship(struct jw *j, const struct synth_world *w, const struct synth_work *wk,
                          unsigned i, struct tf_synth_stats *st)
{
    const struct synth_author *a = &wk->a[i];
    int outside = a->person == UINT32_MAX;
    struct affil f;
    if (outside)
        affil_of_outsider(w, wk, i, &f);
    else
        affil_of_person(w, wk, a, &f);
    f.noise = a->noise;
    puts_(j, i ? ",{\"author_position\":\"" : "{\"author_position\":\"");
    puts_(j, i == 0 ? "first" : i + 1 == wk->n_authors ? "last" : "middle");
    puts_(j, "\",");
    put_author(j, w, &f, outside);
    put_institutions(j, w, &f, st);
    put_countries(j, w, &f);
    puts_(j, i == 0 ? ",\"is_corresponding\":true" : ",\"is_corresponding\":false");
    puts_(j, ",\"raw_author_name\":");
    put_name(j, &f.name);
    put_affiliations(j, w, &f);
    putc_(j, '}');
    st->authorships++;
    st->outside += outside;
    st->null_authors += (a->noise & SYNTH_NULL_AUTHOR) != 0;
    st->multi += (a->noise & SYNTH_MULTI) != 0;
}
