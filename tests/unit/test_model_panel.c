/*
 * test_model_panel.c - building the completed panel from talentflow's own
 * tables (flows.csv, country_year.csv) and the errors a user meets first.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "talentflow/model.h"

#define DIR TF_TEST_DATA "/model/"

static int build(struct tf_panel **p, const char *flows, struct tf_panel_opts *po,
                 struct tf_error *err)
{
    tf_error_init(err);
    return tf_panel_build(p, flows, po, err);
}

/* Stock from country_year.csv's population, completion with zeros, a bad row counted. */
static void test_talentflow_tables(void **state)
{
    (void)state;
    struct tf_panel_opts po;
    struct tf_panel *p = NULL;
    struct tf_error err;
    tf_panel_opts_init(&po);
    po.country_data = DIR "country_year.csv";
    assert_int_equal(build(&p, DIR "flows.csv", &po, &err), 0);
    const struct tf_panel_info *in = tf_panel_get_info(p);
    assert_string_equal(in->stock_column, "population");
    assert_non_null(strstr(in->growth_rule, "births(t) - deaths(t-1)"));
    /* 2001 and 2002: DE FR US (6 pairs each); 2003: also JP (12 pairs) */
    assert_int_equal(in->n_obs, 24);
    assert_int_equal(in->n_countries, 4);
    assert_int_equal(in->flows_in_panel, 9);
    assert_int_equal(in->zeros_added, 15);
    assert_true(in->sum_flows == 26);
    assert_int_equal(in->flows_bad, 1);
    assert_non_null(strstr(in->first_bad, "flows.csv:8: unknown country 'XX'"));
    assert_int_equal(in->year_first, 2001);
    assert_int_equal(in->year_last, 2003);
    tf_panel_free(p);
}

/* The natural growth of DE from births and deaths, and JP with too short a history. */
static void test_growth(void **state)
{
    (void)state;
    struct tf_panel_opts po;
    struct tf_panel *p = NULL;
    struct tf_model *m = NULL;
    struct tf_fit_opts fo;
    struct tf_error err;
    tf_panel_opts_init(&po);
    po.country_data = DIR "country_year.csv";
    assert_int_equal(build(&p, DIR "flows.csv", &po, &err), 0);
    tf_fit_opts_init(&fo);
    fo.vce = TF_VCE_HC1;
    assert_int_equal(tf_model_fit(&m, p, &fo, &err), 0);
    long de = tf_model_country_index(m, TF_COUNTRY('D', 'E'));
    long jp = tf_model_country_index(m, TF_COUNTRY('J', 'P'));
    assert_true(de >= 0 && jp >= 0);
    /* (births 2003 - deaths 2002) + (births 2002 - deaths 2001) over S 2002 + S 2001 */
    assert_true(fabs(m->growth[de] - 16.0 / 203.0) < 1e-15);
    assert_true(isnan(m->growth[jp]));
    assert_true(m->stock[de] == 105);
    /* JP never sends nor receives: both its groups are separated */
    assert_int_equal(m->n_groups, 2);
    tf_model_free(m);
    tf_panel_free(p);
}

static void test_missing_count_column(void **state)
{
    (void)state;
    struct tf_panel_opts po;
    struct tf_panel *p = NULL;
    struct tf_error err;
    tf_panel_opts_init(&po);
    assert_int_equal(build(&p, DIR "no_count.csv", &po, &err), TF_ERR_FORMAT);
    assert_null(p);
    assert_non_null(strstr(err.msg, "no_count.csv:1:"));
    assert_non_null(strstr(err.msg, "n_migrations"));
}

static void test_unknown_covariate(void **state)
{
    (void)state;
    struct tf_panel_opts po;
    struct tf_panel *p = NULL;
    struct tf_error err;
    tf_panel_opts_init(&po);
    po.country_data = DIR "country_year.csv";
    assert_int_equal(tf_panel_opts_add(&po, TF_SIDE_ORIGIN, "log:rd_intensity", &err), 0);
    assert_int_equal(build(&p, DIR "flows.csv", &po, &err), TF_ERR_USAGE);
    assert_non_null(strstr(err.msg, "no country-year column 'rd_intensity'"));
    assert_non_null(strstr(err.msg, "births")); /* lists what is on offer */
}

static void test_no_stock(void **state)
{
    (void)state;
    struct tf_panel_opts po;
    struct tf_panel *p = NULL;
    struct tf_error err;
    tf_panel_opts_init(&po);
    assert_int_equal(build(&p, DIR "flows.csv", &po, &err), TF_ERR_USAGE);
    assert_non_null(strstr(err.msg, "no researcher stock"));
}

static void test_distance_needs_capitals(void **state)
{
    (void)state;
    struct tf_panel_opts po;
    struct tf_panel *p = NULL;
    struct tf_error err;
    tf_panel_opts_init(&po);
    po.country_data = DIR "country_year.csv";
    assert_int_equal(tf_panel_opts_add(&po, TF_SIDE_PAIR, "log:distance", &err), 0);
    assert_int_equal(build(&p, DIR "flows.csv", &po, &err), TF_ERR_USAGE);
    assert_non_null(strstr(err.msg, "--capitals"));
}

static void test_term_names(void **state)
{
    (void)state;
    struct tf_term t;
    struct tf_error err;
    char name[128];
    assert_int_equal(tf_term_parse(&t, TF_SIDE_DESTINATION, "log:gdp_per_capita", &err), 0);
    assert_string_equal(tf_term_name(&t, name, sizeof(name)), "pull:log(gdp_per_capita)");
    assert_int_equal(tf_term_parse(&t, TF_SIDE_PAIR, "contig", &err), 0);
    assert_string_equal(tf_term_name(&t, name, sizeof(name)), "dyad:contig");
    assert_int_equal(tf_term_parse(&t, TF_SIDE_PAIR, "log:", &err), TF_ERR_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_talentflow_tables),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_missing_count_column),
        cmocka_unit_test(test_unknown_covariate),
        cmocka_unit_test(test_no_stock),
        cmocka_unit_test(test_distance_needs_capitals),
        cmocka_unit_test(test_term_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
