"""Forecast tab, "Why this forecast": after training, the selected series' parts are drawn as a
stacked chart whose data add up to the forecast; a stored run comes back with it; a run stored
before explanations existed says so instead of drawing anything."""
from __future__ import annotations

import numpy as np
import pytest

from test_forecast_tab import _check, _rows


@pytest.fixture
def tab(open_tab):
    from shopinsight.gui.tabs.forecast import ForecastTab

    return open_tab(ForecastTab, _rows(), ready=lambda t: t.is_ready() and t.product_list.count() > 0,
                    timeout=20_000)


def test_why_this_forecast_chart(qtbot, tab):
    from shopinsight.core.store import Shop

    assert tab.explain_chart.figure() is None
    tab.level_combo.setCurrentIndex(tab.level_combo.findData("product"))
    tab.freq_combo.setCurrentIndex(tab.freq_combo.findData("D"))
    tab.horizon_spin.setValue(14)
    tab.windows_spin.setValue(0)
    _check(tab, {"linear"})
    tab.train()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled(), timeout=60_000)
    r = tab.result
    assert r is not None and r.contributions is not None
    tab.result_tabs.setCurrentWidget(tab.explain_page)
    for i in range(tab.series_combo.count()):
        tab.series_combo.setCurrentIndex(i)
        data = tab.explain_chart.data()
        assert tab.explain_chart.figure() is not None and len(data) == 14
        parts = [c for c in ("level", "season", "calendar", "price") if c in data]
        assert parts == ["level", "season", "calendar", "price"]          # product series: price too
        np.testing.assert_allclose(data[parts].sum(axis=1), data["forecast"], rtol=1e-6, atol=1e-9)
        ax = tab.explain_chart.figure().axes[0]
        assert ax.get_title("left").startswith("Why this forecast") or ax.get_title().startswith("Why this forecast")
        assert "exact" in tab.explain_note.text()
    # a run stored before explanations: a plain message, no chart
    with Shop(tab.ctx.shop_path) as shop:
        shop.conn.execute("DELETE FROM run_tables WHERE name = 'contributions'")
        shop.conn.commit()
    tab.reload()
    qtbot.waitUntil(lambda: tab.result is not None and tab.is_ready(), timeout=20_000)
    assert tab.result.contributions is None
    assert tab.explain_chart.figure() is None and "train the forecast again" in tab.explain_note.text()
