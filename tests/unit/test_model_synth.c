/*
 * test_model_synth.c - a synthetic panel with known coefficients: flows are
 * Poisson draws from the model itself, written as a positive-only flow table
 * with country-year and pair covariate files, so the whole path (reading,
 * completion with zeros, separation, IRLS, standard errors, bootstrap) is
 * exercised. One country has covariates every year but never a flow: it must
 * be dropped as separated, not estimated at minus a large number.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "talentflow/model.h"

#define TMP TF_TEST_TMP "/model_synth_"
#define N_LIVE 10
#define N_YEARS 12
#define YEAR0 2000

static const char *const codes[N_LIVE + 1] = {"AU", "BR", "CA", "CN", "DE", "FR",
                                              "GB", "IN", "JP", "US", "NZ"};
/* NZ (the last) is the country whose flows are all zero */

/* push/pull log stock, push/pull log rd, dyad log dist, dyad contig */
static const double beta[6] = {0.6, 0.4, -0.5, 0.7, -1.0, 0.5};

static uint64_t rng_state = 12345;

static double uniform(void)
{
    uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return (double)((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

static double normal(void)
{
    double u = uniform(), v = uniform();
    return sqrt(-2.0 * log(u + 1e-300)) * cos(6.283185307179586 * v);
}

/* Knuth's product method: exact, fine for the means used here (< 300). */
static unsigned poisson(double mean)
{
    double limit = exp(-mean), p = 1.0;
    unsigned k = 0;
    while ((p *= uniform()) > limit)
        k++;
    return k;
}

struct world {
    double stock[N_LIVE + 1][N_YEARS], rd[N_LIVE + 1][N_YEARS];
    double dist[N_LIVE + 1][N_LIVE + 1];
    int contig[N_LIVE + 1][N_LIVE + 1];
    double alpha[N_LIVE + 1], gamma[N_LIVE + 1], tau[N_YEARS];
};

static void draw_world(struct world *w)
{
    for (int c = 0; c <= N_LIVE; c++) {
        double s = exp(9.0 + normal()), r = exp(0.5 * normal());
        w->alpha[c] = 0.5 * normal();
        w->gamma[c] = 0.5 * normal();
        for (int t = 0; t < N_YEARS; t++) {
            w->stock[c][t] = s *= exp(0.04 + 0.25 * normal());
            w->rd[c][t] = r *= exp(0.3 * normal());
        }
        for (int d = 0; d < c; d++) {
            w->dist[c][d] = w->dist[d][c] = exp(7.5 + 0.8 * normal());
            w->contig[c][d] = w->contig[d][c] = uniform() < 0.25;
        }
    }
    for (int t = 0; t < N_YEARS; t++)
        w->tau[t] = 0.03 * t;
}

static double mean_flow(const struct world *w, int o, int d, int t)
{
    double eta = -3.5 + w->alpha[o] + w->gamma[d] + w->tau[t] + beta[0] * log(w->stock[o][t]) +
                 beta[1] * log(w->stock[d][t]) + beta[2] * log(w->rd[o][t]) +
                 beta[3] * log(w->rd[d][t]) + beta[4] * log(w->dist[o][d]) +
                 beta[5] * w->contig[o][d];
    return exp(eta);
}

static void write_world(const struct world *w)
{
    FILE *f = fopen(TMP "flows.csv", "w"), *c = fopen(TMP "cy.csv", "w");
    FILE *p = fopen(TMP "pairs.csv", "w");
    assert_true(f && c && p);
    fputs("origin,destination,year,n\n", f);
    fputs("country,year,researchers,rd\n", c);
    fputs("origin,destination,dist,contig\n", p);
    for (int o = 0; o <= N_LIVE; o++) {
        for (int t = 0; t < N_YEARS; t++)
            fprintf(c, "%s,%d,%.17g,%.17g\n", codes[o], YEAR0 + t, w->stock[o][t], w->rd[o][t]);
        for (int d = 0; d <= N_LIVE; d++) {
            if (d > o) /* one row per unordered pair: it serves both directions */
                fprintf(p, "%s,%s,%.17g,%d\n", codes[o], codes[d], w->dist[o][d], w->contig[o][d]);
            for (int t = 0; o != d && o < N_LIVE && d < N_LIVE && t < N_YEARS; t++) {
                unsigned y = poisson(mean_flow(w, o, d, t));
                if (y)
                    fprintf(f, "%s,%s,%d,%u\n", codes[o], codes[d], YEAR0 + t, y);
            }
        }
    }
    fclose(f);
    fclose(c);
    fclose(p);
}

static struct tf_panel *build(void)
{
    static const char *const terms[][2] = {
        {"o", "log:stock"}, {"d", "log:stock"}, {"o", "log:rd"},
        {"d", "log:rd"},    {"p", "log:dist"},  {"p", "contig"},
    };
    struct tf_panel_opts po;
    struct tf_panel *p = NULL;
    struct tf_error err;
    tf_panel_opts_init(&po);
    po.country_data = TMP "cy.csv";
    po.pair_data = TMP "pairs.csv";
    po.stock_column = "researchers";
    for (size_t k = 0; k < 6; k++) {
        int side = terms[k][0][0] == 'o'   ? TF_SIDE_ORIGIN
                   : terms[k][0][0] == 'd' ? TF_SIDE_DESTINATION
                                           : TF_SIDE_PAIR;
        assert_int_equal(tf_panel_opts_add(&po, side, terms[k][1], &err), 0);
    }
    int rc = tf_panel_build(&p, TMP "flows.csv", &po, &err);
    if (rc < 0)
        print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    return p;
}

static struct tf_model *fit(const struct tf_panel *p, unsigned boot)
{
    struct tf_fit_opts fo;
    struct tf_model *m = NULL;
    struct tf_error err;
    tf_fit_opts_init(&fo);
    fo.bootstrap = boot;
    fo.seed = 7;
    int rc = tf_model_fit(&m, p, &fo, &err);
    if (rc < 0)
        print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    return m;
}

static int setup(void **state)
{
    static struct world w;
    rng_state = 12345;
    draw_world(&w);
    write_world(&w);
    *state = build();
    return 0;
}

static int teardown(void **state)
{
    tf_panel_free(*state);
    return 0;
}

static void test_completion(void **state)
{
    const struct tf_panel_info *in = tf_panel_get_info(*state);
    /* 11 countries, every ordered pair, every year */
    assert_int_equal(in->n_obs, (N_LIVE + 1) * N_LIVE * N_YEARS);
    assert_int_equal(in->n_countries, N_LIVE + 1);
    assert_int_equal(in->flows_in_panel + in->zeros_added, in->n_obs);
    assert_true(in->zeros_added >= 2 * N_LIVE * N_YEARS); /* at least the zero country's */
    assert_int_equal(in->flows_outside, 0);
}

static void test_recovery(void **state)
{
    struct tf_model *m = fit(*state, 0);
    for (size_t j = 0; j < 6; j++) {
        const struct tf_model_term *t = &m->terms[j];
        print_message("%-22s true %6.3f  estimate %7.4f  se %.4f  (%+.2f se)\n", t->name, beta[j],
                      t->estimate, t->se, (t->estimate - beta[j]) / t->se);
        assert_int_equal(t->status, TF_TERM_ESTIMATED);
        assert_true(fabs(t->estimate - beta[j]) < 3.0 * t->se);
        assert_true(t->se >= t->se_hc0 * 0.5 && t->se <= t->se_hc0 * 3.0);
    }
    tf_model_free(m);
}

/* The all-zero country is reported and left without effects. */
static void test_separation(void **state)
{
    struct tf_model *m = fit(*state, 0);
    tf_country nz = TF_COUNTRY('N', 'Z');
    long c = tf_model_country_index(m, nz);
    assert_true(c >= 0);
    assert_int_equal(m->n_groups, 2);
    assert_int_equal(m->groups[0].dim, TF_DIM_ORIGIN);
    assert_int_equal(m->groups[0].country, nz);
    assert_int_equal(m->groups[0].obs, N_LIVE * N_YEARS);
    assert_int_equal(m->groups[1].dim, TF_DIM_DESTINATION);
    assert_int_equal(m->groups[1].country, nz);
    assert_int_equal(m->n_obs, N_LIVE * (N_LIVE - 1) * N_YEARS);
    assert_true(isnan(m->fe_vals[0][c])); /* not -30: absent */
    assert_true(isnan(m->fe_vals[1][c]));
    for (size_t k = 0; k < m->n_countries; k++)
        assert_true((long)k == c || (isfinite(m->fe_vals[0][k]) && fabs(m->fe_vals[0][k]) < 20));
    tf_model_free(m);
}

/* The bootstrap is seeded (same numbers twice) and of the clustered size. */
static void test_bootstrap(void **state)
{
    struct tf_model *a = fit(*state, 60), *b = fit(*state, 60);
    assert_int_equal(a->bootstrap, 60);
    assert_int_equal(a->boot_failed, 0);
    for (size_t j = 0; j < 6; j++) {
        const struct tf_model_term *t = &a->terms[j];
        print_message("%-22s cluster se %.4f  bootstrap se %.4f  [%.4f, %.4f]\n", t->name,
                      t->se_cluster, t->se_boot, t->boot_lo, t->boot_hi);
        assert_true(t->se_boot == b->terms[j].se_boot);
        assert_true(t->boot_lo == b->terms[j].boot_lo);
        assert_true(t->se_boot > 0.4 * t->se_cluster && t->se_boot < 2.5 * t->se_cluster);
        assert_true(t->boot_lo < t->estimate && t->estimate < t->boot_hi);
    }
    tf_model_free(a);
    tf_model_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_completion),
        cmocka_unit_test(test_recovery),
        cmocka_unit_test(test_separation),
        cmocka_unit_test(test_bootstrap),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
