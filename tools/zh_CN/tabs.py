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

# the stock panel left the Forecast tab for its own widget (gui/widgets/stock_panel.py): same texts, new context
ZH["StockPanel"] = {
    "Product": "商品",
    "Name": "名称",
    "On hand": "现有库存",
    "On order": "已订未到",
    "Load stock file…": "载入库存文件…",
    "A CSV with the header product_id,on_hand[,on_order]": "CSV 文件，表头为 product_id,on_hand[,on_order]",
    "Clear stock": "清除库存",
    "Pack size": "每包数量",
    "Type the stock on hand and on order, or load a stock file. Products without stock show the reorder point only.":
        "请输入现有库存和已订未到数量，或载入库存文件。没有库存数据的商品只显示再订货点。",
    "Stock table": "库存表",
    "Stock ignored: %1": "库存数据未使用：%1",
    "Load stock file": "载入库存文件",
    "CSV (*.csv *.txt)": "CSV (*.csv *.txt)",
    "Problem with the stock file: %1": "库存文件有问题：%1",
    "Read stock of %1 products (%2 of them in this forecast).": "已读取 %1 个商品的库存（其中 %2 个在本次预测中）。",
}
