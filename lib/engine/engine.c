/* engine.c - the run driver: spill observations, then process partitions in parallel. */
#include "talentflow/engine.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/measures.h"
#include "engine/persons.h"
#include "engine/pipeline.h"
#include "engine/engine_steps.h"
#include "engine/spill.h"
#include "talentflow/copies.h"

#define DEFAULT_PARTITIONS 256
#define MAX_THREADS 256

/* What one lane counts while adding; summed at finish. */
struct lane_counts {
    uint64_t added;
    uint64_t out_of_window;
};

struct tf_engine {
    struct tf_engine_opts opts;
    struct tf_spill spill;
    struct tf_copies *copies;  /* copies of whole works, to keep each work once */
    struct lane_counts *lanes; /* opts.lanes of them */
    unsigned own_rank;         /* the partitions measured: p % own_size == own_rank */
    unsigned own_size;
    int finished;
};

void tf_engine_opts_init(struct tf_engine_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->min_works = 0; /* people known only from career records have no works */
    o->min_years = 1;
    o->memory = (size_t)1 << 30;
}

static const char *const move_kind_names[TF_MOVES_COUNT] = {"all", "study", "work"};

const char *tf_move_kind_name(int kind)
{
    return kind >= 0 && kind < TF_MOVES_COUNT ? move_kind_names[kind] : "?";
}

int tf_move_kind_parse(const char *name)
{
    for (int k = 0; k < TF_MOVES_COUNT; k++)
        if (strcmp(name, move_kind_names[k]) == 0)
            return k;
    return -1;
}

const char *tf_class_name(int cls)
{
    static const char *const names[TF_CLASS_COUNT] = {
        [TF_CLASS_NON_MOBILE] = "non_mobile",
        [TF_CLASS_MIGRANT] = "migrant",
        [TF_CLASS_DIRECTIONAL] = "directional_traveller",
        [TF_CLASS_NON_DIRECTIONAL] = "non_directional_traveller",
    };
    return cls >= 0 && cls < TF_CLASS_COUNT ? names[cls] : "unknown";
}

int tf_engine_new(struct tf_engine **out, const struct tf_engine_opts *opts, struct tf_error *err)
{
    *out = NULL;
    if (opts && (opts->move_kind < 0 || opts->move_kind >= TF_MOVES_COUNT))
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "move kind %d: not all, study or work",
                            opts->move_kind);
    struct tf_engine *e = calloc(1, sizeof(*e));
    if (!e)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    if (opts)
        e->opts = *opts;
    else
        tf_engine_opts_init(&e->opts);
    if (!e->opts.partitions)
        e->opts.partitions = DEFAULT_PARTITIONS;
    if (!e->opts.threads)
        e->opts.threads = tf_cpu_count();
    if (e->opts.threads > MAX_THREADS)
        e->opts.threads = MAX_THREADS;
    e->own_size = 1;
    if (!e->opts.lanes)
        e->opts.lanes = 1;
    if (!(e->lanes = calloc(e->opts.lanes, sizeof(*e->lanes)))) {
        tf_engine_free(e);
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    }
    int rc = tf_spill_open(&e->spill, e->opts.tmpdir, e->opts.partitions, e->opts.lanes, err);
    if (rc == 0)
        rc = tf_copies_new(&e->copies, e->opts.tmpdir, e->opts.lanes, err);
    if (rc < 0) {
        tf_engine_free(e);
        return rc;
    }
    *out = e;
    return 0;
}

static int in_window(const struct tf_engine_opts *o, int year)
{
    return (!o->year_from || year >= o->year_from) && (!o->year_to || year <= o->year_to);
}

int tf_engine_add(struct tf_engine *e, const struct tf_obs *obs, size_t n, const char *const *names,
                  struct tf_error *err)
{
    return tf_engine_add_lane(e, 0, obs, n, names, err);
}

/* What the engine marks on every observation of one record. */
struct marks {
    uint64_t copy;  /* the copy of the work it came from (0: none) */
    uint32_t cited; /* the work's citations */
    uint16_t pools; /* the pools whose work criteria the work meets */
};

/* Spills obs[0..n) through `lane`, each with the record's marks. */
static int add_obs(struct tf_engine *e, unsigned lane, const struct tf_obs *obs, size_t n,
                   const char *const *names, const struct marks *m, struct tf_error *err)
{
    if (e->finished)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "engine already finished");
    if (lane >= e->opts.lanes)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "lane %u of %u", lane, e->opts.lanes);
    struct lane_counts *c = &e->lanes[lane];
    for (size_t i = 0; i < n; i++) {
        struct tf_obs o = obs[i];
        if (!o.country || !o.weight || o.year < TF_YEAR_MIN || o.year > TF_YEAR_MAX)
            return tf_error_set(err, TF_ERR_USAGE, NULL, 0,
                                "invalid observation (country %u, weight %u, year %d)", o.country,
                                o.weight, o.year);
        c->added++;
        if (!in_window(&e->opts, o.year)) {
            c->out_of_window++;
            continue;
        }
        o.copy = m->copy;
        o.cited = m->cited;
        o.pools = m->pools;
        int rc = tf_spill_add(&e->spill, lane, &o, names ? names[i] : NULL, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int tf_engine_add_lane(struct tf_engine *e, unsigned lane, const struct tf_obs *obs, size_t n,
                       const char *const *names, struct tf_error *err)
{
    static const struct marks none = {0, 0, 0};
    return add_obs(e, lane, obs, n, names, &none, err);
}

int tf_engine_add_record(struct tf_engine *e, unsigned lane, const struct tf_record *rec,
                         uint64_t order, struct tf_error *err)
{
    const struct tf_work_info *w = &rec->info;
    int versioned = w->whole && w->work && order;
    int64_t c = w->cited_by_count;
    struct marks m = {versioned ? order : 0,
                      c < 0            ? 0
                      : c > UINT32_MAX ? UINT32_MAX
                                       : (uint32_t)c,
                      tf_pools_match_work(e->opts.pools, w)};
    int rc = add_obs(e, lane, rec->obs, rec->n_obs, rec->names, &m, err);
    /* The citation ranks count each work once, in its copy that counts (tag 0: none). */
    uint64_t tag = c >= 0 && w->year ? ((uint64_t)w->year << 32 | m.cited) : 0;
    if (rc == 0 && versioned)
        rc = tf_copies_add_tagged(e->copies, lane, w->work, w->updated, order, tag, err);
    return rc;
}

/* Order of a partition: person, year, country, work. */
static int cmp_obs(const void *pa, const void *pb)
{
    const struct tf_obs *a = pa, *b = pb;
    if (a->person != b->person)
        return a->person < b->person ? -1 : 1;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->country != b->country)
        return a->country < b->country ? -1 : 1;
    if (a->work != b->work)
        return a->work < b->work ? -1 : 1;
    return 0;
}

/* What one worker thread owns. */
struct worker {
    struct tf_engine *e;
    atomic_uint *next;
    struct tf_acc acc;
    struct tf_timeline tl;
    struct tf_pools_scratch pool_scratch;
    struct tf_skips skips;
    struct tf_obs *obs;
    size_t cap;
    uint64_t kept;
    int rc;
    struct tf_error err;
};

/*
 * Removes repeated (work, country) observations of one person-year run,
 * in place; obs are sorted so repeats are adjacent. Returns the new count.
 */
static size_t dedupe(struct tf_obs *obs, size_t n, uint64_t *dups)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && obs[i].work && obs[i].work == obs[m - 1].work && obs[i].year == obs[m - 1].year &&
            obs[i].country == obs[m - 1].country) {
            (*dups)++;
            continue;
        }
        obs[m++] = obs[i];
    }
    return m;
}

/* Removes, in place, the observations of copies of works that a later copy replaced. */
static size_t drop_superseded(const struct tf_copies *c, struct tf_obs *obs, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!obs[i].copy || !tf_copies_superseded(c, obs[i].copy))
            obs[m++] = obs[i];
    return m;
}

/* One person: dedupe, filter on evidence, timeline, measures, persons row. */
static int process_person(struct worker *w, struct tf_persons_out *po, struct tf_obs *obs, size_t n)
{
    const struct tf_engine_opts *o = &w->e->opts;
    if (tf_copies_count_superseded(w->e->copies) &&
        (n = drop_superseded(w->e->copies, obs, n)) == 0)
        return 0;
    n = dedupe(obs, n, &w->skips.n[TF_SKIP_DUPLICATE]);
    if (tf_timeline_build(&w->tl, obs, n) < 0)
        return TF_ERR_NOMEM;
    if (w->tl.works < o->min_works) {
        w->skips.n[TF_SKIP_FEW_WORKS]++;
        return 0;
    }
    if (w->tl.n_years < o->min_years) {
        w->skips.n[TF_SKIP_FEW_YEARS]++;
        return 0;
    }
    w->kept += n;
    int32_t pools = o->pools ? tf_pools_members(o->pools, obs, n, &w->pool_scratch) : 0;
    uint64_t study = tf_pipeline_key(obs, n);
    for (unsigned p = 0; p <= TF_POOLS_MAX && pools >= 0; p++) {
        if (p && !(pools & (1 << (p - 1))))
            continue;
        if (tf_acc_add(&w->acc, &w->tl, p) < 0 ||
            (study && tf_acc_add_pipeline(&w->acc, study, p) < 0))
            return TF_ERR_NOMEM;
    }
    if (pools < 0)
        return TF_ERR_NOMEM;
    return po ? tf_persons_out_add(po, &w->tl, (uint16_t)pools) : 0;
}

/*
 * Processes whole people: all of partition `p` (path NULL), or the piece
 * file `path` of it, number `piece`.
 */
static int process_file(struct worker *w, const char *path, uint64_t count, unsigned p,
                        unsigned piece)
{
    struct tf_engine *e = w->e;
    size_t n = (size_t)count;
    struct tf_persons_out po;
    int rc = path ? tf_spill_read(path, count, &w->obs, &w->cap, &w->err)
                  : tf_spill_load(&e->spill, p, &w->obs, &w->cap, &w->err);
    if (rc < 0)
        return rc;
    if (e->opts.persons && (rc = tf_persons_out_open(&po, &e->spill, p, piece, &w->err)) < 0)
        return rc;
    if (n > 1) /* an empty partition has no buffer yet */
        qsort(w->obs, n, sizeof(*w->obs), cmp_obs);
    for (size_t i = 0; i < n && rc == 0;) {
        size_t j = i + 1;
        while (j < n && w->obs[j].person == w->obs[i].person)
            j++;
        rc = process_person(w, e->opts.persons ? &po : NULL, w->obs + i, j - i);
        i = j;
    }
    if (rc == TF_ERR_NOMEM)
        tf_error_set(&w->err, rc, NULL, 0, "out of memory in partition %u", p);
    if (e->opts.persons) {
        int rc2 = tf_persons_out_close(&po, rc == 0, &w->err);
        rc = rc ? rc : rc2;
    }
    return rc;
}

/*
 * A partition whose observations do not fit in this thread's share of the
 * memory budget is split into pieces that do (by a second person hash), and
 * the pieces are processed one after the other. One person's observations
 * are never split, so a single person bigger than the budget still loads.
 */
static int process_partition(struct worker *w, unsigned p)
{
    struct tf_engine *e = w->e;
    uint64_t count = tf_spill_count(&e->spill, p);
    uint64_t budget = e->opts.memory / e->opts.threads;
    uint64_t bytes = count * sizeof(struct tf_obs);
    char path[4200], prefix[32];
    if (bytes <= budget) {
        int rc = process_file(w, NULL, count, p, 0);
        tf_spill_drop(&e->spill, p);
        return rc;
    }
    unsigned m = (unsigned)(bytes / (budget ? budget : 1)) + 2;
    uint64_t *counts = calloc(m, sizeof(*counts));
    int rc = counts ? tf_spill_split(&e->spill, p, m, counts, &w->err)
                    : tf_error_set(&w->err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    tf_spill_drop(&e->spill, p);
    snprintf(prefix, sizeof(prefix), "split.%03u", p);
    for (unsigned i = 0; i < m; i++) {
        tf_spill_path(&e->spill, path, sizeof(path), prefix, i);
        if (rc == 0)
            rc = process_file(w, path, counts[i], p, i);
        unlink(path);
    }
    free(counts);
    return rc;
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    const struct tf_engine *e = w->e;
    unsigned i, p;
    while (w->rc == 0 && (i = atomic_fetch_add(w->next, 1)) < e->spill.n &&
           (p = e->own_rank + i * e->own_size) < e->spill.n)
        w->rc = process_partition(w, p);
    free(w->obs);
    w->obs = NULL;
    tf_timeline_release(&w->tl);
    tf_pools_scratch_release(&w->pool_scratch);
    return NULL;
}

static void worker_init(struct worker *w, struct tf_engine *e, atomic_uint *next)
{
    memset(w, 0, sizeof(*w));
    w->e = e;
    w->next = next;
    tf_acc_init(&w->acc);
    w->acc.move_kind = e->opts.move_kind;
    tf_timeline_init(&w->tl);
    tf_pools_scratch_init(&w->pool_scratch);
    tf_skips_init(&w->skips);
}

/* Runs the workers; merges their counts into `total` in worker order. */
static int run_workers(struct tf_engine *e, struct tf_acc *total, struct tf_engine_counts *counts,
                       struct tf_error *err)
{
    unsigned nt = e->opts.threads < e->spill.n ? e->opts.threads : e->spill.n;
    struct worker *ws = calloc(nt, sizeof(*ws));
    pthread_t *tids = calloc(nt, sizeof(*tids));
    atomic_uint next = 0;
    int rc = 0;
    if (!ws || !tids) {
        rc = tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
        goto out;
    }
    for (unsigned i = 0; i < nt; i++)
        worker_init(&ws[i], e, &next);
    unsigned started = 0;
    for (; started < nt; started++)
        if (pthread_create(&tids[started], NULL, worker_main, &ws[started]) != 0)
            break;
    if (started == 0)
        worker_main(&ws[0]);
    for (unsigned i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    for (unsigned i = 0; i < nt; i++) {
        if (ws[i].rc < 0 && rc == 0) {
            rc = ws[i].rc;
            *err = ws[i].err;
        }
        if (rc == 0 && tf_acc_merge(total, &ws[i].acc) < 0)
            rc = tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory merging results");
        tf_skips_merge(&counts->skips, &ws[i].skips);
        counts->kept += ws[i].kept;
        tf_acc_release(&ws[i].acc);
    }
out:
    free(ws);
    free(tids);
    return rc;
}

static int count_cited(void *ctx, uint64_t tag)
{
    return tag ? tf_pools_count_cited(ctx, (int)(tag >> 32), (uint32_t)tag) : 0;
}

/* Decides which copy of each work counts; with it, the citation ranks of the pools. */
static int resolve_copies(struct tf_engine *e, struct tf_error *err)
{
    struct tf_pools *p = e->opts.pools;
    if (!tf_pools_ranks_citations(p))
        return tf_copies_resolve(e->copies, err);
    int rc = tf_copies_resolve_each(e->copies, count_cited, p, err);
    return rc < 0 ? rc : tf_pools_rank(p, err);
}

/* The results' pool list: "all", then the options' pools. */
static int init_pools(struct tf_engine *e, struct tf_results *r, struct tf_error *err)
{
    size_t n = tf_pools_count(e->opts.pools);
    if (!(r->pools = calloc(n + 1, sizeof(*r->pools))))
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    r->n_pools = n + 1;
    snprintf(r->pools[0].name, sizeof(r->pools[0].name), "all");
    for (size_t i = 0; i <= n; i++) {
        const char *def = i ? tf_pools_definition(e->opts.pools, i - 1) : "";
        if (i)
            snprintf(r->pools[i].name, sizeof(r->pools[i].name), "%s",
                     tf_pools_name(e->opts.pools, i - 1));
        if (!(r->pools[i].definition = strdup(def)))
            return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    }
    return 0;
}

const struct tf_engine_opts *tf_engine_options(const struct tf_engine *e)
{
    return &e->opts;
}

struct tf_spill *tf_engine_spill(struct tf_engine *e)
{
    return &e->spill;
}

struct tf_copies *tf_engine_copies(struct tf_engine *e)
{
    return e->copies;
}

void tf_engine_own(struct tf_engine *e, unsigned rank, unsigned size)
{
    e->own_size = size ? size : 1;
    e->own_rank = rank % e->own_size;
}

int tf_engine_close_input(struct tf_engine *e, unsigned lanes, struct tf_error *err)
{
    if (e->finished)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "engine already finished");
    e->finished = 1;
    return tf_spill_close_lanes(&e->spill, lanes < e->spill.lanes ? lanes : e->spill.lanes, err);
}

int tf_engine_measure(struct tf_engine *e, int copies_resolved, struct tf_acc *total,
                      struct tf_engine_counts *counts, struct tf_error *err)
{
    memset(counts, 0, sizeof(*counts));
    tf_skips_init(&counts->skips);
    int rc = tf_spill_close_writers(&e->spill, err);
    if (rc == 0 && !copies_resolved)
        rc = resolve_copies(e, err);
    else if (rc == 0 && tf_pools_ranks_citations(e->opts.pools))
        rc = tf_pools_rank(e->opts.pools, err);
    if (rc == 0)
        rc = run_workers(e, total, counts, err);
    for (unsigned l = 0; l < e->opts.lanes; l++) {
        counts->observations += e->lanes[l].added;
        counts->skips.n[TF_SKIP_OUT_OF_WINDOW] += e->lanes[l].out_of_window;
    }
    return rc;
}

int tf_engine_results(struct tf_engine *e, const struct tf_acc *total,
                      const struct tf_engine_counts *counts, struct tf_results **out,
                      struct tf_error *err)
{
    *out = NULL;
    struct tf_results *r = calloc(1, sizeof(*r));
    int rc = r ? init_pools(e, r, err) : tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    if (rc == 0 && tf_acc_results(total, r) < 0)
        rc = tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory building tables");
    if (rc == 0 && e->opts.persons)
        rc = tf_persons_keep(&e->spill, e->opts.tmpdir, &r->persons, err);
    if (rc < 0) {
        tf_results_free(r);
        return rc;
    }
    r->kept = counts->kept;
    r->observations = counts->observations;
    r->skips = counts->skips;
    r->skips.n[TF_SKIP_SUPERSEDED] += tf_copies_count_superseded(e->copies);
    *out = r;
    return 0;
}

int tf_engine_finish(struct tf_engine *e, struct tf_results **out, struct tf_error *err)
{
    *out = NULL;
    struct tf_acc total;
    struct tf_engine_counts counts;
    tf_acc_init(&total);
    int rc = tf_engine_close_input(e, e->opts.lanes, err);
    if (rc == 0)
        rc = tf_engine_measure(e, 0, &total, &counts, err);
    if (rc == 0)
        rc = tf_engine_results(e, &total, &counts, out, err);
    tf_acc_release(&total);
    return rc;
}

int tf_results_each_person(const struct tf_results *r,
                           int (*fn)(void *ctx, const struct tf_person_row *row), void *ctx,
                           struct tf_error *err)
{
    if (!r->persons)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "the run did not keep persons");
    return tf_persons_merge(tf_person_table_dir(r->persons), fn, ctx, err);
}

void tf_results_free(struct tf_results *r)
{
    if (!r)
        return;
    free(r->country_year);
    free(r->flows);
    free(r->classes);
    free(r->whereabouts);
    free(r->returns);
    free(r->stays);
    free(r->pipeline);
    for (size_t i = 0; i < r->n_pools; i++)
        free(r->pools[i].definition);
    free(r->pools);
    tf_person_table_free(r->persons);
    free(r);
}

void tf_engine_free(struct tf_engine *e)
{
    if (!e)
        return;
    tf_spill_free(&e->spill);
    tf_copies_free(e->copies);
    free(e->lanes);
    free(e);
}
