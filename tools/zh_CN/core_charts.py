"""Chinese texts of the forecast and recommendation charts' default words (core), worded as the
GUI's .ts has them, for tools/update_core_catalog.py."""
CORE = {
    "History": "历史",
    "Forecast": "预测",
    "{:.0%} interval": "{:.0%} 区间",
    "Backtest forecasts": "回测预测",
    "No forecast for this series": "该序列没有预测",
    "Price": "价格",
    "Expected units": "预期件数",
    "Expected revenue": "预期收入",
    "Last price": "最近价格",
    "Observed": "实际观测",
    "Recall@{k} per model (test period, full ranking)": "各模型召回率@{k}（测试期，全量排序）",
    "incl. repurchases": "含重复购买",
    "new products only": "仅新商品",
    "No evaluation yet": "尚无评估",
    "Bought together with {p}": "与 {p} 一起购买",
    "orders together": "共同订单数",
    "lift": "提升度",
    "Not bought together with anything yet": "尚无一起购买的商品",
}
