"""``KpiCard``: a headline figure (caption, big value, change against the previous period).

:meth:`KpiCard.set_change` words the change the same way on every card: an arrow and the change
(in percent, or in percentage points for a rate), green when it went the good way, red when the
bad way, grey when flat or when there is nothing to compare with."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt

from ...core import fmt
from .job_tab import tr_args
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

    def set_change(self, text: str, change: Optional[float], compared: bool, *, no_previous: str = "",
                   higher_is_good: bool = True, points: bool = False) -> None:
        """Show ``text`` and its ``change`` against the previous period: a fraction of the previous
        value, or (``points``) a difference of two rates, said in percentage points.  Flat (under
        0.5 %, or 0.05 points) is grey.  Without a previous period (``compared`` False) the change
        line says ``no_previous``; when there was one but no change can be computed, so it says."""
        if not compared or change is None:
            self.set_value(text, self.tr("no comparison") if compared else no_previous, None)
            return
        arrow = "▲" if change > 0 else ("▼" if change < 0 else "■")
        if points:
            said = tr_args(self.tr("%1 %2 points vs previous period"), arrow, fmt.number(abs(change) * 100, 1))
        else:
            said = tr_args(self.tr("%1 %2 vs previous period"), arrow, fmt.percent(abs(change)))
        flat = abs(change) < (0.0005 if points else 0.005)
        self.set_value(text, said, None if flat else (change > 0) == higher_is_good)
