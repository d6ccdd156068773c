/*
 * synth_pools.c - the talent pools of a synthetic world: the top AI venues
 * its top-tier researchers publish at, and the truth of who belongs to the
 * preset pools (see synth_world.h and docs/synth.md).
 *
 * The truth is not what was planted but what the pool rules find in the
 * works actually written: a person is in a pool when enough of the works
 * on which they appear as an observed author (an author id and a country)
 * match it. The plant makes that close to the intended groups: only AI
 * researchers' works are in subfield 1702 and only they co-author with one
 * another; only top-tier researchers lead works at the top venues, though
 * their AI co-authors appear on those works too.
 */
#include <stdlib.h>
#include <string.h>

#include "synth/synth_world.h"

/*
 * Sources of the preset ai-top-venues (lib/select/presets.c): NeurIPS under
 * its OpenAlex id, the others under names the preset lists (the CVPR name
 * with a year in front, as OpenAlex writes it) and ids of no real source.
 * No other venue of a world has one of these names or ids (test_synth).
 */
const struct synth_top_venue synth_top_venues[] = {
    {UINT64_C(4306420609), "Neural Information Processing Systems", 0},
    {UINT64_C(4390000001), "International Conference on Machine Learning", 0},
    {UINT64_C(4390000002), "International Conference on Learning Representations", 0},
    {UINT64_C(4390000003), "Proceedings of the AAAI Conference on Artificial Intelligence", 0},
    {UINT64_C(4390000004), "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)",
     1},
    {UINT64_C(4390000005), "Annual Meeting of the Association for Computational Linguistics", 0},
};
const size_t synth_n_top_venues = sizeof(synth_top_venues) / sizeof(synth_top_venues[0]);

/* Works of one year by citations: n[c] works cited c times, c < cap. */
struct year_hist {
    uint64_t *n;
    size_t cap;
    uint64_t total;
};

static int hist_add(struct year_hist *h, uint64_t cited)
{
    if (cited >= h->cap) {
        size_t cap = h->cap ? h->cap : 256;
        while (cap <= cited)
            cap *= 2;
        uint64_t *n = realloc(h->n, cap * sizeof(*n));
        if (!n)
            return TF_ERR_NOMEM;
        memset(n + h->cap, 0, (cap - h->cap) * sizeof(*n));
        h->n = n;
        h->cap = cap;
    }
    h->n[cited]++;
    h->total++;
    return 0;
}

/*
 * The least citations that put a work of the year in the top, as
 * tf_pools_rank decides it: cited at least once, and fewer than the share
 * of the year's works cited more often (so ties at the threshold are all
 * in). 0 when no work is.
 */
static uint64_t hist_threshold(const struct year_hist *h)
{
    uint64_t above = 0, t = 0;
    for (size_t c = h->cap; c-- > 1;) {
        if (!h->n[c])
            continue;
        if (above * 100 < (uint64_t)SYNTH_TOP_CITED_PCT * h->total)
            t = c;
        above += h->n[c];
    }
    return t;
}

/* One work: its year's citations, and the pools of its observed authors. */
static int pools_work(struct synth_world *w, const struct synth_work *wk, struct year_hist *h,
                      uint32_t *best)
{
    struct synth_facts f;
    synth_work_facts(w, wk, &f);
    /* The engine keeps citations as 32 bits. */
    uint32_t cited = f.cited > UINT32_MAX ? UINT32_MAX : (uint32_t)f.cited;
    if (hist_add(&h[wk->yi], cited) < 0)
        return TF_ERR_NOMEM;
    int ai = w->tier[wk->lead] != SYNTH_OTHER;
    for (unsigned i = 0; i < wk->n_authors; i++) {
        const struct synth_author *a = &wk->a[i];
        if (!synth_author_observed(a))
            continue;
        uint8_t *m = &w->pools[a->person];
        *m |= ai ? SYNTH_POOL_AI : 0;
        if (f.top_venue >= 0) {
            *m |= *m & SYNTH_POOL_VENUE ? SYNTH_POOL_TOP : 0; /* the second venue work */
            *m |= SYNTH_POOL_VENUE;
        }
        size_t c = (size_t)a->person * (size_t)w->ny + (size_t)wk->yi;
        best[c] = cited > best[c] ? cited : best[c];
    }
    return 0;
}

int synth_world_pools(struct synth_world *w)
{
    size_t cells = (size_t)w->n * (size_t)w->ny;
    /* best[c]: the most cited work of person-year c that the person is observed on */
    uint32_t *best = calloc(cells ? cells : 1, sizeof(*best));
    struct year_hist *h = calloc((size_t)w->ny, sizeof(*h));
    w->pools = calloc(w->n ? w->n : 1, 1);
    int rc = best && h && w->pools ? 0 : TF_ERR_NOMEM;
    struct synth_work wk;
    struct synth_led it;
    for (uint32_t p = 0; p < w->n && rc == 0; p++) {
        int first = 0, last = 0;
        synth_active_span(w, p, &first, &last);
        for (int y = first; y <= last && rc == 0; y++) {
            synth_led_begin(w, &it, p, y);
            while (rc == 0 && synth_led_next(w, &it, &wk))
                rc = pools_work(w, &wk, h, best);
        }
    }
    for (int y = 0; y < w->ny && rc == 0; y++) {
        uint64_t t = hist_threshold(&h[y]);
        for (uint32_t p = 0; t && p < w->n; p++)
            if (best[(size_t)p * (size_t)w->ny + (size_t)y] >= t)
                w->pools[p] |= SYNTH_POOL_CITED;
    }
    for (int y = 0; h && y < w->ny; y++)
        free(h[y].n);
    free(h);
    free(best);
    return rc;
}
