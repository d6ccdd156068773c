/* inputs.c - reading the input files of run and extract, with progress. */
#include "inputs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

void tf_cli_inputs_init(struct tf_cli_inputs *in)
{
    memset(in, 0, sizeof(*in));
    tf_paths_init(&in->paths);
    tf_skips_init(&in->skips);
}

void tf_cli_inputs_release(struct tf_cli_inputs *in)
{
    tf_paths_release(&in->paths);
    free(in->formats);
    in->formats = NULL;
    in->cap_formats = 0;
}

int tf_cli_inputs_add(struct tf_cli_inputs *in, const char *cmd, enum tf_format format,
                      const char *path)
{
    struct tf_error err;
    tf_error_init(&err);
    size_t first = in->paths.n;
    int rc = tf_paths_expand(&in->paths, path, &err);
    if (rc < 0) {
        fprintf(stderr, "talentflow %s: %s\n", cmd, err.msg);
        return tf_cli_exit_for(rc);
    }
    if (in->paths.n > in->cap_formats) {
        size_t cap = in->paths.n * 2;
        enum tf_format *f = realloc(in->formats, cap * sizeof(*f));
        if (!f) {
            fprintf(stderr, "talentflow %s: out of memory\n", cmd);
            return TF_EXIT_DATA;
        }
        in->formats = f;
        in->cap_formats = cap;
    }
    for (size_t i = first; i < in->paths.n; i++)
        in->formats[i] = format;
    return TF_EXIT_OK;
}

const char *tf_cli_inputs_format(const struct tf_cli_inputs *in)
{
    int csv = 0, openalex = 0;
    for (size_t i = 0; i < in->paths.n; i++) {
        csv |= in->formats[i] == TF_FORMAT_CSV;
        openalex |= in->formats[i] == TF_FORMAT_OPENALEX;
    }
    return csv && openalex ? "mixed" : csv ? "csv" : "openalex";
}

struct progress {
    int on;
    double start, last;
    uint64_t total; /* bytes of all inputs, 0 when unknown */
};

static void progress_show(struct progress *p, const struct tf_cli_inputs *in, uint64_t bytes,
                          int final)
{
    double t = tf_cli_now();
    if (!p->on || (!final && t - p->last < 0.5))
        return;
    p->last = t;
    double el = t - p->start > 1e-9 ? t - p->start : 1e-9;
    fprintf(stderr, "\r%8.1f MB", (double)bytes / 1e6);
    if (p->total)
        fprintf(stderr, " of %.1f MB", (double)p->total / 1e6);
    fprintf(stderr, "  %10.0f records/s  %6.1f MB/s", (double)in->records / el,
            (double)bytes / 1e6 / el);
    if (p->total && bytes && !final) {
        double eta =
            el * (double)(p->total - (bytes < p->total ? bytes : p->total)) / (double)bytes;
        fprintf(stderr, "  ETA %d:%02d", (int)(eta / 60), (int)eta % 60);
    }
    fputs(final ? "\n" : "   ", stderr);
}

/* Reads one file; returns an exit status. */
static int read_file(struct tf_cli_inputs *in, const char *cmd, enum tf_format format,
                     const char *path, tf_cli_record_fn *fn, void *ctx, struct progress *pg)
{
    struct tf_source_opts opts = {.strict = in->strict};
    struct tf_source *src = NULL;
    struct tf_record rec;
    struct tf_error err;
    tf_error_init(&err);
    int rc = tf_source_open(&src, path, format, &opts, &in->skips, &err);
    while (rc == 0) {
        int got = tf_source_next(src, &rec, &err);
        if (got <= 0) {
            rc = got;
            break;
        }
        in->records++;
        rc = fn(ctx, &rec, &err);
        if ((in->records & 0x3FF) == 0)
            progress_show(pg, in, in->bytes + tf_source_bytes(src), 0);
    }
    if (src)
        in->bytes += tf_source_bytes(src);
    tf_source_free(src);
    if (rc < 0) {
        if (pg->on)
            fputc('\n', stderr);
        fprintf(stderr, "talentflow %s: %s\n", cmd, err.msg[0] ? err.msg : tf_strerror(rc));
        return tf_cli_exit_for(rc);
    }
    return TF_EXIT_OK;
}

int tf_cli_inputs_read(struct tf_cli_inputs *in, const char *cmd, tf_cli_record_fn *fn, void *ctx)
{
    struct progress pg = {.on = !in->quiet && isatty(2), .start = tf_cli_now()};
    for (size_t i = 0; i < in->paths.n; i++)
        pg.total += in->paths.size[i];
    for (size_t i = 0; i < in->paths.n; i++) {
        int rc = read_file(in, cmd, in->formats[i], in->paths.v[i], fn, ctx, &pg);
        if (rc != TF_EXIT_OK)
            return rc;
    }
    progress_show(&pg, in, in->bytes, 1);
    return TF_EXIT_OK;
}

void tf_cli_inputs_report_skips(const struct tf_skips *s, const char *cmd)
{
    for (int r = 0; r < TF_SKIP_COUNT; r++) {
        if (!s->n[r] || !tf_skip_is_error(r))
            continue;
        fprintf(stderr, "talentflow %s: skipped %llu input(s): %s\n", cmd,
                (unsigned long long)s->n[r], tf_skip_name(r));
        for (uint64_t i = 0; i < s->n[r] && i < TF_SKIP_EXAMPLES; i++)
            fprintf(stderr, "  %s\n", s->first[r][i].msg);
    }
}
