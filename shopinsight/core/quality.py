"""Data-quality report for a whole shop (per-import reports are stored with each import)."""
from __future__ import annotations

import json

from .i18n import _
from .store import Shop, interruptible
from .tasks import as_reporter

__all__ = ["shop_quality", "import_quality"]


def shop_quality(shop: Shop, progress=None, should_stop=None) -> dict:
    """Counts of every flagged quirk over all lines, plus the shop's ranges and formats seen.
    Lines of a series (``line_kind = 'summary'``: the shop's total per period) have no customer
    or product by nature, so they are not counted as missing one.

    A few full scans (seconds on a million lines): reports progress and stops mid-query on cancel.
    """
    rep = as_reporter(progress, should_stop)
    with interruptible(shop, rep):
        return _shop_quality(shop, rep)


def _shop_quality(shop: Shop, rep) -> dict:
    c = shop.conn
    rep(0.0, _("counting orders, customers and net sales"))
    from .facts import shop_facts
    facts = shop_facts(c)           # the same figures as `info`, the Overview and the Data tab
    rep(0.2, _("counting flagged lines"))
    row = c.execute("""
        SELECT sum(customer_id IS NULL AND line_kind <> 'summary'),
               sum(product_name IS NULL AND line_kind <> 'summary'), sum(unit_price = 0),
               sum(unit_price < 0), sum(quantity < 0), sum(occurrence > 0), sum(extra IS NOT NULL)
        FROM line_items""").fetchone()
    keys = ["missing_customer", "missing_product_name", "zero_price", "negative_price", "negative_quantity",
            "duplicates_in_file", "lines_with_extra_columns"]
    out = {"lines": facts["lines"], "cancellation_lines": facts["cancellation_lines"],
           "non_merchandise_lines": facts["lines"] - facts["merchandise_lines"]}
    out.update({k: (v if v is not None else 0) for k, v in zip(keys, row)})
    out.update({k: facts[k] for k in ("orders", "order_numbers", "customers", "customer_ids", "net_sales",
                                      "first_day", "last_day")})
    out["line_kinds"] = dict(c.execute(
        "SELECT line_kind, count(*) FROM line_items GROUP BY line_kind ORDER BY line_kind").fetchall())
    rep(0.4, _("checking products and customers"))
    out["products"] = c.execute("SELECT count(*) FROM products").fetchone()[0]
    out["products_with_several_names"] = c.execute(
        "SELECT count(*) FROM (SELECT product_id FROM line_items WHERE product_id IS NOT NULL "
        "GROUP BY product_id HAVING count(DISTINCT product_name) > 1)").fetchone()[0]
    out["customers_with_several_countries"] = c.execute(
        "SELECT count(*) FROM (SELECT customer_id FROM line_items WHERE customer_id IS NOT NULL "
        "GROUP BY customer_id HAVING count(DISTINCT country) > 1)").fetchone()[0]
    out["orders_with_several_times"] = c.execute(
        "SELECT count(*) FROM (SELECT order_id FROM line_items WHERE order_id IS NOT NULL "
        "GROUP BY order_id HAVING count(DISTINCT ordered_at) > 1)").fetchone()[0]
    rep(0.9, _("rejected rows"))
    out["rejected_rows"] = c.execute("SELECT count(*) FROM rejected_rows").fetchone()[0]
    out["rejected_by_reason"] = dict(c.execute(
        "SELECT reason, count(*) FROM rejected_rows GROUP BY reason ORDER BY count(*) DESC").fetchall())
    formats = c.execute("SELECT DISTINCT encoding, delimiter, decimal, date_format, preset FROM imports").fetchall()
    out["formats_seen"] = [dict(zip(["encoding", "delimiter", "decimal", "date_format", "preset"], f))
                           for f in formats]
    out["currency"] = shop.get_meta("currency")
    return out


def import_quality(shop: Shop, import_id: int) -> dict:
    """The stored quality report of one import (empty dict if unknown)."""
    row = shop.conn.execute("SELECT quality_json FROM imports WHERE import_id = ?", (import_id,)).fetchone()
    return json.loads(row[0]) if row and row[0] else {}
