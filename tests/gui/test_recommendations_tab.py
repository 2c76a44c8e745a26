"""Recommendations tab offscreen: trains in the background, shows a customer's history and
recommendations with reasons, a product's similar and bought-together products, compares
models, exports, and cancels."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest


def _rows(n_customers=30, seed=3):
    """Two taste groups buying repeatedly over five months."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-01-01")
    rows, order = [], 0
    for c in range(n_customers):
        pool = [f"P{c % 2}{i}" for i in range(8)]
        for _ in range(5):
            order += 1
            day = (start + pd.Timedelta(days=int(rng.integers(0, 150)))).date().isoformat()
            for it in set(rng.choice(pool, 3, replace=False)):
                rows.append(dict(order_id=f"O{order}", ordered_at=f"{day} 10:00:00", customer_id=f"K{c:02d}",
                                 product_id=it, product_name=f"{'RED' if c % 2 else 'BLUE'} MUG {it}",
                                 quantity=1, unit_price=2.0, country="UK", is_cancellation=0,
                                 is_merchandise=1, line_kind="sale"))
    return rows


@pytest.fixture
def tab(open_tab):
    from shopinsight.gui.tabs.recommendations import RecommendationsTab

    return open_tab(RecommendationsTab, _rows(), timeout=20_000)


def test_reopened_shop_shows_the_last_trained_recommendations(qtbot, tab):
    """A run trained in the tab comes back when the shop is reopened (as Forecast's does): the same
    stored recommendations, and the customer and product views work without training again."""
    tab.model_combo.setCurrentIndex(tab.model_combo.findData("itemknn"))
    tab.k_spin.setValue(4)
    tab.train()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled(), timeout=30_000)
    stored = tab.result.recommendations[["customer_id", "rank", "product_id"]].reset_index(drop=True)
    tab.k_spin.setValue(7)
    tab.ctx.shop_changed.emit(tab.ctx.shop_path)          # the shop is opened again
    qtbot.waitUntil(lambda: tab.is_ready() and tab.result is not None, timeout=30_000)
    again = tab.result.recommendations[["customer_id", "rank", "product_id"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(stored, again)
    assert "top 4" in tab.status.text() and tab.progress.isHidden()
    tab.show_customer("K03")
    qtbot.waitUntil(tab.is_ready, timeout=20_000)      # scored on the worker
    assert len(tab.recs_model.frame()) > 0
    tab.show_product("P10")
    qtbot.waitUntil(tab.is_ready, timeout=20_000)      # scored on the worker
    assert tab.similar_model.rowCount() > 0


def test_tab_flow(qtbot, tab, tmp_path, tensorflow_guard):
    assert tab.title() == "Recommendations"
    tab.model_combo.setCurrentIndex(tab.model_combo.findData("itemknn"))
    tab.k_spin.setValue(5)
    tab.train()
    assert not tab.train_button.isEnabled() and tab.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled(), timeout=30_000)
    assert tab.progress.isHidden() and tab.model is not None   # no full bar left after the job
    # customer view: history and 5 recommendations with reasons
    tab.show_customer("K03")
    qtbot.waitUntil(tab.is_ready, timeout=20_000)      # scored on the worker
    recs = tab.recs_model.frame()
    assert len(recs) == 5 and recs["reason"].str.len().gt(0).all()
    assert tab.history_model.rowCount() > 0
    bought = set(tab.history_model.frame()["product_id"])
    # odd customers buy P1x products: the neighbours of their purchases are P1x too
    new = recs[~recs["product_id"].isin(bought)]
    assert new["product_id"].str.startswith("P1").all()
    assert new["reason"].str.startswith("Because they bought").all()
    tab.show_customer("nobody")
    qtbot.waitUntil(tab.is_ready, timeout=20_000)      # scored on the worker
    assert "Unknown customer" in tab.customer_info.text()
    # product view: similar products, bought together, chart
    tab.show_product("P10")
    qtbot.waitUntil(tab.is_ready, timeout=20_000)      # scored on the worker
    assert tab.similar_model.rowCount() > 0
    assert set(tab.similar_model.frame()["product_id"]) <= {f"P1{i}" for i in range(8)}
    assert tab.together_chart.figure() is not None
    # export all customers' recommendations
    out = tmp_path / "recs.csv"
    assert tab.export(str(out))
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert list(df.columns) == ["customer_id", "rank", "product_id", "product_name", "score", "reason"]
    assert df["customer_id"].nunique() == 30 and (df.groupby("customer_id").size() == 5).all()
    # model comparison (no tuning keeps it quick), stored and reloaded with the shop
    tab.compare_form.set_selected(["popularity", "buy_again", "itemknn", "userknn"])
    tab.evaluate()
    qtbot.waitUntil(lambda: tab.evaluate_button.isEnabled(), timeout=30_000)
    ev = tab.eval_model.frame()
    assert len(ev) == 8 and tab.eval_chart.figure() is not None
    tab.reload()
    qtbot.waitUntil(tab.is_ready, timeout=10_000)
    # reopening shows the last stored comparison and the last trained recommendations again
    assert tab.eval_model.rowCount() == 8 and tab.model is not None
    # rules export
    rules = tmp_path / "rules.csv"
    tab.export_rules(str(rules))
    qtbot.waitUntil(tab.is_ready, timeout=20_000)
    assert "lift" in pd.read_csv(rules, encoding="utf-8-sig").columns
    tensorflow_guard()   # this test did not load TensorFlow


def test_cancel_training(qtbot, tab):
    tab.model_combo.setCurrentIndex(tab.model_combo.findData("hybrid"))
    tab.tune_box.setChecked(True)
    tab.train()
    tab.cancel()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled(), timeout=30_000)
    assert tab.model is None
    assert "Cancelled" in tab.status.text() and tab.progress.isHidden()


def test_status_says_what_a_memory_bound_left_out(qtbot, open_tab, monkeypatch):
    """EASE over a budget smaller than the catalogue: the tab's status says so (the core's sentence, as the
    CLI prints it) after training and again for the stored run; within the budget nothing is said."""
    from shopinsight.core.recommend import ease
    from shopinsight.gui.tabs.recommendations import RecommendationsTab

    monkeypatch.setattr(ease, "MAX_PRODUCTS", 3)
    tab = open_tab(RecommendationsTab, _rows(), timeout=20_000)
    tab.model_combo.setCurrentIndex(tab.model_combo.findData("ease"))
    tab.train()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled(), timeout=30_000)
    assert tab.result.bounded and "3 most bought of 16 products" in tab.status.text()
    assert "recommends none of the others" in tab.status.text()          # EASE alone: no blend to say
    tab.ctx.shop_changed.emit(tab.ctx.shop_path)                          # the stored run shown again
    qtbot.waitUntil(lambda: tab.is_ready() and tab.result is not None, timeout=30_000)
    assert "3 most bought of 16 products" in tab.status.text()
    monkeypatch.setattr(ease, "MAX_PRODUCTS", 10_000)
    tab.train()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled(), timeout=30_000)
    assert not tab.result.bounded and "most bought" not in tab.status.text()
