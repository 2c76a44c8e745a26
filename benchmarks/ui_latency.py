"""UI latency while importing and while every analysis tab works: does the window stay responsive?

Imports the whole shared UCI file (541,909 lines) into a fresh shop through the app's
:class:`~shopinsight.gui.tasks.TaskRunner` — exactly as the import wizard does — while a 10 ms
``QTimer`` on the GUI thread records when it actually fires.  A *stall* is how much later than
due a tick arrived (a frozen event loop shows up as one long stall).  Progress reaches the GUI
through the runner's rate-limited queued signals, and a progress bar is updated on every one,
so the cost of delivering progress is part of the measurement.

Prints one JSON object: max / p99 / p95 / median stall in ms, ticks, import seconds, lines, and
the same timer's stalls over a short idle baseline (nothing running), which shows how much of
the figure is the machine's own scheduling noise.  ``--why`` names where the worker thread was
at each stall over 50 ms.  Target: max stall ≤ 50 ms.

Then (unless ``--no-tabs``) the same timer measures every analysis tab's actions on the imported
shop, as a user clicks them: opening the shop (every tab reloads its last run), the Overview's
period and frequency, training a forecast, customers and recommendations, a recommendation
customer and product view, the anomaly run and an item's context, a customer's history, and
showing a stored run (``show_run``).  ``tabs`` gives each action's max and p99 stall, seconds, and
the CPU seconds the GUI process (all its threads) used meanwhile — the work that competed with the
GUI thread for the interpreter lock (a job run in a child process is not counted there).
``--shop SHOP`` skips the import and uses (a copy of) an existing shop.

    .venv/bin/python benchmarks/ui_latency.py [--file PATH] [--keep SHOP] [--why] [--shop SHOP] [--no-tabs]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEFAULT_FILE = REPO.parent / "shared" / "data" / "online_retail.csv.gz"

TICK_MS = 10


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=DEFAULT_FILE, help="file to import (default: the UCI file)")
    ap.add_argument("--keep", type=Path, default=None, help="write the shop here instead of a temp dir")
    ap.add_argument("--baseline", type=float, default=10.0, metavar="SECONDS",
                    help="first measure the same timer with nothing running, to show the machine's own noise "
                         "(0 to skip; default 10)")
    ap.add_argument("--mode", choices=["auto", "thread", "process"], default="auto",
                    help="run the import on a worker thread or in a child process; auto = as the import "
                         "wizard does (a child process for files over 2 MB)")
    ap.add_argument("--why", action="store_true",
                    help="import: for each stall over 50 ms, where the worker thread was (it held the GIL); tabs: "
                         "where the GUI thread was during each action's stalls (a sampling watchdog)")
    ap.add_argument("--shop", type=Path, default=None,
                    help="measure the tabs on (a copy of) this shop instead of importing --file first")
    ap.add_argument("--no-tabs", action="store_true", help="measure the import only")
    args = ap.parse_args(argv)
    if not args.file.exists():
        alt = REPO / "resources" / "sample" / "online_retail.csv.gz"
        args.file = alt if alt.exists() else args.file

    import numpy as np
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QProgressBar

    app = QApplication.instance() or QApplication([])
    app.setApplicationName("ui_latency")
    from shopinsight.core.process import PROCESS_IMPORT_BYTES, import_into, run_in_process, total_size
    from shopinsight.core.store import Shop
    from shopinsight.gui.tasks import TaskRunner

    tmp = tempfile.TemporaryDirectory(prefix="ui_latency_")
    if args.shop is not None:              # the tabs only, on a copy of an existing shop
        import shutil
        shop_path = Path(tmp.name) / "bench.shop"
        shutil.copy(args.shop, shop_path)
        out = {"benchmark": "ui_latency", "shop": args.shop.name, "tick_ms": TICK_MS, "target_max_stall_ms": 50,
               "cpu_count": os.cpu_count()}
        out.update(tab_actions(shop_path, tmp.name, args.why))
        print(json.dumps(out))
        tmp.cleanup()
        return 0 if out.get("tabs_max_stall_ms") is not None else 1
    shop_path = args.keep or Path(tmp.name) / "bench.shop"
    if shop_path.exists():
        shop_path.unlink()
    Shop(shop_path).close()

    runner = TaskRunner()
    runner.show_error_dialogs = False
    bar = QProgressBar()
    bar.setRange(0, 1000)
    bar.resize(400, 24)
    bar.show()
    loop = QEventLoop()
    outcome: dict = {}
    progress_events = [0]

    worker = [None]

    use_process = args.mode == "process" or (args.mode == "auto" and
                                             total_size([args.file]) > PROCESS_IMPORT_BYTES)

    def work(state):       # the same call the import wizard's task makes
        worker[0] = threading.get_ident()
        t0 = time.perf_counter()
        if use_process:
            results = run_in_process(import_into, shop_path, [args.file], None, progress=state.reporter)
        else:
            results = import_into(shop_path, [args.file], None, progress=state.reporter)
        return time.perf_counter() - t0, results

    def on_done(res):
        outcome["seconds"], outcome["results"] = res
        loop.quit()

    def on_error(exc):
        outcome["error"] = f"{type(exc).__name__}: {exc}"
        loop.quit()
        return True

    def on_progress(fraction, _message):
        progress_events[0] += 1
        bar.setValue(int(fraction * 1000))

    ticks: list[float] = []
    culprits: list[dict] = []

    def tick():
        now = time.perf_counter()
        gap = (now - ticks[-1]) * 1000 - TICK_MS if ticks else 0.0
        ticks.append(now)
        if args.why and gap > 50 and worker[0] is not None:
            # the GUI thread just got the GIL back: the worker stands right after what held it
            frame = sys._current_frames().get(worker[0])
            where = [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in traceback.extract_stack(frame)[-3:]] \
                if frame is not None else []
            culprits.append({"at_s": round(now - t_start, 2), "stall_ms": round(gap, 1), "worker_at": where})

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)

    # warm-up so the first tick is not measured against app start-up
    QTimer.singleShot(200, loop.quit)
    loop.exec()
    baseline = None
    if args.baseline > 0:   # the same timer with nothing running: the scheduler's own noise
        timer.start()
        ticks.append(time.perf_counter())
        QTimer.singleShot(int(args.baseline * 1000), loop.quit)
        loop.exec()
        timer.stop()
        baseline = np.clip(np.diff(np.asarray(ticks)) * 1000.0 - TICK_MS, 0.0, None)
        ticks.clear()
    timer.start()
    t_start = time.perf_counter()
    ticks.append(t_start)
    runner.start("import", work, on_done=on_done, on_error=on_error, on_progress=on_progress,
                 title="benchmark import")
    loop.exec()
    wall = time.perf_counter() - t_start
    timer.stop()
    runner.shutdown(wait=True)

    gaps_ms = np.diff(np.asarray(ticks)) * 1000.0
    stalls = np.clip(gaps_ms - TICK_MS, 0.0, None)
    out = {
        "benchmark": "ui_latency",
        "file": args.file.name,
        "mode": "process" if use_process else "thread",
        "tick_ms": TICK_MS,
        "ticks": int(len(gaps_ms)),
        "max_stall_ms": round(float(stalls.max()), 1) if len(stalls) else None,
        "p99_stall_ms": round(float(np.percentile(stalls, 99)), 1) if len(stalls) else None,
        "p95_stall_ms": round(float(np.percentile(stalls, 95)), 1) if len(stalls) else None,
        "median_stall_ms": round(float(np.median(stalls)), 1) if len(stalls) else None,
        "stalls_over_50ms": int((stalls > 50).sum()),
        "progress_signals": progress_events[0],
        "import_seconds": round(outcome.get("seconds", float("nan")), 2),
        "wall_seconds": round(wall, 2),
        "target_max_stall_ms": 50,
        "idle_baseline": None if baseline is None or not len(baseline) else {
            "seconds": args.baseline, "max_stall_ms": round(float(baseline.max()), 1),
            "p99_stall_ms": round(float(np.percentile(baseline, 99)), 1),
            "stalls_over_50ms": int((baseline > 50).sum())},
        "cpu_count": os.cpu_count(),
        "note": "timings are noisy when other processes share the CPU",
    }
    if "results" in outcome:
        out["lines_imported"] = sum(r["imported"] for r in outcome["results"])
        out["rows_read"] = sum(r["rows_read"] for r in outcome["results"])
    if args.why:
        out["stalls"] = culprits
    if "error" in outcome:
        out["error"] = outcome["error"]
    elif not args.no_tabs:
        out.update(tab_actions(shop_path, tmp.name, args.why))
    print(json.dumps(out))
    tmp.cleanup()
    return 0 if "error" not in outcome else 1


class StallSampler:
    """Where the GUI thread is while its event loop stalls: a watchdog thread samples the GUI
    thread's stack (``sys._current_frames``) every ``every`` seconds while the last timer tick is
    over ``late`` seconds old, and counts the samples per innermost frame of our code (and per
    innermost frame overall).  ``top(n)`` → the places that held the GUI thread longest."""

    def __init__(self, ticks: list, late: float = 0.06, every: float = 0.005):
        from collections import Counter

        self.ticks, self.late, self.every = ticks, late, every
        self.main = threading.main_thread().ident
        self.ours: Counter = Counter()
        self.leaf: Counter = Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stall-sampler", daemon=True)

    def start(self) -> "StallSampler":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def reset(self) -> None:
        self.ours.clear()
        self.leaf.clear()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            if not self.ticks or time.perf_counter() - self.ticks[-1] < self.late:
                continue
            frame = sys._current_frames().get(self.main)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame)
            if not stack:
                continue
            leaf = stack[-1]
            self.leaf[f"{Path(leaf.filename).name}:{leaf.lineno} {leaf.name}"] += 1
            mine = [f for f in stack if "shopinsight" in f.filename and "benchmarks" not in f.filename]
            if mine:
                f = mine[-1]
                self.ours[f"{Path(f.filename).name}:{f.lineno} {f.name}"] += 1

    def top(self, n: int = 4) -> dict:
        ms = lambda c: {k: round(v * self.every * 1000) for k, v in c.most_common(n)}   # noqa: E731
        return {"our_code_ms": ms(self.ours), "innermost_ms": ms(self.leaf)}


def tab_actions(shop_path: Path, folder: str, why: bool = False) -> dict:
    """Every analysis tab on ``shop_path``, in a tab widget as in the main window (the Overview
    shown), each action as a user triggers it, with a 10 ms timer on the GUI thread: per action the
    max stall (ms) and its seconds until the tab shows the result.  Opening the shop waits for the
    shown tab; each other tab is then shown ("show <tab>": what it loads on first show).  With
    ``why``, each action also names where the GUI thread was during its stalls (``StallSampler``)."""
    import numpy as np
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QTabWidget

    os.environ.setdefault("SHOPINSIGHT_SETTINGS", str(Path(folder) / "settings.ini"))
    from shopinsight.gui import settings as settings_mod
    from shopinsight.gui.context import AppContext

    app = QApplication.instance()
    settings_mod.set_current(settings_mod.make_settings())
    ctx = AppContext(settings=settings_mod.current())
    ctx.headless = True
    ctx.runner.show_error_dialogs = False
    errors: list = []
    ctx.runner.error_occurred.connect(lambda task, exc, tb: errors.append(f"{task.kind}: {exc}"))
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    sampler = StallSampler(ticks).start() if why else None
    tabs: dict = {}
    book = QTabWidget()

    def build() -> None:
        try:                                      # as the main window does once it is shown
            from shopinsight.gui.warm import warm_up
        except ImportError:                       # (an older tree: nothing warmed)
            warm_up = None
        if warm_up is not None:
            warm_up(ctx.runner)
        from shopinsight.gui.tabs.anomalies import AnomaliesTab
        from shopinsight.gui.tabs.customers import CustomersTab
        from shopinsight.gui.tabs.forecast import ForecastTab
        from shopinsight.gui.tabs.overview import OverviewTab
        from shopinsight.gui.tabs.recommendations import RecommendationsTab
        tabs.update(overview=OverviewTab(ctx), forecast=ForecastTab(ctx), customers=CustomersTab(ctx),
                    recommendations=RecommendationsTab(ctx), anomalies=AnomaliesTab(ctx))
        for name, t in tabs.items():
            book.addTab(t, name)
        book.resize(1280, 800)
        book.show()

    def settle(pred, limit: float = 900.0) -> None:
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if not ctx.runner.is_busy() and pred():
                break
            time.sleep(0.001)
        end = time.perf_counter() + 0.3          # the result's drawing after the last callback
        while time.perf_counter() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    results: dict = {}

    def measure(name: str, action, pred=lambda: True) -> None:
        ticks.clear()
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        ticks.append(t0)
        if sampler is not None:
            sampler.reset()
        action()                                 # what the click does on the GUI thread counts too
        settle(pred)
        stalls = np.clip(np.diff(np.asarray(ticks)) * 1000.0 - TICK_MS, 0.0, None)
        results[name] = {"max_stall_ms": round(float(stalls.max()), 1) if len(stalls) else None,
                         "p99_stall_ms": round(float(np.percentile(stalls, 99)), 1) if len(stalls) else None,
                         "seconds": round(time.perf_counter() - t0 - 0.3, 2),
                         # CPU of this (the GUI) process, all its threads: what competes with the GUI
                         # thread for the interpreter lock; a job run in a child process is not in it
                         "gui_process_cpu_s": round(time.process_time() - cpu0, 2)}
        if sampler is not None:
            results[name]["why"] = sampler.top()

    timer.start()
    measure("build the tabs", build)
    ov, fc, cu, rc, an = (tabs[k] for k in ("overview", "forecast", "customers", "recommendations", "anomalies"))
    measure("open shop (Overview shown)", lambda: ctx.set_shop(shop_path), ov.is_ready)
    for name in ("forecast", "customers", "recommendations", "anomalies"):
        measure(f"show {name}", lambda name=name: book.setCurrentWidget(tabs[name]), tabs[name].is_ready)
    book.setCurrentWidget(ov)
    measure("overview: period all", lambda: ov.set_period("all"), ov.is_ready)
    measure("overview: daily sales", lambda: ov.set_freq("D"), ov.is_ready)

    def forecast():
        fc.freq_combo.setCurrentIndex(fc.freq_combo.findData("W"))
        fc.train()
    measure("forecast: train", lambda: (book.setCurrentWidget(fc), forecast()), fc.is_ready)
    book.setCurrentWidget(cu)
    measure("customers: train", cu.train, cu.is_ready)
    measure("customers: a customer's history", lambda: cu.table.selectRow(0), cu.is_ready)
    book.setCurrentWidget(rc)
    measure("recommendations: train", rc.train, rc.is_ready)
    if rc.model is not None:
        measure("recommendations: a customer", lambda: rc.show_customer(str(rc.model.interactions_.customer_ids[1])),
                rc.is_ready)
        measure("recommendations: a product", lambda: rc.show_product(str(rc.model.interactions_.product_ids[1])),
                rc.is_ready)
    book.setCurrentWidget(an)
    measure("anomalies: run", an.run, an.is_ready)
    measure("anomalies: an item's context", lambda: an.table.selectRow(1), an.is_ready)
    first = an.result.run_id if an.result is not None else None
    if first is not None:
        measure("anomalies: show a stored run", lambda: an.show_run(first), an.is_ready)
    book.setCurrentWidget(ov)
    measure("reopen shop (Overview shown)", lambda: ctx.set_shop(shop_path), ov.is_ready)
    measure("show recommendations after reopening", lambda: book.setCurrentWidget(rc), rc.is_ready)
    timer.stop()
    if sampler is not None:
        sampler.stop()
    ctx.runner.shutdown(wait=True)
    book.close()
    worst = max((r["max_stall_ms"] for r in results.values() if r["max_stall_ms"] is not None), default=None)
    out = {"tabs": results, "tabs_max_stall_ms": worst,
           "tabs_over_50ms": sorted(k for k, r in results.items() if (r["max_stall_ms"] or 0) > 50),
           "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None}
    if errors:
        out["tab_errors"] = errors
    return out


if __name__ == "__main__":
    sys.exit(main())
