"""Chinese texts for the basket-list rules dialog (issue 15: a basket-list file opened in the app)."""
ZH = {
    "BasketRulesDialog": {
        "Basket list": "购物篮列表",
        "%1 is a basket list (one basket per line, items separated by commas), not a sales export.\n\n"
        "Find the items bought together in it?":
            "%1 是购物篮列表（每行一个购物篮，商品以逗号分隔），不是销售导出文件。\n\n要找出其中经常一起购买的商品吗？",
        "Bought together — %1": "一起购买 — %1",
        "If a basket has": "购物篮中有",
        "it also has": "也会有",
        "Baskets": "购物篮数",
        "Share of baskets": "购物篮占比",
        "Confidence": "置信度",
        "Lift": "提升度",
        "Reading the baskets…": "正在读取购物篮…",
        "Save rules…": "保存规则…",
        "Close": "关闭",
        "Finding items bought together": "正在查找一起购买的商品",
        "%1 rules from %2 baskets of %3 different items (each pair in at least %4 baskets); strongest first. "
        "Lift above 1: bought together more often than by chance.":
            "从 %2 个购物篮（%3 种商品）中找到 %1 条规则（每对商品至少同时出现在 %4 个购物篮中），按强度排序。"
            "提升度大于 1：一起购买的次数多于偶然。",
        "This file cannot be read as a basket list: %1": "无法将此文件作为购物篮列表读取：%1",
        "Stopped.": "已停止。",
        "Save rules": "保存规则",
        "CSV (*.csv);;Excel (*.xlsx)": "CSV (*.csv);;Excel (*.xlsx)",
    },
}
