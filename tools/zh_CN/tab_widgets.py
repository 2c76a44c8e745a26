"""Chinese texts of what the analysis tabs share (gui/widgets: the AnalysisTab base, the KPI card)
and of the chart words that moved from the tabs into the core (the anomaly context chart)."""

ZH = {
    "AnalysisTab": {
        "CSV (*.csv);;Excel (*.xlsx)": "CSV (*.csv);;Excel (*.xlsx)",
    },
    "KpiCard": {
        "no comparison": "无法比较",
        "%1 %2 vs previous period": "%1 %2（与上一时段相比）",
        "%1 %2 points vs previous period": "%1 %2 个百分点（与上一时段相比）",
    },
}

CORE = {
    "Price history of {p}": "{p} 的价格历史",
    "unit price": "单价",
    "Orders of customer {c}": "客户 {c} 的订单",
    "order value": "订单金额",
    "Net sales around {d}": "{d} 前后的净销售额",
    "net sales": "净销售额",
    "expected band": "预期区间",
    "this item": "此项",
    "Nothing to show for this item": "此项没有可显示的内容",
    # the anomaly self-test's sentence (core.anomalies.selftest.SelfTestResult.sentence)
    "price typos": "价格录入错误",
    "quantity spikes": "数量异常激增",
    "repeated orders": "重复订单",
    "order-and-cancel customers": "反复下单又取消的客户",
    "days with lost lines": "丢失明细行的日期",
    "{found} of {injected} {kind}": "{injected} 个{kind}中的 {found} 个",
    "the shop has too little recent history for a self-test": "店铺近期的历史数据太少，无法进行自检",
    "on your data, ShopInsight finds {found} (in the top {top})": "在您的数据上，ShopInsight 找出了 {found}（前 {top} 名内）",
}
