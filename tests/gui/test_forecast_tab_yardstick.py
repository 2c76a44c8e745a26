"""Forecast tab on a monthly shop (issue 11): the frequency follows the data by default and the
tab says in words when no model beat repeating last season."""
from __future__ import annotations

import numpy as np
import pandas as pd

PROFILE = np.array([80, 70, 95, 100, 110, 105, 90, 85, 120, 140, 190, 230], float) * 10


def _monthly_rows(years=5):
    return [dict(order_id=f"M{i}", ordered_at=f"{d.date()}", product_id="TOTAL", product_name="All sales",
                 quantity=1.0, unit_price=float(v), country="United Kingdom", is_cancellation=0,
                 is_merchandise=1)
            for i, (d, v) in enumerate(zip(pd.date_range("2015-01-01", periods=12 * years, freq="MS"),
                                           np.tile(PROFILE, years)))]


def test_monthly_shop_follows_the_data_and_says_when_the_yardstick_won(qtbot, open_tab):
    from PySide6.QtCore import Qt

    from shopinsight.gui.tabs.forecast import ForecastTab

    tab = open_tab(ForecastTab, _monthly_rows(), ready=lambda t: t.is_ready(), timeout=20_000)
    assert tab.freq_combo.currentData() == "auto"
    assert tab.horizon_spin.value() == 3                       # a monthly horizon, not 28
    for i in range(tab.model_list.count()):
        item = tab.model_list.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) == "linear"
                           else Qt.CheckState.Unchecked)
    tab.windows_spin.setValue(3)
    tab.train()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled(), timeout=60_000)
    r = tab.result
    assert r is not None and r.spec.freq == "M" and r.freq_source == "detected"
    assert r.selected == {"total": "seasonal_naive"}
    text = tab.notes_label.text()
    assert "monthly" in text
    assert "No model beat repeating last season on this data" in text
