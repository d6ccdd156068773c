/* obs_writer.c - observations as CSV that reads back to the same keys and weights. */
#include <stdlib.h>

#include "out/afile.h"
#include "talentflow/output.h"

struct tf_obs_writer {
    struct tf_afile file;
    uint64_t count;
};

int tf_obs_writer_open(struct tf_obs_writer **out, const char *path, struct tf_error *err)
{
    *out = NULL;
    struct tf_obs_writer *w = calloc(1, sizeof(*w));
    if (!w)
        return tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    int rc = tf_afile_open(&w->file, path, err);
    if (rc < 0) {
        free(w);
        return rc;
    }
    fputs("person,year,country,weight,kind,org,work\n", w->file.f);
    *out = w;
    return 0;
}

/* Writes a key in display form ("A1", "W2", "I3"), or the id string for hashed ones. */
static void put_key(FILE *f, int (*fmt)(uint64_t, char *), uint64_t key, const char *name)
{
    char buf[32];
    if (name)
        tf_csv_field(f, name);
    else if (key && fmt(key, buf) >= 0)
        fputs(buf, f);
}

int tf_obs_writer_add(struct tf_obs_writer *w, const struct tf_record *rec, struct tf_error *err)
{
    FILE *f = w->file.f;
    for (size_t i = 0; i < rec->n_obs; i++) {
        const struct tf_obs *o = &rec->obs[i];
        char c[3], wt[32];
        put_key(f, tf_person_format, o->person, rec->names ? rec->names[i] : NULL);
        tf_weight_format(o->weight, wt);
        fprintf(f, ",%d,%s,%s,%s,", o->year, tf_country_code(o->country, c), wt,
                tf_kind_name(o->kind));
        put_key(f, tf_org_format, o->org, NULL);
        fputc(',', f);
        put_key(f, tf_work_format, o->work, NULL);
        fputc('\n', f);
    }
    w->count += rec->n_obs;
    if (ferror(f))
        return tf_error_set(err, TF_ERR_IO, w->file.is_stdout ? "-" : w->file.path, 0,
                            "cannot write");
    return 0;
}

uint64_t tf_obs_writer_count(const struct tf_obs_writer *w)
{
    return w->count;
}

int tf_obs_writer_close(struct tf_obs_writer *w, struct tf_error *err)
{
    int rc = tf_afile_commit(&w->file, err);
    free(w);
    return rc;
}

void tf_obs_writer_abort(struct tf_obs_writer *w)
{
    if (!w)
        return;
    tf_afile_abort(&w->file);
    free(w);
}
