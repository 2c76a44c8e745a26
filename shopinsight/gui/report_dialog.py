"""File ▸ Export report…: choose the period, language, format and file of the one-page report.

Thin: the dialog only collects :class:`~shopinsight.core.report.ReportOptions` (checked by their
own ``validate()``); the main window runs :func:`~shopinsight.core.report.build_report` on the
task runner (progress and Cancel in the status bar).
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from ..core.errors import InputError
from ..core.report import ReportOptions, month_label
from .widgets.date_edit import date_edit

__all__ = ["ReportDialog"]


class ReportDialog(QDialog):
    """Collects the options of one report; :meth:`options` after ``exec()`` returns them."""

    def __init__(self, months: list[str], default_month: str, first_day: str, last_day: str, language: str,
                 folder: str, shop_stem: str, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("ReportDialog")
        self.setWindowTitle(self.tr("Export report"))
        self._folder, self._stem = folder, shop_stem
        form = QFormLayout()

        self.period_kind = QComboBox()
        self.period_kind.addItem(self.tr("A month"), "month")
        self.period_kind.addItem(self.tr("From … to …"), "range")
        form.addRow(self.tr("Period:"), self.period_kind)

        self.month = QComboBox()
        for m in months:
            self.month.addItem(month_label(m), m)      # as the report names it
        self.month.setCurrentIndex(max(self.month.findData(default_month), 0))
        self.start, self.end = date_edit(), date_edit()
        for w, day in ((self.start, first_day), (self.end, last_day)):
            w.setDateRange(QDate.fromString(first_day, "yyyy-MM-dd"), QDate.fromString(last_day, "yyyy-MM-dd"))
            w.setDate(QDate.fromString(day, "yyyy-MM-dd"))
        rng = QWidget()
        row = QHBoxLayout(rng)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start)
        row.addWidget(QLabel("–"))
        row.addWidget(self.end)
        self.period_stack = QStackedWidget()
        self.period_stack.addWidget(self.month)
        self.period_stack.addWidget(rng)
        self.period_kind.currentIndexChanged.connect(self.period_stack.setCurrentIndex)
        form.addRow("", self.period_stack)

        self.lang = QComboBox()
        self.lang.addItem("English", "en")
        self.lang.addItem("简体中文", "zh_CN")
        self.lang.setCurrentIndex(max(self.lang.findData(language), 0))
        form.addRow(self.tr("Language:"), self.lang)

        self.format = QComboBox()
        self.format.addItem(self.tr("PDF (print or send)"), "pdf")
        self.format.addItem(self.tr("HTML (one file, opens offline)"), "html")
        self.format.currentIndexChanged.connect(self._suffix_follows_format)
        form.addRow(self.tr("Format:"), self.format)

        self.path = QLineEdit(str(Path(folder) / f"{shop_stem}-report.pdf"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        prow = QWidget()
        pl = QHBoxLayout(prow)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.path, 1)
        pl.addWidget(browse)
        form.addRow(self.tr("File:"), prow)

        self.error = QLabel()
        self.error.setObjectName("ReportDialogError")
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        self.error.hide()
        # own buttons, not the standard Ok/Cancel: those get Qt's texts back on a language change
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Write the report"), QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.setMinimumWidth(460)

    def options(self) -> ReportOptions:
        """The options as chosen (not yet validated)."""
        kind = self.period_kind.currentData()
        return ReportOptions(
            out=self.path.text().strip(), lang=self.lang.currentData(), format=self.format.currentData(),
            month=self.month.currentData() if kind == "month" else None,
            start=self.start.date().toString("yyyy-MM-dd") if kind == "range" else None,
            end=self.end.date().toString("yyyy-MM-dd") if kind == "range" else None)

    def accept(self) -> None:
        try:
            self.options().validate()
        except InputError as exc:          # say what is wrong here; the dialog stays open
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()

    def _suffix_follows_format(self) -> None:
        p = Path(self.path.text().strip() or f"{self._stem}-report")
        self.path.setText(str(p.with_suffix("." + self.format.currentData())))

    def _browse(self) -> None:
        fmt = self.format.currentData()
        filt = self.tr("PDF file (*.pdf)") if fmt == "pdf" else self.tr("HTML file (*.html)")
        path, _sel = QFileDialog.getSaveFileName(self, self.tr("Export report"), self.path.text(), filt)
        if path:
            self.path.setText(path)

