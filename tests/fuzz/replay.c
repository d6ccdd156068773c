/*
 * replay.c - runs a fuzz target on saved inputs without libFuzzer.
 *
 *   fuzz_<target>_replay PATH...
 *
 * Linked with one target's LLVMFuzzerTestOneInput, so the targets build with
 * any compiler and ctest can replay the committed corpus (seed fixtures and
 * regression inputs) in every test build. Each PATH is a file or a directory
 * whose regular files are run in name order (hidden files such as .gitkeep
 * are left out, subdirectories too). Each input is handed over in a buffer of
 * exactly its size, as libFuzzer does, so sanitizers see any overread.
 *
 * The target signals a failure by crashing or aborting; the name of the input
 * it was given is printed just before, so the failing one is the last named.
 * Exits 0 when every input ran, 2 on a usage or I/O error, including when no
 * input was found at all (a wrong path must not pass as an empty corpus).
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads all of `path` into a buffer of exactly its size; NULL on failure. */
static uint8_t *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    uint8_t *data = NULL;
    errno = 0;
    if (!f)
        goto fail;
    if (fstat(fileno(f), &st) != 0)
        goto fail;
    *size = (size_t)st.st_size;
    /* malloc(0) may return NULL; the target still gets a valid pointer. */
    data = malloc(*size ? *size : 1);
    if (!data || fread(data, 1, *size, f) != *size)
        goto fail;
    fclose(f);
    return data;
fail:
    fprintf(stderr, "replay: cannot read %s: %s\n", path, errno ? strerror(errno) : "short read");
    free(data);
    if (f)
        fclose(f);
    return NULL;
}

static int run_file(const char *path)
{
    size_t size = 0;
    uint8_t *data = read_all(path, &size);
    if (!data)
        return -1;
    fprintf(stderr, "replay: %s (%zu bytes)\n", path, size);
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Runs the regular, non-hidden files of `dir` in name order; returns how many, or -1. */
static long run_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    long ran = -1;
    if (!d) {
        fprintf(stderr, "replay: cannot open %s: %s\n", dir, strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(dir) + 1 + strlen(e->d_name) + 1;
        char *path = malloc(len);
        struct stat st;
        if (!path)
            goto nomem;
        snprintf(path, len, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (n == cap) {
            size_t ncap = cap ? 2 * cap : 64;
            char **grown = realloc(names, ncap * sizeof(*names));
            if (!grown) {
                free(path);
                goto nomem;
            }
            names = grown;
            cap = ncap;
        }
        names[n++] = path;
    }
    /* readdir's order differs between file systems; a fixed one makes runs repeatable. */
    if (n)
        qsort(names, n, sizeof(*names), by_name);
    ran = 0;
    for (size_t i = 0; i < n; i++) {
        if (run_file(names[i]) < 0) {
            ran = -1;
            goto out;
        }
        ran++;
    }
    goto out;
nomem:
    fprintf(stderr, "replay: out of memory listing %s\n", dir);
out:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return ran;
}

int main(int argc, char **argv)
{
    long total = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;
        long ran;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            return 2;
        }
        ran = S_ISDIR(st.st_mode) ? run_dir(argv[i]) : run_file(argv[i]) == 0 ? 1 : -1;
        if (ran < 0)
            return 2;
        total += ran;
    }
    if (total == 0) {
        fprintf(stderr, "replay: no inputs found\n");
        return 2;
    }
    printf("replay: %ld inputs ran\n", total);
    return 0;
}
