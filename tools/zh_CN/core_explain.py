"""Chinese texts of "What changed" (shopinsight/core/explain, the explain verb), for
tools/update_core_catalog.py."""
CORE = {
    # parts
    "Number of orders": "订单数",
    "Orders from returning customers": "老客户订单",
    "Orders from new customers": "新客户订单",
    "Orders from guests (unknown customers)": "访客订单（未知客户）",
    "Items sold": "售出件数",
    "Items per order": "每单件数",
    "Average item price": "平均单价",
    "Price effect (same products, new prices)": "价格效应（同样商品，新价格）",
    "Mix effect (different products)": "结构效应（商品组合变化）",
    "Sales before cancellations": "取消前销售额",
    "Cancellations and returns": "取消与退货",
    # dimensions
    "Product": "商品",
    "Country": "国家/地区",
    "Store / channel": "门店/渠道",
    "Customer segment": "客户分群",
    # notes
    "The data have no order numbers (summaries): the orders and items-per-order parts are left out.":
        "数据中没有订单号（汇总数据）：不列出订单数和每单件数两部分。",
    "The data have no item quantities: items per order and the average item price are left out.":
        "数据中没有商品数量：不列出每单件数和平均单价。",
    "The data have no customer ids: orders are not split into returning, new and guest customers.":
        "数据中没有客户编号：订单不区分老客户、新客户和访客。",
    "The data have no products: the price and mix effects are left out.":
        "数据中没有商品：不列出价格效应和结构效应。",
    "No product sold in both periods: the average price is not split into price and mix.":
        "没有商品在两个时段都有销售：平均单价不再拆分为价格效应和结构效应。",
    "One period has no sales (or no items): only the total change is shown.":
        "其中一个时段没有销售（或没有件数）：只显示总变化。",
    "The shop has no product categories: no contributors by category.":
        "店铺数据中没有商品类别：不按类别列出贡献。",
    "No customers run yet: no contributors by customer segment (run Customers first).":
        "还没有客户分析结果：不按客户分群列出贡献（请先运行“客户”分析）。",
    "The data cover only part of the earlier period.": "数据只覆盖了较早时段的一部分。",
    "The data cover only part of the later period.": "数据只覆盖了较晚时段的一部分。",
    # contributors
    "(no product code)": "（无商品编码）",
    "(unknown)": "（未知）",
    "Guests (unknown customers)": "访客（未知客户）",
    "Not in the customers run": "不在客户分析结果中",
    # periods and options
    "a period is a month (2011-11), an ISO week (2011-W45) or a day (2011-11-05)":
        "时段可以是月份（2011-11）、ISO 周（2011-W45）或日期（2011-11-05）",
    "must be an ISO date (YYYY-MM-DD)": "必须是 ISO 日期（YYYY-MM-DD）",
    "give both ends of the date range": "请给出日期范围的起止两端",
    "the range starts after it ends": "日期范围的开始晚于结束",
    "granularity must be day, week or month": "粒度必须是日、周或月",
    "give either a period or a date range, not both": "请给出时段或日期范围之一，不要同时给出",
    "give either --vs or a comparison date range, not both": "请给出 --vs 或对比日期范围之一，不要同时给出",
    "the shop has no lines yet; import a sales export first": "店铺中还没有数据；请先导入销售导出文件",
    "top must be at least 1": "top 至少为 1",
    "the data cover {first} to {last}, not this period": "数据覆盖 {first} 至 {last}，不包括这个时段",
    "week {week} of {year}": "{year}年第{week}周",
    # progress
    "reading the two periods": "正在读取两个时段",
    "finding the biggest contributors": "正在查找最大的贡献项",
    "done": "完成",
    # the text
    "Net sales rose {amount} ({pct}) in {after} compared with {before}.": "与{before}相比，{after}的净销售额增长 {amount}（{pct}）。",
    "Net sales fell {amount} ({pct}) in {after} compared with {before}.": "与{before}相比，{after}的净销售额下降 {amount}（{pct}）。",
    "Net sales were the same in {before} and {after}.": "{before}和{after}的净销售额相同。",
    "{pct} more orders": "订单增加 {pct}",
    "{pct} fewer orders": "订单减少 {pct}",
    "returning customers": "老客户",
    "new customers": "新客户",
    "guests": "访客",
    "{orders}, most of the change from {who}": "{orders}，变化主要来自{who}",
    "{orders} (biggest change in {place})": "{orders}（{place}变化最大）",
    ".": "。",
    "About as many orders as before.": "订单数与之前基本持平。",
    "Orders held {pct} more items.": "每单件数增加 {pct}。",
    "Orders held {pct} fewer items.": "每单件数减少 {pct}。",
    "because cheaper products sold more": "因为较便宜的商品卖得更多",
    "because dearer products sold more": "因为较贵的商品卖得更多",
    "because prices went down": "因为价格下调",
    "because prices went up": "因为价格上调",
    "The average item price rose {pct}": "平均单价上涨 {pct}",
    "The average item price fell {pct}": "平均单价下降 {pct}",
    "{text}, {why}.": "{text}，{why}。",
    "Cancellations and returns took away {amount} more than before.": "取消与退货比之前多减少了 {amount}。",
    "Cancellations and returns took away {amount} less than before.": "取消与退货比之前少减少了 {amount}。",
    "The product that changed most: {name}.": "变化最大的商品：{name}。",
    # chart and CLI
    "Before": "之前", "After": "之后",
    "Orders": "订单数", "Returning customers": "老客户", "New customers": "新客户", "Guests": "访客",
    "Average price": "平均单价", "Prices": "价格", "Product mix": "商品组合",
    "Nothing to compare": "没有可比较的内容",
    "What changed in net sales": "净销售额的变化",
    "Change": "变化",
    "Chart: {path}": "图表：{path}",
}
