"""The bulk import's streamed products/customers totals stay bounded by the number of
customers and products, not by the number of orders (issue 16: import memory on a 12 M-line file)."""
import sqlite3

import numpy as np
import pandas as pd

from shopinsight.core.importer.run import _Dimensions


def _chunk(orders: range, customers: int) -> pd.DataFrame:
    n = len(orders)
    return pd.DataFrame({
        "_dt": pd.to_datetime("2020-01-01") + pd.to_timedelta(np.arange(n) % 30, unit="D"),
        "is_merchandise": np.ones(n, dtype=bool),
        "quantity": np.ones(n), "amount": np.full(n, 2.0),
        "product_id": pd.array([f"P{i % 7}" for i in range(n)], dtype="string"),
        "product_name": pd.array([f"name {i % 7}" for i in range(n)], dtype="string"),
        "customer_id": pd.array([f"C{o % customers}" for o in orders], dtype="string"),
        "country": pd.array(["UK"] * n, dtype="string"),
        "order_id": pd.array([f"O{o}" for o in orders], dtype="string"),
    })


def _python_rows(dims: _Dimensions) -> int:
    """Rows held in Python/pandas partials by the aggregator."""
    return sum(len(f) for v in vars(dims).values() if isinstance(v, list)
               for f in v if isinstance(f, pd.DataFrame))


def test_customer_orders_do_not_grow_python_state_and_stay_exact():
    conn = sqlite3.connect(":memory:")
    dims = _Dimensions(conn)
    customers = 5
    for start in range(0, 3_000, 250):
        # every order has two lines; the chunks overlap by one order (an order cut by a chunk edge)
        orders = range(start, start + 251)
        dims.add(_chunk(orders, customers))
        dims.add(_chunk(orders, customers))     # the same orders again: counted once
        # bounded by customers and products (per pending chunk), not by the 3,000 orders
        assert _python_rows(dims) <= 32 * (customers + 7)
    pairs, cust = dims.finish()
    counts = dict(zip(cust["customer_id"], cust["orders"]))
    assert counts == {f"C{c}": 3_001 // customers + (c < 3_001 % customers) for c in range(customers)}
    assert cust["net_sales"].sum() == 2.0 * 2 * 12 * 251
    assert pairs["n"].sum() == 2 * 12 * 251
    # the temporary table is dropped once counted
    assert conn.execute("SELECT count(*) FROM temp.sqlite_master WHERE name = 'import_customer_orders'"
                        ).fetchone()[0] == 0
