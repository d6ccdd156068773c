/*
 * fuzz_orcid.c - libFuzzer target for the ORCID reader.
 *
 * Each input is written to one temporary file (reused for the whole run) and
 * read to the end through tf_source_open twice, lax and strict (the strict
 * pass with a tiny document cap, so over-long JSON is reached too). The
 * input goes through libarchive as the real files do: a tar, gzip or a
 * single XML or JSON document. Every record handed out must satisfy the
 * reader's promises; a broken one aborts.
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

static void check_obs(const struct tf_obs *o, uint64_t person)
{
    if (o->person != person || o->person >> 60 != TF_PERSON_ORCID)
        abort();
    if (o->year < TF_YEAR_MIN || o->year > TF_YEAR_MAX || o->weight != TF_WEIGHT_UNIT)
        abort();
    if (!tf_country_valid(o->country) || o->work || o->copy || o->cited || o->pools)
        abort();
    if (o->kind != TF_KIND_EDUCATION && o->kind != TF_KIND_EMPLOYMENT)
        abort();
    if (o->degree > TF_DEGREE_OTHER || (o->kind == TF_KIND_EMPLOYMENT && o->degree))
        abort();
}

static void check_record(const struct tf_record *rec)
{
    char buf[32];
    if (rec->line == 0 || rec->names || rec->info.work || rec->info.cited_by_count != -1)
        abort();
    for (size_t i = 0; i < rec->n_obs; i++)
        check_obs(&rec->obs[i], rec->obs[0].person);
    if (rec->n_obs && tf_person_format(rec->obs[0].person, buf) != 19)
        abort();
}

static void read_file(const struct tf_source_opts *opts)
{
    struct tf_skips skips;
    struct tf_error err;
    struct tf_source *src = NULL;
    struct tf_record rec;
    tf_skips_init(&skips);
    int rc = tf_source_open(&src, fuzz_input_path, TF_FORMAT_ORCID, opts, &skips, &err);
    if (rc < 0 && (!opts->strict || rc != TF_ERR_DATA))
        abort(); /* a readable file opens; only strict mode refuses an empty one */
    if (rc < 0)
        return;
    uint64_t n = 0;
    while ((rc = tf_source_next(src, &rec, &err)) > 0) {
        check_record(&rec);
        n++;
    }
    if (rc < 0 && !opts->strict)
        abort(); /* a file on disk cannot fail to read, and skips are not errors */
    if (n != tf_source_records(src))
        abort();
    for (int r = 0; r < TF_SKIP_COUNT; r++)
        if (skips.n[r] && !tf_format_skips(TF_FORMAT_ORCID, (enum tf_skip)r))
            abort();
    tf_source_free(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct tf_source_opts lax = {0}, strict = {.strict = 1, .max_line = 256};
    fuzz_input_write("fuzz_orcid", data, size);
    read_file(&lax);
    read_file(&strict);
    return 0;
}
