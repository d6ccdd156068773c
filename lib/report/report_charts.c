/*
 * report_charts.c - the report's charts of totals over the window: the
 * largest flows (Sankey), net migration (diverging bars) and mobility classes
 * (stacked bars). Each writes a figure and the data table behind it.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report_page.h"

#define W TF_CHART_W

/* ---- flows: a two-column Sankey ----------------------------------------- */

struct node {
    char code[TF_RD_CODE];
    uint64_t total;
    double y;    /* top of the node */
    double next; /* where the next band attaches */
};

struct sankey {
    struct node left[TF_REPORT_MAX_TOP], right[TF_REPORT_MAX_TOP];
    size_t nl, nr;
    double scale; /* pixels per move */
};

/* Index of `code` in `v`, adding it when new. */
static size_t node_add(struct node *v, size_t *n, const char *code, uint64_t moves)
{
    size_t i = 0;
    while (i < *n && strcmp(v[i].code, code) != 0)
        i++;
    if (i == *n) {
        memset(&v[i], 0, sizeof(v[i]));
        memcpy(v[i].code, code, TF_RD_CODE);
        (*n)++;
    }
    v[i].total += moves;
    return i;
}

/* Largest total first, then by code, so the layout is the same every time. */
static void node_sort(struct node *v, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0; j--) {
            struct node *a = &v[j - 1], *b = &v[j];
            if (a->total > b->total || (a->total == b->total && strcmp(a->code, b->code) < 0))
                break;
            struct node t = *a;
            *a = *b;
            *b = t;
        }
}

/* Stacks a column's nodes from the top, centred in `height`. */
static void node_place(struct node *v, size_t n, double scale, double top, double height,
                       double gap)
{
    double used = gap * (double)(n ? n - 1 : 0);
    for (size_t i = 0; i < n; i++)
        used += (double)v[i].total * scale;
    double y = top + (height - used) / 2;
    for (size_t i = 0; i < n; i++) {
        v[i].y = v[i].next = y;
        y += (double)v[i].total * scale + gap;
    }
}

#define SK_TOP 34.0
#define SK_GAP 12.0
#define SK_XL 200.0
#define SK_XR 746.0
#define SK_NODE 14.0

static double sankey_layout(struct sankey *s, const struct tf_report_data *rd)
{
    uint64_t total = 0;
    for (size_t i = 0; i < rd->n_corridors; i++) {
        node_add(s->left, &s->nl, rd->corridors[i].o, rd->corridors[i].n);
        node_add(s->right, &s->nr, rd->corridors[i].d, rd->corridors[i].n);
        total += rd->corridors[i].n;
    }
    node_sort(s->left, s->nl);
    node_sort(s->right, s->nr);
    size_t most = s->nl > s->nr ? s->nl : s->nr;
    double height = 34.0 * (double)most; /* room for a label per node, and more */
    if (height < 300)
        height = 300;
    s->scale = (height - SK_GAP * (double)(most - 1)) / (double)total;
    node_place(s->left, s->nl, s->scale, SK_TOP, height, SK_GAP);
    node_place(s->right, s->nr, s->scale, SK_TOP, height, SK_GAP);
    return height;
}

/* Nodes are drawn after the bands, whose ends have moved `next` to each node's bottom. */
static void sankey_nodes(struct tf_doc *d, const struct tf_report_data *rd, const struct node *v,
                         size_t n, int right)
{
    char num[32], label[160], tip[200];
    for (size_t i = 0; i < n; i++) {
        tf_report_label(rd, v[i].code, label, sizeof(label));
        tf_say(tip, sizeof(tip), right ? rd->t->fl_tip_in : rd->t->fl_tip_out, label,
               tf_fmt_count(v[i].total, num), NULL);
        double x = right ? SK_XR : SK_XL - SK_NODE;
        tf_svg_rect(d, x, v[i].y, SK_NODE, v[i].next - v[i].y, "#333", tip);
        snprintf(label, sizeof(label), "%s %s", v[i].code, num);
        tf_svg_text(d, right ? x + SK_NODE + 6 : x - 6, (v[i].y + v[i].next) / 2 + 4,
                    right ? TF_START : TF_END, "lab", label);
    }
}

/* One band from an origin node to a destination node, `h` pixels thick. */
static void sankey_band(struct tf_doc *d, double y0, double y1, double h, const char *colour,
                        const char *tip)
{
    double x0 = SK_XL, x1 = SK_XR, xm = (x0 + x1) / 2;
    tf_doc_fmt(d,
               "<path class=\"mark link\" fill=\"%s\" stroke=\"%s\" d=\"M%.1f %.1fC%.1f %.1f %.1f "
               "%.1f %.1f %.1fV%.1fC%.1f %.1f %.1f %.1f %.1f %.1fZ\"><title>",
               colour, colour, x0, y0, xm, y0, xm, y1, x1, y1, y1 + h, xm, y1 + h, xm, y0 + h, x0,
               y0 + h);
    tf_doc_text(d, tip);
    tf_doc_raw(d, "</title></path>");
}

/* The band of corridor `k` from left node `i` to right node `j`, named at its end when thick. */
static void sankey_corridor(struct tf_doc *d, const struct tf_report_data *rd, struct sankey *s,
                            size_t i, size_t j, const struct tf_rd_corridor *k, const char *years)
{
    char num[32], text[160];
    double h = (double)k->n * s->scale;
    tf_say(text, sizeof(text), rd->t->fl_band_tip, k->o, k->d, tf_fmt_count(k->n, num), years,
           NULL);
    sankey_band(d, s->left[i].next, s->right[j].next, h, tf_svg_colour(tf_report_style(rd, k->o)),
                text);
    /* Naming the origin where a band arrives lets the diagram read without colour. */
    if (h >= 11) {
        snprintf(text, sizeof(text), "%s %s", k->o, num);
        tf_svg_text(d, SK_XR - 5, s->right[j].next + h / 2 + 4, TF_END, "lab", text);
    }
    s->left[i].next += h;
    s->right[j].next += h;
}

/*
 * Draws bands origin by origin, each origin's bands in destination order, so
 * bands leave and enter every node top to bottom without crossing there.
 */
static void sankey_bands(struct tf_doc *d, struct sankey *s, const struct tf_report_data *rd)
{
    char years[32];
    tf_report_years(rd, years);
    for (size_t i = 0; i < s->nl; i++)
        for (size_t j = 0; j < s->nr; j++)
            for (size_t c = 0; c < rd->n_corridors; c++)
                if (strcmp(rd->corridors[c].o, s->left[i].code) == 0 &&
                    strcmp(rd->corridors[c].d, s->right[j].code) == 0)
                    sankey_corridor(d, rd, s, i, j, &rd->corridors[c], years);
}

static void flows_table(struct tf_doc *d, const struct tf_report_data *rd)
{
    tf_table_begin(d, rd->t->fl_summary, rd->t->fl_heads, 4);
    for (size_t i = 0; i < rd->n_corridors; i++) {
        char o[160], dst[160];
        tf_table_row(d);
        tf_table_text(d, tf_report_label(rd, rd->corridors[i].o, o, sizeof(o)));
        tf_table_text(d, tf_report_label(rd, rd->corridors[i].d, dst, sizeof(dst)));
        tf_table_count(d, rd->corridors[i].n);
        tf_table_pct(d, rd->window_moves ? (double)rd->corridors[i].n / (double)rd->window_moves
                                         : (double)NAN);
    }
    tf_table_end(d);
}

void tf_chart_flows(struct tf_doc *d, const struct tf_report_data *rd)
{
    static struct sankey zero;
    struct sankey s = zero;
    const struct tf_report_text *t = rd->t;
    char years[32], desc[256], cap[480], num[32], all[32], n[24];
    uint64_t drawn = 0;
    if (!rd->n_corridors) {
        tf_chart_empty(d, t->fl_empty);
        return;
    }
    double height = sankey_layout(&s, rd);
    for (size_t i = 0; i < rd->n_corridors; i++)
        drawn += rd->corridors[i].n;
    tf_report_years(rd, years);
    tf_say(desc, sizeof(desc), t->fl_desc, tf_int((long)rd->n_corridors, n), years, NULL);
    tf_figure_begin(d);
    tf_svg_begin(d, TF_CHART_FLOWS, W, (int)(height + SK_TOP + 12), t->fl_title, desc);
    tf_svg_text(d, SK_XL - SK_NODE, 18, TF_END, "head", t->fl_origin);
    tf_svg_text(d, SK_XR, 18, TF_START, "head", t->fl_destination);
    sankey_bands(d, &s, rd);
    sankey_nodes(d, rd, s.left, s.nl, 0);
    sankey_nodes(d, rd, s.right, s.nr, 1);
    tf_svg_end(d);
    tf_say(cap, sizeof(cap), t->fl_caption, n, years, tf_fmt_count(drawn, num),
           tf_fmt_count(rd->window_moves, all), NULL);
    tf_figure_end(d, cap);
    flows_table(d, rd);
}

/* ---- net migration: diverging bars -------------------------------------- */

#define NET_X0 290.0
#define NET_X1 880.0
#define NET_ROW 20.0
#define NET_TOP 40.0
#define NET_SPLIT 14.0

/* The gainers (net > 0, largest first) and losers (net < 0, largest loss last) drawn. */
static void net_pick(const struct tf_report_data *rd, size_t *gain, size_t *loss)
{
    *gain = *loss = 0;
    while (*gain < rd->n_net && *gain < rd->top && rd->net[*gain].net > 0)
        (*gain)++;
    while (*loss < rd->n_net - *gain && *loss < rd->top && rd->net[rd->n_net - 1 - *loss].net < 0)
        (*loss)++;
}

static void net_bar(struct tf_doc *d, const struct tf_report_data *rd, const struct tf_rd_net *n,
                    const struct tf_scale *sx, double y)
{
    char label[160], name[64], num[32], tip[256], in[32], out[32];
    double x0 = tf_scale_at(sx, 0), x1 = tf_scale_at(sx, (double)n->net);
    tf_svg_text(d, 10, y + 14, TF_START, "code", n->c);
    tf_svg_text(d, 40, y + 14, TF_START, NULL,
                tf_text_cut(tf_report_data_name(rd, n->c), 30, name, sizeof(name)));
    tf_report_label(rd, n->c, label, sizeof(label));
    tf_say(tip, sizeof(tip), rd->t->net_tip, label, tf_fmt_signed(n->net, num),
           tf_fmt_count(n->in, in), tf_fmt_count(n->out, out), NULL);
    tf_svg_rect(d, x1 < x0 ? x1 : x0, y + 3, x1 < x0 ? x0 - x1 : x1 - x0, NET_ROW - 6,
                n->net > 0 ? "#0072B2" : "url(#chart-net-loss)", tip);
    tf_svg_text(d, n->net > 0 ? x1 + 5 : x1 - 5, y + 14, n->net > 0 ? TF_START : TF_END, "lab",
                num);
}

static void net_table(struct tf_doc *d, const struct tf_report_data *rd)
{
    tf_table_begin(d, rd->t->net_summary, rd->t->net_heads, 4);
    for (size_t i = 0; i < rd->n_net; i++) {
        char label[160];
        tf_table_row(d);
        tf_table_text(d, tf_report_label(rd, rd->net[i].c, label, sizeof(label)));
        tf_table_count(d, rd->net[i].in);
        tf_table_count(d, rd->net[i].out);
        tf_table_signed(d, rd->net[i].net);
    }
    tf_table_end(d);
}

static void net_legend(struct tf_doc *d, const struct tf_report_data *rd)
{
    tf_svg_rect(d, NET_X0, 10, 14, 12, "#0072B2", NULL);
    tf_svg_text(d, NET_X0 + 20, 20, TF_START, NULL, rd->t->net_gain);
    tf_svg_rect(d, NET_X0 + 110, 10, 14, 12, "url(#chart-net-loss)", NULL);
    tf_svg_text(d, NET_X0 + 130, 20, TF_START, NULL, rd->t->net_loss);
}

void tf_chart_net(struct tf_doc *d, const struct tf_report_data *rd)
{
    size_t gain, loss;
    double ticks[TF_MAX_TICKS], m = 1;
    char years[32], desc[320], cap[400], g[24], l[24];
    net_pick(rd, &gain, &loss);
    if (!gain && !loss) {
        tf_chart_empty(d, rd->t->net_empty);
        return;
    }
    for (size_t i = 0; i < rd->n_net; i++)
        m = fmax(m, fabs((double)rd->net[i].net));
    double lo = -m, hi = m;
    size_t nt = tf_scale_ticks(&lo, &hi, 9, ticks);
    struct tf_scale sx = {lo, hi, NET_X0, NET_X1};
    double bottom = NET_TOP + NET_ROW * (double)(gain + loss) + (gain && loss ? NET_SPLIT : 0);
    tf_report_years(rd, years);
    tf_say(desc, sizeof(desc), rd->t->net_desc, tf_int((long)gain, g), tf_int((long)loss, l), years,
           NULL);
    tf_figure_begin(d);
    tf_svg_begin(d, TF_CHART_NET, W, (int)(bottom + 30), rd->t->net_title, desc);
    tf_doc_raw(d, "<defs>");
    tf_svg_pattern(d, "chart-net-loss", "#D55E00", 1);
    tf_doc_raw(d, "</defs>");
    net_legend(d, rd);
    tf_svg_axis_x(d, &sx, bottom, ticks, nt, 0, NET_TOP - 6);
    for (size_t i = 0; i < gain; i++)
        net_bar(d, rd, &rd->net[i], &sx, NET_TOP + NET_ROW * (double)i);
    for (size_t i = 0; i < loss; i++)
        net_bar(d, rd, &rd->net[rd->n_net - loss + i], &sx,
                NET_TOP + NET_ROW * (double)(gain + i) + (gain ? NET_SPLIT : 0));
    tf_svg_line(d, tf_scale_at(&sx, 0), NET_TOP - 6, tf_scale_at(&sx, 0), bottom, "zero");
    tf_svg_end(d);
    tf_say(cap, sizeof(cap), rd->t->net_caption, years, NULL);
    tf_figure_end(d, cap);
    net_table(d, rd);
}

/* ---- mobility classes: 100 % stacked bars ------------------------------- */

#define CL_X0 230.0
#define CL_X1 840.0
#define CL_ROW 24.0
#define CL_TOP 44.0

static const char *const class_fill[TF_RD_CLASSES] = {
    "url(#chart-classes-0)", "url(#chart-classes-1)", "url(#chart-classes-2)",
    "url(#chart-classes-3)"};

static void classes_defs(struct tf_doc *d)
{
    static const char *const colour[TF_RD_CLASSES] = {"#56B4E9", "#D55E00", "#E69F00", "#009E73"};
    char id[32];
    tf_doc_raw(d, "<defs>");
    for (int i = 0; i < TF_RD_CLASSES; i++) {
        snprintf(id, sizeof(id), "chart-classes-%d", i);
        tf_svg_pattern(d, id, colour[i], i);
    }
    tf_doc_raw(d, "</defs>");
}

static void classes_legend(struct tf_doc *d, const struct tf_report_data *rd)
{
    double x = CL_X0;
    for (int i = 0; i < TF_RD_CLASSES; i++) {
        tf_svg_rect(d, x, 10, 14, 14, class_fill[i], NULL);
        tf_svg_text(d, x + 20, 21, TF_START, NULL, rd->t->cl_label[i]);
        x += 34 + tf_text_width(rd->t->cl_label[i], 12);
    }
}

static void classes_bar(struct tf_doc *d, const struct tf_report_data *rd,
                        const struct tf_rd_classes *c, double y)
{
    char name[64], label[160], tip[256], num[32], pct[32];
    tf_svg_text(d, 10, y + 16, TF_START, "code", c->origin);
    tf_svg_text(d, 40, y + 16, TF_START, NULL,
                tf_text_cut(tf_report_data_name(rd, c->origin), 24, name, sizeof(name)));
    tf_report_label(rd, c->origin, label, sizeof(label));
    double x = CL_X0;
    for (int i = 0; i < TF_RD_CLASSES; i++) {
        double share = (double)c->n[i] / (double)c->total;
        double w = share * (CL_X1 - CL_X0);
        tf_say(tip, sizeof(tip), rd->t->cl_tip, label, rd->t->cl_label[i],
               tf_fmt_count(c->n[i], num), tf_report_pct(rd, share, pct), NULL);
        tf_svg_rect(d, x, y + 3, w, CL_ROW - 6, class_fill[i], tip);
        if (w >= 44)
            tf_svg_text(d, x + w / 2, y + 16, TF_MIDDLE, "lab", pct);
        x += w;
    }
    tf_say(label, sizeof(label), rd->t->cl_n, tf_fmt_count(c->total, num), NULL);
    tf_svg_text(d, CL_X1 + 8, y + 16, TF_START, NULL, label);
}

static void classes_table(struct tf_doc *d, const struct tf_report_data *rd)
{
    tf_table_begin(d, rd->t->cl_summary, rd->t->cl_heads, 10);
    for (size_t i = 0; i < rd->n_classes; i++) {
        const struct tf_rd_classes *c = &rd->classes[i];
        char label[160];
        tf_table_row(d);
        tf_table_text(d, tf_report_label(rd, c->origin, label, sizeof(label)));
        tf_table_count(d, c->total);
        for (int k = 0; k < TF_RD_CLASSES; k++) {
            tf_table_count(d, c->n[k]);
            tf_table_pct(d, (double)c->n[k] / (double)c->total);
        }
    }
    tf_table_end(d);
}

void tf_chart_classes(struct tf_doc *d, const struct tf_report_data *rd)
{
    char desc[320], n[24];
    if (!rd->n_classes) {
        tf_chart_empty(d, rd->t->cl_empty);
        return;
    }
    double bottom = CL_TOP + CL_ROW * (double)rd->n_classes;
    tf_say(desc, sizeof(desc), rd->t->cl_desc, tf_int((long)rd->n_classes, n), NULL);
    tf_figure_begin(d);
    tf_svg_begin(d, TF_CHART_CLASSES, W, (int)(bottom + 10), rd->t->cl_title, desc);
    classes_defs(d);
    classes_legend(d, rd);
    for (size_t i = 0; i < rd->n_classes; i++)
        classes_bar(d, rd, &rd->classes[i], CL_TOP + CL_ROW * (double)i);
    tf_svg_end(d);
    tf_figure_end(d, rd->t->cl_caption);
    classes_table(d, rd);
}
