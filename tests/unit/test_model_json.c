/*
 * test_model_json.c - model.json round trips exactly, and files that are
 * not a model of this version are refused with a message that says why.
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
#define TMP TF_TEST_TMP "/model_json_"

static struct tf_model *fit_real(void)
{
    struct tf_panel_opts po;
    struct tf_fit_opts fo;
    struct tf_panel *p = NULL;
    struct tf_model *m = NULL;
    struct tf_error err;
    tf_panel_opts_init(&po);
    po.capitals = DATA "countries.csv";
    po.top = 20;
    assert_int_equal(tf_panel_build(&p, DATA "scopus_2024_countryflows.csv.gz", &po, &err), 0);
    tf_fit_opts_init(&fo);
    fo.bootstrap = 3;
    assert_int_equal(tf_model_fit(&m, p, &fo, &err), 0);
    tf_panel_free(p);
    return m;
}

static int same(double a, double b)
{
    return a == b || (isnan(a) && isnan(b));
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = calloc((size_t)n + 1, 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return s;
}

static void compare_models(const struct tf_model *a, const struct tf_model *b)
{
    size_t n = a->n_countries, y = (size_t)(a->year_last - a->year_first + 1);
    assert_int_equal(a->n_terms, b->n_terms);
    assert_int_equal(a->n_countries, b->n_countries);
    assert_memory_equal(a->countries, b->countries, n * sizeof(*a->countries));
    for (size_t j = 0; j < a->n_terms; j++) {
        assert_string_equal(a->terms[j].name, b->terms[j].name);
        assert_true(same(a->terms[j].estimate, b->terms[j].estimate));
        assert_true(same(a->terms[j].se_cluster, b->terms[j].se_cluster));
        assert_true(same(a->terms[j].se_boot, b->terms[j].se_boot));
    }
    for (size_t k = 0; k < a->n_terms * a->n_terms; k++)
        assert_true(same(a->vcov[k], b->vcov[k]));
    for (size_t k = 0; k < a->n_dims; k++)
        for (size_t i = 0; i < (a->dims[k] == 2 ? y : n); i++)
            assert_true(same(a->fe_vals[k][i], b->fe_vals[k][i]));
    for (size_t c = 0; c < n; c++) {
        assert_true(same(a->stock[c], b->stock[c]));
        assert_true(same(a->growth[c], b->growth[c]));
    }
    for (size_t k = 0; k < a->n_pair_cols * n * n; k++)
        assert_true(same(a->pair_vals[k], b->pair_vals[k]));
    assert_int_equal(a->iterations, b->iterations);
    assert_true(same(a->factor_cluster, b->factor_cluster));
}

/* write(read(write(m))) gives the same bytes, and the values are the same doubles. */
static void test_round_trip(void **state)
{
    (void)state;
    struct tf_model *m = fit_real(), *back = NULL;
    struct tf_error err;
    assert_int_equal(tf_model_write_json(m, TMP "a.json", &err), 0);
    int rc = tf_model_read_json(&back, TMP "a.json", &err);
    if (rc < 0)
        print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    compare_models(m, back);
    assert_int_equal(tf_model_write_json(back, TMP "b.json", &err), 0);
    char *a = slurp(TMP "a.json"), *b = slurp(TMP "b.json");
    assert_string_equal(a, b);
    free(a);
    free(b);
    tf_model_free(back);
    tf_model_free(m);
}

static void expect_refusal(const char *path, int code, const char *words)
{
    struct tf_model *m = NULL;
    struct tf_error err;
    tf_error_init(&err);
    assert_int_equal(tf_model_read_json(&m, path, &err), code);
    assert_null(m);
    if (!strstr(err.msg, words))
        print_error("message: %s\n", err.msg);
    assert_non_null(strstr(err.msg, words));
}

static void test_refusals(void **state)
{
    (void)state;
    expect_refusal(DIR "broken.json", TF_ERR_FORMAT, "not valid JSON");
    expect_refusal(DIR "not_a_model.json", TF_ERR_FORMAT, "not a talentflow model file");
    expect_refusal(DIR "model_v99.json", TF_ERR_FORMAT, "model format version 99");
    expect_refusal(DIR "model_v99.json", TF_ERR_FORMAT, "refit the model");
    expect_refusal(DIR "does_not_exist.json", TF_ERR_IO, "does_not_exist.json");
    /* The message was set but the read succeeded, with the countries half read (fuzz_model). */
    expect_refusal(TF_TEST_DATA "/fuzz/model/countries_unsorted_after_case.json", TF_ERR_FORMAT,
                   "data.countries is not sorted by code");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
