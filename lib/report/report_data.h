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
#include "talentflow/store.h"

#include "report/report_model.h"
#include "report/strings.h"

#define TF_RD_CODE 8 /* a country code with room to spare for a bad store */

/* Four classes in the order of enum tf_class. */
#define TF_RD_CLASSES 4

/* Cohort rows kept per origin (the most recent ones). */
#define TF_RD_MAX_COHORTS 40

/* Countries that get a style (colour, dash, marker) of their own, in page order. */
#define TF_RD_STYLES 64

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

/* ---- the pair of the first section ---------------------------------------- */

/* The k of the return asked about, and the departures a cohort needs to count in its trend. */
#define TF_RD_PAIR_K 5
#define TF_RD_TREND_MIN 10

/* A share `k` of `n` with its 95 % Wilson interval [lo, hi] (NaN when n is 0). */
struct tf_rd_share {
    uint64_t k, n;
    double p, lo, hi;
};

/* Where the pool's people of one origin were last seen: the other country, home, elsewhere. */
struct tf_rd_whereabouts {
    struct tf_rd_share partner, home, elsewhere; /* all three share the n */
};

/* Moves of the pair in one year: n[0] from A to B, n[1] from B to A. */
struct tf_rd_pair_year {
    int year;
    uint64_t n[2];
};

/* One departure cohort's return to the origin within TF_RD_PAIR_K years. */
struct tf_rd_pair_cohort {
    int cohort; /* 0 = all cohorts pooled */
    uint64_t departed, returned, observed;
    double km; /* NaN when the store has none */
};

/*
 * A weighted least-squares line of the cohorts' km on the cohort year,
 * weighted by departures, over the `used` cohorts with at least
 * TF_RD_TREND_MIN departures and someone observed: the slope per year with
 * its 95 % interval (Student t, used - 2 degrees of freedom). All NaN when
 * fewer than 3 cohorts count.
 */
struct tf_rd_trend {
    size_t used;
    double slope, lo, hi;
};

/* Leaving the origin for the other country of the pair and coming back. */
struct tf_rd_pair_dir {
    uint64_t moves;              /* moves in the window */
    struct tf_rd_pair_cohort *c; /* the window's cohorts with departures, oldest first */
    size_t n;
    int has_pooled;
    struct tf_rd_pair_cohort pooled; /* all cohorts of the run, not cut to the window */
    struct tf_rd_trend trend;
};

/*
 * The pair: code[0] is A, code[1] B (empty when the pool has no moves to
 * choose a pair from). Index i of `where` is about origin code[i], of `dir`
 * about leaving code[i] for the other.
 */
struct tf_rd_pair {
    char pool[32];
    char code[2][TF_RD_CODE];
    int chosen; /* given by the caller rather than the largest two-way flow */
    struct tf_rd_whereabouts where[2];
    struct tf_rd_pair_year *years; /* every year of the window */
    size_t n_years;
    struct tf_rd_pair_dir dir[2];
};

/* People by first-degree, highest-degree and work country (work "" when none was seen). */
struct tf_rd_pipe {
    char first[TF_RD_CODE], highest[TF_RD_CODE], work[TF_RD_CODE];
    uint64_t n;
};

struct tf_report_data {
    const struct tf_report_text *t; /* the page's words */
    int names_missing;              /* the language's country names could not be read */

    /* From the meta table; empty strings and zeros when missing. */
    char version[32], created[48], format[32];
    uint64_t people, moves, observations, kept;

    int move_kind; /* enum tf_move_kind of the run (meta options), the moves returns follow */
    int y0, y1;    /* the window: chosen years within the store's; 0, 0 when empty */
    int data_y0;   /* the store's first year, in which no move can be dated */
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

    struct tf_rd_pair pair;       /* the first section */
    struct tf_report_model model; /* the model section; empty without --model/--projection */
    struct tf_rd_pipe *pipe;      /* the study-to-work pipeline of pool "all", largest first */
    size_t n_pipe;
    uint64_t pipe_total; /* 0: no education evidence, no section */

    /* Countries in the order they were given a style (see tf_report_style). */
    char styled[TF_RD_STYLES][TF_RD_CODE];
    size_t n_styled;
};

/*
 * Reads everything the report shows from the SQLite store at `path`.
 * Returns 0, TF_ERR_IO (cannot open or read), TF_ERR_FORMAT (a table or
 * column is missing) or TF_ERR_NOMEM; on failure `rd` holds nothing.
 */
int tf_report_data_load(struct tf_report_data *rd, const char *path, const struct tf_report_opts *o,
                        struct tf_error *err);

/*
 * report_pair.c: reads the pair of the first section into rd->pair, for
 * opts->pool (which must be one of rd->pools: TF_ERR_USAGE naming them
 * otherwise) and opts->focus or the pair with the largest two-way flow.
 * Needs the window and the pools loaded. Returns 0 or a negative status.
 */
int tf_report_pair_load(struct tf_store *s, struct tf_report_data *rd,
                        const struct tf_report_opts *o, struct tf_error *err);

/* Frees the pair's arrays and zeroes it. */
void tf_report_pair_release(struct tf_rd_pair *p);

/* The share k of n with its 95 % Wilson score interval. */
struct tf_rd_share tf_rd_wilson(uint64_t k, uint64_t n);

/* The weighted trend of the cohorts `c` (see struct tf_rd_trend). */
struct tf_rd_trend tf_rd_cohort_trend(const struct tf_rd_pair_cohort *c, size_t n);

/*
 * After the store and the model are loaded: names every country the page
 * shows in its language (adding the model's countries the store lacks) and
 * gives each drawn country its style. Returns 0 or TF_ERR_NOMEM.
 */
int tf_report_data_finish(struct tf_report_data *rd, const struct tf_report_opts *o);

/* Frees every array. Accepts a zeroed or loaded struct. */
void tf_report_data_release(struct tf_report_data *rd);

/*
 * The style (an index for tf_svg_colour, tf_svg_dash and tf_svg_marker) of
 * country `code`: the same in every chart of the page. Countries are numbered
 * once, after loading, in the order the page first shows them: the pair of the
 * first section, the rate lines, the return curves, then the Sankey's origins.
 */
size_t tf_report_style(const struct tf_report_data *rd, const char *code);

/* The name of `code` in the page's language, or `code` itself when unknown. */
const char *tf_report_data_name(const struct tf_report_data *rd, const char *code);

/* Number at risk of returning at k: observed(k) minus those returned before k. */
uint64_t tf_rd_at_risk(const struct tf_rd_curve *c, int k);

/* Nonzero when the curve has a value at k and someone was still at risk then. */
int tf_rd_known(const struct tf_rd_curve *c, int k);

#endif
