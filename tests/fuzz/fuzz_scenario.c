/*
 * fuzz_scenario.c - libFuzzer target for scenario files.
 *
 * A scenario is read against a model, so the target builds one small model
 * in memory (five countries, years 1998-2018, logged and plain country-year
 * terms, a term dropped when fitting, a pair term) and loads each input,
 * written to a scratch file, with tf_scenario_load for a ten-year
 * projection. A scenario that loads is then applied to every country,
 * covariate, corridor and year the projection asks about; every value it
 * gives for a logged covariate must stay positive, as the loader promises.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/scenario.h"
#include "talentflow/error.h"
#include "talentflow/model.h"

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define YEARS 10

static const char *const countries[] = {"CN", "DE", "FR", "IN", "US"};
static const char *const cy_cols[] = {"gdp_per_capita", "population", "rd_share"};

static void set_term(struct tf_model_term *t, int side, int logged, const char *col, int status)
{
    t->term.side = side;
    t->term.log = logged;
    snprintf(t->term.column, sizeof(t->term.column), "%s", col);
    tf_term_name(&t->term, t->name, sizeof(t->name));
    t->status = status;
    t->estimate = status == TF_TERM_ESTIMATED ? 0.5 : NAN;
}

/* The model every input is read against; aborts when it cannot be made. */
static struct tf_model *make_model(void)
{
    struct tf_model *m = model_alloc(5, 5, 3, 1);
    if (!m)
        abort();
    m->year_first = 1998;
    m->year_last = 2018; /* as examples/scenario.json expects */
    for (size_t i = 0; i < m->n_countries; i++) {
        if (tf_country_parse(countries[i], 2, &m->countries[i]) < 0)
            abort();
        m->stock[i] = 1000.0 * (double)(i + 1);
        m->growth[i] = 0.01;
        for (size_t j = 0; j < m->n_cy_cols; j++)
            m->cy_last[i * m->n_cy_cols + j] = j == 2 ? 0.0 : 100.0 * (double)(i + 1);
    }
    for (size_t j = 0; j < m->n_cy_cols; j++)
        snprintf(m->cy_cols[j], TF_MODEL_NAME_MAX, "%s", cy_cols[j]);
    snprintf(m->pair_cols[0], TF_MODEL_NAME_MAX, "distance");
    snprintf(m->data.stock_column, TF_MODEL_NAME_MAX, "researchers");
    set_term(&m->terms[0], TF_SIDE_ORIGIN, 1, "gdp_per_capita", TF_TERM_ESTIMATED);
    set_term(&m->terms[1], TF_SIDE_DESTINATION, 1, "gdp_per_capita", TF_TERM_ESTIMATED);
    set_term(&m->terms[2], TF_SIDE_ORIGIN, 0, "population", TF_TERM_ESTIMATED);
    set_term(&m->terms[3], TF_SIDE_DESTINATION, 0, "rd_share", TF_TERM_COLLINEAR_FE);
    set_term(&m->terms[4], TF_SIDE_PAIR, 1, "distance", TF_TERM_ESTIMATED);
    return m;
}

/* Every value the projection would ask of the scenario. */
static void apply_all(const struct tf_model *m, const struct tf_scenario *s)
{
    for (int t = m->year_last + 1; t <= m->year_last + YEARS; t++)
        for (long c = 0; c < (long)m->n_countries; c++) {
            for (long j = 0; j < (long)m->n_cy_cols; j++)
                for (int side = 1; side <= 2; side++) {
                    double base = m->cy_last[(size_t)c * m->n_cy_cols + (size_t)j];
                    double v = scenario_covariate(s, c, j, side, t, base);
                    if (j == 0 && !(v > 0))
                        abort(); /* log(gdp_per_capita) enters the model */
                }
            for (long d = 0; d < (long)m->n_countries; d++)
                if (!(scenario_corridor(s, c, d, t) >= 0))
                    abort();
            double g = scenario_growth(s, c, t, m->growth[c]);
            if (!(g > -1.0 && g < 1.0))
                abort();
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct tf_model *m;
    struct tf_scenario *s = NULL;
    struct tf_error err;
    if (!m)
        m = make_model(); /* lives for the whole run */
    tf_error_init(&err);
    const char *path = fuzz_input_write("scenario.json", data, size);
    int rc = tf_scenario_load(&s, path, m, YEARS, &err);
    if (rc < 0 && (s || err.msg[0] == '\0'))
        abort();
    if (rc == 0) {
        if (strlen(tf_scenario_name(s)) >= sizeof(s->name))
            abort();
        apply_all(m, s);
    }
    tf_scenario_free(s);
    return 0;
}
