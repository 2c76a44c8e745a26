"""Run a long core call in a separate process, with the same progress / cancel contract.

A worker *thread* shares the interpreter lock with the GUI thread: pandas and the ``sqlite3``
module hold it for tens of milliseconds at a time on large chunks, which shows up as a stuttering
window during a big import.  A child process has its own interpreter, so the GUI process only
waits on a queue.  The call keeps the core contract: ``progress(fraction, message)`` is called
(rate-limited) in the caller, ``should_stop()`` is polled and forwarded to the child, whose core
call raises :class:`Cancelled` and rolls back *before* this function returns — so "cancelled"
still means "the shop is unchanged".

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
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from .tasks import Cancelled, as_reporter

__all__ = ["run_in_process", "import_into", "PROCESS_IMPORT_BYTES"]

#: imports of files larger than this (in total) run in a child process in the GUI;
#: smaller ones finish before a child process would even have started (~1 s)
PROCESS_IMPORT_BYTES = 2 << 20

_PROGRESS_INTERVAL = 0.05

log = logging.getLogger("shopinsight.process")


def _child(q, stop, fn, args, kwargs, nice: int) -> None:
    if nice and hasattr(os, "nice"):
        try:   # a background job: when the CPU is busy the window gets it first
            os.nice(nice)
        except OSError:
            pass
    last = [0.0]

    def progress(fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if now - last[0] >= _PROGRESS_INTERVAL or fraction >= 1.0:
            last[0] = now
            q.put(("progress", (float(fraction), str(message))))

    try:
        result = fn(*args, progress=progress, should_stop=stop.is_set, **kwargs)
    except Cancelled:
        q.put(("cancelled", None))
    except BaseException as exc:  # noqa: BLE001 - sent to the parent, which re-raises it
        try:
            pickle.dumps(exc)
        except Exception:
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        q.put(("error", exc))
    else:
        q.put(("done", result))


def run_in_process(fn: Callable[..., Any], *args: Any, progress=None, should_stop=None,
                   poll: float = 0.05, nice: int = 0, **kwargs: Any) -> Any:
    """``fn(*args, progress=..., should_stop=..., **kwargs)`` in a spawned child; returns its result.

    ``fn`` must be a module-level function and its arguments and result picklable.  The child
    can run at a lower scheduling priority (``nice`` > 0, POSIX).  Raises what
    ``fn`` raised (:class:`Cancelled` when stopped); on cancel it returns only after the child
    finished rolling back (or was terminated after 60 s, which SQLite also rolls back).
    """
    rep = as_reporter(progress, should_stop)
    ctx = mp.get_context("spawn")       # never fork a process that runs Qt threads
    q = ctx.Queue()
    stop = ctx.Event()
    proc = ctx.Process(target=_child, args=(q, stop, fn, args, kwargs, nice), daemon=True,
                       name="shopinsight-task")
    try:
        proc.start()
    except (RuntimeError, OSError) as exc:
        # no child possible here (e.g. a script without a ``__main__`` guard, a locked-down
        # system): do the work in the calling thread rather than not at all
        log.warning("cannot start a worker process (%s); running in this thread", exc)
        q.close()
        return fn(*args, progress=progress, should_stop=should_stop, **kwargs)
    try:
        while True:
            if rep.stopping:
                stop.set()
            try:
                kind, payload = q.get(timeout=poll)
            except queue.Empty:
                if not proc.is_alive() and q.empty():
                    if stop.is_set():
                        raise Cancelled("cancelled by the user") from None
                    raise RuntimeError(f"the worker process ended unexpectedly (exit code {proc.exitcode})")
                continue
            if kind == "progress":
                if not stop.is_set() and rep.progress is not None:
                    rep.progress(rep.start + (rep.end - rep.start) * payload[0], payload[1])
            elif kind == "done":
                return payload
            elif kind == "cancelled":
                raise Cancelled("cancelled by the user")
            else:
                raise payload
    finally:
        stop.set()
        proc.join(timeout=60)
        if proc.is_alive():
            proc.terminate()
            proc.join()
        q.close()


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
