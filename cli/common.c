/* common.c - helpers shared by the subcommands. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

int tf_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "talentflow %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'talentflow %s --help')\n", cmd);
    return TF_EXIT_USAGE;
}

int tf_cli_exit_for(int status)
{
    if (status == TF_OK)
        return TF_EXIT_OK;
    return status == TF_ERR_USAGE ? TF_EXIT_USAGE : TF_EXIT_DATA;
}

int tf_cli_write_staged(const char *cmd, const char *out, int quiet,
                        int (*write)(void *ctx, const char *dir, struct tf_error *err), void *ctx,
                        struct tf_error *err)
{
    struct tf_stage st;
    tf_remove_stale(NULL, out, quiet ? NULL : stderr);
    int rc = tf_stage_open(&st, out, err);
    int moving = 0;
    if (rc == 0)
        rc = write(ctx, st.path, err);
    if (rc == 0) {
        moving = 1;
        rc = tf_stage_commit(&st, err);
    } else {
        tf_stage_abort(&st);
    }
    if (rc < 0) {
        fprintf(stderr, "talentflow %s: %s\n", cmd, err->msg);
        if (!moving)
            fprintf(stderr, "talentflow %s: no output was replaced in %s\n", cmd, out);
    }
    return rc;
}

int tf_cli_parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int tf_cli_parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-')
        return -1;
    unsigned shift = 0;
    switch (*end) {
    case 'k':
    case 'K':
        shift = 10;
        end++;
        break;
    case 'm':
    case 'M':
        shift = 20;
        end++;
        break;
    case 'g':
    case 'G':
        shift = 30;
        end++;
        break;
    case 't':
    case 'T':
        shift = 40;
        end++;
        break;
    default:
        break;
    }
    if (*end == 'B' || *end == 'b')
        end++;
    if (*end || v > (SIZE_MAX >> shift))
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}

int tf_cli_parse_lang(const char *cmd, const char *arg, const char **lang)
{
    if (!tf_report_lang_valid(arg))
        return tf_cli_usage_error(cmd, "--lang wants en, zh-Hans or zh-Hant, got '%s'", arg);
    *lang = arg;
    return TF_EXIT_OK;
}

void tf_cli_warn_names(const char *cmd, const char *lang)
{
    char path[4200];
    if (tf_report_names_missing(lang, NULL, path, sizeof(path)))
        fprintf(stderr,
                "talentflow %s: cannot read %s (Debian package iso-codes); country names stay "
                "in English\n",
                cmd, path);
}

double tf_cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int tf_cli_parse_years(const char *s, int *from, int *to)
{
    char a[16] = "", b[16] = "";
    const char *dash = strchr(s, '-');
    size_t la = dash ? (size_t)(dash - s) : strlen(s);
    long v;
    if (la >= sizeof(a) || (dash && strlen(dash + 1) >= sizeof(b)))
        return -1;
    memcpy(a, s, la);
    snprintf(b, sizeof(b), "%s", dash ? dash + 1 : a);
    if (!*a && !*b)
        return -1;
    if (*a && tf_cli_parse_long(a, TF_YEAR_MIN, TF_YEAR_MAX, &v) < 0)
        return -1;
    *from = *a ? (int)v : 0;
    if (*b && tf_cli_parse_long(b, TF_YEAR_MIN, TF_YEAR_MAX, &v) < 0)
        return -1;
    *to = *b ? (int)v : 0;
    return *to && *from > *to ? -1 : 0;
}
