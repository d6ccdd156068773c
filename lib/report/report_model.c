/*
 * report_model.c - reads the model's and the projection's files for the
 * report (see report_model.h). Each file is a tidy CSV with a header row;
 * columns are found by name, so a later version adding columns still reads.
 */
#include "report/report_model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/lines.h"
#include "util/buf.h"
#include "util/csvtok.h"

#define MAX_COLS 16

/* A CSV file being read: its lines, its tokeniser, and the columns asked for by name. */
struct csv {
    const char *path;
    struct tf_lines *lines;
    struct tf_csvtok tok;
    const char *const *names; /* the columns wanted, in the caller's order */
    size_t n_names;
    size_t at[MAX_COLS]; /* their positions in the file */
    uint64_t line;
};

static int csv_record(struct csv *c, struct tf_error *err)
{
    const char *s;
    size_t len;
    int rc;
    tf_csvtok_begin(&c->tok);
    do {
        if ((rc = tf_lines_next(c->lines, &s, &len, NULL, err)) <= 0)
            return rc;
        c->line = tf_lines_lineno(c->lines);
        rc = tf_csvtok_line(&c->tok, s, len);
    } while (rc == 0);
    return rc < 0 ? rc : 1;
}

/* Opens `dir`/`file` and finds the wanted columns in its header. */
static int csv_open(struct csv *c, const char *dir, const char *file, char *path, size_t size,
                    struct tf_error *err)
{
    if ((size_t)snprintf(path, size, "%s/%s", dir, file) >= size)
        return tf_error_set(err, TF_ERR_USAGE, dir, 0, "path too long");
    c->path = path;
    tf_csvtok_init(&c->tok);
    int rc = tf_lines_open(&c->lines, path, 1 << 20, err);
    if (rc < 0)
        return rc;
    if ((rc = csv_record(c, err)) <= 0)
        return rc < 0 ? rc : tf_error_set(err, TF_ERR_FORMAT, path, 1, "empty file: no header");
    for (size_t i = 0; i < c->n_names; i++) {
        size_t j = 0;
        while (j < c->tok.n_fields && strcmp(tf_csvtok_field(&c->tok, j, NULL), c->names[i]) != 0)
            j++;
        if (j == c->tok.n_fields)
            return tf_error_set(err, TF_ERR_FORMAT, path, 1, "no column '%s' in the header",
                                c->names[i]);
        c->at[i] = j;
    }
    return 0;
}

static void csv_close(struct csv *c)
{
    tf_lines_free(c->lines);
    c->lines = NULL;
    tf_csvtok_release(&c->tok);
}

/* Field `i` (of the wanted columns) of the current record, "" when the record is short. */
static const char *csv_field(const struct csv *c, size_t i)
{
    return c->at[i] < c->tok.n_fields ? tf_csvtok_field(&c->tok, c->at[i], NULL) : "";
}

/* Column `i` as a number; an empty field is NaN when `empty_ok`, else an error. */
static int csv_num(const struct csv *c, size_t i, int empty_ok, double *v, struct tf_error *err)
{
    const char *s = csv_field(c, i);
    char *end = NULL;
    if (!*s && empty_ok) {
        *v = NAN;
        return 0;
    }
    *v = strtod(s, &end);
    if (!*s || *end || !isfinite(*v))
        return tf_error_set(err, TF_ERR_FORMAT, c->path, c->line, "%s: not a number: '%.40s'",
                            c->names[i], s);
    return 0;
}

/* Column `i` as a country code of two capital letters into code. */
static int csv_code(const struct csv *c, size_t i, char code[TF_RM_CODE], struct tf_error *err)
{
    const char *s = csv_field(c, i);
    if (strlen(s) != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z')
        return tf_error_set(err, TF_ERR_FORMAT, c->path, c->line, "not a country code: '%.40s'", s);
    memcpy(code, s, 3);
    return 0;
}

/* ---- fit.csv ------------------------------------------------------------ */

/* Splits "push:log(stock)" into side, log and column. Returns 0, or -1 for another form. */
static int term_parse(struct tf_rm_term *t)
{
    static const char *const sides[] = {"push:", "pull:", "dyad:"};
    static const char side[] = {'o', 'd', 'p'};
    const char *s = NULL;
    for (int i = 0; i < 3 && !s; i++)
        if (strncmp(t->name, sides[i], 5) == 0) {
            s = t->name + 5;
            t->side = side[i];
        }
    if (!s || !*s)
        return -1;
    size_t len = strlen(s);
    t->log = strncmp(s, "log(", 4) == 0 && s[len - 1] == ')';
    if (t->log) {
        s += 4;
        len -= 5;
    }
    if (!len || len >= sizeof(t->column))
        return -1;
    memcpy(t->column, s, len);
    t->column[len] = '\0';
    return 0;
}

static int fit_row(struct tf_report_model *m, size_t *cap, const struct csv *c,
                   struct tf_error *err)
{
    struct tf_rm_term t;
    memset(&t, 0, sizeof(t));
    if (strcmp(csv_field(c, 4), "estimated") != 0)
        return 0; /* a dropped or collinear term has nothing to show */
    snprintf(t.name, sizeof(t.name), "%s", csv_field(c, 0));
    if (term_parse(&t) < 0)
        return tf_error_set(err, TF_ERR_FORMAT, c->path, c->line,
                            "term: not push:, pull: or dyad: and a column: '%.60s'", t.name);
    int rc = csv_num(c, 1, 0, &t.est, err);
    if (rc == 0)
        rc = csv_num(c, 2, 0, &t.lo, err);
    if (rc == 0)
        rc = csv_num(c, 3, 0, &t.hi, err);
    if (rc == 0 && (rc = tf_grow((void **)&m->terms, cap, m->n_terms + 1, sizeof(t))) == 0)
        m->terms[m->n_terms++] = t;
    return rc;
}

static int load_fit(struct tf_report_model *m, const char *dir, struct tf_error *err)
{
    static const char *const names[] = {"term", "estimate", "ci_lo", "ci_hi", "status"};
    struct csv c = {.names = names, .n_names = 5};
    char path[4200];
    size_t cap = 0;
    int rc = csv_open(&c, dir, "fit.csv", path, sizeof(path), err);
    while (rc == 0 && (rc = csv_record(&c, err)) > 0)
        rc = fit_row(m, &cap, &c, err);
    csv_close(&c);
    m->has_fit = rc == 0;
    return rc;
}

/* ---- headline.csv ------------------------------------------------------- */

static int gain_row(struct tf_report_model *m, size_t *cap, const struct csv *c,
                    struct tf_error *err)
{
    struct tf_rm_gain g;
    double *v[] = {&g.start, &g.base_end, &g.scen_end, &g.gain, &g.lo, &g.hi, &g.pct};
    memset(&g, 0, sizeof(g));
    int rc = csv_code(c, 0, g.c, err);
    for (size_t i = 0; rc == 0 && i < 7; i++)
        rc = csv_num(c, i + 1, i == 6, v[i], err);
    /* project writes a country once; a second row would draw it twice (and its fan). */
    for (size_t j = 0; rc == 0 && j < m->n_gains; j++)
        if (strcmp(m->gains[j].c, g.c) == 0)
            rc = tf_error_set(err, TF_ERR_FORMAT, c->path, c->line, "%s: listed twice", g.c);
    if (rc == 0 && (rc = tf_grow((void **)&m->gains, cap, m->n_gains + 1, sizeof(g))) == 0)
        m->gains[m->n_gains++] = g;
    return rc;
}

static int load_gains(struct tf_report_model *m, const char *dir, struct tf_error *err)
{
    static const char *const names[] = {"country", "stock_start", "baseline_end", "scenario_end",
                                        "gain",    "gain_lo",     "gain_hi",      "gain_percent"};
    struct csv c = {.names = names, .n_names = 8};
    char path[4200];
    size_t cap = 0;
    int rc = csv_open(&c, dir, "headline.csv", path, sizeof(path), err);
    while (rc == 0 && (rc = csv_record(&c, err)) > 0)
        rc = gain_row(m, &cap, &c, err);
    csv_close(&c);
    return rc;
}

/* ---- stocks.csv --------------------------------------------------------- */

/* The fans: the wanted countries the projection has, else its largest gain and loss. */
static void choose_fans(struct tf_report_model *m, const char want[2][8])
{
    for (int i = 0; i < 2 && m->n_fans < TF_RM_FANS; i++)
        for (size_t j = 0; want[i][0] && j < m->n_gains; j++)
            if (strcmp(m->gains[j].c, want[i]) == 0) {
                memcpy(m->fans[m->n_fans++].c, want[i], 3);
                break;
            }
    if (m->n_fans || !m->n_gains)
        return;
    memcpy(m->fans[m->n_fans++].c, m->gains[0].c, 3);
    if (m->n_gains > 1)
        memcpy(m->fans[m->n_fans++].c, m->gains[m->n_gains - 1].c, 3);
}

static int stock_row(struct tf_report_model *m, size_t cap[TF_RM_FANS], const struct csv *c,
                     struct tf_error *err)
{
    struct tf_rm_stock s;
    double *v[] = {&s.base, &s.base_lo, &s.base_hi, &s.scen, &s.scen_lo, &s.scen_hi};
    char code[TF_RM_CODE], *end = NULL;
    int rc = csv_code(c, 0, code, err);
    const char *year = csv_field(c, 1);
    long y = strtol(year, &end, 10);
    if (rc == 0 && (!*year || *end || y < 1800 || y > 2200))
        rc = tf_error_set(err, TF_ERR_FORMAT, c->path, c->line, "year: not a year: '%.20s'", year);
    s.year = (int)y;
    for (size_t i = 0; rc == 0 && i < 6; i++)
        rc = csv_num(c, i + 2, 0, v[i], err);
    for (size_t f = 0; rc == 0 && f < m->n_fans; f++) {
        struct tf_rm_fan *fan = &m->fans[f];
        if (strcmp(fan->c, code) != 0)
            continue;
        if (fan->n && fan->s[fan->n - 1].year >= s.year)
            return tf_error_set(err, TF_ERR_FORMAT, c->path, c->line, "%s: years out of order",
                                code);
        if ((rc = tf_grow((void **)&fan->s, &cap[f], fan->n + 1, sizeof(s))) == 0)
            fan->s[fan->n++] = s;
    }
    if (rc == 0) {
        m->year0 = m->year0 && m->year0 < s.year ? m->year0 : s.year;
        m->year1 = m->year1 > s.year ? m->year1 : s.year;
    }
    return rc;
}

static int load_stocks(struct tf_report_model *m, const char *dir, struct tf_error *err)
{
    static const char *const names[] = {"country",     "year",     "baseline",    "baseline_lo",
                                        "baseline_hi", "scenario", "scenario_lo", "scenario_hi"};
    struct csv c = {.names = names, .n_names = 8};
    char path[4200];
    size_t cap[TF_RM_FANS] = {0};
    int rc = csv_open(&c, dir, "stocks.csv", path, sizeof(path), err);
    while (rc == 0 && (rc = csv_record(&c, err)) > 0)
        rc = stock_row(m, cap, &c, err);
    csv_close(&c);
    return rc;
}

/* The scenario file as written, when the projection has one (at most TF_RM_SCENARIO bytes). */
static int load_scenario(struct tf_report_model *m, const char *dir, struct tf_error *err)
{
    char path[4200];
    snprintf(path, sizeof(path), "%s/scenario.json", dir);
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    if (!(m->scenario = malloc(TF_RM_SCENARIO + 1))) {
        fclose(f);
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    }
    size_t n = fread(m->scenario, 1, TF_RM_SCENARIO, f);
    int bad = ferror(f);
    fclose(f);
    m->scenario[n] = '\0';
    return bad ? tf_error_set(err, TF_ERR_IO, path, 0, "cannot read") : 0;
}

static int load_projection(struct tf_report_model *m, const char *dir, const char want[2][8],
                           struct tf_error *err)
{
    int rc = load_gains(m, dir, err);
    if (rc == 0) {
        choose_fans(m, want);
        rc = load_stocks(m, dir, err);
    }
    if (rc == 0)
        rc = load_scenario(m, dir, err);
    m->has_projection = rc == 0 && m->n_gains > 0;
    return rc;
}

int tf_report_model_load(struct tf_report_model *m, const char *model_dir,
                         const char *projection_dir, const char want[2][8], struct tf_error *err)
{
    memset(m, 0, sizeof(*m));
    int rc = model_dir ? load_fit(m, model_dir, err) : 0;
    if (rc == 0 && projection_dir)
        rc = load_projection(m, projection_dir, want, err);
    if (rc < 0)
        tf_report_model_release(m);
    return rc;
}

void tf_report_model_release(struct tf_report_model *m)
{
    free(m->terms);
    free(m->gains);
    for (size_t i = 0; i < TF_RM_FANS; i++)
        free(m->fans[i].s);
    free(m->scenario);
    memset(m, 0, sizeof(*m));
}
