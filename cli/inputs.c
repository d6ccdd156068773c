/* inputs.c - reading the input files of run and extract, with progress. */
#include "inputs.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

void tf_cli_inputs_init(struct tf_cli_inputs *in)
{
    memset(in, 0, sizeof(*in));
    tf_paths_init(&in->openalex);
    tf_paths_init(&in->csv);
    tf_paths_init(&in->all);
    tf_skips_init(&in->skips);
}

void tf_cli_inputs_release(struct tf_cli_inputs *in)
{
    tf_paths_release(&in->openalex);
    tf_paths_release(&in->csv);
    tf_paths_release(&in->all);
}

int tf_cli_inputs_add(struct tf_cli_inputs *in, const char *cmd, enum tf_format format,
                      const char *path)
{
    struct tf_error err;
    tf_error_init(&err);
    struct tf_paths *list = format == TF_FORMAT_CSV ? &in->csv : &in->openalex;
    int rc = tf_paths_expand(list, path, &err);
    if (rc == 0)
        rc = tf_paths_expand(&in->all, path, &err);
    if (rc < 0) {
        fprintf(stderr, "talentflow %s: %s\n", cmd, err.msg);
        return tf_cli_exit_for(rc);
    }
    return TF_EXIT_OK;
}

const char *tf_cli_inputs_format(const struct tf_cli_inputs *in)
{
    if (in->openalex.n && in->csv.n)
        return "mixed";
    return in->csv.n ? "csv" : "openalex";
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

struct progress {
    int on;
    double start, last;
    uint64_t total; /* bytes of all inputs, 0 when unknown */
};

static void progress_show(struct progress *p, const struct tf_cli_inputs *in, uint64_t bytes,
                          int final)
{
    double t = now_seconds();
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
    struct progress pg = {.on = !in->quiet && isatty(2), .start = now_seconds()};
    for (size_t i = 0; i < in->all.n; i++)
        pg.total += in->all.size[i];
    const struct tf_paths *lists[2] = {&in->openalex, &in->csv};
    const enum tf_format formats[2] = {TF_FORMAT_OPENALEX, TF_FORMAT_CSV};
    for (int l = 0; l < 2; l++) {
        for (size_t i = 0; i < lists[l]->n; i++) {
            int rc = read_file(in, cmd, formats[l], lists[l]->v[i], fn, ctx, &pg);
            if (rc != TF_EXIT_OK)
                return rc;
        }
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
