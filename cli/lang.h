/*
 * lang.h - the sentences the commands print on a terminal (fit's and
 * project's summaries, the titles and empty-answer messages of the store
 * queries) in English, Simplified and Traditional Chinese, one table per
 * language in lang.c. Column heads of tables and CSV/JSON output stay as
 * they are in every language: programs read them.
 *
 * Sentences are templates: "{1}", "{2}", ... are the arguments of
 * tf_cli_say in order, so a language orders them as it needs.
 */
#ifndef TF_CLI_LANG_H
#define TF_CLI_LANG_H

#include <stddef.h>

#include "talentflow/talentflow.h"

struct tf_cli_text {
    const char *lang;
    const char *label; /* a country: {1} code, {2} name */
    /* fit */
    const char *fit_panel, *fit_top, *fit_all, *fit_left, *fit_fe, *fe_odyear, *fe_dyadic,
        *fe_dense, *fe_ap, *fit_irls, *se_cluster, *se_hc1, *se_hc0, *cluster[4], *boot, *fit_wrote;
    /* project */
    const char *pj_scenario, *pj_none, *pj_range, *pj_draws, *pj_gained, *pj_wrote,
        *pj_wrote_scenario;
    /* queries: titles and why an answer is empty */
    const char *years_all, *years_one, *years_span, *years_from, *years_to, *pool, *any_other;
    const char *fl_pair, *fl_from, *fl_to, *fl_none_pair, *fl_none_from, *fl_none_to;
    const char *rt_title, *rt_none, *wh_title, *wh_none;
    const char *top_title, *top_by[3], *corr_title, *no_moves;
    const char *pw_title, *pw_none, *pd_title, *pd_none;
    const char *not_in_store, *store_covers;
};

/* The table of `lang` (NULL = English); English for a language not known. */
const struct tf_cli_text *tf_cli_text_for(const char *lang);

/* `tmpl` with "{i}" replaced by the i-th string after it (the list ends with NULL). */
char *tf_cli_say(char *buf, size_t size, const char *tmpl, ...) __attribute__((sentinel));

/* "CN (China)" or "中国（CN）": the code and its name in the language, into buf. */
char *tf_cli_country(const struct tf_cli_text *t, tf_country c, char *buf, size_t size);

#endif
