/*
 * synth_tables.h - the fixed vocabulary of synthetic works: research
 * subfields with their OpenAlex field and domain, topics, concepts and
 * words; person names by country; the pieces institution and venue names
 * are made of.
 *
 * Every string here is plain UTF-8 without characters that JSON must
 * escape, so the generator copies them into JSON as they are (the table
 * test in test_synth.c holds this). Read-only: thread-safe.
 */
#ifndef TF_SOURCES_SYNTH_TABLES_H
#define TF_SOURCES_SYNTH_TABLES_H

#include <stddef.h>
#include <stdint.h>

#include "talentflow/obs.h"

/* The built-in parameter file (synth_default.c), the text of examples/world.conf. */
extern const char synth_default_text[];

#define SYNTH_TOPICS 3
#define SYNTH_WORDS 8

/*
 * A research subfield. `id`, `field` and `domain` follow OpenAlex's numbering
 * (ASJC codes); topic ids are synthetic and derived from the table position.
 */
struct synth_subfield_info {
    unsigned id;
    const char *name;
    unsigned field;
    const char *field_name;
    unsigned domain;
    const char *domain_name;
    const char *topics[SYNTH_TOPICS];
    uint64_t concept; /* level-1 concept */
    const char *concept_name;
    uint64_t field_concept; /* level-0 concept */
    const char *field_concept_name;
    const char *department;         /* unit named in raw affiliation strings */
    const char *words[SYNTH_WORDS]; /* lowercase terms for titles and abstracts */
};

extern const struct synth_subfield_info synth_subfields[];
extern const size_t synth_n_subfields;

/* Index of subfield `id` in synth_subfields, or -1 when unknown. */
int synth_subfield_index(unsigned id);

#define SYNTH_NAMES 12

struct synth_name_pool {
    const char *first[SYNTH_NAMES];
    const char *last[SYNTH_NAMES];
};

/* The name pool for people whose career starts in `c` (a default for any country). */
const struct synth_name_pool *synth_names_for(tf_country c);

/* Word lists for titles and abstracts; no word of synth_common is in a subfield's words. */
#define SYNTH_COMMON_MAX 64
extern const char *const synth_adjectives[];
extern const size_t synth_n_adjectives;
extern const char *const synth_methods[];
extern const size_t synth_n_methods;
extern const char *const synth_common[];
extern const size_t synth_n_common;

/* Syllables that make synthetic city names ("Valmora", "Kestburg"). */
extern const char *const synth_syllables[];
extern const size_t synth_n_syllables;
extern const char *const synth_city_ends[];
extern const size_t synth_n_city_ends;

/*
 * Institution name patterns: `before` + city + `after`, with an OpenAlex
 * institution type.
 */
struct synth_inst_pattern {
    const char *before;
    const char *after;
    const char *type;
};
extern const struct synth_inst_pattern synth_inst_patterns[];
extern const size_t synth_n_inst_patterns;

/* Venue name patterns: `before` + subfield name + `after`. */
struct synth_venue_pattern {
    const char *before;
    const char *after;
    const char *type; /* "journal" or "conference" */
};
extern const struct synth_venue_pattern synth_venue_patterns[];
extern const size_t synth_n_venue_patterns;

#endif
