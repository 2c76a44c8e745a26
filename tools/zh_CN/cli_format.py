"""Chinese texts of the CLI's help formatter (shopinsight/cli/argtext.py) and of the kind labels
the CLI shows (shopinsight/core/classify.py: KIND_LABELS, SOURCE_LABELS; the same words as the
GUI's lines table and classify view) for tools/update_core_catalog.py."""
CORE = {
    "{help}; one of: {choices}": "{help}；可选：{choices}",
    "{heading}:": "{heading}：",
    "{heading}: {text}": "{heading}：{text}",
    # an InputError's place before its message (core/errors.py): "bad.csv、第 3 行：…"
    "{where}: {message}": "{where}：{message}",
    # product and line kinds
    "merchandise": "商品", "postage": "运费", "fee": "费用", "discount": "折扣", "adjustment": "调整",
    "voucher": "礼券", "sample": "样品", "service": "服务", "tip": "小费", "tax": "税费", "deposit": "押金",
    "sale": "销售", "cancellation": "取消", "return": "退货", "stock write-off": "库存报损", "period total": "期间合计",
    # who decided a product's kind ("rule" is in core_customers.py)
    "user": "用户",
    # anomalies: review states ("confirmed", "dismissed" are in cli_text.py)
    "new": "新",
    "{state} (not in a stored run)": "{state}（不在已保存的运行中）",
}
