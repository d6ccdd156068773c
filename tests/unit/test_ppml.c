/*
 * test_ppml.c - `talentflow fit` against two independent estimators on the
 * shipped MPIDR data: statsmodels' GLM Poisson and R's glm quasipoisson,
 * whose estimates are stored in tests/reference/ (regenerate.sh explains how
 * they were made). Coefficients must agree to 1e-6 relative and standard
 * errors (HC0, HC1, clustered by pair) to 1e-4 relative, with both ways of
 * partialling out the fixed effects.
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

#define DATA TF_TEST_DATA "/../../data/scholarly-migration/"
#define REF TF_TEST_DATA "/../reference/"

#define COEF_TOL 1e-6
#define SE_TOL 1e-4

/* One row of an expected_*.csv: spec,term,estimate,se_hc0,se_hc1,se_cluster. */
struct expected {
    char spec[8];
    char term[64];
    double v[4];
};

static size_t read_expected(const char *path, struct expected *out, size_t cap)
{
    FILE *f = fopen(path, "r");
    char line[512];
    size_t n = 0;
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof(line), f)); /* header */
    while (n < cap && fgets(line, sizeof(line), f)) {
        char *field[6], *p = line;
        for (size_t k = 0; k < 6; k++) {
            field[k] = p;
            p = strchr(p, ',');
            if (p)
                *p++ = '\0';
            else
                assert_int_equal(k, 5);
        }
        /* A cut name could match the wrong specification or term, or none. */
        int w = snprintf(out[n].spec, sizeof(out[n].spec), "%s", field[0]);
        assert_true(w >= 0 && (size_t)w < sizeof(out[n].spec));
        w = snprintf(out[n].term, sizeof(out[n].term), "%s", field[1]);
        assert_true(w >= 0 && (size_t)w < sizeof(out[n].term));
        for (size_t k = 0; k < 4; k++)
            out[n].v[k] = strtod(field[2 + k], NULL);
        n++;
    }
    fclose(f);
    return n;
}

/* The specification the references fit, as the command's options would give it. */
static struct tf_panel *build(const char *spec)
{
    struct tf_panel_opts po;
    struct tf_panel *p = NULL;
    struct tf_error err;
    tf_panel_opts_init(&po);
    po.capitals = DATA "countries.csv";
    if (strcmp(spec, "oydy") == 0) {
        po.top = 15;
        po.fe = TF_FE_OY_DY;
        assert_int_equal(tf_panel_opts_add(&po, TF_SIDE_PAIR, "log:distance", &err), 0);
    }
    int rc = tf_panel_build(&p, DATA "scopus_2024_countryflows.csv.gz", &po, &err);
    if (rc < 0)
        print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    return p;
}

static struct tf_model *fit(const struct tf_panel *p, int method)
{
    struct tf_fit_opts fo;
    struct tf_model *m = NULL;
    struct tf_error err;
    tf_fit_opts_init(&fo);
    fo.fe_method = method;
    int rc = tf_model_fit(&m, p, &fo, &err);
    if (rc < 0)
        print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    assert_true(m->converged);
    return m;
}

/* Relative difference; NaN against a number is infinitely far, NaN against NaN agrees. */
static double rel(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b) ? 0 : INFINITY;
    return fabs(a - b) / fmax(fabs(b), 1e-300);
}

/* Absolute difference with the same NaN rule. */
static double dist(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b) ? 0 : INFINITY;
    return fabs(a - b);
}

/* The larger of a running worst and a new difference: a NaN difference is never hidden. */
static double worse(double worst, double d)
{
    return isnan(d) ? INFINITY : fmax(worst, d);
}

/* Compares every term of `m` with the rows of `spec` in one reference file. */
static void compare(const struct tf_model *m, const char *file, const char *spec, const char *what)
{
    struct expected e[64];
    size_t n = read_expected(file, e, 64), matched = 0;
    double worst_b = 0, worst_se = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(e[i].spec, spec) != 0)
            continue;
        for (size_t j = 0; j < m->n_terms; j++) {
            const struct tf_model_term *t = &m->terms[j];
            if (strcmp(t->name, e[i].term) != 0)
                continue;
            matched++;
            worst_b = worse(worst_b, rel(t->estimate, e[i].v[0]));
            worst_se = worse(worst_se, rel(t->se_hc0, e[i].v[1]));
            worst_se = worse(worst_se, rel(t->se_hc1, e[i].v[2]));
            worst_se = worse(worst_se, rel(t->se_cluster, e[i].v[3]));
        }
    }
    print_message("%-5s %-5s vs %-11s: max relative difference %.2e (coefficients), %.2e (se)\n",
                  spec, what, strstr(file, "statsmodels") ? "statsmodels" : "R glm", worst_b,
                  worst_se);
    assert_int_equal(matched, m->n_terms);
    assert_true(worst_b < COEF_TOL);
    assert_true(worst_se < SE_TOL);
}

/* The panel counts the Python script found on its own. */
static void compare_panel(const struct tf_panel *p, const char *spec)
{
    FILE *f = fopen(REF "expected_panel.csv", "r");
    char line[256];
    int found = 0;
    assert_non_null(f);
    while (fgets(line, sizeof(line), f)) {
        char name[16];
        unsigned long long n_obs, pos, zeros;
        double sum;
        size_t countries;
        if (sscanf(line, "%15[^,],%llu,%llu,%llu,%lf,%zu", name, &n_obs, &pos, &zeros, &sum,
                   &countries) != 6 ||
            strcmp(name, spec) != 0)
            continue;
        const struct tf_panel_info *in = tf_panel_get_info(p);
        assert_int_equal(in->n_obs, n_obs);
        assert_int_equal(in->flows_in_panel, pos);
        assert_int_equal(in->zeros_added, zeros);
        assert_true(in->sum_flows == sum);
        assert_int_equal(in->n_countries, countries);
        found = 1;
    }
    fclose(f);
    assert_true(found);
}

static void check_spec(const char *spec)
{
    static const int methods[] = {TF_FE_DENSE, TF_FE_AP};
    struct tf_panel *p = build(spec);
    compare_panel(p, spec);
    for (size_t k = 0; k < 2; k++) {
        struct tf_model *m = fit(p, methods[k]);
        const char *what = methods[k] == TF_FE_DENSE ? "dense" : "ap";
        compare(m, REF "expected_statsmodels.csv", spec, what);
        compare(m, REF "expected_r.csv", spec, what);
        tf_model_free(m);
    }
    tf_panel_free(p);
}

static void test_reference_od(void **state)
{
    (void)state;
    check_spec("od");
}

static void test_reference_oydy(void **state)
{
    (void)state;
    check_spec("oydy");
}

/* Dense and iterative partialling give the same fixed effects once normalised. */
static void test_fixed_effects_agree(void **state)
{
    (void)state;
    struct tf_panel *p = build("od");
    struct tf_model *a = fit(p, TF_FE_DENSE), *b = fit(p, TF_FE_AP);
    size_t sizes[] = {a->n_countries, a->n_countries, (size_t)(a->year_last - a->year_first + 1)};
    double worst = 0;
    assert_int_equal(a->n_dims, 3);
    for (size_t k = 0; k < 3; k++)
        for (size_t i = 0; i < sizes[k]; i++)
            worst = worse(worst, dist(a->fe_vals[k][i], b->fe_vals[k][i]));
    print_message("fixed effects, dense vs ap: max absolute difference %.2e\n", worst);
    assert_true(worst < 1e-6);
    assert_int_equal(a->n_params, b->n_params);
    tf_model_free(a);
    tf_model_free(b);
    tf_panel_free(p);
}

/* Country-year covariates are absorbed by origin-year and destination-year effects. */
static void test_collinear_dropped(void **state)
{
    (void)state;
    struct tf_panel_opts po;
    struct tf_panel *p = NULL;
    struct tf_error err;
    tf_panel_opts_init(&po);
    po.capitals = DATA "countries.csv";
    po.top = 12;
    po.fe = TF_FE_OY_DY;
    assert_int_equal(tf_panel_opts_add(&po, TF_SIDE_ORIGIN, "log:stock", &err), 0);
    assert_int_equal(tf_panel_opts_add(&po, TF_SIDE_PAIR, "log:distance", &err), 0);
    assert_int_equal(tf_panel_opts_add(&po, TF_SIDE_PAIR, "distance", &err), 0);
    assert_int_equal(tf_panel_opts_add(&po, TF_SIDE_PAIR, "log:distance", &err), 0);
    assert_int_equal(tf_panel_build(&p, DATA "scopus_2024_countryflows.csv.gz", &po, &err), 0);
    struct tf_model *m = fit(p, TF_FE_AUTO);
    assert_int_equal(m->terms[0].status, TF_TERM_COLLINEAR_FE);
    assert_true(isnan(m->terms[0].estimate));
    assert_int_equal(m->terms[1].status, TF_TERM_ESTIMATED);
    assert_int_equal(m->terms[2].status, TF_TERM_ESTIMATED);
    assert_int_equal(m->terms[3].status, TF_TERM_COLLINEAR_X);
    tf_model_free(m);
    tf_panel_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_od),
        cmocka_unit_test(test_reference_oydy),
        cmocka_unit_test(test_fixed_effects_agree),
        cmocka_unit_test(test_collinear_dropped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
