"""Chinese texts of the drill-down (issue 15): chart hover, the Data tab's "Showing lines for" bar,
the Anomalies tab's Show lines, and the core's descriptions of the lines behind a bar."""
ZH = {
    "ChartView": {
        "Click to see these lines": "点击查看这些明细",
    },
    "DataTab": {
        "Merchandise sales (no cancellations)": "商品销售（不含取消）",
        "Sales and charges (no cancellations)": "销售及收费（不含取消）",
        "Clear": "清除",
        "Show every line again": "重新显示全部明细",
        "Showing lines for: %1": "正在显示明细：%1",
    },
    "AnomaliesTab": {
        "Show lines": "查看明细",
        "The lines behind this item, in the Data tab (or double-click it)":
            "在“数据”标签页中查看此项背后的明细（或双击此项）",
    },
}

CORE = {
    "Product {code}": "商品 {code}",
    "Country {name}": "国家/地区 {name}",
    "Customer {id}": "客户 {id}",
    "Segment {name}": "分群 {name}",
    "{n} customers": "{n} 位客户",
    "Line {id}": "明细 {id}",
    "Order {id}": "订单 {id}",
    "Week": "周",
    "Cohort {month}": "同期群 {month}",
}
