"""The GUI is thin: no SQL and no modelling library in shopinsight/gui (the core owns both; tabs call
core functions on the task runner)."""
from __future__ import annotations

import re
from pathlib import Path

GUI = Path(__file__).resolve().parents[1] / "shopinsight" / "gui"
SQL = re.compile(r"\.(execute|executemany|executescript|query_df|scalar)\(|\bSELECT\s+\w|\bPRAGMA\s+\w|"
                 r"\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b|"
                 # a connection of its own or SQLite's errors (the lines table's reader is core.lines)
                 r"^\s*(from|import)\s+(sqlite3|sqlite_utils)\b|\bsqlite3\.\w|\bconnect_readonly\(")
MODELLING = re.compile(r"^\s*(from|import)\s+(sklearn|tensorflow|keras|implicit|scipy)\b", re.M)


def test_no_sql_in_the_gui():
    found = [f"{p.relative_to(GUI)}:{i}: {line.strip()}"
             for p in sorted(GUI.rglob("*.py"))
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if SQL.search(line)]
    assert found == [], "SQL belongs in the core:\n" + "\n".join(found)


def test_no_modelling_library_in_the_gui():
    found = [str(p.relative_to(GUI)) for p in sorted(GUI.rglob("*.py"))
             if MODELLING.search(p.read_text(encoding="utf-8"))]
    assert found == []


# lines of each analysis tab before issue 12; the issue asks for each to be at least a third shorter
TAB_LINES_BEFORE = {"forecast": 729, "customers": 515, "recommendations": 445, "anomalies": 441, "overview": 388}


def test_analysis_tabs_are_a_third_shorter():
    """What tabs share lives in gui/widgets (AnalysisTab, layout helpers, small widgets) and logic in
    the core, so each analysis tab keeps only its layout and how it shows a result."""
    too_long = {name: (n, before * 2 // 3) for name, before in TAB_LINES_BEFORE.items()
                if (n := len((GUI / "tabs" / f"{name}.py").read_text(encoding="utf-8").splitlines())) > before * 2 // 3}
    assert too_long == {}, "lines now vs at most: " + repr(too_long)
