/*
 * scenario.h - a scenario's changes, checked against a model, and their
 * values in a given projection year (scenario.c reads them, project.c asks
 * for them).
 */
#ifndef TF_MODEL_SCENARIO_H
#define TF_MODEL_SCENARIO_H

#include "model/model_int.h"

enum change_kind { CH_COVARIATE = 0, CH_CORRIDOR = 1, CH_GROWTH = 2 };
enum change_op { OP_SCALE = 0, OP_ADD = 1, OP_SET = 2, OP_PATH = 3 };

/* Bits of struct change.sides. */
#define SIDE_BIT_ORIGIN 1
#define SIDE_BIT_DESTINATION 2

struct change {
    int kind;  /* enum change_kind */
    int op;    /* enum change_op (corridors scale, growth sets) */
    int sides; /* covariates: SIDE_BIT_* */
    long o, d; /* country indexes; d only for corridors */
    long col;  /* covariates: index into the model's cy_cols */
    int from;  /* first year the change holds */
    double value;
    size_t n_path;
    int *path_years; /* ascending */
    double *path_vals;
};

struct tf_scenario {
    char name[128];
    size_t n;
    struct change *ch;
};

/*
 * The value of country c's covariate `col` on `side` (SIDE_BIT_*) in year t,
 * starting from `base`: the changes are applied in file order. `s` may be NULL.
 */
double scenario_covariate(const struct tf_scenario *s, long c, long col, int side, int t,
                          double base);

/* The product of the corridor scales for (o, d) in year t (1 when none). */
double scenario_corridor(const struct tf_scenario *s, long o, long d, int t);

/* Country c's natural growth rate in year t, starting from `base`. */
double scenario_growth(const struct tf_scenario *s, long c, int t, double base);

#endif
