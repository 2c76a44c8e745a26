"""Simplified Chinese texts of the Forecast fixes of issue 15 ("no false states"): the seasonal naive
when it could not be scored, products with no recent sales (CORE, for tools/update_core_catalog.py)
and the skill column's reference (ZH, for the .ts)."""

CORE = {
    "seasonal naive (repeating last season) not scored for {k} of {n} series: it needs a season ({m} periods) "
    "of history before every backtest window and sales a season earlier; they are measured against naive "
    "(repeating the last value)":
        "季节性朴素法（重复上一季）未能为 {n} 个序列中的 {k} 个评分：它需要在每个回测窗口之前有一整季（{m} 期）的历史，"
        "并且一季之前有销售；这些序列改以朴素法（重复最后一个值）为基准",
    "no sales in the last {n} {unit} or more for {k} of {all} series ({ids}): their forecast is about 0 and "
    "their interval reflects their earlier sales":
        "{all} 个序列中有 {k} 个（{ids}）最近 {n} {unit}或更久没有销售：其预测约为 0，区间反映的是其更早的销售规模",
    "weeks": "周",
    "months": "个月",
    ", …": "，…",
}

ZH = {
    "ForecastTab": {
        "Skill vs naive": "相对朴素法的提升",
    },
}
