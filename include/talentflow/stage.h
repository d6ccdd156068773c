/*
 * talentflow/stage.h - a run's outputs appear together or not at all.
 *
 * The outputs are written into a staging folder inside the output folder
 * (".talentflow.tmp-PID", removed on interruption and, when its process is
 * gone, by the next run: talentflow/interrupt.h) and moved into place, file
 * by file, only once every one of them is whole. A failure before that
 * leaves the output folder as it was, an earlier run's results intact.
 *
 *   struct tf_stage st;
 *   tf_stage_open(&st, "out", &err);
 *   tf_write_tables(r, st.path, &err); ...   // every writer into st.path
 *   ok ? tf_stage_commit(&st, &err) : tf_stage_abort(&st);
 */
#ifndef TALENTFLOW_STAGE_H
#define TALENTFLOW_STAGE_H

#include "talentflow/export.h"

#include "talentflow/error.h"

#ifdef __cplusplus
extern "C" {
#endif

struct tf_stage {
    char dir[4096];  /* the output folder */
    char path[4200]; /* the staging folder inside it */
};

/*
 * Creates `dir` when missing and the staging folder inside it. Returns 0,
 * or TF_ERR_IO naming the folder.
 */
TF_API int tf_stage_open(struct tf_stage *s, const char *dir, struct tf_error *err);

/*
 * Moves every file and folder of the staging folder into the output folder
 * and removes the staging folder. A file replaces the file of its name; a
 * folder replaces the folder of its name whole (the two are exchanged in
 * one step, and the old one is removed). A file where a folder goes, or a
 * folder where a file goes, stops the commit before anything is moved.
 * Returns 0 or TF_ERR_IO naming the file that could not be moved.
 */
TF_API int tf_stage_commit(struct tf_stage *s, struct tf_error *err);

/* Removes the staging folder and what it holds; the output folder is untouched. */
TF_API void tf_stage_abort(struct tf_stage *s);

#ifdef __cplusplus
}
#endif
#endif
