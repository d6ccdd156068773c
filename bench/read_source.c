/*
 * read_source.c - reads one input through the public reader API and nothing
 * else: records and observations counted, no tables, no output. What the
 * ORCID bench (bench/orcid.sh) times as the reader's own throughput.
 *
 *   read_source FORMAT PATH      FORMAT: openalex, csv, orcid or openalex-authors
 */
#include <stdio.h>
#include <string.h>

#include "talentflow/source.h"

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        enum tf_format format;
    } formats[] = {{"openalex", TF_FORMAT_OPENALEX},
                   {"csv", TF_FORMAT_CSV},
                   {"orcid", TF_FORMAT_ORCID},
                   {"openalex-authors", TF_FORMAT_OPENALEX_AUTHORS}};
    if (argc != 3) {
        fprintf(stderr, "usage: read_source FORMAT PATH\n");
        return 2;
    }
    size_t f = 0;
    while (f < sizeof(formats) / sizeof(formats[0]) && strcmp(formats[f].name, argv[1]) != 0)
        f++;
    if (f == sizeof(formats) / sizeof(formats[0])) {
        fprintf(stderr, "read_source: unknown format '%s'\n", argv[1]);
        return 2;
    }
    struct tf_source *src = NULL;
    struct tf_skips skips;
    struct tf_error err;
    struct tf_record rec;
    tf_skips_init(&skips);
    tf_error_init(&err);
    int rc = tf_source_open(&src, argv[2], formats[f].format, NULL, &skips, &err);
    unsigned long long records = 0, obs = 0;
    while (rc == 0 && (rc = tf_source_next(src, &rec, &err)) == 1) {
        records++;
        obs += rec.n_obs;
        rc = 0;
    }
    if (rc < 0) {
        fprintf(stderr, "read_source: %s\n", err.msg);
        tf_source_free(src);
        return 1;
    }
    printf("%llu records, %llu observations\n", records, obs);
    tf_source_free(src);
    return 0;
}
