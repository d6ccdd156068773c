/* workdir.c - private temporary folders, flat: they never hold subfolders. */
#include "io/workdir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int tf_workdir_make(char *buf, size_t size, const char *tmpdir, struct tf_error *err)
{
    if (!tmpdir || !*tmpdir)
        tmpdir = getenv("TMPDIR");
    if (!tmpdir || !*tmpdir)
        tmpdir = "/tmp";
    int n = snprintf(buf, size, "%s/talentflow-XXXXXX", tmpdir);
    if (n < 0 || (size_t)n >= size) {
        buf[0] = '\0';
        return tf_error_set(err, TF_ERR_IO, tmpdir, 0, "temporary folder path too long");
    }
    if (!mkdtemp(buf)) {
        int e = errno;
        buf[0] = '\0';
        return tf_error_set(err, TF_ERR_IO, tmpdir, 0, "cannot create a work directory: %s",
                            strerror(e));
    }
    return 0;
}

void tf_workdir_remove(const char *dir)
{
    if (!dir || !*dir)
        return;
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4400];
    while (d && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}
