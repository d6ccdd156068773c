/*
 * synth_params.c - checking parameters of synthetic worlds and writing them
 * back as a parameter file (see talentflow/synth.h).
 */
#include "talentflow/synth.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth/synth_world.h"
#include "talentflow/text.h"
#include "util/buf.h"

/* ---- checking -------------------------------------------------------------- */

static int usage(struct tf_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int usage(struct tf_error *err, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "%s", msg);
}

static int check_sizes(const struct tf_synth_params *p, struct tf_error *err)
{
    if (p->people < 1 || p->people > TF_SYNTH_MAX_PEOPLE)
        return usage(err, "people must be 1 to %u", TF_SYNTH_MAX_PEOPLE);
    if (p->parts < 1 || p->parts > TF_SYNTH_MAX_PARTS)
        return usage(err, "parts must be 1 to %u", TF_SYNTH_MAX_PARTS);
    if (p->destination != TF_SYNTH_GRAVITY && p->destination != TF_SYNTH_MATRIX)
        return usage(err, "destination must be gravity or matrix");
    return 0;
}

static int check_years(const struct tf_synth_params *p, struct tf_error *err)
{
    int window_ok = p->year_from >= TF_YEAR_MIN && p->year_to <= TF_YEAR_MAX &&
                    p->year_from <= p->year_to && p->year_to - p->year_from < 200;
    if (!window_ok)
        return usage(err, "years %d %d: need FROM <= TO, within %d-%d, at most 200 years",
                     p->year_from, p->year_to, TF_YEAR_MIN, TF_YEAR_MAX);
    if (p->start_from > p->start_to || p->start_from > p->year_to || p->start_to < p->year_from)
        return usage(err, "career_start %d %d must overlap the years %d-%d", p->start_from,
                     p->start_to, p->year_from, p->year_to);
    int length_ok = p->career_min >= 1 && p->career_mean >= p->career_min && p->career_mean <= 100;
    if (!length_ok)
        return usage(err, "career_length: need 1 <= MIN <= MEAN <= 100");
    return 0;
}

static int in_range(double v, double lo, double hi)
{
    return v >= lo && v <= hi; /* false for NaN */
}

static int check_rates(const struct tf_synth_params *p, struct tf_error *err)
{
    const double probs[] = {p->return_prob,   p->coauthor_abroad, p->multi_affiliation,
                            p->null_country,  p->null_author,     p->null_institution,
                            p->ai_top_share,  p->ai_top_venues,   p->ai_top_return,
                            p->orcid_records, p->study_abroad,    p->study_return};
    for (size_t i = 0; i < sizeof(probs) / sizeof(probs[0]); i++)
        if (!in_range(probs[i], 0, 1))
            return usage(err, "probabilities must be between 0 and 1");
    const double means[] = {p->works_per_year, p->coauthors, p->outside_authors};
    for (size_t i = 0; i < sizeof(means) / sizeof(means[0]); i++)
        if (!in_range(means[i], 0, SYNTH_MAX_MEAN))
            return usage(err, "works_per_year, coauthors and outside_authors must be 0 to %g",
                         SYNTH_MAX_MEAN);
    if (!in_range(p->move_scale, 0, 1000) || !in_range(p->ai_top_move, 0, 1000))
        return usage(err, "move_scale and ai_top_move must be 0 to 1000");
    if (!in_range(p->ai_top_pull, 0, 1e12))
        return usage(err, "ai_top_pull must be >= 0");
    return 0;
}

static int country_index(const struct tf_synth_params *p, tf_country c)
{
    for (size_t i = 0; i < p->n_countries; i++)
        if (p->countries[i].code == c)
            return (int)i;
    return -1;
}

static int check_countries(const struct tf_synth_params *p, struct tf_error *err)
{
    if (p->n_countries < 2 || p->n_countries > TF_SYNTH_MAX_COUNTRIES)
        return usage(err, "a world needs 2 to %d countries", TF_SYNTH_MAX_COUNTRIES);
    for (size_t i = 0; i < p->n_countries; i++) {
        const struct tf_synth_country *k = &p->countries[i];
        char a[3];
        if (!tf_country_valid(k->code) || country_index(p, k->code) != (int)i)
            return usage(err, "country %s is invalid or given twice", tf_country_code(k->code, a));
        if (!in_range(k->size, 1e-300, 1e12) || !in_range(k->move, 0, 1) ||
            !in_range(k->pull, 0, 1e12))
            return usage(err, "country %s: need SIZE > 0, MOVE in [0, 1], PULL >= 0", a);
    }
    char a[3];
    if (p->ai_top_pull_country && country_index(p, p->ai_top_pull_country) < 0)
        return usage(err, "ai_top_pull: %s is not a country of the world",
                     tf_country_code(p->ai_top_pull_country, a));
    return 0;
}

double synth_dest_weight(const struct tf_synth_params *p, size_t o, size_t d)
{
    const struct tf_synth_country *a = &p->countries[o], *b = &p->countries[d];
    int matrix = p->destination == TF_SYNTH_MATRIX;
    double w = matrix ? 0.0 : b->size * b->pull;
    for (size_t i = 0; i < p->n_pairs; i++) {
        const struct tf_synth_pair *q = &p->pairs[i];
        if (q->from != a->code || q->to != b->code)
            continue;
        if (matrix && q->kind == TF_SYNTH_FLOW)
            w = q->value;
        else if (!matrix && q->kind == TF_SYNTH_CORRIDOR)
            w *= q->value;
    }
    return o == d ? 0.0 : w;
}

static int check_pairs(const struct tf_synth_params *p, struct tf_error *err)
{
    if (p->n_pairs > TF_SYNTH_MAX_PAIRS)
        return usage(err, "too many corridor and flow lines");
    for (size_t i = 0; i < p->n_pairs; i++) {
        const struct tf_synth_pair *q = &p->pairs[i];
        char a[3], b[3];
        if (country_index(p, q->from) < 0 || country_index(p, q->to) < 0 || q->from == q->to ||
            !in_range(q->value, 0, 1e12) ||
            (q->kind != TF_SYNTH_CORRIDOR && q->kind != TF_SYNTH_FLOW))
            return usage(err, "pair %s %s: countries must be two of the world, value >= 0",
                         tf_country_code(q->from, a), tf_country_code(q->to, b));
    }
    for (size_t o = 0; o < p->n_countries; o++) {
        double total = 0;
        for (size_t d = 0; d < p->n_countries; d++)
            total += synth_dest_weight(p, o, d);
        char a[3];
        if (p->countries[o].move * p->move_scale > 0 && !(total > 0))
            return usage(err, "country %s has a move probability but no destination weight",
                         tf_country_code(p->countries[o].code, a));
    }
    return 0;
}

static int check_subfields(const struct tf_synth_params *p, struct tf_error *err)
{
    if (p->n_subfields < 1 || p->n_subfields > TF_SYNTH_MAX_SUBFIELDS)
        return usage(err, "a world needs 1 to %d subfields", TF_SYNTH_MAX_SUBFIELDS);
    for (size_t i = 0; i < p->n_subfields; i++) {
        const struct tf_synth_subfield *s = &p->subfields[i];
        if (synth_subfield_index(s->id) < 0 || !in_range(s->weight, 1e-300, 1e12))
            return usage(err, "subfield %u: unknown, or weight not > 0", s->id);
        for (size_t k = 0; k < i; k++)
            if (p->subfields[k].id == s->id)
                return usage(err, "subfield %u given twice", s->id);
    }
    return 0;
}

int tf_synth_params_check(const struct tf_synth_params *p, struct tf_error *err)
{
    int rc = check_sizes(p, err);
    if (rc == 0)
        rc = check_years(p, err);
    if (rc == 0)
        rc = check_rates(p, err);
    if (rc == 0)
        rc = check_countries(p, err);
    if (rc == 0)
        rc = check_pairs(p, err);
    if (rc == 0)
        rc = check_subfields(p, err);
    return rc;
}

/* ---- writing --------------------------------------------------------------- */

/* Appends ` v` with the fewest digits that read back to exactly `v`. */
static int add_double(struct tf_buf *b, double v)
{
    char s[TF_NUM_MAX];
    tf_num_format(v, TF_NUM_SHORT, s);
    return tf_buf_addf(b, " %s", s);
}

static int format_scalars(struct tf_buf *b, const struct tf_synth_params *p)
{
    int rc = tf_buf_addf(b, "people %llu\nseed %llu\nyears %d %d\nparts %u\nclean %d\n",
                         (unsigned long long)p->people, (unsigned long long)p->seed, p->year_from,
                         p->year_to, p->parts, p->clean != 0);
    rc |= tf_buf_addf(b, "career_start %d %d\ncareer_length", p->start_from, p->start_to);
    rc |= add_double(b, p->career_mean);
    rc |= tf_buf_addf(b, " %d\n", p->career_min);
    struct {
        const char *key;
        double v;
    } kv[] = {
        {"move_scale", p->move_scale},
        {"return", p->return_prob},
        {"works_per_year", p->works_per_year},
        {"coauthors", p->coauthors},
        {"coauthor_abroad", p->coauthor_abroad},
        {"outside_authors", p->outside_authors},
        {"multi_affiliation", p->multi_affiliation},
        {"null_country", p->null_country},
        {"null_author", p->null_author},
        {"null_institution", p->null_institution},
        {"ai_top_share", p->ai_top_share},
        {"ai_top_venues", p->ai_top_venues},
        {"ai_top_move", p->ai_top_move},
        {"ai_top_return", p->ai_top_return},
        {"orcid_records", p->orcid_records},
        {"study_abroad", p->study_abroad},
        {"study_return", p->study_return},
    };
    for (size_t i = 0; i < sizeof(kv) / sizeof(kv[0]); i++) {
        rc |= tf_buf_adds(b, kv[i].key);
        rc |= add_double(b, kv[i].v);
        rc |= tf_buf_adds(b, "\n");
    }
    rc |= tf_buf_addf(b, "destination %s\n",
                      p->destination == TF_SYNTH_MATRIX ? "matrix" : "gravity");
    if (p->ai_top_pull_country) {
        char a[3];
        rc |= tf_buf_addf(b, "ai_top_pull %s", tf_country_code(p->ai_top_pull_country, a));
        rc |= add_double(b, p->ai_top_pull);
        rc |= tf_buf_adds(b, "\n");
    }
    return rc;
}

static int format_lists(struct tf_buf *b, const struct tf_synth_params *p)
{
    int rc = 0;
    char a[3], c[3];
    for (size_t i = 0; i < p->n_pairs; i++) {
        const struct tf_synth_pair *q = &p->pairs[i];
        rc |= tf_buf_addf(b, "%s %s %s", q->kind == TF_SYNTH_FLOW ? "flow" : "corridor",
                          tf_country_code(q->from, a), tf_country_code(q->to, c));
        rc |= add_double(b, q->value);
        rc |= tf_buf_adds(b, "\n");
    }
    for (size_t i = 0; i < p->n_countries; i++) {
        const struct tf_synth_country *k = &p->countries[i];
        rc |= tf_buf_addf(b, "country %s", tf_country_code(k->code, a));
        rc |= add_double(b, k->size);
        rc |= add_double(b, k->move);
        rc |= add_double(b, k->pull);
        rc |= tf_buf_adds(b, "\n");
    }
    for (size_t i = 0; i < p->n_subfields; i++) {
        rc |= tf_buf_addf(b, "subfield %u", p->subfields[i].id);
        rc |= add_double(b, p->subfields[i].weight);
        rc |= tf_buf_adds(b, "\n");
    }
    return rc;
}

char *tf_synth_params_format(const struct tf_synth_params *p)
{
    struct tf_buf b;
    tf_buf_init(&b, 0);
    int rc = tf_buf_adds(&b, "# talentflow synth parameters\n");
    rc |= format_scalars(&b, p);
    rc |= format_lists(&b, p);
    if (rc != 0) {
        tf_buf_release(&b);
        return NULL;
    }
    return b.data;
}
