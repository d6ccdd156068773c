/*
 * panel.c - the completed panel: every ordered pair of countries present in
 * a year is one observation, with its flow or a zero.
 *
 * Flow tables list positive flows only, but a gravity model fitted to them
 * alone would describe flows given that they happen and overstate every
 * elasticity; the zeros carry the information about which pairs do not
 * exchange researchers. Completion is over countries "present" in a year:
 * those with every country-year value the model uses, so no observation
 * needs an imputed covariate.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/afile.h"
#include "model/panel_raw.h"
#include "talentflow/text.h"

int tf_term_parse(struct tf_term *t, int side, const char *spec, struct tf_error *err)
{
    memset(t, 0, sizeof(*t));
    t->side = side;
    if (strncasecmp(spec, "log:", 4) == 0) {
        t->log = 1;
        spec += 4;
    }
    size_t len = strlen(spec);
    if (len == 0 || len >= TF_MODEL_NAME_MAX || strchr(spec, ',') || strchr(spec, '"'))
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0,
                            "a covariate is [log:]COLUMN with a column name of 1 to %d "
                            "characters, got '%s'",
                            TF_MODEL_NAME_MAX - 1, spec);
    memcpy(t->column, spec, len + 1);
    return 0;
}

char *tf_term_name(const struct tf_term *t, char *buf, size_t n)
{
    static const char *const sides[] = {"push", "pull", "dyad"};
    const char *side = t->side >= 0 && t->side <= 2 ? sides[t->side] : "?";
    snprintf(buf, n, t->log ? "%s:log(%s)" : "%s:%s", side, t->column);
    return buf;
}

void tf_panel_opts_init(struct tf_panel_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->top = 40;
    o->fe = TF_FE_OD_YEAR;
}

int tf_panel_opts_add(struct tf_panel_opts *o, int side, const char *spec, struct tf_error *err)
{
    if (o->n_terms >= TF_MODEL_MAX_TERMS)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "at most %d covariate terms",
                            TF_MODEL_MAX_TERMS);
    int rc = tf_term_parse(&o->terms[o->n_terms], side, spec, err);
    if (rc == 0)
        o->n_terms++;
    return rc;
}

const struct tf_panel_info *tf_panel_get_info(const struct tf_panel *p)
{
    return &p->info;
}

/* ---- the specification -------------------------------------------------- */

static const char *resolve_stock(const struct raw *r, const struct tf_panel_opts *o,
                                 struct tf_error *err)
{
    if (o->stock_column) {
        if (raw_has_column(r, o->stock_column))
            return o->stock_column;
        tf_error_set(err, TF_ERR_USAGE, NULL, 0, "no stock column '%s' in the country-year data",
                     o->stock_column);
        return NULL;
    }
    if (raw_has_column(r, "researchers"))
        return "researchers";
    if (raw_has_column(r, "padded_population_of_researchers"))
        return "padded_population_of_researchers";
    if (raw_has_column(r, "population") && r->has_births_deaths)
        return "population";
    tf_error_set(err, TF_ERR_USAGE, NULL, 0,
                 "no researcher stock in the country-year data: give country-year data with "
                 "researchers or padded_population_of_researchers (or talentflow's "
                 "country_year.csv), or name the column with --stock");
    return NULL;
}

static void add_default(struct tf_panel *p, int side, const char *col)
{
    struct tf_term *t = &p->terms[p->n_terms++];
    memset(t, 0, sizeof(*t));
    t->side = side;
    t->log = 1;
    snprintf(t->column, sizeof(t->column), "%s", col);
}

/* The default specification (see tf_panel_build in model.h). */
static void default_terms(struct tf_panel *p, const struct raw *r, const char *stock,
                          const struct tf_panel_opts *o)
{
    static const char *const extra[] = {"gdp_per_capita", "population"};
    for (int side = TF_SIDE_ORIGIN; side <= TF_SIDE_DESTINATION; side++) {
        add_default(p, side, "stock");
        for (size_t k = 0; k < 2; k++)
            if (raw_has_column(r, extra[k]) && strcasecmp(extra[k], stock) != 0)
                add_default(p, side, extra[k]);
    }
    if (o->capitals)
        add_default(p, TF_SIDE_PAIR, "distance");
}

static int check_term(const struct raw *r, const struct tf_term *t, const struct tf_panel_opts *o,
                      struct tf_error *err)
{
    if (t->side == TF_SIDE_PAIR) {
        if (strcasecmp(t->column, "distance") == 0 && !o->capitals)
            return tf_error_set(err, TF_ERR_USAGE, NULL, 0,
                                "the distance covariate needs capitals (--capitals FILE)");
        return 0;
    }
    if (strcasecmp(t->column, "stock") == 0 || raw_has_column(r, t->column))
        return 0;
    char list[1024] = "";
    size_t len = 0;
    for (size_t i = 0; i < r->n_avail && len < sizeof(list); i++)
        len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "", r->avail[i]);
    return tf_error_set(err, TF_ERR_USAGE, NULL, 0,
                        "no country-year column '%s'; the data offer: stock, %s", t->column, list);
}

/* All terms, the offset included, in one list for reading. */
static size_t all_terms(const struct tf_panel *p, struct tf_term *out)
{
    memcpy(out, p->terms, p->n_terms * sizeof(*out));
    if (p->has_offset)
        out[p->n_terms] = p->offset_term;
    return p->n_terms + (p->has_offset ? 1 : 0);
}

/* ---- presence and selection --------------------------------------------- */

/* The value of a country-year term for country c in year t (NAN when absent). */
static double cy_value(const struct raw *r, const struct tf_term *t, tf_country c, int year)
{
    const double *row = raw_row(&r->cy, raw_cy_key(c, year));
    if (!row)
        return NAN;
    long j = strcasecmp(t->column, "stock") == 0 ? 0 : raw_col(&r->cy, t->column);
    return j >= 0 ? row[j] : NAN;
}

static double transform(const struct tf_term *t, double v)
{
    if (!t->log)
        return v;
    return v > 0 ? log(v) : NAN;
}

static int present(const struct raw *r, const struct tf_term *terms, size_t n, tf_country c,
                   int year)
{
    const double *row = raw_row(&r->cy, raw_cy_key(c, year));
    if (!row || !isfinite(row[0]) || row[0] < 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (terms[i].side != TF_SIDE_PAIR &&
            !isfinite(transform(&terms[i], cy_value(r, &terms[i], c, year))))
            return 0;
    return 1;
}

struct ranked {
    tf_country c;
    double stock;
};

static int by_stock(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->stock != y->stock)
        return x->stock > y->stock ? -1 : 1;
    return x->c < y->c ? -1 : x->c > y->c;
}

static int by_code(const void *a, const void *b)
{
    tf_country x = *(const tf_country *)a, y = *(const tf_country *)b;
    return x < y ? -1 : x > y;
}

/* Picks the countries: present in the last year, the `top` largest by stock. */
static int select_countries(struct tf_panel *p, const struct raw *r, const struct tf_term *terms,
                            size_t n_terms, int last)
{
    struct ranked *rk = malloc(r->cy.n_rows * sizeof(*rk) + 1);
    size_t n = 0, pos = 0;
    uint64_t key;
    void *val;
    if (!rk)
        return TF_ERR_NOMEM;
    while (tf_map_next(&r->cy.idx, &pos, &key, &val)) {
        tf_country c = (tf_country)(key >> 32);
        if ((int)(uint32_t)key == last && present(r, terms, n_terms, c, last))
            rk[n++] = (struct ranked){c, raw_row(&r->cy, key)[0]};
    }
    qsort(rk, n, sizeof(*rk), by_stock);
    if (p->top && n > p->top)
        n = p->top;
    p->countries = malloc((n + 1) * sizeof(*p->countries));
    for (size_t i = 0; p->countries && i < n; i++)
        p->countries[i] = rk[i].c;
    free(rk);
    if (!p->countries)
        return TF_ERR_NOMEM;
    qsort(p->countries, n, sizeof(*p->countries), by_code);
    p->n_countries = n;
    return 0;
}

/* ---- completion --------------------------------------------------------- */

static uint64_t flow_key(tf_country o, tf_country d, int year)
{
    return ((uint64_t)o << 48) | ((uint64_t)d << 32) | (uint32_t)year;
}

/* The value of term t for the pair (o, d) in `year`, transformed; NAN when absent. */
static double term_value(const struct raw *r, const struct tf_term *t, tf_country o, tf_country d,
                         int year)
{
    if (t->side == TF_SIDE_ORIGIN)
        return transform(t, cy_value(r, t, o, year));
    if (t->side == TF_SIDE_DESTINATION)
        return transform(t, cy_value(r, t, d, year));
    if (strcasecmp(t->column, "distance") == 0)
        return transform(t, raw_distance(r, o, d));
    long j = raw_col(&r->pairs, t->column);
    const double *row = raw_row(&r->pairs, raw_pair_key(o, d));
    if (!row || !isfinite(row[j]))
        row = raw_row(&r->pairs, raw_pair_key(d, o));
    return row ? transform(t, row[j]) : NAN;
}

struct grow {
    size_t n, cap, p;
    int has_offset;
};

static int panel_reserve(struct tf_panel *p, struct grow *g)
{
    if (g->n < g->cap)
        return 0;
    size_t c = g->cap ? 2 * g->cap : 4096;
    double *y = realloc(p->y, c * sizeof(double));
    if (y)
        p->y = y;
    double *x = realloc(p->x, c * (g->p + 1) * sizeof(double));
    if (x)
        p->x = x;
    uint32_t *oi = realloc(p->oi, c * sizeof(uint32_t));
    if (oi)
        p->oi = oi;
    uint32_t *di = realloc(p->di, c * sizeof(uint32_t));
    if (di)
        p->di = di;
    uint16_t *ti = realloc(p->ti, c * sizeof(uint16_t));
    if (ti)
        p->ti = ti;
    if (!y || !x || !oi || !di || !ti)
        return TF_ERR_NOMEM;
    g->cap = c;
    return 0;
}

/* Adds the pair (o, d) in year t when every term has a value. Row-major while growing. */
static int add_obs(struct tf_panel *p, struct grow *g, const struct raw *r,
                   const struct tf_map *flows, size_t o, size_t d, int t)
{
    tf_country co = p->countries[o], cd = p->countries[d];
    struct tf_term terms[TF_MODEL_MAX_TERMS + 1];
    size_t nt = all_terms(p, terms);
    double v[TF_MODEL_MAX_TERMS + 1];
    for (size_t k = 0; k < nt; k++)
        if (!isfinite(v[k] = term_value(r, &terms[k], co, cd, p->year_first + t)))
            return 0;
    int rc = panel_reserve(p, g);
    if (rc < 0)
        return rc;
    const double *f = tf_map_find(flows, flow_key(co, cd, p->year_first + t));
    p->y[g->n] = f ? *f : 0.0;
    memcpy(p->x + g->n * (g->p + 1), v, nt * sizeof(double));
    p->oi[g->n] = (uint32_t)o;
    p->di[g->n] = (uint32_t)d;
    p->ti[g->n] = (uint16_t)t;
    if (f && *f > 0)
        p->info.flows_in_panel++;
    else
        p->info.zeros_added++;
    p->info.sum_flows += p->y[g->n];
    g->n++;
    return 0;
}

/* Turns the row-major rows (terms then offset) into column-major x and offset. */
static int to_columns(struct tf_panel *p, const struct grow *g)
{
    size_t n = g->n, k = p->n_terms, w = g->p + 1;
    double *x = malloc((n * k + 1) * sizeof(double));
    double *off = p->has_offset ? malloc((n + 1) * sizeof(double)) : NULL;
    if (!x || (p->has_offset && !off)) {
        free(x);
        free(off);
        return TF_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < k; j++)
            x[j * n + i] = p->x[i * w + j];
        if (off)
            off[i] = p->x[i * w + k];
    }
    free(p->x);
    p->x = x;
    p->offset = off;
    p->n = n;
    return 0;
}

/* Sums the positive flows by (o, d, year) and counts those in scope. */
static int index_flows(struct tf_panel *p, const struct raw *r, struct tf_map *flows,
                       const int *sel)
{
    int last = p->year_first + p->n_years - 1;
    for (size_t i = 0; i < r->n_flows; i++) {
        const struct flow_rec *f = &r->flows[i];
        if (f->n <= 0)
            continue;
        p->info.flows_read++;
        if (f->year < p->year_first || f->year > last || sel[f->o] < 0 || sel[f->d] < 0) {
            p->info.flows_outside++;
            continue;
        }
        double *v = tf_map_get(flows, flow_key(f->o, f->d, f->year));
        if (!v)
            return TF_ERR_NOMEM;
        if (*v == 0)
            p->info.flows_no_covariate++; /* scope count; those that enter are taken off */
        *v += f->n;
    }
    return 0;
}

static int complete(struct tf_panel *p, const struct raw *r, const int *sel)
{
    struct tf_map flows;
    struct grow g = {0, 0, p->n_terms, p->has_offset};
    struct tf_term terms[TF_MODEL_MAX_TERMS + 1];
    size_t nt = all_terms(p, terms);
    char *pres = malloc(p->n_countries + 1);
    tf_map_init(&flows, sizeof(double));
    int rc = pres ? index_flows(p, r, &flows, sel) : TF_ERR_NOMEM;
    for (int t = 0; rc == 0 && t < p->n_years; t++) {
        for (size_t c = 0; c < p->n_countries; c++)
            pres[c] = (char)present(r, terms, nt, p->countries[c], p->year_first + t);
        for (size_t o = 0; rc == 0 && o < p->n_countries; o++)
            for (size_t d = 0; rc == 0 && d < p->n_countries; d++)
                if (o != d && pres[o] && pres[d])
                    rc = add_obs(p, &g, r, &flows, o, d, t);
    }
    p->info.flows_no_covariate -= p->info.flows_in_panel;
    if (rc == 0)
        rc = to_columns(p, &g);
    tf_map_release(&flows);
    free(pres);
    return rc;
}

/* ---- building ----------------------------------------------------------- */

static void copy_name(char *dst, size_t n, const char *path)
{
    snprintf(dst, n, "%s", path ? model_basename(path) : "");
}

static int setup_spec(struct tf_panel *p, const struct raw *r, const struct tf_panel_opts *o,
                      const char *stock, struct tf_error *err)
{
    p->fe = o->fe;
    p->top = o->top;
    p->n_terms = o->n_terms;
    memcpy(p->terms, o->terms, sizeof(p->terms));
    p->has_offset = o->has_offset;
    p->offset_term = o->offset;
    if (!p->n_terms)
        default_terms(p, r, stock, o);
    for (size_t i = 0; i < p->n_terms; i++) {
        int rc = check_term(r, &p->terms[i], o, err);
        if (rc < 0)
            return rc;
    }
    snprintf(p->info.stock_column, sizeof(p->info.stock_column), "%s", stock);
    return p->has_offset ? check_term(r, &p->offset_term, o, err) : 0;
}

static int set_window(struct tf_panel *p, const struct raw *r, const struct tf_panel_opts *o,
                      struct tf_error *err)
{
    int from = o->year_from && o->year_from > r->year_min ? o->year_from : r->year_min;
    int to = o->year_to && o->year_to < r->year_max ? o->year_to : r->year_max;
    if (from > to || to - from >= 1000)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0,
                            "no flows in the years asked for (the data cover %d-%d)", r->year_min,
                            r->year_max);
    p->year_first = from;
    p->n_years = to - from + 1;
    p->info.year_first = from;
    p->info.year_last = to;
    return 0;
}

static int build(struct tf_panel *p, struct raw *r, const char *flows,
                 const struct tf_panel_opts *o, struct tf_error *err)
{
    int *sel = NULL;
    int rc = raw_open(r, flows, o, err);
    const char *stock = rc == 0 ? resolve_stock(r, o, err) : NULL;
    if (rc == 0 && !stock)
        rc = err ? err->code : TF_ERR_USAGE;
    if (rc == 0)
        rc = setup_spec(p, r, o, stock, err);
    struct tf_term terms[TF_MODEL_MAX_TERMS + 1];
    size_t nt = all_terms(p, terms);
    if (rc == 0)
        rc = raw_read(r, o, stock, terms, nt, err);
    if (rc == 0)
        rc = set_window(p, r, o, err);
    if (rc == 0 && (rc = select_countries(p, r, terms, nt, p->year_first + p->n_years - 1)) < 0)
        return tf_error_set(err, rc, NULL, 0, "out of memory");
    if (rc == 0 && !(sel = malloc(65536 * sizeof(int))))
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    for (size_t c = 0; rc == 0 && c < 65536; c++)
        sel[c] = -1;
    for (size_t c = 0; rc == 0 && c < p->n_countries; c++)
        sel[p->countries[c]] = (int)c;
    if (rc == 0 && (rc = complete(p, r, sel)) < 0)
        tf_error_set(err, rc, NULL, 0, "out of memory");
    free(sel);
    if (rc == 0 && (rc = panel_state(p, r)) < 0)
        tf_error_set(err, rc, NULL, 0, "out of memory");
    return rc;
}

int tf_panel_build(struct tf_panel **out, const char *flows, const struct tf_panel_opts *o,
                   struct tf_error *err)
{
    struct raw r;
    struct tf_panel *p = calloc(1, sizeof(*p));
    *out = NULL;
    if (!p)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    int rc = build(p, &r, flows, o, err);
    p->info.flows_bad = r.bad;
    snprintf(p->info.first_bad, sizeof(p->info.first_bad), "%s", r.first_bad);
    raw_release(&r);
    if (rc == 0 && p->n == 0)
        rc = tf_error_set(err, TF_ERR_DATA, flows, 0,
                          "the completed panel is empty: no pair of countries has every "
                          "covariate in any year");
    if (rc < 0) {
        tf_panel_free(p);
        return rc;
    }
    p->info.n_obs = p->n;
    p->info.n_countries = p->n_countries;
    copy_name(p->flows_file, sizeof(p->flows_file), flows);
    copy_name(p->country_file, sizeof(p->country_file), o->country_data);
    copy_name(p->pair_file, sizeof(p->pair_file), o->pair_data);
    copy_name(p->capitals_file, sizeof(p->capitals_file), o->capitals);
    *out = p;
    return 0;
}

void tf_panel_free(struct tf_panel *p)
{
    if (!p)
        return;
    free(p->y);
    free(p->x);
    free(p->offset);
    free(p->oi);
    free(p->di);
    free(p->ti);
    free(p->countries);
    free(p->stock);
    free(p->growth);
    free(p->cy_cols);
    free(p->cy_last);
    free(p->pair_cols);
    free(p->pair_vals);
    free(p);
}

/* ---- writing ------------------------------------------------------------ */

int tf_panel_write_csv(const struct tf_panel *p, const char *path, struct tf_error *err)
{
    struct tf_afile a;
    char name[2 * TF_MODEL_NAME_MAX], oc[3], dc[3];
    int rc = tf_afile_open(&a, path, err);
    if (rc < 0)
        return rc;
    fputs("origin,destination,year,flow", a.f);
    for (size_t j = 0; j < p->n_terms; j++)
        fprintf(a.f, ",%s", tf_term_name(&p->terms[j], name, sizeof(name)));
    if (p->offset)
        fprintf(a.f, ",offset");
    fputc('\n', a.f);
    for (size_t i = 0; i < p->n; i++) {
        fprintf(a.f, "%s,%s,%d,", tf_country_code(p->countries[p->oi[i]], oc),
                tf_country_code(p->countries[p->di[i]], dc), p->year_first + p->ti[i]);
        tf_num_put(a.f, p->y[i], TF_NUM_EXACT);
        for (size_t j = 0; j < p->n_terms; j++) {
            fputc(',', a.f);
            tf_num_put(a.f, p->x[j * p->n + i], TF_NUM_EXACT);
        }
        if (p->offset) {
            fputc(',', a.f);
            tf_num_put(a.f, p->offset[i], TF_NUM_EXACT);
        }
        fputc('\n', a.f);
    }
    return tf_afile_commit(&a, err);
}
