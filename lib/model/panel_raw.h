/*
 * panel_raw.h - the model's inputs as read, before the panel is completed:
 * every flow row, a country-year table of the columns the model needs, a
 * pair table and capital coordinates. panel_read.c fills it, panel.c turns
 * it into the completed panel.
 */
#ifndef TF_MODEL_PANEL_RAW_H
#define TF_MODEL_PANEL_RAW_H

#include "model/csvrow.h"
#include "model/model_int.h"
#include "util/map.h"

/* Pool names remembered from a flow file for the message about an unknown pool. */
#define RAW_MAX_POOLS 17
#define RAW_POOL_NAME 32

/* Most country-year or pair columns a panel reads. */
#define RAW_MAX_COLS (TF_MODEL_MAX_TERMS + 4)

struct flow_rec {
    tf_country o, d;
    int year;
    double n;
};

/* Numeric columns by key: country-year (country << 32 | year) or pair (o << 16 | d). */
struct raw_table {
    size_t n_cols;
    char cols[RAW_MAX_COLS][TF_MODEL_NAME_MAX];
    struct tf_map idx; /* key -> row + 1 (uint64_t) */
    double *vals;      /* rows x n_cols, NAN when missing */
    size_t n_rows, cap_rows;
};

/* Where natural growth comes from. */
enum growth_kind { GROWTH_RESIDUAL = 0, GROWTH_BIRTHS_DEATHS = 1, GROWTH_SUPPLIED = 2 };

struct raw {
    struct csvrow flows_csv; /* open after raw_open until raw_read */
    long c_origin, c_dest, c_year, c_count;
    long c_pool;        /* the flow file's pool column, or -1 */
    const char *pool;   /* the pool whose rows count: "all" unless asked */
    uint64_t pool_rows; /* flow rows of that pool */
    size_t n_pools;     /* pool names met in the flow file */
    char pools[RAW_MAX_POOLS][RAW_POOL_NAME];
    /* country-year columns available: from --country-data, or the flow file's
       NAME_origin / NAME_destination columns */
    int cy_from_flows;
    size_t n_avail;
    char avail[64][TF_MODEL_NAME_MAX];
    int has_births_deaths, has_growth;

    struct flow_rec *flows;
    size_t n_flows, cap_flows;
    int year_min, year_max;

    struct raw_table cy;                  /* column 0 is the stock */
    long cy_births, cy_deaths, cy_growth; /* indexes in cy, or -1 */
    struct raw_table pairs;               /* pair-data columns the terms use */
    struct tf_map capitals;               /* country -> double[2] longitude, latitude */
    int growth;                           /* enum growth_kind */

    uint64_t bad;
    char first_bad[256];
};

static inline uint64_t raw_cy_key(tf_country c, int year)
{
    return ((uint64_t)c << 32) | (uint32_t)year;
}

static inline uint64_t raw_pair_key(tf_country o, tf_country d)
{
    return ((uint64_t)o << 16) | d;
}

/*
 * Opens the flow file and the country-year file's header, so the columns on
 * offer are known (r->avail). Returns 0 or a negative status.
 */
int raw_open(struct raw *r, const char *flows, const struct tf_panel_opts *o, struct tf_error *err);

/* Nonzero when country-year column `name` is on offer. */
int raw_has_column(const struct raw *r, const char *name);

/*
 * Reads every input given the resolved stock column and terms (which fix
 * the columns kept). Returns 0 or a negative status.
 */
int raw_read(struct raw *r, const struct tf_panel_opts *o, const char *stock,
             const struct tf_term *terms, size_t n_terms, struct tf_error *err);

/* The row of a table for `key`, or NULL. */
const double *raw_row(const struct raw_table *t, uint64_t key);

/* Index of column `name` in t, or -1. */
long raw_col(const struct raw_table *t, const char *name);

/* Great-circle distance in km between two capitals, NAN when either is unknown. */
double raw_distance(const struct raw *r, tf_country a, tf_country b);

void raw_release(struct raw *r);

/*
 * Fills the projection's starting state of a completed panel (panel_state.c):
 * stocks and country-year values in the last year, pair values, natural
 * growth. Returns 0 or TF_ERR_NOMEM.
 */
int panel_state(struct tf_panel *p, const struct raw *r);

#endif
