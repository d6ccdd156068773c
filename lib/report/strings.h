/*
 * strings.h - every word the report writes, one table per language
 * (strings.c), so a reviewer reads all of a language's text in one place.
 *
 * Sentences with numbers are templates: "{1}", "{2}", ... stand for the
 * arguments of tf_say in order, so a language may put them in any order it
 * needs. Arguments are plain text (already formatted numbers, names, codes);
 * the page escapes the finished sentence. A field ending in _1 is the same
 * sentence for a count of one where the language needs a different form.
 */
#ifndef TF_REPORT_STRINGS_H
#define TF_REPORT_STRINGS_H

#include <stddef.h>

struct tf_report_text {
    const char *lang;     /* the <html lang> value */
    const char *pct_sep;  /* between a number and its per cent sign */
    const char *fonts;    /* the CSS font-family list, most wanted first */
    const char *label;    /* a country: {1} code, {2} name */
    const char *list_sep; /* between items of a list in a sentence */
    const char *no_years;
    const char *year;     /* a year in running text: {1} */
    const char *years_in; /* a span of years in running text: {1} */

    /* page */
    const char *title, *title_suffix, *skip, *version_unknown, *store_written, *input, *nav;
    const char *footer;
    const char *headlines;
    const char *hl_totals, *hl_classes, *hl_return, *hl_return_1, *hl_corridor, *hl_net;
    const char *sec_title[6], *sec_intro[6];
    const char *pools_title, *pools_intro, *pools_summary, *pools_heads[7];

    /* largest flows */
    const char *fl_empty, *fl_desc, *fl_title, *fl_origin, *fl_destination, *fl_tip_out, *fl_tip_in,
        *fl_band_tip, *fl_caption, *fl_summary, *fl_heads[4];
    /* net migration */
    const char *net_empty, *net_desc, *net_title, *net_gain, *net_loss, *net_tip, *net_caption,
        *net_summary, *net_heads[4];
    /* mobility classes */
    const char *cl_label[4], *cl_tip, *cl_n, *cl_empty, *cl_desc, *cl_title, *cl_caption,
        *cl_summary, *cl_heads[10];
    /* rates over time */
    const char *rt_tip[3], *rt_panel[3], *rt_empty, *rt_desc, *rt_title, *rt_caption, *rt_edge,
        *rt_summary, *rt_heads[6];
    /* return curves */
    const char *km_tip, *km_tip_1, *km_risk, *km_empty, *km_desc, *km_title, *km_axis_y, *km_axis_x,
        *km_caption, *km_summary, *km_heads[7], *km_kind[3];
    /* return by departure cohort */
    const char *co_tip, *co_tip_1, *co_n, *co_key, *co_empty, *co_desc, *co_title, *co_caption,
        *co_dropped, *co_summary, *co_heads[3];

    /* the first section: a pair of countries */
    const char *pr_heading, *pr_heading_pair, *pr_intro, *pr_about_all, *pr_about_pool, *pr_chosen,
        *pr_largest, *pr_empty;
    const char *pr_share, *pr_who_all, *pr_who_pool, *pr_chart, *pr_table, *pr_link_open,
        *pr_link_sep, *pr_link_close;
    const char *pr_where_none, *pr_where, *pr_flows_none, *pr_flows, *pr_pooled, *pr_trend_small,
        *pr_trend_small_1, *pr_trend_small_0, *pr_trend, *pr_rising, *pr_falling, *pr_flat,
        *pr_ret_none, *pr_ret_nopooled;
    const char *pr_fl_title, *pr_fl_axis, *pr_fl_desc, *pr_fl_tip, *pr_fl_caption, *pr_fl_summary,
        *pr_year;
    const char *pr_rt_title, *pr_rt_axis, *pr_rt_desc, *pr_rt_tip, *pr_rt_caption, *pr_rt_summary,
        *pr_rt_heads[9], *pr_all_years, *pr_yes, *pr_no;
    const char *pr_elsewhere, *pr_wh_summary, *pr_wh_heads[7];

    /* the model and the projection */
    const char *mo_title, *mo_intro, *mo_chart_title, *mo_desc, *mo_axis, *mo_side[3], *mo_cov[4],
        *mo_term, *mo_say[3][4], *mo_caption, *mo_summary, *mo_heads[4];
    const char *pj_chart_title, *pj_desc, *pj_baseline, *pj_scenario, *pj_axis, *pj_tip,
        *pj_caption, *pj_gain, *pj_loss, *pj_summary, *pj_heads[8];
    const char *sc_summary, *sc_none, *cv_title, *cv[5];

    /* the study-to-work pipeline */
    const char *pl_title, *pl_intro, *pl_chart_title, *pl_desc, *pl_stage[3], *pl_other, *pl_none,
        *pl_tip, *pl_tip_1, *pl_caption, *pl_headline, *pl_headline_home, *pl_summary, *pl_heads[4];
};

/* The table of `lang` ("en", "zh-Hans", "zh-Hant"; NULL = "en"), or NULL for another. */
const struct tf_report_text *tf_report_text_for(const char *lang);

/*
 * Writes template `tmpl` into buf (`size` bytes) with "{i}" replaced by the
 * i-th of the string arguments that follow, which end with a NULL. A
 * placeholder past the arguments, and text past the end of buf, are left out.
 * Returns buf.
 */
char *tf_say(char *buf, size_t size, const char *tmpl, ...) __attribute__((sentinel));

/* A whole number as text, for tf_say. Returns buf. */
char *tf_int(long v, char buf[24]);

#endif
