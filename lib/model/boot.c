/*
 * boot.c - the pairs cluster bootstrap.
 *
 * Sandwich intervals of gravity models are known to under-cover when a few
 * large corridors dominate the likelihood, as they do here (CN->US alone is
 * a visible share of all flows). Resampling whole country pairs with
 * replacement keeps each corridor's years together, which is the dependence
 * the pair clustering assumes, and needs no normality.
 *
 * A replication draws as many pairs as the sample has, turns the draw counts
 * into frequency weights, drops the groups the draw leaves without a positive
 * flow, and refits from the full-sample mu (a close start: a few IRLS steps).
 * Replication b uses its own generator stream (seed, b), so results do not
 * depend on the order the replications run in. A replication that fails to
 * converge or loses a term is counted and left out.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_int.h"

struct boot {
    size_t n_pairs;
    int64_t *pair_idx; /* pair key -> index, -1 when not in the sample */
    int64_t *row_pos;  /* panel row -> main sample index, -1 when left out */
    uint64_t *counts;
    double *f, *start, *betas;
};

static int boot_setup(struct boot *b, const struct tf_panel *p, const struct sample *s,
                      unsigned reps)
{
    size_t keys = p->n_countries * p->n_countries;
    memset(b, 0, sizeof(*b));
    b->pair_idx = malloc((keys + 1) * sizeof(*b->pair_idx));
    b->row_pos = malloc((p->n + 1) * sizeof(*b->row_pos));
    b->counts = malloc((keys + 1) * sizeof(*b->counts));
    b->f = malloc((p->n + 1) * sizeof(double));
    b->start = malloc((s->n + 1) * sizeof(double));
    b->betas = malloc(((size_t)reps * s->p + 1) * sizeof(double));
    if (!b->pair_idx || !b->row_pos || !b->counts || !b->f || !b->start || !b->betas)
        return TF_ERR_NOMEM;
    for (size_t k = 0; k < keys; k++)
        b->pair_idx[k] = -1;
    for (size_t i = 0; i < p->n; i++)
        b->row_pos[i] = -1;
    for (size_t i = 0; i < s->n; i++) {
        b->row_pos[s->row[i]] = (int64_t)i;
        if (b->pair_idx[s->pair[i]] < 0)
            b->pair_idx[s->pair[i]] = (int64_t)b->n_pairs++;
    }
    return 0;
}

static void boot_free(struct boot *b)
{
    free(b->pair_idx);
    free(b->row_pos);
    free(b->counts);
    free(b->f);
    free(b->start);
    free(b->betas);
}

/* Draws the pairs of replication `rep` and sets the panel rows' frequency weights. */
static void draw(struct boot *b, const struct tf_panel *p, const struct sample *s, uint64_t seed,
                 unsigned rep)
{
    struct model_rng rng;
    model_rng_seed(&rng, seed, rep + 1);
    memset(b->counts, 0, b->n_pairs * sizeof(*b->counts));
    for (size_t k = 0; k < b->n_pairs; k++)
        b->counts[model_rng_below(&rng, b->n_pairs)]++;
    for (size_t i = 0; i < p->n; i++) {
        int64_t pos = b->row_pos[i];
        b->f[i] = pos < 0 ? 0.0 : (double)b->counts[b->pair_idx[s->pair[pos]]];
    }
}

/* One replication; returns 1 when its estimates were stored, 0 when it failed. */
static int replicate(struct boot *b, const struct tf_panel *p, const struct sample *s,
                     const struct irls *r, const struct tf_fit_opts *o, double *beta)
{
    struct sample bs;
    struct irls br = {0};
    struct tf_error e;
    struct tf_fit_opts bo = *o;
    int ok = 0;
    bo.fe_method = r->method;
    if (sample_build(&bs, p, b->f, &e) == 0) {
        for (size_t i = 0; i < bs.n; i++)
            b->start[i] = r->mu[b->row_pos[bs.row[i]]];
        ok = irls_run(&br, &bs, &bo, b->start, r->status, &e) == 0;
    }
    for (size_t j = 0; ok && j < s->p; j++) {
        beta[j] = br.beta[j];
        if (r->status[j] == TF_TERM_ESTIMATED && !isfinite(beta[j]))
            ok = 0;
    }
    irls_release(&br);
    sample_release(&bs);
    return ok;
}

static void summarise(struct tf_model *m, const struct boot *b, size_t good, size_t p)
{
    double *v = malloc((good + 1) * sizeof(double));
    for (size_t j = 0; v && j < p; j++) {
        struct tf_model_term *t = &m->terms[j];
        if (t->status != TF_TERM_ESTIMATED || good < 2)
            continue;
        double mean = 0, ss = 0;
        for (size_t k = 0; k < good; k++)
            mean += (v[k] = b->betas[k * p + j]) / (double)good;
        for (size_t k = 0; k < good; k++)
            ss += (v[k] - mean) * (v[k] - mean);
        t->se_boot = sqrt(ss / (double)(good - 1));
        model_sort(v, good);
        t->boot_lo = model_quantile(v, good, 0.025);
        t->boot_hi = model_quantile(v, good, 0.975);
    }
    free(v);
}

int vcov_bootstrap(struct tf_model *m, const struct tf_panel *p, const struct sample *s,
                   const struct irls *r, const struct tf_fit_opts *o, struct tf_error *err)
{
    struct boot b;
    size_t good = 0;
    if (boot_setup(&b, p, s, o->bootstrap) < 0) {
        boot_free(&b);
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    }
    for (unsigned rep = 0; rep < o->bootstrap; rep++) {
        draw(&b, p, s, o->seed, rep);
        good += (size_t)replicate(&b, p, s, r, o, b.betas + good * s->p);
    }
    m->bootstrap = o->bootstrap;
    m->boot_failed = o->bootstrap - (unsigned)good;
    summarise(m, &b, good, s->p);
    boot_free(&b);
    return 0;
}
