"""Chinese texts for the reasons and explanations the core writes for display (anomaly reasons and
their units, customer "why" texts, forecast notes); see tools/update_core_catalog.py."""

CORE = {
    # anomaly reasons (core/anomalies/reasons.py)
    "price {price} is {ratio} this product's usual {usual}":
        '价格 {price} 是该商品常见价格 {usual} 的 {ratio}',
    "price {price} on a merchandise sale; this product's usual price is {usual}":
        '商品销售的价格为 {price}；该商品的常见价格为 {usual}',
    'quantity {qty} is {ratio} the most a line of this product usually holds ({usual})':
        '数量 {qty} 是该商品单行通常最大数量（{usual}）的 {ratio}',
    'quantity {qty} is {ratio} the most this customer usually buys in a line ({usual})':
        '数量 {qty} 是该客户单行通常最多购买量（{usual}）的 {ratio}',
    'order value {value} is {ratio} a typical order ({usual})':
        '订单金额 {value} 是典型订单（{usual}）的 {ratio}',
    '{n} lines; a typical order has {usual}':
        '{n} 行；典型订单有 {usual} 行',
    'placed at {hour}, when only {share} of orders are placed':
        '下单时间 {hour}，该时段仅有 {share} 的订单',
    'placed on a {weekday}, when only {share} of orders are placed':
        '下单于{weekday}，该日仅有 {share} 的订单',
    "a new customer's first order worth {value}; typical first orders are {lo}–{hi}":
        '新客户首单金额 {value}；典型首单为 {lo}–{hi}',
    'same {n} lines as order {other} by this customer {gap} earlier':
        '与该客户 {gap}前的订单 {other} 的 {n} 行完全相同',
    '{weekday} sales {value}, expected {lo}–{hi} from the weekly pattern':
        '{weekday}销售额 {value}，按每周规律预期为 {lo}–{hi}',
    '{n} orders, expected {lo}–{hi} from the weekly pattern':
        '{n} 笔订单，按每周规律预期为 {lo}–{hi}',
    ' (the data end at {time} on this day)':
        '（数据截止于当天 {time}）',
    '{value} lines per order, expected {lo}–{hi}':
        '每单 {value} 行，预期为 {lo}–{hi}',
    'refunds {value}, expected at most {hi}':
        '退款 {value}，预期最多 {hi}',
    "last order at {time}; this weekday's last order is usually {lo}–{hi}":
        '最后一单在 {time}；该星期几的最后一单通常在 {lo}–{hi}',
    'no sales on a trading {weekday} between trading days':
        '营业的{weekday}（前后均有营业）没有任何销售',
    'week of {week}: sales {value}, expected {lo}–{hi} from the weeks before':
        '{week} 这一周：销售额 {value}，按之前各周预期为 {lo}–{hi}',
    'week of {week}: {n} orders, expected {lo}–{hi} from the weeks before':
        '{week} 这一周：{n} 笔订单，按之前各周预期为 {lo}–{hi}',
    "the day's orders hold {ratio} the lines their customers' earlier orders held":
        '当天订单的行数是这些客户以往订单的 {ratio}',
    "{k} of this customer's {n} orders were cancelled, typical is {lo}–{hi}":
        '该客户 {n} 笔订单中有 {k} 笔被取消，典型为 {lo}–{hi}',
    "{k} of this customer's {n} orders were cancelled within a day of being placed, typical is {lo}–{hi}":
        '该客户 {n} 笔订单中有 {k} 笔在下单后一天内被取消，典型为 {lo}–{hi}',
    "recent orders average {recent}, {ratio} this customer's earlier {before}":
        '最近订单平均 {recent}，是该客户以往 {before} 的 {ratio}',
    'unusual combination of values (isolation forest)':
        '组合异常的数值（孤立森林）',
    "{n}×": "{n} 倍",
    "1/{n} of": "1/{n}",
    "{n} minute": "{n} 分钟",
    "{n} hour": "{n} 小时",
    # customer "why" texts (core/customers/explain.py)
    "unknown": "未知",
    "more likely to buy": "更可能购买",
    "less likely to buy": "更不可能购买",
    "BG/NBD estimate from the last order {recency} days ago and {orders} orders in {tenure} days":
        "BG/NBD 估计：最近一单在 {recency} 天前，{tenure} 天内共 {orders} 个订单",
    "{feature} {value} vs typical {typical} (raises the chance)": "{feature} {value}，典型为 {typical}（提高购买概率）",
    "{feature} {value} vs typical {typical} (lowers the chance)": "{feature} {value}，典型为 {typical}（降低购买概率）",
    "; ": "；",
    "close to the typical customer": "与典型客户接近",
    # forecast notes (core/forecast/pipeline.py ForecastResult.notes)
    "no model beat repeating last season on this data: the forecast repeats last season (seasonal naive)":
        "在这些数据上没有模型胜过“重复上一季”：预测沿用上一季的数值（季节性朴素法）",
    "for {k} of {n} series no model beat repeating last season on this data: they repeat last season "
    "(seasonal naive)": "{n} 个序列中有 {k} 个在这些数据上没有模型胜过“重复上一季”：它们沿用上一季的数值（季节性朴素法）",
    "no backtest: the model was not checked against repeating last season, and there are no intervals":
        "未回测：预测没有与“重复上一季”比较，也没有预测区间",
    "intervals widened: only {n} backtest window to calibrate them from (at least {min} wanted)":
        "区间已放宽：只有 {n} 个回测窗口可用于校准（至少需要 {min} 个）",
    # a feature value in words (core/customers/features.py describe_value)
    "{feature}: unknown": "{feature}：未知",
    "{feature} {value}": "{feature} {value}",
    "not {feature}": "非{feature}",
    "{value} {feature}": "{feature}：{value}",
}
