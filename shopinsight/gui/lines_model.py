"""A table model over the shop's ``lines`` view that scales to millions of lines.

How it stays fast and small:

* the filter + ORDER BY runs once per change (:func:`shopinsight.core.lines.line_ids`) and
  yields the matching ``line_id``\\ s in display order as one compact int32 array (4 bytes a
  line).  With a task runner it runs on a worker — typing in the filter box never freezes
  the window, and a newer filter cancels the older query;
* rows are read on demand in blocks of ``block_size`` ids (a few hundred rowid lookups,
  about a millisecond) on the model's own :class:`~shopinsight.core.lines.LinesReader`, kept in a small LRU cache
  of ``max_blocks`` blocks.  Scrolling through a million lines never holds more than
  ``block_size * max_blocks`` rows.

SQLite in WAL mode lets this reader work while an import writes; the id array is a
snapshot, refreshed by :meth:`reload` (the Data tab calls it on ``data_changed``).
"""
from __future__ import annotations

import math
from collections import OrderedDict
from pathlib import Path
from typing import Any, Optional

import numpy as np
from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QModelIndex, Qt,
                            Signal)
from PySide6.QtGui import QColor, QFont

from ..core import fmt
from ..core.store import ShopError
from ..core.lines import LineFilter, LinesReader

__all__ = ["LinesModel"]

# Fetched columns (the visible ones plus the flags used for colouring).
_FETCH = ["line_id", "ordered_at", "order_id", "customer_id", "product_id", "product_name",
          "quantity", "unit_price", "amount", "country", "line_kind", "import_id",
          "is_cancellation", "is_merchandise"]
_IS_CANCEL = _FETCH.index("is_cancellation")
_IS_MERCH = _FETCH.index("is_merchandise")
_NUMERIC = {"quantity", "unit_price", "amount", "line_id", "import_id"}
_NAME_COL = _FETCH.index("product_name")

_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_USER = int(Qt.ItemDataRole.UserRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_STYLE_CANCEL, _STYLE_NON_MERCH = 1, 2
# cancellations in red (as in the Overview chart), postage/fees/adjustments in grey italics
_STYLE_COLOURS = (None, QColor("#b3261e"), QColor("#6b6b6b"))



def _column_titles() -> dict[str, str]:
    # context "LinesModel" (the class name), so lupdate and self.tr() agree
    return {
        "line_id": QCoreApplication.translate("LinesModel", "Line"),
        "ordered_at": QCoreApplication.translate("LinesModel", "Date and time"),
        "order_id": QCoreApplication.translate("LinesModel", "Order"),
        "customer_id": QCoreApplication.translate("LinesModel", "Customer"),
        "product_id": QCoreApplication.translate("LinesModel", "Product code"),
        "product_name": QCoreApplication.translate("LinesModel", "Product"),
        "quantity": QCoreApplication.translate("LinesModel", "Quantity"),
        "unit_price": QCoreApplication.translate("LinesModel", "Unit price"),
        "amount": QCoreApplication.translate("LinesModel", "Amount"),
        "country": QCoreApplication.translate("LinesModel", "Country"),
        "line_kind": QCoreApplication.translate("LinesModel", "Kind"),
        "import_id": QCoreApplication.translate("LinesModel", "Import"),
    }


def _kind_label(kind: Optional[str]) -> str:
    labels = {
        "sale": QCoreApplication.translate("LinesModel", "sale"),
        "cancellation": QCoreApplication.translate("LinesModel", "cancellation"),
        "return": QCoreApplication.translate("LinesModel", "return"),
        "fee": QCoreApplication.translate("LinesModel", "fee"),
        "postage": QCoreApplication.translate("LinesModel", "postage"),
        "adjustment": QCoreApplication.translate("LinesModel", "adjustment"),
        "discount": QCoreApplication.translate("LinesModel", "discount"),
        "voucher": QCoreApplication.translate("LinesModel", "voucher"),
        "write_off": QCoreApplication.translate("LinesModel", "stock write-off"),
        "sample": QCoreApplication.translate("LinesModel", "sample"),
        "service": QCoreApplication.translate("LinesModel", "service"),
        "tip": QCoreApplication.translate("LinesModel", "tip"),
        "tax": QCoreApplication.translate("LinesModel", "tax"),
        "deposit": QCoreApplication.translate("LinesModel", "deposit"),
        "summary": QCoreApplication.translate("LinesModel", "period total"),
    }
    return labels.get(kind or "", kind or "")


class LinesModel(QAbstractTableModel):
    """Lazily fetched, sortable, filterable view of the ``lines`` of one shop.

    ``runner`` (a :class:`~shopinsight.gui.tasks.TaskRunner`) moves the id query onto a
    worker; without it queries run synchronously (tests, tiny shops).
    """

    #: number of lines matching the current filter (emitted after every (re)load)
    count_changed = Signal(int)
    #: True while the id query runs on a worker
    loading_changed = Signal(bool)
    #: the id query failed (message)
    failed = Signal(str)

    COLUMNS = [c for c in _FETCH if c not in ("is_cancellation", "is_merchandise")]

    def __init__(self, parent=None, *, runner=None, block_size: int = 256, max_blocks: int = 48,
                 task_kind: str = "lines-query"):
        super().__init__(parent)
        self._runner = runner
        self._task_kind = task_kind
        self.block_size = int(block_size)
        self.max_blocks = int(max_blocks)
        self._path: Optional[Path] = None
        self._reader: Optional[LinesReader] = None
        self._ids = np.zeros(0, dtype=np.int32)
        self._cache: "OrderedDict[int, list[tuple]]" = OrderedDict()
        self._filter = LineFilter()
        self._sort_col = "line_id"
        self._descending = False
        self._generation = 0
        self._loading = False
        self._titles = _column_titles()
        self.block_fetches = 0      # how many block queries ran (tests, diagnostics)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        self._align = [right if c in _NUMERIC else left for c in self.COLUMNS]
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- public API ------------------------------------------------------------------------
    def set_shop(self, path: str | Path | None) -> None:
        """Browse another shop (None: empty model)."""
        self._close()
        self._path = Path(path) if path else None
        if self._path is not None:
            self._reader = LinesReader(self._path)
        self.reload()

    def shop_path(self) -> Optional[Path]:
        """The shop being browsed."""
        return self._path

    def set_filter(self, flt: LineFilter) -> None:
        """Show only the lines matching ``flt`` (re-queries)."""
        if flt != self._filter:
            self._filter = flt
            self.reload()

    def line_filter(self) -> LineFilter:
        """The current filter."""
        return self._filter

    def sort_key(self) -> tuple[str, bool]:
        """(column name, descending)."""
        return self._sort_col, self._descending

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by a column, server-side (QTableView calls this when a header is clicked)."""
        if not 0 <= column < len(self.COLUMNS):
            return
        name = self.COLUMNS[column]
        desc = order == Qt.SortOrder.DescendingOrder
        if (name, desc) != (self._sort_col, self._descending):
            self._sort_col, self._descending = name, desc
            self.reload()

    def reload(self) -> None:
        """Re-run the id query (after a filter/sort change or new data)."""
        self._generation += 1
        gen = self._generation
        if self._path is None:
            self._install(gen, np.zeros(0, dtype=np.int32))
            return
        flt, col, desc, path = self._filter, self._sort_col, self._descending, self._path
        if self._runner is None:
            try:
                ids = self._reader.ids(flt, col, desc)
            except ShopError as exc:
                self.failed.emit(str(exc))
                ids = np.zeros(0, dtype=np.int32)
            self._install(gen, ids)
            return

        def work(state):
            with LinesReader(path) as reader:
                return gen, reader.ids(flt, col, desc, should_stop=state.is_interruption_requested)

        self._set_loading(True)
        self._runner.start(self._task_kind, work,
                           on_done=self._install_result,
                           on_error=self._on_error, title=self.tr("Filtering lines"))

    def is_loading(self) -> bool:
        """True while an id query runs on a worker."""
        return self._loading

    def total(self) -> int:
        """Number of lines matching the filter (= rowCount)."""
        return int(len(self._ids))

    def line_id(self, row: int) -> Optional[int]:
        """The ``line_id`` shown in ``row``."""
        return int(self._ids[row]) if 0 <= row < len(self._ids) else None

    def row_values(self, row: int) -> Optional[dict[str, Any]]:
        """Raw values of a row (column name → value)."""
        rec = self._record(row)
        return dict(zip(_FETCH, rec)) if rec is not None else None

    def cached_rows(self) -> int:
        """Rows currently held in memory (bounded by block_size * max_blocks)."""
        return sum(len(b) for b in self._cache.values())

    def close(self) -> None:
        """Release the read connection and cancel a running query."""
        if self._runner is not None and self._loading:
            self._runner.cancel(self._task_kind)
        self._close()

    # -- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else int(len(self._ids))

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        name = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[name]
        if role == Qt.ItemDataRole.TextAlignmentRole and name in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # hot path: a repaint asks ~8 roles for each visible cell, so every role is a dict or
        # tuple lookup into the block, which was formatted once when it was fetched
        entry = self._entry(index.row())
        if entry is None:
            return None
        role = int(role)
        if role == _DISPLAY:
            shown = entry[1]
            if shown is None:   # formatted on first display, then kept with the block
                shown = entry[1] = tuple(self._format(n, v) for n, v in zip(self.COLUMNS, entry[0]))
            return shown[index.column()]
        if role == _ALIGN:
            return self._align[index.column()]
        if role == _FOREGROUND:
            return _STYLE_COLOURS[entry[2]]
        if role == _FONT:
            return self._italic if entry[2] == _STYLE_NON_MERCH else None
        if role == _USER:
            return entry[0][index.column()]
        if role == _TOOLTIP and index.column() == _NAME_COL:
            return entry[0][_NAME_COL] or None
        return None

    # -- internals -------------------------------------------------------------------------
    def _format(self, name: str, value: Any) -> Any:
        if value is None:
            return ""
        if name in ("quantity",):
            v = float(value)
            return fmt.integer(v) if v.is_integer() else fmt.number(v, 3)
        if name in ("unit_price", "amount"):
            v = float(value)
            if not math.isfinite(v):
                return ""
            # prices such as 0.001 keep their third decimal
            decimals = 2 if abs(round(v, 2) - v) < 1e-9 else 3
            return fmt.number(v, decimals)
        if name in ("line_id", "import_id"):
            return str(value)
        if name == "ordered_at":
            return fmt.datetime(str(value))
        if name == "line_kind":
            return _kind_label(value)
        return str(value)

    def _record(self, row: int) -> Optional[tuple]:
        entry = self._entry(row)
        return None if entry is None else entry[0]

    def _entry(self, row: int) -> Optional[list]:
        """(raw values, display strings, style) of a row, fetching its block when needed."""
        if not 0 <= row < len(self._ids) or self._reader is None:
            return None
        block_no, offset = divmod(row, self.block_size)
        block = self._cache.get(block_no)
        if block is None:
            block = self._fetch_block(block_no)
        else:
            self._cache.move_to_end(block_no)
        return block[offset] if offset < len(block) else None

    def _fetch_block(self, block_no: int) -> list[list]:
        start = block_no * self.block_size
        ids = self._ids[start:start + self.block_size].tolist()
        rows = self._reader.fetch(ids, _FETCH)
        if len(rows) != len(ids):   # a line vanished since the snapshot: keep rows aligned
            have = {r[0]: r for r in rows}
            rows = [have.get(i) or (i,) + (None,) * (len(_FETCH) - 3) + (0, 1) for i in ids]
        # [raw values, display strings (filled on first display), style]
        block = [[rec, None, _STYLE_CANCEL if rec[_IS_CANCEL] else (_STYLE_NON_MERCH if not rec[_IS_MERCH] else 0)]
                 for rec in rows]
        self.block_fetches += 1
        self._cache[block_no] = block
        while len(self._cache) > self.max_blocks:
            self._cache.popitem(last=False)
        return block

    def _install_result(self, result: tuple[int, np.ndarray]) -> None:
        # a bound method, so the runner drops the result if this model was deleted meanwhile
        self._install(*result)

    def _install(self, gen: int, ids: np.ndarray) -> None:
        if gen != self._generation:     # an older query finished after a newer one started
            return
        self.beginResetModel()
        self._ids = ids
        self._cache.clear()
        self.endResetModel()
        self._set_loading(False)
        self.count_changed.emit(int(len(ids)))

    def _on_error(self, exc) -> bool:
        self._set_loading(False)
        self.failed.emit(str(exc))
        return True     # handled: the Data tab shows the message next to the table

    def _set_loading(self, on: bool) -> None:
        if on != self._loading:
            self._loading = on
            self.loading_changed.emit(on)

    def _close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        self._cache.clear()
