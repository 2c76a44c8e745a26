"""Chinese texts for the UI-latency work (issue 12: charts built off the GUI thread)."""
ZH = {
    "ChartView": {
        "Could not draw this chart.": "无法绘制此图表。",
    },
}
