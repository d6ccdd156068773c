/* fit.c - `talentflow fit`: the push-pull (gravity) model of researcher flows by PPML. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lang.h"

static const char fit_usage[] =
    "usage: talentflow fit FLOWS [-o DIR] [options]\n"
    "\n"
    "Fits E[flow] = exp(x'b + fixed effects) to a table of researcher flows by\n"
    "Poisson pseudo-maximum likelihood and writes DIR/model.json (everything a\n"
    "projection needs) and DIR/fit.csv; prints the coefficient table.\n"
    "\n"
    "FLOWS is a CSV (optionally gzipped) with origin, destination, year and a count\n"
    "(n, n_migrations, flow or count): talentflow's flows.csv or the MPIDR file.\n"
    "Zero flows need not be listed: every ordered pair of countries present in a\n"
    "year enters the panel, with a zero when no flow is listed. A flow table with a\n"
    "pool column (from a run with talent pools) gives the rows of one pool: --pool.\n"
    "\n"
    "data:\n"
    "      --country-data FILE  country-year covariates (country, year, columns;\n"
    "                           --covariates is the same)\n"
    "                           [the flow file's NAME_origin/NAME_destination columns]\n"
    "      --pair-data FILE     pair covariates (origin, destination, columns)\n"
    "      --capitals FILE      capitals (iso2 or iso3, longitude, latitude): gives the\n"
    "                           pair column 'distance' (great-circle km)\n"
    "      --stock COLUMN       the researcher stock column\n"
    "                           [researchers, padded_population_of_researchers,\n"
    "                            or population of country_year.csv]\n"
    "      --top N              the N countries with the largest stock in the last\n"
    "                           year                                    [40; 0 = all]\n"
    "      --years A-B          years to use                                   [all]\n"
    "      --pool NAME          the talent pool whose rows count, in files with a\n"
    "                           pool column (flows, country data)              [all]\n"
    "specification (TERM is COLUMN or log:COLUMN; 'stock' is the stock column):\n"
    "      --push TERM          origin-side country-year covariate (repeatable)\n"
    "      --pull TERM          destination-side country-year covariate (repeatable)\n"
    "      --dyad TERM          pair covariate: distance or a --pair-data column\n"
    "      --offset SIDE:TERM   a term with coefficient 1 (SIDE push, pull or dyad),\n"
    "                           e.g. push:log:stock models flows per origin researcher\n"
    "      --fe SET             od: origin + destination + year; oy-dy: origin-year +\n"
    "                           destination-year (dyadic covariates only)       [od]\n"
    "  Without --push/--pull/--dyad: log(stock), log(gdp_per_capita), log(population)\n"
    "  on both sides (those the data have) and log(distance) with --capitals.\n"
    "estimation:\n"
    "      --vce TYPE           standard errors shown: hc0, hc1 or cluster   [cluster]\n"
    "      --cluster VAR        pair, origin, destination or year               [pair]\n"
    "      --bootstrap N        pairs cluster bootstrap, N replications            [0]\n"
    "      --seed N             bootstrap seed                                     [1]\n"
    "      --tol X              relative deviance change that ends IRLS        [1e-8]\n"
    "      --max-iter N         IRLS iteration limit                             [100]\n"
    "      --fe-method M        auto, ap (alternating projections) or dense   [auto]\n"
    "output:\n"
    "  -o, --out DIR            folder for model.json and fit.csv (created)       [.]\n"
    "      --panel FILE         also write the completed panel as CSV\n"
    "      --lang LANG          the summary's language: en, zh-Hans or zh-Hant     [en]\n"
    "  -q, --quiet              no table on standard output\n"
    "  -h, --help               this help\n";

enum {
    OPT_COUNTRY = 256,
    OPT_PAIR,
    OPT_CAPITALS,
    OPT_STOCK,
    OPT_TOP,
    OPT_YEARS,
    OPT_PUSH,
    OPT_PULL,
    OPT_DYAD,
    OPT_OFFSET,
    OPT_FE,
    OPT_VCE,
    OPT_CLUSTER,
    OPT_BOOT,
    OPT_SEED,
    OPT_TOL,
    OPT_MAXIT,
    OPT_METHOD,
    OPT_PANEL,
    OPT_POOL,
    OPT_LANG,
};

static const struct option fit_options[] = {
    {"country-data", required_argument, NULL, OPT_COUNTRY},
    {"covariates", required_argument, NULL, OPT_COUNTRY},
    {"pair-data", required_argument, NULL, OPT_PAIR},
    {"capitals", required_argument, NULL, OPT_CAPITALS},
    {"stock", required_argument, NULL, OPT_STOCK},
    {"top", required_argument, NULL, OPT_TOP},
    {"years", required_argument, NULL, OPT_YEARS},
    {"push", required_argument, NULL, OPT_PUSH},
    {"pull", required_argument, NULL, OPT_PULL},
    {"dyad", required_argument, NULL, OPT_DYAD},
    {"offset", required_argument, NULL, OPT_OFFSET},
    {"fe", required_argument, NULL, OPT_FE},
    {"vce", required_argument, NULL, OPT_VCE},
    {"cluster", required_argument, NULL, OPT_CLUSTER},
    {"bootstrap", required_argument, NULL, OPT_BOOT},
    {"seed", required_argument, NULL, OPT_SEED},
    {"tol", required_argument, NULL, OPT_TOL},
    {"max-iter", required_argument, NULL, OPT_MAXIT},
    {"fe-method", required_argument, NULL, OPT_METHOD},
    {"panel", required_argument, NULL, OPT_PANEL},
    {"pool", required_argument, NULL, OPT_POOL},
    {"lang", required_argument, NULL, OPT_LANG},
    {"out", required_argument, NULL, 'o'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct fit_args {
    struct tf_panel_opts po;
    struct tf_fit_opts fo;
    const char *flows, *out, *panel;
    const char *lang; /* --lang of the summary */
    int quiet;
};

/* Index of `s` in the NULL-terminated `names`, or -1. */
static int pick(const char *s, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

static int parse_offset(struct fit_args *a, const char *arg)
{
    static const char *const sides[] = {"push", "pull", "dyad", NULL};
    char side[8] = "";
    struct tf_error err;
    const char *colon = strchr(arg, ':');
    if (!colon || (size_t)(colon - arg) >= sizeof(side))
        return tf_cli_usage_error("fit", "--offset wants SIDE:TERM, e.g. push:log:stock");
    memcpy(side, arg, (size_t)(colon - arg));
    int s = pick(side, sides);
    if (s < 0 || tf_term_parse(&a->po.offset, s, colon + 1, &err) < 0)
        return tf_cli_usage_error("fit", "--offset wants SIDE:TERM with SIDE push, pull or dyad");
    a->po.has_offset = 1;
    return TF_EXIT_OK;
}

static int numeric_option(struct fit_args *a, int c, const char *arg)
{
    long v;
    char *end;
    if (c == OPT_TOL) {
        a->fo.tol = strtod(arg, &end);
        if (*end || !(a->fo.tol > 0 && a->fo.tol < 1))
            return tf_cli_usage_error("fit", "--tol wants a number in (0, 1), got '%s'", arg);
        return TF_EXIT_OK;
    }
    long lo = c == OPT_MAXIT ? 2 : 0, hi = c == OPT_SEED ? 2147483647L : 100000;
    if (tf_cli_parse_long(arg, lo, hi, &v) < 0)
        return tf_cli_usage_error("fit", "not a valid number: '%s'", arg);
    if (c == OPT_TOP)
        a->po.top = (unsigned)v;
    else if (c == OPT_BOOT)
        a->fo.bootstrap = (unsigned)v;
    else if (c == OPT_SEED)
        a->fo.seed = (uint64_t)v;
    else
        a->fo.max_iter = (unsigned)v;
    return TF_EXIT_OK;
}

static int choice_option(struct fit_args *a, int c, const char *arg)
{
    static const char *const fe[] = {"od", "oy-dy", NULL};
    static const char *const vce[] = {"hc0", "hc1", "cluster", NULL};
    static const char *const cl[] = {"pair", "origin", "destination", "year", NULL};
    static const char *const method[] = {"auto", "ap", "dense", NULL};
    const char *const *names = c == OPT_FE        ? fe
                               : c == OPT_VCE     ? vce
                               : c == OPT_CLUSTER ? cl
                                                  : method;
    int v = pick(arg, names);
    if (v < 0)
        return tf_cli_usage_error("fit", "unknown value '%s' (see --help)", arg);
    if (c == OPT_FE)
        a->po.fe = v;
    else if (c == OPT_VCE)
        a->fo.vce = v;
    else if (c == OPT_CLUSTER)
        a->fo.cluster = v;
    else
        a->fo.fe_method = v;
    return TF_EXIT_OK;
}

static int term_option(struct fit_args *a, int c, const char *arg)
{
    struct tf_error err;
    int side = c == OPT_PUSH ? TF_SIDE_ORIGIN : c == OPT_PULL ? TF_SIDE_DESTINATION : TF_SIDE_PAIR;
    if (tf_panel_opts_add(&a->po, side, arg, &err) < 0)
        return tf_cli_usage_error("fit", "%s", err.msg);
    return TF_EXIT_OK;
}

static int one_option(struct fit_args *a, int c, const char *arg)
{
    switch (c) {
    case OPT_COUNTRY:
        a->po.country_data = arg;
        return TF_EXIT_OK;
    case OPT_PAIR:
        a->po.pair_data = arg;
        return TF_EXIT_OK;
    case OPT_CAPITALS:
        a->po.capitals = arg;
        return TF_EXIT_OK;
    case OPT_STOCK:
        a->po.stock_column = arg;
        return TF_EXIT_OK;
    case OPT_PANEL:
        a->panel = arg;
        return TF_EXIT_OK;
    case OPT_POOL:
        a->po.pool = arg;
        return TF_EXIT_OK;
    case OPT_LANG:
        return tf_cli_parse_lang("fit", arg, &a->lang);
    case OPT_YEARS:
        if (tf_cli_parse_years(arg, &a->po.year_from, &a->po.year_to) < 0)
            return tf_cli_usage_error("fit", "--years wants A-B with years, got '%s'", arg);
        return TF_EXIT_OK;
    case OPT_PUSH:
    case OPT_PULL:
    case OPT_DYAD:
        return term_option(a, c, arg);
    case OPT_OFFSET:
        return parse_offset(a, arg);
    case OPT_FE:
    case OPT_VCE:
    case OPT_CLUSTER:
    case OPT_METHOD:
        return choice_option(a, c, arg);
    default:
        return numeric_option(a, c, arg);
    }
}

static int parse_fit_args(struct fit_args *a, int argc, char **argv)
{
    int c, rc = TF_EXIT_OK;
    optind = 1;
    while (rc == TF_EXIT_OK && (c = getopt_long(argc, argv, "o:qh", fit_options, NULL)) != -1) {
        if (c == 'o')
            a->out = optarg;
        else if (c == 'q')
            a->quiet = 1;
        else if (c == 'h') {
            fputs(fit_usage, stdout);
            return -1;
        } else if (c == '?')
            return TF_EXIT_USAGE;
        else
            rc = one_option(a, c, optarg);
    }
    if (rc != TF_EXIT_OK)
        return rc;
    if (optind + 1 != argc)
        return tf_cli_usage_error("fit", optind < argc ? "give one flow table" : "no flow table");
    a->flows = argv[optind];
    return TF_EXIT_OK;
}

/* ---- the report --------------------------------------------------------- */

/* Prints `tmpl` filled with the strings that follow (ending with NULL) and a line end. */
static void say(const char *tmpl, const char *a, const char *b, const char *c, const char *d,
                const char *e, const char *f)
{
    char line[1024];
    puts(tf_cli_say(line, sizeof(line), tmpl, a, b, c, d, e, f, NULL));
}

/* A whole number as text. */
static char *num(unsigned long long v, char buf[24])
{
    snprintf(buf, 24, "%llu", v);
    return buf;
}

static void print_summary(const struct tf_model *m, const struct tf_cli_text *t)
{
    const struct tf_panel_info *d = &m->data;
    char n[6][24], dev[32], groups[256] = "";
    say(t->fit_panel, num(d->n_obs, n[0]), num(d->flows_in_panel, n[1]), num(d->zeros_added, n[2]),
        NULL, NULL, NULL);
    num(m->n_countries, n[0]);
    num((unsigned long long)m->year_first, n[1]);
    num((unsigned long long)m->year_last, n[2]);
    if (m->top && m->n_countries == m->top)
        say(t->fit_top, n[0], num(m->top, n[3]), d->stock_column, n[2], n[1], n[2]);
    else
        say(t->fit_all, n[0], n[2], n[1], n[2], NULL, NULL);
    say(t->fit_left, num(d->flows_outside, n[0]), num(d->flows_no_covariate, n[1]), NULL, NULL,
        NULL, NULL);
    for (size_t g = 0; g < m->n_groups && g < 8; g++) {
        char code[3], item[40];
        const struct tf_model_group *s = &m->groups[g];
        snprintf(item, sizeof(item), "%s%s", g ? ", " : " (", tf_fe_dim_name(s->dim));
        if (s->country)
            snprintf(item + strlen(item), sizeof(item) - strlen(item), " %s",
                     tf_country_code(s->country, code));
        if (s->year)
            snprintf(item + strlen(item), sizeof(item) - strlen(item), " %d", s->year);
        snprintf(groups + strlen(groups), sizeof(groups) - strlen(groups), "%s", item);
    }
    snprintf(groups + strlen(groups), sizeof(groups) - strlen(groups), "%s",
             m->n_groups > 8 ? ", ...)"
             : m->n_groups   ? ")"
                             : "");
    char fe[512];
    tf_cli_say(fe, sizeof(fe), t->fit_fe, m->fe == TF_FE_OD_YEAR ? t->fe_odyear : t->fe_dyadic,
               m->fe_method == TF_FE_DENSE ? t->fe_dense : t->fe_ap, num(m->n_groups, n[0]), NULL);
    printf("%s%s\n", fe, groups);
    snprintf(dev, sizeof(dev), "%.6g", m->deviance);
    say(t->fit_irls, num(m->iterations, n[0]), dev, num(m->n_obs, n[1]), NULL, NULL, NULL);
    putchar('\n');
}

static void print_table(const struct tf_model *m)
{
    printf("%-32s %11s %10s %8s %9s  %s\n", "term", "estimate", "se", "z", "p", "95% interval");
    for (size_t j = 0; j < m->n_terms; j++) {
        const struct tf_model_term *t = &m->terms[j];
        double z, p, lo, hi;
        if (t->status != TF_TERM_ESTIMATED) {
            printf("%-32s dropped: %s\n", t->name, tf_term_status_name(t->status));
            continue;
        }
        tf_model_term_stats(m, j, &z, &p, &lo, &hi);
        printf("%-32s %11.6f %10.6f %8.2f %9.3g  [%.4f, %.4f]\n", t->name, t->estimate, t->se, z, p,
               lo, hi);
    }
}

static void print_se_note(const struct tf_model *m, const struct tf_cli_text *t)
{
    char n[3][24], f[32];
    putchar('\n');
    if (m->vce == TF_VCE_CLUSTER) {
        snprintf(f, sizeof(f), "%.6f", m->factor_cluster);
        say(t->se_cluster, t->cluster[m->cluster], num(m->n_clusters, n[0]), f,
            num(m->n_params, n[1]), NULL, NULL);
    } else if (m->vce == TF_VCE_HC1) {
        snprintf(f, sizeof(f), "%.6f", m->factor_hc1);
        say(t->se_hc1, f, num(m->n_params, n[0]), NULL, NULL, NULL, NULL);
    } else {
        say(t->se_hc0, NULL, NULL, NULL, NULL, NULL, NULL);
    }
    if (!m->bootstrap)
        return;
    putchar('\n');
    say(t->boot, num(m->bootstrap, n[0]), num(m->boot_failed, n[1]), num(m->seed, n[2]), NULL, NULL,
        NULL);
    printf("%-32s %10s  %s\n", "term", "boot se", "percentile 95% interval");
    for (size_t j = 0; j < m->n_terms; j++)
        if (m->terms[j].status == TF_TERM_ESTIMATED)
            printf("%-32s %10.6f  [%.4f, %.4f]\n", m->terms[j].name, m->terms[j].se_boot,
                   m->terms[j].boot_lo, m->terms[j].boot_hi);
}

static void report_skips(const struct tf_panel_info *d)
{
    if (d->flows_bad)
        fprintf(stderr, "talentflow fit: skipped %llu unusable rows (first: %s)\n",
                (unsigned long long)d->flows_bad, d->first_bad);
}

static int write_model(void *m, const char *dir, struct tf_error *err)
{
    return tf_model_write(m, dir, err);
}

int tf_cli_fit(int argc, char **argv)
{
    struct fit_args a = {.flows = NULL, .out = "."};
    struct tf_panel *p = NULL;
    struct tf_model *m = NULL;
    struct tf_error err;
    tf_error_init(&err);
    tf_panel_opts_init(&a.po);
    tf_fit_opts_init(&a.fo);
    int rc = parse_fit_args(&a, argc, argv);
    if (rc != TF_EXIT_OK)
        goto out;
    int st = tf_panel_build(&p, a.flows, &a.po, &err);
    if (st == 0 && a.panel)
        st = tf_panel_write_csv(p, a.panel, &err);
    if (st == 0)
        st = tf_model_fit(&m, p, &a.fo, &err);
    if (st < 0) {
        fprintf(stderr, "talentflow fit: %s\n", err.msg);
        rc = tf_cli_exit_for(st);
        goto out;
    }
    st = tf_cli_write_staged("fit", a.out, a.quiet, write_model, m, &err);
    if (st < 0) {
        rc = tf_cli_exit_for(st);
        goto out;
    }
    report_skips(&m->data);
    if (!a.quiet) {
        const struct tf_cli_text *t = tf_cli_text_for(a.lang);
        print_summary(m, t);
        print_table(m);
        print_se_note(m, t);
        putchar('\n');
        say(t->fit_wrote, a.out, NULL, NULL, NULL, NULL, NULL);
    }
out:
    tf_model_free(m);
    tf_panel_free(p);
    return rc < 0 ? TF_EXIT_OK : rc;
}
