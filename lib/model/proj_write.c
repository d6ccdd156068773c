/*
 * proj_write.c - a projection as tidy CSV: stocks.csv, flows.csv and
 * headline.csv (columns in docs/model.md). Intervals without draws are
 * empty fields, not zeros.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/afile.h"
#include "model/model_int.h"
#include "talentflow/text.h"

static void num(FILE *f, double v)
{
    fputc(',', f);
    tf_num_put(f, v, TF_NUM_FIXED6);
}

static int open_in(struct tf_afile *a, const char *dir, const char *name, struct tf_error *err)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path))
        return tf_error_set(err, TF_ERR_USAGE, dir, 0, "output folder name too long");
    return tf_afile_open(a, path, err);
}

static int write_stocks(const struct tf_projection *p, const char *dir, struct tf_error *err)
{
    struct tf_afile a;
    char code[3];
    int rc = open_in(&a, dir, "stocks.csv", err);
    if (rc < 0)
        return rc;
    fputs("country,year,baseline,baseline_lo,baseline_hi,scenario,scenario_lo,scenario_hi,"
          "difference,difference_lo,difference_hi,inflow_baseline,outflow_baseline,"
          "inflow_scenario,outflow_scenario\n",
          a.f);
    for (size_t i = 0; i < p->n_stocks; i++) {
        const struct tf_proj_stock *s = &p->stocks[i];
        const double v[] = {s->base,     s->base_lo, s->base_hi, s->scen,    s->scen_lo,
                            s->scen_hi,  s->diff,    s->diff_lo, s->diff_hi, s->base_in,
                            s->base_out, s->scen_in, s->scen_out};
        fprintf(a.f, "%s,%d", tf_country_code(s->country, code), s->year);
        for (size_t k = 0; k < sizeof(v) / sizeof(v[0]); k++)
            num(a.f, v[k]);
        fputc('\n', a.f);
    }
    return tf_afile_commit(&a, err);
}

static int write_flows(const struct tf_projection *p, const char *dir, struct tf_error *err)
{
    struct tf_afile a;
    char oc[3], dc[3];
    int rc = open_in(&a, dir, "flows.csv", err);
    if (rc < 0)
        return rc;
    fputs("origin,destination,year,baseline,baseline_lo,baseline_hi,scenario,scenario_lo,"
          "scenario_hi\n",
          a.f);
    for (size_t i = 0; i < p->n_flows; i++) {
        const struct tf_proj_flow *f = &p->flows[i];
        const double v[] = {f->base, f->base_lo, f->base_hi, f->scen, f->scen_lo, f->scen_hi};
        fprintf(a.f, "%s,%s,%d", tf_country_code(f->origin, oc),
                tf_country_code(f->destination, dc), f->year);
        for (size_t k = 0; k < 6; k++)
            num(a.f, v[k]);
        fputc('\n', a.f);
    }
    return tf_afile_commit(&a, err);
}

static int by_gain(const void *x, const void *y)
{
    const struct tf_proj_stock *a = *(const struct tf_proj_stock *const *)x;
    const struct tf_proj_stock *b = *(const struct tf_proj_stock *const *)y;
    if (a->diff != b->diff)
        return a->diff > b->diff ? -1 : 1;
    return a->country < b->country ? -1 : a->country > b->country;
}

/* Each country's row in the last year, largest gain first. Returns the count or -1. */
static long last_rows(const struct tf_projection *p, const struct tf_proj_stock ***out)
{
    const struct tf_proj_stock **rows = malloc((p->n_countries + 1) * sizeof(*rows));
    size_t n = 0;
    if (!rows)
        return -1;
    for (size_t i = 0; i < p->n_stocks; i++)
        if (p->stocks[i].year == p->year_last)
            rows[n++] = &p->stocks[i];
    qsort(rows, n, sizeof(*rows), by_gain);
    *out = rows;
    return (long)n;
}

static int write_headline(const struct tf_projection *p, const char *dir, struct tf_error *err)
{
    struct tf_afile a;
    const struct tf_proj_stock **rows = NULL;
    char code[3];
    long n = last_rows(p, &rows);
    if (n < 0)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    int rc = open_in(&a, dir, "headline.csv", err);
    if (rc < 0) {
        free(rows);
        return rc;
    }
    fputs("country,stock_start,baseline_end,scenario_end,gain,gain_lo,gain_hi,gain_percent\n", a.f);
    for (long i = 0; i < n; i++) {
        const struct tf_proj_stock *s = rows[i];
        const struct tf_proj_stock *first = s - (s->year - p->year_first);
        fprintf(a.f, "%s", tf_country_code(s->country, code));
        const double v[] = {first->base,
                            s->base,
                            s->scen,
                            s->diff,
                            s->diff_lo,
                            s->diff_hi,
                            s->base > 0 ? 100.0 * s->diff / s->base : NAN};
        for (size_t k = 0; k < 7; k++)
            num(a.f, v[k]);
        fputc('\n', a.f);
    }
    free(rows);
    return tf_afile_commit(&a, err);
}

int tf_projection_write(const struct tf_projection *p, const char *dir, struct tf_error *err)
{
    int rc = tf_mkdir(dir, err);
    if (rc == 0)
        rc = write_stocks(p, dir, err);
    if (rc == 0)
        rc = write_flows(p, dir, err);
    return rc == 0 ? write_headline(p, dir, err) : rc;
}
