"""Customers tab offscreen: loads segments and cohorts, trains in the background with progress,
fills the table, filters, shows a customer's history, exports with pseudonymised ids, cancels."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _rows(n_customers=120, seed=5):
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2010-01-04")
    rows = []
    for c in range(n_customers):
        gap = rng.choice([7, 20, 60])
        day, stop, k = int(rng.integers(0, 150)), int(rng.integers(60, 420)), 0
        while day < min(stop, 400):
            rows.append(dict(order_id=f"O{c}-{k}", ordered_at=str((start + pd.Timedelta(days=day)).date()) + " 10:00:00",
                             customer_id=f"K{c:03d}", product_id=f"P{k % 9}", quantity=2, unit_price=3.0,
                             country="UK", is_cancellation=0, is_merchandise=1, line_kind="sale"))
            k += 1
            day += max(1, int(rng.exponential(gap)))
    return rows


@pytest.fixture
def tab(open_tab):
    from shopinsight.gui.tabs.customers import CustomersTab

    return open_tab(CustomersTab, _rows(), timeout=30_000)


def test_tab_flow(qtbot, tab, tmp_path, tensorflow_guard):
    assert tab.segment_model.rowCount() > 0
    n = len({r["customer_id"] for r in _rows()})
    assert tab.table_model.rowCount() == n            # before training: the segments
    assert tab.cohort_chart.figure() is not None
    tab.model_form.set_selected(["logreg_rfm", "hgb"])
    progress = []
    tab.ctx.runner.task_started.connect(lambda task: progress.append(task.kind))
    tab.train()
    assert not tab.train_button.isEnabled() and tab.cancel_button.isEnabled()
    assert not tab.progress.isHidden()                # the bar shows while the job runs
    qtbot.waitUntil(lambda: tab.train_button.isEnabled(), timeout=60_000)
    assert tab.progress.isHidden()             # no full bar left after the job
    assert "chosen model" in tab.status.text()
    assert tab.metrics_model.rowCount() >= 2
    assert tab.coef_model.rowCount() == 3             # logistic regression on R, F, M
    scores = tab.visible_scores()
    assert scores["purchase_probability"].between(0, 1).all() and len(scores) == n
    # filter and detail panel
    tab.filter_edit.setText("K007")
    assert tab.table_model.rowCount() == 1
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: "K007" in tab.detail_text.text(), timeout=5000)
    assert tab.detail_chart.figure() is not None
    # the header keeps the customer's first and last order dates (not "first , last")
    from shopinsight.core.customers import customer_orders
    with tab.ctx.open_shop() as shop:
        days = customer_orders(shop, "K007")["day"]
    text = tab.detail_text.text()
    assert tab.ctx.fmt_day(days.min()) in text and tab.ctx.fmt_day(days.max()) in text and "first ," not in text
    # export with pseudonymised ids
    tab.filter_edit.setText("")
    tab.pseudo_box.setChecked(True)
    out = tmp_path / "c.csv"
    assert tab.export(str(out))
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert len(df) == n and df["customer_id"].str.startswith("c-").all()
    tensorflow_guard()   # this test did not load TensorFlow


def test_cancel_leaves_no_run(qtbot, tab):
    tab.model_form.set_selected(["logreg", "hgb"])
    tab.train()
    tab.cancel_button.click()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled(), timeout=60_000)
    assert "cancel" in tab.status.text().lower()
    with tab.ctx.open_shop() as shop:
        assert shop.load_run(kind="customers") is None


def test_segment_medians_counts_as_integers_money_as_money(tab):
    """The segments table: median orders and days since the last order are counts ("8", not "8.0";
    a median between two customers stays "34.5", not rounded to "34"), the median net sales is money,
    all through core.fmt."""
    from PySide6.QtCore import Qt

    from shopinsight.core import fmt

    m = tab.segment_model
    cols = {m.column_name(c): c for c in range(m.columnCount())}
    assert m.rowCount() > 0
    for r in range(m.rowCount()):
        row = m.row(r)
        for col in ("median_frequency", "median_recency"):
            text = m.data(m.index(r, cols[col]), Qt.ItemDataRole.DisplayRole)
            assert text == fmt.count(row[col]) and not text.endswith(".0"), (col, text)
        money = m.data(m.index(r, cols["median_monetary"]), Qt.ItemDataRole.DisplayRole)
        assert money == fmt.money(row["median_monetary"], tab.ctx.currency)
