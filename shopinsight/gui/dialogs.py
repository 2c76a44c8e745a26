"""Dialogs shared by the whole app: the error dialog (bugs vs problems with the user's data) and a
small non-blocking warning box."""
from __future__ import annotations

import html
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit,
                               QPushButton, QStyle, QVBoxLayout, QWidget)

from ..core.errors import InputError
from .logs import log_path

__all__ = ["ErrorDialog", "warn"]


class ErrorDialog(QDialog):
    """A readable error: what failed, the message, and collapsible details to copy."""

    def __init__(self, title: str, exc: BaseException, details: str, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("ErrorDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        bad_input = isinstance(exc, InputError)
        self.setWindowTitle(self.tr("Problem with the input") if bad_input else self.tr("Something went wrong"))
        self.details = f"{title}\n{type(exc).__name__}: {exc}\n\n{details}\nLog file: {log_path()}"

        icon = QLabel()
        sp = QStyle.StandardPixmap.SP_MessageBoxWarning if bad_input else QStyle.StandardPixmap.SP_MessageBoxCritical
        icon.setPixmap(self.style().standardIcon(sp).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        head = QLabel(self.tr("<b>%1 did not finish.</b>").replace("%1", html.escape(title)))
        msg = QLabel(html.escape(str(exc) or type(exc).__name__))
        msg.setWordWrap(True)
        msg.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint = QLabel(self.tr("Please check the input and try again.") if bad_input else
                      self.tr("The details below were written to the log file. "
                              "Copy them into a bug report if the problem persists."))
        hint.setWordWrap(True)

        self.text = QPlainTextEdit(self.details)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setMinimumHeight(180)
        self.text.setVisible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.details_button = QPushButton(self.tr("Show details"))
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._toggle)
        copy = QPushButton(self.tr("Copy details"))
        copy.clicked.connect(self.copy_details)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(icon)
        col = QVBoxLayout()
        col.addWidget(head)
        col.addWidget(msg)
        col.addWidget(hint)
        top.addLayout(col, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.text, 1)
        lay.addWidget(buttons)
        self.resize(560, 220)

    def _toggle(self, on: bool) -> None:
        self.text.setVisible(on)
        self.details_button.setText(self.tr("Hide details") if on else self.tr("Show details"))
        self.resize(self.width(), 480 if on else 220)

    def copy_details(self) -> None:
        """Put the full details on the clipboard."""
        QGuiApplication.clipboard().setText(self.details)


def warn(parent: Optional[QWidget], title: str, text: str) -> None:
    """A small non-blocking warning box (used for expected problems such as a bad shop file)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
