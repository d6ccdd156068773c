/* inputs.c - reading the input files of run and extract, with progress. */
#include "inputs.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Appends a copy of `s` to the list v[0..*n). Returns 0 or -1. */
static int strlist_add(char ***v, size_t *n, const char *s)
{
    char **p = realloc(*v, (*n + 1) * sizeof(*p));
    if (!p)
        return -1;
    *v = p;
    if (!(p[*n] = strdup(s)))
        return -1;
    (*n)++;
    return 0;
}

static void strlist_free(char ***v, size_t *n)
{
    for (size_t i = 0; i < *n; i++)
        free((*v)[i]);
    free(*v);
    *v = NULL;
    *n = 0;
}

void tf_cli_inputs_init(struct tf_cli_inputs *in)
{
    memset(in, 0, sizeof(*in));
    tf_paths_init(&in->paths);
    tf_skips_init(&in->skips);
}

void tf_cli_inputs_release(struct tf_cli_inputs *in)
{
    tf_paths_release(&in->paths);
    tf_merged_free(in->merged);
    in->merged = NULL;
    strlist_free(&in->merged_paths, &in->n_merged_paths);
    strlist_free(&in->notes, &in->n_notes);
    free(in->formats);
    in->formats = NULL;
    in->cap_formats = 0;
}

/* Keeps a notice for when reading starts. Returns an exit status. */
static int add_note(struct tf_cli_inputs *in, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int add_note(struct tf_cli_inputs *in, const char *cmd, const char *fmt, ...)
{
    char buf[6000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (strlist_add(&in->notes, &in->n_notes, buf) < 0) {
        fprintf(stderr, "talentflow %s: out of memory\n", cmd);
        return TF_EXIT_DATA;
    }
    return TF_EXIT_OK;
}

int tf_cli_inputs_add_merged(struct tf_cli_inputs *in, const char *cmd, const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0) {
        fprintf(stderr, "talentflow %s: %s: cannot open: %s\n", cmd, path, strerror(errno));
        return TF_EXIT_DATA;
    }
    /* One entry per argument: tf_merged_load walks folders itself. */
    if (strlist_add(&in->merged_paths, &in->n_merged_paths, path) < 0) {
        fprintf(stderr, "talentflow %s: out of memory\n", cmd);
        return TF_EXIT_DATA;
    }
    return TF_EXIT_OK;
}

/*
 * A snapshot root given as OpenAlex input: its works folder is read in its
 * place and its merged ids are used, with a notice of what is left aside.
 */
static int add_snapshot(struct tf_cli_inputs *in, const char *cmd, const char *path,
                        const char **expand)
{
    struct tf_snapshot *snap = malloc(sizeof(*snap));
    int rc = TF_EXIT_OK;
    if (!snap || !tf_openalex_snapshot(path, snap)) {
        free(snap);
        return TF_EXIT_OK;
    }
    *expand = strdup(snap->works);
    if (!*expand)
        rc = add_note(in, cmd, "out of memory");
    if (rc == TF_EXIT_OK)
        rc = add_note(in, cmd, "%s: OpenAlex snapshot (%s layout): reading %s%s%s%s%s", path,
                      snap->layout, snap->works, snap->merged_ids[0] ? ", merged ids from " : "",
                      snap->merged_ids, snap->ignored[0] ? "; not read: " : "", snap->ignored);
    if (rc == TF_EXIT_OK && snap->merged_ids[0])
        rc = tf_cli_inputs_add_merged(in, cmd, snap->merged_ids);
    free(snap);
    return rc;
}

int tf_cli_inputs_add(struct tf_cli_inputs *in, const char *cmd, enum tf_format format,
                      const char *path)
{
    struct tf_error err;
    tf_error_init(&err);
    size_t first = in->paths.n;
    const char *works = NULL;
    if (format == TF_FORMAT_OPENALEX && add_snapshot(in, cmd, path, &works) != TF_EXIT_OK)
        return TF_EXIT_DATA;
    int rc = tf_paths_expand(&in->paths, works ? works : path, &err);
    free((char *)works);
    if (rc < 0) {
        fprintf(stderr, "talentflow %s: %s\n", cmd, err.msg);
        return tf_cli_exit_for(rc);
    }
    if (in->paths.n > in->cap_formats) {
        size_t cap = in->paths.n * 2;
        enum tf_format *f = realloc(in->formats, cap * sizeof(*f));
        if (!f) {
            fprintf(stderr, "talentflow %s: out of memory\n", cmd);
            return TF_EXIT_DATA;
        }
        in->formats = f;
        in->cap_formats = cap;
    }
    for (size_t i = first; i < in->paths.n; i++)
        in->formats[i] = format;
    return TF_EXIT_OK;
}

const char *tf_cli_inputs_format(const struct tf_cli_inputs *in)
{
    int csv = 0, openalex = 0;
    for (size_t i = 0; i < in->paths.n; i++) {
        csv |= in->formats[i] == TF_FORMAT_CSV;
        openalex |= in->formats[i] == TF_FORMAT_OPENALEX;
    }
    return csv && openalex ? "mixed" : csv ? "csv" : "openalex";
}

struct progress {
    int on;
    double start, last;
    uint64_t total; /* bytes of all inputs, 0 when unknown */
};

static void progress_show(struct progress *p, uint64_t records, uint64_t bytes, int final)
{
    double t = tf_cli_now();
    if (!p->on || (!final && t - p->last < 0.5))
        return;
    p->last = t;
    double el = t - p->start > 1e-9 ? t - p->start : 1e-9;
    fprintf(stderr, "\r%8.1f MB", (double)bytes / 1e6);
    if (p->total)
        fprintf(stderr, " of %.1f MB", (double)p->total / 1e6);
    fprintf(stderr, "  %10.0f records/s  %6.1f MB/s", (double)records / el,
            (double)bytes / 1e6 / el);
    if (p->total && bytes && !final) {
        double eta =
            el * (double)(p->total - (bytes < p->total ? bytes : p->total)) / (double)bytes;
        fprintf(stderr, "  ETA %d:%02d", (int)(eta / 60), (int)eta % 60);
    }
    fputs(final ? "\n" : "   ", stderr);
}

/* What reading one file counted; folded into the inputs in file order. */
struct file_result {
    struct tf_skips skips;
    uint64_t records;
    uint64_t bytes;
};

/*
 * Reader threads take files in order from a shared counter. Each file's
 * counts are kept aside until every earlier file is done, then folded in,
 * so the totals and the first places of bad input reported are the same
 * whatever the timing.
 */
struct pool {
    struct tf_cli_inputs *in;
    tf_cli_record_fn *fn;
    void *ctx;
    pthread_mutex_t lock;
    size_t next;       /* next file to read */
    size_t next_merge; /* next file to fold into `in` */
    struct file_result **done;
    int stop;
    int status;
    struct tf_error err;
    struct progress pg;
    atomic_uint_fast64_t live_records, live_bytes;
    uint32_t *rank; /* each file's place in the inputs sorted by path */
    atomic_uint_fast64_t remapped;
};

/* A record with merged author ids replaced, in memory of the reading thread. */
struct relinked {
    struct tf_record rec;
    struct tf_obs *obs;
    size_t cap;
};

/*
 * Applies the merged ids to `rec`: returns 0 to skip the record (a work
 * merged away, counted), or 1 with *use pointing at the record to pass on
 * (`rec` itself, or a copy with merged authors replaced). -1: out of memory.
 */
static int relink(struct pool *pl, const char *path, const struct tf_record *rec,
                  struct file_result *res, struct relinked *rl, const struct tf_record **use)
{
    const struct tf_merged *m = pl->in->merged;
    *use = rec;
    if (!m)
        return 1;
    if (rec->info.whole && rec->info.work && tf_merged_work_gone(m, rec->info.work)) {
        char id[32];
        tf_work_format(rec->info.work, id);
        tf_skips_add(&res->skips, TF_SKIP_MERGED_WORK, path, rec->line, id);
        return 0;
    }
    size_t changed = 0;
    for (size_t i = 0; i < rec->n_obs; i++)
        changed += tf_merged_person(m, rec->obs[i].person) != rec->obs[i].person;
    if (!changed)
        return 1;
    if (rec->n_obs > rl->cap) {
        struct tf_obs *o = realloc(rl->obs, rec->n_obs * sizeof(*o));
        if (!o)
            return -1;
        rl->obs = o;
        rl->cap = rec->n_obs;
    }
    for (size_t i = 0; i < rec->n_obs; i++) {
        rl->obs[i] = rec->obs[i];
        rl->obs[i].person = tf_merged_person(m, rec->obs[i].person);
    }
    rl->rec = *rec;
    rl->rec.obs = rl->obs;
    atomic_fetch_add(&pl->remapped, changed);
    *use = &rl->rec;
    return 1;
}

/* Folds finished files into the inputs, in file order. Called with the lock held. */
static void merge_ready(struct pool *pl)
{
    struct tf_cli_inputs *in = pl->in;
    while (pl->next_merge < in->paths.n && pl->done[pl->next_merge]) {
        struct file_result *r = pl->done[pl->next_merge];
        tf_skips_merge(&in->skips, &r->skips);
        in->records += r->records;
        in->bytes += r->bytes;
        free(r);
        pl->done[pl->next_merge++] = NULL;
    }
}

/* Reads file `i` through `lane`; returns a library status. */
static int read_file(struct pool *pl, unsigned lane, size_t i, struct file_result *res,
                     struct tf_error *err)
{
    struct tf_cli_inputs *in = pl->in;
    struct tf_source_opts opts = {.strict = in->strict};
    struct tf_source *src = NULL;
    struct tf_record rec;
    const struct tf_record *use;
    struct relinked rl = {.obs = NULL};
    uint64_t shown = 0;
    int rc = tf_source_open(&src, in->paths.v[i], in->formats[i], &opts, &res->skips, err);
    while (rc == 0 && !pl->stop) {
        int got = tf_source_next(src, &rec, err);
        if (got <= 0) {
            rc = got;
            break;
        }
        res->records++;
        got = relink(pl, in->paths.v[i], &rec, res, &rl, &use);
        if (got < 0)
            rc = tf_error_set(err, TF_ERR_NOMEM, in->paths.v[i], rec.line, "out of memory");
        else if (got > 0)
            rc = pl->fn(pl->ctx, lane, use, tf_copies_order(pl->rank[i], res->records), err);
        if ((res->records & 0x3FF) == 0) {
            uint64_t b = tf_source_bytes(src);
            atomic_fetch_add(&pl->live_records, 0x400);
            atomic_fetch_add(&pl->live_bytes, b - shown);
            shown = b;
            if (lane == 0)
                progress_show(&pl->pg, atomic_load(&pl->live_records), atomic_load(&pl->live_bytes),
                              0);
        }
    }
    res->bytes = src ? tf_source_bytes(src) : 0;
    atomic_fetch_add(&pl->live_bytes, res->bytes - shown);
    tf_source_free(src);
    free(rl.obs);
    return rc;
}

struct lane_arg {
    struct pool *pl;
    unsigned lane;
};

static void *reader_main(void *arg)
{
    struct lane_arg *la = arg;
    struct pool *pl = la->pl;
    struct tf_error err;
    for (;;) {
        pthread_mutex_lock(&pl->lock);
        size_t i = pl->next;
        int go = !pl->stop && i < pl->in->paths.n;
        pl->next += go;
        pthread_mutex_unlock(&pl->lock);
        if (!go)
            break;
        struct file_result *res = calloc(1, sizeof(*res));
        tf_error_init(&err);
        int rc = res ? read_file(pl, la->lane, i, res, &err)
                     : tf_error_set(&err, TF_ERR_NOMEM, pl->in->paths.v[i], 0, "out of memory");
        pthread_mutex_lock(&pl->lock);
        if (rc < 0 && pl->status == 0) {
            pl->status = rc;
            pl->err = err;
            pl->stop = 1;
        }
        pl->done[i] = res;
        merge_ready(pl);
        pthread_mutex_unlock(&pl->lock);
    }
    return NULL;
}

/* Runs `lanes` reader threads (the caller's thread is lane 0). */
static void run_readers(struct pool *pl, unsigned lanes)
{
    pthread_t tids[TF_CLI_MAX_LANES];
    struct lane_arg args[TF_CLI_MAX_LANES];
    unsigned started = 0;
    for (unsigned l = 0; l < lanes; l++)
        args[l] = (struct lane_arg){pl, l};
    for (unsigned l = 1; l < lanes; l++, started++)
        if (pthread_create(&tids[started], NULL, reader_main, &args[l]) != 0)
            break;
    reader_main(&args[0]);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
}

struct ranked {
    const char *path;
    uint32_t index;
};

static int cmp_ranked(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;
    int c = strcmp(a->path, b->path);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

/* rank[i]: the place of file i (from 1) in the inputs sorted by path; ties: command-line order. */
static uint32_t *rank_files(const struct tf_paths *p)
{
    struct ranked *by = malloc((p->n + 1) * sizeof(*by));
    uint32_t *rank = malloc((p->n + 1) * sizeof(*rank));
    if (by && rank) {
        for (size_t i = 0; i < p->n; i++)
            by[i] = (struct ranked){p->v[i], (uint32_t)i};
        qsort(by, p->n, sizeof(*by), cmp_ranked);
        for (size_t i = 0; i < p->n; i++)
            rank[by[i].index] = (uint32_t)i + 1;
    }
    if (!by) {
        free(rank);
        rank = NULL;
    }
    free(by);
    return rank;
}

/* Loads the merged-id files, if any; prints and returns an exit status. */
static int load_merged(struct tf_cli_inputs *in, const char *cmd)
{
    struct tf_error err;
    tf_error_init(&err);
    if (!in->n_merged_paths)
        return TF_EXIT_OK;
    int rc = tf_merged_new(&in->merged, &err);
    for (size_t i = 0; rc == 0 && i < in->n_merged_paths; i++)
        rc = tf_merged_load(in->merged, in->merged_paths[i], &in->skips, &err);
    if (rc == 0)
        rc = tf_merged_finish(in->merged, &err);
    if (rc < 0) {
        fprintf(stderr, "talentflow %s: %s\n", cmd, err.msg);
        return tf_cli_exit_for(rc);
    }
    if (!in->quiet)
        fprintf(stderr, "talentflow %s: merged ids: %llu authors, %llu works\n", cmd,
                (unsigned long long)tf_merged_authors(in->merged),
                (unsigned long long)tf_merged_works(in->merged));
    return TF_EXIT_OK;
}

int tf_cli_inputs_read(struct tf_cli_inputs *in, const char *cmd, unsigned lanes,
                       tf_cli_record_fn *fn, void *ctx)
{
    struct pool pl = {.in = in, .fn = fn, .ctx = ctx};
    pl.pg = (struct progress){.on = !in->quiet && isatty(2), .start = tf_cli_now()};
    for (size_t i = 0; i < in->paths.n; i++)
        pl.pg.total += in->paths.size[i];
    for (size_t i = 0; i < in->n_notes && !in->quiet; i++)
        fprintf(stderr, "talentflow %s: %s\n", cmd, in->notes[i]);
    int st = load_merged(in, cmd);
    if (st != TF_EXIT_OK)
        return st;
    pl.rank = rank_files(&in->paths);
    if (!pl.rank || !(pl.done = calloc(in->paths.n + 1, sizeof(*pl.done)))) {
        free(pl.rank);
        fprintf(stderr, "talentflow %s: out of memory\n", cmd);
        return TF_EXIT_DATA;
    }
    pthread_mutex_init(&pl.lock, NULL);
    lanes = lanes < 1 ? 1 : lanes > TF_CLI_MAX_LANES ? TF_CLI_MAX_LANES : lanes;
    run_readers(&pl, lanes);
    pthread_mutex_destroy(&pl.lock);
    for (size_t i = 0; i < in->paths.n; i++)
        free(pl.done[i]);
    free(pl.done);
    free(pl.rank);
    in->remapped = atomic_load(&pl.remapped);
    if (pl.status < 0) {
        if (pl.pg.on)
            fputc('\n', stderr);
        fprintf(stderr, "talentflow %s: %s\n", cmd,
                pl.err.msg[0] ? pl.err.msg : tf_strerror(pl.status));
        return tf_cli_exit_for(pl.status);
    }
    progress_show(&pl.pg, in->records, in->bytes, 1);
    return TF_EXIT_OK;
}

void tf_cli_inputs_report_skips(const struct tf_skips *s, const char *cmd)
{
    for (int r = 0; r < TF_SKIP_COUNT; r++) {
        if (!s->n[r] || !tf_skip_is_error(r))
            continue;
        fprintf(stderr, "talentflow %s: skipped %llu input(s): %s\n", cmd,
                (unsigned long long)s->n[r], tf_skip_name(r));
        for (uint64_t i = 0; i < s->n[r] && i < TF_SKIP_EXAMPLES; i++)
            fprintf(stderr, "  %s\n", s->first[r][i].msg);
    }
}
