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
}
