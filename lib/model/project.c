/*
 * project.c - moving researcher stocks forward under the fitted model.
 *
 * Each year t after the data, for every ordered pair of projected countries,
 *   F_od(t) = exp(x_od(t)'b + FE_od) * corridor scale
 *   S_c(t)  = S_c(t-1) (1 + g_c) + sum_o F_oc(t) - sum_d F_cd(t)
 * where x holds the covariates in year t (their last observed values, as the
 * scenario changes them) and the stocks S(t-1): a flow cannot depend on the
 * stock it helps to make, so the stock terms use the start of the year.
 * Through them a scenario's effect feeds back: a country that gains
 * researchers becomes a larger origin and a larger destination next year.
 * FE_od are the effects of the last observed year (origin + destination +
 * last year's year effect, or the last year's origin-year and
 * destination-year effects); a pair whose effect is absent (separated, all
 * flows zero) keeps a zero flow.
 *
 * Uncertainty: the coefficients are drawn from N(b, V) with V the model's
 * covariance, each draw runs the baseline and the scenario, and intervals are
 * percentiles over draws. The point projection uses b itself. Draw r uses
 * its own generator stream (seed, r), so results do not depend on order.
 * The fixed effects, natural growth and the covariate paths are held fixed:
 * the intervals cover the coefficients' uncertainty only.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/scenario.h"

void tf_project_opts_init(struct tf_project_opts *o)
{
    o->years = 10;
    o->draws = 200;
    o->seed = 1;
    o->level = 0.95;
}

/* How one term (or the offset, with coefficient 1) gets its value. */
struct plan {
    int side, log, stock;
    long col; /* cy_cols or pair_cols index */
};

struct sim {
    const struct tf_model *m;
    size_t n, p, np; /* countries, terms, terms + offset */
    int years;
    struct plan plan[TF_MODEL_MAX_TERMS + 1];
    double *fe;       /* n x n: fixed effects of (o, d) in the last year, NAN if absent */
    double *pair;     /* np x n x n: transformed pair values */
    double *xo, *xd;  /* np x n: this year's origin and destination values */
    double *to, *td;  /* np x n: the same in the last observed year (the anchor) */
    double *start;    /* n: stocks at the start of the year being projected */
    const double *b0; /* the point estimates (draw 0) */
};

static long find_col(char (*cols)[TF_MODEL_NAME_MAX], size_t n, const char *name)
{
    for (size_t j = 0; j < n; j++)
        if (strcasecmp(cols[j], name) == 0)
            return (long)j;
    return -1;
}

static double transform(int log_it, double v)
{
    return log_it ? (v > 0 ? log(v) : NAN) : v;
}

static void make_plan(struct sim *s)
{
    const struct tf_model *m = s->m;
    for (size_t j = 0; j < s->np; j++) {
        const struct tf_term *t = j < s->p ? &m->terms[j].term : &m->offset;
        struct plan *pl = &s->plan[j];
        pl->side = t->side;
        pl->log = t->log;
        pl->stock = t->side != TF_SIDE_PAIR && strcasecmp(t->column, "stock") == 0;
        pl->col = t->side == TF_SIDE_PAIR ? find_col(m->pair_cols, m->n_pair_cols, t->column)
                                          : find_col(m->cy_cols, m->n_cy_cols, t->column);
    }
}

/* The fixed-effect part of (o, d) in the model's last year. */
static double fe_of(const struct tf_model *m, size_t o, size_t d)
{
    size_t y = (size_t)(m->year_last - m->year_first + 1);
    if (m->fe == TF_FE_OD_YEAR)
        return m->fe_vals[0][o] + m->fe_vals[1][d] + m->fe_vals[2][y - 1];
    return m->fe_vals[0][o * y + y - 1] + m->fe_vals[1][d * y + y - 1];
}

static int sim_init(struct sim *s, const struct tf_model *m, int years)
{
    size_t n = m->n_countries;
    memset(s, 0, sizeof(*s));
    s->m = m;
    s->n = n;
    s->p = m->n_terms;
    s->np = m->n_terms + (m->has_offset ? 1 : 0);
    s->years = years;
    make_plan(s);
    s->fe = malloc((n * n + 1) * sizeof(double));
    s->pair = malloc((s->np * n * n + 1) * sizeof(double));
    s->xo = malloc((s->np * n + 1) * sizeof(double));
    s->xd = malloc((s->np * n + 1) * sizeof(double));
    s->to = malloc((s->np * n + 1) * sizeof(double));
    s->td = malloc((s->np * n + 1) * sizeof(double));
    s->start = malloc((n + 1) * sizeof(double));
    if (!s->fe || !s->pair || !s->xo || !s->xd || !s->to || !s->td || !s->start)
        return TF_ERR_NOMEM;
    for (size_t o = 0; o < n; o++)
        for (size_t d = 0; d < n; d++)
            s->fe[o * n + d] = o == d ? NAN : fe_of(m, o, d);
    for (size_t j = 0; j < s->np; j++)
        for (size_t k = 0; k < n * n; k++)
            s->pair[j * n * n + k] =
                s->plan[j].side == TF_SIDE_PAIR && s->plan[j].col >= 0
                    ? transform(s->plan[j].log, m->pair_vals[(size_t)s->plan[j].col * n * n + k])
                    : 0.0;
    return 0;
}

static void sim_release(struct sim *s)
{
    free(s->fe);
    free(s->pair);
    free(s->xo);
    free(s->xd);
    free(s->to);
    free(s->td);
    free(s->start);
}

/* This year's country-side values of every term, from the stocks at the start of the year. */
static void country_values(struct sim *s, const struct tf_scenario *scen, const double *stock,
                           int t)
{
    const struct tf_model *m = s->m;
    for (size_t j = 0; j < s->np; j++) {
        const struct plan *pl = &s->plan[j];
        for (size_t c = 0; pl->side != TF_SIDE_PAIR && c < s->n; c++) {
            double base = pl->stock      ? fmax(stock[c], 1e-12)
                          : pl->col >= 0 ? m->cy_last[c * m->n_cy_cols + (size_t)pl->col]
                                         : NAN;
            double vo = pl->stock ? base : scenario_covariate(scen, (long)c, pl->col, 1, t, base);
            double vd = pl->stock ? base : scenario_covariate(scen, (long)c, pl->col, 2, t, base);
            s->xo[j * s->n + c] = transform(pl->log, vo);
            s->xd[j * s->n + c] = transform(pl->log, vd);
        }
    }
}

/* The country-side values in the last observed year, which every draw is anchored to. */
static void anchor(struct sim *s)
{
    size_t k = s->np * s->n;
    country_values(s, NULL, s->m->stock, s->m->year_last);
    memcpy(s->to, s->xo, k * sizeof(double));
    memcpy(s->td, s->xd, k * sizeof(double));
}

/*
 * The predicted flow o -> d this year under coefficients `b`; 0 when not
 * defined. The linear predictor is the fitted one of the last observed year
 * plus b times the change of the covariates since then: the fixed effects
 * were estimated together with the point estimates, so a drawn coefficient
 * is applied to changes, not to levels (which would move every flow by
 * exp(db * log population) and say nothing about the scenario). At the
 * point estimates both forms are the same number.
 */
static double flow(const struct sim *s, const struct tf_scenario *scen, const double *b, size_t o,
                   size_t d, int t)
{
    size_t n = s->n;
    double eta = s->fe[o * n + d];
    for (size_t j = 0; j < s->np && isfinite(eta); j++) {
        double coef = j < s->p ? b[j] : 1.0;
        if (j < s->p && s->m->terms[j].status != TF_TERM_ESTIMATED)
            continue;
        int side = s->plan[j].side;
        double x = side == TF_SIDE_ORIGIN        ? s->xo[j * n + o]
                   : side == TF_SIDE_DESTINATION ? s->xd[j * n + d]
                                                 : s->pair[(j * n + o) * n + d];
        double x0 = side == TF_SIDE_ORIGIN        ? s->to[j * n + o]
                    : side == TF_SIDE_DESTINATION ? s->td[j * n + d]
                                                  : x;
        eta += (j < s->p ? s->b0[j] : 1.0) * x0 + coef * (x - x0);
    }
    if (!isfinite(eta) || !isfinite(s->m->stock[o]) || !isfinite(s->m->stock[d]))
        return 0.0;
    return exp(fmin(eta, 700.0)) * scenario_corridor(scen, (long)o, (long)d, t);
}

/*
 * Runs one path: stock (n x (years+1), country-major) from the model's last
 * stocks; in/out (n x years) when not NULL.
 */
static void simulate(struct sim *s, const struct tf_scenario *scen, const double *b, double *stock,
                     double *in, double *out)
{
    size_t n = s->n, w = (size_t)s->years + 1;
    for (size_t c = 0; c < n; c++)
        stock[c * w] = s->m->stock[c];
    for (size_t h = 1; h < w; h++) {
        int t = s->m->year_last + (int)h;
        for (size_t c = 0; c < n; c++)
            s->start[c] = stock[c * w + h - 1];
        country_values(s, scen, s->start, t);
        for (size_t c = 0; c < n; c++) {
            double g = scenario_growth(scen, (long)c, t, s->m->growth[c]);
            stock[c * w + h] = s->start[c] * (1.0 + (isfinite(g) ? g : 0.0));
            if (in)
                in[c * (w - 1) + h - 1] = out[c * (w - 1) + h - 1] = 0.0;
        }
        for (size_t o = 0; o < n; o++)
            for (size_t d = 0; d < n; d++) {
                double f = o == d ? 0.0 : flow(s, scen, b, o, d, t);
                stock[d * w + h] += f;
                stock[o * w + h] -= f;
                if (in) {
                    in[d * (w - 1) + h - 1] += f;
                    out[o * (w - 1) + h - 1] += f;
                }
            }
        for (size_t c = 0; c < n; c++)
            stock[c * w + h] = isfinite(s->start[c]) ? fmax(stock[c * w + h], 0.0) : NAN;
    }
}

/* ---- draws -------------------------------------------------------------- */

/* Row 0 holds b; rows 1..draws hold b + L z, L the Cholesky factor of the estimated block of V. */
static int draw_betas(const struct tf_model *m, const struct tf_project_opts *o, double *betas,
                      struct tf_error *err)
{
    size_t p = m->n_terms, q = 0, idx[TF_MODEL_MAX_TERMS];
    double l[TF_MODEL_MAX_TERMS * TF_MODEL_MAX_TERMS];
    for (size_t j = 0; j < p; j++) {
        betas[j] = m->terms[j].status == TF_TERM_ESTIMATED ? m->terms[j].estimate : 0.0;
        if (m->terms[j].status == TF_TERM_ESTIMATED)
            idx[q++] = j;
    }
    for (size_t a = 0; a < q; a++)
        for (size_t c = 0; c < q; c++)
            l[a * q + c] = m->vcov[idx[a] * p + idx[c]];
    if (o->draws && q && model_chol(l, q) != 0)
        return tf_error_set(err, TF_ERR_DATA, NULL, 0,
                            "the model's covariance is not positive definite; project with "
                            "--draws 0 for point projections only");
    for (unsigned r = 1; r <= o->draws; r++) {
        struct model_rng rng;
        double z[TF_MODEL_MAX_TERMS];
        double *b = betas + (size_t)r * p;
        model_rng_seed(&rng, o->seed, r);
        memcpy(b, betas, p * sizeof(double));
        for (size_t a = 0; a < q; a++)
            z[a] = model_rng_normal(&rng);
        for (size_t a = 0; a < q; a++)
            for (size_t c = 0; c <= a; c++)
                b[idx[a]] += l[a * q + c] * z[c];
    }
    return 0;
}

/* ---- summarising draws -------------------------------------------------- */

struct band {
    double lo_q, hi_q;
    double *v; /* draws scratch */
    unsigned draws;
};

/* Percentile interval of `v` (draws values); NAN without draws. */
static void interval(struct band *bd, double *lo, double *hi)
{
    if (!bd->draws) {
        *lo = *hi = NAN;
        return;
    }
    model_sort(bd->v, bd->draws);
    *lo = model_quantile(bd->v, bd->draws, bd->lo_q);
    *hi = model_quantile(bd->v, bd->draws, bd->hi_q);
}

struct paths {
    size_t n, w, stride; /* countries, years + 1, values per draw (n * w) */
    double *base, *scen; /* (draws + 1) * stride */
    double *in_b, *out_b, *in_s, *out_s;
};

static double at(const double *v, const struct paths *ps, unsigned r, size_t c, size_t h)
{
    return v[(size_t)r * ps->stride + c * ps->w + h];
}

static void stock_row(struct tf_proj_stock *row, const struct paths *ps, struct band *bd, size_t c,
                      size_t h)
{
    row->base = at(ps->base, ps, 0, c, h);
    row->scen = at(ps->scen, ps, 0, c, h);
    row->diff = row->scen - row->base;
    for (unsigned r = 1; r <= bd->draws; r++)
        bd->v[r - 1] = at(ps->base, ps, r, c, h);
    interval(bd, &row->base_lo, &row->base_hi);
    for (unsigned r = 1; r <= bd->draws; r++)
        bd->v[r - 1] = at(ps->scen, ps, r, c, h);
    interval(bd, &row->scen_lo, &row->scen_hi);
    for (unsigned r = 1; r <= bd->draws; r++)
        bd->v[r - 1] = at(ps->scen, ps, r, c, h) - at(ps->base, ps, r, c, h);
    interval(bd, &row->diff_lo, &row->diff_hi);
    size_t k = c * (ps->w - 1) + h - 1;
    row->base_in = h ? ps->in_b[k] : 0.0;
    row->base_out = h ? ps->out_b[k] : 0.0;
    row->scen_in = h ? ps->in_s[k] : 0.0;
    row->scen_out = h ? ps->out_s[k] : 0.0;
}

static int stock_rows(struct tf_projection *pr, const struct tf_model *m, const struct paths *ps,
                      struct band *bd)
{
    pr->stocks = calloc(pr->n_countries * ps->w + 1, sizeof(*pr->stocks));
    if (!pr->stocks)
        return TF_ERR_NOMEM;
    for (size_t c = 0; c < m->n_countries; c++) {
        if (!isfinite(m->stock[c]))
            continue;
        for (size_t h = 0; h < ps->w; h++) {
            struct tf_proj_stock *row = &pr->stocks[pr->n_stocks++];
            row->country = m->countries[c];
            row->year = m->year_last + (int)h;
            stock_row(row, ps, bd, c, h);
        }
    }
    return 0;
}

/*
 * Flows of year h for every draw of one path into buf ((draws + 1) x n x n),
 * recomputed from that draw's stocks at the start of the year.
 */
static void year_flows(struct sim *s, const struct tf_scenario *scen, const double *betas,
                       const double *paths, const struct paths *ps, unsigned draws, size_t h,
                       double *buf)
{
    size_t n = s->n;
    int t = s->m->year_last + (int)h;
    for (unsigned r = 0; r <= draws; r++) {
        for (size_t c = 0; c < n; c++)
            s->start[c] = at(paths, ps, r, c, h - 1);
        country_values(s, scen, s->start, t);
        for (size_t o = 0; o < n; o++)
            for (size_t d = 0; d < n; d++)
                buf[(size_t)r * n * n + o * n + d] =
                    o == d ? 0.0 : flow(s, scen, betas + (size_t)r * s->p, o, d, t);
    }
}

static void flow_band(struct band *bd, const double *buf, size_t k, size_t nn, double *lo,
                      double *hi)
{
    for (unsigned r = 1; r <= bd->draws; r++)
        bd->v[r - 1] = buf[(size_t)r * nn + k];
    interval(bd, lo, hi);
}

static int flow_rows(struct tf_projection *pr, struct sim *s, const struct tf_scenario *scen,
                     const double *betas, const struct paths *ps, struct band *bd)
{
    size_t n = s->n, nn = n * n, a = pr->n_countries;
    double *fb = malloc(((size_t)bd->draws + 1) * nn * sizeof(double));
    double *fs = malloc(((size_t)bd->draws + 1) * nn * sizeof(double));
    pr->flows = calloc(a * (a ? a - 1 : 0) * (ps->w - 1) + 1, sizeof(*pr->flows));
    int rc = fb && fs && pr->flows ? 0 : TF_ERR_NOMEM;
    for (size_t h = 1; rc == 0 && h < ps->w; h++) {
        year_flows(s, NULL, betas, ps->base, ps, bd->draws, h, fb);
        year_flows(s, scen, betas, ps->scen, ps, bd->draws, h, fs);
        for (size_t o = 0; o < n; o++)
            for (size_t d = 0; d < n; d++) {
                if (o == d || !isfinite(s->m->stock[o]) || !isfinite(s->m->stock[d]))
                    continue;
                struct tf_proj_flow *f = &pr->flows[pr->n_flows++];
                f->origin = s->m->countries[o];
                f->destination = s->m->countries[d];
                f->year = s->m->year_last + (int)h;
                f->base = fb[o * n + d];
                f->scen = fs[o * n + d];
                flow_band(bd, fb, o * n + d, nn, &f->base_lo, &f->base_hi);
                flow_band(bd, fs, o * n + d, nn, &f->scen_lo, &f->scen_hi);
            }
    }
    free(fb);
    free(fs);
    return rc;
}

/* ---- the projection ----------------------------------------------------- */

static int check_opts(const struct tf_model *m, const struct tf_project_opts *o,
                      struct tf_error *err)
{
    if (o->years < 1 || o->years > 200)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "years must be 1 to 200");
    if (o->draws > 100000 || !(o->level > 0 && o->level < 1))
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0,
                            "draws must be at most 100000 and the level in (0, 1)");
    for (size_t c = 0; c < m->n_countries; c++)
        if (isfinite(m->stock[c]))
            return 0;
    return tf_error_set(err, TF_ERR_DATA, NULL, 0,
                        "no country of the model has a stock in %d to start from", m->year_last);
}

static int alloc_paths(struct paths *ps, size_t n, unsigned years, unsigned draws)
{
    ps->n = n;
    ps->w = (size_t)years + 1;
    ps->stride = n * ps->w;
    size_t all = ((size_t)draws + 1) * ps->stride + 1, one = n * years + 1;
    ps->base = malloc(all * sizeof(double));
    ps->scen = malloc(all * sizeof(double));
    ps->in_b = malloc(one * sizeof(double));
    ps->out_b = malloc(one * sizeof(double));
    ps->in_s = malloc(one * sizeof(double));
    ps->out_s = malloc(one * sizeof(double));
    return ps->base && ps->scen && ps->in_b && ps->out_b && ps->in_s && ps->out_s ? 0
                                                                                  : TF_ERR_NOMEM;
}

static void free_paths(struct paths *ps)
{
    free(ps->base);
    free(ps->scen);
    free(ps->in_b);
    free(ps->out_b);
    free(ps->in_s);
    free(ps->out_s);
}

static void run_paths(struct sim *s, const struct tf_scenario *scen, const double *betas,
                      struct paths *ps, unsigned draws)
{
    for (unsigned r = 0; r <= draws; r++) {
        const double *b = betas + (size_t)r * s->p;
        simulate(s, NULL, b, ps->base + (size_t)r * ps->stride, r ? NULL : ps->in_b,
                 r ? NULL : ps->out_b);
        simulate(s, scen, b, ps->scen + (size_t)r * ps->stride, r ? NULL : ps->in_s,
                 r ? NULL : ps->out_s);
    }
}

static int fill(struct tf_projection *pr, const struct tf_model *m, const struct tf_scenario *scen,
                const struct tf_project_opts *o, struct tf_error *err)
{
    struct sim s;
    struct paths ps = {0};
    struct band bd = {(1.0 - o->level) / 2, 1.0 - (1.0 - o->level) / 2, NULL, o->draws};
    double *betas = malloc(((size_t)o->draws + 1) * (m->n_terms + 1) * sizeof(double));
    bd.v = malloc(((size_t)o->draws + 1) * sizeof(double));
    int rc = sim_init(&s, m, (int)o->years);
    if (rc == 0 && (!betas || !bd.v || alloc_paths(&ps, m->n_countries, o->years, o->draws) < 0))
        rc = TF_ERR_NOMEM;
    if (rc == TF_ERR_NOMEM)
        tf_error_set(err, rc, NULL, 0, "out of memory (fewer --draws?)");
    if (rc == 0)
        rc = draw_betas(m, o, betas, err);
    if (rc == 0) {
        s.b0 = betas;
        anchor(&s);
        run_paths(&s, scen, betas, &ps, o->draws);
        rc = stock_rows(pr, m, &ps, &bd);
    }
    if (rc == 0)
        rc = flow_rows(pr, &s, scen, betas, &ps, &bd);
    if (rc == TF_ERR_NOMEM)
        tf_error_set(err, rc, NULL, 0, "out of memory (fewer --draws?)");
    free_paths(&ps);
    sim_release(&s);
    free(betas);
    free(bd.v);
    return rc;
}

int tf_project(struct tf_projection **out, const struct tf_model *m, const struct tf_scenario *s,
               const struct tf_project_opts *o, struct tf_error *err)
{
    *out = NULL;
    int rc = check_opts(m, o, err);
    if (rc < 0)
        return rc;
    struct tf_projection *pr = calloc(1, sizeof(*pr));
    if (pr)
        pr->countries = malloc((m->n_countries + 1) * sizeof(*pr->countries));
    if (!pr || !pr->countries) {
        tf_projection_free(pr);
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    }
    for (size_t c = 0; c < m->n_countries; c++)
        if (isfinite(m->stock[c]))
            pr->countries[pr->n_countries++] = m->countries[c];
    pr->year_first = m->year_last;
    pr->year_last = m->year_last + (int)o->years;
    pr->level = o->level;
    pr->draws = o->draws;
    const char *name = s ? tf_scenario_name(s) : "";
    snprintf(pr->scenario, sizeof(pr->scenario), "%s", s && !*name ? "(unnamed)" : name);
    int blas = model_blas_serial_begin();
    rc = fill(pr, m, s, o, err);
    model_blas_serial_end(blas);
    if (rc < 0) {
        tf_projection_free(pr);
        return rc;
    }
    *out = pr;
    return 0;
}

void tf_projection_free(struct tf_projection *p)
{
    if (!p)
        return;
    free(p->countries);
    free(p->stocks);
    free(p->flows);
    free(p);
}
