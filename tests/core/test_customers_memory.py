"""The customer history is read as orders and (customer, product) pairs summed in SQLite, not as
lines (issue 16: `customers` peaked at 3.1 GB on a 5-million-line shop, reading every line into
Python objects) — with the same orders and features as the line-by-line reading gave; and what the run
holds besides the history stays one copy of the customers (reasons) and no re-hash of the products."""
from __future__ import annotations

import numpy as np
import pandas as pd

from shopinsight.core.customers import load_history
from shopinsight.core.customers.data import History, day_number
from shopinsight.core.customers.explain import customer_reasons
from shopinsight.core.customers.features import customer_features
from shopinsight.core.store import Shop


def _rows():
    rows = []
    for c in range(12):
        for o in range(5):
            day = f"2024-0{1 + (c + o) % 6}-{10 + o:02d}"
            for p in range(1 + (c * o) % 4):
                rows.append(dict(order_id=f"O{c}-{o}", ordered_at=f"{day} 09:00:00", customer_id=f"C{c}",
                                 product_id=f"P{(c + p) % 7}", product_name="X", quantity=1 + p,
                                 unit_price=1.5, country=None if p == 0 and c % 3 == 0 else f"K{c % 2}"))
    # a cancellation, lines without an order number on two days, a line with no country at all
    rows.append(dict(order_id="CO0-1", ordered_at="2024-02-11 10:00:00", customer_id="C0", product_id="P0",
                     product_name="X", quantity=-1, unit_price=1.5, country="K0", is_cancellation=1))
    for day in ("2024-03-01", "2024-03-01", "2024-03-05"):
        rows.append(dict(order_id=None, ordered_at=f"{day} 12:00:00", customer_id="C5", product_id="P2",
                         product_name="X", quantity=2, unit_price=1.0, country="K1"))
    rows.append(dict(order_id="O99", ordered_at="2024-04-02 12:00:00", customer_id="C7", product_id="P3",
                     product_name="X", quantity=1, unit_price=1.0, country=None))
    # not merchandise, and a guest: neither is a customer's order
    rows.append(dict(order_id="O7-1", ordered_at="2024-02-12 09:00:00", customer_id="C7", product_id="POST",
                     product_name="POSTAGE", quantity=1, unit_price=5.0, country="K1", is_merchandise=0))
    rows.append(dict(order_id="G1", ordered_at="2024-02-12 09:00:00", customer_id=None, product_id="P1",
                     product_name="X", quantity=1, unit_price=5.0, country="K1"))
    return [{"is_cancellation": 0, "is_merchandise": 1, **r} for r in rows]


def _reference(shop, until=None):
    """The orders the line-by-line reading made (pandas over every line, in line order)."""
    lines = shop.query_df("SELECT line_id, customer_id, order_id, day, amount, quantity, product_id, "
                          "is_cancellation, country FROM lines WHERE customer_id IS NOT NULL AND is_merchandise = 1"
                          + (" AND day <= ?" if until else "") + " ORDER BY line_id", [until] if until else [])
    lines["day"] = lines["day"].map(day_number)
    lines["order_id"] = lines["order_id"].fillna("")
    none = lines["order_id"] == ""
    lines.loc[none, "order_id"] = "day:" + lines.loc[none, "day"].astype(str)
    orders = (lines.groupby(["customer_id", "order_id", "is_cancellation"], sort=False)
              .agg(day=("day", "min"), value=("amount", "sum"), lines=("amount", "size"),
                   units=("quantity", "sum"), country=("country", "first")).reset_index())
    orders = orders.sort_values(["customer_id", "day", "order_id", "is_cancellation"], kind="stable")
    sales = lines[lines["is_cancellation"] == 0]
    return orders.reset_index(drop=True), sales


def test_orders_summed_in_sqlite_equal_the_line_by_line_reading(lines_shop):
    path = lines_shop(_rows())
    with Shop(path) as shop:
        for until in (None, "2024-03-01"):
            h = load_history(shop, until)
            ref, sales = _reference(shop, until)
            got = h.orders
            assert list(got.columns) == list(ref.columns)
            pd.testing.assert_frame_equal(got[["customer_id", "order_id", "is_cancellation", "day", "lines"]],
                                          ref[["customer_id", "order_id", "is_cancellation", "day", "lines"]],
                                          check_dtype=False)
            np.testing.assert_allclose(got["value"], ref["value"])
            np.testing.assert_allclose(got["units"], ref["units"])
            assert got["country"].fillna("-").tolist() == ref["country"].fillna("-").tolist()
            assert got["day"].dtype == np.int64 and got["lines"].dtype == np.int64
            # the items are one row per customer and product, on its first day: the same product
            # diversity at every cut-off, from fewer rows than there are lines
            pairs = sales.groupby(["customer_id", "product_id"])["day"].min()
            assert len(h.items) == len(pairs) < len(sales)
            for cut in (day_number("2024-02-01"), day_number("2024-04-30")):
                a = h.items[h.items["day"] <= cut].groupby("customer_id")["product_id"].nunique()
                b = sales[sales["day"] <= cut].groupby("customer_id")["product_id"].nunique()
                pd.testing.assert_series_equal(a.sort_index(), b.sort_index(), check_names=False)
            if until is None:      # lines without an order number: one order per customer and day
                assert {"day:" + str(day_number(d)) for d in ("2024-03-01", "2024-03-05")} <= set(got["order_id"])


def test_empty_history_keeps_its_columns(lines_shop):
    path = lines_shop(_rows())
    with Shop(path) as shop:
        h = load_history(shop, "2023-01-01")
    assert h.orders.empty and list(h.orders.columns)[:3] == ["customer_id", "order_id", "day"]
    assert h.items.empty


# what the customers run holds besides the history (5 M lines: the reasons stacked 25 copies of the
# customers, +440 MB; distinct products hashed 3.5 M product codes per cutoff, +400 MB)
class _CountingModel:
    columns_ = ["frequency", "monetary", "recency_days"]

    def __init__(self):
        self.rows = []

    def predict_proba(self, X):
        self.rows.append(len(X))
        z = 0.3 * (X["frequency"].to_numpy() - 10) - 0.01 * (X["recency_days"].to_numpy() - 150)
        p = 1 / (1 + np.exp(-z))
        return np.column_stack([1 - p, p])


def test_reasons_never_predict_more_rows_than_customers():
    n = 50
    rng = np.random.default_rng(0)
    X = pd.DataFrame({"frequency": rng.integers(1, 20, n).astype(float),
                      "monetary": rng.uniform(10, 900, n), "recency_days": rng.integers(0, 300, n).astype(float)},
                     index=[f"c{i}" for i in range(n)])
    X.iloc[0] = [19.0, 500.0, 2.0]            # a frequent, recent customer
    model = _CountingModel()
    reasons = customer_reasons(model, X)
    assert max(model.rows) == n               # all copies stacked: 3 × 50 rows in one call
    assert len(model.rows) == 1 + len(model.columns_)
    text = reasons.loc["c0"]
    assert "19 vs typical" in text and "raises the chance" in text, text
    assert "lowers" not in text and "500" not in text, text    # monetary has no effect on this model


def test_distinct_products_count_each_product_once_up_to_the_cutoff():
    orders = pd.DataFrame({"customer_id": ["a", "a", "b"], "order_id": ["1", "2", "3"], "is_cancellation": 0,
                           "day": [10, 20, 12], "value": [5.0, 6.0, 7.0], "lines": 2, "units": 3.0,
                           "country": "UK"})
    # one row per customer and product on its first day (what load_history reads); b's None is a line
    # without a product code, which is no product
    items = pd.DataFrame({"customer_id": ["a", "a", "a", "b", "b"], "day": [10, 10, 20, 12, 12],
                          "product_id": ["p1", "p2", "p3", "p1", None]})
    h = History(orders, items, 10, 30)
    assert customer_features(h, 15)["distinct_products"].to_dict() == {"a": 2.0, "b": 1.0}
    assert customer_features(h, 30)["distinct_products"].to_dict() == {"a": 3.0, "b": 1.0}
