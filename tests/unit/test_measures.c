/* test_measures.c - country-years, flows, classes, returns and stays on a hand-worked panel. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/measures.h"

#define C(s) TF_COUNTRY((s)[0], (s)[1])

/* Four people, one observation per year; see the expectations below. */
struct person {
    uint64_t id;
    int years[6];
    const char *countries[6];
};

static const struct person panel[] = {
    {1, {2000, 2002, 2005, 2006}, {"US", "DE", "US", "US"}}, /* returns after 3 years */
    {2, {2000, 2002, 2003}, {"US", "DE", "DE"}},             /* censored 1 year after */
    {3, {2000, 2002, 2004}, {"US", "DE", "US"}},             /* returns after 2 years */
    {4, {2001}, {"US"}},                                     /* never leaves */
};

static void add_person(struct tf_acc *a, struct tf_timeline *tl, const struct person *p)
{
    struct tf_obs obs[6];
    size_t n = 0;
    for (; n < 6 && p->countries[n]; n++) {
        memset(&obs[n], 0, sizeof(obs[n]));
        obs[n].person = p->id;
        obs[n].year = (int16_t)p->years[n];
        obs[n].country = C(p->countries[n]);
        obs[n].weight = TF_WEIGHT_UNIT;
    }
    assert_int_equal(tf_timeline_build(tl, obs, n), 0);
    assert_int_equal(tf_acc_add(a, tl, 0), 0);
}

static struct tf_results *panel_results(int split)
{
    struct tf_acc a, b;
    struct tf_timeline tl;
    tf_acc_init(&a);
    tf_acc_init(&b);
    tf_timeline_init(&tl);
    for (size_t i = 0; i < 4; i++) /* split: half the people in a second accumulator */
        add_person(split && i >= 2 ? &b : &a, &tl, &panel[i]);
    assert_int_equal(tf_acc_merge(&a, &b), 0);
    struct tf_results *r = calloc(1, sizeof(*r));
    assert_non_null(r);
    assert_int_equal(tf_acc_results(&a, r), 0);
    tf_acc_release(&a);
    tf_acc_release(&b);
    tf_timeline_release(&tl);
    return r;
}

static const struct tf_cy_row *cy(const struct tf_results *r, int year, const char *c)
{
    for (size_t i = 0; i < r->n_country_year; i++)
        if (r->country_year[i].year == year && r->country_year[i].country == C(c))
            return &r->country_year[i];
    return NULL;
}

static void test_country_year(void **state)
{
    (void)state;
    struct tf_results *r = panel_results(0);
    static const struct {
        int year;
        const char *c;
        uint64_t pop, in, out, births, deaths;
    } want[] = {
        {2000, "US", 3, 0, 0, 3, 0}, {2001, "US", 4, 0, 0, 1, 1}, {2002, "DE", 3, 3, 0, 0, 0},
        {2002, "US", 0, 0, 3, 0, 0}, {2003, "DE", 3, 0, 0, 0, 1}, {2004, "DE", 1, 0, 1, 0, 0},
        {2004, "US", 1, 1, 0, 0, 1}, {2005, "DE", 0, 0, 1, 0, 0}, {2005, "US", 1, 1, 0, 0, 0},
        {2006, "US", 1, 0, 0, 0, 1},
    };
    assert_int_equal(r->n_country_year, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const struct tf_cy_row *x = cy(r, want[i].year, want[i].c);
        assert_non_null(x);
        assert_ptr_equal(x, &r->country_year[i]); /* sorted by year, then country */
        assert_int_equal(x->population, want[i].pop);
        assert_int_equal(x->in_migrations, want[i].in);
        assert_int_equal(x->out_migrations, want[i].out);
        assert_int_equal(x->births, want[i].births);
        assert_int_equal(x->deaths, want[i].deaths);
    }
    assert_int_equal(r->people, 4);
    assert_int_equal(r->moves, 5);
    tf_results_free(r);
}

static void test_flows_and_classes(void **state)
{
    (void)state;
    struct tf_results *r = panel_results(0);
    assert_int_equal(r->n_flows, 3);
    assert_int_equal(r->flows[0].origin, C("DE"));
    assert_int_equal(r->flows[0].year, 2004);
    assert_int_equal(r->flows[0].n, 1);
    assert_int_equal(r->flows[1].year, 2005);
    assert_int_equal(r->flows[2].origin, C("US"));
    assert_int_equal(r->flows[2].destination, C("DE"));
    assert_int_equal(r->flows[2].year, 2002);
    assert_int_equal(r->flows[2].n, 3);
    assert_int_equal(r->flows[2].n_back, 0);
    assert_int_equal(r->n_classes, 2);
    assert_int_equal(r->classes[0].cls, TF_CLASS_NON_MOBILE);
    assert_int_equal(r->classes[0].n, 1);
    assert_int_equal(r->classes[1].cls, TF_CLASS_MIGRANT);
    assert_int_equal(r->classes[1].n, 3);
    tf_results_free(r);
}

/* Returns for (US, DE, 2002): departed 3, returns at 2 and 3, one censored at 1. */
static void test_returns(void **state)
{
    (void)state;
    struct tf_results *r = panel_results(0);
    static const struct {
        uint64_t returned, observed;
        double km;
    } want[TF_MAX_K + 1] = {
        {0, 0, 0},   {0, 3, 0.0}, {1, 2, 0.5}, {2, 2, 1.0}, {2, 2, 1.0}, {2, 2, 1.0},
        {2, 2, 1.0}, {2, 2, 1.0}, {2, 2, 1.0}, {2, 2, 1.0}, {2, 2, 1.0},
    };
    /* one specific key, then the three pooled ones, all equal here */
    assert_int_equal(r->n_returns, 4 * TF_MAX_K);
    for (size_t i = 0; i < r->n_returns; i++) {
        const struct tf_return_row *x = &r->returns[i];
        int k = x->key.k;
        assert_int_equal(x->key.origin, C("US"));
        assert_int_equal(k, (int)(i % TF_MAX_K) + 1);
        assert_int_equal(x->key.destination, i < 2 * TF_MAX_K ? C("DE") : 0);
        assert_int_equal(x->key.cohort, (i / TF_MAX_K) % 2 == 0 ? 2002 : 0);
        assert_int_equal(x->departed, 3);
        assert_int_equal(x->returned, want[k].returned);
        assert_int_equal(x->observed, want[k].observed);
        assert_float_equal(x->km, want[k].km, 1e-12);
    }
    tf_results_free(r);
}

static void test_stays(void **state)
{
    (void)state;
    struct tf_results *r = panel_results(0);
    static const uint64_t observed[] = {0, 3, 2, 1, 1, 0, 0, 0, 0, 0, 0};
    static const uint64_t stayed[] = {0, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(r->n_stays, 4 * TF_MAX_K);
    for (size_t i = 0; i < TF_MAX_K; i++) {
        const struct tf_stay_row *x = &r->stays[i];
        assert_int_equal(x->key.destination, C("DE"));
        assert_int_equal(x->key.cohort, 2002);
        assert_int_equal(x->arrived, 3);
        assert_int_equal(x->observed, observed[x->key.k]);
        assert_int_equal(x->stayed, stayed[x->key.k]);
    }
    tf_results_free(r);
}

/* Splitting people over accumulators and merging changes nothing. */
static void test_merge_is_exact(void **state)
{
    (void)state;
    struct tf_results *a = panel_results(0), *b = panel_results(1);
    assert_int_equal(a->n_country_year, b->n_country_year);
    assert_memory_equal(a->country_year, b->country_year,
                        a->n_country_year * sizeof(*a->country_year));
    assert_int_equal(a->n_returns, b->n_returns);
    assert_memory_equal(a->returns, b->returns, a->n_returns * sizeof(*a->returns));
    assert_memory_equal(a->stays, b->stays, a->n_stays * sizeof(*a->stays));
    assert_memory_equal(a->flows, b->flows, a->n_flows * sizeof(*a->flows));
    tf_results_free(a);
    tf_results_free(b);
}

/*
 * Move kinds: a student takes a first degree in CN (2000), a doctorate in US
 * (2001, a study move), a first job in US (2002), goes home (2003: a move
 * between jobs, the return) and leaves for GB (2004: between jobs). Studies
 * count as a study year only without an employment record that year.
 */
static struct tf_results *kind_results(int kind)
{
    static const struct {
        int year;
        const char *c;
        int kind;
    } obs_of[] = {
        {2000, "CN", TF_KIND_EDUCATION},   {2001, "US", TF_KIND_EDUCATION},
        {2001, "US", TF_KIND_PUBLICATION}, {2002, "US", TF_KIND_EMPLOYMENT},
        {2003, "CN", TF_KIND_EMPLOYMENT},  {2004, "GB", TF_KIND_EMPLOYMENT},
        {2005, "GB", TF_KIND_EDUCATION},   {2005, "GB", TF_KIND_EMPLOYMENT},
    };
    enum { N = sizeof(obs_of) / sizeof(obs_of[0]) };
    struct tf_obs obs[N];
    for (size_t i = 0; i < N; i++) {
        memset(&obs[i], 0, sizeof(obs[i]));
        obs[i].person = 9;
        obs[i].year = (int16_t)obs_of[i].year;
        obs[i].country = C(obs_of[i].c);
        obs[i].weight = TF_WEIGHT_UNIT;
        obs[i].kind = (uint8_t)obs_of[i].kind;
    }
    struct tf_acc a;
    struct tf_timeline tl;
    tf_acc_init(&a);
    a.move_kind = kind;
    tf_timeline_init(&tl);
    assert_int_equal(tf_timeline_build(&tl, obs, N), 0);
    assert_int_equal(tl.years[1].study, 1); /* a publication does not end studies */
    assert_int_equal(tl.years[5].study, 0); /* an employment record does */
    assert_int_equal(tf_timeline_move_kind(&tl, 1), TF_MOVES_STUDY);
    assert_int_equal(tf_timeline_move_kind(&tl, 2), TF_MOVES_STUDY); /* from studies to a job */
    assert_int_equal(tf_timeline_move_kind(&tl, 3), TF_MOVES_WORK);
    assert_int_equal(tf_timeline_move_kind(&tl, 4), TF_MOVES_WORK);
    assert_int_equal(tf_acc_add(&a, &tl, 0), 0);
    struct tf_results *r = calloc(1, sizeof(*r));
    assert_non_null(r);
    assert_int_equal(tf_acc_results(&a, r), 0);
    tf_acc_release(&a);
    tf_timeline_release(&tl);
    return r;
}

/* The k = 1 row of one origin-destination pair of the returns / stays, or NULL. */
static const struct tf_return_row *ret_row(const struct tf_results *r, const char *o, const char *d)
{
    for (size_t i = 0; i < r->n_returns; i++) {
        const struct tf_rate_key *k = &r->returns[i].key;
        if (k->origin == C(o) && k->destination == C(d) && k->k == 1)
            return &r->returns[i];
    }
    return NULL;
}

static const struct tf_stay_row *stay_row(const struct tf_results *r, const char *o, const char *d)
{
    for (size_t i = 0; i < r->n_stays; i++) {
        const struct tf_rate_key *k = &r->stays[i].key;
        if (k->origin == C(o) && k->destination == C(d) && k->k == 1)
            return &r->stays[i];
    }
    return NULL;
}

static void test_move_kinds(void **state)
{
    (void)state;
    /* all: the first departure is CN -> US in 2001, back in CN 2 years later */
    struct tf_results *r = kind_results(TF_MOVES_ALL);
    const struct tf_return_row *ret = ret_row(r, "CN", "US");
    assert_non_null(ret);
    assert_int_equal(ret->key.cohort, 2001);
    assert_null(ret_row(r, "CN", "GB"));
    assert_non_null(stay_row(r, "CN", "US"));
    assert_non_null(stay_row(r, "CN", "GB"));
    tf_results_free(r);
    /* study: the same departure; only the arrival in US is a study move */
    r = kind_results(TF_MOVES_STUDY);
    ret = ret_row(r, "CN", "US");
    assert_non_null(ret);
    assert_int_equal(ret->departed, 1);
    assert_null(ret_row(r, "CN", "GB"));
    assert_non_null(stay_row(r, "CN", "US"));
    assert_null(stay_row(r, "CN", "GB"));
    tf_results_free(r);
    /* work: the first departure between jobs is CN -> GB in 2004, never back */
    r = kind_results(TF_MOVES_WORK);
    assert_null(ret_row(r, "CN", "US"));
    ret = ret_row(r, "CN", "GB");
    assert_non_null(ret);
    assert_int_equal(ret->key.cohort, 2004);
    assert_int_equal(ret->returned, 0);
    assert_null(stay_row(r, "CN", "US"));
    assert_non_null(stay_row(r, "CN", "GB"));
    tf_results_free(r);
}

/* Kaplan-Meier with an event and a censoring at the same time: the event first. */
static void test_km_ties(void **state)
{
    (void)state;
    uint64_t ev[TF_MAX_K + 2] = {0}, cens[TF_MAX_K + 2] = {0};
    double km[TF_MAX_K + 1];
    ev[1] = 1; /* 4 at risk at 1: one returns, one censored at 1 stays at risk */
    cens[1] = 1;
    ev[2] = 1;   /* 2 at risk at 2 */
    cens[5] = 1; /* censored later: at risk through 5 */
    tf_km_return(4, ev, cens, km);
    assert_float_equal(km[1], 1.0 - 3.0 / 4.0, 1e-12);
    assert_float_equal(km[2], 1.0 - (3.0 / 4.0) * (1.0 / 2.0), 1e-12);
    assert_float_equal(km[10], km[2], 1e-12);
    memset(ev, 0, sizeof(ev));
    memset(cens, 0, sizeof(cens));
    cens[0] = 4; /* all censored at departure: nobody at risk, no return */
    tf_km_return(4, ev, cens, km);
    for (int k = 1; k <= TF_MAX_K; k++)
        assert_float_equal(km[k], 0.0, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_country_year),   cmocka_unit_test(test_flows_and_classes),
        cmocka_unit_test(test_returns),        cmocka_unit_test(test_stays),
        cmocka_unit_test(test_merge_is_exact), cmocka_unit_test(test_km_ties),
        cmocka_unit_test(test_move_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
