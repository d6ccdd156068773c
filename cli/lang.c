/*
 * lang.c - the commands' terminal sentences, one table per language (see
 * lang.h). Traditional Chinese follows Taiwan usage (資料, 信賴區間, 推估).
 */
#include "lang.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct tf_cli_text en = {
    .lang = "en",
    .label = "{1} ({2})",
    .fit_panel = "panel: {1} observations = {2} positive flows + {3} zeros added by completion",
    .fit_top = "       {1} countries (the top {2} by {3} in {4}), years {5}-{6}",
    .fit_all = "       {1} countries (all present in {2}), years {3}-{4}",
    .fit_left = "flows left out: {1} outside the countries or years, {2} lacking a covariate",
    .fit_fe = "fixed effects: {1} ({2}); separated groups dropped: {3}",
    .fe_odyear = "origin + destination + year",
    .fe_dyadic = "origin-year + destination-year",
    .fe_dense = "dense dummies",
    .fe_ap = "alternating projections",
    .fit_irls = "IRLS: converged in {1} iterations, deviance {2}, {3} observations used",
    .se_cluster = "se: clustered by {1} ({2} clusters); small-sample factor G/(G-1)*(n-1)/(n-K) = "
                  "{3} with K = {4}",
    .se_hc1 = "se: heteroskedasticity-robust HC1; small-sample factor n/(n-K) = {1} with K = {2}",
    .se_hc0 = "se: heteroskedasticity-robust HC0 (no small-sample factor)",
    .cluster = {"pair", "origin", "destination", "year"},
    .boot = "pairs cluster bootstrap: {1} replications ({2} failed), seed {3}",
    .fit_wrote = "wrote {1}/model.json and {1}/fit.csv",
    .pj_scenario = "scenario: {1}",
    .pj_none = "none (the scenario columns repeat the baseline)",
    .pj_range = "projection {1}-{2} from the stocks of {3}",
    .pj_draws = "; intervals: {1}% of {2} coefficient draws",
    .pj_gained = "researchers gained (+) or lost (-) by {1} against the baseline:",
    .pj_wrote = "wrote {1}/stocks.csv, {1}/flows.csv and {1}/headline.csv",
    .pj_wrote_scenario = "wrote {1}/stocks.csv, {1}/flows.csv and {1}/headline.csv with a copy of "
                         "the scenario, scenario.json",
    .years_all = "all years",
    .years_one = "{1}",
    .years_span = "{1}-{2}",
    .years_from = "from {1}",
    .years_to = "to {1}",
    .pool = " (talent pool {1})",
    .any_other = "any other country",
    .fl_pair = "Moves from {1} to {2} and back, by year, {3}{4}",
    .fl_from = "Moves from {1} by destination, {2}, largest first{3}",
    .fl_to = "Moves to {1} by origin, {2}, largest first{3}",
    .fl_none_pair = "no moves between {1} and {2} in {3}",
    .fl_none_from = "no moves from {1} in {2}",
    .fl_none_to = "no moves to {1} in {2}",
    .rt_title = "People from {1} who went to {2}: back within {3} years of leaving (returns),\n"
                "still there {3} years after arriving (stays), by cohort{4}",
    .rt_none = "no one from {1} went to {2}, so there are no rates",
    .wh_title = "Where the {1} people from {2} were last seen (country of their last year){3}",
    .wh_none = "no people from {1} in the store",
    .top_title = "Countries by {1}, {2}{3}",
    .top_by = {"net migration: the biggest gainers, then losers", "moves in", "moves out"},
    .corr_title = "The busiest corridors, {1}{2}",
    .no_moves = "no moves in {1}",
    .pw_title = "Where the {1} people whose first degree was in {2} work now{3}",
    .pw_none = "nobody in the store has a first degree from {1}",
    .pd_title = "Of {1} people with a first degree from {2} and a doctorate from {3}, {4} work in "
                "{2} now, by year of the doctorate{5}",
    .pd_none = "nobody with a first degree from {1} has a doctorate from {2}",
    .not_in_store = "{1} does not appear in {2}",
    .store_covers = "{1} (the store covers {2}-{3})",
};

static const struct tf_cli_text zh_hans = {
    .lang = "zh-Hans",
    .label = "{2}（{1}）",
    .fit_panel = "面板：{1} 个观测 = {2} 个正流量 + 补全时加入的 {3} 个零值",
    .fit_top = "      {1} 个国家（{4}年 {3} 最多的前 {2} 个），{5}-{6}年",
    .fit_all = "      {1} 个国家（{2}年出现的全部国家），{3}-{4}年",
    .fit_left = "未纳入的流量：{1} 个在国家或年份之外，{2} 个缺少协变量",
    .fit_fe = "固定效应：{1}（{2}）；剔除的分离组：{3} 个",
    .fe_odyear = "来源国 + 目的国 + 年份",
    .fe_dyadic = "来源国×年份 + 目的国×年份",
    .fe_dense = "虚拟变量",
    .fe_ap = "交替投影",
    .fit_irls = "IRLS：{1} 次迭代后收敛，偏差 {2}，使用 {3} 个观测",
    .se_cluster =
        "标准误：按{1}聚类（{2} 个聚类）；小样本校正系数 G/(G-1)*(n-1)/(n-K) = {3}，K = {4}",
    .se_hc1 = "标准误：异方差稳健 HC1；小样本校正系数 n/(n-K) = {1}，K = {2}",
    .se_hc0 = "标准误：异方差稳健 HC0（无小样本校正）",
    .cluster = {"国家对", "来源国", "目的国", "年份"},
    .boot = "按国家对聚类的自助法：{1} 次重复（{2} 次失败），随机种子 {3}",
    .fit_wrote = "已写入 {1}/model.json 和 {1}/fit.csv",
    .pj_scenario = "情景：{1}",
    .pj_none = "无（情景各列与基准相同）",
    .pj_range = "预测 {1}-{2}年，以{3}年的存量为起点",
    .pj_draws = "；区间：{2} 次系数抽样的 {1}%",
    .pj_gained = "到{1}年与基准相比各国科研人员的增（+）减（-）：",
    .pj_wrote = "已写入 {1}/stocks.csv、{1}/flows.csv 和 {1}/headline.csv",
    .pj_wrote_scenario =
        "已写入 {1}/stocks.csv、{1}/flows.csv 和 {1}/headline.csv，并附情景文件副本 "
        "scenario.json",
    .years_all = "所有年份",
    .years_one = "{1}年",
    .years_span = "{1}-{2}年",
    .years_from = "{1}年起",
    .years_to = "截至{1}年",
    .pool = "（人才库 {1}）",
    .any_other = "任何其他国家",
    .fl_pair = "{1}与{2}之间的双向流动，按年份，{3}{4}",
    .fl_from = "从{1}流出的人员，按目的国，{2}，由多到少{3}",
    .fl_to = "流入{1}的人员，按来源国，{2}，由多到少{3}",
    .fl_none_pair = "{3}内{1}与{2}之间没有流动",
    .fl_none_from = "{2}内没有从{1}流出的人员",
    .fl_none_to = "{2}内没有流入{1}的人员",
    .rt_title = "从{1}前往{2}的人：离开后 {3} 年内回流的比例（回流），\n"
                "到达后 {3} 年仍留在当地的比例（留存），按队列{4}",
    .rt_none = "没有人从{1}前往{2}，因此没有比率",
    .wh_title = "来源国为{2}的 {1} 人最后出现在哪里（最后一个观测年份所在国）{3}",
    .wh_none = "结果库中没有来源国为{1}的人",
    .top_title = "各国按{1}排列，{2}{3}",
    .top_by = {"净迁移（先列净流入最多的国家，再列净流失最多的国家）", "迁入人数", "迁出人数"},
    .corr_title = "最繁忙的流动路径，{1}{2}",
    .no_moves = "{1}内没有流动",
    .pw_title = "第一学位在{2}取得的 {1} 人现在在哪里工作{3}",
    .pw_none = "结果库中没有人在{1}取得第一学位",
    .pd_title =
        "第一学位在{2}、博士学位在{3}取得的 {1} 人中，{4} 人现在在{2}工作，按博士学位年份{5}",
    .pd_none = "没有第一学位在{1}取得且博士学位在{2}取得的人",
    .not_in_store = "{2} 中没有{1}",
    .store_covers = "{1}（结果库覆盖 {2}-{3}年）",
};

static const struct tf_cli_text zh_hant = {
    .lang = "zh-Hant",
    .label = "{2}（{1}）",
    .fit_panel = "面板：{1} 個觀測 = {2} 個正流量 + 補全時加入的 {3} 個零值",
    .fit_top = "      {1} 個國家（{4}年 {3} 最多的前 {2} 個），{5}-{6}年",
    .fit_all = "      {1} 個國家（{2}年出現的全部國家），{3}-{4}年",
    .fit_left = "未納入的流量：{1} 個在國家或年份之外，{2} 個缺少共變數",
    .fit_fe = "固定效果：{1}（{2}）；剔除的分離組：{3} 個",
    .fe_odyear = "來源國 + 目的國 + 年份",
    .fe_dyadic = "來源國×年份 + 目的國×年份",
    .fe_dense = "虛擬變數",
    .fe_ap = "交替投影",
    .fit_irls = "IRLS：{1} 次疊代後收斂，偏差 {2}，使用 {3} 個觀測",
    .se_cluster =
        "標準誤：依{1}群集（{2} 個群集）；小樣本校正係數 G/(G-1)*(n-1)/(n-K) = {3}，K = {4}",
    .se_hc1 = "標準誤：異質變異穩健 HC1；小樣本校正係數 n/(n-K) = {1}，K = {2}",
    .se_hc0 = "標準誤：異質變異穩健 HC0（無小樣本校正）",
    .cluster = {"國家組", "來源國", "目的國", "年份"},
    .boot = "依國家組群集的拔靴法：{1} 次重複（{2} 次失敗），亂數種子 {3}",
    .fit_wrote = "已寫入 {1}/model.json 與 {1}/fit.csv",
    .pj_scenario = "情境：{1}",
    .pj_none = "無（情境各欄與基準相同）",
    .pj_range = "推估 {1}-{2}年，以{3}年的存量為起點",
    .pj_draws = "；區間：{2} 次係數抽樣的 {1}%",
    .pj_gained = "到{1}年與基準相比各國研究人員的增（+）減（-）：",
    .pj_wrote = "已寫入 {1}/stocks.csv、{1}/flows.csv 與 {1}/headline.csv",
    .pj_wrote_scenario =
        "已寫入 {1}/stocks.csv、{1}/flows.csv 與 {1}/headline.csv，並附情境檔案副本 "
        "scenario.json",
    .years_all = "所有年份",
    .years_one = "{1}年",
    .years_span = "{1}-{2}年",
    .years_from = "{1}年起",
    .years_to = "截至{1}年",
    .pool = "（人才庫 {1}）",
    .any_other = "任何其他國家",
    .fl_pair = "{1}與{2}之間的雙向移動，依年份，{3}{4}",
    .fl_from = "從{1}移出的人員，依目的國，{2}，由多到少{3}",
    .fl_to = "移入{1}的人員，依來源國，{2}，由多到少{3}",
    .fl_none_pair = "{3}內{1}與{2}之間沒有移動",
    .fl_none_from = "{2}內沒有從{1}移出的人員",
    .fl_none_to = "{2}內沒有移入{1}的人員",
    .rt_title = "從{1}前往{2}的人：離開後 {3} 年內回流的比例（回流），\n"
                "抵達後 {3} 年仍留在當地的比例（留存），依世代{4}",
    .rt_none = "沒有人從{1}前往{2}，因此沒有比率",
    .wh_title = "來源國為{2}的 {1} 人最後出現在哪裡（最後一個觀測年份所在國）{3}",
    .wh_none = "結果資料庫中沒有來源國為{1}的人",
    .top_title = "各國依{1}排列，{2}{3}",
    .top_by = {"淨遷移（先列淨流入最多的國家，再列淨流失最多的國家）", "移入人數", "移出人數"},
    .corr_title = "最繁忙的流動路徑，{1}{2}",
    .no_moves = "{1}內沒有移動",
    .pw_title = "第一學位在{2}取得的 {1} 人現在在哪裡工作{3}",
    .pw_none = "結果資料庫中沒有人在{1}取得第一學位",
    .pd_title =
        "第一學位在{2}、博士學位在{3}取得的 {1} 人中，{4} 人現在在{2}工作，依博士學位年份{5}",
    .pd_none = "沒有第一學位在{1}取得且博士學位在{2}取得的人",
    .not_in_store = "{2} 中沒有{1}",
    .store_covers = "{1}（結果資料庫涵蓋 {2}-{3}年）",
};

const struct tf_cli_text *tf_cli_text_for(const char *lang)
{
    if (lang && strcmp(lang, "zh-Hans") == 0)
        return &zh_hans;
    if (lang && strcmp(lang, "zh-Hant") == 0)
        return &zh_hant;
    return &en;
}

char *tf_cli_say(char *buf, size_t size, const char *tmpl, ...)
{
    const char *arg[16];
    size_t n = 0, o = 0;
    va_list ap;
    va_start(ap, tmpl);
    for (const char *a; n < 16 && (a = va_arg(ap, const char *)) != NULL;)
        arg[n++] = a;
    va_end(ap);
    for (const char *p = tmpl; *p && o + 1 < size;) {
        char *end = NULL;
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9') {
            unsigned long i = strtoul(p + 1, &end, 10);
            if (*end == '}') {
                const char *s = i <= n ? arg[i - 1] : "";
                size_t len = strlen(s) < size - 1 - o ? strlen(s) : size - 1 - o;
                memcpy(buf + o, s, len);
                o += len;
                p = end + 1;
                continue;
            }
        }
        buf[o++] = *p++;
    }
    buf[o] = '\0';
    return buf;
}

char *tf_cli_country(const struct tf_cli_text *t, tf_country c, char *buf, size_t size)
{
    char code[3], name[96];
    tf_country_code(c, code);
    if (!tf_country_name(c)) {
        snprintf(buf, size, "%s", code);
        return buf;
    }
    tf_report_country_name(c, t->lang, NULL, name, sizeof(name));
    return tf_cli_say(buf, size, t->label, code, name, NULL);
}
