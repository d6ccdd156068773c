/*
 * model_read.c - reading model.json back into a struct tf_model.
 *
 * The reader checks the file's identity first ("format" and "version"), so
 * a model from another version of talentflow is refused with a message that
 * says what to do, rather than read into something subtly different. Past
 * that, a missing or mistyped field is reported by its place in the
 * document ("estimates.vcov[2]").
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/lines.h"
#include "util/json.h"
#include "model/model_int.h"
#include "talentflow/version.h"

int model_load_json(struct tf_jdoc **out, const char *path, struct tf_error *err)
{
    struct tf_lines *l = NULL;
    const char *data = "";
    size_t len = 0;
    char why[160] = "";
    *out = NULL;
    int rc = tf_lines_open(&l, path, (size_t)1 << 30, err);
    if (rc == 0 && (rc = tf_lines_rest(l, &data, &len, err)) == 0)
        rc = tf_error_set(err, TF_ERR_FORMAT, path, 0, "empty file");
    if (rc > 0) {
        rc = tf_jdoc_parse(out, data, len, why, sizeof(why));
        if (rc == -2)
            rc = tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
        else if (rc < 0)
            rc = tf_error_set(err, TF_ERR_FORMAT, path, 0, "not valid JSON: %s", why);
    }
    tf_lines_free(l);
    return rc;
}

/* ---- checked access ----------------------------------------------------- */

struct rd {
    const char *path;
    struct tf_error *err;
    int rc;
};

static const struct tf_jv *need(struct rd *r, const struct tf_jv *obj, const char *key, int type,
                                const char *where)
{
    const struct tf_jv *v = tf_jv_get(obj, key);
    if (r->rc == 0 && (!v || v->type != type))
        r->rc = tf_error_set(
            r->err, TF_ERR_FORMAT, r->path, 0, "model file: %s%s%s is missing or not a%s %s", where,
            *where ? "." : "", key, type == TF_JV_ARRAY || type == TF_JV_OBJECT ? "n" : "",
            type == TF_JV_ARRAY    ? "array"
            : type == TF_JV_OBJECT ? "object"
            : type == TF_JV_STRING ? "string"
                                   : "number");
    return v && v->type == type ? v : NULL;
}

/* A number, null meaning NAN; NAN and an error when absent or of another type. */
static double num(struct rd *r, const struct tf_jv *obj, const char *key, const char *where)
{
    const struct tf_jv *v = tf_jv_get(obj, key);
    if (v && v->type == TF_JV_NULL)
        return NAN;
    if (v && v->type == TF_JV_BOOL)
        return v->num;
    v = need(r, obj, key, TF_JV_NUMBER, where);
    return v ? v->num : NAN;
}

/* Largest values of the count fields (as doubles: the first that does not fit). */
#define BEYOND_U64 18446744073709551616.0
#define BEYOND_UINT ((double)UINT_MAX + 1.0)

/*
 * A whole number in 0 .. below `beyond`: the counts and options of a model.
 * Anything else (null, negative, fractional, too large) is an error, and 0,
 * as converting it would be undefined.
 */
static uint64_t count(struct rd *r, const struct tf_jv *obj, const char *key, const char *where,
                      double beyond)
{
    double v = num(r, obj, key, where);
    if (v >= 0 && v < beyond && v == floor(v))
        return (uint64_t)v;
    if (r->rc == 0)
        r->rc = tf_error_set(r->err, TF_ERR_FORMAT, r->path, 0,
                             "model file: %s%s%s is not a whole number from 0 to %.0f", where,
                             *where ? "." : "", key, beyond - 1);
    return 0;
}

/* A year in TF_YEAR_MIN..TF_YEAR_MAX, or 0 for anything else (null for a group without one). */
static int year_or_0(double y)
{
    return y >= TF_YEAR_MIN && y <= TF_YEAR_MAX ? (int)y : 0;
}

/* Element i of the array `a` when it is a number; NaN otherwise (a string's n is its length). */
static double item_num(const struct tf_jv *a, size_t i)
{
    return a && a->type == TF_JV_ARRAY && i < a->n && a->items[i].type == TF_JV_NUMBER
               ? a->items[i].num
               : NAN;
}

static int pick(const char *s, const char *const *names, int n)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

static int parse_country(struct rd *r, const char *s, tf_country *c, const char *where)
{
    if (s && tf_country_parse(s, strlen(s), c) == 0)
        return 0;
    if (r->rc == 0)
        r->rc = tf_error_set(r->err, TF_ERR_FORMAT, r->path, 0,
                             "model file: %s: '%s' is not a country", where, s ? s : "");
    return -1;
}

/* ---- identity ----------------------------------------------------------- */

static int check_identity(struct rd *r, const struct tf_jv *root)
{
    const struct tf_jv *f = tf_jv_get(root, "format"), *v = tf_jv_get(root, "version");
    if (!f || f->type != TF_JV_STRING || strcmp(f->str, "talentflow-model") != 0)
        return tf_error_set(r->err, TF_ERR_FORMAT, r->path, 0,
                            "not a talentflow model file (no \"format\": \"talentflow-model\"); "
                            "write one with 'talentflow fit'");
    if (!v || v->type != TF_JV_NUMBER || v->num != TF_MODEL_FORMAT_VERSION) {
        const struct tf_jv *by = tf_jv_get(root, "talentflow");
        return tf_error_set(r->err, TF_ERR_FORMAT, r->path, 0,
                            "model format version %g (written by talentflow %s), but talentflow "
                            "%s reads version %d: refit the model with this version "
                            "('talentflow fit')",
                            v && v->type == TF_JV_NUMBER ? v->num : -1.0,
                            by && by->type == TF_JV_STRING ? by->str : "?", tf_version(),
                            TF_MODEL_FORMAT_VERSION);
    }
    return 0;
}

/* ---- sections ----------------------------------------------------------- */

static void read_term_spec(struct rd *r, const struct tf_jv *t, struct tf_term *out,
                           const char *where)
{
    static const char *const sides[] = {"origin", "destination", "pair"};
    const struct tf_jv *side = need(r, t, "side", TF_JV_STRING, where);
    const struct tf_jv *col = need(r, t, "column", TF_JV_STRING, where);
    memset(out, 0, sizeof(*out));
    out->side = pick(side ? side->str : NULL, sides, 3);
    out->log = num(r, t, "log", where) != 0;
    if (col)
        snprintf(out->column, sizeof(out->column), "%s", col->str);
    if (r->rc == 0 && out->side < 0)
        r->rc = tf_error_set(r->err, TF_ERR_FORMAT, r->path, 0, "model file: %s.side is unknown",
                             where);
}

static void read_spec(struct rd *r, struct tf_model *m, const struct tf_jv *root)
{
    static const char *const fe[] = {"origin+destination+year", "origin_year+destination_year"};
    static const char *const vce[] = {"hc0", "hc1", "cluster"};
    static const char *const cl[] = {"pair", "origin", "destination", "year"};
    const struct tf_jv *spec = need(r, root, "specification", TF_JV_OBJECT, "");
    const struct tf_jv *terms = need(r, spec, "terms", TF_JV_ARRAY, "specification");
    const struct tf_jv *fes = need(r, spec, "fixed_effects", TF_JV_STRING, "specification");
    const struct tf_jv *off = tf_jv_get(spec, "offset"),
                       *opt = need(r, root, "options", TF_JV_OBJECT, "");
    char where[64];
    m->fe = pick(fes ? fes->str : NULL, fe, 2);
    for (size_t j = 0; terms && j < m->n_terms; j++) {
        snprintf(where, sizeof(where), "specification.terms[%zu]", j);
        read_term_spec(r, &terms->items[j], &m->terms[j].term, where);
    }
    m->has_offset = off && off->type == TF_JV_OBJECT;
    if (m->has_offset)
        read_term_spec(r, off, &m->offset, "specification.offset");
    m->top = (unsigned)count(r, spec, "top", "specification", BEYOND_UINT);
    m->tol = num(r, opt, "tol", "options");
    m->inner_tol = num(r, opt, "inner_tol", "options");
    m->max_iter = (unsigned)count(r, opt, "max_iter", "options", BEYOND_UINT);
    const struct tf_jv *method = need(r, opt, "fe_method", TF_JV_STRING, "options");
    m->fe_method = method && strcmp(method->str, "dense") == 0 ? TF_FE_DENSE : TF_FE_AP;
    const struct tf_jv *v = need(r, opt, "vce", TF_JV_STRING, "options");
    const struct tf_jv *c = need(r, opt, "cluster", TF_JV_STRING, "options");
    m->vce = pick(v ? v->str : NULL, vce, 3);
    m->cluster = pick(c ? c->str : NULL, cl, 4);
    m->seed = count(r, opt, "seed", "options", BEYOND_U64);
    if (r->rc == 0 && (m->fe < 0 || m->vce < 0 || m->cluster < 0))
        r->rc = tf_error_set(r->err, TF_ERR_FORMAT, r->path, 0,
                             "model file: unknown fixed effects, vce or cluster name");
}

static void copy_str(const struct tf_jv *obj, const char *key, char *dst, size_t n)
{
    const struct tf_jv *v = tf_jv_get(obj, key);
    snprintf(dst, n, "%s", v && v->type == TF_JV_STRING ? v->str : "");
}

static void read_groups(struct rd *r, struct tf_model *m, const struct tf_jv *sep)
{
    static const char *const dims[] = {"origin", "destination", "year", "origin_year",
                                       "destination_year"};
    m->groups = calloc(sep->n + 1, sizeof(*m->groups));
    if (!m->groups) {
        r->rc = tf_error_set(r->err, TF_ERR_NOMEM, NULL, 0, "out of memory");
        return;
    }
    for (size_t g = 0; g < sep->n && r->rc == 0; g++) {
        const struct tf_jv *e = &sep->items[g], *d = tf_jv_get(e, "dimension");
        const struct tf_jv *c = tf_jv_get(e, "country");
        struct tf_model_group *out = &m->groups[m->n_groups++];
        out->dim = pick(d && d->type == TF_JV_STRING ? d->str : NULL, dims, 5);
        if (c && c->type == TF_JV_STRING)
            parse_country(r, c->str, &out->country, "data.separated");
        double y = num(r, e, "year", "data.separated");
        out->year = year_or_0(y);
        out->obs = count(r, e, "observations", "data.separated", BEYOND_U64);
    }
}

static void read_data(struct rd *r, struct tf_model *m, const struct tf_jv *d)
{
    struct tf_panel_info *in = &m->data;
    copy_str(d, "flows", m->flows_file, sizeof(m->flows_file));
    copy_str(d, "country_data", m->country_file, sizeof(m->country_file));
    copy_str(d, "pair_data", m->pair_file, sizeof(m->pair_file));
    copy_str(d, "capitals", m->capitals_file, sizeof(m->capitals_file));
    copy_str(d, "stock_column", in->stock_column, sizeof(in->stock_column));
    in->flows_read = count(r, d, "flows_read", "data", BEYOND_U64);
    in->flows_bad = count(r, d, "flows_skipped", "data", BEYOND_U64);
    in->flows_in_panel = count(r, d, "flows_in_panel", "data", BEYOND_U64);
    in->flows_outside = count(r, d, "flows_outside", "data", BEYOND_U64);
    in->flows_no_covariate = count(r, d, "flows_no_covariate", "data", BEYOND_U64);
    in->n_obs = count(r, d, "observations", "data", BEYOND_U64);
    in->zeros_added = count(r, d, "zeros_added", "data", BEYOND_U64);
    in->sum_flows = num(r, d, "sum_flows", "data");
    m->n_obs = count(r, d, "observations_used", "data", BEYOND_U64);
    in->n_countries = m->n_countries;
    in->year_first = m->year_first;
    in->year_last = m->year_last;
    const struct tf_jv *sep = need(r, d, "separated", TF_JV_ARRAY, "data");
    if (sep)
        read_groups(r, m, sep);
}

static void read_estimates(struct rd *r, struct tf_model *m, const struct tf_jv *root)
{
    static const char *const keys[] = {"estimate",     "se",          "se_hc0",
                                       "se_hc1",       "se_cluster",  "se_bootstrap",
                                       "bootstrap_lo", "bootstrap_hi"};
    const struct tf_jv *e = need(r, root, "estimates", TF_JV_OBJECT, "");
    const struct tf_jv *terms = need(r, e, "terms", TF_JV_ARRAY, "estimates");
    const struct tf_jv *vcov = need(r, e, "vcov", TF_JV_ARRAY, "estimates");
    const struct tf_jv *ss = need(r, e, "small_sample", TF_JV_OBJECT, "estimates");
    const struct tf_jv *boot = need(r, e, "bootstrap", TF_JV_OBJECT, "estimates");
    size_t p = m->n_terms;
    for (size_t j = 0; terms && j < p && r->rc == 0; j++) {
        const struct tf_jv *t = &terms->items[j];
        struct tf_model_term *out = &m->terms[j];
        double *v[] = {&out->estimate,   &out->se,      &out->se_hc0,  &out->se_hc1,
                       &out->se_cluster, &out->se_boot, &out->boot_lo, &out->boot_hi};
        for (size_t k = 0; k < 8; k++)
            *v[k] = num(r, t, keys[k], "estimates.terms[]");
        const struct tf_jv *st = need(r, t, "status", TF_JV_STRING, "estimates.terms[]");
        for (int s = 0; st && s <= TF_TERM_COLLINEAR_X; s++)
            if (strcmp(st->str, tf_term_status_name(s)) == 0)
                out->status = s;
        tf_term_name(&out->term, out->name, sizeof(out->name));
    }
    for (size_t a = 0; a < p * p; a++)
        m->vcov[a] = vcov && a / p < vcov->n ? item_num(&vcov->items[a / p], a % p) : NAN;
    m->factor_hc1 = num(r, ss, "hc1_factor", "estimates.small_sample");
    m->factor_cluster = num(r, ss, "cluster_factor", "estimates.small_sample");
    m->n_clusters = count(r, ss, "clusters", "estimates.small_sample", BEYOND_U64);
    m->n_params = count(r, ss, "K", "estimates.small_sample", BEYOND_U64);
    m->bootstrap = (unsigned)count(r, boot, "replications", "estimates.bootstrap", BEYOND_UINT);
    m->boot_failed = (unsigned)count(r, boot, "failed", "estimates.bootstrap", BEYOND_UINT);
}

static void read_fit(struct rd *r, struct tf_model *m, const struct tf_jv *root)
{
    const struct tf_jv *f = need(r, root, "fit", TF_JV_OBJECT, "");
    const struct tf_jv *trace = need(r, f, "trace", TF_JV_ARRAY, "fit");
    m->converged = num(r, f, "converged", "fit") != 0;
    m->deviance = num(r, f, "deviance", "fit");
    m->loglik = num(r, f, "log_likelihood", "fit");
    size_t n = trace ? trace->n : 0;
    m->trace = malloc((n + 1) * sizeof(double));
    m->trace_eps = malloc((n + 1) * sizeof(double));
    if (!m->trace || !m->trace_eps) {
        r->rc = tf_error_set(r->err, TF_ERR_NOMEM, NULL, 0, "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        m->trace[i] = num(r, &trace->items[i], "deviance", "fit.trace[]");
        m->trace_eps[i] = num(r, &trace->items[i], "change", "fit.trace[]");
    }
    m->iterations = (unsigned)n;
}

/* ---- fixed effects and the projection's state --------------------------- */

static void read_dim(struct rd *r, struct tf_model *m, size_t k, const struct tf_jv *v)
{
    size_t n = m->n_countries, y = (size_t)(m->year_last - m->year_first + 1);
    size_t size = model_dim_size(m->dims[k], n, (int)y);
    char where[64];
    tf_country c;
    m->fe_vals[k] = malloc((size + 1) * sizeof(double));
    if (!m->fe_vals[k]) {
        r->rc = tf_error_set(r->err, TF_ERR_NOMEM, NULL, 0, "out of memory");
        return;
    }
    for (size_t i = 0; i < size; i++)
        m->fe_vals[k][i] = NAN;
    snprintf(where, sizeof(where), "fixed_effects.%s", tf_fe_dim_name(m->dims[k]));
    for (size_t i = 0; i < v->n && r->rc == 0; i++) {
        const struct tf_jv *e = &v->items[i];
        if (m->dims[k] == TF_DIM_YEAR) {
            long t = strtol(v->keys[i], NULL, 10) - m->year_first;
            if (t >= 0 && (size_t)t < y)
                m->fe_vals[k][t] = e->type == TF_JV_NUMBER ? e->num : NAN;
            continue;
        }
        if (parse_country(r, v->keys[i], &c, where) < 0)
            return;
        long ci = tf_model_country_index(m, c);
        for (size_t t = 0; ci >= 0 && t < (m->dims[k] >= TF_DIM_ORIGIN_YEAR ? y : 1); t++)
            m->fe_vals[k][(size_t)ci * (size == n ? 1 : y) + t] = e->type == TF_JV_ARRAY
                                                                      ? item_num(e, t)
                                                                  : e->type == TF_JV_NUMBER ? e->num
                                                                                            : NAN;
    }
}

static void read_fe(struct rd *r, struct tf_model *m, const struct tf_jv *root)
{
    static const int od[] = {TF_DIM_ORIGIN, TF_DIM_DESTINATION, TF_DIM_YEAR};
    static const int oy[] = {TF_DIM_ORIGIN_YEAR, TF_DIM_DESTINATION_YEAR};
    const struct tf_jv *fe = need(r, root, "fixed_effects", TF_JV_OBJECT, "");
    m->n_dims = m->fe == TF_FE_OD_YEAR ? 3 : 2;
    for (size_t k = 0; k < m->n_dims && r->rc == 0; k++) {
        m->dims[k] = m->fe == TF_FE_OD_YEAR ? od[k] : oy[k];
        const struct tf_jv *v =
            need(r, fe, tf_fe_dim_name(m->dims[k]), TF_JV_OBJECT, "fixed_effects");
        if (v)
            read_dim(r, m, k, v);
    }
}

static void read_state(struct rd *r, struct tf_model *m, const struct tf_jv *proj)
{
    const struct tf_jv *cs = need(r, proj, "countries", TF_JV_OBJECT, "projection");
    const struct tf_jv *pairs = need(r, proj, "pairs", TF_JV_OBJECT, "projection");
    size_t n = m->n_countries;
    tf_country c;
    copy_str(proj, "growth_rule", m->data.growth_rule, sizeof(m->data.growth_rule));
    for (size_t i = 0; i < n; i++)
        m->stock[i] = m->growth[i] = NAN;
    for (size_t i = 0; i < n * m->n_cy_cols; i++)
        m->cy_last[i] = NAN;
    for (size_t i = 0; cs && i < cs->n && r->rc == 0; i++) {
        const struct tf_jv *e = &cs->items[i], *cov = tf_jv_get(e, "covariates");
        long ci = parse_country(r, cs->keys[i], &c, "projection.countries") == 0
                      ? tf_model_country_index(m, c)
                      : -1;
        if (ci < 0)
            continue;
        m->stock[ci] = num(r, e, "stock", "projection.countries");
        m->growth[ci] = num(r, e, "growth", "projection.countries");
        for (size_t j = 0; j < m->n_cy_cols; j++) {
            const struct tf_jv *v = tf_jv_get(cov, m->cy_cols[j]);
            m->cy_last[(size_t)ci * m->n_cy_cols + j] = v && v->type == TF_JV_NUMBER ? v->num : NAN;
        }
    }
    for (size_t j = 0; pairs && j < m->n_pair_cols; j++) {
        const struct tf_jv *rows = &pairs->items[j];
        for (size_t o = 0; o < n; o++)
            for (size_t d = 0; d < n; d++)
                m->pair_vals[(j * n + o) * n + d] =
                    rows->type == TF_JV_ARRAY && o < rows->n ? item_num(&rows->items[o], d) : NAN;
    }
}

/* ---- the model ---------------------------------------------------------- */

static int read_countries(struct rd *r, struct tf_model *m, const struct tf_jv *list)
{
    for (size_t i = 0; i < m->n_countries; i++) {
        const struct tf_jv *v = &list->items[i];
        if (parse_country(r, v->type == TF_JV_STRING ? v->str : NULL, &m->countries[i],
                          "data.countries") < 0)
            return r->rc;
        if (i && m->countries[i] <= m->countries[i - 1])
            return r->rc = tf_error_set(r->err, TF_ERR_FORMAT, r->path, 0,
                                        "model file: data.countries is not sorted by code");
    }
    return 0;
}

/* Sizes the model from the document, then fills it section by section. */
static int read_model(struct rd *r, struct tf_model **out, const struct tf_jv *root)
{
    const struct tf_jv *spec = need(r, root, "specification", TF_JV_OBJECT, "");
    const struct tf_jv *terms = need(r, spec, "terms", TF_JV_ARRAY, "specification");
    const struct tf_jv *data = need(r, root, "data", TF_JV_OBJECT, "");
    const struct tf_jv *list = need(r, data, "countries", TF_JV_ARRAY, "data");
    const struct tf_jv *years = need(r, data, "years", TF_JV_ARRAY, "data");
    const struct tf_jv *proj = need(r, root, "projection", TF_JV_OBJECT, "");
    const struct tf_jv *pairs = need(r, proj, "pairs", TF_JV_OBJECT, "projection");
    const struct tf_jv *cs = need(r, proj, "countries", TF_JV_OBJECT, "projection");
    const struct tf_jv *cov = cs && cs->n ? tf_jv_get(&cs->items[0], "covariates") : NULL;
    size_t n_cy = cov && cov->type == TF_JV_OBJECT ? cov->n : 0;
    if (r->rc < 0)
        return r->rc;
    if (terms->n > TF_MODEL_MAX_TERMS || years->n != 2 || !list->n)
        return tf_error_set(r->err, TF_ERR_FORMAT, r->path, 0,
                            "model file: bad sizes of specification.terms, data.years or "
                            "data.countries");
    struct tf_model *m = model_alloc(terms->n, list->n, n_cy, pairs->n);
    if (!m)
        return tf_error_set(r->err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    *out = m;
    for (size_t j = 0; j < n_cy; j++)
        snprintf(m->cy_cols[j], TF_MODEL_NAME_MAX, "%s", cov->keys[j]);
    for (size_t j = 0; j < pairs->n; j++)
        snprintf(m->pair_cols[j], TF_MODEL_NAME_MAX, "%s", pairs->keys[j]);
    m->year_first = year_or_0(item_num(years, 0));
    m->year_last = year_or_0(item_num(years, 1));
    if (!m->year_first || !m->year_last || m->year_last < m->year_first)
        return tf_error_set(r->err, TF_ERR_FORMAT, r->path, 0, "model file: bad data.years");
    if (read_countries(r, m, list) < 0)
        return r->rc;
    read_spec(r, m, root);
    read_data(r, m, data);
    read_estimates(r, m, root);
    read_fit(r, m, root);
    if (r->rc == 0)
        read_fe(r, m, root);
    if (r->rc == 0)
        read_state(r, m, proj);
    return r->rc;
}

int tf_model_read_json(struct tf_model **out, const char *path, struct tf_error *err)
{
    struct tf_jdoc *d = NULL;
    struct rd r = {path, err, 0};
    struct tf_model *m = NULL;
    *out = NULL;
    int rc = model_load_json(&d, path, err);
    if (rc == 0)
        rc = check_identity(&r, tf_jdoc_root(d));
    if (rc == 0)
        rc = read_model(&r, &m, tf_jdoc_root(d));
    tf_jdoc_free(d);
    if (rc < 0) {
        tf_model_free(m);
        return rc;
    }
    m->version = TF_MODEL_FORMAT_VERSION;
    *out = m;
    return 0;
}
