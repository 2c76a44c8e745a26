"""Chinese texts of the model registries' labels and descriptions (forecast, customers, recommend),
for tools/update_core_catalog.py.  Wording follows the GUI's .ts where it already names a model."""
CORE = {
    # customers
    "Recency only (baseline)": "仅最近购买时间（基线）",
    "Logistic regression, RFM only (yardstick)": "逻辑回归，仅 RFM（参照）",
    "Logistic regression, all features": "逻辑回归，全部特征",
    "Gradient boosting (histogram GBM)": "梯度提升（直方图 GBM）",
    "BG/NBD buy-till-you-die": "BG/NBD 客户存活模型",
    "Neural network (Keras MLP)": "神经网络（Keras MLP）",
    # forecast
    "Smoothing α": "平滑系数 α",
    "smoothing of demand size": "需求量的平滑",
    "Naive": "朴素法",
    "Last observed value, repeated.": "重复最后一个观测值。",
    "Seasonal naive": "季节性朴素法",
    "Value one season earlier (same weekday last week for daily data).": "取一个季节周期前的值（日数据取上周同一天）。",
    "Moving average": "移动平均",
    "Mean of the last N open periods.": "最近 N 个营业周期的平均值。",
    "Window (periods)": "窗口（周期数）",
    "Linear regression": "线性回归",
    "Ridge regression on lags, rolling means, calendar, holidays/events and price.":
        "基于滞后值、滚动均值、日历、节假日/活动和价格的岭回归。",
    "Ridge α": "岭回归 α",
    "L2 penalty": "L2 惩罚",
    "Gradient boosting": "梯度提升",
    "Histogram gradient boosting, one global model over all series.": "直方图梯度提升，所有序列共用一个全局模型。",
    "Boosting rounds": "提升轮数",
    "Learning rate": "学习率",
    "Leaves per tree": "每棵树的叶子数",
    "Min rows per leaf": "每个叶子的最少行数",
    "Loss": "损失函数",
    "Croston": "Croston 法",
    "Croston's method for intermittent demand.": "用于间歇性需求的 Croston 方法。",
    "Croston SBA": "Croston SBA 法",
    "Syntetos–Boylan bias-corrected Croston.": "Syntetos–Boylan 偏差修正的 Croston 方法。",
    "TSB": "TSB 法",
    "Teunter–Syntetos–Babai: demand probability decays when a product stops selling.":
        "Teunter–Syntetos–Babai：商品停止销售时需求概率逐渐衰减。",
    "Smoothing β": "平滑系数 β",
    "smoothing of demand probability": "需求概率的平滑",
    "Keras multi-layer perceptron over windows of history (TensorFlow; slower).":
        "基于历史窗口的 Keras 多层感知机（TensorFlow；较慢）。",
    "Hidden units": "隐藏单元数",
    "Epochs": "训练轮数",
    "Batch size": "批大小",
    "Dropout": "丢弃率",
    "Early-stopping patience": "提前停止的耐心轮数",
    "epochs without improvement on the most recent rows before stopping (0 = off)":
        "在最近的数据上没有改进多少轮后停止（0 = 关闭）",
    "Validation share": "验证集比例",
    "share of the most recent target periods held out for early stopping": "为提前停止而保留的最近目标周期比例",
    "Random seed": "随机种子",
    "Ensemble (linear + GBM)": "集成（线性 + GBM）",
    "Mean of the linear and gradient-boosting forecasts (and the neural network's when it is trained): "
    "averaging models with different errors usually beats each.":
        "线性与梯度提升预测的平均值（训练了神经网络时也包括它）：误差不同的模型取平均通常优于其中任何一个。",
    # recommend
    "ALS (matrix factorisation)": "ALS（矩阵分解）",
    "Popularity": "热销榜",
    "Trending (recent best sellers)": "近期热销",
    "Buy again": "再次购买",
    "Content (product names)": "内容相似（商品名称）",
    "EASE": "EASE",
    "Hybrid": "混合模型",
    "Item-kNN": "商品近邻（Item-kNN）",
    "User-kNN": "客户近邻（User-kNN）",
    "Best sellers: the same list for everyone (the yardstick).": "畅销商品：所有人看到同一份清单（参照）。",
    "Recent best sellers: the same list for everyone, recent sales count more.":
        "近期畅销商品：所有人看到同一份清单，近期销售权重更高。",
    "The customer's own favourites, frequent and recent first. Never suggests anything new.":
        "客户自己常买的商品，频繁和最近的优先。从不推荐新商品。",
    "Customers who bought this also bought ... (item-to-item similarity).": "购买此商品的客户也购买了……（商品间相似度）。",
    "Customers who buy like this one also bought ... (customer-to-customer similarity).":
        "与此客户购买习惯相似的客户也购买了……（客户间相似度）。",
    "A linear item-to-item model learned from all baskets at once (EASE).": "从所有购物篮一次学得的线性商品间模型（EASE）。",
    "Hidden taste factors learned from who bought what (matrix factorisation, ALS).":
        "从谁买了什么中学到的隐含偏好因子（矩阵分解，ALS）。",
    "Products with similar names to what the customer bought (works for rarely bought items).":
        "与客户所购商品名称相似的商品（适用于很少被购买的商品）。",
    "A blend of the models above with fixed weights learned beforehand; Tune re-weights it on this shop's recent weeks.":
        "以上模型的加权组合，权重为预先学得的固定值；“调优”会按本店最近几周的数据重新选择权重。",
}
