"""Drill-down offscreen: hovering a chart's bar shows a hand and "Click to see these lines"; a click
opens the Data tab filtered to exactly the lines behind it, with a "Showing lines for" bar and Clear;
segments, anomaly items and context charts, forecast history points do the same."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from shopinsight.core import drill
from shopinsight.core.lines import LineFilter, count_lines, line_ids
from shopinsight.core.store import Shop
from shopinsight.gui.widgets.chart import ChartView

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from test_anomalies import base_rows  # noqa: E402
from test_main_window import shell_tabs, window  # noqa: E402,F401  (the Data + Overview window)


def _mouse(chart: ChartView, ax, x, y, kind=QEvent.Type.MouseButtonPress) -> None:
    """A real Qt mouse event on the chart's canvas over data point ``(x, y)`` of ``ax``."""
    canvas = chart.canvas()
    dx, dy = ax.transData.transform((x, y))
    dpr = canvas.device_pixel_ratio
    pos = QPointF(dx / dpr, canvas.height() - dy / dpr)
    press = kind == QEvent.Type.MouseButtonPress
    button = Qt.MouseButton.LeftButton if press else Qt.MouseButton.NoButton
    ev = QMouseEvent(kind, pos, QPointF(canvas.mapToGlobal(pos.toPoint())), button, button,
                     Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas, ev)
    if press:
        QApplication.sendEvent(canvas, QMouseEvent(QEvent.Type.MouseButtonRelease, pos,
                                                   QPointF(canvas.mapToGlobal(pos.toPoint())), button,
                                                   Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))


def _hover(chart, ax, x, y) -> None:
    _mouse(chart, ax, x, y, QEvent.Type.MouseMove)


def test_hover_says_click_and_a_click_emits_the_bars_lines(qtbot):
    from matplotlib.dates import date2num

    from shopinsight.core.sales_charts import sales_over_time_figure

    sot = pd.DataFrame({"period_start": ["2011-10-03", "2011-10-10", "2011-10-17"],
                        "gross_sales": [100.0, 2.0, 50.0], "cancellations": [0.0, -1.0, 0.0],
                        "net_sales": [100.0, 1.0, 50.0], "orders": [3, 1, 2], "partial": [False] * 3})
    v = ChartView(name="sales")
    qtbot.addWidget(v)
    v.resize(800, 400)
    v.show()
    v.set_figure(sales_over_time_figure(sot, "W"), sot, drill=lambda key: drill.period_lines(key, "W"))
    qtbot.waitUntil(v.is_drawn, timeout=10_000)
    ax, canvas = v.figure().axes[0], v.canvas()
    centre = date2num(pd.Timestamp("2011-10-10")) + 3.5
    high = ax.get_ylim()[1] * 0.8                      # far above the small bar: still its column
    _hover(v, ax, centre, high)
    assert canvas.cursor().shape() == Qt.CursorShape.PointingHandCursor
    assert "Click to see these lines" in canvas.toolTip()
    _hover(v, ax, centre + 3.6, high)                  # between two bars: nothing to click
    assert canvas.cursor().shape() != Qt.CursorShape.PointingHandCursor and canvas.toolTip() == ""
    with qtbot.waitSignal(v.drillRequested, timeout=2000) as sig:
        _mouse(v, ax, centre, high)
    flt = sig.args[0]
    assert (flt.date_from, flt.date_to, flt.flag) == ("2011-10-10", "2011-10-16", "merchandise")
    # a chart without a drill callback has no hand and emits nothing
    v.set_figure(sales_over_time_figure(sot, "W"), sot)
    qtbot.waitUntil(v.is_drawn, timeout=10_000)
    got = []
    v.drillRequested.connect(got.append)
    _hover(v, v.figure().axes[0], centre, high)
    _mouse(v, v.figure().axes[0], centre, high)
    assert got == [] and v.canvas().cursor().shape() != Qt.CursorShape.PointingHandCursor


def test_clicking_overview_bars_opens_the_data_tab_on_exactly_their_lines(qtbot, window, small_shop):
    window.open_shop(small_shop)
    ov = window.tab("OverviewTab")
    window.tabs.setCurrentWidget(ov)
    qtbot.waitUntil(ov.is_ready, timeout=30_000)
    data = window.tab("DataTab")
    period = ov._result.get("period") or ov._result["kpis"]["period"]

    def click_bar(chart, row_key, value_col):
        window.tabs.setCurrentWidget(ov)
        chart.redraw()
        df = chart.data()
        ax = chart.figure().axes[0]
        i = df.index[df[row_key[0]] == row_key[1]][0]
        y = len(df) - 1 - i                            # horizontal bars: the first row on top
        _mouse(chart, ax, 1.0, y)
        assert window.tabs.currentWidget() is data
        qtbot.waitUntil(lambda: not data.lines_model.is_loading(), timeout=10_000)
        return float(df.loc[i, value_col])

    # a product: its merchandise lines of the period, adding up to its bar
    top = ov.top_chart.data()
    pid = top["product_id"].iloc[1]
    value = click_bar(ov.top_chart, ("product_id", pid), "net_sales")
    flt = data.lines_model.line_filter()
    assert flt.product_ids == (pid,) and flt.flag == "merchandise"
    assert (flt.date_from, flt.date_to) == (period["start"], period["end"])
    assert data.drill_bar.isVisible() and pid in data.drill_label.text()
    assert data.use_dates.isChecked() and data.flag.currentData() == "merchandise"
    with Shop(small_shop) as shop:
        ids = line_ids(shop.conn, flt)
        total = shop.conn.execute(
            f"SELECT total(amount) FROM lines WHERE line_id IN ({','.join(map(str, ids))})").fetchone()[0]
    assert data.lines_model.rowCount() == len(ids) > 0 and total == pytest.approx(value)
    assert "of 61 lines match" in data.count_label.text()
    # Clear: every line again, the bar gone
    data.drill_clear.click()
    qtbot.waitUntil(lambda: not data.lines_model.is_loading(), timeout=10_000)
    assert data.lines_model.line_filter().is_empty() and data.lines_model.rowCount() == 61
    assert not data.drill_bar.isVisible()
    # a country
    country = ov.country_chart.data()["country"].iloc[0]
    value = click_bar(ov.country_chart, ("country", country), "net_sales")
    flt = data.lines_model.line_filter()
    assert flt.countries == (country,)
    with Shop(small_shop) as shop:
        assert count_lines(shop.conn, flt) == data.lines_model.rowCount()
        assert shop.conn.execute("SELECT total(amount) FROM lines WHERE country = ? AND is_merchandise = 1 "
                                 "AND day BETWEEN ? AND ?", (country, period["start"], period["end"])
                                 ).fetchone()[0] == pytest.approx(value)
    # a cell of the weekday × hour heatmap: that hour on that weekday, merchandise sales only
    window.tabs.setCurrentWidget(ov)
    ov.heatmap_chart.redraw()
    _mouse(ov.heatmap_chart, ov.heatmap_chart.figure().axes[0], 0, 0)
    assert window.tabs.currentWidget() is data
    flt = data.lines_model.line_filter()
    assert flt.weekdays == (0,) and len(flt.hours) == 1 and data.flag.currentData() == "merchandise_sales"
    qtbot.waitUntil(lambda: not data.lines_model.is_loading(), timeout=10_000)
    with Shop(small_shop) as shop:
        assert data.lines_model.rowCount() == count_lines(shop.conn, flt)
        # the user's own filter changes keep the drill-down's keys until Clear
    data.search.setText("Mug")
    data._apply_filter()
    assert data.lines_model.line_filter().weekdays == (0,) and data.lines_model.line_filter().text == "Mug"


def test_segment_bar_click_asks_for_its_customers_lines(qtbot, open_tab):
    from shopinsight.gui.tabs.customers import CustomersTab

    rows = []
    for c in range(30):
        for k in range(c % 6 + 1):
            rows.append(dict(order_id=f"O{c}-{k}", ordered_at=f"2011-{1 + (c * 7 + k * 37) % 11:02d}-{1 + c % 27:02d} "
                             "12:00:00", customer_id=f"C{c}", product_id=f"P{k % 3}", quantity=1 + k,
                             unit_price=2.0 + c % 4, is_cancellation=0, is_merchandise=1))
    tab = open_tab(CustomersTab, rows, timeout=60_000)
    tab.tabs.setCurrentIndex(0)
    chart = tab.segment_chart
    qtbot.waitUntil(lambda: chart.figure() is not None, timeout=30_000)
    chart.redraw()
    summary = chart.data()
    got = []
    tab.ctx.lines_requested.connect(got.append)
    chart.drillRequested.connect(tab.ctx.show_lines)
    ax = chart.figure().axes[0]
    _mouse(chart, ax, 0.5, len(summary) - 1)        # the top row: the first segment
    assert len(got) == 1
    first = summary.iloc[0]
    with Shop(tab.ctx.shop_path) as shop:
        lines = shop.query_df("SELECT DISTINCT customer_id FROM lines " + _where(got[0]), _params(got[0]))
    assert len(lines) == int(first["customers"])
    assert str(got[0].label).startswith("Segment ")
    # a cell of the cohort heatmap: the first cohort's customers in their first month
    tab.tabs.setCurrentIndex(2)
    cohorts = tab.cohort_chart
    cohorts.drillRequested.connect(tab.ctx.show_lines)
    cohorts.redraw()
    _mouse(cohorts, cohorts.figure().axes[0], 0, 0)
    first = cohorts.data().iloc[0]
    assert got[-1].date_from == f"{first['cohort']}-01" and len(got[-1].customer_ids) == int(first["cohort_size"])
    # the customers table: a double-click shows that customer's lines
    tab.tabs.setCurrentIndex(1)
    model = tab.table_model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10_000)
    tab.table.doubleClicked.emit(model.index(0, 0))
    assert got[-1].customer_ids == (str(model.row(0)["customer_id"]),) and got[-1].flag == "merchandise"


def _where(flt):
    from shopinsight.core.lines import where_clause
    return where_clause(flt)[0]


def _params(flt):
    from shopinsight.core.lines import where_clause
    return where_clause(flt)[1]


def test_anomaly_item_show_lines_and_double_click(qtbot, open_tab):
    from shopinsight.gui.tabs.anomalies import AnomaliesTab

    rows = base_rows()
    rows[500]["unit_price"] = rows[500]["unit_price"] * 100
    tab = open_tab(AnomaliesTab, rows)
    got = []
    tab.ctx.lines_requested.connect(got.append)
    assert not tab.lines_button.isEnabled()
    tab.run()
    qtbot.waitUntil(lambda: tab.run_button.isEnabled() and tab.is_ready(), timeout=60_000)
    item = tab.current_item()
    assert item["level"] == "lines"
    tab.lines_button.click()
    assert got[-1] == LineFilter(line_ids=(int(item["line_id"]),))
    # the context chart (the product's price history): a click on the marked line is that line
    qtbot.waitUntil(lambda: tab.chart.figure() is not None and tab.chart.is_drawn(), timeout=20_000)
    tab.chart.drillRequested.connect(tab.ctx.show_lines)
    data = tab.chart.data()
    m = data[data["marked"]].iloc[0]
    ax = tab.chart.figure().axes[0]
    from matplotlib.dates import date2num
    _mouse(tab.chart, ax, date2num(pd.Timestamp(m["ordered_at"])), float(m["unit_price"]))
    assert got[-1].line_ids == (int(m["line_id"]),)


def test_forecast_history_point_click_asks_for_that_periods_lines(qtbot, open_tab):
    from matplotlib.dates import date2num

    from shopinsight.gui.tabs.forecast import ForecastTab
    from test_forecast_tab import _check, _rows as forecast_rows

    tab = open_tab(ForecastTab, forecast_rows(), ready=lambda t: t.is_ready() and t.product_list.count() > 0)
    tab.level_combo.setCurrentIndex(tab.level_combo.findData("product"))
    tab.freq_combo.setCurrentIndex(tab.freq_combo.findData("D"))
    tab.horizon_spin.setValue(7)
    tab.windows_spin.setValue(0)                     # no backtest: the history is what is clicked
    _check(tab, {"linear"})
    tab.train()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled() and tab.result is not None, timeout=60_000)
    got = []
    tab.ctx.lines_requested.connect(got.append)
    tab.chart.drillRequested.connect(tab.ctx.show_lines)
    tab.chart.redraw()
    series = tab.series_combo.currentData()
    hist = tab.result.history[tab.result.history["series"] == series]
    point = hist.iloc[len(hist) // 2]
    _mouse(tab.chart, tab.chart.figure().axes[0], date2num(pd.Timestamp(point["date"])), float(point["value"]))
    assert len(got) == 1
    flt = got[0]
    assert flt.product_ids == (series,) and flt.date_from == str(point["date"])[:10]
    with Shop(tab.ctx.shop_path) as shop:
        total = shop.conn.execute("SELECT total(amount) FROM lines " + _where(flt), _params(flt)).fetchone()[0]
    assert total == pytest.approx(float(point["value"]))


def test_recommendation_bars_and_history_rows_ask_for_the_orders_they_count(qtbot, open_tab):
    from test_recommendations_tab import _rows

    from shopinsight.gui.tabs.recommendations import RecommendationsTab

    tab = open_tab(RecommendationsTab, _rows(), timeout=20_000)
    tab.model_combo.setCurrentIndex(tab.model_combo.findData("itemknn"))
    tab.train()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled() and tab.model is not None, timeout=30_000)
    tab.pages.setCurrentIndex(1)
    tab.show_product("P10")
    qtbot.waitUntil(tab.is_ready, timeout=20_000)
    chart = tab.together_chart
    qtbot.waitUntil(lambda: chart.figure() is not None and chart.data() is not None, timeout=30_000)
    chart.redraw()
    together = chart.data()
    assert len(together) >= 2
    got = []
    tab.ctx.lines_requested.connect(got.append)
    chart.drillRequested.connect(tab.ctx.show_lines)
    _mouse(chart, chart.figure().axes[0], 0.5, 1)              # the second bar
    assert len(got) == 1 and set(got[0].product_ids) == {"P10", str(together.iloc[1]["product_id"])}
    with Shop(tab.ctx.shop_path) as shop:
        orders = shop.query_df("SELECT DISTINCT order_id FROM lines " + _where(got[0]), _params(got[0]))
    assert len(orders) == int(together.iloc[1]["orders"])
    # a double-click on a row of the customer's history: their lines of that product
    tab.pages.setCurrentIndex(0)
    tab.show_customer("K03")
    qtbot.waitUntil(lambda: tab.is_ready() and tab.history_model.rowCount() > 0, timeout=20_000)
    from shopinsight.gui.widgets.frame_table import FrameTable
    table = next(t for t in tab.findChildren(FrameTable) if t.model() is tab.history_model)
    row = tab.history_model.row(0)
    table.doubleClicked.emit(tab.history_model.index(0, 0))
    assert got[-1].customer_ids == ("K03",) and got[-1].product_ids == (str(row["product_id"]),)
    with Shop(tab.ctx.shop_path) as shop:
        orders = shop.query_df("SELECT DISTINCT order_id FROM lines " + _where(got[-1]), _params(got[-1]))
    assert len(got) == 2 and len(orders) == int(row["orders"])
