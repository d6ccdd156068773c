/*
 * fuzz_openalex_authors.c - libFuzzer target for the OpenAlex author records
 * reader.
 *
 * Each input is written to one temporary file (reused for the whole run) and
 * read to the end through tf_source_open four times: lax, strict, lax with a
 * tiny line cap (the over-long line path) and lax with --link orcid, so the
 * JSON Lines, whole-document and split-again paths are all reached. Every
 * record handed out must keep the reader's promises; a broken one aborts.
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

/* One author's observations: one person, employment, and one unit per year. */
static void check_record(const struct tf_record *rec, int link_orcid)
{
    uint64_t per_year[TF_YEAR_MAX - TF_YEAR_MIN + 1] = {0};
    if (rec->line == 0 || rec->names || rec->info.work || rec->info.whole ||
        rec->info.cited_by_count != -1)
        abort();
    for (size_t i = 0; i < rec->n_obs; i++) {
        const struct tf_obs *o = &rec->obs[i];
        int ns = (int)(o->person >> 60);
        if (o->person != rec->obs[0].person || o->weight == 0 || o->work || o->copy || o->cited)
            abort();
        if (ns != TF_PERSON_OPENALEX && !(link_orcid && ns == TF_PERSON_ORCID))
            abort();
        if (o->year < TF_YEAR_MIN || o->year > TF_YEAR_MAX || !tf_country_valid(o->country))
            abort();
        if (o->kind != TF_KIND_EMPLOYMENT || o->degree || o->pools)
            abort();
        per_year[o->year - TF_YEAR_MIN] += o->weight;
    }
    for (size_t y = 0; y < sizeof(per_year) / sizeof(per_year[0]); y++)
        if (per_year[y] && per_year[y] != TF_WEIGHT_UNIT)
            abort();
}

static void read_file(const struct tf_source_opts *opts)
{
    struct tf_skips skips;
    struct tf_error err;
    struct tf_source *src = NULL;
    struct tf_record rec;
    int rc;
    tf_skips_init(&skips);
    if (tf_source_open(&src, fuzz_input_path, TF_FORMAT_OPENALEX_AUTHORS, opts, &skips, &err) < 0)
        abort();
    uint64_t n = 0;
    while ((rc = tf_source_next(src, &rec, &err)) > 0) {
        check_record(&rec, opts->link_orcid);
        n++;
    }
    if (rc < 0 && rc != TF_ERR_DATA && rc != TF_ERR_NOMEM)
        abort();
    if (rc == TF_ERR_DATA && (!opts->strict || err.line == 0))
        abort();
    if (n != tf_source_records(src))
        abort();
    for (int r = 0; r < TF_SKIP_COUNT; r++) {
        if (skips.n[r] && !tf_format_skips(TF_FORMAT_OPENALEX_AUTHORS, (enum tf_skip)r))
            abort(); /* the registry lists every reason the reader uses */
        if (opts->strict && skips.n[r] && tf_skip_is_error(r))
            abort(); /* strict mode fails at the first bad record instead of counting it */
    }
    tf_source_free(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct tf_source_opts lax = {0}, strict = {.strict = 1}, tiny = {.max_line = 96},
                                       linked = {.link_orcid = 1};
    fuzz_input_write("fuzz_openalex_authors", data, size);
    read_file(&lax);
    read_file(&strict);
    read_file(&tiny);
    read_file(&linked);
    return 0;
}
