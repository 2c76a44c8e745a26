"""Every table header fits its column (no "edian net sales", "Orde", "Bou"), at the laptop size
1280×800, and no table shows a sort arrow on a column that is not sorted."""
from __future__ import annotations

import importlib

import pytest
from PySide6.QtWidgets import QTableView


def _clipped(tab) -> list[str]:
    out = []
    for view in tab.findChildren(QTableView):
        model, header = view.model(), view.horizontalHeader()
        if model is None or header.isHidden():
            continue
        for c in range(model.columnCount()):
            if view.isColumnHidden(c):
                continue
            want = header.sectionSizeHint(c)
            if view.columnWidth(c) < want and not (header.stretchLastSection() and c == model.columnCount() - 1):
                out.append(f"{type(tab).__name__}.{view.objectName() or '?'}: {model.headerData(c, header.orientation())!r} "
                           f"{view.columnWidth(c)} < {want}")
    return out


@pytest.mark.parametrize("module, cls, rows_from", [
    ("shopinsight.gui.tabs.customers", "CustomersTab", "test_customers_tab"),
    ("shopinsight.gui.tabs.recommendations", "RecommendationsTab", "test_recommendations_tab"),
    ("shopinsight.gui.tabs.anomalies", "AnomaliesTab", "test_anomalies_tab"),
])
def test_headers_fit_their_columns_at_1280x800(qtbot, open_tab, module, cls, rows_from):
    tab_cls = getattr(importlib.import_module(module), cls)
    tab = open_tab(tab_cls, importlib.import_module(rows_from)._rows(), timeout=30_000)
    tab.resize(1280, 800)
    qtbot.waitUntil(lambda: not tab.ctx.runner.running_tasks(), timeout=30_000)
    assert _clipped(tab) == []
    arrows = [v.objectName() for v in tab.findChildren(QTableView)
              if v.isSortingEnabled() and v.horizontalHeader().sortIndicatorSection() >= 0
              and v.horizontalHeader().isSortIndicatorShown() and v.model() is not None
              and v.model().columnCount() > v.horizontalHeader().sortIndicatorSection()]
    assert arrows == []
