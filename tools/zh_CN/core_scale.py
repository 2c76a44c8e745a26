"""Chinese texts of the order-group summary (core/summary.py: the Overview's progress)."""

CORE = {
    "summarising orders": "正在汇总订单",
    "orders summarised": "订单已汇总",
}
