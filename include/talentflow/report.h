/*
 * talentflow/report.h - one self-contained HTML report drawn from a run's
 * results store.
 *
 * The report reads DIR/talentflow.sqlite (written by `talentflow run`) and
 * writes a single HTML file with inline SVG charts: the largest flows as a
 * Sankey diagram, net migration by country, rates over time, return curves
 * with the number at risk, return by departure cohort and the composition of
 * mobility classes, plus headline sentences computed from the same numbers.
 * It opens with one pair of countries (`focus`) in one talent pool (`pool`):
 * where each one's researchers are now, how many moved each way each year,
 * and whether those who left came back, in sentences with their uncertainty.
 * When the run had education records it adds the study-to-work pipeline;
 * given the folders of `talentflow fit` and `talentflow project` it adds the
 * push-pull model and a projection. It is written in English, Simplified or
 * Traditional Chinese (`lang`), country names from iso-codes' translations.
 * The file needs no network, fonts or scripts to read; a small inline script
 * only adds sorting and hover values. What each chart shows is in
 * docs/report.md.
 *
 * How to use:
 *   struct tf_report_opts o;
 *   tf_report_opts_init(&o);
 *   o.year_from = 2005;                       // optional window
 *   tf_country_parse("US", 2, &o.countries[o.n_countries++]);
 *   tf_country_parse("CN", 2, &o.focus[0]);   // optional: the first section's pair
 *   tf_country_parse("US", 2, &o.focus[1]);
 *   o.pool = "ai-top";                         // and its talent pool
 *   o.lang = "zh-Hans";                        // optional: the page in Chinese
 *   o.model_dir = "model";                     // optional: `talentflow fit -o model`
 *   o.projection_dir = "projection";           // and `talentflow project -o projection`
 *   if (tf_write_report("out", &o, &err) < 0)  // writes out/report.html
 *       fprintf(stderr, "%s\n", err.msg);
 *
 * The file is written under a temporary name and renamed when complete, so
 * an interrupted call leaves no partial report under the final name. The same
 * store and options give byte-identical output: nothing but the store's own
 * creation time is embedded. Reentrant: calls on different stores may run in
 * parallel.
 */
#ifndef TALENTFLOW_REPORT_H
#define TALENTFLOW_REPORT_H

#include "talentflow/export.h"

#include <stddef.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Most countries that may be chosen for the rate lines and return curves. */
#define TF_REPORT_MAX_COUNTRIES 8

/* Largest value of `top`. */
#define TF_REPORT_MAX_TOP 50

struct tf_report_opts {
    int year_from; /* first year of flows, net migration, rates and cohorts; 0 = the first */
    int year_to;   /* last year; 0 = the last in the store */
    /* Countries for the rate lines, the return curves and the headlines, in
       this order; none = the largest by population and by departures. */
    tf_country countries[TF_REPORT_MAX_COUNTRIES];
    size_t n_countries;
    unsigned top;    /* corridors in the Sankey, gainers and losers, origins by
                        class; 0 = 12; at most TF_REPORT_MAX_TOP */
    const char *out; /* the HTML file; NULL = DIR/report.html; "-" = standard output */
    /* The pair of the first section, A then B; both 0 = the two countries with
       the most moves between them (both ways, in the report's years) in `pool`. */
    tf_country focus[2];
    /* The talent pool of the first section; NULL or "all" = everyone. The
       other sections are always about everyone. */
    const char *pool;
    /* The page's language: NULL or "en", "zh-Hans" (Simplified Chinese),
       "zh-Hant" (Traditional Chinese, Taiwan usage). Country names come from
       iso-codes' gettext catalogue of that language (iso_3166-1.mo), read
       when the report is written; without it the names stay English. */
    const char *lang;
    /* Where those catalogues are: NULL = /usr/share/locale. */
    const char *localedir;
    /* A section on the push-pull model: the folder `talentflow fit -o` wrote
       (its fit.csv), and the folder `talentflow project -o` wrote (its
       headline.csv, stocks.csv and scenario.json). Either may be NULL; with
       both NULL the section is left out. */
    const char *model_dir;
    const char *projection_dir;
};

/* Nonzero when `lang` is a language the report is written in (NULL counts as "en"). */
TF_API int tf_report_lang_valid(const char *lang);

/*
 * Whether the country names of `lang` can be read: 0 when they can or the
 * language needs none (English), 1 when its catalogue under `localedir`
 * (NULL = /usr/share/locale) is missing or unreadable, with its path written
 * into `path` (`size` bytes) for a message. The report is still written then,
 * with English names; a caller that prints says so once.
 */
TF_API int tf_report_names_missing(const char *lang, const char *localedir, char *path,
                                   size_t size);

/*
 * The name of country `c` in `lang` (as tf_report_lang_valid takes it) into
 * buf (`size` bytes): iso-codes' translation read from its catalogue under
 * `localedir` (NULL = /usr/share/locale), else the English name, else the
 * code. Reads the catalogue on each call; for a few names, not for a table.
 * Returns buf.
 */
TF_API char *tf_report_country_name(tf_country c, const char *lang, const char *localedir,
                                    char *buf, size_t size);

/* Fills `o` with the defaults (all years, countries chosen from the data, top 12). */
TF_API void tf_report_opts_init(struct tf_report_opts *o);

/*
 * Reads `dir`/talentflow.sqlite and writes the report to opts->out (or
 * `dir`/report.html). `opts` NULL means the defaults.
 *
 * Returns 0, or a negative status with `err` filled (err may be NULL):
 * TF_ERR_IO when the store or a model file cannot be opened or the report
 * cannot be written, TF_ERR_FORMAT when the store lacks a table or column the
 * report needs or a model or projection file is malformed (err names the file
 * and line),
 * TF_ERR_USAGE for an impossible option (an unknown lang, year_from after year_to, top above
 * TF_REPORT_MAX_TOP, more than TF_REPORT_MAX_COUNTRIES countries or an invalid one,
 * a focus with one country, an invalid one or the same twice, a pool the store
 * does not have: the message lists the store's pools), TF_ERR_NOMEM. On
 * failure no report file is left behind.
 */
TF_API int tf_write_report(const char *dir, const struct tf_report_opts *opts,
                           struct tf_error *err);

#ifdef __cplusplus
}
#endif
#endif
