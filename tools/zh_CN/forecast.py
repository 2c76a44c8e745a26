"""Simplified Chinese texts of the Forecast tab added for issue 11 (frequency, yardstick, intervals)."""

ZH = {
    "ForecastTab": {
        "Follow the data": "跟随数据",
        "daily": "按日",
        "weekly": "按周",
        "monthly": "按月",
        "Frequency: %1, as in the data.": "频率：%1，与数据一致。",
    },
}
