/* i18n.c: the writers' words in Chinese and English, one row per message;
 * adding a string is adding an id to i18n.h and a row here.
 * SPDX-License-Identifier: MIT */
#include "i18n.h"

#include <string.h>

#include "model.h"

typedef struct {
    const char *zh, *en;
} I18nRow;

static const I18nRow i18n_table[I18N_N_MESSAGES] = {
    [I18N_YEAR]              = {"年份", "Year"},
    [I18N_FIRMS]             = {"企业数", "Firms"},
    [I18N_P5_P95]            = {"P5–P95", "P5–P95"},
    [I18N_P25_P75]           = {"P25–P75", "P25–P75"},
    [I18N_MEDIAN]            = {"中位数", "Median"},
    [I18N_EXPECTED]          = {"精确期望", "Exact expectation"},
    [I18N_MEAN]              = {"均值", "Mean"},
    [I18N_SD]                = {"标准差", "SD"},
    [I18N_TARGET]            = {"目标", "Target"},
    [I18N_STAGE]             = {"阶段", "Stage"},
    [I18N_STAGE_ID]          = {"阶段代码", "Stage id"},
    [I18N_NEW_MEAN]          = {"当年新增（均值）", "New in year (mean)"},
    [I18N_CONDITION]         = {"条件", "Condition"},
    [I18N_PROBABILITY_MET]   = {"达成概率", "P(met)"},
    [I18N_VERDICT]           = {"判断", "Verdict"},
    [I18N_PROBABILITY_PCT]   = {"概率（%）", "Probability (%)"},
    [I18N_MET]               = {"达成", "Met"},
    [I18N_NOT_MET]           = {"未达成", "Not met"},
    [I18N_TARGETS_TITLE]     = {"各目标达成概率", "Probability of meeting each target"},
    [I18N_COMPOSITION_TITLE] = {"各阶段企业数（均值）", "Firms by stage (mean)"},
    [I18N_ALL_TARGETS_FMT]   = {"全部目标同时达成：%s（%s）", "All targets met together: %s (%s)"},
    [I18N_UNCERTAIN_DRAWN]   = {"参数不确定性：已抽样", "parameter uncertainty drawn"},
    [I18N_UNCERTAIN_CENTRAL] = {"参数取中心值", "central parameter values"},
    [I18N_VERY_LIKELY]       = {"很可能达成", "very likely"},
    [I18N_LIKELY]            = {"较可能达成", "likely"},
    [I18N_AS_LIKELY_AS_NOT]  = {"难以确定", "as likely as not"},
    [I18N_UNLIKELY]          = {"不太可能", "unlikely"},
    [I18N_VERY_UNLIKELY]     = {"极不可能", "very unlikely"},
    [I18N_SCENARIO_FMT]      = {"情景：%s", "Scenario: %s"},
    [I18N_RUN_FMT]           = {"%s 次模拟，随机种子 %s", "%s replications, seed %s"},
    [I18N_AT_OR_ABOVE_FMT]   = {"%s及以上", "%s or above"},
    [I18N_CONDITION_FMT]     = {"%s ≥ %s（%d 年）", "%s ≥ %s in %d"},
    [I18N_CONDITION_AT_HORIZON_FMT] = {"%s ≥ %s（%d 年，未写 year，取情景终年）",
                                       "%s ≥ %s in %d (no year given: the horizon)"},
    [I18N_CONDITION_SPAN_FMT] = {"%s ≥ %s", "%s ≥ %s"},
    [I18N_CONDITION_SPAN_AT_HORIZON_FMT] = {"%s ≥ %s（未写 year，取情景终年）",
                                           "%s ≥ %s (no year given: the horizon)"},
    [I18N_NEW_SPAN_FMT]      = {"%s %d–%d 年新增", "new %s in %d–%d"},
    [I18N_CUMULATIVE_FMT]    = {"%s累计（%d 年末存量＋%d–%d 年新增）",
                                "%s ever reached (end-%d stock + new in %d–%d)"},
    [I18N_HORIZON_FMT]       = {"%d 年各阶段企业数（阶段互斥：每家企业只计入其所在的一个阶段）",
                                "Firms by stage in %d (stages are exclusive: each firm counts in one stage)"},
    [I18N_LISTS_AT_HORIZON_FMT] = {"%d 年各名单企业数（名单按认定口径计数，与阶段重叠，不可与上表相加）",
                                   "Firms on each list in %d (lists count designations and overlap the stages: "
                                   "do not add them to the table above)"},
    [I18N_LIST]              = {"名单", "List"},
    [I18N_FAN_STAGE_TITLE_FMT] = {"%s（阶段：每家企业只计一个阶段）— %s",
                                  "%s (stage: each firm counts in one stage) — %s"},
    [I18N_FAN_LIST_TITLE_FMT] = {"%s（名单：认定口径，与阶段重叠）— %s",
                                 "%s (list: designations, overlapping the stages) — %s"},
    [I18N_TARGET_LINE_FMT]   = {"目标 %s：≥ %s（%d 年）", "Target %s: ≥ %s in %d"},
    [I18N_TARGET_HIST_FMT]   = {"%s：%s，达成概率 %s", "%s: %s, probability met %s"},
    [I18N_RESULTS_IN]        = {"结果与图表：", "Results and charts:"},
    [I18N_ERRORBAR_NOTE]     = {"误差线：±1.96 倍蒙特卡洛标准误", "error bars: ±1.96 Monte Carlo standard errors"},
    [I18N_FIRMS_NOT_FROM_ZERO] = {"企业数（纵轴不从 0 开始）", "Firms (axis does not start at 0)"},
    [I18N_ALL_TARGETS_BAR]   = {"全部目标同时达成", "All targets together"},
    [I18N_COMPOSITION_UPPER_FMT] = {"%s及以上（纵轴放大）", "%s and above (own axis)"},
    /* ladder sensitivity */
    [I18N_SENS_HEADING_FMT]  = {"每次只变动一个参数：取其不确定性分布的 P5 与 P95，无分布时取 ±%s；其余参数取中心值，共用随机数",
                                "One parameter at a time at its low and high value: P5 and P95 of its uncertainty, else ±%s; "
                                "all else at central values, with common random numbers"},
    [I18N_SENS_HEADING_RUN_FMT] = {"每次只变动一个参数：取其不确定性分布的 P5 与 P95，无分布时取 ±%s；其余参数与 ladder run 一样按 [uncertainty] 抽样，共用随机数",
                                   "One parameter at a time at its low and high value: P5 and P95 of its uncertainty, else ±%s; "
                                   "all else drawn from [uncertainty] as ladder run draws it, with common random numbers"},
    [I18N_SENS_TARGET_FMT]   = {"%s：%s · %s", "%s: %s · %s"},
    [I18N_SENS_ALL]          = {"全部目标同时达成", "All targets met together"},
    [I18N_SENS_ALL_FMT]      = {"全部目标同时达成 · %s", "All targets met together · %s"},
    [I18N_SENS_BASE_RUN_FMT] = {"基准：与 ladder run 相同的 %s", "base: %s, the same as ladder run"},
    [I18N_SENS_BASE_CENTRAL_FMT] = {"基准：中心值 %s（所有参数取中心值，不同于 ladder run 的 %s）",
                                    "base: %s at central values (every parameter at its central value, unlike "
                                    "ladder run's %s)"},
    [I18N_SENS_BASE_CENTRAL_SAME_FMT] = {"基准：中心值 %s（所有参数取中心值，与 ladder run 的 %s 相同）",
                                         "base: %s at central values (every parameter at its central value; "
                                         "ladder run's %s is the same)"},
    [I18N_SENS_BASE_CENTRAL_NO_RUN_FMT] = {"基准：中心值 %s（所有参数取中心值；ladder run 的抽样使某年参数无效，无可比概率）",
                                           "base: %s at central values (every parameter at its central value; "
                                           "ladder run's draws make a year invalid, so it has no probability)"},
    [I18N_SENS_PARAMETER]    = {"参数", "Parameter"},
    [I18N_SENS_MEANING]      = {"含义", "Meaning"},
    [I18N_SENS_LOW_HIGH]     = {"低值 → 高值", "Low → high"},
    [I18N_SENS_AT_LOW]       = {"低值时概率", "P at low"},
    [I18N_SENS_AT_HIGH]      = {"高值时概率", "P at high"},
    [I18N_SENS_SWING]        = {"摆幅（百分点）", "Swing (points)"},
    [I18N_SENS_MORE_FMT]     = {"另有 %d 个参数，见 sensitivity.json", "%d more in sensitivity.json"},
    [I18N_SENS_CAPPED_NOTE]  = {"* 已截至各年均有效的最远取值（概率在 0 到 1 之间，各阶段退出率与转移概率之和不超过 1）",
                                "* capped at the furthest value valid in every year (probabilities within 0..1, "
                                "a stage's exit and edges summing to at most 1)"},
    [I18N_SENS_SKIPPED_FMT]  = {"未变动 %s：%s", "Not varied, %s: %s"},
    [I18N_SENS_SKIP_ZERO]    = {"取值为 0 且无不确定性分布", "its value is 0 and it has no [uncertainty] distribution"},
    [I18N_SENS_SKIP_NO_FIRMS] = {"基数为 0 家", "the baseline is 0 firms"},
    [I18N_SENS_SKIP_ROUNDS]  = {"基数变动后取整仍相同", "the varied baseline rounds to the same count"},
    [I18N_SENS_SKIP_NO_ROOM] = {"除中心值外无有效取值", "no value but the central one is valid"},
    [I18N_SENS_SKIP_NO_UNCERTAINTY] = {"无 [uncertainty]，加 --baselines 才变动", "no [uncertainty]; use --baselines"},
    [I18N_SENS_TITLE_FMT]    = {"敏感性分析：%s", "Sensitivity: %s"},
    [I18N_SENS_NOTE_FMT]     = {"每次变动一个参数（P5/P95 或 ±%s），其余取中心值", "one parameter at a time (P5/P95 or ±%s), all else central"},
    [I18N_SENS_NOTE_RUN_FMT] = {"每次变动一个参数（P5/P95 或 ±%s），其余按 [uncertainty] 抽样",
                                "one parameter at a time (P5/P95 or ±%s), all else drawn from [uncertainty]"},
    [I18N_SENS_AT_LOW_KEY]   = {"参数取低值", "parameter at its low value"},
    [I18N_SENS_AT_HIGH_KEY]  = {"参数取高值", "parameter at its high value"},
    [I18N_SENS_BASE_FMT]     = {"基准 %s", "base %s"},
    [I18N_LABEL_BASELINE_FMT] = {"%s基数", "%s baseline"},
    [I18N_SOLVE_TARGET_FMT]  = {"“%s”", "'%s'"},
    [I18N_SOLVE_ALL_TARGETS] = {"全部目标同时", "all targets together"},
    [I18N_SOLVE_QUESTION_FMT] = {"问题：%s 从 %d 年起最少改变多少，%s达成的概率才能不低于 %s？",
                                 "Question: what least change of %s from %d on makes the probability of %s at least %s?"},
    [I18N_SOLVE_PER_YEAR_FMT] = {"每年 %s", "%s a year"},
    [I18N_SOLVE_SET_TO_FMT]  = {"取 %s", "at %s"},
    [I18N_SOLVE_ANSWER_FMT]  = {"答案：%s 从 %d 年起%s（当前 %s，%s）：%s达成概率 %s；%s 时 %s",
                                "Answer: %s from %d on %s (now %s, %s): probability of %s %s; at %s, %s"},
    [I18N_SOLVE_ALREADY_FMT] = {"答案：%s 保持当前值 %s 即可：%s达成概率 %s，已不低于 %s",
                                "Answer: %s at its current value %s is enough: probability of %s %s, already at least %s"},
    [I18N_SOLVE_UNREACHABLE_FMT] = {"答案：%s 从 %d 年起在 %s 至 %s 之间取任何值，%s达成的概率都达不到 %s；最高 %s（取 %s 时）",
                                    "Answer: no value of %s from %d on between %s and %s makes the probability of %s "
                                    "reach %s; the best found is %s (at %s)"},
    [I18N_SOLVE_TRIED_FMT]   = {"共试算 %d 个取值，每个 %s 次模拟，随机种子 %s（共同随机数）",
                                "%d values tried, %s replications each, seed %s (common random numbers)"},
    [I18N_SOLVE_CHART_TITLE_FMT] = {"%s达成概率与 %s（%d 年起）", "Probability of %s against %s (from %d)"},
    [I18N_SOLVE_WANTED_FMT]  = {"要求 %s", "wanted %s"},
    [I18N_SOLVE_CURRENT_FMT] = {"当前 %s", "now %s"},
    [I18N_SOLVE_ANSWER_MARK_FMT] = {"答案 %s（%s）", "answer %s (%s)"},
    [I18N_SOLVE_BEST_MARK_FMT] = {"最高 %s（%s）", "best %s (%s)"},
    [I18N_SOLVE_TRIED]       = {"试算值", "values tried"},
    [I18N_SOLVE_QUESTION_POLICY_FMT] = {"问题：%s 从 %d 年起最少改变多少（%s，作用在抽样值与已有政策之上），%s达成的概率才能不低于 %s？",
                                        "Question: what least change of %s from %d on (%s, on top of the drawn values "
                                        "and the policies) makes the probability of %s at least %s?"},
    [I18N_SOLVE_BY_FACTOR]   = {"乘以一个系数", "times a factor"},
    [I18N_SOLVE_BY_ADDEND]   = {"每年增减若干家", "firms a year added"},
    [I18N_SOLVE_ANSWER_POLICY_FMT] = {"答案：%s 从 %d 年起 %s（中心值 %s → %s）：%s达成概率 %s；%s 时 %s",
                                      "Answer: %s from %d on %s (central value %s → %s): probability of %s %s; at %s, %s"},
    [I18N_SOLVE_BASE_SAME_FMT] = {"基准：与 ladder run 相同的 %s", "Base: the same %s as ladder run"},
    [I18N_SOLVE_BASE_SET_FMT] = {"基准：%s，不同于 ladder run 的 %s，因为 %d 年起 %s 固定取 %s，不再按 [uncertainty] 抽样",
                                 "Base: %s, not ladder run's %s, because from %d on %s is fixed at %s, no longer "
                                 "drawn from [uncertainty]"},
    [I18N_SOLVE_PASTE]       = {"将以下政策组加到情景文件末尾，ladder run 即得同一概率（相同随机种子与模拟次数）：",
                                "Append this policy group to the scenario file and ladder run gives the same "
                                "probability (same seed and replications):"},
    [I18N_SOLVE_POLICY_NAME] = {"求解", "solve"},
    [I18N_SOLVE_XLABEL_FACTOR_FMT] = {"%s 的系数（作用在抽样值与政策之上）", "factor on %s (on top of the draws and policies)"},
    [I18N_SOLVE_XLABEL_ADDEND_FMT] = {"%s 每年增减（家，作用在抽样值与政策之上）",
                                      "firms a year added to %s (on top of the draws and policies)"},
    [I18N_SOLVE_XLABEL_SET_FMT] = {"%s 固定取值（不再抽样）", "%s fixed at a value (no longer drawn)"},
    [I18N_SOLVE_NOTE_SAME_FMT] = {"基准与 ladder run 相同：%s", "base the same as ladder run: %s"},
    [I18N_SOLVE_NOTE_SET_FMT] = {"%s 固定取值、不再抽样：基准 %s，不同于 ladder run 的 %s",
                                 "%s fixed, no longer drawn: base %s, not ladder run's %s"},
    [I18N_COMPARE_FMT]       = {"比较 %d 个情景，以“%s”为基准（共同随机数）",
                                "Comparing %d scenarios against \"%s\" (common random numbers)"},
    [I18N_SCENARIO]          = {"情景", "Scenario"},
    [I18N_NAME]              = {"名称", "Name"},
    [I18N_FILE]              = {"文件", "File"},
    [I18N_BASE]              = {"基准", "base"},
    [I18N_BASE_KEY_FMT]      = {"%s（基准）", "%s (base)"},
    [I18N_EACH_NONE_FMT]     = {"%s：无政策", "%s: no policy"},
    [I18N_EACH_ONLY_FMT]     = {"%s：仅%s", "%s: only %s"},
    [I18N_EACH_ALL_FMT]      = {"%s：全部政策", "%s: every policy"},
    [I18N_EACH_NOTE_FMT]     = {"基准 %s 是去掉全部政策的文件；%s 是文件原样（全部政策都实施），其数字与同一随机种子、"
                                "同样模拟次数的 %s 完全相同。",
                                "The base, %s, is the file with no policy; %s is the file as written (every policy "
                                "on): its figures are exactly those of %s, with the same seed and replications."},
    [I18N_EACH_LABEL_FMT]    = {"“%s”（%s/）", "\"%s\" (%s/)"},
    [I18N_AGAINST_BASE_FMT]  = {"%s 对比 %s", "%s against %s"},
    [I18N_PROBABILITY_CHANGE]= {"达成概率：基准 → 本情景", "P(met): base → this"},
    [I18N_DIFFERENCE_PP]     = {"差值（百分点）", "Difference (points)"},
    [I18N_CI95]              = {"95% 区间", "95% interval"},
    [I18N_MEDIAN_DIFFERENCE] = {"中位数之差", "Median difference"},
    [I18N_NOT_IN_BASE]       = {"基准无此目标", "not a target of the base"},
    [I18N_COSTS_TITLE]       = {"成本（万元）", "Costs (10,000 yuan)"},
    [I18N_POLICY]            = {"政策", "Policy"},
    [I18N_YEARS_ACTING]      = {"年数", "Years"},
    [I18N_COST_PER_YEAR]     = {"每年", "Per year"},
    [I18N_FIRMS_ADDED]       = {"新增企业（期望）", "Firms added (expected)"},
    [I18N_COST_PER_FIRM]     = {"每家", "Per firm"},
    [I18N_COST]              = {"成本", "Cost"},
    [I18N_TOTAL]             = {"合计", "Total"},
    [I18N_NO_POLICIES]       = {"（无政策）", "(no policies)"},
    [I18N_COST_NOTE]         = {"成本 = 每年 × 年数 + 每家 × 新增企业；新增企业为政策所改参数在其实施年份带来的精确期望增量（中心参数值）。",
                                "Cost = per year × years + per firm × firms added; firms added are the exact expected extra "
                                "firms through the parameters a policy changes, in its years (central values)."},
    [I18N_PER_EXTRA_TITLE]   = {"每多一家企业的成本（对比基准）", "Cost of each extra firm (against the base)"},
    [I18N_EXTRA_COST]        = {"增加成本（万元）", "Extra cost (10,000 yuan)"},
    [I18N_EXTRA_FIRMS]       = {"增加企业（均值）", "Extra firms (mean)"},
    [I18N_COST_PER_EXTRA]    = {"每家成本（万元）", "Per extra firm (10,000 yuan)"},
    [I18N_NO_EXTRA_FIRMS]    = {"无增量", "no extra firms"},
    [I18N_COMPARE_STAGE_FMT] = {"%s：各情景中位数与 P5–P95", "%s: median and P5–P95 of each scenario"},
    [I18N_COMPARE_BASE_BAND] = {"基准 P5–P95（其他情景的 P5–P95：同色虚线）",
                                "Base P5–P95 (other scenarios' P5–P95: dashed, in their colour)"},
    [I18N_COMPARE_TARGETS_TITLE] = {"各情景目标达成概率", "Probability of meeting each target, by scenario"},
    [I18N_COMPARE_COST_FMT]  = {"每多一家企业的成本（对比“%s”）", "Cost of each extra firm against \"%s\""},
    [I18N_COST_PER_EXTRA_AXIS] = {"万元/家", "10,000 yuan per extra firm"},
    [I18N_LOG_SCALE]         = {"（对数刻度）", " (log scale)"},
    [I18N_EXTRA_COST_KEY_FMT]= {"%s（多花 %s 万元）", "%s (%s × 10,000 yuan more)"},
    [I18N_CAL_HEADING_FMT] = {"情景：%s · 历史数据：%s（%s，%d 个观测）",
        "Scenario: %s · history: %s (%s, %d observations)"},
    [I18N_CAL_POISSON] = {"似然：泊松（只计计数本身的随机性；若公布数据另有误差，用 --cv 放宽）",
        "Likelihood: Poisson (chance in the counts only; if the published figures carry more error, widen with --cv)"},
    [I18N_CAL_NEGBIN_FMT] = {"似然：负二项，计数另有 %s 的变异系数",
        "Likelihood: negative binomial, counts off by a further coefficient of variation of %s"},
    [I18N_CAL_STARTS_FMT] = {"%d/%d 个起点收敛到同一最优，对数似然 %s",
        "%d of %d starts reached the same optimum; log-likelihood %s"},
    [I18N_CAL_WAS] = {"原值",
        "Was"},
    [I18N_CAL_FITTED] = {"拟合值",
        "Fitted"},
    [I18N_CAL_IDENTIFIED] = {"可识别",
        "Identified"},
    [I18N_CAL_YES] = {"是",
        "yes"},
    [I18N_CAL_NOT_FMT] = {"否：%s",
        "no: %s"},
    [I18N_CAL_FLAT] = {"似然平坦",
        "flat likelihood"},
    [I18N_CAL_FLAT_WITH_FMT] = {"与 %s 无法区分",
        "cannot be told from %s"},
    [I18N_CAL_STRONG_FMT] = {"注：%s 与 %s 的估计强相关（%s）：数据对二者组合的约束强于对各自的约束（仅供参考，二者均可识别）。",
        "Note: the estimates of %s and %s are strongly correlated (%s): the counts pin down their combination better than either (information only; both are identified)."},
    [I18N_CAL_AT_BOUND] = {"落在取值边界",
        "at the edge of its range"},
    [I18N_CAL_OPEN_BELOW] = {"向下直到取值边界，对数似然都在最大值的 1.92 以内",
        "the likelihood stays within 1.92 of its maximum down to the edge of the range"},
    [I18N_CAL_OPEN_ABOVE] = {"向上直到取值边界，对数似然都在最大值的 1.92 以内",
        "the likelihood stays within 1.92 of its maximum up to the edge of the range"},
    [I18N_CAL_START_KNOWN_FMT] = {"该阶段从 %d 年的公布数开始",
        "its stage starts from the count published for %d"},
    [I18N_CAL_PROFILE_CI] = {"剖面似然 95% 区间",
        "Profile 95%"},
    [I18N_CAL_DIFFER_NOTE] = {"* 剖面似然区间与 95% 区间（delta 法）的端点相差超过后者宽度的 10%：似然不对称，以剖面似然区间为准。",
        "* The profile-likelihood interval and the (delta-method) 95% interval differ by more than 10% of the latter's width at an end: the likelihood is skewed; trust the profile one."},
    [I18N_CAL_START_TITLE_FMT] = {"拟合起点（%d 年末）：",
        "The fit starts at the end of %d from: "},
    [I18N_CAL_SOURCE_HISTORY] = {"公布数",
        "published"},
    [I18N_CAL_SOURCE_FITTED] = {"拟合",
        "fitted"},
    [I18N_CAL_SOURCE_SCENARIO] = {"情景基数",
        "scenario"},
    [I18N_CAL_START_ITEM_FMT] = {"%s %s（%s）",
        "%s %s (%s)"},
    [I18N_CAL_START_SEP] = {"，",
        ", "},
    [I18N_CAL_START_ROW] = {"起点",
        "start"},
    [I18N_CAL_BASELINE_EARLY_FMT] = {"注：%s 拟合的是 %d 年末（拟合起点）的数量，不是基年的；校准后的情景沿用原基数。",
        "%s is fitted as the firms at the end of %d, where the fit starts, not at the base year: the calibrated scenario keeps its baseline."},
    [I18N_CAL_FIT_TITLE] = {"观测与拟合期望",
        "Observed against the fitted expectation"},
    [I18N_CAL_KIND] = {"类型",
        "Kind"},
    [I18N_CAL_STOCK] = {"存量",
        "stock"},
    [I18N_CAL_NEW] = {"新增",
        "new"},
    [I18N_CAL_OBSERVED] = {"观测",
        "Observed"},
    [I18N_CAL_FITTED_EXPECTED] = {"拟合期望",
        "Fitted"},
    [I18N_CAL_OFF] = {"偏差",
        "Off by"},
    [I18N_CAL_KEPT_FMT] = {"注意：%s 无法由这些数据确定（%s），校准后的情景沿用原值。",
        "Note: the counts do not pin down %s (%s); the calibrated scenario keeps its value."},
    [I18N_CAL_CORRELATION_NOTE] = {"注：各估计值在校准情景中相互独立抽样，估计之间的相关（见 calibrate.json）未带入。",
        "Estimates are drawn independently in the calibrated scenario; their correlations (calibrate.json) are not carried."},
    [I18N_CAL_BASELINE_NOTE_FMT] = {"注：%s 只写入估计值：情景格式中基数没有不确定性。",
        "%s is written at its estimate: a baseline has no [uncertainty] in the scenario format."},
    [I18N_CAL_WRITTEN_FMT] = {"校准后的情景：%s（用 ladder run 运行它，估计的不确定性会带入预测）",
        "Calibrated scenario: %s (ladder run it to carry the estimation uncertainty into the forecast)"},
    [I18N_CAL_CHART_TITLE_FMT] = {"%s（%s）：观测、拟合期望与校准后的预测",
        "%s (%s): observed, fitted expectation and the calibrated forecast"},
    [I18N_CAL_CALIBRATED_NAME_FMT] = {"%s（校准）",
        "%s (calibrated)"},
    [I18N_BT_HEADING_FMT] = {"回测：用 %d 个截至 %d 年的观测校准，检验之后的 %d 个",
        "Backtest: calibrated on %d observations up to %d, checked on the %d after"},
    [I18N_BT_HEADING_NO_FIT_FMT] = {"回测：%d 个 %d 年之后的观测，对照情景原有假设下的预测",
        "Backtest: the %d counts after %d against the forecast of the scenario as written"},
    [I18N_BT_FORECAST] = {"预测 P5–P95",
        "Forecast P5–P95"},
    [I18N_BT_INSIDE] = {"在区间内",
        "Inside"},
    [I18N_BT_NO] = {"否",
        "no"},
    [I18N_BT_COVERAGE_FMT] = {"覆盖：%d/%d（%s）；模型无误时 P5–P95 区间约覆盖 90%%",
        "Coverage: %d of %d (%s); a right model's P5–P95 intervals hold about 90%%"},
    [I18N_BT_NOTHING_AFTER_FMT] = {"%d 年之后没有观测可供检验",
        "no observation after %d to check"},
    [I18N_BT_CUTOFF_FMT] = {"校准截至 %d",
        "fitted up to %d"},
    [I18N_BT_OUTSIDE] = {"区间外的观测",
        "Observed outside"},
    /* report.html */
    [I18N_REPORT_VERDICT_TITLE] = {"结论：目标达成的概率", "Verdict: how likely each target is met"},
    [I18N_REPORT_NO_TARGETS] = {"此结果没有目标。", "These results have no targets."},
    [I18N_REPORT_PROBABILITY_MET] = {"达成概率", "Probability met"},
    [I18N_REPORT_ALL_TARGETS] = {"全部目标同时达成：", "All targets together: "},
    [I18N_REPORT_VERDICT_NOTE] = {"± 为蒙特卡洛标准误。判断按所示概率：≥90% 很可能达成，≥66% 较可能达成，≥33% 难以确定，"
        "≥10% 不太可能，其下极不可能。",
        "± is the Monte Carlo standard error. Verdicts on the probability as shown: ≥90% very likely, ≥66% likely, "
        "≥33% as likely as not, ≥10% unlikely, below that very unlikely."},
    [I18N_REPORT_DOT_BASELINE] = {"基数", "baseline"},
    [I18N_REPORT_DOT_EXIT] = {"退出", "exit"},
    [I18N_REPORT_DOT_INFLOW] = {"流入", "inflow"},
    [I18N_REPORT_DOT_PER_YEAR] = {"年", "yr"},
    [I18N_REPORT_DOT_RECRUITED] = {"招引", "recruited"},
    [I18N_REPORT_DOT_VALID] = {"有效期", "valid"},
    [I18N_REPORT_DOT_YEARS] = {" 年", "y"},
    [I18N_REPORT_DOT_RENEWED] = {"续期", "renewed"},
    [I18N_REPORT_DOT_LIST] = {"名单", "list"},
    [I18N_REPORT_DOT_ALL] = {"全部", "all"},
    [I18N_REPORT_DOT_SHARE] = {"占", "share"},
    [I18N_REPORT_NO_GRAPHVIZ] = {"（未安装 Graphviz，未画阶梯图：apt-get install graphviz）",
        "(Graphviz is not installed, so the diagram is missing: apt-get install graphviz)"},
    [I18N_REPORT_TOO_MANY_STAGES_FMT] = {"（阶段多于 %d 个，未画阶梯图）", "(more than %d stages: the diagram is not drawn)"},
    [I18N_REPORT_DOT_SVG_CUT] = {"SVG 不完整", "its SVG is cut short"},
    [I18N_REPORT_DOT_FAILED] = {"dot 出错退出", "dot exited with an error"},
    [I18N_REPORT_DOT_ERROR_FMT] = {"（Graphviz 未能画出阶梯图：%s）", "(Graphviz could not draw the diagram: %s)"},
    [I18N_REPORT_LADDER_TITLE] = {"阶梯结构", "The ladder"},
    [I18N_REPORT_LADDER_CAPTION] = {"方框为阶段（基数为基准年末企业数）；箭头为年转化概率（中心值）；红色为政策改变的转化；虚线为资格到期未续期的降级；"
        "黄色为名单（认定口径的计数），点线标出计入它的阶段（全部或按占比）。",
        "Boxes are stages (baseline: firms at the end of the base year); arrows are annual probabilities (central "
        "values); red ones are changed by a policy; dashed ones are lapses of a status not renewed; yellow notes are "
        "lists (designation counts), dotted lines the stages they count (all, or a share)."},
    [I18N_REPORT_LISTS_TITLE] = {"名单", "Lists"},
    [I18N_REPORT_LISTS_NOTE] = {"名单按认定口径计数（如有效高企含瞪羚、独角兽中的高企），与阶段重叠，不可与阶段相加。",
        "Lists count designations (valid high-tech certificates include the gazelles and unicorns holding one); they "
        "overlap the stages and are not to be added to them."},
    [I18N_REPORT_LIST_COUNTS] = {"计入", "Counts"},
    [I18N_REPORT_LIST_EXPECTED] = {"期末精确期望", "Expected at the horizon"},
    [I18N_REPORT_LIST_SEP] = {"、", ", "},
    [I18N_REPORT_STAGES_TITLE] = {"各阶段企业数", "Firms in each stage"},
    [I18N_REPORT_STAGES_NOTE] = {"阶段互斥：每家企业只计入其所在的一个阶段（高企阶段不含已成为瞪羚、独角兽的企业）。",
        "Stages are exclusive: each firm counts in one stage (the high-tech stage leaves out firms that became gazelles "
        "or unicorns)."},
    [I18N_REPORT_COMPARE_CHARTS] = {"政策比较", "Comparing policies"},
    [I18N_REPORT_SENSITIVITY_CHARTS] = {"哪个假设最要紧", "Which assumption matters most"},
    [I18N_REPORT_SOLVE_CHARTS] = {"要做多少", "How much must be done"},
    [I18N_REPORT_CALIBRATE_CHARTS] = {"按公布数据校准", "Calibration to published counts"},
    [I18N_REPORT_BACKTEST_CHARTS] = {"回测", "Backtest"},
    [I18N_REPORT_EVERY_FIGURE_IN] = {"全部数字见", "Every figure is in"},
    [I18N_REPORT_COMPARE_TITLE] = {"结论：政策带来的变化", "Answer: what each policy changes"},
    [I18N_REPORT_PROBABILITY_CHANGE] = {"达成概率：基准 → 本情景", "Probability: base → this"},
    [I18N_REPORT_POLICIES_TITLE] = {"各情景的政策、所改参数与成本（万元）", "Each scenario's policies, what they change, and their cost (10,000 yuan)"},
    [I18N_REPORT_ANSWERS_TITLE] = {"先看结论", "The answers first"},
    [I18N_REPORT_FOLDER_OF_FMT] = {"%s（ladder %s）", "%s (ladder %s)"},
    [I18N_REPORT_CONTENTS] = {"目录", "Contents"},
    [I18N_REPORT_SENS_TOP] = {"影响最大的参数：", "moved most by: "},
    [I18N_REPORT_BT_INSIDE_FMT] = {"后来公布的 %.0f 个数中，%.0f 个落在预测的 P5–P95 之内",
                                   "Of %.0f later published counts, %.0f fell inside the forecast's P5–P95"},
    [I18N_REPORT_CHANGES] = {"改变", "Changes"},
    [I18N_REPORT_YEARS] = {"实施年份", "Years"},
    [I18N_REPORT_COMPARE_NOTE] = {"各情景使用相同的随机数（共同随机数），差值来自逐次配对的模拟。下文的结论与阶梯图为基准情景的。",
        "Every scenario runs on the same random numbers (common random numbers); differences come from paired "
        "replications. The verdicts and diagram below are the base scenario's."},
    [I18N_REPORT_SOLVE_BASE_SAME_FMT] = {"基准：与 ladder run 相同的 %s。", "Base: the same %s as ladder run."},
    [I18N_REPORT_SOLVE_BASE] = {"基准：", "Base: "},
    [I18N_REPORT_SOLVE_NOT_RUN] = {"，不同于 ladder run 的 ", ", not ladder run's "},
    [I18N_REPORT_SOLVE_BECAUSE_FMT] = {"，因为 %.0f 年起 <code>", ", because from %.0f on <code>"},
    [I18N_REPORT_SOLVE_FIXED_FMT] = {"</code> 固定取值（当前 %.6g），不再按 [uncertainty] 抽样（--mode set）。",
        "</code> is fixed at a value (now %.6g), no longer drawn from [uncertainty] (--mode set)."},
    [I18N_REPORT_SOLVE_FROM_FMT] = {"从 %.0f 年起，<code>", "From %.0f on, <code>"},
    [I18N_REPORT_SOLVE_AT] = {"</code> 取 ", "</code> at "},
    [I18N_REPORT_SOLVE_NOW] = {"（当前 ", " (now "},
    [I18N_REPORT_SOLVE_MAKES] = {"）时，“", ") makes \""},
    [I18N_REPORT_SOLVE_AS_LIKELY] = {"”达成概率为 ", "\" as likely as "},
    [I18N_REPORT_SOLVE_AT_LEAST] = {"，不低于所要求的 ", ", at least the "},
    [I18N_REPORT_SOLVE_ONE_STEP_SHORT] = {"；少一步时为 ", " wanted; one step short it is "},
    [I18N_REPORT_SOLVE_END] = {"。", "."},
    [I18N_REPORT_SOLVE_TITLE] = {"结论：要做多少", "Answer: how much must be done"},
    [I18N_REPORT_ALLOC_TITLE] = {"结论：预算内买得最多的政策组合", "Answer: what the budget buys best"},
    [I18N_REPORT_ALLOC_CHARTS] = {"政策组合：成本与概率", "Combinations of policies: cost and probability"},
    [I18N_REPORT_ALLOC_METHOD_FMT] = {"预算 %s 万元（全部年份合计）；%s 个组合中模拟了 %s 个（%s），共同随机数。",
                                      "Budget %s (10,000 yuan, all years); %s of %s combinations run (%s), under common "
                                      "random numbers."},
    [I18N_REPORT_SOLVE_UNREACHABLE] = {"在所给范围内没有取值能达到所要求的概率；最好的是 ",
        "No value within the bounds reaches the probability wanted; the best is "},
    [I18N_REPORT_SENS_BASE_CENTRAL] = {"基准：中心值 ", "base at central values: "},
    [I18N_REPORT_SENS_NO_RUN] = {"（所有参数取中心值，无 ladder run 的概率可比）",
        " (every parameter at its central value; no ladder run probability to compare)"},
    [I18N_REPORT_SENS_SAME_AS_RUN_FMT] = {"（所有参数取中心值，与 ladder run 的 %s 相同）",
        " (every parameter at its central value; the same as ladder run's %s)"},
    [I18N_REPORT_SENS_UNLIKE_RUN_FMT] = {"（所有参数取中心值，不同于 ladder run 的 %s）",
        " (every parameter at its central value, unlike ladder run's %s)"},
    [I18N_REPORT_SENS_TITLE] = {"结论：哪个假设最要紧", "Answer: which assumption matters most"},
    [I18N_REPORT_AT_LOW] = {"低值时概率", "At low"},
    [I18N_REPORT_AT_HIGH] = {"高值时概率", "At high"},
    [I18N_REPORT_ASSUMPTIONS_TITLE] = {"全部假设及其来源", "Every assumption and its source"},
    [I18N_REPORT_ALLOC_COST_FMT] = {"，成本 %s 万元（预算 %s 万元）", ", cost %s (budget %s; 10,000 yuan)"},
    [I18N_REPORT_ASSUMED_AS_FMT] = {"与 %s 的假设完全相同（基数、参数与政策），不再重复，见该节的表。",
                                    "The same assumptions (baselines, parameters and policies) as %s: not repeated, see its table."},
    [I18N_REPORT_VALUE] = {"取值", "Value"},
    [I18N_REPORT_UNCERTAINTY] = {"不确定性", "Uncertainty"},
    [I18N_REPORT_SOURCE] = {"来源与说明（情景文件中的注释）", "Source and reasons (the scenario file's comments)"},
    [I18N_REPORT_METHODS_TITLE] = {"方法与复现", "Method, and how to reproduce it"},
    [I18N_REPORT_METHODS] = {"每个模拟年：每家企业在退出、沿各条边转化或留在原阶段之间按年概率抽取一个结果；资格到期的企业按续期率续期，"
        "未续期者降至指定阶段；然后新企业按泊松均值流入，招引按计划数加入。政策在其年份改变相应参数；"
        "[uncertainty] 中的参数每次模拟抽取一次。概率为达成目标的模拟次数占比，± 为其蒙特卡洛标准误 √(p(1−p)/n)；"
        "“精确期望”由队列递推精确算出。",
        "Each simulated year every firm has one outcome, drawn from its stage's annual probabilities: exit, a move "
        "along an edge, or staying; a status that reaches its valid years renews with the renewal probability or "
        "lapses to its stage; then new firms arrive (Poisson) and recruited ones join. Policies change their "
        "parameters in their years; [uncertainty] parameters are drawn once per replication. A probability is the "
        "share of replications meeting the target, ± its Monte Carlo standard error √(p(1−p)/n); exact expectations "
        "come from a cohort recursion."},
    [I18N_REPORT_REPLICATIONS] = {"模拟次数", "Replications"},
    [I18N_REPORT_SEED] = {"随机种子", "Seed"},
    [I18N_REPORT_PROGRAM] = {"程序版本", "Program"},
    [I18N_REPORT_SCENARIO_FILE] = {"情景文件", "Scenario file"},
    [I18N_REPORT_HISTORY_FILE] = {"历史数据文件", "History file"},
    [I18N_REPORT_SAME_BYTES] = {"同一程序版本下，以下命令给出逐字节相同的结果：", "With the same program version this gives the same bytes:"},
    [I18N_CSV_P5] = {"P5", "P5"},
    [I18N_CSV_P25] = {"P25", "P25"},
    [I18N_CSV_P50] = {"P50", "P50"},
    [I18N_CSV_P75] = {"P75", "P75"},
    [I18N_CSV_P95] = {"P95", "P95"},
    [I18N_CSV_PROBABILITY] = {"概率", "Probability"},
    [I18N_CSV_SE] = {"蒙特卡洛标准误", "Monte Carlo SE"},
    [I18N_CSV_VERDICT_CODE] = {"判断代码", "Verdict code"},
    [I18N_CSV_ALL_TARGETS] = {"全部目标同时达成", "All targets together"},
    [I18N_CSV_SCENARIO] = {"情景", "Scenario"},
    [I18N_CSV_BASE_PROBABILITY] = {"基准概率", "Base probability"},
    [I18N_CSV_DIFFERENCE] = {"概率变化", "Change in probability"},
    [I18N_CSV_CI95_LOW] = {"95%区间下限", "95% interval low"},
    [I18N_CSV_CI95_HIGH] = {"95%区间上限", "95% interval high"},
    [I18N_CSV_TOTAL_COST] = {"政策总成本（万元）", "Policy cost (10k CNY)"},
    [I18N_CSV_EXTRA_COST] = {"额外成本（万元）", "Extra cost (10k CNY)"},
    [I18N_CSV_EXTRA_COUNT] = {"额外企业数", "Extra firms"},
    [I18N_CSV_COST_PER_FIRM] = {"每家额外企业成本（万元）", "Cost per extra firm (10k CNY)"},
    [I18N_CSV_REASON] = {"说明", "Note"},
    [I18N_CSV_PARAMETER] = {"参数", "Parameter"},
    [I18N_CSV_LABEL] = {"参数名称", "Parameter name"},
    [I18N_CSV_CENTRAL] = {"中心值", "Central value"},
    [I18N_CSV_LOW] = {"低值", "Low value"},
    [I18N_CSV_HIGH] = {"高值", "High value"},
    [I18N_CSV_SOURCE] = {"取值来源", "Range from"},
    [I18N_CSV_PROBABILITY_LOW] = {"低值时概率", "Probability at low"},
    [I18N_CSV_PROBABILITY_HIGH] = {"高值时概率", "Probability at high"},
    [I18N_CSV_SWING] = {"摆幅", "Swing"},
    [I18N_CSV_VALUE] = {"取值", "Value"},
    [I18N_CSV_ANSWER] = {"是否为答案", "Answer"},
    [I18N_CSV_ESTIMATE] = {"估计值", "Estimate"},
    [I18N_CSV_START] = {"初始值", "Start value"},
    [I18N_CSV_PROFILE_LOW] = {"剖面似然95%下限", "Profile 95% low"},
    [I18N_CSV_PROFILE_HIGH] = {"剖面似然95%上限", "Profile 95% high"},
    [I18N_CSV_IDENTIFIED] = {"可识别", "Identified"},
    [I18N_CSV_STATUS] = {"识别状态", "Status"},
    [I18N_CSV_KIND] = {"口径", "Kind"},
    [I18N_CSV_OBSERVED] = {"公布值", "Observed"},
    [I18N_CSV_INSIDE] = {"落在P5–P95内", "Inside P5-P95"},
    [I18N_CSV_COMBINATION] = {"政策组合", "Combination"},
    [I18N_CSV_N_POLICIES] = {"政策数", "Policies"},
    [I18N_CSV_FRONTIER] = {"是否在有效前沿", "On the frontier"},
    [I18N_CSV_WITHIN_BUDGET] = {"是否在预算内", "Within budget"},
    [I18N_CSV_BEST] = {"是否为预算内最佳", "Best within budget"},
    [I18N_CSV_CHEAPEST] = {"是否为达标最省", "Cheapest reaching"},
    [I18N_CSV_STEP] = {"较上一前沿组合的配对差", "Paired step from the previous frontier row"},
    [I18N_CSV_STEP_LOW] = {"配对差 95% 下限", "Step 95% low"},
    [I18N_CSV_STEP_HIGH] = {"配对差 95% 上限", "Step 95% high"},
    [I18N_CSV_STEP_NOISE] = {"配对差是否在噪声内", "Step within noise"},
    [I18N_ALLOC_TARGET_FMT] = {"目标：%s达成 · 预算：%s 万元（全部年份合计）", "Aim: meeting %s · budget: %s (10,000 yuan, all years)"},
    [I18N_ALLOC_EXHAUSTIVE_FMT] = {"穷举：%d 个政策组合全部模拟（不是搜索）",
                                   "Exhaustive: all %d combinations of the policies simulated"},
    [I18N_ALLOC_SEARCH_FMT] = {"搜索（非穷举，结果不保证最优）：共 %s 个组合；按预算筛选 %d 个（每个 %s 次模拟），"
                               "其中 %d 个入围者以全部模拟次数重算",
                               "Search (not exhaustive; the best is not guaranteed): %s combinations; a "
                               "budget-aware search screened %d (%s replications each) and re-ran %d finalists at full replications"},
    [I18N_ALLOC_AS_WRITTEN_FMT] = {"文件原样（每项政策水平 1）：达成概率 %s，成本 %s 万元，与 ladder run 相同",
                                   "The file as written (every policy at level 1): probability %s, cost %s (10,000 "
                                   "yuan), the same as ladder run"},
    [I18N_ALLOC_NOT_WRITTEN] = {"文件原样（每项政策水平 1）的组合未经模拟（搜索未到达），故此处无 ladder run 的对照数",
                                "The file as written (every policy at level 1) was not among the combinations run "
                                "(the search did not reach it): no figure to set beside ladder run's"},
    [I18N_ALLOC_NO_LEVEL_1] = {"文件原样（每项政策水平 1）的组合未经模拟（某项政策的 levels 不含 1），故此处无 ladder run 的对照数",
                               "The file as written (every policy at level 1) was not among the combinations run "
                               "(a policy's levels leave out 1): no figure to set beside ladder run's"},
    [I18N_ALLOC_WRITTEN_SKIPPED] = {"文件原样（每项政策水平 1）的组合参数越界，已跳过，故此处无 ladder run 的对照数",
                                    "The file as written (every policy at level 1) has parameters out of range and was "
                                    "skipped: no figure to set beside ladder run's"},
    [I18N_ALLOC_SKIPPED_FMT] = {"跳过 %d 个参数越界的组合（不计入最佳与前沿）：",
                                "Skipped %d combinations whose parameters are out of range (not in the best or the "
                                "frontier):"},
    [I18N_ALLOC_SKIPPED_MORE_FMT] = {"……另有 %d 个，见 allocate.json 的 skipped", "... and %d more: see skipped in allocate.json"},
    [I18N_ALLOC_PROB_SE] = {"概率 ± 标准误", "Probability ± SE"},
    [I18N_ALLOC_STEP] = {"较上一行（百分点，95% 区间）", "Step from the row above (points, 95% interval)"},
    [I18N_ALLOC_NOISE] = {"噪声内", "within noise"},
    [I18N_ALLOC_STEP_NOTE] = {"注：± 为蒙特卡洛标准误；“较上一行”是与上一行在同一批随机数上逐次配对的概率差（百分点）及其 95% 区间，"
                              "区间含 0 的标为“噪声内”：多花这一步的钱，提升可能只是模拟的随机波动。",
                              "Note: ± is the Monte Carlo standard error; the step is the difference in probability "
                              "from the row above, paired replication by replication on the same random numbers "
                              "(percentage points), with its 95% interval; a step whose interval includes 0 is marked "
                              "within noise: what that step adds may be the simulation's chance alone."},
    [I18N_CSV_FIRM_ID] = {"企业编号", "Firm id"},
    [I18N_CSV_FIRM_NAME] = {"企业名称", "Firm"},
    [I18N_CSV_START_STAGE] = {"起始阶段", "Stage at start"},
    [I18N_CSV_YEARS_IN_STAGE] = {"认定已满年数", "Years in stage"},
    [I18N_CSV_STATE_KIND] = {"类别", "Kind"},
    [I18N_CSV_STATE] = {"状态代码", "State id"},
    [I18N_CSV_STATE_NAME] = {"状态", "State"},
    [I18N_CSV_AT_OR_ABOVE] = {"该阶段及以上概率", "At or above"},
    [I18N_CSV_AT_OR_ABOVE_SE] = {"及以上标准误", "At or above SE"},
    [I18N_CSV_UP_PROBABILITY] = {"期内升级概率", "Moves up by the horizon"},
    [I18N_CSV_UP_MEDIAN_YEAR] = {"升级中位年份", "Median year moving up"},
    [I18N_STATE_EXITED] = {"退出", "exited"},
    [I18N_LIST_SEPARATOR] = {"、", ", "},
    [I18N_ROSTER_RUN_FMT] = {"名册：%d 家企业逐一模拟（覆盖 %s）；每家企业的概率见 %s",
                             "Roster: %d firms simulated one by one (covering %s); each firm's chances in %s"},
    [I18N_ROSTER_KEEPS_FMT] = {"名册 %s 未覆盖的阶段沿用 [baseline]：%s",
                               "stages roster %s does not cover keep their [baseline]: %s"},
    [I18N_ROSTER_DRAW_DROPPED_FMT] = {"%s 的 [uncertainty] baseline 不再抽样：名册 %s 给出的是实际企业数，不是估计",
                                      "%s: its [uncertainty] baseline is not drawn: roster %s gives a count, not an estimate"},
    [I18N_EFFECTS_EXPECTED_NOTE] = {"注：名册企业带 [effects] 属性效应，“精确期望”按情景的平均比率计算，不含这些效应，"
                                    "与均值之差不全是模拟误差（均值、百分位与达成概率均含效应）。",
                                    "Note: the roster's firms carry [effects]; \"Exact expectation\" is computed at the scenario's "
                                    "rates without them, so its gap to the mean is not all simulation noise (the mean, "
                                    "percentiles and probabilities include the effects)."},
    [I18N_EFFECTS_UNUSED_FMT] = {"%s 的 [effects] 只作用于名册中的企业，本次未用（按阶段模拟）；用 --roster 给出名册",
                                 "the [effects] of %s act only on a roster's firms and are unused here (stages are "
                                 "simulated, not firms); give one with --roster"},
    [I18N_ALLOC_BEST_FMT] = {"预算内最佳：%s，达成概率 %s，成本 %s 万元", "Best within the budget: %s, probability %s, cost %s (10,000 yuan)"},
    [I18N_ALLOC_NONE_FITS_FMT] = {"预算内无可行组合：最便宜的组合也需 %s 万元",
                                  "No combination fits the budget: the cheapest costs %s (10,000 yuan)"},
    [I18N_ALLOC_CHEAPEST_FMT] = {"达到 %s 的最省组合：%s，达成概率 %s，成本 %s 万元",
                                 "Cheapest reaching %s: %s, probability %s, cost %s (10,000 yuan)"},
    [I18N_ALLOC_UNREACHED_FMT] = {"没有组合达到 %s：最高为 %s", "No combination reaches %s: the highest is %s"},
    [I18N_ALLOC_FRONTIER] = {"有效前沿（每一成本下可达的最高概率）：", "Efficient frontier (the best probability for each cost):"},
    [I18N_ALLOC_COST] = {"成本（万元）", "Cost (10,000 yuan)"},
    [I18N_ALLOC_PROBABILITY] = {"概率", "Probability"},
    [I18N_ALLOC_COMBINATION] = {"政策组合", "Combination"},
    [I18N_ALLOC_RUN_FMT] = {"每个组合 %s 次模拟，随机种子 %s（共同随机数）",
                            "%s replications per combination, seed %s (common random numbers)"},
    [I18N_ALLOC_CHART_TITLE_FMT] = {"政策组合：成本与%s达成的概率", "Policy combinations: cost against the chance of meeting %s"},
    [I18N_ALLOC_XLABEL] = {"成本（万元，全部年份合计）", "Cost (10,000 yuan, all years)"},
    [I18N_ALLOC_ALL_POINTS] = {"政策组合", "combinations"},
    [I18N_ALLOC_FRONTIER_LEGEND] = {"有效前沿", "efficient frontier"},
    [I18N_ALLOC_BUDGET_FMT] = {"预算 %s 万元", "budget %s (10,000 yuan)"},
    [I18N_ALLOC_CHOSEN_FMT] = {"预算内最佳：%s（%s）", "best within budget: %s (%s)"},
    [I18N_ALLOC_NONE] = {"（不实施任何政策）", "(no policy)"},
    [I18N_FIT_HEADING_FMT] = {"情景：%s · 企业年记录：%s（%d 条，%d 家企业，%d–%d 年）",
                              "Scenario: %s · outcomes: %s (%d firm-years of %d firms, %d–%d)"},
    [I18N_FIT_SCALE_TITLE] = {"属性按 z = (x − 均值) / 标准差 标准化：", "Attributes standardised as z = (x − mean) / sd: "},
    [I18N_FIT_SCALE_ITEM_FMT] = {"%s 均值 %s、标准差 %s（%s）", "%s mean %s, sd %s (%s)"},
    [I18N_FIT_SCALE_OUTCOMES] = {"取自记录本身", "the outcomes' own"},
    [I18N_FIT_SCALE_SCENARIO] = {"取自情景的 standardise 行", "the scenario's standardise line"},
    [I18N_FIT_COEF_TITLE] = {"属性的效应：属性每高一个标准差，该结果相对于留在本阶段的对数几率的变化（续期：相对于失效）",
                             "Effects: the change in the log-odds of each outcome against staying (a renewal's: against "
                             "lapsing) for one standard deviation more of the attribute"},
    [I18N_FIT_OUTCOME] = {"结果", "Outcome"},
    [I18N_FIT_ATTRIBUTE] = {"属性", "Attribute"},
    [I18N_FIT_COEFFICIENT] = {"系数", "Coefficient"},
    [I18N_FIT_SE] = {"标准误", "SE"},
    [I18N_FIT_P] = {"p 值", "p"},
    [I18N_FIT_LR_P] = {"似然比检验 p", "LR test p"},
    [I18N_FIT_ROWS] = {"企业年", "Firm-years"},
    [I18N_FIT_EVENTS] = {"发生", "Events"},
    [I18N_FIT_RATE] = {"拟合（均值企业）", "Fitted at the mean"},
    [I18N_FIT_RATE_SCENARIO] = {"情景", "Scenario"},
    [I18N_FIT_NOTE] = {"说明", "Note"},
    [I18N_FIT_AUC] = {"AUC", "AUC"},
    [I18N_FIT_AUC_CONSTANT] = {"常数概率模型 AUC", "AUC, constant rates"},
    [I18N_FIT_EXIT] = {"退出", "exit"},
    [I18N_FIT_STARS_NOTE] = {"p 值：系数的 Wald 检验（* p < 0.05，** p < 0.01，*** p < 0.001）；似然比检验 p：本阶段去掉该属性"
                             "全部系数后的似然比检验",
                             "p: the coefficient's Wald test (* p < 0.05, ** p < 0.01, *** p < 0.001); LR test p: the "
                             "likelihood-ratio test of the stage without any coefficient of the attribute"},
    [I18N_FIT_NOT_FITTED_FMT] = {"%s 未拟合：%s", "%s not fitted: %s"},
    [I18N_FIT_COEF_CONSTANT] = {"该属性在这些记录中取值全同", "the attribute is the same on every firm-year"},
    [I18N_FIT_COEF_TOO_FEW_FMT] = {"事件太少（每个系数需 %d 个）", "too few events (%d needed for each coefficient)"},
    [I18N_FIT_COEF_SEPARATED] = {"完全分离：属性几乎完全区分发生与未发生，系数发散",
                                 "separation: the attribute (almost) splits the firm-years that took it from the others, "
                                 "the estimate diverges"},
    [I18N_FIT_COEF_FLAT] = {"与其他属性共线，似然平坦", "collinear with other attributes: flat likelihood"},
    [I18N_FIT_COEF_NO_OUTCOME] = {"其结果未拟合", "its outcome is not fitted"},
    [I18N_FIT_OUT_NEVER] = {"记录中从未发生", "never happened in the records"},
    [I18N_FIT_OUT_AT_ZERO] = {"拟合概率为 0", "fitted rate 0"},
    [I18N_FIT_OUT_CONFOUNDED] = {"每条记录都到期续期，无法与续期失效区分：取情景值",
                                 "every firm-year was due for renewal, so it cannot be told from a lapse: the "
                                 "scenario's rate kept"},
    [I18N_FIT_OUT_FLAT] = {"似然平坦：取情景值", "flat likelihood: the scenario's rate kept"},
    [I18N_FIT_OUT_NO_DUE] = {"没有到期续期而留下的企业年：取情景值",
                             "no firm-year was due for renewal and stayed: the scenario's rate kept"},
    [I18N_FIT_OUT_ALL_RENEWED] = {"到期企业全部续期", "every firm due renewed"},
    [I18N_FIT_OUT_NONE_RENEWED] = {"到期企业无一续期", "no firm due renewed"},
    [I18N_FIT_OUT_NO_STAY] = {"本阶段没有留下的企业年（对照组），无从拟合：取情景值",
                              "no firm-year stayed in the stage, the outcome everything is measured against: the "
                              "scenario's rate kept"},
    [I18N_FIT_RATES_TITLE] = {"均值企业（z = 0）的年概率，拟合值与情景值。拟合不改变情景的概率：拟合后的情景里，均值企业的概率"
                              "仍是情景值",
                              "Yearly rates at the mean firm (z = 0), fitted and the scenario's. The fit does not change "
                              "the scenario's rates: in the fitted scenario a firm at the mean keeps the scenario's "
                              "chances"},
    [I18N_FIT_HELD_TITLE_FMT] = {"留出检验：用 %s 年的记录拟合，为 %d 年的 %d 条记录打分",
                                 "Held-out check: fitted on %s, scored on the firm-years of %d (%d)"},
    [I18N_FIT_NO_COEFS] = {"（没有可拟合的系数：见下文各条说明）", "(no coefficient could be fitted: see the notes below)"},
    [I18N_FIT_LOGLOSS_LOWER_FMT] = {"对数损失 %s，常数概率模型 %s：低 %s", "log-loss %s, constant-rate model %s: %s lower"},
    [I18N_FIT_LOGLOSS_HIGHER_FMT] = {"对数损失 %s，常数概率模型 %s：高 %s（属性没有改进预测）",
                                     "log-loss %s, constant-rate model %s: %s higher (the attributes do not help)"},
    [I18N_FIT_AUC_NOTE_FMT] = {"AUC：随机取一条发生该结果、一条未发生的记录，模型给前者更高概率的机会（0.5 即无区分力）；"
                               "只列留出年份中发生与未发生各至少 %d 条的结果",
                               "AUC: the chance that the model ranks a firm-year with the outcome above one without it "
                               "(0.5: no better than chance); outcomes with at least %d of each in the held-out year"},
    [I18N_FIT_NO_AUC_FMT] = {"留出年份中没有发生与未发生各至少 %d 条的结果：不计 AUC",
                             "No outcome has %d firm-years with it and without it in the held-out year: no AUC"},
    [I18N_FIT_LEFT_OUT_FMT] = {"未打分的留出记录 %d 条：其阶段在之前年份没有记录，或其结果在之前年份从未发生",
                               "Held-out firm-years not scored: %d (their stage had no earlier firm-year, or their "
                               "outcome never happened in the earlier years)"},
    [I18N_FIT_ONE_YEAR_FMT] = {"记录只有 %d 一年：无留出检验（至少需要两年）",
                               "The outcomes cover one year (%d): no held-out check (it needs two years)"},
    [I18N_FIT_CORRELATION_NOTE] = {"拟合后的情景中各系数独立抽取（normal(估计值, 标准误)），其相关性未带入",
                                   "The fitted scenario draws each coefficient independently (normal(estimate, se)): "
                                   "their correlations are not carried"},
    [I18N_FIT_DRAWN_ZERO_FMT] = {"%s 在 %s 的 [uncertainty] 中抽取；拟合未估计它（%s），写为 0，但继承它的文件删不去那一行，"
                                 "运行时仍按原分布抽取：删去那一行，或在不含它的情景上拟合",
                                 "%s is drawn in the [uncertainty] of %s; the fit did not estimate it (%s) and writes it "
                                 "as 0, but a file extending it cannot take that line out, so a run still draws it: "
                                 "remove the line, or fit on a scenario without it"},
    [I18N_FIT_NOT_CONVERGED_FMT] = {"%s：最大化未完全收敛，估计值可能不准", "%s: the maximisation did not fully converge; "
                                                                           "its estimates may be off"},
    [I18N_FIT_WRITTEN_FMT] = {"拟合后的情景：%s（用 ladder run 加 --roster 运行，各企业的属性按拟合的效应改变其概率）",
                              "Fitted scenario: %s (ladder run it with --roster for each firm's attributes to move its "
                              "chances as fitted)"},
    [I18N_FIT_NAME_FMT] = {"%s（按企业记录拟合）", "%s (fitted to firm records)"},
    [I18N_FIT_NO_STAGE_FMT] = {"记录中没有 %s 的企业年", "no firm-year of %s in the outcomes"},
    [I18N_FIT_NO_ATTR_FMT] = {"未拟合属性 %s", "attribute %s not fitted"},
    [I18N_FIT_CHART_TITLE_FMT] = {"%s：预测概率与实际比例", "%s: predicted against observed"},
    [I18N_FIT_CHART_X] = {"预测概率（%）", "Predicted probability (%)"},
    [I18N_FIT_CHART_Y] = {"实际比例（%）", "Observed share (%)"},
    [I18N_FIT_CHART_OBSERVED] = {"各组实际比例及其 95% 区间", "observed share of each group, with its 95% interval"},
    [I18N_FIT_CHART_DIAGONAL] = {"预测 = 实际", "predicted = observed"},
    [I18N_FIT_CHART_NOTE_FMT] = {"拟合所用的 %d 条企业年按预测概率从低到高分为 %d 组，每组约 %d 条（样本内）",
                                 "The %d firm-years fitted, by predicted probability, in %d groups of about %d "
                                 "(in-sample)"},
    [I18N_FIT_CHART_READ] = {"点落在虚线上：预测的概率与实际相符；点沿虚线散得越开：属性越能区分企业",
                             "On the dashed line the predicted chance is what happened; the wider the points spread "
                             "along it, the better the attributes tell the firms apart"},
    [I18N_FIT_NO_CHARTS] = {"无校准图：没有阶段的主要升级有拟合的系数", "No calibration chart: no stage's main move up has "
                                                                     "a fitted coefficient"},
    [I18N_CSV_ATTRIBUTE] = {"属性", "Attribute"},
    [I18N_CSV_STD_ERROR] = {"标准误", "Standard error"},
    [I18N_CSV_Z] = {"z", "z"},
    [I18N_CSV_P_VALUE] = {"p 值", "p-value"},
    [I18N_CSV_LR] = {"似然比统计量", "LR statistic"},
    [I18N_CSV_LR_DF] = {"自由度", "df"},
    [I18N_CSV_LR_P] = {"似然比检验 p 值", "LR p-value"},
    [I18N_CSV_RATE_AT_MEAN] = {"均值企业拟合概率", "Fitted rate at the mean"},
    [I18N_CSV_RATE_SCENARIO] = {"情景概率", "Scenario's rate"},
    [I18N_CSV_YES] = {"是", "yes"},
    [I18N_CSV_NO] = {"否", "no"},
};

gboolean i18n_is_english(const char *language)
{
    return language && strcmp(language, "en") == 0;
}

const char *i18n_history_kind(const Model *m, HistoryKind kind)
{
    return i18n_text(m->language, kind == HISTORY_STOCK ? I18N_CAL_STOCK : I18N_CAL_NEW);
}

const char *i18n_text(const char *language, I18nMessage id)
{
    g_return_val_if_fail(id < I18N_N_MESSAGES, "");
    const I18nRow *row = &i18n_table[id];
    return i18n_is_english(language) ? row->en : row->zh;
}

/* What target `t` counts, in words; *spanned says whether the words name
 * the years themselves (new and cumulative counts). */
static char *target_counted(const Model *m, const Target *t, const char *lang, gboolean *spanned)
{
    *spanned = t->count == COUNT_NEW || t->count == COUNT_CUMULATIVE;
    switch (t->count) {
    case COUNT_LIST:
        return g_strdup(m->lists[t->list].name);
    case COUNT_AT_OR_ABOVE:
        return g_strdup_printf(i18n_text(lang, I18N_AT_OR_ABOVE_FMT), model_stage_name(m, t->stage));
    case COUNT_NEW:
        return g_strdup_printf(i18n_text(lang, I18N_NEW_SPAN_FMT), model_stage_name(m, t->stage),
                               m->base_year + 1, t->year);
    case COUNT_CUMULATIVE:
        return g_strdup_printf(i18n_text(lang, I18N_CUMULATIVE_FMT), model_stage_name(m, t->stage),
                               m->base_year, m->base_year + 1, t->year);
    case COUNT_STAGE:
    case COUNT_N_KINDS:
        break;
    }
    return g_strdup(model_stage_name(m, t->stage));
}

char *i18n_target_condition(const Model *m, int target)
{
    return i18n_target_condition_in(m, target, m->language);
}

char *i18n_target_condition_in(const Model *m, int target, const char *lang)
{
    const Target *t = &m->targets[target];
    gboolean spanned;
    g_autofree char *counted = target_counted(m, t, lang, &spanned);
    char threshold[32];
    g_snprintf(threshold, sizeof threshold, "%" G_GINT64_FORMAT, t->at_least);
    if (spanned)
        return g_strdup_printf(i18n_text(lang, t->year_given ? I18N_CONDITION_SPAN_FMT : I18N_CONDITION_SPAN_AT_HORIZON_FMT),
                               counted, threshold);
    return g_strdup_printf(i18n_text(lang, t->year_given ? I18N_CONDITION_FMT : I18N_CONDITION_AT_HORIZON_FMT),
                           counted, threshold, t->year);
}

char *i18n_param_label(const Model *m, int param, int stage)
{
    if (param < 0)
        return g_strdup_printf(i18n_text(m->language, I18N_LABEL_BASELINE_FMT), model_stage_name(m, stage));
    const Param *q = &m->params[param];
    const char *format = param_kind(q->kind)->label[i18n_is_english(m->language)];
    const char *from = model_stage_name(m, q->stage);
    if (q->kind == PARAM_SHARE)
        return g_strdup_printf(format, m->lists[q->list].name, from);
    return q->kind == PARAM_EDGE ? g_strdup_printf(format, from, model_stage_name(m, q->to))
                                 : g_strdup_printf(format, from);
}
