"""Paged reads of the lines (core.lines.LinePager, issue 16): the same rows in the same order as the
full read of every id, for every order and filter, read sequentially, by jumps and after anchors."""
from __future__ import annotations

import random
import sqlite3

import pytest

from shopinsight.core.lines import (INDEXED_SORTS, SORTABLE, LineFilter, LinePager, _order_by, _segments,
                                    count_lines, line_ids)
from shopinsight.core.tasks import Cancelled

N = 240


def _rows():
    rows = []
    for i in range(N):
        rows.append(dict(
            order_id=None if i % 23 == 0 else f"{1000 + i // 4}",
            # several lines share a time (ties within a day) and days repeat out of id order
            ordered_at=f"2024-0{1 + i % 3}-{10 + (i * 7) % 9:02d} {8 + i % 2}:00:00",
            customer_id=None if i % 5 == 0 else f"C{i % 7}",
            product_id=None if i % 41 == 0 else f"P{i % 6}",
            product_name=None if i % 13 == 0 else ("Heart mug" if i % 4 == 0 else f"Item {i % 3}"),
            quantity=[1, 2, -1, 2][i % 4], unit_price=[1.0, 2.5, 1.0, 0.5][i % 4],   # amount ties
            country=None if i % 9 == 0 else ("France" if i % 2 else "United Kingdom"),
            is_cancellation=int(i % 4 == 2), is_merchandise=int(i % 17 != 0),
            line_kind="cancellation" if i % 4 == 2 else "sale"))
    return rows


FILTERS = [LineFilter(), LineFilter(text="heart"), LineFilter(flag="cancellations"),
           LineFilter(date_from="2024-02-01", date_to="2024-03-31", customer_ids=("C1", "C2", "C3")),
           LineFilter(countries=("", "France")), LineFilter(text="no such word")]


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    from tests.conftest import make_lines_shop
    path = make_lines_shop(tmp_path_factory.mktemp("paging") / "shop.shop", _rows())
    c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    yield c
    c.close()


def _day_starts(conn, flt, desc):
    ids = line_ids(conn, flt, "ordered_at", desc).tolist()
    day = {i: d for i, d in conn.execute("SELECT line_id, day FROM lines")}
    return [r for r in range(len(ids)) if r == 0 or day[ids[r]] != day[ids[r - 1]]]


def _sequential(pager, conn, size):
    out, start = [], 0
    while True:
        rows = pager.read(conn, start, size)
        out += [r[0] for r in rows]
        if len(rows) < size:
            return out
        start += size


@pytest.mark.parametrize("sort", list(SORTABLE))
def test_pages_equal_the_full_read_for_every_order_and_filter(conn, sort, monkeypatch):
    rng = random.Random(sort)
    # an order without index reads keys by chunks: small ones here, so pages cross their bounds
    monkeypatch.setattr(LinePager, "CHUNK", 13)
    for flt in FILTERS:
        for desc in (False, True):
            want = line_ids(conn, flt, sort, desc).tolist()
            assert len(want) == count_lines(conn, flt)
            # scrolling down block by block: across every block boundary
            size = rng.choice([1, 7, 16])
            pager = LinePager(flt, sort, desc, columns=["line_id"])
            assert _sequential(pager, conn, size) == want, (flt, sort, desc, size)
            assert pager.end == len(want)
            # jumps anywhere (OFFSET from the nearest anchor), also past the end
            jumper = LinePager(flt, sort, desc, columns=["line_id", "amount"])
            for start in rng.sample(range(len(want) + 3), min(8, len(want) + 3)):
                got = [r[0] for r in jumper.read(conn, start, 5)]
                assert got == want[start:start + 5], (flt, sort, desc, start)
            # anchors walked in the background: the count, and the same rows after
            anchored = LinePager(flt, sort, desc, columns=["line_id"])
            assert anchored.build_anchors(conn, step=11) == len(want)
            if sort == "ordered_at":    # one anchor per day: where each day's lines begin
                starts = _day_starts(conn, flt, desc)
                assert set(starts) | {0} == set(anchored.anchor_rows()) and (len(starts) > 1 or len(want) < 2)
            else:
                assert set(range(0, len(want), 11)) <= set(anchored.anchor_rows())
            for start in (len(want) // 2, max(0, len(want) - 3), 12):
                assert [r[0] for r in anchored.read(conn, start, 9)] == want[start:start + 9]


def test_ties_are_broken_by_line_id(conn):
    pager = LinePager(sort="amount", columns=["amount", "line_id"])
    rows = pager.read(conn, 0, N)
    assert len({a for a, _ in rows}) < 6           # few amounts: long runs of ties
    assert rows == sorted(rows)                     # within a tie, ascending line id
    down = LinePager(sort="amount", descending=True, columns=["amount", "line_id"]).read(conn, 0, N)
    assert down == sorted(rows, reverse=True)
    # NULL product names first ascending (as SQLite orders), last descending, ties by line id
    names = LinePager(sort="product_name", columns=["product_name", "line_id"]).read(conn, 0, N)
    nulls = [lid for n, lid in names if n is None]
    assert [n for n, _ in names[:len(nulls)]] == [None] * len(nulls) and nulls == sorted(nulls)


def test_indexed_orders_seek_an_index(conn):
    """The orders the GUI calls indexed really seek: the plan of a page after a key searches an
    index (or the rowid) and never scans the whole table."""
    for sort in INDEXED_SORTS:
        pager = LinePager(sort=sort, columns=["line_id"])
        pager.read(conn, 0, 10)
        after = pager._anchors[10]
        for cond, params in _segments(sort, False, after):
            plan = " ".join(r[3] for r in conn.execute(
                f"EXPLAIN QUERY PLAN SELECT line_id FROM lines WHERE {cond} {_order_by(sort, False)} LIMIT 5",
                params))
            assert "SEARCH" in plan and "SCAN line_items" not in plan, (sort, plan)


def test_count_cap_and_cancel(conn):
    assert count_lines(conn, LineFilter(), cap=10) == 10
    assert count_lines(conn, LineFilter(text="heart"), cap=1000) == count_lines(conn, LineFilter(text="heart"))
    with pytest.raises(Cancelled):
        count_lines(conn, LineFilter(text="heart"), should_stop=lambda: True)


def test_bad_order_or_flag_is_refused():
    with pytest.raises(ValueError):
        LinePager(sort="nope")
    with pytest.raises(ValueError):
        LinePager(LineFilter(flag="nope"))
    with pytest.raises(ValueError):
        LinePager(columns=["content_hash"])


def test_a_long_jump_in_the_date_order_reads_the_day_anchors_first(conn, monkeypatch):
    want = line_ids(conn, LineFilter(), "ordered_at", True).tolist()
    pager = LinePager(sort="ordered_at", descending=True, columns=["line_id"])
    monkeypatch.setattr(pager, "DAY_JUMP", 20)
    assert [r[0] for r in pager.read(conn, 10, 5)] == want[10:15]
    assert pager.anchor_rows() == [0, 10, 15]           # a short jump: OFFSET from the top
    assert [r[0] for r in pager.read(conn, 150, 5)] == want[150:155]
    assert len(pager.anchor_rows()) > 10 and pager.end == N     # the days (27) were counted first


def test_the_reader_words_sqlite_failures_of_a_page_and_a_count(tmp_path):
    from tests.conftest import make_lines_shop
    from shopinsight.core.lines import LinesReader
    from shopinsight.core.store import ShopError
    path = make_lines_shop(tmp_path / "s.shop", _rows()[:20])
    with LinesReader(path) as reader:
        pager = LinePager(sort="amount")
        assert len(reader.page(pager, 0, 50)) == 20 and reader.count() == 20
        with sqlite3.connect(path) as w:            # the shop loses its lines view under the reader
            w.execute("DROP VIEW lines")
        for call in (lambda: reader.page(LinePager(), 0, 5), lambda: reader.count(),
                     lambda: reader.build_anchors(LinePager())):
            with pytest.raises(ShopError) as err:
                call()
            assert str(path) in str(err.value) and not isinstance(err.value, sqlite3.Error)


@pytest.mark.parametrize("sort", ["amount", "product_name", "country", "quantity"])
def test_a_long_jump_in_an_order_without_index_reads_the_groups_first(conn, monkeypatch, sort):
    """Groups of equal values (NULLs first ascending, last descending) are anchors too: rows after
    a jump are the same as the full read's, in both directions, filtered or not."""
    monkeypatch.setattr(LinePager, "GROUP_JUMP", 20)
    monkeypatch.setattr(LinePager, "CHUNK", 8)
    for flt in (LineFilter(), LineFilter(text="mug")):
        for desc in (False, True):
            want = line_ids(conn, flt, sort, desc).tolist()
            pager = LinePager(flt, sort, desc, columns=["line_id"])
            for start in (len(want) - 2, len(want) // 2, 25, 3):
                assert [r[0] for r in pager.read(conn, start, 6)] == want[start:start + 6], (flt, sort, desc, start)
            assert pager._groups_read and pager.end == len(want)
