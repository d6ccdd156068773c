/*
 * largest_flows.c - the library from the outside: read OpenAlex works (or
 * CSV observations), measure mobility and print the largest flows between
 * countries, using only the public API.
 *
 *   cc largest_flows.c $(pkg-config --cflags --libs talentflow) -o largest_flows
 *   ./largest_flows world/works 10
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <talentflow/talentflow.h>

/* Every record of every input goes to the engine through its reader's lane. */
static int add(void *ctx, unsigned lane, const struct tf_record *rec, uint64_t order,
               struct tf_error *err)
{
    return tf_engine_add_record(ctx, lane, rec, order, err);
}

static int by_size(const void *pa, const void *pb)
{
    const struct tf_flow_row *a = pa, *b = pb;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return a->year - b->year;
}

static int fail(const struct tf_error *err)
{
    fprintf(stderr, "largest_flows: %s\n", err->msg);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: largest_flows PATH [N]   (OpenAlex works, or a .csv)\n");
        return 2;
    }
    size_t top = argc > 2 ? strtoul(argv[2], NULL, 10) : 10;
    size_t len = strlen(argv[1]);
    enum tf_format format =
        len > 4 && strcmp(argv[1] + len - 4, ".csv") == 0 ? TF_FORMAT_CSV : TF_FORMAT_OPENALEX;
    struct tf_error err;
    struct tf_ingest *in = NULL;
    struct tf_engine *e = NULL;
    struct tf_results *r = NULL;
    struct tf_ingest_opts io = {.lanes = 2};
    struct tf_engine_opts eo;
    tf_error_init(&err);
    tf_engine_opts_init(&eo);
    eo.lanes = io.lanes;
    int rc = tf_ingest_new(&in, &err);
    if (rc == 0)
        rc = tf_ingest_add(in, format, argv[1], &err);
    if (rc == 0)
        rc = tf_engine_new(&e, &eo, &err);
    if (rc == 0)
        rc = tf_ingest_run(in, &io, add, e, &err);
    if (rc == 0)
        rc = tf_engine_finish(e, &r, &err);
    if (rc == 0) {
        printf("talentflow %s: %llu records, %llu people, %llu moves\n", tf_version(),
               (unsigned long long)tf_ingest_records(in), (unsigned long long)r->people,
               (unsigned long long)r->moves);
        qsort(r->flows, r->n_flows, sizeof(*r->flows), by_size);
        for (size_t i = 0; i < r->n_flows && i < top; i++) {
            char o[3], d[3];
            printf("%s -> %s %d: %llu\n", tf_country_code(r->flows[i].origin, o),
                   tf_country_code(r->flows[i].destination, d), r->flows[i].year,
                   (unsigned long long)r->flows[i].n);
        }
    }
    tf_results_free(r);
    tf_engine_free(e);
    tf_ingest_free(in);
    return rc < 0 ? fail(&err) : 0;
}
