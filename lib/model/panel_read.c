/*
 * panel_read.c - reading the model's inputs: the flow table, country-year
 * and pair covariates, capital coordinates.
 *
 * Rows that cannot be used (a country that is not ISO 3166-1, such as the
 * Channel Islands' "CHI" in World Bank tables, a flow that is not a number)
 * are skipped and counted, with the first one remembered for the report:
 * aggregate tables from other producers always carry a few such codes, and
 * refusing the whole file for them would help nobody.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/panel_raw.h"
#include "util/buf.h"

static const char *const count_names[] = {"n", "n_migrations", "flow", "count"};
static const char *const country_names[] = {"country", "countrycode", "iso3code",
                                            "iso3",    "iso2code",    "iso2"};
static const double earth_radius_km = 6371.0;

static void note_bad(struct raw *r, const char *path, uint64_t line, const char *why,
                     const char *what)
{
    if (!r->bad++)
        snprintf(r->first_bad, sizeof(r->first_bad), "%s:%llu: %s '%s'", path,
                 (unsigned long long)line, why, what);
}

static long first_col(const struct csvrow *c, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        long k = csvrow_col(c, names[i]);
        if (k >= 0)
            return k;
    }
    return -1;
}

static void add_avail(struct raw *r, const char *name, size_t len)
{
    if (len == 0 || len >= TF_MODEL_NAME_MAX || r->n_avail >= 64)
        return;
    for (size_t i = 0; i < r->n_avail; i++)
        if (strlen(r->avail[i]) == len && strncasecmp(r->avail[i], name, len) == 0)
            return;
    memcpy(r->avail[r->n_avail], name, len);
    r->avail[r->n_avail++][len] = '\0';
}

/* Column names NAME_origin / NAME_destination offer NAME. */
static void side_columns(struct raw *r)
{
    static const char *const suffix[] = {"_origin", "_destination"};
    for (size_t i = 0; i < r->flows_csv.head.n_fields; i++) {
        const char *h = csvrow_head(&r->flows_csv, i);
        size_t hl = strlen(h);
        for (size_t k = 0; k < 2; k++) {
            size_t sl = strlen(suffix[k]);
            if (hl > sl && strcasecmp(h + hl - sl, suffix[k]) == 0)
                add_avail(r, h, hl - sl);
        }
    }
}

/* ---- talent pools -------------------------------------------------------- */

/* Remembers a pool name of the flow file (the first RAW_MAX_POOLS), for the message. */
static void note_pool(struct raw *r, const char *name)
{
    for (size_t i = 0; i < r->n_pools; i++)
        if (strcmp(r->pools[i], name) == 0)
            return;
    if (r->n_pools < RAW_MAX_POOLS)
        snprintf(r->pools[r->n_pools++], RAW_POOL_NAME, "%s", name);
}

/* Nonzero when the current row of `c` belongs to the pool asked for (pool column `col`). */
static int in_pool(const struct raw *r, const struct csvrow *c, long col)
{
    return col < 0 || strcmp(csvrow_field(c, col), r->pool) == 0;
}

/* After the flow file is read: a pool column without a row of the pool is an unknown pool. */
static int check_pool(const struct raw *r, struct tf_error *err)
{
    char names[RAW_MAX_POOLS * (RAW_POOL_NAME + 2)] = "";
    size_t len = 0;
    if (r->c_pool < 0 || r->pool_rows)
        return 0;
    for (size_t i = 0; i < r->n_pools && len < sizeof(names); i++) {
        int n = snprintf(names + len, sizeof(names) - len, "%s%s", i ? ", " : "", r->pools[i]);
        len += n > 0 ? (size_t)n : 0;
    }
    return tf_error_set(err, TF_ERR_USAGE, r->flows_csv.path, 0,
                        "no flows of the talent pool '%s'; the file's pools: %s", r->pool,
                        r->n_pools ? names : "(none)");
}

/* ---- the flow file's header ----------------------------------------------- */

static int open_flows(struct raw *r, const char *flows, struct tf_error *err)
{
    int rc = csvrow_open(&r->flows_csv, flows, err);
    if (rc < 0)
        return rc;
    r->c_origin = csvrow_col(&r->flows_csv, "origin");
    r->c_dest = csvrow_col(&r->flows_csv, "destination");
    r->c_year = csvrow_col(&r->flows_csv, "year");
    r->c_count = first_col(&r->flows_csv, count_names, 4);
    if (r->c_origin < 0 || r->c_dest < 0 || r->c_year < 0 || r->c_count < 0)
        return tf_error_set(err, TF_ERR_FORMAT, flows, 1,
                            "a flow table needs the columns origin, destination, year and a "
                            "count (n, n_migrations, flow or count)");
    r->c_pool = csvrow_col(&r->flows_csv, "pool");
    if (r->c_pool < 0 && strcmp(r->pool, "all") != 0)
        return tf_error_set(err, TF_ERR_USAGE, flows, 1,
                            "the talent pool '%s' was asked for, but the file has no pool column",
                            r->pool);
    return 0;
}

/* Reads the country-year file's header into the offer. */
static int peek_country_data(struct raw *r, const char *path, struct tf_error *err)
{
    struct csvrow c;
    int rc = csvrow_open(&c, path, err);
    if (rc == 0 && (first_col(&c, country_names, 6) < 0 || csvrow_col(&c, "year") < 0))
        rc = tf_error_set(err, TF_ERR_FORMAT, path, 1,
                          "country-year data need a year column and a country column (country, "
                          "countrycode, iso3code, iso3, iso2code or iso2)");
    long skip = rc == 0 ? first_col(&c, country_names, 6) : -1;
    for (size_t i = 0; rc == 0 && i < c.head.n_fields; i++)
        if ((long)i != skip && strcasecmp(csvrow_head(&c, i), "year") != 0)
            add_avail(r, csvrow_head(&c, i), strlen(csvrow_head(&c, i)));
    csvrow_close(&c);
    return rc;
}

int raw_has_column(const struct raw *r, const char *name)
{
    for (size_t i = 0; i < r->n_avail; i++)
        if (strcasecmp(r->avail[i], name) == 0)
            return 1;
    return 0;
}

int raw_open(struct raw *r, const char *flows, const struct tf_panel_opts *o, struct tf_error *err)
{
    memset(r, 0, sizeof(*r));
    tf_map_init(&r->cy.idx, sizeof(uint64_t));
    tf_map_init(&r->pairs.idx, sizeof(uint64_t));
    tf_map_init(&r->capitals, 2 * sizeof(double));
    r->cy_births = r->cy_deaths = r->cy_growth = -1;
    r->year_min = TF_YEAR_MAX + 1;
    r->year_max = TF_YEAR_MIN - 1;
    r->pool = o->pool ? o->pool : "all";
    int rc = open_flows(r, flows, err);
    if (rc < 0)
        return rc;
    r->cy_from_flows = !o->country_data;
    if (r->cy_from_flows)
        side_columns(r);
    else if ((rc = peek_country_data(r, o->country_data, err)) < 0)
        return rc;
    r->has_births_deaths = raw_has_column(r, "births") && raw_has_column(r, "deaths");
    r->has_growth = raw_has_column(r, "growth");
    return 0;
}

/* ---- tables ------------------------------------------------------------- */

static int table_add_col(struct raw_table *t, const char *name)
{
    if (raw_col(t, name) >= 0)
        return 0;
    if (t->n_cols >= RAW_MAX_COLS || strlen(name) >= TF_MODEL_NAME_MAX)
        return TF_ERR_USAGE;
    snprintf(t->cols[t->n_cols++], TF_MODEL_NAME_MAX, "%s", name);
    return 0;
}

long raw_col(const struct raw_table *t, const char *name)
{
    for (size_t i = 0; i < t->n_cols; i++)
        if (strcasecmp(t->cols[i], name) == 0)
            return (long)i;
    return -1;
}

/* The row for `key`, created full of NAN when absent; NULL when out of memory. */
static double *table_row(struct raw_table *t, uint64_t key)
{
    uint64_t *slot = tf_map_get(&t->idx, key);
    if (!slot)
        return NULL;
    if (!*slot) {
        if (t->n_rows == t->cap_rows) {
            size_t c = t->cap_rows ? 2 * t->cap_rows : 1024;
            double *v = realloc(t->vals, c * t->n_cols * sizeof(*v));
            if (!v)
                return NULL;
            t->vals = v;
            t->cap_rows = c;
        }
        for (size_t j = 0; j < t->n_cols; j++)
            t->vals[t->n_rows * t->n_cols + j] = NAN;
        *slot = ++t->n_rows;
    }
    return t->vals + (*slot - 1) * t->n_cols;
}

const double *raw_row(const struct raw_table *t, uint64_t key)
{
    const uint64_t *slot = tf_map_find(&t->idx, key);
    return slot ? t->vals + (*slot - 1) * t->n_cols : NULL;
}

/* Stores the numeric fields of columns `where` (one per table column) into row. */
static void store_fields(const struct csvrow *c, const long *where, size_t n, double *row)
{
    double v;
    for (size_t j = 0; j < n; j++)
        if (where[j] >= 0 && csvrow_double(csvrow_field(c, where[j]), &v) == 0)
            row[j] = v;
}

/* ---- the flow file ------------------------------------------------------ */

struct side_cols {
    long o[RAW_MAX_COLS], d[RAW_MAX_COLS];
};

static void find_side_cols(const struct raw *r, struct side_cols *sc)
{
    char name[2 * TF_MODEL_NAME_MAX];
    for (size_t j = 0; j < r->cy.n_cols; j++) {
        snprintf(name, sizeof(name), "%s_origin", r->cy.cols[j]);
        sc->o[j] = r->cy_from_flows ? csvrow_col(&r->flows_csv, name) : -1;
        snprintf(name, sizeof(name), "%s_destination", r->cy.cols[j]);
        sc->d[j] = r->cy_from_flows ? csvrow_col(&r->flows_csv, name) : -1;
    }
}

static int push_flow(struct raw *r, const struct flow_rec *f)
{
    if (tf_grow((void **)&r->flows, &r->cap_flows, r->n_flows + 1, sizeof(*r->flows)) < 0)
        return TF_ERR_NOMEM;
    r->flows[r->n_flows++] = *f;
    if (f->year < r->year_min)
        r->year_min = f->year;
    if (f->year > r->year_max)
        r->year_max = f->year;
    return 0;
}

/* Why a flow row cannot be used, with the offending field in *what; NULL when it can. */
static const char *check_flow(const struct csvrow *c, const struct raw *r, struct flow_rec *f,
                              const char **what)
{
    const char *os = csvrow_field(c, r->c_origin), *ds = csvrow_field(c, r->c_dest);
    const char *ys = csvrow_field(c, r->c_year), *ns = csvrow_field(c, r->c_count);
    *what = os;
    if (tf_country_parse(os, strlen(os), &f->o) < 0)
        return "unknown country";
    *what = ds;
    if (tf_country_parse(ds, strlen(ds), &f->d) < 0)
        return "unknown country";
    *what = ys;
    if (csvrow_year(ys, &f->year) < 0)
        return "not a year";
    *what = ns;
    if (csvrow_double(ns, &f->n) < 0 || f->n < 0)
        return "not a count";
    *what = os;
    return f->o == f->d ? "origin equals destination" : NULL;
}

/* Parses one flow row into *f; returns 0, or 1 when the row is skipped (and counted). */
static int parse_flow(struct raw *r, struct flow_rec *f)
{
    const char *what;
    const char *why = check_flow(&r->flows_csv, r, f, &what);
    if (!why)
        return 0;
    note_bad(r, r->flows_csv.path, csvrow_line(&r->flows_csv), why, what);
    return 1;
}

static int read_flows(struct raw *r, struct tf_error *err)
{
    struct side_cols sc;
    struct flow_rec f;
    int rc;
    find_side_cols(r, &sc);
    while ((rc = csvrow_next(&r->flows_csv, err)) > 0) {
        if (r->c_pool >= 0)
            note_pool(r, csvrow_field(&r->flows_csv, r->c_pool));
        if (!in_pool(r, &r->flows_csv, r->c_pool))
            continue;
        r->pool_rows++;
        if (parse_flow(r, &f))
            continue;
        if ((rc = push_flow(r, &f)) < 0)
            return tf_error_set(err, rc, r->flows_csv.path, 0, "out of memory");
        if (!r->cy_from_flows)
            continue;
        /* one row at a time: creating the second may move the first */
        double *row = table_row(&r->cy, raw_cy_key(f.o, f.year));
        if (row)
            store_fields(&r->flows_csv, sc.o, r->cy.n_cols, row);
        if (row && (row = table_row(&r->cy, raw_cy_key(f.d, f.year))) != NULL)
            store_fields(&r->flows_csv, sc.d, r->cy.n_cols, row);
        if (!row)
            return tf_error_set(err, TF_ERR_NOMEM, r->flows_csv.path, 0, "out of memory");
    }
    return rc;
}

/* ---- country-year and pair files ---------------------------------------- */

static int read_country_data(struct raw *r, const char *path, struct tf_error *err)
{
    struct csvrow c;
    long where[RAW_MAX_COLS];
    int rc = csvrow_open(&c, path, err), year;
    tf_country k;
    long kc = rc == 0 ? first_col(&c, country_names, 6) : -1, yc = csvrow_col(&c, "year");
    long pc = rc == 0 ? csvrow_col(&c, "pool") : -1;
    for (size_t j = 0; j < r->cy.n_cols; j++)
        where[j] = rc == 0 ? csvrow_col(&c, r->cy.cols[j]) : -1;
    while (rc == 0 && (rc = csvrow_next(&c, err)) > 0) {
        const char *ks = csvrow_field(&c, kc);
        rc = 0;
        if (!in_pool(r, &c, pc))
            continue;
        if (tf_country_parse(ks, strlen(ks), &k) < 0 || csvrow_year(csvrow_field(&c, yc), &year)) {
            note_bad(r, path, csvrow_line(&c), "unknown country or year", ks);
            continue;
        }
        double *row = table_row(&r->cy, raw_cy_key(k, year));
        if (!row)
            rc = tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
        else
            store_fields(&c, where, r->cy.n_cols, row);
    }
    csvrow_close(&c);
    return rc;
}

static int read_pair_data(struct raw *r, const char *path, struct tf_error *err)
{
    struct csvrow c;
    long where[RAW_MAX_COLS];
    tf_country o, d;
    int rc = csvrow_open(&c, path, err);
    long oc = csvrow_col(&c, "origin"), dc = csvrow_col(&c, "destination");
    if (rc == 0 && (oc < 0 || dc < 0))
        rc = tf_error_set(err, TF_ERR_FORMAT, path, 1,
                          "pair data need the columns origin and destination");
    for (size_t j = 0; j < r->pairs.n_cols; j++) {
        where[j] = rc == 0 ? csvrow_col(&c, r->pairs.cols[j]) : -1;
        if (rc == 0 && where[j] < 0)
            rc = tf_error_set(err, TF_ERR_USAGE, path, 1, "no pair column '%s'", r->pairs.cols[j]);
    }
    while (rc == 0 && (rc = csvrow_next(&c, err)) > 0) {
        const char *os = csvrow_field(&c, oc), *ds = csvrow_field(&c, dc);
        rc = 0;
        if (tf_country_parse(os, strlen(os), &o) < 0 || tf_country_parse(ds, strlen(ds), &d) < 0) {
            note_bad(r, path, csvrow_line(&c), "unknown country in", os);
            continue;
        }
        double *row = table_row(&r->pairs, raw_pair_key(o, d));
        if (!row)
            rc = tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
        else
            store_fields(&c, where, r->pairs.n_cols, row);
    }
    csvrow_close(&c);
    return rc;
}

static int read_capitals(struct raw *r, const char *path, struct tf_error *err)
{
    static const char *const keys[] = {"iso2", "iso3", "country"};
    struct csvrow c;
    tf_country k;
    double lon, lat;
    int rc = csvrow_open(&c, path, err);
    long kc = rc == 0 ? first_col(&c, keys, 3) : -1;
    long xc = csvrow_col(&c, "longitude"), yc = csvrow_col(&c, "latitude");
    if (rc == 0 && (kc < 0 || xc < 0 || yc < 0))
        rc = tf_error_set(err, TF_ERR_FORMAT, path, 1,
                          "capitals need the columns iso2 (or iso3, country), longitude, latitude");
    while (rc == 0 && (rc = csvrow_next(&c, err)) > 0) {
        const char *ks = csvrow_field(&c, kc);
        rc = 0;
        /* codes outside ISO 3166-1 and capitals without coordinates give no distance */
        if (tf_country_parse(ks, strlen(ks), &k) < 0 ||
            csvrow_double(csvrow_field(&c, xc), &lon) < 0 ||
            csvrow_double(csvrow_field(&c, yc), &lat) < 0)
            continue;
        double *v = tf_map_get(&r->capitals, k);
        if (!v)
            rc = tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
        else {
            v[0] = lon;
            v[1] = lat;
        }
    }
    csvrow_close(&c);
    return rc;
}

double raw_distance(const struct raw *r, tf_country a, tf_country b)
{
    const double *p = tf_map_find(&r->capitals, a), *q = tf_map_find(&r->capitals, b);
    if (!p || !q)
        return NAN;
    const double rad = 3.14159265358979323846 / 180.0;
    double dlat = (q[1] - p[1]) * rad, dlon = (q[0] - p[0]) * rad;
    double h = sin(dlat / 2) * sin(dlat / 2) +
               cos(p[1] * rad) * cos(q[1] * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2.0 * earth_radius_km * asin(fmin(1.0, sqrt(h)));
}

/* ---- putting it together ------------------------------------------------ */

/* Chooses the columns to keep from the stock and the terms. */
static int choose_columns(struct raw *r, const char *stock, const struct tf_term *terms,
                          size_t n_terms)
{
    int rc = table_add_col(&r->cy, stock);
    for (size_t i = 0; rc == 0 && i < n_terms; i++) {
        const char *col = terms[i].column;
        if (terms[i].side != TF_SIDE_PAIR)
            rc = strcasecmp(col, "stock") == 0 ? 0 : table_add_col(&r->cy, col);
        else if (strcasecmp(col, "distance") != 0)
            rc = table_add_col(&r->pairs, col);
    }
    if (rc == 0 && r->has_births_deaths) {
        rc = table_add_col(&r->cy, "births");
        if (rc == 0)
            rc = table_add_col(&r->cy, "deaths");
        r->cy_births = raw_col(&r->cy, "births");
        r->cy_deaths = raw_col(&r->cy, "deaths");
    }
    if (rc == 0 && r->has_growth && (rc = table_add_col(&r->cy, "growth")) == 0)
        r->cy_growth = raw_col(&r->cy, "growth");
    r->growth = r->cy_growth >= 0   ? GROWTH_SUPPLIED
                : r->cy_births >= 0 ? GROWTH_BIRTHS_DEATHS
                                    : GROWTH_RESIDUAL;
    return rc;
}

int raw_read(struct raw *r, const struct tf_panel_opts *o, const char *stock,
             const struct tf_term *terms, size_t n_terms, struct tf_error *err)
{
    int rc = choose_columns(r, stock, terms, n_terms);
    if (rc < 0)
        return tf_error_set(err, rc, NULL, 0, "too many covariate columns");
    rc = read_flows(r, err);
    if (rc == 0)
        rc = check_pool(r, err);
    if (rc == 0 && o->country_data)
        rc = read_country_data(r, o->country_data, err);
    if (rc == 0 && r->pairs.n_cols && !o->pair_data)
        rc = tf_error_set(err, TF_ERR_USAGE, NULL, 0, "pair column '%s' needs pair data",
                          r->pairs.cols[0]);
    if (rc == 0 && r->pairs.n_cols)
        rc = read_pair_data(r, o->pair_data, err);
    if (rc == 0 && o->capitals)
        rc = read_capitals(r, o->capitals, err);
    if (rc == 0 && !r->n_flows)
        rc = tf_error_set(err, TF_ERR_DATA, r->flows_csv.path, 0, "no usable flow rows");
    return rc;
}

void raw_release(struct raw *r)
{
    csvrow_close(&r->flows_csv);
    free(r->flows);
    free(r->cy.vals);
    free(r->pairs.vals);
    tf_map_release(&r->cy.idx);
    tf_map_release(&r->pairs.idx);
    tf_map_release(&r->capitals);
    memset(r, 0, sizeof(*r));
}
