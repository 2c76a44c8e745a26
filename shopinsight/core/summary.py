"""The order-group summary: the Overview's one scan, kept in the shop (issue 16).

Every Overview figure but top products is an aggregate of *order groups*: the merchandise lines
of one (order, day, hour, customer, country, cancellation flag) — see
:func:`shopinsight.core.analytics.order_groups`.  A year of the sample shop is ~23 thousand
groups for ~500 thousand lines, so reading the groups of a period from a table indexed by day
costs a few milliseconds where grouping the lines cost seconds (a ten-times shop: 24 months of
lines, ~1.1 million, for the 12-month Overview and its comparison).

The table ``summary_order_groups`` is derived data, never the truth: it is used only while it
provably matches the lines.  A mark in ``meta`` says so:

* ``summary_order_groups`` = the ``max(line_id)`` it was built at;
* triggers (migration 6 in core/schema.py, which also owns the table) delete that mark on every
  UPDATE of a column the groups use and on every DELETE of a line (classification fixes, a series
  re-import, the anomaly self-test's copy): one write per statement, not one per line.

New lines get larger ids, so a larger ``max(line_id)`` with the mark still present means lines were
only added (an import): :func:`refresh` then regroups just the days those lines fall on.  Any
other change rebuilds the table.  :func:`refresh` runs at the start of the Overview job (when the
shop is writable and no other process is writing; else the Overview groups the lines as before),
is cancellable and writes nothing unless it completes.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Optional

from . import schema
from .i18n import _
from .store import interruptible
from .tasks import Cancelled, as_reporter

__all__ = ["TABLE", "GROUP_SELECT", "is_fresh", "refresh", "read_groups", "forget"]

TABLE = "summary_order_groups"
_META = "summary_order_groups"

# the grouping of analytics.order_groups (one definition: analytics formats it with its WHERE)
GROUP_SELECT = """
SELECT order_id, day, CAST(substr(ordered_at, 12, 2) AS INTEGER) AS hour, customer_id, country,
       is_cancellation, total(amount) AS amount, total(quantity) AS units, count(*) AS lines
FROM line_items {hint}
WHERE is_merchandise = 1 AND {where}
GROUP BY order_id, day, hour, customer_id, country, is_cancellation
"""

COLUMNS = ("order_id", "day", "hour", "customer_id", "country", "is_cancellation", "amount", "units", "lines")

def _marks(conn: sqlite3.Connection) -> tuple[Optional[dict], int]:
    """(the summary's mark or None, the lines' max id)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_META,)).fetchone()
    mark = json.loads(row[0]) if row and row[0] else None
    max_id = conn.execute("SELECT max(line_id) FROM line_items").fetchone()[0] or 0
    return mark, int(max_id)


def is_fresh(conn: sqlite3.Connection) -> bool:
    """True when the summary exists and holds exactly the groups of the shop's lines."""
    try:
        mark, max_id = _marks(conn)
    except sqlite3.OperationalError:          # an old shop without meta rows / table
        return False
    return mark is not None and mark.get("max_line_id") == max_id


def forget(conn: sqlite3.Connection) -> None:
    """Mark the summary out of date (e.g. a repaired shop: its recovered lines may have gaps); the
    next :func:`refresh` rebuilds it."""
    conn.execute("DELETE FROM meta WHERE key = ?", (_META,))


def read_groups(conn: sqlite3.Connection, where: str, params: list) -> sqlite3.Cursor:
    """The stored groups whose ``day`` satisfies ``where`` (the caller checked :func:`is_fresh`)."""
    return conn.execute(f"SELECT {', '.join(COLUMNS)} FROM {TABLE} WHERE {where}", params)


def refresh(shop, reporter=None) -> str:
    """Bring the summary up to date; returns what was done: ``fresh`` (nothing to do), ``added``
    (the days of new lines regrouped), ``rebuilt``, or ``skipped`` (read-only shop, or another
    process is writing: the caller groups the lines itself).  Cancellable; all or nothing."""
    rep = as_reporter(reporter)
    conn = shop.conn
    if getattr(shop, "readonly", False):
        return "skipped"
    if is_fresh(conn):
        return "fresh"
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return "skipped"                       # an import is running: do not wait for it
    finally:
        conn.execute("PRAGMA busy_timeout = 30000")
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLE,)).fetchone():
            conn.execute("ROLLBACK")           # a damaged shop lost the table: group the lines
            return "skipped"
        mark, max_id = _marks(conn)
        rep(0.0, _("summarising orders"))
        with interruptible(conn, rep):
            if mark is not None and max_id > int(mark.get("max_line_id", 0)):
                conn.execute("CREATE TEMP TABLE IF NOT EXISTS summary_days (day TEXT PRIMARY KEY)")
                conn.execute("DELETE FROM temp.summary_days")
                schema.insert_selected(conn, "summary_days", ["day"], "SELECT DISTINCT day FROM line_items "
                                       "WHERE line_id > ?", (int(mark["max_line_id"]),), or_ignore=True)
                conn.execute(f"DELETE FROM {TABLE} WHERE day IN (SELECT day FROM temp.summary_days)")
                schema.insert_selected(conn, TABLE, COLUMNS, GROUP_SELECT.format(
                    hint="", where="day IN (SELECT day FROM temp.summary_days)"))
                done = "added"
            else:
                conn.execute(f"DELETE FROM {TABLE}")
                try:
                    schema.insert_selected(conn, TABLE, COLUMNS, GROUP_SELECT.format(
                        hint="INDEXED BY ix_line_items_order", where="1"))
                except sqlite3.OperationalError as exc:
                    if "no such index" not in str(exc):
                        raise
                    schema.insert_selected(conn, TABLE, COLUMNS, GROUP_SELECT.format(hint="", where="1"))
                done = "rebuilt"
        schema.set_meta(conn, _META, json.dumps({"max_line_id": max_id}))
        rep.check()                            # the last chance to cancel: nothing is written
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    # Committed.  The summary is a cache, not the calling job's result: it is kept, and a Cancel
    # from here on is not this call's to report (the Overview job stops at its own next check and
    # leaves the shop's lines and runs as they were), so the last progress report must not raise.
    try:
        rep(1.0, _("orders summarised"))
    except Cancelled:
        pass
    return done
