/*
 * fuzz_input.h - the scratch file a fuzz target reads its input from.
 *
 * The readers take paths, so each input is written to one file per process
 * (under $TMPDIR or /tmp), created on first use and removed at exit. Meant
 * to be included by exactly one file of each fuzz target.
 */
#ifndef TF_FUZZ_INPUT_H
#define TF_FUZZ_INPUT_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char fuzz_input_path[256];

static void fuzz_input_remove(void)
{
    unlink(fuzz_input_path);
}

/*
 * Replaces the scratch file's content with data[0..size); `name` prefixes
 * the file name. Returns the path, or NULL when the file cannot be written.
 */
static const char *fuzz_input_write(const char *name, const uint8_t *data, size_t size)
{
    if (!fuzz_input_path[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(fuzz_input_path, sizeof(fuzz_input_path), "%s/%s.XXXXXX", dir ? dir : "/tmp",
                 name);
        int fd = mkstemp(fuzz_input_path);
        if (fd < 0) {
            fuzz_input_path[0] = '\0';
            return NULL;
        }
        close(fd);
        atexit(fuzz_input_remove);
    }
    FILE *f = fopen(fuzz_input_path, "wb");
    if (!f)
        return NULL;
    int bad = fwrite(data, 1, size, f) != size;
    bad = (fclose(f) != 0) || bad;
    return bad ? NULL : fuzz_input_path;
}

#endif
