/*
 * report_focus.c - the report's first section: the question talentflow was
 * built for, asked of one pair of countries in one talent pool. Sentences
 * give each number with its 95 % interval and link to the chart and the
 * table it comes from; the reads and the arithmetic are in report_pair.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_page.h"

#define W TF_CHART_W
#define ARROW "\xe2\x86\x92"

/* ---- words and numbers -------------------------------------------------- */

/* "89 (12.5 %; 95 % interval 9.6–16.1 %)": the count, its share and the share's interval. */
static char *share_text(const struct tf_report_data *rd, const struct tf_rd_share *s, char *buf,
                        size_t size)
{
    char k[32], p[32], lo[32], hi[32];
    return tf_say(buf, size, rd->t->pr_share, tf_fmt_count(s->k, k), tf_report_pct(rd, s->p, p),
                  tf_fmt_num(s->lo * 100, 1, lo), tf_report_pct(rd, s->hi, hi), NULL);
}

/* A change of a share in percentage points, signed: "+4.2", "−1.3", "0.0". */
static char *points(double change, char buf[32])
{
    char t[32];
    double v = change * 100;
    snprintf(buf, 32, "%s%s", round(v * 10) > 0 ? "+" : "", tf_fmt_num(v, 1, t));
    return buf;
}

/* Who the sentences are about: everyone, or the researchers of one pool. */
static char *who(const struct tf_report_data *rd, char *buf, size_t size)
{
    if (strcmp(rd->pair.pool, "all") == 0)
        return tf_say(buf, size, rd->t->pr_who_all, NULL);
    return tf_say(buf, size, rd->t->pr_who_pool, rd->pair.pool, NULL);
}

/* Someone of the window's cohorts has a known return: the returns chart has a point. */
static int returns_drawn(const struct tf_rd_pair *p)
{
    for (int i = 0; i < 2; i++)
        for (size_t j = 0; j < p->dir[i].n; j++)
            if (isfinite(p->dir[i].c[j].km) && p->dir[i].c[j].observed > 0)
                return 1;
    return 0;
}

/* One answer: the escaped sentence and links to the chart and table behind it (NULL: none). */
static void answer(struct tf_doc *d, const struct tf_report_data *rd, const char *sentence,
                   const char *chart, const char *table)
{
    const struct tf_report_text *t = rd->t;
    tf_doc_raw(d, "<li>");
    tf_doc_text(d, sentence);
    if (chart || table)
        tf_doc_text(d, t->pr_link_open);
    if (chart) {
        tf_doc_fmt(d, "<a href=\"#%s\">", chart);
        tf_doc_text(d, t->pr_chart);
        tf_doc_raw(d, "</a>");
        if (table)
            tf_doc_text(d, t->pr_link_sep);
    }
    if (table) {
        tf_doc_fmt(d, "<a href=\"#%s\">", table);
        tf_doc_text(d, t->pr_table);
        tf_doc_raw(d, "</a>");
    }
    if (chart || table)
        tf_doc_text(d, t->pr_link_close);
    tf_doc_raw(d, "</li>\n");
}

/* ---- the sentences ------------------------------------------------------ */

static void answer_where(struct tf_doc *d, const struct tf_report_data *rd, int i)
{
    const struct tf_rd_pair *p = &rd->pair;
    const struct tf_rd_whereabouts *w = &p->where[i];
    char s[1200], a[160], b[160], n[32], people[96], x[3][160];
    tf_report_label(rd, p->code[i], a, sizeof(a));
    tf_report_label(rd, p->code[1 - i], b, sizeof(b));
    who(rd, people, sizeof(people));
    if (!w->home.n)
        tf_say(s, sizeof(s), rd->t->pr_where_none, people, a, NULL);
    else
        tf_say(s, sizeof(s), rd->t->pr_where, tf_fmt_count(w->home.n, n), people, a,
               share_text(rd, &w->partner, x[0], 160), b, share_text(rd, &w->home, x[1], 160),
               p->code[i], share_text(rd, &w->elsewhere, x[2], 160), NULL);
    answer(d, rd, s, NULL, TF_TABLE_PAIR_WHERE);
}

static void answer_flows(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_rd_pair *p = &rd->pair;
    char s[1200], a[160], b[160], years[32], people[96], n[4][32], year[24];
    if (!p->n_years) {
        answer(d, rd, rd->t->pr_flows_none, NULL, NULL);
        return;
    }
    const struct tf_rd_pair_year *last = &p->years[p->n_years - 1];
    tf_say(s, sizeof(s), rd->t->pr_flows, tf_report_years(rd, years),
           tf_fmt_count(p->dir[0].moves, n[0]), who(rd, people, sizeof(people)),
           tf_report_label(rd, p->code[0], a, sizeof(a)),
           tf_report_label(rd, p->code[1], b, sizeof(b)), tf_fmt_count(p->dir[1].moves, n[1]),
           p->code[1], p->code[0], tf_int(last->year, year), tf_fmt_count(last->n[0], n[2]),
           tf_fmt_count(last->n[1], n[3]), NULL);
    answer(d, rd, s, TF_CHART_PAIR_FLOWS, TF_TABLE_PAIR_FLOWS);
}

/* The whole run's return from the pooled row, or nothing when the store has none. */
static void return_pooled(const struct tf_report_data *rd, int i, char *s, size_t size)
{
    const struct tf_rd_pair *p = &rd->pair;
    const struct tf_rd_pair_cohort *c = &p->dir[i].pooled;
    char a[160], b[160], n[3][32], km[32], k[24];
    s[0] = '\0';
    if (!p->dir[i].has_pooled || !c->departed || !isfinite(c->km))
        return;
    tf_say(s, size, rd->t->pr_pooled, tf_fmt_count(c->departed, n[0]),
           tf_report_label(rd, p->code[i], a, sizeof(a)),
           tf_report_label(rd, p->code[1 - i], b, sizeof(b)), tf_report_pct(rd, c->km, km),
           p->code[i], tf_int(TF_RD_PAIR_K, k), tf_fmt_count(c->returned, n[1]),
           tf_fmt_count(c->observed, n[2]), NULL);
}

/* The smallest and largest departures and the first and last year of the trend's cohorts. */
static void trend_span(const struct tf_rd_pair_dir *r, uint64_t dep[2], int year[2])
{
    dep[0] = UINT64_MAX;
    dep[1] = 0;
    year[0] = year[1] = 0;
    for (size_t j = 0; j < r->n; j++) {
        const struct tf_rd_pair_cohort *c = &r->c[j];
        if (c->departed < TF_RD_TREND_MIN || !c->observed || !isfinite(c->km))
            continue;
        dep[0] = c->departed < dep[0] ? c->departed : dep[0];
        dep[1] = c->departed > dep[1] ? c->departed : dep[1];
        year[0] = year[0] ? year[0] : c->cohort;
        year[1] = c->cohort;
    }
}

/* Rising, falling or neither across the cohorts, or that n is too small to tell. */
static void return_trend(const struct tf_report_data *rd, int i, char *s, size_t size)
{
    const struct tf_rd_pair_dir *r = &rd->pair.dir[i];
    const struct tf_rd_trend *t = &r->trend;
    const struct tf_report_text *x = rd->t;
    char n[2][32], sl[32], lo[32], hi[32], k[24], min[24], used[24], y[2][24];
    uint64_t dep[2];
    int year[2];
    tf_int(TF_RD_PAIR_K, k);
    tf_int(TF_RD_TREND_MIN, min);
    tf_int((long)t->used, used);
    if (t->used < 3) {
        tf_say(s, size,
               t->used == 0   ? x->pr_trend_small_0
               : t->used == 1 ? x->pr_trend_small_1
                              : x->pr_trend_small,
               rd->pair.code[i], k, used, tf_report_years(rd, sl), min, NULL);
        return;
    }
    trend_span(r, dep, year);
    const char *verdict = t->lo > 0 ? x->pr_rising : t->hi < 0 ? x->pr_falling : x->pr_flat;
    tf_say(s, size, x->pr_trend, used, tf_int(year[0], y[0]), tf_int(year[1], y[1]), min,
           tf_fmt_count(dep[0], n[0]), tf_fmt_count(dep[1], n[1]), rd->pair.code[i], k,
           points(t->slope * 10, sl), points(t->lo * 10, lo), points(t->hi * 10, hi), verdict,
           NULL);
}

static void answer_return(struct tf_doc *d, const struct tf_report_data *rd, int i)
{
    const struct tf_rd_pair *p = &rd->pair;
    char s[1600], head[640], trend[640];
    if (!p->dir[i].n && !p->dir[i].has_pooled) {
        tf_say(s, sizeof(s), rd->t->pr_ret_none, p->code[i], p->code[1 - i], NULL);
        answer(d, rd, s, NULL, TF_TABLE_PAIR_RETURNS);
        return;
    }
    return_pooled(rd, i, head, sizeof(head));
    return_trend(rd, i, trend, sizeof(trend));
    if (!head[0])
        tf_say(head, sizeof(head), rd->t->pr_ret_nopooled, p->code[i], p->code[1 - i], NULL);
    snprintf(s, sizeof(s), "%s%s", head, trend);
    answer(d, rd, s, returns_drawn(p) ? TF_CHART_PAIR_RETURNS : NULL, TF_TABLE_PAIR_RETURNS);
}

/* ---- two lines over the years: A -> B and B -> A ------------------------ */

#define PL_X0 70.0
#define PL_X1 900.0
#define PL_TOP 56.0
#define PL_BOTTOM 236.0
#define PL_TIP 200

/*
 * A chart of the pair's two directions over the window's years: v[s][i] is
 * direction s in year y0 + i (NaN: no point), tips[s][i] its tooltip.
 * `px`, `py` are scratch room for n_years points.
 */
struct lines {
    const char *id, *title, *desc, *axis;
    double *v[2];
    const char **tips[2];
    double *px, *py;
    char *text; /* the tooltips' characters, PL_TIP bytes each */
};

static void lines_legend(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_rd_pair *p = &rd->pair;
    char label[32];
    for (int s = 0; s < 2; s++) {
        double x = 72 + 160.0 * s;
        size_t style = tf_report_style(rd, p->code[s]);
        tf_doc_fmt(d,
                   "<path class=\"series\" fill=\"none\" stroke=\"%s\" stroke-dasharray=\"%s\" "
                   "d=\"M%.1f 16h28\"/>",
                   tf_svg_colour(style), tf_svg_dash(style), x);
        tf_svg_marker(d, style, x + 14, 16, NULL);
        snprintf(label, sizeof(label), "%s " ARROW " %s", p->code[s], p->code[1 - s]);
        tf_svg_text(d, x + 34, 20, TF_START, NULL, label);
    }
}

static void lines_draw(struct tf_doc *d, const struct tf_report_data *rd, const struct lines *l)
{
    double xt[TF_MAX_TICKS], yt[TF_MAX_TICKS], lo, hi, ylo = 0, yhi = 0;
    size_t n = rd->n_years, nx = tf_chart_year_ticks(rd, &lo, &hi, xt);
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < n; i++)
            yhi = isfinite(l->v[s][i]) && l->v[s][i] > yhi ? l->v[s][i] : yhi;
    yhi = yhi > 0 ? yhi : 1;
    size_t ny = tf_scale_ticks(&ylo, &yhi, 6, yt);
    struct tf_scale sx = {lo, hi, PL_X0, PL_X1}, sy = {ylo, yhi, PL_BOTTOM, PL_TOP};
    tf_figure_begin(d);
    tf_svg_begin(d, l->id, W, (int)PL_BOTTOM + 30, l->title, l->desc);
    lines_legend(d, rd);
    tf_svg_text(d, PL_X0 - 60, PL_TOP - 14, TF_START, "head", l->axis);
    tf_svg_axis_y(d, &sy, PL_X0, yt, ny, yhi - ylo < 5 ? 1 : 0, PL_X1);
    tf_svg_axis_x(d, &sx, PL_BOTTOM, xt, nx, -1, PL_BOTTOM);
    for (int s = 0; s < 2; s++) {
        for (size_t i = 0; i < n; i++) {
            l->px[i] = tf_scale_at(&sx, rd->y0 + (double)i);
            l->py[i] = isfinite(l->v[s][i]) ? tf_scale_at(&sy, l->v[s][i]) : NAN;
        }
        tf_svg_series(d, l->px, l->py, n, tf_report_style(rd, rd->pair.code[s]), l->tips[s]);
    }
    tf_svg_end(d);
}

/* Room for a chart of n years; returns 0 or TF_ERR_NOMEM (then lines_free). */
static int lines_alloc(struct lines *l, size_t n)
{
    l->px = calloc(n, sizeof(double));
    l->py = calloc(n, sizeof(double));
    l->text = calloc(2 * n, PL_TIP);
    for (int s = 0; s < 2; s++) {
        l->v[s] = calloc(n, sizeof(double));
        l->tips[s] = calloc(n, sizeof(char *));
    }
    for (size_t i = 0; l->tips[0] && l->tips[1] && l->text && i < n; i++) {
        l->tips[0][i] = l->text + i * PL_TIP;
        l->tips[1][i] = l->text + (n + i) * PL_TIP;
    }
    return l->px && l->py && l->text && l->v[0] && l->v[1] && l->tips[0] && l->tips[1]
               ? 0
               : TF_ERR_NOMEM;
}

static void lines_free(struct lines *l)
{
    free(l->px);
    free(l->py);
    free(l->text);
    for (int s = 0; s < 2; s++) {
        free(l->v[s]);
        free((void *)l->tips[s]);
    }
}

/* The tooltip of direction s in year index i, written into its slot. */
static char *tip_slot(const struct lines *l, int s, size_t i)
{
    return (char *)l->tips[s][i];
}

/* ---- the figures and tables --------------------------------------------- */

static void flows_table(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_rd_pair *p = &rd->pair;
    char h[2][32];
    const char *heads[3] = {rd->t->pr_year, h[0], h[1]};
    snprintf(h[0], sizeof(h[0]), "%s " ARROW " %s", p->code[0], p->code[1]);
    snprintf(h[1], sizeof(h[1]), "%s " ARROW " %s", p->code[1], p->code[0]);
    tf_table_begin_id(d, TF_TABLE_PAIR_FLOWS, 0, rd->t->pr_fl_summary, heads, 3);
    for (size_t i = 0; i < p->n_years; i++) {
        tf_table_row(d);
        tf_table_year(d, p->years[i].year);
        tf_table_count(d, p->years[i].n[0]);
        tf_table_count(d, p->years[i].n[1]);
    }
    tf_table_end(d);
}

static void flows_figure(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_rd_pair *p = &rd->pair;
    char moves[32], desc[320], year[24];
    struct lines l = {.id = TF_CHART_PAIR_FLOWS,
                      .title = rd->t->pr_fl_title,
                      .desc = desc,
                      .axis = rd->t->pr_fl_axis};
    if (!p->n_years)
        return;
    tf_say(desc, sizeof(desc), rd->t->pr_fl_desc, p->code[0], p->code[1], NULL);
    if (lines_alloc(&l, p->n_years) < 0) {
        d->status = d->status ? d->status : TF_ERR_NOMEM;
        goto out;
    }
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < p->n_years; i++) {
            l.v[s][i] = (double)p->years[i].n[s];
            tf_say(tip_slot(&l, s, i), PL_TIP, rd->t->pr_fl_tip, p->code[s], p->code[1 - s],
                   tf_int(p->years[i].year, year), tf_fmt_count(p->years[i].n[s], moves), NULL);
        }
    lines_draw(d, rd, &l);
    tf_figure_end(d, rd->t->pr_fl_caption);
    flows_table(d, rd);
out:
    lines_free(&l);
}

static void returns_row(struct tf_doc *d, const struct tf_report_data *rd, int i,
                        const struct tf_rd_pair_cohort *c)
{
    const struct tf_rd_pair *p = &rd->pair;
    tf_table_row(d);
    tf_table_text(d, p->code[i]);
    tf_table_text(d, p->code[1 - i]);
    if (c->cohort)
        tf_table_year(d, c->cohort);
    else
        tf_table_text(d, rd->t->pr_all_years);
    tf_table_count(d, c->departed);
    tf_table_count(d, c->returned);
    tf_table_count(d, c->observed);
    tf_table_pct(d, c->observed ? (double)c->returned / (double)c->observed : (double)NAN);
    tf_table_pct(d, c->km);
    tf_table_text(d,
                  c->cohort && c->departed >= TF_RD_TREND_MIN && c->observed > 0 && isfinite(c->km)
                      ? rd->t->pr_yes
                      : rd->t->pr_no);
}

static void returns_table(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_rd_pair *p = &rd->pair;
    tf_table_begin_id(d, TF_TABLE_PAIR_RETURNS, 0, rd->t->pr_rt_summary, rd->t->pr_rt_heads, 9);
    for (int i = 0; i < 2; i++) {
        for (size_t j = 0; j < p->dir[i].n; j++)
            returns_row(d, rd, i, &p->dir[i].c[j]);
        if (p->dir[i].has_pooled)
            returns_row(d, rd, i, &p->dir[i].pooled);
    }
    tf_table_end(d);
}

/* Kaplan-Meier at k of each cohort of direction s, as per cent, with its tooltip. */
static void returns_points(const struct tf_report_data *rd, const struct lines *l, int s)
{
    const struct tf_rd_pair *p = &rd->pair;
    char pct[32], dep[32], year[24], k[24];
    for (size_t i = 0; i < rd->n_years; i++)
        l->v[s][i] = NAN;
    for (size_t j = 0; j < p->dir[s].n; j++) {
        const struct tf_rd_pair_cohort *c = &p->dir[s].c[j];
        if (!isfinite(c->km) || !c->observed)
            continue;
        size_t i = (size_t)(c->cohort - rd->y0);
        l->v[s][i] = c->km * 100;
        tf_say(tip_slot(l, s, i), PL_TIP, rd->t->pr_rt_tip, p->code[s], p->code[1 - s],
               tf_int(c->cohort, year), tf_report_pct(rd, c->km, pct), tf_int(TF_RD_PAIR_K, k),
               tf_fmt_count(c->departed, dep), NULL);
    }
}

static void returns_figure(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_rd_pair *p = &rd->pair;
    char desc[400], k[24];
    struct lines l = {.id = TF_CHART_PAIR_RETURNS,
                      .title = rd->t->pr_rt_title,
                      .desc = desc,
                      .axis = rd->t->pr_rt_axis};
    if (returns_drawn(p) && rd->n_years) {
        if (lines_alloc(&l, rd->n_years) < 0) {
            d->status = d->status ? d->status : TF_ERR_NOMEM;
            goto out;
        }
        tf_say(desc, sizeof(desc), rd->t->pr_rt_desc, p->code[0], p->code[1],
               tf_int(TF_RD_PAIR_K, k), NULL);
        returns_points(rd, &l, 0);
        returns_points(rd, &l, 1);
        lines_draw(d, rd, &l);
        tf_figure_end(d, rd->t->pr_rt_caption);
    }
    returns_table(d, rd);
out:
    lines_free(&l);
}

static void where_rows(struct tf_doc *d, const struct tf_report_data *rd, int i)
{
    const struct tf_rd_pair *p = &rd->pair;
    const struct tf_rd_share *sh[3] = {&p->where[i].partner, &p->where[i].home,
                                       &p->where[i].elsewhere};
    const char *place[3] = {p->code[1 - i], p->code[i], rd->t->pr_elsewhere};
    char label[160];
    for (int k = 0; k < 3 && sh[k]->n; k++) {
        tf_table_row(d);
        tf_table_text(d, tf_report_label(rd, p->code[i], label, sizeof(label)));
        tf_table_text(d, place[k]);
        tf_table_count(d, sh[k]->k);
        tf_table_count(d, sh[k]->n);
        tf_table_pct(d, sh[k]->p);
        tf_table_pct(d, sh[k]->lo);
        tf_table_pct(d, sh[k]->hi);
    }
}

static void where_table(struct tf_doc *d, const struct tf_report_data *rd)
{
    tf_table_begin_id(d, TF_TABLE_PAIR_WHERE, 1, rd->t->pr_wh_summary, rd->t->pr_wh_heads, 7);
    where_rows(d, rd, 0);
    where_rows(d, rd, 1);
    tf_table_end(d);
}

/* ---- the section -------------------------------------------------------- */

static void pair_intro(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_report_text *t = rd->t;
    const struct tf_rd_pair *p = &rd->pair;
    char about[160], s[1600];
    if (strcmp(p->pool, "all") == 0)
        tf_say(about, sizeof(about), t->pr_about_all, NULL);
    else
        tf_say(about, sizeof(about), t->pr_about_pool, p->pool, NULL);
    tf_say(s, sizeof(s), t->pr_intro, about, p->chosen ? t->pr_chosen : t->pr_largest, NULL);
    tf_doc_raw(d, "<p>");
    tf_doc_text(d, s);
    tf_doc_raw(d, "</p>\n");
}

void tf_section_pair(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_rd_pair *p = &rd->pair;
    char a[160], b[160], h[400];
    tf_doc_raw(d, "<section id=\"answer\" aria-labelledby=\"answer-h\"><h2 id=\"answer-h\">");
    if (p->code[0][0])
        tf_say(h, sizeof(h), rd->t->pr_heading_pair, tf_report_label(rd, p->code[0], a, sizeof(a)),
               tf_report_label(rd, p->code[1], b, sizeof(b)), NULL);
    else
        tf_say(h, sizeof(h), rd->t->pr_heading, NULL);
    tf_doc_text(d, h);
    tf_doc_raw(d, "</h2>\n");
    pair_intro(d, rd);
    if (!p->code[0][0]) {
        tf_chart_empty(d, rd->t->pr_empty);
        tf_doc_raw(d, "</section>\n");
        return;
    }
    tf_doc_raw(d, "<ul class=\"answers\">\n");
    answer_where(d, rd, 0);
    answer_where(d, rd, 1);
    answer_flows(d, rd);
    answer_return(d, rd, 0);
    answer_return(d, rd, 1);
    tf_doc_raw(d, "</ul>\n");
    where_table(d, rd);
    flows_figure(d, rd);
    returns_figure(d, rd);
    tf_doc_raw(d, "</section>\n");
}
