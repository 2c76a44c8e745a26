"""Forecast tab offscreen: trains in the background, shows chart, metrics and per-product
reorder table, stores and reloads the run, exports, cancels, and never imports TensorFlow."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

PROFILE = [10.0, 12.0, 9.0, 13.0, 8.0, 0.0, 4.0]


def _rows(days=120):
    rows = []
    for i, d in enumerate(pd.date_range("2024-01-01", periods=days)):
        if d.day_of_week == 5:
            continue
        for p, (price, mult) in {"A": (2.0 + 0.3 * np.sin(i / 9), 1.0), "B": (5.0, 0.5)}.items():
            rows.append(dict(order_id=f"O{i}{p}", ordered_at=f"{d.date()} 10:00:00", customer_id="K1",
                             product_id=p, product_name=f"MUG {p}", quantity=PROFILE[d.day_of_week] * mult,
                             unit_price=price, country="United Kingdom", is_cancellation=0,
                             is_merchandise=1, line_kind="sale"))
    return rows


@pytest.fixture
def tab(open_tab):
    from shopinsight.gui.tabs.forecast import ForecastTab

    return open_tab(ForecastTab, _rows(), ready=lambda t: t.is_ready() and t.product_list.count() > 0,
                    timeout=20_000)


def _check(tab, names):
    from PySide6.QtCore import Qt
    for i in range(tab.model_list.count()):
        item = tab.model_list.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in names
                           else Qt.CheckState.Unchecked)


def test_tab_flow(qtbot, tab, tmp_path, tensorflow_guard):
    assert tab.title() == "Forecast"
    assert tab.chart.data() is None or tab.result is None
    # parameter forms come from the registry
    tab.model_list.setCurrentRow([tab.model_list.item(i).data(256) for i in range(tab.model_list.count())].index("gbm"))
    assert tab.params_form.rowCount() == 5
    # lead time and service level only where they apply (per-product unit forecasts)
    assert tab.result is not None or tab.reorder_row.isHidden()
    tab.level_combo.setCurrentIndex(tab.level_combo.findData("product"))
    tab.target_combo.setCurrentIndex(tab.target_combo.findData("units"))
    tab.freq_combo.setCurrentIndex(tab.freq_combo.findData("D"))
    tab.horizon_spin.setValue(14)
    tab.windows_spin.setValue(2)
    _check(tab, {"linear", "tsb"})
    tab.train()
    assert not tab.train_button.isEnabled() and tab.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled(), timeout=60_000)
    r = tab.result
    assert r is not None and r.run_id and tab.progress.isHidden()   # no full bar left after the job
    assert set(r.selected) == {"A", "B"} and tab.series_combo.count() == 2
    assert tab.chart.figure() is not None and len(tab.chart.data()) > 0
    models = set(tab.metrics_model.frame()["model"])
    assert {"naive", "seasonal_naive", "moving_average", "linear", "tsb", "auto"} <= models
    col = list(tab.metrics_model.frame().columns).index("model")
    shown = {tab.metrics_model.data(tab.metrics_model.index(i, col)) for i in range(tab.metrics_model.rowCount())}
    assert {"Seasonal naive", "Automatic choice"} <= shown and not shown & models   # labels, never ids
    # "Chosen for (series)": the automatic choice chose for both series (was shown as 0)
    chosen = tab.metrics_model.frame().set_index("model")["chosen"]
    assert chosen["auto"] == 2 and chosen.drop("auto").sum() == 2
    prod = tab.products_model.source_frame()
    assert list(prod["series"]) == ["B", "A"] and "order_qty" in prod     # largest net sales first
    # the lead time is bounded by the horizon (never silently clipped)
    assert tab.lead_spin.maximum() == 14 and tab.lead_spin.value() == 14
    # without stock: the reorder point, no order quantity as if stock were zero
    assert prod["order_qty"].isna().all() and (prod["reorder_point"] > 0).all()
    assert set(prod["note"]) == {"stock unknown: showing the reorder point"}
    assert not tab.reorder_row.isHidden() and tab.result_tabs.isTabVisible(tab.result_tabs.indexOf(tab.stock_page))
    # stock typed in the Stock table: order = max(0, reorder point − on hand − on order)
    assert [tab.stock_table.item(i, 0).text() for i in range(tab.stock_table.rowCount())] == ["B", "A"]
    from PySide6.QtWidgets import QTableWidgetItem
    tab.stock_table.setItem(1, 2, QTableWidgetItem("3"))
    tab.stock_table.setItem(1, 3, QTableWidgetItem("2"))
    prod = tab.products_model.source_frame().set_index("series")
    assert prod.loc["A", "order_qty"] == max(0, int(np.ceil(prod.loc["A", "reorder_point"] - 5)))
    assert pd.isna(prod.loc["B", "order_qty"]) and prod.loc["A", "note"] == ""
    # a stock file, read by the core (bad values named), with a pack size
    bad = tmp_path / "bad.csv"
    bad.write_text("product_id,on_hand\nB,many\n", encoding="utf-8")
    assert not tab.load_stock(str(bad))
    assert "line 2" in tab.stock_status.text() and "many" in tab.stock_status.text()
    good = tmp_path / "stock.csv"
    good.write_text("product_id,on_hand,on_order\nB,1000,0\nA,0,0\n", encoding="utf-8")
    assert tab.load_stock(str(good))
    tab.pack_spin.setValue(6)
    prod = tab.products_model.source_frame().set_index("series")
    assert prod.loc["B", "order_qty"] == 0 and prod.loc["A", "order_qty"] % 6 == 0
    assert prod.loc["A", "order_qty"] >= prod.loc["A", "reorder_point"]
    # export
    out = tmp_path / "f.csv"
    assert tab.export(str(out))
    assert list(pd.read_csv(out, encoding="utf-8-sig").columns) == ["series", "date", "model", "forecast",
                                                                     "lo", "hi", "selected"]
    # price what-if
    tab.price_product.setCurrentIndex(tab.price_product.findData("A"))
    tab.price_whatif()
    qtbot.waitUntil(lambda: tab.price_chart.data() is not None and not tab.ctx.runner.is_running(), timeout=20_000)
    assert {"price", "units", "revenue"} <= set(tab.price_chart.data().columns)
    # the stored run comes back after a reload (restart)
    run_id = r.run_id
    tab.reload()
    qtbot.waitUntil(lambda: tab.result is not None and tab.is_ready(), timeout=20_000)
    assert tab.result.run_id == run_id
    tensorflow_guard()   # this test did not load TensorFlow


def test_cancel_stores_nothing(qtbot, tab):
    from shopinsight.core.store import Shop

    _check(tab, {"gbm", "linear"})
    tab.windows_spin.setValue(4)
    tab.train()
    tab.cancel()
    assert tab.train_button.isEnabled() and not tab.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not tab.ctx.runner.is_running(), timeout=30_000)
    with Shop(tab.ctx.shop_path) as shop:
        assert shop.list_runs("forecast").empty


@pytest.mark.parametrize("size", [(1280, 760), (1920, 1040)])
def test_train_button_is_always_in_view(qtbot, tab, size):
    """The action buttons stay visible at a laptop's size (the settings scroll, the actions do not)."""
    from PySide6.QtCore import QPoint

    tab.resize(*size)
    qtbot.wait(50)
    for button in (tab.train_button, tab.cancel_button):
        top_left = button.mapTo(tab, QPoint(0, 0))
        assert button.isVisible() and top_left.y() >= 0 and top_left.y() + button.height() <= tab.height(), \
            (size, top_left.y(), tab.height())
        # and not clipped by a scroll area's viewport
        assert button.visibleRegion().boundingRect().height() == button.height()

