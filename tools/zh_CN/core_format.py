"""Chinese texts for core strings found by the pseudo-locale check (importer warnings shown in the
import wizard, recommendation and rule reasons, the whole-shop series label)."""

CORE = {
    "dates in {column} fit both {chosen} and {other}; using {chosen} (if that is wrong, choose the other "
    "date format)": "{column} 中的日期同时符合 {chosen} 和 {other}；已采用 {chosen}（如不正确，请选择另一种日期格式）",
    "time-zone offsets were dropped: times are kept as written (shop local time)":
        "已忽略时区偏移：时间按原样保留（店铺当地时间）",
    "{names} and {last}": "{names}和{last}",
    ", ": "、",
    "Bought it before: {n} order, last on {day}.": "以前买过：{n} 个订单，最近一次在 {day}。",
    "Similar in name to {names}, which they bought.": "名称与其买过的{names}相似。",
    "Because they bought {names}.": "因为其买过{names}。",
    "Customers who buy like them bought it.": "购买习惯相似的客户买过它。",
    "Popular: bought by {n} customer.": "热门：{n} 位客户买过。",
    "Bought together with {name} in {n} orders (lift {lift}).": "与{name}在 {n} 个订单中一起购买（提升度 {lift}）。",
    "writing reasons": "正在生成理由",
    "reasons written": "理由已生成",
    "Whole shop": "整个店铺",
    # run summaries and the customer model's messages
    "no purchase model: {reason}. Showing RFM segments only.": "没有购买模型：{reason}。仅显示 RFM 分群。",
    "no backtest: {reason}": "没有回测：{reason}",
    "{n} customer, segments only": "{n} 位客户，仅分群",
    ", validation AUC {auc}": "，验证 AUC {auc}",
    "{n} customer, {days}-day horizon, {model}": "{n} 位客户，{days} 天预测期，{model}",
    "{n} item": "{n} 项",
    "{model}: top {k} for {n} customer": "{model}：为 {n} 位客户推荐前 {k} 个",
    "{target} · {level} · {freq} · horizon {h} · {n} series · chosen: {models}":
        "{target} · {level} · {freq} · 预测期 {h} · {n} 个序列 · 选用：{models}",
    "Net sales": "净销售额",
    "Units": "件数",
    "Per product": "按产品",
    "Per country": "按国家",
    "Per store": "按门店",
    "daily": "按日",
    "weekly": "按周",
    "monthly": "按月",
    "not enough history for a model: it needs a cutoff at least {days} days before the last day, with {n}+ "
    "customers who bought before it": "历史数据不足以建模：需要一个至少早于最后一天 {days} 天的截止日，且截止日前有 {n} 位以上客户购买过",
    "too few repeat buyers to learn from ({n} in the training windows; at least {min} needed)":
        "回头客太少，无法学习（训练窗口中 {n} 位；至少需要 {min} 位）",
    "too few customers who did not return to learn from ({n} in the training windows; at least {min} needed)":
        "未回购的客户太少，无法学习（训练窗口中 {n} 位；至少需要 {min} 位）",
    "too little history for a {days}-day model: the data must start at least {need} days before {day}":
        "历史太短，无法建立 {days} 天模型：数据须至少早于 {day} {need} 天开始",
    "the data end on {last}: a backtest as of {cutoff} needs data up to {need}":
        "数据截至 {last}：以 {cutoff} 为基准的回测需要截至 {need} 的数据",
}
