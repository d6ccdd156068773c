/* main.c - the talentflow command: dispatch to subcommands. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: talentflow <command> [options]\n"
    "\n"
    "Measure the international mobility of researchers from their publication and\n"
    "career records.\n"
    "\n"
    "commands:\n"
    "  run       read inputs, build timelines, write the mobility tables\n"
    "  extract   read inputs and write the observations as CSV\n"
    "  synth     write a synthetic world in OpenAlex format, with ground truth\n"
    "\n"
    "questions asked of a run's results store (talentflow.sqlite), without rerunning:\n"
    "  flows     moves along a corridor, or every corridor from or to a country\n"
    "  rates     return and stay rates by cohort\n"
    "  where     where the people of an origin are now\n"
    "  top       biggest gainers, losers and corridors\n"
    "  pipeline  where people who studied in a country work now\n"
    "  report    one self-contained HTML report with charts of the run\n"
    "\n"
    "the push-pull (gravity) model of flows:\n"
    "  fit       estimate it by PPML from a flow table; writes model.json and fit.csv\n"
    "  project   move researcher stocks forward under a scenario, against a baseline\n"
    "\n"
    "Run 'talentflow <command> --help' for the options of a command.\n"
    "Exit status: 0 ok, 1 data or I/O error, 2 usage error.\n";

struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
};

/* One command a line reads better than packed entries. */
/* clang-format off */
static const struct command commands[] = {
    {"run", tf_cli_run},
    {"extract", tf_cli_extract},
    {"synth", tf_cli_synth},
    {"flows", tf_cli_flows},
    {"rates", tf_cli_rates},
    {"where", tf_cli_where},
    {"top", tf_cli_top},
    {"pipeline", tf_cli_pipeline},
    {"report", tf_cli_report},
    {"fit", tf_cli_fit},
    {"project", tf_cli_project},
};
/* clang-format on */

/*
 * OpenBLAS, the BLAS Debian installs by default, starts a thread per core as
 * it is loaded, and each spins for about a tenth of a second waiting for
 * work: on the cores the reading needs, in every command and every MPI rank.
 * Nothing needs them until a fit, which runs the BLAS on one thread anyway
 * (model_blas_serial_begin), so they are stopped at once; OpenBLAS starts
 * them again if a call ever wants them. The symbol is weak: with another
 * BLAS it is absent and there is nothing to stop.
 */
extern int blas_thread_shutdown_(void) __attribute__((weak));

int main(int argc, char **argv)
{
    if (blas_thread_shutdown_)
        blas_thread_shutdown_();
    if (argc < 2) {
        fputs(usage, stderr);
        return TF_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return TF_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("talentflow %s\n", tf_version());
        return TF_EXIT_OK;
    }
    static char what[64];
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (strcmp(cmd, commands[i].name) == 0) {
            snprintf(what, sizeof(what), "talentflow %s", commands[i].name);
            tf_interrupt_install(what);
            return commands[i].fn(argc - 1, argv + 1);
        }
    fprintf(stderr, "talentflow: unknown command '%s'\n\n%s", cmd, usage);
    return TF_EXIT_USAGE;
}
