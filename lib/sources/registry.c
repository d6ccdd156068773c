/*
 * registry.c - the input formats: one line each, with the reader that opens
 * them. Everything that lists formats (command options, folder walks,
 * tf_source_open) reads this table.
 */
#include <string.h>

#include "sources/reader.h"

static const char *const openalex_ext[] = {".jsonl", ".json", ".gz", NULL};
static const char *const csv_ext[] = {".csv", ".csv.gz", NULL};
/* Not ".json.gz": a longer extension would take saved OpenAlex pages from --openalex folders. */
static const char *const orcid_ext[] = {".xml",    ".xml.gz", ".json", ".tar",
                                        ".tar.gz", ".tgz",    NULL};

/* Reasons shared by every line-based reader: the bytes themselves are bad. */
#define BYTE_SKIPS TF_SKIP_TRUNCATED_GZIP, TF_SKIP_INVALID_UTF8, TF_SKIP_LINE_TOO_LONG

static const enum tf_skip openalex_skips[] = {
    TF_SKIP_MALFORMED_JSON, TF_SKIP_NOT_A_WORK, TF_SKIP_BAD_YEAR,
    TF_SKIP_NO_AUTHOR_ID,   TF_SKIP_NO_COUNTRY, TF_SKIP_BAD_COUNTRY,
    TF_SKIP_MERGED_WORK,    BYTE_SKIPS,         TF_SKIP_COUNT};
static const enum tf_skip csv_skips[] = {TF_SKIP_BAD_CSV_ROW, TF_SKIP_BAD_PERSON, TF_SKIP_BAD_YEAR,
                                         TF_SKIP_BAD_COUNTRY, TF_SKIP_BAD_WEIGHT, TF_SKIP_BAD_KIND,
                                         BYTE_SKIPS,          TF_SKIP_COUNT};
static const enum tf_skip orcid_skips[] = {
    TF_SKIP_MALFORMED_XML,  TF_SKIP_MALFORMED_JSON, TF_SKIP_ORCID_ERROR_BODY,
    TF_SKIP_NOT_A_RECORD,   TF_SKIP_BAD_PERSON,     TF_SKIP_NO_AFFILIATIONS,
    TF_SKIP_NO_START_YEAR,  TF_SKIP_BAD_YEAR,       TF_SKIP_NO_COUNTRY,
    TF_SKIP_BAD_COUNTRY,    TF_SKIP_LINE_TOO_LONG,  TF_SKIP_BAD_ARCHIVE,
    TF_SKIP_TRUNCATED_GZIP, TF_SKIP_COUNT};
static const enum tf_skip authors_skips[] = {
    TF_SKIP_MALFORMED_JSON, TF_SKIP_NOT_AN_AUTHOR, TF_SKIP_NO_AUTHOR_ID, TF_SKIP_NO_AFFILIATIONS,
    TF_SKIP_BAD_YEAR,       TF_SKIP_NO_COUNTRY,    TF_SKIP_BAD_COUNTRY,  TF_SKIP_TRUNCATED_GZIP,
    TF_SKIP_LINE_TOO_LONG,  TF_SKIP_COUNT};

static const struct tf_format_info formats[] = {
    {TF_FORMAT_OPENALEX, "openalex",
     "OpenAlex works: snapshot root or folder, .jsonl[.gz], API pages", openalex_ext,
     openalex_skips},
    {TF_FORMAT_CSV, "csv", "observations: person,year,country[,weight][,kind][,org][,work]",
     csv_ext, csv_skips},
    {TF_FORMAT_ORCID, "orcid", "ORCID records: .xml, .json, folders, .tar[.gz] (public data file)",
     orcid_ext, orcid_skips},
    {TF_FORMAT_OPENALEX_AUTHORS, "openalex-authors",
     "OpenAlex author records: ROOT/data/authors, .jsonl[.gz], API pages", openalex_ext,
     authors_skips},
};

/* The reader of each format, in the order of `formats`. */
static tf_reader_open_fn *const openers[] = {tf_openalex_open, tf_csv_open, tf_orcid_open,
                                             tf_openalex_authors_open};

#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))
_Static_assert(sizeof(openers) / sizeof(openers[0]) == N_FORMATS, "one reader per format");

const struct tf_format_info *tf_formats(size_t *n)
{
    *n = N_FORMATS;
    return formats;
}

static size_t index_of(enum tf_format format)
{
    size_t i = 0;
    while (i < N_FORMATS && formats[i].format != format)
        i++;
    return i;
}

const struct tf_format_info *tf_format_info(enum tf_format format)
{
    size_t i = index_of(format);
    return i < N_FORMATS ? &formats[i] : NULL;
}

tf_reader_open_fn *tf_format_opener(enum tf_format format)
{
    size_t i = index_of(format);
    return i < N_FORMATS ? openers[i] : NULL;
}

/* Length of the longest extension of `info` that `name` ends with; 0 when none. */
static size_t matched(const struct tf_format_info *info, const char *name)
{
    size_t n = strlen(name), best = 0;
    for (const char *const *x = info->extensions; *x; x++) {
        size_t k = strlen(*x);
        if (k <= n && k > best && memcmp(name + n - k, *x, k) == 0)
            best = k;
    }
    return best;
}

int tf_format_wants(enum tf_format format, const char *name)
{
    const struct tf_format_info *info = tf_format_info(format);
    size_t mine = info ? matched(info, name) : 0;
    for (size_t i = 0; mine && i < N_FORMATS; i++)
        if (formats[i].format != format && matched(&formats[i], name) > mine)
            return 0;
    return mine > 0;
}

int tf_format_skips(enum tf_format format, enum tf_skip reason)
{
    const struct tf_format_info *info = tf_format_info(format);
    for (const enum tf_skip *r = info ? info->skips : NULL; r && *r != TF_SKIP_COUNT; r++)
        if (*r == reason)
            return 1;
    return 0;
}
