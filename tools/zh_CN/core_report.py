"""Chinese texts of the one-page report (shopinsight/core/report, shopinsight/cli/report.py), for
tools/update_core_catalog.py."""
CORE = {
    "a month is written YYYY-MM, e.g. 2011-11": "月份的写法是 YYYY-MM，例如 2011-11",
    "choose the file to write (.pdf or .html)": "请选择要写入的文件（.pdf 或 .html）",
    "the report is written as .pdf or .html": "报告只能保存为 .pdf 或 .html",
    "the folder does not exist": "文件夹不存在",
    "give a month or a from/to range, not both": "请给出月份或起止日期，不要同时给出",
    "give both ends of the range (from and to)": "请同时给出起始和结束日期",
    "the language is en or zh_CN": "语言只能是 en 或 zh_CN",
    "must be at least 1": "至少为 1",
    "the shop has no sales yet": "店铺还没有销售数据",
    "the shop has no sales in this period (its data run from {a} to {b})":
        "店铺在此时间段内没有销售（数据范围为 {a} 至 {b}）",
    "{n} pts": "{n} 个百分点",
    "Not available: {reason}": "暂无：{reason}",
    "Period: {period}; previous period: {prev}; last year: {ly}. A comparison is left out (—) when the data do "
    "not cover all of it.": "时间段：{period}；上一时间段：{prev}；去年同期：{ly}。数据未完整覆盖的对比不显示（—）。",
    "Average order value": "平均订单金额",
    "Average order value: sales before cancellations ÷ orders.": "平均订单金额：取消前的销售额 ÷ 订单数。",
    "Cancellations: cancelled and returned merchandise as a share of sales before cancellations; its change is "
    "in percentage points.": "取消与退货：取消和退货的商品金额占取消前销售额的比例；其变化以百分点表示。",
    "How the period went": "本期概况",
    "vs previous period": "较上一时间段",
    "vs last year": "较去年同期",
    "Sales chart: sales and cancellations {freq} from {a} to {b}; the line is net sales, the shaded band the "
    "reported period, lighter bars incomplete periods.":
        "销售图：{a} 至 {b} {freq}的销售额与取消额；折线为净销售额，阴影为报告时间段，浅色柱为不完整的时段。",
    "What changed": "变化原因",
    "no previous period to compare with": "没有可对比的上一时间段",
    "Next period's forecast": "下一时间段预测",
    "no forecast for this shop": "此店铺没有预测",
    "Forecast: daily net sales from {a} to {b} by the model chosen in a rolling-origin backtest ({model}); {how}. "
    "Skill = 1 − MASE ÷ MASE of repeating last season; WAPE = absolute errors ÷ actual sales, over the backtest "
    "windows.": "预测：{a} 至 {b} 的每日净销售额，模型由滚动起点回测选出（{model}）；{how}。技能分 = 1 − MASE ÷ "
                "重复上一季的 MASE；WAPE = 绝对误差 ÷ 实际销售额，按回测窗口计算。",
    "the range applies the largest shortfall and the largest excess of a window's total against its forecast in "
    "the {n} backtest windows of {h} days": "范围按 {n} 个 {h} 天回测窗口中总额相对预测的最大不足和最大超出计算",
    "the range adds up the daily {level:.0%} interval bounds (wider than the interval of the total)":
        "范围为每日 {level:.0%} 区间上下限之和（比总额的区间更宽）",
    "window totals off by {e} on average": "回测窗口总额平均偏差 {e}",
    "{total} expected from {a} to {b}": "预计 {a} 至 {b} 销售 {total}",
    "(range {lo} – {hi})": "（范围 {lo} – {hi}）",
    "backtest skill {skill} against repeating last season": "相对重复上一季的回测技能分 {skill}",
    "typical error (WAPE) {wape}": "典型误差（WAPE）{wape}",
    "model: {model}": "模型：{model}",
    "Customers to win back": "需要挽回的客户",
    "the shop has no known customers": "店铺没有已知客户",
    "Customers to win back: the customers in the RFM segments \"Can't lose\" and \"At risk\" (bought often or "
    "spent well, but not recently) as of {d}, by amount spent to date.":
        "需要挽回的客户：截至 {d} 属于 RFM 分群“不能失去”和“有流失风险”（曾经常购买或消费较多，但近期没有购买）的客户，"
        "按累计消费金额排序。",
    "No customer is at risk.": "没有有流失风险的客户。",
    "Customer": "客户",
    "Segment": "分群",
    "Last order": "最近订单",
    "Spent": "累计消费",
    "Anomalies awaiting review": "待审核的异常",
    "no anomaly run yet (Find anomalies in the Anomalies tab)": "还没有异常检测结果（请在“异常”页点击“查找异常”）",
    "Anomalies: the highest-ranked items of anomaly run {run} ({a} – {b}) not yet confirmed or dismissed.":
        "异常：异常检测运行 {run}（{a} – {b}）中排名最高、尚未确认或忽略的项目。",
    "Nothing awaits review.": "没有待审核的项目。",
    "When": "时间",
    "What": "内容",
    "Why": "原因",
    "Best sellers and what sells with them": "畅销商品及其常见搭配",
    "Best sellers: products by net sales in {period}; share of the period's net sales. Bought with: the product "
    "most often in the same orders of the period (at least 2 orders, lift > 1: more often than chance).":
        "畅销商品：{period}按净销售额排名的商品；占比为占本期净销售额的比例。常一起购买：本期同一订单中最常出现的商品"
        "（至少 2 个订单，提升度 > 1：比随机更常见）。",
    "no product sales in this period": "此时间段内没有商品销售",
    "{name} ({n} orders)": "{name}（{n} 个订单）",
    "Share": "占比",
    "Often bought with": "常一起购买",
    "Data quality: {lines} lines in the period, {canc} of them cancelled or returned, {other} postage, fees or "
    "adjustments (not in sales), {guest} merchandise lines without a customer ({share}); {rejected} rows of the "
    "shop's files were rejected at import.":
        "数据质量：本期共 {lines} 行，其中 {canc} 行为取消或退货，{other} 行为邮费、手续费或调整（不计入销售），"
        "{guest} 行商品明细没有客户（{share}）；店铺文件在导入时共拒绝 {rejected} 行。",
    "Data quality: lines of {period} as imported; rejected rows over all imports (see the Data tab).":
        "数据质量：{period}导入的明细行；被拒绝的行为所有导入的合计（见“数据”页）。",
    "key figures": "关键指标",
    "sales chart": "销售图",
    "what changed": "变化原因",
    "forecast": "预测",
    "anomalies": "异常",
    "best sellers": "畅销商品",
    "Monthly report": "月度报告",
    "Report": "报告",
    "{shop} · {period} · made {now}": "{shop} · {period} · 生成于 {now}",
    "{kind} run {id}": "{kind}运行 {id}",
    "Stored runs used: {runs}; everything else was computed for this report.": "使用的已存运行：{runs}；其余均为本报告即时计算。",
    "ShopInsight {v} · {libs}": "ShopInsight {v} · {libs}",
    "writing the report": "正在写入报告",
    "What changed: net sales of {a} against {b}, split exactly (log-mean Divisia, LMDI-I) into orders of "
    "returning, new and guest customers, items per order, price, product mix and cancellations; the parts add "
    "up to the change.": "变化原因：{a}与{b}的净销售额之差，按对数平均迪氏指数法（LMDI-I）精确分解为老客户、新客户和访客的订单、"
                         "每单件数、价格、商品组合以及取消与退货；各部分之和等于变化总额。",
    "{figure}: {definition}.": "{figure}：{definition}。",
    # the definitions of core/facts.py (FACTS)
    "order numbers with at least one merchandise sale line": "至少含一行商品销售的订单号",
    "known customers with at least one merchandise sale line": "至少有一行商品销售的已知客户（不含访客）",
    "lines flagged as cancelled or returned, of any kind (also postage and fees)":
        "标记为取消或退货的各类明细行（也包括邮费和手续费）",
    "sum of the amounts of merchandise lines, cancellations included": "商品明细行金额之和，包含取消与退货",
    "distinct order numbers on any line (also cancellation-only and postage-only invoices)":
        "所有明细行中不同订单号的数量（也包括只有取消或只有邮费的发票）",
    "every known customer id (also customers who only cancelled)": "所有已知客户编号（也包括只取消过订单的客户）",
}
