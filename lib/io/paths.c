/*
 * paths.c - expand the command's input arguments into a sorted file list.
 *
 * Directories are walked with opendir/readdir rather than nftw, which keeps
 * no global state and so stays safe to call from any thread. Symbolic links
 * to files are followed (data directories are often assembled from links);
 * links to directories are not, so a link cycle cannot make the walk endless.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "talentflow/paths.h"

void tf_paths_init(struct tf_paths *p)
{
    p->v = NULL;
    p->size = NULL;
    p->n = 0;
    p->cap = 0;
}

void tf_paths_release(struct tf_paths *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
    free(p->size);
    tf_paths_init(p);
}

/* Appends `path` (copied) with its size. Returns 0 or TF_ERR_NOMEM. */
static int paths_add(struct tf_paths *p, const char *path, uint64_t size)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        char **v = realloc(p->v, cap * sizeof(*v));
        if (!v)
            return TF_ERR_NOMEM;
        p->v = v;
        uint64_t *sz = realloc(p->size, cap * sizeof(*sz));
        if (!sz)
            return TF_ERR_NOMEM;
        p->size = sz;
        p->cap = cap;
    }
    char *copy = strdup(path);
    if (!copy)
        return TF_ERR_NOMEM;
    p->v[p->n] = copy;
    p->size[p->n] = size;
    p->n++;
    return 0;
}

/* Drops the entries from `from` on, undoing a failed expansion. */
static void paths_truncate(struct tf_paths *p, size_t from)
{
    while (p->n > from)
        free(p->v[--p->n]);
}

/* What one expansion walks with. */
struct walk {
    struct tf_paths *p;
    tf_paths_filter *wanted;
    void *ctx;
};

/* Whether a file met while walking a directory is kept. */
static int paths_wanted(const struct walk *w, const char *name)
{
    if (name[0] == '.' || strcmp(name, "manifest") == 0 || strcmp(name, "manifest.json") == 0)
        return 0;
    return !w->wanted || w->wanted(name, w->ctx);
}

/* `dir` + "/" + `name` in fresh memory, or NULL. */
static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    int slash = n > 0 && dir[n - 1] == '/';
    size_t size = n + strlen(name) + 2;
    char *s = malloc(size);
    if (s)
        snprintf(s, size, "%s%s%s", dir, slash ? "" : "/", name);
    return s;
}

static int paths_walk(const struct walk *w, const char *dir, struct tf_error *err);

/* Adds one directory entry: recurses into real directories, keeps wanted files. */
static int paths_visit(const struct walk *w, const char *dir, const char *name,
                       struct tf_error *err)
{
    if (name[0] == '.') /* ".", ".." and hidden entries */
        return 0;
    int rc = 0;
    struct stat st;
    char *path = path_join(dir, name);
    if (!path)
        return tf_error_set(err, TF_ERR_NOMEM, dir, 0, "out of memory");
    if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
        rc = paths_walk(w, path, err);
    else if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && paths_wanted(w, name))
        rc = paths_add(w->p, path, (uint64_t)st.st_size);
    if (rc == TF_ERR_NOMEM)
        tf_error_set(err, rc, path, 0, "out of memory");
    free(path);
    return rc;
}

/* Adds the wanted files under `dir`, in directory order (sorted by the caller). */
static int paths_walk(const struct walk *w, const char *dir, struct tf_error *err)
{
    int rc = 0;
    DIR *d = opendir(dir);
    if (!d)
        return tf_error_set(err, TF_ERR_IO, dir, 0, "cannot open directory: %s", strerror(errno));
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            if (errno)
                rc = tf_error_set(err, TF_ERR_IO, dir, 0, "cannot read directory: %s",
                                  strerror(errno));
            break;
        }
        rc = paths_visit(w, dir, e->d_name, err);
        if (rc < 0)
            break;
    }
    closedir(d);
    return rc;
}

struct path_entry {
    char *path;
    uint64_t size;
};

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const struct path_entry *)a)->path, ((const struct path_entry *)b)->path);
}

/* Sorts entries [from, n) by path, each size moving with its path. */
static int paths_sort(struct tf_paths *p, size_t from)
{
    size_t n = p->n - from;
    struct path_entry *e = malloc(n * sizeof(*e));
    if (!e)
        return TF_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        e[i] = (struct path_entry){p->v[from + i], p->size[from + i]};
    qsort(e, n, sizeof(*e), entry_cmp);
    for (size_t i = 0; i < n; i++) {
        p->v[from + i] = e[i].path;
        p->size[from + i] = e[i].size;
    }
    free(e);
    return 0;
}

static int paths_expand_dir(const struct walk *w, const char *path, struct tf_error *err)
{
    struct tf_paths *p = w->p;
    size_t from = p->n;
    int rc = paths_walk(w, path, err);
    if (rc == 0 && p->n == from)
        rc = tf_error_set(err, TF_ERR_USAGE, path, 0, "no input files in directory");
    if (rc == 0 && paths_sort(p, from) < 0)
        rc = tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    if (rc < 0)
        paths_truncate(p, from);
    return rc;
}

int tf_paths_expand(struct tf_paths *p, const char *path, tf_paths_filter *wanted, void *ctx,
                    struct tf_error *err)
{
    struct walk w = {p, wanted, ctx};
    struct stat st;
    int rc;
    if (strcmp(path, "-") == 0)
        rc = paths_add(p, path, 0);
    else if (stat(path, &st) < 0)
        return tf_error_set(err, TF_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    else if (S_ISDIR(st.st_mode))
        return paths_expand_dir(&w, path, err);
    else
        rc = paths_add(p, path, S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0);
    if (rc < 0)
        return tf_error_set(err, rc, path, 0, "out of memory");
    return 0;
}
