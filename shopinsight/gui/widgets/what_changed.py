"""The Overview's "What changed" panel: the bridge (waterfall) of net sales from the previous
period to the chosen one, the explanation in words, and the top contributors per dimension.

Everything comes from :mod:`shopinsight.core.explain` (``options_for_overview`` and
``run_explain`` on the task runner; ``bridge_figure`` on the GUI thread); ``shopinsight explain``
prints the same.  The panel follows the Overview's period choice.
"""
from __future__ import annotations

from functools import partial

from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QSizePolicy,
                               QVBoxLayout, QWidget)

from .chart import ChartView
from .frame_model import DataFrameModel
from .frame_table import FrameTable

__all__ = ["WhatChangedPanel"]

TASK = "overview-explain"


class WhatChangedPanel(QFrame):
    """See the module docs.  :meth:`load` starts the computation for a shop and Overview period."""

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("WhatChangedPanel")
        self.ctx = ctx
        self.result = None
        self._loading = False
        title = QLabel(self.tr("What changed"))
        title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color: #5b6472;")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setStyleSheet("font-size: 13px;")
        self.text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.chart = ChartView(name="what_changed", min_height=330)
        self.dimension = QComboBox()
        self.dimension.currentIndexChanged.connect(self._show_contributors)
        self.model = DataFrameModel(ctx=ctx, headers={
            "name": self.tr("Name"), "amount": self.tr("Change"),
            "share_before": self.tr("Share before"), "share_after": self.tr("Share after")},
            formats={"amount": "money", "share_before": "percent", "share_after": "percent"})
        self.table = FrameTable(self.model, max_column_width=200, stretch_last=False)
        self.table.setMinimumHeight(220)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #5b6472; font-size: 11px;")

        side = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Who added and who took away most:")))
        row.addWidget(self.dimension, 1)
        side.addLayout(row)
        side.addWidget(self.table, 1)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(10)
        head.addWidget(self.subtitle, 1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 6, 0, 0)
        grid.addLayout(head, 0, 0, 1, 2)
        grid.addWidget(self.text, 1, 0, 1, 2)
        grid.addWidget(self.chart, 2, 0)
        grid.addLayout(side, 2, 1)
        grid.addWidget(self.notes, 3, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

    # -- loading ------------------------------------------------------------------------------------
    def is_ready(self) -> bool:
        return not self._loading

    def load(self, path, period: str) -> None:
        """Explain the Overview's ``period`` of the shop at ``path`` against the one before (background)."""
        self.result = None
        self._loading = True
        self.text.setText(self.tr("Working out what changed…"))
        self.subtitle.setText("")
        self.notes.setText("")
        self.chart.set_message(self.tr("Loading…"))
        self.model.set_frame(self.model.source_frame().head(0))

        def work(state):
            from ...core.explain import options_for_overview, run_explain
            from ...core.store import Shop
            with Shop(path) as shop:
                opts = options_for_overview(shop, period)
                return None if opts is None else run_explain(shop, opts, state.reporter)

        self.ctx.runner.start(TASK, work, on_done=self._done, on_error=self._failed,
                              on_cancelled=self._cancelled, title=self.tr("Working out what changed"))

    def _cancelled(self) -> None:
        self._loading = False

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.text.setText(self.tr("Could not work out what changed: %1").replace("%1", str(exc)))
        self.chart.set_message(self.tr("Could not compute this chart."))

    def _done(self, result) -> None:
        from ...core.explain import DIMENSION_LABELS, bridge_figure, span_label

        self._loading = False
        self.result = result
        if result is None:
            self.text.setText(self.tr("There is no earlier period of the same length to compare with. "
                                      "Choose a shorter period."))
            import pandas as pd

            from ...core.charts import empty_figure
            self.chart.set_figure(partial(empty_figure, self.tr("Nothing to compare")), pd.DataFrame({"key": [], "amount": []}))
            return
        self.subtitle.setText(self.tr("%1 compared with %2").replace("%1", span_label(result.after_span))
                              .replace("%2", span_label(result.before_span)))
        self.text.setText(result.text)
        self.chart.set_figure(partial(bridge_figure, result, title=""), result.part_table())
        self.notes.setText("\n".join(result.note_texts()))
        keep = self.dimension.currentData()
        self.dimension.blockSignals(True)
        self.dimension.clear()
        for dim in result.contributors:
            self.dimension.addItem(DIMENSION_LABELS[dim], dim)
        self.dimension.setCurrentIndex(max(0, self.dimension.findData(keep)))
        self.dimension.blockSignals(False)
        self._show_contributors()

    def _show_contributors(self, *_args) -> None:
        dim = self.dimension.currentData()
        if self.result is None or dim is None:
            return
        df = self.result.contributors[dim][["name", "amount", "share_before", "share_after"]]
        self.model.set_frame(df)
        self.table.fit_columns()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)   # names get the room
