"""Simplified Chinese texts of the Forecast tab added for issue 11 (frequency, yardstick, intervals)."""

ZH = {
    "ForecastTab": {
        "Follow the data": "跟随数据",
        "daily": "按日",
        "weekly": "按周",
        "monthly": "按月",
        "Frequency: %1, as in the data.": "频率：%1，与数据一致。",
        "No model beat repeating last season on this data: the forecast repeats last season (seasonal naive).":
            "在这些数据上没有模型胜过“重复上一季”：预测沿用上一季的数值（季节性朴素法）。",
        "For %1 of %2 series no model beat repeating last season on this data: they repeat last season.":
            "%2 个序列中有 %1 个在这些数据上没有模型胜过“重复上一季”：它们沿用上一季的数值。",
        "No backtest: the forecast was not checked against repeating last season, and there are no intervals.":
            "未回测：预测没有与“重复上一季”比较，也没有预测区间。",
        "Intervals widened: only %1 backtest window(s) to calibrate them from.":
            "区间已放宽：只有 %1 个回测窗口可用于校准。",
    },
}
