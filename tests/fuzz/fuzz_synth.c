/*
 * fuzz_synth.c - libFuzzer target for synth parameter files.
 *
 * Each input is parsed with tf_synth_params_parse twice: on top of the
 * built-in world (as `talentflow synth --params` does) and on top of an
 * empty one; it needs no file. A failure must leave the parameters
 * unchanged. Parameters that parse must pass tf_synth_params_check, and
 * format to a file that parses back (onto an empty world) to the same text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "talentflow/error.h"
#include "talentflow/synth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(const struct tf_synth_params *p)
{
    struct tf_error err;
    struct tf_synth_params *back = calloc(1, sizeof(*back));
    char *text = tf_synth_params_format(p), *again = NULL;
    if (!back || !text || tf_synth_params_check(p, &err) < 0)
        abort();
    if (tf_synth_params_parse(back, text, strlen(text), "formatted", &err) < 0) {
        fprintf(stderr, "formatted parameters do not parse: %s\n%s", err.msg, text);
        abort();
    }
    again = tf_synth_params_format(back);
    if (!again || strcmp(text, again) != 0)
        abort(); /* format, parse, format changed a value */
    free(again);
    free(text);
    free(back);
}

/* Parses the input on top of `base`; checks what comes out either way. */
static void parse_onto(const struct tf_synth_params *base, const uint8_t *data, size_t size)
{
    struct tf_error err;
    struct tf_synth_params *p = malloc(sizeof(*p));
    if (!p)
        abort();
    memcpy(p, base, sizeof(*p)); /* padding too: a failure is compared byte for byte */
    tf_error_init(&err);
    int rc = tf_synth_params_parse(p, (const char *)data, size, "fuzz.conf", &err);
    if (rc < 0 && (rc != TF_ERR_FORMAT || err.msg[0] == '\0' || memcmp(p, base, sizeof(*p)) != 0))
        abort();
    if (rc == 0)
        round_trip(p);
    free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct tf_synth_params *world, *empty;
    if (!world) {
        world = malloc(sizeof(*world));
        empty = calloc(1, sizeof(*empty));
        if (!world || !empty)
            abort();
        tf_synth_params_init(world);
    }
    parse_onto(world, data, size);
    parse_onto(empty, data, size);
    return 0;
}
