"""Simplified Chinese texts of "Why this forecast" (issue 14): the core's parts, methods and
chart words (CORE, for tools/update_core_catalog.py) and the Forecast tab's (ZH, for the .ts)."""

CORE = {
    "Level & trend": "水平与趋势",
    "Weekday & season": "星期与季节",
    "Holidays & events": "节假日与活动",
    "exact: coefficient × feature of the linear model": "精确：线性模型的系数 × 特征",
    "approximate: Shapley values over the feature groups": "近似：按特征组计算的 Shapley 值",
    "exact: repeats last season (its mean is the level, the rest season)":
        "精确：重复上一季（其均值为水平，其余为季节）",
    "exact: one flat value, all level": "精确：单一的平稳值，全部计入水平",
    "the mean of the ensemble members' parts": "集成模型各成员分项的平均值",
    "not available for this run: it was stored before forecasts were explained; "
    "train the forecast again to see why": "此运行没有预测原因：它保存于预测解释功能推出之前；请重新训练预测以查看原因",
    "approximate: the model's parts are Shapley values over feature groups "
    "(they add up to the forecast; how an interaction is shared is a convention)":
        "近似：模型的分项是按特征组计算的 Shapley 值（各分项之和等于预测；交互作用如何分摊是一种约定）",
    "no explanation for this series": "该序列没有预测原因",
    "Why this forecast (sums over the horizon):": "预测原因（整个预测期的合计）：",
    "… and {n} more series (all of them, per period, with --json)": "……另有 {n} 个序列（全部序列的逐期数据请用 --json）",
    "Why this forecast: {name}": "预测原因：{name}",
    "approximate (Shapley values over feature groups)": "近似值（按特征组计算的 Shapley 值）",
}

ZH = {
    "ForecastTab": {
        "Train a forecast to see what drives it.": "训练预测后即可查看其驱动因素。",
        "Why this forecast": "预测原因",
        "Each period's forecast is the sum of its parts (%1).": "每期预测等于其各分项之和（%1）。",
    },
}
