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
#define EN_DASH "\xe2\x80\x93"
#define ARROW "\xe2\x86\x92"
#define PCT "\xe2\x80\xaf%%"    /* a narrow no-break space and a per cent sign, in a format */
#define PCT_RAW "\xe2\x80\xaf%" /* the same outside a format */

/* ---- words and numbers -------------------------------------------------- */

/* "89 (12.5 %; 95 % interval 9.6–16.1 %)": the count, its share and the share's interval. */
static char *share_text(const struct tf_rd_share *s, char *buf, size_t size)
{
    char k[32], p[32], lo[32], hi[32];
    snprintf(buf, size, "%s (%s; 95" PCT " interval %s" EN_DASH "%s)", tf_fmt_count(s->k, k),
             tf_fmt_pct(s->p, p), tf_fmt_num(s->lo * 100, 1, lo), tf_fmt_pct(s->hi, hi));
    return buf;
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
static char *who(const struct tf_rd_pair *p, char *buf, size_t size)
{
    if (strcmp(p->pool, "all") == 0)
        snprintf(buf, size, "researchers");
    else
        snprintf(buf, size, "researchers in the pool %s", p->pool);
    return buf;
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
static void answer(struct tf_doc *d, const char *sentence, const char *chart, const char *table)
{
    tf_doc_raw(d, "<li>");
    tf_doc_text(d, sentence);
    if (chart || table)
        tf_doc_raw(d, " (");
    if (chart)
        tf_doc_fmt(d, "<a href=\"#%s\">chart</a>%s", chart, table ? ", " : "");
    if (table)
        tf_doc_fmt(d, "<a href=\"#%s\">table</a>", table);
    tf_doc_raw(d, chart || table ? ")</li>\n" : "</li>\n");
}

/* ---- the sentences ------------------------------------------------------ */

static void answer_where(struct tf_doc *d, const struct tf_report_data *rd, int i)
{
    const struct tf_rd_pair *p = &rd->pair;
    const struct tf_rd_whereabouts *w = &p->where[i];
    char s[1200], a[160], b[160], n[32], people[64], x[3][128];
    tf_report_label(rd, p->code[i], a, sizeof(a));
    tf_report_label(rd, p->code[1 - i], b, sizeof(b));
    who(p, people, sizeof(people));
    if (!w->home.n)
        snprintf(s, sizeof(s),
                 "The store has no %s whose origin is %s, so where they are now cannot be "
                 "told.",
                 people, a);
    else
        snprintf(s, sizeof(s),
                 "Of the %s %s whose origin is %s, %s were last seen in %s, %s at home in %s, "
                 "and %s in another country.",
                 tf_fmt_count(w->home.n, n), people, a, share_text(&w->partner, x[0], 128), b,
                 share_text(&w->home, x[1], 128), p->code[i], share_text(&w->elsewhere, x[2], 128));
    answer(d, s, NULL, TF_TABLE_PAIR_WHERE);
}

static void answer_flows(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_rd_pair *p = &rd->pair;
    char s[1200], a[160], b[160], years[32], people[64], n[4][32];
    if (!p->n_years) {
        answer(d, "The store has no years in which to count moves.", NULL, NULL);
        return;
    }
    const struct tf_rd_pair_year *last = &p->years[p->n_years - 1];
    snprintf(s, sizeof(s),
             "In %s the store counts %s moves of %s from %s to %s and %s from %s to %s; in %d, "
             "the last of those years, %s and %s.",
             tf_report_years(rd, years), tf_fmt_count(p->dir[0].moves, n[0]),
             who(p, people, sizeof(people)), tf_report_label(rd, p->code[0], a, sizeof(a)),
             tf_report_label(rd, p->code[1], b, sizeof(b)), tf_fmt_count(p->dir[1].moves, n[1]),
             p->code[1], p->code[0], last->year, tf_fmt_count(last->n[0], n[2]),
             tf_fmt_count(last->n[1], n[3]));
    answer(d, s, TF_CHART_PAIR_FLOWS, TF_TABLE_PAIR_FLOWS);
}

/* The whole run's return from the pooled row, or nothing when the store has none. */
static void return_pooled(const struct tf_report_data *rd, int i, char *s, size_t size)
{
    const struct tf_rd_pair *p = &rd->pair;
    const struct tf_rd_pair_cohort *c = &p->dir[i].pooled;
    char a[160], b[160], n[3][32], km[32];
    s[0] = '\0';
    if (!p->dir[i].has_pooled || !c->departed || !isfinite(c->km))
        return;
    snprintf(s, size,
             "Of the %s who left %s for %s, %s were back in %s within %d years (Kaplan-Meier "
             "estimate; %s returned of the %s followed for %d years or back sooner). ",
             tf_fmt_count(c->departed, n[0]), tf_report_label(rd, p->code[i], a, sizeof(a)),
             tf_report_label(rd, p->code[1 - i], b, sizeof(b)), tf_fmt_pct(c->km, km), p->code[i],
             TF_RD_PAIR_K, tf_fmt_count(c->returned, n[1]), tf_fmt_count(c->observed, n[2]),
             TF_RD_PAIR_K);
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
    char n[2][32], sl[32], lo[32], hi[32];
    uint64_t dep[2];
    int year[2];
    if (t->used < 3) {
        snprintf(s, size,
                 "Whether the share back in %s within %d years is rising or falling across "
                 "departure cohorts, n is too small to tell: %s cohort%s in %s had at least %d "
                 "leavers and a known share (3 are needed).",
                 rd->pair.code[i], TF_RD_PAIR_K, t->used ? tf_fmt_count(t->used, n[0]) : "no",
                 t->used < 2 ? "" : "s", tf_report_years(rd, sl), TF_RD_TREND_MIN);
        return;
    }
    trend_span(r, dep, year);
    const char *verdict = t->lo > 0 ? "rising" : t->hi < 0 ? "falling" : "no clear trend";
    snprintf(s, size,
             "Across the %zu departure cohorts of %d" EN_DASH "%d with at least %d leavers (%s to "
             "%s each, weighted by size), the share back in %s within %d years changed by %s "
             "percentage points per decade (95" PCT " interval %s to %s): %s.",
             t->used, year[0], year[1], TF_RD_TREND_MIN, tf_fmt_count(dep[0], n[0]),
             tf_fmt_count(dep[1], n[1]), rd->pair.code[i], TF_RD_PAIR_K, points(t->slope * 10, sl),
             points(t->lo * 10, lo), points(t->hi * 10, hi), verdict);
}

static void answer_return(struct tf_doc *d, const struct tf_report_data *rd, int i)
{
    const struct tf_rd_pair *p = &rd->pair;
    char s[1600], head[640], trend[640];
    if (!p->dir[i].n && !p->dir[i].has_pooled) {
        snprintf(s, sizeof(s), "The store has no return rows for those who left %s for %s.",
                 p->code[i], p->code[1 - i]);
        answer(d, s, NULL, TF_TABLE_PAIR_RETURNS);
        return;
    }
    return_pooled(rd, i, head, sizeof(head));
    return_trend(rd, i, trend, sizeof(trend));
    if (head[0])
        snprintf(s, sizeof(s), "%s%s", head, trend);
    else
        snprintf(s, sizeof(s),
                 "The store gives no return over all years of leaving for those who left %s "
                 "for %s. %s",
                 p->code[i], p->code[1 - i], trend);
    answer(d, s, returns_drawn(p) ? TF_CHART_PAIR_RETURNS : NULL, TF_TABLE_PAIR_RETURNS);
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

static void lines_legend(struct tf_doc *d, const struct tf_rd_pair *p)
{
    char label[32];
    for (int s = 0; s < 2; s++) {
        double x = 72 + 160.0 * s;
        tf_doc_fmt(d,
                   "<path class=\"series\" fill=\"none\" stroke=\"%s\" stroke-dasharray=\"%s\" "
                   "d=\"M%.1f 16h28\"/>",
                   tf_svg_colour((size_t)s), tf_svg_dash((size_t)s), x);
        tf_svg_marker(d, (size_t)s, x + 14, 16, NULL);
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
    lines_legend(d, &rd->pair);
    tf_svg_text(d, PL_X0 - 60, PL_TOP - 14, TF_START, "head", l->axis);
    tf_svg_axis_y(d, &sy, PL_X0, yt, ny, yhi - ylo < 5 ? 1 : 0, PL_X1);
    tf_svg_axis_x(d, &sx, PL_BOTTOM, xt, nx, -1, PL_BOTTOM);
    for (int s = 0; s < 2; s++) {
        for (size_t i = 0; i < n; i++) {
            l->px[i] = tf_scale_at(&sx, rd->y0 + (double)i);
            l->py[i] = isfinite(l->v[s][i]) ? tf_scale_at(&sy, l->v[s][i]) : NAN;
        }
        tf_svg_series(d, l->px, l->py, n, (size_t)s, l->tips[s]);
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

static void flows_table(struct tf_doc *d, const struct tf_rd_pair *p)
{
    char h[2][32];
    const char *heads[3] = {"Year", h[0], h[1]};
    snprintf(h[0], sizeof(h[0]), "%s " ARROW " %s", p->code[0], p->code[1]);
    snprintf(h[1], sizeof(h[1]), "%s " ARROW " %s", p->code[1], p->code[0]);
    tf_table_begin_id(d, TF_TABLE_PAIR_FLOWS, 0, "Data: moves each way by year", heads, 3);
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
    char moves[32], desc[200];
    struct lines l = {.id = TF_CHART_PAIR_FLOWS,
                      .title = "Moves each way by year",
                      .desc = desc,
                      .axis = "Moves"};
    if (!p->n_years)
        return;
    snprintf(desc, sizeof(desc),
             "Two lines, one point a year: moves from %s to %s and from %s to %s.", p->code[0],
             p->code[1], p->code[1], p->code[0]);
    if (lines_alloc(&l, p->n_years) < 0) {
        d->status = d->status ? d->status : TF_ERR_NOMEM;
        goto out;
    }
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < p->n_years; i++) {
            l.v[s][i] = (double)p->years[i].n[s];
            snprintf(tip_slot(&l, s, i), PL_TIP, "%s " ARROW " %s %d: %s moves", p->code[s],
                     p->code[1 - s], p->years[i].year, tf_fmt_count(p->years[i].n[s], moves));
        }
    lines_draw(d, rd, &l);
    tf_figure_end(d, "Moves between the two countries each year, one line each way, by the "
                     "researchers of the pool; a point on the axis is a year without a move.");
    flows_table(d, p);
out:
    lines_free(&l);
}

static void returns_row(struct tf_doc *d, const struct tf_rd_pair *p, int i,
                        const struct tf_rd_pair_cohort *c)
{
    tf_table_row(d);
    tf_table_text(d, p->code[i]);
    tf_table_text(d, p->code[1 - i]);
    if (c->cohort)
        tf_table_year(d, c->cohort);
    else
        tf_table_text(d, "all years");
    tf_table_count(d, c->departed);
    tf_table_count(d, c->returned);
    tf_table_count(d, c->observed);
    tf_table_pct(d, c->observed ? (double)c->returned / (double)c->observed : (double)NAN);
    tf_table_pct(d, c->km);
    tf_table_text(d,
                  c->cohort && c->departed >= TF_RD_TREND_MIN && c->observed > 0 && isfinite(c->km)
                      ? "yes"
                      : "no");
}

static void returns_table(struct tf_doc *d, const struct tf_rd_pair *p)
{
    static const char *const heads[] = {
        "Left",        "For",      "Year of leaving",     "Departed",
        "Returned",    "Observed", "Returned / observed", "Kaplan-Meier",
        "In the trend"};
    tf_table_begin_id(d, TF_TABLE_PAIR_RETURNS, 0,
                      "Data: back in the origin within 5 years, by year of leaving", heads, 9);
    for (int i = 0; i < 2; i++) {
        for (size_t j = 0; j < p->dir[i].n; j++)
            returns_row(d, p, i, &p->dir[i].c[j]);
        if (p->dir[i].has_pooled)
            returns_row(d, p, i, &p->dir[i].pooled);
    }
    tf_table_end(d);
}

/* Kaplan-Meier at k of each cohort of direction s, as per cent, with its tooltip. */
static void returns_points(const struct tf_report_data *rd, const struct lines *l, int s)
{
    const struct tf_rd_pair *p = &rd->pair;
    char pct[32], dep[32];
    for (size_t i = 0; i < rd->n_years; i++)
        l->v[s][i] = NAN;
    for (size_t j = 0; j < p->dir[s].n; j++) {
        const struct tf_rd_pair_cohort *c = &p->dir[s].c[j];
        if (!isfinite(c->km) || !c->observed)
            continue;
        size_t i = (size_t)(c->cohort - rd->y0);
        l->v[s][i] = c->km * 100;
        snprintf(tip_slot(l, s, i), PL_TIP,
                 "%s " ARROW " %s, left in %d: %s back in %s within %d years (Kaplan-Meier); %s "
                 "left",
                 p->code[s], p->code[1 - s], c->cohort, tf_fmt_pct(c->km, pct), p->code[s],
                 TF_RD_PAIR_K, tf_fmt_count(c->departed, dep));
    }
}

static void returns_figure(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_rd_pair *p = &rd->pair;
    char desc[240];
    struct lines l = {.id = TF_CHART_PAIR_RETURNS,
                      .title = "Back within 5 years, by year of leaving",
                      .desc = desc,
                      .axis = "Back in the origin (%)"};
    if (returns_drawn(p) && rd->n_years) {
        if (lines_alloc(&l, rd->n_years) < 0) {
            d->status = d->status ? d->status : TF_ERR_NOMEM;
            goto out;
        }
        snprintf(desc, sizeof(desc),
                 "Two lines, one point per year of leaving: the per cent of those who left %s "
                 "for %s, and %s for %s, back in their origin within %d years.",
                 p->code[0], p->code[1], p->code[1], p->code[0], TF_RD_PAIR_K);
        returns_points(rd, &l, 0);
        returns_points(rd, &l, 1);
        lines_draw(d, rd, &l);
        tf_figure_end(d, "Per cent of each year's leavers back in their origin country within 5 "
                         "years (Kaplan-Meier: someone last seen abroad earlier counts as "
                         "censored, not as staying). Small cohorts swing widely: the table gives "
                         "their sizes, and only cohorts of at least 10 enter the trend.");
    }
    returns_table(d, p);
out:
    lines_free(&l);
}

static void where_rows(struct tf_doc *d, const struct tf_report_data *rd, int i)
{
    const struct tf_rd_pair *p = &rd->pair;
    const struct tf_rd_share *sh[3] = {&p->where[i].partner, &p->where[i].home,
                                       &p->where[i].elsewhere};
    const char *place[3] = {p->code[1 - i], p->code[i], "elsewhere"};
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
    static const char *const heads[] = {"Origin",
                                        "Last seen in",
                                        "People",
                                        "Of",
                                        "Share",
                                        "95" PCT_RAW " interval, low",
                                        "95" PCT_RAW " interval, high"};
    tf_table_begin_id(d, TF_TABLE_PAIR_WHERE, 1,
                      "Where they were last seen (95" PCT_RAW " Wilson intervals)", heads, 7);
    where_rows(d, rd, 0);
    where_rows(d, rd, 1);
    tf_table_end(d);
}

/* ---- the section -------------------------------------------------------- */

static void pair_intro(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_rd_pair *p = &rd->pair;
    tf_doc_raw(d, "<p>Where the researchers of two countries are now, how many moved each way, "
                  "and whether those who left came back, in numbers with their 95" PCT_RAW
                  " intervals. About ");
    if (strcmp(p->pool, "all") == 0)
        tf_doc_raw(d, "everyone (the pool all)");
    else {
        tf_doc_raw(d, "the researchers in the pool ");
        tf_doc_text(d, p->pool);
    }
    tf_doc_raw(d, p->chosen
                      ? "; the pair was chosen for this report. "
                      : "; the pair is the one with the most moves between them, both ways, "
                        "in these years (talentflow report --focus A,B asks about another). ");
    tf_doc_raw(d, "Where someone is now means the country of their last observed year, which for "
                  "someone who stopped publishing is where they were last seen.</p>\n");
}

void tf_section_pair(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_rd_pair *p = &rd->pair;
    char a[160], b[160];
    tf_doc_raw(d, "<section id=\"answer\" aria-labelledby=\"answer-h\">"
                  "<h2 id=\"answer-h\">The question, answered");
    if (p->code[0][0]) {
        tf_doc_raw(d, ": ");
        tf_doc_text(d, tf_report_label(rd, p->code[0], a, sizeof(a)));
        tf_doc_raw(d, " and ");
        tf_doc_text(d, tf_report_label(rd, p->code[1], b, sizeof(b)));
    }
    tf_doc_raw(d, "</h2>\n");
    pair_intro(d, rd);
    if (!p->code[0][0]) {
        tf_chart_empty(d, "No two countries had a move between them in these years, so there "
                          "is no pair to ask about.");
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
