"""Chinese texts for the Recommendations tab (strings added after its first translation pass)."""
ZH = {
    "RecommendationsTab": {
        "Last stored run (#%1): %2": "上次保存的运行（#%1）：%2",
    },
}

ZH["RecommendationsTab"]["Train a model, then choose a product to see what is bought with it."] = \
    "请先训练模型，然后选择一个商品，查看常与它一起购买的商品。"
ZH["CustomersTab"] = {
    "Choose a customer in the table to see their orders.": "在表格中选择一位客户以查看其订单。",
    "Train the models to see this chart.": "训练模型后即可查看此图表。",
}
ZH["ForecastTab"] = {
    "Choose a product and click Price what-if to see how its sales follow its price.":
        "选择一个商品并点击“价格模拟”，查看其销量如何随价格变化。",
}
ZH["CustomersTab"].update({
    "Loading the customer's orders": "正在载入该客户的订单",
    "No merchandise orders": "没有商品订单",
})
