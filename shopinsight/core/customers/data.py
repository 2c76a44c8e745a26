"""Loading a shop's customer history: merchandise lines of known customers, rolled up to orders.

Definitions used everywhere in this package (README "Customers"):

* a **purchase** is a non-cancelled merchandise order: lines with ``is_merchandise = 1`` and
  ``is_cancellation = 0`` and a customer id, grouped by ``order_id``;
* a **cancellation order** groups the customer's ``is_cancellation = 1`` merchandise lines;
* **net sales** (monetary value) is the sum of ``amount`` over merchandise lines, cancellations
  included (they are negative) — GUIDE §4.

Days are held as integers (days since 1970-01-01) so windows are cheap integer comparisons.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

import numpy as np
import pandas as pd

__all__ = ["History", "load_history", "day_number", "day_text", "customer_orders"]

_EPOCH = dt.date(1970, 1, 1)


def day_number(day: str | dt.date) -> int:
    """'YYYY-MM-DD' (or a date) → days since 1970-01-01."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return (day - _EPOCH).days


def day_text(n: int) -> str:
    """Days since 1970-01-01 → 'YYYY-MM-DD'."""
    return (_EPOCH + dt.timedelta(days=int(n))).isoformat()


@dataclass
class History:
    """A shop's customer order history.

    ``orders`` has one row per (customer, order, kind): ``customer_id, order_id, day`` (int),
    ``is_cancellation``, ``value`` (sum of amounts), ``lines``, ``units``, ``country``.  ``items`` has one row
    per customer and product bought ``customer_id, day, product_id``, on the day of the first purchase
    (for product diversity).  ``first_day`` and
    ``last_day`` are the shop's whole data range (all lines, not only customers').
    """

    orders: pd.DataFrame
    items: pd.DataFrame
    first_day: int
    last_day: int

    def until(self, day: int) -> "History":
        """Only what was known at the end of ``day`` (inclusive)."""
        o = self.orders[self.orders["day"] <= day]
        i = self.items[self.items["day"] <= day]
        return History(o, i, self.first_day, min(self.last_day, day))

    @property
    def purchases(self) -> pd.DataFrame:
        """Non-cancelled orders only."""
        return self.orders[self.orders["is_cancellation"] == 0]

    def customers_with_purchase(self, day: int) -> np.ndarray:
        """Customers with at least one purchase on or before ``day``."""
        p = self.purchases
        return np.sort(p.loc[p["day"] <= day, "customer_id"].unique())


# one row per order: the lines are summed in SQLite, so the lines themselves never reach Python (a
# 5-million-line shop read line by line held 3 GB of Python objects).  Lines without an order number
# are one order per customer and day; an order's country is that of its first line (lowest line id)
# that has one.
_ORDERS_SQL = """
SELECT customer_id, coalesce(order_id, '') AS order_id, is_cancellation,
       CAST(julianday(min(day)) - 2440587.5 AS INTEGER) AS day,
       total(amount) AS value, count(*) AS lines, total(quantity) AS units,
       substr(min(CASE WHEN country IS NOT NULL THEN printf('%020d', line_id) || country END), 21) AS country
FROM lines
WHERE customer_id IS NOT NULL AND is_merchandise = 1 {where}
GROUP BY customer_id, coalesce(order_id, ''), is_cancellation,
         CASE WHEN coalesce(order_id, '') = '' THEN day END
"""

# what each customer bought: one row per customer and product, on the day of its first purchase
# (all the features need is the number of distinct products bought up to a day)
_ITEMS_SQL = """
SELECT customer_id, CAST(julianday(min(day)) - 2440587.5 AS INTEGER) AS day, product_id
FROM lines
WHERE customer_id IS NOT NULL AND is_merchandise = 1 AND is_cancellation = 0 {where}
GROUP BY customer_id, product_id
"""


def load_history(shop, until: Optional[str] = None) -> History:
    """Read the customer history from ``shop`` (lines on or before ``until`` when given).

    Memory grows with orders and (customer, product) pairs, not with lines: SQLite does the
    grouping, and the rows come back in chunks with one string per distinct id."""

    where, params = ("AND day <= ?", [until]) if until else ("", [])
    orders = shop.query_compact(_ORDERS_SQL.format(where=where), params)
    # the data end on the shop's last day, or on `until` when that is earlier (even if the shop
    # has no line that day: a Saturday `until` still means "as of Saturday")
    first, last = shop.conn.execute("SELECT min(day), max(day) FROM line_items").fetchone()
    if until and last and until < last:
        last = until
    if orders.empty:
        empty_o = pd.DataFrame({c: pd.Series(dtype=t) for c, t in [
            ("customer_id", object), ("order_id", object), ("day", np.int64), ("is_cancellation", np.int64),
            ("value", float), ("lines", np.int64), ("units", float)]})
        empty_i = pd.DataFrame({"customer_id": pd.Series(dtype=object), "day": pd.Series(dtype=np.int64),
                                "product_id": pd.Series(dtype=object)})
        empty_o["country"] = pd.Series(dtype=object)
        return History(empty_o, empty_i, day_number(first) if first else 0, day_number(last) if last else 0)
    orders["customer_id"] = orders["customer_id"].astype(str)
    orders["order_id"] = orders["order_id"].astype(str)
    orders["day"] = orders["day"].astype(np.int64)          # days since 1970-01-01 (SQLite's julianday)
    orders["is_cancellation"] = orders["is_cancellation"].astype(np.int64)
    orders["value"] = orders["value"].astype(float)
    orders["lines"] = orders["lines"].astype(np.int64)
    orders["units"] = orders["units"].astype(float)
    no_order = orders["order_id"] == ""
    if no_order.any():
        orders.loc[no_order, "order_id"] = "day:" + orders.loc[no_order, "day"].astype(str)
    orders = orders[["customer_id", "order_id", "is_cancellation", "day", "value", "lines", "units", "country"]]
    orders = orders.sort_values(["customer_id", "day", "order_id", "is_cancellation"],
                                kind="stable").reset_index(drop=True)
    items = shop.query_compact(_ITEMS_SQL.format(where=where), params)
    items["customer_id"] = items["customer_id"].astype(str)
    items["day"] = items["day"].astype(np.int64)
    return History(orders, items, day_number(first), day_number(last))


def customer_orders(shop, customer_id: str) -> pd.DataFrame:
    """One customer's merchandise orders, oldest first: ``order_id, day, value, cancelled, lines``
    (``value`` is the order's net sales; ``cancelled`` is 1 for a cancellation order)."""
    return shop.query_df(
        "SELECT order_id, min(day) AS day, total(amount) AS value, max(is_cancellation) AS cancelled, "
        "count(*) AS lines FROM lines WHERE customer_id = ? AND is_merchandise = 1 "
        "GROUP BY order_id ORDER BY day, order_id", (str(customer_id),))
