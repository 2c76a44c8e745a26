"""The Data tab's lines table on a big shop, as a user sees it: the paged model on the app's task runner.

For each browse (open the shop, newest first, by amount, a text filter) it times: the first rows
on screen, the count arriving, and a row in the middle after a jump of the scroll bar; a 5 ms
``QTimer`` on the GUI thread records stalls meanwhile (the same timer over an idle window gives the
machine's own noise), and the thread CPU time of the model's GUI-thread entry points (reset, a
block arriving, the count arriving, a cell's data) shows the model's own share of a stall.

    .venv/bin/python benchmarks/lines_gui.py SHOP [--timeout 180]

Prints one JSON object: ``{"idle": {...}, "browses": {name: {...}}, "model_gui_thread_ms": {...}}``.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView  # noqa: E402

from shopinsight.core.lines import LineFilter  # noqa: E402
from shopinsight.gui.lines_model import LinesModel  # noqa: E402
from shopinsight.gui.tasks import TaskRunner  # noqa: E402

_GUI_CPU: dict[str, float] = {}


def _measure_gui_cpu(name: str) -> None:
    orig = getattr(LinesModel, name)

    @functools.wraps(orig)
    def wrapper(self, *a, **k):
        t = time.thread_time()
        try:
            return orig(self, *a, **k)
        finally:
            _GUI_CPU[name] = max(_GUI_CPU.get(name, 0.0), time.thread_time() - t)
    setattr(LinesModel, name, wrapper)


class Stalls:
    def __init__(self, app: QApplication):
        self.app, self.gaps, self.last = app, [], time.perf_counter()
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(5)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self.last)
        self.last = now

    def reset(self) -> None:
        self.gaps, self.last = [], time.perf_counter()

    def summary(self) -> dict:
        g = sorted(self.gaps) or [0.0]
        return {"max_stall_ms": round(g[-1] * 1000, 1), "p99_stall_ms": round(g[int(len(g) * 0.99)] * 1000, 1)}

    def wait(self, cond, timeout: float) -> bool:
        end = time.perf_counter() + timeout
        while not cond() and time.perf_counter() < end:
            self.app.processEvents()
            time.sleep(0.001)
        return bool(cond())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shop")
    ap.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for each step")
    a = ap.parse_args()
    for name in ("reload", "_block_done", "_count_done", "data"):
        _measure_gui_cpu(name)
    app = QApplication([])
    runner = TaskRunner()
    runner.show_error_dialogs = False
    stalls = Stalls(app)
    view = QTableView()                       # set up as the Data tab's table
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(24)
    view.resize(1200, 700)
    view.show()
    stalls.wait(lambda: False, 3.0)
    out: dict = {"idle": stalls.summary(), "browses": {}}
    model = LinesModel(runner=runner)
    view.setModel(model)

    def browse(name: str, act) -> None:
        stalls.reset()
        t0 = time.perf_counter()
        act()
        first = stalls.wait(lambda: model.rowCount() > 0 and model.index(0, 0).data() is not None, a.timeout)
        t_first = time.perf_counter() - t0
        counted = stalls.wait(lambda: model.total() is not None, a.timeout)
        t_count = time.perf_counter() - t0
        mid = model.rowCount() // 2
        t1 = time.perf_counter()
        view.scrollTo(model.index(mid, 0))
        shown = stalls.wait(lambda: model.index(mid, 0).data() is not None, a.timeout)
        out["browses"][name] = {"first_rows_s": round(t_first, 3) if first else None,
                                "count_s": round(t_count, 3) if counted else None,
                                "middle_after_jump_s": round(time.perf_counter() - t1, 3) if shown else None,
                                "rows": model.rowCount(), **stalls.summary()}
        print(f"{name}: {out['browses'][name]}", file=sys.stderr, flush=True)
        stalls.wait(lambda: not runner.is_running(), a.timeout)     # background positions too
        view.scrollToTop()

    col = LinesModel.COLUMNS.index
    browse("open", lambda: model.set_shop(a.shop))
    browse("newest_first", lambda: model.sort(col("ordered_at"), Qt.SortOrder.DescendingOrder))
    browse("by_amount", lambda: model.sort(col("amount"), Qt.SortOrder.DescendingOrder))
    browse("text_heart", lambda: (model.sort(col("line_id")), model.set_filter(LineFilter(text="heart"))))
    out["model_gui_thread_ms"] = {k: round(v * 1000, 1) for k, v in _GUI_CPU.items()}
    model.close()
    runner.shutdown(wait=True, timeout=30)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
