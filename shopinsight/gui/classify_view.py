"""The Data tab's review list of non-merchandise products (postage, fees, vouchers …).

A thin face on :mod:`shopinsight.core.classify`: the list (code, name, kind, lines, net sales) is
read with :func:`~shopinsight.core.classify.list_flagged` on a worker, and "Set kind" stores the
user's correction with :func:`~shopinsight.core.classify.set_kinds` on the task runner, which
re-flags the stored lines at once (the CLI's ``shopinsight classify`` does the same).
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import pandas as pd
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..core.classify import AUTO, KINDS, kind_label
from .widgets.frame_model import DataFrameModel
from .widgets.frame_table import FrameTable

__all__ = ["ClassifyView", "kind_labels"]


def kind_labels() -> dict[str, str]:
    """Names of the kinds a product can have, in the order of the kind menu: the core's words (as the
    CLI and the lines table show them), then the menu's own "as the rules decide"."""
    return {**{kind: kind_label(kind) for kind in KINDS},
            AUTO: QCoreApplication.translate("ClassifyView", "as the rules decide")}


def _load(path: Path) -> pd.DataFrame:
    """Worker: the flagged codes."""
    from ..core.classify import list_flagged
    from ..core.store import Shop
    with Shop(path, create=False) as shop:
        return list_flagged(shop)


def _apply(path: Path, changes: list[tuple[str, str]], reporter) -> dict:
    """Worker: store the corrections and re-flag the stored lines."""
    from ..core.classify import set_kinds
    from ..core.store import Shop
    with Shop(path, create=False) as shop:
        return set_kinds(shop, changes, progress=reporter).to_dict()


class ClassifyView(QWidget):
    """Every code flagged as non-merchandise, with a kind menu to correct the selected ones."""

    #: emitted when the list for the current shop is shown
    loaded = Signal()

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.ctx = ctx
        self._frame = pd.DataFrame()
        self.hint = QLabel(self.tr("Products counted as postage, fees, discounts, vouchers and other "
                                   "non-merchandise: they are left out of net sales. Select a product "
                                   "the importer misjudged and set its kind; the correction applies at "
                                   "once and to later imports."))
        self.hint.setWordWrap(True)
        self.model = DataFrameModel(ctx=ctx, headers=self._headers(),
                                    formats={"lines": "int", "net_sales": "money",
                                             "kind": kind_label,
                                             "source": lambda s: self._sources().get(s, s)})
        self.table = FrameTable(self.model, max_column_width=260)
        self.table.setObjectName("classifyTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.kind = QComboBox()
        self.kind.setObjectName("classifyKind")
        for key, label in kind_labels().items():
            self.kind.addItem(label, key)
        self.set_button = QPushButton(self.tr("Set kind"))
        self.set_button.setObjectName("classifySet")
        self.set_button.clicked.connect(self.apply_selected)
        self.status = QLabel()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Kind of the selected products:")))
        row.addWidget(self.kind)
        row.addWidget(self.set_button)
        row.addWidget(self.status, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.hint)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        self._update_buttons()

    def _headers(self) -> dict[str, str]:
        return {"key": self.tr("Code"), "name": self.tr("Name"), "kind": self.tr("Kind"),
                "source": self.tr("Decided by"), "lines": self.tr("Lines"), "net_sales": self.tr("Net sales")}

    def _sources(self) -> dict[str, str]:
        return {"rule": self.tr("importer"), "user": self.tr("you")}

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the list of the open shop (on a worker)."""
        path = self.ctx.shop_path
        if path is None:
            self.show_frame(pd.DataFrame())
            return
        self.ctx.runner.start("classify-list", lambda state: _load(path), on_done=self.show_frame,
                              on_error=self._load_failed, title=self.tr("Reading postage and fees"))

    def _load_failed(self, exc: BaseException) -> bool:
        self.show_frame(pd.DataFrame())
        return False        # a bug: let the runner show its error dialog

    def show_frame(self, df: pd.DataFrame) -> None:
        """Show the core's list (columns of :func:`~shopinsight.core.classify.list_flagged`)."""
        self._frame = df
        cols = [c for c in ("key", "name", "kind", "source", "lines", "net_sales") if c in df.columns]
        shown = df[cols].copy() if cols else pd.DataFrame()
        if "key" in shown:    # lines without a code are keyed by name: show the name, not 'name:…'
            shown["key"] = [None if t == "name" else k for k, t in zip(df["key"], df["key_type"])]
        self.model.set_frame(shown)       # most lines first (the core's order); FrameTable fits the columns
        n = int(df.loc[df["kind"] != "merchandise", "lines"].sum()) if len(df) else 0
        self.status.setText(self.tr("%1 products, %2 lines").replace("%1", self.ctx.fmt_int(len(df)))
                            .replace("%2", self.ctx.fmt_int(n)) if len(df)
                            else self.tr("No product is counted as postage or fees."))
        self._update_buttons()
        self.loaded.emit()

    def selected_keys(self) -> list[str]:
        """The core keys (code, or name:NAME) of the selected rows."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [str(self._frame.iloc[int(self.model.row(r).name)]["key"]) for r in rows]

    def _update_buttons(self) -> None:
        self.set_button.setEnabled(bool(self.table.selectionModel().selectedRows())
                                   and self.ctx.shop_path is not None)

    # -- correcting ------------------------------------------------------------------------------
    def apply_selected(self, kind: Optional[str] = None) -> None:
        """Give the selected products ``kind`` (default: the menu's), on the task runner."""
        keys = self.selected_keys()
        path = self.ctx.shop_path
        if not keys or path is None:
            return
        kind = kind if isinstance(kind, str) else self.kind.currentData()
        changes = [(k, kind) for k in keys]
        self.set_button.setEnabled(False)
        self.status.setText(self.tr("Updating the lines…"))
        self.ctx.runner.start("classify-set", lambda state: _apply(path, changes, state.reporter),
                              on_done=self._applied, on_error=self._failed, on_cancelled=self._update_buttons,
                              title=self.tr("Correcting the kind of products"))

    def _applied(self, result: dict) -> None:
        self.status.setText(self.tr("%1 lines updated").replace("%1", self.ctx.fmt_int(result["lines_updated"])))
        self.ctx.notify_data_changed()      # every tab re-reads: net sales changed

    def _failed(self, exc: BaseException) -> bool:
        self._update_buttons()
        return False
