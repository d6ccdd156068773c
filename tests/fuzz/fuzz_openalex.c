/*
 * fuzz_openalex.c - libFuzzer target for the OpenAlex works reader and its
 * JSON shim.
 *
 * Each input is handed to the shim directly as one padded document, then
 * written to one temporary file (reused for the whole run) and read to the
 * end through tf_source_open three times: lax, strict, and lax with a tiny
 * line cap, so the JSON Lines, whole-document and split-again paths and the
 * over-long line path are all reached. Every record handed out must keep the
 * reader's promises; a broken one aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sources/openalex/json_shim.h"
#include "talentflow/error.h"
#include "talentflow/obs.h"
#include "talentflow/source.h"

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A work's raw fields must point inside what the shim owns. */
static void check_work(const struct tf_json_work *w, size_t doc_len)
{
    if (w->offset >= doc_len)
        abort();
    for (size_t i = 0; i < w->n_authorships; i++) {
        const struct tf_json_authorship *a = &w->authorships[i];
        if (a->inst + a->n_inst > w->n_institutions || a->country + a->n_countries > w->n_countries)
            abort();
        if (a->author_id.kind == TF_JSON_STRING && a->author_id.len && !a->author_id.s)
            abort();
    }
}

static void parse_direct(const uint8_t *data, size_t size)
{
    struct tf_json *j = NULL;
    const struct tf_json_work *w = NULL;
    char *buf = malloc(size + TF_JSON_PADDING);
    if (!buf || tf_json_new(&j) < 0)
        abort();
    if (size)
        memcpy(buf, data, size);
    memset(buf + size, 0xa5, TF_JSON_PADDING); /* padding need not be zero */
    int rc = tf_json_open_doc(j, buf, size);
    while (rc == 0 || rc == TF_JSON_WORK || rc == TF_JSON_NOT_A_WORK) {
        rc = tf_json_next_work(j, &w);
        if (rc == TF_JSON_WORK)
            check_work(w, size);
        if (rc == TF_JSON_END)
            break;
        if (tf_json_offset(j) > size)
            abort();
    }
    if (rc == TF_JSON_INTERNAL)
        abort();
    tf_json_free(j);
    free(buf);
}

static void check_record(const struct tf_record *rec)
{
    uint64_t sum = 0;
    if (rec->line == 0 || rec->names != NULL)
        abort();
    if (rec->info.year && (rec->info.year < TF_YEAR_MIN || rec->info.year > TF_YEAR_MAX))
        abort();
    if (!rec->info.year && rec->n_obs)
        abort();
    for (size_t i = 0; i < rec->n_obs; i++) {
        const struct tf_obs *o = &rec->obs[i];
        if (o->year != rec->info.year || o->work != rec->info.work || o->weight == 0)
            abort();
        if (!tf_country_valid(o->country) || o->kind != TF_KIND_PUBLICATION || o->degree)
            abort();
        sum += o->weight;
    }
    /* Every authorship's observations share exactly one unit. */
    if (sum % TF_WEIGHT_UNIT != 0)
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
    if (tf_source_open(&src, fuzz_input_path, TF_FORMAT_OPENALEX, opts, &skips, &err) < 0)
        abort();
    while ((rc = tf_source_next(src, &rec, &err)) > 0)
        check_record(&rec);
    if (rc < 0 && rc != TF_ERR_DATA && rc != TF_ERR_NOMEM)
        abort();
    if (rc == TF_ERR_DATA && (!opts->strict || err.line == 0))
        abort();
    if (rc == TF_ERR_DATA && opts->strict &&
        tf_skips_total(&skips) != skips.n[TF_SKIP_NO_AUTHOR_ID] + skips.n[TF_SKIP_NO_COUNTRY])
        abort(); /* strict mode fails at the first bad record instead of counting it */
    tf_source_free(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct tf_source_opts lax = {0}, strict = {.strict = 1}, tiny = {.max_line = 96};
    parse_direct(data, size);
    fuzz_input_write("fuzz_openalex", data, size);
    read_file(&lax);
    read_file(&strict);
    read_file(&tiny);
    return 0;
}
