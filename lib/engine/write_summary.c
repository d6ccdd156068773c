/* write_summary.c - summary.json: what was read, what was kept, what was skipped and why. */
#include <stdio.h>

#include "io/afile.h"
#include "talentflow/output.h"
#include "talentflow/text.h"
#include "talentflow/version.h"

static void put_inputs(FILE *f, const struct tf_paths *in)
{
    fputs("  \"inputs\": [", f);
    for (size_t i = 0; in && i < in->n; i++) {
        fputs(i ? ",\n    {\"path\": " : "\n    {\"path\": ", f);
        tf_json_string(f, in->v[i]);
        fprintf(f, ", \"bytes\": %llu}", (unsigned long long)in->size[i]);
    }
    fputs(in && in->n ? "\n  ],\n" : "],\n", f);
}

static void put_skips(FILE *f, const struct tf_skips *read, const struct tf_skips *engine)
{
    fputs("  \"skipped\": {", f);
    for (int r = 0; r < TF_SKIP_COUNT; r++) {
        uint64_t n = (read ? read->n[r] : 0) + engine->n[r];
        fprintf(f, "%s\n    \"%s\": %llu", r ? "," : "", tf_skip_name(r), (unsigned long long)n);
    }
    fputs("\n  },\n  \"examples\": [", f);
    int first = 1;
    for (int r = 0; read && r < TF_SKIP_COUNT; r++) {
        for (uint64_t i = 0; i < read->n[r] && i < TF_SKIP_EXAMPLES; i++) {
            fputs(first ? "\n    " : ",\n    ", f);
            tf_json_string(f, read->first[r][i].msg);
            first = 0;
        }
    }
    fputs(first ? "],\n" : "\n  ],\n", f);
}

static void put_options(FILE *f, const struct tf_engine_opts *o)
{
    fprintf(f,
            "  \"options\": {\"year_from\": %d, \"year_to\": %d, \"min_works\": %u, "
            "\"min_years\": %u, \"move_kind\": \"%s\"}\n",
            o ? o->year_from : 0, o ? o->year_to : 0, o ? o->min_works : 0, o ? o->min_years : 1,
            tf_move_kind_name(o ? o->move_kind : TF_MOVES_ALL));
}

/* Every pool measured: its definition, people and moves ("all" first). */
static void put_pools(FILE *f, const struct tf_results *r)
{
    fputs("  \"pools\": [", f);
    for (size_t i = 0; i < r->n_pools; i++) {
        const struct tf_pool_result *p = &r->pools[i];
        fprintf(f, "%s\n    {\"name\": ", i ? "," : "");
        tf_json_string(f, p->name);
        fputs(", \"definition\": ", f);
        tf_json_string(f, p->definition ? p->definition : "");
        fprintf(f, ", \"people\": %llu, \"moves\": %llu}", (unsigned long long)p->people,
                (unsigned long long)p->moves);
    }
    fputs("\n  ],\n", f);
}

int tf_write_summary(const struct tf_results *r, const struct tf_run_info *info, const char *dir,
                     struct tf_error *err)
{
    char path[4200];
    struct tf_afile a;
    int rc = tf_mkdir(dir, err);
    if (rc < 0)
        return rc;
    snprintf(path, sizeof(path), "%s/summary.json", dir);
    if ((rc = tf_afile_open(&a, path, err)) < 0)
        return rc;
    FILE *f = a.f;
    fprintf(f, "{\n  \"talentflow\": \"%s\",\n  \"format\": ", tf_version());
    tf_json_string(f, info->format ? info->format : "");
    fputs(",\n", f);
    put_inputs(f, info->inputs);
    fprintf(f,
            "  \"records\": %llu,\n  \"bytes\": %llu,\n  \"observations\": %llu,\n"
            "  \"observations_kept\": %llu,\n  \"people\": %llu,\n  \"moves\": %llu,\n",
            (unsigned long long)info->records, (unsigned long long)info->bytes,
            (unsigned long long)r->observations, (unsigned long long)r->kept,
            (unsigned long long)r->people, (unsigned long long)r->moves);
    fprintf(f,
            "  \"merged_ids\": {\"authors\": %llu, \"works\": %llu, "
            "\"observations_remapped\": %llu},\n",
            (unsigned long long)info->merged_authors, (unsigned long long)info->merged_works,
            (unsigned long long)info->remapped);
    put_pools(f, r);
    put_skips(f, info->read_skips, &r->skips);
    put_options(f, info->opts);
    fputs("}\n", f);
    return tf_afile_commit(&a, err);
}
