/*
 * synth_world.c - careers, co-author pools and institutions of a synthetic
 * world, and the draws of its works (see synth_world.h).
 *
 * Every random decision comes from a stream seeded by what it is about
 * (a person's career, a lead person-year's works), never from a shared
 * generator, so the output does not depend on the order or the thread in
 * which things are drawn.
 */
#include "synth/synth_world.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

/* Stream names: the first number mixed into a seed. */
enum { STREAM_CAREER = 1, STREAM_WORKS = 2, STREAM_INST = 3, STREAM_SECOND = 4, STREAM_PLACE = 5 };
/* The top-tier draw has a stream of its own, so other careers are drawn as before. */
enum { STREAM_TIER = 9 };

/* Longest career simulated, in years. */
#define CAREER_MAX 100

/* ---- random numbers ---------------------------------------------------------- */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

uint64_t synth_hash(uint64_t seed, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t x = seed;
    uint64_t h = splitmix64(&x);
    h = tf_mix64(h ^ (a + UINT64_C(0x632be59bd9b4e019)));
    h = tf_mix64(h ^ (b + UINT64_C(0x8cb92ba72f3d8dd7)));
    return tf_mix64(h ^ (c + UINT64_C(0x4f1bbcdcbfa53e0b)));
}

void synth_rng_seed(struct synth_rng *r, uint64_t seed, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t x = synth_hash(seed, a, b, c);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

unsigned synth_poisson(struct synth_rng *r, double exp_neg_mean, unsigned cap)
{
    unsigned k = 0;
    double prod = synth_uniform(r);
    while (prod > exp_neg_mean && k < cap) {
        k++;
        prod *= synth_uniform(r);
    }
    return k;
}

/* Index of the first cumulative weight above u * total. */
static size_t pick_cum(const double *cum, size_t n, double u)
{
    double x = u * cum[n - 1];
    for (size_t i = 0; i < n; i++)
        if (x < cum[i])
            return i;
    return n - 1;
}

/* ---- the world's tables ------------------------------------------------------ */

static void setup_countries(struct synth_world *w, const struct tf_synth_params *p)
{
    double cum = 0;
    w->nc = p->n_countries;
    for (size_t i = 0; i < w->nc; i++) {
        const struct tf_synth_country *k = &p->countries[i];
        tf_country_code(k->code, w->code[i]);
        w->cname[i] = tf_country_name(k->code);
        double m = k->move * p->move_scale;
        w->move[i] = m > 1 ? 1 : m;
        w->move_top[i] = m * p->ai_top_move > 1 ? 1 : m * p->ai_top_move;
        cum += k->size;
        w->birth_cum[i] = cum;
        w->dest_total[i] = 0;
        w->dest_top_total[i] = 0;
        for (size_t d = 0; d < w->nc; d++) {
            size_t at = i * TF_SYNTH_MAX_COUNTRIES + d;
            w->dest[at] = synth_dest_weight(p, i, d);
            w->dest_total[i] += w->dest[at];
            int pulled = p->ai_top_pull_country && p->countries[d].code == p->ai_top_pull_country;
            w->dest_top[at] = w->dest[at] * (pulled ? p->ai_top_pull : 1.0);
            w->dest_top_total[i] += w->dest_top[at];
        }
    }
    double scum = 0;
    w->nsub = p->n_subfields;
    for (size_t i = 0; i < w->nsub; i++) {
        w->sub_index[i] = synth_subfield_index(p->subfields[i].id);
        scum += p->subfields[i].weight;
        w->sub_cum[i] = scum;
    }
    w->ai_sub = synth_subfield_index(1702);
}

/*
 * Destination of a move from country `c` by a person whose origin is
 * `origin`. From abroad the move goes home with probability `return`; other
 * moves never pick the origin, so `return` is exactly the share of moves
 * from abroad that are returns. Returns `c` (no move) when there is nowhere
 * to go.
 */
static uint8_t pick_destination(const struct synth_world *w, struct synth_rng *r, uint8_t c,
                                uint8_t origin, int top)
{
    if (c != origin && synth_uniform(r) < (top ? w->p->ai_top_return : w->p->return_prob))
        return origin;
    const double *row = &(top ? w->dest_top : w->dest)[(size_t)c * TF_SYNTH_MAX_COUNTRIES];
    double total = (top ? w->dest_top_total : w->dest_total)[c] - (c != origin ? row[origin] : 0.0);
    if (!(total > 0))
        return origin;
    double x = synth_uniform(r) * total;
    uint8_t last = c;
    for (size_t d = 0; d < w->nc; d++) {
        if (d == c || (d == origin && c != origin) || !(row[d] > 0))
            continue;
        last = (uint8_t)d;
        if (x < row[d])
            return (uint8_t)d;
        x -= row[d];
    }
    return last;
}

/* Career length: the minimum plus an exponential tail, so the mean is career_mean. */
static int career_length(const struct tf_synth_params *p, struct synth_rng *r)
{
    double tail = p->career_mean - p->career_min;
    double extra = tail > 0 ? -tail * log(1.0 - synth_uniform(r)) : 0.0;
    double len = p->career_min + floor(extra);
    return len > CAREER_MAX ? CAREER_MAX : (int)len;
}

/* Simulates the career of `person`: its subfield and residence in every window year. */
static void simulate_career(struct synth_world *w, uint32_t person)
{
    const struct tf_synth_params *p = w->p;
    struct synth_rng r;
    synth_rng_seed(&r, w->seed, STREAM_CAREER, person, 0);
    int y1 = w->y0 + w->ny - 1;
    int len = career_length(p, &r);
    int lo = p->start_from > w->y0 - len + 1 ? p->start_from : w->y0 - len + 1;
    int hi = p->start_to < y1 ? p->start_to : y1;
    int start = lo + (int)synth_below(&r, (uint64_t)(hi - lo + 1));
    int first = start > w->y0 ? start : w->y0;
    int last = start + len - 1 < y1 ? start + len - 1 : y1;
    w->subfield[person] = (uint8_t)w->sub_index[pick_cum(w->sub_cum, w->nsub, synth_uniform(&r))];
    w->tier[person] = SYNTH_OTHER;
    if (w->subfield[person] == w->ai_sub) {
        uint64_t h = synth_hash(w->seed, STREAM_TIER, person, 0);
        w->tier[person] = (double)(h >> 11) * 0x1.0p-53 < p->ai_top_share ? SYNTH_AI_TOP : SYNTH_AI;
    }
    int top = w->tier[person] == SYNTH_AI_TOP;
    const double *move = top ? w->move_top : w->move;
    uint8_t *row = &w->res[(size_t)person * (size_t)w->ny];
    memset(row, SYNTH_NONE, (size_t)w->ny);
    uint8_t origin = (uint8_t)pick_cum(w->birth_cum, w->nc, synth_uniform(&r));
    uint8_t c = origin;
    for (int y = first; y <= last; y++) {
        if (y > first && synth_uniform(&r) < move[c])
            c = pick_destination(w, &r, c, origin, top);
        row[y - w->y0] = c;
    }
}

/* The group of `person` in year `yi`: year, AI or not, country. */
static size_t active_group(const struct synth_world *w, uint32_t person, int yi)
{
    size_t ai = w->tier[person] != SYNTH_OTHER;
    return ((size_t)yi * 2 + ai) * w->nc + synth_res(w, person, yi);
}

/*
 * Groups the active persons of every (year, AI or not, country), each group
 * in person order: co-authors come from the lead's side.
 */
static int build_active(struct synth_world *w)
{
    size_t groups = (size_t)w->ny * 2 * w->nc;
    w->active_off = calloc(groups + 1, sizeof(size_t));
    if (!w->active_off)
        return TF_ERR_NOMEM;
    for (uint32_t i = 0; i < w->n; i++)
        for (int y = 0; y < w->ny; y++)
            if (synth_res(w, i, y) != SYNTH_NONE)
                w->active_off[active_group(w, i, y) + 1]++;
    for (size_t g = 0; g < groups; g++)
        w->active_off[g + 1] += w->active_off[g];
    w->active = malloc((w->active_off[groups] + 1) * sizeof(uint32_t));
    size_t *fill = malloc(groups * sizeof(size_t));
    if (!w->active || !fill) {
        free(fill);
        return TF_ERR_NOMEM;
    }
    memcpy(fill, w->active_off, groups * sizeof(size_t));
    for (uint32_t i = 0; i < w->n; i++)
        for (int y = 0; y < w->ny; y++)
            if (synth_res(w, i, y) != SYNTH_NONE)
                w->active[fill[active_group(w, i, y)]++] = i;
    free(fill);
    return 0;
}

/* ---- institutions -------------------------------------------------------------- */

/* Institutions per country: a floor for small countries, more for large ones. */
static uint32_t institutions_of(const struct tf_synth_params *p, size_t c)
{
    double total = 0;
    for (size_t i = 0; i < p->n_countries; i++)
        total += p->countries[i].size;
    double n = 8 + 300 * p->countries[c].size / total;
    return n > 200 ? 200 : (uint32_t)n;
}

/* A pronounceable city name made of two syllables and an ending ("Valmorburg"). */
static char *city_name(uint64_t h)
{
    const char *a = synth_syllables[h % synth_n_syllables];
    const char *b = synth_syllables[(h >> 8) % synth_n_syllables];
    const char *e = synth_city_ends[(h >> 16) % synth_n_city_ends];
    size_t n = strlen(a) + strlen(b) + strlen(e) + 1;
    char *s = malloc(n);
    if (!s)
        return NULL;
    snprintf(s, n, "%s%c%s%s", a, (char)(b[0] - 'A' + 'a'), b + 1, e);
    return s;
}

static int make_institution(struct synth_inst *in, tf_country code, uint32_t j)
{
    /* Names do not depend on the seed: the same country has the same institutions. */
    uint64_t h = synth_hash(0, STREAM_PLACE, code, j);
    const struct synth_inst_pattern *pat = &synth_inst_patterns[(h >> 24) % synth_n_inst_patterns];
    in->city = city_name(h);
    if (!in->city)
        return TF_ERR_NOMEM;
    size_t n = strlen(pat->before) + strlen(in->city) + strlen(pat->after) + 1;
    in->name = malloc(n);
    if (!in->name)
        return TF_ERR_NOMEM;
    snprintf(in->name, n, "%s%s%s", pat->before, in->city, pat->after);
    in->type = pat->type;
    in->id = UINT64_C(400000000) + (uint64_t)code * 1000 + j;
    static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
    in->ror[0] = '0';
    for (int i = 1; i < 7; i++)
        in->ror[i] = alphabet[(h >> (30 + 5 * i)) & 31];
    in->ror[7] = (char)('0' + (h >> 3) % 10);
    in->ror[8] = (char)('0' + (h >> 7) % 10);
    in->ror[9] = '\0';
    return 0;
}

static int build_institutions(struct synth_world *w)
{
    uint32_t total = 0;
    for (size_t c = 0; c < w->nc; c++) {
        w->inst_first[c] = total;
        total += institutions_of(w->p, c);
    }
    w->inst_first[w->nc] = total;
    w->inst = calloc(total, sizeof(*w->inst));
    if (!w->inst)
        return TF_ERR_NOMEM;
    for (size_t c = 0; c < w->nc; c++)
        for (uint32_t j = w->inst_first[c]; j < w->inst_first[c + 1]; j++)
            if (make_institution(&w->inst[j], w->p->countries[c].code, j - w->inst_first[c]) < 0)
                return TF_ERR_NOMEM;
    return 0;
}

/*
 * An institution of country `c` for a hash `h`. Squaring the uniform makes
 * the first institutions of a country the big ones, as in real data.
 */
static uint32_t inst_pick(const struct synth_world *w, uint8_t c, uint64_t h)
{
    uint32_t lo = w->inst_first[c], n = w->inst_first[c + 1] - lo;
    double u = (double)(h >> 11) * 0x1.0p-53;
    uint32_t k = (uint32_t)(u * u * n);
    return lo + (k < n ? k : n - 1);
}

uint32_t synth_home_inst(const struct synth_world *w, uint32_t person, int yi)
{
    uint8_t c = synth_res(w, person, yi);
    int start = yi;
    while (start > 0 && synth_res(w, person, start - 1) == c)
        start--;
    /* One institution per stay in a country: a person changes it only by moving. */
    return inst_pick(w, c, synth_hash(w->seed, STREAM_INST, person, (uint64_t)start));
}

uint8_t synth_second_country(const struct synth_world *w, uint32_t person, int yi)
{
    uint8_t c = synth_res(w, person, yi);
    if (yi > 0 && synth_res(w, person, yi - 1) != SYNTH_NONE && synth_res(w, person, yi - 1) != c)
        return synth_res(w, person, yi - 1); /* the year of a move: both ends listed */
    int first = 0, last = 0;
    synth_active_span(w, person, &first, &last);
    if (synth_res(w, person, first) != c)
        return synth_res(w, person, first); /* an affiliation kept at home */
    uint64_t h = synth_hash(w->seed, STREAM_SECOND, person, c);
    const double *row = &w->dest[(size_t)c * TF_SYNTH_MAX_COUNTRIES];
    double x = (double)(h >> 11) * 0x1.0p-53 * w->dest_total[c];
    for (size_t d = 0; d < w->nc; d++) {
        if (d != c && row[d] > 0 && x < row[d])
            return (uint8_t)d;
        x -= d != c ? row[d] : 0.0;
    }
    return (uint8_t)((c + 1 + h % (w->nc - 1)) % w->nc);
}

uint32_t synth_second_inst(const struct synth_world *w, uint32_t person, uint8_t country)
{
    return inst_pick(w, country, synth_hash(w->seed, STREAM_SECOND + 16, person, country));
}

void synth_active_span(const struct synth_world *w, uint32_t person, int *first, int *last)
{
    const uint8_t *row = &w->res[(size_t)person * (size_t)w->ny];
    int a = 0, b = w->ny - 1;
    while (a < w->ny && row[a] == SYNTH_NONE)
        a++;
    while (b > a && row[b] == SYNTH_NONE)
        b--;
    *first = a;
    *last = b;
}

/* ---- building ------------------------------------------------------------------ */

int synth_world_build(struct synth_world *w, const struct tf_synth_params *p, struct tf_error *err)
{
    memset(w, 0, sizeof(*w));
    w->p = p;
    w->seed = p->seed;
    w->n = (uint32_t)p->people;
    w->y0 = p->year_from;
    w->ny = p->year_to - p->year_from + 1;
    w->clean = p->clean != 0;
    w->exp_works = exp(-p->works_per_year);
    w->exp_coauthors = exp(-p->coauthors);
    w->exp_outside = exp(-p->outside_authors);
    setup_countries(w, p);
    size_t cells = (size_t)w->n * (size_t)w->ny;
    w->res = malloc(cells);
    w->subfield = malloc(w->n);
    w->tier = malloc(w->n);
    w->tally = calloc(cells, sizeof(int32_t));
    w->flags = calloc(cells, 1);
    if (!w->res || !w->subfield || !w->tier || !w->tally || !w->flags)
        goto nomem;
    for (uint32_t i = 0; i < w->n; i++)
        simulate_career(w, i);
    if (build_active(w) < 0 || build_institutions(w) < 0)
        goto nomem;
    return 0;
nomem:
    synth_world_release(w);
    return tf_error_set(err, TF_ERR_NOMEM, NULL, 0,
                        "out of memory for a world of %llu people over %d years",
                        (unsigned long long)p->people, p->year_to - p->year_from + 1);
}

void synth_world_release(struct synth_world *w)
{
    if (w->inst)
        for (uint32_t j = 0; j < w->inst_first[w->nc]; j++) {
            free(w->inst[j].name);
            free(w->inst[j].city);
        }
    free(w->inst);
    free(w->res);
    free(w->subfield);
    free(w->tier);
    free(w->pools);
    free(w->active);
    free(w->active_off);
    free(w->tally);
    free(w->flags);
    memset(w, 0, sizeof(*w));
}

/* ---- drawing the works ---------------------------------------------------------- */

void synth_led_begin(const struct synth_world *w, struct synth_led *it, uint32_t lead, int yi)
{
    synth_rng_seed(&it->rng, w->seed, STREAM_WORKS, lead, (uint64_t)yi);
    it->lead = lead;
    it->yi = yi;
    it->k = 0;
    it->n = synth_poisson(&it->rng, w->exp_works, SYNTH_MAX_LED);
    if (w->clean && it->n == 0)
        it->n = 1; /* the clean world: every active person publishes every year */
    it->rescue = w->tallied ? (unsigned)w->tally[(size_t)lead * (size_t)w->ny + (size_t)yi] : 0;
}

/*
 * A co-author for a work led by `lead` from country `home` in year `yi`:
 * a person of the lead's side (AI researchers or the others) from another
 * country (drawn in proportion to the countries' active persons of that
 * side) with probability coauthor_abroad, else one of the same country.
 * UINT32_MAX when the pool is empty.
 */
static uint32_t pick_coauthor(const struct synth_world *w, struct synth_rng *r, int yi,
                              uint8_t home, uint32_t lead)
{
    size_t ai = w->tier[lead] != SYNTH_OTHER;
    const size_t *off = &w->active_off[((size_t)yi * 2 + ai) * w->nc];
    size_t home_lo = off[home], home_n = off[home + 1] - off[home];
    if (synth_uniform(r) < w->p->coauthor_abroad) {
        size_t others = off[w->nc] - off[0] - home_n;
        if (others == 0)
            return UINT32_MAX;
        size_t idx = off[0] + synth_below(r, others);
        return w->active[idx >= home_lo ? idx + home_n : idx];
    }
    return home_n ? w->active[home_lo + synth_below(r, home_n)] : UINT32_MAX;
}

static uint8_t draw_noise(const struct synth_world *w, struct synth_rng *r)
{
    if (w->clean)
        return 0;
    const struct tf_synth_params *p = w->p;
    uint8_t f = 0;
    f |= synth_uniform(r) < p->null_author ? SYNTH_NULL_AUTHOR : 0;
    f |= synth_uniform(r) < p->multi_affiliation ? SYNTH_MULTI : 0;
    f |= synth_uniform(r) < p->null_country ? SYNTH_NULL_C1 : 0;
    f |= synth_uniform(r) < p->null_institution ? SYNTH_NULL_I1 : 0;
    if (f & SYNTH_MULTI) {
        f |= synth_uniform(r) < p->null_country ? SYNTH_NULL_C2 : 0;
        f |= synth_uniform(r) < p->null_institution ? SYNTH_NULL_I2 : 0;
    }
    return f;
}

static int has_author(const struct synth_work *wk, uint32_t person)
{
    for (unsigned i = 0; i < wk->n_authors; i++)
        if (wk->a[i].person == person)
            return 1;
    return 0;
}

static void draw_authors(const struct synth_world *w, struct synth_led *it, struct synth_work *wk)
{
    struct synth_rng *r = &it->rng;
    uint8_t home = synth_res(w, it->lead, it->yi);
    wk->a[0] = (struct synth_author){it->lead, draw_noise(w, r)};
    wk->n_authors = 1;
    unsigned m = synth_poisson(r, w->exp_coauthors, SYNTH_MAX_COAUTHORS);
    for (unsigned i = 0; i < m; i++) {
        uint32_t c = pick_coauthor(w, r, it->yi, home, it->lead);
        uint8_t noise = draw_noise(w, r);
        if (c != UINT32_MAX && !has_author(wk, c))
            wk->a[wk->n_authors++] = (struct synth_author){c, noise};
    }
    unsigned q = w->clean ? 0 : synth_poisson(r, w->exp_outside, SYNTH_MAX_OUTSIDE);
    for (unsigned i = 0; i < q; i++)
        wk->a[wk->n_authors++] = (struct synth_author){UINT32_MAX, draw_noise(w, r)};
}

int synth_led_next(const struct synth_world *w, struct synth_led *it, struct synth_work *out)
{
    if (it->k >= it->n + it->rescue)
        return 0;
    size_t cell = (size_t)it->lead * (size_t)w->ny + (size_t)it->yi;
    out->number = SYNTH_WORK_BASE + (uint64_t)cell * SYNTH_WORK_SLOTS + it->k;
    out->lead = it->lead;
    out->yi = it->yi;
    out->rescue = it->k >= it->n;
    if (out->rescue) {
        out->a[0] = (struct synth_author){it->lead, 0};
        out->n_authors = 1;
    } else {
        draw_authors(w, it, out);
    }
    it->k++;
    return 1;
}

/* ---- the tally ------------------------------------------------------------------- */

/*
 * Adds one authorship's country weights to its person-year, in half
 * authorships: an authorship naming two countries gives each 1, naming one
 * gives it 2, as the reader's 1/k rule does.
 */
static void tally_author(struct synth_world *w, const struct synth_author *a, int yi)
{
    if (a->person == UINT32_MAX || (a->noise & SYNTH_NULL_AUTHOR))
        return;
    int home = !(a->noise & SYNTH_NULL_C1);
    int second = (a->noise & SYNTH_MULTI) && !(a->noise & SYNTH_NULL_C2);
    int unit = home && second ? 1 : 2;
    size_t cell = (size_t)a->person * (size_t)w->ny + (size_t)yi;
    if (home) {
        w->tally[cell] += unit;
        w->flags[cell] |= SYNTH_HAS_TRUE;
    }
    if (second) {
        w->tally[cell] -= unit;
        w->flags[cell] |= SYNTH_HAS_SECOND;
    }
}

/*
 * Turns the weight difference of each person-year into the number of
 * single-author works in the true country that make the truth the strict
 * mode: each adds 2, so W(true) + 2k > W(second) needs k = floor(-d/2) + 1.
 * Person-years with no country evidence at all are left as they are.
 */
static void decide_rescues(struct synth_world *w)
{
    size_t cells = (size_t)w->n * (size_t)w->ny;
    for (size_t i = 0; i < cells; i++) {
        int32_t d = w->tally[i];
        int32_t k = (w->flags[i] & SYNTH_HAS_SECOND) && d <= 0 ? -d / 2 + 1 : 0;
        if (k > SYNTH_WORK_SLOTS - SYNTH_MAX_LED)
            k = SYNTH_WORK_SLOTS - SYNTH_MAX_LED;
        w->tally[i] = k;
        if (k)
            w->flags[i] |= SYNTH_HAS_TRUE;
    }
}

void synth_world_tally(struct synth_world *w)
{
    struct synth_work wk;
    struct synth_led it;
    /* The clean world has no noise: nothing to count, nothing to rescue. */
    for (uint32_t p = 0; p < w->n && !w->clean; p++) {
        int first = 0, last = 0;
        synth_active_span(w, p, &first, &last);
        for (int y = first; y <= last; y++) {
            synth_led_begin(w, &it, p, y);
            while (synth_led_next(w, &it, &wk))
                for (unsigned i = 0; i < wk.n_authors; i++)
                    tally_author(w, &wk.a[i], y);
        }
    }
    if (!w->clean)
        decide_rescues(w);
    else
        for (size_t i = 0; i < (size_t)w->n * (size_t)w->ny; i++)
            w->flags[i] = w->res[i] != SYNTH_NONE ? SYNTH_HAS_TRUE : 0;
    w->tallied = 1;
}
