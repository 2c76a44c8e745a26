"""Chinese texts of the core's progress and status messages (what a Reporter receives: the GUI's
progress line and the CLI's progress bar), for tools/update_core_catalog.py."""
CORE = {
    # shared
    "reading orders": "正在读取订单",
    "reading purchases": "正在读取购买记录",
    "saving the run": "正在保存本次运行",
    "finishing": "即将完成",
    "trained": "训练完成",
    "backtest done": "回测完成",
    # overview (analytics.overview steps)
    "sales over time": "销售趋势",
    "sales by country": "按国家的销售额",
    "day of week and hour": "星期与小时",
    "top products": "热销商品",
    # classify, export, lines, quality, repair, sample, store
    "classifying {code}": "正在归类 {code}",
    "{n} lines written": "已写入 {n} 行",
    "selecting lines": "正在筛选明细行",
    "lines selected": "明细行已筛选",
    "counting orders, customers and net sales": "正在统计订单、客户和净销售额",
    "counting flagged lines": "正在统计被标记的明细行",
    "checking products and customers": "正在检查商品和客户",
    "rejected rows": "被拒绝的行",
    "copying the whole file": "正在复制整个文件",
    "rebuilding products and customers": "正在重建商品和客户",
    "recovering {table}": "正在恢复 {table}",
    "creating the sample shop": "正在创建示例店铺",
    "sample shop ready": "示例店铺已就绪",
    "waiting for another import into this shop to finish… (cancel to stop waiting)":
        "正在等待此店铺的另一项导入完成……（取消即停止等待）",
    # deep models (Keras)
    "loading TensorFlow": "正在加载 TensorFlow",
    "epoch {i}/{n}  loss {loss}": "第 {i}/{n} 轮  损失 {loss}",
    "  val {loss}": "  验证 {loss}",
    # anomalies
    "product prices": "商品价格",
    "product quantities": "商品数量",
    "{n} candidate lines": "{n} 条候选明细行",
    "looking at {level}": "正在检查{level}",
    "scoring {level}": "正在为{level}打分",
    "daily totals": "每日合计",
    "ranking": "正在排序",
    "copying the shop": "正在复制店铺",
    "injecting problems": "正在注入问题",
    "autoencoder done": "自编码器完成",
    # report
    "bought together": "常一起购买",
    # customers
    "features as of {day}": "截至 {day} 的特征",
    "features ready": "特征已就绪",
    "validating {model}": "正在验证{model}",
    "explaining the chosen model": "正在解释所选模型",
    "training {model}": "正在训练{model}",
    "models trained": "模型训练完成",
    "scoring the backtest": "正在为回测打分",
    "segments ready": "分群已就绪",
    "explaining scores": "正在解释得分",
    "k-means with k={k}": "k 均值聚类，k={k}",
    "k = {k}": "k = {k}",
    # forecast
    "backtest {i}/{n}: {model}": "回测 {i}/{n}：{model}",
    "explaining the forecast": "正在解释预测",
    "forecast explained": "预测解释完成",
    "fitting {model}": "正在拟合{model}",
    "{model} skipped: {reason}": "已跳过{model}：{reason}",
    "intervals and choice": "正在计算区间并选择模型",
    "forecast ready": "预测已就绪",
    "reading daily totals": "正在读取每日合计",
    "reading series": "正在读取序列",
    "series ready": "序列已就绪",
    # import
    "updating products and customers": "正在更新商品和客户",
    "reading {file}": "正在读取 {file}",
    "{file}: {n} rows read": "{file}：已读取 {n} 行",
    "indexing": "正在建立索引",
    "checking for lines already in the shop": "正在检查店铺中已有的明细行",
    # recommendations
    "{model}: iteration {i}": "{model}：第 {i} 次迭代",
    "{model}: fitted": "{model}：拟合完成",
    "{model}: ranking products": "{model}：正在为商品排序",
    "{model}: recommendations ready": "{model}：推荐已就绪",
    "{model}: product similarities": "{model}：正在计算商品相似度",
    "{model}: Gram matrix of {n} products": "{model}：{n} 个商品的 Gram 矩阵",
    "{model}: solving the closed form": "{model}：正在求解闭式解",
    "{model}: validating {part}": "{model}：正在验证{part}",
    "{model}: choosing weights": "{model}：正在选择权重",
    "{model}: weights chosen": "{model}：权重已选定",
    "{model}: counting co-purchases": "{model}：正在统计共同购买",
    "scoring test customers": "正在为测试客户打分",
    "writing reasons": "正在撰写推荐理由",
    "reasons written": "推荐理由已完成",
    "building the customer × product matrix": "正在构建客户 × 商品矩阵",
    "interactions ready": "交互矩阵已就绪",
    "validating {model} ({i}/{n})": "正在验证{model}（{i}/{n}）",
    "choosing the hybrid's weights": "正在选择混合模型的权重",
    "tuning done": "调参完成",
    "evaluating {model}": "正在评估{model}",
    "evaluation done": "评估完成",
    "counting products": "正在统计商品",
    "counting pairs": "正在统计商品对",
    "counting triples over {n} frequent pairs": "正在基于 {n} 个频繁商品对统计三元组",
    "building the rules table": "正在构建规则表",
    "{n} rule": ("{n} 条规则",),
    # warnings and messages carried by results (import preview/result, customers, price what-if)
    "only one training cutoff ({day}): models are not validated or calibrated; more history gives more "
    "reliable scores": "只有一个训练截止日（{day}）：模型未经验证或校准；历史越长，得分越可靠",
    "no backtest: {reason}": "未做回测：{reason}",
    "no purchase model: {reason}. Showing RFM segments only.": "没有购买模型：{reason}。仅显示 RFM 分群。",
    "the price barely varied (coefficient of variation {cv}, {n} distinct prices): the effect of a price "
    "change cannot be read from this history": "价格几乎没有变化（变异系数 {cv}，{n} 个不同价格）：无法从这段历史中看出调价的影响",
    "units did not fall as the price rose in this history (likely volume discounts, promotions or "
    "seasonality, not customers liking higher prices): do not use this to raise prices":
        "在这段历史中，价格上涨时销量并未下降（可能是批量折扣、促销或季节性，而非顾客偏好高价）：请勿据此涨价",
    "only {n} periods with sales: the estimate is rough": "只有 {n} 个有销售的周期：估计较粗略",
    "time-zone offsets were dropped: times are kept as written (shop local time)":
        "已去掉时区偏移：时间按原样保留（店铺当地时间）",
    "dates in {column} fit both {chosen} and {other}; using {chosen} (if that is wrong, choose the other "
    "date format)": "{column} 中的日期同时符合 {chosen} 和 {other}；采用 {chosen}（如有误，请选择另一种日期格式）",
    "this shop is pseudonymised: customers in this import were pseudonymised too":
        "此店铺已假名化：本次导入的客户也已假名化",
    "{n} rows were rejected: the first {kept} are kept with their reason, the other {rest} only counted":
        "{n} 行被拒绝：前 {kept} 行连同原因一起保留，其余 {rest} 行只计数",
    "{n} empty rows were skipped": "已跳过 {n} 个空行",
    "{n} cells held NUL bytes (a sign of a damaged or binary file); the NUL bytes were removed":
        "{n} 个单元格含有 NUL 字节（文件可能已损坏或是二进制文件）；NUL 字节已删除",
    "{n} rows had a field longer than {limit} characters and were rejected": "{n} 行有字段超过 {limit} 个字符，已被拒绝",
    "{n} formula cells have no saved value (first: {cell}) and read as empty: the file was written by a "
    "program that does not calculate formulas; open and save it in Excel or LibreOffice to store the values":
        "{n} 个公式单元格没有保存的值（第一个：{cell}），读作空值：该文件由不计算公式的程序写出；"
        "请在 Excel 或 LibreOffice 中打开并保存，以存储这些值",
}
