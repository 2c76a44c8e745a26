"""A table model over the shop's ``lines`` view that scales to millions of lines.

How it stays fast and small (the paging itself is :class:`shopinsight.core.lines.LinePager`):

* nothing reads every matching line: the first block of rows is read by keyset
  (``ORDER BY … LIMIT n``, a millisecond at 5 M lines) while the matching lines are counted
  separately; the rows show before the count arrives, meanwhile :attr:`counting` gives a lower
  bound ("at least 256 lines"), never a false total;
* rows are read on demand in blocks of ``block_size`` rows, each continuing from the key where
  the block before it ended (the pager's anchors), and kept in a small LRU cache of
  ``max_blocks`` blocks: scrolling through a million lines never holds more than
  ``block_size * max_blocks`` rows;
* with a task runner every read runs on a worker (a block not read yet shows blank for that
  moment), so a slow read — a page of an order without index, a rare word, a jump to the middle
  — never freezes the window, and a newer filter or order cancels the older reads; once counted,
  an order whose keys an index holds (line, product, customer, order) gets its anchors built in
  the background, so that a jump seeks near its row instead of counting rows from the top.

SQLite in WAL mode lets the reads work while an import writes; :meth:`reload` (the Data tab
calls it on ``data_changed``) starts a fresh browse.
"""
from __future__ import annotations

import math
from collections import OrderedDict
from pathlib import Path
from typing import Any, Optional

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QModelIndex, Qt,
                            Signal)
from PySide6.QtGui import QColor, QFont

from ..core import fmt
from ..core.store import ShopError
from ..core.classify import kind_label
from ..core.lines import LineFilter, LinePager, LinesReader

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


class LinesModel(QAbstractTableModel):
    """Lazily fetched, sortable, filterable view of the ``lines`` of one shop.

    ``runner`` (a :class:`~shopinsight.gui.tasks.TaskRunner`) moves the count and every block
    read onto workers; without it they run synchronously (tests, tiny shops).
    """

    #: number of lines matching the current filter (emitted once counted, after every (re)load)
    count_changed = Signal(int)
    #: while the count runs: at least this many lines match (the rows read so far, a capped count)
    counting = Signal(int)
    #: True while the first block or the count of a (re)load is being read on a worker
    loading_changed = Signal(bool)
    #: a read failed (message)
    failed = Signal(str)

    COLUMNS = [c for c in _FETCH if c not in ("is_cancellation", "is_merchandise")]
    #: a quick first count stops at this many lines ("more than 10,000"), then the exact one runs
    COUNT_CAP = 10_000
    #: an order whose keys are in an index, of more rows than this, gets anchors in the background
    ANCHOR_ABOVE = 50_000

    def __init__(self, parent=None, *, runner=None, block_size: int = 256, max_blocks: int = 48,
                 task_kind: str = "lines-query"):
        super().__init__(parent)
        self._runner = runner
        self._task_kind = task_kind
        self.block_size = int(block_size)
        self.max_blocks = int(max_blocks)
        self._path: Optional[Path] = None
        self._reader: Optional[LinesReader] = None
        self._pager: Optional[LinePager] = None
        self._rows = 0                  # rowCount: the count once known, else the rows read so far
        self._total: Optional[int] = None
        self._cache: "OrderedDict[int, list[list]]" = OrderedDict()
        self._wanted: "OrderedDict[int, None]" = OrderedDict()    # blocks asked for, newest last
        self._inflight: Optional[int] = None
        self._first_pending = self._count_pending = False
        self._filter = LineFilter()
        self._sort_col = "line_id"
        self._descending = False
        self._generation = 0
        self._loading = False
        self._titles = _column_titles()
        self.block_fetches = 0      # how many block reads ran (tests, diagnostics)
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
        """Start a fresh browse (after a filter/sort change or new data): count the matching
        lines and read the first block, on workers when there is a runner."""
        self._generation += 1
        self._first_pending = self._count_pending = False
        self._cancel_reads()
        self.beginResetModel()
        self._cache.clear()
        self._wanted.clear()
        self._inflight = None
        self._rows, self._total = 0, None
        self._pager = LinePager(self._filter, self._sort_col, self._descending, _FETCH) \
            if self._path is not None else None
        self.endResetModel()
        if self._pager is None:
            self._set_loading(False)
            self._count_done((self._generation, 0))
            return
        if self._runner is None or self._runner.is_shut_down:
            try:
                n = self._reader.count(self._filter)
            except ShopError as exc:
                self.failed.emit(str(exc))
                n = 0
            self._count_done((self._generation, n))
            return
        self._first_pending = self._count_pending = True
        self._set_loading(True)
        gen, flt, path, cap = self._generation, self._filter, self._path, self.COUNT_CAP

        def count(state):
            with LinesReader(path) as reader:
                if not flt.is_empty():      # a filtered count may scan every line: a bound first
                    n = reader.count(flt, cap=cap + 1, should_stop=state.is_interruption_requested)
                    if n <= cap:
                        return gen, n
                    state.set_partial_result((gen, cap))
                return gen, reader.count(flt, should_stop=state.is_interruption_requested)

        self._runner.start(self._task_kind + "-count", count, on_done=self._count_done,
                           on_partial=self._count_bound, on_error=self._count_failed,
                           title=self.tr("Counting lines"))     # shown in the status bar: may take seconds
        self._request_block(0)

    def is_loading(self) -> bool:
        """True while the first block or the count of a (re)load is being read on a worker."""
        return self._loading

    def total(self) -> Optional[int]:
        """Number of lines matching the filter, None until counted."""
        return self._total

    def line_id(self, row: int) -> Optional[int]:
        """The ``line_id`` shown in ``row`` (None while its block is being read)."""
        rec = self._record(row)
        return int(rec[0]) if rec is not None else None

    def row_values(self, row: int) -> Optional[dict[str, Any]]:
        """Raw values of a row (column name → value)."""
        rec = self._record(row)
        return dict(zip(_FETCH, rec)) if rec is not None else None

    def cached_rows(self) -> int:
        """Rows currently held in memory (bounded by block_size * max_blocks)."""
        return sum(len(b) for b in self._cache.values())

    def close(self) -> None:
        """Release the read connection and cancel running reads."""
        self._cancel_reads()
        self._close()

    def _cancel_reads(self) -> None:
        """Cancel the block, count and anchor reads running on the task runner."""
        if self._runner is not None:
            for kind in ("", "-count", "-anchors"):
                self._runner.cancel(self._task_kind + kind)

    # -- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._rows

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
            return kind_label(value)        # the core's words (CLI and GUI alike)
        return str(value)

    def _record(self, row: int) -> Optional[tuple]:
        entry = self._entry(row)
        return None if entry is None else entry[0]

    def _entry(self, row: int) -> Optional[list]:
        """(raw values, display strings, style) of a row; None while its block is being read."""
        if not 0 <= row < self._rows or self._pager is None:
            return None
        block_no, offset = divmod(row, self.block_size)
        block = self._cache.get(block_no)
        if block is not None:
            self._cache.move_to_end(block_no)
        elif self._runner is None:
            block = self._store_block(block_no, self._read_block(block_no))
        else:
            self._request_block(block_no)
            return None
        return block[offset] if offset < len(block) else None

    def _read_block(self, block_no: int) -> list[tuple]:
        try:
            return self._reader.page(self._pager, block_no * self.block_size, self.block_size)
        except ShopError as exc:
            self.failed.emit(str(exc))
            return []

    def _store_block(self, block_no: int, rows: list[tuple]) -> list[list]:
        # [raw values, display strings (filled on first display), style]
        block = [[rec, None, _STYLE_CANCEL if rec[_IS_CANCEL] else (_STYLE_NON_MERCH if not rec[_IS_MERCH] else 0)]
                 for rec in rows]
        self.block_fetches += 1
        self._cache[block_no] = block
        while len(self._cache) > self.max_blocks:
            self._cache.popitem(last=False)
        return block

    def _request_block(self, block_no: int) -> None:
        """Ask a worker for a block; the newest requests (what is on screen now) go first."""
        self._wanted[block_no] = None
        self._wanted.move_to_end(block_no)
        while len(self._wanted) > 4:         # scrolled past: no longer wanted
            self._wanted.popitem(last=False)
        self._pump()

    def _pump(self) -> None:
        if self._runner.is_shut_down:     # the window is closing: nothing more to read
            self._wanted.clear()
            return
        while self._inflight is None and self._wanted:
            block_no, _ = self._wanted.popitem(last=True)
            if block_no in self._cache:
                continue
            self._inflight = block_no
            gen, pager, path, bs = self._generation, self._pager, self._path, self.block_size

            def work(state, block_no=block_no):
                with LinesReader(path) as reader:
                    rows = reader.page(pager, block_no * bs, bs, should_stop=state.is_interruption_requested)
                return gen, block_no, rows

            self._runner.start(self._task_kind, work, on_done=self._block_done, on_error=self._block_failed,
                               title=self.tr("Reading lines"), quiet=True)

    def _block_done(self, result: tuple) -> None:
        # a bound method, so the runner drops the result if this model was deleted meanwhile
        gen, block_no, rows = result
        if gen != self._generation:     # an older browse's read finished after a newer one started
            return
        self._inflight = None
        self._store_block(block_no, rows)
        start = block_no * self.block_size
        if self._total is None and start + len(rows) > self._rows:   # not counted yet: grow
            self.beginInsertRows(QModelIndex(), self._rows, start + len(rows) - 1)
            self._rows = start + len(rows)
            self.endInsertRows()
            self.counting.emit(self._rows)
        elif rows:
            self.dataChanged.emit(self.index(start, 0),
                                  self.index(min(start + len(rows), self._rows) - 1, len(self.COLUMNS) - 1))
        if block_no == 0:
            self._first_pending = False
            self._update_loading()
        self._pump()

    def _count_bound(self, result: tuple[int, int]) -> None:
        gen, n = result
        if gen == self._generation and self._total is None:
            self.counting.emit(max(n, self._rows))

    def _count_done(self, result: tuple[int, int]) -> None:
        gen, n = result
        if gen != self._generation:
            return
        self._total, self._count_pending = n, False
        if n > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, n - 1)
            self._rows = n
            self.endInsertRows()
        elif n < self._rows:            # lines went between the first block and the count
            self.beginRemoveRows(QModelIndex(), n, self._rows - 1)
            self._rows = n
            self.endRemoveRows()
        self._update_loading()
        self.count_changed.emit(n)
        if self._runner is not None and not self._runner.is_shut_down and self._pager is not None \
                and self._pager.cheap_anchors and n > self.ANCHOR_ABOVE:
            pager, path = self._pager, self._path

            def anchors(state):
                with LinesReader(path) as reader:
                    return reader.build_anchors(pager, should_stop=state.is_interruption_requested)

            self._runner.start(self._task_kind + "-anchors", anchors, on_error=lambda exc: True,
                               title=self.tr("Indexing the order of the lines"), quiet=True)

    def _update_loading(self) -> None:
        self._set_loading(self._first_pending or self._count_pending)

    def _count_failed(self, exc) -> bool:
        self._count_pending = False
        return self._failed(exc)

    def _block_failed(self, exc) -> bool:
        self._inflight = None
        self._first_pending = False
        return self._failed(exc)

    def _failed(self, exc) -> bool:
        self._update_loading()
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
        self._wanted.clear()
        self._inflight = None
