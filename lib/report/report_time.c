/*
 * report_time.c - the report's charts over time: arrival and departure rates
 * with the population (lines), return within k years (Kaplan-Meier curves
 * with the number at risk) and return by departure cohort (a shaded grid).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_page.h"

#define W TF_CHART_W

/* ---- rates over time: three small panels -------------------------------- */

#define RT_TOP 70.0
#define RT_BOTTOM 270.0
#define RT_PANEL 316.0

/*
 * A year whose arrival and departure rates are zero by construction: a move
 * is dated in the later of the two observed years it joins, so none can be
 * dated in the store's first year.
 */
static int structural_zero(const struct tf_report_data *rd, int year)
{
    return year == rd->data_y0;
}

/*
 * What one panel plots from the country-year `i` of the window: arrivals,
 * departures per 1,000 (NaN in a structurally empty year), or population.
 */
static double rate_value(const struct tf_report_data *rd, const struct tf_rd_point *p, size_t i,
                         int panel)
{
    if (!p->has || (panel < 2 && structural_zero(rd, rd->y0 + (int)i)))
        return NAN;
    if (panel == 0)
        return p->in_rate * 1000.0;
    if (panel == 1)
        return p->out_rate * 1000.0;
    return (double)p->population;
}

size_t tf_chart_year_ticks(const struct tf_report_data *rd, double *lo, double *hi,
                           double ticks[TF_MAX_TICKS])
{
    *lo = rd->y0;
    *hi = rd->y1;
    if (rd->n_years > 6)
        return tf_scale_ticks(lo, hi, 6, ticks);
    for (size_t i = 0; i < rd->n_years; i++)
        ticks[i] = rd->y0 + (double)i;
    if (rd->n_years == 1) {
        *lo -= 1;
        *hi += 1;
    }
    return rd->n_years;
}

/* Tooltips for one series of a panel, one per year, in `text` (n_years * 160 bytes). */
static void rate_tips(const struct tf_report_data *rd, const struct tf_rd_series *s, int panel,
                      char *text, const char **tips)
{
    char num[32], year[24];
    for (size_t i = 0; i < rd->n_years; i++) {
        tips[i] = text + i * 160;
        double v = rate_value(rd, &s->p[i], i, panel);
        tf_say(text + i * 160, 160, rd->t->rt_tip[panel], s->c, tf_int(rd->y0 + (long)i, year),
               tf_fmt_num(v, panel == 2 ? 0 : 1, num), NULL);
    }
}

static void rate_panel(struct tf_doc *d, const struct tf_report_data *rd, int panel, double *x,
                       double *y, char *text, const char **tips)
{
    double xt[TF_MAX_TICKS], yt[TF_MAX_TICKS], lo, hi, ylo = 0, yhi = 0;
    double left = 10 + RT_PANEL * panel + 62, right = 10 + RT_PANEL * (panel + 1) - 16;
    size_t nx = tf_chart_year_ticks(rd, &lo, &hi, xt);
    for (size_t s = 0; s < rd->n_series; s++)
        for (size_t i = 0; i < rd->n_years; i++) {
            double v = rate_value(rd, &rd->series[s].p[i], i, panel);
            ylo = isfinite(v) && v < ylo ? v : ylo;
            yhi = isfinite(v) && v > yhi ? v : yhi;
        }
    size_t ny = tf_scale_ticks(&ylo, &yhi, 6, yt);
    struct tf_scale sx = {lo, hi, left, right}, sy = {ylo, yhi, RT_BOTTOM, RT_TOP};
    tf_svg_text(d, left - 56, RT_TOP - 16, TF_START, "head", rd->t->rt_panel[panel]);
    tf_svg_axis_y(d, &sy, left, yt, ny, panel == 2 ? 0 : (yhi - ylo < 5 ? 1 : 0), right);
    tf_svg_axis_x(d, &sx, RT_BOTTOM, xt, nx, -1, RT_BOTTOM);
    for (size_t s = 0; s < rd->n_series; s++) {
        for (size_t i = 0; i < rd->n_years; i++) {
            x[i] = tf_scale_at(&sx, rd->y0 + (double)i);
            double v = rate_value(rd, &rd->series[s].p[i], i, panel);
            y[i] = isfinite(v) ? tf_scale_at(&sy, v) : NAN;
        }
        rate_tips(rd, &rd->series[s], panel, text, tips);
        tf_svg_series(d, x, y, rd->n_years, tf_report_style(rd, rd->series[s].c), tips);
    }
}

/* A legend entry per series: a line sample in its dash, its marker, code and name. */
static void series_legend(struct tf_doc *d, const struct tf_report_data *rd, double y)
{
    char name[64], label[96];
    double x = 72;
    for (size_t s = 0; s < rd->n_series; s++) {
        const char *code = rd->series[s].c;
        size_t style = tf_report_style(rd, code);
        tf_doc_fmt(d,
                   "<path class=\"series\" fill=\"none\" stroke=\"%s\" stroke-dasharray=\"%s\" "
                   "d=\"M%.1f %.1fh28\"/>",
                   tf_svg_colour(style), tf_svg_dash(style), x, y);
        tf_svg_marker(d, style, x + 14, y, NULL);
        snprintf(label, sizeof(label), "%s %s", code,
                 tf_text_cut(tf_report_data_name(rd, code), 18, name, sizeof(name)));
        tf_svg_text(d, x + 34, y + 4, TF_START, NULL, label);
        x += 48 + tf_text_width(label, 12);
    }
}

static void rates_table(struct tf_doc *d, const struct tf_report_data *rd)
{
    char label[160];
    tf_table_begin(d, rd->t->rt_summary, rd->t->rt_heads, 6);
    for (size_t s = 0; s < rd->n_series; s++)
        for (size_t i = 0; i < rd->n_years; i++) {
            const struct tf_rd_point *p = &rd->series[s].p[i];
            if (!p->has)
                continue;
            tf_table_row(d);
            tf_table_text(d, tf_report_label(rd, rd->series[s].c, label, sizeof(label)));
            tf_table_year(d, rd->y0 + (int)i);
            tf_table_count(d, p->population);
            tf_table_num(d, p->in_rate * 1000.0, 2);
            tf_table_num(d, p->out_rate * 1000.0, 2);
            tf_table_num(d, p->net_rate * 1000.0, 2);
        }
    tf_table_end(d);
}

void tf_chart_rates(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_report_text *t = rd->t;
    char years[32], desc[320], cap[800], edge[400], n[24];
    double *x = NULL, *y = NULL;
    char *text = NULL;
    const char **tips = NULL;
    if (!rd->n_series || !rd->n_years) {
        tf_chart_empty(d, t->rt_empty);
        return;
    }
    x = calloc(rd->n_years, sizeof(*x));
    y = calloc(rd->n_years, sizeof(*y));
    text = calloc(rd->n_years, 160);
    tips = calloc(rd->n_years, sizeof(*tips));
    if (!x || !y || !text || !tips) {
        d->status = d->status ? d->status : TF_ERR_NOMEM;
        goto out;
    }
    tf_report_years(rd, years);
    tf_say(desc, sizeof(desc), t->rt_desc, years, tf_int((long)rd->n_series, n), NULL);
    tf_figure_begin(d);
    tf_svg_begin(d, TF_CHART_RATES, W, (int)RT_BOTTOM + 30, t->rt_title, desc);
    series_legend(d, rd, 16);
    for (int panel = 0; panel < 3; panel++)
        rate_panel(d, rd, panel, x, y, text, tips);
    tf_svg_end(d);
    edge[0] = '\0';
    if (structural_zero(rd, rd->y0))
        tf_say(edge, sizeof(edge), t->rt_edge, tf_int(rd->y0, n), NULL);
    snprintf(cap, sizeof(cap), "%s%s", t->rt_caption, edge);
    tf_figure_end(d, cap);
    rates_table(d, rd);
out:
    free(x);
    free(y);
    free(text);
    free(tips);
}

/* ---- return curves: Kaplan-Meier with the number at risk ----------------- */

#define KM_X0 70.0
#define KM_X1 760.0
#define KM_TOP 40.0
#define KM_BOTTOM 290.0
#define KM_RISK 356.0
#define KM_RISK_ROW 18.0

/* The last drawn k of a curve, 0 when none. */
static int km_last(const struct tf_rd_curve *c)
{
    int last = 0;
    while (last < TF_MAX_K && c->has[last + 1] && isfinite(c->km[last + 1]))
        last++;
    return last;
}

/* A step curve: zero until the first year, then km[k] from k to k + 1. */
static void km_curve(struct tf_doc *d, const struct tf_report_data *rd, const struct tf_rd_curve *c,
                     const struct tf_scale *sx, const struct tf_scale *sy)
{
    char tip[200], pct[32], risk[32], ks[24];
    size_t series = tf_report_style(rd, c->origin);
    tf_doc_fmt(d,
               "<path class=\"series\" fill=\"none\" stroke=\"%s\" stroke-dasharray=\"%s\" "
               "d=\"M%.1f %.1f",
               tf_svg_colour(series), tf_svg_dash(series), tf_scale_at(sx, 0), tf_scale_at(sy, 0));
    int last = km_last(c);
    for (int k = 1; k <= last; k++)
        tf_doc_fmt(d, "H%.1fV%.1f", tf_scale_at(sx, k), tf_scale_at(sy, c->km[k] * 100));
    tf_doc_raw(d, "\"/>");
    for (int k = 1; k <= last; k++) {
        tf_say(tip, sizeof(tip), k > 1 ? rd->t->km_tip : rd->t->km_tip_1, c->origin,
               tf_report_pct(rd, c->km[k], pct), tf_int(k, ks),
               tf_fmt_count(tf_rd_at_risk(c, k), risk), NULL);
        tf_svg_marker(d, series, tf_scale_at(sx, k), tf_scale_at(sy, c->km[k] * 100), tip);
    }
}

/*
 * Labels at the curves' ends, pushed apart vertically so that curves ending
 * close together keep readable labels.
 */
static void km_labels(struct tf_doc *d, const struct tf_report_data *rd, const struct tf_scale *sx,
                      const struct tf_scale *sy)
{
    double y[TF_REPORT_MAX_COUNTRIES];
    size_t order[TF_REPORT_MAX_COUNTRIES], n = 0;
    char label[48], pct[32];
    for (size_t s = 0; s < rd->n_curves && n < TF_REPORT_MAX_COUNTRIES; s++) {
        int k = km_last(&rd->curves[s]);
        if (!k)
            continue;
        y[s] = tf_scale_at(sy, rd->curves[s].km[k] * 100) + 4;
        size_t i = n++;
        for (; i > 0 && y[order[i - 1]] > y[s]; i--)
            order[i] = order[i - 1];
        order[i] = s;
    }
    for (size_t i = 1; i < n; i++)
        if (y[order[i]] < y[order[i - 1]] + 13)
            y[order[i]] = y[order[i - 1]] + 13;
    for (size_t i = 0; i < n; i++) {
        const struct tf_rd_curve *c = &rd->curves[order[i]];
        int k = km_last(c);
        snprintf(label, sizeof(label), "%s %s", c->origin, tf_report_pct(rd, c->km[k], pct));
        tf_svg_text(d, tf_scale_at(sx, k) + 8, y[order[i]], TF_START, "lab", label);
    }
}

/* The number-at-risk rows under the plot, one per origin, aligned with k. */
static void km_risk(struct tf_doc *d, const struct tf_report_data *rd, const struct tf_scale *sx)
{
    char num[32];
    tf_svg_text(d, 10, KM_RISK - 12, TF_START, "head", rd->t->km_risk);
    for (size_t s = 0; s < rd->n_curves; s++) {
        const struct tf_rd_curve *c = &rd->curves[s];
        double y = KM_RISK + KM_RISK_ROW * (double)s + 6;
        tf_svg_marker(d, tf_report_style(rd, c->origin), 16, y - 4, NULL);
        tf_svg_text(d, 28, y, TF_START, "code", c->origin);
        for (int k = 1; k <= TF_MAX_K; k++)
            if (c->has[k])
                tf_svg_text(d, tf_scale_at(sx, k), y, TF_MIDDLE, NULL,
                            tf_fmt_count(tf_rd_at_risk(c, k), num));
    }
}

static void returns_table(struct tf_doc *d, const struct tf_report_data *rd)
{
    tf_table_begin(d, rd->t->km_summary, rd->t->km_heads, 7);
    for (size_t s = 0; s < rd->n_curves; s++)
        for (int k = 1; k <= TF_MAX_K; k++) {
            const struct tf_rd_curve *c = &rd->curves[s];
            if (!c->has[k])
                continue;
            tf_table_row(d);
            tf_table_text(d, c->origin);
            tf_table_num(d, k, 0);
            tf_table_count(d, c->departed);
            tf_table_count(d, tf_rd_at_risk(c, k));
            tf_table_count(d, c->returned[k]);
            tf_table_count(d, c->observed[k]);
            tf_table_pct(d, c->km[k]);
        }
    tf_table_end(d);
}

void tf_chart_returns(struct tf_doc *d, const struct tf_report_data *rd)
{
    double yt[TF_MAX_TICKS], xt[TF_MAX_K + 1], lo = 0, hi = 0, xlo = 0, xhi = TF_MAX_K;
    const struct tf_report_text *t = rd->t;
    char desc[400], kmax[24], n[24];
    size_t drawn = 0;
    for (size_t s = 0; s < rd->n_curves; s++)
        for (int k = 1; k <= TF_MAX_K; k++)
            if (rd->curves[s].has[k] && isfinite(rd->curves[s].km[k])) {
                hi = fmax(hi, rd->curves[s].km[k] * 100);
                drawn = 1;
            }
    if (!drawn) {
        tf_chart_empty(d, t->km_empty);
        return;
    }
    size_t ny = tf_scale_ticks(&lo, &hi, 6, yt);
    for (int k = 0; k <= TF_MAX_K; k++)
        xt[k] = k;
    struct tf_scale sx = {xlo, xhi, KM_X0, KM_X1}, sy = {lo, hi, KM_BOTTOM, KM_TOP};
    tf_say(desc, sizeof(desc), t->km_desc, tf_int(TF_MAX_K, kmax), tf_int((long)rd->n_curves, n),
           NULL);
    tf_figure_begin(d);
    tf_svg_begin(d, TF_CHART_RETURNS, W, (int)(KM_RISK + KM_RISK_ROW * (double)rd->n_curves + 8),
                 t->km_title, desc);
    tf_svg_axis_y(d, &sy, KM_X0, yt, ny, hi - lo < 5 ? 1 : 0, KM_X1);
    tf_svg_axis_x(d, &sx, KM_BOTTOM, xt, TF_MAX_K + 1, 0, KM_BOTTOM);
    tf_svg_text(d, KM_X0 - 60, KM_TOP - 18, TF_START, "head", t->km_axis_y);
    tf_svg_text(d, KM_X1, KM_BOTTOM + 36, TF_END, "head", t->km_axis_x);
    for (size_t s = 0; s < rd->n_curves; s++)
        km_curve(d, rd, &rd->curves[s], &sx, &sy);
    km_labels(d, rd, &sx, &sy);
    km_risk(d, rd, &sx);
    tf_svg_end(d);
    char caption[1200];
    snprintf(caption, sizeof(caption), "%s%s", t->km_caption,
             rd->move_kind > 0 && rd->move_kind < 3 ? t->km_kind[rd->move_kind] : "");
    tf_figure_end(d, caption);
    returns_table(d, rd);
}

/* ---- return by departure cohort: a shaded grid per origin --------------- */

#define CO_PANEL 316.0
#define CO_LABEL 48.0
#define CO_CELL_W 23.0
#define CO_CELL_H 16.0
#define CO_TOP 74.0

/* Light to dark blue, one hue: ordered in grey too, and safe for colour-blind readers. */
static void shade(double t, char out[8])
{
    static const double a[3] = {0xee, 0xf4, 0xfa}, b[3] = {0x0b, 0x3a, 0x6e};
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    snprintf(out, 8, "#%02x%02x%02x", (unsigned)lround(a[0] + (b[0] - a[0]) * t),
             (unsigned)lround(a[1] + (b[1] - a[1]) * t),
             (unsigned)lround(a[2] + (b[2] - a[2]) * t));
}

static void cohort_cell(struct tf_doc *d, const struct tf_report_data *rd,
                        const struct tf_rd_curve *c, int k, double x, double y, double top)
{
    char fill[8], tip[320], pct[32], risk[32], dep[32], lab[16], year[24], ks[24];
    double t = c->km[k] / top;
    shade(t, fill);
    tf_say(tip, sizeof(tip), k > 1 ? rd->t->co_tip : rd->t->co_tip_1, c->origin,
           tf_int(c->cohort, year), tf_report_pct(rd, c->km[k], pct), tf_int(k, ks),
           tf_fmt_count(tf_rd_at_risk(c, k), risk), tf_fmt_count(c->departed, dep), NULL);
    tf_svg_rect(d, x, y, CO_CELL_W - 1, CO_CELL_H - 1, fill, tip);
    snprintf(lab, sizeof(lab), "%.0f", c->km[k] * 100);
    tf_svg_text(d, x + CO_CELL_W / 2, y + 11.5, TF_MIDDLE, t > 0.5 ? "cell dark" : "cell", lab);
}

static void cohort_panel(struct tf_doc *d, const struct tf_report_data *rd,
                         const struct tf_rd_cohorts *h, double left, double top)
{
    char label[160], num[8], count[32];
    tf_svg_text(d, left, CO_TOP - 30, TF_START, "head",
                tf_report_label(rd, h->origin, label, sizeof(label)));
    for (int k = 1; k <= TF_MAX_K; k++) {
        snprintf(num, sizeof(num), "%d", k);
        tf_svg_text(d, left + CO_LABEL + CO_CELL_W * (k - 0.5), CO_TOP - 6, TF_MIDDLE, NULL, num);
    }
    tf_svg_text(d, left + CO_LABEL + CO_CELL_W * TF_MAX_K + 4, CO_TOP - 6, TF_START, NULL,
                rd->t->co_n);
    for (size_t i = 0; i < h->n; i++) {
        const struct tf_rd_curve *c = &h->c[i];
        double y = CO_TOP + CO_CELL_H * (double)i;
        snprintf(num, sizeof(num), "%d", c->cohort);
        tf_svg_text(d, left + CO_LABEL - 6, y + 11.5, TF_END, NULL, num);
        tf_svg_text(d, left + CO_LABEL + CO_CELL_W * TF_MAX_K + 4, y + 11.5, TF_START, "cell",
                    tf_fmt_count(c->departed, count));
        for (int k = 1; k <= TF_MAX_K; k++)
            if (tf_rd_known(c, k))
                cohort_cell(d, rd, c, k, left + CO_LABEL + CO_CELL_W * (k - 1), y, top);
    }
}

/* The shade key: five steps from 0 to `top`. */
static void cohort_key(struct tf_doc *d, const struct tf_report_data *rd, double top, double y)
{
    char fill[8], lab[32];
    tf_svg_text(d, 10, y + 12, TF_START, NULL, rd->t->co_key);
    for (int i = 0; i <= 4; i++) {
        shade(i / 4.0, fill);
        tf_svg_rect(d, 200 + 56.0 * i, y, 24, 16, fill, NULL);
        snprintf(lab, sizeof(lab), "%.0f", top * 100 * i / 4.0);
        tf_svg_text(d, 228 + 56.0 * i, y + 12, TF_START, NULL, lab);
    }
}

static void cohorts_table(struct tf_doc *d, const struct tf_report_data *rd)
{
    const char *heads[] = {rd->t->co_heads[0],
                           rd->t->co_heads[1],
                           rd->t->co_heads[2],
                           "k = 1",
                           "2",
                           "3",
                           "4",
                           "5",
                           "6",
                           "7",
                           "8",
                           "9",
                           "10"};
    tf_table_begin(d, rd->t->co_summary, heads, 13);
    for (size_t o = 0; o < rd->n_cohorts; o++)
        for (size_t i = 0; i < rd->cohorts[o].n; i++) {
            const struct tf_rd_curve *c = &rd->cohorts[o].c[i];
            tf_table_row(d);
            tf_table_text(d, c->origin);
            tf_table_year(d, c->cohort);
            tf_table_count(d, c->departed);
            for (int k = 1; k <= TF_MAX_K; k++)
                tf_table_pct(d, tf_rd_known(c, k) ? c->km[k] : (double)NAN);
        }
    tf_table_end(d);
}

void tf_chart_cohorts(struct tf_doc *d, const struct tf_report_data *rd)
{
    size_t rows = 0;
    int dropped = 0;
    double top = 0.2;
    const struct tf_report_text *t = rd->t;
    char desc[400], years[32], cap[800], kmax[24];
    for (size_t o = 0; o < rd->n_cohorts; o++) {
        rows = rd->cohorts[o].n > rows ? rd->cohorts[o].n : rows;
        dropped |= rd->cohorts[o].dropped;
        for (size_t i = 0; i < rd->cohorts[o].n; i++)
            for (int k = 1; k <= TF_MAX_K; k++)
                if (tf_rd_known(&rd->cohorts[o].c[i], k))
                    top = fmax(top, rd->cohorts[o].c[i].km[k]);
    }
    if (!rows) {
        tf_chart_empty(d, t->co_empty);
        return;
    }
    top = ceil(top * 5) / 5; /* the key's quarters fall on multiples of 5 % */
    tf_report_years(rd, years);
    tf_say(desc, sizeof(desc), t->co_desc, years, tf_int(TF_MAX_K, kmax), NULL);
    double bottom = CO_TOP + CO_CELL_H * (double)rows;
    tf_figure_begin(d);
    tf_svg_begin(d, TF_CHART_COHORTS, W, (int)bottom + 44, t->co_title, desc);
    for (size_t o = 0; o < rd->n_cohorts; o++)
        cohort_panel(d, rd, &rd->cohorts[o], 10 + CO_PANEL * (double)o, top);
    cohort_key(d, rd, top, bottom + 16);
    tf_svg_end(d);
    snprintf(cap, sizeof(cap), "%s%s", t->co_caption, dropped ? t->co_dropped : "");
    tf_figure_end(d, cap);
    cohorts_table(d, rd);
}
