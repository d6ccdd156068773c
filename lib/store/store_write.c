/*
 * store_write.c - the results store: every table of a run, its persons, inputs,
 * skips, options and version in one SQLite file (schema in docs/store.md).
 *
 * The file is built under DIR/talentflow.sqlite.tmp-PID in one transaction
 * with prepared statements and renamed into place only once it is complete
 * and synced, so a killed run never leaves half a store under the final name.
 * The temporary file has no journal and no syncs of its own: if anything
 * fails it is deleted rather than rolled back.
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/afile.h"
#include "io/stream.h"
#include "talentflow/ingest.h"
#include "talentflow/output.h"
#include "talentflow/store.h"
#include "talentflow/version.h"

/* The fixed schema; docs/store.md describes every column. */
static const char schema[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE inputs(path TEXT, bytes INTEGER, crc32 TEXT);"
    "CREATE TABLE skips(reason TEXT PRIMARY KEY, n INTEGER);"
    "CREATE TABLE countries(code TEXT PRIMARY KEY, alpha3 TEXT, name TEXT);"
    "CREATE TABLE pools(name TEXT PRIMARY KEY, definition TEXT, people INTEGER, moves INTEGER,"
    " ordinal INTEGER);"
    "CREATE TABLE country_year(pool TEXT NOT NULL, year INTEGER, country TEXT, population INTEGER,"
    " in_migrations INTEGER, out_migrations INTEGER, net_migration INTEGER, in_rate REAL,"
    " out_rate REAL, net_rate REAL, births INTEGER, deaths INTEGER,"
    " PRIMARY KEY(pool, year, country));"
    "CREATE TABLE flows(pool TEXT NOT NULL, origin TEXT, destination TEXT, year INTEGER,"
    " n INTEGER, n_back INTEGER, net INTEGER, PRIMARY KEY(pool, origin, destination, year));"
    "CREATE TABLE classes(pool TEXT NOT NULL, origin TEXT, class TEXT, n INTEGER,"
    " PRIMARY KEY(pool, origin, class));"
    "CREATE TABLE whereabouts(pool TEXT NOT NULL, origin TEXT, country TEXT, n INTEGER,"
    " PRIMARY KEY(pool, origin, country));"
    "CREATE TABLE returns(pool TEXT NOT NULL, origin TEXT, destination TEXT, cohort INTEGER,"
    " k INTEGER, departed INTEGER, returned INTEGER, observed INTEGER, km REAL);"
    "CREATE TABLE stays(pool TEXT NOT NULL, origin TEXT, destination TEXT, cohort INTEGER,"
    " k INTEGER, arrived INTEGER, stayed INTEGER, observed INTEGER);"
    "CREATE TABLE pipeline(pool TEXT NOT NULL, first_degree TEXT, highest_degree TEXT,"
    " degree TEXT, degree_year INTEGER, work TEXT, n INTEGER);"
    "CREATE TABLE persons(person TEXT PRIMARY KEY, origin TEXT, first_year INTEGER,"
    " last_year INTEGER, class TEXT, moves INTEGER, last_country TEXT, works INTEGER,"
    " pools TEXT) WITHOUT ROWID;";

/*
 * Indexes for the query commands, built after the rows are in (one sort per
 * index instead of a B-tree update per row).
 */
static const char indexes[] =
    "CREATE INDEX country_year_by_country ON country_year(pool, country, year);"
    "CREATE INDEX flows_by_destination ON flows(pool, destination, origin, year);"
    "CREATE INDEX returns_by_key ON returns(pool, origin, destination, k, cohort);"
    "CREATE INDEX stays_by_key ON stays(pool, origin, destination, k, cohort);"
    "CREATE INDEX pipeline_by_first ON pipeline(pool, first_degree, highest_degree);"
    "CREATE INDEX persons_by_origin ON persons(origin, last_country);";

struct writer {
    sqlite3 *db;
    sqlite3_stmt *st; /* the insert being run */
    const char *path; /* the final path, for messages */
    const struct tf_results *r;
    int persons_kept; /* the engine kept persons */
    int bind_rc;      /* the first failed bind of the current row (SQLITE_OK: none) */
    struct tf_error *err;
    uint8_t seen[(1u << 16) / 8]; /* countries met in any table, for `countries` */
};

/* Fills err from SQLite's last message and returns the matching status. */
static int db_fail(struct writer *w, const char *what)
{
    int code = sqlite3_errcode(w->db) == SQLITE_NOMEM ? TF_ERR_NOMEM : TF_ERR_IO;
    return tf_error_set(w->err, code, w->path, 0, "%s: %s", what, sqlite3_errmsg(w->db));
}

static int exec(struct writer *w, const char *sql, const char *what)
{
    return sqlite3_exec(w->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : db_fail(w, what);
}

/* Prepares `sql` as the current insert, replacing the previous one. */
static int prepare(struct writer *w, const char *sql)
{
    sqlite3_finalize(w->st);
    w->st = NULL;
    return sqlite3_prepare_v2(w->db, sql, -1, &w->st, NULL) == SQLITE_OK ? 0
                                                                         : db_fail(w, "prepare");
}

/* Runs the current insert with its bound values and readies it for the next row. */
static int step(struct writer *w)
{
    int rc;
    if (w->bind_rc != SQLITE_OK) /* a value is missing: the row is not inserted */
        rc = tf_error_set(w->err, w->bind_rc == SQLITE_NOMEM ? TF_ERR_NOMEM : TF_ERR_INTERNAL,
                          w->path, 0, "insert: %s", sqlite3_errstr(w->bind_rc));
    else
        rc = sqlite3_step(w->st) == SQLITE_DONE ? 0 : db_fail(w, "insert");
    w->bind_rc = SQLITE_OK;
    sqlite3_reset(w->st);
    return rc;
}

/* Text is copied by SQLite, which may fail: step() then fails the row. */
static void bind_text(struct writer *w, int col, const char *s)
{
    int rc =
        s ? sqlite3_bind_text(w->st, col, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(w->st, col);
    if (rc != SQLITE_OK && w->bind_rc == SQLITE_OK)
        w->bind_rc = rc;
}

static void bind_u64(struct writer *w, int col, uint64_t v)
{
    sqlite3_bind_int64(w->st, col, (sqlite3_int64)v);
}

/* Binds a country code ("*" for 0, the pooled rows) and remembers it. */
static void bind_country(struct writer *w, int col, tf_country c)
{
    char code[3];
    w->seen[c >> 3] |= (uint8_t)(1u << (c & 7));
    bind_text(w, col, c ? tf_country_code(c, code) : "*");
}

/* Binds the name of pool `pool` of the results; results without pools have only "all". */
static void bind_pool(struct writer *w, int col, unsigned pool)
{
    bind_text(w, col, pool < w->r->n_pools ? w->r->pools[pool].name : "all");
}

/* Binds num / den, or NULL where the denominator is zero. */
static void bind_rate(struct writer *w, int col, int64_t num, uint64_t den)
{
    if (den)
        sqlite3_bind_double(w->st, col, (double)num / (double)den);
    else
        sqlite3_bind_null(w->st, col);
}

static int put_meta1(struct writer *w, const char *key, const char *value)
{
    bind_text(w, 1, key);
    bind_text(w, 2, value);
    return step(w);
}

static int put_meta_u64(struct writer *w, const char *key, uint64_t v)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
    return put_meta1(w, key, buf);
}

/*
 * The engine options the tables depend on, as one JSON object. How the run
 * was executed (memory, threads, partitions) changes nothing in the results
 * and is left out, so the store has the same bytes whatever they were.
 */
static void options_json(const struct tf_engine_opts *o, char *buf, size_t size)
{
    struct tf_engine_opts d;
    if (!o) {
        tf_engine_opts_init(&d);
        o = &d;
    }
    snprintf(buf, size,
             "{\"year_from\": %d, \"year_to\": %d, \"min_works\": %u, \"min_years\": %u, "
             "\"move_kind\": \"%s\", \"persons\": %s}",
             o->year_from, o->year_to, o->min_works, o->min_years, tf_move_kind_name(o->move_kind),
             o->persons ? "true" : "false");
}

static int put_meta(struct writer *w, const struct tf_results *r, const struct tf_run_info *info)
{
    char opts[512], schema_v[8];
    options_json(info->opts, opts, sizeof(opts));
    snprintf(schema_v, sizeof(schema_v), "%d", TF_STORE_SCHEMA);
    int rc = prepare(w, "INSERT INTO meta VALUES(?1, ?2)");
    const char *text[][2] = {
        {"talentflow_version", tf_version()},          {"schema_version", schema_v},
        {"format", info->format ? info->format : ""},  {"options", opts},
        {"persons_kept", w->persons_kept ? "1" : "0"},
    };
    for (size_t i = 0; rc == 0 && i < sizeof(text) / sizeof(text[0]); i++)
        rc = put_meta1(w, text[i][0], text[i][1]);
    const struct {
        const char *key;
        uint64_t v;
    } num[] = {
        {"people", r->people},
        {"moves", r->moves},
        {"observations", r->observations},
        {"observations_kept", r->kept},
        {"records", info->records},
        {"bytes", info->bytes},
    };
    for (size_t i = 0; rc == 0 && i < sizeof(num) / sizeof(num[0]); i++)
        rc = put_meta_u64(w, num[i].key, num[i].v);
    return rc;
}

/*
 * CRC-32 (zlib's, as gzip uses) of the file at `path`, read once more.
 * Returns 0, or -1 when it cannot be read in full now.
 */
static int file_crc32(const char *path, uint32_t *out)
{
    int fd = open(path, O_RDONLY);
    *out = 0;
    if (fd < 0)
        return -1;
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    int rc = tf_crc32_rest(fd, out);
    close(fd);
    return rc;
}

/*
 * Inputs with their sizes and checksums, as computed while reading (`crc`)
 * or, without those, read once more; standard input has no checksum.
 */
static int put_inputs(struct writer *w, const struct tf_paths *in, const uint64_t *known)
{
    int rc = prepare(w, "INSERT INTO inputs VALUES(?1, ?2, ?3)");
    for (size_t i = 0; rc == 0 && in && i < in->n; i++) {
        char hex[9];
        uint32_t crc = known ? (uint32_t)known[i] : 0;
        int ok = known ? (known[i] & TF_CRC_KNOWN) != 0
                       : strcmp(in->v[i], "-") != 0 && file_crc32(in->v[i], &crc) == 0;
        if (ok)
            snprintf(hex, sizeof(hex), "%08x", (unsigned)crc);
        bind_text(w, 1, in->v[i]);
        bind_u64(w, 2, in->size[i]);
        bind_text(w, 3, ok ? hex : NULL);
        rc = step(w);
    }
    return rc;
}

/* Every reason, zeros included, so the list of reasons reads on its own. */
static int put_skips(struct writer *w, const struct tf_skips *read, const struct tf_skips *engine)
{
    int rc = prepare(w, "INSERT INTO skips VALUES(?1, ?2)");
    for (int i = 0; rc == 0 && i < TF_SKIP_COUNT; i++) {
        bind_text(w, 1, tf_skip_name(i));
        bind_u64(w, 2, (read ? read->n[i] : 0) + engine->n[i]);
        rc = step(w);
    }
    return rc;
}

static int put_country_year(struct writer *w, const struct tf_results *r)
{
    int rc = prepare(w, "INSERT INTO country_year VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
    for (size_t i = 0; rc == 0 && i < r->n_country_year; i++) {
        const struct tf_cy_row *x = &r->country_year[i];
        int64_t net = (int64_t)x->in_migrations - (int64_t)x->out_migrations;
        bind_pool(w, 1, x->pool);
        sqlite3_bind_int(w->st, 2, x->year);
        bind_country(w, 3, x->country);
        bind_u64(w, 4, x->population);
        bind_u64(w, 5, x->in_migrations);
        bind_u64(w, 6, x->out_migrations);
        sqlite3_bind_int64(w->st, 7, net);
        bind_rate(w, 8, (int64_t)x->in_migrations, x->population);
        bind_rate(w, 9, (int64_t)x->out_migrations, x->population);
        bind_rate(w, 10, net, x->population);
        bind_u64(w, 11, x->births);
        bind_u64(w, 12, x->deaths);
        rc = step(w);
    }
    return rc;
}

static int put_flows(struct writer *w, const struct tf_results *r)
{
    int rc = prepare(w, "INSERT INTO flows VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (size_t i = 0; rc == 0 && i < r->n_flows; i++) {
        const struct tf_flow_row *x = &r->flows[i];
        bind_pool(w, 1, x->pool);
        bind_country(w, 2, x->origin);
        bind_country(w, 3, x->destination);
        sqlite3_bind_int(w->st, 4, x->year);
        bind_u64(w, 5, x->n);
        bind_u64(w, 6, x->n_back);
        sqlite3_bind_int64(w->st, 7, (int64_t)x->n - (int64_t)x->n_back);
        rc = step(w);
    }
    return rc;
}

static int put_classes(struct writer *w, const struct tf_results *r)
{
    int rc = prepare(w, "INSERT INTO classes VALUES(?1, ?2, ?3, ?4)");
    for (size_t i = 0; rc == 0 && i < r->n_classes; i++) {
        bind_pool(w, 1, r->classes[i].pool);
        bind_country(w, 2, r->classes[i].origin);
        bind_text(w, 3, tf_class_name(r->classes[i].cls));
        bind_u64(w, 4, r->classes[i].n);
        rc = step(w);
    }
    return rc;
}

static int put_whereabouts(struct writer *w, const struct tf_results *r)
{
    int rc = prepare(w, "INSERT INTO whereabouts VALUES(?1, ?2, ?3, ?4)");
    for (size_t i = 0; rc == 0 && i < r->n_whereabouts; i++) {
        bind_pool(w, 1, r->whereabouts[i].pool);
        bind_country(w, 2, r->whereabouts[i].origin);
        bind_country(w, 3, r->whereabouts[i].country);
        bind_u64(w, 4, r->whereabouts[i].n);
        rc = step(w);
    }
    return rc;
}

/*
 * The pool, key and three counts of a returns or stays row: pooled cohorts
 * NULL, destinations "*".
 */
static void bind_rate_key(struct writer *w, const struct tf_rate_key *x, uint64_t n1, uint64_t n2,
                          uint64_t n3)
{
    bind_pool(w, 1, x->pool);
    bind_country(w, 2, x->origin);
    bind_country(w, 3, x->destination);
    if (x->cohort)
        sqlite3_bind_int(w->st, 4, x->cohort);
    else
        sqlite3_bind_null(w->st, 4);
    sqlite3_bind_int(w->st, 5, x->k);
    bind_u64(w, 6, n1);
    bind_u64(w, 7, n2);
    bind_u64(w, 8, n3);
}

static int put_returns(struct writer *w, const struct tf_results *r)
{
    int rc = prepare(w, "INSERT INTO returns VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    for (size_t i = 0; rc == 0 && i < r->n_returns; i++) {
        const struct tf_return_row *x = &r->returns[i];
        bind_rate_key(w, &x->key, x->departed, x->returned, x->observed);
        sqlite3_bind_double(w->st, 9, x->km);
        rc = step(w);
    }
    return rc;
}

static int put_stays(struct writer *w, const struct tf_results *r)
{
    int rc = prepare(w, "INSERT INTO stays VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
    for (size_t i = 0; rc == 0 && i < r->n_stays; i++) {
        const struct tf_stay_row *x = &r->stays[i];
        bind_rate_key(w, &x->key, x->arrived, x->stayed, x->observed);
        rc = step(w);
    }
    return rc;
}

/* The study-to-work pipeline; work NULL when none was seen. */
static int put_pipeline(struct writer *w, const struct tf_results *r)
{
    int rc = prepare(w, "INSERT INTO pipeline VALUES(?1,?2,?3,?4,?5,?6,?7)");
    for (size_t i = 0; rc == 0 && i < r->n_pipeline; i++) {
        const struct tf_pipeline_row *x = &r->pipeline[i];
        bind_pool(w, 1, x->pool);
        bind_country(w, 2, x->first_degree);
        bind_country(w, 3, x->highest_degree);
        bind_text(w, 4, tf_degree_name(x->degree));
        sqlite3_bind_int(w->st, 5, x->degree_year);
        if (x->work)
            bind_country(w, 6, x->work);
        else
            sqlite3_bind_null(w->st, 6);
        bind_u64(w, 7, x->n);
        rc = step(w);
    }
    return rc;
}

/* The names of the pools besides "all" in `mask` (bit i: pool i + 1), space-separated. */
static void pool_names(const struct tf_results *r, uint16_t mask, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 1; i < r->n_pools && i <= TF_POOLS_MAX; i++) {
        if (!(mask & (1u << (i - 1))))
            continue;
        int n = snprintf(buf + len, size - len, "%s%s", len ? " " : "", r->pools[i].name);
        if (n < 0 || (size_t)n >= size - len)
            break;
        len += (size_t)n;
    }
}

static int person_row(void *ctx, const struct tf_person_row *p)
{
    struct writer *w = ctx;
    char pools[TF_POOLS_MAX * (TF_POOL_NAME_MAX + 1)];
    w->persons_kept = 1;
    pool_names(w->r, p->pools, pools, sizeof(pools));
    bind_text(w, 1, p->name);
    bind_country(w, 2, p->origin);
    sqlite3_bind_int(w->st, 3, p->first_year);
    sqlite3_bind_int(w->st, 4, p->last_year);
    bind_text(w, 5, tf_class_name(p->cls));
    sqlite3_bind_int64(w->st, 6, p->moves);
    bind_country(w, 7, p->last_country);
    sqlite3_bind_int64(w->st, 8, p->works);
    bind_text(w, 9, pools);
    return step(w);
}

/*
 * Persons arrive sorted by id, the primary key's order, so every insert
 * appends. Results made without persons give an empty table and
 * persons_kept '0' in meta rather than no store at all.
 */
static int put_persons(struct writer *w, const struct tf_results *r)
{
    int rc = prepare(w, "INSERT INTO persons VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (rc == 0)
        rc = tf_results_each_person(r, person_row, w, w->err);
    if (rc == TF_ERR_USAGE && !w->persons_kept) {
        tf_error_init(w->err);
        rc = 0;
    }
    return rc;
}

/* The pools of the run in order; results without pools have the one pool "all". */
static int put_pools(struct writer *w, const struct tf_results *r)
{
    int rc = prepare(w, "INSERT INTO pools VALUES(?1, ?2, ?3, ?4, ?5)");
    size_t n = r->n_pools ? r->n_pools : 1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const struct tf_pool_result *p = r->n_pools ? &r->pools[i] : NULL;
        bind_text(w, 1, p ? p->name : "all");
        bind_text(w, 2, p && p->definition ? p->definition : "");
        bind_u64(w, 3, p ? p->people : r->people);
        bind_u64(w, 4, p ? p->moves : r->moves);
        sqlite3_bind_int64(w->st, 5, (sqlite3_int64)i);
        rc = step(w);
    }
    return rc;
}

static int put_countries(struct writer *w)
{
    int rc = prepare(w, "INSERT INTO countries VALUES(?1, ?2, ?3)");
    for (unsigned c = 1; rc == 0 && c < (1u << 16); c++) {
        char code[3];
        if (!(w->seen[c >> 3] & (1u << (c & 7))) || !tf_country_valid((tf_country)c))
            continue;
        bind_text(w, 1, tf_country_code((tf_country)c, code));
        bind_text(w, 2, tf_country_alpha3((tf_country)c));
        bind_text(w, 3, tf_country_name((tf_country)c));
        rc = step(w);
    }
    return rc;
}

/* Every table in one transaction; meta last, since it records whether persons were kept. */
static int put_all(struct writer *w, const struct tf_results *r, const struct tf_run_info *info)
{
    int rc = exec(w, "BEGIN", "begin");
    if (rc == 0)
        rc = exec(w, schema, "create tables");
    if (rc == 0)
        rc = put_pools(w, r);
    if (rc == 0)
        rc = put_country_year(w, r);
    if (rc == 0)
        rc = put_flows(w, r);
    if (rc == 0)
        rc = put_classes(w, r);
    if (rc == 0)
        rc = put_whereabouts(w, r);
    if (rc == 0)
        rc = put_returns(w, r);
    if (rc == 0)
        rc = put_stays(w, r);
    if (rc == 0)
        rc = put_pipeline(w, r);
    if (rc == 0)
        rc = put_persons(w, r);
    if (rc == 0)
        rc = put_countries(w);
    if (rc == 0)
        rc = put_inputs(w, info->inputs, info->input_crc);
    if (rc == 0)
        rc = put_skips(w, info->read_skips, &r->skips);
    if (rc == 0)
        rc = put_meta(w, r, info);
    sqlite3_finalize(w->st);
    w->st = NULL;
    if (rc == 0)
        rc = exec(w, indexes, "create indexes");
    return rc == 0 ? exec(w, "COMMIT", "commit") : rc;
}

/*
 * The temporary file needs no journal (a failure deletes it) and no syncs
 * until the one before the rename. SQLite's page cache (which also bounds
 * the memory of its sorts for the indexes) takes a quarter of the run's
 * memory budget, between 2 MiB and 256 MiB: the store, whose persons table
 * grows with the input, must not make the run outgrow --memory.
 */
static int open_tmp(struct writer *w, const char *tmp, size_t memory)
{
    unlink(tmp); /* a leftover of an earlier process with the same id */
    if (sqlite3_open_v2(tmp, &w->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        return w->db
                   ? db_fail(w, "cannot create")
                   : tf_error_set(w->err, TF_ERR_NOMEM, w->path, 0, "cannot create: out of memory");
    size_t kib = memory / 4 / 1024;
    kib = kib < 2048 ? 2048 : kib > 262144 ? 262144 : kib;
    char pragmas[256];
    snprintf(pragmas, sizeof(pragmas),
             "PRAGMA page_size=65536; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
             "PRAGMA locking_mode=EXCLUSIVE; PRAGMA cache_size=-%zu",
             kib);
    return exec(w, pragmas, "cannot create");
}

int tf_write_store(const struct tf_results *r, const struct tf_run_info *info, const char *dir,
                   struct tf_error *err)
{
    char path[4200], tmp[4300] = "";
    struct writer *w = calloc(1, sizeof(*w));
    if (!w)
        return tf_error_set(err, TF_ERR_NOMEM, dir, 0, "out of memory");
    int rc = tf_mkdir(dir, err);
    snprintf(path, sizeof(path), "%s/%s", dir, TF_STORE_FILE);
    if (rc == 0)
        rc = tf_afile_tmp_name(tmp, sizeof(tmp), path, err);
    w->path = path;
    w->r = r;
    w->err = err;
    if (rc == 0)
        rc = open_tmp(w, tmp, info->opts ? info->opts->memory : (size_t)1 << 30);
    if (rc == 0)
        rc = put_all(w, r, info);
    if (sqlite3_close(w->db) != SQLITE_OK && rc == 0)
        rc = tf_error_set(err, TF_ERR_IO, path, 0, "cannot close");
    if (rc == 0)
        rc = tf_afile_publish(tmp, path, -1, err);
    if (rc < 0 && tmp[0])
        unlink(tmp);
    free(w);
    return rc;
}
