/* write_tables.c - the mobility tables as CSV files. */
#include <stdio.h>
#include <string.h>

#include "io/afile.h"
#include "talentflow/output.h"
#include "talentflow/text.h"

/* Writes one table through `rows` into dir/name atomically. */
static int write_table(const char *dir, const char *name, const char *header,
                       void (*rows)(FILE *f, const struct tf_results *r),
                       const struct tf_results *r, struct tf_error *err)
{
    char path[4200];
    struct tf_afile a;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    int rc = tf_afile_open(&a, path, err);
    if (rc < 0)
        return rc;
    fprintf(a.f, "%s\n", header);
    rows(a.f, r);
    return tf_afile_commit(&a, err);
}

/* The pool name that starts every row. */
static void put_pool(FILE *f, const struct tf_results *r, unsigned pool)
{
    fputs(pool < r->n_pools ? r->pools[pool].name : "all", f);
    fputc(',', f);
}

static const char *code(tf_country c, char buf[3])
{
    return c ? tf_country_code(c, buf) : "*";
}

/* A rate, or nothing when the population is zero. */
static void put_rate(FILE *f, int64_t num, uint64_t den)
{
    fputc(',', f);
    if (den)
        tf_num_put(f, (double)num / (double)den, TF_NUM_FIXED6);
}

static void cy_rows(FILE *f, const struct tf_results *r)
{
    char c[3];
    for (size_t i = 0; i < r->n_country_year; i++) {
        const struct tf_cy_row *x = &r->country_year[i];
        int64_t net = (int64_t)x->in_migrations - (int64_t)x->out_migrations;
        put_pool(f, r, x->pool);
        fprintf(f, "%d,%s,%llu,%llu,%llu,%lld", x->year, tf_country_code(x->country, c),
                (unsigned long long)x->population, (unsigned long long)x->in_migrations,
                (unsigned long long)x->out_migrations, (long long)net);
        put_rate(f, (int64_t)x->in_migrations, x->population);
        put_rate(f, (int64_t)x->out_migrations, x->population);
        put_rate(f, net, x->population);
        fprintf(f, ",%llu,%llu\n", (unsigned long long)x->births, (unsigned long long)x->deaths);
    }
}

static void flow_rows(FILE *f, const struct tf_results *r)
{
    char o[3], d[3];
    for (size_t i = 0; i < r->n_flows; i++) {
        const struct tf_flow_row *x = &r->flows[i];
        put_pool(f, r, x->pool);
        fprintf(f, "%s,%s,%d,%llu,%llu,%lld\n", tf_country_code(x->origin, o),
                tf_country_code(x->destination, d), x->year, (unsigned long long)x->n,
                (unsigned long long)x->n_back, (long long)x->n - (long long)x->n_back);
    }
}

static void class_rows(FILE *f, const struct tf_results *r)
{
    char o[3];
    for (size_t i = 0; i < r->n_classes; i++) {
        const struct tf_class_row *x = &r->classes[i];
        put_pool(f, r, x->pool);
        fprintf(f, "%s,%s,%llu\n", tf_country_code(x->origin, o), tf_class_name(x->cls),
                (unsigned long long)x->n);
    }
}

static void where_rows(FILE *f, const struct tf_results *r)
{
    char o[3], c[3];
    for (size_t i = 0; i < r->n_whereabouts; i++) {
        const struct tf_whereabouts_row *x = &r->whereabouts[i];
        put_pool(f, r, x->pool);
        fprintf(f, "%s,%s,%llu\n", tf_country_code(x->origin, o), tf_country_code(x->country, c),
                (unsigned long long)x->n);
    }
}

/* pool,origin,destination,cohort,k then three counts. */
static void rate_cells(FILE *f, const struct tf_results *r, const struct tf_rate_key *x,
                       uint64_t n1, uint64_t n2, uint64_t n3)
{
    char o[3], d[3];
    put_pool(f, r, x->pool);
    fprintf(f, "%s,%s,", code(x->origin, o), code(x->destination, d));
    if (x->cohort)
        fprintf(f, "%d", x->cohort);
    else
        fputc('*', f);
    fprintf(f, ",%d,%llu,%llu,%llu", x->k, (unsigned long long)n1, (unsigned long long)n2,
            (unsigned long long)n3);
}

static void return_rows(FILE *f, const struct tf_results *r)
{
    for (size_t i = 0; i < r->n_returns; i++) {
        const struct tf_return_row *x = &r->returns[i];
        rate_cells(f, r, &x->key, x->departed, x->returned, x->observed);
        fputc(',', f);
        tf_num_put(f, x->km, TF_NUM_FIXED6);
        fputc('\n', f);
    }
}

static void stay_rows(FILE *f, const struct tf_results *r)
{
    for (size_t i = 0; i < r->n_stays; i++) {
        const struct tf_stay_row *x = &r->stays[i];
        rate_cells(f, r, &x->key, x->arrived, x->stayed, x->observed);
        fputc('\n', f);
    }
}

static void pipeline_rows(FILE *f, const struct tf_results *r)
{
    char a[3], b[3], c[3];
    for (size_t i = 0; i < r->n_pipeline; i++) {
        const struct tf_pipeline_row *x = &r->pipeline[i];
        put_pool(f, r, x->pool);
        fprintf(f, "%s,%s,%s,%d,%s,%llu\n", tf_country_code(x->first_degree, a),
                tf_country_code(x->highest_degree, b), tf_degree_name(x->degree), x->degree_year,
                x->work ? tf_country_code(x->work, c) : "", (unsigned long long)x->n);
    }
}

int tf_write_tables(const struct tf_results *r, const char *dir, struct tf_error *err)
{
    int rc = tf_mkdir(dir, err);
    if (rc == 0)
        rc = write_table(dir, "country_year.csv",
                         "pool,year,country,population,in_migrations,out_migrations,net_migration,"
                         "in_rate,out_rate,net_rate,births,deaths",
                         cy_rows, r, err);
    if (rc == 0)
        rc = write_table(dir, "flows.csv", "pool,origin,destination,year,n,n_back,net", flow_rows,
                         r, err);
    if (rc == 0)
        rc = write_table(dir, "classes.csv", "pool,origin,class,n", class_rows, r, err);
    if (rc == 0)
        rc = write_table(dir, "whereabouts.csv", "pool,origin,country,n", where_rows, r, err);
    if (rc == 0)
        rc = write_table(dir, "returns.csv",
                         "pool,origin,destination,cohort,k,departed,returned,observed,km",
                         return_rows, r, err);
    if (rc == 0)
        rc = write_table(dir, "stays.csv",
                         "pool,origin,destination,cohort,k,arrived,stayed,observed", stay_rows, r,
                         err);
    if (rc == 0)
        rc = write_table(dir, "pipeline.csv",
                         "pool,first_degree,highest_degree,degree,degree_year,work,n",
                         pipeline_rows, r, err);
    return rc;
}

struct person_out {
    FILE *f;
    const struct tf_results *r;
};

static int person_row(void *ctx, const struct tf_person_row *p)
{
    const struct person_out *out = ctx;
    FILE *f = out->f;
    char o[3], l[3];
    tf_csv_field(f, p->name);
    fprintf(f, ",%s,%d,%d,%s,%u,%s,%u,", tf_country_code(p->origin, o), p->first_year, p->last_year,
            tf_class_name(p->cls), p->moves, tf_country_code(p->last_country, l), p->works);
    /* The pools the person belongs to besides "all", space-separated. */
    for (size_t i = 1, first = 1; i < out->r->n_pools; i++)
        if (p->pools & (1u << (i - 1))) {
            fprintf(f, "%s%s", first ? "" : " ", out->r->pools[i].name);
            first = 0;
        }
    fputc('\n', f);
    return ferror(f) ? TF_ERR_IO : 0;
}

int tf_write_persons(const struct tf_results *r, const char *dir, struct tf_error *err)
{
    char path[4200];
    struct tf_afile a;
    int rc = tf_mkdir(dir, err);
    if (rc < 0)
        return rc;
    snprintf(path, sizeof(path), "%s/persons.csv", dir);
    if ((rc = tf_afile_open(&a, path, err)) < 0)
        return rc;
    fputs("person,origin,first_year,last_year,class,moves,last_country,works,pools\n", a.f);
    struct person_out out = {a.f, r};
    rc = tf_results_each_person(r, person_row, &out, err);
    if (rc != 0) {
        tf_afile_abort(&a);
        return rc < 0 ? rc : tf_error_set(err, TF_ERR_IO, path, 0, "cannot write");
    }
    return tf_afile_commit(&a, err);
}
