"""An analysis tab's long job runs in a child process (core/jobs.py through gui/tasks.py ``in_child``),
so the window never waits for the interpreter lock while a model trains — with the job contract:
progress reaches the tab, Cancel leaves the shop byte-identical, an InputError from the child is
worded in the tab, a bug in the child opens the bug dialog with the child's traceback, and no child
is left running (the autouse fixture of tests/conftest.py)."""
from __future__ import annotations

import pytest
from test_forecast_tab import _check, _rows


@pytest.fixture
def tab(open_tab, qtbot):
    """The Forecast tab on a small shop, with a child process started ahead as the window does
    once shown (gui/warm.py), done importing (a job is never handed to a child still importing);
    without one, a small shop's jobs run on the thread (see below)."""
    from shopinsight.gui.tabs.forecast import ForecastTab

    tab = open_tab(ForecastTab, _rows(), ready=lambda t: t.is_ready() and t.product_list.count() > 0,
                   timeout=20_000)
    tab.ctx.runner.child_pool.prepare()
    qtbot.waitUntil(lambda: tab.ctx.runner.child_pool.warmed, timeout=90_000)
    return tab


@pytest.fixture
def children(monkeypatch):
    """The functions run through ``run_in_process`` (by the task's worker thread) and the ids of
    the threads that ran them; the real call runs."""
    import threading

    from shopinsight.core import process

    calls, real = [], process.run_in_process

    def spy(fn, *args, **kwargs):
        calls.append((fn.__name__, args, threading.get_ident()))
        return real(fn, *args, **kwargs)
    monkeypatch.setattr(process, "run_in_process", spy)
    return calls


def _own_errors(tab) -> list:
    """The task errors of this test (instead of the open_tab fixture's list, which fails any error)."""
    errors: list = []
    tab.ctx.runner.error_occurred.disconnect()
    tab.ctx.runner.error_occurred.connect(lambda task, exc, tb: errors.append(tb))
    return errors


def test_training_and_loading_run_in_a_child_with_progress(qtbot, tab, children):
    """Training reports progress and stores its run from the child; reopening the shop loads the
    tab's setup and the stored run as one core job in the child too."""
    import threading

    from shopinsight.core.store import Shop

    progress = []
    tab.ctx.runner.task_progress.connect(lambda task: progress.append(task.fraction))
    _check(tab, {"seasonal_naive", "linear"})
    tab.windows_spin.setValue(1)
    tab.train()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled(), timeout=90_000)
    assert [c[1][1].name for c in children] == ["forecast"]
    assert children[0][2] != threading.get_ident()          # waited for on the worker, not the GUI thread
    assert progress and tab.result is not None and tab.result.run_id is not None
    trained = tab.result.run_id
    with Shop(tab.ctx.shop_path, readonly=True) as shop:
        assert list(shop.list_runs("forecast")["run_id"]) == [trained]
    assert tab.progress.isHidden() and not tab.cancel_button.isEnabled()
    # a short load uses a waiting child once it has imported its modules (else the thread)
    qtbot.waitUntil(lambda: tab.ctx.runner.child_pool.warmed, timeout=90_000)
    tab.ctx.set_shop(tab.ctx.shop_path)
    qtbot.waitUntil(lambda: tab.is_ready() and tab.result is not None, timeout=90_000)
    assert tab.result.run_id == trained and tab.product_list.count() > 0
    assert [c[1][1].name for c in children] == ["forecast", "load"]
    assert children[1][1][1].args == ("shopinsight.core.jobs:forecast_setup", "shopinsight.core.forecast:load_forecast",
                                      None)


def test_without_a_child_waiting_a_small_shops_job_runs_on_the_thread(qtbot, open_tab, children):
    from shopinsight.gui.tabs.forecast import ForecastTab

    tab = open_tab(ForecastTab, _rows(), ready=lambda t: t.is_ready() and t.product_list.count() > 0)
    _check(tab, {"seasonal_naive"})
    tab.windows_spin.setValue(0)
    tab.train()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled() and tab.result is not None, timeout=60_000)
    assert children == [] and tab.ctx.runner.child_pool.ready_pid is None


def test_cancel_in_the_child_leaves_the_shop_byte_identical(qtbot, tab, children):
    path = tab.ctx.shop_path
    before = path.read_bytes()
    _check(tab, {"gbm", "linear"})
    tab.windows_spin.setValue(4)
    started = []
    tab.ctx.runner.task_progress.connect(lambda task: started.append(task.kind))
    tab.train()
    qtbot.waitUntil(lambda: bool(started), timeout=60_000)     # the child is working
    tab.cancel()
    qtbot.waitUntil(lambda: not tab.ctx.runner.is_running(), timeout=60_000)
    assert children and tab.status.text() == "Cancelled; nothing was stored."
    assert path.read_bytes() == before and tab.train_button.isEnabled()


def test_an_input_error_in_the_child_is_worded_in_the_tab(qtbot, tab, children):
    from shopinsight.core.forecast import ForecastOptions, SeriesSpec
    from shopinsight.core.jobs import Job

    errors = _own_errors(tab)
    tab.start_job(Job("forecast", SeriesSpec(), ForecastOptions(horizon=0)), title="Training forecast models")
    qtbot.waitUntil(lambda: tab.train_button.isEnabled() and tab.is_ready(), timeout=60_000)
    assert children and tab.status.text().startswith("There is a problem with your data or choice:")
    assert "horizon must be at least 1 period" in tab.problem and "'0'" in tab.problem
    assert tab.ctx.runner.last_error_dialog is None and len(errors) == 1


def test_a_bug_in_the_child_goes_to_the_bug_dialog_with_the_childs_traceback(qtbot, tab, children):
    from shopinsight.core.jobs import Job

    tab.ctx.runner.show_error_dialogs = True
    errors = _own_errors(tab)
    tab.start_job(Job("forecast", "not a spec", None), title="Training forecast models")
    qtbot.waitUntil(lambda: tab.ctx.runner.last_error_dialog is not None, timeout=60_000)
    dialog = tab.ctx.runner.last_error_dialog
    assert dialog.windowTitle() == "Something went wrong" and "problem with your data" not in tab.status.text()
    assert errors and "(in the worker process)" in errors[0] and "_forecast" in errors[0]
    dialog.close()


def test_on_a_large_shop_a_job_gets_a_child_of_its_own_but_a_short_load_does_not(qtbot, open_tab, children,
                                                                                  monkeypatch):
    """No child waiting (it is busy, or the window has not shown yet): training spawns one; reading
    the form's setup and a stored run (a short load) stays on the thread rather than waiting for a
    new interpreter."""
    from shopinsight.core import jobs
    from shopinsight.gui.tabs.forecast import ForecastTab

    monkeypatch.setattr(jobs, "PROCESS_JOB_BYTES", 0)          # every shop counts as large
    tab = open_tab(ForecastTab, _rows(), ready=lambda t: t.is_ready() and t.product_list.count() > 0)
    assert children == [] and not ForecastTab.long_load
    _check(tab, {"seasonal_naive"})
    tab.windows_spin.setValue(0)
    tab.train()
    qtbot.waitUntil(lambda: tab.train_button.isEnabled() and tab.result is not None, timeout=90_000)
    assert [c[1][1].name for c in children] == ["forecast"]
