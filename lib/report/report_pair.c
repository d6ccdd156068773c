/*
 * report_pair.c - the reads and the arithmetic behind the report's first
 * section: one pair of countries in one talent pool (see report_data.h).
 *
 * Everything is read for the chosen pool only. Persons belong to a pool
 * when it is "all" or a word of their space-separated `pools`, as in
 * tf_store_where. Intervals: Wilson's score interval for a share, which
 * stays inside [0, 1] and behaves for small n and shares near 0 or 1; and
 * the usual weighted least-squares interval for a slope, with Student's t,
 * since a handful of cohorts is the common case.
 */
#include "report/report_data.h"

#include "store/store_db.h"
#include "util/buf.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The 97.5 % point of the standard normal. */
#define Z975 1.959963984540054

/* ---- statistics --------------------------------------------------------- */

struct tf_rd_share tf_rd_wilson(uint64_t k, uint64_t n)
{
    struct tf_rd_share s = {k, n, NAN, NAN, NAN};
    if (!n)
        return s;
    double dn = (double)n, p = (double)k / dn, z2 = Z975 * Z975;
    double centre = (p + z2 / (2 * dn)) / (1 + z2 / dn);
    double half = Z975 / (1 + z2 / dn) * sqrt(p * (1 - p) / dn + z2 / (4 * dn * dn));
    s.p = p;
    s.lo = fmax(0.0, centre - half);
    s.hi = fmin(1.0, centre + half);
    return s;
}

/*
 * The 97.5 % point of Student's t with `df` degrees of freedom: a table to
 * 30, then the Cornish-Fisher expansion in 1/df, within 1e-5 from there on.
 */
static double t975(size_t df)
{
    static const double table[30] = {12.7062047, 4.30265273, 3.18244631, 2.77644511, 2.57058184,
                                     2.44691185, 2.36462425, 2.30600414, 2.26215716, 2.22813885,
                                     2.20098516, 2.17881283, 2.16036866, 2.14478669, 2.13144955,
                                     2.11990530, 2.10981558, 2.10092204, 2.09302405, 2.08596345,
                                     2.07961384, 2.07387307, 2.06865761, 2.06389856, 2.05953855,
                                     2.05552944, 2.05183052, 2.04840714, 2.04522964, 2.04227246};
    if (df >= 1 && df <= 30)
        return table[df - 1];
    double z = Z975, v = (double)df, z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
    return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v) +
           (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
}

/* A cohort counts in the trend with enough departures and a km of someone followed. */
static int trend_counts(const struct tf_rd_pair_cohort *c)
{
    return c->cohort && c->departed >= TF_RD_TREND_MIN && c->observed > 0 && isfinite(c->km);
}

/*
 * Weighted least squares of km on the cohort year, weights the departures:
 * slope = Sxy / Sxx, its variance the weighted residual variance over Sxx.
 * Years are centred first so the sums stay small and exact enough.
 */
struct tf_rd_trend tf_rd_cohort_trend(const struct tf_rd_pair_cohort *c, size_t n)
{
    struct tf_rd_trend t = {0, NAN, NAN, NAN};
    double w = 0, wx = 0, wy = 0;
    for (size_t i = 0; i < n; i++)
        if (trend_counts(&c[i])) {
            t.used++;
            w += (double)c[i].departed;
            wx += (double)c[i].departed * c[i].cohort;
            wy += (double)c[i].departed * c[i].km;
        }
    if (t.used < 3)
        return t;
    double mx = wx / w, my = wy / w, sxx = 0, sxy = 0, sse = 0;
    for (size_t i = 0; i < n; i++)
        if (trend_counts(&c[i])) {
            double dx = c[i].cohort - mx, dw = (double)c[i].departed;
            sxx += dw * dx * dx;
            sxy += dw * dx * (c[i].km - my);
        }
    t.slope = sxy / sxx;
    for (size_t i = 0; i < n; i++)
        if (trend_counts(&c[i])) {
            double e = c[i].km - my - t.slope * (c[i].cohort - mx);
            sse += (double)c[i].departed * e * e;
        }
    double half = t975(t.used - 2) * sqrt(sse / (double)(t.used - 2) / sxx);
    t.lo = t.slope - half;
    t.hi = t.slope + half;
    return t;
}

/* ---- the pool ----------------------------------------------------------- */

/* The pool asked for must be one of the store's; the error lists them. */
static int check_pool(const struct tf_report_data *rd, const char *pool, struct tf_error *err)
{
    char names[1024] = "";
    size_t len = 0;
    for (size_t i = 0; i < rd->n_pools; i++)
        if (strcmp(rd->pools[i].name, pool) == 0)
            return 0;
    /* A store without a pools table row still has "all". */
    if (strcmp(pool, "all") == 0 && rd->n_pools == 0)
        return 0;
    for (size_t i = 0; i < rd->n_pools && len < sizeof(names); i++) {
        int w =
            snprintf(names + len, sizeof(names) - len, "%s%s", i ? ", " : "", rd->pools[i].name);
        len += w > 0 ? (size_t)w : 0;
    }
    return tf_error_set(err, TF_ERR_USAGE, NULL, 0,
                        "report: the store has no pool '%s'; its pools: %s", pool,
                        rd->n_pools ? names : "all");
}

/* ---- reads -------------------------------------------------------------- */

/*
 * The pair with the most moves both ways in the window. Each unordered pair
 * is the row whose origin has the larger direction (the smaller code on a
 * tie), so A is the country more left from; ties between pairs go by codes.
 */
static const char largest_sql[] =
    "WITH d AS (SELECT origin AS o, destination AS t, SUM(n) AS n FROM flows"
    " WHERE pool = ?3 AND year BETWEEN ?1 AND ?2 AND origin <> destination"
    " AND length(origin) = 2 AND length(destination) = 2 GROUP BY origin, destination)"
    " SELECT d.o, d.t FROM d LEFT JOIN d r ON r.o = d.t AND r.t = d.o"
    " WHERE d.n + COALESCE(r.n, 0) > 0 AND (d.n > COALESCE(r.n, 0)"
    " OR (d.n = COALESCE(r.n, 0) AND d.o < d.t))"
    " ORDER BY d.n + COALESCE(r.n, 0) DESC, min(d.o, d.t), max(d.o, d.t) LIMIT 1";

static void bind_window(sqlite3_stmt *st, const struct tf_report_data *rd)
{
    sqlite3_bind_int(st, 1, rd->y0);
    sqlite3_bind_int(st, 2, rd->y1);
}

static int choose_pair(struct tf_store *s, struct tf_report_data *rd,
                       const struct tf_report_opts *o, struct tf_error *err)
{
    struct tf_rd_pair *p = &rd->pair;
    sqlite3_stmt *st = NULL;
    if (o->focus[0]) {
        tf_country_code(o->focus[0], p->code[0]);
        tf_country_code(o->focus[1], p->code[1]);
        p->chosen = 1;
        return 0;
    }
    int rc = tf_store_prepare(s, largest_sql, &st, err);
    if (rc == 0) {
        bind_window(st, rd);
        sqlite3_bind_text(st, 3, p->pool, -1, SQLITE_STATIC);
        if ((rc = tf_store_step(s, st, err)) > 0) {
            tf_store_col_text(st, 0, p->code[0], TF_RD_CODE);
            tf_store_col_text(st, 1, p->code[1], TF_RD_CODE);
        }
    }
    sqlite3_finalize(st);
    return rc < 0 ? rc : 0;
}

static const char where_sql[] =
    "SELECT COALESCE(SUM(n), 0), COALESCE(SUM(CASE WHEN country = ?2 THEN n END), 0),"
    " COALESCE(SUM(CASE WHEN country = ?1 THEN n END), 0)"
    " FROM whereabouts WHERE origin = ?1 AND pool = ?3";

/* Where the pool's people of origin code[i] were last seen. */
static int load_where(struct tf_store *s, struct tf_rd_pair *p, int i, struct tf_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = tf_store_prepare(s, where_sql, &st, err);
    if (rc == 0) {
        sqlite3_bind_text(st, 1, p->code[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, p->code[1 - i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, p->pool, -1, SQLITE_STATIC);
        if ((rc = tf_store_step(s, st, err)) > 0) {
            uint64_t n = tf_store_col_u64(st, 0), partner = tf_store_col_u64(st, 1),
                     home = tf_store_col_u64(st, 2);
            p->where[i].partner = tf_rd_wilson(partner, n);
            p->where[i].home = tf_rd_wilson(home, n);
            p->where[i].elsewhere = tf_rd_wilson(n - partner - home, n);
        }
    }
    sqlite3_finalize(st);
    return rc < 0 ? rc : 0;
}

static const char years_sql[] =
    "SELECT year, SUM(CASE WHEN origin = ?3 THEN n ELSE 0 END),"
    " SUM(CASE WHEN origin = ?4 THEN n ELSE 0 END) FROM flows"
    " WHERE pool = ?5 AND year BETWEEN ?1 AND ?2"
    " AND ((origin = ?3 AND destination = ?4) OR (origin = ?4 AND destination = ?3))"
    " GROUP BY year ORDER BY year";

/* The pair's moves in every year of the window; a year without a row had none. */
static int load_years(struct tf_store *s, struct tf_report_data *rd, struct tf_error *err)
{
    struct tf_rd_pair *p = &rd->pair;
    sqlite3_stmt *st = NULL;
    if (!rd->n_years)
        return 0;
    if (!(p->years = calloc(rd->n_years, sizeof(*p->years))))
        return TF_ERR_NOMEM;
    p->n_years = rd->n_years;
    for (size_t i = 0; i < p->n_years; i++)
        p->years[i].year = rd->y0 + (int)i;
    int rc = tf_store_prepare(s, years_sql, &st, err);
    if (rc == 0) {
        bind_window(st, rd);
        sqlite3_bind_text(st, 3, p->code[0], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, p->code[1], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, p->pool, -1, SQLITE_STATIC);
    }
    while (rc == 0 && (rc = tf_store_step(s, st, err)) > 0) {
        struct tf_rd_pair_year *y = &p->years[sqlite3_column_int(st, 0) - rd->y0];
        y->n[0] = tf_store_col_u64(st, 1);
        y->n[1] = tf_store_col_u64(st, 2);
        p->dir[0].moves += y->n[0];
        p->dir[1].moves += y->n[1];
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

/* The window's cohorts with departures in year order, then the pooled row (not a year). */
static const char cohorts_sql[] =
    "SELECT cohort, departed, returned, observed, km, typeof(cohort) <> 'integer' AS pooled"
    " FROM returns WHERE pool = ?3 AND origin = ?4 AND destination = ?5 AND k = ?6"
    " AND (typeof(cohort) <> 'integer' OR (cohort BETWEEN ?1 AND ?2 AND departed > 0))"
    " ORDER BY pooled, cohort";

static void read_cohort(sqlite3_stmt *st, struct tf_rd_pair_cohort *c)
{
    c->cohort = sqlite3_column_int(st, 5) ? 0 : sqlite3_column_int(st, 0);
    c->departed = tf_store_col_u64(st, 1);
    c->returned = tf_store_col_u64(st, 2);
    c->observed = tf_store_col_u64(st, 3);
    c->km = tf_store_col_real(st, 4);
}

/* Return to code[i] of those who left it for the other, by cohort at k = TF_RD_PAIR_K. */
static int load_cohorts(struct tf_store *s, struct tf_report_data *rd, int i, struct tf_error *err)
{
    struct tf_rd_pair_dir *dir = &rd->pair.dir[i];
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc = tf_store_prepare(s, cohorts_sql, &st, err);
    if (rc == 0) {
        bind_window(st, rd);
        sqlite3_bind_text(st, 3, rd->pair.pool, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, rd->pair.code[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, rd->pair.code[1 - i], -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 6, TF_RD_PAIR_K);
    }
    while (rc == 0 && (rc = tf_store_step(s, st, err)) > 0) {
        rc = 0;
        if (sqlite3_column_int(st, 5)) {
            dir->has_pooled = 1;
            read_cohort(st, &dir->pooled);
            continue;
        }
        if ((rc = tf_grow((void **)&dir->c, &cap, dir->n + 1, sizeof(*dir->c))) < 0)
            break;
        read_cohort(st, &dir->c[dir->n++]);
    }
    sqlite3_finalize(st);
    if (rc == 0)
        dir->trend = tf_rd_cohort_trend(dir->c, dir->n);
    return rc;
}

int tf_report_pair_load(struct tf_store *s, struct tf_report_data *rd,
                        const struct tf_report_opts *o, struct tf_error *err)
{
    struct tf_rd_pair *p = &rd->pair;
    const char *pool = o->pool && o->pool[0] ? o->pool : "all";
    int rc = check_pool(rd, pool, err);
    if (rc < 0)
        return rc;
    snprintf(p->pool, sizeof(p->pool), "%s", pool);
    if ((rc = choose_pair(s, rd, o, err)) < 0 || !p->code[0][0])
        return rc;
    for (int i = 0; rc == 0 && i < 2; i++)
        rc = load_where(s, p, i, err);
    if (rc == 0)
        rc = load_years(s, rd, err);
    for (int i = 0; rc == 0 && i < 2; i++)
        rc = load_cohorts(s, rd, i, err);
    return rc;
}

void tf_report_pair_release(struct tf_rd_pair *p)
{
    free(p->years);
    free(p->dir[0].c);
    free(p->dir[1].c);
    memset(p, 0, sizeof(*p));
}
