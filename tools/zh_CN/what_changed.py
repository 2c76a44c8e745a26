"""Chinese texts of the Overview's "What changed" panel (issue 14)."""
ZH = {
    "WhatChangedPanel": {
        "What changed": "发生了什么变化",
        "Name": "名称",
        "Change": "变化",
        "Share before": "之前占比",
        "Share after": "之后占比",
        "Who added and who took away most:": "增加和减少最多的：",
        "Working out what changed…": "正在分析变化…",
        "Loading…": "正在加载…",
        "Working out what changed": "正在分析变化",
        "Could not work out what changed: %1": "无法分析变化：%1",
        "Could not compute this chart.": "无法计算此图表。",
        "There is no earlier period of the same length to compare with. Choose a shorter period.":
            "没有同样长度的更早时段可供比较。请选择较短的时段。",
        "Nothing to compare": "没有可比较的内容",
        "%1 compared with %2": "%1 与 %2 相比",
    },
}
