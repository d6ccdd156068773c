/* run.c - `talentflow run`: inputs -> timelines -> mobility tables. */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "inputs.h"
#ifdef TF_WITH_MPI
#include "talentflow/dist.h"
#endif

static const char run_about[] =
    "\n"
    "Reads OpenAlex works, ORCID records or CSV observations, builds each person's\n"
    "timeline and writes country_year.csv, flows.csv, classes.csv, whereabouts.csv,\n"
    "returns.csv, stays.csv, pipeline.csv, summary.json, the results store\n"
    "talentflow.sqlite (every table, the inputs and options; see 'talentflow flows\n"
    "--help') and report.html (charts; see 'talentflow report --help') into DIR.\n"
    "With --persons, also one row per person: persons.csv and the store's persons.\n"
    "A work read more than once (in any files) counts once, in its copy with the\n"
    "latest updated_date (docs/openalex.md).\n"
    "\n";

static const char run_usage[] =
    "\n"
    "options:\n"
    "  -o, --out DIR       output folder (created if missing)                 [required]\n"
    "      --years A-B     keep observations from year A to year B (either may be empty)\n"
    "      --min-works N   drop people with fewer than N distinct works          [0]\n"
    "      --min-years N   drop people observed in fewer than N years            [1]\n"
    "      --kind KIND     the moves returns.csv and stays.csv follow: all, study (to\n"
    "                      study, or from studies to a job) or work (between jobs) [all]\n"
    "      --persons       also write the persons: persons.csv and the store's table\n"
    "      --pool SPEC     also measure a talent pool (repeatable): a preset, NAME=CRITERIA\n"
    "                      or @FILE (docs/pools.md); every table gets a pool column\n"
    "      --threads N     worker threads                             [usable CPUs]\n"
    "      --memory SIZE   budget for observations in memory (all threads)       [1G]\n"
    "      --partitions N  spill partitions                                    [256]\n"
    "      --tmp DIR       where the temporary spill folder goes     [$TMPDIR or /tmp]\n"
    "      --lang LANG     the report's language: en, zh-Hans or zh-Hant          [en]\n"
    "  -q, --quiet         no progress line and no summary on stderr\n"
    "  -h, --help          this help\n";

enum {
    OPT_YEARS = 256,
    OPT_MIN_WORKS,
    OPT_MIN_YEARS,
    OPT_PERSONS,
    OPT_THREADS,
    OPT_MEMORY,
    OPT_PARTITIONS,
    OPT_TMP,
    OPT_POOL,
    OPT_KIND,
    OPT_LANG,
};

static const struct option run_options[] = {
    {"out", required_argument, NULL, 'o'},
    {"years", required_argument, NULL, OPT_YEARS},
    {"min-works", required_argument, NULL, OPT_MIN_WORKS},
    {"min-years", required_argument, NULL, OPT_MIN_YEARS},
    {"persons", no_argument, NULL, OPT_PERSONS},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"memory", required_argument, NULL, OPT_MEMORY},
    {"partitions", required_argument, NULL, OPT_PARTITIONS},
    {"tmp", required_argument, NULL, OPT_TMP},
    {"pool", required_argument, NULL, OPT_POOL},
    {"kind", required_argument, NULL, OPT_KIND},
    {"lang", required_argument, NULL, OPT_LANG},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct run_args {
    struct tf_cli_inputs in;
    struct tf_engine_opts opts;
    const char *out;
    int want_persons_csv;              /* --persons: persons.csv and the store's persons table */
    unsigned readers;                  /* reader lanes */
    struct tf_dist *dist;              /* a run spread over MPI ranks, else NULL */
    const uint64_t *read_counts;       /* a spread run: records, bytes, remapped of all ranks */
    const struct tf_skips *read_skips; /* a spread run: all ranks' skips */
    const uint64_t *read_crc;          /* a spread run: every file's checksum */
    const char *lang;                  /* --lang of the report */
};

/* Applies one engine option; returns an exit status. */
static int engine_option(struct run_args *a, int c, const char *arg)
{
    long v;
    size_t sz;
    switch (c) {
    case OPT_YEARS:
        if (tf_cli_parse_years(arg, &a->opts.year_from, &a->opts.year_to) < 0)
            return tf_cli_usage_error("run", "--years wants A-B with years, got '%s'", arg);
        return TF_EXIT_OK;
    case OPT_MIN_WORKS:
    case OPT_MIN_YEARS:
    case OPT_THREADS:
    case OPT_PARTITIONS:
        if (tf_cli_parse_long(arg, c == OPT_PARTITIONS || c == OPT_THREADS ? 1 : 0, 100000, &v) < 0)
            return tf_cli_usage_error("run", "not a valid count: '%s'", arg);
        if (c == OPT_MIN_WORKS)
            a->opts.min_works = (unsigned)v;
        else if (c == OPT_MIN_YEARS)
            a->opts.min_years = (unsigned)v;
        else if (c == OPT_THREADS)
            a->opts.threads = (unsigned)v;
        else
            a->opts.partitions = (unsigned)v;
        return TF_EXIT_OK;
    case OPT_KIND:
        if ((a->opts.move_kind = tf_move_kind_parse(arg)) < 0)
            return tf_cli_usage_error("run", "--kind wants all, study or work, got '%s'", arg);
        return TF_EXIT_OK;
    case OPT_MEMORY:
        if (tf_cli_parse_size(arg, &sz) < 0 || sz < ((size_t)1 << 20))
            return tf_cli_usage_error("run", "--memory wants a size of at least 1M, got '%s'", arg);
        a->opts.memory = sz;
        return TF_EXIT_OK;
    default:
        return TF_EXIT_USAGE;
    }
}

static void print_usage(void)
{
    fputs("usage: talentflow run ", stdout);
    tf_cli_inputs_synopsis(stdout);
    fputs(" -o DIR [options]\n", stdout);
    fputs(run_about, stdout);
    tf_cli_inputs_usage(stdout);
    fputs(run_usage, stdout);
    size_t n = 0;
    const struct tf_pool_preset *p = tf_pool_presets(&n);
    fputs("\npool presets (--pool NAME):\n", stdout);
    for (size_t i = 0; i < n; i++)
        printf("  %-14s %s\n", p[i].name, p[i].about);
}

/* --pool SPEC: one more pool to measure. */
static int add_pool(struct run_args *a, const char *spec)
{
    struct tf_error err;
    tf_error_init(&err);
    int rc = a->opts.pools ? 0 : tf_pools_new(&a->opts.pools, &err);
    if (rc == 0)
        rc = tf_pools_add(a->opts.pools, spec, &err);
    if (rc == TF_ERR_USAGE)
        return tf_cli_usage_error("run", "--pool %s: %s", spec, err.msg);
    if (rc < 0)
        fprintf(stderr, "talentflow run: --pool %s: %s\n", spec, err.msg);
    return rc < 0 ? tf_cli_exit_for(rc) : TF_EXIT_OK;
}

/* Says which pools select nobody: their tables are empty, which is not an error. */
static void report_empty_pools(const struct tf_results *r)
{
    for (size_t i = 1; i < r->n_pools; i++)
        if (!r->pools[i].people)
            fprintf(stderr, "talentflow run: pool '%s' selects nobody; its rows are absent\n",
                    r->pools[i].name);
}

static int parse_run_args(struct run_args *a, int argc, char **argv)
{
    int c, rc = TF_EXIT_OK;
    struct option opts[sizeof(run_options) / sizeof(run_options[0]) + TF_CLI_INPUT_OPTIONS];
    size_t n = sizeof(run_options) / sizeof(run_options[0]) - 1;
    memcpy(opts, run_options, sizeof(run_options));
    tf_cli_inputs_options(opts, &n);
    opts[n] = (struct option){NULL, 0, NULL, 0};
    optind = 1;
    while (rc == TF_EXIT_OK && (c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
        if ((rc = tf_cli_inputs_option(&a->in, "run", c, optarg)) >= 0)
            continue;
        rc = TF_EXIT_OK;
        switch (c) {
        case 'o':
            a->out = optarg;
            break;
        case OPT_PERSONS:
            a->want_persons_csv = 1;
            break;
        case OPT_TMP:
            a->opts.tmpdir = optarg;
            break;
        case OPT_POOL:
            rc = add_pool(a, optarg);
            break;
        case OPT_LANG:
            rc = tf_cli_parse_lang("run", optarg, &a->lang);
            break;
        case 'q':
            a->in.quiet = 1;
            break;
        case 'h':
            print_usage();
            return -1;
        case '?':
            return TF_EXIT_USAGE;
        default:
            rc = engine_option(a, c, optarg);
            break;
        }
    }
    if (rc != TF_EXIT_OK)
        return rc;
    if (optind < argc)
        return tf_cli_usage_error("run", "unexpected argument '%s'", argv[optind]);
    if (!tf_cli_inputs_count(&a->in))
        return tf_cli_usage_error("run",
                                  "no input: give --openalex PATH or --csv PATH (see --help)");
    if (!a->out)
        return tf_cli_usage_error("run", "no output folder: give -o DIR");
    return TF_EXIT_OK;
}

static int add_record(void *ctx, unsigned lane, const struct tf_record *rec, uint64_t order,
                      struct tf_error *err)
{
    return tf_engine_add_record(ctx, lane, rec, order, err);
}

/* The store and the report drawn from it, written beside the other outputs. */
struct store_job {
    const struct tf_results *r;
    const struct tf_run_info *info;
    const char *dir;
    const char *lang;
    int rc;
    struct tf_error err;
};

static void *write_store_and_report(void *arg)
{
    struct store_job *j = arg;
    j->rc = tf_write_store(j->r, j->info, j->dir, &j->err);
    if (j->rc == 0) {
        struct tf_report_opts ro;
        tf_report_opts_init(&ro);
        ro.lang = j->lang;
        j->rc = tf_write_report(j->dir, &ro, &j->err);
    }
    return NULL;
}

/*
 * Writes every output file into a staging folder and moves them into place
 * together; *moving is set once the moves begin. With more than one thread,
 * the store and the report (drawn from the store) are written on a thread of
 * their own while this one writes the tables, the persons and summary.json:
 * the files are the same, and a failure reports the first in that order.
 * Returns a library status.
 */
static int write_outputs(struct run_args *a, const struct tf_results *r, int *moving,
                         struct tf_error *err)
{
    const struct tf_ingest *ing = a->in.ingest;
    const struct tf_merged *merged = tf_ingest_merged(ing);
    struct tf_run_info info = {
        .inputs = tf_ingest_paths(ing),
        .input_crc = a->read_crc ? a->read_crc : tf_ingest_crc(ing),
        .format = tf_ingest_format_name(ing),
        .records = a->read_counts ? a->read_counts[0] : tf_ingest_records(ing),
        .bytes = a->read_counts ? a->read_counts[1] : tf_ingest_bytes(ing),
        .read_skips = a->read_skips ? a->read_skips : tf_ingest_skips(ing),
        .opts = &a->opts,
        .merged_authors = merged ? tf_merged_authors(merged) : 0,
        .merged_works = merged ? tf_merged_works(merged) : 0,
        .remapped = a->read_counts ? a->read_counts[2] : tf_ingest_remapped(ing),
    };
    struct tf_stage st;
    int rc = tf_stage_open(&st, a->out, err);
    if (rc < 0)
        return rc;
    struct store_job job = {r, &info, st.path, a->lang, 0, {0}};
    tf_error_init(&job.err);
    pthread_t thread;
    unsigned threads = a->opts.threads ? a->opts.threads : tf_cpu_count();
    int apart = threads > 1 && pthread_create(&thread, NULL, write_store_and_report, &job) == 0;
    rc = tf_write_tables(r, st.path, err);
    if (rc == 0 && a->want_persons_csv)
        rc = tf_write_persons(r, st.path, err);
    if (rc == 0)
        rc = tf_write_summary(r, &info, st.path, err);
    if (apart)
        pthread_join(thread, NULL);
    else if (rc == 0)
        write_store_and_report(&job);
    if (rc == 0 && job.rc < 0) {
        rc = job.rc;
        *err = job.err;
    }
    if (rc < 0) {
        tf_stage_abort(&st);
        return rc;
    }
    *moving = 1;
    return tf_stage_commit(&st, err);
}

/* Reads the inputs and measures them in this process alone. Returns a library status. */
static int run_alone(struct run_args *a, struct tf_engine *e, struct tf_results **r, int *exit,
                     struct tf_error *err)
{
    *exit = tf_cli_inputs_read(&a->in, "run", a->opts.lanes, add_record, e);
    return *exit == TF_EXIT_OK ? tf_engine_finish(e, r, err) : 0;
}

#ifdef TF_WITH_MPI
/*
 * A run spread over MPI ranks (docs/scale.md): each rank reads its files and
 * measures its partitions; rank 0 gets the results. A failure on any rank
 * is printed by that rank and ends every rank.
 */
static int run_spread(struct run_args *a, struct tf_engine *e, struct tf_results **r,
                      struct tf_dist_read *read, struct tf_error *err)
{
    int exit = tf_cli_inputs_read(&a->in, "run", a->readers, add_record, e);
    if (exit != TF_EXIT_OK)
        tf_dist_abort(a->dist, exit);
    int rc = tf_dist_finish(a->dist, e, a->readers, a->in.ingest, r, read, err);
    if (rc < 0) {
        fprintf(stderr, "talentflow run: rank %u: %s\n", tf_dist_rank(a->dist), err->msg);
        tf_dist_abort(a->dist, tf_cli_exit_for(rc));
    }
    static uint64_t counts[3];
    counts[0] = read->records;
    counts[1] = read->bytes;
    counts[2] = read->remapped;
    a->read_counts = counts;
    a->read_skips = &read->skips;
    a->read_crc = read->crc;
    return 0;
}

/* Starts MPI when launched by mpirun or srun; a rank other than 0 stays quiet. */
static int start_spread(struct run_args *a)
{
    struct tf_error err;
    tf_error_init(&err);
    if (!tf_dist_launched())
        return TF_EXIT_OK;
    if (tf_dist_init(&a->dist, NULL, NULL, &err) < 0) {
        fprintf(stderr, "talentflow run: %s\n", err.msg);
        return TF_EXIT_DATA;
    }
    a->in.shard = tf_dist_rank(a->dist);
    a->in.shards = tf_dist_size(a->dist);
    if (a->in.shard)
        a->in.quiet = 1;
    return TF_EXIT_OK;
}
#endif

int tf_cli_run(int argc, char **argv)
{
    struct run_args a = {.out = NULL};
    struct tf_engine *e = NULL;
    struct tf_results *r = NULL;
    struct tf_error err;
    tf_error_init(&err);
    int rc = tf_cli_inputs_init(&a.in, "run");
    if (rc != TF_EXIT_OK)
        return rc;
    tf_engine_opts_init(&a.opts);
    rc = parse_run_args(&a, argc, argv);
#ifdef TF_WITH_MPI
    struct tf_dist_read read = {0};
    if (rc == TF_EXIT_OK)
        rc = start_spread(&a);
#endif
    if (rc != TF_EXIT_OK)
        goto out;
    a.opts.persons = a.want_persons_csv;
    a.opts.lanes = a.readers = tf_cli_reader_lanes(&a.in, a.opts.threads);
    tf_cli_warn_names("run", a.lang);
    if (a.dist)
        a.opts.lanes++;  /* the lane that takes the observations other ranks send */
    if (a.in.shard == 0) /* one rank cleans up after dead runs */
        tf_remove_stale(a.opts.tmpdir, a.out, a.in.quiet ? NULL : stderr);
#ifdef TF_WITH_MPI
    /* before any rank makes its folders: on a --tmp shared by nodes, another node's
       live folder would look like a dead process's to rank 0 */
    tf_dist_barrier(a.dist);
#endif
    int st = tf_engine_new(&e, &a.opts, &err);
#ifdef TF_WITH_MPI
    if (st == 0 && a.dist)
        st = run_spread(&a, e, &r, &read, &err);
    else
#endif
        if (st == 0)
        st = run_alone(&a, e, &r, &rc, &err);
    int writing = st == 0 && rc == TF_EXIT_OK && r, moving = 0;
    if (writing)
        st = write_outputs(&a, r, &moving, &err);
    if (st < 0) {
        fprintf(stderr, "talentflow run: %s\n", err.msg);
        if (writing && !moving)
            fprintf(stderr, "talentflow run: no output was replaced in %s\n", a.out);
        rc = tf_cli_exit_for(st);
    }
    if (rc == TF_EXIT_OK && r && !a.in.quiet) {
        report_empty_pools(r);
        tf_cli_report_skips(a.read_skips ? a.read_skips : tf_ingest_skips(a.in.ingest), "run");
        tf_cli_print_summary(r, a.out);
    }
out:
#ifdef TF_WITH_MPI
    free(read.crc);
#endif
    tf_results_free(r);
    tf_engine_free(e);
    tf_pools_free(a.opts.pools);
    tf_cli_inputs_release(&a.in);
#ifdef TF_WITH_MPI
    if (a.dist && rc != TF_EXIT_OK && rc >= 0)
        tf_dist_abort(a.dist, rc);
    tf_dist_free(a.dist);
#endif
    return rc < 0 ? TF_EXIT_OK : rc;
}
