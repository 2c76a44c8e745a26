"""Date pickers in the language's date style.

Every ``QDateEdit`` in the GUI is made by :func:`date_edit`: it shows dates the way the rest of the
app writes them (``core.fmt.day``: "9 Dec 2011", "2011年12月9日"), not ISO, with the calendar popup.
The CLDR pattern comes from ``core.fmt.date_pattern`` (Babel's locale data) and is turned into Qt's
display-format syntax here; month names come from the widget's ``QLocale`` for the same language.
The main window rebuilds its tabs when the language changes, so a picker's format is set once.
"""
from __future__ import annotations

from typing import Optional

from babel.dates import tokenize_pattern
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QWidget

from ...core import fmt

__all__ = ["date_edit", "qt_date_format", "set_day"]

# Qt display-format letters: any other text is shown as it is, these only inside quotes
_QT_LETTERS = set("dMyhHmszaApt")


def _literal(text: str) -> str:
    if not (set(text) & _QT_LETTERS or "'" in text):
        return text
    return "'" + text.replace("'", "''") + "'"


def qt_date_format(lang: Optional[str] = None) -> str:
    """The Qt display format of ``fmt.date_pattern(lang)``: "d MMM y" → "d MMM yyyy",
    "y年M月d日" → "yyyy年M月d日" (fields Qt has no date section for, such as the era, are left out)."""
    out = []
    for kind, value in tokenize_pattern(fmt.date_pattern(lang)):
        if kind == "chars":
            out.append(_literal(value))
            continue
        letter, count = value
        if letter == "y":
            out.append("yy" if count == 2 else "yyyy")
        elif letter in "ML":
            out.append("M" * min(count, 4))
        elif letter == "d":
            out.append("d" * min(count, 2))
        elif letter in "Ec":
            out.append("dddd" if count >= 4 else "ddd")
    return "".join(out).strip()


def _qlocale(lang: Optional[str] = None) -> QLocale:
    return QLocale(str(fmt.babel_locale(lang)))


def date_edit(parent: Optional[QWidget] = None, *, lang: Optional[str] = None) -> QDateEdit:
    """A calendar-popup date picker showing dates in the language's style (read its value with
    ``.date().toString("yyyy-MM-dd")``, never from the displayed text)."""
    w = QDateEdit(parent)
    w.setLocale(_qlocale(lang))
    w.setDisplayFormat(qt_date_format(lang))
    w.setCalendarPopup(True)
    return w


def set_day(edit: QDateEdit, day: Optional[str], *, quiet: bool = False) -> None:
    """Show the ISO ``day`` ("2011-12-09", a longer timestamp is cut to its day) in ``edit``; None or
    "" leaves it as it is.  ``quiet``: without emitting ``dateChanged`` (filling a form)."""
    if not day:
        return
    was = edit.blockSignals(True) if quiet else None
    edit.setDate(QDate.fromString(str(day)[:10], "yyyy-MM-dd"))
    if quiet:
        edit.blockSignals(was)
