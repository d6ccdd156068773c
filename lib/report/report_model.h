/*
 * report_model.h - what the report shows of a fitted push-pull model and a
 * projection: read from the files `talentflow fit -o DIR` writes (fit.csv)
 * and `talentflow project -o DIR` writes (headline.csv, stocks.csv and the
 * scenario file as given, scenario.json). See docs/model.md for the files.
 */
#ifndef TF_REPORT_MODEL_H
#define TF_REPORT_MODEL_H

#include <stddef.h>

#include "talentflow/error.h"

#define TF_RM_CODE 8
#define TF_RM_FANS 2              /* countries drawn as fan charts */
#define TF_RM_SCENARIO (64 << 10) /* the most of a scenario file shown */

/* One covariate term of fit.csv: "push:log(stock)" is side 'o', log, column "stock". */
struct tf_rm_term {
    char name[80];
    char side; /* 'o' push (origin), 'd' pull (destination), 'p' pair */
    int log;
    char column[64];
    double est, lo, hi; /* the estimate and its 95 % interval */
};

/* A country's projected researcher stock in one year (stocks.csv). */
struct tf_rm_stock {
    int year;
    double base, base_lo, base_hi, scen, scen_lo, scen_hi;
};

/* Researchers gained or lost by the last year, scenario against baseline (headline.csv). */
struct tf_rm_gain {
    char c[TF_RM_CODE];
    double start, base_end, scen_end, gain, lo, hi, pct;
};

struct tf_rm_fan {
    char c[TF_RM_CODE];
    struct tf_rm_stock *s; /* years in order */
    size_t n;
};

struct tf_report_model {
    int has_fit, has_projection;
    struct tf_rm_term *terms;
    size_t n_terms;
    struct tf_rm_gain *gains; /* as headline.csv lists them: largest gain first */
    size_t n_gains;
    struct tf_rm_fan fans[TF_RM_FANS];
    size_t n_fans;
    int year0, year1; /* the projection's first (observed) and last year */
    char *scenario;   /* the scenario file's text; NULL when the projection has none */
};

/*
 * Reads DIR/fit.csv of `model_dir` and the projection files of
 * `projection_dir` (either may be NULL: that part is left out). The fans are
 * drawn for `want` (two codes, either may be empty) when the projection has
 * them, else for the countries with the largest gain and the largest loss.
 * Returns 0 or a negative status with `err` naming the file and line:
 * TF_ERR_IO (a file cannot be read), TF_ERR_FORMAT (a missing column, a
 * value that is not a number, a country code that is not two letters),
 * TF_ERR_NOMEM. On failure `m` holds nothing.
 */
int tf_report_model_load(struct tf_report_model *m, const char *model_dir,
                         const char *projection_dir, const char want[2][8], struct tf_error *err);

/* Frees everything; `m` is empty afterwards. */
void tf_report_model_release(struct tf_report_model *m);

#endif
