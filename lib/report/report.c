/*
 * report.c - the HTML report: page, style, headlines, data tables, and the
 * atomic write (see talentflow/report.h). The charts are in report_charts.c
 * and report_time.c, the reads in report_data.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/afile.h"
#include "report/catalogue.h"
#include "report/report_page.h"
#include "talentflow/report.h"

#define EN_DASH "\xe2\x80\x93"
#define ARROW "\xe2\x86\x92"

void tf_report_opts_init(struct tf_report_opts *o)
{
    memset(o, 0, sizeof(*o));
}

/* ---- small shared pieces ------------------------------------------------ */

char *tf_report_years(const struct tf_report_data *rd, char buf[32])
{
    if (!rd->n_years)
        snprintf(buf, 32, "%s", rd->t->no_years);
    else if (rd->y0 == rd->y1)
        snprintf(buf, 32, "%d", rd->y0);
    else
        snprintf(buf, 32, "%d" EN_DASH "%d", rd->y0, rd->y1);
    return buf;
}

char *tf_report_label(const struct tf_report_data *rd, const char *code, char *buf, size_t size)
{
    const char *name = tf_report_data_name(rd, code);
    if (name == code)
        snprintf(buf, size, "%s", code);
    else
        tf_say(buf, size, rd->t->label, code, name, NULL);
    return buf;
}

char *tf_report_pct(const struct tf_report_data *rd, double share, char buf[32])
{
    return tf_fmt_pct_sep(share, rd->t->pct_sep, buf);
}

void tf_figure_begin(struct tf_doc *d)
{
    tf_doc_raw(d, "<figure>\n");
}

void tf_figure_end(struct tf_doc *d, const char *caption)
{
    tf_doc_raw(d, "<figcaption>");
    tf_doc_text(d, caption);
    tf_doc_raw(d, "</figcaption></figure>\n");
}

void tf_chart_empty(struct tf_doc *d, const char *why)
{
    tf_doc_raw(d, "<p class=\"empty\">");
    tf_doc_text(d, why);
    tf_doc_raw(d, "</p>\n");
}

/* ---- data tables -------------------------------------------------------- */

/*
 * Numeric cells carry their exact value in data-v so the script sorts by
 * number, not by the formatted text. A row stays open until the next
 * tf_table_row or tf_table_end closes it.
 */
void tf_table_begin(struct tf_doc *d, const char *summary, const char *const *heads, size_t n)
{
    tf_table_begin_as(d, 0, summary, heads, n);
}

void tf_table_begin_as(struct tf_doc *d, int open, const char *summary, const char *const *heads,
                       size_t n)
{
    tf_table_begin_id(d, NULL, open, summary, heads, n);
}

void tf_table_begin_id(struct tf_doc *d, const char *id, int open, const char *summary,
                       const char *const *heads, size_t n)
{
    tf_doc_raw(d, "<details");
    if (id)
        tf_doc_fmt(d, " id=\"%s\"", id);
    tf_doc_raw(d, open ? " open><summary>" : "><summary>");
    tf_doc_text(d, summary);
    tf_doc_raw(d, "</summary><div class=\"tw\"><table class=\"sortable\"><thead><tr>");
    for (size_t i = 0; i < n; i++) {
        tf_doc_raw(d, "<th scope=\"col\">");
        tf_doc_text(d, heads[i]);
        tf_doc_raw(d, "</th>");
    }
    tf_doc_raw(d, "</tr></thead><tbody>\n");
    d->row_open = 0;
}

void tf_table_row(struct tf_doc *d)
{
    tf_doc_raw(d, d->row_open ? "</tr>\n<tr>" : "<tr>");
    d->row_open = 1;
}

void tf_table_text(struct tf_doc *d, const char *s)
{
    tf_doc_raw(d, "<td>");
    tf_doc_text(d, s);
    tf_doc_raw(d, "</td>");
}

void tf_table_count(struct tf_doc *d, uint64_t n)
{
    char buf[32];
    tf_doc_fmt(d, "<td class=\"n\" data-v=\"%llu\">%s</td>", (unsigned long long)n,
               tf_fmt_count(n, buf));
}

void tf_table_signed(struct tf_doc *d, int64_t n)
{
    char buf[32];
    tf_doc_fmt(d, "<td class=\"n\" data-v=\"%lld\">%s</td>", (long long)n, tf_fmt_signed(n, buf));
}

void tf_table_year(struct tf_doc *d, int year)
{
    tf_doc_fmt(d, "<td class=\"n\" data-v=\"%d\">%d</td>", year, year);
}

void tf_table_num(struct tf_doc *d, double v, int decimals)
{
    char buf[32];
    if (!isfinite(v))
        tf_doc_fmt(d, "<td class=\"n\" data-v=\"\">%s</td>", tf_fmt_num(v, decimals, buf));
    else
        tf_doc_fmt(d, "<td class=\"n\" data-v=\"%.10g\">%s</td>", v, tf_fmt_num(v, decimals, buf));
}

void tf_table_pct(struct tf_doc *d, double share)
{
    char buf[32];
    if (!isfinite(share))
        tf_doc_fmt(d, "<td class=\"n\" data-v=\"\">%s</td>", tf_fmt_pct(share, buf));
    else
        tf_doc_fmt(d, "<td class=\"n\" data-v=\"%.10g\">%s</td>", share,
                   d->pct_sep ? tf_fmt_pct_sep(share, d->pct_sep, buf) : tf_fmt_pct(share, buf));
}

void tf_table_end(struct tf_doc *d)
{
    tf_doc_raw(d, d->row_open ? "</tr></tbody></table></div></details>\n"
                              : "</tbody></table></div></details>\n");
    d->row_open = 0;
}

/* ---- style and script --------------------------------------------------- */

/*
 * System fonts only (nothing to download); the font list is the language's
 * (strings.c) and is written before this sheet. Print drops the navigation and
 * keeps figures whole; every chart already reads in grey because series
 * differ by dash, marker or pattern, not by colour alone.
 */
static const char style[] =
    "<style>\n"
    ":root{color-scheme:light}\n"
    "body{margin:0;background:#fff;color:#1a1a1a;font-size:15px;line-height:1.5}\n"
    "header,nav,main,footer{max-width:1000px;margin:0 auto;padding:0 20px}\n"
    ".skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;"
    "padding:4px 8px}\n"
    "h1{font-size:1.7em;margin:.8em 0 .2em}h2{font-size:1.3em;margin:1.8em 0 .4em;"
    "border-bottom:1px solid #bbb}\n"
    ".meta,figcaption,footer{color:#333}figcaption{font-size:.92em;margin:.3em 0 .6em}\n"
    "nav ol{display:flex;flex-wrap:wrap;gap:.2em 1.4em;padding:0;list-style:none}\n"
    "a{color:#0a4f8a}\n"
    "a:focus,button:focus,summary:focus{outline:3px solid #E69F00;outline-offset:2px}\n"
    "figure{margin:0}\n"
    "svg.chart{max-width:100%;height:auto;font-size:12px;overflow:visible}\n"
    "svg text{fill:#1a1a1a}svg .head{font-weight:600;font-size:13px}"
    "svg .code{font-weight:600}\n"
    "svg .lab{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}\n"
    "svg .domain,svg .tick{stroke:#555}svg .grid{stroke:#e2e2e2}svg .zero{stroke:#000}\n"
    "svg .series{stroke-width:2}svg .link{fill-opacity:.45;stroke-opacity:.7;stroke-width:.6}\n"
    "svg .mark:hover{stroke:#000;stroke-width:1.5}svg .link:hover{fill-opacity:.8}\n"
    "svg .cell{font-size:10px}svg .cell.dark{fill:#fff}\n"
    ".empty{font-style:italic}ul.answers li{margin:.5em 0}\n"
    "pre.scenario{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;"
    "padding:.6em;font-size:.85em}\n"
    "details{margin:.4em 0 1.2em}summary{cursor:pointer;color:#0a4f8a}\n"
    ".tw{overflow-x:auto}table{border-collapse:collapse;font-size:.88em;margin:.5em 0}\n"
    "th,td{padding:.2em .6em;border-bottom:1px solid #ddd;text-align:left}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;"
    "cursor:pointer}\n"
    "th[aria-sort=ascending] button::after{content:\" \\25B2\"}"
    "th[aria-sort=descending] button::after{content:\" \\25BC\"}\n"
    "#tip{position:fixed;z-index:9;pointer-events:none;display:none;max-width:340px;"
    "padding:3px 7px;border-radius:3px;background:#111;color:#fff;font-size:12px}\n"
    "@media print{nav,.skip,#tip{display:none}body{font-size:10.5pt}a{color:#000}"
    "h2{break-after:avoid}figure{break-inside:avoid}}\n"
    "</style>\n";

/*
 * Progressive enhancement only: sortable tables (buttons in the heads, so
 * they work from the keyboard) and a tooltip with the value under the
 * pointer. Without it the page reads the same; the native <title> tooltips
 * and the data tables stay. The last line marks the page as enhanced, which
 * the browser test checks to know the script ran to the end.
 */
static const char script[] =
    "<script>\n"
    "(function(){\"use strict\";\n"
    "function key(c){return c.hasAttribute(\"data-v\")?c.getAttribute(\"data-v\"):null;}\n"
    "function cmp(a,b){var x=key(a),y=key(b);if(x===null||y===null)"
    "return a.textContent.localeCompare(b.textContent);\n"
    " if(x===\"\"||y===\"\")return(x===\"\")-(y===\"\");return parseFloat(x)-parseFloat(y);}\n"
    "function sort(t,col,th){var up=th.getAttribute(\"aria-sort\")!==\"ascending\";\n"
    " Array.prototype.forEach.call(th.parentNode.cells,function(c){c.removeAttribute("
    "\"aria-sort\");});\n"
    " th.setAttribute(\"aria-sort\",up?\"ascending\":\"descending\");\n"
    " var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows);\n"
    " rows.forEach(function(r,i){r.i=i;});\n"
    " rows.sort(function(p,q){var c=cmp(p.cells[col],q.cells[col]);"
    "return (up?c:-c)||p.i-q.i;});\n"
    " rows.forEach(function(r){b.appendChild(r);});}\n"
    "document.querySelectorAll(\"table.sortable\").forEach(function(t){\n"
    " Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,i){\n"
    "  var b=document.createElement(\"button\");b.type=\"button\";b.textContent=th.textContent;\n"
    "  th.textContent=\"\";th.appendChild(b);"
    "b.addEventListener(\"click\",function(){sort(t,i,th);});});});\n"
    "var tip=document.createElement(\"div\");tip.id=\"tip\";"
    "tip.setAttribute(\"aria-hidden\",\"true\");document.body.appendChild(tip);\n"
    "var cur=null,saved=\"\";\n"
    "function leave(){if(cur){cur.firstChild.textContent=saved;cur=null;}"
    "tip.style.display=\"none\";}\n"
    "document.addEventListener(\"mouseover\",function(e){"
    "var m=e.target.closest?e.target.closest(\".mark\"):null;\n"
    " if(m===cur)return;leave();"
    "if(!m||!m.firstChild||m.firstChild.nodeName!==\"title\")return;\n"
    " cur=m;saved=m.firstChild.textContent;tip.textContent=saved;"
    "m.firstChild.textContent=\"\";tip.style.display=\"block\";});\n"
    "document.addEventListener(\"mousemove\",function(e){if(cur){"
    "tip.style.left=Math.min(e.clientX+14,innerWidth-350)+\"px\";"
    "tip.style.top=(e.clientY+14)+\"px\";}});\n"
    "document.documentElement.setAttribute(\"data-enhanced\",\"1\");\n"
    "})();\n"
    "</script>\n";

/* ---- headlines ---------------------------------------------------------- */

static void headline(struct tf_doc *d, const char *sentence)
{
    tf_doc_raw(d, "<li>");
    tf_doc_text(d, sentence);
    tf_doc_raw(d, "</li>\n");
}

static void headline_totals(struct tf_doc *d, const struct tf_report_data *rd)
{
    char s[512], a[32], b[32], c[32], e[32];
    if (!rd->people)
        return;
    tf_say(s, sizeof(s), rd->t->hl_totals, tf_fmt_count(rd->people, a), tf_fmt_count(rd->moves, b),
           tf_fmt_count(rd->kept, c), tf_fmt_count(rd->observations, e), NULL);
    headline(d, s);
}

static void headline_classes(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_rd_classes *c = &rd->focus_classes;
    char s[512], label[160], n[32], p[TF_RD_CLASSES][32];
    if (!c->total)
        return;
    for (int i = 0; i < TF_RD_CLASSES; i++)
        tf_report_pct(rd, (double)c->n[i] / (double)c->total, p[i]);
    tf_say(s, sizeof(s), rd->t->hl_classes, tf_fmt_count(c->total, n),
           tf_report_label(rd, rd->focus, label, sizeof(label)), p[TF_CLASS_MIGRANT],
           p[TF_CLASS_DIRECTIONAL], p[TF_CLASS_NON_DIRECTIONAL], p[TF_CLASS_NON_MOBILE], NULL);
    headline(d, s);
}

/* Return within five years, or within the longest k the store has for the headline country. */
static void headline_return(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_rd_curve *c = &rd->focus_curve;
    char s[512], label[160], n[32], p[32], r[32], ks[24];
    int k = 5;
    while (k > 1 && (!c->has[k] || !isfinite(c->km[k])))
        k--;
    if (!c->departed || !c->has[k] || !isfinite(c->km[k]))
        return;
    tf_say(s, sizeof(s), k > 1 ? rd->t->hl_return : rd->t->hl_return_1,
           tf_fmt_count(c->departed, n), tf_report_label(rd, rd->focus, label, sizeof(label)),
           tf_report_pct(rd, c->km[k], p), tf_int(k, ks), tf_fmt_count(tf_rd_at_risk(c, k), r),
           NULL);
    headline(d, s);
}

static void headline_corridor(struct tf_doc *d, const struct tf_report_data *rd)
{
    char s[640], o[160], t[160], n[32], p[32], all[32], years[32];
    if (!rd->n_corridors || !rd->window_moves)
        return;
    const struct tf_rd_corridor *c = &rd->corridors[0];
    tf_say(s, sizeof(s), rd->t->hl_corridor, tf_report_years(rd, years),
           tf_report_label(rd, c->o, o, sizeof(o)), tf_report_label(rd, c->d, t, sizeof(t)),
           tf_fmt_count(c->n, n), tf_report_pct(rd, (double)c->n / (double)rd->window_moves, p),
           tf_fmt_count(rd->window_moves, all), NULL);
    headline(d, s);
}

static void headline_net(struct tf_doc *d, const struct tf_report_data *rd)
{
    char s[640], g[160], l[160], a[32], b[32], years[32];
    if (!rd->n_net)
        return;
    const struct tf_rd_net *top = &rd->net[0], *low = &rd->net[rd->n_net - 1];
    tf_report_years(rd, years);
    if (top->net <= 0 || low->net >= 0)
        return;
    tf_say(s, sizeof(s), rd->t->hl_net, years, tf_report_label(rd, top->c, g, sizeof(g)),
           tf_fmt_signed(top->net, a), tf_report_label(rd, low->c, l, sizeof(l)),
           tf_fmt_signed(low->net, b), NULL);
    headline(d, s);
}

static void headlines(struct tf_doc *d, const struct tf_report_data *rd)
{
    tf_doc_raw(d, "<section id=\"headlines\" aria-labelledby=\"headlines-h\">"
                  "<h2 id=\"headlines-h\">");
    tf_doc_text(d, rd->t->headlines);
    tf_doc_raw(d, "</h2>\n<ul class=\"headlines\">\n");
    headline_totals(d, rd);
    headline_classes(d, rd);
    headline_return(d, rd);
    headline_corridor(d, rd);
    headline_net(d, rd);
    tf_doc_raw(d, "</ul></section>\n");
}

/* ---- the page ----------------------------------------------------------- */

/* A section: its id and chart; its title and intro are sec_title[i] and sec_intro[i]. */
struct section {
    const char *id;
    void (*draw)(struct tf_doc *d, const struct tf_report_data *rd);
};

/*
 * The study-to-work pipeline needs education records, which no reader
 * produces yet; its section is left out rather than shown empty.
 */
static const struct section sections[] = {
    {"flows", tf_chart_flows},     {"net", tf_chart_net},         {"rates", tf_chart_rates},
    {"returns", tf_chart_returns}, {"cohorts", tf_chart_cohorts}, {"classes", tf_chart_classes},
};

#define N_SECTIONS (sizeof(sections) / sizeof(sections[0]))

static void page_head(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_report_text *t = rd->t;
    char years[32], title[160];
    tf_say(title, sizeof(title), t->title, tf_report_years(rd, years), NULL);
    tf_doc_fmt(d, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
               t->lang);
    tf_doc_raw(d, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<link rel=\"icon\" href=\"data:,\">\n<title>");
    tf_doc_text(d, title);
    tf_doc_text(d, t->title_suffix);
    tf_doc_raw(d, "</title>\n<style>\nbody,svg.chart{font-family:");
    tf_doc_raw(d, t->fonts);
    tf_doc_raw(d, "}\n</style>\n");
    tf_doc_raw(d, style);
    tf_doc_raw(d, "</head>\n<body>\n<a class=\"skip\" href=\"#main\">");
    tf_doc_text(d, t->skip);
    tf_doc_raw(d, "</a>\n<header><h1>");
    tf_doc_text(d, title);
    tf_doc_raw(d, "</h1>\n<p class=\"meta\">talentflow ");
    tf_doc_text(d, rd->version[0] ? rd->version : t->version_unknown);
    if (rd->created[0]) {
        tf_doc_text(d, t->store_written);
        tf_doc_text(d, rd->created);
    }
    if (rd->format[0]) {
        tf_doc_text(d, t->input);
        tf_doc_text(d, rd->format);
    }
    tf_doc_raw(d, "</p></header>\n");
}

/* A link of the navigation to section `id` (trusted). */
static void nav_link(struct tf_doc *d, const char *id, const char *title)
{
    tf_doc_fmt(d, "<li><a href=\"#%s\">", id);
    tf_doc_text(d, title);
    tf_doc_raw(d, "</a></li>");
}

static void page_nav(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_report_text *t = rd->t;
    tf_doc_raw(d, "<nav aria-label=\"");
    tf_doc_text(d, t->nav);
    tf_doc_raw(d, "\"><ol>");
    nav_link(d, "answer", t->pr_heading);
    nav_link(d, "headlines", t->headlines);
    for (size_t i = 0; i < N_SECTIONS; i++)
        nav_link(d, sections[i].id, t->sec_title[i]);
    if (rd->pipe_total)
        nav_link(d, "pipeline", t->pl_title);
    if (tf_report_has_model(rd))
        nav_link(d, "model", t->mo_title);
    if (rd->n_pools > 1)
        nav_link(d, "pools", t->pools_title);
    tf_doc_raw(d, "</ol></nav>\n");
}

/*
 * The talent pools side by side, when the run had any besides "all": their
 * size and their return within TF_RD_POOL_K years. Names come from the
 * store and are escaped like every other text.
 */
static void page_pools(struct tf_doc *d, const struct tf_report_data *rd)
{
    const struct tf_report_text *t = rd->t;
    if (rd->n_pools < 2)
        return;
    tf_doc_raw(d, "<section id=\"pools\" aria-labelledby=\"pools-h\"><h2 id=\"pools-h\">");
    tf_doc_text(d, t->pools_title);
    tf_doc_raw(d, "</h2>\n<p>");
    tf_doc_text(d, t->pools_intro);
    tf_doc_raw(d, "</p>\n");
    tf_table_begin_as(d, 1, t->pools_summary, t->pools_heads, 7);
    for (size_t i = 0; i < rd->n_pools; i++) {
        const struct tf_rd_pool *p = &rd->pools[i];
        tf_table_row(d);
        tf_table_text(d, p->name);
        tf_table_count(d, p->people);
        tf_table_count(d, p->moves);
        tf_table_count(d, p->departed);
        tf_table_count(d, p->returned);
        tf_table_pct(d, p->departed ? (double)p->returned / (double)p->departed : (double)NAN);
        tf_table_pct(d, p->km);
    }
    tf_table_end(d);
    tf_doc_raw(d, "</section>\n");
}

void tf_section_begin(struct tf_doc *d, const char *id, const char *title, const char *intro)
{
    tf_doc_fmt(d, "<section id=\"%s\" aria-labelledby=\"%s-h\"><h2 id=\"%s-h\">", id, id, id);
    tf_doc_text(d, title);
    tf_doc_raw(d, "</h2>\n");
    if (intro && intro[0]) {
        tf_doc_raw(d, "<p>");
        tf_doc_text(d, intro);
        tf_doc_raw(d, "</p>\n");
    }
}

static void page_sections(struct tf_doc *d, const struct tf_report_data *rd)
{
    for (size_t i = 0; i < N_SECTIONS; i++) {
        const struct section *s = &sections[i];
        tf_section_begin(d, s->id, rd->t->sec_title[i], rd->t->sec_intro[i]);
        s->draw(d, rd);
        tf_doc_raw(d, "</section>\n");
    }
}

static void page_foot(struct tf_doc *d, const struct tf_report_data *rd)
{
    tf_doc_raw(d, "<footer><p>");
    tf_doc_text(d, rd->t->footer);
    tf_doc_raw(d, "</p></footer>\n");
}

static void page(struct tf_doc *d, const struct tf_report_data *rd)
{
    d->pct_sep = rd->t->pct_sep;
    page_head(d, rd);
    page_nav(d, rd);
    tf_doc_raw(d, "<main id=\"main\">\n");
    tf_section_pair(d, rd);
    headlines(d, rd);
    page_sections(d, rd);
    tf_section_pipeline(d, rd);
    tf_section_model(d, rd);
    page_pools(d, rd);
    tf_doc_raw(d, "</main>\n");
    page_foot(d, rd);
    tf_doc_raw(d, script);
    tf_doc_raw(d, "</body>\n</html>\n");
}

/* ---- writing ------------------------------------------------------------ */

/* The pair is two valid, different countries, or none at all. */
static int check_focus(const struct tf_report_opts *o, struct tf_error *err)
{
    if (!o->focus[0] && !o->focus[1])
        return 0;
    if (!tf_country_valid(o->focus[0]) || !tf_country_valid(o->focus[1]))
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0,
                            "report: the focus wants two valid countries");
    if (o->focus[0] == o->focus[1])
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0,
                            "report: the focus wants two different countries");
    return 0;
}

int tf_report_lang_valid(const char *lang)
{
    return tf_report_text_for(lang) != NULL;
}

int tf_report_names_missing(const char *lang, const char *localedir, char *path, size_t size)
{
    struct tf_catalogue cat;
    if (tf_catalogue_path(lang, localedir, path, size) < 0)
        return 0;
    if (tf_catalogue_open(&cat, path) < 0)
        return 1;
    tf_catalogue_release(&cat);
    return 0;
}

char *tf_report_country_name(tf_country c, const char *lang, const char *localedir, char *buf,
                             size_t size)
{
    struct tf_catalogue cat;
    char path[4200], code[3];
    const char *en = tf_country_name(c), *name = NULL;
    int open = tf_catalogue_path(lang, localedir, path, sizeof(path)) == 0 &&
               tf_catalogue_open(&cat, path) == 0;
    if (open)
        name = tf_catalogue_get(&cat, en);
    snprintf(buf, size, "%s", name ? name : en ? en : tf_country_code(c, code));
    if (open)
        tf_catalogue_release(&cat);
    return buf;
}

static int check_opts(const struct tf_report_opts *o, struct tf_error *err)
{
    if (!tf_report_lang_valid(o->lang))
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0,
                            "report: no language '%s' (en, zh-Hans or zh-Hant)", o->lang);
    if (o->year_from && o->year_to && o->year_from > o->year_to)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "report: first year %d after last year %d",
                            o->year_from, o->year_to);
    if (o->top > TF_REPORT_MAX_TOP)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "report: top %u is above %d", o->top,
                            TF_REPORT_MAX_TOP);
    if (o->n_countries > TF_REPORT_MAX_COUNTRIES)
        return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "report: more than %d countries",
                            TF_REPORT_MAX_COUNTRIES);
    for (size_t i = 0; i < o->n_countries; i++)
        if (!tf_country_valid(o->countries[i]))
            return tf_error_set(err, TF_ERR_USAGE, NULL, 0, "report: country %zu is not valid",
                                i + 1);
    return check_focus(o, err);
}

static int write_file(const char *path, const struct tf_doc *d, struct tf_error *err)
{
    struct tf_afile a;
    int rc = tf_afile_open(&a, path, err);
    if (rc < 0)
        return rc;
    if (fwrite(d->b.data, 1, d->b.len, a.f) != d->b.len) {
        tf_afile_abort(&a);
        return tf_error_set(err, TF_ERR_IO, path, 0, "cannot write");
    }
    return tf_afile_commit(&a, err);
}

int tf_write_report(const char *dir, const struct tf_report_opts *opts, struct tf_error *err)
{
    struct tf_report_opts defaults;
    struct tf_report_data rd;
    struct tf_doc d;
    char store[4200], out[4200];
    memset(&rd, 0, sizeof(rd));
    tf_doc_init(&d);
    if (!opts) {
        tf_report_opts_init(&defaults);
        opts = &defaults;
    }
    int rc = check_opts(opts, err);
    if (rc < 0)
        goto out;
    if ((size_t)snprintf(store, sizeof(store), "%s/talentflow.sqlite", dir) >= sizeof(store) ||
        (size_t)snprintf(out, sizeof(out), "%s/report.html", dir) >= sizeof(out)) {
        rc = tf_error_set(err, TF_ERR_USAGE, dir, 0, "path too long");
        goto out;
    }
    if ((rc = tf_report_data_load(&rd, store, opts, err)) < 0)
        goto out;
    if ((rc = tf_report_model_load(&rd.model, opts->model_dir, opts->projection_dir,
                                   (const char(*)[8])rd.pair.code, err)) < 0)
        goto out;
    if ((rc = tf_report_data_finish(&rd, opts)) < 0) {
        tf_error_set(err, rc, store, 0, "out of memory");
        goto out;
    }
    page(&d, &rd);
    if ((rc = d.status) < 0) {
        tf_error_set(err, rc, store, 0, "cannot build the report: %s", tf_strerror(rc));
        goto out;
    }
    rc = write_file(opts->out ? opts->out : out, &d, err);
out:
    tf_report_data_release(&rd);
    tf_doc_release(&d);
    return rc;
}
