"""The shop's headline figures, defined once (GUIDE §4).

Every place that shows one of these numbers — ``shopinsight info``, the Overview (and
``overview``), the Data tab, the quality report, customer segments — takes it from here, so
the same fact has the same value everywhere:

* **orders** — distinct order numbers with at least one merchandise *sale* line (not
  cancelled).  An invoice that only cancels, or only charges postage, is not an order.
* **customers** — distinct known customer ids with at least one merchandise sale line (guests
  are not counted; a customer who only ever cancelled is not a customer).
* **cancellation lines** — lines flagged ``is_cancellation`` (cancelled or returned), of any
  kind: merchandise, postage, fees, adjustments.  This is *not* the number of lines of kind
  ``cancellation`` (``line_kinds["cancellation"]`` in the quality report: merchandise
  cancellations only); labels say which is which.
* **net sales** — the sum of ``amount`` over merchandise lines, cancellations included
  (they are negative).

Figures that differ by definition keep their own names: ``order_numbers`` (distinct order
numbers on any line) and ``customer_ids`` (every known customer id, also those who only
cancelled).
"""
from __future__ import annotations

from typing import Optional

import pandas as pd

from .i18n import N_

__all__ = ["SALE_LINE", "MERCHANDISE", "FACTS", "FACT_KEYS", "shop_facts", "facts_from_order_groups",
           "facts_sql", "day_range"]

MERCHANDISE = "is_merchandise = 1"
SALE_LINE = "is_merchandise = 1 AND is_cancellation = 0"
"""SQL condition of a merchandise sale line (what makes an order and a customer)."""

FACTS = {
    "orders": N_("order numbers with at least one merchandise sale line"),
    "customers": N_("known customers with at least one merchandise sale line"),
    "cancellation_lines": N_("lines flagged as cancelled or returned, of any kind (also postage and fees)"),
    "net_sales": N_("sum of the amounts of merchandise lines, cancellations included"),
    "order_numbers": N_("distinct order numbers on any line (also cancellation-only and postage-only invoices)"),
    "customer_ids": N_("every known customer id (also customers who only cancelled)"),
}
"""Each figure's definition in words (the CLI prints it with ``info``; the GUI labels follow it; the
report's footnotes show them translated, ``_(FACTS[key])``)."""

FACT_KEYS = ("orders", "customers", "cancellation_lines", "net_sales")


def facts_sql(where: str = "1") -> str:
    """One scan of ``line_items`` giving every fact (and the plain line counts) for ``where``."""
    return f"""
        SELECT count(DISTINCT CASE WHEN {SALE_LINE} THEN order_id END) AS orders,
               count(DISTINCT CASE WHEN {SALE_LINE} THEN customer_id END) AS customers,
               total(is_cancellation) AS cancellation_lines,
               total(CASE WHEN {MERCHANDISE} THEN amount END) AS net_sales,
               count(DISTINCT order_id) AS order_numbers,
               count(DISTINCT customer_id) AS customer_ids,
               count(*) AS lines, total(is_merchandise) AS merchandise_lines,
               min(day) AS first_day, max(day) AS last_day
        FROM line_items WHERE {where}"""


def day_range(start: Optional[str], end: Optional[str]) -> tuple[str, list]:
    """SQL condition (and its parameters) for lines of ``start..end`` (inclusive ISO days; None = open)."""
    clauses, params = [], []
    if start is not None:
        clauses.append("day >= ?")
        params.append(start)
    if end is not None:
        clauses.append("day <= ?")
        params.append(end)
    return (" AND ".join(clauses) or "1"), params


def shop_facts(conn, start: Optional[str] = None, end: Optional[str] = None) -> dict:
    """The facts of the lines of ``start..end`` (inclusive ISO days; None = open) in one scan."""
    where, params = day_range(start, end)
    cur = conn.execute(facts_sql(where), params)
    names = [d[0] for d in cur.description]
    row = dict(zip(names, cur.fetchone()))
    for k in ("orders", "customers", "cancellation_lines", "order_numbers", "customer_ids", "lines",
              "merchandise_lines"):
        row[k] = int(row[k] or 0)
    row["net_sales"] = round(float(row["net_sales"] or 0.0), 2)
    return row


def facts_from_order_groups(g: pd.DataFrame) -> dict:
    """The same facts from the Overview's order groups (merchandise lines summed per order, day,
    hour, customer, country and cancellation flag; see :func:`analytics.order_groups`).

    Orders and customers count the groups of sale lines, net sales sums every group — the
    definitions of :func:`shop_facts`.  Cancellation lines are not in the groups (they hold
    merchandise lines only) and are left out.
    """
    sale = g[~g["is_cancellation"].astype(bool)]
    return {"orders": int(sale["order_id"].nunique()),           # nunique skips missing ids
            "customers": int(sale["customer_id"].nunique()),
            "net_sales": round(float(g["amount"].sum()), 2)}
