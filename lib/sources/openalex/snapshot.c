/*
 * snapshot.c - recognising the root of an OpenAlex snapshot.
 *
 * A snapshot root holds one folder per entity; only works are read here, so
 * pointing a walk at the root would read authors, institutions and the rest
 * as if they were works. Two layouts exist: the classic one
 * (data/works/updated_date=…/part_NNN.gz, data/merged_ids/) and, from 2026,
 * one prefix per format (data/jsonl/works/…, data/parquet/…, a combined
 * manifest.json), with the old merged_ids/ kept under legacy-data/.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "talentflow/source.h"

/* buf = a + b; 0, or -1 (buf "") when it does not fit. */
static int join(char *buf, size_t size, const char *a, const char *b)
{
    int n = snprintf(buf, size, "%s%s", a, b);
    if (n < 0 || (size_t)n >= size) {
        buf[0] = '\0';
        return -1;
    }
    return 0;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Lists the subfolders of `dir` other than the ones read into out->ignored. */
static void note_ignored(const char *dir, const char *prefix, struct tf_snapshot *out)
{
    static const char *const read[] = {"works", "merged_ids", "jsonl", "legacy-data"};
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4400];
    while (d && (e = readdir(d))) {
        int skip = e->d_name[0] == '.';
        for (size_t i = 0; i < sizeof(read) / sizeof(read[0]) && !skip; i++)
            skip = strcmp(e->d_name, read[i]) == 0;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (skip || !is_dir(path))
            continue;
        size_t n = strlen(out->ignored);
        snprintf(out->ignored + n, sizeof(out->ignored) - n, "%s%s%s", n ? ", " : "", prefix,
                 e->d_name);
    }
    if (d)
        closedir(d);
}

/* Looks for the layouts under `base` (the root or its data/ folder). */
static int find_works(const char *base, struct tf_snapshot *out)
{
    char jsonl[4200];
    if (join(jsonl, sizeof(jsonl), base, "/jsonl") == 0 &&
        join(out->works, sizeof(out->works), base, "/jsonl/works") == 0 && is_dir(out->works)) {
        out->layout = "jsonl";
        note_ignored(jsonl, "jsonl/", out);
        note_ignored(base, "", out);
        return 1;
    }
    if (join(out->works, sizeof(out->works), base, "/works") == 0 && is_dir(out->works)) {
        out->layout = "classic";
        note_ignored(base, "", out);
        return 1;
    }
    out->works[0] = '\0';
    return 0;
}

static void find_merged(const char *root, const char *base, struct tf_snapshot *out)
{
    const char *const where[] = {"/merged_ids", "/jsonl/merged_ids", "/legacy-data/merged_ids",
                                 "/../legacy-data/merged_ids"};
    for (size_t i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
        if (join(out->merged_ids, sizeof(out->merged_ids), i < 2 ? base : root, where[i]) == 0 &&
            is_dir(out->merged_ids))
            return;
    }
    out->merged_ids[0] = '\0';
}

int tf_openalex_snapshot(const char *path, struct tf_snapshot *out)
{
    char data[4200];
    memset(out, 0, sizeof(*out));
    if (!is_dir(path))
        return 0;
    const char *base = join(data, sizeof(data), path, "/data") == 0 && is_dir(data) ? data : path;
    if (!find_works(base, out))
        return 0;
    find_merged(path, base, out);
    return 1;
}
