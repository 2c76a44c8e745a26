"""The task runner: progress on the GUI thread, cancel, same-kind restart, errors, shutdown."""
from __future__ import annotations

import logging
import threading
import time

import pytest
from PySide6.QtWidgets import QApplication

from shopinsight.core.errors import InputError
from shopinsight.core.tasks import Cancelled
from shopinsight.gui.dialogs import ErrorDialog
from shopinsight.gui.logs import log_path, setup_logging
from shopinsight.gui.tasks import TaskRunner


@pytest.fixture
def runner(qtbot):
    r = TaskRunner()
    yield r
    r.shutdown(wait=True)
    for w in QApplication.topLevelWidgets():
        if isinstance(w, ErrorDialog):
            w.close()


def _steps(n: int, delay: float = 0.005):
    def work(state):
        for i in range(n):
            state.reporter(i / n, f"step {i}")
            time.sleep(delay)
        state.set_partial_result("half")
        return {"n": n, "thread": threading.current_thread().name}
    return work


def test_result_progress_and_partial_arrive_on_the_gui_thread(qtbot, runner):
    main = threading.current_thread()
    got = {"progress": [], "partial": [], "threads": set()}

    def on_progress(f, msg):
        got["progress"].append((f, msg))
        got["threads"].add(threading.current_thread())

    def on_partial(obj):
        got["partial"].append(obj)

    with qtbot.waitSignal(runner.task_finished, timeout=10_000) as sig:
        task = runner.start("k", _steps(20, 0.01), on_done=lambda r: got.setdefault("result", r),
                            on_progress=on_progress, on_partial=on_partial, title="Counting")
    assert sig.args[0] is task and task.status == "done"
    assert got["result"]["n"] == 20
    assert got["result"]["thread"] != main.name            # fn ran on a worker
    assert got["threads"] == {main}                        # callbacks ran on the GUI thread
    assert got["partial"] == ["half"]
    fr = [f for f, _ in got["progress"]]
    assert fr == sorted(fr) and len(fr) >= 2 and fr[0] == 0.0
    assert not runner.is_busy()


def test_cancel_stops_the_worker_and_drops_the_result(qtbot, runner):
    seen = {"done": False, "cancelled": False, "stopped_at": None}
    started = threading.Event()

    def work(state):
        for i in range(1000):
            started.set()
            try:
                state.reporter(i / 1000, "working")
            except Cancelled:
                seen["stopped_at"] = i
                raise
            time.sleep(0.005)
        return "finished"

    task = runner.start("long", work, on_done=lambda r: seen.update(done=True),
                        on_cancelled=lambda: seen.update(cancelled=True))
    assert started.wait(5)
    with qtbot.waitSignal(runner.task_finished, timeout=10_000):
        runner.cancel("long")
    assert task.status == "cancelled" and seen["cancelled"] and not seen["done"]
    assert seen["stopped_at"] is not None and seen["stopped_at"] < 999
    assert task.seconds < 4


def test_same_kind_restart_cancels_the_previous_task(qtbot, runner):
    results = []
    gate, running = threading.Event(), threading.Event()

    def slow(state):
        running.set()
        gate.wait(5)                 # ignores cancel until released: its late result must be dropped
        return "old"

    first = runner.start("overview", slow, on_done=results.append)
    assert running.wait(5)
    second = runner.start("overview", lambda state: "new", on_done=results.append)
    assert first.cancelled and not second.cancelled
    assert runner.current("overview") is second
    gate.set()
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
    assert results == ["new"]
    # the first one finished its work (it returned), so it is done, not "cancelled" — but stale
    assert (first.status, first.stale) == ("done", True)
    assert (second.status, second.stale) == ("done", False)


def test_a_task_that_returned_after_cancel_is_done(qtbot, runner):
    """Cancel pressed during the last step of a job that then committed and returned: the job
    reports done and its result is shown (today: "cancelled", result dropped)."""
    seen = {"done": None, "cancelled": False}
    in_last_step, cancel_pressed = threading.Event(), threading.Event()

    def work(state):
        state.reporter(0.5, "working")
        in_last_step.set()
        assert cancel_pressed.wait(5)    # e.g. the commit: does not look at Cancel any more
        return "committed"

    task = runner.start("save", work, on_done=lambda r: seen.update(done=r),
                        on_cancelled=lambda: seen.update(cancelled=True))
    assert in_last_step.wait(5)
    with qtbot.waitSignal(runner.task_finished, timeout=10_000):
        runner.cancel("save")
        cancel_pressed.set()
    assert task.status == "done" and seen == {"done": "committed", "cancelled": False}


def test_an_error_after_the_commit_is_not_reported_as_cancelled(qtbot, runner):
    """Something written, then a failure while Cancel was pending: the user must see the error
    (the shop changed), not "cancelled" (which promises it did not)."""
    seen = {"error": None, "cancelled": False}
    committed, cancel_pressed = threading.Event(), threading.Event()

    def work(state):
        state.reporter.mark_committed()          # what Shop.transaction(reporter) does after COMMIT
        committed.set()
        assert cancel_pressed.wait(5)
        raise RuntimeError("showing the saved run failed")

    task = runner.start("save", work, on_error=lambda exc: seen.update(error=exc) or True,
                        on_cancelled=lambda: seen.update(cancelled=True))
    assert committed.wait(5)
    with qtbot.waitSignal(runner.task_finished, timeout=10_000):
        runner.cancel("save")
        cancel_pressed.set()
    assert task.status == "error" and not seen["cancelled"]


def test_different_kinds_run_side_by_side(qtbot, runner):
    both = threading.Barrier(2, timeout=5)

    def work(state):
        both.wait()                   # deadlocks unless the two kinds run concurrently
        return threading.current_thread().name

    out = []
    runner.start("a", work, on_done=out.append)
    runner.start("b", work, on_done=out.append)
    qtbot.waitUntil(lambda: len(out) == 2, timeout=10_000)
    assert out[0] != out[1]


def test_error_shows_a_dialog_with_copyable_details_and_is_logged(qtbot, runner):
    setup_logging()

    def boom(state):
        raise RuntimeError("disk on fire")

    errors = []
    with qtbot.waitSignal(runner.error_occurred, timeout=10_000):
        runner.start("bad", boom, on_done=lambda r: pytest.fail("no result expected"),
                     on_error=errors.append, title="Burning the disk")
    assert isinstance(errors[0], RuntimeError)
    dlg = runner.last_error_dialog
    assert isinstance(dlg, ErrorDialog) and dlg.isVisible()
    assert "disk on fire" in dlg.details and "Traceback" in dlg.details and "Burning the disk" in dlg.details
    dlg.copy_details()
    assert "disk on fire" in QApplication.clipboard().text()
    assert not dlg.text.isVisible()
    dlg.details_button.click()
    assert dlg.text.isVisible() and "RuntimeError" in dlg.text.toPlainText()
    dlg.close()
    for h in logging.getLogger("shopinsight").handlers:
        h.flush()
    assert "disk on fire" in log_path().read_text(encoding="utf-8")


def test_handled_errors_and_bad_input(qtbot, runner):
    def bad(state):
        raise InputError("no date column", file="orders.csv", column="Date")

    with qtbot.waitSignal(runner.task_finished, timeout=10_000):
        runner.start("x", bad, on_error=lambda e: True)     # handled: no dialog
    assert runner.last_error_dialog is None
    with qtbot.waitSignal(runner.task_finished, timeout=10_000):
        runner.start("x", bad)
    dlg = runner.last_error_dialog
    assert dlg.windowTitle() == "Problem with the input" and "orders.csv" in dlg.details
    dlg.close()


def test_a_damaged_shop_is_a_problem_with_the_input_not_a_bug(qtbot, runner):
    import sqlite3

    def damaged(state):
        raise sqlite3.DatabaseError("database disk image is malformed")

    with qtbot.waitSignal(runner.error_occurred, timeout=10_000) as sig:
        runner.start("x", damaged)
    exc = sig.args[1]
    assert isinstance(exc, InputError) and "shopinsight repair" in str(exc)
    dlg = runner.last_error_dialog
    assert dlg.windowTitle() == "Problem with the input"
    dlg.close()


def test_shutdown_cancels_and_waits(qtbot):
    r = TaskRunner()
    running = threading.Event()
    stopped = threading.Event()

    def work(state):
        running.set()
        while not state.is_interruption_requested():
            time.sleep(0.005)
        stopped.set()
        raise Cancelled()

    r.start("forever", work, on_done=lambda x: None)
    assert running.wait(5)
    r.shutdown(wait=True)
    assert stopped.is_set() and r.is_shut_down and not r.is_busy()
    with pytest.raises(RuntimeError):
        r.start("again", work)


def test_callbacks_of_deleted_widgets_are_skipped(qtbot, runner):
    from PySide6.QtWidgets import QLabel
    label = QLabel()
    label.deleteLater()
    gate = threading.Event()
    runner.start("k", lambda s: gate.wait(5) and "text", on_done=label.setText)
    runner.start("k2", lambda s: gate.wait(5) and "text", on_done=lambda t: label.setText(t))
    QApplication.processEvents()
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gate.set()
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
    # neither the bound method nor the lambda touched the deleted label: no error dialog
    assert runner.last_error_dialog is None
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()]


def test_status_bar_task_area_shows_progress_and_cancels(qtbot, runner):
    from shopinsight.gui.main_window import TaskStatus
    from PySide6.QtWidgets import QStatusBar
    bar = QStatusBar()
    qtbot.addWidget(bar)
    area = TaskStatus(runner)
    bar.addPermanentWidget(area)
    bar.show()
    assert not area.isVisible()                                   # idle: hidden

    def work(state):
        i = 0
        while True:
            state.reporter(min(i / 100, 0.5), "crunching")   # raises Cancelled on Cancel
            time.sleep(0.01)
            i += 1

    task = runner.start("crunch", work, on_done=lambda r: None, title="Crunching numbers")
    qtbot.waitUntil(area.isVisible, timeout=5000)                 # appears after 0.3 s
    qtbot.waitUntil(lambda: area.bar.value() > 0, timeout=5000)
    assert "Crunching numbers" in area.label.text()
    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        area.cancel_button.click()
    assert task.status == "cancelled"
    qtbot.waitUntil(lambda: not area.isVisible(), timeout=5000)
