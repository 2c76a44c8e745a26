"""What keeps the GUI thread free (issue 12: no event-loop stall over 50 ms; issue 15: a responsive
first start): charts build their figures off the GUI thread, a hidden tab loads when first shown,
tables fit their columns on a bounded number of rows, chart toolbars make their icons once, and
the sample shop is imported outside the GUI process."""
from __future__ import annotations

import sys
import threading
import time

import pandas as pd
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTabWidget

from shopinsight.gui.widgets.chart import ChartView
from test_main_window import shell_tabs, window  # noqa: E402,F401  (the Data + Overview window)


def _ticking():
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    return ticks, timer


def test_chart_builds_its_figure_off_the_gui_thread(qtbot):
    """A slow chart builder (0.6 s) runs on the render thread; the event loop keeps turning, the
    view keeps its old content meanwhile, and ``figure()`` gives the new figure once built."""
    from shopinsight.core.charts import empty_figure

    built_on: list = []

    def slow():
        built_on.append(threading.current_thread())
        time.sleep(0.6)
        return empty_figure("built")

    v = ChartView(name="slow-build")
    qtbot.addWidget(v)
    v.resize(500, 300)
    v.show()
    v.set_message("before")
    ticks, timer = _ticking()
    timer.start()
    v.set_figure(slow, pd.DataFrame({"a": [1]}))
    assert v.is_building() and not v.is_drawn() and v._message.text() == "before"
    assert list(v.data()["a"]) == [1]                 # the data is known at once
    qtbot.waitUntil(v.is_drawn, timeout=10_000)
    timer.stop()
    assert built_on and threading.main_thread() not in built_on
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 20 and max(gaps) < 0.4, max(gaps)
    assert v.figure().axes[0].texts[0].get_text() == "built" and list(v.data()["a"]) == [1]


def test_chart_figure_waits_for_a_pending_build(qtbot):
    """Callers (exports, screenshots, tests) asking for the figure right after ``set_figure`` get the
    new one; a message set meanwhile drops the pending build."""
    from shopinsight.core.charts import empty_figure

    v = ChartView(name="wait")
    qtbot.addWidget(v)
    v.set_figure(lambda: empty_figure("first"))
    assert v.figure().axes[0].texts[0].get_text() == "first"
    v.set_figure(lambda: (time.sleep(0.2), empty_figure("dropped"))[1])
    v.set_message("nothing")
    assert v.figure() is None and not v.is_building()
    qtbot.wait(400)                                   # the dropped build's late delivery changes nothing
    assert v.figure() is None and v._message.text() == "nothing"


def test_chart_toolbars_share_their_icons(qtbot):
    """Matplotlib's toolbar renders its SVG icons again on every paint; ours are made once."""
    from shopinsight.core.charts import empty_figure

    views = []
    for _ in range(2):
        v = ChartView(name="icons")
        qtbot.addWidget(v)
        v.set_figure(empty_figure("x"))
        views.append(v)
    keys = [[a.icon().cacheKey() for a in v._nav.actions() if not a.icon().isNull()] for v in views]
    assert keys[0] and keys[0] == keys[1]


def test_hidden_tab_loads_when_first_shown(qtbot, quiet_context, lines_shop):
    """Opening a shop loads the shown tab only; another tab loads its stored run when first shown."""
    from shopinsight.gui.widgets.job_tab import AnalysisTab

    loaded: list[str] = []

    def probe(name: str):
        class Probe(AnalysisTab):
            job_kind = f"probe-{name}"

            @staticmethod
            def load_run(shop, run_id, reporter):
                loaded.append(name)
                return None

            def __init__(self, ctx):
                super().__init__(ctx)
                self.watch_shop()
        return Probe

    ctx, errors = quiet_context()
    book = QTabWidget()
    qtbot.addWidget(book)
    a, b = probe("a")(ctx), probe("b")(ctx)
    book.addTab(a, "a")
    book.addTab(b, "b")
    book.show()
    ctx.set_shop(lines_shop([dict(order_id="O1", ordered_at="2024-01-02 10:00:00", customer_id="C1",
                                  product_id="P1", product_name="Mug", quantity=1, unit_price=2.0,
                                  country="France", is_cancellation=0, is_merchandise=1)]))
    qtbot.waitUntil(lambda: a.is_ready() and loaded == ["a"], timeout=10_000)
    qtbot.wait(100)
    assert loaded == ["a"] and b.is_ready() and ctx.runner.current("probe-b.load") is None
    book.setCurrentWidget(b)
    qtbot.waitUntil(lambda: loaded == ["a", "b"] and b.is_ready(), timeout=10_000)
    ctx.notify_data_changed()                 # the data changed: the shown tab reloads, the hidden waits
    qtbot.waitUntil(lambda: loaded == ["a", "b", "b"] and b.is_ready(), timeout=10_000)
    qtbot.wait(100)
    assert loaded == ["a", "b", "b"]
    ctx.runner.shutdown()
    assert not errors, errors


def test_table_fits_columns_on_a_bounded_number_of_rows(qtbot):
    """Fitting the columns of a 5,000-row table asks the model for a few dozen rows per column,
    not Qt's default thousand (each a Python call that formats a value)."""
    from PySide6.QtCore import Qt

    from shopinsight.gui.widgets.frame_model import DataFrameModel
    from shopinsight.gui.widgets.frame_table import FrameTable

    calls = [0]

    class Counting(DataFrameModel):
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                calls[0] += 1
            return super().data(index, role)

    model = Counting(pd.DataFrame({"a": range(5000), "b": [f"name {i}" for i in range(5000)]}))
    table = FrameTable(model)
    qtbot.addWidget(table)
    table.resize(400, 300)
    calls[0] = 0
    table.fit_columns()
    assert 0 < calls[0] <= 2 * 120, calls[0]


def test_sample_shop_is_imported_outside_the_gui_process(qtbot, stand_in_sample, window):
    """First start: the sample shop is built by a child process (as a large import is), so the GUI
    process's interpreter lock stays free — no thread of this process ever runs the importer."""
    stand_in_sample(3000)
    seen: list[str] = []

    def look() -> None:
        for frame in sys._current_frames().values():
            while frame is not None:
                if frame.f_code.co_name in ("import_files", "_import_one"):     # the import itself
                    seen.append(f"{frame.f_code.co_filename}: {frame.f_code.co_name}")
                    return
                frame = frame.f_back

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(look)
    timer.start()
    window.open_sample_shop()
    qtbot.waitUntil(lambda: window.ctx.shop_path is not None, timeout=120_000)
    timer.stop()
    assert "3,000 lines" in window.shop_label.text()
    assert not seen, seen[:3]
    qtbot.waitUntil(lambda: window.tab("OverviewTab").is_ready(), timeout=30_000)


def test_table_cells_are_formatted_once(qtbot):
    """Qt asks for the visible cells on every repaint: each cell's text is formatted once (until the
    frame or the formats change), not on every request."""
    from PySide6.QtCore import Qt

    from shopinsight.gui.widgets.frame_model import DataFrameModel

    model = DataFrameModel(pd.DataFrame({"amount": [1234.5, 2.25], "name": ["a", "b"]}), formats={"amount": "money"})
    calls = [0]
    real = model._format

    def counting(c, value):
        calls[0] += 1
        return real(c, value)

    model._format = counting
    for _ in range(5):                           # five repaints of both cells
        texts = [model.data(model.index(r, 0), Qt.ItemDataRole.DisplayRole) for r in range(2)]
    assert calls[0] == 2 and texts[0].endswith("1,234.50")
    model.set_frame(pd.DataFrame({"amount": [7.0], "name": ["c"]}))
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole).endswith("7.00") and calls[0] == 3
