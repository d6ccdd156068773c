/* synth.c - `talentflow synth`: write a synthetic world with its ground truth. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char synth_usage[] =
    "usage: talentflow synth -o DIR [options]\n"
    "\n"
    "Writes a synthetic world: researchers whose careers, moves and publications\n"
    "are drawn from a parameter file. The works go to DIR/works as an OpenAlex\n"
    "snapshot (updated_date=" TF_SYNTH_UPDATED_DATE "/part_NNN.gz and a manifest); the truth\n"
    "goes to DIR/truth: residence.csv (person,year,country), moves.csv\n"
    "(person,year,origin,destination), unobserved.csv (active years with no\n"
    "country in the works) and params.conf. Same parameters and seed, same bytes.\n"
    "DIR/truth and DIR/works are replaced whole, and only once both are written.\n"
    "\n"
    "options:\n"
    "  -o, --out DIR       output folder (created if missing)                 [required]\n"
    "      --params FILE   parameter file applied over the built-in world\n"
    "                      (see examples/world.conf; unknown keys are an error)\n"
    "      --people N      persons in the world                         [file or 10000]\n"
    "      --seed N        pseudo-random seed                               [file or 1]\n"
    "      --years A-B     observation window                       [file or 2000-2020]\n"
    "      --parts N       number of works files                            [file or 8]\n"
    "      --clean         the noise-free world: one institution per authorship,\n"
    "                      in the true country; everyone publishes every active\n"
    "                      year; no nulls; the truth is recovered exactly\n"
    "      --print-params  print the parameters that would be used, and exit\n"
    "      --threads N     worker threads (no effect on the output)       [usable CPUs]\n"
    "  -q, --quiet         no progress line and no summary on stderr\n"
    "  -h, --help          this help\n";

enum {
    OPT_PARAMS = 256,
    OPT_PEOPLE,
    OPT_SEED,
    OPT_YEARS,
    OPT_PARTS,
    OPT_CLEAN,
    OPT_PRINT,
    OPT_THREADS
};

static const struct option synth_options[] = {
    {"out", required_argument, NULL, 'o'},
    {"params", required_argument, NULL, OPT_PARAMS},
    {"people", required_argument, NULL, OPT_PEOPLE},
    {"seed", required_argument, NULL, OPT_SEED},
    {"years", required_argument, NULL, OPT_YEARS},
    {"parts", required_argument, NULL, OPT_PARTS},
    {"clean", no_argument, NULL, OPT_CLEAN},
    {"print-params", no_argument, NULL, OPT_PRINT},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* The command line: flags override the parameter file whatever their order. */
struct synth_args {
    const char *out;
    const char *params;
    const char *people, *seed, *years, *parts;
    int clean;
    int print;
    int quiet;
    unsigned threads;
};

static int parse_args(struct synth_args *a, int argc, char **argv)
{
    int c;
    long v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:qh", synth_options, NULL)) != -1) {
        switch (c) {
        case 'o':
            a->out = optarg;
            break;
        case OPT_PARAMS:
            a->params = optarg;
            break;
        case OPT_PEOPLE:
            a->people = optarg;
            break;
        case OPT_SEED:
            a->seed = optarg;
            break;
        case OPT_YEARS:
            a->years = optarg;
            break;
        case OPT_PARTS:
            a->parts = optarg;
            break;
        case OPT_CLEAN:
            a->clean = 1;
            break;
        case OPT_PRINT:
            a->print = 1;
            break;
        case 'q':
            a->quiet = 1;
            break;
        case OPT_THREADS:
            if (tf_cli_parse_long(optarg, 1, 4096, &v) < 0)
                return tf_cli_usage_error("synth", "--threads wants 1 to 4096, got '%s'", optarg);
            a->threads = (unsigned)v;
            break;
        case 'h':
            fputs(synth_usage, stdout);
            return -1;
        default:
            return TF_EXIT_USAGE;
        }
    }
    if (optind < argc)
        return tf_cli_usage_error("synth", "unexpected argument '%s'", argv[optind]);
    if (!a->out && !a->print)
        return tf_cli_usage_error("synth", "no output folder: give -o DIR");
    return TF_EXIT_OK;
}

static int parse_u64(const char *s, unsigned long long hi, unsigned long long *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* Applies the flags on top of the parameters. Returns an exit status. */
static int apply_flags(const struct synth_args *a, struct tf_synth_params *p)
{
    unsigned long long v = 0;
    if (a->people && (parse_u64(a->people, TF_SYNTH_MAX_PEOPLE, &v) < 0 || v == 0))
        return tf_cli_usage_error("synth", "--people wants 1 to %u, got '%s'", TF_SYNTH_MAX_PEOPLE,
                                  a->people);
    if (a->people)
        p->people = v;
    if (a->seed && parse_u64(a->seed, UINT64_MAX, &v) < 0)
        return tf_cli_usage_error("synth", "--seed wants a whole number, got '%s'", a->seed);
    if (a->seed)
        p->seed = v;
    if (a->parts && (parse_u64(a->parts, TF_SYNTH_MAX_PARTS, &v) < 0 || v == 0))
        return tf_cli_usage_error("synth", "--parts wants 1 to %u, got '%s'", TF_SYNTH_MAX_PARTS,
                                  a->parts);
    if (a->parts)
        p->parts = (unsigned)v;
    if (a->years && (tf_cli_parse_years(a->years, &p->year_from, &p->year_to) < 0 ||
                     !p->year_from || !p->year_to))
        return tf_cli_usage_error("synth", "--years wants A-B with A <= B, got '%s'", a->years);
    if (a->clean)
        p->clean = 1;
    return TF_EXIT_OK;
}

/* Builds the parameters: built-in world, then the file, then the flags. */
static int load_params(const struct synth_args *a, struct tf_synth_params *p)
{
    struct tf_error err;
    tf_error_init(&err);
    if (tf_synth_params_init(p) < 0) {
        fputs("talentflow synth: out of memory\n", stderr);
        return TF_EXIT_DATA;
    }
    if (a->params && tf_synth_params_load(p, a->params, &err) < 0) {
        fprintf(stderr, "talentflow synth: %s\n", err.msg);
        return err.code == TF_ERR_IO || err.code == TF_ERR_NOMEM ? TF_EXIT_DATA : TF_EXIT_USAGE;
    }
    int rc = apply_flags(a, p);
    if (rc == TF_EXIT_OK && tf_synth_params_check(p, &err) < 0)
        return tf_cli_usage_error("synth", "%s", err.msg);
    return rc;
}

static int print_params(const struct tf_synth_params *p)
{
    char *text = tf_synth_params_format(p);
    if (!text) {
        fputs("talentflow synth: out of memory\n", stderr);
        return TF_EXIT_DATA;
    }
    fputs(text, stdout);
    free(text);
    return fflush(stdout) == 0 ? TF_EXIT_OK : TF_EXIT_DATA;
}

struct progress {
    double start;
    int shown;
};

static void show_progress(void *ctx, uint64_t done, uint64_t total)
{
    struct progress *pg = ctx;
    double el = tf_cli_now() - pg->start;
    fprintf(stderr, "\r%10llu of %llu people  %5.1f %%  %6.1f s   ", (unsigned long long)done,
            (unsigned long long)total, total ? 100.0 * (double)done / (double)total : 100.0, el);
    pg->shown = 1;
}

static void print_summary(const struct tf_synth_stats *st, const char *out, double seconds)
{
    fprintf(stderr,
            "talentflow synth: %llu people, %llu person-years, %llu moves, %llu works "
            "(%.1f MB JSON, %.1f MB gzip) in %s/ (%.1f s)\n",
            (unsigned long long)st->people, (unsigned long long)st->person_years,
            (unsigned long long)st->moves, (unsigned long long)st->works,
            (double)st->json_bytes / 1e6, (double)st->gz_bytes / 1e6, out, seconds);
    if (st->unobserved)
        fprintf(stderr,
                "talentflow synth: %llu person-years have no country in the works "
                "(listed in truth/unobserved.csv)\n",
                (unsigned long long)st->unobserved);
    if (st->orcid_records)
        fprintf(stderr,
                "talentflow synth: %llu ORCID records in %s/orcid/summaries.tar.gz "
                "(their pipeline in truth/pipeline.csv)\n",
                (unsigned long long)st->orcid_records, out);
}

struct generate {
    const struct tf_synth_params *p;
    const struct tf_synth_opts *opts;
    const int *shown; /* whether the progress line needs ending */
    struct tf_synth_stats st;
};

static int generate(void *ctx, const char *dir, struct tf_error *err)
{
    struct generate *g = ctx;
    int rc = tf_synth_generate(g->p, dir, g->opts, &g->st, err);
    if (*g->shown)
        fputc('\n', stderr);
    return rc;
}

int tf_cli_synth(int argc, char **argv)
{
    struct synth_args a = {0};
    struct tf_synth_params *p = malloc(sizeof(*p));
    if (!p) {
        fputs("talentflow synth: out of memory\n", stderr);
        return TF_EXIT_DATA;
    }
    int rc = parse_args(&a, argc, argv);
    if (rc == TF_EXIT_OK)
        rc = load_params(&a, p);
    if (rc == TF_EXIT_OK && a.print) {
        rc = print_params(p);
        goto out;
    }
    if (rc != TF_EXIT_OK)
        goto out;
    struct progress pg = {.start = tf_cli_now()};
    struct tf_synth_opts opts = {.threads = a.threads};
    if (!a.quiet && isatty(2)) {
        opts.progress = show_progress;
        opts.progress_ctx = &pg;
    }
    struct generate g = {.p = p, .opts = &opts, .shown = &pg.shown};
    struct tf_error err;
    tf_error_init(&err);
    int status = tf_cli_write_staged("synth", a.out, a.quiet, generate, &g, &err);
    if (status < 0)
        rc = tf_cli_exit_for(status);
    else if (!a.quiet)
        print_summary(&g.st, a.out, tf_cli_now() - pg.start);
out:
    free(p);
    return rc < 0 ? TF_EXIT_OK : rc;
}
