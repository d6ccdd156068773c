/* error.c - status strings, error reports and skip counters. */
#include "talentflow/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *tf_strerror(int status)
{
    switch (status) {
    case TF_OK:
        return "success";
    case TF_ERR_NOMEM:
        return "out of memory";
    case TF_ERR_IO:
        return "input/output error";
    case TF_ERR_FORMAT:
        return "bad input format";
    case TF_ERR_USAGE:
        return "invalid argument";
    case TF_ERR_DATA:
        return "bad input record";
    case TF_ERR_INTERNAL:
        return "internal error";
    default:
        return "unknown error";
    }
}

void tf_error_init(struct tf_error *err)
{
    if (err)
        memset(err, 0, sizeof(*err));
}

int tf_error_set(struct tf_error *err, int code, const char *file, uint64_t line, const char *fmt,
                 ...)
{
    if (!err)
        return code;
    char body[sizeof(err->msg)];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof(body), fmt, ap);
    va_end(ap);
    err->code = code;
    err->line = line;
    err->offset = 0;
    snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
    if (file && line)
        snprintf(err->msg, sizeof(err->msg), "%.200s:%llu: %.280s", file, (unsigned long long)line,
                 body);
    else if (file)
        snprintf(err->msg, sizeof(err->msg), "%.200s: %.280s", file, body);
    else
        snprintf(err->msg, sizeof(err->msg), "%s", body);
    return code;
}

static const char *const skip_names[TF_SKIP_COUNT] = {
    [TF_SKIP_MALFORMED_JSON] = "malformed_json",
    [TF_SKIP_NOT_A_WORK] = "not_a_work",
    [TF_SKIP_TRUNCATED_GZIP] = "truncated_gzip",
    [TF_SKIP_BAD_YEAR] = "bad_year",
    [TF_SKIP_NO_AUTHOR_ID] = "no_author_id",
    [TF_SKIP_NO_COUNTRY] = "no_country",
    [TF_SKIP_BAD_COUNTRY] = "bad_country",
    [TF_SKIP_BAD_CSV_ROW] = "bad_csv_row",
    [TF_SKIP_BAD_PERSON] = "bad_person",
    [TF_SKIP_BAD_WEIGHT] = "bad_weight",
    [TF_SKIP_BAD_KIND] = "bad_kind",
    [TF_SKIP_INVALID_UTF8] = "invalid_utf8",
    [TF_SKIP_LINE_TOO_LONG] = "line_too_long",
    [TF_SKIP_DUPLICATE] = "duplicate",
    [TF_SKIP_OUT_OF_WINDOW] = "out_of_window",
    [TF_SKIP_FEW_WORKS] = "few_works",
    [TF_SKIP_FEW_YEARS] = "few_years",
    [TF_SKIP_SUPERSEDED] = "superseded",
    [TF_SKIP_MERGED_WORK] = "merged_work",
    [TF_SKIP_MALFORMED_XML] = "malformed_xml",
    [TF_SKIP_ORCID_ERROR_BODY] = "orcid_error_body",
    [TF_SKIP_NOT_A_RECORD] = "not_an_orcid_record",
    [TF_SKIP_NO_AFFILIATIONS] = "no_affiliations",
    [TF_SKIP_NO_START_YEAR] = "no_start_year",
    [TF_SKIP_BAD_ARCHIVE] = "bad_archive",
    [TF_SKIP_NOT_AN_AUTHOR] = "not_an_author",
};

const char *tf_skip_name(int reason)
{
    if (reason < 0 || reason >= TF_SKIP_COUNT)
        return "unknown";
    return skip_names[reason];
}

int tf_skip_is_error(int reason)
{
    switch (reason) {
    case TF_SKIP_NO_AUTHOR_ID:
    case TF_SKIP_NO_COUNTRY:
    case TF_SKIP_DUPLICATE:
    case TF_SKIP_OUT_OF_WINDOW:
    case TF_SKIP_FEW_WORKS:
    case TF_SKIP_FEW_YEARS:
    case TF_SKIP_SUPERSEDED:
    case TF_SKIP_MERGED_WORK:
    case TF_SKIP_NO_AFFILIATIONS: /* most ORCID records list none, many OpenAlex authors */
    case TF_SKIP_NO_START_YEAR:   /* undated affiliations are allowed by the schema */
        return 0;
    default:
        return reason >= 0 && reason < TF_SKIP_COUNT;
    }
}

void tf_skips_init(struct tf_skips *s)
{
    memset(s, 0, sizeof(*s));
}

void tf_skips_add(struct tf_skips *s, int reason, const char *file, uint64_t line,
                  const char *detail)
{
    if (!s || reason < 0 || reason >= TF_SKIP_COUNT)
        return;
    uint64_t i = s->n[reason]++;
    if (i < TF_SKIP_EXAMPLES)
        tf_error_set(&s->first[reason][i], TF_ERR_DATA, file, line, "%s%s%s", tf_skip_name(reason),
                     detail ? ": " : "", detail ? detail : "");
}

void tf_skips_merge(struct tf_skips *dst, const struct tf_skips *src)
{
    for (int r = 0; r < TF_SKIP_COUNT; r++) {
        uint64_t have = dst->n[r];
        for (uint64_t i = 0; i < src->n[r] && i < TF_SKIP_EXAMPLES; i++)
            if (have + i < TF_SKIP_EXAMPLES)
                dst->first[r][have + i] = src->first[r][i];
        dst->n[r] += src->n[r];
    }
}

uint64_t tf_skips_total(const struct tf_skips *s)
{
    uint64_t t = 0;
    for (int r = 0; r < TF_SKIP_COUNT; r++)
        t += s->n[r];
    return t;
}
