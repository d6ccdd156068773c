/*
 * report_page.h - the pieces of the HTML report shared by its source files:
 * the charts (one function each, writing a <figure> with its SVG and a
 * <details> data table) and the data-table helpers they use.
 *
 * Chart ids are stable: the browser test and the unit tests look for them.
 */
#ifndef TF_OUT_REPORT_PAGE_H
#define TF_OUT_REPORT_PAGE_H

#include <stdint.h>

#include "report/report_data.h"
#include "report/svg.h"

/* The width every chart is drawn at, in CSS pixels. */
#define TF_CHART_W 960

/* Ids of the charts, in page order. */
#define TF_CHART_FLOWS "chart-flows"
#define TF_CHART_NET "chart-net"
#define TF_CHART_RATES "chart-rates"
#define TF_CHART_RETURNS "chart-returns"
#define TF_CHART_COHORTS "chart-cohorts"
#define TF_CHART_CLASSES "chart-classes"
/* The first section's charts and tables (ids on the tables' <details>). */
#define TF_CHART_PAIR_FLOWS "chart-focus-flows"
#define TF_CHART_PAIR_RETURNS "chart-focus-returns"
#define TF_TABLE_PAIR_WHERE "table-focus-where"
#define TF_TABLE_PAIR_FLOWS "table-focus-flows"
#define TF_TABLE_PAIR_RETURNS "table-focus-returns"
/* The model section's charts and its table of gains and losses. */
#define TF_CHART_MODEL "chart-model"
#define TF_CHART_PROJECTION "chart-projection"
#define TF_TABLE_GAINS "table-model-gains"
#define TF_CHART_PIPELINE "chart-pipeline"

/* report_focus.c: the first section, the pair of countries in one pool (id "answer"). */
void tf_section_pair(struct tf_doc *d, const struct tf_report_data *rd);

/* report_model_page.c: the model and projection section (id "model"), when either was read. */
void tf_section_model(struct tf_doc *d, const struct tf_report_data *rd);
int tf_report_has_model(const struct tf_report_data *rd);

/* report_pipeline.c: the study-to-work section (id "pipeline"), when the run had education data. */
void tf_section_pipeline(struct tf_doc *d, const struct tf_report_data *rd);

/* report_charts.c: flows (Sankey), net migration (diverging bars), classes (stacked bars). */
void tf_chart_flows(struct tf_doc *d, const struct tf_report_data *rd);
void tf_chart_net(struct tf_doc *d, const struct tf_report_data *rd);
void tf_chart_classes(struct tf_doc *d, const struct tf_report_data *rd);

/* report_time.c: rates over time (lines), return curves, return by cohort (heat grid). */
void tf_chart_rates(struct tf_doc *d, const struct tf_report_data *rd);
void tf_chart_returns(struct tf_doc *d, const struct tf_report_data *rd);
void tf_chart_cohorts(struct tf_doc *d, const struct tf_report_data *rd);
/* Year ticks for the window: every year for a short one, round steps otherwise. */
size_t tf_chart_year_ticks(const struct tf_report_data *rd, double *lo, double *hi,
                           double ticks[TF_MAX_TICKS]);

/* report.c: the data tables behind every chart, sortable by the page's script. */

/* Opens <details> with an escaped summary line and a table with these column heads. */
void tf_table_begin(struct tf_doc *d, const char *summary, const char *const *heads, size_t n);
/* Same, open from the start when `open` is nonzero (a table that is the section itself). */
void tf_table_begin_as(struct tf_doc *d, int open, const char *summary, const char *const *heads,
                       size_t n);
/* Same, with `id` (trusted; NULL for none) on the <details>, for links to the table. */
void tf_table_begin_id(struct tf_doc *d, const char *id, int open, const char *summary,
                       const char *const *heads, size_t n);
void tf_table_row(struct tf_doc *d); /* starts a row (closing the previous one) */
void tf_table_text(struct tf_doc *d, const char *s);
void tf_table_count(struct tf_doc *d, uint64_t n);
void tf_table_signed(struct tf_doc *d, int64_t n);
void tf_table_year(struct tf_doc *d, int year);              /* without a thousands separator */
void tf_table_num(struct tf_doc *d, double v, int decimals); /* NaN shows "–" */
void tf_table_pct(struct tf_doc *d, double share);           /* NaN shows "–" */
void tf_table_end(struct tf_doc *d);

/* Opens <section id> (trusted) with its escaped <h2> title and an intro paragraph (NULL: none). */
void tf_section_begin(struct tf_doc *d, const char *id, const char *title, const char *intro);

/* A <figure> around a chart: opens it, and closes it with an escaped caption. */
void tf_figure_begin(struct tf_doc *d);
void tf_figure_end(struct tf_doc *d, const char *caption);

/* A paragraph saying there is nothing to draw (escaped). */
void tf_chart_empty(struct tf_doc *d, const char *why);

/* "2005–2020" (or "2005" for one year) into buf; "no years" for an empty window. */
char *tf_report_years(const struct tf_report_data *rd, char buf[32]);

/* `share` as a percentage written the page's way ("12.3 %", "12.3%"). Returns buf. */
char *tf_report_pct(const struct tf_report_data *rd, double share, char buf[32]);

/* `code` and its name, "CN (China)" or "中国（CN）", into buf (escaping is the caller's). */
char *tf_report_label(const struct tf_report_data *rd, const char *code, char *buf, size_t size);

#endif
