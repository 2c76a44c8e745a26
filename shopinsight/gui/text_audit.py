"""Every piece of text a window shows, for the pseudo-locale check (``--screenshots`` under
``--lang xx_PSEUDO``).  The judging (what is untranslated) is :mod:`shopinsight.core.pseudo`.

Collected from visible widgets only (an icon-only tool button's text is not visible; a widget
with the Qt property ``verbatim`` set shows the user's data as it is — the import preview — and a
combo item whose data is its own text is a value, not a label: these are skipped): labels, buttons, check boxes, group-box titles, tab titles,
combo-box items, line-edit placeholders, text views, window titles, the menu bar with its menus'
actions, table/tree headers and the cells of the first rows, and of every chart: titles, axis
labels, tick labels, legend entries and texts drawn on it.
"""
from __future__ import annotations

import html
import re
from typing import Iterator

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QHeaderView, QLabel, QLineEdit,
                               QMainWindow, QMenu, QPlainTextEdit, QTableView, QTabBar, QTextEdit, QToolButton,
                               QTreeView,
                               QWidget)

__all__ = ["visible_texts", "figure_texts"]

_TAG = re.compile(r"<[^>]+>")
ROWS = 30    # table rows looked at per view


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        text = _TAG.sub(" ", re.sub(r"(?i)<br\s*/?>", "\n", text))
    return html.unescape(text).replace("&&", "&")


def figure_texts(fig) -> Iterator[tuple[str, str]]:
    """(where, text) of everything written on a Matplotlib figure (drawn first, so tick labels exist)."""
    if fig is None:
        return
    try:
        fig.canvas.draw()
    except Exception:   # a figure that cannot draw is reported by its own tests
        pass
    for t in fig.texts:
        yield "figure text", t.get_text()
    sup = getattr(fig, "_suptitle", None)
    if sup is not None:
        yield "figure title", sup.get_text()
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for loc in ("left", "center", "right"):
            yield "chart title", ax.get_title(loc)
        yield "axis label", ax.get_xlabel()
        yield "axis label", ax.get_ylabel()
        if ax.axison:
            for lab in ax.get_xticklabels() + ax.get_yticklabels():
                if lab.get_visible():
                    yield "tick label", lab.get_text()
        leg = ax.get_legend()
        if leg is not None:
            for t in leg.get_texts():
                yield "legend", t.get_text()
            if leg.get_title() is not None:
                yield "legend title", leg.get_title().get_text()
        for t in ax.texts:
            yield "chart text", t.get_text()


def _model_texts(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    if isinstance(view, QTableView):
        header_visible, hidden = view.horizontalHeader().isVisible(), view.isColumnHidden
    elif isinstance(view, QTreeView):
        header_visible, hidden = not view.isHeaderHidden(), view.isColumnHidden
    else:
        header_visible, hidden = False, (lambda c: False)
    try:
        ncols = model.columnCount(QModelIndex())
    except TypeError:    # a list model (its columnCount is private in PySide6): one column
        ncols = 1
    cols = [c for c in range(ncols) if not hidden(c)]
    if header_visible:
        for c in cols:
            v = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if v is not None:
                yield "table header", str(v)
    for r in range(min(ROWS, model.rowCount(QModelIndex()))):
        for c in cols:
            v = model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)
            if v is not None:
                yield "table cell", str(v)


def visible_texts(root: QWidget) -> list[tuple[str, str, str]]:
    """(widget class, where, text) of every visible text under ``root`` (``root`` included)."""
    from .widgets.chart import ChartView

    out: list[tuple[str, str, str]] = []

    def add(w: QWidget, where: str, text) -> None:
        if text:
            out.append((type(w).__name__, where, _plain(str(text))))

    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisible() or w.property("verbatim") or isinstance(w, QHeaderView):
            continue    # a header's texts are read through its table
        if w.isWindow():
            add(w, "window title", w.windowTitle())
        if isinstance(w, QLabel):
            add(w, "label", w.text())
        elif isinstance(w, QAbstractButton):
            if not (isinstance(w, QToolButton) and not w.icon().isNull()
                    and w.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly):
                add(w, "button", w.text())
        elif isinstance(w, QGroupBox):
            add(w, "group title", w.title())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(w, "tab title", w.tabText(i))
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                if w.itemData(i) != w.itemText(i):
                    add(w, "combo item", w.itemText(i))
        elif isinstance(w, QLineEdit):
            add(w, "placeholder", w.placeholderText())
        elif isinstance(w, (QTextEdit, QPlainTextEdit)):
            add(w, "text", w.toPlainText())
        elif isinstance(w, QAbstractItemView):
            for where, text in _model_texts(w):
                add(w, where, text)
        elif isinstance(w, ChartView):
            for where, text in figure_texts(w.figure()):
                add(w, where, text)
        if isinstance(w, QMainWindow) and w.menuBar() is not None:
            for a in w.menuBar().actions():
                add(w, "menu", a.text())
                menu = a.menu()
                if isinstance(menu, QMenu):
                    for sub in menu.actions():
                        if not sub.isSeparator():
                            add(w, "menu item", sub.text())
    return out
