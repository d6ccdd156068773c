/*
 * talentflow/paths.h - input file lists: the arguments of a command expanded
 * into files, folders walked recursively and sorted.
 *
 * How to use:
 *   struct tf_paths files;
 *   tf_paths_init(&files);
 *   tf_paths_expand(&files, "world/works", NULL, NULL, &err);  // every file below
 *   ... files.v[i], files.size[i] ...
 *   tf_paths_release(&files);
 *
 * Functions are reentrant; a list is used by one thread at a time.
 */
#ifndef TALENTFLOW_PATHS_H
#define TALENTFLOW_PATHS_H

#include "talentflow/export.h"

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A list of paths, owned. */
struct tf_paths {
    char **v;
    uint64_t *size; /* file sizes in bytes, 0 for "-" */
    size_t n;
    size_t cap;
};

/* Sets up an empty list in caller memory (no allocation). */
TF_API void tf_paths_init(struct tf_paths *p);

/*
 * Whether a file met while walking a folder belongs in the list: `name` is
 * its bare file name. Returns nonzero to keep it.
 */
typedef int tf_paths_filter(const char *name, void *ctx);

/*
 * Appends `path`: a file or "-" as is; a directory by walking it recursively
 * and adding every regular file that `wanted` keeps (NULL: every file),
 * sorted by path so the order never depends on the file system. Hidden
 * files and folders are never added, nor OpenAlex manifests ("manifest",
 * "manifest.json"). Symbolic links to files are followed, links to folders
 * are not. Returns 0, TF_ERR_IO (no such path), TF_ERR_USAGE (a folder
 * with no wanted file) or TF_ERR_NOMEM, with `err` naming the path; on
 * failure the list is as it was.
 */
TF_API int tf_paths_expand(struct tf_paths *p, const char *path, tf_paths_filter *wanted, void *ctx,
                           struct tf_error *err);

/* Frees the list and leaves it empty and reusable. */
TF_API void tf_paths_release(struct tf_paths *p);

#ifdef __cplusplus
}
#endif
#endif
