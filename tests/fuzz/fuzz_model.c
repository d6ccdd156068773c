/*
 * fuzz_model.c - libFuzzer target for reading model.json.
 *
 * Each input is written to a scratch file and read with tf_model_read_json.
 * A model that reads must be one a projection can start from: it is
 * projected two years with two parameter draws (a failure there must be a
 * clean error), written back with tf_model_write_json and read again, which
 * must succeed.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "talentflow/error.h"
#include "talentflow/model.h"

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_model(const struct tf_model *m)
{
    if (m->version != TF_MODEL_FORMAT_VERSION || m->n_countries == 0 ||
        m->n_terms > TF_MODEL_MAX_TERMS)
        abort();
    if (m->year_first > m->year_last || m->n_dims < 2 || m->n_dims > 3)
        abort();
    for (size_t i = 1; i < m->n_countries; i++)
        if (m->countries[i] <= m->countries[i - 1])
            abort();
    for (size_t i = 0; i < m->n_countries; i++)
        if (tf_model_country_index(m, m->countries[i]) != (long)i)
            abort();
}

static void project(const struct tf_model *m)
{
    struct tf_project_opts o;
    struct tf_projection *pr = NULL;
    struct tf_error err;
    tf_error_init(&err);
    tf_project_opts_init(&o);
    o.years = 2;
    o.draws = 2;
    int rc = tf_project(&pr, m, NULL, &o, &err);
    if (rc < 0 && (pr || err.msg[0] == '\0'))
        abort();
    if (rc == 0 && pr->n_stocks != pr->n_countries * (size_t)(o.years + 1))
        abort();
    tf_projection_free(pr);
}

static void round_trip(const struct tf_model *m)
{
    struct tf_model *back = NULL;
    struct tf_error err;
    char path[4300];
    tf_error_init(&err);
    snprintf(path, sizeof(path), "%s/written.json", fuzz_input_folder());
    if (tf_model_write_json(m, path, &err) < 0 || tf_model_read_json(&back, path, &err) < 0) {
        fprintf(stderr, "round trip: %s\n", err.msg);
        abort(); /* what the library writes, it reads */
    }
    if (back->n_countries != m->n_countries || back->n_terms != m->n_terms)
        abort();
    tf_model_free(back);
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tf_model *m = NULL;
    struct tf_error err;
    tf_error_init(&err);
    const char *path = fuzz_input_write("model.json", data, size);
    int rc = tf_model_read_json(&m, path, &err);
    if (rc < 0 && (m || err.msg[0] == '\0'))
        abort();
    if (rc == 0) {
        check_model(m);
        project(m);
        round_trip(m);
    }
    tf_model_free(m);
    return 0;
}
