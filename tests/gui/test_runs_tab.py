"""The Runs tab (issue 14): lists the stored runs with the other-versions mark, deletes, compares two runs
of one kind, and opens a run in the tab of its kind."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from shopinsight.core.store import Shop
from shopinsight.gui.tabs.runs import RunsTab

ROWS = [dict(order_id=f"O{i}", ordered_at=f"2011-10-{1 + i:02d} 10:00:00", customer_id=f"C{i % 3}",
             product_id=f"P{i % 4}", product_name=f"Mug {i % 4}", quantity=1 + i % 2, unit_price=2.5)
        for i in range(20)]


def _save(path, kind="forecast", horizon=14, mase=1.2, old_pandas=False) -> int:
    with Shop(path) as shop:
        rid = shop.save_run(kind, params={"options": {"horizon": horizon}},
                            metrics={"models": {"linear": {"mase": mase}}},
                            tables={"t": pd.DataFrame({"y": [1.0, 2.0]})}, data_from="2011-10-01",
                            data_to="2011-10-20", seconds=2.0, summary=f"{kind} run")
        if old_pandas:
            v = json.loads(shop.scalar("SELECT versions_json FROM runs WHERE run_id = ?", (rid,)))
            v["pandas"] = "0.1"
            with shop.transaction() as c:
                c.execute("UPDATE runs SET versions_json = ? WHERE run_id = ?", (json.dumps(v), rid))
    return rid


def _reloaded(qtbot, tab) -> None:
    tab.reload()
    qtbot.waitUntil(tab.is_ready, timeout=20_000)


def _window(qtbot, shop_path, quiet_context):
    """The main window on ``shop_path`` and the list its task errors go to."""
    from shopinsight.gui.main_window import MainWindow

    ctx, errors = quiet_context()
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.open_shop(shop_path)
    return w, errors


def _ids(tab) -> list[int]:
    return [int(tab.model.row(r)["run_id"]) for r in range(tab.model.rowCount())]


def test_lists_runs_with_the_other_versions_mark_and_deletes(qtbot, open_tab):
    tab = open_tab(RunsTab, ROWS)
    assert tab.model.rowCount() == 0 and "No stored runs" in tab.status.text()
    path = tab.ctx.shop_path
    a = _save(path, old_pandas=True)
    b = _save(path)
    c = _save(path, kind="anomalies")
    _reloaded(qtbot, tab)
    assert _ids(tab) == [c, b, a]
    marks = {int(tab.model.row(r)["run_id"]): tab.model.row(r)["versions"] for r in range(3)}
    assert "other versions" in marks[a] and marks[b] == "" and marks[c] == ""
    assert tab.model.column_name(4) == "versions"           # the mark is in view, not past the long columns
    assert [tab.kind_combo.itemData(i) for i in range(tab.kind_combo.count())][:3] == [None, "forecast", "customers"]

    tab.select_runs([a])
    assert "pandas: run made with 0.1" in tab.detail.toPlainText() and "MASE" in tab.detail.toPlainText()
    _reloaded(qtbot, tab)                                          # a refresh keeps the selection
    assert [r.run_id for r in tab.selected()] == [a]

    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("anomalies"))      # the filter reads again
    qtbot.waitUntil(tab.is_ready, timeout=20_000)
    assert _ids(tab) == [c]
    tab.kind_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: tab.is_ready() and tab.model.rowCount() == 3, timeout=20_000)

    tab.select_runs([a, c])
    assert tab.delete_button.isEnabled()
    tab.delete_selected(confirm=False)
    qtbot.waitUntil(lambda: tab.is_ready() and tab.model.rowCount() == 1, timeout=20_000)
    assert _ids(tab) == [b]
    with Shop(path) as shop:
        assert list(shop.list_runs()["run_id"]) == [b]
        assert shop.scalar("SELECT count(*) FROM run_tables") == 1


def test_compare_two_runs_of_one_kind(qtbot, open_tab):
    tab = open_tab(RunsTab, ROWS)
    path = tab.ctx.shop_path
    a, b = _save(path, horizon=14, mase=1.2), _save(path, horizon=28, mase=0.9)
    c = _save(path, kind="anomalies")
    _reloaded(qtbot, tab)
    tab.select_runs([a, c])
    assert not tab.compare_button.isEnabled() and "same kind" in tab.compare_button.toolTip()
    tab.select_runs([b, a])
    assert tab.compare_button.isEnabled()
    tab.compare_selected()
    qtbot.waitUntil(lambda: tab.dialog is not None, timeout=20_000)
    dlg = tab.dialog
    shown = dlg.model.frame()
    assert set(shown["differs"]) == {"≠ differs"}                    # only the differences at first
    row = shown.set_index("label").loc["options · horizon"]
    assert (row["a"], row["b"]) == ("14", "28")                       # older run on the left
    assert shown.set_index("label").loc["models · Linear regression · MASE", "change"] == "-0.3"
    dlg.only_diff.setChecked(False)
    assert len(dlg.model.frame()) > len(shown)
    dlg.close()


def test_open_switches_to_the_tab_of_the_kind_and_shows_that_run(qtbot, small_shop, monkeypatch, quiet_context):
    from shopinsight.gui import tabs
    from shopinsight.gui.tabs.data import DataTab

    shown = []
    if not hasattr(DataTab, "show_run"):                  # a tab that can show runs (stands in for one)
        monkeypatch.setattr(DataTab, "show_run", lambda self, run_id: shown.append(run_id), raising=False)
    monkeypatch.setattr(tabs, "TAB_CLASSES", ["shopinsight.gui.tabs.data:DataTab",
                                              "shopinsight.gui.tabs.runs:RunsTab"])
    monkeypatch.setattr(tabs, "RUN_TABS", {"forecast": "DataTab"})
    a = _save(small_shop)
    r = _save(small_shop, kind="rules")
    w, errors = _window(qtbot, small_shop, quiet_context)
    runs_tab = w.tab("RunsTab")
    w.tabs.setCurrentWidget(runs_tab)
    qtbot.waitUntil(lambda: runs_tab.is_ready() and runs_tab.model.rowCount() == 2, timeout=30_000)
    runs_tab.select_runs([r])
    assert not runs_tab.open_button.isEnabled() and "cannot be opened" in runs_tab.open_button.toolTip()
    runs_tab.select_runs([a])
    assert runs_tab.open_button.isEnabled()
    assert runs_tab.open_selected()
    assert w.tabs.currentWidget() is w.tab("DataTab") and shown == [a]
    w.close()
    assert not errors, errors


@pytest.mark.parametrize("lang", ["zh_CN"])
def test_runs_tab_speaks_chinese(qtbot, open_tab, lang):
    from shopinsight.gui import settings as settings_mod

    settings_mod.install_translators(lang)
    from shopinsight.core import i18n
    i18n.set_language(lang)
    try:
        tab = open_tab(RunsTab, ROWS)
        _save(tab.ctx.shop_path)
        _reloaded(qtbot, tab)
        assert tab.title() == "运行记录"
        assert tab.model.headerData(1, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "类型"
        assert tab.model.row(0)["kind_label"] == "预测"
        assert "模型 · 线性回归 · MASE" in tab.model.row(0)["metrics"]
    finally:
        i18n.set_language("en")


def test_open_and_delete_with_the_anomalies_tab(qtbot, small_shop, monkeypatch, quiet_context):
    """With a real analysis tab: Open shows that stored run there; deleting the run it shows makes
    it show the last stored run again."""
    from shopinsight.core.anomalies import AnomalyOptions, run_anomalies
    from shopinsight.gui import tabs
    from shopinsight.gui.tabs.anomalies import AnomaliesTab

    if not hasattr(AnomaliesTab, "show_run"):
        pytest.skip("the Anomalies tab cannot show a stored run by id")
    with Shop(small_shop) as shop:
        older = run_anomalies(shop, AnomalyOptions(level="days")).run_id
        newer = run_anomalies(shop, AnomalyOptions(level="orders")).run_id
    monkeypatch.setattr(tabs, "TAB_CLASSES", ["shopinsight.gui.tabs.anomalies:AnomaliesTab",
                                              "shopinsight.gui.tabs.runs:RunsTab"])
    w, errors = _window(qtbot, small_shop, quiet_context)
    anomalies = w.tab("AnomaliesTab")
    runs_tab = w.tab("RunsTab")
    w.tabs.setCurrentWidget(runs_tab)
    qtbot.waitUntil(lambda: runs_tab.is_ready() and runs_tab.model.rowCount() == 2 and anomalies.is_ready(),
                    timeout=30_000)
    assert anomalies.result.run_id == newer
    runs_tab.select_runs([older])
    assert runs_tab.open_button.isEnabled()
    assert runs_tab.open_selected()
    assert w.tabs.currentWidget() is anomalies
    qtbot.waitUntil(lambda: anomalies.is_ready() and anomalies.result.run_id == older, timeout=30_000)

    w.tabs.setCurrentWidget(runs_tab)
    qtbot.waitUntil(runs_tab.is_ready, timeout=30_000)
    runs_tab.select_runs([older])
    runs_tab.delete_selected(confirm=False)
    qtbot.waitUntil(lambda: runs_tab.is_ready() and runs_tab.model.rowCount() == 1, timeout=30_000)
    qtbot.waitUntil(lambda: anomalies.is_ready() and anomalies.result is not None
                    and anomalies.result.run_id == newer, timeout=30_000)
    w.close()
    assert not errors, errors


def test_headers_fit_at_1280x800_in_the_tab_and_the_comparison(qtbot, open_tab):
    from test_table_headers import _clipped

    tab = open_tab(RunsTab, ROWS)
    a, b = _save(tab.ctx.shop_path, old_pandas=True), _save(tab.ctx.shop_path, horizon=28)
    tab.resize(1280, 800)
    _reloaded(qtbot, tab)
    assert _clipped(tab) == []
    tab.compare(a, b)
    qtbot.waitUntil(lambda: tab.dialog is not None, timeout=20_000)
    tab.dialog.resize(1200, 720)
    assert _clipped(tab.dialog) == []
    tab.dialog.close()
