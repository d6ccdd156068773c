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

/* What one panel plots from a country-year: arrivals, departures per 1,000, or population. */
static double rate_value(const struct tf_rd_point *p, int panel)
{
    if (!p->has)
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
    static const char *const what[] = {"arrivals per 1,000 researchers",
                                       "departures per 1,000 researchers", "researchers"};
    char num[32];
    for (size_t i = 0; i < rd->n_years; i++) {
        tips[i] = text + i * 160;
        double v = rate_value(&s->p[i], panel);
        snprintf(text + i * 160, 160, "%s %d: %s %s", s->c, rd->y0 + (int)i,
                 tf_fmt_num(v, panel == 2 ? 0 : 1, num), what[panel]);
    }
}

static void rate_panel(struct tf_doc *d, const struct tf_report_data *rd, int panel, double *x,
                       double *y, char *text, const char **tips)
{
    static const char *const title[] = {"Arrivals per 1,000", "Departures per 1,000",
                                        "Researchers (population)"};
    double xt[TF_MAX_TICKS], yt[TF_MAX_TICKS], lo, hi, ylo = 0, yhi = 0;
    double left = 10 + RT_PANEL * panel + 62, right = 10 + RT_PANEL * (panel + 1) - 16;
    size_t nx = tf_chart_year_ticks(rd, &lo, &hi, xt);
    for (size_t s = 0; s < rd->n_series; s++)
        for (size_t i = 0; i < rd->n_years; i++) {
            double v = rate_value(&rd->series[s].p[i], panel);
            ylo = isfinite(v) && v < ylo ? v : ylo;
            yhi = isfinite(v) && v > yhi ? v : yhi;
        }
    size_t ny = tf_scale_ticks(&ylo, &yhi, 6, yt);
    struct tf_scale sx = {lo, hi, left, right}, sy = {ylo, yhi, RT_BOTTOM, RT_TOP};
    tf_svg_text(d, left - 56, RT_TOP - 16, TF_START, "head", title[panel]);
    tf_svg_axis_y(d, &sy, left, yt, ny, panel == 2 ? 0 : (yhi - ylo < 5 ? 1 : 0), right);
    tf_svg_axis_x(d, &sx, RT_BOTTOM, xt, nx, -1, RT_BOTTOM);
    for (size_t s = 0; s < rd->n_series; s++) {
        for (size_t i = 0; i < rd->n_years; i++) {
            x[i] = tf_scale_at(&sx, rd->y0 + (double)i);
            double v = rate_value(&rd->series[s].p[i], panel);
            y[i] = isfinite(v) ? tf_scale_at(&sy, v) : NAN;
        }
        rate_tips(rd, &rd->series[s], panel, text, tips);
        tf_svg_series(d, x, y, rd->n_years, s, tips);
    }
}

/* A legend entry per series: a line sample in its dash, its marker, code and name. */
static void series_legend(struct tf_doc *d, const struct tf_report_data *rd, double y)
{
    char name[64], label[96];
    double x = 72;
    for (size_t s = 0; s < rd->n_series; s++) {
        const char *code = rd->series[s].c;
        tf_doc_fmt(d,
                   "<path class=\"series\" fill=\"none\" stroke=\"%s\" stroke-dasharray=\"%s\" "
                   "d=\"M%.1f %.1fh28\"/>",
                   tf_svg_colour(s), tf_svg_dash(s), x, y);
        tf_svg_marker(d, s, x + 14, y, NULL);
        snprintf(label, sizeof(label), "%s %s", code,
                 tf_text_cut(tf_report_data_name(rd, code), 18, name, sizeof(name)));
        tf_svg_text(d, x + 34, y + 4, TF_START, NULL, label);
        x += 48 + 7.0 * (double)strlen(label);
    }
}

static void rates_table(struct tf_doc *d, const struct tf_report_data *rd)
{
    static const char *const heads[] = {
        "Country",      "Year", "Population", "Arrivals per 1,000", "Departures per 1,000",
        "Net per 1,000"};
    char label[160];
    tf_table_begin(d, "Data: rates by country and year", heads, 6);
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
    char years[32], desc[240];
    double *x = NULL, *y = NULL;
    char *text = NULL;
    const char **tips = NULL;
    if (!rd->n_series || !rd->n_years) {
        tf_chart_empty(d, "No country-years in these years.");
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
    snprintf(desc, sizeof(desc),
             "Line charts, %s, for %zu countries: arrivals and departures per 1,000 "
             "researchers, and the researcher population.",
             years, rd->n_series);
    tf_figure_begin(d);
    tf_svg_begin(d, TF_CHART_RATES, W, (int)RT_BOTTOM + 30, "Rates over time", desc);
    series_legend(d, rd, 16);
    for (int panel = 0; panel < 3; panel++)
        rate_panel(d, rd, panel, x, y, text, tips);
    tf_svg_end(d);
    tf_figure_end(d, "Moves into and out of each country per 1,000 researchers resident there "
                     "that year, beside the padded researcher population they are divided by. "
                     "Each country has its own colour, dash and marker.");
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
#define KM_RISK 340.0
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
static void km_curve(struct tf_doc *d, const struct tf_rd_curve *c, size_t series,
                     const struct tf_scale *sx, const struct tf_scale *sy)
{
    char tip[200], pct[32], risk[32];
    tf_doc_fmt(d,
               "<path class=\"series\" fill=\"none\" stroke=\"%s\" stroke-dasharray=\"%s\" "
               "d=\"M%.1f %.1f",
               tf_svg_colour(series), tf_svg_dash(series), tf_scale_at(sx, 0), tf_scale_at(sy, 0));
    int last = km_last(c);
    for (int k = 1; k <= last; k++)
        tf_doc_fmt(d, "H%.1fV%.1f", tf_scale_at(sx, k), tf_scale_at(sy, c->km[k] * 100));
    tf_doc_raw(d, "\"/>");
    for (int k = 1; k <= last; k++) {
        snprintf(tip, sizeof(tip), "%s: %s returned within %d year%s (Kaplan-Meier); %s at risk",
                 c->origin, tf_fmt_pct(c->km[k], pct), k, k > 1 ? "s" : "",
                 tf_fmt_count(tf_rd_at_risk(c, k), risk));
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
        snprintf(label, sizeof(label), "%s %s", c->origin, tf_fmt_pct(c->km[k], pct));
        tf_svg_text(d, tf_scale_at(sx, k) + 8, y[order[i]], TF_START, "lab", label);
    }
}

/* The number-at-risk rows under the plot, one per origin, aligned with k. */
static void km_risk(struct tf_doc *d, const struct tf_report_data *rd, const struct tf_scale *sx)
{
    char num[32];
    tf_svg_text(d, 10, KM_RISK - 8, TF_START, "head", "Number at risk");
    for (size_t s = 0; s < rd->n_curves; s++) {
        const struct tf_rd_curve *c = &rd->curves[s];
        double y = KM_RISK + KM_RISK_ROW * (double)s + 6;
        tf_svg_marker(d, s, 16, y - 4, NULL);
        tf_svg_text(d, 28, y, TF_START, "code", c->origin);
        for (int k = 1; k <= TF_MAX_K; k++)
            if (c->has[k])
                tf_svg_text(d, tf_scale_at(sx, k), y, TF_MIDDLE, NULL,
                            tf_fmt_count(tf_rd_at_risk(c, k), num));
    }
}

static void returns_table(struct tf_doc *d, const struct tf_report_data *rd)
{
    static const char *const heads[] = {"Origin",
                                        "k",
                                        "Departed",
                                        "At risk",
                                        "Returned",
                                        "Observed",
                                        "Returned within k (Kaplan-Meier)"};
    tf_table_begin(d, "Data: return within k years by origin", heads, 7);
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
    char desc[200];
    size_t drawn = 0;
    for (size_t s = 0; s < rd->n_curves; s++)
        for (int k = 1; k <= TF_MAX_K; k++)
            if (rd->curves[s].has[k] && isfinite(rd->curves[s].km[k])) {
                hi = fmax(hi, rd->curves[s].km[k] * 100);
                drawn = 1;
            }
    if (!drawn) {
        tf_chart_empty(d, "The store has no return rates.");
        return;
    }
    size_t ny = tf_scale_ticks(&lo, &hi, 6, yt);
    for (int k = 0; k <= TF_MAX_K; k++)
        xt[k] = k;
    struct tf_scale sx = {xlo, xhi, KM_X0, KM_X1}, sy = {lo, hi, KM_BOTTOM, KM_TOP};
    snprintf(desc, sizeof(desc),
             "Step curves: the Kaplan-Meier probability of returning to the origin country "
             "within k years of leaving, k = 1 to %d, for %zu origins, with the number at risk.",
             TF_MAX_K, rd->n_curves);
    tf_figure_begin(d);
    tf_svg_begin(d, TF_CHART_RETURNS, W, (int)(KM_RISK + KM_RISK_ROW * (double)rd->n_curves + 8),
                 "Return within k years", desc);
    tf_svg_axis_y(d, &sy, KM_X0, yt, ny, hi - lo < 5 ? 1 : 0, KM_X1);
    tf_svg_axis_x(d, &sx, KM_BOTTOM, xt, TF_MAX_K + 1, 0, KM_BOTTOM);
    tf_svg_text(d, KM_X0 - 60, KM_TOP - 18, TF_START, "head", "Returned (%)");
    tf_svg_text(d, KM_X1, KM_BOTTOM + 32, TF_END, "head", "Years since leaving");
    for (size_t s = 0; s < rd->n_curves; s++)
        km_curve(d, &rd->curves[s], s, &sx, &sy);
    km_labels(d, rd, &sx, &sy);
    km_risk(d, rd, &sx);
    tf_svg_end(d);
    tf_figure_end(d, "People who left their origin country, all destinations and departure "
                     "years together, over the whole run. Someone last seen abroad before k "
                     "years had passed is censored then, not counted as staying away; the "
                     "number at risk at k is those neither back nor censored before k.");
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

static void cohort_cell(struct tf_doc *d, const struct tf_rd_curve *c, int k, double x, double y,
                        double top)
{
    char fill[8], tip[240], pct[32], risk[32], dep[32], lab[16];
    double t = c->km[k] / top;
    shade(t, fill);
    snprintf(tip, sizeof(tip),
             "%s, left in %d: %s returned within %d year%s (Kaplan-Meier); %s at risk of %s who "
             "left",
             c->origin, c->cohort, tf_fmt_pct(c->km[k], pct), k, k > 1 ? "s" : "",
             tf_fmt_count(tf_rd_at_risk(c, k), risk), tf_fmt_count(c->departed, dep));
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
    tf_svg_text(d, left + CO_LABEL + CO_CELL_W * TF_MAX_K + 4, CO_TOP - 6, TF_START, NULL, "n");
    for (size_t i = 0; i < h->n; i++) {
        const struct tf_rd_curve *c = &h->c[i];
        double y = CO_TOP + CO_CELL_H * (double)i;
        snprintf(num, sizeof(num), "%d", c->cohort);
        tf_svg_text(d, left + CO_LABEL - 6, y + 11.5, TF_END, NULL, num);
        tf_svg_text(d, left + CO_LABEL + CO_CELL_W * TF_MAX_K + 4, y + 11.5, TF_START, "cell",
                    tf_fmt_count(c->departed, count));
        for (int k = 1; k <= TF_MAX_K; k++)
            if (tf_rd_known(c, k))
                cohort_cell(d, c, k, left + CO_LABEL + CO_CELL_W * (k - 1), y, top);
    }
}

/* The shade key: five steps from 0 to `top`. */
static void cohort_key(struct tf_doc *d, double top, double y)
{
    char fill[8], lab[32];
    tf_svg_text(d, 10, y + 12, TF_START, NULL, "Returned within k years (%):");
    for (int i = 0; i <= 4; i++) {
        shade(i / 4.0, fill);
        tf_svg_rect(d, 200 + 56.0 * i, y, 24, 16, fill, NULL);
        snprintf(lab, sizeof(lab), "%.0f", top * 100 * i / 4.0);
        tf_svg_text(d, 228 + 56.0 * i, y + 12, TF_START, NULL, lab);
    }
}

static void cohorts_table(struct tf_doc *d, const struct tf_report_data *rd)
{
    static const char *const heads[] = {"Origin", "Left in", "Departed", "k = 1", "2", "3", "4",
                                        "5",      "6",       "7",        "8",     "9", "10"};
    tf_table_begin(d, "Data: return within k years by departure cohort (Kaplan-Meier)", heads, 13);
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
    char desc[240], years[32], cap[400];
    for (size_t o = 0; o < rd->n_cohorts; o++) {
        rows = rd->cohorts[o].n > rows ? rd->cohorts[o].n : rows;
        dropped |= rd->cohorts[o].dropped;
        for (size_t i = 0; i < rd->cohorts[o].n; i++)
            for (int k = 1; k <= TF_MAX_K; k++)
                if (tf_rd_known(&rd->cohorts[o].c[i], k))
                    top = fmax(top, rd->cohorts[o].c[i].km[k]);
    }
    if (!rows) {
        tf_chart_empty(d, "No departure cohorts in these years.");
        return;
    }
    top = ceil(top * 5) / 5; /* the key's quarters fall on multiples of 5 % */
    tf_report_years(rd, years);
    snprintf(desc, sizeof(desc),
             "Shaded grids, one per origin: rows are departure years within %s, columns k = 1 "
             "to %d; each cell gives the per cent returned within k years.",
             years, TF_MAX_K);
    double bottom = CO_TOP + CO_CELL_H * (double)rows;
    tf_figure_begin(d);
    tf_svg_begin(d, TF_CHART_COHORTS, W, (int)bottom + 44, "Return by departure cohort", desc);
    for (size_t o = 0; o < rd->n_cohorts; o++)
        cohort_panel(d, rd, &rd->cohorts[o], 10 + CO_PANEL * (double)o, top);
    cohort_key(d, top, bottom + 16);
    tf_svg_end(d);
    snprintf(cap, sizeof(cap),
             "Per cent of each departure year's leavers back in their origin country within k "
             "years (Kaplan-Meier, all destinations together); columns are k, n is the number "
             "who left that year. Blank cells: nobody from that year was still abroad and "
             "observed k years on.%s",
             dropped ? " Only the 40 latest departure years are drawn." : "");
    tf_figure_end(d, cap);
    cohorts_table(d, rd);
}
