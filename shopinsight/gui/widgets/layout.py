"""Small layout helpers so a tab's ``__init__`` reads as its layout, not as boilerplate.

``hbox(label_text, widget, (widget, 1), layout, STRETCH, 12)``: strings become labels, ``(item, n)``
gives a stretch factor (``(STRETCH, 2)`` a stretch of 2), ``STRETCH`` adds a stretch, a number that
much space; ``vbox`` alike; ``page(...)`` a widget holding
a ``vbox``; ``group(title, ...)`` a group box holding a ``vbox``; ``form(title, (label, field),
...)`` a group box holding a form; ``scrolled(widget)`` a frameless, resizable scroll area;
``splitter(a, b, ...)`` and ``pages((widget, title), ...)`` (a tab widget); ``button(text, slot)``;
``spin(lo, hi, value)`` (a float range gives a double spin box), ``combo(((code, label), ...))``
and ``note(text)`` (a wrapping label, muted or as a warning); ``choice_buttons(((code, label), ...),
current, on_pick, parent)`` a row of exclusive toggle buttons; ``search_edit(placeholder, parent,
on_pick)`` a line edit with a contains-matching completer over a string list.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (QBoxLayout, QButtonGroup, QComboBox, QCompleter, QDoubleSpinBox, QFormLayout, QFrame, QGroupBox,
                               QHBoxLayout, QLabel, QLayout, QLineEdit, QPushButton, QScrollArea, QSpinBox, QSplitter,
                               QTabWidget, QToolButton, QVBoxLayout, QWidget)

__all__ = ["hbox", "vbox", "page", "group", "form", "scrolled", "splitter", "pages", "button", "spin", "combo",
           "note", "choice_buttons", "search_edit", "STRETCH", "MUTED", "WARNING"]

MUTED, WARNING = "color: #5b6472;", "color: #9a3412;"     # secondary text; a warning

STRETCH = object()


def _fill(lay: QBoxLayout, items: tuple, margins: Optional[tuple], spacing: Optional[int] = None) -> QBoxLayout:
    if margins is not None:
        lay.setContentsMargins(*margins)
    if spacing is not None:
        lay.setSpacing(spacing)
    for item in items:
        item, stretch = item if isinstance(item, tuple) else (item, 0)
        if item is STRETCH:
            lay.addStretch(stretch or 1)
        elif isinstance(item, int):
            lay.addSpacing(item)
        elif isinstance(item, str):
            lay.addWidget(QLabel(item), stretch)
        elif isinstance(item, QLayout):
            lay.addLayout(item, stretch)
        else:
            lay.addWidget(item, stretch)
    return lay


def hbox(*items: Any, margins: Optional[tuple] = None, spacing: Optional[int] = None,
         parent: Optional[QWidget] = None) -> QHBoxLayout:
    return _fill(QHBoxLayout(parent) if parent is not None else QHBoxLayout(), items, margins, spacing)


def vbox(*items: Any, margins: Optional[tuple] = None, spacing: Optional[int] = None,
         parent: Optional[QWidget] = None) -> QVBoxLayout:
    return _fill(QVBoxLayout(parent) if parent is not None else QVBoxLayout(), items, margins, spacing)


def page(*items: Any, margins: Optional[tuple] = None, spacing: Optional[int] = None) -> QWidget:
    """A widget holding ``vbox(*items)``."""
    w = QWidget()
    vbox(*items, margins=margins, spacing=spacing, parent=w)
    return w


def group(title: str, *items: Any) -> QGroupBox:
    box = QGroupBox(title)
    vbox(*items, parent=box)
    return box


def form(title: str, *rows: Any) -> QGroupBox:
    """A group box holding a form: ``(label, field)`` rows, or a lone widget or layout spanning both
    columns."""
    box = QGroupBox(title)
    lay = QFormLayout(box)
    for row in rows:
        if isinstance(row, tuple):
            lay.addRow(*row)
        else:
            lay.addRow(row)
    return box


def splitter(*widgets: QWidget, vertical: bool = False, sizes: Optional[list[int]] = None,
             stretch: tuple = ()) -> QSplitter:
    """A splitter of ``widgets``; ``stretch`` gives their stretch factors, ``sizes`` their sizes."""
    split = QSplitter(Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal)
    for w in widgets:
        split.addWidget(w)
    for i, factor in enumerate(stretch):
        split.setStretchFactor(i, factor)
    if sizes:
        split.setSizes(sizes)
    return split


def pages(*tabs: tuple[QWidget, str]) -> QTabWidget:
    """A tab widget of ``(widget, title)`` pages."""
    w = QTabWidget()
    for widget, title in tabs:
        w.addTab(widget, title)
    return w


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


def spin(lo: float, hi: float, value: float, *, step: Optional[float] = None, decimals: Optional[int] = None,
         tooltip: str = "", suffix: str = "") -> QSpinBox | QDoubleSpinBox:
    """A spin box from ``lo`` to ``hi`` showing ``value``; a double spin box when any of them (or
    ``step``/``decimals``) is not a whole number."""
    whole = all(isinstance(v, int) for v in (lo, hi, value)) and decimals is None and not isinstance(step, float)
    box = QSpinBox() if whole else QDoubleSpinBox()
    if decimals is not None:
        box.setDecimals(decimals)
    box.setRange(lo, hi)
    if step is not None:
        box.setSingleStep(step)
    box.setValue(value)
    if tooltip:
        box.setToolTip(tooltip)
    if suffix:
        box.setSuffix(suffix)
    return box


def combo(items, *, current: Any = None, on_change: Optional[Callable] = None, tooltip: str = "") -> QComboBox:
    """A combo box of ``(code, label)`` items (``currentData()`` is the code), at ``current``;
    ``on_change(index)`` is called when the choice changes."""
    box = QComboBox()
    for code, label in items:
        box.addItem(label, code)
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current)))
    if on_change is not None:
        box.currentIndexChanged.connect(on_change)
    if tooltip:
        box.setToolTip(tooltip)
    return box


def note(text: str = "", *, style: Optional[str] = MUTED, selectable: bool = False, name: str = "") -> QLabel:
    """A word-wrapping label for remarks and statuses (``MUTED`` grey, ``WARNING``, or None)."""
    label = QLabel(text)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def choice_buttons(items, current: Any, on_pick: Callable[[Any], None], parent: QWidget, *,
                   min_width: int = 64) -> QButtonGroup:
    """Exclusive toggle buttons of ``(code, label)`` items (lay out ``group.buttons()``); the one of
    ``current`` is down; clicking another calls ``on_pick(code)``.  A button's code is its
    ``"code"`` property."""
    group = QButtonGroup(parent)
    group.setExclusive(True)
    for code, label in items:
        b = QToolButton()
        b.setText(label)
        b.setCheckable(True)
        b.setChecked(code == current)
        b.setProperty("code", code)
        b.setMinimumWidth(min_width)
        group.addButton(b)
    group.buttonClicked.connect(lambda b: on_pick(b.property("code")))
    return group


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
