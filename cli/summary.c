/* summary.c - the short human summary of a run on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define TOP 5

struct pair_total {
    tf_country o, d;
    uint64_t n;
};

static int cmp_pair(const void *pa, const void *pb)
{
    const struct pair_total *a = pa, *b = pb;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    if (a->o != b->o)
        return a->o < b->o ? -1 : 1;
    return (a->d > b->d) - (a->d < b->d);
}

/* Everyone's flows summed over years per corridor (sorted by pool, origin, destination). */
static void print_corridors(const struct tf_results *r)
{
    struct pair_total *p = calloc(r->n_flows + 1, sizeof(*p));
    size_t n = 0;
    if (!p)
        return;
    for (size_t i = 0; i < r->n_flows; i++) {
        const struct tf_flow_row *f = &r->flows[i];
        if (f->pool)
            break;
        if (!n || p[n - 1].o != f->origin || p[n - 1].d != f->destination)
            p[n++] = (struct pair_total){f->origin, f->destination, 0};
        p[n - 1].n += f->n;
    }
    qsort(p, n, sizeof(*p), cmp_pair);
    fputs("  top corridors:", stderr);
    for (size_t i = 0; i < n && i < TOP; i++) {
        char o[3], d[3];
        fprintf(stderr, "%s %s->%s %llu", i ? "," : "", tf_country_code(p[i].o, o),
                tf_country_code(p[i].d, d), (unsigned long long)p[i].n);
    }
    fputs(n ? "\n" : " none\n", stderr);
    free(p);
}

struct net_total {
    tf_country c;
    int64_t net;
};

static int cmp_net(const void *pa, const void *pb)
{
    const struct net_total *a = pa, *b = pb;
    if (a->net != b->net)
        return a->net > b->net ? -1 : 1;
    return (a->c > b->c) - (a->c < b->c);
}

static void print_net(const struct tf_results *r)
{
    struct net_total *t = calloc(65536, sizeof(*t));
    size_t n = 0;
    if (!t)
        return;
    for (size_t i = 0; i < r->n_country_year; i++) {
        const struct tf_cy_row *x = &r->country_year[i];
        if (x->pool)
            break; /* everyone's rows come first */
        t[x->country].c = x->country;
        t[x->country].net += (int64_t)x->in_migrations - (int64_t)x->out_migrations;
    }
    for (size_t i = 0; i < 65536; i++)
        if (t[i].c)
            t[n++] = t[i];
    qsort(t, n, sizeof(*t), cmp_net);
    char c[3];
    fputs("  net gainers:", stderr);
    for (size_t i = 0; i < n && i < TOP && t[i].net > 0; i++)
        fprintf(stderr, " %s %+lld", tf_country_code(t[i].c, c), (long long)t[i].net);
    fputs("\n  net losers:", stderr);
    for (size_t i = 0; i < n && i < TOP && t[n - 1 - i].net < 0; i++)
        fprintf(stderr, " %s %+lld", tf_country_code(t[n - 1 - i].c, c),
                (long long)t[n - 1 - i].net);
    fputc('\n', stderr);
    free(t);
}

void tf_cli_print_summary(const struct tf_results *r, const char *out)
{
    if (!r)
        return;
    fprintf(stderr, "talentflow run: %llu people, %llu moves, %llu observations kept -> %s/\n",
            (unsigned long long)r->people, (unsigned long long)r->moves,
            (unsigned long long)r->kept, out);
    print_corridors(r);
    print_net(r);
    for (size_t i = 1; i < r->n_pools; i++)
        fprintf(stderr, "  pool %s: %llu people, %llu moves\n", r->pools[i].name,
                (unsigned long long)r->pools[i].people, (unsigned long long)r->pools[i].moves);
}
