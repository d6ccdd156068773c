/*
 * fuzz_merged.c - libFuzzer target for OpenAlex merged-id files.
 *
 * Each input is written to a scratch file named merged.csv (the loader
 * takes .csv and .csv.gz files; gzip is recognised by its magic bytes),
 * loaded twice into one table, as two snapshots repeating rows would be,
 * and finished. The table must then answer for any id: every author maps
 * to an OpenAlex author.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "talentflow/error.h"
#include "talentflow/merged.h"
#include "talentflow/obs.h"
#include "talentflow/source.h"

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_table(const struct tf_merged *m)
{
    static const char *const ids[] = {"A1", "A10", "A20", "A30", "A5023888391", "A9999999999"};
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        uint64_t person, work;
        char w[16];
        snprintf(w, sizeof(w), "W%s", ids[i] + 1);
        if (tf_person_parse(ids[i], strlen(ids[i]), &person) < 0 ||
            tf_work_parse(w, strlen(w), &work) < 0)
            abort();
        if (tf_merged_person(m, person) >> 60 != TF_PERSON_OPENALEX)
            abort();
        (void)tf_merged_work_gone(m, work);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tf_merged *m = NULL;
    struct tf_skips skips;
    struct tf_error err;
    tf_error_init(&err);
    tf_skips_init(&skips);
    const char *path = fuzz_input_write("merged.csv", data, size);
    if (tf_merged_new(&m, &err) < 0)
        abort();
    int rc = tf_merged_load(m, path, &skips, &err);
    if (rc == 0)
        rc = tf_merged_load(m, path, &skips, &err);
    if (rc < 0 && (rc == TF_ERR_NOMEM || err.msg[0] == '\0'))
        abort();
    if (rc == 0 && tf_merged_finish(m, &err) < 0)
        abort();
    if (rc == 0)
        check_table(m);
    tf_merged_free(m);
    return 0;
}
