"""The main window's tabs, in display order.

Add a tab with a one-line edit of :data:`TAB_CLASSES`: ``"module:ClassName"``.  Tabs in
:data:`LAZY_TABS` are imported and built when first shown, the others when the window is built;
a tab's module may import pandas/matplotlib at top level but never TensorFlow.

A tab is a ``QWidget`` subclass with this protocol (an analysis tab derives from
:class:`~shopinsight.gui.widgets.job_tab.AnalysisTab`, which implements the loading, ``is_ready`` and
``show_run`` parts of it: the tab declares its job kind, its loaders and how it shows a result):

``__init__(self, ctx: AppContext, parent=None)``
    Cheap: build widgets only.  Load data in the background via ``ctx.runner`` when the shop
    changes (``ctx.shop_changed``), when data changes (``ctx.data_changed``), and once at the
    end of ``__init__`` if ``ctx.shop_path`` is already set.
``title(self) -> str``
    The translated tab name (``self.tr("Overview")``).
``is_ready(self) -> bool`` (optional, default True)
    True once the tab's content for the current shop is fully shown (its tasks finished and
    its charts set).  ``gui --screenshots`` waits for it, and for every ``ChartView`` inside
    the tab to be drawn, before grabbing the tab.
``screenshot_extras(self, save) -> None`` (optional)
    For ``--screenshots``: open the tab's important dialogs one at a time, call
    ``save(name, widget)`` for each (it processes events and writes ``name.png``), then close them.
``show_run(self, run_id) -> None`` (optional)
    Show stored run ``run_id`` (of the tab's kind, see :data:`RUN_TABS`): the Runs tab's Open.
``export(self) -> bool`` (optional)
    File ▸ Export… calls it on the current tab; return False to fall back to exporting lines.

Tabs are rebuilt when the UI language changes, so they need not retranslate themselves.
"""
from __future__ import annotations

import importlib

__all__ = ["TAB_CLASSES", "LAZY_TABS", "RUN_TABS", "load_tab_class", "run_tab_class"]

TAB_CLASSES: list[str] = [
    "shopinsight.gui.tabs.data:DataTab",
    "shopinsight.gui.tabs.overview:OverviewTab",
    "shopinsight.gui.tabs.forecast:ForecastTab",
    "shopinsight.gui.tabs.customers:CustomersTab",
    "shopinsight.gui.tabs.recommendations:RecommendationsTab",
    "shopinsight.gui.tabs.anomalies:AnomaliesTab",
    "shopinsight.gui.tabs.runs:RunsTab",
]

# Tabs built only when first shown (their modules pull in scikit-learn and friends, which would
# slow the start): class name -> the title string its ``title()`` translates (same context).
LAZY_TABS: dict[str, str] = {
    "ForecastTab": "Forecast",
    "CustomersTab": "Customers",
    "RecommendationsTab": "Recommendations",
    "AnomaliesTab": "Anomalies",
    "RunsTab": "Runs",
}

# The tab that shows stored runs of each kind (``Shop.save_run(kind=...)``): the Runs tab's Open
# switches to it and calls its ``show_run(run_id)``; a kind without an entry (or whose tab has no
# ``show_run``) cannot be opened.
RUN_TABS: dict[str, str] = {
    "forecast": "ForecastTab",
    "customers": "CustomersTab",
    "recommend": "RecommendationsTab",
    "anomalies": "AnomaliesTab",
    "overview": "OverviewTab",
}


def load_tab_class(spec: str) -> type:
    """Import one ``"module:Class"`` tab class."""
    module_name, _, cls_name = spec.partition(":")
    return getattr(importlib.import_module(module_name), cls_name)


def run_tab_class(kind: str) -> "type | None":
    """The tab class that can show a stored run of ``kind`` by id (it has ``show_run``), or None.
    Imports that tab's module (no widget is made: safe on a worker thread)."""
    name = RUN_TABS.get(kind)
    spec = next((s for s in TAB_CLASSES if s.endswith(f":{name}")), None) if name else None
    if spec is None:
        return None
    cls = load_tab_class(spec)
    return cls if callable(getattr(cls, "show_run", None)) else None
