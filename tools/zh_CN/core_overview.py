"""Chinese texts of the Overview charts made in core (shopinsight/core/sales_charts.py), as the
Overview tab words them, for tools/update_core_catalog.py."""
CORE = {
    "Sales over time": "销售趋势",
    "Net sales": "净销售额",
    "Sales": "销售额",
    "Cancellations": "取消与退货",
    "incomplete period": "不完整的时段",
    "Top products by net sales": "净销售额最高的商品",
    "Net sales by country": "各国家/地区净销售额",
    "When customers order (sales by day of week and hour)": "客户何时下单（按星期和小时统计的销售额）",
    "Hour of day": "小时",
    "No sales in this period": "此时间段内没有销售",
    "The data has no times of day": "数据中没有具体时间",
    "Jan": "1月", "Feb": "2月", "Mar": "3月", "Apr": "4月", "May": "5月", "Jun": "6月",
    "Jul": "7月", "Aug": "8月", "Sep": "9月", "Oct": "10月", "Nov": "11月", "Dec": "12月",
    "Mon": "周一", "Tue": "周二", "Wed": "周三", "Thu": "周四", "Fri": "周五", "Sat": "周六", "Sun": "周日",
    "{d} {mon}": "{m}月{d}日",
    "{mon}\n{y}": "{y}年\n{mon}",
    "per day": "按日",
    "per week": "按周",
    "per month": "按月",
}
