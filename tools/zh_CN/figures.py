"""Simplified Chinese texts of the reorder table and stock input (Forecast tab) and of the figure labels
(Overview, Data tab, quality report) that say which definition a number uses."""

ZH = {
    "ForecastTab": {
        "Lead time in the forecast's periods (days, weeks or months), at most the horizon":
            "交货期，以预测的周期计（天、周或月），不超过预测期",
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
        "Stock": "库存",
        "Series": "序列",
        "Model": "模型",
        "Forecast (horizon)": "预测（整个预测期）",
        "Low": "下限",
        "High": "上限",
        "stock unknown: showing the reorder point": "库存未知：显示再订货点",
        "Demand over lead time": "交货期内需求",
        "Safety stock": "安全库存",
        "Reorder point": "再订货点",
        "Order now": "现在订购",
        "Reorder by": "最晚订货日期",
        "Note": "备注",
        "Safety stock = z × σ × √lead time, σ from each product's own backtest errors over the lead time. %1 of %2 products: stock unknown, showing the reorder point (enter stock on the Stock tab).":
            "安全库存 = z × σ × √交货期，σ 取自每个商品自身在交货期内的回测误差。%2 个商品中有 %1 个库存未知，显示的是再订货点（请在“库存”页输入库存）。",
        "Safety stock = z × σ × √lead time, σ from each product's own backtest errors over the lead time. Order now = reorder point − on hand − on order, in whole packs.":
            "安全库存 = z × σ × √交货期，σ 取自每个商品自身在交货期内的回测误差。现在订购 = 再订货点 − 现有库存 − 已订未到，按整包取整。",
        "Stock table": "库存表",
        "Stock ignored: %1": "库存数据未使用：%1",
        "Load stock file": "载入库存文件",
        "CSV (*.csv *.txt)": "CSV (*.csv *.txt)",
        "Problem with the stock file: %1": "库存文件有问题：%1",
        "Read stock of %1 products (%2 of them in this forecast).": "已读取 %1 个商品的库存（其中 %2 个在本次预测中）。",
    },
    "DataTab": {
        "<b>%1</b> · %2 lines · %3 orders · %4 customers · net sales %7 · %5 to %6":
            "<b>%1</b> · %2 行明细 · %3 个订单 · %4 位客户 · 净销售额 %7 · %5 至 %6",
        "Orders and customers: with at least one merchandise sale line (an invoice that only cancels or only charges postage is not an order). Net sales: merchandise amounts, cancellations included. The Overview, the quality report and `shopinsight info` show the same figures.":
            "订单和客户：至少含一行商品销售（只有取消或只收运费的发票不算订单）。净销售额：商品金额，已扣除取消。"
            "概览、质量报告和 `shopinsight info` 显示的是同样的数字。",
    },
    "QualityView": {
        "Cancellation lines, any kind (goods, postage, fees)": "取消行，所有类型（商品、运费、费用）",
        "%1 orders · %2 customers (with a merchandise sale)": "%1 个订单 · %2 位客户（有商品销售）",
        "net sales %1": "净销售额 %1",
    },
}

# the stock input is its own widget (gui/widgets/stock_panel.py, context StockPanel): its texts move there,
# and the column names it shares with the Forecast tab's tables are looked up under both contexts
_STOCK_ONLY = ("Load stock file…", "A CSV with the header product_id,on_hand[,on_order]", "Clear stock", "Pack size",
               "Type the stock on hand and on order, or load a stock file. Products without stock show the reorder "
               "point only.", "Stock table", "Stock ignored: %1", "Load stock file", "CSV (*.csv *.txt)",
               "Problem with the stock file: %1", "Read stock of %1 products (%2 of them in this forecast).")
ZH["StockPanel"] = {**{k: ZH["ForecastTab"].pop(k) for k in _STOCK_ONLY},
                    **{k: ZH["ForecastTab"][k] for k in ("Product", "Name", "On hand", "On order")}}

