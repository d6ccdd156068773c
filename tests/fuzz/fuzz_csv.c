/*
 * fuzz_csv.c - libFuzzer target for the CSV reader.
 *
 * Each input is written to one temporary file (reused for the whole run) and
 * read to the end through tf_source_open twice, lax and strict, both with a
 * tiny line cap so that over-long lines and records are reached as easily as
 * the rest. Every record handed out must satisfy the reader's promises; a broken
 * one aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"
#include "talentflow/source.h"

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_record(const struct tf_record *rec)
{
    const struct tf_obs *o = rec->obs;
    if (rec->n_obs != 1 || rec->line == 0)
        abort();
    if (o->year < TF_YEAR_MIN || o->year > TF_YEAR_MAX || o->weight == 0)
        abort();
    if (!tf_country_valid(o->country) || o->kind > TF_KIND_EMPLOYMENT)
        abort();
    if (rec->info.work != o->work || rec->info.year != o->year)
        abort();
    int hashed = o->person >> 60 == TF_PERSON_HASHED;
    if (hashed != (rec->names != NULL))
        abort();
    if (hashed && strlen(rec->names[0]) == 0)
        abort();
    char buf[32];
    if (!hashed && tf_person_format(o->person, buf) <= 0)
        abort();
}

static void read_file(const struct tf_source_opts *opts)
{
    struct tf_skips skips;
    struct tf_error err;
    struct tf_source *src = NULL;
    struct tf_record rec;
    tf_skips_init(&skips);
    if (tf_source_open(&src, fuzz_input_path, TF_FORMAT_CSV, opts, &skips, &err) < 0)
        return;
    uint64_t n = 0;
    int rc;
    while ((rc = tf_source_next(src, &rec, &err)) > 0) {
        check_record(&rec);
        n++;
    }
    if (rc < 0 && !opts->strict)
        abort(); /* a file on disk cannot fail to read, and skips are not errors */
    if (n != tf_source_records(src))
        abort();
    tf_source_free(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct tf_source_opts lax = {.max_line = 48},
                                       strict = {.strict = 1, .max_line = 24};
    fuzz_input_write("fuzz_csv", data, size);
    read_file(&lax);
    read_file(&strict);
    return 0;
}
