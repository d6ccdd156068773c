/* inputs.c - the input options of run and extract, and what reading prints. */
#include "inputs.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int tf_cli_inputs_init(struct tf_cli_inputs *in, const char *cmd)
{
    struct tf_error err;
    in->strict = 0;
    in->link_orcid = 0;
    in->quiet = 0;
    in->shard = 0;
    in->shards = 0;
    if (tf_ingest_new(&in->ingest, &err) < 0) {
        fprintf(stderr, "talentflow %s: %s\n", cmd, err.msg);
        return TF_EXIT_DATA;
    }
    return TF_EXIT_OK;
}

void tf_cli_inputs_release(struct tf_cli_inputs *in)
{
    tf_ingest_free(in->ingest);
    in->ingest = NULL;
}

int tf_cli_inputs_add(struct tf_cli_inputs *in, const char *cmd, enum tf_format format,
                      const char *path)
{
    struct tf_error err;
    tf_error_init(&err);
    int rc = tf_ingest_add(in->ingest, format, path, &err);
    if (rc < 0)
        fprintf(stderr, "talentflow %s: %s\n", cmd, err.msg);
    return rc < 0 ? tf_cli_exit_for(rc) : TF_EXIT_OK;
}

int tf_cli_inputs_add_merged(struct tf_cli_inputs *in, const char *cmd, const char *path)
{
    struct tf_error err;
    tf_error_init(&err);
    int rc = tf_ingest_add_merged(in->ingest, path, &err);
    if (rc < 0)
        fprintf(stderr, "talentflow %s: %s\n", cmd, err.msg);
    return rc < 0 ? tf_cli_exit_for(rc) : TF_EXIT_OK;
}

void tf_cli_inputs_options(struct option *opts, size_t *n)
{
    size_t nf = 0;
    const struct tf_format_info *f = tf_formats(&nf);
    for (size_t i = 0; i < nf; i++)
        opts[(*n)++] =
            (struct option){f[i].name, required_argument, NULL, TF_CLI_OPT_INPUT + (int)i};
    opts[(*n)++] =
        (struct option){"merged-ids", required_argument, NULL, TF_CLI_OPT_INPUT + (int)nf};
    opts[(*n)++] = (struct option){"strict", no_argument, NULL, TF_CLI_OPT_INPUT + (int)nf + 1};
    opts[(*n)++] = (struct option){"link", required_argument, NULL, TF_CLI_OPT_INPUT + (int)nf + 2};
}

int tf_cli_inputs_option(struct tf_cli_inputs *in, const char *cmd, int c, const char *arg)
{
    size_t nf = 0;
    const struct tf_format_info *f = tf_formats(&nf);
    if (c < TF_CLI_OPT_INPUT || c > TF_CLI_OPT_INPUT + (int)nf + 2)
        return -1;
    size_t i = (size_t)(c - TF_CLI_OPT_INPUT);
    if (i < nf)
        return tf_cli_inputs_add(in, cmd, f[i].format, arg);
    if (i == nf)
        return tf_cli_inputs_add_merged(in, cmd, arg);
    if (i == nf + 2) {
        if (strcmp(arg, "orcid") != 0)
            return tf_cli_usage_error(cmd, "--link %s: the only link is 'orcid'", arg);
        in->link_orcid = 1;
        return TF_EXIT_OK;
    }
    in->strict = 1;
    return TF_EXIT_OK;
}

void tf_cli_inputs_usage(FILE *f)
{
    size_t nf = 0;
    const struct tf_format_info *fmt = tf_formats(&nf);
    fputs("inputs (repeatable; a folder is read recursively; '-' is standard input):\n", f);
    for (size_t i = 0; i < nf; i++) {
        int w = fprintf(f, "  --%s PATH", fmt[i].name);
        if (w >= 22) /* a long name puts its help on a line of its own */
            w = fprintf(f, "\n") - 1;
        fprintf(f, "%*s%s\n", 22 - w, "", fmt[i].help);
    }
    fputs("  --merged-ids PATH   OpenAlex merged_ids files or folder\n"
          "                      (merge_date,id,merge_into_id); a snapshot root brings its own\n"
          "  --strict            stop at the first bad input record (exit 1)\n"
          "  --link orcid        an OpenAlex author with an ORCID iD is the person of that\n"
          "                      iD, one with their ORCID record (docs/orcid.md)\n",
          f);
    fputs("bad records are skipped and counted by reason (summary.json, the store):\n", f);
    for (size_t i = 0; i < nf; i++) {
        int col = fprintf(f, "  %-10s", fmt[i].name);
        if (col > 12) /* a long name puts its reasons on the next line */
            col = fprintf(f, "\n%12s", "") - 1;
        for (const enum tf_skip *r = fmt[i].skips; *r != TF_SKIP_COUNT; r++) {
            const char *name = tf_skip_name(*r);
            if (r != fmt[i].skips && col + (int)strlen(name) + 2 > 78)
                col = fprintf(f, ",\n%12s", "") - 2;
            else if (r != fmt[i].skips)
                col += fprintf(f, ", ");
            col += fprintf(f, "%s", name);
        }
        fputc('\n', f);
    }
}

void tf_cli_inputs_synopsis(FILE *f)
{
    size_t nf = 0;
    const struct tf_format_info *fmt = tf_formats(&nf);
    fputc('(', f);
    for (size_t i = 0; i < nf; i++)
        fprintf(f, "%s--%s PATH", i ? " | " : "", fmt[i].name);
    fputs(")...", f);
}

size_t tf_cli_inputs_count(const struct tf_cli_inputs *in)
{
    return tf_ingest_paths(in->ingest)->n;
}

unsigned tf_cli_reader_lanes(struct tf_cli_inputs *in, unsigned threads)
{
    size_t n = threads ? threads : tf_cpu_count();
    in->threads = n < TF_INGEST_MAX_LANES ? (unsigned)n : TF_INGEST_MAX_LANES;
    n = n < tf_cli_inputs_count(in) ? n : tf_cli_inputs_count(in);
    n = n < TF_INGEST_MAX_LANES ? n : TF_INGEST_MAX_LANES;
    return n ? (unsigned)n : 1;
}

struct progress {
    double start, last;
    uint64_t total; /* bytes of all inputs, 0 when unknown */
};

static void progress_show(struct progress *p, uint64_t records, uint64_t bytes, int final)
{
    double t = tf_cli_now();
    if (!final && t - p->last < 0.5)
        return;
    p->last = t;
    double el = t - p->start > 1e-9 ? t - p->start : 1e-9;
    fprintf(stderr, "\r%8.1f MB", (double)bytes / 1e6);
    if (p->total)
        fprintf(stderr, " of %.1f MB", (double)p->total / 1e6);
    fprintf(stderr, "  %10.0f records/s  %6.1f MB/s", (double)records / el,
            (double)bytes / 1e6 / el);
    if (p->total && bytes && !final) {
        double eta =
            el * (double)(p->total - (bytes < p->total ? bytes : p->total)) / (double)bytes;
        fprintf(stderr, "  ETA %d:%02d", (int)(eta / 60), (int)eta % 60);
    }
    fputs(final ? "\n" : "   ", stderr);
}

static void on_progress(void *ctx, uint64_t records, uint64_t bytes)
{
    progress_show(ctx, records, bytes, 0);
}

static void print_notes(const struct tf_cli_inputs *in, const char *cmd)
{
    const struct tf_ingest *ing = in->ingest;
    for (size_t i = 0; i < tf_ingest_n_notes(ing); i++)
        fprintf(stderr, "talentflow %s: %s\n", cmd, tf_ingest_note(ing, i));
}

int tf_cli_inputs_read(struct tf_cli_inputs *in, const char *cmd, unsigned lanes,
                       tf_ingest_record_fn *fn, void *ctx)
{
    struct tf_error err;
    struct progress pg = {.start = tf_cli_now(), .total = tf_ingest_total_bytes(in->ingest)};
    int shown = !in->quiet && isatty(2);
    struct tf_ingest_opts opts = {.lanes = lanes,
                                  .threads = in->threads,
                                  .strict = in->strict,
                                  .link_orcid = in->link_orcid,
                                  .shard = in->shard,
                                  .shards = in->shards};
    if (shown) {
        opts.progress = on_progress;
        opts.progress_ctx = &pg;
    }
    tf_error_init(&err);
    if (!in->quiet)
        print_notes(in, cmd);
    int rc = tf_ingest_run(in->ingest, &opts, fn, ctx, &err);
    if (rc < 0) {
        if (shown)
            fputc('\n', stderr);
        fprintf(stderr, "talentflow %s: %s\n", cmd, err.msg[0] ? err.msg : tf_strerror(rc));
        return tf_cli_exit_for(rc);
    }
    const struct tf_merged *m = tf_ingest_merged(in->ingest);
    if (m && !in->quiet)
        fprintf(stderr, "talentflow %s: merged ids: %llu authors, %llu works\n", cmd,
                (unsigned long long)tf_merged_authors(m), (unsigned long long)tf_merged_works(m));
    if (shown)
        progress_show(&pg, tf_ingest_records(in->ingest), tf_ingest_bytes(in->ingest), 1);
    return TF_EXIT_OK;
}

void tf_cli_inputs_report_skips(const struct tf_cli_inputs *in, const char *cmd)
{
    tf_cli_report_skips(tf_ingest_skips(in->ingest), cmd);
}

void tf_cli_report_skips(const struct tf_skips *s, const char *cmd)
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
