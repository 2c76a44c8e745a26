"""Small layout helpers so a tab's ``__init__`` reads as its layout, not as boilerplate.

``hbox(label_text, widget, (widget, 1), layout, STRETCH)``: strings become labels, ``(item, n)``
gives a stretch factor, ``STRETCH`` adds a stretch; ``vbox`` alike; ``group(title, ...)`` a group
box holding a ``vbox``; ``scrolled(widget)`` a frameless, resizable scroll area; ``button(text,
slot)``; ``search_edit(placeholder, parent, on_pick)`` a line edit with a contains-matching
completer over a string list.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (QBoxLayout, QCompleter, QFrame, QGroupBox, QHBoxLayout, QLabel, QLayout, QLineEdit,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

__all__ = ["hbox", "vbox", "group", "scrolled", "button", "search_edit", "STRETCH"]

STRETCH = object()


def _fill(lay: QBoxLayout, items: tuple, margins: Optional[tuple]) -> QBoxLayout:
    if margins is not None:
        lay.setContentsMargins(*margins)
    for item in items:
        item, stretch = item if isinstance(item, tuple) else (item, 0)
        if item is STRETCH:
            lay.addStretch(1)
        elif isinstance(item, str):
            lay.addWidget(QLabel(item), stretch)
        elif isinstance(item, QLayout):
            lay.addLayout(item, stretch)
        else:
            lay.addWidget(item, stretch)
    return lay


def hbox(*items: Any, margins: Optional[tuple] = None, parent: Optional[QWidget] = None) -> QHBoxLayout:
    return _fill(QHBoxLayout(parent) if parent is not None else QHBoxLayout(), items, margins)


def vbox(*items: Any, margins: Optional[tuple] = None, parent: Optional[QWidget] = None) -> QVBoxLayout:
    return _fill(QVBoxLayout(parent) if parent is not None else QVBoxLayout(), items, margins)


def group(title: str, *items: Any) -> QGroupBox:
    box = QGroupBox(title)
    vbox(*items, parent=box)
    return box


def scrolled(widget: QWidget) -> QScrollArea:
    s = QScrollArea()
    s.setWidgetResizable(True)
    s.setFrameShape(QFrame.Shape.NoFrame)
    s.setWidget(widget)
    return s


def button(text: str, slot: Callable, *, tooltip: str = "", enabled: bool = True) -> QPushButton:
    b = QPushButton(text)
    b.clicked.connect(lambda *_: slot())
    if tooltip:
        b.setToolTip(tooltip)
    b.setEnabled(enabled)
    return b


def search_edit(placeholder: str, parent: QWidget, on_pick: Callable[[str], None]) -> tuple[QLineEdit, QStringListModel]:
    """A line edit whose completer matches anywhere in the (case-insensitive) strings of the
    returned list model; Enter or picking a completion calls ``on_pick(text)``."""
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    model = QStringListModel(parent)        # kept by the parent: a completer does not own its model
    completer = QCompleter(model, parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)
    edit.returnPressed.connect(lambda: on_pick(edit.text()))
    completer.activated.connect(on_pick)
    return edit, model
