"""Progress reporting and cooperative cancellation for long core calls.

Every long core function accepts ``progress`` (a callable ``(fraction, message)``) and
``should_stop`` (a callable returning ``True`` when the caller wants it to stop).  Inside,
wrap both in a :class:`Reporter`; calling it reports progress *and* checks for a stop
request, raising :class:`Cancelled`.  ``Reporter.sub(a, b)`` maps a stage of the work onto
the sub-range ``a..b`` of the caller's bar (Orange's ``wrap_callback`` idea), so nested
calls compose without knowing where they sit in the whole job.

Once a job has *committed* its writes (``Shop.transaction(reporter)`` marks the reporter, and
every reporter derived from it with ``sub``), a stop request is no longer honoured: a job that
saved its work reports done, never cancelled.  The last check for cancel is made inside the
transaction, just before ``COMMIT``.

No Qt here: the GUI adapts these callables to queued signals, the CLI to a stderr bar.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

ProgressFn = Callable[[float, str], None]
StopFn = Callable[[], bool]

__all__ = ["Cancelled", "Reporter", "ProgressFn", "StopFn", "as_reporter"]


class Cancelled(Exception):
    """Raised inside a core call when the caller asked it to stop.

    Callers that write (imports, stored runs) roll back before re-raising, so a cancelled
    call never leaves partial results behind.
    """


class _Commit:
    """Shared by a reporter and all its ``sub`` reporters: has the job committed its writes?"""

    __slots__ = ("done", "listeners")

    def __init__(self) -> None:
        self.done = False
        self.listeners: list[Callable[[], None]] = []


@dataclass
class Reporter:
    """A progress callback plus a stop check, mapped onto a sub-range of the caller's bar."""

    progress: Optional[ProgressFn] = None
    should_stop: Optional[StopFn] = None
    start: float = 0.0
    end: float = 1.0
    _commit: _Commit = field(default_factory=_Commit, repr=False, compare=False)

    def __call__(self, fraction: float, message: str = "") -> None:
        """Report ``fraction`` (0–1 of this stage) and raise :class:`Cancelled` if asked to stop."""
        self.check()
        if self.progress is not None:
            f = min(max(float(fraction), 0.0), 1.0)
            self.progress(self.start + (self.end - self.start) * f, message)

    def check(self) -> None:
        """Raise :class:`Cancelled` when the caller asked to stop (never once committed)."""
        if self.stopping:
            raise Cancelled("cancelled by the user")

    def sub(self, start: float, end: float) -> "Reporter":
        """A reporter for a stage covering ``start..end`` of this reporter's range
        (it shares this reporter's committed state)."""
        span = self.end - self.start
        return Reporter(self.progress, self.should_stop,
                        self.start + span * start, self.start + span * end, self._commit)

    @property
    def stopping(self) -> bool:
        """True when the caller asked to stop and nothing was committed yet (for loops that
        clean up before raising)."""
        return bool(not self._commit.done and self.should_stop is not None and self.should_stop())

    # -- committed state ---------------------------------------------------------------------
    @property
    def committed(self) -> bool:
        """True once the job committed its writes: from here on it finishes and reports done."""
        return self._commit.done

    def mark_committed(self) -> None:
        """Record that the job's writes are committed (``Shop.transaction`` calls this right
        after ``COMMIT``); later stop requests are ignored and listeners are told once."""
        if self._commit.done:
            return
        self._commit.done = True
        for fn in list(self._commit.listeners):
            fn()

    def on_commit(self, fn: Callable[[], None]) -> None:
        """Call ``fn()`` when the job commits (e.g. a child process telling its parent)."""
        self._commit.listeners.append(fn)


def as_reporter(progress: Optional[ProgressFn] = None, should_stop: Optional[StopFn] = None) -> Reporter:
    """Wrap the two optional callables every long core call accepts."""
    if isinstance(progress, Reporter):
        return progress
    return Reporter(progress, should_stop)
