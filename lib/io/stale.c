/*
 * stale.c - temporary folders and output files of processes that are gone.
 *
 * A folder is stale when its "owner" file names a process that no longer
 * runs: no such pid, or a pid reused by a process that started at another
 * time. A temporary output "NAME.tmp-PID" is stale when no process PID runs.
 */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/cleanup.h"
#include "io/workdir.h"
#include "talentflow/interrupt.h"

unsigned long long tf_process_start(long pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* Fields after the command name (which may hold spaces and parentheses). */
    char *p = strrchr(buf, ')');
    unsigned long long start = 0;
    for (int field = 2; p && *p && field < 22; field++)
        p = strchr(p + 1, ' ');
    if (p)
        start = strtoull(p + 1, NULL, 10);
    return start ? start : 1;
}

/*
 * Whether the folder `dir` (named `name`) belongs to a process that is gone:
 * by its owner file, or, when that is missing (a process killed before it
 * wrote it), by the owner in its name ("talentflow-PID-START-XXXXXX").
 */
static int owner_gone(const char *dir, const char *name, long *pid)
{
    char path[4400];
    unsigned long long start = 0;
    int got = 0;
    int n = snprintf(path, sizeof(path), "%s/owner", dir);
    FILE *f = n > 0 && (size_t)n < sizeof(path) ? fopen(path, "r") : NULL;
    if (f) {
        got = fscanf(f, "%ld %llu", pid, &start);
        fclose(f);
    } else {
        char rest[8];
        got = sscanf(name, "talentflow-%ld-%llu-%7s", pid, &start, rest) == 3 ? 2 : 0;
    }
    return got == 2 && *pid > 0 && *pid != (long)getpid() && tf_process_start(*pid) != start;
}

static int remove_stale_dirs(const char *tmpdir, FILE *notes)
{
    DIR *d = opendir(tmpdir);
    struct dirent *e;
    char dir[4400];
    int removed = 0;
    while (d && (e = readdir(d))) {
        long pid = 0;
        if (strncmp(e->d_name, "talentflow-", 11) != 0)
            continue;
        int n = snprintf(dir, sizeof(dir), "%s/%s", tmpdir, e->d_name);
        if (n < 0 || (size_t)n >= sizeof(dir) || !owner_gone(dir, e->d_name, &pid))
            continue;
        tf_workdir_remove(dir);
        removed++;
        if (notes)
            fprintf(notes, "talentflow: removed %s, left by process %ld, which has stopped\n", dir,
                    pid);
    }
    if (d)
        closedir(d);
    return removed;
}

/* The pid of a temporary output name "NAME.tmp-PID", or 0. */
static long tmp_pid(const char *name)
{
    const char *t = strstr(name, ".tmp-");
    if (!t || !t[5])
        return 0;
    for (const char *p = t + 5; *p; p++)
        if (!isdigit((unsigned char)*p))
            return 0;
    return strtol(t + 5, NULL, 10);
}

static int remove_stale_outputs(const char *outdir, FILE *notes)
{
    DIR *d = opendir(outdir);
    struct dirent *e;
    char path[4400];
    int removed = 0;
    while (d && (e = readdir(d))) {
        long pid = tmp_pid(e->d_name);
        if (!pid || pid == (long)getpid() || tf_process_start(pid))
            continue;
        int n = snprintf(path, sizeof(path), "%s/%s", outdir, e->d_name);
        if (n > 0 && (size_t)n < sizeof(path) && e->d_type == DT_DIR)
            tf_workdir_remove(path); /* a staging folder (talentflow/stage.h) */
        if (n > 0 && (size_t)n < sizeof(path) && (unlink(path) == 0 || access(path, F_OK) != 0)) {
            removed++;
            if (notes)
                fprintf(notes, "talentflow: removed %s, left by process %ld, which has stopped\n",
                        path, pid);
        }
    }
    if (d)
        closedir(d);
    return removed;
}

int tf_remove_stale(const char *tmpdir, const char *outdir, FILE *notes)
{
    if (!tmpdir || !*tmpdir)
        tmpdir = getenv("TMPDIR");
    if (!tmpdir || !*tmpdir)
        tmpdir = "/tmp";
    int n = remove_stale_dirs(tmpdir, notes);
    return n + (outdir ? remove_stale_outputs(outdir, notes) : 0);
}
