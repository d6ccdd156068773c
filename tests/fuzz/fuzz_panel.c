/*
 * fuzz_panel.c - libFuzzer target for the model's CSV readers: the flow
 * table, country-year covariates, capital coordinates and pair covariates,
 * as tf_panel_build reads them.
 *
 * An input is up to four files separated by lines "----": flows, then
 * country-year data, capitals and pair data. A part left out is not given
 * (so one part alone reads the covariates from the flow file's own
 * NAME_origin columns); a part present but empty is an empty file. Each part
 * is written to its own scratch file and the panel is built twice: with
 * the default specification and with explicit terms that name columns of
 * the seeds. A panel that is built must keep the promises of its summary,
 * and writes itself as CSV.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "talentflow/error.h"
#include "talentflow/model.h"

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PARTS 4

static const char *const part_names[PARTS] = {"flows.csv", "country_year.csv", "capitals.csv",
                                              "pairs.csv"};

/* Writes each part to its file; *paths[k] is NULL for a part left out. */
static void write_parts(const uint8_t *data, size_t size, char paths[PARTS][4200], int *given)
{
    size_t at = 0;
    for (size_t k = 0; k < PARTS; k++) {
        given[k] = k == 0 || at <= size;
        if (!given[k])
            continue;
        size_t end = k + 1 < PARTS ? fuzz_input_separator(data, size, at) : size;
        snprintf(paths[k], 4200, "%s", fuzz_input_write(part_names[k], data + at, end - at));
        at = end + 5; /* past the separator; beyond size when there was none */
    }
}

static void check_panel(const struct tf_panel *p, const struct tf_panel_opts *o)
{
    const struct tf_panel_info *in = tf_panel_get_info(p);
    if (in->n_countries < 2 || (o->top && in->n_countries > o->top))
        abort();
    if (in->year_first > in->year_last || in->zeros_added > in->n_obs || in->n_obs == 0)
        abort();
    if (in->flows_in_panel > in->flows_read ||
        memchr(in->stock_column, 0, TF_MODEL_NAME_MAX) == NULL)
        abort();
    struct tf_error err;
    char path[4300];
    snprintf(path, sizeof(path), "%s/panel.csv", fuzz_input_folder());
    if (tf_panel_write_csv(p, path, &err) < 0)
        abort(); /* the scratch folder is writable */
    unlink(path);
}

static void build(const char paths[PARTS][4200], const int *given, int terms)
{
    struct tf_panel_opts o;
    struct tf_error err;
    struct tf_panel *p = NULL;
    tf_panel_opts_init(&o);
    o.top = 6; /* completion is countries^2 x years: keep it small */
    o.country_data = given[1] ? paths[1] : NULL;
    o.capitals = given[2] ? paths[2] : NULL;
    o.pair_data = given[3] ? paths[3] : NULL;
    if (terms) {
        tf_panel_opts_add(&o, TF_SIDE_ORIGIN, "log:population", &err);
        tf_panel_opts_add(&o, TF_SIDE_DESTINATION, "births", &err);
        tf_panel_opts_add(&o, TF_SIDE_PAIR, o.capitals ? "log:distance" : "log:km", &err);
    }
    int rc = tf_panel_build(&p, paths[0], &o, &err);
    if (rc < 0 && (p || err.msg[0] == '\0'))
        abort(); /* a failure leaves nothing and says why */
    if (rc == 0)
        check_panel(p, &o);
    tf_panel_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char paths[PARTS][4200];
    int given[PARTS];
    write_parts(data, size, paths, given);
    build((const char(*)[4200])paths, given, 0);
    build((const char(*)[4200])paths, given, 1);
    for (size_t k = 1; k < PARTS; k++)
        if (given[k])
            unlink(paths[k]); /* the next input may leave the part out */
    return 0;
}
