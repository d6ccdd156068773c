/* project.c - `talentflow project`: researcher stocks moved forward under a scenario. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lang.h"
#include "table.h"

static const char project_usage[] =
    "usage: talentflow project MODEL [--scenario FILE] [--years N] -o DIR [options]\n"
    "\n"
    "Moves researcher stocks forward year by year from the last year of a model\n"
    "written by 'talentflow fit': S(t) = S(t-1)(1 + growth) + inflows - outflows,\n"
    "flows predicted by the model from the covariates and the stocks, once as a\n"
    "baseline and once under the scenario. Writes DIR/stocks.csv, DIR/flows.csv\n"
    "and DIR/headline.csv, and prints the headline: researchers gained or lost by\n"
    "each country against the baseline, with intervals from coefficient draws.\n"
    "\n"
    "options:\n"
    "  -s, --scenario FILE  scenario (JSON: see examples/scenario.json) [baseline only]\n"
    "  -n, --years N        years to project                                   [10]\n"
    "      --draws N        coefficient draws for the intervals      [200; 0 = none]\n"
    "      --seed N         draw seed                                           [1]\n"
    "      --level X        interval level                                   [0.95]\n"
    "  -o, --out DIR        output folder (created if missing)         [projection]\n"
    "      --lang LANG      the headline's language: en, zh-Hans or zh-Hant   [en]\n"
    "  -q, --quiet          no headline on standard output\n"
    "  -h, --help           this help\n";

enum { OPT_DRAWS = 256, OPT_SEED, OPT_LEVEL, OPT_LANG };

static const struct option project_options[] = {
    {"scenario", required_argument, NULL, 's'},
    {"years", required_argument, NULL, 'n'},
    {"draws", required_argument, NULL, OPT_DRAWS},
    {"seed", required_argument, NULL, OPT_SEED},
    {"level", required_argument, NULL, OPT_LEVEL},
    {"lang", required_argument, NULL, OPT_LANG},
    {"out", required_argument, NULL, 'o'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct project_args {
    struct tf_project_opts opts;
    const char *model, *scenario, *out;
    const char *lang; /* --lang of the headline */
    int quiet;
};

static int number_option(struct project_args *a, int c, const char *arg)
{
    long v;
    if (c == OPT_LEVEL) {
        char *end;
        a->opts.level = strtod(arg, &end);
        if (*end || !(a->opts.level > 0 && a->opts.level < 1))
            return tf_cli_usage_error("project", "--level wants a number in (0, 1), got '%s'", arg);
        return TF_EXIT_OK;
    }
    long lo = c == 'n' ? 1 : 0, hi = c == 'n' ? 200 : c == OPT_DRAWS ? 100000 : 2147483647L;
    if (tf_cli_parse_long(arg, lo, hi, &v) < 0)
        return tf_cli_usage_error("project", "not a valid number: '%s' (see --help)", arg);
    if (c == 'n')
        a->opts.years = (unsigned)v;
    else if (c == OPT_DRAWS)
        a->opts.draws = (unsigned)v;
    else
        a->opts.seed = (uint64_t)v;
    return TF_EXIT_OK;
}

static int parse_project_args(struct project_args *a, int argc, char **argv)
{
    int c, rc = TF_EXIT_OK;
    optind = 1;
    while (rc == TF_EXIT_OK &&
           (c = getopt_long(argc, argv, "s:n:o:qh", project_options, NULL)) != -1) {
        if (c == 's')
            a->scenario = optarg;
        else if (c == 'o')
            a->out = optarg;
        else if (c == 'q')
            a->quiet = 1;
        else if (c == OPT_LANG)
            rc = tf_cli_parse_lang("project", optarg, &a->lang);
        else if (c == 'h') {
            fputs(project_usage, stdout);
            return -1;
        } else if (c == '?')
            return TF_EXIT_USAGE;
        else
            rc = number_option(a, c, optarg);
    }
    if (rc != TF_EXIT_OK)
        return rc;
    if (optind + 1 != argc)
        return tf_cli_usage_error("project",
                                  optind < argc ? "give one model file" : "no model file");
    a->model = argv[optind];
    return TF_EXIT_OK;
}

static int by_gain(const void *x, const void *y)
{
    const struct tf_proj_stock *a = *(const struct tf_proj_stock *const *)x;
    const struct tf_proj_stock *b = *(const struct tf_proj_stock *const *)y;
    if (a->diff != b->diff)
        return a->diff > b->diff ? -1 : 1;
    return a->country < b->country ? -1 : a->country > b->country;
}

/* One country's row; its name in the language of `t`, in 22 columns whatever its script. */
static void print_row(const struct tf_projection *p, const struct tf_proj_stock *s,
                      const struct tf_cli_text *t)
{
    char code[3], name[96] = "";
    const struct tf_proj_stock *first = s - (s->year - p->year_first);
    if (tf_country_name(s->country))
        tf_report_country_name(s->country, t->lang, NULL, name, sizeof(name));
    printf("%-4s ", tf_country_code(s->country, code));
    tf_cli_put_padded(stdout, name, 22);
    printf(" %12.0f %12.0f %12.0f %+10.0f", first->base, s->base, s->scen, s->diff);
    if (p->draws)
        printf("  [%+.0f, %+.0f]", s->diff_lo, s->diff_hi);
    printf("  %+.2f%%\n", s->base > 0 ? 100.0 * s->diff / s->base : 0.0);
}

/* Every country when few, else the ten largest gains and the ten largest losses. */
static void print_headline(const struct tf_projection *p, const struct tf_cli_text *t)
{
    char line[1024], y[3][24], level[24], draws[24];
    const struct tf_proj_stock **rows = malloc((p->n_countries + 1) * sizeof(*rows));
    size_t n = 0;
    if (!rows)
        return;
    for (size_t i = 0; i < p->n_stocks; i++)
        if (p->stocks[i].year == p->year_last)
            rows[n++] = &p->stocks[i];
    qsort(rows, n, sizeof(*rows), by_gain);
    snprintf(y[0], sizeof(y[0]), "%d", p->year_first + 1);
    snprintf(y[1], sizeof(y[1]), "%d", p->year_last);
    snprintf(y[2], sizeof(y[2]), "%d", p->year_first);
    puts(tf_cli_say(line, sizeof(line), t->pj_scenario, *p->scenario ? p->scenario : t->pj_none,
                    NULL));
    fputs(tf_cli_say(line, sizeof(line), t->pj_range, y[0], y[1], y[2], NULL), stdout);
    if (p->draws) {
        snprintf(level, sizeof(level), "%.0f", 100 * p->level);
        snprintf(draws, sizeof(draws), "%u", p->draws);
        fputs(tf_cli_say(line, sizeof(line), t->pj_draws, level, draws, NULL), stdout);
    }
    printf("\n\n%s\n", tf_cli_say(line, sizeof(line), t->pj_gained, y[1], NULL));
    printf("%-4s %-22s %12d %12s %12s %10s\n", "", "country", p->year_first, "baseline", "scenario",
           "gain");
    for (size_t i = 0; i < n; i++) {
        if (n > 20 && i == 10)
            printf("...\n");
        if (n <= 20 || i < 10 || i >= n - 10)
            print_row(p, rows[i], t);
    }
    free(rows);
}

/* The projection and its scenario file, written into the staging folder. */
struct projection_out {
    const struct tf_projection *p;
    const char *scenario;
};

/*
 * DIR/scenario.json: the scenario file byte for byte, so the report can show
 * it as its author wrote it; `from` NULL removes one (a projection without a
 * scenario must not show an earlier one). Returns 0 or a negative status.
 */
static int copy_scenario(const char *from, const char *dir, struct tf_error *err)
{
    char path[4200], buf[8192];
    if ((size_t)snprintf(path, sizeof(path), "%s/scenario.json", dir) >= sizeof(path))
        return tf_error_set(err, TF_ERR_USAGE, dir, 0, "path too long");
    if (!from)
        return remove(path) == 0 || errno == ENOENT
                   ? 0
                   : tf_error_set(err, TF_ERR_IO, path, 0, "cannot remove: %s", strerror(errno));
    FILE *in = fopen(from, "rb"), *out = in ? fopen(path, "wb") : NULL;
    size_t n;
    int bad = !in || !out;
    while (!bad && (n = fread(buf, 1, sizeof(buf), in)) > 0)
        bad = fwrite(buf, 1, n, out) != n;
    bad = bad || ferror(in);
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        bad = 1;
    return bad ? tf_error_set(err, TF_ERR_IO, path, 0, "cannot copy the scenario %s here", from)
               : 0;
}

static int write_projection(void *ctx, const char *dir, struct tf_error *err)
{
    const struct projection_out *o = ctx;
    int rc = tf_projection_write(o->p, dir, err);
    return rc == 0 ? copy_scenario(o->scenario, dir, err) : rc;
}

int tf_cli_project(int argc, char **argv)
{
    struct project_args a = {.model = NULL, .out = "projection"};
    struct tf_model *m = NULL;
    struct tf_scenario *s = NULL;
    struct tf_projection *p = NULL;
    struct tf_error err;
    tf_error_init(&err);
    tf_project_opts_init(&a.opts);
    int rc = parse_project_args(&a, argc, argv);
    if (rc != TF_EXIT_OK)
        goto out;
    int st = tf_model_read_json(&m, a.model, &err);
    if (st == 0 && a.scenario)
        st = tf_scenario_load(&s, a.scenario, m, a.opts.years, &err);
    if (st == 0)
        st = tf_project(&p, m, s, &a.opts, &err);
    if (st < 0) {
        fprintf(stderr, "talentflow project: %s\n", err.msg);
        rc = tf_cli_exit_for(st);
        goto out;
    }
    struct projection_out po = {p, a.scenario};
    st = tf_cli_write_staged("project", a.out, a.quiet, write_projection, &po, &err);
    if (st == 0 && !a.scenario)
        st = copy_scenario(NULL, a.out, &err);
    if (st < 0) {
        rc = tf_cli_exit_for(st);
        goto out;
    }
    if (!a.quiet) {
        const struct tf_cli_text *t = tf_cli_text_for(a.lang);
        char line[1024];
        print_headline(p, t);
        printf("\n%s\n", tf_cli_say(line, sizeof(line),
                                    a.scenario ? t->pj_wrote_scenario : t->pj_wrote, a.out, NULL));
    }
out:
    tf_projection_free(p);
    tf_scenario_free(s);
    tf_model_free(m);
    return rc < 0 ? TF_EXIT_OK : rc;
}
