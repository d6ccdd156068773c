/*
 * model_json.c - writing model.json and fit.csv.
 *
 * model.json holds everything a projection needs and everything a reader
 * needs to judge the fit: the specification and options, the data summary
 * (with the completion rule and the separated groups), every variant of the
 * standard errors with its small-sample factor, the covariance, the fixed
 * effects, the convergence trace and the starting state. Numbers are written
 * with 17 significant digits, so reading the file back gives the same
 * doubles and a projection from a file equals one from memory; NAN (a
 * dropped term, an absent fixed effect) is written as null.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/afile.h"
#include "model/model_int.h"
#include "talentflow/text.h"
#include "talentflow/version.h"

static void jnum(FILE *f, double v)
{
    if (isfinite(v))
        tf_num_put(f, v, TF_NUM_EXACT);
    else
        fputs("null", f);
}

static void jkey(FILE *f, const char *key)
{
    tf_json_string(f, key);
    fputs(": ", f);
}

static void jcountry(FILE *f, tf_country c)
{
    char code[3];
    tf_json_string(f, tf_country_code(c, code));
}

static const char *side_name(int side)
{
    static const char *const names[] = {"origin", "destination", "pair"};
    return side >= 0 && side <= 2 ? names[side] : "?";
}

static const char *vce_name(int vce)
{
    static const char *const names[] = {"hc0", "hc1", "cluster"};
    return vce >= 0 && vce <= 2 ? names[vce] : "?";
}

static const char *cluster_name(int cl)
{
    static const char *const names[] = {"pair", "origin", "destination", "year"};
    return cl >= 0 && cl <= 3 ? names[cl] : "?";
}

static void write_term_spec(FILE *f, const struct tf_term *t)
{
    char name[2 * TF_MODEL_NAME_MAX];
    fputs("{\"name\": ", f);
    tf_json_string(f, tf_term_name(t, name, sizeof(name)));
    fprintf(f, ", \"side\": \"%s\", \"column\": ", side_name(t->side));
    tf_json_string(f, t->column);
    fprintf(f, ", \"log\": %s}", t->log ? "true" : "false");
}

static void write_spec(FILE *f, const struct tf_model *m)
{
    fprintf(f, "  \"specification\": {\n    \"fixed_effects\": \"%s\",\n    \"terms\": [",
            m->fe == TF_FE_OD_YEAR ? "origin+destination+year" : "origin_year+destination_year");
    for (size_t j = 0; j < m->n_terms; j++) {
        fputs(j ? ",\n      " : "\n      ", f);
        write_term_spec(f, &m->terms[j].term);
    }
    fputs("],\n    \"offset\": ", f);
    if (m->has_offset)
        write_term_spec(f, &m->offset);
    else
        fputs("null", f);
    fprintf(f, ",\n    \"top\": %u\n  },\n", m->top);
    fputs("  \"options\": {\"tol\": ", f);
    jnum(f, m->tol);
    fputs(", \"inner_tol\": ", f);
    jnum(f, m->inner_tol);
    fprintf(f, ", \"max_iter\": %u, ", m->max_iter);
    fprintf(f, "\"fe_method\": \"%s\", \"vce\": \"%s\", \"cluster\": \"%s\", ",
            m->fe_method == TF_FE_DENSE ? "dense" : "ap", vce_name(m->vce),
            cluster_name(m->cluster));
    fprintf(f, "\"bootstrap\": %u, \"seed\": %llu},\n", m->bootstrap, (unsigned long long)m->seed);
}

static void write_files(FILE *f, const struct tf_model *m)
{
    const char *keys[] = {"flows", "country_data", "pair_data", "capitals"};
    const char *vals[] = {m->flows_file, m->country_file, m->pair_file, m->capitals_file};
    for (size_t i = 0; i < 4; i++) {
        fputs(i ? ", " : "    ", f);
        jkey(f, keys[i]);
        if (*vals[i])
            tf_json_string(f, vals[i]);
        else
            fputs("null", f);
    }
    fputs(",\n", f);
}

static void write_data(FILE *f, const struct tf_model *m)
{
    const struct tf_panel_info *d = &m->data;
    fputs("  \"data\": {\n", f);
    write_files(f, m);
    fputs("    \"stock_column\": ", f);
    tf_json_string(f, d->stock_column);
    fprintf(f, ",\n    \"years\": [%d, %d],\n    \"countries\": [", m->year_first, m->year_last);
    for (size_t c = 0; c < m->n_countries; c++) {
        fputs(c ? ", " : "", f);
        jcountry(f, m->countries[c]);
    }
    fputs("],\n    \"completion\": \"every ordered pair of distinct countries present in a year "
          "(with a stock and every covariate) is one observation; pairs without a listed flow "
          "are zeros\",\n",
          f);
    fprintf(f, "    \"flows_read\": %llu, \"flows_skipped\": %llu, \"flows_in_panel\": %llu, ",
            (unsigned long long)d->flows_read, (unsigned long long)d->flows_bad,
            (unsigned long long)d->flows_in_panel);
    fprintf(f, "\"flows_outside\": %llu, \"flows_no_covariate\": %llu,\n",
            (unsigned long long)d->flows_outside, (unsigned long long)d->flows_no_covariate);
    fprintf(f, "    \"observations\": %llu, \"zeros_added\": %llu, \"sum_flows\": ",
            (unsigned long long)d->n_obs, (unsigned long long)d->zeros_added);
    jnum(f, d->sum_flows);
    fprintf(f, ", \"observations_used\": %llu,\n    \"separated\": [",
            (unsigned long long)m->n_obs);
    for (size_t g = 0; g < m->n_groups; g++) {
        const struct tf_model_group *s = &m->groups[g];
        fprintf(f, "%s{\"dimension\": \"%s\", \"country\": ", g ? ", " : "",
                tf_fe_dim_name(s->dim));
        if (s->country)
            jcountry(f, s->country);
        else
            fputs("null", f);
        fputs(", \"year\": ", f);
        if (s->year)
            fprintf(f, "%d", s->year);
        else
            fputs("null", f);
        fprintf(f, ", \"observations\": %llu}", (unsigned long long)s->obs);
    }
    fputs("]\n  },\n", f);
}

static void write_estimates(FILE *f, const struct tf_model *m)
{
    fputs("  \"estimates\": {\n    \"terms\": [", f);
    for (size_t j = 0; j < m->n_terms; j++) {
        const struct tf_model_term *t = &m->terms[j];
        const double v[] = {t->estimate,   t->se,      t->se_hc0,  t->se_hc1,
                            t->se_cluster, t->se_boot, t->boot_lo, t->boot_hi};
        const char *k[] = {"estimate",   "se",           "se_hc0",       "se_hc1",
                           "se_cluster", "se_bootstrap", "bootstrap_lo", "bootstrap_hi"};
        fputs(j ? ",\n      {" : "\n      {", f);
        jkey(f, "name");
        tf_json_string(f, t->name);
        fputs(", \"status\": ", f);
        tf_json_string(f, tf_term_status_name(t->status));
        for (size_t i = 0; i < 8; i++) {
            fprintf(f, ", \"%s\": ", k[i]);
            jnum(f, v[i]);
        }
        fputc('}', f);
    }
    fprintf(f, "],\n    \"vcov_type\": \"%s\", \"cluster\": \"%s\",\n", vce_name(m->vce),
            cluster_name(m->cluster));
    fputs("    \"small_sample\": {\"hc1\": \"n/(n-K)\", \"hc1_factor\": ", f);
    jnum(f, m->factor_hc1);
    fputs(", \"cluster\": \"G/(G-1)*(n-1)/(n-K), K without fixed effects nested in clusters\", "
          "\"cluster_factor\": ",
          f);
    jnum(f, m->factor_cluster);
    fprintf(f, ", \"clusters\": %llu, \"K\": %llu},\n    \"vcov\": [",
            (unsigned long long)m->n_clusters, (unsigned long long)m->n_params);
    for (size_t a = 0; a < m->n_terms; a++) {
        fputs(a ? ",\n      [" : "\n      [", f);
        for (size_t b = 0; b < m->n_terms; b++) {
            fputs(b ? ", " : "", f);
            jnum(f, m->vcov[a * m->n_terms + b]);
        }
        fputc(']', f);
    }
    fprintf(f, "],\n    \"bootstrap\": {\"replications\": %u, \"failed\": %u}\n  },\n",
            m->bootstrap, m->boot_failed);
}

static void write_fit(FILE *f, const struct tf_model *m)
{
    fprintf(f, "  \"fit\": {\"converged\": %s, \"iterations\": %u, \"deviance\": ",
            m->converged ? "true" : "false", m->iterations);
    jnum(f, m->deviance);
    fputs(", \"log_likelihood\": ", f);
    jnum(f, m->loglik);
    fputs(",\n    \"trace\": [", f);
    for (unsigned i = 0; i < m->iterations; i++) {
        fputs(i ? ",\n      {\"deviance\": " : "\n      {\"deviance\": ", f);
        jnum(f, m->trace[i]);
        fputs(", \"change\": ", f);
        jnum(f, m->trace_eps[i]);
        fputc('}', f);
    }
    fputs("]\n  },\n", f);
}

/* One dimension's effects: {"AR": v, ...}, {"1998": v, ...} or {"AR": [v per year], ...}. */
static void write_dim(FILE *f, const struct tf_model *m, size_t k)
{
    size_t y = (size_t)(m->year_last - m->year_first + 1), n = m->n_countries;
    const double *v = m->fe_vals[k];
    fprintf(f, "    \"%s\": {", tf_fe_dim_name(m->dims[k]));
    if (m->dims[k] == TF_DIM_YEAR) {
        for (size_t t = 0; t < y; t++) {
            fprintf(f, "%s\"%d\": ", t ? ", " : "", m->year_first + (int)t);
            jnum(f, v[t]);
        }
    } else {
        int by_year = m->dims[k] >= TF_DIM_ORIGIN_YEAR;
        for (size_t c = 0; c < n; c++) {
            fputs(c ? ",\n      " : "\n      ", f);
            jcountry(f, m->countries[c]);
            fputs(by_year ? ": [" : ": ", f);
            for (size_t t = 0; t < (by_year ? y : 1); t++) {
                fputs(t ? ", " : "", f);
                jnum(f, by_year ? v[c * y + t] : v[c]);
            }
            fputs(by_year ? "]" : "", f);
        }
    }
    fputs("}", f);
}

static void write_fe(FILE *f, const struct tf_model *m)
{
    fputs("  \"fixed_effects\": {\n", f);
    for (size_t k = 0; k < m->n_dims; k++) {
        write_dim(f, m, k);
        fputs(k + 1 < m->n_dims ? ",\n" : "\n", f);
    }
    fputs("  },\n", f);
}

static void write_country_state(FILE *f, const struct tf_model *m, size_t c)
{
    jcountry(f, m->countries[c]);
    fputs(": {\"stock\": ", f);
    jnum(f, m->stock[c]);
    fputs(", \"growth\": ", f);
    jnum(f, m->growth[c]);
    fputs(", \"covariates\": {", f);
    for (size_t j = 0; j < m->n_cy_cols; j++) {
        fputs(j ? ", " : "", f);
        jkey(f, m->cy_cols[j]);
        jnum(f, m->cy_last[c * m->n_cy_cols + j]);
    }
    fputs("}}", f);
}

static void write_state(FILE *f, const struct tf_model *m)
{
    size_t n = m->n_countries;
    fprintf(f, "  \"projection\": {\n    \"last_year\": %d,\n    \"growth_rule\": ", m->year_last);
    tf_json_string(f, m->data.growth_rule);
    fputs(",\n    \"countries\": {", f);
    for (size_t c = 0; c < n; c++) {
        fputs(c ? ",\n      " : "\n      ", f);
        write_country_state(f, m, c);
    }
    fputs("},\n    \"pairs\": {", f);
    for (size_t j = 0; j < m->n_pair_cols; j++) {
        fputs(j ? ",\n      " : "\n      ", f);
        jkey(f, m->pair_cols[j]);
        fputc('[', f);
        for (size_t o = 0; o < n; o++) {
            fputs(o ? ",\n        [" : "\n        [", f);
            for (size_t d = 0; d < n; d++) {
                fputs(d ? ", " : "", f);
                jnum(f, m->pair_vals[(j * n + o) * n + d]);
            }
            fputc(']', f);
        }
        fputc(']', f);
    }
    fputs("}\n  }\n", f);
}

int tf_model_write_json(const struct tf_model *m, const char *path, struct tf_error *err)
{
    struct tf_afile a;
    int rc = tf_afile_open(&a, path, err);
    if (rc < 0)
        return rc;
    fprintf(a.f, "{\n  \"format\": \"talentflow-model\",\n  \"version\": %d,\n", m->version);
    fputs("  \"talentflow\": ", a.f);
    tf_json_string(a.f, tf_version());
    fputs(",\n", a.f);
    write_spec(a.f, m);
    write_data(a.f, m);
    write_estimates(a.f, m);
    write_fit(a.f, m);
    write_fe(a.f, m);
    write_state(a.f, m);
    fputs("}\n", a.f);
    return tf_afile_commit(&a, err);
}

static void csv_num(FILE *f, double v)
{
    fputc(',', f);
    tf_num_put(f, v, TF_NUM_SIG10);
}

int tf_model_write_csv(const struct tf_model *m, const char *path, struct tf_error *err)
{
    struct tf_afile a;
    int rc = tf_afile_open(&a, path, err);
    if (rc < 0)
        return rc;
    fputs("term,estimate,se,z,p,ci_lo,ci_hi,se_hc0,se_hc1,se_cluster,se_boot,boot_lo,boot_hi,"
          "status\n",
          a.f);
    for (size_t j = 0; j < m->n_terms; j++) {
        const struct tf_model_term *t = &m->terms[j];
        double z, p, lo, hi;
        tf_model_term_stats(m, j, &z, &p, &lo, &hi);
        tf_csv_field(a.f, t->name);
        const double v[] = {
            t->estimate, t->se,         z,          p,          lo,        hi, t->se_hc0,
            t->se_hc1,   t->se_cluster, t->se_boot, t->boot_lo, t->boot_hi};
        for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
            csv_num(a.f, v[i]);
        fputc(',', a.f);
        tf_csv_field(a.f, tf_term_status_name(t->status));
        fputc('\n', a.f);
    }
    return tf_afile_commit(&a, err);
}

int tf_model_write(const struct tf_model *m, const char *dir, struct tf_error *err)
{
    char path[4096];
    int rc = tf_mkdir(dir, err);
    if (rc == 0 && (size_t)snprintf(path, sizeof(path), "%s/model.json", dir) >= sizeof(path))
        rc = tf_error_set(err, TF_ERR_USAGE, dir, 0, "output folder name too long");
    if (rc == 0)
        rc = tf_model_write_json(m, path, err);
    if (rc == 0)
        snprintf(path, sizeof(path), "%s/fit.csv", dir);
    return rc == 0 ? tf_model_write_csv(m, path, err) : rc;
}
