"""The lazily fetched lines table: paging with bounded memory, server-side sort, filters."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from shopinsight.core.lines import LineFilter, count_lines, line_ids
from shopinsight.core.store import connect_readonly
from shopinsight.gui.lines_model import LinesModel

N = 3000


def _rows():
    start = dt.datetime(2011, 1, 1, 9, 0)
    rows = []
    for i in range(N):
        cancel = i % 100 == 99
        fee = i % 250 == 7
        qty = -2 if cancel else (i % 7) + 1
        rows.append(dict(
            order_id=("C" if cancel else "") + f"{100000 + i // 3}",
            ordered_at=(start + dt.timedelta(hours=i)).strftime("%Y-%m-%d %H:%M:%S"),
            customer_id=f"{12000 + i % 40}",
            product_id="POST" if fee else f"{20000 + i % 50}",
            product_name="POSTAGE" if fee else ("HEART MUG" if i % 50 == 3 else f"ITEM {i % 50}"),
            quantity=qty, unit_price=1.0 + (i % 13) / 4, country="France" if i % 10 == 0 else "United Kingdom",
            is_cancellation=int(cancel), is_merchandise=int(not fee),
            line_kind="cancellation" if cancel else ("fee" if fee else "sale")))
    return rows


@pytest.fixture
def shop(lines_shop):
    return lines_shop(_rows())


def col(model: LinesModel, name: str) -> int:
    return model.COLUMNS.index(name)


def test_paging_reads_blocks_lazily_and_memory_stays_bounded(qtbot, shop):
    model = LinesModel(block_size=100, max_blocks=5)
    model.set_shop(shop)
    assert model.rowCount() == N
    assert model.block_fetches == 0           # nothing read before a row is shown
    assert model.index(0, col(model, "line_id")).data() == "1"
    assert model.index(N - 2, col(model, "order_id")).data() == f"{100000 + (N - 2) // 3}"
    assert model.block_fetches == 2
    # scroll through every row: all values right, never more than 5 blocks in memory
    peak = 0
    for r in range(N):
        assert model.line_id(r) == r + 1
        assert model.index(r, col(model, "customer_id")).data() == f"{12000 + r % 40}"
        peak = max(peak, model.cached_rows())
    assert peak <= 5 * 100
    assert model.cached_rows() <= 500
    # re-reading the last rows hits the cache, an old block is fetched again
    before = model.block_fetches
    model.index(N - 1, 0).data()
    assert model.block_fetches == before
    model.index(0, 0).data()
    assert model.block_fetches == before + 1
    model.close()


def test_formatting_and_colours(qtbot, shop):
    model = LinesModel()
    model.set_shop(shop)
    r = 99                                         # a cancellation
    assert model.index(r, col(model, "quantity")).data() == "-2"
    assert model.index(r, col(model, "line_kind")).data() == "cancellation"
    assert model.index(r, 0).data(Qt.ItemDataRole.ForegroundRole).name() == "#b3261e"
    assert model.index(7, col(model, "product_name")).data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(1, col(model, "amount")).data(Qt.ItemDataRole.UserRole) == pytest.approx(2 * 1.25)
    assert model.headerData(col(model, "amount"), Qt.Orientation.Horizontal) == "Amount"
    model.close()


def test_sort_is_server_side_and_total(qtbot, shop):
    model = LinesModel(block_size=64)
    model.set_shop(shop)
    with qtbot.waitSignal(model.count_changed, timeout=5000):
        model.sort(col(model, "amount"), Qt.SortOrder.DescendingOrder)
    amounts = [model.index(r, col(model, "amount")).data(Qt.ItemDataRole.UserRole) for r in range(N)]
    assert amounts == sorted(amounts, reverse=True)
    assert amounts[0] == pytest.approx(7 * 4.0)      # qty 7 × price 4.0 is the largest line
    # ties are broken by line id, so the order is the same on every query
    ids = [model.line_id(r) for r in range(N)]
    assert len(set(ids)) == N
    model.sort(col(model, "ordered_at"), Qt.SortOrder.DescendingOrder)
    assert model.line_id(0) == N
    assert model.sort_key() == ("ordered_at", True)
    model.sort(col(model, "product_name"), Qt.SortOrder.AscendingOrder)
    names = [model.index(r, col(model, "product_name")).data() for r in range(N)]
    assert names == sorted(names)
    model.close()


def test_filters_text_dates_flags(qtbot, shop):
    model = LinesModel()
    model.set_shop(shop)
    seen = []
    model.count_changed.connect(seen.append)
    model.set_filter(LineFilter(text="heart"))              # case-insensitive, product name
    assert model.rowCount() == N // 50 and seen[-1] == N // 50
    assert {model.index(r, col(model, "product_name")).data() for r in range(model.rowCount())} == {"HEART MUG"}
    model.set_filter(LineFilter(flag="cancellations"))
    assert model.rowCount() == N // 100
    model.set_filter(LineFilter(flag="non_merchandise"))
    assert model.rowCount() == N // 250
    model.set_filter(LineFilter(flag="merchandise"))
    assert model.rowCount() == N - N // 250
    # one hour per line from 2011-01-01 09:00: 2011-01-02 holds lines 15..38
    model.set_filter(LineFilter(date_from="2011-01-02", date_to="2011-01-02"))
    assert [model.line_id(r) for r in range(model.rowCount())] == list(range(16, 40))
    model.set_filter(LineFilter(text="C100033"))           # order number of a cancellation
    assert model.rowCount() == 1 and model.index(0, col(model, "order_id")).data() == "C100033"
    model.set_filter(LineFilter(text="12005 heart"))        # all words must match
    assert model.rowCount() == sum(1 for i in range(N) if i % 40 == 5 and i % 50 == 3)
    model.set_filter(LineFilter(text="100%_"))             # LIKE wildcards are literal
    assert model.rowCount() == 0
    model.close()


def test_core_helpers_agree(shop):
    conn = connect_readonly(shop)
    flt = LineFilter(text="item", flag="merchandise", date_from="2011-02-01")
    ids = line_ids(conn, flt, "customer_id", descending=True)
    assert len(ids) == count_lines(conn, flt) > 0
    with pytest.raises(ValueError):
        line_ids(conn, LineFilter(flag="nope"))
    conn.close()
