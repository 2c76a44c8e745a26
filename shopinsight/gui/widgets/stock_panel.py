"""``StockPanel``: stock on hand and on order per product, typed or read from a CSV by the core.

One row per product of a forecast (what was typed for a product is kept when the rows change);
cells and files are parsed by :mod:`shopinsight.core.forecast.reorder` (``parse_stock``,
``read_stock_csv``), so a bad value is named the same way as on the command line.  ``changed`` is
emitted when the stock or the pack size changes.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QSpinBox, QTableWidget, QTableWidgetItem, QWidget

from .job_tab import tr_args
from .layout import STRETCH, button, hbox, vbox

__all__ = ["StockPanel"]


class StockPanel(QWidget):
    """See the module docs: ``fill_rows(ids, labels)``, ``levels()``, ``set_levels(levels)``, ``load(path)``."""

    changed = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Product"), self.tr("Name"), self.tr("On hand"),
                                              self.tr("On order")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.pack_spin = QSpinBox()
        self.pack_spin.setRange(1, 100_000)
        self.pack_spin.setValue(1)
        self.pack_spin.valueChanged.connect(lambda _v: self.changed.emit())
        self.status = QLabel(self.tr("Type the stock on hand and on order, or load a stock file. "
                                     "Products without stock show the reorder point only."))
        self.status.setWordWrap(True)
        load = button(self.tr("Load stock file…"), self.load,
                      tooltip=self.tr("A CSV with the header product_id,on_hand[,on_order]"))
        vbox(hbox(load, button(self.tr("Clear stock"), lambda: self.set_levels({})), self.tr("Pack size"),
                  self.pack_spin, STRETCH), self.status, self.table, parent=self)

    def _cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item else ""

    def ids(self) -> list[str]:
        return [self._cell(i, 0) for i in range(self.table.rowCount()) if self.table.item(i, 0)]

    def fill_rows(self, ids: list[str], labels: dict) -> None:
        """One row per product, keeping what was typed for products seen before."""
        current = self.ids()
        if current == ids:
            return
        typed = {pid: (self._cell(i, 2), self._cell(i, 3)) for i, pid in enumerate(current)}
        self.table.blockSignals(True)
        self.table.setRowCount(len(ids))
        for i, pid in enumerate(ids):
            for c, text in enumerate([pid, str(labels.get(pid, pid)), *typed.get(pid, ("", ""))]):
                item = QTableWidgetItem(text)
                if c < 2:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(i, c, item)
        self.table.blockSignals(False)

    def levels(self) -> dict:
        """Stock typed in the table: product → StockLevel (rows without on hand are unknown)."""
        from ...core.errors import InputError
        from ...core.forecast.reorder import parse_stock
        rows = [["product_id", "on_hand", "on_order"]]
        for i in range(self.table.rowCount()):
            if self._cell(i, 2) or self._cell(i, 3):
                rows.append([self._cell(i, 0), self._cell(i, 2) or "", self._cell(i, 3)])
        try:
            return parse_stock(rows, file=self.tr("Stock table"))
        except InputError as exc:
            self.status.setText(tr_args(self.tr("Stock ignored: %1"), exc))
            return {}

    def set_levels(self, levels: dict) -> None:
        """Put stock levels (product → StockLevel) into the table."""
        self.table.blockSignals(True)
        for i in range(self.table.rowCount()):
            lv = levels.get(self._cell(i, 0))
            for c, v in ((2, None if lv is None else lv.on_hand), (3, None if lv is None else lv.on_order)):
                self.table.setItem(i, c, QTableWidgetItem("" if v is None else f"{v:g}"))
        self.table.blockSignals(False)
        self.changed.emit()

    def load(self, path: Optional[str] = None) -> bool:
        """Read a stock CSV (product_id,on_hand[,on_order]) with the core reader."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Load stock file"), "", self.tr("CSV (*.csv *.txt)"))
            if not path:
                return False
        from ...core.errors import InputError
        from ...core.forecast.reorder import read_stock_csv
        try:
            levels = read_stock_csv(path)
        except InputError as exc:
            self.status.setText(tr_args(self.tr("Problem with the stock file: %1"), exc))
            return False
        self.status.setText(tr_args(self.tr("Read stock of %1 products (%2 of them in this forecast)."),
                                    len(levels), len(set(self.ids()) & set(levels))))
        self.set_levels(levels)
        return True
