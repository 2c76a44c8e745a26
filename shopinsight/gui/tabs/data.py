"""The Data tab: import history, the quality report, and every line of the shop.

* "Import data…" (and File ▸ Import data…, through ``ctx.request_import``) opens the
  :class:`~shopinsight.gui.import_wizard.ImportWizard`.
* The import history and the quality report (the whole shop, or the selected import) are read
  on a worker; the lines table is a :class:`~shopinsight.gui.lines_model.LinesModel` that
  fetches blocks lazily, sorts in SQLite and filters by text, dates and line flags.
"""
from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path
from typing import Optional

import pandas as pd
from PySide6.QtCore import QDate, QEventLoop, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFrame, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QSplitter, QTableView, QTabWidget, QToolButton, QVBoxLayout, QWidget)

from ...core.lines import KEY_COLUMNS, LineFilter
from ..classify_view import ClassifyView
from ..import_wizard import ImportWizard
from ..lines_model import LinesModel
from ..quality_view import QualityView
from ..widgets.date_edit import date_edit
from ..widgets.frame_model import DataFrameModel

__all__ = ["DataTab"]


def _load_overview(path: Path) -> dict:
    """Worker: the shop's summary, import history and rejected-row examples (quick reads)."""
    from ...core.quality import import_quality
    from ...core.store import Shop
    with Shop(path, create=False) as shop:
        history = shop.imports()
        return {"summary": shop.summary(), "history": history,
                "qualities": {int(i): import_quality(shop, int(i)) for i in history["import_id"]},
                "rejected": shop.rejected(limit=200)}


def _load_quality(path: Path, reporter=None) -> dict:
    """Worker: the shop-wide quality report (a few scans of all lines: seconds on 1 M lines)."""
    from ...core.quality import shop_quality
    from ...core.store import Shop
    with Shop(path, create=False) as shop:
        return shop_quality(shop, progress=reporter)


class DataTab(QWidget):
    """Import history, quality report and the lines table of the open shop."""

    #: emitted when the tab's content for the current shop is fully shown
    ready = Signal()

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("DataTab")
        self.ctx = ctx
        self._loaded = False
        self._quality_loaded = False
        self._classify_loaded = False
        self._data: Optional[dict] = None
        self._shop_quality: Optional[dict] = None
        self._wizard: Optional[ImportWizard] = None
        self._drill: Optional[LineFilter] = None      # a chart's drill-down keys (show_lines)

        # -- header ------------------------------------------------------------------------
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.import_button = QPushButton(self.tr("Import data…"))
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(lambda: self.open_import_wizard())
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(self.import_button)

        # -- import history + quality --------------------------------------------------------
        self.history_model = DataFrameModel(ctx=ctx, headers=self._history_headers(),
                                            formats={"started_at": "datetime", "seconds": "float1"})
        self.history = QTableView()
        self.history.setObjectName("importHistory")
        self.history.setModel(self.history_model)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.verticalHeader().setVisible(False)
        self.history.setAlternatingRowColors(True)
        self.history.setWordWrap(False)
        self.history.selectionModel().selectionChanged.connect(self._history_selected)
        self.show_all_button = QToolButton()
        self.show_all_button.setText(self.tr("Whole shop"))
        self.show_all_button.setToolTip(self.tr("Show the quality report of all imports"))
        self.show_all_button.clicked.connect(self.history.clearSelection)
        hist_box = QGroupBox(self.tr("Import history"))
        hl = QVBoxLayout(hist_box)
        hl.addWidget(self.history, 1)
        hrow = QHBoxLayout()
        self.history_hint = QLabel(self.tr("Select an import to see its report."))
        self.history_hint.setEnabled(False)
        hrow.addWidget(self.history_hint, 1)
        hrow.addWidget(self.show_all_button)
        hl.addLayout(hrow)

        self.quality = QualityView(ctx)
        self.quality.setObjectName("qualityReport")
        q_box = QWidget()
        ql = QVBoxLayout(q_box)
        ql.addWidget(self.quality)

        # the review list of postage, fees … (core.classify), beside the quality report
        self.classify_view = ClassifyView(ctx)
        self.classify_view.setObjectName("classifyReview")
        self.classify_view.loaded.connect(self._classify_shown)
        self.review_tabs = QTabWidget()
        self.review_tabs.setObjectName("reviewTabs")
        self.review_tabs.addTab(q_box, self.tr("Quality report"))
        self.review_tabs.addTab(self.classify_view, self.tr("Postage and fees"))

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(hist_box)
        top.addWidget(self.review_tabs)
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 1)
        top.setChildrenCollapsible(False)

        # -- lines -----------------------------------------------------------------------------
        self.lines_model = LinesModel(self, runner=ctx.runner)
        self.lines_model.count_changed.connect(self._count_changed)
        self.lines_model.counting.connect(self._counting)
        self.lines_model.loading_changed.connect(self._loading_changed)
        self.lines_model.failed.connect(self._lines_failed)
        self.search = QLineEdit()
        self.search.setObjectName("lineSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search product, order or customer"))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._apply_filter)
        self.use_dates = QCheckBox(self.tr("From"))
        self.date_from = date_edit()
        self.date_to = date_edit()
        for d in (self.date_from, self.date_to):
            d.setEnabled(False)
            d.dateChanged.connect(lambda _d: self._apply_filter())
        self.use_dates.toggled.connect(self._dates_toggled)
        self.flag = QComboBox()
        self.flag.setObjectName("lineFlag")
        for label, value in [(self.tr("All lines"), "all"), (self.tr("Cancellations only"), "cancellations"),
                             (self.tr("Merchandise only"), "merchandise"),
                             (self.tr("Merchandise sales (no cancellations)"), "merchandise_sales"),
                             (self.tr("Sales and charges (no cancellations)"), "sales"),
                             (self.tr("Postage, fees and adjustments"), "non_merchandise")]:
            self.flag.addItem(label, value)
        self.flag.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.only_import = QCheckBox(self.tr("Selected import only"))
        self.only_import.setEnabled(False)
        self.only_import.toggled.connect(lambda _on: self._apply_filter())
        clear = QPushButton(self.tr("Clear filters"))
        clear.clicked.connect(self.clear_filters)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.use_dates)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("to")))
        bar.addWidget(self.date_to)
        bar.addWidget(self.flag, 1)
        bar.addWidget(self.only_import)
        bar.addWidget(clear)

        # "Showing lines for: …" — what a chart's drill-down narrowed the lines to, with Clear
        self.drill_label = QLabel()
        self.drill_label.setObjectName("drillLabel")
        self.drill_label.setWordWrap(True)
        self.drill_clear = QPushButton(self.tr("Clear"))
        self.drill_clear.setToolTip(self.tr("Show every line again"))
        self.drill_clear.clicked.connect(lambda: self.clear_filters())
        self.drill_bar = QFrame()
        self.drill_bar.setObjectName("drillBar")
        self.drill_bar.setStyleSheet("#drillBar { background: #eef4fb; border: 1px solid #c7d8ee; border-radius: 4px; }")
        db = QHBoxLayout(self.drill_bar)
        db.setContentsMargins(8, 2, 4, 2)
        db.addWidget(self.drill_label, 1)
        db.addWidget(self.drill_clear)
        self.drill_bar.setVisible(False)

        self.lines = QTableView()
        self.lines.setObjectName("linesTable")
        self.lines.setModel(self.lines_model)
        self.lines.verticalHeader().setVisible(False)      # the Line column numbers the rows
        self.lines.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.lines.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.lines.setAlternatingRowColors(True)
        self.lines.setWordWrap(False)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        hh = self.lines.horizontalHeader()
        hh.setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # before enabling: no initial re-sort
        self.lines.setSortingEnabled(True)
        hh.setHighlightSections(False)
        self._set_line_widths()
        self.count_label = QLabel()
        self.count_label.setObjectName("lineCount")
        lines_box = QGroupBox(self.tr("Lines"))
        ll = QVBoxLayout(lines_box)
        ll.addLayout(bar)
        ll.addWidget(self.drill_bar)
        ll.addWidget(self.lines, 1)
        ll.addWidget(self.count_label)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(lines_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(split, 1)

        ctx.register_import_handler(self.open_import_wizard)
        ctx.shop_changed.connect(self._shop_changed)
        ctx.data_changed.connect(self.reload)
        self._shop_changed(ctx.shop_path)

    # -- tab protocol --------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Data")

    def is_ready(self) -> bool:
        """True once history, quality report and the first lines are shown."""
        if self.ctx.shop_path is None:
            return True
        return self._loaded and self._quality_loaded and self._classify_loaded \
            and not self.lines_model.is_loading()

    def screenshot_extras(self, save) -> None:
        """The review list of postage and fees, and the import wizard's mapping page on the file
        the shop was last imported from."""
        self.review_tabs.setCurrentWidget(self.classify_view)
        save("data-postage-and-fees", self.window())
        self.review_tabs.setCurrentIndex(0)
        path = self._screenshot_file()
        if path is None:
            return
        wiz = ImportWizard(self.ctx, [path], parent=self.window())
        wiz.resize(1000, 720)
        wiz.show()
        wiz.next()                      # files → format (starts the preview)
        _wait(lambda: not wiz.preview_loading, 60_000)
        wiz.next()                      # → mapping
        save("import_wizard_mapping", wiz)
        wiz.back()
        save("import_wizard_preview", wiz)
        wiz.reject()
        wiz.deleteLater()

    def _screenshot_file(self) -> Optional[Path]:
        hist = self._data["history"] if self._data else None
        if hist is not None and len(hist):
            with self.ctx.open_shop() as shop:
                p = shop.last_import_path()
            if p and Path(p).exists():
                return Path(p)
        sample = Path(__file__).resolve().parents[3] / "resources" / "sample" / "online_retail.csv.gz"
        return sample if sample.exists() else None

    # -- import ----------------------------------------------------------------------------------
    def open_import_wizard(self, paths: Optional[list[str]] = None) -> Optional[ImportWizard]:
        """Open the import wizard (File ▸ Import data… calls this through ``ctx.request_import``)."""
        if self.ctx.shop_path is None:
            return None
        if self._wizard is not None:
            try:
                if self._wizard.isVisible():
                    self._wizard.raise_()
                    self._wizard.activateWindow()
                    return self._wizard
            except RuntimeError:     # deleted by Qt
                pass
        wiz = ImportWizard(self.ctx, paths, parent=self.window())
        wiz.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wiz.resize(1000, 720)
        wiz.destroyed.connect(lambda *_: setattr(self, "_wizard", None))
        self._wizard = wiz
        if paths:
            wiz.next()   # files already chosen: straight to the preview
        wiz.open()
        return wiz

    # -- loading ---------------------------------------------------------------------------------
    def _shop_changed(self, path) -> None:
        self.import_button.setEnabled(path is not None)
        self.clear_filters(apply=False)
        self.lines_model.set_shop(path)
        self.reload(lines=False)

    def reload(self, lines: bool = True) -> None:
        """Re-read history, quality and (by default) lines of the open shop."""
        self._loaded = self._quality_loaded = self._classify_loaded = False
        self._shop_quality = None
        path = self.ctx.shop_path
        if path is None:
            self._quality_loaded = self._classify_loaded = True
            self.classify_view.show_frame(pd.DataFrame())
            self._data = None
            self.summary.setText(self.tr("No shop is open."))
            self.history_model.set_frame(pd.DataFrame())
            self.quality.clear()
            self._loaded = True
            self.ready.emit()
            return
        if lines:
            self.lines_model.reload()
        self.classify_view.reload()
        self.summary.setText(self.tr("Loading…"))
        self.ctx.runner.start("data-tab", lambda state: _load_overview(path), on_done=self._show,
                              title=self.tr("Loading the import history"))
        self.ctx.runner.start("data-quality", lambda state: _load_quality(path, state.reporter), on_done=self._quality_done,
                              on_error=self._quality_failed, title=self.tr("Checking data quality"))

    def _show(self, data: dict) -> None:
        self._data = data
        s = data["summary"]
        if s.get("lines"):
            # orders, customers and net sales as defined in core.facts (the Overview and `info` agree)
            text = self.tr("<b>%1</b> · %2 lines · %3 orders · %4 customers · net sales %7 · %5 to %6").replace(
                "%1", html.escape(s.get("name") or "")).replace("%2", self.ctx.fmt_int(s["lines"])).replace(
                "%3", self.ctx.fmt_int(s.get("orders"))).replace("%4", self.ctx.fmt_int(s.get("customers"))).replace(
                "%5", self.ctx.fmt_day(s.get("first_day"))).replace("%6", self.ctx.fmt_day(s.get("last_day"))).replace(
                "%7", self.ctx.fmt_money(s.get("net_sales") or 0.0))
            self.summary.setToolTip(self.tr(
                "Orders and customers: with at least one merchandise sale line (an invoice that only cancels "
                "or only charges postage is not an order). Net sales: merchandise amounts, cancellations "
                "included. The Overview, the quality report and `shopinsight info` show the same figures."))
        else:
            text = self.tr("<b>%1</b> is empty: import an export of your orders to start.").replace(
                "%1", html.escape(s.get("name") or ""))
        self.summary.setText(text)
        self._set_date_bounds(s.get("first_day"), s.get("last_day"))
        hist = data["history"]
        cols = [c for c in ["import_id", "file_name", "started_at", "rows_read", "rows_imported",
                            "rows_rejected", "rows_skipped", "duplicates_in_file", "date_format", "seconds"]
                if c in hist.columns]
        self.history_model.set_frame(hist[cols])
        self.history.resizeColumnsToContents()
        for c in range(self.history_model.columnCount()):
            self.history.setColumnWidth(c, min(self.history.columnWidth(c), 220))
        self._show_shop_quality()
        self._loaded = True
        if self.is_ready():
            self.ready.emit()

    def _classify_shown(self) -> None:
        self._classify_loaded = True
        if self.is_ready():
            self.ready.emit()

    def _quality_done(self, quality: dict) -> None:
        self._shop_quality = quality
        self._quality_loaded = True
        if not self.history.selectionModel().selectedRows():
            self._show_shop_quality()
        if self.is_ready():
            self.ready.emit()

    def _quality_failed(self, exc: BaseException) -> bool:
        self._quality_loaded = True     # the per-import reports are still there
        return False                    # a bug: let the runner show its error dialog

    def _show_shop_quality(self) -> None:
        data = self._data
        if not data:
            return
        q = dict(self._shop_quality or {})
        if not q:   # shop-wide report still running: add up the imports' own counts meanwhile
            for one in data["qualities"].values():
                for k, v in one.items():
                    if isinstance(v, (int, float)) and not isinstance(v, bool):
                        q[k] = q.get(k, 0) + v
        files = {int(r.import_id): r.file_name for r in data["history"].itertuples()} \
            if len(data["history"]) else {}
        self.quality.show_report(self.tr("All imports"), q, data["rejected"], files,
                                 rejected_total=data["summary"].get("rejected_rows"))

    def _history_selected(self, *_args) -> None:
        rows = self.history.selectionModel().selectedRows()
        self.only_import.setEnabled(bool(rows))
        if not rows:
            if self.only_import.isChecked():
                self.only_import.setChecked(False)
            self._show_shop_quality()
            return
        rec = self.history_model.row(rows[0].row())
        import_id = int(rec["import_id"])
        q = dict((self._data or {}).get("qualities", {}).get(import_id) or {})
        for key, col in (("rows_read", "rows_read"), ("imported", "rows_imported"),
                         ("rejected", "rows_rejected"), ("skipped_already_present", "rows_skipped")):
            q.setdefault(key, rec.get(col))
        with self.ctx.open_shop() as shop:
            rejected = shop.rejected(import_id, limit=200)
        self.quality.show_report(str(rec["file_name"]), q, rejected, {import_id: str(rec["file_name"])},
                                 rejected_total=int(rec.get("rows_rejected") or 0))
        if self.only_import.isChecked():
            self._apply_filter()

    # -- lines -------------------------------------------------------------------------------------
    def current_filter(self) -> LineFilter:
        """The filter bar's state."""
        import_id = None
        if self.only_import.isChecked():
            rows = self.history.selectionModel().selectedRows()
            if rows:
                import_id = int(self.history_model.row(rows[0].row())["import_id"])
        d0 = d1 = None
        if self.use_dates.isChecked():
            d0 = self.date_from.date().toString("yyyy-MM-dd")
            d1 = self.date_to.date().toString("yyyy-MM-dd")
        flt = LineFilter(text=self.search.text().strip(), date_from=d0, date_to=d1,
                         flag=self.flag.currentData() or "all", import_id=import_id)
        if self._drill is not None:      # the drill-down's keys stay until cleared
            keys = {f: getattr(self._drill, f) for f in KEY_COLUMNS}
            flt = replace(flt, label=self._drill.label, **keys)
        return flt

    def show_lines(self, flt: LineFilter) -> None:
        """Show exactly the lines of ``flt`` (a chart's or a list's drill-down, see
        :mod:`shopinsight.core.drill`): its dates and flag in the filter bar, its keys in the
        "Showing lines for" bar (Clear shows every line again)."""
        self.clear_filters(apply=False)
        widgets = (self.search, self.use_dates, self.date_from, self.date_to, self.flag)
        for w in widgets:
            w.blockSignals(True)
        self.search.setText(flt.text)
        if flt.date_from or flt.date_to:
            lo, hi = self.date_from.minimumDate(), self.date_to.maximumDate()
            self.use_dates.setChecked(True)
            self.date_from.setEnabled(True)
            self.date_to.setEnabled(True)
            self.date_from.setDate(QDate.fromString(flt.date_from, "yyyy-MM-dd") if flt.date_from else lo)
            self.date_to.setDate(QDate.fromString(flt.date_to, "yyyy-MM-dd") if flt.date_to else hi)
        i = self.flag.findData(flt.flag)
        self.flag.setCurrentIndex(max(i, 0))
        for w in widgets:
            w.blockSignals(False)
        self._drill = flt if (flt.has_keys() or flt.label) else None
        if self._drill is not None:
            self.drill_label.setText(self.tr("Showing lines for: %1").replace("%1", flt.label or "…"))
            self.drill_bar.setVisible(True)
        self._apply_filter()

    def _apply_filter(self) -> None:
        self._debounce.stop()
        self.lines_model.set_filter(self.current_filter())

    def clear_filters(self, apply: bool = True) -> None:
        """Show every line again."""
        for w in (self.search, self.use_dates, self.flag, self.only_import):
            w.blockSignals(True)
        self.search.clear()
        self.use_dates.setChecked(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self.flag.setCurrentIndex(0)
        self.only_import.setChecked(False)
        for w in (self.search, self.use_dates, self.flag, self.only_import):
            w.blockSignals(False)
        self._drill = None
        self.drill_bar.setVisible(False)
        if apply:
            self._apply_filter()

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self._apply_filter()

    def _set_date_bounds(self, first: Optional[str], last: Optional[str]) -> None:
        if not first or not last:
            return
        d0, d1 = QDate.fromString(first, "yyyy-MM-dd"), QDate.fromString(last, "yyyy-MM-dd")
        for d in (self.date_from, self.date_to):
            d.blockSignals(True)
            d.setDateRange(d0, d1)
        if not self.use_dates.isChecked():
            self.date_from.setDate(d0)
            self.date_to.setDate(d1)
        for d in (self.date_from, self.date_to):
            d.blockSignals(False)

    def _count_changed(self, n: int) -> None:
        total = (self._data or {}).get("summary", {}).get("lines")
        if self.lines_model.line_filter().is_empty() or total is None:
            self.count_label.setText(self.tr("%1 lines").replace("%1", self.ctx.fmt_int(n)))
        else:
            self.count_label.setText(self.tr("%1 of %2 lines match").replace("%1", self.ctx.fmt_int(n))
                                     .replace("%2", self.ctx.fmt_int(total)))
        if self.is_ready():
            self.ready.emit()

    def _counting(self, at_least: int) -> None:
        # the rows show before the count arrives: say only what is known so far
        self.count_label.setText(self.tr("At least %1 lines match · counting…").replace(
            "%1", self.ctx.fmt_int(at_least)))

    def _loading_changed(self, on: bool) -> None:
        if on:
            self.count_label.setText(self.tr("Filtering…"))

    def _lines_failed(self, message: str) -> None:
        self.count_label.setText(self.tr("Could not read the lines: %1").replace("%1", message))

    def _set_line_widths(self) -> None:
        fm = self.fontMetrics()
        widths = {"line_id": "5419090", "ordered_at": "2011-12-09 12:50:00", "order_id": "C581484",
                  "customer_id": "123456", "product_id": "DCGS0070X", "product_name": "W" * 26,
                  "quantity": "-80995", "unit_price": "38970.00", "amount": "-168469.60",
                  "country": "United Kingdom", "line_kind": "cancellation", "import_id": "Import"}
        header = self.lines.horizontalHeader()
        for c, name in enumerate(LinesModel.COLUMNS):      # as wide as a long value, and as the header
            self.lines.setColumnWidth(c, max(fm.horizontalAdvance(widths.get(name, "WWWWWW")) + 24,
                                             header.sectionSizeHint(c)))

    def _history_headers(self) -> dict[str, str]:
        return {"import_id": self.tr("#"), "file_name": self.tr("File"), "started_at": self.tr("Imported"),
                "rows_read": self.tr("Rows read"), "rows_imported": self.tr("Imported lines"),
                "rows_rejected": self.tr("Rejected"), "rows_skipped": self.tr("Skipped"),
                "duplicates_in_file": self.tr("Duplicates"), "date_format": self.tr("Date format"),
                "seconds": self.tr("Seconds")}

    def closeEvent(self, event) -> None:
        self.lines_model.close()
        super().closeEvent(event)


def _wait(cond, timeout_ms: int) -> None:
    """Process events until ``cond()`` (for screenshot mode, which drives dialogs itself)."""
    import time
    from PySide6.QtWidgets import QApplication
    end = time.monotonic() + timeout_ms / 1000
    while not cond() and time.monotonic() < end:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)

