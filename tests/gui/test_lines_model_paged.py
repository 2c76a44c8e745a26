"""The Data tab's lines model reads pages, never every matching id (issue 16): rows show before
the count, blocks arrive from a worker as the view scrolls, a data change refreshes."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

import shopinsight.core.lines as core_lines
from shopinsight.core.lines import LineFilter, line_ids
from shopinsight.core.store import connect_readonly
from shopinsight.gui.lines_model import LinesModel
from shopinsight.gui.tasks import TaskRunner
from tests.conftest import make_lines_shop

N = 700


def _rows(n, first=0):
    start = dt.datetime(2023, 1, 1, 9, 0)
    return [dict(order_id=f"{5000 + i // 2}", ordered_at=(start + dt.timedelta(hours=3 * i)).strftime("%Y-%m-%d %H:%M:%S"),
                 customer_id=None if i % 6 == 0 else f"C{i % 11}", product_id=f"P{i % 9}",
                 product_name="Heart mug" if i % 10 == 0 else f"Item {i % 9}",
                 quantity=1 + i % 3, unit_price=[2.0, 1.0, 0.5][i % 3], country="France")
            for i in range(first, first + n)]


@pytest.fixture
def runner(qtbot):
    r = TaskRunner()
    r.show_error_dialogs = False
    yield r
    r.shutdown(wait=True, timeout=10)


@pytest.fixture
def no_full_read(monkeypatch):
    """The old model read every matching id first: fail if anything still does."""
    def refuse(*a, **k):
        raise AssertionError("the lines model read every matching line id")
    monkeypatch.setattr(core_lines, "line_ids", refuse)


def _shown_ids(qtbot, model, rows):
    """The line ids of ``rows`` as a view scrolling there would get them (blocks from the worker)."""
    out = []
    for r in rows:
        if model.line_id(r) is None:
            qtbot.waitUntil(lambda r=r: model.line_id(r) is not None, timeout=10_000)
        out.append(model.line_id(r))
    return out


def test_rows_show_before_the_count_and_blocks_come_from_the_worker(qtbot, tmp_path, runner, no_full_read):
    path = make_lines_shop(tmp_path / "s.shop", _rows(N))
    model = LinesModel(runner=runner, block_size=64, max_blocks=3)
    bounds, counts = [], []
    model.counting.connect(bounds.append)
    model.count_changed.connect(counts.append)
    model.set_shop(path)
    assert model.is_loading() and model.rowCount() == 0 and model.total() is None
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10_000)
    assert counts == [N] and model.rowCount() == N and model.total() == N
    assert all(b <= N for b in bounds)             # a lower bound, never a false total
    # a row far down is not read yet: blank now, filled when its block arrives (dataChanged)
    assert model.index(N - 1, 0).data() is None
    with qtbot.waitSignal(model.dataChanged, timeout=10_000):
        pass
    assert model.index(N - 1, 0).data() == str(N)
    assert _shown_ids(qtbot, model, range(0, N, 5)) == list(range(1, N + 1, 5))
    assert model.cached_rows() <= 3 * 64
    model.close()


def test_sorted_filtered_pages_equal_the_full_read_across_blocks(qtbot, tmp_path, runner):
    path = make_lines_shop(tmp_path / "s.shop", _rows(N))
    conn = connect_readonly(path)
    model = LinesModel(runner=runner, block_size=50, max_blocks=4)
    model.set_shop(path)
    col = model.COLUMNS.index
    for flt, sort, desc in [(LineFilter(), "amount", True), (LineFilter(text="mug"), "customer_id", False),
                            (LineFilter(date_from="2023-02-01"), "ordered_at", True),
                            (LineFilter(), "product_name", False)]:
        with qtbot.waitSignal(model.count_changed, timeout=10_000):
            model.set_filter(flt)
            model.sort(col(sort), Qt.SortOrder.DescendingOrder if desc else Qt.SortOrder.AscendingOrder)
        qtbot.waitUntil(lambda: not model.is_loading(), timeout=10_000)
        want = line_ids(conn, flt, sort, desc).tolist()
        assert model.rowCount() == len(want)
        # every row around each block boundary, then a jump back to the top
        rows = sorted({r for b in range(0, len(want), 50) for r in (b - 1, b) if 0 <= r < len(want)})
        assert _shown_ids(qtbot, model, rows) == [want[r] for r in rows], (flt, sort, desc)
        assert _shown_ids(qtbot, model, [0, 1]) == want[:2]
    conn.close()
    model.close()


def test_a_data_change_refreshes_the_rows_and_the_count(qtbot, tmp_path, runner):
    path = make_lines_shop(tmp_path / "s.shop", _rows(100))
    model = LinesModel(runner=runner, block_size=32)
    model.set_shop(path)
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10_000)
    assert model.rowCount() == 100 and _shown_ids(qtbot, model, [99]) == [100]
    make_lines_shop(path, _rows(30, first=100))      # a second import into the same shop
    with qtbot.waitSignal(model.count_changed, timeout=10_000) as sig:
        model.reload()                               # the Data tab calls it on data_changed
    assert sig.args == [130] and model.rowCount() == 130
    assert _shown_ids(qtbot, model, [99, 100, 129]) == [100, 101, 130]
    model.close()


def test_a_newer_browse_drops_the_older_reads(qtbot, tmp_path, runner):
    path = make_lines_shop(tmp_path / "s.shop", _rows(N))
    model = LinesModel(runner=runner, block_size=64)
    counts = []
    model.count_changed.connect(counts.append)
    model.set_shop(path)
    model.set_filter(LineFilter(text="heart"))
    model.sort(model.COLUMNS.index("amount"), Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not model.is_loading() and not runner.is_running(), timeout=10_000)
    assert counts == [N // 10] and model.rowCount() == N // 10
    qtbot.waitUntil(lambda: all(model.line_id(r) is not None for r in range(model.rowCount())), timeout=10_000)
    names = {model.index(r, model.COLUMNS.index("product_name")).data() for r in range(model.rowCount())}
    assert names == {"Heart mug"}
    model.close()


def test_a_text_filter_counts_a_bound_first_and_anchors_come_in_the_background(qtbot, tmp_path, runner):
    path = make_lines_shop(tmp_path / "s.shop", _rows(N))
    model = LinesModel(runner=runner, block_size=16)
    model.COUNT_CAP, model.ANCHOR_ABOVE = 5, 10
    bounds, counts = [], []
    model.counting.connect(bounds.append)
    model.count_changed.connect(counts.append)
    model.set_shop(path)
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10_000)
    model.set_filter(LineFilter(text="heart"))
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10_000)
    assert counts == [N, N // 10] and bounds and max(bounds) <= N
    assert 5 in bounds or 16 in bounds               # "at least …" before the exact count
    # the unfiltered date order: its anchors (where each day begins) are read in the background
    model.set_filter(LineFilter())
    model.sort(model.COLUMNS.index("ordered_at"), Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not model.is_loading() and not runner.is_running(), timeout=10_000)
    days = len({r["ordered_at"][:10] for r in _rows(N)})
    assert len(model._pager.anchor_rows()) >= days > 20      # a day start each (and the blocks read)
    assert _shown_ids(qtbot, model, [N // 2]) == [N - N // 2]
    model.close()


def test_a_view_repainting_while_the_window_closes_reads_nothing(qtbot, tmp_path):
    path = make_lines_shop(tmp_path / "s.shop", _rows(100))
    runner = TaskRunner()
    model = LinesModel(runner=runner, block_size=16)
    model.set_shop(path)
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10_000)
    runner.shutdown(wait=True, timeout=10)
    assert model.index(90, 0).data() is None        # no read started on a shut-down runner
    model.reload()                                   # counts synchronously rather than failing
    assert model.rowCount() == 100
    model.close()


def _hold_the_count(monkeypatch):
    """Make every count wait until the returned event is set (the first block is not held)."""
    import threading
    from shopinsight.core.lines import LinesReader
    gate, real = threading.Event(), LinesReader.count

    def held(self, *a, **k):
        gate.wait(10)
        return real(self, *a, **k)
    monkeypatch.setattr(LinesReader, "count", held)
    return gate


def test_the_first_rows_show_while_the_count_still_runs(qtbot, tmp_path, runner, monkeypatch):
    path = make_lines_shop(tmp_path / "s.shop", _rows(N))
    gate = _hold_the_count(monkeypatch)
    model = LinesModel(runner=runner, block_size=64)
    bounds = []
    model.counting.connect(bounds.append)
    model.set_shop(path)
    qtbot.waitUntil(lambda: model.rowCount() == 64, timeout=10_000)
    assert model.total() is None and model.is_loading() and bounds == [64]     # "at least 64"
    assert model.index(0, 0).data() == "1" and model.index(63, 0).data() == "64"
    gate.set()
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10_000)
    assert model.total() == model.rowCount() == N
    model.close()


def test_the_data_tab_says_at_least_while_counting(qtbot, empty_shop_ctx, monkeypatch):
    from shopinsight.gui.tabs.data import DataTab
    make_lines_shop(empty_shop_ctx.shop_path, _rows(300))
    gate = _hold_the_count(monkeypatch)
    tab = DataTab(empty_shop_ctx)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.lines_model.rowCount() == 256, timeout=20_000)
    assert tab.count_label.text() == "At least 256 lines match · counting…"
    assert not tab.is_ready()
    gate.set()
    qtbot.waitUntil(tab.is_ready, timeout=20_000)
    assert tab.count_label.text() == "300 lines" and tab.lines_model.rowCount() == 300
