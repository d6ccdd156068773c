/*
 * query.c - `talentflow flows|rates|where|top`: questions asked of the
 * results store a run wrote, answered without rerunning.
 *
 * The four commands share one argument struct and one driver: parse the
 * options the command accepts, check them, open the store, check the talent
 * pool, ask, print. An answer with no rows is an error (exit 1) that says
 * why: a country absent from the store, or nothing in the chosen years; a
 * pool the store does not have is a usage error (exit 2) that lists its
 * pools.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lang.h"
#include "table.h"

static const char flows_usage[] =
    "usage: talentflow flows [--from COUNTRY] [--to COUNTRY] [options]\n"
    "\n"
    "Moves between countries, from the results store of a run. With --from and --to:\n"
    "the corridor year by year, with the moves back and the net. With only one of\n"
    "them: every corridor leaving (or entering) that country, summed over the years,\n"
    "largest first.\n"
    "\n"
    "options:\n"
    "      --from COUNTRY  origin: ISO code (CN, CHN) or English name (China)\n"
    "      --to COUNTRY    destination\n"
    "      --years A-B     only moves dated A to B: 2010-2020, 2010-, -2020 or 2015\n"
    "      --top N         the N rows with the most moves       [20; for a corridor: all]\n"
    "      --pool NAME     only the moves of the talent pool NAME                   [all]\n"
    "      --store PATH    the store, or the run's output folder    [./talentflow.sqlite]\n"
    "      --format F      table, csv, tsv or json                                [table]\n"
    "      --lang LANG     the title's language: en, zh-Hans or zh-Hant           [en]\n"
    "  -h, --help          this help\n"
    "\n"
    "Talent pools are those of the run ('all' is everyone); a pool the store does not\n"
    "have is an error that lists the pools it has.\n";

static const char rates_usage[] =
    "usage: talentflow rates --origin COUNTRY [--destination COUNTRY] [options]\n"
    "\n"
    "Return and stay rates by cohort, from the results store of a run. Returns: people\n"
    "of the origin who left for the destination in a year (the cohort), and how many\n"
    "were back within k years. Stays: people of the origin who arrived in the\n"
    "destination in a year, and how many were still there k years later. The last row\n"
    "(cohort *) pools every cohort.\n"
    "\n"
    "options:\n"
    "      --origin COUNTRY       ISO code (CN, CHN) or English name (China)   [required]\n"
    "      --destination COUNTRY  only people who went there                [any country]\n"
    "      --k K                  years after departure or arrival, 1 to 10           [5]\n"
    "      --pool NAME            only the people of the talent pool NAME           [all]\n"
    "      --store PATH           the store or the run's folder     [./talentflow.sqlite]\n"
    "      --format F             table, csv, tsv or json                         [table]\n"
    "      --lang LANG            the title's language: en, zh-Hans or zh-Hant    [en]\n"
    "  -h, --help                 this help\n";

static const char where_usage[] =
    "usage: talentflow where --origin COUNTRY [options]\n"
    "\n"
    "Where the people of an origin country are now: the country of their last\n"
    "observed year, as counts and shares, from the results store of a run.\n"
    "\n"
    "options:\n"
    "      --origin COUNTRY  ISO code (CN, CHN) or English name (China)        [required]\n"
    "      --pool NAME       only the people of the talent pool NAME                [all]\n"
    "      --store PATH      the store, or the run's output folder  [./talentflow.sqlite]\n"
    "      --format F        table, csv, tsv or json                              [table]\n"
    "      --lang LANG       the title's language: en, zh-Hans or zh-Hant         [en]\n"
    "  -h, --help            this help\n";

static const char top_usage[] =
    "usage: talentflow top [--by net|in|out|corridor] [--year Y] [options]\n"
    "\n"
    "The biggest gainers and losers, from the results store of a run: countries by net\n"
    "migration (the largest gains, then the largest losses), by moves in or by moves\n"
    "out, or the busiest corridors. Rates divide by the population of the year, or\n"
    "by person-years over all years.\n"
    "\n"
    "options:\n"
    "      --by WHAT       net, in, out or corridor                                 [net]\n"
    "      --year Y        only moves dated Y                                 [all years]\n"
    "      --top N         rows (for net: gainers and losers each)                   [10]\n"
    "      --pool NAME     only the moves of the talent pool NAME                   [all]\n"
    "      --store PATH    the store, or the run's output folder    [./talentflow.sqlite]\n"
    "      --format F      table, csv, tsv or json                                [table]\n"
    "      --lang LANG     the title's language: en, zh-Hans or zh-Hant           [en]\n"
    "  -h, --help          this help\n";

enum {
    OPT_STORE = 256,
    OPT_FORMAT,
    OPT_FROM,
    OPT_TO,
    OPT_YEARS,
    OPT_TOP,
    OPT_ORIGIN,
    OPT_DESTINATION,
    OPT_K,
    OPT_POOL,
    OPT_BY,
    OPT_YEAR,
    OPT_DOCTORATE,
    OPT_LANG,
};

static const struct option flows_options[] = {
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"years", required_argument, NULL, OPT_YEARS},
    {"top", required_argument, NULL, OPT_TOP},
    {"pool", required_argument, NULL, OPT_POOL},
    {"store", required_argument, NULL, OPT_STORE},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"lang", required_argument, NULL, OPT_LANG},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static const struct option rates_options[] = {
    {"origin", required_argument, NULL, OPT_ORIGIN},
    {"destination", required_argument, NULL, OPT_DESTINATION},
    {"k", required_argument, NULL, OPT_K},
    {"pool", required_argument, NULL, OPT_POOL},
    {"store", required_argument, NULL, OPT_STORE},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"lang", required_argument, NULL, OPT_LANG},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static const struct option where_options[] = {
    {"origin", required_argument, NULL, OPT_ORIGIN},
    {"pool", required_argument, NULL, OPT_POOL},
    {"store", required_argument, NULL, OPT_STORE},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"lang", required_argument, NULL, OPT_LANG},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static const char pipeline_usage[] =
    "usage: talentflow pipeline --from COUNTRY [--doctorate-in COUNTRY] [options]\n"
    "\n"
    "Where people whose first degree was in a country work now, from the study-to-work\n"
    "pipeline of a run's results store (people with education records: ORCID, CSV).\n"
    "With --doctorate-in: of those with a doctorate from that country, how many work\n"
    "back in the country of their first degree, by year of the doctorate.\n"
    "\n"
    "options:\n"
    "      --from COUNTRY          the country of the first degree                [required]\n"
    "      --doctorate-in COUNTRY  only people whose highest degree is a doctorate from it\n"
    "      --pool NAME             only the people of the talent pool NAME             [all]\n"
    "      --store PATH            the store, or the run's output folder [./talentflow.sqlite]\n"
    "      --format F              table, csv, tsv or json                           [table]\n"
    "      --lang LANG             the title's language: en, zh-Hans or zh-Hant      [en]\n"
    "  -h, --help                  this help\n";

static const struct option pipeline_options[] = {
    {"from", required_argument, NULL, OPT_FROM},
    {"doctorate-in", required_argument, NULL, OPT_DOCTORATE},
    {"pool", required_argument, NULL, OPT_POOL},
    {"store", required_argument, NULL, OPT_STORE},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"lang", required_argument, NULL, OPT_LANG},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static const struct option top_options[] = {
    {"by", required_argument, NULL, OPT_BY},
    {"year", required_argument, NULL, OPT_YEAR},
    {"top", required_argument, NULL, OPT_TOP},
    {"pool", required_argument, NULL, OPT_POOL},
    {"store", required_argument, NULL, OPT_STORE},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"lang", required_argument, NULL, OPT_LANG},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* `top --by corridor`: not a country ranking, answered from flows. */
#define BY_CORRIDOR (-1)

struct query {
    const char *cmd;
    const char *usage;
    const struct option *options;
    const char *store_path;
    const char *pool; /* --pool; "all" = everyone */
    enum tf_cli_format format;
    tf_country a; /* --from or --origin */
    tf_country b; /* --to or --destination */
    int y0, y1;   /* --years or --year; 0 = open */
    long top;     /* -1 = the command's default */
    long k;
    int by; /* enum tf_top_by or BY_CORRIDOR */
    struct tf_store *store;
    struct tf_cli_table table;
    char title[512];
    const struct tf_cli_text *t; /* --lang of titles and messages */
    struct tf_error err;
};

/* ---- options ------------------------------------------------------------ */

static int parse_country(struct query *q, const char *opt, const char *arg, tf_country *out)
{
    if (tf_country_parse(arg, strlen(arg), out) == 0)
        return TF_EXIT_OK;
    return tf_cli_usage_error(q->cmd,
                              "--%s: unknown country '%s' (give an ISO code such as CN or CHN, "
                              "or an English name such as China)",
                              opt, arg);
}

static int parse_by(const char *s, int *by)
{
    static const struct {
        const char *name;
        int by;
    } names[] = {{"net", TF_TOP_NET},
                 {"in", TF_TOP_IN},
                 {"out", TF_TOP_OUT},
                 {"corridor", BY_CORRIDOR},
                 {"corridors", BY_CORRIDOR}};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(s, names[i].name) == 0) {
            *by = names[i].by;
            return 0;
        }
    }
    return -1;
}

/* Options that take numbers or words; returns an exit status. */
static int number_option(struct query *q, int c, const char *arg)
{
    long v;
    switch (c) {
    case OPT_YEARS:
        if (tf_cli_parse_years(arg, &q->y0, &q->y1) < 0)
            return tf_cli_usage_error(q->cmd, "--years wants A-B with years, got '%s'", arg);
        return TF_EXIT_OK;
    case OPT_YEAR:
        if (tf_cli_parse_long(arg, TF_YEAR_MIN, TF_YEAR_MAX, &v) < 0)
            return tf_cli_usage_error(q->cmd, "--year wants a year, got '%s'", arg);
        q->y0 = q->y1 = (int)v;
        return TF_EXIT_OK;
    case OPT_TOP:
        if (tf_cli_parse_long(arg, 1, 1000000, &q->top) < 0)
            return tf_cli_usage_error(q->cmd, "--top wants a count of at least 1, got '%s'", arg);
        return TF_EXIT_OK;
    case OPT_K:
        if (tf_cli_parse_long(arg, 1, TF_MAX_K, &q->k) < 0)
            return tf_cli_usage_error(q->cmd, "--k wants years from 1 to %d, got '%s'", TF_MAX_K,
                                      arg);
        return TF_EXIT_OK;
    case OPT_BY:
        if (parse_by(arg, &q->by) < 0)
            return tf_cli_usage_error(q->cmd, "--by wants net, in, out or corridor, got '%s'", arg);
        return TF_EXIT_OK;
    default:
        return TF_EXIT_USAGE;
    }
}

static int apply_option(struct query *q, int c, const char *arg)
{
    switch (c) {
    case OPT_STORE:
        q->store_path = arg;
        return TF_EXIT_OK;
    case OPT_FORMAT:
        if (tf_cli_format_parse(arg, &q->format) < 0)
            return tf_cli_usage_error(q->cmd, "--format wants table, csv, tsv or json, got '%s'",
                                      arg);
        return TF_EXIT_OK;
    case OPT_FROM:
    case OPT_ORIGIN:
        return parse_country(q, c == OPT_FROM ? "from" : "origin", arg, &q->a);
    case OPT_TO:
    case OPT_DESTINATION:
        return parse_country(q, c == OPT_TO ? "to" : "destination", arg, &q->b);
    case OPT_DOCTORATE:
        return parse_country(q, "doctorate-in", arg, &q->b);
    case OPT_POOL:
        q->pool = arg;
        return TF_EXIT_OK;
    case OPT_LANG: {
        const char *lang = NULL;
        int rc = tf_cli_parse_lang(q->cmd, arg, &lang);
        q->t = tf_cli_text_for(lang);
        return rc;
    }
    default:
        return number_option(q, c, arg);
    }
}

/* Returns an exit status, or -1 after printing the help. */
static int parse(struct query *q, int argc, char **argv)
{
    int c, rc = TF_EXIT_OK;
    optind = 1;
    while (rc == TF_EXIT_OK && (c = getopt_long(argc, argv, "h", q->options, NULL)) != -1) {
        if (c == 'h') {
            fputs(q->usage, stdout);
            return -1;
        }
        rc = c == '?' ? TF_EXIT_USAGE : apply_option(q, c, optarg);
    }
    if (rc == TF_EXIT_OK && optind < argc)
        return tf_cli_usage_error(q->cmd, "unexpected argument '%s'", argv[optind]);
    return rc;
}

/* ---- the store and its answers ------------------------------------------ */

static int open_store(struct query *q)
{
    int st = tf_store_open(&q->store, q->store_path, &q->err);
    if (st == 0)
        return TF_EXIT_OK;
    fprintf(stderr, "talentflow %s: %s\n", q->cmd, q->err.msg);
    if (st == TF_ERR_IO)
        fprintf(stderr,
                "  'talentflow run ... -o DIR' writes DIR/%s; give that folder with --store DIR\n",
                TF_STORE_FILE);
    return tf_cli_exit_for(st);
}

/* "CN (China)", or "中国（CN）" in Chinese */
static const char *label(const struct query *q, tf_country c, char *buf, size_t size)
{
    return tf_cli_country(q->t, c, buf, size);
}

/* "all years", "2010-2020", "from 2010", "to 2020" or "2015". */
static const char *years_text(const struct query *q, char *buf, size_t size)
{
    char a[24], b[24];
    int y0 = q->y0, y1 = q->y1;
    snprintf(a, sizeof(a), "%d", y0);
    snprintf(b, sizeof(b), "%d", y1);
    if (!y0 && !y1)
        snprintf(buf, size, "%s", q->t->years_all);
    else if (y0 == y1)
        tf_cli_say(buf, size, q->t->years_one, a, NULL);
    else if (!y1)
        tf_cli_say(buf, size, q->t->years_from, a, NULL);
    else if (!y0)
        tf_cli_say(buf, size, q->t->years_to, b, NULL);
    else
        tf_cli_say(buf, size, q->t->years_span, a, b, NULL);
    return buf;
}

/* Formats `tmpl` with the strings that follow (ending with NULL) into q->title. */
#define TITLE(q, ...) tf_cli_say((q)->title, sizeof((q)->title), __VA_ARGS__, NULL)

/*
 * Says why nothing matched: a country the store never saw, else `why`, with
 * the years the store holds when the question had a window of years.
 */
static int explain_empty(struct query *q, const char *why)
{
    const tf_country cs[2] = {q->a, q->b};
    char l[160], line[1024], a[24], b[24];
    for (int i = 0; i < 2; i++) {
        if (cs[i] && tf_store_has_country(q->store, cs[i], NULL) == 0) {
            fprintf(stderr, "talentflow %s: %s\n", q->cmd,
                    tf_cli_say(line, sizeof(line), q->t->not_in_store,
                               label(q, cs[i], l, sizeof(l)), tf_store_path(q->store), NULL));
            return TF_EXIT_DATA;
        }
    }
    int y0 = 0, y1 = 0;
    if (!q->y0 && !q->y1) {
        fprintf(stderr, "talentflow %s: %s\n", q->cmd, why);
        return TF_EXIT_DATA;
    }
    tf_store_years(q->store, &y0, &y1, NULL);
    snprintf(a, sizeof(a), "%d", y0);
    snprintf(b, sizeof(b), "%d", y1);
    fprintf(stderr, "talentflow %s: %s\n", q->cmd,
            tf_cli_say(line, sizeof(line), q->t->store_covers, why, a, b, NULL));
    return TF_EXIT_DATA;
}

/* Prints the table (with its title on a terminal); an empty answer is explained instead. */
static int print_answer(struct query *q, const char *why_empty)
{
    if (tf_cli_table_print(&q->table, q->format, q->title, stdout) < 0) {
        fprintf(stderr, "talentflow %s: out of memory\n", q->cmd);
        return TF_EXIT_DATA;
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "talentflow %s: cannot write the answer\n", q->cmd);
        return TF_EXIT_DATA;
    }
    return q->table.n_rows ? TF_EXIT_OK : explain_empty(q, why_empty);
}

/*
 * Checks that the store has the pool asked for; an unknown one is a usage
 * error listing the pools it has.
 */
static int check_pool(struct query *q)
{
    struct tf_store_pool *pools = NULL;
    size_t n = 0, i = 0;
    char names[TF_POOLS_MAX * 34 + 8] = "";
    int st = tf_store_pools(q->store, &pools, &n, &q->err);
    if (st < 0) {
        fprintf(stderr, "talentflow %s: %s\n", q->cmd, q->err.msg);
        return tf_cli_exit_for(st);
    }
    while (i < n && strcmp(pools[i].name, q->pool) != 0)
        i++;
    int found = i < n;
    for (i = 0; !found && i < n; i++)
        snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", i ? ", " : "",
                 pools[i].name);
    free(pools);
    if (found)
        return TF_EXIT_OK;
    return tf_cli_usage_error(q->cmd, "--pool %s: %s has no such talent pool; its pools: %s",
                              q->pool, tf_store_path(q->store), names);
}

/* " in the talent pool NAME" for a title, or "" for everyone. */
static const char *pool_text(const struct query *q, char *buf, size_t size)
{
    buf[0] = '\0';
    if (strcmp(q->pool, "all") != 0)
        tf_cli_say(buf, size, q->t->pool, q->pool, NULL);
    return buf;
}

static int query_failed(struct query *q, int st)
{
    fprintf(stderr, "talentflow %s: %s\n", q->cmd, q->err.msg);
    return tf_cli_exit_for(st);
}

/*
 * Parses, checks with `check` (NULL: nothing to check), opens the store and
 * answers with `answer`. Returns the exit status.
 */
static int drive(struct query *q, int argc, char **argv, int (*check)(struct query *q),
                 int (*answer)(struct query *q))
{
    tf_error_init(&q->err);
    int rc = parse(q, argc, argv);
    if (rc == TF_EXIT_OK && check)
        rc = check(q);
    if (rc == TF_EXIT_OK)
        rc = open_store(q);
    if (rc == TF_EXIT_OK)
        rc = check_pool(q);
    if (rc == TF_EXIT_OK)
        rc = answer(q);
    tf_cli_table_release(&q->table);
    tf_store_free(q->store);
    return rc < 0 ? TF_EXIT_OK : rc;
}

static void query_init(struct query *q, const char *cmd, const char *usage,
                       const struct option *options)
{
    memset(q, 0, sizeof(*q));
    q->cmd = cmd;
    q->usage = usage;
    q->options = options;
    q->store_path = TF_STORE_FILE;
    q->pool = "all";
    q->top = -1;
    q->k = 5;
    q->by = TF_TOP_NET;
    q->t = tf_cli_text_for(NULL);
}

/* ---- flows -------------------------------------------------------------- */

static const struct tf_cli_col year_cols[] = {
    {"year", TF_COL_NUM}, {"moves", TF_COL_NUM}, {"back", TF_COL_NUM}, {"net", TF_COL_NUM}};

static const struct tf_cli_col corridor_cols[] = {{"origin", TF_COL_TEXT},
                                                  {"destination", TF_COL_TEXT},
                                                  {"moves", TF_COL_NUM},
                                                  {"back", TF_COL_NUM},
                                                  {"net", TF_COL_NUM}};

/* Moves, moves back and net of one row from column `col` on. */
static int put_moves(struct tf_cli_table *t, size_t col, const struct tf_flow_total *r)
{
    return tf_cli_table_set(t, col, "%llu", (unsigned long long)r->n) |
           tf_cli_table_set(t, col + 1, "%llu", (unsigned long long)r->back) |
           tf_cli_table_set(t, col + 2, "%lld", (long long)r->n - (long long)r->back);
}

static int flow_rows(struct query *q, const struct tf_flow_total *rows, size_t n, int by_year)
{
    char o[3], d[3];
    int bad = 0;
    tf_cli_table_init(&q->table, by_year ? year_cols : corridor_cols, by_year ? 4 : 5);
    for (size_t i = 0; !bad && i < n; i++) {
        if ((bad = tf_cli_table_row(&q->table)) != 0)
            break;
        if (by_year)
            bad |= tf_cli_table_set(&q->table, 0, "%d", rows[i].year) |
                   put_moves(&q->table, 1, &rows[i]);
        else
            bad |= tf_cli_table_set(&q->table, 0, "%s", tf_country_code(rows[i].origin, o)) |
                   tf_cli_table_set(&q->table, 1, "%s", tf_country_code(rows[i].destination, d)) |
                   put_moves(&q->table, 2, &rows[i]);
    }
    if (bad)
        fprintf(stderr, "talentflow %s: out of memory\n", q->cmd);
    return bad ? TF_EXIT_DATA : TF_EXIT_OK;
}

static void flows_title(struct query *q, char *why, size_t size)
{
    char la[160], lb[160], y[64], p[64];
    const struct tf_cli_text *t = q->t;
    if (q->a)
        label(q, q->a, la, sizeof(la));
    if (q->b)
        label(q, q->b, lb, sizeof(lb));
    years_text(q, y, sizeof(y));
    pool_text(q, p, sizeof(p));
    if (q->a && q->b) {
        TITLE(q, t->fl_pair, la, lb, y, p);
        tf_cli_say(why, size, t->fl_none_pair, la, lb, y, NULL);
    } else if (q->a) {
        TITLE(q, t->fl_from, la, y, p);
        tf_cli_say(why, size, t->fl_none_from, la, y, NULL);
    } else {
        TITLE(q, t->fl_to, lb, y, p);
        tf_cli_say(why, size, t->fl_none_to, lb, y, NULL);
    }
}

static int check_flows(struct query *q)
{
    if (!q->a && !q->b)
        return tf_cli_usage_error(q->cmd, "give --from COUNTRY, --to COUNTRY or both");
    if (q->a == q->b)
        return tf_cli_usage_error(q->cmd, "--from and --to are the same country");
    return TF_EXIT_OK;
}

static int answer_flows(struct query *q)
{
    struct tf_flow_query fq;
    struct tf_flow_total *rows = NULL;
    size_t n = 0;
    char why[512];
    tf_flow_query_init(&fq);
    fq.pool = q->pool;
    fq.from = q->a;
    fq.to = q->b;
    fq.year_from = q->y0;
    fq.year_to = q->y1;
    fq.top = q->top > 0 ? (size_t)q->top : q->a && q->b ? 0 : 20;
    int st = tf_store_flows(q->store, &fq, &rows, &n, &q->err);
    if (st < 0)
        return query_failed(q, st);
    int rc = flow_rows(q, rows, n, q->a && q->b);
    free(rows);
    flows_title(q, why, sizeof(why));
    return rc == TF_EXIT_OK ? print_answer(q, why) : rc;
}

int tf_cli_flows(int argc, char **argv)
{
    struct query q;
    query_init(&q, "flows", flows_usage, flows_options);
    return drive(&q, argc, argv, check_flows, answer_flows);
}

/* ---- rates -------------------------------------------------------------- */

static const struct tf_cli_col rate_cols[] = {
    {"cohort", TF_COL_NUM},          {"departed", TF_COL_NUM},     {"returned", TF_COL_NUM},
    {"return_observed", TF_COL_NUM}, {"return_rate", TF_COL_RATE}, {"km", TF_COL_RATE},
    {"arrived", TF_COL_NUM},         {"stayed", TF_COL_NUM},       {"stay_observed", TF_COL_NUM},
    {"stay_rate", TF_COL_RATE},
};

/* The return side of a cohort: counts, the share of the observed, Kaplan-Meier. */
static int put_returns(struct tf_cli_table *t, const struct tf_cohort_rates *r)
{
    if (!r->has_returns)
        return 0;
    return tf_cli_table_set(t, 1, "%llu", (unsigned long long)r->departed) |
           tf_cli_table_set(t, 2, "%llu", (unsigned long long)r->returned) |
           tf_cli_table_set(t, 3, "%llu", (unsigned long long)r->return_observed) |
           tf_cli_table_rate(t, 4, (double)r->returned, (double)r->return_observed) |
           tf_cli_table_set(t, 5, "%.6f", r->km);
}

static int put_stays(struct tf_cli_table *t, const struct tf_cohort_rates *r)
{
    if (!r->has_stays)
        return 0;
    return tf_cli_table_set(t, 6, "%llu", (unsigned long long)r->arrived) |
           tf_cli_table_set(t, 7, "%llu", (unsigned long long)r->stayed) |
           tf_cli_table_set(t, 8, "%llu", (unsigned long long)r->stay_observed) |
           tf_cli_table_rate(t, 9, (double)r->stayed, (double)r->stay_observed);
}

static int rate_rows(struct query *q, const struct tf_cohort_rates *rows, size_t n)
{
    int bad = 0;
    tf_cli_table_init(&q->table, rate_cols, sizeof(rate_cols) / sizeof(rate_cols[0]));
    for (size_t i = 0; !bad && i < n; i++) {
        if ((bad = tf_cli_table_row(&q->table)) != 0)
            break;
        bad = (rows[i].cohort ? tf_cli_table_set(&q->table, 0, "%d", rows[i].cohort)
                              : tf_cli_table_set(&q->table, 0, "*")) |
              put_returns(&q->table, &rows[i]) | put_stays(&q->table, &rows[i]);
    }
    if (bad)
        fprintf(stderr, "talentflow %s: out of memory\n", q->cmd);
    return bad ? TF_EXIT_DATA : TF_EXIT_OK;
}

static int check_rates(struct query *q)
{
    if (!q->a)
        return tf_cli_usage_error(q->cmd, "give --origin COUNTRY");
    if (q->a == q->b)
        return tf_cli_usage_error(q->cmd, "--origin and --destination are the same country");
    return TF_EXIT_OK;
}

static int answer_rates(struct query *q)
{
    struct tf_cohort_rates *rows = NULL;
    size_t n = 0;
    char la[160], lb[160], why[512], p[64];
    int st = tf_store_rates(q->store, q->pool, q->a, q->b, (int)q->k, &rows, &n, &q->err);
    if (st < 0)
        return query_failed(q, st);
    int rc = rate_rows(q, rows, n);
    free(rows);
    char k[24];
    label(q, q->a, la, sizeof(la));
    snprintf(lb, sizeof(lb), "%s", q->t->any_other);
    if (q->b)
        label(q, q->b, lb, sizeof(lb));
    snprintf(k, sizeof(k), "%ld", q->k);
    TITLE(q, q->t->rt_title, la, lb, k, pool_text(q, p, sizeof(p)));
    tf_cli_say(why, sizeof(why), q->t->rt_none, la, lb, NULL);
    return rc == TF_EXIT_OK ? print_answer(q, why) : rc;
}

int tf_cli_rates(int argc, char **argv)
{
    struct query q;
    query_init(&q, "rates", rates_usage, rates_options);
    return drive(&q, argc, argv, check_rates, answer_rates);
}

/* ---- where -------------------------------------------------------------- */

static const struct tf_cli_col where_cols[] = {{"country", TF_COL_TEXT},
                                               {"name", TF_COL_TEXT},
                                               {"people", TF_COL_NUM},
                                               {"share", TF_COL_RATE}};

static int where_rows(struct query *q, const struct tf_where_row *rows, size_t n)
{
    char c[3];
    int bad = 0;
    tf_cli_table_init(&q->table, where_cols, 4);
    for (size_t i = 0; !bad && i < n; i++) {
        /* Country 0: the pipeline's people with no work seen. */
        const char *name = rows[i].country ? tf_country_name(rows[i].country) : "no work seen";
        if ((bad = tf_cli_table_row(&q->table)) != 0)
            break;
        bad = tf_cli_table_set(&q->table, 0, "%s",
                               rows[i].country ? tf_country_code(rows[i].country, c) : "-") |
              tf_cli_table_set(&q->table, 1, "%s", name ? name : "") |
              tf_cli_table_set(&q->table, 2, "%llu", (unsigned long long)rows[i].people) |
              tf_cli_table_set(&q->table, 3, "%.6f", rows[i].share);
    }
    if (bad)
        fprintf(stderr, "talentflow %s: out of memory\n", q->cmd);
    return bad ? TF_EXIT_DATA : TF_EXIT_OK;
}

/*
 * Tables country shares a store read gave with status `st` (or reports its
 * failure), frees them and sums their people into *total. Returns an exit status.
 */
static int share_table(struct query *q, int st, struct tf_where_row *rows, size_t n,
                       uint64_t *total)
{
    if (st < 0)
        return query_failed(q, st);
    int rc = where_rows(q, rows, n);
    for (size_t i = 0; i < n; i++)
        *total += rows[i].people;
    free(rows);
    return rc;
}

static int check_where(struct query *q)
{
    return q->a ? TF_EXIT_OK : tf_cli_usage_error(q->cmd, "give --origin COUNTRY");
}

/* A fetch of rows of country and people for a country and a pool (tf_store_where, ...). */
typedef int share_fetch(struct tf_store *s, const char *pool, tf_country c,
                        struct tf_where_row **rows, size_t *n, struct tf_error *err);

/* The answer of a share table for q->a: its rows, its title and what to say when empty. */
static int answer_shares(struct query *q, share_fetch *fetch, const char *title, const char *none)
{
    struct tf_where_row *rows = NULL;
    size_t n = 0;
    char la[160], why[512], p[64], count[24];
    uint64_t total = 0;
    int st = fetch(q->store, q->pool, q->a, &rows, &n, &q->err);
    int rc = share_table(q, st, rows, n, &total);
    if (st < 0)
        return rc;
    label(q, q->a, la, sizeof(la));
    snprintf(count, sizeof(count), "%llu", (unsigned long long)total);
    TITLE(q, title, count, la, pool_text(q, p, sizeof(p)));
    tf_cli_say(why, sizeof(why), none, la, NULL);
    return rc == TF_EXIT_OK ? print_answer(q, why) : rc;
}

static int answer_where(struct query *q)
{
    return answer_shares(q, tf_store_where, q->t->wh_title, q->t->wh_none);
}

int tf_cli_where(int argc, char **argv)
{
    struct query q;
    query_init(&q, "where", where_usage, where_options);
    return drive(&q, argc, argv, check_where, answer_where);
}

/* ---- top ---------------------------------------------------------------- */

/* The population column and the rate column are named for what they hold. */
static void top_cols(const struct query *q, struct tf_cli_col cols[7])
{
    static const char *const rate[] = {"net_rate", "in_rate", "out_rate"};
    const struct tf_cli_col c[7] = {
        {"country", TF_COL_TEXT},
        {"name", TF_COL_TEXT},
        {q->y0 ? "population" : "person_years", TF_COL_NUM},
        {"in", TF_COL_NUM},
        {"out", TF_COL_NUM},
        {"net", TF_COL_NUM},
        {rate[q->by], TF_COL_RATE},
    };
    memcpy(cols, c, sizeof(c));
}

static int top_row(struct tf_cli_table *t, const struct tf_country_total *r, int by)
{
    char c[3];
    const char *name = tf_country_name(r->country);
    int64_t net = (int64_t)r->in - (int64_t)r->out;
    double key = by == TF_TOP_IN ? (double)r->in : by == TF_TOP_OUT ? (double)r->out : (double)net;
    return tf_cli_table_set(t, 0, "%s", tf_country_code(r->country, c)) |
           tf_cli_table_set(t, 1, "%s", name ? name : "") |
           tf_cli_table_set(t, 2, "%llu", (unsigned long long)r->population) |
           tf_cli_table_set(t, 3, "%llu", (unsigned long long)r->in) |
           tf_cli_table_set(t, 4, "%llu", (unsigned long long)r->out) |
           tf_cli_table_set(t, 5, "%lld", (long long)net) |
           tf_cli_table_rate(t, 6, key, (double)r->population);
}

static int answer_countries(struct query *q)
{
    struct tf_cli_col cols[7];
    struct tf_country_total *rows = NULL;
    size_t n = 0;
    char y[64], why[512], p[64];
    int bad = 0;
    int st = tf_store_top(q->store, q->pool, (enum tf_top_by)q->by, q->y0,
                          q->top > 0 ? (size_t)q->top : 10, &rows, &n, &q->err);
    if (st < 0)
        return query_failed(q, st);
    top_cols(q, cols);
    tf_cli_table_init(&q->table, cols, 7);
    for (size_t i = 0; !bad && i < n; i++)
        bad = tf_cli_table_row(&q->table) || top_row(&q->table, &rows[i], q->by);
    free(rows);
    if (bad) {
        fprintf(stderr, "talentflow %s: out of memory\n", q->cmd);
        return TF_EXIT_DATA;
    }
    years_text(q, y, sizeof(y));
    TITLE(q, q->t->top_title, q->t->top_by[q->by], y, pool_text(q, p, sizeof(p)));
    tf_cli_say(why, sizeof(why), q->t->no_moves, y, NULL);
    return print_answer(q, why);
}

static int answer_corridors(struct query *q)
{
    struct tf_flow_query fq;
    struct tf_flow_total *rows = NULL;
    size_t n = 0;
    char y[64], why[512], p[64];
    tf_flow_query_init(&fq);
    fq.pool = q->pool;
    fq.year_from = q->y0;
    fq.year_to = q->y1;
    fq.top = q->top > 0 ? (size_t)q->top : 10;
    int st = tf_store_flows(q->store, &fq, &rows, &n, &q->err);
    if (st < 0)
        return query_failed(q, st);
    int rc = flow_rows(q, rows, n, 0);
    free(rows);
    years_text(q, y, sizeof(y));
    TITLE(q, q->t->corr_title, y, pool_text(q, p, sizeof(p)));
    tf_cli_say(why, sizeof(why), q->t->no_moves, y, NULL);
    return rc == TF_EXIT_OK ? print_answer(q, why) : rc;
}

static int answer_top(struct query *q)
{
    return q->by == BY_CORRIDOR ? answer_corridors(q) : answer_countries(q);
}

int tf_cli_top(int argc, char **argv)
{
    struct query q;
    query_init(&q, "top", top_usage, top_options);
    return drive(&q, argc, argv, NULL, answer_top);
}

/* ---- pipeline ----------------------------------------------------------- */

static int check_pipeline(struct query *q)
{
    return q->a ? TF_EXIT_OK : tf_cli_usage_error(q->cmd, "give --from COUNTRY");
}

/* Where the people of first degree q->a work now (country "-": no work seen). */
static int answer_pipeline_work(struct query *q)
{
    return answer_shares(q, tf_store_pipeline_work, q->t->pw_title, q->t->pw_none);
}

static const struct tf_cli_col doctorate_cols[] = {{"year", TF_COL_NUM},
                                                   {"doctorates", TF_COL_NUM},
                                                   {"working_home", TF_COL_NUM},
                                                   {"share", TF_COL_RATE}};

static int doctorate_rows(struct query *q, const struct tf_doctorate_row *rows, size_t n)
{
    int bad = 0;
    tf_cli_table_init(&q->table, doctorate_cols, 4);
    for (size_t i = 0; !bad && i < n; i++) {
        if ((bad = tf_cli_table_row(&q->table)) != 0)
            break;
        bad = tf_cli_table_set(&q->table, 0, "%d", rows[i].year) |
              tf_cli_table_set(&q->table, 1, "%llu", (unsigned long long)rows[i].people) |
              tf_cli_table_set(&q->table, 2, "%llu", (unsigned long long)rows[i].home) |
              tf_cli_table_set(&q->table, 3, "%.6f", rows[i].share);
    }
    if (bad)
        fprintf(stderr, "talentflow %s: out of memory\n", q->cmd);
    return bad ? TF_EXIT_DATA : TF_EXIT_OK;
}

/* Of the people of first degree q->a with a doctorate from q->b: working in q->a, by year. */
static int answer_pipeline_doctorates(struct query *q)
{
    struct tf_doctorate_row *rows = NULL;
    size_t n = 0;
    char la[96], lb[96], why[400], p[64];
    uint64_t total = 0, home = 0;
    int st = tf_store_pipeline_doctorates(q->store, q->pool, q->a, q->b, &rows, &n, &q->err);
    if (st < 0)
        return query_failed(q, st);
    int rc = doctorate_rows(q, rows, n);
    for (size_t i = 0; i < n; i++) {
        total += rows[i].people;
        home += rows[i].home;
    }
    free(rows);
    char count[2][24];
    label(q, q->a, la, sizeof(la));
    label(q, q->b, lb, sizeof(lb));
    snprintf(count[0], sizeof(count[0]), "%llu", (unsigned long long)total);
    snprintf(count[1], sizeof(count[1]), "%llu", (unsigned long long)home);
    TITLE(q, q->t->pd_title, count[0], la, lb, count[1], pool_text(q, p, sizeof(p)));
    tf_cli_say(why, sizeof(why), q->t->pd_none, la, lb, NULL);
    return rc == TF_EXIT_OK ? print_answer(q, why) : rc;
}

static int answer_pipeline(struct query *q)
{
    return q->b ? answer_pipeline_doctorates(q) : answer_pipeline_work(q);
}

int tf_cli_pipeline(int argc, char **argv)
{
    struct query q;
    query_init(&q, "pipeline", pipeline_usage, pipeline_options);
    return drive(&q, argc, argv, check_pipeline, answer_pipeline);
}
