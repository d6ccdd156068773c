/* extract.c - `talentflow extract`: inputs -> observations CSV. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "inputs.h"

static const char extract_about[] =
    "\n"
    "Writes the observations the inputs give, one per line, as CSV with the header\n"
    "person,year,country,weight,kind,org,work. Weights are exact fractions, so\n"
    "'talentflow run --csv' on the output gives the same tables as on the inputs.\n"
    "A work read more than once counts once, in its copy with the latest\n"
    "updated_date; the output is written when every input has been read, the\n"
    "files in the order of their paths, whatever the number of threads.\n"
    "\n";

static const char extract_usage[] =
    "\n"
    "options:\n"
    "  -o, --out FILE      output file, '-' for standard output                [-]\n"
    "      --threads N     reader threads, one file each at a time     [usable CPUs]\n"
    "  -q, --quiet         no progress line on stderr\n"
    "  -h, --help          this help\n";

enum { OPT_THREADS = 256 };

static const struct option extract_options[] = {
    {"out", required_argument, NULL, 'o'},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int write_record(void *ctx, unsigned lane, const struct tf_record *rec, uint64_t order,
                        struct tf_error *err)
{
    return tf_obs_writer_add_lane(ctx, lane, rec, order, err);
}

static void print_usage(void)
{
    fputs("usage: talentflow extract ", stdout);
    tf_cli_inputs_synopsis(stdout);
    fputs(" [-o FILE] [options]\n", stdout);
    fputs(extract_about, stdout);
    tf_cli_inputs_usage(stdout);
    fputs(extract_usage, stdout);
}

static int parse_extract_args(struct tf_cli_inputs *in, const char **out, unsigned *threads,
                              int argc, char **argv)
{
    long v;
    int c, rc = TF_EXIT_OK;
    struct option opts[sizeof(extract_options) / sizeof(extract_options[0]) + TF_CLI_INPUT_OPTIONS];
    size_t n = sizeof(extract_options) / sizeof(extract_options[0]) - 1;
    memcpy(opts, extract_options, sizeof(extract_options));
    tf_cli_inputs_options(opts, &n);
    opts[n] = (struct option){NULL, 0, NULL, 0};
    optind = 1;
    while (rc == TF_EXIT_OK && (c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
        if ((rc = tf_cli_inputs_option(in, "extract", c, optarg)) >= 0)
            continue;
        rc = TF_EXIT_OK;
        if (c == 'o')
            *out = optarg;
        else if (c == OPT_THREADS && tf_cli_parse_long(optarg, 1, 100000, &v) == 0)
            *threads = (unsigned)v;
        else if (c == OPT_THREADS)
            return tf_cli_usage_error("extract", "not a valid count: '%s'", optarg);
        else if (c == 'q')
            in->quiet = 1;
        else if (c == 'h') {
            print_usage();
            return -1;
        } else
            return TF_EXIT_USAGE;
    }
    if (rc != TF_EXIT_OK)
        return rc;
    if (optind < argc)
        return tf_cli_usage_error("extract", "unexpected argument '%s'", argv[optind]);
    if (!tf_cli_inputs_count(in))
        return tf_cli_usage_error("extract", "no input: give --openalex PATH or --csv PATH");
    return TF_EXIT_OK;
}

int tf_cli_extract(int argc, char **argv)
{
    struct tf_cli_inputs in;
    const char *out = "-";
    struct tf_obs_writer *w = NULL;
    struct tf_error err;
    tf_error_init(&err);
    int rc = tf_cli_inputs_init(&in, "extract");
    if (rc != TF_EXIT_OK)
        return rc;
    unsigned threads = 0;
    rc = parse_extract_args(&in, &out, &threads, argc, argv);
    if (rc != TF_EXIT_OK)
        goto out;
    unsigned lanes = tf_cli_reader_lanes(&in, threads);
    int st = tf_obs_writer_open_lanes(&w, out, lanes, &err);
    if (st == 0)
        rc = tf_cli_inputs_read(&in, "extract", lanes, write_record, w);
    if (st == 0 && rc == TF_EXIT_OK)
        st = tf_obs_writer_resolve(w, &err);
    if (st == 0 && rc == TF_EXIT_OK && !in.quiet && tf_obs_writer_superseded(w))
        fprintf(stderr, "talentflow extract: %llu superseded copies of works left out\n",
                (unsigned long long)tf_obs_writer_superseded(w));
    if (st == 0 && rc == TF_EXIT_OK) {
        st = tf_obs_writer_close(w, &err);
        w = NULL;
    }
    if (st < 0) {
        fprintf(stderr, "talentflow extract: %s\n", err.msg);
        rc = tf_cli_exit_for(st);
    }
    if (rc == TF_EXIT_OK && !in.quiet)
        tf_cli_inputs_report_skips(&in, "extract");
out:
    tf_obs_writer_abort(w);
    tf_cli_inputs_release(&in);
    return rc < 0 ? TF_EXIT_OK : rc;
}
