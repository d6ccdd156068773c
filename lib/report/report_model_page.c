/*
 * report_model_page.c - the report's section on the push-pull model and its
 * projection, when the report is given their folders: the coefficients as
 * dots with 95 % whiskers and a plain sentence each, fan charts of the
 * projected researchers, the gains and losses by the last projected year,
 * the scenario as its author wrote it, and what the numbers cannot say.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_page.h"

#define W TF_CHART_W
#define MINUS "\xe2\x88\x92"

/* ---- the coefficients ---------------------------------------------------- */

#define CO_X0 330.0
#define CO_X1 920.0
#define CO_TOP 34.0
#define CO_ROW 28.0

static const char *const side_colour[3] = {"#D55E00", "#0072B2", "#555555"};

static size_t side_index(char side)
{
    return side == 'o' ? 0 : side == 'd' ? 1 : 2;
}

/* The term's words: "Push (origin): researchers", or its column for an unknown covariate. */
static char *term_label(const struct tf_report_data *rd, const struct tf_rm_term *t, char *buf,
                        size_t size)
{
    static const char *const known[4] = {"stock", "gdp_per_capita", "population", "distance"};
    const char *cov = t->column;
    for (size_t i = 0; i < 4; i++)
        if (strcmp(t->column, known[i]) == 0)
            cov = rd->t->mo_cov[i];
    return tf_say(buf, size, rd->t->mo_term, rd->t->mo_side[side_index(t->side)], cov, NULL);
}

/* A change in per cent with two decimals, signed when `sign`: "1.03 %", "−0.48 %". */
static char *change_text(const struct tf_report_data *rd, double share, int sign, char buf[48])
{
    char num[32];
    tf_fmt_num(fabs(share) * 100, 2, num);
    snprintf(buf, 48, "%s%s%s%%", sign && share < 0 && strcmp(num, "0.00") != 0 ? MINUS : "", num,
             rd->t->pct_sep);
    return buf;
}

/* The relative change of flows for a 1 % (logged) or one-unit change of the covariate. */
static double effect(const struct tf_rm_term *t, double b)
{
    return t->log ? pow(1.01, b) - 1 : exp(b) - 1;
}

/* "1 % more researchers at home: 1.03 % more leave (95 % interval 0.91 % to 1.16 %)." */
static void term_sentence(struct tf_doc *d, const struct tf_report_data *rd,
                          const struct tf_rm_term *t)
{
    static const char *const known[4] = {"stock", "gdp_per_capita", "population", "distance"};
    char s[600], e[48], lo[48], hi[48];
    const char *cov = t->column;
    for (size_t i = 0; i < 4; i++)
        if (strcmp(t->column, known[i]) == 0)
            cov = rd->t->mo_cov[i];
    double v = effect(t, t->est);
    int kind = (t->log ? 0 : 2) + (v < 0 ? 1 : 0);
    tf_say(s, sizeof(s), rd->t->mo_say[side_index(t->side)][kind], cov, change_text(rd, v, 0, e),
           change_text(rd, effect(t, t->lo), 1, lo), change_text(rd, effect(t, t->hi), 1, hi),
           NULL);
    tf_doc_raw(d, "<li>");
    tf_doc_text(d, s);
    tf_doc_raw(d, "</li>\n");
}

static void terms_table(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_report_model *m = &rd->model;
    tf_table_begin(d, rd->t->mo_summary, rd->t->mo_heads, 4);
    for (size_t i = 0; i < m->n_terms; i++) {
        tf_table_row(d);
        tf_table_text(d, m->terms[i].name);
        tf_table_num(d, m->terms[i].est, 4);
        tf_table_num(d, m->terms[i].lo, 4);
        tf_table_num(d, m->terms[i].hi, 4);
    }
    tf_table_end(d);
}

static void term_row(struct tf_doc *d, const struct tf_report_data *rd, const struct tf_rm_term *t,
                     const struct tf_scale *sx, double y)
{
    char label[160], tip[240], e[32], lo[32], hi[32];
    const char *colour = side_colour[side_index(t->side)];
    term_label(rd, t, label, sizeof(label));
    tf_svg_text(d, CO_X0 - 12, y + 4, TF_END, NULL, label);
    tf_doc_fmt(d,
               "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
               "stroke-width=\"2\" class=\"whisker\"/>",
               tf_scale_at(sx, t->lo), y, tf_scale_at(sx, t->hi), y, colour);
    snprintf(tip, sizeof(tip), "%s: %s [%s, %s]", t->name, tf_fmt_num(t->est, 3, e),
             tf_fmt_num(t->lo, 3, lo), tf_fmt_num(t->hi, 3, hi));
    tf_doc_fmt(d, "<circle class=\"mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"",
               tf_scale_at(sx, t->est), y, colour);
    tf_doc_raw(d, "><title>");
    tf_doc_text(d, tip);
    tf_doc_raw(d, "</title></circle>");
}

static void coefficients(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_report_model *m = &rd->model;
    double ticks[TF_MAX_TICKS], lo = 0, hi = 0;
    char desc[320], n[24];
    if (!m->n_terms)
        return;
    for (size_t i = 0; i < m->n_terms; i++) {
        lo = fmin(lo, m->terms[i].lo);
        hi = fmax(hi, m->terms[i].hi);
    }
    size_t nt = tf_scale_ticks(&lo, &hi, 9, ticks);
    struct tf_scale sx = {lo, hi, CO_X0, CO_X1};
    double bottom = CO_TOP + CO_ROW * (double)m->n_terms;
    tf_say(desc, sizeof(desc), rd->t->mo_desc, tf_int((long)m->n_terms, n), NULL);
    tf_figure_begin(d);
    tf_svg_begin(d, TF_CHART_MODEL, W, (int)bottom + 46, rd->t->mo_chart_title, desc);
    tf_svg_axis_x(d, &sx, bottom, ticks, nt, 1, CO_TOP - 8);
    tf_svg_line(d, tf_scale_at(&sx, 0), CO_TOP - 8, tf_scale_at(&sx, 0), bottom, "zero");
    for (size_t i = 0; i < m->n_terms; i++)
        term_row(d, rd, &m->terms[i], &sx, CO_TOP + CO_ROW * ((double)i + 0.5));
    tf_svg_text(d, CO_X1, bottom + 36, TF_END, "head", rd->t->mo_axis);
    tf_svg_end(d);
    tf_figure_end(d, rd->t->mo_caption);
    tf_doc_raw(d, "<ul class=\"answers\">\n");
    for (size_t i = 0; i < m->n_terms; i++)
        term_sentence(d, rd, &m->terms[i]);
    tf_doc_raw(d, "</ul>\n");
    terms_table(d, rd);
}

/* ---- the projection: fan charts ------------------------------------------ */

#define FA_PANEL 470.0
#define FA_TOP 64.0
#define FA_BOTTOM 300.0

/* A band between lo and hi over the years of `f` (which = 0 baseline, 1 scenario). */
static void fan_band(struct tf_doc *d, const struct tf_rm_fan *f, int which,
                     const struct tf_scale *sx, const struct tf_scale *sy, const char *fill)
{
    tf_doc_fmt(d, "<path class=\"band\" fill=\"%s\" fill-opacity=\"0.22\" stroke=\"none\" d=\"",
               fill);
    for (size_t i = 0; i < f->n; i++)
        tf_doc_fmt(d, "%s%.1f %.1f", i ? "L" : "M", tf_scale_at(sx, f->s[i].year),
                   tf_scale_at(sy, which ? f->s[i].scen_hi : f->s[i].base_hi));
    for (size_t i = f->n; i-- > 0;)
        tf_doc_fmt(d, "L%.1f %.1f", tf_scale_at(sx, f->s[i].year),
                   tf_scale_at(sy, which ? f->s[i].scen_lo : f->s[i].base_lo));
    tf_doc_raw(d, "Z\"/>");
}

/* The baseline's line, grey and dashed, with a tooltip per year. */
static void fan_baseline(struct tf_doc *d, const struct tf_report_data *rd,
                         const struct tf_rm_fan *f, const struct tf_scale *sx,
                         const struct tf_scale *sy)
{
    char tip[240], year[24], v[3][32];
    tf_doc_raw(d, "<path class=\"series\" fill=\"none\" stroke=\"#666\" stroke-dasharray=\"6 3\" "
                  "d=\"");
    for (size_t i = 0; i < f->n; i++)
        tf_doc_fmt(d, "%s%.1f %.1f", i ? "L" : "M", tf_scale_at(sx, f->s[i].year),
                   tf_scale_at(sy, f->s[i].base));
    tf_doc_raw(d, "\"/>");
    for (size_t i = 0; i < f->n; i++) {
        const struct tf_rm_stock *s = &f->s[i];
        tf_say(tip, sizeof(tip), rd->t->pj_tip, f->c, tf_int(s->year, year), rd->t->pj_baseline,
               tf_fmt_num(s->base, 0, v[0]), tf_fmt_num(s->base_lo, 0, v[1]),
               tf_fmt_num(s->base_hi, 0, v[2]), NULL);
        tf_doc_fmt(d,
                   "<circle class=\"mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#666\">"
                   "<title>",
                   tf_scale_at(sx, s->year), tf_scale_at(sy, s->base));
        tf_doc_text(d, tip);
        tf_doc_raw(d, "</title></circle>");
    }
}

/* The scenario's line in the country's style, with a tooltip per year. */
static void fan_scenario(struct tf_doc *d, const struct tf_report_data *rd,
                         const struct tf_rm_fan *f, const struct tf_scale *sx,
                         const struct tf_scale *sy)
{
    double x[64], y[64];
    char text[64][240], year[24], v[3][32];
    const char *tips[64];
    size_t n = f->n < 64 ? f->n : 64;
    for (size_t i = 0; i < n; i++) {
        const struct tf_rm_stock *s = &f->s[i];
        x[i] = tf_scale_at(sx, s->year);
        y[i] = tf_scale_at(sy, s->scen);
        tips[i] = tf_say(text[i], sizeof(text[i]), rd->t->pj_tip, f->c, tf_int(s->year, year),
                         rd->t->pj_scenario, tf_fmt_num(s->scen, 0, v[0]),
                         tf_fmt_num(s->scen_lo, 0, v[1]), tf_fmt_num(s->scen_hi, 0, v[2]), NULL);
    }
    tf_svg_series(d, x, y, n, tf_report_style(rd, f->c), tips);
}

static void fan_panel(struct tf_doc *d, const struct tf_report_data *rd, const struct tf_rm_fan *f,
                      double left)
{
    double xt[TF_MAX_TICKS], yt[TF_MAX_TICKS], lo = INFINITY, hi = -INFINITY;
    double x0 = rd->model.year0, x1 = rd->model.year1;
    char label[160];
    for (size_t i = 0; i < f->n; i++) {
        lo = fmin(lo, fmin(f->s[i].base_lo, f->s[i].scen_lo));
        hi = fmax(hi, fmax(f->s[i].base_hi, f->s[i].scen_hi));
    }
    size_t ny = tf_scale_ticks(&lo, &hi, 6, yt);
    size_t nx = x1 - x0 > 6 ? tf_scale_ticks(&x0, &x1, 6, xt) : 0;
    for (int y = rd->model.year0; !nx && y <= rd->model.year1; y++)
        xt[nx++] = y;
    struct tf_scale sx = {x0, x1, left + 74, left + FA_PANEL - 20};
    struct tf_scale sy = {lo, hi, FA_BOTTOM, FA_TOP};
    tf_svg_text(d, left + 4, FA_TOP - 24, TF_START, "head",
                tf_report_label(rd, f->c, label, sizeof(label)));
    tf_svg_axis_y(d, &sy, left + 74, yt, ny, 0, left + FA_PANEL - 20);
    tf_svg_axis_x(d, &sx, FA_BOTTOM, xt, nx, -1, FA_BOTTOM);
    fan_band(d, f, 0, &sx, &sy, "#666");
    fan_band(d, f, 1, &sx, &sy, tf_svg_colour(tf_report_style(rd, f->c)));
    fan_baseline(d, rd, f, &sx, &sy);
    fan_scenario(d, rd, f, &sx, &sy);
}

static void fan_legend(struct tf_doc *d, const struct tf_report_data *rd)
{
    double x = 78;
    tf_doc_fmt(d,
               "<path class=\"series\" fill=\"none\" stroke=\"#666\" stroke-dasharray=\"6 3\" "
               "d=\"M%.1f 14h28\"/>",
               x);
    tf_svg_text(d, x + 34, 18, TF_START, NULL, rd->t->pj_baseline);
    x += 60 + tf_text_width(rd->t->pj_baseline, 12);
    tf_doc_fmt(d, "<path class=\"series\" fill=\"none\" stroke=\"#1a1a1a\" d=\"M%.1f 14h28\"/>", x);
    tf_svg_text(d, x + 34, 18, TF_START, NULL, rd->t->pj_scenario);
}

static void fans(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_report_model *m = &rd->model;
    char desc[400], codes[32] = "", cap[400], y[3][24];
    if (!m->n_fans || !m->fans[0].n)
        return;
    for (size_t i = 0; i < m->n_fans; i++)
        snprintf(codes + strlen(codes), sizeof(codes) - strlen(codes), "%s%s",
                 i ? rd->t->list_sep : "", m->fans[i].c);
    tf_say(desc, sizeof(desc), rd->t->pj_desc, codes, tf_int(m->year0, y[0]),
           tf_int(m->year1, y[1]), NULL);
    tf_figure_begin(d);
    tf_svg_begin(d, TF_CHART_PROJECTION, W, (int)FA_BOTTOM + 30, rd->t->pj_chart_title, desc);
    fan_legend(d, rd);
    for (size_t i = 0; i < m->n_fans; i++)
        if (m->fans[i].n)
            fan_panel(d, rd, &m->fans[i], 10 + FA_PANEL * (double)i);
    tf_svg_end(d);
    tf_say(cap, sizeof(cap), rd->t->pj_caption, tf_int(m->year0, y[2]), NULL);
    tf_figure_end(d, cap);
}

/* ---- gains and losses ---------------------------------------------------- */

static void gain_sentence(struct tf_doc *d, const struct tf_report_data *rd,
                          const struct tf_rm_gain *g)
{
    char s[600], label[160], year[24], n[32], lo[32], hi[32], pct[48];
    const char *tmpl = g->gain >= 0 ? rd->t->pj_gain : rd->t->pj_loss;
    tf_say(s, sizeof(s), tmpl, tf_int(rd->model.year1, year),
           tf_report_label(rd, g->c, label, sizeof(label)), tf_fmt_num(fabs(g->gain), 0, n),
           tf_fmt_num(g->lo, 0, lo), tf_fmt_num(g->hi, 0, hi),
           change_text(rd, g->pct / 100, 1, pct), NULL);
    tf_doc_raw(d, "<li>");
    tf_doc_text(d, s);
    tf_doc_raw(d, "</li>\n");
}

static void gains(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_report_model *m = &rd->model;
    char summary[200], heads[8][64], year[2][24], label[160];
    const char *h[8];
    if (!m->n_gains)
        return;
    tf_doc_raw(d, "<ul class=\"answers\">\n");
    if (m->gains[0].gain > 0)
        gain_sentence(d, rd, &m->gains[0]);
    if (m->gains[m->n_gains - 1].gain < 0)
        gain_sentence(d, rd, &m->gains[m->n_gains - 1]);
    tf_doc_raw(d, "</ul>\n");
    tf_int(m->year0, year[0]);
    tf_int(m->year1, year[1]);
    for (size_t i = 0; i < 8; i++)
        h[i] = tf_say(heads[i], sizeof(heads[i]), rd->t->pj_heads[i], year[i == 1 ? 0 : 1], NULL);
    tf_say(summary, sizeof(summary), rd->t->pj_summary, year[1], NULL);
    tf_table_begin_id(d, TF_TABLE_GAINS, 1, summary, h, 8);
    for (size_t i = 0; i < m->n_gains; i++) {
        const struct tf_rm_gain *g = &m->gains[i];
        tf_table_row(d);
        tf_table_text(d, tf_report_label(rd, g->c, label, sizeof(label)));
        tf_table_num(d, g->start, 0);
        tf_table_num(d, g->base_end, 0);
        tf_table_num(d, g->scen_end, 0);
        tf_table_num(d, g->gain, 0);
        tf_table_num(d, g->lo, 0);
        tf_table_num(d, g->hi, 0);
        tf_table_num(d, g->pct, 2);
    }
    tf_table_end(d);
}

/* The scenario as its author wrote it (escaped), and the caveats of docs/model.md. */
static void scenario_and_caveats(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_report_model *m = &rd->model;
    if (m->has_projection && m->scenario) {
        tf_doc_raw(d, "<details id=\"model-scenario\" open><summary>");
        tf_doc_text(d, rd->t->sc_summary);
        tf_doc_raw(d, "</summary><pre class=\"scenario\">");
        tf_doc_text(d, m->scenario);
        tf_doc_raw(d, "</pre></details>\n");
    } else if (m->has_projection) {
        tf_chart_empty(d, rd->t->sc_none);
    }
    tf_doc_raw(d, "<h3>");
    tf_doc_text(d, rd->t->cv_title);
    tf_doc_raw(d, "</h3>\n<ul class=\"caveats\">\n");
    for (size_t i = 0; i < 5; i++) {
        tf_doc_raw(d, "<li>");
        tf_doc_text(d, rd->t->cv[i]);
        tf_doc_raw(d, "</li>\n");
    }
    tf_doc_raw(d, "</ul>\n");
}

int tf_report_has_model(const struct tf_report_data *rd)
{
    return rd->model.has_fit || rd->model.has_projection;
}

void tf_section_model(struct tf_doc *d, const struct tf_report_data *rd)
{
    if (!tf_report_has_model(rd))
        return;
    tf_section_begin(d, "model", rd->t->mo_title, rd->t->mo_intro);
    coefficients(d, rd);
    if (rd->model.has_projection) {
        fans(d, rd);
        gains(d, rd);
    }
    scenario_and_caveats(d, rd);
    tf_doc_raw(d, "</section>\n");
}
