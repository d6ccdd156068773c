/* spill.c - partition files of observations under a private work directory. */
#include "engine/spill.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/hash.h"

#define SPILL_BUFFER (64 * 1024)

void tf_spill_path(const struct tf_spill *s, char *buf, size_t size, const char *prefix, unsigned p)
{
    snprintf(buf, size, "%s/%s.%03u", s->dir, prefix, p);
}

static FILE *open_part(const struct tf_spill *s, const char *prefix, unsigned p, const char *mode)
{
    char path[4200];
    tf_spill_path(s, path, sizeof(path), prefix, p);
    FILE *f = fopen(path, mode);
    if (f && mode[0] == 'w')
        setvbuf(f, NULL, _IOFBF, SPILL_BUFFER);
    return f;
}

int tf_spill_open(struct tf_spill *s, const char *tmpdir, unsigned n, struct tf_error *err)
{
    memset(s, 0, sizeof(*s));
    if (!tmpdir || !*tmpdir)
        tmpdir = getenv("TMPDIR");
    if (!tmpdir || !*tmpdir)
        tmpdir = "/tmp";
    snprintf(s->dir, sizeof(s->dir), "%s/talentflow-XXXXXX", tmpdir);
    if (!mkdtemp(s->dir)) {
        int e = errno;
        s->dir[0] = '\0';
        return tf_error_set(err, TF_ERR_IO, tmpdir, 0, "cannot create a work directory: %s",
                            strerror(e));
    }
    s->n = n;
    s->obs = calloc(n, sizeof(*s->obs));
    s->names = calloc(n, sizeof(*s->names));
    s->counts = calloc(n, sizeof(*s->counts));
    s->last_name = calloc(n, sizeof(*s->last_name));
    if (!s->obs || !s->names || !s->counts || !s->last_name)
        return tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory for %u partitions", n);
    for (unsigned p = 0; p < n; p++)
        if (!(s->obs[p] = open_part(s, "obs", p, "wb")))
            return tf_error_set(err, TF_ERR_IO, s->dir, 0, "cannot create partition %u: %s", p,
                                strerror(errno));
    return 0;
}

unsigned tf_spill_partition(const struct tf_spill *s, uint64_t person)
{
    /* High bits: hash tables inside a partition use the low ones. */
    return (unsigned)((tf_mix64(person) >> 32) % s->n);
}

static int add_name(struct tf_spill *s, unsigned p, uint64_t person, const char *name)
{
    if (s->last_name[p] == person)
        return 0;
    if (!s->names[p] && !(s->names[p] = open_part(s, "names", p, "wb")))
        return -1;
    uint32_t len = (uint32_t)strlen(name);
    if (fwrite(&person, sizeof(person), 1, s->names[p]) != 1 ||
        fwrite(&len, sizeof(len), 1, s->names[p]) != 1 || fwrite(name, 1, len, s->names[p]) != len)
        return -1;
    s->last_name[p] = person;
    return 0;
}

int tf_spill_add(struct tf_spill *s, const struct tf_obs *o, const char *name, struct tf_error *err)
{
    unsigned p = tf_spill_partition(s, o->person);
    if (fwrite(o, sizeof(*o), 1, s->obs[p]) != 1 || (name && add_name(s, p, o->person, name) < 0))
        return tf_error_set(err, TF_ERR_IO, s->dir, 0, "cannot write partition %u: %s", p,
                            strerror(errno));
    s->counts[p]++;
    return 0;
}

int tf_spill_close_writers(struct tf_spill *s, struct tf_error *err)
{
    int rc = 0;
    for (unsigned p = 0; p < s->n; p++) {
        FILE **fs[2] = {&s->obs[p], &s->names[p]};
        for (int i = 0; i < 2; i++) {
            if (*fs[i] && fclose(*fs[i]) != 0 && rc == 0)
                rc = tf_error_set(err, TF_ERR_IO, s->dir, 0, "cannot write partition %u: %s", p,
                                  strerror(errno));
            *fs[i] = NULL;
        }
    }
    return rc;
}

int tf_spill_read(const char *path, uint64_t count, struct tf_obs **obs, size_t *cap,
                  struct tf_error *err)
{
    size_t want = (size_t)count;
    if (want > *cap) {
        struct tf_obs *q = realloc(*obs, want * sizeof(*q));
        if (!q)
            return tf_error_set(err, TF_ERR_NOMEM, path, 0,
                                "out of memory reading %zu observations", want);
        *obs = q;
        *cap = want;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        return tf_error_set(err, TF_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    size_t got = want ? fread(*obs, sizeof(**obs), want, f) : 0;
    fclose(f);
    if (got != want)
        return tf_error_set(err, TF_ERR_IO, path, 0, "short file (%zu of %zu observations)", got,
                            want);
    return 0;
}

/* Moves every observation of `in` to one of the `m` files by a second hash. */
static int split_into(FILE *in, FILE **outs, unsigned m, uint64_t *counts)
{
    struct tf_obs chunk[4096];
    size_t got;
    while ((got = fread(chunk, sizeof(chunk[0]), 4096, in)) > 0) {
        for (size_t i = 0; i < got; i++) {
            /* Low bits: independent of the high bits that chose the partition. */
            unsigned s = (unsigned)((tf_mix64(chunk[i].person) & 0xFFFFFFFFu) % m);
            if (fwrite(&chunk[i], sizeof(chunk[i]), 1, outs[s]) != 1)
                return -1;
            counts[s]++;
        }
    }
    return ferror(in) ? -1 : 0;
}

int tf_spill_split(const struct tf_spill *s, unsigned p, unsigned m, uint64_t *counts,
                   struct tf_error *err)
{
    char path[4200], prefix[32];
    FILE **outs = calloc(m, sizeof(*outs));
    FILE *in = open_part(s, "obs", p, "rb");
    int rc = outs && in ? 0 : -1;
    snprintf(prefix, sizeof(prefix), "split.%03u", p);
    for (unsigned i = 0; i < m && rc == 0; i++) {
        counts[i] = 0;
        tf_spill_path(s, path, sizeof(path), prefix, i);
        if (!(outs[i] = fopen(path, "wb")))
            rc = -1;
    }
    if (rc == 0)
        rc = split_into(in, outs, m, counts);
    for (unsigned i = 0; outs && i < m; i++)
        if (outs[i] && fclose(outs[i]) != 0)
            rc = -1;
    if (in)
        fclose(in);
    free(outs);
    if (rc < 0)
        return tf_error_set(err, TF_ERR_IO, s->dir, 0, "cannot split partition %u: %s", p,
                            strerror(errno));
    return 0;
}

void tf_spill_free(struct tf_spill *s)
{
    if (s->obs || s->names) {
        struct tf_error ignored;
        tf_spill_close_writers(s, &ignored);
    }
    if (s->dir[0]) {
        DIR *d = opendir(s->dir);
        struct dirent *e;
        char path[4400];
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            snprintf(path, sizeof(path), "%s/%s", s->dir, e->d_name);
            unlink(path);
        }
        if (d)
            closedir(d);
        rmdir(s->dir);
    }
    free(s->obs);
    free(s->names);
    free(s->counts);
    free(s->last_name);
    memset(s, 0, sizeof(*s));
}
