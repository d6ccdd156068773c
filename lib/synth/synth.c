/*
 * synth.c - writing a synthetic world: folders, truth files, works parts
 * in parallel, the manifest (see talentflow/synth.h).
 *
 * Part k holds the works led by a contiguous range of persons, in person
 * then year order, so its bytes depend only on the world and k: threads
 * take parts in any order and the files come out the same. The truth
 * (pools.csv included, from a pass over every work) is written first from
 * the calling thread; the works parts follow.
 */
#include "talentflow/synth.h"

#include "talentflow/engine.h" /* tf_cpu_count */

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io/gzout.h"
#include "synth/synth_world.h"
#include "util/buf.h"

/* Bytes gathered before handing them to the writer. */
#define FLUSH_AT ((size_t)1 << 20)
/* Persons a worker formats between two updates of the progress counter. */
#define PROGRESS_STEP 256u
#define WORKS_SUBDIR "works/updated_date=" TF_SYNTH_UPDATED_DATE

/* ---- paths and folders ------------------------------------------------------ */

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s", dir, name);
    return s;
}

/* Creates `path` and its missing parents, like mkdir -p. */
static int make_dirs(const char *path, struct tf_error *err)
{
    char *s = strdup(path);
    int rc = 0;
    if (!s)
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    for (char *q = s + 1;; q++) {
        if (*q != '/' && *q != '\0')
            continue;
        char c = *q;
        *q = '\0';
        struct stat sb;
        if (mkdir(s, 0777) < 0 && (errno != EEXIST || stat(s, &sb) < 0 || !S_ISDIR(sb.st_mode))) {
            rc = tf_error_set(err, TF_ERR_IO, s, 0, "cannot create directory: %s",
                              errno == EEXIST ? "not a directory" : strerror(errno));
            break;
        }
        *q = c;
        if (!c)
            break;
    }
    free(s);
    return rc;
}

/* ---- buffered atomic files ---------------------------------------------------- */

/* A file written through a buffer: text goes to `b`, which is handed on at FLUSH_AT. */
struct out {
    struct tf_gzout *g;
    struct tf_buf b;
};

static int out_open(struct out *o, const char *path, enum tf_gzout_mode mode, struct tf_error *err)
{
    tf_buf_init(&o->b, 0);
    return tf_gzout_open(&o->g, path, mode, err);
}

static int out_flush(struct out *o, size_t at, struct tf_error *err)
{
    if (o->b.len < at)
        return 0;
    int rc = tf_gzout_write(o->g, o->b.data, o->b.len, err);
    tf_buf_reset(&o->b);
    return rc;
}

/* Finishes the file (rc == 0) or discards it; returns the first failure. */
static int out_close(struct out *o, int rc, uint64_t *size, struct tf_error *err)
{
    if (rc == 0)
        rc = out_flush(o, 0, err);
    if (rc == 0)
        rc = tf_gzout_close(o->g, size, err);
    else
        tf_gzout_abort(o->g);
    o->g = NULL;
    tf_buf_release(&o->b);
    return rc;
}

static int nomem(struct tf_error *err, const char *path)
{
    return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
}

/* ---- truth ------------------------------------------------------------------ */

static int add_person(struct tf_buf *b, uint32_t person)
{
    return tf_buf_addf(b, "A%llu,", (unsigned long long)(TF_SYNTH_PERSON_BASE + 1 + person));
}

/* residence.csv, moves.csv and unobserved.csv rows of one person. */
static int truth_rows(const struct synth_world *w, uint32_t p, struct out *res, struct out *mv,
                      struct out *un, struct tf_synth_stats *st)
{
    int first = 0, last = 0, rc = 0;
    synth_active_span(w, p, &first, &last);
    for (int y = first; y <= last && rc == 0; y++) {
        uint8_t c = synth_res(w, p, y);
        rc |= add_person(&res->b, p);
        rc |= tf_buf_addf(&res->b, "%d,%s\n", w->y0 + y, w->code[c]);
        st->person_years++;
        if (y > first && synth_res(w, p, y - 1) != c) {
            rc |= add_person(&mv->b, p);
            rc |= tf_buf_addf(&mv->b, "%d,%s,%s\n", w->y0 + y, w->code[synth_res(w, p, y - 1)],
                              w->code[c]);
            st->moves++;
        }
        if (!w->flags[(size_t)p * (size_t)w->ny + (size_t)y]) {
            rc |= add_person(&un->b, p);
            rc |= tf_buf_addf(&un->b, "%d\n", w->y0 + y);
            st->unobserved++;
        }
    }
    return rc ? TF_ERR_NOMEM : 0;
}

static int write_truth_csvs(const struct synth_world *w, const char *truth,
                            struct tf_synth_stats *st, struct tf_error *err)
{
    struct out o[3] = {0};
    static const char *const names[3] = {"residence.csv", "moves.csv", "unobserved.csv"};
    static const char *const heads[3] = {"person,year,country\n",
                                         "person,year,origin,destination\n", "person,year\n"};
    int rc = 0, opened = 0;
    while (opened < 3 && rc == 0) {
        char *path = join(truth, names[opened]);
        rc = path ? out_open(&o[opened], path, TF_GZOUT_PLAIN, err) : nomem(err, truth);
        if (rc == 0 && tf_buf_adds(&o[opened].b, heads[opened]) < 0)
            rc = nomem(err, path);
        opened += o[opened].g != NULL;
        free(path);
    }
    for (uint32_t p = 0; p < w->n && rc == 0; p++) {
        rc = truth_rows(w, p, &o[0], &o[1], &o[2], st);
        if (rc < 0)
            nomem(err, truth);
        for (int k = 0; k < 3 && rc == 0; k++)
            rc = out_flush(&o[k], FLUSH_AT, err);
    }
    for (int k = 0; k < opened; k++)
        rc = out_close(&o[k], rc, NULL, err);
    return rc;
}

/* pools.csv: one row per person and pool, in person then pool name order (sorted bytes). */
static int write_pools(const struct synth_world *w, const char *truth, struct tf_error *err)
{
    static const struct {
        uint8_t bit;
        const char *name;
    } pools[] = {
        {SYNTH_POOL_AI, "ai"},
        {SYNTH_POOL_TOP, "ai-top"},
        {SYNTH_POOL_VENUE, "ai-top-venues"},
        {SYNTH_POOL_CITED, "top-cited"},
    };
    char *path = join(truth, "pools.csv");
    struct out o = {0};
    int rc = path ? out_open(&o, path, TF_GZOUT_PLAIN, err) : nomem(err, truth);
    if (rc < 0) {
        free(path);
        return rc;
    }
    int bad = tf_buf_adds(&o.b, "person,pool\n");
    for (uint32_t p = 0; p < w->n && rc == 0 && !bad; p++) {
        for (size_t k = 0; k < sizeof(pools) / sizeof(pools[0]); k++)
            if (w->pools[p] & pools[k].bit) {
                bad |= add_person(&o.b, p);
                bad |= tf_buf_addf(&o.b, "%s\n", pools[k].name);
            }
        rc = out_flush(&o, FLUSH_AT, err);
    }
    rc = out_close(&o, bad && rc == 0 ? nomem(err, path) : rc, NULL, err);
    free(path);
    return rc;
}

static int write_params(const struct tf_synth_params *p, const char *truth, struct tf_error *err)
{
    char *text = tf_synth_params_format(p);
    char *path = join(truth, "params.conf");
    struct out o = {0};
    int rc = text && path ? out_open(&o, path, TF_GZOUT_PLAIN, err) : nomem(err, truth);
    if (rc == 0) {
        rc = tf_buf_adds(&o.b, text) < 0 ? nomem(err, path) : 0;
        rc = out_close(&o, rc, NULL, err);
    }
    free(text);
    free(path);
    return rc;
}

/* ---- works parts -------------------------------------------------------------- */

struct gen;

struct part_job {
    struct gen *g;
    unsigned index;
    uint64_t records;
    uint64_t size;
    struct tf_synth_stats st;
    struct tf_error err;
    int rc;
};

struct gen {
    const struct synth_world *w;
    char *works_dir; /* .../works/updated_date=... */
    unsigned parts;
    struct part_job *jobs;
    atomic_uint next_part;
    atomic_uint finished; /* workers that have returned */
    atomic_int failed;
    atomic_uint_fast64_t done; /* persons whose works are written */
};

static char *part_path(const char *works_dir, unsigned k)
{
    char name[32];
    snprintf(name, sizeof(name), "part_%03u.gz", k);
    return join(works_dir, name);
}

/* Formats every work led by `person` into `o`, flushing as the buffer fills. */
static int person_works(const struct synth_world *w, uint32_t person, struct out *o,
                        struct part_job *job)
{
    struct synth_led it;
    struct synth_work wk;
    int first = 0, last = 0;
    synth_active_span(w, person, &first, &last);
    for (int y = first; y <= last; y++) {
        synth_led_begin(w, &it, person, y);
        while (synth_led_next(w, &it, &wk)) {
            size_t before = o->b.len;
            if (synth_format_work(w, &wk, &o->b, &job->st) < 0)
                return nomem(&job->err, "works");
            job->st.json_bytes += o->b.len - before;
            job->st.works++;
            job->st.rescue_works += wk.rescue != 0;
            job->records++;
        }
        int rc = out_flush(o, FLUSH_AT, &job->err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int run_part(struct gen *g, struct part_job *job)
{
    const struct synth_world *w = g->w;
    uint32_t lo = (uint32_t)((uint64_t)w->n * job->index / g->parts);
    uint32_t hi = (uint32_t)((uint64_t)w->n * (job->index + 1) / g->parts);
    char *path = part_path(g->works_dir, job->index);
    struct out o = {0};
    int rc = path ? out_open(&o, path, TF_GZOUT_GZIP, &job->err) : nomem(&job->err, "works");
    free(path);
    if (rc < 0)
        return rc;
    for (uint32_t p = lo; p < hi && rc == 0 && !atomic_load(&g->failed); p++) {
        rc = person_works(w, p, &o, job);
        if ((p - lo + 1) % PROGRESS_STEP == 0 || p + 1 == hi)
            atomic_fetch_add(&g->done, (p - lo) % PROGRESS_STEP + 1);
    }
    if (rc == 0 && atomic_load(&g->failed))
        rc = TF_ERR_INTERNAL; /* another part failed: discard this one */
    return out_close(&o, rc, &job->size, &job->err);
}

static void *worker(void *arg)
{
    struct gen *g = arg;
    for (;;) {
        unsigned k = atomic_fetch_add(&g->next_part, 1);
        if (k >= g->parts || atomic_load(&g->failed))
            break;
        struct part_job *job = &g->jobs[k];
        job->rc = run_part(g, job);
        if (job->rc < 0)
            atomic_store(&g->failed, 1);
    }
    atomic_fetch_add(&g->finished, 1);
    return NULL;
}

static unsigned thread_count(const struct tf_synth_opts *o, unsigned parts)
{
    long n = o && o->threads ? (long)o->threads : (long)tf_cpu_count();
    if (n < 1)
        n = 1;
    return (unsigned)n < parts ? (unsigned)n : parts;
}

static void report(const struct tf_synth_opts *o, struct gen *g)
{
    if (o && o->progress)
        o->progress(o->progress_ctx, atomic_load(&g->done), g->w->n);
}

/* Runs the workers and reports progress from this thread until they are done. */
static int run_workers(struct gen *g, const struct tf_synth_opts *o, struct tf_error *err)
{
    unsigned nt = thread_count(o, g->parts), started = 0;
    pthread_t *tid = calloc(nt, sizeof(*tid));
    if (!tid)
        return nomem(err, g->works_dir);
    for (; started < nt; started++)
        if (pthread_create(&tid[started], NULL, worker, g) != 0)
            break;
    if (started == 0)
        worker(g); /* no thread could start: do the work here */
    while (started && atomic_load(&g->finished) < started) {
        struct timespec ts = {0, 200 * 1000 * 1000};
        nanosleep(&ts, NULL);
        report(o, g);
    }
    for (unsigned i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    free(tid);
    report(o, g);
    for (unsigned k = 0; k < g->parts; k++)
        if (g->jobs[k].rc < 0 && g->jobs[k].rc != TF_ERR_INTERNAL) {
            *err = g->jobs[k].err;
            return g->jobs[k].rc;
        }
    return 0;
}

/* ---- manifest and leftovers --------------------------------------------------- */

static int write_manifest(const struct gen *g, const char *works, struct tf_error *err)
{
    char *path = join(works, "manifest");
    struct out o = {0};
    int rc = path ? out_open(&o, path, TF_GZOUT_PLAIN, err) : nomem(err, works);
    uint64_t bytes = 0, records = 0;
    if (rc == 0) {
        int bad = tf_buf_adds(&o.b, "{\n  \"entries\": [\n");
        for (unsigned k = 0; k < g->parts; k++) {
            const struct part_job *j = &g->jobs[k];
            bad |= tf_buf_addf(&o.b,
                               "    {\"url\": \"s3://openalex/data/" WORKS_SUBDIR
                               "/part_%03u.gz\", \"meta\": {\"content_length\": %llu, "
                               "\"record_count\": %llu}}%s\n",
                               k, (unsigned long long)j->size, (unsigned long long)j->records,
                               k + 1 < g->parts ? "," : "");
            bytes += j->size;
            records += j->records;
        }
        bad |= tf_buf_addf(
            &o.b, "  ],\n  \"meta\": {\"content_length\": %llu, \"record_count\": %llu}\n}\n",
            (unsigned long long)bytes, (unsigned long long)records);
        rc = out_close(&o, bad ? nomem(err, path) : 0, NULL, err);
    }
    free(path);
    return rc;
}

/* Removes part_NNN.gz files numbered `parts` or above: leftovers of a larger earlier run. */
static void remove_stale_parts(const char *works_dir, unsigned parts)
{
    DIR *d = opendir(works_dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        unsigned k = 0;
        int end = 0;
        if (strlen(e->d_name) != 11 || sscanf(e->d_name, "part_%3u.gz%n", &k, &end) != 1 ||
            end != 11 || k < parts)
            continue;
        char *path = join(works_dir, e->d_name);
        if (path)
            unlink(path);
        free(path);
    }
    if (d)
        closedir(d);
}

/* ---- the whole run --------------------------------------------------------------- */

static void sum_stats(struct tf_synth_stats *t, const struct tf_synth_stats *s)
{
    t->works += s->works;
    t->rescue_works += s->rescue_works;
    t->authorships += s->authorships;
    t->outside += s->outside;
    t->institutions += s->institutions;
    t->null_authors += s->null_authors;
    t->multi += s->multi;
    t->null_countries += s->null_countries;
    t->null_institutions += s->null_institutions;
    t->json_bytes += s->json_bytes;
}

static int write_works(const struct synth_world *w, const char *dir,
                       const struct tf_synth_opts *opts, struct tf_synth_stats *st,
                       struct tf_error *err)
{
    struct gen g = {.w = w, .parts = w->p->parts};
    char *works = join(dir, "works");
    g.works_dir = join(dir, WORKS_SUBDIR);
    g.jobs = calloc(g.parts, sizeof(*g.jobs));
    int rc = works && g.works_dir && g.jobs ? make_dirs(g.works_dir, err) : nomem(err, dir);
    for (unsigned k = 0; k < g.parts && g.jobs; k++)
        g.jobs[k] = (struct part_job){.g = &g, .index = k};
    if (rc == 0)
        rc = run_workers(&g, opts, err);
    if (rc == 0)
        rc = write_manifest(&g, works, err);
    if (rc == 0) {
        remove_stale_parts(g.works_dir, g.parts);
        for (unsigned k = 0; k < g.parts; k++) {
            sum_stats(st, &g.jobs[k].st);
            st->gz_bytes += g.jobs[k].size;
        }
    }
    free(works);
    free(g.works_dir);
    free(g.jobs);
    return rc;
}

/* orcid/summaries.tar.gz with truth/pipeline.csv and truth/orcid.csv (no records: empty). */
static int write_orcid(const struct synth_world *w, const char *dir, const char *truth,
                       struct tf_synth_stats *st, struct tf_error *err)
{
    char *odir = join(dir, "orcid");
    char *tarball = odir ? join(odir, "summaries.tar.gz") : NULL;
    char *pipeline = join(truth, "pipeline.csv");
    char *ids = join(truth, "orcid.csv");
    int rc = odir && tarball && pipeline && ids ? make_dirs(odir, err) : nomem(err, dir);
    if (rc == 0)
        rc = synth_write_orcid(w, tarball, pipeline, ids, st, err);
    free(odir);
    free(tarball);
    free(pipeline);
    free(ids);
    return rc;
}

int tf_synth_generate(const struct tf_synth_params *p, const char *dir,
                      const struct tf_synth_opts *opts, struct tf_synth_stats *stats,
                      struct tf_error *err)
{
    struct synth_world w = {0};
    struct tf_synth_stats st = {0};
    char *truth = join(dir, "truth");
    int rc = tf_synth_params_check(p, err);
    if (rc == 0 && !*dir)
        rc = tf_error_set(err, TF_ERR_USAGE, NULL, 0, "empty output directory name");
    if (rc == 0 && !truth)
        rc = nomem(err, dir);
    if (rc == 0)
        rc = make_dirs(truth, err);
    if (rc == 0)
        rc = synth_world_build(&w, p, err);
    if (rc < 0)
        goto out;
    synth_world_tally(&w);
    if (synth_world_pools(&w) < 0) {
        rc = nomem(err, dir);
        goto out;
    }
    st.people = w.n;
    rc = write_truth_csvs(&w, truth, &st, err);
    if (rc == 0)
        rc = write_pools(&w, truth, err);
    if (rc == 0)
        rc = write_params(p, truth, err);
    if (rc == 0)
        rc = write_orcid(&w, dir, truth, &st, err);
    if (rc == 0)
        rc = write_works(&w, dir, opts, &st, err);
    if (rc == 0 && stats)
        *stats = st;
out:
    synth_world_release(&w);
    free(truth);
    return rc;
}
