"""Chinese texts of the one model registry (core/registry.py, core/registries.py) and the CLI
help and checks generated from it, for tools/update_core_catalog.py."""
CORE = {
    "'all' for every model; the baselines always run (see `forecast-models`).":
        "'all' 表示全部模型；基线模型总会运行（见 `forecast-models`）。",
    "(* = run by default)": "（* = 默认运行）",
    "A Keras multi-layer perceptron on every customer feature (TensorFlow; slower).":
        "基于全部客户特征的 Keras 多层感知机（需要 TensorFlow；较慢）。",
    "Automatic choice": "自动选择",
    "Chosen model, calibrated": "所选模型（校准后）",
    "{range}, default {value}": "{range}，默认 {value}",
    "Confidence α": "置信度 α",
    "Customer models": "客户模型",
    "Default: {names}.": "默认：{names}。",
    "Factors": "因子数",
    "Forecast models": "预测模型",
    "Half-life (days)": "半衰期（天）",
    "Histogram gradient boosting on every customer feature (shallow, slow-learning trees).":
        "基于全部客户特征的直方图梯度提升（浅树、慢学习率）。",
    "Inverse regularisation C": "正则化倒数 C",
    "Iterations": "迭代次数",
    "L2 regularisation": "L2 正则化",
    "Logistic regression on every customer feature; its coefficients explain the scores.":
        "基于全部客户特征的逻辑回归；其系数可解释得分。",
    "Logistic regression on recency, frequency and monetary value (log scale).":
        "基于最近购买时间、购买频次和消费金额（对数尺度）的逻辑回归。",
    "Logistic regression on the days since the last order alone: the simplest honest yardstick.":
        "仅基于距上次下单天数的逻辑回归：最简单而诚实的参照。",
    "Neighbours": "近邻数",
    "Recommendation models": "推荐模型",
    "Regularisation": "正则化",
    "Shrinkage": "收缩",
    "The BG/NBD probability of at least one order in the horizon (no label training).":
        "BG/NBD 模型给出的预测期内至少下单一次的概率（无需标签训练）。",
    "Tree depth": "树深度",
    "Validation days": "验证天数",
    "a number": "一个数",
    "a whole number": "一个整数",
    "comma-separated, from: {models}": "逗号分隔，可选：{models}",
    "damps similarities resting on few shared customers": "削弱仅由少数共同客户支撑的相似度",
    "full edition": "完整版",
    "model parameter MODEL.NAME=VALUE (repeatable), e.g. {example}; one of: {params}":
        "模型参数 MODEL.NAME=VALUE（可重复），例如 {example}；可选：{params}",
    "model {model} has no parameter {name}; it has: {known}": "模型 {model} 没有参数 {name}；它的参数有：{known}",
    "most training epochs (early stopping may end sooner)": "最多训练轮数（提前停止可能更早结束）",
    "none": "无",
    "older purchases count half as much after this many days (off: all count the same)":
        "购买记录每过这么多天权重减半（关闭：所有购买同等计算）",
    "one of {choices}": "{choices} 之一",
    "one of: {models}": "可选其一：{models}",
    "or none": "或 none",
    "parameter {name} must be {range}": "参数 {name} 必须为 {range}",
    "smaller values shrink the coefficients more": "值越小，系数收缩越多",
    "with Tune: the most recent days the blend's weights are chosen on": "调优时：用于选择混合权重的最近天数",
    "unknown model; choose from {names}": "未知模型；可选：{names}",
    "yes or no": "是或否",
    "{option}: expected MODEL.NAME=VALUE, e.g. {example}": "{option}：应为 MODEL.NAME=VALUE，例如 {example}",
    "{option}: unknown model {name!r}; choose from {names}": "{option}：未知模型 {name!r}；可选：{names}",
}
