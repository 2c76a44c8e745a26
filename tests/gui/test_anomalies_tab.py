"""Anomalies tab offscreen: run in the background, the inbox with reasons, filters, the detail
chart, Confirm/Dismiss (buttons and keys) stored at once, the stored run back on reopen, export,
cancel, and the self-test line."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from test_anomalies import base_rows  # noqa: E402

_rows = base_rows          # test_table_headers opens every tab on its module's _rows()


@pytest.fixture
def tab(open_tab):
    from shopinsight.gui.tabs.anomalies import AnomaliesTab

    rows = base_rows()
    rows[500]["unit_price"] = rows[500]["unit_price"] * 100
    tab = open_tab(AnomaliesTab, rows)
    tab.typo_order = rows[500]["order_id"]
    return tab


def _run(qtbot, tab):
    tab.run()
    qtbot.waitUntil(lambda: tab.run_button.isEnabled() and tab.is_ready(), timeout=60_000)


def test_tab_flow(qtbot, tab, tmp_path, tensorflow_guard):
    assert tab.title() == "Anomalies"
    assert tab.model.rowCount() == 0 and not tab.export_button.isEnabled()
    _run(qtbot, tab)
    assert tab.model.rowCount() > 0 and tab.progress.isHidden()   # no full bar left after the job
    first = tab.current_item()
    assert first["order_id"] == tab.typo_order and first["level"] == "lines"
    assert "100×" in tab.model.row(0)["reasons"] and "100×" in tab.detail.text()
    qtbot.waitUntil(lambda: tab.chart.figure is not None and tab.is_ready(), timeout=20_000)
    # Dismiss with the key: stored at once, shown as dismissed
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_D)
    from shopinsight.core.store import Shop
    with Shop(tab.ctx.shop_path) as shop:
        assert shop.scalar("SELECT state FROM anomaly_reviews WHERE item_key = ?", (first["key"],)) == "dismissed"
    assert tab.result.items.set_index("key").loc[first["key"], "state"] == "dismissed"
    # filters: dismissed only
    tab.f_state.setCurrentIndex(tab.f_state.findData("dismissed"))
    assert tab.model.rowCount() == 1
    tab.f_state.setCurrentIndex(0)
    tab.f_level.setCurrentIndex(tab.f_level.findData("days"))
    assert all(lv == "Days" for lv in tab.model.frame()["level"])
    tab.f_level.setCurrentIndex(0)
    # export what is shown, reasons in words
    out = tmp_path / "inbox.csv"
    assert tab.export(str(out))
    head = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert head == "rank,level,line_id,order_id,day,customer_id,product_id,score,reasons,state"
    # a later run does not raise the dismissed item again; reopening shows the stored run
    _run(qtbot, tab)
    assert first["key"] not in set(tab.result.items["key"])
    run_id = tab.result.run_id
    tab.ctx.shop_changed.emit(tab.ctx.shop_path)
    qtbot.waitUntil(lambda: tab.is_ready() and tab.result is not None, timeout=20_000)
    assert tab.result.run_id == run_id and "#" in tab.status.text()


def test_cancel_stores_nothing(qtbot, tab):
    tab.run()
    tab.cancel()
    qtbot.waitUntil(lambda: tab.run_button.isEnabled() and tab.is_ready(), timeout=60_000)
    from shopinsight.core.store import Shop
    with Shop(tab.ctx.shop_path) as shop:
        n = shop.scalar("SELECT count(*) FROM runs WHERE kind = 'anomalies'")
    # either cancelled before the commit (nothing stored, says so) or done (stored, never "cancelled")
    assert (n == 0 and "nothing was stored" in tab.status.text()) or (n == 1 and "Cancelled" not in tab.status.text())


def test_autoencoder_choice_reaches_the_options(tab, monkeypatch):
    """The run bar's Autoencoder box adds the autoencoder to the run's scorers (full edition); in
    the lite edition it is disabled and the run uses the default scorers."""
    from shopinsight.core.anomalies.detectors import DEFAULT_MODELS
    from shopinsight.core.deep_available import deep_available

    assert tab.options().models == DEFAULT_MODELS
    tab.ae_check.setChecked(True)
    assert tab.ae_check.isEnabled() == deep_available()
    expected = (*DEFAULT_MODELS, "autoencoder") if deep_available() else DEFAULT_MODELS
    assert tab.options().models == expected
    tab.ae_check.setEnabled(False)                 # as in the lite edition
    assert tab.options().models == DEFAULT_MODELS
