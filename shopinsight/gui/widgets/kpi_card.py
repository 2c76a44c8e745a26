"""``KpiCard``: a headline figure (caption, big value, change against the previous period)."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

__all__ = ["KpiCard"]

_GOOD, _BAD, _FLAT = "#1a7f4b", "#c0392b", "#6b7280"


class KpiCard(QFrame):
    """A headline figure: caption, big value, change against the previous period."""

    def __init__(self, caption: str, tooltip: str = "", parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("KpiCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#KpiCard { background: palette(base); border: 1px solid #d9dee7; border-radius: 8px; }")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #5b6472; font-size: 12px;")
        self.value = QLabel("—")
        self.value.setStyleSheet("font-size: 22px; font-weight: 600;")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change = QLabel(" ")
        self.change.setStyleSheet(f"color: {_FLAT}; font-size: 11px;")
        self.change.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        lay.setSpacing(2)
        lay.addWidget(self.caption)
        lay.addWidget(self.value)
        lay.addWidget(self.change)
        if tooltip:
            self.setToolTip(tooltip)

    def set_value(self, text: str, change_text: str = "", good: Optional[bool] = None) -> None:
        """Show ``text``; colour ``change_text`` green (good), red (bad) or grey (None)."""
        self.value.setText(text)
        self.change.setText(change_text or " ")
        colour = _FLAT if good is None else (_GOOD if good else _BAD)
        self.change.setStyleSheet(f"color: {colour}; font-size: 11px;")
