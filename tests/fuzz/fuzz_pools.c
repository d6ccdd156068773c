/*
 * fuzz_pools.c - libFuzzer target for talent pool definitions and pool
 * files.
 *
 * Each input is given to tf_pools_add twice: as the text of a definition
 * (up to its first NUL or line break; a preset name or NAME=CRITERIA) and
 * as a pool file, @FILE. The same bytes are also the folder's venues.txt,
 * so a pool file naming "venue-file: venues.txt" reads a venue list too.
 * Every pool that is added must have a name and a canonical definition
 * that, given back as NAME=DEFINITION, is accepted and canonical already.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "talentflow/error.h"
#include "talentflow/pools.h"

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* NAME=DEFINITION of pool i, added to a fresh set, gives the same definition. */
static void check_canonical(const struct tf_pools *p, size_t i)
{
    const char *name = tf_pools_name(p, i), *def = tf_pools_definition(p, i);
    size_t len = strlen(name) + 1 + strlen(def) + 1;
    struct tf_pools *again = NULL;
    struct tf_error err;
    char *spec = malloc(len);
    if (!spec || !name[0] || strlen(name) > TF_POOL_NAME_MAX || tf_pools_new(&again, &err) < 0)
        abort();
    snprintf(spec, len, "%s=%s", name, def);
    if (tf_pools_add(again, spec, &err) < 0) {
        fprintf(stderr, "canonical definition refused: %s\n  %s\n", err.msg, spec);
        abort();
    }
    if (strcmp(tf_pools_definition(again, 0), def) != 0) {
        fprintf(stderr, "not canonical:\n  %s\n  %s\n", def, tf_pools_definition(again, 0));
        abort();
    }
    tf_pools_free(again);
    free(spec);
}

static void add(const char *spec)
{
    struct tf_pools *p = NULL;
    struct tf_error err;
    tf_error_init(&err);
    if (tf_pools_new(&p, &err) < 0)
        abort();
    int rc = tf_pools_add(p, spec, &err);
    if (rc < 0 && err.msg[0] == '\0')
        abort();
    if ((rc == 0) != (tf_pools_count(p) == 1))
        abort();
    if (rc == 0)
        check_canonical(p, 0);
    tf_pools_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len = 0;
    while (len < size && data[len] && data[len] != '\n' && data[len] != '\r')
        len++;
    char *spec = malloc(len + 2);
    if (!spec)
        abort();
    memcpy(spec, data, len);
    spec[len] = '\0';
    if (spec[0] != '@') /* a file of the fuzzer's choosing could be any file */
        add(spec);
    free(spec);
    fuzz_input_write("venues.txt", data, size);
    const char *path = fuzz_input_write("input.pool", data, size);
    spec = malloc(strlen(path) + 2);
    if (!spec)
        abort();
    snprintf(spec, strlen(path) + 2, "@%s", path);
    add(spec);
    free(spec);
    return 0;
}
