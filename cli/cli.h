/*
 * cli.h - the talentflow command's subcommands and the helpers they share.
 *
 * Each subcommand is `int tf_cli_NAME(int argc, char **argv)` with argv[0]
 * the subcommand name; it returns the process exit status:
 * 0 ok, 1 data error, 2 usage error.
 */
#ifndef TF_CLI_H
#define TF_CLI_H

#include "talentflow/talentflow.h"

enum { TF_EXIT_OK = 0, TF_EXIT_DATA = 1, TF_EXIT_USAGE = 2 };

int tf_cli_run(int argc, char **argv);
int tf_cli_extract(int argc, char **argv);
int tf_cli_synth(int argc, char **argv);
int tf_cli_flows(int argc, char **argv);
int tf_cli_rates(int argc, char **argv);
int tf_cli_where(int argc, char **argv);
int tf_cli_top(int argc, char **argv);
int tf_cli_pipeline(int argc, char **argv);
int tf_cli_report(int argc, char **argv);
int tf_cli_fit(int argc, char **argv);
int tf_cli_project(int argc, char **argv);

/* Prints "talentflow NAME: message" on stderr; returns TF_EXIT_USAGE. */
int tf_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Maps a library status to an exit status (usage errors 2, the rest 1). */
int tf_cli_exit_for(int status);

/* Prints the short human summary of a run (people, top corridors, net gainers and losers). */
void tf_cli_print_summary(const struct tf_results *r, const char *out);

/*
 * Writes a command's outputs all together or not at all: removes what dead
 * processes left in `out` (talentflow/interrupt.h, said on stderr unless
 * `quiet`), calls write(ctx, staging folder, err) to write every output into
 * a staging folder inside `out`, and moves them into place
 * (talentflow/stage.h). On failure prints "talentflow CMD: message" and,
 * when nothing was moved, "talentflow CMD: no output was replaced in OUT".
 * Returns 0 or the library status.
 */
int tf_cli_write_staged(const char *cmd, const char *out, int quiet,
                        int (*write)(void *ctx, const char *dir, struct tf_error *err), void *ctx,
                        struct tf_error *err);
/* Parses a whole decimal integer in [lo, hi]. Returns 0 or -1. */
int tf_cli_parse_long(const char *s, long lo, long hi, long *out);

/*
 * Parses a year window "A-B", "A-" (from A), "-B" (to B) or "A" (A only) into
 * *from and *to, 0 for an open end. Returns 0, or -1 when malformed, out of
 * range or reversed.
 */
int tf_cli_parse_years(const char *s, int *from, int *to);

/* Parses a size such as "512M", "2G", "1048576". Returns 0 or -1. */
int tf_cli_parse_size(const char *s, size_t *out);

/* Seconds on the monotonic clock, for progress and timings. */
double tf_cli_now(void);

/* --lang: checks `arg` is a report language (en, zh-Hans, zh-Hant) and sets *lang. */
int tf_cli_parse_lang(const char *cmd, const char *arg, const char **lang);

/* Says once on stderr when the country names of `lang` cannot be read (English ones are used). */
void tf_cli_warn_names(const char *cmd, const char *lang);

#endif
