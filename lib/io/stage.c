/* stage.c - outputs staged in one folder and moved into place together. */
#define _GNU_SOURCE /* renameat2 */
#include "talentflow/stage.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/afile.h"
#include "io/cleanup.h"
#include "io/workdir.h"

int tf_stage_open(struct tf_stage *s, const char *dir, struct tf_error *err)
{
    memset(s, 0, sizeof(*s));
    int n = snprintf(s->dir, sizeof(s->dir), "%s", dir);
    int m = snprintf(s->path, sizeof(s->path), "%s/.talentflow.tmp-%ld", dir, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof(s->dir) || m < 0 || (size_t)m >= sizeof(s->path))
        return tf_error_set(err, TF_ERR_USAGE, dir, 0, "output folder path too long");
    int rc = tf_mkdir(dir, err);
    if (rc < 0)
        return rc;
    tf_workdir_remove(s->path); /* one left by this very pid before: not ours to keep */
    if (mkdir(s->path, 0777) != 0)
        return tf_error_set(err, TF_ERR_IO, s->path, 0, "cannot create the staging folder: %s",
                            strerror(errno));
    tf_cleanup_track(s->path, 1);
    return 0;
}

/* Syncs the folder `dir`, so the renames into it survive a crash. */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/*
 * Calls fn(from, to) for each staged file with its place in the output
 * folder, until one fails. Returns 0 or the failure.
 */
static int each_file(struct tf_stage *s,
                     int (*fn)(const char *from, const char *to, struct tf_error *err),
                     struct tf_error *err)
{
    DIR *d = opendir(s->path);
    struct dirent *e;
    char from[4500], to[4400];
    int rc = d ? 0 : tf_error_set(err, TF_ERR_IO, s->path, 0, "cannot list: %s", strerror(errno));
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        int a = snprintf(from, sizeof(from), "%s/%s", s->path, e->d_name);
        int b = snprintf(to, sizeof(to), "%s/%s", s->dir, e->d_name);
        if (a < 0 || (size_t)a >= sizeof(from) || b < 0 || (size_t)b >= sizeof(to))
            rc = tf_error_set(err, TF_ERR_IO, s->dir, 0, "output path too long");
        else
            rc = fn(from, to, err);
    }
    if (d)
        closedir(d);
    return rc;
}

/*
 * A file cannot replace a folder, nor a folder a file: either stops the
 * commit before any move.
 */
static int check_target(const char *from, const char *to, struct tf_error *err)
{
    struct stat src, dst;
    if (lstat(to, &dst) != 0 || lstat(from, &src) != 0)
        return 0;
    if (S_ISDIR(dst.st_mode) && !S_ISDIR(src.st_mode))
        return tf_error_set(err, TF_ERR_IO, to, 0, "is a folder; nothing was replaced");
    if (S_ISDIR(src.st_mode) && !S_ISDIR(dst.st_mode))
        return tf_error_set(err, TF_ERR_IO, to, 0, "is not a folder; nothing was replaced");
    return 0;
}

/*
 * A file replaces its namesake; a folder is exchanged with its namesake in
 * one step (the old one, now in the staging folder, goes with it).
 */
static int move(const char *from, const char *to, struct tf_error *err)
{
    struct stat st;
    int rc;
    if (lstat(to, &st) == 0 && S_ISDIR(st.st_mode))
        rc = renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
    else
        rc = rename(from, to);
    if (rc != 0)
        return tf_error_set(err, TF_ERR_IO, to, 0, "cannot move into place: %s", strerror(errno));
    return 0;
}

int tf_stage_commit(struct tf_stage *s, struct tf_error *err)
{
    int rc = each_file(s, check_target, err);
    if (rc == 0)
        rc = each_file(s, move, err);
    sync_dir(s->dir);
    tf_stage_abort(s);
    return rc;
}

void tf_stage_abort(struct tf_stage *s)
{
    if (s->path[0])
        tf_workdir_remove(s->path);
    s->path[0] = '\0';
}
