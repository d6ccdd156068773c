/*
 * talentflow/synth.h - synthetic worlds in OpenAlex format, with ground truth.
 *
 * A world is a population of researchers whose careers, moves between
 * countries and publications are drawn from a small parameter file. The
 * generator writes the works as an OpenAlex snapshot (gzipped JSON Lines
 * under works/updated_date=.../part_NNN.gz, plus a manifest) and the truth
 * beside it: every person-year's residence, every move, and the parameters
 * used. Reading the works back through the pipeline and comparing with the
 * truth tests the whole method end to end; docs/synth.md explains the model
 * and which parts of the truth a noisy world still lets you recover.
 *
 * How to use:
 *   struct tf_synth_params p;
 *   tf_synth_params_init(&p);                          // the built-in world (0 or NOMEM)
 *   if (tf_synth_params_load(&p, "my.conf", &err) < 0) // optional overrides
 *       ...;                                           // err names file and line
 *   p.people = 50000;
 *   p.seed = 7;
 *   struct tf_synth_stats st;
 *   if (tf_synth_generate(&p, "world", NULL, &st, &err) < 0)
 *       ...;
 *
 * The same parameters (seed included) give byte-identical files whatever the
 * thread count. Parameters are plain data: copy them freely. All functions
 * are reentrant; tf_synth_generate uses its own worker threads and calls the
 * progress callback from the calling thread only.
 *
 * Parameter files are lines of `key value...` separated by blanks; `#` starts
 * a comment. A file is applied on top of what `p` already holds: a scalar key
 * replaces the value, and the first `country`, `corridor`, `flow` or
 * `subfield` line of a file replaces the whole list of that kind (a new
 * country list also drops the inherited corridors and flows, which name the
 * old countries). The keys (every one documented in examples/world.conf,
 * which equals the built-in default, and in docs/synth.md):
 *   people N                     persons in the world
 *   seed N                       pseudo-random seed
 *   years FROM TO                the observation window (calendar years)
 *   parts N                      number of works files
 *   clean 0|1                    1 = the noise-free world (see `clean` below)
 *   career_start FROM TO         years in which careers (academic births) start
 *   career_length MEAN MIN       career length in years
 *   move_scale X                 multiplies every country's move probability
 *   return P                     probability that a move from abroad goes home
 *   destination gravity|matrix   how destinations are chosen
 *   corridor FROM TO X           gravity weight multiplier for one direction
 *   flow FROM TO W               matrix weight for one direction
 *   works_per_year X             mean works a person leads per active year
 *   coauthors X                  mean other persons of the world per work
 *   coauthor_abroad P            share of those co-authors from other countries
 *   outside_authors X            mean authors per work who are not persons
 *   multi_affiliation P          authorships listing a second, foreign institution
 *   null_country P               institutions with a null country_code
 *   null_author P                authorships with a null author id
 *   null_institution P           institutions with a null id
 *   country CODE SIZE MOVE PULL  a country of the world
 *   subfield ID WEIGHT           an OpenAlex subfield and its share of people
 *   ai_top_share P               share of AI researchers (subfield 1702) who are top-tier
 *   ai_top_venues P              share of the works a top-tier researcher leads at
 *                                the top AI venues
 *   ai_top_move X                multiplies a top-tier researcher's move probability
 *   ai_top_return P              `return` for top-tier researchers
 *   ai_top_pull CODE X           multiplies the weight of destination CODE in their moves
 *   orcid_records P              share of persons with an ORCID record (education, employment)
 *   study_abroad P               share of record holders whose highest degree is from abroad
 *   study_return P               of those, the share whose career starts back home
 */
#ifndef TALENTFLOW_SYNTH_H
#define TALENTFLOW_SYNTH_H

#include "talentflow/export.h"

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Capacity of the lists in struct tf_synth_params. */
#define TF_SYNTH_MAX_COUNTRIES 64
#define TF_SYNTH_MAX_PAIRS 2048
#define TF_SYNTH_MAX_SUBFIELDS 32

/* Largest accepted `people` and `parts`. */
#define TF_SYNTH_MAX_PEOPLE 100000000u
#define TF_SYNTH_MAX_PARTS 1000u

/* The snapshot date of the generated works (their updated_date folder). */
#define TF_SYNTH_UPDATED_DATE "2024-01-01"

/*
 * Person ids: person i (0-based) of a world is OpenAlex author
 * TF_SYNTH_PERSON_BASE + 1 + i ("A5000000001" for the first). Authors who
 * are not persons of the world ("outside" co-authors) have ids of at least
 * TF_SYNTH_OUTSIDE_BASE, so the two never mix.
 */
#define TF_SYNTH_PERSON_BASE UINT64_C(5000000000)
#define TF_SYNTH_OUTSIDE_BASE UINT64_C(9000000000)

/* A country of the world. */
struct tf_synth_country {
    tf_country code; /* ISO 3166-1 alpha-2 */
    double size;     /* relative share of careers that start here; > 0, any scale */
    double move;     /* yearly probability that a resident moves abroad, in [0, 1] */
    double pull;     /* attractiveness as a destination; >= 0 */
};

/* How a moving person picks a destination. */
enum tf_synth_destination {
    /* weight(o, d) = size(d) * pull(d) * corridor(o, d), corridors default 1 */
    TF_SYNTH_GRAVITY = 0,
    /* weight(o, d) = the `flow o d` value, 0 when not listed */
    TF_SYNTH_MATRIX = 1,
};

enum tf_synth_pair_kind { TF_SYNTH_CORRIDOR = 0, TF_SYNTH_FLOW = 1 };

/* A `corridor` or `flow` line: one direction between two countries of the world. */
struct tf_synth_pair {
    enum tf_synth_pair_kind kind;
    tf_country from;
    tf_country to;
    double value; /* corridor: multiplier (>= 0); flow: weight (>= 0) */
};

/* A research subfield of the world (OpenAlex subfield id, e.g. 1702). */
struct tf_synth_subfield {
    unsigned id;   /* must be one the generator knows: see docs/synth.md */
    double weight; /* relative share of persons working in it; > 0 */
};

/*
 * Everything that defines a world. Fill with tf_synth_params_init, then
 * change fields or load a file; tf_synth_params_check says whether the
 * combination is valid. Probabilities are in [0, 1]; "mean" values are
 * Poisson means.
 */
struct tf_synth_params {
    uint64_t seed;
    uint64_t people; /* 1 .. TF_SYNTH_MAX_PEOPLE */
    int year_from;   /* observation window, TF_YEAR_MIN .. TF_YEAR_MAX, at most 200 years */
    int year_to;
    unsigned parts; /* works files, 1 .. TF_SYNTH_MAX_PARTS */
    /*
     * Nonzero: the noise-free world. Every authorship has exactly one
     * institution, in the author's true country; every active person leads
     * at least one work every active year; there are no nulls, no second
     * affiliations and no outside authors. The noise keys are then ignored.
     */
    int clean;

    int start_from;     /* careers start uniformly in [start_from, start_to] ... */
    int start_to;       /* ... clipped so that every career meets the window */
    double career_mean; /* mean career length in years (>= career_min) */
    int career_min;     /* shortest career in years (>= 1) */

    double move_scale;  /* multiplies every country's `move` (result capped at 1) */
    double return_prob; /* a move from a country other than the origin goes home */
    enum tf_synth_destination destination;

    double works_per_year;  /* mean works led per active person-year */
    double coauthors;       /* mean co-authors from the world per work */
    double coauthor_abroad; /* probability a co-author is drawn from another country */
    double outside_authors; /* mean authors per work who are not persons of the world */

    double multi_affiliation; /* an authorship lists a second institution abroad */
    double null_country;      /* an institution's country_code is null */
    double null_author;       /* an authorship's author id is null */
    double null_institution;  /* an institution's id is null */

    /*
     * Talent pools (docs/synth.md). The persons of subfield 1702 are the AI
     * researchers; a share of them are top-tier: they lead works at the top
     * AI venues and move by their own rules. A new country list drops an
     * inherited ai_top_pull (it names an old country).
     */
    double ai_top_share;            /* share of AI researchers who are top-tier */
    double ai_top_venues;           /* share of the works they lead at the top AI venues */
    double ai_top_move;             /* multiplies their move probability (result capped at 1) */
    double ai_top_return;           /* their probability that a move from abroad goes home */
    tf_country ai_top_pull_country; /* a destination they favour; 0 = none */
    double ai_top_pull;             /* multiplies its weight in their moves (>= 0) */

    /*
     * Career records (docs/synth.md, "ORCID records"): a share of persons has
     * an ORCID record listing their degrees and their employments. Their
     * first degree, highest degree and career start are planted so that a
     * share studied abroad and, of those, a share came home to work.
     */
    double orcid_records; /* share of persons with a record */
    double study_abroad;  /* share of record holders whose highest degree is from abroad */
    double study_return;  /* of those, the share whose first job is in the first degree's country */

    size_t n_countries;
    struct tf_synth_country countries[TF_SYNTH_MAX_COUNTRIES];
    size_t n_pairs;
    struct tf_synth_pair pairs[TF_SYNTH_MAX_PAIRS];
    size_t n_subfields;
    struct tf_synth_subfield subfields[TF_SYNTH_MAX_SUBFIELDS];
};

/*
 * Fills `p` with the built-in world (the text of tf_synth_default_text).
 * Returns 0, or TF_ERR_NOMEM when out of memory (`p` is then incomplete).
 */
TF_API int tf_synth_params_init(struct tf_synth_params *p);

/* The built-in parameter file, as text (a static string; examples/world.conf). */
TF_API const char *tf_synth_default_text(void);

/*
 * Applies the parameter file held in `text` (`len` bytes, need not be
 * NUL-terminated) on top of `p`; `name` (may be NULL) is the file name used
 * in error messages. The result is checked as by tf_synth_params_check.
 * Returns 0, or TF_ERR_FORMAT with `err` naming the file and line (an
 * unknown key, a bad value, a country outside the world; line 0 when the
 * file is well-formed but the resulting world is not valid) and `p`
 * unchanged.
 */
TF_API int tf_synth_params_parse(struct tf_synth_params *p, const char *text, size_t len,
                                 const char *name, struct tf_error *err);

/* tf_synth_params_parse on the contents of the file `path`; TF_ERR_IO when unreadable. */
TF_API int tf_synth_params_load(struct tf_synth_params *p, const char *path, struct tf_error *err);

/*
 * Checks that `p` describes a world that can be generated: ranges of every
 * value, at least two countries, unique countries, pairs naming countries
 * of the world, known subfields, a destination for every country that has
 * a move probability. Returns 0 or TF_ERR_USAGE with the reason in `err`.
 */
TF_API int tf_synth_params_check(const struct tf_synth_params *p, struct tf_error *err);

/*
 * Writes `p` as a parameter file that parses back to the same values
 * (numbers printed with 17 significant digits when needed). Returns a
 * NUL-terminated string the caller frees with free(), or NULL when out of
 * memory.
 */
TF_API char *tf_synth_params_format(const struct tf_synth_params *p);

/* Counts describing a generated world. */
struct tf_synth_stats {
    uint64_t people;            /* persons (all active at least one year) */
    uint64_t person_years;      /* rows of truth/residence.csv */
    uint64_t moves;             /* rows of truth/moves.csv */
    uint64_t unobserved;        /* rows of truth/unobserved.csv */
    uint64_t works;             /* JSON lines written */
    uint64_t rescue_works;      /* of which added to keep the truth the modal country */
    uint64_t authorships;       /* authorship objects, outside authors included */
    uint64_t outside;           /* authorships of outside authors */
    uint64_t institutions;      /* institution objects */
    uint64_t null_authors;      /* authorships with a null author id */
    uint64_t multi;             /* authorships with a second, foreign institution */
    uint64_t null_countries;    /* institutions with a null country_code */
    uint64_t null_institutions; /* institutions with a null id */
    uint64_t json_bytes;        /* uncompressed bytes of the works */
    uint64_t gz_bytes;          /* compressed bytes of the works files */
    uint64_t orcid_records;     /* ORCID records written (orcid/summaries.tar.gz) */
};

/* Options for tf_synth_generate. Zero-initialised (or NULL) means the defaults. */
struct tf_synth_opts {
    unsigned threads; /* worker threads; 0 = tf_cpu_count() (never more than parts) */
    /*
     * Called (when not NULL) from the calling thread a few times a second and
     * once at the end, with the persons whose works are written so far and
     * the total. Must not call back into the generator.
     */
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *progress_ctx;
};

/*
 * Generates the world `p` into the directory `dir` (created if missing,
 * parents included):
 *   dir/works/updated_date=2024-01-01/part_000.gz ...  the works (p->parts files)
 *   dir/works/manifest                                 OpenAlex-style manifest
 *   dir/truth/residence.csv   person,year,country       every active person-year
 *   dir/truth/moves.csv       person,year,origin,destination (year of arrival)
 *   dir/truth/unobserved.csv  person,year               active years with no
 *                                                       country evidence in the works
 *   dir/truth/pools.csv       person,pool               membership of the preset pools
 *                                                       ai, ai-top, ai-top-venues and
 *                                                       top-cited, as the works show it
 *   dir/truth/params.conf     the parameters, as tf_synth_params_format writes them
 * Persons are written in their bare form ("A5000000001"). Every file is
 * written to a temporary name and renamed into place; part files left over
 * from an earlier run with more parts are removed. `opts` and `stats` may
 * be NULL. Returns 0, TF_ERR_USAGE for invalid parameters, TF_ERR_IO or
 * TF_ERR_NOMEM, with `err` filled.
 */
TF_API int tf_synth_generate(const struct tf_synth_params *p, const char *dir,
                             const struct tf_synth_opts *opts, struct tf_synth_stats *stats,
                             struct tf_error *err);

#ifdef __cplusplus
}
#endif
#endif
