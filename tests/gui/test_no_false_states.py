"""No false states: once a tab has loaded and nothing is running, no pane says "Loading…" — a chart
that waits for the user says what to do instead (price what-if, customer history, the model charts)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel


def _loading_labels(tab) -> list[str]:
    from shopinsight.gui.widgets.chart import ChartView

    out = []
    for chart in tab.findChildren(ChartView):
        if chart.figure() is None and chart._message.text() in ("Loading…", "Loading..."):
            out.append(chart.name)
    out += [lb.objectName() or lb.text() for lb in tab.findChildren(QLabel)
            if lb.text() in ("Loading…", "Loading...") and lb.isVisible()]
    return out


@pytest.mark.parametrize("module, cls, rows_from", [
    ("shopinsight.gui.tabs.customers", "CustomersTab", "test_customers_tab"),
    ("shopinsight.gui.tabs.forecast", "ForecastTab", "test_forecast_tab"),
    ("shopinsight.gui.tabs.recommendations", "RecommendationsTab", "test_recommendations_tab"),
])
def test_loaded_tabs_show_no_false_loading(qtbot, open_tab, module, cls, rows_from):
    import importlib

    tab_cls = getattr(importlib.import_module(module), cls)
    rows = importlib.import_module(rows_from)._rows()
    tab = open_tab(tab_cls, rows, timeout=30_000)
    qtbot.waitUntil(lambda: not tab.ctx.runner.running_tasks(), timeout=30_000)
    assert _loading_labels(tab) == []
