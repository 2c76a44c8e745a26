"""The import wizard: files → preview and format → column mapping → import → quality report.

Everything it shows comes from the core importer: :func:`~shopinsight.core.importer.preview_file`
proposes the format and mapping (run on a worker: it samples up to 100k rows), the user's
changes become an :class:`~shopinsight.core.importer.ImportOptions`, and
:func:`~shopinsight.core.importer.import_files` runs on the task runner with progress and Cancel.
A cancelled or failed import leaves the shop exactly as it was (the importer works in one
transaction).
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Optional

import pandas as pd
from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QFormLayout,
                               QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QProgressBar, QPushButton, QScrollArea,
                               QTableView, QVBoxLayout, QWidget, QWizard, QWizardPage)

from .quality_view import QualityView
from .widgets.elided_label import ElidedLabel
from .widgets.frame_model import DataFrameModel

__all__ = ["ImportWizard", "field_labels"]


FILE_FILTER = "*.csv *.tsv *.txt *.gz *.xlsx *.xls"


def field_labels() -> dict[str, str]:
    """Translated labels of the importer's canonical fields (English ones live in the core)."""
    return {
        "order_id": QCoreApplication.translate("ImportWizard", "Order / invoice number"),
        "ordered_at": QCoreApplication.translate("ImportWizard", "Order date"),
        "customer_id": QCoreApplication.translate("ImportWizard", "Customer"),
        "product_id": QCoreApplication.translate("ImportWizard", "Product code (SKU)"),
        "product_name": QCoreApplication.translate("ImportWizard", "Product name"),
        "quantity": QCoreApplication.translate("ImportWizard", "Quantity"),
        "unit_price": QCoreApplication.translate("ImportWizard", "Unit price"),
        "amount": QCoreApplication.translate("ImportWizard", "Line total (amount)"),
        "country": QCoreApplication.translate("ImportWizard", "Country"),
        "store": QCoreApplication.translate("ImportWizard", "Store / channel"),
        "status": QCoreApplication.translate("ImportWizard", "Order status"),
        "customer_email": QCoreApplication.translate("ImportWizard", "Customer e-mail"),
        "customer_name": QCoreApplication.translate("ImportWizard", "Customer name"),
        "currency": QCoreApplication.translate("ImportWizard", "Currency"),
    }


def _confidence_colour(conf: float) -> QColor:
    if conf >= 0.8:
        return QColor("#1e7b34")     # green: a confident guess
    if conf >= 0.5:
        return QColor("#a35d00")     # amber: check it
    return QColor("#b3261e")         # red: a weak guess


class ImportWizard(QWizard):
    """Import one or more files into the open shop.  See the module docs.

    ``finished_import(results)`` is emitted with the importer's result dicts after a
    successful import (the wizard has already called ``ctx.notify_data_changed()``).
    """

    finished_import = Signal(list)
    preview_changed = Signal()

    PAGE_FILES, PAGE_FORMAT, PAGE_MAPPING, PAGE_IMPORT, PAGE_REPORT = range(5)

    def __init__(self, ctx, paths: Optional[list[str | Path]] = None, parent: Optional[QWidget] = None):
        super().__init__(parent)
        from ..core.importer import CANONICAL_FIELDS
        self.ctx = ctx
        self.fields: list[str] = list(CANONICAL_FIELDS)
        self.paths: list[Path] = [Path(p) for p in (paths or [])]
        self.preview = None                       # Preview of the first file, with the overrides
        self.preview_error: Optional[str] = None
        self.preview_loading = False
        self.format_overrides: dict[str, Any] = {}   # encoding/delimiter/decimal/date_format/preset
        self.mapping_override: dict[str, Optional[str]] = {}
        self.pseudonymise = False
        self.pseudonym_key_file: Optional[str] = None   # None: the key kept in the config folder
        self.results: list[dict] = []
        self.import_state = "idle"                # idle | running | done | cancelled | failed
        self.setObjectName("ImportWizard")
        self.setWindowTitle(self.tr("Import data"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setMinimumSize(QSize(860, 600))
        self.files_page = FilesPage(self)
        self.format_page = FormatPage(self)
        self.mapping_page = MappingPage(self)
        self.import_page = ImportPage(self)
        self.report_page = ReportPage(self)
        for pid, page in enumerate([self.files_page, self.format_page, self.mapping_page,
                                    self.import_page, self.report_page]):
            self.setPage(pid, page)
        self.setStartId(self.PAGE_FILES)
        self.files_page.refresh()

    # -- state shared by the pages -----------------------------------------------------------
    def options(self, with_mapping: bool = True):
        """The user's choices as ImportOptions (None/empty = let the importer decide)."""
        from ..core.importer import ImportOptions
        o = self.format_overrides
        return ImportOptions(preset=o.get("preset"), mapping=dict(self.mapping_override) or None
                             if with_mapping else None,
                             date_format=o.get("date_format"), encoding=o.get("encoding"),
                             delimiter=o.get("delimiter"), decimal=o.get("decimal"), sheet=o.get("sheet"),
                             pseudonymise=self.pseudonymise,
                             pseudonym_key_file=self.pseudonym_key_file if self.pseudonymise else None)

    def refresh_preview(self) -> None:
        """Re-run the importer's preview of the first file with the current choices (worker)."""
        from ..core.importer import preview_file
        if not self.paths:
            return
        path, opts = self.paths[0], self.options()
        self.preview_loading = True
        self.preview_error = None
        self.preview_changed.emit()
        self.ctx.runner.start("import-preview", lambda state: preview_file(path, opts, nrows=50),
                              on_done=self._preview_done, on_error=self._preview_failed,
                              title=self.tr("Reading %1").replace("%1", path.name))

    def _preview_done(self, preview) -> None:
        self.preview, self.preview_loading, self.preview_error = preview, False, None
        self.preview_changed.emit()

    def _preview_failed(self, exc: BaseException) -> bool:
        self.preview, self.preview_loading, self.preview_error = None, False, str(exc)
        self.preview_changed.emit()
        return True     # shown on the page, no dialog

    def set_format(self, key: str, value: Any) -> None:
        """Override one detected format setting (None: detect again) and re-read the preview."""
        if value in ("", None):
            self.format_overrides.pop(key, None)
        else:
            self.format_overrides[key] = value
        self.refresh_preview()

    def set_mapping(self, field: str, column: Optional[str]) -> None:
        """Map ``field`` to ``column`` (None: not mapped), as the importer's ``--map``."""
        if self.preview is not None and self.preview.mapping.get(field) == column and \
                field not in self.mapping_override:
            return
        # a column feeds one field: drop it from other fields the user mapped
        for other, col in list(self.mapping_override.items()):
            if col == column and other != field and column is not None:
                self.mapping_override[other] = None
        self.mapping_override[field] = column
        self.refresh_preview()

    def reset_mapping(self) -> None:
        """Back to the importer's proposal."""
        self.mapping_override.clear()
        self.refresh_preview()

    def mapping_problem(self) -> Optional[str]:
        """Why the current mapping cannot be imported (None when it can)."""
        pv = self.preview
        if pv is None:
            return self.preview_error or self.tr("Reading the file…")
        found = pv.problems()       # the importer's own checks, worded here for the wizard's controls
        if not found:
            return None
        p = found[0]
        words = {
            "no_rows": self.tr("The file has no data rows: choose another file or sheet."),
            "no_date_column": self.tr("Choose the column that holds the order date."),
            "dates_unreadable": self.tr("The dates could not be read: choose or type a date format."),
            "dates_mostly_bad": self.tr("Most values in the date column are not dates in this format: "
                                        "choose another date column or date format."),
            "no_amount": self.tr("Choose a line total (amount) column, or both quantity and unit price."),
        }
        text = words.get(p.code, p.message)
        if p.value:
            text += " " + self.tr("(first value: %1)").replace("%1", p.value)
        return text

    # -- cancelling ----------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel: stops a running import first (the shop stays unchanged)."""
        if self.import_state == "running":
            self.import_page.cancel_import()
            return
        self.ctx.runner.cancel("import-preview")
        super().reject()

    def closeEvent(self, event) -> None:
        if self.import_state == "running":
            self.import_page.cancel_import()
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.ctx.runner.cancel("import-preview")
        super().done(result)


# -- page 1: files ---------------------------------------------------------------------------
class FilesPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        from ..core.importer import PRESETS
        self.wiz = wizard
        self.setTitle(self.tr("Choose the files to import"))
        self.setSubTitle(self.tr("Order or sales exports: CSV, TSV, text, gzip or Excel. "
                                 "Several files of the same shop can be imported together."))
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAlternatingRowColors(True)
        add = QPushButton(self.tr("Add files…"))
        add.clicked.connect(self.add_files)
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.clicked.connect(self.remove_selected)
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(buttons)

        self.preset = QComboBox()
        self.preset.addItem(self.tr("Recognise automatically"), None)
        for name, preset in PRESETS.items():
            self.preset.addItem(preset.shown_label(), name)
        self.pseudo = QCheckBox(self.tr("Pseudonymise customers (store codes instead of customer "
                                        "numbers, names and e-mails)"))
        # the pseudonym key never lives in the shop: kept in the config folder, or a file of the user's
        self.key_file = QLineEdit()
        self.key_file.setPlaceholderText(self.tr("optional: otherwise the key kept in your settings folder"))
        self.key_button = QPushButton(self.tr("Key file…"))
        self.key_button.clicked.connect(self.choose_key_file)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_file, 1)
        key_row.addWidget(self.key_button)
        self.pseudo.toggled.connect(self._pseudo_toggled)
        self._pseudo_toggled(False)
        form = QFormLayout()
        form.addRow(self.tr("Export format:"), self.preset)
        form.addRow("", self.pseudo)
        form.addRow(self.tr("Pseudonym key:"), key_row)
        lay = QVBoxLayout(self)
        lay.addLayout(top, 1)
        lay.addLayout(form)

    def _pseudo_toggled(self, on: bool) -> None:
        self.key_file.setEnabled(on)
        self.key_button.setEnabled(on)

    def choose_key_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pseudonym key file"), self._last_dir(),
                                              self.tr("All files (*)"))
        if path:
            self.key_file.setText(path)

    def _last_dir(self) -> str:
        return str(self.wiz.ctx.settings.value("import/last_dir", "") or "")

    def add_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import data"), self._last_dir(),
            self.tr("Shop exports (%1);;All files (*)").replace("%1", FILE_FILTER))
        if files:
            self.wiz.ctx.settings.setValue("import/last_dir", str(Path(files[0]).parent))
            self.add_paths(files)

    def add_paths(self, files) -> None:
        """Add files to the list (duplicates ignored).  A basket list is not a sales export: it is
        not added; the user is offered its bought-together rules instead."""
        from ..core.store import file_kind

        baskets = []
        for f in files:
            p = Path(f)
            if file_kind(p) == "baskets":
                baskets.append(p)
            elif p not in self.wiz.paths:
                self.wiz.paths.append(p)
        self.refresh()
        if baskets:
            from .basket_rules import offer_basket_rules
            owner = self.wiz.parentWidget() or self.wiz      # the rules outlive the wizard
            shown = [offer_basket_rules(owner, self.wiz.ctx, p) for p in baskets]
            if any(shown) and not self.wiz.paths:
                self.wiz.reject()                           # nothing left to import

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.list.selectedIndexes()}, reverse=True)
        for r in rows:
            del self.wiz.paths[r]
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for p in self.wiz.paths:
            self.list.addItem(f"{p.name}    ({p.parent})")
        self.remove.setEnabled(bool(self.wiz.paths))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.wiz.paths)

    def validatePage(self) -> bool:
        preset = self.preset.currentData()
        if preset:
            self.wiz.format_overrides["preset"] = preset
        else:
            self.wiz.format_overrides.pop("preset", None)
        self.wiz.pseudonymise = self.pseudo.isChecked()
        self.wiz.pseudonym_key_file = self.key_file.text().strip() or None
        self.wiz.refresh_preview()
        return True


# -- page 2: format and preview ----------------------------------------------------------------
_ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "gb18030", "big5", "shift_jis", "utf-16"]


class FormatPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Check how the file is read"))
        self.setSubTitle(self.tr("The format was detected automatically. If the preview looks wrong, "
                                 "change a setting: the preview is read again."))
        self._updating = False
        self.file_label = QLabel()
        self.encoding = QComboBox()
        self.encoding.setEditable(True)
        for e in _ENCODINGS:
            self.encoding.addItem(e, e)
        self.delimiter = QComboBox()
        for label, value in [(self.tr("Comma ( , )"), ","), (self.tr("Semicolon ( ; )"), ";"),
                             (self.tr("Tab"), "\t"), (self.tr("Pipe ( | )"), "|"),
                             (self.tr("Spaces"), " ")]:
            self.delimiter.addItem(label, value)
        self.decimal = QComboBox()
        self.decimal.addItem(self.tr("Point (1234.56)"), ".")
        self.decimal.addItem(self.tr("Comma (1234,56)"), ",")
        self.encoding.activated.connect(lambda _i: self._changed("encoding", self.encoding.currentText()))
        self.encoding.lineEdit().editingFinished.connect(
            lambda: self._changed("encoding", self.encoding.currentText()))
        self.delimiter.activated.connect(lambda _i: self._changed("delimiter", self.delimiter.currentData()))
        self.decimal.activated.connect(lambda _i: self._changed("decimal", self.decimal.currentData()))
        # a workbook's sheets (from the core's sniff: preview.source_format.sheets)
        self.sheet = QComboBox()
        self.sheet.activated.connect(lambda _i: self._changed("sheet", self.sheet.currentText()))
        self.sheet_label = QLabel(self.tr("Sheet:"))
        self.detect = QPushButton(self.tr("Detect again"))
        self.detect.clicked.connect(self._redetect)

        box = QGroupBox(self.tr("Format"))
        g = QGridLayout(box)
        g.addWidget(QLabel(self.tr("Encoding:")), 0, 0)
        g.addWidget(self.encoding, 0, 1)
        g.addWidget(QLabel(self.tr("Delimiter:")), 0, 2)
        g.addWidget(self.delimiter, 0, 3)
        g.addWidget(QLabel(self.tr("Decimal separator:")), 0, 4)
        g.addWidget(self.decimal, 0, 5)
        g.addWidget(self.detect, 0, 6)
        g.addWidget(self.sheet_label, 1, 0)
        g.addWidget(self.sheet, 1, 1, 1, 3)
        self.sheet_label.hide()
        self.sheet.hide()
        g.setColumnStretch(7, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.model = DataFrameModel(ctx=wizard.ctx)
        self.table = QTableView()
        self.table.setProperty("verbatim", True)     # the file's own rows (pseudo-locale check)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        lay = QVBoxLayout(self)
        lay.addWidget(self.file_label)
        lay.addWidget(box)
        lay.addWidget(self.status)
        lay.addWidget(self.table, 1)
        wizard.preview_changed.connect(self.update_view)

    def _redetect(self) -> None:
        for k in ("encoding", "delimiter", "decimal"):
            self.wiz.format_overrides.pop(k, None)
        self.wiz.refresh_preview()

    def _changed(self, key: str, value: Any) -> None:
        if self._updating:
            return
        pv = self.wiz.preview
        if pv is not None and getattr(pv, key) == value and key not in self.wiz.format_overrides:
            return
        self.wiz.set_format(key, value)

    def initializePage(self) -> None:
        self.update_view()
        self.table.setFocus()     # not the encoding box: typing there would re-read the file

    def update_view(self) -> None:
        pv, wiz = self.wiz.preview, self.wiz
        more = len(wiz.paths) - 1
        if wiz.paths:
            name = wiz.paths[0].name
            text = self.tr("Preview of <b>%1</b>").replace("%1", html.escape(name))
            if more > 0:
                text += " " + self.tr("(and %1 more, read with the same settings)").replace("%1", str(more))
            self.file_label.setText(text)
        if wiz.preview_loading:
            self.status.setText(self.tr("Reading the file…"))
        elif wiz.preview_error:
            self.status.setText(f"<span style='color:#b3261e'>{html.escape(wiz.preview_error)}</span>")
        if pv is None:
            if not wiz.preview_loading:
                self.model.set_frame(pd.DataFrame())
            self.completeChanged.emit()
            return
        self._updating = True
        try:
            self.encoding.setCurrentText(pv.encoding)
            i = self.delimiter.findData(pv.delimiter)
            if i < 0:
                self.delimiter.addItem(repr(pv.delimiter), pv.delimiter)
                i = self.delimiter.count() - 1
            self.delimiter.setCurrentIndex(i)
            self.decimal.setCurrentIndex(max(self.decimal.findData(pv.decimal), 0))
            sheets = pv.source_format.sheets
            self.sheet.clear()
            self.sheet.addItems(sheets)
            if pv.source_format.sheet in sheets:
                self.sheet.setCurrentIndex(sheets.index(pv.source_format.sheet))
            self.sheet_label.setVisible(len(sheets) > 1)
            self.sheet.setVisible(len(sheets) > 1)
        finally:
            self._updating = False
        if not wiz.preview_loading:
            from ..core.importer import PRESETS
            bits = [self.tr("Columns: %1").replace("%1", str(len(pv.header)))]
            if pv.preset:
                label = PRESETS[pv.preset].shown_label() if pv.preset in PRESETS else pv.preset
                bits.append(self.tr("recognised as: %1").replace("%1", html.escape(label)))
            text = " · ".join(bits)
            for w in pv.warnings:
                text += f"<br><span style='color:#a35d00'>⚠ {html.escape(w)}</span>"
            self.status.setText(text)
        self.model.set_frame(pv.rows.astype(object).where(pv.rows.notna(), ""))
        self.table.resizeColumnsToContents()
        for c in range(self.model.columnCount()):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), 280))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wiz.preview is not None and not self.wiz.preview_loading


# -- page 3: mapping ---------------------------------------------------------------------------
class MappingPage(QWizardPage):
    """One combo box per canonical field, the importer's confidence, and example values."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(self.tr("Which column holds what? The proposal is the importer's guess with its "
                                 "confidence; change any field that is wrong. * = required."))
        self._updating = False
        labels = field_labels()
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        for c, text in enumerate([self.tr("Field"), self.tr("Column in the file"), self.tr("Confidence"),
                                  self.tr("First values")]):
            h = QLabel(f"<b>{html.escape(text)}</b>")
            grid.addWidget(h, 0, c)
        self.combos: dict[str, QComboBox] = {}
        self.badges: dict[str, QLabel] = {}
        self.samples: dict[str, QLabel] = {}
        required = {"ordered_at"}
        for r, field in enumerate(wizard.fields, start=1):
            name = labels.get(field, field) + (" *" if field in required else "")
            lab = QLabel(name)
            lab.setToolTip(field)
            combo = QComboBox()
            combo.setMinimumWidth(200)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)
            combo.activated.connect(lambda _i, f=field: self._picked(f))
            badge = QLabel()
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            badge.setMinimumWidth(96)
            sample = ElidedLabel()                   # ends in "…" where the values do not fit
            sample.setProperty("verbatim", True)     # values from the file
            grid.addWidget(lab, r, 0)
            grid.addWidget(combo, r, 1)
            grid.addWidget(badge, r, 2)
            grid.addWidget(sample, r, 3)
            self.combos[field], self.badges[field], self.samples[field] = combo, badge, sample
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(len(wizard.fields) + 1, 1)   # rows packed at the top
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)

        self.date_format = QComboBox()
        self.date_format.setEditable(True)
        self.date_format.setMinimumContentsLength(18)
        self.date_format.activated.connect(lambda _i: self._date_format(self.date_format.currentText()))
        self.date_format.lineEdit().editingFinished.connect(
            lambda: self._date_format(self.date_format.currentText()))
        self.date_example = QLabel()
        reset = QPushButton(self.tr("Use the proposal"))
        reset.clicked.connect(wizard.reset_mapping)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Date format:")))
        bottom.addWidget(self.date_format)
        bottom.addWidget(self.date_example, 1)
        bottom.addWidget(reset)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addLayout(bottom)
        lay.addWidget(self.problem)
        wizard.preview_changed.connect(self.update_view)

    def initializePage(self) -> None:
        self.update_view()

    def _picked(self, field: str) -> None:
        if self._updating:
            return
        self.wiz.set_mapping(field, self.combos[field].currentData())

    def _date_format(self, text: str) -> None:
        if self._updating:
            return
        text = text.strip()
        pv = self.wiz.preview
        if pv is not None and text == (pv.date_format or "") and "date_format" not in self.wiz.format_overrides:
            return
        self.wiz.set_format("date_format", text or None)

    def update_view(self) -> None:
        pv, wiz = self.wiz.preview, self.wiz
        if pv is None:
            self.problem.setText(wiz.mapping_problem() or "")
            self.completeChanged.emit()
            return
        self._updating = True
        try:
            for field, combo in self.combos.items():
                combo.clear()
                combo.addItem(self.tr("— not in the file —"), None)
                for col in pv.header:
                    combo.addItem(col, col)
                col = pv.mapping.get(field)
                combo.setCurrentIndex(max(combo.findData(col), 0) if col else 0)
                self._badge(field, col, float(pv.confidence.get(field, 0.0) or 0.0))
                self.samples[field].setText(self._examples(pv.rows, col))
            self.date_format.clear()
            from ..core.importer.parse import DATE_FORMATS
            for f in [*(pv.date_formats or []), *DATE_FORMATS]:
                if f and self.date_format.findText(f) < 0:
                    self.date_format.addItem(f, f)
            self.date_format.setCurrentText(pv.date_format or "")
        finally:
            self._updating = False
        dd = getattr(pv, "date_decision", None)
        if dd is not None and getattr(dd, "success", None) is not None:
            self.date_example.setText(self.tr("%1 of the sampled dates read with this format")
                                      .replace("%1", wiz.ctx.fmt_percent(dd.success, 1)))
        else:
            self.date_example.setText("")
        problem = wiz.mapping_problem()
        if wiz.preview_loading:
            problem = self.tr("Reading the file…")
        self.problem.setText(f"<span style='color:#b3261e'>{html.escape(problem)}</span>" if problem else
                             self.tr("Ready to import. Unmatched columns are kept as extra data."))
        self.completeChanged.emit()

    def _badge(self, field: str, col: Optional[str], conf: float) -> None:
        badge = self.badges[field]
        if col is None:
            badge.setText("")
            badge.setStyleSheet("")
            badge.setToolTip("")
            return
        if field in self.wiz.mapping_override:
            badge.setText(self.tr("your choice"))
            colour = QColor("#1f5fa8")
            badge.setToolTip(self.tr("Set by you"))
        else:
            badge.setText(self.wiz.ctx.fmt_percent(conf, 0))
            colour = _confidence_colour(conf)
            badge.setToolTip(self.tr("How sure the importer is that this column holds this field"))
        badge.setStyleSheet(f"QLabel {{ color: white; background: {colour.name()}; border-radius: 4px; "
                            f"padding: 1px 6px; }}")

    @staticmethod
    def _examples(rows: pd.DataFrame, col: Optional[str]) -> str:
        if not col or col not in rows:
            return ""
        vals = [v for v in dict.fromkeys(str(x) for x in rows[col].dropna().tolist()) if v.strip()][:4]
        return "  ·  ".join(v if len(v) <= 28 else v[:27] + "…" for v in vals)

    def isComplete(self) -> bool:
        return not self.wiz.preview_loading and self.wiz.mapping_problem() is None


# -- page 4: import ------------------------------------------------------------------------------
class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Importing"))
        self.setSubTitle(self.tr("The files are imported in the background. Cancel leaves the shop "
                                 "exactly as it was."))
        self.files = QLabel()
        self.files.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.clicked.connect(self.cancel_import)
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.clicked.connect(self.start_import)
        self.retry_button.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.retry_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.files)
        lay.addSpacing(12)
        lay.addLayout(row)
        lay.addWidget(self.message)
        lay.addStretch(1)
        self.task = None

    def initializePage(self) -> None:
        self.start_import()

    def cleanupPage(self) -> None:        # Back pressed: stop the import (the shop stays unchanged)
        if self.wiz.import_state == "running":
            self.cancel_import()

    def _is_stale(self) -> bool:
        # a superseded task (Back, then Next again) still reports its end: ignore it
        return self.task is not None and not self.task.cancelled and \
            self.wiz.ctx.runner.current("import") is self.task

    def start_import(self) -> None:
        from ..core.process import PROCESS_IMPORT_BYTES, import_into, run_in_process, total_size
        wiz = self.wiz
        if wiz.ctx.shop_path is None:
            self._failed(RuntimeError(self.tr("No shop is open.")))
            return
        paths, opts, shop_path = list(wiz.paths), wiz.options(), wiz.ctx.shop_path
        self.files.setText(self.tr("Importing %1 into %2")
                           .replace("%1", ", ".join(html.escape(p.name) for p in paths))
                           .replace("%2", html.escape(wiz.ctx.shop_name or shop_path.name)))
        self.bar.setValue(0)
        self.message.setText(self.tr("Starting…"))
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(True)
        self.retry_button.setVisible(False)
        wiz.import_state = "running"
        wiz.results = []

        def work(state):
            # big files import in a child process: pandas and sqlite3 hold the interpreter lock
            # for tens of ms per chunk, which would make the window stutter (benchmarks/ui_latency.py)
            if total_size(paths) > PROCESS_IMPORT_BYTES:
                return run_in_process(import_into, shop_path, paths, opts, progress=state.reporter)
            return import_into(shop_path, paths, opts, progress=state.reporter)

        self.task = wiz.ctx.runner.start("import", work, on_done=self._done, on_error=self._failed,
                                         on_progress=self._progress, on_cancelled=self._cancelled,
                                         title=self.tr("Importing data"))
        self.completeChanged.emit()

    def _progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(int(fraction * 1000))
        if message:
            self.message.setText(message)

    def cancel_import(self) -> None:
        """Ask the import to stop; the importer rolls back."""
        if self.wiz.import_state == "running":
            self.message.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)
            self.wiz.ctx.runner.cancel("import")

    def _cancelled(self) -> None:
        if self._is_stale():
            return
        self.wiz.import_state = "cancelled"
        self.bar.setValue(0)
        self.message.setText(self.tr("Import cancelled. The shop is unchanged."))
        self._stopped()

    def _failed(self, exc: BaseException) -> bool:
        self.wiz.import_state = "failed"
        head = self.tr("Import failed:")
        self.message.setText(f"<span style='color:#b3261e'>{html.escape(head)} {html.escape(str(exc))}</span><br>"
                             + self.tr("The shop is unchanged."))
        self._stopped()
        from ..core.errors import InputError
        return isinstance(exc, InputError)   # bugs still get the error dialog with details

    def _stopped(self) -> None:
        self.cancel_button.setVisible(False)
        self.retry_button.setVisible(True)
        self.completeChanged.emit()

    def _done(self, results: list[dict]) -> None:
        wiz = self.wiz
        wiz.import_state = "done"
        wiz.results = results
        self.bar.setValue(1000)
        n = sum(r.get("imported", 0) for r in results)
        self.message.setText(self.tr("Done: %1 lines imported.").replace("%1", wiz.ctx.fmt_int(n)))
        self.cancel_button.setVisible(False)
        self.completeChanged.emit()
        wiz.ctx.notify_data_changed()
        wiz.finished_import.emit(results)
        QTimer.singleShot(0, wiz.next)

    def isComplete(self) -> bool:
        return self.wiz.import_state == "done"


# -- page 5: report ------------------------------------------------------------------------------
class ReportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Import report"))
        self.setSubTitle(self.tr("What was imported, flagged, rejected and skipped."))
        self.files = QComboBox()
        self.files.currentIndexChanged.connect(self._show)
        self.view = QualityView(wizard.ctx)
        self.files_label = QLabel(self.tr("File:"))
        row = QHBoxLayout()
        row.addWidget(self.files_label)
        row.addWidget(self.files, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.view, 1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        self.files.blockSignals(True)
        self.files.clear()
        for r in self.wiz.results:
            self.files.addItem(r.get("file", ""), r.get("import_id"))
        self.files.blockSignals(False)
        self.files.setVisible(len(self.wiz.results) > 1)
        self.files_label.setVisible(len(self.wiz.results) > 1)
        self._show(0)

    def _show(self, i: int) -> None:
        if not 0 <= i < len(self.wiz.results):
            self.view.clear()
            return
        r = self.wiz.results[i]
        quality = dict(r.get("quality") or {})
        for key in ("rows_read", "imported", "rejected"):
            quality.setdefault(key, r.get(key))
        quality.setdefault("skipped_already_present", r.get("skipped"))
        rejected = None
        try:
            with self.wiz.ctx.open_shop() as shop:
                rejected = shop.rejected(r["import_id"], limit=200)
        except Exception:  # the report still shows the counts
            pass
        title = self.tr("%1 — %2 s").replace("%1", r.get("file", "")).replace(
            "%2", self.wiz.ctx.fmt_number(r.get("seconds", 0.0), 1))
        self.view.show_report(title, quality, rejected, {r["import_id"]: r.get("file", "")},
                              rejected_total=r.get("rejected"))

