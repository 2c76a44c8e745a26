"""``DataFrameModel``: a sortable, read-only Qt table model over a pandas DataFrame.

For result tables of modest size (forecasts, top products, customer scores — up to some
hundred thousand rows).  The million-line ``lines`` table uses its own lazy model over SQLite.

Columns are copied once into plain NumPy arrays, so ``data()`` does no pandas indexing per
cell (Arrow-backed string columns are slow to index one value at a time).  Numbers are
right-aligned and formatted by :mod:`shopinsight.core.fmt` (the app's one formatting module,
following the UI language; money in the currency of ``ctx``'s shop); per-column formats can be set::

    model = DataFrameModel(df, headers={"net_sales": self.tr("Net sales")},
                           formats={"net_sales": "money", "share": "percent"}, ctx=ctx)
    view.setModel(model); view.setSortingEnabled(True)

Formats: "int", "count" (whole, or one decimal for a median such as 34.5), "float" (2 decimals), "float1".."float4", "money", "percent" (0.12 → 12.0 %),
"day", "datetime", "text", or a callable ``value -> str``.
"""
from __future__ import annotations

import math
from typing import Any, Mapping, Optional, Sequence

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from ...core import fmt as fmts

__all__ = ["DataFrameModel"]

_ALIGN_NUM = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_TEXT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

SortRole = Qt.ItemDataRole.UserRole + 1
"""Role returning the raw value (for proxies and tests)."""


class DataFrameModel(QAbstractTableModel):
    """A read-only, sortable table model over a DataFrame; see the module docs."""

    def __init__(self, df: Optional[pd.DataFrame] = None, *, headers: Optional[Mapping[str, str]] = None,
                 formats: Optional[Mapping[str, Any]] = None, ctx=None,
                 tooltips: Optional[Mapping[str, str]] = None, parent: Optional[QObject] = None):
        super().__init__(parent)
        self._ctx = ctx
        self._headers = dict(headers or {})
        self._formats = dict(formats or {})
        self._tooltips = dict(tooltips or {})
        self._df = pd.DataFrame()
        self._cols: list[np.ndarray] = []
        self._numeric: list[bool] = []
        self._order = np.arange(0)
        self._texts: dict[tuple[int, int], str] = {}    # (source row, column) -> formatted text
        self.set_frame(df if df is not None else pd.DataFrame())

    # -- content -------------------------------------------------------------------------------
    def set_frame(self, df: pd.DataFrame, columns: Optional[Sequence[str]] = None) -> None:
        """Replace the whole table (resets the view; the current sort order is kept if possible).
        With ``columns``: only those of them the frame has, in that order (all columns when it has
        none of them)."""
        if columns is not None:
            keep = [c for c in columns if c in df]
            df = df[keep] if keep else df
        self.beginResetModel()
        self._df = df.reset_index(drop=True)
        self._cols = [self._df[c].to_numpy(dtype=object if not pd.api.types.is_numeric_dtype(self._df[c])
                                           or pd.api.types.is_bool_dtype(self._df[c]) else None)
                      for c in self._df.columns]
        self._numeric = [pd.api.types.is_numeric_dtype(self._df[c]) and not pd.api.types.is_bool_dtype(self._df[c])
                         for c in self._df.columns]
        self._order = np.arange(len(self._df))
        self._texts = {}
        self.endResetModel()

    def frame(self) -> pd.DataFrame:
        """The DataFrame in the current display order."""
        return self._df.iloc[self._order].reset_index(drop=True)

    def source_frame(self) -> pd.DataFrame:
        """The DataFrame as given."""
        return self._df

    def row(self, row: int) -> pd.Series:
        """The record shown at display row ``row``."""
        return self._df.iloc[int(self._order[row])]

    def column_name(self, col: int) -> str:
        """The DataFrame column shown at ``col``."""
        return str(self._df.columns[col])

    def set_formats(self, formats: Mapping[str, Any]) -> None:
        """Add or change column formats ("int", "float0", "money", …); takes effect on the next
        :meth:`set_frame`."""
        self._formats.update(formats)
        self._texts = {}

    def set_headers(self, headers: Mapping[str, str]) -> None:
        """Rename header labels (e.g. after a language change)."""
        self._headers.update(headers)
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    # -- Qt model API ----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt idiom
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cols)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = index.column()
        src = self._order[index.row()]
        value = self._cols[c][src]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(src, c, value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_NUM if self._numeric[c] else _ALIGN_TEXT
        if role == Qt.ItemDataRole.ToolTipRole:
            s = self._text(src, c, value)
            return s if len(s) > 40 else None
        if role == SortRole:
            return None if _isnan(value) else (value.item() if hasattr(value, "item") else value)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if section >= len(self._cols):
                return None
            name = str(self._df.columns[section])
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers.get(name, name)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._tooltips.get(name)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _ALIGN_NUM if self._numeric[section] else _ALIGN_TEXT
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._cols):
            return
        self.layoutAboutToBeChanged.emit()
        s = self._df.iloc[:, column]
        # stable sort, missing values last in both directions
        key = s.astype(str).str.casefold() if not self._numeric[column] else s
        idx = key.sort_values(kind="stable", ascending=order == Qt.SortOrder.AscendingOrder,
                              na_position="last").index.to_numpy()
        old = self._order
        self._order = idx
        # keep persistent indexes (selection) pointing at the same records
        pos = np.empty(len(idx), dtype=np.int64)
        pos[idx] = np.arange(len(idx))
        for pidx in self.persistentIndexList():
            src = old[pidx.row()]
            self.changePersistentIndex(pidx, self.index(int(pos[src]), pidx.column()))
        self.layoutChanged.emit()

    # -- formatting ------------------------------------------------------------------------------
    def _text(self, src: int, c: int, value: Any) -> str:
        """A cell's text, formatted once: Qt asks for the same cells on every repaint and column fit
        (each a Babel call on the GUI thread); kept until the next :meth:`set_frame`/`set_formats`."""
        key = (int(src), c)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._format(c, value)
        return text

    def _format(self, c: int, value: Any) -> str:
        if _isnan(value):
            return ""
        name = str(self._df.columns[c])
        fmt = self._formats.get(name)
        if callable(fmt):
            return str(fmt(value))
        if fmt == "money":
            return fmts.money(value, self._ctx.currency if self._ctx is not None else None)
        if fmt == "percent":
            return fmts.percent(value)
        if fmt == "day":
            return fmts.day(value)
        if fmt == "datetime":
            return fmts.datetime(value)
        if fmt == "text":
            return str(value)
        if fmt == "count":
            return fmts.count(value)
        if self._numeric[c] or fmt in ("int", "float", "money") or (isinstance(fmt, str) and fmt.startswith("float")):
            try:
                v = float(value)
            except (TypeError, ValueError):
                return str(value)
            if fmt == "int" or (fmt is None and float(v).is_integer() and _is_int_dtype(self._df.dtypes.iloc[c])):
                return fmts.integer(v)
            decimals = 2
            if isinstance(fmt, str) and fmt.startswith("float") and fmt[5:].isdigit():
                decimals = int(fmt[5:])
            return fmts.number(v, decimals)
        if hasattr(value, "isoformat"):
            return fmts.datetime(value) if hasattr(value, "hour") and (value.hour or value.minute) \
                else fmts.day(value)
        return str(value)


def _is_int_dtype(dtype) -> bool:
    return pd.api.types.is_integer_dtype(dtype)


def _isnan(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, (float, np.floating)):
        return math.isnan(v)
    return False
