/* workdir.c - private temporary folders, and removing them with what they hold. */
#include "io/workdir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/cleanup.h"

/* The owner file: this process's id and start time, so a later run can tell it is gone. */
static int write_owner(const char *dir)
{
    char path[4200];
    snprintf(path, sizeof(path), "%s/owner", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    long pid = (long)getpid();
    fprintf(f, "%ld %llu\n", pid, tf_process_start(pid));
    return fclose(f) == 0 ? 0 : -1;
}

int tf_workdir_make(char *buf, size_t size, const char *tmpdir, struct tf_error *err)
{
    if (!tmpdir || !*tmpdir)
        tmpdir = getenv("TMPDIR");
    if (!tmpdir || !*tmpdir)
        tmpdir = "/tmp";
    /*
     * The owner is in the name as well as in the owner file: a process killed
     * between creating the folder and writing the file leaves a folder that a
     * later run can still tell is no one's.
     */
    long pid = (long)getpid();
    int n =
        snprintf(buf, size, "%s/talentflow-%ld-%llu-XXXXXX", tmpdir, pid, tf_process_start(pid));
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
    tf_cleanup_track(buf, 1);
    if (write_owner(buf) < 0) {
        int e = errno;
        tf_workdir_remove(buf);
        buf[0] = '\0';
        return tf_error_set(err, TF_ERR_IO, tmpdir, 0, "cannot write in a work directory: %s",
                            strerror(e));
    }
    return 0;
}

void tf_workdir_remove(const char *dir)
{
    if (!dir || !*dir)
        return;
    /* A second pass for what another thread added meanwhile. */
    for (int pass = 0; pass < 3 && tf_remove_contents(dir, NULL) > 0; pass++)
        ;
    rmdir(dir);
    tf_cleanup_untrack(dir);
}
