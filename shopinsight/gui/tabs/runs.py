"""Runs tab: the run history — every stored run, open one in its tab, compare two, delete.

Thin: listing, comparing and deleting are :mod:`shopinsight.core.runs` calls (the same as
``shopinsight runs``) on the task runner; the tab only shows them.  Open asks the main window
(``ctx.open_run``) to switch to the tab of the run's kind and show that run there; kinds whose tab
cannot show a stored run by id have Open disabled, with the reason as its tooltip.
"""
from __future__ import annotations

import html
from typing import Optional

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout,
                               QLabel, QMessageBox, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget)

from ..widgets.frame_model import DataFrameModel
from ..widgets.frame_table import FrameTable

__all__ = ["RunsTab", "CompareDialog"]

SHOWN = ["run_id", "kind_label", "created_at", "data", "versions", "summary", "metrics", "params"]


class RunsTab(QWidget):
    """Kind filter, the runs table, the selected run's details, Open / Compare / Delete."""

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("RunsTab")
        self.ctx = ctx
        self.runs: list = []                  # core RunInfo, newest first, as listed
        self.openable: set[str] = set()       # kinds the main window can open
        self.dialog: Optional[CompareDialog] = None

        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All kinds"), None)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(lambda: self.reload())
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(lambda: self.open_selected())
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.clicked.connect(lambda: self.compare_selected())
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Kind:")))
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        for b in (self.open_button, self.compare_button, self.delete_button):
            bar.addWidget(b)

        self.model = DataFrameModel(ctx=ctx, headers=self._headers(), formats={"created_at": "datetime",
                                                                                "run_id": "int"})
        self.table = FrameTable(self.model, max_column_width=360)
        self.table.setObjectName("runs_table")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.detail = QTextBrowser()
        self.detail.setObjectName("run_detail")
        self.detail.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([420, 260])
        self.status = QLabel()
        self.status.setWordWrap(True)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 6)
        lay.addLayout(bar)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)
        ctx.shop_changed.connect(lambda _p: self.reload())
        ctx.data_changed.connect(lambda: self.reload())
        self._selection_changed()
        self.reload()

    # -- tab protocol ---------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Runs")

    def is_ready(self) -> bool:
        return not any(self.ctx.runner.is_running(k) for k in ("runs.load", "runs.delete", "runs.compare"))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Runs stored by other tabs since the list was read show up when the tab is shown again."""
        super().showEvent(event)
        if self._shown_once and not self.ctx.runner.is_running("runs.load"):
            self.reload()
        self._shown_once = True

    _shown_once = False     # the first showing follows __init__'s own load

    def screenshot_extras(self, save) -> None:
        """The comparison of the two newest runs of one kind, if there are two."""
        by_kind: dict = {}
        for r in self.runs:
            by_kind.setdefault(r.kind, []).append(r.run_id)
        pair = next((ids[:2] for ids in by_kind.values() if len(ids) >= 2), None)
        if pair is None:
            return
        self.compare(pair[1], pair[0])
        self.ctx.runner.wait("runs.compare", 30)
        from PySide6.QtWidgets import QApplication
        for _i in range(20):
            QApplication.processEvents()
            if self.dialog is not None:
                break
        if self.dialog is not None:
            self.dialog.resize(min(1100, self.window().width() - 80), min(700, self.window().height() - 80))
            save("runs-compare", self.dialog)
            self.dialog.close()

    # -- texts ----------------------------------------------------------------------------------
    def _headers(self) -> dict:
        return {"run_id": self.tr("Run"), "kind_label": self.tr("Kind"), "created_at": self.tr("Made at"),
                "data": self.tr("Data"), "summary": self.tr("Summary"), "metrics": self.tr("Metrics"),
                "params": self.tr("Parameters"), "versions": self.tr("Versions")}

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the run history of the open shop (of the chosen kind) in the background."""
        path = self.ctx.shop_path
        if path is None:
            self._show([], [], set())
            return
        kind = self.kind_combo.currentData()
        can_open = self.ctx.can_open_run

        def work(state):
            from ...core import runs
            from ...core.store import Shop

            with Shop(path) as shop:
                listed = runs.list_runs(shop, kind)
                kinds = runs.known_kinds(shop)
            # which kinds' tabs can show a stored run (may import those tabs' modules: off the GUI thread)
            return listed, kinds, {k for k in {r.kind for r in listed} if can_open(k)}
        self.ctx.runner.start("runs.load", work, on_done=lambda got: self._show(*got),
                              title=self.tr("Reading the run history"))

    def _show(self, listed: list, kinds: list, openable: set) -> None:
        from ...core.runs import kind_label, runs_table

        keep = [r.run_id for r in self.selected()] if self.runs else []    # the selection survives a refresh
        self.runs, self.openable = listed, openable
        current = self.kind_combo.currentData()
        self.kind_combo.blockSignals(True)
        while self.kind_combo.count() > 1:
            self.kind_combo.removeItem(1)
        for k in kinds:
            self.kind_combo.addItem(kind_label(k), k)
        i = self.kind_combo.findData(current) if current is not None else 0
        self.kind_combo.setCurrentIndex(max(i, 0))
        self.kind_combo.blockSignals(False)
        t = runs_table(listed)
        other = "⚠ " + self.tr("other versions")
        shown = pd.DataFrame({
            "run_id": t["run_id"].astype("int64"), "kind_label": t["kind_label"], "created_at": t["created_at"],
            "data": [self._span(a, b) for a, b in zip(t["data_from"], t["data_to"])],
            "versions": [other if o else "" for o in t["other_versions"]],
            "summary": t["summary"], "metrics": t["metrics"], "params": t["params"]}, columns=SHOWN)
        self.model.set_frame(shown)
        if keep:
            self.select_runs(keep)
        n = len(listed)
        self.status.setText(self.tr("%1 stored runs.").replace("%1", self.ctx.fmt_int(n)) if n else
                            self.tr("No stored runs yet: runs appear here when a forecast, a customers model, "
                                    "recommendations or an anomaly search is run."))
        self._selection_changed()

    def _span(self, a, b) -> str:
        if a is None and b is None:
            return "—"
        return f"{self.ctx.fmt_day(a)} – {self.ctx.fmt_day(b)}"

    # -- selection ------------------------------------------------------------------------------
    def selected(self) -> list:
        """The core RunInfo of the selected rows (in table order)."""
        by_id = {r.run_id: r for r in self.runs}
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [by_id[int(self.model.row(r)["run_id"])] for r in rows if int(self.model.row(r)["run_id"]) in by_id]

    def select_runs(self, run_ids) -> None:
        """Select the rows of ``run_ids`` (tests, screenshots)."""
        self.table.clearSelection()
        sm = self.table.selectionModel()
        from PySide6.QtCore import QItemSelectionModel
        for r in range(self.model.rowCount()):
            if int(self.model.row(r)["run_id"]) in set(run_ids):
                sm.select(self.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                          | QItemSelectionModel.SelectionFlag.Rows)

    def _selection_changed(self) -> None:
        sel = self.selected()
        one = len(sel) == 1
        can_open = one and sel[0].kind in self.openable
        self.open_button.setEnabled(can_open)
        self.open_button.setToolTip(
            self.tr("Show this run in its tab") if can_open else
            self.tr("Select one run to open it") if not one else
            self.tr("Runs of this kind cannot be opened in a tab yet; their details are shown below"))
        same = len(sel) == 2 and sel[0].kind == sel[1].kind
        self.compare_button.setEnabled(same)
        self.compare_button.setToolTip(self.tr("Show the two runs' parameters and metrics side by side") if same
                                       else self.tr("Select two runs of the same kind (Ctrl+click) to compare them"))
        self.delete_button.setEnabled(bool(sel))
        self.delete_button.setToolTip(self.tr("Delete the selected runs and their stored results"))
        self._show_detail(sel[0] if one else None)

    def _show_detail(self, run) -> None:
        from ...core.runs import flatten, format_value, key_label

        if run is None:
            hint = self.tr("Select a run to see its details; select two of one kind to compare them.")
            self.detail.setHtml(f"<p style='color:#5b6472'>{html.escape(hint)}</p>")
            return
        e = html.escape
        when = [self.ctx.fmt_datetime(run.created_at), self.tr("data") + " " + self._span(run.data_from, run.data_to)]
        if run.seconds is not None:
            when.append(self.tr("%1 s").replace("%1", self.ctx.fmt_number(run.seconds, 1)))
        parts = [f"<h3>{e(run.kind_label)} #{run.run_id}</h3>", f"<p>{e(' · '.join(when))}</p>"]
        if run.summary:
            parts.append(f"<p>{e(run.summary)}</p>")
        warnings = run.version_warnings()
        if warnings:
            head = self.tr("Made with other library versions")
            parts.append(f"<p style='color:#a15c00'><b>⚠ {e(head)}</b>: {e('; '.join(warnings))}</p>")
        for title, d in ((self.tr("Parameters"), run.params), (self.tr("Metrics"), run.metrics)):
            rows = "".join(f"<tr><td>{e(key_label(k))}</td><td>&nbsp;&nbsp;{e(format_value(v))}</td></tr>"
                           for k, v in flatten(d).items())
            parts.append(f"<p><b>{e(title)}</b></p><table>{rows}</table>")
        versions = ", ".join(f"{k} {v}" for k, v in run.versions.items())
        parts.append(f"<p style='color:#5b6472'>{e(self.tr('Library versions'))}: {e(versions)}</p>")
        self.detail.setHtml("".join(parts))

    # -- actions --------------------------------------------------------------------------------
    def open_selected(self) -> bool:
        """Switch to the selected run's tab and show it there."""
        sel = self.selected()
        if len(sel) != 1 or sel[0].kind not in self.openable:
            return False
        return self.ctx.open_run(sel[0].kind, sel[0].run_id)

    def compare_selected(self) -> None:
        sel = self.selected()
        if len(sel) == 2 and sel[0].kind == sel[1].kind:
            older, newer = sorted(sel, key=lambda r: r.run_id)
            self.compare(older.run_id, newer.run_id)

    def compare(self, a: int, b: int) -> None:
        """Compare two runs (in the background) and show the dialog."""
        path = self.ctx.shop_path
        if path is None:
            return

        def work(state):
            from ...core.runs import compare_runs
            from ...core.store import Shop

            with Shop(path) as shop:
                return compare_runs(shop, a, b)
        self.ctx.runner.start("runs.compare", work, on_done=self._compared, title=self.tr("Comparing runs"))

    def _compared(self, comp) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = CompareDialog(self.ctx, comp, self)
        if not self.ctx.headless:
            self.dialog.show()

    def delete_selected(self, confirm: bool = True) -> None:
        """Delete the selected runs (after asking) in one background job."""
        sel = self.selected()
        path = self.ctx.shop_path
        if not sel or path is None:
            return
        if confirm:
            if self.ctx.headless:
                return
            text = (self.tr("Delete run #%1 (%2) and its stored results?").replace("%1", str(sel[0].run_id))
                    .replace("%2", sel[0].kind_label) if len(sel) == 1 else
                    self.tr("Delete these %1 runs and their stored results?").replace("%1", str(len(sel))))
            answer = QMessageBox.question(self, self.tr("Delete runs"), text,
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        ids = [r.run_id for r in sel]

        def work(state):
            from ...core.runs import delete_runs
            from ...core.store import Shop

            with Shop(path) as shop:
                delete_runs(shop, ids, reporter=state.reporter)     # all or none
            return ids
        self.ctx.runner.start("runs.delete", work, on_done=self._deleted, on_error=self._delete_failed,
                              title=self.tr("Deleting runs"))

    def _deleted(self, ids: list) -> None:
        self.status.setText(self.tr("Deleted: %1.").replace("%1", ", ".join(f"#{i}" for i in ids)))
        self.ctx.runs_deleted.emit(list(ids))
        self.reload()

    def _delete_failed(self, exc) -> bool:
        self.reload()           # e.g. deleted meanwhile from another window: show what is there
        return False


class CompareDialog(QDialog):
    """Two runs of one kind side by side: run fields, parameters, metrics and library versions,
    with the rows that differ marked (and only those shown unless asked)."""

    def __init__(self, ctx, comp, parent: Optional[QWidget] = None):
        super().__init__(parent)
        from ...core.runs import SECTIONS, format_value

        self.setObjectName("RunsCompareDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.comp = comp
        self.setWindowTitle(self.tr("Compare runs #%1 and #%2").replace("%1", str(comp.a.run_id))
                            .replace("%2", str(comp.b.run_id)))
        head = QLabel(self.tr("%1: run #%2 (%3) and run #%4 (%5) — %6 differences")
                      .replace("%1", comp.a.kind_label).replace("%2", str(comp.a.run_id))
                      .replace("%3", ctx.fmt_datetime(comp.a.created_at)).replace("%4", str(comp.b.run_id))
                      .replace("%5", ctx.fmt_datetime(comp.b.created_at))
                      .replace("%6", ctx.fmt_int(comp.differences)))
        head.setWordWrap(True)
        self.only_diff = QCheckBox(self.tr("Only differences"))
        self.only_diff.setChecked(True)
        self.only_diff.toggled.connect(lambda _on: self._fill())
        rows = comp.rows
        mark = self.tr("≠ differs")
        dates = {"created_at": ctx.fmt_datetime, "data_from": ctx.fmt_day, "data_to": ctx.fmt_day}

        def text(section: str, key: str, v) -> str:
            return dates[key](v) if section == "run" and key in dates else format_value(v)
        self.frame = pd.DataFrame({
            "section": [SECTIONS[s] for s in rows["section"]], "label": rows["label"],
            "a": [text(s, k, v) for s, k, v in zip(rows["section"], rows["key"], rows["a"])],
            "b": [text(s, k, v) for s, k, v in zip(rows["section"], rows["key"], rows["b"])],
            "change": [format_value(v) if v is not None and v == v else "" for v in rows["change"]],
            "differs": [mark if d else "" for d in rows["differs"]]})
        self.model = DataFrameModel(ctx=ctx, headers={
            "section": self.tr("Section"), "label": self.tr("Name"),
            "a": self.tr("Run #%1").replace("%1", str(comp.a.run_id)),
            "b": self.tr("Run #%1").replace("%1", str(comp.b.run_id)),
            "change": self.tr("Change"), "differs": self.tr("Differs")})
        self.table = FrameTable(self.model, max_column_width=300, sortable=False)
        self.table.setObjectName("runs_compare_table")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.only_diff)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.resize(960, 620)
        self._fill()

    def _fill(self) -> None:
        f = self.frame[self.comp.rows["differs"].to_numpy()] if self.only_diff.isChecked() else self.frame
        self.model.set_frame(f.reset_index(drop=True))
