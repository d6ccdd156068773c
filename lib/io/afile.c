/* afile.c - atomic output files. */
#include "io/afile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/cleanup.h"

int tf_afile_tmp_name(char *buf, size_t size, const char *path, struct tf_error *err)
{
    int n = snprintf(buf, size, "%s.tmp-%ld", path, (long)getpid());
    if (n < 0 || (size_t)n >= size) {
        buf[0] = '\0';
        return tf_error_set(err, TF_ERR_USAGE, path, 0, "path too long");
    }
    tf_cleanup_track(buf, 0);
    return 0;
}

int tf_afile_publish(const char *tmp, const char *path, int fd, struct tf_error *err)
{
    int own = fd < 0;
    if (own)
        fd = open(tmp, O_RDONLY | O_CLOEXEC);
    /* EINVAL: a file system that cannot sync (a pipe, some FUSE mounts). */
    int bad = fd < 0 || (fsync(fd) != 0 && errno != EINVAL);
    int e = errno;
    if (own && fd >= 0)
        close(fd);
    if (!bad && rename(tmp, path) != 0) {
        bad = 1;
        e = errno;
    }
    if (bad)
        unlink(tmp);
    tf_cleanup_untrack(tmp);
    if (bad)
        return tf_error_set(err, TF_ERR_IO, path, 0, "cannot write: %s", strerror(e));
    return 0;
}

int tf_afile_open(struct tf_afile *a, const char *path, struct tf_error *err)
{
    memset(a, 0, sizeof(*a));
    if (strcmp(path, "-") == 0) {
        a->f = stdout;
        a->is_stdout = 1;
        return 0;
    }
    snprintf(a->path, sizeof(a->path), "%s", path);
    int rc = tf_afile_tmp_name(a->tmp, sizeof(a->tmp), path, err);
    if (rc < 0)
        return rc;
    a->f = fopen(a->tmp, "wb");
    if (!a->f) {
        tf_cleanup_untrack(a->tmp);
        a->tmp[0] = '\0';
        return tf_error_set(err, TF_ERR_IO, path, 0, "cannot create: %s", strerror(errno));
    }
    /* glibc ignores the size when setvbuf allocates: the buffer is given. */
    if ((a->buf = malloc(TF_AFILE_BUFFER)) != NULL)
        setvbuf(a->f, a->buf, _IOFBF, TF_AFILE_BUFFER);
    return 0;
}

int tf_afile_commit(struct tf_afile *a, struct tf_error *err)
{
    if (a->is_stdout) {
        a->f = NULL;
        if (fflush(stdout) != 0)
            return tf_error_set(err, TF_ERR_IO, "-", 0, "cannot write: %s", strerror(errno));
        return 0;
    }
    if (ferror(a->f) || fflush(a->f) != 0) {
        int e = errno ? errno : EIO;
        tf_afile_abort(a);
        return tf_error_set(err, TF_ERR_IO, a->path, 0, "cannot write: %s", strerror(e));
    }
    int rc = tf_afile_publish(a->tmp, a->path, fileno(a->f), err);
    fclose(a->f); /* flushed and synced: nothing is left to fail */
    a->f = NULL;
    free(a->buf);
    a->buf = NULL;
    a->tmp[0] = '\0';
    return rc;
}

void tf_afile_abort(struct tf_afile *a)
{
    if (a->f && !a->is_stdout)
        fclose(a->f);
    a->f = NULL;
    free(a->buf);
    a->buf = NULL;
    if (a->tmp[0]) {
        unlink(a->tmp);
        tf_cleanup_untrack(a->tmp);
    }
    a->tmp[0] = '\0';
}

int tf_mkdir(const char *dir, struct tf_error *err)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        return tf_error_set(err, TF_ERR_IO, dir, 0, "exists and is not a directory");
    }
    /* The parents first, as mkdir -p does. */
    char parent[4096];
    int n = snprintf(parent, sizeof(parent), "%s", dir);
    char *slash = n > 0 && (size_t)n < sizeof(parent) ? strrchr(parent, '/') : NULL;
    while (slash && slash > parent && slash[-1] == '/')
        slash--;
    if (slash && slash > parent) {
        *slash = '\0';
        int rc = tf_mkdir(parent, err);
        if (rc < 0)
            return rc;
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return tf_error_set(err, TF_ERR_IO, dir, 0, "cannot create directory: %s", strerror(errno));
    return 0;
}
