/*
 * synth_world.h - the simulated population behind a synthetic world, and
 * the draws that turn it into works.
 *
 * Building a world simulates every career (residence per year), groups the
 * active persons of each year and country for co-author draws, and names
 * the institutions. The works are then drawn lead person by lead person:
 * the works led by person p in year y depend only on (seed, p, y), so any
 * thread may draw any of them, twice if it likes, and get the same result.
 * The generator does exactly that: a first pass (synth_world_tally) draws
 * every work's authors and noise without formatting anything, to find the
 * person-years where the noise would make a wrong country the modal one;
 * the second pass formats the works and adds, for those person-years,
 * single-author "rescue" works in the true country (see docs/synth.md).
 *
 * After synth_world_build and synth_world_tally the world is read-only and
 * shared by the formatting threads.
 */
#ifndef TF_SOURCES_SYNTH_WORLD_H
#define TF_SOURCES_SYNTH_WORLD_H

#include <stddef.h>
#include <stdint.h>

#include "talentflow/synth.h"
#include "synth/synth_tables.h"

/* No country: the person is not active that year. */
#define SYNTH_NONE 0xff
/* Most works one person leads in one year (the Poisson draw is capped). */
#define SYNTH_MAX_LED 64
/* Works numbers leave room for this many works per lead person-year, rescues included. */
#define SYNTH_WORK_SLOTS 1024
/* Most authors on one work: the lead, co-authors, outside authors. */
#define SYNTH_MAX_COAUTHORS 40
#define SYNTH_MAX_OUTSIDE 20
#define SYNTH_MAX_AUTHORS (1 + SYNTH_MAX_COAUTHORS + SYNTH_MAX_OUTSIDE)
/* OpenAlex work ids of the world start above this number. */
#define SYNTH_WORK_BASE UINT64_C(4000000000)

/* ---- pseudo-random numbers: xoshiro256**, seeded through splitmix64 ------ */

struct synth_rng {
    uint64_t s[4];
};

/* Seeds `r` from the world seed and up to three numbers naming the stream. */
void synth_rng_seed(struct synth_rng *r, uint64_t seed, uint64_t a, uint64_t b, uint64_t c);

static inline uint64_t synth_rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t synth_next(struct synth_rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = synth_rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = synth_rotl(s[3], 45);
    return out;
}

/* Uniform in [0, 1). */
static inline double synth_uniform(struct synth_rng *r)
{
    return (double)(synth_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n) for n <= 2^32 (multiply-shift; bias below 2^-32). */
static inline uint32_t synth_below(struct synth_rng *r, uint64_t n)
{
    return (uint32_t)(((synth_next(r) >> 32) * n) >> 32);
}

/* Poisson draw given exp(-mean), by multiplying uniforms; capped at `cap`. */
unsigned synth_poisson(struct synth_rng *r, double exp_neg_mean, unsigned cap);

/* A hash of the world seed and three numbers, uniform over 64 bits. */
uint64_t synth_hash(uint64_t seed, uint64_t a, uint64_t b, uint64_t c);

/* Upper bound of the Poisson means of a parameter file, far above anything sensible. */
#define SYNTH_MAX_MEAN 50.0

/*
 * The weight of destination d for a move from o (country indexes of `p`):
 * size * pull * corridors for gravity, the flow value for a matrix; 0 when
 * o == d. Defined in synth_params.c.
 */
double synth_dest_weight(const struct tf_synth_params *p, size_t o, size_t d);

/* ---- the world ------------------------------------------------------------- */

struct synth_inst {
    uint64_t id;      /* OpenAlex institution number */
    char *name;       /* owned */
    char *city;       /* owned */
    const char *type; /* static */
    char ror[10];     /* ROR suffix, NUL-terminated */
};

/* Tally flags per person-year: some authorship gives weight to the true / second country. */
enum { SYNTH_HAS_TRUE = 1, SYNTH_HAS_SECOND = 2 };

/* What a person is to the talent pools: tier[] of the world. */
enum { SYNTH_OTHER = 0, SYNTH_AI = 1, SYNTH_AI_TOP = 2 };

/* The preset pools of truth/pools.csv: bits of synth_world.pools[]. */
enum {
    SYNTH_POOL_AI = 1,    /* ai: a work in subfield 1702 */
    SYNTH_POOL_VENUE = 2, /* ai-top-venues: a work at a top AI venue */
    SYNTH_POOL_TOP = 4,   /* ai-top: two works at top AI venues */
    SYNTH_POOL_CITED = 8, /* top-cited: a work in the top 10 % of its year */
};

/* The share, in percent, of each year's works that top-cited takes (the preset's). */
#define SYNTH_TOP_CITED_PCT 10

/* A top AI venue: an OpenAlex source of the preset ai-top-venues (synth_tables.c). */
struct synth_top_venue {
    uint64_t id;      /* the source number (S...) */
    const char *name; /* its display_name; with `year`, after "<year> " */
    int year;         /* the name starts with the work's year */
};
extern const struct synth_top_venue synth_top_venues[];
extern const size_t synth_n_top_venues;

struct synth_world {
    const struct tf_synth_params *p;
    uint64_t seed;
    uint32_t n; /* persons */
    int y0;     /* first year of the window */
    int ny;     /* years in the window */
    size_t nc;  /* countries */
    int clean;

    char code[TF_SYNTH_MAX_COUNTRIES][3];
    const char *cname[TF_SYNTH_MAX_COUNTRIES]; /* English country names */
    double move[TF_SYNTH_MAX_COUNTRIES];       /* effective yearly move probability */
    double move_top[TF_SYNTH_MAX_COUNTRIES];   /* the same for top-tier AI researchers */
    double birth_cum[TF_SYNTH_MAX_COUNTRIES];  /* cumulative size shares */
    double dest[TF_SYNTH_MAX_COUNTRIES * TF_SYNTH_MAX_COUNTRIES]; /* weight o -> d */
    double dest_total[TF_SYNTH_MAX_COUNTRIES];
    double dest_top[TF_SYNTH_MAX_COUNTRIES * TF_SYNTH_MAX_COUNTRIES]; /* with ai_top_pull */
    double dest_top_total[TF_SYNTH_MAX_COUNTRIES];
    size_t nsub;
    int sub_index[TF_SYNTH_MAX_SUBFIELDS]; /* index into synth_subfields */
    double sub_cum[TF_SYNTH_MAX_SUBFIELDS];
    int ai_sub; /* index of subfield 1702 in synth_subfields */

    double exp_works, exp_coauthors, exp_outside; /* exp(-mean) of the Poisson draws */

    uint8_t *res;      /* n * ny: country index per person-year, or SYNTH_NONE */
    uint8_t *subfield; /* n: index into synth_subfields */
    uint8_t *tier;     /* n: SYNTH_OTHER, SYNTH_AI or SYNTH_AI_TOP */
    uint8_t *pools;    /* n: SYNTH_POOL_* bits, once synth_world_pools has run */
    /* active persons grouped by (year, AI or not, country), in person order */
    uint32_t *active;
    size_t *active_off; /* ny * 2 * nc + 1 offsets into `active` */

    /*
     * n * ny: during the tally, W(true) - W(second) in half-authorship units;
     * afterwards, the rescue works to add for the person-year.
     */
    int32_t *tally;
    int tallied;    /* `tally` holds rescue counts */
    uint8_t *flags; /* n * ny: SYNTH_HAS_* */

    struct synth_inst *inst;
    uint32_t inst_first[TF_SYNTH_MAX_COUNTRIES + 1]; /* institutions of country c */
};

/* Simulates the careers and prepares everything but the tally. */
int synth_world_build(struct synth_world *w, const struct tf_synth_params *p, struct tf_error *err);

/* The first pass: decides the rescue works of every person-year. */
void synth_world_tally(struct synth_world *w);

/*
 * After the tally: the pools every person belongs to, as the pool rules read
 * the works (synth_pools.c). Returns 0 or TF_ERR_NOMEM.
 */
int synth_world_pools(struct synth_world *w);

/* Frees everything the world owns. Accepts a zeroed world. */
void synth_world_release(struct synth_world *w);

static inline uint8_t synth_res(const struct synth_world *w, uint32_t person, int yi)
{
    return w->res[(size_t)person * (size_t)w->ny + (size_t)yi];
}

/* First and last active year index of `person` (the career meets the window). */
void synth_active_span(const struct synth_world *w, uint32_t person, int *first, int *last);

/* The institution of `person` in year index `yi`, in its residence country. */
uint32_t synth_home_inst(const struct synth_world *w, uint32_t person, int yi);

/* The country of the second affiliation of `person` in `yi`, and its institution. */
uint8_t synth_second_country(const struct synth_world *w, uint32_t person, int yi);
uint32_t synth_second_inst(const struct synth_world *w, uint32_t person, uint8_t country);

/* ---- drawing the works ----------------------------------------------------- */

/* Noise of one authorship of a person of the world. */
enum {
    SYNTH_NULL_AUTHOR = 1, /* author id null */
    SYNTH_MULTI = 2,       /* a second institution in another country */
    SYNTH_NULL_C1 = 4,     /* home institution's country_code null */
    SYNTH_NULL_C2 = 8,     /* second institution's country_code null */
    SYNTH_NULL_I1 = 16,    /* home institution's id null */
    SYNTH_NULL_I2 = 32,    /* second institution's id null */
};

struct synth_author {
    uint32_t person; /* index in the world, or UINT32_MAX for an outside author */
    uint8_t noise;   /* SYNTH_* flags above */
};

struct synth_work {
    uint64_t number; /* OpenAlex work number */
    uint32_t lead;
    int yi;
    int rescue; /* added to keep the truth modal: the lead alone, no noise */
    unsigned n_authors;
    struct synth_author a[SYNTH_MAX_AUTHORS];
};

/* The works led by one person in one year, drawn one at a time. */
struct synth_led {
    struct synth_rng rng;
    uint32_t lead;
    int yi;
    unsigned n;      /* regular works */
    unsigned rescue; /* rescue works after them (0 before the tally) */
    unsigned k;      /* next work */
};

void synth_led_begin(const struct synth_world *w, struct synth_led *it, uint32_t lead, int yi);

/* Draws the next work into `out`: 1, or 0 when the person-year has no more. */
int synth_led_next(const struct synth_world *w, struct synth_led *it, struct synth_work *out);

/*
 * Formats `wk` as one OpenAlex work JSON line (with its newline) appended to
 * `out`, and counts what it wrote into `st`. Returns 0 or TF_ERR_NOMEM.
 */
struct tf_buf;
int synth_format_work(const struct synth_world *w, const struct synth_work *wk, struct tf_buf *out,
                      struct tf_synth_stats *st);

/* What the pools read of a work, drawn exactly as synth_format_work draws it. */
struct synth_facts {
    int top_venue;  /* index into synth_top_venues, or -1 */
    uint64_t cited; /* cited_by_count */
};
void synth_work_facts(const struct synth_world *w, const struct synth_work *wk,
                      struct synth_facts *f);

/* Whether the reader gets an observation of author `a`: an id and some country. */
static inline int synth_author_observed(const struct synth_author *a)
{
    if (a->person == UINT32_MAX || (a->noise & SYNTH_NULL_AUTHOR))
        return 0;
    return !(a->noise & SYNTH_NULL_C1) || ((a->noise & SYNTH_MULTI) && !(a->noise & SYNTH_NULL_C2));
}

/* ---- career records (synth_orcid.c) ------------------------------------------ */

/* Characters of an ORCID iD, "0000-0001-2345-6789". */
#define SYNTH_ORCID_LEN 19

/* The ORCID iD of `person` (every person has one; no two share it). */
void synth_orcid_id(uint32_t person, char out[SYNTH_ORCID_LEN + 1]);

/* Whether the person's authorships show their iD (about 40 % of persons). */
int synth_orcid_in_works(const struct synth_world *w, uint32_t person);

/*
 * Writes the ORCID records of the world as a gzipped tarball, truth/orcid.csv
 * (person,orcid,in_works) and truth/pipeline.csv. Returns 0 or < 0 with `err` set.
 */
int synth_write_orcid(const struct synth_world *w, const char *tarball, const char *truth_pipeline,
                      const char *truth_ids, struct tf_synth_stats *st, struct tf_error *err);

#endif
