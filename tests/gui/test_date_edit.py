"""Date pickers show dates in the language's date style (issue 12), the one the tables use."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from shopinsight.core import fmt, i18n
from shopinsight.gui.widgets.date_edit import date_edit, qt_date_format

GUI = Path(__file__).resolve().parents[2] / "shopinsight" / "gui"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_picker_shows_a_date_as_the_tables_write_it_and_reads_it_back(qtbot, lang):
    w = date_edit(lang=lang)
    qtbot.addWidget(w)
    w.setDate(QDate(2011, 12, 9))
    assert w.text() == fmt.day("2011-12-09", lang)
    assert "2011-12-09" not in w.text()
    # pasted back in, the displayed text gives the same date
    other = date_edit(lang=lang)
    qtbot.addWidget(other)
    other.setDate(QDate(2000, 1, 1))
    other.lineEdit().setText(fmt.day("2011-12-09", lang))
    other.interpretText()
    assert other.date() == QDate(2011, 12, 9)


def test_english_and_chinese_pickers_differ():
    assert qt_date_format("en") == "d MMM yyyy"
    assert qt_date_format("zh_CN") == "yyyy年M月d日"


def test_a_picker_follows_the_current_language(qtbot):
    i18n.set_language("zh_CN")
    try:
        w = date_edit()
    finally:
        i18n.set_language("en")
    qtbot.addWidget(w)
    w.setDate(QDate(2011, 1, 31))
    assert w.text() == "2011年1月31日"


def test_literal_letters_in_a_pattern_are_quoted(monkeypatch):
    """A CLDR pattern with words (Spanish "d 'de' MMMM 'de' y") must not turn the words' letters into
    Qt date sections."""
    monkeypatch.setattr(fmt, "date_pattern", lambda lang=None: "d 'de' MMMM 'de' y")
    assert qt_date_format() == "d 'de 'MMMM 'de 'yyyy"


def test_every_date_picker_in_the_gui_is_made_by_the_one_helper():
    """``QDateEdit(`` only in gui/widgets/date_edit.py: a picker made elsewhere would show ISO dates."""
    found = []
    for path in sorted(GUI.rglob("*.py")):
        if path.name == "date_edit.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "QDateEdit":
                found.append(f"{path.relative_to(GUI)}:{node.lineno}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "setDisplayFormat":
                found.append(f"{path.relative_to(GUI)}:{node.lineno}")
    assert not found, "use gui.widgets.date_edit.date_edit():\n" + "\n".join(found)
