/*
 * fuzz_input.h - the scratch file a fuzz target reads its input from.
 *
 * The readers take paths, so each input is written to one file per process
 * (under $TMPDIR or /tmp), created on first use and removed at a normal exit.
 * A crash leaves it behind, so ctest, CI and scripts/fuzz.sh point TMPDIR
 * into the build folder. Meant to be included by exactly one file of each
 * fuzz target.
 */
#ifndef TF_FUZZ_INPUT_H
#define TF_FUZZ_INPUT_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_input_path[4096];

static void fuzz_input_remove(void)
{
    unlink(fuzz_input_path);
}

/*
 * A target that cannot write its input would check nothing and pass every
 * input, so this is a harness failure, not a finding: say why and stop.
 */
static void fuzz_input_fail(const char *what)
{
    fprintf(stderr, "fuzz_input: cannot %s %s: %s\n", what, fuzz_input_path,
            errno ? strerror(errno) : "path too long");
    abort();
}

/*
 * Replaces the scratch file's content with data[0..size); `name` prefixes
 * the file name. Returns the path; aborts when the file cannot be written.
 */
static const char *fuzz_input_write(const char *name, const uint8_t *data, size_t size)
{
    errno = 0;
    if (!fuzz_input_path[0]) {
        const char *dir = getenv("TMPDIR");
        int n = snprintf(fuzz_input_path, sizeof(fuzz_input_path), "%s/%s.XXXXXX",
                         dir && dir[0] ? dir : "/tmp", name);
        if (n < 0 || (size_t)n >= sizeof(fuzz_input_path))
            fuzz_input_fail("create");
        int fd = mkstemp(fuzz_input_path);
        if (fd < 0)
            fuzz_input_fail("create");
        close(fd);
        atexit(fuzz_input_remove);
    }
    FILE *f = fopen(fuzz_input_path, "wb");
    if (!f)
        fuzz_input_fail("open");
    int bad = fwrite(data, 1, size, f) != size;
    bad = (fclose(f) != 0) || bad;
    if (bad)
        fuzz_input_fail("write");
    return fuzz_input_path;
}

#endif
