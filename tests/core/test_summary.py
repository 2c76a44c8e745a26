"""The order-group summary behind the Overview (core/summary.py, issue 16: the 12-month Overview
of a ten-times shop took 8 s grouping a million lines; now it reads the stored groups).

The summary must never show anything but what the lines say: it is checked against grouping
the lines after every kind of change (new lines, changed flags, deleted lines)."""
from __future__ import annotations

import sqlite3

import numpy as np
import pandas as pd
import pytest

from shopinsight.core import analytics as A
from shopinsight.core import summary
from shopinsight.core.tasks import Cancelled
from shopinsight.core.store import Shop
from tests.conftest import make_lines_shop


def _rows(seed: int, start_day: int = 0, n_orders: int = 300) -> list[dict]:
    rng = np.random.default_rng(seed)
    rows = []
    for o in range(n_orders):
        day = pd.Timestamp("2023-01-02") + pd.Timedelta(days=start_day + int(rng.integers(0, 400)))
        cust = None if rng.random() < 0.2 else f"c{rng.integers(0, 60)}"
        country = ["United Kingdom", "France", "EIRE", None][int(rng.integers(0, 4))]
        canc = rng.random() < 0.1
        for p in rng.choice(40, int(rng.integers(1, 6)), replace=False):
            q = int(rng.integers(1, 10)) * (-1 if canc else 1)
            rows.append({"order_id": f"{'C' if canc else ''}{seed}{o:05d}",
                         "ordered_at": f"{day.date()} {rng.integers(8, 18):02d}:{rng.integers(0, 60):02d}:00",
                         "customer_id": cust, "country": country, "product_id": f"P{p}",
                         "product_name": f"THING {p}", "quantity": q, "unit_price": float(rng.integers(1, 9)),
                         "is_cancellation": int(canc), "is_merchandise": int(p != 0)})
    return rows


def _grouped_lines(shop: Shop, period: str) -> dict:
    """The Overview computed by grouping the lines (the summary hidden)."""
    assert not summary.is_fresh(shop.conn)
    return A.overview(shop, period)


def _same(a: dict, b: dict) -> None:
    assert a["period"] == b["period"]
    for k in ("current", "previous", "change"):
        x, y = a["kpis"][k], b["kpis"][k]
        if x is None or y is None:
            assert x is y
            continue
        assert x.keys() == y.keys()
        for key in x:
            if x[key] is None or y[key] is None:
                assert x[key] is y[key], key
            else:
                assert x[key] == pytest.approx(y[key], rel=1e-9, abs=1e-9, nan_ok=True), key
    for k in ("sales_over_time", "top_products", "countries", "weekday_hour"):
        pd.testing.assert_frame_equal(a[k].reset_index(drop=True), b[k].reset_index(drop=True),
                                      check_exact=False, rtol=1e-9)


@pytest.fixture
def shop_path(tmp_path):
    return make_lines_shop(tmp_path / "s.shop", _rows(1))


def _hide_summary(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE meta SET value = NULL WHERE key = 'summary_order_groups'")


@pytest.mark.parametrize("period", ["12m", "90d", "all"])
def test_overview_from_the_summary_equals_grouping_the_lines(shop_path, period):
    with Shop(shop_path) as shop:
        expected = _grouped_lines(shop, period)
        res = A.run_overview(shop, A.OverviewOptions(period=period))
        assert summary.is_fresh(shop.conn)
        _same(A.overview(shop, period), expected)
        assert res.kpis == A.overview(shop, period)["kpis"]


def test_the_overview_reads_the_groups_not_the_lines(shop_path):
    with Shop(shop_path) as shop:
        A.run_overview(shop, A.OverviewOptions(period="12m"))
        read: set[tuple] = set()

        def auth(action, table, column, *_):
            if action == sqlite3.SQLITE_READ:
                read.add((table, column))
            return sqlite3.SQLITE_OK
        p = A.period_bounds(shop, "12m")
        shop.conn.set_authorizer(auth)
        try:
            g = A.order_groups(shop, p.prev_start or p.start, p.end)
        finally:
            shop.conn.set_authorizer(None)
        assert len(g) and (summary.TABLE, "amount") in read
        # of the lines only max(line_id) is read: the mark that the summary is up to date
        assert {c for t, c in read if t == "line_items"} <= {"line_id", ""}, read   # "": the rowid


def test_new_lines_regroup_only_their_days(shop_path):
    with Shop(shop_path) as shop:
        assert summary.refresh(shop) == "rebuilt"
        assert summary.refresh(shop) == "fresh"
    make_lines_shop(shop_path, _rows(2, start_day=300, n_orders=50))      # a second import, later days
    with Shop(shop_path) as shop:
        assert not summary.is_fresh(shop.conn)
        assert summary.refresh(shop) == "added"
        fresh = A.overview(shop, "all")
        _hide_summary(shop.conn)
        _same(fresh, _grouped_lines(shop, "all"))


@pytest.mark.parametrize("change", [
    "UPDATE line_items SET is_merchandise = 0 WHERE product_id = 'P3'",     # a classification fix
    "UPDATE line_items SET amount = amount * 2 WHERE line_id % 7 = 0",
    "DELETE FROM line_items WHERE line_id % 5 = 0",
    "UPDATE line_items SET country = 'Japan' WHERE customer_id = 'c1'",
])
def test_changed_or_deleted_lines_rebuild_it(shop_path, change):
    with Shop(shop_path) as shop:
        summary.refresh(shop)
        with shop.transaction() as c:
            c.execute(change)
        assert not summary.is_fresh(shop.conn)
        assert summary.refresh(shop) == "rebuilt"
        fresh = A.overview(shop, "all")
        _hide_summary(shop.conn)
        _same(fresh, _grouped_lines(shop, "all"))


def test_read_only_shop_groups_the_lines(shop_path):
    with Shop(shop_path, readonly=True) as shop:
        expected = _grouped_lines(shop, "12m")
        res = A.run_overview(shop, A.OverviewOptions(period="12m"))
        assert summary.refresh(shop) == "skipped" and not summary.is_fresh(shop.conn)
        assert res.kpis == expected["kpis"]


def test_another_writer_is_not_waited_for(shop_path):
    with Shop(shop_path) as shop:
        other = sqlite3.connect(shop_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            assert summary.refresh(shop) == "skipped"
            A.run_overview(shop, A.OverviewOptions(period="12m"))          # still answers
        finally:
            other.execute("ROLLBACK")
            other.close()


def test_cancelled_refresh_writes_nothing(shop_path):
    with Shop(shop_path) as shop:
        before = shop.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        with pytest.raises(Cancelled):
            summary.refresh(shop, A.as_reporter(None, lambda: True))
        assert shop.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == before
        assert not summary.is_fresh(shop.conn)


def test_a_dropped_table_or_a_repaired_shop_falls_back_to_the_lines(shop_path, tmp_path):
    from shopinsight.core.repair import repair_shop

    with Shop(shop_path) as shop:
        summary.refresh(shop)
        expected = A.overview(shop, "all")
    fixed = tmp_path / "fixed.shop"
    repair_shop(shop_path, fixed)
    with Shop(fixed) as shop:
        assert not summary.is_fresh(shop.conn)          # rebuilt on the next Overview, not trusted
        _same(A.overview(shop, "all"), expected)
    with Shop(shop_path) as shop:
        shop.conn.execute(f"DROP TABLE {summary.TABLE}")
        _same(A.overview(shop, "all"), expected)


def test_the_store_owns_the_summary_table_and_triggers(tmp_path):
    """The summary's table, index and triggers come from a frozen migration when the shop is
    opened, not from the Overview job (issue 12: the store owns the schema)."""
    with Shop(tmp_path / "new.shop") as shop:
        names = {r[0] for r in shop.conn.execute("SELECT name FROM sqlite_master")}
    assert {summary.TABLE, f"ix_{summary.TABLE}_day", "tr_line_items_summary_update",
            "tr_line_items_summary_delete"} <= names


def test_a_refresh_that_committed_is_not_reported_cancelled(shop_path):
    """Cancel arriving right after the refresh's COMMIT: the cache is written and kept; the refresh
    returns normally (the Overview job itself is cancelled at its next check)."""
    with Shop(shop_path) as shop:
        conn = shop.conn
        stop = []
        orig = conn.execute

        class Spy:                                     # sqlite3.Connection.execute is read-only
            def __getattr__(self, name):
                return getattr(conn, name)

            def execute(self, sql, *a):
                cur = orig(sql, *a)
                if sql == "COMMIT":
                    stop.append(1)                     # the user presses Cancel just now
                return cur
        shop.conn = Spy()
        try:
            assert summary.refresh(shop, A.as_reporter(None, lambda: bool(stop))) == "rebuilt"
        finally:
            shop.conn = conn
        assert summary.is_fresh(shop.conn)


def test_deleting_lines_writes_the_mark_once_not_per_line(shop_path):
    """The triggers drop the summary's mark (one write on the first changed line; the other lines
    find nothing to delete), instead of rewriting a counter in meta for every line."""
    with Shop(shop_path) as shop:
        summary.refresh(shop)
        changes = []
        with shop.transaction() as c:
            before = c.total_changes
            n = c.execute("DELETE FROM line_items WHERE line_id % 2 = 0").rowcount
            changes.append(c.total_changes - before)
        assert n > 100 and changes[0] <= n + 1          # the deleted lines + the one mark
        assert not summary.is_fresh(shop.conn)


def test_a_shop_with_the_old_lazy_triggers_is_migrated(shop_path):
    """A shop whose Overview created the summary lazily (per-line counter triggers, `lines_rev`):
    migration 6 drops those triggers and the old mark (it may be stale), and adds the new ones."""
    with Shop(shop_path) as shop:
        summary.refresh(shop)
        c = shop.conn
        c.execute("DELETE FROM schema_migrations WHERE version = 6")
        c.execute("DROP TRIGGER tr_line_items_summary_update")
        c.execute("DROP TRIGGER tr_line_items_summary_delete")
        c.execute("CREATE TRIGGER tr_line_items_rev_delete AFTER DELETE ON line_items BEGIN "
                  "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'lines_rev'; END")
        c.execute("INSERT INTO meta(key, value) VALUES ('lines_rev', '3')")
    with Shop(shop_path) as shop:
        trig = {r[0] for r in shop.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert trig >= {"tr_line_items_summary_update", "tr_line_items_summary_delete"}
        assert "tr_line_items_rev_delete" not in trig
        assert shop.get_meta("lines_rev") is None and not summary.is_fresh(shop.conn)
        assert summary.refresh(shop) == "rebuilt"
