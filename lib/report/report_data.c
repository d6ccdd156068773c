/*
 * report_data.c - the report's reads from the results store (see
 * report_data.h). Everything the report draws is about the talent pool
 * "all": every query of a measure table selects its rows, since the rows of
 * other pools count the same people again.
 */
#include "report/report_data.h"

#include "report/catalogue.h"
#include "store/store_db.h"
#include "util/buf.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Defaults when the caller chooses no countries. */
#define DEFAULT_SERIES 5
#define DEFAULT_CURVES 5
#define DEFAULT_TOP 12

/* The open store and where to report a failure. */
struct reader {
    struct tf_store *store;
    struct tf_error *err;
};

static int q_prepare(struct reader *r, sqlite3_stmt **st, const char *sql)
{
    return tf_store_prepare(r->store, sql, st, r->err);
}

/* Returns 1 for a row, 0 at the end, a negative status on a read failure. */
static int q_step(struct reader *r, sqlite3_stmt *st)
{
    return tf_store_step(r->store, st, r->err);
}

static int load_meta(struct reader *r, struct tf_report_data *rd)
{
    sqlite3_stmt *st = NULL;
    int rc = q_prepare(r, &st, "SELECT key, value FROM meta");
    while (rc == 0 && (rc = q_step(r, st)) > 0) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        rc = 0;
        if (!k)
            continue;
        if (strcmp(k, "talentflow_version") == 0)
            tf_store_col_text(st, 1, rd->version, sizeof(rd->version));
        else if (strcmp(k, "created_utc") == 0)
            tf_store_col_text(st, 1, rd->created, sizeof(rd->created));
        else if (strcmp(k, "format") == 0)
            tf_store_col_text(st, 1, rd->format, sizeof(rd->format));
        else if (strcmp(k, "options") == 0) {
            char o[512];
            tf_store_col_text(st, 1, o, sizeof(o));
            rd->move_kind = strstr(o, "\"move_kind\": \"study\"")  ? TF_MOVES_STUDY
                            : strstr(o, "\"move_kind\": \"work\"") ? TF_MOVES_WORK
                                                                   : TF_MOVES_ALL;
        } else if (strcmp(k, "people") == 0)
            rd->people = tf_store_col_u64(st, 1);
        else if (strcmp(k, "moves") == 0)
            rd->moves = tf_store_col_u64(st, 1);
        else if (strcmp(k, "observations") == 0)
            rd->observations = tf_store_col_u64(st, 1);
        else if (strcmp(k, "observations_kept") == 0)
            rd->kept = tf_store_col_u64(st, 1);
    }
    sqlite3_finalize(st);
    return rc;
}

static int load_countries(struct reader *r, struct tf_report_data *rd)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc = q_prepare(r, &st, "SELECT code, name FROM countries ORDER BY code");
    while (rc == 0 && (rc = q_step(r, st)) > 0) {
        rc = 0;
        if ((rc = tf_grow((void **)&rd->countries, &cap, rd->n_countries + 1,
                          sizeof(*rd->countries))) < 0)
            break;
        struct tf_rd_country *c = &rd->countries[rd->n_countries++];
        tf_store_col_text(st, 0, c->code, sizeof(c->code));
        tf_store_col_text(st, 1, c->name, sizeof(c->name));
    }
    sqlite3_finalize(st);
    return rc;
}

/* The window: the chosen years clipped to the store's country-years. */
static int load_window(struct reader *r, struct tf_report_data *rd, const struct tf_report_opts *o)
{
    sqlite3_stmt *st = NULL;
    int rc = q_prepare(r, &st, "SELECT MIN(year), MAX(year) FROM country_year WHERE pool = 'all'");
    if (rc == 0 && (rc = q_step(r, st)) > 0 && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        int a = sqlite3_column_int(st, 0), b = sqlite3_column_int(st, 1);
        rd->data_y0 = a;
        if (o->year_from && o->year_from > a)
            a = o->year_from;
        if (o->year_to && o->year_to < b)
            b = o->year_to;
        if (a <= b && b - a < TF_YEAR_MAX - TF_YEAR_MIN + 1) {
            rd->y0 = a;
            rd->y1 = b;
            rd->n_years = (size_t)(b - a + 1);
        }
    }
    sqlite3_finalize(st);
    return rc < 0 ? rc : 0;
}

static void bind_window(sqlite3_stmt *st, const struct tf_report_data *rd)
{
    sqlite3_bind_int(st, 1, rd->y0);
    sqlite3_bind_int(st, 2, rd->y1);
}

static int load_corridors(struct reader *r, struct tf_report_data *rd)
{
    sqlite3_stmt *st = NULL;
    int rc = q_prepare(r, &st,
                       "SELECT origin, destination, SUM(n) AS t FROM flows "
                       "WHERE pool = 'all' AND year BETWEEN ?1 AND ?2 GROUP BY origin, destination "
                       "HAVING t > 0 ORDER BY t DESC, origin, destination LIMIT ?3");
    if (rc == 0 && !(rd->corridors = calloc(rd->top, sizeof(*rd->corridors))))
        rc = TF_ERR_NOMEM;
    if (rc == 0) {
        bind_window(st, rd);
        sqlite3_bind_int(st, 3, (int)rd->top);
    }
    while (rc == 0 && (rc = q_step(r, st)) > 0 && rd->n_corridors < rd->top) {
        struct tf_rd_corridor *c = &rd->corridors[rd->n_corridors++];
        tf_store_col_text(st, 0, c->o, sizeof(c->o));
        tf_store_col_text(st, 1, c->d, sizeof(c->d));
        c->n = tf_store_col_u64(st, 2);
        rc = 0;
    }
    sqlite3_finalize(st);
    if (rc < 0)
        return rc;
    rc =
        q_prepare(r, &st, "SELECT SUM(n) FROM flows WHERE pool = 'all' AND year BETWEEN ?1 AND ?2");
    if (rc == 0) {
        bind_window(st, rd);
        if ((rc = q_step(r, st)) > 0)
            rd->window_moves = tf_store_col_u64(st, 0);
    }
    sqlite3_finalize(st);
    return rc < 0 ? rc : 0;
}

static int load_net(struct reader *r, struct tf_report_data *rd)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc = q_prepare(
        r, &st,
        "SELECT country, SUM(in_migrations) AS i, SUM(out_migrations) AS o, "
        "SUM(net_migration) AS m FROM country_year WHERE pool = 'all' AND year BETWEEN ?1 AND ?2 "
        "GROUP BY country HAVING i + o > 0 ORDER BY m DESC, country");
    if (rc == 0)
        bind_window(st, rd);
    while (rc == 0 && (rc = q_step(r, st)) > 0) {
        rc = 0;
        if ((rc = tf_grow((void **)&rd->net, &cap, rd->n_net + 1, sizeof(*rd->net))) < 0)
            break;
        struct tf_rd_net *n = &rd->net[rd->n_net++];
        tf_store_col_text(st, 0, n->c, sizeof(n->c));
        n->in = tf_store_col_u64(st, 1);
        n->out = tf_store_col_u64(st, 2);
        n->net = sqlite3_column_int64(st, 3);
    }
    sqlite3_finalize(st);
    return rc;
}

/*
 * Fills `codes` with the chosen countries, or with the first `max` answers of
 * `sql` (which takes the window as ?1, ?2) when none were chosen. Returns the
 * count or a negative status. Binding a window to a query without
 * parameters is harmless (SQLite reports a range error we ignore).
 */
static int choose(struct reader *r, const struct tf_report_data *rd, const struct tf_report_opts *o,
                  const char *sql, size_t max, char codes[][TF_RD_CODE])
{
    size_t n = 0;
    for (; n < o->n_countries && n < TF_REPORT_MAX_COUNTRIES; n++)
        tf_country_code(o->countries[n], codes[n]);
    if (n)
        return (int)n;
    sqlite3_stmt *st = NULL;
    int rc = q_prepare(r, &st, sql);
    if (rc == 0)
        bind_window(st, rd);
    while (rc == 0 && n < max && (rc = q_step(r, st)) > 0) {
        tf_store_col_text(st, 0, codes[n++], TF_RD_CODE);
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc < 0 ? rc : (int)n;
}

static int load_one_series(struct reader *r, sqlite3_stmt *st, struct tf_report_data *rd,
                           struct tf_rd_series *s)
{
    if (!(s->p = calloc(rd->n_years ? rd->n_years : 1, sizeof(*s->p))))
        return TF_ERR_NOMEM;
    sqlite3_reset(st);
    bind_window(st, rd);
    sqlite3_bind_text(st, 3, s->c, -1, SQLITE_STATIC);
    int rc;
    while ((rc = q_step(r, st)) > 0) {
        int y = sqlite3_column_int(st, 0);
        if (y < rd->y0 || y > rd->y1)
            continue;
        struct tf_rd_point *p = &s->p[y - rd->y0];
        p->has = 1;
        p->population = tf_store_col_u64(st, 1);
        p->in_rate = tf_store_col_real(st, 2);
        p->out_rate = tf_store_col_real(st, 3);
        p->net_rate = tf_store_col_real(st, 4);
    }
    return rc;
}

static int load_series(struct reader *r, struct tf_report_data *rd, const struct tf_report_opts *o)
{
    char codes[TF_REPORT_MAX_COUNTRIES][TF_RD_CODE];
    sqlite3_stmt *st = NULL;
    int n = choose(r, rd, o,
                   "SELECT country FROM country_year WHERE pool = 'all' AND year BETWEEN ?1 AND ?2 "
                   "GROUP BY country ORDER BY SUM(population) DESC, country",
                   DEFAULT_SERIES, codes);
    if (n <= 0)
        return n;
    if (!(rd->series = calloc((size_t)n, sizeof(*rd->series))))
        return TF_ERR_NOMEM;
    int rc =
        q_prepare(r, &st,
                  "SELECT year, population, in_rate, out_rate, net_rate FROM country_year "
                  "WHERE pool = 'all' AND year BETWEEN ?1 AND ?2 AND country = ?3 ORDER BY year");
    for (int i = 0; rc == 0 && i < n; i++) {
        struct tf_rd_series *s = &rd->series[rd->n_series++];
        memcpy(s->c, codes[i], TF_RD_CODE);
        rc = load_one_series(r, st, rd, s);
    }
    sqlite3_finalize(st);
    return rc;
}

/*
 * Reads the return curve of `c->origin` pooled over destinations, for
 * `c->cohort` (0 = pooled over cohorts too). The store marks pooled cohorts
 * with NULL; '*' is accepted as well.
 */
static int load_curve(struct reader *r, struct tf_rd_curve *c)
{
    sqlite3_stmt *st = NULL;
    int rc = q_prepare(r, &st,
                       c->cohort ? "SELECT k, departed, returned, observed, km FROM returns "
                                   "WHERE pool = 'all' AND origin = ?1 AND destination = '*' "
                                   "AND cohort = ?2"
                                 : "SELECT k, departed, returned, observed, km FROM returns "
                                   "WHERE pool = 'all' AND origin = ?1 AND destination = '*' AND "
                                   "(cohort IS NULL OR cohort = '*')");
    if (rc == 0) {
        sqlite3_bind_text(st, 1, c->origin, -1, SQLITE_STATIC);
        if (c->cohort)
            sqlite3_bind_int(st, 2, c->cohort);
    }
    while (rc == 0 && (rc = q_step(r, st)) > 0) {
        int k = sqlite3_column_int(st, 0);
        rc = 0;
        if (k < 1 || k > TF_MAX_K)
            continue;
        c->has[k] = 1;
        c->departed = tf_store_col_u64(st, 1);
        c->returned[k] = tf_store_col_u64(st, 2);
        c->observed[k] = tf_store_col_u64(st, 3);
        c->km[k] = tf_store_col_real(st, 4);
    }
    sqlite3_finalize(st);
    return rc;
}

static int load_curves(struct reader *r, struct tf_report_data *rd, const struct tf_report_opts *o)
{
    char codes[TF_REPORT_MAX_COUNTRIES][TF_RD_CODE];
    int n = choose(r, rd, o,
                   "SELECT origin FROM returns WHERE pool = 'all' AND destination = '*' AND "
                   "(cohort IS NULL OR cohort = '*') AND k = 1 "
                   "ORDER BY departed DESC, origin",
                   DEFAULT_CURVES, codes);
    if (n <= 0)
        return n;
    if (!(rd->curves = calloc((size_t)n, sizeof(*rd->curves))))
        return TF_ERR_NOMEM;
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        struct tf_rd_curve *c = &rd->curves[rd->n_curves++];
        memcpy(c->origin, codes[i], TF_RD_CODE);
        rc = load_curve(r, c);
    }
    return rc;
}

/* The cohorts of `h->origin` in the window with departures, the latest TF_RD_MAX_COHORTS. */
static int load_cohort_list(struct reader *r, const struct tf_report_data *rd,
                            struct tf_rd_cohorts *h)
{
    sqlite3_stmt *st = NULL;
    int rc = q_prepare(r, &st,
                       "SELECT cohort FROM returns WHERE pool = 'all' AND origin = ?3 "
                       "AND destination = '*' "
                       "AND k = 1 AND departed > 0 AND typeof(cohort) = 'integer' "
                       "AND cohort BETWEEN ?1 AND ?2 ORDER BY cohort DESC");
    if (rc == 0) {
        bind_window(st, rd);
        sqlite3_bind_text(st, 3, h->origin, -1, SQLITE_STATIC);
    }
    while (rc == 0 && (rc = q_step(r, st)) > 0) {
        rc = 0;
        if (h->n == TF_RD_MAX_COHORTS) {
            h->dropped++;
            continue;
        }
        h->c[h->n++].cohort = sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
    /* Oldest first, as the chart reads top to bottom. */
    for (size_t i = 0; i < h->n / 2; i++) {
        int t = h->c[i].cohort;
        h->c[i].cohort = h->c[h->n - 1 - i].cohort;
        h->c[h->n - 1 - i].cohort = t;
    }
    return rc;
}

static int curve_known(const struct tf_rd_curve *c)
{
    for (int k = 1; k <= TF_MAX_K; k++)
        if (tf_rd_known(c, k))
            return 1;
    return 0;
}

static int load_cohorts(struct reader *r, struct tf_report_data *rd)
{
    if (!rd->n_curves)
        return 0;
    if (!(rd->cohorts = calloc(TF_RD_COHORT_ORIGINS, sizeof(*rd->cohorts))))
        return TF_ERR_NOMEM;
    int rc = 0;
    /* The first origins of the curves that have a cohort in the window. */
    for (size_t i = 0; rc == 0 && i < rd->n_curves && rd->n_cohorts < TF_RD_COHORT_ORIGINS; i++) {
        struct tf_rd_cohorts *h = &rd->cohorts[rd->n_cohorts];
        memset(h, 0, sizeof(*h));
        memcpy(h->origin, rd->curves[i].origin, TF_RD_CODE);
        rc = load_cohort_list(r, rd, h);
        size_t kept = 0;
        for (size_t j = 0; rc == 0 && j < h->n; j++) {
            memcpy(h->c[j].origin, h->origin, TF_RD_CODE);
            rc = load_curve(r, &h->c[j]);
            if (rc == 0 && curve_known(&h->c[j]))
                h->c[kept++] = h->c[j];
        }
        h->n = kept;
        rd->n_cohorts += h->n > 0;
    }
    return rc;
}

#define CLASS_SQL                                                                                  \
    "SELECT origin, SUM(CASE class WHEN 'non_mobile' THEN n ELSE 0 END), "                         \
    "SUM(CASE class WHEN 'migrant' THEN n ELSE 0 END), "                                           \
    "SUM(CASE class WHEN 'directional_traveller' THEN n ELSE 0 END), "                             \
    "SUM(CASE class WHEN 'non_directional_traveller' THEN n ELSE 0 END), SUM(n) AS t "             \
    "FROM classes WHERE pool = 'all' "

static void read_classes(sqlite3_stmt *st, struct tf_rd_classes *c)
{
    tf_store_col_text(st, 0, c->origin, sizeof(c->origin));
    for (int i = 0; i < TF_RD_CLASSES; i++)
        c->n[i] = tf_store_col_u64(st, 1 + i);
    c->total = tf_store_col_u64(st, 5);
}

static int load_classes(struct reader *r, struct tf_report_data *rd)
{
    sqlite3_stmt *st = NULL;
    int rc = q_prepare(r, &st,
                       CLASS_SQL "GROUP BY origin HAVING t > 0 ORDER BY t DESC, origin LIMIT ?1");
    if (rc == 0 && !(rd->classes = calloc(rd->top, sizeof(*rd->classes))))
        rc = TF_ERR_NOMEM;
    if (rc == 0)
        sqlite3_bind_int(st, 1, (int)rd->top);
    while (rc == 0 && (rc = q_step(r, st)) > 0 && rd->n_classes < rd->top) {
        read_classes(st, &rd->classes[rd->n_classes++]);
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

/* The headline country: the first chosen, else the origin with the most people. */
static int load_focus(struct reader *r, struct tf_report_data *rd, const struct tf_report_opts *o)
{
    if (o->n_countries)
        tf_country_code(o->countries[0], rd->focus);
    else if (rd->n_classes)
        memcpy(rd->focus, rd->classes[0].origin, TF_RD_CODE);
    else
        return 0;
    sqlite3_stmt *st = NULL;
    int rc = q_prepare(r, &st, CLASS_SQL "AND origin = ?1 GROUP BY origin");
    if (rc == 0) {
        sqlite3_bind_text(st, 1, rd->focus, -1, SQLITE_STATIC);
        if ((rc = q_step(r, st)) > 0)
            read_classes(st, &rd->focus_classes);
    }
    sqlite3_finalize(st);
    if (rc < 0)
        return rc;
    memcpy(rd->focus_curve.origin, rd->focus, TF_RD_CODE);
    return load_curve(r, &rd->focus_curve);
}

/*
 * Each pool with its return within TF_RD_POOL_K years summed over origins.
 * A mixture of the origins' Kaplan-Meier curves weighted by departures is
 * the curve of all departures taken together (origins as strata).
 */
static const char pools_sql[] =
    "SELECT p.name, p.people, p.moves, SUM(r.departed), SUM(r.returned),"
    " SUM(r.departed * r.km) / SUM(CASE WHEN r.km IS NOT NULL THEN r.departed END)"
    " FROM pools p LEFT JOIN returns r ON r.pool = p.name AND r.destination = '*'"
    " AND r.cohort IS NULL AND r.k = ?1 GROUP BY p.ordinal, p.name ORDER BY p.ordinal";

static int load_pools(struct reader *r, struct tf_report_data *rd)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc = q_prepare(r, &st, pools_sql);
    if (rc == 0)
        sqlite3_bind_int(st, 1, TF_RD_POOL_K);
    while (rc == 0 && (rc = q_step(r, st)) > 0) {
        if ((rc = tf_grow((void **)&rd->pools, &cap, rd->n_pools + 1, sizeof(*rd->pools))) < 0)
            break;
        struct tf_rd_pool *p = &rd->pools[rd->n_pools++];
        tf_store_col_text(st, 0, p->name, sizeof(p->name));
        p->people = tf_store_col_u64(st, 1);
        p->moves = tf_store_col_u64(st, 2);
        p->departed = tf_store_col_u64(st, 3);
        p->returned = tf_store_col_u64(st, 4);
        p->km = tf_store_col_real(st, 5);
    }
    sqlite3_finalize(st);
    return rc;
}

/*
 * Replaces the store's English names with those of the page's language, from
 * iso-codes' catalogue (its entries are keyed by the English short name). A
 * name the catalogue lacks stays English; a missing catalogue is noted.
 */
static void translate_names(struct tf_report_data *rd, const struct tf_report_opts *o)
{
    struct tf_catalogue cat;
    char path[4200];
    if (tf_catalogue_path(o->lang, o->localedir, path, sizeof(path)) < 0)
        return;
    if (tf_catalogue_open(&cat, path) < 0) {
        rd->names_missing = 1;
        return;
    }
    for (size_t i = 0; i < rd->n_countries; i++) {
        struct tf_rd_country *c = &rd->countries[i];
        tf_country code;
        if (tf_country_parse(c->code, strlen(c->code), &code) < 0)
            continue;
        const char *name = tf_catalogue_get(&cat, tf_country_name(code));
        if (name && strlen(name) < sizeof(c->name))
            memcpy(c->name, name, strlen(name) + 1);
    }
    tf_catalogue_release(&cat);
}

/* Gives `code` the next style unless it has one. */
static void style_add(struct tf_report_data *rd, const char *code)
{
    if (!code[0] || rd->n_styled == TF_RD_STYLES)
        return;
    for (size_t i = 0; i < rd->n_styled; i++)
        if (strcmp(rd->styled[i], code) == 0)
            return;
    memcpy(rd->styled[rd->n_styled++], code, TF_RD_CODE);
}

static void assign_styles(struct tf_report_data *rd)
{
    style_add(rd, rd->pair.code[0]);
    style_add(rd, rd->pair.code[1]);
    for (size_t i = 0; i < rd->n_series; i++)
        style_add(rd, rd->series[i].c);
    for (size_t i = 0; i < rd->n_curves; i++)
        style_add(rd, rd->curves[i].origin);
    for (size_t i = 0; i < rd->n_corridors; i++)
        style_add(rd, rd->corridors[i].o);
}

/*
 * Adds `code` to the sorted country list with its iso-codes English name,
 * unless the store named it already (a projection's countries need not be
 * in the run).
 */
static int country_add(struct tf_report_data *rd, size_t *cap, const char *code)
{
    tf_country c;
    size_t i = 0;
    while (i < rd->n_countries && strcmp(rd->countries[i].code, code) < 0)
        i++;
    if ((i < rd->n_countries && strcmp(rd->countries[i].code, code) == 0) ||
        tf_country_parse(code, strlen(code), &c) < 0)
        return 0;
    int rc = tf_grow((void **)&rd->countries, cap, rd->n_countries + 1, sizeof(*rd->countries));
    if (rc < 0)
        return rc;
    memmove(&rd->countries[i + 1], &rd->countries[i],
            (rd->n_countries - i) * sizeof(*rd->countries));
    memset(&rd->countries[i], 0, sizeof(rd->countries[i]));
    snprintf(rd->countries[i].code, sizeof(rd->countries[i].code), "%s", code);
    snprintf(rd->countries[i].name, sizeof(rd->countries[i].name), "%s", tf_country_name(c));
    rd->n_countries++;
    return 0;
}

int tf_report_data_finish(struct tf_report_data *rd, const struct tf_report_opts *o)
{
    size_t cap = rd->n_countries;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < rd->model.n_gains; i++)
        rc = country_add(rd, &cap, rd->model.gains[i].c);
    if (rc < 0)
        return rc;
    translate_names(rd, o);
    assign_styles(rd);
    for (size_t i = 0; i < rd->model.n_fans; i++)
        style_add(rd, rd->model.fans[i].c);
    for (size_t i = 0; i < rd->n_pipe; i++) { /* largest rows first */
        style_add(rd, rd->pipe[i].first);
        style_add(rd, rd->pipe[i].highest);
    }
    return 0;
}

size_t tf_report_style(const struct tf_report_data *rd, const char *code)
{
    for (size_t i = 0; i < rd->n_styled; i++)
        if (strcmp(rd->styled[i], code) == 0)
            return i;
    return rd->n_styled; /* not reached for a country the page draws */
}

/*
 * The pipeline of pool "all", summed over degree levels and years. A store
 * from before the table existed, or a run without education records, has
 * no rows: the section is left out.
 */
static int load_pipeline(struct reader *r, struct tf_report_data *rd)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc = q_prepare(r, &st, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'pipeline'");
    int has = rc == 0 && q_step(r, st) > 0 && sqlite3_column_int(st, 0) > 0;
    sqlite3_finalize(st);
    if (rc < 0 || !has)
        return rc < 0 ? rc : 0;
    rc = q_prepare(r, &st,
                   "SELECT COALESCE(first_degree, ''), COALESCE(highest_degree, ''),"
                   " COALESCE(work, ''), SUM(n) AS t FROM pipeline WHERE pool = 'all'"
                   " GROUP BY 1, 2, 3 HAVING t > 0 ORDER BY t DESC, 1, 2, 3");
    while (rc == 0 && (rc = q_step(r, st)) > 0) {
        if ((rc = tf_grow((void **)&rd->pipe, &cap, rd->n_pipe + 1, sizeof(*rd->pipe))) < 0)
            break;
        struct tf_rd_pipe *p = &rd->pipe[rd->n_pipe++];
        tf_store_col_text(st, 0, p->first, sizeof(p->first));
        tf_store_col_text(st, 1, p->highest, sizeof(p->highest));
        tf_store_col_text(st, 2, p->work, sizeof(p->work));
        p->n = tf_store_col_u64(st, 3);
        rd->pipe_total += p->n;
    }
    sqlite3_finalize(st);
    return rc;
}

static int load_all(struct reader *r, struct tf_report_data *rd, const struct tf_report_opts *o)
{
    int rc = load_meta(r, rd);
    if (rc == 0)
        rc = load_countries(r, rd);
    if (rc == 0)
        rc = load_window(r, rd, o);
    if (rc == 0)
        rc = load_corridors(r, rd);
    if (rc == 0)
        rc = load_net(r, rd);
    if (rc == 0)
        rc = load_series(r, rd, o);
    if (rc == 0)
        rc = load_curves(r, rd, o);
    if (rc == 0)
        rc = load_cohorts(r, rd);
    if (rc == 0)
        rc = load_classes(r, rd);
    if (rc == 0)
        rc = load_focus(r, rd, o);
    if (rc == 0)
        rc = load_pools(r, rd);
    if (rc == 0)
        rc = tf_report_pair_load(r->store, rd, o, r->err);
    if (rc == 0)
        rc = load_pipeline(r, rd);
    return rc;
}

int tf_report_data_load(struct tf_report_data *rd, const char *path, const struct tf_report_opts *o,
                        struct tf_error *err)
{
    struct reader r = {NULL, err};
    memset(rd, 0, sizeof(*rd));
    rd->t = tf_report_text_for(o->lang);
    rd->top = o->top ? o->top : DEFAULT_TOP;
    int rc = tf_store_open(&r.store, path, err);
    if (rc == 0)
        rc = load_all(&r, rd, o);
    if (rc == TF_ERR_NOMEM)
        tf_error_set(err, rc, path, 0, "out of memory reading the store");
    tf_store_free(r.store);
    if (rc < 0)
        tf_report_data_release(rd);
    return rc;
}

void tf_report_data_release(struct tf_report_data *rd)
{
    for (size_t i = 0; rd->series && i < rd->n_series; i++)
        free(rd->series[i].p);
    free(rd->countries);
    free(rd->corridors);
    free(rd->net);
    free(rd->series);
    free(rd->curves);
    free(rd->cohorts);
    free(rd->classes);
    free(rd->pools);
    tf_report_pair_release(&rd->pair);
    tf_report_model_release(&rd->model);
    free(rd->pipe);
    memset(rd, 0, sizeof(*rd));
}

static int cmp_code(const void *key, const void *elem)
{
    return strcmp(key, ((const struct tf_rd_country *)elem)->code);
}

const char *tf_report_data_name(const struct tf_report_data *rd, const char *code)
{
    const struct tf_rd_country *c =
        rd->n_countries ? bsearch(code, rd->countries, rd->n_countries, sizeof(*c), cmp_code)
                        : NULL;
    return c && c->name[0] ? c->name : code;
}

int tf_rd_known(const struct tf_rd_curve *c, int k)
{
    return k >= 1 && k <= TF_MAX_K && c->has[k] && isfinite(c->km[k]) && tf_rd_at_risk(c, k) > 0;
}

uint64_t tf_rd_at_risk(const struct tf_rd_curve *c, int k)
{
    if (k < 1 || k > TF_MAX_K || !c->has[k])
        return 0;
    uint64_t before = k > 1 ? c->returned[k - 1] : 0;
    return c->observed[k] > before ? c->observed[k] - before : 0;
}
