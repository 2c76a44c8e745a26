"""zh_CN core/CLI texts of basket-list mining (rules --baskets) and its refusals."""

CORE = {
    "Bought together with {name} in {n} basket (lift {lift}).": "与{name}在 {n} 个购物篮中一起购买（提升度 {lift}）。",
    "{n} basket": "{n} 个购物篮",
    "baskets": "购物篮数",
    "{n} rules from {what} (support ≥ {support} = {count}, lift ≥ {lift}); {seconds} s":
        "从 {what}得到 {n} 条规则（支持度 ≥ {support} = {count}，提升度 ≥ {lift}）；{seconds} 秒",
    "looks like a sales export, not a basket list (one basket of items per line): "
    "import it with `shopinsight import`":
        "看起来是销售导出文件，而不是购物篮列表（每行一个购物篮）：请用 `shopinsight import` 导入",
    "{file}: looks like a basket list (one basket of items per line), not a sales "
    "export: mine it with `shopinsight rules --baskets {file}`":
        "{file}：看起来是购物篮列表（每行一个购物篮），不是销售导出文件：请用 `shopinsight rules --baskets {file}` 挖掘",
}
