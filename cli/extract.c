/* extract.c - `talentflow extract`: inputs -> observations CSV. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "inputs.h"

static const char extract_usage[] =
    "usage: talentflow extract (--openalex PATH | --csv PATH)... [-o FILE] [options]\n"
    "\n"
    "Writes the observations the inputs give, one per line, as CSV with the header\n"
    "person,year,country,weight,kind,org,work. Weights are exact fractions, so\n"
    "'talentflow run --csv' on the output gives the same tables as on the inputs.\n"
    "A work read more than once counts once, in its copy with the latest\n"
    "updated_date; the output is written when every input has been read.\n"
    "\n"
    "options:\n"
    "  --openalex PATH     OpenAlex works (repeatable; folders read recursively)\n"
    "  --csv PATH          CSV observations (repeatable)\n"
    "  --merged-ids PATH   OpenAlex merged_ids files or folder (a snapshot root\n"
    "                      given to --openalex brings its own)\n"
    "  -o, --out FILE      output file, '-' for standard output                [-]\n"
    "  --strict            stop at the first bad input record (exit 1)\n"
    "  -q, --quiet         no progress line on stderr\n"
    "  -h, --help          this help\n";

enum { OPT_OPENALEX = 256, OPT_CSV, OPT_STRICT, OPT_MERGED };

static const struct option extract_options[] = {
    {"openalex", required_argument, NULL, OPT_OPENALEX},
    {"csv", required_argument, NULL, OPT_CSV},
    {"out", required_argument, NULL, 'o'},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"merged-ids", required_argument, NULL, OPT_MERGED},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int write_record(void *ctx, unsigned lane, const struct tf_record *rec, uint64_t order,
                        struct tf_error *err)
{
    (void)lane; /* one lane: the output keeps the input order */
    return tf_obs_writer_add_record(ctx, rec, order, err);
}

static int parse_extract_args(struct tf_cli_inputs *in, const char **out, int argc, char **argv)
{
    int c, rc = TF_EXIT_OK;
    optind = 1;
    while (rc == TF_EXIT_OK && (c = getopt_long(argc, argv, "o:qh", extract_options, NULL)) != -1) {
        if (c == OPT_OPENALEX || c == OPT_CSV)
            rc = tf_cli_inputs_add(in, "extract", c == OPT_CSV ? TF_FORMAT_CSV : TF_FORMAT_OPENALEX,
                                   optarg);
        else if (c == OPT_MERGED)
            rc = tf_cli_inputs_add_merged(in, "extract", optarg);
        else if (c == 'o')
            *out = optarg;
        else if (c == OPT_STRICT)
            in->strict = 1;
        else if (c == 'q')
            in->quiet = 1;
        else if (c == 'h') {
            fputs(extract_usage, stdout);
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
    rc = parse_extract_args(&in, &out, argc, argv);
    if (rc != TF_EXIT_OK)
        goto out;
    int st = tf_obs_writer_open(&w, out, &err);
    if (st == 0)
        rc = tf_cli_inputs_read(&in, "extract", 1, write_record, w);
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
