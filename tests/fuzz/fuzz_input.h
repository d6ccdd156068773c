/*
 * fuzz_input.h - the scratch files a fuzz target reads its input from.
 *
 * The readers take paths, so each input is written to files in one scratch
 * folder per process (made with mkdtemp under $TMPDIR or /tmp on first use).
 * At a normal exit the folder is emptied and removed, with whatever the
 * library wrote into it (a report, a journal). A crash leaves it behind, so
 * ctest, CI and scripts/fuzz.sh point TMPDIR into the build folder. Meant
 * to be included by exactly one file of each fuzz target.
 */
#ifndef TF_FUZZ_INPUT_H
#define TF_FUZZ_INPUT_H

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_input_dir[4096];
/* The file of the last fuzz_input_write, for the targets that read one file. */
static char fuzz_input_path[4200];

/* Removes the scratch folder and every file in it (the library writes no subfolders). */
static void fuzz_input_remove(void)
{
    DIR *d = opendir(fuzz_input_dir);
    struct dirent *e;
    char path[4400];
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", fuzz_input_dir, e->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(fuzz_input_dir);
}

/*
 * A target that cannot write its input would check nothing and pass every
 * input, so this is a harness failure, not a finding: say why and stop.
 */
static void fuzz_input_fail(const char *what, const char *path)
{
    fprintf(stderr, "fuzz_input: cannot %s %s: %s\n", what, path,
            errno ? strerror(errno) : "path too long");
    abort();
}

/* The scratch folder, made on first use; aborts when it cannot be made. */
static const char *fuzz_input_folder(void)
{
    if (fuzz_input_dir[0])
        return fuzz_input_dir;
    const char *tmp = getenv("TMPDIR");
    errno = 0;
    int n = snprintf(fuzz_input_dir, sizeof(fuzz_input_dir), "%s/fuzz.XXXXXX",
                     tmp && tmp[0] ? tmp : "/tmp");
    if (n < 0 || (size_t)n >= sizeof(fuzz_input_dir) || !mkdtemp(fuzz_input_dir))
        fuzz_input_fail("create", fuzz_input_dir);
    atexit(fuzz_input_remove);
    return fuzz_input_dir;
}

/*
 * Replaces the content of the scratch file `name` (a plain file name, which
 * may carry the extension a reader looks for) with data[0..size). Returns
 * its path, valid until the next call; aborts when it cannot be written.
 */
static const char *fuzz_input_write(const char *name, const uint8_t *data, size_t size)
{
    snprintf(fuzz_input_path, sizeof(fuzz_input_path), "%s/%s", fuzz_input_folder(), name);
    errno = 0;
    FILE *f = fopen(fuzz_input_path, "wb");
    if (!f)
        fuzz_input_fail("open", fuzz_input_path);
    int bad = fwrite(data, 1, size, f) != size;
    bad = (fclose(f) != 0) || bad;
    if (bad)
        fuzz_input_fail("write", fuzz_input_path);
    return fuzz_input_path;
}

/*
 * For the targets whose input is several files joined by lines "----": the
 * start of the next separator line at or after `from`, or `size`. A part
 * ends there and the next begins 5 bytes later.
 */
static inline size_t fuzz_input_separator(const uint8_t *data, size_t size, size_t from)
{
    static const char sep[] = "----\n";
    for (size_t i = from; i + 5 <= size; i++)
        if ((i == 0 || data[i - 1] == '\n') && memcmp(data + i, sep, 5) == 0)
            return i;
    return size;
}

#endif
