/*
 * talentflow/interrupt.h - stopping cleanly, and cleaning up after runs that
 * did not.
 *
 * A run keeps its intermediate data in a private folder under $TMPDIR
 * ("talentflow-XXXXXX", holding an "owner" file with the process id and
 * start time) and writes each output under a temporary name beside it
 * ("NAME.tmp-PID") until it is whole. tf_interrupt_install makes SIGINT and
 * SIGTERM remove all of them and exit at once; tf_remove_stale removes
 * those of processes that died without that chance (SIGKILL, a crash, a
 * power cut), never a live process's.
 */
#ifndef TALENTFLOW_INTERRUPT_H
#define TALENTFLOW_INTERRUPT_H

#include "talentflow/export.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Installs handlers for SIGINT and SIGTERM that remove every temporary
 * folder and output file of this process, write one line to standard error
 * ("<what>: interrupted by SIGINT; temporary files removed") and exit with
 * 128 + the signal number (130, 143). `what` names the work ("talentflow
 * run") and must stay valid. For programs, not for libraries that share a
 * process with others: it replaces the process's handlers.
 */
TF_API void tf_interrupt_install(const char *what);

/*
 * Removes the temporary folders under `tmpdir` (NULL or "": $TMPDIR, else
 * /tmp) whose owner process is gone, and the temporary output files
 * ("*.tmp-PID") in `outdir` (NULL: none) whose process is gone, saying so
 * on `notes` (may be NULL). Folders without an owner file, or whose owner is
 * alive, are left alone. Returns the number removed.
 */
TF_API int tf_remove_stale(const char *tmpdir, const char *outdir, FILE *notes);

#ifdef __cplusplus
}
#endif
#endif
