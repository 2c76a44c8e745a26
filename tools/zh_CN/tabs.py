"""Chinese texts for the analysis-tab base (gui/widgets/job_tab.py) and strings the tabs gained with it."""
ZH = {
    "AnalysisTab": {
        "Cancel": "取消",
        "Loading the stored run": "正在载入保存的运行",
        "Run #%1 is not a stored run of this tab.": "运行 #%1 不是此标签页保存的运行。",
        "Stored run #%1 of %2.": "保存的运行 #%1（%2）。",
        "Stored run #%1.": "保存的运行 #%1。",
        "Cancelled; nothing was stored.": "已取消；未保存任何内容。",
        "There is a problem with your data or choice: %1": "您的数据或选择有问题：%1",
        "Failed with an internal error; see the error report.": "因内部错误而失败；请查看错误报告。",
    },
}

ZH["ForecastTab"] = {"Could not compute this chart.": "无法计算此图表。"}
