"""What a shop owner would notice on a screen at a laptop's size, found by looking at the widgets
(the tests and ``gui --screenshots`` use it on every tab and dialog):

* :func:`clipped_headers` — a table header wider than its column ("edian net sales", "Orde");
* :func:`hidden_buttons` — a push button the user is meant to see (not hidden on purpose) that is
  cut off or below the fold: outside the window, or scrolled out of a scroll area's viewport
  (the Forecast tab's Train button under a long form).

Each returns readable findings (``"<where>: <text> …"``); an empty list means the screen is fine.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QPushButton, QTableView, QWidget

__all__ = ["clipped_headers", "hidden_buttons", "screen_problems"]


def _name(w: QWidget) -> str:
    return w.objectName() or type(w).__name__


def clipped_headers(root: QWidget, visible_only: bool = True) -> list[str]:
    """Tables' column headers wider than their column (the stretched last column excepted: it takes
    the rest of the view); ``visible_only``: only tables on screen now (not on a hidden sub-page)."""
    out = []
    for view in root.findChildren(QTableView):
        model, header = view.model(), view.horizontalHeader()
        if model is None or header.isHidden() or (visible_only and not view.isVisible()):
            continue
        last = model.columnCount() - 1
        for c in range(model.columnCount()):
            if view.isColumnHidden(c) or (header.stretchLastSection() and c == last):
                continue
            want = header.sectionSizeHint(c)
            if view.columnWidth(c) < want:
                out.append(f"{_name(view)}: header {model.headerData(c, Qt.Orientation.Horizontal)!r} "
                           f"{view.columnWidth(c)} px < {want} px")
    return out


def _shown_rect(w: QWidget) -> QRect:
    """The part of ``w`` (in its own coordinates) not cut off by its ancestors up to its window,
    counting a scroll area's viewport as the visible part of what scrolls inside it."""
    shown = w.rect()
    child, parent = w, w.parentWidget()
    offset = QPoint(0, 0)
    while parent is not None and not child.isWindow():
        offset += child.pos()
        shown = shown.intersected(parent.rect().translated(-offset))   # a scroll area's viewport too
        child, parent = parent, parent.parentWidget()
    return shown


def hidden_buttons(root: QWidget) -> list[str]:
    """Push buttons shown on ``root``'s screen but not wholly visible (cut off, below the fold)."""
    out = []
    for b in root.findChildren(QPushButton):
        if not b.isVisible() or b.width() <= 0 or b.height() <= 0:
            continue
        shown = _shown_rect(b)
        if shown.width() < b.width() or shown.height() < b.height():
            out.append(f"{_name(b)}: button {b.text()!r} shows {max(shown.width(), 0)}×{max(shown.height(), 0)} "
                       f"of {b.width()}×{b.height()} px")
    return out


def screen_problems(root: QWidget) -> list[str]:
    """Both checks on one screen."""
    return clipped_headers(root) + hidden_buttons(root)
