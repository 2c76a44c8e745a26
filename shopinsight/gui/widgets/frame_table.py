"""``FrameTable``: the one table view every tab uses over a :class:`DataFrameModel`.

No row numbers (they mean nothing here); each column as wide as its header and content, capped so a
long name or reason does not push the others away (the rest is elided, with the whole text as the
tooltip), refitted when the rows or the header texts change; rows selected whole; sortable by clicking a header, with no sort arrow until the user
sorts (an arrow on an unsorted column would misstate the order).
"""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

__all__ = ["FrameTable"]


class FrameTable(QTableView):
    """See the module docs.  ``max_column_width`` caps a column fitted to its content (when the columns
    are wider than the view, the widest are narrowed, not below ``min_column_width``); ``single``
    lets one row at a time be selected, and ``on_row(view_row)`` is called when the current row
    changes (with a model)."""

    FIT_ROWS = 60
    """At most this many rows are measured to fit a column (the visible ones first)."""

    def __init__(self, model: Optional[QAbstractItemModel] = None, parent: Optional[QWidget] = None, *,
                 sortable: bool = True, max_column_width: int = 340, stretch_last: bool = True,
                 single: bool = False, on_row: Optional[Callable[[int], None]] = None,
                 min_column_width: int = 120):
        super().__init__(parent)
        self.max_column_width = max_column_width
        self.min_column_width = min_column_width
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.horizontalHeader().setStretchLastSection(stretch_last)
        self.horizontalHeader().setHighlightSections(False)
        # fitting a column asks the model for each row it measures (a Python call that formats a value):
        # the visible rows and a few more, never Qt's default of a thousand (a stall of 0.1–0.3 s)
        self.horizontalHeader().setResizeContentsPrecision(self.FIT_ROWS)
        self._sortable = sortable
        if single:
            self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        if model is not None:
            self.setModel(model)
            if on_row is not None:
                self.selectionModel().currentRowChanged.connect(lambda cur, _prev: on_row(cur.row()))

    def setModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 (Qt's name)
        super().setModel(model)
        if self._sortable:
            self.setSortingEnabled(True)
            # enabling sorting shows an arrow on column 0 (and sorts by it): no arrow until asked
            self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        model.modelReset.connect(self.fit_columns)
        # headers renamed after the rows arrived (a tab sets its translated headers after the frame,
        # the language changes): the columns fit the new header texts too
        model.headerDataChanged.connect(self._header_changed)
        self.fit_columns()

    def _header_changed(self, orientation: Qt.Orientation, first: int, last: int) -> None:
        if orientation == Qt.Orientation.Horizontal:
            self.fit_columns()

    def fit_columns(self) -> None:
        """Each column as wide as its header and the visible rows' content (at most :attr:`FIT_ROWS`
        rows), at most ``max_column_width``."""
        model = self.model()
        if model is None:
            return
        self.resizeColumnsToContents()
        for c in range(model.columnCount()):
            if self.columnWidth(c) > self.max_column_width:
                self.setColumnWidth(c, self.max_column_width)
        self._fit_to_view()

    def _fit_to_view(self) -> None:
        """Columns wider together than the view: narrow the widest ones (their text elides, the whole
        of it in the tooltip) to one common cap so that all fit — never below their header's width nor
        below ``min_column_width`` — rather than pushing the last columns out of sight ("Orde")."""
        model, header = self.model(), self.horizontalHeader()
        avail = self.viewport().width()
        cols = [c for c in range(model.columnCount()) if not self.isColumnHidden(c)]
        if avail <= 50 or not cols:
            return
        widths = {c: self.columnWidth(c) for c in cols}
        if sum(widths.values()) <= avail:
            return
        floor = {c: min(widths[c], max(header.sectionSizeHint(c), self.min_column_width)) for c in cols}

        def total(cap: int) -> int:
            return sum(min(widths[c], max(cap, floor[c])) for c in cols)
        lo, hi = 0, max(widths.values())
        while lo < hi:                      # the widest cap with which everything fits
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if total(mid) <= avail else (lo, mid - 1)
        for c in cols:
            if widths[c] > max(lo, floor[c]):
                self.setColumnWidth(c, max(lo, floor[c]))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width() and self.model() is not None:
            self.fit_columns()
