/*
 * strings.c - the report's words in English, Simplified Chinese and
 * Traditional Chinese (Taiwan usage), one table each (see strings.h), and
 * the template filler the charts write their sentences with.
 *
 * The Chinese is written as a Chinese technical writer would put it, not word
 * for word: sentences are reordered, full-width punctuation is used, and a
 * per cent sign follows its number without a space. Country names are not
 * here: they come from iso-codes' own catalogues (catalogue.c).
 */
#include "report/strings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EN_DASH "\xe2\x80\x93"
#define EM_DASH "\xe2\x80\x94"
#define ARROW "\xe2\x86\x92"
#define MIDDOT "\xc2\xb7"
#define NNBSP "\xe2\x80\xaf" /* narrow no-break space */

/* System fonts only: nothing is downloaded. CJK faces first for Chinese. */
#define FONTS_LATIN                                                                                \
    "system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"DejaVu Sans\",sans-serif"
#define FONTS_HANS                                                                                 \
    "\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\",\"Source Han Sans SC\","             \
    "\"Source Han Sans\",\"Noto Sans\",\"DejaVu Sans\",sans-serif"
#define FONTS_HANT                                                                                 \
    "\"Noto Sans CJK TC\",\"PingFang TC\",\"Microsoft JhengHei\",\"Source Han Sans TC\","          \
    "\"Source Han Sans\",\"Noto Sans\",\"DejaVu Sans\",sans-serif"

/* ---- English ------------------------------------------------------------ */

static const struct tf_report_text en = {
    .lang = "en",
    .pct_sep = NNBSP,
    .fonts = FONTS_LATIN,
    .label = "{1} ({2})",
    .list_sep = ", ",
    .no_years = "no years",
    .year = "{1}",
    .years_in = "{1}",

    .title = "Researcher mobility, {1}",
    .title_suffix = " " EM_DASH " talentflow report",
    .skip = "Skip to the report",
    .version_unknown = "(version unknown)",
    .store_written = " " MIDDOT " store written ",
    .input = " " MIDDOT " input: ",
    .nav = "Sections",
    .footer = "Every number on this page is read from the run's talentflow.sqlite, or computed "
              "from it as the captions say: sums over the years shown, shares, rates per 1,000 "
              "and the number at risk (those observed at k minus those returned before k). "
              "Definitions are in talentflow's docs/method.md.",
    .headlines = "Headlines",
    .hl_totals = "The run followed {1} researchers, who made {2} moves between countries; {3} "
                 "of {4} observations were kept.",
    .hl_classes = "Of {1} researchers whose origin is {2}, {3} are migrants, {4} directional and "
                  "{5} non-directional travellers, and {6} were only ever seen in one country.",
    .hl_return = "Of {1} researchers who left {2}, {3} had returned within {4} years "
                 "(Kaplan-Meier estimate; {5} still abroad and observed at year {4}).",
    .hl_return_1 = "Of {1} researchers who left {2}, {3} had returned within {4} year "
                   "(Kaplan-Meier estimate; {5} still abroad and observed at year {4}).",
    .hl_corridor = "The largest corridor in {1} was {2} " ARROW " {3}: {4} moves, {5} of the {6} "
                   "moves dated in those years.",
    .hl_net = "In {1}, {2} gained the most researchers (net {3}) and {4} lost the most (net {5}).",
    .sec_title = {"Largest flows", "Net migration", "Rates over time",
                  "Return to the origin country", "Return by departure cohort", "Mobility classes"},
    .sec_intro = {"Where researchers went: the largest corridors from an origin to a destination "
                  "country.",
                  "Which countries gained and which lost researchers through moves.",
                  "Moves relative to the researchers resident in a country, year by year.",
                  "How many of those who left came back, and how soon.",
                  "The same question asked separately for each year of leaving.",
                  "How researchers of each origin moved over their careers."},
    .pools_title = "Pools compared",
    .pools_intro = "The run's talent pools: everyone (all), then each pool, with how many of "
                   "those who left their origin country were back within 5 years. Kaplan-Meier "
                   "weights each origin's estimate by its departures. The other sections are "
                   "about all, except the first, which names its pool.",
    .pools_summary = "Data: people, moves and return within 5 years by pool",
    .pools_heads = {"Pool", "People", "Moves", "Departed", "Returned within 5 years",
                    "Share returned", "Kaplan-Meier, 5 years"},

    .fl_empty = "No moves between countries in these years.",
    .fl_desc = "Sankey diagram: the {1} largest origin to destination corridors, {2}; band width "
               "is the number of moves.",
    .fl_title = "Largest flows",
    .fl_origin = "Origin",
    .fl_destination = "Destination",
    .fl_tip_out = "{1}: {2} moves out",
    .fl_tip_in = "{1}: {2} moves in",
    .fl_band_tip = "{1} " ARROW " {2}: {3} moves, {4}",
    .fl_caption = "The {1} largest corridors, {2}, moves summed over the years: together {3} of "
                  "the {4} moves dated in these years. Bands take the colour of their origin, "
                  "the same colour the country has in every chart.",
    .fl_summary = "Data: the corridors drawn",
    .fl_heads = {"Origin", "Destination", "Moves", "Share of all moves"},

    .net_empty = "No country gained or lost researchers in these years.",
    .net_desc = "Diverging bars: net migration of the {1} largest gainers and {2} largest losers, "
                "{3}.",
    .net_title = "Net migration by country",
    .net_gain = "net gain",
    .net_loss = "net loss",
    .net_tip = "{1}: net {2} ({3} in, {4} out)",
    .net_caption = "Arrivals minus departures, {1}: the largest gainers above, the largest losers "
                   "below. Solid bars gain, hatched bars lose.",
    .net_summary = "Data: every country with a move in these years",
    .net_heads = {"Country", "Arrivals", "Departures", "Net"},

    .cl_label = {"non-mobile", "migrant", "directional traveller", "non-directional traveller"},
    .cl_tip = "{1}, {2}: {3} ({4})",
    .cl_n = "n = {1}",
    .cl_empty = "The store has no mobility classes.",
    .cl_desc = "Stacked bars: for the {1} origins with the most people, the share of each mobility "
               "class.",
    .cl_title = "Mobility classes by origin",
    .cl_caption = "People by the country of their first observed year, over the whole run, split "
                  "by mobility class; each bar sums to 100 %. Each class has its own fill "
                  "pattern for black-and-white print.",
    .cl_summary = "Data: people by origin and class",
    .cl_heads = {"Origin", "People", "Non-mobile", "%", "Migrant", "%", "Directional", "%",
                 "Non-directional", "%"},

    .rt_tip = {"{1} {2}: {3} arrivals per 1,000 researchers",
               "{1} {2}: {3} departures per 1,000 researchers", "{1} {2}: {3} researchers"},
    .rt_panel = {"Arrivals per 1,000", "Departures per 1,000", "Researchers (population)"},
    .rt_empty = "No country-years in these years.",
    .rt_desc = "Line charts, {1}, for {2} countries: arrivals and departures per 1,000 "
               "researchers, and the researcher population.",
    .rt_title = "Rates over time",
    .rt_caption = "Moves into and out of each country per 1,000 researchers resident there that "
                  "year, beside the padded researcher population they are divided by. Each "
                  "country keeps one colour, dash and marker in every chart of the page.",
    .rt_edge = " The first year of the data, {1}, is left out of the arrival and departure lines: "
               "a move is dated in the year someone is first seen in the new country, so no move "
               "can be dated in the first observed year and its rates are zero by construction.",
    .rt_summary = "Data: rates by country and year",
    .rt_heads = {"Country", "Year", "Population", "Arrivals per 1,000", "Departures per 1,000",
                 "Net per 1,000"},

    .km_tip = "{1}: {2} returned within {3} years (Kaplan-Meier); {4} at risk",
    .km_tip_1 = "{1}: {2} returned within {3} year (Kaplan-Meier); {4} at risk",
    .km_risk = "Number at risk",
    .km_empty = "The store has no return rates.",
    .km_desc = "Step curves: the Kaplan-Meier probability of returning to the origin country "
               "within k years of leaving, k = 1 to {1}, for {2} origins, with the number at risk.",
    .km_title = "Return within k years",
    .km_axis_y = "Returned (%)",
    .km_axis_x = "Years since leaving",
    .km_caption = "People who left their origin country, all destinations and departure years "
                  "together, over the whole run. Someone last seen abroad before k years had "
                  "passed is censored then, not counted as staying away; the number at risk at k "
                  "is those neither back nor censored before k.",
    .km_summary = "Data: return within k years by origin",
    .km_kind = {"",
                " Only moves of students count here (the run was made with --kind study): "
                "leaving to study, or leaving one's studies for a job.",
                " Only moves between jobs count here (the run was made with --kind work)."},
    .km_heads = {"Origin", "k", "Departed", "At risk", "Returned", "Observed",
                 "Returned within k (Kaplan-Meier)"},

    .co_tip = "{1}, left in {2}: {3} returned within {4} years (Kaplan-Meier); {5} at risk of {6} "
              "who left",
    .co_tip_1 = "{1}, left in {2}: {3} returned within {4} year (Kaplan-Meier); {5} at risk of {6} "
                "who left",
    .co_n = "n",
    .co_key = "Returned within k years (%):",
    .co_empty = "No departure cohorts in these years.",
    .co_desc = "Shaded grids, one per origin: rows are departure years within {1}, columns k = 1 "
               "to {2}; each cell gives the per cent returned within k years.",
    .co_title = "Return by departure cohort",
    .co_caption = "Per cent of each departure year's leavers back in their origin country within "
                  "k years (Kaplan-Meier, all destinations together); columns are k, n is the "
                  "number who left that year. Blank cells: nobody from that year was still abroad "
                  "and observed k years on.",
    .co_dropped = " Only the 40 latest departure years are drawn.",
    .co_summary = "Data: return within k years by departure cohort (Kaplan-Meier)",
    .co_heads = {"Origin", "Left in", "Departed"},

    .pr_heading = "The question, answered",
    .pr_heading_pair = "The question, answered: {1} and {2}",
    .pr_intro = "Where the researchers of two countries are now, how many moved each way, and "
                "whether those who left came back, in numbers with their 95" NNBSP "% intervals. "
                "About {1}; {2} Where someone is now means the country of their last observed "
                "year, which for someone who stopped publishing is where they were last seen.",
    .pr_about_all = "everyone (the pool all)",
    .pr_about_pool = "the researchers in the pool {1}",
    .pr_chosen = "the pair was chosen for this report.",
    .pr_largest = "the pair is the one with the most moves between them, both ways, in these "
                  "years (talentflow report --focus A,B asks about another).",
    .pr_empty = "No two countries had a move between them in these years, so there is no pair to "
                "ask about.",
    .pr_share = "{1} ({2}; 95" NNBSP "% interval {3}" EN_DASH "{4})",
    .pr_who_all = "researchers",
    .pr_who_pool = "researchers in the pool {1}",
    .pr_chart = "chart",
    .pr_table = "table",
    .pr_link_open = " (",
    .pr_link_sep = ", ",
    .pr_link_close = ")",
    .pr_where_none = "The store has no {1} whose origin is {2}, so where they are now cannot be "
                     "told.",
    .pr_where = "Of the {1} {2} whose origin is {3}, {4} were last seen in {5}, {6} at home in "
                "{7}, and {8} in another country.",
    .pr_flows_none = "The store has no years in which to count moves.",
    .pr_flows = "In {1} the store counts {2} moves of {3} from {4} to {5} and {6} from {7} to "
                "{8}; in {9}, the last of those years, {10} and {11}.",
    .pr_pooled = "Of the {1} who left {2} for {3}, {4} were back in {5} within {6} years "
                 "(Kaplan-Meier estimate; {7} returned of the {8} followed for {6} years or back "
                 "sooner). ",
    .pr_trend_small = "Whether the share back in {1} within {2} years is rising or falling across "
                      "departure cohorts, n is too small to tell: {3} cohorts in {4} had at least "
                      "{5} leavers and a known share (3 are needed).",
    .pr_trend_small_1 = "Whether the share back in {1} within {2} years is rising or falling "
                        "across departure cohorts, n is too small to tell: 1 cohort in {4} had at "
                        "least {5} leavers and a known share (3 are needed).",
    .pr_trend_small_0 = "Whether the share back in {1} within {2} years is rising or falling "
                        "across departure cohorts, n is too small to tell: no cohort in {4} had "
                        "at least {5} leavers and a known share (3 are needed).",
    .pr_trend = "Across the {1} departure cohorts of {2}" EN_DASH "{3} with at least {4} leavers "
                "({5} to {6} each, weighted by size), the share back in {7} within {8} years "
                "changed by {9} percentage points per decade (95" NNBSP "% interval {10} to {11}): "
                "{12}.",
    .pr_rising = "rising",
    .pr_falling = "falling",
    .pr_flat = "no clear trend",
    .pr_ret_none = "The store has no return rows for those who left {1} for {2}.",
    .pr_ret_nopooled = "The store gives no return over all years of leaving for those who left {1} "
                       "for {2}. ",
    .pr_fl_title = "Moves each way by year",
    .pr_fl_axis = "Moves",
    .pr_fl_desc = "Two lines, one point a year: moves from {1} to {2} and from {2} to {1}.",
    .pr_fl_tip = "{1} " ARROW " {2} {3}: {4} moves",
    .pr_fl_caption = "Moves between the two countries each year, one line each way, by the "
                     "researchers of the pool; a point on the axis is a year without a move. Each "
                     "line has the colour of the country it leaves.",
    .pr_fl_summary = "Data: moves each way by year",
    .pr_year = "Year",
    .pr_rt_title = "Back within 5 years, by year of leaving",
    .pr_rt_axis = "Back in the origin (%)",
    .pr_rt_desc = "Two lines, one point per year of leaving: the per cent of those who left {1} "
                  "for {2}, and {2} for {1}, back in their origin within {3} years.",
    .pr_rt_tip = "{1} " ARROW " {2}, left in {3}: {4} back in {1} within {5} years "
                 "(Kaplan-Meier); {6} left",
    .pr_rt_caption = "Per cent of each year's leavers back in their origin country within 5 years "
                     "(Kaplan-Meier: someone last seen abroad earlier counts as censored, not as "
                     "staying). Small cohorts swing widely: the table gives their sizes, and only "
                     "cohorts of at least 10 enter the trend.",
    .pr_rt_summary = "Data: back in the origin within 5 years, by year of leaving",
    .pr_rt_heads = {"Left", "For", "Year of leaving", "Departed", "Returned", "Observed",
                    "Returned / observed", "Kaplan-Meier", "In the trend"},
    .pr_all_years = "all years",
    .pr_yes = "yes",
    .pr_no = "no",
    .pr_elsewhere = "elsewhere",
    .pr_wh_summary = "Where they were last seen (95" NNBSP "% Wilson intervals)",
    .pr_wh_heads = {"Origin", "Last seen in", "People", "Of", "Share", "95" NNBSP "% interval, low",
                    "95" NNBSP "% interval, high"},
    .mo_title = "The push" EN_DASH "pull model and a projection",
    .mo_intro = "What the fitted model says moves researchers between countries, and what it "
                "projects under a scenario. The model is fitted with talentflow fit and the "
                "projection made with talentflow project, often on other data than the rest of "
                "this page.",
    .mo_chart_title = "Push and pull coefficients",
    .mo_desc =
        "Dots with whiskers: the model's {1} covariate terms, each estimate with its 95" NNBSP
        "% interval, against a line at zero.",
    .mo_axis = "Coefficient (an elasticity for a logged covariate)",
    .mo_side = {"Push (origin)", "Pull (destination)", "Pair"},
    .mo_cov = {"researchers", "GDP per head", "people", "distance"},
    .mo_term = "{1}: {2}",
    .mo_say = {{"1" NNBSP "% more {1} at home: {2} more leave (95" NNBSP "% interval {3} to {4}).",
                "1" NNBSP "% more {1} at home: {2} fewer leave (95" NNBSP "% interval {3} to {4}).",
                "{1} one unit higher at home: {2} more leave (95" NNBSP "% interval {3} to {4}).",
                "{1} one unit higher at home: {2} fewer leave (95" NNBSP "% interval {3} to {4})."},
               {"1" NNBSP "% more {1} in a destination: {2} more arrive (95" NNBSP "% interval {3} "
                "to {4}).",
                "1" NNBSP "% more {1} in a destination: {2} fewer arrive (95" NNBSP
                "% interval {3} "
                "to {4}).",
                "{1} one unit higher in a destination: {2} more arrive (95" NNBSP "% interval {3} "
                "to {4}).",
                "{1} one unit higher in a destination: {2} fewer arrive (95" NNBSP "% interval {3} "
                "to {4})."},
               {"1" NNBSP "% more {1} between two countries: {2} more move (95" NNBSP "% interval "
                "{3} to {4}).",
                "1" NNBSP "% more {1} between two countries: {2} fewer move (95" NNBSP "% interval "
                "{3} to {4}).",
                "{1} one unit higher between two countries: {2} more move (95" NNBSP "% interval "
                "{3} to {4}).",
                "{1} one unit higher between two countries: {2} fewer move (95" NNBSP "% interval "
                "{3} to {4})."}},
    .mo_caption = "Each dot is a term of the push" EN_DASH "pull (PPML gravity) model with origin, "
                  "destination and year effects; the whisker is its 95" NNBSP "% interval. A "
                  "whisker across zero means the data cannot tell the direction. The sentences "
                  "turn each estimate into the change in flows for a 1" NNBSP "% change.",
    .mo_summary = "Data: the model's terms",
    .mo_heads = {"Term", "Estimate", "95" NNBSP "% interval, low", "95" NNBSP "% interval, high"},
    .pj_chart_title = "Projected researchers: baseline and scenario",
    .pj_desc = "Fan charts for {1}: researchers projected from {2} to {3}, without changes "
               "(baseline) and under the scenario, each with its 95" NNBSP "% band.",
    .pj_baseline = "baseline",
    .pj_scenario = "scenario",
    .pj_axis = "Researchers",
    .pj_tip = "{1} {2}, {3}: {4} (95" NNBSP "% interval {5} to {6})",
    .pj_caption = "{1} is the last observed year. The grey line is the baseline, the projection "
                  "with nothing changed; the coloured line the scenario; the shaded bands are "
                  "95" NNBSP "% intervals from draws of the coefficients.",
    .pj_gain = "By {1}, the scenario leaves {2} with {3} more researchers than the baseline "
               "(95" NNBSP "% interval {4} to {5}; {6}).",
    .pj_loss = "By {1}, the scenario leaves {2} with {3} fewer researchers than the baseline "
               "(95" NNBSP "% interval {4} to {5}; {6}).",
    .pj_summary = "Researchers gained or lost by {1}, scenario against baseline",
    .pj_heads = {"Country", "Researchers {1}", "Baseline {1}", "Scenario {1}", "Gain",
                 "95" NNBSP "% interval, low", "95" NNBSP "% interval, high", "Gain (%)"},
    .sc_summary = "The scenario, as written in its file",
    .sc_none = "The projection has no scenario file: its scenario repeats the baseline.",
    .cv_title = "What these numbers cannot say",
    .cv = {"That the covariates cause the flows: the terms are associations within countries over "
           "the years fitted, and a policy that changes a covariate need not move flows the same "
           "way.",
           "Where levels will be: the baseline carries the last years' natural growth, fixed "
           "effects and covariates forward; it is a continuation, not a forecast.",
           "How uncertain the whole projection is: the bands cover the coefficients only.",
           "Anything about countries outside the model, or flows to and from them.",
           "Who moves: a flow counts changes of main country between publication years, not "
           "people by field, career stage or quality."},
    .pl_title = "From study to work",
    .pl_intro = "Where people with education records took their first degree, their highest "
                "degree, and where they work now.",
    .pl_chart_title = "First degree, highest degree, work",
    .pl_desc = "Three-stage flow of {1} people: the country of their first degree, of their "
               "highest degree and of their work now; band width is the number of people.",
    .pl_stage = {"First degree", "Highest degree", "Work now"},
    .pl_other = "other countries",
    .pl_none = "no work seen",
    .pl_tip = "{1} " ARROW " {2}: {3} people",
    .pl_tip_1 = "{1} " ARROW " {2}: 1 person",
    .pl_caption = "People with an education record, over the whole run, by the country of their "
                  "first degree, of their highest degree and of their work now (their latest "
                  "employment, else where they last published). The {1} largest countries of "
                  "each stage are drawn, the rest as other countries; bands take the colour of "
                  "the country they leave.",
    .pl_headline = "Of those whose first degree was in {2} (n = {1}), {3} now work in {4}, the "
                   "most common country abroad, and {5} at home.",
    .pl_headline_home = "Of those whose first degree was in {2} (n = {1}), {3} now work at home "
                        "and none is seen working abroad.",
    .pl_summary = "Data: people by first degree, highest degree and work",
    .pl_heads = {"First degree", "Highest degree", "Work now", "People"},
};

/* ---- 简体中文 ----------------------------------------------------------- */

static const struct tf_report_text zh_hans = {
    .lang = "zh-Hans",
    .pct_sep = "",
    .fonts = FONTS_HANS,
    .label = "{2}（{1}）",
    .list_sep = "、",
    .no_years = "无年份",
    .year = "{1}年",
    .years_in = "{1}年",

    .title = "科研人才流动，{1}年",
    .title_suffix = " " EM_DASH " talentflow 报告",
    .skip = "跳至报告正文",
    .version_unknown = "（版本未知）",
    .store_written = " " MIDDOT " 结果库生成于 ",
    .input = " " MIDDOT " 输入：",
    .nav = "章节",
    .footer =
        "本页所有数字均读自本次运行的 talentflow.sqlite，或按图注所述由其计算得出：所示年份的"
        "合计、占比、每千人比率，以及风险人数（第 k 年仍在观察中的人数减去此前已回流的人数）。"
        "各项定义见 talentflow 的 docs/method.md。",
    .headlines = "要点",
    .hl_totals =
        "本次运行共追踪 {1} 名科研人员，他们在国家之间共流动 {2} 次；{4} 条观测记录中保留了 "
        "{3} 条。",
    .hl_classes = "来源国为{2}的 {1} 名科研人员中，迁移者占 {3}，定向往返者占 {4}，非定向往返者占 "
                  "{5}，另有 {6} 始终只在一个国家出现。",
    .hl_return = "离开{2}的 {1} 名科研人员中，{3} 在 {4} 年内回流（Kaplan-Meier 估计；第 {4} "
                 "年时仍有 {5} 人身在国外且仍在观察中）。",
    .hl_return_1 = "离开{2}的 {1} 名科研人员中，{3} 在 {4} 年内回流（Kaplan-Meier 估计；第 {4} "
                   "年时仍有 {5} 人身在国外且仍在观察中）。",
    .hl_corridor = "{1}年规模最大的流动路径是{2} " ARROW " {3}：共 {4} "
                   "次流动，占这些年份全部 {6} 次流动的 {5}。",
    .hl_net = "{1}年，{2}的科研人员净流入最多（净值 {3}），{4}净流失最多（净值 {5}）。",
    .sec_title = {"主要流向", "净迁移", "历年迁移率", "回流来源国", "各出发队列的回流率",
                  "流动类型"},
    .sec_intro = {"科研人员去了哪里：从来源国到目的国规模最大的流动路径。",
                  "哪些国家通过人才流动获得了科研人员，哪些国家失去了科研人员。",
                  "逐年看各国的流动相对于当年在该国的科研人员数。",
                  "离开的人中有多少回来了，多久回来。", "按离开年份分别回答同一个问题。",
                  "各来源国科研人员在职业生涯中的流动方式。"},
    .pools_title = "人才库对比",
    .pools_intro =
        "本次运行的人才库：先是全体（all），然后是各个人才库，并列出离开来源国的人中有多少"
        "在 5 年内回流。Kaplan-Meier 估计按各来源国的离开人数加权。除注明人才库的第一节外，"
        "其余各节均针对全体。",
    .pools_summary = "数据：各人才库的人数、流动次数及 5 年内回流情况",
    .pools_heads = {"人才库", "人数", "流动次数", "离开人数", "5 年内回流人数", "回流比例",
                    "Kaplan-Meier（5 年）"},

    .fl_empty = "这些年份没有国家之间的流动。",
    .fl_desc = "桑基图：{2}年从来源国到目的国规模最大的 {1} 条流动路径；带宽表示流动次数。",
    .fl_title = "主要流向",
    .fl_origin = "来源国",
    .fl_destination = "目的国",
    .fl_tip_out = "{1}：流出 {2} 次",
    .fl_tip_in = "{1}：流入 {2} 次",
    .fl_band_tip = "{1} " ARROW " {2}：{3} 次流动，{4}年",
    .fl_caption =
        "{2}年规模最大的 {1} 条流动路径，流动次数按年份合计：共 {3} 次，占这些年份全部 {4} "
        "次流动。流带采用来源国的颜色，与该国在本页其他图表中的颜色一致。",
    .fl_summary = "数据：图中绘出的流动路径",
    .fl_heads = {"来源国", "目的国", "流动次数", "占全部流动的比例"},

    .net_empty = "这些年份没有国家出现科研人员的净增或净减。",
    .net_desc = "发散条形图：{3}年净流入最多的 {1} 个国家和净流失最多的 {2} 个国家。",
    .net_title = "各国净迁移",
    .net_gain = "净流入",
    .net_loss = "净流失",
    .net_tip = "{1}：净增 {2}（流入 {3}，流出 {4}）",
    .net_caption =
        "{1}年迁入减迁出：上方为净流入最多的国家，下方为净流失最多的国家。实心条表示净流入，"
        "斜线条表示净流失。",
    .net_summary = "数据：这些年份有流动的所有国家",
    .net_heads = {"国家", "迁入", "迁出", "净迁移"},

    .cl_label = {"未流动者", "迁移者", "定向往返者", "非定向往返者"},
    .cl_tip = "{1}，{2}：{3}（{4}）",
    .cl_n = "n = {1}",
    .cl_empty = "结果库中没有流动类型数据。",
    .cl_desc = "堆积条形图：人数最多的 {1} 个来源国中各流动类型所占比例。",
    .cl_title = "各来源国的流动类型",
    .cl_caption = "按首个观测年份所在国家统计整个运行期间的人数，并按流动类型细分；每条合计为 "
                  "100%。各类型使用不同的填充图案，黑白打印也能区分。",
    .cl_summary = "数据：按来源国和流动类型统计的人数",
    .cl_heads = {"来源国", "人数", "未流动者", "%", "迁移者", "%", "定向往返者", "%",
                 "非定向往返者", "%"},

    .rt_tip = {"{1}，{2}年：每千名科研人员迁入 {3} 人", "{1}，{2}年：每千名科研人员迁出 {3} 人",
               "{1}，{2}年：科研人员 {3} 名"},
    .rt_panel = {"每千人迁入", "每千人迁出", "科研人员数"},
    .rt_empty = "这些年份没有国家年度数据。",
    .rt_desc = "折线图，{1}年，共 {2} 个国家：每千名科研人员的迁入和迁出人数，以及科研人员数。",
    .rt_title = "历年迁移率",
    .rt_caption =
        "各国每千名当年在该国的科研人员中迁入和迁出的人数，旁边是作为分母的补齐后科研人员数。"
        "每个国家在本页所有图表中使用同一种颜色、线型和标记。",
    .rt_edge = "迁入和迁出折线略去了数据的第一年（{1}年）：流动记在某人首次出现在新国家的那一年，"
               "因此第一个观测年份不可能记有流动，其迁移率按定义为零。",
    .rt_summary = "数据：各国历年迁移率",
    .rt_heads = {"国家", "年份", "科研人员数", "每千人迁入", "每千人迁出", "每千人净迁移"},

    .km_tip = "{1}：{3} 年内回流 {2}（Kaplan-Meier）；风险人数 {4}",
    .km_tip_1 = "{1}：{3} 年内回流 {2}（Kaplan-Meier）；风险人数 {4}",
    .km_risk = "风险人数",
    .km_empty = "结果库中没有回流率数据。",
    .km_desc = "阶梯曲线：离开后 k 年内回到来源国的 Kaplan-Meier 概率，k = 1 至 {1}，共 {2} "
               "个来源国，并附风险人数。",
    .km_title = "k 年内回流",
    .km_axis_y = "回流比例（%）",
    .km_axis_x = "离开后的年数",
    .km_caption = "离开来源国的人，不分目的国和离开年份，覆盖整个运行期间。在满 k "
                  "年之前最后一次出现在国外的人，自该时起作删失处理，不算作留在国外；第 k "
                  "年的风险人数是在 k 之前既未回流也未删失的人数。",
    .km_summary = "数据：各来源国 k 年内的回流情况",
    .km_kind =
        {"",
         "此处只统计学生的流动（运行时使用了 --kind study）：出国求学，或毕业后离开求学地去工作。",
         "此处只统计工作之间的流动（运行时使用了 --kind work）。"},
    .km_heads = {"来源国", "k", "离开人数", "风险人数", "回流人数", "观察人数",
                 "k 年内回流（Kaplan-Meier）"},

    .co_tip = "{1}，{2}年离开：{4} 年内回流 {3}（Kaplan-Meier）；离开的 {6} 人中风险人数 {5}",
    .co_tip_1 = "{1}，{2}年离开：{4} 年内回流 {3}（Kaplan-Meier）；离开的 {6} 人中风险人数 {5}",
    .co_n = "n",
    .co_key = "k 年内回流（%）：",
    .co_empty = "这些年份没有出发队列。",
    .co_desc = "色块网格，每个来源国一幅：行为{1}年间的离开年份，列为 k = 1 至 {2}；"
               "每格为 k 年内回流的百分比。",
    .co_title = "各出发队列的回流率",
    .co_caption =
        "每个离开年份的离开者在 k 年内回到来源国的百分比（Kaplan-Meier，不分目的国）；列为 "
        "k，n 为当年离开的人数。空格表示该年离开的人在 k 年后已无人仍在国外且仍在观察中。",
    .co_dropped = "仅绘出最近 40 个离开年份。",
    .co_summary = "数据：各出发队列 k 年内的回流情况（Kaplan-Meier）",
    .co_heads = {"来源国", "离开年份", "离开人数"},

    .pr_heading = "问题与解答",
    .pr_heading_pair = "问题与解答：{1}与{2}",
    .pr_intro = "两国的科研人员现在身在何处、双向各有多少人流动、离开的人是否回来了——每个数字都附 "
                "95% 置信区间。对象为{1}；{2}“现在身在何处”指最后一个观测年份所在的国家；"
                "对于不再发表论文的人，就是最后一次出现的地方。",
    .pr_about_all = "全体科研人员（人才库 all）",
    .pr_about_pool = "人才库 {1} 中的科研人员",
    .pr_chosen = "这对国家由本报告指定。",
    .pr_largest = "这对国家是这些年份中双向流动合计最多的一对（可用 talentflow report --focus A,B "
                  "查看其他国家）。",
    .pr_empty = "这些年份没有任何两个国家之间发生流动，因此无从选出一对国家。",
    .pr_share = "{1} 人（{2}；95% 置信区间 {3}" EN_DASH "{4}）",
    .pr_who_all = "科研人员",
    .pr_who_pool = "人才库 {1} 的科研人员",
    .pr_chart = "图",
    .pr_table = "表",
    .pr_link_open = "（",
    .pr_link_sep = "、",
    .pr_link_close = "）",
    .pr_where_none = "结果库中没有来源国为{2}的{1}，因此无法判断他们现在身在何处。",
    .pr_where = "来源国为{3}的{2}共 {1} 人，其中 {4}最后出现在{5}，{6}留在本国，{8}在其他国家。",
    .pr_flows_none = "结果库中没有可用于统计流动的年份。",
    .pr_flows =
        "{1}年，结果库共记录{3}从{4}流向{5} {2} 次，从 {7} 流向 {8} {6} 次；其中最后一年（{9}年）"
        "分别为 {10} 次和 {11} 次。",
    .pr_pooled =
        "从{2}前往{3}的 {1} 人中，{4} 在 {6} 年内回到 {5}（Kaplan-Meier 估计；在随访满 {6} "
        "年或提前回流的 {8} 人中，有 {7} 人回流）。",
    .pr_trend_small =
        "{5} 人以上离开且回流比例已知的出发队列，在{4}年间只有 {3} "
        "个（至少需要 3 个），样本太少，无法判断 {2} 年内回到 {1} 的比例在各出发队列间"
        "是上升还是下降。",
    .pr_trend_small_1 =
        "{5} 人以上离开且回流比例已知的出发队列，在{4}年间只有 1 "
        "个（至少需要 3 个），样本太少，无法判断 {2} 年内回到 {1} 的比例在各出发队列"
        "间是上升还是下降。",
    .pr_trend_small_0 =
        "{4}年间没有任何出发队列有 {5} 人以上离开且回流比例已知（至少需要 3 "
        "个），样本太少，无法判断 {2} 年内回到 {1} 的比例在各出发队列间是上升还是下降。",
    .pr_trend =
        "在{2}" EN_DASH "{3}年离开人数不少于 {4} 人的 {1} 个出发队列中（每个队列 {5} 至 {6} "
        "人，按规模加权），{8} 年内回到 {7} 的比例每十年变化 {9} 个百分点（95% 置信区间 {10} "
        "至 {11}）：{12}。",
    .pr_rising = "呈上升趋势",
    .pr_falling = "呈下降趋势",
    .pr_flat = "无明显趋势",
    .pr_ret_none = "结果库中没有从 {1} 前往 {2} 者的回流记录。",
    .pr_ret_nopooled = "结果库中没有从 {1} 前往 {2} 者在所有离开年份合计的回流数据。",
    .pr_fl_title = "逐年双向流动",
    .pr_fl_axis = "流动次数",
    .pr_fl_desc = "两条折线，每年一个点：从 {1} 到 {2}、从 {2} 到 {1} 的流动次数。",
    .pr_fl_tip = "{1} " ARROW " {2}，{3}年：{4} 次流动",
    .pr_fl_caption =
        "该人才库科研人员每年在两国之间的流动次数，每个方向一条线；落在横轴上的点表示当年没有"
        "流动。每条线采用其出发国的颜色。",
    .pr_fl_summary = "数据：逐年双向流动",
    .pr_year = "年份",
    .pr_rt_title = "5 年内回流，按离开年份",
    .pr_rt_axis = "回到来源国（%）",
    .pr_rt_desc = "两条折线，每个离开年份一个点：从 {1} 前往 {2}、从 {2} 前往 {1} 的人在 {3} "
                  "年内回到来源国的百分比。",
    .pr_rt_tip = "{1} " ARROW " {2}，{3}年离开：{5} 年内回到 {1} {4}（Kaplan-Meier）；离开 {6} 人",
    .pr_rt_caption =
        "每年离开者在 5 年内回到来源国的百分比（Kaplan-Meier：较早最后一次出现在国外的人作"
        "删失处理，不算作留在国外）。小队列波动很大：表中给出了各队列的规模，只有离开人数"
        "不少于 10 人的队列才计入趋势。",
    .pr_rt_summary = "数据：5 年内回到来源国，按离开年份",
    .pr_rt_heads = {"离开", "前往", "离开年份", "离开人数", "回流人数", "观察人数", "回流 / 观察",
                    "Kaplan-Meier", "计入趋势"},
    .pr_all_years = "全部年份",
    .pr_yes = "是",
    .pr_no = "否",
    .pr_elsewhere = "其他国家",
    .pr_wh_summary = "最后出现的地方（95% Wilson 置信区间）",
    .pr_wh_heads = {"来源国", "最后出现于", "人数", "总数", "比例", "95% 置信区间下限",
                    "95% 置信区间上限"},
    .mo_title = "推拉模型与情景预测",
    .mo_intro =
        "拟合所得的模型显示哪些因素推动科研人员在国家之间流动，以及在某一情景下的预测结果。模型"
        "由 talentflow fit 拟合，预测由 talentflow project 得出，所用数据往往与本页其他部分"
        "不同。",
    .mo_chart_title = "推力与拉力系数",
    .mo_desc = "点须图：模型的 {1} 个协变量项，每项为估计值及其 95% 置信区间，并标出零线。",
    .mo_axis = "系数（取对数的协变量即为弹性）",
    .mo_side = {"推力（来源国）", "拉力（目的国）", "双边"},
    .mo_cov = {"科研人员数", "人均 GDP", "人口", "距离"},
    .mo_term = "{1}：{2}",
    .mo_say = {{"本国{1}每增加 1%，外流人数增加 {2}（95% 置信区间 {3} 至 {4}）。",
                "本国{1}每增加 1%，外流人数减少 {2}（95% 置信区间 {3} 至 {4}）。",
                "本国{1}每增加 1 个单位，外流人数增加 {2}（95% 置信区间 {3} 至 {4}）。",
                "本国{1}每增加 1 个单位，外流人数减少 {2}（95% 置信区间 {3} 至 {4}）。"},
               {"目的国{1}每增加 1%，流入人数增加 {2}（95% 置信区间 {3} 至 {4}）。",
                "目的国{1}每增加 1%，流入人数减少 {2}（95% 置信区间 {3} 至 {4}）。",
                "目的国{1}每增加 1 个单位，流入人数增加 {2}（95% 置信区间 {3} 至 {4}）。",
                "目的国{1}每增加 1 个单位，流入人数减少 {2}（95% 置信区间 {3} 至 {4}）。"},
               {"两国间{1}每增加 1%，流动人数增加 {2}（95% 置信区间 {3} 至 {4}）。",
                "两国间{1}每增加 1%，流动人数减少 {2}（95% 置信区间 {3} 至 {4}）。",
                "两国间{1}每增加 1 个单位，流动人数增加 {2}（95% 置信区间 {3} 至 {4}）。",
                "两国间{1}每增加 1 个单位，流动人数减少 {2}（95% 置信区间 {3} 至 {4}）。"}},
    .mo_caption =
        "每个点是推拉模型（含来源国、目的国和年份固定效应的 PPML 引力模型）中的一项，"
        "横线为其 95% 置信区间。横线跨过零，表示数据无法判断影响的方向。上方各句把每个估计值"
        "换算为协变量变化 1% 时流动人数的变化。",
    .mo_summary = "数据：模型各项",
    .mo_heads = {"项", "估计值", "95% 置信区间下限", "95% 置信区间上限"},
    .pj_chart_title = "科研人员数预测：基准与情景",
    .pj_desc = "扇形图，{1}：{2}至{3}年的科研人员数预测，分为不作改变的基准和情景两种，各附 95% "
               "区间带。",
    .pj_baseline = "基准",
    .pj_scenario = "情景",
    .pj_axis = "科研人员数",
    .pj_tip = "{1}，{2}年，{3}：{4}（95% 置信区间 {5} 至 {6}）",
    .pj_caption =
        "{1}年为最后一个观测年份。灰线为基准，即不作任何改变的预测；彩色线为情景；阴影带为"
        "根据系数抽样得到的 95% 区间。",
    .pj_gain =
        "到{1}年，与基准相比，情景使{2}的科研人员多出 {3} 人（95% 置信区间 {4} 至 {5}；{6}）。",
    .pj_loss =
        "到{1}年，与基准相比，情景使{2}的科研人员减少 {3} 人（95% 置信区间 {4} 至 {5}；{6}）。",
    .pj_summary = "到{1}年各国科研人员的增减（情景对比基准）",
    .pj_heads = {"国家", "{1}年科研人员数", "{1}年基准", "{1}年情景", "增减", "95% 置信区间下限",
                 "95% 置信区间上限", "增减（%）"},
    .sc_summary = "情景文件原文",
    .sc_none = "该预测没有情景文件：情景结果与基准相同。",
    .cv_title = "这些数字不能说明什么",
    .cv =
        {"不能说明协变量导致了人才流动：各项系数反映的是拟合期间各国内部的相关关系，改变某个协变量"
         "的"
         "政策未必会以同样方式改变流动。",
         "不能说明未来的绝对水平：基准只是把最近几年的自然增长、固定效应和协变量延续下去，是外推，"
         "不是预报。",
         "不能说明整个预测的不确定性：区间带只涵盖系数的不确定性。",
         "不能说明模型以外的国家，以及与这些国家之间的流动。",
         "不能说明是谁在流动：流动统计的是发表年份之间主要所在国的变化，不区分学科、职业阶段或"
         "水平。"},
    .pl_title = "从求学到就业",
    .pl_intro = "有教育记录的人在哪里取得第一个学位和最高学位，现在又在哪里工作。",
    .pl_chart_title = "第一学位、最高学位与工作所在国",
    .pl_desc =
        "三阶段流向图，共 {1} 人：第一学位所在国、最高学位所在国和现在工作所在国；带宽表示人数。",
    .pl_stage = {"第一学位", "最高学位", "现在工作"},
    .pl_other = "其他国家",
    .pl_none = "未见工作记录",
    .pl_tip = "{1} " ARROW " {2}：{3} 人",
    .pl_tip_1 = "{1} " ARROW " {2}：1 人",
    .pl_caption =
        "整个运行期间有教育记录的人，按第一学位、最高学位和现在工作（最近一份工作，若无则为最后"
        "发表论文的国家）所在国统计。每个阶段绘出人数最多的 {1} 个国家，其余归入“其他国家”；"
        "流带采用出发一侧国家的颜色。",
    .pl_headline = "第一学位在{2}取得的人（n = {1}）中，{3} 现在在{4}工作（这是最常见的海外去向），"
                   "{5} 留在本国工作。",
    .pl_headline_home =
        "第一学位在{2}取得的人（n = {1}）中，{3} 现在在本国工作，未见有人在海外工作。",
    .pl_summary = "数据：按第一学位、最高学位和工作所在国统计的人数",
    .pl_heads = {"第一学位", "最高学位", "现在工作", "人数"},
};

/* ---- 繁體中文（台灣用語） ----------------------------------------------- */

static const struct tf_report_text zh_hant = {
    .lang = "zh-Hant",
    .pct_sep = "",
    .fonts = FONTS_HANT,
    .label = "{2}（{1}）",
    .list_sep = "、",
    .no_years = "無年份",
    .year = "{1}年",
    .years_in = "{1}年",

    .title = "研究人才流動，{1}年",
    .title_suffix = " " EM_DASH " talentflow 報告",
    .skip = "跳至報告內文",
    .version_unknown = "（版本不明）",
    .store_written = " " MIDDOT " 結果資料庫產生於 ",
    .input = " " MIDDOT " 輸入：",
    .nav = "章節",
    .footer =
        "本頁所有數字皆讀自本次執行的 talentflow.sqlite，或依圖說所述由其計算而得：所示年份的"
        "合計、比例、每千人比率，以及風險人數（第 k 年仍在觀察中的人數減去此前已回流的人數）。"
        "各項定義請見 talentflow 的 docs/method.md。",
    .headlines = "重點摘要",
    .hl_totals =
        "本次執行共追蹤 {1} 位研究人員，他們在國家之間共移動 {2} 次；{4} 筆觀測紀錄中保留了 "
        "{3} 筆。",
    .hl_classes = "來源國為{2}的 {1} 位研究人員中，遷移者占 {3}，定向往返者占 {4}，非定向往返者占 "
                  "{5}，另有 {6} 始終只出現在一個國家。",
    .hl_return = "離開{2}的 {1} 位研究人員中，{3} 在 {4} 年內回流（Kaplan-Meier 估計；第 {4} "
                 "年時仍有 {5} 人身在國外且仍在觀察中）。",
    .hl_return_1 = "離開{2}的 {1} 位研究人員中，{3} 在 {4} 年內回流（Kaplan-Meier 估計；第 {4} "
                   "年時仍有 {5} 人身在國外且仍在觀察中）。",
    .hl_corridor = "{1}年規模最大的流動路徑是{2} " ARROW " {3}：共 {4} "
                   "次移動，占這些年份全部 {6} 次移動的 {5}。",
    .hl_net = "{1}年，{2}的研究人員淨流入最多（淨值 {3}），{4}淨流失最多（淨值 {5}）。",
    .sec_title = {"主要流向", "淨遷移", "歷年遷移率", "回流來源國", "各出發世代的回流率",
                  "流動類型"},
    .sec_intro = {"研究人員去了哪裡：從來源國到目的國規模最大的流動路徑。",
                  "哪些國家透過人才流動獲得了研究人員，哪些國家失去了研究人員。",
                  "逐年檢視各國的移動相對於當年在該國的研究人員數。",
                  "離開的人當中有多少回來了，多久回來。", "依離開年份分別回答同一個問題。",
                  "各來源國研究人員在職涯中的流動方式。"},
    .pools_title = "人才庫比較",
    .pools_intro =
        "本次執行的人才庫：先是全體（all），接著是各個人才庫，並列出離開來源國的人當中有多少"
        "在 5 年內回流。Kaplan-Meier 估計依各來源國的離開人數加權。除註明人才庫的第一節外，"
        "其餘各節皆針對全體。",
    .pools_summary = "資料：各人才庫的人數、移動次數及 5 年內回流情形",
    .pools_heads = {"人才庫", "人數", "移動次數", "離開人數", "5 年內回流人數", "回流比例",
                    "Kaplan-Meier（5 年）"},

    .fl_empty = "這些年份沒有國家之間的移動。",
    .fl_desc = "桑基圖：{2}年從來源國到目的國規模最大的 {1} 條流動路徑；帶寬代表移動次數。",
    .fl_title = "主要流向",
    .fl_origin = "來源國",
    .fl_destination = "目的國",
    .fl_tip_out = "{1}：移出 {2} 次",
    .fl_tip_in = "{1}：移入 {2} 次",
    .fl_band_tip = "{1} " ARROW " {2}：{3} 次移動，{4}年",
    .fl_caption =
        "{2}年規模最大的 {1} 條流動路徑，移動次數依年份合計：共 {3} 次，占這些年份全部 {4} "
        "次移動。流帶採用來源國的顏色，與該國在本頁其他圖表中的顏色一致。",
    .fl_summary = "資料：圖中繪出的流動路徑",
    .fl_heads = {"來源國", "目的國", "移動次數", "占全部移動的比例"},

    .net_empty = "這些年份沒有國家出現研究人員的淨增或淨減。",
    .net_desc = "發散長條圖：{3}年淨流入最多的 {1} 個國家與淨流失最多的 {2} 個國家。",
    .net_title = "各國淨遷移",
    .net_gain = "淨流入",
    .net_loss = "淨流失",
    .net_tip = "{1}：淨增 {2}（移入 {3}，移出 {4}）",
    .net_caption =
        "{1}年移入減移出：上方為淨流入最多的國家，下方為淨流失最多的國家。實心長條表示淨流入，"
        "斜線長條表示淨流失。",
    .net_summary = "資料：這些年份有移動的所有國家",
    .net_heads = {"國家", "移入", "移出", "淨遷移"},

    .cl_label = {"未流動者", "遷移者", "定向往返者", "非定向往返者"},
    .cl_tip = "{1}，{2}：{3}（{4}）",
    .cl_n = "n = {1}",
    .cl_empty = "結果資料庫中沒有流動類型資料。",
    .cl_desc = "堆疊長條圖：人數最多的 {1} 個來源國中各流動類型所占比例。",
    .cl_title = "各來源國的流動類型",
    .cl_caption = "依首個觀測年份所在國家統計整個執行期間的人數，並依流動類型細分；每條合計為 "
                  "100%。各類型使用不同的填充圖樣，黑白列印也能區分。",
    .cl_summary = "資料：依來源國與流動類型統計的人數",
    .cl_heads = {"來源國", "人數", "未流動者", "%", "遷移者", "%", "定向往返者", "%",
                 "非定向往返者", "%"},

    .rt_tip = {"{1}，{2}年：每千位研究人員移入 {3} 人", "{1}，{2}年：每千位研究人員移出 {3} 人",
               "{1}，{2}年：研究人員 {3} 位"},
    .rt_panel = {"每千人移入", "每千人移出", "研究人員數"},
    .rt_empty = "這些年份沒有國家年度資料。",
    .rt_desc = "折線圖，{1}年，共 {2} 個國家：每千位研究人員的移入與移出人數，以及研究人員數。",
    .rt_title = "歷年遷移率",
    .rt_caption =
        "各國每千位當年在該國的研究人員中移入與移出的人數，旁邊是作為分母的補齊後研究人員數。"
        "每個國家在本頁所有圖表中使用同一種顏色、線型與標記。",
    .rt_edge = "移入與移出折線略去了資料的第一年（{1}年）：移動記在某人首次出現在新國家的那一年，"
               "因此第一個觀測年份不可能記有移動，其遷移率依定義為零。",
    .rt_summary = "資料：各國歷年遷移率",
    .rt_heads = {"國家", "年份", "研究人員數", "每千人移入", "每千人移出", "每千人淨遷移"},

    .km_tip = "{1}：{3} 年內回流 {2}（Kaplan-Meier）；風險人數 {4}",
    .km_tip_1 = "{1}：{3} 年內回流 {2}（Kaplan-Meier）；風險人數 {4}",
    .km_risk = "風險人數",
    .km_empty = "結果資料庫中沒有回流率資料。",
    .km_desc = "階梯曲線：離開後 k 年內回到來源國的 Kaplan-Meier 機率，k = 1 至 {1}，共 {2} "
               "個來源國，並附風險人數。",
    .km_title = "k 年內回流",
    .km_axis_y = "回流比例（%）",
    .km_axis_x = "離開後的年數",
    .km_caption = "離開來源國的人，不分目的國與離開年份，涵蓋整個執行期間。在滿 k "
                  "年之前最後一次出現在國外的人，自該時起作設限處理，不算作留在國外；第 k "
                  "年的風險人數是在 k 之前既未回流也未設限的人數。",
    .km_summary = "資料：各來源國 k 年內的回流情形",
    .km_kind =
        {"",
         "此處只統計學生的移動（執行時使用了 --kind study）：出國求學，或畢業後離開求學地去工作。",
         "此處只統計工作之間的移動（執行時使用了 --kind work）。"},
    .km_heads = {"來源國", "k", "離開人數", "風險人數", "回流人數", "觀察人數",
                 "k 年內回流（Kaplan-Meier）"},

    .co_tip = "{1}，{2}年離開：{4} 年內回流 {3}（Kaplan-Meier）；離開的 {6} 人中風險人數 {5}",
    .co_tip_1 = "{1}，{2}年離開：{4} 年內回流 {3}（Kaplan-Meier）；離開的 {6} 人中風險人數 {5}",
    .co_n = "n",
    .co_key = "k 年內回流（%）：",
    .co_empty = "這些年份沒有出發世代。",
    .co_desc = "色塊網格，每個來源國一幅：列為{1}年間的離開年份，欄為 k = 1 至 {2}；"
               "每格為 k 年內回流的百分比。",
    .co_title = "各出發世代的回流率",
    .co_caption =
        "每個離開年份的離開者在 k 年內回到來源國的百分比（Kaplan-Meier，不分目的國）；欄為 "
        "k，n 為當年離開的人數。空格表示該年離開的人在 k 年後已無人仍在國外且仍在觀察中。",
    .co_dropped = "僅繪出最近 40 個離開年份。",
    .co_summary = "資料：各出發世代 k 年內的回流情形（Kaplan-Meier）",
    .co_heads = {"來源國", "離開年份", "離開人數"},

    .pr_heading = "問題與解答",
    .pr_heading_pair = "問題與解答：{1}與{2}",
    .pr_intro = "兩國的研究人員現在身在何處、雙向各有多少人移動、離開的人是否回來了——每個數字都附 "
                "95% 信賴區間。對象為{1}；{2}「現在身在何處」指最後一個觀測年份所在的國家；"
                "對於不再發表論文的人，就是最後一次出現的地方。",
    .pr_about_all = "全體研究人員（人才庫 all）",
    .pr_about_pool = "人才庫 {1} 中的研究人員",
    .pr_chosen = "這組國家由本報告指定。",
    .pr_largest = "這組國家是這些年份中雙向移動合計最多的一組（可用 talentflow report --focus A,B "
                  "查看其他國家）。",
    .pr_empty = "這些年份沒有任何兩個國家之間發生移動，因此無從選出一組國家。",
    .pr_share = "{1} 人（{2}；95% 信賴區間 {3}" EN_DASH "{4}）",
    .pr_who_all = "研究人員",
    .pr_who_pool = "人才庫 {1} 的研究人員",
    .pr_chart = "圖",
    .pr_table = "表",
    .pr_link_open = "（",
    .pr_link_sep = "、",
    .pr_link_close = "）",
    .pr_where_none = "結果資料庫中沒有來源國為{2}的{1}，因此無法判斷他們現在身在何處。",
    .pr_where = "來源國為{3}的{2}共 {1} 人，其中 {4}最後出現在{5}，{6}留在本國，{8}在其他國家。",
    .pr_flows_none = "結果資料庫中沒有可用於統計移動的年份。",
    .pr_flows = "{1}年，結果資料庫共記錄{3}從{4}移往{5} {2} 次，從 {7} 移往 {8} {6} "
                "次；其中最後一年（{9}年）分別為 {10} 次與 {11} 次。",
    .pr_pooled =
        "從{2}前往{3}的 {1} 人中，{4} 在 {6} 年內回到 {5}（Kaplan-Meier 估計；在追蹤滿 {6} "
        "年或提前回流的 {8} 人中，有 {7} 人回流）。",
    .pr_trend_small =
        "{5} 人以上離開且回流比例已知的出發世代，在{4}年間只有 {3} "
        "個（至少需要 3 個），樣本太少，無法判斷 {2} 年內回到 {1} 的比例在各出發世代間"
        "是上升還是下降。",
    .pr_trend_small_1 =
        "{5} 人以上離開且回流比例已知的出發世代，在{4}年間只有 1 "
        "個（至少需要 3 個），樣本太少，無法判斷 {2} 年內回到 {1} 的比例在各出發世代"
        "間是上升還是下降。",
    .pr_trend_small_0 =
        "{4}年間沒有任何出發世代有 {5} 人以上離開且回流比例已知（至少需要 3 "
        "個），樣本太少，無法判斷 {2} 年內回到 {1} 的比例在各出發世代間是上升還是下降。",
    .pr_trend =
        "在{2}" EN_DASH "{3}年離開人數不少於 {4} 人的 {1} 個出發世代中（每個世代 {5} 至 {6} "
        "人，依規模加權），{8} 年內回到 {7} 的比例每十年變化 {9} 個百分點（95% 信賴區間 {10} "
        "至 {11}）：{12}。",
    .pr_rising = "呈上升趨勢",
    .pr_falling = "呈下降趨勢",
    .pr_flat = "無明顯趨勢",
    .pr_ret_none = "結果資料庫中沒有從 {1} 前往 {2} 者的回流紀錄。",
    .pr_ret_nopooled = "結果資料庫中沒有從 {1} 前往 {2} 者在所有離開年份合計的回流資料。",
    .pr_fl_title = "逐年雙向移動",
    .pr_fl_axis = "移動次數",
    .pr_fl_desc = "兩條折線，每年一個點：從 {1} 到 {2}、從 {2} 到 {1} 的移動次數。",
    .pr_fl_tip = "{1} " ARROW " {2}，{3}年：{4} 次移動",
    .pr_fl_caption =
        "該人才庫研究人員每年在兩國之間的移動次數，每個方向一條線；落在橫軸上的點表示當年沒有"
        "移動。每條線採用其出發國的顏色。",
    .pr_fl_summary = "資料：逐年雙向移動",
    .pr_year = "年份",
    .pr_rt_title = "5 年內回流，依離開年份",
    .pr_rt_axis = "回到來源國（%）",
    .pr_rt_desc = "兩條折線，每個離開年份一個點：從 {1} 前往 {2}、從 {2} 前往 {1} 的人在 {3} "
                  "年內回到來源國的百分比。",
    .pr_rt_tip = "{1} " ARROW " {2}，{3}年離開：{5} 年內回到 {1} {4}（Kaplan-Meier）；離開 {6} 人",
    .pr_rt_caption =
        "每年離開者在 5 年內回到來源國的百分比（Kaplan-Meier：較早最後一次出現在國外的人作"
        "設限處理，不算作留在國外）。小世代波動很大：表中列出各世代的規模，只有離開人數"
        "不少於 10 人的世代才計入趨勢。",
    .pr_rt_summary = "資料：5 年內回到來源國，依離開年份",
    .pr_rt_heads = {"離開", "前往", "離開年份", "離開人數", "回流人數", "觀察人數", "回流 / 觀察",
                    "Kaplan-Meier", "計入趨勢"},
    .pr_all_years = "全部年份",
    .pr_yes = "是",
    .pr_no = "否",
    .pr_elsewhere = "其他國家",
    .pr_wh_summary = "最後出現的地方（95% Wilson 信賴區間）",
    .pr_wh_heads = {"來源國", "最後出現於", "人數", "總數", "比例", "95% 信賴區間下限",
                    "95% 信賴區間上限"},
    .mo_title = "推拉模型與情境推估",
    .mo_intro =
        "配適所得的模型顯示哪些因素推動研究人員在國家之間流動，以及在某一情境下的推估結果。模型"
        "由 talentflow fit 配適，推估由 talentflow project 產生，所用資料往往與本頁其他部分"
        "不同。",
    .mo_chart_title = "推力與拉力係數",
    .mo_desc = "點鬚圖：模型的 {1} 個共變數項，每項為估計值及其 95% 信賴區間，並標出零線。",
    .mo_axis = "係數（取對數的共變數即為彈性）",
    .mo_side = {"推力（來源國）", "拉力（目的國）", "雙邊"},
    .mo_cov = {"研究人員數", "人均 GDP", "人口", "距離"},
    .mo_term = "{1}：{2}",
    .mo_say = {{"本國{1}每增加 1%，外流人數增加 {2}（95% 信賴區間 {3} 至 {4}）。",
                "本國{1}每增加 1%，外流人數減少 {2}（95% 信賴區間 {3} 至 {4}）。",
                "本國{1}每增加 1 個單位，外流人數增加 {2}（95% 信賴區間 {3} 至 {4}）。",
                "本國{1}每增加 1 個單位，外流人數減少 {2}（95% 信賴區間 {3} 至 {4}）。"},
               {"目的國{1}每增加 1%，流入人數增加 {2}（95% 信賴區間 {3} 至 {4}）。",
                "目的國{1}每增加 1%，流入人數減少 {2}（95% 信賴區間 {3} 至 {4}）。",
                "目的國{1}每增加 1 個單位，流入人數增加 {2}（95% 信賴區間 {3} 至 {4}）。",
                "目的國{1}每增加 1 個單位，流入人數減少 {2}（95% 信賴區間 {3} 至 {4}）。"},
               {"兩國間{1}每增加 1%，移動人數增加 {2}（95% 信賴區間 {3} 至 {4}）。",
                "兩國間{1}每增加 1%，移動人數減少 {2}（95% 信賴區間 {3} 至 {4}）。",
                "兩國間{1}每增加 1 個單位，移動人數增加 {2}（95% 信賴區間 {3} 至 {4}）。",
                "兩國間{1}每增加 1 個單位，移動人數減少 {2}（95% 信賴區間 {3} 至 {4}）。"}},
    .mo_caption =
        "每個點是推拉模型（含來源國、目的國與年份固定效果的 PPML 重力模型）中的一項，"
        "橫線為其 95% 信賴區間。橫線跨過零，表示資料無法判斷影響的方向。上方各句把每個估計值"
        "換算為共變數變動 1% 時移動人數的變化。",
    .mo_summary = "資料：模型各項",
    .mo_heads = {"項", "估計值", "95% 信賴區間下限", "95% 信賴區間上限"},
    .pj_chart_title = "研究人員數推估：基準與情境",
    .pj_desc = "扇形圖，{1}：{2}至{3}年的研究人員數推估，分為不作改變的基準與情境兩種，各附 95% "
               "區間帶。",
    .pj_baseline = "基準",
    .pj_scenario = "情境",
    .pj_axis = "研究人員數",
    .pj_tip = "{1}，{2}年，{3}：{4}（95% 信賴區間 {5} 至 {6}）",
    .pj_caption =
        "{1}年為最後一個觀測年份。灰線為基準，即不作任何改變的推估；彩色線為情境；陰影帶為"
        "依係數抽樣得到的 95% 區間。",
    .pj_gain =
        "到{1}年，與基準相比，情境使{2}的研究人員多出 {3} 人（95% 信賴區間 {4} 至 {5}；{6}）。",
    .pj_loss =
        "到{1}年，與基準相比，情境使{2}的研究人員減少 {3} 人（95% 信賴區間 {4} 至 {5}；{6}）。",
    .pj_summary = "到{1}年各國研究人員的增減（情境對比基準）",
    .pj_heads = {"國家", "{1}年研究人員數", "{1}年基準", "{1}年情境", "增減", "95% 信賴區間下限",
                 "95% 信賴區間上限", "增減（%）"},
    .sc_summary = "情境檔案原文",
    .sc_none = "此推估沒有情境檔案：情境結果與基準相同。",
    .cv_title = "這些數字無法說明什麼",
    .cv =
        {"無法說明共變數導致了人才流動：各項係數反映的是配適期間各國內部的相關關係，改變某個共變數"
         "的"
         "政策未必會以同樣方式改變流動。",
         "無法說明未來的絕對水準：基準只是把最近幾年的自然成長、固定效果與共變數延續下去，是外推，"
         "不是預測。",
         "無法說明整個推估的不確定性：區間帶只涵蓋係數的不確定性。",
         "無法說明模型以外的國家，以及與這些國家之間的移動。",
         "無法說明是誰在移動：移動統計的是發表年份之間主要所在國的變化，不區分學科、職涯階段或"
         "水準。"},
    .pl_title = "從求學到就業",
    .pl_intro = "有教育紀錄的人在哪裡取得第一個學位與最高學位，現在又在哪裡工作。",
    .pl_chart_title = "第一學位、最高學位與工作所在國",
    .pl_desc =
        "三階段流向圖，共 {1} 人：第一學位所在國、最高學位所在國與現在工作所在國；帶寬代表人數。",
    .pl_stage = {"第一學位", "最高學位", "現在工作"},
    .pl_other = "其他國家",
    .pl_none = "未見工作紀錄",
    .pl_tip = "{1} " ARROW " {2}：{3} 人",
    .pl_tip_1 = "{1} " ARROW " {2}：1 人",
    .pl_caption =
        "整個執行期間有教育紀錄的人，依第一學位、最高學位與現在工作（最近一份工作，若無則為最後"
        "發表論文的國家）所在國統計。每個階段繪出人數最多的 {1} 個國家，其餘歸入「其他國家」；"
        "流帶採用出發一側國家的顏色。",
    .pl_headline = "第一學位在{2}取得的人（n = {1}）中，{3} 現在在{4}工作（這是最常見的海外去向），"
                   "{5} 留在本國工作。",
    .pl_headline_home =
        "第一學位在{2}取得的人（n = {1}）中，{3} 現在在本國工作，未見有人在海外工作。",
    .pl_summary = "資料：依第一學位、最高學位與工作所在國統計的人數",
    .pl_heads = {"第一學位", "最高學位", "現在工作", "人數"},
};

/* ---- lookup and templates ----------------------------------------------- */

const struct tf_report_text *tf_report_text_for(const char *lang)
{
    if (!lang || strcmp(lang, "en") == 0)
        return &en;
    if (strcmp(lang, "zh-Hans") == 0)
        return &zh_hans;
    if (strcmp(lang, "zh-Hant") == 0)
        return &zh_hant;
    return NULL;
}

/* Appends `n` bytes of `s` at *o within buf, keeping room for the terminator. */
static void put(char *buf, size_t size, size_t *o, const char *s, size_t n)
{
    if (*o + 1 >= size)
        return;
    if (n > size - 1 - *o)
        n = size - 1 - *o;
    memcpy(buf + *o, s, n);
    *o += n;
}

char *tf_say(char *buf, size_t size, const char *tmpl, ...)
{
    const char *arg[16];
    size_t n = 0, o = 0;
    va_list ap;
    va_start(ap, tmpl);
    for (const char *a; n < 16 && (a = va_arg(ap, const char *)) != NULL;)
        arg[n++] = a;
    va_end(ap);
    for (const char *p = tmpl; *p;) {
        char *end = NULL;
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9') {
            unsigned long i = strtoul(p + 1, &end, 10);
            if (*end == '}') {
                if (i <= n)
                    put(buf, size, &o, arg[i - 1], strlen(arg[i - 1]));
                p = end + 1;
                continue;
            }
        }
        put(buf, size, &o, p, 1);
        p++;
    }
    buf[o] = '\0';
    return buf;
}

char *tf_int(long v, char buf[24])
{
    snprintf(buf, 24, "%ld", v);
    return buf;
}
