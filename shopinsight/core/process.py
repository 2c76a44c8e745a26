"""Run a long core call in a separate process, with the same progress / cancel contract.

A worker *thread* shares the interpreter lock with the GUI thread: pandas and the ``sqlite3``
module hold it for tens of milliseconds at a time on large chunks, which shows up as a stuttering
window during a big import.  A child process has its own interpreter, so the GUI process only
waits on a queue.  The call keeps the core contract: ``progress(fraction, message)`` is called
(rate-limited) in the caller, ``should_stop()`` is polled and forwarded to the child, whose core
call raises :class:`Cancelled` and rolls back *before* this function returns — so "cancelled"
still means "the shop is unchanged".

Once the child's job has committed (``Shop.transaction(reporter)``), it tells the parent, whose
reporter is marked committed too: the call then finishes and reports done, never cancelled.

The child never outlives its parent: on Linux the kernel kills it when the parent dies
(``prctl(PR_SET_PDEATHSIG)``), and everywhere a watchdog thread in the child notices that its
parent is gone, asks the job to stop (it rolls back) and exits after a short grace period — an
orphaned import never commits into a shop nobody is looking at.

No Qt here.  The child is *spawned* (never forked: the GUI process runs Qt threads), so the
program's main module must be import-safe (``if __name__ == "__main__":``) — the ``shopinsight``
entry points are — and frozen apps must call ``multiprocessing.freeze_support()`` at start-up
(``packaging/launcher.py`` does).
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
import pickle
import queue
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from .i18n import current_language, set_language
from .tasks import Cancelled, Reporter, as_reporter

__all__ = ["run_in_process", "ChildPool", "RemoteTraceback", "import_into", "PROCESS_IMPORT_BYTES"]

#: imports of files larger than this (in total) run in a child process in the GUI;
#: smaller ones finish before a child process would even have started (~1 s)
PROCESS_IMPORT_BYTES = 2 << 20

_PROGRESS_INTERVAL = 0.05
#: how often the child checks that its parent is alive, and how long an orphaned child may take
#: to roll back after being asked to stop before it exits anyway (SQLite rolls back either way)
_PARENT_POLL = 0.2
_ORPHAN_GRACE = 5.0
_PR_SET_PDEATHSIG = 1

log = logging.getLogger("shopinsight.process")


def _kill_with_parent(parent_pid: int) -> bool:
    """Linux: ask the kernel to SIGKILL this process when its parent dies; True if set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if os.getppid() != parent_pid:     # the parent died before the request was in place
        os._exit(1)
    return True


def watch_parent(parent_pid: int, orphaned: threading.Event, finished: threading.Event,
                 poll: float = _PARENT_POLL, grace: float = _ORPHAN_GRACE,
                 exit_fn: Callable[[int], Any] = os._exit) -> threading.Thread:
    """Portable watchdog (a daemon thread): when this process's parent is no longer
    ``parent_pid``, set ``orphaned`` (the job's stop check), give the job ``grace`` seconds to
    roll back and finish (``finished``), then ``exit_fn(1)``."""
    def loop() -> None:
        while not finished.wait(poll):
            if os.getppid() != parent_pid:
                orphaned.set()
                finished.wait(grace)
                exit_fn(1)
                return

    t = threading.Thread(target=loop, name="shopinsight-parent-watchdog", daemon=True)
    t.start()
    return t


class RemoteTraceback(Exception):
    """The child's own traceback, chained as the ``__cause__`` of an error re-raised in the parent
    (as ``concurrent.futures`` does), so the log and the bug dialog show where the child failed."""

    def __init__(self, tb: str):
        super().__init__(tb)
        self.tb = tb

    def __str__(self) -> str:
        return f"\n\n(in the worker process)\n{self.tb}"


def _picklable_error(exc: BaseException) -> BaseException:
    """``exc`` if it survives a pickle round trip (an ``InputError`` keeps its class, message and
    file/line/column/value), else a ``RuntimeError`` naming it."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def _child_setup(parent_pid: Optional[int], nice: int) -> tuple[threading.Event, threading.Event]:
    """In a new child: die with the parent, lower the priority; returns (orphaned, finished)."""
    orphaned, finished = threading.Event(), threading.Event()
    if parent_pid is not None:
        _kill_with_parent(parent_pid)
        watch_parent(parent_pid, orphaned, finished)
    if nice and hasattr(os, "nice"):
        try:   # a background job: when the CPU is busy the window gets it first
            os.nice(nice)
        except OSError:
            pass
    return orphaned, finished


def _child_job(q, stop, fn, args, kwargs, lang: str, partial: bool,
               orphaned: threading.Event, finished: threading.Event) -> None:
    """Run one job in the child; what happens is put on ``q`` for the parent."""
    set_language(lang)          # a spawned interpreter starts in English: speak the caller's language
    last = [0.0]

    def progress(fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if now - last[0] >= _PROGRESS_INTERVAL or fraction >= 1.0:
            last[0] = now
            q.put(("progress", (float(fraction), str(message))))

    rep = Reporter(progress, lambda: stop.is_set() or orphaned.is_set())
    rep.on_commit(lambda: q.put(("committed", None)))     # the parent's job is committed too
    if partial:
        kwargs = {**kwargs, "partial": lambda obj: q.put(("partial", obj))}
    try:
        result = fn(*args, progress=rep, should_stop=rep.should_stop, **kwargs)
    except Cancelled:
        q.put(("cancelled", None))
    except BaseException as exc:  # noqa: BLE001 - sent to the parent, which re-raises it
        import traceback
        q.put(("error", (_picklable_error(exc), traceback.format_exc())))
    else:
        q.put(("done", result))
    finally:
        finished.set()
        if orphaned.is_set():   # nobody reads the queue any more: do not wait for its feeder
            os._exit(1)


def _child(q, stop, fn, args, kwargs, nice: int, parent_pid: Optional[int] = None,
           lang: str = "en", partial: bool = False) -> None:
    orphaned, finished = _child_setup(parent_pid, nice)
    _child_job(q, stop, fn, args, kwargs, lang, partial, orphaned, finished)


def _ready_child(jobs, q, stop, nice: int, parent_pid: Optional[int], warm: Sequence[str], warmed=None) -> None:
    """A child started ahead of its job (:class:`ChildPool`): import ``warm`` (then set ``warmed``),
    then wait for one job ``(fn, args, kwargs, lang, partial)`` on ``jobs`` (None: exit) and run it."""
    orphaned, finished = _child_setup(parent_pid, nice)
    import importlib
    for name in warm:
        if orphaned.is_set():
            break
        try:
            importlib.import_module(name)
        except Exception:   # noqa: BLE001 - only a head start: the job imports what it needs itself
            pass
    if warmed is not None:
        warmed.set()
    while not orphaned.is_set():
        try:
            if not jobs.poll(_PARENT_POLL):
                continue
            item = jobs.recv()
        except (EOFError, OSError):       # the parent closed its end: no job will come
            return
        if item is None:
            return
        fn, args, kwargs, lang, partial = item
        _child_job(q, stop, fn, args, kwargs, lang, partial, orphaned, finished)
        return
    os._exit(1)


class _Started:
    """A spawned child, its result queue and stop event, and for a child started ahead of its job
    the sending end of the pipe its job comes through (a pipe: no feeder thread in this process)."""

    def __init__(self, proc, q, stop, jobs=None, warmed=None):
        self.proc, self.q, self.stop, self.jobs, self.warmed = proc, q, stop, jobs, warmed
        self.sent = False

    def send(self, job: tuple) -> None:
        self.jobs.send(job)
        self.sent = True

    def close(self, timeout: float = 60.0) -> None:
        self.stop.set()
        if self.jobs is not None:
            if not self.sent:         # a child still waiting for its job (it has no shop open): exit
                try:
                    self.jobs.send(None)
                except (ValueError, OSError):
                    pass
                timeout = min(timeout, 0.5)      # still importing: nothing to lose by ending it
            self.jobs.close()
        self.proc.join(timeout=timeout)
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join()
        self.q.close()


def _start_ready(nice: int, warm: Sequence[str]) -> _Started:
    ctx = mp.get_context("spawn")
    q, stop, warmed = ctx.Queue(), ctx.Event(), ctx.Event()
    reader, writer = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_ready_child, args=(reader, q, stop, nice, os.getpid(), tuple(warm), warmed),
                       daemon=True, name="shopinsight-task")
    try:
        proc.start()
    finally:
        reader.close()        # the child's end
    return _Started(proc, q, stop, writer, warmed)


def run_in_process(fn: Callable[..., Any], *args: Any, progress=None, should_stop=None,
                   poll: float = 0.05, nice: int = 0, on_partial: Optional[Callable[[Any], None]] = None,
                   _child_ready: Optional[_Started] = None, **kwargs: Any) -> Any:
    """``fn(*args, progress=..., should_stop=..., **kwargs)`` in a spawned child; returns its result.

    ``fn`` must be a module-level function and its arguments and result picklable.  The child
    can run at a lower scheduling priority (``nice`` > 0, POSIX).  With ``on_partial``, ``fn`` is
    also given ``partial=``: each object it passes reaches ``on_partial(obj)`` in the caller
    (pickled through the same queue, in order with the progress).  Raises what
    ``fn`` raised (:class:`Cancelled` when stopped; another error with the child's traceback as its
    ``__cause__``, a :class:`RemoteTraceback`); on cancel it returns only after the child
    finished rolling back (or was terminated after 60 s, which SQLite also rolls back).  Once the
    child committed, a Cancel is ignored and the result is returned.  The child dies with the
    calling process (see the module docs).  (:class:`ChildPool` passes a child it started ahead.)
    """
    rep = as_reporter(progress, should_stop)
    partial = on_partial is not None
    if _child_ready is not None:
        child = _child_ready
        child.send((fn, args, kwargs, current_language(), partial))
    else:
        ctx = mp.get_context("spawn")       # never fork a process that runs Qt threads
        q = ctx.Queue()
        stop = ctx.Event()
        proc = ctx.Process(target=_child, args=(q, stop, fn, args, kwargs, nice, os.getpid(), current_language(),
                                                partial),
                           daemon=True, name="shopinsight-task")
        try:
            proc.start()
        except (RuntimeError, OSError) as exc:
            # no child possible here (e.g. a script without a ``__main__`` guard, a locked-down
            # system): do the work in the calling thread rather than not at all
            log.warning("cannot start a worker process (%s); running in this thread", exc)
            q.close()
            if partial:
                kwargs = {**kwargs, "partial": on_partial}
            return fn(*args, progress=progress, should_stop=should_stop, **kwargs)
        child = _Started(proc, q, stop)
    proc, q, stop = child.proc, child.q, child.stop
    try:
        while True:
            if rep.stopping:
                stop.set()
            try:
                kind, payload = q.get(timeout=poll)
            except queue.Empty:
                if not proc.is_alive() and q.empty():
                    if stop.is_set() and not rep.committed:
                        raise Cancelled("cancelled by the user") from None
                    raise RuntimeError(f"the worker process ended unexpectedly (exit code {proc.exitcode})")
                continue
            if kind == "progress":
                if (rep.committed or not stop.is_set()) and rep.progress is not None:
                    rep.progress(rep.start + (rep.end - rep.start) * payload[0], payload[1])
            elif kind == "partial":
                if partial and not stop.is_set():
                    on_partial(payload)
            elif kind == "committed":    # from here on the job finishes: a late Cancel is ignored
                rep.mark_committed()
            elif kind == "done":
                return payload
            elif kind == "cancelled":
                raise Cancelled("cancelled by the user")
            else:
                exc, tb = payload
                raise exc from RemoteTraceback(tb)
    finally:
        child.close()


class ChildPool:
    """Runs jobs in child processes (:func:`run_in_process`) and, once :meth:`prepare` was called,
    keeps one child started ahead — interpreter up and ``warm`` modules imported — so a job does
    not wait for a new interpreter (1–2 s, more on a busy machine).

    Each job still gets a child of its own, which ends with the job (no state or memory carried
    from one job to the next; cancel, rollback and "committed" exactly as :func:`run_in_process`);
    after a job the pool starts the next child ahead.  Two jobs at once: the second spawns its child
    as :func:`run_in_process` does.  A child waiting for its job dies with the parent like any other
    (``PR_SET_PDEATHSIG``, and the watchdog).  :meth:`close` ends the waiting child (the GUI's task
    runner calls it when it shuts down).  No Qt.
    """

    def __init__(self, warm: Sequence[str] = (), nice: int = 0):
        self.warm = tuple(warm)
        self.nice = nice
        self._lock = threading.Lock()
        self._ready: Optional[_Started] = None
        self._keep_ready = False
        self._closed = False

    def prepare(self) -> None:
        """Start a child ahead of the next job (and after every job from now on)."""
        with self._lock:
            if self._closed:
                return
            self._keep_ready = True
            if self._ready is not None and self._ready.proc.is_alive():
                return
            try:
                self._ready = _start_ready(self.nice, self.warm)
            except (RuntimeError, OSError) as exc:
                log.warning("cannot start a worker process ahead (%s)", exc)
                self._ready = None

    @property
    def ready_pid(self) -> Optional[int]:
        """The pid of the child waiting for the next job, if any."""
        r = self._ready
        return r.proc.pid if r is not None and r.proc.is_alive() else None

    @property
    def warmed(self) -> bool:
        """True when a child waits that has finished importing its modules."""
        r = self._ready
        return r is not None and r.warmed.is_set() and r.proc.is_alive()

    def take(self) -> Optional[_Started]:
        """The waiting child, for :meth:`run`, once it has imported its modules (None if none waits
        or it is still importing).  A child still importing is never handed a job: it would read
        the job only after the last of its modules (seconds with scikit-learn, more on a busy
        machine), where a new child that imports only what the job needs starts in about a second
        (:meth:`run` ends the importing one first)."""
        with self._lock:
            child = self._ready
            if child is None or not child.warmed.is_set():
                return None
            self._ready = None
        if not child.proc.is_alive():
            child.close(timeout=1.0)
            return None
        return child

    def run(self, fn: Callable[..., Any], *args: Any, child: Optional[_Started] = None, **kwargs: Any) -> Any:
        """:func:`run_in_process` ``(fn, *args, **kwargs)`` in ``child`` (from :meth:`take`), else in
        the child started ahead if one waits done importing (:meth:`take`), else in a new one."""
        if child is None:
            child = self.take()
        if child is None:
            self._end_importing()
        try:
            return run_in_process(fn, *args, nice=self.nice, _child_ready=child, **kwargs)
        finally:
            if self._keep_ready:
                self.prepare()

    def _end_importing(self) -> None:
        """End a waiting child still importing (it has no shop open) before a job spawns a new one:
        on a machine with few cores its imports would slow the job's start-up; the next child is
        started ahead when the job ends."""
        with self._lock:
            child = self._ready
            if child is None or child.warmed.is_set():
                return
            self._ready = None
        child.close(timeout=0)       # never sent a job: ended at once

    def close(self, timeout: float = 5.0) -> None:
        """End the child waiting for a job (jobs running keep their own children until they end)."""
        with self._lock:
            self._closed = True
            child, self._ready = self._ready, None
        if child is not None:
            child.close(timeout=timeout)


def import_into(shop_path: str | Path, paths: Sequence[str | Path], options=None,
                progress=None, should_stop=None) -> list[dict]:
    """Open the shop and import ``paths`` (for :func:`run_in_process`); returns the result dicts."""
    from .importer import import_files
    from .store import Shop

    with Shop(shop_path) as shop:
        results = import_files(shop, list(paths), options, progress=progress, should_stop=should_stop)
    return [r.to_dict() for r in results]


def total_size(paths: Sequence[str | Path]) -> int:
    """Bytes on disk of the files that exist (to decide thread or process)."""
    return sum(Path(p).stat().st_size for p in paths if Path(p).exists())
