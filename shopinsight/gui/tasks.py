"""The app's one task model: core calls on worker threads, results back on the GUI thread.

Follows Orange's ``TaskState`` pattern (``Orange/widgets/utils/concurrent.py``):

* ``runner.start(kind, fn, on_done=...)`` runs ``fn(state)`` on a worker thread.  Each *kind*
  ("overview", "import", "forecast" ...) has its own one-worker executor, so two tasks of one
  kind never run at once, and starting a task of a kind cancels the previous task of that
  kind (its late result is dropped: no stale results when settings change mid-run).
* A task whose ``fn`` returned is *done*, even when Cancel was pressed meanwhile: its work is
  finished (an import or a saved run is committed), so it never reports "cancelled".  Its result
  is delivered unless a newer task of its kind superseded it (then ``task.stale`` is True).
  "Cancelled" means ``fn`` raised ``Cancelled``, which core calls only do before their commit.
* ``state.reporter`` is a core :class:`~shopinsight.core.tasks.Reporter`: pass it to core calls
  as ``progress=state.reporter``; it reports progress and raises ``Cancelled`` when the user
  cancels (cooperative cancellation, nothing is killed).
* Each kind's worker is one daemon thread, started on first use.
* Progress, partial results, results and errors travel by queued signals, so every callback
  runs on the GUI thread; widgets and Matplotlib are never touched from a worker.
* Errors go to the log file (:mod:`.logs`) and, unless the task's ``on_error`` handles them,
  to a readable :class:`~.dialogs.ErrorDialog` with details to copy (bad input is worded as a
  problem with the data, not as a bug).
* ``runner.shutdown()`` (closing the window) cancels everything and waits for the workers
  (the window waits at most a few seconds for a call that ignores Cancel).

Example::

    def work(state):
        with Shop(path) as shop:
            return analytics.sales_over_time(shop, "W", progress=state.reporter)

    ctx.runner.start("overview", work, on_done=self._show, title=self.tr("Loading overview"))
"""
from __future__ import annotations

import logging
import queue
import threading
import time
import traceback
from concurrent.futures import Future
from typing import Any, Callable, Optional

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from ..core.errors import InputError
from ..core.tasks import Cancelled, Reporter
from .dialogs import ErrorDialog

__all__ = ["TaskRunner", "TaskState", "Task", "in_child"]

log = logging.getLogger("shopinsight.gui")

# progress signals are rate-limited: a core loop may report thousands of times a second,
# which would flood the GUI thread's event queue (and stall the UI) for nothing
_PROGRESS_INTERVAL = 0.05


def in_child(shop_path, spec, partial: bool = False, spawn: bool = True) -> Callable[["TaskState"], Any]:
    """A task body (for :meth:`TaskRunner.start`) that runs the core job ``spec``
    (:class:`~shopinsight.core.jobs.Job`) on the shop at ``shop_path`` in a child process
    (:func:`~shopinsight.core.process.run_in_process`).  The worker thread only waits on the child's
    queue, so the GUI thread keeps the interpreter lock.  Progress, Cancel (the child rolls back
    before the task ends) and "committed" follow the task's reporter; errors come back as the
    child raised them (an ``InputError`` keeps its wording); ``partial``: the job's partial results
    reach the task's ``on_partial``.  The child is the runner's :attr:`TaskRunner.child_pool`'s
    (started ahead once the window shows, see :mod:`.warm`).

    When no child waits and the shop is small (under
    :data:`~shopinsight.core.jobs.PROCESS_JOB_BYTES`), the job runs on the worker thread instead:
    it is done before a new interpreter would have started (the tests' small shops, the headless
    modes).  Only a waiting child *done importing* is used (one still importing would read the job
    after all its imports).  ``spawn=False`` (a short job, such as reading a stored run): never a new
    child, else the thread."""
    path = str(shop_path)

    def work(state: "TaskState") -> Any:
        import os

        from ..core import jobs
        on_partial = state.set_partial_result if partial else None
        pool = state.runner.child_pool
        child = pool.take()           # only a child done importing: else a new one or the thread
        if child is None and (not spawn or os.path.getsize(path) < jobs.PROCESS_JOB_BYTES):
            return jobs.run_job(path, spec, progress=state.reporter, partial=on_partial)
        return pool.run(jobs.run_job, path, spec, progress=state.reporter, on_partial=on_partial, child=child)
    return work


# -- the state a worker sees ---------------------------------------------------------------
class TaskState:
    """What ``fn(state)`` gets on the worker thread: progress, partial results, cancel check.

    Thread-safe: its methods are called from the worker, its signals are delivered (queued)
    to the runner on the GUI thread.
    """

    def __init__(self, task: "Task"):
        self._task = task
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self.reporter = Reporter(self.set_progress, self.is_interruption_requested)
        """A core Reporter: pass it as ``progress=`` to core calls (it also checks for cancel)."""

    @property
    def runner(self) -> "TaskRunner":
        """The runner the task runs on."""
        return self._task.runner

    # Orange's names
    def is_interruption_requested(self) -> bool:
        """True once the task was cancelled; long loops should stop (or call ``reporter``)."""
        return self._cancel.is_set()

    def request_interruption(self) -> None:
        """Ask the task to stop (what Cancel does)."""
        self._cancel.set()

    def set_progress(self, fraction: float, message: str = "") -> None:
        """Report progress (0–1) with a short message; rate-limited, safe from any thread."""
        now = time.monotonic()
        if now - self._last_emit < _PROGRESS_INTERVAL and fraction < 1.0:
            return
        self._last_emit = now
        self._task._emit("progress", (float(fraction), str(message or "")))

    def set_partial_result(self, obj: Any) -> None:
        """Hand an intermediate result to the task's ``on_partial`` (on the GUI thread)."""
        self._task._emit("partial", obj)


# -- one running task ----------------------------------------------------------------------
class Task:
    """A started task: its kind, title, state, and future.  Returned by :meth:`TaskRunner.start`."""

    def __init__(self, runner: "TaskRunner", kind: str, fn: Callable[[TaskState], Any], title: str,
                 callbacks: dict[str, Optional[Callable]]):
        self.runner = runner
        self.kind = kind
        self.fn = fn
        self.title = title or kind
        self.callbacks = callbacks
        self.state = TaskState(self)
        self.future: Optional[Future] = None
        self.started_at = time.monotonic()
        self.seconds: Optional[float] = None
        self.status = "running"   # running | done | cancelled | error
        self.stale = False        # done, but superseded by a newer task of its kind: result dropped
        self.quiet = False        # not shown in the status bar (see TaskRunner.start)
        self.fraction = 0.0
        self.message = ""

    @property
    def cancelled(self) -> bool:
        """True once cancel was requested."""
        return self.state.is_interruption_requested()

    def cancel(self) -> None:
        """Request cooperative cancellation; the late result, if any, is dropped."""
        self.state.request_interruption()

    def _emit(self, what: str, payload: Any) -> None:
        # called from the worker thread: the runner's signal is delivered queued to the GUI thread
        bridge = self.runner._bridge
        if bridge is not None:
            bridge.event.emit(self, what, payload)

    def _run(self) -> None:
        """Worker-thread body."""
        if self.cancelled:        # cancelled while queued behind the previous task of its kind
            self._emit("cancelled", None)
            return
        threading.current_thread().name = f"shopinsight-task-{self.kind}"
        try:
            result = self.fn(self.state)
        except Cancelled:
            self._emit("cancelled", None)
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI thread, never lost
            if self.cancelled and not self.state.reporter.committed:   # an error while stopping is just a stop
                self._emit("cancelled", None)
            else:
                self._emit("error", (exc, traceback.format_exc()))
        else:
            # fn returned: the work is finished (and committed, if it wrote), so it is done even
            # if Cancel was pressed during its last step — never "cancelled" after a commit
            self._emit("done", result)


class _Worker:
    """One daemon thread running the tasks of one kind in order (a one-worker executor).

    Daemon, unlike ``ThreadPoolExecutor``'s workers: if a core call ignores Cancel for long,
    closing the window still ends the process after :meth:`TaskRunner.shutdown`'s timeout
    (SQLite rolls back an unfinished write transaction, so nothing half-written remains).
    """

    def __init__(self, kind: str):
        self._queue: "queue.SimpleQueue[Optional[tuple[Task, Future]]]" = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._loop, name=f"shopinsight-{kind}", daemon=True)
        self.thread.start()

    def submit(self, task: "Task") -> Future:
        fut: Future = Future()
        self._queue.put((task, fut))
        return fut

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            task, fut = item
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                task._run()
            except BaseException as exc:  # _run reports everything itself; this is a safety net
                fut.set_exception(exc)
            else:
                fut.set_result(None)

    def stop(self) -> None:
        """Finish the queued tasks (they are cancelled, so they return at once), then exit."""
        self._queue.put(None)

    def join(self, timeout: Optional[float] = None) -> bool:
        self.thread.join(timeout)
        return not self.thread.is_alive()


class _Bridge(QObject):
    """Lives on the GUI thread; worker threads emit on it, Qt queues the delivery."""

    event = Signal(object, str, object)


# -- the runner ----------------------------------------------------------------------------
class TaskRunner(QObject):
    """Runs core calls on worker threads, one executor per task kind.  See the module docs.

    Signals (GUI thread) for the status bar and tests:
      ``task_started(Task)``, ``task_progress(Task)`` (read ``task.fraction``/``task.message``),
      ``task_finished(Task)`` (``task.status`` is done/cancelled/error; a superseded done task
      has ``task.stale``),
      ``error_occurred(Task, BaseException, str)`` (with the formatted traceback).
    """

    task_started = Signal(object)
    task_progress = Signal(object)
    task_finished = Signal(object)
    error_occurred = Signal(object, object, str)

    def __init__(self, parent: Optional[QObject] = None, *, dialog_parent: Optional[QWidget] = None):
        super().__init__(parent)
        self._bridge: Optional[_Bridge] = _Bridge(self)
        self._bridge.event.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self._workers: dict[str, _Worker] = {}
        self._current: dict[str, Task] = {}     # the task whose results count, per kind
        self._running: list[Task] = []          # started and not yet finished (incl. superseded)
        self._closed = False
        self.dialog_parent = dialog_parent
        """Parent widget for error dialogs (the main window)."""
        self.show_error_dialogs = True
        """False in headless modes (screenshots/smoke): errors are only logged."""
        self.last_error_dialog: Optional["ErrorDialog"] = None
        self._child_pool = None

    @property
    def child_pool(self):
        """The :class:`~shopinsight.core.process.ChildPool` the long analysis jobs run in
        (:func:`in_child`); closed by :meth:`shutdown`."""
        if self._child_pool is None:
            from ..core.jobs import JOB_MODULES
            from ..core.process import ChildPool
            self._child_pool = ChildPool(warm=JOB_MODULES)
        return self._child_pool

    # -- public API ------------------------------------------------------------------------
    def start(self, kind: str, fn: Callable[[TaskState], Any], *,
              on_done: Optional[Callable[[Any], None]] = None,
              on_error: Optional[Callable[[BaseException], Any]] = None,
              on_progress: Optional[Callable[[float, str], None]] = None,
              on_partial: Optional[Callable[[Any], None]] = None,
              on_cancelled: Optional[Callable[[], None]] = None,
              title: str = "", quiet: bool = False) -> Task:
        """Run ``fn(state)`` on the worker of ``kind``; cancels the previous task of that kind.

        Callbacks run on the GUI thread, only for the current task of the kind (a superseded
        task's late result is dropped; a cancelled task whose ``fn`` still returned is done and
        its result is delivered):
        ``on_done(result)``, ``on_progress(fraction, message)``, ``on_partial(obj)``,
        ``on_cancelled()``, ``on_error(exc)``.  Errors are logged; the error dialog is shown
        unless ``on_error`` returns True (meaning "handled").  ``InputError`` (bad input) shows
        a plain warning instead of a bug report.  A ``quiet`` task (background preparation the
        user did not ask for) is left out of :meth:`running_tasks`, so the status bar does not show it.
        """
        if self._closed:
            raise RuntimeError("the task runner was shut down")
        self.cancel(kind)
        task = Task(self, kind, fn, title, dict(on_done=on_done, on_error=on_error,
                                                on_progress=on_progress, on_partial=on_partial,
                                                on_cancelled=on_cancelled))
        task.quiet = quiet
        worker = self._workers.get(kind)
        if worker is None:
            worker = self._workers[kind] = _Worker(kind)
        self._current[kind] = task
        self._running.append(task)
        task.future = worker.submit(task)
        log.info("task %s started: %s", kind, task.title)
        self.task_started.emit(task)
        return task

    def cancel(self, kind: Optional[str] = None) -> None:
        """Cancel the task of ``kind`` (all tasks when None).  Returns at once; see :meth:`wait`."""
        for task in list(self._running):
            if kind is None or task.kind == kind:
                task.cancel()
        if kind is None:
            self._current.clear()
        else:
            self._current.pop(kind, None)

    def current(self, kind: str) -> Optional[Task]:
        """The task of ``kind`` whose results will be delivered, if any is running."""
        return self._current.get(kind)

    def is_running(self, kind: Optional[str] = None) -> bool:
        """True while a task (of ``kind``) is running on a worker."""
        return any(kind is None or t.kind == kind for t in self._running)

    def is_busy(self) -> bool:
        """True while any task runs."""
        return bool(self._running)

    def running_tasks(self) -> list[Task]:
        """Current (non-superseded, not quiet) running tasks, oldest first."""
        return [t for t in self._running if self._current.get(t.kind) is t and not t.quiet]

    def wait(self, kind: Optional[str] = None, timeout: Optional[float] = None) -> bool:
        """Block until the tasks (of ``kind``) finish on their workers; True if they did.

        Their callbacks are delivered later by the event loop (or never, after shutdown).
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        for task in list(self._running):
            if kind is not None and task.kind != kind or task.future is None:
                continue
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                task.future.exception(timeout=left)
            except Exception:  # TimeoutError or CancelledError
                return task.future.done()
        return True

    def shutdown(self, wait: bool = True, timeout: Optional[float] = None) -> bool:
        """Cancel every task, stop delivering callbacks, and (by default) join the workers.

        With ``timeout``, gives up waiting after that many seconds in total (a core call that
        ignores Cancel is then abandoned; it is logged).  Returns True when all workers ended.
        """
        if self._closed:
            return True
        self._closed = True
        self.cancel(None)
        bridge, self._bridge = self._bridge, None
        workers, self._workers = self._workers, {}
        for w in workers.values():
            w.stop()
        all_done = True
        if wait:
            deadline = None if timeout is None else time.monotonic() + timeout
            for kind, w in workers.items():
                left = None if deadline is None else max(0.0, deadline - time.monotonic())
                if not w.join(left):
                    all_done = False
                    log.warning("task %s did not stop within %.1f s of Cancel; abandoned at exit",
                                kind, timeout or 0.0)
        if self._child_pool is not None:        # the child waiting for a job ends too
            self._child_pool.close()
        if bridge is not None:
            try:
                bridge.event.disconnect(self._on_event)
            except (RuntimeError, TypeError):
                pass
        self._running.clear()
        log.info("task runner shut down")
        return all_done

    @property
    def is_shut_down(self) -> bool:
        return self._closed

    # -- delivery on the GUI thread ----------------------------------------------------------
    @Slot(object, str, object)
    def _on_event(self, task: Task, what: str, payload: Any) -> None:
        if self._closed:
            return
        current = self._current.get(task.kind) is task and not task.cancelled
        newer = self._current.get(task.kind)
        superseded = newer is not None and newer is not task
        cb = task.callbacks
        if what == "progress":
            task.fraction, task.message = payload
            if current:
                self.task_progress.emit(task)
                _call(cb["on_progress"], *payload)
        elif what == "partial":
            if current:
                _call(cb["on_partial"], payload)
        else:  # done | cancelled | error: the worker has finished
            self._finish(task, what)
            if what == "done":
                if superseded:     # a newer task of this kind runs: this result is stale
                    task.stale = True
                else:              # finished (maybe despite a late Cancel): show what was done
                    _call(cb["on_done"], payload)
            elif what == "cancelled":
                log.info("task %s cancelled after %.2f s", task.kind, task.seconds)
                _call(cb["on_cancelled"])
            else:
                exc, tb = payload
                self._report_error(task, exc, tb, handler=cb["on_error"] if current else None)
            self.task_finished.emit(task)

    def _finish(self, task: Task, status: str) -> None:
        task.status = status
        task.seconds = time.monotonic() - task.started_at
        if task in self._running:
            self._running.remove(task)
        if self._current.get(task.kind) is task:
            del self._current[task.kind]

    def _report_error(self, task: Task, exc: BaseException, tb: str,
                      handler: Optional[Callable[[BaseException], Any]]) -> None:
        from ..core.store import as_user_error
        exc = as_user_error(exc)        # a damaged or read-only shop is the user's to fix, not a bug
        if isinstance(exc, InputError):
            log.warning("task %s: bad input: %s", task.kind, exc)
        else:
            log.error("task %s (%s) failed after %.2f s:\n%s", task.kind, task.title, task.seconds, tb)
        self.error_occurred.emit(task, exc, tb)
        handled = _call(handler, exc) if handler is not None else None
        if handled is True or not self.show_error_dialogs:
            return
        parent = self.dialog_parent if _alive(self.dialog_parent) else None
        dlg = ErrorDialog(task.title, exc, tb, parent=parent)
        self.last_error_dialog = dlg
        dlg.open()


def _alive(obj: Any) -> bool:
    return obj is not None and (not isinstance(obj, QObject) or shiboken6.isValid(obj))


def _call(fn: Optional[Callable], *args: Any) -> Any:
    """Call a GUI-thread callback unless its owner widget was deleted meanwhile (tab rebuilt)."""
    if fn is None:
        return None
    if not _owners_alive(fn):
        return None
    try:
        return fn(*args)
    except RuntimeError as exc:
        if not _owners_alive(fn):   # its widget went away during the callback (tab rebuilt)
            log.debug("task callback %r skipped: %s", fn, exc)
            return None
        return _callback_failed(fn)
    except Exception:  # a bug in a callback must not kill the event loop
        return _callback_failed(fn)


def _owners_alive(fn: Callable) -> bool:
    """False when the callback's widget — ``self`` of a bound method, or a QObject captured by
    a lambda — has been deleted."""
    owners = [getattr(fn, "__self__", None)]
    for cell in getattr(fn, "__closure__", None) or ():
        try:
            owners.append(cell.cell_contents)
        except ValueError:   # empty cell
            pass
    return all(shiboken6.isValid(o) for o in owners if isinstance(o, QObject))


def _callback_failed(fn: Callable) -> None:
    """Log a failing GUI-thread callback (call inside ``except``) and show the error dialog."""
    log.exception("task callback %r failed", fn)
    tb = traceback.format_exc()
    app = QApplication.instance()
    if app is not None and not getattr(app, "_shopinsight_headless", False):
        ErrorDialog(QApplication.translate("TaskRunner", "Showing results"),
                    RuntimeError("internal error while showing results"), tb).open()
    return None
