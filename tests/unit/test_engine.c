/*
 * test_engine.c - the run driver end to end on small inputs: spill
 * partitions and their split into pieces, lanes, the year window and the
 * evidence filters, copies of works, and the persons table outliving the
 * engine.
 */
#define _GNU_SOURCE /* sched_setaffinity, CPU_SET */
#include <dirent.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "engine/spill.h"
#include "talentflow/talentflow.h"

#define C(s) TF_COUNTRY((s)[0], (s)[1])

static struct tf_obs ob(uint64_t person, int year, const char *country, uint64_t work)
{
    struct tf_obs o;
    memset(&o, 0, sizeof(o));
    o.person = tf_person_openalex(person);
    o.year = (int16_t)year;
    o.country = C(country);
    o.weight = TF_WEIGHT_UNIT;
    o.work = work;
    return o;
}

/* Every observation lands in its person's partition; a split keeps people whole. */
static void test_spill_partitions(void **state)
{
    (void)state;
    struct tf_spill s;
    struct tf_error err;
    assert_int_equal(tf_spill_open(&s, TF_TEST_TMP, 5, 2, &err), 0);
    for (uint64_t p = 1; p <= 200; p++)
        for (int y = 0; y < 3; y++) {
            struct tf_obs o = ob(p, 2000 + y, "US", 0);
            assert_int_equal(tf_spill_add(&s, (unsigned)(p % 2), &o, NULL, &err), 0);
        }
    assert_int_equal(tf_spill_close_writers(&s, &err), 0);
    struct tf_obs *obs = NULL;
    size_t cap = 0;
    uint64_t total = 0;
    for (unsigned part = 0; part < 5; part++) {
        uint64_t n = tf_spill_count(&s, part);
        total += n;
        assert_int_equal(n % 3, 0); /* whole people */
        assert_int_equal(tf_spill_load(&s, part, &obs, &cap, &err), 0);
        for (uint64_t i = 0; i < n; i++)
            assert_int_equal(tf_spill_partition(&s, obs[i].person), part);
    }
    assert_int_equal(total, 600);

    uint64_t counts[4];
    assert_int_equal(tf_spill_split(&s, 0, 4, counts, &err), 0);
    uint64_t sum = 0;
    char path[4200];
    for (unsigned i = 0; i < 4; i++) {
        sum += counts[i];
        tf_spill_path(&s, path, sizeof(path), "split.000", i);
        assert_int_equal(tf_spill_read(path, counts[i], &obs, &cap, &err), 0);
        unsigned per[201] = {0}; /* each person's three years land in one piece */
        for (uint64_t k = 0; k < counts[i]; k++)
            per[obs[k].person & TF_PERSON_ID_MASK]++;
        for (unsigned p = 1; p <= 200; p++)
            assert_true(per[p] == 0 || per[p] == 3);
    }
    assert_int_equal(sum, tf_spill_count(&s, 0));
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s", s.dir);
    free(obs);
    tf_spill_free(&s);
    struct stat st;
    assert_int_not_equal(stat(dir, &st), 0); /* the work directory is gone */
}

/* Counts the regular files in `dir`. */
static unsigned files_in(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    unsigned n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

/*
 * A lane's file of a partition exists only once an observation went to it;
 * loading and splitting read the lanes that have one and pass over the rest.
 */
static void test_spill_files_on_first_use(void **state)
{
    (void)state;
    struct tf_spill s;
    struct tf_error err;
    assert_int_equal(tf_spill_open(&s, TF_TEST_TMP, 8, 3, &err), 0);
    unsigned before = files_in(s.dir); /* the work directory's own mark, no partition */
    unsigned used = 0, seen[8] = {0};
    for (uint64_t p = 1; p <= 3; p++) {
        struct tf_obs o = ob(p, 2001, "FR", 0);
        assert_int_equal(tf_spill_add(&s, 1, &o, NULL, &err), 0);
        assert_int_equal(tf_spill_add(&s, 1, &o, NULL, &err), 0);
        unsigned part = tf_spill_partition(&s, o.person);
        used += !seen[part]++;
    }
    assert_int_equal(files_in(s.dir), before + used);
    assert_int_equal(tf_spill_close_writers(&s, &err), 0);
    struct tf_obs *obs = NULL;
    size_t cap = 0;
    for (unsigned part = 0; part < 8; part++) {
        assert_int_equal(tf_spill_count(&s, part), 2 * seen[part]);
        assert_int_equal(tf_spill_load(&s, part, &obs, &cap, &err), 0);
        for (uint64_t i = 0; i < tf_spill_count(&s, part); i++)
            assert_int_equal(tf_spill_partition(&s, obs[i].person), part);
        uint64_t counts[2];
        assert_int_equal(tf_spill_split(&s, part, 2, counts, &err), 0);
        assert_int_equal(counts[0] + counts[1], 2 * seen[part]);
    }
    free(obs);
    tf_spill_free(&s);
}

/* The default thread count follows the CPUs the process may use, not the machine's. */
static void test_cpu_count_affinity(void **state)
{
    (void)state;
    cpu_set_t saved, one;
    assert_int_equal(sched_getaffinity(0, sizeof(saved), &saved), 0);
    assert_int_equal(tf_cpu_count(), (unsigned)CPU_COUNT(&saved));
    int cpu = 0;
    while (!CPU_ISSET(cpu, &saved))
        cpu++;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    assert_int_equal(sched_setaffinity(0, sizeof(one), &one), 0);
    assert_int_equal(tf_cpu_count(), 1);
    assert_int_equal(sched_setaffinity(0, sizeof(saved), &saved), 0);
}

/* A record as a reader gives it: one work, its observations. */
static struct tf_record rec_of(const struct tf_obs *obs, size_t n, uint64_t work, uint64_t updated)
{
    struct tf_record r;
    memset(&r, 0, sizeof(r));
    r.obs = obs;
    r.n_obs = n;
    r.info.work = work;
    r.info.updated = updated;
    r.info.whole = 1;
    return r;
}

struct seen {
    char names[8][32];
    int cls[8];
    size_t n;
};

static int keep_person(void *ctx, const struct tf_person_row *row)
{
    struct seen *s = ctx;
    if (s->n < 8) {
        snprintf(s->names[s->n], sizeof(s->names[0]), "%s", row->name);
        s->cls[s->n] = row->cls;
    }
    s->n++;
    return 0;
}

/*
 * A1 moves US -> DE; the older copy of work 10 would have put A2 in FR.
 * Observations outside 2000-2010 are dropped; A3 has one work (min_works 2).
 */
static struct tf_results *run_small(unsigned lanes, unsigned threads, size_t memory)
{
    struct tf_engine_opts o;
    tf_engine_opts_init(&o);
    o.lanes = lanes;
    o.threads = threads;
    o.partitions = 3;
    o.year_from = 2000;
    o.year_to = 2010;
    o.min_works = 2;
    o.persons = 1;
    o.tmpdir = TF_TEST_TMP;
    if (memory)
        o.memory = memory;
    struct tf_engine *e = NULL;
    struct tf_error err;
    assert_int_equal(tf_engine_new(&e, &o, &err), 0);
    struct tf_obs w10_old[] = {ob(1, 2001, "US", 10), ob(2, 2001, "FR", 10)};
    struct tf_obs w10_new[] = {ob(1, 2001, "US", 10), ob(2, 2001, "US", 10)};
    struct tf_obs w11[] = {ob(1, 2005, "DE", 11), ob(2, 2005, "US", 11), ob(3, 2005, "GB", 11)};
    struct tf_obs w12[] = {ob(1, 1990, "CN", 12), ob(2, 2006, "US", 12)};
    struct tf_record recs[] = {
        rec_of(w10_new, 2, 10, 20250101000000000),
        rec_of(w11, 3, 11, 20240101000000000),
        rec_of(w10_old, 2, 10, 20240101000000000),
        rec_of(w12, 2, 12, 0),
    };
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(tf_engine_add_record(e, (unsigned)(i % lanes), &recs[i],
                                              tf_copies_order(1, i + 1), &err),
                         0);
    struct tf_results *r = NULL, *again = NULL;
    assert_int_equal(tf_engine_finish(e, &r, &err), 0);
    assert_int_equal(tf_engine_finish(e, &again, &err), TF_ERR_USAGE);
    assert_null(again);
    tf_engine_free(e); /* the results stand alone */
    return r;
}

static void test_engine_rules(void **state)
{
    (void)state;
    struct tf_results *r = run_small(1, 1, 0);
    assert_int_equal(r->skips.n[TF_SKIP_SUPERSEDED], 1);
    assert_int_equal(r->skips.n[TF_SKIP_OUT_OF_WINDOW], 1);
    assert_int_equal(r->skips.n[TF_SKIP_FEW_WORKS], 1);
    assert_int_equal(r->observations, 9);
    assert_int_equal(r->people, 2);
    assert_int_equal(r->n_flows, 1);
    assert_int_equal(r->flows[0].origin, C("US"));
    assert_int_equal(r->flows[0].destination, C("DE"));
    assert_int_equal(r->flows[0].year, 2005);
    struct seen s = {.n = 0};
    struct tf_error err;
    assert_int_equal(tf_results_each_person(r, keep_person, &s, &err), 0);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.names[0], "A1");
    assert_int_equal(s.cls[0], TF_CLASS_MIGRANT);
    assert_string_equal(s.names[1], "A2");
    assert_int_equal(s.cls[1], TF_CLASS_NON_MOBILE); /* the FR copy was superseded */
    tf_results_free(r);
}

/* Lanes, threads and a memory budget that splits partitions change nothing. */
static void test_engine_deterministic(void **state)
{
    (void)state;
    struct tf_results *a = run_small(1, 1, 0), *b = run_small(3, 2, (size_t)1 << 20);
    assert_int_equal(a->n_flows, b->n_flows);
    assert_memory_equal(a->flows, b->flows, a->n_flows * sizeof(*a->flows));
    assert_int_equal(a->n_country_year, b->n_country_year);
    assert_memory_equal(a->country_year, b->country_year,
                        a->n_country_year * sizeof(*a->country_year));
    assert_memory_equal(&a->skips.n, &b->skips.n, sizeof(a->skips.n));
    tf_results_free(a);
    tf_results_free(b);
}

/* Results of a run without persons refuse the persons table. */
static void test_no_persons(void **state)
{
    (void)state;
    struct tf_engine *e = NULL;
    struct tf_engine_opts o;
    struct tf_error err;
    tf_engine_opts_init(&o);
    o.tmpdir = TF_TEST_TMP;
    assert_int_equal(tf_engine_new(&e, &o, &err), 0);
    struct tf_obs x = ob(1, 2001, "US", 0);
    assert_int_equal(tf_engine_add(e, &x, 1, NULL, &err), 0);
    x.country = 0;
    assert_int_equal(tf_engine_add(e, &x, 1, NULL, &err), TF_ERR_USAGE);
    struct tf_results *r = NULL;
    assert_int_equal(tf_engine_finish(e, &r, &err), 0);
    assert_null(r->persons);
    assert_int_equal(tf_results_each_person(r, keep_person, NULL, &err), TF_ERR_USAGE);
    tf_results_free(r);
    tf_engine_free(e);
}

int main(void)
{
    mkdir(TF_TEST_TMP, 0755);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spill_partitions),
        cmocka_unit_test(test_spill_files_on_first_use),
        cmocka_unit_test(test_cpu_count_affinity),
        cmocka_unit_test(test_engine_rules),
        cmocka_unit_test(test_engine_deterministic),
        cmocka_unit_test(test_no_persons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
