/*
 * test_model_project.c - projections of the default model on the shipped
 * data: the stock identity, a corridor scale acting exactly where and when
 * it should, the baseline against itself, seeded draws, and scenario files
 * that are refused with a message that teaches.
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
#define DIR TF_TEST_DATA "/model/"
#define EXAMPLE TF_TEST_DATA "/../../examples/scenario.json"

static int setup(void **state)
{
    struct tf_panel_opts po;
    struct tf_fit_opts fo;
    struct tf_panel *p = NULL;
    struct tf_model *m = NULL;
    struct tf_error err;
    tf_panel_opts_init(&po);
    po.capitals = DATA "countries.csv";
    if (tf_panel_build(&p, DATA "scopus_2024_countryflows.csv.gz", &po, &err) < 0)
        return -1;
    tf_fit_opts_init(&fo);
    int rc = tf_model_fit(&m, p, &fo, &err);
    tf_panel_free(p);
    *state = m;
    return rc;
}

static int teardown(void **state)
{
    tf_model_free(*state);
    return 0;
}

static struct tf_projection *project(const struct tf_model *m, const struct tf_scenario *s,
                                     unsigned draws, uint64_t seed)
{
    struct tf_project_opts o;
    struct tf_projection *p = NULL;
    struct tf_error err;
    tf_project_opts_init(&o);
    o.years = 10;
    o.draws = draws;
    o.seed = seed;
    int rc = tf_project(&p, m, s, &o, &err);
    if (rc < 0)
        print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    return p;
}

static const struct tf_proj_flow *find_flow(const struct tf_projection *p, const char *o,
                                            const char *d, int year)
{
    for (size_t i = 0; i < p->n_flows; i++) {
        const struct tf_proj_flow *f = &p->flows[i];
        if (f->origin == TF_COUNTRY(o[0], o[1]) && f->destination == TF_COUNTRY(d[0], d[1]) &&
            f->year == year)
            return f;
    }
    fail();
    return NULL;
}

/* S(t) = S(t-1)(1 + g) + in - out, to rounding, for every country and year. */
static void test_stock_identity(void **state)
{
    const struct tf_model *m = *state;
    struct tf_projection *p = project(m, NULL, 0, 1);
    assert_int_equal(p->year_first, 2018);
    assert_int_equal(p->year_last, 2028);
    assert_int_equal(p->n_stocks, p->n_countries * 11);
    assert_int_equal(p->n_flows, p->n_countries * (p->n_countries - 1) * 10);
    for (size_t i = 1; i < p->n_stocks; i++) {
        const struct tf_proj_stock *s = &p->stocks[i], *prev = s - 1;
        if (s->year == p->year_first)
            continue;
        long c = tf_model_country_index(m, s->country);
        double want = prev->base * (1 + m->growth[c]) + s->base_in - s->base_out;
        assert_true(fabs(s->base - want) <= 1e-9 * want);
        assert_true(s->diff == 0 && s->scen == s->base); /* no scenario */
        assert_true(isnan(s->base_lo));                  /* no draws */
    }
    tf_projection_free(p);
}

/* The example scenario halves CN->US from 2020, exactly, and nothing before. */
static void test_corridor(void **state)
{
    const struct tf_model *m = *state;
    struct tf_scenario *s = NULL;
    struct tf_error err;
    int rc = tf_scenario_load(&s, EXAMPLE, m, 10, &err);
    if (rc < 0)
        print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    struct tf_projection *p = project(m, s, 20, 3);
    const struct tf_proj_flow *f19 = find_flow(p, "CN", "US", 2019);
    const struct tf_proj_flow *f20 = find_flow(p, "CN", "US", 2020);
    assert_true(f19->scen == f19->base);
    assert_true(fabs(f20->scen - 0.5 * f20->base) <= 1e-12 * f20->base);
    assert_true(f20->base_lo <= f20->base && f20->base <= f20->base_hi);
    /* fewer researchers reach the US than in the baseline, and China keeps more */
    const struct tf_proj_stock *us = NULL, *cn = NULL;
    for (size_t i = 0; i < p->n_stocks; i++)
        if (p->stocks[i].year == 2028 && p->stocks[i].country == TF_COUNTRY('U', 'S'))
            us = &p->stocks[i];
        else if (p->stocks[i].year == 2028 && p->stocks[i].country == TF_COUNTRY('C', 'N'))
            cn = &p->stocks[i];
    assert_true(us && cn);
    assert_true(us->diff < 0 && us->diff_hi < 0);
    assert_true(cn->diff > 0 && cn->diff_lo > 0);
    tf_projection_free(p);
    tf_scenario_free(s);
}

/* The same seed gives the same intervals; another seed other ones. */
static void test_seeded(void **state)
{
    const struct tf_model *m = *state;
    struct tf_projection *a = project(m, NULL, 30, 5), *b = project(m, NULL, 30, 5);
    struct tf_projection *c = project(m, NULL, 30, 6);
    size_t last = a->n_stocks - 1;
    assert_true(a->stocks[last].base_lo == b->stocks[last].base_lo);
    assert_true(a->stocks[last].base_hi == b->stocks[last].base_hi);
    assert_true(a->stocks[last].base_lo != c->stocks[last].base_lo);
    assert_true(a->stocks[last].base == c->stocks[last].base);
    tf_projection_free(a);
    tf_projection_free(b);
    tf_projection_free(c);
}

static void expect_refusal(const struct tf_model *m, const char *file, const char *words)
{
    struct tf_scenario *s = NULL;
    struct tf_error err;
    char path[512];
    snprintf(path, sizeof(path), DIR "%s", file);
    tf_error_init(&err);
    assert_int_equal(tf_scenario_load(&s, path, m, 10, &err), TF_ERR_FORMAT);
    assert_null(s);
    if (!strstr(err.msg, words))
        print_error("message: %s\n", err.msg);
    assert_non_null(strstr(err.msg, words));
}

static void test_scenario_errors(void **state)
{
    const struct tf_model *m = *state;
    expect_refusal(m, "scenario_unknown_country.json", "changes[1]: 'XX' is not a country");
    expect_refusal(m, "scenario_country_not_in_model.json",
                   "Nigeria (NG) is not among the model's 40 countries");
    expect_refusal(m, "scenario_unknown_covariate.json",
                   "no country-year covariate 'rd_intensity'; it uses: gdp_per_capita, population");
    expect_refusal(m, "scenario_stock.json", "change a country's \"growth\"");
    expect_refusal(m, "scenario_year_in_data.json",
                   "changes[0].from: year 2015 is inside the observed data (1998-2018)");
    expect_refusal(m, "scenario_year_after.json", "after the projection's last year 2028");
    expect_refusal(m, "scenario_typo.json", "unknown key 'scal'");
    expect_refusal(m, "scenario_negative.json", "its log enters the model");
    expect_refusal(m, "broken.json", "not valid JSON");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stock_identity),
        cmocka_unit_test(test_corridor),
        cmocka_unit_test(test_seeded),
        cmocka_unit_test(test_scenario_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
