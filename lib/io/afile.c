/* afile.c - atomic output files. */
#include "io/afile.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int tf_afile_open(struct tf_afile *a, const char *path, struct tf_error *err)
{
    memset(a, 0, sizeof(*a));
    if (strcmp(path, "-") == 0) {
        a->f = stdout;
        a->is_stdout = 1;
        return 0;
    }
    snprintf(a->path, sizeof(a->path), "%s", path);
    snprintf(a->tmp, sizeof(a->tmp), "%s.tmp-%ld", path, (long)getpid());
    a->f = fopen(a->tmp, "wb");
    if (!a->f) {
        a->tmp[0] = '\0';
        return tf_error_set(err, TF_ERR_IO, path, 0, "cannot create: %s", strerror(errno));
    }
    setvbuf(a->f, NULL, _IOFBF, 1 << 16);
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
    int bad = ferror(a->f) || fflush(a->f) != 0 || fsync(fileno(a->f)) != 0;
    bad = (fclose(a->f) != 0) || bad;
    a->f = NULL;
    if (bad || rename(a->tmp, a->path) != 0) {
        int e = errno;
        tf_afile_abort(a);
        return tf_error_set(err, TF_ERR_IO, a->path, 0, "cannot write: %s", strerror(e));
    }
    a->tmp[0] = '\0';
    return 0;
}

void tf_afile_abort(struct tf_afile *a)
{
    if (a->f && !a->is_stdout)
        fclose(a->f);
    a->f = NULL;
    if (a->tmp[0])
        unlink(a->tmp);
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
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return tf_error_set(err, TF_ERR_IO, dir, 0, "cannot create directory: %s", strerror(errno));
    return 0;
}
