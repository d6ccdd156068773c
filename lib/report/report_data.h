/*
 * report_data.h - what the report reads from the results store, already
 * chosen, summed and sorted, so the charts only draw.
 *
 * Countries are the store's text codes ("US"); every array is owned by the
 * `struct tf_report_data` and freed by tf_report_data_release. Rates and
 * Kaplan-Meier values that the store leaves NULL are NaN here.
 */
#ifndef TF_OUT_REPORT_DATA_H
#define TF_OUT_REPORT_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "talentflow/engine.h"
#include "talentflow/report.h"

#define TF_RD_CODE 8 /* a country code with room to spare for a bad store */

/* Four classes in the order of enum tf_class. */
#define TF_RD_CLASSES 4

/* Cohort rows kept per origin (the most recent ones). */
#define TF_RD_MAX_COHORTS 40

/* Origins drawn by departure cohort. */
#define TF_RD_COHORT_ORIGINS 3

struct tf_rd_country {
    char code[TF_RD_CODE];
    char name[96];
};

/* An origin -> destination corridor summed over the window. */
struct tf_rd_corridor {
    char o[TF_RD_CODE], d[TF_RD_CODE];
    uint64_t n;
};

/* A country's migrations summed over the window. */
struct tf_rd_net {
    char c[TF_RD_CODE];
    uint64_t in, out;
    int64_t net;
};

/* A country-year; `has` is 0 when the store has no row for it. */
struct tf_rd_point {
    int has;
    uint64_t population;
    double in_rate, out_rate, net_rate;
};

/* One country's years from y0 to y1 (n_years points). */
struct tf_rd_series {
    char c[TF_RD_CODE];
    struct tf_rd_point *p;
};

/*
 * Return within k years (index 1..TF_MAX_K; index 0 unused) of one origin,
 * pooled over destinations, for one cohort (0 = all cohorts).
 */
struct tf_rd_curve {
    char origin[TF_RD_CODE];
    int cohort;
    uint64_t departed;
    int has[TF_MAX_K + 1];
    uint64_t returned[TF_MAX_K + 1];
    uint64_t observed[TF_MAX_K + 1];
    double km[TF_MAX_K + 1];
};

/*
 * The departure cohorts of one origin within the window, oldest first; a
 * cohort with nobody at risk at any k is left out.
 */
struct tf_rd_cohorts {
    char origin[TF_RD_CODE];
    size_t n;
    int dropped; /* older cohorts left out past TF_RD_MAX_COHORTS */
    struct tf_rd_curve c[TF_RD_MAX_COHORTS];
};

/* People of one origin by class. */
struct tf_rd_classes {
    char origin[TF_RD_CODE];
    uint64_t n[TF_RD_CLASSES];
    uint64_t total;
};

/* The k of the return compared across talent pools. */
#define TF_RD_POOL_K 5

/*
 * One talent pool of the run and its return within TF_RD_POOL_K years,
 * over every origin (the rows of destination and cohort "*"): `returned` of
 * `departed`, and `km`, the origins' Kaplan-Meier estimates weighted by
 * their departures (NaN when there are none).
 */
struct tf_rd_pool {
    char name[32];
    uint64_t people, moves;
    uint64_t departed, returned;
    double km;
};

struct tf_report_data {
    /* From the meta table; empty strings and zeros when missing. */
    char version[32], created[48], format[32];
    uint64_t people, moves, observations, kept;

    int y0, y1; /* the window: chosen years within the store's; 0, 0 when empty */
    size_t n_years;
    unsigned top;

    struct tf_rd_country *countries; /* sorted by code */
    size_t n_countries;
    struct tf_rd_corridor *corridors; /* largest first */
    size_t n_corridors;
    uint64_t window_moves; /* all moves dated in the window */
    struct tf_rd_net *net; /* every country with a migration, largest net first */
    size_t n_net;
    struct tf_rd_series *series; /* rate lines */
    size_t n_series;
    struct tf_rd_curve *curves; /* pooled return curves */
    size_t n_curves;
    struct tf_rd_cohorts *cohorts; /* the first origins of `curves` with cohorts in the window */
    size_t n_cohorts;
    struct tf_rd_classes *classes; /* largest origins first */
    size_t n_classes;
    struct tf_rd_pool *pools; /* the run's pools in order, "all" first */
    size_t n_pools;

    /* The headline country: the first chosen one, else the largest origin. */
    char focus[TF_RD_CODE];
    struct tf_rd_classes focus_classes;
    struct tf_rd_curve focus_curve;
};

/*
 * Reads everything the report shows from the SQLite store at `path`.
 * Returns 0, TF_ERR_IO (cannot open or read), TF_ERR_FORMAT (a table or
 * column is missing) or TF_ERR_NOMEM; on failure `rd` holds nothing.
 */
int tf_report_data_load(struct tf_report_data *rd, const char *path, const struct tf_report_opts *o,
                        struct tf_error *err);

/* Frees every array. Accepts a zeroed or loaded struct. */
void tf_report_data_release(struct tf_report_data *rd);

/* The store's name for `code`, or `code` itself when unknown. */
const char *tf_report_data_name(const struct tf_report_data *rd, const char *code);

/* Number at risk of returning at k: observed(k) minus those returned before k. */
uint64_t tf_rd_at_risk(const struct tf_rd_curve *c, int k);

/* Nonzero when the curve has a value at k and someone was still at risk then. */
int tf_rd_known(const struct tf_rd_curve *c, int k);

#endif
