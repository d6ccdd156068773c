/*
 * store_read.c - the questions asked of a results store: corridors, return
 * and stay rates by cohort, where an origin's people are now, gainers and
 * losers. Each query is one statement over the indexes the writer builds
 * (docs/store.md), for one talent pool; ranking the few hundred country
 * rows happens here.
 */
#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/store_db.h"
#include "talentflow/engine.h"
#include "util/buf.h"

struct tf_store {
    sqlite3 *db;
    char path[4200];
};

/*
 * Fills err from SQLite's last message and returns the matching status. A
 * file SQLite cannot read as a database, or finds damaged (a store cut short
 * by a full disk or a copy, or changed by hand), is a format error that says
 * so; what SQLite says follows.
 */
static int db_fail(struct tf_store *s, struct tf_error *err)
{
    int code = sqlite3_errcode(s->db);
    const char *msg = sqlite3_errmsg(s->db);
    if (code == SQLITE_NOMEM)
        return tf_error_set(err, TF_ERR_NOMEM, s->path, 0, "%s", msg);
    if (code == SQLITE_NOTADB)
        return tf_error_set(err, TF_ERR_FORMAT, s->path, 0,
                            "not a talentflow results store: not an SQLite database (%s)", msg);
    if (code == SQLITE_CORRUPT)
        return tf_error_set(err, TF_ERR_FORMAT, s->path, 0,
                            "damaged results store (truncated or corrupted; rerun 'talentflow "
                            "run' or copy it again): %s",
                            msg);
    return tf_error_set(err, TF_ERR_IO, s->path, 0, "%s", msg);
}

/*
 * Binds a country as stored: its code, "*" for 0 (pooled). SQLite copies
 * the code, which may fail: returns 0 or -1.
 */
static int bind_country(sqlite3_stmt *st, int col, tf_country c)
{
    char code[3];
    return sqlite3_bind_text(st, col, c ? tf_country_code(c, code) : "*", -1, SQLITE_TRANSIENT) ==
                   SQLITE_OK
               ? 0
               : -1;
}

/*
 * Binds a pool name as stored: NULL means "all". Not copied (the name
 * outlives the statement, which ends in the same call), so it cannot fail.
 */
static void bind_pool(sqlite3_stmt *st, int col, const char *pool)
{
    sqlite3_bind_text(st, col, pool ? pool : "all", -1, SQLITE_STATIC);
}

/* Ends a statement whose parameters could not be bound. */
static int bind_failed(struct tf_store *s, sqlite3_stmt *st, struct tf_error *err)
{
    sqlite3_finalize(st);
    return tf_error_set(err, TF_ERR_NOMEM, s->path, 0, "out of memory");
}

/* Reads a stored country code back; "*", NULL and anything malformed give 0. */
static tf_country col_country(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    if (!t || !t[0] || !t[1] || t[2])
        return 0;
    return TF_COUNTRY(t[0], t[1]);
}

uint64_t tf_store_col_u64(sqlite3_stmt *st, int col)
{
    sqlite3_int64 v = sqlite3_column_int64(st, col);
    return v > 0 ? (uint64_t)v : 0;
}

double tf_store_col_real(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? NAN : sqlite3_column_double(st, col);
}

void tf_store_col_text(sqlite3_stmt *st, int col, char *out, size_t size)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    size_t n = s ? strlen(s) : 0;
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
    }
    if (n)
        memcpy(out, s, n);
    out[n] = '\0';
}

sqlite3 *tf_store_db(struct tf_store *s)
{
    return s->db;
}

int tf_store_prepare(struct tf_store *s, const char *sql, sqlite3_stmt **st, struct tf_error *err)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) == SQLITE_OK)
        return 0;
    *st = NULL;
    int code = sqlite3_errcode(s->db);
    if (code == SQLITE_NOMEM || code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        return db_fail(s, err);
    return tf_error_set(err, TF_ERR_FORMAT, s->path, 0, "not a talentflow results store: %s",
                        sqlite3_errmsg(s->db));
}

int tf_store_step(struct tf_store *s, sqlite3_stmt *st, struct tf_error *err)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : db_fail(s, err);
}

/*
 * Steps `st` to the end, appending a row of `size` bytes to *rows through
 * `fill` for each result. On failure frees the rows. Finalizes `st`.
 */
static int collect(struct tf_store *s, sqlite3_stmt *st, size_t size,
                   void (*fill)(sqlite3_stmt *st, void *row), void **rows, size_t *n,
                   struct tf_error *err)
{
    size_t cap = 0;
    int rc = 0, sr;
    *rows = NULL;
    *n = 0;
    while (rc == 0 && (sr = sqlite3_step(st)) == SQLITE_ROW) {
        rc = tf_grow(rows, &cap, *n + 1, size);
        if (rc == 0)
            fill(st, (char *)*rows + (*n)++ * size);
    }
    if (rc == 0 && sr != SQLITE_DONE)
        rc = db_fail(s, err);
    else if (rc < 0)
        tf_error_set(err, rc, s->path, 0, "out of memory");
    sqlite3_finalize(st);
    if (rc < 0) {
        free(*rows);
        *rows = NULL;
        *n = 0;
    }
    return rc;
}

/* ---- opening ------------------------------------------------------------ */

/* A folder means the store inside it. Returns 0 or TF_ERR_IO when nothing is there. */
static int resolve(struct tf_store *s, const char *path, struct tf_error *err)
{
    struct stat st;
    int dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    snprintf(s->path, sizeof(s->path), dir ? "%s/" TF_STORE_FILE : "%s", path);
    if (stat(s->path, &st) != 0)
        return tf_error_set(err, TF_ERR_IO, s->path, 0, "no results store: %s", strerror(errno));
    if (!S_ISREG(st.st_mode))
        return tf_error_set(err, TF_ERR_IO, s->path, 0, "no results store: not a file");
    return 0;
}

/*
 * Checks meta.schema_version; a file without it is not a store. An older
 * store cannot be read as it is (its tables have no pools): rerunning
 * writes it anew.
 */
static int check_schema(struct tf_store *s, struct tf_error *err)
{
    char v[16], *end = v;
    int rc = tf_store_meta(s, "schema_version", v, sizeof(v), err);
    if (rc < 0)
        return rc; /* err says why: no meta table, not a database, damaged */
    if (rc == 0)
        return tf_error_set(err, TF_ERR_FORMAT, s->path, 0,
                            "not a talentflow results store: its meta table has no schema_version");
    long ver = strtol(v, &end, 10);
    if (*end == '\0' && ver == TF_STORE_SCHEMA)
        return 0;
    if (*end == '\0' && ver > 0 && ver < TF_STORE_SCHEMA)
        return tf_error_set(err, TF_ERR_FORMAT, s->path, 0,
                            "store schema version %s was written by an older talentflow; this "
                            "talentflow reads version %d: rerun 'talentflow run' to rebuild it",
                            v, TF_STORE_SCHEMA);
    return tf_error_set(err, TF_ERR_FORMAT, s->path, 0,
                        "store schema version %s; this talentflow reads version %d", v,
                        TF_STORE_SCHEMA);
}

/*
 * The store's path as an SQLite URI that opens it immutable: a store is
 * written whole under another name and renamed into place, never changed
 * where it is, so reading needs no locks and no journal, and creates no
 * file beside it (a file whose header says WAL would otherwise get a -shm
 * and -wal, in someone else's folder). Returns NULL when out of memory.
 */
static char *immutable_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF", head[] = "file:", tail[] = "?immutable=1";
    size_t n = strlen(path);
    char *uri = malloc(sizeof(head) + 3 * n + sizeof(tail)), *o = uri;
    if (!uri)
        return NULL;
    memcpy(o, head, sizeof(head) - 1);
    o += sizeof(head) - 1;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/._-~", *p)) {
            *o++ = (char)*p;
            continue;
        }
        *o++ = '%';
        *o++ = hex[*p >> 4];
        *o++ = hex[*p & 15];
    }
    memcpy(o, tail, sizeof(tail)); /* with its NUL */
    return uri;
}

static int open_db(struct tf_store *s, struct tf_error *err)
{
    char *uri = immutable_uri(s->path);
    int rc = uri ? sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL)
                 : SQLITE_NOMEM;
    free(uri);
    if (rc == SQLITE_OK)
        return 0;
    return s->db ? db_fail(s, err) : tf_error_set(err, TF_ERR_NOMEM, s->path, 0, "out of memory");
}

int tf_store_open(struct tf_store **out, const char *path, struct tf_error *err)
{
    struct tf_store *s = calloc(1, sizeof(*s));
    int rc = s ? resolve(s, path, err) : tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    *out = NULL;
    if (rc == 0)
        rc = open_db(s, err);
    if (rc == 0)
        rc = check_schema(s, err);
    if (rc < 0) {
        tf_store_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

const char *tf_store_path(const struct tf_store *s)
{
    return s->path;
}

void tf_store_free(struct tf_store *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    free(s);
}

int tf_store_meta(struct tf_store *s, const char *key, char *buf, size_t size, struct tf_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = tf_store_prepare(s, "SELECT value FROM meta WHERE key = ?1", &st, err);
    if (size)
        buf[0] = '\0';
    if (rc < 0)
        return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int sr = sqlite3_step(st);
    if (sr == SQLITE_ROW && sqlite3_column_text(st, 0)) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        rc = (int)strlen(v);
        if (size)
            snprintf(buf, size, "%s", v);
    } else if (sr != SQLITE_ROW && sr != SQLITE_DONE) {
        rc = db_fail(s, err);
    }
    sqlite3_finalize(st);
    return rc;
}

int tf_store_has_country(struct tf_store *s, tf_country c, struct tf_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = tf_store_prepare(s, "SELECT 1 FROM countries WHERE code = ?1", &st, err);
    if (rc < 0)
        return rc;
    if (bind_country(st, 1, c) < 0)
        return bind_failed(s, st, err);
    int sr = sqlite3_step(st);
    rc = sr == SQLITE_ROW ? 1 : sr == SQLITE_DONE ? 0 : db_fail(s, err);
    sqlite3_finalize(st);
    return rc;
}

int tf_store_years(struct tf_store *s, int *first, int *last, struct tf_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = tf_store_prepare(s, "SELECT MIN(year), MAX(year) FROM country_year", &st, err);
    *first = *last = 0;
    if (rc < 0)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *first = sqlite3_column_int(st, 0);
        *last = sqlite3_column_int(st, 1);
    } else {
        rc = db_fail(s, err);
    }
    sqlite3_finalize(st);
    return rc;
}

/* ---- flows -------------------------------------------------------------- */

void tf_flow_query_init(struct tf_flow_query *q)
{
    memset(q, 0, sizeof(*q));
}

/* Both directions of one corridor, year by year. */
static const char corridor_sql[] = "SELECT year, SUM(CASE WHEN origin = ?1 THEN n ELSE 0 END),"
                                   " SUM(CASE WHEN origin = ?2 THEN n ELSE 0 END) FROM flows"
                                   " WHERE pool = ?6 AND ((origin = ?1 AND destination = ?2) OR "
                                   "(origin = ?2 AND destination = ?1))"
                                   " AND year BETWEEN ?3 AND ?4 GROUP BY year ORDER BY year";

/*
 * Corridors summed over the window. `back` is summed from the reverse rows
 * rather than from n_back, which only exists in years with a forward move.
 * %s is the filter on origin and/or destination.
 */
static const char corridors_sql[] =
    "SELECT f.origin, f.destination, SUM(f.n), (SELECT COALESCE(SUM(b.n), 0) FROM flows b"
    " WHERE b.pool = f.pool AND b.origin = f.destination AND b.destination = f.origin"
    " AND b.year BETWEEN ?3 AND ?4) FROM flows f WHERE f.pool = ?6 AND %s f.year BETWEEN ?3 AND ?4"
    " GROUP BY f.origin, f.destination ORDER BY 3 DESC, 1, 2 LIMIT ?5";

static void fill_year(sqlite3_stmt *st, void *row)
{
    struct tf_flow_total *r = row;
    *r = (struct tf_flow_total){0, 0, sqlite3_column_int(st, 0), tf_store_col_u64(st, 1),
                                tf_store_col_u64(st, 2)};
}

static void fill_corridor(sqlite3_stmt *st, void *row)
{
    struct tf_flow_total *r = row;
    *r = (struct tf_flow_total){col_country(st, 0), col_country(st, 1), 0, tf_store_col_u64(st, 2),
                                tf_store_col_u64(st, 3)};
}

static int by_moves(const void *pa, const void *pb)
{
    const struct tf_flow_total *a = pa, *b = pb;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return (a->year > b->year) - (a->year < b->year);
}

static int by_year(const void *pa, const void *pb)
{
    const struct tf_flow_total *a = pa, *b = pb;
    return (a->year > b->year) - (a->year < b->year);
}

/* Keeps the `top` years with the most moves, in year order. */
static void keep_top_years(struct tf_flow_total *rows, size_t *n, size_t top)
{
    if (!top || *n <= top)
        return;
    qsort(rows, *n, sizeof(*rows), by_moves);
    *n = top;
    qsort(rows, *n, sizeof(*rows), by_year);
}

static int flows_sql(const struct tf_flow_query *q, char *sql, size_t size)
{
    const char *filter = q->from && q->to ? NULL
                         : q->from        ? "f.origin = ?1 AND"
                         : q->to          ? "f.destination = ?2 AND"
                                          : "";
    if (!filter) {
        snprintf(sql, size, "%s", corridor_sql);
        return 1;
    }
    snprintf(sql, size, corridors_sql, filter);
    return 0;
}

int tf_store_flows(struct tf_store *s, const struct tf_flow_query *q, struct tf_flow_total **rows,
                   size_t *n, struct tf_error *err)
{
    char sql[1024];
    sqlite3_stmt *st = NULL;
    *rows = NULL;
    *n = 0;
    if (q->from && q->from == q->to)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "origin and destination are the same");
    int one = flows_sql(q, sql, sizeof(sql));
    int rc = tf_store_prepare(s, sql, &st, err);
    if (rc < 0)
        return rc;
    if ((bind_country(st, 1, q->from) | bind_country(st, 2, q->to)) < 0)
        return bind_failed(s, st, err);
    sqlite3_bind_int(st, 3, q->year_from ? q->year_from : TF_YEAR_MIN);
    sqlite3_bind_int(st, 4, q->year_to ? q->year_to : TF_YEAR_MAX);
    if (!one)
        sqlite3_bind_int64(st, 5, q->top ? (sqlite3_int64)q->top : -1);
    bind_pool(st, 6, q->pool);
    rc = collect(s, st, sizeof(**rows), one ? fill_year : fill_corridor, (void **)rows, n, err);
    for (size_t i = 0; rc == 0 && one && i < *n; i++) {
        (*rows)[i].origin = q->from;
        (*rows)[i].destination = q->to;
    }
    if (rc == 0 && one)
        keep_top_years(*rows, n, q->top);
    return rc;
}

/* ---- return and stay rates ---------------------------------------------- */

/*
 * Every cohort that has a return or a stay row, with both sides joined on
 * it; the pooled cohort (NULL) sorts last.
 */
static const char rates_sql[] =
    "WITH c(cohort) AS (SELECT cohort FROM returns WHERE pool = ?4 AND origin = ?1"
    " AND destination = ?2 AND k = ?3 UNION SELECT cohort FROM stays WHERE pool = ?4"
    " AND origin = ?1 AND destination = ?2 AND k = ?3)"
    " SELECT c.cohort, r.departed, r.returned, r.observed, r.km, s.arrived, s.stayed, s.observed"
    " FROM c LEFT JOIN returns r ON r.pool = ?4 AND r.origin = ?1 AND r.destination = ?2"
    " AND r.k = ?3 AND r.cohort IS c.cohort LEFT JOIN stays s ON s.pool = ?4 AND s.origin = ?1"
    " AND s.destination = ?2 AND s.k = ?3 AND s.cohort IS c.cohort"
    " ORDER BY c.cohort IS NULL, c.cohort";

static void fill_rates(sqlite3_stmt *st, void *row)
{
    struct tf_cohort_rates *r = row;
    memset(r, 0, sizeof(*r));
    r->cohort = sqlite3_column_int(st, 0);
    r->has_returns = sqlite3_column_type(st, 1) != SQLITE_NULL;
    r->departed = tf_store_col_u64(st, 1);
    r->returned = tf_store_col_u64(st, 2);
    r->return_observed = tf_store_col_u64(st, 3);
    r->km = sqlite3_column_double(st, 4);
    r->has_stays = sqlite3_column_type(st, 5) != SQLITE_NULL;
    r->arrived = tf_store_col_u64(st, 5);
    r->stayed = tf_store_col_u64(st, 6);
    r->stay_observed = tf_store_col_u64(st, 7);
}

int tf_store_rates(struct tf_store *s, const char *pool, tf_country origin, tf_country destination,
                   int k, struct tf_cohort_rates **rows, size_t *n, struct tf_error *err)
{
    sqlite3_stmt *st = NULL;
    *rows = NULL;
    *n = 0;
    if (!origin || k < 1 || k > TF_MAX_K)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "rates need an origin and k in 1..%d",
                            TF_MAX_K);
    int rc = tf_store_prepare(s, rates_sql, &st, err);
    if (rc < 0)
        return rc;
    if ((bind_country(st, 1, origin) | bind_country(st, 2, destination)) < 0)
        return bind_failed(s, st, err);
    sqlite3_bind_int(st, 3, k);
    bind_pool(st, 4, pool);
    return collect(s, st, sizeof(**rows), fill_rates, (void **)rows, n, err);
}

/* ---- where people are now ----------------------------------------------- */

static void fill_where(sqlite3_stmt *st, void *row)
{
    struct tf_where_row *r = row;
    *r = (struct tf_where_row){col_country(st, 0), tf_store_col_u64(st, 1), 0.0};
}

static const char where_sql[] =
    "SELECT country, n FROM whereabouts WHERE origin = ?1 AND pool = ?2 ORDER BY 2 DESC, 1";

/*
 * Runs `sql` (a country ?1, a pool ?2; rows of country and people) into
 * *rows, each with its share of all the people listed.
 */
static int country_shares(struct tf_store *s, const char *sql, tf_country c, const char *pool,
                          struct tf_where_row **rows, size_t *n, struct tf_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = tf_store_prepare(s, sql, &st, err);
    *rows = NULL;
    *n = 0;
    if (rc < 0)
        return rc;
    if (bind_country(st, 1, c) < 0)
        return bind_failed(s, st, err);
    bind_pool(st, 2, pool);
    rc = collect(s, st, sizeof(**rows), fill_where, (void **)rows, n, err);
    uint64_t total = 0;
    for (size_t i = 0; rc == 0 && i < *n; i++)
        total += (*rows)[i].people;
    for (size_t i = 0; rc == 0 && i < *n; i++)
        (*rows)[i].share = (double)(*rows)[i].people / (double)total;
    return rc;
}

int tf_store_where(struct tf_store *s, const char *pool, tf_country origin,
                   struct tf_where_row **rows, size_t *n, struct tf_error *err)
{
    return country_shares(s, where_sql, origin, pool, rows, n, err);
}

/* ---- the study-to-work pipeline ------------------------------------------ */

static const char pipeline_work_sql[] =
    "SELECT work, SUM(n) FROM pipeline WHERE first_degree = ?1 AND pool = ?2"
    " GROUP BY work ORDER BY 2 DESC, work IS NULL, 1";

int tf_store_pipeline_work(struct tf_store *s, const char *pool, tf_country first,
                           struct tf_where_row **rows, size_t *n, struct tf_error *err)
{
    return country_shares(s, pipeline_work_sql, first, pool, rows, n, err);
}

static void fill_doctorate(sqlite3_stmt *st, void *row)
{
    struct tf_doctorate_row *r = row;
    *r = (struct tf_doctorate_row){sqlite3_column_int(st, 0), tf_store_col_u64(st, 1),
                                   tf_store_col_u64(st, 2), 0.0};
    r->share = r->people ? (double)r->home / (double)r->people : 0.0;
}

static const char pipeline_doctorates_sql[] =
    "SELECT degree_year, SUM(n), SUM(CASE WHEN work = ?1 THEN n ELSE 0 END) FROM pipeline"
    " WHERE first_degree = ?1 AND highest_degree = ?2 AND degree = 'doctorate' AND pool = ?3"
    " GROUP BY degree_year ORDER BY degree_year";

int tf_store_pipeline_doctorates(struct tf_store *s, const char *pool, tf_country first,
                                 tf_country doctorate, struct tf_doctorate_row **rows, size_t *n,
                                 struct tf_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = tf_store_prepare(s, pipeline_doctorates_sql, &st, err);
    *rows = NULL;
    *n = 0;
    if (rc < 0)
        return rc;
    if ((bind_country(st, 1, first) | bind_country(st, 2, doctorate)) < 0)
        return bind_failed(s, st, err);
    bind_pool(st, 3, pool);
    return collect(s, st, sizeof(**rows), fill_doctorate, (void **)rows, n, err);
}

/* ---- gainers and losers ------------------------------------------------- */

static void fill_total(sqlite3_stmt *st, void *row)
{
    struct tf_country_total *r = row;
    *r = (struct tf_country_total){col_country(st, 0), tf_store_col_u64(st, 1),
                                   tf_store_col_u64(st, 2), tf_store_col_u64(st, 3)};
}

static int64_t net_of(const struct tf_country_total *t)
{
    return (int64_t)t->in - (int64_t)t->out;
}

/* The ranking key of `by`. */
static int64_t key_of(const struct tf_country_total *t, enum tf_top_by by)
{
    return by == TF_TOP_IN ? (int64_t)t->in : by == TF_TOP_OUT ? (int64_t)t->out : net_of(t);
}

/* Largest key first, ties to the smaller code. */
static int cmp_key(const struct tf_country_total *a, const struct tf_country_total *b,
                   enum tf_top_by by)
{
    int64_t ka = key_of(a, by), kb = key_of(b, by);
    if (ka != kb)
        return ka > kb ? -1 : 1;
    return (a->country > b->country) - (a->country < b->country);
}

static int by_net(const void *a, const void *b)
{
    return cmp_key(a, b, TF_TOP_NET);
}

static int by_in(const void *a, const void *b)
{
    return cmp_key(a, b, TF_TOP_IN);
}

static int by_out(const void *a, const void *b)
{
    return cmp_key(a, b, TF_TOP_OUT);
}

/* Biggest loss first, ties to the smaller code. */
static int by_loss(const void *pa, const void *pb)
{
    const struct tf_country_total *a = pa, *b = pb;
    int64_t na = net_of(a), nb = net_of(b);
    if (na != nb)
        return na < nb ? -1 : 1;
    return (a->country > b->country) - (a->country < b->country);
}

/*
 * Sorts by the key and keeps the `top` largest positive keys and, for net,
 * the `top` biggest losses after them, so the table reads from the biggest
 * gain to the biggest loss.
 */
static void rank(struct tf_country_total *rows, size_t *n, enum tf_top_by by, size_t top)
{
    qsort(rows, *n, sizeof(*rows), by == TF_TOP_IN ? by_in : by == TF_TOP_OUT ? by_out : by_net);
    size_t pos = 0, zero = 0;
    while (pos < *n && key_of(&rows[pos], by) > 0)
        pos++;
    while (pos + zero < *n && key_of(&rows[pos + zero], by) == 0)
        zero++;
    struct tf_country_total *neg = rows + pos + zero;
    size_t n_neg = by == TF_TOP_NET ? *n - pos - zero : 0;
    size_t keep_pos = top && pos > top ? top : pos;
    size_t keep_neg = top && n_neg > top ? top : n_neg;
    qsort(neg, n_neg, sizeof(*neg), by_loss);
    qsort(neg, keep_neg, sizeof(*neg), by_net);
    memmove(rows + keep_pos, neg, keep_neg * sizeof(*rows));
    *n = keep_pos + keep_neg;
}

int tf_store_top(struct tf_store *s, const char *pool, enum tf_top_by by, int year, size_t top,
                 struct tf_country_total **rows, size_t *n, struct tf_error *err)
{
    sqlite3_stmt *st = NULL;
    *rows = NULL;
    *n = 0;
    if (by != TF_TOP_NET && by != TF_TOP_IN && by != TF_TOP_OUT)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "unknown ranking %d", (int)by);
    int rc = tf_store_prepare(s,
                              year ? "SELECT country, population, in_migrations, out_migrations"
                                     " FROM country_year WHERE pool = ?2 AND year = ?1"
                                     " ORDER BY country"
                                   : "SELECT country, SUM(population), SUM(in_migrations),"
                                     " SUM(out_migrations) FROM country_year WHERE pool = ?2"
                                     " GROUP BY country",
                              &st, err);
    if (rc < 0)
        return rc;
    sqlite3_bind_int(st, 1, year);
    bind_pool(st, 2, pool);
    rc = collect(s, st, sizeof(**rows), fill_total, (void **)rows, n, err);
    if (rc == 0 && *n)
        rank(*rows, n, by, top);
    if (*n == 0) {
        free(*rows); /* ranking may keep none: no rows is NULL, as for every query */
        *rows = NULL;
    }
    return rc;
}

/* ---- talent pools ------------------------------------------------------- */

static void fill_pool(sqlite3_stmt *st, void *row)
{
    struct tf_store_pool *p = row;
    tf_store_col_text(st, 0, p->name, sizeof(p->name));
    tf_store_col_text(st, 1, p->definition, sizeof(p->definition));
    p->people = tf_store_col_u64(st, 2);
    p->moves = tf_store_col_u64(st, 3);
}

int tf_store_pools(struct tf_store *s, struct tf_store_pool **rows, size_t *n, struct tf_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = tf_store_prepare(
        s, "SELECT name, definition, people, moves FROM pools ORDER BY ordinal", &st, err);
    *rows = NULL;
    *n = 0;
    if (rc < 0)
        return rc;
    return collect(s, st, sizeof(**rows), fill_pool, (void **)rows, n, err);
}
