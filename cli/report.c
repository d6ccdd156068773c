/* report.c - `talentflow report`: a run's store -> one self-contained HTML report. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char report_usage[] =
    "usage: talentflow report DIR [--focus A,B] [--pool NAME] [--years A-B]\n"
    "                             [--countries LIST] [--top N] [--lang LANG]\n"
    "                             [--model DIR] [--projection DIR] [-o FILE]\n"
    "\n"
    "Reads DIR/talentflow.sqlite, written by 'talentflow run', and writes one\n"
    "self-contained HTML file with the charts and the numbers behind them:\n"
    "DIR/report.html unless -o is given. It needs no network to open and prints\n"
    "in black and white. It opens with one pair of countries in one talent pool:\n"
    "where their researchers are now, how many moved each way each year, and\n"
    "whether those who left came back, with 95% intervals.\n"
    "\n"
    "options:\n"
    "      --focus A,B       the pair of the first section, two ISO codes\n"
    "                                  [the most moves between them, both ways]\n"
    "      --pool NAME       the talent pool of the first section            [all]\n"
    "      --years A-B       years of flows, net migration, rates and cohorts      [all]\n"
    "      --countries LIST  countries for the rate lines, return curves and headlines,\n"
    "                        comma-separated ISO codes (at most 8)          [the largest]\n"
    "      --top N           corridors, gainers and losers, origins by class         [12]\n"
    "      --lang LANG       en, zh-Hans or zh-Hant: the page's language; country names\n"
    "                        from iso-codes' translations                        [en]\n"
    "      --model DIR       add the push-pull model 'talentflow fit -o DIR' wrote\n"
    "      --projection DIR  add the projection 'talentflow project -o DIR' wrote\n"
    "  -o, --out FILE        the HTML file, '-' for standard output   [DIR/report.html]\n"
    "  -q, --quiet           do not say where the report was written\n"
    "  -h, --help            this help\n";

enum {
    OPT_YEARS = 256,
    OPT_COUNTRIES,
    OPT_TOP,
    OPT_FOCUS,
    OPT_POOL,
    OPT_LANG,
    OPT_MODEL,
    OPT_PROJECTION
};

static const struct option report_options[] = {
    {"years", required_argument, NULL, OPT_YEARS},
    {"countries", required_argument, NULL, OPT_COUNTRIES},
    {"top", required_argument, NULL, OPT_TOP},
    {"focus", required_argument, NULL, OPT_FOCUS},
    {"pool", required_argument, NULL, OPT_POOL},
    {"lang", required_argument, NULL, OPT_LANG},
    {"model", required_argument, NULL, OPT_MODEL},
    {"projection", required_argument, NULL, OPT_PROJECTION},
    {"out", required_argument, NULL, 'o'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Parses "US,CN,DE" into the options. Returns 0 or a usage exit status. */
static int parse_countries(const char *s, struct tf_report_opts *o)
{
    o->n_countries = 0;
    while (*s) {
        size_t len = strcspn(s, ",");
        if (o->n_countries == TF_REPORT_MAX_COUNTRIES)
            return tf_cli_usage_error("report", "--countries takes at most %d countries",
                                      TF_REPORT_MAX_COUNTRIES);
        if (tf_country_parse(s, len, &o->countries[o->n_countries]) < 0)
            return tf_cli_usage_error("report", "--countries: not a country: '%.*s'", (int)len, s);
        o->n_countries++;
        s += len + (s[len] == ',');
    }
    if (!o->n_countries)
        return tf_cli_usage_error("report", "--countries wants a list such as US,CN");
    return TF_EXIT_OK;
}

/* Parses "CN,US" into the pair of the first section. Returns 0 or a usage exit status. */
static int parse_focus(const char *s, struct tf_report_opts *o)
{
    size_t len = strcspn(s, ",");
    if (!s[len] || strchr(s + len + 1, ',') || tf_country_parse(s, len, &o->focus[0]) < 0 ||
        tf_country_parse(s + len + 1, strlen(s + len + 1), &o->focus[1]) < 0)
        return tf_cli_usage_error("report", "--focus wants two countries such as CN,US, got '%s'",
                                  s);
    if (o->focus[0] == o->focus[1])
        return tf_cli_usage_error("report", "--focus wants two different countries, got '%s'", s);
    return TF_EXIT_OK;
}

static int report_option(struct tf_report_opts *o, int c, const char *arg, int *quiet)
{
    long v;
    switch (c) {
    case OPT_YEARS:
        if (tf_cli_parse_years(arg, &o->year_from, &o->year_to) < 0)
            return tf_cli_usage_error("report", "--years wants A-B with years, got '%s'", arg);
        return TF_EXIT_OK;
    case OPT_COUNTRIES:
        return parse_countries(arg, o);
    case OPT_FOCUS:
        return parse_focus(arg, o);
    case OPT_POOL:
        o->pool = arg;
        return TF_EXIT_OK;
    case OPT_LANG:
        return tf_cli_parse_lang("report", arg, &o->lang);
    case OPT_MODEL:
        o->model_dir = arg;
        return TF_EXIT_OK;
    case OPT_PROJECTION:
        o->projection_dir = arg;
        return TF_EXIT_OK;
    case OPT_TOP:
        if (tf_cli_parse_long(arg, 1, TF_REPORT_MAX_TOP, &v) < 0)
            return tf_cli_usage_error("report", "--top wants 1 to %d, got '%s'", TF_REPORT_MAX_TOP,
                                      arg);
        o->top = (unsigned)v;
        return TF_EXIT_OK;
    case 'o':
        o->out = arg;
        return TF_EXIT_OK;
    case 'q':
        *quiet = 1;
        return TF_EXIT_OK;
    default:
        return TF_EXIT_USAGE;
    }
}

/* Returns TF_EXIT_OK, a usage status, or -1 after --help. */
static int parse_report_args(struct tf_report_opts *o, const char **dir, int *quiet, int argc,
                             char **argv)
{
    int c, rc = TF_EXIT_OK;
    optind = 1;
    while (rc == TF_EXIT_OK && (c = getopt_long(argc, argv, "o:qh", report_options, NULL)) != -1) {
        if (c == 'h') {
            fputs(report_usage, stdout);
            return -1;
        }
        rc = c == '?' ? TF_EXIT_USAGE : report_option(o, c, optarg, quiet);
    }
    if (rc != TF_EXIT_OK)
        return rc;
    if (optind >= argc)
        return tf_cli_usage_error("report", "no folder: give the DIR a run wrote");
    if (optind + 1 < argc)
        return tf_cli_usage_error("report", "unexpected argument '%s'", argv[optind + 1]);
    *dir = argv[optind];
    return TF_EXIT_OK;
}

int tf_cli_report(int argc, char **argv)
{
    struct tf_report_opts o;
    const char *dir = NULL;
    int quiet = 0;
    struct tf_error err;
    tf_error_init(&err);
    tf_report_opts_init(&o);
    int rc = parse_report_args(&o, &dir, &quiet, argc, argv);
    if (rc != TF_EXIT_OK)
        return rc < 0 ? TF_EXIT_OK : rc;
    tf_cli_warn_names("report", o.lang);
    int st = tf_write_report(dir, &o, &err);
    if (st < 0) {
        fprintf(stderr, "talentflow report: %s\n", err.msg);
        return tf_cli_exit_for(st);
    }
    if (!quiet && !(o.out && strcmp(o.out, "-") == 0))
        fprintf(stderr, "talentflow report: wrote %s%s\n", o.out ? o.out : dir,
                o.out ? "" : "/report.html");
    return TF_EXIT_OK;
}
