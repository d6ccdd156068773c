/*
 * panel_state.c - what a projection starts from: each country's stock and
 * covariates in the panel's last year, the pair covariates, and its natural
 * growth rate.
 *
 * Natural growth is the change of a stock that migration does not explain:
 * researchers starting and ending careers. In talentflow's own country_year
 * table it is births(t) - deaths(t-1), which is exactly what the padded
 * population identity S(t) = S(t-1) + births(t) - deaths(t-1) + in(t) - out(t)
 * leaves; other tables carry no births and deaths, and there the same
 * identity gives it as the residual S(t) - S(t-1) - in(t) + out(t) with the
 * migrations summed from the whole flow file (every partner, not only the
 * panel's countries). A "growth" column, when present, is taken as given.
 * The rate is the sum over the last TF_GROWTH_STEPS steps divided by the sum
 * of the stocks they start from, so one odd year does not dominate.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/panel_raw.h"

/* Distinct columns of one kind (country-year or pair) among the terms and the offset. */
static size_t term_columns(const struct tf_panel *p, int pair, char (*out)[TF_MODEL_NAME_MAX])
{
    size_t n = 0, nt = p->n_terms + (p->has_offset ? 1 : 0);
    for (size_t i = 0; i < nt; i++) {
        const struct tf_term *t = i < p->n_terms ? &p->terms[i] : &p->offset_term;
        if ((t->side == TF_SIDE_PAIR) != pair || strcasecmp(t->column, "stock") == 0)
            continue;
        size_t k = 0;
        while (k < n && strcasecmp(out[k], t->column) != 0)
            k++;
        if (k == n)
            snprintf(out[n++], TF_MODEL_NAME_MAX, "%s", t->column);
    }
    return n;
}

/* Sums every flow into and out of each country-year: key -> double[2] {in, out}. */
static int migrations(const struct raw *r, struct tf_map *m)
{
    for (size_t i = 0; i < r->n_flows; i++) {
        const struct flow_rec *f = &r->flows[i];
        double *in = tf_map_get(m, raw_cy_key(f->d, f->year));
        if (!in)
            return TF_ERR_NOMEM;
        in[0] += f->n;
        double *out = tf_map_get(m, raw_cy_key(f->o, f->year));
        if (!out)
            return TF_ERR_NOMEM;
        out[1] += f->n;
    }
    return 0;
}

static double cy_at(const struct raw *r, tf_country c, int year, long col)
{
    const double *row = raw_row(&r->cy, raw_cy_key(c, year));
    return row && col >= 0 ? row[col] : NAN;
}

/* Natural change of country c's stock from year t-1 to t, NAN when unknown. */
static double natural(const struct raw *r, const struct tf_map *mig, tf_country c, int t)
{
    double s0 = cy_at(r, c, t - 1, 0), s1 = cy_at(r, c, t, 0);
    if (r->growth == GROWTH_BIRTHS_DEATHS)
        return cy_at(r, c, t, r->cy_births) - cy_at(r, c, t - 1, r->cy_deaths);
    const double *m = tf_map_find(mig, raw_cy_key(c, t));
    return s1 - s0 - (m ? m[0] - m[1] : 0.0);
}

static double growth_rate(const struct raw *r, const struct tf_map *mig, tf_country c, int last)
{
    double num = 0, den = 0;
    unsigned used = 0;
    for (int t = last; t > last - TF_GROWTH_STEPS; t--) {
        double s0 = cy_at(r, c, t - 1, 0);
        double v = r->growth == GROWTH_SUPPLIED ? cy_at(r, c, t, r->cy_growth) * s0
                                                : natural(r, mig, c, t);
        if (!isfinite(v) || !isfinite(s0) || s0 <= 0)
            continue;
        num += v;
        den += s0;
        used++;
    }
    return used ? num / den : NAN;
}

static void growth_rule(struct tf_panel *p, const struct raw *r)
{
    static const char *const rule[] = {
        "residual of the stock identity: S(t) - S(t-1) - in(t) + out(t)",
        "births(t) - deaths(t-1) from the country-year data",
        "the growth column of the country-year data",
    };
    snprintf(p->info.growth_rule, sizeof(p->info.growth_rule),
             "%s, summed over the last %d steps / the stocks they start from", rule[r->growth],
             TF_GROWTH_STEPS);
}

static int country_state(struct tf_panel *p, const struct raw *r, int last)
{
    struct tf_map mig;
    tf_map_init(&mig, 2 * sizeof(double));
    int rc = r->growth == GROWTH_RESIDUAL ? migrations(r, &mig) : 0;
    for (size_t c = 0; rc == 0 && c < p->n_countries; c++) {
        tf_country k = p->countries[c];
        p->stock[c] = cy_at(r, k, last, 0);
        p->growth[c] = growth_rate(r, &mig, k, last);
        for (size_t j = 0; j < p->n_cy_cols; j++)
            p->cy_last[c * p->n_cy_cols + j] = cy_at(r, k, last, raw_col(&r->cy, p->cy_cols[j]));
    }
    tf_map_release(&mig);
    return rc;
}

/* Raw (untransformed) value of pair column `col` for (o, d). */
static double pair_at(const struct raw *r, const char *col, tf_country o, tf_country d)
{
    if (strcasecmp(col, "distance") == 0)
        return raw_distance(r, o, d);
    long j = raw_col(&r->pairs, col);
    const double *row = raw_row(&r->pairs, raw_pair_key(o, d));
    if (!row || !isfinite(row[j]))
        row = raw_row(&r->pairs, raw_pair_key(d, o));
    return row ? row[j] : NAN;
}

static void pair_state(struct tf_panel *p, const struct raw *r)
{
    size_t n = p->n_countries;
    for (size_t j = 0; j < p->n_pair_cols; j++)
        for (size_t o = 0; o < n; o++)
            for (size_t d = 0; d < n; d++)
                p->pair_vals[(j * n + o) * n + d] =
                    o == d ? NAN : pair_at(r, p->pair_cols[j], p->countries[o], p->countries[d]);
}

int panel_state(struct tf_panel *p, const struct raw *r)
{
    char cols[TF_MODEL_MAX_TERMS + 1][TF_MODEL_NAME_MAX];
    size_t n = p->n_countries;
    p->n_cy_cols = term_columns(p, 0, cols);
    p->cy_cols = malloc((p->n_cy_cols + 1) * sizeof(*p->cy_cols));
    if (p->cy_cols)
        memcpy(p->cy_cols, cols, p->n_cy_cols * sizeof(*cols));
    p->n_pair_cols = term_columns(p, 1, cols);
    p->pair_cols = malloc((p->n_pair_cols + 1) * sizeof(*p->pair_cols));
    if (p->pair_cols)
        memcpy(p->pair_cols, cols, p->n_pair_cols * sizeof(*cols));
    p->stock = malloc((n + 1) * sizeof(double));
    p->growth = malloc((n + 1) * sizeof(double));
    p->cy_last = malloc((n * p->n_cy_cols + 1) * sizeof(double));
    p->pair_vals = malloc((p->n_pair_cols * n * n + 1) * sizeof(double));
    if (!p->cy_cols || !p->pair_cols || !p->stock || !p->growth || !p->cy_last || !p->pair_vals)
        return TF_ERR_NOMEM;
    growth_rule(p, r);
    pair_state(p, r);
    return country_state(p, r, p->year_first + p->n_years - 1);
}
