"""Every table header fits its column (no "edian net sales", "Orde", "Bou"), at the laptop size
1280×800, and no table shows a sort arrow on a column that is not sorted."""
from __future__ import annotations

import importlib

import pytest
from PySide6.QtWidgets import QTableView


def _clipped(tab) -> list[str]:
    from shopinsight.gui.screen_check import clipped_headers
    return [f"{type(tab).__name__}.{p}" for p in clipped_headers(tab, visible_only=False)]


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


def test_columns_refit_when_headers_are_renamed_after_the_rows(qtbot):
    """A tab sets its translated headers after the frame (the Forecast tab's backtest metrics:
    "Skill vs seasonal naive" over a column of "+12.3%"): the shared FrameTable refits to them."""
    import pandas as pd

    from shopinsight.gui.widgets.frame_model import DataFrameModel
    from shopinsight.gui.widgets.frame_table import FrameTable

    model = DataFrameModel()
    view = FrameTable(model, stretch_last=False)
    qtbot.addWidget(view)
    view.resize(1280, 400)
    view.show()
    model.set_frame(pd.DataFrame({"model": ["ets"], "chosen": [2], "skill": [0.12], "coverage": [0.8]}))
    model.set_headers({"model": "Model", "chosen": "Chosen for (series)", "skill": "Skill vs seasonal naive",
                       "coverage": "Interval coverage"})
    header = view.horizontalHeader()
    clipped = [model.headerData(c, header.orientation()) for c in range(model.columnCount())
               if view.columnWidth(c) < header.sectionSizeHint(c)]
    assert clipped == []
