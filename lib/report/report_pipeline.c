/*
 * report_pipeline.c - the report's study-to-work section, when the run had
 * education records (ORCID): people by the country of their first degree,
 * of their highest degree and of their work now, drawn as a three-stage flow
 * with the largest countries of each stage and the rest grouped, and the
 * share of the largest first-degree country's graduates who work abroad.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_page.h"

#define W TF_CHART_W
#define PL_TOP_N 7   /* countries drawn per stage; the rest are "other countries" */
#define PL_NODES 9   /* PL_TOP_N, other countries, and no work seen */
#define PL_OTHER "*" /* the bucket of the other countries */
#define PL_NONE "-"  /* the bucket of no work seen */
#define PL_Y0 40.0
#define PL_GAP 10.0
#define PL_NODE 14.0

static const double stage_x[3] = {170.0, 470.0, 770.0};

/* One stage's nodes: the drawn countries, then "other countries", then "no work seen". */
struct stage {
    char code[PL_NODES][TF_RD_CODE];
    uint64_t n[PL_NODES];
    double y[PL_NODES], in[PL_NODES], out[PL_NODES]; /* top, next band in, next band out */
    size_t count;
};

/* The country of row r at stage s (0 first degree, 1 highest degree, 2 work). */
static const char *row_code(const struct tf_rd_pipe *r, int s)
{
    return s == 0 ? r->first : s == 1 ? r->highest : r->work;
}

static size_t node_find(const struct stage *st, const char *code)
{
    for (size_t i = 0; i < st->count; i++)
        if (strcmp(st->code[i], code) == 0)
            return i;
    return st->count;
}

/* The node a country falls in at this stage: its own, else other countries (or no work). */
static size_t node_of(const struct stage *st, const char *code)
{
    size_t i = node_find(st, code[0] ? code : PL_NONE);
    return i < st->count ? i : node_find(st, PL_OTHER);
}

/* Adds `n` to node `code` of a stage being summed, adding the node when new. */
static void stage_add(struct stage *st, const char *code, uint64_t n, size_t cap)
{
    size_t i = node_find(st, code);
    if (i == st->count) {
        if (st->count == cap)
            return;
        snprintf(st->code[st->count++], TF_RD_CODE, "%s", code);
    }
    st->n[i] += n;
}

/* The stage's largest PL_TOP_N countries, largest first, then the others and no work. */
static void stage_build(struct stage *st, const struct tf_report_data *rd, int s)
{
    memset(st, 0, sizeof(*st));
    struct { /* every country of the stage: ISO 3166-1 has fewer than 300 */
        char code[TF_RD_CODE];
        uint64_t n;
    } seen[300];
    size_t n_seen = 0;
    memset(seen, 0, sizeof(seen));
    uint64_t none = 0;
    for (size_t i = 0; i < rd->n_pipe; i++) {
        const char *c = row_code(&rd->pipe[i], s);
        if (!c[0]) {
            none += rd->pipe[i].n;
            continue;
        }
        size_t j = 0;
        while (j < n_seen && strcmp(seen[j].code, c) != 0)
            j++;
        if (j == n_seen && n_seen < 300)
            snprintf(seen[n_seen++].code, TF_RD_CODE, "%s", c);
        if (j < n_seen)
            seen[j].n += rd->pipe[i].n;
    }
    for (size_t k = 0; k < PL_TOP_N; k++) {
        size_t best = n_seen;
        for (size_t j = 0; j < n_seen; j++)
            if (seen[j].n &&
                (best == n_seen || seen[j].n > seen[best].n ||
                 (seen[j].n == seen[best].n && strcmp(seen[j].code, seen[best].code) < 0)))
                best = j;
        if (best == n_seen)
            break;
        stage_add(st, seen[best].code, seen[best].n, PL_NODES);
        seen[best].n = 0;
    }
    for (size_t j = 0; j < n_seen; j++)
        if (seen[j].n)
            stage_add(st, PL_OTHER, seen[j].n, PL_NODES);
    if (none)
        stage_add(st, PL_NONE, none, PL_NODES);
}

/* Stacks a stage's nodes from the top; returns the height used. */
static double stage_place(struct stage *st, double scale)
{
    double y = PL_Y0;
    for (size_t i = 0; i < st->count; i++) {
        st->y[i] = st->in[i] = st->out[i] = y;
        y += (double)st->n[i] * scale + PL_GAP;
    }
    return y - PL_Y0;
}

static const char *node_colour(const struct tf_report_data *rd, const char *code)
{
    if (strcmp(code, PL_OTHER) == 0 || strcmp(code, PL_NONE) == 0)
        return "#999999";
    return tf_svg_colour(tf_report_style(rd, code));
}

static const char *node_name(const struct tf_report_data *rd, const char *code)
{
    return strcmp(code, PL_OTHER) == 0  ? rd->t->pl_other
           : strcmp(code, PL_NONE) == 0 ? rd->t->pl_none
                                        : code;
}

/* The bands from stage s to stage s + 1: every pair of nodes, summed over the rows. */
static void bands(struct tf_doc *d, const struct tf_report_data *rd, struct stage st[3], int s,
                  double scale)
{
    char tip[200], num[32];
    struct stage *a = &st[s], *b = &st[s + 1];
    for (size_t i = 0; i < a->count; i++)
        for (size_t j = 0; j < b->count; j++) {
            uint64_t n = 0;
            for (size_t r = 0; r < rd->n_pipe; r++)
                if (node_of(a, row_code(&rd->pipe[r], s)) == i &&
                    node_of(b, row_code(&rd->pipe[r], s + 1)) == j)
                    n += rd->pipe[r].n;
            if (!n)
                continue;
            double h = (double)n * scale, x0 = stage_x[s] + PL_NODE, x1 = stage_x[s + 1];
            double y0 = a->out[i], y1 = b->in[j], xm = (x0 + x1) / 2;
            const char *colour = node_colour(rd, a->code[i]);
            tf_say(tip, sizeof(tip), n == 1 ? rd->t->pl_tip_1 : rd->t->pl_tip,
                   node_name(rd, a->code[i]), node_name(rd, b->code[j]), tf_fmt_count(n, num),
                   NULL);
            tf_doc_fmt(d,
                       "<path class=\"mark link\" fill=\"%s\" stroke=\"%s\" d=\"M%.1f %.1fC%.1f "
                       "%.1f %.1f %.1f %.1f %.1fV%.1fC%.1f %.1f %.1f %.1f %.1f %.1fZ\"><title>",
                       colour, colour, x0, y0, xm, y0, xm, y1, x1, y1, y1 + h, xm, y1 + h, xm,
                       y0 + h, x0, y0 + h);
            tf_doc_text(d, tip);
            tf_doc_raw(d, "</title></path>");
            a->out[i] += h;
            b->in[j] += h;
        }
}

static void nodes(struct tf_doc *d, const struct tf_report_data *rd, const struct stage *st, int s,
                  double scale)
{
    char label[160], num[32];
    for (size_t i = 0; i < st->count; i++) {
        double h = (double)st->n[i] * scale;
        tf_svg_rect(d, stage_x[s], st->y[i], PL_NODE, h, "#333", NULL);
        tf_say(label, sizeof(label), "{1} {2}", node_name(rd, st->code[i]),
               tf_fmt_count(st->n[i], num), NULL);
        if (s == 0)
            tf_svg_text(d, stage_x[s] - 6, st->y[i] + h / 2 + 4, TF_END, "lab", label);
        else
            tf_svg_text(d, stage_x[s] + PL_NODE + 6, st->y[i] + h / 2 + 4, TF_START, "lab", label);
    }
}

/* "Of the 12 people whose first degree was in CN (China), 25.0 % now work in DE ..." */
static void headline(struct tf_doc *d, const struct tf_report_data *rd, const struct stage *first)
{
    char s[600], a[160], b[160], n[32], p[32], q[32];
    const char *top = first->code[0], *away = NULL;
    uint64_t all = 0, home = 0, best = 0;
    if (!first->count || strcmp(top, PL_OTHER) == 0 || strcmp(top, PL_NONE) == 0)
        return;
    for (size_t r = 0; r < rd->n_pipe; r++) {
        const struct tf_rd_pipe *x = &rd->pipe[r];
        if (strcmp(x->first, top) != 0)
            continue;
        all += x->n;
        home += strcmp(x->work, top) == 0 ? x->n : 0;
    }
    for (size_t r = 0; r < rd->n_pipe; r++) { /* the most common work country abroad */
        const struct tf_rd_pipe *x = &rd->pipe[r];
        uint64_t k = 0;
        if (strcmp(x->first, top) != 0 || !x->work[0] || strcmp(x->work, top) == 0)
            continue;
        for (size_t t = 0; t < rd->n_pipe; t++)
            if (strcmp(rd->pipe[t].first, top) == 0 && strcmp(rd->pipe[t].work, x->work) == 0)
                k += rd->pipe[t].n;
        if (k > best || (k == best && away && strcmp(x->work, away) < 0)) {
            best = k;
            away = x->work;
        }
    }
    tf_report_label(rd, top, a, sizeof(a));
    if (away)
        tf_say(s, sizeof(s), rd->t->pl_headline, tf_fmt_count(all, n), a,
               tf_report_pct(rd, (double)best / (double)all, p),
               tf_report_label(rd, away, b, sizeof(b)),
               tf_report_pct(rd, (double)home / (double)all, q), NULL);
    else
        tf_say(s, sizeof(s), rd->t->pl_headline_home, tf_fmt_count(all, n), a,
               tf_report_pct(rd, (double)home / (double)all, q), NULL);
    tf_doc_raw(d, "<ul class=\"answers\"><li>");
    tf_doc_text(d, s);
    tf_doc_raw(d, "</li></ul>\n");
}

static void pipeline_table(struct tf_doc *d, const struct tf_report_data *rd)
{
    char label[3][160];
    tf_table_begin(d, rd->t->pl_summary, rd->t->pl_heads, 4);
    for (size_t r = 0; r < rd->n_pipe; r++) {
        const struct tf_rd_pipe *x = &rd->pipe[r];
        tf_table_row(d);
        tf_table_text(d, tf_report_label(rd, x->first, label[0], sizeof(label[0])));
        tf_table_text(d, tf_report_label(rd, x->highest, label[1], sizeof(label[1])));
        tf_table_text(d, x->work[0] ? tf_report_label(rd, x->work, label[2], sizeof(label[2]))
                                    : rd->t->pl_none);
        tf_table_count(d, x->n);
    }
    tf_table_end(d);
}

void tf_section_pipeline(struct tf_doc *d, const struct tf_report_data *rd)
{
    struct stage st[3];
    char desc[320], cap[600], num[32], top[24];
    if (!rd->pipe_total)
        return;
    size_t most = 0;
    for (int s = 0; s < 3; s++) {
        stage_build(&st[s], rd, s);
        most = st[s].count > most ? st[s].count : most;
    }
    double height = 34.0 * (double)most < 260 ? 260 : 34.0 * (double)most;
    double scale = (height - PL_GAP * (double)(most - 1)) / (double)rd->pipe_total;
    for (int s = 0; s < 3; s++)
        stage_place(&st[s], scale);
    tf_section_begin(d, "pipeline", rd->t->pl_title, rd->t->pl_intro);
    headline(d, rd, &st[0]);
    tf_say(desc, sizeof(desc), rd->t->pl_desc, tf_fmt_count(rd->pipe_total, num), NULL);
    tf_figure_begin(d);
    tf_svg_begin(d, TF_CHART_PIPELINE, W, (int)(PL_Y0 + height + 16), rd->t->pl_chart_title, desc);
    for (int s = 0; s < 3; s++)
        tf_svg_text(d, stage_x[s] + (s == 0 ? PL_NODE : 0), 20, s == 0 ? TF_END : TF_START, "head",
                    rd->t->pl_stage[s]);
    bands(d, rd, st, 0, scale);
    bands(d, rd, st, 1, scale);
    for (int s = 0; s < 3; s++)
        nodes(d, rd, &st[s], s, scale);
    tf_svg_end(d);
    tf_say(cap, sizeof(cap), rd->t->pl_caption, tf_int(PL_TOP_N, top), NULL);
    tf_figure_end(d, cap);
    pipeline_table(d, rd);
    tf_doc_raw(d, "</section>\n");
}
